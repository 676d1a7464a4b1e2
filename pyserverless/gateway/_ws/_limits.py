"""The quotas of WebSocket APIs' data plane (connections and messages)."""

from __future__ import annotations

import attrs

__all__ = ["WebSocketLimits"]


@attrs.frozen
class WebSocketLimits:
    """WebSocket quotas, enforced on the Cloud's clock; override with
    ``Cloud(limits={"apigatewaymanagementapi": {...}})``.

    >>> WebSocketLimits().max_message_bytes
    131072
    """

    #: A message (client to API, and PostToConnection's Data): 128 KB; above, the client's
    #: connection is closed with code 1009 (message too big).
    max_message_bytes: int = 128 * 1024
    #: Idle timeout: a connection with no message from its client for 10 minutes closes.
    idle_timeout_seconds: float = 600.0
    #: Maximum connection duration: 2 hours.
    max_connection_seconds: float = 7200.0
    #: New connections per second per account and Region (a token bucket of this rate,
    #: with a burst of the same size); beyond it the handshake answers 429.
    new_connections_per_second: float = 500.0
    new_connections_burst: int = 500
    #: The integration timeout of a WebSocket route (29 s).
    integration_timeout_ms: int = 29_000
    #: The close code AWS reports in ``$disconnect`` when the connection is closed by
    #: DeleteConnection, the idle timeout or the maximum duration [?].
    server_close_code: int = 1001
