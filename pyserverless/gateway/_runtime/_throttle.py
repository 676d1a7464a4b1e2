"""API keys, usage plans and throttling: the runtime's call points (helper gw-throttle
fills them).

Until token buckets and usage plans are emulated here, every request is admitted, and
a method that requires an API key answers 403 ``{"message": "Forbidden"}`` (no key
can be valid yet): nothing is silently allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._deployed import ApiKeyView, DeployedStage
from ._types import AuthOutcome, GatewayError, GatewayRequest, Matched

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["Throttles"]

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


class Throttles:
    """API key checks, usage-plan quotas and token buckets of one Region's stages."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        #: api id -> how many of its next requests are throttled (fault injection).
        self._forced: dict[str, int] = {}

    def check_key(
        self, stage: DeployedStage, matched: Matched, request: GatewayRequest, auth: AuthOutcome
    ) -> tuple[GatewayError | None, ApiKeyView | None]:
        """The API key of ``request`` when the method requires one (error or key)."""
        if matched.route.api_key_required:
            return FORBIDDEN, None
        return None, None

    def admit(
        self, stage: DeployedStage, matched: Matched, key: ApiKeyView | None, now: datetime
    ) -> GatewayError | None:
        """Take a token from each bucket that applies, or answer 429."""
        left = self._forced.get(stage.api_id)
        if left:
            self._forced[stage.api_id] = left - 1
            return TOO_MANY_REQUESTS
        return None

    def usage(
        self, plan_id: str, key_id: str | None, start_date: str, end_date: str
    ) -> Mapping[str, Any]:
        """GetUsage's answer: requests per key per day (none counted yet)."""
        return {"usagePlanId": plan_id, "startDate": start_date, "endDate": end_date, "items": {}}

    def throttle_next(self, api_id: str, n: int) -> None:
        """Make the next ``n`` requests to ``api_id`` answer 429 Too Many Requests."""
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"n must be a non-negative int, got {n!r}")
        self._forced[api_id] = self._forced.get(api_id, 0) + n
