"""Deployed stages as WSGI: ``cloud.gateway.wsgi_app(api, stage)`` and the ``serve`` route.

``pyserverless serve`` answers ``http://{api_id}.execute-api.localhost:PORT/{stage}/...``
(the host names the API) and ``/_api/{api_id}/{stage}/...`` (path style, for clients
that cannot set a host) before AWS's protocols see the request.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..._core.text import digits
from ._types import GatewayResponse

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["StageApp", "gateway_target", "serve_domain", "serve_gateway"]

StartResponse = Callable[..., Any]

_HOST = re.compile(r"^([a-z0-9]{10})\.execute-api\.localhost(?::\d+)?$", re.IGNORECASE)
_PATH = re.compile(r"^/_api/([a-z0-9]{10})(/.*)?$")


def gateway_target(environ: dict[str, Any]) -> tuple[str, str] | None:
    """``(api_id, path)`` when the request is for a stage, else None.

    >>> gateway_target({"HTTP_HOST": "abcde12345.execute-api.localhost:4566",
    ...                 "PATH_INFO": "/prod/items"})
    ('abcde12345', '/prod/items')
    >>> gateway_target({"PATH_INFO": "/_api/abcde12345/prod/items"})
    ('abcde12345', '/prod/items')
    >>> gateway_target({"HTTP_HOST": "localhost:4566", "PATH_INFO": "/"}) is None
    True
    """
    path = _raw_path(environ)
    host = _HOST.match(str(environ.get("HTTP_HOST", "")))
    if host is not None:
        return host.group(1).lower(), path
    found = _PATH.match(path)
    if found is not None:
        return found.group(1), found.group(2) or "/"
    return None


def _raw_path(environ: dict[str, Any]) -> str:
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw:
        return str(raw).partition("?")[0] or "/"
    path = str(environ.get("PATH_INFO", "/") or "/")
    with contextlib.suppress(UnicodeError):
        path = path.encode("latin-1").decode("utf-8")
    return quote(path, safe="/!$&'()*+,;=:@-._~")


def _headers(environ: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    headers = []
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers.append((key[5:].replace("_", "-").title(), str(value)))
    if environ.get("CONTENT_TYPE"):
        headers.append(("Content-Type", str(environ["CONTENT_TYPE"])))
    if environ.get("CONTENT_LENGTH"):
        headers.append(("Content-Length", str(environ["CONTENT_LENGTH"])))
    return tuple(headers)


def _body(environ: dict[str, Any]) -> bytes:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if digits(length):
        return stream.read(int(length)) if int(length) > 0 else b""
    if environ.get("wsgi.input_terminated"):
        data: bytes = stream.read()
        return data
    return b""


def _send(response: GatewayResponse, start_response: StartResponse) -> Iterable[bytes]:
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [(n, v) for n, v in response.headers if n.lower() != "content-length"]
    headers.append(("Content-Length", str(len(response.body))))
    start_response(f"{response.status} {reason}", headers)
    return [response.body]


def serve_gateway(
    cloud: Cloud,
    environ: dict[str, Any],
    start_response: StartResponse,
    target: tuple[str, str],
    stage: str | None = None,
    *,
    log: Callable[[str], None] | None = None,
) -> Iterable[bytes]:
    """Answer one WSGI request on API ``target[0]`` (path ``target[1]``); ``log`` (the
    server's request log) gets one line: API, method, path, status, milliseconds."""
    started = time.perf_counter()
    api_id, path = target
    engine = cloud.engine("execute-api")
    if stage is None:
        stage, path = engine.resolve(api_id, path)
    response = engine.invoke(
        api_id,
        stage,
        str(environ.get("REQUEST_METHOD", "GET")),
        path,
        query=str(environ.get("QUERY_STRING", "")),
        headers=_headers(environ),
        body=_body(environ),
        source_ip=str(environ.get("REMOTE_ADDR") or "127.0.0.1"),
        host=str(environ["HTTP_HOST"]) if environ.get("HTTP_HOST") else None,
    )
    if log is not None:
        took = (time.perf_counter() - started) * 1000
        method = environ.get("REQUEST_METHOD", "GET")
        log(f"execute-api {api_id}/{stage} {method} {path} {response.status} {took:.1f} ms")
    return _send(response, start_response)


def serve_domain(
    cloud: Cloud,
    environ: dict[str, Any],
    start_response: StartResponse,
    *,
    log: Callable[[str], None] | None = None,
) -> Iterable[bytes] | None:
    """Answer a request whose ``Host`` is a custom domain name of one of the Cloud's
    Regions (through its base path mappings), or None when it names none."""
    host = str(environ.get("HTTP_HOST") or "")
    for region in cloud.regions_with("execute-api"):
        engine = cloud.engine("execute-api", region)
        if not engine.domains.is_domain(host):
            continue
        started = time.perf_counter()
        path = _raw_path(environ)
        method = str(environ.get("REQUEST_METHOD", "GET"))
        response = engine.invoke_domain(
            host,
            method,
            path,
            query=str(environ.get("QUERY_STRING", "")),
            headers=_headers(environ),
            body=_body(environ),
            source_ip=str(environ.get("REMOTE_ADDR") or "127.0.0.1"),
        )
        if response is None:
            continue
        if log is not None:
            took = (time.perf_counter() - started) * 1000
            log(f"execute-api {host} {method} {path} {response.status} {took:.1f} ms")
        return _send(response, start_response)
    return None


class StageApp:
    """A WSGI application serving one stage of one API (paths are below the stage).

    >>> from pyserverless import Cloud
    >>> app = StageApp(Cloud.manual(), "abcde12345", "prod")
    >>> app
    StageApp(api_id='abcde12345', stage='prod')
    """

    def __init__(self, cloud: Cloud, api_id: str, stage: str) -> None:
        self.cloud = cloud
        self.api_id = api_id
        self.stage = stage

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        target = (self.api_id, _raw_path(environ))
        return serve_gateway(self.cloud, environ, start_response, target, self.stage)

    def __repr__(self) -> str:
        return f"StageApp(api_id={self.api_id!r}, stage={self.stage!r})"
