"""Quotas across one request: transactions' sizes and collections, scan segments' start keys."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud

from .conftest import make_table


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int) -> dict[str, str]:
    return {"N": str(v)}


LSI = [
    {
        "IndexName": "byl",
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "l", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "ALL"},
    }
]


class TestTransactGetItemsSize:
    def test_items_read_over_the_limit(self) -> None:
        """TransactGetItems refuses to return more than the transaction size quota."""
        cloud = Cloud.manual(limits={"dynamodb": {"max_transact_bytes": 250}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        for n in range(3):
            ddb.put_item(TableName="items", Item={"pk": S("a"), "sk": N(n), "x": S("y" * 100)})
        gets = [
            {"Get": {"TableName": "items", "Key": {"pk": S("a"), "sk": N(n)}}} for n in range(3)
        ]
        assert len(ddb.transact_get_items(TransactItems=gets[:2])["Responses"]) == 2
        with pytest.raises(ClientError) as info:
            ddb.transact_get_items(TransactItems=gets)
        assert info.value.response["Error"] == {
            "Code": "ValidationException",
            "Message": "Transaction request size exceeds the maximum allowed size",
        }

    def test_missing_items_count_nothing(self) -> None:
        """Keys that find no item add nothing to the size read."""
        cloud = Cloud.manual(limits={"dynamodb": {"max_transact_bytes": 10}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        gets = [
            {"Get": {"TableName": "items", "Key": {"pk": S("a"), "sk": N(n)}}} for n in range(5)
        ]
        assert ddb.transact_get_items(TransactItems=gets)["Responses"] == [{}] * 5


class TestTransactionItemCollections:
    def _ddb(self) -> Any:
        cloud = Cloud.manual(limits={"dynamodb": {"max_item_collection_bytes": 200}})
        ddb = cloud.client("dynamodb")
        make_table(ddb, more_types={"l": "N"}, LocalSecondaryIndexes=LSI)
        return ddb

    def _put(self, sk: int, size: int) -> dict[str, Any]:
        return {
            "Put": {"TableName": "items", "Item": {"pk": S("a"), "sk": N(sk), "x": S("y" * size)}}
        }

    def test_actions_are_summed(self) -> None:
        """Puts that each fit but together pass the limit cancel the transaction."""
        ddb = self._ddb()
        with pytest.raises(ddb.exceptions.TransactionCanceledException) as info:
            ddb.transact_write_items(TransactItems=[self._put(n, 80) for n in range(3)])
        codes = [r["Code"] for r in info.value.response["CancellationReasons"]]
        assert codes == ["None", "None", "ItemCollectionSizeLimitExceeded"]
        assert ddb.scan(TableName="items")["Count"] == 0

    def test_deletes_make_room(self) -> None:
        """A delete in the same transaction frees room for a put."""
        ddb = self._ddb()
        ddb.put_item(TableName="items", Item=self._put(0, 150)["Put"]["Item"])
        delete = {"Delete": {"TableName": "items", "Key": {"pk": S("a"), "sk": N(0)}}}
        ddb.transact_write_items(TransactItems=[delete, self._put(1, 150)])
        assert [i["sk"] for i in ddb.scan(TableName="items")["Items"]] == [N(1)]


class TestScanSegmentStartKey:
    def test_start_key_of_another_segment(self, ddb: Any, simple: str) -> None:
        """An ExclusiveStartKey from another segment is refused with DynamoDB's message."""
        for n in range(20):
            ddb.put_item(TableName=simple, Item={"id": S(f"k{n}")})
        first = ddb.scan(TableName=simple, Segment=1, TotalSegments=2)["Items"][0]
        with pytest.raises(ClientError) as info:
            ddb.scan(TableName=simple, Segment=0, TotalSegments=2, ExclusiveStartKey=first)
        assert info.value.response["Error"]["Message"] == (
            "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
            "ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0"
        )
        page = ddb.scan(TableName=simple, Segment=1, TotalSegments=2, ExclusiveStartKey=first)
        assert first not in page["Items"]

    def test_paging_within_a_segment(self, ddb: Any, simple: str) -> None:
        """LastEvaluatedKey of a segment resumes that segment, to the same items."""
        for n in range(30):
            ddb.put_item(TableName=simple, Item={"id": S(f"k{n}")})
        whole = ddb.scan(TableName=simple, Segment=0, TotalSegments=3)["Items"]
        paged: list[Any] = []
        kwargs: dict[str, Any] = {}
        while True:
            page = ddb.scan(TableName=simple, Segment=0, TotalSegments=3, Limit=2, **kwargs)
            paged += page["Items"]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        assert paged == whole
