"""WebSocket APIs: a Cloud on a manual clock, a chat-shaped API, helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

START = 1_700_000_000


def error_of(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str, int]:
    """The AWS error code, message and HTTP status an operation raised."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(START), seed=11) as c:
        yield c


@pytest.fixture
def v2(cloud: Cloud) -> Any:
    return cloud.client("apigatewayv2")


@pytest.fixture
def ws_api(v2: Any) -> str:
    return str(
        v2.create_api(
            Name="chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
        )["ApiId"]
    )


class Chat:
    """A WebSocket API whose routes all call one recording handler."""

    def __init__(self, cloud: Cloud, v2: Any, api_id: str) -> None:
        self.cloud, self.v2, self.api_id = cloud, v2, api_id
        self.events: list[dict[str, Any]] = []
        #: route key -> what the handler answers (a callable of the event), default 200.
        self.answers: dict[str, Callable[[dict[str, Any]], Any]] = {}
        fn = cloud.lambda_.create_function("chat", handler=self._handle)
        self.integration = v2.create_integration(
            ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=fn.arn
        )["IntegrationId"]
        self.routes: dict[str, str] = {}

    def _handle(self, event: dict[str, Any], context: Any) -> Any:
        self.events.append(json.loads(json.dumps(event)))
        answer = self.answers.get(event["requestContext"]["routeKey"])
        return answer(event) if answer is not None else {"statusCode": 200}

    def route(self, key: str, *, two_way: bool = False, **extra: Any) -> str:
        route_id = self.v2.create_route(
            ApiId=self.api_id, RouteKey=key, Target=f"integrations/{self.integration}", **extra
        )["RouteId"]
        if two_way:
            self.v2.create_route_response(
                ApiId=self.api_id, RouteId=route_id, RouteResponseKey="$default"
            )
        self.routes[key] = route_id
        return str(route_id)

    def deploy(self, stage: str = "prod") -> None:
        self.v2.create_stage(ApiId=self.api_id, StageName=stage, AutoDeploy=True)

    def kinds(self) -> list[tuple[str, str]]:
        return [
            (e["requestContext"]["eventType"], e["requestContext"]["routeKey"]) for e in self.events
        ]


@pytest.fixture
def chat(cloud: Cloud, v2: Any, ws_api: str) -> Chat:
    return Chat(cloud, v2, ws_api)
