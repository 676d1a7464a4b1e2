"""What an event source mapping sends: stream records as a Lambda event, batch payloads,
failure records, and the metrics it keeps.

The records come from the ``dynamodbstreams`` engine's GetRecords (the Streams API's
shape: ``ApproximateCreationDateTime`` a datetime, ``userIdentity`` with ``PrincipalId``);
:func:`event_record` turns one into a Lambda event's ``Records`` entry as AWS does
(epoch seconds, ``eventSourceARN``, ``userIdentity`` with ``principalId``).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import AWSError

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = [
    "Entry",
    "EsmMetrics",
    "encode",
    "event_record",
    "failure_record",
    "iso",
    "send_to_queue",
]


def send_to_queue(
    cloud: Cloud, arn: str, body: str, attributes: Mapping[str, Any] | None = None
) -> bool:
    """Send ``body`` (and message ``attributes``) to the SQS queue ``arn`` through the sqs
    engine's public SendMessage: whether the queue took it (AWS drops a record its
    destination refuses: a queue deleted since, a FIFO queue, a body too large)."""
    try:
        sqs = cloud.engine("sqs", arn.split(":")[3])
        url = sqs.queue_url_for_arn(arn)
        if url is None:
            return False
        params: dict[str, Any] = {"QueueUrl": url, "MessageBody": body}
        if attributes:
            params["MessageAttributes"] = dict(attributes)
        sqs.send_message(params)
    except (AWSError, ValueError, IndexError):
        return False
    return True


def _binary(value: object) -> str:
    """JSON for the values ``json`` does not know: B and BS attributes, as base64 text."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)  # type: ignore[return-value]
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def encode(event: Mapping[str, Any]) -> bytes:
    """The event as the JSON payload Lambda's Invoke receives."""
    return json.dumps(event, separators=(",", ":"), default=_binary).encode()


def iso(moment: float, *, millis: bool = False) -> str:
    """An epoch time as AWS's UTC text (``2019-11-14T00:13:19Z``, or with ``.717Z``)."""
    when = datetime.fromtimestamp(moment, UTC)
    if millis:
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@attrs.define(slots=True, eq=False)
class Entry:
    """One record read from a shard, waiting to be delivered."""

    record: dict[str, Any]
    seq: str
    #: ApproximateCreationDateTime, epoch seconds (the record's age counts from it).
    created: float
    #: When the mapping read it (the batching window counts from it).
    seen: float
    lane: int = 0


def event_record(wire: Mapping[str, Any], stream_arn: str) -> dict[str, Any]:
    """A GetRecords record as a Lambda event's ``Records`` entry."""
    body = dict(wire["dynamodb"])
    created = body["ApproximateCreationDateTime"]
    if isinstance(created, datetime):
        body["ApproximateCreationDateTime"] = int(created.timestamp())
    out: dict[str, Any] = {
        "eventID": wire["eventID"],
        "eventName": wire["eventName"],
        "eventVersion": wire["eventVersion"],
        "eventSource": wire["eventSource"],
        "awsRegion": wire["awsRegion"],
        "dynamodb": body,
        "eventSourceARN": stream_arn,
    }
    identity = wire.get("userIdentity")
    if identity is not None:
        out["userIdentity"] = {
            "type": identity.get("Type", "Service"),
            "principalId": identity.get("PrincipalId"),
        }
    return out


def lane_of(record: Mapping[str, Any], lanes: int) -> int:
    """The lane (0..lanes-1) of a record: by its item key, so one key keeps its order."""
    if lanes == 1:
        return 0
    keys = json.dumps(record["dynamodb"]["Keys"], sort_keys=True, default=_binary)
    return zlib.crc32(keys.encode()) % lanes


def failure_record(
    *,
    request_id: str,
    function_arn: str,
    condition: str,
    invoke_count: int,
    response: Mapping[str, Any] | None,
    now: float,
    shard_id: str,
    stream_arn: str,
    batch: list[Entry],
) -> dict[str, Any]:
    """The invocation record an OnFailure destination receives for a discarded batch."""
    return {
        "requestContext": {
            "requestId": request_id,
            "functionArn": function_arn,
            "condition": condition,
            "approximateInvokeCount": invoke_count,
        },
        "responseContext": dict(response or {}),
        "version": "1.0",
        "timestamp": iso(now, millis=True),
        "DDBStreamBatchInfo": {
            "shardId": shard_id,
            "startSequenceNumber": batch[0].seq,
            "endSequenceNumber": batch[-1].seq,
            "approximateArrivalOfFirstRecord": iso(batch[0].created),
            "approximateArrivalOfLastRecord": iso(batch[-1].created),
            "batchSize": len(batch),
            "streamArn": stream_arn,
        },
    }


@attrs.define
class EsmMetrics:
    """What a mapping has done (``mapping.metrics()``), as CloudWatch would chart it.

    ``iterator_age`` is the age in seconds of the last record of the latest batch when
    it was sent (AWS's IteratorAge); the counters add up since the mapping was made.
    """

    iterator_age: float = 0.0
    #: Invocations made (each batch attempt, retries included).
    invocations: int = 0
    #: Batches the function processed (a success, partial successes included).
    batches: int = 0
    #: Records delivered in successful batches.
    records: int = 0
    #: Failed invocations retried (bisected halves do not count).
    retries: int = 0
    #: Records given up on (sent to OnFailure when there is one).
    discarded: int = 0
    #: Records that matched no filter (processed without an invocation).
    filtered: int = 0
    #: Invocations that failed (function errors, throttles, refused calls).
    errors: int = 0

    def snapshot(self) -> EsmMetrics:
        return attrs.evolve(self)
