"""A WebSocket connection and the frozen view of a stage it is served by."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..._core.scheduler import TaskHandle

__all__ = ["Connection", "WsRoute", "WsStage"]


@attrs.frozen
class WsRoute:
    """One route of a deployed WebSocket stage."""

    route_id: str
    key: str
    #: The Lambda function an AWS_PROXY integration names (None: no integration).
    function_arn: str | None
    timeout_ms: int
    #: ``$connect`` only: the REQUEST authorizer's shape (``GetAuthorizer``), or None.
    authorizer: Mapping[str, Any] | None = None


@attrs.frozen
class WsStage:
    """What one stage of a WebSocket API serves: its deployment's routes."""

    api_id: str
    stage: str
    deployment_id: str
    #: The body path the route selection expression reads (``("action",)``).
    selection: tuple[str | int, ...]
    routes: Mapping[str, WsRoute]
    variables: Mapping[str, str]
    #: Whether any route has a key of its own (else every message takes ``$default``).
    custom: bool = False


@attrs.define(eq=False)
class Connection:
    """One client's connection to a stage (the engine's record; ``WebSocketConnection``
    is the Python handle on it)."""

    connection_id: str
    api_id: str
    stage: str
    region: str
    domain: str
    connected_at: float
    source_ip: str
    user_agent: str
    headers: tuple[tuple[str, str], ...]
    query: tuple[tuple[str, str], ...]
    last_active: float = 0.0
    #: ``requestContext.authorizer`` of every event (the $connect authorizer's answer).
    authorizer: dict[str, Any] | None = None
    #: What the API sent to the client: route responses, errors, @connections posts.
    received: list[str | bytes] = attrs.field(factory=list)
    closed: bool = False
    close_code: int | None = None
    close_reason: str = ""
    idle_task: TaskHandle | None = None
    max_task: TaskHandle | None = None
    #: Delivers what is sent to a real client (``pyserverless serve``); None in process.
    sink: Callable[[str | bytes], None] | None = None
    #: Closes a real client's socket (code, reason); None in process.
    closer: Callable[[int, str], None] | None = None
