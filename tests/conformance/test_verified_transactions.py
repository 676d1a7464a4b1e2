"""A transaction's key errors, as DynamoDB answers them (see test_verified_messages.py).

A key too large, of the wrong type or not matching the schema cancels its action
(reason ``ValidationError``), and the other actions report ``None``; an empty key value
is refused whole. Sources: ExtendDB/extenddb tests/test_transaction_key_size_validation.py
("matching real DynamoDB"); nubo-db/dynoxide's CHANGELOG (0.9.10, #95, #98: wrong-type
and non-scalar keys cancel, empty strings are top-level, confirmed against DynamoDB).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ._verified_cases import TABLE
from .test_verified_messages import _refusal, make_table

TOO_BIG_KEY = "a" * 2049  # one byte past the 2,048 of a partition key


@pytest.fixture
def table(dynamodb: Any) -> str:
    return make_table(dynamodb)


class TestTransactionKeys:
    """A key too large cancels its action (reason ValidationError); the request is not
    refused whole, unlike an empty key (extenddb-keysize)."""

    ACTIONS = (
        ("transact_write_items", {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "{k}"}}}}),
        ("transact_write_items", {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "{k}"}}}}),
        (
            "transact_write_items",
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "{k}"}},
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
        ),
        (
            "transact_write_items",
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "{k}"}},
                    "UpdateExpression": "SET d = :v",
                    "ExpressionAttributeValues": {":v": {"S": "x"}},
                }
            },
        ),
        ("transact_get_items", {"Get": {"TableName": TABLE, "Key": {"pk": {"S": "{k}"}}}}),
    )

    @staticmethod
    def _request(action: dict[str, Any], key: str) -> dict[str, Any]:
        filled: dict[str, Any] = json.loads(json.dumps(action).replace("{k}", key))
        return {"TransactItems": [filled]}

    @pytest.mark.parametrize(("op", "action"), ACTIONS, ids=[a[0] for a in ACTIONS])
    def test_too_large_cancels(
        self, dynamodb: Any, table: str, op: str, action: dict[str, Any]
    ) -> None:
        response = _refusal(dynamodb, op, self._request(action, TOO_BIG_KEY))
        assert response["Error"]["Code"] == "TransactionCanceledException"
        assert response["Error"]["Message"] == (
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            "[ValidationError]"
        )
        assert response["CancellationReasons"] == [
            {
                "Code": "ValidationError",
                "Message": "One or more parameter values were invalid: Size of hashkey has "
                "exceeded the maximum size limit of2048 bytes",
            }
        ]

    @pytest.mark.parametrize(("op", "action"), ACTIONS, ids=[a[0] for a in ACTIONS])
    def test_largest_is_answered(
        self, dynamodb: Any, table: str, op: str, action: dict[str, Any]
    ) -> None:
        response = getattr(dynamodb, op)(**self._request(action, "a" * 2048))
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200

    def test_other_actions_say_none(self, dynamodb: Any, table: str) -> None:
        """The other actions of the cancelled transaction report ``None``; nothing is
        written."""
        request = {
            "TransactItems": [
                {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "fine"}}}},
                {"Put": {"TableName": TABLE, "Item": {"pk": {"S": TOO_BIG_KEY}}}},
            ]
        }
        response = _refusal(dynamodb, "transact_write_items", request)
        assert [r["Code"] for r in response["CancellationReasons"]] == [
            "None",
            "ValidationError",
        ]
        assert "Item" not in dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": "fine"}})

    def test_empty_key_is_refused_whole(self, dynamodb: Any, table: str) -> None:
        response = _refusal(
            dynamodb,
            "transact_write_items",
            {"TransactItems": [{"Put": {"TableName": TABLE, "Item": {"pk": {"S": ""}}}}]},
        )
        assert response["Error"]["Code"] == "ValidationException"

    @pytest.mark.parametrize(("op", "action"), ACTIONS, ids=[a[0] for a in ACTIONS])
    def test_wrong_type_cancels(
        self, dynamodb: Any, table: str, op: str, action: dict[str, Any]
    ) -> None:
        """A key of the wrong type cancels its action too (dynoxide #95, #98)."""
        request: dict[str, Any] = json.loads(
            json.dumps(action).replace('{"S": "{k}"}', '{"N": "1"}')
        )
        response = _refusal(dynamodb, op, {"TransactItems": [request]})
        assert response["Error"]["Code"] == "TransactionCanceledException"
        put = "Put" in action
        assert response["CancellationReasons"] == [
            {
                "Code": "ValidationError",
                "Message": (
                    "One or more parameter values were invalid: Type mismatch for key pk "
                    "expected: S actual: N"
                    if put
                    else "The provided key element does not match the schema"
                ),
            }
        ]


def test_batch_write_wrong_key_type_is_the_schema_error(dynamodb: Any, table: str) -> None:
    """In BatchWriteItem a put's key of the wrong type is the schema error, unlike
    PutItem's type-mismatch words (dynoxide #97)."""
    with pytest.raises(ClientError) as info:
        dynamodb.batch_write_item(
            RequestItems={TABLE: [{"PutRequest": {"Item": {"pk": {"N": "1"}}}}]}
        )
    assert info.value.response["Error"]["Message"] == (
        "The provided key element does not match the schema"
    )
    with pytest.raises(ClientError) as info:
        dynamodb.put_item(TableName=TABLE, Item={"pk": {"N": "1"}})
    assert info.value.response["Error"]["Message"] == (
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
    )
    dynamodb.batch_write_item(RequestItems={TABLE: [{"PutRequest": {"Item": {"pk": {"S": "1"}}}}]})


COMPOSITE = "composite"
NOT_VALID_INDEX = (
    "One or more parameter values are not valid. A value specified for a secondary index key "
    "is not supported. The AttributeValue for a key attribute cannot contain an empty string "
    "value. IndexName: gsi1, IndexKey: lsi1sk"
)
NOT_VALID_UPDATE = (
    "One or more parameter values are not valid. The update expression attempted to update a "
    "secondary index key to a value that is not supported. The AttributeValue for a key "
    "attribute cannot contain an empty string value."
)


def _index_mismatch(actual: str) -> str:
    return (
        "One or more parameter values were invalid: Type mismatch for Index Key lsi1sk "
        f"Expected: S Actual: {actual} IndexName: gsi1"
    )


class TestIndexKeys:
    """Index keys in a transaction (the conformance suite's transactWriteItems captures,
    eu-west-2 2026): a wrong type cancels the action, an empty value is refused whole,
    and the message names the alphabetically first index the attribute keys."""

    @pytest.fixture
    def composite(self, dynamodb: Any) -> str:
        dynamodb.create_table(
            TableName=COMPOSITE,
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "lsi1sk")
            ],
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "gsi1",
                    "KeySchema": [{"AttributeName": "lsi1sk", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            LocalSecondaryIndexes=[
                {
                    "IndexName": "lsi1",
                    "KeySchema": [
                        {"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "lsi1sk", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        return COMPOSITE

    @staticmethod
    def _put(value: Any) -> dict[str, Any]:
        item = {"pk": {"S": "p"}, "sk": {"S": "a"}, "lsi1sk": value}
        return {"TransactItems": [{"Put": {"TableName": COMPOSITE, "Item": item}}]}

    @staticmethod
    def _update(value: Any) -> dict[str, Any]:
        update = {
            "TableName": COMPOSITE,
            "Key": {"pk": {"S": "p"}, "sk": {"S": "a"}},
            "UpdateExpression": "SET lsi1sk = :v",
            "ExpressionAttributeValues": {":v": value},
        }
        return {"TransactItems": [{"Update": update}]}

    @pytest.mark.parametrize("kind", ["put", "update"])
    @pytest.mark.parametrize(
        ("value", "actual"), [({"N": "5"}, "N"), ({"L": [{"S": "x"}]}, "L")], ids=["N", "L"]
    )
    def test_wrong_type_cancels(
        self, dynamodb: Any, composite: str, kind: str, value: Any, actual: str
    ) -> None:
        request = self._put(value) if kind == "put" else self._update(value)
        response = _refusal(dynamodb, "transact_write_items", request)
        assert response["Error"]["Code"] == "TransactionCanceledException"
        assert response["CancellationReasons"] == [
            {"Code": "ValidationError", "Message": _index_mismatch(actual)}
        ]

    @pytest.mark.parametrize(
        ("kind", "message"), [("put", NOT_VALID_INDEX), ("update", NOT_VALID_UPDATE)]
    )
    def test_empty_is_refused_whole(
        self, dynamodb: Any, composite: str, kind: str, message: str
    ) -> None:
        empty = {"S": ""}
        request = self._put(empty) if kind == "put" else self._update(empty)
        error = _refusal(dynamodb, "transact_write_items", request)["Error"]
        assert (error["Code"], error["Message"]) == ("ValidationException", message)
        good = {"S": "g"}
        dynamodb.transact_write_items(**(self._put(good) if kind == "put" else self._update(good)))

    def test_update_item_words_it_alike(self, dynamodb: Any, composite: str) -> None:
        """UpdateItem reports an empty index key it writes in the update's words."""
        with pytest.raises(ClientError) as info:
            dynamodb.update_item(
                TableName=COMPOSITE,
                Key={"pk": {"S": "p"}, "sk": {"S": "a"}},
                UpdateExpression="SET lsi1sk = :v",
                ExpressionAttributeValues={":v": {"S": ""}},
            )
        assert info.value.response["Error"]["Message"] == NOT_VALID_UPDATE


def test_get_with_an_empty_projection_has_no_item(dynamodb: Any, table: str) -> None:
    """TransactGetItems answers a present item its projection leaves empty without
    ``Item`` (dynoxide #39, matching DynamoDB); a projection that finds something shows it."""
    key = {"pk": {"S": "p1"}}
    response = dynamodb.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": TABLE, "Key": key, "ProjectionExpression": "absent"}},
        ]
    )
    assert response["Responses"] == [{}]
    response = dynamodb.transact_get_items(
        TransactItems=[{"Get": {"TableName": TABLE, "Key": key, "ProjectionExpression": "n"}}]
    )
    assert response["Responses"] == [{"Item": {"n": {"N": "5"}}}]
