"""Lambda event source mappings from SQS: queue messages through a mapping to an inline
handler.

10,000 messages sent to a queue (ten a SendMessageBatch), then a mapping receives them,
invokes a trivial inline handler and deletes each batch, on a ManualClock: messages
delivered per CPU second of the delivery (the sends are not counted), at BatchSize 10
(the default) and 100 (with a 1 s batching window). moto has no peer here: its mappings
run functions in Docker. Run: ``python -m benchmarks bench_esm_sqs``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock

MESSAGES = 10_000
QUEUE = "arn:aws:sqs:us-east-1:123456789012:jobs"


def _throughput(batch_size: int, window: int) -> float:
    cloud = Cloud(clock=ManualClock(1_717_200_000))
    seen = [0]

    def handler(event: Any, context: Any) -> None:
        seen[0] += len(event["Records"])

    fn = cloud.lambda_.create_function("sink", handler=handler)
    sqs = cloud.engine("sqs")
    url = sqs.create_queue({"QueueName": "jobs"})["QueueUrl"]
    lam = cloud.engine("lambda")
    lam.subscribe_queue(QUEUE, fn, batch_size=batch_size, batching_window=window)
    for n in range(0, MESSAGES, 10):
        entries = [{"Id": str(i), "MessageBody": f"m{n + i}"} for i in range(10)]
        sqs.send_message_batch({"QueueUrl": url, "Entries": entries})
    start = time.process_time()
    cloud.run_until_idle()
    spent = time.process_time() - start
    assert seen[0] == MESSAGES, seen[0]
    cloud.close()
    return MESSAGES / spent


def main() -> None:
    rows = []
    for batch, window in ((10, 0), (100, 1)):
        rates = [_throughput(batch, window) for _ in range(3)]
        rows.append(
            [f"{batch:,}", f"{window}", f"{statistics.median(rates):,.0f}", f"{max(rates):,.0f}"]
        )
    text = (
        "## Lambda SQS event source mappings (issue 22; `python -m benchmarks bench_esm_sqs`)"
        f"\n\n{MESSAGES:,} SQS messages through a mapping to a trivial inline handler on a "
        "ManualClock: messages delivered per CPU second (ReceiveMessage through the SQS "
        "engine, building the events, JSON, invoking, DeleteMessageBatch; the sends are not "
        "counted), median and best of 3 runs. moto has no peer: its mappings run functions "
        "in Docker.\n\n"
        + table(["BatchSize", "window (s)", "messages/s (median)", "messages/s (best)"], rows)
        + "\n"
    )
    print(text)
    record("esm-sqs", text)


if __name__ == "__main__":
    main()
