"""Proxy responses parsed as API Gateway parses them, for both payload versions."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway._runtime._types import GatewayRequest, GatewayResponse

from .conftest import proxy, route, stage


def _answer(cloud: Cloud, kind: str, fmt: str, result: Any, name: str = "fn") -> GatewayResponse:
    integration = proxy(cloud, lambda event, context: result, payload_format=fmt, name=name)
    deployed = stage(kind, route("GET", "/r", integration))
    return cloud.engine("execute-api").serve(deployed, GatewayRequest("GET", "/r"))


MALFORMED = [
    "just a string",
    42,
    None,
    [1, 2],
    {"body": "no status"},
    {"statusCode": "abc"},
    {"statusCode": True},
    {"statusCode": 200, "body": {"not": "a string"}},
    {"statusCode": 200, "headers": ["x"]},
    {"statusCode": 200, "headers": {"x": {"nested": 1}}},
    {"statusCode": 200, "multiValueHeaders": {"x": "not a list"}},
    {"statusCode": 200, "body": "!!", "isBase64Encoded": True},
    {"statusCode": 200, "isBase64Encoded": "yes", "body": "x"},
]


class TestMalformed:
    @pytest.mark.parametrize("result", MALFORMED)
    def test_rest_answers_502(self, cloud: Cloud, result: Any) -> None:
        """REST: a malformed proxy response → 502 {"message": "Internal server error"}."""
        response = _answer(cloud, "REST", "1.0", result)
        assert response.status == 502
        assert response.body == b'{"message": "Internal server error"}'

    @pytest.mark.parametrize("result", MALFORMED[3:])
    def test_http_10_answers_500(self, cloud: Cloud, result: Any) -> None:
        """HTTP APIs (1.0): a malformed response → 500 {"message":"Internal Server Error"}."""
        response = _answer(cloud, "HTTP", "1.0", result)
        assert response.status == 500
        assert response.json() == {"message": "Internal Server Error"}

    def test_rest_refuses_unknown_fields(self, cloud: Cloud) -> None:
        """REST refuses fields outside the proxy response (cookies are 2.0's)."""
        response = _answer(cloud, "REST", "1.0", {"statusCode": 200, "cookies": ["a=1"]})
        assert response.status == 502

    @pytest.mark.parametrize("result", MALFORMED[5:])
    def test_http_20_with_status_code_answers_500(self, cloud: Cloud, result: Any) -> None:
        """2.0: a response naming statusCode but otherwise malformed → 500."""
        if "statusCode" not in result:
            pytest.skip("without statusCode 2.0 takes the value as the body")
        assert _answer(cloud, "HTTP", "2.0", result).status == 500

    def test_handler_error(self, cloud: Cloud) -> None:
        """A function error: REST 502, HTTP 500."""

        def boom(event: Any, context: Any) -> Any:
            raise RuntimeError("boom")

        integration = proxy(cloud, boom)
        engine = cloud.engine("execute-api")
        rest = engine.serve(
            stage("REST", route("GET", "/r", integration)), GatewayRequest("GET", "/r")
        )
        http = engine.serve(
            stage("HTTP", route("GET", "/r", integration)), GatewayRequest("GET", "/r")
        )
        assert (rest.status, http.status) == (502, 500)


class TestMissingFunction:
    def test_deleted_function(self, cloud: Cloud) -> None:
        """A function that no longer exists: 500 Internal server error (REST), 500 (HTTP)."""
        integration = proxy(cloud, lambda e, c: {"statusCode": 200})
        cloud.lambda_.function("fn").delete()
        engine = cloud.engine("execute-api")
        request = GatewayRequest("GET", "/r")
        rest = engine.serve(stage("REST", route("GET", "/r", integration)), request)
        assert (rest.status, rest.body) == (500, b'{"message": "Internal server error"}')
        http = engine.serve(stage("HTTP", route("GET", "/r", integration)), request)
        assert (http.status, http.json()) == (500, {"message": "Internal Server Error"})


class TestWellFormed:
    def test_status_headers_body(self, cloud: Cloud) -> None:
        """statusCode, headers and body reach the caller."""
        response = _answer(
            cloud, "REST", "1.0", {"statusCode": 201, "headers": {"X-A": "1"}, "body": "made"}
        )
        assert (response.status, response.header("x-a"), response.body) == (201, "1", b"made")

    def test_rest_default_content_type(self, cloud: Cloud) -> None:
        """REST: an answer without Content-Type gets application/json; one with keeps it."""
        plain = _answer(cloud, "REST", "1.0", {"statusCode": 200, "body": "x"})
        assert plain.header("content-type") == "application/json"
        typed = {"statusCode": 200, "headers": {"content-type": "text/html"}, "body": "x"}
        assert _answer(cloud, "REST", "1.0", typed, name="g").header("Content-Type") == "text/html"

    def test_status_code_as_digits(self, cloud: Cloud) -> None:
        """A statusCode given as a string of digits is taken."""
        assert _answer(cloud, "REST", "1.0", {"statusCode": "404"}).status == 404

    def test_multi_value_headers(self, cloud: Cloud) -> None:
        """multiValueHeaders give one header line per value, replacing the single one."""
        result = {
            "statusCode": 200,
            "headers": {"X-A": "single", "X-B": "b"},
            "multiValueHeaders": {"X-A": ["1", "2"]},
        }
        response = _answer(cloud, "REST", "1.0", result)
        assert [v for n, v in response.headers if n == "X-A"] == ["1", "2"]
        assert response.header("X-B") == "b"

    def test_base64_body_http(self, cloud: Cloud) -> None:
        """HTTP APIs decode an isBase64Encoded body to bytes."""
        raw = bytes(range(10))
        result = {
            "statusCode": 200,
            "body": base64.b64encode(raw).decode(),
            "isBase64Encoded": True,
        }
        assert _answer(cloud, "HTTP", "2.0", result).body == raw

    def test_base64_body_rest_follows_accept(self, cloud: Cloud) -> None:
        """REST decodes a base64 body only when the first Accept type is a binary media
        type of the API; otherwise the caller gets the base64 text."""
        raw = bytes(range(10))
        encoded = base64.b64encode(raw).decode()
        integration = proxy(
            cloud, lambda e, c: {"statusCode": 200, "body": encoded, "isBase64Encoded": True}
        )
        deployed = stage("REST", route("GET", "/r", integration), binary_media_types=("image/png",))
        engine = cloud.engine("execute-api")

        def get(accept: str | None) -> bytes:
            headers = (("Accept", accept),) if accept else ()
            return engine.serve(deployed, GatewayRequest("GET", "/r", headers=headers)).body

        assert get("image/png") == raw
        assert get("image/png;q=0.9, text/html") == raw
        assert get("text/html, image/png") == encoded.encode()  # only the first type counts
        assert get(None) == encoded.encode()

    def test_cookies_become_set_cookie(self, cloud: Cloud) -> None:
        """2.0: each cookie is a set-cookie header."""
        result = {"statusCode": 200, "cookies": ["a=1; Secure", "b=2"], "body": "x"}
        response = _answer(cloud, "HTTP", "2.0", result)
        assert [v for n, v in response.headers if n == "set-cookie"] == ["a=1; Secure", "b=2"]

    def test_20_without_status_code_is_json(self, cloud: Cloud) -> None:
        """2.0: a value without statusCode is a 200 application/json body."""
        response = _answer(cloud, "HTTP", "2.0", {"items": [1, 2]})
        assert response.status == 200
        assert response.header("content-type") == "application/json"
        assert response.json() == {"items": [1, 2]}

    def test_20_string_is_the_body(self, cloud: Cloud) -> None:
        """2.0: a returned string is the body as it is."""
        assert _answer(cloud, "HTTP", "2.0", "Hello from Lambda!").body == b"Hello from Lambda!"

    def test_request_id_header(self, cloud: Cloud) -> None:
        """REST answers carry x-amzn-RequestId, HTTP APIs apigw-requestid."""
        assert _answer(cloud, "REST", "1.0", {"statusCode": 200}).header("x-amzn-RequestId")
        http = _answer(cloud, "HTTP", "2.0", {"statusCode": 200}, name="other")
        assert http.header("apigw-requestid")
