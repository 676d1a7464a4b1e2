"""Fixtures of the CloudFront tests: a manual-clock Cloud and a valid DistributionConfig."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pyserverless import Cloud

OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3"

CONFIG: dict[str, Any] = {
    "CallerReference": "ref-1",
    "Comment": "site",
    "Enabled": True,
    "Origins": {
        "Quantity": 1,
        "Items": [
            {
                "Id": "web",
                "DomainName": "web.example.internal",
                "CustomOriginConfig": {
                    "HTTPPort": 80,
                    "HTTPSPort": 443,
                    "OriginProtocolPolicy": "https-only",
                },
            }
        ],
    },
    "DefaultCacheBehavior": {
        "TargetOriginId": "web",
        "ViewerProtocolPolicy": "allow-all",
        "CachePolicyId": OPTIMIZED,
    },
}


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual()


@pytest.fixture
def cf(cloud: Cloud) -> Any:
    return cloud.client("cloudfront")


@pytest.fixture
def config() -> dict[str, Any]:
    return copy.deepcopy(CONFIG)
