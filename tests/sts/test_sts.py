"""STS: who calls, AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken, on the clock."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError

from pyserverless import Cloud, mock_aws
from pyserverless.errors import PyServerlessError

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "sts:AssumeRole",
            },
            {
                "Effect": "Allow",
                "Principal": {
                    "Federated": "arn:aws:iam::123456789012:oidc-provider/accounts.example.com"
                },
                "Action": "sts:AssumeRoleWithWebIdentity",
            },
        ],
    }
)
ROLE = "arn:aws:iam::123456789012:role/app"
Refused = (ClientError, PyServerlessError, ParamValidationError)


@pytest.fixture
def cloud() -> Cloud:
    cloud = Cloud.manual(seed=9)
    cloud.client("iam").create_open_id_connect_provider(
        Url="https://accounts.example.com", ClientIDList=["app-1"]
    )
    cloud.client("iam").create_role(
        RoleName="app", AssumeRolePolicyDocument=TRUST, MaxSessionDuration=7200
    )
    return cloud


@pytest.fixture(params=["client", "bridge"])
def door(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """A maker of STS clients for given credentials, on the client layer or the bridge."""
    if request.param == "client":
        yield lambda key=None, secret=None, token=None: cloud.client("sts").as_caller(key)
    else:
        with mock_aws(cloud):

            def make(
                key: str | None = None, secret: str | None = None, token: str | None = None
            ) -> Any:
                if key is None:
                    return boto3.client("sts")
                return boto3.client(
                    "sts",
                    aws_access_key_id=key,
                    aws_secret_access_key=secret,
                    aws_session_token=token,
                )

            yield make


def code(err: pytest.ExceptionInfo[Exception]) -> tuple[str, str]:
    error = err.value.response["Error"]  # type: ignore[attr-defined]
    return error["Code"], error["Message"]


def jwt(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"


class TestCallerIdentity:
    def test_root(self, door: Any) -> None:
        """Keys the Cloud never issued are the account's root."""
        answer = door("AKIAUNKNOWN0000000", "x").get_caller_identity()
        assert answer["Arn"] == "arn:aws:iam::123456789012:root"
        assert answer["UserId"] == "123456789012"

    def test_iam_user(self, door: Any, cloud: Cloud) -> None:
        """A key from CreateAccessKey is its user; an Inactive key is not."""
        iam = cloud.client("iam")
        user = iam.create_user(UserName="bob")["User"]
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        answer = door(key["AccessKeyId"], key["SecretAccessKey"]).get_caller_identity()
        assert (answer["Arn"], answer["UserId"]) == (user["Arn"], user["UserId"])
        iam.update_access_key(UserName="bob", AccessKeyId=key["AccessKeyId"], Status="Inactive")
        assert cloud.engine("sts").credentials_for(key["AccessKeyId"]) is None


class TestAssumeRole:
    def test_credentials(self, door: Any, cloud: Cloud) -> None:
        """ASIA keys, a 40-character secret, a token, and an expiry an hour on by default."""
        answer = door().assume_role(RoleArn=ROLE, RoleSessionName="s1")
        creds = answer["Credentials"]
        assert re.fullmatch(r"ASIA[A-Z0-9]{16}", creds["AccessKeyId"])
        assert len(creds["SecretAccessKey"]) == 40 and len(creds["SessionToken"]) > 100
        assert creds["Expiration"] == cloud.now().replace(microsecond=0) + timedelta(hours=1)
        role_id = cloud.client("iam").get_role(RoleName="app")["Role"]["RoleId"]
        assert answer["AssumedRoleUser"] == {
            "AssumedRoleId": f"{role_id}:s1",
            "Arn": "arn:aws:sts::123456789012:assumed-role/app/s1",
        }
        who = door(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        assert who.get_caller_identity()["Arn"] == "arn:aws:sts::123456789012:assumed-role/app/s1"

    def test_expiry_on_the_clock(self, door: Any, cloud: Cloud) -> None:
        """Past its expiry the session is ExpiredToken, and credentials_for forgets it."""
        creds = door().assume_role(RoleArn=ROLE, RoleSessionName="s1", DurationSeconds=900)[
            "Credentials"
        ]
        sts = door(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        cloud.advance(899)
        caller = cloud.engine("sts").credentials_for(creds["AccessKeyId"])
        assert caller is not None and caller.role_arn == ROLE
        cloud.advance(1)
        assert cloud.engine("sts").credentials_for(creds["AccessKeyId"]) is None
        with pytest.raises(ClientError) as err:
            sts.get_caller_identity()
        assert code(err) == (
            "ExpiredTokenException",
            "The security token included in the request is expired",
        )

    @pytest.mark.parametrize(
        ("seconds", "ok"), [(899, False), (900, True), (7200, True), (7201, False)]
    )
    def test_duration_bounds(self, door: Any, seconds: int, ok: bool) -> None:
        """DurationSeconds runs from 900 to the role's MaxSessionDuration (here 7200)."""
        call = {"RoleArn": ROLE, "RoleSessionName": "s1", "DurationSeconds": seconds}
        if ok:
            door().assume_role(**call)
        else:
            with pytest.raises(Refused):
                door().assume_role(**call)

    def test_over_role_maximum_message(self, door: Any) -> None:
        """Over the role's maximum: ValidationError with STS's text."""
        with pytest.raises(ClientError) as err:
            door().assume_role(RoleArn=ROLE, RoleSessionName="s1", DurationSeconds=7201)
        assert code(err) == (
            "ValidationError",
            ("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
        )

    def test_role_chaining(self, door: Any) -> None:
        """With role credentials, a role lasts one hour at most."""
        creds = door().assume_role(RoleArn=ROLE, RoleSessionName="s1")["Credentials"]
        chained = door(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        chained.assume_role(RoleArn=ROLE, RoleSessionName="s2", DurationSeconds=3600)
        with pytest.raises(ClientError) as err:
            chained.assume_role(RoleArn=ROLE, RoleSessionName="s3", DurationSeconds=3601)
        assert "role chaining" in code(err)[1]

    def test_unknown_role(self, door: Any) -> None:
        """A role that does not exist: AccessDenied (403) naming the caller."""
        with pytest.raises(ClientError) as err:
            door().assume_role(RoleArn="arn:aws:iam::123456789012:role/ghost", RoleSessionName="s1")
        assert code(err) == (
            "AccessDenied",
            (
                "User: arn:aws:iam::123456789012:root is not "
                "authorized to perform: sts:AssumeRole on resource: "
                "arn:aws:iam::123456789012:role/ghost"
            ),
        )
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    @pytest.mark.parametrize(
        ("name", "ok"),
        [("a", False), ("ab", True), ("x" * 64, True), ("x" * 65, False), ("bad name", False)],
    )
    def test_session_name(self, door: Any, name: str, ok: bool) -> None:
        """RoleSessionName: 2 to 64 of [\\w+=,.@-]."""
        if ok:
            door().assume_role(RoleArn=ROLE, RoleSessionName=name)
        else:
            with pytest.raises(Refused):
                door().assume_role(RoleArn=ROLE, RoleSessionName=name)

    def test_session_policy(self, door: Any, cloud: Cloud) -> None:
        """A session policy is checked, remembered, and counted in PackedPolicySize."""
        policy = json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
            }
        )
        answer = door().assume_role(RoleArn=ROLE, RoleSessionName="s1", Policy=policy)
        assert 0 < answer["PackedPolicySize"] <= 100
        caller = cloud.engine("sts").credentials_for(answer["Credentials"]["AccessKeyId"])
        assert caller is not None and caller.policy == json.loads(policy)
        with pytest.raises(ClientError) as err:
            door().assume_role(RoleArn=ROLE, RoleSessionName="s1", Policy='{"Statement": 1}')
        assert code(err) == ("MalformedPolicyDocument", "Syntax errors in policy.")

    def test_last_used(self, door: Any, cloud: Cloud) -> None:
        """Assuming a role records RoleLastUsed."""
        door().assume_role(RoleArn=ROLE, RoleSessionName="s1")
        used = cloud.client("iam").get_role(RoleName="app")["Role"]["RoleLastUsed"]
        assert used["Region"] == "us-east-1"
        assert used["LastUsedDate"] == cloud.now()


class TestWebIdentity:
    def test_assume(self, door: Any, cloud: Cloud) -> None:
        """A token from a Federated principal of the trust policy gets credentials."""
        token = jwt(
            {
                "iss": "https://accounts.example.com",
                "sub": "user-1",
                "aud": "app-1",
                "exp": int(cloud.now().timestamp()) + 600,
            }
        )
        answer = door().assume_role_with_web_identity(
            RoleArn=ROLE, RoleSessionName="web", WebIdentityToken=token
        )
        assert answer["SubjectFromWebIdentityToken"] == "user-1"
        assert (answer["Provider"], answer["Audience"]) == ("accounts.example.com", "app-1")
        assert answer["AssumedRoleUser"]["Arn"].endswith(":assumed-role/app/web")

    def test_unregistered_provider(self, door: Any, cloud: Cloud) -> None:
        """An issuer the account has no OpenID Connect provider for is InvalidIdentityToken."""
        token = jwt({"iss": "https://evil.example.com", "sub": "u", "aud": "app-1"})
        with pytest.raises(ClientError) as err:
            door().assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="web", WebIdentityToken=token
            )
        assert code(err) == (
            "InvalidIdentityToken",
            "No OpenIDConnect provider found in your account for https://evil.example.com",
        )

    def test_wrong_audience(self, door: Any) -> None:
        """A token for an audience the provider does not list is refused."""
        token = jwt({"iss": "https://accounts.example.com", "sub": "u", "aud": "other"})
        with pytest.raises(ClientError) as err:
            door().assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="web", WebIdentityToken=token
            )
        assert code(err) == ("InvalidIdentityToken", "Incorrect token audience")

    def test_built_in_provider(self, door: Any, cloud: Cloud) -> None:
        """Cognito identity needs no registered provider; the trust policy must name it."""
        trust = json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                    }
                ]
            }
        )
        cloud.client("iam").create_role(RoleName="cog", AssumeRolePolicyDocument=trust)
        token = jwt({"iss": "https://cognito-identity.amazonaws.com", "sub": "id", "aud": "pool"})
        answer = door().assume_role_with_web_identity(
            RoleArn="arn:aws:iam::123456789012:role/cog",
            RoleSessionName="web",
            WebIdentityToken=token,
        )
        assert answer["Provider"] == "cognito-identity.amazonaws.com"

    def test_untrusted_provider(self, door: Any, cloud: Cloud) -> None:
        """A registered provider the trust policy does not name is AccessDenied."""
        cloud.client("iam").create_open_id_connect_provider(
            Url="https://evil.example.com", ClientIDList=["app-1"]
        )
        token = jwt({"iss": "https://evil.example.com", "sub": "u", "aud": "app-1"})
        with pytest.raises(ClientError) as err:
            door().assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="web", WebIdentityToken=token
            )
        assert code(err) == (
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        )

    def test_expired_and_garbage(self, door: Any, cloud: Cloud) -> None:
        """An expired token is ExpiredToken; a token that is no JWT is InvalidIdentityToken."""
        old = jwt(
            {"iss": "https://accounts.example.com", "sub": "u", "exp": int(cloud.now().timestamp())}
        )
        with pytest.raises(ClientError) as err:
            door().assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="web", WebIdentityToken=old
            )
        assert code(err)[0] == "ExpiredTokenException"
        with pytest.raises(ClientError) as err:
            door().assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="web", WebIdentityToken="not-a-jwt"
            )
        assert code(err)[0] == "InvalidIdentityToken"


class TestSessionToken:
    def test_user_session(self, door: Any, cloud: Cloud) -> None:
        """A user's session token stands for the user, 12 hours by default."""
        iam = cloud.client("iam")
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        creds = door(key["AccessKeyId"], key["SecretAccessKey"]).get_session_token()["Credentials"]
        assert creds["Expiration"] == cloud.now().replace(microsecond=0) + timedelta(hours=12)
        who = door(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        assert who.get_caller_identity()["Arn"] == "arn:aws:iam::123456789012:user/bob"
        with pytest.raises(ClientError) as err:
            who.get_session_token()
        assert code(err)[0] == "AccessDenied"

    def test_root_one_hour(self, door: Any, cloud: Cloud) -> None:
        """The root's session lasts an hour at most."""
        creds = door().get_session_token(DurationSeconds=129600)["Credentials"]
        assert creds["Expiration"] == cloud.now().replace(microsecond=0) + timedelta(hours=1)

    @pytest.mark.parametrize(
        ("seconds", "ok"), [(899, False), (900, True), (129600, True), (129601, False)]
    )
    def test_bounds(self, door: Any, seconds: int, ok: bool) -> None:
        """DurationSeconds: 900 to 129,600."""
        if ok:
            door().get_session_token(DurationSeconds=seconds)
        else:
            with pytest.raises(Refused):
                door().get_session_token(DurationSeconds=seconds)


def test_sessions_are_global_and_snapshotted() -> None:
    """Credentials from one Region's STS are known in another; a restore forgets newer ones."""
    cloud = Cloud.manual()
    cloud.client("iam").create_role(RoleName="app", AssumeRolePolicyDocument=TRUST)
    snap = cloud.snapshot()
    key = cloud.client("sts", "eu-west-1").assume_role(RoleArn=ROLE, RoleSessionName="s1")[
        "Credentials"
    ]["AccessKeyId"]
    assert cloud.engine("sts", "ap-south-1").credentials_for(key) is not None
    cloud.restore(snap)
    assert cloud.engine("sts", "ap-south-1").credentials_for(key) is None


def test_unemulated_members_refused(cloud: Cloud) -> None:
    """MFA members are refused rather than ignored."""
    with pytest.raises(ClientError) as err:
        cloud.client("sts").assume_role(
            RoleArn=ROLE,
            RoleSessionName="s1",
            SerialNumber="arn:aws:iam::123456789012:mfa/x",
            TokenCode="123456",
        )
    assert code(err)[0] == "ValidationError"


class TestFederationToken:
    def test_federated_user(self, door: Any, cloud: Cloud) -> None:
        """A user's federated credentials stand for arn:aws:sts::...:federated-user/name."""
        iam = cloud.client("iam")
        iam.create_user(UserName="bob")
        key = iam.create_access_key(UserName="bob")["AccessKey"]
        answer = door(key["AccessKeyId"], key["SecretAccessKey"]).get_federation_token(
            Name="partner", DurationSeconds=7200
        )
        assert answer["FederatedUser"] == {
            "FederatedUserId": "123456789012:partner",
            "Arn": "arn:aws:sts::123456789012:federated-user/partner",
        }
        creds = answer["Credentials"]
        assert creds["Expiration"] == cloud.now().replace(microsecond=0) + timedelta(hours=2)
        who = door(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        assert who.get_caller_identity()["Arn"].endswith(":federated-user/partner")
        with pytest.raises(ClientError) as err:
            who.get_federation_token(Name="again")
        assert code(err)[0] == "AccessDenied"

    @pytest.mark.parametrize(("name", "ok"), [("a", False), ("ab", True), ("x" * 32, True),
                                              ("x" * 33, False)])  # fmt: skip
    def test_name(self, door: Any, name: str, ok: bool) -> None:
        """Name: 2 to 32 characters."""
        if ok:
            door().get_federation_token(Name=name)
        else:
            with pytest.raises(Refused):
                door().get_federation_token(Name=name)
