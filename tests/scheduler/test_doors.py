"""Scheduler through its doors: boto3 over the bridge, and the AWS CLI against
``pyserverless serve`` (REST-JSON: ``POST /schedules/{Name}`` ...)."""

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

MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()
ROLE = "arn:aws:iam::123456789012:role/scheduler"


@pytest.fixture
def bridged() -> Iterator[tuple[Cloud, Any]]:
    cloud = Cloud(clock=ManualClock(MONDAY))
    with cloud, mock_aws(cloud):
        yield cloud, boto3.client("scheduler", region_name="us-east-1")


class _Sink:
    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.seen: list[tuple[float, Any]] = []

    def __call__(self, event: Any, context: Any) -> None:
        self.seen.append((self.cloud.clock.time(), event))


class TestBoto3:
    def test_schedule_fires_through_the_bridge(self, bridged: tuple[Cloud, Any]) -> None:
        """boto3's serialiser carries dates, the time zone and the target; the schedule fires."""
        cloud, scheduler = bridged
        sink = _Sink(cloud)
        fn = cloud.lambda_.create_function("sink", handler=sink)
        start = dt.datetime(2024, 3, 25, 6, tzinfo=dt.UTC)
        arn = scheduler.create_schedule(
            Name="morning",
            ScheduleExpression="cron(0 9 ? * MON-FRI *)",
            ScheduleExpressionTimezone="Europe/Paris",
            StartDate=start,
            FlexibleTimeWindow={"Mode": "OFF"},
            Target={"Arn": fn.arn, "RoleArn": ROLE, "Input": '{"job": "report"}'},
        )["ScheduleArn"]
        assert arn.endswith(":schedule/default/morning")
        got = scheduler.get_schedule(Name="morning")
        assert got["StartDate"] == start
        assert got["ScheduleExpressionTimezone"] == "Europe/Paris"
        assert got["Target"]["RetryPolicy"] == {
            "MaximumEventAgeInSeconds": 86400,
            "MaximumRetryAttempts": 185,
        }
        cloud.advance(dt.timedelta(days=1))
        assert sink.seen == [(MONDAY + 8 * 3600, {"job": "report"})]

    def test_errors_by_code(self, bridged: tuple[Cloud, Any]) -> None:
        """Errors arrive as ClientErrors with the code and the model's HTTP status."""
        _, scheduler = bridged
        with pytest.raises(ClientError) as info:
            scheduler.get_schedule(Name="nope")
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert info.value.response["Error"]["Message"] == "Schedule nope does not exist."
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        scheduler.create_schedule_group(Name="g")
        with pytest.raises(scheduler.exceptions.ConflictException) as conflict:
            scheduler.create_schedule_group(Name="g")
        assert conflict.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
        with pytest.raises(scheduler.exceptions.ValidationException):
            scheduler.create_schedule(
                Name="bad",
                ScheduleExpression="rate(1 hourz)",
                FlexibleTimeWindow={"Mode": "OFF"},
                Target={"Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "RoleArn": ROLE},
            )

    def test_paginators_and_tags(self, bridged: tuple[Cloud, Any]) -> None:
        """boto3's ListSchedules paginator follows NextToken; group tags round-trip."""
        _, scheduler = bridged
        for i in range(5):
            scheduler.create_schedule(
                Name=f"s{i}",
                ScheduleExpression="rate(1 day)",
                FlexibleTimeWindow={"Mode": "OFF"},
                Target={"Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "RoleArn": ROLE},
            )
        pages = scheduler.get_paginator("list_schedules").paginate(PaginationConfig={"PageSize": 2})
        assert [s["Name"] for p in pages for s in p["Schedules"]] == [f"s{i}" for i in range(5)]
        arn = scheduler.create_schedule_group(Name="g", Tags=[{"Key": "k", "Value": "v"}])[
            "ScheduleGroupArn"
        ]
        assert scheduler.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "k", "Value": "v"}
        ]
        scheduler.untag_resource(ResourceArn=arn, TagKeys=["k"])
        assert scheduler.list_tags_for_resource(ResourceArn=arn)["Tags"] == []
        scheduler.delete_schedule(Name="s0")
        scheduler.delete_schedule_group(Name="g")
        assert [g["Name"] for g in scheduler.list_schedule_groups()["ScheduleGroups"]] == [
            "default"
        ]


@pytest.fixture(scope="module")
def served(aws_cli: Any) -> Any:
    """``served("get-schedule", ...)``: ``aws scheduler get-schedule ...`` against serve."""
    return functools.partial(aws_cli, "scheduler")


class TestAwsCli:
    TARGET = json.dumps(
        {
            "Arn": "arn:aws:lambda:us-east-1:123456789012:function:somewhere",
            "RoleArn": ROLE,
            "Input": '{"a": 1}',
        }
    )

    def test_create_get_list_delete(self, served: Any) -> None:
        """The CLI creates a schedule, reads it, lists it and deletes it."""
        out = served(
            "create-schedule",
            "--name",
            "cli-schedule",
            "--schedule-expression",
            "cron(0 9 ? * MON-FRI *)",
            "--schedule-expression-timezone",
            "Europe/Paris",
            "--flexible-time-window",
            '{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 10}',
            "--target",
            self.TARGET,
        )
        assert out["ScheduleArn"].endswith(":schedule/default/cli-schedule")
        got = served("get-schedule", "--name", "cli-schedule")
        assert got["FlexibleTimeWindow"] == {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 10}
        assert got["Target"]["Input"] == '{"a": 1}'
        listed = served("list-schedules", "--name-prefix", "cli-")["Schedules"]
        assert [(s["Name"], s["GroupName"], s["State"]) for s in listed] == [
            ("cli-schedule", "default", "ENABLED")
        ]
        served("delete-schedule", "--name", "cli-schedule")
        assert served("list-schedules")["Schedules"] == []

    def test_groups_and_tags(self, served: Any) -> None:
        """Schedule groups and their tags over the wire (tag ARNs in the path)."""
        arn = served("create-schedule-group", "--name", "cli-group", "--tags", "Key=k,Value=v")[
            "ScheduleGroupArn"
        ]
        assert served("get-schedule-group", "--name", "cli-group")["State"] == "ACTIVE"
        assert served("list-tags-for-resource", "--resource-arn", arn)["Tags"] == [
            {"Key": "k", "Value": "v"}
        ]
        served("delete-schedule-group", "--name", "cli-group")

    def test_errors(self, served: Any) -> None:
        """AWS's error codes and messages reach the CLI."""
        err = served("get-schedule", "--name", "missing", ok=False)
        assert "ResourceNotFoundException" in err and "Schedule missing does not exist." in err
        err = served(
            "create-schedule",
            "--name",
            "bad",
            "--schedule-expression",
            "rate(1 hourz)",
            "--flexible-time-window",
            '{"Mode": "OFF"}',
            "--target",
            self.TARGET,
            ok=False,
        )
        assert "ValidationException" in err and "Invalid Schedule Expression rate(1 hourz)." in err
        served("create-schedule-group", "--name", "dup")
        err = served("create-schedule-group", "--name", "dup", ok=False)
        assert "ConflictException" in err
