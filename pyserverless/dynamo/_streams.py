"""DynamoDB Streams as the table keeps them: streams, shards, records, retention.

The engine side (``StreamOps``) starts a stream when a table's StreamSpecification
enables it (CreateTable, UpdateTable) and stops it when disabled or when the table is
deleted; a stopped stream stays readable for 24 hours, then it is gone. Shards roll
over on the Cloud's scheduler. The ``dynamodbstreams`` service reads streams only
through the public ``stream_*`` methods here, which take and return plain data.

The resource layer's ``table.stream`` (``StreamTable``) shows the current stream and
its records as frozen Python objects, for tests and teaching.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from ._changes import Change
from ._engine_base import EngineBase
from ._stream_model import Shard, Stream, TableStreams
from ._stream_records import StreamRecord, TableStream, wire_record
from ._table import stream_label

if TYPE_CHECKING:
    from ._table import TableState

__all__ = ["StreamClientOps", "StreamOps", "StreamRecord", "StreamTable", "TableStream"]

#: The shard iterator types GetShardIterator takes.
ITERATOR_TYPES = (
    "TRIM_HORIZON",
    "LATEST",
    "AT_SEQUENCE_NUMBER",
    "AFTER_SEQUENCE_NUMBER",
    "AT_TIMESTAMP",
)


class StreamOps(EngineBase):
    """The engine's streams operations (mixed into ``DynamoDB``).

    The ``stream_*`` methods are what the ``dynamodbstreams`` service reads; they take
    and return plain data, and report problems as ``{"Problem": code}``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> engine = cloud.engine("dynamodb")
    >>> _ = engine.create_table({"TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
    ...     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    ...     "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    ...     "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}})
    >>> _ = engine.put_item({"TableName": "tbl", "Item": {"id": "a"}})
    >>> arn = engine.stream_list("tbl")[0]["StreamArn"]
    >>> shard = engine.stream_describe(arn)["Shards"][0]["ShardId"]
    >>> it = engine.stream_iterator(arn, shard, "TRIM_HORIZON")["ShardIterator"]
    >>> page = engine.stream_records(it, 100)
    >>> [(r["eventName"], r["dynamodb"]["Keys"]) for r in page["Records"]]
    [('INSERT', {'id': {'S': 'a'}})]
    >>> engine.stream_iterator(arn, "shardId-nope", "LATEST")
    {'Problem': 'ShardNotFound'}
    """

    # -- the region's streams ---------------------------------------------------------------
    @property
    def _stream_map(self) -> dict[str, Stream]:
        """Every stream of the region by ARN, the disabled ones until they are gone."""
        found: dict[str, Stream] | None = self.__dict__.get("_streams_by_arn")
        if found is None:
            found = self.__dict__.setdefault("_streams_by_arn", {})
        return found

    def _live_stream(self, arn: Any, now: float) -> Stream | None:
        stream = self._stream_map.get(arn) if isinstance(arn, str) else None
        if stream is None or stream.gone(now, self.limits.stream_disabled_seconds):
            return None
        return stream

    # -- starting and stopping (called under the lock) --------------------------------------
    def _streams_sync(self, t: TableState) -> None:
        """After CreateTable or UpdateTable: start or stop ``t``'s stream as its
        StreamSpecification now says."""
        ts = t.streams
        current = ts.current if isinstance(ts, TableStreams) else None
        enabled = bool(t.stream and t.stream.get("StreamEnabled"))
        now = self.cloud.clock.time()
        if current is not None and (not enabled or current.label != t.stream_label):
            self._stream_stop(t, current, now)
            current = None
        if enabled and current is None and t.stream_label is not None:
            self._stream_start(t, now)

    def _stream_start(self, t: TableState, now: float) -> None:
        assert t.stream is not None
        assert t.stream_label is not None
        ids = self.cloud.ids
        label = t.stream_label
        created = datetime.strptime(label, "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
        while f"{t.arn}/stream/{label}" in self._stream_map:
            # A table deleted and made again within the millisecond: a new ARN all the same.
            created += timedelta(milliseconds=1)
            label = t.stream_label = stream_label(created)
        stream = Stream(
            arn=f"{t.arn}/stream/{label}",
            table_name=t.name,
            label=label,
            view_type=t.stream["StreamViewType"],
            key_schema=tuple((k["AttributeName"], k["KeyType"]) for k in t.key_schema()),
            created=created,
            secret=ids.token_bytes(32),
            # AWS's numbers are 21 digits; the first is not zero.
            next_seq=(1 + ids.bits(8) % 8) * 10**20 + ids.bits(48) * 1000,
            retention=float(self.limits.stream_retention_seconds),
        )
        stream.open(self._new_shard_id(now), now)
        stream.settles_at = now + self.limits.table_state_seconds
        self._stream_map[stream.arn] = stream
        t.streams = TableStreams(current=stream)
        t.watchers.append(stream.record)
        self._schedule_roll(stream, now)

    def _stream_stop(self, t: TableState, stream: Stream, now: float) -> None:
        stream.disable(now)
        stream.settles_at = now + self.limits.table_state_seconds
        if stream.record in t.watchers:
            t.watchers.remove(stream.record)
        if stream.roll_task is not None:
            stream.roll_task.cancel()
            stream.roll_task = None
        if isinstance(t.streams, TableStreams):
            t.streams.current = None
        keep = self.limits.stream_disabled_seconds
        stream.purge_task = self.cloud.scheduler.call_at(
            now + keep, self._streams_purge, stream.arn, name="dynamodb stream removal"
        )

    def _streams_table_deleted(self, t: object, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``: its stream is DISABLED."""
        streams = getattr(t, "streams", None)
        if isinstance(streams, TableStreams) and streams.current is not None:
            self._stream_stop(t, streams.current, now)  # type: ignore[arg-type]

    def _new_shard_id(self, now: float) -> str:
        return f"shardId-{int(now * 1000):020d}-{self.cloud.ids.hex(8)}"

    def _schedule_roll(self, stream: Stream, now: float) -> None:
        every = self.limits.stream_shard_seconds
        if every > 0:
            stream.roll_task = self.cloud.scheduler.call_at(
                now + every,
                self._streams_roll,
                stream.arn,
                name="dynamodb stream shard rollover",
                daemon=True,  # recurs while the stream lives: run_until_idle won't wait
            )

    def _streams_roll(self, arn: str) -> None:
        """Scheduled: close the open shard of stream ``arn`` and open its child."""
        with self.lock:
            stream = self._stream_map.get(arn)
            if stream is None or stream.status != "ENABLED":
                return
            now = self.cloud.clock.time()
            stream.open(self._new_shard_id(now), now)
            self._schedule_roll(stream, now)

    def _streams_purge(self, arn: str) -> None:
        """Scheduled: forget a disabled stream once it is no longer readable."""
        with self.lock:
            stream = self._stream_map.get(arn)
            now = self.cloud.clock.time()
            if stream is not None and stream.gone(now, self.limits.stream_disabled_seconds):
                del self._stream_map[arn]

    # -- what the dynamodbstreams service reads (plain data in, plain data out) ------------
    def stream_list(self, table_name: str | None = None) -> list[dict[str, str]]:
        """The region's readable streams, by ARN: ``StreamArn``, ``TableName``, ``StreamLabel``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> engine = cloud.engine("dynamodb")
        >>> engine.stream_list()
        []
        """
        with self.lock:
            now = self.cloud.clock.time()
            streams = [
                s
                for s in self._stream_map.values()
                if not s.gone(now, self.limits.stream_disabled_seconds)
                and (table_name is None or s.table_name == table_name)
            ]
        return [
            {"StreamArn": s.arn, "TableName": s.table_name, "StreamLabel": s.label}
            for s in sorted(streams, key=lambda s: s.arn)
        ]

    def stream_describe(self, arn: str) -> dict[str, Any] | None:
        """The ``StreamDescription`` of stream ``arn`` with all its shards, or None."""
        with self.lock:
            now = self.cloud.clock.time()
            stream = self._live_stream(arn, now)
            return None if stream is None else stream.describe(now)

    def stream_iterator(
        self,
        arn: str,
        shard_id: str,
        iterator_type: str,
        sequence_number: int | None = None,
        timestamp: float | None = None,
    ) -> dict[str, Any]:
        """A shard iterator (``{"ShardIterator": ...}``), or ``{"Problem": code}`` with
        code ``StreamNotFound``, ``ShardNotFound``, ``SequenceOutOfRange`` or ``Trimmed``."""
        with self.lock:
            now = self.cloud.clock.time()
            stream = self._live_stream(arn, now)
            if stream is None:
                return {"Problem": "StreamNotFound"}
            shard = stream.shard(shard_id, now)
            if shard is None:
                return {"Problem": "ShardNotFound"}
            first = shard.first_alive(now - stream.retention)
            position = _position(shard, first, iterator_type, sequence_number, timestamp)
            if isinstance(position, str):
                return {"Problem": position}
            return {"ShardIterator": stream.iterator(shard, position, now)}

    def stream_records(self, iterator: str, limit: int) -> dict[str, Any]:
        """GetRecords: ``{"Records": [...], "NextShardIterator": ...}`` (no next iterator
        once a closed shard is drained), or ``{"Problem": code}`` with code ``Invalid``,
        ``Expired``, ``StreamNotFound``, ``ShardNotFound`` or ``Trimmed``."""
        arn, _, rest = iterator.partition("|")
        version, _, token = rest.partition("|")
        with self.lock:
            now = self.cloud.clock.time()
            stream = self._stream_map.get(arn)
            if stream is None and version == "1" and "/stream/" in arn:
                return {"Problem": "StreamNotFound"}  # gone: its secret went with it
            decoded = stream.read_iterator(token) if stream is not None and version == "1" else None
            if stream is None or decoded is None:
                return {"Problem": "Invalid"}
            serial, position, issued = decoded
            if now >= issued + self.limits.stream_iterator_seconds:
                return {"Problem": "Expired"}
            if self._live_stream(arn, now) is None:
                return {"Problem": "StreamNotFound"}
            shard = stream.shard_by_serial(serial, now)
            if shard is None:
                return {"Problem": "ShardNotFound"}
            if position < shard.first_alive(now - stream.retention):
                return {"Problem": "Trimmed"}
            records, position = self._read(stream, shard, position, limit)
            out: dict[str, Any] = {"Records": records}
            if shard.closed_at is None or position < shard.stop:
                out["NextShardIterator"] = stream.iterator(shard, position, now)
            return out

    def _read(
        self, stream: Stream, shard: Shard, position: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Up to ``limit`` records from ``position`` within the byte limit; the next position."""
        out: list[dict[str, Any]] = []
        budget = self.limits.stream_max_read_bytes
        stop = min(shard.stop, position + limit)
        while position < stop:
            record = wire_record(stream, position, shard.record_at(position), self.region)
            size = record["dynamodb"]["SizeBytes"]
            if out and size > budget:
                break
            budget -= size
            out.append(record)
            position += 1
        return out, position

    # -- wake-ups for stream readers (Lambda's event source mappings) ----------------------
    def stream_notify(
        self, arn: str, callback: Callable[[], object], *, stop: bool = False
    ) -> bool:
        """Call ``callback()`` after each write stream ``arn`` records (``stop=True``: no
        longer); False when there is no such enabled stream. The callback runs under the
        table's lock, as the write commits: it should only schedule a read (GetRecords)."""
        with self.lock:
            stream = self._stream_map.get(arn)
            t = self.tables.get(stream.table_name) if stream is not None else None
            if t is None or stream is None or stream.status != "ENABLED":
                return False
            wake = _Wake(arn, callback)
            if stop:
                t.watchers[:] = [w for w in t.watchers if w != wake]
            elif wake not in t.watchers:
                t.watchers.append(wake)
            return True

    # -- the resource layer's view -----------------------------------------------------------
    def stream_of_table(self, table_name: str) -> TableStream | None:
        """The current stream of table ``table_name`` as a ``TableStream``, or None."""
        with self.lock:
            t = self._described(table_name)
            ts = t.streams
            stream = ts.current if isinstance(ts, TableStreams) else None
            if stream is None:
                return None
            return TableStream(arn=stream.arn, label=stream.label, view_type=stream.view_type)

    def stream_native_records(self, arn: str, since: Any = None) -> tuple[StreamRecord, ...]:
        """Every readable record of stream ``arn``, oldest first, as ``StreamRecord`` objects.

        ``since`` keeps the records after a sequence number (a string) or at or after an
        instant (an aware ``datetime``).
        """
        with self.lock:
            now = self.cloud.clock.time()
            stream = self._live_stream(arn, now)
            if stream is None:
                return ()
            out: list[StreamRecord] = []
            for shard in stream.live_shards(now):
                first = shard.first_alive(now - stream.retention)
                for seq in range(first, shard.stop):
                    change = shard.record_at(seq)
                    if _after(since, seq, change):
                        out.append(StreamRecord.of(stream, seq, change, shard.shard_id))
            return tuple(out)


@attrs.frozen
class _Wake:
    """A table watcher calling a stream reader back after a write to stream ``arn``."""

    arn: str
    callback: Callable[[], object]

    def __call__(self, change: Change) -> None:
        self.callback()


def _after(since: Any, seq: int, change: Change) -> bool:
    if since is None:
        return True
    if isinstance(since, str):
        return seq > int(since)
    if isinstance(since, datetime):
        return change.time >= since.timestamp()
    raise TypeError(f"since must be a sequence number string or an aware datetime, not {since!r}")


def _position(
    shard: Shard, first: int, kind: str, seq: int | None, timestamp: float | None
) -> int | str:
    """Where an iterator of ``kind`` starts in ``shard`` (``first``: its oldest live record)."""
    if kind == "TRIM_HORIZON":
        return first
    if kind == "LATEST":
        return shard.stop
    if kind == "AT_TIMESTAMP":
        assert timestamp is not None
        return max(first, shard.first_alive(timestamp, inclusive=True))
    assert seq is not None
    if not shard.start <= seq <= max(shard.stop - 1, shard.start):
        return "SequenceOutOfRange"
    if seq < first:
        return "Trimmed"
    return seq if kind == "AT_SEQUENCE_NUMBER" else seq + 1


class StreamClientOps:
    """The client's streams operations (mixed into ``DynamoDBClient``): none, the
    stream operations belong to the ``dynamodbstreams`` client."""


class StreamTable:
    """The resource layer's streams extras (mixed into ``dynamo.Table``)."""

    name: str
    _engine: Any

    @property
    def stream(self) -> TableStream | None:
        """The table's current stream (None when it has none), with its records.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> table = cloud.dynamo.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        >>> _ = table.put_item(Item={"id": "a", "text": "hello"})
        >>> [(r.event_name, r.keys, r.new_image) for r in table.stream.records()]
        [('INSERT', {'id': 'a'}, {'id': 'a', 'text': 'hello'})]
        """
        found: TableStream | None = self._engine.stream_of_table(self.name)
        if found is not None:
            found = found.bound(self._engine)
        return found
