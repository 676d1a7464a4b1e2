"""Authentication: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and its admin twin.

Flows: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH (and legacy ADMIN_NO_SRP_AUTH),
USER_SRP_AUTH, REFRESH_TOKEN_AUTH (and REFRESH_TOKEN), CUSTOM_AUTH. Challenges:
PASSWORD_VERIFIER here, the others in ``_challenges`` (aws-facts D3).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as m
from ._challenges import answer_challenge, custom_next
from ._devices import device_password_verifier, device_srp
from ._errors import InvalidParameterException, NotAuthorizedException
from ._flow import Flow, Response, after_password, challenge, find_session, purge
from ._issue import issue_tokens
from ._pool import AppClient, SrpState, find_pool
from ._srp import G, N, SrpServer, Verifier, claim_signature, pad_hex, valid_timestamp
from ._triggers import fire
from ._users import (
    User,
    check_secret_hash,
    find_client,
    find_user,
    hides_users,
    password_matches,
    pool_client,
    require,
    user_named,
    user_not_found,
)

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

__all__ = [
    "admin_initiate_auth",
    "admin_respond_to_auth_challenge",
    "find_session",
    "initiate_auth",
    "issue_tokens",
    "respond_to_auth_challenge",
]

Params = Mapping[str, Any]

#: AuthFlow -> the ExplicitAuthFlows values that allow it (new ALLOW_* and legacy names).
_ALLOWED_BY = {
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
    "ADMIN_USER_PASSWORD_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "ADMIN_NO_SRP_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "USER_SRP_AUTH": ("ALLOW_USER_SRP_AUTH",),
    "CUSTOM_AUTH": ("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"),
    "REFRESH_TOKEN_AUTH": ("ALLOW_REFRESH_TOKEN_AUTH",),
    "REFRESH_TOKEN": ("ALLOW_REFRESH_TOKEN_AUTH",),
}
_BOTH_FLOWS = {"USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"}
_USER_FLOWS = _BOTH_FLOWS | {"USER_PASSWORD_AUTH"}
_ADMIN_FLOWS = _BOTH_FLOWS | {"ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"}


# -- entry points ---------------------------------------------------------------------------------
def initiate_auth(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "AuthFlow", "ClientId")
    pool, client = find_client(engine, params["ClientId"])
    return _initiate(Flow(engine, pool, client, _metadata(params)), params, admin=False)


def admin_initiate_auth(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "AuthFlow")
    pool = find_pool(engine, params["UserPoolId"])
    client = pool_client(pool, params["ClientId"])
    return _initiate(Flow(engine, pool, client, _metadata(params)), params, admin=True)


def respond_to_auth_challenge(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "ClientId", "ChallengeName")
    pool, client = find_client(engine, params["ClientId"])
    return _respond(Flow(engine, pool, client, _metadata(params)), params)


def admin_respond_to_auth_challenge(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "ChallengeName")
    pool = find_pool(engine, params["UserPoolId"])
    client = pool_client(pool, params["ClientId"])
    return _respond(Flow(engine, pool, client, _metadata(params)), params)


def _metadata(params: Params) -> dict[str, str]:
    return dict(params.get("ClientMetadata") or {})


def _device_key(values: Mapping[str, Any]) -> str | None:
    key = values.get("DEVICE_KEY")
    return key if isinstance(key, str) and key else None


def _check_flow(client: AppClient, flow: str) -> None:
    allowed = client.config.get("ExplicitAuthFlows") or []
    if not any(name in allowed for name in _ALLOWED_BY[flow]):
        raise InvalidParameterException(m.FLOW_NOT_ENABLED.format(flow=flow))


def _initiate(f: Flow, params: Params, *, admin: bool) -> Response:
    flow = params["AuthFlow"]
    if flow not in (_ADMIN_FLOWS if admin else _USER_FLOWS):
        known = _ADMIN_FLOWS | _USER_FLOWS | {"USER_AUTH"}
        if flow in known:
            raise InvalidParameterException(m.AUTH_METHOD_NOT_SUPPORTED)
        raise InvalidParameterException(
            m.ENUM_VALUE.format(value=flow, field="authFlow", allowed=sorted(known))
        )
    _check_flow(f.client, flow)
    auth = dict(params.get("AuthParameters") or {})
    f = attrs.evolve(f, device_key=_device_key(auth))
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return _refresh(f, auth)
    require(auth, "USERNAME")
    username = auth["USERNAME"]
    user = find_user(f.pool, username)
    check_secret_hash(
        f.client, username, auth.get("SECRET_HASH"), *([user.username] if user else [])
    )
    if user is None:
        if hides_users(f.client) and flow == "CUSTOM_AUTH":
            # The challenge triggers run, told userNotFound; the flow fails at its end.
            return custom_next(f, None, (), name=str(username))
        if hides_users(f.client):
            # Pre authentication still runs, told so (COG: user-pool-lambda-pre-authentication).
            _pre_authentication(f, str(username), {}, found=False)
            if flow == "USER_SRP_AUTH":
                return _srp_start(f, None, str(username), auth)
        raise user_not_found(f.client)
    if flow == "CUSTOM_AUTH":
        return custom_next(f, user, ())
    _pre_authentication(f, user.username, user.attributes, found=True)
    stamp = f.now()
    user.password_lockout.check(stamp, f.engine.limits)
    if flow == "USER_SRP_AUTH":
        return _srp_start(f, user, user.username, auth)
    require(auth, "PASSWORD")
    if not password_matches(user, auth["PASSWORD"]):
        user.password_lockout.fail(stamp, f.engine.limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    return after_password(f, user, flow)


def _pre_authentication(
    f: Flow, username: str, attributes: Mapping[str, str], *, found: bool
) -> None:
    """The pre authentication trigger; its validationData is the call's ClientMetadata."""
    fire(
        f.pool,
        "PreAuthentication",
        "PreAuthentication_Authentication",
        username,
        f.client.client_id,
        {
            "userAttributes": dict(attributes),
            "validationData": dict(f.metadata),
            "userNotFound": not found,
        },
    )


def _respond(f: Flow, params: Params) -> Response:
    name = params["ChallengeName"]
    responses = dict(params.get("ChallengeResponses") or {})
    f = attrs.evolve(f, device_key=_device_key(responses))
    if name == "PASSWORD_VERIFIER":
        return _password_verifier(f, responses)
    if name == "DEVICE_SRP_AUTH":
        return device_srp(f, responses, params.get("Session"))
    if name == "DEVICE_PASSWORD_VERIFIER":
        return device_password_verifier(f, responses)
    return answer_challenge(f, name, params.get("Session"), responses)


# -- SRP ------------------------------------------------------------------------------------------
def _decoy_verifier(f: Flow, username: str) -> tuple[Verifier, str]:
    """A stable, secret-keyed verifier and user id for a user who does not exist.

    With PreventUserExistenceErrors=ENABLED, USER_SRP_AUTH answers an unknown username with
    a PASSWORD_VERIFIER challenge like any other (COG: cognito-user-pool-managing-errors);
    the same name always gets the same SALT (as a real user's would), and no one without
    the pool's secret can tell it from a real one.
    """
    pool = f.pool
    if pool.decoy_secret is None:
        pool.decoy_secret = f.engine.cloud.ids.token_bytes(32)
    digest = hmac.new(pool.decoy_secret, username.encode(), hashlib.sha256).digest()
    salt = pad_hex(int.from_bytes(digest[:16], "big"))
    value = pow(G, int.from_bytes(digest[16:], "big"), N)
    user_id = username
    if pool.config.get("UsernameAttributes"):  # real user ids are then subs (UUIDs)
        h = digest.hex()
        user_id = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"
    return Verifier(salt, value), user_id


def _srp_start(f: Flow, user: User | None, user_id: str, auth: Mapping[str, Any]) -> Response:
    require(auth, "SRP_A")
    try:
        big_a = int(auth["SRP_A"], 16)
    except (TypeError, ValueError):
        raise InvalidParameterException("SRP_A must be a hex number.") from None
    if user is None:
        verifier, user_id = _decoy_verifier(f, user_id)
    elif user.verifier is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    else:
        verifier = user.verifier
    ids = f.engine.cloud.ids
    server = SrpServer(verifier, b=ids.bits(256))
    key = server.session_key(big_a)
    if key is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    stamp = f.now()
    purge(f.pool, stamp)
    block = base64.b64encode(ids.token_bytes(64)).decode()
    f.pool.srp_states[block] = SrpState(
        user_id, f.client.client_id, key, stamp + f.session_seconds()
    )
    return challenge(
        "PASSWORD_VERIFIER",
        None,
        {
            "SALT": verifier.salt,
            "SECRET_BLOCK": block,
            "SRP_B": f"{server.big_b:x}",
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    )


def _password_verifier(f: Flow, responses: Mapping[str, Any]) -> Response:
    require(
        responses,
        "PASSWORD_CLAIM_SIGNATURE",
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "TIMESTAMP",
        "USERNAME",
    )
    pool, client, limits = f.pool, f.client, f.engine.limits
    block = responses["PASSWORD_CLAIM_SECRET_BLOCK"]
    state = pool.srp_states.pop(block, None) if isinstance(block, str) else None
    if state is None or state.client_id != client.client_id:
        raise NotAuthorizedException(m.INVALID_SESSION)
    stamp = f.now()
    if stamp >= state.expires:
        raise NotAuthorizedException(m.SESSION_EXPIRED)
    user = find_user(pool, responses["USERNAME"])
    if user is None or user.username != state.username:  # a decoy ends here
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_secret_hash(client, responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
    user.password_lockout.check(stamp, limits)
    timestamp = responses["TIMESTAMP"]
    given = responses["PASSWORD_CLAIM_SIGNATURE"]
    try:
        secret_block = base64.b64decode(block, validate=True)
    except ValueError:
        secret_block = None
    ok = (
        secret_block is not None
        and isinstance(timestamp, str)
        and valid_timestamp(timestamp)
        and isinstance(given, str)
        and hmac.compare_digest(
            claim_signature(state.key, pool.suffix, user.username, secret_block, timestamp), given
        )
    )
    if not ok:
        user.password_lockout.fail(stamp, limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    return after_password(f, user, "USER_SRP_AUTH")


# -- refresh --------------------------------------------------------------------------------------
def _refresh(f: Flow, auth: Mapping[str, Any]) -> Response:
    require(auth, "REFRESH_TOKEN")
    pool, client = f.pool, f.client
    token = auth["REFRESH_TOKEN"]
    held = pool.refresh_tokens.get(token) if isinstance(token, str) else None
    if held is None or held.client_id != client.client_id or held.revoked:
        raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
    user = user_named(pool, held.username)
    if user is not None and user.sub != held.sub:  # deleted, and the name reused
        user = None
    check_secret_hash(
        client,
        str(auth.get("USERNAME", held.username)),
        auth.get("SECRET_HASH"),
        held.username,
        held.sub,
    )
    if f.now() >= held.expires:
        raise NotAuthorizedException(m.REFRESH_TOKEN_EXPIRED)
    if user is None:
        raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    result = issue_tokens(f, user, "TokenGeneration_RefreshTokens", refresh=held)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}
