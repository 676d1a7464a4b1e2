"""API keys, usage plans, quotas and token buckets: the runtime's throttling step.

For a method that requires an API key (REST ``apiKeyRequired``), the key comes from the
``X-API-Key`` header (API key source ``HEADER``) or from the Lambda authorizer's
``usageIdentifierKey`` (``AUTHORIZER``). A key that is missing, unknown, disabled, or in
no usage plan of this API stage answers 403 ``{"message":"Forbidden"}``
(``INVALID_API_KEY``), before any bucket is touched.

Then, in AWS's order (aws-facts C4), each level's token bucket must hold a token:

1. the usage plan, per API key: the plan's per-method throttle for this method when it
   has one (in place of the plan's throttle, ``usage_plan_method_throttle_overrides``),
   else the plan's throttle; then the plan's quota (429 ``{"message":"Limit Exceeded"}``,
   ``QUOTA_EXCEEDED``);
2. the stage, per method: the method's own throttle (REST method settings, HTTP route
   settings) or else the stage's default (REST ``*/*``, HTTP default route settings) —
   AWS applies stage throttles at the method level, one bucket per method;
3. the account, per Region, shared by every REST and HTTP API
   (``ExecuteApiLimits.account_rate``/``account_burst``: 10,000 requests/s, burst 5,000).

A refused request (429 ``{"message":"Too Many Requests"}``, ``THROTTLED``) takes no
token from any level and counts toward no quota. Buckets start full and refill on the
Cloud's clock; see :mod:`._throttle_bucket` for the exact arithmetic.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from .._deployed import ApiKeyView, DeployedStage, RouteSpec, ThrottleSpec, UsagePlanView
from ._throttle_bucket import TokenBucket, epoch_us
from ._throttle_usage import KeyUsage, quota_of
from ._types import AuthOutcome, GatewayError, GatewayRequest, Matched

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .._limits import ExecuteApiLimits

__all__ = [
    "FORBIDDEN",
    "LIMIT_EXCEEDED",
    "TOO_MANY_REQUESTS",
    "TOO_MANY_REQUESTS_HTTP",
    "Throttles",
]

FORBIDDEN = GatewayError(
    status=403,
    response_type="INVALID_API_KEY",
    body={"message": "Forbidden"},
    headers={"x-amzn-ErrorType": "ForbiddenException"},
)
TOO_MANY_REQUESTS = GatewayError(
    status=429,
    response_type="THROTTLED",
    body={"message": "Too Many Requests"},
    headers={"x-amzn-ErrorType": "TooManyRequestsException"},
)
#: HTTP APIs answer the same status and body, without REST's error-type header.
TOO_MANY_REQUESTS_HTTP = GatewayError(429, "THROTTLED", {"message": "Too Many Requests"})
LIMIT_EXCEEDED = GatewayError(
    status=429,
    response_type="QUOTA_EXCEEDED",
    body={"message": "Limit Exceeded"},
    headers={"x-amzn-ErrorType": "LimitExceededException"},
)

#: The counts each stage keeps (added to the runtime's ``metrics``).
_COUNTS = ("ThrottledCount", "QuotaExceededCount", "InvalidApiKeyCount")


class Throttles:
    """API key checks, usage-plan quotas and token buckets of one Region's stages.

    >>> from pyserverless import Cloud
    >>> from pyserverless.gateway._deployed import IntegrationSpec, RouteSpec, ThrottleSpec
    >>> from pyserverless.gateway._runtime._types import GatewayRequest
    >>> cloud = Cloud.manual()
    >>> mock = IntegrationSpec(
    ...     type="MOCK",
    ...     request_templates={"application/json": '{"statusCode": 200}'},
    ...     responses={"": {"statusCode": "200"}},
    ... )
    >>> stage = DeployedStage("a1b2c3d4e5", "REST", "prod", "d1",
    ...                       (RouteSpec("GET", "/hi", mock, "r1"),),
    ...                       throttle=ThrottleSpec(rate=1.0, burst=1))
    >>> engine = cloud.engine("execute-api")
    >>> [engine.serve(stage, GatewayRequest("GET", "/hi")).status for _ in range(2)]
    [200, 429]
    >>> _ = cloud.advance(1)
    >>> engine.serve(stage, GatewayRequest("GET", "/hi")).status
    200
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: ExecuteApiLimits = cloud.limits.for_service("execute-api")
        self._lock = threading.Lock()
        #: api id -> how many of its next requests are throttled (fault injection).
        self._forced: dict[str, int] = {}
        self._account: TokenBucket | None = None
        #: (level, ...ids) -> the bucket of that level for those ids.
        self._buckets: dict[tuple[str, ...], TokenBucket] = {}
        #: (plan id, key id) -> the key's requests per day in that plan.
        self._usage: dict[tuple[str, str], KeyUsage] = {}
        #: (api id, stage) -> refusals counted by kind.
        self._counts: dict[tuple[str, str], dict[str, int]] = {}

    # -- API keys ---------------------------------------------------------------------------
    def check_key(
        self, stage: DeployedStage, matched: Matched, request: GatewayRequest, auth: AuthOutcome
    ) -> tuple[GatewayError | None, ApiKeyView | None]:
        """The API key of ``request`` when the method requires one (error or key)."""
        if not matched.route.api_key_required or stage.kind != "REST":
            return None, None
        if stage.api_key_source == "AUTHORIZER":
            value = auth.usage_identifier_key
        else:
            value = request.header("x-api-key")
        rest = self._rest()
        key = rest.api_key_by_value(value) if value and rest is not None else None
        if key is None or not key.enabled or self._plan_for(stage, key) is None:
            self._count(stage, "InvalidApiKeyCount")
            return FORBIDDEN, None
        return None, key

    def _rest(self) -> Any:
        try:
            return self.cloud.engine("apigateway", self.region)
        except ValueError:  # no REST control plane in this build: no key exists
            return None

    def _plan_for(self, stage: DeployedStage, key: ApiKeyView) -> UsagePlanView | None:
        rest = self._rest()
        if rest is None:
            return None
        for plan in rest.usage_plans_for(stage.api_id, stage.stage_name):
            if key.key_id in plan.key_ids:
                return plan  # type: ignore[no-any-return]
        return None

    # -- buckets and quotas -----------------------------------------------------------------
    def admit(
        self, stage: DeployedStage, matched: Matched, key: ApiKeyView | None, now: datetime
    ) -> GatewayError | None:
        """Take a token from each bucket that applies (and count the key's usage), or
        answer 429 ``Too Many Requests`` / ``Limit Exceeded`` taking nothing."""
        plan = self._plan_for(stage, key) if key is not None else None
        now_us = epoch_us(now)
        with self._lock:
            left = self._forced.get(stage.api_id)
            if left:
                self._forced[stage.api_id] = left - 1
                error: GatewayError | None = TOO_MANY_REQUESTS
            else:
                error = self._admit(stage, matched.route, plan, key, now, now_us)
            if error is not None:
                self._count_locked(stage, _kind(error))
        if error is TOO_MANY_REQUESTS and stage.kind == "HTTP":
            return TOO_MANY_REQUESTS_HTTP
        return error

    def _admit(
        self,
        stage: DeployedStage,
        route: RouteSpec,
        plan: UsagePlanView | None,
        key: ApiKeyView | None,
        now: datetime,
        now_us: int,
    ) -> GatewayError | None:
        taken: list[TokenBucket] = []
        usage = None
        if plan is not None and key is not None:
            for bucket in self._plan_buckets(stage, route, plan, key.key_id, now_us):
                if not bucket.refill(now_us):
                    return TOO_MANY_REQUESTS
                taken.append(bucket)
            usage = self._usage.get((plan.plan_id, key.key_id))
            if usage is None:
                usage = self._usage[(plan.plan_id, key.key_id)] = KeyUsage()
            if not usage.admits(quota_of(plan.quota), _today(now)):
                return LIMIT_EXCEEDED
        spec = route.throttle or stage.throttle
        if spec is not None:
            ids = ("method", stage.api_id, stage.stage_name, route.route_id, route.method)
            bucket = self._bucket(ids, spec, now_us)
            if not bucket.refill(now_us):
                return TOO_MANY_REQUESTS
            taken.append(bucket)
        account = self._account_bucket(now_us)
        if not account.refill(now_us):
            return TOO_MANY_REQUESTS
        taken.append(account)
        for bucket in taken:
            bucket.charge()
        if usage is not None:
            usage.add(_today(now))
        return None

    def _plan_buckets(
        self, stage: DeployedStage, route: RouteSpec, plan: UsagePlanView, key_id: str, now_us: int
    ) -> list[TokenBucket]:
        found = []
        method_spec = _method_throttle(plan.method_throttles, route)
        if method_spec is not None:
            ids = (
                "plan-method",
                plan.plan_id,
                key_id,
                stage.api_id,
                stage.stage_name,
                route.route_id,
                route.method,
            )
            found.append(self._bucket(ids, method_spec, now_us))
        overrides = self.limits.usage_plan_method_throttle_overrides
        if plan.throttle is not None and (method_spec is None or not overrides):
            found.append(self._bucket(("plan", plan.plan_id, key_id), plan.throttle, now_us))
        return found

    def _bucket(self, ids: tuple[str, ...], spec: ThrottleSpec, now_us: int) -> TokenBucket:
        bucket = self._buckets.get(ids)
        if bucket is None or bucket.key != (spec.rate, spec.burst):
            bucket = self._buckets[ids] = TokenBucket(spec.rate, spec.burst, now_us=now_us)
        return bucket

    def _account_bucket(self, now_us: int) -> TokenBucket:
        rate, burst = self.limits.account_rate, self.limits.account_burst
        bucket = self._account
        if bucket is None or bucket.key != (rate, burst):
            bucket = self._account = TokenBucket(rate, burst, now_us=now_us)
        return bucket

    # -- counts ---------------------------------------------------------------------------
    def _count(self, stage: DeployedStage, name: str) -> None:
        with self._lock:
            self._count_locked(stage, name)

    def _count_locked(self, stage: DeployedStage, name: str) -> None:
        counts = self._counts.get((stage.api_id, stage.stage_name))
        if counts is None:
            counts = self._counts[(stage.api_id, stage.stage_name)] = dict.fromkeys(_COUNTS, 0)
        counts[name] += 1

    def counts(self, api_id: str, stage: str) -> dict[str, int]:
        """The stage's refusals: ``ThrottledCount`` (429 Too Many Requests, forced ones
        included), ``QuotaExceededCount`` (429 Limit Exceeded) and ``InvalidApiKeyCount``
        (403 for a missing or invalid key)."""
        with self._lock:
            return dict(self._counts.get((api_id, stage)) or dict.fromkeys(_COUNTS, 0))

    # -- GetUsage and fault injection -----------------------------------------------------
    def usage(
        self, plan_id: str, key_id: str | None, start_date: str, end_date: str
    ) -> Mapping[str, Any]:
        """GetUsage's answer: ``items`` maps each API key of the plan (or ``key_id``
        alone) to ``[used, remaining]`` per day from ``start_date`` to ``end_date``."""
        first, last = _date(start_date), _date(end_date)
        quota, key_ids = self._plan_info(plan_id)
        with self._lock:
            counted = {k for p, k in self._usage if p == plan_id}
            wanted = sorted(key_ids | counted) if key_id is None else [key_id]
            items = {
                k: (self._usage.get((plan_id, k)) or KeyUsage()).report(first, last, quota)
                for k in wanted
                if k in key_ids or k in counted
            }
        return {
            "usagePlanId": plan_id,
            "startDate": start_date,
            "endDate": end_date,
            "items": items,
        }

    def set_remaining(self, plan_id: str, key_id: str, remaining: int, now: datetime) -> bool:
        """UpdateUsage: leave ``remaining`` requests in the key's current quota period
        (False when the plan has no quota)."""
        quota, _ = self._plan_info(plan_id)
        if quota is None:
            return False
        with self._lock:
            usage = self._usage.get((plan_id, key_id))
            if usage is None:
                usage = self._usage[(plan_id, key_id)] = KeyUsage()
            usage.set_remaining(quota, _today(now), remaining)
        return True

    def _plan_info(self, plan_id: str) -> tuple[Any, set[str]]:
        from .._errors import NotFoundException

        rest = self._rest()
        if rest is None:
            return None, set()
        try:
            plan = rest.get_usage_plan({"usagePlanId": plan_id})
        except NotFoundException:
            return None, set()
        key_ids: set[str] = set()
        params: dict[str, Any] = {"usagePlanId": plan_id, "limit": 500}
        while True:
            page = rest.get_usage_plan_keys(params)
            key_ids.update(item["id"] for item in page.get("items", ()))
            if not page.get("position"):
                break
            params["position"] = page["position"]
        return quota_of(plan.get("quota")), key_ids

    def throttle_next(self, api_id: str, n: int) -> None:
        """Make the next ``n`` requests to ``api_id`` that reach the throttling step
        answer 429 Too Many Requests (taking no token, counting toward no quota)."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"n must be a non-negative int, got {n!r}")
        with self._lock:
            self._forced[api_id] = self._forced.get(api_id, 0) + n


def _kind(error: GatewayError) -> str:
    return "QuotaExceededCount" if error is LIMIT_EXCEEDED else "ThrottledCount"


def _today(now: datetime) -> date:
    return now.astimezone(UTC).date()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"not a yyyy-MM-dd date: {text!r}") from None


def _method_throttle(
    throttles: Mapping[str, ThrottleSpec], route: RouteSpec
) -> ThrottleSpec | None:
    """The plan's throttle for ``route``: keys are ``/{resourcePath}/{httpMethod}``
    (``/pets/GET``, ``//GET`` for the root), ``*`` standing for any method or path."""
    if not throttles:
        return None
    path = route.path
    for candidate in (f"{path}/{route.method}", f"{path}/*", f"/*/{route.method}", "/*/*"):
        found = throttles.get(candidate)
        if found is not None:
            return found
    return None
