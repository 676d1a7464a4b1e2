"""CloudFront's stored records: distributions, policies and invalidations."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["DistributionRecord", "InvalidationRecord", "PolicyRecord"]


@attrs.define
class InvalidationRecord:
    """One invalidation batch: its paths, status and creation time."""

    id: str
    caller_reference: str
    paths: tuple[str, ...]
    created: float
    status: str = "InProgress"


@attrs.define
class DistributionRecord:
    """One distribution: its config as the API holds it, and its state."""

    id: str
    domain: str
    config: dict[str, Any]
    etag: str
    modified: float
    status: str = "InProgress"
    invalidations: dict[str, InvalidationRecord] = attrs.field(factory=dict)
    #: Per distribution, the cache and its statistics (built by the pipeline on first use).
    edge: Any = None


@attrs.define
class PolicyRecord:
    """A cache, origin request or response headers policy (managed or custom)."""

    id: str
    config: dict[str, Any]
    etag: str
    modified: float
    managed: bool = False
