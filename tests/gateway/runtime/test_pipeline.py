"""The pipeline around the integration: limits, timeouts, MOCK, gateway responses, CORS,
logs and counts, and the authorizer/API-key call points."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._deployed import (
    AuthorizerSpec,
    CorsSpec,
    GatewayResponseSpec,
    IntegrationSpec,
)
from pyserverless.gateway._runtime._types import GatewayRequest

from .conftest import START, proxy, route, stage

OK = {"statusCode": 200, "body": "ok"}


def _ok(event: Any, context: Any) -> Any:
    return OK


def _serve(cloud: Cloud, deployed: Any, method: str = "GET", path: str = "/r", **kw: Any) -> Any:
    return cloud.engine("execute-api").serve(deployed, GatewayRequest(method, path, **kw))


class TestIntegrationTimeout:
    def _slow(self, seconds: float) -> Any:
        def handler(event: Any, context: Any) -> Any:
            time.sleep(seconds)
            return OK

        return handler

    def test_slow_handler_is_cut_rest(self, cloud: Cloud) -> None:
        """A handler slower than timeoutInMillis (real time) → 504 Endpoint request timed out."""
        integration = proxy(cloud, self._slow(0.5), timeout_ms=50)
        response = _serve(cloud, stage("REST", route("GET", "/r", integration)))
        assert response.status == 504
        assert response.body == b'{"message": "Endpoint request timed out"}'

    def test_slow_handler_is_cut_http(self, cloud: Cloud) -> None:
        """HTTP APIs answer an integration timeout with 503 Service Unavailable."""
        integration = proxy(cloud, self._slow(0.5), timeout_ms=50, payload_format="2.0")
        response = _serve(cloud, stage("HTTP", route("GET", "/r", integration)))
        assert (response.status, response.json()) == (503, {"message": "Service Unavailable"})

    def test_http_timeout_answer_is_configurable(self) -> None:
        """http_timeout_status=504 gives HTTP APIs REST's answer."""
        limits = {"execute-api": {"http_timeout_status": 504}}
        with Cloud(clock=ManualClock(START), limits=limits) as cloud:
            integration = proxy(cloud, self._slow(0.5), timeout_ms=50, payload_format="2.0")
            response = _serve(cloud, stage("HTTP", route("GET", "/r", integration)))
            assert response.status == 504

    def test_fast_handler_within_timeout(self, cloud: Cloud) -> None:
        """A handler inside the integration timeout answers normally."""
        integration = proxy(cloud, self._slow(0.0), timeout_ms=2000)
        assert _serve(cloud, stage("REST", route("GET", "/r", integration))).status == 200

    def test_function_timeout_first_is_502(self, cloud: Cloud) -> None:
        """A function whose own timeout comes first fails: 502, as a function error."""
        integration = proxy(cloud, self._slow(1.5), timeout_ms=29_000, function_timeout=1)
        assert _serve(cloud, stage("REST", route("GET", "/r", integration))).status == 502


class TestPayloadLimit:
    def _cloud(self, limit: int) -> Cloud:
        return Cloud(clock=ManualClock(START), limits={"execute-api": {"max_payload_bytes": limit}})

    def test_request_at_and_over_the_limit(self) -> None:
        """A body of exactly the limit is served; one byte more is 413."""
        with self._cloud(100) as cloud:
            deployed = stage("REST", route("POST", "/r", proxy(cloud, _ok)))
            assert _serve(cloud, deployed, "POST", body=b"x" * 100).status == 200
            response = _serve(cloud, deployed, "POST", body=b"x" * 101)
            assert response.status == 413
            assert response.json() == {"message": "Request Too Long"}

    def test_response_at_and_over_the_limit(self) -> None:
        """An integration answer longer than the limit is an integration failure."""
        with self._cloud(2000) as cloud:

            def sized(event: Any, context: Any) -> Any:
                return {"statusCode": 200, "body": "y" * int(event["queryStringParameters"]["n"])}

            deployed = stage("REST", route("GET", "/r", proxy(cloud, sized)))
            overhead = len(json.dumps({"statusCode": 200, "body": ""}))
            fits = 2000 - overhead
            assert _serve(cloud, deployed, query=f"n={fits}").status == 200
            assert _serve(cloud, deployed, query=f"n={fits + 1}").status == 502

    def test_default_is_ten_megabytes(self, cloud: Cloud) -> None:
        """The default limit is 10 MB."""
        assert cloud.engine("execute-api").limits.max_payload_bytes == 10 * 1024 * 1024


def _mock(status: str = "200", **responses: Any) -> IntegrationSpec:
    return IntegrationSpec(
        type="MOCK",
        request_templates={"application/json": json.dumps({"statusCode": int(status)})},
        responses=responses
        or {
            "": {"statusCode": "200", "responseTemplates": {"application/json": '{"ok": true}'}},
            "4\\d{2}": {
                "statusCode": "404",
                "responseTemplates": {"application/json": '{"ok": false}'},
                "responseParameters": {"method.response.header.X-Why": "'missing'"},
            },
        },
    )


class TestMock:
    def test_default_response(self, cloud: Cloud) -> None:
        """statusCode 200 selects the default integration response."""
        response = _serve(cloud, stage("REST", route("GET", "/r", _mock("200"))))
        assert (response.status, response.json()) == (200, {"ok": True})

    def test_selection_pattern(self, cloud: Cloud) -> None:
        """statusCode 404 selects the response whose pattern matches it, with its headers."""
        response = _serve(cloud, stage("REST", route("GET", "/r", _mock("404"))))
        assert (response.status, response.json()) == (404, {"ok": False})
        assert response.header("X-Why") == "missing"

    def test_no_response_matches(self, cloud: Cloud) -> None:
        """No integration response to select → 500 Internal server error."""
        integration = _mock("500", only={"statusCode": "200"})
        integration = IntegrationSpec(
            type="MOCK",
            request_templates=integration.request_templates,
            responses={"2\\d{2}": {"statusCode": "200"}},
        )
        response = _serve(cloud, stage("REST", route("GET", "/r", integration)))
        assert response.status == 500


class TestGatewayResponses:
    def test_custom_response_for_the_type(self, cloud: Cloud) -> None:
        """A gateway response for the type sets status, headers and body template."""
        custom = GatewayResponseSpec(
            "MISSING_AUTHENTICATION_TOKEN",
            status_code="404",
            response_parameters={"gatewayresponse.header.X-Kind": "'custom'"},
            response_templates={"application/json": '{"error": $context.error.messageString}'},
        )
        deployed = stage(
            "REST",
            route("GET", "/r", _mock()),
            gateway_responses={"MISSING_AUTHENTICATION_TOKEN": custom},
        )
        response = _serve(cloud, deployed, path="/nope")
        assert response.status == 404
        assert response.header("X-Kind") == "custom"
        assert response.json() == {"error": "Missing Authentication Token"}

    def test_default_4xx_applies_to_a_type_without_its_own(self, cloud: Cloud) -> None:
        """DEFAULT_4XX customises any 4XX type that has no response of its own."""
        custom = GatewayResponseSpec(
            "DEFAULT_4XX", response_parameters={"gatewayresponse.header.X-A": "'1'"}
        )
        deployed = stage(
            "REST", route("GET", "/r", _mock()), gateway_responses={"DEFAULT_4XX": custom}
        )
        response = _serve(cloud, deployed, path="/nope")
        assert (response.status, response.header("X-A")) == (403, "1")
        assert response.body == b'{"message":"Missing Authentication Token"}'

    def test_header_values_from_the_request(self, cloud: Cloud) -> None:
        """Gateway response headers map request headers, query strings, path parameters
        and stage variables; a source with no value leaves the header out."""
        custom = GatewayResponseSpec(
            "DEFAULT_4XX",
            response_parameters={
                "gatewayresponse.header.X-Origin": "method.request.header.Origin",
                "gatewayresponse.header.X-Q": "method.request.querystring.q",
                "gatewayresponse.header.X-Id": "method.request.path.id",
                "gatewayresponse.header.X-Env": "stageVariables.env",
                "gatewayresponse.header.X-None": "method.request.header.Absent",
            },
        )
        deployed = stage(
            "REST",
            route("GET", "/items/{id}", _mock(), api_key_required=True),
            gateway_responses={"DEFAULT_4XX": custom},
            stage_variables={"env": "test"},
        )
        response = _serve(
            cloud, deployed, path="/items/7", query="q=1&q=2", headers=(("Origin", "o.example"),)
        )
        assert response.status == 403
        assert response.header("X-Origin") == "o.example"
        assert response.header("X-Q") == "2"
        assert response.header("X-Id") == "7"
        assert response.header("X-Env") == "test"
        assert response.header("X-None") is None

    def test_default_4xx_leaves_5xx(self, cloud: Cloud) -> None:
        """DEFAULT_4XX does not touch a 5XX answer."""
        custom = GatewayResponseSpec("DEFAULT_4XX", status_code="400")
        integration = proxy(cloud, lambda e, c: "not a response")
        deployed = stage(
            "REST", route("GET", "/r", integration), gateway_responses={"DEFAULT_4XX": custom}
        )
        assert _serve(cloud, deployed).status == 502


class TestCallPoints:
    def test_authorizer_route_refused_until_authorizers_run(self, cloud: Cloud) -> None:
        """A route with an authorizer never reaches the integration unauthorized."""
        calls: list[Any] = []
        integration = proxy(cloud, lambda e, c: calls.append(e) or OK)  # type: ignore[func-returns-value]
        authorizer = AuthorizerSpec("au1", "auth", "TOKEN", function_arn="arn:x")
        deployed = stage(
            "REST",
            route("GET", "/r", integration, authorization="CUSTOM", authorizer=authorizer),
        )
        response = _serve(cloud, deployed, headers=(("Authorization", "allow"),))
        assert response.status in (401, 403, 500)
        assert calls == [] or response.status == 200

    def test_api_key_required_without_a_key(self, cloud: Cloud) -> None:
        """A method that requires an API key answers 403 Forbidden without one."""
        integration = proxy(cloud, _ok)
        deployed = stage("REST", route("GET", "/r", integration, api_key_required=True))
        response = _serve(cloud, deployed)
        assert (response.status, response.json()) == (403, {"message": "Forbidden"})

    def test_throttle_next(self, cloud: Cloud) -> None:
        """throttle_next(api, n): the next n requests answer 429, then service resumes."""
        deployed = stage("REST", route("GET", "/r", _mock()))
        engine = cloud.engine("execute-api")
        engine.throttle_next(deployed.api_id, 2)
        statuses = [_serve(cloud, deployed).status for _ in range(3)]
        assert statuses == [429, 429, 200]


class TestCors:
    CORS = CorsSpec(
        allow_origins=("https://app.example",),
        allow_methods=("GET", "POST"),
        allow_headers=("content-type",),
        expose_headers=("x-total",),
        max_age=600,
    )

    def _stage(self) -> Any:
        return stage("HTTP", route("GET", "/r", _mock()), cors=self.CORS)

    def test_preflight_answered_without_a_route(self, cloud: Cloud) -> None:
        """A preflight is answered 204 with the configured headers, with no OPTIONS route."""
        headers = (("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST"))
        response = _serve(cloud, self._stage(), "OPTIONS", headers=headers)
        assert response.status == 204
        assert response.header("access-control-allow-origin") == "https://app.example"
        assert response.header("access-control-allow-methods") == "GET,POST"
        assert response.header("access-control-max-age") == "600"

    def test_preflight_from_another_origin(self, cloud: Cloud) -> None:
        """An origin not allowed gets no CORS headers."""
        headers = (("Origin", "https://evil.example"), ("Access-Control-Request-Method", "GET"))
        response = _serve(cloud, self._stage(), "OPTIONS", headers=headers)
        assert response.header("access-control-allow-origin") is None

    def test_actual_request_gets_headers(self, cloud: Cloud) -> None:
        """A request from an allowed origin gets allow-origin and expose-headers."""
        response = _serve(cloud, self._stage(), headers=(("Origin", "https://app.example"),))
        assert response.status == 200
        assert response.header("access-control-allow-origin") == "https://app.example"
        assert response.header("access-control-expose-headers") == "x-total"


class TestLogsAndMetrics:
    def test_access_log_line(self, cloud: Cloud) -> None:
        """Each request leaves a line in the stage's $context format."""
        fmt = (
            '$context.identity.sourceIp [$context.requestTime] "$context.httpMethod '
            '$context.path" $context.status $context.error.message'
        )
        deployed = stage("REST", route("GET", "/r", _mock()), access_log_format=fmt)
        _serve(cloud, deployed)
        _serve(cloud, deployed, path="/nope")
        lines = cloud.engine("execute-api").access_log(deployed.api_id, "prod")
        assert lines == [
            '127.0.0.1 [04/Mar/2020:19:15:17 +0000] "GET /prod/r" 200 -',
            (
                '127.0.0.1 [04/Mar/2020:19:15:17 +0000] "GET /prod/nope" 403 Missing '
                "Authentication Token"
            ),
        ]

    def test_no_format_no_lines(self, cloud: Cloud) -> None:
        """Without an access log format nothing is logged (the counts still run)."""
        deployed = stage("REST", route("GET", "/r", _mock()))
        _serve(cloud, deployed)
        engine = cloud.engine("execute-api")
        assert engine.access_log(deployed.api_id, "prod") == []
        assert engine.metrics(deployed.api_id, "prod")["Count"] == 1

    def test_counts(self, cloud: Cloud) -> None:
        """Count, 4XXError, 5XXError and latency samples per stage."""
        integration = proxy(cloud, lambda e, c: "bad")
        deployed = stage("REST", route("GET", "/r", _mock()), route("GET", "/bad", integration))
        for path in ("/r", "/r", "/nope", "/bad"):
            _serve(cloud, deployed, path=path)
        metrics = cloud.engine("execute-api").metrics(deployed.api_id, "prod")
        assert (metrics["Count"], metrics["4XXError"], metrics["5XXError"]) == (4, 1, 1)
        assert metrics["Latency"]["SampleCount"] == 4
        assert metrics["IntegrationLatency"]["SampleCount"] == 3


class TestUnknownStage:
    def test_unknown_api(self, cloud: Cloud) -> None:
        """An API nobody knows answers 403 Forbidden."""
        response = cloud.engine("execute-api").invoke("zzzzzzzzzz", "prod", "GET", "/")
        assert (response.status, response.json()) == (403, {"message": "Forbidden"})

    @pytest.mark.parametrize("kind", ["REST", "HTTP"])
    def test_stage_path_resolution(self, cloud: Cloud, kind: str) -> None:
        """resolve() splits a URL path into the stage and the path below it."""
        engine = cloud.engine("execute-api")
        assert engine.resolve("zzzzzzzzzz", "/prod/items/1") == ("prod", "/items/1")


class TestConcurrency:
    def test_threads_share_a_stage(self, cloud: Cloud) -> None:
        """Requests from many threads are all served and all counted."""
        import threading

        deployed = stage("HTTP", route("GET", "/r", proxy(cloud, _ok, payload_format="2.0")))
        statuses: list[int] = []
        lock = threading.Lock()

        def worker() -> None:
            for _ in range(50):
                status = _serve(cloud, deployed).status
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200] * 400
        metrics = cloud.engine("execute-api").metrics(deployed.api_id, "prod")
        assert metrics["Count"] == 400
        assert metrics["Latency"]["SampleCount"] == 400
