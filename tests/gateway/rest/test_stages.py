"""Deployments (immutable snapshots, seen through ``deployed()``) and stages: variables,
method settings, access logs, limits and what is refused until emulated."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway._deployed import ThrottleSpec


def engine(cloud: Cloud) -> Any:
    return cloud.engine("apigateway")


def replace(path: str, value: str) -> dict[str, str]:
    return {"op": "replace", "path": path, "value": value}


class TestDeployments:
    def test_an_api_without_methods_or_integrations_cannot_deploy(
        self, gw: Any, refused: Any
    ) -> None:
        api = gw.create_rest_api(name="empty")
        message = refused(gw.create_deployment, "BadRequestException", restApiId=api["id"])
        assert message == "The REST API doesn't contain any methods"
        gw.put_method(
            restApiId=api["id"],
            resourceId=api["rootResourceId"],
            httpMethod="GET",
            authorizationType="NONE",
        )
        message = refused(
            gw.create_deployment, "BadRequestException", restApiId=api["id"], stageName="s"
        )
        assert message == "No integration defined for method"
        assert gw.get_deployments(restApiId=api["id"])["items"] == []
        assert gw.get_stages(restApiId=api["id"])["item"] == []

    def test_deploy_with_a_stage_serves_the_routes(
        self, gw: Any, cloud: Cloud, simple_api: Any
    ) -> None:
        ids = simple_api(gw)
        deployment = gw.create_deployment(restApiId=ids["api"], stageName="prod", description="v1")
        assert len(deployment["id"]) == 6 and deployment["description"] == "v1"
        stage = gw.get_stage(restApiId=ids["api"], stageName="prod")
        assert stage["deploymentId"] == deployment["id"]
        served = engine(cloud).deployed(ids["api"], "prod")
        assert served.kind == "REST" and served.deployment_id == deployment["id"]
        (route,) = served.routes
        assert (route.method, route.path, route.route_id) == ("GET", "/items/{id}", ids["item"])
        assert route.integration.type == "AWS_PROXY" and route.integration.timeout_ms == 29_000
        assert engine(cloud).deployed(ids["api"], "nope") is None
        assert engine(cloud).deployed("nope", "prod") is None

    def test_a_deployment_is_immutable(self, gw: Any, cloud: Cloud, simple_api: Any) -> None:
        ids = simple_api(gw)
        gw.create_deployment(restApiId=ids["api"], stageName="prod")
        gw.put_method(
            restApiId=ids["api"],
            resourceId=ids["items"],
            httpMethod="ANY",
            authorizationType="NONE",
        )
        gw.put_integration(
            restApiId=ids["api"], resourceId=ids["items"], httpMethod="ANY", type="MOCK"
        )
        gw.update_integration(
            restApiId=ids["api"],
            resourceId=ids["item"],
            httpMethod="GET",
            patchOperations=[replace("/timeoutInMillis", "500")],
        )
        gw.update_rest_api(
            restApiId=ids["api"],
            patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}],
        )
        before = engine(cloud).deployed(ids["api"], "prod")
        assert [r.path for r in before.routes] == ["/items/{id}"]
        assert before.routes[0].integration.timeout_ms == 29_000
        assert before.binary_media_types == ()
        second = gw.create_deployment(restApiId=ids["api"], stageName="prod")
        after = engine(cloud).deployed(ids["api"], "prod")
        assert after.deployment_id == second["id"]
        assert sorted((r.method, r.path) for r in after.routes) == [
            ("ANY", "/items"),
            ("GET", "/items/{id}"),
        ]
        assert {r.path: r.integration.timeout_ms for r in after.routes}["/items/{id}"] == 500
        assert after.binary_media_types == ("image/png",)

    def test_get_and_delete_deployments(self, gw: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(gw)
        first = gw.create_deployment(restApiId=ids["api"], stageName="prod")
        second = gw.create_deployment(restApiId=ids["api"])
        summary = gw.get_deployment(
            restApiId=ids["api"], deploymentId=first["id"], embed=["apisummary"]
        )
        assert summary["apiSummary"] == {
            "/items/{id}": {"GET": {"authorizationType": "NONE", "apiKeyRequired": False}}
        }
        assert [d["id"] for d in gw.get_deployments(restApiId=ids["api"])["items"]] == [
            first["id"],
            second["id"],
        ]
        message = refused(
            gw.delete_deployment,
            "BadRequestException",
            restApiId=ids["api"],
            deploymentId=first["id"],
        )
        assert message == "Active stages pointing to this deployment must be moved or deleted"
        gw.delete_deployment(restApiId=ids["api"], deploymentId=second["id"])
        refused(
            gw.get_deployment, "NotFoundException", restApiId=ids["api"], deploymentId=second["id"]
        )
        updated = gw.update_deployment(
            restApiId=ids["api"],
            deploymentId=first["id"],
            patchOperations=[replace("/description", "d")],
        )
        assert updated["description"] == "d"


class TestStages:
    def test_create_get_update_delete(
        self, gw: Any, cloud: Cloud, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(gw)
        deployment = gw.create_deployment(restApiId=ids["api"])
        stage = gw.create_stage(
            restApiId=ids["api"],
            stageName="dev",
            deploymentId=deployment["id"],
            description="d",
            variables={"fn": "f"},
            tags={"t": "1"},
        )
        assert stage["variables"] == {"fn": "f"} and stage["tags"] == {"t": "1"}
        assert stage["cacheClusterEnabled"] is False and stage["methodSettings"] == {}
        assert stage["createdDate"] == cloud.now()
        refused(
            gw.create_stage,
            "ConflictException",
            restApiId=ids["api"],
            stageName="dev",
            deploymentId=deployment["id"],
        )
        refused(
            gw.create_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="x",
            deploymentId="nope00",
        )
        refused(
            gw.create_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="a b",
            deploymentId=deployment["id"],
        )
        assert engine(cloud).deployed(ids["api"], "dev").stage_variables == {"fn": "f"}
        gw.update_stage(
            restApiId=ids["api"],
            stageName="dev",
            patchOperations=[
                replace("/variables/fn", "g"),
                {"op": "add", "path": "/variables/extra", "value": "1"},
                replace("/accessLogSettings/format", "$context.requestId $context.status"),
                replace(
                    "/accessLogSettings/destinationArn",
                    "arn:aws:logs:us-east-1:123456789012:log-group:x",
                ),
            ],
        )
        served = engine(cloud).deployed(ids["api"], "dev")
        assert served.stage_variables == {"fn": "g", "extra": "1"}
        assert served.access_log_format == "$context.requestId $context.status"
        gw.update_stage(
            restApiId=ids["api"],
            stageName="dev",
            patchOperations=[
                {"op": "remove", "path": "/variables/extra"},
                {"op": "remove", "path": "/accessLogSettings"},
            ],
        )
        served = engine(cloud).deployed(ids["api"], "dev")
        assert served.stage_variables == {"fn": "g"} and served.access_log_format is None
        gw.delete_stage(restApiId=ids["api"], stageName="dev")
        refused(
            gw.get_stage,
            "NotFoundException",
            "Invalid Stage identifier specified",
            restApiId=ids["api"],
            stageName="dev",
        )
        assert engine(cloud).deployed(ids["api"], "dev") is None

    def test_stage_moves_to_another_deployment(
        self, gw: Any, cloud: Cloud, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(gw)
        first = gw.create_deployment(restApiId=ids["api"], stageName="prod")
        second = gw.create_deployment(restApiId=ids["api"])
        assert engine(cloud).deployed(ids["api"], "prod").deployment_id == first["id"]
        gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[replace("/deploymentId", second["id"])],
        )
        assert engine(cloud).deployed(ids["api"], "prod").deployment_id == second["id"]
        refused(
            gw.update_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[replace("/deploymentId", "nope00")],
        )
        stages = gw.get_stages(restApiId=ids["api"], deploymentId=first["id"])["item"]
        assert stages == []

    def test_throttling_from_method_settings(
        self, gw: Any, cloud: Cloud, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(gw)
        gw.create_deployment(restApiId=ids["api"], stageName="prod")
        stage = gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[
                replace("/*/*/throttling/rateLimit", "100"),
                replace("/*/*/throttling/burstLimit", "50"),
                replace("/~1items~1{id}/GET/throttling/rateLimit", "2.5"),
                replace("/~1items~1{id}/GET/metrics/enabled", "true"),
            ],
        )
        settings = stage["methodSettings"]
        assert settings["*/*"]["throttlingRateLimit"] == 100.0
        assert settings["*/*"]["throttlingBurstLimit"] == 50
        assert settings["items/{id}/GET"]["throttlingRateLimit"] == 2.5
        assert settings["items/{id}/GET"]["throttlingBurstLimit"] == 5000  # AWS's default filled in
        assert settings["items/{id}/GET"]["metricsEnabled"] is True
        served = engine(cloud).deployed(ids["api"], "prod")
        assert served.throttle == ThrottleSpec(rate=100.0, burst=50)
        assert served.routes[0].throttle == ThrottleSpec(rate=2.5, burst=5000)
        for bad in (
            replace("/*/*/throttling/rateLimit", "-1"),
            replace("/*/*/throttling/burstLimit", "lots"),
            replace("/*/*/throttling/speed", "1"),
            replace("/*/*/caching/enabled", "maybe"),
            replace("/*/*/caching/ttlInSeconds", "3601"),
            replace("/*/*/caching/unauthorizedCacheControlHeaderStrategy", "IGNORE"),
            replace("/*/*/logging/loglevel", "INFO"),
        ):
            refused(
                gw.update_stage,
                "BadRequestException",
                restApiId=ids["api"],
                stageName="prod",
                patchOperations=[bad],
            )
        gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[{"op": "remove", "path": "/*/*"}],
        )
        assert engine(cloud).deployed(ids["api"], "prod").throttle is None

    def test_tracing_is_refused(self, gw: Any, simple_api: Any, refused: Any) -> None:
        # Canary settings are emulated now: tests/gateway/rest/test_canary.py.
        ids = simple_api(gw)
        dep = gw.create_deployment(restApiId=ids["api"], stageName="prod")
        message = refused(
            gw.create_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="c",
            deploymentId=dep["id"],
            tracingEnabled=True,
        )
        assert "not emulated yet" in message
        refused(
            gw.update_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[replace("/tracingEnabled", "true")],
        )
        assert [s["stageName"] for s in gw.get_stages(restApiId=ids["api"])["item"]] == ["prod"]


class TestStageLimits:
    def test_ten_stages_per_api(self, client: Any, simple_api: Any, refused: Any) -> None:
        ids = simple_api(client)
        dep = client.create_deployment(restApiId=ids["api"])
        for n in range(10):
            client.create_stage(restApiId=ids["api"], stageName=f"s{n}", deploymentId=dep["id"])
        refused(
            client.create_stage,
            "LimitExceededException",
            restApiId=ids["api"],
            stageName="s10",
            deploymentId=dep["id"],
        )
        refused(
            client.create_deployment,
            "LimitExceededException",
            restApiId=ids["api"],
            stageName="s10",
        )
        client.create_deployment(
            restApiId=ids["api"], stageName="s9"
        )  # an existing stage: no new one
        assert len(client.get_stages(restApiId=ids["api"])["item"]) == 10

    @pytest.mark.parametrize(
        ("variables", "ok"),
        [
            ({"k" * 64: "v"}, True),
            ({"k" * 65: "v"}, False),
            ({"k": "v" * 512}, True),
            ({"k": "v" * 513}, False),
            ({"bad-name": "v"}, False),
            ({"k": 'no"quotes'}, False),
            ({f"k{n}": "v" for n in range(100)}, True),
            ({f"k{n}": "v" for n in range(101)}, False),
        ],
    )
    def test_stage_variables_both_sides(
        self, client: Any, simple_api: Any, refused: Any, variables: dict[str, str], ok: bool
    ) -> None:
        ids = simple_api(client)
        dep = client.create_deployment(restApiId=ids["api"])
        kwargs = {
            "restApiId": ids["api"],
            "stageName": "s",
            "deploymentId": dep["id"],
            "variables": variables,
        }
        if ok:
            assert client.create_stage(**kwargs)["variables"] == variables
        else:
            refused(client.create_stage, "BadRequestException", **kwargs)
            assert client.get_stages(restApiId=ids["api"])["item"] == []

    def test_variable_limits_apply_to_patches(
        self, client: Any, simple_api: Any, refused: Any
    ) -> None:
        ids = simple_api(client)
        client.create_deployment(restApiId=ids["api"], stageName="s")
        add = {"op": "add", "path": "/variables/" + "k" * 65, "value": "v"}
        refused(
            client.update_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="s",
            patchOperations=[add],
        )
        add = {"op": "add", "path": "/variables/k", "value": "v" * 513}
        refused(
            client.update_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="s",
            patchOperations=[add],
        )
        assert "variables" not in client.get_stage(restApiId=ids["api"], stageName="s")
