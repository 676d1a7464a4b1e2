"""HTTP API Lambda authorizers: payload 1.0 and 2.0 events, simple and IAM policy
responses, identity sources and caching (aws-facts C5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    ApiGatewayAuthorizerRequestV2,
    APIGatewayProxyEventV2Model,
)

from pyserverless import ManualClock
from pyserverless.gateway._deployed import AuthorizerSpec

from .conftest import API, Gateway, Recorder, allow, policy

EVENTS = Path("/work/shared/reference/events")


def sample(name: str) -> Any:
    path = EVENTS / name
    if not path.exists():
        pytest.skip(f"sample {name} not present")
    return json.loads(path.read_text())


def spec(
    fn: str,
    *sources: str,
    payload_format: str = "2.0",
    simple: bool = True,
    ttl: int = 0,
) -> AuthorizerSpec:
    return AuthorizerSpec(
        "hau1",
        "lambda",
        "REQUEST",
        function_arn=fn,
        identity_sources=sources or ("$request.header.Authorization",),
        ttl_seconds=ttl,
        payload_format=payload_format,
        simple_responses=simple,
    )


def route_arn(path: str = "/pets/1", method: str = "GET", stage: str = "$default") -> str:
    return f"arn:aws:execute-api:us-east-1:123456789012:{API}/{stage}/{method}{path}"


AUTH = {"Authorization": "secret"}


class TestPayload20:
    def test_event_and_simple_response(self, gw: Gateway) -> None:
        auth = Recorder({"isAuthorized": True, "context": {"tenant": "t1", "n": 3, "o": {"a": 1}}})
        stage = gw.stage(
            "HTTP",
            spec(gw.function(auth)),
            name="$default",
            payload_format="2.0",
            stage_variables={"v": "1"},
        )
        response = gw.call(stage, headers={**AUTH, "Cookie": "a=1"}, query="x=1&x=2")
        assert response.status == 200
        event = auth.events[0]
        ApiGatewayAuthorizerRequestV2.model_validate(event)
        expected = set(sample("apiGatewayAuthorizerV2Event.json"))
        assert set(event) == expected
        assert list(event)[:4] == ["version", "type", "routeArn", "identitySource"]
        assert event["routeArn"] == route_arn()
        assert event["identitySource"] == ["secret"]
        assert event["routeKey"] == "GET /pets/{id}"
        assert event["queryStringParameters"] == {"x": "1,2"}
        assert event["cookies"] == ["a=1"]
        backend = gw.backend.events[0]
        APIGatewayProxyEventV2Model.model_validate(backend)
        assert backend["requestContext"]["authorizer"] == {
            "lambda": {"tenant": "t1", "n": 3, "o": {"a": 1}}
        }

    def test_not_authorized_is_403_forbidden(self, gw: Gateway) -> None:
        stage = gw.stage("HTTP", spec(gw.function(Recorder({"isAuthorized": False}))))
        response = gw.call(stage, headers=AUTH)
        assert (response.status, response.json()) == (403, {"message": "Forbidden"})
        assert gw.backend.events == []

    @pytest.mark.parametrize(
        "answer",
        [{"isAuthorized": "true"}, {}, {"isAuthorized": True, "context": [1]}, "yes", None],
    )
    def test_malformed_simple_response_is_500(self, gw: Gateway, answer: Any) -> None:
        stage = gw.stage("HTTP", spec(gw.function(Recorder(answer))))
        response = gw.call(stage, headers=AUTH)
        assert (response.status, response.json()) == (500, {"message": "Internal Server Error"})

    def test_iam_policy_response(self, gw: Gateway) -> None:
        auth = Recorder(lambda e: allow(e["routeArn"], context={"k": "v"}))
        stage = gw.stage("HTTP", spec(gw.function(auth), simple=False), payload_format="2.0")
        assert gw.call(stage, headers=AUTH).status == 200
        assert gw.backend.events[0]["requestContext"]["authorizer"] == {"lambda": {"k": "v"}}

    def test_iam_policy_deny_is_403(self, gw: Gateway) -> None:
        stage = gw.stage("HTTP", spec(gw.function(Recorder(policy("Deny", "*"))), simple=False))
        response = gw.call(stage, headers=AUTH)
        assert (response.status, response.json()) == (403, {"message": "Forbidden"})

    def test_iam_policy_not_covering_the_route_is_403(self, gw: Gateway) -> None:
        answer = allow(route_arn("/other"))
        stage = gw.stage("HTTP", spec(gw.function(Recorder(answer)), simple=False))
        assert gw.call(stage, headers=AUTH).status == 403

    def test_raising_unauthorized_is_401(self, gw: Gateway) -> None:
        def handler(event: Any, context: Any) -> Any:
            raise Exception("Unauthorized")

        response = gw.call(gw.stage("HTTP", spec(gw.function(handler))), headers=AUTH)
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})


class TestPayload10:
    def test_event_and_policy_response(self, gw: Gateway) -> None:
        auth = Recorder(allow())
        fn = gw.function(auth)
        sources = ("$request.header.Authorization", "$request.querystring.user")
        stage = gw.stage("HTTP", spec(fn, *sources, payload_format="1.0", simple=False))
        assert gw.call(stage, headers=AUTH, query="user=ann").status == 200
        event = auth.events[0]
        sample_keys = set(sample("apiGatewayAuthorizerRequestEvent.json"))
        assert set(event) == sample_keys
        assert list(event)[:5] == [
            "version",
            "type",
            "methodArn",
            "identitySource",
            "authorizationToken",
        ]
        assert event["version"] == "1.0" and event["type"] == "REQUEST"
        assert event["methodArn"] == route_arn(stage="prod")
        assert event["identitySource"] == event["authorizationToken"] == "secret,ann"

    def test_simple_responses_need_2_0(self, gw: Gateway) -> None:
        """With payload 1.0 the answer must be a policy: isAuthorized alone is malformed."""
        fn = gw.function(Recorder({"isAuthorized": True}))
        stage = gw.stage("HTTP", spec(fn, payload_format="1.0", simple=True))
        assert gw.call(stage, headers=AUTH).status == 500


class TestSourcesAndCache:
    @pytest.mark.parametrize(
        ("headers", "query"),
        [({}, "t=1"), ({"Authorization": "x"}, ""), ({"Authorization": ""}, "t=1")],
    )
    def test_missing_source_is_401(self, gw: Gateway, headers: dict[str, str], query: str) -> None:
        auth = Recorder({"isAuthorized": True})
        sources = ("$request.header.Authorization", "$request.querystring.t")
        stage = gw.stage("HTTP", spec(gw.function(auth), *sources))
        response = gw.call(stage, headers=headers, query=query)
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert auth.events == []

    def test_context_and_stage_variable_sources(self, gw: Gateway) -> None:
        auth = Recorder({"isAuthorized": True})
        sources = ("$context.httpMethod", "$stageVariables.zone")
        stage = gw.stage("HTTP", spec(gw.function(auth), *sources), stage_variables={"zone": "z"})
        assert gw.call(stage).status == 200
        assert auth.events[0]["identitySource"] == ["GET", "z"]

    def test_cache_within_ttl(self, gw: Gateway, clock: ManualClock) -> None:
        auth = Recorder({"isAuthorized": True})
        stage = gw.stage("HTTP", spec(gw.function(auth), ttl=60))
        gw.call(stage, headers=AUTH)
        gw.call(stage, "POST", headers=AUTH)  # a simple answer holds for every route
        clock.advance(59.999)
        gw.call(stage, headers=AUTH)
        assert len(auth.events) == 1
        clock.advance(0.001)
        gw.call(stage, headers=AUTH)
        assert len(auth.events) == 2

    def test_cached_policy_applies_to_every_route(self, gw: Gateway) -> None:
        auth = Recorder(lambda e: allow(e["routeArn"]))
        stage = gw.stage("HTTP", spec(gw.function(auth), simple=False, ttl=300))
        assert gw.call(stage, headers=AUTH).status == 200
        assert gw.call(stage, "POST", headers=AUTH).status == 403
        assert len(auth.events) == 1


class TestTimeout:
    """A slow authorizer (real execution time) past the limit: 500, the route not run."""

    @pytest.mark.parametrize("kind", ["REST", "HTTP"])
    def test_slow_authorizer(self, kind: str) -> None:
        import time

        from pyserverless import Cloud, ManualClock

        from .conftest import START, token_spec

        limits = {
            "execute-api": {"http_authorizer_timeout_ms": 50, "rest_authorizer_timeout_ms": 50}
        }
        with Cloud(clock=ManualClock(START), seed=1, limits=limits) as cloud:
            gw = Gateway(cloud)

            def slow(event: Any, context: Any) -> Any:
                time.sleep(0.3)  # real execution time, as a slow function takes
                return {"isAuthorized": True} if kind == "HTTP" else allow()

            fn = gw.function(slow)
            spec_ = spec(fn) if kind == "HTTP" else token_spec(fn)
            response = gw.call(gw.stage(kind, spec_, payload_format="2.0"), headers=AUTH)
            assert response.status == 500
            expected = {"message": "Internal Server Error"} if kind == "HTTP" else {"message": None}
            assert response.json() == expected
            assert gw.backend.events == []
