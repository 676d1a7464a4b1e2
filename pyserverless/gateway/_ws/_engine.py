"""The data plane of WebSocket APIs: connections, messages, and the ``@connections``
management API (``apigatewaymanagementapi``), for one Region.

Connections are opened in Python (``cloud.gateway.websocket_api(...).connect()``) or by a
real client through ``pyserverless serve``; both reach the same engine. Idle timeouts and
the maximum connection duration are tasks on the Cloud's scheduler; new connections
draw from a token bucket on the clock.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..._core.errors import AWSError
from .._deployed import AuthorizerSpec
from .._http._routes import function_arn_of
from ._errors import ConnectionClosed, ConnectionRefused, GoneException, PayloadTooLargeException
from ._events import authorizer_event, connect_event, disconnect_event, message_event
from ._limits import WebSocketLimits
from ._model import Connection, WsRoute, WsStage
from ._stage import stage_view, two_way

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .._http._engine import HttpApis

__all__ = ["WebSocketEngine"]

_FORBIDDEN = "Forbidden"
_INTERNAL = "Internal server error"
_TOO_BIG = "Message too big"
_GOING_AWAY = "Going away"


class WebSocketEngine:
    """One Region's WebSocket connections, and the ``@connections`` API over them.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> v2 = cloud.client("apigatewayv2")
    >>> api = v2.create_api(Name="chat", ProtocolType="WEBSOCKET",
    ...                     RouteSelectionExpression="$request.body.action")
    >>> _ = v2.create_route(ApiId=api["ApiId"], RouteKey="$default")
    >>> _ = v2.create_stage(ApiId=api["ApiId"], StageName="prod", AutoDeploy=True)
    >>> engine = cloud.engine("apigatewaymanagementapi")
    >>> conn = engine.connect(api["ApiId"], "prod")
    >>> engine.post(conn.connection_id, b"hello")
    >>> conn.received
    ['hello']
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: WebSocketLimits = cloud.limits.for_service("apigatewaymanagementapi")
        self.lock = threading.RLock()
        self.connections: dict[str, Connection] = {}
        self._tokens = float(self.limits.new_connections_burst)
        self._refilled: float | None = None
        self._views: dict[tuple[str, str], tuple[object, WsStage]] = {}
        #: The Lambda engine of each function ARN called (its Region's).
        self._lambdas: dict[str, Any] = {}
        #: Messages received from clients (every route), for measurements.
        self.messages = 0

    # -- helpers -----------------------------------------------------------------------
    def _control(self) -> HttpApis:
        return self.cloud.engine("apigatewayv2", self.region)  # type: ignore[no-any-return]

    def _now(self) -> float:
        return self.cloud.clock.time()

    def _short_id(self) -> str:
        """AWS's connection/request/message id form: 16 characters of base64, ending ``=``."""
        return base64.b64encode(self.cloud.ids.token_bytes(11)).decode()

    def _view(self, api_id: str, stage_name: str) -> WsStage | None:
        """The stage's routes, rebuilt when the stage (or its deployment) changed."""
        control = self._control()
        api = control.state.apis.get(api_id)
        stage = api.stages.get(stage_name) if api is not None else None
        if stage is None:
            return None
        cached = self._views.get((api_id, stage_name))
        if api.info.get("DisableExecuteApiEndpoint"):  # type: ignore[union-attr]
            return None
        if cached is not None and cached[0] is stage:
            view = cached[1]
            if stage.get("DeploymentId") == view.deployment_id:
                return view
        found = stage_view(control, api_id, stage_name, self.limits.integration_timeout_ms)
        if found is not None:
            self._views[(api_id, stage_name)] = (stage, found)
        return found

    def _take_token(self, now: float) -> bool:
        """One new connection from the bucket (refilled on the clock)."""
        limits = self.limits
        if self._refilled is not None:
            elapsed = max(0.0, now - self._refilled)
            self._tokens = min(
                float(limits.new_connections_burst),
                self._tokens + elapsed * limits.new_connections_per_second,
            )
        self._refilled = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True

    def _invoke(self, route: WsRoute | None, event: Mapping[str, Any]) -> tuple[bool, Any]:
        """Call the route's Lambda function: (succeeded, its decoded answer)."""
        if route is None or route.function_arn is None:
            return False, None
        return self._call(route.function_arn, event, route.timeout_ms)

    def _call(self, arn: str, event: Mapping[str, Any], timeout_ms: int) -> tuple[bool, Any]:
        from ...lambda_ import InvokeDeadlineExceeded

        try:
            lam = self._lambdas.get(arn)
            if lam is None:
                parts = arn.split(":")
                region = parts[3] if len(parts) > 4 else self.region
                lam = self._lambdas[arn] = self.cloud.engine("lambda", region)
            invocation = lam.invoke(
                arn, json.dumps(event).encode(), deadline_seconds=timeout_ms / 1000
            )
        except (AWSError, ValueError, InvokeDeadlineExceeded):
            return False, None
        payload = invocation.payload
        try:
            out = json.loads(payload) if payload else None
        except ValueError:
            out = payload.decode("utf-8", "replace")
        if invocation.function_error is not None:
            return False, out
        return True, out

    def _deliver(self, conn: Connection, data: str | bytes) -> None:
        """Send ``data`` to the client (a real socket's sink, or ``received``)."""
        sink = conn.sink
        if sink is not None:
            sink(data)
        else:
            conn.received.append(data)

    def _error_frame(self, conn: Connection, message: str, request_id: str) -> None:
        body = {"message": message, "connectionId": conn.connection_id, "requestId": request_id}
        self._deliver(conn, json.dumps(body))

    # -- connect -----------------------------------------------------------------------
    def connect(
        self,
        api_id: str,
        stage: str,
        *,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        query: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        source_ip: str = "127.0.0.1",
        sink: Any = None,
        closer: Any = None,
    ) -> Connection:
        """Open a connection to a stage: the ``$connect`` authorizer and integration run
        first; a refusal raises :class:`ConnectionRefused` with the handshake's status."""
        view = self._view(api_id, stage)
        if view is None:
            raise ConnectionRefused(403, _FORBIDDEN)
        now = self._now()
        with self.lock:
            if not self._take_token(now):
                raise ConnectionRefused(429, "Limit Exceeded")
            connection_id = self._short_id()
            while connection_id in self.connections:
                connection_id = self._short_id()
        domain = f"{api_id}.execute-api.{self.region}.amazonaws.com"
        given = list(headers.items() if isinstance(headers, Mapping) else headers)
        names = {name.lower() for name, _ in given}
        defaults = [
            ("Host", domain),
            ("Sec-WebSocket-Key", base64.b64encode(self.cloud.ids.token_bytes(16)).decode()),
            ("Sec-WebSocket-Version", "13"),
            ("X-Forwarded-For", source_ip),
            ("X-Forwarded-Port", "443"),
            ("X-Forwarded-Proto", "https"),
        ]
        all_headers = tuple(h for h in defaults if h[0].lower() not in names) + tuple(given)
        agent = next((v for n, v in all_headers if n.lower() == "user-agent"), "")
        conn = Connection(
            connection_id=connection_id,
            api_id=api_id,
            stage=stage,
            region=self.region,
            domain=domain,
            connected_at=now,
            source_ip=source_ip,
            user_agent=agent,
            headers=all_headers,
            query=tuple(query.items() if isinstance(query, Mapping) else query),
            last_active=now,
            sink=sink,
            closer=closer,
        )
        route = view.routes.get("$connect")
        if route is not None and route.authorizer is not None:
            self._authorize(conn, view, route.authorizer, now)
        if route is not None and route.function_arn is not None:
            event = connect_event(conn, self._short_id(), now, dict(view.variables))
            ok, out = self._invoke(route, event)
            if not ok:
                raise ConnectionRefused(502, _INTERNAL)
            status = out.get("statusCode") if isinstance(out, dict) else None
            if isinstance(status, int) and not 200 <= status < 300:
                raise ConnectionRefused(status, "the $connect integration refused")
        self._open(conn, now)
        return conn

    def _open(self, conn: Connection, now: float) -> None:
        scheduler = self.cloud.scheduler
        with self.lock:
            self.connections[conn.connection_id] = conn
            conn.idle_task = scheduler.call_at(
                now + self.limits.idle_timeout_seconds,
                self._idle,
                conn.connection_id,
                name="websocket idle timeout",
            )
            conn.max_task = scheduler.call_at(
                now + self.limits.max_connection_seconds,
                self._expire,
                conn.connection_id,
                name="websocket maximum duration",
            )

    def _authorize(
        self, conn: Connection, view: WsStage, spec: Mapping[str, Any], now: float
    ) -> None:
        """The ``$connect`` REQUEST authorizer: every identity source present, then the
        function's policy must allow ``execute-api:Invoke`` on the route's ARN."""
        from .._runtime._auth_lambda import Malformed, evaluate, parse_output

        headers = {name.lower(): value for name, value in conn.headers}
        query = dict(conn.query)
        for source in spec.get("IdentitySource") or ():
            kind, _, name = source.rpartition(".")
            if kind == "route.request.header":
                value = headers.get(name.lower())
            elif kind == "route.request.querystring":
                value = query.get(name)
            elif kind == "stageVariables":
                value = view.variables.get(name)
            else:
                value = "context"
            if not value:
                raise ConnectionRefused(401, "Unauthorized")
        account = self.cloud.account_id
        method_arn = (
            f"arn:aws:execute-api:{self.region}:{account}:{conn.api_id}/{conn.stage}/$connect"
        )
        event = authorizer_event(conn, method_arn, self._short_id(), now, dict(view.variables))
        arn = function_arn_of(spec.get("AuthorizerUri", "")) or ""
        ok, out = self._call(arn, event, self.limits.integration_timeout_ms)
        message = out.get("errorMessage") if isinstance(out, dict) else None
        if out == "Unauthorized" or (not ok and message == "Unauthorized"):
            raise ConnectionRefused(401, "Unauthorized")
        if not ok:
            raise ConnectionRefused(500, _INTERNAL)
        try:
            verdict = parse_output(
                AuthorizerSpec(spec["AuthorizerId"], spec["Name"], "REQUEST"), "REST", out
            )
        except Malformed:
            raise ConnectionRefused(500, _INTERNAL) from None
        if evaluate(verdict, method_arn) != "Allow":
            raise ConnectionRefused(403, _FORBIDDEN)
        context: dict[str, Any] = dict(verdict.context)
        context["principalId"] = verdict.principal_id
        conn.authorizer = context

    # -- messages ----------------------------------------------------------------------
    def _select(self, view: WsStage, message: str | bytes) -> WsRoute | None:
        """The route a message takes: the selection expression's value in its JSON body
        when a route has that key, else ``$default`` (None: no route)."""
        routes = view.routes
        if isinstance(message, str) and view.custom:
            try:
                value: Any = json.loads(message)
            except ValueError:
                value = None
            for part in view.selection:
                if isinstance(part, int):
                    value = value[part] if isinstance(value, list) and part < len(value) else None
                else:
                    value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, str) and value in routes and not value.startswith("$"):
                return routes[value]
        return routes.get("$default")

    def send(self, conn: Connection, message: str | bytes) -> None:
        """A message from the client: routed, its integration called; a two-way route's
        answer (or an error) goes back to the client."""
        if conn.closed:
            raise ConnectionClosed(f"connection {conn.connection_id} is closed")
        size = len(message.encode()) if isinstance(message, str) else len(message)
        if size > self.limits.max_message_bytes:
            self.disconnect(conn, 1009, _TOO_BIG)
            return
        now = self._now()
        conn.last_active = now
        self.messages += 1
        view = self._view(conn.api_id, conn.stage)
        request_id = self._short_id()
        route = self._select(view, message) if view is not None else None
        if view is None or route is None or route.function_arn is None:
            self._error_frame(conn, _FORBIDDEN, request_id)
            return
        variables = dict(view.variables) if view.variables else {}
        event = message_event(
            conn, route.key, message, request_id, self._short_id(), now, variables
        )
        ok, out = self._invoke(route, event)
        if _closed(conn):  # the handler closed it (DeleteConnection): nothing more is sent
            return
        if not ok:
            self._error_frame(conn, _INTERNAL, request_id)
        elif two_way(self._control(), conn.api_id, route.route_id):
            self._reply(conn, out)

    def _reply(self, conn: Connection, out: Any) -> None:
        if isinstance(out, dict):
            body = out.get("body")
            if body is None:
                return
            if out.get("isBase64Encoded") and isinstance(body, str):
                self._deliver(conn, base64.b64decode(body))
            else:
                self._deliver(conn, body if isinstance(body, str) else json.dumps(body))
        elif out is not None:
            self._deliver(conn, out if isinstance(out, str) else json.dumps(out))

    # -- closing -----------------------------------------------------------------------
    def disconnect(self, conn: Connection, code: int = 1000, reason: str = "") -> None:
        """Close a connection (from either side): ``$disconnect`` runs, best effort."""
        with self.lock:
            if conn.closed:
                return
            conn.closed = True
            conn.close_code, conn.close_reason = code, reason
            self.connections.pop(conn.connection_id, None)
            for task in (conn.idle_task, conn.max_task):
                if task is not None:
                    task.cancel()
            conn.idle_task = conn.max_task = None
        if conn.closer is not None:
            conn.closer(code, reason)
        view = self._view(conn.api_id, conn.stage)
        route = view.routes.get("$disconnect") if view is not None else None
        if view is not None and route is not None:
            now = self._now()
            variables = dict(view.variables)
            self._invoke(
                route, disconnect_event(conn, self._short_id(), now, code, reason, variables)
            )

    def _idle(self, connection_id: str) -> None:
        """The idle timer: closes the connection, or waits for its newer deadline."""
        conn = self.connections.get(connection_id)
        if conn is None or conn.closed:
            return
        deadline = conn.last_active + self.limits.idle_timeout_seconds
        if self._now() < deadline:
            conn.idle_task = self.cloud.scheduler.call_at(
                deadline, self._idle, connection_id, name="websocket idle timeout"
            )
            return
        self.disconnect(conn, self.limits.server_close_code, _GOING_AWAY)

    def _expire(self, connection_id: str) -> None:
        """The maximum connection duration: closes the connection."""
        conn = self.connections.get(connection_id)
        if conn is not None and not conn.closed:
            self.disconnect(conn, self.limits.server_close_code, _GOING_AWAY)

    # -- @connections ------------------------------------------------------------------
    def _live(self, connection_id: str) -> Connection:
        conn = self.connections.get(connection_id)
        if conn is None or conn.closed:
            raise GoneException("")
        return conn

    def post(self, connection_id: str, data: bytes) -> None:
        """PostToConnection: ``data`` to the client (text when it is UTF-8)."""
        if len(data) > self.limits.max_message_bytes:
            raise PayloadTooLargeException("Request entity too large")
        conn = self._live(connection_id)
        try:
            self._deliver(conn, data.decode())
        except UnicodeDecodeError:
            self._deliver(conn, data)

    def describe(self, connection_id: str) -> dict[str, Any]:
        """GetConnection: when it connected, who, and when the client last sent."""
        conn = self._live(connection_id)
        return {
            "ConnectedAt": _when(conn.connected_at),
            "Identity": {"SourceIp": conn.source_ip, "UserAgent": conn.user_agent},
            "LastActiveAt": _when(conn.last_active),
        }

    def delete(self, connection_id: str) -> None:
        """DeleteConnection: the API closes the connection."""
        self.disconnect(self._live(connection_id), self.limits.server_close_code, "")


def _closed(conn: Connection) -> bool:
    """Whether ``conn`` is closed now (read anew after a handler ran)."""
    return conn.closed


def _when(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).replace(microsecond=int(epoch * 1000) % 1000 * 1000)
