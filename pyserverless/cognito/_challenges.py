"""Answering challenges: NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, MFA_SETUP, and
the CUSTOM_AUTH rounds driven by the define, create and verify auth challenge triggers."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

import attrs

from . import _messages as m
from ._errors import (
    CodeMismatchException,
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
    SoftwareTokenMFANotFoundException,
)
from ._flow import Flow, Response, challenge, mfa_or_success, success
from ._pool import AuthSession
from ._totp import verify as verify_totp
from ._users import (
    User,
    check_policy,
    check_secret_hash,
    now_dt,
    require,
    set_password,
    user_named,
    user_not_found,
    validate_attributes,
)

__all__ = ["answer_challenge", "custom_next"]


@attrs.frozen
class Answer:
    """A RespondToAuthChallenge in progress: its flow, user, session and responses."""

    flow: Flow
    user: User
    session: AuthSession
    token: str
    responses: dict[str, Any]

    def spend(self) -> None:
        """Use the session up (a challenge session answers once)."""
        self.flow.pool.sessions.pop(self.token, None)


def answer_challenge(f: Flow, name: str, token: Any, responses: dict[str, Any]) -> Response:
    """Check the ``Session`` of challenge ``name`` and hand the answer to its handler."""
    handler = _HANDLERS.get(name)
    if handler is None:
        raise InvalidParameterException(m.CHALLENGE_NOT_SUPPORTED.format(name=name))
    pool, client = f.pool, f.client
    session = pool.sessions.get(token) if isinstance(token, str) else None
    if session is None or session.client_id != client.client_id or session.challenge != name:
        raise NotAuthorizedException(m.INVALID_SESSION)
    if f.now() >= session.expires:
        pool.sessions.pop(token, None)
        raise NotAuthorizedException(m.SESSION_EXPIRED)
    if session.user_not_found:  # only a CUSTOM_AUTH run for an unknown name gets here
        name_given = str(responses.get("USERNAME", ""))
        check_secret_hash(client, name_given, responses.get("SECRET_HASH"), session.username)
        return _custom_round(f, None, session, str(token), responses)
    user = user_named(pool, session.username)
    if user is None:
        raise user_not_found(client)
    if responses.get("USERNAME") is not None or client.secret is not None:
        check_secret_hash(
            client, str(responses.get("USERNAME", "")), responses.get("SECRET_HASH"), user.username
        )
    return handler(Answer(f, user, session, str(token), responses))


def _new_password(a: Answer) -> Response:
    f, user, responses = a.flow, a.user, a.responses
    require(responses, "NEW_PASSWORD")
    check_policy(f.pool, responses["NEW_PASSWORD"])
    attributes = validate_attributes(
        f.pool,
        [
            {"Name": k.split(".", 1)[1], "Value": v}
            for k, v in responses.items()
            if k.startswith("userAttributes.")
        ],
        admin=False,
        client=f.client,
    )
    a.spend()
    set_password(f.engine, f.pool, user, responses["NEW_PASSWORD"])
    user.attributes.update(attributes)
    user.status = "CONFIRMED"
    user.modified = now_dt(f.engine)
    return mfa_or_success(f, user, a.session.flow)


def _second_factor(a: Answer, good: bool) -> Response:
    """Count the MFA attempt against the user's MFA lockout; on success, sign in."""
    f, user = a.flow, a.user
    stamp = f.now()
    user.mfa_lockout.check(stamp, f.engine.limits)
    if not good:
        user.mfa_lockout.fail(stamp, f.engine.limits)
        raise CodeMismatchException(m.MFA_CODE_MISMATCH)
    user.mfa_lockout.succeed()
    a.spend()
    return success(f, user)


def _sms_mfa(a: Answer) -> Response:
    require(a.responses, "SMS_MFA_CODE")
    given, sent = a.responses["SMS_MFA_CODE"], a.session.code
    return _second_factor(
        a, isinstance(given, str) and sent is not None and hmac.compare_digest(sent, given)
    )


def _software_mfa(a: Answer) -> Response:
    require(a.responses, "SOFTWARE_TOKEN_MFA_CODE")
    user = a.user
    if user.totp_secret is None or not user.totp_verified:
        raise SoftwareTokenMFANotFoundException(m.SOFTWARE_TOKEN_NOT_FOUND)
    code = a.responses["SOFTWARE_TOKEN_MFA_CODE"]
    return _second_factor(a, verify_totp(user.totp_secret, code, a.flow.now()))


def _mfa_setup(a: Answer) -> Response:
    if not a.user.totp_verified:
        raise InvalidParameterException(m.MFA_NOT_SET_UP)
    a.spend()
    a.user.totp_mfa_enabled = True
    return success(a.flow, a.user)


# -- custom auth ----------------------------------------------------------------------------------
def custom_next(
    f: Flow, user: User | None, history: tuple[dict[str, Any], ...], *, name: str = ""
) -> Response:
    """Ask DefineAuthChallenge what comes next: tokens, failure, or another challenge.

    ``user`` is ``None`` for a name that matches nobody on a client with
    PreventUserExistenceErrors=ENABLED: the triggers still run, told ``userNotFound``
    (COG: user-pool-lambda-define-auth-challenge), and the flow can only end in
    NotAuthorizedException, whatever DefineAuthChallenge decides.
    """
    if f.pool.trigger("DefineAuthChallenge") is None:
        # [?] text not confirmed on an AWS page.
        raise InvalidParameterException(
            "Custom auth lambda trigger is not configured for the user pool."
        )
    who: User | str = user if user is not None else name
    common = {
        "userAttributes": dict(user.attributes) if user is not None else {},
        "clientMetadata": dict(f.metadata),
        "userNotFound": user is None,
        "session": [dict(h) for h in history],
    }
    decision = f.trigger("DefineAuthChallenge", "DefineAuthChallenge_Authentication", who, common)
    if decision.get("failAuthentication"):
        raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    if decision.get("issueTokens"):
        if user is None:
            raise NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        return success(f, user)
    challenge_name = decision.get("challengeName")
    if challenge_name != "CUSTOM_CHALLENGE":
        raise InvalidLambdaResponseException(
            f"DefineAuthChallenge returned an unsupported challengeName: {challenge_name}"
        )
    created = f.trigger(
        "CreateAuthChallenge",
        "CreateAuthChallenge_Authentication",
        who,
        {**common, "challengeName": challenge_name},
    )
    public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
    private = {str(k): str(v) for k, v in (created.get("privateChallengeParameters") or {}).items()}
    session = f.new_session(
        who,
        "CUSTOM_CHALLENGE",
        "CUSTOM_AUTH",
        history=history,
        private=private,
        metadata=created.get("challengeMetadata"),
        user_not_found=user is None,
    )
    username = user.username if user is not None else name
    return challenge("CUSTOM_CHALLENGE", session, {**public, "USERNAME": username})


def _custom_answer(a: Answer) -> Response:
    return _custom_round(a.flow, a.user, a.session, a.token, a.responses)


def _custom_round(
    f: Flow, user: User | None, session: AuthSession, token: str, responses: dict[str, Any]
) -> Response:
    """Hand a CUSTOM_CHALLENGE answer to VerifyAuthChallengeResponse, then ask for the next."""
    require(responses, "ANSWER")
    who: User | str = user if user is not None else session.username
    verdict = f.trigger(
        "VerifyAuthChallengeResponse",
        "VerifyAuthChallengeResponse_Authentication",
        who,
        {
            "userAttributes": dict(user.attributes) if user is not None else {},
            "privateChallengeParameters": dict(session.private),
            "challengeAnswer": responses["ANSWER"],
            "clientMetadata": dict(f.metadata),
            "userNotFound": user is None,
        },
    )
    f.pool.sessions.pop(token, None)
    round_ = {
        "challengeName": "CUSTOM_CHALLENGE",
        "challengeResult": bool(verdict.get("answerCorrect")),
        "challengeMetadata": session.metadata,
    }
    return custom_next(f, user, (*session.history, round_), name=session.username)


_HANDLERS: dict[str, Callable[[Answer], Response]] = {
    "NEW_PASSWORD_REQUIRED": _new_password,
    "SMS_MFA": _sms_mfa,
    "SOFTWARE_TOKEN_MFA": _software_mfa,
    "MFA_SETUP": _mfa_setup,
    "CUSTOM_CHALLENGE": _custom_answer,
}
