"""The contract between API Gateway's control planes and its runtime.

Both control planes — ``apigateway`` (REST APIs, ``_rest``) and ``apigatewayv2`` (HTTP
APIs, ``_http``) — answer one public engine method,
``deployed(api_id, stage_name) -> DeployedStage | None``: everything the runtime needs to
serve a request on a stage, as frozen, picklable values. For a REST API it is the
stage's deployment (a deployment is immutable, as in AWS: a change needs a new
deployment); for an HTTP API it is the stage's deployment, or the API's current routes
when the stage auto-deploys.

The runtime (``_runtime``, the ``execute-api`` engine) builds its router from the routes
once per deployment (cached by ``(api_id, stage_name, deployment_id)``) and serves
requests: routing, API keys and usage plans, throttling, authorizers, integrations,
gateway responses, CORS, access logs. Mutable per-request state (token buckets, quota
counters, the authorizer cache, access logs, metrics) belongs to the runtime engine.
Usage plans and API keys change without a deployment, so the runtime asks the REST
engine for them at request time (``usage_plans_for(api_id, stage)``,
``api_key_by_value(value)``), again as frozen values.

Fields may be added (with defaults) by whoever needs them; none may be removed or
change meaning without updating every user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "ApiKeyView",
    "AuthorizerSpec",
    "CacheSpec",
    "CorsSpec",
    "DeployedStage",
    "GatewayResponseSpec",
    "IntegrationSpec",
    "RouteSpec",
    "ThrottleSpec",
    "UsagePlanView",
]


@attrs.frozen
class ThrottleSpec:
    """A token bucket's settings: ``rate`` requests per second, ``burst`` tokens."""

    rate: float
    burst: int


@attrs.frozen
class IntegrationSpec:
    """Where a matched route goes.

    ``type``: ``AWS_PROXY`` (Lambda proxy), ``MOCK``, and for REST APIs ``AWS`` (Lambda
    custom or an AWS service), ``HTTP`` and ``HTTP_PROXY`` (a registered backend).
    """

    type: str
    #: For AWS_PROXY: the integration URI as configured (REST: the
    #: ``arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fn arn}/invocations``
    #: form, possibly with ``${stageVariables.x}``; HTTP: a function ARN or that form).
    uri: str | None = None
    #: ``"1.0"`` or ``"2.0"`` (REST proxy is always 1.0).
    payload_format: str = "1.0"
    #: Milliseconds; REST default 29,000, HTTP default 30,000.
    timeout_ms: int = 29_000
    #: MOCK: the request template (by content type) whose ``statusCode`` selects the response.
    request_templates: Mapping[str, str] = attrs.field(factory=dict)
    #: REST non-proxy types: integration responses by selection pattern:
    #: ``{pattern or "": {"statusCode": "200", "responseTemplates": {...},
    #: "responseParameters": {...}}}``. HTTP APIs' HTTP_PROXY: ``ResponseParameters`` by
    #: status code: ``{"404": {"responseParameters": {"overwrite:statuscode": "200"}}}``.
    responses: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    #: HTTP APIs: ``requestParameters``/``responseParameters`` mappings, as configured.
    request_parameters: Mapping[str, str] = attrs.field(factory=dict)
    #: ``CONVERT_TO_TEXT`` / ``CONVERT_TO_BINARY`` / None.
    content_handling: str | None = None
    # -- non-proxy integrations (issue 21) --
    #: ``WHEN_NO_MATCH`` / ``WHEN_NO_TEMPLATES`` / ``NEVER``.
    passthrough: str = "WHEN_NO_MATCH"
    #: The integration's HTTP method (``integrationHttpMethod``) for AWS and HTTP types.
    http_method: str | None = None
    #: REST: ``method.request.*`` parameters that are part of the stage cache's key.
    cache_key_parameters: tuple[str, ...] = ()
    #: REST: the cache namespace (the resource id unless set): resources sharing one share
    #: cached answers.
    cache_namespace: str | None = None


@attrs.frozen
class AuthorizerSpec:
    """An authorizer, as the runtime applies it.

    ``type``: REST ``TOKEN``, ``REQUEST``, ``COGNITO_USER_POOLS``; HTTP ``REQUEST``
    (Lambda) or ``JWT``.
    """

    authorizer_id: str
    name: str
    type: str
    #: Lambda authorizers: the function's ARN (resolved from ``authorizerUri``).
    function_arn: str | None = None
    #: REST: ``method.request.header.Authorization`` style; HTTP:
    #: ``$request.header.Authorization`` style. Empty for REQUEST without caching.
    identity_sources: tuple[str, ...] = ()
    #: REST TOKEN: ``identityValidationExpression``.
    validation_expression: str | None = None
    #: Result cache TTL in seconds (0: off).
    ttl_seconds: int = 300
    #: COGNITO_USER_POOLS: the pools' ARNs.
    provider_arns: tuple[str, ...] = ()
    #: JWT: issuer and audiences.
    issuer: str | None = None
    audience: tuple[str, ...] = ()
    #: HTTP Lambda authorizers: ``"1.0"`` or ``"2.0"`` and whether simple responses are on.
    payload_format: str = "1.0"
    simple_responses: bool = False


@attrs.frozen
class CacheSpec:
    """A method's stage-cache settings (from the stage's method settings)."""

    enabled: bool = False
    ttl_seconds: int = 300
    #: Whether ``Cache-Control: max-age=0`` needs ``execute-api:InvalidateCache``.
    require_authorization: bool = True
    #: ``FAIL_WITH_403`` / ``SUCCEED_WITH_RESPONSE_HEADER`` / ``SUCCEED_WITHOUT_RESPONSE_HEADER``.
    unauthorized_strategy: str = "SUCCEED_WITH_RESPONSE_HEADER"


@attrs.frozen
class RouteSpec:
    """One method on one resource (REST), or one route (HTTP)."""

    #: ``GET``, ``POST``, ... or ``ANY``; ``""`` for an HTTP API's ``$default`` route.
    method: str
    #: The path template (``/items/{id}``, ``/{proxy+}``), or ``$default``.
    path: str
    integration: IntegrationSpec
    #: REST: the resource id; HTTP: the route id.
    route_id: str
    #: ``NONE``, ``CUSTOM``, ``COGNITO_USER_POOLS``, ``AWS_IAM``, ``JWT``.
    authorization: str = "NONE"
    authorizer: AuthorizerSpec | None = None
    #: REST Cognito with OAuth scopes / HTTP JWT route scopes.
    scopes: tuple[str, ...] = ()
    api_key_required: bool = False
    #: REST: method-level throttle from the stage's method settings (``{path}/{METHOD}``).
    throttle: ThrottleSpec | None = None
    # -- validation and the stage cache (issue 21) --
    #: REST: the method's ``requestParameters`` (``method.request.querystring.q`` -> required).
    request_parameters: Mapping[str, bool] = attrs.field(factory=dict)
    #: REST: the method's ``requestModels`` (content type or ``$default`` -> model name).
    request_models: Mapping[str, str] = attrs.field(factory=dict)
    #: REST: what the method's request validator checks.
    validate_body: bool = False
    validate_parameters: bool = False
    #: REST: the stage cache's settings for this method (None: the stage has no cache).
    cache: CacheSpec | None = None


@attrs.frozen
class GatewayResponseSpec:
    """A customised gateway response (REST ``GatewayResponses``)."""

    #: ``DEFAULT_4XX``, ``UNAUTHORIZED``, ``THROTTLED``, ...
    response_type: str
    status_code: str | None = None
    response_parameters: Mapping[str, str] = attrs.field(factory=dict)
    response_templates: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class CorsSpec:
    """An HTTP API's CORS configuration."""

    allow_origins: tuple[str, ...] = ()
    allow_methods: tuple[str, ...] = ()
    allow_headers: tuple[str, ...] = ()
    expose_headers: tuple[str, ...] = ()
    allow_credentials: bool = False
    max_age: int | None = None


@attrs.frozen
class DeployedStage:
    """Everything the runtime needs to serve one stage of one API."""

    api_id: str
    #: ``"REST"`` or ``"HTTP"``.
    kind: str
    stage_name: str
    deployment_id: str
    routes: tuple[RouteSpec, ...]
    stage_variables: Mapping[str, str] = attrs.field(factory=dict)
    #: Stage-wide throttle (REST ``*/*`` method settings; HTTP default route settings).
    throttle: ThrottleSpec | None = None
    binary_media_types: tuple[str, ...] = ()
    #: ``HEADER`` or ``AUTHORIZER`` (REST ``apiKeySource``).
    api_key_source: str = "HEADER"
    gateway_responses: Mapping[str, GatewayResponseSpec] = attrs.field(factory=dict)
    cors: CorsSpec | None = None
    #: Access log format (``$context`` variables), or None when access logging is off.
    access_log_format: str | None = None
    #: REST: ``disableExecuteApiEndpoint``; HTTP: the same.
    execute_api_disabled: bool = False
    #: REST: the API's models by name (their schemas as JSON text), as deployed.
    models: Mapping[str, str] = attrs.field(factory=dict)
    #: REST canary release deployment: the stage as its canary serves it (its deployment,
    #: variables with the overrides), and the percentage of requests it takes.
    canary: DeployedStage | None = None
    canary_percent: float = 0.0
    #: Whether this is a stage's canary (``canary`` of another ``DeployedStage``).
    is_canary: bool = False


@attrs.frozen
class UsagePlanView:
    """A usage plan as the runtime applies it to one API stage."""

    plan_id: str
    throttle: ThrottleSpec | None
    #: ``{"limit": int, "period": "DAY"|"WEEK"|"MONTH", "offset": int}`` or None.
    quota: Mapping[str, Any] | None
    #: Per-method throttles in this plan for this stage: ``{"/path/METHOD": ThrottleSpec}``.
    method_throttles: Mapping[str, ThrottleSpec] = attrs.field(factory=dict)
    #: The ids of the API keys in this plan.
    key_ids: frozenset[str] = frozenset()


@attrs.frozen
class ApiKeyView:
    """An API key as the runtime checks it."""

    key_id: str
    value: str
    enabled: bool
