"""Scheduler's resources: schedule groups, schedules, and the record of each attempt."""

from __future__ import annotations

from typing import Any

import attrs

from .._core.scheduler import TaskHandle
from ._expressions import Expression

__all__ = ["Attempt", "Group", "ScheduleRecord", "ScheduleSpec"]


@attrs.frozen
class ScheduleSpec:
    """Everything CreateSchedule / UpdateSchedule set, checked (the plan they apply)."""

    expression: Expression
    timezone: str | None
    start: float | None
    end: float | None
    description: str | None
    state: str
    #: The Target as given, with the retry policy filled in (GetSchedule's ``Target``).
    target: dict[str, Any]
    flexible: dict[str, Any]
    action_after_completion: str
    #: The flexible window in seconds (0 when Mode is OFF).
    window_seconds: int
    max_retry_attempts: int
    max_event_age_seconds: int


@attrs.define(eq=False)
class ScheduleRecord:
    """One schedule in one group; ``timer`` is its next firing on the Cloud's Scheduler."""

    name: str
    group: str
    arn: str
    spec: ScheduleSpec
    created: float
    modified: float
    #: Where a rate schedule counts from: its StartDate, or when it was last set.
    anchor: float
    timer: TaskHandle | None = None
    firings: int = 0

    @property
    def enabled(self) -> bool:
        return self.spec.state == "ENABLED"


@attrs.define(eq=False)
class Group:
    """A schedule group: a name, tags and its schedules by name."""

    name: str
    arn: str
    created: float
    tags: dict[str, str] = attrs.field(factory=dict)
    schedules: dict[str, ScheduleRecord] = attrs.field(factory=dict)


@attrs.frozen
class Attempt:
    """One hand-over of a firing to its target (``code`` None: Lambda accepted it).

    ``discarded``: the last attempt of a firing that never got through (no retry left,
    the event too old, or an error Scheduler does not retry): where AWS would send the
    event to the dead-letter queue.
    """

    schedule_arn: str
    target_arn: str
    #: The instant the schedule was due (``<aws.scheduler.scheduled-time>``).
    scheduled: float
    #: When this attempt ran, on the Cloud's clock.
    at: float
    attempt: int
    execution_id: str
    payload: bytes
    code: str | None = None
    message: str | None = None
    discarded: bool = False
