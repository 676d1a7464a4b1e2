"""SQS is total: random requests to every operation raise only AWS errors or
``ParamValidationError``, and a refused request changes nothing (the shared fuzz's
strategies, with SQS's own sample queues and snapshot)."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless._core import shapes
from pyserverless._core.errors import AWSError, ParamValidationError
from tests.test_totality import _structures


def _setup(cloud: Cloud) -> list[str]:
    sqs = cloud.client("sqs")
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    policy = {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": 1}
    src = sqs.create_queue(QueueName="src", Attributes={"RedrivePolicy": json.dumps(policy)})
    fifo = sqs.create_queue(QueueName="f.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    sqs.send_message(QueueUrl=src["QueueUrl"], MessageBody="m")
    sqs.send_message(QueueUrl=fifo, MessageBody="m", MessageGroupId="g", MessageDeduplicationId="d")
    handle = sqs.receive_message(QueueUrl=src["QueueUrl"])["Messages"][0]["ReceiptHandle"]
    return [
        dlq,
        src["QueueUrl"],
        fifo,
        handle,
        "dlq",
        "f.fifo",
        "arn:aws:sqs:us-east-1:123456789012:dlq",
        "All",
        "true",
        "30",
    ]


def _snapshot(cloud: Cloud) -> Any:
    sqs = cloud.client("sqs")
    out = {}
    for url in sqs.list_queues().get("QueueUrls", []):
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        attrs.pop("LastModifiedTimestamp", None)
        tags = sqs.list_queue_tags(QueueUrl=url).get("Tags")
        engine = cloud.engine("sqs")
        queue = engine.queues[url.rsplit("/", 1)[1]]
        messages = [
            (m.message_id, m.body, m.visible_at, m.receive_count) for m in queue.messages.values()
        ]
        out[url] = (attrs, tags, messages)
    return out


@settings(
    max_examples=3000 if os.environ.get("PYSERVERLESS_FUZZ") else 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_operation_is_total(data: st.DataObject) -> None:
    """Only AWS errors or ParamValidationError; a refused request leaves SQS as it was."""
    cloud = Cloud(clock=ManualClock(), seed=0)
    names = _setup(cloud)
    client = cloud.client("sqs")
    operation = data.draw(st.sampled_from(sorted(client.operations)), label="operation")
    table = shapes.table("sqs")
    root = table["operations"][operation]
    dirty = data.draw(st.booleans(), label="dirty")
    params = data.draw(_structures(table, table["shapes"][root], names, 0, dirty=dirty))
    via_dispatch = data.draw(st.booleans(), label="via_dispatch")
    before = _snapshot(cloud)
    try:
        if via_dispatch:
            client.dispatch(operation, params)
        else:
            getattr(client, client.operations[operation])(**params)
    except (AWSError, ParamValidationError):
        assert _snapshot(cloud) == before, f"{operation} was refused yet changed SQS"
    cloud.engine("sqs")._check()
