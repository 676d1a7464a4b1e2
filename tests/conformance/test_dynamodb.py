"""DynamoDB conformance: the same calls, the same answers, through every door."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from unittest.mock import ANY

import pytest
from botocore.exceptions import ClientError

TABLE = "users"


def error(info: pytest.ExceptionInfo[ClientError]) -> dict[str, Any]:
    return info.value.response["Error"]


@pytest.fixture
def table(dynamodb: Any) -> str:
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
            {"AttributeName": "email", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-email",
                "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return TABLE


def item(sk: int, **extra: Any) -> dict[str, Any]:
    return {"pk": {"S": "u"}, "sk": {"N": str(sk)}, **extra}


class TestTables:
    """CreateTable, DescribeTable, ListTables, DeleteTable."""

    def test_describe(self, dynamodb: Any, table: str, cloud: Any) -> None:
        """The description round-trips, timestamps included."""
        desc = dynamodb.describe_table(TableName=table)["Table"]
        assert desc["TableName"] == table
        assert desc["TableStatus"] == "ACTIVE"
        assert desc["CreationDateTime"] == cloud.now()
        assert desc["KeySchema"][1] == {"AttributeName": "sk", "KeyType": "RANGE"}
        assert desc["GlobalSecondaryIndexes"][0]["IndexName"] == "by-email"

    def test_list(self, dynamodb: Any, table: str) -> None:
        """ListTables names the table."""
        assert dynamodb.list_tables()["TableNames"] == [table]

    def test_duplicate(self, dynamodb: Any, table: str) -> None:
        """Creating it twice is ResourceInUseException."""
        with pytest.raises(ClientError) as info:
            dynamodb.create_table(
                TableName=table,
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        assert error(info)["Code"] == "ResourceInUseException"

    def test_missing_table(self, dynamodb: Any) -> None:
        """An unknown table is ResourceNotFoundException with AWS's message."""
        with pytest.raises(ClientError) as info:
            dynamodb.describe_table(TableName="nope")
        assert error(info) == {
            "Code": "ResourceNotFoundException",
            "Message": "Requested resource not found: Table: nope not found",
        }
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    def test_validation_message(self, dynamodb: Any) -> None:
        """Constraint violations carry AWS's message through every door."""
        with pytest.raises(ClientError) as info:
            dynamodb.create_table(
                TableName="ab",
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        assert error(info)["Code"] == "ValidationException"
        assert "Member must have length greater than or equal to 3" in error(info)["Message"]


class TestItems:
    """PutItem, GetItem, UpdateItem, DeleteItem."""

    def test_round_trip_all_types(self, dynamodb: Any, table: str) -> None:
        """Every attribute type arrives as it was written."""
        value = item(
            1,
            s={"S": "é ☃"},
            n={"N": "12345678901234567890.123456789"},
            b={"B": b"\x00\xff"},
            ss={"SS": ["a", "b"]},
            ns={"NS": ["1", "2.5"]},
            bs={"BS": [b"x", b"y"]},
            m={"M": {"k": {"L": [{"BOOL": True}, {"NULL": True}]}}},
        )
        dynamodb.put_item(TableName=table, Item=value)
        got = dynamodb.get_item(TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "1"}})
        stored = got["Item"]
        assert stored["b"] == {"B": b"\x00\xff"}
        assert sorted(stored["ss"]["SS"]) == ["a", "b"]
        assert sorted(stored["bs"]["BS"]) == [b"x", b"y"]
        assert stored["n"] == {"N": "12345678901234567890.123456789"}
        assert stored["m"] == value["m"]

    def test_missing_item(self, dynamodb: Any, table: str) -> None:
        """A missing item is a response without Item."""
        got = dynamodb.get_item(TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "9"}})
        assert "Item" not in got

    def test_condition_failed(self, dynamodb: Any, table: str) -> None:
        """A false condition is ConditionalCheckFailedException, with the item if asked."""
        dynamodb.put_item(TableName=table, Item=item(1, v={"N": "1"}))
        with pytest.raises(ClientError) as info:
            dynamodb.put_item(
                TableName=table,
                Item=item(1),
                ConditionExpression="attribute_not_exists(pk)",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        assert error(info) == {
            "Code": "ConditionalCheckFailedException",
            "Message": "The conditional request failed",
        }
        assert info.value.response["Item"] == item(1, v={"N": "1"})

    def test_update_returns_new(self, dynamodb: Any, table: str) -> None:
        """UpdateItem with ADD and SET returns the new values."""
        dynamodb.put_item(TableName=table, Item=item(1, v={"N": "1"}))
        out = dynamodb.update_item(
            TableName=table,
            Key={"pk": {"S": "u"}, "sk": {"N": "1"}},
            UpdateExpression="ADD v :one SET #n = :name",
            ExpressionAttributeNames={"#n": "name"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":name": {"S": "Ada"}},
            ReturnValues="UPDATED_NEW",
        )
        assert out["Attributes"] == {"v": {"N": "2"}, "name": {"S": "Ada"}}

    def test_delete_returns_old(self, dynamodb: Any, table: str) -> None:
        """DeleteItem with ALL_OLD returns what was there."""
        dynamodb.put_item(TableName=table, Item=item(1))
        out = dynamodb.delete_item(
            TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "1"}}, ReturnValues="ALL_OLD"
        )
        assert out["Attributes"] == item(1)

    def test_missing_key(self, dynamodb: Any, table: str) -> None:
        """An item without its key is a ValidationException naming the key."""
        with pytest.raises(ClientError) as info:
            dynamodb.put_item(TableName=table, Item={"pk": {"S": "u"}})
        assert error(info)["Code"] == "ValidationException"
        assert "sk" in error(info)["Message"]


class TestReads:
    """Query and Scan, with pagination."""

    @pytest.fixture
    def loaded(self, dynamodb: Any, table: str) -> str:
        for n in range(7):
            dynamodb.put_item(TableName=table, Item=item(n, email={"S": f"{n % 2}@x"}))
        return table

    def test_query_pages(self, dynamodb: Any, loaded: str) -> None:
        """Limit and ExclusiveStartKey walk the partition in key order."""
        seen: list[str] = []
        start: dict[str, Any] | None = None
        pages = 0
        while True:
            kwargs: dict[str, Any] = {
                "TableName": loaded,
                "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": {":p": {"S": "u"}},
                "Limit": 3,
            }
            if start:
                kwargs["ExclusiveStartKey"] = start
            page = dynamodb.query(**kwargs)
            seen += [i["sk"]["N"] for i in page["Items"]]
            pages += 1
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        assert seen == [str(n) for n in range(7)]
        assert pages == 3

    def test_query_descending_with_filter(self, dynamodb: Any, loaded: str) -> None:
        """ScanIndexForward=False and a filter; counts reflect the filter."""
        page = dynamodb.query(
            TableName=loaded,
            KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
            FilterExpression="email = :e",
            ExpressionAttributeValues={
                ":p": {"S": "u"},
                ":a": {"N": "1"},
                ":b": {"N": "5"},
                ":e": {"S": "1@x"},
            },
            ScanIndexForward=False,
        )
        assert [i["sk"]["N"] for i in page["Items"]] == ["5", "3", "1"]
        assert (page["Count"], page["ScannedCount"]) == (3, 5)

    def test_query_index(self, dynamodb: Any, loaded: str) -> None:
        """A GSI is queryable by its own key."""
        page = dynamodb.query(
            TableName=loaded,
            IndexName="by-email",
            KeyConditionExpression="email = :e",
            ExpressionAttributeValues={":e": {"S": "0@x"}},
        )
        assert sorted(int(i["sk"]["N"]) for i in page["Items"]) == [0, 2, 4, 6]

    def test_scan_paginator(self, dynamodb: Any, loaded: str) -> None:
        """botocore's paginator drives Scan through every page."""
        pages = list(dynamodb.get_paginator("scan").paginate(TableName=loaded, Limit=2))
        assert len(pages) == 4
        assert sum(p["Count"] for p in pages) == 7

    def test_select_count(self, dynamodb: Any, loaded: str) -> None:
        """Select=COUNT returns counts only."""
        page = dynamodb.scan(TableName=loaded, Select="COUNT")
        assert page["Count"] == 7
        assert "Items" not in page


class TestBatchesAndTransactions:
    """BatchWriteItem, BatchGetItem, TransactWriteItems."""

    def test_batch_round_trip(self, dynamodb: Any, table: str) -> None:
        """A batch write then a batch get returns every item."""
        out = dynamodb.batch_write_item(
            RequestItems={table: [{"PutRequest": {"Item": item(n)}} for n in range(3)]}
        )
        assert out["UnprocessedItems"] == {}
        keys = [{"pk": {"S": "u"}, "sk": {"N": str(n)}} for n in range(3)]
        got = dynamodb.batch_get_item(RequestItems={table: {"Keys": keys}})
        assert sorted(i["sk"]["N"] for i in got["Responses"][table]) == ["0", "1", "2"]

    def test_transaction_cancelled(self, dynamodb: Any, table: str) -> None:
        """A failed condition cancels the whole transaction, with reasons per item."""
        dynamodb.put_item(TableName=table, Item=item(1))
        with pytest.raises(ClientError) as info:
            dynamodb.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": table, "Item": item(2)}},
                    {
                        "Put": {
                            "TableName": table,
                            "Item": item(1),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                ]
            )
        assert error(info)["Code"] == "TransactionCanceledException"
        reasons = info.value.response["CancellationReasons"]
        assert [r["Code"] for r in reasons] == ["None", "ConditionalCheckFailed"]
        got = dynamodb.get_item(TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "2"}})
        assert "Item" not in got


class TestNumbers:
    """Numbers keep DynamoDB's 38-digit precision through every door."""

    def test_precision(self, dynamodb: Any, table: str) -> None:
        """A 38-digit number is stored and returned exactly."""
        digits = "1234567890123456789012345678901234567.8"
        dynamodb.put_item(TableName=table, Item=item(1, big={"N": digits}))
        got = dynamodb.get_item(TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "1"}})
        assert Decimal(got["Item"]["big"]["N"]) == Decimal(digits)


class TestOtherOperations:
    """TransactGetItems, tags and limits round-trip through every door."""

    def test_transact_get(self, dynamodb: Any, table: str) -> None:
        """TransactGetItems returns one response per request, in order."""
        dynamodb.put_item(TableName=table, Item=item(1, v={"S": "one"}))
        out = dynamodb.transact_get_items(
            TransactItems=[
                {"Get": {"TableName": table, "Key": {"pk": {"S": "u"}, "sk": {"N": "9"}}}},
                {"Get": {"TableName": table, "Key": {"pk": {"S": "u"}, "sk": {"N": "1"}}}},
            ]
        )
        assert [r.get("Item") for r in out["Responses"]] == [None, item(1, v={"S": "one"})]

    def test_tags(self, dynamodb: Any, table: str) -> None:
        """Tags set on the table's ARN are listed back."""
        arn = dynamodb.describe_table(TableName=table)["Table"]["TableArn"]
        dynamodb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "data"}])
        assert dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "team", "Value": "data"}
        ]

    def test_limits(self, dynamodb: Any) -> None:
        """DescribeLimits answers AWS's default account quotas."""
        limits = dynamodb.describe_limits()
        assert limits["TableMaxReadCapacityUnits"] == 40000

    def test_resource_policy(self, dynamodb: Any, table: str) -> None:
        """A resource-based policy round-trips; a stale revision is PolicyNotFoundException."""
        arn = dynamodb.describe_table(TableName=table)["Table"]["TableArn"]
        policy = (
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
            '{"AWS":"arn:aws:iam::123456789012:root"},"Action":"dynamodb:GetItem",'
            '"Resource":"*"}]}'
        )
        revision = dynamodb.put_resource_policy(ResourceArn=arn, Policy=policy)["RevisionId"]
        assert dynamodb.get_resource_policy(ResourceArn=arn) == {
            "Policy": policy,
            "RevisionId": revision,
            "ResponseMetadata": ANY,
        }
        with pytest.raises(ClientError) as err:
            dynamodb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId="1")
        assert err.value.response["Error"]["Code"] == "PolicyNotFoundException"
        assert dynamodb.delete_resource_policy(ResourceArn=arn)["RevisionId"] == revision

    def test_multi_attribute_gsi(self, dynamodb: Any) -> None:
        """A GSI keyed by two HASH and two RANGE attributes answers a left-to-right query."""
        names = ("h1", "h2", "r1", "r2")
        dynamodb.create_table(
            TableName="matches",
            KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": n, "AttributeType": "S"} for n in ("p", *names)
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "gsi",
                    "KeySchema": [
                        {"AttributeName": n, "KeyType": "HASH" if n[0] == "h" else "RANGE"}
                        for n in names
                    ],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        for p, r2 in (("a", "2"), ("b", "1"), ("c", "3")):
            values = {"p": p, "h1": "x", "h2": "y", "r1": "z", "r2": r2}
            dynamodb.put_item(TableName="matches", Item={k: {"S": v} for k, v in values.items()})
        out = dynamodb.query(
            TableName="matches",
            IndexName="gsi",
            KeyConditionExpression="h1 = :a AND h2 = :b AND r1 = :c AND r2 >= :d",
            ExpressionAttributeValues={
                ":a": {"S": "x"},
                ":b": {"S": "y"},
                ":c": {"S": "z"},
                ":d": {"S": "2"},
            },
        )
        assert [i["p"]["S"] for i in out["Items"]] == ["a", "c"]
