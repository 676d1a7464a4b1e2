"""The edge pipeline and cache: behaviors, cache keys, TTLs, revalidation, invalidation,
origins (S3 with an origin access control, API Gateway, Python, WSGI) and failover."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.cdn._cache import CacheSettings, ttl_for
from pyserverless.cdn._managed import CACHING_DISABLED
from pyserverless.cdn._origins import OriginRequest

# -- RFC 9111 and CloudFront's documented TTL rules, as a table ----------------------------
_POLICY = CacheSettings(min_ttl=0, default_ttl=86_400, max_ttl=31_536_000)
_MIN = CacheSettings(min_ttl=100, default_ttl=86_400, max_ttl=1_000)
_DATE = "Thu, 01 Jan 1970 00:16:40 GMT"  # 1,000 s after the epoch


@pytest.mark.parametrize(
    ("status", "headers", "settings", "expected"),
    [
        (200, {}, _POLICY, 86_400),  # nothing from the origin: DefaultTTL
        (200, {"cache-control": "max-age=60"}, _POLICY, 60),  # RFC 9111 5.2.2.1
        (200, {"cache-control": "s-maxage=5, max-age=60"}, _POLICY, 5),  # shared caches: 5.2.2.10
        (200, {"cache-control": "max-age=60", "expires": _DATE}, _POLICY, 60),  # max-age wins
        (200, {"expires": _DATE}, _POLICY, 1_000),  # Expires - now (now = 0)
        (200, {"expires": "not a date"}, _POLICY, None),  # invalid Expires: already stale
        (200, {"cache-control": "max-age=0"}, _POLICY, None),
        (200, {"cache-control": "no-store"}, _POLICY, None),  # 5.2.2.5
        (200, {"cache-control": "private"}, _POLICY, None),  # 5.2.2.7: not for shared caches
        (200, {"cache-control": "no-cache"}, _POLICY, None),  # CloudFront: MinTTL 0 -> no cache
        # CloudFront differs from RFC 9111 (docs/cdn.md): TTLs are clamped ...
        (200, {"cache-control": "max-age=5"}, _MIN, 100),
        (200, {"cache-control": "max-age=5000"}, _MIN, 1_000),
        (200, {"cache-control": "max-age=99"}, _MIN, 100),  # first clamped up
        (200, {"cache-control": "max-age=100"}, _MIN, 100),
        (200, {"cache-control": "max-age=101"}, _MIN, 101),
        # ... and MinTTL > 0 caches no-store / private / no-cache for MinTTL
        (200, {"cache-control": "no-store"}, _MIN, 100),
        (200, {"cache-control": "private, max-age=600"}, _MIN, 100),
        (200, {"cache-control": "max-age=60"}, CacheSettings(0, 0, 0), None),  # CachingDisabled
        (200, {"cache-control": "MAX-AGE=60"}, _POLICY, 60),  # directive names: any case
    ],
)
def test_ttl_rules(
    status: int, headers: dict[str, str], settings: CacheSettings, expected: float | None
) -> None:
    assert ttl_for(status, headers, settings, 0.0) == expected


# -- the pipeline ---------------------------------------------------------------------------
class Origin:
    """A Python origin that counts its calls and answers what the test sets."""

    def __init__(self) -> None:
        self.calls: list[OriginRequest] = []
        self.status = 200
        self.headers: dict[str, str] = {"Cache-Control": "max-age=60", "ETag": '"v1"'}
        self.body = b"hello"

    def __call__(self, request: OriginRequest) -> tuple[int, dict[str, str], bytes]:
        self.calls.append(request)
        tag = self.headers.get("ETag")
        if tag is not None and request.header("if-none-match") == tag:
            return 304, {"Cache-Control": self.headers.get("Cache-Control", "")}, b""
        return self.status, dict(self.headers), self.body


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual()


@pytest.fixture
def origin() -> Origin:
    return Origin()


@pytest.fixture
def cdn(cloud: Cloud, origin: Origin) -> Any:
    cloud.cdn.register_origin("app.internal", origin)
    return cloud.cdn.distribution(origins=["app.internal"])


def test_miss_then_hit_with_age_and_via(cloud: Cloud, cdn: Any, origin: Origin) -> None:
    first = cdn.request("GET", "/a")
    assert (first.status, first.body, first.x_cache) == (200, b"hello", "Miss from cloudfront")
    assert first.header("age") is None
    assert first.header("via").endswith(".cloudfront.net (CloudFront)")
    cloud.advance(10)
    second = cdn.request("GET", "/a")
    assert (second.x_cache, second.header("age")) == ("Hit from cloudfront", "10")
    assert len(origin.calls) == 1
    stats = cdn.stats()["*"]
    assert (stats.requests, stats.hits, stats.misses, stats.bytes) == (2, 1, 1, 10)


def test_stale_entry_is_revalidated(cloud: Cloud, cdn: Any, origin: Origin) -> None:
    cdn.request("GET", "/a")
    cloud.advance(59)
    assert cdn.request("GET", "/a").x_cache == "Hit from cloudfront"
    cloud.advance(1)  # max-age=60 reached: stale
    refreshed = cdn.request("GET", "/a")
    assert (refreshed.x_cache, refreshed.body) == ("RefreshHit from cloudfront", b"hello")
    assert origin.calls[-1].header("if-none-match") == '"v1"'
    assert cdn.request("GET", "/a").x_cache == "Hit from cloudfront"
    origin.headers["ETag"] = '"v2"'
    origin.body = b"new"
    cloud.advance(60)
    changed = cdn.request("GET", "/a")
    assert (changed.x_cache, changed.body) == ("Miss from cloudfront", b"new")


def test_invalidation_removes_entries_when_completed(
    cloud: Cloud, cdn: Any, origin: Origin
) -> None:
    origin.headers["Cache-Control"] = "max-age=600"
    for path in ("/img/a.jpg", "/img/b.jpg", "/css/site.css"):
        cdn.request("GET", path)
    cdn.invalidate("/img/*")
    cloud.advance(59)
    assert cdn.request("GET", "/img/a.jpg").x_cache == "Hit from cloudfront"  # in progress
    cloud.advance(1)
    assert cdn.request("GET", "/img/a.jpg").x_cache == "Miss from cloudfront"
    assert cdn.request("GET", "/img/b.jpg").x_cache == "Miss from cloudfront"
    assert cdn.request("GET", "/css/site.css").x_cache == "Hit from cloudfront"


def test_errors_are_cached_ten_seconds(cloud: Cloud, cdn: Any, origin: Origin) -> None:
    origin.status = 404
    origin.headers = {}
    assert cdn.request("GET", "/x").x_cache == "Error from cloudfront"
    cloud.advance(9)
    assert cdn.request("GET", "/x").x_cache == "Error from cloudfront"
    assert len(origin.calls) == 1
    cloud.advance(1)
    cdn.request("GET", "/x")
    assert len(origin.calls) == 2


def test_query_strings_key_with_a_policy_that_keys_them(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    keyed = cloud.cdn.distribution(
        origins=["app.internal"],
        default={"cache_policy": "UseOriginCacheControlHeaders-QueryStrings"},
    )
    keyed.request("GET", "/a?x=1")
    assert keyed.request("GET", "/a?x=2").x_cache == "Miss from cloudfront"
    assert origin.calls[-1].query == "x=2"
    plain = cloud.cdn.distribution(origins=["app.internal"])  # CachingOptimized: no query
    plain.request("GET", "/a?x=1")
    assert plain.request("GET", "/a?x=2").x_cache == "Hit from cloudfront"
    assert origin.calls[-1].query == ""  # not keyed, not forwarded


def test_origin_request_policy_forwards_without_keying(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(
        origins=["app.internal"], default={"origin_request_policy": "AllViewer"}
    )
    cdn.request("GET", "/a?x=1", headers={"X-User": "ada"})
    assert origin.calls[-1].header("x-user") == "ada" and origin.calls[-1].query == "x=1"
    assert cdn.request("GET", "/a?x=2", headers={"X-User": "bob"}).x_cache == "Hit from cloudfront"


def test_accept_encoding_is_normalised_into_the_key(cdn: Any, origin: Origin) -> None:
    cdn.request("GET", "/a", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert origin.calls[-1].header("accept-encoding") == "br,gzip"
    hit = cdn.request("GET", "/a", headers={"Accept-Encoding": "br;q=1, gzip"})
    assert hit.x_cache == "Hit from cloudfront"
    assert cdn.request("GET", "/a").x_cache == "Miss from cloudfront"  # no encoding: own key


def test_behaviors_first_match_in_order(cloud: Cloud, origin: Origin) -> None:
    other = Origin()
    other.body = b"other"
    cloud.cdn.register_origin("a.internal", origin)
    cloud.cdn.register_origin("b.internal", other)
    cdn = cloud.cdn.distribution(
        origins=["a.internal", "b.internal"],
        behaviors=[
            {"path": "/img/*.jpg", "origin": 1},
            {"path": "/img/*", "origin": 0},
            {"path": "/f?.txt", "origin": 1},
        ],
    )
    assert cdn.request("GET", "/img/x/cat.jpg").body == b"other"
    assert cdn.request("GET", "/img/cat.png").body == b"hello"
    assert cdn.request("GET", "/IMG/cat.jpg").body == b"hello"  # case-sensitive: default
    assert cdn.request("GET", "/f1.txt").body == b"other"
    assert cdn.request("GET", "/f12.txt").body == b"hello"  # ? is one character
    assert set(cdn.stats()) == {"/img/*.jpg", "/img/*", "/f?.txt", "*"}


def test_methods_caching_disabled_and_head(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(
        origins=["app.internal"], default={"cache_policy": CACHING_DISABLED}
    )
    assert cdn.request("POST", "/a").status == 403  # GET, HEAD only
    cdn.request("GET", "/a")
    assert cdn.request("GET", "/a").x_cache == "Miss from cloudfront"
    head = cdn.request("HEAD", "/a")
    assert (head.status, head.body) == (200, b"")


def test_min_ttl_caches_no_store(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cf = cloud.client("cloudfront")
    policy = cf.create_cache_policy(
        CachePolicyConfig={
            "Name": "floor",
            "MinTTL": 30,
            "DefaultTTL": 60,
            "MaxTTL": 120,
            "ParametersInCacheKeyAndForwardedToOrigin": {
                "EnableAcceptEncodingGzip": False,
                "HeadersConfig": {
                    "HeaderBehavior": "whitelist",
                    "Headers": {"Quantity": 1, "Items": ["X-Variant"]},
                },
                "CookiesConfig": {
                    "CookieBehavior": "whitelist",
                    "Cookies": {"Quantity": 1, "Items": ["ab"]},
                },
                "QueryStringsConfig": {"QueryStringBehavior": "none"},
            },
        }
    )["CachePolicy"]["Id"]
    origin.headers = {"Cache-Control": "no-store"}
    cdn = cloud.cdn.distribution(origins=["app.internal"], default={"cache_policy": policy})
    cdn.request("GET", "/a", headers={"Cookie": "ab=1; other=x"})
    assert origin.calls[-1].header("cookie") == "ab=1"
    assert cdn.request("GET", "/a", headers={"Cookie": "ab=1"}).x_cache == "Hit from cloudfront"
    assert cdn.request("GET", "/a", headers={"Cookie": "ab=2"}).x_cache == "Miss from cloudfront"
    assert cdn.request("GET", "/a", headers={"Cookie": "ab=1", "X-Variant": "b"}).x_cache == (
        "Miss from cloudfront"
    )
    cloud.advance(30)
    assert cdn.request("GET", "/a", headers={"Cookie": "ab=1"}).x_cache == "Miss from cloudfront"


def test_s3_origin_needs_an_origin_access_control(cloud: Cloud) -> None:
    bucket = cloud.s3.create_bucket("site")
    bucket.put("img/cat.jpg", b"meow", content_type="image/jpeg")
    cdn = cloud.cdn.distribution(origins=[bucket])
    got = cdn.request("GET", "/img/cat.jpg")
    assert (got.status, got.body, got.header("content-type")) == (200, b"meow", "image/jpeg")
    assert got.header("etag") and got.header("last-modified")
    assert cdn.request("GET", "/nope.jpg").status == 403  # S3: no ListBucket for the OAC
    anonymous = cloud.cdn.distribution(
        origins=[
            {
                "Id": "s3",
                "DomainName": "site.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            }
        ]
    )
    denied = anonymous.request("GET", "/img/cat.jpg")
    assert (denied.status, denied.x_cache) == (403, "Error from cloudfront")
    assert b"AccessDenied" in denied.body


def test_s3_origin_revalidates_with_etag(cloud: Cloud) -> None:
    bucket = cloud.s3.create_bucket("site")
    bucket.put("a.txt", b"v1")
    cloud.client("s3").put_object(Bucket="site", Key="b.txt", Body=b"v1", CacheControl="max-age=5")
    cdn = cloud.cdn.distribution(origins=[bucket])
    cdn.request("GET", "/b.txt")
    cloud.advance(5)
    assert cdn.request("GET", "/b.txt").x_cache == "RefreshHit from cloudfront"
    cloud.client("s3").put_object(Bucket="site", Key="b.txt", Body=b"v2", CacheControl="max-age=5")
    cloud.advance(5)
    fresh = cdn.request("GET", "/b.txt")
    assert (fresh.x_cache, fresh.body) == ("Miss from cloudfront", b"v2")


def test_api_gateway_origin(cloud: Cloud) -> None:
    api = cloud.gateway.http_api("shop")
    api.route(
        "GET /items/{id}",
        lambda event, context: {
            "statusCode": 200,
            "headers": {"cache-control": "max-age=30"},
            "body": event["pathParameters"]["id"],
        },
    )
    rest = cloud.gateway.rest_api("legacy")
    rest.route("GET /ping", lambda event, context: {"statusCode": 200, "body": "pong"})
    rest.deploy("prod")
    cdn = cloud.cdn.distribution(
        origins=[api, (rest, "prod")], behaviors=[{"path": "/ping", "origin": 1}]
    )
    assert cdn.request("GET", "/items/7").body == b"7"
    assert cdn.request("GET", "/items/7").x_cache == "Hit from cloudfront"
    assert cdn.request("GET", "/ping").body == b"pong"


def test_origin_group_fails_over_on_configured_codes(cloud: Cloud, origin: Origin) -> None:
    backup = Origin()
    backup.body = b"backup"
    cloud.cdn.register_origin("main.internal", origin)
    cloud.cdn.register_origin("backup.internal", backup)
    cdn = cloud.cdn.distribution(
        origins=["main.internal", "backup.internal"],
        groups=[{"id": "g", "primary": 0, "secondary": 1, "status_codes": [503]}],
        default={"origin": "g"},
    )
    assert cdn.request("GET", "/a").body == b"hello"
    origin.status = 503
    assert cdn.request("GET", "/b").body == b"backup"
    origin.status = 500  # not a failover code
    got = cdn.request("GET", "/c")
    assert (got.status, len(backup.calls)) == (500, 1)


def test_wsgi_and_failing_origins(cloud: Cloud) -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["PATH_INFO"].encode()]

    def broken(request: OriginRequest) -> Any:
        raise RuntimeError("down")

    cdn = cloud.cdn.distribution(
        origins=[app, broken, "nowhere.internal"],
        behaviors=[{"path": "/b/*", "origin": 1}, {"path": "/n/*", "origin": 2}],
    )
    assert cdn.request("GET", "/hi").body == b"/hi"
    assert cdn.request("GET", "/b/x").status == 502
    assert cdn.request("GET", "/n/x").status == 502


def test_geo_restriction_disable_and_access_log(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(origins=["app.internal"])
    cf = cloud.client("cloudfront")
    current = cf.get_distribution_config(Id=cdn.id)
    config = current["DistributionConfig"]
    config["Restrictions"] = {
        "GeoRestriction": {"RestrictionType": "blacklist", "Quantity": 1, "Items": ["FR"]}
    }
    cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=current["ETag"])
    assert cdn.request("GET", "/a", country="FR").status == 403
    assert cdn.request("GET", "/a", country="DE", viewer_ip="10.0.0.1").status == 200
    log = cdn.access_log()
    assert [row["sc-status"] for row in log] == ["403", "200"]
    assert log[1]["c-ip"] == "10.0.0.1" and log[1]["x-edge-result-type"] == "Miss"
    assert list(log[0])[:4] == ["date", "time", "x-edge-location", "sc-bytes"]
    cdn.disable()
    assert cdn.request("GET", "/a").status == 403
    cdn.delete()
    assert cf.list_distributions()["DistributionList"]["Quantity"] == 0


def test_caches_are_per_distribution(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    one = cloud.cdn.distribution(origins=["app.internal"])
    two = cloud.cdn.distribution(origins=["app.internal"])
    one.request("GET", "/a")
    assert two.request("GET", "/a").x_cache == "Miss from cloudfront"
    assert (one.cached, two.cached) == (1, 1)


def test_compress_gzips_what_the_viewer_accepts(cloud: Cloud) -> None:
    import gzip

    page = b"<p>hello</p>" * 100  # 1,200 bytes of HTML
    cloud.cdn.register_origin(
        "www.internal", lambda request: (200, {"Content-Type": "text/html"}, page)
    )
    cdn = cloud.cdn.distribution(origins=["www.internal"], default={"compress": True})
    zipped = cdn.request("GET", "/", headers={"Accept-Encoding": "gzip"})
    assert zipped.header("content-encoding") == "gzip"
    assert gzip.decompress(zipped.body) == page
    plain = cdn.request("GET", "/")
    assert (plain.header("content-encoding"), plain.body) == (None, page)
    small = cloud.cdn.distribution(origins=["www.internal"], default={"compress": False})
    assert small.request("GET", "/", headers={"Accept-Encoding": "gzip"}).body == page


def test_unemulated_members_are_refused(cloud: Cloud) -> None:
    cf = cloud.client("cloudfront")
    cloud.cdn.register_origin("www.internal", lambda request: (200, {}, b""))
    cdn = cloud.cdn.distribution(origins=["www.internal"])
    current = cf.get_distribution_config(Id=cdn.id)
    config = current["DistributionConfig"]
    config["DefaultCacheBehavior"]["SmoothStreaming"] = True
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=current["ETag"])
    assert cf.get_distribution(Id=cdn.id)["ETag"] == current["ETag"]


def test_generated_cloudfront_headers_and_forwarding(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(origins=["app.internal"], default={"cache_policy": "Amplify"})
    cdn.request("GET", "/a", country="FR", viewer_ip="10.1.2.3",
                headers={"CloudFront-Viewer-Country": "US"})  # fmt: skip
    sent = origin.calls[-1]
    assert sent.header("cloudfront-viewer-country") == "FR"  # CloudFront's value wins
    assert sent.header("x-forwarded-for") == "10.1.2.3"
    assert sent.header("user-agent") == "Amazon CloudFront"
    assert cdn.request("GET", "/a", country="DE").x_cache == "Miss from cloudfront"  # keyed
    assert cdn.request("GET", "/a", country="FR").x_cache == "Hit from cloudfront"


@pytest.mark.parametrize(("size", "cached"), [(5, True), (6, False)])
def test_cache_entry_size_limit(size: int, cached: bool) -> None:
    from pyserverless.cdn import CloudFrontLimits

    cloud = Cloud.manual(limits={"cloudfront": CloudFrontLimits(max_cached_object_bytes=5)})
    cloud.cdn.register_origin("app.internal", lambda request: (200, {}, b"x" * size))
    cdn = cloud.cdn.distribution(origins=["app.internal"])
    cdn.request("GET", "/a")
    expected = "Hit from cloudfront" if cached else "Miss from cloudfront"
    assert cdn.request("GET", "/a").x_cache == expected


def test_default_root_object_must_not_start_with_a_slash(cloud: Cloud) -> None:
    cloud.cdn.register_origin("app.internal", lambda request: (200, {}, b""))
    with pytest.raises(cloud.client("cloudfront").exceptions.InvalidDefaultRootObject):
        cloud.cdn.distribution(origins=["app.internal"], default_root_object="/index.html")


def test_response_headers_policies(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    origin.headers["X-Frame-Options"] = "DENY"
    origin.headers["Server"] = "origin/1.0"
    cf = cloud.client("cloudfront")
    custom = cf.create_response_headers_policy(ResponseHeadersPolicyConfig={
        "Name": "mine",
        "CustomHeadersConfig": {"Quantity": 1, "Items": [
            {"Header": "X-Team", "Value": "edge", "Override": True}]},
        "RemoveHeadersConfig": {"Quantity": 1, "Items": [{"Header": "Server"}]},
    })["ResponseHeadersPolicy"]["Id"]  # fmt: skip
    secure = cloud.cdn.distribution(
        origins=["app.internal"],
        default={"response_headers_policy": "SecurityHeadersPolicy"},
        behaviors=[{"path": "/mine/*", "response_headers_policy": custom}],
    )
    out = secure.request("GET", "/a")
    assert out.header("strict-transport-security") == "max-age=31536000"
    assert out.header("x-frame-options") == "DENY"  # Override false: the origin's stays
    assert out.header("x-content-type-options") == "nosniff"
    hit = secure.request("GET", "/a")
    assert hit.x_cache == "Hit from cloudfront" and hit.header("referrer-policy")
    mine = secure.request("GET", "/mine/x")
    assert (mine.header("x-team"), mine.header("server")) == ("edge", None)
    with pytest.raises(cf.exceptions.InvalidArgument):  # CORS is not emulated
        cloud.cdn.distribution(
            origins=["app.internal"], default={"response_headers_policy": "SimpleCORS"}
        )


def test_origin_path_and_custom_headers(cloud: Cloud, origin: Origin) -> None:
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(origins=[{
        "Id": "app", "DomainName": "app.internal", "OriginPath": "/v2",
        "CustomHeaders": {"Quantity": 1, "Items": [{"HeaderName": "X-Secret",
                                                    "HeaderValue": "s3cr3t"}]},
        "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                               "OriginProtocolPolicy": "https-only"},
    }])  # fmt: skip
    cdn.request("GET", "/items/1")
    sent = origin.calls[-1]
    assert (sent.path, sent.header("x-secret")) == ("/v2/items/1", "s3cr3t")
    with pytest.raises(cloud.client("cloudfront").exceptions.InvalidArgument):
        cloud.cdn.distribution(origins=[{
            "Id": "bad", "DomainName": "app.internal", "OriginPath": "/v2/",
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                   "OriginProtocolPolicy": "https-only"},
        }])  # fmt: skip


def test_custom_error_pages(cloud: Cloud) -> None:
    def site(request: OriginRequest) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/errors/404.html":
            return 200, {"Content-Type": "text/html"}, b"<h1>not here</h1>"
        return 404, {}, b"raw 404"

    cloud.cdn.register_origin("site.internal", site)
    cdn = cloud.cdn.distribution(origins=["site.internal"])
    cf = cloud.client("cloudfront")
    current = cf.get_distribution_config(Id=cdn.id)
    config = current["DistributionConfig"]
    config["CustomErrorResponses"] = {"Quantity": 1, "Items": [{
        "ErrorCode": 404, "ResponsePagePath": "/errors/404.html", "ResponseCode": "200",
        "ErrorCachingMinTTL": 30}]}  # fmt: skip
    etag = cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=current["ETag"])[
        "ETag"
    ]
    out = cdn.request("GET", "/nope")
    assert (out.status, out.body, out.x_cache) == (
        200,
        b"<h1>not here</h1>",
        "Error from cloudfront",
    )
    cloud.advance(29)
    assert cdn.request("GET", "/nope").x_cache == "Error from cloudfront"
    config["CustomErrorResponses"]["Items"][0]["ResponseCode"] = ""
    with pytest.raises(cf.exceptions.InvalidArgument):
        cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=etag)
    config["CustomErrorResponses"]["Items"][0].update(ResponseCode="302")
    with pytest.raises(cf.exceptions.InvalidResponseCode):
        cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=etag)
    config["CustomErrorResponses"]["Items"][0].update(ErrorCode=418, ResponseCode="200")
    with pytest.raises(cf.exceptions.InvalidErrorCode):
        cf.update_distribution(Id=cdn.id, DistributionConfig=config, IfMatch=etag)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Vary (RFC 9111 4.1) is not how CloudFront keys: the cache policy decides, so a
        # different Accept-Language is a hit (docs/cdn.md lists the difference) ...
        ({"Accept-Language": "fr"}, {"Accept-Language": "en"}, "Hit from cloudfront"),
        # ... except Accept-Encoding, normalised into the key when the policy enables it
        ({"Accept-Encoding": "gzip"}, {"Accept-Encoding": "identity"}, "Miss from cloudfront"),
        ({"Accept-Encoding": "gzip"}, {"Accept-Encoding": "gzip;q=1.0"}, "Hit from cloudfront"),
    ],
)
def test_vary_is_not_a_key(
    cloud: Cloud, origin: Origin, first: dict[str, str], second: dict[str, str], expected: str
) -> None:
    origin.headers["Vary"] = "Accept-Language, Accept-Encoding"
    cloud.cdn.register_origin("app.internal", origin)
    cdn = cloud.cdn.distribution(origins=["app.internal"])
    cdn.request("GET", "/a", headers=first)
    assert cdn.request("GET", "/a", headers=second).x_cache == expected


def test_an_origin_may_call_cloudfront_itself(cloud: Cloud) -> None:
    """A Lambda behind API Gateway (its own thread) calls CloudFront's API mid-request."""

    def handler(event: Any, context: Any) -> Any:
        import boto3

        client = boto3.client("cloudfront", region_name="us-east-1")
        count = client.list_distributions()["DistributionList"]["Quantity"]
        return {"statusCode": 200, "body": str(count)}

    api = cloud.gateway.http_api("count")
    api.route("GET /n", handler)
    cdn = cloud.cdn.distribution(origins=[api], default={"cache_policy": "CachingDisabled"})
    assert cdn.request("GET", "/n").body == b"1"
