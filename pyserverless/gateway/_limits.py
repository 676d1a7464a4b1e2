"""API Gateway quotas, each a field with AWS's default (aws-facts C1, C4, C5).

Shared by the gateway's services: each adds its own class here.
"""

from __future__ import annotations

import attrs

__all__ = ["ExecuteApiLimits"]

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
