"""Reaching a distribution's origins inside the Cloud: S3 buckets, API Gateway stages,
and custom origins registered as Python callables or WSGI apps (there is no network).

An origin is found by its ``DomainName``:

* ``<bucket>.s3[.<region>].amazonaws.com``: the Cloud's bucket, read through the S3
  engine. Only an origin with an origin access control (signing ``always`` or
  ``no-override``) reads it: the Cloud is one account whose buckets are private, so an
  unsigned (anonymous) read gets S3's 403 AccessDenied, and so does a missing key (S3's
  answer to a principal without ``s3:ListBucket``, which the OAC bucket policy AWS
  suggests does not grant).
* ``<api-id>.execute-api.<region>.amazonaws.com``: an API Gateway stage; the first
  segment of the origin path plus the URI names the stage (``OriginPath: /prod``).
* ``<url-id>.lambda-url.<region>.on.aws``: a Lambda function URL, invoked through the
  Lambda engine (an ``AWS_IAM`` URL needs a signature CloudFront sends only with a
  Lambda origin access control, which is not emulated: it answers 403).
* any other name registered with ``cloud.cdn.register_origin(name, fn)`` (or
  ``register_wsgi``). An unknown name answers 502, as an unreachable origin does.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from email.utils import format_datetime
from typing import Any

import attrs

from .._core.errors import AWSError

__all__ = ["OriginReply", "OriginRequest", "fetch"]

_S3 = re.compile(
    r"^(?P<bucket>.+?)\.s3(?:[.-](?P<region>[a-z]{2}(?:-[a-z]+)+-\d))?\.amazonaws\.com$"
)
_API = re.compile(r"^(?P<api>[a-z0-9]+)\.execute-api\.(?P<region>[a-z0-9-]+)\.amazonaws\.com$")
_URL = re.compile(r"^(?P<url>[a-z0-9]{32})\.lambda-url\.(?P<region>[a-z0-9-]+)\.on\.aws$")
_S3_HEADERS = (
    ("ETag", "ETag"),
    ("ContentType", "Content-Type"),
    ("CacheControl", "Cache-Control"),
    ("ContentEncoding", "Content-Encoding"),
    ("ContentDisposition", "Content-Disposition"),
    ("ContentLanguage", "Content-Language"),
    ("ExpiresString", "Expires"),
)


@attrs.frozen
class OriginRequest:
    """What CloudFront sends an origin: the method, path, raw query, headers and body."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""
    viewer_ip: str = "127.0.0.1"

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None


@attrs.frozen
class OriginReply:
    """The origin's answer."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    #: False for CloudFront's own error pages (a failed Lambda@Edge run): never cached.
    cacheable: bool = True


def _xml_error(status: int, code: str, message: str) -> OriginReply:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
        f"<Message>{message}</Message></Error>"
    ).encode()
    return OriginReply(status, (("Content-Type", "application/xml"),), body)


def _bad_gateway() -> OriginReply:
    return OriginReply(502, (("Content-Type", "text/html"),), b"<h1>502 Bad Gateway</h1>")


def fetch(
    cloud: Any,
    origin: Mapping[str, Any],
    oacs: Mapping[str, Any],
    custom: Mapping[str, Any],
    request: OriginRequest,
) -> OriginReply:
    """Send ``request`` to ``origin`` (a DistributionConfig origin) and return its reply."""
    domain = origin["DomainName"]
    path = (origin.get("OriginPath") or "") + request.path
    extra = tuple(
        (h["HeaderName"], h["HeaderValue"])
        for h in (origin.get("CustomHeaders") or {}).get("Items") or []
    )
    request = attrs.evolve(request, path=path, headers=request.headers + extra)
    if (m := _S3.match(domain)) is not None:
        oac = oacs.get(origin.get("OriginAccessControlId") or "")
        signed = oac is not None and oac.config["SigningBehavior"] != "never"
        return _s3(cloud, m.group("bucket"), m.group("region"), signed, request)
    if (m := _API.match(domain)) is not None:
        return _gateway(cloud, m.group("api"), m.group("region"), request)
    if (m := _URL.match(domain)) is not None and domain not in custom:
        return _function_url(cloud, m.group("url"), m.group("region"), domain, request)
    found = custom.get(domain)
    if found is None:
        return _bad_gateway()
    kind, target = found
    try:
        if kind == "wsgi":
            return _wsgi(target, domain, request)
        status, headers, body = target(request)
        pairs = tuple(headers.items()) if isinstance(headers, Mapping) else tuple(headers)
        data = body.encode() if isinstance(body, str) else bytes(body)
        return OriginReply(int(status), tuple((str(k), str(v)) for k, v in pairs), data)
    except Exception:  # the origin failed: CloudFront answers 502
        return _bad_gateway()


def _s3(
    cloud: Any, bucket: str, region: str | None, signed: bool, req: OriginRequest
) -> OriginReply:
    if not signed:
        return _xml_error(403, "AccessDenied", "Access Denied")
    if req.method not in ("GET", "HEAD"):
        return _xml_error(403, "AccessDenied", "Access Denied")
    where = region
    if where is None:
        where = next(
            (r for r in cloud.regions_with("s3") if cloud.engine("s3", r).bucket_region(bucket)),
            None,
        )
    if where is None or cloud.engine("s3", where).bucket_region(bucket) is None:
        return _xml_error(404, "NoSuchBucket", "The specified bucket does not exist")
    params: dict[str, Any] = {"Bucket": bucket, "Key": req.path[1:]}
    if (tag := req.header("if-none-match")) is not None:
        params["IfNoneMatch"] = tag
    if (since := req.header("if-modified-since")) is not None:
        params["IfModifiedSince"] = since
    engine = cloud.engine("s3", where)
    try:
        out = engine.get_object(params) if req.method == "GET" else engine.head_object(params)
    except AWSError as err:
        if err.status == 304:
            return OriginReply(304, (), b"")
        if err.code in ("NoSuchKey", "404"):
            return _xml_error(403, "AccessDenied", "Access Denied")
        return _xml_error(err.status, err.code, err.message)
    headers = [(name, str(out[member])) for member, name in _S3_HEADERS if member in out]
    modified: datetime = out["LastModified"]
    headers.append(("Last-Modified", format_datetime(modified, usegmt=True)))
    for key, value in (out.get("Metadata") or {}).items():
        headers.append((f"x-amz-meta-{key}", value))
    body = b""
    if req.method == "GET":
        stream = out["Body"]
        body = stream.read()
        stream.close()
    return OriginReply(200, tuple(headers), body)


def _gateway(cloud: Any, api: str, region: str, req: OriginRequest) -> OriginReply:
    stage, _, rest = req.path[1:].partition("/")
    runtime = cloud.engine("execute-api", region)
    if runtime.deployed(api, stage) is None and runtime.deployed(api, "$default") is not None:
        stage, rest = "$default", req.path[1:]  # an HTTP API's $default stage: no stage segment
    out = runtime.invoke(
        api,
        stage,
        req.method,
        "/" + rest,
        query=req.query,
        headers=req.headers,
        body=req.body,
        source_ip=req.viewer_ip,
    )
    return OriginReply(out.status, tuple(out.headers), out.body)


def _function_url(
    cloud: Any, url_id: str, region: str, domain: str, req: OriginRequest
) -> OriginReply:
    """A Lambda function URL, answered by Lambda's public ``invoke_url`` (unsigned: an
    ``AWS_IAM`` URL answers 403, as it does to CloudFront without an origin access
    control)."""
    if region not in cloud.regions_with("lambda"):
        return _bad_gateway()
    engine = cloud.engine("lambda", region)
    try:
        engine.url_config_by_id(url_id)
    except AWSError:  # no such URL: the name does not resolve
        return _bad_gateway()
    headers = [(k, v) for k, v in req.headers if k.lower() != "host"]
    out = engine.invoke_url(
        url_id,
        req.method,
        req.path,
        query=req.query,
        headers=[("Host", domain), *headers],
        body=req.body,
        source_ip=req.viewer_ip,
    )
    return OriginReply(out.status, tuple(out.headers), out.body)


def _wsgi(app: Callable[..., Iterable[bytes]], domain: str, req: OriginRequest) -> OriginReply:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": req.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": req.path,
        "QUERY_STRING": req.query,
        "SERVER_NAME": domain,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": req.viewer_ip,
        "CONTENT_LENGTH": str(len(req.body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(req.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for key, value in req.headers:
        name = key.upper().replace("-", "_")
        if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[name] = value
        else:
            environ["HTTP_" + name] = value
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [status, headers]
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = started
    return OriginReply(int(status.split()[0]), tuple(headers), body)
