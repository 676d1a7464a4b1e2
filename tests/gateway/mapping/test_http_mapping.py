"""HTTP APIs: HTTP_PROXY integrations to registered backends, with parameter mapping
(``overwrite:``, ``append:``, ``remove:`` on headers, query strings and the path; response
headers and status codes)."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.gateway import BackendRequest


class Recorder:
    def __init__(self) -> None:
        self.seen: list[BackendRequest] = []

    def __call__(self, request: BackendRequest) -> Any:
        self.seen.append(request)
        status = 404 if request.path.endswith("/missing") else 200
        return status, {"Content-Type": "application/json", "X-Origin": "o1"}, {"id": "9"}


@pytest.fixture
def origin(cloud: Cloud) -> Recorder:
    recorder = Recorder()
    cloud.gateway.backend("https://origin.internal", recorder)
    return recorder


def _api(cloud: Cloud, **integration: Any) -> str:
    v2 = cloud.client("apigatewayv2")
    api = v2.create_api(Name="h", ProtocolType="HTTP")
    made = v2.create_integration(
        ApiId=api["ApiId"],
        IntegrationType="HTTP_PROXY",
        IntegrationMethod="ANY",
        IntegrationUri="https://origin.internal/api/{proxy}",
        **integration,
    )
    v2.create_route(
        ApiId=api["ApiId"],
        RouteKey="ANY /{proxy+}",
        Target=f"integrations/{made['IntegrationId']}",
    )
    v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
    return str(api["ApiId"])


def _call(cloud: Cloud, api_id: str, method: str, path: str, **kwargs: Any) -> Any:
    return cloud.gateway.invoke(api_id, "$default", method, path, **kwargs)


def test_plain_proxy(cloud: Cloud, origin: Recorder) -> None:
    """Method, greedy path, query string, headers and body reach the backend."""
    api_id = _api(cloud)
    answer = _call(cloud, api_id, "POST", "/pets/7", query="a=1", headers={"X-In": "v"}, body=b"hi")
    assert (answer.status, answer.json()) == (200, {"id": "9"})
    seen = origin.seen[-1]
    assert (seen.method, seen.path, seen.query, seen.body) == ("POST", "/api/pets/7", "a=1", b"hi")
    assert seen.header("X-In") == "v"


def test_request_mapping(cloud: Cloud, origin: Recorder) -> None:
    api_id = _api(
        cloud,
        RequestParameters={
            "overwrite:header.X-User": "$request.querystring.user",
            "append:header.X-Tags": "extra",
            "remove:header.X-Secret": "''",
            "overwrite:querystring.page": "2",
            "append:querystring.tag": "${request.path.proxy}-x",
            "remove:querystring.drop": "''",
        },
    )
    _call(
        cloud,
        api_id,
        "GET",
        "/pets",
        query="user=ann&page=1&drop=yes&tag=a",
        headers={"X-Secret": "s", "X-Tags": "t1", "X-User": "old"},
    )
    seen = origin.seen[-1]
    assert seen.header("X-User") == "ann"
    assert seen.header("X-Tags") == "t1,extra"
    assert seen.header("X-Secret") is None
    assert sorted(seen.query.split("&")) == ["page=2", "tag=a", "tag=pets-x", "user=ann"]


def test_overwrite_path(cloud: Cloud, origin: Recorder) -> None:
    api_id = _api(cloud, RequestParameters={"overwrite:path": "/v2/${request.path.proxy}"})
    _call(cloud, api_id, "GET", "/cats/1")
    assert origin.seen[-1].path == "/v2/cats/1"


def test_response_mapping(cloud: Cloud, origin: Recorder) -> None:
    """``ResponseParameters`` by status: a 404 becomes 200 with headers from the answer."""
    api_id = _api(
        cloud,
        ResponseParameters={
            "404": {
                "overwrite:statuscode": "200",
                "append:header.X-Seen": "$response.header.X-Origin",
                "overwrite:header.X-Id": "$response.body.id",
                "remove:header.X-Origin": "''",
            }
        },
    )
    ok = _call(cloud, api_id, "GET", "/found")
    assert ok.status == 200 and ok.header("X-Origin") == "o1" and ok.header("X-Seen") is None
    mapped = _call(cloud, api_id, "GET", "/missing")
    assert mapped.status == 200
    assert (mapped.header("X-Seen"), mapped.header("X-Id"), mapped.header("X-Origin")) == (
        "o1",
        "9",
        None,
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"RequestParameters": {"rewrite:header.X": "a"}},
        {"RequestParameters": {"overwrite:body": "a"}},
        {"RequestParameters": {"append:path": "a"}},
        {"ResponseParameters": {"99": {"overwrite:statuscode": "200"}}},
        {"ResponseParameters": {"404": {"overwrite:querystring.q": "1"}}},
        {"PayloadFormatVersion": "2.0"},
        {"IntegrationUri": "https://nowhere.example/x"},
        {"IntegrationUri": "ftp://origin.internal/x"},
    ],
)
def test_refused_and_not_stored(cloud: Cloud, origin: Recorder, extra: dict[str, Any]) -> None:
    v2 = cloud.client("apigatewayv2")
    api_id = v2.create_api(Name="h", ProtocolType="HTTP")["ApiId"]
    params = {
        "ApiId": api_id,
        "IntegrationType": "HTTP_PROXY",
        "IntegrationMethod": "GET",
        "IntegrationUri": "https://origin.internal/x",
        **extra,
    }
    with pytest.raises(v2.exceptions.BadRequestException):
        v2.create_integration(**params)
    assert v2.get_integrations(ApiId=api_id)["Items"] == []


def test_lambda_integrations_still_refuse_mappings(cloud: Cloud) -> None:
    v2 = cloud.client("apigatewayv2")
    api_id = v2.create_api(Name="h", ProtocolType="HTTP")["ApiId"]
    with pytest.raises(v2.exceptions.BadRequestException):
        v2.create_integration(
            ApiId=api_id,
            IntegrationType="AWS_PROXY",
            PayloadFormatVersion="2.0",
            IntegrationUri="arn:aws:lambda:us-east-1:123456789012:function:f",
            RequestParameters={"overwrite:header.X": "a"},
        )
