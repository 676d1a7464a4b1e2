"""User-pool Lambda triggers: AWS's event envelope, and calling a trigger as Cognito does.

A trigger is a Python callable taking ``(event, context)`` or just ``(event)``, a
pyserverless Lambda ``Function``, or a Lambda function ARN from ``LambdaConfig`` resolved
through the Cloud's Lambda service. It returns the event with ``response`` filled in; a
Python callable may instead fill ``event["response"]`` in place and return ``None``.

Cognito invokes a trigger synchronously and waits ``trigger_timeout_seconds`` (5 s) for the
answer; a call that times out or is throttled is tried again, up to ``trigger_attempts``
(3) tries in all (aws-facts D6; COG: cognito-user-pools-working-with-lambda-triggers,
"Important considerations"). The deadline is real time, as a Lambda timeout is, even
under a ``ManualClock``. A Python callable runs on a worker thread of the Lambda package's
inline mode, whose watchdog releases the caller at the deadline and abandons the worker;
a Lambda function is invoked with the Lambda service's per-call ``deadline_seconds``: it
keeps its own timeout, and Cognito just stops waiting for it.

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
from ..lambda_._invoke import InvokeDeadlineExceeded
from ..lambda_._runtime import OK, TIMEOUT, HandlerSpec, Request
from . import _messages as m
from ._errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)

if TYPE_CHECKING:
    from ._pool import UserPool

__all__ = ["TRIGGERS", "TriggerRunner", "fire", "run_trigger"]

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
)


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
        p
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in positional)


class TriggerRunner:
    """Calls trigger targets within Cognito's deadline.

    A Python callable runs on a fresh execution environment of the Lambda package's inline
    mode (a worker thread) watched by this runner's ``Watchdog``: past the deadline the
    caller is released with a timeout and the worker abandoned, exactly as an inline
    Lambda function that overruns. A Lambda ``Function`` is invoked through its service,
    which enforces the function's own timeout; Cognito only stops waiting at its deadline.
    """

    def __init__(self) -> None:
        self.watchdog = Watchdog()

    def call(
        self, target: Any, payload: dict[str, Any], *, timeout: float, label: str, request_id: str
    ) -> tuple[str, Any]:
        """One try: ``(RETURNED, value)``, ``(RAISED, message)``, ``(REFUSED, reason)`` or
        ``(TIMED_OUT, None)``."""
        if isinstance(target, Function):
            return _call_function(target, payload, timeout, label)
        if not callable(target):
            return REFUSED, f"{type(target).__name__} is not callable"
        box: dict[str, tuple[str, Any]] = {}
        with_context = _takes_context(target)

        def handler(evt: Any, ctx: LambdaContext) -> None:
            try:
                value = target(evt, ctx) if with_context else target(evt)
            except Exception as exc:  # the function's failure, reported to the caller
                box["end"] = (RAISED, str(exc))
                return
            box["end"] = (RETURNED, evt if value is None else value)

        env = InlineEnvironment(
            # A Python callable sees the process's environment, as it would if called
            # directly; the worker thread gets a copy (the host's is never modified).
            HandlerSpec(label, func=handler),
            dict(os.environ),
            self.watchdog,
            label,
        )
        env.start(timeout)
        req = Request(
            request_id,
            b"",
            timeout=timeout,
            function_name=label,
            version="$LATEST",
            invoked_arn="",
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


def _call_function(
    function: Function, payload: dict[str, Any], timeout: float, label: str
) -> tuple[str, Any]:
    """Invoke a Lambda function synchronously, waiting at most ``timeout`` (Lambda's per-call
    ``deadline_seconds``); how it ended, as ``TriggerRunner.call``. Lambda enforces the
    function's own timeout; past Cognito's deadline the function runs on to it, as on AWS,
    and only Cognito stops waiting (so no Lambda bookkeeping is ever interrupted)."""
    del label  # the Lambda service names its own helper thread
    try:
        inv = function.invoke_raw(json.dumps(payload).encode(), deadline_seconds=timeout)
    except InvokeDeadlineExceeded:
        return TIMED_OUT, None
    except LambdaThrottled:
        return REFUSED, "TooManyRequestsException"
    except ResourceNotFoundException:
        # A deleted function answers as a missing permission (re:Post
        # knowledge-center/cognito-lambda-trigger-errors).
        return REFUSED, "AccessDeniedException"
    except LambdaError as exc:
        return REFUSED, exc.code
    except Exception as exc:  # an unexpected failure of the invocation itself
        return REFUSED, type(exc).__name__
    body = inv.json()
    if inv.function_error:  # its own timeout included: "RequestId: ... Task timed out ..."
        return RAISED, str(body.get("errorMessage") if isinstance(body, Mapping) else body)
    return RETURNED, body


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
    end, value = REFUSED, "AccessDeniedException"  # what a function that is gone answers
    with engine.lock.released():
        if isinstance(target, str):
            try:
                target = pool.resolve_lambda(target)
            except ResourceNotFoundException:
                target = None
        for _ in range(max(limits.trigger_attempts, 1) if target is not None else 0):
            pool.trigger_log.append((name, copy.deepcopy(payload)))
            end, value = engine.trigger_runner.call(
                target,
                copy.deepcopy(payload),
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
    response = (value.get("response") or {}) if isinstance(value, Mapping) else None
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
    """Send trigger ``name`` AWS's event (``triggerSource`` ``source``); return its response.

    Returns ``{}`` at once when the pool has no such trigger.
    """
    if pool.trigger(name) is None:
        return {}
    envelope = {
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
    return run_trigger(pool, name, envelope)
