"""Scheduler state in snapshots, and the engine's invariants after every kind of change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pyserverless import Cloud

ROLE = "arn:aws:iam::123456789012:role/scheduler"
MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()


def _create(cloud: Cloud, arn: str, name: str, expression: str, **extra: Any) -> None:
    cloud.client("scheduler").create_schedule(
        Name=name,
        ScheduleExpression=expression,
        FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": arn, "RoleArn": ROLE},
        **extra,
    )


def test_snapshot_round_trip(cloud: Cloud, fn: Any) -> None:
    """A restored snapshot brings back schedules, groups and their pending firings."""
    client = cloud.client("scheduler")
    client.create_schedule_group(Name="g", Tags=[{"Key": "k", "Value": "v"}])
    _create(cloud, fn.arn, "hourly", "cron(0 * * * ? *)", ScheduleExpressionTimezone="Asia/Tokyo")
    snap = cloud.snapshot()
    client.delete_schedule(Name="hourly")
    client.delete_schedule_group(Name="g")
    cloud.advance(3600)
    assert fn.times == []  # deleted before the clock moved: the due firing never ran
    cloud.restore(snap)
    cloud.advance(3600)
    # The restored firings whose time had passed run at once, then the schedule goes on
    # (read from the restored engine: the snapshot copied the recording handler's object).
    attempts = cloud.engine("scheduler").attempts
    assert [(a.scheduled - MONDAY, a.at - MONDAY) for a in attempts] == [
        (0, 3600),
        (3600, 3600),
        (7200, 7200),
    ]
    assert client.get_schedule(Name="hourly")["ScheduleExpressionTimezone"] == "Asia/Tokyo"
    arn = client.get_schedule_group(Name="g")["Arn"]
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]
    cloud.engine("scheduler")._check()


def test_invariants_hold_through_changes(cloud: Cloud, fn: Any) -> None:
    """_check() holds after creates, updates, disables, deletes and firings."""
    engine = cloud.engine("scheduler")
    client = cloud.client("scheduler")
    end = dt.datetime.fromtimestamp(MONDAY + 7200, dt.UTC)
    _create(cloud, fn.arn, "a", "rate(1 hour)", EndDate=end)
    client.create_schedule(
        Name="b",
        ScheduleExpression="cron(0/30 * * * ? *)",
        FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 5},
        Target={"Arn": fn.arn, "RoleArn": ROLE},
    )
    _create(cloud, fn.arn, "c", "at(2024-03-25T05:00:00)", ActionAfterCompletion="DELETE")
    engine._check()
    client.update_schedule(
        Name="a",
        ScheduleExpression="rate(5 minutes)",
        State="DISABLED",
        FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": fn.arn, "RoleArn": ROLE},
    )
    engine._check()
    for _ in range(12):
        cloud.advance(1800)
        engine._check()
    assert [s["Name"] for s in client.list_schedules()["Schedules"]] == ["a", "b"]
    assert engine.groups["default"].schedules["a"].timer is None
