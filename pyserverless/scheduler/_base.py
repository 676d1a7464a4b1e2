"""What every part of the Scheduler engine shares: its state and small helpers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .._core.paging import index_token, token_index
from . import _messages as msg
from ._errors import ResourceNotFoundException, ValidationException
from ._limits import SchedulerLimits
from ._model import Attempt, Group, ScheduleRecord

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["DEFAULT_GROUP", "EngineBase", "Params", "Response", "iso_time"]

Params = dict[str, Any]
Response = dict[str, Any]
DEFAULT_GROUP = "default"


def iso_time(instant: float) -> str:
    """``<aws.scheduler.scheduled-time>``: UTC to the second (``2022-03-22T18:59:43Z``)."""
    return datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class EngineBase:
    """The engine's state; the operations live in the engine and its mixin."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: SchedulerLimits = cloud.limits.for_service("scheduler")
        self.lock = threading.RLock()
        self.groups: dict[str, Group] = {}
        #: Every hand-over of a firing to its target, in order (failures included).
        self.attempts: list[Attempt] = []
        self._add_group(DEFAULT_GROUP)

    # -- names and ARNs -------------------------------------------------------------
    def group_arn(self, name: str) -> str:
        return f"arn:aws:scheduler:{self.region}:{self.account_id}:schedule-group/{name}"

    def schedule_arn(self, group: str, name: str) -> str:
        return f"arn:aws:scheduler:{self.region}:{self.account_id}:schedule/{group}/{name}"

    def _add_group(self, name: str, tags: dict[str, str] | None = None) -> Group:
        group = Group(name, self.group_arn(name), self.cloud.clock.time(), dict(tags or {}))
        self.groups[name] = group
        return group

    def _group(self, name: str | None) -> Group:
        name = name or DEFAULT_GROUP
        group = self.groups.get(name)
        if group is None:
            raise ResourceNotFoundException(msg.GROUP_NOT_FOUND.format(name=name))
        return group

    def _schedule(self, params: Params) -> ScheduleRecord:
        group = self._group(params.get("GroupName"))
        schedule = group.schedules.get(params["Name"])
        if schedule is None:
            raise ResourceNotFoundException(msg.SCHEDULE_NOT_FOUND.format(name=params["Name"]))
        return schedule

    def schedule_count(self) -> int:
        return sum(len(g.schedules) for g in self.groups.values())

    # -- paging ---------------------------------------------------------------------
    def _page(self, rows: list[Any], params: Params) -> tuple[list[Any], str | None]:
        """One page of ``rows`` (MaxResults, NextToken), and the token of the next."""
        start = 0
        token = params.get("NextToken")
        if token is not None:
            start = _token_index(token)
            if start > len(rows):
                raise ValidationException(msg.BAD_TOKEN)
        limit = min(int(params.get("MaxResults") or self.limits.max_page), self.limits.max_page)
        end = start + limit
        return rows[start:end], (_index_token(end) if end < len(rows) else None)

    @staticmethod
    def _datetime(instant: float) -> datetime:
        return datetime.fromtimestamp(instant, UTC)

    # -- hooks the firing mixin fills in ----------------------------------------------
    def _reschedule(self, schedule: ScheduleRecord) -> None:
        """Cancel a schedule's pending firing and plan the next one."""

    def _cancel(self, schedule: ScheduleRecord) -> None:
        """Cancel a schedule's pending firing."""


def _index_token(index: int) -> str:
    return index_token("scheduler", index)


def _token_index(token: str) -> int:
    found = token_index("scheduler", token)
    if found is None:
        raise ValidationException(msg.BAD_TOKEN)
    return found
