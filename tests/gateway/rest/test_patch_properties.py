"""A property of every ``Update*``: patch operations drawn from the paths each resource
takes (and near misses) either apply, or are refused with ``BadRequestException`` (or
``NotFoundException``) leaving the resource exactly as it was — never a bare error."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud

URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
)
PATHS = {
    "rest_api": [
        "/name",
        "/description",
        "/apiKeySource",
        "/binaryMediaTypes/image~1png",
        "/binaryMediaTypes/png",
        "/endpointConfiguration/types/EDGE",
        "/disableExecuteApiEndpoint",
        "/policy",
    ],
    "stage": [
        "/description",
        "/deploymentId",
        "/variables/a",
        "/variables/",
        "/*/*/throttling/rateLimit",
        "/*/*/throttling/burstLimit",
        "/~1r/GET/throttling/rateLimit",
        "/*/*/caching/enabled",
        "/*/*/logging/loglevel",
        "/*/*/metrics/enabled",
        "/*/*",
        "/accessLogSettings/format",
        "/accessLogSettings",
        "/canarySettings/percentTraffic",
        "/tracingEnabled",
    ],
    "usage_plan": [
        "/name",
        "/throttle/rateLimit",
        "/throttle/burstLimit",
        "/throttle",
        "/quota/limit",
        "/quota/period",
        "/quota/offset",
        "/quota",
        "/apiStages",
        "/productCode",
        "/apiStages/{api}:prod/throttle/~1r/GET/rateLimit",
        "/apiStages/{api}:prod/throttle/~1r/GET/speed",
    ],
    "method": [
        "/authorizationType",
        "/authorizerId",
        "/apiKeyRequired",
        "/operationName",
        "/authorizationScopes/read",
        "/requestParameters/method.request.header.X",
        "/requestParameters/bad",
    ],
    "integration": [
        "/uri",
        "/timeoutInMillis",
        "/contentHandling",
        "/passthroughBehavior",
        "/requestTemplates/application~1json",
        "/type",
    ],
    "authorizer": [
        "/name",
        "/type",
        "/authorizerUri",
        "/identitySource",
        "/authorizerResultTtlInSeconds",
        "/identityValidationExpression",
        "/providerARNs/x",
    ],
    "api_key": ["/name", "/enabled", "/description", "/customerId", "/value"],
    "gateway_response": [
        "/statusCode",
        "/responseParameters/gatewayresponse.header.X",
        "/responseParameters/bad",
        "/responseTemplates/application~1json",
    ],
}
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "x",
            "true",
            "false",
            "0",
            "5",
            "-1",
            "3601",
            "29001",
            "1.5",
            "nan",
            "HEADER",
            "AUTHORIZER",
            "REGIONAL",
            "DAY",
            "WEEK",
            "MONTH",
            "CUSTOM",
            "NONE",
            "OFF",
            "INFO",
            "WHEN_NO_MATCH",
            "CONVERT_TO_TEXT",
            "'v'",
            URI,
            "{api}:prod",
            "{api}:nope",
            "{dep}",
        ]
    ),
)


def _world(cloud: Cloud) -> tuple[Any, dict[str, str]]:
    client = cloud.client("apigateway")
    api = client.create_rest_api(name="api")
    res = client.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="r")
    where = {"restApiId": api["id"], "resourceId": res["id"], "httpMethod": "GET"}
    client.put_method(**where, authorizationType="NONE")
    client.put_integration(**where, type="AWS_PROXY", integrationHttpMethod="POST", uri=URI)
    dep = client.create_deployment(restApiId=api["id"], stageName="prod")
    auth = client.create_authorizer(
        restApiId=api["id"],
        name="a",
        type="TOKEN",
        authorizerUri=URI,
        identitySource="method.request.header.Authorization",
    )
    key = client.create_api_key(name="k")
    plan = client.create_usage_plan(name="p", apiStages=[{"apiId": api["id"], "stage": "prod"}])
    ids = {"api": api["id"], "res": res["id"], "dep": dep["id"], "auth": auth["id"]}
    return client, {**ids, "key": key["id"], "plan": plan["id"]}


def _call(client: Any, kind: str, ids: dict[str, str], ops: list[dict[str, Any]]) -> None:
    where = {"restApiId": ids["api"], "resourceId": ids["res"], "httpMethod": "GET"}
    calls = {
        "rest_api": lambda: client.update_rest_api(restApiId=ids["api"], patchOperations=ops),
        "stage": lambda: client.update_stage(
            restApiId=ids["api"], stageName="prod", patchOperations=ops
        ),
        "usage_plan": lambda: client.update_usage_plan(
            usagePlanId=ids["plan"], patchOperations=ops
        ),
        "method": lambda: client.update_method(**where, patchOperations=ops),
        "integration": lambda: client.update_integration(**where, patchOperations=ops),
        "authorizer": lambda: client.update_authorizer(
            restApiId=ids["api"], authorizerId=ids["auth"], patchOperations=ops
        ),
        "api_key": lambda: client.update_api_key(apiKey=ids["key"], patchOperations=ops),
        "gateway_response": lambda: client.update_gateway_response(
            restApiId=ids["api"], responseType="THROTTLED", patchOperations=ops
        ),
    }
    calls[kind]()


def _state(client: Any, ids: dict[str, str]) -> Any:
    where = {"restApiId": ids["api"], "resourceId": ids["res"], "httpMethod": "GET"}
    strip = lambda r: {k: v for k, v in r.items() if k != "ResponseMetadata"}  # noqa: E731
    return (
        strip(client.get_rest_api(restApiId=ids["api"])),
        strip(client.get_stage(restApiId=ids["api"], stageName="prod")),
        strip(client.get_usage_plan(usagePlanId=ids["plan"])),
        strip(client.get_method(**where)),
        strip(client.get_authorizer(restApiId=ids["api"], authorizerId=ids["auth"])),
        strip(client.get_api_key(apiKey=ids["key"], includeValue=True)),
        strip(client.get_gateway_response(restApiId=ids["api"], responseType="THROTTLED")),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_patches_apply_whole_or_not_at_all(data: st.DataObject) -> None:
    cloud = Cloud.manual()
    client, ids = _world(cloud)
    kind = data.draw(st.sampled_from(sorted(PATHS)), label="kind")
    op = st.fixed_dictionaries(
        {
            "op": st.sampled_from(["add", "remove", "replace", "replace", "copy", "move"]),
            "path": st.sampled_from(PATHS[kind]),
        },
        optional={"value": VALUES},
    )
    ops = data.draw(st.lists(op, min_size=1, max_size=4), label="ops")
    for item in ops:
        for field in ("path", "value"):
            if isinstance(item.get(field), str):
                item[field] = item[field].replace("{api}", ids["api"]).replace("{dep}", ids["dep"])
    before = _state(client, ids)
    try:
        _call(client, kind, ids, ops)
        code = None
    except ClientError as err:
        code = err.response["Error"]["Code"]
    if code is not None:
        assert code in ("BadRequestException", "NotFoundException", "ConflictException"), code
        assert _state(client, ids) == before
