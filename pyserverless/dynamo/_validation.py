"""Request validation shared by the control and data planes: constraints, enums, names.

DynamoDB reports shape constraint violations together, as
``2 validation errors detected: Value 'x' at 'tableName' failed to satisfy constraint:
...; Value ...``; ``Constraints`` collects them and raises once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from . import _table_messages as msg
from ._errors import ResourceNotFoundException, ValidationException

__all__ = [
    "Constraints",
    "require",
    "table_name_of",
]

_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
_TABLE_ARN = re.compile(r"^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table/([a-zA-Z0-9_.-]+)$")


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


class Constraints:
    """Collects shape-constraint violations and raises them as one ValidationException.

    >>> c = Constraints()
    >>> c.name("ab", "tableName")
    >>> try:
    ...     c.raise_if_any()
    ... except ValidationException as err:
    ...     print(err.message)
    1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint:
    Member must have length greater than or equal to 3
    """

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, value: Any, path: str, constraint: str) -> None:
        shown = "null" if value is None else _show(value)
        self.errors.append(
            f"Value '{shown}' at '{path}' failed to satisfy constraint: {constraint}"
        )

    def name(self, value: Any, path: str, *, min_len: int = 3, max_len: int = 255) -> None:
        """A table or index name: 3-255 characters of ``[a-zA-Z0-9_.-]``."""
        if not isinstance(value, str):
            return
        if len(value) < min_len:
            self.add(value, path, f"Member must have length greater than or equal to {min_len}")
        if len(value) > max_len:
            self.add(value, path, f"Member must have length less than or equal to {max_len}")
        if value and not _NAME.fullmatch(value):
            self.add(value, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")

    def enum(self, value: Any, path: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        if value is not None and value not in allowed:
            self.add(value, path, f"Member must satisfy enum value set: [{', '.join(allowed)}]")

    def at_least(self, value: Any, path: str, low: int) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and value < low:
            self.add(value, path, f"Member must have value greater than or equal to {low}")

    def at_most(self, value: Any, path: str, high: int) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and value > high:
            self.add(value, path, f"Member must have value less than or equal to {high}")

    def length(self, value: Any, path: str, low: int | None, high: int | None) -> None:
        if value is None:
            return
        n = len(value)
        if low is not None and n < low:
            self.add(value, path, f"Member must have length greater than or equal to {low}")
        if high is not None and n > high:
            self.add(value, path, f"Member must have length less than or equal to {high}")

    def raise_if_any(self) -> None:
        if self.errors:
            n = len(self.errors)
            head = f"{n} validation error{'s' if n > 1 else ''} detected: "
            raise ValidationException(head + "; ".join(self.errors))


def require(request: Mapping[str, Any], field: str) -> Any:
    """The required request member ``field``, or DynamoDB's null-constraint error."""
    value = request.get(field)
    if value is None:
        path = field[0].lower() + field[1:]
        raise ValidationException(
            f"1 validation error detected: Value null at '{path}' failed to satisfy "
            "constraint: Member must not be null"
        )
    return value


def table_name_of(name: Any, region: str, account: str) -> str:
    """The table name from a ``TableName`` member, which may also be the table's ARN."""
    if not isinstance(name, str):
        raise ValidationException(
            "1 validation error detected: Value null at 'tableName' failed to satisfy "
            "constraint: Member must not be null"
        )
    if name.startswith("arn:"):
        m = _TABLE_ARN.match(name)
        if m is None:
            raise ValidationException(msg.INVALID_TABLE_ARN.format(arn=name))
        if m.group(1) != region or m.group(2) != account:
            raise ResourceNotFoundException(msg.TABLE_NOT_FOUND.format(name=m.group(3)))
        return m.group(3)
    return name


_TAG_PUNCTUATION = frozenset("_.:/=+-@")


def _tag_text_ok(text: str) -> bool:
    """AWS's tag pattern: letters, numbers, separators (spaces) and ``_.:/=+-@``."""
    return all(c.isalnum() or c.isspace() or c in _TAG_PUNCTUATION for c in text)


def check_tag_texts(tags: Any) -> None:
    """The tags' keys and values as DynamoDB checks them after their lengths: the
    characters, the reserved ``aws:`` prefix, a key given twice (ack-api-quirks'
    catalogue of DynamoDB's texts, 2026-10).

    >>> try:
    ...     check_tag_texts([{"Key": "aws:owner", "Value": "me"}])
    ... except ValidationException as err:
    ...     print(err.message)
    Tag Key cannot be prefixed with aws:, Key: aws:owner
    """
    seen: set[str] = set()
    for tag in tags or ():
        key, value = tag.get("Key"), tag.get("Value")
        if isinstance(key, str) and not _tag_text_ok(key):
            raise ValidationException(msg.TAG_KEY_INVALID.format(key=key))
        if isinstance(key, str) and key.startswith("aws:"):
            raise ValidationException(msg.TAG_KEY_AWS_PREFIX.format(key=key))
        if value is None or (isinstance(value, str) and not _tag_text_ok(value)):
            shown = "null" if value is None else value
            raise ValidationException(msg.TAG_VALUE_INVALID.format(value=shown))
        if key in seen:
            raise ValidationException(msg.TAG_KEY_DUPLICATE.format(key=key))
        seen.add(key)
