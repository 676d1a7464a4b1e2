"""The DynamoDB stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.dynamo._tour import tour


class TestTour:
    def test_tour_shows_a_table_at_work(self) -> None:
        """The step runs, says what happened, and leaves a consistent table."""
        lines: list[str] = []
        cloud = Cloud.manual()
        tour(cloud, lines.append)
        text = "\n".join(lines)
        assert "Table('orders', pk='customer', sk='placed', items=6)" in text
        assert "['ConditionalCheckFailed', 'None']" in text
        cloud.engine("dynamodb")._check()

    def test_registered(self) -> None:
        """The step is listed in the tour."""
        assert "pyserverless.dynamo._tour:tour" in STEPS
