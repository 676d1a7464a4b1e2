"""Sorted item storage: ``dict[partition key] -> SortedDict[sort key] -> entry``.

One ``Store`` holds a table's items or one secondary index's entries. An entry is the
tuple ``(item, size)``: the stored native item (never mutated once stored) and its size
in bytes (the item size for a table, the projected size for an index).

Costs: a put, get or delete is O(log n) in the partition's size (O(1) for a table
without a sort key); a range read is O(log n + k). Scans walk partitions in a stable
order — by DynamoDB's partition-key hash (``partition_hash``) — so that
``Segment``/``TotalSegments`` split the key space into contiguous, disjoint ranges and
a scan resumes from any key in O(log n).

DynamoDB's hash, as reverse-engineered publicly (dynalite, whose tests ran against
DynamoDB): MD5 over the fixed salt ``b"Outliers"`` followed by the key's bytes, a
string as UTF-8, a binary as is, and a number in DynamoDB's internal encoding
(``number_key_bytes``, the Oracle NUMBER layout). Partitions are ordered by the
digest's first four bytes, then by key.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from sortedcontainers import SortedDict, SortedList  # type: ignore[import-untyped]

__all__ = [
    "TOP",
    "Entry",
    "Store",
    "key_bytes",
    "number_key_bytes",
    "partition_hash",
    "prefix_upper",
]

#: A stored item and its size in bytes.
Entry = tuple[dict[str, Any], int]

_HASH_SPACE = 1 << 32
_UNKNOWN: Any = object()


class _Top:
    """Compares greater than every key: the open upper end of a tuple key range."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return other is self

    def __gt__(self, other: object) -> bool:
        return other is not self

    def __ge__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "TOP"


TOP: Any = _Top()


def key_bytes(value: Any) -> bytes:
    """The bytes DynamoDB hashes a partition key from (S as UTF-8, N encoded, B raw).

    >>> key_bytes("a"), key_bytes(Decimal("1.50")), key_bytes(b"\\x01")
    (b'a', b'\\xc1\\x023', b'\\x01')
    """
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, (Decimal, int)):
        return number_key_bytes(Decimal(value))
    return bytes(value)


def number_key_bytes(value: Decimal) -> bytes:
    """A number in DynamoDB's internal byte encoding (Oracle's NUMBER layout).

    Zero is ``0x80``. Otherwise the value is written as ``0.d1d2... x 100**e`` with
    base-100 digits: a positive number is the byte ``e + 192`` then each digit plus 1;
    a negative one is the complement of that exponent byte, then ``101 - digit`` for
    each digit, then ``102`` when it has fewer than 20 digits.

    >>> [number_key_bytes(Decimal(t)).hex() for t in ("0", "1", "100", "-1", "1.5")]
    ['80', 'c102', 'c202', '3e6466', 'c10233']
    """
    sign, digits, exponent = value.as_tuple()
    if not any(digits):
        return b"\x80"
    assert isinstance(exponent, int)
    end = len(digits)
    while digits[end - 1] == 0:
        end -= 1
    significant = list(digits[:end])
    while significant[0] == 0:
        significant.pop(0)
    point = exponent + len(digits)  # value = 0.<significant> x 10**point
    if point % 2:
        significant.insert(0, 0)
        point += 1
    if len(significant) % 2:
        significant.append(0)
    pairs = [significant[i] * 10 + significant[i + 1] for i in range(0, len(significant), 2)]
    head = (point // 2 - 64) & 0xFF
    if not sign:
        return bytes([head, *(p + 1 for p in pairs)])
    tail = [102] if len(pairs) < 20 else []
    return bytes([~head & 0xFF, *(101 - p for p in pairs), *tail])


_SALTED = hashlib.md5(b"Outliers", usedforsecurity=False)


@functools.lru_cache(maxsize=65536)
def partition_hash(value: Any) -> int:
    """The first 32 bits of DynamoDB's hash of a partition key (its scan order).

    >>> partition_hash("a") == int(hashlib.md5(b"Outliersa").hexdigest()[:8], 16)
    True
    """
    digest = _SALTED.copy()
    digest.update(key_bytes(value))
    return int.from_bytes(digest.digest()[:4], "big")


def prefix_upper(prefix: Any) -> Any:
    """The least key above every key that starts with ``prefix`` (None if unbounded).

    >>> prefix_upper("ab"), prefix_upper(b"a\\xff")
    ('ac', b'b')
    """
    if isinstance(prefix, str):
        while prefix and ord(prefix[-1]) == 0x10FFFF:
            prefix = prefix[:-1]
        return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else None
    if isinstance(prefix, (bytes, bytearray)):
        raw = bytes(prefix).rstrip(b"\xff")
        return raw[:-1] + bytes([raw[-1] + 1]) if raw else None
    return None


class Store:
    """The items of one table or index, partitioned and sorted.

    ``sorted_partitions=False`` (a table with no sort key) maps each partition key
    straight to its one entry; otherwise each partition is a ``SortedDict`` by sort key.

    >>> s = Store(sorted_partitions=True)
    >>> s.put("p", 2, ({"pk": "p", "sk": 2}, 10)); s.put("p", 1, ({"pk": "p", "sk": 1}, 10))
    >>> [e[0]["sk"] for _k, e in s.range("p")]
    [1, 2]
    >>> len(s), s.size_bytes
    (2, 20)
    >>> s._check()
    """

    __slots__ = ("_order", "_pending", "count", "order_of", "parts", "size_bytes", "sorted")

    def __init__(
        self,
        *,
        sorted_partitions: bool,
        order_of: Callable[[Any], Any] | None = None,
    ) -> None:
        self.sorted = sorted_partitions
        self.parts: dict[Any, Any] = {}
        self.count = 0
        self.size_bytes = 0
        # How a partition key sorts within its hash bucket (key_order for the type).
        self.order_of: Callable[[Any], Any] = order_of or (lambda v: v)
        # Scan order: (hash, order, key) for every partition, kept lazily: new partition
        # keys wait in _pending until the next scan; removed ones stay until a rebuild.
        self._order: SortedList = SortedList()
        self._pending: list[Any] = []

    def __len__(self) -> int:
        return self.count

    def __snapshot__(self, copy: Callable[[Any], Any]) -> Store:
        """Its copy for ``cloud.snapshot()``: new containers holding the same entries
        (stored entries are never mutated), without sorting anything again."""
        from .._core.snapshot import clone_sorted_dict, clone_sorted_list

        new = Store.__new__(Store)
        new.sorted = self.sorted
        new.count = self.count
        new.size_bytes = self.size_bytes
        new.order_of = copy(self.order_of)
        if self.sorted:
            new.parts = {hk: clone_sorted_dict(part) for hk, part in self.parts.items()}
        else:
            new.parts = dict(self.parts)
        new._order = clone_sorted_list(self._order)
        new._pending = list(self._pending)
        return new

    # -- point access ---------------------------------------------------------------------
    def get(self, hk: Any, sk: Any = None) -> Entry | None:
        part = self.parts.get(hk)
        if part is None or not self.sorted:
            return part
        entry: Entry | None = part.get(sk)
        return entry

    def put(self, hk: Any, sk: Any, entry: Entry, old: Any = _UNKNOWN) -> Entry | None:
        """Store ``entry`` under the key; returns the entry it replaced.

        ``old``, when the caller has just read it under the same lock, saves a lookup.
        """
        parts = self.parts
        if not self.sorted:
            if old is _UNKNOWN:
                old = parts.get(hk)
            parts[hk] = entry
            if old is None:
                self._pending.append(hk)
        else:
            part = parts.get(hk)
            if part is None:
                part = parts[hk] = SortedDict()
                self._pending.append(hk)
                old = None
            elif old is _UNKNOWN:
                old = part.get(sk)
            if old is None:
                # SortedDict.__setitem__ would test membership again; we just did.
                part._list_add(sk)
            dict.__setitem__(part, sk, entry)
        if old is None:
            self.count += 1
            self.size_bytes += entry[1]
        else:
            self.size_bytes += entry[1] - old[1]
        replaced: Entry | None = old
        return replaced

    def remove(self, hk: Any, sk: Any = None) -> Entry | None:
        """Remove the entry under the key; returns it (None if there was none)."""
        parts = self.parts
        if not self.sorted:
            old: Entry | None = parts.pop(hk, None)
        else:
            part = parts.get(hk)
            if part is None:
                return None
            old = part.pop(sk, None)
            if old is not None and not part:
                del parts[hk]
        if old is not None:
            self.count -= 1
            self.size_bytes -= old[1]
        return old

    def partition(self, hk: Any) -> Any:
        return self.parts.get(hk)

    # -- ranges ---------------------------------------------------------------------------------
    def range(
        self,
        hk: Any,
        low: Any = None,
        high: Any = None,
        inclusive: tuple[bool, bool] = (True, True),
        *,
        reverse: bool = False,
    ) -> Iterator[tuple[Any, Entry]]:
        """``(sort key, entry)`` of one partition between ``low`` and ``high``: O(log n + k)."""
        part = self.parts.get(hk)
        if part is None:
            return
        if not self.sorted:
            yield None, part
            return
        for key in part.irange(low, high, inclusive, reverse):
            yield key, part[key]

    def scan(
        self,
        *,
        segment: int = 0,
        total_segments: int = 1,
        start: tuple[Any, Any] | None = None,
    ) -> Iterator[tuple[Any, Any, Entry]]:
        """``(partition key, sort key, entry)`` in scan order, after ``start`` if given.

        Segment ``s`` of ``n`` covers the partitions whose hash lies in
        ``[s * 2**32 // n, (s + 1) * 2**32 // n)``.
        """
        self._sync()
        order = self._order
        low = segment * _HASH_SPACE // total_segments
        high = (segment + 1) * _HASH_SPACE // total_segments
        start_sk: Any = None
        start_hk: Any = None
        if start is not None:
            start_hk, start_sk = start
            position = max(
                order.bisect_left(self._order_key(start_hk)[:2]), order.bisect_left((low,))
            )
        else:
            position = order.bisect_left((low,))
        parts = self.parts
        n = len(order)
        while position < n:
            crc, _o, hk = order[position]
            position += 1
            if crc >= high:
                return
            part = parts.get(hk)
            if part is None:
                continue
            if not self.sorted:
                if start is not None and hk == start_hk:
                    continue
                yield hk, None, part
                continue
            if start is not None and hk == start_hk:
                keys = part.irange(start_sk, None, (False, True))
            else:
                keys = iter(part)
            for key in keys:
                yield hk, key, part[key]

    def _order_key(self, hk: Any) -> tuple[int, Any, Any]:
        return (partition_hash(hk), self.order_of(hk), hk)

    def _sync(self) -> None:
        """Bring the scan order up to date with the partitions."""
        order = self._order
        if len(order) > 2 * len(self.parts) + 64:
            order.clear()
            order.update(self._order_key(hk) for hk in self.parts)
            self._pending.clear()
            return
        if self._pending:
            parts = self.parts
            fresh = {
                key
                for key in (self._order_key(hk) for hk in self._pending if hk in parts)
                if key not in order
            }
            order.update(fresh)
            self._pending.clear()

    def segment_of(self, hk: Any, total_segments: int) -> int:
        """Which of ``total_segments`` scan segments holds partition ``hk``."""
        return partition_hash(hk) * total_segments // _HASH_SPACE

    # -- invariants --------------------------------------------------------------------------
    def _check(self) -> None:
        """Assert the store's invariants: counts and sizes add up, every partition is found."""
        count = 0
        size = 0
        for hk, part in self.parts.items():
            if self.sorted:
                assert isinstance(part, SortedDict), hk
                assert len(part) > 0, hk
                for entry in part.values():
                    count += 1
                    size += entry[1]
            else:
                count += 1
                size += part[1]
        assert count == self.count, (count, self.count)
        assert size == self.size_bytes, (size, self.size_bytes)
        self._sync()
        in_order = {entry[2] for entry in self._order}
        assert set(self.parts) <= in_order, set(self.parts) - in_order
