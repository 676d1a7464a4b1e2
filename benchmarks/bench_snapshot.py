"""Cloud snapshots: snapshot and restore a Cloud holding 10,000 items, against building it.

The Cloud holds one table (a partition key, a sort key and a GSI) with 10,000 items in
100 partitions. "Build" is what a test would do without snapshots: a new Cloud, the
table and 10,000 ``put_item`` calls through the client layer. "Restore" is
``cloud.restore(snap)`` after a test changed 100 items. Times are CPU seconds (the
machine is shared), medians of alternating rounds, so each is measured under the same
load as the others.
Run: ``python -m benchmarks bench_snapshot``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._common import record, table

ITEMS = 10_000
PARTITIONS = 100


def build(features: bool = False) -> Any:
    """A new Cloud with the table and its 10,000 items, through the client layer; with
    ``features``, TTL, a stream and point-in-time recovery are on before the writes
    (so the Cloud also holds 10,000 stream records and 10,000 undo-log entries)."""
    from pyserverless import Cloud, ManualClock

    cloud = Cloud(clock=ManualClock(1_735_689_600), seed=1)
    client = cloud.client("dynamodb")
    client.create_table(
        TableName="orders",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
            {"AttributeName": "status", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-status",
                "KeySchema": [
                    {"AttributeName": "status", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    if features:
        client.update_time_to_live(
            TableName="orders",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"},
        )
        client.update_table(
            TableName="orders",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        client.update_continuous_backups(
            TableName="orders",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
    for i in range(ITEMS):
        client.put_item(
            TableName="orders",
            Item={
                "pk": {"S": f"customer-{i % PARTITIONS}"},
                "sk": {"N": str(i)},
                "status": {"S": ("open", "paid", "shipped")[i % 3]},
                "total": {"N": str(i * 7 % 1000)},
                "expires": {"N": str(1_735_689_600 + 86_400 + i)},
            },
        )
    return cloud


def _cpu(fn: Callable[[], object]) -> float:
    began = time.process_time()
    fn()
    return time.process_time() - began


def _mutate(cloud: Any) -> None:
    client = cloud.client("dynamodb")
    for i in range(100):
        key = {"pk": {"S": f"customer-{i}"}, "sk": {"N": str(i)}}
        client.delete_item(TableName="orders", Key=key)


def run(rounds: int = 7, *, features: bool = False) -> dict[str, float]:
    """Median CPU seconds of build, snapshot and restore over ``rounds`` alternating rounds."""
    cloud = build(features)
    snap = cloud.snapshot()
    times: dict[str, list[float]] = {"build": [], "snapshot": [], "restore": []}
    for _ in range(rounds):
        times["build"].append(_cpu(lambda: build(features)))
        times["snapshot"].append(_cpu(cloud.snapshot))
        _mutate(cloud)
        times["restore"].append(_cpu(lambda: cloud.restore(snap)))
    assert cloud.client("dynamodb").scan(TableName="orders", Select="COUNT")["Count"] == ITEMS
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    rows = []
    for features, label in ((False, "table + GSI"), (True, "... + TTL, stream, PITR")):
        r = run(features=features)

        def row(what: str, key: str, r: dict[str, float] = r, label: str = label) -> list[str]:
            return [label, what, f"{r[key] * 1000:,.1f} ms", f"{r['build'] / r[key]:,.1f}x"]

        rows += [
            row("build: new Cloud, create_table, 10,000 `put_item` (client layer)", "build"),
            row("`cloud.snapshot()`", "snapshot"),
            row("`cloud.restore(snap)` (after 100 deletes)", "restore"),
        ]
    header = ["Cloud", "operation", "CPU time (median of 7)", "build / this"]
    text = table(header, rows)
    print(text)
    record("snapshot", text)


if __name__ == "__main__":
    main()
