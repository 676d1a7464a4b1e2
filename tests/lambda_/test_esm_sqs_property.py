"""A property of SQS event source mappings: with random failures, each message is either
processed (in an invocation that did not fail it) or moved to the dead-letter queue,
never both and never lost, and is delivered at most ``maxReceiveCount`` times."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock


class Flaky:
    """A handler that fails the n-th delivery of a message when ``plan`` says so."""

    def __init__(self, plan: dict[str, list[bool]], report: bool) -> None:
        self.plan = plan
        self.report = report
        self.deliveries: Counter[str] = Counter()
        self.processed: set[str] = set()

    def __call__(self, event: dict[str, Any], context: object) -> Any:
        failed = []
        for record in event["Records"]:
            body = record["body"]
            nth = self.deliveries[body]
            self.deliveries[body] += 1
            fails = self.plan[body]
            if nth < len(fails) and fails[nth]:
                failed.append(record)
        if not failed:
            self.processed.update(r["body"] for r in event["Records"])
            return None
        if not self.report:
            raise RuntimeError("a message failed")
        ok = [r for r in event["Records"] if r not in failed]
        self.processed.update(r["body"] for r in ok)
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in failed]}


@settings(max_examples=40, deadline=None)
@given(
    plan=st.lists(st.lists(st.booleans(), max_size=4), min_size=1, max_size=25),
    max_receives=st.integers(1, 3),
    batch=st.integers(1, 10),
    report=st.booleans(),
)
def test_processed_or_dead_lettered_never_lost(
    plan: list[list[bool]], max_receives: int, batch: int, report: bool
) -> None:
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=11)
    sqs = cloud.client("sqs")
    dlq_url = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    dlq_arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
    policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receives})
    url = sqs.create_queue(QueueName="q", Attributes={"RedrivePolicy": policy})["QueueUrl"]
    bodies = {f"m{i}": fails for i, fails in enumerate(plan)}
    handler = Flaky(bodies, report)
    cloud.lambda_.create_function("flaky", handler=handler)
    request: dict[str, Any] = {"BatchSize": batch}
    if report:
        request["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
    cloud.client("lambda").create_event_source_mapping(
        EventSourceArn="arn:aws:sqs:us-east-1:123456789012:q", FunctionName="flaky", **request
    )
    for body in bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    cloud.run_until_idle()
    dead: list[str] = []
    while got := sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10).get("Messages"):
        for message in got:
            dead.append(message["Body"])
            sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"])
    assert len(dead) == len(set(dead))
    assert handler.processed | set(dead) == set(bodies)
    assert not handler.processed & set(dead)
    assert all(handler.deliveries[b] <= max_receives for b in bodies)
    assert all(handler.deliveries[b] == max_receives for b in dead)
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
    cloud.close()
