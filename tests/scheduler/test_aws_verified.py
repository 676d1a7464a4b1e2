"""EventBridge Scheduler answers checked against captures from AWS.

Sources: the LocalStack suite's snapshot file recorded against AWS, localstack/localstack
``tests/aws/services/scheduler/test_scheduler.snapshot.json`` (recorded 2024-12 to
2025-02; requests in ``test_scheduler.py`` and its ``events_scheduler_create_schedule``
fixture). Each runs on both doors (``cloud.client`` and boto3 through ``mock_aws``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from tests.conftest import DOORS, door_client

ACCOUNT = "123456789012"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/scheduler"
TARGET = {"Arn": QUEUE, "Input": '{"key": "value"}', "RoleArn": ROLE}
RETRY = {"MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185}
FLEXIBLE = {"MaximumWindowInMinutes": 60, "Mode": "FLEXIBLE"}

#: tests_create_schedule_with_invalid_schedule_expression (2025-01): each is refused with
#: "Invalid Schedule Expression <expression>." (a ValidationException, 400).
BAD_EXPRESSIONS = [
    "cron(0 1 * * * *)",
    "cron(7 20 * * NOT *)",
    "cron(INVALID)",
    "cron(0 dummy ? * MON-FRI *)",
    "cron(71 8 1 * ? *)",
    "cron()",
    "rate(10 seconds)",
    "rate(10 years)",
    "rate()",
    "rate(10)",
    "rate(10 minutess)",
    "rate(foo minutes)",
    "rate(-10 minutes)",
    "rate( 10 minutes )",
    " rate(10 minutes)",
    "at(2021-12-31T23:59:59Z)",
    "at(2021-12-31)",
]
#: The accepted side: the valid-expression capture and the expressions the create,
#: get and update captures use (rate(2 minute) included).
GOOD_EXPRESSIONS = ["at(2022-12-31T23:59:59)", "rate(1 minute)", "rate(2 minute)"]


@pytest.fixture(params=DOORS)
def scheduler(request: pytest.FixtureRequest) -> Iterator[Any]:
    with door_client(request.param, Cloud(clock=ManualClock(1_711_368_000)), "scheduler") as client:
        yield client


def _create(scheduler: Any, name: str = "s", **extra: Any) -> dict[str, Any]:
    params = {
        "Name": name,
        "FlexibleTimeWindow": {"Mode": "OFF"},
        "ScheduleExpression": "rate(1 minute)",
        "Target": TARGET,
        **extra,
    }
    out: dict[str, Any] = scheduler.create_schedule(**params)
    return out


@pytest.mark.parametrize("expression", BAD_EXPRESSIONS)
def test_invalid_expressions(scheduler: Any, expression: str) -> None:
    """Scheduler's text for each expression it refuses; nothing is created."""
    with pytest.raises(ClientError) as info:
        _create(scheduler, ScheduleExpression=expression, FlexibleTimeWindow={
            "MaximumWindowInMinutes": 4, "Mode": "FLEXIBLE"})  # fmt: skip
    err = info.value.response
    assert (err["Error"]["Code"], err["Error"]["Message"]) == (
        "ValidationException",
        f"Invalid Schedule Expression {expression}.",
    )
    assert err["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert scheduler.list_schedules()["Schedules"] == []


@pytest.mark.parametrize("expression", GOOD_EXPRESSIONS)
def test_valid_expressions(scheduler: Any, expression: str) -> None:
    """The accepted side: a schedule ARN in the default group."""
    arn = _create(scheduler, ScheduleExpression=expression)["ScheduleArn"]
    assert arn == f"arn:aws:scheduler:us-east-1:{ACCOUNT}:schedule/default/s"


def test_get_schedule_defaults(scheduler: Any) -> None:
    """test_get_schedule: the members GetSchedule answers, ScheduleExpressionTimezone UTC
    and the default RetryPolicy included, no ClientToken."""
    _create(scheduler, ClientToken="tok", Description="Test description", State="ENABLED")
    got = scheduler.get_schedule(Name="s")
    got.pop("ResponseMetadata")
    created = got.pop("CreationDate")
    assert got.pop("LastModificationDate") == created
    assert got == {
        "ActionAfterCompletion": "NONE",
        "Arn": f"arn:aws:scheduler:us-east-1:{ACCOUNT}:schedule/default/s",
        "Description": "Test description",
        "FlexibleTimeWindow": {"Mode": "OFF"},
        "GroupName": "default",
        "Name": "s",
        "ScheduleExpression": "rate(1 minute)",
        "ScheduleExpressionTimezone": "UTC",
        "State": "ENABLED",
        "Target": {**TARGET, "RetryPolicy": RETRY},
    }


def test_update_replaces_everything(scheduler: Any) -> None:
    """test_update_schedule: UpdateSchedule answers the ARN and replaces every member,
    a description left out is gone."""
    _create(scheduler, Description="Test description", FlexibleTimeWindow=FLEXIBLE)
    other = {"Arn": QUEUE + "2", "Input": '{"otherkey": "othervalue"}', "RoleArn": ROLE}
    out = scheduler.update_schedule(
        Name="s",
        FlexibleTimeWindow={"Mode": "OFF"},
        ScheduleExpression="rate(2 minute)",
        Target=other,
        State="DISABLED",
        ActionAfterCompletion="DELETE",
    )
    assert out["ScheduleArn"] == f"arn:aws:scheduler:us-east-1:{ACCOUNT}:schedule/default/s"
    got = scheduler.get_schedule(Name="s")
    assert "Description" not in got
    assert (got["State"], got["ActionAfterCompletion"]) == ("DISABLED", "DELETE")
    assert got["FlexibleTimeWindow"] == {"Mode": "OFF"}
    assert got["Target"] == {**other, "RetryPolicy": RETRY}
    assert got["ScheduleExpressionTimezone"] == "UTC"


def test_get_schedule_not_found(scheduler: Any) -> None:
    """test_get_schedule_not_found: ResourceNotFoundException."""
    with pytest.raises(ClientError) as info:
        scheduler.get_schedule(Name="not-existing-schedule-name")
    err = info.value.response
    assert err["Error"]["Code"] == "ResourceNotFoundException"
    assert err["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_list_schedules(scheduler: Any) -> None:
    """test_list_schedules / test_list_schedules_non: an empty list, then summaries whose
    Target holds only the ARN."""
    assert scheduler.list_schedules()["Schedules"] == []
    _create(scheduler, "one")
    _create(scheduler, "two")
    rows = scheduler.list_schedules()["Schedules"]
    assert [r["Name"] for r in rows] == ["one", "two"]
    assert all(r["Target"] == {"Arn": QUEUE} for r in rows)


def test_group_tags(scheduler: Any) -> None:
    """test_tag_resource / test_untag_resource on a schedule group."""
    arn = scheduler.create_schedule_group(Name="g", Tags=[{"Key": "TagKey", "Value": "TagValue"}])[
        "ScheduleGroupArn"
    ]
    tags = scheduler.list_tags_for_resource(ResourceArn=arn)["Tags"]
    assert tags == [{"Key": "TagKey", "Value": "TagValue"}]
    scheduler.untag_resource(ResourceArn=arn, TagKeys=["TagKey"])
    assert scheduler.list_tags_for_resource(ResourceArn=arn)["Tags"] == []
