"""``deployed()``: a stage's deployment snapshot and settings, frozen for the runtime."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._deployed import (
    AuthorizerSpec,
    CacheSpec,
    DeployedStage,
    GatewayResponseSpec,
    IntegrationSpec,
    RouteSpec,
    ThrottleSpec,
)
from ._base import EngineBase
from ._methods import lambda_arn_of
from ._model import DeploymentState
from ._stages import canary_view

__all__ = ["ServedOps", "build_stage"]


class ServedOps(EngineBase):
    """The REST engine's half of the contract with the runtime."""

    def has_api(self, api_id: str) -> bool:
        """Whether ``api_id`` is one of this Region's REST APIs (deployed or not)."""
        return api_id in self.state.apis

    def deployed(self, api_id: str, stage_name: str) -> DeployedStage | None:
        """What stage ``stage_name`` of API ``api_id`` serves, or None if there is none.

        Built from the stage's deployment (a snapshot: later changes to the API are not
        served until a new deployment) and the stage's current settings; cached until
        the stage changes.
        """
        with self.lock:
            api = self.state.apis.get(api_id)
            if api is None:
                return None
            found = api.served.get(stage_name)
            if found is not None:
                return found
            stage = api.stages.get(stage_name)
            if stage is None:
                return None
            ttl = self.limits.default_authorizer_ttl_seconds  # for authorizers with none set
            built = build_stage(api_id, stage, api.deployments[stage["deploymentId"]], ttl)
            view = canary_view(stage)
            if view is not None:  # a canary release deployment (gwrest: _stages.canary_view)
                deployment = api.deployments[view["deploymentId"]]
                canary = build_stage(api_id, view, deployment, ttl)
                built = attrs.evolve(
                    built,
                    canary=attrs.evolve(canary, is_canary=True),
                    canary_percent=float(stage["canarySettings"]["percentTraffic"]),
                )
            api.served[stage_name] = built
            return built


def _throttle(setting: Mapping[str, Any] | None) -> ThrottleSpec | None:
    if not setting:
        return None
    return ThrottleSpec(
        rate=float(setting["throttlingRateLimit"]), burst=int(setting["throttlingBurstLimit"])
    )


def build_stage(
    api_id: str, stage: Mapping[str, Any], deployment: DeploymentState, ttl: int = 300
) -> DeployedStage:
    """A :class:`DeployedStage` from a stage and its deployment (``ttl``: the cache time
    of an authorizer that sets none)."""
    snapshot = deployment.snapshot
    settings = stage.get("methodSettings", {})
    authorizers = {k: _authorizer(value, ttl) for k, value in snapshot.authorizers.items()}
    routes = []
    cached = bool(stage.get("cacheClusterEnabled"))
    for resource in snapshot.resources.values():
        for verb, method in sorted(resource.get("resourceMethods", {}).items()):
            key = f"{resource['path'].removeprefix('/')}/{verb}"
            validator = snapshot.validators.get(method.get("requestValidatorId", ""), {})
            routes.append(
                RouteSpec(
                    method=verb,
                    path=resource["path"],
                    integration=_integration(method["methodIntegration"]),
                    route_id=resource["id"],
                    authorization=method["authorizationType"],
                    authorizer=authorizers.get(method.get("authorizerId", "")),
                    scopes=tuple(method.get("authorizationScopes", ())),
                    api_key_required=bool(method.get("apiKeyRequired", False)),
                    throttle=_throttle(settings.get(key)),
                    request_parameters=dict(method.get("requestParameters", {})),
                    request_models=dict(method.get("requestModels", {})),
                    validate_body=bool(validator.get("validateRequestBody")),
                    validate_parameters=bool(validator.get("validateRequestParameters")),
                    cache=_cache(settings, key, verb) if cached else None,
                )
            )
    api = snapshot.api
    return DeployedStage(
        api_id=api_id,
        kind="REST",
        stage_name=stage["stageName"],
        deployment_id=stage["deploymentId"],
        routes=tuple(routes),
        stage_variables=dict(stage.get("variables", {})),
        throttle=_throttle(settings.get("*/*")),
        binary_media_types=tuple(api.get("binaryMediaTypes", ())),
        api_key_source=api.get("apiKeySource", "HEADER"),
        gateway_responses={
            kind: GatewayResponseSpec(
                response_type=kind,
                status_code=value.get("statusCode"),
                response_parameters=dict(value.get("responseParameters", {})),
                response_templates=dict(value.get("responseTemplates", {})),
            )
            for kind, value in snapshot.gateway_responses.items()
        },
        access_log_format=stage.get("accessLogSettings", {}).get("format"),
        execute_api_disabled=bool(api.get("disableExecuteApiEndpoint", False)),
        models={name: m.get("schema", "{}") for name, m in snapshot.models.items()},
    )


def _cache(settings: Mapping[str, Any], key: str, verb: str) -> CacheSpec:
    """A method's cache settings: its own method setting, else the stage's ``*/*`` one;
    with neither, GET methods are cached (AWS's default when the cache is on) [?]."""
    setting = settings.get(key) or settings.get("*/*")
    if setting is None:
        return CacheSpec(enabled=verb == "GET")
    return CacheSpec(
        enabled=bool(setting.get("cachingEnabled")),
        ttl_seconds=int(setting.get("cacheTtlInSeconds", 300)),
        require_authorization=bool(setting.get("requireAuthorizationForCacheControl", True)),
        unauthorized_strategy=setting.get(
            "unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER"
        ),
    )


def _authorizer(value: Mapping[str, Any], ttl: int) -> AuthorizerSpec:
    uri = value.get("authorizerUri")
    sources = value.get("identitySource") or ""
    return AuthorizerSpec(
        authorizer_id=value["id"],
        name=value["name"],
        type=value["type"],
        function_arn=lambda_arn_of(uri) if uri else None,
        identity_sources=tuple(s.strip() for s in sources.split(",") if s.strip()),
        validation_expression=value.get("identityValidationExpression"),
        ttl_seconds=int(value.get("authorizerResultTtlInSeconds", ttl)),
        provider_arns=tuple(value.get("providerARNs", ())),
    )


def _integration(value: Mapping[str, Any]) -> IntegrationSpec:
    responses = {
        item.get("selectionPattern", ""): {
            "statusCode": item["statusCode"],
            "responseTemplates": dict(item.get("responseTemplates", {})),
            "responseParameters": dict(item.get("responseParameters", {})),
            "contentHandling": item.get("contentHandling"),
        }
        for item in value.get("integrationResponses", {}).values()
    }
    return IntegrationSpec(
        type=value["type"],
        uri=value.get("uri"),
        payload_format="1.0",
        timeout_ms=int(value.get("timeoutInMillis", 29_000)),
        request_templates=dict(value.get("requestTemplates", {})),
        responses=responses,
        content_handling=value.get("contentHandling"),
        passthrough=value.get("passthroughBehavior", "WHEN_NO_MATCH"),
        http_method=value.get("httpMethod"),
        cache_key_parameters=tuple(value.get("cacheKeyParameters", ())),
        cache_namespace=value.get("cacheNamespace"),
        request_parameters=dict(value.get("requestParameters", {})),
    )
