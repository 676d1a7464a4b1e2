"""Schedule expressions: ``rate(...)``, ``cron(...)`` and ``at(...)``, and their fire times.

A library module with no state, shared by EventBridge rules and EventBridge Scheduler
(``pyserverless.scheduler`` uses it through the public ``pyserverless.events`` names:
``parse_schedule``, ``Rate``, ``Cron``, ``At``, ``INVALID_SCHEDULE``).
``parse_schedule(text)`` returns a frozen :class:`Rate`, :class:`Cron` or :class:`At`;
each has ``next_after(instant, ...)``: the first fire time strictly after ``instant``
(epoch seconds, UTC), or ``None`` when the schedule never fires again.

AWS's rules ("Schedule types on EventBridge Scheduler", "Creating a rule that runs on a
schedule"):

* ``rate(value unit)``: a positive whole ``value``; ``unit`` is ``minute``, ``hour`` or
  ``day`` when the value is 1, and ``minutes``, ``hours`` or ``days`` otherwise;
* ``cron(minutes hours day-of-month month day-of-week year)``: six fields; one of
  day-of-month and day-of-week must be ``?`` (not both); ``,`` lists, ``-`` ranges,
  ``*`` and ``/`` steps; ``L`` (last day of the month; ``nL`` the last weekday ``n`` of
  the month), ``W`` (``15W``: the weekday nearest the 15th, in the same month, ``LW``
  the last weekday), ``#`` (``3#2``: the second Tuesday); months ``1-12`` or
  ``JAN-DEC``; days of week ``1-7`` = ``SUN-SAT``; years 1970-2199; the granularity
  is a minute;
* ``at(yyyy-mm-ddThh:mm:ss)`` (EventBridge Scheduler only): one instant.

A bad expression raises ``ValidationException("Parameter ScheduleExpression is not
valid.")``, as EventBridge answers PutRule.

In a time zone (``zone=ZoneInfo(...)``, Scheduler's ``ScheduleExpressionTimezone``)
cron and ``at`` read wall-clock time; as AWS documents, a wall time that the spring
change skips does not fire, and one the autumn change repeats fires once (its first
occurrence).

>>> import datetime as dt
>>> def show(t): return dt.datetime.fromtimestamp(t, dt.timezone.utc).isoformat()
>>> hourly = parse_schedule("cron(0 * * * ? *)")
>>> show(hourly.next_after(dt.datetime(2024, 5, 1, 10, 20, tzinfo=dt.timezone.utc).timestamp()))
'2024-05-01T11:00:00+00:00'
>>> parse_schedule("rate(5 minutes)").seconds
300
>>> try:
...     parse_schedule("rate(1 minutes)")
... except ValidationException as err:
...     print(err.code, err.message)
ValidationException Parameter ScheduleExpression is not valid.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from .._core.text import digits
from ._errors import ValidationException

__all__ = [
    "INVALID_SCHEDULE",
    "At",
    "Cron",
    "DayOfMonth",
    "DayOfWeek",
    "Rate",
    "Schedule",
    "parse_schedule",
]

#: EventBridge's message for every malformed schedule expression.
INVALID_SCHEDULE: Final = "Parameter ScheduleExpression is not valid."
_UTC = dt.UTC
_UNITS = {"minute": 60, "hour": 3600, "day": 86400}
_MONTHS = {m.upper(): i for i, m in enumerate(calendar.month_abbr) if m}
_DAYS = {d: i + 1 for i, d in enumerate(("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"))}
_YEARS = (1970, 2199)
_RATE = re.compile(r"rate\((\d+) ([a-z]+)\)")
_WRAPPED = re.compile(r"(rate|cron|at)\((.*)\)", re.DOTALL)
_AT = re.compile(r"at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)")


class _Invalid(ValueError):
    pass


def _invalid() -> ValidationException:
    return ValidationException(INVALID_SCHEDULE)


@attrs.frozen
class Rate:
    """``rate(N unit)``: every ``seconds``, counted from an ``anchor`` instant.

    >>> Rate(3600).next_after(7200.0, anchor=0.0)
    10800.0
    >>> Rate(60).next_after(30.0, anchor=0.0)
    60.0
    """

    seconds: int

    def next_after(
        self, instant: float, *, anchor: float = 0.0, zone: ZoneInfo | None = None
    ) -> float | None:
        """The first ``anchor + k * seconds`` (k >= 1) strictly after ``instant``."""
        if instant < anchor:
            return anchor + self.seconds
        periods = int((instant - anchor) // self.seconds) + 1
        return anchor + periods * self.seconds


@attrs.frozen
class At:
    """``at(yyyy-mm-ddThh:mm:ss)``: one wall-clock instant (UTC unless a zone is given).

    >>> import datetime as dt
    >>> At(dt.datetime(2030, 1, 1)).next_after(0.0)
    1893456000.0
    >>> At(dt.datetime(2030, 1, 1)).next_after(1893456000.0) is None
    True
    """

    when: dt.datetime  # naive: wall-clock time

    def instant(self, zone: ZoneInfo | None = None) -> float:
        """The epoch seconds of ``when`` read in ``zone`` (UTC by default)."""
        return self.when.replace(tzinfo=zone or _UTC).timestamp()

    def next_after(
        self, instant: float, *, anchor: float = 0.0, zone: ZoneInfo | None = None
    ) -> float | None:
        """The instant itself if it lies after ``instant``; otherwise ``None``."""
        at = self.instant(zone)
        return at if at > instant else None


@attrs.frozen
class DayOfMonth:
    """The day-of-month field: a set of days, ``L`` (last), ``W`` terms, or any."""

    days: frozenset[int] = frozenset()
    last: bool = False
    #: ``15W``: the weekday nearest the 15th; 0 stands for ``LW``.
    nearest_weekday: tuple[int, ...] = ()

    def matches(self, year: int, month: int, day: int) -> bool:
        """Whether ``day`` of ``month`` is one of this field's days."""
        last_day = calendar.monthrange(year, month)[1]
        if day in self.days or (self.last and day == last_day):
            return True
        return any(
            _nearest_weekday(year, month, d or last_day) == day for d in self.nearest_weekday
        )


@attrs.frozen
class DayOfWeek:
    """The day-of-week field (1-7 = SUN-SAT): a set, ``nL`` (last) or ``n#k`` terms."""

    days: frozenset[int] = frozenset()
    last_of_month: frozenset[int] = frozenset()
    nth: frozenset[tuple[int, int]] = frozenset()

    def matches(self, year: int, month: int, day: int) -> bool:
        """Whether the date falls on one of this field's days."""
        weekday = (dt.date(year, month, day).isoweekday() % 7) + 1  # SUN=1 ... SAT=7
        if weekday in self.days:
            return True
        if weekday in self.last_of_month and day + 7 > calendar.monthrange(year, month)[1]:
            return True
        return (weekday, (day - 1) // 7 + 1) in self.nth


def _nearest_weekday(year: int, month: int, day: int) -> int:
    last_day = calendar.monthrange(year, month)[1]
    day = min(day, last_day)
    weekday = dt.date(year, month, day).weekday()  # MON=0 ... SUN=6
    if weekday == 5:  # Saturday: Friday before, unless that leaves the month
        return day - 1 if day > 1 else day + 2
    if weekday == 6:  # Sunday: Monday after, unless that leaves the month
        return day + 1 if day < last_day else day - 2
    return day


@attrs.frozen
class Cron:
    """``cron(minutes hours day-of-month month day-of-week year)``.

    Exactly one of ``day_of_month`` / ``day_of_week`` is set (the other field was ``?``).

    >>> import datetime as dt
    >>> c = parse_schedule("cron(15 10 ? * 6L 2022-2023)")
    >>> dt.datetime.fromtimestamp(c.next_after(0.0), dt.timezone.utc).isoformat()
    '2022-01-28T10:15:00+00:00'
    """

    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: frozenset[int]
    years: frozenset[int]
    day_of_month: DayOfMonth | None
    day_of_week: DayOfWeek | None

    def day_matches(self, day: dt.date) -> bool:
        """Whether the cron fires on some minute of ``day``."""
        if day.month not in self.months or day.year not in self.years:
            return False
        field = self.day_of_month or self.day_of_week
        assert field is not None
        return field.matches(day.year, day.month, day.day)

    def next_after(
        self, instant: float, *, anchor: float = 0.0, zone: ZoneInfo | None = None
    ) -> float | None:
        """The first fire time strictly after ``instant``, or ``None`` (past 2199)."""
        tz = zone or _UTC
        start = dt.datetime.fromtimestamp(instant, tz).replace(tzinfo=None)
        start = start.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        day = start.date()
        last_year = max(self.years)
        while day.year <= last_year:
            if day.year not in self.years:
                day = dt.date(day.year + 1, 1, 1)
                continue
            if day.month not in self.months:
                day = _first_of_next_month(day)
                continue
            if self.day_matches(day):
                found = self._first_time(day, start, tz, instant)
                if found is not None:
                    return found
            day += dt.timedelta(days=1)
        return None

    def _first_time(
        self, day: dt.date, start: dt.datetime, tz: dt.tzinfo, instant: float
    ) -> float | None:
        for hour in self.hours:
            for minute in self.minutes:
                wall = dt.datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001 (a wall time)
                if wall < start:
                    continue
                moment = _from_wall(wall, tz)
                if moment is not None and moment > instant:
                    return moment
        return None


def _first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _from_wall(wall: dt.datetime, tz: dt.tzinfo) -> float | None:
    """Epoch seconds of a wall time in ``tz``; None for a time the zone skips."""
    if tz is _UTC:
        return wall.replace(tzinfo=_UTC).timestamp()
    aware = wall.replace(tzinfo=tz, fold=0)
    moment = aware.timestamp()
    back = dt.datetime.fromtimestamp(moment, tz).replace(tzinfo=None)
    return moment if back == wall else None


Schedule = Rate | Cron | At


@functools.lru_cache(maxsize=1024)
def parse_schedule(text: str, *, allow_at: bool = False, any_number: bool = False) -> Schedule:
    """Parse a schedule expression; ``ValidationException`` if it is not valid.

    ``allow_at``: accept ``at(...)`` (EventBridge Scheduler does; rules do not).
    ``any_number``: a rate's unit singular or plural whatever its value (Scheduler
    takes ``rate(2 minute)``: the LocalStack suite's capture from AWS, test_update_schedule,
    2025-01; rules want ``rate(1 minute)`` and ``rate(2 minutes)``).

    >>> parse_schedule("rate(1 day)")
    Rate(seconds=86400)
    >>> parse_schedule("at(2030-01-01T00:00:00)", allow_at=True)
    At(when=datetime.datetime(2030, 1, 1, 0, 0))
    """
    try:
        if text.startswith("rate("):
            return _rate(text, any_number)
        if text.startswith("cron(") and text.endswith(")"):
            return _cron(text[5:-1])
        if allow_at and text.startswith("at("):
            return _at(text)
    except _Invalid:
        pass
    raise _invalid()


def _rate(text: str, any_number: bool = False) -> Rate:
    match = _RATE.fullmatch(text)
    if match is None:
        raise _Invalid
    value, unit = int(match[1]), match[2]
    singular = unit in _UNITS
    base = unit if singular else unit[:-1] if unit.endswith("s") else ""
    agrees = any_number or singular == (value == 1)
    if base not in _UNITS or value < 1 or not agrees or match[1].startswith("0"):
        raise _Invalid
    return Rate(value * _UNITS[base])


def _at(text: str) -> At:
    match = _AT.fullmatch(text)
    if match is None:
        raise _Invalid
    try:
        return At(dt.datetime.fromisoformat(match[1]))
    except ValueError:
        raise _Invalid from None


def _cron(body: str) -> Cron:
    fields = body.split(" ")
    if len(fields) != 6 or any(not f for f in fields):
        raise _Invalid
    minute, hour, dom, month, dow, year = (f.upper() for f in fields)
    if (dom == "?") == (dow == "?"):
        raise _Invalid
    return Cron(
        minutes=tuple(sorted(_values(minute, 0, 59, {}))),
        hours=tuple(sorted(_values(hour, 0, 23, {}))),
        months=frozenset(_values(month, 1, 12, _MONTHS)),
        years=frozenset(_values(year, *_YEARS, {})),
        day_of_month=None if dom == "?" else _day_of_month(dom),
        day_of_week=None if dow == "?" else _day_of_week(dow),
    )


def _number(text: str, names: dict[str, int]) -> int:
    if text in names:
        return names[text]
    if not digits(text):
        raise _Invalid
    return int(text)


def _values(field: str, low: int, high: int, names: dict[str, int]) -> set[int]:
    """A field of ``,`` terms, each ``*``, ``n``, ``a-b``, optionally ``/step``."""
    out: set[int] = set()
    for term in field.split(","):
        body, slash, step_text = term.partition("/")
        step = _number(step_text, {}) if slash else 1
        if step < 1:
            raise _Invalid
        if body == "*":
            first, last = low, high
        elif "-" in body:
            first_text, _, last_text = body.partition("-")
            first, last = _number(first_text, names), _number(last_text, names)
        else:
            first = _number(body, names)
            last = high if slash else first
        if not (low <= first <= high and low <= last <= high):
            raise _Invalid
        span = last - first if last >= first else last - first + high - low + 1
        out.update(low + (first - low + k) % (high - low + 1) for k in range(0, span + 1, step))
    return out


def _day_of_month(field: str) -> DayOfMonth:
    days: set[int] = set()
    last = False
    nearest: list[int] = []
    for term in field.split(","):
        if term == "L":
            last = True
        elif term == "LW":
            nearest.append(0)
        elif term.endswith("W"):
            day = _number(term[:-1], {})
            if not 1 <= day <= 31:
                raise _Invalid
            nearest.append(day)
        else:
            days |= _values(term, 1, 31, {})
    return DayOfMonth(frozenset(days), last, tuple(nearest))


def _day_of_week(field: str) -> DayOfWeek:
    days: set[int] = set()
    last: set[int] = set()
    nth: set[tuple[int, int]] = set()
    for term in field.split(","):
        if term == "L":
            days.add(7)  # alone, L is the last day of the week: Saturday
        elif term.endswith("L"):
            last.add(_weekday(term[:-1]))
        elif "#" in term:
            day_text, _, nth_text = term.partition("#")
            which = _number(nth_text, {})
            if not 1 <= which <= 5:
                raise _Invalid
            nth.add((_weekday(day_text), which))
        else:
            if "/" in term:
                raise _Invalid  # AWS's day-of-week field takes no step
            days |= _values(term, 1, 7, _DAYS)
    return DayOfWeek(frozenset(days), frozenset(last), frozenset(nth))


def _weekday(text: str) -> int:
    day = _number(text, _DAYS)
    if not 1 <= day <= 7:
        raise _Invalid
    return day
