"""User operations: sign-up, confirmation, admin creation, attributes, passwords, listing."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import AppClient, PasswordResetRequiredException, UserPool, secret_hash
from pyserverless.cognito._errors import (
    CodeMismatchException,
    ExpiredCodeException,
    InvalidParameterException,
    InvalidPasswordException,
    NotAuthorizedException,
    UsernameExistsException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
EMAIL = [{"Name": "email", "Value": "ann@example.com"}]


def sign_up(idp: Any, app: AppClient, username: str = "ann", **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "ClientId": app.client_id,
        "Username": username,
        "Password": PASSWORD,
        "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}],
    }
    params.update(extra)
    result: dict[str, Any] = idp.sign_up(**params)
    return result


class TestSignUp:
    def test_unconfirmed_with_code_in_outbox(
        self, idp: Any, pool: UserPool, app: AppClient
    ) -> None:
        """SignUp makes an UNCONFIRMED user and emails a code to the auto-verified email."""
        out = sign_up(idp, app)
        assert out["UserConfirmed"] is False
        assert out["CodeDeliveryDetails"] == {
            "Destination": "a***@e***",
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email",
        }
        msg = pool.outbox[-1]
        assert (msg.recipient, msg.channel, msg.purpose) == ("ann@example.com", "EMAIL", "SignUp")
        assert msg.code is not None and msg.code in msg.body
        user = idp.admin_get_user(UserPoolId=pool.id, Username="ann")
        assert user["UserStatus"] == "UNCONFIRMED"
        assert {"Name": "sub", "Value": out["UserSub"]} in user["UserAttributes"]

    def test_password_never_stored(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """The password appears nowhere in the user record."""
        sign_up(idp, app)
        user = pool.engine.pools[pool.id].users["ann"]
        assert PASSWORD not in repr(attrs.asdict(user, recurse=True))
        assert user.password_hash is not None and user.password_hash.startswith("scrypt$")

    def test_duplicate(self, idp: Any, app: AppClient) -> None:
        """A taken username is UsernameExistsException."""
        sign_up(idp, app)
        with pytest.raises(UsernameExistsException) as err:
            sign_up(idp, app)
        assert err.value.message == "User already exists"

    @pytest.mark.parametrize(
        ("password", "reason"),
        [
            ("Sh0rt!", "Password not long enough"),
            ("password1!", "Password must have uppercase characters"),
            ("PASSWORD1!", "Password must have lowercase characters"),
            ("Password!!", "Password must have numeric characters"),
            ("Password11", "Password must have symbol characters"),
        ],
    )
    def test_policy(
        self, idp: Any, pool: UserPool, app: AppClient, password: str, reason: str
    ) -> None:
        """Each policy rule gives AWS's message, and no user is created."""
        with pytest.raises(InvalidPasswordException) as err:
            sign_up(idp, app, Password=password)
        assert err.value.message == f"Password did not conform with policy: {reason}"
        assert pool.users() == []

    @pytest.mark.parametrize("minimum", [6, 8, 12, 99])
    def test_minimum_length_both_sides(self, cloud: Cloud, minimum: int) -> None:
        """A password of exactly MinimumLength is accepted; one character under is refused
        with AWS's message, by SignUp, AdminSetUserPassword and AdminCreateUser."""
        policy = {"MinimumLength": minimum, "RequireSymbols": False}
        pool = cloud.cognito.create_user_pool("p", Policies={"PasswordPolicy": policy})
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        exact = ("Aa1" + "x" * minimum)[:minimum]
        short = exact[:-1]
        message = "Password did not conform with policy: Password not long enough"
        with pytest.raises(InvalidPasswordException) as err:
            sign_up(idp, app, Password=short)
        assert err.value.message == message
        assert pool.users() == []
        assert sign_up(idp, app, Password=exact)["UserSub"]
        with pytest.raises(InvalidPasswordException) as err:
            idp.admin_set_user_password(UserPoolId=pool.id, Username="ann", Password=short)
        assert err.value.message == message
        with pytest.raises(InvalidPasswordException) as err:
            idp.admin_create_user(UserPoolId=pool.id, Username="bo", TemporaryPassword=short)
        assert err.value.message == message
        idp.admin_create_user(UserPoolId=pool.id, Username="bo", TemporaryPassword=exact)
        assert sorted(u.username for u in pool.users()) == ["ann", "bo"]

    def test_secret_hash_required(self, idp: Any, pool: UserPool, secret_app: AppClient) -> None:
        """A client with a secret needs the right SECRET_HASH."""
        with pytest.raises(NotAuthorizedException) as err:
            sign_up(idp, secret_app)
        assert "SECRET_HASH was not received" in err.value.message
        with pytest.raises(NotAuthorizedException) as err:
            sign_up(idp, secret_app, SecretHash="AAAA")
        assert err.value.message == (
            f"Unable to verify secret hash for client {secret_app.client_id}"
        )
        assert secret_app.secret is not None
        good = secret_hash(secret_app.secret, "ann", secret_app.client_id)
        assert sign_up(idp, secret_app, SecretHash=good)["UserConfirmed"] is False
        assert [u.username for u in pool.users()] == ["ann"]

    def test_unknown_attribute(self, idp: Any, app: AppClient, pool: UserPool) -> None:
        """An attribute outside the schema is InvalidParameterException."""
        with pytest.raises(InvalidParameterException):
            sign_up(idp, app, UserAttributes=[{"Name": "shoe_size", "Value": "9"}])
        assert pool.users() == []

    def test_email_as_username(self, cloud: Cloud) -> None:
        """With UsernameAttributes=[email], the internal username is the sub."""
        pool = cloud.cognito.create_user_pool("p", UsernameAttributes=["email"])
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        out = idp.sign_up(ClientId=app.client_id, Username="zed@example.com", Password=PASSWORD)
        got = idp.admin_get_user(UserPoolId=pool.id, Username="zed@example.com")
        assert got["Username"] == out["UserSub"]
        with pytest.raises(InvalidParameterException):
            idp.sign_up(ClientId=app.client_id, Username="plainname", Password=PASSWORD)
        with pytest.raises(UsernameExistsException) as err:
            idp.sign_up(ClientId=app.client_id, Username="zed@example.com", Password=PASSWORD)
        assert err.value.code == "UsernameExistsException"


class TestConfirmSignUp:
    def test_confirm(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """The right code confirms the user and verifies the email."""
        sign_up(idp, app)
        idp.confirm_sign_up(
            ClientId=app.client_id, Username="ann", ConfirmationCode=pool.last_code()
        )
        user = idp.admin_get_user(UserPoolId=pool.id, Username="ann")
        assert user["UserStatus"] == "CONFIRMED"
        assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]

    def test_wrong_code(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """A wrong code is CodeMismatchException and leaves the user unconfirmed."""
        sign_up(idp, app)
        wrong = "000000" if pool.last_code() != "000000" else "111111"
        with pytest.raises(CodeMismatchException) as err:
            idp.confirm_sign_up(ClientId=app.client_id, Username="ann", ConfirmationCode=wrong)
        assert err.value.message == "Invalid verification code provided, please try again."
        assert pool.user("ann").status == "UNCONFIRMED"

    def test_expired_code(
        self, idp: Any, pool: UserPool, app: AppClient, clock: ManualClock
    ) -> None:
        """A code older than 24 hours is ExpiredCodeException."""
        sign_up(idp, app)
        clock.advance(24 * 3600 + 1)
        with pytest.raises(ExpiredCodeException):
            idp.confirm_sign_up(
                ClientId=app.client_id, Username="ann", ConfirmationCode=pool.last_code()
            )

    def test_already_confirmed(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """Confirming twice is NotAuthorizedException naming the status."""
        sign_up(idp, app)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ann")
        with pytest.raises(NotAuthorizedException) as err:
            idp.confirm_sign_up(ClientId=app.client_id, Username="ann", ConfirmationCode="1")
        assert err.value.message == "User cannot be confirmed. Current status is CONFIRMED"

    def test_resend(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """ResendConfirmationCode sends a new code; the old one no longer works."""
        sign_up(idp, app)
        old = pool.last_code()
        out = idp.resend_confirmation_code(ClientId=app.client_id, Username="ann")
        assert out["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
        assert pool.outbox[-1].purpose == "ResendCode"
        new = pool.last_code()
        if old != new:
            with pytest.raises(CodeMismatchException):
                idp.confirm_sign_up(ClientId=app.client_id, Username="ann", ConfirmationCode=old)
        idp.confirm_sign_up(ClientId=app.client_id, Username="ann", ConfirmationCode=new)
        assert pool.user("ann").status == "CONFIRMED"

    def test_unknown_user(self, idp: Any, app: AppClient) -> None:
        """Confirming nobody is UserNotFoundException."""
        with pytest.raises(UserNotFoundException) as err:
            idp.confirm_sign_up(ClientId=app.client_id, Username="x", ConfirmationCode="1")
        assert err.value.message == "User does not exist."


class TestAdminCreateUser:
    def test_temporary_password(self, idp: Any, pool: UserPool) -> None:
        """The user is FORCE_CHANGE_PASSWORD and the invitation carries the password."""
        out = idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            UserAttributes=EMAIL,
            DesiredDeliveryMediums=["EMAIL"],
        )
        assert out["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD"
        invite = pool.outbox[-1]
        assert invite.purpose == "AdminCreateUser" and invite.subject == "Your temporary password"
        assert invite.code is not None and invite.code in invite.body and "bob" in invite.body

    def test_suppress(self, idp: Any, pool: UserPool) -> None:
        """MessageAction=SUPPRESS sends nothing."""
        idp.admin_create_user(
            UserPoolId=pool.id,
            Username="bob",
            UserAttributes=EMAIL,
            MessageAction="SUPPRESS",
            TemporaryPassword="Temp0rary!",
        )
        assert pool.outbox == []

    def test_temporary_password_policy(self, idp: Any, pool: UserPool) -> None:
        """A given temporary password must meet the policy."""
        with pytest.raises(InvalidPasswordException):
            idp.admin_create_user(UserPoolId=pool.id, Username="bob", TemporaryPassword="x")
        assert pool.users() == []

    def test_confirm_admin(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """AdminConfirmSignUp confirms an UNCONFIRMED user."""
        sign_up(idp, app)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ann")
        assert pool.user("ann").status == "CONFIRMED"


class TestAttributes:
    def test_admin_update(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """Changing the email marks it unverified and sends a code."""
        make_user("ann")
        idp.admin_update_user_attributes(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=[
                {"Name": "email", "Value": "new@example.com"},
                {"Name": "name", "Value": "Ann"},
            ],
        )
        attrs = {
            a["Name"]: a["Value"]
            for a in idp.admin_get_user(UserPoolId=pool.id, Username="ann")["UserAttributes"]
        }
        assert attrs["email"] == "new@example.com" and attrs["email_verified"] == "false"
        assert attrs["name"] == "Ann"
        assert pool.outbox[-1].recipient == "new@example.com"

    def test_user_update_and_verify(
        self, idp: Any, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """UpdateUserAttributes returns the delivery; VerifyUserAttribute verifies."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        out = idp.update_user_attributes(
            AccessToken=token, UserAttributes=[{"Name": "email", "Value": "b@example.com"}]
        )
        assert out["CodeDeliveryDetailsList"][0]["AttributeName"] == "email"
        idp.verify_user_attribute(
            AccessToken=token, AttributeName="email", Code=pool.last_code("b@example.com")
        )
        got = idp.get_user(AccessToken=token)
        assert {"Name": "email_verified", "Value": "true"} in got["UserAttributes"]

    def test_user_cannot_set_verified(self, idp: Any, make_user: Any, login: Any) -> None:
        """A user cannot mark their own email verified."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        with pytest.raises(InvalidParameterException):
            idp.update_user_attributes(
                AccessToken=token, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
            )


class TestAdminDeleteUserAttributes:
    def test_sub_refused_and_nothing_deleted(
        self, idp: Any, pool: UserPool, make_user: Any
    ) -> None:
        """Naming ``sub`` is InvalidParameterException, and no other attribute goes."""
        make_user(nickname="annie")
        with pytest.raises(InvalidParameterException):
            idp.admin_delete_user_attributes(
                UserPoolId=pool.id, Username="ann", UserAttributeNames=["nickname", "sub"]
            )
        assert pool.user("ann").attributes["nickname"] == "annie"
        idp.admin_delete_user_attributes(
            UserPoolId=pool.id, Username="ann", UserAttributeNames=["nickname"]
        )
        assert "nickname" not in pool.user("ann").attributes


class TestDeleteAndList:
    def test_delete(self, idp: Any, pool: UserPool, make_user: Any, login: Any) -> None:
        """AdminDeleteUser and DeleteUser remove users."""
        make_user("ann")
        make_user("bob")
        idp.admin_delete_user(UserPoolId=pool.id, Username="ann")
        with pytest.raises(UserNotFoundException):
            idp.admin_get_user(UserPoolId=pool.id, Username="ann")
        token = login("bob")["AuthenticationResult"]["AccessToken"]
        idp.delete_user(AccessToken=token)
        assert pool.users() == []
        pool._check()

    def test_list_filter(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """Filter supports = and ^= on attributes, username and status."""
        for name in ("alice", "albert", "bob"):
            make_user(name)
        idp.admin_disable_user(UserPoolId=pool.id, Username="bob")

        def names(flt: str) -> list[str]:
            return sorted(
                u["Username"] for u in idp.list_users(UserPoolId=pool.id, Filter=flt)["Users"]
            )

        assert names('username ^= "al"') == ["albert", "alice"]
        assert names('email = "bob@example.com"') == ["bob"]
        assert names('status = "Disabled"') == ["bob"]
        assert names('cognito:user_status = "CONFIRMED"') == ["albert", "alice", "bob"]
        assert names("") == ["albert", "alice", "bob"]
        with pytest.raises(InvalidParameterException):
            names("username == al")

    def test_list_pages_and_attributes(self, idp: Any, pool: UserPool, make_user: Any) -> None:
        """Limit/PaginationToken page through users; AttributesToGet trims attributes."""
        for i in range(5):
            make_user(f"u{i}")
        seen, token = [], None
        while True:
            kwargs: dict[str, str] = {"PaginationToken": token} if token else {}
            page = idp.list_users(UserPoolId=pool.id, Limit=2, AttributesToGet=["email"], **kwargs)
            seen += page["Users"]
            token = page.get("PaginationToken")
            if not token:
                break
        assert sorted(u["Username"] for u in seen) == [f"u{i}" for i in range(5)]
        assert all([a["Name"] for a in u["Attributes"]] == ["email"] for u in seen)


class TestPasswords:
    def test_forgot_and_confirm(
        self, idp: Any, pool: UserPool, app: AppClient, make_user: Any, login: Any
    ) -> None:
        """ForgotPassword sends a code; ConfirmForgotPassword sets the new password."""
        make_user("ann")
        out = idp.forgot_password(ClientId=app.client_id, Username="ann")
        assert out["CodeDeliveryDetails"]["AttributeName"] == "email"
        assert pool.outbox[-1].purpose == "ForgotPassword"
        idp.confirm_forgot_password(
            ClientId=app.client_id,
            Username="ann",
            ConfirmationCode=pool.last_code(),
            Password="N3w-pass!",
        )
        assert "AuthenticationResult" in login("ann", "N3w-pass!")
        with pytest.raises(NotAuthorizedException):
            login("ann", PASSWORD)

    def test_forgot_needs_verified_contact(self, idp: Any, pool: UserPool, app: AppClient) -> None:
        """Without a verified email or phone, ForgotPassword is InvalidParameterException."""
        sign_up(idp, app)
        with pytest.raises(InvalidParameterException) as err:
            idp.forgot_password(ClientId=app.client_id, Username="ann")
        assert "no registered/verified email or phone_number" in err.value.message

    def test_change_password(self, idp: Any, make_user: Any, login: Any) -> None:
        """ChangePassword needs the previous password."""
        make_user("ann")
        token = login()["AuthenticationResult"]["AccessToken"]
        with pytest.raises(NotAuthorizedException):
            idp.change_password(
                AccessToken=token, PreviousPassword="Wr0ng-pass", ProposedPassword="N3w-pass!"
            )
        idp.change_password(
            AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword="N3w-pass!"
        )
        assert "AuthenticationResult" in login("ann", "N3w-pass!")

    def test_admin_set_password_temporary(
        self, idp: Any, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """A non-permanent password puts the user back in FORCE_CHANGE_PASSWORD."""
        make_user("ann")
        idp.admin_set_user_password(
            UserPoolId=pool.id, Username="ann", Password="T3mp-pass!", Permanent=False
        )
        assert login("ann", "T3mp-pass!")["ChallengeName"] == "NEW_PASSWORD_REQUIRED"

    def test_admin_reset(self, idp: Any, pool: UserPool, make_user: Any, login: Any) -> None:
        """AdminResetUserPassword makes sign-in fail with PasswordResetRequiredException."""
        make_user("ann")
        idp.admin_reset_user_password(UserPoolId=pool.id, Username="ann")
        with pytest.raises(PasswordResetRequiredException) as err:
            login()
        assert getattr(err.value, "code", None) == "PasswordResetRequiredException"
        assert err.value.message == "Password reset required for the user"


class TestDisableEnable:
    def test_disabled_cannot_sign_in(
        self, idp: Any, pool: UserPool, make_user: Any, login: Any
    ) -> None:
        """A disabled user gets 'User is disabled.'; enabling restores sign-in."""
        make_user("ann")
        idp.admin_disable_user(UserPoolId=pool.id, Username="ann")
        with pytest.raises(NotAuthorizedException) as err:
            login()
        assert err.value.message == "User is disabled."
        idp.admin_enable_user(UserPoolId=pool.id, Username="ann")
        assert "AuthenticationResult" in login()


class TestPreventUserExistenceErrors:
    def test_recovery_simulated(self, idp: Any, pool: UserPool) -> None:
        """With ENABLED, ForgotPassword and ResendConfirmationCode pretend to send a code."""
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS, PreventUserExistenceErrors="ENABLED")
        out = idp.forgot_password(ClientId=app.client_id, Username="ghost")
        assert out["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
        out = idp.resend_confirmation_code(ClientId=app.client_id, Username="ghost")
        assert "CodeDeliveryDetails" in out
        assert pool.outbox == []
        with pytest.raises(CodeMismatchException):
            idp.confirm_sign_up(ClientId=app.client_id, Username="ghost", ConfirmationCode="1")

    def test_legacy_reveals(self, idp: Any, app: AppClient) -> None:
        """With LEGACY (the API default), an unknown user is UserNotFoundException."""
        with pytest.raises(UserNotFoundException):
            idp.forgot_password(ClientId=app.client_id, Username="ghost")
