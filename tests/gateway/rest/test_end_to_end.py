"""The control plane and the runtime together: what ``apigateway`` configures is what
``execute-api`` serves — a deployment at a time, keys and plans at once."""

from __future__ import annotations

import json
from typing import Any

from pyserverless import Cloud


def lambda_api(cloud: Cloud, gw: Any) -> dict[str, str]:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        body = {"id": event["pathParameters"]["id"], "vars": event["stageVariables"], "v": 1}
        return {"statusCode": 200, "body": json.dumps(body)}

    cloud.lambda_.create_function("get-item", handler=handler)
    arn = cloud.engine("lambda").function_arn("get-item")
    api = gw.create_rest_api(name="shop")
    items = gw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="items"
    )
    item = gw.create_resource(restApiId=api["id"], parentId=items["id"], pathPart="{id}")
    gw.put_method(
        restApiId=api["id"], resourceId=item["id"], httpMethod="GET", authorizationType="NONE"
    )
    gw.put_integration(
        restApiId=api["id"],
        resourceId=item["id"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations",
    )
    return {
        "api": api["id"],
        "item": item["id"],
        "items": items["id"],
        "root": api["rootResourceId"],
    }


def test_a_deployed_lambda_proxy_answers(gw: Any, cloud: Cloud) -> None:
    ids = lambda_api(cloud, gw)
    runtime = cloud.engine("execute-api")
    assert runtime.invoke(ids["api"], "prod", "GET", "/items/42").status == 403  # not deployed
    gw.create_deployment(restApiId=ids["api"], stageName="prod", variables={"table": "t1"})
    answer = runtime.invoke(ids["api"], "prod", "GET", "/items/42")
    assert answer.status == 200
    assert answer.json() == {"id": "42", "vars": {"table": "t1"}, "v": 1}
    missing = runtime.invoke(ids["api"], "prod", "GET", "/other")
    assert (missing.status, missing.json()) == (403, {"message": "Missing Authentication Token"})


def test_changes_are_served_after_the_next_deployment(gw: Any, cloud: Cloud) -> None:
    ids = lambda_api(cloud, gw)
    runtime = cloud.engine("execute-api")
    gw.create_deployment(restApiId=ids["api"], stageName="prod")
    gw.put_method(
        restApiId=ids["api"], resourceId=ids["items"], httpMethod="GET", authorizationType="NONE"
    )
    gw.put_integration(
        restApiId=ids["api"],
        resourceId=ids["items"],
        httpMethod="GET",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    gw.put_method_response(
        restApiId=ids["api"], resourceId=ids["items"], httpMethod="GET", statusCode="200"
    )
    gw.put_integration_response(
        restApiId=ids["api"],
        resourceId=ids["items"],
        httpMethod="GET",
        statusCode="200",
        selectionPattern="",
        responseTemplates={"application/json": '{"listed": true}'},
    )
    assert runtime.invoke(ids["api"], "prod", "GET", "/items").status == 403  # the old deployment
    gw.create_deployment(restApiId=ids["api"], stageName="prod")
    answer = runtime.invoke(ids["api"], "prod", "GET", "/items")
    assert answer.status == 200 and json.loads(answer.body) == {"listed": True}


def test_api_keys_and_quotas_apply_without_a_deployment(gw: Any, cloud: Cloud) -> None:
    ids = lambda_api(cloud, gw)
    gw.update_method(
        restApiId=ids["api"],
        resourceId=ids["item"],
        httpMethod="GET",
        patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}],
    )
    gw.create_deployment(restApiId=ids["api"], stageName="prod")
    runtime = cloud.engine("execute-api")
    assert runtime.invoke(ids["api"], "prod", "GET", "/items/1").status == 403
    key = gw.create_api_key(name="partner", enabled=True)
    plan = gw.create_usage_plan(
        name="basic",
        apiStages=[{"apiId": ids["api"], "stage": "prod"}],
        quota={"limit": 2, "period": "DAY"},
    )
    gw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    headers = (("x-api-key", key["value"]),)
    statuses = [
        runtime.invoke(ids["api"], "prod", "GET", "/items/1", headers=headers).status
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    day = cloud.now().date().isoformat()
    usage = gw.get_usage(usagePlanId=plan["id"], startDate=day, endDate=day)
    assert usage["items"] == {key["id"]: [[2, 0]]}
    gw.update_api_key(
        apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/enabled", "value": "false"}]
    )
    assert runtime.invoke(ids["api"], "prod", "GET", "/items/1", headers=headers).status == 403
