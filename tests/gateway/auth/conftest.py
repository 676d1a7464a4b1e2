"""Authorizer tests: stages built from the contract (``DeployedStage``) with inline Lambda
handlers for the authorizers and the integration, served by the ``execute-api`` engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import (
    AuthorizerSpec,
    DeployedStage,
    IntegrationSpec,
    RouteSpec,
)
from pyserverless.gateway._runtime._types import GatewayRequest, GatewayResponse

START = 1_583_349_317.0  # 2020-03-04T19:15:17Z
API = "a1b2c3d4e5"
ACCOUNT = "123456789012"
#: scrypt with N=2: the tests exercise the logic, not the work factor.
CHEAP = {"cognito-idp": {"password_hash_cost": 1}}


def arn(path: str, method: str = "GET", stage: str = "prod") -> str:
    return f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{API}/{stage}/{method}{path}"


def allow(resource: str | list[str] = "*", **extra: Any) -> dict[str, Any]:
    return policy("Allow", resource, **extra)


def policy(effect: str, resource: str | list[str], **extra: Any) -> dict[str, Any]:
    statement = {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}
    return {
        "principalId": "user-1",
        "policyDocument": {"Version": "2012-10-17", "Statement": [statement]},
        **extra,
    }


class Recorder:
    """A handler that records its events and answers what ``answer(event)`` gives."""

    def __init__(self, answer: Callable[[Any], Any] | Any) -> None:
        self.answer = answer
        self.events: list[Any] = []

    def __call__(self, event: Any, context: Any) -> Any:
        self.events.append(event)
        return self.answer(event) if callable(self.answer) else self.answer


class Gateway:
    """A Cloud with one backend function ``backend`` (echoing its event) and helpers."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.engine = cloud.engine("execute-api")
        self.backend = Recorder({"statusCode": 200, "body": "ok"})
        cloud.lambda_.create_function("backend", handler=self.backend)
        self._functions = 0

    def function(self, handler: Callable[[Any, Any], Any]) -> str:
        """A new inline function running ``handler``; its ARN."""
        self._functions += 1
        name = f"auth{self._functions}"
        self.cloud.lambda_.create_function(name, handler=handler)
        return str(self.cloud.engine("lambda").function_arn(name))

    def integration(self, payload_format: str = "1.0") -> IntegrationSpec:
        fn = self.cloud.engine("lambda").function_arn("backend")
        uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn}/invocations"
        return IntegrationSpec("AWS_PROXY", uri=uri, payload_format=payload_format)

    def stage(
        self,
        kind: str,
        authorizer: AuthorizerSpec | None,
        *,
        authorization: str = "CUSTOM",
        paths: tuple[tuple[str, str], ...] = (("GET", "/pets/{id}"), ("POST", "/pets/{id}")),
        scopes: tuple[str, ...] = (),
        name: str = "prod",
        payload_format: str = "1.0",
        **fields: Any,
    ) -> DeployedStage:
        routes = tuple(
            RouteSpec(
                method,
                path,
                self.integration(payload_format),
                route_id=f"{method} {path}",
                authorization=authorization,
                authorizer=authorizer,
                scopes=scopes,
            )
            for method, path in paths
        )
        return DeployedStage(API, kind, name, "dep1", routes, **fields)

    def call(
        self,
        stage: DeployedStage,
        method: str = "GET",
        path: str = "/pets/1",
        *,
        headers: dict[str, str] | tuple[tuple[str, str], ...] = (),
        query: str = "",
        body: bytes = b"",
    ) -> GatewayResponse:
        pairs = tuple(headers.items()) if isinstance(headers, dict) else headers
        request = GatewayRequest(method, path, query=query, headers=pairs, body=body)
        return self.engine.serve(stage, request)  # type: ignore[no-any-return]

    @property
    def invocations(self) -> int:
        return int(self.engine.authorizers.invocations)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def cloud(clock: ManualClock) -> Iterator[Cloud]:
    with Cloud(clock=clock, seed=1, limits=CHEAP) as c:
        yield c


@pytest.fixture
def gw(cloud: Cloud) -> Gateway:
    return Gateway(cloud)


def token_spec(function_arn: str, **fields: Any) -> AuthorizerSpec:
    fields.setdefault("identity_sources", ("method.request.header.Authorization",))
    return AuthorizerSpec("tok1", "tokens", "TOKEN", function_arn=function_arn, **fields)


def request_spec(function_arn: str, *sources: str, **fields: Any) -> AuthorizerSpec:
    return AuthorizerSpec(
        "req1", "requests", "REQUEST", function_arn=function_arn, identity_sources=sources, **fields
    )
