"""Every EventBridge operation is total: any request gets an answer, or an AWS error /
ParamValidationError that changed nothing (rules, targets, buses, tags, timers)."""

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
from pyserverless.events import EventsClient

TABLE = shapes.table("events")
OPS = sorted(EventsClient.operations)
EXAMPLES = 400 if os.environ.get("PYSERVERLESS_FUZZ") else 40
FN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/r"

_STRINGS = st.sampled_from(
    [
        *("r", "default", "orders", "", "x" * 300, "\ud800", "ü", FN, RULE_ARN, "t"),
        *('{"source": ["shop"]}', '{"a": "b"}', "{}", "[]", '{"a": [{"numeric": [">", 1]}]}'),
        *("rate(1 hour)", "rate(1 hours)", "cron(0 * * * ? *)", "cron(0 * * * * *)", "$.detail"),
        *('{"k": <v>}', "<aws.events.rule-name>", "ENABLED", "DISABLED", "null", "1"),
        (
            '{"id": "1", "account": "1", "source": "shop", "time": "t", "region": "r",'
            ' "detail-type": "d", "detail": {}}'
        ),
    ]
)
_JUNK: st.SearchStrategy[object] = st.sampled_from([None, 3, "s", b"b", [], {}, 1.5, True])


def _value(name: str, depth: int) -> st.SearchStrategy[Any]:
    shape = TABLE["shapes"][name]
    kind = shape["t"]
    if kind == "string":
        return st.sampled_from(shape["e"]) | _STRINGS if "e" in shape else _STRINGS
    if kind in ("integer", "long"):
        return st.sampled_from([-1, 0, 1, 2, 100, 101, 2**40])
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.sampled_from(
            [
                datetime(2000, 1, 1, tzinfo=UTC),
                "junk",
                0,
                2**40,
                "2020-01-01T00:00:00Z",
                "1577836800",
            ]
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


def _rule_state(r: Any) -> Any:
    targets = [(t.id, t.arn, dict(t.described)) for t in r.targets.values()]
    timer = r.timer is not None and not r.timer.cancelled
    fields = (r.name, r.state, r.event_pattern, r.schedule_expression, r.description)
    return (*fields, dict(r.tags), targets, timer)


def _state(cloud: Cloud) -> Any:
    engine = cloud.engine("events")
    return [
        (bus.name, bus.description, [_rule_state(r) for r in bus.rules.values()])
        for bus in engine.buses.values()
    ]


@pytest.mark.parametrize("via_dispatch", [False, True], ids=["client", "wire"])
@pytest.mark.parametrize("op", OPS)
def test_total(op: str, via_dispatch: bool) -> None:
    """Any request: a response, or AWSError / ParamValidationError with nothing changed."""
    root = TABLE["operations"][op]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=_struct(root, 0) if root else st.just({}))
    def run(params: dict[str, Any]) -> None:
        cloud = Cloud(clock=ManualClock())
        events = cloud.client("events")
        events.put_rule(
            Name="r", ScheduleExpression="rate(1 hour)", Tags=[{"Key": "k", "Value": "v"}]
        )
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": FN}])
        events.create_event_bus(Name="orders")
        before = _state(cloud)
        try:
            if via_dispatch:  # as the doors call it: no client-side validation first
                events.dispatch(op, params)
            else:
                getattr(events, EventsClient.operations[op])(**params)
        except (AWSError, ParamValidationError):
            assert _state(cloud) == before
        cloud.engine("events")._check()
        cloud.advance(7200)  # schedules and deliveries run without a bare error
        cloud.engine("events")._check()
        cloud.close()

    run()
