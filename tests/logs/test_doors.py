"""CloudWatch Logs through its doors: the JSON 1.1 wire (errors as Logs sends them) and the
AWS CLI against ``pyserverless serve``."""

from __future__ import annotations

import functools
import json
import time
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.adapters._wire import Dispatcher, WireRequest

HEADERS = {
    "content-type": "application/x-amz-json-1.1",
    "authorization": (
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/logs/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abc"
    ),
    "x-amz-date": "20250101T000000Z",
}


def send(wire: Dispatcher, operation: str, body: dict[str, Any]) -> tuple[int, Any]:
    headers = {**HEADERS, "x-amz-target": f"Logs_20140328.{operation}"}
    answer = wire.handle(WireRequest("POST", "/", headers, json.dumps(body).encode(), ""))
    return answer.status, json.loads(answer.body)


class TestWire:
    def test_errors_carry_the_bare_code(self) -> None:
        """Logs' error bodies: ``__type`` is the bare code and the text is under ``message``."""
        wire = Dispatcher(Cloud.manual(seed=3), raise_unexpected=True)
        assert send(wire, "CreateLogGroup", {"logGroupName": "/a"}) == (200, {})
        assert send(wire, "CreateLogGroup", {"logGroupName": "/a"}) == (
            400,
            {
                "__type": "ResourceAlreadyExistsException",
                "message": "The specified log group already exists",
            },
        )
        status, body = send(wire, "DescribeLogStreams", {"logGroupName": "/none"})
        assert (status, body["__type"]) == (400, "ResourceNotFoundException")

    def test_operations_not_built_are_refused(self) -> None:
        """Logs Insights (StartQuery) is not emulated: refused by name, not mis-answered."""
        wire = Dispatcher(Cloud.manual(seed=3), raise_unexpected=True)
        status, body = send(
            wire,
            "StartQuery",
            {"logGroupName": "/a", "startTime": 1, "endTime": 2, "queryString": "fields @message"},
        )
        assert status == 400
        assert body["__type"].endswith("UnknownOperationException")
        assert "StartQuery" in body["message"]


@pytest.fixture(scope="module")
def served(aws_cli: Any) -> Any:
    """``served("filter-log-events", ...)``: ``aws logs ...`` against serve."""
    return functools.partial(aws_cli, "logs")


class TestAwsCli:
    def test_put_then_filter(self, served: Any) -> None:
        """The CLI makes a group and a stream, puts events and filters them."""
        served("create-log-group", "--log-group-name", "/cli/app")
        served("create-log-stream", "--log-group-name", "/cli/app", "--log-stream-name", "web")
        now = int(time.time() * 1000)
        events = [
            {"timestamp": now, "message": "ERROR disk full"},
            {"timestamp": now + 1, "message": "INFO fine"},
        ]
        out = served(
            "put-log-events",
            "--log-group-name",
            "/cli/app",
            "--log-stream-name",
            "web",
            "--log-events",
            json.dumps(events),
        )
        assert "rejectedLogEventsInfo" not in out
        got = served(
            "filter-log-events", "--log-group-name", "/cli/app", "--filter-pattern", "ERROR"
        )
        assert [e["message"] for e in got["events"]] == ["ERROR disk full"]

    def test_not_found(self, served: Any) -> None:
        """A missing group: the CLI fails with ResourceNotFoundException."""
        err = served("describe-log-streams", "--log-group-name", "/cli/none", ok=False)
        assert "ResourceNotFoundException" in err
