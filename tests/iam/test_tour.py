"""The IAM and STS stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.iam._tour import tour


def test_tour_makes_and_assumes_a_role() -> None:
    """The step makes a role, shows a grammar error, and sees the session expire."""
    lines: list[str] = []
    tour(Cloud.manual(), lines.append)
    text = "\n".join(lines)
    assert "iam.Role('tour-fn'" in text
    assert "MalformedPolicyDocument: Syntax errors in policy." in text
    assert "assumed-role/tour-fn/tour" in text
    assert text.endswith("expired: True")


def test_registered() -> None:
    """The step is listed in the tour, before Lambda's."""
    assert STEPS.index("pyserverless.iam._tour:tour") < STEPS.index(
        "pyserverless.lambda_._tour:tour"
    )
