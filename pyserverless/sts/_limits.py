"""STS's quotas and settings (``Cloud(limits={"sts": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["STSLimits"]


@attrs.frozen
class STSLimits:
    """STS's limits, each with AWS's value.

    >>> STSLimits().role_chaining_max_seconds
    3600
    """

    #: AssumeRole's default session (1 hour).
    default_role_seconds: int = 3600
    #: A role assumed with role credentials (role chaining) lasts one hour at most.
    role_chaining_max_seconds: int = 3600
    #: GetSessionToken's default (12 hours) and the account root's maximum (1 hour).
    default_session_seconds: int = 43_200
    root_session_max_seconds: int = 3600
    #: Characters of a session policy (plain text), and of the packed policy and tags.
    max_session_policy: int = 2048
    #: Managed policies passed as ``PolicyArns`` (AWS: 10) and session tags (AWS: 50).
    max_policy_arns: int = 10
    max_session_tags: int = 50
