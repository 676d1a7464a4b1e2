"""STS answers checked against captures from AWS, one row per expectation.

Sources: the LocalStack suite's snapshot file recorded against STS,
localstack/localstack ``tests/aws/services/sts/test_sts.snapshot.json`` (recorded 2024-06
to 2026-02; requests in ``test_sts.py``). Each runs on both doors (``cloud.client`` and
boto3 through ``mock_aws``, where chained sessions use the issued credentials).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, mock_aws

SOURCE = "localstack tests/aws/services/sts/test_sts"
ACCOUNT = "123456789012"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": ACCOUNT},
                "Action": ["sts:AssumeRole", "sts:TagSession"],
            }
        ],
    }
)
PATTERN = "[\\w+=,.@-]*"
TRANSITIVE_CONFLICT = (
    "One of the specified transitive tag keys can't be set because it conflicts with a "
    "transitive tag key from the calling session."
)


class Doors:
    """The STS client and a way to reach it as another session, on one door."""

    def __init__(self, cloud: Cloud, door: str) -> None:
        self.cloud, self.door = cloud, door
        self.iam = self._client("iam")
        self.sts = self._client("sts")

    def _client(self, service: str, creds: dict[str, str] | None = None) -> Any:
        if self.door == "native":
            return self.cloud.client(service)
        keys = {}
        if creds is not None:
            keys = {
                "aws_access_key_id": creds["AccessKeyId"],
                "aws_secret_access_key": creds["SecretAccessKey"],
                "aws_session_token": creds["SessionToken"],
            }
        return boto3.client(service, region_name="us-east-1", **keys)

    def as_session(self, creds: dict[str, str]) -> Any:
        if self.door == "native":
            return self.sts.as_caller(creds["AccessKeyId"])
        return self._client("sts", creds)


@pytest.fixture(params=["native", "boto3"])
def doors(request: pytest.FixtureRequest) -> Iterator[Doors]:
    cloud = Cloud.manual()
    if request.param == "native":
        yield Doors(cloud, "native")
        return
    with cloud, mock_aws(cloud):
        yield Doors(cloud, "boto3")


def _refused(call: Any, **params: Any) -> tuple[str, str, str, int]:
    with pytest.raises(ClientError) as info:
        call(**params)
    err = info.value.response
    error = err["Error"]
    return error["Code"], error["Message"], error["Type"], err["ResponseMetadata"]["HTTPStatusCode"]


def _role(doors: Doors) -> str:
    arn: str = doors.iam.create_role(RoleName="r", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    return arn


# (RoleArn, the text) from test_sts_invalid_parameters (2025-07).
BAD_ARNS = [
    "nothing-valid-in-here",
    "arn::b:::something/test-role",
    "arn:a::::something/test-role",
    "arn:a:::something/test-role",
    "arn:a:a::aaaaaaaaaa:",
]


@pytest.mark.parametrize("arn", BAD_ARNS)
def test_malformed_role_arn(doors: Doors, arn: str) -> None:
    """test_sts_invalid_parameters: a RoleArn that is not an ARN is '<arn> is invalid'."""
    got = _refused(doors.sts.assume_role, RoleArn=arn, RoleSessionName="Session1")
    assert got == ("ValidationError", f"{arn} is invalid", "Sender", 400)


def test_well_formed_unknown_arn(doors: Doors) -> None:
    """The other side: a well-formed ARN of no role is AccessDenied, not invalid."""
    arn = f"arn:aws:iam::{ACCOUNT}:role/nope"
    code, *_ = _refused(doors.sts.assume_role, RoleArn=arn, RoleSessionName="Session1")
    assert code == "AccessDenied"


def test_session_name_pattern_and_length(doors: Doors) -> None:
    """test_sts_invalid_parameters / test_assume_role_session_name_too_long: the name's
    pattern and its 64-character bound, both sides."""
    arn = _role(doors)
    assert _refused(doors.sts.assume_role, RoleArn=arn, RoleSessionName="Session1:2") == (
        "ValidationError",
        (
            "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to "
            f"satisfy constraint: Member must satisfy regular expression pattern: {PATTERN}"
        ),
        "Sender",
        400,
    )
    assert _refused(doors.sts.assume_role, RoleArn=arn, RoleSessionName="s" * 65) == (
        "ValidationError",
        (
            f"1 validation error detected: Value '{'s' * 65}' at 'roleSessionName' failed to "
            "satisfy constraint: Member must have length less than or equal to 64"
        ),
        "Sender",
        400,
    )
    user = doors.sts.assume_role(RoleArn=arn, RoleSessionName="s" * 64)["AssumedRoleUser"]
    assert user["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/r/{'s' * 64}"


def test_assumed_role_user(doors: Doors) -> None:
    """test_assume_role: AssumedRoleId is the role's id and the session name."""
    arn = _role(doors)
    role_id = doors.iam.get_role(RoleName="r")["Role"]["RoleId"]
    user = doors.sts.assume_role(RoleArn=arn, RoleSessionName="sess")["AssumedRoleUser"]
    assert user == {
        "AssumedRoleId": f"{role_id}:sess",
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/r/sess",
    }


def test_federation_token_packed_size(doors: Doors) -> None:
    """test_get_federation_token: PackedPolicySize 0 without a policy."""
    out = doors.sts.get_federation_token(Name="bob")
    assert out["PackedPolicySize"] == 0
    assert out["FederatedUser"] == {
        "Arn": f"arn:aws:sts::{ACCOUNT}:federated-user/bob",
        "FederatedUserId": f"{ACCOUNT}:bob",
    }


def test_tag_validation(doors: Doors) -> None:
    """test_assume_role_tag_validation: transitive keys must be among the tags; keys are
    compared without case."""
    arn = _role(doors)
    got = _refused(
        doors.sts.assume_role,
        RoleArn=arn,
        RoleSessionName="s1",
        Tags=[{"Key": "k1", "Value": "v"}],
        TransitiveTagKeys=["k2"],
    )
    assert got == (
        "InvalidParameterValue",
        "The specified transitive tag key must be included in the requested tags.",
        "Sender",
        400,
    )
    got = _refused(
        doors.sts.assume_role,
        RoleArn=arn,
        RoleSessionName="s1",
        Tags=[{"Key": "k1", "Value": "v"}, {"Key": "K1", "Value": "v"}],
    )
    assert got == (
        "InvalidParameterValue",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
        "Sender",
        400,
    )
    accepted = doors.sts.assume_role(
        RoleArn=arn,
        RoleSessionName="s1",
        Tags=[{"Key": "k1", "Value": "v"}, {"Key": "k2", "Value": "v"}],
        TransitiveTagKeys=["K1"],
    )
    assert accepted["AssumedRoleUser"]["Arn"].endswith("/s1")


def test_chained_transitive_tags(doors: Doors) -> None:
    """test_iam_role_chaining_override_transitive_tags: a chained session may not reset a
    transitive key, whatever its case; other tags are fine."""
    arn = _role(doors)
    first = doors.sts.assume_role(
        RoleArn=arn,
        RoleSessionName="s1",
        Tags=[{"Key": "SessionTag1", "Value": "v"}],
        TransitiveTagKeys=["SessionTag1"],
    )["Credentials"]
    chained = doors.as_session(first)
    for key in ("SessionTag1", "sessiontag1"):
        got = _refused(
            chained.assume_role,
            RoleArn=arn,
            RoleSessionName="s2",
            Tags=[{"Key": key, "Value": "v2"}],
        )
        assert got == ("InvalidParameterValue", TRANSITIVE_CONFLICT, "Sender", 400)
    ok = chained.assume_role(RoleArn=arn, RoleSessionName="s2", Tags=[{"Key": "o", "Value": "v"}])
    assert ok["AssumedRoleUser"]["Arn"].endswith("/s2")
