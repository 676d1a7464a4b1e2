"""CloudWatch Logs' quotas and settings (``Cloud(limits={"logs": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["RETENTION_DAYS", "LogsLimits"]

#: [D] PutRetentionPolicy's allowed values (the model's ``Days`` documentation).
RETENTION_DAYS: tuple[int, ...] = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
    1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip


@attrs.frozen
class LogsLimits:
    """CloudWatch Logs' limits, each a field with AWS's value.

    >>> LogsLimits().max_batch_events
    10000
    >>> LogsLimits(retention_sweep_seconds=60).retention_sweep_seconds
    60.0
    """

    #: [D] PutLogEvents: events per batch, bytes per batch, bytes counted per event.
    max_batch_events: int = 10_000
    max_batch_bytes: int = 1_048_576
    event_overhead_bytes: int = 26
    #: [D] PutLogEvents: the span of one batch, and how far from now events are accepted.
    max_batch_span_ms: int = 24 * 3600 * 1000
    max_past_ms: int = 14 * 24 * 3600 * 1000
    max_future_ms: int = 2 * 3600 * 1000
    #: [D] GetLogEvents / FilterLogEvents: events and bytes in one answer.
    max_events_page: int = 10_000
    max_page_bytes: int = 1_048_576
    #: [D] DescribeLogGroups / DescribeLogStreams: the largest and default page.
    max_describe_page: int = 50
    #: [D] Log groups per account and Region (AWS's default quota: 1,000,000).
    max_log_groups: int = 1_000_000
    #: [D] Tags per log group.
    max_tags: int = 50
    #: [?] How often expired events are removed. AWS documents "typically up to 72 hours
    #: after" an event passes its retention; here a sweep runs every hour on the clock.
    retention_sweep_seconds: float = attrs.field(default=3600.0, converter=float)
