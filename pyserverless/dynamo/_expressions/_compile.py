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

from .._errors import ValidationException, with_family
from .._limits import DynamoDBLimits
from .._sizes import value_size
from . import _messages as msg
from ._deep import call_deep
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
        return self._predicate({} if item is None else item)  # predicates return bool

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
    _bounds: tuple[Any, ...] = attrs.field(init=False, repr=False)

    @_bounds.default
    def _orderable_bounds(self) -> tuple[Any, ...]:
        return tuple(orderable(b) for b in self.range_values)

    def matches(self, range_value: Any) -> bool:
        """Whether a sort-key value satisfies the sort-key condition (True if none)."""
        op = self.range_op
        if op is None:
            return True
        v = orderable(range_value)
        bounds = self._bounds
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
    limits: DynamoDBLimits,
) -> None:
    if names is not None and not any_expression:
        # Captured bare even where the other map errors carry the envelope.
        raise with_family(ValidationException(msg.NAMES_WITHOUT_EXPRESSIONS), "bare")
    if values is not None and not any_expression:
        text = (
            msg.VALUES_WITHOUT_UPDATE_EXPRESSIONS
            if operation == "UpdateItem"
            else msg.VALUES_WITHOUT_EXPRESSIONS
        )
        raise ValidationException(text)
    longest = limits.max_placeholder_bytes
    # A placeholder is checked for length before syntax; a valid one is ASCII, so its
    # length in characters is its size in bytes.
    if names is not None:
        if not names:  # DynamoDB reports this one without the envelope (issue 13)
            raise with_family(ValidationException(msg.NAMES_EMPTY), "bare")
        for key, name in names.items():
            if not _NAME_KEY.fullmatch(key):
                size = _utf8_len(key)
                if size > longest:
                    raise ValidationException(msg.NAMES_KEY_TOO_LONG.format(size=size))
                raise ValidationException(msg.NAMES_INVALID_KEY.format(key=key))
            if len(key) > longest:
                raise ValidationException(msg.NAMES_KEY_TOO_LONG.format(size=len(key)))
            if name == "":
                raise ValidationException(msg.NAMES_EMPTY_VALUE.format(key=key))
            longest_name = limits.max_attribute_name_bytes
            if len(name) * 4 > longest_name and _utf8_len(name) > longest_name:  # bound first
                raise ValidationException(msg.NAME_TOO_LARGE.format(limit=longest_name + 1))
    if values is not None:
        if not values:
            # Bare like the names' text (moto's aws_verified UpdateItem test, us-east-1).
            raise with_family(ValidationException(msg.VALUES_EMPTY), "bare")
        for key in values:
            if not _VALUE_KEY.fullmatch(key):
                if _utf8_len(key) > longest:
                    raise ValidationException(msg.VALUES_KEY_TOO_LONG)
                raise ValidationException(msg.VALUES_INVALID_KEY.format(key=key))
            if len(key) > longest:
                raise ValidationException(msg.VALUES_KEY_TOO_LONG)
    if names or values:
        _check_map_sizes(names or {}, values or {}, limits.max_expression_maps_bytes)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# An upper bound of value_size() for scalars: a str is at most 4 UTF-8 bytes a character
# and a number at most 21 bytes (38 digits); bool and None are 1.
_SCALAR_BOUND: dict[type, Callable[[Any], int]] = {
    str: lambda v: 4 * len(v),
    bytes: len,
    Decimal: lambda _v: 21,
    int: lambda _v: 21,
    bool: lambda _v: 1,
    type(None): lambda _v: 1,
}


def _check_map_sizes(names: Mapping[str, str], values: Mapping[str, Any], limit: int) -> None:
    """The 2 MB quota on both maps: key bytes plus name bytes or value size, summed.

    A cheap upper bound settles every ordinary request; exact sizes only when it may not.
    """
    bound = sum(len(k) + 4 * len(v) for k, v in names.items())
    for k, v in values.items():
        scalar = _SCALAR_BOUND.get(type(v))
        bound += len(k) + (scalar(v) if scalar is not None else value_size(v))
    if bound <= limit:
        return
    names_size = sum(len(k) + _utf8_len(v) for k, v in names.items())
    if names_size > limit:
        raise ValidationException(msg.NAMES_MAP_TOO_LARGE)
    values_size = sum(len(k) + value_size(v) for k, v in values.items())
    if values_size > limit:
        raise ValidationException(msg.VALUES_MAP_TOO_LARGE)
    if names_size + values_size > limit:
        raise ValidationException(msg.MAPS_TOO_LARGE)


def _parsed(kind: str, label: str, text: str, limits: DynamoDBLimits) -> Any:
    if text == "":
        raise invalid(label, msg.EMPTY)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_expression_bytes:
        # Only FilterExpression and ConditionExpression give the size (ExtendDB's capture).
        sized = label in ("FilterExpression", "ConditionExpression")
        raise invalid(label, msg.TOO_LARGE.format(size=size) if sized else msg.TOO_LARGE_UNSIZED)
    result = parse(kind, text)
    if isinstance(result, ParseError):
        raise invalid(label, result.message)
    return result


def _bind_condition(
    label: str, text: str, binder_args: tuple[Any, ...], maps_key: MapsKey | None
) -> Condition:
    names, values, used_names, used_values, limits = binder_args
    if maps_key is not None:
        condition, names_used, values_used = _bound_condition_cached(
            (label, text, maps_key, limits)
        )
    else:
        condition, names_used, values_used = _bound_condition(label, text, names, values, limits)
    used_names.update(names_used)
    used_values.update(values_used)
    return condition


_SCALARS = frozenset({str, bytes, bool, type(None), Decimal, int})
# Longer string and binary values are not kept in the caches (memory stays bounded).
_CACHED_VALUE_LEN = 1024
MapsKey = tuple[tuple[tuple[str, str], ...] | None, tuple[tuple[str, type, Any], ...] | None]


def _maps_key(names: Mapping[str, str] | None, values: Mapping[str, Any] | None) -> MapsKey | None:
    """The placeholder maps as a hashable key, when every value is a hashable scalar.

    The value's type is part of the key: True, 1 and Decimal(1) hash alike.
    """
    vals = None
    if values is not None:
        vals_list = []
        for k, v in values.items():
            t = type(v)
            if t not in _SCALARS or ((t is str or t is bytes) and len(v) > _CACHED_VALUE_LEN):
                return None  # unhashable, or too large to keep in a cache
            vals_list.append((k, t, v))
        vals = tuple(vals_list)
    return (None if names is None else tuple(names.items()), vals)


@functools.lru_cache(maxsize=1024)
def _check_maps_cached(
    maps_key: MapsKey, any_expression: bool, operation: str | None, limits: DynamoDBLimits
) -> None:
    """_check_maps for a repeated request (errors are not cached: they propagate)."""
    names_items, vals = maps_key
    names = None if names_items is None else dict(names_items)
    values = None if vals is None else {k: v for k, _t, v in vals}
    _check_maps(names, values, any_expression, operation, limits)


def _bound_condition(
    label: str,
    text: str,
    names: Mapping[str, str],
    values: Mapping[str, Any],
    limits: DynamoDBLimits,
) -> tuple[Condition, frozenset[str], frozenset[str]]:
    parsed = _parsed("condition", label, text, limits)

    def bind() -> tuple[Condition, frozenset[str], frozenset[str]]:
        used_names: set[str] = set()
        used_values: set[str] = set()
        binder = Binder(label, names, values, used_names, used_values, limits)
        if parsed.redundant_parens:
            binder.note("parens", msg.REDUNDANT_PARENS)
        tree = binder.condition(parsed.tree)
        binder.finish_condition()
        condition = Condition(text, tree, compile_condition(tree))
        return condition, frozenset(used_names), frozenset(used_values)

    return call_deep(bind)


@functools.lru_cache(maxsize=1024)
def _bound_condition_cached(
    key: tuple[Any, ...],
) -> tuple[Condition, frozenset[str], frozenset[str]]:
    """Bound conditions for repeated requests (same text, names and scalar values).

    Conditions are immutable, so sharing one between requests is safe; errors are
    not cached (they propagate out of the call).
    """
    label, text, (names_items, vals), limits = key
    names = dict(names_items or ())
    values = {k: v for k, _t, v in vals or ()}
    return _bound_condition(label, text, names, values, limits)


def _bind_update(text: str, binder_args: tuple[Any, ...]) -> Update:
    label = "UpdateExpression"
    parsed = _parsed("update", label, text, binder_args[-1])

    def bind() -> Update:  # repeatable: it only adds to the request's used-placeholder sets
        binder = Binder(label, *binder_args)
        if parsed.redundant_parens:
            binder.note("parens", msg.REDUNDANT_PARENS)
        ast = binder.update(parsed.tree)
        binder.finish_update(ast)
        return Update(text, ast.actions)

    return call_deep(bind)


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
    return resolve_key_terms(text, terms, query_key)


def resolve_key_terms(
    text: str, terms: list[tuple[str, str, tuple[Any, ...]]], query_key: Any
) -> KeyCondition:
    """A key condition's terms matched to the key of the table or index it reads
    (``query_key``: its names, or an object with its own ``key_condition``)."""
    resolve = getattr(query_key, "key_condition", None)
    if resolve is not None:  # a multi-attribute GSI key checks its own terms (_multikey)
        resolved: KeyCondition = resolve(text, terms)
        return resolved
    if len(terms) > 2:
        keys = 2 if query_key is None or query_key[1] is not None else 1
        raise ValidationException(msg.KEY_MORE_THAN_SCHEMA.format(count=len(terms), keys=keys))
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
    maps_key = _maps_key(names, values)
    if maps_key is not None:
        # A repeated request (same expressions, names and scalar values) compiles once.
        return _compile_cached(
            (
                maps_key,
                condition,
                filter,
                key_condition,
                update,
                projection,
                table_key,
                query_key,
                lim,
                operation,
            )
        )
    return _compile(
        names,
        values,
        maps_key,
        condition,
        filter,
        key_condition,
        update,
        projection,
        table_key,
        query_key,
        lim,
        operation,
    )


@functools.lru_cache(maxsize=1024)
def _compile_cached(key: tuple[Any, ...]) -> Compiled:
    """compile_request for a repeated request.

    Everything compiled is immutable, so requests may share it; errors are not cached
    (they propagate out of the call and are raised afresh each time).
    """
    maps_key, *rest = key
    names_items, vals = maps_key
    names = None if names_items is None else dict(names_items)
    values = None if vals is None else {k: v for k, _t, v in vals}
    return _compile(names, values, maps_key, *rest)


def _compile(
    names: Mapping[str, str] | None,
    values: Mapping[str, Any] | None,
    maps_key: MapsKey | None,
    condition: str | None,
    filter: str | None,
    key_condition: str | None,
    update: str | None,
    projection: str | None,
    table_key: tuple[str, str | None],
    query_key: tuple[str, str | None] | None,
    lim: DynamoDBLimits,
    operation: str | None,
) -> Compiled:
    expressions = (update, condition, key_condition, filter, projection)
    any_expression = any(e is not None for e in expressions)
    if names is None and values is None:
        pass
    elif maps_key is not None:
        _check_maps_cached(maps_key, any_expression, operation, lim)
    else:
        _check_maps(names, values, any_expression, operation, lim)
    used_names: set[str] = set()
    used_values: set[str] = set()
    binder_args = (names or {}, values or {}, used_names, used_values, lim)

    compiled_update = _bind_update(update, binder_args) if update is not None else None
    compiled_condition = (
        _bind_condition("ConditionExpression", condition, binder_args, maps_key)
        if condition is not None
        else None
    )
    key_tree = (
        _bind_condition("KeyConditionExpression", key_condition, binder_args, maps_key)
        if key_condition is not None
        else None
    )
    compiled_filter = (
        _bind_condition("FilterExpression", filter, binder_args, maps_key)
        if filter is not None
        else None
    )
    compiled_projection = (
        _bind_projection(projection, binder_args, lim) if projection is not None else None
    )
    _check_unused(names, used_names, msg.NAMES_UNUSED)
    _check_unused(values, used_values, msg.VALUES_UNUSED)
    compiled_key = (
        _key_condition(key_condition, key_tree.tree, query_key)
        if key_tree is not None and key_condition is not None
        else None
    )
    _check_key_attributes(compiled_filter, query_key, compiled_update, table_key)
    return Compiled(
        condition=compiled_condition,
        filter=compiled_filter,
        key_condition=compiled_key,
        update=compiled_update,
        projection=compiled_projection,
    )


def _bind_projection(
    projection: str, binder_args: tuple[Any, ...], lim: DynamoDBLimits
) -> Projection:
    label = "ProjectionExpression"
    parsed = _parsed("projection", label, projection, lim)
    binder = Binder(label, *binder_args)
    past = binder.projection(parsed.tree)
    binder.finish_condition()
    assert isinstance(past, ProjectionAst)
    paths = [p.elements for p in past.paths]
    check_overlaps(label, paths)  # type: ignore[arg-type]
    return Projection(projection, tuple(paths))  # type: ignore[arg-type]


def _check_unused(given: Mapping[str, Any] | None, used: set[str], message: str) -> None:
    """Refuse ExpressionAttributeNames or -Values that no expression uses."""
    if given:
        unused = [k for k in given if k not in used]
        if unused:
            raise ValidationException(message.format(keys=", ".join(unused)))


def check_filter_keys(compiled_filter: Any, query_key: tuple[str, str | None]) -> None:
    """A Query's FilterExpression may not name the key it reads."""
    _check_key_attributes(compiled_filter, query_key, None, ("", None))


def _check_key_attributes(
    compiled_filter: Any,
    query_key: tuple[str, str | None] | None,
    compiled_update: Any,
    table_key: tuple[str, str | None],
) -> None:
    """A Query's filter may not name its key; an update may not change the table's key."""
    if compiled_filter is not None and query_key is not None:
        keys = {k for k in query_key if k}
        for name in _top_names(compiled_filter.tree):
            if name in keys:
                raise ValidationException(msg.FILTER_ON_KEY.format(name=name))
    if compiled_update is not None:
        keys = {k for k in table_key if k}
        for elements in compiled_update.updated_paths:
            if elements[0] in keys:
                raise with_family(
                    ValidationException(msg.UPDATE_KEY_ATTRIBUTE.format(name=elements[0])),
                    "bare",
                )
