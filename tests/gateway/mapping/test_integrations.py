"""Non-proxy integrations: Lambda (custom) with selection patterns, HTTP and HTTP_PROXY to
registered backends or another API, and AWS services through the Cloud's engines."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway import BackendRequest

from .conftest import Api, lambda_uri, mock, refused


def _lookup(event: dict[str, Any], _ctx: Any) -> dict[str, Any]:
    if event["id"] == "0":
        raise LookupError(f"Not Found: item {event['id']}")
    if event["id"] == "x":
        raise ValueError("bad\nid")
    return {"id": event["id"], "name": "Rex"}


class TestLambdaCustom:
    def _api(self, api: Api) -> None:
        fn = api.cloud.lambda_.create_function("lookup", handler=_lookup)
        api.method(
            "GET",
            "/items/{id}",
            {
                "type": "AWS",
                "integrationHttpMethod": "POST",
                "uri": lambda_uri(api.cloud, fn.arn),
                "requestTemplates": {"application/json": '{"id": "$input.params(\'id\')"}'},
            },
            {
                "200": {
                    "responseTemplates": {
                        "application/json": '{"title": "$input.path(\'$.name\')"}'
                    }
                },
                "404": {
                    "selectionPattern": "Not Found:.*",
                    "responseTemplates": {
                        "application/json": '{"error": "$input.path(\'$.errorMessage\')"}'
                    },
                    "responseParameters": {
                        "method.response.header.X-Error-Type": (
                            "integration.response.body.errorType"
                        ),
                        "method.response.header.X-Static": "'fixed'",
                    },
                },
            },
        )
        api.deploy()

    def test_success_takes_the_default_response(self, api: Api) -> None:
        self._api(api)
        answer = api.call("GET", "/items/7")
        assert (answer.status, answer.json()) == (200, {"title": "Rex"})
        assert answer.header("content-type") == "application/json"

    def test_an_error_message_selects_by_pattern(self, api: Api) -> None:
        """The pattern matches the whole ``errorMessage``; headers map from the error."""
        self._api(api)
        answer = api.call("GET", "/items/0")
        assert (answer.status, answer.json()) == (404, {"error": "Not Found: item 0"})
        assert answer.header("X-Error-Type") == "LookupError"
        assert answer.header("X-Static") == "fixed"

    def test_an_unmatched_error_falls_to_the_default_200(self, api: Api) -> None:
        """AWS's well-known trap: an error no pattern matches answers the default (200)."""
        self._api(api)
        answer = api.call("GET", "/items/x")
        assert answer.status == 200
        assert answer.json() == {"title": ""}

    def test_patterns_match_the_whole_text(self) -> None:
        from pyserverless.gateway._runtime._custom import _select

        responses = {"": {"statusCode": "200"}, "Not Found": {"statusCode": "404"}}

        def status(subject: str | None) -> Any:
            chosen = _select(responses, subject)
            return None if chosen is None else chosen["statusCode"]

        assert status("Not Found") == "404"
        assert status("Not Found: 1") == "200"
        assert status(None) == "200"
        assert _select({"2\\d\\d": {"statusCode": "201"}}, None) is None


def _wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size)
    answer = {
        "method": environ["REQUEST_METHOD"],
        "path": environ["PATH_INFO"],
        "query": environ["QUERY_STRING"],
        "key": environ.get("HTTP_X_API_KEY"),
        "body": body.decode(),
    }
    status = "201 Created" if environ["REQUEST_METHOD"] == "POST" else "200 OK"
    start_response(status, [("Content-Type", "application/json"), ("X-Backend", "wsgi")])
    return [json.dumps(answer).encode()]


class TestHttp:
    def test_http_proxy_to_a_wsgi_app(self, api: Api) -> None:
        """HTTP_PROXY: method, greedy path, query, headers and body pass through."""
        api.cloud.gateway.backend("https://pets.internal", _wsgi)
        api.method(
            "ANY",
            "/{proxy+}",
            {
                "type": "HTTP_PROXY",
                "integrationHttpMethod": "ANY",
                "uri": "https://pets.internal/v1/{proxy}",
                "requestParameters": {
                    "integration.request.path.proxy": "method.request.path.proxy"
                },
            },
            requestParameters={"method.request.path.proxy": True},
        )
        api.deploy()
        answer = api.call(
            "POST",
            "/dogs/7",
            {"a": 1},
            query="x=1",
            headers={"Content-Type": "application/json", "X-Api-Key": "k"},
        )
        assert answer.status == 201 and answer.header("X-Backend") == "wsgi"
        assert answer.json() == {
            "method": "POST",
            "path": "/v1/dogs/7",
            "query": "x=1",
            "key": "k",
            "body": '{"a": 1}',
        }

    def test_http_with_mapping_and_templates(self, api: Api) -> None:
        """HTTP (custom): parameters mapped, body rendered, answer selected by status."""
        seen: list[BackendRequest] = []

        def backend(request: BackendRequest) -> Any:
            seen.append(request)
            if request.path.endswith("/0"):
                return 404, {"Content-Type": "application/json"}, {"message": "nope"}
            return {"pet": request.path.rsplit("/", 1)[1], "sort": request.query}

        api.cloud.gateway.backend("https://pets.internal", backend)
        api.method(
            "GET",
            "/pets/{id}",
            {
                "type": "HTTP",
                "integrationHttpMethod": "GET",
                "uri": "https://pets.internal/pets/{petId}",
                "requestParameters": {
                    "integration.request.path.petId": "method.request.path.id",
                    "integration.request.querystring.sort": "'name'",
                    "integration.request.header.X-Stage": "stageVariables.color",
                },
            },
            {
                "200": {
                    "responseTemplates": {"application/json": '{"got": "$input.path(\'$.pet\')"}'}
                },
                "404": {
                    "selectionPattern": "404",
                    "responseTemplates": {"application/json": '{"missing": true}'},
                },
            },
            requestParameters={"method.request.path.id": True},
        )
        api.deploy(variables={"color": "blue"})
        answer = api.call("GET", "/pets/5")
        assert (answer.status, answer.json()) == (200, {"got": "5"})
        assert seen[-1].method == "GET" and seen[-1].query == "sort=name"
        assert seen[-1].header("X-Stage") == "blue"
        answer = api.call("GET", "/pets/0")
        assert (answer.status, answer.json()) == (404, {"missing": True})

    def test_a_url_with_no_backend_is_refused(self, api: Api) -> None:
        """PutIntegration names the registration call for an unknown URL."""
        where = api.where("GET", "/x")
        api.gw.put_method(**where, authorizationType="NONE")
        message = refused(
            api.gw.put_integration,
            "BadRequestException",
            **where,
            type="HTTP",
            integrationHttpMethod="GET",
            uri="https://elsewhere.example/x",
        )
        assert "cloud.gateway.backend('https://elsewhere.example', app)" in message
        api.cloud.gateway.backend("https://elsewhere.example", lambda request: "ok")
        api.gw.put_integration(
            **where, type="HTTP", integrationHttpMethod="GET", uri="https://elsewhere.example/x"
        )

    def test_a_stage_variable_url_unregistered_answers_500(self, api: Api) -> None:
        api.method(
            "GET",
            "/x",
            {
                "type": "HTTP_PROXY",
                "integrationHttpMethod": "GET",
                "uri": "https://${stageVariables.host}/x",
            },
        )
        api.deploy(variables={"host": "nowhere.example"})
        with pytest.warns(UserWarning, match="cloud.gateway.backend"):
            answer = api.call("GET", "/x")
        assert (answer.status, answer.json()) == (500, {"message": "Internal server error"})

    def test_another_api_of_the_cloud(self, cloud: Cloud) -> None:
        inner = Api(cloud, "inner")
        inner.method(
            "GET",
            "/hello",
            mock(),
            {"200": {"responseTemplates": {"application/json": '{"from": "inner"}'}}},
        )
        inner.deploy("live")
        outer = Api(cloud, "outer")
        url = f"https://{inner.id}.execute-api.us-east-1.amazonaws.com/live/hello"
        outer.method("GET", "/", {"type": "HTTP_PROXY", "integrationHttpMethod": "GET", "uri": url})
        outer.deploy()
        assert outer.call("GET", "/").json() == {"from": "inner"}


class TestAwsServices:
    def test_dynamodb_put_and_get_item(self, api: Api) -> None:
        """``dynamodb:action/PutItem`` and ``GetItem`` with the template as the request."""
        ddb = api.cloud.client("dynamodb")
        ddb.create_table(
            TableName="pets",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        put = (
            '{"TableName": "pets", "Item": {"id": {"S": "$input.params(\'id\')"},'
            ' "name": {"S": "$input.path(\'$.name\')"}}}'
        )
        get = '{"TableName": "pets", "Key": {"id": {"S": "$input.params(\'id\')"}}}'
        for verb, action, template, out in (
            ("PUT", "PutItem", put, '{"stored": true}'),
            ("GET", "GetItem", get, '{"name": "$input.path(\'$.Item.name.S\')"}'),
        ):
            api.method(
                verb,
                "/pets/{id}",
                {
                    "type": "AWS",
                    "integrationHttpMethod": "POST",
                    "uri": f"arn:aws:apigateway:us-east-1:dynamodb:action/{action}",
                    "requestTemplates": {"application/json": template},
                },
                {
                    "200": {"responseTemplates": {"application/json": out}},
                    "400": {
                        "selectionPattern": "4\\d\\d",
                        "responseTemplates": {
                            "application/json": '{"bad": "$input.path(\'$.message\')"}'
                        },
                    },
                },
            )
        api.deploy()
        assert api.call("PUT", "/pets/7", {"name": "Rex"}).json() == {"stored": True}
        assert ddb.get_item(TableName="pets", Key={"id": {"S": "7"}})["Item"]["name"] == {
            "S": "Rex"
        }
        assert api.call("GET", "/pets/7").json() == {"name": "Rex"}

    def test_dynamodb_error_selected_by_status(self, api: Api) -> None:
        api.method(
            "GET",
            "/t",
            {
                "type": "AWS",
                "integrationHttpMethod": "POST",
                "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/DescribeTable",
                "requestTemplates": {"application/json": '{"TableName": "nope"}'},
            },
            {
                "200": {},
                "400": {
                    "selectionPattern": "400",
                    "responseTemplates": {
                        "application/json": '{"type": "$input.path(\'$.__type\')"}'
                    },
                },
            },
        )
        api.deploy()
        answer = api.call("GET", "/t")
        assert answer.status == 400
        assert answer.json()["type"].endswith("ResourceNotFoundException")

    def test_s3_object_path(self, api: Api) -> None:
        s3 = api.cloud.client("s3")
        s3.create_bucket(Bucket="docs")
        s3.put_object(Bucket="docs", Key="a.txt", Body=b"hello")
        api.method(
            "GET",
            "/doc",
            {
                "type": "AWS",
                "integrationHttpMethod": "GET",
                "uri": "arn:aws:apigateway:us-east-1:s3:path/docs/a.txt",
            },
            {"200": {}},
        )
        api.deploy()
        answer = api.call("GET", "/doc")
        assert (answer.status, answer.body) == (200, b"hello")

    def test_an_unemulated_service_is_refused(self, api: Api) -> None:
        where = api.where("GET", "/x")
        api.gw.put_method(**where, authorizationType="NONE")
        for uri in (
            "arn:aws:apigateway:us-east-1:kinesis:action/PutRecord",
            "arn:aws:apigateway:us-east-1:dynamodb:path/x",
        ):
            message = refused(
                api.gw.put_integration,
                "BadRequestException",
                **where,
                type="AWS",
                integrationHttpMethod="POST",
                uri=uri,
            )
            assert "not emulated yet" in message


class TestContentHandling:
    def test_convert_to_text_then_back_to_binary(self, cloud: Cloud) -> None:
        """A binary upload reaches the template as base64 (CONVERT_TO_TEXT); a base64 answer
        reaches the caller as bytes (CONVERT_TO_BINARY on the integration response)."""
        seen: list[bytes] = []

        def store(request: BackendRequest) -> Any:
            seen.append(request.body)
            return 200, {"Content-Type": "text/plain"}, base64.b64encode(b"\x89PNG-back")

        cloud.gateway.backend("https://blobs.internal", store)
        api = Api(cloud)
        api.gw.update_rest_api(
            restApiId=api.id,
            patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}],
        )
        api.method(
            "POST",
            "/img",
            {
                "type": "HTTP",
                "integrationHttpMethod": "POST",
                "uri": "https://blobs.internal/img",
                "contentHandling": "CONVERT_TO_TEXT",
                "requestTemplates": {"image/png": '{"data": "$input.body"}'},
            },
            {"200": {"contentHandling": "CONVERT_TO_BINARY"}},
        )
        api.deploy()
        answer = api.call("POST", "/img", b"\x89PNG\x00", headers={"Content-Type": "image/png"})
        assert json.loads(seen[-1]) == {"data": base64.b64encode(b"\x89PNG\x00").decode()}
        assert (answer.status, answer.body) == (200, b"\x89PNG-back")

    def test_convert_to_binary_refuses_text_that_is_not_base64(self, cloud: Cloud) -> None:
        cloud.gateway.backend("https://blobs.internal", lambda request: "ok")
        api = Api(cloud)
        api.method(
            "POST",
            "/raw",
            {
                "type": "HTTP",
                "integrationHttpMethod": "POST",
                "uri": "https://blobs.internal/raw",
                "contentHandling": "CONVERT_TO_BINARY",
            },
            {"200": {}},
        )
        api.deploy()
        assert api.call("POST", "/raw", b"aGk=").status == 200
        assert api.call("POST", "/raw", b"not base64!").status == 500


def test_lambda_event_invocation(cloud: Cloud) -> None:
    """``X-Amz-Invocation-Type: 'Event'`` mapped onto the integration request: Lambda
    answers 202 at once and runs the function on the Cloud's queue."""
    ran: list[Any] = []
    fn = cloud.lambda_.create_function("later", handler=lambda event, ctx: ran.append(event))
    api = Api(cloud)
    api.method(
        "POST",
        "/jobs",
        {
            "type": "AWS",
            "integrationHttpMethod": "POST",
            "uri": lambda_uri(cloud, fn.arn),
            "requestParameters": {"integration.request.header.X-Amz-Invocation-Type": "'Event'"},
        },
        {"202": {"responseTemplates": {"application/json": '{"queued": true}'}}},
    )
    api.deploy()
    answer = api.call("POST", "/jobs", {"job": 1})
    assert (answer.status, answer.json()) == (202, {"queued": True})
    assert ran == []  # not yet: the invocation is queued
    cloud.run_until_idle()
    assert ran == [{"job": 1}]


def test_s3_path_from_mapped_parameters(cloud: Cloud) -> None:
    """``s3:path/{bucket}/{key}`` filled from ``integration.request.path`` mappings: PUT
    stores the body, GET reads it back."""
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="docs")
    api = Api(cloud)
    for verb in ("PUT", "GET"):
        api.method(
            verb,
            "/files/{name}",
            {
                "type": "AWS",
                "integrationHttpMethod": verb,
                "uri": "arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}",
                "requestParameters": {
                    "integration.request.path.bucket": "'docs'",
                    "integration.request.path.key": "method.request.path.name",
                },
            },
            {"200": {}},
            requestParameters={"method.request.path.name": True},
        )
    api.deploy()
    assert (
        api.call("PUT", "/files/a.txt", b"hello", headers={"Content-Type": "text/plain"}).status
        == 200
    )
    assert s3.get_object(Bucket="docs", Key="a.txt")["Body"].read() == b"hello"
    assert api.call("GET", "/files/a.txt").body == b"hello"


def test_aws_integration_sends_mapped_headers_and_query(cloud: Cloud) -> None:
    """Mapped headers reach the service (S3 keeps the Content-Type); a mapped query string
    too (a bucket listing by prefix)."""
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="docs")
    s3.put_object(Bucket="docs", Key="x/other.txt", Body=b"o")
    api = Api(cloud)
    api.method(
        "PUT",
        "/a/{name}",
        {
            "type": "AWS",
            "integrationHttpMethod": "PUT",
            "uri": "arn:aws:apigateway:us-east-1:s3:path/docs/a/{key}",
            "requestParameters": {
                "integration.request.path.key": "method.request.path.name",
                "integration.request.header.Content-Type": "method.request.header.Content-Type",
            },
        },
        {"200": {}},
        requestParameters={
            "method.request.path.name": True,
            "method.request.header.Content-Type": False,
        },
    )
    api.method(
        "GET",
        "/list",
        {
            "type": "AWS",
            "integrationHttpMethod": "GET",
            "uri": "arn:aws:apigateway:us-east-1:s3:path/docs",
            "requestParameters": {"integration.request.querystring.prefix": "'a/'"},
        },
        {"200": {}},
    )
    api.deploy()
    put = api.call("PUT", "/a/n.txt", b"hello", headers={"Content-Type": "text/markdown"})
    assert put.status == 200
    assert s3.head_object(Bucket="docs", Key="a/n.txt")["ContentType"] == "text/markdown"
    listing = api.call("GET", "/list").text
    assert "<Key>a/n.txt</Key>" in listing and "x/other.txt" not in listing
