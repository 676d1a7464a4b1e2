"""``cloud.client("events")``: boto3's EventBridge client, over the engine.

Each operation is one call of the engine's public method of the same name.

>>> from pyserverless import Cloud
>>> events = Cloud.manual().client("events")
>>> events.put_rule(Name="orders", EventPattern='{"source": ["shop"]}')["RuleArn"]
'arn:aws:events:us-east-1:123456789012:rule/orders'
>>> events.test_event_pattern(
...     EventPattern='{"source": ["shop"]}',
...     Event='{"id": "1", "account": "1", "source": "shop", "time": "2024-01-01T00:00:00Z",'
...     ' "region": "us-east-1", "detail-type": "x", "resources": [], "detail": {}}',
... )["Result"]
True
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from ._engine import EventBridge
from ._errors import EventsError

__all__ = ["EventsClient"]


class EventsClient(ServiceClient):
    """boto3's ``events`` client: rules, targets, events and buses."""

    service_name: ClassVar[str] = "events"
    error_base: ClassVar[type[EventsError]] = EventsError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: EventBridge = cloud.engine("events", region_name)

    @operation("PutRule")
    def put_rule(self, params: Params) -> Response:
        """Create a rule, or replace the rule of that name: an event pattern or a schedule.

        PutRule. Required: ``Name``; one of ``EventPattern`` (JSON text) and
        ``ScheduleExpression`` (``rate(5 minutes)``, ``cron(0 * * * ? *)``). Optional:
        ``State`` (``ENABLED`` by default), ``Description``, ``RoleArn``, ``Tags``,
        ``EventBusName``. Returns ``RuleArn``; a replaced rule keeps its targets.
        """
        return self._engine.put_rule(params)

    @operation("DescribeRule")
    def describe_rule(self, params: Params) -> Response:
        """Read a rule's definition.

        DescribeRule. Required: ``Name``; optional ``EventBusName``. Returns ``Name``,
        ``Arn``, ``EventPattern`` or ``ScheduleExpression``, ``State``, ``Description``,
        ``EventBusName`` and ``CreatedBy``.
        """
        return self._engine.describe_rule(params)

    @operation("ListRules")
    def list_rules(self, params: Params) -> Response:
        """List a bus's rules in name order.

        ListRules. Optional: ``NamePrefix``, ``EventBusName``, ``Limit`` (up to 100) and
        ``NextToken``. Returns ``Rules`` and, when more remain, ``NextToken``.
        """
        return self._engine.list_rules(params)

    @operation("ListRuleNamesByTarget")
    def list_rule_names_by_target(self, params: Params) -> Response:
        """Name the rules that send events to a target ARN.

        ListRuleNamesByTarget. Required: ``TargetArn``; optional ``EventBusName``,
        ``Limit``, ``NextToken``. Returns ``RuleNames``.
        """
        return self._engine.list_rule_names_by_target(params)

    @operation("EnableRule")
    def enable_rule(self, params: Params) -> Response:
        """Turn a rule on: it matches events, or its schedule fires, again.

        EnableRule. Required: ``Name``; optional ``EventBusName``. A rate schedule
        counts again from now.
        """
        return self._engine.enable_rule(params)

    @operation("DisableRule")
    def disable_rule(self, params: Params) -> Response:
        """Turn a rule off: no events match it and its schedule stops.

        DisableRule. Required: ``Name``; optional ``EventBusName``.
        """
        return self._engine.disable_rule(params)

    @operation("DeleteRule")
    def delete_rule(self, params: Params) -> Response:
        """Delete a rule that has no targets left.

        DeleteRule. Required: ``Name``; optional ``EventBusName``, ``Force``. A rule
        with targets is refused (remove them first); a missing rule is not an error.
        """
        return self._engine.delete_rule(params)

    @operation("PutTargets")
    def put_targets(self, params: Params) -> Response:
        """Attach targets to a rule, or replace those with the same ids.

        PutTargets. Required: ``Rule`` and ``Targets`` (each ``Id`` and ``Arn``, and at
        most one of ``Input``, ``InputPath`` and ``InputTransformer``). At most five
        targets per rule. Returns ``FailedEntryCount`` and ``FailedEntries``.
        """
        return self._engine.put_targets(params)

    @operation("RemoveTargets")
    def remove_targets(self, params: Params) -> Response:
        """Detach targets from a rule by id.

        RemoveTargets. Required: ``Rule`` and ``Ids``; optional ``EventBusName``,
        ``Force``. Returns ``FailedEntryCount`` and ``FailedEntries``.
        """
        return self._engine.remove_targets(params)

    @operation("ListTargetsByRule")
    def list_targets_by_rule(self, params: Params) -> Response:
        """List a rule's targets as they were put.

        ListTargetsByRule. Required: ``Rule``; optional ``EventBusName``, ``Limit``,
        ``NextToken``. Returns ``Targets``.
        """
        return self._engine.list_targets_by_rule(params)

    @operation("PutEvents")
    def put_events(self, params: Params) -> Response:
        """Send events to a bus; matching rules deliver them to their targets.

        PutEvents. Required: ``Entries`` (1 to 10, each with ``Source``, ``DetailType``
        and ``Detail``, a JSON object; optional ``Time``, ``Resources``,
        ``EventBusName``). Returns ``FailedEntryCount`` and one result per entry: an
        ``EventId`` or an ``ErrorCode`` and ``ErrorMessage``.
        """
        return self._engine.put_events(params)

    @operation("TestEventPattern")
    def test_event_pattern(self, params: Params) -> Response:
        """Check whether an event matches an event pattern.

        TestEventPattern. Required: ``EventPattern`` and ``Event`` (JSON text with
        ``id``, ``account``, ``source``, ``time``, ``region`` and ``detail-type``).
        Returns ``Result``.
        """
        return self._engine.test_event_pattern(params)

    @operation("CreateEventBus")
    def create_event_bus(self, params: Params) -> Response:
        """Create a custom event bus.

        CreateEventBus. Required: ``Name``; optional ``Description``, ``Tags``. Returns
        ``EventBusArn``.
        """
        return self._engine.create_event_bus(params)

    @operation("DescribeEventBus")
    def describe_event_bus(self, params: Params) -> Response:
        """Read an event bus (the default one when no name is given).

        DescribeEventBus. Optional: ``Name``. Returns ``Name``, ``Arn``, ``Policy``
        (once PutPermission set one), ``CreationTime`` and ``LastModifiedTime``.
        """
        return self._engine.describe_event_bus(params)

    @operation("PutPermission")
    def put_permission(self, params: Params) -> Response:
        """Grant an account (or everyone) PutEvents on a bus, or set its whole policy.

        PutPermission. Optional: ``EventBusName`` (default bus), ``Action``
        (``events:PutEvents``), ``Principal`` (an account id or ``*``), ``StatementId``,
        ``Condition``, or instead ``Policy`` (a whole JSON policy). Answers nothing.
        """
        return self._engine.put_permission(params)

    @operation("RemovePermission")
    def remove_permission(self, params: Params) -> Response:
        """Take a statement, or the whole policy, off a bus.

        RemovePermission. Optional: ``EventBusName``, ``StatementId`` or
        ``RemoveAllPermissions``. Answers nothing.
        """
        return self._engine.remove_permission(params)

    @operation("ListEventBuses")
    def list_event_buses(self, params: Params) -> Response:
        """List the event buses, the default one included.

        ListEventBuses. Optional: ``NamePrefix``, ``Limit``, ``NextToken``. Returns
        ``EventBuses``.
        """
        return self._engine.list_event_buses(params)

    @operation("DeleteEventBus")
    def delete_event_bus(self, params: Params) -> Response:
        """Delete a custom event bus and its rules.

        DeleteEventBus. Required: ``Name``. The default bus cannot be deleted; a missing
        bus is not an error.
        """
        return self._engine.delete_event_bus(params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, params: Params) -> Response:
        """List a rule's tags.

        ListTagsForResource. Required: ``ResourceARN``. Returns ``Tags``.
        """
        return self._engine.list_tags_for_resource(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> Response:
        """Add or replace tags on a rule.

        TagResource. Required: ``ResourceARN`` and ``Tags``.
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> Response:
        """Remove tags from a rule.

        UntagResource. Required: ``ResourceARN`` and ``TagKeys``.
        """
        return self._engine.untag_resource(params)
