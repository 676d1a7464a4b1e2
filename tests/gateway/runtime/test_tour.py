"""The API Gateway stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.gateway._tour import tour


class TestTour:
    def test_tour_routes_requests(self) -> None:
        """The step runs and shows a routed request, a 404, a 502 and a 403."""
        lines: list[str] = []
        with Cloud.manual() as cloud:
            tour(cloud, lines.append)
        text = "\n".join(lines)
        assert 'GET /items/a%20pen -> 200 {"id": "a pen", "route": "GET /items/{id}"}' in text
        assert "-> 404" in text
        assert '502 {"message": "Internal server error"}' in text
        assert '403 {"message":"Missing Authentication Token"}' in text

    def test_registered(self) -> None:
        """The step is listed in the tour."""
        assert "pyserverless.gateway._tour:tour" in STEPS
