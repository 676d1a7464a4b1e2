"""The wire, shared by both doors: bytes in, the client layer, bytes out.

A door turns what it receives into a :class:`WireRequest` (the bridge from botocore's
prepared request, the HTTP endpoint from a WSGI environ), hands it to one
:class:`Dispatcher`, and sends back the :class:`WireResponse`. Everything a request
meets on the way -- routing by the protocol table, content-type and JSON checks,
the Authorization-header checks, type checks against botocore's input shape,
``client.dispatch(operation, params)``, error bodies, ``x-amz-crc32`` and
``x-amzn-RequestId`` -- happens here, once, for both doors. No service behaviour
lives here: the engines decide everything an operation does.
"""

from __future__ import annotations

import functools
import http
import itertools
import logging
import re
import string
import zlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import attrs

from .._core.errors import AWSError
from .._core.exports import publish
from .._core.ids import Ids
from .._core.services import load
from . import _messages as msg
from ._protocols import (
    JSON_SERVICES,
    QUERY_SERVICES,
    REST_JSON_SERVICES,
    REST_XML_SERVICES,
    ROUTES,
    JsonService,
    QueryService,
    RestJsonService,
    Route,
)
from ._shapes import SerializationProblem, ShapeDecoders, encode_json, parse_json

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["Dispatcher", "WireRequest", "WireResponse", "service_model"]

_log = logging.getLogger("pyserverless.adapters")
#: The 52-character request id's alphabet (as ``Ids.alnum(upper=True)`` draws), and its
#: last eight characters as four pairs: the counter part of every id after the first.
_ID_ALPHABET = string.ascii_uppercase + string.digits
_ID_PAIRS = [a + b for a in _ID_ALPHABET for b in _ID_ALPHABET]
_ID_SPAN = len(_ID_PAIRS) ** 4

ClientFactory = Callable[[str, str], Any]

#: Services whose unsigned calls name their Region in their ids: service -> finder.
_REGION_FROM_PARAMS = {"cognito-idp": "pyserverless.cognito._wire:unsigned_region"}
_CREDENTIAL_REGION = re.compile(r"Credential=[^/,\s]*/[^/,\s]*/([^/,\s]+)/")
_AUTH_PARAM = re.compile(r"([A-Za-z-]+)=([^,\s]*)")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
#: The largest body the HTTP door reads for S3 (a single PutObject's 5 GiB).
S3_MAX_REQUEST_BYTES = 5 * 1024**3
_QUERY_SIGNING = (
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
    "X-Amz-Date",
)


@attrs.frozen
class WireRequest:
    """One HTTP request as a door received it (header names lower-case).

    >>> WireRequest("POST", "/", {"x-amz-target": "DynamoDB_20120810.ListTables"}, b"{}")
    WireRequest(method='POST', path='/',
                headers={'x-amz-target': 'DynamoDB_20120810.ListTables'}, body=b'{}',
                query='', trusted=False, region=None)
    """

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes = b""
    query: str = ""
    #: Set by a door that vouches for its caller (the in-process bridge, whose
    #: requests never cross a network): the Authorization-header checks are skipped.
    trusted: bool = False
    #: The region, when the door knows it; otherwise read from the SigV4 credential scope.
    region: str | None = None
    #: The fast bridge's list: a JSON operation's successful result (the response
    #: dict before it is encoded) is appended to it.
    keep: list[Any] | None = attrs.field(default=None, eq=False, repr=False)
    #: The path as sent, still percent-encoded (what a SigV4 signature covers).
    raw_path: str | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class WireResponse:
    """One HTTP response: status, headers and body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes = b""
    #: A body sent chunk by chunk instead of ``body`` (S3's GetObject), or None.
    stream: Iterable[bytes] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def reason(self) -> str:
        """The status line's phrase (``"OK"``, ``"Bad Request"``)."""
        return _REASONS.get(self.status, "Unknown")


#: Each HTTP status's phrase, read once (an HTTPStatus lookup per response cost more).
_REASONS: dict[int, str] = {status.value: status.phrase for status in http.HTTPStatus}


@functools.cache
def service_model(service: str) -> Any:
    """botocore's model of ``service`` (loaded once per process; immutable)."""
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


@functools.cache
def _decoders(service: str) -> ShapeDecoders:
    return ShapeDecoders()


@functools.lru_cache(maxsize=4096)
def _operation(service: str, operation: str) -> tuple[Callable[[Any], Any], bool] | None:
    """The input decoder of an operation and whether it needs a signature (or None)."""
    model = service_model(service)
    if operation not in model.operation_names:
        return None
    shape = model.operation_model(operation).input_shape
    decode = _decoders(service).decoder(shape) if shape is not None else _empty
    return decode, _needs_auth(service, operation)


def _empty(data: Any) -> Any:
    return {}


@functools.lru_cache(maxsize=4096)
def _needs_auth(service: str, operation: str) -> bool:
    op = service_model(service).operation_model(operation)
    auth = getattr(op, "auth", None) or ()
    return op.auth_type != "none" and "smithy.api#noAuth" not in auth


class Dispatcher:
    """Routes wire requests to a Cloud's clients through the protocol table.

    ``clients(service, region)`` builds the client layer (default ``cloud.client``);
    tests and embedders may pass their own. Unexpected (non-AWS) exceptions become
    HTTP 500 unless ``raise_unexpected`` is set (the bridge sets it, so a bug shows
    its own traceback).

    >>> from pyserverless import Cloud
    >>> wire = Dispatcher(Cloud.manual())
    >>> json_10 = {"content-type": "application/x-amz-json-1.0"}
    >>> wire.handle(WireRequest("POST", "/", json_10, b"{")).body
    b'{"__type":"com.amazon.coral.service#SerializationException"}'
    """

    def __init__(
        self,
        cloud: Cloud,
        *,
        clients: ClientFactory | None = None,
        json_services: tuple[JsonService, ...] = JSON_SERVICES,
        rest_services: tuple[RestJsonService, ...] = REST_JSON_SERVICES,
        routes: tuple[Route, ...] = ROUTES,
        query_services: tuple[QueryService, ...] = QUERY_SERVICES,
        raise_unexpected: bool = False,
        credentials: Mapping[str, str] | None = None,
    ) -> None:
        from ._query import Query  # here: both import this module
        from ._restjson import RestJson
        from ._restxml import RestXml

        self.cloud = cloud
        self._make_client: ClientFactory = clients or cloud.client
        self._clients: dict[tuple[str, str], Any] = {}
        self._json = {s.target_prefix: s for s in json_services}
        self._default_json = json_services[0] if json_services else None
        self._routes = [(r, _route_regex(r.pattern), r.method.upper()) for r in routes]
        self._rest = RestJson(self, rest_services)
        self._query = Query(self, query_services)
        self._xml = RestXml(self) if "s3" in REST_XML_SERVICES else None
        self.raise_unexpected = raise_unexpected
        #: Access key id -> secret: signatures are verified against them (None: not).
        self.credentials = credentials
        self._ids = Ids(f"wire:{cloud.seed}")
        #: (first 44 characters, value of the last 8, counter) of the 52-character ids.
        self._request_ids: tuple[str, int, itertools.count[int]] | None = None
        self.services = frozenset(
            [s.service for s in json_services]
            + [s.service for s in rest_services]
            + [s.service for s in query_services]
            + list(REST_XML_SERVICES)
            + ["cloudfront"]  # REST-XML too, by its /2020-05-31/ paths (pyserverless/cdn/_wire.py)
        )
        self._cloudfront: Any = None

    # -- the doors' entry points ----------------------------------------------------
    def handle(self, request: WireRequest) -> WireResponse:
        """Answer one request; never raises for anything a client could send."""
        origin = request.headers.get("origin")
        target = request.headers.get("x-amz-target")
        if target is None and self._xml is not None:  # S3 (REST-XML), by Host or signature
            answer = self._xml.handle(request)
            if answer is not None:
                return answer
        if target is None and (
            request.path.startswith("/2020-05-31/")
            or "/cloudfront/aws4_request" in request.headers.get("authorization", "")
        ):  # CloudFront (REST-XML): docs/cdn.md
            found: WireResponse | None = self._cloudfront_wire().handle(request)
            if found is not None:
                return found
        xml = self._xml
        # S3 by its path alone (an unsigned request to a bucket: anonymous to S3).
        anonymous_s3 = xml is not None and target is None and request.path != "/"
        if request.method == "OPTIONS":
            if origin and anonymous_s3 and self._rest.body_limit(request.path) is None:
                answer = xml.handle(request, anonymous=True)  # type: ignore[union-attr]
                if answer is not None:
                    return answer
            if origin:
                return self._preflight(request)
            return self._not_found(origin)
        response: WireResponse | None = None
        if target is None:
            response = (
                self._route(request) or self._rest.handle(request) or self._query.handle(request)
            )
            if response is None and anonymous_s3:
                response = xml.handle(request, anonymous=True)  # type: ignore[union-attr]
        if response is None:
            response = self._json_request(request, target)
        if origin and "Access-Control-Allow-Origin" not in response.headers:
            headers = dict(response.headers)
            headers["Access-Control-Allow-Origin"] = "*"
            svc = self._json.get((target or "").partition(".")[0]) or self._default_json
            if svc is not None and svc.expose_headers:
                headers["Access-Control-Expose-Headers"] = svc.expose_headers
            response = attrs.evolve(response, headers=headers)
        return response

    def _cloudfront_wire(self) -> Any:
        if self._cloudfront is None:
            from ..cdn._wire import CloudFrontWire

            self._cloudfront = CloudFrontWire(self)
        return self._cloudfront

    def body_limit(self, headers: Mapping[str, str], path: str = "/") -> int:
        """The largest body the service the request is for accepts (else HTTP 413)."""
        target = headers.get("x-amz-target", "")
        xml = self._xml
        if not target and xml is not None:  # S3 by Host or signature, or by path alone
            s3_path = path != "/" and self._rest.body_limit(path) is None
            if s3_path or xml.wants(WireRequest("PUT", path, headers)):
                return S3_MAX_REQUEST_BYTES
        svc = self._json.get(target.partition(".")[0])
        if svc is not None:
            return svc.max_request_bytes
        limit = self._rest.body_limit(path)
        if limit is not None:
            return limit
        return self._default_json.max_request_bytes if self._default_json else 16 * 1024 * 1024

    def too_large(self) -> WireResponse:
        """HTTP 413 with an empty body, as DynamoDB answers an oversized request."""
        return WireResponse(413, self._base_headers(None, "application/json", b""), b"")

    def internal_error(self) -> WireResponse:
        """HTTP 500 ``InternalFailure``, for a failure outside any engine."""
        return self._json_response(
            500, "application/json", {"__type": msg.CORAL + "InternalFailure"}, None
        )

    def client(self, service: str, region: str) -> Any:
        """The client layer of ``service`` in ``region`` (cached)."""
        key = (service, region)
        found = self._clients.get(key)
        if found is None:
            found = self._clients.setdefault(key, self._make_client(service, region))
        return found

    def emulates(self, service: str) -> bool:
        """Whether ``service`` is in the protocol table and this Cloud can build it."""
        if service not in self.services:
            return False
        try:
            self.client(service, self.cloud.region)
        except (ValueError, ImportError):
            return False
        return True

    def region_of(self, request: WireRequest) -> str:
        """The request's region: the door's, the SigV4 credential scope's, or the Cloud's.

        A name that is not a region (``localhost``, as DynamoDB Local users often
        configure) means the Cloud's own region.
        """
        if request.region:
            return request.region if _REGION.match(request.region) else self.cloud.region
        auth = request.headers.get("authorization", "")
        match = _CREDENTIAL_REGION.search(auth)
        if match and _REGION.match(match.group(1)):
            return match.group(1)
        return self.cloud.region

    def _region_from_params(self, service: str, request: WireRequest, params: Any) -> str | None:
        """An unsigned call's Region from the ids it names (a Cognito pool id, client id
        or access token), as AWS's Regional endpoint would serve it, when neither the
        door nor a signature gives one."""
        if request.region or _CREDENTIAL_REGION.search(request.headers.get("authorization", "")):
            return None
        found = load(_REGION_FROM_PARAMS[service])(self.cloud, params)
        return found if isinstance(found, str) and found in self.cloud.regions else None

    def auth_check(self, request: WireRequest) -> tuple[str, str] | None:
        """AWS's (code, message) for a missing, incomplete or (when this dispatcher
        has credentials) wrong signature; None for a request that passes."""
        problem = auth_problem(request)
        if problem is None and self.credentials is not None:
            from ._query import CloudSecrets
            from ._sigv4 import signature_problem

            problem = signature_problem(request, CloudSecrets(self.cloud, self.credentials))
        return problem

    def request_id(self) -> str:
        """A 52-character request id, as DynamoDB's (from the dispatcher's own seed).

        One seeded draw per dispatcher (its first id is that draw), then a counter in
        the last eight characters: deterministic and unique as a draw per call, at a
        tenth of the cost (a draw was a fifth of a bridged get_item's wire work).
        """
        base = self._request_ids
        if base is None:
            first = self._ids.alnum(52, upper=True)
            low = 0
            for char in first[44:]:
                low = low * len(_ID_ALPHABET) + _ID_ALPHABET.index(char)
            base = self._request_ids = (first[:44], low, itertools.count())
        prefix, low, counter = base
        rest, d = divmod((low + next(counter)) % _ID_SPAN, 1296)
        rest, c = divmod(rest, 1296)
        a, b = divmod(rest, 1296)
        pairs = _ID_PAIRS
        return prefix + pairs[a] + pairs[b] + pairs[c] + pairs[d]

    def uuid_request_id(self) -> str:
        """A UUID-shaped request id, as most services' (from the dispatcher's own seed)."""
        return self._ids.uuid()

    # -- AWS JSON 1.0 / 1.1 ----------------------------------------------------------
    def _json_request(self, request: WireRequest, target: str | None) -> WireResponse:
        prefix, dot, operation = (target or "").partition(".")
        svc = self._json.get(prefix) if dot else None
        shown = svc or self._default_json
        if shown is None:
            return self._not_found(None)
        ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if request.method != "POST" or (
            request.body and ctype not in ("application/json", shown.content_type)
        ):
            if request.method in ("GET", "HEAD") and request.path == "/" and shown.health:
                host = request.headers.get("host") or (
                    f"{shown.service}.{self.region_of(request)}.amazonaws.com"
                )
                text = shown.health.format(host=host).encode()
                return WireResponse(200, self._base_headers(None, "text/plain", text), text)
            return self._not_found(None)
        out_type = shown.content_type if ctype == shown.content_type else "application/json"
        data: Any = None
        if request.body:
            try:
                data = parse_json(request.body)
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                return self._coral(out_type, "SerializationException")
        if svc is None:
            return self._coral(out_type, "UnknownOperationException")
        found = _operation(svc.service, operation)
        if found is None:
            return self._coral(out_type, "UnknownOperationException")
        decode, needs_auth = found
        region = self.region_of(request)
        if region not in self.cloud.regions:
            why = msg.UNKNOWN_REGION.format(region)
            return self._coral(out_type, "InvalidSignatureException", why)
        try:
            client = self.client(svc.service, region)
        except ValueError:  # in the table, but no engine in this build yet
            client = None
        if operation == svc.endpoints_operation and client is not None:
            return self._endpoints(request, svc, out_type, region)
        if client is None or operation not in client.operations:
            why = msg.UNSUPPORTED_OPERATION.format(service=svc.service, operation=operation)
            return self._coral(out_type, "UnknownOperationException", why)
        if needs_auth and not request.trusted:
            problem = self.auth_check(request)
            if problem is not None:
                return self._coral(out_type, *problem)
        if data is None:
            return self._coral(out_type, "SerializationException")
        try:
            params = decode(data)
        except SerializationProblem as err:
            return self._coral(out_type, "SerializationException", err.message, key="Message")
        except RecursionError:  # nesting far beyond any shape's (DynamoDB allows 32 levels)
            return self._coral(out_type, "SerializationException")
        if not needs_auth and svc.service in _REGION_FROM_PARAMS:
            hinted = self._region_from_params(svc.service, request, params)
            if hinted is not None and hinted != region:
                client = self.client(svc.service, hinted)
        try:
            result = client.dispatch(operation, params)
        except AWSError as err:
            body: dict[str, Any] = {
                "__type": svc.error_types.get(err.code) or svc.error_namespace + err.code,
                "message": err.message,
            }
            body.update(err.extra)
            if not svc.query_errors:
                return self._json_response(err.status, out_type, body, None)
            body["__type"] = svc.error_namespace + getattr(err, "shape", err.code)
            data = encode_json(body)
            headers = self._base_headers(None, out_type, data)
            side = "Sender" if err.sender_fault else "Receiver"
            headers["x-amzn-query-error"] = f"{err.code};{side}"
            return WireResponse(err.status, headers, data)
        except Exception:
            if self.raise_unexpected:
                raise
            _log.exception("%s.%s failed unexpectedly", svc.service, operation)
            body = {"__type": svc.error_namespace + "InternalServerError", "message": msg.INTERNAL}
            return self._json_response(500, out_type, body, None)
        meta = result.pop("ResponseMetadata", None)
        request_id = meta.get("RequestId") if isinstance(meta, dict) else None
        if svc.wire_request_ids:
            request_id = None  # the wire's own 52-character id
        if request.keep is not None:
            request.keep.append(result)
        if not result and operation in svc.empty_bodies:
            return WireResponse(200, self._base_headers(request_id, out_type, b""), b"")
        return self._json_response(200, out_type, result, request_id)

    def _endpoints(
        self, request: WireRequest, svc: JsonService, out_type: str, region: str
    ) -> WireResponse:
        """DescribeEndpoints: the server's own address (its Host), or the Regional host
        for a door without one (the bridge)."""
        host = request.headers.get("host") if not request.trusted else None
        address = host or f"{svc.service}.{region}.amazonaws.com"
        result = {"Endpoints": [{"Address": address, "CachePeriodInMinutes": 1440}]}
        if request.keep is not None:
            request.keep.append(result)
        return self._json_response(200, out_type, result, None)

    # -- plain routes --------------------------------------------------------------
    def _route(self, request: WireRequest) -> WireResponse | None:
        for route, regex, method in self._routes:
            if method != request.method:
                continue
            match = regex.match(request.path)
            if match is None:
                continue
            handler = load(route.handler) if isinstance(route.handler, str) else route.handler
            try:
                status, headers, body = handler(self.cloud, request, **match.groupdict())
            except AWSError as err:
                return self._json_response(
                    err.status, "application/json", {"message": err.message}, None
                )
            merged = self._base_headers(None, headers.get("Content-Type", "application/json"), body)
            merged.update(headers)
            return WireResponse(status, merged, body)
        return None

    # -- responses -----------------------------------------------------------------
    def _base_headers(self, request_id: str | None, ctype: str, body: bytes) -> dict[str, str]:
        return {
            "Content-Type": ctype,
            "Content-Length": str(len(body)),
            "x-amzn-RequestId": request_id or self.request_id(),
            "x-amz-crc32": str(zlib.crc32(body)),
        }

    def _json_response(
        self, status: int, ctype: str, payload: Any, request_id: str | None
    ) -> WireResponse:
        body = encode_json(payload)
        return WireResponse(status, self._base_headers(request_id, ctype, body), body)

    def _coral(
        self, ctype: str, code: str, message: str | None = None, *, key: str = "message"
    ) -> WireResponse:
        payload = {"__type": msg.CORAL + code}
        if message is not None:
            payload[key] = message
        return self._json_response(400, ctype, payload, None)

    def _not_found(self, origin: str | None) -> WireResponse:
        body = msg.UNKNOWN_OPERATION_XML
        return WireResponse(404, self._base_headers(None, "text/xml", body), body)

    def _preflight(self, request: WireRequest) -> WireResponse:
        headers = self._base_headers(None, "text/plain", b"")
        headers["Access-Control-Allow-Origin"] = "*"
        asked = request.headers.get("access-control-request-headers")
        if asked:
            headers["Access-Control-Allow-Headers"] = asked
        method = request.headers.get("access-control-request-method")
        if method:
            headers["Access-Control-Allow-Methods"] = method
        headers["Access-Control-Max-Age"] = "172800"
        return WireResponse(200, headers, b"")


def auth_problem(request: WireRequest) -> tuple[str, str] | None:
    """The error AWS returns for the request's Authorization header, if any.

    Only the presence and completeness of a SigV4 signature are checked, in AWS's
    order; the signature itself is not verified.

    >>> auth_problem(WireRequest("POST", "/", {}))
    ('MissingAuthenticationTokenException', 'Request is missing Authentication Token')
    >>> signed = {"authorization": "AWS4-HMAC-SHA256 Credential=a/b"}
    >>> print(auth_problem(WireRequest("POST", "/", signed))[1])
    Authorization header requires 'Signature' parameter. ...
    Authorization=AWS4-HMAC-SHA256 Credential=a/b
    """
    auth = request.headers.get("authorization")
    query = parse_qs(request.query, keep_blank_values=True) if request.query else {}
    if "X-Amz-Algorithm" in query:
        if auth is not None:
            return "InvalidSignatureException", msg.BOTH_AUTH
        missing = [p for p in _QUERY_SIGNING if not query.get(p, [""])[0]]
        if missing:
            text = "".join(msg.NEED_QUERY_PARAM.format(p) for p in missing) + msg.QUERY_TAIL
            return "IncompleteSignatureException", text
        return None
    if not auth or not auth.strip().startswith("AWS4-"):
        return "MissingAuthenticationTokenException", msg.MISSING_TOKEN
    _, _, rest = auth.strip().partition(" ")
    params = dict(_AUTH_PARAM.findall(rest))
    text = "".join(
        msg.NEED_AUTH_PARAM.format(p)
        for p in ("Credential", "Signature", "SignedHeaders")
        if not params.get(p)
    )
    if not (request.headers.get("x-amz-date") or request.headers.get("date")):
        text += msg.NEED_AUTH_DATE
    if text:
        return "IncompleteSignatureException", text + "Authorization=" + auth
    return None


def label_group(name: str) -> str:
    """A label's regex group name (``resource-arn`` is ``resource_h_arn``: groups are
    identifiers)."""
    return name.replace("-", "_h_")


def _route_regex(pattern: str) -> re.Pattern[str]:
    """botocore's ``/{Label}/x/{Greedy+}`` template as a regex with named groups."""
    out = []
    for part in re.split(r"(\{[^}]+\})", pattern):
        if part.startswith("{") and part.endswith("}"):
            name = label_group(part[1:-1])
            if name.endswith("+"):
                out.append(f"(?P<{name[:-1]}>.+)")
            else:
                out.append(f"(?P<{name}>[^/]+)")
        else:
            out.append(re.escape(part))
    return re.compile("^" + "".join(out) + "$")


# Shown as pyserverless.adapters.X; __test__ keeps their doctests collected here.
__test__ = {"Dispatcher": Dispatcher, "WireRequest": WireRequest}
publish("pyserverless.adapters", ["Dispatcher", "WireRequest", "WireResponse"], globals())
del publish
