"""User-pool Lambda triggers: AWS's event envelope, and calling a trigger as Cognito does.

A trigger is a Python callable taking ``(event, context)`` or just ``(event)``, a
pyserverless Lambda ``Function``, or a Lambda function ARN from ``LambdaConfig`` resolved
through the Cloud's Lambda service. It returns the event with ``response`` filled in; a
Python callable may instead fill ``event["response"]`` in place and return ``None``.

Cognito invokes a trigger synchronously and waits ``trigger_timeout_seconds`` (5 s) for the
answer; a call that times out or is throttled is tried again, up to ``trigger_attempts``
(3) tries in all (aws-facts D6; COG: cognito-user-pools-working-with-lambda-triggers,
"Important considerations"). The deadline is real time, as a Lambda timeout is, even
under a ``ManualClock``. Every target runs on a worker thread of the Lambda package's
inline mode, whose watchdog releases the caller at the deadline and abandons the worker.

What goes wrong surfaces as AWS reports it:

* the function raised (or a Lambda function returned a function error):
  ``UserLambdaValidationException: <Trigger> failed with error <message>.``;
* no answer in time, or throttled, on every try, or the function is gone:
  ``UnexpectedLambdaException: <Trigger> invocation failed due to error <reason>.``;
* an answer that is not an event with a ``response`` object:
  ``InvalidLambdaResponseException: Unrecognizable lambda output``.
"""

from __future__ import annotations

import copy
import inspect
import json
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..lambda_ import Function, LambdaContext, LambdaError, ResourceNotFoundException
from ..lambda_ import TooManyRequestsException as LambdaThrottled
from ..lambda_._inline import InlineEnvironment, Watchdog
from ..lambda_._runtime import OK, TIMEOUT, HandlerSpec, Request
from . import _messages as m
from ._errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)

if TYPE_CHECKING:
    from ._pool import UserPool

__all__ = ["TRIGGERS", "TriggerRunner", "event", "fire", "run_trigger"]

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


# -- one call ------------------------------------------------------------------------------------
#: How one try ended: the value returned, an exception raised by the function, a Lambda
#: service error (throttle, missing function), or no answer before the deadline.
RETURNED, RAISED, REFUSED, TIMED_OUT = "returned", "raised", "refused", "timed out"


def _takes_context(target: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):
        return True
    positional = [
        p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in positional)


class TriggerRunner:
    """Calls trigger targets within a deadline, on the Lambda package's inline machinery.

    Each try runs on a fresh inline execution environment (a worker thread) watched by
    this runner's ``Watchdog``: past the deadline the caller is released with a timeout
    and the worker is abandoned, exactly as an inline Lambda function that overruns.
    """

    def __init__(self) -> None:
        self.watchdog = Watchdog()

    def call(
        self, target: Any, payload: dict[str, Any], *, timeout: float, label: str, request_id: str
    ) -> tuple[str, Any]:
        """One try: ``(RETURNED, value)``, ``(RAISED, message)``, ``(REFUSED, reason)`` or
        ``(TIMED_OUT, None)``."""
        box: dict[str, tuple[str, Any]] = {}
        if isinstance(target, Function):

            def handler(evt: Any, ctx: LambdaContext) -> None:
                try:
                    inv = target.invoke_raw(json.dumps(evt).encode())
                except LambdaThrottled:
                    box["end"] = (REFUSED, "TooManyRequestsException")
                    return
                except ResourceNotFoundException:
                    # A deleted function answers as a missing permission (re:Post
                    # knowledge-center/cognito-lambda-trigger-errors).
                    box["end"] = (REFUSED, "AccessDeniedException")
                    return
                except LambdaError as exc:
                    box["end"] = (REFUSED, exc.code)
                    return
                body = inv.json()
                if inv.function_error:
                    message = body.get("errorMessage") if isinstance(body, Mapping) else body
                    box["end"] = (RAISED, str(message))
                else:
                    box["end"] = (RETURNED, body)

        elif callable(target):
            with_context = _takes_context(target)

            def handler(evt: Any, ctx: LambdaContext) -> None:
                try:
                    value = target(evt, ctx) if with_context else target(evt)
                except Exception as exc:  # the function's failure, reported to the caller
                    box["end"] = (RAISED, str(exc))
                    return
                box["end"] = (RETURNED, evt if value is None else value)

        else:
            return REFUSED, f"{type(target).__name__} is not callable"
        env = InlineEnvironment(
            # A Python callable sees the process's environment, as it would if called
            # directly; the worker thread gets a copy (the host's is never modified).
            HandlerSpec(label, func=handler), dict(os.environ), self.watchdog, label
        )
        env.start(timeout)
        req = Request(
            request_id,
            b"",
            timeout=timeout,
            function_name=label,
            version="$LATEST",
            invoked_arn=getattr(target, "arn", ""),
            memory="128",
            log_group=f"/aws/cognito/{label}",
            log_stream=label,
        )
        req.event = payload
        try:
            out = env.run(req)
        finally:
            env.close()
        if out.output:
            sys.stdout.write(out.output)  # what the trigger printed, as if called directly
        if out.kind == TIMEOUT:
            return TIMED_OUT, None
        if out.kind != OK or "end" not in box:  # sys.exit() and the like
            body = json.loads(out.payload or b"{}")
            return RAISED, str(body.get("errorMessage", out.error_type))
        return box["end"]


# -- the trigger call as Cognito makes it -------------------------------------------------------
def run_trigger(pool: UserPool, name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Call trigger ``name`` with ``payload`` as Cognito does; return the ``response``.

    Without a configured trigger, returns ``{}``. Never holds the engine lock while the
    trigger runs, so the trigger may call back into the pool.
    """
    target = pool.trigger(name)
    if target is None:
        return {}
    engine = pool.engine
    limits = engine.limits
    request_id = engine.cloud.ids.request_id()
    with engine.lock.released():
        if isinstance(target, str):
            try:
                target = pool.resolve_lambda(target)
            except ResourceNotFoundException:
                target = None
        reason = "AccessDeniedException"
        end, value = REFUSED, reason
        for _ in range(max(limits.trigger_attempts, 1) if target is not None else 0):
            sent = copy.deepcopy(payload)
            pool.trigger_log.append((name, copy.deepcopy(payload)))
            end, value = engine.trigger_runner.call(
                target,
                sent,
                timeout=limits.trigger_timeout_seconds,
                label=f"{pool.id}-{name}",
                request_id=request_id,
            )
            if end != TIMED_OUT and (end, value) != (REFUSED, "TooManyRequestsException"):
                break  # only a timeout or a throttle is tried again
    if end == TIMED_OUT:
        raise UnexpectedLambdaException(
            m.LAMBDA_UNEXPECTED.format(trigger=name, error=m.LAMBDA_SOCKET_TIMEOUT)
        )
    if end == REFUSED:
        raise UnexpectedLambdaException(m.LAMBDA_UNEXPECTED.format(trigger=name, error=value))
    if end == RAISED:
        raise UserLambdaValidationException(m.LAMBDA_VALIDATION.format(trigger=name, error=value))
    response = value.get("response") or {} if isinstance(value, Mapping) else None
    if not isinstance(response, Mapping):
        raise InvalidLambdaResponseException(m.LAMBDA_OUTPUT)
    return dict(response)


def fire(
    pool: UserPool,
    name: str,
    source: str,
    username: str,
    client_id: str | None,
    request: Mapping[str, Any],
    *,
    version: str = "1",
) -> dict[str, Any]:
    """Build the event of trigger ``name`` (``triggerSource`` ``source``) and run it."""
    if pool.trigger(name) is None:
        return {}
    return run_trigger(
        pool, name, event(pool, source, username, client_id, request, version=version)
    )
