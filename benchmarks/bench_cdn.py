"""CloudFront: a cached GET through the resource layer, in requests per CPU second.

* ``Distribution.request("GET", path)`` answered from the cache (``Hit from cloudfront``),
  from a Python origin, an S3 origin and with a keyed query string; target: at least
  50,000/s;
* a miss (CachingDisabled: every request reaches the Python origin), for scale.

Run: ``python -m benchmarks bench_cdn``.
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable

from benchmarks._common import record, table
from pyserverless import Cloud
from pyserverless.cdn._managed import CACHING_DISABLED


def _cpu_rate(fn: Callable[[], object], n: int, blocks: int = 7) -> float:
    """Median calls per CPU second over ``blocks`` blocks of ``n`` calls."""
    rates = []
    for _ in range(blocks):
        start = time.process_time()
        for _ in range(n):
            fn()
        rates.append(n / max(time.process_time() - start, 1e-9))
    return statistics.median(rates)


def _rows() -> list[list[str]]:
    cloud = Cloud.manual()
    cloud.cdn.register_origin(
        "app.internal", lambda request: (200, {"Cache-Control": "max-age=3600"}, b"x" * 1024)
    )
    bucket = cloud.s3.create_bucket("bench-site")
    bucket.put("img/cat.jpg", b"x" * 1024, content_type="image/jpeg")
    python = cloud.cdn.distribution(origins=["app.internal"])
    s3 = cloud.cdn.distribution(origins=[bucket])
    query = cloud.cdn.distribution(
        origins=["app.internal"],
        default={"cache_policy": "UseOriginCacheControlHeaders-QueryStrings"},
    )
    uncached = cloud.cdn.distribution(
        origins=["app.internal"], default={"cache_policy": CACHING_DISABLED}
    )
    cases = [
        ("hit, Python origin", python, "/a.css", "Hit from cloudfront"),
        ("hit, S3 origin (OAC)", s3, "/img/cat.jpg", "Hit from cloudfront"),
        ("hit, query string keyed", query, "/a?v=1&lang=en", "Hit from cloudfront"),
        ("miss (CachingDisabled), Python origin", uncached, "/a", "Miss from cloudfront"),
    ]
    headers = {"Accept-Encoding": "gzip, br", "User-Agent": "bench"}
    rows = []
    for label, dist, path, expected in cases:
        dist.request("GET", path, headers=headers)
        call = functools.partial(dist.request, "GET", path, headers=headers)
        assert call().x_cache == expected
        rate = _cpu_rate(call, 5_000)
        rows.append([label, f"{rate:,.0f}"])
    return rows


def main() -> None:
    rows = _rows()
    text = (
        "## CloudFront (issue 18; `python -m benchmarks bench_cdn`)\n\n"
        '`Distribution.request("GET", path, headers=...)` through the resource layer, with '
        "two request headers (`Accept-Encoding`, normalised into the key, and `User-Agent`); "
        "requests per CPU second (median of 7 blocks of 5,000). Each request matches a cache "
        "behavior, builds the cache key, writes the `X-Cache`/`Via`/`Age` headers, the "
        "statistics and one access-log line. Target for a cached GET: 50,000/s.\n\n"
        + table(["request", "per CPU second"], rows)
    )
    print(text)
    record("cdn", text)


if __name__ == "__main__":
    main()
