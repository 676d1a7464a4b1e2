"""The tables of one region, and what every data-plane operation shares.

The engine (``_engine.DynamoDB``) owns one ``RegionTables`` and passes it to the
operation modules (``_items``, ``_reads``, ``_batch``, ``_transactions``): they see the
tables, the lock, the limits and the clock, and never the engine, so no module
imports the engine back.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

import attrs

from .._core.clock import Clock
from . import _table_messages as msg
from ._errors import ResourceNotFoundException
from ._limits import DynamoDBLimits
from ._table import TableState
from ._validation import table_name_of

__all__ = ["RegionTables"]


@attrs.define(eq=False, repr=False)
class RegionTables:
    """The tables of one region of one account, with the lock that makes requests atomic."""

    region: str
    account_id: str
    limits: DynamoDBLimits
    clock: Clock
    tables: dict[str, TableState] = attrs.field(factory=dict)
    lock: threading.RLock = attrs.field(factory=threading.RLock)
    #: ClientRequestToken -> (clock time, request without the token, response).
    transaction_tokens: dict[str, tuple[float, Any, dict[str, Any]]] = attrs.field(factory=dict)
    #: ``(clock time, token)`` in the order tokens were recorded (so, in time order):
    #: expiry pops from the front, amortised O(1) per transaction.
    token_order: deque[tuple[float, str]] = attrs.field(factory=deque)
    #: Contention mode (docs/dynamodb.md): how long, in clock seconds, a committed
    #: transaction keeps its items "in flight"; 0 is off.
    hold_seconds: float = 0.0
    #: ``(table name, key)`` -> clock time until which the item is in flight.
    holds: dict[tuple[str, Any], float] = attrs.field(factory=dict)
    #: State delay (``DynamoDBLimits.table_state_seconds``): tables CREATING or DELETING,
    #: by name, kept out of ``tables`` (data-plane calls find no table) until their
    #: ``status_until``; and tables UPDATING (still in ``tables``).
    pending: dict[str, TableState] = attrs.field(factory=dict)
    updating: dict[str, TableState] = attrs.field(factory=dict)
    #: ``(until, (table name, key))`` in the order holds were made.
    hold_order: deque[tuple[float, tuple[str, Any]]] = attrs.field(factory=deque)
    # Key values that cannot break the key size limits skip the full check: strings of
    # at most this many characters (4 UTF-8 bytes each at most), binaries of at most
    # this many bytes, and numbers (21 bytes at most) when the limits allow.
    short_key_chars: int = attrs.field(init=False)
    short_key_bytes: int = attrs.field(init=False)
    numbers_fit_keys: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        key_limit = min(self.limits.max_partition_key_bytes, self.limits.max_sort_key_bytes)
        self.short_key_chars = key_limit // 4
        self.short_key_bytes = key_limit
        self.numbers_fit_keys = key_limit >= 21
        self.hold_seconds = float(self.limits.transaction_hold_seconds)

    def table_for(self, name: Any) -> TableState:
        """The table named by a data-plane ``TableName`` (a name or an ARN)."""
        t = self.tables.get(name)
        if t is not None:
            return t
        name = table_name_of(name, self.region, self.account_id)
        t = self.tables.get(name)
        if t is None and self.pending:
            self.settle()
            t = self.tables.get(name)
        if t is None:
            raise ResourceNotFoundException(msg.RESOURCE_NOT_FOUND)
        return t

    def settle(self) -> None:
        """End the CREATING, UPDATING and DELETING statuses whose time has come."""
        if not self.pending and not self.updating:
            return
        now = self.clock.time()
        for name, t in list(self.pending.items()):
            if t.status_until <= now:
                del self.pending[name]
                if t.status == "CREATING":
                    t.status = "ACTIVE"
                    self.tables[name] = t
        for name, t in list(self.updating.items()):
            if t.status_until <= now:
                del self.updating[name]
                if t.status == "UPDATING":
                    t.status = "ACTIVE"

    def described(self, name: Any) -> TableState:
        """The table named by a control-plane ``TableName`` (its own not-found message)."""
        name = table_name_of(name, self.region, self.account_id)
        self.settle()
        t = self.tables.get(name) or self.pending.get(name)
        if t is None:
            raise ResourceNotFoundException(msg.TABLE_NOT_FOUND.format(name=name))
        return t
