"""Hypothesis: expressions from the grammar, random strings, and a reference evaluator."""

# ruff: noqa: E501  (tables of AWS messages and strategies read best one entry per line)

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import compile_request

D = Decimal
NAMES = ["a", "b", "c"]
SCALARS = st.sampled_from(
    ["x", "y", "", "xy", "é𝄞", D(0), D(1), D("-2.5"), b"", b"\x01", True, False, None]
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS
    | st.sampled_from([{"x", "y"}, {"y"}, {D(1), D(2)}, {D(1)}, {b"\x01"}]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip
ITEMS = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=3)

# -- a tiny expression language, rendered to text and evaluated by a reference ---------
PATHS = st.lists(st.sampled_from(NAMES) | st.integers(0, 2), min_size=0, max_size=2).flatmap(
    lambda rest: st.sampled_from(NAMES).map(lambda head: (head, *rest))
)
OPERANDS = st.one_of(
    PATHS.map(lambda p: ("path", p)),
    VALUES.map(lambda v: ("val", v)),
    PATHS.map(lambda p: ("size", p)),
)
TYPES = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"]
LEAVES = st.one_of(
    st.tuples(st.just("cmp"), st.sampled_from(["=", "<>", "<", "<=", ">", ">="]), OPERANDS, OPERANDS),
    st.tuples(st.just("between"), OPERANDS, OPERANDS, OPERANDS),
    st.tuples(st.just("in"), OPERANDS, st.lists(OPERANDS, min_size=1, max_size=3)),
    st.tuples(st.just("exists"), PATHS),
    st.tuples(st.just("not_exists"), PATHS),
    st.tuples(st.just("type"), PATHS, st.sampled_from(TYPES)),
    st.tuples(st.just("begins"), OPERANDS, OPERANDS),
    st.tuples(st.just("contains"), OPERANDS, OPERANDS),
)  # fmt: skip
CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.tuples(st.just("and"), inner, inner),
        st.tuples(st.just("or"), inner, inner),
        st.tuples(st.just("not"), inner),
    ),
    max_leaves=5,
)


class _Render:
    def __init__(self, use_names: bool) -> None:
        self.use_names = use_names
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def path(self, p: tuple[Any, ...]) -> str:
        out = ""
        for element in p:
            if isinstance(element, int):
                out += f"[{element}]"
                continue
            if self.use_names:
                self.names[f"#{element}"] = element
                element = f"#{element}"
            out += ("." if out else "") + element
        return out

    def value(self, v: Any) -> str:
        key = f":v{len(self.values)}"
        self.values[key] = v
        return key

    def operand(self, op: tuple[Any, ...]) -> str:
        if op[0] == "path":
            return self.path(op[1])
        if op[0] == "val":
            return self.value(op[1])
        return f"size({self.path(op[1])})"

    def cond(self, c: tuple[Any, ...]) -> str:
        kind = c[0]
        if kind in ("and", "or"):
            return f"({self.cond(c[1])}) {kind.upper()} ({self.cond(c[2])})"
        if kind == "not":
            return f"NOT ({self.cond(c[1])})"
        if kind == "cmp":
            return f"{self.operand(c[2])} {c[1]} {self.operand(c[3])}"
        if kind == "between":
            return f"{self.operand(c[1])} BETWEEN {self.operand(c[2])} AND {self.operand(c[3])}"
        if kind == "in":
            return f"{self.operand(c[1])} IN ({', '.join(self.operand(o) for o in c[2])})"
        if kind == "exists":
            return f"attribute_exists({self.path(c[1])})"
        if kind == "not_exists":
            return f"attribute_not_exists({self.path(c[1])})"
        if kind == "type":
            return f"attribute_type({self.path(c[1])}, {self.value(c[2])})"
        name = "begins_with" if kind == "begins" else "contains"
        return f"{name}({self.operand(c[1])}, {self.operand(c[2])})"


# -- the reference: deliberately plain --------------------------------------------------
_ABSENT = object()


def _tag(v: Any) -> str:
    if isinstance(v, bool):
        return "BOOL"
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "S"
    if isinstance(v, Decimal):
        return "N"
    if isinstance(v, bytes):
        return "B"
    if isinstance(v, list):
        return "L"
    if isinstance(v, dict):
        return "M"
    first = next(iter(v))
    return {str: "SS", Decimal: "NS", bytes: "BS"}[type(first)]


def _canon(v: Any) -> Any:
    t = _tag(v)
    if t == "L":
        return (t, tuple(_canon(x) for x in v))
    if t == "M":
        return (t, frozenset((k, _canon(x)) for k, x in v.items()))
    if t in ("SS", "NS", "BS"):
        return (t, frozenset(v))
    if t == "N":
        return (t, v.normalize())
    return (t, v)


def _get(item: dict[str, Any], p: tuple[Any, ...]) -> Any:
    v: Any = item
    for element in p:
        if isinstance(element, int):
            if not isinstance(v, list) or element >= len(v):
                return _ABSENT
        elif not isinstance(v, dict) or element not in v:
            return _ABSENT
        v = v[element]
    return v


def _ref_operand(item: dict[str, Any], op: tuple[Any, ...]) -> Any:
    if op[0] == "val":
        return op[1]
    v = _get(item, op[1])
    if op[0] == "path" or v is _ABSENT:
        return v
    t = _tag(v)
    if t in ("N", "BOOL", "NULL"):
        return _ABSENT
    if t == "S":  # Java's String.length(): UTF-16 code units
        return D(len(v.encode("utf-16-le")) // 2)
    return D(len(v))


def _key(v: Any) -> Any:
    t = _tag(v)
    if t not in ("S", "N", "B"):
        return None
    return (t, v.encode() if t == "S" else v)


def _ref(item: dict[str, Any], c: tuple[Any, ...]) -> bool:
    kind = c[0]
    if kind == "and":
        return _ref(item, c[1]) and _ref(item, c[2])
    if kind == "or":
        return _ref(item, c[1]) or _ref(item, c[2])
    if kind == "not":
        return not _ref(item, c[1])
    if kind == "exists":
        return _get(item, c[1]) is not _ABSENT
    if kind == "not_exists":
        return _get(item, c[1]) is _ABSENT
    if kind == "type":
        v = _get(item, c[1])
        return v is not _ABSENT and _tag(v) == c[2]
    if kind == "cmp":
        a, b = _ref_operand(item, c[2]), _ref_operand(item, c[3])
        if c[1] == "<>":
            return a is _ABSENT or b is _ABSENT or _canon(a) != _canon(b)
        if a is _ABSENT or b is _ABSENT:
            return False
        if c[1] == "=":
            return _canon(a) == _canon(b)
        ka, kb = _key(a), _key(b)
        if ka is None or kb is None or ka[0] != kb[0]:
            return False
        return {"<": ka < kb, "<=": ka <= kb, ">": ka > kb, ">=": ka >= kb}[c[1]]
    if kind == "between":
        x, lo, hi = (_ref_operand(item, o) for o in c[1:])
        if _ABSENT in (x, lo, hi):
            return False
        kx, kl, kh = _key(x), _key(lo), _key(hi)
        if kx is None or kl is None or kh is None or not kx[0] == kl[0] == kh[0]:
            return False
        return kl <= kx <= kh
    if kind == "in":
        x = _ref_operand(item, c[1])
        options = [_ref_operand(item, o) for o in c[2]]
        return x is not _ABSENT and any(
            o is not _ABSENT and _canon(o) == _canon(x) for o in options
        )
    a, b = _ref_operand(item, c[1]), _ref_operand(item, c[2])
    if a is _ABSENT or b is _ABSENT:
        return False
    ta, tb = _tag(a), _tag(b)
    if kind == "begins":
        return ta == tb and ta in ("S", "B") and a.startswith(b)
    if ta in ("S", "B"):
        return ta == tb and b in a
    if ta in ("SS", "NS", "BS"):
        return tb == ta[0] and b in a
    if ta == "L":
        return any(_canon(x) == _canon(b) for x in a)
    return False


class TestReferenceEvaluator:
    """Evaluation agrees with the plain reference evaluator above."""

    @given(CONDITIONS, st.lists(ITEMS, min_size=1, max_size=4), st.booleans())
    def test_agrees(self, cond: tuple[Any, ...], items: list[dict[str, Any]], names: bool) -> None:
        """Every valid random condition evaluates as the reference says, on every item."""
        r = _Render(names)
        text = r.cond(cond)
        try:
            compiled = compile_request(names=r.names or None, values=r.values, condition=text)
        except ValidationException:
            assume(False)
            raise
        assert compiled.condition is not None
        for item in items:
            assert compiled.condition.evaluate(item) is _ref(item, cond), (text, item)


UPDATE_ACTIONS = st.one_of(
    st.tuples(st.just("SET"), PATHS, st.one_of(
        PATHS.map(lambda p: ("path", p)),
        VALUES.map(lambda v: ("val", v)),
        st.tuples(st.just("arith"), st.sampled_from("+-"), PATHS, VALUES),
        st.tuples(st.just("ine"), PATHS, VALUES),
        st.tuples(st.just("append"), PATHS, VALUES),
    )),
    st.tuples(st.just("REMOVE"), PATHS),
    st.tuples(st.just("ADD"), PATHS, VALUES),
    st.tuples(st.just("DELETE"), PATHS, VALUES),
)  # fmt: skip


def _render_update(actions: list[tuple[Any, ...]]) -> tuple[str, dict[str, Any]]:
    r = _Render(False)
    clauses: dict[str, list[str]] = {}
    for action in actions:
        word, path = action[0], r.path(action[1])
        if word == "REMOVE":
            text = path
        elif word in ("ADD", "DELETE"):
            text = f"{path} {r.value(action[2])}"
        else:
            v = action[2]
            if v[0] == "arith":
                rhs = f"{r.path(v[2])} {v[1]} {r.value(v[3])}"
            elif v[0] == "ine":
                rhs = f"if_not_exists({r.path(v[1])}, {r.value(v[2])})"
            elif v[0] == "append":
                rhs = f"list_append({r.path(v[1])}, {r.value(v[2])})"
            else:
                rhs = r.operand(v)
            text = f"{path} = {rhs}"
        clauses.setdefault(word, []).append(text)
    return " ".join(f"{w} {', '.join(t)}" for w, t in clauses.items()), r.values


class TestGrammar:
    """Random expressions from the grammar raise nothing but AWS-coded errors."""

    @given(CONDITIONS, ITEMS)
    def test_conditions(self, cond: tuple[Any, ...], item: dict[str, Any]) -> None:
        """Compiling and evaluating a grammar-built condition: a bool or ValidationException."""
        r = _Render(True)
        try:
            c = compile_request(names=r.names or None, values=r.values, filter=r.cond(cond))
        except ValidationException as err:
            c, error = None, err
        if c is None:
            assert error.code == "ValidationException"
            return
        assert c.filter is not None
        assert isinstance(c.filter.evaluate(item), bool)

    @given(st.lists(UPDATE_ACTIONS, min_size=1, max_size=4), ITEMS)
    def test_updates(self, actions: list[tuple[Any, ...]], item: dict[str, Any]) -> None:
        """Applying a grammar-built update: a new item or ValidationException, never a change."""
        text, values = _render_update(actions)
        before = copy.deepcopy(item)
        result: tuple[dict[str, Any], frozenset[str]] | ValidationException
        try:
            update = compile_request(names=None, values=values or None, update=text).update
            assert update is not None
            result = update.apply(item)
        except ValidationException as err:
            result = err
        assert item == before
        if isinstance(result, ValidationException):
            assert result.code == "ValidationException"
            return
        new, touched = result
        assert isinstance(new, dict)
        assert touched <= set(NAMES)
        assert {k for k in new if new.get(k) != before.get(k)} <= touched


EXPRESSION_TEXT = st.lists(
    st.sampled_from([*list("abc#:_ .,[]()=<>+-0129$\"'"), "AND ", "OR ", "NOT ", "SET ", "REMOVE ", "ADD ", "DELETE ", "BETWEEN ", "IN ", "size", "contains", "if_not_exists", "list_append", ":v", "#n"]),
    max_size=25,
).map("".join)  # fmt: skip


class TestRandomStrings:
    """Arbitrary text raises nothing but ValidationException."""

    @given(
        EXPRESSION_TEXT,
        st.sampled_from(["condition", "filter", "key_condition", "update", "projection"]),
        st.booleans(),
    )
    def test_random_text(self, text: str, kind: str, placeholders: bool) -> None:
        """Whatever the text, the outcome is a compiled request or a ValidationException."""
        names = {"#n": "n"} if placeholders else None
        values = {":v": "x"} if placeholders else None
        outcome: Any
        try:
            outcome = compile_request(
                names=names,
                values=values,
                query_key=("a", "b"),
                **{kind: text},  # type: ignore[arg-type]
            )
        except ValidationException as err:
            outcome = err
        if isinstance(outcome, ValidationException):
            assert outcome.code == "ValidationException"
            assert outcome.message
        else:
            assert getattr(outcome, kind) is not None

    @given(st.text(max_size=30))
    def test_any_unicode(self, text: str) -> None:
        """Even arbitrary Unicode only ever fails with ValidationException."""
        outcome: Any = None
        try:
            compile_request(names=None, values=None, condition=text)
        except ValidationException as err:
            outcome = err
        if outcome is not None:
            assert outcome.message.startswith(("Invalid ConditionExpression: ", "Value provided"))


KEY_VALUES = st.one_of(
    st.text(max_size=3), st.decimals(-5, 5, places=1), st.binary(max_size=3)
)  # fmt: skip
RANGE_CONDITIONS = st.one_of(
    st.tuples(st.sampled_from(["=", "<", "<=", ">", ">="]), KEY_VALUES).map(
        lambda t: (f"sk {t[0]} :a", {":a": t[1]})
    ),
    st.tuples(KEY_VALUES, KEY_VALUES).map(
        lambda t: ("sk BETWEEN :a AND :b", {":a": t[0], ":b": t[1]})
    ),
    st.text(max_size=2).map(lambda p: ("begins_with(sk, :a)", {":a": p})),
    st.binary(max_size=2).map(lambda p: ("begins_with(sk, :a)", {":a": p})),
)


class TestKeyConditionAgreement:
    """A KeyCondition's sort-key test agrees with the same text evaluated as a condition."""

    @given(RANGE_CONDITIONS, st.lists(KEY_VALUES, min_size=1, max_size=5))
    def test_matches(self, range_condition: tuple[str, dict[str, Any]], keys: list[Any]) -> None:
        """matches(v) is the condition evaluated on {pk, sk: v}."""
        text, values = range_condition
        values = {":p": "p", **values}
        expression = f"pk = :p AND {text}"
        outcome: Any
        try:
            outcome = compile_request(
                names=None, values=values, key_condition=expression, query_key=("pk", "sk")
            )
        except ValidationException as err:
            outcome = err
        if isinstance(outcome, ValidationException):
            assert "BETWEEN" in outcome.message
            return
        kc = outcome.key_condition
        cond = compile_request(names=None, values=values, condition=expression).condition
        assert kc is not None
        assert cond is not None
        for key in keys:
            assert kc.matches(key) is cond.evaluate({"pk": "p", "sk": key}), (expression, key)
