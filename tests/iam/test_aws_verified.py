"""IAM answers checked against captures from AWS, one row per expectation.

Sources: the LocalStack suite's snapshot files recorded against IAM, in
localstack/localstack ``tests/aws/services/iam/``: ``test_iam_roles.snapshot.json`` and
``test_iam_users.snapshot.json``, ``test_iam_groups.snapshot.json`` and
``test_iam_managed_policies.snapshot.json`` (recorded 2026-02;
requests in the matching ``.py``).
A row runs its set-up calls, then its call, and asserts IAM's answer,
``Error.Type`` included; each runs on both doors (``cloud.client`` and boto3 through
``mock_aws``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from tests.conftest import DOORS, door_client

ACCOUNT = "123456789012"
ROLES = "localstack tests/aws/services/iam/test_iam_roles"
USERS = "localstack tests/aws/services/iam/test_iam_users"
GROUPS = "localstack tests/aws/services/iam/test_iam_groups"
MANAGED_SRC = "localstack tests/aws/services/iam/test_iam_managed_policies"
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"},
    }
)
POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/p1"
ROLE = [("create_role", {"RoleName": "r1", "AssumeRolePolicyDocument": TRUST})]
USER = [("create_user", {"UserName": "u1"})]
MANAGED = [("create_policy", {"PolicyName": "p1", "PolicyDocument": POLICY})]
LOGIN = [*USER, ("create_login_profile", {"UserName": "u1", "Password": "Pa55word!Pa55word"})]
KEY_ID = "AKIAIOSFODNN7EXAMPLE"


def _trust(**statement: Any) -> str:
    base = {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}}
    return json.dumps({"Version": "2012-10-17", "Statement": [{**base, **statement}]})


class Row(NamedTuple):
    id: str
    source: str
    setup: list[tuple[str, dict[str, Any]]]
    op: str
    params: dict[str, Any]
    #: (code, message, status) for a refusal, else the members the answer must hold.
    expect: tuple[str, str, int] | dict[str, Any]
    #: Members the answer's first member must not hold (the role, the user, ...).
    absent: tuple[str, ...] = ()


def _missing_user(op: str, **params: Any) -> Row:
    return Row(
        f"{op}-missing-user",
        f"{USERS}::test_user_errors / test_login_profile_errors",
        [],
        op,
        {"UserName": "nonexistent-user", **params},
        ("NoSuchEntity", "The user with name nonexistent-user cannot be found.", 404),
    )


ROWS = [
    Row("get-missing-role", f"{ROLES}::test_role_errors", [], "get_role",
        {"RoleName": "test-nonexistent-role"},
        ("NoSuchEntity", "The role with name test-nonexistent-role cannot be found.", 404)),
    Row("update-missing-role", f"{ROLES}::test_role_errors", [], "update_role",
        {"RoleName": "test-nonexistent-role", "Description": "d"},
        ("NoSuchEntity", "The role with name test-nonexistent-role cannot be found.", 404)),
    Row("delete-missing-role", f"{ROLES}::test_role_errors", [], "delete_role",
        {"RoleName": "test-nonexistent-role"},
        ("NoSuchEntity", "The role with name test-nonexistent-role cannot be found.", 404)),
    Row("create-role-twice", f"{ROLES}::test_role_errors", ROLE, "create_role",
        {"RoleName": "r1", "AssumeRolePolicyDocument": TRUST},
        ("EntityAlreadyExists", "Role with name r1 already exists.", 409)),
    Row("create-role-answer", f"{ROLES}::test_create_role_defaults", [], "create_role",
        {"RoleName": "r1", "AssumeRolePolicyDocument": TRUST},
        {"Role": {"Path": "/", "RoleName": "r1"}}, ("MaxSessionDuration", "RoleLastUsed")),
    Row("get-role-defaults", f"{ROLES}::test_create_role_defaults", ROLE, "get_role",
        {"RoleName": "r1"}, {"Role": {"MaxSessionDuration": 3600, "RoleLastUsed": {}}}),
    Row("update-role-description-answer", f"{ROLES}::test_update_role", ROLE,
        "update_role_description", {"RoleName": "r1", "Description": "d"},
        {"Role": {"Description": "d"}}, ("MaxSessionDuration", "RoleLastUsed")),
    Row("delete-role-attached", f"{ROLES}::test_delete_role_with_attached_policy",
        [*ROLE, *MANAGED, ("attach_role_policy", {"RoleName": "r1", "PolicyArn": POLICY_ARN})],
        "delete_role", {"RoleName": "r1"},
        ("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409)),
    Row("delete-role-inline", f"{ROLES}::test_delete_role_with_inline_policy",
        [*ROLE, ("put_role_policy", {"RoleName": "r1", "PolicyName": "i",
                                     "PolicyDocument": POLICY})],
        "delete_role", {"RoleName": "r1"},
        ("DeleteConflict", "Cannot delete entity, must delete policies first.", 409)),
    Row("trust-not-json", f"{ROLES}::test_update_assume_role_policy_errors", ROLE,
        "update_assume_role_policy", {"RoleName": "r1", "PolicyDocument": "{not json"},
        ("MalformedPolicyDocument", "This policy contains invalid Json", 400)),
    Row("trust-other-action", f"{ROLES}::test_update_assume_role_policy_errors", ROLE,
        "update_assume_role_policy",
        {"RoleName": "r1", "PolicyDocument": _trust(Action="s3:GetObject")},
        ("MalformedPolicyDocument",
         "AssumeRole policy may only specify STS AssumeRole actions.", 400)),
    Row("trust-with-resource", f"{ROLES}::test_update_assume_role_policy_errors", ROLE,
        "update_assume_role_policy",
        {"RoleName": "r1", "PolicyDocument": _trust(Action="sts:AssumeRole", Resource="*")},
        ("MalformedPolicyDocument", "Has prohibited field Resource", 400)),
    Row("missing-role-policy", f"{ROLES}::test_role_inline_policy_lifecycle", ROLE,
        "get_role_policy", {"RoleName": "r1", "PolicyName": "nope"},
        ("NoSuchEntity", "The role policy with name nope cannot be found.", 404)),
    Row("delete-missing-role-policy", f"{ROLES}::test_role_inline_policy_lifecycle", ROLE,
        "delete_role_policy", {"RoleName": "r1", "PolicyName": "nope"},
        ("NoSuchEntity", "The role policy with name nope cannot be found.", 404)),
    Row("create-user-twice", f"{USERS}::test_user_errors", USER, "create_user",
        {"UserName": "u1"}, ("EntityAlreadyExists", "User with name u1 already exists.", 409)),
    _missing_user("get_user"),
    _missing_user("update_user", NewUserName="x"),
    _missing_user("delete_user"),
    _missing_user("create_access_key"),
    _missing_user("tag_user", Tags=[{"Key": "k", "Value": "v"}]),
    _missing_user("untag_user", TagKeys=["k"]),
    _missing_user("list_user_tags"),
    _missing_user("create_login_profile", Password="Pa55word!Pa55word"),
    _missing_user("delete_login_profile"),
    Row("delete-user-attached", f"{USERS}::test_delete_user_with_attached_policy",
        [*USER, *MANAGED, ("attach_user_policy", {"UserName": "u1", "PolicyArn": POLICY_ARN})],
        "delete_user", {"UserName": "u1"},
        ("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409)),
    Row("delete-user-inline", f"{USERS}::test_delete_user_with_inline_policy",
        [*USER, ("put_user_policy", {"UserName": "u1", "PolicyName": "i",
                                     "PolicyDocument": POLICY})],
        "delete_user", {"UserName": "u1"},
        ("DeleteConflict", "Cannot delete entity, must delete policies first.", 409)),
    Row("login-profile-answer", f"{USERS}::test_login_profile_lifecycle", USER,
        "create_login_profile", {"UserName": "u1", "Password": "Pa55word!Pa55word"},
        {"LoginProfile": {"UserName": "u1", "PasswordResetRequired": False}}),
    Row("login-profile-twice", f"{USERS}::test_login_profile_errors", LOGIN,
        "create_login_profile", {"UserName": "u1", "Password": "Pa55word!Pa55word"},
        ("EntityAlreadyExists", "Login Profile for user u1 already exists.", 409)),
    Row("login-profile-missing", f"{USERS}::test_login_profile_errors", USER,
        "get_login_profile", {"UserName": "u1"},
        ("NoSuchEntity", "Login Profile for User u1 cannot be found.", 404)),
    Row("delete-login-profile-missing", f"{USERS}::test_login_profile_errors", USER,
        "delete_login_profile", {"UserName": "u1"},
        ("NoSuchEntity", "Login Profile for User u1 cannot be found.", 404)),
    Row("login-profile-reset", f"{USERS}::test_login_profile_lifecycle",
        [*LOGIN, ("update_login_profile", {"UserName": "u1", "PasswordResetRequired": True})],
        "get_login_profile", {"UserName": "u1"},
        {"LoginProfile": {"UserName": "u1", "PasswordResetRequired": True}}),
    Row("third-access-key", f"{USERS}::test_access_key_limit",
        [*USER, ("create_access_key", {"UserName": "u1"}),
         ("create_access_key", {"UserName": "u1"})],
        "create_access_key", {"UserName": "u1"},
        ("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409)),
    Row("second-access-key", "the accepted side of the row above",
        [*USER, ("create_access_key", {"UserName": "u1"})], "create_access_key",
        {"UserName": "u1"}, {"AccessKey": {"UserName": "u1", "Status": "Active"}}),
    Row("update-missing-key", f"{USERS}::test_access_key_errors", USER, "update_access_key",
        {"UserName": "u1", "AccessKeyId": KEY_ID, "Status": "Inactive"},
        ("NoSuchEntity", f"The Access Key with id {KEY_ID} cannot be found.", 404)),
    Row("last-used-missing-key", f"{USERS}::test_access_key_errors", [],
        "get_access_key_last_used", {"AccessKeyId": KEY_ID},
        ("AccessDenied", (f"User: arn:aws:iam::{ACCOUNT}:root is not authorized to perform "
         f"iam:GetAccessKeyLastUsed on resource: access key {KEY_ID}"), 403)),
    Row("delete-key-without-user", f"{USERS}::test_access_key_errors", [],
        "delete_access_key", {"AccessKeyId": KEY_ID},
        ("ValidationError", "Must specify userName when calling with non-User credentials", 400)),
    Row("attach-missing-policy", f"{USERS}::test_user_managed_policy_errors", USER,
        "attach_user_policy",
        {"UserName": "u1", "PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/nonexistent"},
        ("NoSuchEntity", (f"Policy arn:aws:iam::{ACCOUNT}:policy/nonexistent does not exist "
         "or is not attachable."), 404)),
    Row("detach-unattached-policy", f"{USERS}::test_user_managed_policy_errors",
        [*USER, *MANAGED], "detach_user_policy", {"UserName": "u1", "PolicyArn": POLICY_ARN},
        ("NoSuchEntity", f"Policy {POLICY_ARN} was not found.", 404)),
    Row("create-user-with-tags", f"{USERS}::test_user_tag_lifecycle", [], "create_user",
        {"UserName": "u1", "Tags": [{"Key": "Environment", "Value": "Test"},
                                   {"Key": "Team", "Value": "Platform"}]},
        {"User": {"Tags": [{"Key": "Environment", "Value": "Test"},
                           {"Key": "Team", "Value": "Platform"}]}}),
    Row("create-group-twice", f"{GROUPS}::test_create_group",
        [("create_group", {"GroupName": "g1"})], "create_group", {"GroupName": "g1"},
        ("EntityAlreadyExists", "Group with name g1 already exists.", 409)),
    Row("get-missing-group", f"{GROUPS}::test_get_group", [], "get_group",
        {"GroupName": "non-existent-group"},
        ("NoSuchEntity", "The group with name non-existent-group cannot be found.", 404)),
    Row("delete-missing-group", f"{GROUPS}::test_delete_unknown_group", [], "delete_group",
        {"GroupName": "unknown-group"},
        ("NoSuchEntity", "The group with name unknown-group cannot be found.", 404)),
    Row("rename-group-taken", f"{GROUPS}::test_update_group_duplicate_name",
        [("create_group", {"GroupName": "g1"}), ("create_group", {"GroupName": "g2"})],
        "update_group", {"GroupName": "g1", "NewGroupName": "g2"},
        ("EntityAlreadyExists", "Group with name g2 already exists.", 409)),
    Row("add-unknown-user", f"{GROUPS}::test_add_unknown_user_to_group",
        [("create_group", {"GroupName": "g1"})], "add_user_to_group",
        {"GroupName": "g1", "UserName": "non-existent-user"},
        ("NoSuchEntity", "The user with name non-existent-user cannot be found.", 404)),
    Row("add-to-unknown-group", f"{GROUPS}::test_add_user_to_unknown_group", USER,
        "add_user_to_group", {"GroupName": "non-existent-group", "UserName": "u1"},
        ("NoSuchEntity", "The group with name non-existent-group cannot be found.", 404)),
    Row("remove-neither-there", f"{GROUPS}::test_remove_user_from_unknown_group", [],
        "remove_user_from_group", {"GroupName": "unknown", "UserName": "any-user"},
        ("NoSuchEntity", "The user with name any-user cannot be found.", 404)),
    Row("missing-group-policy", f"{GROUPS}::test_get_group_policy",
        [("create_group", {"GroupName": "g1"})], "get_group_policy",
        {"GroupName": "g1", "PolicyName": "p"},
        ("NoSuchEntity", "The group policy with name p cannot be found.", 404)),
    Row("detach-unattached-group-policy", f"{GROUPS}::test_detach_unattached_group_policy",
        [("create_group", {"GroupName": "g1"}), *MANAGED], "detach_group_policy",
        {"GroupName": "g1", "PolicyArn": POLICY_ARN},
        ("NoSuchEntity", f"Policy {POLICY_ARN} was not found.", 404)),
    Row("group-with-path", f"{GROUPS}::test_get_group_with_path", [], "create_group",
        {"GroupName": "g2", "Path": "/some/location/"},
        {"Group": {"Path": "/some/location/",
                   "Arn": f"arn:aws:iam::{ACCOUNT}:group/some/location/g2"}}),
    Row("policy-version-pattern", f"{MANAGED_SRC}::test_get_aws_managed_policy_version", [],
        "get_policy_version", {"PolicyArn": BASIC, "VersionId": "v2-does-not-exist"},
        ("ValidationError", ("1 validation error detected: Value at 'versionId' failed to "
         "satisfy constraint: Member must satisfy regular expression pattern: "
         "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"), 400)),
    Row("policy-version-v1", f"{MANAGED_SRC}::test_get_aws_managed_policy_version", [],
        "get_policy_version", {"PolicyArn": BASIC, "VersionId": "v1"},
        {"PolicyVersion": {"VersionId": "v1", "IsDefaultVersion": True, "Document": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
                "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]}]}}}),
]  # fmt: skip


@pytest.fixture(params=DOORS)
def iam(request: pytest.FixtureRequest) -> Iterator[Any]:
    with door_client(request.param, Cloud.manual(), "iam") as client:
        yield client


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_verified(iam: Any, row: Row) -> None:
    """IAM's answer to the row's request (source in the row)."""
    for op, params in row.setup:
        getattr(iam, op)(**params)
    call = getattr(iam, row.op)
    if isinstance(row.expect, tuple):
        with pytest.raises(ClientError) as info:
            call(**row.params)
        err = info.value.response
        got = (err["Error"]["Code"], err["Error"]["Message"])
        assert (*got, err["ResponseMetadata"]["HTTPStatusCode"]) == row.expect
        assert err["Error"]["Type"] == "Sender"
        return
    answer = call(**row.params)
    for member, value in row.expect.items():
        for key, inner in value.items():
            assert answer[member][key] == inner, (member, key)
        for key in row.absent:
            assert key not in answer[member]


def test_delete_key_as_its_user(iam: Any) -> None:
    """The other side of 'Must specify userName': the key's own user may leave it out."""
    iam.create_user(UserName="u1")
    key = iam.create_access_key(UserName="u1")["AccessKey"]
    as_user = getattr(iam, "as_caller", None)
    if as_user is None:  # boto3: the user's own credentials
        as_user_client = boto3.client(
            "iam",
            region_name="us-east-1",
            aws_access_key_id=key["AccessKeyId"],
            aws_secret_access_key=key["SecretAccessKey"],
        )
    else:
        as_user_client = as_user(key["AccessKeyId"])
    as_user_client.delete_access_key(AccessKeyId=key["AccessKeyId"])
    assert iam.list_access_keys(UserName="u1")["AccessKeyMetadata"] == []
