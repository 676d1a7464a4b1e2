"""The CloudFront stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """CloudFront: a distribution over an S3 bucket, hits, misses and an invalidation."""
    site = cloud.s3.create_bucket("tour-site")
    site.put("index.html", b"<h1>hello</h1>", content_type="text/html")
    cdn = cloud.cdn.distribution(origins=[site], default_root_object="index.html")
    say(f"Created {cdn!r} in front of {site!r} (through an origin access control).")
    for _ in range(2):
        answer = cdn.request("GET", "/")
        say(f"  GET / -> {answer.status} {answer.body!r}, X-Cache: {answer.x_cache}")
    site.put("index.html", b"<h1>hello again</h1>", content_type="text/html")
    say(f"  after an upload, still cached: {cdn.request('GET', '/').body!r}")
    cdn.invalidate("/*")
    cloud.advance(60)
    answer = cdn.request("GET", "/")
    say(f"  invalidated, a minute later: {answer.body!r} ({answer.x_cache})")
    stats = cdn.stats()["*"]
    say(f"  stats: {stats.hits} hits, {stats.misses} misses, {stats.bytes} bytes")
