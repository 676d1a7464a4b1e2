"""Authorizers: JWT and Lambda (REQUEST), their checks, and what ``deployed()`` carries."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import FN, FN_PATH, ISSUER, code_of, integration, jwt_authorizer, lambda_authorizer


class TestJwt:
    def test_shape(self, client: Any, api_id: str) -> None:
        auth_id = jwt_authorizer(client, api_id)
        got = client.get_authorizer(ApiId=api_id, AuthorizerId=auth_id)
        got.pop("ResponseMetadata")
        assert got == {
            "AuthorizerId": auth_id,
            "AuthorizerType": "JWT",
            "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Issuer": ISSUER, "Audience": ["app"]},
            "Name": "jwt",
        }

    @pytest.mark.parametrize(
        "extra",
        [
            {"JwtConfiguration": None},
            {"JwtConfiguration": {"Issuer": ISSUER}},
            {"JwtConfiguration": {"Issuer": "http://plain", "Audience": ["a"]}},
            {"IdentitySource": ["$request.header.A", "$request.header.B"]},
            {"IdentitySource": ["$context.identity.sourceIp"]},
            {"AuthorizerUri": FN_PATH},
            {"AuthorizerResultTtlInSeconds": 5},
            {"IdentityValidationExpression": ".*"},
            {"AuthorizerCredentialsArn": "arn:aws:iam::123456789012:role/r"},
        ],
    )
    def test_refused(self, client: Any, api_id: str, extra: dict[str, Any]) -> None:
        params: dict[str, Any] = {
            "Name": "jwt",
            "AuthorizerType": "JWT",
            "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Issuer": ISSUER, "Audience": ["app"]},
        }
        params.update(extra)
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_authorizer(
                ApiId=api_id, **{k: v for k, v in params.items() if v is not None}
            )
        assert client.get_authorizers(ApiId=api_id)["Items"] == []

    def test_audiences_both_sides(self, client: Any, api_id: str) -> None:
        fifty = [f"a{i}" for i in range(50)]
        jwt_authorizer(client, api_id, JwtConfiguration={"Issuer": ISSUER, "Audience": fifty})
        with pytest.raises(client.exceptions.BadRequestException):
            jwt_authorizer(
                client, api_id, JwtConfiguration={"Issuer": ISSUER, "Audience": [*fifty, "a50"]}
            )


class TestLambda:
    def test_shape_and_defaults(self, client: Any, api_id: str) -> None:
        auth_id = lambda_authorizer(client, api_id, EnableSimpleResponses=True)
        got = client.get_authorizer(ApiId=api_id, AuthorizerId=auth_id)
        assert got["AuthorizerUri"] == FN_PATH
        assert got["AuthorizerPayloadFormatVersion"] == "2.0"
        assert got["EnableSimpleResponses"] is True
        assert got["AuthorizerResultTtlInSeconds"] == 0

    def test_ttl_both_sides(self, client: Any, api_id: str) -> None:
        lambda_authorizer(client, api_id, AuthorizerResultTtlInSeconds=0)
        lambda_authorizer(client, api_id, AuthorizerResultTtlInSeconds=3600)
        with pytest.raises(client.exceptions.BadRequestException):
            lambda_authorizer(client, api_id, AuthorizerResultTtlInSeconds=3601)
        assert len(client.get_authorizers(ApiId=api_id)["Items"]) == 2

    @pytest.mark.parametrize(
        "extra",
        [
            {
                "AuthorizerUri": FN
            },  # the function ARN alone: a Lambda authorizer takes the path form
            {"AuthorizerUri": None},
            {"AuthorizerPayloadFormatVersion": None},
            {"AuthorizerPayloadFormatVersion": "3.0"},
            {"AuthorizerPayloadFormatVersion": "1.0", "EnableSimpleResponses": True},
            {"IdentitySource": ["header.Authorization"]},
            {"IdentitySource": [], "AuthorizerResultTtlInSeconds": 300},
            {"JwtConfiguration": {"Issuer": ISSUER, "Audience": ["a"]}},
        ],
    )
    def test_refused(self, client: Any, api_id: str, extra: dict[str, Any]) -> None:
        params: dict[str, Any] = {
            "Name": "l",
            "AuthorizerType": "REQUEST",
            "IdentitySource": ["$request.header.Authorization"],
            "AuthorizerUri": FN_PATH,
            "AuthorizerPayloadFormatVersion": "2.0",
        }
        params.update(extra)
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_authorizer(
                ApiId=api_id, **{k: v for k, v in params.items() if v is not None}
            )
        assert client.get_authorizers(ApiId=api_id)["Items"] == []

    def test_no_identity_source_without_caching(self, client: Any, api_id: str) -> None:
        lambda_authorizer(client, api_id, IdentitySource=[])


class TestLifecycle:
    def test_update_checked_whole(self, client: Any, api_id: str) -> None:
        auth_id = lambda_authorizer(client, api_id)
        updated = client.update_authorizer(
            ApiId=api_id, AuthorizerId=auth_id, AuthorizerResultTtlInSeconds=300
        )
        assert updated["AuthorizerResultTtlInSeconds"] == 300
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_authorizer(
                ApiId=api_id,
                AuthorizerId=auth_id,
                Name="x",
                AuthorizerPayloadFormatVersion="1.0",
                EnableSimpleResponses=True,
            )
        assert client.get_authorizer(ApiId=api_id, AuthorizerId=auth_id)["Name"] == "lambda"

    def test_delete_refused_while_used(self, client: Any, api_id: str) -> None:
        auth_id = jwt_authorizer(client, api_id)
        route = client.create_route(
            ApiId=api_id, RouteKey="GET /x", AuthorizationType="JWT", AuthorizerId=auth_id
        )
        with pytest.raises(client.exceptions.ConflictException):
            client.delete_authorizer(ApiId=api_id, AuthorizerId=auth_id)
        client.delete_route(ApiId=api_id, RouteId=route["RouteId"])
        client.delete_authorizer(ApiId=api_id, AuthorizerId=auth_id)
        with pytest.raises(client.exceptions.NotFoundException) as caught:
            client.get_authorizer(ApiId=api_id, AuthorizerId=auth_id)
        assert code_of(caught)[1] == f"Invalid Authorizer identifier specified {auth_id}"

    def test_authorizers_per_api_both_sides(self, client: Any, api_id: str) -> None:
        for i in range(10):
            jwt_authorizer(client, api_id, Name=f"a{i}")
        with pytest.raises(client.exceptions.TooManyRequestsException):
            jwt_authorizer(client, api_id, Name="a10")

    def test_deployed_specs(self, client: Any, cloud: Cloud, api_id: str) -> None:
        integ = f"integrations/{integration(client, api_id)}"
        jwt = jwt_authorizer(client, api_id)
        lam = lambda_authorizer(
            client, api_id, AuthorizerResultTtlInSeconds=60, EnableSimpleResponses=True
        )
        client.create_route(
            ApiId=api_id,
            RouteKey="GET /j",
            Target=integ,
            AuthorizationType="JWT",
            AuthorizerId=jwt,
            AuthorizationScopes=["read"],
        )
        client.create_route(
            ApiId=api_id,
            RouteKey="GET /l",
            Target=integ,
            AuthorizationType="CUSTOM",
            AuthorizerId=lam,
        )
        client.create_route(
            ApiId=api_id, RouteKey="$default", Target=integ, AuthorizationType="AWS_IAM"
        )
        client.create_route(ApiId=api_id, RouteKey="GET /no-target")
        client.create_stage(ApiId=api_id, StageName="s", AutoDeploy=True)
        found = cloud.engine("apigatewayv2").deployed(api_id, "s")
        by_path = {r.path: r for r in found.routes}
        assert set(by_path) == {"/j", "/l", "$default"}  # a route without a target is not served
        j, lr, d = by_path["/j"], by_path["/l"], by_path["$default"]
        assert (j.authorization, j.scopes) == ("JWT", ("read",))
        assert (j.authorizer.issuer, j.authorizer.audience) == (ISSUER, ("app",))
        assert lr.authorization == "CUSTOM"
        assert lr.authorizer.function_arn == FN
        assert (lr.authorizer.ttl_seconds, lr.authorizer.simple_responses) == (60, True)
        assert lr.authorizer.payload_format == "2.0"
        assert lr.authorizer.identity_sources == ("$request.header.Authorization",)
        assert (d.method, d.authorization, d.authorizer) == ("", "AWS_IAM", None)
