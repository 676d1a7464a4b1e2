"""Schedule expressions: AWS's validation rules and the fire times they give."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pyserverless.events import At, Cron, Rate, ValidationException, parse_schedule

UTC = dt.UTC


def ts(*args: int, tz: dt.tzinfo = UTC) -> float:
    return dt.datetime(*args, tzinfo=tz).timestamp()  # type: ignore[misc, arg-type]


def iso(t: float | None, tz: dt.tzinfo = UTC) -> str:
    assert t is not None
    return dt.datetime.fromtimestamp(t, tz).isoformat()


def fires(expr: str, start: float, n: int, zone: ZoneInfo | None = None) -> list[str]:
    sched = parse_schedule(expr)
    out = []
    t: float | None = start
    for _ in range(n):
        assert t is not None
        t = sched.next_after(t, zone=zone)
        out.append(iso(t, zone or UTC))
    return out


class TestRate:
    """rate(value unit): singular for 1, plural otherwise."""

    @pytest.mark.parametrize(
        ("expr", "seconds"),
        [
            ("rate(1 minute)", 60),
            ("rate(5 minutes)", 300),
            ("rate(1 hour)", 3600),
            ("rate(12 hours)", 43200),
            ("rate(1 day)", 86400),
            ("rate(7 days)", 604800),
        ],
    )
    def test_valid(self, expr: str, seconds: int) -> None:
        """Each documented form parses to its period."""
        assert parse_schedule(expr) == Rate(seconds)

    @pytest.mark.parametrize(
        "expr",
        [
            "rate(1 minutes)",
            "rate(5 minute)",
            "rate(0 minutes)",
            "rate(-1 minutes)",
            "rate(1 second)",
            "rate(2 weeks)",
            "rate(1.5 hours)",
            "rate( 5 minutes)",
            "rate(5  minutes)",
            "rate(5 Minutes)",
            "rate(5 minutes",
            "rate()",
        ],
    )
    def test_invalid(self, expr: str) -> None:
        """A wrong number, unit or plural is refused with EventBridge's message."""
        with pytest.raises(ValidationException) as info:
            parse_schedule(expr)
        assert info.value.message == "Parameter ScheduleExpression is not valid."

    def test_fires_from_the_anchor(self) -> None:
        """A rate fires at anchor + k * period, strictly after the instant."""
        r = parse_schedule("rate(5 minutes)")
        assert r.next_after(1000.0, anchor=1000.0) == 1300.0
        assert r.next_after(1299.0, anchor=1000.0) == 1300.0
        assert r.next_after(1300.0, anchor=1000.0) == 1600.0


class TestCronValidation:
    """cron(...): six fields, one of the day fields is ?, values in range."""

    @pytest.mark.parametrize(
        "expr",
        [
            "cron(0 10 * * ? *)",
            "cron(15 12 * * ? *)",
            "cron(0 18 ? * MON-FRI *)",
            "cron(0 8 1 * ? *)",
            "cron(0/15 * * * ? *)",
            "cron(0/10 * ? * MON-FRI *)",
            "cron(0/5 8-17 ? * MON-FRI *)",
            "cron(0 9 ? * 2#1 *)",
            "cron(0 0 L * ? *)",
            "cron(0 0 15W * ? *)",
            "cron(0 0 LW * ? *)",
            "cron(0 0 ? * 6L *)",
            "cron(0 0 ? * L *)",
            "cron(59 23 31 DEC ? 2199)",
            "cron(0 0 1 JAN-MAR ? 1970-1971)",
            "cron(0,30 1,2 1,15 1,7 ? *)",
            "cron(0 0 ? * sun *)",
        ],
    )
    def test_valid(self, expr: str) -> None:
        """The user guide's examples (and the bounds of each field) parse."""
        assert isinstance(parse_schedule(expr), Cron)

    @pytest.mark.parametrize(
        "expr",
        [
            "cron(0 10 * * * *)",  # both day fields set
            "cron(0 10 ? * ? *)",  # both ?
            "cron(0 10 * * ?)",  # five fields
            "cron(0 10 * * ? * *)",  # seven fields
            "cron(60 10 * * ? *)",
            "cron(0 24 * * ? *)",
            "cron(0 0 32 * ? *)",
            "cron(0 0 0 * ? *)",
            "cron(0 0 1 13 ? *)",
            "cron(0 0 ? * 8 *)",
            "cron(0 0 ? * 0 *)",
            "cron(0 0 1 * ? 1969)",
            "cron(0 0 1 * ? 2200)",
            "cron(0 0 ? * 2#6 *)",
            "cron(0 0 ? * 1/2 *)",
            "cron(0/0 * * * ? *)",
            "cron(0 0 1 FOO ? *)",
            "cron(a 0 1 * ? *)",
            "cron(0  0 1 * ? *)",
            "cron(0 0 32W * ? *)",
            "cron(0 0 ? * 9L *)",
            "at(2030-01-01T00:00:00)",  # rules take no at()
            "every hour",
            "",
        ],
    )
    def test_invalid(self, expr: str) -> None:
        """Out-of-range values and broken syntax are refused with EventBridge's message."""
        with pytest.raises(
            ValidationException, match=r"^.*Parameter ScheduleExpression is not valid\.$"
        ):
            parse_schedule(expr)


class TestCronFireTimes:
    """The next fire times of cron expressions, in UTC and in a time zone."""

    def test_hourly(self) -> None:
        """cron(0 * * * ? *) fires at the top of every hour."""
        assert fires("cron(0 * * * ? *)", ts(2024, 5, 1, 10, 0), 3) == [
            "2024-05-01T11:00:00+00:00",
            "2024-05-01T12:00:00+00:00",
            "2024-05-01T13:00:00+00:00",
        ]

    def test_steps_and_weekdays(self) -> None:
        """0/15 in hours 8-9 on weekdays; Friday evening jumps to Monday."""
        got = fires("cron(0/15 8-9 ? * MON-FRI *)", ts(2024, 5, 3, 9, 40), 3)  # a Friday
        assert got == [
            "2024-05-03T09:45:00+00:00",
            "2024-05-06T08:00:00+00:00",
            "2024-05-06T08:15:00+00:00",
        ]

    def test_day_of_week_numbering(self) -> None:
        """1 is Sunday and 7 Saturday, as AWS numbers them."""
        assert fires("cron(0 0 ? * 1 *)", ts(2024, 5, 1), 1) == ["2024-05-05T00:00:00+00:00"]
        assert fires("cron(0 0 ? * 7 *)", ts(2024, 5, 1), 1) == ["2024-05-04T00:00:00+00:00"]

    def test_last_day_of_month(self) -> None:
        """L is the month's last day (29 February in a leap year)."""
        assert fires("cron(0 0 L * ? *)", ts(2024, 1, 31, 1), 2) == [
            "2024-02-29T00:00:00+00:00",
            "2024-03-31T00:00:00+00:00",
        ]

    def test_nearest_weekday(self) -> None:
        """15W: the 15th, or the nearest weekday in the month; 1W never leaves the month."""
        # 2024-06-15 is a Saturday: Friday the 14th
        assert fires("cron(0 0 15W 6 ? 2024)", ts(2024, 1, 1), 1) == ["2024-06-14T00:00:00+00:00"]
        # 2024-09-15 is a Sunday: Monday the 16th
        assert fires("cron(0 0 15W 9 ? 2024)", ts(2024, 1, 1), 1) == ["2024-09-16T00:00:00+00:00"]
        # 2024-06-01 is a Saturday: Monday the 3rd (not 31 May)
        assert fires("cron(0 0 1W 6 ? 2024)", ts(2024, 1, 1), 1) == ["2024-06-03T00:00:00+00:00"]
        # LW: last weekday of August 2024 (the 31st is a Saturday)
        assert fires("cron(0 0 LW 8 ? 2024)", ts(2024, 1, 1), 1) == ["2024-08-30T00:00:00+00:00"]

    def test_nth_and_last_weekday(self) -> None:
        """2#1 is the first Monday; 6L the last Friday."""
        assert fires("cron(0 9 ? * 2#1 *)", ts(2024, 5, 1), 2) == [
            "2024-05-06T09:00:00+00:00",
            "2024-06-03T09:00:00+00:00",
        ]
        assert fires("cron(0 9 ? * 6L *)", ts(2024, 5, 1), 1) == ["2024-05-31T09:00:00+00:00"]

    def test_never_again(self) -> None:
        """A cron with no date left (30 February; a past year) never fires."""
        assert parse_schedule("cron(0 0 30 2 ? *)").next_after(ts(2024, 1, 1)) is None
        assert parse_schedule("cron(0 0 1 1 ? 2020)").next_after(ts(2024, 1, 1)) is None

    def test_strictly_after(self) -> None:
        """An instant exactly on a fire time gives the next one."""
        assert fires("cron(0 * * * ? *)", ts(2024, 5, 1, 11), 1) == ["2024-05-01T12:00:00+00:00"]

    def test_wrapping_range(self) -> None:
        """A range whose end precedes its start wraps (FRI-MON, 22-1)."""
        got = fires("cron(0 22-1 ? * FRI-MON *)", ts(2024, 5, 4, 23, 30), 3)  # Saturday
        assert got == [
            "2024-05-05T00:00:00+00:00",
            "2024-05-05T01:00:00+00:00",
            "2024-05-05T22:00:00+00:00",
        ]


class TestTimeZones:
    """Wall-clock cron in a zone: DST's skipped hour does not fire, the repeated one fires once."""

    NY = ZoneInfo("America/New_York")

    def test_daily_keeps_wall_time_across_dst(self) -> None:
        """09:00 New York is 14:00 UTC in winter and 13:00 UTC in summer."""
        got = fires("cron(0 9 * * ? *)", ts(2024, 3, 9, 12), 2, zone=self.NY)
        assert got == ["2024-03-09T09:00:00-05:00", "2024-03-10T09:00:00-04:00"]

    def test_spring_forward_skips(self) -> None:
        """02:30 does not exist on 10 March 2024 in New York: that day has no firing."""
        got = fires("cron(30 2 * * ? *)", ts(2024, 3, 9, 12), 2, zone=self.NY)
        assert got == ["2024-03-11T02:30:00-04:00", "2024-03-12T02:30:00-04:00"]

    def test_fall_back_fires_once(self) -> None:
        """01:30 happens twice on 3 November 2024 in New York: it fires once."""
        got = fires("cron(30 1 * * ? *)", ts(2024, 11, 2, 12), 2, zone=self.NY)
        assert got == ["2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00"]


class TestAt:
    """at(yyyy-mm-ddThh:mm:ss), for EventBridge Scheduler."""

    def test_parses_when_allowed(self) -> None:
        """at() is accepted only with allow_at."""
        at = parse_schedule("at(2030-01-01T09:30:00)", allow_at=True)
        assert at == At(dt.datetime(2030, 1, 1, 9, 30))  # noqa: DTZ001 (a wall time)
        assert at.next_after(0.0) == ts(2030, 1, 1, 9, 30)
        assert at.next_after(0.0, zone=ZoneInfo("Europe/Paris")) == ts(2030, 1, 1, 8, 30)
        assert at.next_after(ts(2030, 1, 1, 9, 30)) is None

    @pytest.mark.parametrize(
        "expr",
        [
            "at(2030-02-30T00:00:00)",
            "at(2030-01-01 00:00:00)",
            "at(2030-01-01T00:00)",
            "at(2030-01-01T24:00:00)",
        ],
    )
    def test_invalid(self, expr: str) -> None:
        """Impossible dates and other forms are refused."""
        with pytest.raises(ValidationException):
            parse_schedule(expr, allow_at=True)


# ---------------------------------------------------------------- a brute-force oracle

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]


def _term(low: int, high: int, steps: bool = True) -> st.SearchStrategy[tuple[str, set[int]]]:
    """A cron term and the values it stands for."""
    single = st.integers(low, high).map(lambda v: (str(v), {v}))
    ranged = st.tuples(st.integers(low, high), st.integers(low, high)).map(
        lambda ab: (f"{min(ab)}-{max(ab)}", set(range(min(ab), max(ab) + 1)))
    )
    stepped = st.tuples(st.integers(low, high), st.integers(1, 20)).map(
        lambda sv: (f"{sv[0]}/{sv[1]}", set(range(sv[0], high + 1, sv[1])))
    )
    star = st.just(("*", set(range(low, high + 1))))
    if not steps:  # AWS's day-of-week field takes no step
        return st.one_of(single, ranged, star)
    return st.one_of(single, ranged, stepped, star)


def _field(low: int, high: int, steps: bool = True) -> st.SearchStrategy[tuple[str, set[int]]]:
    return st.lists(_term(low, high, steps), min_size=1, max_size=3).map(
        lambda ts: (",".join(t for t, _ in ts), set().union(*(v for _, v in ts)))
    )


def _weekday(d: dt.date) -> int:
    return (d.weekday() + 1) % 7 + 1  # SUN=1 ... SAT=7


def _last_day(d: dt.date) -> int:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


@st.composite
def _days(draw: st.DrawFn) -> tuple[str, str, object]:
    """(day-of-month field, day-of-week field, a predicate on dates)."""
    kind = draw(st.sampled_from(["dom", "L", "W", "dow", "nL", "#"]))
    if kind == "dom":
        text, values = draw(_field(1, 31))
        return text, "?", lambda d: d.day in values
    if kind == "L":
        return "L", "?", lambda d: d.day == _last_day(d)
    if kind == "W":
        n = draw(st.integers(1, 31))

        def nearest(d: dt.date) -> bool:
            target = min(n, _last_day(d))
            day = dt.date(d.year, d.month, target)
            if day.weekday() == 5:
                day = day - dt.timedelta(days=1) if target > 1 else day + dt.timedelta(days=2)
            elif day.weekday() == 6:
                day = (
                    day + dt.timedelta(days=1)
                    if target < _last_day(d)
                    else day - dt.timedelta(days=2)
                )
            return d == day

        return f"{n}W", "?", nearest
    if kind == "dow":
        text, values = draw(_field(1, 7, steps=False))
        if draw(st.booleans()):
            text = ",".join(_DAY_NAMES[int(v) - 1] if v.isdigit() else v for v in text.split(","))
            if any("/" in t or "-" in t or "*" in t for t in text.split(",")):
                text, values = "MON-FRI", {2, 3, 4, 5, 6}
        return "?", text, lambda d: _weekday(d) in values
    w = draw(st.integers(1, 7))
    if kind == "nL":
        return "?", f"{w}L", lambda d: _weekday(d) == w and d.day + 7 > _last_day(d)
    k = draw(st.integers(1, 5))
    return "?", f"{w}#{k}", lambda d: _weekday(d) == w and (d.day - 1) // 7 + 1 == k


@settings(max_examples=150, deadline=None)
@given(
    minutes=_field(0, 59),
    hours=_field(0, 23),
    months=_field(1, 12),
    days=_days(),
    start=st.integers(0, 3 * 365 * 86400),
)
def test_next_after_agrees_with_a_brute_force_scan(
    minutes: tuple[str, set[int]],
    hours: tuple[str, set[int]],
    months: tuple[str, set[int]],
    days: tuple[str, str, object],
    start: int,
) -> None:
    """next_after is the first minute, scanned day by day and minute by minute, whose
    fields all match (within the 2 years after a start in 2024-2026)."""
    dom, dow, day_ok = days
    expr = f"cron({minutes[0]} {hours[0]} {dom} {months[0]} {dow} *)"
    instant = ts(2024, 1, 1) + start + 0.5
    got = parse_schedule(expr).next_after(instant)
    moment = dt.datetime.fromtimestamp(instant, UTC).replace(second=0, microsecond=0)
    moment += dt.timedelta(minutes=1)
    horizon = moment + dt.timedelta(days=731)
    expected = None
    while moment < horizon and expected is None:
        day = moment.date()
        if day.month in months[1] and day_ok(day):  # type: ignore[operator]
            for h in sorted(hours[1]):
                for m in sorted(minutes[1]):
                    candidate = dt.datetime(day.year, day.month, day.day, h, m, tzinfo=UTC)
                    if candidate >= moment and expected is None:
                        expected = candidate.timestamp()
        moment = dt.datetime(day.year, day.month, day.day, tzinfo=UTC) + dt.timedelta(days=1)
    if expected is None:
        assert got is None or got >= horizon.timestamp()
    else:
        assert got == expected, expr
