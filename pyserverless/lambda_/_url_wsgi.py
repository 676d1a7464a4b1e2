"""Function URLs over ``pyserverless serve``: ``http://{url-id}.lambda-url.localhost:PORT/``.

The HTTP door hands a request here when its Host names a function URL (before AWS's
protocols see it); the URL answers as ``https://{url-id}.lambda-url.{region}.on.aws/``
would.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from .._core.text import digits

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._urls import UrlResponse

__all__ = ["serve_function_url", "url_target"]

StartResponse = Callable[..., Any]

_HOST = re.compile(
    r"^([a-z0-9]{32})\.lambda-url\.(?:localhost|[a-z0-9-]+\.on\.aws)(?::\d+)?$", re.IGNORECASE
)


def url_target(environ: dict[str, Any]) -> str | None:
    """The URL id a request's Host names, or None.

    >>> url_target({"HTTP_HOST": "a" * 32 + ".lambda-url.localhost:4566"}) == "a" * 32
    True
    >>> url_target({"HTTP_HOST": "localhost:4566"}) is None
    True
    """
    found = _HOST.match(str(environ.get("HTTP_HOST", "")))
    return found.group(1).lower() if found is not None else None


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


def _headers(environ: dict[str, Any]) -> list[tuple[str, str]]:
    headers = [
        (key[5:].replace("_", "-").lower(), str(value))
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    if environ.get("CONTENT_TYPE"):
        headers.append(("content-type", str(environ["CONTENT_TYPE"])))
    if environ.get("CONTENT_LENGTH"):
        headers.append(("content-length", str(environ["CONTENT_LENGTH"])))
    return headers


def _path(environ: dict[str, Any]) -> str:
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw:
        return str(raw).partition("?")[0] or "/"
    path = str(environ.get("PATH_INFO", "/") or "/")
    with contextlib.suppress(UnicodeError):
        path = path.encode("latin-1").decode("utf-8")
    return path


def _answer(cloud: Cloud, url_id: str, environ: dict[str, Any]) -> UrlResponse:
    from ._urls import _plain

    for region in cloud.regions_with("lambda"):
        engine = cloud.engine("lambda", region)
        if url_id in engine._url_entries():
            return engine.invoke_url(  # type: ignore[no-any-return]
                url_id,
                str(environ.get("REQUEST_METHOD", "GET")),
                _path(environ),
                query=str(environ.get("QUERY_STRING", "")),
                headers=_headers(environ),
                body=_body(environ),
                source_ip=str(environ.get("REMOTE_ADDR") or "127.0.0.1"),
            )
    return _plain(404, "Not Found")


def serve_function_url(
    cloud: Cloud,
    environ: dict[str, Any],
    start_response: StartResponse,
    url_id: str,
    *,
    log: Callable[[str], None] | None = None,
) -> Iterable[bytes]:
    """Answer one WSGI request sent to function URL ``url_id``."""
    answer = _answer(cloud, url_id, environ)
    if log is not None:
        log(f"lambda-url {url_id} {environ.get('REQUEST_METHOD', 'GET')} {answer.status}")
    try:
        reason = HTTPStatus(answer.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [(k, v) for k, v in answer.headers if k.lower() != "content-length"]
    headers.append(("Content-Length", str(len(answer.body))))
    start_response(f"{answer.status} {reason}", headers)
    return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else answer.body]
