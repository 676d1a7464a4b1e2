"""API keys, usage plans, usage plan keys, GetUsage and tags, through both clients, and the
runtime's views (``usage_plans_for``, ``api_key_by_value``, ``api_key_by_id``)."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway._deployed import ApiKeyView, ThrottleSpec, UsagePlanView


def deployed_api(gw: Any, simple_api: Any, stage: str = "prod") -> str:
    ids = simple_api(gw)
    gw.create_deployment(restApiId=ids["api"], stageName=stage)
    return str(ids["api"])


class TestApiKeys:
    def test_create_get_list(self, gw: Any, cloud: Cloud, refused: Any) -> None:
        key = gw.create_api_key(name="alpha", customerId="c1")
        assert key["enabled"] is False  # AWS's default
        assert len(key["value"]) == 40 and len(key["id"]) == 10
        assert key["createdDate"] == cloud.now()
        assert "value" not in gw.get_api_key(apiKey=key["id"])
        assert gw.get_api_key(apiKey=key["id"], includeValue=True)["value"] == key["value"]
        mine = gw.create_api_key(name="beta", value="b" * 20, enabled=True)
        assert mine["value"] == "b" * 20
        refused(gw.create_api_key, "BadRequestException", name="short", value="c" * 19)
        refused(gw.create_api_key, "ConflictException", name="dup", value="b" * 20)
        listed = gw.get_api_keys()["items"]
        assert [k["name"] for k in listed] == ["alpha", "beta"] and "value" not in listed[0]
        assert [k["value"] for k in gw.get_api_keys(includeValues=True)["items"]] == [
            key["value"],
            "b" * 20,
        ]
        assert [k["name"] for k in gw.get_api_keys(nameQuery="be")["items"]] == ["beta"]
        assert [k["name"] for k in gw.get_api_keys(customerId="c1")["items"]] == ["alpha"]

    def test_update_delete_and_views(self, gw: Any, cloud: Cloud, refused: Any) -> None:
        key = gw.create_api_key(name="k")
        engine = cloud.engine("apigateway")
        assert engine.api_key_by_value(key["value"]) == ApiKeyView(key["id"], key["value"], False)
        updated = gw.update_api_key(
            apiKey=key["id"],
            patchOperations=[
                {"op": "replace", "path": "/enabled", "value": "true"},
                {"op": "replace", "path": "/description", "value": "d"},
            ],
        )
        assert updated["enabled"] is True and updated["description"] == "d"
        assert engine.api_key_by_id(key["id"]).enabled is True
        refused(
            gw.update_api_key,
            "BadRequestException",
            apiKey=key["id"],
            patchOperations=[{"op": "replace", "path": "/value", "value": "x" * 30}],
        )
        gw.delete_api_key(apiKey=key["id"])
        refused(
            gw.get_api_key,
            "NotFoundException",
            "Invalid API Key identifier specified",
            apiKey=key["id"],
        )
        assert engine.api_key_by_value(key["value"]) is None
        assert engine.api_key_by_id(key["id"]) is None

    def test_stage_keys_must_exist(self, gw: Any, simple_api: Any, refused: Any) -> None:
        api = deployed_api(gw, simple_api)
        key = gw.create_api_key(name="k", stageKeys=[{"restApiId": api, "stageName": "prod"}])
        assert key["stageKeys"] == [f"{api}/prod"]
        refused(
            gw.create_api_key,
            "BadRequestException",
            name="k2",
            stageKeys=[{"restApiId": api, "stageName": "dev"}],
        )

    def test_key_limit_both_sides(self, refused: Any) -> None:
        client = Cloud.manual(limits={"apigateway": {"max_api_keys": 3}}).client("apigateway")
        for n in range(3):
            client.create_api_key(name=f"k{n}")
        refused(client.create_api_key, "LimitExceededException", name="k3")


class TestUsagePlans:
    def test_plan_with_stages_throttle_quota(
        self, gw: Any, cloud: Cloud, simple_api: Any, refused: Any
    ) -> None:
        api = deployed_api(gw, simple_api)
        plan = gw.create_usage_plan(
            name="gold",
            apiStages=[
                {
                    "apiId": api,
                    "stage": "prod",
                    "throttle": {"/items/{id}/GET": {"rateLimit": 2.0, "burstLimit": 1}},
                }
            ],
            throttle={"rateLimit": 10.0, "burstLimit": 5},
            quota={"limit": 1000, "period": "WEEK", "offset": 6},
        )
        assert plan["quota"] == {"limit": 1000, "offset": 6, "period": "WEEK"}
        assert gw.get_usage_plan(usagePlanId=plan["id"])["name"] == "gold"
        key = gw.create_api_key(name="k", enabled=True)
        plan_key = gw.create_usage_plan_key(
            usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY"
        )
        assert plan_key == {
            **plan_key,
            "id": key["id"],
            "type": "API_KEY",
            "value": key["value"],
            "name": "k",
        }
        refused(
            gw.create_usage_plan_key,
            "ConflictException",
            usagePlanId=plan["id"],
            keyId=key["id"],
            keyType="API_KEY",
        )
        refused(
            gw.create_usage_plan_key,
            "NotFoundException",
            usagePlanId=plan["id"],
            keyId="nope",
            keyType="API_KEY",
        )
        (view,) = cloud.engine("apigateway").usage_plans_for(api, "prod")
        assert view == UsagePlanView(
            plan_id=plan["id"],
            throttle=ThrottleSpec(rate=10.0, burst=5),
            quota={"limit": 1000, "offset": 6, "period": "WEEK"},
            method_throttles={"/items/{id}/GET": ThrottleSpec(rate=2.0, burst=1)},
            key_ids=frozenset({key["id"]}),
        )
        assert cloud.engine("apigateway").usage_plans_for(api, "dev") == ()
        assert [p["id"] for p in gw.get_usage_plans(keyId=key["id"])["items"]] == [plan["id"]]
        assert gw.get_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"])["id"] == key["id"]
        assert [k["id"] for k in gw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]] == [
            key["id"]
        ]
        gw.delete_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"])
        refused(gw.get_usage_plan_key, "NotFoundException", usagePlanId=plan["id"], keyId=key["id"])
        gw.delete_usage_plan(usagePlanId=plan["id"])
        refused(
            gw.get_usage_plan,
            "NotFoundException",
            "Invalid Usage Plan ID specified",
            usagePlanId=plan["id"],
        )

    @pytest.mark.parametrize(
        ("quota", "ok"),
        [
            ({"limit": 1, "period": "DAY", "offset": 0}, True),
            ({"limit": 1, "period": "DAY", "offset": 1}, False),
            ({"limit": 1, "period": "WEEK", "offset": 6}, True),
            ({"limit": 1, "period": "WEEK", "offset": 7}, False),
            ({"limit": 1, "period": "MONTH", "offset": 27}, True),
            ({"limit": 1, "period": "MONTH", "offset": 28}, False),
            ({"limit": 0, "period": "DAY"}, False),
            ({"limit": 1, "period": "YEAR"}, False),
        ],
    )
    def test_quota_both_sides(
        self, client: Any, refused: Any, quota: dict[str, Any], ok: bool
    ) -> None:
        if ok:
            assert (
                client.create_usage_plan(name="p", quota=quota)["quota"]["offset"]
                == quota["offset"]
            )
        else:
            refused(client.create_usage_plan, "BadRequestException", name="p", quota=quota)
            assert client.get_usage_plans()["items"] == []

    def test_update_plan(self, gw: Any, simple_api: Any, refused: Any) -> None:
        api = deployed_api(gw, simple_api)
        plan = gw.create_usage_plan(name="p")
        updated = gw.update_usage_plan(
            usagePlanId=plan["id"],
            patchOperations=[
                {"op": "add", "path": "/apiStages", "value": f"{api}:prod"},
                {"op": "replace", "path": "/throttle/rateLimit", "value": "7"},
                {"op": "replace", "path": "/throttle/burstLimit", "value": "3"},
                {"op": "replace", "path": "/quota/limit", "value": "100"},
                {"op": "replace", "path": "/quota/period", "value": "MONTH"},
                {
                    "op": "replace",
                    "path": f"/apiStages/{api}:prod/throttle/~1items~1{{id}}/GET/rateLimit",
                    "value": "1",
                },
            ],
        )
        assert updated["apiStages"] == [
            {"apiId": api, "stage": "prod", "throttle": {"/items/{id}/GET": {"rateLimit": 1.0}}}
        ]
        assert updated["throttle"] == {"rateLimit": 7.0, "burstLimit": 3}
        assert updated["quota"] == {"limit": 100, "period": "MONTH", "offset": 0}
        for bad in (
            {"op": "add", "path": "/apiStages", "value": f"{api}:nope"},
            {"op": "replace", "path": "/quota/period", "value": "YEAR"},
            {"op": "replace", "path": "/throttle/rateLimit", "value": "-1"},
            {"op": "replace", "path": "/productCode", "value": "x"},
        ):
            refused(
                gw.update_usage_plan,
                "BadRequestException",
                usagePlanId=plan["id"],
                patchOperations=[bad],
            )
        assert gw.get_usage_plan(usagePlanId=plan["id"])["quota"]["period"] == "MONTH"
        gw.update_usage_plan(
            usagePlanId=plan["id"],
            patchOperations=[{"op": "remove", "path": "/apiStages", "value": f"{api}:prod"}],
        )
        assert gw.get_usage_plan(usagePlanId=plan["id"])["apiStages"] == []

    def test_deleting_a_stage_or_api_leaves_plans_clean(self, gw: Any, simple_api: Any) -> None:
        api = deployed_api(gw, simple_api)
        plan = gw.create_usage_plan(name="p", apiStages=[{"apiId": api, "stage": "prod"}])
        gw.delete_stage(restApiId=api, stageName="prod")
        assert gw.get_usage_plan(usagePlanId=plan["id"])["apiStages"] == []

    def test_ten_plans_per_key(self, client: Any, refused: Any) -> None:
        key = client.create_api_key(name="k")
        plans = [client.create_usage_plan(name=f"p{n}")["id"] for n in range(11)]
        for plan in plans[:10]:
            client.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
        refused(
            client.create_usage_plan_key,
            "LimitExceededException",
            usagePlanId=plans[10],
            keyId=key["id"],
            keyType="API_KEY",
        )

    def test_plan_limit(self, refused: Any) -> None:
        client = Cloud.manual(limits={"apigateway": {"max_usage_plans": 2}}).client("apigateway")
        client.create_usage_plan(name="a")
        client.create_usage_plan(name="b")
        refused(client.create_usage_plan, "LimitExceededException", name="c")


class TestUsage:
    def test_get_usage(self, gw: Any, refused: Any) -> None:
        plan = gw.create_usage_plan(name="p", quota={"limit": 5, "period": "DAY"})
        usage = gw.get_usage(usagePlanId=plan["id"], startDate="2023-11-01", endDate="2023-11-14")
        assert usage["usagePlanId"] == plan["id"] and usage["items"] == {}
        assert (usage["startDate"], usage["endDate"]) == ("2023-11-01", "2023-11-14")
        refused(
            gw.get_usage,
            "BadRequestException",
            usagePlanId=plan["id"],
            startDate="2023-11-14",
            endDate="2023-11-01",
        )
        refused(
            gw.get_usage,
            "BadRequestException",
            usagePlanId=plan["id"],
            startDate="11/01/2023",
            endDate="2023-11-02",
        )
        refused(
            gw.get_usage,
            "NotFoundException",
            usagePlanId="nope00",
            startDate="2023-11-01",
            endDate="2023-11-02",
        )


class TestTags:
    def test_tags_on_api_stage_key_and_plan(self, gw: Any, simple_api: Any, refused: Any) -> None:
        api = deployed_api(gw, simple_api)
        key = gw.create_api_key(name="k")
        plan = gw.create_usage_plan(name="p")
        for path in (
            f"/restapis/{api}",
            f"/restapis/{api}/stages/prod",
            f"/apikeys/{key['id']}",
            f"/usageplans/{plan['id']}",
        ):
            arn = f"arn:aws:apigateway:us-east-1::{path}"
            gw.tag_resource(resourceArn=arn, tags={"team": "a", "env": "dev"})
            gw.untag_resource(resourceArn=arn, tagKeys=["env"])
            assert gw.get_tags(resourceArn=arn)["tags"] == {"team": "a"}
        assert gw.get_rest_api(restApiId=api)["tags"] == {"team": "a"}
        refused(
            gw.get_tags,
            "BadRequestException",
            resourceArn="arn:aws:apigateway:us-east-1::/nothing/x",
        )
        refused(
            gw.get_tags,
            "NotFoundException",
            resourceArn="arn:aws:apigateway:us-east-1::/restapis/zzzzzzzzzz",
        )
        refused(
            gw.tag_resource,
            "BadRequestException",
            resourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api}",
            tags={"aws:x": "1"},
        )


def test_views_follow_every_change(gw: Any, cloud: Cloud, simple_api: Any) -> None:
    """``usage_plans_for`` answers (cached for the runtime) follow each plan and key change."""
    api = deployed_api(gw, simple_api)
    engine = cloud.engine("apigateway")
    assert engine.usage_plans_for(api, "prod") == ()
    plan = gw.create_usage_plan(name="p", apiStages=[{"apiId": api, "stage": "prod"}])
    assert [v.plan_id for v in engine.usage_plans_for(api, "prod")] == [plan["id"]]
    key = gw.create_api_key(name="k", enabled=True)
    gw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    assert engine.usage_plans_for(api, "prod")[0].key_ids == {key["id"]}
    gw.update_usage_plan(
        usagePlanId=plan["id"],
        patchOperations=[{"op": "replace", "path": "/throttle/rateLimit", "value": "3"}],
    )
    assert engine.usage_plans_for(api, "prod")[0].throttle == ThrottleSpec(rate=3.0, burst=5000)
    gw.delete_api_key(apiKey=key["id"])
    assert engine.usage_plans_for(api, "prod")[0].key_ids == frozenset()
    gw.delete_stage(restApiId=api, stageName="prod")
    assert engine.usage_plans_for(api, "prod") == ()
