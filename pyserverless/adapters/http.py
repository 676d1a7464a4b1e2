"""The HTTP door: AWS's wire protocols on a port, as a WSGI app.

``make_app(cloud)`` is a plain WSGI application (mount it in any WSGI server);
``pyserverless serve`` runs it on waitress, a threaded WSGI server (the ``server`` extra).
The app only turns the WSGI environ into a
:class:`~pyserverless.adapters._wire.WireRequest` and the answer back into bytes:
routing, checks, errors and headers are the shared wire's, the same code the
in-process bridge runs.

>>> from pyserverless import Cloud
>>> app = make_app(Cloud.manual())
>>> import io
>>> environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "wsgi.input": io.BytesIO()}
>>> b"".join(app(environ, lambda status, headers: None))
b'healthy: dynamodb.us-east-1.amazonaws.com '
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._wire import Dispatcher, WireRequest, WireResponse

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["ServeOptions", "Server", "WireApp", "make_app", "serve_forever"]

StartResponse = Callable[..., Any]

_log = logging.getLogger("pyserverless.adapters")


def _label(environ: dict[str, Any]) -> str:
    """What a request asked for: ``DynamoDB_20120810.PutItem``, or its method and path."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return str(target)
    return f"{environ.get('REQUEST_METHOD', 'GET')} {environ.get('PATH_INFO', '/')}"


class WireApp:
    """A WSGI application serving a Cloud's engines over AWS's wire protocols."""

    def __init__(self, cloud: Cloud, *, dispatcher: Dispatcher | None = None) -> None:
        self.cloud = cloud
        self.dispatcher = dispatcher or Dispatcher(cloud)
        #: Called with one line per request (``pyserverless serve`` prints them), or None.
        self.log: Callable[[str], None] | None = None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if ".cloudfront.localhost" in environ.get("HTTP_HOST", ""):  # docs/cdn.md
            from ..cdn._wsgi import serve_distribution

            served = serve_distribution(self.cloud, environ, start_response)
            if served is not None:
                return served
        if ".lambda-url." in environ.get("HTTP_HOST", ""):  # function URLs: docs/lambda-urls.md
            from ..lambda_._url_wsgi import serve_function_url, url_target

            url_id = url_target(environ)
            if url_id is not None:
                return serve_function_url(self.cloud, environ, start_response, url_id, log=self.log)
        if "execute-api." in environ.get("HTTP_HOST", "") or environ.get(
            "PATH_INFO", ""
        ).startswith("/_api/"):  # API Gateway stages (docs/gateway.md), before AWS's protocols
            from ..gateway._runtime._wsgi import gateway_target, serve_gateway

            target = gateway_target(environ)
            if target is not None:
                return serve_gateway(self.cloud, environ, start_response, target, log=self.log)
        host = environ.get("HTTP_HOST", "")
        if host and "localhost" not in host and not host[:1].isdigit() and host[:1] != "[":
            from ..gateway._runtime._wsgi import serve_domain  # custom domains: docs/gateway.md

            domain_answer = serve_domain(self.cloud, environ, start_response, log=self.log)
            if domain_answer is not None:
                return domain_answer
        if self.log is None:
            return self._send(self._answer(environ), start_response, environ)
        started = time.perf_counter()
        answer = self._answer(environ)
        took = (time.perf_counter() - started) * 1000
        self.log(f"{_label(environ)} {answer.status} {took:.1f} ms")
        return self._send(answer, start_response, environ)

    def _answer(self, environ: dict[str, Any]) -> WireResponse:
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        # PEP 3333: PATH_INFO arrives as latin-1-decoded bytes.
        path = environ.get("PATH_INFO", "/") or "/"
        with contextlib.suppress(UnicodeError):
            path = path.encode("latin-1").decode("utf-8")
        wire = self.dispatcher
        limit = wire.body_limit(headers, path)
        body = self._read(environ, limit)
        if body is None:
            answer = wire.too_large()
        else:
            raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
            request = WireRequest(
                method=environ.get("REQUEST_METHOD", "GET").upper(),
                path=path,
                headers=headers,
                body=body,
                query=environ.get("QUERY_STRING", ""),
                raw_path=str(raw).partition("?")[0] if raw else None,
            )
            try:
                answer = wire.handle(request)
            except Exception:  # a bug in the wire itself: answer, log, keep serving
                _log.exception("pyserverless could not answer %s %s", request.method, path)
                answer = wire.internal_error()
        return answer

    @staticmethod
    def _read(environ: dict[str, Any], limit: int) -> bytes | None:
        """The body, or ``None`` if it is larger than ``limit``."""
        stream = environ.get("wsgi.input")
        length_text = environ.get("CONTENT_LENGTH") or ""
        if stream is None:
            return b""
        if length_text.strip():
            try:
                length = int(length_text)
            except ValueError:
                length = 0
            if length > limit:
                return None
            return stream.read(length) if length > 0 else b""
        if environ.get("wsgi.input_terminated"):  # chunked: read to the end, capped
            data: bytes = stream.read(limit + 1)
            return None if len(data) > limit else data
        return b""

    @staticmethod
    def _send(
        answer: WireResponse, start_response: StartResponse, environ: dict[str, Any]
    ) -> Iterable[bytes]:
        start_response(f"{answer.status} {answer.reason}", list(answer.headers.items()))
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        if answer.stream is not None:  # S3's GetObject: chunk by chunk
            return answer.stream
        return [answer.body]


def make_app(cloud: Cloud, *, dispatcher: Dispatcher | None = None) -> WireApp:
    """The WSGI app serving ``cloud`` (DynamoDB's JSON 1.0 today; see the protocol table)."""
    return WireApp(cloud, dispatcher=dispatcher)


class _Listener:
    """A waitress server: threaded, HTTP/1.1 with keep-alive, stoppable from any thread.

    waitress is a well-kept, pure-Python WSGI server. Unlike werkzeug's development
    server, it keeps connections alive between requests, as AWS's endpoints do, so an
    SDK's pooled connection does not pay for a TCP handshake on every call.
    """

    def __init__(self, app: WireApp, host: str, port: int, options: ServeOptions) -> None:
        try:
            from waitress.server import create_server
        except ImportError as err:  # pragma: no cover - exercised only without the extra
            raise ImportError(
                "the HTTP endpoint needs waitress: pip install 'pyserverless[server]'"
            ) from err
        self._server: Any = create_server(
            app,
            host=host,
            port=port,
            threads=options.threads,
            connection_limit=options.connection_limit,
            channel_timeout=options.idle_timeout,
            # poll(), not select(): select() cannot watch more than 1,024 sockets.
            asyncore_use_poll=True,
            ident="Server",
            clear_untrusted_proxy_headers=True,
        )
        self.port: int = int(self._server.effective_port)

    def serve(self) -> None:
        """Serve until ``stop()`` is called (from another thread) or Ctrl-C."""
        self._server.run()

    def stop(self) -> None:
        """Close every socket from inside the serving loop, which then returns."""
        server = self._server

        def close_all() -> None:
            for channel in list(server._map.values()):
                try:
                    channel.close()
                except OSError:  # its descriptor is gone already: drop it from the map
                    server._map.pop(getattr(channel, "_fileno", None), None)

        try:
            server.trigger.pull_trigger(close_all)
        except OSError:
            # The wake-up pipe is already closed (the loop ended, or is ending): close
            # what is left from here; the loop sees an empty map within its 1 s timeout.
            close_all()

    def close(self) -> None:
        self._server.task_dispatcher.shutdown()


@attrs.frozen
class ServeOptions:
    """How the endpoint serves connections (``pyserverless serve --help`` shows each).

    waitress's own defaults (100 connections, 120 s idle) let 100 idle clients stop all
    service; these are higher and shorter.

    >>> ServeOptions().connection_limit, ServeOptions().idle_timeout
    (1000, 30)
    """

    #: Worker threads answering requests.
    threads: int = 8
    #: Open connections accepted at once; more wait in the listen backlog.
    connection_limit: int = 1000
    #: Seconds an idle keep-alive connection is kept before the server closes it.
    idle_timeout: int = 30
    #: Verify SigV4 signatures against these access keys (id -> secret); None: only
    #: check that a complete signature is present (the default).
    access_keys: Mapping[str, str] | None = None
    #: Run uploaded Lambda code in this process (threads) rather than in worker processes:
    #: faster, but a handler's ``os._exit``, signals or C loop holding the GIL reach the server.
    inline_lambda: bool = False
    #: WebSocket APIs' port (a second listener, with the ``websocket`` extra); 0: any free.
    websocket_port: int = 0


def _server(app: WireApp, host: str, port: int, options: ServeOptions | None = None) -> _Listener:
    return _Listener(app, host, port, options or ServeOptions())


class Server:
    """The endpoint running in a background thread (for tests and notebooks).

    >>> from pyserverless import Cloud
    >>> with Server(Cloud.manual()) as server:
    ...     server.url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(
        self,
        cloud: Cloud,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        dispatcher: Dispatcher | None = None,
        options: ServeOptions | None = None,
        websocket: bool = False,
    ) -> None:
        self.cloud = cloud
        self.app = make_app(cloud, dispatcher=dispatcher)
        self._server = _server(self.app, host, port, options)
        self.host = host
        self.port: int = self._server.port
        self._thread: threading.Thread | None = None
        #: ``websocket=True``: WebSocket APIs' listener (``ws_url``), gateway/_ws/_serve.py.
        self.websocket: Any = None
        if websocket:
            from ..gateway._ws._serve import WebSocketListener

            port_ws = options.websocket_port if options is not None else 0
            self.websocket = WebSocketListener(cloud, host, port_ws)

    @property
    def url(self) -> str:
        """``http://host:port``, for ``endpoint_url=``."""
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str | None:
        """``ws://host:port`` of WebSocket APIs (``websocket=True``), else None."""
        return self.websocket.url if self.websocket is not None else None

    def start(self) -> Server:
        if self.websocket is not None:
            self.websocket.start()
        self._thread = threading.Thread(
            target=self._server.serve,
            name=f"pyserverless-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (waits for the serving thread)."""
        if self.websocket is not None:
            self.websocket.stop()
        if self._thread is not None:
            self._server.stop()
            self._thread.join()
            self._thread = None
        self._server.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Server {self.url} running={self._thread is not None}>"


def serve_forever(
    host: str = "127.0.0.1",
    port: int = 4566,
    seed: int | None = None,
    *,
    region: str = "us-east-1",
    options: ServeOptions | None = None,
    quiet: bool = False,
) -> int:
    """Serve a new Cloud (real time) until Ctrl-C; the exit status.

    Without ``seed``, a fresh random seed is drawn (every secret, signing keys
    included, comes from the seed) and printed, so a run can be replayed.
    """
    from ..cloud import Cloud

    if seed is None:
        seed = secrets.randbelow(2**31)
    keys = options.access_keys if options is not None else None
    if port == 0:  # the address is in handlers' environment: known before the Cloud is built
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
    cloud = Cloud(seed=seed, region=region, limits=_lambda_settings(host, port, options))
    app = make_app(cloud, dispatcher=Dispatcher(cloud, credentials=keys))
    if keys:  # AWS_IAM routes of API Gateway accept them too (docs/gateway.md)
        cloud.engine("execute-api", region).authorizers.access_keys.update(keys)
    if not quiet:
        app.log = _print_line
    try:
        server = _server(app, host, port, options)
    except OSError as err:
        print(
            f"pyserverless: cannot listen on {host}:{port}: {err.strerror or err}", file=sys.stderr
        )
        return 1
    websocket = _websocket(cloud, host, options)
    ws_url = websocket.url if websocket is not None else None
    for line in _banner(host, server.port, seed, region, keys is not None, ws_url):
        print(line, file=sys.stderr, flush=True)
    if websocket is not None:
        websocket.start()
    try:
        server.serve()  # returns on Ctrl-C
    except KeyboardInterrupt:  # pragma: no cover - waitress normally absorbs it
        pass
    finally:
        server.close()
        if websocket is not None:
            websocket.stop()
    print("pyserverless: stopped", file=sys.stderr, flush=True)
    return 0


def _websocket(cloud: Cloud, host: str, options: ServeOptions | None) -> Any:
    """WebSocket APIs' listener, bound but not started (None without the ``websocket``
    extra, or when its port is taken: the banner says which)."""
    from ..gateway._ws._serve import WebSocketListener, available

    if not available():
        return None
    try:
        return WebSocketListener(cloud, host, options.websocket_port if options else 0)
    except OSError:
        return None


def _lambda_settings(host: str, port: int, options: ServeOptions | None) -> dict[str, Any]:
    """Uploaded code runs in worker processes (unless inline_lambda), pointed at this server."""
    inline = options is not None and options.inline_lambda
    reach = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return {
        "lambda": {
            "isolation": "inline" if inline else "process",
            "endpoint_url": f"http://{reach}:{port}",
        }
    }


def _banner(
    host: str,
    port: int,
    seed: int,
    region: str,
    verifying: bool = False,
    ws_url: str | None = None,
) -> list[str]:
    url = f"http://{host}:{port}"
    listening = f"pyserverless: serving AWS wire protocols on {url}"
    if ws_url is not None:
        listening += f", WebSocket APIs on {ws_url}/{{api-id}}/{{stage}}"
    else:
        listening += " (no WebSocket APIs: the websocket extra, or --websocket-port busy)"
    fake_keys = "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing"
    keys = (
        "signatures are verified (testing/testing and each --access-key)"
        if verifying
        else "any access key works"
    )
    return [
        f"{listening} (seed {seed}: replay with --seed {seed}); Ctrl-C stops",
        f"pyserverless: {keys}; for the AWS CLI and SDKs, for example:",
        f"  export {fake_keys} AWS_DEFAULT_REGION={region} AWS_ENDPOINT_URL={url}",
    ]


def _print_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
