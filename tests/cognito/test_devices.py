"""Remembered devices: NewDeviceMetadata, ConfirmDevice and the registry operations, and
device SRP (DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER) with pycognito's AWSSRP as oracle."""

from __future__ import annotations

from typing import Any

import pytest
from pycognito.aws_srp import AWSSRP, generate_hash_device

from pyserverless import Cloud
from pyserverless.cognito import AppClient, UserPool
from pyserverless.cognito._errors import (
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
)
from pyserverless.cognito._settings import ALL_FLOWS as FLOWS

PASSWORD = "Passw0rd!"


def make(
    cloud: Cloud, *, required: bool = True, prompt: bool = False, **params: Any
) -> tuple[UserPool, AppClient, Any]:
    config = {"ChallengeRequiredOnNewDevice": required, "DeviceOnlyRememberedOnUserPrompt": prompt}
    pool = cloud.cognito.create_user_pool("p", DeviceConfiguration=config, **params)
    app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
    idp = cloud.client("cognito-idp")
    idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ann")
    return pool, app, idp


def login(idp: Any, app: AppClient) -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )
    return out["AuthenticationResult"]


def remember(idp: Any, result: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
    """ConfirmDevice as an SDK does; returns key, group key, device password, response."""
    meta = result["NewDeviceMetadata"]
    password, config = generate_hash_device(meta["DeviceGroupKey"], meta["DeviceKey"])
    out = idp.confirm_device(
        AccessToken=result["AccessToken"],
        DeviceKey=meta["DeviceKey"],
        DeviceSecretVerifierConfig=config,
        DeviceName="phone",
    )
    return meta["DeviceKey"], meta["DeviceGroupKey"], password, out


def srp(pool: UserPool, app: AppClient, idp: Any, key: str, group: str, pw: str) -> AWSSRP:
    return AWSSRP(
        username="ann",
        password=PASSWORD,
        pool_id=pool.id,
        client_id=app.client_id,
        client=idp,
        device_key=key,
        device_group_key=group,
        device_password=pw,
    )


class TestNewDeviceMetadata:
    """AuthenticationResult.NewDeviceMetadata."""

    def test_issued_when_tracking(self, cloud: Cloud) -> None:
        """A pool with DeviceConfiguration hands out a device key and the group key."""
        pool, app, idp = make(cloud)
        first, second = login(idp, app), login(idp, app)
        meta = first["NewDeviceMetadata"]
        assert meta["DeviceKey"].startswith(f"{pool.region}_")
        assert meta["DeviceGroupKey"] == second["NewDeviceMetadata"]["DeviceGroupKey"]
        assert meta["DeviceKey"] != second["NewDeviceMetadata"]["DeviceKey"]

    def test_post_authentication_told_new_device(self, cloud: Cloud) -> None:
        """PostAuthentication's newDeviceUsed is true for a new device, false for a known one."""
        pool, app, idp = make(cloud)
        seen: list[bool] = []

        def post(event: dict[str, Any], context: Any) -> dict[str, Any]:
            seen.append(event["request"]["newDeviceUsed"])
            return event

        pool.set_trigger("PostAuthentication", post)
        key, group, pw, _ = remember(idp, login(idp, app))
        srp(pool, app, idp, key, group, pw).authenticate_user()
        assert seen == [True, False]

    def test_not_issued_without_tracking(self, cloud: Cloud) -> None:
        """Without DeviceConfiguration there is no NewDeviceMetadata."""
        pool = cloud.cognito.create_user_pool("p")
        app = pool.create_client("c", ExplicitAuthFlows=FLOWS)
        idp = cloud.client("cognito-idp")
        idp.sign_up(ClientId=app.client_id, Username="ann", Password=PASSWORD)
        idp.admin_confirm_sign_up(UserPoolId=pool.id, Username="ann")
        assert "NewDeviceMetadata" not in login(idp, app)


class TestConfirmAndRegistry:
    """ConfirmDevice, Get/List/Forget/UpdateDeviceStatus and the Admin twins."""

    def test_confirm_then_get_and_list(self, cloud: Cloud) -> None:
        """A confirmed device is remembered at once and listed with its attributes."""
        pool, app, idp = make(cloud)
        result = login(idp, app)
        key, _, _, out = remember(idp, result)
        assert out["UserConfirmationNecessary"] is False
        device = idp.get_device(AccessToken=result["AccessToken"], DeviceKey=key)["Device"]
        assert device["DeviceKey"] == key
        assert {a["Name"]: a["Value"] for a in device["DeviceAttributes"]} == {
            "device_status": "valid",
            "device_name": "phone",
            "dev:device_remembered_status": "remembered",
        }
        listed = idp.list_devices(AccessToken=result["AccessToken"])["Devices"]
        assert [d["DeviceKey"] for d in listed] == [key]
        admin = idp.admin_list_devices(UserPoolId=pool.id, Username="ann")["Devices"]
        assert [d["DeviceKey"] for d in admin] == [key]
        got = idp.admin_get_device(UserPoolId=pool.id, Username="ann", DeviceKey=key)
        assert got["Device"]["DeviceKey"] == key

    def test_prompt_leaves_device_unremembered(self, cloud: Cloud) -> None:
        """DeviceOnlyRememberedOnUserPrompt: confirmation is necessary; UpdateDeviceStatus
        remembers it."""
        _, app, idp = make(cloud, prompt=True)
        result = login(idp, app)
        key, _, _, out = remember(idp, result)
        assert out["UserConfirmationNecessary"] is True
        access = result["AccessToken"]

        def status() -> str:
            attrs = idp.get_device(AccessToken=access, DeviceKey=key)["Device"]["DeviceAttributes"]
            return {a["Name"]: a["Value"] for a in attrs}["dev:device_remembered_status"]

        assert status() == "not_remembered"
        idp.update_device_status(
            AccessToken=access, DeviceKey=key, DeviceRememberedStatus="remembered"
        )
        assert status() == "remembered"
        with pytest.raises(InvalidParameterException):
            idp.update_device_status(
                AccessToken=access, DeviceKey=key, DeviceRememberedStatus="maybe"
            )
        assert status() == "remembered"

    def test_forget(self, cloud: Cloud) -> None:
        """ForgetDevice and AdminForgetDevice remove the device; then it is not found."""
        pool, app, idp = make(cloud)
        first, second = login(idp, app), login(idp, app)
        one = remember(idp, first)[0]
        two = remember(idp, second)[0]
        idp.forget_device(AccessToken=first["AccessToken"], DeviceKey=one)
        idp.admin_forget_device(UserPoolId=pool.id, Username="ann", DeviceKey=two)
        assert idp.list_devices(AccessToken=first["AccessToken"])["Devices"] == []
        with pytest.raises(ResourceNotFoundException):
            idp.get_device(AccessToken=first["AccessToken"], DeviceKey=one)

    def test_unknown_key_and_bad_limit(self, cloud: Cloud) -> None:
        """An unknown key is ResourceNotFoundException; Limit above 60 is refused."""
        _, app, idp = make(cloud)
        access = login(idp, app)["AccessToken"]
        with pytest.raises(ResourceNotFoundException):
            idp.get_device(AccessToken=access, DeviceKey="us-east-1_nope")
        with pytest.raises(ResourceNotFoundException):
            idp.confirm_device(
                AccessToken=access,
                DeviceKey="us-east-1_nope",
                DeviceSecretVerifierConfig={"PasswordVerifier": "AQ==", "Salt": "AQ=="},
            )
        with pytest.raises(InvalidParameterException):
            idp.list_devices(AccessToken=access, Limit=61)

    def test_pagination(self, cloud: Cloud) -> None:
        """ListDevices pages with Limit and PaginationToken."""
        _, app, idp = make(cloud)
        results = [login(idp, app) for _ in range(3)]
        keys = {remember(idp, r)[0] for r in results}
        access = results[0]["AccessToken"]
        page = idp.list_devices(AccessToken=access, Limit=2)
        rest = idp.list_devices(
            AccessToken=access, Limit=2, PaginationToken=page["PaginationToken"]
        )
        assert {d["DeviceKey"] for d in page["Devices"] + rest["Devices"]} == keys
        assert "PaginationToken" not in rest


class TestDeviceSrp:
    """A remembered device proves itself with SRP after the password (pycognito)."""

    def test_pycognito_device_login(self, cloud: Cloud) -> None:
        """AWSSRP with the device key, group key and password signs in through
        DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER; no new device is issued."""
        pool, app, idp = make(cloud)
        key, group, pw, _ = remember(idp, login(idp, app))
        tokens = srp(pool, app, idp, key, group, pw).authenticate_user()
        result = tokens["AuthenticationResult"]
        assert pool.verify(result["AccessToken"], token_use="access")["username"] == "ann"
        assert "NewDeviceMetadata" not in result
        device = idp.admin_get_device(UserPoolId=pool.id, Username="ann", DeviceKey=key)
        assert "DeviceLastAuthenticatedDate" in device["Device"]

    def test_wrong_device_password(self, cloud: Cloud) -> None:
        """A wrong device password's proof is rejected."""
        pool, app, idp = make(cloud)
        key, group, _, _ = remember(idp, login(idp, app))
        with pytest.raises(NotAuthorizedException) as err:
            srp(pool, app, idp, key, group, "not-the-device-password").authenticate_user()
        assert err.value.message == "Incorrect username or password."

    def test_device_step_needs_the_password_step(self, cloud: Cloud) -> None:
        """DEVICE_SRP_AUTH without a preceding password step is refused."""
        pool, app, idp = make(cloud)
        key, _, _, _ = remember(idp, login(idp, app))
        with pytest.raises(NotAuthorizedException):
            idp.respond_to_auth_challenge(
                ClientId=app.client_id,
                ChallengeName="DEVICE_SRP_AUTH",
                ChallengeResponses={"USERNAME": "ann", "DEVICE_KEY": key, "SRP_A": "abc123"},
            )
        assert pool.engine.pools[pool.id].srp_states == {}

    def test_unremembered_device_skips_device_srp(self, cloud: Cloud) -> None:
        """A confirmed but not remembered device signs in without the device challenge."""
        pool, app, idp = make(cloud, prompt=True)
        key, group, pw, _ = remember(idp, login(idp, app))
        tokens = srp(pool, app, idp, key, group, pw).authenticate_user()
        assert "AccessToken" in tokens["AuthenticationResult"]

    @pytest.mark.parametrize("required", [True, False])
    def test_device_stands_in_for_mfa(self, cloud: Cloud, required: bool) -> None:
        """ChallengeRequiredOnNewDevice=true: a remembered device replaces SMS MFA;
        false: SMS_MFA is still asked after the device proof."""
        pool, app, idp = make(
            cloud,
            required=required,
            MfaConfiguration="OPTIONAL",
            SmsConfiguration={"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"},
        )
        idp.admin_update_user_attributes(
            UserPoolId=pool.id,
            Username="ann",
            UserAttributes=[
                {"Name": "phone_number", "Value": "+15555550100"},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        )
        idp.admin_set_user_mfa_preference(
            UserPoolId=pool.id,
            Username="ann",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        challenge = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        )
        first = idp.respond_to_auth_challenge(
            ClientId=app.client_id,
            ChallengeName="SMS_MFA",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ann", "SMS_MFA_CODE": pool.last_code()},
        )
        key, group, pw, _ = remember(idp, first["AuthenticationResult"])
        out = srp(pool, app, idp, key, group, pw).authenticate_user()
        if required:
            assert "AccessToken" in out["AuthenticationResult"]
        else:
            assert out["ChallengeName"] == "SMS_MFA"
