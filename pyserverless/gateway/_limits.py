"""API Gateway quotas, each a field with AWS's default (aws-facts C1, C4, C5).

Shared by the gateway's services: each adds its own class here.
"""

from __future__ import annotations

import attrs

__all__ = ["ExecuteApiLimits", "GatewayLimits", "GatewayV2Limits"]

_MB = 1024 * 1024


@attrs.frozen
class ExecuteApiLimits:
    """Quotas the ``execute-api`` runtime enforces; override with ``Cloud(limits=...)``.

    >>> ExecuteApiLimits().max_payload_bytes
    10485760
    """

    #: Request and response payload (both REST and HTTP APIs): 10 MB.
    max_payload_bytes: int = 10 * _MB
    #: Default integration timeouts (REST 29 s, HTTP 30 s), in milliseconds.
    rest_integration_timeout_ms: int = 29_000
    http_integration_timeout_ms: int = 30_000
    #: Account-level throttle per Region, shared by every API.
    account_rate: float = 10_000.0
    account_burst: int = 5_000
    #: Lambda authorizer result cache: default and maximum TTL in seconds.
    authorizer_ttl_default_seconds: int = 300
    authorizer_ttl_max_seconds: int = 3_600
    #: Access log lines kept per stage (oldest dropped first).
    max_access_log_lines: int = 10_000
    #: [?] An HTTP API's answer to an integration timeout: 503 ``{"message":"Service
    #: Unavailable"}`` (as observed), or 504 ``{"message": "Endpoint request timed out"}``
    #: (REST's answer).
    http_timeout_status: int = 503
    # -- throttling and usage plans (gw-throttle) --
    #: [?] A usage plan's per-method throttle replaces the plan's throttle for that
    #: method (True) rather than applying on top of it (False).
    usage_plan_method_throttle_overrides: bool = True
    # -- authorizers (gw-auth) --
    #: How long API Gateway waits for a Lambda authorizer: HTTP APIs 10 s (documented
    #: quota); REST APIs [?] (undocumented: the integration's 29 s is assumed).
    http_authorizer_timeout_ms: int = 10_000
    rest_authorizer_timeout_ms: int = 29_000
    #: How long a user pool's key set (JWKS) is kept once read, in seconds (AWS caches
    #: an issuer's keys about 2 h [?]); an unknown ``kid`` reads it again; 0: every time.
    jwks_cache_seconds: int = 7_200
    # -- validation, templates, cache (issue 21) --
    #: The stage cache: the largest response it keeps (1 MB).
    max_cache_entry_bytes: int = _MB
    #: [?] Entries one stage's cache keeps before it drops the oldest (AWS bounds the
    #: cache by the cluster's size, 0.5-237 GB; pyserverless by a count, to bound memory).
    max_cache_entries: int = 100_000


# -- apigateway (REST APIs, v1): the control plane's quotas ---------------------------
@attrs.frozen
class GatewayLimits:
    """Quotas the ``apigateway`` control plane enforces (REST APIs); override with
    ``Cloud(limits={"apigateway": {...}})``.

    >>> GatewayLimits().max_resources_per_api
    300
    """

    #: REST APIs per Region: Regional/private and edge-optimized counted apart.
    max_regional_apis: int = 600
    max_edge_apis: int = 120
    #: Per API: resources (the root included), stages and authorizers.
    max_resources_per_api: int = 300
    max_stages_per_api: int = 10
    max_authorizers_per_api: int = 10
    #: Stage variables: per stage, key and value lengths.
    max_stage_variables: int = 100
    max_stage_variable_key: int = 64
    max_stage_variable_value: int = 512
    #: API keys and usage plans per Region; usage plans one key may belong to.
    max_api_keys: int = 10_000
    max_usage_plans: int = 300
    max_usage_plans_per_key: int = 10
    #: Integration timeout bounds (milliseconds) and its default.
    min_integration_timeout_ms: int = 50
    max_integration_timeout_ms: int = 29_000
    default_integration_timeout_ms: int = 29_000
    #: Lambda authorizer result cache TTL bounds (seconds) and its default.
    max_authorizer_ttl_seconds: int = 3_600
    default_authorizer_ttl_seconds: int = 300
    #: Tags per resource.
    max_tags: int = 50
    # -- models, templates and the stage cache (issue 21) --
    #: A mapping template's size (300 KB, aws-facts C7).
    max_template_bytes: int = 300 * 1024
    #: Stage cache TTL (seconds): most and default (aws-facts C8).
    max_cache_ttl_seconds: int = 3_600
    default_cache_ttl_seconds: int = 300
    # -- OpenAPI import (issue 21) --
    #: ImportRestApi/PutRestApi: the API definition file's size (6 MB, the API reference).
    max_import_body_bytes: int = 6 * _MB


# -- apigatewayv2 (HTTP APIs): the control plane's quotas -----------------------------
@attrs.frozen
class GatewayV2Limits:
    """Quotas the ``apigatewayv2`` control plane enforces (HTTP APIs); override with
    ``Cloud(limits={"apigatewayv2": {...}})``.

    >>> GatewayV2Limits().max_routes_per_api
    300
    """

    #: HTTP APIs per Region.
    max_apis: int = 600
    #: Per API: routes, integrations, stages and authorizers.
    max_routes_per_api: int = 300
    max_integrations_per_api: int = 300
    max_stages_per_api: int = 10
    max_authorizers_per_api: int = 10
    #: JWT authorizers: audiences per authorizer; JWT routes: scopes per route.
    max_audiences_per_authorizer: int = 50
    max_scopes_per_route: int = 10
    #: Stage variables: per stage, key and value lengths.
    max_stage_variables: int = 100
    max_stage_variable_key: int = 64
    max_stage_variable_value: int = 512
    #: Access log format (template) size, in bytes: 3 KB.
    max_access_log_format_bytes: int = 3 * 1024
    #: Integration timeout bounds (milliseconds) and its default.
    min_integration_timeout_ms: int = 50
    max_integration_timeout_ms: int = 30_000
    default_integration_timeout_ms: int = 30_000
    #: Lambda authorizer result cache TTL: maximum (seconds) and default when not given.
    max_authorizer_ttl_seconds: int = 3_600
    default_authorizer_ttl_seconds: int = 0
    #: Tags per resource.
    max_tags: int = 50
