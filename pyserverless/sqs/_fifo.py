"""The order a FIFO receive takes messages in, as SQS takes them.

Suites run against AWS (LocalStack's ``test_fifo_*`` tests, validated on AWS) show:

- a receive takes a message group whole: its visible messages from the head, in send
  order, before it moves to another group (g1-m1, g1-m2, g1-m3, then g2-m1, however
  the sends interleaved);
- a group is open while its head (its oldest message) is visible; it stops at its first
  message in flight, so a head made visible again goes out while a later message of
  the group is still in flight;
- groups go in the order their heads became available: a head never received by its
  send, a head received and visible again by when it came back (after every message
  that was waiting), so a group just received goes behind the others.

A message's place is ``(visible_at, tick)``: ``tick`` is the queue's counter, taken on
send, on receive and on a visibility change. A group's messages are indexed in send
order (``Queue.groups``); the groups with received messages are known from the
received set, the other groups' heads come, in order, from a lazy walk of the queue in
send order. A receive costs the queue's received messages, the messages walked to
find the groups it takes, and the messages it takes, not the queue's length.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from ._model import Queue, StoredMessage

__all__ = ["fifo_candidates", "next_tick"]

_Key = tuple[float, int]


def next_tick(queue: Queue) -> int:
    """The queue's next place counter (a send, a receive, a visibility change)."""
    queue.ticks += 1
    return queue.ticks


def fifo_candidates(queue: Queue, now: float) -> Iterator[StoredMessage]:
    """The messages a FIFO receive may take, group by group, in the order it takes them.

    The caller stops when it has enough; it may mark what it takes in flight as it goes.

    >>> from pyserverless.sqs._model import add_message
    >>> q = Queue("q.fifo", "u", "a", True, 0.0, 0.0, {})
    >>> for n, g in enumerate(["g1", "g2", "g1"], 1):
    ...     m = StoredMessage(f"m{n}", "b", "", {}, None, {}, None, 0.0, 0.0, 9.0, 1, "s", g)
    ...     m.sequence, m.tick = f"{n:020d}", next_tick(q)
    ...     add_message(q, m)
    >>> [m.message_id for m in fifo_candidates(q, 1.0)]
    ['m1', 'm3', 'm2']
    """
    walk = _Walk(queue, now)
    while True:
        walk.scan_before_best()
        if not walk.heap:
            return
        _, group = heapq.heappop(walk.heap)
        yield from walk.group_messages(group)


class _Walk:
    """The state of one FIFO receive's walk over the queue."""

    def __init__(self, queue: Queue, now: float) -> None:
        self.now = now
        self.groups = queue.groups
        self.heap: list[tuple[_Key, str]] = []
        self.known: set[str] = set()
        #: The last never-received message walked: no unseen group comes before it.
        self.frontier: StoredMessage | None = None
        self.scan = iter(queue.messages.values())
        self.exhausted = False
        messages = queue.messages
        for group in {messages[i].group_id or "" for i in queue.received}:
            self._found_head(group, next(iter(self.groups[group].values())))

    def _visible(self, message: StoredMessage) -> bool:
        return message.visible_at <= self.now < message.expires_at

    def _found_head(self, group: str, head: StoredMessage) -> None:
        self.known.add(group)
        if self._visible(head):  # else its head is in flight or delayed: the group waits
            heapq.heappush(self.heap, ((head.visible_at, head.tick), group))

    def scan_before_best(self) -> None:
        """Walk on until no unseen group can come before the best group found."""
        known, scan = self.known, self.scan
        while True:
            frontier = self.frontier
            if (
                self.heap
                and frontier is not None
                and (frontier.visible_at, frontier.tick) >= self.heap[0][0]
            ):
                return
            message = next(scan, None)
            if message is None:
                return
            if message.received_at is None:
                self.frontier = message
            group = message.group_id or ""
            if group not in known:  # a group's first message in send order: its head
                self._found_head(group, message)

    def group_messages(self, group: str) -> Iterator[StoredMessage]:
        """A group's messages from its head while they are visible (the caller changes
        none of the queue's membership while it takes them)."""
        for message in self.groups[group].values():
            if not self._visible(message):
                return
            yield message
