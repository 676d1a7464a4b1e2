"""Update and condition expressions, with the attribute maps they use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ._refs import Refs, expression_names, ordered
from ._values import attribute_values, numbers

__all__ = ["condition_expressions", "update_expressions"]

_SMALL = st.integers(min_value=-(10**6), max_value=10**6).map(Decimal)
_SETS = frozenset({"SS", "NS", "BS"})
_ORDERED = ("S", "N", "B")
_TYPE_NAMES = ("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M")


def _targets(
    schema: Mapping[str, Any] | None, attributes: Sequence[str] | None
) -> st.SearchStrategy[str]:
    """Names an expression may write or test: ``attributes``, else any, never a key."""
    keys = {d["AttributeName"] for d in (schema or {}).get("AttributeDefinitions", ())}
    if attributes is not None:
        allowed = [a for a in attributes if a not in keys]
        if not allowed:
            raise ValueError("attributes must name at least one non-key attribute")
        return st.sampled_from(allowed)
    return expression_names().filter(lambda n: n not in keys)


def _set_action(draw: st.DrawFn, refs: Refs, ref: str) -> str:
    """One SET action on ``ref`` that applies whether or not the attribute exists."""
    kind = draw(st.sampled_from(("value", "if_not_exists", "arithmetic", "append")))
    if kind == "value":
        return f"{ref} = {refs.value(draw(attribute_values()))}"
    if kind == "if_not_exists":
        return f"{ref} = if_not_exists({ref}, {refs.value(draw(attribute_values()))})"
    if kind == "arithmetic":
        start = refs.value(draw(_SMALL))
        op = draw(st.sampled_from("+-"))
        return f"{ref} = if_not_exists({ref}, {start}) {op} {refs.value(draw(_SMALL))}"
    items = refs.value(draw(st.lists(attribute_values(max_leaves=3), max_size=3)))
    existing = f"if_not_exists({ref}, {refs.value([])})"
    first, second = (existing, items) if draw(st.booleans()) else (items, existing)
    return f"{ref} = list_append({first}, {second})"


@st.composite
def _update_expressions(
    draw: st.DrawFn,
    targets: st.SearchStrategy[str],
    max_actions: int,
    wire: bool,
) -> dict[str, Any]:
    refs = Refs(draw(st.data()))
    names = draw(st.lists(targets, min_size=1, max_size=max_actions, unique=True))
    clauses: dict[str, list[str]] = {}
    for name in names:
        clause = draw(st.sampled_from(("SET", "REMOVE", "ADD", "DELETE")))
        ref = refs.name(name)
        if clause == "SET":
            action = _set_action(draw, refs, ref)
        elif clause == "REMOVE":
            action = ref
        elif clause == "ADD":
            operand = draw(st.one_of(_SMALL, attribute_values(types=_SETS)))
            action = f"{ref} {refs.value(operand)}"
        else:
            action = f"{ref} {refs.value(draw(attribute_values(types=_SETS)))}"
        clauses.setdefault(clause, []).append(action)
    order = draw(st.permutations(list(clauses)))
    text = " ".join(f"{c} {', '.join(clauses[c])}" for c in order)
    return refs.request("UpdateExpression", text, wire=wire)


def update_expressions(
    *,
    schema: Mapping[str, Any] | None = None,
    attributes: Sequence[str] | None = None,
    max_actions: int = 4,
    wire: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid UpdateItem members: an ``UpdateExpression`` of 1 to ``max_actions`` actions
    in ``SET``, ``REMOVE``, ``ADD`` and ``DELETE`` clauses (each clause once, in any
    order), with the ``ExpressionAttributeNames`` and ``ExpressionAttributeValues`` it
    uses (each placeholder defined and used; maps left out when empty).

    No two actions touch the same attribute, reserved words and odd names go through
    ``#`` placeholders, and no action writes a key attribute of ``schema`` (any
    attribute it defines). Targets are top-level attributes from ``attributes``, or any
    name. Every update applies to an item that lacks the attributes it names (``SET``
    uses ``if_not_exists`` before arithmetic and ``list_append``); on an existing item
    it may meet AWS's operand-type errors, as a real update would.

    >>> from hypothesis import given
    >>> @given(update_expressions(attributes=["count", "tags"]))
    ... def test(update):
    ...     text = update["UpdateExpression"]
    ...     assert "count" not in text  # a reserved word: always written as #nK
    >>> test()
    """
    if max_actions < 1:
        raise ValueError("max_actions must be at least 1")
    return _update_expressions(_targets(schema, attributes), max_actions, wire)


def _ordered_values(kind: str) -> st.SearchStrategy[Any]:
    if kind == "S":
        return st.text(min_size=1, max_size=10)
    if kind == "N":
        return numbers()
    return st.binary(min_size=1, max_size=10)


def _leaf(draw: st.DrawFn, refs: Refs, targets: st.SearchStrategy[str]) -> str:
    """One comparison or function call on a drawn attribute."""
    ref = refs.name(draw(targets))
    kind = draw(
        st.sampled_from(
            ("exists", "type", "begins", "contains", "size", "compare", "between", "in")
        )
    )
    if kind == "exists":
        return f"{draw(st.sampled_from(('attribute_exists', 'attribute_not_exists')))}({ref})"
    if kind == "type":
        return f"attribute_type({ref}, {refs.value(draw(st.sampled_from(_TYPE_NAMES)))})"
    if kind == "begins":
        prefix = draw(st.one_of(st.text(min_size=1, max_size=5), st.binary(min_size=1, max_size=5)))
        return f"begins_with({ref}, {refs.value(prefix)})"
    if kind == "contains":
        return f"contains({ref}, {refs.value(draw(attribute_values(types=set(_ORDERED))))})"
    if kind == "size":
        op = draw(st.sampled_from(("=", "<>", "<", "<=", ">", ">=")))
        return f"size({ref}) {op} {refs.value(Decimal(draw(st.integers(0, 500))))}"
    if kind == "in":
        options = draw(st.lists(attribute_values(max_leaves=3), min_size=1, max_size=4))
        return f"{ref} IN ({', '.join(refs.value(v) for v in options)})"
    scalar = draw(st.sampled_from(_ORDERED))
    if kind == "between":
        low, high = ordered(scalar, draw(_ordered_values(scalar)), draw(_ordered_values(scalar)))
        return f"{ref} BETWEEN {refs.value(low)} AND {refs.value(high)}"
    op = draw(st.sampled_from(("=", "<>", "<", "<=", ">", ">=")))
    value = draw(attribute_values() if op in ("=", "<>") else _ordered_values(scalar))
    return f"{ref} {op} {refs.value(value)}"


def _condition(draw: st.DrawFn, refs: Refs, targets: st.SearchStrategy[str], depth: int) -> str:
    # Only composite operands get parentheses: ``((a = :v))`` is "redundant parentheses".
    kind = draw(st.sampled_from(("leaf", "leaf", "and", "or", "not"))) if depth else "leaf"
    if kind == "leaf":
        return _leaf(draw, refs, targets)
    if kind == "not":
        inner = _condition(draw, refs, targets, depth - 1)
        return f"NOT ({inner})"
    left = _condition(draw, refs, targets, depth - 1)
    right = _condition(draw, refs, targets, depth - 1)
    return f"({left}) {kind.upper()} ({right})"


@st.composite
def _condition_expressions(
    draw: st.DrawFn, targets: st.SearchStrategy[str], max_depth: int, member: str, wire: bool
) -> dict[str, Any]:
    refs = Refs(draw(st.data()))
    return refs.request(member, _condition(draw, refs, targets, max_depth), wire=wire)


def condition_expressions(
    *,
    schema: Mapping[str, Any] | None = None,
    attributes: Sequence[str] | None = None,
    max_depth: int = 2,
    member: str = "ConditionExpression",
    wire: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid condition expressions (``member``: ``ConditionExpression`` or
    ``FilterExpression``) with the ``ExpressionAttributeNames`` and Values they use.

    Comparisons (``=``, ``<>`` with any type; ``<``, ``<=``, ``>``, ``>=`` and
    ``BETWEEN`` low-to-high with S, N or B), ``IN``, and the functions
    ``attribute_exists``, ``attribute_not_exists``, ``attribute_type``,
    ``begins_with``, ``contains`` and ``size``, joined by ``AND``, ``OR`` and ``NOT`` up
    to ``max_depth`` levels. Attributes come from ``attributes`` or any name; with a
    ``schema`` the key attributes are left out (a Query's filter may not name them).
    Every one evaluates, true or false, on any item.

    >>> from hypothesis import given
    >>> @given(condition_expressions(attributes=["status"], max_depth=0))
    ... def test(condition):
    ...     assert condition["ExpressionAttributeNames"] == {"#n0": "status"}
    >>> test()
    """
    if max_depth < 0:
        raise ValueError("max_depth must be at least 0")
    if member not in ("ConditionExpression", "FilterExpression"):
        raise ValueError("member is 'ConditionExpression' or 'FilterExpression'")
    return _condition_expressions(_targets(schema, attributes), max_depth, member, wire)
