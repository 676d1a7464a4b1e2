"""Every operation through boto3 on the bridge (``mock_aws``), and the AWS CLI against
``pyserverless serve``: botocore's serializers and parsers as independent oracles of
the wire shapes (lower-camel members, 201/204 answers, errors)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

from .conftest import FN, FN_PATH, ISSUER

LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:access"


@pytest.fixture
def boto() -> Iterator[tuple[Any, Cloud]]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=5) as cloud, mock_aws(cloud):
        yield boto3.client("apigatewayv2", region_name="us-east-1"), cloud


def test_every_operation_through_boto3(boto: tuple[Any, Cloud]) -> None:
    c, cloud = boto
    cors = {"AllowOrigins": ["https://a.example"], "AllowMethods": ["GET"], "MaxAge": 60}
    api = c.create_api(Name="shop", ProtocolType="HTTP", CorsConfiguration=cors, Tags={"t": "1"})
    api_id = api["ApiId"]
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api["CorsConfiguration"] == cors
    assert c.get_api(ApiId=api_id)["RouteSelectionExpression"] == "$request.method $request.path"
    assert [a["ApiId"] for a in c.get_apis()["Items"]] == [api_id]
    assert c.update_api(ApiId=api_id, Description="d")["Description"] == "d"

    integ = c.create_integration(
        ApiId=api_id,
        IntegrationType="AWS_PROXY",
        IntegrationUri=FN,
        PayloadFormatVersion="1.0",
        TimeoutInMillis=1000,
    )
    integ_id = integ["IntegrationId"]
    assert c.get_integration(ApiId=api_id, IntegrationId=integ_id)["TimeoutInMillis"] == 1000
    assert len(c.get_integrations(ApiId=api_id)["Items"]) == 1
    assert (
        c.update_integration(ApiId=api_id, IntegrationId=integ_id, PayloadFormatVersion="2.0")[
            "PayloadFormatVersion"
        ]
        == "2.0"
    )

    jwt = c.create_authorizer(
        ApiId=api_id,
        Name="j",
        AuthorizerType="JWT",
        IdentitySource=["$request.header.Authorization"],
        JwtConfiguration={"Issuer": ISSUER, "Audience": ["app"]},
    )
    lam = c.create_authorizer(
        ApiId=api_id,
        Name="l",
        AuthorizerType="REQUEST",
        IdentitySource=["$request.header.Authorization"],
        AuthorizerUri=FN_PATH,
        AuthorizerPayloadFormatVersion="2.0",
        EnableSimpleResponses=True,
        AuthorizerResultTtlInSeconds=30,
    )
    assert c.get_authorizer(ApiId=api_id, AuthorizerId=jwt["AuthorizerId"])["JwtConfiguration"] == {
        "Issuer": ISSUER,
        "Audience": ["app"],
    }
    assert len(c.get_authorizers(ApiId=api_id)["Items"]) == 2
    assert (
        c.update_authorizer(
            ApiId=api_id, AuthorizerId=lam["AuthorizerId"], AuthorizerResultTtlInSeconds=60
        )["AuthorizerResultTtlInSeconds"]
        == 60
    )

    route = c.create_route(
        ApiId=api_id,
        RouteKey="GET /items/{id}",
        Target=f"integrations/{integ_id}",
        AuthorizationType="JWT",
        AuthorizerId=jwt["AuthorizerId"],
        AuthorizationScopes=["read"],
    )
    route_id = route["RouteId"]
    assert c.get_route(ApiId=api_id, RouteId=route_id)["AuthorizationScopes"] == ["read"]
    assert len(c.get_routes(ApiId=api_id)["Items"]) == 1
    assert c.update_route(ApiId=api_id, RouteId=route_id, RouteKey="GET /things/{id}")[
        "RouteKey"
    ] == ("GET /things/{id}")

    stage = c.create_stage(
        ApiId=api_id,
        StageName="prod",
        StageVariables={"v": "1"},
        DefaultRouteSettings={"ThrottlingRateLimit": 5.0, "ThrottlingBurstLimit": 2},
        RouteSettings={"GET /things/{id}": {"ThrottlingBurstLimit": 1, "ThrottlingRateLimit": 1.0}},
        AccessLogSettings={"DestinationArn": LOG_GROUP, "Format": "$context.requestId"},
    )
    assert stage["DefaultRouteSettings"]["ThrottlingBurstLimit"] == 2
    assert stage["RouteSettings"]["GET /things/{id}"]["ThrottlingRateLimit"] == 1.0
    deployment = c.create_deployment(ApiId=api_id, StageName="prod", Description="v1")
    assert (
        c.get_deployment(ApiId=api_id, DeploymentId=deployment["DeploymentId"])["Description"]
        == "v1"
    )
    assert len(c.get_deployments(ApiId=api_id)["Items"]) == 1
    assert c.get_stage(ApiId=api_id, StageName="prod")["DeploymentId"] == deployment["DeploymentId"]
    assert [s["StageName"] for s in c.get_stages(ApiId=api_id)["Items"]] == ["prod"]
    assert c.update_stage(ApiId=api_id, StageName="prod", Description="p")["Description"] == "p"
    found = cloud.engine("apigatewayv2").deployed(api_id, "prod")
    assert [r.path for r in found.routes] == ["/things/{id}"]

    arn = f"arn:aws:apigateway:us-east-1::/apis/{api_id}"
    c.tag_resource(ResourceArn=arn, Tags={"u": "2"})
    c.untag_resource(ResourceArn=arn, TagKeys=["t"])
    assert c.get_tags(ResourceArn=arn)["Tags"] == {"u": "2"}

    c.delete_cors_configuration(ApiId=api_id)
    assert "CorsConfiguration" not in c.get_api(ApiId=api_id)
    c.delete_stage(ApiId=api_id, StageName="prod")
    assert (
        c.delete_deployment(ApiId=api_id, DeploymentId=deployment["DeploymentId"])[
            "ResponseMetadata"
        ]["HTTPStatusCode"]
        == 204
    )
    c.delete_route(ApiId=api_id, RouteId=route_id)
    c.delete_authorizer(ApiId=api_id, AuthorizerId=jwt["AuthorizerId"])
    c.delete_authorizer(ApiId=api_id, AuthorizerId=lam["AuthorizerId"])
    c.delete_integration(ApiId=api_id, IntegrationId=integ_id)
    c.delete_api(ApiId=api_id)
    assert c.get_apis()["Items"] == []


def test_errors_through_boto3(boto: tuple[Any, Cloud]) -> None:
    c, cloud = boto
    with pytest.raises(c.exceptions.NotFoundException) as caught:
        c.get_api(ApiId="abcdefghij")
    assert caught.value.response["Error"]["Message"] == (
        f"Invalid API identifier specified {cloud.account_id}:abcdefghij"
    )
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(c.exceptions.BadRequestException):
        c.create_api(Name="ws", ProtocolType="WEBSOCKET")  # no RouteSelectionExpression
    api_id = c.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
    with pytest.raises(c.exceptions.BadRequestException):
        c.create_route(ApiId=api_id, RouteKey="GET /{proxy+}/x")
    c.create_route(ApiId=api_id, RouteKey="GET /x")
    with pytest.raises(c.exceptions.ConflictException) as conflict:
        c.create_route(ApiId=api_id, RouteKey="GET /x")
    assert conflict.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    for i in range(10):
        c.create_stage(ApiId=api_id, StageName=f"s{i}")
    with pytest.raises(c.exceptions.TooManyRequestsException) as limit:
        c.create_stage(ApiId=api_id, StageName="s10")
    assert limit.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


def test_quick_create_through_boto3(boto: tuple[Any, Cloud]) -> None:
    c, cloud = boto
    api_id = c.create_api(Name="q", ProtocolType="HTTP", Target=FN, RouteKey="ANY /{proxy+}")[
        "ApiId"
    ]
    (stage,) = c.get_stages(ApiId=api_id)["Items"]
    assert (stage["StageName"], stage["AutoDeploy"]) == ("$default", True)
    found = cloud.engine("apigatewayv2").deployed(api_id, "$default")
    assert [(r.method, r.path) for r in found.routes] == [("ANY", "/{proxy+}")]


def test_cli_round_trip_against_serve(aws_cli: Any) -> None:
    """``aws apigatewayv2`` create-api, create-route and get-apis against ``pyserverless serve``."""
    made = aws_cli(
        "apigatewayv2",
        "create-api",
        "--name",
        "cli",
        "--protocol-type",
        "HTTP",
        "--cors-configuration",
        "AllowOrigins=https://a.example",
    )
    aws_cli(
        "apigatewayv2", "create-route", "--api-id", made["ApiId"], "--route-key", "GET /items/{id}"
    )
    listed = aws_cli("apigatewayv2", "get-apis")
    assert [(a["ApiId"], a["Name"]) for a in listed["Items"]] == [(made["ApiId"], "cli")]
    assert listed["Items"][0]["CorsConfiguration"] == {"AllowOrigins": ["https://a.example"]}
    routes = aws_cli("apigatewayv2", "get-routes", "--api-id", made["ApiId"])["Items"]
    assert [r["RouteKey"] for r in routes] == ["GET /items/{id}"]
    failed = aws_cli("apigatewayv2", "get-api", "--api-id", "nothere000", ok=False)
    assert "NotFoundException" in failed
