"""PutEvents, TestEventPattern and schedules: events matched and handed to targets.

A matching rule's targets get the event on the Cloud's Scheduler (a task due now, run
when the clock next moves or ``cloud.scheduler.run_due()`` runs), through the Lambda
engine's asynchronous invoke (``InvocationType="Event"``), so Lambda's async retries,
destinations and dead-letter queue apply, or through the SQS engine's SendMessage (a
FIFO queue gets the target's MessageGroupId and the event id as deduplication id). A
scheduled rule fires at each instant its expression gives, on the Cloud's clock, with
the "Scheduled Event" shape.

A delivery that fails goes to the target's dead-letter queue when it has one: the
payload as the message body, with the message attributes AWS documents
(``ERROR_CODE``, ``ERROR_MESSAGE``, ``EXHAUSTED_RETRY_CONDITION``, ``RETRY_ATTEMPTS``,
``RULE_ARN``, ``TARGET_ARN``). No delivery is retried here, so ``RETRY_ATTEMPTS`` is
``0`` and ``EXHAUSTED_RETRY_CONDITION`` ``MaximumRetryAttempts`` [?].
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import Any

import attrs

from .._core.errors import AWSError
from . import _messages as msg
from ._base import EngineBase, Params, Response, iso_time
from ._errors import ResourceNotFoundException, ValidationException
from ._input import extract, render
from ._model import Delivery, Rule, Target
from ._patterns import compile_pattern

__all__ = ["DeliveryOps"]

#: TestEventPattern's event must carry these (AWS's "Parameter Event is not valid.").
_EVENT_FIELDS = ("id", "account", "source", "time", "region", "detail-type")


class DeliveryOps(EngineBase):
    """Events in, targets invoked."""

    # -- PutEvents -------------------------------------------------------------------
    def put_events(self, params: Params) -> Response:
        """PutEvents: up to 10 entries; each gets an EventId or an error code."""
        if params.get("EndpointId") is not None:
            raise ValidationException(msg.NO_GLOBAL_ENDPOINTS)
        entries = params["Entries"]
        if len(entries) > self.limits.max_put_events_entries:
            raise ValidationException(
                "1 validation error detected: Value at 'entries' failed to satisfy "
                "constraint: Member must have length less than or equal to "
                f"{self.limits.max_put_events_entries}"
            )
        if sum(_entry_size(e) for e in entries) > self.limits.max_entry_bytes:
            raise ValidationException(msg.ENTRIES_TOO_LARGE)
        results: list[dict[str, Any]] = []
        failed = 0
        with self.lock:
            for entry in entries:
                result = self._put_entry(entry)
                failed += "ErrorCode" in result
                results.append(result)
        return {"FailedEntryCount": failed, "Entries": results}

    def put_service_event(self, entry: dict[str, Any]) -> dict[str, Any]:
        """An AWS service's own event (``aws.s3``, ...) onto a bus: one PutEvents entry,
        without the check that keeps customers from ``aws.*`` sources (S3 calls this)."""
        with self.lock:
            return self._put_entry(entry, service=True)

    def _put_entry(self, entry: dict[str, Any], *, service: bool = False) -> dict[str, Any]:
        for name in ("Source", "DetailType", "Detail"):
            if not entry.get(name):
                return {
                    "ErrorCode": "InvalidArgument",
                    "ErrorMessage": msg.REQUIRED_ARGUMENT.format(name=name),
                }
        if entry["Source"].startswith("aws.") and not service:
            return {
                "ErrorCode": "NotAuthorizedForSourceException",
                "ErrorMessage": msg.RESERVED_SOURCE,
            }
        try:
            detail = json.loads(entry["Detail"])
        except (ValueError, RecursionError):
            detail = None
        if not isinstance(detail, dict):
            return {"ErrorCode": "MalformedDetail", "ErrorMessage": msg.MALFORMED_DETAIL}
        bus = self.buses.get(self._bus_name(entry))
        event_id = self.cloud.ids.uuid()
        if bus is None:
            # An entry for a bus that does not exist is taken (an EventId, not a failed
            # entry) and goes nowhere (the LocalStack suite's capture from AWS,
            # test_put_events_nonexistent_event_bus, 2024-06).
            return {"EventId": event_id}
        now = self.cloud.clock.time()
        when = entry.get("Time")
        event = {
            "version": "0",
            "id": event_id,
            "detail-type": entry["DetailType"],
            "source": entry["Source"],
            "account": self.account_id,
            "time": iso_time(_instant(when) if when is not None else now),
            "region": self.region,
            "resources": list(entry.get("Resources") or ()),
            "detail": detail,
        }
        for rule in bus.rules.values():
            if rule.enabled and rule.pattern is not None and rule.pattern.matches(event):
                self._dispatch(rule, event, now)
        return {"EventId": event_id}

    # -- TestEventPattern --------------------------------------------------------------
    def test_event_pattern(self, params: Params) -> Response:
        """TestEventPattern: whether an event matches a pattern."""
        pattern = compile_pattern(params["EventPattern"])
        try:
            event = json.loads(params["Event"])
        except (ValueError, RecursionError):
            raise ValidationException(msg.BAD_EVENT) from None
        if not isinstance(event, dict) or any(f not in event for f in _EVENT_FIELDS):
            raise ValidationException(msg.BAD_EVENT)
        return {"Result": pattern.matches(event)}

    # -- schedules -----------------------------------------------------------------------
    def _cancel(self, rule: Rule) -> None:
        if rule.timer is not None:
            rule.timer.cancel()
            rule.timer = None

    def _reschedule(self, rule: Rule) -> None:
        self._cancel(rule)
        if rule.schedule is None or not rule.enabled:
            return
        now = self.cloud.clock.time()
        when = rule.schedule.next_after(now, anchor=rule.anchor)
        if when is not None:
            # A schedule recurs for good: upkeep that run_until_idle() does not wait for
            # (advance() fires it), as a stream's shard rollover.
            rule.timer = self.cloud.scheduler.call_at(
                when, self._fire, rule, when, name=f"events:schedule:{rule.name}", daemon=True
            )

    def _fire(self, rule: Rule, when: float) -> None:
        """One firing of a scheduled rule: the Scheduled Event to each target, then the next."""
        with self.lock:
            bus = self.buses.get(rule.bus)
            if bus is None or bus.rules.get(rule.name) is not rule or not rule.enabled:
                return
            rule.timer = None
            rule.firings += 1
            event = {
                "version": "0",
                "id": self.cloud.ids.uuid(),
                "detail-type": "Scheduled Event",
                "source": "aws.events",
                "account": self.account_id,
                "time": iso_time(when),
                "region": self.region,
                "resources": [rule.arn],
                "detail": {},
            }
            self._dispatch(rule, event, when)
            assert rule.schedule is not None
            following = rule.schedule.next_after(when, anchor=rule.anchor)
            if following is not None:
                rule.timer = self.cloud.scheduler.call_at(
                    following,
                    self._fire,
                    rule,
                    following,
                    name=f"events:schedule:{rule.name}",
                    daemon=True,
                )

    # -- delivery --------------------------------------------------------------------------
    def _dispatch(self, rule: Rule, event: dict[str, Any], now: float) -> None:
        for target in rule.targets.values():
            payload = _payload(target, rule, event, now)
            plan = _Plan(
                rule.name,
                rule.arn,
                target.id,
                target.arn,
                (target.described.get("SqsParameters") or {}).get("MessageGroupId"),
                (target.described.get("DeadLetterConfig") or {}).get("Arn"),
                event["id"],
            )
            self.cloud.scheduler.call_at(
                now, self._deliver, plan, payload,
                name=f"events:deliver:{rule.name}:{target.id}",
            )  # fmt: skip

    def _deliver(self, plan: _Plan, payload: bytes) -> None:
        """Hand one event to a target: Lambda's asynchronous invoke, SQS's SendMessage, or
        a recorded failure (then to the target's dead-letter queue, if it has one)."""
        now = self.cloud.clock.time()
        arn = plan.arn
        parts = arn.split(":")
        code: str | None = None
        message: str | None = None
        try:
            if len(parts) >= 7 and parts[2] == "lambda" and parts[5] == "function":
                lam = self.cloud.engine("lambda", parts[3] or self.region)
                lam.invoke(arn, payload, invocation_type="Event")
            elif len(parts) == 6 and parts[2] == "sqs":
                self._send(parts, payload.decode(), plan.group, plan.event_id)
            else:
                code, message = (
                    "UnsupportedTarget",
                    (f"pyserverless delivers only to Lambda and SQS: {arn}"),
                )
        except AWSError as err:
            code, message = err.code, err.message
        except ValueError as err:  # a Region pyserverless does not know
            code, message = "ValidationException", str(err)
        with self.lock:
            self.deliveries.append(
                Delivery(plan.rule, plan.target_id, arn, now, payload, code, message)
            )
        if code is not None and plan.dead_letter is not None:
            attributes = {
                "ERROR_CODE": code,
                "ERROR_MESSAGE": message or "",
                "EXHAUSTED_RETRY_CONDITION": "MaximumRetryAttempts",
                "RETRY_ATTEMPTS": "0",
                "RULE_ARN": plan.rule_arn,
                "TARGET_ARN": arn,
            }
            with contextlib.suppress(AWSError, ValueError):
                self._send(plan.dead_letter.split(":"), payload.decode(), None, None, attributes)

    def _send(
        self,
        parts: list[str],
        body: str,
        group: str | None,
        event_id: str | None,
        attributes: dict[str, str] | None = None,
    ) -> None:
        """SendMessage to the queue ``parts`` (an ARN's fields) names, through the SQS
        engine (AWSError when it refuses, a missing queue included)."""
        sqs = self.cloud.engine("sqs", parts[3])
        url = sqs.queue_url_for_arn(":".join(parts))
        if url is None:
            raise ResourceNotFoundException(msg_queue_missing(":".join(parts)))
        params: dict[str, Any] = {"QueueUrl": url, "MessageBody": body}
        if group is not None:
            params["MessageGroupId"] = group
            params["MessageDeduplicationId"] = event_id
        if attributes:
            params["MessageAttributes"] = {
                k: {"DataType": "String", "StringValue": v} for k, v in attributes.items()
            }
        sqs.send_message(params)


@attrs.frozen
class _Plan:
    """Where one event goes: the rule, the target, its FIFO group and dead-letter queue."""

    rule: str
    rule_arn: str
    target_id: str
    arn: str
    group: str | None
    dead_letter: str | None
    event_id: str


def msg_queue_missing(arn: str) -> str:
    """[?] The reason a delivery to a queue that does not exist fails."""
    return f"The specified queue does not exist: {arn}"


def _payload(target: Target, rule: Rule, event: dict[str, Any], now: float) -> bytes:
    """What the target receives, as EventBridge shapes it."""
    if target.input is not None:
        return target.input.encode()
    if target.input_path is not None:
        return json.dumps(extract(target.input_path, event)).encode()
    if target.transformer is not None:
        paths, template = target.transformer
        predefined = {
            "aws.events.rule-arn": rule.arn,
            "aws.events.rule-name": rule.name,
            "aws.events.event.ingestion-time": iso_time(now),
            "aws.events.event": event,
            "aws.events.event.json": event,
        }
        return render(template, paths, event, predefined).encode()
    return json.dumps(event).encode()


def _instant(value: Any) -> float:
    """Epoch seconds of a Time as botocore takes it: a datetime (naive is UTC), epoch
    seconds, or either as a string."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        moment: datetime = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.timestamp()
    return float(value)


def _entry_size(entry: dict[str, Any]) -> int:
    """AWS's "Calculating PutEvents event entry size": Time 14 bytes, and the UTF-8
    bytes of Source, DetailType, Detail and each Resources entry."""
    size = 14 if entry.get("Time") is not None else 0
    for name in ("Source", "DetailType", "Detail"):
        value = entry.get(name)
        if isinstance(value, str):
            size += len(value.encode("utf-8", "surrogatepass"))
    for resource in entry.get("Resources") or ():
        if isinstance(resource, str):
            size += len(resource.encode("utf-8", "surrogatepass"))
    return size
