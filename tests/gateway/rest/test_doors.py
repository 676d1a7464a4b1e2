"""apigateway over the wire: boto3 against the HTTP endpoint, and the AWS CLI against
``pyserverless serve`` on a free port of 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.adapters import Server

URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[Cloud, str]]:
    cloud = Cloud.manual()
    with Server(cloud) as server:
        yield cloud, server.url


def test_boto3_over_http(endpoint: tuple[Cloud, str]) -> None:
    """A scenario over the endpoint: labels, bodies, query strings, blobs and errors."""
    cloud, url = endpoint
    gw = boto3.client(
        "apigateway",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )
    api = gw.create_rest_api(name="wire", tags={"a": "b"})
    res = gw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}"
    )
    gw.put_method(
        restApiId=api["id"], resourceId=res["id"], httpMethod="ANY", authorizationType="NONE"
    )
    integration = gw.put_integration(
        restApiId=api["id"],
        resourceId=res["id"],
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=URI,
        timeoutInMillis=1000,
    )
    assert integration["timeoutInMillis"] == 1000 and integration["httpMethod"] == "POST"
    gw.create_deployment(restApiId=api["id"], stageName="prod")
    served = cloud.engine("apigateway").deployed(api["id"], "prod")
    assert [(r.method, r.path) for r in served.routes] == [("ANY", "/{proxy+}")]
    keys = [gw.create_api_key(name=f"k{n}")["id"] for n in range(3)]
    page = gw.get_api_keys(limit=2)
    assert (
        len(page["items"]) == 2
        and gw.get_api_keys(position=page["position"])["items"][0]["id"] == keys[2]
    )
    body = gw.get_export(restApiId=api["id"], stageName="prod", exportType="swagger")["body"].read()
    assert json.loads(body)["swagger"] == "2.0"
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}/stages/prod"
    gw.tag_resource(resourceArn=arn, tags={"x": "1"})
    assert gw.get_tags(resourceArn=arn)["tags"] == {"x": "1"}
    with pytest.raises(gw.exceptions.NotFoundException) as caught:
        gw.get_rest_api(restApiId="missing000")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert caught.value.response["Error"]["Message"].endswith(":missing000")
    with pytest.raises(ClientError) as caught:
        gw.put_integration(
            restApiId=api["id"],
            resourceId=res["id"],
            httpMethod="ANY",
            type="HTTP",
            integrationHttpMethod="GET",
            uri="https://example.com",
        )
    assert caught.value.response["Error"]["Code"] == "BadRequestException"


def test_cli_against_pyserverless_serve(aws_cli: Any) -> None:
    """``aws apigateway create-rest-api`` / ``get-rest-apis`` against ``pyserverless serve``."""
    created = aws_cli(
        "apigateway", "create-rest-api", "--name", "cli-api", "--description", "from the CLI"
    )
    listed = aws_cli("apigateway", "get-rest-apis")
    assert [(a["id"], a["name"]) for a in listed["items"]] == [(created["id"], "cli-api")]
    resources = aws_cli("apigateway", "get-resources", "--rest-api-id", created["id"])["items"]
    assert [r["path"] for r in resources] == ["/"]
    failed = aws_cli("apigateway", "get-rest-api", "--rest-api-id", "missing000", ok=False)
    assert "NotFoundException" in failed


def test_the_wire_answers_bad_requests_as_api_gateway(cloud: Cloud) -> None:
    """A missing member or an out-of-range limit over the wire: 400 BadRequestException."""
    from pyserverless.adapters import Dispatcher, WireRequest

    wire = Dispatcher(cloud, raise_unexpected=True)

    def send(method: str, path: str, body: bytes = b"", query: str = "") -> tuple[int, Any, Any]:
        headers = {"content-type": "application/json"}
        request = WireRequest(
            method, path, headers, body, query=query, trusted=True, region="us-east-1"
        )
        answer = wire.handle(request)
        return answer.status, answer.headers.get("x-amzn-ErrorType"), json.loads(answer.body)

    status, code, body = send("POST", "/restapis", b"{}")
    assert (status, code) == (400, "BadRequestException") and "'name'" in body["message"]
    for limit, bound in (("0", "greater than or equal to 1"), ("501", "less than or equal to 500")):
        status, code, body = send("GET", "/restapis", query=f"limit={limit}")
        assert (status, code) == (400, "BadRequestException") and bound in body["message"]
    status, code, body = send("GET", "/restapis", query="limit=500")
    assert status == 200 and body == {"item": []}  # "items" travels as "item"
    status, code, _ = send("POST", "/restapis/nope000000/resources/x", b'{"pathPart": "a"}')
    assert (status, code) == (404, "NotFoundException")
