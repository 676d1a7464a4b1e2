"""DynamoDB values: numbers, attribute values, key values and items."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..dynamo._numbers import canonical_number
from ..dynamo._types import item_size, item_to_wire, to_wire

__all__ = ["attribute_names", "attribute_values", "items", "key_values", "numbers"]

_SCALAR_TYPES = ("S", "N", "B", "BOOL", "NULL")
_SET_TYPES = ("SS", "NS", "BS")
_DOCUMENT_TYPES = ("L", "M")
_ALL_TYPES = frozenset(_SCALAR_TYPES + _SET_TYPES + _DOCUMENT_TYPES)

# DynamoDB's number format (aws-facts A2): 38 digits, magnitude 1E-130 .. 9.99E+125.
_MAX_DIGITS = 38
_MIN_ADJUSTED = -130
_MAX_ADJUSTED = 125
_BOTO3_ETINY = -165  # Emin - precision + 1 in boto3's DYNAMODB_CONTEXT


def _decimal_from(sign: int, digits: str, adjusted: int) -> Decimal:
    # boto3's context (precision 38, Emin -128) cannot hold an exponent below -165
    # without rounding, which it traps: near 1E-130 a number keeps at most 36 digits.
    digits = digits[: adjusted - _BOTO3_ETINY + 1].rstrip("0") or "0"
    exponent = adjusted - len(digits) + 1
    number = canonical_number(Decimal((sign, tuple(map(int, digits)), exponent)))[0]
    if len(number.as_tuple().digits) > _MAX_DIGITS:
        # DynamoDB writes 1E+125 with 126 digits; boto3's serialiser (38-digit context,
        # Rounded trapped) refuses that form, so the short form is what a user can send.
        return Decimal((sign, tuple(map(int, digits)), exponent))
    return number


def numbers(*, min_digits: int = 1, max_digits: int = _MAX_DIGITS) -> st.SearchStrategy[Decimal]:
    """Valid DynamoDB numbers as ``Decimal``: zero, small integers, and any sign, 1-38
    significant digits and magnitude from 1E-130 to 9.99...E+125.

    Each is in DynamoDB's canonical form when that form has at most 38 digits, and in
    exponent form otherwise (``Decimal('1E+125')``), so boto3's serialiser, which
    refuses a coefficient of more than 38 digits, accepts every one.

    >>> from hypothesis import given
    >>> @given(numbers())
    ... def test(n):
    ...     assert len(str(n).lstrip("-").replace(".", "").strip("0")) <= 38
    >>> test()
    """
    if not 1 <= min_digits <= max_digits <= _MAX_DIGITS:
        raise ValueError(f"need 1 <= min_digits <= max_digits <= {_MAX_DIGITS}")
    nonzero = st.sampled_from("123456789")
    # Significant digits: a non-zero digit at both ends.
    inner = st.text("0123456789", min_size=max(0, min_digits - 2), max_size=max_digits - 2)
    longer = st.builds(lambda a, m, z: a + m + z, nonzero, inner, nonzero)
    if max_digits == 1:
        digits: st.SearchStrategy[str] = nonzero
    elif min_digits >= 2:
        digits = longer
    else:
        digits = st.one_of(nonzero, longer)
    general = st.builds(
        _decimal_from,
        st.sampled_from((0, 1)),
        digits,
        st.one_of(
            st.integers(-6, 40),
            st.integers(_MIN_ADJUSTED, _MAX_ADJUSTED),
            st.sampled_from((_MIN_ADJUSTED, _MAX_ADJUSTED)),
        ),
    )
    small = st.integers(-(10**6), 10**6).map(Decimal)
    if min_digits > 1:
        return general
    return st.one_of(small, general)


def attribute_names(*, min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Attribute names: non-empty text (any Unicode, no surrogates).

    >>> from hypothesis import given
    >>> @given(attribute_names())
    ... def test(name):
    ...     assert name
    >>> test()
    """
    return st.text(min_size=max(1, min_size), max_size=max_size)


def _scalar(kind: str) -> st.SearchStrategy[Any]:
    if kind == "S":
        return st.text(max_size=20)
    if kind == "N":
        return numbers()
    if kind == "B":
        return st.binary(max_size=20)
    if kind == "BOOL":
        return st.booleans()
    if kind == "NULL":
        return st.none()
    if kind == "SS":
        return st.sets(st.text(max_size=10), min_size=1, max_size=4)
    if kind == "NS":
        return st.sets(numbers(), min_size=1, max_size=4)
    return st.sets(st.binary(max_size=10), min_size=1, max_size=4)


def attribute_values(
    *,
    types: frozenset[str] | set[str] | None = None,
    max_leaves: int = 8,
    wire: bool = False,
) -> st.SearchStrategy[Any]:
    """Valid DynamoDB attribute values of the given ``types`` (all ten by default).

    ``L`` and ``M`` nest the other types; ``max_leaves`` bounds the size of a document
    (and so its depth, well under DynamoDB's 32). With ``wire=True`` the values come as
    DynamoDB JSON (``{"S": "..."}``).

    >>> from hypothesis import given
    >>> @given(attribute_values(types={"S", "N"}))
    ... def test(value):
    ...     assert isinstance(value, (str, Decimal))
    >>> test()
    """
    wanted = _ALL_TYPES if types is None else frozenset(types)
    unknown = wanted - _ALL_TYPES
    if unknown or not wanted:
        raise ValueError(f"types must be a non-empty subset of {sorted(_ALL_TYPES)}")
    leaves = [_scalar(k) for k in _SCALAR_TYPES + _SET_TYPES if k in wanted]
    documents = [k for k in _DOCUMENT_TYPES if k in wanted]
    if not leaves:  # only L and/or M: empty documents are the leaves
        leaves = [st.just([]) if "L" in documents else st.just({})]
    base: st.SearchStrategy[Any] = st.one_of(leaves)
    if documents:

        def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
            options: list[st.SearchStrategy[Any]] = []
            if "L" in documents:
                options.append(st.lists(children, max_size=4))
            if "M" in documents:
                options.append(st.dictionaries(attribute_names(max_size=8), children, max_size=4))
            return st.one_of(options)

        values = st.recursive(base, extend, max_leaves=max_leaves)
    else:
        values = base
    return values.map(to_wire) if wire else values


def key_values(kind: str = "S", *, role: str = "HASH") -> st.SearchStrategy[Any]:
    """Valid key attribute values of type ``kind`` (``"S"``, ``"N"`` or ``"B"``):
    never empty, within 2,048 bytes (``role="HASH"``) or 1,024 bytes (``"RANGE"``).

    >>> from hypothesis import given
    >>> @given(key_values("B", role="RANGE"))
    ... def test(value):
    ...     assert 1 <= len(value) <= 1024
    >>> test()
    """
    if role not in ("HASH", "RANGE"):
        raise ValueError("role must be 'HASH' or 'RANGE'")
    limit = 2048 if role == "HASH" else 1024
    if kind == "S":
        # At most 4 UTF-8 bytes per character keeps any string within the limit.
        return st.text(min_size=1, max_size=min(40, limit // 4))
    if kind == "N":
        return numbers()
    if kind == "B":
        return st.binary(min_size=1, max_size=min(40, limit))
    raise ValueError(f"key values are of type S, N or B, not {kind!r}")


def items(
    *,
    keys: Mapping[str, str] | None = None,
    max_attributes: int = 5,
    max_leaves: int = 8,
    wire: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid DynamoDB items: the ``keys`` attributes (name -> ``"S"``/``"N"``/``"B"``,
    the first the partition key) with valid key values, plus up to ``max_attributes``
    other attributes of any type. Every item is within 400 KB.

    >>> from hypothesis import given
    >>> @given(items(keys={"id": "N"}, wire=True))
    ... def test(item):
    ...     assert "N" in item["id"]
    >>> test()
    """
    keys = dict(keys or {})
    key_parts = {
        name: key_values(kind, role="HASH" if i == 0 else "RANGE")
        for i, (name, kind) in enumerate(keys.items())
    }
    others = st.dictionaries(
        attribute_names().filter(lambda n: n not in keys),
        attribute_values(max_leaves=max_leaves),
        max_size=max_attributes,
    )
    combined = st.builds(lambda k, o: {**o, **k}, st.fixed_dictionaries(key_parts), others)
    valid = combined.filter(lambda item: item_size(item) <= 409_600)
    return valid.map(item_to_wire) if wire else valid
