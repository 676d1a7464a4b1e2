"""Log groups, log streams and their events: CloudWatch Logs' store.

A stream keeps its events sorted by (timestamp, arrival). Writers that produce many
lines cheaply (Lambda's invocations) hand over a *chunk*: a timestamp and either a list
of messages or an object whose ``messages()`` formats them. A chunk is turned into events only
when someone reads the stream, so a write costs one list append.

Every event has a 56-digit key (timestamp, stream number, arrival), AWS's ``eventId``
form: keys order events within a stream and across a group, and tokens carry them.

>>> group = GroupRecord("/app", "arn:aws:logs:us-east-1:123456789012:log-group:/app", 0)
>>> stream = group.add_stream("s", 0)
>>> stream.extend(2000, ["second"])
>>> stream.put([(1000, "first")], ingestion=2500)
>>> [(e.timestamp, e.message) for e in stream.events]
[(1000, 'first'), (2000, 'second')]
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from .._core.text import digits

__all__ = ["Chunk", "GroupRecord", "StoredEvent", "StreamRecord", "event_key", "split_key"]


class _Lines(Protocol):
    def messages(self) -> list[str]: ...


#: What a writer hands over: a list of messages, or an object whose ``messages()``
#: formats them when read.
Chunk = list[str] | _Lines


def event_key(timestamp: int, stream_number: int, seq: int) -> str:
    """The 56-digit event id: 20 digits of timestamp, 12 of stream, 24 of arrival.

    >>> key = event_key(1700000000000, 3, 7)
    >>> len(key), split_key(key)
    (56, (1700000000000, 3, 7))
    """
    return f"{timestamp:020d}{stream_number:012d}{seq:024d}"


def split_key(key: str) -> tuple[int, int, int]:
    """The (timestamp, stream number, arrival) of an event id (ValueError if malformed)."""
    if len(key) != 56 or not digits(key):
        raise ValueError(key)
    return int(key[:20]), int(key[20:32]), int(key[32:])


class StoredEvent:
    """One event as stored: timestamp and ingestion time (ms), the message, its key.

    >>> StoredEvent(1000, "hello", 1500, "0" * 56)
    <StoredEvent 1000 'hello'>
    """

    __slots__ = ("ingestion", "key", "message", "timestamp")

    def __init__(self, timestamp: int, message: str, ingestion: int, key: str) -> None:
        self.timestamp = timestamp
        self.message = message
        self.ingestion = ingestion
        self.key = key

    def __repr__(self) -> str:
        return f"<StoredEvent {self.timestamp} {self.message[:40]!r}>"


class StreamRecord:
    """One log stream: its events, kept sorted, and chunks not yet read.

    >>> from pyserverless.logs import StreamRecord
    >>> stream = StreamRecord("s", "arn:...:log-stream:s", 0, 1)
    >>> stream.extend(5, ["b"])
    >>> stream.put([(3, "a")], ingestion=6)
    >>> [(e.timestamp, e.message) for e in stream.events], stream.stored_bytes()
    ([(3, 'a'), (5, 'b')], 2)
    """

    __slots__ = (
        "_bytes",
        "_events",
        "_keys",
        "_lock",
        "_pending",
        "_seq",
        "_times",
        "arn",
        "creation_time",
        "name",
        "number",
    )

    def __init__(self, name: str, arn: str, creation_time: int, number: int) -> None:
        self.name = name
        self.arn = arn
        self.creation_time = creation_time
        #: The stream's place in its Region (the middle of every event id).
        self.number = number
        self._pending: list[tuple[int, int, Chunk]] = []
        self._events: list[StoredEvent] = []
        self._times: list[int] = []
        #: The events' keys, in the same order (ascending: they lead with the timestamp).
        self._keys: list[str] = []
        #: The UTF-8 size of the stored messages, kept as events come and go.
        self._bytes = 0
        self._seq = itertools.count()
        self._lock = threading.Lock()

    # -- writing ------------------------------------------------------------------------
    def extend(self, timestamp: int, lines: Chunk) -> None:
        """Append a chunk: every line one event at ``timestamp`` (also its ingestion time)."""
        self._pending.append((timestamp, timestamp, lines))  # list.append is atomic

    def put(self, events: Iterable[tuple[int, str]], ingestion: int) -> None:
        """Store ``(timestamp, message)`` events, in order, ingested at ``ingestion``."""
        with self._lock:
            self._flush()
            for timestamp, message in events:
                self._insert(timestamp, message, ingestion)

    def _insert(self, timestamp: int, message: str, ingestion: int) -> None:
        event = StoredEvent(
            timestamp, message, ingestion, event_key(timestamp, self.number, next(self._seq))
        )
        self._bytes += len(message.encode("utf-8", "surrogatepass"))
        times = self._times
        if not times or timestamp >= times[-1]:
            times.append(timestamp)
            self._keys.append(event.key)
            self._events.append(event)
        else:
            at = bisect.bisect_right(times, timestamp)
            times.insert(at, timestamp)
            self._keys.insert(at, event.key)
            self._events.insert(at, event)

    def _flush(self) -> None:
        """Turn pending chunks into events (caller holds the lock)."""
        if not self._pending:
            return
        pending = self._pending[:]
        del self._pending[: len(pending)]
        for timestamp, ingestion, chunk in pending:
            lines = chunk if isinstance(chunk, list) else chunk.messages()
            for line in lines:
                self._insert(timestamp, line, ingestion)

    # -- reading ------------------------------------------------------------------------
    @property
    def events(self) -> list[StoredEvent]:
        """Every event, oldest first (arrival order among equal timestamps)."""
        with self._lock:
            self._flush()
            return list(self._events)

    def range(self, start: int | None, end: int | None) -> list[StoredEvent]:
        """The events with ``start <= timestamp < end`` (either bound may be absent)."""
        with self._lock:
            self._flush()
            lo = 0 if start is None else bisect.bisect_left(self._times, start)
            hi = len(self._times) if end is None else bisect.bisect_left(self._times, end)
            return self._events[lo:hi]

    def window(
        self,
        start: int | None,
        end: int | None,
        *,
        after: str | None = None,
        before: str | None = None,
        limit: int,
        from_end: bool = False,
    ) -> list[StoredEvent]:
        """At most ``limit`` events with ``start <= timestamp < end`` and a key above
        ``after`` / below ``before``: the first ones, or the last ones (``from_end``)."""
        with self._lock:
            self._flush()
            lo = 0 if start is None else bisect.bisect_left(self._times, start)
            hi = len(self._times) if end is None else bisect.bisect_left(self._times, end)
            if after is not None:
                lo = max(lo, bisect.bisect_right(self._keys, after))
            if before is not None:
                hi = min(hi, bisect.bisect_left(self._keys, before))
            if lo >= hi:
                return []
            return (
                self._events[max(lo, hi - limit) : hi]
                if from_end
                else self._events[lo : min(hi, lo + limit)]
            )

    def bounds(self) -> tuple[int, int, int] | None:
        """(first event timestamp, last event timestamp, last ingestion), None if empty.

        Read without formatting pending chunks (their timestamps are known).
        """
        with self._lock:
            times = [ts for ts, _, _ in self._pending]
            ingested = [ing for _, ing, _ in self._pending]
            if self._times:
                times += [self._times[0], self._times[-1]]
                ingested.append(max(e.ingestion for e in self._events))
            if not times:
                return None
            return min(times), max(times), max(ingested)

    def stored_bytes(self) -> int:
        """The UTF-8 size of every message."""
        with self._lock:
            self._flush()
            return self._bytes

    def trim(self, before: int) -> int:
        """Remove events older than ``before`` (ms); returns how many went."""
        with self._lock:
            self._flush()
            cut = bisect.bisect_left(self._times, before)
            self._bytes -= sum(
                len(e.message.encode("utf-8", "surrogatepass")) for e in self._events[:cut]
            )
            del self._times[:cut]
            del self._keys[:cut]
            del self._events[:cut]
            return cut

    def _check(self) -> None:
        """The store's invariants: times mirror the events, in (timestamp, key) order."""
        with self._lock:
            assert len(self._times) == len(self._events)
            assert self._times == [e.timestamp for e in self._events]
            keys = [e.key for e in self._events]
            assert keys == self._keys
            assert keys == sorted(keys)
            assert len(set(keys)) == len(keys)
            assert all(split_key(k)[1] == self.number for k in keys)
            assert self._bytes == sum(
                len(e.message.encode("utf-8", "surrogatepass")) for e in self._events
            )

    def __repr__(self) -> str:
        return f"<LogStream {self.name!r} events={len(self.events)}>"


class GroupRecord:
    """One log group: settings, tags and streams by name."""

    def __init__(
        self,
        name: str,
        arn: str,
        creation_time: int,
        *,
        log_group_class: str = "STANDARD",
        kms_key_id: str | None = None,
        tags: dict[str, str] | None = None,
        deletion_protection: bool = False,
        number: Callable[[], int] | None = None,
    ) -> None:
        self.name = name
        #: The ARN without ``:*`` (``logGroupArn``; ``arn`` in answers adds ``:*``).
        self.arn = arn
        self.creation_time = creation_time
        self.log_group_class = log_group_class
        self.kms_key_id = kms_key_id
        self.tags: dict[str, str] = dict(tags or {})
        self.deletion_protection = deletion_protection
        self.retention_days: int | None = None
        self.streams: dict[str, StreamRecord] = {}
        self._number = number

    def add_stream(self, name: str, creation_time: int) -> StreamRecord:
        """A new stream (the caller checked the name is free)."""
        number = self._number() if self._number is not None else len(self.streams)
        stream = StreamRecord(name, f"{self.arn}:log-stream:{name}", creation_time, number)
        self.streams[name] = stream
        return stream

    def events(self) -> list[StoredEvent]:
        """Every event of every stream, streams in creation order."""
        out: list[StoredEvent] = []
        for stream in list(self.streams.values()):
            out.extend(stream.events)
        return out

    def __repr__(self) -> str:
        return f"<LogGroup {self.name!r} streams={len(self.streams)}>"


def describe_stream(stream: StreamRecord) -> dict[str, Any]:
    """DescribeLogStreams' entry for one stream."""
    out: dict[str, Any] = {
        "logStreamName": stream.name,
        "creationTime": stream.creation_time,
    }
    bounds = stream.bounds()
    if bounds is not None:
        out["firstEventTimestamp"], out["lastEventTimestamp"], out["lastIngestionTime"] = bounds
        # A stream no event reached has no token (the LocalStack suite's captures from
        # AWS, test_logs_streams, 2026-02, list a new stream's four members only).
        out["uploadSequenceToken"] = f"{stream.number:056d}"
    out["arn"] = stream.arn
    # Deprecated by AWS in 2019: always 0.
    out["storedBytes"] = 0
    return out
