"""The ``execute-api`` engine: serves requests on deployed stages of REST and HTTP APIs.

``invoke`` finds the stage (asking both control planes' ``deployed``), then runs the
pipeline of ``_types`` in AWS's order: payload limit and CORS preflight, route, API key
and throttles (``_throttle``), authorizer (``_auth``), request validation
(``_validate``), the stage cache (``_cache``), integration (Lambda proxy here; MOCK, AWS,
HTTP and HTTP_PROXY in ``_custom``, ``_params`` and ``_aws``), response. Each stage's
router is built once per deployment.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import threading
import time
import warnings
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...errors import AWSError
from ...lambda_ import InvokeDeadlineExceeded
from .._deployed import ApiKeyView, DeployedStage, IntegrationSpec, RouteSpec
from ._auth import Authorizers
from ._backends import NOT_REGISTERED, AwsTarget, BackendRequest, Backends
from ._cache import (
    IGNORED_WARNING,
    INVALIDATE_DENIED,
    CacheStats,
    StageCaches,
    cache_key,
    wants_refresh,
)
from ._cors import cors_headers, preflight
from ._custom import CustomIntegrations
from ._domains import DomainTable
from ._events import (
    BadPayload,
    RequestInfo,
    event_v1,
    event_v2,
    is_binary,
    request_time,
    route_key,
)
from ._logs import AccessRecord, StageLog, format_line
from ._params import http_proxy
from ._responses import (
    CONFIGURATION_ERROR_REST,
    TIMEOUT_HTTP,
    TIMEOUT_REST,
    TOO_LARGE,
    integration_failure,
    parse_proxy,
    render_error,
)
from ._router import RouteError, Router
from ._throttle import Throttles
from ._types import AuthOutcome, GatewayError, GatewayRequest, GatewayResponse, Matched
from ._validate import Validators

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .._limits import ExecuteApiLimits

__all__ = ["ExecuteApi"]

_FORBIDDEN = GatewayError(403, "ACCESS_DENIED", {"message": "Forbidden"})
_NOT_FOUND = GatewayError(404, "NOT_FOUND", {"message": "Not Found"})
_LAMBDA_URI = re.compile(
    r"^arn:aws[\w-]*:apigateway:[\w-]+:lambda:path/[\d-]+/functions/(.+)/invocations$"
)
_STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.([A-Za-z0-9_]+)\}")
_CONTROL_PLANES = ("apigateway", "apigatewayv2")


class _Outcome:
    """What one request produced, for its response, log line and counts."""

    __slots__ = ("auth", "error", "extended_id", "integration_ms", "matched", "response")

    def __init__(self) -> None:
        self.extended_id = ""
        self.response: GatewayResponse | None = None
        self.error: GatewayError | None = None
        self.matched: Matched | None = None
        self.auth: AuthOutcome | None = None
        self.integration_ms: float | None = None


class ExecuteApi:
    """Serves requests on the deployed stages of one Region's REST and HTTP APIs.

    >>> from pyserverless import Cloud
    >>> from pyserverless.gateway._deployed import DeployedStage, IntegrationSpec, RouteSpec
    >>> cloud = Cloud.manual()
    >>> mock = IntegrationSpec(
    ...     type="MOCK",
    ...     request_templates={"application/json": '{"statusCode": 200}'},
    ...     responses={"": {"statusCode": "200", "responseTemplates": {"application/json": "hi"}}},
    ... )
    >>> routes = (RouteSpec("GET", "/hi", mock, "r1"),)
    >>> stage = DeployedStage("a1b2c3d4e5", "REST", "prod", "d1", routes)
    >>> engine = cloud.engine("execute-api")
    >>> engine.serve(stage, GatewayRequest("GET", "/hi")).body
    b'hi'
    >>> engine.serve(stage, GatewayRequest("GET", "/nope")).body
    b'{"message":"Missing Authentication Token"}'
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: ExecuteApiLimits = cloud.limits.for_service("execute-api")
        self.authorizers = Authorizers(cloud, region)
        self.throttles = Throttles(cloud, region)
        self._routers: dict[tuple[str, str, bool], tuple[tuple[RouteSpec, ...], str, Router]] = {}
        self._owners: dict[str, str] = {}
        #: Integration URI (without stage variables) -> (function ARN, its Region).
        self._targets: dict[str, tuple[str, str]] = {}
        self._logs: dict[tuple[str, str], StageLog] = {}
        self._lock = threading.Lock()
        #: Issue 21: request validation, the stage cache, non-proxy integrations.
        self.validators = Validators()
        self.caches = StageCaches(self.limits.max_cache_entry_bytes, self.limits.max_cache_entries)
        self.backends = Backends()
        self.custom = CustomIntegrations(self)
        #: Custom domain names and their mappings (both control planes write them).
        self.domains = DomainTable()

    # -- finding a stage --------------------------------------------------------------------
    def deployed(self, api_id: str, stage_name: str) -> DeployedStage | None:
        """The stage as deployed, from whichever control plane owns ``api_id``."""
        owner = self._owners.get(api_id)
        services = (owner,) if owner is not None else _CONTROL_PLANES
        for service in services:
            try:
                engine = self.cloud.engine(service, self.region)
            except ValueError:  # that control plane is not in this build
                continue
            found = engine.deployed(api_id, stage_name)
            if found is not None:
                self._owners[api_id] = service
                return found  # type: ignore[no-any-return]
            if _has_api(engine, api_id):
                self._owners[api_id] = service
            elif owner is not None:  # deleted since: ids are not reused, forget it
                del self._owners[api_id]
        return None

    def resolve(self, api_id: str, path: str) -> tuple[str, str]:
        """The stage and the path below it of a URL path (``/prod/items`` or, for an HTTP
        API's ``$default`` stage, ``/items``)."""
        first, _, rest = path.lstrip("/").partition("/")
        if first and self.deployed(api_id, first) is not None:
            return first, "/" + rest
        if self.deployed(api_id, "$default") is not None:
            return "$default", path or "/"
        return first, "/" + rest

    # -- serving ----------------------------------------------------------------------------
    def invoke(
        self,
        api_id: str,
        stage: str,
        method: str,
        path: str,
        *,
        query: str = "",
        headers: tuple[tuple[str, str], ...] = (),
        body: bytes = b"",
        source_ip: str = "127.0.0.1",
        host: str | None = None,
    ) -> GatewayResponse:
        """Serve one request on stage ``stage`` of API ``api_id``; the path is below the stage.

        An unknown API or stage answers 403 ``{"message":"Forbidden"}`` (REST; an HTTP
        API's unknown stage 404 ``Not Found``), as AWS does.
        """
        request = GatewayRequest(
            method=method.upper(),
            path=path if path.startswith("/") else "/" + path,
            query=query,
            headers=tuple(headers),
            body=bytes(body),
            source_ip=source_ip,
            host=host,
        )
        deployed = self.deployed(api_id, stage)
        if deployed is None or deployed.execute_api_disabled:
            error = _NOT_FOUND if self._owners.get(api_id) == "apigatewayv2" else _FORBIDDEN
            return render_error(None, error, self.cloud.ids.request_id())
        return self.serve(deployed, request)

    def invoke_domain(
        self,
        host: str,
        method: str,
        path: str,
        *,
        query: str = "",
        headers: tuple[tuple[str, str], ...] = (),
        body: bytes = b"",
        source_ip: str = "127.0.0.1",
    ) -> GatewayResponse | None:
        """Serve a request sent to custom domain name ``host`` (a Host header): through
        the longest matching base path mapping, the base path stripped for routing.
        None when ``host`` is no custom domain name; 403 ``Forbidden`` when no mapping
        (or no deployed stage) takes the path, as AWS answers.
        """
        table = self.domains
        if not table.is_domain(host):
            return None
        with table.lock:
            route = table.route(host, path if path.startswith("/") else "/" + path)
        deployed = None
        if route is not None:
            deployed = self.deployed(route.api_id, route.stage)
        if route is None or deployed is None:
            return render_error(None, _FORBIDDEN, self.cloud.ids.request_id())
        request = GatewayRequest(
            method=method.upper(),
            path=route.path,
            query=query,
            headers=tuple(headers),
            body=bytes(body),
            source_ip=source_ip,
            host=host.strip().lower().rsplit(":", 1)[0],
            base_path=route.base_path,
        )
        return self.serve(deployed, request)

    def serve(self, stage: DeployedStage, request: GatewayRequest) -> GatewayResponse:
        """Run the pipeline for ``request`` on ``stage`` (a ``DeployedStage`` value)."""
        started = time.perf_counter()
        now = self.cloud.clock.now()
        if stage.canary is not None and self.cloud.ids.fraction() * 100 < stage.canary_percent:
            stage = stage.canary  # the canary's share, drawn from the Cloud's seed
        # AWS's two ids: a UUID (REST's requestId) and a short base64 one (REST's
        # extendedRequestId, an HTTP API's requestId).
        out = _Outcome()
        out.extended_id = base64.b64encode(self.cloud.ids.token_bytes(11)).decode()
        rest = stage.kind == "REST"
        request_id = self.cloud.ids.request_id() if rest else out.extended_id
        self._pipeline(stage, request, now, request_id, out)
        if out.error is not None:
            params = out.matched.path_parameters if out.matched is not None else None
            response = render_error(stage, out.error, request_id, request, params)
        else:
            assert out.response is not None
            response = out.response
        response = self._finish(stage, request, response, request_id, out.extended_id)
        self._record(stage, request, response, out, now, request_id, started)
        return response

    def _pipeline(
        self,
        stage: DeployedStage,
        request: GatewayRequest,
        now: datetime,
        request_id: str,
        out: _Outcome,
    ) -> None:
        if len(request.body) > self.limits.max_payload_bytes:
            out.error = TOO_LARGE
            return
        if stage.cors is not None and (answer := preflight(stage.cors, request)) is not None:
            out.response = answer
            return
        found = self._router(stage).match(request.method, request.path)
        if isinstance(found, RouteError):
            out.error = found.error
            return
        out.matched = matched = found
        admitted, key = self._admit(stage, matched, request, now, request_id, out)
        if not admitted:
            return
        route = matched.route
        if route.validate_body or route.validate_parameters:
            invalid = self.validators.check(stage, route, request, matched)
            if invalid is not None:
                out.error = invalid
                return
        api_key = (key.key_id, key.value) if key is not None else None
        cached = route.cache
        if cached is not None and cached.enabled:
            self._cached(stage, matched, request, now, request_id, api_key, out)
            return
        info = RequestInfo(
            stage,
            matched,
            request,
            out.auth,
            account_id=self.cloud.account_id,
            region=self.region,
            request_id=request_id,
            extended_id=out.extended_id,
            now=now,
        )
        begun = time.perf_counter()
        self._integrate(stage, route.integration, info, api_key, out)
        out.integration_ms = (time.perf_counter() - begun) * 1000

    def _cached(
        self,
        stage: DeployedStage,
        matched: Matched,
        request: GatewayRequest,
        now: datetime,
        request_id: str,
        api_key: tuple[str, str] | None,
        out: _Outcome,
    ) -> None:
        """Serve from the stage cache, or integrate and keep the answer."""
        route = matched.route
        spec = route.cache
        assert spec is not None
        key = cache_key(route, route.integration.cache_key_parameters, request, matched)
        warning: tuple[str, str] | None = None
        refresh = False
        if wants_refresh(request):
            allowed = not spec.require_authorization or bool(out.auth and out.auth.identity)
            if allowed:
                refresh = True
            elif spec.unauthorized_strategy == "FAIL_WITH_403":
                out.error = INVALIDATE_DENIED
                return
            elif spec.unauthorized_strategy == "SUCCEED_WITH_RESPONSE_HEADER":
                warning = IGNORED_WARNING
        found = None if refresh else self.caches.lookup(stage, key, now)
        if found is None:
            info = RequestInfo(
                stage,
                matched,
                request,
                out.auth,
                account_id=self.cloud.account_id,
                region=self.region,
                request_id=request_id,
                extended_id=out.extended_id,
                now=now,
            )
            begun = time.perf_counter()
            self._integrate(stage, route.integration, info, api_key, out)
            out.integration_ms = (time.perf_counter() - begun) * 1000
            if out.error is not None or out.response is None:
                return
            self.caches.store(stage, spec, key, out.response, now)
            found = out.response
        if warning is not None:
            found = GatewayResponse(found.status, (*found.headers, warning), found.body)
        out.response = found

    def _admit(
        self,
        stage: DeployedStage,
        matched: Matched,
        request: GatewayRequest,
        now: datetime,
        request_id: str,
        out: _Outcome,
    ) -> tuple[bool, ApiKeyView | None]:
        """API key and throttles, then the authorizer (a key from the authorizer is
        checked after it): whether the request goes on, and its API key."""
        key = None
        if stage.api_key_source != "AUTHORIZER":
            error, key = self.throttles.check_key(stage, matched, request, AuthOutcome())
            if error is None:
                error = self.throttles.admit(stage, matched, key, now)
            if error is not None:
                out.error = error
                return False, None
        if matched.route.authorization != "NONE":
            out.auth = auth = self.authorizers.authorize(stage, matched, request, now, request_id)
            if auth.error is not None:
                out.error = auth.error
                return False, None
        if stage.api_key_source == "AUTHORIZER":
            error, key = self.throttles.check_key(
                stage, matched, request, out.auth or AuthOutcome()
            )
            if error is None:
                error = self.throttles.admit(stage, matched, key, now)
            if error is not None:
                out.error = error
                return False, None
        return True, key

    def _integrate(
        self,
        stage: DeployedStage,
        integration: IntegrationSpec,
        info: RequestInfo,
        api_key: tuple[str, str] | None,
        out: _Outcome,
    ) -> None:
        if integration.type != "AWS_PROXY":  # MOCK, AWS, HTTP, HTTP_PROXY
            if stage.kind == "HTTP" and integration.type == "HTTP_PROXY":  # parameter mapping
                send = functools.partial(self.http_backend, kind="HTTP")
                answer = http_proxy(integration, info, send)
            else:
                answer = self.custom.run(stage, integration, info, api_key)
            if isinstance(answer, GatewayError):
                out.error = answer
            elif len(answer.body) > self.limits.max_payload_bytes:
                out.error = integration_failure(stage.kind)
            else:
                out.response = answer
            return
        v2 = integration.payload_format == "2.0"
        try:
            event = event_v2(info) if v2 else event_v1(info, api_key)
        except BadPayload:  # contentHandling CONVERT_TO_BINARY on a body that is not base64
            out.error = CONFIGURATION_ERROR_REST
            return
        result = self._call_lambda(stage, integration, event)
        if isinstance(result, GatewayError):
            out.error = result
            return
        if len(result) > self.limits.max_payload_bytes:
            out.error = integration_failure(stage.kind)
            return
        decode = stage.kind != "REST" or _wants_binary(stage, info.request)
        parsed = parse_proxy(result, integration.payload_format, stage.kind, decode_binary=decode)
        if isinstance(parsed, GatewayError):
            out.error = parsed
        else:
            out.response = parsed

    def _call_lambda(
        self, stage: DeployedStage, integration: IntegrationSpec, event: dict[str, Any]
    ) -> bytes | GatewayError:
        uri = integration.uri or ""
        target = self._targets.get(uri) if "${" not in uri else None
        if target is None:
            arn = function_arn(uri, stage.stage_variables)
            parts = arn.split(":")
            target = (arn, parts[3] if len(parts) > 4 and parts[0] == "arn" else self.region)
            if "${" not in uri:
                self._targets[uri] = target
        arn, region = target
        try:
            lam = self.cloud.engine("lambda", region)
            invocation = lam.invoke(
                arn, json.dumps(event).encode(), deadline_seconds=integration.timeout_ms / 1000
            )
        except InvokeDeadlineExceeded:
            rest = stage.kind == "REST" or self.limits.http_timeout_status == 504
            return TIMEOUT_REST if rest else TIMEOUT_HTTP
        except (AWSError, ValueError):  # no such function, throttled: a configuration error
            return CONFIGURATION_ERROR_REST if stage.kind == "REST" else integration_failure("HTTP")
        if invocation.function_error is not None:
            return integration_failure(stage.kind)
        return invocation.payload  # type: ignore[no-any-return]

    def _finish(
        self,
        stage: DeployedStage,
        request: GatewayRequest,
        response: GatewayResponse,
        rid: str,
        extended_id: str,
    ) -> GatewayResponse:
        extra: list[tuple[str, str]]
        if stage.kind == "REST":
            extra = [("x-amzn-RequestId", rid), ("x-amz-apigw-id", extended_id)]
        else:
            extra = [("apigw-requestid", rid)]
        if stage.cors is not None:
            cors = cors_headers(stage.cors, request)
            if cors:
                names = {n.lower() for n, _ in cors}
                kept = tuple(h for h in response.headers if h[0].lower() not in names)
                return GatewayResponse(response.status, (*kept, *cors, *extra), response.body)
        return GatewayResponse(response.status, (*response.headers, *extra), response.body)

    # -- routers, logs, metrics ---------------------------------------------------------
    def _router(self, stage: DeployedStage) -> Router:
        """The stage's router, built once per deployment (the same routes tuple, or an
        equal one under the same deployment id, reuse it)."""
        key = (stage.api_id, stage.stage_name, stage.is_canary)
        cached = self._routers.get(key)
        routes = stage.routes
        if cached is not None and (
            cached[0] is routes or (cached[1] == stage.deployment_id and cached[0] == routes)
        ):
            return cached[2]
        router = Router(routes, kind=stage.kind)
        self._routers[key] = (routes, stage.deployment_id, router)
        return router

    def _stage_log(self, api_id: str, stage_name: str) -> StageLog:
        key = (api_id, stage_name)
        log = self._logs.get(key)
        if log is None:
            with self._lock:
                log = self._logs.setdefault(key, StageLog(self.limits.max_access_log_lines))
        return log

    def _record(
        self,
        stage: DeployedStage,
        request: GatewayRequest,
        response: GatewayResponse,
        out: _Outcome,
        now: datetime,
        request_id: str,
        started: float,
    ) -> None:
        latency = (time.perf_counter() - started) * 1000
        log = self._stage_log(stage.api_id, stage.stage_name)
        with self._lock:
            log.record(response.status, latency, out.integration_ms)
        if stage.access_log_format is None:
            return
        route = out.matched.route if out.matched is not None else None
        values: dict[str, Any] = {
            "requestId": request_id,
            "extendedRequestId": out.extended_id,
            "apiId": stage.api_id,
            "stage": stage.stage_name,
            "httpMethod": request.method,
            "path": request.path
            if stage.stage_name == "$default"
            else f"/{stage.stage_name}{request.path}",
            "resourcePath": route.path if route is not None else None,
            "resourceId": route.route_id if route is not None else None,
            "routeKey": route_key(route) if route is not None else None,
            "protocol": request.protocol,
            "identity.sourceIp": request.source_ip,
            "identity.userAgent": request.header("user-agent"),
            "requestTime": request_time(now),
            "requestTimeEpoch": int(now.timestamp() * 1000),
            "status": response.status,
            "responseLength": len(response.body),
            "responseLatency": int(latency),
            "integrationLatency": None if out.integration_ms is None else int(out.integration_ms),
            "error.message": out.error.body.get("message") if out.error is not None else None,
            "error.responseType": out.error.response_type if out.error is not None else None,
            "error.validationErrorString": out.error.detail if out.error is not None else None,
            "error.messageString": (
                json.dumps(out.error.body.get("message")) if out.error is not None else None
            ),
            "domainName": request.host or f"{stage.api_id}.execute-api.{self.region}.amazonaws.com",
            "domainPrefix": (request.host or stage.api_id).split(".", 1)[0],
            "accountId": self.cloud.account_id,
            "integrationStatus": (
                response.status if out.integration_ms is not None and out.error is None else None
            ),
        }
        if stage.is_canary or stage.canary is not None:
            values["isCanaryRequest"] = "true" if stage.is_canary else "false"
        if out.auth is not None and out.auth.principal_id is not None:
            values["authorizer.principalId"] = out.auth.principal_id
        line = format_line(stage.access_log_format, AccessRecord(values))
        with self._lock:
            log.lines.append(line)

    def access_log(self, api_id: str, stage: str) -> list[str]:
        """The stage's access log lines, oldest first (empty when access logging is off)."""
        log = self._logs.get((api_id, stage))
        return list(log.lines) if log is not None else []

    def metrics(self, api_id: str, stage: str) -> dict[str, Any]:
        """The stage's counts: ``Count``, ``4XXError``, ``5XXError``, ``Latency`` (ms)...,
        and the throttling step's refusals (``ThrottledCount``, ``QuotaExceededCount``,
        ``InvalidApiKeyCount``)."""
        return {**self._stage_log(api_id, stage).metrics(), **self.throttles.counts(api_id, stage)}

    # -- stage cache, backends and AWS services (issue 21) ------------------------------------
    def flush_stage_cache(self, api_id: str, stage: str) -> None:
        """Empty one stage's cache (FlushStageCache)."""
        self.caches.flush(api_id, stage)

    def cache_stats(self, api_id: str, stage: str) -> CacheStats:
        """One stage's cache hits, misses and entries."""
        return self.caches.stats(api_id, stage)

    def backend(self, url: str, app: Any, *, wsgi: bool | None = None) -> None:
        """Register a WSGI app or a Python callable as the HTTP backend at ``url``."""
        self.backends.register(url, app, wsgi=wsgi)

    def http_backend(
        self, request: BackendRequest, kind: str = "REST"
    ) -> GatewayResponse | GatewayError:
        """Send an HTTP integration's request to a registered backend or another API."""
        other = self.backends.other_api(request.url)
        if other is not None and self.backends.find(request.url) is None:
            api_id, path = other
            stage, _, rest = path.lstrip("/").partition("/")
            below = "/" + rest.split("?")[0]
            headers, body = request.headers, request.body
            return self.invoke(
                api_id,
                stage,
                request.method,
                below,
                query=request.query,
                headers=headers,
                body=body,
            )
        try:
            found = self.backends.call(request)
        except Exception:  # the backend failed: API Gateway sees a broken connection
            return integration_failure(kind)
        if found is None:
            warnings.warn(NOT_REGISTERED.format(request.url, _base(request.url)), stacklevel=2)
            return CONFIGURATION_ERROR_REST if kind == "REST" else integration_failure(kind)
        return found

    def aws_service(
        self,
        target: AwsTarget,
        method: str,
        body: bytes,
        *,
        headers: list[tuple[str, str]] | None = None,
        query: list[tuple[str, str]] | None = None,
    ) -> GatewayResponse:
        """An AWS service integration's call, through the Cloud's wire (with the
        integration request's mapped headers and query string)."""
        from ._aws import call_service

        return call_service(self.cloud, target, method, body, headers or [], query or [])

    # -- the throttle helper's public face ---------------------------------------------------
    def usage(self, plan_id: str, key_id: str | None, start_date: str, end_date: str) -> Any:
        """GetUsage's answer for a usage plan (and key) between two dates."""
        return self.throttles.usage(plan_id, key_id, start_date, end_date)

    def throttle_next(self, api_id: str, n: int) -> None:
        """Make the next ``n`` requests to ``api_id`` answer 429 Too Many Requests."""
        self.throttles.throttle_next(api_id, n)

    def __repr__(self) -> str:
        return f"<ExecuteApi {self.region} stages={len(self._routers)}>"


def function_arn(uri: str, stage_variables: Any) -> str:
    """The function an integration URI names, stage variables substituted.

    >>> function_arn(
    ...     "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    ...     "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations",
    ...     {"fn": "shop"},
    ... )
    'arn:aws:lambda:us-east-1:123456789012:function:shop'
    """
    uri = _STAGE_VARIABLE.sub(lambda m: str(stage_variables.get(m.group(1), "")), uri)
    found = _LAMBDA_URI.match(uri)
    return found.group(1) if found else uri


def _wants_binary(stage: DeployedStage, request: GatewayRequest) -> bool:
    """REST: whether the request's first ``Accept`` type is a binary media type of the API
    (only then is a base64 answer decoded; AWS honours the first Accept type only)."""
    accept = request.header("accept")
    if not accept or not stage.binary_media_types:
        return False
    return is_binary(stage, accept.split(",", 1)[0])


def _base(url: str) -> str:
    """``https://host`` of a URL (what a registration names)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0]}"


def _has_api(engine: Any, api_id: str) -> bool:
    """Whether a control plane knows ``api_id`` (through its public Get operation)."""
    get = getattr(engine, "get_api", None) or getattr(engine, "get_rest_api", None)
    if get is None:
        return False
    key = "ApiId" if hasattr(engine, "get_api") else "restApiId"
    try:
        get({key: api_id})
    except AWSError:
        return False
    return True
