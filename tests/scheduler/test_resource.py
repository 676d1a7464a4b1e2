"""``cloud.schedules``: the resource layer over the client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.scheduler import ResourceNotFoundException, Schedule, ValidationException

MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()


def test_create_fires_and_describes(cloud: Cloud, fn: Any) -> None:
    """create() takes Python values; the schedule fires with the JSON of ``input``."""
    sched = cloud.schedules.create(
        "nightly",
        "cron(0 2 * * ? *)",
        fn.arn,
        input={"job": "backup"},
        timezone="Europe/Paris",
        window_minutes=10,
    )
    assert isinstance(sched, Schedule)
    assert repr(sched) == "<Schedule 'nightly' in default: cron(0 2 * * ? *) ENABLED>"
    got = sched.describe()
    assert got["FlexibleTimeWindow"] == {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 10}
    assert got["Target"]["RoleArn"] == "arn:aws:iam::123456789012:role/pyserverless-scheduler"
    cloud.advance(dt.timedelta(days=1))
    ((when, event),) = fn.seen
    assert event == {"job": "backup"}
    assert MONDAY + 3600 <= when < MONDAY + 3600 + 600  # 02:00 CET is 01:00 UTC
    assert sched.firings == 1 and [a.code for a in sched.attempts()] == [None]


def test_get_list_delete(cloud: Cloud, fn: Any) -> None:
    """get() and list() find schedules; delete() removes one; a missing one raises."""
    cloud.client("scheduler").create_schedule_group(Name="g")
    cloud.schedules.create("a", "rate(1 day)", fn.arn)
    cloud.schedules.create("b", "rate(1 day)", fn.arn, group="g", enabled=False)
    assert [(s.group, s.name) for s in cloud.schedules.list()] == [("default", "a"), ("g", "b")]
    assert [s.name for s in cloud.schedules.list(group="g")] == ["b"]
    assert cloud.schedules.get("b", group="g").describe()["State"] == "DISABLED"
    cloud.schedules.get("a").delete()
    with pytest.raises(ResourceNotFoundException):
        cloud.schedules.get("a")
    assert repr(cloud.schedules) == "<SchedulesResource us-east-1: 1 schedules>"


def test_target_must_be_a_function(cloud: Cloud, fn: Any) -> None:
    """A target that is neither an ARN nor has one is a TypeError; AWS's checks still apply."""
    with pytest.raises(TypeError):
        cloud.schedules.create("x", "rate(1 day)", 42)
    with pytest.raises(ValidationException):
        cloud.schedules.create("x", "rate(1 dayz)", fn.arn)
    assert cloud.schedules.list() == []


def test_delete_after_completion(cloud: Cloud, fn: Any) -> None:
    """after_completion="DELETE" removes a one-time schedule once it has fired."""
    sched = cloud.schedules.create(
        "once", "at(2024-03-25T00:30:00)", fn.arn, after_completion="DELETE"
    )
    cloud.advance(3600)
    assert fn.times == [MONDAY + 1800]
    assert sched.firings == 0 and cloud.schedules.list() == []
    assert len(sched.attempts()) == 1
