"""The 400 KB item size limit, one byte either side, through every write path.

Sizes are counted by hand (DynamoDB's rule: UTF-8 bytes of every attribute name plus
its value; a string value is its UTF-8 bytes) and cross-checked with ``item_size``.
The table ``simple`` is keyed by ``id`` (S), so ``{"id": "a", "body": "x" * n}`` is
``2 + 1 + 4 + n`` bytes.
"""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import (
    TransactionCanceledException,
    ValidationException,
    item_size,
)

LIMIT = 409_600
PUT_TOO_LARGE = "Item size has exceeded the maximum allowed size"
UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"
OVERHEAD = len("id") + len("a") + len("body")


def blob(size: int) -> str:
    """The ``body`` value that makes ``{"id": "a", "body": ...}`` exactly ``size`` bytes."""
    return "x" * (size - OVERHEAD)


def item(size: int, **extra: str) -> dict[str, Any]:
    """A wire item of exactly ``size`` bytes (``extra`` attributes included in the size)."""
    taken = sum(len(k) + len(v) for k, v in extra.items())
    wire = {"id": {"S": "a"}, "body": {"S": blob(size - taken)}}
    wire.update({k: {"S": v} for k, v in extra.items()})
    native = {k: v["S"] for k, v in wire.items()}
    assert item_size(native) == size
    return wire


def stored(ddb: Any) -> dict[str, Any] | None:
    out: dict[str, Any] | None = ddb.get_item(TableName="simple", Key={"id": {"S": "a"}}).get(
        "Item"
    )
    return out


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


class TestPutItem:
    def test_at_the_limit_is_stored(self, ddb: Any, simple: str) -> None:
        """An item of exactly 409,600 bytes is stored, and counted at that size."""
        ddb.put_item(TableName=simple, Item=item(LIMIT))
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT

    def test_one_byte_over_is_refused(self, ddb: Any, simple: str) -> None:
        """An item of 409,601 bytes is refused with AWS's message, and nothing is stored."""
        with pytest.raises(ValidationException) as err:
            ddb.put_item(TableName=simple, Item=item(LIMIT + 1))
        assert message(err) == PUT_TOO_LARGE
        assert stored(ddb) is None

    def test_resource_layer_both_sides(self, cloud: Cloud, simple: str) -> None:
        """The resource layer's put_item refuses the same byte."""
        table = cloud.dynamo.Table(simple)
        table.put_item(Item={"id": "a", "body": blob(LIMIT)})
        with pytest.raises(ValidationException) as err:
            table.put_item(Item={"id": "b", "body": blob(LIMIT + 1)})
        assert message(err) == PUT_TOO_LARGE
        assert table.describe().item_count == 1


class TestUpdateItem:
    @pytest.mark.parametrize("others", [0, 8], ids=["whole-item", "few-touched"])
    def test_growing_to_the_limit_and_one_past(self, ddb: Any, simple: str, others: int) -> None:
        """SET may grow an item to 409,600 bytes, not to 409,601; a refusal changes nothing.

        With eight more attributes, the one SET touches few of them (the engine then
        adjusts the stored size instead of measuring the whole item).
        """
        extra = {f"c{n}": "y" for n in range(others)}
        taken = 3 * others
        ddb.put_item(TableName=simple, Item=item(1000, **extra))
        request = {
            "TableName": simple,
            "Key": {"id": {"S": "a"}},
            "UpdateExpression": "SET body = :b",
        }
        ddb.update_item(**request, ExpressionAttributeValues={":b": {"S": blob(LIMIT - taken)}})
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT
        before = stored(ddb)
        with pytest.raises(ValidationException) as err:
            ddb.update_item(
                **request, ExpressionAttributeValues={":b": {"S": blob(LIMIT + 1 - taken)}}
            )
        assert message(err) == UPDATE_TOO_LARGE
        assert stored(ddb) == before
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT


class TestBatchWriteItem:
    def test_both_sides(self, ddb: Any, simple: str) -> None:
        """A batch may put a 409,600-byte item; one of 409,601 bytes fails the whole batch."""
        ok = ddb.batch_write_item(RequestItems={simple: [{"PutRequest": {"Item": item(LIMIT)}}]})
        assert ok["UnprocessedItems"] == {}
        small = {"id": {"S": "b"}}
        with pytest.raises(ValidationException) as err:
            ddb.batch_write_item(
                RequestItems={
                    simple: [
                        {"PutRequest": {"Item": small}},
                        {"PutRequest": {"Item": {**item(LIMIT + 1), "id": {"S": "c"}}}},
                    ]
                }
            )
        assert message(err) == PUT_TOO_LARGE
        assert ddb.describe_table(TableName=simple)["Table"]["ItemCount"] == 1


class TestTransactWriteItems:
    def test_put_both_sides(self, ddb: Any, simple: str) -> None:
        """A transaction may put a 409,600-byte item; 409,601 bytes refuses the whole one."""
        ddb.transact_write_items(
            TransactItems=[{"Put": {"TableName": simple, "Item": item(LIMIT)}}]
        )
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT
        with pytest.raises(ValidationException) as err:
            ddb.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": simple, "Item": {"id": {"S": "b"}}}},
                    {"Put": {"TableName": simple, "Item": {**item(LIMIT + 1), "id": {"S": "c"}}}},
                ]
            )
        assert message(err) == PUT_TOO_LARGE
        assert ddb.describe_table(TableName=simple)["Table"]["ItemCount"] == 1

    def test_update_both_sides(self, ddb: Any, simple: str) -> None:
        """An Update action may grow an item to the limit; one byte more cancels the transaction."""
        ddb.put_item(TableName=simple, Item=item(1000))

        def grow(size: int) -> None:
            ddb.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": simple,
                            "Key": {"id": {"S": "a"}},
                            "UpdateExpression": "SET body = :b",
                            "ExpressionAttributeValues": {":b": {"S": blob(size)}},
                        }
                    }
                ]
            )

        grow(LIMIT)
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT
        with pytest.raises(TransactionCanceledException) as err:
            grow(LIMIT + 1)
        reasons = err.value.response["CancellationReasons"]
        assert reasons == [{"Code": "ValidationError", "Message": UPDATE_TOO_LARGE}]
        assert ddb.describe_table(TableName=simple)["Table"]["TableSizeBytes"] == LIMIT
