"""The in-process door: boto3 and botocore clients talk to a Cloud without a socket.

``mock_aws(cloud)`` hooks botocore at the last step before the network: every client
created inside it gets a ``before-send`` handler that receives the request botocore
has already serialised (an ``AWSPreparedRequest``), hands its bytes to the same
:class:`~pyserverless.adapters._wire.Dispatcher` the HTTP endpoint uses, and returns
the answer as an ``AWSResponse`` -- so botocore's own serialiser and parser run on
every call and prove the shapes.

How clients are reached: botocore gives each client its own copy of its session's
event hooks, and every client -- ``boto3.client``, ``boto3.resource``, clients of a
fresh ``boto3.Session()`` or ``botocore.session.get_session()`` -- is built by
``botocore.session.Session.create_client``. While at least one ``mock_aws`` is
active, that one method is wrapped so the client it returns has the handler
registered on its own hooks (never on a session's, so nothing leaks past the
client). A client created inside the context keeps talking to its Cloud after the
context ends: it can never reach the network by accident. Clients created before the
context are left alone.

The bridge does not sign requests (botocore's ``choose-signer`` hook answers
``UNSIGNED``) and does not rebuild the User-Agent header for each call: nothing
in-process verifies a signature or reads the header, and the two are about 40% of
botocore's own cost per call. The Authorization-header checks belong to the HTTP
door. Fake credentials and the Cloud's region are still put in the environment (and
``AWS_PROFILE`` and the config files are hidden), so no real credential is read;
the environment is restored on exit.
"""

from __future__ import annotations

import functools
import io
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, overload
from urllib.parse import unquote, urlsplit

from .._core.errors import PyServerlessError
from .._core.hints import note_client_errors
from ._dates import install_fast_dates
from ._fast import FastPath
from ._messages import UNSUPPORTED_SERVICE
from ._wire import Dispatcher, WireRequest

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["MockAWS", "UnsupportedServiceError", "mock_aws", "route_clients"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")

#: What the environment holds inside the context (restored on exit).
_FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
#: Removed inside the context: a named profile would make botocore skip the fake
#: credentials in the environment.
_HIDDEN_ENV = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")


class UnsupportedServiceError(PyServerlessError):
    """A client inside ``mock_aws`` called a service pyserverless does not emulate.

    Raised instead of sending anything: no request ever leaves the process.
    """

    def __init__(self, service: str, operation: str, known: list[str]) -> None:
        super().__init__(
            UNSUPPORTED_SERVICE.format(
                service=service, operation=operation, known=", ".join(known) or "none"
            )
        )
        self.service = service
        self.operation = operation


class _RawBody(io.BytesIO):
    """The ``raw`` of an ``AWSResponse``: botocore reads ``stream()`` or ``read()``."""

    def stream(self, amt: int | None = None, decode_content: bool = True) -> Iterator[bytes]:
        while chunk := self.read(amt or 65536):
            yield chunk


class _Headers(Mapping[str, str]):
    """botocore's case-insensitive headers, read lazily as text (values may be bytes)."""

    __slots__ = ("_headers",)

    def __init__(self, headers: Any) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        value = self._headers[name]
        return value.decode() if isinstance(value, bytes) else str(value)

    def __iter__(self) -> Iterator[str]:
        return (str(name).lower() for name in self._headers)

    def __len__(self) -> int:
        return len(self._headers)


class _Frame:
    __slots__ = ("cloud", "dispatcher", "fast", "saved_env")

    def __init__(
        self,
        cloud: Cloud,
        dispatcher: Dispatcher,
        saved_env: dict[str, str | None],
        fast: bool = False,
    ):
        self.cloud = cloud
        self.dispatcher = dispatcher
        self.saved_env = saved_env
        self.fast = fast


class _Patch:
    """The single wrap of ``Session.create_client``, shared by every active bridge.

    botocore's class is process-wide, so this is the one piece of process-wide state
    pyserverless keeps; it exists only while a ``mock_aws`` is active.
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.frames: list[_Frame] = []
        #: route_clients(): asked first, each gives (Dispatcher, default region) where it applies.
        self.routes: list[Callable[[], tuple[Dispatcher, str | None] | None]] = []
        self.original: Callable[..., Any] | None = None
        self.discovery = _Discovery(self.frames)

    def _dispatcher(self) -> tuple[Dispatcher, bool, str | None] | None:
        for route in self.routes:
            found = route()
            if found is not None:
                return found[0], False, found[1]
        top = self.frames[-1] if self.frames else None
        return (top.dispatcher, top.fast, None) if top is not None else None

    def _install(self) -> None:
        if self.original is not None:
            return
        from botocore.session import Session

        self.original = Session.create_client
        original = self.original

        @functools.wraps(original)
        def create_client(session: Any, *args: Any, **kwargs: Any) -> Any:
            found = self._dispatcher()
            if found is not None and found[2] and len(args) < 2 and not kwargs.get("region_name"):
                kwargs["region_name"] = found[2]  # a session made earlier read another environ
            client = original(session, *args, **kwargs)
            if found is not None:
                _attach(client, found[0], fast=found[1])
            return client

        Session.create_client = create_client

    def _remove(self) -> None:
        if not self.frames and not self.routes and self.original is not None:
            from botocore.session import Session

            Session.create_client = self.original
            self.original = None

    def push(self, frame: _Frame) -> None:
        with self.lock:
            self._install()
            if not self.frames:
                self.discovery.install()
            self.frames.append(frame)

    def pop(self, frame: _Frame) -> None:
        with self.lock:
            self.frames.remove(frame)
            if not self.frames:
                self.discovery.remove()
            self._remove()


#: What a JWT verifier fetches from Cognito: a pool's JWKS and OpenID configuration.
_DISCOVERY_URL = re.compile(
    r"https://cognito-idp\.([a-z0-9-]+)\.amazonaws\.com"
    r"(/[^/?#]+/\.well-known/(?:jwks\.json|openid-configuration))(?:\?[^#]*)?\Z"
)


class _Discovery:
    """Answers a verifier's ``GET https://cognito-idp.{region}.amazonaws.com/{poolId}/
    .well-known/jwks.json`` (or ``openid-configuration``) made with urllib or requests
    (PyJWT's ``PyJWKClient`` included) from the innermost active bridge's Cloud, as the
    HTTP endpoint answers ``/{poolId}/.well-known/...``.

    Installed with the first active ``mock_aws`` and removed with the last: it wraps
    urllib's ``HTTPSHandler.https_open`` and requests' ``HTTPAdapter.send`` and puts back
    exactly what it found. Every other URL goes to them untouched.
    """

    def __init__(self, frames: list[_Frame]) -> None:
        self.frames = frames
        self.saved: list[tuple[Any, str, Any, Any]] = []

    def answer(self, method: str, url: str) -> Any:
        """The dispatcher's WireResponse for a discovery URL, else ``None``."""
        match = _DISCOVERY_URL.match(url) if method == "GET" else None
        if match is None or not self.frames:
            return None
        host = f"cognito-idp.{match.group(1)}.amazonaws.com"
        request = WireRequest("GET", match.group(2), {"host": host}, trusted=True)
        return self.frames[-1].dispatcher.handle(request)

    def _wrap(self, owner: Any, name: str, make: Callable[[Any], Any]) -> None:
        original = getattr(owner, name)
        wrapper = functools.wraps(original)(make(original))
        self.saved.append((owner, name, original, wrapper))
        setattr(owner, name, wrapper)

    def install(self) -> None:
        import urllib.request

        def urllib_open(original: Any) -> Any:
            def https_open(handler: Any, req: Any) -> Any:
                found = self.answer(req.get_method(), req.full_url)
                return original(handler, req) if found is None else _urllib_reply(req, found)

            return https_open

        self._wrap(urllib.request.HTTPSHandler, "https_open", urllib_open)
        try:
            import requests.adapters
        except ImportError:  # requests is optional
            return

        def requests_send(original: Any) -> Any:
            def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
                found = self.answer(str(request.method), str(request.url))
                if found is None:
                    return original(adapter, request, *args, **kwargs)
                return _requests_reply(request, found)

            return send

        self._wrap(requests.adapters.HTTPAdapter, "send", requests_send)

    def remove(self) -> None:
        """Put back what was found, unless something patched over the wrapper meanwhile
        (then the wrapper stays in that chain, answering nothing with no bridge active)."""
        while self.saved:
            owner, name, original, wrapper = self.saved.pop()
            if getattr(owner, name) is wrapper:
                setattr(owner, name, original)


def _urllib_reply(req: Any, found: Any) -> Any:
    import email.message
    import urllib.response

    headers = email.message.Message()
    for key, value in found.headers.items():
        headers[key] = value
    reply = urllib.response.addinfourl(io.BytesIO(found.body), headers, req.full_url, found.status)
    reply.msg = found.reason  # type: ignore[attr-defined]  # urllib's HTTPErrorProcessor reads it
    return reply


def _requests_reply(request: Any, found: Any) -> Any:
    import requests
    from requests.structures import CaseInsensitiveDict

    reply = requests.Response()
    reply.status_code, reply.reason = found.status, found.reason
    reply.headers = CaseInsensitiveDict(found.headers)
    reply._content = found.body
    reply.url, reply.request, reply.encoding = request.url, request, "utf-8"
    return reply


_PATCH = _Patch()


def route_clients(
    route: Callable[[], tuple[Dispatcher, str | None] | None],
) -> Callable[[], None]:
    """Route each botocore client created where ``route()`` gives (a Dispatcher, a default
    region) to it, ahead of any active ``mock_aws``; the function returned undoes it.

    Lambda uses it so that a handler's boto3 reaches the Cloud that invoked it: botocore's
    ``Session.create_client`` is wrapped only while a route or a ``mock_aws`` is active.
    """
    with _PATCH.lock:
        _PATCH._install()
        _PATCH.routes.append(route)

    def undo() -> None:
        with _PATCH.lock:
            if route in _PATCH.routes:
                _PATCH.routes.remove(route)
            _PATCH._remove()

    return undo


def _emulated(dispatcher: Dispatcher) -> list[str]:
    return sorted(s for s in dispatcher.services if dispatcher.emulates(s))


def _attach(client: Any, dispatcher: Dispatcher, *, fast: bool = False) -> None:
    """Route one botocore client to ``dispatcher`` (or refuse its service)."""
    import botocore

    meta = client.meta
    service = meta.service_model.service_name
    events = meta.events
    handler: Callable[..., Any]
    if service == "s3" and dispatcher.emulates(service):  # REST-XML: Host kept, bodies streamed
        from ._s3bridge import bridge_send

        handler = functools.partial(bridge_send, dispatcher, meta.region_name)
        note_client_errors(client)
    elif dispatcher.emulates(service):
        path = FastPath(dispatcher, meta.region_name, client) if fast else None
        handler = functools.partial(_send, dispatcher, meta.region_name, fast=path)
        note_client_errors(client)  # hints (PEP 678 notes) on botocore's own errors
        if path is not None:
            service_id = meta.service_model.service_id.hyphenize()
            events.register_first(
                f"before-call.{service_id}", path.before_call, unique_id="pyserverless-fast"
            )
    else:
        handler = functools.partial(_refuse, service, _emulated(dispatcher))
    if dispatcher.emulates(service):  # botocore's text timestamps, read without dateutil
        install_fast_dates(client)
    if service in ("sts", "iam") and dispatcher.emulates(service):  # who calls, for STS
        from ._query import carry_access_key

        carry_access_key(client)
    events.register_first("before-send", handler, unique_id="pyserverless-bridge")

    def unsigned(**_: Any) -> Any:
        return botocore.UNSIGNED

    events.register_first("choose-signer", unsigned, unique_id="pyserverless-unsigned")
    # botocore rebuilds the User-Agent header on every request (a sixth of its cost
    # per call); it is telemetry for AWS, and nothing in-process reads it.
    rebuild = getattr(
        getattr(client, "_user_agent_creator", None), "rebuild_and_replace_user_agent_handler", None
    )
    if rebuild is not None:
        service_id = meta.service_model.service_id.hyphenize()
        events.unregister(f"request-created.{service_id}", rebuild)


def _send(
    dispatcher: Dispatcher,
    region: str | None,
    request: Any,
    fast: FastPath | None = None,
    **_: Any,
) -> Any:
    from botocore.awsrequest import AWSResponse

    left = fast.take() if fast is not None else None
    if left is not None:  # the fast path's error answer for this very call
        return AWSResponse(request.url, left.status, left.headers, _RawBody(left.body))
    url: str = request.url
    body = request.body
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode()
    elif hasattr(body, "read"):
        body = body.read()
    path, query = _path_and_query(url)
    wire = WireRequest(
        method=request.method,
        path=path,
        headers=_lower_headers(request.headers),
        body=bytes(body),
        query=query,
        trusted=True,
        region=region,
        raw_path=urlsplit(url).path if "%2F" in url else None,
    )
    answer = dispatcher.handle(wire)
    return AWSResponse(url, answer.status, answer.headers, _RawBody(answer.body))


def _path_and_query(url: str) -> tuple[str, str]:
    """The unquoted path and the query of a URL (DynamoDB's ``https://host/`` in one test)."""
    if url.endswith(".com/") and "?" not in url and "%" not in url:
        return "/", ""
    parts = urlsplit(url)
    return unquote(parts.path) or "/", parts.query


def _lower_headers(headers: Any) -> Mapping[str, str]:
    """botocore's request headers as a plain dict with lower-case names, in one pass.

    Reads ``HeadersDict``'s own dict of case-insensitive keys (a botocore internal,
    three times cheaper than its mapping methods); any other mapping is wrapped.
    """
    inner = getattr(headers, "_dict", None)
    if type(inner) is not dict:
        return _Headers(headers)
    try:
        return {
            key._lower: value.decode() if type(value) is bytes else str(value)
            for key, value in inner.items()
        }
    except AttributeError:  # a botocore whose keys are not _HeaderKey
        return _Headers(headers)


def _refuse(service: str, known: list[str], request: Any, event_name: str = "", **_: Any) -> Any:
    operation = event_name.rsplit(".", 1)[-1] if event_name else "?"
    raise UnsupportedServiceError(service, operation, known)


class MockAWS:
    """Routes every boto3/botocore client created inside it to a Cloud's engines.

    A context manager (``with mock_aws() as cloud:``) and a decorator. Without a
    Cloud, each entry builds a fresh one. See :func:`mock_aws`.
    """

    def __init__(
        self,
        cloud: Cloud | None = None,
        *,
        dispatcher: Dispatcher | None = None,
        fast: bool = False,
    ):
        self._cloud = cloud if cloud is not None else (dispatcher.cloud if dispatcher else None)
        self._dispatcher = dispatcher
        self._fast = fast
        self._frames: list[_Frame] = []

    @property
    def cloud(self) -> Cloud | None:
        """The Cloud of the innermost active entry (``None`` outside the context)."""
        return self._frames[-1].cloud if self._frames else None

    def __enter__(self) -> Cloud:
        from ..cloud import Cloud

        cloud = self._cloud if self._cloud is not None else Cloud()
        dispatcher = self._dispatcher or Dispatcher(cloud, raise_unexpected=True)
        env = dict(_FAKE_ENV, AWS_DEFAULT_REGION=cloud.region)
        saved = {key: os.environ.get(key) for key in (*env, *_HIDDEN_ENV)}
        frame = _Frame(cloud, dispatcher, saved, fast=self._fast)
        os.environ.update(env)
        for key in _HIDDEN_ENV:
            os.environ.pop(key, None)
        _PATCH.push(frame)
        self._frames.append(frame)
        return cloud

    def __exit__(self, *exc: object) -> None:
        frame = self._frames.pop()
        _PATCH.pop(frame)
        for key, value in frame.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def start(self) -> Cloud:
        """Start routing, as entering ``with`` does; the Cloud. Pair it with :meth:`stop`."""
        return self.__enter__()

    def stop(self) -> None:
        """Stop what the last :meth:`start` began (restoring the environment it changed)."""
        if not self._frames:
            raise RuntimeError("mock_aws.stop() without a start(): nothing to stop")
        self.__exit__(None, None, None)

    @overload
    def __call__(self, func: type[_T]) -> type[_T]: ...
    @overload
    def __call__(self, func: Callable[_P, _R]) -> Callable[_P, _R]: ...
    def __call__(self, func: Any) -> Any:
        if isinstance(func, type):
            return self._decorate_class(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return wrapper

    def _decorate_class(self, cls: type[_T]) -> type[_T]:
        """A class stays a class: each test runs inside the bridge.

        A ``unittest.TestCase`` starts the bridge in ``setUp`` and stops it after
        ``tearDown`` (so clients made in ``setUp`` are routed too, and each test gets a
        fresh Cloud unless one was given); any other class has each ``test*`` method wrapped.
        """
        import unittest

        if issubclass(cls, unittest.TestCase):
            original_setup = cls.setUp
            bridge = self

            @functools.wraps(original_setup)
            def setUp(case: unittest.TestCase) -> None:
                bridge.start()
                case.addCleanup(bridge.stop)
                original_setup(case)

            cls.setUp = setUp  # type: ignore[method-assign,assignment]
            return cls
        for name, value in list(vars(cls).items()):
            if name.startswith("test") and callable(value):
                setattr(cls, name, self(value))
        return cls

    def __repr__(self) -> str:
        state = "active" if self._frames else "inactive"
        return f"<MockAWS {state} cloud={self._cloud!r}>"


@overload
def mock_aws(cloud: type[_T]) -> type[_T]: ...
@overload
def mock_aws(cloud: Callable[_P, _R]) -> Callable[_P, _R]: ...
@overload
def mock_aws(
    cloud: Cloud | None = None, *, dispatcher: Dispatcher | None = None, fast: bool = False
) -> MockAWS: ...
def mock_aws(cloud: Any = None, *, dispatcher: Dispatcher | None = None, fast: bool = False) -> Any:
    """Route every boto3/botocore client created inside to ``cloud`` (default: a new Cloud).

    Forms: ``with mock_aws(cloud) as cloud:``, ``m = mock_aws(); m.start() ... m.stop()``,
    ``@mock_aws()`` / ``@mock_aws`` on a function or a test class (a
    ``unittest.TestCase`` stays a class, and each test runs inside), and the ``aws``
    pytest fixture. Calls to a service pyserverless does
    not emulate raise :class:`UnsupportedServiceError`; nothing touches the network.

    ``fast=True`` answers AWS JSON services' successful calls at botocore's
    ``before-call`` with the parsed response itself (identical, type for type, to
    what botocore parses from the bytes; see :mod:`pyserverless.adapters._fast`):
    about twice as fast on small calls and more on large responses. botocore's
    request validation and serialisation still run; errors take the usual path.

    >>> import boto3
    >>> from pyserverless import Cloud, mock_aws
    >>> with mock_aws(Cloud.manual()) as cloud:
    ...     boto3.client("kinesis").list_streams()
    Traceback (most recent call last):
    ...
    pyserverless.adapters.bridge.UnsupportedServiceError: pyserverless does not emulate
    the AWS service 'kinesis' (operation ListStreams); ...
    """
    from ..cloud import Cloud

    if callable(cloud) and not isinstance(cloud, Cloud):
        return MockAWS()(cloud)
    return MockAWS(cloud, dispatcher=dispatcher, fast=fast)
