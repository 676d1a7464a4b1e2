"""What the control plane configures is what the ``execute-api`` runtime serves: quick
create, manual stages before and after CreateDeployment, AutoDeploy, throttles, CORS and
the execute-api switch, with a real inline Lambda handler."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud


@pytest.fixture
def fn(cloud: Cloud) -> str:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": 200, "body": json.dumps({"route": event["routeKey"]})}

    cloud.lambda_.create_function("hello", handler=handler)
    return str(cloud.engine("lambda").function_arn("hello"))


def call(cloud: Cloud, api_id: str, stage: str, method: str, path: str, **kw: Any) -> Any:
    return cloud.engine("execute-api").invoke(api_id, stage, method, path, **kw)


def test_quick_create_serves_the_function(cloud: Cloud, client: Any, fn: str) -> None:
    api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=fn)["ApiId"]
    answer = call(cloud, api_id, "$default", "GET", "/anything/at/all")
    assert answer.status == 200
    assert answer.json() == {"route": "$default"}


def test_manual_stage_serves_only_after_create_deployment(
    cloud: Cloud, client: Any, fn: str, api_id: str
) -> None:
    integ = client.create_integration(
        ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=fn, PayloadFormatVersion="2.0"
    )
    target = f"integrations/{integ['IntegrationId']}"
    client.create_route(ApiId=api_id, RouteKey="GET /items/{id}", Target=target)
    client.create_stage(ApiId=api_id, StageName="prod")
    client.create_stage(ApiId=api_id, StageName="live", AutoDeploy=True)
    assert call(cloud, api_id, "prod", "GET", "/items/1").status == 404
    assert call(cloud, api_id, "live", "GET", "/items/1").json() == {"route": "GET /items/{id}"}
    client.create_deployment(ApiId=api_id, StageName="prod")
    assert call(cloud, api_id, "prod", "GET", "/items/1").json() == {"route": "GET /items/{id}"}
    client.create_route(ApiId=api_id, RouteKey="POST /items", Target=target)
    assert call(cloud, api_id, "live", "POST", "/items").status == 200
    assert call(cloud, api_id, "prod", "POST", "/items").status == 404  # not deployed there


def test_default_route_settings_throttle(cloud: Cloud, client: Any, fn: str) -> None:
    api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=fn)["ApiId"]
    client.update_stage(
        ApiId=api_id,
        StageName="$default",
        DefaultRouteSettings={"ThrottlingBurstLimit": 2, "ThrottlingRateLimit": 1.0},
    )
    statuses = [call(cloud, api_id, "$default", "GET", "/x").status for _ in range(3)]
    assert statuses == [200, 200, 429]
    cloud.advance(1)
    assert call(cloud, api_id, "$default", "GET", "/x").status == 200


def test_cors_preflight_answered(cloud: Cloud, client: Any, fn: str) -> None:
    api_id = client.create_api(
        Name="q",
        ProtocolType="HTTP",
        Target=fn,
        CorsConfiguration={"AllowOrigins": ["https://a.example"], "AllowMethods": ["GET"]},
    )["ApiId"]
    headers = (("origin", "https://a.example"), ("access-control-request-method", "GET"))
    answer = call(cloud, api_id, "$default", "OPTIONS", "/x", headers=headers)
    assert answer.header("access-control-allow-origin") == "https://a.example"
    client.delete_cors_configuration(ApiId=api_id)
    answer = call(cloud, api_id, "$default", "OPTIONS", "/x", headers=headers)
    assert answer.header("access-control-allow-origin") is None


def test_disabled_execute_api_endpoint(cloud: Cloud, client: Any, fn: str) -> None:
    api_id = client.create_api(
        Name="q", ProtocolType="HTTP", Target=fn, DisableExecuteApiEndpoint=True
    )["ApiId"]
    assert call(cloud, api_id, "$default", "GET", "/x").status == 404
    client.update_api(ApiId=api_id, DisableExecuteApiEndpoint=False)
    assert call(cloud, api_id, "$default", "GET", "/x").status == 200
