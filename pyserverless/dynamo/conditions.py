"""Condition builders: ``Key`` and ``Attr``, as in ``boto3.dynamodb.conditions``.

Build conditions with Python operators instead of expression strings, then turn
them into an expression with :func:`build`, which also accepts boto3's own condition
objects (boto3 is optional and imported only when one is passed).

>>> from pyserverless.dynamo.conditions import Attr, Key, build
>>> cond = Key("pk").eq("u1") & Attr("tags").contains("x") & ~Attr("gone").exists()
>>> expression, names, values = build(cond)
>>> expression
'((#n0 = :v0 AND contains(#n1, :v1)) AND (NOT attribute_exists(#n2)))'
>>> names, values
({'#n0': 'pk', '#n1': 'tags', '#n2': 'gone'}, {':v0': 'u1', ':v1': 'x'})
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["Attr", "ConditionBase", "Key", "Size", "build"]


@attrs.frozen
class ConditionBase:
    """A condition: an operator and its operands (attributes, values or conditions).

    Combine conditions with ``&`` (AND), ``|`` (OR) and ``~`` (NOT).
    """

    operator: str
    operands: tuple[Any, ...]

    def __and__(self, other: ConditionBase) -> ConditionBase:
        return ConditionBase("AND", (self, _need_condition(other)))

    def __or__(self, other: ConditionBase) -> ConditionBase:
        return ConditionBase("OR", (self, _need_condition(other)))

    def __invert__(self) -> ConditionBase:
        return ConditionBase("NOT", (self,))


def _need_condition(value: Any) -> ConditionBase:
    if not isinstance(value, ConditionBase):
        raise TypeError(f"expected a condition, got {value!r}; build one with Key()/Attr()")
    return value


@attrs.frozen
class _Attribute:
    name: str

    def _cond(self, op: str, *values: Any) -> ConditionBase:
        return ConditionBase(op, (self, *values))

    def eq(self, value: Any) -> ConditionBase:
        """``attr = value``."""
        return self._cond("=", value)

    def lt(self, value: Any) -> ConditionBase:
        """``attr < value``."""
        return self._cond("<", value)

    def lte(self, value: Any) -> ConditionBase:
        """``attr <= value``."""
        return self._cond("<=", value)

    def gt(self, value: Any) -> ConditionBase:
        """``attr > value``."""
        return self._cond(">", value)

    def gte(self, value: Any) -> ConditionBase:
        """``attr >= value``."""
        return self._cond(">=", value)

    def between(self, low: Any, high: Any) -> ConditionBase:
        """``attr BETWEEN low AND high``."""
        return self._cond("BETWEEN", low, high)

    def begins_with(self, value: Any) -> ConditionBase:
        """``begins_with(attr, value)``."""
        return self._cond("begins_with", value)


@attrs.frozen
class Key(_Attribute):
    """A key attribute, for KeyConditionExpression (and conditions).

    >>> build(Key("pk").eq(1) & Key("sk").between("a", "m"), key=True)[0]
    '(#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2)'
    """


@attrs.frozen
class Attr(_Attribute):
    """Any attribute or document path (``"a.b[2].c"``), for conditions and filters.

    >>> build(Attr("a.b[2]").is_in([1, 2]))
    ('#n0.#n1[2] IN (:v0, :v1)', {'#n0': 'a', '#n1': 'b'}, {':v0': 1, ':v1': 2})
    """

    def ne(self, value: Any) -> ConditionBase:
        """``attr <> value``."""
        return self._cond("<>", value)

    def is_in(self, values: Iterable[Any]) -> ConditionBase:
        """``attr IN (v1, v2, ...)``."""
        return self._cond("IN", *values)

    def exists(self) -> ConditionBase:
        """``attribute_exists(attr)``."""
        return self._cond("attribute_exists")

    def not_exists(self) -> ConditionBase:
        """``attribute_not_exists(attr)``."""
        return self._cond("attribute_not_exists")

    def attribute_type(self, value: str) -> ConditionBase:
        """``attribute_type(attr, type)`` with a type name such as ``"S"``."""
        return self._cond("attribute_type", value)

    def contains(self, value: Any) -> ConditionBase:
        """``contains(attr, value)``."""
        return self._cond("contains", value)

    def size(self) -> Size:
        """``size(attr)``, to compare: ``Attr("tags").size().gt(2)``."""
        return Size(self.name)


@attrs.frozen
class Size(Attr):
    """``size(attr)`` as an operand of a comparison."""


_PATH_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


class _Builder:
    def __init__(self, key: bool) -> None:
        self.key = key
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def name(self, attr: _Attribute) -> str:
        if self.key and not isinstance(attr, Key):
            raise ValueError(
                f"Attribute object {attr.name} is of type {type(attr).__name__}. "
                "KeyConditionExpression only supports Attribute objects of type Key"
            )
        parts = []
        for piece in attr.name.split("."):
            m = _PATH_PART.fullmatch(piece)
            head, indexes = (m.group(1), m.group(2)) if m else (piece, "")
            placeholder = f"#n{len(self.names)}"
            self.names[placeholder] = head
            parts.append(placeholder + indexes)
        text = ".".join(parts)
        return f"size({text})" if isinstance(attr, Size) else text

    def value(self, value: Any) -> str:
        placeholder = f":v{len(self.values)}"
        self.values[placeholder] = value
        return placeholder

    def operand(self, operand: Any) -> str:
        if isinstance(operand, _Attribute):
            return self.name(operand)
        if isinstance(operand, ConditionBase):
            return self.condition(operand)
        return self.value(operand)

    def condition(self, cond: ConditionBase) -> str:
        op, operands = cond.operator, cond.operands
        if op in ("AND", "OR"):
            return f"({self.condition(operands[0])} {op} {self.condition(operands[1])})"
        if op == "NOT":
            return f"(NOT {self.condition(operands[0])})"
        rendered = [self.operand(o) for o in operands]
        if op == "BETWEEN":
            return f"{rendered[0]} BETWEEN {rendered[1]} AND {rendered[2]}"
        if op == "IN":
            return f"{rendered[0]} IN ({', '.join(rendered[1:])})"
        if op[0].isalpha():
            return f"{op}({', '.join(rendered)})"
        return f"{rendered[0]} {op} {rendered[1]}"


_BOTO3_OPERATORS = {
    "=": "=",
    "<>": "<>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "BETWEEN": "BETWEEN",
    "IN": "IN",
    "begins_with": "begins_with",
    "contains": "contains",
    "attribute_exists": "attribute_exists",
    "attribute_not_exists": "attribute_not_exists",
    "attribute_type": "attribute_type",
    "AND": "AND",
    "OR": "OR",
    "NOT": "NOT",
}


def _from_boto3(obj: Any) -> Any:
    """Translate a boto3 condition or attribute object into ours."""
    from boto3.dynamodb import conditions as b3

    if isinstance(obj, b3.Size):
        return Size(obj.name)
    if isinstance(obj, b3.Key):
        return Key(obj.name)
    if isinstance(obj, b3.AttributeBase):
        return Attr(obj.name)
    if isinstance(obj, b3.ConditionBase):
        expr = obj.get_expression()
        operator = _BOTO3_OPERATORS[expr["operator"]]
        operands = tuple(_from_boto3(v) for v in expr["values"])
        if operator == "IN" and len(operands) == 2 and isinstance(operands[1], (list, tuple)):
            operands = (operands[0], *operands[1])
        return ConditionBase(operator, operands)
    return obj


def _is_boto3(obj: Any) -> bool:
    return type(obj).__module__.startswith("boto3.")


def build(condition: Any, *, key: bool = False) -> tuple[str, dict[str, str], dict[str, Any]]:
    """Render a condition as ``(expression, names, values)``.

    Accepts pyserverless's :class:`ConditionBase` and boto3's condition objects; both
    give the same result, in boto3's own placeholder style (``#n0``, ``:v0``). With
    ``key=True`` every attribute must be a :class:`Key` (as for a
    KeyConditionExpression). Values are returned as given.

    >>> expression, names, values = build(Attr("n").size().gte(2) | Attr("t").attribute_type("S"))
    >>> expression
    '(size(#n0) >= :v0 OR attribute_type(#n1, :v1))'
    >>> names, values
    ({'#n0': 'n', '#n1': 't'}, {':v0': 2, ':v1': 'S'})
    """
    if _is_boto3(condition):
        condition = _from_boto3(condition)
    if not isinstance(condition, ConditionBase):
        raise TypeError(
            f"Expecting a ConditionBase object. Got {condition!r} of type "
            f"{type(condition)}. Use Key()/Attr() methods to build conditions."
        )
    builder = _Builder(key)
    expression = builder.condition(condition)
    return expression, builder.names, builder.values
