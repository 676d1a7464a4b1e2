"""CloudFront Functions: the API (DEVELOPMENT -> LIVE, TestFunction) and associations at
viewer request and viewer response, in JavaScript and as Python callables."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cdn._origins import OriginRequest

pytest.importorskip("quickjs")

INDEX = (
    "function handler(event) {\n"
    "  var r = event.request;\n"
    "  if (r.uri.endsWith('/')) { r.uri += 'index.html'; }\n"
    "  return r;\n"
    "}"
)
REDIRECT = (
    "function handler(event) {\n"
    "  var h = event.request.headers;\n"
    "  if (h['cloudfront-viewer-country'] && h['cloudfront-viewer-country'].value === 'FR') {\n"
    "    return {statusCode: 302, statusDescription: 'Found',\n"
    "            headers: {location: {value: 'https://example.fr/'}}};\n"
    "  }\n"
    "  return event.request;\n"
    "}"
)


@pytest.fixture
def cloud() -> Cloud:
    cloud = Cloud.manual()
    cloud.cdn.register_origin("o.internal", _origin)
    return cloud


def _origin(request: OriginRequest) -> tuple[int, dict[str, str], bytes]:
    if request.path.startswith("/missing"):
        return 404, {}, b"no"
    return 200, {"Cache-Control": "max-age=60"}, f"uri={request.path}".encode()


def test_function_api_stages_and_test_function(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    made = cf.create_function(
        Name="index", FunctionConfig={"Comment": "c", "Runtime": "cloudfront-js-1.0"},
        FunctionCode=INDEX.encode(),
    )  # fmt: skip
    assert made["FunctionSummary"]["FunctionMetadata"]["Stage"] == "DEVELOPMENT"
    with pytest.raises(cf.exceptions.FunctionAlreadyExists):
        cf.create_function(
            Name="index", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-1.0"},
            FunctionCode=INDEX.encode(),
        )  # fmt: skip
    with pytest.raises(cf.exceptions.NoSuchFunctionExists):
        cf.describe_function(Name="index", Stage="LIVE")
    event = {"version": "1.0", "context": {"eventType": "viewer-request"},
             "viewer": {"ip": "1.2.3.4"},
             "request": {"method": "GET", "uri": "/a/", "querystring": {}, "headers": {},
                         "cookies": {}}}  # fmt: skip
    result = cf.test_function(
        Name="index", IfMatch=made["ETag"], EventObject=json.dumps(event).encode()
    )["TestResult"]
    assert json.loads(result["FunctionOutput"])["request"]["uri"] == "/a/index.html"
    assert result["FunctionErrorMessage"] == ""
    assert 0 <= int(result["ComputeUtilization"]) <= 100
    with pytest.raises(cf.exceptions.PreconditionFailed):
        cf.publish_function(Name="index", IfMatch="EOLD")
    cf.publish_function(Name="index", IfMatch=made["ETag"])
    assert cf.describe_function(Name="index", Stage="LIVE")["FunctionSummary"]["Name"] == "index"
    stages = [i["FunctionMetadata"]["Stage"] for i in cf.list_functions()["FunctionList"]["Items"]]
    assert stages == ["DEVELOPMENT", "LIVE"]
    assert cf.get_function(Name="index")["FunctionCode"] == INDEX.encode()
    cf.delete_function(Name="index", IfMatch=made["ETag"])
    assert cf.list_functions()["FunctionList"]["Quantity"] == 0


def test_size_limit_and_syntax(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    big = "function handler(e) { return e.request; }\n" + "//" + "x" * 10_240
    with pytest.raises(cf.exceptions.FunctionSizeLimitExceeded):
        cf.create_function(
            Name="big", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"},
            FunctionCode=big.encode()[:10_241],
        )  # fmt: skip
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_function(
            Name="v1", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-1.0"},
            FunctionCode=b"const x = 1; function handler(e) { return e.request; }",
        )  # fmt: skip
    assert cf.list_functions()["FunctionList"]["Quantity"] == 0


def test_association_needs_a_live_function(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    made = cf.create_function(
        Name="index", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"},
        FunctionCode=INDEX.encode(),
    )  # fmt: skip
    arn = made["FunctionSummary"]["FunctionMetadata"]["FunctionARN"]
    with pytest.raises(cf.exceptions.InvalidFunctionAssociation):
        cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": arn})
    cf.publish_function(Name="index", IfMatch=made["ETag"])
    cdn = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": arn})
    assert cdn.request("GET", "/docs/").body == b"uri=/docs/index.html"
    with pytest.raises(cf.exceptions.FunctionInUse):
        cf.delete_function(Name="index", IfMatch=made["ETag"])
    summary = cf.describe_function(Name="index", Stage="LIVE")["FunctionSummary"]
    assert summary["Status"] == "DEPLOYED"


def test_viewer_request_short_circuits(cloud: Cloud) -> None:
    arn = cloud.cdn.function("geo", REDIRECT)
    cdn = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": arn})
    out = cdn.request("GET", "/", headers={"CloudFront-Viewer-Country": "FR"})
    assert (out.status, out.header("location")) == (302, "https://example.fr/")
    assert out.x_cache == "FunctionGeneratedResponse from cloudfront"
    assert cdn.request("GET", "/x").body == b"uri=/x"


def test_python_functions_and_viewer_response(cloud: Cloud) -> None:
    seen: list[dict[str, Any]] = []

    def security(event: dict[str, Any]) -> dict[str, Any]:
        seen.append(event)
        response = event["response"]
        response["headers"]["strict-transport-security"] = {"value": "max-age=63072000"}
        response["cookies"]["ab"] = {"value": "b", "attributes": "Path=/"}
        return response

    cdn = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_response": security})
    out = cdn.request("GET", "/a?x=1&x=2", headers={"Cookie": "c=1"}, viewer_ip="10.0.0.9")
    assert out.header("Strict-Transport-Security") == "max-age=63072000"
    assert out.header("Set-Cookie") == "ab=b; Path=/"
    event = seen[0]
    assert event["context"]["eventType"] == "viewer-response"
    assert event["viewer"] == {"ip": "10.0.0.9"}
    assert event["request"]["querystring"]["x"] == {
        "value": "1", "multiValue": [{"value": "1"}, {"value": "2"}]
    }  # fmt: skip
    assert event["request"]["cookies"] == {"c": {"value": "1"}}
    assert event["response"]["statusCode"] == 200
    assert cdn.request("GET", "/a?x=1&x=2").x_cache == "Hit from cloudfront"
    assert cdn.request("GET", "/missing").header("Strict-Transport-Security") is None  # >= 400
    assert len(seen) == 2  # the hit ran it, the 404 did not


def test_function_errors_are_503(cloud: Cloud) -> None:
    def broken(event: dict[str, Any]) -> dict[str, Any]:
        raise ValueError("boom")

    cdn = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": broken})
    out = cdn.request("GET", "/")
    assert (out.status, out.x_cache) == (503, "Error from cloudfront")
    assert cdn.access_log()[0]["x-edge-result-type"] == "FunctionExecutionError"
    throttled = cloud.cdn.function(
        "slow", "function handler(e) { while (true) {} }", runtime="cloudfront-js-2.0"
    )
    slow = cloud.cdn.distribution(origins=["o.internal"], default={"viewer_request": throttled})
    out = slow.request("GET", "/")
    assert out.status == 503
    assert slow.access_log()[0]["x-edge-result-type"] == "FunctionThrottledError"


def test_code_with_a_nul_character_is_invalid(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.create_function(
            Name="nul", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"},
            FunctionCode=b"function handler(e) { return e.request; }\x00",
        )  # fmt: skip


SELECT = (
    "import cf from 'cloudfront';\n"
    "function handler(event) {\n"
    "  if (event.request.uri.startsWith('/b/')) { cf.selectRequestOriginById('backup'); }\n"
    "  if (event.request.uri === '/bad') { cf.selectRequestOriginById('nope'); }\n"
    "  if (event.request.uri === '/update') { cf.updateRequestOrigin({domainName: 'x'}); }\n"
    "  return event.request;\n"
    "}"
)


def test_select_request_origin_by_id(cloud: Cloud) -> None:
    cloud.cdn.register_origin("backup.internal", lambda request: (200, {}, b"backup"))
    arn = cloud.cdn.function("select", SELECT)
    cdn = cloud.cdn.distribution(
        origins=["o.internal", {"Id": "backup", "DomainName": "backup.internal",
                                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                                       "OriginProtocolPolicy": "https-only"}}],
        default={"viewer_request": arn},
    )  # fmt: skip
    assert cdn.request("GET", "/a").body == b"uri=/a"
    assert cdn.request("GET", "/b/1").body == b"backup"
    assert cdn.request("GET", "/bad").status == 503
    assert cdn.request("GET", "/update").status == 502  # domain "x" answers nothing


ORIGIN_HELPERS = (
    "import cf from 'cloudfront';\n"
    "function handler(event) {\n"
    "  var uri = event.request.uri;\n"
    "  if (uri === '/moved') {\n"
    "    cf.updateRequestOrigin({domainName: 'backup.internal', originPath: '/v2',\n"
    "      customHeaders: {'x-from': 'fn'}, timeouts: {readTimeout: 10}});\n"
    "  }\n"
    "  if (uri === '/pick') { cf.selectRequestOriginById('backup', {originPath: '/p'}); }\n"
    "  if (uri === '/group') {\n"
    "    cf.createRequestOriginGroup({originIds: ['main', 'backup'],\n"
    "      failoverCriteria: {statusCodes: [500, 503]}});\n"
    "  }\n"
    "  if (uri === '/shield') { cf.updateRequestOrigin({originShield: {enabled: true}}); }\n"
    "  if (uri === '/badgroup') {\n"
    "    cf.createRequestOriginGroup({originIds: ['main'],\n"
    "      failoverCriteria: {statusCodes: [500]}});\n"
    "  }\n"
    "  if (uri === '/unknown') { cf.updateRequestOrigin({color: 'red'}); }\n"
    "  return event.request;\n"
    "}"
)


def test_origin_helpers_update_select_and_group(cloud: Cloud) -> None:
    seen: list[Any] = []

    def backup(request: Any) -> tuple[int, dict[str, str], bytes]:
        seen.append(request)
        return 200, {}, f"backup {request.path} {request.header('x-from')}".encode()

    cloud.cdn.register_origin("main.internal", lambda request: (500, {}, b"down"))
    cloud.cdn.register_origin("backup.internal", backup)

    def custom(origin_id: str, domain: str) -> dict[str, Any]:
        return {"Id": origin_id, "DomainName": domain, "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}  # fmt: skip

    arn = cloud.cdn.function("helpers", ORIGIN_HELPERS)
    cdn = cloud.cdn.distribution(
        origins=[custom("main", "main.internal"), custom("backup", "backup.internal")],
        default={"viewer_request": arn, "cache_policy": "CachingDisabled",
                 "methods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]},
    )  # fmt: skip
    assert cdn.request("GET", "/plain").status == 500  # the behavior's origin
    assert cdn.request("GET", "/moved").body == b"backup /v2/moved fn"
    assert cdn.request("GET", "/pick").body == b"backup /p/pick None"
    assert cdn.request("GET", "/group").body == b"backup /group None"  # failed over on 500
    assert cdn.request("POST", "/group").status == 500  # no failover for POST
    for refused in ("/shield", "/badgroup", "/unknown"):
        answer = cdn.request("GET", refused)
        assert answer.status == 503, refused
        assert cdn.access_log()[-1]["x-edge-result-type"] == "FunctionExecutionError"
