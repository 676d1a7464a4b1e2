"""``cloud.client("scheduler")``: boto3's EventBridge Scheduler client, over the engine.

Each operation is one call of the engine's public method of the same name.

>>> from pyserverless import Cloud
>>> scheduler = Cloud.manual().client("scheduler")
>>> scheduler.create_schedule_group(Name="reports")["ScheduleGroupArn"]
'arn:aws:scheduler:us-east-1:123456789012:schedule-group/reports'
>>> [g["Name"] for g in scheduler.list_schedule_groups()["ScheduleGroups"]]
['default', 'reports']
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from ._engine import SchedulerService
from ._errors import SchedulerError

__all__ = ["SchedulerClient"]


class SchedulerClient(ServiceClient):
    """boto3's ``scheduler`` client: schedules and schedule groups."""

    service_name: ClassVar[str] = "scheduler"
    error_base: ClassVar[type[SchedulerError]] = SchedulerError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: SchedulerService = cloud.engine("scheduler", region_name)

    @operation("CreateSchedule")
    def create_schedule(self, params: Params) -> Response:
        """Create a schedule that invokes a Lambda function on the Cloud's clock.

        CreateSchedule. Required: ``Name``, ``ScheduleExpression`` (``at(...)``,
        ``rate(...)`` or ``cron(...)``), ``FlexibleTimeWindow`` and ``Target`` (a Lambda
        function ``Arn``, ``RoleArn``, optional ``Input`` and ``RetryPolicy``). Optional:
        ``GroupName``, ``ScheduleExpressionTimezone``, ``StartDate``, ``EndDate``,
        ``State``, ``Description``, ``ActionAfterCompletion``. Returns ``ScheduleArn``.
        """
        return self._engine.create_schedule(params)

    @operation("GetSchedule")
    def get_schedule(self, params: Params) -> Response:
        """Read a schedule's whole definition.

        GetSchedule. Required: ``Name``; optional ``GroupName``. Returns the settings,
        the target with its retry policy, and the creation and modification dates.
        """
        return self._engine.get_schedule(params)

    @operation("UpdateSchedule")
    def update_schedule(self, params: Params) -> Response:
        """Replace a schedule's settings (members left out return to their defaults).

        UpdateSchedule. Required, as for CreateSchedule: ``Name``, ``ScheduleExpression``,
        ``FlexibleTimeWindow`` and ``Target``; the optional members are CreateSchedule's.
        The next firing is planned again from the new settings. Returns ``ScheduleArn``.
        """
        return self._engine.update_schedule(params)

    @operation("DeleteSchedule")
    def delete_schedule(self, params: Params) -> Response:
        """Delete a schedule; its pending firing is cancelled.

        DeleteSchedule. Required: ``Name``; optional ``GroupName``, ``ClientToken``.
        """
        return self._engine.delete_schedule(params)

    @operation("ListSchedules")
    def list_schedules(self, params: Params) -> Response:
        """List schedules by group and name.

        ListSchedules. Optional: ``GroupName``, ``NamePrefix``, ``State``,
        ``MaxResults`` (up to 100) and ``NextToken``. Returns ``Schedules`` (summaries)
        and, when more remain, ``NextToken``.
        """
        return self._engine.list_schedules(params)

    @operation("CreateScheduleGroup")
    def create_schedule_group(self, params: Params) -> Response:
        """Create a schedule group.

        CreateScheduleGroup. Required: ``Name``; optional ``Tags``, ``ClientToken``.
        Returns ``ScheduleGroupArn``.
        """
        return self._engine.create_schedule_group(params)

    @operation("GetScheduleGroup")
    def get_schedule_group(self, params: Params) -> Response:
        """Read a schedule group's ARN, state and dates.

        GetScheduleGroup. Required: ``Name``.
        """
        return self._engine.get_schedule_group(params)

    @operation("DeleteScheduleGroup")
    def delete_schedule_group(self, params: Params) -> Response:
        """Delete a schedule group and every schedule in it (not ``default``).

        DeleteScheduleGroup. Required: ``Name``; optional ``ClientToken``.
        """
        return self._engine.delete_schedule_group(params)

    @operation("ListScheduleGroups")
    def list_schedule_groups(self, params: Params) -> Response:
        """List schedule groups by name.

        ListScheduleGroups. Optional: ``NamePrefix``, ``MaxResults``, ``NextToken``.
        Returns ``ScheduleGroups`` and, when more remain, ``NextToken``.
        """
        return self._engine.list_schedule_groups(params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, params: Params) -> Response:
        """Read a schedule group's tags.

        ListTagsForResource. Required: ``ResourceArn`` (a schedule group's ARN).
        Returns ``Tags``.
        """
        return self._engine.list_tags_for_resource(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> Response:
        """Add or replace tags on a schedule group.

        TagResource. Required: ``ResourceArn`` and ``Tags`` (``Key``/``Value`` pairs).
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> Response:
        """Remove tags from a schedule group.

        UntagResource. Required: ``ResourceArn`` and ``TagKeys``.
        """
        return self._engine.untag_resource(params)
