"""The SQS-to-Lambda stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.lambda_._esm_tour import tour


def test_tour_processes_and_dead_letters() -> None:
    """Two orders processed in one batch; the poison message ends in the DLQ."""
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert "processed ['order-1', 'order-2']" in text
    assert "3 invocations in all" in text
    assert text.endswith("holds ['poison']")


def test_registered() -> None:
    """The step is listed in the tour, after SQS's own."""
    assert STEPS.index("pyserverless.lambda_._esm_tour:tour") > STEPS.index(
        "pyserverless.sqs._tour:tour"
    )
