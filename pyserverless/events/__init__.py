"""Amazon EventBridge: rules, targets, events and schedules on the Cloud's clock.

``cloud.client("events")`` is boto3's client; ``cloud.events`` the resource layer. The
pattern language (:func:`compile_pattern`) and schedule expressions
(:func:`parse_schedule`) are library functions other services use too.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> cloud.events.rule("hourly", schedule="cron(0 * * * ? *)")
<EventRule 'hourly' on default: cron(0 * * * ? *) ENABLED, 0 targets>
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import EventsClient
from ._cron import At, Cron, Rate, parse_schedule
from ._engine import EventBridge
from ._errors import (
    ConcurrentModificationException,
    EventsError,
    InternalException,
    InvalidEventPatternException,
    LimitExceededException,
    ResourceAlreadyExistsException,
    ResourceNotFoundException,
    ValidationException,
)
from ._limits import EventsLimits
from ._model import Delivery
from ._patterns import Pattern, PatternSyntaxError, compile_pattern
from ._resource import EventRule, EventsResource

__all__ = [
    "At",
    "ConcurrentModificationException",
    "Cron",
    "Delivery",
    "EventBridge",
    "EventRule",
    "EventsClient",
    "EventsError",
    "EventsLimits",
    "EventsResource",
    "InternalException",
    "InvalidEventPatternException",
    "LimitExceededException",
    "Pattern",
    "PatternSyntaxError",
    "Rate",
    "ResourceAlreadyExistsException",
    "ResourceNotFoundException",
    "ValidationException",
    "compile_pattern",
    "parse_schedule",
]

publish(__name__, __all__, globals())
