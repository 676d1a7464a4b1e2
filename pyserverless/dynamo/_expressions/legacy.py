"""DynamoDB's legacy conditional parameters, translated into expression objects.

``Expected`` + ``ConditionalOperator``, ``QueryFilter``/``ScanFilter``,
``KeyConditions``, ``AttributeUpdates`` and ``AttributesToGet`` become the same
:class:`Condition`, :class:`KeyCondition`, update and :class:`Projection` objects the
expression parameters compile to (DDB:LegacyConditionalParameters.html). Values are
native (already converted from DynamoDB JSON). Messages are the service's own.

>>> from decimal import Decimal
>>> c = expected_condition({"n": {"ComparisonOperator": "GT", "AttributeValueList": [Decimal(1)]},
...                         "gone": {"Exists": False}}, None)
>>> c.evaluate({"n": Decimal(2)}), c.evaluate({"n": Decimal(2), "gone": 1})
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .._errors import ValidationException
from . import _messages as msg
from ._compile import Condition, KeyCondition
from ._evaluator import compile_condition
from ._parser import And, Between, Call, Compare, CondNode, Const, In, Not, Or, Path
from ._projection import Projection, project
from ._update import arith
from ._values import MISSING, copy_value, orderable, set_difference, set_union, type_of

__all__ = [
    "LegacyUpdate",
    "attribute_updates",
    "attributes_to_get",
    "expected_condition",
    "filter_condition",
    "key_conditions",
]

_ARGS = {
    "EQ": (1, 1),
    "NE": (1, 1),
    "LE": (1, 1),
    "LT": (1, 1),
    "GE": (1, 1),
    "GT": (1, 1),
    "NOT_NULL": (0, 0),
    "NULL": (0, 0),
    "CONTAINS": (1, 1),
    "NOT_CONTAINS": (1, 1),
    "BEGINS_WITH": (1, 1),
    "IN": (1, 10**9),
    "BETWEEN": (2, 2),
}
_SCALAR = ("S", "N", "B")
_TYPES = {
    "LE": _SCALAR,
    "LT": _SCALAR,
    "GE": _SCALAR,
    "GT": _SCALAR,
    "IN": _SCALAR,
    "BETWEEN": _SCALAR,
    "BEGINS_WITH": ("S", "B"),
    "CONTAINS": ("S", "N", "B", "BOOL", "NULL"),
    "NOT_CONTAINS": ("S", "N", "B", "BOOL", "NULL"),
}
_COMPARE = {"EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}
_KEY_OPS = {"EQ": "=", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}
_KEY_MISSED_LEGACY = "Query condition missed key schema element {name}"


# The model's enum, in its order (botocore's ComparisonOperator shape).
_OPERATORS = (
    "EQ", "NE", "IN", "LE", "LT", "GE", "GT", "BETWEEN",
    "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH",
)  # fmt: skip


def _check_operator(op: str, values: Sequence[Any], where: str = "comparisonOperator") -> None:
    if op not in _OPERATORS:
        # AWS's constraint layer: the envelope, the member's path, the enum.
        raise ValidationException(
            f"1 validation error detected: Value '{op}' at '{where}' failed to satisfy "
            f"constraint: Member must satisfy enum value set: [{', '.join(_OPERATORS)}]"
        )
    low, high = _ARGS.get(op, (1, 1))
    if not low <= len(values) <= high:
        raise ValidationException(msg.LEGACY_ARG_COUNT.format(op=op))
    allowed = _TYPES.get(op)
    if allowed is not None:
        for v in values:
            t = type_of(v)
            if t not in allowed:
                raise ValidationException(msg.LEGACY_BAD_TYPE.format(op=op, type=t))
    if op in ("IN", "BETWEEN") and len({type_of(v) for v in values}) > 1:
        raise ValidationException(msg.LEGACY_MIXED_TYPES)
    if op == "BETWEEN" and orderable(values[0]) > orderable(values[1]):
        raise ValidationException(msg.LEGACY_BETWEEN_ORDER)


def _node(name: str, op: str, values: Sequence[Any], where: str = "") -> CondNode:
    _check_operator(op, values, f"{where}.{name}.member.comparisonOperator")
    path = Path((name,))
    consts = [Const(f":{n}", v) for n, v in enumerate(values)]
    if op in _COMPARE:
        return Compare(_COMPARE[op], path, consts[0])
    if op == "NULL":
        return Call("attribute_not_exists", (path,))
    if op == "NOT_NULL":
        return Call("attribute_exists", (path,))
    if op == "CONTAINS":
        return Call("contains", (path, consts[0]))
    if op == "NOT_CONTAINS":
        # The absence of a subsequence: true on a missing attribute too, as NOT contains()
        # is (dynalite's implementation, whose tests show NOT_CONTAINS and "NOT contains()"
        # selecting the same items; not confirmed on a missing attribute against DynamoDB).
        return Not(Call("contains", (path, consts[0])))
    if op == "BEGINS_WITH":
        return Call("begins_with", (path, consts[0]))
    if op == "IN":
        return In(path, tuple(consts))
    return Between(path, consts[0], consts[1])


def _join(nodes: list[CondNode], conditional_operator: str | None) -> CondNode:
    tree = nodes[0]
    for node in nodes[1:]:
        tree = Or(tree, node) if conditional_operator == "OR" else And(tree, node)
    return tree


def _condition(nodes: list[CondNode], conditional_operator: str | None, label: str) -> Condition:
    if not nodes:
        return Condition(label, Compare("=", Const(":t", True), Const(":t", True)), lambda _i: True)
    tree = _join(nodes, conditional_operator)
    return Condition(label, tree, compile_condition(tree))


def expected_condition(
    expected: Mapping[str, Mapping[str, Any]], conditional_operator: str | None
) -> Condition:
    """``Expected`` (+ ``ConditionalOperator``) as a :class:`Condition`."""
    nodes: list[CondNode] = []
    for name, spec in expected.items():
        op = spec.get("ComparisonOperator")
        has_value = "Value" in spec
        exists = spec.get("Exists")
        if op is not None:
            values = spec.get("AttributeValueList")
            if values is None:
                values = [spec["Value"]] if has_value else []
            nodes.append(_node(name, op, values, "expected"))
        elif exists is False:
            if has_value:
                raise ValidationException(msg.LEGACY_EXISTS_FALSE.format(name=name))
            nodes.append(Call("attribute_not_exists", (Path((name,)),)))
        elif not has_value:
            text = msg.LEGACY_EXISTS_TRUE if exists is True else msg.LEGACY_EXISTS_NULL
            raise ValidationException(text.format(name=name))
        else:
            nodes.append(Compare("=", Path((name,)), Const(":v", spec["Value"])))
    return _condition(nodes, conditional_operator, "Expected")


def filter_condition(
    filter_map: Mapping[str, Mapping[str, Any]],
    conditional_operator: str | None,
    where: str = "queryFilter",
) -> Condition:
    """``QueryFilter`` / ``ScanFilter`` (+ ``ConditionalOperator``) as a :class:`Condition`.

    >>> c = filter_condition({"tag": {"ComparisonOperator": "BEGINS_WITH",
    ...                               "AttributeValueList": ["a"]}}, None)
    >>> c.evaluate({"tag": "abc"}), c.evaluate({"tag": "xyz"})
    (True, False)
    """
    nodes = [
        _node(name, spec["ComparisonOperator"], spec.get("AttributeValueList") or [], where)
        for name, spec in filter_map.items()
    ]
    return _condition(nodes, conditional_operator, "Filter")


def key_conditions(
    conditions: Mapping[str, Mapping[str, Any]], query_key: tuple[str, str | None]
) -> KeyCondition:
    """``KeyConditions`` as a :class:`KeyCondition` for the key ``(hash, range)``.

    >>> k = key_conditions({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": ["a"]}},
    ...                    ("pk", "sk"))
    >>> k.hash_name, k.hash_value, k.range_op
    ('pk', 'a', None)
    """
    if not 1 <= len(conditions) <= 2:
        raise ValidationException(msg.KEY_TOO_MANY)
    for name, spec in conditions.items():
        where = f"keyConditions.{name}.member.comparisonOperator"
        _check_operator(spec["ComparisonOperator"], spec.get("AttributeValueList") or [], where)
    for spec in conditions.values():
        op = spec["ComparisonOperator"]
        if op not in _KEY_OPS and op not in ("BETWEEN", "BEGINS_WITH"):
            raise ValidationException(msg.LEGACY_NOT_INDEXABLE)
    hash_name, range_name = query_key
    if hash_name not in conditions:
        raise ValidationException(_KEY_MISSED_LEGACY.format(name=hash_name))
    hash_spec = conditions[hash_name]
    if hash_spec["ComparisonOperator"] != "EQ":
        raise ValidationException(msg.KEY_NOT_SUPPORTED)
    hash_value = hash_spec["AttributeValueList"][0]
    rest = [n for n in conditions if n != hash_name]
    if not rest:
        return KeyCondition("KeyConditions", hash_name, hash_value)
    if range_name is None:
        raise ValidationException(msg.KEY_NOT_SUPPORTED)
    if rest[0] != range_name:
        raise ValidationException(_KEY_MISSED_LEGACY.format(name=range_name))
    spec = conditions[range_name]
    op = spec["ComparisonOperator"]
    return KeyCondition(
        "KeyConditions",
        hash_name,
        hash_value,
        range_name,
        _KEY_OPS.get(op, op),
        tuple(spec["AttributeValueList"]),
    )


def attributes_to_get(names: Sequence[str]) -> Projection:
    """``AttributesToGet`` as a :class:`Projection` of top-level attributes.

    >>> attributes_to_get(["a", "b"]).apply({"a": 1, "b": 2, "c": 3})
    {'a': 1, 'b': 2}
    """
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValidationException(msg.LEGACY_DUPLICATE_ATTRIBUTE.format(name=name))
        seen.add(name)
    return Projection("AttributesToGet", tuple((n,) for n in names))


@attrs.frozen(eq=False)
class LegacyUpdate:
    """``AttributeUpdates``: PUT, ADD (numbers, sets, lists) and DELETE per attribute.

    Same interface as the expression ``Update``: ``apply``, ``updated_paths``,
    ``attribute_names`` and ``select``.
    """

    actions: tuple[tuple[str, str, Any], ...]  # (name, action, value or MISSING)

    @property
    def updated_paths(self) -> tuple[tuple[str | int, ...], ...]:
        return tuple((name,) for name, _a, _v in self.actions)

    @property
    def attribute_names(self) -> frozenset[str]:
        return frozenset(name for name, _a, _v in self.actions)

    @property
    def creates_item(self) -> bool:
        """True if a missing item is made: some attribute is PUT or ADDed."""
        return any(action != "DELETE" for _n, action, _v in self.actions)

    def select(self, item: dict[str, Any]) -> dict[str, Any]:
        return project(item, self.updated_paths)

    def apply(self, item: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
        """The updated copy of ``item`` and the names touched; ``item`` is unchanged."""
        new = dict(item)
        for name, action, value in self.actions:
            current = new.get(name, MISSING)
            if action == "PUT":
                new[name] = copy_value(value)
            elif action == "DELETE":
                if value is MISSING:
                    new.pop(name, None)
                elif current is not MISSING:
                    if type_of(current) != type_of(value):
                        raise ValidationException(msg.LEGACY_UPDATE_TYPE_MISMATCH)
                    left = set_difference(current, value)
                    if left:
                        new[name] = left
                    else:
                        del new[name]
            elif current is MISSING:
                new[name] = copy_value(value)
            else:
                tc, tv = type_of(current), type_of(value)
                if tc != tv:
                    raise ValidationException(msg.LEGACY_UPDATE_TYPE_MISMATCH)
                if tc == "N":
                    new[name] = arith("+", current, value)
                elif tc == "L":
                    new[name] = copy_value(current) + copy_value(value)
                else:
                    new[name] = set_union(current, value)
        return new, self.attribute_names


def attribute_updates(
    updates: Mapping[str, Mapping[str, Any]], table_key: tuple[str, str | None] = ("", None)
) -> LegacyUpdate:
    """``AttributeUpdates`` as an update object (validated before any item is read).

    >>> from decimal import Decimal
    >>> up = attribute_updates({"n": {"Action": "ADD", "Value": Decimal(2)},
    ...                         "s": {"Value": "x"}})
    >>> up.apply({"n": Decimal(1)})[0]
    {'n': Decimal('3'), 's': 'x'}
    """
    actions: list[tuple[str, str, Any]] = []
    for name, spec in updates.items():
        action = spec.get("Action") or "PUT"
        value = spec.get("Value", MISSING)
        if value is MISSING and action != "DELETE":
            raise ValidationException(msg.LEGACY_DELETE_NO_VALUE_ONLY)
        if value is not MISSING:
            t = type_of(value)
            if action == "DELETE" and t not in ("SS", "NS", "BS"):
                raise ValidationException(msg.LEGACY_DELETE_TYPE.format(type=t))
            if action == "ADD" and t not in ("N", "SS", "NS", "BS", "L"):
                raise ValidationException(msg.LEGACY_ADD_TYPE.format(type=t))
        actions.append((name, action, value))
    keys = {k for k in table_key if k}
    for name, _action, _value in actions:
        if name in keys:
            raise ValidationException(msg.UPDATE_KEY_ATTRIBUTE.format(name=name))
    return LegacyUpdate(tuple(actions))
