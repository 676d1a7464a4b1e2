"""EventBridge through its doors: boto3 over the bridge, and the AWS CLI against
``pyserverless serve`` (JSON 1.1, ``X-Amz-Target: AWSEvents.*``)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

START = 1_717_200_000.0


@pytest.fixture
def bridged() -> Iterator[tuple[Cloud, Any]]:
    cloud = Cloud(clock=ManualClock(START))
    with cloud, mock_aws(cloud):
        yield cloud, boto3.client("events", region_name="us-east-1")


class TestBoto3:
    def test_rule_targets_and_events(self, bridged: tuple[Cloud, Any]) -> None:
        """boto3's serialiser and parser carry a rule, its target and an event to Lambda."""
        cloud, events = bridged
        seen: list[Any] = []
        fn = cloud.lambda_.create_function("sink", handler=lambda e, c: seen.append(e))
        events.put_rule(Name="r", EventPattern=json.dumps({"source": ["shop"]}))
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": fn.arn}])
        out = events.put_events(
            Entries=[
                {"Source": "shop", "DetailType": "Order", "Detail": '{"n": 1}'},
                {"Source": "shop", "DetailType": "Order", "Detail": "[]"},
            ]
        )
        assert out["FailedEntryCount"] == 1
        assert out["Entries"][1] == {
            "ErrorCode": "MalformedDetail",
            "ErrorMessage": "Detail is malformed.",
        }
        cloud.advance(0)
        assert [e["detail"] for e in seen] == [{"n": 1}]
        assert seen[0]["id"] == out["Entries"][0]["EventId"]

    def test_errors_by_code(self, bridged: tuple[Cloud, Any]) -> None:
        """Errors arrive as boto3's ClientErrors with AWS's codes and messages."""
        _, events = bridged
        with pytest.raises(ClientError) as info:
            events.describe_rule(Name="nope")
        assert info.value.response["Error"] == {
            "Code": "ResourceNotFoundException",
            "Message": "Rule nope does not exist on EventBus default.",
        }
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        with pytest.raises(events.exceptions.InvalidEventPatternException):
            events.put_rule(Name="r", EventPattern='{"a": "b"}')
        with pytest.raises(ClientError) as info:
            events.put_rule(Name="r", ScheduleExpression="rate(1 minutes)")
        assert info.value.response["Error"]["Code"] == "ValidationException"

    def test_paginator(self, bridged: tuple[Cloud, Any]) -> None:
        """boto3's ListRules paginator follows NextToken."""
        _, events = bridged
        for i in range(5):
            events.put_rule(Name=f"r{i}", ScheduleExpression="rate(1 hour)")
        pages = events.get_paginator("list_rules").paginate(PaginationConfig={"PageSize": 2})
        assert [r["Name"] for page in pages for r in page["Rules"]] == [f"r{i}" for i in range(5)]

    def test_put_events_time_and_schedule(self, bridged: tuple[Cloud, Any]) -> None:
        """boto3's Time (a datetime) is the event's time; a schedule fires over the bridge."""
        cloud, events = bridged
        seen: list[Any] = []
        fn = cloud.lambda_.create_function("sink", handler=lambda e, c: seen.append(e))
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}')
        events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": fn.arn}])
        events.put_rule(Name="s", ScheduleExpression="rate(1 hour)")
        events.put_targets(Rule="s", Targets=[{"Id": "t", "Arn": fn.arn}])
        when = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        events.put_events(
            Entries=[{"Source": "shop", "DetailType": "x", "Detail": "{}", "Time": when}]
        )
        cloud.advance(3600)
        assert [e["time"] for e in seen] == ["2020-01-02T03:04:05Z", "2024-06-01T01:00:00Z"]


@pytest.fixture(scope="module")
def served(aws_cli: Any) -> Any:
    """``served("put-rule", ...)``: ``aws events put-rule ...`` against ``pyserverless serve``."""
    return functools.partial(aws_cli, "events")


class TestAwsCli:
    def test_rule_and_events(self, served: Any) -> None:
        """The CLI creates a rule, attaches a target, lists both and puts events."""
        arn = served("put-rule", "--name", "cli-rule", "--event-pattern", '{"source": ["cli"]}')
        assert arn["RuleArn"].endswith(":rule/cli-rule")
        target = "arn:aws:lambda:us-east-1:123456789012:function:somewhere"
        out = served("put-targets", "--rule", "cli-rule", "--targets", f"Id=1,Arn={target}")
        assert out["FailedEntryCount"] == 0
        assert served("list-targets-by-rule", "--rule", "cli-rule")["Targets"][0]["Arn"] == target
        assert (
            served("describe-rule", "--name", "cli-rule")["EventPattern"] == '{"source": ["cli"]}'
        )
        entries = json.dumps(
            [{"Source": "cli", "DetailType": "t", "Detail": '{"a": 1}'}, {"Source": "cli"}]
        )
        out = served("put-events", "--entries", entries)
        assert out["FailedEntryCount"] == 1
        assert out["Entries"][1]["ErrorCode"] == "InvalidArgument"

    def test_errors(self, served: Any) -> None:
        """AWS's error codes and messages reach the CLI."""
        err = served("put-rule", "--name", "bad", "--event-pattern", '{"source": "cli"}', ok=False)
        assert "InvalidEventPatternException" in err
        assert '"source" must be an object or an array' in err
        err = served("delete-rule", "--name", "cli-rule-with-targets", ok=True)
        assert err is None  # a missing rule deletes quietly
        served("put-rule", "--name", "busy", "--schedule-expression", "rate(1 day)")
        served(
            "put-targets",
            "--rule",
            "busy",
            "--targets",
            "Id=1,Arn=arn:aws:lambda:us-east-1:1:function:f",
        )
        err = served("delete-rule", "--name", "busy", ok=False)
        assert "Rule can't be deleted since it has targets." in err
