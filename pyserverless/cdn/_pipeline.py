"""The edge: one viewer request through a distribution (behavior, cache, origin, answer).

Viewer request -> cache behavior (first match in order, ``*`` last) -> cache lookup
(Hit, or RefreshHit after the origin answers 304 to a conditional request) -> origin (or
the origin group's failover) -> cache store (CloudFront's TTL rules) -> the answer with
``X-Cache``, ``Via``, ``Age``, ``X-Amz-Cf-Pop`` and ``X-Amz-Cf-Id``.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import attrs

from . import _edgefn
from ._cache import ERROR_CODES, CacheEntry, CacheSettings, EdgeCache, Stats, ttl_for
from ._headers import apply as apply_headers
from ._headers import compile_policy
from ._keys import trusted_groups
from ._lambda_edge import EdgeLambda, associations
from ._origin_updates import OriginChoice, UpdateFailed, apply_updates
from ._origins import OriginReply, OriginRequest, fetch
from ._plan import items
from ._signed import SignedRequest
from ._signed import check as check_signed
from ._transform import GENERATED as _GENERATED
from ._transform import compressed as _compressed
from ._transform import generated as _generated

if TYPE_CHECKING:
    from ._engine import CloudFront
    from ._model import DistributionRecord

__all__ = ["LOG_FIELDS", "Edge", "EdgeResponse", "ViewerRequest"]

POP = "PYS50-C1"
#: Access-log lines kept per distribution.
LOG_LINES = 100_000
#: The fields of a standard (legacy) access log line, in CloudFront's order.
LOG_FIELDS = (
    "date",
    "time",
    "x-edge-location",
    "sc-bytes",
    "c-ip",
    "cs-method",
    "cs(Host)",
    "cs-uri-stem",
    "sc-status",
    "cs(Referer)",
    "cs(User-Agent)",
    "cs-uri-query",
    "cs(Cookie)",
    "x-edge-result-type",
    "x-edge-request-id",
    "x-host-header",
    "cs-protocol",
    "cs-bytes",
    "time-taken",
    "x-forwarded-for",
    "ssl-protocol",
    "ssl-cipher",
    "x-edge-response-result-type",
    "cs-protocol-version",
    "fle-status",
    "fle-encrypted-fields",
    "c-port",
    "time-to-first-byte",
    "x-edge-detailed-result-type",
    "sc-content-type",
    "sc-content-len",
    "sc-range-start",
    "sc-range-end",
)
_CACHED_OK = frozenset({200, 203, 204, 206, 300, 301, 302, 307, 308, 410})
_ERROR_PAGE = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
    '"http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" '
    'CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be '
    "satisfied</TITLE>\n</HEAD><BODY>\n<H1>{status} ERROR</H1>\n<H2>The request could not be "
    'satisfied.</H2>\n<HR noshade size="1px">\n{why}\n</BODY></HTML>'
)


@attrs.frozen
class ViewerRequest:
    """A viewer's request: method, path, raw query, headers (in order), body, who and where."""

    method: str
    path: str
    query: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    viewer_ip: str = "127.0.0.1"
    country: str | None = None
    scheme: str = "https"
    #: The origin a viewer-request function chose: an origin id
    #: (``cf.selectRequestOriginById``), an ``OriginChoice`` (``cf.updateRequestOrigin``,
    #: ``cf.createRequestOriginGroup``), or None.
    origin_id: Any = None


@attrs.define
class EdgeResponse:
    """The answer a viewer gets."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None

    @property
    def x_cache(self) -> str | None:
        """``X-Cache``: ``Hit from cloudfront``, ``Miss from cloudfront``, ..."""
        return self.header("x-cache")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@attrs.frozen
class Behavior:
    """A compiled cache behavior."""

    pattern: str
    regex: re.Pattern[str] | None
    target: str
    allowed: frozenset[str]
    cached: frozenset[str]
    settings: CacheSettings
    #: What the origin request policy forwards besides the key: (behavior, names) each.
    fwd_headers: tuple[str, frozenset[str]]
    fwd_cookies: tuple[str, frozenset[str]]
    fwd_query: tuple[str, frozenset[str]]
    protocol: str
    #: The response headers policy's rules, or None.
    headers_policy: Any = None
    #: The CloudFront-* headers a policy names (CloudFront generates them per request).
    generated: frozenset[str] = frozenset()
    #: Whether CloudFront compresses answers the viewer accepts compressed (``Compress``).
    compress: bool = False
    #: CloudFront Functions (names) at viewer request and viewer response, or None.
    viewer_request: str | None = None
    viewer_response: str | None = None
    #: Trusted key groups (ids): requests must be signed by one of their keys.
    trusted: tuple[str, ...] = ()
    #: Lambda@Edge associations by event type.
    lambdas: Mapping[str, EdgeLambda] = attrs.field(factory=dict)


def _glob(pattern: str) -> re.Pattern[str]:
    text = pattern.lstrip("/")
    parts = ["." if c == "?" else ".*" if c == "*" else re.escape(c) for c in text]
    return re.compile("".join(parts), re.DOTALL)


def _names(
    block: Mapping[str, Any] | None, behavior_key: str, list_key: str
) -> tuple[str, frozenset[str]]:
    block = block or {}
    names = frozenset(n.lower() for n in items(block.get(list_key)))
    return str(block.get(behavior_key, "none")), names


def _settings(engine: CloudFront, raw: Mapping[str, Any]) -> CacheSettings:
    policy_id = raw.get("CachePolicyId")
    if policy_id:
        config = engine.policies["cache"][policy_id].config
        params = config["ParametersInCacheKeyAndForwardedToOrigin"]
        return CacheSettings(
            min_ttl=config.get("MinTTL", 0),
            default_ttl=config.get("DefaultTTL", 86_400),
            max_ttl=config.get("MaxTTL", 31_536_000),
            headers=_names(params.get("HeadersConfig"), "HeaderBehavior", "Headers"),
            cookies=_names(params.get("CookiesConfig"), "CookieBehavior", "Cookies"),
            query=_names(params.get("QueryStringsConfig"), "QueryStringBehavior", "QueryStrings"),
            gzip=bool(params.get("EnableAcceptEncodingGzip")),
            brotli=bool(params.get("EnableAcceptEncodingBrotli")),
        )
    legacy = raw["ForwardedValues"]
    headers = frozenset(h.lower() for h in items(legacy.get("Headers")))
    cookies = legacy.get("Cookies") or {"Forward": "none"}
    whitelist = frozenset(items(cookies.get("WhitelistedNames")))
    query_keys = frozenset(items(legacy.get("QueryStringCacheKeys")))
    query = ("none", frozenset[str]())
    if legacy.get("QueryString"):
        query = ("whitelist", query_keys) if query_keys else ("all", frozenset())
    return CacheSettings(
        min_ttl=raw.get("MinTTL", 0),
        default_ttl=raw.get("DefaultTTL", 86_400),
        max_ttl=raw.get("MaxTTL", 31_536_000),
        headers=("all", frozenset())
        if "*" in headers
        else (("whitelist", headers) if headers else ("none", frozenset())),
        cookies=(cookies["Forward"], whitelist),
        query=query,
        gzip=bool(raw.get("Compress")),
        brotli=bool(raw.get("Compress")),
    )


def _compile(engine: CloudFront, raw: Mapping[str, Any], pattern: str) -> Behavior:
    methods = raw.get("AllowedMethods") or {}
    allowed = frozenset(items(methods)) or frozenset({"GET", "HEAD"})
    cached = frozenset(items(methods.get("CachedMethods"))) or frozenset({"GET", "HEAD"})
    fwd: dict[str, tuple[str, frozenset[str]]] = {}
    functions = {
        a["EventType"]: a["FunctionARN"].rpartition("/")[2]
        for a in items(raw.get("FunctionAssociations"))
    }
    policy_id = raw.get("OriginRequestPolicyId")
    config = engine.policies["origin-request"][policy_id].config if policy_id else {}
    fwd["h"] = _names(config.get("HeadersConfig"), "HeaderBehavior", "Headers")
    fwd["c"] = _names(config.get("CookiesConfig"), "CookieBehavior", "Cookies")
    fwd["q"] = _names(config.get("QueryStringsConfig"), "QueryStringBehavior", "QueryStrings")
    settings = _settings(engine, raw)
    return Behavior(
        pattern=pattern,
        regex=None if pattern == "*" else _glob(pattern),
        target=raw["TargetOriginId"],
        allowed=allowed,
        cached=cached,
        settings=settings,
        fwd_headers=fwd["h"],
        fwd_cookies=fwd["c"],
        fwd_query=fwd["q"],
        protocol=raw.get("ViewerProtocolPolicy", "allow-all"),
        compress=bool(raw.get("Compress")),
        headers_policy=(
            compile_policy(engine.policies["response-headers"][headers_id].config)
            if (headers_id := raw.get("ResponseHeadersPolicyId"))
            else None
        ),
        generated=frozenset(
            n
            for n in settings.headers[1] | fwd["h"][1]
            if n.startswith("cloudfront-") and n in _GENERATED
        ),
        viewer_request=functions.get("viewer-request"),
        viewer_response=functions.get("viewer-response"),
        trusted=trusted_groups(raw),
        lambdas=associations(raw),
    )


def _select(
    pairs: list[tuple[str, str]], rule: tuple[str, frozenset[str]], lower: bool
) -> tuple[tuple[str, str], ...]:
    kind, names = rule
    if kind == "none":
        return ()
    if kind == "all" or kind.startswith("allViewer"):
        if kind == "allViewerAndWhitelistCloudFront":
            return tuple(pairs)
        return tuple(pairs)
    if kind == "allExcept":
        return tuple(p for p in pairs if (p[0].lower() if lower else p[0]) not in names)
    return tuple(p for p in pairs if (p[0].lower() if lower else p[0]) in names)


def _encoding(accept: str | None, settings: CacheSettings) -> str:
    if not accept or not (settings.gzip or settings.brotli):
        return ""
    offered = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    chosen = []
    if settings.brotli and "br" in offered:
        chosen.append("br")
    if settings.gzip and "gzip" in offered:
        chosen.append("gzip")
    return ",".join(chosen)


def _cookies(header: str | None) -> list[tuple[str, str]]:
    if not header:
        return []
    out = []
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name:
            out.append((name, value))
    return out


class Edge:
    """The edge state of one distribution: compiled behaviors, cache, statistics, log."""

    def __init__(self) -> None:
        self.cache = EdgeCache()
        self.stats: dict[str, Stats] = {}
        #: The access log, newest last (the oldest lines go past ``LOG_LINES``).
        self.log: collections.deque[str] = collections.deque(maxlen=LOG_LINES)
        self._compiled: tuple[Any, list[Behavior]] | None = None
        self._id_prefix: str | None = None
        self._served = 0
        self._log_time: tuple[int, str, str] = (-1, "", "")

    def request_id(self, engine: CloudFront) -> str:
        """A 56-character request id: a seeded prefix and a counter (cheap per request)."""
        if self._id_prefix is None:
            self._id_prefix = engine.cloud.ids.alnum(44)
        self._served += 1
        return f"{self._id_prefix}{self._served:012d}"

    def log_time(self, now: float) -> tuple[str, str]:
        """The log's date and time fields of ``now`` (computed once per second)."""
        second = int(now)
        if self._log_time[0] != second:
            moment = datetime.fromtimestamp(second, UTC)
            self._log_time = (second, moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M:%S"))
        return self._log_time[1], self._log_time[2]

    def reconfigured(self) -> Edge:
        """The same cache after UpdateDistribution (AWS keeps what it cached)."""
        self._compiled = None
        return self

    def invalidate(self, paths: tuple[str, ...]) -> int:
        return self.cache.invalidate(paths)

    def behaviors(self, engine: CloudFront, record: DistributionRecord) -> list[Behavior]:
        stamp = (record.etag, engine.generation)
        if self._compiled is None or self._compiled[0] != stamp:
            config = record.config
            found = [
                _compile(engine, raw, raw["PathPattern"])
                for raw in items(config.get("CacheBehaviors"))
            ]
            found.append(_compile(engine, config["DefaultCacheBehavior"], "*"))
            self._compiled = (stamp, found)
        return self._compiled[1]


def error_response(status: int, why: str, request_id: str) -> EdgeResponse:
    """CloudFront's own error page (``Error from cloudfront``)."""
    body = _ERROR_PAGE.format(status=status, why=why).encode()
    return EdgeResponse(
        status, [("Content-Type", "text/html"), ("X-Cache", "Error from cloudfront")], body
    )


def handle(engine: CloudFront, record: DistributionRecord, req: ViewerRequest) -> EdgeResponse:
    """One viewer request through ``record``: the whole edge pipeline."""
    edge: Edge = record.edge
    now = engine.cloud.clock.time()
    request_id = edge.request_id(engine)
    config = record.config
    path = req.path
    if path == "/" and config.get("DefaultRootObject"):
        path = "/" + config["DefaultRootObject"]
    behavior = next(
        (
            b
            for b in edge.behaviors(engine, record)
            if b.regex is None or b.regex.fullmatch(path.lstrip("/"))
        ),
    )
    stats = edge.stats.setdefault(behavior.pattern, Stats())
    stats.requests += 1
    refused = _refusal(config, record.domain, behavior, req)
    if refused is not None:
        stats.errors += 1
        out = (
            refused
            if isinstance(refused, EdgeResponse)
            else error_response(403, refused, request_id)
        )
        result = "Redirect" if out.status == 301 else "Error"
        return _finish(edge, record, req, path, out, result, now, request_id, stats)
    if behavior.trusted:
        denied = _unsigned(engine, record, req, behavior.trusted, now)
        if denied is not None:
            stats.errors += 1
            return _finish(edge, record, req, path, denied, "Error", now, request_id, stats)
    if behavior.viewer_request is not None:
        ran = _viewer_request(engine, record, behavior, req, path, request_id)
        if isinstance(ran, tuple):
            out, result = ran
            if result != "FunctionGeneratedResponse":
                stats.errors += 1
            return _finish(edge, record, req, path, out, result, now, request_id, stats)
        req, path = ran, ran.path
    elif (assoc := behavior.lambdas.get("viewer-request")) is not None:
        from . import _edge_hooks

        done = _edge_hooks.viewer_request(engine, record, assoc, req, path, request_id)
        if isinstance(done, tuple):
            out, result = done
            if result != "LambdaGeneratedResponse":
                stats.errors += 1
            return _finish(edge, record, req, path, out, result, now, request_id, stats)
        req, path = done, done.path
    out, result = _serve(engine, record, edge, behavior, req, path, now, stats, request_id)
    if out.status >= 400 and config.get("CustomErrorResponses"):
        out = _error_page(engine, record, edge, req, out, now, stats)
    if behavior.headers_policy is not None:
        out.headers = apply_headers(behavior.headers_policy, out.headers)
    if behavior.viewer_response is not None and out.status < 400:
        out = _viewer_response(engine, record, behavior.viewer_response, req, path, request_id, out)
    elif (late := behavior.lambdas.get("viewer-response")) is not None and out.status < 400:
        from . import _edge_hooks

        out = _edge_hooks.viewer_response(engine, record, late, req, path, request_id, out)
    return _finish(edge, record, req, path, out, result, now, request_id, stats)


def _unsigned(
    engine: CloudFront,
    record: DistributionRecord,
    req: ViewerRequest,
    groups: tuple[str, ...],
    now: float,
) -> EdgeResponse | None:
    """CloudFront's 403 for a request to a restricted behavior without a valid signature."""
    host = next((v for k, v in req.headers if k.lower() == "host"), None)
    hosts = (record.domain,) if host in (None, record.domain) else (host, record.domain)
    cookie = "; ".join(v for k, v in req.headers if k.lower() == "cookie")
    signed = SignedRequest(
        req.scheme, hosts, req.path, req.query, dict(_cookies(cookie)), req.viewer_ip
    )
    with engine.lock:
        refused = check_signed(signed, groups, engine.key_groups, engine.public_keys, now)
    if refused is None:
        return None
    headers = [("Content-Type", "text/xml"), ("X-Cache", "Error from cloudfront")]
    return EdgeResponse(403, headers, refused.body)


def _serve(
    engine: CloudFront,
    record: DistributionRecord,
    edge: Edge,
    behavior: Behavior,
    req: ViewerRequest,
    path: str,
    now: float,
    stats: Stats,
    request_id: str = "",
) -> tuple[EdgeResponse, str]:
    """The cache, then the origin: the answer and its result type (Hit, Miss...)."""
    config = record.config
    headers = list(req.headers)
    if behavior.generated:  # CloudFront's own values replace whatever the viewer sent
        headers = [h for h in headers if h[0].lower() not in behavior.generated]
        headers += _generated(behavior.generated, req)
    lower = {k.lower(): v for k, v in headers}
    settings = behavior.settings
    cacheable = req.method in behavior.cached
    key: Any = None
    entry: CacheEntry | None = None
    if cacheable:
        key = _key(behavior, path, req.query, headers, lower)
        entry = edge.cache.get(key)
        if entry is not None and entry.fresh(now):
            stats.hits += 1
            result = "Error" if entry.status >= 400 else "Hit"
            out = _from_entry(entry, now, result)
            return out, result
    forward = _forwarded(behavior, req, path, headers, lower)
    if entry is not None:
        validators = []
        if (tag := entry.header("etag")) is not None:
            validators.append(("If-None-Match", tag))
        if (modified := entry.header("last-modified")) is not None:
            validators.append(("If-Modified-Since", modified))
        if validators and entry.status < 400:
            reply = _fetch(
                engine,
                record,
                behavior,
                attrs.evolve(forward, headers=forward.headers + tuple(validators)),
                req.origin_id,
                request_id,
            )
            if reply.status == 304:
                fresh = {k.lower(): v for k, v in reply.headers}
                ttl = ttl_for(200, fresh or {k.lower(): v for k, v in entry.headers}, settings, now)
                entry.stored, entry.ttl = now, ttl or 0.0
                stats.refresh_hits += 1
                out = _from_entry(entry, now, "RefreshHit")
                return out, "RefreshHit"
        else:
            reply = _fetch(engine, record, behavior, forward, req.origin_id, request_id)
        edge.cache.drop(key)
    else:
        reply = _fetch(engine, record, behavior, forward, req.origin_id, request_id)
    if behavior.compress:
        reply = _compressed(reply, _encoding(lower.get("accept-encoding"), settings) or "")
    stats.misses += 1
    result = "Error" if reply.status >= 400 else "Miss"
    if result == "Error":
        stats.errors += 1
    reply_headers = {k.lower(): v for k, v in reply.headers}
    if cacheable and reply.cacheable and len(reply.body) <= engine.limits.max_cached_object_bytes:
        ttl = _store_ttl(engine, config, reply, reply_headers, settings, now)
        if ttl is not None:
            edge.cache.put(
                key,
                CacheEntry(
                    path, reply.status, list(reply.headers), reply.body, now, ttl, behavior.pattern
                ),
            )
    body = b"" if req.method == "HEAD" else reply.body
    out = EdgeResponse(
        reply.status, [*reply.headers, ("X-Cache", f"{result} from cloudfront")], body
    )
    return out, result


def _refusal(
    config: Mapping[str, Any], domain: str, behavior: Behavior, req: ViewerRequest
) -> str | EdgeResponse | None:
    if not config.get("Enabled", True):
        return "The distribution is disabled."
    geo = (config.get("Restrictions") or {}).get("GeoRestriction") or {}
    kind = geo.get("RestrictionType", "none")
    if kind != "none" and req.country is not None:
        listed = req.country.upper() in items(geo)
        if listed != (kind == "whitelist"):
            return (
                "The Amazon CloudFront distribution is configured to block access from your "
                "country."
            )
    if req.scheme == "http":
        if behavior.protocol == "https-only":
            return "The distribution only accepts HTTPS."
        if behavior.protocol == "redirect-to-https":
            location = f"https://{domain}{req.path}"
            return EdgeResponse(
                301, [("Location", location), ("X-Cache", "Redirect from cloudfront")], b""
            )
    if req.method not in behavior.allowed:
        return (
            "This distribution is not configured to allow the HTTP request method that was "
            "used for this request."
        )
    return None


def _key(
    behavior: Behavior,
    path: str,
    query: str,
    headers: list[tuple[str, str]],
    lower: Mapping[str, str],
) -> Any:
    settings = behavior.settings
    query_pairs = parse_qsl(query, keep_blank_values=True) if query else []
    return (
        path,
        _select(query_pairs, settings.query, lower=False),
        tuple((k.lower(), v) for k, v in _select(headers, settings.headers, lower=True)),
        _select(_cookies(lower.get("cookie")), settings.cookies, lower=False),
        _encoding(lower.get("accept-encoding"), settings),
    )


def _forwarded(
    behavior: Behavior,
    req: ViewerRequest,
    path: str,
    headers: list[tuple[str, str]],
    lower: Mapping[str, str],
) -> OriginRequest:
    """What reaches the origin: the key's values, plus what the origin request policy adds."""
    settings = behavior.settings
    chosen_h = set(_select(headers, settings.headers, True)) | set(
        _select(headers, behavior.fwd_headers, True)
    )
    out_headers = tuple(h for h in headers if h in chosen_h and h[0].lower() != "cookie")
    jar = _cookies(lower.get("cookie"))
    chosen_c = set(_select(jar, settings.cookies, False)) | set(
        _select(jar, behavior.fwd_cookies, False)
    )
    cookies = [c for c in jar if c in chosen_c]
    if cookies:
        out_headers += (("Cookie", "; ".join(f"{k}={v}" for k, v in cookies)),)
    pairs = req.query.split("&") if req.query else []
    parsed = [(p.partition("=")[0], p) for p in pairs]
    chosen_q = {
        p
        for p in parsed
        if _select([p], settings.query, False) or _select([p], behavior.fwd_query, False)
    }
    query = "&".join(p[1] for p in parsed if p in chosen_q)
    if enc := _encoding(lower.get("accept-encoding"), settings):
        out_headers += (("Accept-Encoding", enc),)
    out_headers += (("X-Forwarded-For", req.viewer_ip),)
    if "user-agent" not in {h[0].lower() for h in out_headers}:
        out_headers += (("User-Agent", "Amazon CloudFront"),)
    return OriginRequest(req.method, path, query, out_headers, req.body, req.viewer_ip)


def _fetch(
    engine: CloudFront,
    record: DistributionRecord,
    behavior: Behavior,
    forward: OriginRequest,
    origin_id: Any,
    request_id: str,
) -> OriginReply:
    """The origin's answer, through the origin-request/-response functions if any."""
    if "origin-request" not in behavior.lambdas and "origin-response" not in behavior.lambdas:
        return _origin(engine, record, behavior, forward, origin_id)
    from . import _edge_hooks

    def plain(request: OriginRequest) -> OriginReply:
        return _origin(engine, record, behavior, request, origin_id)

    return _edge_hooks.origin_fetch(engine, record, behavior, forward, origin_id, request_id, plain)


def _origin(
    engine: CloudFront,
    record: DistributionRecord,
    behavior: Behavior,
    req: OriginRequest,
    origin_id: Any = None,
) -> OriginReply:
    if isinstance(origin_id, OriginChoice):
        return _chosen(engine, origin_id, req)
    config = record.config
    origins = {o["Id"]: o for o in items(config.get("Origins"))}
    target = origin_id or behavior.target
    if target in origins:
        return fetch(engine.cloud, origins[target], engine.oacs, engine.custom_origins, req)
    group = next(g for g in items(config.get("OriginGroups")) if g["Id"] == target)
    members = [m["OriginId"] for m in items(group["Members"])]
    codes = set(items(group["FailoverCriteria"]["StatusCodes"]))
    reply = fetch(engine.cloud, origins[members[0]], engine.oacs, engine.custom_origins, req)
    if reply.status in codes and req.method in ("GET", "HEAD", "OPTIONS"):
        reply = fetch(engine.cloud, origins[members[1]], engine.oacs, engine.custom_origins, req)
    return reply


def _chosen(engine: CloudFront, choice: OriginChoice, req: OriginRequest) -> OriginReply:
    """The origin (or failover pair) a viewer-request function chose."""
    reply = fetch(engine.cloud, choice.primary, engine.oacs, engine.custom_origins, req)
    failover = reply.status in choice.codes and req.method in ("GET", "HEAD", "OPTIONS")
    if choice.secondary is not None and failover:
        reply = fetch(engine.cloud, choice.secondary, engine.oacs, engine.custom_origins, req)
    return reply


def _store_ttl(
    engine: CloudFront,
    config: Mapping[str, Any],
    reply: OriginReply,
    headers: Mapping[str, str],
    settings: CacheSettings,
    now: float,
) -> float | None:
    if reply.status in ERROR_CODES:
        for custom in items(config.get("CustomErrorResponses")):
            if custom["ErrorCode"] == reply.status and "ErrorCachingMinTTL" in custom:
                return float(custom["ErrorCachingMinTTL"]) or None
        return float(engine.limits.error_caching_min_ttl) or None
    if reply.status not in _CACHED_OK:
        return None
    return ttl_for(reply.status, headers, settings, now)


def _from_entry(entry: CacheEntry, now: float, result: str) -> EdgeResponse:
    age = int(now - entry.stored)
    headers = [*entry.headers, ("Age", str(age)), ("X-Cache", f"{result} from cloudfront")]
    return EdgeResponse(entry.status, headers, entry.body)


def _finish(
    edge: Edge,
    record: DistributionRecord,
    req: ViewerRequest,
    path: str,
    out: EdgeResponse,
    result: str,
    now: float,
    request_id: str,
    stats: Stats | None = None,
) -> EdgeResponse:
    if req.method == "HEAD":
        out.body = b""
    out.headers += [
        ("Via", f"1.1 {record.id.lower()}.cloudfront.net (CloudFront)"),
        ("X-Amz-Cf-Pop", POP),
        ("X-Amz-Cf-Id", request_id),
    ]
    size = len(out.body)
    if stats is not None:
        stats.bytes += size
    day, clock = edge.log_time(now)
    lower = {k.lower(): v for k, v in req.headers}
    fields = [
        day,
        clock,
        POP,
        str(size),
        req.viewer_ip,
        req.method,
        record.domain,
        path,
        str(out.status),
        lower.get("referer", "-"),
        lower.get("user-agent", "-"),
        req.query or "-",
        lower.get("cookie", "-"),
        result,
        request_id,
        record.domain,
        req.scheme,
        str(len(req.body)),
        "0.001",
        "-",
        "TLSv1.3" if req.scheme == "https" else "-",
        "TLS_AES_128_GCM_SHA256" if req.scheme == "https" else "-",
        result,
        "HTTP/1.1",
        "-",
        "-",
        "0",
        "0.001",
        result,
        out.header("content-type") or "-",
        str(size),
        "-",
        "-",
    ]
    edge.log.append("\t".join(fields))
    return out


def _function_failed(run: Any, request_id: str) -> tuple[EdgeResponse, str] | None:
    if run.throttled:
        why = "The CloudFront function associated with the CloudFront distribution was throttled."
        return error_response(503, why, request_id), "FunctionThrottledError"
    if run.error is not None or run.output is None:
        why = (
            "The CloudFront function associated with the CloudFront distribution is invalid "
            "or could not run."
        )
        return error_response(503, why, request_id), "FunctionExecutionError"
    return None


def _viewer_request(
    engine: CloudFront,
    record: DistributionRecord,
    behavior: Behavior,
    req: ViewerRequest,
    path: str,
    request_id: str,
) -> ViewerRequest | tuple[EdgeResponse, str]:
    name = str(behavior.viewer_request)  # the caller ran this only when there is one
    event = _edgefn.event_for(
        engine, record, "viewer-request", request_id, req.method, path, req.query,
        req.headers, req.viewer_ip,
    )  # fmt: skip
    run = _edgefn.run(engine, name, event)
    failed = _function_failed(run, request_id)
    if failed is not None:
        return failed
    output = run.output
    if "statusCode" in output:
        status, headers, body = _edgefn.response_from(output)
        headers.append(("X-Cache", "FunctionGeneratedResponse from cloudfront"))
        return EdgeResponse(status, headers, body or b""), "FunctionGeneratedResponse"
    uri, query, headers = _edgefn.request_from(output)
    try:
        chosen = apply_updates(record.config, behavior.target, run.origin_updates, req.origin_id)
    except UpdateFailed as why:
        return error_response(503, str(why), request_id), "FunctionExecutionError"
    return attrs.evolve(req, path=uri, query=query, headers=tuple(headers), origin_id=chosen)


def _viewer_response(
    engine: CloudFront,
    record: DistributionRecord,
    name: str,
    req: ViewerRequest,
    path: str,
    request_id: str,
    out: EdgeResponse,
) -> EdgeResponse:
    event = _edgefn.event_for(
        engine, record, "viewer-response", request_id, req.method, path, req.query,
        req.headers, req.viewer_ip,
    )  # fmt: skip
    kept = [(k, v) for k, v in out.headers if k.lower() != "x-cache"]
    cache = out.header("x-cache") or ""
    run = _edgefn.run(engine, name, _edgefn.response_event(event, out.status, kept))
    failed = _function_failed(run, request_id)
    if failed is not None:
        return failed[0]
    status, headers, body = _edgefn.response_from(run.output)
    headers.append(("X-Cache", cache))
    return EdgeResponse(status, headers, out.body if body is None else body)


def _error_page(
    engine: CloudFront,
    record: DistributionRecord,
    edge: Edge,
    req: ViewerRequest,
    out: EdgeResponse,
    now: float,
    stats: Stats,
) -> EdgeResponse:
    """A custom error response: the page at ResponsePagePath, with ResponseCode."""
    custom = next(
        (
            c
            for c in items(record.config.get("CustomErrorResponses"))
            if c["ErrorCode"] == out.status and c.get("ResponsePagePath")
        ),
        None,
    )
    if custom is None:
        return out
    page_path = custom["ResponsePagePath"]
    behavior = next(
        b
        for b in edge.behaviors(engine, record)
        if b.regex is None or b.regex.fullmatch(page_path.lstrip("/"))
    )
    page_req = attrs.evolve(req, method="GET", path=page_path, query="", body=b"")
    page, _result = _serve(engine, record, edge, behavior, page_req, page_path, now, stats)
    if page.status >= 400:  # the page itself failed: CloudFront answers the original error
        return out
    headers = [(k, v) for k, v in page.headers if k.lower() != "x-cache"]
    headers.append(("X-Cache", out.header("x-cache") or "Error from cloudfront"))
    return EdgeResponse(int(custom["ResponseCode"]), headers, page.body)
