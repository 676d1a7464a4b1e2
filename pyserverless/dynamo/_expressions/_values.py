"""Native-value helpers for expressions: types, DynamoDB equality, ordering, size.

Native values follow the shared contract: S str, N Decimal, B bytes, BOOL bool,
NULL None, L list, M dict, SS/BS set (or frozenset) of str/bytes, NS a NumberSet (a
set in its written order) of Decimal.
"""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from .._numbers import number_text
from .._types import NumberSet, ns_difference, ns_union, type_of

__all__ = [
    "MISSING",
    "copy_value",
    "equal",
    "long_type_name",
    "orderable",
    "render_value",
    "set_difference",
    "set_union",
    "size_of",
    "type_of",
]


class _Missing:
    """The value of a document path that does not exist in the item."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


_LONG = {
    "S": "STRING",
    "N": "NUMBER",
    "B": "BINARY",
    "BOOL": "BOOL",  # as captured in 2026 (floci's tests); not BOOLEAN
    "NULL": "NULL",
    "L": "LIST",
    "M": "MAP",
    "SS": "STRING_SET",
    "NS": "NUMBER_SET",
    "BS": "BINARY_SET",
}


def copy_value(value: Any) -> Any:
    """A deep copy of a native value (scalars are immutable and returned as is).

    >>> v = {"l": [1, {"s": {"a"}}]}
    >>> c = copy_value(v)
    >>> c == v, c["l"][1]["s"] is v["l"][1]["s"]
    (True, False)
    """
    t = type(value)
    if t is dict:
        return {k: copy_value(v) for k, v in value.items()}
    if t is list:
        return [copy_value(v) for v in value]
    if t is NumberSet:
        return value.copy()
    if t is set or t is frozenset:
        return set(value)
    return value


def set_union(current: Any, value: Any) -> Any:
    """ADD of two sets of one type: NS keeps ``current``'s order, then ``value``'s new
    members in their order; SS and BS are plain sets (sorted when written out).

    >>> set_union(NumberSet([Decimal(2), Decimal(1)]), NumberSet([Decimal(3), Decimal(1)]))
    {Decimal('2'), Decimal('1'), Decimal('3')}
    """
    tc = type_of(current)
    if tc == "NS":
        return ns_union(current, value)
    if tc == "BS":
        return {orderable(x) for x in current} | {orderable(x) for x in value}
    return set(current) | set(value)


def set_difference(current: Any, value: Any) -> Any:
    """DELETE of ``value``'s members from ``current`` (one set type); NS keeps its order.

    >>> set_difference(NumberSet([Decimal(2), Decimal(1), Decimal(3)]), {Decimal(1)})
    {Decimal('2'), Decimal('3')}
    """
    tc = type_of(current)
    if tc == "NS":
        return ns_difference(current, value)
    if tc == "BS":
        return {orderable(x) for x in current} - {orderable(x) for x in value}
    return set(current) - set(value)


def long_type_name(short: str) -> str:
    """The long type name DynamoDB uses in ADD/DELETE messages ("S" -> "STRING")."""
    return _LONG[short]


def _bytes(value: Any) -> bytes:
    t = type(value)
    if t is bytes:
        return value  # type: ignore[no-any-return]
    if t is bytearray:
        return bytes(value)
    return bytes(value.value)


def equal(a: Any, b: Any) -> bool:
    """DynamoDB equality: same type and same value, deeply; different types are unequal.

    >>> equal(Decimal("1.0"), Decimal(1)), equal(True, Decimal(1)), equal([Decimal(1)], [True])
    (True, False, False)
    """
    if a is MISSING or b is MISSING:
        return False
    ta = type_of(a)
    if ta != type_of(b):
        return False
    if ta == "L":
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if ta == "M":
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if ta == "B":
        return _bytes(a) == _bytes(b)
    if ta == "BS":
        return {_bytes(x) for x in a} == {_bytes(x) for x in b}
    return bool(a == b)


def orderable(value: Any) -> Any:
    """The value in a form Python orders as DynamoDB does (S, N, B), else ``MISSING``.

    Strings order by UTF-8 bytes, which is code-point order, so ``str`` compares as is.
    """
    t = type(value)
    if t is str or t is Decimal:
        return value
    if t is int:
        return Decimal(value)
    if t is bytes or t is bytearray or (hasattr(value, "value") and type_of(value) == "B"):
        return _bytes(value)
    return MISSING


def size_of(value: Any) -> Decimal | None:
    """``size()`` of a value: length of S, bytes of B, elements of sets, L and M.

    The length of a string is counted in UTF-16 code units, as Java counts it: a character
    outside the Basic Multilingual Plane counts 2 (DynamoDB answers ``size("é𝄞") = 3``, as
    captured by ExtendDB's issue #60). ``None`` for types ``size`` does not apply to (N,
    BOOL, NULL) and for ``MISSING``.

    >>> size_of("héllo"), size_of("é𝄞"), size_of(b"ab"), size_of({"a": 1}), size_of(Decimal(5))
    (Decimal('5'), Decimal('3'), Decimal('2'), Decimal('1'), None)
    """
    if value is MISSING:
        return None
    if type(value) is str:
        if value.isascii():
            return Decimal(len(value))
        return Decimal(len(value.encode("utf-16-le", "surrogatepass")) // 2)
    t = type_of(value)
    if t in ("N", "BOOL", "NULL"):
        return None
    if t == "B":
        return Decimal(len(_bytes(value)))
    return Decimal(len(value))


def render_value(value: Any) -> str:
    """A value as DynamoDB prints it in BETWEEN messages: ``S:a``, ``N:1``.

    >>> render_value("a"), render_value(Decimal("1.50"))
    ('S:a', 'N:1.5')
    """
    t = type_of(value)
    if t == "N":
        return f"N:{number_text(value)}"
    if t == "B":
        return "B:" + base64.b64encode(_bytes(value)).decode()
    if t == "S":
        return f"S:{value}"
    return f"{t}:{value}"
