"""Canary release deployments: ``canarySettings`` on CreateStage, CreateDeployment and
UpdateStage, and the runtime sending the canary's share (drawn from the Cloud's seed) to
the canary's deployment with its stage variable overrides."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock


def _replace(path: str, value: str) -> dict[str, str]:
    return {"op": "replace", "path": path, "value": value}


def _versioned_api(cloud: Cloud, gw: Any) -> dict[str, str]:
    """``GET /v`` answers the function's version and the stage variable ``color``;
    deployment ``d1`` calls ``v1``, deployment ``d2`` calls ``v2``; stage ``prod`` serves d1."""
    for version in ("v1", "v2"):

        def handler(event: dict[str, Any], context: Any, version: str = version) -> Any:
            variables = event["stageVariables"] or {}
            body = {"version": version, "color": variables.get("color")}
            return {"statusCode": 200, "body": json.dumps(body)}

        cloud.lambda_.create_function(version, handler=handler)
    api = gw.create_rest_api(name="shop")
    res = gw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="v")
    where = {"restApiId": api["id"], "resourceId": res["id"], "httpMethod": "GET"}
    gw.put_method(**where, authorizationType="NONE")

    def integrate(name: str) -> None:
        arn = cloud.engine("lambda").function_arn(name)
        gw.put_integration(
            **where,
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations",
        )

    integrate("v1")
    d1 = gw.create_deployment(restApiId=api["id"], stageName="prod", variables={"color": "blue"})
    integrate("v2")
    return {"api": api["id"], "d1": d1["id"], "resource": res["id"]}


def _versions(cloud: Cloud, api_id: str, n: int) -> list[str]:
    return [cloud.gateway.invoke(api_id, "prod", "GET", "/v").json()["version"] for _ in range(n)]


class TestCreateDeploymentWithCanary:
    def test_the_new_deployment_becomes_the_stage_canary(self, cloud: Cloud, gw: Any) -> None:
        ids = _versioned_api(cloud, gw)
        d2 = gw.create_deployment(
            restApiId=ids["api"],
            stageName="prod",
            canarySettings={"percentTraffic": 10.5, "stageVariableOverrides": {"color": "red"}},
        )
        stage = gw.get_stage(restApiId=ids["api"], stageName="prod")
        assert stage["deploymentId"] == ids["d1"]
        assert stage["canarySettings"] == {
            "percentTraffic": 10.5,
            "deploymentId": d2["id"],
            "stageVariableOverrides": {"color": "red"},
            "useStageCache": False,
        }
        assert stage["variables"] == {"color": "blue"}

    def test_a_canary_needs_an_existing_stage(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        ids = _versioned_api(cloud, gw)
        for kwargs in ({"stageName": "beta"}, {}):
            refused(
                gw.create_deployment,
                "BadRequestException",
                restApiId=ids["api"],
                canarySettings={"percentTraffic": 5.0},
                **kwargs,
            )
        assert len(gw.get_deployments(restApiId=ids["api"])["items"]) == 1
        assert [s["stageName"] for s in gw.get_stages(restApiId=ids["api"])["item"]] == ["prod"]

    @pytest.mark.parametrize("percent", [0.0, 100.0])
    def test_percent_bounds_accepted(self, cloud: Cloud, gw: Any, percent: float) -> None:
        ids = _versioned_api(cloud, gw)
        gw.create_deployment(
            restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": percent}
        )
        stage = gw.get_stage(restApiId=ids["api"], stageName="prod")
        assert stage["canarySettings"]["percentTraffic"] == percent

    @pytest.mark.parametrize("percent", [-0.1, 100.1])
    def test_percent_out_of_bounds_refused(
        self, cloud: Cloud, gw: Any, refused: Any, percent: float
    ) -> None:
        ids = _versioned_api(cloud, gw)
        refused(
            gw.create_deployment,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="prod",
            canarySettings={"percentTraffic": percent},
        )
        assert "canarySettings" not in gw.get_stage(restApiId=ids["api"], stageName="prod")
        assert len(gw.get_deployments(restApiId=ids["api"])["items"]) == 1

    def test_bad_override_name_refused(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        ids = _versioned_api(cloud, gw)
        refused(
            gw.create_deployment,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="prod",
            canarySettings={"percentTraffic": 5.0, "stageVariableOverrides": {"a-b": "x"}},
        )
        assert "canarySettings" not in gw.get_stage(restApiId=ids["api"], stageName="prod")


class TestCanaryTraffic:
    def test_zero_and_hundred_percent(self, cloud: Cloud, client: Any) -> None:
        ids = _versioned_api(cloud, client)
        client.create_deployment(
            restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": 0.0}
        )
        assert set(_versions(cloud, ids["api"], 50)) == {"v1"}
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/canarySettings/percentTraffic", "100")],
        )
        assert set(_versions(cloud, ids["api"], 50)) == {"v2"}

    def test_the_share_is_drawn_from_the_seed(self, client: Any) -> None:
        def run(seed: int) -> list[str]:
            with Cloud(clock=ManualClock(1_700_000_000), seed=seed) as c:
                gw = c.client("apigateway")
                ids = _versioned_api(c, gw)
                gw.create_deployment(
                    restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": 25.0}
                )
                return _versions(c, ids["api"], 400)

        first = run(11)
        assert first == run(11)  # reproducible from the seed
        share = first.count("v2") / len(first)
        assert 0.18 < share < 0.32
        assert first != run(12)

    def test_canary_sees_its_stage_variable_overrides(self, cloud: Cloud, client: Any) -> None:
        ids = _versioned_api(cloud, client)
        client.create_deployment(
            restApiId=ids["api"],
            stageName="prod",
            canarySettings={"percentTraffic": 100.0, "stageVariableOverrides": {"color": "red"}},
        )
        answer = cloud.gateway.invoke(ids["api"], "prod", "GET", "/v").json()
        assert answer == {"version": "v2", "color": "red"}
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/canarySettings/percentTraffic", "0")],
        )
        answer = cloud.gateway.invoke(ids["api"], "prod", "GET", "/v").json()
        assert answer == {"version": "v1", "color": "blue"}

    def test_access_log_says_which_side_served(self, cloud: Cloud, client: Any) -> None:
        ids = _versioned_api(cloud, client)
        fmt = "$context.isCanaryRequest $context.status"
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/accessLogSettings/format", fmt)],
        )
        cloud.gateway.invoke(ids["api"], "prod", "GET", "/v")
        client.create_deployment(
            restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": 100.0}
        )
        cloud.gateway.invoke(ids["api"], "prod", "GET", "/v")
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/canarySettings/percentTraffic", "0")],
        )
        cloud.gateway.invoke(ids["api"], "prod", "GET", "/v")
        log = cloud.engine("execute-api").access_log(ids["api"], "prod")
        assert log == ["- 200", "true 200", "false 200"]


class TestCanaryOnStages:
    def test_create_stage_with_canary(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        ids = _versioned_api(cloud, gw)
        d2 = gw.create_deployment(restApiId=ids["api"])
        refused(
            gw.create_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="beta",
            deploymentId=ids["d1"],
            canarySettings={"percentTraffic": 50.0, "deploymentId": "nope00"},
        )
        assert len(gw.get_stages(restApiId=ids["api"])["item"]) == 1
        stage = gw.create_stage(
            restApiId=ids["api"],
            stageName="beta",
            deploymentId=ids["d1"],
            canarySettings={
                "percentTraffic": 50.0,
                "deploymentId": d2["id"],
                "useStageCache": True,
            },
        )
        assert stage["canarySettings"] == {
            "percentTraffic": 50.0,
            "deploymentId": d2["id"],
            "useStageCache": True,
        }

    def test_patching_a_canary_onto_a_stage_uses_its_deployment(
        self, cloud: Cloud, gw: Any
    ) -> None:
        ids = _versioned_api(cloud, gw)
        stage = gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[
                _replace("/canarySettings/percentTraffic", "20"),
                {"op": "add", "path": "/canarySettings/stageVariableOverrides/color", "value": "x"},
                _replace("/canarySettings/useStageCache", "true"),
            ],
        )
        assert stage["canarySettings"] == {
            "percentTraffic": 20.0,
            "deploymentId": ids["d1"],
            "useStageCache": True,
            "stageVariableOverrides": {"color": "x"},
        }
        stage = gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[
                {"op": "remove", "path": "/canarySettings/stageVariableOverrides/color"}
            ],
        )
        assert "stageVariableOverrides" not in stage["canarySettings"]
        stage = gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[{"op": "remove", "path": "/canarySettings"}],
        )
        assert "canarySettings" not in stage

    @pytest.mark.parametrize(
        "op",
        [
            _replace("/canarySettings/percentTraffic", "100.1"),
            _replace("/canarySettings/percentTraffic", "-1"),
            _replace("/canarySettings/percentTraffic", "ten"),
            _replace("/canarySettings/deploymentId", "nope00"),
            _replace("/canarySettings/useStageCache", "maybe"),
            _replace("/canarySettings/stageVariableOverrides/a-b", "x"),
            _replace("/canarySettings/color", "x"),
        ],
    )
    def test_bad_canary_patches_change_nothing(
        self, cloud: Cloud, gw: Any, refused: Any, op: dict[str, str]
    ) -> None:
        ids = _versioned_api(cloud, gw)
        before = gw.get_stage(restApiId=ids["api"], stageName="prod")
        before.pop("ResponseMetadata", None)
        refused(
            gw.update_stage,
            "BadRequestException",
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/canarySettings/percentTraffic", "5"), op],
        )
        after = gw.get_stage(restApiId=ids["api"], stageName="prod")
        after.pop("ResponseMetadata", None)
        assert after == before

    def test_promotion(self, cloud: Cloud, client: Any) -> None:
        ids = _versioned_api(cloud, client)
        d2 = client.create_deployment(
            restApiId=ids["api"],
            stageName="prod",
            canarySettings={"percentTraffic": 10.0, "stageVariableOverrides": {"color": "red"}},
        )
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[
                _replace("/deploymentId", d2["id"]),
                _replace("/variables/color", "red"),
                _replace("/canarySettings/percentTraffic", "0.0"),
            ],
        )
        assert set(_versions(cloud, ids["api"], 20)) == {"v2"}
        answer = cloud.gateway.invoke(ids["api"], "prod", "GET", "/v").json()
        assert answer["color"] == "red"

    def test_the_canary_deployment_cannot_be_deleted(
        self, cloud: Cloud, gw: Any, refused: Any
    ) -> None:
        ids = _versioned_api(cloud, gw)
        d2 = gw.create_deployment(
            restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": 1.0}
        )
        refused(
            gw.delete_deployment,
            "BadRequestException",
            restApiId=ids["api"],
            deploymentId=d2["id"],
        )
        gw.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[{"op": "remove", "path": "/canarySettings"}],
        )
        gw.delete_deployment(restApiId=ids["api"], deploymentId=d2["id"])

    def test_stage_cache_only_with_use_stage_cache(self, cloud: Cloud, client: Any) -> None:
        ids = _versioned_api(cloud, client)
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/cacheClusterEnabled", "true")],
        )
        client.create_deployment(
            restApiId=ids["api"], stageName="prod", canarySettings={"percentTraffic": 50.0}
        )
        served = cloud.engine("apigateway").deployed(ids["api"], "prod")
        assert served.routes[0].cache is not None
        assert served.canary.routes[0].cache is None and served.canary.is_canary
        client.update_stage(
            restApiId=ids["api"],
            stageName="prod",
            patchOperations=[_replace("/canarySettings/useStageCache", "true")],
        )
        served = cloud.engine("apigateway").deployed(ids["api"], "prod")
        assert served.canary.routes[0].cache is not None
        assert served.canary_percent == 50.0
