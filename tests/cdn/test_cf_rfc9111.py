"""HTTP caching through the whole edge, as a table: RFC 9111 where CloudFront follows it,
CloudFront's documented rules where it differs (docs/cdn.md, "Fidelity").

Each row is an origin's answer and a timeline of viewer requests: (seconds since the
first request, request headers, the X-Cache result expected, how many times the origin
has been asked by then, the Age expected or None).
"""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

_DATE_PLUS_100 = "Thu, 01 Jan 2026 00:01:40 GMT"  # the clock starts at 2026-01-01T00:00:00Z
_START = 1_767_225_600.0

Step = tuple[float, dict[str, str], str, int, str | None]

ROWS: list[tuple[str, int, dict[str, str], str, list[Step]]] = [
    # RFC 9111 4.2.1: max-age gives the freshness lifetime; 4.2.3: Age counts up.
    ("max-age", 200, {"Cache-Control": "max-age=60"}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (30, {}, "Hit", 1, "30"),
        (59, {}, "Hit", 1, "59"),
        (60, {}, "Miss", 2, None),  # stale, no validator: fetched again
    ]),
    # 5.2.2.10: s-maxage wins over max-age in a shared cache.
    ("s-maxage", 200, {"Cache-Control": "s-maxage=10, max-age=100"}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (9, {}, "Hit", 1, "9"),
        (10, {}, "Miss", 2, None),
    ]),
    # 5.3: Expires (when no max-age) gives the lifetime.
    ("expires", 200, {"Expires": _DATE_PLUS_100}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (99, {}, "Hit", 1, "99"),
        (100, {}, "Miss", 2, None),
    ]),
    # 5.2.2.5 / 5.2.2.7: no-store and private are not kept by a shared cache (MinTTL 0).
    ("no-store", 200, {"Cache-Control": "no-store"}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (1, {}, "Miss", 2, None),
    ]),
    ("private", 200, {"Cache-Control": "private, max-age=60"}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (1, {}, "Miss", 2, None),
    ]),
    # 4.3: a stale entry with a validator is revalidated; a 304 refreshes it (RefreshHit).
    ("etag", 200, {"Cache-Control": "max-age=10", "ETag": '"v1"'}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (10, {}, "RefreshHit", 2, "0"),
        (15, {}, "Hit", 2, "5"),
    ]),
    ("last-modified", 200, {"Cache-Control": "max-age=10",
                            "Last-Modified": "Wed, 31 Dec 2025 00:00:00 GMT"},
     "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (10, {}, "RefreshHit", 2, "0"),
    ]),
    # CloudFront: DefaultTTL (a day for CachingOptimized) when the origin says nothing.
    ("nothing", 200, {}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (86_399, {}, "Hit", 1, "86399"),
        (86_400, {}, "Miss", 2, None),
    ]),
    # CloudFront: CachingDisabled (TTLs 0) never keeps anything.
    ("disabled", 200, {"Cache-Control": "max-age=600"}, "CachingDisabled", [
        (0, {}, "Miss", 1, None),
        (1, {}, "Miss", 2, None),
    ]),
    # CloudFront (not RFC 9111 4.1): Vary does not key; the cache policy does.
    ("vary", 200, {"Cache-Control": "max-age=60", "Vary": "Accept-Language"}, "CachingOptimized", [
        (0, {"Accept-Language": "fr"}, "Miss", 1, None),
        (1, {"Accept-Language": "de"}, "Hit", 1, "1"),
    ]),
    # CloudFront: an error is kept ErrorCachingMinTTL (10 s by default).
    ("error", 404, {}, "CachingOptimized", [
        (0, {}, "Error", 1, None),
        (9, {}, "Error", 1, "9"),
        (10, {}, "Error", 2, None),
    ]),
    # 5.2.1.4 is not CloudFront's: a viewer's no-cache does not bypass the cache.
    ("viewer-no-cache", 200, {"Cache-Control": "max-age=60"}, "CachingOptimized", [
        (0, {}, "Miss", 1, None),
        (1, {"Cache-Control": "no-cache"}, "Hit", 1, "1"),
    ]),
]  # fmt: skip


class Origin:
    def __init__(self, status: int, headers: dict[str, str]) -> None:
        self.status = status
        self.headers = headers
        self.calls = 0

    def __call__(self, request: Any) -> tuple[int, dict[str, str], bytes]:
        self.calls += 1
        tag = self.headers.get("ETag")
        if tag is not None and request.header("if-none-match") == tag:
            return 304, {}, b""
        modified = self.headers.get("Last-Modified")
        if modified is not None and request.header("if-modified-since") == modified:
            return 304, {}, b""
        return self.status, dict(self.headers), b"body"


@pytest.mark.parametrize(
    ("status", "headers", "policy", "steps"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_caching_rules(
    status: int, headers: dict[str, str], policy: str, steps: list[Step]
) -> None:
    from pyserverless import ManualClock

    cloud = Cloud(clock=ManualClock(_START))
    origin = Origin(status, headers)
    cloud.cdn.register_origin("origin.internal", origin)
    cdn = cloud.cdn.distribution(["origin.internal"], default={"cache_policy": policy})
    start = cloud.clock.time()
    for at, request_headers, result, calls, age in steps:
        cloud.advance(start + at - cloud.clock.time())
        answer = cdn.request("GET", "/page", headers=request_headers)
        assert answer.x_cache == f"{result} from cloudfront", (at, answer.x_cache)
        assert origin.calls == calls, (at, origin.calls)
        assert answer.header("age") == age, (at, answer.header("age"))
