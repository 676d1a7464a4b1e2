"""BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import (
    IdempotentParameterMismatchException,
    TransactionCanceledException,
    ValidationException,
)

from .conftest import make_table


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int | str) -> dict[str, str]:
    return {"N": str(v)}


def key(n: int, pk: str = "a") -> dict[str, Any]:
    return {"pk": S(pk), "sk": N(n)}


def put(table: str, n: int, **extra: Any) -> dict[str, Any]:
    return {"PutRequest": {"Item": {**key(n), **extra}}}


class TestBatchWriteItem:
    def test_puts_and_deletes(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """Puts and deletes across one batch all apply."""
        ddb.batch_write_item(RequestItems={table: [put(table, n) for n in range(5)]})
        out = ddb.batch_write_item(
            RequestItems={table: [{"DeleteRequest": {"Key": key(0)}}, put(table, 9)]}
        )
        assert out["UnprocessedItems"] == {}
        assert ddb.describe_table(TableName=table)["Table"]["ItemCount"] == 5
        cloud.engine("dynamodb")._check()

    def test_more_than_25_refused(self, ddb: Any, table: str) -> None:
        """More than 25 requests are refused and nothing is written."""
        with pytest.raises(ValidationException, match="less than or equal to 25"):
            ddb.batch_write_item(RequestItems={table: [put(table, n) for n in range(26)]})
        assert ddb.describe_table(TableName=table)["Table"]["ItemCount"] == 0

    def test_duplicates_refused(self, ddb: Any, table: str) -> None:
        """Two requests on one key are refused."""
        with pytest.raises(
            ValidationException, match="Provided list of item keys contains duplicates"
        ):
            ddb.batch_write_item(
                RequestItems={table: [put(table, 1), {"DeleteRequest": {"Key": key(1)}}]}
            )

    def test_invalid_item_refuses_whole_batch(self, ddb: Any, table: str) -> None:
        """One bad item refuses the batch before anything is written."""
        with pytest.raises(ValidationException):
            ddb.batch_write_item(
                RequestItems={table: [put(table, 1), {"PutRequest": {"Item": {"pk": S("a")}}}]}
            )
        assert ddb.describe_table(TableName=table)["Table"]["ItemCount"] == 0

    def test_missing_table(self, ddb: Any) -> None:
        """A batch naming a missing table is refused."""
        with pytest.raises(ddb.exceptions.ResourceNotFoundException):
            ddb.batch_write_item(RequestItems={"nope": [put("nope", 1)]})

    def test_capacity_per_table(self, ddb: Any, table: str) -> None:
        """ConsumedCapacity is a list, one entry per table."""
        out = ddb.batch_write_item(
            RequestItems={table: [put(table, 1), put(table, 2)]}, ReturnConsumedCapacity="TOTAL"
        )
        assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 2.0}]


class TestBatchGetItem:
    def test_capacity_rounds_each_item(self, ddb: Any, table: str) -> None:
        """1.5 KB + 6.5 KB read strongly cost 1 + 2 units (each rounded to 4 KB), not 2."""
        ddb.put_item(TableName=table, Item={**key(1), "x": S("x" * 1500)})
        ddb.put_item(TableName=table, Item={**key(2), "x": S("x" * 6500)})
        out = ddb.batch_get_item(
            RequestItems={table: {"Keys": [key(1), key(2)], "ConsistentRead": True}},
            ReturnConsumedCapacity="TOTAL",
        )
        assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 3.0}]

    def test_reads_across_tables(self, ddb: Any, table: str, simple: str) -> None:
        """Found items come back per table; missing ones are skipped."""
        ddb.put_item(TableName=table, Item={**key(1), "v": N(1)})
        ddb.put_item(TableName=simple, Item={"id": S("x")})
        out = ddb.batch_get_item(
            RequestItems={
                table: {"Keys": [key(1), key(2)], "ProjectionExpression": "v"},
                simple: {"Keys": [{"id": S("x")}]},
            }
        )
        assert out["Responses"][table] == [{"v": N(1)}]
        assert out["Responses"][simple] == [{"id": S("x")}]
        assert out["UnprocessedKeys"] == {}

    def test_more_than_100_refused(self, ddb: Any, table: str, simple: str) -> None:
        """More than 100 keys on one table break that list's constraint; more than 100
        in all, each table's list within it, are "Too many items"."""
        with pytest.raises(ValidationException) as info:
            ddb.batch_get_item(RequestItems={table: {"Keys": [key(n) for n in range(101)]}})
        assert info.value.message == (
            f"1 validation error detected: Value at 'RequestItems.{table}.member.Keys' failed "
            "to satisfy constraint: Member must have length less than or equal to 100"
        )
        with pytest.raises(
            ValidationException, match="Too many items requested for the BatchGetItem call"
        ):
            ddb.batch_get_item(
                RequestItems={
                    table: {"Keys": [key(n) for n in range(100)]},
                    simple: {"Keys": [{"id": S("x")}]},
                }
            )
        out = ddb.batch_get_item(RequestItems={table: {"Keys": [key(n) for n in range(100)]}})
        assert out["UnprocessedKeys"] == {}

    def test_duplicates_refused(self, ddb: Any, table: str) -> None:
        """Duplicate keys are refused."""
        with pytest.raises(ValidationException, match="contains duplicates"):
            ddb.batch_get_item(RequestItems={table: {"Keys": [key(1), key(1)]}})

    def test_response_size_limit(self) -> None:
        """What passes the response limit comes back in UnprocessedKeys."""
        cloud = Cloud.manual(limits={"dynamodb": {"max_batch_get_bytes": 2500}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        for n in range(4):
            ddb.put_item(TableName="items", Item={**key(n), "x": S("y" * 1000)})
        out = ddb.batch_get_item(
            RequestItems={"items": {"Keys": [key(n) for n in range(4)], "ConsistentRead": True}}
        )
        assert len(out["Responses"]["items"]) == 2
        left = out["UnprocessedKeys"]["items"]
        assert left["Keys"] == [key(2), key(3)]
        assert left["ConsistentRead"] is True

    @staticmethod
    def _big(ddb: Any, pk: str, n: int, size: int = 400 * 1024) -> dict[str, Any]:
        """Put an item of exactly ``size`` bytes; its key."""
        from pyserverless.dynamo import item_size

        k = key(n, pk)
        base = item_size({"pk": pk, "sk": n, "x": ""})
        ddb.put_item(TableName="items", Item={**k, "x": S("y" * (size - base))})
        return k

    def test_one_partition_gives_at_most_one_megabyte(self, ddb: Any) -> None:
        """Past 1 MB from one partition, the rest of its keys are unprocessed."""
        make_table(ddb)
        a = [self._big(ddb, "a", n) for n in range(3)]  # 400 KB each: 800 KB, then 1.2 MB
        b = [self._big(ddb, "b", n) for n in range(2)]
        out = ddb.batch_get_item(RequestItems={"items": {"Keys": [*a, *b]}})
        got = sorted((i["pk"]["S"], int(i["sk"]["N"])) for i in out["Responses"]["items"])
        assert got == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
        assert out["UnprocessedKeys"]["items"]["Keys"] == [a[2]]

    def test_exactly_one_megabyte_from_a_partition_is_processed(self, ddb: Any) -> None:
        """Items adding up to exactly 1 MB from one partition all come back."""
        make_table(ddb)
        sizes = [400 * 1024, 400 * 1024, 224 * 1024]  # 1,048,576 bytes together
        keys = [self._big(ddb, "a", n, size) for n, size in enumerate(sizes)]
        out = ddb.batch_get_item(RequestItems={"items": {"Keys": keys}})
        assert len(out["Responses"]["items"]) == 3
        assert out["UnprocessedKeys"] == {}
        self._big(ddb, "a", 2, 224 * 1024 + 1)  # one byte more: the third waits
        out = ddb.batch_get_item(RequestItems={"items": {"Keys": keys}})
        assert out["UnprocessedKeys"]["items"]["Keys"] == [keys[2]]

    def test_sixteen_megabytes_in_all(self, ddb: Any) -> None:
        """Past 16 MB of response, the remaining keys are unprocessed (both sides)."""
        make_table(ddb)
        # 40 items of 400 KB is 16,384,000 bytes (under 16 MiB); a 41st passes it.
        keys = [self._big(ddb, f"p{n}", 0) for n in range(41)]
        out = ddb.batch_get_item(RequestItems={"items": {"Keys": keys[:40]}})
        assert len(out["Responses"]["items"]) == 40
        assert out["UnprocessedKeys"] == {}
        out = ddb.batch_get_item(RequestItems={"items": {"Keys": keys}})
        assert len(out["Responses"]["items"]) == 40
        assert out["UnprocessedKeys"]["items"]["Keys"] == [keys[40]]


class TestTransactWriteItems:
    def test_all_actions_commit(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """Put, Update, Delete and ConditionCheck commit together."""
        ddb.put_item(TableName=table, Item={**key(1), "v": N(1)})
        ddb.put_item(TableName=table, Item={**key(2), "v": N(1)})
        ddb.put_item(TableName=table, Item={**key(3), "v": N(1)})
        ddb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {**key(4), "v": N(4)}}},
                {
                    "Update": {
                        "TableName": table,
                        "Key": key(1),
                        "UpdateExpression": "SET v = v + :one",
                        "ExpressionAttributeValues": {":one": N(1)},
                    }
                },
                {"Delete": {"TableName": table, "Key": key(2)}},
                {
                    "ConditionCheck": {
                        "TableName": table,
                        "Key": key(3),
                        "ConditionExpression": "attribute_exists(v)",
                    }
                },
            ]
        )
        assert ddb.get_item(TableName=table, Key=key(1))["Item"]["v"] == N(2)
        assert "Item" not in ddb.get_item(TableName=table, Key=key(2))
        assert ddb.get_item(TableName=table, Key=key(4))["Item"]["v"] == N(4)
        cloud.engine("dynamodb")._check()

    def test_one_failure_cancels_all(self, ddb: Any, table: str) -> None:
        """A failed condition cancels the whole transaction, reasons in request order."""
        ddb.put_item(TableName=table, Item={**key(1), "v": N(1)})
        with pytest.raises(TransactionCanceledException) as info:
            ddb.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": table, "Item": key(5)}},
                    {
                        "ConditionCheck": {
                            "TableName": table,
                            "Key": key(1),
                            "ConditionExpression": "v = :two",
                            "ExpressionAttributeValues": {":two": N(2)},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                        }
                    },
                ]
            )
        response = info.value.response
        assert response["Error"]["Message"] == (
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            "[None, ConditionalCheckFailed]"
        )
        reasons = response["CancellationReasons"]
        assert reasons[0] == {"Code": "None"}
        assert reasons[1]["Code"] == "ConditionalCheckFailed"
        assert reasons[1]["Item"] == {**key(1), "v": N(1)}
        assert "Item" not in ddb.get_item(TableName=table, Key=key(5))

    def test_update_error_is_a_reason(self, ddb: Any, table: str) -> None:
        """A data error in an update is a ValidationError reason."""
        ddb.put_item(TableName=table, Item={**key(1), "v": S("x")})
        with pytest.raises(TransactionCanceledException) as info:
            ddb.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": table,
                            "Key": key(1),
                            "UpdateExpression": "SET v = v + :one",
                            "ExpressionAttributeValues": {":one": N(1)},
                        }
                    }
                ]
            )
        assert info.value.response["CancellationReasons"][0]["Code"] == "ValidationError"

    def test_same_item_twice_refused(self, ddb: Any, table: str) -> None:
        """Two actions on one item are refused."""
        with pytest.raises(ValidationException, match="multiple operations on one item"):
            ddb.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": table, "Item": key(1)}},
                    {"Delete": {"TableName": table, "Key": key(1)}},
                ]
            )

    def test_more_than_100_refused(self, ddb: Any, table: str) -> None:
        """At most 100 actions."""
        with pytest.raises(ValidationException, match="less than or equal to 100"):
            ddb.transact_write_items(
                TransactItems=[{"Put": {"TableName": table, "Item": key(n)}} for n in range(101)]
            )

    def test_one_action_per_entry(self, ddb: Any, table: str) -> None:
        """Each entry holds exactly one action."""
        with pytest.raises(ValidationException):
            ddb.transact_write_items(
                TransactItems=[
                    {
                        "Put": {"TableName": table, "Item": key(1)},
                        "Delete": {"TableName": table, "Key": key(2)},
                    }
                ]
            )

    def test_idempotent_token(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """The same token and request within 10 minutes do not write twice."""
        request = {
            "TransactItems": [
                {
                    "Update": {
                        "TableName": table,
                        "Key": key(1),
                        "UpdateExpression": "ADD v :one",
                        "ExpressionAttributeValues": {":one": N(1)},
                    }
                }
            ],
            "ClientRequestToken": "tok",
        }
        ddb.transact_write_items(**request)
        ddb.transact_write_items(**request)
        assert ddb.get_item(TableName=table, Key=key(1))["Item"]["v"] == N(1)
        with pytest.raises(IdempotentParameterMismatchException):
            ddb.transact_write_items(
                **{**request, "TransactItems": [{"Put": {"TableName": table, "Item": key(2)}}]}
            )
        cloud.advance(601)
        ddb.transact_write_items(**request)
        assert ddb.get_item(TableName=table, Key=key(1))["Item"]["v"] == N(2)

    def test_token_window_is_ten_minutes(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """A token replays until 600 s have passed since its first use, and not at 600 s."""
        request = {
            "TransactItems": [
                {
                    "Update": {
                        "TableName": table,
                        "Key": key(1),
                        "UpdateExpression": "ADD v :one",
                        "ExpressionAttributeValues": {":one": N(1)},
                    }
                }
            ],
            "ClientRequestToken": "window",
        }
        ddb.transact_write_items(**request)
        cloud.advance(599)
        ddb.transact_write_items(**request)  # a replay: nothing written
        assert ddb.get_item(TableName=table, Key=key(1))["Item"]["v"] == N(1)
        cloud.advance(1)
        ddb.transact_write_items(**request)  # the token has expired: a new transaction
        assert ddb.get_item(TableName=table, Key=key(1))["Item"]["v"] == N(2)

    def test_transactional_capacity(self, ddb: Any, table: str) -> None:
        """Transactional writes cost twice."""
        out = ddb.transact_write_items(
            TransactItems=[{"Put": {"TableName": table, "Item": key(1)}}],
            ReturnConsumedCapacity="TOTAL",
        )
        assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 2.0}]

    def test_transactional_index_capacity(self, ddb: Any) -> None:
        """A transactional write costs twice in each index it writes, too."""
        make_table(
            ddb,
            "indexed",
            more_types={"g": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
            ],
        )
        out = ddb.transact_write_items(
            TransactItems=[{"Put": {"TableName": "indexed", "Item": {**key(1), "g": S("x")}}}],
            ReturnConsumedCapacity="INDEXES",
        )
        assert out["ConsumedCapacity"] == [
            {
                "TableName": "indexed",
                "CapacityUnits": 4.0,
                "Table": {"CapacityUnits": 2.0},
                "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 2.0}},
            }
        ]


class TestTransactGetItems:
    def test_reads_in_order(self, ddb: Any, table: str) -> None:
        """Responses come in request order, empty for missing items."""
        ddb.put_item(TableName=table, Item={**key(1), "v": N(1)})
        out = ddb.transact_get_items(
            TransactItems=[
                {"Get": {"TableName": table, "Key": key(2)}},
                {"Get": {"TableName": table, "Key": key(1), "ProjectionExpression": "v"}},
            ]
        )
        assert out["Responses"] == [{}, {"Item": {"v": N(1)}}]

    def test_same_item_twice_refused(self, ddb: Any, table: str) -> None:
        """Two gets of one item are refused."""
        with pytest.raises(ValidationException):
            ddb.transact_get_items(
                TransactItems=[
                    {"Get": {"TableName": table, "Key": key(1)}},
                    {"Get": {"TableName": table, "Key": key(1)}},
                ]
            )


class TestMoreRejections:
    def test_transact_get_over_100(self, ddb: Any, table: str) -> None:
        """TransactGetItems takes at most 100 gets."""
        with pytest.raises(ValidationException, match="less than or equal to 100"):
            ddb.transact_get_items(
                TransactItems=[{"Get": {"TableName": table, "Key": key(n)}} for n in range(101)]
            )

    def test_condition_check_needs_expression(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """A ConditionCheck without a condition is refused (boto3 refuses it first)."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError):
            ddb.transact_write_items(
                TransactItems=[{"ConditionCheck": {"TableName": table, "Key": key(1)}}]
            )
        with pytest.raises(ValidationException):
            cloud.engine("dynamodb").transact_write_items(
                {
                    "TransactItems": [
                        {"ConditionCheck": {"TableName": table, "Key": {"pk": "a", "sk": 1}}}
                    ]
                }
            )

    def test_transaction_on_missing_table(self, ddb: Any) -> None:
        """A transaction naming a missing table writes nothing."""
        with pytest.raises(ddb.exceptions.ResourceNotFoundException):
            ddb.transact_write_items(TransactItems=[{"Put": {"TableName": "nope", "Item": key(1)}}])

    def test_batch_request_needs_one_action(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """Each batch write request is a PutRequest or a DeleteRequest."""
        with pytest.raises(ValidationException, match="PutRequest or DeleteRequest"):
            cloud.engine("dynamodb").batch_write_item({"RequestItems": {table: [{}]}})

    def test_empty_batch(self, ddb: Any, cloud: Cloud) -> None:
        """An empty RequestItems map is refused."""
        with pytest.raises(ValidationException, match="greater than or equal to 1"):
            cloud.engine("dynamodb").batch_get_item({"RequestItems": {}})
