"""WebSocket APIs over ``pyserverless serve``: a second listener, next to the HTTP one.

waitress (the HTTP door) is WSGI and cannot hand a socket over after an upgrade, so
WebSocket clients connect to a small server of the ``websockets`` library (the
``websocket`` extra), started by :class:`~pyserverless.adapters.http.Server` and by
``pyserverless serve`` on a port of its own. A stage's URL there is
``ws://HOST:WSPORT/{api-id}/{stage}`` (or ``/{stage}`` with a ``Host`` naming the API:
``{api-id}.execute-api.{region}.amazonaws.com``); both reach the Cloud's WebSocket engine,
so ``$connect`` authorizers, routes, ``@connections`` posts and the limits are the same
as in process.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from ._errors import ConnectionClosed, ConnectionRefused
from ._model import Connection

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ._engine import WebSocketEngine

__all__ = ["WebSocketListener", "available"]


def available() -> bool:
    """Whether the ``websockets`` library (the ``websocket`` extra) is installed."""
    try:
        import websockets.sync.server  # noqa: F401
    except ImportError:
        return False
    return True


def _target(path: str, host: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(api id, stage, query) from a handshake's path and Host, or None."""
    parts = urlsplit(path)
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qsl(parts.query, keep_blank_values=True)
    name = host.partition(":")[0]
    if ".execute-api." in name and len(segments) == 1:
        return name.partition(".")[0], segments[0], query
    if len(segments) == 2:
        return segments[0], segments[1], query
    return None


def _push(socket: Any, data: str | bytes) -> None:
    """Send to a real client (the connection may close under us: then nothing is sent)."""
    from websockets.exceptions import ConnectionClosed as SocketClosed

    with contextlib.suppress(SocketClosed):
        socket.send(data)


def _shut(socket: Any, code: int, reason: str) -> None:
    socket.close(code, reason)


class WebSocketListener:
    """Serves a Cloud's WebSocket stages to real clients, on a thread.

    >>> from pyserverless import Cloud
    >>> listener = WebSocketListener(Cloud.manual()).start()
    >>> listener.url.startswith("ws://127.0.0.1:")
    True
    >>> listener.stop()
    """

    def __init__(self, cloud: Cloud, host: str = "127.0.0.1", port: int = 0) -> None:
        from websockets.sync.server import serve

        self.cloud = cloud
        self.host = host
        self._records: dict[int, Connection] = {}
        self._lock = threading.Lock()
        #: Connections whose handler has not finished (``$disconnect`` included).
        self._active = 0
        self._settled = threading.Condition(self._lock)
        self._server = serve(
            self._handle,
            host,
            port,
            process_request=self._handshake,
            max_size=None,  # the engine applies AWS's 128 KB (close code 1009)
            compression=None,
            ping_interval=None,
        )
        self.port: int = int(self._server.socket.getsockname()[1])
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``ws://host:port``: a stage is at ``{url}/{api-id}/{stage}``."""
        return f"ws://{self.host}:{self.port}"

    def _engine(self) -> WebSocketEngine:
        return self.cloud.engine("apigatewaymanagementapi")  # type: ignore[no-any-return]

    def _handshake(self, socket: Any, request: Any) -> Any:
        """Run ``$connect`` (authorizer, integration) before the upgrade is accepted."""
        hosts = request.headers.get_all("Host")
        host = next((h for h in hosts if ".execute-api." in h), hosts[0] if hosts else "")
        found = _target(request.path, host)
        if found is None:
            return socket.respond(403, "Forbidden\n")
        api_id, stage, query = found
        headers = [(k, v) for k, v in request.headers.raw_items() if k.lower() != "host"]
        peer = socket.remote_address[0] if socket.remote_address else "127.0.0.1"
        try:
            record = self._engine().connect(
                api_id,
                stage,
                headers=headers,
                query=query,
                source_ip=str(peer),
                sink=functools.partial(_push, socket),
                closer=functools.partial(_shut, socket),
            )
        except ConnectionRefused as err:
            return socket.respond(err.status, "Forbidden\n" if err.status == 403 else "\n")
        with self._lock:
            self._records[id(socket)] = record
        return None

    def _handle(self, socket: Any) -> None:
        """Each message from the client to the engine; a close runs ``$disconnect``."""
        with self._lock:
            record = self._records.pop(id(socket), None)
            if record is None:
                return
            self._active += 1
        try:
            self._serve(socket, record)
        finally:
            with self._lock:
                self._active -= 1
                self._settled.notify_all()

    def _serve(self, socket: Any, record: Connection) -> None:
        from websockets.exceptions import ConnectionClosed as SocketClosed

        engine = self._engine()
        try:
            for message in socket:
                engine.send(record, message)
        except (SocketClosed, ConnectionClosed):
            pass
        if not record.closed:
            record.closer = None
            code = socket.close_code if socket.close_code is not None else 1006
            engine.disconnect(record, code, socket.close_reason or "")

    def wait_settled(self, open_connections: int = 0, timeout: float = 10.0) -> bool:
        """Wait until at most ``open_connections`` clients are still served, every other
        one's ``$disconnect`` having run (it runs after the close handshake, as on AWS);
        False if ``timeout`` passed first."""
        with self._lock:
            return self._settled.wait_for(lambda: self._active <= open_connections, timeout)

    def start(self) -> WebSocketListener:
        """Serve on a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"pyserverless-ws-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (open connections are closed)."""
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
