"""What every part of the EventBridge engine shares: its state and small helpers."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .._core.paging import index_token, token_index
from . import _messages as msg
from ._errors import ResourceNotFoundException, ValidationException
from ._limits import EventsLimits
from ._model import Bus, Delivery, Rule

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["DEFAULT_BUS", "EngineBase", "Params", "Response", "check_name", "iso_time"]

Params = dict[str, Any]
Response = dict[str, Any]
DEFAULT_BUS = "default"


_NAME = re.compile(r"[\.\-_A-Za-z0-9]+")


def check_name(value: str, member: str) -> None:
    """AWS's pattern for rule names and target ids, matched in full (the model's pattern,
    which the generic pass only searches for)."""
    if not _NAME.fullmatch(value):
        raise ValidationException(
            f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
        )


def iso_time(instant: float) -> str:
    """EventBridge's event time: UTC to the second, ``Z`` (``2015-10-08T16:53:06Z``)."""
    return datetime.fromtimestamp(instant, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class EngineBase:
    """The engine's state; the operations live in mixins over it."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.account_id = cloud.account_id
        self.limits: EventsLimits = cloud.limits.for_service("events")
        self.lock = threading.RLock()
        self.buses: dict[str, Bus] = {}
        #: Every hand-over of an event to a target, in order (failures included).
        self.deliveries: list[Delivery] = []
        self._add_bus(DEFAULT_BUS, None)

    # -- names and ARNs ------------------------------------------------------------
    def bus_arn(self, name: str) -> str:
        return f"arn:aws:events:{self.region}:{self.account_id}:event-bus/{name}"

    def rule_arn(self, bus: str, name: str) -> str:
        path = name if bus == DEFAULT_BUS else f"{bus}/{name}"
        return f"arn:aws:events:{self.region}:{self.account_id}:rule/{path}"

    def _add_bus(self, name: str, description: str | None) -> Bus:
        bus = Bus(name, self.bus_arn(name), self.cloud.clock.time(), description)
        self.buses[name] = bus
        return bus

    @staticmethod
    def _bus_name(params: Params, key: str = "EventBusName") -> str:
        """The bus a request names (a name or an ARN), the default one when absent."""
        value = params.get(key)
        if not value:
            return DEFAULT_BUS
        text = str(value)
        if text.startswith("arn:") and ":event-bus/" in text:
            return text.rsplit(":event-bus/", 1)[1]
        return text

    def _bus(self, params: Params, key: str = "EventBusName") -> Bus:
        name = self._bus_name(params, key)
        bus = self.buses.get(name)
        if bus is None:
            raise ResourceNotFoundException(msg.BUS_NOT_FOUND.format(bus=name))
        return bus

    def _rule(self, params: Params, key: str = "Name") -> Rule:
        bus = self._bus(params)
        name = params[key]
        rule = bus.rules.get(name)
        if rule is None:
            raise ResourceNotFoundException(msg.RULE_NOT_FOUND.format(rule=name, bus=bus.name))
        return rule

    # -- paging --------------------------------------------------------------------
    def _page(self, rows: list[Any], params: Params) -> tuple[list[Any], str | None]:
        """One page of ``rows`` (Limit, NextToken), and the token of the next."""
        start = 0
        token = params.get("NextToken")
        if token is not None:
            start = _token_index(token)
            if start > len(rows):
                raise ValidationException(msg.BAD_TOKEN)
        limit = params.get("Limit") or self.limits.max_page
        limit = min(int(limit), self.limits.max_page)
        end = start + limit
        page = rows[start:end]
        return page, (_index_token(end) if end < len(rows) else None)

    # -- hooks the mixins fill in ----------------------------------------------------
    def _reschedule(self, rule: Rule) -> None:
        """Cancel a rule's pending firing and plan the next one if it is due to fire."""


def _index_token(index: int) -> str:
    return index_token("events", index)


def _token_index(token: str) -> int:
    found = token_index("events", token)
    if found is None:
        raise ValidationException(msg.BAD_TOKEN)
    return found
