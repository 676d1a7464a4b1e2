"""Amazon EventBridge: rules, targets, events and schedules on the Cloud's clock."""

from __future__ import annotations

from .._core.exports import publish
from ._cron import INVALID_SCHEDULE, At, Cron, Rate, parse_schedule
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
from ._patterns import Pattern, PatternSyntaxError, compile_pattern

__all__ = [
    "At",
    "ConcurrentModificationException",
    "Cron",
    "EventsError",
    "INVALID_SCHEDULE",
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
