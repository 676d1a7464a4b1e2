"""Seeded ids: same seed, same calls, same ids."""

from __future__ import annotations

import re
import uuid

from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless._core.ids import Ids


def _draw_all(ids: Ids) -> list[object]:
    return [
        ids.uuid(),
        ids.hex(12),
        ids.alnum(20),
        ids.alnum(8, upper=True),
        ids.digits(6),
        ids.token_bytes(16),
        ids.next("seq"),
        ids.next("seq"),
        ids.request_id(),
    ]


class TestIds:
    @given(st.integers())
    def test_same_seed_same_ids(self, seed: int) -> None:
        """Two generators with the same seed produce the same sequence."""
        assert _draw_all(Ids(seed)) == _draw_all(Ids(seed))

    def test_different_seeds_differ(self) -> None:
        assert _draw_all(Ids(1)) != _draw_all(Ids(2))

    def test_uuid_is_version_4(self) -> None:
        """uuid() is a well-formed RFC 4122 version 4 UUID."""
        ids = Ids(0)
        drawn = [ids.uuid() for _ in range(50)]
        assert len(set(drawn)) == 50  # 50 different draws, not one draw checked 50 times
        for text in drawn:
            parsed = uuid.UUID(text)
            assert str(parsed) == text
            assert parsed.version == 4
            assert parsed.variant == uuid.RFC_4122

    def test_shapes(self) -> None:
        ids = Ids(3)
        assert re.fullmatch(r"[0-9a-f]{12}", ids.hex(12))
        assert re.fullmatch(r"[A-Z0-9]{8}", ids.alnum(8, upper=True))
        assert re.fullmatch(r"[0-9]{6}", ids.digits(6))
        assert len(ids.token_bytes(32)) == 32
        assert [ids.next("c"), ids.next("c"), ids.next("d", start=10)] == [1, 2, 10]


class TestCloudIds:
    def test_two_clouds_same_seed_same_ids(self) -> None:
        """Clouds built alike and driven alike produce identical ids and request ids."""

        def drive(cloud: Cloud) -> list[object]:
            client = cloud.client("dynamodb")
            return [cloud.ids.uuid(), client.meta.region_name, cloud.ids.hex(8)]

        a = drive(Cloud(clock=ManualClock(), seed=11))
        b = drive(Cloud(clock=ManualClock(), seed=11))
        c = drive(Cloud(clock=ManualClock(), seed=12))
        assert a == b
        assert a != c
