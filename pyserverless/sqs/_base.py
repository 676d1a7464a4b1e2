"""What every part of the SQS engine shares: its state, lookups and small helpers."""

from __future__ import annotations

import base64
import functools
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._core.clock import ManualClock
from . import _messages as msg
from ._errors import InvalidAddress, InvalidParameterValue, QueueDoesNotExist
from ._limits import SQSLimits
from ._model import MoveTask, Queue, StoredMessage, add_message, drop_message

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["EngineBase", "Params", "Response", "check_range", "millis"]

Params = dict[str, Any]
Response = dict[str, Any]


def millis(instant: float) -> str:
    """Epoch milliseconds as SQS writes them in message attributes."""
    return str(int(instant * 1000))


def check_range(params: Params, name: str, low: int, high: int) -> int | None:
    """An optional integer parameter, refused with AWS's message outside ``low..high``."""
    value = params.get(name)
    if value is None:
        return None
    number = int(value)
    if not low <= number <= high:
        text = msg.WAIT_RANGE if name == "WaitTimeSeconds" else msg.OUT_OF_RANGE
        raise InvalidParameterValue(text.format(value=value, name=name, low=low, high=high))
    return number


class EngineBase:
    """The engine's state; the operations live in mixins over it."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: SQSLimits = cloud.limits.for_service("sqs")
        self.lock = threading.RLock()
        #: Woken by every send, for long polls under a real clock.
        self.arrivals = threading.Condition(self.lock)
        self.queues: dict[str, Queue] = {}
        #: Names deleted recently -> when the name is free again.
        self.deleted_names: dict[str, float] = {}
        self.tasks: dict[str, MoveTask] = {}
        #: Called with a queue's ARN after messages arrive in it (bound methods only).
        self.listeners: list[Callable[[str], None]] = []
        #: Queues that messages moved into during the current operation (told after it).
        self.moved_into: list[str] = []

    # -- names, URLs and ARNs ------------------------------------------------------
    def queue_url(self, name: str) -> str:
        return f"https://sqs.{self.region}.amazonaws.com/{self.account_id}/{name}"

    def queue_arn(self, name: str) -> str:
        return f"arn:aws:sqs:{self.region}:{self.account_id}:{name}"

    def queue_url_for_arn(self, arn: str) -> str | None:
        """The URL of the queue an ARN names, or None when no such queue exists here."""
        with self.lock:
            queue = self._queue_by_arn(arn)
            return None if queue is None else queue.url

    def _queue_by_arn(self, arn: str) -> Queue | None:
        parts = str(arn).split(":")
        if len(parts) != 6 or parts[:3] != ["arn", "aws", "sqs"]:
            return None
        if parts[3] != self.region or parts[4] != self.account_id:
            return None
        return self.queues.get(parts[5])

    def _queue(self, params: Params) -> Queue:
        """The queue ``QueueUrl`` names (QueueDoesNotExist when there is none)."""
        url = str(params["QueueUrl"])
        queue = self._queue_for_url(url)
        if queue is None:
            raise QueueDoesNotExist(msg.QUEUE_NOT_FOUND)
        return queue

    def _queue_for_url(self, url: str) -> Queue | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or not parts.scheme or not parts.netloc:
            # A queue's bare name finds it (LocalStack's test_posting_to_queue_via_queue_name,
            # run against AWS); anything else that is no URL is InvalidAddress [?].
            named = self.queues.get(url)
            if named is not None:
                return named
            raise InvalidAddress(msg.BAD_ADDRESS.format(url=url))
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) < 2:
            return None
        account, name = segments[-2], segments[-1]
        if account != self.account_id and account != "queue":
            return None
        return self.queues.get(name)

    # -- time --------------------------------------------------------------------
    def now(self) -> float:
        return self.cloud.clock.time()

    @property
    def virtual_time(self) -> bool:
        """True on a ManualClock: long polls answer at once (the test moves the clock)."""
        return isinstance(self.cloud.clock, ManualClock)

    # -- receipt handles ---------------------------------------------------------
    def _new_handle(self, queue: Queue, message: StoredMessage) -> str:
        queue.receives += 1
        raw = f"{queue.name} {message.message_id} {queue.receives} {self.cloud.ids.hex(32)}"
        return "AQEB" + base64.b64encode(raw.encode()).decode()

    @staticmethod
    def _read_handle(handle: str) -> tuple[str, str] | None:
        """(queue name, message id) of a handle this engine issued, else None."""
        if not handle.startswith("AQEB"):
            return None
        try:
            text = base64.b64decode(handle[4:].encode(), validate=True).decode()
        except (ValueError, UnicodeError):
            return None
        parts = text.split(" ")
        if len(parts) != 4:
            return None
        return parts[0], parts[1]

    # -- upkeep ------------------------------------------------------------------
    def _tidy(self, queue: Queue, now: float) -> None:
        """Drop what the clock has retired: expired messages at the head, old dedup ids."""
        messages = queue.messages
        while messages:
            first = next(iter(messages.values()))
            if first.expires_at > now:
                break
            drop_message(queue, first.message_id)
        dedup = queue.dedup
        while dedup:
            key = next(iter(dedup))
            if dedup[key][0] > now:
                break
            del dedup[key]
        if queue.attempts:
            for attempt in [a for a, (until, _) in queue.attempts.items() if until <= now]:
                del queue.attempts[attempt]

    # -- dead-letter queues ----------------------------------------------------------
    def _dlq_of(self, queue: Queue) -> Queue | None:
        policy = queue.attributes.get("RedrivePolicy")
        if not policy:
            return None
        return self._queue_by_arn(json.loads(policy)["deadLetterTargetArn"])

    def _max_receives(self, queue: Queue) -> int | None:
        policy = queue.attributes.get("RedrivePolicy")
        return None if not policy else int(json.loads(policy)["maxReceiveCount"])

    def _move(self, source: Queue, message: StoredMessage, target: Queue, now: float) -> None:
        """Move a message to a dead-letter queue (or, for a move task, back to a source).

        A standard queue keeps the original enqueue time (retention counts from it); a
        FIFO queue's enqueue time restarts, as AWS documents.
        """
        drop_message(source, message.message_id)
        sent = now if target.fifo else message.sent
        message.sent = sent
        message.expires_at = sent + target.retention
        message.visible_at = now
        message.received_at = None
        message.handle = None
        if target.fifo:
            target.sequence += 1
            message.sequence = f"{18_000_000_000_000_000_000 + target.sequence * 65536:020d}"
            target.ticks += 1
            message.tick = target.ticks
        if self._dlq_of(source) is target:
            message.dlq_source = source.arn
        add_message(target, message)
        self._plan_trim(target)
        self.moved_into.append(target.arn)

    # -- retention on the clock -----------------------------------------------------
    def _plan_trim(self, queue: Queue) -> None:
        """Plan the retention trim at the queue's earliest expiry (none planned yet)."""
        if queue.trim is not None or not queue.messages:
            return
        when = min(m.expires_at for m in queue.messages.values())
        queue.trim = self.cloud.scheduler.call_at(
            when, functools.partial(self._trim, queue.name), daemon=True, name="sqs retention"
        )

    def _replan_trim(self, queue: Queue) -> None:
        if queue.trim is not None:
            queue.trim.cancel()
            queue.trim = None
        self._plan_trim(queue)

    def _trim(self, name: str) -> None:
        """Delete the messages the retention period has expired (a scheduler task)."""
        now = self.now()
        with self.lock:
            queue = self.queues.get(name)
            if queue is None:
                return
            queue.trim = None
            for message in [m for m in queue.messages.values() if m.expires_at <= now]:
                drop_message(queue, message.message_id)
            self._plan_trim(queue)

    def _tell_arrivals(self) -> None:
        """Tell the listeners of the queues messages moved into (outside the lock)."""
        with self.lock:
            arns, self.moved_into = list(dict.fromkeys(self.moved_into)), []
        for arn in arns:
            self._tell(arn)

    def _tell(self, arn: str) -> None:
        """Tell the listeners (consumers) that ``arn`` has new messages."""
        for listener in list(self.listeners):
            listener(arn)
