"""pytest fixtures: ``clock`` (a ManualClock), ``cloud`` (a Cloud on that clock) and
``aws`` (that Cloud, with every boto3 client created in the test routed to it).

Registered as a ``pytest11`` entry point, so installing pyserverless makes them
available in every test suite::

    def test_ttl(cloud, clock):
        clock.advance(60)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._core.clock import ManualClock
from .cloud import Cloud


@pytest.fixture
def clock() -> ManualClock:
    """A ManualClock at 2025-01-01T00:00:00Z; move it with ``clock.advance(...)``."""
    return ManualClock()


@pytest.fixture
def cloud(clock: ManualClock) -> Cloud:
    """A fresh Cloud on the ``clock`` fixture, seed 0."""
    return Cloud(clock=clock, seed=0)


@pytest.fixture
def aws(cloud: Cloud) -> Iterator[Cloud]:
    """The ``cloud`` fixture behind ``mock_aws``: boto3 clients made in the test talk to it."""
    from .adapters.bridge import mock_aws

    with mock_aws(cloud):
        yield cloud
