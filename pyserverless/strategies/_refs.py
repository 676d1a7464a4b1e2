"""Placeholders for drawn expressions: each name and value defined once and used."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

from ..dynamo._expressions._reserved import RESERVED_WORDS
from ..dynamo._types import to_wire

__all__ = ["Refs", "expression_names", "ordered", "plain_names"]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
# Function names and clause keywords: never written bare, though not all are reserved.
_KEYWORDS = frozenset(
    (
        "ATTRIBUTE_EXISTS",
        "ATTRIBUTE_NOT_EXISTS",
        "ATTRIBUTE_TYPE",
        "BEGINS_WITH",
        "CONTAINS",
        "SIZE",
        "IF_NOT_EXISTS",
        "LIST_APPEND",
        # The update clauses: REMOVE is no reserved word, but a bare one starts a clause.
        "REMOVE",
    )
)


def is_plain(name: str) -> bool:
    """Whether ``name`` may stand in an expression without a ``#`` placeholder."""
    upper = name.upper()
    return bool(_PLAIN.match(name)) and upper not in RESERVED_WORDS and upper not in _KEYWORDS


def plain_names(*, max_size: int = 10) -> st.SearchStrategy[str]:
    """Names that need no placeholder: a letter, then letters, digits or ``_``."""
    return st.from_regex(r"[A-Za-z][A-Za-z0-9_]*", fullmatch=True).filter(
        lambda n: len(n) <= max_size and is_plain(n)
    )


def expression_names() -> st.SearchStrategy[str]:
    """Attribute names for expressions: plain ones, reserved words, and any Unicode."""
    reserved = st.sampled_from(sorted(RESERVED_WORDS)).map(str.lower)
    return st.one_of(plain_names(), reserved, st.text(min_size=1, max_size=8))


def ordered(kind: str, a: Any, b: Any) -> tuple[Any, Any]:
    """``a`` and ``b`` in DynamoDB's key order (strings by their UTF-8 bytes)."""
    if kind == "S":
        return (a, b) if a.encode() <= b.encode() else (b, a)
    return (a, b) if a <= b else (b, a)


class Refs:
    """The ExpressionAttributeNames and Values of one drawn request, built as it is drawn."""

    def __init__(self, data: st.DataObject | None = None) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self._data = data

    def name(self, name: str, *, hashed: bool | None = None) -> str:
        """How ``name`` is written: bare if it may be and ``hashed`` allows, else ``#nK``."""
        for placeholder, known in self.names.items():
            if known == name:
                return placeholder
        if hashed is None:
            hashed = not is_plain(name) or (
                self._data is not None and self._data.draw(st.booleans(), label="hash name")
            )
        if not hashed:
            return name
        placeholder = f"#n{len(self.names)}"
        self.names[placeholder] = name
        return placeholder

    def value(self, value: Any) -> str:
        """A fresh ``:vK`` placeholder for ``value``."""
        placeholder = f":v{len(self.values)}"
        self.values[placeholder] = value
        return placeholder

    def request(self, member: str, expression: str, *, wire: bool) -> dict[str, Any]:
        """The request members: the expression, and the maps when they are not empty."""
        out: dict[str, Any] = {member: expression}
        if self.names:
            out["ExpressionAttributeNames"] = dict(self.names)
        if self.values:
            values = self.values
            out["ExpressionAttributeValues"] = (
                {k: to_wire(v) for k, v in values.items()} if wire else dict(values)
            )
        return out
