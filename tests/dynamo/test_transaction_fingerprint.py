"""Idempotency tokens compare requests by their canonical fingerprint (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud


@pytest.fixture
def ddb() -> Any:
    client = Cloud.manual().client("dynamodb")
    client.create_table(
        TableName="tokens",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


def _put(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"Put": {"TableName": "tokens", "Item": item}}]


def test_same_request_with_keys_in_another_order_replays(ddb: Any) -> None:
    first = {"pk": {"S": "a"}, "n": {"N": "1"}, "b": {"B": b"\x00"}, "ns": {"NS": ["1", "2"]}}
    ddb.transact_write_items(TransactItems=_put(first), ClientRequestToken="t1")
    ddb.delete_item(TableName="tokens", Key={"pk": {"S": "a"}})
    again = {"ns": {"NS": ["1", "2"]}, "b": {"B": b"\x00"}, "n": {"N": "1"}, "pk": {"S": "a"}}
    ddb.transact_write_items(TransactItems=_put(again), ClientRequestToken="t1")
    # replayed: the first answer, and nothing written again
    assert "Item" not in ddb.get_item(TableName="tokens", Key={"pk": {"S": "a"}})


@pytest.mark.parametrize(
    "changed",
    [
        {"pk": {"S": "a"}, "n": {"S": "1"}},  # the same text, another type
        {"pk": {"S": "a"}, "n": {"N": "2"}},
        {"pk": {"S": "a"}, "n": {"N": "1"}, "extra": {"NULL": True}},
    ],
)
def test_a_different_request_with_the_token_is_refused(ddb: Any, changed: Any) -> None:
    ddb.transact_write_items(
        TransactItems=_put({"pk": {"S": "a"}, "n": {"N": "1"}}), ClientRequestToken="t2"
    )
    with pytest.raises(ddb.exceptions.IdempotentParameterMismatchException):
        ddb.transact_write_items(TransactItems=_put(changed), ClientRequestToken="t2")
    item = ddb.get_item(TableName="tokens", Key={"pk": {"S": "a"}})["Item"]
    assert item == {"pk": {"S": "a"}, "n": {"N": "1"}}


def test_a_request_mutated_after_the_call_does_not_change_the_record(ddb: Any) -> None:
    item = {"pk": {"S": "a"}, "n": {"N": "1"}}
    ddb.transact_write_items(TransactItems=_put(item), ClientRequestToken="t3")
    item["n"] = {"N": "9"}  # the caller reuses its dict
    with pytest.raises(ddb.exceptions.IdempotentParameterMismatchException):
        ddb.transact_write_items(TransactItems=_put(item), ClientRequestToken="t3")
