"""Item operations: PutItem, GetItem, UpdateItem, DeleteItem, through the client layer."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import (
    ConditionalCheckFailedException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import make_table


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int | str) -> dict[str, str]:
    return {"N": str(v)}


def key(pk: str = "a", sk: int = 1) -> dict[str, Any]:
    return {"pk": S(pk), "sk": N(sk)}


def _table_with_gsi(ddb: Any, projection: str) -> None:
    """The "items" table with a GSI "byg" on the S attribute "g"."""
    make_table(
        ddb,
        more_types={"g": "S"},
        GlobalSecondaryIndexes=[
            {
                "IndexName": "byg",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": projection},
            }
        ],
    )


class TestPutItem:
    def test_put_then_get(self, ddb: Any, table: str) -> None:
        """A stored item reads back equal, in DynamoDB JSON."""
        item = {**key(), "name": S("x"), "tags": {"SS": ["b", "a"]}, "m": {"M": {"n": N(1)}}}
        assert "Attributes" not in ddb.put_item(TableName=table, Item=item)
        got = ddb.get_item(TableName=table, Key=key())["Item"]
        assert got["name"] == S("x")
        assert sorted(got["tags"]["SS"]) == ["a", "b"]
        assert got["m"] == {"M": {"n": N(1)}}

    def test_overwrite_returns_all_old(self, ddb: Any, table: str) -> None:
        """ReturnValues=ALL_OLD returns the replaced item."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        out = ddb.put_item(TableName=table, Item={**key(), "v": N(2)}, ReturnValues="ALL_OLD")
        assert out["Attributes"] == {**key(), "v": N(1)}

    @pytest.mark.parametrize("rv", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
    def test_return_values_allowed(self, ddb: Any, table: str, rv: str) -> None:
        """PutItem allows only NONE and ALL_OLD."""
        with pytest.raises(ValidationException, match="ReturnValues can only be ALL_OLD or NONE"):
            ddb.put_item(TableName=table, Item=key(), ReturnValues=rv)

    def test_return_values_enum(self, ddb: Any, table: str) -> None:
        """An unknown ReturnValues fails the enum constraint."""
        with pytest.raises(ValidationException, match="enum value set"):
            ddb.put_item(TableName=table, Item=key(), ReturnValues="SOME")

    def test_missing_key(self, ddb: Any, table: str) -> None:
        """An item without its sort key is refused."""
        with pytest.raises(ValidationException) as info:
            ddb.put_item(TableName=table, Item={"pk": S("a")})
        assert info.value.response["Error"]["Message"] == (
            "One or more parameter values were invalid: Missing the key sk in the item"
        )

    def test_key_type_mismatch(self, ddb: Any, table: str) -> None:
        """A key of the wrong type is refused with the types named."""
        with pytest.raises(
            ValidationException, match="Type mismatch for key sk expected: N actual: S"
        ):
            ddb.put_item(TableName=table, Item={"pk": S("a"), "sk": S("1")})

    def test_empty_string_key(self, ddb: Any, table: str) -> None:
        """An empty string key is refused."""
        with pytest.raises(ValidationException, match="cannot contain an empty string value"):
            ddb.put_item(TableName=table, Item={"pk": S(""), "sk": N(1)})

    def test_key_too_long(self, ddb: Any, simple: str) -> None:
        """A partition key over 2048 bytes is refused."""
        with pytest.raises(ValidationException, match="Size of hashkey has exceeded"):
            ddb.put_item(TableName=simple, Item={"id": S("é" * 1025)})

    def test_key_limits_come_from_the_cloud(self) -> None:
        """Lowered key size limits apply to strings, numbers and binaries alike."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_sort_key_bytes": 4}}).client("dynamodb")
        make_table(ddb)
        ddb.put_item(TableName="items", Item=key(sk=12))
        with pytest.raises(ValidationException, match="range keys has exceeded"):
            ddb.put_item(TableName="items", Item=key(sk=123456789))
        with pytest.raises(ValidationException, match="range keys has exceeded"):
            ddb.get_item(TableName="items", Key=key(sk=123456789))

    def test_item_too_large(self, ddb: Any, table: str) -> None:
        """An item over 400 KB is refused and nothing is stored."""
        big = {**key(), "blob": S("x" * (400 * 1024))}
        with pytest.raises(
            ValidationException, match="Item size has exceeded the maximum allowed size"
        ):
            ddb.put_item(TableName=table, Item=big)
        assert "Item" not in ddb.get_item(TableName=table, Key=key())

    def test_item_exactly_at_limit(self, ddb: Any, table: str) -> None:
        """An item of exactly 400 KB fits."""
        room = 400 * 1024 - (2 + 1) - (2 + 2) - len("blob")
        ddb.put_item(TableName=table, Item={**key(), "blob": S("x" * room)})
        assert ddb.describe_table(TableName=table)["Table"]["TableSizeBytes"] == 400 * 1024

    def test_item_size_is_a_limit(self) -> None:
        """The item size limit comes from the Cloud's limits."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_item_size": 20}}).client("dynamodb")
        make_table(ddb)
        with pytest.raises(ValidationException):
            ddb.put_item(TableName="items", Item={**key(), "x": S("y" * 20)})

    def test_condition_attribute_not_exists(self, ddb: Any, table: str) -> None:
        """attribute_not_exists guards against overwrites."""
        cond = "attribute_not_exists(pk)"
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)}, ConditionExpression=cond)
        with pytest.raises(ConditionalCheckFailedException) as info:
            ddb.put_item(TableName=table, Item={**key(), "v": N(2)}, ConditionExpression=cond)
        assert info.value.response["Error"]["Message"] == "The conditional request failed"
        assert "Item" not in info.value.response
        assert ddb.get_item(TableName=table, Key=key())["Item"]["v"] == N(1)

    def test_condition_failure_returns_old_item(self, ddb: Any, table: str) -> None:
        """ReturnValuesOnConditionCheckFailure=ALL_OLD puts the item in the error."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as info:
            ddb.put_item(
                TableName=table,
                Item=key(),
                ConditionExpression="v = :two",
                ExpressionAttributeValues={":two": N(2)},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        assert info.value.response["Item"] == {**key(), "v": N(1)}

    def test_bad_expression_changes_nothing(self, ddb: Any, table: str) -> None:
        """An invalid ConditionExpression is refused before anything is written."""
        with pytest.raises(ValidationException, match="Invalid ConditionExpression"):
            ddb.put_item(TableName=table, Item=key(), ConditionExpression="v = = 1")
        assert "Item" not in ddb.get_item(TableName=table, Key=key())

    def test_unused_values(self, ddb: Any, table: str) -> None:
        """Unused ExpressionAttributeValues are refused."""
        with pytest.raises(ValidationException, match="unused in expressions"):
            ddb.put_item(
                TableName=table,
                Item=key(),
                ConditionExpression="attribute_not_exists(pk)",
                ExpressionAttributeValues={":x": N(1)},
            )

    def test_missing_table(self, ddb: Any) -> None:
        """A missing table raises ResourceNotFoundException."""
        with pytest.raises(ResourceNotFoundException) as info:
            ddb.put_item(TableName="nope", Item=key())
        assert info.value.response["Error"]["Message"] == "Requested resource not found"

    def test_index_key_type_checked(self, ddb: Any) -> None:
        """A secondary index key of the wrong type is refused on write."""
        _table_with_gsi(ddb, "ALL")
        with pytest.raises(
            ValidationException,
            match="Type mismatch for Index Key g Expected: S Actual: N IndexName: byg",
        ):
            ddb.put_item(TableName="items", Item={**key(), "g": N(1)})
        with pytest.raises(ValidationException, match="secondary index key"):
            ddb.put_item(TableName="items", Item={**key(), "g": S("")})
        assert ddb.describe_table(TableName="items")["Table"]["ItemCount"] == 0

    def test_consumed_capacity(self, ddb: Any, table: str) -> None:
        """A write costs 1 unit per KB, rounded up."""
        out = ddb.put_item(
            TableName=table, Item={**key(), "x": S("y" * 2000)}, ReturnConsumedCapacity="TOTAL"
        )
        assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 2.0}

    def test_replacing_costs_the_larger_item(self, ddb: Any, table: str) -> None:
        """Overwriting a 3 KB item with a tiny one is charged for the 3 KB (aws-facts: larger)."""
        ddb.put_item(TableName=table, Item={**key(), "big": S("x" * 3000)})
        out = ddb.put_item(TableName=table, Item=key(), ReturnConsumedCapacity="TOTAL")
        assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 3.0}

    def test_consumed_capacity_indexes(self, ddb: Any) -> None:
        """INDEXES reports each index written."""
        _table_with_gsi(ddb, "KEYS_ONLY")
        out = ddb.put_item(
            TableName="items", Item={**key(), "g": S("x")}, ReturnConsumedCapacity="INDEXES"
        )
        cap = out["ConsumedCapacity"]
        assert cap["Table"] == {"CapacityUnits": 1.0}
        assert cap["GlobalSecondaryIndexes"] == {"byg": {"CapacityUnits": 1.0}}
        assert cap["CapacityUnits"] == 2.0


class TestGetItem:
    def test_missing_item(self, ddb: Any, table: str) -> None:
        """A missing item gives a response without Item."""
        out = ddb.get_item(TableName=table, Key=key())
        assert "Item" not in out

    def test_projection(self, ddb: Any, table: str) -> None:
        """ProjectionExpression picks attributes and nested paths."""
        ddb.put_item(TableName=table, Item={**key(), "a": N(1), "m": {"M": {"x": N(2), "y": N(3)}}})
        out = ddb.get_item(
            TableName=table,
            Key=key(),
            ProjectionExpression="a, m.#x",
            ExpressionAttributeNames={"#x": "x"},
        )
        assert out["Item"] == {"a": N(1), "m": {"M": {"x": N(2)}}}

    @pytest.mark.parametrize(
        "bad",
        [
            {"pk": S("a")},
            {"pk": S("a"), "sk": N(1), "x": S("y")},
            {"pk": S("a"), "sk": S("1")},
            {"id": S("a"), "sk": N(1)},
        ],
    )
    def test_key_must_match_schema(self, ddb: Any, table: str, bad: Any) -> None:
        """Key must name exactly the key attributes, with their types."""
        with pytest.raises(ValidationException) as info:
            ddb.get_item(TableName=table, Key=bad)
        assert info.value.response["Error"]["Message"] == (
            "The provided key element does not match the schema"
        )

    def test_consistent_read_capacity(self, ddb: Any, table: str) -> None:
        """A strongly consistent read costs twice an eventual one."""
        ddb.put_item(TableName=table, Item=key())
        strong = ddb.get_item(
            TableName=table, Key=key(), ConsistentRead=True, ReturnConsumedCapacity="TOTAL"
        )
        weak = ddb.get_item(TableName=table, Key=key(), ReturnConsumedCapacity="TOTAL")
        assert strong["ConsumedCapacity"]["CapacityUnits"] == 1.0
        assert weak["ConsumedCapacity"]["CapacityUnits"] == 0.5

    def test_returned_item_is_a_copy(self, ddb: Any, table: str) -> None:
        """Changing a returned item does not change the stored one."""
        ddb.put_item(TableName=table, Item={**key(), "l": {"L": [N(1)]}})
        got = ddb.get_item(TableName=table, Key=key())["Item"]
        got["l"]["L"].append(N(2))
        assert ddb.get_item(TableName=table, Key=key())["Item"]["l"] == {"L": [N(1)]}


class TestUpdateItem:
    def test_creates_missing_item(self, ddb: Any, table: str) -> None:
        """An update of a missing item creates it from the key."""
        out = ddb.update_item(
            TableName=table,
            Key=key(),
            UpdateExpression="SET v = :one",
            ExpressionAttributeValues={":one": N(1)},
            ReturnValues="ALL_NEW",
        )
        assert out["Attributes"] == {**key(), "v": N(1)}

    @pytest.mark.parametrize(
        "update",
        [
            {"UpdateExpression": "REMOVE a, b"},
            {
                "UpdateExpression": "DELETE s :v REMOVE a",
                "ExpressionAttributeValues": {":v": {"SS": ["x"]}},
            },
            {"AttributeUpdates": {"a": {"Action": "DELETE"}}},
            {"AttributeUpdates": {"s": {"Action": "DELETE", "Value": {"SS": ["x"]}}}},
        ],
    )
    def test_remove_or_delete_only_makes_no_item(
        self, ddb: Any, table: str, update: dict[str, Any]
    ) -> None:
        """Only REMOVE/DELETE actions on a missing item create nothing, return nothing."""
        out = ddb.update_item(TableName=table, Key=key(), ReturnValues="ALL_NEW", **update)
        assert "Attributes" not in out
        assert "Item" not in ddb.get_item(TableName=table, Key=key())
        out = ddb.update_item(TableName=table, Key=key(), ReturnValues="UPDATED_NEW", **update)
        assert "Attributes" not in out
        assert ddb.scan(TableName=table)["Count"] == 0

    def test_remove_with_set_still_creates(self, ddb: Any, table: str) -> None:
        """A SET beside the REMOVE creates the missing item."""
        ddb.update_item(
            TableName=table,
            Key=key(),
            UpdateExpression="SET v = :one REMOVE a",
            ExpressionAttributeValues={":one": N(1)},
        )
        assert ddb.get_item(TableName=table, Key=key())["Item"] == {**key(), "v": N(1)}

    def test_remove_only_in_a_transaction_makes_no_item(self, ddb: Any, table: str) -> None:
        """A transaction's REMOVE-only Update of a missing item writes nothing either."""
        ddb.transact_write_items(
            TransactItems=[
                {"Update": {"TableName": table, "Key": key(), "UpdateExpression": "REMOVE a"}}
            ]
        )
        assert "Item" not in ddb.get_item(TableName=table, Key=key())

    def test_return_values(self, ddb: Any, table: str) -> None:
        """UPDATED_OLD and UPDATED_NEW return only the updated paths."""
        ddb.put_item(TableName=table, Item={**key(), "a": N(1), "b": N(5)})
        args = {
            "TableName": table,
            "Key": key(),
            "UpdateExpression": "SET a = a + :one",
            "ExpressionAttributeValues": {":one": N(1)},
        }
        assert ddb.update_item(**args, ReturnValues="UPDATED_OLD")["Attributes"] == {"a": N(2 - 1)}
        assert ddb.update_item(**args, ReturnValues="UPDATED_NEW")["Attributes"] == {"a": N(3)}
        old = ddb.update_item(**args, ReturnValues="ALL_OLD")["Attributes"]
        assert old == {**key(), "a": N(3), "b": N(5)}
        assert "Attributes" not in ddb.update_item(**args)

    def test_key_attribute_refused(self, ddb: Any, table: str) -> None:
        """An update may not touch a key attribute."""
        with pytest.raises(ValidationException, match="Cannot update attribute"):
            ddb.update_item(
                TableName=table,
                Key=key(),
                UpdateExpression="SET sk = :v",
                ExpressionAttributeValues={":v": N(2)},
            )

    def test_condition_failure_changes_nothing(self, ddb: Any, table: str) -> None:
        """A failed condition leaves the item as it was."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        with pytest.raises(ConditionalCheckFailedException):
            ddb.update_item(
                TableName=table,
                Key=key(),
                UpdateExpression="SET v = :v",
                ConditionExpression="v > :v",
                ExpressionAttributeValues={":v": N(9)},
            )
        assert ddb.get_item(TableName=table, Key=key())["Item"]["v"] == N(1)

    def test_data_error_changes_nothing(self, ddb: Any, table: str) -> None:
        """Adding to a string fails with DynamoDB's message and changes nothing."""
        ddb.put_item(TableName=table, Item={**key(), "v": S("x")})
        with pytest.raises(ValidationException, match="incorrect data type"):
            ddb.update_item(
                TableName=table,
                Key=key(),
                UpdateExpression="SET v = v + :one",
                ExpressionAttributeValues={":one": N(1)},
            )
        assert ddb.get_item(TableName=table, Key=key())["Item"]["v"] == S("x")

    def test_result_too_large(self, ddb: Any, table: str) -> None:
        """An update whose result passes 400 KB is refused."""
        ddb.put_item(TableName=table, Item={**key(), "a": S("x" * 300_000)})
        with pytest.raises(ValidationException, match="Item size to update has exceeded"):
            ddb.update_item(
                TableName=table,
                Key=key(),
                UpdateExpression="SET b = :b",
                ExpressionAttributeValues={":b": S("y" * 200_000)},
            )
        assert "b" not in ddb.get_item(TableName=table, Key=key())["Item"]

    def test_index_follows_update(self, ddb: Any, cloud: Cloud) -> None:
        """Changing an index key moves the item in the index; removing it drops it."""
        _table_with_gsi(ddb, "ALL")
        ddb.put_item(TableName="items", Item={**key(), "g": S("x")})

        def count(g: str) -> int:
            return int(
                ddb.query(
                    TableName="items",
                    IndexName="byg",
                    KeyConditionExpression="g = :g",
                    ExpressionAttributeValues={":g": S(g)},
                )["Count"]
            )

        ddb.update_item(
            TableName="items",
            Key=key(),
            UpdateExpression="SET g = :y",
            ExpressionAttributeValues={":y": S("y")},
        )
        assert (count("x"), count("y")) == (0, 1)
        ddb.update_item(TableName="items", Key=key(), UpdateExpression="REMOVE g")
        assert count("y") == 0
        cloud.engine("dynamodb")._check()

    def test_condition_failure_returns_old_item(self, ddb: Any, table: str) -> None:
        """UpdateItem and DeleteItem return the item on a failed condition when asked."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        for call in (
            lambda: ddb.update_item(
                TableName=table,
                Key=key(),
                UpdateExpression="SET v = :z",
                ConditionExpression="v = :z",
                ExpressionAttributeValues={":z": N(0)},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            ),
            lambda: ddb.delete_item(
                TableName=table,
                Key=key(),
                ConditionExpression="v = :z",
                ExpressionAttributeValues={":z": N(0)},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            ),
        ):
            with pytest.raises(ConditionalCheckFailedException) as info:
                call()
            assert info.value.response["Item"] == {**key(), "v": N(1)}

    def test_capacity_is_the_larger_image(self, ddb: Any, table: str) -> None:
        """An update is charged by the larger of the old and new item."""
        ddb.put_item(TableName=table, Item={**key(), "big": S("x" * 3000)})
        out = ddb.update_item(
            TableName=table,
            Key=key(),
            UpdateExpression="REMOVE big",
            ReturnConsumedCapacity="TOTAL",
        )
        assert out["ConsumedCapacity"]["CapacityUnits"] == 3.0


class TestDeleteItem:
    def test_delete_returns_old(self, ddb: Any, table: str) -> None:
        """ALL_OLD returns the deleted item; the item is gone."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        out = ddb.delete_item(TableName=table, Key=key(), ReturnValues="ALL_OLD")
        assert out["Attributes"] == {**key(), "v": N(1)}
        assert "Item" not in ddb.get_item(TableName=table, Key=key())

    def test_capacity_is_the_deleted_size(self, ddb: Any, table: str) -> None:
        """A delete is charged by the deleted item's size; a missing item costs 1 unit."""
        ddb.put_item(TableName=table, Item={**key(), "big": S("x" * 3000)})
        out = ddb.delete_item(TableName=table, Key=key(), ReturnConsumedCapacity="TOTAL")
        assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 3.0}
        out = ddb.delete_item(TableName=table, Key=key(), ReturnConsumedCapacity="TOTAL")
        assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.0}

    def test_delete_missing_is_fine(self, ddb: Any, table: str) -> None:
        """Deleting a missing item succeeds with nothing returned."""
        assert "Attributes" not in ddb.delete_item(
            TableName=table, Key=key(), ReturnValues="ALL_OLD"
        )

    def test_condition(self, ddb: Any, table: str) -> None:
        """A failed condition keeps the item."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1)})
        with pytest.raises(ConditionalCheckFailedException):
            ddb.delete_item(
                TableName=table,
                Key=key(),
                ConditionExpression="v = :z",
                ExpressionAttributeValues={":z": N(0)},
            )
        assert "Item" in ddb.get_item(TableName=table, Key=key())

    def test_return_values_allowed(self, ddb: Any, table: str) -> None:
        """DeleteItem allows only NONE and ALL_OLD."""
        with pytest.raises(ValidationException):
            ddb.delete_item(TableName=table, Key=key(), ReturnValues="ALL_NEW")


class TestLegacyParameters:
    def test_expected_and_attributes_to_get(self, ddb: Any, table: str) -> None:
        """Expected guards a put; AttributesToGet projects a get."""
        ddb.put_item(TableName=table, Item={**key(), "v": N(1), "w": N(2)})
        with pytest.raises(ConditionalCheckFailedException):
            ddb.put_item(TableName=table, Item=key(), Expected={"v": {"Value": N(5)}})
        out = ddb.get_item(TableName=table, Key=key(), AttributesToGet=["w"])
        assert out["Item"] == {"w": N(2)}

    def test_mixing_legacy_and_expressions_refused(self, ddb: Any, table: str) -> None:
        """Legacy and expression parameters may not be mixed."""
        with pytest.raises(ValidationException) as info:
            ddb.get_item(
                TableName=table, Key=key(), AttributesToGet=["v"], ProjectionExpression="v"
            )
        assert info.value.response["Error"]["Message"] == (
            "Can not use both expression and non-expression parameters in the same request: "
            "Non-expression parameters: {AttributesToGet} Expression parameters: "
            "{ProjectionExpression}"
        )

    def test_attribute_updates(self, ddb: Any, table: str) -> None:
        """AttributeUpdates PUT, ADD and DELETE still work."""
        ddb.put_item(TableName=table, Item={**key(), "n": N(1), "gone": S("x")})
        out = ddb.update_item(
            TableName=table,
            Key=key(),
            AttributeUpdates={
                "n": {"Action": "ADD", "Value": N(2)},
                "s": {"Action": "PUT", "Value": S("y")},
                "gone": {"Action": "DELETE"},
            },
            ReturnValues="ALL_NEW",
        )
        assert out["Attributes"] == {**key(), "n": N(3), "s": S("y")}


class TestItemCollections:
    def test_lsi_collection_limit(self) -> None:
        """With an LSI, an item collection may not pass its size limit."""
        cloud = Cloud.manual(limits={"dynamodb": {"max_item_collection_bytes": 100}})
        ddb = cloud.client("dynamodb")
        make_table(
            ddb,
            more_types={"l": "N"},
            LocalSecondaryIndexes=[
                {
                    "IndexName": "byl",
                    "KeySchema": [
                        {"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "l", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        ddb.put_item(TableName="items", Item={**key(sk=1), "x": S("y" * 50)})
        out = ddb.put_item(
            TableName="items", Item={**key(sk=2), "l": N(1)}, ReturnItemCollectionMetrics="SIZE"
        )
        assert out["ItemCollectionMetrics"]["ItemCollectionKey"] == {"pk": S("a")}
        with pytest.raises(ddb.exceptions.ItemCollectionSizeLimitExceededException):
            ddb.put_item(TableName="items", Item={**key(sk=3), "x": S("y" * 60)})
        ddb.put_item(TableName="items", Item={**key(pk="b", sk=3), "x": S("y" * 60)})
        with pytest.raises(ddb.exceptions.ItemCollectionSizeLimitExceededException):
            ddb.batch_write_item(
                RequestItems={
                    "items": [
                        {"PutRequest": {"Item": {**key(pk="c", sk=n), "x": S("y" * 40)}}}
                        for n in range(3)
                    ]
                }
            )
        out = ddb.batch_write_item(
            RequestItems={"items": [{"PutRequest": {"Item": key(pk="c", sk=1)}}]},
            ReturnItemCollectionMetrics="SIZE",
        )
        (metrics,) = out["ItemCollectionMetrics"]["items"]
        assert metrics["ItemCollectionKey"] == {"pk": S("c")}
        assert metrics["SizeEstimateRangeGB"] == [0.0, 1.0]
        cloud.engine("dynamodb")._check()
