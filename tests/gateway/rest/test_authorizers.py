"""Authorizers and gateway responses through both clients, and what ``deployed()`` carries."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway._deployed import AuthorizerSpec

FN = "arn:aws:lambda:us-east-1:123456789012:function:auth"
URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"
POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abcDEF123"
HEADER = "method.request.header.Authorization"


def token(gw: Any, api_id: str, **extra: Any) -> dict[str, Any]:
    kwargs = {
        "restApiId": api_id,
        "name": "tok",
        "type": "TOKEN",
        "authorizerUri": URI,
        "identitySource": HEADER,
    }
    return gw.create_authorizer(**{**kwargs, **extra})  # type: ignore[no-any-return]


class TestAuthorizers:
    def test_token_request_and_cognito(self, gw: Any, refused: Any) -> None:
        api = gw.create_rest_api(name="a")["id"]
        tok = token(gw, api, identityValidationExpression="^Bearer [-0-9a-zA-Z._]*$")
        # an unset TTL is not shown (localstack's AWS-validated snapshot); it caches 300 s
        assert "authorizerResultTtlInSeconds" not in tok and len(tok["id"]) == 6
        req = gw.create_authorizer(
            restApiId=api,
            name="req",
            type="REQUEST",
            authorizerUri=URI,
            identitySource=(
                "method.request.header.X-Key, method.request.querystring.k, stageVariables.v"
            ),
            authorizerResultTtlInSeconds=0,
        )
        assert req["type"] == "REQUEST"
        cog = gw.create_authorizer(
            restApiId=api,
            name="cog",
            type="COGNITO_USER_POOLS",
            providerARNs=[POOL],
            identitySource=HEADER,
        )
        assert cog["providerARNs"] == [POOL]
        assert [a["name"] for a in gw.get_authorizers(restApiId=api)["items"]] == [
            "tok",
            "req",
            "cog",
        ]
        assert (
            gw.get_authorizer(restApiId=api, authorizerId=req["id"])["authorizerResultTtlInSeconds"]
            == 0
        )

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"type": "JWT", "authorizerUri": URI, "identitySource": HEADER},
            {"type": "TOKEN", "identitySource": HEADER},
            {
                "type": "TOKEN",
                "authorizerUri": "arn:aws:lambda:us-east-1:1:function:f",
                "identitySource": HEADER,
            },
            {"type": "TOKEN", "authorizerUri": URI},
            {
                "type": "TOKEN",
                "authorizerUri": URI,
                "identitySource": "method.request.querystring.t",
            },
            {
                "type": "TOKEN",
                "authorizerUri": URI,
                "identitySource": HEADER,
                "identityValidationExpression": "(",
            },
            {"type": "REQUEST", "authorizerUri": URI},
            {"type": "REQUEST", "authorizerUri": URI, "identitySource": "header.X"},
            {"type": "COGNITO_USER_POOLS", "identitySource": HEADER},
            {
                "type": "COGNITO_USER_POOLS",
                "identitySource": HEADER,
                "providerARNs": ["arn:aws:s3:::b"],
            },
        ],
    )
    def test_bad_authorizers_are_refused(
        self, gw: Any, refused: Any, kwargs: dict[str, Any]
    ) -> None:
        api = gw.create_rest_api(name="a")["id"]
        refused(gw.create_authorizer, "BadRequestException", restApiId=api, name="x", **kwargs)
        assert gw.get_authorizers(restApiId=api)["items"] == []

    def test_ttl_both_sides(self, gw: Any, refused: Any) -> None:
        api = gw.create_rest_api(name="a")["id"]
        assert token(gw, api, authorizerResultTtlInSeconds=0)["authorizerResultTtlInSeconds"] == 0
        assert (
            token(gw, api, authorizerResultTtlInSeconds=3600)["authorizerResultTtlInSeconds"]
            == 3600
        )
        refused(token, "BadRequestException", gw=gw, api_id=api, authorizerResultTtlInSeconds=3601)
        refused(token, "BadRequestException", gw=gw, api_id=api, authorizerResultTtlInSeconds=-1)
        assert len(gw.get_authorizers(restApiId=api)["items"]) == 2

    def test_ten_per_api(self, client: Any, refused: Any) -> None:
        api = client.create_rest_api(name="a")["id"]
        for n in range(10):
            token(client, api, name=f"a{n}")
        refused(token, "LimitExceededException", gw=client, api_id=api, name="a10")
        assert len(client.get_authorizers(restApiId=api)["items"]) == 10

    def test_update_and_delete(self, gw: Any, refused: Any) -> None:
        api = gw.create_rest_api(name="a")
        tok = token(gw, api["id"])
        updated = gw.update_authorizer(
            restApiId=api["id"],
            authorizerId=tok["id"],
            patchOperations=[
                {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "60"},
                {
                    "op": "replace",
                    "path": "/identitySource",
                    "value": "method.request.header.X-Token",
                },
            ],
        )
        assert updated["authorizerResultTtlInSeconds"] == 60
        assert updated["identitySource"] == "method.request.header.X-Token"
        refused(
            gw.update_authorizer,
            "BadRequestException",
            restApiId=api["id"],
            authorizerId=tok["id"],
            patchOperations=[
                {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "3601"}
            ],
        )
        gw.put_method(
            restApiId=api["id"],
            resourceId=api["rootResourceId"],
            httpMethod="GET",
            authorizationType="CUSTOM",
            authorizerId=tok["id"],
        )
        refused(
            gw.delete_authorizer, "ConflictException", restApiId=api["id"], authorizerId=tok["id"]
        )
        gw.delete_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET")
        gw.delete_authorizer(restApiId=api["id"], authorizerId=tok["id"])
        refused(gw.get_authorizer, "NotFoundException", restApiId=api["id"], authorizerId=tok["id"])

    def test_deployed_routes_carry_the_authorizer(
        self, gw: Any, cloud: Cloud, simple_api: Any
    ) -> None:
        ids = simple_api(gw)
        tok = token(
            gw, ids["api"], identityValidationExpression="^x$", authorizerResultTtlInSeconds=30
        )
        cog = gw.create_authorizer(
            restApiId=ids["api"],
            name="cog",
            type="COGNITO_USER_POOLS",
            providerARNs=[POOL],
            identitySource=HEADER,
        )
        gw.update_method(
            restApiId=ids["api"],
            resourceId=ids["item"],
            httpMethod="GET",
            patchOperations=[
                {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
                {"op": "replace", "path": "/authorizerId", "value": tok["id"]},
            ],
        )
        gw.put_method(
            restApiId=ids["api"],
            resourceId=ids["items"],
            httpMethod="GET",
            authorizationType="COGNITO_USER_POOLS",
            authorizerId=cog["id"],
            authorizationScopes=["shop/read"],
        )
        gw.put_integration(
            restApiId=ids["api"], resourceId=ids["items"], httpMethod="GET", type="MOCK"
        )
        gw.create_deployment(restApiId=ids["api"], stageName="prod")
        routes = {r.path: r for r in cloud.engine("apigateway").deployed(ids["api"], "prod").routes}
        assert routes["/items/{id}"].authorization == "CUSTOM"
        assert routes["/items/{id}"].authorizer == AuthorizerSpec(
            authorizer_id=tok["id"],
            name="tok",
            type="TOKEN",
            function_arn=FN,
            identity_sources=(HEADER,),
            validation_expression="^x$",
            ttl_seconds=30,
        )
        assert routes["/items"].authorizer.provider_arns == (POOL,)
        assert routes["/items"].scopes == ("shop/read",)


class TestGatewayResponses:
    def test_defaults_as_aws_lists_them(self, gw: Any) -> None:
        api = gw.create_rest_api(name="a")["id"]
        items = gw.get_gateway_responses(restApiId=api, limit=500)["items"]
        assert len(items) == 21 and all(i["defaultResponse"] for i in items)
        by_type = {i["responseType"]: i for i in items}
        assert by_type["MISSING_AUTHENTICATION_TOKEN"]["statusCode"] == "403"
        assert by_type["THROTTLED"]["statusCode"] == "429"
        assert by_type["UNAUTHORIZED"]["statusCode"] == "401"
        assert by_type["INTEGRATION_TIMEOUT"]["statusCode"] == "504"
        assert "statusCode" not in by_type["DEFAULT_4XX"]
        assert by_type["DEFAULT_5XX"]["responseTemplates"] == {
            "application/json": '{"message":$context.error.messageString}'
        }

    def test_put_update_delete(self, gw: Any, cloud: Cloud, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        api = ids["api"]
        put = gw.put_gateway_response(
            restApiId=api,
            responseType="UNAUTHORIZED",
            statusCode="401",
            responseParameters={"gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
            responseTemplates={"application/json": '{"error": "login"}'},
        )
        assert put["defaultResponse"] is False
        updated = gw.update_gateway_response(
            restApiId=api,
            responseType="UNAUTHORIZED",
            patchOperations=[{"op": "replace", "path": "/statusCode", "value": "403"}],
        )
        assert updated["statusCode"] == "403"
        gw.create_deployment(restApiId=api, stageName="prod")
        spec = cloud.engine("apigateway").deployed(api, "prod").gateway_responses["UNAUTHORIZED"]
        assert spec.status_code == "403"
        assert spec.response_parameters == {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"}
        refused(gw.put_gateway_response, "ValidationException", restApiId=api, responseType="NOPE")
        refused(
            gw.put_gateway_response,
            "BadRequestException",
            restApiId=api,
            responseType="THROTTLED",
            statusCode="999",
        )
        gw.delete_gateway_response(restApiId=api, responseType="UNAUTHORIZED")
        assert (
            gw.get_gateway_response(restApiId=api, responseType="UNAUTHORIZED")["defaultResponse"]
            is True
        )
        refused(
            gw.delete_gateway_response,
            "NotFoundException",
            restApiId=api,
            responseType="UNAUTHORIZED",
        )
        # the deployment still holds the customised response until redeployed
        assert "UNAUTHORIZED" in cloud.engine("apigateway").deployed(api, "prod").gateway_responses


def test_a_type_change_must_suit_the_methods_using_it(gw: Any, refused: Any) -> None:
    api = gw.create_rest_api(name="a")
    tok = token(gw, api["id"])
    gw.put_method(
        restApiId=api["id"],
        resourceId=api["rootResourceId"],
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=tok["id"],
    )
    to_cognito = [
        {"op": "replace", "path": "/type", "value": "COGNITO_USER_POOLS"},
        {"op": "add", "path": f"/providerARNs/{POOL.replace('/', '~1')}"},
    ]
    refused(
        gw.update_authorizer,
        "BadRequestException",
        restApiId=api["id"],
        authorizerId=tok["id"],
        patchOperations=to_cognito,
    )
    to_request = [{"op": "replace", "path": "/type", "value": "REQUEST"}]
    updated = gw.update_authorizer(
        restApiId=api["id"], authorizerId=tok["id"], patchOperations=to_request
    )
    assert updated["type"] == "REQUEST"
