"""Shared by the tests of SQS against answers recorded on AWS (``test_aws_verified*.py``).

Sources (facts only; no code or text of theirs is used):

- [M] getmoto/moto ``tests/test_sqs/test_sqs.py``, the tests marked
  ``@pytest.mark.aws_verified`` (run against AWS with MOTO_TEST_ALLOW_AWS_REQUEST);
- [L] localstack/localstack ``tests/aws/services/sqs/test_sqs.py``, tests marked
  ``@markers.aws.validated``, and their AWS recordings in ``test_sqs.snapshot.json``
  (JSON protocol, recorded 2023-11-14). Sizes there are AWS's 256 KiB of 2023; the rows
  use today's 1 MiB limit (pyserverless's default) with the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

START = 1_717_200_000.0
MIB = 1024 * 1024


@dataclass
class World:
    """A Cloud on a ManualClock, boto3's client over the bridge, and the queues' URLs."""

    cloud: Cloud
    sqs: Any
    urls: dict[str, str] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return self.urls[name]


def make_world() -> Iterator[World]:
    """A Cloud on a ManualClock with queues std, f.fifo, cbd.fifo (content-based) and
    d.fifo (DelaySeconds 10), and boto3's client over the bridge."""
    with Cloud(clock=ManualClock(START)) as cloud, mock_aws(cloud):
        sqs = boto3.client("sqs", region_name="us-east-1")
        w = World(cloud, sqs)
        w.urls["std"] = sqs.create_queue(QueueName="std")["QueueUrl"]
        w.urls["fifo"] = sqs.create_queue(QueueName="f.fifo", Attributes={"FifoQueue": "true"})[
            "QueueUrl"
        ]
        w.urls["cbd"] = sqs.create_queue(
            QueueName="cbd.fifo",
            Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"},
        )["QueueUrl"]
        w.urls["delayed"] = sqs.create_queue(
            QueueName="d.fifo", Attributes={"FifoQueue": "true", "DelaySeconds": "10"}
        )["QueueUrl"]
        yield w


def refused(call: Callable[[], Any]) -> dict[str, Any]:
    """The error response of a call that must fail."""
    with pytest.raises(ClientError) as info:
        call()
    response: dict[str, Any] = info.value.response
    return response


def state(w: World) -> Any:
    """Everything a refused request must leave alone: attributes, tags, messages."""
    engine = w.cloud.engine("sqs")
    out = {}
    for name, queue in sorted(engine.queues.items()):
        messages = [(m.message_id, m.visible_at, m.receive_count) for m in queue.messages.values()]
        out[name] = (dict(queue.attributes), dict(queue.tags), messages, sorted(queue.dedup))
    return out


def attrs(w: World, url: str, *names: str) -> dict[str, str]:
    """GetQueueAttributes' map (empty when AWS leaves ``Attributes`` out)."""
    got: dict[str, str] = w.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(names)).get(
        "Attributes", {}
    )
    return got
