"""Event source mappings from SQS queues: their settings, the event, and the poller.

The queue is read only through the ``sqs`` engine's public methods (ReceiveMessage,
DeleteMessageBatch, GetQueueAttributes and ``queue_url_for_arn``), as a Lambda poller
reads it on AWS:

- a poll receives up to ``BatchSize`` messages (ten a call), with the queue's own
  visibility timeout, and invokes the function synchronously with them;
- a batch that succeeds is deleted; one that fails is left alone, so its messages
  reappear after the visibility timeout and the queue's redrive policy
  (``maxReceiveCount``) eventually moves them to its dead-letter queue;
- with ``ReportBatchItemFailures`` only the messages the function names in
  ``batchItemFailures`` (by ``messageId``) are left; a malformed answer fails the batch;
- messages that match no ``FilterCriteria`` filter are deleted without an invocation;
- ``MaximumBatchingWindowInSeconds`` holds received messages until the batch is full,
  the window ends or the payload reaches Invoke's 6 MB;
- ``ScalingConfig.MaximumConcurrency`` caps the batches invoked per poll (invocations
  here run one after another, so at most one is ever in flight).

Polling runs on the Cloud's scheduler. The SQS engine tells its ``listeners`` when
messages arrive in a queue, which wakes the poller (as a long poll returns at once).
While the queue holds work (visible or delayed messages, or this mapping's failed ones
waiting to reappear) the next poll is ordinary work, so ``cloud.run_until_idle()`` waits
for it; an empty queue is only looked at by recurring upkeep (a ``daemon`` task, every
``IDLE_INTERVAL``), which ``run_until_idle`` does not wait for.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import AWSError
from ..events import Pattern
from ._errors import InvalidParameterValueException
from ._esm_model import SQS_ARN, parse_filters
from ._esm_records import EsmMetrics, encode
from ._validate import Checks

if TYPE_CHECKING:
    from .._core.scheduler import TaskHandle
    from ._esm import EventSourceMappings

__all__ = ["SQS_ARN", "SqsPoller", "SqsSettings", "parse_sqs_settings", "sqs_event_record"]

# -- messages -------------------------------------------------------------------------------
#: [O] serverless/serverless #8989, aws/chalice #1778 (CreateEventSourceMapping's answer).
WINDOW_REQUIRED = (
    "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
    "greater than 10"
)
#: [?] the documented limit for FIFO queues ("For FIFO queues, the maximum is 10").
FIFO_BATCH = "Batch size for FIFO queues must be between 1 and 10, got {value}."
#: [O] aws/aws-lambda-dotnet #1758 (a FIFO mapping with BatchSize 100 and a window got
#: this one: the window is checked first).
FIFO_WINDOW = "Batching window is not supported for FIFO queues"
#: [?] the text Lambda gives when its ReceiveMessage finds no queue.
QUEUE_MISSING = (
    "Error occurred while ReceiveMessage. SQS Error Code: "
    "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue "
    "does not exist for this wsdl version."
)
#: [O] winglang/wing #1507, 18F/identity-terraform #27 (CreateEventSourceMapping's check).
VISIBILITY_SHORT = (
    "Queue visibility timeout: {queue} seconds is less than Function timeout: {function} seconds"
)
#: [O] aws/chalice #2146, getlift/lift #295 (the function by its name).
MAPPING_EXISTS = (
    'An event source mapping with SQS arn (" {arn} ") and function (" {function} ") '
    "already exists. Please update or delete the existing mapping with UUID {uuid}"
)
#: [?] the template for a setting of stream sources given to an SQS mapping.
NOT_FOR_QUEUES = "Unsupported {parameter} parameter for given event source mapping type."

#: Settings of stream sources: refused for a queue.
_STREAM_ONLY = (
    "StartingPosition",
    "StartingPositionTimestamp",
    "ParallelizationFactor",
    "BisectBatchOnFunctionError",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
    "TumblingWindowInSeconds",
    "DestinationConfig",
)
#: Seconds between polls while the queue holds work.
POLL_INTERVAL = 0.25
#: Seconds between looks at an empty queue (recurring upkeep, see the module docstring):
#: a long poll's 20 s, since a send wakes the poller anyway.
IDLE_INTERVAL = 20.0
#: Messages a single ReceiveMessage returns at most.
_RECEIVE_MAX = 10
#: The system attributes of a record, in the order AWS's events list them.
_SYSTEM = (
    "ApproximateReceiveCount",
    "AWSTraceHeader",
    "SentTimestamp",
    "SequenceNumber",
    "MessageGroupId",
    "SenderId",
    "MessageDeduplicationId",
    "ApproximateFirstReceiveTimestamp",
)


@attrs.frozen
class SqsSettings:
    """What an SQS mapping does: every setting of Create/UpdateEventSourceMapping, checked."""

    batch_size: int = 10
    window: int = 0
    report_failures: bool = False
    max_concurrency: int | None = None
    filter_criteria: Mapping[str, Any] | None = None
    patterns: tuple[Pattern, ...] = ()

    def shape(self) -> dict[str, Any]:
        """The settings' members of an EventSourceMappingConfiguration."""
        out: dict[str, Any] = {
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.window,
        }
        if self.filter_criteria is not None:
            out["FilterCriteria"] = json.loads(json.dumps(self.filter_criteria))
        out["FunctionResponseTypes"] = ["ReportBatchItemFailures"] if self.report_failures else []
        if self.max_concurrency is not None:
            out["ScalingConfig"] = {"MaximumConcurrency": self.max_concurrency}
        return out


def parse_sqs_settings(
    p: Mapping[str, Any], fifo: bool, base: SqsSettings | None = None
) -> SqsSettings:
    """``base`` (the defaults when None) with the members of request ``p`` applied."""
    base = base or SqsSettings()
    for name in _STREAM_ONLY:
        if p.get(name) is not None:
            raise InvalidParameterValueException(NOT_FOR_QUEUES.format(parameter=name))
    checks = Checks()
    checks.int_range(p.get("BatchSize"), "batchSize", 1, 10_000)
    checks.int_range(
        p.get("MaximumBatchingWindowInSeconds"), "maximumBatchingWindowInSeconds", 0, 300
    )
    scaling = p.get("ScalingConfig")
    if scaling is not None and not isinstance(scaling, Mapping):
        raise InvalidParameterValueException("ScalingConfig must be an object")
    concurrency = base.max_concurrency
    if scaling is not None:
        concurrency = scaling.get("MaximumConcurrency")
        checks.int_range(concurrency, "scalingConfig.maximumConcurrency", 2, 1000)
    types = p.get("FunctionResponseTypes")
    if types is not None and (
        not isinstance(types, list) or any(t != "ReportBatchItemFailures" for t in types)
    ):
        checks.add(
            types,
            "functionResponseTypes",
            "Member must satisfy constraint: [Member must satisfy enum value set: "
            "[ReportBatchItemFailures]]",
        )
    checks.raise_if_any()
    size = p.get("BatchSize", base.batch_size)
    window = p.get("MaximumBatchingWindowInSeconds", base.window)
    if fifo and window:
        raise InvalidParameterValueException(FIFO_WINDOW)
    if fifo and size > _RECEIVE_MAX:
        raise InvalidParameterValueException(FIFO_BATCH.format(value=size))
    if size > _RECEIVE_MAX and not window:
        raise InvalidParameterValueException(WINDOW_REQUIRED)
    criteria, patterns = parse_filters(p.get("FilterCriteria"), base)
    return SqsSettings(
        batch_size=size,
        window=window,
        report_failures=base.report_failures if types is None else bool(types),
        max_concurrency=concurrency,
        filter_criteria=criteria,
        patterns=patterns,
    )


# -- the event --------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    return str(value)


def _attribute(value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if value.get("StringValue") is not None:
        out["stringValue"] = value["StringValue"]
    if value.get("BinaryValue") is not None:
        out["binaryValue"] = _text(value["BinaryValue"])
    out["stringListValues"] = list(value.get("StringListValues") or ())
    out["binaryListValues"] = [_text(v) for v in value.get("BinaryListValues") or ()]
    out["dataType"] = value.get("DataType")
    return out


def sqs_event_record(message: Mapping[str, Any], queue_arn: str) -> dict[str, Any]:
    """A ReceiveMessage message as a Lambda event's ``Records`` entry."""
    system = message.get("Attributes") or {}
    attributes = {name: system[name] for name in _SYSTEM if name in system}
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": attributes,
        "messageAttributes": {
            name: _attribute(value)
            for name, value in (message.get("MessageAttributes") or {}).items()
        },
    }
    if message.get("MD5OfMessageAttributes"):
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    record["md5OfBody"] = message["MD5OfBody"]
    record["eventSource"] = "aws:sqs"
    record["eventSourceARN"] = queue_arn
    record["awsRegion"] = queue_arn.split(":")[3]
    return record


def _filter_view(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """What a filter sees: a JSON object body as an object (AWS's rule), else the text."""
    body = record["body"]
    try:
        parsed = json.loads(body)
    except ValueError:
        return record
    if not isinstance(parsed, dict):
        return record
    return {**record, "body": parsed}


@attrs.define(slots=True, eq=False)
class Held:
    """A received message waiting in the mapping's batch."""

    record: dict[str, Any]
    seen: float
    size: int


@attrs.define(eq=False)
class SqsPoller:
    """The moving part of one SQS mapping (see the module docstring)."""

    service: EventSourceMappings
    uuid: str
    queue_arn: str
    function_arn: str
    settings: SqsSettings
    created: float
    enabled: bool = False
    state: str = "Creating"
    modified: float = 0.0
    serial: int = 0
    metrics: EsmMetrics = attrs.field(factory=EsmMetrics)
    held: list[Held] = attrs.field(factory=list)
    #: When messages of failed batches reappear (visibility timeout ends), soonest first.
    reappear: list[float] = attrs.field(factory=list)
    task: TaskHandle | None = None
    last_poll: float = float("-inf")
    #: Invocation records of discarded batches: none for a queue (its redrive policy
    #: moves failed messages to its dead-letter queue).
    failures: list[dict[str, Any]] = attrs.field(factory=list)

    def __repr__(self) -> str:
        return f"<SqsPoller {self.uuid} {self.state} held={len(self.held)}>"

    @property
    def source(self) -> str:
        return self.queue_arn

    @property
    def fifo(self) -> bool:
        return self.queue_arn.endswith(".fifo")

    def _sqs(self) -> Any:
        return self.service.cloud.engine("sqs", self.queue_arn.split(":")[3])

    def _now(self) -> float:
        return self.service.cloud.clock.time()

    # -- waking and polling ------------------------------------------------------------------
    def watch(self, *, stop: bool = False) -> None:
        """Ask the SQS engine to tell this poller when messages arrive (or to stop)."""
        try:
            listeners: list[Any] = self._sqs().listeners
        except ValueError:  # a Region pyserverless does not know
            return
        if stop:
            if self.arrived in listeners:
                listeners.remove(self.arrived)
        elif self.arrived not in listeners:
            listeners.append(self.arrived)

    def arrived(self, arn: str) -> None:
        """The SQS engine's listener: messages arrived in queue ``arn``."""
        if arn == self.queue_arn:
            self.wake()

    def wake(self) -> None:
        """Messages arrived (or the mapping was enabled): poll at the next poll instant."""
        if not self.enabled:
            return
        self._schedule(max(self._now(), self.last_poll + POLL_INTERVAL), daemon=False)

    def _schedule(self, when: float, *, daemon: bool) -> None:
        task = self.task
        if task is not None and not task.cancelled:
            if task.when <= when and not (task.daemon and not daemon):
                return
            task.cancel()
        self.task = self.service.cloud.scheduler.call_at(
            when, self.poll, name=f"lambda sqs event source mapping {self.uuid}", daemon=daemon
        )

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def poll(self) -> None:
        """Scheduled: receive, invoke with what is due, plan the next poll."""
        self.task = None
        if not self.enabled:
            return
        now = self.last_poll = self._now()
        self.reappear = [t for t in self.reappear if t > now]
        sqs = self._sqs()
        url = sqs.queue_url_for_arn(self.queue_arn)
        if url is None:
            self.held.clear()
            self._schedule(now + IDLE_INTERVAL, daemon=True)
            return
        timeout = self._visibility(sqs, url)
        cap = self.settings.max_concurrency or 1_000
        sent = 0
        received = False
        while sent < cap and self.enabled:
            received |= self._fill(sqs, url, now)
            batch = self._take(now)
            if not batch:
                break
            self._run(sqs, url, batch, now, timeout)
            sent += 1
        if self.enabled:
            self._plan(sqs, url, now, busy=received or sent > 0)

    def _visibility(self, sqs: Any, url: str) -> float:
        try:
            attrs_ = sqs.get_queue_attributes(
                {"QueueUrl": url, "AttributeNames": ["VisibilityTimeout"]}
            )["Attributes"]
            return float(attrs_.get("VisibilityTimeout", 30))
        except AWSError:
            return 30.0

    def _fill(self, sqs: Any, url: str, now: float) -> bool:
        """Receive until the batch is full or the queue has nothing visible."""
        got = False
        while len(self.held) < self.settings.batch_size:
            want = min(_RECEIVE_MAX, self.settings.batch_size - len(self.held))
            try:
                answer = sqs.receive_message(
                    {
                        "QueueUrl": url,
                        "MaxNumberOfMessages": want,
                        "MessageSystemAttributeNames": ["All"],
                        "MessageAttributeNames": ["All"],
                    }
                )
            except AWSError:
                return got
            messages = answer.get("Messages") or []
            if not messages:
                return got
            got = True
            for message in messages:
                self._hold(sqs, url, message, now)
        return got

    def _hold(self, sqs: Any, url: str, message: Mapping[str, Any], now: float) -> None:
        record = sqs_event_record(message, self.queue_arn)
        patterns = self.settings.patterns
        if patterns:
            view = _filter_view(record)
            if not any(p.matches(view) for p in patterns):
                # AWS deletes the messages that match no filter.
                self.metrics.filtered += 1
                self._delete(sqs, url, [record])
                return
        size = len(record["body"]) + 600
        self.held.append(Held(record, now, size))

    def _take(self, now: float) -> list[Held]:
        """The next batch, or [] while the batching window waits."""
        s = self.settings
        held = self.held
        if not held:
            return []
        limit = self.service.limits.max_sync_request_bytes
        total = sum(h.size for h in held)
        waiting = len(held) < s.batch_size and s.window and now < held[0].seen + s.window
        if waiting and total < limit:
            return []
        count = size = 0
        for h in held[: s.batch_size]:
            if count and size + h.size > limit:
                break
            size += h.size
            count += 1
        batch = held[:count]
        del held[:count]
        return batch

    def _run(self, sqs: Any, url: str, batch: list[Held], now: float, timeout: float) -> None:
        records = [h.record for h in batch]
        self.metrics.invocations += 1
        self.metrics.iterator_age = max(0.0, now - min(h.seen for h in batch))
        answer = self._invoke(encode({"Records": records}))
        failed = records if answer is None else self._failed(records, answer)
        gone = {id(r) for r in failed}
        done = [r for r in records if id(r) not in gone]
        if done:
            self._delete(sqs, url, done)
            self.metrics.batches += 1
            self.metrics.records += len(done)
        if failed:
            self.metrics.errors += 1
            # Left in flight, they reappear when the visibility timeout set at receive
            # ends (the function may have changed it; a later poll finds them then).
            self.reappear.append(min(h.seen for h in batch) + timeout)
            self.reappear.sort()

    def _invoke(self, payload: bytes) -> Any:
        """Invoke the function: its decoded answer ({} when empty), or None if it failed."""
        try:
            inv = self.service.invoke(self.function_arn, payload)
        except AWSError:
            return None
        if inv.function_error is not None:
            return None
        try:
            answer = inv.json()
        except ValueError:
            answer = inv.payload
        return {} if answer is None else answer

    def _failed(self, records: list[dict[str, Any]], answer: Any) -> list[dict[str, Any]]:
        """The records ``batchItemFailures`` names ([] when all succeeded)."""
        if not self.settings.report_failures:
            return []
        if not isinstance(answer, Mapping):
            return records
        failures = answer.get("batchItemFailures")
        if failures is None or failures == []:
            return []
        if not isinstance(failures, list):
            return records
        by_id = {r["messageId"]: r for r in records}
        named: list[dict[str, Any]] = []
        for item in failures:
            ident = item.get("itemIdentifier") if isinstance(item, Mapping) else None
            if not isinstance(ident, str) or ident not in by_id:
                return records  # malformed: the whole batch failed
            named.append(by_id[ident])
        # A FIFO queue's function should name every message after its first failure too
        # (AWS's advice, to keep the order); Lambda deletes what it does not name.
        wanted = {id(r) for r in named}
        return [r for r in records if id(r) in wanted]

    def _delete(self, sqs: Any, url: str, records: list[dict[str, Any]]) -> None:
        for start in range(0, len(records), _RECEIVE_MAX):
            chunk = records[start : start + _RECEIVE_MAX]
            entries = [
                {"Id": str(i), "ReceiptHandle": r["receiptHandle"]} for i, r in enumerate(chunk)
            ]
            try:
                sqs.delete_message_batch({"QueueUrl": url, "Entries": entries})
            except AWSError:
                continue

    def _plan(self, sqs: Any, url: str, now: float, *, busy: bool) -> None:
        """The next poll: ordinary work while the queue holds some, upkeep otherwise."""
        s = self.settings
        if self.held:
            self._schedule(max(now + POLL_INTERVAL, self.held[0].seen + s.window), daemon=False)
            return
        if busy or self._waiting(sqs, url):
            self._schedule(now + POLL_INTERVAL, daemon=False)
            return
        if self.reappear:
            self._schedule(max(self.reappear[0], now + POLL_INTERVAL), daemon=False)
            return
        self._schedule(now + IDLE_INTERVAL, daemon=True)

    def _waiting(self, sqs: Any, url: str) -> bool:
        """Whether the queue has visible or delayed messages."""
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed"]
        try:
            found = sqs.get_queue_attributes({"QueueUrl": url, "AttributeNames": names})
        except AWSError:
            return False
        values = found.get("Attributes") or {}
        return any(int(values.get(name, 0)) for name in names)
