"""A WebSocket stage as its deployment froze it, read from the ``apigatewayv2`` engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._http._model import is_websocket
from .._http._routes import function_arn_of
from ._control import selection_path
from ._model import WsRoute, WsStage

if TYPE_CHECKING:
    from .._http._engine import HttpApis

__all__ = ["stage_view", "two_way"]


def stage_view(control: HttpApis, api_id: str, stage_name: str, timeout_ms: int) -> WsStage | None:
    """The routes stage ``stage_name`` of WebSocket API ``api_id`` serves, or None (no
    such API, stage or deployment)."""
    with control.lock:
        api = control.state.apis.get(api_id)
        if api is None or not is_websocket(api) or api.info.get("DisableExecuteApiEndpoint"):
            return None
        stage = api.stages.get(stage_name)
        deployment = api.deployments.get(stage.get("DeploymentId", "")) if stage else None
        if stage is None or deployment is None:
            return None
        snapshot = deployment.snapshot
        routes: dict[str, WsRoute] = {}
        for route in snapshot.routes.values():
            target = route.get("Target")
            integration: Any = (
                snapshot.integrations.get(target.partition("/")[2]) if target else None
            )
            uri = integration.get("IntegrationUri") if integration else None
            authorizer = snapshot.authorizers.get(route.get("AuthorizerId", ""))
            routes[route["RouteKey"]] = WsRoute(
                route_id=route["RouteId"],
                key=route["RouteKey"],
                function_arn=function_arn_of(uri) if uri else None,
                timeout_ms=min(int(integration.get("TimeoutInMillis", timeout_ms)), timeout_ms)
                if integration
                else timeout_ms,
                authorizer=dict(authorizer) if authorizer else None,
            )
        return WsStage(
            api_id=api_id,
            stage=stage_name,
            deployment_id=deployment.info["DeploymentId"],
            selection=selection_path(api.info["RouteSelectionExpression"]),
            routes=routes,
            variables=dict(stage.get("StageVariables") or {}),
            custom=any(not key.startswith("$") for key in routes),
        )


def two_way(control: HttpApis, api_id: str, route_id: str) -> bool:
    """Whether the route has a route response (read live)."""
    api = control.state.apis.get(api_id)
    return api is not None and bool(api.route_responses.get(route_id))
