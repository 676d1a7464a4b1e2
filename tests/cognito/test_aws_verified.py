"""Cognito user pools against what AWS was seen to answer, one row per verified expectation.

Sources (each row names its own):

* moto's tests marked ``@pytest.mark.aws_verified`` with ``@cognitoidp_aws_verified``
  (getmoto/moto ``tests/test_cognitoidp/test_cognitoidp.py``): they ran against us-west-2;
  only what those tests assert (and the comments they carry about AWS) is used here;
* answers of the live service quoted in public issues (the request id or the region shown):
  aws-sdk-js#3344, boto3#3581, floci-io/floci#2853, localstack#3201, ministack#1574,
  trek10inc/serverless-cognito-manager#4.

Every request goes through boto3's client; pycognito (SRP) and pyotp (TOTP) play the
application's side, as in the moto tests.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyotp
import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import InvalidParameterException

CHEAP = {"cognito-idp": {"password_hash_cost": 1}}
SNS_ROLE = "arn:aws:iam::123456789012:role/test-role-abc123"
RECOVER_BY_EMAIL = [{"Name": "verified_email", "Priority": 1}]
EMAIL_DELIVERY = {"Destination": "t***@t***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}


@dataclass
class World:
    """A Cloud, its us-west-2 client, and the pool and app client one test works on."""

    cloud: Cloud
    idp: Any
    pool_id: str = ""
    client_id: str = ""
    secret: str | None = None

    def now_code(self, secret: str) -> str:
        return str(pyotp.TOTP(secret).at(self.cloud.clock.now()))

    def secret_hash(self, username: str) -> str | None:
        if self.secret is None:
            return None
        return str(AWSSRP.get_secret_hash(username, self.client_id, self.secret))


@pytest.fixture
def world() -> World:
    cloud = Cloud(clock=ManualClock(), seed=0, limits=CHEAP)
    return World(cloud, cloud.client("cognito-idp", "us-west-2"))


def make_pool(
    w: World,
    *,
    username_attributes: list[str] | None = None,
    read_attributes: list[str] | None = None,
    explicit_auth_flows: list[str] | None = None,
    generate_secret: bool = False,
    recovery: list[dict[str, Any]] | None = None,
    verified_attributes: list[str] | None = None,
    with_mfa: str | None = None,
) -> World:
    """The pool and app client moto's ``cognitoidp_aws_verified`` decorator makes."""
    args: dict[str, Any] = {}
    if username_attributes:
        args["UsernameAttributes"] = username_attributes
    if recovery:
        args["AccountRecoverySetting"] = {"RecoveryMechanisms": recovery}
    if with_mfa:
        args["MfaConfiguration"] = with_mfa
        args["SmsConfiguration"] = {"SnsCallerArn": SNS_ROLE}
    if verified_attributes:
        args["AutoVerifiedAttributes"] = verified_attributes
    w.pool_id = w.idp.create_user_pool(PoolName="TestUserPool_abc123", **args)["UserPool"]["Id"]
    if with_mfa:
        w.idp.set_user_pool_mfa_config(
            UserPoolId=w.pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration=with_mfa,
        )
    kwargs: dict[str, Any] = {}
    if read_attributes:
        kwargs["ReadAttributes"] = read_attributes
    if explicit_auth_flows:
        kwargs["ExplicitAuthFlows"] = explicit_auth_flows
    if generate_secret:
        kwargs["GenerateSecret"] = True
    made = w.idp.create_user_pool_client(
        UserPoolId=w.pool_id, ClientName="TestAppClient", **kwargs
    )["UserPoolClient"]
    w.client_id, w.secret = made["ClientId"], made.get("ClientSecret")
    return w


def claims(token: str) -> dict[str, Any]:
    """A JWT's payload, unverified (as moto's ``get_jwt_payload``)."""
    body = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


def srp_sign_in(w: World, username: str, password: str) -> tuple[dict[str, Any], AWSSRP]:
    """USER_SRP_AUTH with pycognito up to the answer of PASSWORD_VERIFIER."""
    srp = AWSSRP(
        username=username,
        password=password,
        pool_id=w.pool_id,
        client_id=w.client_id,
        client_secret=w.secret,
        client=w.idp,
    )
    params = srp.get_auth_params()
    started = w.idp.initiate_auth(
        ClientId=w.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    answer = srp.process_challenge(started["ChallengeParameters"], params)
    result: dict[str, Any] = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id, ChallengeName=started["ChallengeName"], ChallengeResponses=answer
    )
    return result, srp


def signed_up(w: World, username: str = "ann", password: str = "P2$Sword") -> dict[str, Any]:
    """moto's ``user_authentication_flow`` without MFA: SignUp, AdminConfirmSignUp, SRP."""
    extra = {"SecretHash": w.secret_hash(username)} if w.secret else {}
    w.idp.sign_up(ClientId=w.client_id, Username=username, Password=password, **extra)
    w.idp.admin_confirm_sign_up(UserPoolId=w.pool_id, Username=username)
    return srp_sign_in(w, username, password)[0]


def mfa_answer(w: World, session: str, name: str, code: str, username: str) -> dict[str, Any]:
    responses = {"SOFTWARE_TOKEN_MFA_CODE": code, "USERNAME": username}
    if w.secret:
        responses["SECRET_HASH"] = str(w.secret_hash(username))
    result: dict[str, Any] = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id, Session=session, ChallengeName=name, ChallengeResponses=responses
    )
    return result


def tokens_issued(result: dict[str, Any]) -> None:
    auth = result["AuthenticationResult"]
    assert auth["TokenType"] == "Bearer"
    assert auth["AccessToken"] and auth["IdToken"] and auth["RefreshToken"]


# -- flows: moto's aws_verified tests, one row each -------------------------------------------


def force_password_change_over_srp(w: World) -> None:
    """test_authorize_user_with_force_password_change_status."""
    make_pool(w)
    name, temporary = "test@example.com", "Tempor@ryPassword123"
    w.idp.admin_create_user(UserPoolId=w.pool_id, Username=name, TemporaryPassword=temporary)
    result, _ = srp_sign_in(w, name, temporary)
    assert result["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and result["Session"]
    done = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=result["Session"],
        ChallengeResponses={"USERNAME": name, "NEW_PASSWORD": "NewP@ssword456"},
    )
    tokens_issued(done)


def groups_in_access_token(w: World) -> None:
    """test_group_in_access_token: the temporary password may be chosen again."""
    make_pool(w, read_attributes=["given_name"], explicit_auth_flows=["ADMIN_NO_SRP_AUTH"])
    w.idp.create_group(GroupName="g1", UserPoolId=w.pool_id)
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="bob",
        TemporaryPassword="P2$Sword",
        UserAttributes=[{"Name": "given_name", "Value": "Bob"}],
    )
    w.idp.admin_add_user_to_group(UserPoolId=w.pool_id, Username="bob", GroupName="g1")
    started = w.idp.admin_initiate_auth(
        UserPoolId=w.pool_id,
        ClientId=w.client_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "bob", "PASSWORD": "P2$Sword"},
    )
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and started["Session"]
    done = w.idp.admin_respond_to_auth_challenge(
        UserPoolId=w.pool_id,
        Session=started["Session"],
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        ChallengeResponses={"USERNAME": "bob", "NEW_PASSWORD": "P2$Sword"},
    )
    assert claims(done["AuthenticationResult"]["AccessToken"])["cognito:groups"] == ["g1"]


def mfa_on_sets_up_through_session(w: World) -> None:
    """test_user_authentication_flow_mfa_on: MFA_SETUP, then SOFTWARE_TOKEN_MFA."""
    make_pool(w, generate_secret=True, with_mfa="ON")
    result = signed_up(w)
    assert result["ChallengeName"] == "MFA_SETUP"
    associated = w.idp.associate_software_token(Session=result["Session"])
    verified = w.idp.verify_software_token(
        Session=associated["Session"], UserCode=w.now_code(associated["SecretCode"])
    )
    assert verified["Status"] == "SUCCESS"
    w.cloud.advance(30)
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    code = w.now_code(associated["SecretCode"])
    tokens_issued(mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann"))


def mfa_optional_after_preference(w: World) -> None:
    """test_user_authentication_flow_mfa_optional: tokens, then TOTP once preferred."""
    make_pool(w, generate_secret=True, with_mfa="OPTIONAL")
    access = signed_up(w)["AuthenticationResult"]["AccessToken"]
    secret = w.idp.associate_software_token(AccessToken=access)["SecretCode"]
    verified = w.idp.verify_software_token(AccessToken=access, UserCode=w.now_code(secret))
    assert verified["Status"] == "SUCCESS"
    w.idp.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    w.cloud.advance(30)
    code = w.now_code(secret)
    tokens_issued(mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann"))


def mfa_on_after_new_password(w: World) -> None:
    """test_initiate_mfa_auth_USER_PASSWORD_AUTH_with_FORCE_CHANGE_PASSWORD_status."""
    make_pool(w, explicit_auth_flows=["USER_PASSWORD_AUTH"], with_mfa="ON")
    w.idp.admin_create_user(UserPoolId=w.pool_id, Username="cy", TemporaryPassword="P2$Sword")
    started = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cy", "PASSWORD": "P2$Sword"},
    )
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert started.get("AuthenticationResult") is None
    setup = w.idp.respond_to_auth_challenge(
        ClientId=w.client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"NEW_PASSWORD": "P2$Sword2", "USERNAME": "cy"},
    )
    assert setup["ChallengeName"] == "MFA_SETUP" and setup["Session"]
    associated = w.idp.associate_software_token(Session=setup["Session"])
    secret = associated["SecretCode"]
    verified = w.idp.verify_software_token(
        Session=associated["Session"], UserCode=w.now_code(secret)
    )
    assert verified["Status"] == "SUCCESS"
    w.cloud.advance(30)
    done = mfa_answer(w, verified["Session"], "MFA_SETUP", w.now_code(secret), "cy")
    assert done["ChallengeParameters"] == {}
    tokens_issued(done)
    again = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cy", "PASSWORD": "P2$Sword2"},
    )
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    w.cloud.advance(30)
    done = mfa_answer(w, again["Session"], again["ChallengeName"], w.now_code(secret), "cy")
    assert done["ChallengeParameters"] == {}
    tokens_issued(done)


def refresh_token_claims(w: World) -> None:
    """test_initiate_auth_REFRESH_TOKEN: the new tokens name the user and the client."""
    make_pool(w, generate_secret=True)
    refresh = signed_up(w)["AuthenticationResult"]["RefreshToken"]
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="REFRESH_TOKEN",
        AuthParameters={"REFRESH_TOKEN": refresh, "SECRET_HASH": str(w.secret_hash("ann"))},
    )["AuthenticationResult"]
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == "ann" and access["client_id"] == w.client_id
    assert id_["sub"] == access["sub"] and id_["cognito:username"] == "ann"
    assert id_["aud"] == w.client_id


def password_auth_claims(w: World) -> None:
    """test_initiate_auth_USER_PASSWORD_AUTH: no MFA members once TOTP is off, no email."""
    make_pool(w, generate_secret=True, explicit_auth_flows=["USER_PASSWORD_AUTH"])
    signed_up(w)
    w.idp.admin_set_user_mfa_preference(
        Username="ann",
        UserPoolId=w.pool_id,
        SoftwareTokenMfaSettings={"Enabled": False, "PreferredMfa": False},
    )
    user = w.idp.admin_get_user(UserPoolId=w.pool_id, Username="ann")
    assert "UserMFASettingList" not in user and "PreferredMfaSetting" not in user
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "ann",
            "PASSWORD": "P2$Sword",
            "SECRET_HASH": str(w.secret_hash("ann")),
        },
    )["AuthenticationResult"]
    assert auth["RefreshToken"] and auth["TokenType"] == "Bearer"
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == "ann" and access["client_id"] == w.client_id
    assert id_["sub"] == access["sub"] and id_["cognito:username"] == "ann"
    assert id_["aud"] == w.client_id
    assert "email" not in access and "email" not in id_


def email_username_claims(w: World) -> None:
    """test_initiate_auth_USER_PASSWORD_AUTH_with_email: the username is the sub."""
    make_pool(
        w,
        generate_secret=True,
        explicit_auth_flows=["USER_PASSWORD_AUTH"],
        username_attributes=["email"],
    )
    name, password = "test@moto.com", "SuperS3cret!"
    hashed = str(w.secret_hash(name))
    w.idp.sign_up(ClientId=w.client_id, Username=name, Password=password, SecretHash=hashed)
    w.idp.admin_confirm_sign_up(UserPoolId=w.pool_id, Username=name)
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": password, "SECRET_HASH": hashed},
    )["AuthenticationResult"]
    access, id_ = claims(auth["AccessToken"]), claims(auth["IdToken"])
    assert access["username"] == access["sub"] and "email" not in access
    assert id_["cognito:username"] == id_["sub"] == access["sub"]
    assert id_["aud"] == w.client_id and id_["email"] == name


def forgot_password_delivery(w: World) -> None:
    """test_forgot_password_with_email_delivery_details: email_verified "True" counts."""
    make_pool(w, recovery=RECOVER_BY_EMAIL)
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="dee",
        UserAttributes=[
            {"Name": "email", "Value": "test@test.com"},
            {"Name": "email_verified", "Value": "True"},
        ],
    )
    w.idp.admin_set_user_password(
        UserPoolId=w.pool_id, Username="dee", Password="secretP2ss!", Permanent=True
    )
    sent = w.idp.forgot_password(ClientId=w.client_id, Username="dee")
    assert sent["CodeDeliveryDetails"] == EMAIL_DELIVERY


def totp_code_signs_in_once(w: World) -> None:
    """The comment in the MFA tests: a code VerifySoftwareToken took cannot sign in.

    "AWS needs a new user code, otherwise they will throw an exception
    ExpiredCodeException: Your software token has already been used once."
    """
    make_pool(w, generate_secret=True, with_mfa="ON")
    setup = signed_up(w)
    associated = w.idp.associate_software_token(Session=setup["Session"])
    secret, code = associated["SecretCode"], w.now_code(associated["SecretCode"])
    w.idp.verify_software_token(Session=associated["Session"], UserCode=code)
    again, _ = srp_sign_in(w, "ann", "P2$Sword")
    with pytest.raises(ClientError) as err:
        mfa_answer(w, again["Session"], again["ChallengeName"], code, "ann")
    assert err.value.response["Error"] == {
        "Code": "ExpiredCodeException",
        "Message": "Your software token has already been used once.",
    }
    w.cloud.advance(30)  # the next step's code is new: accepted
    fresh = w.now_code(secret)
    second, _ = srp_sign_in(w, "ann", "P2$Sword")
    tokens_issued(mfa_answer(w, second["Session"], second["ChallengeName"], fresh, "ann"))
    third, _ = srp_sign_in(w, "ann", "P2$Sword")  # and that one is spent too
    with pytest.raises(ClientError) as err:
        mfa_answer(w, third["Session"], third["ChallengeName"], fresh, "ann")
    assert err.value.response["Error"]["Code"] == "ExpiredCodeException"


def id_token_carries_attributes(w: World) -> None:
    """floci#984, an ID token captured from a real pool: standard and custom attributes
    are claims, and email_verified is a JSON boolean."""
    w.pool_id = w.idp.create_user_pool(
        PoolName="p", Schema=[{"Name": "institution_id", "AttributeDataType": "String"}]
    )["UserPool"]["Id"]
    w.client_id = w.idp.create_user_pool_client(
        UserPoolId=w.pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    attributes = {
        "email": "test@example.com",
        "email_verified": "true",
        "given_name": "Test",
        "family_name": "User",
        "custom:institution_id": "inst-001",
    }
    w.idp.admin_create_user(
        UserPoolId=w.pool_id,
        Username="test",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
    )
    w.idp.admin_set_user_password(
        UserPoolId=w.pool_id, Username="test", Password="P2$Sword", Permanent=True
    )
    auth = w.idp.initiate_auth(
        ClientId=w.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "test", "PASSWORD": "P2$Sword"},
    )["AuthenticationResult"]
    id_ = claims(auth["IdToken"])
    assert {k: id_[k] for k in attributes} == {**attributes, "email_verified": True}
    assert id_["token_use"] == "id" and id_["cognito:username"] == "test"


def client_listing_is_a_description(w: World) -> None:
    """floci#416 (ListUserPoolClients as documented): id, name and pool only, no secret."""
    make_pool(w, generate_secret=True)
    listed = w.idp.list_user_pool_clients(UserPoolId=w.pool_id, MaxResults=10)
    assert listed["UserPoolClients"] == [
        {"ClientId": w.client_id, "UserPoolId": w.pool_id, "ClientName": "TestAppClient"}
    ]


FLOWS: list[Callable[[World], None]] = [
    id_token_carries_attributes,
    client_listing_is_a_description,
    force_password_change_over_srp,
    groups_in_access_token,
    mfa_on_sets_up_through_session,
    mfa_optional_after_preference,
    mfa_on_after_new_password,
    refresh_token_claims,
    password_auth_claims,
    email_username_claims,
    forgot_password_delivery,
    totp_code_signs_in_once,
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f.__name__ for f in FLOWS])
def test_verified_flow(world: World, flow: Callable[[World], None]) -> None:
    flow(world)


# -- SignUp's CodeDeliveryDetails (moto: test_sign_up*, all aws_verified) ---------------------


@dataclass(frozen=True)
class SignUpRow:
    source: str
    pool: dict[str, Any]
    attributes: list[dict[str, str]]
    delivery: dict[str, str] | None


SIGN_UPS = [
    SignUpRow("test_sign_up", {}, [], None),
    SignUpRow(
        "test_sign_up_with_unverified_email",
        {"recovery": RECOVER_BY_EMAIL},
        [{"Name": "email", "Value": "test@test.com"}],
        None,
    ),
    SignUpRow(
        "test_sign_up_with_verified_email",
        {"recovery": RECOVER_BY_EMAIL, "verified_attributes": ["email"]},
        [{"Name": "email", "Value": "test@test.com"}],
        EMAIL_DELIVERY,
    ),
    SignUpRow(
        "test_sign_up_with_verified_but_not_supplied_email",
        {"recovery": RECOVER_BY_EMAIL, "verified_attributes": ["email"]},
        [],
        None,
    ),
]


@pytest.mark.parametrize("row", SIGN_UPS, ids=[r.source for r in SIGN_UPS])
def test_sign_up_delivery(world: World, row: SignUpRow) -> None:
    make_pool(world, **row.pool)
    out = world.idp.sign_up(
        ClientId=world.client_id, Username="eve", Password="P2$Sword", UserAttributes=row.attributes
    )
    assert out["UserConfirmed"] is False and out["UserSub"]
    assert out.get("CodeDeliveryDetails") == row.delivery


# -- answers of the live service quoted in issues: refused and accepted sides ----------------


@dataclass(frozen=True)
class Row:
    """A request (``call(world)``) and AWS's answer: an error, or ``None`` for accepted."""

    source: str
    call: Callable[[World], Any]
    code: str | None
    message: str | None = None
    #: For an accepted row whose call fails later for an unrelated reason (an id that does
    #: not exist): the error that shows validation passed.
    later: str | None = field(default=None)


def _auth(client_id: str, user: str = "a", password: str = "b") -> Callable[[World], Any]:
    def call(w: World) -> Any:
        return w.idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": user, "PASSWORD": password},
        )

    return call


def _login(user: str, password: str, **client: Any) -> Callable[[World], Any]:
    def call(w: World) -> Any:
        pool = w.idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
        app = w.idp.create_user_pool_client(
            UserPoolId=pool,
            ClientName="c",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
            **client,
        )["UserPoolClient"]["ClientId"]
        w.idp.admin_create_user(UserPoolId=pool, Username="foo", MessageAction="SUPPRESS")
        w.idp.admin_set_user_password(
            UserPoolId=pool, Username="foo", Password="P2$Sword2", Permanent=True
        )
        return _auth(app, user, password)(w)

    return call


def _schema(attribute: dict[str, Any]) -> Callable[[World], Any]:
    return lambda w: w.idp.create_user_pool(PoolName="p", Schema=[attribute])


def _pattern(value: str, field_: str, pattern: str) -> str:
    return (
        f"1 validation error detected: Value '{value}' at '{field_}' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {pattern}"
    )


Step = Callable[[World, str], Any]


def _admin_create(w: World, pool: str, name: str) -> Any:
    return w.idp.admin_create_user(UserPoolId=pool, Username=name, MessageAction="SUPPRESS")


def _sign_up(w: World, pool: str, name: str) -> Any:
    app = w.idp.list_user_pool_clients(UserPoolId=pool, MaxResults=1)["UserPoolClients"]
    return w.idp.sign_up(ClientId=app[0]["ClientId"], Username=name, Password="P2$Sword")


def _two(first: Step, second: Step, *, by_email: bool = False) -> Callable[[World], Any]:
    def call(w: World) -> Any:
        extra = {"UsernameAttributes": ["email"]} if by_email else {}
        pool = w.idp.create_user_pool(PoolName="p", **extra)["UserPool"]["Id"]
        w.idp.create_user_pool_client(UserPoolId=pool, ClientName="c")
        first(w, pool)
        return second(w, pool)

    return call


def _twice(step: Step, *, by_email: bool = False) -> Callable[[World], Any]:
    return _two(step, step, by_email=by_email)


def _reset(how: str, *, permanent: bool) -> Callable[[World], Any]:
    """A user with a verified email, FORCE_CHANGE_PASSWORD unless ``permanent``; reset."""

    def call(w: World) -> Any:
        pool = w.idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
        app = w.idp.create_user_pool_client(UserPoolId=pool, ClientName="c")["UserPoolClient"]
        w.idp.admin_create_user(
            UserPoolId=pool,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": "ann@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        if permanent:
            w.idp.admin_set_user_password(
                UserPoolId=pool, Username="ann", Password="P2$Sword", Permanent=True
            )
        if how == "forgot":
            return w.idp.forgot_password(ClientId=app["ClientId"], Username="ann")
        return w.idp.admin_reset_user_password(UserPoolId=pool, Username="ann")

    return call


def _refresh_after(revocation: str | None, token: str | None = None) -> Callable[[World], Any]:
    """Sign in, revoke as named (or not), then REFRESH_TOKEN_AUTH with the refresh token."""

    def call(w: World) -> Any:
        make_pool(w, explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        w.idp.admin_create_user(UserPoolId=w.pool_id, Username="ann", MessageAction="SUPPRESS")
        w.idp.admin_set_user_password(
            UserPoolId=w.pool_id, Username="ann", Password="P2$Sword", Permanent=True
        )
        auth = _auth(w.client_id, "ann", "P2$Sword")(w)["AuthenticationResult"]
        if revocation == "global_sign_out":
            w.idp.global_sign_out(AccessToken=auth["AccessToken"])
        elif revocation == "admin_user_global_sign_out":
            w.idp.admin_user_global_sign_out(UserPoolId=w.pool_id, Username="ann")
        elif revocation == "revoke_token":
            w.idp.revoke_token(Token=auth["RefreshToken"], ClientId=w.client_id)
        return w.idp.initiate_auth(
            ClientId=w.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": token or auth["RefreshToken"]},
        )

    return call


def _attributes(operation: str, names: list[str]) -> Callable[[World], Any]:
    """``operation`` with ``names`` (each set to "x") in a pool whose schema has custom:known."""

    def call(w: World) -> Any:
        schema = [{"Name": "known", "AttributeDataType": "String"}]
        pool = w.idp.create_user_pool(PoolName="p", Schema=schema)["UserPool"]["Id"]
        app = w.idp.create_user_pool_client(UserPoolId=pool, ClientName="c")["UserPoolClient"]
        given = [{"Name": name, "Value": "x"} for name in names]
        if operation == "sign_up":
            return w.idp.sign_up(
                ClientId=app["ClientId"], Username="ann", Password="P2$Sword", UserAttributes=given
            )
        if operation == "admin_create_user":
            return w.idp.admin_create_user(UserPoolId=pool, Username="ann", UserAttributes=given)
        w.idp.admin_create_user(UserPoolId=pool, Username="ann", MessageAction="SUPPRESS")
        return w.idp.admin_update_user_attributes(
            UserPoolId=pool, Username="ann", UserAttributes=given
        )

    return call


def _mfa_preference(settings: dict[str, Any], phone: str | None = None) -> Callable[[World], Any]:
    """AdminSetUserMFAPreference with ``settings`` for a new user (with ``phone`` if given)."""

    def call(w: World) -> Any:
        pool = w.idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
        given = [{"Name": "phone_number", "Value": phone}] if phone else []
        w.idp.admin_create_user(
            UserPoolId=pool, Username="ann", MessageAction="SUPPRESS", UserAttributes=given
        )
        return w.idp.admin_set_user_mfa_preference(UserPoolId=pool, Username="ann", **settings)

    return call


def _mfa_sign_in(
    mode: str, *, totp: bool, phone: bool, sms_on: bool = False, delete_phone: bool = False
) -> Callable[[World], Any]:
    """USER_PASSWORD_AUTH in a pool with MfaConfiguration ``mode``, SMS configured and TOTP
    offered or not; the answer's challenge is checked for the accepted rows."""

    def call(w: World) -> Any:
        sms = {"SmsConfiguration": {"SnsCallerArn": SNS_ROLE}}
        w.pool_id = w.idp.create_user_pool(PoolName="p", SmsConfiguration=sms["SmsConfiguration"])[
            "UserPool"
        ]["Id"]
        w.idp.set_user_pool_mfa_config(
            UserPoolId=w.pool_id,
            MfaConfiguration=mode,
            SmsMfaConfiguration=sms,
            SoftwareTokenMfaConfiguration={"Enabled": totp},
        )
        w.client_id = w.idp.create_user_pool_client(
            UserPoolId=w.pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
        )["UserPoolClient"]["ClientId"]
        given = [{"Name": "phone_number", "Value": "+15555550100"}] if phone else []
        w.idp.admin_create_user(
            UserPoolId=w.pool_id, Username="ann", MessageAction="SUPPRESS", UserAttributes=given
        )
        w.idp.admin_set_user_password(
            UserPoolId=w.pool_id, Username="ann", Password="P2$Sword", Permanent=True
        )
        if sms_on:
            w.idp.admin_set_user_mfa_preference(
                UserPoolId=w.pool_id,
                Username="ann",
                SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
            )
        if delete_phone:
            w.idp.admin_delete_user_attributes(
                UserPoolId=w.pool_id, Username="ann", UserAttributeNames=["phone_number"]
            )
        out = _auth(w.client_id, "ann", "P2$Sword")(w)
        assert out["ChallengeName"] == ("SMS_MFA" if phone else "MFA_SETUP")
        return out

    return call


def _client_attributes(how: str, **permissions: list[str]) -> Callable[[World], Any]:
    """Create (or create, then update) an app client with ``permissions``."""

    def call(w: World) -> Any:
        schema = [{"Name": "known", "AttributeDataType": "String"}]
        pool = w.idp.create_user_pool(PoolName="p", Schema=schema)["UserPool"]["Id"]
        if how == "create":
            return w.idp.create_user_pool_client(UserPoolId=pool, ClientName="c", **permissions)
        app = w.idp.create_user_pool_client(UserPoolId=pool, ClientName="c")["UserPoolClient"]
        return w.idp.update_user_pool_client(
            UserPoolId=pool, ClientId=app["ClientId"], **permissions
        )

    return call


POOL_PATTERN = r"[\w-]+_[0-9a-zA-Z]+"
USERNAME_PATTERN = (
    "1 validation error detected: Value at 'username' failed to satisfy constraint: "
    r"Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+"
)
NO_POOL = "us-west-2_nope1"


def _create(username: str) -> Callable[[World], Any]:
    def call(w: World) -> Any:
        pool = w.idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
        return w.idp.admin_create_user(UserPoolId=pool, Username=username, MessageAction="SUPPRESS")

    return call


LONG_ID = "a" * 128
ROWS = [
    # boto3#3581 (InitiateAuth, ap-northeast-1): a pool id given as the client id.
    Row(
        "boto3#3581",
        _auth("ap-northeast-1_xxxxxxxxx"),
        "InvalidParameterException",
        _pattern("ap-northeast-1_xxxxxxxxx", "clientId", r"[\w+]+"),
    ),
    Row("boto3#3581 accepted", _auth("ab+_1"), None, later="ResourceNotFoundException"),
    Row(
        "ClientIdType max 128 (botocore model)",
        _auth(LONG_ID + "a"),
        "InvalidParameterException",
        f"1 validation error detected: Value '{LONG_ID}a' at 'clientId' failed to satisfy "
        "constraint: Member must have length less than or equal to 128",
    ),
    Row("ClientIdType 128 accepted", _auth(LONG_ID), None, later="ResourceNotFoundException"),
    # aws-sdk-js#3344 (ListGroups from Lambda): a pool id with a leading space.
    Row(
        "aws-sdk-js#3344",
        lambda w: w.idp.list_groups(UserPoolId=" ap-northeast-1_xxx"),
        "InvalidParameterException",
        _pattern(" ap-northeast-1_xxx", "userPoolId", POOL_PATTERN),
    ),
    # Username is sensitive: AWS names the member without its value. boto3#2951
    # (AdminAddUserToGroup), amazon-cognito-identity-js#551 (ConfirmSignUp); the check
    # comes before any lookup, so a pool that does not exist does not change the answer.
    Row(
        "boto3#2951",
        lambda w: w.idp.admin_add_user_to_group(
            UserPoolId=NO_POOL, Username="ann smith", GroupName="g"
        ),
        "InvalidParameterException",
        USERNAME_PATTERN,
    ),
    Row(
        "amazon-cognito-identity-js#551",
        lambda w: w.idp.confirm_sign_up(
            ClientId="abc", Username="ann\tsmith", ConfirmationCode="123456"
        ),
        "InvalidParameterException",
        USERNAME_PATTERN,
    ),
    Row("UsernameType pattern", _create(" ann"), "InvalidParameterException", USERNAME_PATTERN),
    Row("UsernameType accepted", _create("ann+1@example.com"), None),
    Row("UsernameType accepted (letters, marks)", _create("Zoë_Ångström-1"), None),
    Row(
        "UsernameType max 128",
        _create("a" * 129),
        "InvalidParameterException",
        "1 validation error detected: Value at 'username' failed to satisfy constraint: "
        "Member must have length less than or equal to 128",
    ),
    Row("UsernameType 128 accepted", _create("a" * 128), None),
    # A taken name, in each operation's words.
    Row(
        "localstack#4465 AdminCreateUser",
        _twice(lambda w, pool: _admin_create(w, pool, "ann")),
        "UsernameExistsException",
        "User account already exists",
    ),
    Row(
        "amplify-js#6238 SignUp",
        _twice(lambda w, pool: _sign_up(w, pool, "ann")),
        "UsernameExistsException",
        "User already exists",
    ),
    Row(
        "amazon-cognito-identity-dart#73 SignUp by email",
        _twice(lambda w, pool: _sign_up(w, pool, "ann@example.com"), by_email=True),
        "UsernameExistsException",
        "An account with the given email already exists.",
    ),
    Row(
        "SignUp by email, another address accepted",
        _two(
            lambda w, pool: _sign_up(w, pool, "ann@example.com"),
            lambda w, pool: _sign_up(w, pool, "bob@example.com"),
        ),
        None,
    ),
    # A password never chosen cannot be reset: amplify-flutter#3048 (ForgotPassword, with
    # AWS's request id), RunaVault#15 (an admin's reset).
    Row(
        "amplify-flutter#3048 ForgotPassword",
        _reset("forgot", permanent=False),
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
    ),
    Row("ForgotPassword once a password is set", _reset("forgot", permanent=True), None),
    Row(
        "RunaVault#15 AdminResetUserPassword",
        _reset("admin", permanent=False),
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
    ),
    Row("AdminResetUserPassword once set", _reset("admin", permanent=True), None),
    # A revoked refresh token, in AWS's words (amplify-swift#3344 and aws-sdk-net#1936 quote
    # it with request ids); one that never existed is another text.
    Row(
        "amplify-swift#3344 after GlobalSignOut",
        _refresh_after("global_sign_out"),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
    ),
    Row(
        "after AdminUserGlobalSignOut",
        _refresh_after("admin_user_global_sign_out"),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
    ),
    Row(
        "after RevokeToken",
        _refresh_after("revoke_token"),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
    ),
    Row("live refresh token accepted", _refresh_after(None), None),
    Row(
        "unknown refresh token",
        _refresh_after(None, token="not-a-token"),
        "NotAuthorizedException",
        "Invalid Refresh Token",
    ),
    # Attributes the schema lacks, all named in one answer: amplify-flutter#509 and
    # amplify-js#2167 (SignUp), amplify-flutter#1531 (an update, with AWS's request id).
    Row(
        "amplify-flutter#509 SignUp",
        _attributes("sign_up", ["firstName", "custom:dateOfBirth"]),
        "InvalidParameterException",
        "Attributes did not conform to the schema: firstName: Attribute does not exist in the "
        "schema.\ncustom:dateOfBirth: Attribute does not exist in the schema.\n",
    ),
    Row(
        "AdminCreateUser, the same words",
        _attributes("admin_create_user", ["custom:nope"]),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the "
        "schema.\n",
    ),
    Row(
        "amplify-flutter#1531 AdminUpdateUserAttributes",
        _attributes("admin_update_user_attributes", ["custom:address", "custom:latitude"]),
        "InvalidParameterException",
        "user.custom:address: Attribute does not exist in the schema.\n"
        "user.custom:latitude: Attribute does not exist in the schema.\n",
    ),
    Row("SignUp with schema attributes", _attributes("sign_up", ["custom:known"]), None),
    Row(
        "AdminUpdateUserAttributes with schema attributes",
        _attributes("admin_update_user_attributes", ["custom:known", "nickname"]),
        None,
    ),
    # MFA preferences a user cannot have: aws-sdk-js-v3#4645 (TOTP never verified) and
    # amplify-js#618 (SMS without a phone_number).
    Row(
        "aws-sdk-js-v3#4645",
        _mfa_preference({"SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True}}),
        "InvalidParameterException",
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
    ),
    Row(
        "amplify-js#618",
        _mfa_preference({"SMSMfaSettings": {"Enabled": True, "PreferredMfa": True}}),
        "InvalidParameterException",
        "User does not have a phone_number set to turn on SMS MFA",
    ),
    Row(
        "SMS MFA with a phone_number accepted",
        _mfa_preference({"SMSMfaSettings": {"Enabled": True}}, phone="+15555550100"),
        None,
    ),
    # A second factor the user cannot answer: amplify-js#8829 (SMS on, phone_number deleted),
    # amplify-js#14013 (SMS required, no phone); AWS's text in amplify-flutter#95.
    Row(
        "amplify-js#8829",
        _mfa_sign_in("OPTIONAL", totp=True, phone=True, sms_on=True, delete_phone=True),
        "MFAMethodNotFoundException",
        "No MFA mechanism registerd in the account.",
    ),
    Row(
        "amplify-js#14013",
        _mfa_sign_in("ON", totp=False, phone=False),
        "MFAMethodNotFoundException",
        "No MFA mechanism registerd in the account.",
    ),
    Row("SMS required, a phone: SMS_MFA", _mfa_sign_in("ON", totp=False, phone=True), None),
    Row("MFA required, TOTP offered: MFA_SETUP", _mfa_sign_in("ON", totp=True, phone=False), None),
    # An app client's attribute permissions name schema attributes: aws-cdk#20760 (with
    # AWS's request id), aws-sdk-java#1395 (update).
    Row(
        "aws-cdk#20760",
        _client_attributes("create", WriteAttributes=["custom:nope"]),
        "InvalidParameterException",
        "Invalid write attributes specified while creating a client",
    ),
    Row(
        "aws-sdk-java#1395",
        _client_attributes("update", WriteAttributes=["email", "custom:nope"]),
        "InvalidParameterException",
        "Invalid write attributes specified while updating a client",
    ),
    Row(
        "client permissions on schema attributes accepted",
        _client_attributes(
            "update", ReadAttributes=["email", "custom:known"], WriteAttributes=["custom:known"]
        ),
        None,
    ),
    # floci#2853, measured on ap-southeast-1: a well-formed id that names no pool.
    Row(
        "floci#2853 describe-user-pool",
        lambda w: w.idp.describe_user_pool(UserPoolId="ap-southeast-1_ZZZZZZZZZ"),
        "ResourceNotFoundException",
        "User pool ap-southeast-1_ZZZZZZZZZ does not exist.",
    ),
    Row(
        "floci#2853 list-users",
        lambda w: w.idp.list_users(UserPoolId="ap-southeast-1_ZZZZZZZZZ"),
        "ResourceNotFoundException",
        "User pool ap-southeast-1_ZZZZZZZZZ does not exist.",
    ),
    Row(
        "floci#2853 list-groups",
        lambda w: w.idp.list_groups(UserPoolId="ap-southeast-1_ZZZZZZZZZ"),
        "ResourceNotFoundException",
        "User pool ap-southeast-1_ZZZZZZZZZ does not exist.",
    ),
    # trek10inc/serverless-cognito-manager#4 (CreateUserPool, with AWS's request id).
    Row(
        "serverless-cognito-manager#4",
        _schema({"Name": "banana", "AttributeDataType": "String", "Required": True}),
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
    ),
    # aws-cdk#14699 quotes the service: a schema name is at most 20 characters (checked
    # before anything else, so even a name Cognito keeps for itself is refused by length).
    Row(
        "aws-cdk#14699",
        _schema({"Name": "phone_number_verified", "AttributeDataType": "String"}),
        "InvalidParameterException",
        "1 validation error detected: Value 'phone_number_verified' at 'schema.1.member.name' "
        "failed to satisfy constraint: Member must have length less than or equal to 20",
    ),
    Row(
        "schema name of 20 accepted",
        _schema({"Name": "a" * 20, "AttributeDataType": "String"}),
        None,
    ),
    Row(
        "serverless-cognito-manager#4 accepted",
        _schema({"Name": "banana", "AttributeDataType": "String", "Required": False}),
        None,
    ),
    # localstack#3201 quotes AWS's wrong-password and unknown-user answers.
    Row(
        "localstack#3201 wrong password",
        _login("foo", "Wr0ng!pass"),
        "NotAuthorizedException",
        "Incorrect username or password.",
    ),
    Row(
        "localstack#3201 unknown user",
        _login("nobody", "Wr0ng!pass"),
        "UserNotFoundException",
        "User does not exist.",
    ),
    Row("localstack#3201 right password", _login("foo", "P2$Sword2"), None),
    # ministack#1574: with PreventUserExistenceErrors an unknown user is a bad password.
    Row(
        "ministack#1574",
        _login("nobody", "Wr0ng!pass", PreventUserExistenceErrors="ENABLED"),
        "NotAuthorizedException",
        "Incorrect username or password.",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.source for r in ROWS])
def test_live_answer(world: World, row: Row) -> None:
    if row.code is None and row.later is None:
        row.call(world)
        return
    with pytest.raises(ClientError) as err:
        row.call(world)
    error = err.value.response["Error"]
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    if row.code is None:
        assert error["Code"] == row.later
        return
    assert (error["Code"], error["Message"]) == (row.code, row.message)


def test_refused_schema_creates_nothing(world: World) -> None:
    """A pool refused for its Schema is not created (the engine stays total)."""
    with pytest.raises(ClientError):
        _schema({"Name": "banana", "AttributeDataType": "String", "Required": True})(world)
    assert world.idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_refused_custom_attribute_adds_nothing(world: World) -> None:
    """AddCustomAttributes refuses a required one the same way, and adds none of the list."""
    pool = world.idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
    with pytest.raises(ClientError) as err:
        world.idp.add_custom_attributes(
            UserPoolId=pool,
            CustomAttributes=[
                {"Name": "ok", "AttributeDataType": "String"},
                {"Name": "banana", "AttributeDataType": "String", "Required": True},
            ],
        )
    assert err.value.response["Error"]["Message"] == (
        "Required custom attributes are not supported currently."
    )
    schema = world.idp.describe_user_pool(UserPoolId=pool)["UserPool"]["SchemaAttributes"]
    assert not [a for a in schema if a["Name"].startswith("custom:")]


def test_empty_username_breaks_both_constraints(world: World) -> None:
    """LambStatus#6 (AdminCreateUser, 2017): "" is too short and off the pattern, in one answer.

    boto3 refuses "" itself, so the request goes to the engine, as an HTTP door delivers it.
    """
    engine = world.cloud.engine("cognito-idp", "us-west-2")
    pool = engine.create_user_pool({"PoolName": "p"})["UserPool"]["Id"]
    with pytest.raises(InvalidParameterException) as err:
        engine.admin_create_user({"UserPoolId": pool, "Username": ""})
    assert err.value.message == (
        "2 validation errors detected: Value at 'username' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; Value at 'username' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+"
    )
    assert engine.list_users({"UserPoolId": pool})["Users"] == []


def test_refused_reset_changes_nothing(world: World) -> None:
    """A refused AdminResetUserPassword leaves the user as it was and sends nothing."""
    with pytest.raises(ClientError):
        _reset("admin", permanent=False)(world)
    pool = world.idp.list_user_pools(MaxResults=1)["UserPools"][0]["Id"]
    user = world.idp.admin_get_user(UserPoolId=pool, Username="ann")
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert world.cloud.engine("cognito-idp", "us-west-2").pool_outbox(pool) == []
