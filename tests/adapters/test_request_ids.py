"""Request ids: the wire's 52-character ids and the client layer's UUID-shaped ids are
unique within their dispatcher or client, and the same for the same seed."""

from __future__ import annotations

import re

from pyserverless import Cloud
from pyserverless.adapters import Dispatcher


def _wire_ids(seed: int, n: int) -> list[str]:
    dispatcher = Dispatcher(Cloud(seed=seed))
    return [dispatcher.request_id() for _ in range(n)]


def test_wire_ids_are_dynamodb_shaped_unique_and_seeded() -> None:
    """70,000 ids (the counter in the last characters carries over fifty times): DynamoDB's
    form, all different, and the same sequence again for the same seed."""
    ids = _wire_ids(7, 70_000)
    assert all(re.fullmatch(r"[A-Z0-9]{52}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids[:100] == _wire_ids(7, 100)
    assert _wire_ids(8, 1) != ids[:1]


def test_client_ids_are_uuid_shaped_unique_and_seeded() -> None:
    """The client layer's ids: version-4 UUID text, unique, seeded."""

    def ids(seed: int, n: int) -> list[str]:
        client = Cloud(seed=seed).client("dynamodb")
        return [client._next_request_id() for _ in range(n)]

    drawn = ids(3, 5_000)
    uuid4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert all(re.fullmatch(uuid4, i) for i in drawn)
    assert len(set(drawn)) == len(drawn)
    assert drawn[:10] == ids(3, 10)
