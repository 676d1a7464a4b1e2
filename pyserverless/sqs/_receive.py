"""Receiving: ReceiveMessage (visibility, FIFO groups, redrive, long polls), DeleteMessage
and ChangeMessageVisibility, and their batches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _messages as msg
from ._base import EngineBase, Params, Response, check_range, millis
from ._errors import (
    InvalidParameterValue,
    MissingParameter,
    OverLimit,
    ReceiptHandleIsInvalid,
    SQSError,
)
from ._fifo import fifo_candidates, next_tick
from ._md5 import md5_of_attributes
from ._model import Queue, StoredMessage, drop_message
from ._send import _failure, check_batch

__all__ = ["ReceiveOps"]

#: MessageAttributeNames that take every attribute ("*" too: LocalStack's snapshot of AWS).
_ALL_ATTRIBUTES = frozenset({"All", ".*", "*"})

_SYSTEM_NAMES = (
    "SenderId",
    "SentTimestamp",
    "ApproximateReceiveCount",
    "ApproximateFirstReceiveTimestamp",
    "SequenceNumber",
    "MessageDeduplicationId",
    "MessageGroupId",
    "AWSTraceHeader",
    "DeadLetterQueueSourceArn",
)


class ReceiveOps(EngineBase):
    """The receive-side operations (a mixin of :class:`~pyserverless.sqs.SQS`)."""

    # -- ReceiveMessage ------------------------------------------------------------
    def receive_message(self, params: Params) -> Response:
        """ReceiveMessage: up to MaxNumberOfMessages visible messages, hidden for the
        visibility timeout. A long poll (WaitTimeSeconds) waits for a send under a real
        clock; on a ManualClock it answers at once with what is there."""
        limits = self.limits
        count = check_range(params, "MaxNumberOfMessages", 1, limits.max_receive_messages) or 1
        timeout = check_range(params, "VisibilityTimeout", 0, limits.max_visibility_seconds)
        wait = check_range(params, "WaitTimeSeconds", 0, limits.max_wait_seconds)
        system = _wanted_system(params)
        wanted = _wanted_attributes(params)
        attempt = params.get("ReceiveRequestAttemptId")
        with self.lock:
            queue = self._queue(params)
            if wait is None:
                wait = queue.wait
            deadline = self.now() + wait
            while True:
                now = self.now()
                picked = self._receive(queue, count, timeout, attempt, now)
                if picked or wait == 0 or self.virtual_time or now >= deadline or queue.deleted:
                    break
                self.arrivals.wait(deadline - now)
            messages = [_shown(m, handle, system, wanted) for m, handle in picked]
        if self.moved_into:
            self._tell_arrivals()
        return {"Messages": messages} if messages else {}

    def _receive(
        self, queue: Queue, count: int, timeout: int | None, attempt: Any, now: float
    ) -> list[tuple[StoredMessage, str]]:
        self._tidy(queue, now)
        if queue.fifo and attempt is not None:
            again = self._attempt_again(queue, str(attempt), now)
            if again is not None:
                return again
        self._check_inflight(queue, now)
        vt = queue.visibility if timeout is None else timeout
        dlq = self._dlq_of(queue)
        most = self._max_receives(queue) if dlq is not None else None
        picked: list[tuple[StoredMessage, str]] = []
        moved: list[StoredMessage] = []
        for message in self._candidates(queue, now):
            if most is not None and message.receive_count >= most:
                moved.append(message)  # the receive that would exceed maxReceiveCount
                continue
            message.receive_count += 1
            if message.first_receive is None:
                message.first_receive = now
            message.received_at = now
            queue.received.add(message.message_id)
            message.visible_at = now + vt
            if queue.fifo:
                message.tick = next_tick(queue)
            message.handle = self._new_handle(queue, message)
            picked.append((message, message.handle))
            if len(picked) >= count:
                break
        if not queue.fifo:
            # In-flight messages go to the back: the next receive finds the visible ones
            # first (a standard queue's order is best effort; a FIFO queue keeps its own).
            for message, _ in picked:
                queue.messages.move_to_end(message.message_id)
        if moved and dlq is not None:
            for message in moved:
                self._move(queue, message, dlq, now)
            self.arrivals.notify_all()
        if queue.fifo and attempt is not None and picked:
            until = now + self.limits.receive_attempt_seconds
            queue.attempts[str(attempt)] = (until, [(m.message_id, h) for m, h in picked])
        return picked

    def _candidates(self, queue: Queue, now: float) -> Iterable[StoredMessage]:
        """The messages a receive may take, in the order it takes them."""
        if not queue.fifo:
            return (m for m in queue.messages.values() if m.visible_at <= now < m.expires_at)
        return fifo_candidates(queue, now)

    def _attempt_again(
        self, queue: Queue, attempt: str, now: float
    ) -> list[tuple[StoredMessage, str]] | None:
        """A retried FIFO receive (same ReceiveRequestAttemptId): the same messages and
        handles, while all are still in flight under them."""
        found = queue.attempts.get(attempt)
        if found is None:
            return None
        out = []
        for message_id, handle in found[1]:
            message = queue.messages.get(message_id)
            if message is None or message.handle != handle or message.visible_at <= now:
                return None
            out.append((message, handle))
        return out

    def _check_inflight(self, queue: Queue, now: float) -> None:
        top = self.limits.max_inflight_fifo if queue.fifo else self.limits.max_inflight_standard
        if len(queue.messages) < top:
            return
        inflight = sum(
            1 for m in queue.messages.values() if m.received_at is not None and m.visible_at > now
        )
        if inflight >= top:
            raise OverLimit(msg.TOO_MANY_INFLIGHT)

    # -- DeleteMessage -------------------------------------------------------------
    def delete_message(self, params: Params) -> Response:
        """DeleteMessage: delete by the latest receipt handle (an older one deletes nothing)."""
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            self._delete(queue, str(params["ReceiptHandle"]), now)
            return {}

    def _delete(self, queue: Queue, handle: str, now: float) -> None:
        found = self._read_handle(handle)
        if found is None or found[0] != queue.name:
            raise ReceiptHandleIsInvalid(msg.BAD_HANDLE.format(handle=handle))
        message = queue.messages.get(found[1])
        if message is None:
            return
        if message.handle == handle and not (queue.fifo and message.visible_at <= now):
            drop_message(queue, message.message_id)
        elif queue.fifo:
            # A FIFO message's handle dies with its visibility timeout (LocalStack's
            # test_fifo_delete_message_with_expired_receipt_handle, run against AWS); a
            # standard queue's old handle is taken and deletes nothing here.
            raise InvalidParameterValue(msg.HANDLE_EXPIRED.format(handle=handle))

    def delete_message_batch(self, params: Params) -> Response:
        """DeleteMessageBatch: up to ten deletes; each entry succeeds or fails alone."""
        entries = list(params["Entries"])
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            check_batch(entries, self.limits, "DeleteMessageBatchRequestEntry")
            successful: list[dict[str, Any]] = []
            failed: list[dict[str, Any]] = []
            for entry in entries:
                try:
                    self._delete(queue, str(entry["ReceiptHandle"]), now)
                except SQSError as err:
                    failed.append(_failure(entry["Id"], err))
                else:
                    successful.append({"Id": entry["Id"]})
            return {"Successful": successful, "Failed": failed}

    # -- ChangeMessageVisibility ---------------------------------------------------
    def change_message_visibility(self, params: Params) -> Response:
        """ChangeMessageVisibility: a new timeout for an in-flight message, counted from
        now (0 makes it visible at once); 12 hours in flight at most."""
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            self._change(queue, str(params["ReceiptHandle"]), params, now)
            return {}

    def _change(self, queue: Queue, handle: str, params: Params, now: float) -> None:
        top = self.limits.max_visibility_seconds
        timeout = check_range(params, "VisibilityTimeout", 0, top)
        if timeout is None:  # a batch entry may leave it out (the model does not need it) [?]
            raise MissingParameter(msg.MISSING.format(name="VisibilityTimeout"))
        found = self._read_handle(handle)
        if found is None or found[0] != queue.name:
            raise ReceiptHandleIsInvalid(msg.BAD_HANDLE.format(handle=handle))
        message = queue.messages.get(found[1])
        # A standard queue takes any handle of an in-flight message, an older receive's
        # too (LocalStack's test_terminate_visibility_timeout_after_receive, run on AWS).
        if (
            message is None
            or (queue.fifo and message.handle != handle)
            or message.received_at is None
            or message.visible_at <= now
        ):
            raise InvalidParameterValue(msg.NOT_IN_FLIGHT.format(handle=handle))
        if now - message.received_at + timeout > top:
            raise InvalidParameterValue(msg.TOTAL_VISIBILITY.format(value=timeout, limit=top))
        message.visible_at = now + timeout
        if queue.fifo:
            message.tick = next_tick(queue)
        if timeout == 0:
            self.arrivals.notify_all()

    def change_message_visibility_batch(self, params: Params) -> Response:
        """ChangeMessageVisibilityBatch: up to ten changes; each succeeds or fails alone."""
        entries = list(params["Entries"])
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            check_batch(entries, self.limits, "ChangeMessageVisibilityBatchRequestEntry")
            successful: list[dict[str, Any]] = []
            failed: list[dict[str, Any]] = []
            for entry in entries:
                try:
                    self._change(queue, str(entry["ReceiptHandle"]), entry, now)
                except SQSError as err:
                    failed.append(_failure(entry["Id"], err))
                else:
                    successful.append({"Id": entry["Id"]})
            return {"Successful": successful, "Failed": failed}


def _wanted_system(params: Params) -> tuple[str, ...]:
    names = set(params.get("MessageSystemAttributeNames") or ()) | set(
        params.get("AttributeNames") or ()
    )
    if "All" in names:
        return _SYSTEM_NAMES
    return tuple(n for n in _SYSTEM_NAMES if n in names)


def _shown(
    message: StoredMessage, handle: str, system: tuple[str, ...], wanted: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "MessageId": message.message_id,
        "ReceiptHandle": handle,
        "MD5OfBody": message.md5_body,
        "Body": message.body,
    }
    if system:
        out["Attributes"] = _system_values(message, system)
    if wanted and message.attributes:
        chosen = _chosen(message.attributes, wanted)
        if chosen:
            out["MD5OfMessageAttributes"] = (
                message.md5_attributes
                if len(chosen) == len(message.attributes)
                else md5_of_attributes(chosen)
            )
            out["MessageAttributes"] = chosen
    return out


def _system_values(message: StoredMessage, names: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str | None] = {
        "SenderId": message.sender,
        "SentTimestamp": millis(message.sent),
        "ApproximateReceiveCount": str(message.receive_count),
        "ApproximateFirstReceiveTimestamp": (
            millis(message.first_receive) if message.first_receive is not None else None
        ),
        "SequenceNumber": message.sequence,
        "MessageDeduplicationId": message.dedup_id,
        "MessageGroupId": message.group_id,
        "AWSTraceHeader": (message.system.get("AWSTraceHeader") or {}).get("StringValue"),
        "DeadLetterQueueSourceArn": message.dlq_source,
    }
    return {n: v for n in names if (v := values[n]) is not None}


def _wanted_attributes(params: Params) -> list[str]:
    """MessageAttributeNames without the names no attribute can have (``AWS.``, ``..x``),
    which AWS ignores (LocalStack's test_receive_message_message_attribute_names_filters,
    run against AWS, 2023-11). Its recording showed an empty map for valid names none of
    which the message has; AWS has since dropped empty collections from its JSON answers
    (an empty receive has no ``Messages``), so none is shown here [?]."""
    names = [str(n) for n in params.get("MessageAttributeNames") or ()]
    return [n for n in names if n in _ALL_ATTRIBUTES or _valid_filter(n)]


def _valid_filter(name: str) -> bool:
    stem = name[:-2] if name.endswith(".*") else name
    return bool(
        stem
        and not stem.startswith(".")
        and not stem.endswith(".")
        and ".." not in stem
        and not stem.lower().startswith(("aws.", "amazon."))
    )


def _chosen(attributes: dict[str, dict[str, Any]], wanted: list[str]) -> dict[str, Any]:
    if not _ALL_ATTRIBUTES.isdisjoint(wanted):
        return {k: dict(v) for k, v in attributes.items()}
    out = {}
    prefixes = tuple(w[:-2] for w in wanted if w.endswith(".*"))
    for name, value in attributes.items():
        if name in wanted or (prefixes and name.startswith(prefixes)):
            out[name] = dict(value)
    return out
