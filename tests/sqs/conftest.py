"""SQS test fixtures: a Cloud on a ManualClock and boto3's SQS client over the bridge."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

START = 1_717_200_000.0


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(START)) as cloud:
        yield cloud


@pytest.fixture
def sqs(cloud: Cloud) -> Iterator[Any]:
    """boto3's client through the in-process door (botocore serialises and parses)."""
    with mock_aws(cloud):
        yield boto3.client("sqs", region_name="us-east-1")


def code_of(info: Any) -> str:
    return str(info.value.response["Error"]["Code"])


def message_of(info: Any) -> str:
    return str(info.value.response["Error"]["Message"])


@pytest.fixture
def world() -> Iterator[Any]:
    """Queues std, f.fifo, cbd.fifo and d.fifo for the tests checked against AWS."""
    from tests.sqs._verified import make_world

    yield from make_world()
