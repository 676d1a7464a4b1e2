"""The API Gateway stop of ``pyserverless tour``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def _item(event: dict[str, Any], context: Any) -> dict[str, Any]:
    item_id = event["pathParameters"]["id"]
    return {"statusCode": 200, "body": json.dumps({"id": item_id, "route": event["routeKey"]})}


def _broken(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": {"not": "a string"}}


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """API Gateway: HTTP and REST APIs routing real requests into Lambda handlers."""
    api = cloud.gateway.http_api("shop")
    api.route("GET /items/{id}", _item)
    say(f"Created {api!r} with the route GET /items/{{id}} and an auto-deploying $default stage.")
    response = api.request("GET", "/items/a%20pen")
    say(f"  GET /items/a%20pen -> {response.status} {response.body.decode()}")
    say(f"  GET /nothing       -> {api.request('GET', '/nothing').status} (no route: Not Found)")
    rest = cloud.gateway.rest_api("legacy")
    rest.route("GET /broken", _broken)
    rest.deploy("prod")
    answer = rest.request("GET", "/broken", stage="prod")
    say(f"A REST handler returning a dict as body -> {answer.status} {answer.body.decode()}")
    missing = cloud.gateway.invoke(rest.id, "prod", "GET", "/items")
    say(f"  and a path with no method -> {missing.status} {missing.body.decode()}")
    say(f"Over HTTP: `pyserverless serve`, then GET /_api/{api.id}/items/1 (docs/gateway.md).")
