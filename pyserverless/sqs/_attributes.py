"""Queue attributes: AWS's names, defaults and checks, as CreateQueue and
SetQueueAttributes apply them (parse first: a refused request changes nothing)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._core.text import digits
from . import _messages as msg
from ._errors import InvalidAttributeName, InvalidAttributeValue
from ._limits import SQSLimits

__all__ = [
    "COMPUTED",
    "FIFO_ONLY",
    "SETTABLE",
    "check_attributes",
    "defaults",
    "parse_redrive",
    "settle_encryption",
]

#: Attributes a request may set, in AWS's order.
SETTABLE = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "Policy",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
)
#: Attributes only a FIFO queue has.
FIFO_ONLY = frozenset(
    {"FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}
)
#: Attributes SQS computes (GetQueueAttributes answers them; no request sets them).
COMPUTED = (
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
)

_BOOLEANS = frozenset({"true", "false"})
_CHOICES = {
    "DeduplicationScope": ("queue", "messageGroup"),
    "FifoThroughputLimit": ("perQueue", "perMessageGroupId"),
}


def defaults(limits: SQSLimits, fifo: bool) -> dict[str, str]:
    """A new queue's attributes before the request's own."""
    out = {
        "VisibilityTimeout": "30",
        "MaximumMessageSize": str(limits.default_message_bytes),
        "MessageRetentionPeriod": "345600",
        "DelaySeconds": "0",
        "ReceiveMessageWaitTimeSeconds": "0",
        "SqsManagedSseEnabled": "true",
    }
    if fifo:
        out.update(
            FifoQueue="true",
            ContentBasedDeduplication="false",
            DeduplicationScope="queue",
            FifoThroughputLimit="perQueue",
        )
    return out


def _ranges(limits: SQSLimits) -> dict[str, tuple[int, int]]:
    return {
        "DelaySeconds": (0, limits.max_delay_seconds),
        "MaximumMessageSize": (limits.min_message_bytes, limits.max_message_bytes),
        "MessageRetentionPeriod": (limits.min_retention_seconds, limits.max_retention_seconds),
        "ReceiveMessageWaitTimeSeconds": (0, limits.max_wait_seconds),
        "VisibilityTimeout": (0, limits.max_visibility_seconds),
        "KmsDataKeyReusePeriodSeconds": (60, 86_400),
    }


def _bad(name: str) -> InvalidAttributeValue:
    return InvalidAttributeValue(msg.BAD_ATTRIBUTE.format(name=name))


def check_attributes(
    given: Mapping[str, Any], *, fifo: bool, limits: SQSLimits, creating: bool
) -> dict[str, str]:
    """The request's attributes as text, each checked (names first, then values).

    ``fifo`` is the queue's type (known from the name on create). RedrivePolicy and
    RedriveAllowPolicy are checked for shape here and against other queues by the engine.
    """
    out: dict[str, str] = {}
    for name in given:
        if name not in SETTABLE or (
            name in FIFO_ONLY and not fifo and (name != "FifoQueue" or not creating)
        ):
            raise InvalidAttributeName(msg.UNKNOWN_ATTRIBUTE.format(name=name))
    ranges = _ranges(limits)
    for name, raw in given.items():
        value = str(raw)
        if name in ranges:
            low, high = ranges[name]
            if not digits(value) or not low <= int(value) <= high:
                raise _bad(name)
            value = str(int(value))
        elif name in ("SqsManagedSseEnabled", "ContentBasedDeduplication", "FifoQueue"):
            if value.lower() not in _BOOLEANS:
                raise _bad(name)
            value = value.lower()
        elif name in _CHOICES and value not in _CHOICES[name]:
            raise _bad(name)
        elif name == "Policy" and value:
            _check_json(name, value)
        out[name] = value
    if out.get("KmsMasterKeyId") and out.get("SqsManagedSseEnabled") == "true":
        raise InvalidAttributeName(msg.SSE_BOTH)
    if "FifoQueue" in out:
        if not creating:
            if out["FifoQueue"] == "false":
                raise InvalidAttributeValue(msg.FIFO_IMMUTABLE)
            del out["FifoQueue"]  # a FIFO queue told it is one: nothing changes
        elif out["FifoQueue"] == "false" and fifo:
            raise _bad("FifoQueue")
        elif out["FifoQueue"] == "false":
            del out["FifoQueue"]  # a standard queue does not list it
    return out


def check_fifo_pair(attributes: Mapping[str, str]) -> None:
    """High throughput: perMessageGroupId needs DeduplicationScope messageGroup."""
    if (
        attributes.get("FifoThroughputLimit") == "perMessageGroupId"
        and attributes.get("DeduplicationScope") == "queue"
    ):
        raise InvalidAttributeValue(
            "The perMessageGroupId value is allowed only when the value for "
            "DeduplicationScope is messageGroup"
        )


def settle_encryption(given: Mapping[str, str], merged: dict[str, str]) -> None:
    """One kind of server-side encryption at a time: a KMS key turns SSE-SQS off (and
    brings its data key reuse period), SqsManagedSseEnabled=true drops the KMS key."""
    if given.get("KmsMasterKeyId"):
        if "SqsManagedSseEnabled" not in given:
            merged["SqsManagedSseEnabled"] = "false"
        merged.setdefault("KmsDataKeyReusePeriodSeconds", "300")
    elif given.get("SqsManagedSseEnabled") == "true":
        merged.pop("KmsMasterKeyId", None)
        merged.pop("KmsDataKeyReusePeriodSeconds", None)


def _check_json(name: str, value: str) -> Any:
    try:
        data = json.loads(value)
    except ValueError:
        raise _bad(name) from None
    if not isinstance(data, dict):
        raise _bad(name)
    return data


def parse_redrive(value: str, limits: SQSLimits) -> tuple[str, int] | None:
    """(deadLetterTargetArn, maxReceiveCount) of a RedrivePolicy; None for ``""`` (removal)."""
    if value == "":
        return None
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    if not isinstance(data, dict) or "deadLetterTargetArn" not in data:
        raise InvalidAttributeValue(msg.REDRIVE_BAD.format(value=value))
    count = data.get("maxReceiveCount", 10)
    try:
        number = int(count)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= limits.max_receive_count:
        raise InvalidAttributeValue(
            msg.REDRIVE_COUNT.format(value=value, count=count, top=limits.max_receive_count)
        )
    return str(data["deadLetterTargetArn"]), number


def parse_allow(value: str, limits: SQSLimits) -> tuple[str, tuple[str, ...]] | None:
    """(redrivePermission, sourceQueueArns) of a RedriveAllowPolicy; None for ``""``."""
    if value == "":
        return None
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise InvalidAttributeValue(msg.ALLOW_BAD.format(value=value, reason="Invalid JSON."))
    permission = data.get("redrivePermission")
    sources = data.get("sourceQueueArns")
    if permission not in ("allowAll", "denyAll", "byQueue"):
        raise InvalidAttributeValue(
            msg.ALLOW_BAD.format(value=value, reason="Invalid value for redrivePermission.")
        )
    if permission == "byQueue":
        if not isinstance(sources, list) or not sources:
            raise InvalidAttributeValue(
                msg.ALLOW_BAD.format(
                    value=value,
                    reason="sourceQueueArns is required when redrivePermission is byQueue.",
                )
            )
        if len(sources) > limits.max_redrive_sources:
            raise InvalidAttributeValue(
                msg.ALLOW_BAD.format(
                    value=value,
                    reason=f"Maximum of {limits.max_redrive_sources} sourceQueueArns allowed.",
                )
            )
        return permission, tuple(str(s) for s in sources)
    if sources is not None:
        raise InvalidAttributeValue(
            msg.ALLOW_BAD.format(
                value=value,
                reason="sourceQueueArns is only allowed when redrivePermission is byQueue.",
            )
        )
    return permission, ()
