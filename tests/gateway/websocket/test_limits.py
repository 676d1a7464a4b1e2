"""The limits as limits: message size, idle timeout, maximum duration, new connections."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway import ConnectionRefused, WebSocketConnection

from .conftest import Chat

LIMIT = 128 * 1024


def connect(chat: Chat) -> WebSocketConnection:
    return chat.cloud.gateway.websocket_api(chat.api_id).connect("prod")


@pytest.fixture
def full(chat: Chat) -> Chat:
    for key in ("$connect", "$disconnect", "$default"):
        chat.route(key)
    chat.deploy()
    return chat


def disconnects(chat: Chat) -> list[tuple[int, str]]:
    return [
        (e["requestContext"]["disconnectStatusCode"], e["requestContext"]["disconnectReason"])
        for e in chat.events
        if e["requestContext"]["eventType"] == "DISCONNECT"
    ]


class TestMessageSize:
    def test_128_kb_is_accepted(self, full: Chat) -> None:
        conn = connect(full)
        conn.send("a" * LIMIT)
        assert not conn.closed
        assert len(full.events[-1]["body"]) == LIMIT

    def test_one_byte_more_closes_with_1009(self, full: Chat) -> None:
        conn = connect(full)
        conn.send("a" * (LIMIT + 1))
        assert (conn.closed, conn.close_code) == (True, 1009)
        assert full.kinds()[-1] == ("DISCONNECT", "$disconnect")
        assert disconnects(full) == [(1009, "Message too big")]
        assert all(e["requestContext"]["eventType"] != "MESSAGE" for e in full.events)

    def test_size_counts_utf8_bytes(self, full: Chat) -> None:
        conn = connect(full)
        conn.send("é" * (LIMIT // 2))  # 2 bytes each: exactly the limit
        assert not conn.closed
        conn.send("é" * (LIMIT // 2) + "a")
        assert conn.close_code == 1009

    def test_binary_above_the_limit(self, full: Chat) -> None:
        conn = connect(full)
        conn.send(b"\x00" * (LIMIT + 1))
        assert conn.close_code == 1009


class TestIdle:
    def test_open_just_before_ten_minutes(self, full: Chat) -> None:
        conn = connect(full)
        full.cloud.advance(599.999)
        assert not conn.closed

    def test_closed_at_ten_minutes(self, full: Chat) -> None:
        conn = connect(full)
        full.cloud.advance(600)
        assert (conn.closed, conn.close_code) == (True, 1001)
        assert disconnects(full) == [(1001, "Going away")]

    def test_a_message_restarts_the_idle_clock(self, full: Chat) -> None:
        conn = connect(full)
        full.cloud.advance(500)
        conn.send("x")
        full.cloud.advance(599)
        assert not conn.closed
        full.cloud.advance(1)
        assert conn.closed

    def test_posts_are_not_client_activity(self, full: Chat) -> None:
        conn = connect(full)
        client = full.cloud.client("apigatewaymanagementapi")
        full.cloud.advance(500)
        client.post_to_connection(ConnectionId=conn.connection_id, Data=b"x")
        full.cloud.advance(100)
        assert conn.closed


class TestMaximumDuration:
    def test_two_hours_even_when_active(self, full: Chat) -> None:
        conn = connect(full)
        for _ in range(14):  # 14 x 514 s = 7196 s, never idle
            full.cloud.advance(514)
            conn.send("x")
        full.cloud.advance(3.999)
        assert not conn.closed
        full.cloud.advance(0.001)
        assert (conn.closed, conn.close_code) == (True, 1001)
        assert disconnects(full) == [(1001, "Going away")]

    def test_limits_are_settings(self, cloud: Cloud, v2: Any) -> None:
        with Cloud(
            clock=ManualClock(0),
            limits={"apigatewaymanagementapi": {"max_connection_seconds": 60}},
        ) as small:
            api = small.client("apigatewayv2").create_api(
                Name="c", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.a"
            )["ApiId"]
            chat = Chat(small, small.client("apigatewayv2"), api)
            chat.route("$default")
            chat.deploy()
            conn = connect(chat)
            small.advance(59)
            assert not conn.closed
            small.advance(1)
            assert conn.closed


class TestNewConnections:
    def test_500_per_second_then_429(self, full: Chat) -> None:
        for _ in range(500):
            connect(full)
        with pytest.raises(ConnectionRefused) as caught:
            connect(full)
        assert caught.value.status == 429
        full.cloud.advance(0.002)  # one token back at 500 per second
        connect(full)
        with pytest.raises(ConnectionRefused):
            connect(full)
        full.cloud.advance(1)
        for _ in range(500):
            connect(full)
        engine = full.cloud.engine("apigatewaymanagementapi")
        assert len(engine.connections) == 1001

    def test_refused_handshakes_run_nothing(self, full: Chat) -> None:
        for _ in range(500):
            connect(full)
        before = len(full.events)
        with pytest.raises(ConnectionRefused):
            connect(full)
        assert len(full.events) == before
        assert json.dumps(full.kinds()[-1]) == json.dumps(["CONNECT", "$connect"])
