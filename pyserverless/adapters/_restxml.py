"""REST-XML (S3's protocol), decoded and encoded from botocore's ``s3`` model.

Which requests are S3's: a Host naming S3 (``bucket.s3.amazonaws.com``,
``s3.us-west-2.amazonaws.com``, ``bucket.localhost``, ``bucket.s3.localhost``,
``s3.localhost``) or a SigV4 credential scope for ``s3`` (header-signed or presigned).
The bucket comes from the Host (virtual-hosted style) or the first path segment
(path style); the key is the rest of the path, URL-decoded once.

The operation is found by method and botocore's ``requestUri`` template, its literal
query selectors (``?uploads``, ``?tagging``, ``?list-type=2``...) and the members the
model requires in the query or a header (``uploadId``, ``x-amz-copy-source``): the
route with the most requirements that are all present wins, and a request carrying a
sub-resource selector no implemented route takes is refused (``NotImplemented``)
rather than taken for another operation. Labels, query, headers (``x-amz-meta-*`` into
``Metadata``), XML payloads and blob payloads (``aws-chunked`` bodies decoded, their
trailing checksums read as headers) are bound as the model says, and the client's
answer is written back: header members as headers, a streamed ``Body`` iterated
chunk by chunk (never read whole), other members as S3's XML.

>>> address("photos.s3.us-west-2.amazonaws.com")
('photos', 'us-west-2')
>>> address("photos.localhost:4566"), address("s3.localhost"), address("localhost:4566")
(('photos', None), (None, None), None)
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from .._core.errors import AWSError
from .._core.ids import Ids
from .._core.text import digits
from ._xmlcodec import (
    BadChunks,
    MalformedXml,
    decode_aws_chunked,
    error_xml,
    iso_time,
    read_xml,
    write_xml,
)

if TYPE_CHECKING:
    from ._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["CHUNK", "RestXml", "address"]

_log = logging.getLogger("pyserverless.adapters")

_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
_S3_HOST = re.compile(r"^(?:(?P<bucket>.+?)\.)?s3(?:[.-](?P<rest>[a-z0-9.-]+))?$")
#: Root element of each operation's XML answer (botocore's parser ignores it; S3 names it).
_ROOTS = {
    "ListObjects": "ListBucketResult",
    "ListObjectsV2": "ListBucketResult",
    "ListObjectVersions": "ListVersionsResult",
    "ListBuckets": "ListAllMyBucketsResult",
    "CreateMultipartUpload": "InitiateMultipartUploadResult",
    "CompleteMultipartUpload": "CompleteMultipartUploadResult",
    "ListParts": "ListPartsResult",
    "ListMultipartUploads": "ListMultipartUploadsResult",
    "DeleteObjects": "DeleteResult",
    "GetBucketVersioning": "VersioningConfiguration",
    "GetBucketTagging": "Tagging",
    "GetObjectTagging": "Tagging",
    "GetBucketCors": "CORSConfiguration",
    "GetBucketNotificationConfiguration": "NotificationConfiguration",
    "GetBucketAcl": "AccessControlPolicy",
    "GetObjectAcl": "AccessControlPolicy",
    "GetObjectAttributes": "GetObjectAttributesResponse",
    "GetBucketLifecycleConfiguration": "LifecycleConfiguration",
    "GetBucketWebsite": "WebsiteConfiguration",
    "GetBucketLogging": "BucketLoggingStatus",
    "GetBucketRequestPayment": "RequestPaymentConfiguration",
    "GetBucketAccelerateConfiguration": "AccelerateConfiguration",
}
#: Query keys that select a sub-resource: a request naming one only reaches a route
#: that takes it.
_NOT_SELECTORS = frozenset({"partNumber", "versionId", "x-id"})
#: The size of the chunks a streamed body is sent in.
CHUNK = 64 * 1024
_MALFORMED = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)
_EXPIRED = "Request has expired"
_WEEK = 604800


#: Listings whose answer names the bucket's Region in ``x-amz-bucket-region`` (LocalStack's
#: AWS-validated test_bucket_name_with_dots records it on ListObjects).
_LISTINGS = frozenset({"ListObjects", "ListObjectsV2"})
#: Operations any Region's endpoint answers for any bucket.
_ANY_REGION = frozenset(
    {"CreateBucket", "ListBuckets", "GetBucketLocation", "ListDirectoryBuckets"}
)
_REDIRECT = (
    "The bucket you are attempting to access must be addressed using the specified endpoint. "
    "Please send all future requests to this endpoint."
)


def _resource_type(path: str) -> str:
    return "OBJECT" if "/" in path[1:] else "BUCKET"


def address(host: str) -> tuple[str | None, str | None] | None:
    """(bucket or None, region or None) for a Host that names S3, else None."""
    name = host.rpartition(":")[0] if host.rfind(":") > host.rfind("]") else host
    name = name.lower().rstrip(".")
    if name.endswith(".amazonaws.com"):
        match = _S3_HOST.match(name[: -len(".amazonaws.com")])
        if match is None:
            return None
        rest = match.group("rest") or ""
        region = rest.rpartition(".")[2] if rest else None
        return match.group("bucket"), region if region and _REGION.match(region) else None
    if name.endswith(".localhost"):
        bucket = name[: -len(".localhost")]
        if bucket == "s3":
            return None, None
        return bucket.removesuffix(".s3"), None
    return None


def _signed_for_s3(request: WireRequest) -> bool:
    auth = request.headers.get("authorization")
    if auth is not None:  # SigV4 scoped to s3, or S3's SigV2 ("AWS key:signature")
        return "/s3/aws4_request" in auth or auth.startswith("AWS ")
    query = request.query
    return bool(query) and (
        "%2Fs3%2Faws4_request" in query
        or "/s3/aws4_request" in query
        or ("AWSAccessKeyId=" in query and "Signature=" in query)
    )


class _Route:
    __slots__ = ("allowed", "headers", "method", "operation", "query", "regex", "values", "weight")

    def __init__(self, operation: Any) -> None:
        from ._wire import _route_regex

        http = operation.http
        path, _, query = http["requestUri"].partition("?")
        self.operation = operation
        self.method = http["method"].upper()
        self.regex = _route_regex(path)
        literal = [q.partition("=") for q in query.split("&") if q and not q.startswith("x-id")]
        self.values = {k: v for k, eq, v in literal if eq}
        shape = operation.input_shape
        members = shape.members if shape is not None else {}
        required = set(shape.required_members) if shape is not None else set()
        wire = {
            n: (m.serialization.get("location"), m.serialization.get("name", n))
            for n, m in members.items()
        }
        self.query = [k for k, _, _ in literal] + [
            w for n, (loc, w) in wire.items() if loc == "querystring" and n in required
        ]
        self.headers = [
            w.lower() for n, (loc, w) in wire.items() if loc == "header" and n in required
        ]
        self.allowed = frozenset(self.query) | {
            w for loc, w in wire.values() if loc == "querystring"
        }
        self.weight = (len(self.query) + len(self.headers), "{Key+}" in path)

    def takes(self, method: str, query: Mapping[str, list[str]], headers: Mapping[str, str],
              selectors: frozenset[str]) -> bool:  # fmt: skip
        if method != self.method:
            return False
        for key in self.query:
            if key not in query:
                return False
        for key, value in self.values.items():
            if query[key][0] != value:
                return False
        for name in self.headers:
            if name not in headers:
                return False
        return all(k in self.allowed for k in query if k in selectors)


class RestXml:
    """The REST-XML half of a :class:`~pyserverless.adapters._wire.Dispatcher` (S3)."""

    service = "s3"

    def __init__(self, wire: Dispatcher) -> None:
        self._wire = wire
        self._routes: list[_Route] | None = None
        self._selectors: frozenset[str] = frozenset()
        self._ids = Ids(f"s3-wire:{wire.cloud.seed}")

    # -- which requests ---------------------------------------------------------------
    def wants(self, request: WireRequest) -> bool:
        """Whether ``request`` is addressed to S3 (by its Host or its signature)."""
        host = request.headers.get("host")
        if host and ("s3" in host or "localhost" in host) and address(host) is not None:
            return True
        return _signed_for_s3(request)

    def handle(self, request: WireRequest, *, anonymous: bool = False) -> WireResponse | None:
        """S3's answer, or None when the request is not S3's (or S3 is not built).

        ``anonymous``: the request names no service at all and no other protocol took
        it; S3 answers it as an unsigned request (AccessDenied).
        """
        if not anonymous and not self.wants(request):
            return None
        try:
            client = self._wire.client("s3", self._region(request))
        except (ValueError, ImportError):
            return None
        try:
            return self._handle(request, client)
        except AWSError as err:
            return self._error(request, err.status, err.code, err.message, dict(err.extra), err)

    def _region(self, request: WireRequest) -> str:
        host = request.headers.get("host")
        found = address(host) if host else None
        if found is not None and found[1] and found[1] in self._wire.cloud.regions:
            return found[1]
        region = self._wire.region_of(request)
        if region in self._wire.cloud.regions:
            return region
        return self._wire.cloud.region

    def _routes_for(self, client: Any) -> list[_Route]:
        if self._routes is None:
            from ._wire import service_model

            model = service_model("s3")
            every = [_Route(model.operation_model(n)) for n in model.operation_names]
            self._selectors = frozenset(
                k for r in every for k in r.query if k not in _NOT_SELECTORS
            ) | {"uploadId"}
            routes = [r for r in every if r.operation.name in client.operations]
            routes.sort(key=lambda r: r.weight, reverse=True)
            self._routes = routes
        return self._routes

    def _handle(self, request: WireRequest, client: Any) -> WireResponse:
        host = request.headers.get("host")
        found = address(host) if host else None
        path = request.path
        if found is not None and found[0]:
            path = "/" + found[0] + path
        if path.count("/") == 1 or (path.endswith("/") and path.count("/") == 2):
            path = path.rstrip("/") or "/"
        query = parse_qs(request.query, keep_blank_values=True) if request.query else {}
        if request.method == "OPTIONS":
            return self._preflight(request, client, path)
        problem = self._auth(request, query)
        if problem is not None:
            return problem
        for route in self._routes_for(client):
            if not route.takes(request.method, query, request.headers, self._selectors):
                continue
            match = route.regex.match(path)
            if match is not None:
                labels = match.groupdict()
                answer = self._call(client, route.operation, request, labels, query)
                if "origin" in request.headers and labels.get("Bucket"):
                    self._cors(request, labels["Bucket"], answer.headers)  # type: ignore[arg-type]
                return answer
        bucket = path.split("/")[1] or None
        if request.method not in ("GET", "PUT", "POST", "DELETE", "HEAD"):
            return self._error(
                request, 405, "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                {"Method": request.method, "ResourceType": _resource_type(path)},
            )  # fmt: skip
        return self._error(
            request, 501, "NotImplemented",
            "A header you provided implies functionality that is not implemented",
            {"BucketName": bucket},
        )  # fmt: skip

    # -- authentication --------------------------------------------------------------
    def _auth(self, request: WireRequest, query: Mapping[str, list[str]]) -> WireResponse | None:
        if "X-Amz-Expires" in query and "X-Amz-Date" in query:
            expired = self._expired(request, query)
            if expired is not None:
                return expired
        elif "AWSAccessKeyId" in query and "Expires" in query:  # SigV2 presigned (boto3's default)
            expired = self._expired_v2(request, query["Expires"][0])
            if expired is not None:
                return expired
        if request.trusted:
            return None
        from ._wire import auth_problem

        sigv2 = (request.headers.get("authorization") or "").startswith("AWS ") or (
            "AWSAccessKeyId" in query and "Signature" in query
        )
        problem = None if sigv2 else auth_problem(request)
        if problem is None and self._wire.credentials is not None:
            from ._query import CloudSecrets
            from ._s3sign import s3_signature_problem

            secrets = CloudSecrets(self._wire.cloud, self._wire.credentials)
            problem = s3_signature_problem(request, secrets)
            if problem is None:
                return self._payload_hash(request)
        if problem is None:
            return None
        code, message = problem
        if code == "MissingAuthenticationTokenException":
            return self._error(request, 403, "AccessDenied", "Access Denied", {})
        if code == "IncompleteSignatureException":
            return self._error(request, 400, "AuthorizationHeaderMalformed", message, {})
        status = 400 if code == "ExpiredToken" else 403
        return self._error(request, status, code, message, {})

    def _payload_hash(self, request: WireRequest) -> WireResponse | None:
        """A signed payload hash (``x-amz-content-sha256``) that is not the body's."""
        claimed = request.headers.get("x-amz-content-sha256", "")
        if len(claimed) != 64:  # UNSIGNED-PAYLOAD, STREAMING-...: nothing to compare
            return None
        import hashlib

        computed = hashlib.sha256(request.body).hexdigest()
        if computed == claimed.lower():
            return None
        extra = {"ClientComputedContentSHA256": claimed, "S3ComputedContentSHA256": computed}
        message = "The provided 'x-amz-content-sha256' header does not match what was computed."
        return self._error(request, 400, "XAmzContentSHA256Mismatch", message, extra)

    def _expired(self, request: WireRequest, query: Mapping[str, list[str]]) -> WireResponse | None:
        text, stamp = query["X-Amz-Expires"][0], query["X-Amz-Date"][0]
        try:
            seconds = int(text)
            signed = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            return self._error(
                request, 400, "AuthorizationQueryParametersError",
                "X-Amz-Expires should be a number" if not digits(text)
                else "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
                {},
            )  # fmt: skip
        if seconds > _WEEK:
            return self._error(
                request, 400, "AuthorizationQueryParametersError",
                "X-Amz-Expires must be less than a week (in seconds) that is; 604800 seconds",
                {},
            )  # fmt: skip
        now = self._wire.cloud.clock.now()
        ends = signed + timedelta(seconds=seconds)
        if now <= ends:
            return None
        extra = {
            "X-Amz-Expires": text,
            "Expires": ends.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ServerTime": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        return self._error(request, 403, "AccessDenied", _EXPIRED, extra)

    def _expired_v2(self, request: WireRequest, text: str) -> WireResponse | None:
        try:
            ends = datetime.fromtimestamp(int(text), UTC)
        except (ValueError, OverflowError, OSError):
            message = "Invalid date (should be seconds since epoch): " + text
            return self._error(request, 403, "AccessDenied", message, {})
        now = self._wire.cloud.clock.now()
        if now <= ends:
            return None
        extra = {
            "Expires": ends.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ServerTime": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        return self._error(request, 403, "AccessDenied", _EXPIRED, extra)

    # -- one operation ---------------------------------------------------------------
    def _call(
        self,
        client: Any,
        operation: Any,
        request: WireRequest,
        labels: Mapping[str, str],
        query: Mapping[str, list[str]],
    ) -> WireResponse:
        from ._wire import WireResponse

        params = self._decode(operation, request, labels, query)
        if isinstance(params, WireResponse):
            return params
        bucket = labels.get("Bucket")
        if bucket and operation.name not in _ANY_REGION:
            elsewhere = self._misdirected(request, client.meta.region_name, bucket)
            if elsewhere is not None:
                return elsewhere
        try:
            result = client.dispatch(operation.name, params)
        except AWSError as err:
            return self._error(request, err.status, err.code, err.message, dict(err.extra), err)
        except Exception as err:
            if type(err).__name__ == "ParamValidationError":  # a value the model refuses
                message = str(err).partition(":\n")[2] or str(err)
                return self._error(request, 400, "InvalidArgument", message, {})
            if self._wire.raise_unexpected:
                raise
            _log.exception("s3.%s failed unexpectedly", operation.name)
            return self._error(
                request, 500, "InternalError",
                "We encountered an internal error. Please try again.", {},
            )  # fmt: skip
        return self._encode(operation, result, request)

    def _misdirected(self, request: WireRequest, region: str, bucket: str) -> WireResponse | None:
        """S3's answer to a request sent to another Region's endpoint than the bucket's.

        Only for AWS's own host names (the bridge; ``serve`` on localhost has one endpoint
        for every Region): a Regional endpoint answers 301 PermanentRedirect, the global
        one (signed for us-east-1) 400 AuthorizationHeaderMalformed; both name the
        bucket's Region, from which botocore re-sends the request.
        """
        host = (request.headers.get("host") or "").lower()
        if ".amazonaws.com" not in host:
            return None
        cloud = self._wire.cloud
        if cloud.engine("s3", region).bucket_region(bucket) is not None:
            return None  # the common case: the bucket is the endpoint's own
        found = address(host)
        if found is None:
            return None
        where = next(
            (
                r
                for r in cloud.regions_with("s3")
                if cloud.engine("s3", r).bucket_region(bucket) is not None
            ),
            None,
        )
        if where is None or where == region:
            return None
        extra: dict[str, Any] = {"BucketRegion": where}
        signed = (
            "X-Amz-Credential=" in request.query
            or "credential=" in (request.headers.get("authorization") or "").lower()
        )
        if found[1] is None and signed:
            extra["Region"] = where
            message = (
                f"The authorization header is malformed; the region '{region}' is wrong; "
                f"expecting '{where}'"
            )
            return self._error(request, 400, "AuthorizationHeaderMalformed", message, extra)
        extra["Endpoint"] = f"{bucket}.s3.{where}.amazonaws.com"
        extra["Bucket"] = bucket
        return self._error(request, 301, "PermanentRedirect", _REDIRECT, extra)

    def _decode(
        self,
        operation: Any,
        request: WireRequest,
        labels: Mapping[str, str],
        query: Mapping[str, list[str]],
    ) -> dict[str, Any] | WireResponse:
        shape = operation.input_shape
        if shape is None:
            return {}
        headers = request.headers
        body = request.body
        payload = shape.serialization.get("payload")
        encoding = headers.get("content-encoding", "")
        chunked = "aws-chunked" in encoding or headers.get("x-amz-content-sha256", "").startswith(
            "STREAMING-"
        )
        if chunked and payload is not None and shape.members[payload].type_name == "blob":
            try:
                body, trailers = decode_aws_chunked(body)
            except BadChunks:
                return self._error(
                    request, 400, "IncompleteBody",
                    "The request body terminated unexpectedly", {},
                )  # fmt: skip
            declared = headers.get("x-amz-decoded-content-length")
            if declared is not None and declared.strip() != str(len(body)):
                return self._error(
                    request, 400, "IncompleteBody",
                    "You did not provide the number of bytes specified by the "
                    "Content-Length HTTP header", {},
                )  # fmt: skip
            if trailers:
                headers = {**headers, **trailers}
            rest = [e.strip() for e in encoding.split(",") if e.strip() not in ("aws-chunked", "")]
            headers = {k: v for k, v in headers.items() if k != "content-encoding"}
            if rest:
                headers["content-encoding"] = ",".join(rest)
        plan = _plan(operation.name)
        params: dict[str, Any] = {}
        for name, group in plan.labels:
            if group in labels:
                params[name] = labels[group]
        if query:
            for key, values in query.items():
                found = plan.query.get(key)
                if found is not None:
                    params[found[0]] = _from_text(values[0], found[1])
        for key, value in headers.items():
            found = plan.headers.get(key)
            if found is not None:
                converted = _from_header(value, found[1])
                if converted is not _SKIP:
                    params[found[0]] = converted
            else:
                for prefix, name in plan.prefixed:
                    if key.startswith(prefix):
                        params.setdefault(name, {})[key[len(prefix) :]] = value
        if payload is not None:
            member = shape.members[payload]
            if member.type_name == "blob":
                params[payload] = body
            elif member.type_name == "string":
                if body:
                    params[payload] = body.decode("utf-8", "replace")
            elif body:
                try:
                    params[payload] = read_xml(body, member)
                except MalformedXml:
                    return self._error(request, 400, "MalformedXML", _MALFORMED, {})
        blob = payload is not None and shape.members[payload].type_name == "blob"
        if blob and "ContentLength" in shape.members:
            params["ContentLength"] = len(body)
        for value in params.values():
            if type(value) is _Bad:
                return self._error(request, 400, "InvalidArgument", value.message, value.extra)
        return params

    def _encode(self, operation: Any, result: dict[str, Any], request: WireRequest) -> WireResponse:
        from ._wire import WireResponse

        meta = result.pop("ResponseMetadata", None)
        status = result.pop("_status", None)
        if status is None and isinstance(meta, dict) and meta.get("HTTPStatusCode") in (204, 206):
            status = meta["HTTPStatusCode"]
        if status is None:
            status = int(operation.http.get("responseCode", 200))
        headers = self._base_headers(meta)
        if operation.name in _LISTINGS:  # S3 names the bucket's Region on its listings
            where = self._bucket_region(str(result.get("Name") or ""), request)
            if where:
                headers["x-amz-bucket-region"] = where
        shape = operation.output_shape
        members = shape.members if shape is not None else {}
        payload = shape.serialization.get("payload") if shape is not None else None
        plan = _plan(operation.name)
        has_body = plan.has_body
        for name, wire, member in plan.out_headers:
            value = result.get(name)
            if value is not None:
                text = value if type(value) is str else _to_header(value, member)
                headers[wire] = text if text.isascii() else _mime_word(text)
        for name, prefix in plan.out_prefixed:
            value = result.get(name)
            if value:
                for key, item in value.items():
                    text = str(item)
                    headers[prefix + key] = text if text.isascii() else _mime_word(text)
        head = request.method == "HEAD"
        if payload is not None:
            data = result.get(payload)
            member = members[payload]
            if member.type_name == "blob":
                if head or data is None:
                    return WireResponse(status, headers, b"")
                if isinstance(data, bytes | bytearray):
                    headers["Content-Length"] = str(len(data))
                    return WireResponse(status, headers, bytes(data))
                stream = _iterate(data)
                return WireResponse(status, headers, b"", stream=stream)
            if data is None:
                body = b""
            elif member.type_name == "structure":
                root = member.serialization.get("name", member.name)
                body = write_xml(root, member, data)
            else:
                body = str(data).encode()
        elif operation.name == "GetBucketLocation":
            where = result.get("LocationConstraint")
            inner = _xml_text(where) if where else ""
            body = (
                b'<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="'
                b'http://s3.amazonaws.com/doc/2006-03-01/">'
                + inner.encode()
                + b"</LocationConstraint>"
            )
        elif has_body:
            root = _ROOTS.get(operation.name, operation.name + "Result")
            body = write_xml(root, shape, result)
        else:
            body = b""
        if body or operation.name == "HeadBucket":  # S3 types HeadBucket's empty answer too
            headers["Content-Type"] = "application/xml"
        if status in (204, 304) or head:
            body = b""
        headers["Content-Length"] = headers.get("Content-Length", str(len(body)))
        if status == 204:
            headers.pop("Content-Length", None)
        return WireResponse(status, headers, body)

    def _bucket_region(self, bucket: str, request: WireRequest) -> str | None:
        """The Region holding ``bucket`` (the endpoint's own first), or None."""
        cloud = self._wire.cloud
        first = self._region(request)
        for region in (first, *(r for r in cloud.regions_with("s3") if r != first)):
            found: str | None = cloud.engine("s3", region).bucket_region(bucket)
            if found is not None:
                return found
        return None

    # -- errors and headers ----------------------------------------------------------
    def _base_headers(self, meta: Any) -> dict[str, str]:
        request_id = host_id = None
        if isinstance(meta, dict):
            request_id = meta.get("RequestId")
            host_id = meta.get("HostId")
        return {
            "x-amz-request-id": request_id or self._ids.hex(16).upper(),
            "x-amz-id-2": host_id or _host_id(self._ids),
            "Server": "AmazonS3",
        }

    def _error(
        self,
        request: WireRequest,
        status: int,
        code: str,
        message: str,
        extra: dict[str, Any],
        err: Exception | None = None,
    ) -> WireResponse:
        from ._wire import WireResponse

        headers = self._base_headers(None)
        marker = getattr(err, "delete_marker", None)
        if marker:
            headers["x-amz-delete-marker"] = "true"
            headers["x-amz-version-id"] = str(marker)
            if status == 405:  # a delete marker's version answers only DELETE
                headers["Allow"] = "DELETE"
        region = extra.pop("BucketRegion", None) or getattr(err, "bucket_region", None)
        if region:
            headers["x-amz-bucket-region"] = str(region)
        if request.method == "HEAD" or status == 304:
            headers["Content-Length"] = "0"
            return WireResponse(status, headers, b"")
        fields: dict[str, Any] = {"Code": code, "Message": message}
        fields.update({k: v for k, v in extra.items() if k not in ("Code", "Message")})
        fields["RequestId"] = headers["x-amz-request-id"]
        fields["HostId"] = headers["x-amz-id-2"]
        body = error_xml(fields)
        headers["Content-Type"] = "application/xml"
        headers["Content-Length"] = str(len(body))
        return WireResponse(status, headers, body)

    # -- CORS preflight --------------------------------------------------------------
    def _preflight(self, request: WireRequest, client: Any, path: str) -> WireResponse:
        """An OPTIONS preflight, answered from the bucket's CORS rules by the engine."""
        from ._wire import WireResponse

        bucket = path[1:].partition("/")[0]
        origin = request.headers.get("origin")
        # without Access-Control-Request-Method S3 judges the OPTIONS request itself
        method = request.headers.get("access-control-request-method") or "OPTIONS"
        if not bucket or not origin:
            message = "Insufficient information. Origin request header needed."
            return self._error(request, 400, "BadRequest", message, {})
        asked = [
            h.strip().lower()
            for h in request.headers.get("access-control-request-headers", "").split(",")
            if h.strip()
        ]
        engine = self._wire.cloud.engine("s3", self._region(request))
        allowed = engine.cors_preflight(bucket, origin, method, asked)
        headers = self._base_headers(None)
        headers.update({str(k): str(v) for k, v in dict(allowed).items()})
        headers["Content-Length"] = "0"
        return WireResponse(200, headers, b"")

    def _cors(self, request: WireRequest, bucket: str, headers: dict[str, str]) -> None:
        """The CORS headers of a request with an Origin, from the bucket's rules."""
        origin = request.headers["origin"]
        try:
            engine = self._wire.cloud.engine("s3", self._region(request))
            found = engine.cors_response_headers(bucket, origin, request.method)
        except AWSError:
            return
        headers.update({str(k): str(v) for k, v in dict(found).items()})


class _Plan:
    """Where each member of an operation's input and output travels (built once)."""

    def __init__(self, operation: Any) -> None:
        from ._wire import label_group

        self.labels: list[tuple[str, str]] = []
        self.query: dict[str, tuple[str, Any]] = {}
        self.headers: dict[str, tuple[str, Any]] = {}
        self.prefixed: list[tuple[str, str]] = []
        shape = operation.input_shape
        for name, member in (shape.members if shape is not None else {}).items():
            ser = member.serialization
            where, wire = ser.get("location"), ser.get("name", name)
            if where == "uri":
                self.labels.append((name, label_group(wire.rstrip("+"))))
            elif where == "querystring":
                self.query[wire] = (name, member)
            elif where == "header":
                self.headers[wire.lower()] = (name, member)
            elif where == "headers":
                self.prefixed.append((wire.lower(), name))
        out = operation.output_shape
        payload = out.serialization.get("payload") if out is not None else None
        self.out_headers: list[tuple[str, str, Any]] = []
        self.out_prefixed: list[tuple[str, str]] = []
        self.has_body = False
        for name, member in (out.members if out is not None else {}).items():
            ser = member.serialization
            where, wire = ser.get("location"), ser.get("name", name)
            if where == "header":
                self.out_headers.append((name, wire, member))
            elif where == "headers":
                self.out_prefixed.append((name, wire))
            elif where is None and name != payload:
                self.has_body = True


@functools.lru_cache(maxsize=256)
def _plan(operation: str) -> _Plan:
    from ._wire import service_model

    return _Plan(service_model("s3").operation_model(operation))


_SKIP: Any = object()


class _Bad:
    """A header or query value that does not convert (S3: InvalidArgument)."""

    def __init__(self, message: str, extra: dict[str, Any]) -> None:
        self.message = message
        self.extra = extra


def _host_id(ids: Ids) -> str:
    import base64

    return base64.b64encode(ids.token_bytes(57)).decode()


def _xml_text(value: Any) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _from_text(text: str, member: Any) -> Any:
    kind = member.type_name
    if kind in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            wire = member.serialization.get("name", member.name)
            return _Bad(
                f"Provided {wire} not an integer or within integer range",
                {"ArgumentName": wire, "ArgumentValue": text},
            )
    if kind == "boolean":
        return text.lower() == "true"
    if kind == "timestamp":
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                return parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return text
    return text


def _from_header(text: str, member: Any) -> Any:
    if member.type_name == "timestamp":
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                return datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                wire = member.serialization.get("name", member.name)
                if "modified-since" in wire.lower():
                    return _SKIP  # HTTP: a conditional date that does not parse is ignored
                return _Bad(
                    f"Invalid date provided for {wire}",
                    {"ArgumentName": wire, "ArgumentValue": text},
                )
    return _from_text(text, member)


def _to_header(value: Any, member: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if member.serialization.get("timestampFormat") == "iso8601":
            return iso_time(value)
        return format_datetime(value.astimezone(UTC), usegmt=True)
    return str(value)


def _mime_word(text: str) -> str:
    """A header value that is not ASCII, as S3 sends it: an RFC 2047 encoded word.

    >>> _mime_word("日本")
    '=?UTF-8?B?5pel5pys?='
    """
    import base64

    return "=?UTF-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def _iterate(body: Any) -> Iterator[bytes]:
    """A response body object's bytes, chunk by chunk; closed at the end."""
    try:
        chunks = getattr(body, "iter_chunks", None)
        if chunks is not None:
            yield from chunks(CHUNK)
        elif hasattr(body, "read"):
            while chunk := body.read(CHUNK):
                yield chunk
        else:
            yield from body
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


__test__ = {"address": address, "_mime_word": _mime_word}
