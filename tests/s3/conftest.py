"""Fixtures for the S3 tests: a Cloud on virtual time with small part and spill sizes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

#: Small sizes keep memory low; tests of the real 5 MiB limit build their own Cloud.
SMALL = {"min_part_bytes": 1024, "spill_bytes": 4096}


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(1735689600), seed=7, limits={"s3": SMALL}) as c:
        yield c


@pytest.fixture
def s3(cloud: Cloud) -> Any:
    return cloud.client("s3")


@pytest.fixture
def bucket(s3: Any) -> str:
    s3.create_bucket(Bucket="photos")
    return "photos"
