"""SQS's state: queues and their messages (resources by identity, mutated under the lock)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import attrs

__all__ = ["MoveTask", "Queue", "StoredMessage", "add_message", "clear_messages", "drop_message"]


@attrs.define(eq=False, slots=True)
class StoredMessage:
    """One message in a queue.

    Times are epoch seconds on the Cloud's clock. A message is visible when
    ``visible_at <= now``; it is in flight when it has been received and is not yet
    visible again (``delayed`` marks the delay before its first delivery).
    """

    message_id: str
    body: str
    md5_body: str
    attributes: dict[str, dict[str, Any]]
    md5_attributes: str | None
    system: dict[str, dict[str, Any]]
    md5_system: str | None
    sent: float
    visible_at: float
    expires_at: float
    size: int
    sender: str
    group_id: str | None = None
    dedup_id: str | None = None
    sequence: str | None = None
    receive_count: int = 0
    first_receive: float | None = None
    #: When the current receive began (its in-flight time counts from here).
    received_at: float | None = None
    #: The receipt handle of the latest receive; only it deletes the message.
    handle: str | None = None
    #: The ARN of the queue a dead-letter move took it from.
    dlq_source: str | None = None
    #: FIFO: its place among the messages available at its ``visible_at`` (the queue's
    #: counter, taken on send, receive and visibility change; see ``_fifo.py``).
    tick: int = 0


@attrs.define(eq=False)
class MoveTask:
    """A StartMessageMoveTask: moves a dead-letter queue's messages on the clock."""

    handle: str
    source_arn: str
    destination_arn: str | None
    rate: int | None
    started: float
    to_move: int
    moved: int = 0
    status: str = "RUNNING"
    failure: str | None = None
    timer: Any = None


@attrs.define(eq=False)
class Queue:
    """One queue: its attributes (as AWS stores them, text) and its messages in send order."""

    name: str
    url: str
    arn: str
    fifo: bool
    created: float
    modified: float
    #: Settable attributes as text (VisibilityTimeout, RedrivePolicy, ...).
    attributes: dict[str, str]
    tags: dict[str, str] = attrs.field(factory=dict)
    messages: OrderedDict[str, StoredMessage] = attrs.field(factory=OrderedDict)
    #: The ids of the messages that have been received (in flight, or visible again).
    received: set[str] = attrs.field(factory=set)
    #: FIFO: each message group's messages in send order (id -> message).
    groups: dict[str, OrderedDict[str, StoredMessage]] = attrs.field(factory=dict)
    #: FIFO: deduplication key -> (expiry, message id, sequence number).
    dedup: dict[tuple[str | None, str], tuple[float, str, str | None]] = attrs.field(factory=dict)
    #: FIFO: ReceiveRequestAttemptId -> (expiry, [(message id, handle)]).
    attempts: dict[str, tuple[float, list[tuple[str, str]]]] = attrs.field(factory=dict)
    last_purge: float | None = None
    #: The pending retention trim (a scheduler task), None when nothing is planned.
    trim: Any = None
    sequence: int = 0
    receives: int = 0
    #: FIFO: the counter of messages' places (``StoredMessage.tick``).
    ticks: int = 0
    deleted: bool = False

    def int_attribute(self, name: str) -> int:
        return int(self.attributes[name])

    @property
    def visibility(self) -> int:
        return int(self.attributes["VisibilityTimeout"])

    @property
    def delay(self) -> int:
        return int(self.attributes["DelaySeconds"])

    @property
    def retention(self) -> int:
        return int(self.attributes["MessageRetentionPeriod"])

    @property
    def max_size(self) -> int:
        return int(self.attributes["MaximumMessageSize"])

    @property
    def wait(self) -> int:
        return int(self.attributes["ReceiveMessageWaitTimeSeconds"])


def add_message(queue: Queue, message: StoredMessage) -> None:
    """Put a message at the end of the queue (and of its FIFO group)."""
    queue.messages[message.message_id] = message
    if queue.fifo:
        group = message.group_id or ""
        members = queue.groups.get(group)
        if members is None:  # an OrderedDict: its head is found at once after deletes
            members = queue.groups[group] = OrderedDict()
        members[message.message_id] = message


def drop_message(queue: Queue, message_id: str) -> None:
    """Take a message out of the queue, its received set and its FIFO group."""
    message = queue.messages.pop(message_id)
    queue.received.discard(message_id)
    if queue.fifo:
        group = message.group_id or ""
        members = queue.groups.get(group)
        if members is not None:
            members.pop(message_id, None)
            if not members:
                del queue.groups[group]


def clear_messages(queue: Queue) -> None:
    """Empty the queue."""
    queue.messages.clear()
    queue.received.clear()
    queue.groups.clear()
