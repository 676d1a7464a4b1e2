"""The SQS stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.sqs._tour import tour


def test_tour_redrives_to_the_dlq() -> None:
    """The step shows a message in flight, visible again, then in the dead-letter queue."""
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert "0 visible, 1 in flight" in text
    assert text.endswith("bodies ['{\"job\": 1}']")


def test_registered() -> None:
    """The step is listed in the tour."""
    assert "pyserverless.sqs._tour:tour" in STEPS
