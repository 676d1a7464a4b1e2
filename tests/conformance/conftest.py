"""One fixture, three targets: the client layer, the botocore bridge, the HTTP endpoint.

Every test in this folder takes ``dynamodb`` -- a boto3-shaped DynamoDB client -- and
runs once per target, so the doors are held to exactly the client layer's answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from pyserverless import Cloud, mock_aws
from pyserverless.adapters import Server

TARGETS = ("client", "bridge", "endpoint")


@pytest.fixture(params=TARGETS)
def dynamodb(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """A DynamoDB client on ``cloud``, through the target named by the parameter."""
    if request.param == "client":
        yield cloud.client("dynamodb")
    elif request.param == "bridge":
        with mock_aws(cloud):
            yield boto3.client("dynamodb", region_name=cloud.region)
    else:
        with Server(cloud) as server:
            yield boto3.client(
                "dynamodb",
                endpoint_url=server.url,
                region_name=cloud.region,
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="secret",
                config=Config(retries={"total_max_attempts": 1}),
            )
