"""The Scheduler API: every operation, its errors and both sides of each limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from pyserverless import Cloud, ManualClock
from pyserverless.scheduler import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationException,
)

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:f"
MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()
ROLE = "arn:aws:iam::123456789012:role/scheduler"
NO_WINDOW = {"Mode": "OFF"}


def target(arn: str, **extra: Any) -> dict[str, Any]:
    return {"Arn": arn, "RoleArn": ROLE, **extra}


def create(client: Any, name: str = "s", **extra: Any) -> Any:
    params: dict[str, Any] = {
        "Name": name,
        "ScheduleExpression": "rate(1 hour)",
        "FlexibleTimeWindow": NO_WINDOW,
        "Target": target(LAMBDA),
    }
    params.update(extra)
    return client.create_schedule(**params)


@pytest.fixture
def client(cloud: Cloud) -> Any:
    return cloud.client("scheduler")


def error(call: Any, **params: Any) -> tuple[str, str]:
    """The code and message a call is refused with (``ParamValidationError``: the model's
    minimum or a missing member, refused at the client edge as botocore refuses it)."""
    with pytest.raises(Exception) as info:
        call(**params)
    if isinstance(info.value, ParamValidationError):
        return "ParamValidationError", str(info.value)
    err = info.value.response["Error"]  # type: ignore[attr-defined]
    return err["Code"], err["Message"]


class TestCreateSchedule:
    def test_arn_and_get(self, client: Any) -> None:
        """CreateSchedule answers the ARN; GetSchedule shows every setting and defaults."""
        arn = create(client, Description="d", State="DISABLED")["ScheduleArn"]
        assert arn == "arn:aws:scheduler:us-east-1:123456789012:schedule/default/s"
        got = client.get_schedule(Name="s")
        got.pop("ResponseMetadata")
        now = dt.datetime.fromtimestamp(MONDAY, dt.UTC)
        assert got == {
            "Arn": arn,
            "GroupName": "default",
            "Name": "s",
            "ScheduleExpression": "rate(1 hour)",
            "Description": "d",
            "ScheduleExpressionTimezone": "UTC",
            "State": "DISABLED",
            "CreationDate": now,
            "LastModificationDate": now,
            "Target": {
                "Arn": LAMBDA,
                "RoleArn": "arn:aws:iam::123456789012:role/scheduler",
                "RetryPolicy": {"MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185},
            },
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "ActionAfterCompletion": "NONE",
        }

    def test_conflict_in_the_same_group_only(self, client: Any) -> None:
        """A name is unique within its group; another group may reuse it."""
        create(client)
        assert error(create, client=client) == ("ConflictException", "Schedule s already exists.")
        client.create_schedule_group(Name="g")
        assert create(client, GroupName="g")["ScheduleArn"].endswith(":schedule/g/s")

    def test_missing_group(self, client: Any) -> None:
        """A group that does not exist: ResourceNotFoundException, nothing created."""
        code, message = error(create, client=client, GroupName="nope")
        assert (code, message) == (
            "ResourceNotFoundException",
            "Schedule group nope does not exist.",
        )
        assert client.list_schedules()["Schedules"] == []

    @pytest.mark.parametrize(
        "expression",
        [
            "rate(0 hours)",
            "rate(5 minutess)",
            "cron(0 9 * * * *)",
            "at(2024-13-01T00:00:00)",
            "at(2024-03-25 10:00:00)",
            "every hour",
            "cron(0 9 ? * MON-FRI)",
        ],
    )
    def test_bad_expressions(self, client: Any, expression: str) -> None:
        """Malformed expressions get Scheduler's ValidationException and change nothing."""
        code, message = error(create, client=client, ScheduleExpression=expression)
        assert (code, message) == (
            "ValidationException",
            f"Invalid Schedule Expression {expression}.",
        )
        assert client.list_schedules()["Schedules"] == []

    @pytest.mark.parametrize(
        "expression",
        # rate(2 minute): Scheduler takes either number (captured from AWS, 2025-01).
        [
            "rate(1 minute)",
            "rate(2 days)",
            "rate(2 minute)",
            "cron(0 9 ? * MON-FRI *)",
            "at(2024-03-25T10:00:00)",
        ],
    )
    def test_good_expressions(self, client: Any, expression: str) -> None:
        """at(), rate() and cron() expressions are accepted."""
        create(client, ScheduleExpression=expression)
        assert client.get_schedule(Name="s")["ScheduleExpression"] == expression

    def test_timezone(self, client: Any) -> None:
        """An IANA name is kept; anything else is refused."""
        create(client, ScheduleExpressionTimezone="Europe/Paris")
        assert client.get_schedule(Name="s")["ScheduleExpressionTimezone"] == "Europe/Paris"
        code, message = error(
            create, client=client, name="t", ScheduleExpressionTimezone="Mars/Base"
        )
        assert (code, message) == (
            "ValidationException",
            "Invalid ScheduleExpressionTimezone Mars/Base.",
        )

    def test_dates(self, client: Any) -> None:
        """StartDate and EndDate are kept; an EndDate not after StartDate is refused."""
        start = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
        create(client, StartDate=start, EndDate=start + dt.timedelta(seconds=1))
        got = client.get_schedule(Name="s")
        assert (got["StartDate"], got["EndDate"]) == (start, start + dt.timedelta(seconds=1))
        code, _ = error(create, client=client, name="t", StartDate=start, EndDate=start)
        assert code == "ValidationException"

    def test_flexible_window_both_sides(self, client: Any) -> None:
        """MaximumWindowInMinutes 1..1440 with FLEXIBLE; required with it, refused with OFF."""
        for minutes, name in ((1, "a"), (1440, "b")):
            create(
                client,
                name,
                FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": minutes},
            )
        for minutes, refusal in ((0, "ParamValidationError"), (1441, "ValidationException")):
            code, _ = error(
                create,
                client=client,
                name="c",
                FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": minutes},
            )
            assert code == refusal
        assert error(create, client=client, name="c", FlexibleTimeWindow={"Mode": "FLEXIBLE"}) == (
            "ValidationException",
            "MaximumWindowInMinutes must be provided when Mode is FLEXIBLE.",
        )
        code, _ = error(
            create,
            client=client,
            name="c",
            FlexibleTimeWindow={"Mode": "OFF", "MaximumWindowInMinutes": 5},
        )
        assert code == "ValidationException"
        assert [s["Name"] for s in client.list_schedules()["Schedules"]] == ["a", "b"]

    def test_retry_policy_both_sides(self, client: Any) -> None:
        """MaximumEventAgeInSeconds 60..86400 and MaximumRetryAttempts 0..185."""
        for i, policy in enumerate(
            (
                {"MaximumEventAgeInSeconds": 60, "MaximumRetryAttempts": 0},
                {"MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185},
            )
        ):
            create(client, f"ok{i}", Target=target(LAMBDA, RetryPolicy=policy))
            assert client.get_schedule(Name=f"ok{i}")["Target"]["RetryPolicy"] == policy
        for policy, refusal in (
            ({"MaximumEventAgeInSeconds": 59}, "ParamValidationError"),
            ({"MaximumEventAgeInSeconds": 86401}, "ValidationException"),
            ({"MaximumRetryAttempts": -1}, "ParamValidationError"),
            ({"MaximumRetryAttempts": 186}, "ValidationException"),
        ):
            code, _ = error(
                create, client=client, name="bad", Target=target(LAMBDA, RetryPolicy=policy)
            )
            assert code == refusal
        assert client.list_schedules()["Schedules"][0]["Name"] == "ok0"

    def test_partial_retry_policy_filled_in(self, client: Any) -> None:
        """A RetryPolicy naming one member gets AWS's default for the other."""
        create(client, Target=target(LAMBDA, RetryPolicy={"MaximumRetryAttempts": 3}))
        policy = client.get_schedule(Name="s")["Target"]["RetryPolicy"]
        assert policy == {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 86400}

    @pytest.mark.parametrize(
        "arn",
        [
            "arn:aws:states:us-east-1:123456789012:stateMachine:m",
            "arn:aws:scheduler:::aws-sdk:sqs:sendMessage",
            "not-an-arn",
        ],
    )
    def test_targets_other_than_lambda_refused(self, client: Any, arn: str) -> None:
        """Only Lambda function targets are delivered, so only they are accepted."""
        code, message = error(create, client=client, Target=target(arn))
        assert code == "ValidationException"
        assert arn in message
        assert client.list_schedules()["Schedules"] == []

    @pytest.mark.parametrize(
        ("member", "value"),
        [
            ("KinesisParameters", {"PartitionKey": "k"}),
        ],
    )
    def test_unsupported_target_members_refused(self, client: Any, member: str, value: Any) -> None:
        """Other targets' parameters are refused, never stored."""
        code, message = error(create, client=client, Target=target(LAMBDA, **{member: value}))
        assert (code, message) == (
            "ValidationException",
            f"Target.{member} is not supported by pyserverless's EventBridge Scheduler.",
        )

    def test_kms_key_refused(self, client: Any) -> None:
        """KmsKeyArn is refused rather than stored and ignored."""
        code, _ = error(
            create, client=client, KmsKeyArn="arn:aws:kms:us-east-1:123456789012:key/abc"
        )
        assert code == "ValidationException"

    def test_lambda_input_must_be_json(self, client: Any) -> None:
        """A Lambda target's Input is JSON (context attributes allowed as values)."""
        code, message = error(create, client=client, Target=target(LAMBDA, Input="hello"))
        assert (code, message) == (
            "ValidationException",
            "Input must be a well-formed JSON for a Lambda target.",
        )
        create(client, Target=target(LAMBDA, Input='{"n": <aws.scheduler.attempt-number>}'))

    def test_name_pattern_and_length(self, client: Any) -> None:
        """Names are 1..64 of [0-9a-zA-Z-_.] (the model's checks at the client edge)."""
        create(client, "a" * 64)
        for bad in ("a" * 65, "has space"):
            code, _ = error(create, client=client, name=bad)
            assert code == "ValidationException"
        assert error(create, client=client, name="")[0] == "ParamValidationError"

    def test_required_members(self, client: Any) -> None:
        """FlexibleTimeWindow and Target are required."""
        with pytest.raises(Exception) as info:
            client.create_schedule(
                Name="s", ScheduleExpression="rate(1 hour)", Target=target(LAMBDA)
            )
        assert "FlexibleTimeWindow" in str(info.value)


class TestQuotas:
    def test_schedules_both_sides(self) -> None:
        """The schedule quota: the last one fits, the next is ServiceQuotaExceededException."""
        cloud = Cloud(clock=ManualClock(MONDAY), limits={"scheduler": {"max_schedules": 2}})
        client = cloud.client("scheduler")
        create(client, "a")
        create(client, "b")
        with pytest.raises(ServiceQuotaExceededException):
            create(client, "c")
        client.delete_schedule(Name="a")
        create(client, "c")

    def test_groups_both_sides(self) -> None:
        """The group quota counts ``default``."""
        cloud = Cloud(clock=ManualClock(MONDAY), limits={"scheduler": {"max_schedule_groups": 2}})
        client = cloud.client("scheduler")
        client.create_schedule_group(Name="g1")
        with pytest.raises(ServiceQuotaExceededException):
            client.create_schedule_group(Name="g2")


class TestUpdateSchedule:
    def test_full_replace(self, client: Any) -> None:
        """UpdateSchedule replaces everything: members left out return to defaults."""
        create(
            client,
            Description="d",
            ScheduleExpressionTimezone="Europe/Paris",
            Target=target(LAMBDA, Input="{}"),
        )
        client.update_schedule(
            Name="s",
            ScheduleExpression="rate(2 hours)",
            FlexibleTimeWindow=NO_WINDOW,
            Target=target(LAMBDA),
        )
        got = client.get_schedule(Name="s")
        assert got["ScheduleExpression"] == "rate(2 hours)"
        assert "Description" not in got and got["ScheduleExpressionTimezone"] == "UTC"
        assert "Input" not in got["Target"]

    def test_missing_and_invalid(self, client: Any) -> None:
        """A missing schedule: ResourceNotFoundException; a bad update changes nothing."""
        with pytest.raises(ResourceNotFoundException):
            client.update_schedule(
                Name="nope",
                ScheduleExpression="rate(1 hour)",
                FlexibleTimeWindow=NO_WINDOW,
                Target=target(LAMBDA),
            )
        create(client)
        with pytest.raises(ValidationException):
            client.update_schedule(
                Name="s",
                ScheduleExpression="rate(1 hourss)",
                FlexibleTimeWindow=NO_WINDOW,
                Target=target(LAMBDA),
            )
        assert client.get_schedule(Name="s")["ScheduleExpression"] == "rate(1 hour)"

    def test_modification_date_moves(self, cloud: Cloud, client: Any) -> None:
        """LastModificationDate is the update's time; CreationDate stays."""
        create(client)
        cloud.advance(60)
        client.update_schedule(
            Name="s",
            ScheduleExpression="rate(1 hour)",
            FlexibleTimeWindow=NO_WINDOW,
            Target=target(LAMBDA),
        )
        got = client.get_schedule(Name="s")
        assert (got["LastModificationDate"] - got["CreationDate"]).total_seconds() == 60


class TestDeleteAndList:
    def test_delete(self, client: Any) -> None:
        """DeleteSchedule removes it; a second delete is ResourceNotFoundException."""
        create(client)
        client.delete_schedule(Name="s")
        assert error(client.delete_schedule, Name="s") == (
            "ResourceNotFoundException",
            "Schedule s does not exist.",
        )
        with pytest.raises(ResourceNotFoundException):
            client.get_schedule(Name="s")

    def test_list_filters(self, client: Any) -> None:
        """ListSchedules filters by GroupName, NamePrefix and State."""
        client.create_schedule_group(Name="g")
        create(client, "alpha")
        create(client, "beta", State="DISABLED")
        create(client, "alpha2", GroupName="g")

        def names(**kw: Any) -> list[tuple[str, str]]:
            rows = client.list_schedules(**kw)["Schedules"]
            return [(s["GroupName"], s["Name"]) for s in rows]

        assert names() == [("default", "alpha"), ("default", "beta"), ("g", "alpha2")]
        assert names(GroupName="g") == [("g", "alpha2")]
        assert names(NamePrefix="al") == [("default", "alpha"), ("g", "alpha2")]
        assert names(State="DISABLED") == [("default", "beta")]
        row = client.list_schedules(GroupName="g")["Schedules"][0]
        assert row["Target"] == {"Arn": LAMBDA} and row["State"] == "ENABLED"
        with pytest.raises(ResourceNotFoundException):
            client.list_schedules(GroupName="nope")

    def test_paging_both_sides(self, client: Any) -> None:
        """MaxResults 1..100 pages with NextToken; 0 and 101 are refused."""
        for i in range(5):
            create(client, f"s{i}")
        first = client.list_schedules(MaxResults=2)
        assert [s["Name"] for s in first["Schedules"]] == ["s0", "s1"]
        rest = client.list_schedules(MaxResults=100, NextToken=first["NextToken"])
        assert [s["Name"] for s in rest["Schedules"]] == ["s2", "s3", "s4"]
        assert "NextToken" not in rest
        assert error(client.list_schedules, MaxResults=0)[0] == "ParamValidationError"
        assert error(client.list_schedules, MaxResults=101)[0] == "ValidationException"
        with pytest.raises(ValidationException):
            client.list_schedules(NextToken="garbage")


class TestScheduleGroups:
    def test_default_group(self, client: Any) -> None:
        """The default group exists, is ACTIVE and cannot be deleted."""
        got = client.get_schedule_group(Name="default")
        assert got["Arn"] == "arn:aws:scheduler:us-east-1:123456789012:schedule-group/default"
        assert got["State"] == "ACTIVE"
        assert error(client.delete_schedule_group, Name="default") == (
            "ValidationException",
            "Cannot delete the default schedule group.",
        )

    def test_create_get_list_delete(self, client: Any) -> None:
        """A group is created, listed by prefix, and deleted with its schedules."""
        arn = client.create_schedule_group(Name="reports")["ScheduleGroupArn"]
        assert arn.endswith(":schedule-group/reports")
        with pytest.raises(ConflictException):
            client.create_schedule_group(Name="reports")
        create(client, GroupName="reports")
        names = [g["Name"] for g in client.list_schedule_groups(NamePrefix="rep")["ScheduleGroups"]]
        assert names == ["reports"]
        page = client.list_schedule_groups(MaxResults=1)
        assert [g["Name"] for g in page["ScheduleGroups"]] == ["default"] and "NextToken" in page
        client.delete_schedule_group(Name="reports")
        with pytest.raises(ResourceNotFoundException):
            client.get_schedule_group(Name="reports")
        with pytest.raises(ResourceNotFoundException):
            client.delete_schedule_group(Name="reports")
        assert client.list_schedules()["Schedules"] == []

    def test_tags(self, client: Any) -> None:
        """A group's tags are read, added and removed by ARN; a schedule ARN is refused."""
        arn = client.create_schedule_group(Name="g", Tags=[{"Key": "team", "Value": "a"}])[
            "ScheduleGroupArn"
        ]
        assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "team", "Value": "a"}
        ]
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "dev"}])
        client.untag_resource(ResourceArn=arn, TagKeys=["team"])
        assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "env", "Value": "dev"}
        ]
        schedule_arn = create(client)["ScheduleArn"]
        with pytest.raises(ValidationException):
            client.list_tags_for_resource(ResourceArn=schedule_arn)
        with pytest.raises(ResourceNotFoundException):
            client.list_tags_for_resource(ResourceArn=arn.replace("/g", "/nope"))


def test_recorder_fixture_is_lambda(cloud: Cloud, make_recorder: Any) -> None:
    """The tests' recording function is a real Lambda function (its ARN is the target)."""
    rec = make_recorder(cloud, "other")
    assert rec.arn == "arn:aws:lambda:us-east-1:123456789012:function:other"
