"""The imported PetStore, deployed and driven with ``requests`` over ``serve``."""

from __future__ import annotations

from typing import Any

import requests

from pyserverless import Cloud
from pyserverless.adapters.http import Server

from .conftest import PETS, petstore_bytes


def test_petstore_over_http(cloud: Cloud, gw: Any) -> None:
    api = gw.import_rest_api(body=petstore_bytes())
    gw.create_deployment(restApiId=api["id"], stageName="test")
    with Server(cloud) as server, requests.Session() as session:
        base = f"{server.url}/_api/{api['id']}/test"
        listed = session.get(f"{base}/pets", params={"type": "dog", "page": "1"}, timeout=10)
        assert listed.status_code == 200
        assert listed.json() == PETS
        assert listed.headers["Access-Control-Allow-Origin"] == "*"
        one = session.get(f"{base}/pets/2", timeout=10)
        assert (one.status_code, one.json()) == (200, PETS[1])
        made = session.post(f"{base}/pets", json={"type": "dog", "price": 249.99}, timeout=10)
        assert made.status_code == 200
        assert made.json() == {"pet": {"type": "dog", "price": 249.99}, "message": "success"}
        # The body-only validator and the NewPet model: price 25..500, type an enum.
        bad_bodies: list[dict[str, Any]] = [
            {"type": "dog", "price": 24},
            {"type": "dragon", "price": 100},
            {},
        ]
        for bad in bad_bodies:
            refused = session.post(f"{base}/pets", json=bad, timeout=10)
            assert (refused.status_code, refused.json()) == (
                400,
                {"message": "Invalid request body"},
            )
        edge = session.post(f"{base}/pets", json={"type": "cat", "price": 500}, timeout=10)
        assert edge.status_code == 200
        options = session.options(f"{base}/pets", timeout=10)
        assert options.status_code == 200
        assert options.headers["Access-Control-Allow-Origin"] == "*"
        missing = session.get(f"{base}/owners", timeout=10)
        assert missing.status_code == 403
