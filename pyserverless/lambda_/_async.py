"""Asynchronous invocation: an event queue on the Cloud's Scheduler.

A function error is retried ``MaximumRetryAttempts`` times (default 2), waiting one and
then two minutes; a throttled event is retried with exponential backoff (1 s doubling
to 5 min) until ``MaximumEventAgeInSeconds`` (default 6 h). An event that succeeds goes
to the on-success destination; one that fails for good goes to the on-failure
destination, else to the dead-letter queue (aws-facts B2). Destinations and DLQs are
SQS queues (through the SQS engine's public SendMessage) or Lambda functions, and
destinations may be EventBridge buses too (an event from source ``lambda``, detail-type
``Lambda Function Invocation Result - Success`` or ``- Failure``, the record as its
detail). A destination receives AWS's invocation record (a queue as the message body); a DLQ gets
the original event, a queue's message carrying the attributes ``RequestID``,
``ErrorCode`` and ``ErrorMessage``. A record a queue refuses (a FIFO queue, a queue
deleted since) is dropped, as AWS drops it (its DestinationDeliveryFailures metric).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .._core.errors import AWSError
from ._errors import LambdaError, TooManyRequestsException
from ._esm_records import send_to_queue

if TYPE_CHECKING:
    from ._engine import LambdaService
    from ._model import Invocation

__all__ = ["AsyncEvent", "AsyncQueue"]


class AsyncEvent:
    """One queued event and its history."""

    __slots__ = (
        "attempts",
        "enqueued",
        "function",
        "payload",
        "qualifier",
        "request_id",
        "throttles",
    )

    def __init__(
        self, function: str, qualifier: str | None, payload: bytes, request_id: str, enqueued: float
    ) -> None:
        self.function = function
        self.qualifier = qualifier
        self.payload = payload
        self.request_id = request_id
        self.enqueued = enqueued
        self.attempts = 0
        self.throttles = 0

    def __repr__(self) -> str:
        return f"<AsyncEvent {self.request_id} {self.function} attempts={self.attempts}>"


class AsyncQueue:
    """The asynchronous event queue of one Lambda service."""

    def __init__(self, service: LambdaService) -> None:
        self.service = service
        #: Every outcome, in order: (request id, condition) — for tests and the curious.
        self.history: list[tuple[str, str]] = []

    def submit(self, function: str, qualifier: str | None, payload: bytes, request_id: str) -> None:
        event = AsyncEvent(
            function, qualifier, payload, request_id, self.service.cloud.clock.time()
        )
        self.service.cloud.scheduler.call_later(
            0, self._attempt, event, name=f"lambda:async:{function}"
        )

    def _limits(self, event: AsyncEvent) -> tuple[int, int, str | None, str | None]:
        svc = self.service
        fn = svc.functions.get(event.function)
        lim = svc.limits
        retries, age, ok, fail = lim.max_retry_attempts, lim.max_event_age_seconds, None, None
        if fn is not None:
            config = fn.event_invoke_configs.get(event.qualifier or "$LATEST")
            if config is not None:
                retries = config.maximum_retry_attempts
                age = config.maximum_event_age_seconds
                ok, fail = config.on_success, config.on_failure
        return retries, age, ok, fail

    def _attempt(self, event: AsyncEvent) -> None:
        svc = self.service
        fn = svc.functions.get(event.function)
        if fn is None:
            self.history.append((event.request_id, "FunctionDeleted"))
            return
        retries, max_age, on_success, on_failure = self._limits(event)
        now = svc.cloud.clock.time()
        if now - event.enqueued > max_age:
            self._failed(event, "EventAgeExceeded", None, on_failure)
            return
        try:
            config = svc._config_for(fn, event.qualifier)
            if event.qualifier is not None and event.qualifier in fn.aliases:
                config = svc.executor.route(fn, fn.aliases[event.qualifier])
            invoked = fn.arn if event.qualifier is None else f"{fn.arn}:{event.qualifier}"
            inv = svc.executor.execute(
                fn,
                config,
                event.payload,
                invoked_arn=invoked,
                sync=False,
                request_id=event.request_id,
            )
        except TooManyRequestsException as err:
            lim = svc.limits
            delay = min(
                lim.async_throttle_backoff_max_seconds,
                lim.async_throttle_backoff_min_seconds * 2**event.throttles,
            )
            event.throttles += 1
            if now + delay - event.enqueued > max_age:
                self._failed(event, "EventAgeExceeded", None, on_failure, err)
                return
            svc.cloud.scheduler.call_later(delay, self._attempt, event)
            return
        except LambdaError as err:
            self._failed(event, "RetriesExhausted", None, on_failure, err)
            return
        event.attempts += 1
        if inv.function_error is None:
            self.history.append((event.request_id, "Success"))
            if on_success is not None:
                self._deliver(on_success, self._record(event, "Success", inv, fn.arn), True)
            return
        if event.attempts <= retries:
            delays = svc.limits.async_retry_delays_seconds
            delay = delays[min(event.attempts - 1, len(delays) - 1)]
            svc.cloud.scheduler.call_later(delay, self._attempt, event)
            return
        self._failed(event, "RetriesExhausted", inv, on_failure)

    def _failed(
        self,
        event: AsyncEvent,
        condition: str,
        inv: Invocation | None,
        on_failure: str | None,
        error: LambdaError | None = None,
    ) -> None:
        self.history.append((event.request_id, condition))
        fn = self.service.functions.get(event.function)
        if fn is None:
            return
        if on_failure is not None:
            self._deliver(on_failure, self._record(event, condition, inv, fn.arn), False)
            return
        dlq = fn.latest.dead_letter_arn
        if dlq is None:
            return
        if ":sqs:" not in dlq:
            self._deliver(dlq, event.payload)
            return
        code, message = _dead_letter_error(inv, error)
        attributes = {
            "RequestID": {"DataType": "String", "StringValue": event.request_id},
            "ErrorCode": {"DataType": "Number", "StringValue": code},
            "ErrorMessage": {"DataType": "String", "StringValue": message},
        }
        body = event.payload.decode("utf-8", "replace")
        if not send_to_queue(self.service.cloud, dlq, body, attributes):
            self.history.append((dlq, "DeadLetterUndeliverable"))

    def _to_bus(self, bus: str, payload: bytes, success: bool) -> None:
        """Put the record on an EventBridge bus through the events engine's public API."""
        record = json.loads(payload)
        outcome = "Success" if success else "Failure"
        entry = {
            "Source": "lambda",
            "DetailType": f"Lambda Function Invocation Result - {outcome}",
            "Detail": payload.decode(),
            # [?] the bus and the invoked function (with its qualifier), as seen in events
            "Resources": [bus, _qualified(record["requestContext"]["functionArn"])],
            "EventBusName": bus,
        }
        try:
            answer = self.service.cloud.engine("events", bus.split(":")[3]).put_service_event(entry)
        except AWSError as err:
            answer = {"ErrorCode": err.code}
        except ValueError:  # a Region pyserverless does not know
            answer = {"ErrorCode": "ValidationException"}
        if "ErrorCode" in answer:
            self.history.append((bus, "DestinationUndeliverable"))

    def _record(
        self, event: AsyncEvent, condition: str, inv: Invocation | None, function_arn: str
    ) -> bytes:
        arn = function_arn if event.qualifier is None else f"{function_arn}:{event.qualifier}"
        stamp = self.service.cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        record: dict[str, Any] = {
            "version": "1.0",
            "timestamp": stamp,
            "requestContext": {
                "requestId": event.request_id,
                "functionArn": arn,
                "condition": condition,
                "approximateInvokeCount": event.attempts,
            },
            "requestPayload": json.loads(event.payload) if event.payload else None,
        }
        if inv is not None:
            response: dict[str, Any] = {"statusCode": 200, "executedVersion": inv.executed_version}
            if inv.function_error:
                response["functionError"] = inv.function_error
            record["responseContext"] = response
            record["responsePayload"] = inv.json()
        return json.dumps(record).encode()

    def _deliver(self, target: str, payload: bytes, success: bool | None = None) -> None:
        svc = self.service
        if ":event-bus/" in target and success is not None:
            self._to_bus(target, payload, success)
            return
        if ":sqs:" in target:
            if not send_to_queue(svc.cloud, target, payload.decode("utf-8", "replace")):
                self.history.append((target, "DestinationUndeliverable"))
            return
        try:
            svc.invoke(target, payload, invocation_type="Event")
        except LambdaError:
            self.history.append((target, "DestinationUndeliverable"))


#: The most of an error message a dead-letter message carries [?].
_MAX_ERROR_MESSAGE = 1024


def _dead_letter_error(inv: Invocation | None, error: LambdaError | None) -> tuple[str, str]:
    """A DLQ message's ErrorCode (the invocation's status) and ErrorMessage."""
    if inv is not None:
        try:
            answer = inv.json()
        except ValueError:
            answer = None
        text = answer.get("errorMessage") if isinstance(answer, dict) else None
        return str(inv.status_code), str(text or inv.function_error or "")[:_MAX_ERROR_MESSAGE]
    if error is not None:
        return str(error.status_code), error.message[:_MAX_ERROR_MESSAGE]
    return "500", ""


def _qualified(function_arn: str) -> str:
    """A function ARN with its qualifier (``$LATEST`` when it has none)."""
    return function_arn if function_arn.count(":") >= 7 else f"{function_arn}:$LATEST"
