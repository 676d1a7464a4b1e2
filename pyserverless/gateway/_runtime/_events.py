"""Lambda proxy events, payload format 1.0 and 2.0, as API Gateway builds them (aws-facts C2).

1.0 (REST APIs, and HTTP APIs that ask for it): every top-level field is present, an
absent map is ``null``; ``headers`` and ``queryStringParameters`` hold the last value of
a repeated name, ``multiValue*`` all of them. REST keeps header names as sent; HTTP APIs
lower-case them. 2.0 (HTTP APIs): header and query values of a repeated name are
comma-joined, cookies move to ``cookies``, and absent fields are left out.
"""

from __future__ import annotations

import base64
import binascii
import functools
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from .._deployed import DeployedStage, RouteSpec
from ._types import AuthOutcome, GatewayRequest, Matched

__all__ = [
    "BadPayload",
    "RequestInfo",
    "event_v1",
    "event_v2",
    "is_binary",
    "parse_query",
    "request_time",
    "route_key",
    "stage_path",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Content types an HTTP API passes as text; anything else reaches Lambda base64-encoded.
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


def request_time(now: datetime) -> str:
    """``04/Mar/2020:19:15:17 +0000``: the ``requestTime`` format.

    >>> from datetime import datetime, timezone
    >>> request_time(datetime(2020, 3, 4, 19, 15, 17, tzinfo=timezone.utc))
    '04/Mar/2020:19:15:17 +0000'
    """
    return _formatted(int(now.timestamp()))


@functools.lru_cache(maxsize=8)  # requests mostly fall in the second before them
def _formatted(second: int) -> str:
    at = datetime.fromtimestamp(second, UTC)
    return f"{at.day:02d}/{_MONTHS[at.month - 1]}/{at.year}:{at:%H:%M:%S} +0000"


def parse_query(query: str) -> list[tuple[str, str]]:
    """The decoded name/value pairs of a raw query string, in order.

    >>> parse_query("a=1&a=2&b=x%20y&c")
    [('a', '1'), ('a', '2'), ('b', 'x y'), ('c', '')]
    """
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        pairs.append((unquote_plus(name), unquote_plus(value)))
    return pairs


def is_binary(stage: DeployedStage, content_type: str | None) -> bool:
    """Whether a body of ``content_type`` reaches Lambda base64-encoded.

    REST APIs: when the type matches one of the API's ``binaryMediaTypes`` (``*/*``
    and ``image/*`` wildcards). HTTP APIs: when the type is not a text type.
    """
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if stage.kind == "HTTP":
        return bool(ctype) and not ctype.startswith(_TEXT_TYPES) and not ctype.endswith("+json")
    for pattern in stage.binary_media_types:
        pattern = pattern.lower()
        if pattern == "*/*" or pattern == ctype:
            return True
        if pattern.endswith("/*") and ctype.startswith(pattern[:-1]):
            return True
    return False


class BadPayload(Exception):
    """The body cannot be converted as the integration's ``contentHandling`` asks."""


class RequestInfo:
    """What both payload formats read about one request (computed once)."""

    __slots__ = (
        "account_id",
        "auth",
        "domain",
        "extended_id",
        "headers",
        "matched",
        "now",
        "request",
        "request_id",
        "stage",
    )

    def __init__(
        self,
        stage: DeployedStage,
        matched: Matched,
        request: GatewayRequest,
        auth: AuthOutcome | None,
        *,
        account_id: str,
        region: str,
        request_id: str,
        now: datetime,
        extended_id: str | None = None,
    ) -> None:
        self.stage = stage
        self.matched = matched
        self.request = request
        self.auth = auth
        self.account_id = account_id
        self.request_id = request_id
        self.extended_id = extended_id or request_id
        self.now = now
        self.domain = request.host or f"{stage.api_id}.execute-api.{region}.amazonaws.com"
        self.headers: tuple[tuple[str, str], ...] | None = None

    def event_headers(self) -> tuple[tuple[str, str], ...]:
        """The request's headers as the integration sees them: with the ``Host``,
        ``X-Amzn-Trace-Id`` and ``X-Forwarded-For/-Port/-Proto`` headers AWS's front end
        adds (a client's ``X-Forwarded-For`` gets the source IP appended; a client's
        trace header is kept)."""
        if self.headers is None:
            self.headers = aws_headers(self.request, self.domain, self.request_id, self.now)
        return self.headers

    @property
    def epoch_ms(self) -> int:
        return int(self.now.timestamp() * 1000)

    def body(self) -> tuple[str | None, bool]:
        """The event's ``body`` and ``isBase64Encoded``.

        A binary body (see :func:`is_binary`) is base64-encoded. A REST integration's
        ``contentHandling`` ``CONVERT_TO_BINARY`` takes a text body as base64 and passes
        the bytes it stands for (base64 again in the event); a body that is not base64
        raises :class:`BadPayload`. ``CONVERT_TO_TEXT`` is what a proxy event does anyway.
        """
        raw = self.request.body
        if not raw:
            return None, False
        if is_binary(self.stage, self.request.header("content-type")):
            return base64.b64encode(raw).decode("ascii"), True
        if self.matched.route.integration.content_handling == "CONVERT_TO_BINARY":
            try:
                blob = base64.b64decode(raw, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise BadPayload from exc
            return base64.b64encode(blob).decode("ascii"), True
        return raw.decode("utf-8", "replace"), False

    def stage_path(self) -> str:
        return stage_path(self.stage, self.request)


def aws_headers(
    request: GatewayRequest, domain: str, request_id: str, now: datetime
) -> tuple[tuple[str, str], ...]:
    """``request``'s headers with those API Gateway's front end adds.

    >>> from datetime import datetime, timezone
    >>> request = GatewayRequest("GET", "/", headers=(("X-Forwarded-For", "10.0.0.1"),))
    >>> when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    >>> for pair in aws_headers(request, "a.example.com", "r1", when):
    ...     print(pair)
    ('X-Forwarded-For', '10.0.0.1, 127.0.0.1')
    ('Host', 'a.example.com')
    ('X-Amzn-Trace-Id', 'Root=1-65920080-...')
    ('X-Forwarded-Port', '443')
    ('X-Forwarded-Proto', 'https')
    """
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, value in request.headers:
        lower = name.lower()
        seen.add(lower)
        if lower == "x-forwarded-for":
            value = f"{value}, {request.source_ip}"
        elif lower in _FRONT_END_SET:  # AWS's front end speaks for these
            continue
        pairs.append((name, value))
    if "host" not in seen:
        pairs.append(("Host", domain))
    if "x-amzn-trace-id" not in seen:
        pairs.append(("X-Amzn-Trace-Id", trace_id(request_id, now)))
    if "x-forwarded-for" not in seen:
        pairs.append(("X-Forwarded-For", request.source_ip))
    pairs.append(("X-Forwarded-Port", "443"))
    pairs.append(("X-Forwarded-Proto", "https"))
    return tuple(pairs)


#: Headers the front end sets whatever the client sent.
_FRONT_END_SET = frozenset({"x-forwarded-port", "x-forwarded-proto"})


def trace_id(request_id: str, now: datetime) -> str:
    """An X-Ray trace header's ``Root=1-{epoch seconds, 8 hex}-{24 hex}`` for a request
    (the 24 hex digits taken from its seeded request id: no draw, no hash).

    >>> from datetime import datetime, timezone
    >>> when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    >>> trace_id("36f675cc-81e7-4ef5-a8e2-5d940ed9047c", when)
    'Root=1-65920080-81e74ef5a8e25d940ed9047c'
    >>> trace_id("Ab3dEf7hIj0=", when)
    'Root=1-65920080-4162336445663768496a303d'
    """
    if len(request_id) == 36:  # a UUID: its last 24 hex digits
        digits = request_id.replace("-", "")[8:]
    else:  # an HTTP API's short id (16 characters): the hex of its characters
        digits = request_id.encode().hex()[:24].ljust(24, "0")
    return f"Root=1-{int(now.timestamp()):08x}-{digits}"


def stage_path(stage: DeployedStage, request: GatewayRequest) -> str:
    """The request's path with the stage in front (``$default``: as it is); through a
    custom domain name, with the base path in front instead."""
    base = request.base_path
    if base is not None:
        return base if base and request.path == "/" else base + request.path
    if stage.stage_name == "$default":
        return request.path
    return f"/{stage.stage_name}{request.path}"


def route_key(route: RouteSpec) -> str:
    """``GET /items/{id}``, or ``$default``."""
    return route.path if route.path == "$default" else f"{route.method} {route.path}"


def _identity(info: RequestInfo, api_key: tuple[str, str] | None) -> dict[str, Any]:
    identity: dict[str, Any] = {
        "accessKey": None,
        "accountId": None,
        "caller": None,
        "cognitoAuthenticationProvider": None,
        "cognitoAuthenticationType": None,
        "cognitoIdentityId": None,
        "cognitoIdentityPoolId": None,
        "principalOrgId": None,
        "sourceIp": info.request.source_ip,
        "user": None,
        "userAgent": info.request.header("user-agent"),
        "userArn": None,
        "clientCert": None,
    }
    if info.stage.kind == "REST":
        identity["apiKey"] = api_key[1] if api_key else None
        identity["apiKeyId"] = api_key[0] if api_key else None
    if info.auth is not None and info.auth.identity:
        identity.update(info.auth.identity)
    return identity


def _authorizer_v1(auth: AuthOutcome | None) -> dict[str, Any] | None:
    if auth is None or (not auth.context and auth.principal_id is None):
        return None
    context = dict(auth.context)
    if auth.principal_id is not None:
        context.setdefault("principalId", auth.principal_id)
    return context


def event_v1(info: RequestInfo, api_key: tuple[str, str] | None = None) -> dict[str, Any]:
    """The payload format 1.0 event (REST APIs; HTTP APIs with ``PayloadFormatVersion`` 1.0)."""
    stage, request, route = info.stage, info.request, info.matched.route
    rest = stage.kind == "REST"
    headers: dict[str, str] = {}
    multi_headers: dict[str, list[str]] = {}
    for name, value in info.event_headers():
        key = name if rest else name.lower()
        headers[key] = value
        multi_headers.setdefault(key, []).append(value)
    query: dict[str, str] = {}
    multi_query: dict[str, list[str]] = {}
    for name, value in parse_query(request.query):
        query[name] = value
        multi_query.setdefault(name, []).append(value)
    body, encoded = info.body()
    resource = route.path if route.path != "$default" else request.path
    path = request.path if rest and request.base_path is None else info.stage_path()
    context: dict[str, Any] = {
        "accountId": info.account_id,
        "apiId": stage.api_id,
    }
    authorizer = _authorizer_v1(info.auth)
    if authorizer is None and not rest:  # HTTP APIs' 1.0 events always carry one
        authorizer = {"claims": None, "scopes": None}
    if authorizer is not None:
        context["authorizer"] = authorizer
    context.update(
        {
            "domainName": info.domain,
            "domainPrefix": info.domain.split(".", 1)[0],
            "extendedRequestId": info.extended_id,
            "httpMethod": request.method,
            "identity": _identity(info, api_key),
            "path": info.stage_path() if rest else path,
            "protocol": request.protocol,
            "requestId": info.request_id,
            "requestTime": request_time(info.now),
            "requestTimeEpoch": info.epoch_ms,
            "resourceId": route.route_id if rest else None,  # HTTP APIs have no resources
            "resourcePath": resource,
            "stage": stage.stage_name,
        }
    )
    event: dict[str, Any] = {} if rest else {"version": "1.0"}
    event.update(
        {
            "resource": resource,
            "path": path,
            "httpMethod": request.method,
            "headers": headers or None,
            "multiValueHeaders": multi_headers or None,
            "queryStringParameters": query or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": dict(info.matched.path_parameters) or None,
            "stageVariables": dict(stage.stage_variables) or None,
            "requestContext": context,
            "body": body,
            "isBase64Encoded": encoded,
        }
    )
    return event


def _joined(pairs: list[tuple[str, str]]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for name, value in pairs:
        have = joined.get(name)
        joined[name] = value if have is None else f"{have},{value}"
    return joined


def _authorizer_v2(auth: AuthOutcome | None) -> Mapping[str, Any] | None:
    if auth is None:
        return None
    return dict(auth.context)


def event_v2(info: RequestInfo) -> dict[str, Any]:
    """The payload format 2.0 event (HTTP APIs)."""
    stage, request, route = info.stage, info.request, info.matched.route
    cookies: list[str] = []
    header_pairs: list[tuple[str, str]] = []
    for name, value in info.event_headers():
        key = name.lower()
        if key == "cookie":
            cookies.extend(c.strip() for c in value.split(";") if c.strip())
        else:
            header_pairs.append((key, value))
    key = route_key(route)
    raw_path = info.stage_path()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": key,
        "rawPath": raw_path,
        "rawQueryString": request.query,
    }
    if cookies:
        event["cookies"] = cookies
    event["headers"] = _joined(header_pairs)
    query = _joined(parse_query(request.query))
    if query:
        event["queryStringParameters"] = query
    context: dict[str, Any] = {"accountId": info.account_id, "apiId": stage.api_id}
    authorizer = _authorizer_v2(info.auth)
    if authorizer is not None:
        context["authorizer"] = authorizer
    context.update(
        {
            "domainName": info.domain,
            "domainPrefix": info.domain.split(".", 1)[0],
            "http": {
                "method": request.method,
                "path": raw_path,
                "protocol": request.protocol,
                "sourceIp": request.source_ip,
                "userAgent": request.header("user-agent") or "",
            },
            "requestId": info.request_id,
            "routeKey": key,
            "stage": stage.stage_name,
            "time": request_time(info.now),
            "timeEpoch": info.epoch_ms,
        }
    )
    event["requestContext"] = context
    body, encoded = info.body()
    if body is not None:
        event["body"] = body
    if info.matched.path_parameters:
        event["pathParameters"] = dict(info.matched.path_parameters)
    event["isBase64Encoded"] = encoded
    if stage.stage_variables:
        event["stageVariables"] = dict(stage.stage_variables)
    return event
