"""Schedules firing on the Cloud's clock: instants, time zones, windows, dates, retries."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pyserverless import Cloud, ManualClock

MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()
ROLE = "arn:aws:iam::123456789012:role/scheduler"
HOUR = 3600
DAY = 86400


def utc(*args: int) -> float:
    return dt.datetime(*args, tzinfo=dt.UTC).timestamp()  # type: ignore[misc, arg-type]


def schedule(cloud: Cloud, arn: str, expression: str, name: str = "s", **extra: Any) -> str:
    params: dict[str, Any] = {
        "Name": name,
        "ScheduleExpression": expression,
        "FlexibleTimeWindow": {"Mode": "OFF"},
        "Target": {"Arn": arn, "RoleArn": ROLE, **extra.pop("target", {})},
    }
    params.update(extra)
    arn_out: str = cloud.client("scheduler").create_schedule(**params)["ScheduleArn"]
    return arn_out


class TestInstants:
    def test_rate_one_hour_fires_24_times_a_day(self, cloud: Cloud, fn: Any) -> None:
        """rate(1 hour) without StartDate fires at once, then every hour: 24 in a day."""
        schedule(cloud, fn.arn, "rate(1 hour)")
        cloud.advance(DAY - 1)
        assert fn.times == [MONDAY + HOUR * k for k in range(24)]
        assert all(event == {} for _, event in fn.seen)  # no Input: the default payload

    def test_rate_counts_from_start_date(self, cloud: Cloud, fn: Any) -> None:
        """A StartDate is the first firing of a rate schedule."""
        start = dt.datetime.fromtimestamp(MONDAY + 1000, dt.UTC)
        schedule(cloud, fn.arn, "rate(10 minutes)", StartDate=start)
        cloud.advance(1000 + 1200)
        assert fn.times == [MONDAY + 1000, MONDAY + 1600, MONDAY + 2200]

    def test_cron_utc(self, cloud: Cloud, fn: Any) -> None:
        """cron(15 */6 * * ? *): four firings a day at the quarter past."""
        schedule(cloud, fn.arn, "cron(15 */6 * * ? *)")
        cloud.advance(DAY)
        assert fn.times == [MONDAY + h * HOUR + 900 for h in (0, 6, 12, 18)]

    def test_at_fires_once(self, cloud: Cloud, fn: Any) -> None:
        """at() fires once, at its instant, and the schedule stays (ActionAfterCompletion NONE)."""
        schedule(cloud, fn.arn, "at(2024-03-25T10:30:00)")
        cloud.advance(DAY)
        assert fn.times == [utc(2024, 3, 25, 10, 30)]
        assert cloud.client("scheduler").get_schedule(Name="s")["State"] == "ENABLED"

    def test_at_in_a_time_zone(self, cloud: Cloud, fn: Any) -> None:
        """at() reads wall-clock time in ScheduleExpressionTimezone."""
        schedule(
            cloud, fn.arn, "at(2024-03-25T10:30:00)", ScheduleExpressionTimezone="America/New_York"
        )
        cloud.advance(DAY)
        assert fn.times == [utc(2024, 3, 25, 14, 30)]  # EDT is UTC-4

    def test_at_in_the_past_never_fires(self, cloud: Cloud, fn: Any) -> None:
        """An at() instant already past never fires."""
        schedule(cloud, fn.arn, "at(2024-03-24T10:30:00)")
        cloud.advance(DAY)
        assert fn.seen == []


class TestDaylightSaving:
    def test_weekday_cron_in_paris_across_spring_change(self, cloud: Cloud, fn: Any) -> None:
        """cron(0 9 ? * MON-FRI *) in Europe/Paris: 08:00 UTC before 31 March, 07:00 after."""
        schedule(
            cloud, fn.arn, "cron(0 9 ? * MON-FRI *)", ScheduleExpressionTimezone="Europe/Paris"
        )
        cloud.advance(14 * DAY)
        expected = [utc(2024, 3, d, 8) for d in (25, 26, 27, 28, 29)]
        expected += [utc(2024, 4, d, 7) for d in (1, 2, 3, 4, 5)]
        assert fn.times == expected
        paris = ZoneInfo("Europe/Paris")
        assert {dt.datetime.fromtimestamp(t, paris).hour for t in fn.times} == {9}

    def test_skipped_local_time_does_not_fire(self, cloud: Cloud, fn: Any) -> None:
        """02:30 does not exist in Paris on 31 March 2024: that day's firing is skipped."""
        schedule(cloud, fn.arn, "cron(30 2 * * ? *)", ScheduleExpressionTimezone="Europe/Paris")
        cloud.advance(8 * DAY)
        days = [dt.datetime.fromtimestamp(t, dt.UTC).day for t in fn.times]
        assert 31 not in days and len(days) == 7
        assert fn.times[-1] == utc(2024, 4, 1, 0, 30)  # 02:30 CEST

    def test_rate_days_are_24_hours_across_the_change(self, cloud: Cloud, fn: Any) -> None:
        """rate(1 day) is 24 hours of elapsed time, whatever the zone's clocks do (as AWS
        documents): 00:00 UTC is 01:00 in Paris before 31 March and 02:00 after."""
        schedule(cloud, fn.arn, "rate(1 day)", ScheduleExpressionTimezone="Europe/Paris")
        cloud.advance(9 * DAY - 1)
        assert fn.times == [MONDAY + k * DAY for k in range(9)]

    def test_repeated_local_time_fires_once(self, fn: Any, make_recorder: Any) -> None:
        """01:30 happens twice in New York on 3 November 2024: the schedule fires once."""
        cloud = Cloud(clock=ManualClock(utc(2024, 11, 2)))
        rec = make_recorder(cloud, "nyc")
        schedule(
            cloud, rec.arn, "cron(30 1 * * ? *)", ScheduleExpressionTimezone="America/New_York"
        )
        cloud.advance(3 * DAY)
        assert rec.times == [
            utc(2024, 11, 2, 5, 30),
            utc(2024, 11, 3, 5, 30),
            utc(2024, 11, 4, 6, 30),
        ]


class TestFlexibleWindow:
    def _times(self, seed: int) -> list[float]:
        cloud = Cloud(clock=ManualClock(MONDAY), seed=seed)
        seen: list[float] = []
        arn = cloud.lambda_.create_function("f", handler=_Appender(cloud, seen)).arn
        schedule(
            cloud,
            arn,
            "cron(0 * * * ? *)",
            FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15},
        )
        cloud.advance(DAY + HOUR)
        return seen

    def test_deterministic_per_seed_and_within_the_window(self) -> None:
        """Each firing lands in [due, due + 15 min); the same seed gives the same instants."""
        first = self._times(7)
        assert first == self._times(7)
        assert first != self._times(8)
        assert len(first) == 25
        for k, t in enumerate(first):
            due = MONDAY + k * HOUR
            assert due <= t < due + 15 * 60
        assert len({round(t - MONDAY) % HOUR for t in first}) > 1  # not a fixed offset


class _Appender:
    def __init__(self, cloud: Cloud, seen: list[float]) -> None:
        self.cloud, self.seen = cloud, seen

    def __call__(self, event: Any, context: Any) -> None:
        self.seen.append(self.cloud.clock.time())


class TestDates:
    def test_cron_waits_for_start_date(self, cloud: Cloud, fn: Any) -> None:
        """No firing before StartDate; the first due instant at or after it fires."""
        start = dt.datetime(2024, 3, 25, 5, 0, tzinfo=dt.UTC)
        schedule(cloud, fn.arn, "cron(0 * * * ? *)", StartDate=start)
        cloud.advance(8 * HOUR - 1)
        assert fn.times == [MONDAY + h * HOUR for h in (5, 6, 7)]

    def test_end_date_both_sides(self, cloud: Cloud, fn: Any) -> None:
        """A firing due exactly at EndDate happens; none after it."""
        end = dt.datetime.fromtimestamp(MONDAY + 3 * HOUR, dt.UTC)
        schedule(cloud, fn.arn, "rate(1 hour)", EndDate=end)
        cloud.advance(DAY)
        assert fn.times == [MONDAY + h * HOUR for h in range(4)]

    def test_one_time_schedule_ignores_dates(self, cloud: Cloud, fn: Any) -> None:
        """AWS ignores StartDate and EndDate for an at() schedule (kept in GetSchedule)."""
        start = dt.datetime(2024, 3, 26, tzinfo=dt.UTC)
        end = start + dt.timedelta(days=1)
        schedule(cloud, fn.arn, "at(2024-03-25T02:00:00)", StartDate=start, EndDate=end)
        cloud.advance(DAY)
        assert fn.times == [MONDAY + 2 * HOUR]
        assert cloud.client("scheduler").get_schedule(Name="s")["StartDate"] == start


class TestActionAfterCompletion:
    def test_delete_after_the_one_time_firing(self, cloud: Cloud, fn: Any) -> None:
        """An at() schedule with DELETE fires once, then is gone."""
        client = cloud.client("scheduler")
        schedule(cloud, fn.arn, "at(2024-03-25T01:00:00)", ActionAfterCompletion="DELETE")
        cloud.advance(HOUR - 1)
        assert client.get_schedule(Name="s")["ActionAfterCompletion"] == "DELETE"
        cloud.advance(1)
        assert fn.times == [MONDAY + HOUR]
        assert client.list_schedules()["Schedules"] == []

    def test_recurring_with_end_date_deleted_after_last(self, cloud: Cloud, fn: Any) -> None:
        """A recurring schedule with DELETE is removed after its last firing before EndDate."""
        end = dt.datetime.fromtimestamp(MONDAY + 2.5 * HOUR, dt.UTC)
        schedule(cloud, fn.arn, "rate(1 hour)", EndDate=end, ActionAfterCompletion="DELETE")
        cloud.advance(HOUR)
        assert len(cloud.client("scheduler").list_schedules()["Schedules"]) == 1
        cloud.advance(HOUR)
        assert fn.times == [MONDAY, MONDAY + HOUR, MONDAY + 2 * HOUR]
        assert cloud.client("scheduler").list_schedules()["Schedules"] == []

    def test_none_keeps_it(self, cloud: Cloud, fn: Any) -> None:
        """ActionAfterCompletion NONE: a completed schedule stays."""
        schedule(cloud, fn.arn, "at(2024-03-25T01:00:00)", ActionAfterCompletion="NONE")
        cloud.advance(DAY)
        assert len(cloud.client("scheduler").list_schedules()["Schedules"]) == 1


class TestChanges:
    def test_disable_and_enable(self, cloud: Cloud, fn: Any) -> None:
        """DISABLED (via UpdateSchedule) stops firing; ENABLED again re-anchors a rate."""
        client = cloud.client("scheduler")
        schedule(cloud, fn.arn, "rate(1 hour)")
        cloud.advance(HOUR + 60)
        base = {
            "Name": "s",
            "ScheduleExpression": "rate(1 hour)",
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "Target": {"Arn": fn.arn, "RoleArn": ROLE},
        }
        client.update_schedule(**base, State="DISABLED")
        cloud.advance(3 * HOUR)
        assert fn.times == [MONDAY, MONDAY + HOUR]
        client.update_schedule(**base)
        cloud.advance(0)
        assert fn.times[-1] == MONDAY + 4 * HOUR + 60

    def test_created_disabled_never_fires(self, cloud: Cloud, fn: Any) -> None:
        """A schedule created DISABLED does not fire."""
        schedule(cloud, fn.arn, "rate(1 minute)", State="DISABLED")
        cloud.advance(DAY)
        assert fn.seen == []

    def test_delete_cancels(self, cloud: Cloud, fn: Any) -> None:
        """A deleted schedule's pending firing never happens; so does its group's deletion."""
        client = cloud.client("scheduler")
        client.create_schedule_group(Name="g")
        schedule(cloud, fn.arn, "cron(0 * * * ? *)", name="a")
        schedule(cloud, fn.arn, "cron(0 * * * ? *)", name="b", GroupName="g")
        cloud.advance(HOUR)
        client.delete_schedule(Name="a")
        client.delete_schedule_group(Name="g")
        cloud.advance(DAY)
        # Created at 00:00:00 exactly: each fires then (the due minute is now) and at 01:00.
        assert fn.times == [MONDAY, MONDAY, MONDAY + HOUR, MONDAY + HOUR]

    def test_update_reschedules(self, cloud: Cloud, fn: Any) -> None:
        """UpdateSchedule replaces the pending firing with the new expression's."""
        client = cloud.client("scheduler")
        schedule(cloud, fn.arn, "cron(0 12 * * ? *)")
        client.update_schedule(
            Name="s",
            ScheduleExpression="cron(0 6 * * ? *)",
            FlexibleTimeWindow={"Mode": "OFF"},
            Target={"Arn": fn.arn, "RoleArn": ROLE},
        )
        cloud.advance(DAY)
        assert fn.times == [MONDAY + 6 * HOUR]


class TestDelivery:
    def test_input_and_context_attributes(self, cloud: Cloud, fn: Any) -> None:
        """Input is the event; context attributes are replaced per attempt."""
        text = (
            json.dumps(
                {
                    "arn": "<aws.scheduler.schedule-arn>",
                    "at": "<aws.scheduler.scheduled-time>",
                    "id": "<aws.scheduler.execution-id>",
                }
            )[:-1]
            + ', "n": <aws.scheduler.attempt-number>}'
        )
        arn = schedule(cloud, fn.arn, "cron(0 3 * * ? *)", target={"Input": text})
        cloud.advance(DAY)
        ((_, event),) = fn.seen
        assert event["arn"] == arn and event["at"] == "2024-03-25T03:00:00Z" and event["n"] == 1
        assert len(event["id"]) == 16
        engine = cloud.engine("scheduler")
        assert [a.code for a in engine.attempts] == [None]
        assert engine.attempts[0].execution_id == event["id"]

    def test_throttled_invoke_is_retried(self, cloud: Cloud, fn: Any) -> None:
        """A throttled hand-over is retried with backoff (1 s, 2 s, ...) until it gets through."""
        cloud.faults.fail("lambda", "Invoke", "TooManyRequestsException", times=2)
        schedule(
            cloud,
            fn.arn,
            "at(2024-03-25T01:00:00)",
            target={"Input": '{"n": <aws.scheduler.attempt-number>}'},
        )
        cloud.advance(HOUR + 10)
        attempts = cloud.engine("scheduler").attempts
        assert [(a.at - MONDAY - HOUR, a.attempt, a.code) for a in attempts] == [
            (0, 1, "TooManyRequestsException"),
            (1, 2, "TooManyRequestsException"),
            (3, 3, None),
        ]
        assert fn.seen == [(MONDAY + HOUR + 3, {"n": 3})]

    def test_retry_attempts_both_sides(self, cloud: Cloud, fn: Any) -> None:
        """MaximumRetryAttempts=1: one retry, then the firing is discarded."""
        cloud.faults.fail("lambda", "Invoke", "TooManyRequestsException", times=None)
        schedule(
            cloud,
            fn.arn,
            "at(2024-03-25T01:00:00)",
            target={"RetryPolicy": {"MaximumRetryAttempts": 1}},
        )
        cloud.advance(DAY)
        attempts = cloud.engine("scheduler").attempts
        assert [(a.attempt, a.discarded) for a in attempts] == [(1, False), (2, True)]
        assert fn.seen == []

    def test_event_age_bounds_retries(self, cloud: Cloud, fn: Any) -> None:
        """MaximumEventAgeInSeconds=60: retries at 1, 3, 7, 15, 31 s; the next (63 s) is too old."""
        cloud.faults.fail("lambda", "Invoke", "TooManyRequestsException", times=None)
        schedule(
            cloud,
            fn.arn,
            "at(2024-03-25T01:00:00)",
            target={"RetryPolicy": {"MaximumEventAgeInSeconds": 60}},
        )
        cloud.advance(DAY)
        attempts = cloud.engine("scheduler").attempts
        assert [a.at - MONDAY - HOUR for a in attempts] == [0, 1, 3, 7, 15, 31]
        assert [a.discarded for a in attempts] == [False] * 5 + [True]

    def test_missing_function_is_not_retried(self, cloud: Cloud) -> None:
        """A function that does not exist: discarded at once (not a retryable error)."""
        arn = "arn:aws:lambda:us-east-1:123456789012:function:ghost"
        schedule(cloud, arn, "at(2024-03-25T01:00:00)")
        cloud.advance(DAY)
        (attempt,) = cloud.engine("scheduler").attempts
        assert (attempt.code, attempt.discarded) == ("ResourceNotFoundException", True)

    def test_lambda_async_retries_apply_after_hand_over(self, cloud: Cloud) -> None:
        """The hand-over is Lambda's async invoke: a failing function is retried by Lambda."""
        calls: list[float] = []

        def failing(event: Any, context: Any) -> None:
            calls.append(cloud.clock.time())
            raise RuntimeError("boom")

        arn = cloud.lambda_.create_function("failing", handler=failing).arn
        schedule(cloud, arn, "at(2024-03-25T01:00:00)")
        cloud.advance(DAY)
        assert len(calls) == 3  # Lambda's two async retries
        assert [a.code for a in cloud.engine("scheduler").attempts] == [None]


@pytest.mark.parametrize("seed", [1, 2])
def test_state_copy_has_no_closures(seed: int) -> None:
    """Timers are bound methods of the engine over its schedules (snapshot-friendly)."""
    cloud = Cloud(clock=ManualClock(MONDAY), seed=seed)
    arn = cloud.lambda_.create_function("f", handler=lambda e, c: None).arn
    schedule(cloud, arn, "rate(1 hour)")
    engine = cloud.engine("scheduler")
    timer = engine.groups["default"].schedules["s"].timer
    assert timer is not None and timer.callback.__self__ is engine  # type: ignore[attr-defined]
