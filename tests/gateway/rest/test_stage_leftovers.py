"""Issue 16's two missing operations: FlushStageAuthorizersCache (the next request runs
the authorizer again) and UpdateUsage (``replace /remaining`` on a key's quota)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock


def _uri(arn: str) -> str:
    return f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"


class TestFlushStageAuthorizersCache:
    def test_next_request_runs_the_authorizer(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        calls: list[str] = []

        def authorizer(event: dict[str, Any], context: Any) -> dict[str, Any]:
            calls.append(event["authorizationToken"])
            statement = {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}
            return {
                "principalId": "u",
                "policyDocument": {"Version": "2012-10-17", "Statement": [statement]},
            }

        def page(event: dict[str, Any], context: Any) -> dict[str, Any]:
            return {"statusCode": 200, "body": "ok"}

        cloud.lambda_.create_function("auth", handler=authorizer)
        cloud.lambda_.create_function("page", handler=page)
        fn = cloud.engine("lambda").function_arn
        api = gw.create_rest_api(name="a")
        made = gw.create_authorizer(
            restApiId=api["id"],
            name="tok",
            type="TOKEN",
            authorizerUri=_uri(fn("auth")),
            identitySource="method.request.header.Authorization",
        )
        where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
        gw.put_method(**where, authorizationType="CUSTOM", authorizerId=made["id"])
        gw.put_integration(
            **where, type="AWS_PROXY", integrationHttpMethod="POST", uri=_uri(fn("page"))
        )
        gw.create_deployment(restApiId=api["id"], stageName="prod")
        headers = {"Authorization": "t1"}
        for _ in range(2):
            assert (
                cloud.gateway.invoke(api["id"], "prod", "GET", "/", headers=headers).status == 200
            )
        assert calls == ["t1"]  # cached
        gw.flush_stage_authorizers_cache(restApiId=api["id"], stageName="prod")
        assert cloud.gateway.invoke(api["id"], "prod", "GET", "/", headers=headers).status == 200
        assert calls == ["t1", "t1"]
        refused(
            gw.flush_stage_authorizers_cache,
            "NotFoundException",
            restApiId=api["id"],
            stageName="nope",
        )


class _Keyed:
    """``GET /`` (MOCK) requiring an API key; a plan with a DAY quota of 2."""

    def __init__(self, cloud: Cloud, *, quota: bool = True) -> None:
        self.cloud = cloud
        gw = self.gw = cloud.client("apigateway")
        api = gw.create_rest_api(name="k")
        self.api = api["id"]
        where = {"restApiId": self.api, "resourceId": api["rootResourceId"], "httpMethod": "GET"}
        gw.put_method(**where, authorizationType="NONE", apiKeyRequired=True)
        gw.put_integration(
            **where, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}
        )
        gw.put_method_response(**where, statusCode="200")
        gw.put_integration_response(**where, statusCode="200", selectionPattern="")
        gw.create_deployment(restApiId=self.api, stageName="prod")
        self.key = gw.create_api_key(name="k", enabled=True)
        extra = {"quota": {"limit": 2, "period": "DAY"}} if quota else {}
        self.plan = gw.create_usage_plan(
            name="p", apiStages=[{"apiId": self.api, "stage": "prod"}], **extra
        )["id"]
        gw.create_usage_plan_key(usagePlanId=self.plan, keyId=self.key["id"], keyType="API_KEY")

    def gets(self, n: int) -> list[int]:
        headers = {"x-api-key": self.key["value"]}
        invoke = self.cloud.gateway.invoke
        return [invoke(self.api, "prod", "GET", "/", headers=headers).status for _ in range(n)]

    def update(self, value: str) -> dict[str, Any]:
        return dict(
            self.gw.update_usage(
                usagePlanId=self.plan,
                keyId=self.key["id"],
                patchOperations=[{"op": "replace", "path": "/remaining", "value": value}],
            )
        )


@pytest.fixture
def day_cloud() -> Any:
    with Cloud(clock=ManualClock(datetime(2025, 1, 1, tzinfo=UTC)), seed=5) as c:
        yield c


class TestUpdateUsage:
    def test_extends_the_current_period_only(self, day_cloud: Cloud) -> None:
        keyed = _Keyed(day_cloud)
        assert keyed.gets(3) == [200, 200, 429]
        answer = keyed.update("3")
        assert answer["items"] == {keyed.key["id"]: [[2, 3]]}
        assert answer["startDate"] == answer["endDate"] == "2025-01-01"
        assert keyed.gets(4) == [200, 200, 200, 429]
        day_cloud.advance(86_400)  # the next day: the plan's own limit again
        assert keyed.gets(3) == [200, 200, 429]

    def test_zero_and_bad_values(self, day_cloud: Cloud, refused: Any) -> None:
        keyed = _Keyed(day_cloud)
        keyed.update("0")  # the last accepted: nothing left
        assert keyed.gets(1) == [429]
        for value in ("-1", "x"):
            with pytest.raises(Exception) as caught:
                keyed.update(value)
            assert caught.value.response["Error"]["Code"] == "BadRequestException"  # type: ignore[attr-defined]
        assert keyed.gets(1) == [429]
        refused(
            keyed.gw.update_usage,
            "BadRequestException",
            usagePlanId=keyed.plan,
            keyId=keyed.key["id"],
            patchOperations=[{"op": "replace", "path": "/used", "value": "1"}],
        )

    def test_unknown_key_and_no_quota(self, day_cloud: Cloud, refused: Any) -> None:
        keyed = _Keyed(day_cloud, quota=False)
        refused(
            keyed.gw.update_usage,
            "NotFoundException",
            usagePlanId=keyed.plan,
            keyId="nokey00000",
            patchOperations=[{"op": "replace", "path": "/remaining", "value": "1"}],
        )
        refused(
            keyed.gw.update_usage,
            "BadRequestException",
            usagePlanId=keyed.plan,
            keyId=keyed.key["id"],
            patchOperations=[{"op": "replace", "path": "/remaining", "value": "1"}],
        )
