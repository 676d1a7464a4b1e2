"""Legacy parameters translate into the same objects, with DynamoDB's messages."""

# ruff: noqa: E501  (tables of AWS messages and strategies read best one entry per line)

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import legacy

D = Decimal


def rejected(fn: Any, *args: Any) -> str:
    with pytest.raises(ValidationException) as info:
        fn(*args)
    return info.value.message


class TestExpected:
    """Expected with Value/Exists or ComparisonOperator, joined by ConditionalOperator."""

    def test_value_and_exists(self) -> None:
        """Value means equality; Exists false means the attribute is absent."""
        c = legacy.expected_condition({"a": {"Value": "x"}, "b": {"Exists": False}}, None)
        assert c.evaluate({"a": "x"})
        assert not c.evaluate({"a": "x", "b": 1})
        assert not c.evaluate(None)

    def test_or(self) -> None:
        """ConditionalOperator OR joins the conditions with OR."""
        c = legacy.expected_condition(
            {"a": {"Value": "x"}, "b": {"ComparisonOperator": "NOT_NULL"}}, "OR"
        )
        assert c.evaluate({"b": 1})
        assert not c.evaluate({"a": "y"})

    @pytest.mark.parametrize(
        ("spec", "message"),
        [
            ({}, "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"),
            ({"Exists": True}, "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"),
            ({"Exists": False, "Value": "x"}, "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a"),
            ({"ComparisonOperator": "EQ", "AttributeValueList": []}, "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"),
            ({"ComparisonOperator": "GT", "AttributeValueList": [True]}, "One or more parameter values were invalid: ComparisonOperator GT is not valid for BOOL AttributeValue type"),
            ({"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"a"}]}, "One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for SS AttributeValue type"),
            ({"ComparisonOperator": "IN", "AttributeValueList": ["b", D(1)]}, "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type"),
            ({"ComparisonOperator": "BETWEEN", "AttributeValueList": ["b", "a"]}, "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
        ],
    )  # fmt: skip
    def test_rejections(self, spec: dict[str, Any], message: str) -> None:
        """Malformed Expected entries are rejected before any item is read."""
        assert rejected(legacy.expected_condition, {"a": spec}, None) == message


class TestFilters:
    """QueryFilter/ScanFilter operators map onto expression semantics."""

    @pytest.mark.parametrize(
        ("op", "values", "item", "expected"),
        [
            ("EQ", ["x"], {"a": "x"}, True),
            ("NE", ["x"], {}, True),
            ("LT", [D(3)], {"a": D(2)}, True),
            ("GE", [D(3)], {"a": D(2)}, False),
            ("NULL", [], {}, True),
            ("NOT_NULL", [], {}, False),
            ("CONTAINS", ["b"], {"a": {"a", "b"}}, True),
            ("NOT_CONTAINS", ["z"], {"a": "abc"}, True),
            ("NOT_CONTAINS", ["z"], {}, True),
            ("BEGINS_WITH", ["ab"], {"a": "abc"}, True),
            ("IN", ["x", "y"], {"a": "y"}, True),
            ("BETWEEN", [D(1), D(3)], {"a": D(3)}, True),
        ],
    )
    def test_operator(
        self, op: str, values: list[Any], item: dict[str, Any], expected: bool
    ) -> None:
        """Each ComparisonOperator evaluates as documented."""
        c = legacy.filter_condition(
            {"a": {"ComparisonOperator": op, "AttributeValueList": values}}, None
        )
        assert c.evaluate(item) is expected


class TestKeyConditions:
    """KeyConditions become a KeyCondition for the queried key."""

    def test_range(self) -> None:
        """EQ on the partition key plus one sort-key operator."""
        kc = legacy.key_conditions(
            {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": ["u"]},
             "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": ["a", "c"]}},
            ("pk", "sk"),
        )  # fmt: skip
        assert (kc.hash_value, kc.range_op, kc.range_values) == ("u", "BETWEEN", ("a", "c"))
        assert kc.matches("b")
        assert not kc.matches("d")

    @pytest.mark.parametrize(
        ("conditions", "message"),
        [
            ({"a": {"ComparisonOperator": "NULL"}}, "Attempted conditional constraint is not an indexable operation"),
            ({"a": {"ComparisonOperator": "LE", "AttributeValueList": ["a"]}}, "Query key condition not supported"),
            ({"c": {"ComparisonOperator": "EQ", "AttributeValueList": ["a"]}}, "Query condition missed key schema element a"),
            ({"a": {"ComparisonOperator": "EQ", "AttributeValueList": ["a"]}, "c": {"ComparisonOperator": "EQ", "AttributeValueList": ["a"]}}, "Query condition missed key schema element b"),
            ({}, "Conditions can be of length 1 or 2 only"),
        ],
    )  # fmt: skip
    def test_rejections(self, conditions: dict[str, Any], message: str) -> None:
        """DynamoDB's KeyConditions messages."""
        assert rejected(legacy.key_conditions, conditions, ("a", "b")) == message


class TestAttributeUpdates:
    """AttributeUpdates PUT, ADD and DELETE."""

    def test_actions(self) -> None:
        """PUT replaces, ADD sums/unions/appends, DELETE removes attributes or elements."""
        up = legacy.attribute_updates({
            "p": {"Value": "new"},
            "n": {"Action": "ADD", "Value": D(2)},
            "l": {"Action": "ADD", "Value": ["b"]},
            "s": {"Action": "DELETE", "Value": {"a"}},
            "gone": {"Action": "DELETE"},
        })  # fmt: skip
        old = {"p": "old", "n": D(1), "l": ["a"], "s": {"a"}, "gone": 1}
        new, touched = up.apply(old)
        assert new == {"p": "new", "n": D(3), "l": ["a", "b"]}
        assert touched == frozenset({"p", "n", "l", "s", "gone"})
        assert old["n"] == D(1)

    @pytest.mark.parametrize(
        ("updates", "message"),
        [
            ({"a": {"Action": "PUT"}}, "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"),
            ({"a": {"Action": "DELETE", "Value": "x"}}, "One or more parameter values were invalid: DELETE action with value is not supported for the type S"),
            ({"a": {"Action": "ADD", "Value": True}}, "One or more parameter values were invalid: ADD action is not supported for the type BOOL"),
            ({"k": {"Value": "x"}}, "One or more parameter values were invalid: Cannot update attribute k. This attribute is part of the key"),
        ],
    )  # fmt: skip
    def test_rejections(self, updates: dict[str, Any], message: str) -> None:
        """Invalid AttributeUpdates are rejected up front."""
        assert rejected(legacy.attribute_updates, updates, ("k", None)) == message

    def test_type_mismatch(self) -> None:
        """Adding to an attribute of another type is rejected, changing nothing."""
        up = legacy.attribute_updates({"n": {"Action": "ADD", "Value": D(1)}})
        with pytest.raises(ValidationException) as info:
            up.apply({"n": "x"})
        assert info.value.message == "Type mismatch for attribute to update"


class TestAttributesToGet:
    """AttributesToGet is a top-level projection."""

    def test_projection(self) -> None:
        """Only the named attributes come back; duplicates are rejected."""
        assert legacy.attributes_to_get(["a"]).apply({"a": 1, "b": 2}) == {"a": 1}
        message = rejected(legacy.attributes_to_get, ["a", "a"])
        assert message == (
            "One or more parameter values were invalid: Duplicate value in attribute name: a"
        )
