"""``deployed()``: a stage's deployment snapshot and settings, frozen for the runtime."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._deployed import (
    AuthorizerSpec,
    CorsSpec,
    DeployedStage,
    IntegrationSpec,
    RouteSpec,
    ThrottleSpec,
)
from ._base import EngineBase
from ._model import Deployment, is_websocket
from ._routes import function_arn_of

__all__ = ["DeployOps", "build_stage"]


class DeployOps(EngineBase):
    """The HTTP engine's half of the contract with the runtime."""

    def deployed(self, api_id: str, stage_name: str) -> DeployedStage | None:
        """What stage ``stage_name`` of HTTP API ``api_id`` serves, or None if nothing.

        Built from the stage's deployment (a snapshot of routes, integrations,
        authorizers and CORS) and the stage's current settings (throttles, variables,
        access log format); cached until the stage or the API changes. A stage with
        ``AutoDeploy`` gets a new deployment on every change, so it serves the API's
        current routes.
        """
        with self.lock:
            api = self.state.apis.get(api_id)
            if api is None or is_websocket(api):  # WebSocket stages: gateway/_ws
                return None
            found = api.served.get(stage_name)
            if found is not None:
                return found
            stage = api.stages.get(stage_name)
            if stage is None or stage.get("DeploymentId") not in api.deployments:
                return None
            built = build_stage(
                api_id,
                stage,
                api.deployments[stage["DeploymentId"]],
                disabled=bool(api.info.get("DisableExecuteApiEndpoint")),
            )
            api.served[stage_name] = built
            return built


def _throttle(*settings: Mapping[str, Any]) -> ThrottleSpec | None:
    """A bucket from route settings (later ones win), when rate and burst are both set."""
    rate = burst = None
    for setting in settings:
        rate = setting.get("ThrottlingRateLimit", rate)
        burst = setting.get("ThrottlingBurstLimit", burst)
    if rate is None or burst is None:
        return None
    return ThrottleSpec(rate=float(rate), burst=int(burst))


def _authorizer(info: Mapping[str, Any]) -> AuthorizerSpec:
    jwt = info.get("JwtConfiguration") or {}
    uri = info.get("AuthorizerUri")
    return AuthorizerSpec(
        authorizer_id=info["AuthorizerId"],
        name=info["Name"],
        type=info["AuthorizerType"],
        function_arn=function_arn_of(uri) if uri else None,
        identity_sources=tuple(info.get("IdentitySource") or ()),
        ttl_seconds=int(info.get("AuthorizerResultTtlInSeconds", 0)),
        issuer=jwt.get("Issuer"),
        audience=tuple(jwt.get("Audience") or ()),
        payload_format=info.get("AuthorizerPayloadFormatVersion", "2.0"),
        simple_responses=bool(info.get("EnableSimpleResponses", False)),
    )


def _integration(info: Mapping[str, Any]) -> IntegrationSpec:
    return IntegrationSpec(
        type=info["IntegrationType"],
        uri=info.get("IntegrationUri"),
        payload_format=info["PayloadFormatVersion"],
        timeout_ms=int(info["TimeoutInMillis"]),
        http_method=info.get("IntegrationMethod"),
        request_parameters=dict(info.get("RequestParameters") or {}),
        responses={
            status: {"responseParameters": dict(mapping)}
            for status, mapping in (info.get("ResponseParameters") or {}).items()
        },
    )


def _cors(config: Mapping[str, Any] | None) -> CorsSpec | None:
    if config is None:
        return None
    return CorsSpec(
        allow_origins=tuple(config.get("AllowOrigins") or ()),
        allow_methods=tuple(config.get("AllowMethods") or ()),
        allow_headers=tuple(config.get("AllowHeaders") or ()),
        expose_headers=tuple(config.get("ExposeHeaders") or ()),
        allow_credentials=bool(config.get("AllowCredentials", False)),
        max_age=config.get("MaxAge"),
    )


def build_stage(
    api_id: str, stage: Mapping[str, Any], deployment: Deployment, *, disabled: bool = False
) -> DeployedStage:
    """A :class:`DeployedStage` (kind ``HTTP``) from a stage and its deployment.

    A route without a target is not served (requests fall through to ``$default``).
    """
    snapshot = deployment.snapshot
    authorizers = {key: _authorizer(value) for key, value in snapshot.authorizers.items()}
    settings = stage.get("RouteSettings") or {}
    routes = []
    for route in snapshot.routes.values():
        target = route.get("Target")
        integration = snapshot.integrations.get(target.partition("/")[2]) if target else None
        if integration is None:
            continue
        key = route["RouteKey"]
        method, _, path = key.partition(" ")
        if key == "$default":
            method, path = "", "$default"
        routes.append(
            RouteSpec(
                method=method,
                path=path,
                integration=_integration(integration),
                route_id=route["RouteId"],
                authorization=route.get("AuthorizationType", "NONE"),
                authorizer=authorizers.get(route.get("AuthorizerId", "")),
                scopes=tuple(route.get("AuthorizationScopes") or ()),
                throttle=_throttle(settings.get(key) or {}),
            )
        )
    log = stage.get("AccessLogSettings") or {}
    return DeployedStage(
        api_id=api_id,
        kind="HTTP",
        stage_name=stage["StageName"],
        deployment_id=deployment.info["DeploymentId"],
        routes=tuple(routes),
        stage_variables=dict(stage.get("StageVariables") or {}),
        throttle=_throttle(stage.get("DefaultRouteSettings") or {}),
        cors=_cors(snapshot.cors),
        access_log_format=log.get("Format"),
        execute_api_disabled=disabled,
    )
