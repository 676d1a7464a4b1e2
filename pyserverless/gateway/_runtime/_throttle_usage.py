"""Usage-plan quotas: requests counted per (plan, API key, UTC day), for the quota check
and for GetUsage's ``[used, remaining]`` per day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ._throttle_bucket import period_start

__all__ = ["KeyUsage", "Quota", "quota_of"]


class Quota:
    """A usage plan's quota: ``limit`` requests per ``period`` starting at ``offset``."""

    __slots__ = ("limit", "offset", "period")

    def __init__(self, limit: int, period: str, offset: int) -> None:
        self.limit = limit
        self.period = period
        self.offset = offset

    def start(self, day: date) -> date:
        """The first day of the period holding ``day``."""
        return period_start(day, self.period, self.offset)


def quota_of(setting: Mapping[str, Any] | None) -> Quota | None:
    """The quota of a usage plan's ``quota`` setting, or None when it has none.

    >>> quota_of({"limit": 5, "period": "WEEK", "offset": 1}).start(date(2025, 1, 5))
    datetime.date(2024, 12, 30)
    >>> quota_of(None) is None
    True
    """
    if not setting or setting.get("period") not in ("DAY", "WEEK", "MONTH"):
        return None
    limit, offset = setting.get("limit"), setting.get("offset", 0)
    if not isinstance(limit, int) or not isinstance(offset, int):
        return None
    return Quota(limit, str(setting["period"]), offset)


class KeyUsage:
    """One API key's admitted requests in one usage plan, per UTC day.

    The requests of the current quota period are kept as a running total (recomputed
    from the days when the period changes), so a quota check costs no sum.

    >>> usage = KeyUsage()
    >>> quota = Quota(2, "DAY", 0)
    >>> day = date(2025, 1, 1)
    >>> [usage.admits(quota, day) and usage.add(day) is None for _ in range(3)]
    [True, True, False]
    >>> usage.report(day, day + timedelta(days=1), quota)
    [[2, 0], [0, 2]]
    >>> usage.set_remaining(quota, day, 1)  # UpdateUsage
    >>> usage.admits(quota, day), usage.report(day, day, quota)
    (True, [[2, 1]])
    """

    __slots__ = ("_period", "_used", "days", "granted")

    def __init__(self) -> None:
        self.days: dict[date, int] = {}
        self._period: date | None = None
        self._used = 0
        #: UpdateUsage's extensions: quota period start -> requests added to the limit.
        self.granted: dict[date, int] = {}

    def limit(self, quota: Quota, day: date) -> int:
        """The quota's limit for the period holding ``day``, with any extension."""
        return quota.limit + self.granted.get(quota.start(day), 0)

    def set_remaining(self, quota: Quota, today: date, remaining: int) -> None:
        """UpdateUsage: make ``remaining`` requests left in the current period."""
        start = quota.start(today)
        self.granted[start] = self.used(quota, today) + remaining - quota.limit

    def used(self, quota: Quota, today: date) -> int:
        """Requests counted so far in the period of ``quota`` holding ``today``."""
        start = quota.start(today)
        if start != self._period:
            self._period = start
            self._used = sum(n for day, n in self.days.items() if start <= day <= today)
        return self._used

    def admits(self, quota: Quota | None, today: date) -> bool:
        """Whether one more request fits in the quota's current period."""
        if quota is None:
            return True
        limit = self.limit(quota, today) if self.granted else quota.limit
        return self.used(quota, today) < limit

    def add(self, today: date) -> None:
        """Count one admitted request on ``today``."""
        self.days[today] = self.days.get(today, 0) + 1
        self._used += 1

    def report(self, first: date, last: date, quota: Quota | None) -> list[list[int]]:
        """``[used, remaining]`` for each day from ``first`` to ``last``, remaining being
        what the quota had left at the end of that day (0 without a quota)."""
        rows = []
        day = first
        while day <= last:
            used = self.days.get(day, 0)
            remaining = 0
            if quota is not None:
                start = quota.start(day)
                spent = sum(n for d, n in self.days.items() if start <= d <= day)
                remaining = max(self.limit(quota, day) - spent, 0)
            rows.append([used, remaining])
            day += timedelta(days=1)
        return rows
