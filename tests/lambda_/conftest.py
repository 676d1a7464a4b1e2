"""Helpers for the Lambda tests: zip packages and Clouds with small limits."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest

from pyserverless import Cloud, ManualClock

from ..conftest import LAMBDA_TRUST, lambda_role

__all__ = ["LAMBDA_TRUST", "ROLE", "lambda_role", "make_zip"]

ROLE = "arn:aws:iam::123456789012:role/lambda-role"


def make_zip(files: dict[str, str]) -> bytes:
    """A deployment package holding ``files`` (name -> source)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, source in files.items():
            zf.writestr(name, source)
    return buf.getvalue()


@pytest.fixture
def cloud(cloud: Cloud) -> Cloud:
    """The plugin's ``cloud``, holding ``lambda-role`` (ROLE): CreateFunction through the
    client checks that its role exists and trusts Lambda."""
    lambda_role(cloud)
    return cloud


@pytest.fixture
def lam(cloud: Cloud) -> Iterator[Cloud]:
    """The ``cloud`` fixture; afterwards the service's invariants are checked and its
    environments stopped."""
    yield cloud
    cloud.engine("lambda")._check()
    cloud.lambda_.close()


@pytest.fixture
def small_cloud() -> Iterator[Cloud]:
    """A Cloud whose account allows 3 concurrent executions and 2 new environments per 10 s."""
    cloud = Cloud(
        clock=ManualClock(),
        limits={
            "lambda": {
                "concurrent_executions": 3,
                "min_unreserved_concurrency": 1,
                "scaling_environments": 2,
            }
        },
    )
    lambda_role(cloud)
    yield cloud
    cloud.lambda_.close()
