"""Resolves placeholders and checks a parsed expression the way DynamoDB does.

DynamoDB reports at most one problem per expression. When several are present it
picks by category, in this order (learned from the service's answers):
redundant parentheses, unknown function, misused function, reserved word or list index
out of range, (update: repeated section), undefined placeholder or path too deep, (update:
ADD/DELETE operand type), operand count, operands not distinct, function operand types
and BETWEEN bounds, IN operands, and last the operator count.
Within a category the first occurrence in the text wins. Binding returns the same
AST shapes with names resolved (paths hold ``str``/``int``) and values as :class:`Const`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import ValidationException
from .._limits import DynamoDBLimits
from . import _messages as msg
from ._parser import (
    Add,
    And,
    Arith,
    Between,
    Call,
    Compare,
    CondNode,
    Const,
    Delete,
    In,
    NameRef,
    Not,
    Operand,
    Or,
    Path,
    ProjectionAst,
    Remove,
    Set,
    UpdateAst,
    ValueRef,
)
from ._reserved import RESERVED_WORDS
from ._values import MISSING, long_type_name, orderable, render_value, type_of

__all__ = [
    "Binder",
    "check_overlaps",
    "invalid",
    "path_text",
]

CONDITION_FUNCTIONS = {
    "attribute_exists": 1,
    "attribute_not_exists": 1,
    "attribute_type": 2,
    "begins_with": 2,
    "contains": 2,
    "size": 1,
}
UPDATE_FUNCTIONS = {"if_not_exists": 2, "list_append": 2}
_BOOLEAN_FUNCTIONS = frozenset(CONDITION_FUNCTIONS) - {"size"}
ATTRIBUTE_TYPES = frozenset({"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"})
_MAX_LIST_INDEX = 2**31 - 1  # a Java int

# Conditions: these categories rank across the whole expression...
_CONDITION_GLOBAL = ("parens", "unknown", "misused", "reserved")
# ...and these per comparison or function ("leaf"): the first leaf in the text with
# any of them reports its highest-ranked one (dynalite's tests against DynamoDB:
# "attribute_type(a, size(a)) and a=a" reports the operand type, not a=a).
_CONDITION_LEAF = ("names", "operand", "distinct", "function", "limit")
_UPDATE_ORDER = (
    "parens",
    "unknown",
    "misused",
    "reserved",
    "section",
    "names",
    "clause",
    "operand",
    "distinct",
    "function",
    "limit",
)


def invalid(label: str, message: str) -> ValidationException:
    """A ValidationException for expression ``label`` ("ConditionExpression", ...)."""
    return ValidationException(msg.PREFIX.format(kind=label) + message)


def path_text(elements: Iterable[str | int]) -> str:
    """A resolved path as DynamoDB prints it: ``[a, b, [2]]``."""
    return "[" + ", ".join(f"[{e}]" if type(e) is int else str(e) for e in elements) + "]"


def _elements(path: Path) -> tuple[str | int, ...]:
    return path.elements  # type: ignore[return-value]  # bound paths hold str/int only


class Binder:
    """Binds one expression of a request; records which placeholders it used."""

    def __init__(
        self,
        label: str,
        names: Mapping[str, str],
        values: Mapping[str, Any],
        used_names: set[str],
        used_values: set[str],
        limits: DynamoDBLimits,
    ) -> None:
        self.label = label
        self.names = names
        self.values = values
        self.used_names = used_names
        self.used_values = used_values
        self.limits = limits
        self.errors: dict[str, str] = {}
        self.operators = 0
        self.leaf: dict[str, str] | None = None
        self.leaf_error: str | None = None

    def note(self, category: str, message: str) -> None:
        if self.leaf is not None and category in _CONDITION_LEAF:
            self.leaf.setdefault(category, message)
        else:
            self.errors.setdefault(category, message)

    def _end_leaf(self) -> None:
        leaf, self.leaf = self.leaf, None
        if leaf and self.leaf_error is None:
            self.leaf_error = next(leaf[c] for c in _CONDITION_LEAF if c in leaf)

    def raise_first(self, order: tuple[str, ...]) -> None:
        for category in order:
            if category in self.errors:
                raise invalid(self.label, self.errors[category])

    # -- leaves -------------------------------------------------------------------
    def path(self, path: Path) -> Path:
        out: list[str | int] = []
        depth = len(path.elements)
        if depth > self.limits.max_nesting_depth:
            # DynamoDB Local checks the depth of a path before its #names.
            self.note("names", msg.NESTING_TOO_DEEP.format(depth=depth))
        for element in path.elements:
            if type(element) is int:
                if element > _MAX_LIST_INDEX:
                    self.note("reserved", msg.LIST_INDEX_RANGE.format(index=element))
                out.append(element)
            elif isinstance(element, NameRef):
                name = element.name
                if name in self.names:
                    self.used_names.add(name)
                    out.append(self.names[name])
                else:
                    self.note("names", msg.NAME_UNDEFINED.format(name=name))
                    out.append(name)
            else:
                assert isinstance(element, str)
                if element.upper() in RESERVED_WORDS:
                    self.note("reserved", msg.RESERVED.format(word=element))
                out.append(element)
        return Path(tuple(out))

    def const(self, ref: ValueRef) -> Const:
        name = ref.name
        if name in self.values:
            self.used_values.add(name)
            return Const(name, self.values[name])
        self.note("names", msg.VALUE_UNDEFINED.format(name=name))
        return Const(name, MISSING)

    # -- conditions ---------------------------------------------------------------
    def condition(self, node: CondNode) -> CondNode:
        # Every operator node counts toward the operator limit (DynamoDB Local counts each
        # comparison, BETWEEN, IN, AND, OR, NOT and function; paths and values do not).
        self.operators += 1
        if isinstance(node, And):
            return And(self.condition(node.left), self.condition(node.right))
        if isinstance(node, Or):
            return Or(self.condition(node.left), self.condition(node.right))
        if isinstance(node, Not):
            return Not(self.condition(node.operand))
        self.leaf = {}
        try:
            return self.leaf_condition(node)
        finally:
            self._end_leaf()

    def leaf_condition(self, node: CondNode) -> CondNode:
        """A comparison, BETWEEN, IN or boolean function."""
        if isinstance(node, Compare):
            left, right = self.operand(node.left), self.operand(node.right)
            self.misused(left, right)
            self.distinct(node.op, left, right)
            if node.op not in ("=", "<>"):
                self.orderable_operands(node.op, left, right)
            return Compare(node.op, left, right)
        if isinstance(node, Between):
            x, low, high = (
                self.operand(node.operand),
                self.operand(node.low),
                self.operand(node.high),
            )
            self.misused(x, low, high)
            self.distinct("BETWEEN", x, low, high)
            self.orderable_operands("BETWEEN", x, low, high)
            self.between_bounds(low, high)
            return Between(x, low, high)
        if isinstance(node, In):
            x = self.operand(node.operand)
            options = tuple(self.operand(o) for o in node.options)
            self.misused(x, *options)
            self.distinct("IN", x, *options)
            if len(options) > self.limits.max_in_operands:
                self.note("limit", msg.IN_TOO_MANY.format(count=len(options)))
            return In(x, options)
        assert isinstance(node, Call)
        self.operators -= 1  # counted by function()
        call = self.function(node)
        if call.name == "size":
            self.note("misused", msg.MISUSED_FUNCTION.format(name="size"))
        return call

    def operand(self, op: Operand) -> Operand:
        if isinstance(op, Path):
            return self.path(op)
        if isinstance(op, ValueRef):
            return self.const(op)
        assert isinstance(op, Call)
        return self.function(op)

    def misused(self, *operands: Operand) -> None:
        """A boolean function where a value is expected (update functions are noted apart)."""
        for op in operands:
            if isinstance(op, Call) and op.name in _BOOLEAN_FUNCTIONS:
                self.note("misused", msg.MISUSED_FUNCTION.format(name=op.name))

    def distinct(self, op: str, first: Operand, *rest: Operand) -> None:
        """The first operand, a path, may not reappear among the others."""
        if not isinstance(first, Path):
            return
        for other in rest:
            if isinstance(other, Path) and other.elements == first.elements:
                self.note(
                    "distinct",
                    msg.NOT_DISTINCT.format(op=op, path=path_text(_elements(first))),
                )
                return

    def orderable_operands(self, op: str, *operands: Operand) -> None:
        """Ordering operators take S, N or B values only."""
        for operand in operands:
            t = self.const_type(operand)
            if t is not None and t not in ("S", "N", "B"):
                self.note("function", msg.OPERAND_TYPE.format(name=op, type=t))
                return

    def between_bounds(self, low: Operand, high: Operand) -> None:
        if not (isinstance(low, Const) and isinstance(high, Const)):
            return
        if low.value is MISSING or high.value is MISSING:
            return
        lt, ht = type_of(low.value), type_of(high.value)
        rendered = {"low": render_value(low.value), "high": render_value(high.value)}
        if lt != ht:
            self.note("function", msg.BETWEEN_TYPES.format(**rendered))
            return
        a, b = orderable(low.value), orderable(high.value)
        if a is not MISSING and a > b:
            self.note("function", msg.BETWEEN_ORDER.format(**rendered))

    def function(self, call: Call) -> Call:
        self.operators += 1
        name = call.name
        args = tuple([self.operand(a) for a in call.args])
        if name not in CONDITION_FUNCTIONS:
            if name in UPDATE_FUNCTIONS:
                self.note("misused", msg.FUNCTION_NOT_IN_CONDITION.format(name=name))
            else:
                self.note("unknown", msg.UNKNOWN_FUNCTION.format(name=name))
            return Call(name, args)
        self.misused(*args)
        if len(args) != CONDITION_FUNCTIONS[name]:
            self.note("operand", msg.OPERAND_COUNT.format(name=name, count=len(args)))
            return Call(name, args)
        if len(args) == 2:
            self.distinct(name, args[0], args[1])
        if name in ("attribute_exists", "attribute_not_exists"):
            if not isinstance(args[0], Path):
                self.note("function", msg.NEEDS_PATH.format(name=name))
        elif name == "begins_with":
            for arg in args:
                t = self.const_type(arg)
                if t is not None and t not in ("S", "B"):
                    self.note("function", msg.OPERAND_TYPE.format(name=name, type=t))
                    break
        elif name == "attribute_type":
            t = self.const_type(args[1])
            if t != "S":
                shown = t if t is not None else "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
                if not (isinstance(args[1], Const) and args[1].value is MISSING):
                    self.note("function", msg.OPERAND_TYPE.format(name=name, type=shown))
            else:
                assert isinstance(args[1], Const)
                if args[1].value not in ATTRIBUTE_TYPES:
                    self.note("function", msg.ATTRIBUTE_TYPE_NAME.format(type=args[1].value))
        elif name == "size":
            t = self.const_type(args[0])
            if t in ("N", "BOOL", "NULL"):
                self.note("function", msg.OPERAND_TYPE.format(name=name, type=t))
        return Call(name, args)

    @staticmethod
    def const_type(op: Operand) -> str | None:
        """The type an operand has before any item is read: values, and size() (N)."""
        if isinstance(op, Const) and op.value is not MISSING:
            return type_of(op.value)
        if isinstance(op, Call) and op.name == "size":
            return "N"
        return None

    # -- update -------------------------------------------------------------------
    def update(self, ast: UpdateAst) -> UpdateAst:
        seen: set[str] = set()
        for section in ast.sections:
            if section in seen:
                self.note("section", msg.SECTION_TWICE.format(section=section))
            seen.add(section)
        actions: list[Set | Remove | Add | Delete] = []
        for action in ast.actions:
            # Only the operators and functions of SET values count (DynamoDB Local), not
            # the actions themselves.
            path = self.path(action.path)
            if isinstance(action, Set):
                actions.append(Set(path, self.set_value(action.value)))
            elif isinstance(action, Remove):
                actions.append(Remove(path))
            else:
                assert isinstance(action.value, ValueRef)
                const = self.const(action.value)
                word = "ADD" if isinstance(action, Add) else "DELETE"
                t = self.const_type(const)
                allowed = ("N", "SS", "NS", "BS") if word == "ADD" else ("SS", "NS", "BS")
                if t is not None and t not in allowed:
                    self.note(
                        "clause",
                        msg.CLAUSE_OPERAND_TYPE.format(name=word, type=long_type_name(t)),
                    )
                cls = Add if word == "ADD" else Delete
                actions.append(cls(path, const))
        self.check_operators(self.limits.max_update_operators)
        return UpdateAst(tuple(actions), ast.sections)

    def check_operators(self, limit: int) -> None:
        """DynamoDB stops counting at the first operator past the limit."""
        if self.operators > limit:
            self.errors.setdefault("operators", msg.TOO_MANY_OPERATORS.format(count=limit + 1))

    def set_value(self, op: Operand) -> Operand:
        if isinstance(op, Path):
            return self.path(op)
        if isinstance(op, ValueRef):
            return self.const(op)
        if isinstance(op, Arith):
            self.operators += 1
            left, right = self.set_value(op.left), self.set_value(op.right)
            for side in (left, right):
                if isinstance(side, Call) and side.name == "list_append":
                    self.note("misused", msg.MISUSED_FUNCTION.format(name="list_append"))
            for side in (left, right):
                t = self.const_type(side)
                if t is not None and t != "N":
                    self.note("function", msg.OPERAND_TYPE.format(name=op.op, type=t))
                    break
            return Arith(op.op, left, right)
        assert isinstance(op, Call)
        self.operators += 1
        name = op.name
        args = tuple([self.set_value(a) for a in op.args])
        if name not in UPDATE_FUNCTIONS:
            if name in CONDITION_FUNCTIONS:
                self.note("misused", msg.FUNCTION_NOT_IN_UPDATE.format(name=name))
            else:
                self.note("unknown", msg.UNKNOWN_FUNCTION.format(name=name))
            return Call(name, args)
        if len(args) != UPDATE_FUNCTIONS[name]:
            self.note("operand", msg.OPERAND_COUNT.format(name=name, count=len(args)))
            return Call(name, args)
        if name == "if_not_exists":
            if not isinstance(args[0], Path):
                self.note("function", msg.NEEDS_PATH.format(name=name))
            self.distinct(name, args[0], args[1])
        else:
            for arg in args:
                if isinstance(arg, Call) and arg.name == "list_append":
                    self.note("misused", msg.MISUSED_FUNCTION.format(name="list_append"))
            for arg in args:
                t = self.const_type(arg)
                if t is not None and t != "L":
                    self.note("function", msg.OPERAND_TYPE.format(name=name, type=t))
                    break
        return Call(name, args)

    # -- projection ---------------------------------------------------------------
    def projection(self, ast: ProjectionAst) -> ProjectionAst:
        return ProjectionAst(tuple(self.path(p) for p in ast.paths))

    # -- orders -------------------------------------------------------------------
    def finish_condition(self) -> None:
        self.raise_first(_CONDITION_GLOBAL)
        if self.leaf_error is not None:
            raise invalid(self.label, self.leaf_error)
        self.raise_first(_CONDITION_LEAF)  # projections record names outside leaves
        self.check_operators(self.limits.max_condition_operators)
        self.raise_first(("operators",))

    def finish_update(self, ast: UpdateAst) -> None:
        """Raise the first problem; path overlaps rank after ADD/DELETE operand types."""
        cut = _UPDATE_ORDER.index("operand")  # overlaps rank just before operand counts
        self.raise_first(_UPDATE_ORDER[:cut])
        check_overlaps(self.label, [_elements(a.path) for a in ast.actions])
        self.raise_first(_UPDATE_ORDER[cut:])
        self.raise_first(("operators",))


def _overlap(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _conflict(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> bool:
    for x, y in zip(a, b, strict=False):
        if x == y and type(x) is type(y):
            continue
        return (type(x) is int) != (type(y) is int)
    return False


def check_overlaps(label: str, paths: list[tuple[str | int, ...]]) -> None:
    """Reject two paths where one contains the other, then two that disagree in kind."""
    for j in range(len(paths)):
        for i in range(j):
            if _overlap(paths[i], paths[j]):
                raise invalid(
                    label,
                    msg.PATHS_OVERLAP.format(one=path_text(paths[i]), two=path_text(paths[j])),
                )
    for j in range(len(paths)):
        for i in range(j):
            if _conflict(paths[i], paths[j]):
                raise invalid(
                    label,
                    msg.PATHS_CONFLICT.format(one=path_text(paths[i]), two=path_text(paths[j])),
                )
