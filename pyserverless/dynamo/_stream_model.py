"""The state of DynamoDB Streams: streams, their shards, and the records in them.

A ``Stream`` belongs to the region (it outlives its table by 24 hours); the table's
``TableState.streams`` points at its ``TableStreams`` (the current stream, if any).
Writes reach a stream through ``Stream.record``, a watcher on ``TableState.watchers``
(see ``_changes``): it appends the ``Change`` itself to the open shard, so a write costs
one list append and the images stay native until a reader asks for them.

Sequence numbers are consecutive integers within a stream (so a record's number is its
shard's ``base`` plus its index), written as 21 decimal digits the way DynamoDB does.
Records older than the retention period are trimmed lazily and exactly: a read finds
the first live record by bisection on the clock, and appends drop the dead prefix once
it is half the list, so memory stays bounded at O(1) amortised cost per write.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any

import attrs

from ._changes import Change

__all__ = ["Shard", "Stream", "TableStreams", "sequence_text"]

#: Records per shard kept below this before a dead prefix is compacted (tiny lists: never).
_COMPACT_MIN = 64
#: ``record`` looks for a dead prefix when the open shard's length is a multiple of 64.
_CHECK_EVERY = 63
#: The ``"|1|"`` of DynamoDB's iterators: a version number between the ARN and the token.
_ITERATOR_VERSION = "1"
#: Shard serial (8 bytes), position (10 bytes: 21-digit numbers pass 2**64), issue ms (8).
_PAYLOAD_SIZE = 26
_TAG = 16


def sequence_text(seq: int) -> str:
    """A sequence number as DynamoDB writes it: 21 decimal digits.

    >>> sequence_text(100000000000000000042)
    '100000000000000000042'
    """
    return f"{seq:021d}"


@attrs.define(eq=False, repr=False)
class Shard:
    """One shard: its id, parent, and the records appended while it was open."""

    shard_id: str
    parent_id: str | None
    #: The stream's serial number of this shard (what an iterator names).
    serial: int
    #: The first sequence number of the shard (its ``StartingSequenceNumber``).
    start: int
    #: Sequence number of ``records[0]`` (``start`` until a trimmed prefix is dropped).
    base: int
    created: float
    records: list[Change] = attrs.field(factory=list)
    #: Clock time the shard closed (None: open).
    closed_at: float | None = None

    @property
    def stop(self) -> int:
        """The sequence number the next record of this shard would have."""
        return self.base + len(self.records)

    @property
    def end(self) -> int | None:
        """``EndingSequenceNumber``: the last record's, or the start of an empty shard."""
        if self.closed_at is None:
            return None
        return max(self.stop - 1, self.start)

    def first_alive(self, cutoff: float, *, inclusive: bool = False) -> int:
        """The sequence number of the oldest record written after ``cutoff`` (at or after
        it with ``inclusive``), or ``stop`` when there is none: a bisection on the clock."""
        find = bisect.bisect_left if inclusive else bisect.bisect_right
        return self.base + find(self.records, cutoff, key=_time_of)

    def compact(self, cutoff: float) -> None:
        """Drop the records written at or before ``cutoff`` once they are half the list."""
        records = self.records
        if len(records) < _COMPACT_MIN or records[0].time > cutoff:
            return
        dead = bisect.bisect_right(records, cutoff, key=_time_of)
        if dead * 2 >= len(records):
            del records[:dead]
            self.base += dead

    def record_at(self, seq: int) -> Change:
        return self.records[seq - self.base]

    def __repr__(self) -> str:
        state = "open" if self.closed_at is None else "closed"
        return f"Shard({self.shard_id!r}, {state}, records={len(self.records)})"


def _time_of(change: Change) -> float:
    return change.time


@attrs.define(eq=False, repr=False)
class Stream:
    """One stream of one table: ENABLED while the table writes to it, then DISABLED."""

    arn: str
    table_name: str
    label: str
    view_type: str
    key_schema: tuple[tuple[str, str], ...]
    created: datetime
    #: Seeded secret that signs this stream's iterators and derives its event ids.
    secret: bytes
    next_seq: int
    shards: list[Shard] = attrs.field(factory=list)
    status: str = "ENABLED"
    #: Clock time until which DescribeStream says ENABLING, then DISABLING once disabled
    #: (the state delay, ``DynamoDBLimits.table_state_seconds``; 0: never).
    settles_at: float = 0.0
    #: Clock time the stream was disabled (None: enabled); it is gone 24 hours later.
    disabled_at: float | None = None
    #: Retention of records, in seconds.
    retention: float = 86400.0
    #: The scheduled rollover of the open shard (a TaskHandle), if any.
    roll_task: Any = None
    #: The scheduled removal of the disabled stream (a TaskHandle), if any.
    purge_task: Any = None
    #: The open shard's record list (what ``record`` appends to).
    tail: list[Change] = attrs.field(factory=list)

    @property
    def open_shard(self) -> Shard | None:
        last = self.shards[-1] if self.shards else None
        return last if last is not None and last.closed_at is None else None

    def record(self, change: Change) -> None:
        """The table's watcher: append one change to the open shard (O(1) amortised)."""
        records = self.tail
        records.append(change)
        if not len(records) & _CHECK_EVERY:  # now and then, drop a dead prefix
            self.shards[-1].compact(change.time - self.retention)

    def open(self, shard_id: str, now: float) -> Shard:
        """Open a new shard, the child of the current one (closed first)."""
        parent = self.shards[-1] if self.shards else None
        if parent is not None and parent.closed_at is None:
            self.close(now)
        serial = parent.serial + 1 if parent is not None else 0
        shard = Shard(
            shard_id=shard_id,
            parent_id=parent.shard_id if parent is not None else None,
            serial=serial,
            start=self.next_seq,
            base=self.next_seq,
            created=now,
        )
        self.shards.append(shard)
        self.tail = shard.records
        return shard

    def close(self, now: float) -> None:
        """Close the open shard; an empty shard uses up its starting sequence number."""
        shard = self.open_shard
        if shard is None:
            return
        shard.closed_at = now
        # The child starts after the last record; an empty shard uses up its first number.
        self.next_seq = max(shard.stop, shard.start + 1)

    def disable(self, now: float) -> None:
        self.close(now)
        self.status = "DISABLED"
        self.disabled_at = now

    def live_shards(self, now: float) -> list[Shard]:
        """The shards DescribeStream lists: closed ones go once their records are all trimmed."""
        cutoff = now - self.retention
        return [s for s in self.shards if s.closed_at is None or s.closed_at > cutoff]

    def shard(self, shard_id: str, now: float) -> Shard | None:
        for s in self.live_shards(now):
            if s.shard_id == shard_id:
                return s
        return None

    def shard_by_serial(self, serial: int, now: float) -> Shard | None:
        for s in self.live_shards(now):
            if s.serial == serial:
                return s
        return None

    def gone(self, now: float, keep: float) -> bool:
        """Whether a disabled stream has passed the ``keep`` seconds it stays readable."""
        return self.disabled_at is not None and now >= self.disabled_at + keep

    # -- iterators: the ARN, "|1|", and a signed token of (shard, position, issue time) ------
    def iterator(self, shard: Shard, position: int, now: float) -> str:
        raw = (
            shard.serial.to_bytes(8, "big")
            + position.to_bytes(10, "big")
            + int(now * 1000).to_bytes(8, "big")
        )
        tag = hmac.new(self.secret, raw, hashlib.sha256).digest()[:_TAG]
        body = _xor(raw, hmac.new(self.secret, tag, hashlib.sha256).digest())
        token = base64.b64encode(tag + body).decode("ascii")
        return f"{self.arn}|{_ITERATOR_VERSION}|{token}"

    def read_iterator(self, token: str) -> tuple[int, int, float] | None:
        """``(shard serial, position, issued at)`` of a token this stream signed, else None."""
        try:
            data = base64.b64decode(token.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            return None
        if len(data) != _TAG + _PAYLOAD_SIZE:
            return None
        tag, body = data[:_TAG], data[_TAG:]
        raw = _xor(body, hmac.new(self.secret, tag, hashlib.sha256).digest())
        if not hmac.compare_digest(hmac.new(self.secret, raw, hashlib.sha256).digest()[:_TAG], tag):
            return None
        serial = int.from_bytes(raw[:8], "big")
        position = int.from_bytes(raw[8:18], "big")
        return serial, position, int.from_bytes(raw[18:], "big") / 1000

    def event_id(self, seq: int) -> str:
        """The record's ``eventID``: 32 hex digits, fixed by the seeded secret and its number."""
        return hashlib.blake2b(seq.to_bytes(16, "big"), key=self.secret, digest_size=16).hexdigest()

    def status_at(self, now: float) -> str:
        """``StreamStatus``: ENABLED or DISABLED, ENABLING or DISABLING while it settles."""
        if now < self.settles_at:
            return "ENABLING" if self.status == "ENABLED" else "DISABLING"
        return self.status

    def describe(self, now: float) -> dict[str, Any]:
        """``StreamDescription`` with every live shard (paging is the caller's)."""
        shards = []
        for s in self.live_shards(now):
            numbers = {"StartingSequenceNumber": sequence_text(s.start)}
            if s.end is not None:
                numbers["EndingSequenceNumber"] = sequence_text(s.end)
            entry: dict[str, Any] = {"ShardId": s.shard_id, "SequenceNumberRange": numbers}
            if s.parent_id is not None:
                entry["ParentShardId"] = s.parent_id
            shards.append(entry)
        return {
            "StreamArn": self.arn,
            "StreamLabel": self.label,
            "StreamStatus": self.status_at(now),
            "StreamViewType": self.view_type,
            "CreationRequestDateTime": self.created,
            "TableName": self.table_name,
            "KeySchema": [{"AttributeName": n, "KeyType": k} for n, k in self.key_schema],
            "Shards": shards,
        }

    def _check(self) -> None:
        """Assert the invariants: every shard but an enabled stream's last is closed; each
        child follows its parent, numbers rising; records are in clock order."""
        last = len(self.shards) - 1
        for i, shard in enumerate(self.shards):
            assert shard.base >= shard.start, shard
            assert (shard.closed_at is None) == (i == last and self.status == "ENABLED"), shard
            times = [c.time for c in shard.records]
            assert times == sorted(times), shard
            if i:
                parent = self.shards[i - 1]
                assert parent.end is not None
                assert shard.parent_id == parent.shard_id, shard
                assert shard.start > parent.end, (parent, shard)
        if self.status == "ENABLED":
            assert self.tail is self.shards[-1].records
        else:
            assert self.disabled_at is not None

    def __repr__(self) -> str:
        return f"Stream({self.arn!r}, {self.status}, shards={len(self.shards)})"


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad, strict=False))


@attrs.define(eq=False)
class TableStreams:
    """What a table knows of its streams: the current one (None once disabled)."""

    current: Stream | None = None


def epoch_floor(moment: float) -> datetime:
    """``ApproximateCreationDateTime``: the record's time rounded down to the second."""
    return datetime.fromtimestamp(int(moment // 1), UTC)
