"""UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: a changed email or
phone number waits for VerifyUserAttribute while the original stays in effect."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import (
    AliasExistsException,
    CodeMismatchException,
    InvalidParameterException,
    UsernameExistsException,
    UserNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"
KEEP = {"AttributesRequireVerificationBeforeUpdate": ["email", "phone_number"]}


def attrs(**values: str) -> list[dict[str, str]]:
    return [{"Name": k, "Value": v} for k, v in values.items()]


def make(cloud: Cloud, keep: bool = True, **params: Any) -> tuple[UserPool, AppClient, Any]:
    params.setdefault("AliasAttributes", ["email", "phone_number"])
    params.setdefault("AutoVerifiedAttributes", ["email", "phone_number"])
    if keep:
        params["UserAttributeUpdateSettings"] = KEEP
    pool = cloud.cognito.create_user_pool("p", **params)
    return pool, pool.create_client("c", ExplicitAuthFlows=FLOWS), cloud.client("cognito-idp")


def add_user(idp: Any, pool: UserPool, username: str = "ann", **values: str) -> None:
    values = values or {"email": "old@example.com"}
    verified = {f"{k}_verified": "true" for k in values}
    idp.admin_create_user(
        UserPoolId=pool.id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=attrs(**values, **verified),
    )
    idp.admin_set_user_password(
        UserPoolId=pool.id, Username=username, Password=PASSWORD, Permanent=True
    )


def login(idp: Any, app: AppClient, name: str) -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD},
    )
    return out["AuthenticationResult"]


def shown(idp: Any, access: str) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=access)["UserAttributes"]}


@pytest.fixture
def signed_in(cloud: Cloud) -> tuple[UserPool, AppClient, Any, str]:
    pool, app, idp = make(cloud)
    add_user(idp, pool)
    return pool, app, idp, login(idp, app, "ann")["AccessToken"]


class TestPendingUpdate:
    """UpdateUserAttributes on an attribute in AttributesRequireVerificationBeforeUpdate."""

    def test_original_stays_in_effect(self, signed_in: tuple[Any, ...]) -> None:
        """GetUser, sign-in alias and the ID token keep the original; the code goes to the
        new address, which CodeDeliveryDetailsList reports masked."""
        pool, app, idp, access = signed_in
        out = idp.update_user_attributes(
            AccessToken=access, UserAttributes=attrs(email="new@example.com")
        )
        assert out["CodeDeliveryDetailsList"] == [
            {"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
        ]
        assert pool.outbox[-1].recipient == "new@example.com"
        assert shown(idp, access)["email"] == "old@example.com"
        assert shown(idp, access)["email_verified"] == "true"
        tokens = login(idp, app, "old@example.com")
        assert pool.verify(tokens["IdToken"], token_use="id")["email"] == "old@example.com"
        with pytest.raises(UserNotFoundException):
            login(idp, app, "new@example.com")
        assert pool.user("ann").describe().pending == {"email": "new@example.com"}

    def test_verify_promotes_the_new_value(self, signed_in: tuple[Any, ...]) -> None:
        """VerifyUserAttribute with the code makes the new value the verified one."""
        pool, app, idp, access = signed_in
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        code = pool.last_code("new@x.org")
        idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
        assert shown(idp, access)["email"] == "new@x.org"
        assert shown(idp, access)["email_verified"] == "true"
        tokens = login(idp, app, "new@x.org")
        assert pool.verify(tokens["IdToken"], token_use="id")["email"] == "new@x.org"
        with pytest.raises(UserNotFoundException):
            login(idp, app, "old@example.com")
        assert pool.user("ann").describe().pending == {}
        pool._check()

    def test_wrong_code_changes_nothing(self, signed_in: tuple[Any, ...]) -> None:
        """A wrong code is CodeMismatchException; the value stays pending."""
        pool, _, idp, access = signed_in
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        code = pool.last_code("new@x.org")
        with pytest.raises(CodeMismatchException):
            idp.verify_user_attribute(
                AccessToken=access, AttributeName="email", Code="0" if code != "0" else "1"
            )
        assert shown(idp, access)["email"] == "old@example.com"
        assert pool.user("ann").describe().pending == {"email": "new@x.org"}

    def test_resend_goes_to_pending_value(self, signed_in: tuple[Any, ...]) -> None:
        """GetUserAttributeVerificationCode sends to the pending value."""
        pool, _, idp, access = signed_in
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        out = idp.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
        assert out["CodeDeliveryDetails"]["Destination"] == "n***@x***"
        assert pool.outbox[-1].recipient == "new@x.org"

    def test_back_to_original_cancels(self, signed_in: tuple[Any, ...]) -> None:
        """Setting the original value again drops the pending one."""
        pool, _, idp, access = signed_in
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        idp.update_user_attributes(
            AccessToken=access, UserAttributes=attrs(email="old@example.com")
        )
        assert pool.user("ann").describe().pending == {}
        assert shown(idp, access)["email_verified"] == "true"

    def test_phone_number(self, signed_in: tuple[Any, ...]) -> None:
        """phone_number works the same way, by SMS."""
        pool, _, idp, access = signed_in
        idp.admin_update_user_attributes(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=attrs(phone_number="+15555550100", phone_number_verified="true"),
        )
        out = idp.update_user_attributes(
            AccessToken=access, UserAttributes=attrs(phone_number="+15555550199")
        )
        assert out["CodeDeliveryDetailsList"][0]["DeliveryMedium"] == "SMS"
        assert out["CodeDeliveryDetailsList"][0]["Destination"].endswith("0199")
        assert shown(idp, access)["phone_number"] == "+15555550100"
        code = pool.last_code("+15555550199")
        idp.verify_user_attribute(AccessToken=access, AttributeName="phone_number", Code=code)
        assert shown(idp, access)["phone_number"] == "+15555550199"

    def test_verify_conflict_refused(self, signed_in: tuple[Any, ...]) -> None:
        """If another user verified the address meanwhile, verification is AliasExistsException
        and nothing changes."""
        pool, _, idp, access = signed_in
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        code = pool.last_code("new@x.org")
        add_user(idp, pool, "bob", email="new@x.org")
        with pytest.raises(AliasExistsException):
            idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
        assert shown(idp, access)["email"] == "old@example.com"
        assert pool.user("ann").describe().pending == {"email": "new@x.org"}


class TestAdminUpdates:
    """AdminUpdateUserAttributes under the setting."""

    def test_admin_change_is_pending_too(self, signed_in: tuple[Any, ...]) -> None:
        """An admin change without *_verified waits for verification as well."""
        pool, _, idp, access = signed_in
        idp.admin_update_user_attributes(
            UserPoolId=pool.id, Username="ann", UserAttributes=attrs(email="new@x.org")
        )
        assert shown(idp, access)["email"] == "old@example.com"
        assert pool.outbox[-1].recipient == "new@x.org"

    def test_admin_verified_applies_at_once(self, signed_in: tuple[Any, ...]) -> None:
        """email_verified=true in the same request updates at once, with no message."""
        pool, _, idp, access = signed_in
        before = len(pool.outbox)
        idp.admin_update_user_attributes(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=attrs(email="new@x.org", email_verified="true"),
        )
        assert shown(idp, access)["email"] == "new@x.org"
        assert len(pool.outbox) == before and pool.user("ann").describe().pending == {}

    def test_without_setting_updates_at_once(self, cloud: Cloud) -> None:
        """Without the setting the value changes at once and becomes unverified."""
        pool, app, idp = make(cloud, keep=False)
        add_user(idp, pool)
        access = login(idp, app, "ann")["AccessToken"]
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="new@x.org"))
        assert shown(idp, access)["email"] == "new@x.org"
        assert shown(idp, access)["email_verified"] == "false"
        assert pool.user("ann").describe().pending == {}


class TestPoolSetting:
    """CreateUserPool/UpdateUserPool validate and describe the setting."""

    def test_described(self, cloud: Cloud) -> None:
        """DescribeUserPool returns the setting as given."""
        pool, _, idp = make(cloud)
        described = idp.describe_user_pool(UserPoolId=pool.id)["UserPool"]
        assert described["UserAttributeUpdateSettings"] == KEEP

    def test_must_be_auto_verified(self, idp: Any) -> None:
        """An attribute that is not auto-verified is refused with AWS's message."""
        with pytest.raises(InvalidParameterException) as err:
            idp.create_user_pool(
                PoolName="p",
                AutoVerifiedAttributes=["phone_number"],
                UserAttributeUpdateSettings={
                    "AttributesRequireVerificationBeforeUpdate": ["email"]
                },
            )
        assert err.value.message == (
            "All attributes in AttributesRequireVerificationBeforeUpdate must exist in "
            "AutoVerifiedAttributes"
        )
        assert idp.list_user_pools(MaxResults=60)["UserPools"] == []

    def test_only_email_and_phone(self, idp: Any) -> None:
        """Other attribute names fail the enum check."""
        with pytest.raises(InvalidParameterException):
            idp.create_user_pool(
                PoolName="p",
                AutoVerifiedAttributes=["email"],
                UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["name"]},
            )
        assert idp.list_user_pools(MaxResults=60)["UserPools"] == []


class TestEmailAsUsername:
    """UsernameAttributes=["email"]: the original email stays the sign-in name."""

    def _pool(self, cloud: Cloud) -> tuple[UserPool, AppClient, Any]:
        pool = cloud.cognito.create_user_pool(
            "p",
            UsernameAttributes=["email"],
            AutoVerifiedAttributes=["email"],
            UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
        )
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        for email in ("ann@x.org", "bob@x.org"):
            idp.sign_up(
                ClientId=app.client_id,
                Username=email,
                Password=PASSWORD,
                UserAttributes=attrs(email=email),
            )
            idp.admin_confirm_sign_up(UserPoolId=pool.id, Username=email)
        return pool, app, idp

    def test_old_email_signs_in_until_verified(self, cloud: Cloud) -> None:
        """The pending email is no sign-in name yet; after verification it is."""
        pool, app, idp = self._pool(cloud)
        access = login(idp, app, "ann@x.org")["AccessToken"]
        idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="ann@y.org"))
        assert login(idp, app, "ann@x.org")["AccessToken"]
        with pytest.raises(UserNotFoundException):
            login(idp, app, "ann@y.org")
        code = pool.last_code("ann@y.org")
        idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
        assert login(idp, app, "ann@y.org")["AccessToken"]

    def test_taken_email_refused_up_front(self, cloud: Cloud) -> None:
        """Another user's email as the new value is refused; nothing is pending."""
        pool, app, idp = self._pool(cloud)
        access = login(idp, app, "ann@x.org")["AccessToken"]
        before = len(pool.outbox)
        with pytest.raises(UsernameExistsException):
            idp.update_user_attributes(AccessToken=access, UserAttributes=attrs(email="bob@x.org"))
        assert len(pool.outbox) == before
        assert all(u.describe().pending == {} for u in pool.users())
