"""The global tables stop of ``pyserverless tour``."""

from __future__ import annotations

from pyserverless import Cloud
from pyserverless._tour import STEPS
from pyserverless.dynamo._tour_global import tour


def test_tour_replicates_and_converges() -> None:
    lines: list[str] = []
    cloud = Cloud.manual()
    tour(cloud, lines.append)
    text = "\n".join(lines)
    assert "1 pending for eu-west-1" in text
    assert "(eu-west-1's, 9 items): last writer wins" in text
    for region in ("us-east-1", "eu-west-1"):
        cloud.engine("dynamodb", region)._check()
    assert "pyserverless.dynamo._tour_global:tour" in STEPS
