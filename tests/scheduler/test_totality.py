"""Every Scheduler operation is total: any request gets an answer, or an AWS error /
ParamValidationError that changed nothing (schedules, groups, tags, timers)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless._core import shapes
from pyserverless._core.errors import AWSError, ParamValidationError
from pyserverless.scheduler import SchedulerClient

TABLE = shapes.table("scheduler")
OPS = sorted(SchedulerClient.operations)
EXAMPLES = 400 if os.environ.get("PYSERVERLESS_FUZZ") else 40
FN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
ROLE = "arn:aws:iam::123456789012:role/r"
GROUP_ARN = "arn:aws:scheduler:us-east-1:123456789012:schedule-group/g"

_STRINGS = st.sampled_from(
    [
        *("s", "g", "default", "", "x" * 300, "\ud800", "ü", FN, ROLE, GROUP_ARN, "a b"),
        *("rate(1 hour)", "rate(1 hours)", "cron(0 * * * ? *)", "cron(0 * * * * *)"),
        *("at(2030-01-01T00:00:00)", "at(2030-02-30T00:00:00)", "Europe/Paris", "Nowhere/X"),
        *('{"k": 1}', "{}", "not json", '{"n": <aws.scheduler.attempt-number>}'),
        *("ENABLED", "DISABLED", "OFF", "FLEXIBLE", "NONE", "DELETE"),
        "arn:aws:sqs:us-east-1:123456789012:q",
        "arn:aws:kms:us-east-1:123456789012:key/k",
    ]
)
_JUNK: st.SearchStrategy[object] = st.sampled_from([None, 3, "s", b"b", [], {}, 1.5, True])


def _value(name: str, depth: int) -> st.SearchStrategy[Any]:
    shape = TABLE["shapes"][name]
    kind = shape["t"]
    if kind == "string":
        return st.sampled_from(shape["e"]) | _STRINGS if "e" in shape else _STRINGS
    if kind in ("integer", "long"):
        return st.sampled_from([-1, 0, 1, 59, 60, 185, 186, 1440, 1441, 86400, 2**40])
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.sampled_from(
            [datetime(2000, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC), "junk", 0, 2**40]
        )
    if depth > 3:
        return _JUNK
    if kind == "structure":
        return _struct(name, depth + 1)
    if kind == "list":
        return st.lists(_value(shape["l"], depth + 1), max_size=3)
    if kind == "map":
        return st.dictionaries(_STRINGS, _value(shape["v"], depth + 1), max_size=2)
    return _JUNK


def _struct(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members = TABLE["shapes"][name].get("m", {})
    return st.fixed_dictionaries(
        {},
        optional={
            m: _value(ref, depth) | _JUNK if depth else _value(ref, depth)
            for m, ref in members.items()
        },
    )


def _state(cloud: Cloud) -> Any:
    engine = cloud.engine("scheduler")
    return [
        (
            g.name,
            dict(g.tags),
            [
                (s.name, s.spec, s.modified, s.timer is not None and not s.timer.cancelled)
                for s in g.schedules.values()
            ],
        )
        for g in engine.groups.values()
    ]


@pytest.mark.parametrize("op", OPS)
def test_total(op: str) -> None:
    """Any request: a response, or AWSError / ParamValidationError with nothing changed."""
    root = TABLE["operations"][op]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=_struct(root, 0) if root else st.just({}))
    def run(params: dict[str, Any]) -> None:
        cloud = Cloud(clock=ManualClock())
        client = cloud.client("scheduler")
        client.create_schedule_group(Name="g", Tags=[{"Key": "k", "Value": "v"}])
        client.create_schedule(
            Name="s",
            ScheduleExpression="rate(1 hour)",
            FlexibleTimeWindow={"Mode": "OFF"},
            Target={"Arn": FN, "RoleArn": ROLE},
        )
        before = _state(cloud)
        try:
            getattr(client, SchedulerClient.operations[op])(**params)
        except (AWSError, ParamValidationError):
            assert _state(cloud) == before
        cloud.advance(7200)  # firings run without a bare error
        cloud.close()

    run()
