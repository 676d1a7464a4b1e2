"""A table's Time to Live state: its setting, its expiry index and its sweeper.

``TtlState`` lives in ``TableState.ttl``. While TTL is ENABLING or ENABLED it watches
the table's writes (``TableState.watchers``) and keeps every item whose TTL attribute
is a top-level Number in two sorted lists:

- ``order``, a sorted list by TTL value: ``expired()`` reads the items already expired
  and not yet deleted as one range, without scanning the table;
- ``due``, a heap by deletion time: the sweeper (one task on the Cloud's scheduler per
  table, at the earliest deletion time) pops what is due. An entry whose item moved on
  stays in the heap, stale, until it comes up (or the heap is compacted, once stale
  entries outnumber live ones), so a write pushes and never searches the heap.

Each write that sets, changes or removes the TTL value costs O(log n); a write that
leaves it alone costs a dictionary lookup; a table without TTL has no watcher and pays
nothing. An item's deletion time is the moment it expires (or, if later, the write or
the enable that made it known) plus a delay drawn from the Cloud's seeded generator
between ``ttl_delete_min_seconds`` and ``ttl_delete_max_seconds``. At that time the
sweeper checks again that the item is expired (a TTL value moved into the future has
already moved the entry) and deletes it through ``_items.commit`` with DynamoDB's own
identity: every index loses it, no capacity is consumed, and the stream sees a REMOVE
made by ``dynamodb.amazonaws.com``.
"""

from __future__ import annotations

import heapq
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from sortedcontainers import SortedList  # type: ignore[import-untyped]

from . import _items
from ._changes import TTL_IDENTITY, Change

if TYPE_CHECKING:
    from .._core.ids import Ids
    from .._core.scheduler import Scheduler, TaskHandle
    from ._region import RegionTables
    from ._table import TableState

__all__ = ["TtlState"]

#: An indexed item: (TTL value, sequence, deletion time, TTL value as a float).
Entry = tuple[Decimal, int, float, float]

#: The last instant a sweep is scheduled for (9999-12-31T23:59:59Z); a TTL value later
#: than that never comes due in a datetime the scheduler can show.
_LAST = 253402300799.0
_STATUSES = ("ENABLING", "ENABLED", "DISABLING", "DISABLED")


def ttl_value(item: dict[str, Any] | None, attribute: str) -> Decimal | None:
    """The item's TTL value: its top-level Number ``attribute``, or None (any other type)."""
    if item is None:
        return None
    value = item.get(attribute)
    return value if type(value) is Decimal else None


@attrs.define(eq=False, repr=False)
class TtlState:
    """The Time to Live setting and expiry index of one table."""

    #: ``cloud.snapshot()`` copies these containers and shares their entries (tuples of
    #: numbers and keys, never mutated).
    __snapshot_shared__: ClassVar[tuple[str, ...]] = ("by_key", "order", "due")

    db: RegionTables
    table: TableState
    ids: Ids
    scheduler: Scheduler
    #: The TTL attribute while ENABLING, ENABLED or DISABLING; None once DISABLED.
    attribute: str | None = None
    #: Whether TTL is (being) enabled.
    enabled: bool = False
    #: Clock time at which ENABLING or DISABLING settles.
    until: float = 0.0
    #: Clock time of the last accepted UpdateTimeToLive (None: never changed).
    changed: float | None = None
    #: True once the table is deleted: nothing is swept any more.
    dead: bool = False
    #: key -> (TTL value, sequence, deletion time, value as a float) of every indexed item.
    by_key: dict[Any, Entry] = attrs.field(factory=dict)
    #: ``(TTL value as a float, sequence, key)``, sorted: the expiry order (floats compare
    #: fast; rounding keeps the order, and ``expired()`` checks the exact value).
    order: Any = attrs.field(factory=SortedList)
    #: ``(deletion time, sequence, key)``: a heap, the sweeper's order; entries whose
    #: sequence is no longer the key's in ``by_key`` are stale.
    due: list[tuple[float, int, Any]] = attrs.field(factory=list)
    stale: int = 0
    seq: int = 0
    task: TaskHandle | None = None
    task_when: float = math.inf

    # -- the setting ---------------------------------------------------------------------------
    def status(self, now: float) -> str:
        """``ENABLING``, ``ENABLED``, ``DISABLING`` or ``DISABLED`` at ``now``."""
        if self.enabled:
            return "ENABLING" if now < self.until else "ENABLED"
        if self.attribute is not None and now < self.until:
            return "DISABLING"
        return "DISABLED"

    def describe(self, now: float) -> dict[str, Any]:
        """DescribeTimeToLive's ``TimeToLiveDescription``."""
        status = self.status(now)
        out: dict[str, Any] = {"TimeToLiveStatus": status}
        if status != "DISABLED" and self.attribute is not None:
            out["AttributeName"] = self.attribute
        return out

    def enable(self, attribute: str, now: float) -> None:
        """Start watching ``attribute``: index the table's items once, then every write."""
        self.enabled = True
        self.attribute = attribute
        self.changed = now
        self.until = now + self.db.limits.ttl_transition_seconds
        self._clear()
        for hk, rk, stored in self.table.store.scan():  # built in bulk: sorted once
            value = ttl_value(stored[0], attribute)
            entry = None if value is None else self._entry(value, now)
            if entry is not None:
                self.by_key[(hk, rk)] = entry
        self.order.update([(e[3], e[1], k) for k, e in self.by_key.items()])
        self.due = [(e[2], e[1], k) for k, e in self.by_key.items()]
        heapq.heapify(self.due)
        self.table.watchers.append(self.on_change)
        self._schedule()

    def disable(self, now: float) -> None:
        """Stop expiring: no more index, no more sweeps (DISABLING, then DISABLED)."""
        self.enabled = False
        self.changed = now
        self.until = now + self.db.limits.ttl_transition_seconds
        self._unwatch()
        self._clear()

    def close(self) -> None:
        """The table is deleted: cancel its sweep and forget its index."""
        self.dead = True
        self._unwatch()
        self._clear()

    def _unwatch(self) -> None:
        watchers = self.table.watchers
        if self.on_change in watchers:
            watchers.remove(self.on_change)

    def _clear(self) -> None:
        self.by_key.clear()
        self.order.clear()
        self.due.clear()
        self.stale = 0
        if self.task is not None:
            self.task.cancel()
        self.task = None
        self.task_when = math.inf

    # -- the index -----------------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        """The table's watcher: move the item's entry when its TTL value changes."""
        attribute = self.attribute
        if attribute is None:
            return
        key = change.key
        new = ttl_value(change.new, attribute)
        known = self.by_key.get(key)
        if known is not None and new is not None and known[0] == new:
            return  # the TTL value is unchanged: keep the drawn deletion time
        if known is not None:
            self._forget(key, known)
        if new is not None:
            self._add(key, new, change.time)
            self._schedule()

    def _add(self, key: Any, value: Decimal, now: float) -> None:
        entry = self._entry(value, now)
        if entry is not None:
            self.by_key[key] = entry
            self.order.add((entry[3], entry[1], key))
            heapq.heappush(self.due, (entry[2], entry[1], key))

    def _entry(self, value: Decimal, now: float) -> Entry | None:
        """The index entry of a TTL value seen at ``now`` (its deletion time drawn), or
        None for a value that never expires."""
        # Floats compare fast, and rounding keeps order: with ``f = float(value)``, f < x
        # implies value < x for any float x, so only equality needs the exact value.
        limits = self.db.limits
        f = float(value)
        oldest = now - limits.ttl_max_age_seconds
        if f < oldest or (f == oldest and value <= oldest):
            return None  # five years or more in the past: never expires
        low, high = limits.ttl_delete_min_seconds, limits.ttl_delete_max_seconds
        delay = low + (high - low) * (self.ids.bits(53) / 9007199254740992.0)
        when = max(f, now, self.until) + delay
        if when <= f:  # expired means value < now: never due at the value itself
            when = math.nextafter(f, math.inf)
        self.seq += 1
        return (value, self.seq, when, f)

    def _forget(self, key: Any, known: Entry) -> None:
        del self.by_key[key]
        self.order.remove((known[3], known[1], key))
        self.stale += 1  # its heap entry stays until it comes up
        if self.stale > 64 and self.stale > len(self.by_key):
            self.due = [(e[2], e[1], k) for k, e in self.by_key.items()]
            heapq.heapify(self.due)
            self.stale = 0

    def _live(self, entry: tuple[float, int, Any]) -> Entry | None:
        """The index entry a heap entry stands for, or None if it is stale."""
        known = self.by_key.get(entry[2])
        return known if known is not None and known[1] == entry[1] else None

    def expired(self, now: float) -> list[dict[str, Any]]:
        """The stored items expired at ``now`` and not yet deleted, by TTL value."""
        if not self.enabled:
            return []
        low = now - self.db.limits.ttl_max_age_seconds
        out = []
        top = (math.nextafter(now, math.inf),)
        for _value, _seq, key in self.order.irange(
            minimum=(math.nextafter(low, -math.inf),), maximum=top
        ):
            value = self.by_key[key][0]
            if low < value < now:
                entry = self.table.store.get(*key)
                if entry is not None:
                    out.append(entry[0])
        return out

    # -- the sweeper ---------------------------------------------------------------------------
    def _schedule(self) -> None:
        """Have a sweep run at the earliest deletion time (once ENABLED)."""
        while self.due and self._live(self.due[0]) is None:
            heapq.heappop(self.due)
            self.stale -= 1
        if not self.due or not self.enabled or self.dead:
            return
        when = max(self.due[0][0], self.until)
        if when > _LAST or self.task_when <= when:
            return
        if self.task is not None:
            self.task.cancel()
        self.task = self.scheduler.call_at(when, self.sweep, name=f"TTL sweep of {self.table.name}")
        self.task_when = when

    def sweep(self) -> int:
        """Delete every item whose deletion time has come and that is still expired;
        return how many were deleted. Runs as a scheduler task, under the engine lock."""
        deleted = 0
        with self.db.lock:
            self.task = None
            self.task_when = math.inf
            if not self.enabled or self.dead:
                return 0
            now = self.db.clock.time()
            if now < self.until:  # still ENABLING
                self._schedule()
                return 0
            max_age = self.db.limits.ttl_max_age_seconds
            while self.due and self.due[0][0] <= now:
                known = self._live(self.due[0])
                if known is None:
                    heapq.heappop(self.due)
                    self.stale -= 1
                    continue
                key = self.due[0][2]
                value = known[0]
                if value >= now:  # not expired yet (a value a float cannot hold exactly)
                    self._forget(key, known)
                    self._add(key, value, now)
                    continue
                entry = self.table.store.get(*key)
                if value <= now - max_age or entry is None:
                    self._forget(key, known)  # too old to expire now (the five-year rule)
                    continue
                _items.commit(self.db, self.table, key, entry, None, identity=TTL_IDENTITY)
                deleted += 1
            self._schedule()
        return deleted

    # -- for tests -----------------------------------------------------------------------------
    def _check(self) -> None:
        """Assert the index matches the table: each entry points at a live item holding
        that TTL value, the sorted list holds exactly the entries, and the heap holds
        each entry once besides the stale ones it counts."""
        assert len(self.order) == len(self.by_key), "index sizes differ"
        assert len(self.due) == len(self.by_key) + self.stale, "stale count is off"
        if not self.enabled:
            assert not self.by_key, "a disabled TTL keeps an index"
            return
        assert self.attribute is not None
        heap = {(when, seq, key) for when, seq, key in self.due}
        for key, (value, seq, when, f) in self.by_key.items():
            entry = self.table.store.get(*key)
            assert entry is not None, ("indexed item is gone", key)
            assert ttl_value(entry[0], self.attribute) == value, ("stale TTL value", key)
            assert f == float(value), key
            assert (f, seq, key) in self.order, key
            assert (when, seq, key) in heap, key
            assert when > value, ("due before expiry", key)
        oldest = self.db.clock.time() - self.db.limits.ttl_max_age_seconds
        for hk, rk, entry in self.table.store.scan():
            found = ttl_value(entry[0], self.attribute)
            if found is not None and found > oldest:
                assert (hk, rk) in self.by_key, ("item with a TTL value not indexed", hk, rk)

    def __repr__(self) -> str:
        status = self.status(self.db.clock.time())
        name, attribute, count = self.table.name, self.attribute, len(self.by_key)
        return f"TtlState({name!r}, {status}, {attribute!r}, indexed={count})"
