"""The EventBridge engine: event buses and rules (targets, events and schedules in mixins).

Every operation takes botocore's parameter dict and answers botocore's response dict.
Each first parses the request into what it will change (every check, in AWS's order),
then applies it: a refused request changes nothing.

>>> from pyserverless import Cloud
>>> events = Cloud.manual().engine("events")
>>> events.put_rule({"Name": "hourly", "ScheduleExpression": "cron(0 * * * ? *)"})["RuleArn"]
'arn:aws:events:us-east-1:123456789012:rule/hourly'
>>> events.describe_rule({"Name": "hourly"})["State"]
'ENABLED'
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from . import _messages as msg
from ._base import DEFAULT_BUS, EngineBase, Params, Response, check_name
from ._cron import Schedule, parse_schedule
from ._delivery import DeliveryOps
from ._errors import (
    LimitExceededException,
    ResourceAlreadyExistsException,
    ResourceNotFoundException,
    ValidationException,
)
from ._model import Rule
from ._patterns import Pattern, compile_pattern
from ._permissions import PermissionOps
from ._targets import TargetOps

__all__ = ["EventBridge"]


class EventBridge(TargetOps, DeliveryOps, PermissionOps, EngineBase):
    """EventBridge in one Region of a Cloud: buses, rules, targets, events, schedules."""

    # -- rules -------------------------------------------------------------------
    def put_rule(self, params: Params) -> Response:
        """PutRule: create or replace a rule (an event pattern or a schedule)."""
        check_name(params["Name"], "name")
        with self.lock:
            bus = self._bus(params)
            pattern_text = params.get("EventPattern")
            schedule_text = params.get("ScheduleExpression")
            if not pattern_text and not schedule_text:
                raise ValidationException(msg.PATTERN_OR_SCHEDULE)
            pattern: Pattern | None = compile_pattern(pattern_text) if pattern_text else None
            schedule: Schedule | None = None
            if schedule_text:
                if bus.name != DEFAULT_BUS:
                    raise ValidationException(msg.SCHEDULE_DEFAULT_BUS_ONLY)
                schedule = parse_schedule(schedule_text)
            name = params["Name"]
            old = bus.rules.get(name)
            if old is None and len(bus.rules) >= self.limits.max_rules_per_bus:
                raise LimitExceededException(msg.TOO_MANY_RULES)
            rule = Rule(
                name=name,
                bus=bus.name,
                arn=self.rule_arn(bus.name, name),
                state=params.get("State") or "ENABLED",
                event_pattern=pattern_text or None,
                pattern=pattern,
                schedule_expression=schedule_text or None,
                schedule=schedule,
                description=params.get("Description"),
                role_arn=params.get("RoleArn"),
                tags={t["Key"]: t["Value"] for t in params.get("Tags") or ()},
                anchor=self.cloud.clock.time(),
            )
            if old is not None:
                rule.targets = old.targets
                if not rule.tags:
                    rule.tags = old.tags
                self._cancel(old)
            bus.rules[name] = rule
            self._reschedule(rule)
            return {"RuleArn": rule.arn}

    def describe_rule(self, params: Params) -> Response:
        """DescribeRule: a rule's definition."""
        with self.lock:
            rule = self._rule(params)
            out = self._rule_row(rule)
            out["CreatedBy"] = self.account_id
            return out

    def _rule_row(self, rule: Rule) -> dict[str, Any]:
        row: dict[str, Any] = {"Name": rule.name, "Arn": rule.arn}
        if rule.event_pattern is not None:
            row["EventPattern"] = rule.event_pattern
        if rule.schedule_expression is not None:
            row["ScheduleExpression"] = rule.schedule_expression
        row["State"] = rule.state
        if rule.description is not None:
            row["Description"] = rule.description
        if rule.role_arn is not None:
            row["RoleArn"] = rule.role_arn
        row["EventBusName"] = rule.bus
        return row

    def list_rules(self, params: Params) -> Response:
        """ListRules: the bus's rules by name (NamePrefix, Limit, NextToken)."""
        with self.lock:
            bus = self._bus(params)
            prefix = params.get("NamePrefix") or ""
            rows = [self._rule_row(bus.rules[n]) for n in sorted(bus.rules) if n.startswith(prefix)]
            page, token = self._page(rows, params)
            out: Response = {"Rules": page}
            if token is not None:
                out["NextToken"] = token
            return out

    def list_rule_names_by_target(self, params: Params) -> Response:
        """ListRuleNamesByTarget: the names of the bus's rules that have a target ARN."""
        with self.lock:
            bus = self._bus(params)
            arn = params["TargetArn"]
            names = [
                n
                for n, rule in sorted(bus.rules.items())
                if any(t.arn == arn for t in rule.targets.values())
            ]
            page, token = self._page(names, params)
            out: Response = {"RuleNames": page}
            if token is not None:
                out["NextToken"] = token
            return out

    def enable_rule(self, params: Params) -> Response:
        """EnableRule: the rule matches events (or fires) again."""
        return self._set_state(params, "ENABLED")

    def disable_rule(self, params: Params) -> Response:
        """DisableRule: the rule stops matching events and firing."""
        return self._set_state(params, "DISABLED")

    def _set_state(self, params: Params, state: str) -> Response:
        with self.lock:
            rule = self._rule(params)
            if rule.state == state:
                return {}
            rule.state = state
            if state == "ENABLED":
                rule.anchor = self.cloud.clock.time()
            self._reschedule(rule)
            return {}

    def delete_rule(self, params: Params) -> Response:
        """DeleteRule: remove a rule with no targets (a missing rule is no error)."""
        with self.lock:
            bus = self._bus(params)
            rule = bus.rules.get(params["Name"])
            if rule is None:
                return {}
            if rule.targets:
                raise ValidationException(msg.RULE_HAS_TARGETS)
            self._cancel(rule)
            del bus.rules[rule.name]
            return {}

    # -- invariants --------------------------------------------------------------------
    def _check(self) -> None:
        """Assert the engine's invariants (tests call this after changes).

        Every rule sits on its own bus with its own ARN, has a pattern or a schedule, at
        most the quota of targets, and a pending timer exactly when it is an enabled
        schedule with a next instant.
        """
        with self.lock:
            assert DEFAULT_BUS in self.buses
            for name, bus in self.buses.items():
                assert bus.name == name
                assert bus.arn == self.bus_arn(name)
                for rule_name, rule in bus.rules.items():
                    assert (rule.name, rule.bus) == (rule_name, name)
                    assert rule.arn == self.rule_arn(name, rule_name)
                    assert (rule.pattern is None) == (rule.event_pattern is None)
                    assert rule.pattern is not None or rule.schedule is not None
                    assert len(rule.targets) <= self.limits.max_targets_per_rule
                    assert all(t.id == tid for tid, t in rule.targets.items())
                    pending = rule.timer is not None and not rule.timer.cancelled
                    if rule.schedule is None or not rule.enabled:
                        assert not pending
                    elif pending:
                        assert rule.timer is not None
                        assert rule.timer.when >= rule.anchor

    # -- tags ----------------------------------------------------------------------
    def list_tags_for_resource(self, params: Params) -> Response:
        """ListTagsForResource: a rule's or a bus's tags, by ARN."""
        with self.lock:
            tags = self._tags_of(params["ResourceARN"])
            return {"Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}

    def tag_resource(self, params: Params) -> Response:
        """TagResource: add or replace a rule's or a bus's tags."""
        with self.lock:
            tags = self._tags_of(params["ResourceARN"])
            tags.update({t["Key"]: t["Value"] for t in params["Tags"]})
            return {}

    def untag_resource(self, params: Params) -> Response:
        """UntagResource: remove tags from a rule or a bus."""
        with self.lock:
            tags = self._tags_of(params["ResourceARN"])
            for key in params["TagKeys"]:
                tags.pop(key, None)
            return {}

    def _tags_of(self, arn: str) -> dict[str, str]:
        for bus in self.buses.values():
            if bus.arn == arn:
                return bus.tags
            for rule in bus.rules.values():
                if rule.arn == arn:
                    return rule.tags
        if ":event-bus/" in arn:
            bus_name = arn.rsplit("/", 1)[-1]
            raise ResourceNotFoundException(msg.BUS_NOT_FOUND.format(bus=bus_name))
        name = arn.rsplit("/", 1)[-1]
        raise ResourceNotFoundException(msg.RULE_NOT_FOUND.format(rule=name, bus=DEFAULT_BUS))

    # -- event buses -----------------------------------------------------------------
    def create_event_bus(self, params: Params) -> Response:
        """CreateEventBus: a custom bus (partner sources, KMS keys and logs are refused)."""
        with self.lock:
            for member in ("EventSourceName", "KmsKeyIdentifier", "DeadLetterConfig", "LogConfig"):
                if params.get(member) is not None:
                    raise ValidationException(
                        msg.UNSUPPORTED_TARGET_MEMBER.format(id=params["Name"], member=member)
                    )
            name = params["Name"]
            if name in self.buses:
                raise ResourceAlreadyExistsException(msg.BUS_EXISTS.format(bus=name))
            if len(self.buses) >= self.limits.max_event_buses:
                raise LimitExceededException(msg.TOO_MANY_RULES)
            bus = self._add_bus(name, params.get("Description"))
            bus.tags = {t["Key"]: t["Value"] for t in params.get("Tags") or ()}
            out: Response = {"EventBusArn": bus.arn}
            if bus.description is not None:
                out["Description"] = bus.description
            return out

    def describe_event_bus(self, params: Params) -> Response:
        """DescribeEventBus: a bus's name, ARN and times (the default one when unnamed)."""
        with self.lock:
            bus = self._bus(params, "Name")
            return self._bus_row(bus)

    def _bus_row(self, bus: Any) -> dict[str, Any]:
        row: dict[str, Any] = {"Name": bus.name, "Arn": bus.arn}
        if bus.description is not None:
            row["Description"] = bus.description
        if bus.policy is not None:
            row["Policy"] = json.dumps(bus.policy)
        moment = self._datetime(bus.created)
        row["CreationTime"] = moment
        row["LastModifiedTime"] = moment
        return row

    def list_event_buses(self, params: Params) -> Response:
        """ListEventBuses: the buses by name (NamePrefix, Limit, NextToken)."""
        with self.lock:
            prefix = params.get("NamePrefix") or ""
            names = [n for n in sorted(self.buses) if n.startswith(prefix)]
            rows = [self._bus_row(self.buses[n]) for n in names]
            page, token = self._page(rows, params)
            out: Response = {"EventBuses": page}
            if token is not None:
                out["NextToken"] = token
            return out

    def delete_event_bus(self, params: Params) -> Response:
        """DeleteEventBus: remove a custom bus and its rules (a missing bus is no error)."""
        with self.lock:
            name = self._bus_name(params, "Name")
            if name == DEFAULT_BUS:
                raise ValidationException(msg.DELETE_DEFAULT_BUS)
            bus = self.buses.pop(name, None)
            if bus is not None:
                for rule in bus.rules.values():
                    self._cancel(rule)
            return {}

    def _datetime(self, instant: float) -> datetime:
        return datetime.fromtimestamp(instant, UTC)
