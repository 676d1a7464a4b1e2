"""Issue 21's features over HTTP: ``requests`` against the endpoint in a thread, with a
Python backend registered in the same Cloud."""

from __future__ import annotations

import requests

from pyserverless import Cloud
from pyserverless.adapters.http import Server
from pyserverless.gateway import BackendRequest

from .conftest import Api, mock


def test_validation_templates_and_cache_over_http(cloud: Cloud) -> None:
    api = Api(cloud)
    api.model(
        "Order",
        {
            "type": "object",
            "required": ["qty"],
            "properties": {"qty": {"type": "integer", "minimum": 1}},
        },
    )
    api.method(
        "POST",
        "/orders",
        mock('{"statusCode": 201}'),
        {"201": {"responseTemplates": {"application/json": '{"stage": "$context.stage"}'}}},
        requestModels={"application/json": "Order"},
        requestValidatorId=api.validator(params=False),
    )
    calls: list[str] = []

    def origin(request: BackendRequest) -> dict[str, str]:
        calls.append(request.path)
        return {"served": request.path}

    cloud.gateway.backend("https://origin.internal", origin)
    api.method(
        "GET",
        "/page",
        {
            "type": "HTTP_PROXY",
            "integrationHttpMethod": "GET",
            "uri": "https://origin.internal/page",
        },
    )
    api.deploy(cacheClusterEnabled=True)
    with Server(cloud) as server, requests.Session() as session:
        base = f"{server.url}/_api/{api.id}/prod"
        created = session.post(f"{base}/orders", json={"qty": 2}, timeout=10)
        assert (created.status_code, created.json()) == (201, {"stage": "prod"})
        refused = session.post(f"{base}/orders", json={"qty": 0}, timeout=10)
        assert (refused.status_code, refused.json()) == (400, {"message": "Invalid request body"})
        wrong = session.post(
            f"{base}/orders",
            data="qty=1",
            timeout=10,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert wrong.status_code == 201  # no model, no template for the type: passed through
        first = session.get(f"{base}/page", timeout=10)
        again = session.get(f"{base}/page", timeout=10)
        assert first.json() == again.json() == {"served": "/page"}
        assert calls == ["/page"]
