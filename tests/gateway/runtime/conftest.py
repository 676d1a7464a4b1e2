"""Stages built directly from the contract (``DeployedStage``), with inline Lambda handlers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import DeployedStage, IntegrationSpec, RouteSpec

START = 1_583_349_317.135  # 2020-03-04T19:15:17.135Z


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(START), seed=1) as c:
        yield c


def lambda_uri(cloud: Cloud, name: str) -> str:
    arn = cloud.engine("lambda").function_arn(name)
    return f"arn:aws:apigateway:{cloud.region}:lambda:path/2015-03-31/functions/{arn}/invocations"


def proxy(
    cloud: Cloud,
    handler: Callable[[Any, Any], Any],
    *,
    name: str = "fn",
    payload_format: str = "1.0",
    timeout_ms: int = 29_000,
    function_timeout: int = 3,
) -> IntegrationSpec:
    """An AWS_PROXY integration to a new inline function running ``handler``."""
    cloud.lambda_.create_function(name, handler=handler, timeout=function_timeout)
    return IntegrationSpec(
        type="AWS_PROXY",
        uri=lambda_uri(cloud, name),
        payload_format=payload_format,
        timeout_ms=timeout_ms,
    )


def stage(
    kind: str,
    *routes: RouteSpec,
    name: str = "prod",
    api_id: str = "a1b2c3d4e5",
    **fields: Any,
) -> DeployedStage:
    return DeployedStage(api_id, kind, name, "dep1", tuple(routes), **fields)


def route(method: str, path: str, integration: IntegrationSpec, **fields: Any) -> RouteSpec:
    return RouteSpec(method, path, integration, route_id=f"{method} {path}", **fields)


def echo(event: Any, context: Any) -> dict[str, Any]:
    """A proxy handler that answers with the event it got."""
    import json

    return {"statusCode": 200, "body": json.dumps(event)}
