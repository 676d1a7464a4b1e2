"""Applying UpdateExpressions: SET, REMOVE, ADD, DELETE, all or nothing."""

# ruff: noqa: E501  (tables of AWS messages and strategies read best one entry per line)

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import Update, compile_request

D = Decimal


def update_of(expression: str, names: dict[str, str] | None = None, **values: Any) -> Update:
    # Only the values the expression names (unused ones are rejected).
    used = set(re.findall(r":\w+", expression))
    vals = {f":{k}": v for k, v in values.items() if f":{k}" in used} or None
    up = compile_request(names=names, values=vals, update=expression).update
    assert up is not None
    return up


def apply(expression: str, item: dict[str, Any], **values: Any) -> dict[str, Any]:
    before = copy.deepcopy(item)
    new, _touched = update_of(expression, **values).apply(item)
    assert item == before, "apply() must not change its argument"
    return new


def failure(expression: str, item: dict[str, Any], **values: Any) -> str:
    before = copy.deepcopy(item)
    with pytest.raises(ValidationException) as info:
        update_of(expression, **values).apply(item)
    assert item == before
    return info.value.message


class TestSet:
    """SET writes values, arithmetic, if_not_exists and list_append."""

    def test_values_and_nested_paths(self) -> None:
        """SET writes top-level and nested attributes; a list index past the end appends."""
        item = {"pk": "a", "m": {"x": D(1)}, "l": ["a", "b"]}
        new = apply("SET s = :s, m.y = :n, l[1] = :s, l[9] = :n", item, s="v", n=D(2))
        assert new == {"pk": "a", "s": "v", "m": {"x": D(1), "y": D(2)}, "l": ["a", "v", D(2)]}

    def test_operands_read_the_old_item(self) -> None:
        """Every operand is read before anything is written (a swap works)."""
        new = apply("SET a = b, b = a", {"a": "1", "b": "2"})
        assert new == {"a": "2", "b": "1"}

    def test_arithmetic(self) -> None:
        """+ and - work on numbers in DynamoDB's 38-digit range."""
        new = apply("SET n = n + :one, m = :one - n", {"n": D("1.5")}, one=D(1))
        assert new == {"n": D("2.5"), "m": D("-0.5")}

    def test_if_not_exists(self) -> None:
        """if_not_exists uses the attribute when present, the fallback otherwise."""
        up = update_of("SET c = if_not_exists(c, :z) + :one", z=D(0), one=D(1))
        assert up.apply({})[0] == {"c": D(1)}
        assert up.apply({"c": D(41)})[0] == {"c": D(42)}

    def test_list_append(self) -> None:
        """list_append concatenates two lists in order."""
        new = apply("SET l = list_append(:h, l)", {"l": [D(2)]}, h=[D(1)])
        assert new == {"l": [D(1), D(2)]}

    @pytest.mark.parametrize(
        ("expression", "item", "message"),
        [
            ("SET c = b", {}, "The provided expression refers to an attribute that does not exist in the item"),
            ("SET e = list_append(b, c)", {}, "The provided expression refers to an attribute that does not exist in the item"),
            ("SET b.a = :v", {}, "The document path provided in the update expression is invalid for update"),
            ("SET b[1] = :v", {}, "The document path provided in the update expression is invalid for update"),
            ("SET s.a = :v", {"s": "x"}, "The document path provided in the update expression is invalid for update"),
            ("SET m[1] = :v", {"m": {"1": "a"}}, "The document path provided in the update expression is invalid for update"),
            ("SET l.a = :v", {"l": ["a"]}, "The document path provided in the update expression is invalid for update"),
            ("SET e = s + :n", {"s": "x"}, "An operand in the update expression has an incorrect data type"),
            ("SET e = list_append(s, :l)", {"s": "x"}, "An operand in the update expression has an incorrect data type"),
        ],
    )  # fmt: skip
    def test_data_errors(self, expression: str, item: dict[str, Any], message: str) -> None:
        """Data-dependent errors carry DynamoDB's message and change nothing."""
        assert failure(expression, item, v="v", n=D(1), l=[D(1)]) == message

    @pytest.mark.parametrize(
        ("start", "delta", "message"),
        [
            (
                D("9.9999999999999999999999999999999999999E+125"),
                D("1E+125"),
                (
                    "Number overflow. Attempting to store a number with magnitude larger than "
                    "supported range"
                ),
            ),
            (
                D("1" * 38),
                D("0.1"),
                "Attempting to store more than 38 significant digits in a Number",
            ),
        ],
    )
    def test_number_limits(self, start: Decimal, delta: Decimal, message: str) -> None:
        """Arithmetic results are checked like stored numbers."""
        assert failure("SET n = n + :d", {"n": start}, d=delta) == message


class TestRecordedUpdate:
    """An update whose result was recorded against DynamoDB (dynalite's updateItem tests)."""

    def test_nested_update(self) -> None:
        """Parenthesised operands, old-item reads, and appends applied in index order."""
        up = update_of(
            "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c "
            "add c[8] :b, c[6] :a",
            a=D(2),
            b={"a"},
        )
        old = {"a": "K", "b": {"a": D(1), "b": D(2), "c": D(3)}, "c": [D(1), D(3)]}
        new, _ = up.apply(old)
        assert new == {
            "a": "K",
            "b": {"a": "K", "b": D(2), "c": D(4)},
            "c": [D(1), "K", D(3), D(-1), D(2), {"a"}],
        }
        # ReturnValues=UPDATED_NEW as DynamoDB returned it.
        assert up.select(new) == {"b": {"a": "K", "c": D(4)}, "c": ["K", D(3), D(2)]}


class TestRemove:
    """REMOVE deletes attributes and list elements; later elements shift down."""

    def test_remove(self) -> None:
        """Attributes, map keys and list elements go; missing ones are ignored."""
        item = {"a": "x", "m": {"k": "v", "j": "w"}, "l": ["0", "1", "2", "3"]}
        new = apply("REMOVE a, m.k, l[1], l[3], absent, m.absent, l[9]", item)
        assert new == {"m": {"j": "w"}, "l": ["0", "2"]}

    def test_through_missing_parent(self) -> None:
        """Removing through a missing or non-container parent is rejected."""
        for expression in ("REMOVE y.a", "REMOVE y[1]", "REMOVE s.a", "REMOVE m[1]"):
            message = failure(expression, {"s": "x", "m": {"a": "b"}})
            assert message == (
                "The document path provided in the update expression is invalid for update"
            )


class TestAddDelete:
    """ADD adds numbers and set elements; DELETE removes set elements."""

    def test_add(self) -> None:
        """ADD creates missing attributes, sums numbers and unions sets."""
        item = {"n": D(1), "ss": {"a"}, "m": {}}
        new = apply("ADD n :n, ss :s, fresh :n, m.c :n", item, n=D(2), s={"b", "a"})
        assert new == {"n": D(3), "ss": {"a", "b"}, "fresh": D(2), "m": {"c": D(2)}}

    def test_delete(self) -> None:
        """DELETE removes elements; removing the last one removes the attribute."""
        item = {"ns": {D(1), D(2), D(3)}, "bs": {b"x"}}
        new = apply("DELETE ns :n, bs :b, absent :n", item, n={D(1), D(4)}, b={b"x"})
        assert new == {"ns": {D(2), D(3)}}

    @pytest.mark.parametrize(
        ("expression", "item"),
        [
            ("ADD n :s", {"n": D(1)}),
            ("ADD ss :n", {"ss": {"a"}}),
            ("ADD s :n", {"s": "x"}),
            ("DELETE n :s", {"n": D(1)}),
            ("DELETE ss :ns", {"ss": {"a"}}),
        ],
    )
    def test_type_mismatch(self, expression: str, item: dict[str, Any]) -> None:
        """Mismatched types are rejected with DynamoDB's data-type message."""
        message = failure(expression, item, s={"a"}, n=D(1), ns={D(1)})
        assert message == "An operand in the update expression has an incorrect data type"

    def test_atomic(self) -> None:
        """A failing action leaves the item untouched even after earlier actions ran."""
        item = {"a": "x", "n": "not a number", "l": ["0"]}
        message = failure("SET a = :v, l[0] = :v REMOVE b ADD n :one", item, v="y", one=D(1))
        assert message == "An operand in the update expression has an incorrect data type"


class TestReporting:
    """updated_paths, attribute_names and select() support ReturnValues."""

    def test_paths_and_select(self) -> None:
        """The update reports its paths and projects old or new items onto them."""
        up = update_of("SET m.a = :v REMOVE r ADD n :one", v="x", one=D(1))
        assert up.updated_paths == (("m", "a"), ("r",), ("n",))
        assert up.attribute_names == frozenset({"m", "r", "n"})
        old = {"m": {"a": "old", "b": "keep"}, "r": "gone", "n": D(1), "other": 1}
        new, touched = up.apply(old)
        assert touched == frozenset({"m", "r", "n"})
        assert up.select(old) == {"m": {"a": "old"}, "r": "gone", "n": D(1)}
        assert up.select(new) == {"m": {"a": "x"}, "n": D(2)}

    def test_new_item_does_not_share_touched_values(self) -> None:
        """Changing the new item's nested values never reaches the old item."""
        old: dict[str, Any] = {"m": {"a": ["x"]}, "keep": {"k": 1}}
        new, _ = update_of("SET m.b = :v", v="y").apply(old)
        new["m"]["a"].append("z")
        assert old == {"m": {"a": ["x"]}, "keep": {"k": 1}}
