"""The CloudFront stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.cdn._tour import tour


def test_tour_shows_hits_and_an_invalidation() -> None:
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert "X-Cache: Hit from cloudfront" in text
    assert "hello again" in text and "(Miss from cloudfront)" in text


def test_registered() -> None:
    assert "pyserverless.cdn._tour:tour" in STEPS
