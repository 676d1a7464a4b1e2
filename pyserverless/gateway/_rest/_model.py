"""The state of one Region's REST APIs: plain dicts in AWS's response shapes.

An API's resources, methods, integrations and their responses are held exactly as
``GetResource`` (with embedded methods) returns them, so ``Get*`` answers are copies
and a deployment is a deep copy (its snapshot, never changed after). Stages, authorizers,
API keys and usage plans are likewise their AWS shapes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from .._deployed import DeployedStage, UsagePlanView

__all__ = ["ApiState", "DeploymentState", "Snapshot", "Store", "copied"]


_T = TypeVar("_T")


def copied(value: _T) -> _T:
    """A deep copy of a stored shape, for an answer (callers may mutate what they get).

    Shapes hold only dicts, lists and immutable scalars (str, numbers, bools, None,
    datetimes), so the copy walks containers and shares scalars: a fifth of
    ``copy.deepcopy``'s cost.

    >>> shape = {"a": [1, {"b": "c"}]}
    >>> twin = copied(shape)
    >>> twin == shape and twin["a"][1] is not shape["a"][1]
    True
    """
    found: Any = _copy(value)
    return found  # type: ignore[no-any-return]


def _copy(value: Any) -> Any:
    if type(value) is dict:
        return {k: _copy(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [_copy(v) if type(v) in _CONTAINERS else v for v in value]
    return copy.deepcopy(value)


_CONTAINERS = (dict, list)


@attrs.frozen
class Snapshot:
    """What a deployment froze: the API's resources (with methods and integrations),
    authorizers, gateway responses and API-level settings, as they were."""

    resources: Mapping[str, Mapping[str, Any]]
    authorizers: Mapping[str, Mapping[str, Any]]
    gateway_responses: Mapping[str, Mapping[str, Any]]
    api: Mapping[str, Any]
    #: Models by name and request validators by id, as they were.
    models: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    validators: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)


@attrs.define
class DeploymentState:
    """A deployment: its description (``Deployment`` shape) and its snapshot."""

    info: dict[str, Any]
    snapshot: Snapshot


@attrs.define
class ApiState:
    """One REST API and everything beneath it."""

    info: dict[str, Any]
    resources: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    deployments: dict[str, DeploymentState] = attrs.field(factory=dict)
    stages: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    authorizers: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Customised gateway responses only (the defaults are computed).
    gateway_responses: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Models by name (``Empty`` and ``Error`` from the start) and validators by id.
    models: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    validators: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: ``deployed()`` answers by stage name, dropped when the stage changes.
    served: dict[str, DeployedStage] = attrs.field(factory=dict)

    @property
    def api_id(self) -> str:
        return str(self.info["id"])


@attrs.define
class Store:
    """One Region's REST APIs, API keys and usage plans."""

    apis: dict[str, ApiState] = attrs.field(factory=dict)
    api_keys: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: API key value -> id (the runtime looks keys up by value on every request).
    key_values: dict[str, str] = attrs.field(factory=dict)
    usage_plans: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Usage plan id -> the ids of its API keys, in the order they were added.
    plan_keys: dict[str, list[str]] = attrs.field(factory=dict)
    #: ``usage_plans_for`` answers by (API id, stage), dropped on any plan or key change.
    plan_views: dict[tuple[str, str], tuple[UsagePlanView, ...]] = attrs.field(factory=dict)
