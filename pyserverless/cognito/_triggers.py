"""User-pool Lambda triggers: AWS's event envelope, and calling a trigger as Cognito does.

A trigger is a Python callable taking ``(event, context)`` or just ``(event)``, a
pyserverless Lambda function (anything with an ``arn``), or a Lambda function ARN from
``LambdaConfig`` resolved through the Cloud's Lambda service. It returns the event with
``response`` filled in; a Python callable may instead fill ``event["response"]`` in place
and return ``None``.

Cognito invokes a trigger synchronously and waits ``trigger_timeout_seconds`` (5 s) for the
answer; a call that times out or is throttled is tried again, up to ``trigger_attempts``
(3) tries in all (aws-facts D6; COG: cognito-user-pools-working-with-lambda-triggers,
"Important considerations"). The deadline is real time, as a Lambda timeout is, even
under a ``ManualClock``. A Python callable runs under Lambda's limits through the Lambda
engine's public ``run_callable``; a Lambda function is invoked with the Lambda engine's
public ``invoke`` and a per-call ``deadline_seconds``: it keeps its own timeout, and
Cognito just stops waiting for it.

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
from collections.abc import Callable, Mapping
from typing import Any

from ..lambda_ import InvokeDeadlineExceeded, LambdaError, ResourceNotFoundException
from ..lambda_ import TooManyRequestsException as LambdaThrottled
from . import _messages as m
from ._errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)
from ._host import Host

__all__ = ["TRIGGERS", "Triggers", "check_trigger_name"]

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

#: How one try ended: the value returned, an exception raised by the function, a Lambda
#: service error (throttle, missing function), or no answer before the deadline.
RETURNED, RAISED, REFUSED, TIMED_OUT = "returned", "raised", "refused", "timed out"


def check_trigger_name(name: str) -> None:
    """``ValueError`` (Python-API misuse) unless ``name`` is a trigger's LambdaConfig key."""
    if name not in TRIGGERS:
        raise ValueError(f"unknown trigger {name!r}; triggers: {', '.join(TRIGGERS)}")


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


class Triggers:
    """A pool's triggers: targets set from Python, the ARNs of its LambdaConfig, and a log.

    ``fire`` sends a trigger AWS's event and returns its ``response``; it never holds the
    engine lock while the trigger runs, so the trigger may call back into the pool.
    """

    def __init__(self, host: Host, pool_id: str) -> None:
        self.host = host
        self.pool_id = pool_id
        #: Python callables (or Lambda functions) by LambdaConfig key; override config ARNs.
        self.targets: dict[str, Any] = {}
        #: LambdaConfig's ARNs, kept in step with the pool's configuration.
        self.arns: Mapping[str, Any] = {}
        #: Every trigger event sent, as (trigger name, event), for tests to inspect.
        self.log: list[tuple[str, dict[str, Any]]] = []

    def target(self, name: str) -> Any:
        """The configured target of trigger ``name``, or ``None``."""
        if name in self.targets:
            return self.targets[name]
        return self.arns.get(name)

    def fire(
        self,
        name: str,
        source: str,
        username: str,
        client_id: str | None,
        request: Mapping[str, Any],
        *,
        version: str = "1",
    ) -> dict[str, Any]:
        """Send trigger ``name`` AWS's event (``triggerSource`` ``source``); its response.

        Returns ``{}`` at once when the pool has no such trigger.
        """
        if self.target(name) is None:
            return {}
        envelope = {
            "version": version,
            "triggerSource": source,
            "region": self.host.region,
            "userPoolId": self.pool_id,
            "userName": username,
            "callerContext": {
                "awsSdkVersion": "aws-sdk-unknown-unknown",
                "clientId": client_id or "CLIENT_ID_NOT_APPLICABLE",
            },
            "request": dict(request),
            "response": _initial_response(source, version),
        }
        return self._run(name, envelope)

    def _run(self, name: str, payload: dict[str, Any]) -> dict[str, Any]:
        target = self.target(name)
        limits = self.host.limits
        end, value = REFUSED, "AccessDeniedException"  # what a function that is gone answers
        with self.host.lock.released():
            if isinstance(target, str):
                target = self._resolve(target)
            tries = max(limits.trigger_attempts, 1) if target is not None else 0
            for _ in range(tries):
                self.log.append((name, copy.deepcopy(payload)))
                end, value = self._call(target, copy.deepcopy(payload), name)
                if end != TIMED_OUT and (end, value) != (REFUSED, "TooManyRequestsException"):
                    break  # only a timeout or a throttle is tried again
        if end == TIMED_OUT:
            raise UnexpectedLambdaException(
                m.LAMBDA_UNEXPECTED.format(trigger=name, error=m.LAMBDA_SOCKET_TIMEOUT)
            )
        if end == REFUSED:
            raise UnexpectedLambdaException(m.LAMBDA_UNEXPECTED.format(trigger=name, error=value))
        if end == RAISED:
            raise UserLambdaValidationException(
                m.LAMBDA_VALIDATION.format(trigger=name, error=value)
            )
        response = (value.get("response") or {}) if isinstance(value, Mapping) else None
        if not isinstance(response, Mapping):
            raise InvalidLambdaResponseException(m.LAMBDA_OUTPUT)
        return dict(response)

    # -- one try ---------------------------------------------------------------------------
    def _lambda(self) -> Any:
        try:
            return self.host.cloud.engine("lambda", self.host.region)
        except ValueError:
            return None

    def _resolve(self, arn: str) -> str | None:
        """The ARN if the Lambda service has that function, else ``None`` (it is gone)."""
        service = self._lambda()
        try:
            service.get_function(arn)
        except ResourceNotFoundException:
            return None
        except AttributeError:  # pragma: no cover - every Cloud has Lambda
            return None
        return arn

    def _call(self, target: Any, payload: dict[str, Any], name: str) -> tuple[str, Any]:
        """One try: ``(RETURNED, value)``, ``(RAISED, message)``, ``(REFUSED, reason)`` or
        ``(TIMED_OUT, None)``."""
        timeout = self.host.limits.trigger_timeout_seconds
        service = self._lambda()
        arn = target if isinstance(target, str) else getattr(target, "arn", None)
        if isinstance(arn, str):
            if service is None:
                return REFUSED, "AccessDeniedException"
            return _invoke_function(service, arn, payload, timeout)
        if not callable(target):
            return REFUSED, f"{type(target).__name__} is not callable"
        with_context = _takes_context(target)

        def handler(event: Any, context: Any) -> Any:
            value = target(event, context) if with_context else target(event)
            return event if value is None else value

        if service is None:  # pragma: no cover - every Cloud has Lambda
            return REFUSED, "AccessDeniedException"
        label = f"{self.pool_id}-{name}"
        result = service.run_callable(handler, payload, name=label, timeout=timeout)
        if result.status == "timeout":
            return TIMED_OUT, None
        if result.status != "ok":
            return RAISED, str(result.error_message or result.error_type)
        return RETURNED, result.value


def _invoke_function(
    service: Any, arn: str, payload: dict[str, Any], timeout: float
) -> tuple[str, Any]:
    """Invoke a Lambda function synchronously, waiting at most ``timeout`` (Lambda's per-call
    ``deadline_seconds``). Lambda enforces the function's own timeout; past Cognito's
    deadline the function runs on to it, as on AWS, and only Cognito stops waiting."""
    try:
        inv = service.invoke(arn, json.dumps(payload).encode(), deadline_seconds=timeout)
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
