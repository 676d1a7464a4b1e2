"""Authentication: InitiateAuth, AdminInitiateAuth and RespondToAuthChallenge, and the tokens.

Flows: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH (and legacy ADMIN_NO_SRP_AUTH),
USER_SRP_AUTH, REFRESH_TOKEN_AUTH (and REFRESH_TOKEN), CUSTOM_AUTH. Challenges:
PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, MFA_SETUP,
CUSTOM_CHALLENGE (aws-facts D3).
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as m
from ._errors import (
    CodeMismatchException,
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
    PasswordResetRequiredException,
    SoftwareTokenMFANotFoundException,
    UserNotConfirmedException,
)
from ._issue import issue_tokens
from ._pool import AppClient, AuthSession, SrpState, UserPool, find_pool
from ._srp import SrpServer, claim_signature, valid_timestamp
from ._tokens import b64url
from ._totp import verify as verify_totp
from ._triggers import event, run_trigger
from ._users import (
    User,
    check_policy,
    check_secret_hash,
    deliver,
    find_client,
    find_user,
    mask,
    now,
    now_dt,
    password_matches,
    pool_client,
    require,
    set_password,
    user_not_found,
    validate_attributes,
)

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

Params = Mapping[str, Any]
Response = dict[str, Any]

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
_USER_FLOWS = {
    "USER_PASSWORD_AUTH",
    "USER_SRP_AUTH",
    "CUSTOM_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
}
_ADMIN_FLOWS = {
    "ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "USER_SRP_AUTH",
    "CUSTOM_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
}


# -- sessions -------------------------------------------------------------------------------------
def _new_session(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    challenge: str,
    flow: str,
    **fields: Any,
) -> str:
    _purge(pool, now(engine))
    token = b64url(engine.cloud.ids.token_bytes(96))
    minutes = int(client.config.get("AuthSessionValidity", engine.limits.auth_session_minutes))
    pool.sessions[token] = AuthSession(
        username=user.username,
        client_id=client.client_id,
        challenge=challenge,
        expires=now(engine) + minutes * 60,
        flow=flow,
        **fields,
    )
    return token


def _purge(pool: UserPool, stamp: float) -> None:
    """Forget abandoned challenge sessions and SRP exchanges once they have expired."""
    for token in [t for t, state in pool.sessions.items() if state.expires <= stamp]:
        del pool.sessions[token]
    for block in [b for b, state in pool.srp_states.items() if state.expires <= stamp]:
        del pool.srp_states[block]


def find_session(engine: CognitoIdentityProvider, token: Any) -> tuple[UserPool, AuthSession]:
    """The pool and state behind a challenge ``Session`` (NotAuthorizedException if none)."""
    if isinstance(token, str):
        for pool in engine.pools.values():
            session = pool.sessions.get(token)
            if session is not None:
                if now(engine) >= session.expires:
                    del pool.sessions[token]
                    raise NotAuthorizedException(m.SESSION_EXPIRED)
                return pool, session
    raise NotAuthorizedException(m.INVALID_SESSION)


def _challenge(name: str, session: str | None, parameters: Mapping[str, str]) -> Response:
    out: Response = {"ChallengeName": name, "ChallengeParameters": dict(parameters)}
    if session is not None:
        out["Session"] = session
    return out


# -- entry points ---------------------------------------------------------------------------------
def _check_flow(client: AppClient, flow: str) -> None:
    allowed = client.config.get("ExplicitAuthFlows") or []
    if not any(name in allowed for name in _ALLOWED_BY[flow]):
        raise InvalidParameterException(m.FLOW_NOT_ENABLED.format(flow=flow))


def initiate_auth(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "AuthFlow", "ClientId")
    pool, client = find_client(engine, params["ClientId"])
    return _initiate(engine, pool, client, params, admin=False)


def admin_initiate_auth(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "AuthFlow")
    pool = find_pool(engine, params["UserPoolId"])
    client = pool_client(pool, params["ClientId"])
    return _initiate(engine, pool, client, params, admin=True)


def _initiate(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    params: Params,
    *,
    admin: bool,
) -> Response:
    flow = params["AuthFlow"]
    if flow not in (_ADMIN_FLOWS if admin else _USER_FLOWS):
        known = _ADMIN_FLOWS | _USER_FLOWS | {"USER_AUTH"}
        if flow in known:
            raise InvalidParameterException(m.AUTH_METHOD_NOT_SUPPORTED)
        raise InvalidParameterException(
            m.ENUM_VALUE.format(value=flow, field="authFlow", allowed=sorted(known))
        )
    _check_flow(client, flow)
    auth = dict(params.get("AuthParameters") or {})
    metadata = dict(params.get("ClientMetadata") or {})
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return _refresh(engine, pool, client, auth, metadata)
    require(auth, "USERNAME")
    username = auth["USERNAME"]
    user = find_user(pool, username)
    check_secret_hash(client, username, auth.get("SECRET_HASH"), *([user.username] if user else []))
    if user is None:
        raise user_not_found(client)
    if flow == "CUSTOM_AUTH":
        return _custom_next(engine, pool, client, user, (), metadata)
    _pre_authentication(pool, client, user, metadata)
    stamp = now(engine)
    user.password_lockout.check(stamp, engine.limits)
    if flow == "USER_SRP_AUTH":
        return _srp_start(engine, pool, client, user, auth)
    require(auth, "PASSWORD")
    if not password_matches(user, auth["PASSWORD"]):
        user.password_lockout.fail(stamp, engine.limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    return _after_password(engine, pool, client, user, flow, metadata)


def _pre_authentication(
    pool: UserPool, client: AppClient, user: User, metadata: Mapping[str, str]
) -> None:
    run_trigger(
        pool,
        "PreAuthentication",
        event(
            pool,
            "PreAuthentication_Authentication",
            user.username,
            client.client_id,
            {"userAttributes": dict(user.attributes), "validationData": {}, "userNotFound": False},
        ),
    )


# -- SRP ------------------------------------------------------------------------------------------
def _srp_start(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    auth: Mapping[str, Any],
) -> Response:
    require(auth, "SRP_A")
    try:
        big_a = int(auth["SRP_A"], 16)
    except (TypeError, ValueError):
        raise InvalidParameterException("SRP_A must be a hex number.") from None
    if user.verifier is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    ids = engine.cloud.ids
    server = SrpServer(user.verifier, b=ids.bits(256))
    key = server.session_key(big_a)
    if key is None:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    _purge(pool, now(engine))
    block = base64.b64encode(ids.token_bytes(64)).decode()
    minutes = int(client.config.get("AuthSessionValidity", engine.limits.auth_session_minutes))
    pool.srp_states[block] = SrpState(
        user.username, client.client_id, key, now(engine) + minutes * 60
    )
    return _challenge(
        "PASSWORD_VERIFIER",
        None,
        {
            "SALT": user.verifier.salt,
            "SECRET_BLOCK": block,
            "SRP_B": f"{server.big_b:x}",
            "USERNAME": user.username,
            "USER_ID_FOR_SRP": user.username,
        },
    )


def _password_verifier(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    responses: Mapping[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(
        responses,
        "PASSWORD_CLAIM_SIGNATURE",
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "TIMESTAMP",
        "USERNAME",
    )
    block = responses["PASSWORD_CLAIM_SECRET_BLOCK"]
    state = pool.srp_states.pop(block, None) if isinstance(block, str) else None
    if state is None or state.client_id != client.client_id:
        raise NotAuthorizedException(m.INVALID_SESSION)
    if now(engine) >= state.expires:
        raise NotAuthorizedException(m.SESSION_EXPIRED)
    user = find_user(pool, responses["USERNAME"])
    if user is None or user.username != state.username:
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    check_secret_hash(client, responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
    stamp = now(engine)
    user.password_lockout.check(stamp, engine.limits)
    timestamp = responses["TIMESTAMP"]
    ok = isinstance(timestamp, str) and valid_timestamp(timestamp)
    if ok:
        try:
            secret_block = base64.b64decode(block, validate=True)
        except ValueError:
            ok = False
    if ok:
        expected = claim_signature(state.key, pool.suffix, user.username, secret_block, timestamp)
        given = responses["PASSWORD_CLAIM_SIGNATURE"]
        ok = isinstance(given, str) and hmac.compare_digest(expected, given)
    if not ok:
        user.password_lockout.fail(stamp, engine.limits)
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    return _after_password(engine, pool, client, user, "USER_SRP_AUTH", metadata)


# -- after the password ---------------------------------------------------------------------------
def _after_password(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    flow: str,
    metadata: Mapping[str, str],
) -> Response:
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException(m.USER_NOT_CONFIRMED)
    if user.status == "RESET_REQUIRED":
        raise PasswordResetRequiredException(m.PASSWORD_RESET_REQUIRED)
    user.password_lockout.succeed()
    if user.status == "FORCE_CHANGE_PASSWORD":
        days = pool.config["Policies"]["PasswordPolicy"].get(
            "TemporaryPasswordValidityDays", engine.limits.temporary_password_days
        )
        if now(engine) - user.password_set_at > days * 86400:
            raise NotAuthorizedException(m.TEMP_PASSWORD_EXPIRED)
        session = _new_session(engine, pool, client, user, "NEW_PASSWORD_REQUIRED", flow)
        shown = {k: v for k, v in user.attributes.items() if k not in ("sub",)}
        return _challenge(
            "NEW_PASSWORD_REQUIRED",
            session,
            {
                "USER_ID_FOR_SRP": user.username,
                "requiredAttributes": "[]",
                "userAttributes": json.dumps(shown),
            },
        )
    return _mfa_or_success(engine, pool, client, user, flow, metadata)


def _mfa_method(pool: UserPool, user: User) -> str | None:
    mode = pool.config.get("MfaConfiguration", "OFF")
    if mode == "OFF":
        return None
    enabled = user.mfa_settings()
    if user.preferred_mfa in enabled:
        return user.preferred_mfa
    if enabled:
        return "SOFTWARE_TOKEN_MFA" if "SOFTWARE_TOKEN_MFA" in enabled else "SMS_MFA"
    if mode == "ON":
        if user.totp_verified:
            return "SOFTWARE_TOKEN_MFA"
        if user.attributes.get("phone_number"):
            return "SMS_MFA"
        return "MFA_SETUP"
    return None


def _mfa_or_success(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    flow: str,
    metadata: Mapping[str, str],
) -> Response:
    method = _mfa_method(pool, user)
    if method is None:
        return _success(engine, pool, client, user, "TokenGeneration_Authentication", metadata)
    if method == "SMS_MFA":
        code = engine.cloud.ids.digits(engine.limits.code_length)
        deliver(
            engine,
            pool,
            user,
            purpose="Authentication",
            attribute="phone_number",
            code=code,
            client_id=client.client_id,
            kind="mfa",
        )
        session = _new_session(engine, pool, client, user, "SMS_MFA", flow, code=code)
        return _challenge(
            "SMS_MFA",
            session,
            {
                "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                "CODE_DELIVERY_DESTINATION": mask("phone_number", user.attributes["phone_number"]),
                "USER_ID_FOR_SRP": user.username,
            },
        )
    session = _new_session(engine, pool, client, user, method, flow)
    if method == "MFA_SETUP":
        return _challenge(
            "MFA_SETUP",
            session,
            {
                "MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]',
                "USER_ID_FOR_SRP": user.username,
            },
        )
    return _challenge(method, session, {"USER_ID_FOR_SRP": user.username})


def _success(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    source: str,
    metadata: Mapping[str, str],
) -> Response:
    run_trigger(
        pool,
        "PostAuthentication",
        event(
            pool,
            "PostAuthentication_Authentication",
            user.username,
            client.client_id,
            {
                "userAttributes": dict(user.attributes),
                "newDeviceUsed": False,
                "clientMetadata": dict(metadata),
            },
        ),
    )
    return {
        "ChallengeParameters": {},
        "AuthenticationResult": issue_tokens(engine, pool, client, user, source, metadata),
    }


# -- challenges -----------------------------------------------------------------------------------
def respond_to_auth_challenge(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "ClientId", "ChallengeName")
    pool, client = find_client(engine, params["ClientId"])
    return _respond(engine, pool, client, params)


def admin_respond_to_auth_challenge(engine: CognitoIdentityProvider, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "ChallengeName")
    pool = find_pool(engine, params["UserPoolId"])
    return _respond(engine, pool, pool_client(pool, params["ClientId"]), params)


def _respond(
    engine: CognitoIdentityProvider, pool: UserPool, client: AppClient, params: Params
) -> Response:
    name = params["ChallengeName"]
    responses = dict(params.get("ChallengeResponses") or {})
    metadata = dict(params.get("ClientMetadata") or {})
    if name == "PASSWORD_VERIFIER":
        return _password_verifier(engine, pool, client, responses, metadata)
    handlers = {
        "NEW_PASSWORD_REQUIRED": _new_password,
        "SMS_MFA": _sms_mfa,
        "SOFTWARE_TOKEN_MFA": _software_mfa,
        "MFA_SETUP": _mfa_setup,
        "CUSTOM_CHALLENGE": _custom_answer,
    }
    handler = handlers.get(name)
    if handler is None:
        raise InvalidParameterException(m.CHALLENGE_NOT_SUPPORTED.format(name=name))
    token = params.get("Session")
    session = pool.sessions.get(token) if isinstance(token, str) else None
    if session is None or session.client_id != client.client_id or session.challenge != name:
        raise NotAuthorizedException(m.INVALID_SESSION)
    if now(engine) >= session.expires:
        del pool.sessions[token]  # type: ignore[arg-type]
        raise NotAuthorizedException(m.SESSION_EXPIRED)
    user = pool.users.get(session.username)
    if user is None:
        raise user_not_found(client)
    if responses.get("USERNAME") is not None or client.secret is not None:
        check_secret_hash(
            client, str(responses.get("USERNAME", "")), responses.get("SECRET_HASH"), user.username
        )
    return handler(engine, pool, client, user, session, str(token), responses, metadata)


def _new_password(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: AuthSession,
    token: str,
    responses: dict[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(responses, "NEW_PASSWORD")
    check_policy(pool, responses["NEW_PASSWORD"])
    attributes = validate_attributes(
        pool,
        [
            {"Name": k.split(".", 1)[1], "Value": v}
            for k, v in responses.items()
            if k.startswith("userAttributes.")
        ],
        admin=False,
    )
    del pool.sessions[token]
    set_password(engine, pool, user, responses["NEW_PASSWORD"])
    user.attributes.update(attributes)
    user.status = "CONFIRMED"
    user.modified = now_dt(engine)
    return _mfa_or_success(engine, pool, client, user, session.flow, metadata)


def _check_mfa(engine: CognitoIdentityProvider, user: User, good: bool) -> None:
    stamp = now(engine)
    user.mfa_lockout.check(stamp, engine.limits)
    if not good:
        user.mfa_lockout.fail(stamp, engine.limits)
        raise CodeMismatchException(m.MFA_CODE_MISMATCH)
    user.mfa_lockout.succeed()


def _sms_mfa(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: AuthSession,
    token: str,
    responses: dict[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(responses, "SMS_MFA_CODE")
    given = responses["SMS_MFA_CODE"]
    _check_mfa(
        engine,
        user,
        isinstance(given, str)
        and session.code is not None
        and hmac.compare_digest(session.code, given),
    )
    del pool.sessions[token]
    return _success(engine, pool, client, user, "TokenGeneration_Authentication", metadata)


def _software_mfa(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: AuthSession,
    token: str,
    responses: dict[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(responses, "SOFTWARE_TOKEN_MFA_CODE")
    if user.totp_secret is None or not user.totp_verified:
        raise SoftwareTokenMFANotFoundException(m.SOFTWARE_TOKEN_NOT_FOUND)
    good = verify_totp(user.totp_secret, responses["SOFTWARE_TOKEN_MFA_CODE"], now(engine))
    _check_mfa(engine, user, good)
    del pool.sessions[token]
    return _success(engine, pool, client, user, "TokenGeneration_Authentication", metadata)


def _mfa_setup(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: AuthSession,
    token: str,
    responses: dict[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    if not user.totp_verified:
        raise InvalidParameterException(m.MFA_NOT_SET_UP)
    del pool.sessions[token]
    user.totp_mfa_enabled = True
    return _success(engine, pool, client, user, "TokenGeneration_Authentication", metadata)


# -- custom auth ----------------------------------------------------------------------------------
def _custom_next(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    history: tuple[dict[str, Any], ...],
    metadata: Mapping[str, str],
) -> Response:
    if pool.trigger("DefineAuthChallenge") is None:
        # [?] text not confirmed on an AWS page.
        raise InvalidParameterException(
            "Custom auth lambda trigger is not configured for the user pool."
        )
    common = {
        "userAttributes": dict(user.attributes),
        "clientMetadata": dict(metadata),
        "userNotFound": False,
    }
    decision = run_trigger(
        pool,
        "DefineAuthChallenge",
        event(
            pool,
            "DefineAuthChallenge_Authentication",
            user.username,
            client.client_id,
            {**common, "session": [dict(h) for h in history]},
        ),
    )
    if decision.get("failAuthentication"):
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    if decision.get("issueTokens"):
        return _success(engine, pool, client, user, "TokenGeneration_Authentication", metadata)
    name = decision.get("challengeName")
    if name != "CUSTOM_CHALLENGE":
        raise InvalidLambdaResponseException(
            f"DefineAuthChallenge returned an unsupported challengeName: {name}"
        )
    created = run_trigger(
        pool,
        "CreateAuthChallenge",
        event(
            pool,
            "CreateAuthChallenge_Authentication",
            user.username,
            client.client_id,
            {**common, "challengeName": name, "session": [dict(h) for h in history]},
        ),
    )
    public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
    private = {str(k): str(v) for k, v in (created.get("privateChallengeParameters") or {}).items()}
    session = _new_session(
        engine,
        pool,
        client,
        user,
        "CUSTOM_CHALLENGE",
        "CUSTOM_AUTH",
        history=history,
        private=private,
        metadata=created.get("challengeMetadata"),
    )
    return _challenge("CUSTOM_CHALLENGE", session, {**public, "USERNAME": user.username})


def _custom_answer(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: AuthSession,
    token: str,
    responses: dict[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(responses, "ANSWER")
    verdict = run_trigger(
        pool,
        "VerifyAuthChallengeResponse",
        event(
            pool,
            "VerifyAuthChallengeResponse_Authentication",
            user.username,
            client.client_id,
            {
                "userAttributes": dict(user.attributes),
                "privateChallengeParameters": dict(session.private),
                "challengeAnswer": responses["ANSWER"],
                "clientMetadata": dict(metadata),
                "userNotFound": False,
            },
        ),
    )
    del pool.sessions[token]
    round_ = {
        "challengeName": "CUSTOM_CHALLENGE",
        "challengeResult": bool(verdict.get("answerCorrect")),
        "challengeMetadata": session.metadata,
    }
    return _custom_next(engine, pool, client, user, (*session.history, round_), metadata)


# -- refresh --------------------------------------------------------------------------------------
def _refresh(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    client: AppClient,
    auth: Mapping[str, Any],
    metadata: Mapping[str, str],
) -> Response:
    require(auth, "REFRESH_TOKEN")
    token = auth["REFRESH_TOKEN"]
    held = pool.refresh_tokens.get(token) if isinstance(token, str) else None
    if held is None or held.client_id != client.client_id or held.revoked:
        raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
    user = pool.users.get(held.username)
    check_secret_hash(
        client,
        str(auth.get("USERNAME", held.username)),
        auth.get("SECRET_HASH"),
        held.username,
        held.sub,
    )
    if now(engine) >= held.expires:
        raise NotAuthorizedException(m.REFRESH_TOKEN_EXPIRED)
    if user is None:
        raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    result = issue_tokens(
        engine, pool, client, user, "TokenGeneration_RefreshTokens", metadata, refresh=held
    )
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


__all__ = [
    "admin_initiate_auth",
    "find_session",
    "initiate_auth",
    "issue_tokens",
    "respond_to_auth_challenge",
]
