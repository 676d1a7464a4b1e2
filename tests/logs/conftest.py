"""Shared pieces of the CloudWatch Logs tests: a Cloud on a fixed clock, boto3 on the bridge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

#: 2024-03-25 12:00 UTC, in seconds and milliseconds.
NOON = dt.datetime(2024, 3, 25, 12, tzinfo=dt.UTC).timestamp()
NOW_MS = int(NOON * 1000)
DAY_MS = 86_400_000
HOUR_MS = 3_600_000


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    cloud = Cloud(clock=ManualClock(NOON))
    with cloud, mock_aws(cloud):
        yield cloud


@pytest.fixture
def logs(cloud: Cloud) -> Any:
    """boto3's ``logs`` client, through the bridge into ``cloud``."""
    return boto3.client("logs", region_name="us-east-1")


def refused(call: Any, **params: Any) -> tuple[str, str]:
    """The AWS code and message a call is refused with."""
    with pytest.raises(ClientError) as info:
        call(**params)
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


def group_with_stream(logs: Any, group: str = "/app", stream: str = "s") -> None:
    logs.create_log_group(logGroupName=group)
    logs.create_log_stream(logGroupName=group, logStreamName=stream)


def put(logs: Any, *events: tuple[int, str], group: str = "/app", stream: str = "s") -> Any:
    return logs.put_log_events(
        logGroupName=group,
        logStreamName=stream,
        logEvents=[{"timestamp": t, "message": m} for t, m in events],
    )
