"""Consumed capacity, computed from item sizes as DynamoDB bills it (aws-facts A5).

Reads: 1 unit per 4 KB (rounded up) strongly consistent, half that eventually
consistent, twice that in a transaction. Writes: 1 unit per 1 KB (rounded up), twice
that in a transaction. A write that touches a secondary index also costs index writes:
an added or removed entry one write of the entry's size, a changed index key two.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Capacity", "read_units", "write_units"]

_READ_BLOCK = 4096
_WRITE_BLOCK = 1024


def read_units(size: int, *, consistent: bool = False, transactional: bool = False) -> float:
    """Read units for ``size`` bytes read in one request.

    >>> read_units(0), read_units(4096), read_units(4097, consistent=True)
    (0.5, 0.5, 2.0)
    >>> read_units(100, transactional=True)
    2.0
    """
    blocks = max(1, -(-size // _READ_BLOCK))
    if transactional:
        return 2.0 * blocks
    return float(blocks) if consistent else blocks / 2


def write_units(size: int, *, transactional: bool = False) -> float:
    """Write units for writing ``size`` bytes.

    >>> write_units(1), write_units(1025), write_units(10, transactional=True)
    (1.0, 2.0, 2.0)
    """
    blocks = max(1, -(-size // _WRITE_BLOCK))
    return float(blocks * (2 if transactional else 1))


class Capacity:
    """Units consumed on one table and its indexes during one request."""

    __slots__ = ("gsis", "lsis", "table", "table_name")

    def __init__(self, table_name: str) -> None:
        self.table_name = table_name
        self.table = 0.0
        self.gsis: dict[str, float] = {}
        self.lsis: dict[str, float] = {}

    def add_index(self, name: str, local: bool, units: float) -> None:
        target = self.lsis if local else self.gsis
        target[name] = target.get(name, 0.0) + units

    @property
    def total(self) -> float:
        return self.table + sum(self.gsis.values()) + sum(self.lsis.values())

    def report(self, mode: str | None) -> dict[str, Any] | None:
        """The ``ConsumedCapacity`` member for ``ReturnConsumedCapacity=mode``."""
        if mode is None or mode == "NONE":
            return None
        out: dict[str, Any] = {"TableName": self.table_name, "CapacityUnits": self.total}
        if mode == "INDEXES":
            out["Table"] = {"CapacityUnits": self.table}
            if self.lsis:
                out["LocalSecondaryIndexes"] = {
                    k: {"CapacityUnits": v} for k, v in self.lsis.items()
                }
            if self.gsis:
                out["GlobalSecondaryIndexes"] = {
                    k: {"CapacityUnits": v} for k, v in self.gsis.items()
                }
        return out
