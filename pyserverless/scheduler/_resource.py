"""``cloud.schedules``: EventBridge Scheduler's schedules as Python objects.

Every call goes through the boto3-shaped client, so a schedule made here is the one the
client and the wire see.

>>> import datetime as dt
>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock(dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)))
>>> fn = cloud.lambda_.create_function("tick", handler=lambda event, context: None)
>>> hourly = cloud.schedules.create("hourly", "rate(1 hour)", fn, input={"job": "sync"})
>>> hourly
<Schedule 'hourly' in default: rate(1 hour) ENABLED>
>>> _ = cloud.advance(dt.timedelta(hours=3))
>>> hourly.firings, [a.payload for a in hourly.attempts()][:1]
(4, [b'{"job": "sync"}'])
>>> hourly.delete()
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._model import Attempt

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import SchedulerClient
    from ._engine import SchedulerService

__all__ = ["Schedule", "SchedulesResource"]

#: The role ARN a schedule made here names (Scheduler requires one; pyserverless has no IAM).
DEFAULT_ROLE = "arn:aws:iam::{account}:role/pyserverless-scheduler"


class Schedule:
    """One schedule: ``describe()``, ``attempts()``, ``firings``, ``delete()``."""

    __slots__ = ("_client", "_engine", "group", "name")

    def __init__(
        self, client: SchedulerClient, engine: SchedulerService, name: str, group: str
    ) -> None:
        self._client = client
        self._engine = engine
        #: The schedule's name and its group's.
        self.name = name
        self.group = group

    def describe(self) -> dict[str, Any]:
        """GetSchedule's answer (without ResponseMetadata)."""
        out = self._client.get_schedule(Name=self.name, GroupName=self.group)
        out.pop("ResponseMetadata", None)
        return out

    @property
    def arn(self) -> str:
        return self._engine.schedule_arn(self.group, self.name)

    @property
    def firings(self) -> int:
        """How many times the schedule has fired (0 once it is gone)."""
        with self._engine.lock:
            group = self._engine.groups.get(self.group)
            record = group.schedules.get(self.name) if group is not None else None
            return record.firings if record is not None else 0

    def attempts(self) -> list[Attempt]:
        """Every hand-over of this schedule's firings to its target, failures included."""
        with self._engine.lock:
            return [a for a in self._engine.attempts if a.schedule_arn == self.arn]

    def delete(self) -> None:
        """DeleteSchedule."""
        self._client.delete_schedule(Name=self.name, GroupName=self.group)

    def __repr__(self) -> str:
        got = self.describe()
        return (
            f"<Schedule {self.name!r} in {self.group}: {got['ScheduleExpression']} {got['State']}>"
        )


class SchedulesResource:
    """``cloud.schedules``: create, get and list schedules with Python values."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._cloud = cloud
        self._client: SchedulerClient = cloud.client("scheduler", region)
        self._engine: SchedulerService = cloud.engine("scheduler", region)

    def create(
        self,
        name: str,
        expression: str,
        target: Any,
        *,
        input: Any = None,
        timezone: str | None = None,
        group: str = "default",
        start: datetime | None = None,
        end: datetime | None = None,
        window_minutes: int | None = None,
        after_completion: str = "NONE",
        enabled: bool = True,
    ) -> Schedule:
        """CreateSchedule with Python values: ``target`` is a Lambda ``Function`` or its ARN,
        ``input`` a JSON-able value (or JSON text), ``window_minutes`` a flexible window."""
        arn = target if isinstance(target, str) else getattr(target, "arn", None)
        if not isinstance(arn, str):
            raise TypeError(f"target is a Lambda function or its ARN; got {target!r}")
        spec: dict[str, Any] = {
            "Arn": arn,
            "RoleArn": DEFAULT_ROLE.format(account=self._cloud.account_id),
        }
        if input is not None:
            spec["Input"] = input if isinstance(input, str) else json.dumps(input)
        params: dict[str, Any] = {
            "Name": name,
            "GroupName": group,
            "ScheduleExpression": expression,
            "FlexibleTimeWindow": {"Mode": "OFF"}
            if window_minutes is None
            else {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": window_minutes},
            "Target": spec,
            "ActionAfterCompletion": after_completion,
            "State": "ENABLED" if enabled else "DISABLED",
        }
        optional = {
            "ScheduleExpressionTimezone": timezone,
            "StartDate": start,
            "EndDate": end,
        }
        params.update({k: v for k, v in optional.items() if v is not None})
        self._client.create_schedule(**params)
        return Schedule(self._client, self._engine, name, group)

    def get(self, name: str, *, group: str = "default") -> Schedule:
        """The schedule of that name (ResourceNotFoundException if there is none)."""
        self._client.get_schedule(Name=name, GroupName=group)
        return Schedule(self._client, self._engine, name, group)

    def list(self, *, group: str | None = None) -> list[Schedule]:
        """Every schedule (in one group, when named), by group and name."""
        with self._engine.lock:
            groups = [group] if group is not None else sorted(self._engine.groups)
            return [
                Schedule(self._client, self._engine, name, g)
                for g in groups
                if g in self._engine.groups
                for name in sorted(self._engine.groups[g].schedules)
            ]

    def __repr__(self) -> str:
        with self._engine.lock:
            count = self._engine.schedule_count()
        return f"<SchedulesResource {self._engine.region}: {count} schedules>"
