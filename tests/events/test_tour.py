"""The EventBridge stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.events._tour import tour


def test_tour_runs_an_hourly_function() -> None:
    """The step triggers its function 24 times in a day and shows a pattern's result."""
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert "the function ran 24 times" in text
    assert text.endswith("-> True")


def test_registered() -> None:
    """The step is listed in the tour."""
    assert "pyserverless.events._tour:tour" in STEPS
