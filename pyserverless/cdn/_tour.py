"""The CloudFront stop of ``pyserverless tour``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """CloudFront: a cache over an S3 bucket (hits, misses, an invalidation), Lambda@Edge."""
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
    _edge(cloud, say)


def _stamp(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """An origin-response Lambda@Edge function: a security header, cached with the page."""
    response: dict[str, Any] = event["Records"][0]["cf"]["response"]
    response["headers"]["strict-transport-security"] = [
        {"key": "Strict-Transport-Security", "value": "max-age=63072000"}
    ]
    return response


def _edge(cloud: Cloud, say: Callable[[str], None]) -> None:
    version = cloud.lambda_.create_function("tour-hsts", handler=_stamp).publish_version()
    cloud.cdn.register_origin("tour-app.internal", lambda request: (200, {}, b"app"))
    cdn = cloud.cdn.distribution(
        origins=["tour-app.internal"], default={"lambda_edge": {"origin-response": version}}
    )
    first, second = cdn.request("GET", "/"), cdn.request("GET", "/")
    say(
        f"  Lambda@Edge (version {version.version}, origin response) added "
        f"Strict-Transport-Security: {first.header('Strict-Transport-Security')!r}; "
        f"the cached copy keeps it ({second.x_cache})."
    )
