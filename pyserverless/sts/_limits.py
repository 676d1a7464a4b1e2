"""STS quotas: none that GetCallerIdentity meets."""

from __future__ import annotations

import attrs

__all__ = ["STSLimits"]


@attrs.frozen
class STSLimits:
    """STS has no quota pyserverless enforces yet (GetCallerIdentity has none).

    >>> STSLimits()
    STSLimits()
    """
