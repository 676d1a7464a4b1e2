"""The headers AWS's front end adds to every proxy event: ``Host``, ``X-Amzn-Trace-Id``,
``X-Forwarded-For`` (the client's list plus the source IP), ``X-Forwarded-Port`` and
``X-Forwarded-Proto`` — REST payload 1.0 names as AWS writes them, HTTP 2.0 lower-cased."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    APIGatewayProxyEventV2Model,
)

from pyserverless import Cloud

TRACE = re.compile(r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$")


def _rest_api(cloud: Cloud, events: list[dict[str, Any]]) -> str:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        return {"statusCode": 200, "body": "ok"}

    cloud.lambda_.create_function("echo", handler=handler)
    arn = cloud.engine("lambda").function_arn("echo")
    gw = cloud.client("apigateway")
    api = gw.create_rest_api(name="h")
    where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    gw.put_method(**where, authorizationType="NONE")
    gw.put_integration(
        **where,
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations",
    )
    gw.create_deployment(restApiId=api["id"], stageName="prod")
    return str(api["id"])


def _http_api(cloud: Cloud, events: list[dict[str, Any]]) -> str:
    api = cloud.gateway.http_api("h2")

    def handler(event: dict[str, Any], context: Any) -> str:
        events.append(event)
        return "ok"

    api.route("GET /", handler)
    return api.id


class TestRest:
    def test_front_end_headers(self, cloud: Cloud) -> None:
        events: list[dict[str, Any]] = []
        api_id = _rest_api(cloud, events)
        cloud.gateway.invoke(api_id, "prod", "GET", "/", headers={"Accept": "*/*"})
        headers = events[0]["headers"]
        assert headers["Accept"] == "*/*"
        assert headers["Host"] == f"{api_id}.execute-api.us-east-1.amazonaws.com"
        assert headers["X-Forwarded-For"] == "127.0.0.1"
        assert headers["X-Forwarded-Port"] == "443"
        assert headers["X-Forwarded-Proto"] == "https"
        assert TRACE.match(headers["X-Amzn-Trace-Id"])
        assert events[0]["multiValueHeaders"]["Host"] == [headers["Host"]]
        APIGatewayProxyEventModel.model_validate(events[0])

    def test_trace_root_carries_the_request_time(self, cloud: Cloud) -> None:
        events: list[dict[str, Any]] = []
        api_id = _rest_api(cloud, events)
        cloud.gateway.invoke(api_id, "prod", "GET", "/")
        cloud.advance(16)
        cloud.gateway.invoke(api_id, "prod", "GET", "/")
        first, second = (e["headers"]["X-Amzn-Trace-Id"] for e in events)
        seconds = int(cloud.clock.now().timestamp())
        assert second.startswith(f"Root=1-{seconds:08x}-")
        assert first.startswith(f"Root=1-{seconds - 16:08x}-")
        assert first.split("-")[2] != second.split("-")[2]

    def test_client_values_kept_or_extended(self, cloud: Cloud) -> None:
        events: list[dict[str, Any]] = []
        api_id = _rest_api(cloud, events)
        sent = {
            "Host": "api.example.com",
            "X-Forwarded-For": "203.0.113.7",
            "X-Amzn-Trace-Id": "Root=1-00000000-000000000000000000000000",
            "X-Forwarded-Port": "8080",
            "X-Forwarded-Proto": "http",
        }
        cloud.gateway.invoke(api_id, "prod", "GET", "/", headers=sent)
        headers = events[0]["headers"]
        assert headers["Host"] == "api.example.com"
        assert headers["X-Forwarded-For"] == "203.0.113.7, 127.0.0.1"
        assert headers["X-Amzn-Trace-Id"] == sent["X-Amzn-Trace-Id"]
        assert (headers["X-Forwarded-Port"], headers["X-Forwarded-Proto"]) == ("443", "https")
        assert events[0]["multiValueHeaders"]["X-Forwarded-Port"] == ["443"]


class TestHttp:
    def test_front_end_headers_lower_case(self, cloud: Cloud) -> None:
        events: list[dict[str, Any]] = []
        api_id = _http_api(cloud, events)
        cloud.gateway.invoke(
            api_id, "$default", "GET", "/", headers={"X-Forwarded-For": "10.1.2.3"}
        )
        headers = events[0]["headers"]
        assert headers["host"] == f"{api_id}.execute-api.us-east-1.amazonaws.com"
        assert headers["x-forwarded-for"] == "10.1.2.3, 127.0.0.1"
        assert headers["x-forwarded-port"] == "443"
        assert headers["x-forwarded-proto"] == "https"
        assert TRACE.match(headers["x-amzn-trace-id"])
        assert not any(name != name.lower() for name in headers)
        APIGatewayProxyEventV2Model.model_validate(events[0])
