"""cloud.snapshot()/restore(): connections and their timers come back with the Cloud."""

from __future__ import annotations

from typing import Any

from .conftest import Chat


def test_restore_brings_back_a_connection_and_its_idle_timer(chat: Chat) -> None:
    chat.route("$default")
    chat.deploy()
    cloud = chat.cloud
    conn = cloud.gateway.websocket_api(chat.api_id).connect("prod")
    snap = cloud.snapshot()
    conn.close()
    mgmt: Any = cloud.client("apigatewaymanagementapi")
    cloud.restore(snap)
    assert mgmt.get_connection(ConnectionId=conn.connection_id)["ConnectedAt"]
    engine = cloud.engine("apigatewaymanagementapi")
    restored = engine.connections[conn.connection_id]
    cloud.advance(599)
    assert not restored.closed
    cloud.advance(1)
    assert restored.closed
    assert conn.connection_id not in engine.connections
