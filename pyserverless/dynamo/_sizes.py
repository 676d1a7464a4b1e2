"""Item sizes (aws-facts A1) and key values (A2, A17): checks and ordering."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any

from . import _messages as msg
from ._errors import ValidationException
from ._limits import DynamoDBLimits
from ._numbers import number_size
from ._wire import Binary, NumberSet, _NoneType, _python_type, _str_size, type_of

__all__ = [
    "check_item_size",
    "item_size",
    "key_order",
    "validate_key_value",
    "value_size",
]

_DEFAULTS = DynamoDBLimits()

# --------------------------------------------------------------------------- sizes


def _s_list(value: list[Any]) -> int:
    return 3 + sum(value_size(v) + 1 for v in value)


def _s_dict(value: dict[str, Any]) -> int:
    return 3 + sum(_str_size(k) + value_size(v) + 1 for k, v in value.items())


def _s_set(value: AbstractSet[Any]) -> int:
    return sum(value_size(v) for v in value)


_SIZES: dict[type, Callable[[Any], int]] = {
    str: _str_size,
    Decimal: number_size,
    int: number_size,
    bytes: len,
    bytearray: len,
    Binary: lambda b: len(b.value),
    bool: lambda _: 1,
    _NoneType: lambda _: 1,
    list: _s_list,
    tuple: _s_list,
    dict: _s_dict,
    set: _s_set,
    frozenset: _s_set,
    NumberSet: _s_set,
}


def value_size(value: Any) -> int:
    """The size in bytes DynamoDB counts for a native value (aws-facts A1).

    >>> value_size("héllo"), value_size(Decimal("3.14159")), value_size({"a": [1]})
    (6, 5, 11)
    """
    sizer = _SIZES.get(type(value))
    if sizer is None:
        sizer = _SIZES[_python_type(value)]
    return sizer(value)


def item_size(item: Mapping[str, Any]) -> int:
    """The size of a native item: UTF-8 bytes of each name plus its value's size.

    >>> item_size({"shirt-color": "R", "shirt-size": "M"})
    23
    """
    return sum(_str_size(k) + value_size(v) for k, v in item.items())


def check_item_size(
    size: int, *, limit: int = _DEFAULTS.max_item_size, update: bool = False
) -> None:
    """Raise DynamoDB's ValidationException when ``size`` exceeds ``limit`` (409,600 bytes).

    >>> check_item_size(409_600)
    >>> check_item_size(409_601)
    Traceback (most recent call last):
    ...
    pyserverless.dynamo.ValidationException: ...: Item size has exceeded the maximum allowed size
    """
    if size > limit:
        raise ValidationException(msg.ITEM_TOO_LARGE_UPDATE if update else msg.ITEM_TOO_LARGE)


# --------------------------------------------------------------------------- keys

_KEY_TYPES = frozenset({"S", "N", "B"})


def validate_key_value(
    name: str,
    value: Any,
    *,
    role: str,
    expected: str | None = None,
    limits: DynamoDBLimits = _DEFAULTS,
) -> None:
    """Check a key attribute's native value as DynamoDB does; raise its ValidationException.

    ``role`` is ``"HASH"`` or ``"RANGE"``; ``expected`` is the attribute's declared
    type (``"S"``, ``"N"`` or ``"B"``), when known.

    >>> validate_key_value("pk", "a", role="HASH")
    >>> validate_key_value("pk", "", role="HASH")
    Traceback (most recent call last):
    ...
    pyserverless.dynamo.ValidationException: ... cannot contain an empty string value. Key: pk
    """
    actual = type_of(value)
    if (expected is not None and actual != expected) or actual not in _KEY_TYPES:
        raise ValidationException(
            msg.KEY_TYPE_MISMATCH.format(name=name, expected=expected or "S, N or B", actual=actual)
        )
    if actual == "S":
        if not value:
            raise ValidationException(msg.KEY_EMPTY_STRING.format(name=name))
        size = _str_size(value)
    elif actual == "B":
        data = getattr(value, "value", value)
        if not data:
            raise ValidationException(msg.KEY_EMPTY_BINARY.format(name=name))
        size = len(data)
    else:
        size = number_size(value)
    if role == "HASH":
        if size > limits.max_partition_key_bytes:
            raise ValidationException(
                msg.HASH_KEY_TOO_LARGE.format(limit=limits.max_partition_key_bytes)
            )
    elif role == "RANGE":
        if size > limits.max_sort_key_bytes:
            raise ValidationException(
                msg.RANGE_KEY_TOO_LARGE.format(limit=limits.max_sort_key_bytes)
            )
    else:
        raise ValueError(f"role must be 'HASH' or 'RANGE', not {role!r}")


def key_order(value: Any) -> Any:
    """The sort key DynamoDB orders a key attribute's values by.

    N by numeric value, S by UTF-8 bytes, B bytewise. A ``str`` is its own key: the
    code-point order of Python strings is the byte order of their UTF-8 encodings.

    >>> sorted(["b", "a", "é", "Z"], key=key_order)
    ['Z', 'a', 'b', 'é']
    >>> sorted([Decimal(10), Decimal("9.5"), Decimal(-1)], key=key_order)
    [Decimal('-1'), Decimal('9.5'), Decimal('10')]
    """
    t = type(value)
    if t is str or t is bytes or t is Decimal:
        return value
    if t is int:
        return Decimal(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    data = getattr(value, "value", None)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(value, (str, bytes, Decimal)):
        return value
    raise TypeError(f"key values are S, N or B; got {type(value).__name__}")
