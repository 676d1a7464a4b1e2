"""Routes (route keys as AWS checks them, authorization, targets) and integrations."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock, ParamValidationError

from .conftest import FN, FN_PATH, code_of, integration, jwt_authorizer, lambda_authorizer

VALID_KEYS = [
    "$default",
    "GET /",
    "ANY /{proxy+}",
    "GET /items/{id}",
    "POST /items/{id}/tags/{tag}",
    "DELETE /a.b/c-d/e_f~g",
    "PATCH /users/{user}/{proxy+}",
    "HEAD /x",
    "OPTIONS /x",
    "PUT /x",
]
INVALID_KEYS = [
    "",
    "GET",
    "GET items",
    "get /items",
    "FETCH /items",
    "GET  /items",
    "GET /items/",
    "GET //items",
    "GET /{proxy+}/more",
    "GET /items/{id}/{id}",
    "GET /items/{}",
    "GET /items/a{id}",
    "GET /items/{id",
    "$DEFAULT",
    "GET /a b",
]


class TestRouteKeys:
    @pytest.mark.parametrize("key", VALID_KEYS)
    def test_valid(self, client: Any, api_id: str, key: str) -> None:
        route = client.create_route(ApiId=api_id, RouteKey=key)
        assert route["RouteKey"] == key
        assert (route["AuthorizationType"], route["ApiKeyRequired"]) == ("NONE", False)

    @pytest.mark.parametrize("key", INVALID_KEYS)
    def test_invalid(self, client: Any, api_id: str, key: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_route(ApiId=api_id, RouteKey=key)
        assert "route key" in code_of(caught)[1]
        assert client.get_routes(ApiId=api_id)["Items"] == []

    def test_duplicate_key_conflicts(self, client: Any, api_id: str) -> None:
        client.create_route(ApiId=api_id, RouteKey="GET /x")
        with pytest.raises(client.exceptions.ConflictException):
            client.create_route(ApiId=api_id, RouteKey="GET /x")
        client.create_route(ApiId=api_id, RouteKey="POST /x")  # another method is another key
        other = client.create_route(ApiId=api_id, RouteKey="GET /y")["RouteId"]
        with pytest.raises(client.exceptions.ConflictException):
            client.update_route(ApiId=api_id, RouteId=other, RouteKey="GET /x")
        assert client.get_route(ApiId=api_id, RouteId=other)["RouteKey"] == "GET /y"
        client.update_route(ApiId=api_id, RouteId=other, RouteKey="GET /y")  # itself: fine


class TestRouteSettings:
    def test_target_must_name_an_integration(self, client: Any, api_id: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_route(ApiId=api_id, RouteKey="GET /x", Target="lambda/abc")
        with pytest.raises(client.exceptions.NotFoundException) as caught:
            client.create_route(ApiId=api_id, RouteKey="GET /x", Target="integrations/abc")
        assert code_of(caught)[1] == "Invalid Integration identifier specified abc"
        integ = integration(client, api_id)
        route = client.create_route(ApiId=api_id, RouteKey="GET /x", Target=f"integrations/{integ}")
        assert route["Target"] == f"integrations/{integ}"

    def test_jwt_route_with_scopes(self, client: Any, api_id: str) -> None:
        auth = jwt_authorizer(client, api_id)
        route = client.create_route(
            ApiId=api_id,
            RouteKey="GET /x",
            AuthorizationType="JWT",
            AuthorizerId=auth,
            AuthorizationScopes=["read"],
        )
        assert (route["AuthorizerId"], route["AuthorizationScopes"]) == (auth, ["read"])

    def test_authorization_checks(self, client: Any, api_id: str) -> None:
        jwt = jwt_authorizer(client, api_id)
        lam = lambda_authorizer(client, api_id)
        bad = [
            {"AuthorizationType": "JWT"},
            {"AuthorizationType": "CUSTOM"},
            {"AuthorizationType": "JWT", "AuthorizerId": lam},
            {"AuthorizationType": "CUSTOM", "AuthorizerId": jwt},
            {"AuthorizationType": "NONE", "AuthorizerId": jwt},
            {"AuthorizationType": "AWS_IAM", "AuthorizerId": jwt},
            {"AuthorizationType": "CUSTOM", "AuthorizerId": lam, "AuthorizationScopes": ["a"]},
            {"ApiKeyRequired": True},
            {"RequestParameters": {"route.request.header.x": {"Required": True}}},
        ]
        for extra in bad:
            with pytest.raises(client.exceptions.BadRequestException):
                client.create_route(ApiId=api_id, RouteKey="GET /x", **extra)  # type: ignore[arg-type]
        with pytest.raises(client.exceptions.NotFoundException):
            client.create_route(
                ApiId=api_id, RouteKey="GET /x", AuthorizationType="JWT", AuthorizerId="nope"
            )
        assert client.get_routes(ApiId=api_id)["Items"] == []
        client.create_route(ApiId=api_id, RouteKey="GET /x", AuthorizationType="AWS_IAM")
        client.create_route(
            ApiId=api_id, RouteKey="GET /y", AuthorizationType="CUSTOM", AuthorizerId=lam
        )

    def test_scopes_per_route_both_sides(self, client: Any, api_id: str) -> None:
        auth = jwt_authorizer(client, api_id)
        ten = [f"s{i}" for i in range(10)]
        client.create_route(
            ApiId=api_id,
            RouteKey="GET /a",
            AuthorizationType="JWT",
            AuthorizerId=auth,
            AuthorizationScopes=ten,
        )
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_route(
                ApiId=api_id,
                RouteKey="GET /b",
                AuthorizationType="JWT",
                AuthorizerId=auth,
                AuthorizationScopes=[*ten, "s10"],
            )

    def test_update_to_none_drops_the_authorizer(self, client: Any, api_id: str) -> None:
        auth = jwt_authorizer(client, api_id)
        route_id = client.create_route(
            ApiId=api_id,
            RouteKey="GET /x",
            AuthorizationType="JWT",
            AuthorizerId=auth,
            AuthorizationScopes=["a"],
        )["RouteId"]
        route = client.update_route(ApiId=api_id, RouteId=route_id, AuthorizationType="NONE")
        assert "AuthorizerId" not in route and "AuthorizationScopes" not in route
        assert client.get_route(ApiId=api_id, RouteId=route_id) | {"ResponseMetadata": 0} == (
            route | {"ResponseMetadata": 0}
        )

    def test_delete_route(self, client: Any, api_id: str) -> None:
        route_id = client.create_route(ApiId=api_id, RouteKey="GET /x")["RouteId"]
        client.delete_route(ApiId=api_id, RouteId=route_id)
        with pytest.raises(client.exceptions.NotFoundException) as caught:
            client.get_route(ApiId=api_id, RouteId=route_id)
        assert code_of(caught)[1] == f"Invalid Route identifier specified {route_id}"

    def test_routes_per_api_both_sides(self, client: Any, api_id: str) -> None:
        for i in range(300):
            client.create_route(ApiId=api_id, RouteKey=f"GET /r{i}")
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.create_route(ApiId=api_id, RouteKey="GET /one-more")
        assert len(client.get_routes(ApiId=api_id, MaxResults="500")["Items"]) == 300


class TestIntegrations:
    def test_create_get_update(self, client: Any, api_id: str) -> None:
        made = client.create_integration(
            ApiId=api_id,
            IntegrationType="AWS_PROXY",
            IntegrationUri=FN_PATH,
            PayloadFormatVersion="1.0",
            Description="d",
        )
        made.pop("ResponseMetadata")
        assert made == {
            "ConnectionType": "INTERNET",
            "Description": "d",
            "IntegrationId": made["IntegrationId"],
            "IntegrationMethod": "POST",
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": FN_PATH,
            "PayloadFormatVersion": "1.0",
            "TimeoutInMillis": 30_000,
        }
        updated = client.update_integration(
            ApiId=api_id,
            IntegrationId=made["IntegrationId"],
            PayloadFormatVersion="2.0",
            TimeoutInMillis=5_000,
        )
        assert (updated["PayloadFormatVersion"], updated["TimeoutInMillis"]) == ("2.0", 5_000)
        assert updated["IntegrationUri"] == FN_PATH

    @pytest.mark.parametrize("kind", ["HTTP_PROXY", "AWS", "HTTP", "MOCK"])
    def test_other_types_refused_never_stored(self, client: Any, api_id: str, kind: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_integration(
                ApiId=api_id,
                IntegrationType=kind,
                IntegrationUri="https://example.com",
                PayloadFormatVersion="1.0",
            )
        assert client.get_integrations(ApiId=api_id)["Items"] == []

    @pytest.mark.parametrize(
        "extra",
        [
            {"PayloadFormatVersion": None},
            {"PayloadFormatVersion": "3.0"},
            {"IntegrationUri": None},
            {"IntegrationUri": "arn:aws:lambda:us-east-1:123456789012:layer:x"},
            {"IntegrationMethod": "GET"},
            {"ConnectionType": "VPC_LINK"},
            {"RequestParameters": {"append:header.x": "y"}},
            {"RequestTemplates": {"application/json": "{}"}},
            {"CredentialsArn": "arn:aws:iam::123456789012:role/r"},
        ],
    )
    def test_refused(self, client: Any, api_id: str, extra: dict[str, Any]) -> None:
        params = {
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": FN,
            "PayloadFormatVersion": "2.0",
        }
        params.update(extra)
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_integration(ApiId=api_id, **{k: v for k, v in params.items() if v})
        assert client.get_integrations(ApiId=api_id)["Items"] == []

    def test_timeout_both_sides(self, client: Any, cloud: Cloud, api_id: str) -> None:
        assert integration(client, api_id, TimeoutInMillis=50)
        assert integration(client, api_id, TimeoutInMillis=30_000)
        with pytest.raises(ParamValidationError, match="valid min value: 50"):
            integration(client, api_id, TimeoutInMillis=49)  # botocore's check, as boto3
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            integration(client, api_id, TimeoutInMillis=30_001)
        assert code_of(caught)[1] == "Timeout must be between 50 ms and 30000 ms"
        engine = cloud.engine("apigatewayv2")  # a direct engine call: the service's own check
        with pytest.raises(client.exceptions.BadRequestException):
            engine.create_integration(
                {
                    "ApiId": api_id,
                    "IntegrationType": "AWS_PROXY",
                    "IntegrationUri": FN,
                    "PayloadFormatVersion": "2.0",
                    "TimeoutInMillis": 49,
                }
            )
        assert len(client.get_integrations(ApiId=api_id)["Items"]) == 2

    def test_delete_refused_while_targeted(self, client: Any, api_id: str) -> None:
        integ = integration(client, api_id)
        route = client.create_route(ApiId=api_id, RouteKey="GET /x", Target=f"integrations/{integ}")
        with pytest.raises(client.exceptions.ConflictException):
            client.delete_integration(ApiId=api_id, IntegrationId=integ)
        client.delete_route(ApiId=api_id, RouteId=route["RouteId"])
        client.delete_integration(ApiId=api_id, IntegrationId=integ)
        with pytest.raises(client.exceptions.NotFoundException):
            client.get_integration(ApiId=api_id, IntegrationId=integ)

    def test_integrations_per_api_both_sides(self) -> None:
        limits = {"apigatewayv2": {"max_integrations_per_api": 2}}
        with Cloud(clock=ManualClock(0), limits=limits) as cloud:
            client = cloud.client("apigatewayv2")
            api_id = client.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
            integration(client, api_id)
            integration(client, api_id)
            with pytest.raises(client.exceptions.TooManyRequestsException):
                integration(client, api_id)
