"""No request raises a bare Python error: random requests shaped by botocore's model
(valid and invalid values mixed) get an answer or an AWS error, through the client."""

from __future__ import annotations

from typing import Any

import botocore.session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock, ParamValidationError
from pyserverless._core.errors import AWSError

from .conftest import FN, FN_PATH, ISSUER

_MODEL = botocore.session.get_session().get_service_model("apigatewayv2")
_OPERATIONS = sorted(
    op
    for op in _MODEL.operation_names
    if op
    in __import__(
        "pyserverless.gateway._http._client", fromlist=["ApiGatewayV2Client"]
    ).ApiGatewayV2Client.operations
)
_TEXT = st.sampled_from([
    "", "x", "GET /items/{id}", "$default", "ANY /{proxy+}", "GET /{a+}/b", "HTTP", "JWT",
    "CUSTOM", "AWS_PROXY", "2.0", "1.0", "REQUEST", FN, FN_PATH, ISSUER, "integrations/none",
    "$request.header.Authorization", "prod", "$default", "ipv4", "*", "\u00e9\u00e8",
])  # fmt: skip


def _value(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if kind == "structure":
        if depth > 3:
            return st.just({})
        members = {name: _value(member, depth + 1) for name, member in shape.members.items()}
        required = st.fixed_dictionaries(
            {name: members.pop(name) for name in shape.required_members}
        )
        if not members:
            return required
        chosen = st.lists(st.sampled_from(sorted(members)), max_size=3, unique=True)
        optional = chosen.flatmap(
            lambda names: st.fixed_dictionaries({n: members[n] for n in names})
        )
        return st.tuples(required, optional).map(lambda pair: {**pair[0], **pair[1]})
    if kind == "list":
        return st.lists(_value(shape.member, depth + 1), max_size=3)
    if kind == "map":
        return st.dictionaries(_TEXT, _value(shape.value, depth + 1), max_size=3)
    if kind == "string":
        enum = getattr(shape, "enum", None)
        return st.sampled_from(enum) | _TEXT if enum else _TEXT
    if kind == "integer":
        return st.integers(-5, 40_000)
    if kind == "double":
        return st.floats(-1, 1e4, allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    return st.none()


@st.composite
def _request(draw: st.DrawFn, ids: dict[str, list[str]]) -> tuple[str, dict[str, Any]]:
    op = draw(st.sampled_from(_OPERATIONS))
    shape = _MODEL.operation_model(op).input_shape
    params = draw(_value(shape)) if shape is not None else {}
    for name, pool in ids.items():
        if shape is not None and name in shape.members and pool and draw(st.integers(0, 9)):
            params[name] = draw(st.sampled_from(pool))
    if "ResourceArn" in params and ids["ApiId"] and draw(st.booleans()):
        params["ResourceArn"] = f"arn:aws:apigateway:us-east-1::/apis/{ids['ApiId'][0]}"
    if "Target" in params and ids["IntegrationId"] and draw(st.booleans()):
        params["Target"] = f"integrations/{draw(st.sampled_from(ids['IntegrationId']))}"
    return op, {k: v for k, v in params.items() if v is not None}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_requests_answer_or_raise_aws_errors(data: st.DataObject) -> None:
    with Cloud(clock=ManualClock(0), seed=1) as cloud:
        client = cloud.client("apigatewayv2")
        api = client.create_api(Name="q", ProtocolType="HTTP", Target=FN)
        api_id = api["ApiId"]
        ids: dict[str, list[str]] = {
            "ApiId": [api_id],
            "StageName": ["$default", "prod"],
            "RouteId": [r["RouteId"] for r in client.get_routes(ApiId=api_id)["Items"]],
            "IntegrationId": [
                i["IntegrationId"] for i in client.get_integrations(ApiId=api_id)["Items"]
            ],
            "AuthorizerId": [],
            "DeploymentId": [],
        }
        for _ in range(data.draw(st.integers(1, 6))):
            op, params = data.draw(_request(ids))
            method = getattr(client, client.operations[op])
            try:
                answer = method(**params)
            except (AWSError, ParamValidationError):
                continue
            for key, pool in ids.items():
                if isinstance(answer.get(key), str):
                    pool.append(answer[key])
        for api_item in client.get_apis()["Items"]:  # what is stored still reads and deploys
            for stage in client.get_stages(ApiId=api_item["ApiId"])["Items"]:
                cloud.engine("apigatewayv2").deployed(api_item["ApiId"], stage["StageName"])
