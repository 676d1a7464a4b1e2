"""Throttling tests: a Cloud on a ManualClock at a known instant, stages built from the
contract (``DeployedStage``) with MOCK integrations, and a keyed REST API built through
the ``apigateway`` control plane."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import DeployedStage, IntegrationSpec, RouteSpec
from pyserverless.gateway._runtime._types import GatewayRequest, GatewayResponse

#: A Wednesday, at midnight UTC.
START = datetime(2025, 1, 1, tzinfo=UTC)

MOCK = IntegrationSpec(
    type="MOCK",
    request_templates={"application/json": '{"statusCode": 200}'},
    responses={"": {"statusCode": "200", "responseTemplates": {"application/json": "ok"}}},
)


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(START), seed=3) as c:
        yield c


def route(method: str, path: str, **fields: Any) -> RouteSpec:
    return RouteSpec(method, path, MOCK, route_id=f"{method} {path}", **fields)


def stage(kind: str, *routes: RouteSpec, api_id: str = "a1b2c3d4e5", **fields: Any) -> Any:
    name = fields.pop("name", "prod")
    return DeployedStage(api_id, kind, name, "dep1", tuple(routes), **fields)


def serve(
    cloud: Cloud, deployed: DeployedStage, path: str = "/r", method: str = "GET", **kw: Any
) -> GatewayResponse:
    return cloud.engine("execute-api").serve(deployed, GatewayRequest(method, path, **kw))


def statuses(
    cloud: Cloud, deployed: DeployedStage, n: int, path: str = "/r", **kw: Any
) -> list[int]:
    return [serve(cloud, deployed, path, **kw).status for _ in range(n)]


class KeyedApi:
    """A REST API made through ``cloud.client("apigateway")``: ``GET /pets`` and
    ``GET /free`` (MOCK), ``/pets`` requiring an API key, deployed to ``prod``."""

    def __init__(self, cloud: Cloud, *, key_source: str = "HEADER") -> None:
        self.cloud = cloud
        self.gw = gw = cloud.client("apigateway")
        self.api = gw.create_rest_api(name="shop", apiKeySource=key_source)["id"]
        root = gw.get_resources(restApiId=self.api)["items"][0]["id"]
        self.resources = {"/": root}
        self.add("/pets", key=True)
        self.add("/free", key=False)
        self.deploy()

    def add(self, path: str, *, key: bool, method: str = "GET") -> None:
        gw = self.gw
        if path not in self.resources:
            made = gw.create_resource(
                restApiId=self.api, parentId=self.resources["/"], pathPart=path.strip("/")
            )
            self.resources[path] = made["id"]
        where = {"restApiId": self.api, "resourceId": self.resources[path], "httpMethod": method}
        gw.put_method(**where, authorizationType="NONE", apiKeyRequired=key)
        gw.put_method_response(**where, statusCode="200")
        gw.put_integration(
            **where, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
        )
        gw.put_integration_response(**where, statusCode="200", selectionPattern="")

    def deploy(self, stage: str = "prod") -> None:
        self.gw.create_deployment(restApiId=self.api, stageName=stage)

    def key(self, name: str = "k", *, enabled: bool = True) -> dict[str, Any]:
        return dict(self.gw.create_api_key(name=name, enabled=enabled))

    def plan(self, *keys: dict[str, Any], stage: str = "prod", **fields: Any) -> str:
        api_stage: dict[str, Any] = {"apiId": self.api, "stage": stage}
        if "method_throttles" in fields:
            api_stage["throttle"] = fields.pop("method_throttles")
        plan = self.gw.create_usage_plan(name="plan", apiStages=[api_stage], **fields)["id"]
        for key in keys:
            self.gw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
        return str(plan)

    def get(self, path: str = "/pets", key: dict[str, Any] | None = None, **kw: Any) -> int:
        headers = (("x-api-key", key["value"]),) if key is not None else ()
        engine = self.cloud.engine("execute-api")
        return int(engine.invoke(self.api, "prod", "GET", path, headers=headers, **kw).status)

    def gets(self, n: int, path: str = "/pets", key: dict[str, Any] | None = None) -> list[int]:
        return [self.get(path, key) for _ in range(n)]
