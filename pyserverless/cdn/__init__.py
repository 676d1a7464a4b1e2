"""CloudFront: distributions, policies, invalidations, and an in-process edge with a cache.

Use ``cloud.client("cloudfront")`` (boto3's client) or ``cloud.cdn`` (the resource
layer); see docs/cdn.md.
"""

from __future__ import annotations

from .._core.exports import publish
from ._limits import CloudFrontLimits
from ._origins import OriginReply, OriginRequest
from ._pipeline import EdgeResponse
from ._resource import CdnResource, Distribution

__all__ = [
    "CdnResource",
    "CloudFrontLimits",
    "Distribution",
    "EdgeResponse",
    "OriginReply",
    "OriginRequest",
]

publish(__name__, __all__, globals())
