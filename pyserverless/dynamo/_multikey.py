"""Multi-attribute GSI keys: the key conditions of a Query on such an index.

Since November 2025 a global secondary index's key may have up to four HASH and four
RANGE attributes (AWS's developer guide, "Multi-attribute key schema"). A Query on it
gives every HASH attribute an equality condition, and RANGE attributes left to right
in schema order, without a gap: equality on each but the last one named, which may
take any sort-key comparison. ``MultiKey`` is the ``query_key`` the expression
compiler receives for such an index: it hands the parsed key terms back here. The
index stores a ``CompositeKey`` of the HASH values and sorts by the RANGE values, so
a query reads one partition between two tuple bounds (``bounds``).

The rules are documented; the message texts are not captured from DynamoDB (marked
[?]) except where noted, and carry the words the independent suites match on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._errors import ValidationException
from ._expressions import _messages as expr_msg
from ._expressions.legacy import _KEY_OPS, _check_operator
from ._indexes import CompositeKey, IndexDef
from ._storage import TOP, prefix_upper

__all__ = [
    "GSI_HASH_AFTER_RANGE",
    "GSI_TOO_MANY",
    "MultiKey",
    "MultiKeyCondition",
    "bounds",
    "check_types",
    "legacy_key_conditions",
]

# [O] Captured from CreateTable by a public probe (2026); the "Invalid KeySchema: "
# prefix as DynamoDB's other KeySchema messages carry it.
GSI_HASH_AFTER_RANGE = (
    "Invalid KeySchema: All HASH key attributes must precede RANGE key attributes in the KeySchema"
)
# [O] for HASH (the same probe); RANGE's by analogy [?].
GSI_TOO_MANY = (
    "Invalid KeySchema: The KeySchema exceeds the maximum allowed number of {kind} key attributes"
)
# [?] A Query that does not give every HASH attribute an equality condition.
HASH_EQUALITY = (
    "Query key condition not supported: every HASH key attribute of the index must have an "
    "equality condition; missing or not equality: {name}"
)
# [?] RANGE attributes skipped, or compared otherwise than by equality before the last.
RANGE_EQUALITY = (
    "Query key condition not supported: RANGE key attributes must be given left to right "
    "with equality conditions, only the last one may use another comparison; at: {name}"
)


@attrs.frozen
class MultiKeyCondition:
    """A checked key condition on a multi-attribute index.

    ``hash_value`` is the partition the query reads (a ``CompositeKey`` when there is
    more than one HASH attribute); ``range_prefix`` the values of the leading RANGE
    attributes compared by equality; ``range_op``/``range_values`` the comparison on
    the next one (None: none).
    """

    expression: str
    hash_values: tuple[Any, ...]
    hash_value: Any
    range_prefix: tuple[Any, ...] = ()
    range_name: str | None = None
    range_op: str | None = None
    range_values: tuple[Any, ...] = ()


class MultiKey(tuple[str, ...]):
    """The key of a multi-attribute index, as the expression compiler's ``query_key``.

    Its items are the HASH names, an empty separator, then the RANGE names, so that
    iterating (the filter-on-key check) meets every key attribute, and two schemas
    never compare equal in the compiler's cache.

    >>> key = MultiKey.of(("h1", "h2"), ("r1",))
    >>> key.hash_names, key.range_names
    (('h1', 'h2'), ('r1',))
    """

    __slots__ = ()

    @classmethod
    def of(cls, hash_names: tuple[str, ...], range_names: tuple[str, ...]) -> MultiKey:
        return cls((*hash_names, "", *range_names))

    @property
    def hash_names(self) -> tuple[str, ...]:
        return self[: self.index("")]

    @property
    def range_names(self) -> tuple[str, ...]:
        return self[self.index("") + 1 :]

    def key_condition(
        self, text: str, terms: list[tuple[str, str, tuple[Any, ...]]]
    ) -> MultiKeyCondition:
        """The condition of the key terms ``(name, operator, operands)``, checked."""
        by_name = {name: (op, operands) for name, op, operands in terms}
        hash_values = []
        for name in self.hash_names:
            given = by_name.get(name)
            if given is None or given[0] != "=":
                raise ValidationException(HASH_EQUALITY.format(name=name))
            hash_values.append(given[1][0])
        ranges = self.range_names
        used = [n for n in by_name if n not in self.hash_names]
        for name in used:
            if name not in ranges:
                missing = next((r for r in ranges if r not in by_name), None)
                if missing is None:
                    raise ValidationException(expr_msg.KEY_NOT_SUPPORTED)
                raise ValidationException(expr_msg.KEY_MISSED.format(name=missing))
        count = len(used)
        for position, name in enumerate(ranges):
            given = by_name.get(name)
            if position < count and (given is None or (position < count - 1 and given[0] != "=")):
                raise ValidationException(RANGE_EQUALITY.format(name=name))
        values = hash_values[0] if len(hash_values) == 1 else CompositeKey(hash_values)
        prefix = tuple(by_name[name][1][0] for name in ranges[:count])
        if count and by_name[ranges[count - 1]][0] != "=":
            last = ranges[count - 1]
            op, operands = by_name[last]
            return MultiKeyCondition(
                text, tuple(hash_values), values, prefix[:-1], last, op, tuple(operands)
            )
        return MultiKeyCondition(text, tuple(hash_values), values, prefix)


def check_types(kc: MultiKeyCondition, index: IndexDef, type_of: Any) -> bool:
    """Whether every value of ``kc`` has its attribute's declared type."""
    if any(type_of(v) != t for v, t in zip(kc.hash_values, index.hash_types, strict=True)):
        return False
    if any(type_of(v) != t for v, t in zip(kc.range_prefix, index.range_types, strict=False)):
        return False
    if kc.range_op is None:
        return True
    expected = index.range_types[len(kc.range_prefix)]
    return all(type_of(v) == expected for v in kc.range_values)


def bounds(kc: MultiKeyCondition) -> tuple[Any, Any, bool, bool]:
    """``(low, high, low inclusive, high inclusive)`` over the index's sort tuples."""
    p = kc.range_prefix
    low: Any = p if p else None
    high: Any = (*p, TOP) if p else None
    op = kc.range_op
    if op is None:
        return low, high, True, True
    v = kc.range_values[0]
    if op == "=":
        return (*p, v), (*p, v, TOP), True, True
    if op == "<":
        return low, (*p, v), True, False
    if op == "<=":
        return low, (*p, v, TOP), True, True
    if op == ">":
        return (*p, v, TOP), high, False, True
    if op == ">=":
        return (*p, v), high, True, True
    if op == "BETWEEN":
        return (*p, v), (*p, kc.range_values[1], TOP), True, True
    assert op == "BEGINS_WITH", op
    upper = prefix_upper(v)
    return (*p, v), (high if upper is None else (*p, upper)), True, upper is None


def legacy_key_conditions(
    conditions: Mapping[str, Mapping[str, Any]], key: MultiKey
) -> MultiKeyCondition:
    """``KeyConditions`` on a multi-attribute index (DynamoDB accepts them there too)."""
    if not 1 <= len(conditions) <= len(key) - 1:
        raise ValidationException(expr_msg.KEY_TOO_MANY)
    terms = []
    for name, spec in conditions.items():
        where = f"keyConditions.{name}.member.comparisonOperator"
        values = spec.get("AttributeValueList") or []
        _check_operator(spec["ComparisonOperator"], values, where)
        op = spec["ComparisonOperator"]
        if op not in _KEY_OPS and op not in ("BETWEEN", "BEGINS_WITH"):
            raise ValidationException(expr_msg.LEGACY_NOT_INDEXABLE)
        terms.append((name, _KEY_OPS.get(op, op), tuple(values)))
    return key.key_condition("KeyConditions", terms)
