"""Contention mode: items held "in flight" by a transaction, and the conflicts they cause.

DynamoDB locks the items of a TransactWriteItems while it runs. Another transaction
touching one of them is cancelled with ``TransactionConflict`` in its
CancellationReasons, and a PutItem, UpdateItem or DeleteItem on one of them fails with
``TransactionConflictException``. pyserverless runs each transaction atomically under
one lock, so no transaction is ever in flight when another request arrives; contention
mode gives a transaction a window instead: after it commits, its items stay held for
``hold_seconds`` of the Cloud's clock (deterministic under ``ManualClock``: advance the
clock to end the window). Items may also be held by hand, standing for another
client's transaction (``DynamoDB.hold_item``), until released or until their time is up.

Holds are kept in a dict for lookup and a queue in the order they were made; expiry
pops from the front, so it costs amortised O(1) per transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import _table_messages as msg
from ._errors import TransactionConflictException

if TYPE_CHECKING:
    from ._region import RegionTables

__all__ = ["CONFLICT_REASON", "hold", "in_flight", "refuse_if_in_flight", "release"]

#: The CancellationReason of an action whose item is in another transaction.
CONFLICT_REASON = {"Code": "TransactionConflict", "Message": msg.TRANSACTION_CONFLICT}


def in_flight(db: RegionTables, table: str, key: Any) -> bool:
    """True while the item is held by a transaction (call under the lock)."""
    until = db.holds.get((table, key))
    if until is None:
        return False
    if until > db.clock.time():
        return True
    del db.holds[(table, key)]
    return False


def refuse_if_in_flight(db: RegionTables, table: str, key: Any) -> None:
    """A single-item write on a held item fails with TransactionConflictException."""
    if in_flight(db, table, key):
        raise TransactionConflictException(msg.TRANSACTION_CONFLICT)


def hold(db: RegionTables, items: Iterable[tuple[str, Any]], seconds: float) -> None:
    """Hold ``items`` (``(table, key)`` pairs) for ``seconds`` of clock time from now."""
    now = db.clock.time()
    _expire(db, now)
    until = now + seconds
    for ident in items:
        if db.holds.get(ident, until) <= until:  # a longer hold already made stays
            db.holds[ident] = until
            db.hold_order.append((until, ident))


def release(db: RegionTables) -> int:
    """End every hold at once; the number of items that were held."""
    count = len(db.holds)
    db.holds.clear()
    db.hold_order.clear()
    return count


def _expire(db: RegionTables, now: float) -> None:
    order = db.hold_order
    while order and order[0][0] <= now:
        until, ident = order.popleft()
        if db.holds.get(ident) == until:
            del db.holds[ident]
