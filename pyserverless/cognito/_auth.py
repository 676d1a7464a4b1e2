"""Sign-in, as one state machine: a flow starts, challenges follow, tokens end it.

InitiateAuth and AdminInitiateAuth start a flow (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH
and legacy ADMIN_NO_SRP_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH and REFRESH_TOKEN,
CUSTOM_AUTH); RespondToAuthChallenge and its admin twin answer a challenge
(PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED,
SMS_MFA, SOFTWARE_TOKEN_MFA, MFA_SETUP, CUSTOM_CHALLENGE) (aws-facts D3). Every path
ends in ``Login.after_password`` -> device challenge -> MFA -> ``Login.success``, which
hands the user to the token issuer (``_issue``).

A USER_SRP_AUTH login reads top to bottom: ``initiate_auth`` -> ``Login.initiate`` ->
``Login.srp_start`` (PASSWORD_VERIFIER); then ``respond_to_auth_challenge`` ->
``Login.respond`` -> ``Login.password_verifier`` -> ``Login.after_password`` ->
``Login.mfa_or_success`` -> ``Login.success`` -> ``_issue.plan_tokens`` and ``issue``.
"""

from __future__ import annotations

import base64
import functools
import hmac
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from . import _messages as m
from ._errors import (
    CodeMismatchException,
    ExpiredCodeException,
    InvalidLambdaResponseException,
    InvalidParameterException,
    MFAMethodNotFoundException,
    NotAuthorizedException,
    PasswordResetRequiredException,
    SoftwareTokenMFANotFoundException,
    UserNotConfirmedException,
)
from ._issue import issue, plan_tokens
from ._pool import AppClient, Pools, UserPool
from ._sessions import AuthSession, SrpState
from ._srp import N, SrpServer, claim_signature, decoy_verifier, valid_timestamp
from ._tokens import b64url
from ._totp import matched_step
from ._users import User, check_policy, mask, require, validate_attributes

__all__ = [
    "admin_initiate_auth",
    "admin_respond_to_auth_challenge",
    "initiate_auth",
    "respond_to_auth_challenge",
]

Params = Mapping[str, Any]
Response = dict[str, Any]
AUTHENTICATION = "TokenGeneration_Authentication"

#: ExplicitAuthFlows value -> the AuthFlows it allows.
_ALLOWS = {
    "ALLOW_USER_PASSWORD_AUTH": ("USER_PASSWORD_AUTH",),
    "ALLOW_ADMIN_USER_PASSWORD_AUTH": ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "ALLOW_USER_SRP_AUTH": ("USER_SRP_AUTH",),
    "ALLOW_CUSTOM_AUTH": ("CUSTOM_AUTH",),
    "ALLOW_REFRESH_TOKEN_AUTH": ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"),
    # The legacy values, from before the ALLOW_ ones (never mixed with them).
    "USER_PASSWORD_AUTH": ("USER_PASSWORD_AUTH",),
    "ADMIN_NO_SRP_AUTH": ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "CUSTOM_AUTH_FLOW_ONLY": ("CUSTOM_AUTH",),
}
#: What a legacy client always allowed: refresh and custom auth, and SRP unless it was
#: CUSTOM_AUTH_FLOW_ONLY ("Only allow custom authentication").
_LEGACY_ALWAYS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH")


@functools.lru_cache(maxsize=256)
def allowed_flows(explicit: tuple[str, ...]) -> frozenset[str]:
    """The AuthFlows a client's ExplicitAuthFlows allow (a pure function, cached).

    >>> sorted(allowed_flows(("ADMIN_NO_SRP_AUTH",)))
    ['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN', \
'REFRESH_TOKEN_AUTH', 'USER_SRP_AUTH']
    >>> sorted(allowed_flows(("ALLOW_USER_SRP_AUTH",)))
    ['USER_SRP_AUTH']
    """
    allowed = {flow for value in explicit for flow in _ALLOWS.get(value, ())}
    if explicit and not any(value.startswith("ALLOW_") for value in explicit):
        allowed.update(_LEGACY_ALWAYS)
        if "CUSTOM_AUTH_FLOW_ONLY" not in explicit:
            allowed.add("USER_SRP_AUTH")
    return frozenset(allowed)


_BOTH_FLOWS = {"USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"}
_USER_FLOWS = _BOTH_FLOWS | {"USER_PASSWORD_AUTH"}
_ADMIN_FLOWS = _BOTH_FLOWS | {"ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"}
#: The challenges answered with a ``Session``, by the Login method that answers them.
_ANSWERS = {
    "NEW_PASSWORD_REQUIRED": "new_password",
    "SMS_MFA": "sms_mfa",
    "SOFTWARE_TOKEN_MFA": "software_mfa",
    "MFA_SETUP": "mfa_setup",
    "CUSTOM_CHALLENGE": "custom_answer",
}


# -- the four operations ----------------------------------------------------------------------
def initiate_auth(pools: Pools, params: Params) -> Response:
    require(params, "AuthFlow", "ClientId")
    pool, client = pools.client(params["ClientId"])
    return Login(pool, client, _metadata(params)).initiate(params, admin=False)


def admin_initiate_auth(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "AuthFlow")
    pool = pools.pool(params["UserPoolId"])
    client = pool.client(params["ClientId"])
    return Login(pool, client, _metadata(params)).initiate(params, admin=True)


def respond_to_auth_challenge(pools: Pools, params: Params) -> Response:
    require(params, "ClientId", "ChallengeName")
    pool, client = pools.client(params["ClientId"])
    return Login(pool, client, _metadata(params)).respond(params)


def admin_respond_to_auth_challenge(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "ClientId", "ChallengeName")
    pool = pools.pool(params["UserPoolId"])
    client = pool.client(params["ClientId"])
    return Login(pool, client, _metadata(params)).respond(params)


def _metadata(params: Params) -> dict[str, str]:
    return dict(params.get("ClientMetadata") or {})


def _device_key(values: Mapping[str, Any]) -> str | None:
    key = values.get("DEVICE_KEY")
    return key if isinstance(key, str) and key else None


def _challenge(name: str, session: str | None, parameters: Mapping[str, str]) -> Response:
    """A challenge response: ``ChallengeName``, ``ChallengeParameters`` and ``Session``."""
    out: Response = {"ChallengeName": name, "ChallengeParameters": dict(parameters)}
    if session is not None:
        out["Session"] = session
    return out


#: ``SRP_A``: plain hex digits, at most as many as the group's modulus has (3072 bits: 768).
_SRP_A = re.compile(r"[0-9a-fA-F]{1,DIGITS}\Z".replace("DIGITS", str(len(format(N, "x")))))


def _srp_a(values: Mapping[str, Any]) -> int:
    """The client's ``A``: strict hex (no sign, ``0x``, spaces or non-ASCII digits), bounded
    by the group size, so a huge value cannot hold the engine's lock."""
    text = values["SRP_A"]
    if not isinstance(text, str) or not _SRP_A.match(text):
        raise InvalidParameterException("SRP_A must be a hex number.")
    return int(text, 16)


@attrs.frozen
class Answer:
    """A challenge being answered: the user, its open session, and the responses."""

    user: User
    session: AuthSession
    token: str
    responses: dict[str, Any]


@attrs.frozen
class Login:
    """One sign-in request through one app client: the states it can move between."""

    pool: UserPool
    client: AppClient
    metadata: Mapping[str, str] = attrs.field(factory=dict)
    #: The ``DEVICE_KEY`` the caller presented, if any.
    device_key: str | None = None

    # -- context ----------------------------------------------------------------------
    def now(self) -> float:
        return self.pool.host.now()

    def session_seconds(self) -> int:
        """How long a challenge session lives: the client's AuthSessionValidity (minutes)."""
        default = self.pool.host.limits.auth_session_minutes
        return int(self.client.config.get("AuthSessionValidity", default)) * 60

    def new_session(self, user: User | str, name: str, flow: str, **fields: Any) -> str:
        """Open a challenge ``Session`` for ``user`` (or a name that matches nobody)."""
        stamp = self.now()
        self.pool.purge(stamp)
        token = b64url(self.pool.host.ids.token_bytes(96))
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
        return self.pool.triggers.fire(name, source, username, self.client.client_id, request)

    # -- starting a flow --------------------------------------------------------------
    def initiate(self, params: Params, *, admin: bool) -> Response:
        flow = params["AuthFlow"]
        if flow not in (_ADMIN_FLOWS if admin else _USER_FLOWS):
            known = _ADMIN_FLOWS | _USER_FLOWS | {"USER_AUTH"}
            if flow in known:
                raise InvalidParameterException(m.AUTH_METHOD_NOT_SUPPORTED)
            raise InvalidParameterException(
                m.ENUM_VALUE.format(value=flow, field="authFlow", allowed=sorted(known))
            )
        explicit = tuple(self.client.config.get("ExplicitAuthFlows") or ())
        if flow not in allowed_flows(explicit):
            raise InvalidParameterException(m.FLOW_NOT_ENABLED.format(flow=flow))
        auth = dict(params.get("AuthParameters") or {})
        login = attrs.evolve(self, device_key=_device_key(auth))
        if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
            return login.refresh(auth)
        return login.start(flow, auth)

    def start(self, flow: str, auth: dict[str, Any]) -> Response:
        """A flow that names a user: password, SRP or custom."""
        require(auth, "USERNAME")
        username = auth["USERNAME"]
        user = self.pool.find_user(username)
        alts = [user.username] if user else []
        self.client.check_secret_hash(username, auth.get("SECRET_HASH"), *alts)
        if user is None:
            if self.client.hides_users and flow == "CUSTOM_AUTH":
                # The challenge triggers run, told userNotFound; the flow fails at its end.
                return self.custom_next(None, (), name=str(username))
            if self.client.hides_users:
                # Pre authentication still runs (COG: user-pool-lambda-pre-authentication).
                self.pre_authentication(str(username), {}, found=False)
                if flow == "USER_SRP_AUTH":
                    return self.srp_start(None, str(username), auth)
            raise self.client.user_not_found()
        if flow == "CUSTOM_AUTH":
            return self.custom_next(user, ())
        self.pre_authentication(user.username, user.attributes, found=True)
        stamp, limits = self.now(), self.pool.host.limits
        user.password_lockout.check(stamp, limits)
        if flow == "USER_SRP_AUTH":
            return self.srp_start(user, user.username, auth)
        require(auth, "PASSWORD")
        if not self.pool.password_matches(user, auth["PASSWORD"]):
            user.password_lockout.fail(stamp, limits)
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        return self.after_password(user, flow)

    def pre_authentication(
        self, username: str, attributes: Mapping[str, str], *, found: bool
    ) -> None:
        """The pre authentication trigger; its validationData is the call's ClientMetadata."""
        self.trigger(
            "PreAuthentication",
            "PreAuthentication_Authentication",
            username,
            {
                "userAttributes": dict(attributes),
                "validationData": dict(self.metadata),
                "userNotFound": not found,
            },
        )

    def refresh(self, auth: Mapping[str, Any]) -> Response:
        """REFRESH_TOKEN_AUTH: new ID and access tokens for a live refresh token."""
        require(auth, "REFRESH_TOKEN")
        pool, client = self.pool, self.client
        token = auth["REFRESH_TOKEN"]
        held = pool.refresh_tokens.get(token) if isinstance(token, str) else None
        if held is None and isinstance(token, str) and token in pool.revoked_refresh:
            raise NotAuthorizedException(m.REFRESH_TOKEN_REVOKED)
        if held is None or held.client_id != client.client_id or held.revoked:
            raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
        user = pool.user_named(held.username)
        if user is not None and user.sub != held.sub:  # deleted, and the name reused
            user = None
        name = str(auth.get("USERNAME", held.username))
        client.check_secret_hash(name, auth.get("SECRET_HASH"), held.username, held.sub)
        if self.now() >= held.expires:
            raise NotAuthorizedException(m.REFRESH_TOKEN_EXPIRED)
        if user is None:
            raise NotAuthorizedException(m.INVALID_REFRESH_TOKEN)
        if not user.enabled:
            raise NotAuthorizedException(m.USER_DISABLED)
        plan = plan_tokens(
            pool,
            user,
            client,
            source="TokenGeneration_RefreshTokens",
            metadata=self.metadata,
            refresh=held,
        )
        return {"ChallengeParameters": {}, "AuthenticationResult": issue(pool, user, plan)}

    # -- SRP --------------------------------------------------------------------------
    def srp_start(self, user: User | None, user_id: str, auth: Mapping[str, Any]) -> Response:
        """USER_SRP_AUTH's first step: the PASSWORD_VERIFIER challenge (salt, B, block)."""
        require(auth, "SRP_A")
        big_a = _srp_a(auth)
        pool, ids = self.pool, self.pool.host.ids
        if user is None:
            if pool.decoy_secret is None:
                pool.decoy_secret = ids.token_bytes(32)
            uuid_ids = bool(pool.config.get("UsernameAttributes"))
            verifier, user_id = decoy_verifier(pool.decoy_secret, user_id, uuid_ids=uuid_ids)
        elif user.verifier is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        else:
            verifier = user.verifier
        server = SrpServer(verifier, b=ids.bits(256))
        key = server.session_key(big_a)
        if key is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        stamp = self.now()
        pool.purge(stamp)
        block = base64.b64encode(ids.token_bytes(64)).decode()
        pool.srp_states[block] = SrpState(
            user_id, self.client.client_id, key, stamp + self.session_seconds()
        )
        parameters = {"SALT": verifier.salt, "SECRET_BLOCK": block, "SRP_B": f"{server.big_b:x}"}
        parameters.update({"USERNAME": user_id, "USER_ID_FOR_SRP": user_id})
        return _challenge("PASSWORD_VERIFIER", None, parameters)

    def srp_state(self, responses: Mapping[str, Any], *, device: bool) -> SrpState:
        """The SRP exchange a verifier answer names by its secret block, spent."""
        block = responses["PASSWORD_CLAIM_SECRET_BLOCK"]
        states = self.pool.srp_states
        state = states.pop(block, None) if isinstance(block, str) else None
        if (
            state is None
            or state.client_id != self.client.client_id
            or (device and state.device_key is None)
        ):
            raise NotAuthorizedException(m.INVALID_SESSION)
        if self.now() >= state.expires:
            raise NotAuthorizedException(m.SESSION_EXPIRED)
        return state

    def password_verifier(self, responses: Mapping[str, Any]) -> Response:
        """USER_SRP_AUTH's proof: the client's signature over the secret block."""
        require(
            responses,
            "PASSWORD_CLAIM_SIGNATURE",
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "TIMESTAMP",
            "USERNAME",
        )
        state = self.srp_state(responses, device=False)
        pool, limits, stamp = self.pool, self.pool.host.limits, self.now()
        user = pool.find_user(responses["USERNAME"])
        if user is None or user.username != state.username:  # a decoy ends here
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        name = responses["USERNAME"]
        self.client.check_secret_hash(name, responses.get("SECRET_HASH"), user.username)
        user.password_lockout.check(stamp, limits)
        if not _proof_ok(state, responses, pool.suffix, user.username):
            user.password_lockout.fail(stamp, limits)
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        return self.after_password(user, "USER_SRP_AUTH")

    # -- after the password: new password, device, MFA, tokens ---------------------------
    def after_password(self, user: User, flow: str) -> Response:
        """The password was right: check the user's state, then what comes next."""
        if not user.enabled:
            raise NotAuthorizedException(m.USER_DISABLED)
        if user.status == "UNCONFIRMED":
            raise UserNotConfirmedException(m.USER_NOT_CONFIRMED)
        if user.status == "RESET_REQUIRED":
            raise PasswordResetRequiredException(m.PASSWORD_RESET_REQUIRED)
        user.password_lockout.succeed()
        if user.status == "FORCE_CHANGE_PASSWORD":
            policy = self.pool.config["Policies"]["PasswordPolicy"]
            days = policy.get(
                "TemporaryPasswordValidityDays", self.pool.host.limits.temporary_password_days
            )
            if self.now() - user.password_set_at > days * 86400:
                raise NotAuthorizedException(m.TEMP_PASSWORD_EXPIRED)
            shown = {k: v for k, v in user.attributes.items() if k != "sub"}
            return _challenge(
                "NEW_PASSWORD_REQUIRED",
                self.new_session(user, "NEW_PASSWORD_REQUIRED", flow),
                {
                    "USER_ID_FOR_SRP": user.username,
                    "requiredAttributes": "[]",
                    "userAttributes": json.dumps(shown),
                },
            )
        return self.device_challenge(user, flow) or self.mfa_or_success(user, flow)

    def mfa_method(self, user: User) -> str | None:
        """The second factor the pool asks ``user`` for, or ``None``.

        A factor the user cannot answer is MFAMethodNotFoundException: SMS with no
        phone_number left (amplify-js#8829), or MFA required with neither a phone nor TOTP
        offered by the pool (amplify-js#14013); AWS's text in amplify-flutter#95."""
        method = self._mfa_choice(user)
        if method == "SMS_MFA" and not user.attributes.get("phone_number"):
            raise MFAMethodNotFoundException(m.NO_MFA_MECHANISM)
        return method

    def _mfa_choice(self, user: User) -> str | None:
        config = self.pool.config
        mode = config.get("MfaConfiguration", "OFF")
        if mode == "OFF":
            return None
        # TOTP counts only while the pool's SoftwareTokenMfaConfiguration enables it.
        totp = bool(config.get("SoftwareTokenMfaConfiguration", {}).get("Enabled", True))
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
            if not totp:
                raise MFAMethodNotFoundException(m.NO_MFA_MECHANISM)
            return "MFA_SETUP"
        return None

    def mfa_or_success(self, user: User, flow: str) -> Response:
        """Ask for the user's second factor if the pool wants one; else issue the tokens."""
        method = self.mfa_method(user)
        if method is None:
            return self.success(user)
        parameters = {"USER_ID_FOR_SRP": user.username}
        fields: dict[str, Any] = {}
        if method == "SMS_MFA":
            code = self.pool.host.ids.digits(self.pool.host.limits.code_length)
            self.pool.deliver(
                user,
                purpose="Authentication",
                attribute="phone_number",
                code=code,
                client_id=self.client.client_id,
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
        return _challenge(method, self.new_session(user, method, flow, **fields), parameters)

    def success(self, user: User, source: str = AUTHENTICATION) -> Response:
        """Signed in: run post authentication, then issue the tokens (and a new device key)."""
        pool = self.pool
        new_device = pool.tracks_devices and (pool.confirmed_device(user, self.device_key) is None)
        self.trigger(
            "PostAuthentication",
            "PostAuthentication_Authentication",
            user,
            {
                "userAttributes": dict(user.attributes),
                "newDeviceUsed": new_device,
                "clientMetadata": dict(self.metadata),
            },
        )
        device = pool.new_device(user) if new_device else None
        key = device["DeviceKey"] if device else self.known_device(user)
        plan = plan_tokens(
            pool, user, self.client, source=source, metadata=self.metadata, device_key=key
        )
        result = issue(pool, user, plan)
        if device is not None:
            pool.add_device(user, device)
            result["NewDeviceMetadata"] = device
        return {"ChallengeParameters": {}, "AuthenticationResult": result}

    def known_device(self, user: User) -> str | None:
        """The key of the tracked device the caller signed in from, if it presented one."""
        pool = self.pool
        device = pool.confirmed_device(user, self.device_key) if pool.tracks_devices else None
        return device.key if device is not None else None

    # -- answering a challenge --------------------------------------------------------
    def respond(self, params: Params) -> Response:
        name = params["ChallengeName"]
        responses = dict(params.get("ChallengeResponses") or {})
        login = attrs.evolve(self, device_key=_device_key(responses))
        if name == "PASSWORD_VERIFIER":
            return login.password_verifier(responses)
        if name == "DEVICE_SRP_AUTH":
            return login.device_srp(responses, params.get("Session"))
        if name == "DEVICE_PASSWORD_VERIFIER":
            return login.device_password_verifier(responses)
        return login.answer(name, params.get("Session"), responses)

    def answer(self, name: str, token: Any, responses: dict[str, Any]) -> Response:
        """Check the ``Session`` of challenge ``name`` and hand the answer to its method."""
        method = _ANSWERS.get(name)
        if method is None:
            raise InvalidParameterException(m.CHALLENGE_NOT_SUPPORTED.format(name=name))
        pool, client = self.pool, self.client
        session = pool.sessions.get(token) if isinstance(token, str) else None
        if session is None or session.client_id != client.client_id or session.challenge != name:
            raise NotAuthorizedException(m.INVALID_SESSION)
        if self.now() >= session.expires:
            pool.sessions.pop(token, None)
            raise NotAuthorizedException(m.SESSION_EXPIRED)
        if session.user_not_found:  # only a CUSTOM_AUTH run for an unknown name gets here
            given = str(responses.get("USERNAME", ""))
            client.check_secret_hash(given, responses.get("SECRET_HASH"), session.username)
            return self.custom_round(None, session, str(token), responses)
        user = pool.user_named(session.username)
        if user is None:
            raise client.user_not_found()
        if responses.get("USERNAME") is not None or client.secret is not None:
            given = str(responses.get("USERNAME", ""))
            client.check_secret_hash(given, responses.get("SECRET_HASH"), user.username)
        handler = getattr(self, method)
        return handler(Answer(user, session, str(token), responses))  # type: ignore[no-any-return]

    def new_password(self, a: Answer) -> Response:
        pool, user, responses = self.pool, a.user, a.responses
        require(responses, "NEW_PASSWORD")
        check_policy(pool.config, responses["NEW_PASSWORD"])
        given = [
            {"Name": k.split(".", 1)[1], "Value": v}
            for k, v in responses.items()
            if k.startswith("userAttributes.")
        ]
        writable = self.client.config.get("WriteAttributes")
        attributes = validate_attributes(pool.config, given, admin=False, writable=writable)
        pool.sessions.pop(a.token, None)
        pool.set_password(user, responses["NEW_PASSWORD"])
        user.attributes.update(attributes)
        user.status = "CONFIRMED"
        user.modified = pool.host.now_dt()
        return self.mfa_or_success(user, a.session.flow)

    def second_factor(self, a: Answer, good: bool) -> Response:
        """Count the MFA attempt against the user's MFA lockout; on success, sign in."""
        user, stamp, limits = a.user, self.now(), self.pool.host.limits
        user.mfa_lockout.check(stamp, limits)
        if not good:
            user.mfa_lockout.fail(stamp, limits)
            raise CodeMismatchException(m.MFA_CODE_MISMATCH)
        user.mfa_lockout.succeed()
        self.pool.sessions.pop(a.token, None)
        return self.success(user)

    def sms_mfa(self, a: Answer) -> Response:
        require(a.responses, "SMS_MFA_CODE")
        given, sent = a.responses["SMS_MFA_CODE"], a.session.code
        good = isinstance(given, str) and sent is not None and hmac.compare_digest(sent, given)
        return self.second_factor(a, good)

    def software_mfa(self, a: Answer) -> Response:
        require(a.responses, "SOFTWARE_TOKEN_MFA_CODE")
        user = a.user
        if user.totp_secret is None or not user.totp_verified:
            raise SoftwareTokenMFANotFoundException(m.SOFTWARE_TOKEN_NOT_FOUND)
        code = a.responses["SOFTWARE_TOKEN_MFA_CODE"]
        step = matched_step(user.totp_secret, code, self.now())
        if step is not None and step <= user.totp_last_step:
            # A code signs in once (moto's aws_verified MFA tests, us-west-2).
            user.mfa_lockout.check(self.now(), self.pool.host.limits)
            raise ExpiredCodeException(m.TOTP_ALREADY_USED)
        out = self.second_factor(a, step is not None)
        if step is not None:
            user.totp_last_step = step
        return out

    def mfa_setup(self, a: Answer) -> Response:
        if not a.user.totp_verified:
            raise InvalidParameterException(m.MFA_NOT_SET_UP)
        self.pool.sessions.pop(a.token, None)
        a.user.totp_mfa_enabled = True
        return self.success(a.user)

    # -- custom auth ------------------------------------------------------------------
    def custom_next(
        self, user: User | None, history: tuple[dict[str, Any], ...], *, name: str = ""
    ) -> Response:
        """Ask DefineAuthChallenge what comes next: tokens, failure, or another challenge.

        ``user`` is ``None`` for a name that matches nobody on a client with
        PreventUserExistenceErrors=ENABLED: the triggers still run, told ``userNotFound``
        (COG: user-pool-lambda-define-auth-challenge), and the flow can only end in
        NotAuthorizedException, whatever DefineAuthChallenge decides.
        """
        if self.pool.triggers.target("DefineAuthChallenge") is None:
            # [?] text not confirmed on an AWS page.
            raise InvalidParameterException(
                "Custom auth lambda trigger is not configured for the user pool."
            )
        who: User | str = user if user is not None else name
        common = {
            "userAttributes": dict(user.attributes) if user is not None else {},
            "clientMetadata": dict(self.metadata),
            "userNotFound": user is None,
            "session": [dict(h) for h in history],
        }
        source = "DefineAuthChallenge_Authentication"
        decision = self.trigger("DefineAuthChallenge", source, who, common)
        if decision.get("failAuthentication"):
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        if decision.get("issueTokens"):
            if user is None:
                raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
            return self.success(user)
        challenge_name = decision.get("challengeName")
        if challenge_name != "CUSTOM_CHALLENGE":
            raise InvalidLambdaResponseException(
                f"DefineAuthChallenge returned an unsupported challengeName: {challenge_name}"
            )
        created = self.trigger(
            "CreateAuthChallenge",
            "CreateAuthChallenge_Authentication",
            who,
            {**common, "challengeName": challenge_name},
        )
        public = created.get("publicChallengeParameters") or {}
        private = created.get("privateChallengeParameters") or {}
        session = self.new_session(
            who,
            "CUSTOM_CHALLENGE",
            "CUSTOM_AUTH",
            history=history,
            private={str(k): str(v) for k, v in private.items()},
            metadata=created.get("challengeMetadata"),
            user_not_found=user is None,
        )
        username = user.username if user is not None else name
        parameters = {**{str(k): str(v) for k, v in public.items()}, "USERNAME": username}
        return _challenge("CUSTOM_CHALLENGE", session, parameters)

    def custom_answer(self, a: Answer) -> Response:
        return self.custom_round(a.user, a.session, a.token, a.responses)

    def custom_round(
        self, user: User | None, session: AuthSession, token: str, responses: dict[str, Any]
    ) -> Response:
        """Hand a CUSTOM_CHALLENGE answer to VerifyAuthChallengeResponse, then ask again."""
        require(responses, "ANSWER")
        who: User | str = user if user is not None else session.username
        verdict = self.trigger(
            "VerifyAuthChallengeResponse",
            "VerifyAuthChallengeResponse_Authentication",
            who,
            {
                "userAttributes": dict(user.attributes) if user is not None else {},
                "privateChallengeParameters": dict(session.private),
                "challengeAnswer": responses["ANSWER"],
                "clientMetadata": dict(self.metadata),
                "userNotFound": user is None,
            },
        )
        self.pool.sessions.pop(token, None)
        round_ = {
            "challengeName": "CUSTOM_CHALLENGE",
            "challengeResult": bool(verdict.get("answerCorrect")),
            "challengeMetadata": session.metadata,
        }
        return self.custom_next(user, (*session.history, round_), name=session.username)

    # -- remembered devices (COG: amazon-cognito-user-pools-device-tracking) -------------
    def device_challenge(self, user: User, flow: str) -> Response | None:
        """After the password: DEVICE_SRP_AUTH if a remembered device was presented."""
        device = self.pool.confirmed_device(user, self.device_key)
        if not self.pool.tracks_devices or device is None or not device.remembered:
            return None
        session = self.new_session(user, "DEVICE_SRP_AUTH", flow, device_key=device.key)
        return _challenge("DEVICE_SRP_AUTH", session, {})

    def device_srp(self, responses: Mapping[str, Any], token: Any) -> Response:
        """DEVICE_SRP_AUTH: the device's ``SRP_A``; answers with the device's salt and ``B``.

        The ``Session`` may be left out (as pycognito does): the open device challenge of
        that user and device is found by ``USERNAME`` and ``DEVICE_KEY``.
        """
        require(responses, "USERNAME", "DEVICE_KEY", "SRP_A")
        pool, client = self.pool, self.client
        user = pool.find_user(responses["USERNAME"])
        device = pool.confirmed_device(user, responses["DEVICE_KEY"]) if user else None
        if user is None or device is None or device.verifier is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        client.check_secret_hash(responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
        stamp = self.now()
        pool.purge(stamp)
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
        big_a = _srp_a(responses)
        ids = pool.host.ids
        server = SrpServer(device.verifier, b=ids.bits(256))
        key = server.session_key(big_a)
        if key is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        for t in open_:
            del pool.sessions[t]
        block = base64.b64encode(ids.token_bytes(64)).decode()
        expires = stamp + self.session_seconds()
        pool.srp_states[block] = SrpState(
            user.username, client.client_id, key, expires, device_key=device.key
        )
        parameters = {"SALT": device.verifier.salt, "SRP_B": f"{server.big_b:x}"}
        parameters.update({"SECRET_BLOCK": block, "USERNAME": user.username})
        return _challenge(
            "DEVICE_PASSWORD_VERIFIER", None, {**parameters, "DEVICE_KEY": device.key}
        )

    def device_password_verifier(self, responses: Mapping[str, Any]) -> Response:
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
        state = self.srp_state(responses, device=True)
        pool, client = self.pool, self.client
        user = pool.find_user(responses["USERNAME"])
        if user is None or user.username != state.username or user.device_group_key is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        client.check_secret_hash(responses["USERNAME"], responses.get("SECRET_HASH"), user.username)
        device = pool.confirmed_device(user, responses["DEVICE_KEY"])
        if (
            device is None
            or device.key != state.device_key
            or not _proof_ok(state, responses, user.device_group_key, device.key)
        ):
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        device.last_authenticated = pool.host.now_dt()
        if (pool.config.get("DeviceConfiguration") or {}).get("ChallengeRequiredOnNewDevice"):
            return self.success(user)  # the remembered device stands in for MFA
        return self.mfa_or_success(user, "USER_SRP_AUTH")


def _proof_ok(state: SrpState, responses: Mapping[str, Any], first: str, second: str) -> bool:
    """Whether ``PASSWORD_CLAIM_SIGNATURE`` is the HMAC of (first, second, block, timestamp)
    under the exchange's key: (pool suffix, user id) for a user, (group key, device key)
    for a device."""
    timestamp = responses["TIMESTAMP"]
    given = responses["PASSWORD_CLAIM_SIGNATURE"]
    try:
        block = base64.b64decode(responses["PASSWORD_CLAIM_SECRET_BLOCK"], validate=True)
    except ValueError:
        return False
    return (
        isinstance(timestamp, str)
        and valid_timestamp(timestamp)
        and isinstance(given, str)
        and hmac.compare_digest(claim_signature(state.key, first, second, block, timestamp), given)
    )
