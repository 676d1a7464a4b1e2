"""Token buckets and quota periods on their own: exact arithmetic, both sides of each limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.gateway._runtime._throttle_bucket import TokenBucket, epoch_us, period_start
from pyserverless.gateway._runtime._throttle_usage import KeyUsage, Quota, quota_of


class TestTokenBucket:
    def test_starts_full_burst_then_refused(self) -> None:
        """A new bucket admits exactly ``burst`` requests at one instant; the next is refused."""
        bucket = TokenBucket(5.0, 3, now_us=0)
        assert [bucket.take(0) for _ in range(4)] == [True, True, True, False]

    @pytest.mark.parametrize(
        ("rate", "step_us"), [(1.0, 1_000_000), (4.0, 250_000), (0.5, 2_000_000), (10_000.0, 100)]
    )
    def test_refill_after_exactly_one_over_rate(self, rate: float, step_us: int) -> None:
        """Emptied, the bucket admits its next request 1/r s later, not a microsecond before."""
        bucket = TokenBucket(rate, 2, now_us=0)
        assert bucket.take(0) and bucket.take(0)
        assert not bucket.take(step_us - 1)
        assert bucket.take(step_us)
        assert not bucket.take(step_us)

    def test_refill_caps_at_burst(self) -> None:
        """A long idle time fills the bucket to ``burst``, no more."""
        bucket = TokenBucket(100.0, 3, now_us=0)
        assert bucket.take(0)
        later = 3_600_000_000
        assert [bucket.take(later) for _ in range(4)] == [True, True, True, False]

    def test_fractional_rate_exact(self) -> None:
        """A rate of 0.1/s refills one token in exactly 10 s."""
        bucket = TokenBucket(0.1, 1, now_us=0)
        assert bucket.take(0)
        assert not bucket.take(9_999_999)
        assert bucket.take(10_000_000)

    def test_rate_zero_never_refills(self) -> None:
        """Rate 0: the burst is all there ever is."""
        bucket = TokenBucket(0.0, 2, now_us=0)
        assert [bucket.take(t) for t in (0, 0, 10**12)] == [True, True, False]

    def test_burst_zero_refuses_everything(self) -> None:
        """Burst 0 holds no token, whatever the rate."""
        bucket = TokenBucket(1000.0, 0, now_us=0)
        assert not bucket.take(0)
        assert not bucket.take(10**9)

    def test_refill_does_not_charge(self) -> None:
        """``refill`` reports a token without taking it; ``charge`` takes it."""
        bucket = TokenBucket(1.0, 1, now_us=0)
        assert bucket.refill(0) and bucket.refill(0)
        bucket.charge()
        assert not bucket.refill(0)
        assert bucket.tokens(500_000) == 0.5

    @given(
        rate=st.sampled_from(["0.1", "0.25", "1", "3", "7.5", "100", "10000"]),
        burst=st.integers(0, 20),
        gaps=st.lists(st.integers(0, 3_000_000), min_size=1, max_size=40),
    )
    def test_matches_a_fraction_model(self, rate: str, burst: int, gaps: list[int]) -> None:
        """Every decision equals that of a reference bucket kept in exact fractions."""
        bucket = TokenBucket(float(rate), burst, now_us=0)
        per_us = Fraction(rate) / 1_000_000
        tokens, last, now = Fraction(burst), 0, 0
        for gap in gaps:
            now += gap
            for _ in range(3):
                tokens = min(Fraction(burst), tokens + (now - last) * per_us)
                last = now
                expected = tokens >= 1
                tokens -= expected
                assert bucket.take(now) is expected


class TestEpoch:
    def test_microseconds_exact(self) -> None:
        """The clock's datetimes convert to whole microseconds without float rounding."""
        moment = datetime(2025, 1, 1, 0, 0, 0, 333_333, tzinfo=UTC)
        assert epoch_us(moment) == 1_735_689_600_333_333
        assert epoch_us(moment + timedelta(microseconds=1)) - epoch_us(moment) == 1


class TestPeriods:
    # 2025-01-05 is a Sunday, 2025-01-06 a Monday.
    @pytest.mark.parametrize(
        ("day", "offset", "start"),
        [
            (date(2025, 1, 4), 0, date(2024, 12, 29)),  # Saturday: last day of the Sunday week
            (date(2025, 1, 5), 0, date(2025, 1, 5)),  # Sunday: first day
            (date(2025, 1, 5), 1, date(2024, 12, 30)),  # Sunday: last day of the Monday week
            (date(2025, 1, 6), 1, date(2025, 1, 6)),  # Monday: first day
            (date(2025, 1, 10), 6, date(2025, 1, 4)),  # Friday: Saturday weeks
            (date(2025, 1, 11), 6, date(2025, 1, 11)),
        ],
    )
    def test_week(self, day: date, offset: int, start: date) -> None:
        """WEEK periods start on weekday ``offset`` counted from Sunday (0)."""
        assert period_start(day, "WEEK", offset) == start

    @pytest.mark.parametrize(
        ("day", "offset", "start"),
        [
            (date(2025, 3, 1), 0, date(2025, 3, 1)),
            (date(2025, 3, 31), 0, date(2025, 3, 1)),
            (date(2025, 3, 4), 4, date(2025, 2, 5)),  # the day before the 5th
            (date(2025, 3, 5), 4, date(2025, 3, 5)),  # the 5th
            (date(2025, 1, 27), 27, date(2024, 12, 28)),  # across a year
            (date(2025, 3, 1), 27, date(2025, 2, 28)),  # February's 28th
        ],
    )
    def test_month(self, day: date, offset: int, start: date) -> None:
        """MONTH periods start on day ``offset + 1`` of the month."""
        assert period_start(day, "MONTH", offset) == start

    def test_day(self) -> None:
        """DAY periods are the UTC day itself."""
        assert period_start(date(2025, 7, 9), "DAY", 0) == date(2025, 7, 9)


class TestKeyUsage:
    def test_quota_both_sides_and_new_period(self) -> None:
        """The limit-th request fits, the next does not; the next period starts from zero."""
        usage, quota = KeyUsage(), Quota(3, "WEEK", 1)
        monday, sunday = date(2025, 1, 6), date(2025, 1, 12)
        for day in (monday, sunday, sunday):
            assert usage.admits(quota, day)
            usage.add(day)
        assert not usage.admits(quota, sunday)
        assert usage.admits(quota, sunday + timedelta(days=1))

    def test_period_recomputed_when_settings_change(self) -> None:
        """A quota whose period changes counts the days of its new period."""
        usage = KeyUsage()
        for day in (date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 2)):
            usage.add(day)
        assert usage.used(Quota(10, "DAY", 0), date(2025, 1, 2)) == 2
        assert usage.used(Quota(10, "MONTH", 0), date(2025, 1, 2)) == 3

    def test_report_rows(self) -> None:
        """GetUsage's rows: used that day, and what the period had left at its end."""
        usage = KeyUsage()
        for day in (date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 2)):
            usage.add(day)
        rows = usage.report(date(2024, 12, 31), date(2025, 1, 3), Quota(5, "MONTH", 0))
        assert rows == [[0, 5], [1, 4], [2, 2], [0, 2]]
        assert usage.report(date(2025, 1, 1), date(2025, 1, 1), None) == [[1, 0]]

    @pytest.mark.parametrize(
        "setting",
        [None, {}, {"limit": 5}, {"limit": 5, "period": "YEAR"}, {"limit": "5", "period": "DAY"}],
    )
    def test_no_quota(self, setting: object) -> None:
        """Settings that are not a quota give none."""
        assert quota_of(setting) is None  # type: ignore[arg-type]
