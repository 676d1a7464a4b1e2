"""A table's point-in-time history: an undo log over the live table.

When point-in-time recovery is on, the table's ``PitrHistory.record`` is one of its
watchers (``_changes``). Each committed change appends one tuple
``(time, key, old item, old size)`` to a list: O(1), and the item is the stored one,
shared, never copied (items are immutable once stored). Nothing else is kept: no base
snapshot, no per-version copies.

The content at an instant ``T`` is the live table with every change made after ``T``
undone, newest first: the changes after ``T`` are found by bisection on the times (they
are appended in clock order) and walked backwards, each putting back its old item (or
removing the key when the change was an insert). A restore therefore costs
O(items in the table + changes after ``T``), whatever the number of versions.

Changes older than the recovery window can never be undone into a restore (no restore
goes before the window's start), so ``record`` drops them as the window moves: it
advances a start index, and compacts the list when the dropped part is at least half of
it, which keeps the cost amortised O(1) per write and the memory proportional to the
changes inside the window.

>>> from pyserverless._core.clock import ManualClock
>>> h = PitrHistory(enabled_at=0.0, period_seconds=100.0)
>>> h.add(10.0, ("a", None), None, 0)                # "a" inserted at 10
>>> h.add(20.0, ("a", None), {"id": "a", "v": 1}, 9)  # "a" changed at 20
>>> live = {("a", None): ({"id": "a", "v": 2}, 9)}
>>> h.content_at(live, 15.0)
{('a', None): ({'id': 'a', 'v': 1}, 9)}
>>> h.content_at(live, 5.0)
{}
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from ._changes import Change

__all__ = ["PitrHistory", "content_of"]

#: ``(time, key, old item or None, old size)``: one committed change, as it is undone.
Undo = tuple[float, tuple[Any, Any], "dict[str, Any] | None", int]
_TIME = operator.itemgetter(0)
#: Compact the log once this many entries (and half of it) have left the window.
_COMPACT_AT = 1024


@attrs.define(eq=False)
class PitrHistory:
    """Continuous backups of one table: the setting and the undo log of its window."""

    #: ``cloud.snapshot()`` copies the log's list and shares its (immutable) entries.
    __snapshot_shared__: ClassVar[tuple[str, ...]] = ("log",)

    #: Clock time PITR was (last) enabled: nothing before it can be restored.
    enabled_at: float
    #: RecoveryPeriodInDays, in seconds.
    period_seconds: float
    #: ``Undo`` entries in clock order; those before ``start`` have left the window.
    log: list[Undo] = attrs.field(factory=list)
    start: int = 0
    #: Changes at or before this time were dropped: no restore may go before it.
    trimmed_until: float = float("-inf")

    def record(self, change: Change) -> None:
        """The table's watcher: remember how to undo ``change`` (O(1) amortised)."""
        self.add(change.time, change.key, change.old, change.old_size)

    def add(self, time: float, key: tuple[Any, Any], old: Any, old_size: int) -> None:
        """Append one undo entry (``record`` without a ``Change``)."""
        log = self.log
        if log:
            last = log[-1][0]
            if time <= last:  # the same instant (share its float), or a wall clock that
                time = last  # stepped back (keep the log sorted)
        log.append((time, key, old, old_size))
        if log[self.start][0] <= time - self.period_seconds:
            self.trim(time)

    def trim(self, now: float) -> None:
        """Drop the changes that left the window ending at ``now``."""
        log = self.log
        horizon = now - self.period_seconds
        end = bisect.bisect_right(log, horizon, lo=self.start, key=_TIME)
        if end > self.start:
            self.trimmed_until = max(self.trimmed_until, log[end - 1][0])
            self.start = end
        if self.start >= _COMPACT_AT and self.start * 2 >= len(log):
            del log[: self.start]
            self.start = 0

    def earliest(self, now: float) -> float:
        """EarliestRestorableDateTime, as epoch seconds."""
        return max(self.enabled_at, now - self.period_seconds, self.trimmed_until)

    def changes(self) -> int:
        """How many changes the window holds."""
        return len(self.log) - self.start

    def content_at(
        self, live: Mapping[tuple[Any, Any], Any], when: float
    ) -> dict[tuple[Any, Any], Any]:
        """The table's ``key -> (item, size)`` at ``when``, from its live content."""
        out = dict(live)
        log = self.log
        first = bisect.bisect_right(log, when, lo=self.start, key=_TIME)
        pop = out.pop
        for _t, key, old, size in reversed(log[first:]):
            if old is None:
                pop(key, None)
            else:
                out[key] = (old, size)
        return out


def content_of(store: Any) -> dict[tuple[Any, Any], Any]:
    """A table store's live content as ``(partition key, sort key) -> (item, size)``."""
    if not store.sorted:
        return {(hk, None): entry for hk, entry in store.parts.items()}
    # dict.items: the C walk of each partition (the order is of no use here).
    return {(hk, sk): entry for hk, part in store.parts.items() for sk, entry in dict.items(part)}
