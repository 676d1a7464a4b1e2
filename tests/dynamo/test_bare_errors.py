"""Inputs that once escaped as bare Python errors now get AWS's answer, and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import AWSError, Cloud

ENUM = "[EQ, NE, IN, LE, LT, GE, GT, BETWEEN, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH]"


@pytest.fixture
def ddb() -> Any:
    client = Cloud.manual().client("dynamodb")
    client.create_table(
        TableName="tab",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


class TestUnknownComparisonOperator:
    @pytest.mark.parametrize(
        ("call", "where"),
        [
            (
                lambda d, op: d.scan(
                    TableName="tab",
                    ScanFilter={
                        "a": {"ComparisonOperator": op, "AttributeValueList": [{"S": "x"}]}
                    },
                ),
                "scanFilter.a.member.comparisonOperator",
            ),
            (
                lambda d, op: d.query(
                    TableName="tab",
                    KeyConditions={
                        "k": {"ComparisonOperator": op, "AttributeValueList": [{"S": "x"}]}
                    },
                ),
                "keyConditions.k.member.comparisonOperator",
            ),
            (
                lambda d, op: d.query(
                    TableName="tab",
                    KeyConditions={
                        "k": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}
                    },
                    QueryFilter={
                        "b": {"ComparisonOperator": op, "AttributeValueList": [{"S": "x"}]}
                    },
                ),
                "queryFilter.b.member.comparisonOperator",
            ),
            (
                lambda d, op: d.put_item(
                    TableName="tab",
                    Item={"k": {"S": "a"}},
                    Expected={"b": {"ComparisonOperator": op, "AttributeValueList": [{"S": "x"}]}},
                ),
                "expected.b.member.comparisonOperator",
            ),
        ],
        ids=["scan", "key-conditions", "query-filter", "expected"],
    )
    @pytest.mark.parametrize("op", ["NOPE", "eq", ""])
    def test_enum_violation_is_a_validation_exception(
        self, ddb: Any, call: Any, where: str, op: str
    ) -> None:
        """A ComparisonOperator outside the enum: AWS's constraint message, not IndexError."""
        with pytest.raises(AWSError) as caught:
            call(ddb, op)
        assert caught.value.code == "ValidationException"
        assert caught.value.message == (
            f"1 validation error detected: Value '{op}' at '{where}' failed to satisfy "
            f"constraint: Member must satisfy enum value set: {ENUM}"
        )
        assert ddb.scan(TableName="tab")["Items"] == []

    def test_a_known_operator_still_works(self, ddb: Any) -> None:
        """EQ, the last value of the enum's neighbours, is accepted."""
        ddb.put_item(TableName="tab", Item={"k": {"S": "a"}, "b": {"S": "x"}})
        out = ddb.scan(
            TableName="tab",
            ScanFilter={"b": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}},
        )
        assert out["Count"] == 1


def test_a_lone_surrogate_is_a_serialization_exception(ddb: Any) -> None:
    """No JSON body can carry a lone surrogate: SerializationException, and no table made."""
    with pytest.raises(AWSError) as caught:
        ddb.create_table(
            TableName="tab2",
            KeySchema=[{"AttributeName": "k\ud800", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k\ud800", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    assert caught.value.code == "SerializationException"
    assert ddb.list_tables()["TableNames"] == ["tab"]
