"""SQS through boto3 on the in-process bridge, against moto's SQS in the same run.

send_message (a 1 KB body with two message attributes), receive_message (one message
with every attribute, VisibilityTimeout=0 so it stays receivable) and a full
send/receive/delete_message cycle: boto3 on ``mock_aws`` (both the default and
``fast=True`` bridges) against boto3 on ``moto.mock_aws``; CPU time of this process per
call, medians of alternating blocks (the machine is shared). Target: at least 3x.

Run: ``python -m benchmarks bench_sqs``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3
import moto

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock, mock_aws

BODY = "x" * 1024
ATTRIBUTES = {
    "kind": {"DataType": "String", "StringValue": "order"},
    "total": {"DataType": "Number", "StringValue": "250"},
}
OPS = ("send_message", "receive_message", "send, receive, delete")


def _cpu_per_call(fn: Callable[[], object], n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def _workload(client: Any, op: str) -> Callable[[], object]:
    url = client.create_queue(QueueName="bench")["QueueUrl"]
    if op == "send_message":
        return lambda: client.send_message(
            QueueUrl=url, MessageBody=BODY, MessageAttributes=ATTRIBUTES
        )
    if op == "receive_message":
        answer = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        for m in answer.get("Messages", []):
            client.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        client.send_message(QueueUrl=url, MessageBody=BODY, MessageAttributes=ATTRIBUTES)

        def receive() -> object:
            got = client.receive_message(
                QueueUrl=url,
                VisibilityTimeout=0,
                MessageAttributeNames=["All"],
                MessageSystemAttributeNames=["All"],
            )
            assert len(got["Messages"]) == 1
            return got

        return receive

    def cycle() -> object:
        client.send_message(QueueUrl=url, MessageBody=BODY, MessageAttributes=ATTRIBUTES)
        got = client.receive_message(QueueUrl=url)["Messages"][0]
        return client.delete_message(QueueUrl=url, ReceiptHandle=got["ReceiptHandle"])

    return cycle


def _drain(client: Any, count: int) -> float:
    """CPU seconds per receive of 10 while draining ``count`` messages left in flight."""
    url = client.create_queue(QueueName="drain")["QueueUrl"]
    for start in range(0, count, 10):
        entries = [{"Id": str(i), "MessageBody": BODY} for i in range(start, start + 10)]
        client.send_message_batch(QueueUrl=url, Entries=entries)
    calls = 0
    began = time.process_time()
    while client.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        calls += 1
    assert calls == count // 10
    return (time.process_time() - began) / calls


def _ours_drain(count: int) -> float:
    with Cloud(clock=ManualClock(1735689600)) as cloud, mock_aws(cloud):
        return _drain(boto3.client("sqs", region_name="us-east-1"), count)


def draining(count: int = 200) -> tuple[list[str], float]:
    """One drain of ``count`` messages on each door (pyserverless default bridge, moto),
    and pyserverless's cost per receive at ten times that."""
    ours = _ours_drain(count)
    with moto.mock_aws():
        theirs = _drain(boto3.client("sqs", region_name="us-east-1"), count)
    row = [
        f"receive 10 while draining {count:,}",
        f"{ours * 1e6:,.0f}",
        "-",
        f"{theirs * 1e6:,.0f}",
        f"{theirs / ours:.1f}x",
        "-",
    ]
    return row, _ours_drain(count * 10)


def _moto_block(op: str, n: int) -> float:
    """moto in a context of its own: its global hooks are active only while it runs."""
    with moto.mock_aws():
        fn = _workload(boto3.client("sqs", region_name="us-east-1"), op)
        fn()
        return _cpu_per_call(fn, n)


def _ours_block(op: str, n: int, fast: bool) -> float:
    with Cloud(clock=ManualClock(1735689600)) as cloud, mock_aws(cloud, fast=fast):
        fn = _workload(boto3.client("sqs", region_name="us-east-1"), op)
        fn()
        return _cpu_per_call(fn, n)


def rows(rounds: int = 7, n: int = 200) -> list[list[str]]:
    """Medians of alternating blocks: pyserverless (both bridges), then moto."""
    out = []
    for op in OPS:
        plain: list[float] = []
        fast: list[float] = []
        other: list[float] = []
        for _ in range(rounds):
            plain.append(_ours_block(op, n, fast=False))
            fast.append(_ours_block(op, n, fast=True))
            other.append(_moto_block(op, n))
        a, f, b = statistics.median(plain), statistics.median(fast), statistics.median(other)
        out.append(
            [
                op,
                f"{a * 1e6:,.0f}",
                f"{f * 1e6:,.0f}",
                f"{b * 1e6:,.0f}",
                f"{b / a:.1f}x",
                f"{b / f:.1f}x",
            ]
        )
    return out


def main() -> None:
    drain_row, tenfold = draining()
    found = [*rows(), drain_row]
    text = "\n\n".join(
        [
            (
                "## SQS (issue 22; `python -m benchmarks bench_sqs`)\n\nboto3 through "
                "`mock_aws` (default and `fast=True`) against boto3 through `moto.mock_aws`, "
                "CPU µs per call (medians of 7 alternating blocks of 200, each door in a "
                "context of its own). A 1 KB body with two message attributes; the receive "
                "asks for every attribute. The last row drains a queue of 200 messages 10 at "
                "a time, leaving them in flight (one run each; moto's receive grows with the "
                f"queue). Draining 2,000 costs pyserverless {tenfold * 1e6:,.0f} µs a receive: "
                "the messages in flight before it cost nothing. Target: at least 3x."
            ),
            table(
                [
                    "operation",
                    "pyserverless µs",
                    "fast µs",
                    "moto µs",
                    "speed-up",
                    "fast speed-up",
                ],
                found,
            ),
        ]
    )
    print(text)
    record("sqs", text)


if __name__ == "__main__":
    main()
