"""The REST-JSON wire as AWS writes it for HTTP APIs: lower-camel members (nested too),
201/204 answers, the error header, and the service's checks of what botocore leaves."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Dispatcher, WireRequest


@pytest.fixture
def wire() -> Any:
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=4)
    dispatcher = Dispatcher(cloud, raise_unexpected=True)

    def send(method: str, path: str, body: Any = None, query: str = "") -> tuple[int, Any, Any]:
        data = b"" if body is None else json.dumps(body).encode()
        request = WireRequest(method, path, {"content-type": "application/json"}, data,
                              query=query, trusted=True, region="us-east-1")  # fmt: skip
        answer = dispatcher.handle(request)
        parsed = json.loads(answer.body) if answer.body else None
        return answer.status, answer.headers.get("x-amzn-ErrorType"), parsed

    return send


def test_members_travel_under_their_wire_names(wire: Any) -> None:
    status, _, body = wire("POST", "/v2/apis", {
        "name": "x", "protocolType": "HTTP",
        "corsConfiguration": {"allowOrigins": ["https://a.example"], "maxAge": 5},
    })  # fmt: skip
    assert status == 201
    assert body["name"] == "x" and "Name" not in body
    assert body["corsConfiguration"] == {"allowOrigins": ["https://a.example"], "maxAge": 5}
    api_id = body["apiId"]
    status, _, listed = wire("GET", "/v2/apis")
    assert status == 200 and [a["apiId"] for a in listed["items"]] == [api_id]
    status, _, stage = wire("POST", f"/v2/apis/{api_id}/stages", {
        "stageName": "s", "defaultRouteSettings": {"throttlingBurstLimit": 3},
    })  # fmt: skip
    assert status == 201
    assert stage["defaultRouteSettings"] == {
        "detailedMetricsEnabled": False,
        "throttlingBurstLimit": 3,
    }
    status, _, none = wire("DELETE", f"/v2/apis/{api_id}/stages/s")
    assert (status, none) == (204, None)


def test_missing_member_is_bad_request(wire: Any) -> None:
    status, code, body = wire("POST", "/v2/apis", {"protocolType": "HTTP"})
    assert (status, code) == (400, "BadRequestException")
    assert "'name'" in body["message"]


@pytest.mark.parametrize(
    ("path", "body", "wire_name"),
    [
        ("/v2/apis", {"name": "x", "protocolType": "FTP"}, "protocolType"),
        ("/v2/apis", {"name": "x", "protocolType": "HTTP", "ipAddressType": "v6"}, "ipAddressType"),
    ],
)
def test_enums_are_checked_by_the_service(wire: Any, path: str, body: Any, wire_name: str) -> None:
    status, code, answer = wire("POST", path, body)
    assert (status, code) == (400, "BadRequestException")
    assert f"at '{wire_name}' failed to satisfy constraint" in answer["message"]
    assert wire("GET", "/v2/apis")[2]["items"] == []


def test_enums_on_every_writer(wire: Any) -> None:
    api_id = wire("POST", "/v2/apis", {"name": "x", "protocolType": "HTTP"})[2]["apiId"]
    bad = [
        (f"/v2/apis/{api_id}/routes", {"routeKey": "GET /x", "authorizationType": "OPEN"}),
        (f"/v2/apis/{api_id}/integrations", {"integrationType": "LAMBDA"}),
        (f"/v2/apis/{api_id}/authorizers", {"name": "a", "authorizerType": "TOKEN",
                                            "identitySource": ["$request.header.A"]}),
        (f"/v2/apis/{api_id}/stages", {"stageName": "s",
                                       "defaultRouteSettings": {"loggingLevel": "DEBUG"}}),
    ]  # fmt: skip
    for path, body in bad:
        status, code, answer = wire("POST", path, body)
        assert (status, code) == (400, "BadRequestException"), path
        assert "enum value set" in answer["message"]


def test_not_found_and_limit_codes(wire: Any) -> None:
    assert wire("GET", "/v2/apis/nothere000")[:2] == (404, "NotFoundException")
    api_id = wire("POST", "/v2/apis", {"name": "x", "protocolType": "HTTP"})[2]["apiId"]
    for i in range(10):
        wire("POST", f"/v2/apis/{api_id}/stages", {"stageName": f"s{i}"})
    status, code, _ = wire("POST", f"/v2/apis/{api_id}/stages", {"stageName": "s10"})
    assert (status, code) == (429, "TooManyRequestsException")
