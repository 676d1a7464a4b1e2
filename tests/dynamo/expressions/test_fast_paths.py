"""The fast paths (request compile cache, top-level SET updates) change no behaviour."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import Update, compile_request

NAMES = ("a", "b", "c")
VALUES = st.one_of(
    st.integers(-5, 5).map(Decimal),
    st.text(max_size=3),
    st.lists(st.integers(0, 3).map(Decimal), max_size=2),
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 3).map(Decimal), max_size=2),
)
OPERANDS = st.sampled_from(
    [":v", ":n", "a", "b", "a + :n", "b - :n", "if_not_exists(c, :v)", "list_append(a, :l)"]
)


def _general(update: Update) -> Update:
    """The same update with the top-level-SET fast path turned off."""
    slow = attrs.evolve(update)
    object.__setattr__(slow, "_top_sets", None)
    return slow


def _outcome(update: Update, item: dict[str, Any]) -> Any:
    try:
        return update.apply(item)
    except ValidationException as err:
        return ("error", err.message)


@given(
    item=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=3),
    sets=st.lists(st.tuples(st.sampled_from(NAMES), OPERANDS), min_size=1, max_size=3),
    v=VALUES,
)
def test_top_level_sets_match_the_general_path(
    item: dict[str, Any], sets: list[tuple[str, str]], v: Any
) -> None:
    """Top-level SETs give the same item, names and errors as the general path."""
    targets: dict[str, str] = dict(sets)  # one action per attribute (overlaps are refused)
    text = "SET " + ", ".join(f"{name} = {op}" for name, op in targets.items())
    values = {":v": v, ":n": Decimal(1), ":l": [Decimal(9)]}
    used = {k: values[k] for k in values if k in text}
    try:
        update = compile_request(names=None, values=used or None, update=text).update
    except ValidationException:
        return  # refused before any item is read: no path to compare
    assert update is not None and update._top_sets is not None
    before = copy.deepcopy(item)
    fast = _outcome(update, item)
    assert fast == _outcome(_general(update), item)
    assert item == before  # the caller's item is never changed
    if not isinstance(fast, tuple) or fast[0] != "error":
        new, _touched = fast
        for name in targets:  # stored values share nothing mutable with the request
            if isinstance(new.get(name), (list, dict)):
                assert new[name] is not used.get(":v") and new[name] is not item.get(name)


def test_nested_or_mixed_updates_take_the_general_path() -> None:
    """Only updates made wholly of top-level SETs take the fast path."""
    for text in ("SET a.b = :v", "SET a = :v REMOVE b", "ADD n :v", "SET a[0] = :v"):
        update = compile_request(names=None, values={":v": Decimal(1)}, update=text).update
        assert update is not None and update._top_sets is None, text


class TestCompileCache:
    def test_repeated_request_shares_the_compiled_result(self) -> None:
        """The same request compiles once; different values compile afresh."""
        args: dict[str, Any] = {"names": {"#a": "a"}, "values": {":v": Decimal(1)}}
        first = compile_request(condition="#a = :v", **args)
        assert compile_request(condition="#a = :v", **args) is first
        other = compile_request(names={"#a": "a"}, values={":v": Decimal(2)}, condition="#a = :v")
        assert other is not first
        assert other.condition is not None and other.condition.evaluate({"a": Decimal(2)})

    def test_errors_are_raised_every_time(self) -> None:
        """A refused request is refused again (errors are not cached), each a new error."""
        errors = []
        for _ in range(2):
            with pytest.raises(ValidationException) as info:
                compile_request(names=None, values={":v": "x", ":w": "y"}, condition="a = :v")
            errors.append(info.value)
        assert errors[0] is not errors[1]
        assert errors[0].message == errors[1].message

    def test_large_values_are_not_cached(self) -> None:
        """Long string values bypass the cache (its memory stays bounded)."""
        big = {":v": "x" * 5000}
        first = compile_request(names=None, values=big, condition="a = :v")
        assert compile_request(names=None, values=big, condition="a = :v") is not first


NUMBERS = st.one_of(
    st.integers(-(10**38) + 1, 10**38 - 1).map(Decimal),
    st.integers(-(10**6), 10**6).map(lambda n: Decimal(n).scaleb(-3)),
    st.sampled_from([Decimal("9.9999999999999999999999999999999999999E+125"), Decimal("1E-130")]),
)


@given(a=NUMBERS, b=NUMBERS, op=st.sampled_from("+-"))
def test_integer_arithmetic_matches_the_canonical_path(a: Decimal, b: Decimal, op: str) -> None:
    """Update arithmetic's integer shortcut gives canonical_number's value and text."""
    from pyserverless.dynamo._expressions._update import _EXACT, arith
    from pyserverless.dynamo._numbers import canonical_number, number_text

    exact = _EXACT.add(a, b) if op == "+" else _EXACT.subtract(a, b)
    refused: str | None
    try:
        expected = canonical_number(exact)[0]
    except ValidationException as err:
        refused = err.message
    else:
        refused = None
    if refused is not None:
        with pytest.raises(ValidationException) as info:
            arith(op, a, b)
        assert info.value.message == refused
        return
    got = arith(op, a, b)
    assert got == expected and number_text(got) == number_text(expected)
    assert got.as_tuple() == expected.as_tuple()
