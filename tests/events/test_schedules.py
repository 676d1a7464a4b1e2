"""Scheduled rules on the Cloud's clock: the cron use case end to end, and cancelling."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel

from pyserverless import Cloud, ManualClock

MIDNIGHT = dt.datetime(2024, 6, 1, tzinfo=dt.UTC).timestamp()
SAMPLE = Path("/work/shared/reference/events/eventBridgeEvent.json")


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(MIDNIGHT + 90))  # 00:01:30


def recorder(cloud: Cloud, name: str = "tick") -> tuple[Any, list[tuple[float, Any]]]:
    seen: list[tuple[float, Any]] = []

    def handler(event: Any, context: Any) -> None:
        seen.append((cloud.clock.time(), event))

    return cloud.lambda_.create_function(name, handler=handler), seen


def test_hourly_rule_fires_24_times_a_day(cloud: Cloud) -> None:
    """cron(0 * * * ? *): one invocation at the top of each hour, each with the Scheduled
    Event shape (checked by powertools' EventBridgeModel)."""
    fn, seen = recorder(cloud)
    events = cloud.client("events")
    arn = events.put_rule(Name="hourly", ScheduleExpression="cron(0 * * * ? *)")["RuleArn"]
    events.put_targets(Rule="hourly", Targets=[{"Id": "fn", "Arn": fn.arn}])
    cloud.advance(dt.timedelta(days=1))
    assert [t for t, _ in seen] == [MIDNIGHT + 3600 * h for h in range(1, 25)]
    for hour, (_, event) in enumerate(seen, start=1):
        model = EventBridgeModel.model_validate(event)
        assert model.detail_type == "Scheduled Event"
        assert model.source == "aws.events"
        assert model.resources == [arn]
        assert model.detail == {}
        assert event["time"] == f"2024-06-0{1 + hour // 24}T{hour % 24:02d}:00:00Z"
    assert len({e["id"] for _, e in seen}) == 24
    assert set(seen[0][1]) == set(json.loads(SAMPLE.read_text())) - {"replay-name"}


def test_rate_counts_from_creation(cloud: Cloud) -> None:
    """rate(5 minutes) fires 5, 10, 15 ... minutes after the rule was made."""
    fn, seen = recorder(cloud)
    cloud.events.schedule("every5", "rate(5 minutes)", fn)
    cloud.advance(16 * 60)
    assert [t - (MIDNIGHT + 90) for t, _ in seen] == [300, 600, 900]


def test_disable_and_delete_cancel(cloud: Cloud) -> None:
    """A disabled rule stops firing, an enabled one starts again; a deleted one never fires."""
    fn, seen = recorder(cloud)
    rule = cloud.events.schedule("hourly", "cron(0 * * * ? *)", fn)
    cloud.advance(3600)  # 01:01:30: fired at 01:00
    rule.disable()
    cloud.advance(3 * 3600)
    assert len(seen) == 1
    rule.enable()
    cloud.advance(3600)  # 05:01:30: fired at 05:00
    assert [t for t, _ in seen] == [MIDNIGHT + 3600, MIDNIGHT + 5 * 3600]
    rule.delete()
    cloud.advance(5 * 3600)
    assert len(seen) == 2
    assert cloud.scheduler.pending() == []


def test_replacing_the_schedule(cloud: Cloud) -> None:
    """PutRule with a new expression replaces the old timer (no double firing)."""
    fn, seen = recorder(cloud)
    cloud.events.schedule("s", "cron(0 * * * ? *)", fn)
    cloud.events.rule("s", schedule="cron(30 * * * ? *)")
    cloud.advance(3600)
    assert [t for t, _ in seen] == [MIDNIGHT + 1800]


def test_input_on_a_schedule(cloud: Cloud) -> None:
    """A target's constant Input replaces the Scheduled Event."""
    fn, seen = recorder(cloud)
    cloud.events.schedule("s", "rate(1 hour)", fn, input={"job": "cleanup"})
    cloud.advance(3600)
    assert [e for _, e in seen] == [{"job": "cleanup"}]


def test_async_retries_apply(cloud: Cloud) -> None:
    """A failing target is retried by Lambda's async queue (two retries, 1 and 2 minutes)."""
    calls: list[float] = []

    def handler(event: Any, context: Any) -> None:
        calls.append(cloud.clock.time())
        raise RuntimeError("boom")

    fn = cloud.lambda_.create_function("flaky", handler=handler)
    cloud.events.schedule("s", "cron(0 * * * ? *)", fn)
    cloud.advance(3600 + 300)  # to 01:06:30, before the next firing
    top = MIDNIGHT + 3600
    assert calls == [top, top + 60, top + 180]


def test_schedule_survives_a_missing_function(cloud: Cloud) -> None:
    """A schedule whose function does not exist records failed deliveries and keeps firing."""
    arn = "arn:aws:lambda:us-east-1:123456789012:function:ghost"
    cloud.events.schedule("s", "rate(1 hour)", arn)
    cloud.advance(2 * 3600)
    assert [d.error_code for d in cloud.events.deliveries()] == ["ResourceNotFoundException"] * 2


class _Times:
    """A handler recording the times of the events it gets (a snapshot copies it)."""

    def __init__(self) -> None:
        self.times: list[str] = []

    def __call__(self, event: Any, context: Any) -> None:
        self.times.append(event["time"])


def test_snapshot_restores_the_schedule(cloud: Cloud) -> None:
    """After restore, the rule's timer and firing count are as the snapshot found them."""
    handler = _Times()
    fn = cloud.lambda_.create_function("f", handler=handler)
    rule = cloud.events.schedule("s", "cron(0 * * * ? *)", fn)
    snap = cloud.snapshot()
    cloud.advance(2 * 3600)
    assert rule.firings == 2
    cloud.events.get_rule("s").disable()
    cloud.restore(snap)
    assert rule.firings == 0
    assert rule.describe()["State"] == "ENABLED"
    # The clock does not move back: the restored timer (01:00) is overdue at 02:01:30 and
    # catches up, one firing per instant of the expression (01:00, 02:00, then 03:00).
    cloud.advance(3600)
    assert rule.firings == 3
    times = [json.loads(d.payload)["time"] for d in cloud.events.deliveries()]
    assert times == [f"2024-06-01T0{h}:00:00Z" for h in (1, 2, 3)]


def test_put_events_event_is_powertools_valid(cloud: Cloud) -> None:
    """The event a PutEvents entry becomes parses as powertools' EventBridgeModel."""
    _, seen = recorder(cloud)
    cloud.events.rule("r", pattern={"source": ["shop"]}, target=cloud.lambda_.function("tick"))
    cloud.events.put_event("shop", "OrderPlaced", {"total": 1}, resources=["arn:aws:x"])
    cloud.advance(0)
    model = EventBridgeModel.model_validate(seen[0][1])
    assert (model.source, model.detail_type, model.detail, model.resources) == (
        "shop",
        "OrderPlaced",
        {"total": 1},
        ["arn:aws:x"],
    )
    assert model.account == "123456789012"
    assert model.region == "us-east-1"
