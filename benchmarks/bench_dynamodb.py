"""DynamoDB: pyserverless against moto (in-process, through boto3), same workloads, one run.

``python -m benchmarks.bench_dynamodb`` prints the table and records it in
docs/benchmarks.md. Workloads: put_item, get_item, a conditional update_item (client
and resource layers), a Query returning 100 items from partitions of 1,000 / 10,000 /
100,000 items, a Scan of 10,000 items, and the memory held per stored 200-byte item.

``python -m benchmarks.bench_dynamodb tokens`` prints the cost of a transaction with a
ClientRequestToken, first and after 40,000 earlier ones (issue 14: it must not grow).
"""

from __future__ import annotations

import gc
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from benchmarks._common import per_second, record, table
from pyserverless import Cloud

SIZES = (1_000, 10_000, 100_000)
SCAN_ITEMS = 10_000
DATA = "x" * 186  # with its key and names, a 200-byte item

CREATE: dict[str, Any] = {
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def _fill(client: Any, name: str, pk: str, count: int) -> None:
    batch: list[dict[str, Any]] = []
    for n in range(count):
        item = {"pk": {"S": pk}, "sk": {"N": str(n)}, "data": {"S": DATA}}
        batch.append({"PutRequest": {"Item": item}})
        if len(batch) == 25:
            client.batch_write_item(RequestItems={name: batch})
            batch = []
    if batch:
        client.batch_write_item(RequestItems={name: batch})


class Workloads:
    """The timed calls, built over one boto3-shaped client and resource."""

    def __init__(self, client: Any, resource: Any) -> None:
        self.client = client
        self.resource = resource
        client.create_table(TableName="bench", **CREATE)
        self.table = resource.Table("bench")
        self.n = 0
        client.put_item(
            TableName="bench", Item={"pk": {"S": "hot"}, "sk": {"N": "0"}, "v": {"N": "0"}}
        )
        self.table.put_item(Item={"pk": "hotr", "sk": 0, "v": 0})

    def client_put(self) -> None:
        self.n += 1
        self.client.put_item(
            TableName="bench",
            Item={"pk": {"S": f"p{self.n % 5000}"}, "sk": {"N": str(self.n)}, "data": {"S": DATA}},
        )

    def client_get(self) -> None:
        self.client.get_item(TableName="bench", Key={"pk": {"S": "hot"}, "sk": {"N": "0"}})

    def client_update(self) -> None:
        self.client.update_item(
            TableName="bench",
            Key={"pk": {"S": "hot"}, "sk": {"N": "0"}},
            UpdateExpression="SET v = v + :one",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )

    def resource_put(self) -> None:
        self.n += 1
        self.table.put_item(Item={"pk": f"r{self.n % 5000}", "sk": self.n, "data": DATA})

    def resource_get(self) -> None:
        self.table.get_item(Key={"pk": "hotr", "sk": 0})

    def resource_update(self) -> None:
        self.table.update_item(
            Key={"pk": "hotr", "sk": 0},
            UpdateExpression="SET v = v + :one",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":one": 1},
        )

    def query(self, size: int) -> Callable[[], object]:
        pk = f"part{size}"
        _fill(self.client, "bench", pk, size)
        low = size // 2
        request = {
            "TableName": "bench",
            "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
            "ExpressionAttributeValues": {
                ":p": {"S": pk},
                ":a": {"N": str(low)},
                ":b": {"N": str(low + 99)},
            },
        }

        def run() -> object:
            out = self.client.query(**request)
            assert out["Count"] == 100, out["Count"]
            return out

        return run

    def scan(self) -> Callable[[], object]:
        self.client.create_table(TableName="scanned", **CREATE)
        _fill(self.client, "scanned", "s", SCAN_ITEMS)

        def run() -> object:
            request: dict[str, Any] = {"TableName": "scanned"}
            total = 0
            while True:
                out = self.client.scan(**request)
                total += out["Count"]
                if "LastEvaluatedKey" not in out:
                    break
                request["ExclusiveStartKey"] = out["LastEvaluatedKey"]
            assert total == SCAN_ITEMS, total
            return total

        return run


def _measure(work: Workloads, quick: bool) -> dict[str, float]:
    t = 0.2 if quick else 0.5
    out = {
        "put_item (client)": per_second(work.client_put, min_time=t),
        "get_item (client)": per_second(work.client_get, min_time=t),
        "update_item with condition (client)": per_second(work.client_update, min_time=t),
        "put_item (resource)": per_second(work.resource_put, min_time=t),
        "get_item (resource)": per_second(work.resource_get, min_time=t),
        "update_item with condition (resource)": per_second(work.resource_update, min_time=t),
    }
    for size in SIZES:
        out[f"query 100 of {size:,}"] = per_second(work.query(size), min_time=t, repeat=2)
    out[f"scan {SCAN_ITEMS:,} items"] = per_second(work.scan(), min_time=t, repeat=1)
    return out


def _memory_per_item(count: int = 20_000) -> tuple[float, int]:
    from pyserverless.dynamo import item_size

    cloud = Cloud.manual()
    client = cloud.client("dynamodb")
    client.create_table(TableName="mem", **CREATE)
    table = cloud.dynamo.Table("mem")
    sample = {"pk": "p0000", "sk": 10_000, "data": DATA}
    from pyserverless.dynamo import from_python

    size = item_size({k: from_python(v) for k, v in sample.items()})
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(count):
        # A fresh string per item, as real data is (never one shared object).
        table.put_item(Item={"pk": f"p{n % 100:04d}", "sk": n, "data": f"{n:08d}" + DATA[8:]})
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count, size


def _moto() -> tuple[Any, Any, Any]:
    import boto3
    from moto import mock_aws

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    mock = mock_aws()
    mock.start()
    client = boto3.client("dynamodb", region_name="us-east-1")
    resource = boto3.resource("dynamodb", region_name="us-east-1")
    return mock, client, resource


def _transaction(client: Any, n: int) -> None:
    client.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": "txn",
                    "Key": {"pk": {"S": f"k{n % 1000}"}, "sk": {"N": "0"}},
                    "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            }
        ],
        ClientRequestToken=f"token-{n}",
    )


def token_costs(earlier: int = 40_000, block: int = 500, rounds: int = 7) -> tuple[float, float]:
    """Microseconds per tokened transaction: the first ``block``, then after ``earlier``.

    The clock does not move, so every earlier token is still held (the case that made
    each transaction slower as they accumulated, issue 14). Best of ``rounds``
    alternating blocks on two Clouds: a fresh one and one with ``earlier`` tokens.
    """
    fresh_best = late_best = float("inf")
    late = Cloud.manual()
    late_client = late.client("dynamodb")
    late_client.create_table(TableName="txn", **CREATE)
    n = 0
    while n < earlier:
        _transaction(late_client, n)
        n += 1
    for _ in range(rounds):
        fresh = Cloud.manual().client("dynamodb")
        fresh.create_table(TableName="txn", **CREATE)
        start = time.process_time()
        for i in range(block):
            _transaction(fresh, i)
        fresh_best = min(fresh_best, (time.process_time() - start) / block)
        start = time.process_time()
        for _i in range(block):
            _transaction(late_client, n)
            n += 1
        late_best = min(late_best, (time.process_time() - start) / block)
    return fresh_best * 1e6, late_best * 1e6


def main() -> None:
    if "tokens" in sys.argv:
        first, late = token_costs()
        print(
            f"TransactWriteItems with a ClientRequestToken (client layer, CPU time, best of 7):"
            f"\n  transactions 1-500: {first:,.1f} µs each"
            f"\n  after 40,000 earlier (tokens all live): {late:,.1f} µs each"
            f" ({late / first:.2f}x)"
        )
        return
    quick = "--quick" in sys.argv
    cloud = Cloud.manual()
    ours = _measure(Workloads(cloud.client("dynamodb"), cloud.dynamo), quick)
    mock, client, resource = _moto()
    try:
        theirs = _measure(Workloads(client, resource), quick)
    finally:
        mock.stop()
    rows = []
    for name, rate in ours.items():
        peer = theirs[name]
        rows.append(
            [name, f"{rate:,.0f}", f"{1e6 / rate:,.1f} µs", f"{peer:,.1f}", f"{rate / peer:,.0f}x"]
        )
    per_item, size = _memory_per_item()
    q_small = 1e3 / ours[f"query 100 of {SIZES[0]:,}"]
    q_large = 1e3 / ours[f"query 100 of {SIZES[-1]:,}"]
    summary = (
        f"\nQuery of 100 items: {q_small:.3f} ms from {SIZES[0]:,} items, {q_large:.3f} ms from "
        f"{SIZES[-1]:,} items (growth {q_large / q_small:.2f}x).\n"
        f"Memory per stored {size}-byte item: {per_item:,.0f} bytes (tracemalloc, 20,000 items).\n"
    )
    text = table(["workload", "pyserverless ops/s", "per call", "moto ops/s", "ratio"], rows)
    text += "\n" + summary
    print(text)
    record("dynamodb", "## DynamoDB (`python -m benchmarks.bench_dynamodb`)\n\n" + text)


if __name__ == "__main__":
    main()
