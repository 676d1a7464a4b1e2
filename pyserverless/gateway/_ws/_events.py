"""The Lambda events of a WebSocket API (payload format 1.0): CONNECT, MESSAGE and
DISCONNECT, in the shapes of AWS's sample events."""

from __future__ import annotations

import base64
import time
from typing import Any

from ._model import Connection

__all__ = ["authorizer_event", "connect_event", "disconnect_event", "message_event", "request_time"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def request_time(epoch: float) -> str:
    """AWS's ``requestTime``: ``20/Jan/2024:11:55:00 +0000``.

    >>> request_time(1705751700.453)
    '20/Jan/2024:11:55:00 +0000'
    """
    t = time.gmtime(epoch)
    return (
        f"{t.tm_mday:02d}/{_MONTHS[t.tm_mon - 1]}/{t.tm_year}:"
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000"
    )


def _context(
    conn: Connection, route_key: str, event_type: str, request_id: str, now: float
) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "routeKey": route_key,
        "eventType": event_type,
        "extendedRequestId": request_id,
        "requestTime": request_time(now),
        "messageDirection": "IN",
        "stage": conn.stage,
        "connectedAt": int(conn.connected_at * 1000),
        "requestTimeEpoch": int(now * 1000),
        "identity": {"userAgent": conn.user_agent, "sourceIp": conn.source_ip},
        "requestId": request_id,
        "domainName": conn.domain,
        "connectionId": conn.connection_id,
        "apiId": conn.api_id,
    }
    if conn.authorizer is not None:
        ctx["authorizer"] = dict(conn.authorizer)
    return ctx


def _headers(conn: Connection) -> dict[str, Any]:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in conn.headers:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return {"headers": single, "multiValueHeaders": multi}


def _query(conn: Connection) -> dict[str, Any]:
    if not conn.query:
        return {}
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in conn.query:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return {"queryStringParameters": single, "multiValueQueryStringParameters": multi}


def connect_event(
    conn: Connection, request_id: str, now: float, variables: dict[str, str]
) -> dict[str, Any]:
    """The ``$connect`` event: the handshake's headers and query string."""
    event: dict[str, Any] = {**_headers(conn), **_query(conn)}
    if variables:
        event["stageVariables"] = dict(variables)
    event["requestContext"] = _context(conn, "$connect", "CONNECT", request_id, now)
    event["isBase64Encoded"] = False
    return event


def message_event(
    conn: Connection,
    route_key: str,
    message: str | bytes,
    request_id: str,
    message_id: str,
    now: float,
    variables: dict[str, str],
) -> dict[str, Any]:
    """A message's event (binary messages arrive base64-encoded)."""
    ctx = _context(conn, route_key, "MESSAGE", request_id, now)
    ctx["messageId"] = message_id
    event: dict[str, Any] = {"requestContext": ctx}
    if variables:
        event["stageVariables"] = dict(variables)
    if isinstance(message, bytes):
        event["body"] = base64.b64encode(message).decode()
        event["isBase64Encoded"] = True
    else:
        event["body"] = message
        event["isBase64Encoded"] = False
    return event


def disconnect_event(
    conn: Connection, request_id: str, now: float, code: int, reason: str, variables: dict[str, str]
) -> dict[str, Any]:
    """The ``$disconnect`` event, with the close code and reason."""
    event: dict[str, Any] = _headers(conn)
    if variables:
        event["stageVariables"] = dict(variables)
    ctx = _context(conn, "$disconnect", "DISCONNECT", request_id, now)
    ctx["disconnectStatusCode"] = code
    ctx["disconnectReason"] = reason
    event["requestContext"] = ctx
    event["isBase64Encoded"] = False
    return event


def authorizer_event(
    conn: Connection, method_arn: str, request_id: str, now: float, variables: dict[str, str]
) -> dict[str, Any]:
    """A REQUEST authorizer's event on ``$connect``."""
    event: dict[str, Any] = {"type": "REQUEST", "methodArn": method_arn}
    event.update(_headers(conn))
    event.update(_query(conn))
    event["stageVariables"] = dict(variables)
    event["requestContext"] = _context(conn, "$connect", "CONNECT", request_id, now)
    return event
