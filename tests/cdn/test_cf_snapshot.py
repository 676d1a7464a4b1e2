"""``cloud.snapshot()`` / ``restore``: distributions, caches, functions and pending
invalidations come back as they were."""

from __future__ import annotations

import pytest

from pyserverless import Cloud

pytest.importorskip("quickjs")


def test_snapshot_restores_cache_and_pending_invalidation() -> None:
    cloud = Cloud.manual()
    cloud.cdn.register_origin("o.internal", lambda request: (200, {}, b"x"))
    arn = cloud.cdn.function("same", "function handler(e) { return e.request; }")
    cdn = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": arn})
    cdn.request("GET", "/a")
    cdn.invalidate("/a")
    snap = cloud.snapshot()
    cdn.request("GET", "/b")
    assert cdn.cached == 2
    cloud.restore(snap)
    assert cdn.cached == 1
    assert cdn.request("GET", "/a").x_cache == "Hit from cloudfront"
    cloud.advance(60)  # the restored invalidation completes on the clock
    assert cdn.request("GET", "/a").x_cache == "Miss from cloudfront"
