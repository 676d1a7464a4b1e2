"""The Python face of WebSocket APIs: ``api.connect()``, ``conn.send()``, ``conn.received``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._model import Connection

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ._engine import WebSocketEngine

__all__ = ["WebSocketApi", "WebSocketConnection"]


class WebSocketConnection:
    """A client's connection to a WebSocket stage, driven from Python.

    ``received`` lists what the API sent the client, in order: answers of routes with a
    route response, error messages (``{"message": "Forbidden", ...}``) and
    ``@connections`` posts.
    """

    def __init__(self, engine: WebSocketEngine, record: Connection) -> None:
        self._engine = engine
        self._record = record

    @property
    def connection_id(self) -> str:
        """The connection's id (``requestContext.connectionId``)."""
        return self._record.connection_id

    @property
    def received(self) -> list[str | bytes]:
        """What the API sent to this client so far."""
        return self._record.received

    @property
    def closed(self) -> bool:
        """Whether the connection is closed (by either side, or a limit)."""
        return self._record.closed

    @property
    def close_code(self) -> int | None:
        """The close code (1000 normal, 1001 going away, 1009 message too big), once closed."""
        return self._record.close_code

    def send(self, message: str | bytes) -> None:
        """Send a text (``str``) or binary (``bytes``) message; its route runs now."""
        self._engine.send(self._record, message)

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the connection from the client's side (``$disconnect`` runs)."""
        self._engine.disconnect(self._record, code, reason)

    def __repr__(self) -> str:
        state = f"closed {self.close_code}" if self.closed else "open"
        return f"<WebSocketConnection {self.connection_id} {state}>"


class WebSocketApi:
    """A WebSocket API (``apigatewayv2`` with ``ProtocolType`` ``WEBSOCKET``), to connect to.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> v2 = cloud.client("apigatewayv2")
    >>> api_id = v2.create_api(Name="chat", ProtocolType="WEBSOCKET",
    ...                        RouteSelectionExpression="$request.body.action")["ApiId"]
    >>> fn = cloud.lambda_.create_function(
    ...     "echo", handler=lambda event, context: {"statusCode": 200, "body": event["body"]})
    >>> target = v2.create_integration(ApiId=api_id, IntegrationType="AWS_PROXY",
    ...                                IntegrationUri=fn.arn)["IntegrationId"]
    >>> route = v2.create_route(ApiId=api_id, RouteKey="$default",
    ...                         Target=f"integrations/{target}")
    >>> _ = v2.create_route_response(ApiId=api_id, RouteId=route["RouteId"],
    ...                              RouteResponseKey="$default")
    >>> _ = v2.create_stage(ApiId=api_id, StageName="prod", AutoDeploy=True)
    >>> conn = cloud.gateway.websocket_api(api_id).connect()
    >>> conn.send("hello")
    >>> conn.received
    ['hello']
    >>> conn.close()
    """

    def __init__(self, cloud: Cloud, api_id: str, region: str | None = None) -> None:
        self._cloud = cloud
        self.api_id = api_id
        self._region = region or cloud.region
        self._engine: WebSocketEngine = cloud.engine("apigatewaymanagementapi", self._region)

    @classmethod
    def named(cls, cloud: Cloud, name: str, region: str, selection: str) -> WebSocketApi:
        """The WebSocket API with id or name ``name``, created (with a ``prod`` stage that
        auto-deploys) if there is none."""
        client = cloud.client("apigatewayv2", region)
        items = [i for i in client.get_apis().get("Items", []) if i["ProtocolType"] == "WEBSOCKET"]
        for item in items:
            if name in (item["ApiId"], item["Name"]):
                return cls(cloud, item["ApiId"], region)
        api_id = client.create_api(
            Name=name, ProtocolType="WEBSOCKET", RouteSelectionExpression=selection
        )["ApiId"]
        client.create_stage(ApiId=api_id, StageName="prod", AutoDeploy=True)
        return cls(cloud, api_id, region)

    def route(self, route_key: str, function: Any, *, two_way: bool = False) -> str:
        """Add a route (``$connect``, ``$disconnect``, ``$default`` or a key of the
        selection expression) to a Lambda proxy integration of ``function`` (a
        ``Function``, name, ARN or callable); ``two_way``: its answers' ``body`` goes back
        to the client. Returns the route id.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> api = cloud.gateway.websocket_api("chat")
        >>> _ = api.route("hello", lambda e, c: {"statusCode": 200, "body": "hi"}, two_way=True)
        >>> conn = api.connect()
        >>> conn.send('{"action": "hello"}')
        >>> conn.received
        ['hi']
        """
        from .._resource import GatewayResource

        client = self._cloud.client("apigatewayv2", self._region)
        arn = GatewayResource(self._cloud, self._region)._function_arn(function, "ws")
        integration = client.create_integration(
            ApiId=self.api_id, IntegrationType="AWS_PROXY", IntegrationUri=arn
        )["IntegrationId"]
        route_id = str(
            client.create_route(
                ApiId=self.api_id, RouteKey=route_key, Target=f"integrations/{integration}"
            )["RouteId"]
        )
        if two_way:
            client.create_route_response(
                ApiId=self.api_id, RouteId=route_id, RouteResponseKey="$default"
            )
        return route_id

    def connect(
        self,
        stage: str = "prod",
        *,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        query: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        source_ip: str = "127.0.0.1",
    ) -> WebSocketConnection:
        """Open a connection to ``stage`` (the ``$connect`` authorizer and route run);
        a refused handshake raises ``ConnectionRefused`` with its HTTP status."""
        record = self._engine.connect(
            self.api_id, stage, headers=headers, query=query, source_ip=source_ip
        )
        return WebSocketConnection(self._engine, record)

    def connections(self, stage: str | None = None) -> list[str]:
        """The ids of this API's open connections (of one ``stage``, or all), oldest first."""
        return [
            c.connection_id
            for c in list(self._engine.connections.values())
            if c.api_id == self.api_id and (stage is None or c.stage == stage)
        ]

    def __repr__(self) -> str:
        return f"<WebSocketApi {self.api_id}>"
