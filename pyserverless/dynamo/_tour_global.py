"""The global tables stop of ``pyserverless tour``: a table in two Regions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """DynamoDB global tables: a replica in another Region, replication on the clock."""
    carts = cloud.dynamo.create_table(
        TableName="carts",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    carts.put_item(Item={"id": "c-1", "items": 2})
    eu = carts.add_replica("eu-west-1")
    first = eu.get_item(Key={"id": "c-1"})["Item"]
    say(f"Added {eu!r}; it was filled from us-east-1 at once: {first}")
    carts.put_item(Item={"id": "c-2", "items": 1})
    pending = carts.replica("us-east-1").metrics()["eu-west-1"]["PendingReplicationCount"]
    say(f"A new write waits for the clock: {pending} pending for eu-west-1.")
    cloud.advance(1)
    say(f"One second later eu-west-1 has it: {eu.get_item(Key={'id': 'c-2'})['Item']}")
    cloud.partition("us-east-1", "eu-west-1")
    carts.put_item(Item={"id": "c-3", "items": 5})
    cloud.advance(0.01)
    eu.put_item(Item={"id": "c-3", "items": 9})
    cloud.advance(60)
    cloud.heal()
    cloud.advance(1)
    winner = eu.get_item(Key={"id": "c-3"})["Item"]["items"]
    say(
        f"Partitioned, both Regions took a write to c-3; healed, both hold the later one "
        f"(eu-west-1's, {winner} items): last writer wins."
    )
