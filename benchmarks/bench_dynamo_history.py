"""DynamoDB over time: what streams and point-in-time recovery cost (issue 15).

``python -m benchmarks.bench_dynamo_history`` prints the table and records it in
docs/benchmarks.md. Workloads, in one run:

- ``put_item`` through the client layer on a table with both streams and PITR off,
  with PITR on, with streams on, and with both on: CPU time per call, medians of
  alternating blocks (so machine load hits every variant alike);
- restoring a 100,000-item table (RestoreTableToPointInTime), with no change to undo
  and with 100,000 changes to undo;
- the memory a 100,000-write history holds (tracemalloc): new keys (only the log) and
  overwrites (the log plus the old versions it keeps alive).

The peer for the restore and memory rows is the design target of issue 15 (a restore
under 1 s; memory in proportion to changes); moto ignores the restore time (it copies
the table as it is now), so a ratio to it would compare different work.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
import tracemalloc
from typing import Any

from benchmarks._common import record, table
from pyserverless import Cloud

DATA = "x" * 186  # with its key and names, a 200-byte item
ITEMS = 100_000
BLOCK = 4_000
BLOCKS = 9


def _cloud() -> Cloud:
    return Cloud.manual(limits={"dynamodb": {"pitr_latest_lag_seconds": 0}})


def _create(client: Any, name: str, *, streams: bool, pitr: bool, gsi: bool = False) -> None:
    request: dict[str, Any] = {
        "TableName": name,
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
    if gsi:
        request["AttributeDefinitions"].append({"AttributeName": "g", "AttributeType": "S"})
        request["GlobalSecondaryIndexes"] = [
            {
                "IndexName": "byg",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ]
    if streams:
        request["StreamSpecification"] = {
            "StreamEnabled": True,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        }
    client.create_table(**request)
    if pitr:
        client.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )


class Puts:
    """put_item of fresh items into one table of one Cloud."""

    def __init__(self, *, streams: bool, pitr: bool) -> None:
        self.cloud = _cloud()
        self.client = self.cloud.client("dynamodb")
        _create(self.client, "bench", streams=streams, pitr=pitr)
        self.n = 0

    def block(self, count: int) -> float:
        """CPU seconds per put over ``count`` puts."""
        put = self.client.put_item
        n = self.n
        start = time.process_time()
        for i in range(n, n + count):
            put(
                TableName="bench",
                Item={"pk": {"S": f"p{i % 5000}"}, "sk": {"N": str(i)}, "data": {"S": DATA}},
            )
        self.n = n + count
        return (time.process_time() - start) / count


def put_costs(blocks: int = BLOCKS) -> dict[str, float]:
    """Median CPU µs per put_item for each variant, blocks alternating."""
    variants = {
        "both off": Puts(streams=False, pitr=False),
        "PITR on": Puts(streams=False, pitr=True),
        "streams on": Puts(streams=True, pitr=False),
        "streams and PITR on": Puts(streams=True, pitr=True),
    }
    for v in variants.values():  # warm up: caches, first partitions
        v.block(500)
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(blocks):
        for name, v in variants.items():
            gc.collect()
            samples[name].append(v.block(BLOCK))
    return {name: statistics.median(s) * 1e6 for name, s in samples.items()}


def _filled(count: int, *, gsi: bool = False) -> tuple[Cloud, Any]:
    cloud = _cloud()
    engine = cloud.engine("dynamodb")
    client = cloud.client("dynamodb")
    _create(client, "src", streams=False, pitr=True, gsi=gsi)
    cloud.advance(1)
    for i in range(count):
        item = {"pk": f"p{i % 1000}", "sk": i, "g": f"g{i % 50}", "data": DATA}
        engine.put_item({"TableName": "src", "Item": item})
    return cloud, engine


def _timed_restore(engine: Any, request: dict[str, Any], count: int, runs: int = 3) -> float:
    """Best wall time of ``runs`` restores of ``src`` (each into a new table, then dropped)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        engine.restore_table_to_point_in_time(
            {"SourceTableName": "src", "TargetTableName": "copy", **request}
        )
        best = min(best, time.perf_counter() - start)
        assert engine.tables["copy"].store.count == count
        engine.delete_table({"TableName": "copy"})
    return best


def restore_costs(count: int = ITEMS) -> dict[str, float]:
    """Wall seconds (best of 3) to restore a ``count``-item table: nothing to undo,
    ``count`` changes to undo, and a table with a GSI."""
    cloud, engine = _filled(count)
    cloud.advance(1)
    filled_at = cloud.clock.time()
    cloud.advance(1)
    for i in range(count):  # change every item once
        item = {"pk": f"p{i % 1000}", "sk": i, "data": DATA + "!"}
        engine.put_item({"TableName": "src", "Item": item})
    cloud.advance(1)
    latest = {"UseLatestRestorableTime": True}
    out = {
        "latest (0 changes undone)": _timed_restore(engine, latest, count),
        f"before the last {count:,} writes": _timed_restore(
            engine, {"RestoreDateTime": filled_at}, count
        ),
    }
    cloud, engine = _filled(count, gsi=True)
    cloud.advance(1)
    out["latest, a table with one GSI (ALL)"] = _timed_restore(engine, latest, count)
    return out


def history_memory(count: int = ITEMS) -> dict[str, float]:
    """Bytes per write the PITR history holds: new keys, and overwrites of 1,000 items."""
    out = {}
    for label, keys in (("new keys", count), ("overwrites of 1,000 items", 1000)):
        held = []
        for pitr in (False, True):
            cloud = _cloud()
            engine = cloud.engine("dynamodb")
            _create(cloud.client("dynamodb"), "tbl", streams=False, pitr=pitr)
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            for i in range(count):  # each write changes its item (v), none is a no-op
                item = {"pk": f"p{i % keys}", "sk": i % keys, "v": i, "data": DATA}
                engine.put_item({"TableName": "tbl", "Item": item})
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0] - before)
            tracemalloc.stop()
            del engine, cloud
        out[label] = (held[1] - held[0]) / count
    return out


def main() -> None:
    quick = "--quick" in sys.argv
    load = os.getloadavg()[0]
    costs = put_costs(3 if quick else BLOCKS)
    base = costs["both off"]
    rows = [[name, f"{us:.2f} µs", f"{us / base:.2f}x"] for name, us in costs.items()]
    text = (
        "put_item, client layer, CPU per call (medians of alternating blocks of "
        f"{BLOCK:,} puts):\n\n" + table(["table", "per put", "vs both off"], rows)
    )
    count = 20_000 if quick else ITEMS
    restores = restore_costs(count)
    title = f"RestoreTableToPointInTime of a {count:,}-item table"
    text += f"\n\n{title} (wall time, best of 3, target < 1 s):\n\n"
    text += table(["restore to", "time"], [[k, f"{v:.3f} s"] for k, v in restores.items()])
    memory = history_memory(count)
    text += (
        f"\n\nMemory the PITR history holds, {count:,} writes (tracemalloc, PITR on minus off):\n\n"
    )
    text += table(["writes", "bytes per write"], [[k, f"{v:,.0f}"] for k, v in memory.items()])
    text += (
        "\n\nOverwrites hold the old version of each item too (shared, never copied): that is "
        "the history itself, and it is freed as the window moves past it.\n"
        f"\nLoad average {load:.1f} at the start (2 cores shared with other work): the put "
        "rows are CPU time, medians of alternating blocks, so load weighs on every variant "
        "alike.\n"
    )
    print(text)
    if not quick:
        record(
            "dynamo-history",
            "## DynamoDB history: streams and PITR "
            "(`python -m benchmarks.bench_dynamo_history`)\n\n" + text,
        )


if __name__ == "__main__":
    main()
