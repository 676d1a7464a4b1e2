"""PartiQL's syntax tree: frozen nodes, built once per statement text and cached."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = [
    "MISSING",
    "And",
    "Arith",
    "Assign",
    "Between",
    "Call",
    "Compare",
    "Delete",
    "Exists",
    "In",
    "Insert",
    "Is",
    "ListOf",
    "Literal",
    "MapOf",
    "Not",
    "Or",
    "Param",
    "Path",
    "Remove",
    "Select",
    "SetOf",
    "Statement",
    "Unconvertible",
    "Update",
]

#: One step of a path: an attribute name (str) or a list index (int).
Step = str | int


@attrs.frozen
class Path:
    """A document path: ``a.b[2]``."""

    steps: tuple[Step, ...]
    at: str = attrs.field(eq=False, default="")

    @property
    def head(self) -> str:
        first = self.steps[0]
        assert isinstance(first, str)
        return first

    def output_name(self) -> str:
        """The key a projection of this path answers with: its last name, then indexes."""
        last = max(i for i, s in enumerate(self.steps) if isinstance(s, str))
        name = str(self.steps[last])
        return name + "".join(f"[{s}]" for s in self.steps[last + 1 :])


@attrs.frozen
class Literal:
    """A value written in the statement (native DynamoDB value; MISSING is ``MISSING``)."""

    value: Any
    at: str = attrs.field(eq=False, default="")


@attrs.frozen
class Param:
    """The ``index``-th ``?`` of the statement (from 0)."""

    index: int
    at: str = attrs.field(eq=False, default="")


@attrs.frozen
class Call:
    """A function call: ``size(a)``, ``begins_with(a, 'x')``, ``list_append(a, [1])``."""

    name: str  # lower case
    args: tuple[Any, ...]
    at: str = attrs.field(eq=False, default="")
    written: str = attrs.field(eq=False, default="")


@attrs.frozen
class Arith:
    """``left + right`` or ``left - right`` in a SET value."""

    op: str
    left: Any
    right: Any


@attrs.frozen
class Compare:
    op: str  # = <> < <= > >=
    left: Any
    right: Any


@attrs.frozen
class Between:
    operand: Any
    low: Any
    high: Any


@attrs.frozen
class In:
    operand: Any
    items: tuple[Any, ...]


@attrs.frozen
class Is:
    """``path IS [NOT] MISSING|NULL|<type>``; ``what`` is MISSING, NULL or a type code."""

    path: Path
    what: str
    negated: bool


@attrs.frozen
class And:
    left: Any
    right: Any


@attrs.frozen
class Or:
    left: Any
    right: Any


@attrs.frozen
class Not:
    operand: Any


@attrs.frozen
class Select:
    table: str
    index: str | None
    projection: tuple[Path, ...] | None  # None: *
    where: Any
    order: tuple[tuple[Path, bool], ...]  # (path, ascending)
    params: int


@attrs.frozen
class Insert:
    table: str
    item: tuple[tuple[str, Any], ...]
    params: int


@attrs.frozen
class Assign:
    path: Path
    value: Any


@attrs.frozen
class Remove:
    path: Path


@attrs.frozen
class Update:
    table: str
    actions: tuple[Assign | Remove, ...]
    where: Any
    returning: str | None  # ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW
    params: int


@attrs.frozen
class Delete:
    table: str
    where: Any
    returning: str | None
    params: int


@attrs.frozen
class Exists:
    """``EXISTS(SELECT ...)``: a condition check inside ExecuteTransaction."""

    select: Select
    params: int


Statement = Select | Insert | Update | Delete | Exists


@attrs.frozen
class ListOf:
    """A list literal holding a parameter (folded to a Literal when it holds none)."""

    items: tuple[Any, ...]


@attrs.frozen
class MapOf:
    pairs: tuple[tuple[str, Any], ...]


@attrs.frozen
class SetOf:
    items: tuple[Any, ...]
    at: str = attrs.field(eq=False, default="")


class _Missing:
    """PartiQL's MISSING, as a literal value."""

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING = _Missing()


@attrs.frozen
class Unconvertible:
    """Parameters of a batch statement the client could not convert: the statement
    answers with this error alone (BatchExecuteStatement's per-statement errors)."""

    message: str
