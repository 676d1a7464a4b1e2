"""Lambda event source mappings: stream records through a mapping to an inline handler.

100,000 records written to a table with a stream, then a mapping (TRIM_HORIZON) reads
them and invokes a trivial inline handler, on a ManualClock: records delivered per CPU
second of the delivery (the writes are not counted), at BatchSize 100 (the default) and
1,000. Also the latency on the clock from a write to its delivery, and its CPU cost.
Run: ``python -m benchmarks bench_esm``. Target: >= 20,000 records/s inline.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock

RECORDS = 100_000


def _cloud(records: int) -> tuple[Cloud, Any, list[int]]:
    cloud = Cloud(clock=ManualClock(1_717_200_000))
    table_ = cloud.dynamo.create_table(
        TableName="orders",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )
    seen = [0]

    def handler(event: Any, context: Any) -> None:
        seen[0] += len(event["Records"])

    cloud.lambda_.create_function("sink", handler=handler)
    for n in range(records):
        table_.put_item(Item={"id": f"o{n}", "n": n})
    return cloud, table_, seen


def _throughput(batch_size: int, records: int = RECORDS) -> float:
    cloud, table_, seen = _cloud(records)
    table_.stream.subscribe("sink", batch_size=batch_size)
    start = time.process_time()
    cloud.advance(1)
    spent = time.process_time() - start
    assert seen[0] == records, seen[0]
    cloud.close()
    return records / spent


def _latency(samples: int = 200) -> tuple[float, float]:
    """(virtual seconds from a write to its delivery, CPU ms per single-record delivery)."""
    cloud, table_, seen = _cloud(0)
    table_.stream.subscribe("sink")
    waits, costs = [], []
    for n in range(samples):
        cloud.advance(1)
        table_.put_item(Item={"id": f"x{n}"})
        written = cloud.clock.time()
        start = time.process_time()
        cloud.advance(0)
        while seen[0] <= n:
            cloud.advance(0.05)
        costs.append((time.process_time() - start) * 1000)
        waits.append(cloud.clock.time() - written)
    cloud.close()
    return statistics.median(waits), statistics.median(costs)


def main() -> None:
    rows = []
    for batch in (100, 1000):
        rates = [_throughput(batch) for _ in range(3)]
        rows.append([f"{batch:,}", f"{statistics.median(rates):,.0f}", f"{max(rates):,.0f}"])
    wait, cost = _latency()
    text = (
        "## Lambda event source mappings (issue 19; `python -m benchmarks bench_esm`)\n\n"
        f"{RECORDS:,} DynamoDB stream records through a mapping (TRIM_HORIZON) to a trivial "
        "inline handler on a ManualClock: records delivered per CPU second of the delivery "
        "(reading through GetRecords, building the events, JSON, invoking; the writes are "
        "not counted), median and best of 3 runs. Target: at least 20,000 records/s.\n\n"
        + table(["BatchSize", "records/s (median)", "records/s (best)"], rows)
        + "\n\nLatency of one write on the clock (one write a second): the poller wakes on "
        "the write and polls at the next poll instant (at most every 0.25 s; at once when "
        f"the last poll is older): median {wait:.2f} s of virtual time, {cost:.2f} ms of CPU "
        "per single-record delivery.\n"
    )
    print(text)
    record("esm", text)


if __name__ == "__main__":
    main()
