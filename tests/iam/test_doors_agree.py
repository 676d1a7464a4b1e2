"""The client layer and the bridge give the same answers, key for key, for one script of
IAM and STS calls on two Clouds built alike (what the wire cannot carry, the client layer
must not invent)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import boto3

from pyserverless import Cloud, ManualClock, mock_aws

from .conftest import ALLOW_S3, BASIC, TRUST

#: Values drawn from the Cloud's seed, which each door's request ids also draw from.
SEEDED = {"RoleId", "PolicyId", "UserId", "GroupId", "InstanceProfileId", "AccessKeyId",
          "SecretAccessKey", "SessionToken", "AssumedRoleId"}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (len(v), v[:4] if k.endswith("Id") else "") if k in SEEDED else _plain(v)
            for k, v in value.items()
            if k != "ResponseMetadata"
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.timestamp()
    return value


def script(iam: Any, sts: Any) -> list[Any]:
    out = [
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST, Description="d",
                        Path="/app/", Tags=[{"Key": "k", "Value": "v"}]),
        iam.get_role(RoleName="fn"),
        iam.list_roles(),
        iam.attach_role_policy(RoleName="fn", PolicyArn=BASIC),
        iam.list_attached_role_policies(RoleName="fn"),
        iam.put_role_policy(RoleName="fn", PolicyName="s3", PolicyDocument=ALLOW_S3),
        iam.get_role_policy(RoleName="fn", PolicyName="s3"),
        iam.list_role_policies(RoleName="fn"),
        iam.list_role_tags(RoleName="fn"),
        iam.create_policy(PolicyName="p", PolicyDocument=ALLOW_S3, Description="x",
                          Tags=[{"Key": "a", "Value": "b"}]),
    ]  # fmt: skip
    arn = out[-1]["Policy"]["Arn"]
    out += [
        iam.get_policy(PolicyArn=arn),
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=ALLOW_S3, SetAsDefault=True),
        iam.list_policy_versions(PolicyArn=arn),
        iam.get_policy_version(PolicyArn=arn, VersionId="v2"),
        iam.get_policy(PolicyArn=BASIC),
        iam.list_policies(Scope="AWS", MaxItems=5),
        iam.list_policy_tags(PolicyArn=arn),
        iam.list_entities_for_policy(PolicyArn=BASIC),
        iam.create_user(UserName="bob", Tags=[{"Key": "t", "Value": "u"}]),
        iam.get_user(UserName="bob"),
        iam.list_users(),
        iam.create_access_key(UserName="bob"),
        iam.list_access_keys(UserName="bob"),
        iam.create_group(GroupName="g"),
        iam.add_user_to_group(GroupName="g", UserName="bob"),
        iam.get_group(GroupName="g"),
        iam.list_groups_for_user(UserName="bob"),
        iam.create_instance_profile(InstanceProfileName="ip"),
        iam.add_role_to_instance_profile(InstanceProfileName="ip", RoleName="fn"),
        iam.get_instance_profile(InstanceProfileName="ip"),
        iam.list_instance_profiles_for_role(RoleName="fn"),
        sts.get_caller_identity(),
        sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/app/fn", RoleSessionName="s1",
                        Policy=ALLOW_S3),
        iam.get_role(RoleName="fn"),
        sts.get_session_token(DurationSeconds=900),
    ]  # fmt: skip
    return out


def test_client_layer_and_bridge_agree() -> None:
    """Every answer of the script is the same through the client layer and the bridge."""
    start = 1_735_689_600
    ours = Cloud(clock=ManualClock(start), seed=4)
    direct = script(ours.client("iam"), ours.client("sts"))
    bridged_cloud = Cloud(clock=ManualClock(start), seed=4)
    with mock_aws(bridged_cloud):
        bridged = script(boto3.client("iam"), boto3.client("sts"))
    assert len(direct) == len(bridged)
    for index, (a, b) in enumerate(zip(direct, bridged, strict=True)):
        assert _plain(a) == _plain(b), index
