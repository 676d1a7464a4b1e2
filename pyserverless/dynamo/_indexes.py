"""Secondary indexes: their definitions and the sorted stores kept in step with a table.

An index entry is keyed by the index's partition key, then by the tuple
``(index sort key, table partition key, table sort key)`` (without the first element
when the index has no sort key), so that items sharing index keys stay distinct and
ordered. Entries point at the table's stored item; the projection is applied on read.
Items missing an index key attribute are not indexed (sparse indexes).

A GSI's key may have up to four HASH and four RANGE attributes (multi-attribute keys,
DynamoDB since November 2025). Such an index keys its partitions by a
``CompositeKey`` of the HASH values (a single HASH value stays itself) and sorts by
``(range values..., table key...)``; ``_multikey`` answers its queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from . import _table_messages as msg
from ._errors import ValidationException
from ._storage import Store, key_bytes

__all__ = ["CompositeKey", "IndexDef", "IndexKeys", "Projection"]


class CompositeKey(tuple[Any, ...]):
    """The partition key of a multi-attribute index: its HASH values, in schema order.

    It hashes (for scan order and segments) over the values' key bytes in turn.

    >>> bytes(CompositeKey(("a", b"b")))
    b'ab'
    """

    __slots__ = ()

    def __bytes__(self) -> bytes:
        return b"".join(key_bytes(v) for v in self)


@attrs.frozen
class IndexKeys:
    """A GSI key schema of more than one HASH or RANGE attribute, checked.

    Iterating gives every key attribute name, HASH ones first.
    """

    hash_names: tuple[str, ...]
    range_names: tuple[str, ...]

    def __iter__(self) -> Any:
        return iter((*self.hash_names, *self.range_names))


@attrs.frozen
class Projection:
    """An index projection: ``KEYS_ONLY``, ``INCLUDE`` (with names) or ``ALL``."""

    type: str
    non_key: tuple[str, ...] = ()

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ProjectionType": self.type}
        if self.non_key:
            out["NonKeyAttributes"] = list(self.non_key)
        return out


@attrs.define(eq=False, repr=False)
class IndexDef:
    """One GSI or LSI of a table, with its store."""

    name: str
    local: bool
    hash_name: str
    range_name: str | None
    hash_type: str
    range_type: str | None
    projection: Projection
    arn: str
    #: Read, write units (None under PAY_PER_REQUEST).
    throughput: tuple[int, int] | None = None
    #: The table's key attribute names, always projected.
    table_keys: tuple[str, ...] = ()
    #: OnDemandThroughput and WarmThroughput members as set (GSIs; described only).
    on_demand: dict[str, int] | None = None
    warm: dict[str, int] | None = None
    #: A multi-attribute key: every HASH and RANGE attribute and its type, in schema
    #: order (``hash_name``/``range_name`` are then the first of each). Empty: a key of
    #: one HASH and at most one RANGE attribute.
    hash_names: tuple[str, ...] = ()
    range_names: tuple[str, ...] = ()
    hash_types: tuple[str, ...] = ()
    range_types: tuple[str, ...] = ()
    store: Store = attrs.field(init=False)
    #: Top-level attribute names an item keeps in the index (None: all of them).
    kept: frozenset[str] | None = attrs.field(init=False)
    #: ``(name, type)`` of every key attribute.
    typed_keys: tuple[tuple[str, str], ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.store = Store(sorted_partitions=True)
        if self.hash_names:
            names = (*self.hash_names, *self.range_names)
            types = (*self.hash_types, *self.range_types)
        else:
            names = (
                (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)
            )
            types = (
                (self.hash_type,) if self.range_type is None else (self.hash_type, self.range_type)
            )
        self.typed_keys = tuple(zip(names, types, strict=True))
        keys = {*names, *self.table_keys}
        if self.projection.type == "ALL":
            self.kept = None
        else:
            self.kept = frozenset(keys | set(self.projection.non_key))

    @property
    def multi(self) -> bool:
        """Whether the key has more than one HASH or more than one RANGE attribute."""
        return bool(self.hash_names)

    @property
    def key_names(self) -> tuple[str, ...]:
        if self.hash_names:
            return (*self.hash_names, *self.range_names)
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)

    def project(self, item: dict[str, Any]) -> dict[str, Any]:
        """The part of ``item`` this index holds."""
        kept = self.kept
        if kept is None:
            return item
        return {k: v for k, v in item.items() if k in kept}

    def check_item(self, item: dict[str, Any], type_of: Callable[[Any], str]) -> None:
        """Refuse a write whose index key attributes have the wrong type or are empty."""
        for name, expected in self.typed_keys:
            value = item.get(name, _MISSING)
            if value is _MISSING:
                continue
            actual = type_of(value)
            if actual != expected:
                raise ValidationException(
                    msg.INDEX_KEY_TYPE_MISMATCH.format(
                        key=name, expected=expected, actual=actual, index=self.name
                    )
                )
            if not value and actual in ("S", "B"):
                raise ValidationException(
                    msg.INDEX_KEY_EMPTY.format(
                        kind="string" if actual == "S" else "binary", index=self.name, key=name
                    )
                )

    def entry_key(
        self, item: dict[str, Any], table_sort: Any, order: Callable[[Any], Any]
    ) -> tuple[Any, Any] | None:
        """``(partition key, sort tuple)`` of ``item`` in this index; None if not indexed.

        ``table_sort`` is the ordering tuple of the item's table key.
        """
        if self.hash_names:
            return self._multi_entry_key(item, table_sort, order)
        hk = item.get(self.hash_name, _MISSING)
        if hk is _MISSING:
            return None
        if self.range_name is None:
            return hk, table_sort
        rk = item.get(self.range_name, _MISSING)
        if rk is _MISSING:
            return None
        return hk, (order(rk), *table_sort)

    def _multi_entry_key(
        self, item: dict[str, Any], table_sort: Any, order: Callable[[Any], Any]
    ) -> tuple[Any, Any] | None:
        """A multi-attribute key's entry: indexed only when every key attribute is there."""
        values = [item.get(name, _MISSING) for name in self.hash_names]
        ranges = [item.get(name, _MISSING) for name in self.range_names]
        if _MISSING in values or _MISSING in ranges:
            return None
        hk = values[0] if len(values) == 1 else CompositeKey(values)
        return hk, (*(order(r) for r in ranges), *table_sort)

    def projected_size(self, item: dict[str, Any], size: int, sizer: Callable[..., int]) -> int:
        if self.kept is None:
            return size
        return int(sizer(self.project(item)))

    def describe(self) -> dict[str, Any]:
        """The index's part of a ``TableDescription`` (GSIs add their throughput and status)."""
        if self.hash_names:
            schema = [{"AttributeName": n, "KeyType": "HASH"} for n in self.hash_names]
            schema += [{"AttributeName": n, "KeyType": "RANGE"} for n in self.range_names]
        else:
            schema = [{"AttributeName": self.hash_name, "KeyType": "HASH"}]
            if self.range_name is not None:
                schema.append({"AttributeName": self.range_name, "KeyType": "RANGE"})
        out: dict[str, Any] = {
            "IndexName": self.name,
            "KeySchema": schema,
            "Projection": self.projection.describe(),
        }
        if not self.local:
            out["IndexStatus"] = "ACTIVE"
            read, write = self.throughput or (0, 0)
            out["ProvisionedThroughput"] = {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": read,
                "WriteCapacityUnits": write,
            }
        out["IndexSizeBytes"] = self.store.size_bytes
        out["ItemCount"] = self.store.count
        out["IndexArn"] = self.arn
        return out

    def __repr__(self) -> str:
        kind = "LSI" if self.local else "GSI"
        if self.hash_names:
            pk: Any = self.hash_names if len(self.hash_names) > 1 else self.hash_name
            sk: Any = self.range_names if len(self.range_names) > 1 else self.range_name
        else:
            pk, sk = self.hash_name, self.range_name
        rng = f", sk={sk!r}" if sk else ""
        return f"{kind}({self.name!r}, pk={pk!r}{rng}, items={self.store.count})"


_MISSING: Any = object()
