"""Fault injection (``throttle_next``) on the engine and the resource layer, refusal
counts in the stage metrics, and HTTP API throttles set through apigatewayv2."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import route, serve, stage, statuses


def _hello(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": "hi"}


class TestThrottleNext:
    def test_next_n_then_normal(self, cloud: Cloud) -> None:
        """The next n requests are 429 Too Many Requests, then requests pass again."""
        deployed = stage("REST", route("GET", "/r"))
        cloud.engine("execute-api").throttle_next(deployed.api_id, 2)
        responses = [serve(cloud, deployed) for _ in range(3)]
        assert [r.status for r in responses] == [429, 429, 200]
        assert responses[0].json() == {"message": "Too Many Requests"}

    def test_adds_up(self, cloud: Cloud) -> None:
        """Two calls add their counts."""
        deployed = stage("REST", route("GET", "/r"))
        engine = cloud.engine("execute-api")
        engine.throttle_next(deployed.api_id, 1)
        engine.throttle_next(deployed.api_id, 1)
        assert statuses(cloud, deployed, 3) == [429, 429, 200]

    def test_other_apis_unaffected(self, cloud: Cloud) -> None:
        """Only the named API is throttled."""
        mine = stage("REST", route("GET", "/r"), api_id="aaaaaaaaaa")
        other = stage("REST", route("GET", "/r"), api_id="bbbbbbbbbb")
        cloud.engine("execute-api").throttle_next(mine.api_id, 1)
        assert serve(cloud, other).status == 200
        assert serve(cloud, mine).status == 429

    def test_zero_is_nothing(self, cloud: Cloud) -> None:
        """throttle_next(0) throttles nothing."""
        deployed = stage("REST", route("GET", "/r"))
        cloud.engine("execute-api").throttle_next(deployed.api_id, 0)
        assert serve(cloud, deployed).status == 200

    @pytest.mark.parametrize("n", [-1, 1.5, "2", True, None])
    def test_bad_n(self, cloud: Cloud, n: Any) -> None:
        """n must be a non-negative int."""
        with pytest.raises(ValueError, match="non-negative int"):
            cloud.engine("execute-api").throttle_next("aaaaaaaaaa", n)

    def test_forced_takes_no_token(self, cloud: Cloud) -> None:
        """A forced 429 leaves the buckets as they were."""
        from pyserverless.gateway._deployed import ThrottleSpec

        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 1))
        cloud.engine("execute-api").throttle_next(deployed.api_id, 1)
        assert statuses(cloud, deployed, 3) == [429, 200, 429]

    def test_http_api_resource_layer(self, cloud: Cloud) -> None:
        """``api.throttle_next(n)`` on an HTTP API of ``cloud.gateway``."""
        api = cloud.gateway.http_api("shop")
        api.route("GET /hi", _hello)
        api.throttle_next(1)
        assert [api.request("GET", "/hi").status for _ in range(2)] == [429, 200]
        assert api.metrics()["ThrottledCount"] == 1

    def test_rest_api_resource_layer(self, cloud: Cloud) -> None:
        """``api.throttle_next(n)`` on a REST API of ``cloud.gateway``."""
        api = cloud.gateway.rest_api("legacy")
        api.route("GET /hi", _hello)
        api.deploy("prod")
        api.throttle_next(2)
        assert [api.request("GET", "/hi").status for _ in range(3)] == [429, 429, 200]


class TestMetrics:
    def test_counts(self, cloud: Cloud) -> None:
        """Each refusal kind is counted per stage, next to Count and 4XXError."""
        from pyserverless.gateway._deployed import ThrottleSpec

        deployed = stage("REST", route("GET", "/r"), throttle=ThrottleSpec(1.0, 1))
        statuses(cloud, deployed, 3)
        metrics = cloud.engine("execute-api").metrics(deployed.api_id, "prod")
        assert metrics["Count"] == 3 and metrics["4XXError"] == 2
        assert (metrics["ThrottledCount"], metrics["QuotaExceededCount"]) == (2, 0)
        assert metrics["InvalidApiKeyCount"] == 0

    def test_untouched_stage(self, cloud: Cloud) -> None:
        """A stage that served nothing counts zero."""
        metrics = cloud.engine("execute-api").metrics("zzzzzzzzzz", "prod")
        assert metrics["ThrottledCount"] == metrics["Count"] == 0


class TestHttpControlPlane:
    def test_default_and_route_settings(self, cloud: Cloud) -> None:
        """DefaultRouteSettings and RouteSettings set through apigatewayv2 throttle routes."""
        api = cloud.gateway.http_api("shop")
        api.route("GET /a", _hello)
        api.route("GET /b", _hello)
        v2 = cloud.client("apigatewayv2")
        v2.update_stage(
            ApiId=api.id,
            StageName="$default",
            DefaultRouteSettings={"ThrottlingBurstLimit": 1, "ThrottlingRateLimit": 1.0},
            RouteSettings={"GET /b": {"ThrottlingBurstLimit": 3, "ThrottlingRateLimit": 1.0}},
        )
        assert [api.request("GET", "/a").status for _ in range(2)] == [200, 429]
        assert [api.request("GET", "/b").status for _ in range(4)] == [200, 200, 200, 429]
        cloud.advance(1)
        assert [api.request("GET", "/a").status for _ in range(2)] == [200, 429]


class TestAccessLog:
    def test_refusals_logged_with_their_type(self, cloud: Cloud) -> None:
        """The access log shows each refusal's status, message and response type."""
        from pyserverless.gateway._deployed import ThrottleSpec

        deployed = stage(
            "REST",
            route("GET", "/r"),
            throttle=ThrottleSpec(1.0, 1),
            access_log_format="$context.status $context.error.responseType",
        )
        statuses(cloud, deployed, 2)
        lines = cloud.engine("execute-api").access_log(deployed.api_id, "prod")
        assert lines == ["200 -", "429 THROTTLED"]
