"""The resource layer's keyword arguments, checked as boto3 checks them before sending.

boto3's resource refuses an unknown or misspelt parameter, a missing required one and
a value of the wrong type with ``ParamValidationError`` before any request is sent.
The full check (``pyserverless._core.shapes``, from the model tables in the package,
with or without botocore) walks the whole request. To keep valid calls cheap, a call
first gets the shallow check (names, required members, the type of each member); the
full walk runs when that fails, and again when the engine refuses the request, so a
request boto3 would not have sent fails the way boto3 fails it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._core.shapes import checker, has_table, table
from ._errors import ConditionalCheckFailedException, TransactionCanceledException

__all__ = ["WELL_FORMED", "check", "check_fully"]

#: Errors only a well-formed request can meet: no need to look at the request again.
WELL_FORMED = (ConditionalCheckFailedException, TransactionCanceledException)

#: Where the resource takes condition objects instead of expression strings.
_CONDITIONS = ("KeyConditionExpression", "ConditionExpression", "FilterExpression")
_TYPES: Mapping[str, tuple[type, ...]] = {
    "structure": (dict,),
    "map": (dict,),
    "list": (list, tuple),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "double": (float, Decimal, int),
    "float": (float, Decimal, int),
    "blob": (bytes, bytearray, str),
    "timestamp": (datetime.datetime, str, int, float),
}


@attrs.frozen
class _Shallow:
    """What the shallow check of one operation compares a request with."""

    allowed: frozenset[str]
    required: frozenset[str]
    #: Required members other than TableName (which a ``Table`` supplies itself).
    required_of_table: frozenset[str]
    types: Mapping[str, tuple[type, ...]]


@functools.cache
def _shallow(operation: str) -> _Shallow | None:
    if not has_table("dynamodb"):  # pragma: no cover - the table ships in the package
        return None
    data = table("dynamodb")
    root = data["shapes"][data["operations"][operation]]
    members: Mapping[str, str] = root["m"]
    types = {
        name: _TYPES[data["shapes"][ref]["t"]]
        for name, ref in members.items()
        if name not in _CONDITIONS and data["shapes"][ref]["t"] in _TYPES
    }
    required = frozenset(root.get("r", ()))
    return _Shallow(frozenset(members), required, required - {"TableName"}, types)


def check(operation: str, params: Mapping[str, Any], table_name: str | None = None) -> None:
    """The shallow check of a resource call; the full one when it finds a problem.

    ``table_name``: the call is a ``Table`` method, whose ``TableName`` is implied.
    """
    shallow = _shallow(operation)
    if shallow is None:  # pragma: no cover - the table ships in the package
        return
    required = shallow.required if table_name is None else shallow.required_of_table
    if shallow.allowed.issuperset(params) and required.issubset(params):
        types = shallow.types
        for name, value in params.items():
            expected = types.get(name)
            if expected is not None and not isinstance(value, expected):
                break
        else:
            return
    check_fully(operation, params if table_name is None else {"TableName": table_name, **params})


_CHECKERS: dict[str, Callable[[Mapping[str, Any]], None]] = {}


def check_fully(operation: str, params: Mapping[str, Any]) -> None:
    """Raise ``ParamValidationError`` if boto3 would refuse ``params`` before sending.

    Native values sit where the client takes AttributeValues, and condition objects
    where it takes expression strings (boto3 builds those before it checks).
    """
    full = _CHECKERS.get(operation)
    if full is None:
        full = _CHECKERS[operation] = checker("dynamodb", operation, native_values=True)
    for field in _CONDITIONS:
        value = params.get(field)
        if value is not None and not isinstance(value, str):
            params = {**params, field: "built"}
    full(params)
