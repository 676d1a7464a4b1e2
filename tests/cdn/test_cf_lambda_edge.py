"""Lambda@Edge: association rules, the four trigger points, validation and failures.

Handlers are real Lambda functions (published versions in us-east-1) run by the Lambda
engine; the tests assert what reaches the origin, what the viewer gets, and the access
log's result types.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.cdn._origins import OriginRequest


class Origin:
    def __init__(self, body: bytes = b"origin") -> None:
        self.calls: list[OriginRequest] = []
        self.body = body

    def __call__(self, request: OriginRequest) -> tuple[int, dict[str, str], bytes]:
        self.calls.append(request)
        return 200, {"Cache-Control": "max-age=60", "Content-Type": "text/plain"}, self.body


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual()


@pytest.fixture
def origin(cloud: Cloud) -> Origin:
    found = Origin()
    cloud.cdn.register_origin("app.internal", found)
    return found


def version(cloud: Cloud, name: str, handler: Any, **kw: Any) -> str:
    """The qualified ARN of version 1 of a new function."""
    fn = cloud.lambda_.create_function(name, handler=handler, **kw)
    published = fn.publish_version()
    return f"{published.arn}:{published.version}"


def _first(event: dict[str, Any]) -> dict[str, Any]:
    cf: dict[str, Any] = event["Records"][0]["cf"]
    return cf


def _code(excinfo: pytest.ExceptionInfo[ClientError]) -> str:
    return str(excinfo.value.response["Error"]["Code"])


# -- associations ---------------------------------------------------------------------------
def test_association_rules(cloud: Cloud, origin: Origin) -> None:
    arn = version(cloud, "edge", lambda e, c: _first(e)["request"])
    base = arn.rsplit(":", 1)[0]
    cloud.lambda_.function("edge").create_alias("live", "1")
    bad_arns = {
        base + ":$LATEST": "must reference a specific function version",
        base: "must reference a specific function version",
        base + ":live": "must reference a specific function version",
        arn.replace("us-east-1", "eu-west-1"): "must be in region 'us-east-1'",
        base + ":99": "does not exist",
    }
    for bad, why in bad_arns.items():
        with pytest.raises(ClientError) as refused:
            cloud.cdn.distribution(
                ["app.internal"], default={"lambda_edge": {"origin-request": bad}}
            )
        assert _code(refused) == "InvalidLambdaFunctionAssociation"
        assert why in refused.value.response["Error"]["Message"]
    env = version(cloud, "withenv", lambda e, c: None, environment={"STAGE": "1"})
    with pytest.raises(ClientError) as has_env:
        cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"origin-request": env}})
    assert "environment variables" in has_env.value.response["Error"]["Message"]
    big = version(cloud, "big", lambda e, c: None, memory_mb=129)
    with pytest.raises(ClientError):
        cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"viewer-request": big}})
    # 129 MB is fine at an origin trigger; 128 MB at a viewer trigger
    cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"origin-request": big}})
    small = version(cloud, "small", lambda e, c: None, memory_mb=128, timeout=5)
    cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"viewer-request": small}})
    slow = version(cloud, "slow", lambda e, c: None, memory_mb=128, timeout=6)
    with pytest.raises(ClientError):
        cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"viewer-request": slow}})
    assert len(cloud.client("cloudfront").list_distributions()["DistributionList"]["Items"]) == 2


def test_include_body_only_on_request_events(cloud: Cloud, origin: Origin) -> None:
    v = version(cloud, "f", lambda e, c: None)
    cf = cloud.client("cloudfront")
    dist = cloud.cdn.distribution(["app.internal"])
    got = cf.get_distribution_config(Id=dist.id)
    config = got["DistributionConfig"]
    config["DefaultCacheBehavior"]["LambdaFunctionAssociations"] = {
        "Quantity": 1,
        "Items": [{"LambdaFunctionARN": v, "EventType": "origin-response", "IncludeBody": True}],
    }
    with pytest.raises(ClientError) as refused:
        cf.update_distribution(Id=dist.id, IfMatch=got["ETag"], DistributionConfig=config)
    assert _code(refused) == "InvalidLambdaFunctionAssociation"
    kept = cf.get_distribution_config(Id=dist.id)["DistributionConfig"]["DefaultCacheBehavior"]
    assert not (kept.get("LambdaFunctionAssociations") or {}).get("Items")


# -- viewer request ---------------------------------------------------------------------------
def test_viewer_request_rewrites_the_uri_and_adds_a_header(cloud: Cloud, origin: Origin) -> None:
    seen: list[dict[str, Any]] = []

    def rewrite(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(event)
        request = _first(event)["request"]
        request["uri"] = request["uri"].replace("/old/", "/new/")
        request["headers"]["x-rewritten"] = [{"key": "X-Rewritten", "value": "yes"}]
        return dict(request)

    v = version(cloud, "rewrite", rewrite)
    dist = cloud.cdn.distribution(
        ["app.internal"],
        default={"lambda_edge": {"viewer-request": v}, "origin_request_policy": "AllViewer"},
    )
    answer = dist.request("GET", "/old/page?x=1", headers={"User-Agent": "t"})
    assert (answer.status, answer.body) == (200, b"origin")
    assert origin.calls[-1].path == "/new/page"
    assert origin.calls[-1].header("x-rewritten") == "yes"
    cf = _first(seen[0])
    assert cf["config"]["eventType"] == "viewer-request"
    assert cf["config"]["distributionId"] == dist.id
    assert cf["request"]["querystring"] == "x=1"
    assert cf["request"]["headers"]["host"] == [{"key": "Host", "value": dist.domain_name}]
    assert cf["request"]["headers"]["user-agent"] == [{"key": "User-Agent", "value": "t"}]


def test_viewer_request_generated_response(cloud: Cloud, origin: Origin) -> None:
    def deny(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {
            "status": "403",
            "statusDescription": "Forbidden",
            "headers": {"content-type": [{"key": "Content-Type", "value": "text/plain"}]},
            "body": "no",
        }

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"viewer-request": version(cloud, "d", deny)}}
    )
    answer = dist.request("GET", "/x")
    assert (answer.status, answer.body, answer.header("content-type")) == (403, b"no", "text/plain")
    assert answer.x_cache == "LambdaGeneratedResponse from cloudfront"
    assert origin.calls == []
    assert dist.access_log()[-1]["x-edge-result-type"] == "LambdaGeneratedResponse"


def test_read_only_and_disallowed_headers_are_validation_errors(
    cloud: Cloud, origin: Origin
) -> None:
    def set_host(event: dict[str, Any], context: Any) -> dict[str, Any]:
        request = _first(event)["request"]
        request["headers"]["host"] = [{"key": "Host", "value": "evil.example"}]
        return dict(request)

    def set_disallowed(event: dict[str, Any], context: Any) -> dict[str, Any]:
        request = _first(event)["request"]
        request["headers"]["x-amz-cf-id"] = [{"key": "X-Amz-Cf-Id", "value": "x"}]
        return dict(request)

    for name, handler in (("host", set_host), ("disallowed", set_disallowed)):
        dist = cloud.cdn.distribution(
            ["app.internal"],
            default={"lambda_edge": {"viewer-request": version(cloud, name, handler)}},
        )
        answer = dist.request("GET", "/x")
        assert answer.status == 502
        assert b"The Lambda function result failed validation" in answer.body
        assert dist.access_log()[-1]["x-edge-result-type"] == "LambdaValidationError"
    assert origin.calls == []


def test_a_failing_function_is_a_503_and_a_bad_result_a_502(cloud: Cloud, origin: Origin) -> None:
    def boom(event: dict[str, Any], context: Any) -> None:
        raise RuntimeError("boom")

    failing = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"viewer-request": version(cloud, "b", boom)}}
    )
    answer = failing.request("GET", "/x")
    assert answer.status == 503
    assert failing.access_log()[-1]["x-edge-result-type"] == "LambdaExecutionError"
    not_object = cloud.cdn.distribution(
        ["app.internal"],
        default={"lambda_edge": {"viewer-request": version(cloud, "n", lambda e, c: [1])}},
    )
    assert not_object.request("GET", "/x").status == 502


# -- origin request and response --------------------------------------------------------------
def test_origin_request_runs_on_misses_only_and_can_switch_origin(
    cloud: Cloud, origin: Origin
) -> None:
    other = Origin(b"other")
    cloud.cdn.register_origin("other.internal", other)
    calls: list[str] = []

    def route(event: dict[str, Any], context: Any) -> dict[str, Any]:
        request = _first(event)["request"]
        calls.append(request["uri"])
        assert request["origin"]["custom"]["domainName"] == "app.internal"
        if request["uri"].startswith("/beta/"):
            request["origin"]["custom"]["domainName"] = "other.internal"
        return dict(request)

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"origin-request": version(cloud, "r", route)}}
    )
    assert dist.request("GET", "/beta/a").body == b"other"
    assert dist.request("GET", "/main/a").body == b"origin"
    hit = dist.request("GET", "/beta/a")
    assert (hit.x_cache, hit.body) == ("Hit from cloudfront", b"other")
    assert calls == ["/beta/a", "/main/a"]  # not run on the hit
    assert [c.path for c in other.calls] == ["/beta/a"]


def test_origin_request_generated_response_is_cached(cloud: Cloud, origin: Origin) -> None:
    runs: list[int] = []

    def make(event: dict[str, Any], context: Any) -> dict[str, Any]:
        runs.append(1)
        return {
            "status": "200",
            "headers": {"cache-control": [{"key": "Cache-Control", "value": "max-age=30"}]},
            "body": base64.b64encode(b"\x00made").decode(),
            "bodyEncoding": "base64",
        }

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"origin-request": version(cloud, "m", make)}}
    )
    assert dist.request("GET", "/a").body == b"\x00made"
    assert dist.request("GET", "/a").x_cache == "Hit from cloudfront"
    assert (len(runs), origin.calls) == (1, [])


def test_origin_response_changes_are_cached(cloud: Cloud, origin: Origin) -> None:
    runs: list[str] = []

    def stamp(event: dict[str, Any], context: Any) -> dict[str, Any]:
        cf = _first(event)
        runs.append(cf["response"]["status"])
        response = cf["response"]
        response["headers"]["x-stamped"] = [{"key": "X-Stamped", "value": "1"}]
        return dict(response)

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"origin-response": version(cloud, "s", stamp)}}
    )
    first = dist.request("GET", "/a")
    second = dist.request("GET", "/a")
    assert first.header("x-stamped") == second.header("x-stamped") == "1"
    assert second.x_cache == "Hit from cloudfront"
    assert runs == ["200"]


def test_a_failed_origin_function_is_not_cached(cloud: Cloud, origin: Origin) -> None:
    state = {"fail": True}

    def flaky(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if state["fail"]:
            raise RuntimeError("down")
        return dict(_first(event)["request"])

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"origin-request": version(cloud, "f", flaky)}}
    )
    assert dist.request("GET", "/a").status == 503
    state["fail"] = False
    assert dist.request("GET", "/a").status == 200


def test_include_body_shows_the_request_body(cloud: Cloud, origin: Origin) -> None:
    bodies: list[dict[str, Any]] = []

    def read(event: dict[str, Any], context: Any) -> dict[str, Any]:
        request = _first(event)["request"]
        bodies.append(request["body"])
        return dict(request)

    v = version(cloud, "body", read)
    cf = cloud.client("cloudfront")
    dist = cloud.cdn.distribution(["app.internal"], default={"methods": [
        "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]})  # fmt: skip
    got = cf.get_distribution_config(Id=dist.id)
    config = got["DistributionConfig"]
    config["DefaultCacheBehavior"]["LambdaFunctionAssociations"] = {
        "Quantity": 1,
        "Items": [{"LambdaFunctionARN": v, "EventType": "viewer-request", "IncludeBody": True}],
    }
    cf.update_distribution(Id=dist.id, IfMatch=got["ETag"], DistributionConfig=config)
    dist.request("POST", "/form", body=b"a=1")
    assert bodies == [
        {"inputTruncated": False, "action": "read-only", "encoding": "base64", "data": "YT0x"}
    ]
    dist.request("POST", "/form", body=b"x" * (40 * 1024 + 1))
    assert bodies[-1]["inputTruncated"] is True
    assert len(base64.b64decode(bodies[-1]["data"])) == 40 * 1024


# -- viewer response --------------------------------------------------------------------------
def test_viewer_response_runs_on_hits_and_cannot_change_status(
    cloud: Cloud, origin: Origin
) -> None:
    def tag(event: dict[str, Any], context: Any) -> dict[str, Any]:
        response = _first(event)["response"]
        response["headers"]["x-tag"] = [{"key": "X-Tag", "value": "t"}]
        return dict(response)

    dist = cloud.cdn.distribution(
        ["app.internal"], default={"lambda_edge": {"viewer-response": version(cloud, "t", tag)}}
    )
    assert dist.request("GET", "/a").header("x-tag") == "t"
    hit = dist.request("GET", "/a")
    assert (hit.x_cache, hit.header("x-tag")) == ("Hit from cloudfront", "t")

    def restatus(event: dict[str, Any], context: Any) -> dict[str, Any]:
        response = _first(event)["response"]
        response["status"] = "201"
        return dict(response)

    other = cloud.cdn.distribution(
        ["app.internal"],
        default={"lambda_edge": {"viewer-response": version(cloud, "u", restatus)}},
    )
    assert other.request("GET", "/a").status == 502


# -- Lambda function URLs as origins ----------------------------------------------------------
def _url(cloud: Cloud, name: str, auth: str, handler: Any) -> str:
    cloud.lambda_.create_function(name, handler=handler)
    lam = cloud.client("lambda")
    made = lam.create_function_url_config(FunctionName=name, AuthType=auth)
    if auth == "NONE":  # AWS asks for both permissions (docs/lambda-urls.md)
        lam.add_permission(
            FunctionName=name, StatementId="url", Action="lambda:InvokeFunctionUrl",
            Principal="*", FunctionUrlAuthType="NONE",
        )  # fmt: skip
        lam.add_permission(
            FunctionName=name, StatementId="invoke", Action="lambda:InvokeFunction",
            Principal="*", InvokedViaFunctionUrl=True,
        )  # fmt: skip
    return str(made["FunctionUrl"]).removeprefix("https://").rstrip("/")


def test_a_function_url_as_the_origin(cloud: Cloud) -> None:
    def page(event: dict[str, Any], context: Any) -> dict[str, Any]:
        http = event["requestContext"]["http"]
        return {
            "statusCode": 200,
            "headers": {"cache-control": "max-age=60"},
            "body": f"{http['method']} {event['rawPath']} {event['rawQueryString']}",
        }

    domain = _url(cloud, "site", "NONE", page)
    dist = cloud.cdn.distribution(
        [domain],
        default={
            "cache_policy": "CachingOptimized",
            "origin_request_policy": "AllViewerExceptHostHeader",
        },
    )
    first = dist.request("GET", "/a/b?x=1")
    assert (first.status, first.body) == (200, b"GET /a/b x=1")
    assert dist.request("GET", "/a/b?x=1").x_cache == "Hit from cloudfront"
    private = _url(cloud, "private", "AWS_IAM", page)
    locked = cloud.cdn.distribution([private])
    assert locked.request("GET", "/").status == 403  # unsigned, as without an OAC
    unknown = cloud.cdn.distribution(["0" * 32 + ".lambda-url.us-east-1.on.aws"])
    assert unknown.request("GET", "/").status == 502


def test_a_lambda_origin_access_control_is_refused(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    oac = cf.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": "fn", "SigningProtocol": "sigv4", "SigningBehavior": "always",
            "OriginAccessControlOriginType": "lambda",
        }
    )["OriginAccessControl"]["Id"]  # fmt: skip
    origin = {
        "Id": "fn",
        "DomainName": "a" * 32 + ".lambda-url.us-east-1.on.aws",
        "OriginAccessControlId": oac,
        "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only",
        },
    }  # fmt: skip
    with pytest.raises(ClientError) as refused:
        cloud.cdn.distribution([origin])
    assert _code(refused) == "InvalidArgument"


def _passthrough(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(_first(event)["request"])


def test_package_size_limit_both_sides() -> None:
    probe = Cloud.manual().lambda_.create_function("pkg", handler=_passthrough)
    size = probe.describe().code_size
    for limit, accepted in ((size, True), (size - 1, False)):
        cloud = Cloud.manual(limits={"cloudfront": {"edge_viewer_package_bytes": limit}})
        cloud.cdn.register_origin("app.internal", Origin())
        v = version(cloud, "pkg", _passthrough)
        default = {"lambda_edge": {"viewer-request": v}}
        if accepted:
            cloud.cdn.distribution(["app.internal"], default=default)
        else:
            with pytest.raises(ClientError) as refused:
                cloud.cdn.distribution(["app.internal"], default=default)
            assert "code size" in refused.value.response["Error"]["Message"]


def test_edge_runs_log_to_the_replica_group(cloud: Cloud, origin: Origin) -> None:
    """AWS names a Lambda@Edge replica ``us-east-1.<name>`` and logs it to its own group;
    its environments are not the version's own."""
    seen: list[str] = []

    def named(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(context.function_name)
        print("at the edge")
        return dict(_first(event)["request"])

    v = version(cloud, "named", named)
    dist = cloud.cdn.distribution(["app.internal"], default={"lambda_edge": {"viewer-request": v}})
    dist.request("GET", "/a")
    assert seen == ["us-east-1.named"]
    logs = cloud.client("logs")
    groups = [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
    assert "/aws/lambda/us-east-1.named" in groups
    assert "/aws/lambda/named" not in groups  # the function itself never ran
    found = logs.filter_log_events(
        logGroupName="/aws/lambda/us-east-1.named", filterPattern='"at the edge"'
    )
    assert len(found["events"]) == 1
    fn = cloud.lambda_.function("named")
    assert fn.invoke({"Records": [{"cf": {"request": {}}}]}, qualifier="1") == {}
    assert "/aws/lambda/named" in [
        g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]
    ]
    assert fn.environments() == 2  # the version's own and its replica's
    dist.request("GET", "/b")  # warm: the replica's environment again
    assert fn.environments() == 2
