"""Remembered devices: NewDeviceMetadata at sign-in, ConfirmDevice, the device registry
operations, and the DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER challenges (aws-facts D3;
COG: amazon-cognito-user-pools-device-tracking).

Device tracking is on when the pool has a ``DeviceConfiguration`` with any property. A
sign-in that presents no known ``DEVICE_KEY`` gets ``NewDeviceMetadata`` (a device key and
the user's device group key); ConfirmDevice stores the device's SRP verifier, made by the
SDK from ``DeviceGroupKey + DeviceKey + ":" + random password``. A later sign-in that
presents a remembered device's key proves the device with SRP after the password step.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as m
from ._errors import InvalidParameterException, NotAuthorizedException, ResourceNotFoundException
from ._flow import Flow, Response, challenge, mfa_or_success, purge, success
from ._pool import SrpState, UserPool, find_pool
from ._srp import SrpServer, Verifier, pad_hex, valid_timestamp
from ._users import User, check_secret_hash, find_user, get_user, now_dt, require

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

__all__ = ["Device", "device_challenge", "is_new_device", "new_device_metadata", "tracking"]

Params = Mapping[str, Any]
_STATUSES = ("remembered", "not_remembered")


@attrs.define(eq=False)
class Device:
    """One device a user signed in from: its key, name, SRP verifier and remembered status."""

    key: str
    created: datetime
    modified: datetime
    name: str | None = None
    verifier: Verifier | None = attrs.field(default=None, repr=False)
    remembered: bool = False
    last_authenticated: datetime | None = None

    def device_type(self) -> dict[str, Any]:
        """The device as ``DeviceType``."""
        attributes = [{"Name": "device_status", "Value": "valid"}]
        if self.name is not None:
            attributes.append({"Name": "device_name", "Value": self.name})
        status = "remembered" if self.remembered else "not_remembered"
        attributes.append({"Name": "dev:device_remembered_status", "Value": status})
        out: dict[str, Any] = {
            "DeviceKey": self.key,
            "DeviceAttributes": attributes,
            "DeviceCreateDate": self.created,
            "DeviceLastModifiedDate": self.modified,
        }
        if self.last_authenticated is not None:
            out["DeviceLastAuthenticatedDate"] = self.last_authenticated
        return out


def tracking(pool: UserPool) -> bool:
    """Whether the pool remembers devices (any DeviceConfiguration property is set)."""
    return bool(pool.config.get("DeviceConfiguration"))


def _confirmed(user: User, key: Any) -> Device | None:
    device = user.devices.get(key) if isinstance(key, str) else None
    return device if device is not None and device.verifier is not None else None


def is_new_device(f: Flow, user: User) -> bool:
    """Whether this sign-in is from a device the pool does not know (and it tracks devices):
    PostAuthentication's ``newDeviceUsed``."""
    return tracking(f.pool) and _confirmed(user, f.device_key) is None


def new_device_metadata(f: Flow, user: User) -> dict[str, str] | None:
    """A new device key for a sign-in without a known device, if the pool tracks devices."""
    if not is_new_device(f, user):
        return None
    ids = f.engine.cloud.ids
    if user.device_group_key is None:
        user.device_group_key = "-" + ids.alnum(9)
    key = f"{f.pool.region}_{ids.uuid()}"
    stamp = now_dt(f.engine)
    user.devices[key] = Device(key, stamp, stamp)
    return {"DeviceKey": key, "DeviceGroupKey": user.device_group_key}


# -- DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER ----------------------------------------------------
def device_challenge(f: Flow, user: User, flow: str) -> Response | None:
    """After the password: a DEVICE_SRP_AUTH challenge if a remembered device was presented."""
    device = _confirmed(user, f.device_key)
    if not tracking(f.pool) or device is None or not device.remembered:
        return None
    session = f.new_session(user, "DEVICE_SRP_AUTH", flow, device_key=device.key)
    return challenge("DEVICE_SRP_AUTH", session, {})


def device_srp(f: Flow, responses: Mapping[str, Any], token: Any) -> Response:
    """DEVICE_SRP_AUTH: the device's ``SRP_A``; answers with the device's salt and ``B``.

    The ``Session`` of the challenge may be left out (as pycognito does): the open device
    challenge of that user and device is found by ``USERNAME`` and ``DEVICE_KEY``.
    """
    require(responses, "USERNAME", "DEVICE_KEY", "SRP_A")
    pool, client = f.pool, f.client
    user = find_user(pool, responses["USERNAME"])
    device = _confirmed(user, responses["DEVICE_KEY"]) if user is not None else None
    if user is None or device is None or device.verifier is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_secret_hash(client, responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
    stamp = f.now()
    purge(pool, stamp)
    open_ = [
        t
        for t, s in pool.sessions.items()
        if s.challenge == "DEVICE_SRP_AUTH"
        and s.username == user.username
        and s.device_key == device.key
        and s.client_id == client.client_id
        and (token is None or t == token)
    ]
    if not open_:
        raise NotAuthorizedException(m.INVALID_SESSION)
    try:
        big_a = int(responses["SRP_A"], 16)
    except (TypeError, ValueError):
        raise InvalidParameterException("SRP_A must be a hex number.") from None
    ids = f.engine.cloud.ids
    server = SrpServer(device.verifier, b=ids.bits(256))
    key = server.session_key(big_a)
    if key is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    for t in open_:
        del pool.sessions[t]
    block = base64.b64encode(ids.token_bytes(64)).decode()
    pool.srp_states[block] = SrpState(
        user.username, client.client_id, key, stamp + f.session_seconds(), device_key=device.key
    )
    return challenge(
        "DEVICE_PASSWORD_VERIFIER",
        None,
        {
            "SALT": device.verifier.salt,
            "SRP_B": f"{server.big_b:x}",
            "SECRET_BLOCK": block,
            "USERNAME": user.username,
            "DEVICE_KEY": device.key,
        },
    )


def device_password_verifier(f: Flow, responses: Mapping[str, Any]) -> Response:
    """DEVICE_PASSWORD_VERIFIER: the device's proof; then MFA (unless the pool lets a
    remembered device stand for it) or the tokens."""
    require(
        responses,
        "USERNAME",
        "DEVICE_KEY",
        "PASSWORD_CLAIM_SIGNATURE",
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "TIMESTAMP",
    )
    pool, client = f.pool, f.client
    block = responses["PASSWORD_CLAIM_SECRET_BLOCK"]
    state = pool.srp_states.pop(block, None) if isinstance(block, str) else None
    if state is None or state.client_id != client.client_id or state.device_key is None:
        raise NotAuthorizedException(m.INVALID_SESSION)
    stamp = f.now()
    if stamp >= state.expires:
        raise NotAuthorizedException(m.SESSION_EXPIRED)
    user = find_user(pool, responses["USERNAME"])
    if user is None or user.username != state.username or user.device_group_key is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_secret_hash(client, responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
    device = _confirmed(user, responses["DEVICE_KEY"])
    timestamp, given = responses["TIMESTAMP"], responses["PASSWORD_CLAIM_SIGNATURE"]
    msg = (
        user.device_group_key.encode()
        + state.device_key.encode()
        + base64.b64decode(block)
        + str(timestamp).encode()
    )
    expected = base64.b64encode(hmac.new(state.key, msg, "sha256").digest()).decode()
    if (
        device is None
        or device.key != state.device_key
        or not isinstance(timestamp, str)
        or not valid_timestamp(timestamp)
        or not isinstance(given, str)
        or not hmac.compare_digest(expected, given)
    ):
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    device.last_authenticated = now_dt(f.engine)
    settings = pool.config.get("DeviceConfiguration") or {}
    if settings.get("ChallengeRequiredOnNewDevice"):
        return success(f, user)  # the remembered device stands in for MFA
    return mfa_or_success(f, user, "USER_SRP_AUTH")


# -- the registry operations ----------------------------------------------------------------------
def _token_device(
    engine: CognitoIdentityProvider, params: Params, *names: str
) -> tuple[UserPool, User, Device]:
    from ._user_ops import user_from_access_token

    require(params, "AccessToken", "DeviceKey", *names)
    pool, user = user_from_access_token(engine, params["AccessToken"])
    return pool, user, _device(user, params["DeviceKey"])


def _admin_device(
    engine: CognitoIdentityProvider, params: Params, *names: str
) -> tuple[UserPool, User, Device]:
    require(params, "UserPoolId", "Username", "DeviceKey", *names)
    pool = find_pool(engine, params["UserPoolId"])
    user = get_user(pool, params["Username"])
    return pool, user, _device(user, params["DeviceKey"])


def _device(user: User, key: Any) -> Device:
    device = _confirmed(user, key)
    if device is None:
        raise ResourceNotFoundException(m.DEVICE_NOT_FOUND)
    return device


def confirm_device(engine: CognitoIdentityProvider, params: Params) -> Response:
    """ConfirmDevice: keep the device's SRP verifier; remembered unless the pool prompts."""
    from ._user_ops import user_from_access_token

    require(params, "AccessToken", "DeviceKey")
    pool, user = user_from_access_token(engine, params["AccessToken"])
    key = params["DeviceKey"]
    device = user.devices.get(key) if isinstance(key, str) else None
    if device is None:
        raise ResourceNotFoundException(m.DEVICE_NOT_FOUND)
    config = params.get("DeviceSecretVerifierConfig") or {}
    try:
        salt = base64.b64decode(config["Salt"], validate=True).hex()
        value = int.from_bytes(base64.b64decode(config["PasswordVerifier"], validate=True), "big")
    except (KeyError, TypeError, ValueError):
        raise InvalidParameterException(m.DEVICE_VERIFIER_INVALID) from None
    if not salt or not value:
        raise InvalidParameterException(m.DEVICE_VERIFIER_INVALID)
    prompt = bool(
        (pool.config.get("DeviceConfiguration") or {}).get("DeviceOnlyRememberedOnUserPrompt")
    )
    device.verifier = Verifier(pad_hex(salt), value)
    device.name = params.get("DeviceName") or device.name
    device.remembered = not prompt
    device.modified = now_dt(engine)
    return {"UserConfirmationNecessary": prompt}


def get_device(engine: CognitoIdentityProvider, params: Params) -> Response:
    return {"Device": _token_device(engine, params)[2].device_type()}


def admin_get_device(engine: CognitoIdentityProvider, params: Params) -> Response:
    return {"Device": _admin_device(engine, params)[2].device_type()}


def _list(engine: CognitoIdentityProvider, user: User, params: Params) -> Response:
    from ._engine import listing

    devices = [d for d in user.devices.values() if d.verifier is not None]
    return listing(
        "Devices",
        devices,
        Device.device_type,
        params,
        "Limit",
        engine.limits.max_list_devices,
        token_key="PaginationToken",
    )


def list_devices(engine: CognitoIdentityProvider, params: Params) -> Response:
    from ._user_ops import user_from_access_token

    require(params, "AccessToken")
    return _list(engine, user_from_access_token(engine, params["AccessToken"])[1], params)


def admin_list_devices(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "Username")
    pool = find_pool(engine, params["UserPoolId"])
    return _list(engine, get_user(pool, params["Username"]), params)


def forget_device(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user, device = _token_device(engine, params)
    del user.devices[device.key]
    return {}


def admin_forget_device(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, user, device = _admin_device(engine, params)
    del user.devices[device.key]
    return {}


def _set_status(engine: CognitoIdentityProvider, device: Device, status: Any) -> Response:
    if status is not None and status not in _STATUSES:
        raise InvalidParameterException(
            m.ENUM_VALUE.format(
                value=status, field="deviceRememberedStatus", allowed=list(_STATUSES)
            )
        )
    device.remembered = status == "remembered"
    device.modified = now_dt(engine)
    return {}


def update_device_status(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, _, device = _token_device(engine, params)
    return _set_status(engine, device, params.get("DeviceRememberedStatus"))


def admin_update_device_status(engine: CognitoIdentityProvider, params: Params) -> Response:
    _, _, device = _admin_device(engine, params)
    return _set_status(engine, device, params.get("DeviceRememberedStatus"))
