"""Schedules firing on the Cloud's clock, and each firing handed to its target.

A schedule's next firing is one task on the Cloud's Scheduler (a bound method with the
schedule as argument, so a snapshot can copy it). Each firing hands the target's Input
(its context attributes replaced) to the Lambda engine's asynchronous invoke
(``InvocationType="Event"``), from where Lambda's own async retries, destinations and
dead-letter queue apply; or, for an SQS queue, to the SQS engine's SendMessage as the
message body (a FIFO queue gets ``SqsParameters.MessageGroupId``). A hand-over the
target refuses with a throttle or a server error is retried with exponential backoff
within the target's RetryPolicy; anything else, or the last failure, is *discarded*:
recorded in ``attempts`` with ``discarded=True`` and sent to the target's
DeadLetterConfig queue when it has one (the payload as body, with the message
attributes ``ERROR_CODE``, ``ERROR_MESSAGE``, ``EXECUTION_ID``, ``RETRY_ATTEMPTS``,
``SCHEDULE_ARN`` and ``TARGET_ARN`` [?]). Planned faults on Lambda's ``Invoke`` or
SQS's ``SendMessage`` (``cloud.faults.fail("lambda", "Invoke", ...)``) apply to the
hand-over.
"""

from __future__ import annotations

import contextlib
from typing import Any

from .._core.errors import AWSError
from ._base import EngineBase, iso_time
from ._errors import ResourceNotFoundException
from ._model import Attempt, ScheduleRecord

__all__ = ["FiringOps"]

#: [?] What Scheduler retries: throttles and server-side failures of the target's API.
_RETRYABLE_STATUS = 500


class FiringOps(EngineBase):
    """When schedules fire, and how a firing reaches its target."""

    def _cancel(self, schedule: ScheduleRecord) -> None:
        if schedule.timer is not None:
            schedule.timer.cancel()
            schedule.timer = None

    def _reschedule(self, schedule: ScheduleRecord) -> None:
        self._cancel(schedule)
        if not schedule.enabled:
            return
        spec = schedule.spec
        now = self.cloud.clock.time()
        # AWS: "EventBridge Scheduler ignores StartDate (and EndDate) for one-time schedules."
        start = None if spec.expression.one_time else spec.start
        after = now if start is None else max(now, start)
        due = spec.expression.first_at_or_after(after, anchor=schedule.anchor)
        self._plan_firing(schedule, due)

    def _plan_firing(self, schedule: ScheduleRecord, due: float | None) -> None:
        """Set the timer for the firing due at ``due`` (None, or past EndDate: none)."""
        spec = schedule.spec
        end = None if spec.expression.one_time else spec.end
        if due is None or (end is not None and due > end):
            schedule.timer = None
            return
        delay = 0.0
        if spec.window_seconds:
            # Flexible window: each firing lands at a draw from the Cloud's seeded generator,
            # in [due, due + window).
            delay = self.cloud.ids.bits(32) / 2**32 * spec.window_seconds
        # A series with no end is upkeep that run_until_idle() does not wait for (advance()
        # fires it); a one-time schedule, or one with an EndDate, is work it runs to the end.
        endless = not spec.expression.one_time and spec.end is None
        schedule.timer = self.cloud.scheduler.call_at(
            due + delay, self._fire, schedule, due, name=f"scheduler:{schedule.arn}", daemon=endless
        )

    def _fire(self, schedule: ScheduleRecord, due: float) -> None:
        """One firing: hand the target its Input, plan the next, delete if completed."""
        with self.lock:
            group = self.groups.get(schedule.group)
            if group is None or group.schedules.get(schedule.name) is not schedule:
                return
            if not schedule.enabled:
                return
            schedule.timer = None
            schedule.firings += 1
            spec = schedule.spec
            following = spec.expression.next_after(due, anchor=schedule.anchor)
            self._plan_firing(schedule, following)
            if schedule.timer is None and spec.action_after_completion == "DELETE":
                del group.schedules[schedule.name]
        self._deliver(schedule, due, 1)

    def _deliver(self, schedule: ScheduleRecord, due: float, attempt: int) -> None:
        """Hand one firing to the Lambda target; retry or discard a refusal."""
        spec = schedule.spec
        target = spec.target
        arn = target["Arn"]
        execution_id = self.cloud.ids.hex(16)
        payload = self._payload(schedule, due, execution_id, attempt)
        code: str | None = None
        message: str | None = None
        status = 0
        try:
            if ":sqs:" in arn:
                group = (target.get("SqsParameters") or {}).get("MessageGroupId")
                self._send(arn, payload.decode(), group)
            else:
                self._invoke(arn, payload)
        except AWSError as err:
            code, message, status = err.code, err.message, err.status_code
        except ValueError as err:  # a Region pyserverless does not know
            code, message = "ValidationException", str(err)
        now = self.cloud.clock.time()
        retry_at = None
        if code is not None and _retryable(code, status) and attempt <= spec.max_retry_attempts:
            backoff = self.limits.retry_base_seconds * 2 ** (attempt - 1)
            candidate = now + min(backoff, self.limits.retry_max_seconds)
            if candidate - due <= spec.max_event_age_seconds:
                retry_at = candidate
        record = Attempt(
            schedule_arn=schedule.arn,
            target_arn=arn,
            scheduled=due,
            at=now,
            attempt=attempt,
            execution_id=execution_id,
            payload=payload,
            code=code,
            message=message,
            discarded=code is not None and retry_at is None,
        )
        with self.lock:
            self.attempts.append(record)
        dead_letter = (target.get("DeadLetterConfig") or {}).get("Arn")
        if record.discarded and dead_letter is not None:
            attributes = {
                "ERROR_CODE": code or "",
                "ERROR_MESSAGE": message or "",
                "EXECUTION_ID": execution_id,
                "RETRY_ATTEMPTS": str(attempt - 1),
                "SCHEDULE_ARN": schedule.arn,
                "TARGET_ARN": arn,
            }
            with contextlib.suppress(AWSError, ValueError):
                self._send(dead_letter, payload.decode(), None, attributes)
        if retry_at is not None:
            self.cloud.scheduler.call_at(
                retry_at, self._deliver, schedule, due, attempt + 1,
                name=f"scheduler:retry:{schedule.arn}",
            )  # fmt: skip

    def _invoke(self, arn: str, payload: bytes) -> None:
        faults = self.cloud.faults
        if faults.armed:
            faults.before_call("lambda", "Invoke", {"FunctionName": arn, "InvocationType": "Event"})
        self.cloud.engine("lambda", arn.split(":")[3]).invoke(arn, payload, invocation_type="Event")

    def _send(
        self, arn: str, body: str, group: str | None, attributes: dict[str, str] | None = None
    ) -> None:
        """SendMessage to queue ``arn`` through the SQS engine (AWSError when refused)."""
        sqs = self.cloud.engine("sqs", arn.split(":")[3])
        url = sqs.queue_url_for_arn(arn)
        if url is None:
            raise ResourceNotFoundException(f"The specified queue does not exist: {arn}")  # [?]
        params: dict[str, Any] = {"QueueUrl": url, "MessageBody": body}
        if group is not None:
            params["MessageGroupId"] = group
        if attributes:
            params["MessageAttributes"] = {
                k: {"DataType": "String", "StringValue": v} for k, v in attributes.items()
            }
        faults = self.cloud.faults
        if faults.armed:
            faults.before_call("sqs", "SendMessage", params)
        sqs.send_message(params)

    def _payload(
        self, schedule: ScheduleRecord, due: float, execution_id: str, attempt: int
    ) -> bytes:
        text: str | None = schedule.spec.target.get("Input")
        if text is None:
            return self.limits.default_input.encode()
        values = {
            "<aws.scheduler.schedule-arn>": schedule.arn,
            "<aws.scheduler.scheduled-time>": iso_time(due),
            "<aws.scheduler.execution-id>": execution_id,
            "<aws.scheduler.attempt-number>": str(attempt),
        }
        for keyword, value in values.items():
            if keyword in text:
                text = text.replace(keyword, value)
        return text.encode()


def _retryable(code: str, status: int) -> bool:
    # Throttles: Lambda's TooManyRequestsException (429), SQS's RequestThrottled, and the
    # generic ThrottlingException.
    return status == 429 or status >= _RETRYABLE_STATUS or "Throttl" in code
