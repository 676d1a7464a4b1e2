"""Each pipeline stage on its own: lexer, parser (and its cache), projection, key conditions."""

from __future__ import annotations

import sys
import threading
from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._expressions import KeyCondition, compile_request, parse
from pyserverless.dynamo._expressions._deep import DEEP_RECURSION_LIMIT, call_deep
from pyserverless.dynamo._expressions._lexer import syntax_message, tokenize
from pyserverless.dynamo._expressions._parser import (
    And,
    Arith,
    Call,
    Compare,
    NameRef,
    Not,
    Or,
    Parsed,
    ParseError,
    Path,
    Remove,
    Set,
    ValueRef,
)
from pyserverless.dynamo._expressions._projection import project

D = Decimal


class TestLexer:
    """Tokens and DynamoDB's syntax-error text."""

    def test_tokens(self) -> None:
        """Names, placeholders, numbers, operators and stray characters are tokens."""
        kinds = [(t.kind, t.text) for t in tokenize("#n.a_1[12] >= :v $")]
        assert kinds == [
            ("HASH", "#n"), ("OP", "."), ("NAME", "a_1"), ("OP", "["), ("NUMBER", "12"),
            ("OP", "]"), ("OP", ">="), ("COLON", ":v"), ("BAD", "$"), ("EOF", "<EOF>"),
        ]  # fmt: skip

    def test_lone_markers(self) -> None:
        """A bare '#' or ':' is its own (invalid) token."""
        assert [t.text for t in tokenize("# :")] == ["#", ":", "<EOF>"]

    def test_near_at_start_and_end(self) -> None:
        """near spans the previous token to the next one, clipped at the ends."""
        text = "a = "
        toks = tokenize(text)
        assert syntax_message(text, toks, 0) == 'Syntax error; token: "a", near: "a ="'
        assert syntax_message(text, toks, 2) == 'Syntax error; token: "<EOF>", near: "= "'


class TestParser:
    """The parser builds the AST with DynamoDB's precedence."""

    def test_precedence(self) -> None:
        """NOT binds tighter than AND, which binds tighter than OR."""
        tree = parse("condition", "NOT a = :x AND b = :y OR c = :z").tree  # type: ignore[union-attr]
        a = Compare("=", Path(("a",)), ValueRef(":x"))
        b = Compare("=", Path(("b",)), ValueRef(":y"))
        c = Compare("=", Path(("c",)), ValueRef(":z"))
        assert tree == Or(And(Not(a), b), c)

    def test_paths(self) -> None:
        """Paths hold names, name placeholders and list indexes."""
        tree = parse("condition", "attribute_exists(a.#b[2][0].c)").tree  # type: ignore[union-attr]
        assert tree == Call("attribute_exists", (Path(("a", NameRef("#b"), 2, 0, "c")),))

    def test_update(self) -> None:
        """Clauses in any order and any case; actions keep source order."""
        ast = parse("update", "remove x set a = b + :v").tree  # type: ignore[union-attr]
        assert ast.sections == ("REMOVE", "SET")  # type: ignore[union-attr]
        assert ast.actions == (  # type: ignore[union-attr]
            Remove(Path(("x",))),
            Set(Path(("a",)), Arith("+", Path(("b",)), ValueRef(":v"))),
        )

    def test_syntax_error_is_a_value(self) -> None:
        """A syntax error is returned (and cached), not raised."""
        result = parse("condition", "a ==")
        assert isinstance(result, ParseError)
        assert result.message == 'Syntax error; token: "=", near: "=="'

    def test_cache(self) -> None:
        """A repeated expression is not parsed again."""
        text = "cache_probe_attribute = :v"
        first = parse("condition", text)
        hits = parse.cache_info().hits
        assert parse("condition", text) is first
        assert parse.cache_info().hits == hits + 1

    def test_deep_nesting(self) -> None:
        """Nesting deeper than Python's default stack parses (the binder reports limits)."""
        result = parse("condition", "(" * 5000 + "a = :v" + ")" * 5000)
        assert isinstance(result, Parsed)
        assert result.redundant_parens
        result = parse("condition", "(a = :v AND " * 2000 + "b = :v" + ")" * 2000)
        assert isinstance(result, Parsed)
        assert not result.redundant_parens
        result = parse("condition", "(a = :v AND " * 2000 + "b = :v" + ")" * 1999)
        assert isinstance(result, ParseError)
        assert result.message == 'Syntax error; token: "<EOF>", near: ")"'


class TestProjection:
    """ProjectionExpression keeps the item's shape."""

    def test_shape(self) -> None:
        """Nested maps keep their path; list elements come back compacted, in index order."""
        item = {"a": {"b": 1, "c": 2}, "l": ["x", "y", "z"], "k": 0}
        assert project(item, [("l", 2), ("a", "c"), ("l", 0), ("absent",)]) == {
            "a": {"c": 2},
            "l": ["x", "z"],
        }

    def test_missing_parts_are_left_out(self) -> None:
        """A path into the wrong type or past the end yields nothing."""
        item = {"a": "s", "l": [1]}
        assert project(item, [("a", "b"), ("l", 5), ("l", "x")]) == {}

    def test_projection_object(self) -> None:
        """The compiled projection copies values and reports top-level names."""
        p = compile_request(names=None, values=None, projection="a.b, c").projection
        assert p is not None
        item: dict[str, Any] = {"a": {"b": [1]}, "c": 2, "d": 3}
        out: Any = p.apply(item)
        assert out == {"a": {"b": [1]}, "c": 2}
        out["a"]["b"].append(9)
        assert item["a"]["b"] == [1]
        assert p.attribute_names == frozenset({"a", "c"})


class TestKeyCondition:
    """KeyCondition exposes the partition value and tests sort-key values."""

    @pytest.mark.parametrize(
        ("expression", "op", "inside", "outside"),
        [
            ("sk = :a", "=", D(1), D(2)),
            ("sk < :a", "<", D(0), D(1)),
            ("sk <= :a", "<=", D(1), D(2)),
            ("sk > :a", ">", D(2), D(1)),
            ("sk >= :a", ">=", D(1), D(0)),
            (":a < sk", ">", D(2), D(1)),
            ("sk BETWEEN :a AND :b", "BETWEEN", D(3), D(4)),
        ],
    )
    def test_range_ops(self, expression: str, op: str, inside: Decimal, outside: Decimal) -> None:
        """Each sort-key operator, including a reversed comparison."""
        values = {":p": "x", ":a": D(1)}
        if ":b" in expression:
            values[":b"] = D(3)
        kc = compile_request(
            names=None, values=values, key_condition=f"pk = :p AND {expression}",
            query_key=("pk", "sk"),
        ).key_condition  # fmt: skip
        assert isinstance(kc, KeyCondition)
        assert (kc.hash_name, kc.hash_value, kc.range_name, kc.range_op) == ("pk", "x", "sk", op)
        assert kc.matches(inside)
        assert not kc.matches(outside)
        assert not kc.matches("1")

    def test_begins_with_bytes(self) -> None:
        """begins_with on a binary sort key compares bytes."""
        kc = compile_request(
            names=None, values={":p": "x", ":b": b"\x01"},
            key_condition="pk = :p AND begins_with(sk, :b)", query_key=("pk", "sk"),
        ).key_condition  # fmt: skip
        assert kc is not None
        assert kc.matches(b"\x01\x02")
        assert not kc.matches(b"\x02")

    def test_hash_only(self) -> None:
        """Without a sort-key condition every sort key matches."""
        kc = compile_request(
            names=None, values={":p": "x"}, key_condition="pk = :p", query_key=("pk", "sk")
        ).key_condition
        assert kc is not None
        assert (kc.range_name, kc.range_op, kc.range_values) == (None, None, ())
        assert kc.matches("anything")


class TestBindCache:
    """Repeated requests reuse the bound condition without changing any outcome."""

    def test_unused_values_still_reported(self) -> None:
        """A cached condition still records which placeholders it used."""
        from pyserverless.dynamo._errors import ValidationException

        for _ in range(2):
            compile_request(names=None, values={":v": "x"}, condition="a = :v")
            with pytest.raises(ValidationException, match=r"keys: \{:w\}"):
                compile_request(names=None, values={":v": "x", ":w": "y"}, condition="a = :v")

    def test_equal_hashing_values_stay_apart(self) -> None:
        """True, 1 and Decimal(1) hash alike but are different DynamoDB values."""
        item = {"a": True}
        for value, expected in ((True, True), (D(1), False), (True, True), (1, False)):
            c = compile_request(names=None, values={":v": value}, condition="a = :v")
            assert c.condition is not None
            assert c.condition.evaluate(item) is expected


class TestDeepRecursion:
    """call_deep retries with room for deep recursion and restores the limit."""

    def test_retry_and_restore(self) -> None:
        """A recursion too deep for the default limit succeeds; the limit is put back."""

        def depth(n: int) -> int:
            return 0 if n == 0 else 1 + depth(n - 1)

        before = sys.getrecursionlimit()
        assert call_deep(lambda: depth(before + 500)) == before + 500
        assert sys.getrecursionlimit() == before

    def test_threads_share_the_raised_limit(self) -> None:
        """Overlapping callers keep the raised limit until the last one is done."""
        before = sys.getrecursionlimit()
        inside = threading.Event()
        release = threading.Event()
        seen: list[int] = []

        def hold() -> None:
            def deep(n: int) -> int:
                if n == 0:
                    inside.set()
                    release.wait(5)
                    return 0
                return 1 + deep(n - 1)

            call_deep(lambda: deep(before + 100))

        worker = threading.Thread(target=hold)
        worker.start()
        assert inside.wait(5)
        seen.append(sys.getrecursionlimit())
        assert call_deep(lambda: 7) == 7  # a second, shallow caller changes nothing
        release.set()
        worker.join(5)
        assert seen == [DEEP_RECURSION_LIMIT]
        assert sys.getrecursionlimit() == before
