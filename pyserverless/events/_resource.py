"""``cloud.events``: EventBridge rules as Python objects (``rule``, ``schedule``, ``put_event``).

Every call goes through the boto3-shaped client, so a rule made here is the rule the
client and the wire see.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._errors import EventsError
from ._model import Delivery

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import EventsClient
    from ._engine import EventBridge

__all__ = ["EventRule", "EventsResource"]


def _arn_of(target: Any) -> str:
    """A target's ARN: a string, or anything with an ``arn`` (a Lambda ``Function``)."""
    arn = target if isinstance(target, str) else getattr(target, "arn", None)
    if not isinstance(arn, str):
        raise TypeError(f"a target is an ARN or has an .arn; got {target!r}")
    return arn


class EventRule:
    """One rule: ``describe()``, ``targets()``, ``add_target(...)``, ``enable()``,
    ``disable()``, ``delete()``, and ``firings`` for a schedule.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> rule = cloud.events.rule("orders", pattern={"source": ["shop"]})
    >>> rule
    <EventRule 'orders' on default: pattern ENABLED, 0 targets>
    >>> rule.disable().describe()["State"]
    'DISABLED'
    """

    __slots__ = ("_client", "bus", "name")

    def __init__(self, client: EventsClient, name: str, bus: str) -> None:
        self._client = client
        #: The rule's name and its bus's.
        self.name = name
        self.bus = bus

    def describe(self) -> dict[str, Any]:
        """DescribeRule's answer (without ResponseMetadata)."""
        out = self._client.describe_rule(Name=self.name, EventBusName=self.bus)
        out.pop("ResponseMetadata", None)
        return out

    @property
    def arn(self) -> str:
        """The rule's ARN."""
        return str(self.describe()["Arn"])

    def targets(self) -> list[dict[str, Any]]:
        """The rule's targets, as ListTargetsByRule lists them."""
        found: list[dict[str, Any]] = []
        params: dict[str, Any] = {"Rule": self.name, "EventBusName": self.bus}
        while True:
            page = self._client.list_targets_by_rule(**params)
            found.extend(page["Targets"])
            if "NextToken" not in page:
                return found
            params["NextToken"] = page["NextToken"]

    def add_target(
        self,
        target: Any,
        *,
        id: str | None = None,
        input: Any = None,
        input_path: str | None = None,
        input_transformer: Mapping[str, Any] | None = None,
    ) -> EventRule:
        """Attach a target (a Lambda ``Function`` or an ARN); ``input`` any JSON value."""
        spec: dict[str, Any] = {"Id": id or f"target-{len(self.targets()) + 1}"}
        spec["Arn"] = _arn_of(target)
        if input is not None:
            spec["Input"] = json.dumps(input)
        if input_path is not None:
            spec["InputPath"] = input_path
        if input_transformer is not None:
            spec["InputTransformer"] = dict(input_transformer)
        self._client.put_targets(Rule=self.name, EventBusName=self.bus, Targets=[spec])
        return self

    def enable(self) -> EventRule:
        """EnableRule."""
        self._client.enable_rule(Name=self.name, EventBusName=self.bus)
        return self

    def disable(self) -> EventRule:
        """DisableRule: no more matches or firings."""
        self._client.disable_rule(Name=self.name, EventBusName=self.bus)
        return self

    def delete(self) -> None:
        """Remove the rule's targets, then the rule."""
        ids = [t["Id"] for t in self.targets()]
        if ids:
            self._client.remove_targets(Rule=self.name, EventBusName=self.bus, Ids=ids)
        self._client.delete_rule(Name=self.name, EventBusName=self.bus)

    @property
    def firings(self) -> int:
        """How many times the rule's schedule has fired."""
        engine: EventBridge = self._client._engine
        rule = engine.buses[self.bus].rules.get(self.name)
        return 0 if rule is None else rule.firings

    def __repr__(self) -> str:
        d = self.describe()
        kind = d.get("ScheduleExpression") or "pattern"
        n = len(self.targets())
        return f"<EventRule {self.name!r} on {self.bus}: {kind} {d['State']}, {n} targets>"


class EventsResource:
    """EventBridge in one region, as Python objects: ``cloud.events``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> seen = []
    >>> fn = cloud.lambda_.create_function("audit", handler=lambda e, c: seen.append(e["detail"]))
    >>> big = {"detail": {"total": [{"numeric": [">", 100]}]}}
    >>> cloud.events.rule("big-orders", pattern=big, target=fn)
    <EventRule 'big-orders' on default: pattern ENABLED, 1 targets>
    >>> event_id = cloud.events.put_event("shop", "OrderPlaced", {"total": 250})
    >>> _ = cloud.events.put_event("shop", "OrderPlaced", {"total": 5})
    >>> _ = cloud.advance(0)
    >>> seen
    [{'total': 250}]
    """

    __slots__ = ("_client", "region")

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._client: EventsClient = cloud.client("events", region)
        #: The region of this resource layer's rules.
        self.region = region

    def rule(
        self,
        name: str,
        *,
        pattern: Mapping[str, Any] | str | None = None,
        schedule: str | None = None,
        target: Any = None,
        input: Any = None,
        description: str | None = None,
        enabled: bool = True,
        bus: str = "default",
    ) -> EventRule:
        """Create (or replace) a rule; ``target`` is attached as ``target-1``."""
        params: dict[str, Any] = {"Name": name, "EventBusName": bus}
        if pattern is not None:
            params["EventPattern"] = pattern if isinstance(pattern, str) else json.dumps(pattern)
        if schedule is not None:
            params["ScheduleExpression"] = schedule
        if description is not None:
            params["Description"] = description
        params["State"] = "ENABLED" if enabled else "DISABLED"
        self._client.put_rule(**params)
        rule = EventRule(self._client, name, bus)
        if target is not None:
            rule.add_target(target, id="target-1", input=input)
        return rule

    def schedule(self, name: str, expression: str, target: Any, *, input: Any = None) -> EventRule:
        """A scheduled rule (``rate(...)`` or ``cron(...)``) invoking ``target``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> fn = cloud.lambda_.create_function("tick", handler=lambda e, c: None)
        >>> hourly = cloud.events.schedule("hourly", "rate(1 hour)", fn)
        >>> _ = cloud.advance(3 * 3600)
        >>> hourly.firings
        3
        """
        return self.rule(name, schedule=expression, target=target, input=input)

    def get_rule(self, name: str, *, bus: str = "default") -> EventRule:
        """An existing rule (``ResourceNotFoundException`` if there is none)."""
        self._client.describe_rule(Name=name, EventBusName=bus)
        return EventRule(self._client, name, bus)

    def rules(self, *, bus: str = "default") -> list[EventRule]:
        """Every rule of a bus, by name."""
        found: list[EventRule] = []
        params: dict[str, Any] = {"EventBusName": bus}
        while True:
            page = self._client.list_rules(**params)
            found.extend(EventRule(self._client, r["Name"], bus) for r in page["Rules"])
            if "NextToken" not in page:
                return found
            params["NextToken"] = page["NextToken"]

    def put_event(
        self,
        source: str,
        detail_type: str,
        detail: Mapping[str, Any],
        *,
        resources: Sequence[str] = (),
        time: datetime | None = None,
        bus: str = "default",
    ) -> str:
        """PutEvents with one entry; returns its EventId (a failed entry raises)."""
        entry: dict[str, Any] = {
            "Source": source,
            "DetailType": detail_type,
            "Detail": json.dumps(detail),
            "Resources": list(resources),
            "EventBusName": bus,
        }
        if time is not None:
            entry["Time"] = time
        result = self._client.put_events(Entries=[entry])["Entries"][0]
        if "ErrorCode" in result:
            raise EventsError(result["ErrorMessage"], code=result["ErrorCode"])
        return str(result["EventId"])

    def deliveries(self) -> list[Delivery]:
        """Every hand-over of an event to a target so far (``error_code`` set on failures)."""
        engine: EventBridge = self._client._engine
        with engine.lock:
            return list(engine.deliveries)

    def __repr__(self) -> str:
        return f"events.ServiceResource(region={self.region!r})"
