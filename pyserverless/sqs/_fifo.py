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
send, on receive and on a visibility change. The received messages of a group are
always its oldest ones (a group is delivered from its head), so the head of a group
with received messages is its oldest received message, and the other groups' heads
come, in order, from a lazy walk of the queue in send order. A receive costs the
queue's received messages plus the messages walked, not the queue's length.
"""

from __future__ import annotations

import heapq
from collections import deque
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

    >>> q = Queue("q.fifo", "u", "a", True, 0.0, 0.0, {})
    >>> for n, g in enumerate(["g1", "g2", "g1"], 1):
    ...     m = StoredMessage(f"m{n}", "b", "", {}, None, {}, None, 0.0, 0.0, 9.0, 1, "s", g)
    ...     m.sequence, m.tick = f"{n:020d}", next_tick(q)
    ...     q.messages[m.message_id] = m
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
        del walk.pending[group]  # the group is over: later messages of it stay


class _Walk:
    """The state of one FIFO receive's walk over the queue."""

    def __init__(self, queue: Queue, now: float) -> None:
        self.now = now
        self.heap: list[tuple[_Key, str]] = []
        self.pending: dict[str, deque[StoredMessage]] = {}
        self.known: set[str] = set()
        self.frontier: _Key | None = None
        self.scan = iter(queue.messages.values())
        self.exhausted = False
        heads: dict[str, StoredMessage] = {}
        messages = queue.messages
        for message_id in queue.received:
            message = messages[message_id]
            group = str(message.group_id)
            head = heads.get(group)
            if head is None or str(message.sequence) < str(head.sequence):
                heads[group] = message
        for group, head in heads.items():
            self._found_head(group, head)

    def _visible(self, message: StoredMessage) -> bool:
        return message.visible_at <= self.now < message.expires_at

    def _found_head(self, group: str, head: StoredMessage) -> None:
        self.known.add(group)
        if self._visible(head):  # else its head is in flight or delayed: the group waits
            heapq.heappush(self.heap, ((head.visible_at, head.tick), group))
            self.pending[group] = deque()

    def _advance(self) -> None:
        message = next(self.scan, None)
        if message is None:
            self.exhausted = True
            return
        group = str(message.group_id)
        if message.received_at is None:
            self.frontier = (message.visible_at, message.tick)
        if group not in self.known:
            self._found_head(group, message)
        queue = self.pending.get(group)
        if queue is not None:
            queue.append(message)

    def scan_before_best(self) -> None:
        """Walk on until no unseen group can come before the best group found."""
        while not self.exhausted and (
            not self.heap or self.frontier is None or self.frontier < self.heap[0][0]
        ):
            self._advance()

    def group_messages(self, group: str) -> Iterator[StoredMessage]:
        """A group's messages from its head while they are visible."""
        queue = self.pending[group]
        while True:
            while not queue and not self.exhausted:
                self._advance()
            if not queue:
                return
            message = queue.popleft()
            if not self._visible(message):
                return
            yield message
