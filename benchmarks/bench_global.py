"""Global tables (issue 20): what replicas cost a write, and how fast replication drains.

``python -m benchmarks.bench_global`` prints the tables and records them in
docs/benchmarks.md. Workloads, in one run:

- ``put_item`` of fresh 200-byte items through the client layer on a plain table, and
  on a global table with one, two and five other replicas (MREC): CPU time per call,
  medians of alternating blocks. Replication is a queue append and one seeded lag draw
  per write per replica: the cost per replica should be flat (O(1));
- draining 100,000 replicated writes to one replica (``cloud.advance`` past the lag):
  wall time and writes applied per second.

The peer of the put rows is the plain table in the same run (the design target: a
table without replicas pays nothing).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from typing import Any

from benchmarks._common import record, table
from pyserverless import Cloud

DATA = "x" * 186  # with its key and names, a 200-byte item
BLOCK = 3_000
BLOCKS = 7
DRAIN = 100_000
REGIONS = ("eu-west-1", "ap-southeast-2", "us-west-2", "ca-central-1", "sa-east-1")


def _setup(replicas: int) -> tuple[Cloud, Any]:
    cloud = Cloud.manual()
    client = cloud.client("dynamodb")
    client.create_table(
        TableName="bench",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    if replicas:
        client.update_table(
            TableName="bench",
            ReplicaUpdates=[{"Create": {"RegionName": r}} for r in REGIONS[:replicas]],
        )
    return cloud, client


class Puts:
    def __init__(self, replicas: int) -> None:
        self.cloud, self.client = _setup(replicas)
        self.n = 0

    def block(self) -> float:
        put = self.client.put_item
        base = self.n
        self.n += BLOCK
        items = [{"pk": {"S": f"k{base + i}"}, "d": {"S": DATA}} for i in range(BLOCK)]
        gc.collect()
        start = time.process_time()
        for item in items:
            put(TableName="bench", Item=item)
        spent = time.process_time() - start
        self.cloud.advance(1)  # drain between blocks, outside the timing
        return spent / BLOCK


def puts() -> list[list[str]]:
    variants = {n: Puts(n) for n in (0, 1, 2, 5)}
    samples: dict[int, list[float]] = {n: [] for n in variants}
    for _ in range(BLOCKS):
        for n, v in variants.items():
            samples[n].append(v.block())
    median = {n: statistics.median(s) for n, s in samples.items()}
    rows = []
    for n, t in median.items():
        extra = (t - median[0]) / n if n else 0.0
        rows.append(
            [
                "plain table" if n == 0 else f"{n} other replica{'s' if n > 1 else ''}",
                f"{t * 1e6:.2f} µs",
                f"{t / median[0]:.2f}×",  # noqa: RUF001
                "—" if n == 0 else f"{extra * 1e6:.2f} µs",
            ]
        )
    return rows


def drain() -> list[list[str]]:
    cloud, client = _setup(1)
    put = client.put_item
    for i in range(DRAIN):
        put(TableName="bench", Item={"pk": {"S": f"k{i}"}, "d": {"S": DATA}})
    pending = cloud.engine("dynamodb").replication_metrics("bench")["eu-west-1"]
    assert pending["PendingReplicationCount"] == DRAIN, pending
    start = time.perf_counter()
    cloud.advance(cloud.limits.dynamodb.replication_lag_max + 1)
    spent = time.perf_counter() - start
    count = cloud.engine("dynamodb", "eu-west-1").describe_table({"TableName": "bench"})
    assert count["Table"]["ItemCount"] == DRAIN
    return [[f"{DRAIN:,} writes to one replica", f"{spent:.2f} s", f"{DRAIN / spent:,.0f}/s"]]


def main() -> None:
    put_rows = puts()
    drain_rows = drain()
    text = (
        "put_item through the client layer (CPU time per call, medians of "
        f"{BLOCKS} alternating blocks of {BLOCK:,} puts):\n\n"
        + table(["table", "per put", "vs plain", "per replica"], put_rows)
        + "\n\nDraining replication (cloud.advance past the largest lag, wall time):\n\n"
        + table(["workload", "time", "rate"], drain_rows)
    )
    print(text)
    if "--no-record" not in sys.argv:
        record("global", "## Global tables (issue 20)\n\n" + text)


if __name__ == "__main__":
    main()
