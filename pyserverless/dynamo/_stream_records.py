"""Stream records as readers see them: DynamoDB Streams' wire shape and Python objects.

A stored record is the ``Change`` the write produced; these functions render it when
someone reads it: ``wire_record`` as GetRecords returns it (AttributeValues), and
``StreamRecord`` as the resource layer shows it (native values, frozen).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import attrs

from ._changes import Change
from ._python import item_to_python
from ._sizes import item_size
from ._stream_model import Stream, epoch_floor, sequence_text
from ._wire import item_to_wire

__all__ = ["StreamRecord", "TableStream", "record_parts", "wire_record"]

_NEW = frozenset({"NEW_IMAGE", "NEW_AND_OLD_IMAGES"})
_OLD = frozenset({"OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
#: ``eventVersion`` of the records DynamoDB writes today.
EVENT_VERSION = "1.1"


def record_parts(
    stream: Stream, change: Change
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None, int]:
    """``(keys, new image, old image, SizeBytes)`` of a change, as the view type shows it.

    ``SizeBytes`` is the DynamoDB size of the keys plus each image the record carries
    (AWS's sample records add up this way: 26, 59 and 38 bytes).
    """
    hk, rk = change.key
    names = stream.key_schema
    keys = {names[0][0]: hk} if len(names) == 1 else {names[0][0]: hk, names[1][0]: rk}
    size = item_size(keys)
    view = stream.view_type
    new = change.new if view in _NEW else None
    old = change.old if view in _OLD else None
    if new is not None:
        size += change.new_size
    if old is not None:
        size += change.old_size
    return keys, new, old, size


def wire_record(stream: Stream, seq: int, change: Change, region: str) -> dict[str, Any]:
    """One record as GetRecords returns it (boto3's parsed shape)."""
    keys, new, old, size = record_parts(stream, change)
    body: dict[str, Any] = {
        "ApproximateCreationDateTime": epoch_floor(change.time),
        "Keys": item_to_wire(keys),
    }
    if new is not None:
        body["NewImage"] = item_to_wire(new)
    if old is not None:
        body["OldImage"] = item_to_wire(old)
    body["SequenceNumber"] = sequence_text(seq)
    body["SizeBytes"] = size
    body["StreamViewType"] = stream.view_type
    record: dict[str, Any] = {
        "eventID": stream.event_id(seq),
        "eventName": change.event_name,
        "eventVersion": EVENT_VERSION,
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": body,
    }
    if change.identity is not None:
        record["userIdentity"] = {"PrincipalId": change.identity, "Type": "Service"}
    return record


@attrs.frozen
class StreamRecord:
    """One stream record with native values (``table.stream.records()``).

    The images are copies: changing them changes nothing in the table or the stream.
    ``event()`` gives the record as a Lambda function receives it from an event source
    mapping (``ApproximateCreationDateTime`` in epoch seconds, ``eventSourceARN``).
    """

    event_id: str
    event_name: str
    sequence_number: str
    #: ``ApproximateCreationDateTime``: the write's time, rounded down to the second.
    created: datetime
    keys: dict[str, Any]
    new_image: dict[str, Any] | None
    old_image: dict[str, Any] | None
    size_bytes: int
    view_type: str
    shard_id: str
    stream_arn: str
    aws_region: str
    #: ``"dynamodb.amazonaws.com"`` for a deletion by TTL, else None.
    principal: str | None = None

    @classmethod
    def of(cls, stream: Stream, seq: int, change: Change, shard_id: str) -> StreamRecord:
        keys, new, old, size = record_parts(stream, change)
        region = stream.arn.split(":")[3]
        return cls(
            event_id=stream.event_id(seq),
            event_name=change.event_name,
            sequence_number=sequence_text(seq),
            created=epoch_floor(change.time),
            keys=item_to_python(keys),
            new_image=None if new is None else item_to_python(copy.deepcopy(new)),
            old_image=None if old is None else item_to_python(copy.deepcopy(old)),
            size_bytes=size,
            view_type=stream.view_type,
            shard_id=shard_id,
            stream_arn=stream.arn,
            aws_region=region,
            principal=change.identity,
        )

    def event(self) -> dict[str, Any]:
        """The record in the shape of a Lambda event's ``Records`` entry (DynamoDB JSON)."""
        from ._python import item_from_python

        body: dict[str, Any] = {
            "ApproximateCreationDateTime": int(self.created.timestamp()),
            "Keys": item_to_wire(item_from_python(self.keys)),
        }
        if self.new_image is not None:
            body["NewImage"] = item_to_wire(item_from_python(self.new_image))
        if self.old_image is not None:
            body["OldImage"] = item_to_wire(item_from_python(self.old_image))
        body["SequenceNumber"] = self.sequence_number
        body["SizeBytes"] = self.size_bytes
        body["StreamViewType"] = self.view_type
        out: dict[str, Any] = {
            "eventID": self.event_id,
            "eventName": self.event_name,
            "eventVersion": EVENT_VERSION,
            "eventSource": "aws:dynamodb",
            "awsRegion": self.aws_region,
            "dynamodb": body,
            "eventSourceARN": self.stream_arn,
        }
        if self.principal is not None:
            out["userIdentity"] = {"type": "Service", "principalId": self.principal}
        return out

    def __repr__(self) -> str:
        return (
            f"StreamRecord({self.event_name} {self.keys!r} seq={self.sequence_number} "
            f"at {self.created.isoformat()})"
        )


@attrs.frozen
class TableStream:
    """A table's current stream in the resource layer: ``table.stream``.

    ``records(since=...)`` lists its readable records (every shard, oldest first) as
    ``StreamRecord`` objects; ``since`` is a sequence number (records after it) or an
    aware ``datetime`` (records written at or after it).
    """

    arn: str
    label: str
    view_type: str
    _engine: Any = attrs.field(default=None, eq=False, repr=False)

    def bound(self, engine: Any) -> TableStream:
        return attrs.evolve(self, engine=engine)

    def records(self, since: str | datetime | None = None) -> tuple[StreamRecord, ...]:
        """The stream's readable records, oldest first (``since``: see the class)."""
        if self._engine is None:
            raise ValueError("this TableStream is not bound to an engine; use table.stream")
        found: tuple[StreamRecord, ...] = self._engine.stream_native_records(self.arn, since)
        return found

    def subscribe(self, function: Any, **options: Any) -> Any:
        """Invoke ``function`` (a Lambda ``Function``, name or ARN) with this stream's
        records: a Lambda event source mapping, made through Lambda's engine.

        ``options`` are ``batch_size``, ``starting_position`` (``"TRIM_HORIZON"``, the
        default, or ``"LATEST"``), ``batching_window``, ``parallelization``, ``bisect``,
        ``max_retries``, ``max_record_age``, ``tumbling_window``,
        ``report_batch_item_failures``, ``on_failure``, ``filters`` and ``enabled`` (see
        docs/events.md). Returns the mapping (``describe()``, ``metrics()``,
        ``failures()``, ``delete()``).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> table = cloud.dynamo.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        >>> texts = []
        >>> fn = cloud.lambda_.create_function("index", handler=lambda e, c: texts.extend(
        ...     r["dynamodb"]["NewImage"]["text"]["S"] for r in e["Records"]))
        >>> mapping = table.stream.subscribe(fn, batch_size=10)
        >>> _ = table.put_item(Item={"id": "a", "text": "hello"})
        >>> _ = cloud.advance(1)
        >>> texts
        ['hello']
        """
        if self._engine is None:
            raise ValueError("this TableStream is not bound to an engine; use table.stream")
        lam = self._engine.cloud.engine("lambda", self._engine.region)
        return lam.subscribe_stream(self.arn, function, **options)

    def __repr__(self) -> str:
        return f"TableStream({self.label!r}, view_type={self.view_type!r})"
