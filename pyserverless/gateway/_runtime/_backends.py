"""Where non-proxy and HTTP integrations send requests, with no network.

* **HTTP backends**: a WSGI application or a Python callable registered for a base URL
  with ``cloud.gateway.backend("https://example.internal", app)``; an integration URI
  under that URL reaches it. A URI naming another API of the Cloud
  (``https://{api}.execute-api.{region}.amazonaws.com/{stage}/...``) reaches that API.
  Any other URL is refused, naming the registration call.
* **AWS services**: ``arn:aws:apigateway:{region}:{service}:action/{Action}`` for the
  JSON-protocol services (DynamoDB, EventBridge, ...) and
  ``arn:aws:apigateway:{region}:s3:path/{bucket}/{key}``, sent to the Cloud's own
  engines through its wire, as API Gateway sends them to the service's endpoint.

A Python callable backend receives a :class:`BackendRequest` and returns a
:class:`~pyserverless.gateway.GatewayResponse`, a ``(status, headers, body)`` tuple, or a
body (``str``/``bytes``; a ``dict`` or ``list`` is sent as JSON), answered 200.
"""

from __future__ import annotations

import inspect
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._types import GatewayResponse

__all__ = [
    "NOT_REGISTERED",
    "AwsTarget",
    "BackendRequest",
    "Backends",
    "aws_target",
]

#: The refusal for a URL no backend is registered for.
NOT_REGISTERED = (
    "pyserverless has no network: the integration URL {} reaches nothing. Register a WSGI "
    "app or a Python callable for it with cloud.gateway.backend('{}', app)"
)
_EXECUTE_API = re.compile(r"https?://([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(/.*)?")
_AWS_URI = re.compile(
    r"arn:aws[a-z-]*:apigateway:(?P<region>[a-z0-9-]+):(?P<service>[a-z0-9-]+)"
    r"(?:\.[a-z0-9.-]+)?:(?P<form>action|path)/(?P<rest>.+)"
)


@attrs.frozen
class BackendRequest:
    """What a Python callable backend receives."""

    method: str
    #: The full URL the integration names (query string included).
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def path(self) -> str:
        """The URL's path."""
        return urlsplit(self.url).path or "/"

    @property
    def query(self) -> str:
        """The URL's raw query string."""
        return urlsplit(self.url).query

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    def json(self) -> Any:
        """The body decoded from JSON."""
        return json.loads(self.body)


@attrs.frozen
class AwsTarget:
    """An AWS service integration URI, parsed."""

    region: str
    service: str
    #: ``action`` or ``path``.
    form: str
    rest: str


def aws_target(uri: str) -> AwsTarget | None:
    """The parts of an AWS service integration URI, or None if it is not one.

    >>> aws_target("arn:aws:apigateway:us-east-1:dynamodb:action/PutItem")
    AwsTarget(region='us-east-1', service='dynamodb', form='action', rest='PutItem')
    """
    found = _AWS_URI.fullmatch(uri)
    if found is None:
        return None
    return AwsTarget(found["region"], found["service"], found["form"], found["rest"])


def _is_wsgi(app: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(app).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) == 2


class Backends:
    """The registered HTTP backends of one Region's runtime."""

    def __init__(self) -> None:
        #: Base URL (no trailing slash) -> (app, whether it is a WSGI app).
        self._apps: dict[str, tuple[Callable[..., Any], bool]] = {}

    def __snapshot__(self, _copy: Any) -> Backends:
        """A snapshot shares the registered apps (they are code, not state)."""
        twin = Backends()
        twin._apps = dict(self._apps)
        return twin

    def register(self, url: str, app: Callable[..., Any], *, wsgi: bool | None = None) -> None:
        """Send requests for URLs under ``url`` to ``app``."""
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"a backend's URL starts with http:// or https://, not {url!r}")
        self._apps[url.rstrip("/")] = (app, _is_wsgi(app) if wsgi is None else wsgi)

    def find(self, url: str) -> tuple[Callable[..., Any], bool] | None:
        """The app registered for the longest base URL that ``url`` starts with."""
        best: tuple[Callable[..., Any], bool] | None = None
        length = -1
        for base, app in self._apps.items():
            inside = url == base or url.startswith((base + "/", base + "?"))
            if inside and len(base) > length:
                best, length = app, len(base)
        return best

    def known(self, url: str) -> bool:
        """Whether ``url`` reaches a registered backend or an API of the Cloud."""
        return self.find(url) is not None or _EXECUTE_API.fullmatch(url.split("?")[0]) is not None

    @staticmethod
    def other_api(url: str) -> tuple[str, str] | None:
        """``(api id, path)`` when ``url`` names an API of the Cloud."""
        found = _EXECUTE_API.fullmatch(url.split("?")[0])
        if found is None:
            return None
        return found.group(1), found.group(2) or "/"

    def call(self, request: BackendRequest) -> GatewayResponse | None:
        """The registered backend's answer, or None when no backend takes the URL."""
        found = self.find(request.url)
        if found is None:
            return None
        app, wsgi = found
        if wsgi:
            return _call_wsgi(app, request)
        return _answer(app(request))


def _answer(value: Any) -> GatewayResponse:
    if isinstance(value, GatewayResponse):
        return value
    if isinstance(value, tuple) and len(value) == 3:
        status, headers, body = value
        items = headers.items() if isinstance(headers, Mapping) else headers
        pairs = tuple((str(name), str(text)) for name, text in items)
        return GatewayResponse(int(status), pairs, _bytes(body))
    if isinstance(value, (dict, list)):
        return GatewayResponse(
            200, (("Content-Type", "application/json"),), json.dumps(value).encode()
        )
    return GatewayResponse(200, (), _bytes(value))


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, (dict, list)):
        return json.dumps(body).encode()
    return str(body).encode()


def _call_wsgi(app: Callable[..., Any], request: BackendRequest) -> GatewayResponse:
    parts = urlsplit(request.url)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": parts.query,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme,
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(request.body)),
        "HTTP_HOST": parts.netloc,
    }
    for name, value in request.headers:
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], _exc: Any = None) -> Any:
        started[:] = [status, headers]
        return lambda data: None

    chunks: Iterable[bytes] = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    status = int(str(started[0]).split(" ", 1)[0]) if started else 500
    return GatewayResponse(status, tuple(started[1]) if started else (), body)
