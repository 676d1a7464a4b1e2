"""Stages, deployments and AutoDeploy, asserted through ``deployed()``."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway._deployed import ThrottleSpec

from .conftest import code_of, integration

LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:access"


def routed(client: Any, api_id: str, key: str = "GET /items/{id}") -> str:
    integ = integration(client, api_id)
    return str(
        client.create_route(ApiId=api_id, RouteKey=key, Target=f"integrations/{integ}")["RouteId"]
    )


def keys(cloud: Cloud, api_id: str, stage: str) -> list[str]:
    found = cloud.engine("apigatewayv2").deployed(api_id, stage)
    assert found is not None
    return sorted(f"{r.method} {r.path}".strip() for r in found.routes)


class TestAutoDeploy:
    def test_auto_deploy_stage_follows_every_change(
        self, client: Any, cloud: Cloud, api_id: str
    ) -> None:
        engine = cloud.engine("apigatewayv2")
        routed(client, api_id)
        stage = client.create_stage(ApiId=api_id, StageName="live", AutoDeploy=True)
        first = stage["DeploymentId"]
        assert stage["LastDeploymentStatusMessage"] == (
            f"Successfully deployed stage with deployment ID '{first}'"
        )
        assert keys(cloud, api_id, "live") == ["GET /items/{id}"]
        route_id = routed(client, api_id, "POST /items")
        second = engine.deployed(api_id, "live").deployment_id
        assert second != first
        assert keys(cloud, api_id, "live") == ["GET /items/{id}", "POST /items"]
        client.delete_route(ApiId=api_id, RouteId=route_id)
        assert engine.deployed(api_id, "live").deployment_id not in (first, second)
        assert keys(cloud, api_id, "live") == ["GET /items/{id}"]
        deployments = client.get_deployments(ApiId=api_id)["Items"]
        assert all(d["AutoDeployed"] for d in deployments)
        assert len({d["DeploymentId"] for d in deployments}) == len(deployments) >= 4

    def test_manual_stage_waits_for_create_deployment(
        self, client: Any, cloud: Cloud, api_id: str
    ) -> None:
        engine = cloud.engine("apigatewayv2")
        routed(client, api_id)
        client.create_stage(ApiId=api_id, StageName="prod")
        assert engine.deployed(api_id, "prod") is None  # no deployment yet
        made = client.create_deployment(ApiId=api_id, StageName="prod", Description="v1")
        assert (made["DeploymentStatus"], made["AutoDeployed"]) == ("DEPLOYED", False)
        assert (
            client.get_stage(ApiId=api_id, StageName="prod")["DeploymentId"] == made["DeploymentId"]
        )
        assert keys(cloud, api_id, "prod") == ["GET /items/{id}"]
        routed(client, api_id, "POST /items")
        assert keys(cloud, api_id, "prod") == ["GET /items/{id}"]  # the snapshot holds
        client.create_deployment(ApiId=api_id, StageName="prod")
        assert keys(cloud, api_id, "prod") == ["GET /items/{id}", "POST /items"]

    def test_deployment_without_stage_then_pointed(
        self, client: Any, cloud: Cloud, api_id: str
    ) -> None:
        routed(client, api_id)
        deployment = client.create_deployment(ApiId=api_id)["DeploymentId"]
        routed(client, api_id, "PUT /x")
        client.create_stage(ApiId=api_id, StageName="old", DeploymentId=deployment)
        assert keys(cloud, api_id, "old") == ["GET /items/{id}"]

    def test_switching_auto_deploy_on_deploys_now(
        self, client: Any, cloud: Cloud, api_id: str
    ) -> None:
        routed(client, api_id)
        client.create_stage(ApiId=api_id, StageName="s")
        assert cloud.engine("apigatewayv2").deployed(api_id, "s") is None
        client.update_stage(ApiId=api_id, StageName="s", AutoDeploy=True)
        assert keys(cloud, api_id, "s") == ["GET /items/{id}"]

    def test_create_deployment_refused_on_auto_stage(self, client: Any, api_id: str) -> None:
        client.create_route(ApiId=api_id, RouteKey="GET /x")
        client.create_stage(ApiId=api_id, StageName="s", AutoDeploy=True)
        before = len(client.get_deployments(ApiId=api_id)["Items"])
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_deployment(ApiId=api_id, StageName="s")
        assert len(client.get_deployments(ApiId=api_id)["Items"]) == before
        with pytest.raises(client.exceptions.NotFoundException):
            client.create_deployment(ApiId=api_id, StageName="missing")

    def test_delete_deployment_refused_while_served(self, client: Any, api_id: str) -> None:
        client.create_route(ApiId=api_id, RouteKey="GET /x")
        deployment = client.create_deployment(ApiId=api_id)["DeploymentId"]
        client.create_stage(ApiId=api_id, StageName="s", DeploymentId=deployment)
        with pytest.raises(client.exceptions.BadRequestException):
            client.delete_deployment(ApiId=api_id, DeploymentId=deployment)
        client.delete_stage(ApiId=api_id, StageName="s")
        client.delete_deployment(ApiId=api_id, DeploymentId=deployment)
        with pytest.raises(client.exceptions.NotFoundException) as caught:
            client.get_deployment(ApiId=api_id, DeploymentId=deployment)
        assert code_of(caught)[1] == f"Invalid Deployment identifier specified {deployment}"

    def test_no_routes_no_deployment(self, client: Any, cloud: Cloud, api_id: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_deployment(ApiId=api_id)
        assert code_of(caught)[1] == "Unable to deploy API because no routes exist in this API"
        stage = client.create_stage(ApiId=api_id, StageName="auto", AutoDeploy=True)
        assert "DeploymentId" not in stage
        assert stage["LastDeploymentStatusMessage"] == (
            "Deployment attempt failed: Unable to deploy API because no routes exist in this API"
        )
        assert client.get_deployments(ApiId=api_id)["Items"] == []
        route_id = routed(client, api_id)
        assert keys(cloud, api_id, "auto") == ["GET /items/{id}"]
        client.delete_route(ApiId=api_id, RouteId=route_id)  # the attempt fails: it keeps serving
        assert keys(cloud, api_id, "auto") == ["GET /items/{id}"]
        assert client.get_stage(ApiId=api_id, StageName="auto")[
            "LastDeploymentStatusMessage"
        ].startswith("Deployment attempt failed")


class TestStageSettings:
    def test_shape_and_settings_reach_deployed(
        self, client: Any, cloud: Cloud, api_id: str
    ) -> None:
        routed(client, api_id)
        stage = client.create_stage(
            ApiId=api_id,
            StageName="prod",
            AutoDeploy=True,
            Description="d",
            StageVariables={"fn": "hello", "url": "https://a.example/x?y=1"},
            DefaultRouteSettings={"ThrottlingRateLimit": 10.0, "ThrottlingBurstLimit": 5},
            RouteSettings={
                "GET /items/{id}": {"ThrottlingRateLimit": 1.5, "ThrottlingBurstLimit": 2}
            },
            AccessLogSettings={"DestinationArn": LOG_GROUP, "Format": "$context.requestId"},
        )
        assert stage["CreatedDate"] == cloud.now().replace(microsecond=0)
        assert stage["DefaultRouteSettings"] == {
            "DetailedMetricsEnabled": False,
            "ThrottlingRateLimit": 10.0,
            "ThrottlingBurstLimit": 5,
        }
        found = cloud.engine("apigatewayv2").deployed(api_id, "prod")
        assert found.kind == "HTTP"
        assert found.throttle == ThrottleSpec(10.0, 5)
        assert found.routes[0].throttle == ThrottleSpec(1.5, 2)
        assert found.stage_variables == {"fn": "hello", "url": "https://a.example/x?y=1"}
        assert found.access_log_format == "$context.requestId"
        client.update_stage(
            ApiId=api_id, StageName="prod", DefaultRouteSettings={"ThrottlingRateLimit": 20.0}
        )
        assert cloud.engine("apigatewayv2").deployed(api_id, "prod").throttle == ThrottleSpec(
            20.0, 5
        )

    def test_route_settings_need_a_route(self, client: Any, api_id: str) -> None:
        with pytest.raises(client.exceptions.BadRequestException) as caught:
            client.create_stage(
                ApiId=api_id,
                StageName="s",
                RouteSettings={"GET /none": {"ThrottlingBurstLimit": 1}},
            )
        assert code_of(caught)[1] == (
            "Unable to find Route by key GET /none within the provided RouteSettings"
        )
        assert client.get_stages(ApiId=api_id)["Items"] == []

    @pytest.mark.parametrize(
        "extra",
        [
            {"StageName": "bad name"},
            {"StageName": "x" * 129},
            {"ClientCertificateId": "abc"},
            {"DefaultRouteSettings": {"LoggingLevel": "INFO"}},
            {"DefaultRouteSettings": {"ThrottlingBurstLimit": -1}},
            {"AccessLogSettings": {"Format": "$context.requestId"}},
            {"AccessLogSettings": {"DestinationArn": "arn:aws:s3:::b", "Format": "x"}},
            {"StageVariables": {"bad-key": "v"}},
            {"StageVariables": {"k": "bad value"}},
            {"DeploymentId": "nothere12"},
        ],
    )
    def test_refused(self, client: Any, api_id: str, extra: dict[str, Any]) -> None:
        params = {"StageName": "s", **extra}
        with pytest.raises(
            (client.exceptions.BadRequestException, client.exceptions.NotFoundException)
        ):
            client.create_stage(ApiId=api_id, **params)
        assert client.get_stages(ApiId=api_id)["Items"] == []

    def test_stage_name_128_accepted_and_default(self, client: Any, api_id: str) -> None:
        client.create_stage(ApiId=api_id, StageName="x" * 128)
        client.create_stage(ApiId=api_id, StageName="$default")
        with pytest.raises(client.exceptions.ConflictException):
            client.create_stage(ApiId=api_id, StageName="$default")

    def test_stages_per_api_both_sides(self, client: Any, api_id: str) -> None:
        for i in range(10):
            client.create_stage(ApiId=api_id, StageName=f"s{i}")
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.create_stage(ApiId=api_id, StageName="s10")
        assert len(client.get_stages(ApiId=api_id)["Items"]) == 10

    def test_stage_variables_both_sides(self, client: Any, api_id: str) -> None:
        client.create_stage(
            ApiId=api_id, StageName="a", StageVariables={f"k{i}": "v" for i in range(100)}
        )
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_stage(
                ApiId=api_id, StageName="b", StageVariables={f"k{i}": "v" for i in range(101)}
            )
        client.create_stage(ApiId=api_id, StageName="c", StageVariables={"k" * 64: "v" * 512})
        for bad in ({"k" * 65: "v"}, {"k": "v" * 513}):
            with pytest.raises(client.exceptions.BadRequestException):
                client.create_stage(ApiId=api_id, StageName="d", StageVariables=bad)
        assert len(client.get_stages(ApiId=api_id)["Items"]) == 2

    def test_access_log_format_both_sides(self, client: Any, api_id: str) -> None:
        client.create_stage(
            ApiId=api_id,
            StageName="a",
            AccessLogSettings={"DestinationArn": LOG_GROUP, "Format": "x" * 3072},
        )
        with pytest.raises(client.exceptions.BadRequestException):
            client.create_stage(
                ApiId=api_id,
                StageName="b",
                AccessLogSettings={"DestinationArn": LOG_GROUP, "Format": "x" * 3073},
            )

    def test_update_refused_changes_nothing(self, client: Any, api_id: str) -> None:
        client.create_stage(ApiId=api_id, StageName="s", StageVariables={"a": "1"})
        with pytest.raises(client.exceptions.BadRequestException):
            client.update_stage(
                ApiId=api_id,
                StageName="s",
                StageVariables={"b": "2"},
                DefaultRouteSettings={"DataTraceEnabled": True},
            )
        assert client.get_stage(ApiId=api_id, StageName="s")["StageVariables"] == {"a": "1"}

    def test_unknown_stage(self, client: Any, api_id: str) -> None:
        for call in (client.get_stage, client.update_stage, client.delete_stage):
            with pytest.raises(client.exceptions.NotFoundException):
                call(ApiId=api_id, StageName="none")
