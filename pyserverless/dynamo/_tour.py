"""The DynamoDB stop of ``pyserverless tour``: a table at work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """DynamoDB: a table, conditional writes, a query, a transaction, Time to Live."""
    _orders(cloud, say)
    _time_to_live(cloud, say)


def _orders(cloud: Cloud, say: Callable[[str], None]) -> None:
    """A table, conditional writes, a query, a transaction."""
    from .conditions import Attr, Key

    ddb = cloud.dynamo
    orders = ddb.create_table(
        TableName="orders",
        KeySchema=[
            {"AttributeName": "customer", "KeyType": "HASH"},
            {"AttributeName": "placed", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "customer", "AttributeType": "S"},
            {"AttributeName": "placed", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    with orders.batch_writer() as batch:
        for n, amount in enumerate([12, 40, 7, 99, 23]):
            batch.put_item(Item={"customer": "ada", "placed": 1000 + n, "amount": amount})
        batch.put_item(Item={"customer": "bob", "placed": 1000, "amount": 5})
    say(f"Created {orders!r} with a batch writer (ACTIVE at once, no waiting).")
    big = orders.query(
        KeyConditionExpression=Key("customer").eq("ada") & Key("placed").gte(1001),
        FilterExpression=Attr("amount").gt(20),
        ScanIndexForward=False,
    )
    placed = [int(i["placed"]) for i in big["Items"]]
    say(
        f"Query: ada's orders after 1000 over 20, newest first: {placed} "
        f"(Count {big['Count']} of ScannedCount {big['ScannedCount']}: "
        "the filter runs after the read)."
    )
    try:
        orders.put_item(
            Item={"customer": "bob", "placed": 1000, "amount": 0},
            ConditionExpression=Attr("customer").not_exists(),
        )
    except ddb.meta.client.exceptions.ConditionalCheckFailedException as err:
        say(f"A conditional put on an existing item: {err.response['Error']['Code']}.")
    client = cloud.client("dynamodb")
    try:
        client.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": "orders",
                        "Key": {"customer": {"S": "bob"}, "placed": {"N": "1000"}},
                        "UpdateExpression": "SET amount = amount - :x",
                        "ConditionExpression": "amount >= :x",
                        "ExpressionAttributeValues": {":x": {"N": "50"}},
                    }
                },
                {
                    "Put": {
                        "TableName": "orders",
                        "Item": {"customer": {"S": "bob"}, "placed": {"N": "2000"}},
                    }
                },
            ]
        )
    except client.exceptions.TransactionCanceledException as err:
        codes = [r["Code"] for r in err.response["CancellationReasons"]]
        say(f"A transaction spending more than bob has is cancelled whole: reasons {codes}.")
    say(f"Still {orders.describe().item_count} items; {orders!r}.")


def _time_to_live(cloud: Cloud, say: Callable[[str], None]) -> None:
    """Time to Live: an item expires, stays readable, and is deleted later by DynamoDB."""
    sessions = cloud.dynamo.create_table(
        TableName="sessions",
        KeySchema=[{"AttributeName": "token", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "token", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    sessions.ttl = "expires"
    now = int(cloud.clock.time())
    sessions.put_item(Item={"token": "t-old", "expires": now - 60})
    sessions.put_item(Item={"token": "t-new", "expires": now + 7 * 86400})
    sessions.put_item(Item={"token": "t-text", "expires": str(now - 60)})
    expired = [item["token"] for item in sessions.expired()]
    still = "Item" in sessions.get_item(Key={"token": "t-old"})
    say(
        f"TTL on 'expires': expired now {expired} (a string TTL never expires); "
        f"still readable: {still}, as in AWS until the background delete."
    )
    cloud.advance(2 * 86400)
    left = sorted(item["token"] for item in sessions.scan()["Items"])
    say(f"Two days later (cloud.advance) DynamoDB's sweeper has deleted it: {left} remain.")
