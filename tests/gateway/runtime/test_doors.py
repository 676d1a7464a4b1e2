"""The resource layer, WSGI (werkzeug's test Client), ``requests`` against ``serve``, and
handlers written with powertools' resolvers, routed through pyserverless."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, APIGatewayRestResolver
from werkzeug.test import Client

from pyserverless import Cloud
from pyserverless.adapters.http import Server


def _item(event: Any, context: Any) -> Any:
    return {"id": event["pathParameters"]["id"], "q": event.get("queryStringParameters")}


@pytest.fixture
def shop(cloud: Cloud) -> Any:
    api = cloud.gateway.http_api("shop")
    api.route("GET /items/{id}", _item)
    api.route("POST /items", lambda e, c: {"statusCode": 201, "body": e["body"]})
    return api


class TestResourceLayer:
    def test_http_api_request(self, shop: Any) -> None:
        """api.route then api.request, on the $default stage, with no server."""
        response = shop.request("GET", "/items/a%20b", query={"x": ["1", "2"]})
        assert response.status == 200
        assert response.json() == {"id": "a b", "q": {"x": "1,2"}}

    def test_json_body(self, shop: Any) -> None:
        """A dict body is sent as JSON."""
        response = shop.request("POST", "/items", body={"name": "pen"})
        assert (response.status, json.loads(response.body)) == (201, {"name": "pen"})

    def test_http_api_is_found_by_name(self, cloud: Cloud, shop: Any) -> None:
        """http_api(name) returns the existing API."""
        assert cloud.gateway.http_api("shop").id == shop.id

    def test_unmatched_is_not_found(self, shop: Any) -> None:
        """No route → 404 Not Found."""
        response = shop.request("GET", "/nothing")
        assert (response.status, response.json()) == (404, {"message": "Not Found"})

    def test_describe_and_repr(self, shop: Any) -> None:
        """describe() lists routes and stages; the repr names the API."""
        d = shop.describe()
        assert d.routes == ("GET /items/{id}", "POST /items")
        assert d.stages == ("$default",)
        assert repr(shop) == f"<HttpApi {shop.id} 'shop'>"

    def test_function_by_name(self, cloud: Cloud) -> None:
        """route() takes a Function, a name or an ARN as well as a callable."""
        fn = cloud.lambda_.create_function("hello", handler=lambda e, c: "hi")
        api = cloud.gateway.http_api("h")
        api.route("GET /a", fn)
        api.route("GET /b", "hello")
        api.route("GET /c", fn.arn)
        assert [api.request("GET", p).body for p in ("/a", "/b", "/c")] == [b"hi"] * 3

    def test_rest_api(self, cloud: Cloud) -> None:
        """rest_api: routes, deploy, request on the stage; 403 for no route."""
        api = cloud.gateway.rest_api("legacy")
        api.route("GET /items/{id}", lambda e, c: {"statusCode": 200, "body": e["resource"]})
        api.deploy("prod")
        assert api.request("GET", "/items/1").body == b"/items/{id}"
        assert api.request("GET", "/x").status == 403
        assert cloud.gateway.invoke(api.id, "nope", "GET", "/items/1").status == 403
        assert api.describe().stages == ("prod",)

    def test_unknown_stage(self, cloud: Cloud, shop: Any) -> None:
        """An HTTP API's unknown stage is 404 Not Found; a REST API's 403 Forbidden."""
        missing = cloud.gateway.invoke(shop.id, "beta", "GET", "/items/1")
        assert (missing.status, missing.json()) == (404, {"message": "Not Found"})
        rest = cloud.gateway.rest_api("r")
        refused = cloud.gateway.invoke(rest.id, "beta", "GET", "/items/1")
        assert (refused.status, refused.json()) == (403, {"message": "Forbidden"})

    def test_list_and_delete(self, cloud: Cloud, shop: Any) -> None:
        """http_apis()/rest_apis() list the APIs; delete() stops a stage serving."""
        rest = cloud.gateway.rest_api("r")
        assert [a.id for a in cloud.gateway.http_apis()] == [shop.id]
        assert [a.id for a in cloud.gateway.rest_apis()] == [rest.id]
        assert shop.request("GET", "/items/1").status == 200
        shop.delete()
        assert cloud.gateway.http_apis() == []
        assert cloud.gateway.invoke(shop.id, "$default", "GET", "/items/1").status == 403
        rest.delete()
        assert cloud.gateway.rest_apis() == []

    def test_throttle_next(self, shop: Any) -> None:
        """api.throttle_next(n): the next n requests get 429."""
        shop.throttle_next(1)
        first = shop.request("GET", "/items/1")
        assert (first.status, first.json()) == (429, {"message": "Too Many Requests"})
        assert shop.request("GET", "/items/1").status == 200


class TestWsgi:
    def test_werkzeug_client(self, cloud: Cloud, shop: Any) -> None:
        """werkzeug's test Client drives the API through wsgi_app."""
        client = Client(cloud.gateway.wsgi_app(shop))
        response = client.get("/items/7?x=1")
        assert response.status_code == 200
        assert response.get_json() == {"id": "7", "q": {"x": "1"}}
        assert client.post("/items", json={"a": 1}).status_code == 201
        assert client.get("/nothing").status_code == 404

    def test_rest_stage_by_default(self, cloud: Cloud) -> None:
        """A REST API's only stage is served; with none or several, the stage must be named."""
        api = cloud.gateway.rest_api("r")
        api.route("GET /ping", lambda e, c: {"statusCode": 200, "body": "pong"})
        with pytest.raises(ValueError, match="name the stage"):
            cloud.gateway.wsgi_app(api)
        api.deploy("prod")
        assert Client(cloud.gateway.wsgi_app(api)).get("/ping").text == "pong"
        api.deploy("beta")
        with pytest.raises(ValueError, match="name the stage"):
            cloud.gateway.wsgi_app(api)
        assert Client(cloud.gateway.wsgi_app(api, "beta")).get("/ping").text == "pong"


@pytest.fixture
def server(cloud: Cloud) -> Iterator[Server]:
    with Server(cloud) as running:
        yield running


class TestServe:
    def test_path_style(self, server: Server, shop: Any) -> None:
        """/_api/{api}/{stage}/...: the $default stage needs no stage segment."""
        response = requests.get(f"{server.url}/_api/{shop.id}/items/9", timeout=10)
        assert response.status_code == 200
        assert response.json()["id"] == "9"

    def test_request_log_line(self, server: Server, shop: Any) -> None:
        """serve's request log gets a line per stage request."""
        lines: list[str] = []
        server.app.log = lines.append
        requests.get(f"{server.url}/_api/{shop.id}/items/9", timeout=10)
        assert len(lines) == 1
        assert lines[0].startswith(f"execute-api {shop.id}/$default GET /items/9 200 ")

    def test_host_style(self, server: Server, shop: Any) -> None:
        """{api}.execute-api.localhost names the API in the Host header."""
        host = f"{shop.id}.execute-api.localhost:{server.port}"
        response = requests.post(
            f"{server.url}/items", data=b"raw", headers={"Host": host}, timeout=10
        )
        assert (response.status_code, response.content) == (201, b"raw")

    def test_rest_stage_over_http(self, cloud: Cloud, server: Server) -> None:
        """A REST stage is served at /_api/{api}/{stage}/...; AWS's protocols still answer."""
        api = cloud.gateway.rest_api("r")
        api.route("GET /ping", lambda e, c: {"statusCode": 200, "body": "pong"})
        api.deploy("prod")
        assert requests.get(f"{server.url}/_api/{api.id}/prod/ping", timeout=10).text == "pong"
        missing = requests.get(f"{server.url}/_api/{api.id}/prod/pong", timeout=10)
        assert missing.status_code == 403
        assert missing.json() == {"message": "Missing Authentication Token"}
        tables = cloud.client("dynamodb")
        assert tables.list_tables()["TableNames"] == []


class TestPowertools:
    def test_http_resolver(self, cloud: Cloud) -> None:
        """A handler written with APIGatewayHttpResolver routes correctly through pyserverless."""
        app = APIGatewayHttpResolver()

        @app.get("/todos/<todo_id>")
        def get_todo(todo_id: str) -> dict[str, Any]:
            return {"id": todo_id, "ua": app.current_event.request_context.http.user_agent}

        @app.post("/todos")
        def make_todo() -> tuple[dict[str, Any], int]:
            return {"made": app.current_event.json_body["title"]}, 201

        api = cloud.gateway.http_api("todos")
        api.route("ANY /{proxy+}", lambda event, context: app.resolve(event, context))
        got = api.request("GET", "/todos/5", headers={"User-Agent": "tests"})
        assert (got.status, got.json()) == (200, {"id": "5", "ua": "tests"})
        made = api.request("POST", "/todos", body={"title": "write"})
        assert (made.status, made.json()) == (201, {"made": "write"})
        assert api.request("GET", "/nope").status == 404  # powertools' own not found

    def test_rest_resolver(self, cloud: Cloud) -> None:
        """A handler written with APIGatewayRestResolver routes correctly through a REST API."""
        app = APIGatewayRestResolver()

        @app.get("/orders/<order_id>")
        def get_order(order_id: str) -> dict[str, Any]:
            return {"order": order_id, "stage": app.current_event.request_context.stage}

        api = cloud.gateway.rest_api("orders")
        api.route("ANY /{proxy+}", lambda event, context: app.resolve(event, context))
        api.deploy("prod")
        got = api.request("GET", "/orders/17")
        assert (got.status, got.json()) == (200, {"order": "17", "stage": "prod"})
        assert got.header("Content-Type") == "application/json"


class TestServiceTable:
    def test_execute_api_has_no_client(self, cloud: Cloud) -> None:
        """cloud.client("execute-api") is refused, naming the services that have one."""
        with pytest.raises(ValueError, match=r"'execute-api' has no boto3 client.*dynamodb"):
            cloud.client("execute-api")

    def test_engine_and_limits(self, cloud: Cloud) -> None:
        """The runtime is an engine with limits of its own; faults still work elsewhere."""
        assert type(cloud.engine("execute-api")).__name__ == "ExecuteApi"
        assert cloud.limits.for_service("execute-api").account_burst == 5000
        with pytest.raises(ValueError, match="no boto3 client"):
            cloud.faults.fail("execute-api", "Invoke")
        cloud.faults.fail("dynamodb", "ListTables", error="InternalServerError", times=1)
        with pytest.raises(Exception, match="InternalServerError"):
            cloud.client("dynamodb").list_tables()

    def test_gateway_property(self, cloud: Cloud) -> None:
        """cloud.gateway is the resource layer, once per Cloud."""
        assert cloud.gateway is cloud.gateway
        assert repr(cloud.gateway) == "<GatewayResource region='us-east-1'>"


class TestThroughTheControlPlanes:
    def test_rest_mock_integration(self, cloud: Cloud) -> None:
        """A MOCK integration made with boto3's calls answers with the selected response."""
        ag = cloud.client("apigateway")
        api = ag.create_rest_api(name="m")
        root = api["rootResourceId"]
        common = {"restApiId": api["id"], "resourceId": root, "httpMethod": "GET"}
        ag.put_method(**common, authorizationType="NONE")
        ag.put_integration(
            **common, type="MOCK", requestTemplates={"application/json": '{"statusCode": 404}'}
        )
        ag.put_method_response(**common, statusCode="200")
        ag.put_method_response(
            **common, statusCode="404", responseParameters={"method.response.header.X-Why": False}
        )
        ag.put_integration_response(
            **common,
            statusCode="200",
            selectionPattern="",
            responseTemplates={"application/json": '{"ok": true}'},
        )
        ag.put_integration_response(
            **common,
            statusCode="404",
            selectionPattern="404",
            responseTemplates={"application/json": '{"ok": false}'},
            responseParameters={"method.response.header.X-Why": "'gone'"},
        )
        ag.create_deployment(restApiId=api["id"], stageName="prod")
        response = cloud.gateway.invoke(api["id"], "prod", "GET", "/")
        assert (response.status, response.json()) == (404, {"ok": False})
        assert response.header("X-Why") == "gone"

    def test_http_api_cors(self, cloud: Cloud) -> None:
        """An HTTP API's CorsConfiguration answers preflights and marks answers."""
        cors = {"AllowOrigins": ["https://app.example"], "AllowMethods": ["GET"], "MaxAge": 60}
        api = cloud.gateway.http_api("c", cors=cors)
        api.route("GET /x", lambda e, c: "x")
        asked = {"Origin": "https://app.example", "Access-Control-Request-Method": "GET"}
        preflight = api.request("OPTIONS", "/x", headers=asked)
        assert preflight.status == 204
        assert preflight.header("access-control-allow-origin") == "https://app.example"
        answer = api.request("GET", "/x", headers={"Origin": "https://app.example"})
        assert answer.header("access-control-allow-origin") == "https://app.example"
        assert api.request("GET", "/x").header("access-control-allow-origin") is None

    def test_access_log_through_stage_settings(self, cloud: Cloud) -> None:
        """A stage's AccessLogSettings.Format gives one line per request."""
        client = cloud.client("apigatewayv2")
        api = client.create_api(Name="logged", ProtocolType="HTTP")
        fn = cloud.lambda_.create_function("f", handler=lambda e, c: "ok")
        integration = client.create_integration(
            ApiId=api["ApiId"],
            IntegrationType="AWS_PROXY",
            IntegrationUri=fn.arn,
            PayloadFormatVersion="2.0",
        )
        client.create_route(
            ApiId=api["ApiId"],
            RouteKey="GET /x",
            Target=f"integrations/{integration['IntegrationId']}",
        )
        client.create_stage(
            ApiId=api["ApiId"],
            StageName="$default",
            AutoDeploy=True,
            AccessLogSettings={
                "DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:g",
                "Format": "$context.routeKey $context.status",
            },
        )
        cloud.gateway.invoke(api["ApiId"], "$default", "GET", "/x")
        cloud.gateway.invoke(api["ApiId"], "$default", "GET", "/y")
        lines = cloud.engine("execute-api").access_log(api["ApiId"], "$default")
        assert lines == ["GET /x 200", "- 404"]
