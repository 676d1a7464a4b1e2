"""Every pool and client setting has its effect or is refused: write permissions, schema
constraints, account recovery, MFA switches, link messages, and the refused settings."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import UserPool
from pyserverless.cognito._errors import (
    AliasExistsException,
    InvalidParameterException,
    NotAuthorizedException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
UNAUTHORIZED = "A client attempted to write unauthorized attribute"


def make(cloud: Cloud, client: dict[str, Any] | None = None, **params: Any) -> tuple[Any, ...]:
    pool = cloud.cognito.create_user_pool("p", **params)
    return (
        pool,
        pool.create_client("c", **{"ExplicitAuthFlows": FLOWS, **(client or {})}),
        cloud.client("cognito-idp"),
    )


def attrs(**values: str) -> list[dict[str, str]]:
    return [{"Name": k.replace("__", ":"), "Value": v} for k, v in values.items()]


def confirmed(idp: Any, pool: UserPool, username: str = "ann", **values: str) -> None:
    idp.admin_create_user(
        UserPoolId=pool.id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=attrs(**values),
    )
    idp.admin_set_user_password(
        UserPoolId=pool.id, Username=username, Password=PASSWORD, Permanent=True
    )


class TestWriteAttributes:
    def test_sign_up_limited_to_write_attributes(self, cloud: Cloud) -> None:
        """SignUp may set only the client's WriteAttributes; nobody is created otherwise."""
        pool, app, idp = make(cloud, client={"WriteAttributes": ["email"]})
        with pytest.raises(NotAuthorizedException) as err:
            idp.sign_up(
                ClientId=app.client_id,
                Username="ann",
                Password=PASSWORD,
                UserAttributes=attrs(email="ann@example.com", nickname="annie"),
            )
        assert err.value.message == UNAUTHORIZED
        assert pool.users() == []
        idp.sign_up(
            ClientId=app.client_id,
            Username="ann",
            Password=PASSWORD,
            UserAttributes=attrs(email="ann@example.com"),
        )
        assert pool.user("ann").attributes["email"] == "ann@example.com"

    def test_update_through_token_of_limited_client(self, cloud: Cloud) -> None:
        """UpdateUserAttributes follows the WriteAttributes of the token's client."""
        pool, app, idp = make(
            cloud,
            client={
                "WriteAttributes": ["nickname"],
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"],
            },
        )
        confirmed(idp, pool, email="ann@example.com", email_verified="true")
        token = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]["AccessToken"]
        with pytest.raises(NotAuthorizedException) as err:
            idp.update_user_attributes(AccessToken=token, UserAttributes=attrs(name="Ann"))
        assert err.value.message == UNAUTHORIZED
        idp.update_user_attributes(AccessToken=token, UserAttributes=attrs(nickname="annie"))
        assert pool.user("ann").attributes["nickname"] == "annie"
        assert "name" not in pool.user("ann").attributes

    def test_developer_only_attribute(self, cloud: Cloud) -> None:
        """A developer-only attribute is written by admins only."""
        schema = [{"Name": "tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}]
        pool, app, idp = make(cloud, Schema=schema)
        with pytest.raises(NotAuthorizedException):
            idp.sign_up(
                ClientId=app.client_id,
                Username="ann",
                Password=PASSWORD,
                UserAttributes=attrs(custom__tier="gold"),
            )
        confirmed(idp, pool, custom__tier="gold")
        assert pool.user("ann").attributes["custom:tier"] == "gold"


class TestSchemaConstraints:
    SCHEMA = [
        {"Name": "code", "AttributeDataType": "String", "StringAttributeConstraints": {
            "MinLength": "2", "MaxLength": "3"}},
        {"Name": "age", "AttributeDataType": "Number", "NumberAttributeConstraints": {
            "MinValue": "18", "MaxValue": "120"}},
    ]  # fmt: skip

    @pytest.mark.parametrize(
        ("name", "value", "reason"),
        [
            ("custom:code", "abcd", "String must be no longer than 3 characters"),
            ("custom:code", "a", "String must be no shorter than 2 characters"),
            ("custom:age", "17", "Number must be no less than 18"),
            ("custom:age", "121", "Number must be no greater than 120"),
            ("custom:age", "old", "Number must be a number"),
        ],
    )
    def test_violations(self, cloud: Cloud, name: str, value: str, reason: str) -> None:
        """Values outside a custom attribute's type or constraints are refused."""
        pool, _, idp = make(cloud, Schema=self.SCHEMA)
        with pytest.raises(InvalidParameterException) as err:
            idp.admin_create_user(
                UserPoolId=pool.id,
                Username="ann",
                MessageAction="SUPPRESS",
                UserAttributes=[{"Name": name, "Value": value}],
            )
        assert err.value.message == f"Attributes did not conform to the schema: {name}: {reason}"
        assert pool.users() == []

    def test_values_within_constraints(self, cloud: Cloud) -> None:
        """Values that meet the constraints are stored."""
        pool, _, idp = make(cloud, Schema=self.SCHEMA)
        confirmed(idp, pool, custom__code="ab", custom__age="42")
        assert pool.user("ann").attributes["custom:age"] == "42"


class TestAccountRecovery:
    def _forgot(self, cloud: Cloud, mechanisms: list[dict[str, Any]]) -> Any:
        pool, app, idp = make(cloud, AccountRecoverySetting={"RecoveryMechanisms": mechanisms})
        confirmed(
            idp,
            pool,
            email="ann@example.com",
            email_verified="true",
            phone_number="+15550100",
            phone_number_verified="true",
        )
        return idp.forgot_password(ClientId=app.client_id, Username="ann")

    def test_priority_picks_the_channel(self, cloud: Cloud) -> None:
        """RecoveryMechanisms' priorities choose where the reset code goes."""
        phone_first = [
            {"Name": "verified_email", "Priority": 2},
            {"Name": "verified_phone_number", "Priority": 1},
        ]
        details = self._forgot(cloud, phone_first)["CodeDeliveryDetails"]
        assert details["DeliveryMedium"] == "SMS"
        assert details["AttributeName"] == "phone_number"

    def test_admin_only(self, cloud: Cloud) -> None:
        """With admin_only, users cannot reset their own password."""
        with pytest.raises(InvalidParameterException) as err:
            self._forgot(cloud, [{"Name": "admin_only", "Priority": 1}])
        assert "no registered/verified email or phone_number" in err.value.message


class TestMfaSettings:
    def test_mfa_on_needs_a_factor(self, idp: Any, pool: UserPool) -> None:
        """SetUserPoolMfaConfig refuses ON without TOTP or SMS configured."""
        with pytest.raises(InvalidParameterException) as err:
            idp.set_user_pool_mfa_config(UserPoolId=pool.id, MfaConfiguration="ON")
        assert err.value.message == "SMS configuration or software token MFA must be enabled"
        assert pool.engine.pools[pool.id].config["MfaConfiguration"] == "OFF"

    def test_sms_mfa_message_from_mfa_config(self, cloud: Cloud) -> None:
        """SmsMfaConfiguration's SmsAuthenticationMessage is the MFA text message."""
        pool, app, idp = make(cloud, client={"ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]})
        idp.set_user_pool_mfa_config(
            UserPoolId=pool.id,
            MfaConfiguration="ON",
            SmsMfaConfiguration={"SmsAuthenticationMessage": "Sign-in code: {####}"},
        )
        confirmed(idp, pool, phone_number="+15550100", phone_number_verified="true")
        out = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        assert out["ChallengeName"] == "SMS_MFA"
        assert pool.outbox[-1].body == f"Sign-in code: {pool.outbox[-1].code}"


class TestPoolSettings:
    def test_update_renames(self, idp: Any, pool: UserPool) -> None:
        """UpdateUserPool's PoolName renames the pool."""
        idp.update_user_pool(UserPoolId=pool.id, PoolName="renamed")
        assert idp.describe_user_pool(UserPoolId=pool.id)["UserPool"]["Name"] == "renamed"

    def test_unused_account_validity_days(self) -> None:
        """The older UnusedAccountValidityDays sets how long a temporary password lives."""
        clock = ManualClock()
        cloud = Cloud(clock=clock, limits={"cognito-idp": {"password_hash_cost": 1}})
        pool, app, idp = make(
            cloud,
            client={"ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]},
            AdminCreateUserConfig={"UnusedAccountValidityDays": 1},
        )
        described = idp.describe_user_pool(UserPoolId=pool.id)["UserPool"]
        assert described["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 1
        idp.admin_create_user(
            UserPoolId=pool.id, Username="ann", TemporaryPassword=PASSWORD, MessageAction="SUPPRESS"
        )
        clock.advance(2 * 86400)
        with pytest.raises(NotAuthorizedException) as err:
            idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
        assert "Temporary password has expired" in err.value.message

    def test_confirm_with_link(self, cloud: Cloud) -> None:
        """CONFIRM_WITH_LINK sends EmailMessageByLink with a link carrying the code."""
        template = {
            "DefaultEmailOption": "CONFIRM_WITH_LINK",
            "EmailSubjectByLink": "Confirm",
            "EmailMessageByLink": "Welcome! {##Click here##}",
        }
        pool, app, idp = make(
            cloud, AutoVerifiedAttributes=["email"], VerificationMessageTemplate=template
        )
        idp.sign_up(
            ClientId=app.client_id,
            Username="ann",
            Password=PASSWORD,
            UserAttributes=attrs(email="ann@example.com"),
        )
        mail = pool.outbox[-1]
        assert mail.subject == "Confirm"
        assert f"confirmation_code={mail.code}" in mail.body and ">Click here</a>" in mail.body
        assert "{##" not in mail.body


class TestRefused:
    @pytest.mark.parametrize(
        "params",
        [
            {"Policies": {"PasswordPolicy": {"PasswordHistorySize": 3}}},
            {"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}},
            {"LambdaConfig": {"UserMigration": "arn:aws:lambda:us-east-1:1:function:m"}},
            {
                "LambdaConfig": {
                    "CustomEmailSender": {
                        "LambdaArn": "arn:aws:lambda:us-east-1:1:function:e",
                        "LambdaVersion": "V1_0",
                    }
                }
            },
            {"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}},
        ],
    )
    def test_unemulated_pool_settings(self, idp: Any, params: dict[str, Any]) -> None:
        """A pool setting whose effect is not emulated is refused, and creates nothing."""
        with pytest.raises(InvalidParameterException) as err:
            idp.create_user_pool(PoolName="p", **params)
        assert err.value.message.startswith("pyserverless does not emulate ")
        assert idp.list_user_pools(MaxResults=60)["UserPools"] == []

    def test_refresh_token_rotation(self, idp: Any, pool: UserPool) -> None:
        """RefreshTokenRotation ENABLED is refused; DISABLED is kept and described."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool_client(
                UserPoolId=pool.id, ClientName="c", RefreshTokenRotation={"Feature": "ENABLED"}
            )
        out = idp.create_user_pool_client(
            UserPoolId=pool.id, ClientName="c", RefreshTokenRotation={"Feature": "DISABLED"}
        )
        assert out["UserPoolClient"]["RefreshTokenRotation"] == {"Feature": "DISABLED"}


class TestAliasCreation:
    def _pool(self, cloud: Cloud) -> tuple[Any, ...]:
        pool, app, idp = make(cloud, AliasAttributes=["email"], AutoVerifiedAttributes=["email"])
        confirmed(idp, pool, "ann", email="a@example.com", email_verified="true")
        return pool, app, idp

    def test_force_on_admin_create(self, cloud: Cloud) -> None:
        """ForceAliasCreation moves a verified alias to the new user."""
        pool, _, idp = self._pool(cloud)
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            MessageAction="SUPPRESS",
            ForceAliasCreation=True,
            UserAttributes=attrs(email="a@example.com", email_verified="true"),
        )
        assert pool.user("ann").attributes["email_verified"] == "false"
        assert idp.admin_get_user(UserPoolId=pool.id, Username="a@example.com")["Username"] == (
            "bob"
        )

    def test_confirm_sign_up_checks_the_alias(self, cloud: Cloud) -> None:
        """Sign-up with a taken alias works; confirming it is AliasExistsException unless forced."""
        pool, app, idp = self._pool(cloud)
        idp.sign_up(
            ClientId=app.client_id,
            Username="bob",
            Password=PASSWORD,
            UserAttributes=attrs(email="a@example.com"),
        )
        code = pool.last_code()
        with pytest.raises(AliasExistsException):
            idp.confirm_sign_up(ClientId=app.client_id, Username="bob", ConfirmationCode=code)
        assert pool.user("bob").status == "UNCONFIRMED"
        assert pool.user("ann").attributes["email_verified"] == "true"
        idp.confirm_sign_up(
            ClientId=app.client_id, Username="bob", ConfirmationCode=code, ForceAliasCreation=True
        )
        assert pool.user("bob").attributes["email_verified"] == "true"
        assert pool.user("ann").attributes["email_verified"] == "false"


class TestClientMetadata:
    def test_reaches_message_and_confirmation_triggers(self, cloud: Cloud) -> None:
        """ClientMetadata of SignUp and ConfirmSignUp reaches CustomMessage and PostConfirmation."""
        seen: dict[str, Any] = {}

        def record(event: dict[str, Any]) -> None:
            seen[event["triggerSource"]] = event["request"]["clientMetadata"]

        pool = cloud.cognito.create_user_pool(
            "p",
            AutoVerifiedAttributes=["email"],
            triggers={"CustomMessage": record, "PostConfirmation": record},
        )
        app, idp = pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")
        idp.sign_up(
            ClientId=app.client_id,
            Username="ann",
            Password=PASSWORD,
            UserAttributes=attrs(email="ann@example.com"),
            ClientMetadata={"step": "signup"},
        )
        idp.confirm_sign_up(
            ClientId=app.client_id,
            Username="ann",
            ConfirmationCode=pool.last_code(),
            ClientMetadata={"step": "confirm"},
        )
        assert seen == {
            "CustomMessage_SignUp": {"step": "signup"},
            "PostConfirmation_ConfirmSignUp": {"step": "confirm"},
        }
