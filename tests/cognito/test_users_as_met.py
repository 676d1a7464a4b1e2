"""Issue 12, as users meet Cognito: derived keys cached per seed, admin operations by
``sub``, and ``device_key`` in the access tokens of a tracked device."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import _tokens

from .conftest import CHEAP
from .test_devices import login, make, remember, srp


def _claims(token: str) -> dict[str, Any]:
    body = token.split(".")[1]
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return data


class TestDerivedKeysCached:
    def test_same_seed_derives_once_per_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A second Cloud with the same seed signs with cached keys: no prime is searched."""
        searched: list[int] = []
        real = _tokens._prime

        def counting(bits: int, rng: Any) -> int:
            searched.append(bits)
            return real(bits, rng)

        monkeypatch.setattr(_tokens, "_prime", counting)
        seed = 987654321

        def jwks() -> Any:
            cloud = Cloud(clock=ManualClock(), seed=seed, limits=CHEAP)
            return cloud.cognito.create_user_pool("p").jwks()

        first = jwks()
        assert searched  # the first Cloud of this seed derives
        searched.clear()
        assert jwks() == first
        assert searched == []

    def test_cache_is_bounded(self) -> None:
        """The cache of derived keys has a bound."""
        assert _tokens._derived_key.cache_info().maxsize is not None


class TestAdminBySub:
    def test_admin_get_user_by_sub(self, idp: Any, pool: Any, make_user: Any) -> None:
        """AdminGetUser takes the user's sub as Username, and answers with the username."""
        make_user("ann")
        sub = pool.user("ann").describe().sub
        out = idp.admin_get_user(UserPoolId=pool.id, Username=sub)
        assert out["Username"] == "ann"

    def test_other_admin_operations(self, idp: Any, pool: Any, make_user: Any) -> None:
        """Groups, attributes, disabling and deleting take the sub too."""
        make_user("ann")
        sub = pool.user("ann").describe().sub
        idp.create_group(UserPoolId=pool.id, GroupName="g")
        idp.admin_add_user_to_group(UserPoolId=pool.id, Username=sub, GroupName="g")
        groups = idp.admin_list_groups_for_user(UserPoolId=pool.id, Username=sub)["Groups"]
        assert [g["GroupName"] for g in groups] == ["g"]
        idp.admin_update_user_attributes(
            UserPoolId=pool.id, Username=sub, UserAttributes=[{"Name": "name", "Value": "Ann"}]
        )
        idp.admin_disable_user(UserPoolId=pool.id, Username=sub)
        assert pool.user("ann").describe().attributes["name"] == "Ann"
        assert not pool.user("ann").enabled
        idp.admin_delete_user(UserPoolId=pool.id, Username=sub)
        assert pool.users() == []

    def test_unknown_sub(self, idp: Any, pool: Any, make_user: Any) -> None:
        """A sub that is nobody's: UserNotFoundException."""
        make_user("ann")
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=pool.id, Username="00000000-0000-4000-8000-000000000000")

    def test_sign_in_does_not_take_the_sub(
        self, idp: Any, pool: Any, make_user: Any, login: Any
    ) -> None:
        """Only admin operations look users up by sub."""
        make_user("ann")
        sub = pool.user("ann").describe().sub
        with pytest.raises(idp.exceptions.UserNotFoundException):
            login(sub)


class TestDeviceKeyClaim:
    def test_new_device(self, cloud: Cloud) -> None:
        """A sign-in that makes a new device key carries it in the access token only."""
        _, app, idp = make(cloud)
        result = login(idp, app)
        key = result["NewDeviceMetadata"]["DeviceKey"]
        assert _claims(result["AccessToken"])["device_key"] == key
        assert "device_key" not in _claims(result["IdToken"])

    def test_remembered_device_and_refresh(self, cloud: Cloud) -> None:
        """A sign-in from a remembered device, and a refresh of it, carry its key."""
        pool, app, idp = make(cloud)
        key, group, pw, _ = remember(idp, login(idp, app))
        tokens = srp(pool, app, idp, key, group, pw).authenticate_user()["AuthenticationResult"]
        assert "NewDeviceMetadata" not in tokens
        assert _claims(tokens["AccessToken"])["device_key"] == key
        refreshed = idp.initiate_auth(
            ClientId=app.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"], "DEVICE_KEY": key},
        )["AuthenticationResult"]
        assert _claims(refreshed["AccessToken"])["device_key"] == key

    def test_no_tracking_no_claim(self, idp: Any, make_user: Any, login: Any) -> None:
        """Without device tracking, access tokens carry no device_key."""
        make_user("ann")
        assert "device_key" not in _claims(login()["AuthenticationResult"]["AccessToken"])

    def test_failed_token_generation_keeps_no_device(self, cloud: Cloud) -> None:
        """A sign-in whose PreTokenGeneration fails leaves no device behind."""
        pool, app, idp = make(cloud)

        def fail(event: dict[str, Any]) -> None:
            raise ValueError("no")

        pool.set_trigger("PreTokenGeneration", fail)
        with pytest.raises(idp.exceptions.UserLambdaValidationException):
            login(idp, app)
        assert cloud.engine("cognito-idp").pools[pool.id].users["ann"].devices == {}
