"""Apis: create (and quick create), read, list, update, delete; CORS; tags; ids; quotas."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

from .conftest import FN, FN_PATH, code_of


class TestCreateApi:
    def test_defaults_are_aws_s(self, client: Any, cloud: Cloud) -> None:
        api = client.create_api(Name="shop", ProtocolType="HTTP", Description="d", Version="1")
        assert re.fullmatch(r"[a-z0-9]{10}", api["ApiId"])
        assert api["ApiEndpoint"] == f"https://{api['ApiId']}.execute-api.us-east-1.amazonaws.com"
        assert api["RouteSelectionExpression"] == "$request.method $request.path"
        assert api["ApiKeySelectionExpression"] == "$request.header.x-api-key"
        assert api["ProtocolType"] == "HTTP"
        assert api["DisableExecuteApiEndpoint"] is False
        assert api["CreatedDate"] == cloud.now().replace(microsecond=0)
        assert (api["Description"], api["Version"]) == ("d", "1")
        assert "CorsConfiguration" not in api
        stored = client.get_api(ApiId=api["ApiId"])
        stored.pop("ResponseMetadata")
        api.pop("ResponseMetadata")
        assert stored == api

    def test_websocket_without_selection_is_refused_and_never_stored(self, client: Any) -> None:
        # WebSocket APIs themselves: tests/gateway/websocket.
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_api(Name="ws", ProtocolType="WEBSOCKET")
        assert code_of(caught)[1] == "RouteSelectionExpression is required for WEBSOCKET protocol"
        assert client.get_apis()["Items"] == []

    @pytest.mark.parametrize(
        ("extra", "word"),
        [
            ({"CredentialsArn": "arn:aws:iam::123456789012:role/r"}, "CredentialsArn"),
            ({"DisableSchemaValidation": True}, "DisableSchemaValidation"),
            ({"RouteSelectionExpression": "$request.body.action"}, "RouteSelectionExpression"),
            ({"ApiKeySelectionExpression": "$request.header.key"}, "ApiKeySelectionExpression"),
            ({"RouteKey": "GET /x"}, "Target is required"),
            ({"Target": "arn:aws:s3:::bucket"}, "integration URI"),
            ({"Target": FN, "RouteKey": "GET x"}, "route key"),
        ],
    )
    def test_refused_settings_change_nothing(self, client: Any, extra: Any, word: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_api(Name="x", ProtocolType="HTTP", **extra)
        assert word in code_of(caught)[1]
        assert client.get_apis()["Items"] == []

    def test_unknown_api_is_not_found(self, client: Any, cloud: Cloud) -> None:
        for call in (client.get_api, client.delete_api, client.update_api):
            with pytest.raises(client.exceptions.NotFoundException) as caught:
                call(ApiId="abcdefghij")
            assert code_of(caught) == (
                "NotFoundException",
                f"Invalid API identifier specified {cloud.account_id}:abcdefghij",
            )
            assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


class TestQuickCreate:
    def test_target_makes_route_integration_and_auto_deploying_default_stage(
        self, client: Any, cloud: Cloud
    ) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        (route,) = client.get_routes(ApiId=api_id)["Items"]
        (integ,) = client.get_integrations(ApiId=api_id)["Items"]
        (stage,) = client.get_stages(ApiId=api_id)["Items"]
        assert route["RouteKey"] == "$default"
        assert route["Target"] == f"integrations/{integ['IntegrationId']}"
        assert route["ApiGatewayManaged"] is True
        assert integ["IntegrationType"] == "AWS_PROXY"
        assert integ["IntegrationUri"] == FN
        assert integ["PayloadFormatVersion"] == "2.0"
        assert integ["TimeoutInMillis"] == 30_000
        assert stage["StageName"] == "$default"
        assert stage["AutoDeploy"] is True
        deployed = cloud.engine("apigatewayv2").deployed(api_id, "$default")
        assert deployed.deployment_id == stage["DeploymentId"]
        assert [(r.method, r.path) for r in deployed.routes] == [("", "$default")]
        assert deployed.routes[0].integration.payload_format == "2.0"

    def test_route_key_and_path_form_target(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(
            Name="q", ProtocolType="HTTP", Target=FN_PATH, RouteKey="GET /items/{id}"
        )["ApiId"]
        deployed = cloud.engine("apigatewayv2").deployed(api_id, "$default")
        assert [(r.method, r.path) for r in deployed.routes] == [("GET", "/items/{id}")]


class TestManaged:
    """What quick create makes is managed by API Gateway, as the model documents."""

    def test_update_target_changes_the_managed_integration(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        engine = cloud.engine("apigatewayv2")
        before = engine.deployed(api_id, "$default").deployment_id
        other = FN.replace("hello", "other")
        client.update_api(ApiId=api_id, Target=other)
        (integ,) = client.get_integrations(ApiId=api_id)["Items"]
        assert integ["IntegrationUri"] == other
        after = engine.deployed(api_id, "$default")
        assert after.deployment_id != before
        assert after.routes[0].integration.uri == other

    def test_target_refused_on_an_api_built_by_hand(self, client: Any, api_id: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.update_api(ApiId=api_id, Target=FN, Name="renamed")
        assert "quick create" in code_of(caught)[1]
        assert client.get_api(ApiId=api_id)["Name"] == "shop"

    def test_url_target_needs_a_registered_backend(self, client: Any) -> None:
        """A URL target is an HTTP_PROXY integration: refused, naming the registration call,
        until a backend is registered for it (issue 21)."""
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_api(Name="q", ProtocolType="HTTP", Target="https://example.com")
        assert "cloud.gateway.backend('https://example.com', app)" in code_of(caught)[1]
        assert client.get_apis()["Items"] == []

    def test_url_target_quick_creates_an_http_proxy(self, client: Any, cloud: Any) -> None:
        cloud.gateway.backend("https://example.com", lambda request: {"at": request.path})
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target="https://example.com")[
            "ApiId"
        ]
        (integ,) = client.get_integrations(ApiId=api_id)["Items"]
        assert (integ["IntegrationType"], integ["IntegrationMethod"]) == ("HTTP_PROXY", "ANY")
        assert integ["PayloadFormatVersion"] == "1.0"
        answer = cloud.gateway.invoke(api_id, "$default", "GET", "/anything")
        assert answer.json() == {"at": "/"}

    def test_managed_route_key_and_integration(self, client: Any) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        (route,) = client.get_routes(ApiId=api_id)["Items"]
        (integ,) = client.get_integrations(ApiId=api_id)["Items"]
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_route(ApiId=api_id, RouteId=route["RouteId"], RouteKey="GET /x")
        client.update_route(ApiId=api_id, RouteId=route["RouteId"], AuthorizationType="AWS_IAM")
        client.delete_route(ApiId=api_id, RouteId=route["RouteId"])
        with pytest.raises(client.exceptions.BadRequestException):
            client.delete_integration(ApiId=api_id, IntegrationId=integ["IntegrationId"])
        updated = client.update_integration(
            ApiId=api_id, IntegrationId=integ["IntegrationId"], TimeoutInMillis=1000
        )
        assert updated["TimeoutInMillis"] == 1000


class TestListUpdateDelete:
    def test_get_apis_pages(self, client: Any) -> None:
        ids = [client.create_api(Name=f"a{i}", ProtocolType="HTTP")["ApiId"] for i in range(5)]
        first = client.get_apis(MaxResults="2")
        second = client.get_apis(MaxResults="2", NextToken=first["NextToken"])
        third = client.get_apis(MaxResults="2", NextToken=second["NextToken"])
        got = [a["ApiId"] for page in (first, second, third) for a in page["Items"]]
        assert got == ids
        assert "NextToken" not in third
        with pytest.raises(client.exceptions.BadRequestException):
            client.get_apis(MaxResults="zero")
        with pytest.raises(client.exceptions.BadRequestException):
            client.get_apis(NextToken="garbage")

    def test_update_changes_only_what_is_given(self, client: Any, api_id: str) -> None:
        updated = client.update_api(ApiId=api_id, Name="new", DisableExecuteApiEndpoint=True)
        assert (updated["Name"], updated["DisableExecuteApiEndpoint"]) == ("new", True)
        assert updated["ProtocolType"] == "HTTP"
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_api(ApiId=api_id, Name="other", RouteKey="GET /x")
        assert client.get_api(ApiId=api_id)["Name"] == "new"

    def test_disabled_endpoint_reaches_deployed(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        engine = cloud.engine("apigatewayv2")
        assert engine.deployed(api_id, "$default").execute_api_disabled is False
        client.update_api(ApiId=api_id, DisableExecuteApiEndpoint=True)
        assert engine.deployed(api_id, "$default").execute_api_disabled is True

    def test_delete(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        client.delete_api(ApiId=api_id)
        assert client.get_apis()["Items"] == []
        assert cloud.engine("apigatewayv2").deployed(api_id, "$default") is None
        with pytest.raises(client.exceptions.NotFoundException):
            client.get_routes(ApiId=api_id)


class TestCors:
    CORS = {
        "AllowOrigins": ["https://a.example"],
        "AllowMethods": ["GET", "POST"],
        "AllowHeaders": ["content-type"],
        "ExposeHeaders": ["x-id"],
        "AllowCredentials": True,
        "MaxAge": 600,
    }

    def test_cors_round_trip_and_delete(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(
            Name="c", ProtocolType="HTTP", Target=FN, CorsConfiguration=self.CORS
        )["ApiId"]
        assert client.get_api(ApiId=api_id)["CorsConfiguration"] == self.CORS
        engine = cloud.engine("apigatewayv2")
        cors = engine.deployed(api_id, "$default").cors
        assert cors.allow_origins == ("https://a.example",)
        assert cors.allow_methods == ("GET", "POST")
        assert (cors.allow_credentials, cors.max_age) == (True, 600)
        client.delete_cors_configuration(ApiId=api_id)
        assert "CorsConfiguration" not in client.get_api(ApiId=api_id)
        assert engine.deployed(api_id, "$default").cors is None

    def test_update_cors_redeploys_auto_stage(self, client: Any, cloud: Cloud) -> None:
        api_id = client.create_api(Name="c", ProtocolType="HTTP", Target=FN)["ApiId"]
        engine = cloud.engine("apigatewayv2")
        before = engine.deployed(api_id, "$default").deployment_id
        client.update_api(ApiId=api_id, CorsConfiguration={"AllowOrigins": ["*"]})
        after = engine.deployed(api_id, "$default")
        assert after.deployment_id != before
        assert after.cors.allow_origins == ("*",)

    def test_credentials_with_wildcard_origin_refused(self, client: Any, api_id: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_api(
                ApiId=api_id,
                CorsConfiguration={"AllowOrigins": ["*"], "AllowCredentials": True},
            )
        assert "CorsConfiguration" not in client.get_api(ApiId=api_id)

    def test_max_age_both_sides(self, client: Any, api_id: str) -> None:
        client.update_api(ApiId=api_id, CorsConfiguration={"MaxAge": 86_400})
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_api(ApiId=api_id, CorsConfiguration={"MaxAge": 86_401})
        assert client.get_api(ApiId=api_id)["CorsConfiguration"] == {"MaxAge": 86_400}


class TestTags:
    def test_api_and_stage_tags(self, client: Any, api_id: str) -> None:
        arn = f"arn:aws:apigateway:us-east-1::/apis/{api_id}"
        client.tag_resource(ResourceArn=arn, Tags={"a": "1", "b": "2"})
        client.untag_resource(ResourceArn=arn, TagKeys=["a", "missing"])
        assert client.get_tags(ResourceArn=arn)["Tags"] == {"b": "2"}
        assert client.get_api(ApiId=api_id)["Tags"] == {"b": "2"}
        client.create_stage(ApiId=api_id, StageName="prod", Tags={"s": "1"})
        stage_arn = f"{arn}/stages/prod"
        client.tag_resource(ResourceArn=stage_arn, Tags={"t": "2"})
        assert client.get_tags(ResourceArn=stage_arn)["Tags"] == {"s": "1", "t": "2"}

    def test_unknown_resource(self, client: Any, api_id: str) -> None:
        for arn in (
            "arn:aws:apigateway:us-east-1::/apis/nothere",
            "nonsense",
            f"arn:aws:apigateway:us-east-1::/apis/{api_id}/stages/none",
        ):
            with pytest.raises(client.exceptions.NotFoundException):
                client.get_tags(ResourceArn=arn)

    def test_fifty_tags_then_refused(self, client: Any, api_id: str) -> None:
        arn = f"arn:aws:apigateway:us-east-1::/apis/{api_id}"
        client.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(50)})
        with pytest.raises(client.exceptions.BadRequestException):
            client.tag_resource(ResourceArn=arn, Tags={"one-more": "v"})
        client.tag_resource(ResourceArn=arn, Tags={"k0": "replaced"})  # a replace is no new tag
        assert len(client.get_tags(ResourceArn=arn)["Tags"]) == 50


class TestIdsAndQuota:
    def test_same_seed_same_ids(self) -> None:
        def ids() -> list[str]:
            with Cloud(clock=ManualClock(0), seed=3) as cloud:
                client = cloud.client("apigatewayv2")
                return [
                    client.create_api(Name=str(i), ProtocolType="HTTP")["ApiId"] for i in range(3)
                ]

        assert ids() == ids()

    def test_ids_unique_across_rest_and_http(self, cloud: Cloud) -> None:
        rest = cloud.client("apigateway")
        http = cloud.client("apigatewayv2")
        made = {rest.create_rest_api(name=f"r{i}")["id"] for i in range(20)}
        made |= {http.create_api(Name=f"h{i}", ProtocolType="HTTP")["ApiId"] for i in range(20)}
        assert len(made) == 40
        engine = cloud.engine("apigatewayv2")
        assert engine._rest_has(next(iter(made - {a for a in made if engine.has_api(a)})))

    def test_an_id_a_rest_api_holds_is_drawn_again(
        self, cloud: Cloud, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        rest_id = cloud.client("apigateway").create_rest_api(name="r")["id"]
        draws = iter([list(rest_id), list("b" * 10)])
        monkeypatch.setattr(cloud.ids.random, "choices", lambda *a, **k: next(draws))
        made = cloud.client("apigatewayv2").create_api(Name="h", ProtocolType="HTTP")
        assert made["ApiId"] == "b" * 10

    def test_apis_per_region_both_sides(self) -> None:
        with Cloud(clock=ManualClock(0), limits={"apigatewayv2": {"max_apis": 3}}) as cloud:
            client = cloud.client("apigatewayv2")
            for i in range(3):
                client.create_api(Name=str(i), ProtocolType="HTTP")
            with pytest.raises(client.exceptions.TooManyRequestsException):
                client.create_api(Name="4", ProtocolType="HTTP")
            assert len(client.get_apis()["Items"]) == 3


class TestSnapshotAndDeployed:
    def test_restore_brings_back_the_api_and_what_it_serves(
        self, client: Any, cloud: Cloud
    ) -> None:
        api_id = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)["ApiId"]
        engine = cloud.engine("apigatewayv2")
        served = engine.deployed(api_id, "$default").deployment_id
        snap = cloud.snapshot()
        client.delete_api(ApiId=api_id)
        assert engine.deployed(api_id, "$default") is None
        cloud.restore(snap)
        assert [a["ApiId"] for a in client.get_apis()["Items"]] == [api_id]
        assert cloud.engine("apigatewayv2").deployed(api_id, "$default").deployment_id == served

    def test_unknown_api_or_stage_is_none(self, client: Any, cloud: Cloud, api_id: str) -> None:
        engine = cloud.engine("apigatewayv2")
        assert engine.deployed("nothere000", "$default") is None
        assert engine.deployed(api_id, "prod") is None
        assert engine.has_api(api_id) and not engine.has_api("nothere000")
