"""boto3 resource-layer values <-> native values (``int``, ``Binary``, ``frozenset``...).

Input follows boto3's ``TypeSerializer`` (its client-side ``TypeError``s and decimal
signals), then DynamoDB's own validation; output follows ``TypeDeserializer``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any

from . import _messages as msg
from ._errors import ValidationException
from ._numbers import number_from_python
from ._wire import (
    _MAX_DEPTH,
    Binary,
    NumberSet,
    _Decoded,
    _Decoder,
    _duplicates_listing,
    _name_size,
    _NoneType,
    _python_type,
    _set_type,
    _str_size,
)

__all__ = [
    "from_python",
    "item_from_python",
    "item_from_python_sized",
    "item_to_python",
    "to_python",
]


def _p_s(value: str, depth: int) -> _Decoded:
    return value, _str_size(value)


def _p_n(value: Any, depth: int) -> _Decoded:
    return number_from_python(value)


def _p_b(value: Any, depth: int) -> _Decoded:
    data = bytes(getattr(value, "value", value))
    return data, len(data)


def _p_bool(value: bool, depth: int) -> _Decoded:
    return value, 1


def _p_null(value: None, depth: int) -> _Decoded:
    return None, 1


def _p_l(value: Any, depth: int) -> _Decoded:
    if not value:
        return [], 3
    if depth >= _MAX_DEPTH:
        raise ValidationException(msg.NESTING_TOO_DEEP)
    out: list[Any] = []
    size = 3
    for v in value:
        native, vsize = _from_python(v, depth + 1)
        out.append(native)
        size += vsize + 1
    return out, size


def _p_m(value: Mapping[str, Any], depth: int) -> _Decoded:
    if not value:
        return {}, 3
    if depth >= _MAX_DEPTH:
        raise ValidationException(msg.NESTING_TOO_DEEP)
    out: dict[str, Any] = {}
    size = 3
    for k, v in value.items():
        native, vsize = _from_python(v, depth + 1)
        out[k] = native
        size += _name_size(k) + vsize + 1
    return out, size


def _p_set(value: AbstractSet[Any], depth: int) -> _Decoded:
    tag = _set_type(value)
    if tag == "NS":
        if not value:
            raise ValidationException(msg.NUMBER_SET_EMPTY)
        # The written order, as far as a Python set has one: a NumberSet's own order,
        # else the set's iteration order (what boto3's TypeSerializer would send).
        order: list[Any] = []
        size = 0
        for member in value:
            number, nsize = number_from_python(member)
            order.append(number)
            size += nsize
        out = NumberSet._of(order)
        if len(out) != len(value):  # e.g. {Decimal("1"), Decimal("1.0")} cannot happen
            raise ValidationException(msg.NUMBER_SET_DUPLICATES)  # pragma: no cover
        return out, size
    if tag == "SS":
        return set(value), sum(_str_size(s) for s in value)
    members = [bytes(getattr(b, "value", b)) for b in value]
    data = set(members)
    if len(data) != len(members):
        listing = _duplicates_listing(
            members, lambda m: '"' + base64.b64encode(m).decode("ascii") + '"', ","
        )
        raise ValidationException(msg.BINARY_SET_DUPLICATES.format(members=listing))
    return data, sum(map(len, members))


_FROM_PYTHON: dict[type, _Decoder] = {
    str: _p_s,
    Decimal: _p_n,
    int: _p_n,
    bytes: _p_b,
    bytearray: _p_b,
    Binary: _p_b,
    bool: _p_bool,
    _NoneType: _p_null,
    list: _p_l,
    tuple: _p_l,
    dict: _p_m,
    set: _p_set,
    frozenset: _p_set,
    NumberSet: _p_set,
}


def _from_python(value: Any, depth: int) -> _Decoded:
    convert = _FROM_PYTHON.get(type(value))
    if convert is None:
        convert = _FROM_PYTHON[_python_type(value)]
    return convert(value, depth)


def from_python(value: Any) -> Any:
    """A boto3 resource-layer value (``int``, ``bytearray``, ``Binary``, ``frozenset``...)
    as a native value, with boto3's client-side errors and then DynamoDB's.

    >>> from_python(3), from_python(bytearray(b"x")), from_python(frozenset({"a"}))
    (Decimal('3'), b'x', {'a'})
    >>> from_python(1.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: Float types are not supported. Use Decimal types instead.
    hint: ...
    """
    return _from_python(value, 1)[0]


def item_from_python(item: Mapping[str, Any]) -> dict[str, Any]:
    """A resource-layer item as a dict of native values (a new dict; the input is kept).

    >>> item_from_python({"id": "a", "n": 1})
    {'id': 'a', 'n': Decimal('1')}
    """
    return item_from_python_sized(item)[0]


def item_from_python_sized(item: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """Like :func:`item_from_python`, also returning the item's size (aws-facts A1).

    >>> item_from_python_sized({"shirt-color": "R", "shirt-size": "M"})[1]
    23
    """
    out: dict[str, Any] = {}
    size = 0
    for name, value in item.items():
        native, vsize = _from_python(value, 1)
        out[name] = native
        size += _name_size(name) + vsize
    return out, size


def _t_copy_list(value: list[Any]) -> list[Any]:
    return [to_python(v) for v in value]


def _t_copy_dict(value: dict[str, Any]) -> dict[str, Any]:
    return {k: to_python(v) for k, v in value.items()}


def _t_set(value: AbstractSet[Any]) -> set[Any]:
    if value and isinstance(next(iter(value)), (bytes, bytearray)):
        return {Binary(b) for b in value}
    return set(value)


def _t_ns(value: NumberSet) -> NumberSet:
    return value.copy()


_TO_PYTHON: dict[type, Callable[[Any], Any]] = {
    list: _t_copy_list,
    tuple: _t_copy_list,
    dict: _t_copy_dict,
    set: _t_set,
    frozenset: _t_set,
    NumberSet: _t_ns,
    bytes: Binary,
    bytearray: Binary,
    int: Decimal,
}


def to_python(value: Any) -> Any:
    """A native value as boto3's resource layer returns it (B -> :class:`Binary`), copied.

    >>> to_python({"b": b"x", "n": Decimal("1")})
    {'b': Binary(b'x'), 'n': Decimal('1')}
    """
    convert = _TO_PYTHON.get(type(value))
    return value if convert is None else convert(value)


def item_to_python(item: Mapping[str, Any]) -> dict[str, Any]:
    """A native item as boto3's resource layer returns it (a new dict).

    >>> item_to_python({"id": "a", "data": b"\\x00"})
    {'id': 'a', 'data': Binary(b'\\x00')}
    """
    return {k: to_python(v) for k, v in item.items()}
