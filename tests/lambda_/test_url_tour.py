"""The function URL stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.lambda_._tour_urls import tour


def test_tour_opens_a_url() -> None:
    """The step is refused before the permissions and answered after them."""
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert ".lambda-url.us-east-1.on.aws/" in text
    assert "-> 403 (no policy yet)" in text
    assert "-> 200 'hi ada'" in text


def test_registered() -> None:
    """The step follows Lambda's."""
    assert STEPS.index("pyserverless.lambda_._tour_urls:tour") == (
        STEPS.index("pyserverless.lambda_._tour:tour") + 1
    )
