"""CloudFront: distributions, policies, invalidations, and an in-process edge with a cache.

Use ``cloud.client("cloudfront")`` (boto3's client) or ``cloud.cdn`` (the resource
layer); see docs/cdn.md.
"""

from __future__ import annotations

__all__: list[str] = []
