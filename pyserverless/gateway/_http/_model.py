"""The state of one Region's HTTP APIs: plain dicts in AWS's response shapes.

Routes, integrations, stages and authorizers are held exactly as their ``Get*``
operations return them (boto3's member names), so answers are copies. A stored shape is
replaced on update, never changed in place, so a deployment's snapshot holds the routes,
integrations, authorizers and CORS configuration of its moment by reference.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import attrs

from .._deployed import DeployedStage

__all__ = ["Deployment", "HttpApi", "Snapshot", "Store", "copied", "is_websocket"]


def copied(value: Any) -> Any:
    """A deep copy of a stored shape, for an answer (callers may mutate what they get)."""
    return copy.deepcopy(value)


@attrs.frozen
class Snapshot:
    """What a deployment froze: the API's routes, integrations and authorizers, and
    its CORS configuration, as they were."""

    routes: Mapping[str, Mapping[str, Any]]
    integrations: Mapping[str, Mapping[str, Any]]
    authorizers: Mapping[str, Mapping[str, Any]]
    cors: Mapping[str, Any] | None


@attrs.define
class Deployment:
    """A deployment: its description (``Deployment`` shape) and its snapshot."""

    info: dict[str, Any]
    snapshot: Snapshot


@attrs.define
class HttpApi:
    """One HTTP API and everything beneath it."""

    info: dict[str, Any]
    routes: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    integrations: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    stages: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    authorizers: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    deployments: dict[str, Deployment] = attrs.field(factory=dict)
    #: ``deployed()`` answers by stage name, dropped when the stage or the API changes.
    served: dict[str, DeployedStage] = attrs.field(factory=dict)
    #: A WebSocket API's route responses: route id -> route response id -> its shape.
    route_responses: dict[str, dict[str, dict[str, Any]]] = attrs.field(factory=dict)

    @property
    def api_id(self) -> str:
        return str(self.info["ApiId"])


def is_websocket(api: HttpApi) -> bool:
    """Whether ``api`` was created with ``ProtocolType`` ``WEBSOCKET``."""
    return api.info.get("ProtocolType") == "WEBSOCKET"


@attrs.define
class Store:
    """One Region's HTTP APIs."""

    apis: dict[str, HttpApi] = attrs.field(factory=dict)
