"""The poller of one event source mapping: it reads a DynamoDB stream's shards and
invokes the function with batches, on the Cloud's clock.

How it runs
-----------
Polling is a task on the Cloud's scheduler (``Poller.poll``, a bound method). It is not
an endless timer: the mapping asks the DynamoDB engine (its public ``stream_notify``)
to call :meth:`Poller.wake` after each write to the stream, and a wake schedules one
poll at the next poll instant (``poll_interval`` after the previous poll, AWS's ~4
polls a second). A poll reads every readable shard through the ``dynamodbstreams``
engine's public GetShardIterator/GetRecords (plain dicts), then delivers what it can;
it schedules the next poll only when work waits on the clock (a batching window, a
retry, a tumbling window's end) or more records wait to be read. So
``cloud.run_until_idle()`` ends once every record is delivered or given up on.

Shards are read parent first (a child shard waits until its parent is drained).
``ParallelizationFactor`` splits a shard into lanes by item key: each lane batches,
fails and retries on its own, so one key's records keep their order.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import AWSError
from ._esm_model import EsmSettings
from ._esm_records import (
    Entry,
    EsmMetrics,
    encode,
    event_record,
    failure_record,
    iso,
    lane_of,
    send_to_queue,
)

if TYPE_CHECKING:
    from .._core.scheduler import TaskHandle
    from ._esm import EventSourceMappings

__all__ = ["Poller"]

#: Seconds between two polls of a mapping (AWS polls each shard about 4 times a second).
POLL_INTERVAL = 0.25
#: Seconds before a failed batch is tried again: doubling from RETRY_DELAY up to
#: MAX_RETRY_DELAY (an assumption [?]: AWS documents retries, not their pacing).
RETRY_DELAY = 1.0
MAX_RETRY_DELAY = 60.0
#: How long a shard iterator is used (DynamoDB Streams' last 15 minutes).
ITERATOR_SECONDS = 899
#: Records a poll reads from one shard before it delivers them.
READ_AHEAD = 10_000
#: Records kept for the whole stream when no MaximumRecordAgeInSeconds is set (24 h).
RETENTION = 86_400
#: Tumbling-window state over this many bytes ends the window early.
MAX_STATE_BYTES = 1_048_576
_FAILED = "PROBLEM: Function call failed"


@attrs.define(eq=False)
class Lane:
    """One key-ordered line of a shard's records, batched and retried on its own."""

    buffer: deque[Entry] = attrs.field(factory=deque)
    #: Batches to send before the buffer (a failed batch, or a bisected one's halves).
    pending: list[list[Entry]] = attrs.field(factory=list)
    attempts: int = 0
    retry_at: float = 0.0
    last_response: dict[str, Any] | None = None
    #: The tumbling window open on this lane (its start), and its state.
    window_start: float | None = None
    state: Any = attrs.field(factory=dict)
    #: The state grew over 1 MB: the window ends early (then goes on, state fresh).
    early: bool = False


@attrs.define(eq=False)
class Cursor:
    """Where the mapping is in one shard."""

    shard_id: str
    parent: str | None
    lanes: list[Lane]
    iterator: str | None = None
    iterator_at: float = 0.0
    #: Where to start when no iterator is held: an iterator type.
    start: str = "TRIM_HORIZON"
    last_seq: str | None = None
    #: The shard is closed and every record of it has been read.
    drained: bool = False

    @property
    def idle(self) -> bool:
        return all(not lane.buffer and not lane.pending for lane in self.lanes)


@attrs.define(eq=False)
class Poller:
    """The moving part of one mapping (see the module docstring)."""

    service: EventSourceMappings
    uuid: str
    stream_arn: str
    function_arn: str
    settings: EsmSettings
    starting_position: str
    created: float
    enabled: bool = True
    #: The mapping's State (Creating, Enabled, Updating...) and when it last changed.
    state: str = "Creating"
    modified: float = 0.0
    #: Creation order among the region's mappings (what ListEventSourceMappings follows).
    serial: int = 0
    last_result: str = "No records processed"
    cursors: dict[str, Cursor] = attrs.field(factory=dict)
    metrics: EsmMetrics = attrs.field(factory=EsmMetrics)
    #: Invocation records of discarded batches (what OnFailure received), oldest first.
    failures: list[dict[str, Any]] = attrs.field(factory=list)
    task: TaskHandle | None = None
    last_poll: float = float("-inf")
    #: Times to poll again, filled while a poll runs.
    _wakes: list[float] = attrs.field(factory=list)

    def __repr__(self) -> str:
        return f"<Poller {self.uuid} {self.state} shards={len(self.cursors)}>"

    @property
    def source(self) -> str:
        """The mapping's EventSourceArn."""
        return self.stream_arn

    # -- the stream, through dynamodbstreams' public API --------------------------------
    @property
    def _streams(self) -> Any:
        return self.service.cloud.engine("dynamodbstreams", self.service.region)

    def _now(self) -> float:
        return self.service.cloud.clock.time()

    def discover(self, *, first: bool = False) -> None:
        """Track every shard of the stream not yet tracked (``first``: at creation,
        where StartingPosition applies; shards that appear later start at their start)."""
        shards: list[dict[str, Any]] = []
        request: dict[str, Any] = {"StreamArn": self.stream_arn}
        while True:
            try:
                page = self._streams.describe_stream(request)["StreamDescription"]
            except AWSError:
                return  # the stream is gone: nothing more to read
            shards.extend(page["Shards"])
            last = page.get("LastEvaluatedShardId")
            if last is None:
                break
            request = {"StreamArn": self.stream_arn, "ExclusiveStartShardId": last}
        lanes = self.settings.parallelization
        present = {shard["ShardId"] for shard in shards}
        for sid, cursor in list(self.cursors.items()):
            if sid not in present and cursor.drained and cursor.idle:
                del self.cursors[sid]  # trimmed away, and done with
        for shard in shards:
            sid = shard["ShardId"]
            if sid in self.cursors:
                continue
            cursor = Cursor(sid, shard.get("ParentShardId"), [Lane() for _ in range(lanes)])
            closed = "EndingSequenceNumber" in shard["SequenceNumberRange"]
            if first and self.starting_position == "LATEST":
                if closed:
                    cursor.drained = True
                else:
                    cursor.start = "LATEST"
                    self._mark_latest(cursor)
            self.cursors[sid] = cursor

    def _mark_latest(self, cursor: Cursor) -> None:
        """LATEST at creation: remember the last record written at this very instant
        (read from AT_TIMESTAMP now), so the mapping starts after it."""
        request = {
            "StreamArn": self.stream_arn,
            "ShardId": cursor.shard_id,
            "ShardIteratorType": "AT_TIMESTAMP",
            "Timestamp": self.created,
        }
        try:
            iterator = self._streams.get_shard_iterator(request)["ShardIterator"]
            while iterator is not None:
                page = self._streams.get_records({"ShardIterator": iterator})
                if not page["Records"]:
                    return
                cursor.last_seq = page["Records"][-1]["dynamodb"]["SequenceNumber"]
                iterator = page.get("NextShardIterator")
        except AWSError:
            return

    def _fresh_iterator(self, cursor: Cursor) -> str | None:
        request: dict[str, Any] = {"StreamArn": self.stream_arn, "ShardId": cursor.shard_id}
        if cursor.last_seq is not None:
            request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER"
            request["SequenceNumber"] = cursor.last_seq
        elif cursor.start == "LATEST":
            # The records written since the mapping was made (those of that very
            # instant written before it are behind last_seq, see _mark_latest).
            request["ShardIteratorType"] = "AT_TIMESTAMP"
            request["Timestamp"] = self.created
        else:
            request["ShardIteratorType"] = cursor.start
        try:
            found: str = self._streams.get_shard_iterator(request)["ShardIterator"]
        except AWSError as err:
            if err.code != "TrimmedDataAccessException":
                cursor.drained = err.code == "ResourceNotFoundException"
                return None
            request = {
                "StreamArn": self.stream_arn,
                "ShardId": cursor.shard_id,
                "ShardIteratorType": "TRIM_HORIZON",
            }
            found = self._streams.get_shard_iterator(request)["ShardIterator"]
        cursor.iterator, cursor.iterator_at = found, self._now()
        return found

    def _ready(self, cursor: Cursor) -> bool:
        if cursor.drained:
            return False
        parent = self.cursors.get(cursor.parent) if cursor.parent else None
        return parent is None or (parent.drained and parent.idle)

    def _read(self, cursor: Cursor, now: float) -> None:
        """Read records of one shard into its lanes (up to READ_AHEAD buffered)."""
        streams = self._streams
        held = sum(len(lane.buffer) for lane in cursor.lanes)
        patterns = self.settings.patterns
        lanes = len(cursor.lanes)
        while held < READ_AHEAD:
            iterator = cursor.iterator
            if iterator is None or now - cursor.iterator_at >= ITERATOR_SECONDS:
                iterator = self._fresh_iterator(cursor)
                if iterator is None:
                    return
            try:
                page = streams.get_records({"ShardIterator": iterator, "Limit": 1000})
            except AWSError:
                cursor.iterator = None
                if self._fresh_iterator(cursor) is None:
                    return
                continue
            records = page["Records"]
            nxt = page.get("NextShardIterator")
            cursor.iterator, cursor.iterator_at = nxt, now
            for wire in records:
                record = event_record(wire, self.stream_arn)
                body = record["dynamodb"]
                cursor.last_seq = body["SequenceNumber"]
                if patterns and not any(p.matches(record) for p in patterns):
                    self.metrics.filtered += 1
                    continue
                lane = lane_of(record, lanes)
                created = float(body["ApproximateCreationDateTime"])
                cursor.lanes[lane].buffer.append(
                    Entry(record, body["SequenceNumber"], created, now, lane)
                )
                held += 1
            if nxt is None:
                cursor.drained = True
                return
            if not records:
                return
        self._wakes.append(now)  # more to read once these are delivered

    # -- waking and polling ----------------------------------------------------------------
    def wake(self) -> None:
        """Records arrived (or the mapping was enabled): poll at the next poll instant."""
        if not self.enabled:
            return
        now = self._now()
        self._schedule(max(now, self.last_poll + POLL_INTERVAL))

    def _schedule(self, when: float) -> None:
        task = self.task
        if task is not None and not task.cancelled:
            if task.when <= when:
                return
            task.cancel()
        self.task = self.service.cloud.scheduler.call_at(
            when, self.poll, name=f"lambda event source mapping {self.uuid}"
        )

    def _stopped(self) -> bool:
        return not self.enabled

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def poll(self) -> None:
        """Scheduled: read every ready shard, deliver what is due, plan the next poll."""
        self.task = None
        if not self.enabled:
            return
        now = self.last_poll = self._now()
        self._wakes = []
        self.discover()
        for cursor in list(self.cursors.values()):
            if self._ready(cursor):
                self._read(cursor, now)
            for lane in cursor.lanes:
                self._deliver(cursor, lane, now)
                if self._stopped():  # the function turned the mapping off
                    return
        if self._wakes:
            self._schedule(max(min(self._wakes), now))

    # -- delivery ----------------------------------------------------------------------------
    def _deliver(self, cursor: Cursor, lane: Lane, now: float) -> None:
        """Send this lane's due batches, in order, until it waits or is empty."""
        while self.enabled:
            if lane.retry_at > now:
                self._wakes.append(lane.retry_at)
                return
            if lane.pending:
                batch = lane.pending[0]
            else:
                closed = self._close_window(cursor, lane, now)
                if closed is not None:
                    if not closed:
                        return
                    continue
                batch = self._take(lane, now)
                if not batch:
                    return
                lane.pending.append(batch)
                lane.attempts = 0
            if self._too_old(batch, now):
                self._discard(cursor, lane, "MaximumRecordAgeExceeded", now)
                continue
            batch, payload = self._fit(cursor, lane)
            answer = self._invoke(lane, payload, batch)
            self._settle(cursor, lane, batch, answer, now)

    def _take(self, lane: Lane, now: float) -> list[Entry]:
        """The next batch from the buffer, or [] while the batching window waits."""
        s = self.settings
        buffer = lane.buffer
        if not buffer:
            return []
        waiting = len(buffer) < s.batch_size and s.window and now < buffer[0].seen + s.window
        if waiting and not self._payload_full(buffer):
            self._wakes.append(buffer[0].seen + s.window)
            return []
        batch: list[Entry] = []
        start = _window(buffer[0].created, s.tumbling) if s.tumbling else None
        while buffer and len(batch) < s.batch_size:
            if start is not None and _window(buffer[0].created, s.tumbling) != start:
                break
            batch.append(buffer.popleft())
        if start is not None:
            lane.window_start = start
        return batch

    def _payload_full(self, buffer: deque[Entry]) -> bool:
        """Whether the buffered records already make a 6 MB event (the batching window
        then ends early, as AWS's does). Encoded only when a cheap bound says it may."""
        limit = self.service.limits.max_sync_request_bytes
        bound = sum(4 * e.record["dynamodb"]["SizeBytes"] + 600 for e in buffer)
        if bound < limit:
            return False
        return len(encode({"Records": [e.record for e in buffer]})) >= limit

    def _close_window(self, cursor: Cursor, lane: Lane, now: float) -> bool | None:
        """The final invocation of a tumbling window once it has ended: True when sent,
        False when it failed (retried later), None when no window is due."""
        start = lane.window_start
        if start is None:
            return None
        end = start + self.settings.tumbling
        if now < end and not lane.early:
            if not lane.buffer:
                self._wakes.append(end)
            return None
        answer = self._invoke(lane, self._event(cursor, lane, [], final=True), [])
        if answer is None:
            self.metrics.errors += 1
            lane.retry_at = now + RETRY_DELAY
            self._wakes.append(lane.retry_at)
            return False
        if not lane.early:
            lane.window_start = None
        lane.state, lane.early = {}, False
        return True

    def _too_old(self, batch: list[Entry], now: float) -> bool:
        age = self.settings.max_age
        limit = RETENTION if age == -1 else age
        return now - batch[0].created > limit

    def _event(self, cursor: Cursor, lane: Lane, batch: list[Entry], *, final: bool) -> bytes:
        event: dict[str, Any] = {"Records": [e.record for e in batch]}
        s = self.settings
        if s.tumbling:
            start = lane.window_start if lane.window_start is not None else 0.0
            event["window"] = {"start": iso(start), "end": iso(start + s.tumbling)}
            event["state"] = lane.state
            event["shardId"] = cursor.shard_id
            event["eventSourceARN"] = self.stream_arn
            event["isFinalInvokeForWindow"] = final
            event["isWindowTerminatedEarly"] = lane.early
        return encode(event)

    def _fit(self, cursor: Cursor, lane: Lane) -> tuple[list[Entry], bytes]:
        """The lane's current batch and its payload, halved (as AWS splits a batch)
        until the payload fits Invoke's synchronous limit."""
        limit = self.service.limits.max_sync_request_bytes
        while True:
            batch = lane.pending[0]
            payload = self._event(cursor, lane, batch, final=False)
            if len(payload) <= limit or len(batch) == 1:
                return batch, payload
            half = len(batch) // 2
            lane.pending[0:1] = [batch[:half], batch[half:]]

    def _invoke(self, lane: Lane, payload: bytes, batch: list[Entry]) -> Any:
        """Invoke the function: its decoded answer ({} when empty), or None if it failed."""
        self.metrics.invocations += 1
        if batch:
            self.metrics.iterator_age = max(0.0, self._now() - batch[-1].created)
        try:
            inv = self.service.invoke(self.function_arn, payload)
        except AWSError as err:
            lane.last_response = {"statusCode": err.status_code, "functionError": err.code}
            return None
        response: dict[str, Any] = {
            "statusCode": inv.status_code,
            "executedVersion": inv.executed_version,
        }
        lane.last_response = response
        if inv.function_error is not None:
            response["functionError"] = inv.function_error
            return None
        try:
            answer = inv.json()
        except ValueError:
            answer = inv.payload
        if self.settings.tumbling:
            # With a tumbling window the answer must hold the state, or the call failed.
            state = answer.get("state") if isinstance(answer, Mapping) else None
            if not isinstance(state, Mapping):
                return None
            lane.state = dict(state)
            lane.early = len(encode(state)) > MAX_STATE_BYTES
        return {} if answer is None else answer

    def _settle(
        self, cursor: Cursor, lane: Lane, batch: list[Entry], answer: Any, now: float
    ) -> None:
        """After an invocation: done, retried from a failed record, bisected, or given up."""
        s = self.settings
        failed_at = 0 if answer is None else self._failed_at(batch, answer)
        if failed_at is None:
            lane.pending.pop(0)
            lane.attempts, lane.retry_at = 0, 0.0
            self.metrics.batches += 1
            self.metrics.records += len(batch)
            self.last_result = "OK"
            return
        self.last_result = _FAILED
        self.metrics.errors += 1
        if failed_at > 0:  # partial success: resume at the lowest failed record
            self.metrics.batches += 1
            self.metrics.records += failed_at
            batch = lane.pending[0] = batch[failed_at:]
        elif s.bisect and len(batch) > 1:
            half = len(batch) // 2
            lane.pending[0:1] = [batch[:half], batch[half:]]
            lane.retry_at = now
            return
        lane.attempts += 1
        if s.max_retries != -1 and lane.attempts > s.max_retries:
            self._discard(cursor, lane, "RetryAttemptsExhausted", now)
            return
        self.metrics.retries += 1
        backoff = min(RETRY_DELAY * 2 ** min(lane.attempts - 1, 16), MAX_RETRY_DELAY)
        lane.retry_at = min(now + backoff, self._expiry(batch))

    def _expiry(self, batch: list[Entry]) -> float:
        """The instant the batch's first record grows too old to be retried."""
        age = self.settings.max_age
        return batch[0].created + (RETENTION if age == -1 else age) + 0.001

    def _failed_at(self, batch: list[Entry], answer: Any) -> int | None:
        """Index of the lowest failed record per ``batchItemFailures`` (None: all done)."""
        if not self.settings.report_failures or not batch:
            return None
        if not isinstance(answer, Mapping):
            return 0  # not a JSON object: the whole batch failed
        failures = answer.get("batchItemFailures")
        if failures is None or failures == []:
            return None
        if not isinstance(failures, list):
            return 0
        index = {e.seq: i for i, e in enumerate(batch)}
        lowest = len(batch)
        for item in failures:
            ident = item.get("itemIdentifier") if isinstance(item, Mapping) else None
            if not isinstance(ident, str) or ident not in index:
                return 0  # malformed: the whole batch failed
            lowest = min(lowest, index[ident])
        return lowest

    def _discard(self, cursor: Cursor, lane: Lane, condition: str, now: float) -> None:
        """Give up on the lane's current batch: to OnFailure, then on to the next."""
        batch = lane.pending.pop(0)
        count = lane.attempts
        lane.attempts, lane.retry_at = 0, 0.0
        self.metrics.discarded += len(batch)
        record = failure_record(
            request_id=self.service.cloud.ids.request_id(),
            function_arn=self.function_arn,
            condition=condition,
            invoke_count=count,
            response=lane.last_response,
            now=now,
            shard_id=cursor.shard_id,
            stream_arn=self.stream_arn,
            batch=batch,
        )
        self.failures.append(record)
        target = self.settings.on_failure
        if target is not None:
            # AWS drops the record when its destination refuses it.
            send_to_queue(self.service.cloud, target, json.dumps(record))

    # -- resizing -----------------------------------------------------------------------------
    def relane(self) -> None:
        """After ParallelizationFactor changed: spread buffered records on the new lanes."""
        n = self.settings.parallelization
        for cursor in self.cursors.values():
            if len(cursor.lanes) == n:
                continue
            old = cursor.lanes
            cursor.lanes = [Lane() for _ in range(n)]
            for lane in old:
                for batch in lane.pending:
                    for e in batch:
                        cursor.lanes[lane_of(e.record, n)].buffer.append(e)
                for e in lane.buffer:
                    cursor.lanes[lane_of(e.record, n)].buffer.append(e)
            for lane in cursor.lanes:
                lane.buffer = deque(sorted(lane.buffer, key=lambda e: int(e.seq)))


def _window(created: float, size: int) -> float:
    return float(int(created // size) * size)
