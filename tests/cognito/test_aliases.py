"""Sign-in aliases stay unique: a verified email or phone number belongs to one user.

A PreSignUp trigger can verify an email (``autoVerifyEmail``); the uniqueness check then
runs on what the user will hold after the trigger decided, so a second user with the
same email is refused with AliasExistsException at SignUp (COG: AliasExistsException,
"an account with this email address or phone already exists in a user pool that you've
configured to use email address or phone number as a sign-in alias").
"""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cognito import AliasExistsException, AppClient, UserPool
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

from .conftest import PASSWORD


def _pool(cloud: Cloud, *, confirm: bool, attr: str = "email") -> tuple[UserPool, AppClient]:
    def verify(event: dict[str, Any]) -> dict[str, Any]:
        key = "autoVerifyEmail" if attr == "email" else "autoVerifyPhone"
        event["response"][key] = True
        event["response"]["autoConfirmUser"] = confirm
        return event

    pool = cloud.cognito.create_user_pool(
        "p", AliasAttributes=[attr], triggers={"PreSignUp": verify}
    )
    return pool, pool.create_client("web", ExplicitAuthFlows=FLOWS)


def _sign_up(idp: Any, app: AppClient, username: str, name: str, value: str) -> Any:
    return idp.sign_up(
        ClientId=app.client_id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": name, "Value": value}],
    )


class TestSignUpAfterTrigger:
    @pytest.mark.parametrize("confirm", [True, False])
    def test_second_auto_verified_email_refused(self, cloud: Cloud, confirm: bool) -> None:
        """A trigger-verified email another user holds verified is AliasExistsException at
        SignUp; the second user is not created and the alias still signs the first in."""
        pool, app = _pool(cloud, confirm=confirm)
        idp = cloud.client("cognito-idp")
        _sign_up(idp, app, "ann", "email", "same@example.com")
        with pytest.raises(AliasExistsException) as err:
            _sign_up(idp, app, "bob", "email", "SAME@example.com".lower())
        assert err.value.message == "An account with the given email already exists."
        assert [u.username for u in pool.users()] == ["ann"]
        assert pool.user("same@example.com").username == "ann"
        pool._check()

    def test_second_auto_verified_phone_refused(self, cloud: Cloud) -> None:
        """The same holds for a phone number alias verified by the trigger."""
        pool, app = _pool(cloud, confirm=True, attr="phone_number")
        idp = cloud.client("cognito-idp")
        _sign_up(idp, app, "ann", "phone_number", "+15550100")
        with pytest.raises(AliasExistsException) as err:
            _sign_up(idp, app, "bob", "phone_number", "+15550100")
        assert err.value.message == "An account with the given phone_number already exists."
        assert [u.username for u in pool.users()] == ["ann"]
        pool._check()

    def test_other_email_accepted(self, cloud: Cloud) -> None:
        """A different email is no conflict: both users hold verified aliases."""
        pool, app = _pool(cloud, confirm=True)
        idp = cloud.client("cognito-idp")
        _sign_up(idp, app, "ann", "email", "ann@example.com")
        _sign_up(idp, app, "bob", "email", "bob@example.com")
        assert pool.user("bob@example.com").attributes["email_verified"] == "true"
        pool._check()

    def test_unverified_duplicate_waits_for_confirmation(self, cloud: Cloud) -> None:
        """Without a verifying trigger the same email may sign up twice (it is no alias
        yet); confirming the second, which would verify it, is AliasExistsException."""
        pool = cloud.cognito.create_user_pool(
            "p", AliasAttributes=["email"], AutoVerifiedAttributes=["email"]
        )
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        for name in ("ann", "bob"):
            _sign_up(idp, app, name, "email", "same@example.com")
        idp.confirm_sign_up(
            ClientId=app.client_id,
            Username="ann",
            ConfirmationCode=pool.messages_to("same@example.com")[0].code,
        )
        with pytest.raises(AliasExistsException):
            idp.confirm_sign_up(
                ClientId=app.client_id,
                Username="bob",
                ConfirmationCode=pool.messages_to("same@example.com")[1].code,
            )
        assert pool.user("bob").status == "UNCONFIRMED"
        pool._check()


class TestVerifyUserAttribute:
    def test_verifying_a_taken_alias_refused(self, cloud: Cloud) -> None:
        """Verifying an email another user holds verified is AliasExistsException; the
        code stays unspent and the email unverified."""
        pool = cloud.cognito.create_user_pool(
            "p", AliasAttributes=["email"], AutoVerifiedAttributes=["email"]
        )
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        pool.create_user("ann", password=PASSWORD, email="same@example.com")
        pool.create_user("bob", password=PASSWORD)
        tokens = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "bob", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        access = tokens["AccessToken"]
        idp.update_user_attributes(
            AccessToken=access, UserAttributes=[{"Name": "email", "Value": "same@example.com"}]
        )
        code = pool.last_code("same@example.com")
        with pytest.raises(AliasExistsException):
            idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
        assert pool.user("bob").attributes["email_verified"] == "false"
        pool._check()
        pool.user("ann").delete()
        idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
        assert pool.user("same@example.com").username == "bob"


class TestCheck:
    def test_catches_duplicate_verified_alias(self, cloud: Cloud) -> None:
        """``UserPool._check()`` fails when two users hold the same verified alias."""
        pool, app = _pool(cloud, confirm=True)
        idp = cloud.client("cognito-idp")
        _sign_up(idp, app, "ann", "email", "same@example.com")
        _sign_up(idp, app, "bob", "email", "other@example.com")
        pool._check()
        state = cloud.engine("cognito-idp").pools[pool.id]  # white box: break the invariant
        state.users["bob"].attributes["email"] = "same@example.com"
        with pytest.raises(AssertionError, match="duplicate alias email"):
            pool._check()
        state.users["bob"].attributes["email_verified"] = "false"  # no alias: no conflict
        pool._check()
