"""Pool and client settings that change behaviour: case, required attributes, admin-only
sign-up, aliases, MFA configuration, and the admin variants of the auth calls."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cognito import CodeMismatchException, UsernameExistsException, UserPool
from pyserverless.cognito._errors import (
    AliasExistsException,
    InvalidParameterException,
    NotAuthorizedException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"


def make(cloud: Cloud, **params: Any) -> tuple[UserPool, Any, Any]:
    pool = cloud.cognito.create_user_pool("p", **params)
    return pool, pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")


class TestUsernameCase:
    def test_case_insensitive(self, cloud: Cloud) -> None:
        """With CaseSensitive=False, 'Ann' and 'ann' are the same user."""
        pool, app, idp = make(cloud, UsernameConfiguration={"CaseSensitive": False})
        idp.sign_up(ClientId=app.client_id, Username="Ann", Password=PASSWORD)
        with pytest.raises(UsernameExistsException) as err:
            idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        assert getattr(err.value, "code", "") == "UsernameExistsException"
        assert idp.admin_get_user(UserPoolId=pool.id, Username="ANN")["Username"] == "Ann"

    def test_case_sensitive_by_default(self, cloud: Cloud) -> None:
        """Without UsernameConfiguration, usernames are case sensitive."""
        pool, app, idp = make(cloud)
        idp.sign_up(ClientId=app.client_id, Username="Ann", Password=PASSWORD)
        idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        assert sorted(u.username for u in pool.users()) == ["Ann", "ann"]


class TestSchema:
    def test_required_attribute(self, cloud: Cloud) -> None:
        """A required standard attribute must be given at sign-up."""
        pool, app, idp = make(cloud, Schema=[{"Name": "email", "Required": True}])
        with pytest.raises(InvalidParameterException) as err:
            idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        assert "email" in err.value.message and pool.users() == []

    def test_immutable_custom(self, cloud: Cloud) -> None:
        """A non-mutable custom attribute is set at creation and cannot change."""
        pool, _, idp = make(cloud, Schema=[{"Name": "badge", "Mutable": False}])
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "custom:badge", "Value": "1"}],
        )
        with pytest.raises(InvalidParameterException):
            idp.admin_update_user_attributes(
                UserPoolId=pool.id,
                Username="ann",
                UserAttributes=[{"Name": "custom:badge", "Value": "2"}],
            )

    def test_delete_attributes(self, cloud: Cloud) -> None:
        """AdminDeleteUserAttributes removes attributes (never sub)."""
        pool, _, idp = make(cloud)
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "name", "Value": "Ann"}],
        )
        idp.admin_delete_user_attributes(
            UserPoolId=pool.id, Username="ann", UserAttributeNames=["name"]
        )
        assert "name" not in pool.user("ann").attributes
        with pytest.raises(InvalidParameterException):
            idp.admin_delete_user_attributes(
                UserPoolId=pool.id, Username="ann", UserAttributeNames=["sub"]
            )


class TestAdminOnly:
    def test_sign_up_refused(self, cloud: Cloud) -> None:
        """AllowAdminCreateUserOnly refuses SignUp."""
        pool, app, idp = make(cloud, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
        with pytest.raises(NotAuthorizedException):
            idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        assert pool.users() == []

    def test_resend_invitation(self, cloud: Cloud) -> None:
        """MessageAction=RESEND sends a new temporary password to a FORCE_CHANGE_PASSWORD user."""
        pool, _, idp = make(cloud)
        attrs = [{"Name": "email", "Value": "ann@example.com"}]
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=attrs,
            DesiredDeliveryMediums=["EMAIL"],
        )
        first = pool.outbox[-1].code
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="RESEND",
            DesiredDeliveryMediums=["EMAIL"],
        )
        assert len(pool.outbox) == 2 and pool.outbox[-1].code != first
        with pytest.raises(UserNotFoundException):
            idp.admin_create_user(UserPoolId=pool.id, Username="zed", MessageAction="RESEND")


class TestAliases:
    def test_verified_alias_is_unique(self, cloud: Cloud) -> None:
        """A verified email alias cannot be taken by a second user."""
        pool, _, idp = make(cloud, AliasAttributes=["email"])
        attrs = [
            {"Name": "email", "Value": "a@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ]
        idp.admin_create_user(
            UserPoolId=pool.id, Username="ann", UserAttributes=attrs, MessageAction="SUPPRESS"
        )
        with pytest.raises(AliasExistsException):
            idp.admin_create_user(
                UserPoolId=pool.id, Username="bob", UserAttributes=attrs, MessageAction="SUPPRESS"
            )
        assert [u.username for u in pool.users()] == ["ann"]


class TestAdminChallenges:
    def test_admin_new_password(self, cloud: Cloud) -> None:
        """AdminInitiateAuth + AdminRespondToAuthChallenge complete NEW_PASSWORD_REQUIRED."""
        pool, app, idp = make(cloud)
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            TemporaryPassword="Temp0rary!",
            MessageAction="SUPPRESS",
        )
        challenge = idp.admin_initiate_auth(
            UserPoolId=pool.id,
            ClientId=app.client_id,
            AuthFlow="ADMIN_NO_SRP_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": "Temp0rary!"},
        )
        assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
        out = idp.admin_respond_to_auth_challenge(
            UserPoolId=pool.id,
            ClientId=app.client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ann", "NEW_PASSWORD": "N3w-pass!"},
        )
        assert "AccessToken" in out["AuthenticationResult"]

    def test_session_for_other_client(self, cloud: Cloud) -> None:
        """A Session from one client is refused by another."""
        pool, app, idp = make(cloud)
        other = pool.create_client("other", ExplicitAuthFlows=FLOWS)
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            TemporaryPassword="Temp0rary!",
            MessageAction="SUPPRESS",
        )
        challenge = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": "Temp0rary!"},
        )
        with pytest.raises(NotAuthorizedException):
            idp.respond_to_auth_challenge(
                ClientId=other.client_id,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=challenge["Session"],
                ChallengeResponses={"USERNAME": "ann", "NEW_PASSWORD": "N3w-pass!"},
            )


class TestMfaConfig:
    def test_set_and_get(self, idp: Any, pool: UserPool) -> None:
        """SetUserPoolMfaConfig changes what GetUserPoolMfaConfig and DescribeUserPool say."""
        idp.set_user_pool_mfa_config(
            UserPoolId=pool.id,
            MfaConfiguration="OPTIONAL",
            SoftwareTokenMfaConfiguration={"Enabled": True},
        )
        got = idp.get_user_pool_mfa_config(UserPoolId=pool.id)
        assert got["MfaConfiguration"] == "OPTIONAL"
        assert got["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
        assert idp.describe_user_pool(UserPoolId=pool.id)["UserPool"]["MfaConfiguration"] == (
            "OPTIONAL"
        )

    def test_optional_sms_by_preference(self, cloud: Cloud) -> None:
        """In an OPTIONAL pool, SMS MFA applies once the admin enables it for the user."""
        pool, app, idp = make(cloud, MfaConfiguration="OPTIONAL")
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="ann",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "phone_number", "Value": "+12065550100"}],
        )
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
        )

        def login() -> dict[str, Any]:
            out: dict[str, Any] = idp.initiate_auth(
                ClientId=app.client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
            )
            return out

        assert "AuthenticationResult" in login()
        idp.admin_set_user_mfa_preference(
            UserPoolId=pool.id,
            Username="ann",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        assert login()["ChallengeName"] == "SMS_MFA"
        assert (
            idp.admin_get_user(UserPoolId=pool.id, Username="ann")["PreferredMfaSetting"]
            == "SMS_MFA"
        )


class TestAttributeVerification:
    def test_get_code_and_verify(
        self, idp: Any, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """GetUserAttributeVerificationCode sends a code; a wrong one is rejected."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        out = idp.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
        assert out["CodeDeliveryDetails"]["AttributeName"] == "email"
        assert pool.outbox[-1].purpose == "VerifyUserAttribute"
        with pytest.raises(CodeMismatchException) as err:
            idp.verify_user_attribute(AccessToken=token, AttributeName="email", Code="x")
        assert getattr(err.value, "code", "") == "CodeMismatchException"
