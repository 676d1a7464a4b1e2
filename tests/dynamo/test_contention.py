"""Contention mode: transactions hold their items in flight, and other writers conflict."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import TransactionConflictException

from .conftest import make_table

CONFLICT = {"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}


def _put(name: str, table: str = "ccc") -> dict[str, Any]:
    return {"Put": {"TableName": table, "Item": {"id": {"S": name}}}}


@pytest.fixture
def client(cloud: Cloud) -> Any:
    client = cloud.client("dynamodb")
    make_table(client, "ccc", pk="id", sk=None)
    return client


@pytest.fixture
def contended(cloud: Cloud, client: Any) -> Any:
    """Contention mode with a 2-second hold."""
    cloud.engine("dynamodb").set_contention(2)
    return client


class TestOffByDefault:
    def test_no_conflicts_without_contention(self, client: Any) -> None:
        """By default a transaction holds nothing: the next write goes through."""
        client.transact_write_items(TransactItems=[_put("a")])
        client.put_item(TableName="ccc", Item={"id": {"S": "a"}, "v": {"N": "1"}})
        client.transact_write_items(TransactItems=[_put("a")])

    def test_limits_field_turns_it_on(self) -> None:
        """Cloud(limits={"dynamodb": {"transaction_hold_seconds": ...}}) is contention mode."""
        cloud = Cloud.manual(limits={"dynamodb": {"transaction_hold_seconds": 1}})
        client = cloud.client("dynamodb")
        make_table(client, "ccc", pk="id", sk=None)
        client.transact_write_items(TransactItems=[_put("a")])
        with pytest.raises(TransactionConflictException):
            client.delete_item(TableName="ccc", Key={"id": {"S": "a"}})


class TestSingleItemWrites:
    @pytest.mark.parametrize("op", ["put", "update", "delete"])
    def test_write_on_held_item_conflicts(self, contended: Any, cloud: Cloud, op: str) -> None:
        """PutItem, UpdateItem and DeleteItem on a held item: TransactionConflictException."""
        contended.transact_write_items(TransactItems=[_put("a")])
        key = {"id": {"S": "a"}}
        calls = {
            "put": lambda: contended.put_item(TableName="ccc", Item={**key, "v": {"N": "1"}}),
            "update": lambda: contended.update_item(
                TableName="ccc",
                Key=key,
                UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"N": "1"}},
            ),
            "delete": lambda: contended.delete_item(TableName="ccc", Key=key),
        }
        with pytest.raises(contended.exceptions.TransactionConflictException) as err:
            calls[op]()
        assert err.value.response["Error"]["Message"] == "Transaction is ongoing for the item"
        assert contended.get_item(TableName="ccc", Key=key)["Item"] == key  # unchanged
        cloud.advance(1.999)
        with pytest.raises(TransactionConflictException):
            calls[op]()
        cloud.advance(0.001)  # the hold ends at exactly 2 s
        calls[op]()

    def test_other_items_are_free(self, contended: Any) -> None:
        """Only the transaction's own items are held."""
        contended.transact_write_items(TransactItems=[_put("a")])
        contended.put_item(TableName="ccc", Item={"id": {"S": "b"}})

    def test_reads_are_not_refused(self, contended: Any) -> None:
        """GetItem of a held item answers (DynamoDB's reads see the committed item)."""
        contended.transact_write_items(TransactItems=[_put("a")])
        assert contended.get_item(TableName="ccc", Key={"id": {"S": "a"}})["Item"]


class TestTransactions:
    def test_conflicting_transaction_is_cancelled(self, contended: Any) -> None:
        """A second transaction on a held item is cancelled, with the reason in place."""
        contended.transact_write_items(TransactItems=[_put("a")])
        with pytest.raises(contended.exceptions.TransactionCanceledException) as err:
            contended.transact_write_items(TransactItems=[_put("b"), _put("a")])
        response = err.value.response
        assert response["Error"]["Message"] == (
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            "[None, TransactionConflict]"
        )
        assert response["CancellationReasons"] == [{"Code": "None"}, CONFLICT]
        assert "Item" not in contended.get_item(TableName="ccc", Key={"id": {"S": "b"}})

    def test_conflict_comes_before_the_condition(self, contended: Any) -> None:
        """A held item reports TransactionConflict even when its condition would fail."""
        contended.transact_write_items(TransactItems=[_put("a")])
        check = {
            "ConditionCheck": {
                "TableName": "ccc",
                "Key": {"id": {"S": "a"}},
                "ConditionExpression": "attribute_not_exists(id)",
            }
        }
        with pytest.raises(contended.exceptions.TransactionCanceledException) as err:
            contended.transact_write_items(TransactItems=[check])
        assert err.value.response["CancellationReasons"] == [CONFLICT]

    def test_transact_get_on_held_item_is_cancelled(self, contended: Any, cloud: Cloud) -> None:
        """TransactGetItems of an item in flight is cancelled; after the hold it reads."""
        contended.transact_write_items(TransactItems=[_put("a")])
        get = [{"Get": {"TableName": "ccc", "Key": {"id": {"S": "a"}}}}]
        with pytest.raises(contended.exceptions.TransactionCanceledException) as err:
            contended.transact_get_items(TransactItems=get)
        assert err.value.response["CancellationReasons"] == [CONFLICT]
        cloud.advance(2)
        assert contended.transact_get_items(TransactItems=get)["Responses"][0]["Item"]

    def test_cancelled_transaction_holds_nothing(self, contended: Any) -> None:
        """Only a committed transaction holds its items."""
        contended.transact_write_items(TransactItems=[_put("a")])
        with pytest.raises(contended.exceptions.TransactionCanceledException):
            contended.transact_write_items(TransactItems=[_put("b"), _put("a")])
        contended.put_item(TableName="ccc", Item={"id": {"S": "b"}})

    def test_idempotent_replay_is_not_a_conflict(self, contended: Any) -> None:
        """Replaying a committed request with its token answers as before."""
        request = {"TransactItems": [_put("a")], "ClientRequestToken": "t"}
        first = contended.transact_write_items(**request)
        second = contended.transact_write_items(**request)
        assert first.get("ConsumedCapacity") == second.get("ConsumedCapacity")


class TestEngineMethods:
    def test_hold_item_by_hand_and_release(self, client: Any, cloud: Cloud) -> None:
        """hold_item stands for another client's transaction; release_holds ends it."""
        engine = cloud.engine("dynamodb")
        engine.hold_item("ccc", {"id": "a"}, 60)
        with pytest.raises(TransactionConflictException):
            client.put_item(TableName="ccc", Item={"id": {"S": "a"}})
        assert engine.release_holds() == 1
        client.put_item(TableName="ccc", Item={"id": {"S": "a"}})

    def test_turning_off_stops_new_holds(self, contended: Any, cloud: Cloud) -> None:
        """set_contention(0) returns the old span; later transactions hold nothing."""
        assert cloud.engine("dynamodb").set_contention(0) == 2.0
        contended.transact_write_items(TransactItems=[_put("a")])
        contended.put_item(TableName="ccc", Item={"id": {"S": "a"}})

    @pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
    def test_bad_span_is_refused(self, cloud: Cloud, bad: float) -> None:
        """A negative, NaN or infinite span is refused; the setting is unchanged."""
        engine = cloud.engine("dynamodb")
        with pytest.raises(ValueError):
            engine.set_contention(bad)
        assert engine.set_contention(0) == 0.0

    def test_holds_are_forgotten_as_they_end(self, contended: Any, cloud: Cloud) -> None:
        """Expired holds leave the store: it stays bounded by the window."""
        state = cloud.engine("dynamodb").state
        for n in range(30):
            contended.transact_write_items(TransactItems=[_put(f"i{n}")])
            cloud.advance(1)
        assert len(state.holds) <= 3
        assert len(state.hold_order) <= 3
