"""Condition evaluation: DynamoDB's semantics for comparisons, functions and logic."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._expressions import compile_request

D = Decimal


def holds(expression: str, item: dict[str, Any] | None, **values: Any) -> bool:
    vals = {f":{k}": v for k, v in values.items()} or None
    condition = compile_request(names=None, values=vals, condition=expression).condition
    assert condition is not None
    return condition.evaluate(item)


ITEM: dict[str, Any] = {
    "s": "hello",
    "n": D(5),
    "b": b"\x01\x02\x03",
    "t": True,
    "z": None,
    "l": ["x", D(2), {"k": "v"}],
    "m": {"child": {"deep": D(1)}, "vals": [D(10), D(20)]},
    "ss": {"a", "b"},
    "ns": {D(1), D(2)},
    "bs": {b"\x01", b"\x02"},
    "e": "",
}


class TestComparisons:
    """=, <>, <, <=, >, >= compare same-typed values; other types are never ordered."""

    @pytest.mark.parametrize(
        ("expression", "values", "expected"),
        [
            ("s = :v", {"v": "hello"}, True),
            ("s = :v", {"v": "Hello"}, False),
            ("n = :v", {"v": D("5.0")}, True),
            ("n = :v", {"v": "5"}, False),
            ("t = :v", {"v": True}, True),
            ("t = :v", {"v": D(1)}, False),
            ("z = :v", {"v": None}, True),
            ("l = :v", {"v": ["x", D(2), {"k": "v"}]}, True),
            ("l = :v", {"v": ["x", D(2)]}, False),
            ("ss = :v", {"v": {"b", "a"}}, True),
            ("ns = :v", {"v": {"1", "2"}}, False),
            ("m.child = :v", {"v": {"deep": D(1)}}, True),
            ("s <> :v", {"v": "x"}, True),
            ("s <> :v", {"v": D(1)}, True),
            ("absent <> :v", {"v": "x"}, True),
            ("absent = :v", {"v": "x"}, False),
            ("n < :v", {"v": D(6)}, True),
            ("n < :v", {"v": "6"}, False),
            ("n <= :v", {"v": D(5)}, True),
            ("n > :v", {"v": D(-1)}, True),
            ("n >= :v", {"v": D(6)}, False),
            ("s > :v", {"v": "hell"}, True),
            ("s < :v", {"v": "\u00e9"}, True),
            ("b > :v", {"v": b"\x01\x02"}, True),
            ("b < :v", {"v": b"\x80"}, True),
            ("t < :v", {"v": "x"}, False),
            ("absent < :v", {"v": D(1)}, False),
            ("absent <= nothing", {}, False),
            ("absent >= nothing", {}, False),
            ("absent < nothing", {}, False),
            ("n <= :v", {"v": "5"}, False),
            ("n >= :v", {"v": b"5"}, False),
            ("m.vals[1] > m.vals[0]", {}, True),
            ("l[5] = :v", {"v": "x"}, False),
            ("s[0] = :v", {"v": "h"}, False),
            ("l.x = :v", {"v": "x"}, False),
            (":v = :v", {"v": "same"}, True),
        ],
    )
    def test_compare(self, expression: str, values: dict[str, Any], expected: bool) -> None:
        """Comparisons follow DynamoDB's typing rules."""
        assert holds(expression, ITEM, **values) is expected

    def test_strings_order_by_utf8_bytes(self) -> None:
        """Strings order by UTF-8 bytes: an astral character sorts after U+FFFD."""
        assert holds("s < :v", {"s": "\ufffd"}, v="\U0001f600")


class TestBetweenAndIn:
    """BETWEEN is inclusive and typed; IN matches any equal operand."""

    @pytest.mark.parametrize(
        ("expression", "values", "expected"),
        [
            ("n BETWEEN :a AND :b", {"a": D(5), "b": D(5)}, True),
            ("n BETWEEN :a AND :b", {"a": D(6), "b": D(9)}, False),
            ("s BETWEEN :a AND :b", {"a": "a", "b": "z"}, True),
            ("n BETWEEN :a AND :b", {"a": "a", "b": "z"}, False),
            ("absent BETWEEN :a AND :b", {"a": D(1), "b": D(9)}, False),
            ("n IN (:a, :b)", {"a": D(1), "b": D(5)}, True),
            ("n IN (:a, :b)", {"a": "5", "b": D(4)}, False),
            ("l IN (:a)", {"a": ["x", D(2), {"k": "v"}]}, True),
            ("absent IN (:a)", {"a": D(1)}, False),
            ("t IN (:a, :b)", {"a": D(1), "b": "True"}, False),
            ("n IN (:a, :b)", {"a": D("5.0"), "b": b"5"}, True),
            ("s BETWEEN :a AND :b", {"a": b"a", "b": b"z"}, False),
            # Bounds that are paths take the general (unvalidated) route.
            ("n BETWEEN m.vals[0] AND m.vals[1]", {}, False),
            ("m.vals[0] BETWEEN n AND m.vals[1]", {}, True),
            ("n BETWEEN s AND m.vals[1]", {}, False),
            ("s BETWEEN n AND m.vals[1]", {}, False),
            ("absent BETWEEN n AND m.vals[1]", {}, False),
            ("n BETWEEN absent AND m.vals[1]", {}, False),
        ],
    )
    def test_between_in(self, expression: str, values: dict[str, Any], expected: bool) -> None:
        """BETWEEN and IN over same-typed values."""
        assert holds(expression, ITEM, **values) is expected

    def test_path_bounds_are_inclusive_and_typed(self) -> None:
        """With path bounds, both ends are inclusive and each bound must match the type."""
        item = {"a": D(5), "lo": D(5), "hi": D(5), "s": "x", "bytes": b"\x05"}
        assert holds("a BETWEEN lo AND hi", item) is True
        assert holds("a BETWEEN lo AND s", item) is False
        assert holds("a BETWEEN bytes AND hi", item) is False
        assert holds("s BETWEEN lo AND hi", item) is False


class TestFunctions:
    """attribute_exists, attribute_type, begins_with, contains and size."""

    @pytest.mark.parametrize(
        ("expression", "values", "expected"),
        [
            ("attribute_exists(s)", {}, True),
            ("attribute_exists(z)", {}, True),
            ("attribute_exists(m.child.deep)", {}, True),
            ("attribute_exists(m.nope)", {}, False),
            ("attribute_not_exists(absent)", {}, True),
            ("attribute_not_exists(l[2].k)", {}, False),
            ("attribute_type(ss, :t)", {"t": "SS"}, True),
            ("attribute_type(n, :t)", {"t": "S"}, False),
            ("attribute_type(z, :t)", {"t": "NULL"}, True),
            ("attribute_type(absent, :t)", {"t": "S"}, False),
            ("begins_with(s, :p)", {"p": "he"}, True),
            ("begins_with(s, :p)", {"p": ""}, True),
            ("begins_with(s, :p)", {"p": "lo"}, False),
            ("begins_with(b, :p)", {"p": b"\x01"}, True),
            ("begins_with(b, :p)", {"p": "x"}, False),
            ("begins_with(n, :p)", {"p": "5"}, False),
            ("contains(s, :v)", {"v": "ell"}, True),
            ("contains(s, :v)", {"v": "xyz"}, False),
            ("contains(ss, :v)", {"v": "a"}, True),
            ("contains(ss, :v)", {"v": {"a"}}, False),
            ("contains(ns, :v)", {"v": D(2)}, True),
            ("contains(ns, :v)", {"v": "2"}, False),
            ("contains(bs, :v)", {"v": b"\x02"}, True),
            ("contains(l, :v)", {"v": D(2)}, True),
            ("contains(l, :v)", {"v": {"k": "v"}}, True),
            ("contains(l, :v)", {"v": "2"}, False),
            ("contains(b, :v)", {"v": b"\x02\x03"}, True),
            ("contains(n, :v)", {"v": D(5)}, False),
            ("contains(absent, :v)", {"v": "x"}, False),
            ("size(s) = :v", {"v": D(5)}, True),
            ("size(e) = :v", {"v": D(0)}, True),
            ("size(b) = :v", {"v": D(3)}, True),
            ("size(l) = :v", {"v": D(3)}, True),
            ("size(m) = :v", {"v": D(2)}, True),
            ("size(ss) = :v", {"v": D(2)}, True),
            ("size(n) = :v", {"v": D(1)}, False),
            ("size(n) <> :v", {"v": D(1)}, True),
            ("size(absent) < :v", {"v": D(100)}, False),
            ("size(t) >= :v", {"v": D(0)}, False),
        ],
    )
    def test_function(self, expression: str, values: dict[str, Any], expected: bool) -> None:
        """Each function on the types it applies to, and false elsewhere."""
        assert holds(expression, ITEM, **values) is expected


class TestLogic:
    """NOT binds tighter than AND, AND tighter than OR; parentheses override."""

    @pytest.mark.parametrize(
        ("expression", "expected"),
        [
            ("attribute_exists(s) OR attribute_exists(x) AND attribute_exists(y)", True),
            ("(attribute_exists(s) OR attribute_exists(x)) AND attribute_exists(y)", False),
            ("NOT attribute_exists(x) AND attribute_exists(y)", False),
            ("NOT (attribute_exists(x) AND attribute_exists(y))", True),
            ("NOT NOT attribute_exists(s)", True),
            ("not attribute_exists(s) or attribute_exists(n)", True),
        ],
    )
    def test_precedence(self, expression: str, expected: bool) -> None:
        """Precedence is NOT > AND > OR."""
        assert holds(expression, ITEM) is expected

    def test_no_item(self) -> None:
        """A absent item (None) has no attributes."""
        assert holds("attribute_not_exists(pk)", None)
        assert not holds("attribute_exists(pk)", None)

    def test_names_resolve_literally(self) -> None:
        """A name placeholder stands for one attribute name, dots included."""
        compiled = compile_request(
            names={"#d": "a.b"}, values={":v": "x"}, condition="#d = :v"
        ).condition
        assert compiled is not None
        assert compiled.evaluate({"a.b": "x"})
        assert not compiled.evaluate({"a": {"b": "x"}})
        assert compiled.attribute_names == frozenset({"a.b"})
