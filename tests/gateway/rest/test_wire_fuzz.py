"""Random bytes and JSON at every apigateway route of the REST-JSON door: the answer is
always AWS-shaped (a status below 500 with ``x-amzn-ErrorType`` when refused), never a
bare Python error — the door runs with ``raise_unexpected`` so one would surface."""

from __future__ import annotations

import json
import re
from typing import Any

import botocore.session
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Dispatcher, WireRequest

MODEL = botocore.session.get_session().get_service_model("apigateway")
OPERATIONS = sorted(Cloud.manual().client("apigateway").operations)
URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _setup(cloud: Cloud) -> dict[str, str]:
    client = cloud.client("apigateway")
    api = client.create_rest_api(name="api")
    res = client.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="r")
    where = {"restApiId": api["id"], "resourceId": res["id"], "httpMethod": "GET"}
    client.put_method(**where, authorizationType="NONE")
    client.put_method_response(**where, statusCode="200")
    client.put_integration(**where, type="AWS_PROXY", integrationHttpMethod="POST", uri=URI)
    client.create_deployment(restApiId=api["id"], stageName="prod")
    key = client.create_api_key(name="k")
    plan = client.create_usage_plan(name="p")
    return {
        "restapi_id": api["id"], "resource_id": res["id"], "http_method": "GET",
        "status_code": "200", "stage_name": "prod", "usageplanId": plan["id"],
        "api_Key": key["id"], "keyId": key["id"], "export_type": "oas30",
        "response_type": "THROTTLED",
    }  # fmt: skip


def _members(operation: str) -> dict[str, Any]:
    shape = MODEL.operation_model(operation).input_shape
    return {} if shape is None else dict(shape.members)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_route_answers_like_aws(data: st.DataObject) -> None:
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=2)
    known = _setup(cloud)
    wire = Dispatcher(cloud, raise_unexpected=True)
    operation = data.draw(st.sampled_from(OPERATIONS), label="operation")
    http = MODEL.operation_model(operation).http
    path, _, _ = http["requestUri"].partition("?")

    def label(match: re.Match[str]) -> str:
        name = match.group(1).rstrip("+")
        choices = [known.get(name, "x"), "nope", "a%2Fb"]
        return str(data.draw(st.sampled_from(choices), label=name))

    path = re.sub(r"\{([^}]+)\}", label, path)
    members = _members(operation)
    if data.draw(st.booleans(), label="shaped"):
        body: Any = {
            name: data.draw(JSON, label=name)
            for name in data.draw(st.lists(st.sampled_from(sorted(members) or ["x"]), max_size=4))
        }
        raw = json.dumps(body).encode()
    else:
        raw = data.draw(st.binary(max_size=20) | JSON.map(lambda v: json.dumps(v).encode()))
    query = data.draw(st.sampled_from(["", "limit=0", "limit=x", "position=zz", "embed=methods"]))
    request = WireRequest(
        http["method"], path, {"content-type": "application/json"}, raw,
        query=query, trusted=True, region="us-east-1",
    )  # fmt: skip
    answer = wire.handle(request)
    assert answer.status < 500, (operation, path, raw, answer.body)
    if answer.status >= 400:
        assert answer.headers.get("x-amzn-ErrorType"), answer.headers


@pytest.mark.parametrize("operation", ["CreateRestApi", "UpdateStage", "CreateUsagePlan"])
def test_the_fuzz_reaches_the_engine(operation: str) -> None:
    """The routes the fuzz builds are real ones: a well-formed request succeeds."""
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=2)
    known = _setup(cloud)
    wire = Dispatcher(cloud, raise_unexpected=True)
    http = MODEL.operation_model(operation).http
    path = re.sub(r"\{([^}]+)\}", lambda m: known[m.group(1)], http["requestUri"])
    body = {"CreateRestApi": {"name": "n"}, "UpdateStage": {}, "CreateUsagePlan": {"name": "p"}}
    answer = wire.handle(
        WireRequest(http["method"], path, {"content-type": "application/json"},
                    json.dumps(body[operation]).encode(), trusted=True, region="us-east-1")
    )  # fmt: skip
    assert answer.status in (200, 201), answer.body
