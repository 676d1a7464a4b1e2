"""Authorizers written with aws-lambda-powertools' own data classes (an independent
oracle): the event classes read what pyserverless sends, and the policies and simple
responses their builders write are understood as AWS understands them."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes.api_gateway_authorizer_event import (
    DENY_ALL_RESPONSE,
    APIGatewayAuthorizerEventV2,
    APIGatewayAuthorizerRequestEvent,
    APIGatewayAuthorizerResponse,
    APIGatewayAuthorizerResponseV2,
    APIGatewayAuthorizerTokenEvent,
    HttpVerb,
)

from pyserverless.gateway._deployed import AuthorizerSpec

from .conftest import API, Gateway, request_spec, token_spec

SEEN: list[Any] = []


def token_authorizer(event: Any, context: Any) -> Any:
    """Allows GET on /pets/* for the token "allow"; denies everything else."""
    parsed = APIGatewayAuthorizerTokenEvent(event)
    arn = parsed.parsed_arn
    SEEN.append((arn.api_id, arn.stage, arn.http_method, arn.resource))
    if parsed.authorization_token != "allow":
        return DENY_ALL_RESPONSE
    policy = APIGatewayAuthorizerResponse(
        principal_id="user-1",
        region=arn.region,
        aws_account_id=arn.aws_account_id,
        api_id=arn.api_id,
        stage=arn.stage,
        context={"name": "ann", "admin": False},
    )
    policy.allow_route(HttpVerb.GET.value, "/pets/*")
    return policy.asdict()


def request_authorizer(event: Any, context: Any) -> Any:
    parsed = APIGatewayAuthorizerRequestEvent(event)
    SEEN.append((parsed.headers.get("x-user"), parsed.query_string_parameters))
    policy = APIGatewayAuthorizerResponse.from_route_arn(parsed.method_arn, "user-2")
    if parsed.headers.get("x-user") == "admin":
        policy.allow_all_routes()
    else:
        policy.deny_all_routes()
    return policy.asdict()


def simple_authorizer(event: Any, context: Any) -> Any:
    parsed = APIGatewayAuthorizerEventV2(event)
    SEEN.append((parsed.route_arn, parsed.identity_source, parsed.route_key))
    allowed = parsed.headers.get("authorization") == "secret"
    return APIGatewayAuthorizerResponseV2(authorize=allowed, context={"k": "v"}).asdict()


class TestPowertoolsAuthorizers:
    def test_token(self, gw: Gateway) -> None:
        SEEN.clear()
        stage = gw.stage("REST", token_spec(gw.function(token_authorizer), ttl_seconds=0))
        assert gw.call(stage, headers={"Authorization": "allow"}).status == 200
        assert SEEN == [(API, "prod", "GET", "pets/1")]
        authorizer = gw.backend.events[0]["requestContext"]["authorizer"]
        assert authorizer["name"] == "ann" and authorizer["admin"] == "false"
        assert authorizer["principalId"] == "user-1"
        assert gw.call(stage, "POST", headers={"Authorization": "allow"}).status == 403
        denied = gw.call(stage, headers={"Authorization": "nope"})
        assert denied.json() == {
            "Message": "User is not authorized to access this resource with an explicit deny"
        }

    def test_request(self, gw: Gateway) -> None:
        SEEN.clear()
        spec = request_spec(gw.function(request_authorizer), "method.request.header.X-User")
        stage = gw.stage("REST", spec)
        assert gw.call(stage, headers={"X-User": "admin"}, query="a=1").status == 200
        assert SEEN == [("admin", {"a": "1"})]
        assert gw.call(stage, headers={"X-User": "bob"}).status == 403

    def test_http_simple(self, gw: Gateway) -> None:
        SEEN.clear()
        spec = AuthorizerSpec(
            "s1",
            "simple",
            "REQUEST",
            function_arn=gw.function(simple_authorizer),
            identity_sources=("$request.header.Authorization",),
            payload_format="2.0",
            simple_responses=True,
            ttl_seconds=0,
        )
        stage = gw.stage("HTTP", spec, payload_format="2.0")
        assert gw.call(stage, headers={"Authorization": "secret"}).status == 200
        route_arn = f"arn:aws:execute-api:us-east-1:123456789012:{API}/prod/GET/pets/1"
        assert [(route_arn, ["secret"], "GET /pets/{id}")] == SEEN
        assert gw.backend.events[0]["requestContext"]["authorizer"] == {"lambda": {"k": "v"}}
        assert gw.call(stage, headers={"Authorization": "other"}).status == 403
