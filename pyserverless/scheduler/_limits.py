"""EventBridge Scheduler's quotas and settings (``Cloud(limits={"scheduler": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["SchedulerLimits"]


@attrs.frozen
class SchedulerLimits:
    """EventBridge Scheduler's limits, each a field with AWS's value.

    >>> SchedulerLimits().max_schedule_groups
    500
    >>> SchedulerLimits(max_schedules=10).max_schedules
    10
    """

    #: Schedules per account and Region (AWS's default quota: 1,000,000).
    max_schedules: int = 1_000_000
    #: Schedule groups per account and Region, ``default`` included (AWS's default quota: 500).
    max_schedule_groups: int = 500
    #: The largest page of ListSchedules / ListScheduleGroups (the model's MaxResults: 100).
    max_page: int = 100
    #: The retry policy of a target that gives none (AWS documents 185 retries over 24 hours).
    default_max_retry_attempts: int = 185
    default_max_event_age_seconds: int = 86_400
    #: [?] The payload a Lambda target receives when its ``Input`` is absent (AWS documents
    #: only "a default notification").
    default_input: str = "{}"
    #: [?] Retries back off exponentially from this delay, doubling up to the next field's
    #: cap (AWS documents exponential backoff, without the numbers; no jitter here).
    retry_base_seconds: float = 1.0
    retry_max_seconds: float = 300.0
