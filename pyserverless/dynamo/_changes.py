"""Item changes, as the background features of a table see them.

Every committed write goes through ``_items.commit``. When a table has watchers (its
stream, its point-in-time recovery history, its TTL index), ``commit`` builds one
``Change`` and hands it to each watcher, in commit order, under the engine's lock. A
table without watchers pays one falsy check per write and nothing else.

Watchers must be bound methods or ``functools.partial`` objects over engine-owned
state (never closures or lambdas), so that ``cloud.snapshot()`` copies them along with
the state they write to. They must not raise: the write has already happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ._wire import NumberSet

__all__ = ["TTL_IDENTITY", "Change", "Watcher", "same_item"]

#: The ``userIdentity.principalId`` of a deletion made by DynamoDB itself (TTL).
TTL_IDENTITY = "dynamodb.amazonaws.com"


class Change(NamedTuple):
    """One committed change of one item.

    ``old`` and ``new`` are the stored native items (never mutated once stored), None
    for an insert and a delete respectively; the sizes are DynamoDB's item sizes. A
    named tuple, not an attrs class: one is built per write on a watched table, and a
    tuple builds in half the time.
    """

    #: The ``TableState`` written to.
    table: Any
    #: ``(partition key, sort key)``; the sort key is None without one.
    key: tuple[Any, Any]
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    old_size: int
    new_size: int
    #: Clock time of the commit (epoch seconds).
    time: float
    #: ``"dynamodb.amazonaws.com"`` for a deletion DynamoDB made itself (TTL), else None.
    identity: str | None = None

    def __snapshot__(self, copy: Callable[[Any], Any]) -> Change:
        """Its copy for ``cloud.snapshot()``: the items are stored items (shared), the
        table is the snapshot's copy of it."""
        table = copy(self.table)
        if table is self.table:
            return self
        old, new, sizes = self.old, self.new, (self.old_size, self.new_size)
        return Change(table, self.key, old, new, *sizes, self.time, self.identity)

    @property
    def event_name(self) -> str:
        """``INSERT``, ``MODIFY`` or ``REMOVE``, as a stream record names it."""
        if self.old is None:
            return "INSERT"
        return "REMOVE" if self.new is None else "MODIFY"


Watcher = Callable[[Change], None]


def same_item(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """True when two stored items are the same DynamoDB value, type for type.

    Python's ``==`` says ``True == Decimal(1)`` and ``{1} == {Decimal(1)}``; DynamoDB
    does not, so a put that turns a BOOL into a number is a change.

    >>> from decimal import Decimal
    >>> same_item({"a": Decimal(1)}, {"a": Decimal("1.0")})
    True
    >>> same_item({"a": True}, {"a": Decimal(1)})
    False
    """
    if a is None or b is None:
        return a is b
    if a != b:  # Python's equality is looser than DynamoDB's: unequal here is unequal there
        return False
    return _same(a, b)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (set, frozenset)):
        # Sets hold one type each (SS, NS or BS); equal sets of one type are the same,
        # but a number set rewritten in another order is a change: reads return the
        # written order, so streams, replicas and restores must carry the new one.
        if not isinstance(b, (set, frozenset)) or a != b:
            return False
        if {type(x) for x in a} != {type(x) for x in b}:
            return False
        if type(a) is NumberSet or type(b) is NumberSet:
            return list(a) == list(b)
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
