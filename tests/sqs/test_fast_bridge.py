"""The fast bridge (``mock_aws(cloud, fast=True)``) answers SQS exactly as the default
bridge: a scenario, and drawn requests to every operation on two Clouds built alike."""

from __future__ import annotations

from typing import Any

from botocore import xform_name
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pyserverless._core import shapes
from tests.adapters.test_fast_bridge import Pair, request_values


def _queues(client: Any) -> dict[str, str]:
    dlq = client.create_queue(QueueName="dlq")["QueueUrl"]
    policy = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":2}'
    src = client.create_queue(QueueName="src", Attributes={"RedrivePolicy": policy})["QueueUrl"]
    client.send_message(
        QueueUrl=src,
        MessageBody="m",
        MessageAttributes={"b": {"DataType": "Binary", "BinaryValue": b"\x00"}},
    )
    return {"dlq": dlq, "src": src}


def test_scenario_alike() -> None:
    """Send, receive with every attribute, change visibility, delete, errors, batches."""
    pair = Pair("sqs", _queues)
    src = pair.extra[0]["src"]
    got = pair.call(
        "receive_message",
        QueueUrl=src,
        MessageAttributeNames=["All"],
        MessageSystemAttributeNames=["All"],
        VisibilityTimeout=0,
    )
    assert got[0] == "ok"
    pair.call("send_message_batch", QueueUrl=src, Entries=[{"Id": "a", "MessageBody": "x"}])
    pair.call("get_queue_attributes", QueueUrl=src, AttributeNames=["All"])
    pair.call("get_queue_url", QueueName="missing")
    pair.call("list_queues", MaxResults=1)
    pair.call("delete_message", QueueUrl=src, ReceiptHandle="bad")
    pair.call("list_dead_letter_source_queues", QueueUrl=pair.extra[0]["dlq"])


@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_operation_alike(data: st.DataObject) -> None:
    """A drawn request to any SQS operation: identical outcomes on both paths."""
    pair = Pair("sqs", _queues)
    operation = data.draw(st.sampled_from(sorted(shapes.operations("sqs"))))
    table = shapes.table("sqs")
    params = data.draw(request_values(table, table["operations"][operation]))
    assume(isinstance(params, dict))
    if "QueueUrl" in params and data.draw(st.booleans()):
        params["QueueUrl"] = pair.extra[0]["src"]
    pair.call(xform_name(operation), **params)
