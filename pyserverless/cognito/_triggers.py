"""User-pool Lambda triggers: AWS's event envelope, and calling a callable or a Lambda function.

A trigger is a Python callable taking ``(event, context)`` or just ``(event)``, an object with
an ``invoke`` method (a pyserverless Lambda ``Function``), or a Lambda function ARN from
``LambdaConfig`` resolved through ``cloud.lambda_``. It returns the event with ``response``
filled in; a Python callable may instead fill ``event["response"]`` in place and return
``None``. Exceptions become ``UserLambdaValidationException`` (aws-facts D6).
"""

from __future__ import annotations

import copy
import inspect
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as m
from ._errors import InvalidLambdaResponseException, UserLambdaValidationException

if TYPE_CHECKING:
    from ._pool import UserPool

__all__ = ["TRIGGERS", "event", "has_trigger", "run_trigger"]

#: LambdaConfig keys of the synchronous triggers, in AWS's order.
TRIGGERS = (
    "PreSignUp",
    "CustomMessage",
    "PostConfirmation",
    "PreAuthentication",
    "PostAuthentication",
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
    "PreTokenGeneration",
    "UserMigration",
)


def event(
    pool: UserPool,
    source: str,
    username: str,
    client_id: str | None,
    request: Mapping[str, Any],
    *,
    version: str = "1",
) -> dict[str, Any]:
    """The common envelope of every user-pool trigger event."""
    return {
        "version": version,
        "triggerSource": source,
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": client_id or "CLIENT_ID_NOT_APPLICABLE",
        },
        "request": dict(request),
        "response": _initial_response(source, version),
    }


def _initial_response(source: str, version: str) -> dict[str, Any]:
    """The ``response`` Cognito sends before the function fills it in."""
    kind = source.split("_", 1)[0]
    if kind == "PreSignUp":
        return {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}
    if kind == "CustomMessage":
        return {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    if kind == "DefineAuthChallenge":
        return {"challengeName": None, "issueTokens": None, "failAuthentication": None}
    if kind == "CreateAuthChallenge":
        return {
            "publicChallengeParameters": None,
            "privateChallengeParameters": None,
            "challengeMetadata": None,
        }
    if kind == "VerifyAuthChallengeResponse":
        return {"answerCorrect": False}
    if kind == "TokenGeneration":
        key = "claimsOverrideDetails" if version == "1" else "claimsAndScopeOverrideDetails"
        return {key: None}
    return {}


def has_trigger(pool: UserPool, name: str) -> bool:
    return pool.trigger(name) is not None


def _call(target: Any, payload: dict[str, Any]) -> Any:
    invoke = getattr(target, "invoke", None)
    if invoke is not None and not inspect.isfunction(target):
        result = invoke(payload)
        return _payload_of(result)
    try:
        params = inspect.signature(target).parameters.values()
        positional = [
            p
            for p in params
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
        ]
        takes_context = len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in positional)
    except (TypeError, ValueError):
        takes_context = True
    return target(payload, None) if takes_context else target(payload)


def _payload_of(result: Any) -> Any:
    """The handler's return value from whatever a Lambda ``invoke`` gave back."""
    if isinstance(result, Mapping) and "Payload" in result:
        body = result["Payload"]
        if hasattr(body, "read"):
            body = body.read()
        if isinstance(body, (bytes, str)):
            body = json.loads(body or "null")
        if result.get("FunctionError"):
            message = body.get("errorMessage") if isinstance(body, Mapping) else body
            raise RuntimeError(str(message))
        return body
    for attr in ("payload", "result", "value"):
        if hasattr(result, attr):
            return getattr(result, attr)
    return result


def run_trigger(pool: UserPool, name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Call trigger ``name`` with ``payload``; return the ``response`` it filled in.

    Without a configured trigger, returns ``{}``.
    """
    target = pool.trigger(name)
    if target is None:
        return {}
    if isinstance(target, str):
        target = pool.resolve_lambda(target)
    sent = copy.deepcopy(payload)
    pool.trigger_log.append((name, copy.deepcopy(payload)))
    try:
        with pool.engine.lock.released():
            result = _call(target, sent)
    except Exception as exc:  # a trigger's failure is the caller's error, as in AWS
        error = getattr(exc, "error_message", None) or exc  # a Lambda FunctionError's text
        raise UserLambdaValidationException(
            m.LAMBDA_VALIDATION.format(trigger=name, error=error)
        ) from exc
    if result is None:
        result = sent
    if not isinstance(result, Mapping):
        raise InvalidLambdaResponseException(f"Unrecognizable lambda output for {name}")
    response = result.get("response") or {}
    if not isinstance(response, Mapping):
        raise InvalidLambdaResponseException(f"Unrecognizable lambda output for {name}")
    return dict(response)
