"""What every authentication flow shares: its context, challenge sessions, and the steps
after the password (NEW_PASSWORD_REQUIRED, MFA, tokens) (aws-facts D3)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as m
from ._errors import (
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
)
from ._issue import issue_tokens
from ._pool import AppClient, AuthSession, UserPool
from ._tokens import b64url
from ._triggers import fire
from ._users import User, deliver, mask

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

__all__ = ["Flow", "after_password", "challenge", "find_session", "mfa_or_success", "success"]

Response = dict[str, Any]
AUTHENTICATION = "TokenGeneration_Authentication"


@attrs.frozen
class Flow:
    """One authentication request's context: engine, pool, app client and ClientMetadata."""

    engine: CognitoIdentityProvider
    pool: UserPool
    client: AppClient
    metadata: Mapping[str, str] = attrs.field(factory=dict)
    #: The ``DEVICE_KEY`` the caller presented, if any.
    device_key: str | None = None

    def now(self) -> float:
        return self.engine.cloud.clock.time()

    def session_seconds(self) -> int:
        """How long a challenge session lives: the client's AuthSessionValidity (minutes)."""
        limits = self.engine.limits
        return int(self.client.config.get("AuthSessionValidity", limits.auth_session_minutes)) * 60

    def new_session(self, user: User | str, name: str, flow: str, **fields: Any) -> str:
        """Open a challenge ``Session`` for ``user`` (or a name that matches nobody)."""
        stamp = self.now()
        purge(self.pool, stamp)
        token = b64url(self.engine.cloud.ids.token_bytes(96))
        self.pool.sessions[token] = AuthSession(
            username=user if isinstance(user, str) else user.username,
            client_id=self.client.client_id,
            challenge=name,
            expires=stamp + self.session_seconds(),
            flow=flow,
            **fields,
        )
        return token

    def trigger(
        self, name: str, source: str, user: User | str, request: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Run trigger ``name`` for ``user`` (or an unknown name) through this app client."""
        username = user if isinstance(user, str) else user.username
        return fire(self.pool, name, source, username, self.client.client_id, request)


def purge(pool: UserPool, stamp: float) -> None:
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
                if engine.cloud.clock.time() >= session.expires:
                    del pool.sessions[token]
                    raise NotAuthorizedException(m.SESSION_EXPIRED)
                return pool, session
    raise NotAuthorizedException(m.INVALID_SESSION)


def challenge(name: str, session: str | None, parameters: Mapping[str, str]) -> Response:
    """A challenge response: ``ChallengeName``, ``ChallengeParameters`` and ``Session``."""
    out: Response = {"ChallengeName": name, "ChallengeParameters": dict(parameters)}
    if session is not None:
        out["Session"] = session
    return out


def after_password(f: Flow, user: User, flow: str) -> Response:
    """The password was right: check the user's state, then a new password, MFA or tokens."""
    if not user.enabled:
        raise NotAuthorizedException(m.USER_DISABLED)
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException(m.USER_NOT_CONFIRMED)
    if user.status == "RESET_REQUIRED":
        raise PasswordResetRequiredException(m.PASSWORD_RESET_REQUIRED)
    user.password_lockout.succeed()
    if user.status == "FORCE_CHANGE_PASSWORD":
        days = f.pool.config["Policies"]["PasswordPolicy"].get(
            "TemporaryPasswordValidityDays", f.engine.limits.temporary_password_days
        )
        if f.now() - user.password_set_at > days * 86400:
            raise NotAuthorizedException(m.TEMP_PASSWORD_EXPIRED)
        shown = {k: v for k, v in user.attributes.items() if k != "sub"}
        return challenge(
            "NEW_PASSWORD_REQUIRED",
            f.new_session(user, "NEW_PASSWORD_REQUIRED", flow),
            {
                "USER_ID_FOR_SRP": user.username,
                "requiredAttributes": "[]",
                "userAttributes": json.dumps(shown),
            },
        )
    from ._devices import device_challenge

    return device_challenge(f, user, flow) or mfa_or_success(f, user, flow)


def _mfa_method(pool: UserPool, user: User) -> str | None:
    mode = pool.config.get("MfaConfiguration", "OFF")
    if mode == "OFF":
        return None
    # TOTP counts only while the pool's SoftwareTokenMfaConfiguration enables it.
    totp = bool(pool.config.get("SoftwareTokenMfaConfiguration", {}).get("Enabled", True))
    enabled = [name for name in user.mfa_settings() if totp or name != "SOFTWARE_TOKEN_MFA"]
    if user.preferred_mfa in enabled:
        return user.preferred_mfa
    if enabled:
        return "SOFTWARE_TOKEN_MFA" if "SOFTWARE_TOKEN_MFA" in enabled else "SMS_MFA"
    if mode == "ON":
        if user.totp_verified and totp:
            return "SOFTWARE_TOKEN_MFA"
        if user.attributes.get("phone_number"):
            return "SMS_MFA"
        return "MFA_SETUP"
    return None


def mfa_or_success(f: Flow, user: User, flow: str) -> Response:
    """Ask for the user's second factor if the pool wants one; else issue the tokens."""
    method = _mfa_method(f.pool, user)
    if method is None:
        return success(f, user)
    parameters = {"USER_ID_FOR_SRP": user.username}
    fields: dict[str, Any] = {}
    if method == "SMS_MFA":
        code = f.engine.cloud.ids.digits(f.engine.limits.code_length)
        deliver(
            f.engine,
            f.pool,
            user,
            purpose="Authentication",
            attribute="phone_number",
            code=code,
            client_id=f.client.client_id,
            kind="mfa",
        )
        fields["code"] = code
        parameters = {
            "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
            "CODE_DELIVERY_DESTINATION": mask("phone_number", user.attributes["phone_number"]),
            **parameters,
        }
    elif method == "MFA_SETUP":
        parameters = {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]', **parameters}
    return challenge(method, f.new_session(user, method, flow, **fields), parameters)


def success(f: Flow, user: User, source: str = AUTHENTICATION) -> Response:
    """Signed in: run post authentication, then issue the tokens (and a new device key)."""
    from ._devices import is_new_device, new_device_metadata

    f.trigger(
        "PostAuthentication",
        "PostAuthentication_Authentication",
        user,
        {
            "userAttributes": dict(user.attributes),
            "newDeviceUsed": is_new_device(f, user),
            "clientMetadata": dict(f.metadata),
        },
    )
    result = issue_tokens(f, user, source)
    device = new_device_metadata(f, user)
    if device is not None:
        result["NewDeviceMetadata"] = device
    return {"ChallengeParameters": {}, "AuthenticationResult": result}
