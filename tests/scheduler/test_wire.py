"""Scheduler's REST-JSON wire: malformed requests get a 4xx with AWS's error header and
change nothing; a hypothesis run sends random JSON bodies to every operation's path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.adapters._wire import Dispatcher, WireRequest

FN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
HEADERS = {
    "content-type": "application/json",
    "authorization": (
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/scheduler/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abc"
    ),
    "x-amz-date": "20250101T000000Z",
}
ROUTES = [
    ("POST", "/schedules/s"),
    ("PUT", "/schedules/s"),
    ("GET", "/schedules/s"),
    ("DELETE", "/schedules/s"),
    ("GET", "/schedules"),
    ("POST", "/schedule-groups/g2"),
    ("GET", "/schedule-groups/g"),
    ("DELETE", "/schedule-groups/g"),
    ("GET", "/schedule-groups"),
]


def _door() -> tuple[Cloud, Dispatcher]:
    cloud = Cloud.manual(seed=3)
    client = cloud.client("scheduler")
    client.create_schedule_group(Name="g")
    client.create_schedule(
        Name="s",
        ScheduleExpression="rate(1 hour)",
        FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": FN, "RoleArn": "arn:aws:iam::123456789012:role/r"},
    )
    return cloud, Dispatcher(cloud, raise_unexpected=True)


def _state(cloud: Cloud) -> Any:
    engine = cloud.engine("scheduler")
    return [
        (g.name, [(s.name, s.spec, s.modified) for s in g.schedules.values()])
        for g in engine.groups.values()
    ]


def _send(wire: Dispatcher, method: str, path: str, body: bytes, query: str = "") -> Any:
    return wire.handle(WireRequest(method, path, HEADERS, body, query))


@pytest.mark.parametrize(
    ("method", "path", "body", "query", "code"),
    [
        ("POST", "/schedules/x", b"{not json", "", "SerializationException"),
        ("POST", "/schedules/x", b"[]", "", "SerializationException"),
        ("POST", "/schedules/x", b'{"ScheduleExpression": 5}', "", "SerializationException"),
        ("POST", "/schedules/x", b"{}", "", "ValidationException"),
        ("GET", "/schedules", b"", "MaxResults=abc", "SerializationException"),
        ("GET", "/schedules", b"", "MaxResults=0", "ValidationException"),
        ("GET", "/schedules/nope", b"", "", "ResourceNotFoundException"),
        ("DELETE", "/schedule-groups/default", b"", "", "ValidationException"),
    ],
)
def test_refusals(method: str, path: str, body: bytes, query: str, code: str) -> None:
    """Each malformed request: a 4xx with its code (the shared REST-JSON door's
    SerializationException for what does not decode); the Cloud is unchanged."""
    cloud, wire = _door()
    before = _state(cloud)
    answer = _send(wire, method, path, body, query)
    assert 400 <= answer.status < 500, answer.body
    assert answer.headers["x-amzn-ErrorType"].split(":")[0] == code
    assert _state(cloud) == before


def test_create_over_the_wire() -> None:
    """A JSON body with epoch-second dates creates the schedule the client then reads."""
    _, wire = _door()
    body = {
        "ScheduleExpression": "cron(0 9 ? * MON-FRI *)",
        "ScheduleExpressionTimezone": "Europe/Paris",
        "StartDate": 1893456000,
        "FlexibleTimeWindow": {"Mode": "OFF"},
        "Target": {"Arn": FN, "RoleArn": "arn:aws:iam::123456789012:role/r"},
    }
    answer = _send(wire, "POST", "/schedules/wired", json.dumps(body).encode())
    assert answer.status == 200
    assert json.loads(answer.body)["ScheduleArn"].endswith(":schedule/default/wired")
    got = json.loads(_send(wire, "GET", "/schedules/wired", b"").body)
    assert got["StartDate"] == 1893456000
    assert got["ScheduleExpressionTimezone"] == "Europe/Paris"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
_MEMBERS = st.sampled_from(
    [
        "ScheduleExpression",
        "FlexibleTimeWindow",
        "Target",
        "StartDate",
        "EndDate",
        "State",
        "ScheduleExpressionTimezone",
        "GroupName",
        "Tags",
        "ActionAfterCompletion",
        "Mode",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    route=st.sampled_from(ROUTES),
    body=st.dictionaries(_MEMBERS, _JSON, max_size=5) | _JSON,
)
def test_random_bodies_never_500(route: tuple[str, str], body: Any) -> None:
    """Random JSON to every operation: a 2xx, or a 4xx that changed nothing."""
    cloud, wire = _door()
    before = _state(cloud)
    method, path = route
    answer = _send(wire, method, path, json.dumps(body).encode())
    assert answer.status < 500, answer.body
    if answer.status >= 400:
        assert _state(cloud) == before
    cloud.advance(7200)
