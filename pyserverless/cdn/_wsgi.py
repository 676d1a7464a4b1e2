"""``pyserverless serve``: each distribution at ``http://{id}.cloudfront.localhost:PORT/``.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> _ = cloud.cdn.register_origin("app.internal", lambda request: (200, {}, b"hi"))
>>> cdn = cloud.cdn.distribution(origins=["app.internal"])
>>> environ = {"HTTP_HOST": f"{cdn.id.lower()}.cloudfront.localhost:4566",
...            "REQUEST_METHOD": "GET", "PATH_INFO": "/x", "QUERY_STRING": ""}
>>> seen = []
>>> body = serve_distribution(cloud, environ, lambda status, headers: seen.append(status))
>>> seen, b"".join(body)
(['200 OK'], b'hi')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from .._core.errors import AWSError
from ._pipeline import ViewerRequest

__all__ = ["serve_distribution"]

_HOST = re.compile(r"^(?P<id>[a-z0-9]+)\.cloudfront\.localhost(?::\d+)?$", re.IGNORECASE)


def serve_distribution(
    cloud: Any, environ: dict[str, Any], start_response: Callable[..., Any]
) -> Iterable[bytes] | None:
    """Answer a request whose Host names a distribution; None when it names none."""
    match = _HOST.match(environ.get("HTTP_HOST", ""))
    if match is None:
        return None
    engine = cloud.engine("cloudfront", "us-east-1")
    headers = tuple(
        (key[5:].replace("_", "-").title(), str(value))
        for key, value in environ.items()
        if key.startswith("HTTP_")
    )
    if environ.get("CONTENT_TYPE"):
        headers += (("Content-Type", environ["CONTENT_TYPE"]),)
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size) if size > 0 else b""
    request = ViewerRequest(
        environ.get("REQUEST_METHOD", "GET").upper(),
        environ.get("PATH_INFO", "/") or "/",
        environ.get("QUERY_STRING", ""),
        headers,
        body,
        environ.get("REMOTE_ADDR", "127.0.0.1"),
        None,
        "http" if environ.get("wsgi.url_scheme", "http") == "http" else "https",
    )
    try:
        answer = engine.request(match.group("id").upper(), request)
    except AWSError:  # no such distribution: CloudFront's 403 for an unknown host
        start_response("403 Forbidden", [("Content-Type", "text/plain")])
        return [b"Bad request."]
    phrase = (
        HTTPStatus(answer.status).phrase if answer.status in HTTPStatus._value2member_map_ else ""
    )
    start_response(f"{answer.status} {phrase}".strip(), list(answer.headers))
    return [answer.body]
