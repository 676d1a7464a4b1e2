"""compile_request: every expression of one request, parsed, bound and checked together.

The order of checks follows DynamoDB's answers: placeholder maps first (only with
expressions, not empty, well-formed keys), then each expression in the order
UpdateExpression, ConditionExpression, KeyConditionExpression, FilterExpression,
ProjectionExpression (empty, too large, syntax, then semantic checks), then unused
placeholders across all of them, then the key-schema rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._errors import ValidationException
from .._limits import DynamoDBLimits
from . import _messages as msg
from ._evaluator import compile_condition
from ._parser import (
    And,
    Between,
    Call,
    Compare,
    CondNode,
    Const,
    In,
    Not,
    Or,
    ParseError,
    Path,
    ProjectionAst,
    parse,
)
from ._projection import Projection
from ._update import Update
from ._validator import Binder, check_overlaps, invalid
from ._values import MISSING, orderable

__all__ = ["Compiled", "Condition", "KeyCondition", "compile_request"]

_DEFAULT_LIMITS = DynamoDBLimits()
_NAME_KEY = re.compile(r"#[A-Za-z0-9_]+")
_VALUE_KEY = re.compile(r":[A-Za-z0-9_]+")
_FLIP = {"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


@attrs.frozen(eq=False)
class Condition:
    """A validated ConditionExpression or FilterExpression.

    >>> from pyserverless.dynamo._expressions import compile_request
    >>> c = compile_request(names=None, values={":v": "x"}, condition="a = :v").condition
    >>> c.evaluate({"a": "x"}), c.evaluate({"a": "y"}), c.evaluate(None)
    (True, False, False)
    """

    expression: str
    tree: CondNode = attrs.field(repr=False)
    _predicate: Callable[[dict[str, Any]], bool] = attrs.field(repr=False)

    def evaluate(self, item: dict[str, Any] | None) -> bool:
        """Whether ``item`` satisfies the condition (``None``: no such item)."""
        return bool(self._predicate({} if item is None else item))

    @property
    def attribute_names(self) -> frozenset[str]:
        """The top-level attribute names the condition reads."""
        return frozenset(_top_names(self.tree))


def _top_names(node: Any) -> list[str]:
    if isinstance(node, Path):
        return [str(node.elements[0])]
    if isinstance(node, (And, Or)):
        return _top_names(node.left) + _top_names(node.right)
    if isinstance(node, Not):
        return _top_names(node.operand)
    if isinstance(node, Compare):
        return _top_names(node.left) + _top_names(node.right)
    if isinstance(node, Between):
        return _top_names(node.operand) + _top_names(node.low) + _top_names(node.high)
    if isinstance(node, In):
        return [n for o in (node.operand, *node.options) for n in _top_names(o)]
    if isinstance(node, Call):
        return [n for a in node.args for n in _top_names(a)]
    return []


@attrs.frozen(eq=False)
class KeyCondition:
    """A validated KeyConditionExpression: the partition key value and a sort-key test.

    >>> from pyserverless.dynamo._expressions import compile_request
    >>> k = compile_request(names=None, values={":p": "u1", ":s": "2024"},
    ...                     key_condition="pk = :p AND begins_with(sk, :s)",
    ...                     query_key=("pk", "sk")).key_condition
    >>> k.hash_name, k.hash_value, k.range_name, k.range_op, k.range_values
    ('pk', 'u1', 'sk', 'BEGINS_WITH', ('2024',))
    >>> k.matches("2024-01-01"), k.matches("2023-12-31")
    (True, False)
    """

    expression: str
    hash_name: str
    hash_value: Any
    range_name: str | None = None
    range_op: str | None = None
    range_values: tuple[Any, ...] = ()

    def matches(self, range_value: Any) -> bool:
        """Whether a sort-key value satisfies the sort-key condition (True if none)."""
        op = self.range_op
        if op is None:
            return True
        v = orderable(range_value)
        bounds = [orderable(b) for b in self.range_values]
        if v is MISSING or any(type(b) is not type(v) for b in bounds):
            return False
        if op == "=":
            return bool(v == bounds[0])
        if op == "<":
            return bool(v < bounds[0])
        if op == "<=":
            return bool(v <= bounds[0])
        if op == ">":
            return bool(v > bounds[0])
        if op == ">=":
            return bool(v >= bounds[0])
        if op == "BETWEEN":
            return bool(bounds[0] <= v <= bounds[1])
        return type(v) in (str, bytes) and bool(v.startswith(bounds[0]))


@attrs.frozen(eq=False)
class Compiled:
    """Every expression of one request, validated together."""

    condition: Condition | None = None
    filter: Condition | None = None
    key_condition: KeyCondition | None = None
    update: Update | None = None
    projection: Projection | None = None


def _check_maps(
    names: Mapping[str, str] | None,
    values: Mapping[str, Any] | None,
    any_expression: bool,
    operation: str | None,
) -> None:
    if names is not None and not any_expression:
        raise ValidationException(msg.NAMES_WITHOUT_EXPRESSIONS)
    if values is not None and not any_expression:
        text = (
            msg.VALUES_WITHOUT_UPDATE_EXPRESSIONS
            if operation == "UpdateItem"
            else msg.VALUES_WITHOUT_EXPRESSIONS
        )
        raise ValidationException(text)
    if names is not None:
        if not names:
            raise ValidationException(msg.NAMES_EMPTY)
        for key, name in names.items():
            if not _NAME_KEY.fullmatch(key):
                raise ValidationException(msg.NAMES_INVALID_KEY.format(key=key))
            if name == "":
                raise ValidationException(msg.NAMES_EMPTY_VALUE.format(key=key))
    if values is not None:
        if not values:
            raise ValidationException(msg.VALUES_EMPTY)
        for key in values:
            if not _VALUE_KEY.fullmatch(key):
                raise ValidationException(msg.VALUES_INVALID_KEY.format(key=key))


def _parsed(kind: str, label: str, text: str, limits: DynamoDBLimits) -> Any:
    if text == "":
        raise invalid(label, msg.EMPTY)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_expression_bytes:
        raise invalid(label, msg.TOO_LARGE.format(size=size))
    result = parse(kind, text)
    if isinstance(result, ParseError):
        raise invalid(label, result.message)
    return result


def _bind_condition(label: str, text: str, binder_args: tuple[Any, ...]) -> Condition:
    names, values, used_names, used_values, limits = binder_args
    key = _bound_key(label, text, names, values, limits)
    if key is not None:
        condition, names_used, values_used = _bound_condition_cached(key)
    else:
        condition, names_used, values_used = _bound_condition(label, text, names, values, limits)
    used_names.update(names_used)
    used_values.update(values_used)
    return condition


_SCALARS = frozenset({str, bytes, bool, type(None), Decimal, int})


def _bound_key(
    label: str,
    text: str,
    names: Mapping[str, str],
    values: Mapping[str, Any],
    limits: DynamoDBLimits,
) -> tuple[Any, ...] | None:
    """A cache key for a bound condition, when every value is a hashable scalar.

    The value's type is part of the key: True, 1 and Decimal(1) hash alike.
    """
    vals = []
    for k, v in values.items():
        if type(v) not in _SCALARS:
            return None
        vals.append((k, type(v), v))
    return (label, text, tuple(names.items()), tuple(vals), limits)


def _bound_condition(
    label: str,
    text: str,
    names: Mapping[str, str],
    values: Mapping[str, Any],
    limits: DynamoDBLimits,
) -> tuple[Condition, frozenset[str], frozenset[str]]:
    used_names: set[str] = set()
    used_values: set[str] = set()
    parsed = _parsed("condition", label, text, limits)
    binder = Binder(label, names, values, used_names, used_values, limits)
    if parsed.redundant_parens:
        binder.note("parens", msg.REDUNDANT_PARENS)
    tree = binder.condition(parsed.tree)
    binder.finish_condition()
    condition = Condition(text, tree, compile_condition(tree))
    return condition, frozenset(used_names), frozenset(used_values)


@functools.lru_cache(maxsize=1024)
def _bound_condition_cached(
    key: tuple[Any, ...],
) -> tuple[Condition, frozenset[str], frozenset[str]]:
    """Bound conditions for repeated requests (same text, names and scalar values).

    Conditions are immutable, so sharing one between requests is safe; errors are
    not cached (they propagate out of the call).
    """
    label, text, names, vals, limits = key
    values = {k: v for k, _t, v in vals}
    return _bound_condition(label, text, dict(names), values, limits)


def _key_operator_check(node: CondNode) -> None:
    bad: str | None = None
    if isinstance(node, Or):
        bad = "OR"
    elif isinstance(node, Not):
        bad = "NOT"
    elif isinstance(node, In):
        bad = "IN"
    elif isinstance(node, Compare) and node.op == "<>":
        bad = "<>"
    elif isinstance(node, Call) and node.name != "begins_with":
        bad = node.name
    if bad is not None:
        raise ValidationException(msg.KEY_BAD_OPERATOR.format(op=bad))
    if isinstance(node, (And, Or)):
        _key_operator_check(node.left)
        _key_operator_check(node.right)


def _flatten(node: CondNode, out: list[CondNode]) -> list[CondNode]:
    if isinstance(node, And):
        _flatten(node.left, out)
        _flatten(node.right, out)
    else:
        out.append(node)
    return out


def _key_attr(path: Path) -> str:
    if len(path.elements) > 1:
        raise ValidationException(msg.KEY_NESTED_ATTRIBUTE)
    return str(path.elements[0])


def _key_value(op: Any) -> Any:
    if isinstance(op, Path):
        raise ValidationException(msg.KEY_MULTIPLE_NAMES)
    if isinstance(op, Call):
        raise ValidationException(msg.KEY_NESTED_OPERATION)
    assert isinstance(op, Const)
    return op.value


def _key_term(node: CondNode) -> tuple[str, str, tuple[Any, ...]]:
    if isinstance(node, Compare):
        left, right, op = node.left, node.right, node.op
        if isinstance(left, Call):
            raise ValidationException(msg.KEY_NESTED_OPERATION)
        if isinstance(left, Const):
            if isinstance(right, Call):
                raise ValidationException(msg.KEY_NESTED_OPERATION)
            if not isinstance(right, Path):
                raise ValidationException(msg.KEY_NO_ATTRIBUTE)
            return _key_attr(right), _FLIP[op], (left.value,)
        assert isinstance(left, Path)
        name = _key_attr(left)
        return name, op, (_key_value(right),)
    if isinstance(node, Between):
        if isinstance(node.operand, Call):
            raise ValidationException(msg.KEY_NESTED_OPERATION)
        if not isinstance(node.operand, Path):
            raise ValidationException(msg.KEY_FIRST_OPERAND.format(op="BETWEEN"))
        name = _key_attr(node.operand)
        return name, "BETWEEN", (_key_value(node.low), _key_value(node.high))
    assert isinstance(node, Call)
    first = node.args[0]
    if not isinstance(first, Path):
        raise ValidationException(msg.KEY_FIRST_OPERAND.format(op="begins_with"))
    name = _key_attr(first)
    return name, "BEGINS_WITH", (_key_value(node.args[1]),)


def _key_condition(
    text: str, tree: CondNode, query_key: tuple[str, str | None] | None
) -> KeyCondition:
    _key_operator_check(tree)
    terms: list[tuple[str, str, tuple[Any, ...]]] = []
    seen: set[str] = set()
    for node in _flatten(tree, []):
        term = _key_term(node)
        if term[0] in seen:
            raise ValidationException(msg.KEY_ONE_PER_KEY)
        seen.add(term[0])
        terms.append(term)
    if len(terms) > 2:
        raise ValidationException(msg.KEY_TOO_MANY)
    if query_key is None:
        hash_name = next((t[0] for t in terms if t[1] == "="), terms[0][0])
        range_name = next((t[0] for t in terms if t[0] != hash_name), None)
    else:
        hash_name, range_name = query_key
    by_name = {t[0]: t for t in terms}
    if hash_name not in by_name:
        raise ValidationException(msg.KEY_MISSED.format(name=hash_name))
    if by_name[hash_name][1] != "=":
        raise ValidationException(msg.KEY_NOT_SUPPORTED)
    rest = [t for t in terms if t[0] != hash_name]
    if not rest:
        return KeyCondition(text, hash_name, by_name[hash_name][2][0])
    name, op, operands = rest[0]
    if range_name is None:
        raise ValidationException(msg.KEY_NOT_SUPPORTED)
    if name != range_name:
        raise ValidationException(msg.KEY_MISSED.format(name=range_name))
    return KeyCondition(text, hash_name, by_name[hash_name][2][0], name, op, operands)


def compile_request(
    *,
    names: Mapping[str, str] | None,
    values: Mapping[str, Any] | None,
    condition: str | None = None,
    filter: str | None = None,
    key_condition: str | None = None,
    update: str | None = None,
    projection: str | None = None,
    table_key: tuple[str, str | None] = ("", None),
    query_key: tuple[str, str | None] | None = None,
    limits: DynamoDBLimits | None = None,
    operation: str | None = None,
) -> Compiled:
    """Parse (cached), bind and check every expression of one request.

    Raises ``ValidationException`` with DynamoDB's message for anything DynamoDB
    rejects before reading an item. ``values`` hold native values (already converted
    from DynamoDB JSON). ``table_key`` names the table's key attributes (an update may
    not touch them); ``query_key`` the key of the table or index a Query reads (its
    filter may not name them). ``operation`` only picks the wording of one message.

    >>> c = compile_request(names={"#s": "status"}, values={":v": "open"},
    ...                     filter="#s = :v")
    >>> c.filter.evaluate({"status": "open"})
    True
    >>> try:
    ...     compile_request(names=None, values={":v": "x", ":w": "y"}, condition="a = :v")
    ... except ValidationException as err:
    ...     print(err.message)
    Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}
    """
    lim = limits if limits is not None else _DEFAULT_LIMITS
    expressions = (update, condition, key_condition, filter, projection)
    _check_maps(names, values, any(e is not None for e in expressions), operation)
    used_names: set[str] = set()
    used_values: set[str] = set()
    binder_args = (names or {}, values or {}, used_names, used_values, lim)

    compiled_update: Update | None = None
    if update is not None:
        label = "UpdateExpression"
        parsed = _parsed("update", label, update, lim)
        binder = Binder(label, *binder_args)
        if parsed.redundant_parens:
            binder.note("parens", msg.REDUNDANT_PARENS)
        ast = binder.update(parsed.tree)
        binder.finish_update(ast)
        compiled_update = Update(update, ast.actions)
    compiled_condition = (
        _bind_condition("ConditionExpression", condition, binder_args)
        if condition is not None
        else None
    )
    key_tree = (
        _bind_condition("KeyConditionExpression", key_condition, binder_args)
        if key_condition is not None
        else None
    )
    compiled_filter = (
        _bind_condition("FilterExpression", filter, binder_args) if filter is not None else None
    )
    compiled_projection: Projection | None = None
    if projection is not None:
        label = "ProjectionExpression"
        parsed = _parsed("projection", label, projection, lim)
        binder = Binder(label, *binder_args)
        past = binder.projection(parsed.tree)
        binder.finish_condition()
        assert isinstance(past, ProjectionAst)
        paths = [p.elements for p in past.paths]
        check_overlaps(label, paths)  # type: ignore[arg-type]
        compiled_projection = Projection(projection, tuple(paths))  # type: ignore[arg-type]

    if names:
        unused = [n for n in names if n not in used_names]
        if unused:
            raise ValidationException(msg.NAMES_UNUSED.format(keys=", ".join(unused)))
    if values:
        unused = [v for v in values if v not in used_values]
        if unused:
            raise ValidationException(msg.VALUES_UNUSED.format(keys=", ".join(unused)))

    compiled_key = (
        _key_condition(key_condition, key_tree.tree, query_key)
        if key_tree is not None and key_condition is not None
        else None
    )
    if compiled_filter is not None and query_key is not None:
        keys = {k for k in query_key if k}
        for name in _top_names(compiled_filter.tree):
            if name in keys:
                raise ValidationException(msg.FILTER_ON_KEY.format(name=name))
    if compiled_update is not None:
        keys = {k for k in table_key if k}
        for elements in compiled_update.updated_paths:
            if elements[0] in keys:
                raise ValidationException(msg.UPDATE_KEY_ATTRIBUTE.format(name=elements[0]))
    return Compiled(
        condition=compiled_condition,
        filter=compiled_filter,
        key_condition=compiled_key,
        update=compiled_update,
        projection=compiled_projection,
    )
