"""apigatewayv2's control plane for WebSocket APIs: what it accepts and refuses."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from .conftest import error_of

FN = "arn:aws:lambda:us-east-1:123456789012:function:hello"
FN_PATH = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"


class TestCreateApi:
    def test_websocket_api_shape(self, v2: Any) -> None:
        api = v2.create_api(
            Name="chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
        )
        assert api["ProtocolType"] == "WEBSOCKET"
        assert api["ApiEndpoint"] == f"wss://{api['ApiId']}.execute-api.us-east-1.amazonaws.com"
        assert api["RouteSelectionExpression"] == "$request.body.action"
        got = v2.get_api(ApiId=api["ApiId"])
        assert got["ProtocolType"] == "WEBSOCKET"

    def test_selection_expression_is_required(self, v2: Any) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_api(Name="chat", ProtocolType="WEBSOCKET")
        assert error_of(caught)[1] == "RouteSelectionExpression is required for WEBSOCKET protocol"
        assert v2.get_apis()["Items"] == []

    @pytest.mark.parametrize(
        "expression", ["$request.body.action", "${request.body.action}", "$request.body.a.b[2]"]
    )
    def test_body_selection_expressions(self, v2: Any, expression: str) -> None:
        api = v2.create_api(Name="c", ProtocolType="WEBSOCKET", RouteSelectionExpression=expression)
        assert api["RouteSelectionExpression"] == expression

    @pytest.mark.parametrize(
        "expression", ["$request.method $request.path", "$request.body", "$request.body.a b"]
    )
    def test_other_selection_expressions_are_refused(self, v2: Any, expression: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_api(Name="c", ProtocolType="WEBSOCKET", RouteSelectionExpression=expression)
        assert v2.get_apis()["Items"] == []

    @pytest.mark.parametrize(
        "extra",
        [{"Target": FN}, {"CorsConfiguration": {"AllowOrigins": ["*"]}}],
    )
    def test_http_only_settings_are_refused(self, v2: Any, extra: dict[str, Any]) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_api(
                Name="c",
                ProtocolType="WEBSOCKET",
                RouteSelectionExpression="$request.body.action",
                **extra,
            )
        assert "supported only for HTTP APIs" in error_of(caught)[1]

    def test_update_checks_the_expression(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.update_api(ApiId=ws_api, RouteSelectionExpression="$request.header.x")
        updated = v2.update_api(ApiId=ws_api, RouteSelectionExpression="$request.body.type")
        assert updated["RouteSelectionExpression"] == "$request.body.type"

    def test_http_api_still_refuses_websocket_settings(self, v2: Any) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_api(Name="h", ProtocolType="HTTP", DisableSchemaValidation=True)
        assert "WebSocket" in error_of(caught)[1]


class TestRoutes:
    @pytest.mark.parametrize("key", ["$connect", "$disconnect", "$default", "sendmessage", "a b"])
    def test_route_keys(self, v2: Any, ws_api: str, key: str) -> None:
        assert v2.create_route(ApiId=ws_api, RouteKey=key)["RouteKey"] == key

    @pytest.mark.parametrize("key", ["$other", "$", "GET /x/{a}/{a}"])
    def test_bad_route_keys(self, v2: Any, ws_api: str, key: str) -> None:
        if key.startswith("GET"):  # any text is a WebSocket key: HTTP's rules do not apply
            assert v2.create_route(ApiId=ws_api, RouteKey=key)["RouteKey"] == key
            return
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_route(ApiId=ws_api, RouteKey=key)
        assert v2.get_routes(ApiId=ws_api)["Items"] == []

    def test_authorizer_only_on_connect(self, v2: Any, ws_api: str) -> None:
        auth = v2.create_authorizer(
            ApiId=ws_api,
            AuthorizerType="REQUEST",
            Name="a",
            AuthorizerUri=FN_PATH,
            IdentitySource=["route.request.header.Auth"],
        )["AuthorizerId"]
        route = v2.create_route(
            ApiId=ws_api, RouteKey="$connect", AuthorizationType="CUSTOM", AuthorizerId=auth
        )
        assert route["AuthorizationType"] == "CUSTOM"
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_route(
                ApiId=ws_api, RouteKey="$default", AuthorizationType="CUSTOM", AuthorizerId=auth
            )
        assert error_of(caught)[1] == (
            "Currently, authorization is restricted to the $connect route only"
        )
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.update_route(ApiId=ws_api, RouteId=route["RouteId"], RouteKey="$default")
        assert v2.get_route(ApiId=ws_api, RouteId=route["RouteId"])["RouteKey"] == "$connect"

    def test_jwt_is_refused(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_route(ApiId=ws_api, RouteKey="$connect", AuthorizationType="JWT")

    def test_route_response_selection(self, v2: Any, ws_api: str) -> None:
        route = v2.create_route(
            ApiId=ws_api, RouteKey="echo", RouteResponseSelectionExpression="$default"
        )
        assert route["RouteResponseSelectionExpression"] == "$default"
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_route(
                ApiId=ws_api, RouteKey="x", RouteResponseSelectionExpression="$request.body.y"
            )


class TestIntegrations:
    def test_lambda_proxy_defaults_to_payload_1(self, v2: Any, ws_api: str) -> None:
        found = v2.create_integration(ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=FN)
        assert found["PayloadFormatVersion"] == "1.0"
        assert found["IntegrationType"] == "AWS_PROXY"

    def test_timeout_is_at_most_29_seconds(self, v2: Any, ws_api: str) -> None:
        made = v2.create_integration(ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=FN)
        assert made["TimeoutInMillis"] == 29_000
        for ok in (50, 29_000):
            found = v2.create_integration(
                ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=FN, TimeoutInMillis=ok
            )
            assert found["TimeoutInMillis"] == ok
        with pytest.raises(v2.exceptions.BadRequestException):  # the model allows 30,000
            v2.create_integration(
                ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=FN, TimeoutInMillis=29_001
            )
        with pytest.raises(ParamValidationError):  # below the model's minimum: botocore's
            v2.create_integration(
                ApiId=ws_api, IntegrationType="AWS_PROXY", IntegrationUri=FN, TimeoutInMillis=49
            )
        assert len(v2.get_integrations(ApiId=ws_api)["Items"]) == 3

    def test_payload_2_is_http_only(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_integration(
                ApiId=ws_api,
                IntegrationType="AWS_PROXY",
                IntegrationUri=FN,
                PayloadFormatVersion="2.0",
            )
        assert v2.get_integrations(ApiId=ws_api)["Items"] == []

    @pytest.mark.parametrize("kind", ["MOCK", "HTTP", "AWS", "HTTP_PROXY"])
    def test_other_types_are_refused(self, v2: Any, ws_api: str, kind: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_integration(ApiId=ws_api, IntegrationType=kind, IntegrationUri=FN)
        assert "not emulated" in error_of(caught)[1]

    def test_templates_are_refused(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_integration(
                ApiId=ws_api,
                IntegrationType="AWS_PROXY",
                IntegrationUri=FN,
                RequestTemplates={"$default": "{}"},
            )


class TestAuthorizers:
    def test_request_authorizer(self, v2: Any, ws_api: str) -> None:
        found = v2.create_authorizer(
            ApiId=ws_api,
            AuthorizerType="REQUEST",
            Name="a",
            AuthorizerUri=FN_PATH,
            IdentitySource=["route.request.header.Auth", "route.request.querystring.token"],
        )
        assert found["IdentitySource"] == [
            "route.request.header.Auth",
            "route.request.querystring.token",
        ]

    @pytest.mark.parametrize(
        "extra",
        [
            {"IdentitySource": ["$request.header.Auth"]},
            {"IdentitySource": ["route.request.header.A"], "AuthorizerResultTtlInSeconds": 60},
            {"IdentitySource": ["route.request.header.A"], "AuthorizerPayloadFormatVersion": "2.0"},
        ],
    )
    def test_http_forms_are_refused(self, v2: Any, ws_api: str, extra: dict[str, Any]) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_authorizer(
                ApiId=ws_api, AuthorizerType="REQUEST", Name="a", AuthorizerUri=FN_PATH, **extra
            )
        assert v2.get_authorizers(ApiId=ws_api)["Items"] == []

    def test_identity_validation_is_not_emulated(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_authorizer(
                ApiId=ws_api,
                AuthorizerType="REQUEST",
                Name="a",
                AuthorizerUri=FN_PATH,
                IdentitySource=["route.request.header.A"],
                IdentityValidationExpression=".*",
            )
        assert "not emulated" in error_of(caught)[1]

    def test_jwt_is_refused(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_authorizer(
                ApiId=ws_api,
                AuthorizerType="JWT",
                Name="j",
                IdentitySource=["route.request.header.Auth"],
                JwtConfiguration={"Issuer": "https://x", "Audience": ["a"]},
            )


class TestRouteResponses:
    def test_crud(self, v2: Any, ws_api: str) -> None:
        route_id = v2.create_route(ApiId=ws_api, RouteKey="echo")["RouteId"]
        made = v2.create_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseKey="$default")
        assert made["RouteResponseKey"] == "$default"
        rid = made["RouteResponseId"]
        got = v2.get_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseId=rid)
        assert got["RouteResponseId"] == rid
        listed = v2.get_route_responses(ApiId=ws_api, RouteId=route_id)["Items"]
        assert [r["RouteResponseId"] for r in listed] == [rid]
        with pytest.raises(v2.exceptions.ConflictException):
            v2.create_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseKey="$default")
        v2.delete_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseId=rid)
        with pytest.raises(v2.exceptions.NotFoundException) as caught:
            v2.get_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseId=rid)
        assert error_of(caught)[2] == 404

    def test_deleting_the_route_deletes_its_responses(self, v2: Any, ws_api: str) -> None:
        route_id = v2.create_route(ApiId=ws_api, RouteKey="echo")["RouteId"]
        v2.create_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseKey="$default")
        v2.delete_route(ApiId=ws_api, RouteId=route_id)
        with pytest.raises(v2.exceptions.NotFoundException):
            v2.get_route_responses(ApiId=ws_api, RouteId=route_id)
        engine = v2._engine
        assert engine.state.apis[ws_api].route_responses == {}

    def test_other_keys_and_http_apis_are_refused(self, v2: Any, ws_api: str) -> None:
        route_id = v2.create_route(ApiId=ws_api, RouteKey="echo")["RouteId"]
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_route_response(ApiId=ws_api, RouteId=route_id, RouteResponseKey="$other")
        http = v2.create_api(Name="h", ProtocolType="HTTP")["ApiId"]
        http_route = v2.create_route(ApiId=http, RouteKey="GET /x")["RouteId"]
        with pytest.raises(v2.exceptions.BadRequestException):
            v2.create_route_response(ApiId=http, RouteId=http_route, RouteResponseKey="$default")


class TestStages:
    def test_execution_logging_is_not_emulated(self, v2: Any, ws_api: str) -> None:
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_stage(
                ApiId=ws_api, StageName="prod", DefaultRouteSettings={"LoggingLevel": "INFO"}
            )
        assert error_of(caught)[1] == "Execution logging is not emulated by pyserverless yet"
        assert v2.get_stages(ApiId=ws_api)["Items"] == []

    @pytest.mark.parametrize(
        "extra",
        [
            {"RouteSettings": {"$default": {"ThrottlingBurstLimit": 5}}},
            {"DefaultRouteSettings": {"ThrottlingRateLimit": 1.0}},
            {
                "AccessLogSettings": {
                    "DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:g",
                    "Format": "$context.requestId",
                }
            },
        ],
    )
    def test_settings_not_applied_are_refused(
        self, v2: Any, ws_api: str, extra: dict[str, Any]
    ) -> None:
        v2.create_route(ApiId=ws_api, RouteKey="$default")
        with pytest.raises(v2.exceptions.BadRequestException) as caught:
            v2.create_stage(ApiId=ws_api, StageName="prod", **extra)
        assert "not emulated" in error_of(caught)[1]
        assert v2.get_stages(ApiId=ws_api)["Items"] == []

    def test_variables(self, v2: Any, ws_api: str) -> None:
        v2.create_route(ApiId=ws_api, RouteKey="$default")
        stage = v2.create_stage(
            ApiId=ws_api,
            StageName="prod",
            RouteSettings={"$default": {"DetailedMetricsEnabled": True}},
            StageVariables={"table": "chat"},
        )
        assert stage["StageVariables"] == {"table": "chat"}
