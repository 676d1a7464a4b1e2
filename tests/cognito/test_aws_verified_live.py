"""Cognito against answers of the live service quoted in public issues, refused and accepted.

Each row names its source: an issue or pull request quoting what AWS answered (with a
request id or a region where the quote shows one). The moto aws_verified flows are in
``test_aws_verified.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless.cognito import InvalidParameterException

from ._verified_world import SNS_ROLE, World, make_pool

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
