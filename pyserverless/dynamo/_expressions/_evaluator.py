"""Compiles a bound condition into a Python closure and evaluates it on items.

Semantics (DynamoDB developer guide, "Condition and filter expressions"):
comparisons between different types are false (``<>`` true); a missing attribute
makes every comparison false except ``<>``; ``<``/``>``/BETWEEN order only S, N
and B; ``size`` applies to S (UTF-16 code units), B (bytes), sets, L and M; ``contains``
to S (substring), B (subsequence), sets (member of the set's type) and L (element);
``begins_with`` to S and B. Evaluation never raises: validation ran first.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ._parser import And, Between, Call, Compare, CondNode, Const, In, Not, Operand, Or, Path
from ._values import MISSING, equal, orderable, size_of, type_of

__all__ = ["compile_condition", "compile_operand", "resolve"]

Getter = Callable[[dict[str, Any]], Any]
Predicate = Callable[[dict[str, Any]], bool]


def resolve(item: dict[str, Any], elements: tuple[str | int, ...]) -> Any:
    """The value at a document path, or ``MISSING``."""
    value: Any = item
    for element in elements:
        if type(element) is int:
            if type(value) is not list or element >= len(value):
                return MISSING
            value = value[element]
        else:
            if type(value) is not dict:
                return MISSING
            value = value.get(element, MISSING)
            if value is MISSING:
                return MISSING
    return value


def compile_operand(op: Operand) -> Getter:
    """A function from item to the operand's value (``MISSING`` when absent)."""
    if isinstance(op, Const):
        value = op.value
        return lambda _item: value
    if isinstance(op, Path):
        elements: tuple[str | int, ...] = op.elements  # type: ignore[assignment]
        if len(elements) == 1 and type(elements[0]) is str:
            name = elements[0]
            return lambda item: item.get(name, MISSING)
        return lambda item: resolve(item, elements)
    assert isinstance(op, Call)
    inner = compile_operand(op.args[0])
    return lambda item: _size_or_missing(inner(item))


def _size_or_missing(value: Any) -> Any:
    size = size_of(value)
    return MISSING if size is None else size


def _less(a: Any, b: Any) -> bool:
    x, y = orderable(a), orderable(b)
    return x is not MISSING and type(x) is type(y) and x < y


def _top_name(op: Operand) -> str | None:
    """The attribute name of a one-element path (the common case), else None."""
    if isinstance(op, Path) and len(op.elements) == 1 and type(op.elements[0]) is str:
        return op.elements[0]
    return None


def _compare(op: str, left: Getter, right: Getter) -> Predicate:
    if op == "=":
        return lambda item: equal(left(item), right(item))
    if op == "<>":

        def ne(item: dict[str, Any]) -> bool:
            a, b = left(item), right(item)
            if a is MISSING or b is MISSING:
                return True
            return not equal(a, b)

        return ne
    if op == "<":
        return lambda item: _less(left(item), right(item))
    if op == ">":
        return lambda item: _less(right(item), left(item))
    if op == "<=":
        return lambda item: _less_equal(left(item), right(item))
    assert op == ">="
    return lambda item: _less_equal(right(item), left(item))


def _less_equal(a: Any, b: Any) -> bool:
    x, y = orderable(a), orderable(b)
    return x is not MISSING and type(x) is type(y) and x <= y


def _fast_equal(path: Path, value: Any) -> Predicate | None:
    """``path = :scalar`` without type_of: same class and equal (stored B is bytes)."""
    t = type(value)
    if t is not str and t is not Decimal and t is not bytes:
        return None
    name = _top_name(path)
    if name is not None:
        return lambda item: (x := item.get(name)).__class__ is t and x == value
    left = compile_operand(path)
    return lambda item: (x := left(item)).__class__ is t and x == value


def _between(node: Between) -> Predicate:
    x = compile_operand(node.operand)
    if isinstance(node.low, Const) and isinstance(node.high, Const):
        # Validated bounds: same type (S, N or B) and in order; orderable once.
        lo, hi = orderable(node.low.value), orderable(node.high.value)
        t = type(lo)
        return lambda item: type(a := orderable(x(item))) is t and lo <= a <= hi
    low, high = compile_operand(node.low), compile_operand(node.high)

    def between(item: dict[str, Any]) -> bool:
        a, lo, hi = orderable(x(item)), orderable(low(item)), orderable(high(item))
        if a is MISSING or type(a) is not type(lo) or type(a) is not type(hi):
            return False
        return bool(lo <= a <= hi)

    return between


def _in(node: In) -> Predicate:
    x = compile_operand(node.operand)
    consts = [o.value for o in node.options if isinstance(o, Const)]
    if len(consts) == len(node.options) and all(type(c) in _HASHED for c in consts):
        # All S, N or B values: a set lookup. The type test comes first, so that True
        # (== Decimal(1) in Python) never matches a number.
        types, members = frozenset(type(c) for c in consts), frozenset(consts)
        return lambda item: type(v := x(item)) in types and v in members
    options = [compile_operand(o) for o in node.options]
    return lambda item: (v := x(item)) is not MISSING and any(equal(v, o(item)) for o in options)


_HASHED = frozenset({str, Decimal, bytes})


def _begins_with(x: Getter, prefix: Getter) -> Predicate:
    def begins_with(item: dict[str, Any]) -> bool:
        a, p = x(item), prefix(item)
        if a is MISSING or p is MISSING:
            return False
        ta = type_of(a)
        if ta != type_of(p) or ta not in ("S", "B"):
            return False
        if ta == "S":
            return bool(a.startswith(p))
        return orderable(a).startswith(orderable(p))  # type: ignore[no-any-return]

    return begins_with


def _contains(x: Getter, operand: Getter) -> Predicate:
    def contains(item: dict[str, Any]) -> bool:
        a, v = x(item), operand(item)
        if a is MISSING or v is MISSING:
            return False
        ta, tv = type_of(a), type_of(v)
        if ta == "S":
            return tv == "S" and v in a
        if ta == "B":
            return tv == "B" and orderable(v) in orderable(a)
        if ta in ("SS", "NS", "BS"):
            if tv != ta[0]:
                return False
            if ta == "BS":
                return orderable(v) in {orderable(e) for e in a}
            return v in a
        if ta == "L":
            return any(equal(e, v) for e in a)
        return False

    return contains


def _call(call: Call) -> Predicate:
    name = call.name
    if name in ("attribute_exists", "attribute_not_exists"):
        top = _top_name(call.args[0])
        if top is not None:
            if name == "attribute_exists":
                return lambda item: top in item
            return lambda item: top not in item
        get = compile_operand(call.args[0])
        if name == "attribute_exists":
            return lambda item: get(item) is not MISSING
        return lambda item: get(item) is MISSING
    first, second = compile_operand(call.args[0]), compile_operand(call.args[1])
    if name == "attribute_type":
        return lambda item: (v := first(item)) is not MISSING and type_of(v) == second(item)
    if name == "begins_with":
        prefix = call.args[1]
        if isinstance(prefix, Const):  # validated: S or B
            p = orderable(prefix.value)
            if type(p) is str:
                return lambda item: type(a := first(item)) is str and a.startswith(p)
            return lambda item: type(a := orderable(first(item))) is bytes and a.startswith(p)
        return _begins_with(first, second)
    assert name == "contains"
    return _contains(first, second)


def compile_condition(node: CondNode) -> Predicate:
    """A predicate over items for a bound condition tree."""
    if isinstance(node, And):
        left, right = compile_condition(node.left), compile_condition(node.right)
        return lambda item: left(item) and right(item)
    if isinstance(node, Or):
        left, right = compile_condition(node.left), compile_condition(node.right)
        return lambda item: left(item) or right(item)
    if isinstance(node, Not):
        inner = compile_condition(node.operand)
        return lambda item: not inner(item)
    if isinstance(node, Compare):
        if node.op == "=" and isinstance(node.right, Const) and isinstance(node.left, Path):
            fast = _fast_equal(node.left, node.right.value)
            if fast is not None:
                return fast
        return _compare(node.op, compile_operand(node.left), compile_operand(node.right))
    if isinstance(node, Between):
        return _between(node)
    if isinstance(node, In):
        return _in(node)
    assert isinstance(node, Call)
    return _call(node)
