"""Token buckets and quota periods, exact on the Cloud's clock.

A bucket holds up to ``burst`` tokens, starts full and refills continuously at ``rate``
tokens per second; a request takes one token or is refused. The arithmetic is exact:
time is read to the microsecond (as the clock's datetimes carry it) and tokens are
counted in integer units, so that a bucket of rate ``r`` emptied by its burst admits
its next request exactly ``1/r`` seconds later (when ``1/r`` is a whole number of
microseconds), never a microsecond before.

Quota periods (``DAY``, ``WEEK``, ``MONTH``) are computed in UTC: a ``WEEK`` period
starts on day ``offset`` of the week (0 = Sunday, 1 = Monday, ...), a ``MONTH`` period
on day ``offset + 1`` of the month, a ``DAY`` period at midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

__all__ = ["TokenBucket", "epoch_us", "period_start"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_PER_SECOND = 1_000_000


def epoch_us(now: datetime) -> int:
    """``now`` as whole microseconds since the Unix epoch (exact).

    >>> epoch_us(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=UTC))
    1000005
    """
    return (now - _EPOCH) // _US


class TokenBucket:
    """One bucket: ``rate`` tokens per second, ``burst`` tokens at most, full at first.

    Tokens are kept in units of ``1 / (den * 1e6)`` token, where ``rate = num / den``:
    one microsecond refills exactly ``num`` units, so no rounding ever happens.

    >>> bucket = TokenBucket(2.0, 2, now_us=0)
    >>> [bucket.take(0), bucket.take(0), bucket.take(0)]
    [True, True, False]
    >>> bucket.take(499_999), bucket.take(500_000), bucket.take(500_000)
    (False, True, False)
    """

    __slots__ = ("_capacity", "_cost", "_last", "_num", "_units", "key")

    def __init__(self, rate: float, burst: int, *, now_us: int) -> None:
        exact = Fraction(str(rate)) if rate > 0 else Fraction(0)
        #: What the bucket was built from: a bucket is rebuilt when its settings change.
        self.key = (rate, burst)
        self._num = exact.numerator
        self._cost = exact.denominator * _PER_SECOND
        self._capacity = max(burst, 0) * self._cost
        self._units = self._capacity
        self._last = now_us

    def refill(self, now_us: int) -> bool:
        """Bring the bucket to ``now_us``; True when it holds a whole token."""
        elapsed = now_us - self._last
        if elapsed > 0:
            self._units = min(self._capacity, self._units + elapsed * self._num)
            self._last = now_us
        return self._units >= self._cost

    def charge(self) -> None:
        """Take one token (after :meth:`refill` said there is one)."""
        self._units -= self._cost

    def take(self, now_us: int) -> bool:
        """Refill to ``now_us`` and take a token if there is one."""
        if self.refill(now_us):
            self.charge()
            return True
        return False

    def tokens(self, now_us: int) -> float:
        """How many tokens the bucket holds at ``now_us`` (for tests and reprs)."""
        self.refill(now_us)
        return self._units / self._cost

    def __repr__(self) -> str:
        rate, burst = self.key
        return f"<TokenBucket rate={rate} burst={burst} tokens={self._units / self._cost:g}>"


def period_start(day: date, period: str, offset: int) -> date:
    """The first day of the quota period (``DAY``/``WEEK``/``MONTH``) holding ``day``.

    >>> period_start(date(2025, 1, 8), "WEEK", 0)  # a Wednesday; weeks from Sunday
    datetime.date(2025, 1, 5)
    >>> period_start(date(2025, 1, 8), "WEEK", 1)  # weeks from Monday
    datetime.date(2025, 1, 6)
    >>> period_start(date(2025, 3, 2), "MONTH", 4)  # months from the 5th
    datetime.date(2025, 2, 5)
    """
    if period == "WEEK":
        sunday_based = (day.weekday() + 1) % 7
        return day - timedelta(days=(sunday_based - offset) % 7)
    if period == "MONTH":
        offset = min(max(offset, 0), 27)  # the control plane allows 0..27
        if day.day > offset:
            return day.replace(day=offset + 1)
        previous = day.replace(day=1) - timedelta(days=1)
        return previous.replace(day=offset + 1)
    return day
