"""Sending: SendMessage and SendMessageBatch, checked as AWS checks them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

import attrs

from . import _messages as msg
from ._base import EngineBase, Params, Response, check_range
from ._errors import (
    BatchEntryIdsNotDistinct,
    BatchRequestTooLong,
    EmptyBatchRequest,
    InvalidBatchEntryId,
    InvalidMessageContents,
    InvalidParameterValue,
    MissingParameter,
    SQSError,
    TooManyEntriesInBatchRequest,
)
from ._md5 import md5_of_attributes, md5_of_body
from ._model import Queue, StoredMessage, add_message

__all__ = ["SendOps", "check_batch"]

# SQS's allowed characters: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000+.
_BAD_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ENTRY_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")
# Letters and digits of any script (AWS takes "attr.1øßä": LocalStack's
# test_send_message_with_invalid_string_attributes, run against AWS), "_", "-" and ".".
_ATTRIBUTE_NAME = re.compile(r"[\w.-]{1,256}")
_FIFO_ID = re.compile(r"[!-~]{1,128}")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@attrs.frozen
class _Plan:
    """A checked send: what will be stored."""

    body: str
    attributes: dict[str, dict[str, Any]]
    system: dict[str, dict[str, Any]]
    delay: int
    size: int
    group_id: str | None
    dedup_id: str | None


def check_batch(entries: list[Any], limits: Any, entry_name: str) -> None:
    """A batch's envelope: 1..10 entries, distinct well-formed ids."""
    if not entries:
        raise EmptyBatchRequest(msg.EMPTY_BATCH.format(entry=entry_name))
    if len(entries) > limits.max_batch_entries:
        raise TooManyEntriesInBatchRequest(
            msg.TOO_MANY_ENTRIES.format(limit=limits.max_batch_entries, count=len(entries))
        )
    seen: set[str] = set()
    for entry in entries:
        entry_id = str(entry["Id"])
        if entry_id in seen:
            raise BatchEntryIdsNotDistinct(msg.IDS_NOT_DISTINCT.format(id=entry_id))
        seen.add(entry_id)
    for entry in entries:
        if not _ENTRY_ID.fullmatch(str(entry["Id"])):
            raise InvalidBatchEntryId(msg.BAD_ENTRY_ID)


def _attributes_size(attributes: Mapping[str, Mapping[str, Any]]) -> int:
    size = 0
    for name, value in attributes.items():
        size += len(name.encode()) + len(str(value["DataType"]).encode())
        if "BinaryValue" in value and value["BinaryValue"] is not None:
            size += len(bytes(value["BinaryValue"]))
        else:
            size += len(str(value.get("StringValue", "")).encode())
    return size


class SendOps(EngineBase):
    """The send operations (a mixin of :class:`~pyserverless.sqs.SQS`)."""

    def send_message(self, params: Params) -> Response:
        """SendMessage: one message, delayed, deduplicated and ordered as the queue says."""
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            plan = self._plan_send(queue, params)
            out = self._store(queue, plan, now)
            self.arrivals.notify_all()
        self._tell(queue.arn)
        return out

    def send_message_batch(self, params: Params) -> Response:
        """SendMessageBatch: up to ten messages; each entry succeeds or fails alone."""
        entries = list(params["Entries"])
        now = self.now()
        with self.lock:
            queue = self._queue(params)
            check_batch(entries, self.limits, "SendMessageBatchRequestEntry")
            if queue.fifo:
                _check_fifo_entries(queue, entries)
            plans: list[tuple[str, _Plan | SQSError]] = []
            total = 0
            for entry in entries:
                try:
                    plan = self._plan_send(queue, entry)
                except SQSError as err:
                    plans.append((entry["Id"], err))
                    continue
                total += plan.size
                plans.append((entry["Id"], plan))
            if total > self.limits.max_batch_bytes:
                raise BatchRequestTooLong(
                    msg.BATCH_TOO_LONG.format(size=total, limit=self.limits.max_batch_bytes)
                )
            successful: list[dict[str, Any]] = []
            failed: list[dict[str, Any]] = []
            for entry_id, planned in plans:
                if isinstance(planned, SQSError):
                    failed.append(_failure(entry_id, planned))
                else:
                    successful.append({"Id": entry_id} | self._store(queue, planned, now))
            if successful:
                self.arrivals.notify_all()
        if successful:
            self._tell(queue.arn)
        return {"Successful": successful, "Failed": failed}

    # -- checks ------------------------------------------------------------------
    def _plan_send(self, queue: Queue, params: Params) -> _Plan:
        body = params.get("MessageBody")
        if body is None or body == "":
            raise MissingParameter(msg.MISSING.format(name="MessageBody"))
        body = str(body)
        if _BAD_CHARS.search(body):
            raise InvalidMessageContents(msg.BAD_CONTENTS)
        delay_given = params.get("DelaySeconds")
        if queue.fifo and delay_given is not None:
            # DelaySeconds=0 is accepted on a FIFO queue (moto's and LocalStack's tests
            # run against AWS); it leaves the queue's delay in force [?].
            if delay_given != 0:
                raise InvalidParameterValue(msg.FIFO_DELAY.format(value=delay_given))
            delay = None
        else:
            delay = check_range(params, "DelaySeconds", 0, self.limits.max_delay_seconds)
        attributes = self._check_attributes(dict(params.get("MessageAttributes") or {}))
        system = self._check_system(dict(params.get("MessageSystemAttributes") or {}))
        size = len(body.encode()) + _attributes_size(attributes)
        if size > queue.max_size:
            raise InvalidParameterValue(msg.TOO_LONG.format(size=queue.max_size))
        group_id = params.get("MessageGroupId")
        dedup_id = params.get("MessageDeduplicationId")
        for name, value in (("MessageGroupId", group_id), ("MessageDeduplicationId", dedup_id)):
            if value is not None and value != "" and not _FIFO_ID.fullmatch(str(value)):
                raise InvalidParameterValue(msg.BAD_FIFO_ID.format(value=value, name=name))
        if queue.fifo:
            if not group_id:
                raise MissingParameter(msg.MISSING.format(name="MessageGroupId"))
            if not dedup_id:
                if queue.attributes.get("ContentBasedDeduplication") != "true":
                    raise InvalidParameterValue(msg.NO_DEDUP)
                dedup_id = hashlib.sha256(body.encode()).hexdigest()
        elif dedup_id is not None:
            raise InvalidParameterValue(msg.WRONG_QUEUE_TYPE)
        return _Plan(
            body=body,
            attributes=attributes,
            system=system,
            delay=queue.delay if delay is None else delay,
            size=size,
            group_id=None if group_id is None else str(group_id),
            dedup_id=None if dedup_id is None else str(dedup_id),
        )

    def _check_attributes(self, given: dict[str, Any]) -> dict[str, dict[str, Any]]:
        if len(given) > self.limits.max_message_attributes:
            raise InvalidParameterValue(
                msg.TOO_MANY_ATTRIBUTES.format(
                    count=len(given), limit=self.limits.max_message_attributes
                )
            )
        out: dict[str, dict[str, Any]] = {}
        for name, value in given.items():
            if (
                not _ATTRIBUTE_NAME.fullmatch(name)
                or name.startswith(".")
                or name.endswith(".")
                or ".." in name
            ):
                raise InvalidParameterValue(msg.ATTRIBUTE_BAD_NAME.format(name=name))
            if name.lower().startswith(("aws.", "amazon.")):
                raise InvalidParameterValue(msg.ATTRIBUTE_RESERVED.format(name=name))
            out[name] = _check_value(name, dict(value))
        return out

    def _check_system(self, given: dict[str, Any]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for name, value in given.items():
            checked = _check_value(name, dict(value))
            if checked["DataType"] != "String":
                raise InvalidParameterValue(
                    f"Value {checked['DataType']} for parameter DataType is invalid. "
                    f"Reason: {name} must be of type String."
                )
            out[name] = checked
        return out

    # -- storing -----------------------------------------------------------------
    def _store(self, queue: Queue, plan: _Plan, now: float) -> Response:
        self._tidy(queue, now)
        if queue.fifo:
            scope = (
                plan.group_id
                if queue.attributes.get("DeduplicationScope") == "messageGroup"
                else None
            )
            assert plan.dedup_id is not None
            key = (scope, plan.dedup_id)
            seen = queue.dedup.get(key)
            if seen is not None:  # a duplicate within the window: accepted, not stored
                return _sent(plan, seen[1], seen[2])
        message_id = self.cloud.ids.uuid()
        sequence: str | None = None
        if queue.fifo:
            queue.sequence += 1
            sequence = f"{18_000_000_000_000_000_000 + queue.sequence * 65536:020d}"
            queue.dedup[(key[0], key[1])] = (
                now + self.limits.dedup_window_seconds,
                message_id,
                sequence,
            )
        stored = StoredMessage(
            message_id=message_id,
            body=plan.body,
            md5_body=md5_of_body(plan.body),
            attributes=plan.attributes,
            md5_attributes=md5_of_attributes(plan.attributes) if plan.attributes else None,
            system=plan.system,
            md5_system=md5_of_attributes(plan.system) if plan.system else None,
            sent=now,
            visible_at=now + plan.delay,
            expires_at=now + queue.retention,
            size=plan.size,
            sender=self.account_id,
            group_id=plan.group_id,
            dedup_id=plan.dedup_id if queue.fifo else None,
            sequence=sequence,
        )
        if queue.fifo:
            queue.ticks += 1
            stored.tick = queue.ticks
        add_message(queue, stored)
        if queue.trim is None:
            self._plan_trim(queue)
        return _sent(plan, message_id, sequence, stored)


def _sent(
    plan: _Plan, message_id: str, sequence: str | None, stored: StoredMessage | None = None
) -> Response:
    out: Response = {
        "MD5OfMessageBody": md5_of_body(plan.body) if stored is None else stored.md5_body
    }
    if plan.attributes:
        out["MD5OfMessageAttributes"] = md5_of_attributes(plan.attributes)
    if plan.system:
        out["MD5OfMessageSystemAttributes"] = md5_of_attributes(plan.system)
    out["MessageId"] = message_id
    if sequence is not None:
        out["SequenceNumber"] = sequence
    return out


def _check_value(name: str, value: dict[str, Any]) -> dict[str, Any]:
    kind = str(value.get("DataType") or "")
    base = kind.split(".", 1)[0]
    if base not in ("String", "Number", "Binary"):
        raise InvalidParameterValue(msg.ATTRIBUTE_BAD_TYPE.format(name=name))
    if base == "Binary":
        data = value.get("BinaryValue")
        if data is None or len(data) == 0:
            raise InvalidParameterValue(msg.ATTRIBUTE_NO_VALUE.format(name=name, type=kind))
        return {"DataType": kind, "BinaryValue": bytes(data)}
    text = value.get("StringValue")
    if text is None or text == "":
        raise InvalidParameterValue(msg.ATTRIBUTE_NO_VALUE.format(name=name, type=kind))
    text = str(text)
    if base == "Number" and not _NUMBER.fullmatch(text):
        raise InvalidParameterValue(msg.ATTRIBUTE_BAD_NUMBER.format(value=text))
    if _BAD_CHARS.search(text):
        # An attribute's bad characters are InvalidParameterValue, not the body's
        # InvalidMessageContents (LocalStack's tests run against AWS); the text is [?].
        raise InvalidParameterValue(msg.BAD_CONTENTS)
    return {"DataType": kind, "StringValue": text}


def _check_fifo_entries(queue: Queue, entries: list[Any]) -> None:
    """A FIFO batch whose entry lacks a group id, or a deduplication id the queue cannot
    make, is refused whole with InvalidParameterValue (LocalStack's snapshots of AWS,
    test_send_batch_missing_*_for_fifo_queue), not failed entry by entry."""
    content_based = queue.attributes.get("ContentBasedDeduplication") == "true"
    for entry in entries:
        if not entry.get("MessageGroupId"):
            raise InvalidParameterValue(msg.MISSING.format(name="MessageGroupId"))
        if not content_based and not entry.get("MessageDeduplicationId"):
            raise InvalidParameterValue(msg.NO_DEDUP)


def _failure(entry_id: str, err: SQSError) -> dict[str, Any]:
    return {
        "Id": entry_id,
        "SenderFault": type(err).sender_fault,
        "Code": err.code,
        "Message": err.message,
    }
