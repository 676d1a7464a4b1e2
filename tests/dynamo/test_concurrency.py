"""Concurrent writers: conditional updates from many threads lose nothing."""

from __future__ import annotations

import contextlib
import threading
from decimal import Decimal
from typing import Any

from pyserverless import Cloud
from pyserverless.dynamo import ConditionalCheckFailedException, TransactionCanceledException

from .conftest import make_table

THREADS = 8
ROUNDS = 150


def _run(workers: list[threading.Thread]) -> None:
    for w in workers:
        w.start()
    for w in workers:
        w.join()


class TestConcurrency:
    def test_compare_and_set_counters_are_exact(self) -> None:
        """Read-then-conditional-write loops from 8 threads count every increment once."""
        cloud = Cloud.manual()
        make_table(cloud.client("dynamodb"), "counters", pk="id", sk=None)
        table = cloud.resource("dynamodb").Table("counters")
        for name in ("a", "b"):
            table.put_item(Item={"id": name, "n": 0})
        conflicts = [0]

        def work(name: str) -> None:
            for _ in range(ROUNDS):
                while True:
                    seen = table.get_item(Key={"id": name}, ConsistentRead=True)["Item"]["n"]
                    try:
                        table.update_item(
                            Key={"id": name},
                            UpdateExpression="SET n = :new",
                            ConditionExpression="n = :old",
                            ExpressionAttributeValues={":new": seen + 1, ":old": seen},
                        )
                        break
                    except ConditionalCheckFailedException:
                        conflicts[0] += 1

        _run([threading.Thread(target=work, args=("ab"[i % 2],)) for i in range(THREADS)])
        per_counter = THREADS // 2 * ROUNDS
        for name in ("a", "b"):
            assert table.get_item(Key={"id": name})["Item"]["n"] == Decimal(per_counter)
        cloud.engine("dynamodb")._check()

    def test_capped_counter_never_passes_its_cap(self) -> None:
        """ADD under `n < cap` from many threads stops exactly at the cap."""
        cloud = Cloud.manual()
        client: Any = cloud.client("dynamodb")
        make_table(client, "caps", pk="id", sk=None)
        cap = 500
        granted = [0]
        lock = threading.Lock()

        def work() -> None:
            for _ in range(ROUNDS):
                try:
                    client.update_item(
                        TableName="caps",
                        Key={"id": {"S": "x"}},
                        UpdateExpression="ADD n :one",
                        ConditionExpression="attribute_not_exists(n) OR n < :cap",
                        ExpressionAttributeValues={":one": {"N": "1"}, ":cap": {"N": str(cap)}},
                    )
                    with lock:
                        granted[0] += 1
                except ConditionalCheckFailedException:
                    pass

        _run([threading.Thread(target=work) for _ in range(THREADS)])
        item = client.get_item(TableName="caps", Key={"id": {"S": "x"}})["Item"]
        assert item["n"] == {"N": str(cap)}
        assert granted[0] == cap

    def test_transfers_keep_the_total(self) -> None:
        """Concurrent conditional transfers between accounts keep the sum exact."""
        cloud = Cloud.manual()
        client: Any = cloud.client("dynamodb")
        make_table(client, "accounts", pk="id", sk=None)
        names = [f"acct{i}" for i in range(4)]
        for name in names:
            client.put_item(TableName="accounts", Item={"id": {"S": name}, "bal": {"N": "100"}})

        def work(seed: int) -> None:
            for r in range(ROUNDS):
                src, dst = names[(seed + r) % 4], names[(seed + r + 1) % 4]
                with contextlib.suppress(TransactionCanceledException):
                    client.transact_write_items(
                        TransactItems=[
                            {
                                "Update": {
                                    "TableName": "accounts",
                                    "Key": {"id": {"S": src}},
                                    "UpdateExpression": "SET bal = bal - :x",
                                    "ConditionExpression": "bal >= :x",
                                    "ExpressionAttributeValues": {":x": {"N": "7"}},
                                }
                            },
                            {
                                "Update": {
                                    "TableName": "accounts",
                                    "Key": {"id": {"S": dst}},
                                    "UpdateExpression": "SET bal = bal + :x",
                                    "ExpressionAttributeValues": {":x": {"N": "7"}},
                                }
                            },
                        ]
                    )

        _run([threading.Thread(target=work, args=(i,)) for i in range(THREADS)])
        items = client.scan(TableName="accounts")["Items"]
        balances = [int(i["bal"]["N"]) for i in items]
        assert sum(balances) == 400
        assert min(balances) >= 0
        cloud.engine("dynamodb")._check()
