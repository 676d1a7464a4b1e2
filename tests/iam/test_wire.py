"""IAM on the wire: raw query-protocol XML, the endpoint through boto3, the AWS CLI over
``serve``, and a moto-style set-up run unchanged under pyserverless's and moto's mock_aws."""

from __future__ import annotations

import io
import json
import urllib.parse
import zipfile
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import Dispatcher, Server, WireRequest

from .conftest import BASIC, TRUST

FORM = {"content-type": "application/x-www-form-urlencoded", "host": "iam.amazonaws.com"}


def _call(cloud: Cloud, **form: str) -> tuple[int, str]:
    body = urllib.parse.urlencode({"Version": "2010-05-08", **form}).encode()
    answer = Dispatcher(cloud).handle(WireRequest("POST", "/", FORM, body, trusted=True))
    return answer.status, answer.body.decode()


class TestRawXml:
    def test_create_role_form(self, cloud: Cloud) -> None:
        """Tags.member.N.Key/Value are read; the trust policy comes back URL-encoded."""
        status, body = _call(
            cloud, Action="CreateRole", RoleName="fn", AssumeRolePolicyDocument=TRUST,
            **{"Tags.member.1.Key": "a", "Tags.member.1.Value": "1",
               "Tags.member.2.Key": "b", "Tags.member.2.Value": "2"},
        )  # fmt: skip
        assert status == 200
        assert body.startswith(
            '<CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
        )
        assert "<AssumeRolePolicyDocument>%7B%22Version%22%3A%20%222012-10-17%22" in body
        assert "<Tags>\n        <member>\n          <Key>a</Key>" in body
        assert cloud.client("iam").list_role_tags(RoleName="fn")["Tags"] == [
            {"Key": "a", "Value": "1"},
            {"Key": "b", "Value": "2"},
        ]

    def test_list_is_members(self, cloud: Cloud) -> None:
        """ListRoles writes each role as a <member> of <Roles>, with IsTruncated."""
        cloud.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        status, body = _call(cloud, Action="ListRoles")
        assert status == 200
        assert "<Roles>\n      <member>\n        <Path>/</Path>" in body
        assert "<IsTruncated>false</IsTruncated>" in body

    def test_error(self, cloud: Cloud) -> None:
        """An IAM error is an ErrorResponse with the wire code and status 404."""
        status, body = _call(cloud, Action="GetRole", RoleName="ghost")
        assert status == 404
        assert "<Code>NoSuchEntity</Code>" in body
        assert "<Message>The role with name ghost cannot be found.</Message>" in body

    def test_list_of_strings(self, cloud: Cloud) -> None:
        """UntagRole's TagKeys.member.N is a list of strings."""
        cloud.client("iam").create_role(
            RoleName="fn", AssumeRolePolicyDocument=TRUST,
            Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
        )  # fmt: skip
        status, _ = _call(cloud, Action="UntagRole", RoleName="fn", **{"TagKeys.member.1": "a"})
        assert status == 200
        assert cloud.client("iam").list_role_tags(RoleName="fn")["Tags"] == [
            {"Key": "b", "Value": "2"}
        ]

    def test_validation_error(self, cloud: Cloud) -> None:
        """A model bound broken on the wire is IAM's ValidationError (400)."""
        status, body = _call(cloud, Action="ListRoles", MaxItems="1001")
        assert status == 400
        assert "<Code>ValidationError</Code>" in body

    def test_unbuilt_action(self, cloud: Cloud) -> None:
        """An IAM action not emulated is InvalidAction, not a crash."""
        status, body = _call(
            cloud, Action="CreateSAMLProvider", Name="idp", SAMLMetadataDocument="x" * 1000
        )
        assert status == 400
        assert "<Code>InvalidAction</Code>" in body


def test_endpoint_signed_keys(cloud: Cloud) -> None:
    """Over the endpoint, IAM answers boto3 and STS knows the signing user's key."""
    with Server(cloud) as server:
        admin = {"endpoint_url": server.url, "region_name": "us-east-1",
                 "aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "x"}  # fmt: skip
        iam = boto3.client("iam", **admin)
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="fn", PolicyArn=BASIC)
        role = iam.get_role(RoleName="fn")["Role"]
        assert role["AssumeRolePolicyDocument"] == json.loads(TRUST)
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        sts = boto3.client(
            "sts", endpoint_url=server.url, region_name="eu-west-1",
            aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"],
        )  # fmt: skip
        assert sts.get_caller_identity()["Arn"] == "arn:aws:iam::123456789012:user/bob"
        assert boto3.client("sts", **admin).get_caller_identity()["Arn"].endswith(":root")


@pytest.fixture(scope="module")
def served(aws_cli: Callable[..., Any]) -> Callable[..., Any]:
    return aws_cli


def test_aws_cli(served: Callable[..., Any]) -> None:
    """aws iam create-role, attach-role-policy, get-role; aws sts get-caller-identity."""
    role = served("iam", "create-role", "--role-name", "cli-fn",
                  "--assume-role-policy-document", TRUST)["Role"]  # fmt: skip
    assert role["Arn"] == "arn:aws:iam::123456789012:role/cli-fn"
    assert role["AssumeRolePolicyDocument"] == json.loads(TRUST)
    served("iam", "attach-role-policy", "--role-name", "cli-fn", "--policy-arn", BASIC)
    attached = served("iam", "list-attached-role-policies", "--role-name", "cli-fn")
    assert [p["PolicyArn"] for p in attached["AttachedPolicies"]] == [BASIC]
    error = served("iam", "get-role", "--role-name", "ghost", ok=False)
    assert "NoSuchEntity" in error
    assert served("sts", "get-caller-identity")["Account"] == "123456789012"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def moto_style_setup() -> dict[str, Any]:
    """What a moto suite does first: a role, AWS's basic execution policy, a function."""
    iam = boto3.client("iam", region_name="us-east-1")
    role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=TRUST)["Role"]
    iam.attach_role_policy(RoleName="lambda-role", PolicyArn=BASIC)
    attached = iam.list_attached_role_policies(RoleName="lambda-role")["AttachedPolicies"]
    fn = boto3.client("lambda", region_name="us-east-1").create_function(
        FunctionName="f", Runtime="python3.12", Role=role["Arn"], Handler="app.handler",
        Code={"ZipFile": _zip()},
    )  # fmt: skip
    caller = boto3.client("sts", region_name="us-east-1").get_caller_identity()
    return {
        "role_arn": role["Arn"],
        "trust": iam.get_role(RoleName="lambda-role")["Role"]["AssumeRolePolicyDocument"],
        "attached": attached,
        "function_role": fn["Role"],
        "account": caller["Account"],
    }


def test_moto_style_suite_runs_on_both() -> None:
    """The same set-up gives the same answers under pyserverless's mock_aws and moto's."""
    with mock_aws(Cloud.manual()):
        ours = moto_style_setup()
    moto = pytest.importorskip("moto")
    with moto.mock_aws(config={"iam": {"load_aws_managed_policies": True}}):
        theirs = moto_style_setup()
    assert ours == theirs


def test_verified_signatures_know_the_clouds_keys(cloud: Cloud) -> None:
    """With signatures verified, IAM users' keys and STS sessions sign; unknown keys do not."""
    from botocore.exceptions import ClientError

    verifying = Dispatcher(cloud, credentials={"AKIDEXAMPLE": "admin-secret"})
    with Server(cloud, dispatcher=verifying) as server:

        def client(service: str, key: str, secret: str, token: str | None = None) -> Any:
            return boto3.client(service, endpoint_url=server.url, region_name="us-east-1",
                                aws_access_key_id=key, aws_secret_access_key=secret,
                                aws_session_token=token)  # fmt: skip

        iam = client("iam", "AKIDEXAMPLE", "admin-secret")
        iam.create_user(UserName="bob")
        iam.create_role(RoleName="fn", AssumeRolePolicyDocument=TRUST)
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        bob = client("sts", key["AccessKeyId"], key["SecretAccessKey"])
        assert bob.get_caller_identity()["Arn"].endswith(":user/bob")
        creds = bob.assume_role(RoleArn="arn:aws:iam::123456789012:role/fn",
                                RoleSessionName="s1")["Credentials"]  # fmt: skip
        session = client("sts", creds["AccessKeyId"], creds["SecretAccessKey"],
                         creds["SessionToken"])  # fmt: skip
        assert session.get_caller_identity()["Arn"].endswith(":assumed-role/fn/s1")
        with pytest.raises(ClientError) as err:
            client("sts", key["AccessKeyId"], "wrong" * 8).get_caller_identity()
        assert err.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
        with pytest.raises(ClientError) as err:
            client("sts", "AKIAUNKNOWN000000000", "x" * 40).get_caller_identity()
        assert err.value.response["Error"]["Code"] == "InvalidClientTokenId"
