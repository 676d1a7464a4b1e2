"""Shared pieces of the Scheduler tests: a Cloud on a ManualClock and a recording function."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

#: Monday 2024-03-25 00:00 UTC (the week of Europe's spring DST change).
MONDAY = dt.datetime(2024, 3, 25, tzinfo=dt.UTC).timestamp()


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(MONDAY))


class Recorder:
    """A Lambda function that records (clock time, event) for each invocation."""

    def __init__(self, cloud: Cloud, name: str = "tick") -> None:
        self.cloud = cloud
        self.seen: list[tuple[float, Any]] = []
        self.arn: str = cloud.lambda_.create_function(name, handler=self.handle).arn

    def handle(self, event: Any, context: Any) -> None:
        self.seen.append((self.cloud.clock.time(), event))

    @property
    def times(self) -> list[float]:
        return [t for t, _ in self.seen]


@pytest.fixture
def fn(cloud: Cloud) -> Recorder:
    return Recorder(cloud)


@pytest.fixture
def make_recorder() -> type[Recorder]:
    return Recorder
