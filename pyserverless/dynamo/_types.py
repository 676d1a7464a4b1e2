"""DynamoDB's type system: DynamoDB JSON <-> native values, sizes, key order.

Native values (how items are held in memory): S -> ``str``, N -> ``Decimal`` (canonical,
validated), B -> ``bytes``, BOOL -> ``bool``, NULL -> ``None``, L -> ``list``,
M -> ``dict``, SS/BS -> ``set`` of ``str``/``bytes``, NS -> :class:`NumberSet` of
``Decimal`` (a ``set`` that keeps the written order); sets are never empty.

This module is the one import point; the work is split by role: ``_wire`` (DynamoDB
JSON), ``_python`` (boto3 resource-layer values), ``_sizes`` (item sizes, key values)
and ``_numbers`` (the N type).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from . import _messages as _msg
from . import _python, _wire
from ._errors import ValidationException
from ._numbers import canonical_number, number_size, number_text, parse_number
from ._python import item_to_python, to_python
from ._sizes import check_item_size, item_size, key_order, validate_key_value, value_size
from ._wire import (
    Binary,
    NumberSet,
    item_to_wire,
    ns_difference,
    ns_union,
    to_wire,
    type_of,
)

_F = TypeVar("_F", bound=Callable[..., Any])


def _value_family(convert: _F) -> _F:
    """``convert``, with its ValidationExceptions marked as the request-value family.

    Converting a request's values is where DynamoDB's value errors arise; marking them
    here lets the operation boundary add the envelope where DynamoDB does
    (``_errors.ValidationException``). Costs nothing unless an error is raised.
    """

    @functools.wraps(convert)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return convert(*args, **kwargs)
        except ValidationException as err:
            if err.family is None:
                err.family = "value"
            raise

    return run  # type: ignore[return-value]


def _value(err: ValidationException) -> None:
    if err.family is None:
        err.family = "value"


# The wire conversions are the client layer's every call: written out, one call deep.
def from_wire(av: Any) -> Any:
    """``_wire.from_wire``, its errors marked as the request-value family."""
    try:
        return _wire._decode(av, 1)[0]
    except ValidationException as err:
        _value(err)
        raise


def from_wire_sized(av: Any) -> tuple[Any, int]:
    """``_wire.from_wire_sized``, its errors marked as the request-value family."""
    try:
        return _wire._decode(av, 1)
    except ValidationException as err:
        _value(err)
        raise


def item_from_wire(item: Any) -> dict[str, Any]:
    """``_wire.item_from_wire``, its errors marked as the request-value family."""
    try:
        out: dict[str, Any] = _wire._members(item, 1)[0]
    except ValidationException as err:
        _value(err)
        raise
    return out


def item_from_wire_sized(item: Any) -> tuple[dict[str, Any], int]:
    """``_wire.item_from_wire_sized``, its errors marked as the request-value family."""
    try:
        return _wire._members(item, 1)
    except ValidationException as err:
        _value(err)
        raise


from_python = _value_family(_python.from_python)
item_from_python = _value_family(_python.item_from_python)
item_from_python_sized = _value_family(_python.item_from_python_sized)


def _invalid_value(values: Any, one: Callable[[Any], Any]) -> None:
    """Raise DynamoDB's "ExpressionAttributeValues contains invalid value: ... for key :k"
    (without the envelope) for the first value ``one`` refuses, if any."""
    for key, value in values.items():
        try:
            one(value)
        except ValidationException as err:
            wrapped = ValidationException(
                _msg.VALUES_INVALID_VALUE.format(message=err.message, key=key)
            )
            wrapped.family = "bare"
            raise wrapped from None


def values_from_wire(values: Any) -> Any:
    """ExpressionAttributeValues from DynamoDB JSON; a bad value's error names its key."""
    try:
        return _wire._members(values, 1)[0]
    except ValidationException:
        _invalid_value(values, _wire.from_wire)
        raise


def values_from_python(values: Any) -> Any:
    """ExpressionAttributeValues from the resource layer's values; as :func:`values_from_wire`."""
    try:
        return _python.item_from_python(values)
    except ValidationException:
        _invalid_value(values, _python.from_python)
        raise


__all__ = [
    "Binary",
    "NumberSet",
    "canonical_number",
    "check_item_size",
    "from_python",
    "from_wire",
    "from_wire_sized",
    "item_from_python",
    "item_from_python_sized",
    "item_from_wire",
    "item_from_wire_sized",
    "item_size",
    "item_to_python",
    "item_to_wire",
    "key_order",
    "ns_difference",
    "ns_union",
    "number_size",
    "number_text",
    "parse_number",
    "to_python",
    "to_wire",
    "type_of",
    "validate_key_value",
    "value_size",
    "values_from_python",
    "values_from_wire",
]
