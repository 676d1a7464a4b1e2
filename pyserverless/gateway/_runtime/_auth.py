"""Authorizers: the call point of the runtime's pipeline (helper gw-auth fills it).

Until Lambda, Cognito, JWT and IAM authorizers are emulated here, a route whose
authorization is not ``NONE`` is refused with AWS's answer to an authorizer that
cannot run (500 ``AuthorizerConfigurationException``): nothing is silently allowed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .._deployed import DeployedStage
from ._types import AuthOutcome, GatewayError, GatewayRequest, Matched

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["Authorizers"]

_CONFIGURATION_ERROR = GatewayError(
    status=500,
    response_type="AUTHORIZER_CONFIGURATION_ERROR",
    body={"message": None},
    headers={"x-amzn-ErrorType": "AuthorizerConfigurationException"},
)


class Authorizers:
    """Runs a route's authorizer for one request; owns the authorizers' result cache."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region

    def authorize(
        self, stage: DeployedStage, matched: Matched, request: GatewayRequest, now: datetime
    ) -> AuthOutcome:
        """The authorizer's decision for ``request`` on ``matched`` (called only when the
        route's authorization is not ``NONE``)."""
        return AuthOutcome(error=_CONFIGURATION_ERROR)
