"""The whole edge at once: an S3 origin, an API Gateway origin and a failover group, all
four Lambda@Edge triggers, a generated response, hits, misses, revalidation and an
invalidation completing on the clock."""

from __future__ import annotations

from typing import Any

from pyserverless import Cloud


def _cf(event: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = event["Records"][0]["cf"]
    return found


def gatekeeper(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Viewer request: a generated 403 for /private, else the request on its way."""
    request = _cf(event)["request"]
    if request["uri"].startswith("/private"):
        return {"status": "403", "statusDescription": "Forbidden", "body": "keep out"}
    return dict(request)


def tag_request(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Origin request: a header the origin sees (only on misses)."""
    request = _cf(event)["request"]
    request["headers"]["x-edge"] = [{"key": "X-Edge", "value": "origin-request"}]
    return dict(request)


def stamp_response(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Origin response: a header cached with the object."""
    response = _cf(event)["response"]
    response["headers"]["x-stamp"] = [{"key": "X-Stamp", "value": response["status"]}]
    return dict(response)


def security_headers(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Viewer response: on every answer, hits included."""
    response = _cf(event)["response"]
    response["headers"]["x-frame-options"] = [{"key": "X-Frame-Options", "value": "DENY"}]
    return dict(response)


def _version(cloud: Cloud, name: str, handler: Any) -> str:
    published = cloud.lambda_.create_function(name, handler=handler).publish_version()
    return f"{published.arn}:{published.version}"


def test_the_whole_edge() -> None:
    cloud = Cloud.manual()
    bucket = cloud.s3.create_bucket("site")
    bucket.put("index.html", b"<h1>home</h1>", content_type="text/html")
    api = cloud.gateway.http_api("shop")
    seen: list[str | None] = []

    def item(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(event["headers"].get("x-edge"))
        return {
            "statusCode": 200,
            "headers": {"cache-control": "max-age=30"},
            "body": event["pathParameters"]["id"],
        }

    api.route("GET /api/items/{id}", item)
    cloud.cdn.register_origin("down.internal", lambda request: (503, {}, b"down"))
    cloud.cdn.register_origin("spare.internal", lambda request: (200, {}, b"spare"))
    edge = {
        "viewer-request": _version(cloud, "gate", gatekeeper),
        "viewer-response": _version(cloud, "secure", security_headers),
    }
    cdn = cloud.cdn.distribution(
        origins=[bucket, api, "down.internal", "spare.internal"],
        behaviors=[
            {
                "path": "/api/*",
                "origin": 1,
                "cache_policy": "UseOriginCacheControlHeaders",
                "origin_request_policy": "AllViewerExceptHostHeader",
                "lambda_edge": {
                    **edge,
                    "origin-request": _version(cloud, "tag", tag_request),
                    "origin-response": _version(cloud, "stamp", stamp_response),
                },
            },
            {"path": "/status/*", "origin": "g", "lambda_edge": edge},
        ],
        groups=[{"id": "g", "primary": 2, "secondary": 3, "status_codes": [503]}],
        default={"lambda_edge": edge},
        default_root_object="index.html",
    )
    # S3 through the origin access control, then from the cache
    home = cdn.request("GET", "/")
    assert (home.status, home.body, home.x_cache) == (200, b"<h1>home</h1>", "Miss from cloudfront")
    assert home.header("x-frame-options") == "DENY"
    cloud.advance(5)
    again = cdn.request("GET", "/")
    assert (again.x_cache, again.header("age"), again.header("x-frame-options")) == (
        "Hit from cloudfront",
        "5",
        "DENY",
    )
    # API Gateway with the origin triggers: run on the miss only, their header cached
    first = cdn.request("GET", "/api/items/7")
    second = cdn.request("GET", "/api/items/7")
    assert (first.body, first.header("x-stamp"), second.header("x-stamp")) == (b"7", "200", "200")
    assert (second.x_cache, seen) == ("Hit from cloudfront", ["origin-request"])
    cloud.advance(30)  # max-age=30: stale, no validator, fetched again
    assert cdn.request("GET", "/api/items/7").x_cache == "Miss from cloudfront"
    assert seen == ["origin-request", "origin-request"]
    # the failover group answers from the spare
    status = cdn.request("GET", "/status/now")
    assert (status.status, status.body) == (200, b"spare")
    # a generated response: the origin is never asked
    private = cdn.request("GET", "/private/x")
    assert (private.status, private.body, private.x_cache) == (
        403,
        b"keep out",
        "LambdaGeneratedResponse from cloudfront",
    )
    # an invalidation removes the cached home page when it completes on the clock
    bucket.put("index.html", b"<h1>new</h1>", content_type="text/html")
    cdn.invalidate("/index.html")
    assert cdn.request("GET", "/").body == b"<h1>home</h1>"  # in progress: still cached
    cloud.advance(60)
    assert cdn.request("GET", "/").body == b"<h1>new</h1>"
    results = [line["x-edge-result-type"] for line in cdn.access_log()]
    assert results.count("LambdaGeneratedResponse") == 1
    assert "Hit" in results and "Miss" in results
