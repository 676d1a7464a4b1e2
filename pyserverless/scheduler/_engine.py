"""The EventBridge Scheduler engine: schedule groups and schedules (firing in a mixin).

Every operation takes botocore's parameter dict and answers botocore's response dict.
Each first checks the whole request (``_plan.py``), then applies it: a refused request
changes nothing.

>>> from pyserverless import Cloud
>>> scheduler = Cloud.manual().engine("scheduler")
>>> scheduler.create_schedule({
...     "Name": "hourly", "ScheduleExpression": "rate(1 hour)",
...     "FlexibleTimeWindow": {"Mode": "OFF"},
...     "Target": {"Arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
...                "RoleArn": "arn:aws:iam::123456789012:role/r"},
... })["ScheduleArn"]
'arn:aws:scheduler:us-east-1:123456789012:schedule/default/hourly'
>>> scheduler.get_schedule({"Name": "hourly"})["State"]
'ENABLED'
"""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._base import DEFAULT_GROUP, Params, Response
from ._errors import ConflictException, ServiceQuotaExceededException, ValidationException
from ._firing import FiringOps
from ._model import Group, ScheduleRecord
from ._plan import check_name, plan_schedule

__all__ = ["SchedulerService"]


class SchedulerService(FiringOps):
    """EventBridge Scheduler in one Region of a Cloud: schedule groups and schedules."""

    # -- schedules --------------------------------------------------------------------
    def create_schedule(self, params: Params) -> Response:
        """CreateSchedule: a new schedule in a group (``default`` when unnamed)."""
        spec = plan_schedule(params, self.limits)
        with self.lock:
            group = self._group(params.get("GroupName"))
            name = params["Name"]
            if name in group.schedules:
                raise ConflictException(msg.SCHEDULE_EXISTS.format(name=name))
            if self.schedule_count() >= self.limits.max_schedules:
                raise ServiceQuotaExceededException(msg.QUOTA.format(what="schedules"))
            now = self.cloud.clock.time()
            schedule = ScheduleRecord(
                name=name,
                group=group.name,
                arn=self.schedule_arn(group.name, name),
                spec=spec,
                created=now,
                modified=now,
                anchor=spec.start if spec.start is not None else now,
            )
            group.schedules[name] = schedule
            self._reschedule(schedule)
            return {"ScheduleArn": schedule.arn}

    def update_schedule(self, params: Params) -> Response:
        """UpdateSchedule: replace every setting of a schedule (what is left out is reset)."""
        spec = plan_schedule(params, self.limits)
        with self.lock:
            schedule = self._schedule(params)
            now = self.cloud.clock.time()
            schedule.spec = spec
            schedule.modified = now
            schedule.anchor = spec.start if spec.start is not None else now
            self._reschedule(schedule)
            return {"ScheduleArn": schedule.arn}

    def get_schedule(self, params: Params) -> Response:
        """GetSchedule: a schedule's definition."""
        with self.lock:
            return self._describe(self._schedule(params))

    def _describe(self, schedule: ScheduleRecord) -> dict[str, Any]:
        spec = schedule.spec
        out: dict[str, Any] = {
            "Arn": schedule.arn,
            "GroupName": schedule.group,
            "Name": schedule.name,
            "ScheduleExpression": spec.expression.text,
        }
        if spec.start is not None:
            out["StartDate"] = self._datetime(spec.start)
        if spec.end is not None:
            out["EndDate"] = self._datetime(spec.end)
        if spec.description is not None:
            out["Description"] = spec.description
        # "UTC" when none was given (the LocalStack suite's captures from AWS, 2025-01).
        out["ScheduleExpressionTimezone"] = spec.timezone or "UTC"
        out["State"] = spec.state
        out["CreationDate"] = self._datetime(schedule.created)
        out["LastModificationDate"] = self._datetime(schedule.modified)
        out["Target"] = _copy(spec.target)
        out["FlexibleTimeWindow"] = dict(spec.flexible)
        out["ActionAfterCompletion"] = spec.action_after_completion
        return out

    def delete_schedule(self, params: Params) -> Response:
        """DeleteSchedule: remove a schedule; its pending firing never happens."""
        with self.lock:
            schedule = self._schedule(params)
            self._cancel(schedule)
            del self.groups[schedule.group].schedules[schedule.name]
            return {}

    def list_schedules(self, params: Params) -> Response:
        """ListSchedules: schedules by group and name (GroupName, NamePrefix, State, paging)."""
        with self.lock:
            groups: list[Group]
            if params.get("GroupName") is not None:
                groups = [self._group(params["GroupName"])]
            else:
                groups = [self.groups[n] for n in sorted(self.groups)]
            prefix = params.get("NamePrefix") or ""
            state = params.get("State")
            rows = [
                self._summary(group.schedules[name])
                for group in groups
                for name in sorted(group.schedules)
                if name.startswith(prefix)
                and (state is None or group.schedules[name].spec.state == state)
            ]
            page, token = self._page(rows, params)
            out: Response = {"Schedules": page}
            if token is not None:
                out["NextToken"] = token
            return out

    def _summary(self, schedule: ScheduleRecord) -> dict[str, Any]:
        return {
            "Arn": schedule.arn,
            "Name": schedule.name,
            "GroupName": schedule.group,
            "State": schedule.spec.state,
            "CreationDate": self._datetime(schedule.created),
            "LastModificationDate": self._datetime(schedule.modified),
            "Target": {"Arn": schedule.spec.target["Arn"]},
        }

    # -- schedule groups -------------------------------------------------------------------
    def create_schedule_group(self, params: Params) -> Response:
        """CreateScheduleGroup: a named group (with Tags)."""
        check_name(params["Name"], "name")
        with self.lock:
            name = params["Name"]
            if name in self.groups:
                raise ConflictException(msg.GROUP_EXISTS.format(name=name))
            if len(self.groups) >= self.limits.max_schedule_groups:
                raise ServiceQuotaExceededException(msg.QUOTA.format(what="schedule groups"))
            tags = {t["Key"]: t["Value"] for t in params.get("Tags") or ()}
            return {"ScheduleGroupArn": self._add_group(name, tags).arn}

    def get_schedule_group(self, params: Params) -> Response:
        """GetScheduleGroup: a group's ARN, state and dates."""
        with self.lock:
            return self._group_row(self._group(params["Name"]))

    def _group_row(self, group: Group) -> dict[str, Any]:
        moment = self._datetime(group.created)
        return {
            "Arn": group.arn,
            "Name": group.name,
            "State": "ACTIVE",
            "CreationDate": moment,
            "LastModificationDate": moment,
        }

    def delete_schedule_group(self, params: Params) -> Response:
        """DeleteScheduleGroup: remove a group and every schedule in it."""
        with self.lock:
            if params["Name"] == DEFAULT_GROUP:
                raise ValidationException(msg.DELETE_DEFAULT_GROUP)
            group = self._group(params["Name"])
            for schedule in group.schedules.values():
                self._cancel(schedule)
            del self.groups[group.name]
            return {}

    def list_schedule_groups(self, params: Params) -> Response:
        """ListScheduleGroups: groups by name (NamePrefix, paging)."""
        with self.lock:
            prefix = params.get("NamePrefix") or ""
            rows = [
                self._group_row(self.groups[n]) for n in sorted(self.groups) if n.startswith(prefix)
            ]
            page, token = self._page(rows, params)
            out: Response = {"ScheduleGroups": page}
            if token is not None:
                out["NextToken"] = token
            return out

    # -- invariants ----------------------------------------------------------------------
    def _check(self) -> None:
        """Assert the engine's invariants (tests call this after changes).

        ``default`` exists; every group and schedule sits under its own name with its own
        ARN; the schedules fit the quota; a disabled schedule has no pending firing and a
        pending one is due within the schedule's dates (its flexible window added).
        """
        with self.lock:
            assert DEFAULT_GROUP in self.groups
            assert len(self.groups) <= self.limits.max_schedule_groups
            assert self.schedule_count() <= self.limits.max_schedules
            for name, group in self.groups.items():
                assert (group.name, group.arn) == (name, self.group_arn(name))
                for schedule_name, schedule in group.schedules.items():
                    assert (schedule.name, schedule.group) == (schedule_name, name)
                    assert schedule.arn == self.schedule_arn(name, schedule_name)
                    assert schedule.created <= schedule.modified
                    timer = schedule.timer
                    if timer is None or timer.cancelled:
                        continue
                    spec = schedule.spec
                    assert schedule.enabled
                    if spec.expression.one_time:
                        continue  # AWS ignores a one-time schedule's dates
                    assert spec.start is None or timer.when >= spec.start
                    assert spec.end is None or timer.when <= spec.end + spec.window_seconds

    # -- tags (schedule groups only) -------------------------------------------------------
    def list_tags_for_resource(self, params: Params) -> Response:
        """ListTagsForResource: a schedule group's tags, by ARN."""
        with self.lock:
            group = self._group_by_arn(params["ResourceArn"])
            return {"Tags": [{"Key": k, "Value": v} for k, v in group.tags.items()]}

    def tag_resource(self, params: Params) -> Response:
        """TagResource: add or replace a schedule group's tags."""
        with self.lock:
            group = self._group_by_arn(params["ResourceArn"])
            group.tags.update({t["Key"]: t["Value"] for t in params["Tags"]})
            return {}

    def untag_resource(self, params: Params) -> Response:
        """UntagResource: remove tags from a schedule group."""
        with self.lock:
            group = self._group_by_arn(params["ResourceArn"])
            for key in params["TagKeys"]:
                group.tags.pop(key, None)
            return {}

    def _group_by_arn(self, arn: str) -> Group:
        prefix = self.group_arn("")
        if not arn.startswith(prefix):
            raise ValidationException(msg.BAD_TAG_ARN.format(arn=arn))
        return self._group(arn[len(prefix) :])


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
