"""Scheduler's view of schedule expressions: when a schedule fires, from its anchor on.

The parsing and the calendar arithmetic are EventBridge's (``pyserverless.events``:
``parse_schedule``, ``Rate``, ``Cron``, ``At``); this module adds what Scheduler needs
beyond them: its error text, the time zone by IANA name, and the first firing *at or
after* an instant (a rate schedule fires at its start, "immediately" when it has no
``StartDate``, as AWS documents).

>>> expr = parse("rate(1 hour)", None)
>>> expr.first_at_or_after(0.0, anchor=0.0), expr.first_at_or_after(1.0, anchor=0.0)
(0.0, 3600.0)
>>> expr.next_after(3600.0, anchor=0.0)
7200.0
"""

from __future__ import annotations

import math
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from ..events import At, Cron, EventsError, Rate, parse_schedule
from . import _messages as msg
from ._errors import ValidationException

__all__ = ["Expression", "parse", "zone_for"]


@attrs.frozen
class Expression:
    """A parsed ``rate()``, ``cron()`` or ``at()`` expression and the zone it reads."""

    text: str
    schedule: Rate | Cron | At
    zone: ZoneInfo | None

    @property
    def one_time(self) -> bool:
        """Whether this is an ``at()`` expression (fires once)."""
        return isinstance(self.schedule, At)

    def first_at_or_after(self, instant: float, *, anchor: float) -> float | None:
        """The first fire time at or after ``instant`` (epoch seconds), or None."""
        schedule = self.schedule
        if isinstance(schedule, Rate):
            if instant <= anchor:
                return anchor
            return anchor + math.ceil((instant - anchor) / schedule.seconds) * schedule.seconds
        if isinstance(schedule, At):
            at = schedule.instant(self.zone)
            return at if at >= instant else None
        # Cron times are whole minutes: half a second back finds ``instant`` itself.
        return schedule.next_after(instant - 0.5, zone=self.zone)

    def next_after(self, instant: float, *, anchor: float) -> float | None:
        """The first fire time strictly after ``instant``, or None."""
        schedule = self.schedule
        if isinstance(schedule, Rate):
            return self.first_at_or_after(instant + 1e-6, anchor=anchor)
        return schedule.next_after(instant, anchor=anchor, zone=self.zone)


def zone_for(name: str | None) -> ZoneInfo | None:
    """The IANA zone ``name`` names (None for none); ValidationException if unknown.

    >>> zone_for("Europe/Paris").key
    'Europe/Paris'
    >>> zone_for("Mars/Olympus")
    Traceback (most recent call last):
    ...
    pyserverless.scheduler.ValidationException: ... Invalid ScheduleExpressionTimezone Mars/Olympus.
    """
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationException(msg.BAD_TIMEZONE.format(timezone=name)) from None


def parse(text: str, zone: ZoneInfo | None) -> Expression:
    """Parse a Scheduler expression (``at()`` allowed); ValidationException if bad.

    >>> parse("cron(0 9 ? * MON-FRI *)", zone_for("Europe/Paris")).zone.key
    'Europe/Paris'
    >>> parse("every hour", None)
    Traceback (most recent call last):
    ...
    pyserverless.scheduler.ValidationException: ... Invalid Schedule Expression every hour.
    """
    try:
        schedule = parse_schedule(text, allow_at=True, any_number=True)
    except EventsError:
        raise ValidationException(msg.BAD_EXPRESSION.format(expression=text)) from None
    return Expression(text, schedule, zone)
