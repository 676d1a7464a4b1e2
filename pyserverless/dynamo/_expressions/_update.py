"""Applies a bound UpdateExpression to an item, all or nothing.

Every operand is read from the item as it was before the update (DynamoDB evaluates
the whole expression against the old item). The touched top-level attributes are
deep-copied first and changed in the copy, so an error half-way leaves the caller's
item as it was; the new item shares untouched attributes with the old one.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Context, Decimal
from typing import Any

import attrs

from .._errors import ValidationException
from .._numbers import canonical_number
from . import _messages as msg
from ._evaluator import resolve
from ._parser import Add, Arith, Call, Const, Delete, Operand, Path, Remove, Set
from ._projection import project
from ._values import MISSING, copy_value, set_difference, set_union, type_of

__all__ = ["Update", "arith"]

# Wide enough for any sum of two valid numbers to be exact (exponents span -130..125).
_EXACT = Context(prec=400, Emax=10_000, Emin=-10_000)

Elements = tuple[str | int, ...]
_INTEGER_BOUND = 10**38


def _invalid_path() -> ValidationException:
    return ValidationException(msg.UPDATE_INVALID_PATH)


def _data_type() -> ValidationException:
    return ValidationException(msg.UPDATE_OPERAND_DATA_TYPE)


def arith(op: str, a: Any, b: Any) -> Decimal:
    """``a + b`` or ``a - b`` for N values, exact, within DynamoDB's number limits."""
    if type_of(a) != "N" or type_of(b) != "N":
        raise _data_type()
    result = _EXACT.add(a, b) if op == "+" else _EXACT.subtract(a, b)
    # An integer of at most 38 digits is valid, and canonical once written with
    # exponent 0 (the common counter case, without validating digit by digit).
    numerator, denominator = result.as_integer_ratio()
    if denominator == 1 and -_INTEGER_BOUND < numerator < _INTEGER_BOUND:
        return Decimal(numerator)
    return canonical_number(result)[0]


def _evaluate(op: Operand, item: dict[str, Any]) -> Any:
    if isinstance(op, Const):
        return op.value
    if isinstance(op, Path):
        value = resolve(item, op.elements)  # type: ignore[arg-type]
        if value is MISSING:
            raise ValidationException(msg.UPDATE_MISSING_OPERAND)
        return value
    if isinstance(op, Arith):
        return arith(op.op, _evaluate(op.left, item), _evaluate(op.right, item))
    assert isinstance(op, Call)
    if op.name == "if_not_exists":
        assert isinstance(op.args[0], Path)
        value = resolve(item, op.args[0].elements)  # type: ignore[arg-type]
        return _evaluate(op.args[1], item) if value is MISSING else value
    assert op.name == "list_append"
    left, right = _evaluate(op.args[0], item), _evaluate(op.args[1], item)
    if type(left) is not list or type(right) is not list:
        raise _data_type()
    return left + right


def _parent(item: dict[str, Any], elements: Elements) -> Any:
    """The container holding the last element of ``elements``; checked for kind."""
    parent = resolve(item, elements[:-1]) if len(elements) > 1 else item
    last = elements[-1]
    if type(last) is int:
        if type(parent) is not list:
            raise _invalid_path()
    elif type(parent) is not dict:
        raise _invalid_path()
    return parent


def _get(parent: Any, last: str | int) -> Any:
    if type(last) is int:
        return parent[last] if last < len(parent) else MISSING
    return parent.get(last, MISSING)


def _put(parent: Any, last: str | int, value: Any) -> None:
    if type(last) is int:
        if last < len(parent):
            parent[last] = value
        else:
            parent.append(value)
    else:
        parent[last] = value


def _path_order(elements: Elements) -> tuple[tuple[int, str | int], ...]:
    return tuple((1, e) if type(e) is int else (0, e) for e in elements)


@attrs.frozen(eq=False)
class Update:
    """A validated UpdateExpression, ready to apply to items.

    >>> from pyserverless.dynamo._expressions import compile_request
    >>> from decimal import Decimal
    >>> up = compile_request(names=None, values={":one": Decimal(1)},
    ...                      update="SET n = n + :one REMOVE stale").update
    >>> new, touched = up.apply({"pk": "a", "n": Decimal(41), "stale": "x"})
    >>> new, sorted(touched)
    ({'pk': 'a', 'n': Decimal('42')}, ['n', 'stale'])
    """

    expression: str
    actions: tuple[Set | Remove | Add | Delete, ...]
    #: The document paths the update writes or removes, in source order.
    updated_paths: tuple[Elements, ...] = attrs.field(init=False)
    #: The top-level attribute names the update touches.
    attribute_names: frozenset[str] = attrs.field(init=False)
    #: ``(name, operand)`` of each action when every one is a SET of a top-level
    #: attribute (the common case, applied without copying or sorting); else None.
    _top_sets: tuple[tuple[str, Operand], ...] | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        paths = tuple(a.path.elements for a in self.actions)
        object.__setattr__(self, "updated_paths", paths)
        object.__setattr__(self, "attribute_names", frozenset(str(p[0]) for p in paths))
        top = None
        if all(isinstance(a, Set) and len(a.path.elements) == 1 for a in self.actions):
            top = tuple((str(a.path.elements[0]), a.value) for a in self.actions)  # type: ignore[union-attr]
        object.__setattr__(self, "_top_sets", top)

    @property
    def creates_item(self) -> bool:
        """True if the update makes a missing item: it SETs or ADDs something.

        An update of only REMOVE and DELETE actions leaves a missing item missing.
        """
        return any(isinstance(a, (Set, Add)) for a in self.actions)

    def select(self, item: dict[str, Any]) -> dict[str, Any]:
        """The parts of ``item`` at the updated paths (for UPDATED_OLD / UPDATED_NEW)."""
        return project(item, self.updated_paths)

    def apply(self, item: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
        """Return the updated copy of ``item`` and the top-level names touched.

        Raises ValidationException with DynamoDB's message for data-dependent errors;
        ``item`` itself is never changed.
        """
        top_sets = self._top_sets
        if top_sets is not None:
            # Only whole top-level attributes are set (distinct: overlaps are refused at
            # compile time): every value is read from the old item, then written.
            computed = [(name, _evaluate(op, item)) for name, op in top_sets]
            new = dict(item)
            for name, value in computed:
                new[name] = copy_value(value)
            return new, self.attribute_names
        # Read every SET operand against the old item first.
        set_values: list[Any] = [
            _evaluate(a.value, item) for a in self.actions if isinstance(a, Set)
        ]
        touched = self.attribute_names
        new = dict(item)
        for name in touched:
            if name in new:
                new[name] = copy_value(new[name])
        later: list[Callable[[], None]] = []
        removals: list[tuple[Any, str | int]] = []
        values = iter(set_values)
        writes: list[tuple[Set | Remove | Add | Delete, Any]] = [
            (a, next(values) if isinstance(a, Set) else None) for a in self.actions
        ]
        # Writes into one list go in index order, so that several appends past the end
        # keep their relative order (DynamoDB: SET c[4] = :x, c[2] = :y on a 2-element
        # list appends :y, then :x).
        writes.sort(key=lambda w: _path_order(w[0].path.elements))  # type: ignore[arg-type]
        for action, set_value in writes:
            elements: Elements = action.path.elements  # type: ignore[assignment]
            last = elements[-1]
            if isinstance(action, Set):
                _put(_parent(new, elements), last, copy_value(set_value))
            elif isinstance(action, Remove):
                if len(elements) == 1:
                    removals.append((new, last))
                else:
                    removals.append((_parent(new, elements), last))
            else:
                assert isinstance(action.value, Const)
                make = self._adder if isinstance(action, Add) else self._deleter
                later.append(make(new, elements, action.value.value))
        for step in later:
            step()
        # List elements go last-first so that earlier indexes still mean the old element.
        for parent, key in sorted(removals, key=lambda r: -r[1] if type(r[1]) is int else 0):
            if type(key) is int:
                if key < len(parent):
                    del parent[key]
            else:
                parent.pop(key, None)
        return new, touched

    @staticmethod
    def _adder(new: dict[str, Any], elements: Elements, value: Any) -> Callable[[], None]:
        parent = _parent(new, elements)
        last = elements[-1]
        current = _get(parent, last)
        if current is MISSING:
            result = copy_value(value)
        else:
            tc, tv = type_of(current), type_of(value)
            if tc == "N" and tv == "N":
                result = arith("+", current, value)
            elif tc == tv and tc in ("SS", "NS", "BS"):
                result = set_union(current, value)
            else:
                raise _data_type()
        return lambda: _put(parent, last, result)

    @staticmethod
    def _deleter(new: dict[str, Any], elements: Elements, value: Any) -> Callable[[], None]:
        parent = _parent(new, elements)
        last = elements[-1]
        current = _get(parent, last)
        if current is MISSING:
            return lambda: None
        if type_of(current) != type_of(value):
            raise _data_type()
        result = set_difference(current, value)
        if result:
            return lambda: _put(parent, last, result)
        if type(last) is int:
            return lambda: parent.__delitem__(last)
        return lambda: parent.pop(last, None)
