"""Schedule expressions: AWS's validation rules and the fire times they give."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pyserverless.events import At, Cron, Rate, ValidationException, parse_schedule

UTC = dt.UTC


def ts(*args: int, tz: dt.tzinfo = UTC) -> float:
    return dt.datetime(*args, tzinfo=tz).timestamp()


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
