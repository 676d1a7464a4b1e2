"""Clocks: real time and virtual time.

Every time-dependent behaviour in pyserverless reads the ``Clock`` owned by its
``Cloud``. ``ManualClock`` is virtual time that moves only when told to, and never
backwards.
"""

from __future__ import annotations

import threading
import time as _time
import weakref
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .scheduler import Scheduler

__all__ = ["FIXED_START", "Clock", "ManualClock", "SystemClock", "to_seconds"]

#: A fixed instant for runs that must repeat to the second: ``ManualClock(FIXED_START)``.
FIXED_START = datetime(2025, 1, 1, tzinfo=UTC)


def to_seconds(value: float | int | timedelta) -> float:
    """Return ``value`` in seconds, accepting a number of seconds or a ``timedelta``."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected seconds as a number or a timedelta, got {value!r}")
    return float(value)


def _epoch(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError(
            f"{moment!r} is naive; pass an aware datetime such as datetime(..., tzinfo=UTC)"
        )
    return moment.timestamp()


@runtime_checkable
class Clock(Protocol):
    """What pyserverless needs of a clock: the current instant, two ways."""

    def time(self) -> float:
        """Seconds since the Unix epoch."""
        ...

    def now(self) -> datetime:
        """The current instant as an aware UTC datetime."""
        ...


class SystemClock:
    """Real wall-clock time.

    >>> SystemClock().now().tzinfo
    datetime.timezone.utc
    """

    def time(self) -> float:
        return _time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(_time.time(), UTC)

    def __repr__(self) -> str:
        return "SystemClock()"


class ManualClock:
    """Virtual time that moves only when told to, and never backwards.

    Without ``start`` it starts at the real current time, truncated to the second, so
    that tokens it stamps verify with third-party verifiers (PyJWT, joserfc) that read
    the real time. Pass ``start`` (an aware datetime or epoch seconds) for runs whose
    timestamps must repeat exactly; seeded ids, tokens and ordering repeat either way.

    Moving the clock runs the work that comes due on every Scheduler (and so every
    Cloud) that uses it, each task at its own due time, in (time, sequence) order.

    >>> from datetime import UTC, datetime
    >>> start = ManualClock().now()
    >>> start <= datetime.now(UTC), start.microsecond
    (True, 0)
    >>> clock = ManualClock(datetime(2025, 1, 1, tzinfo=UTC))
    >>> clock.now().isoformat()
    '2025-01-01T00:00:00+00:00'
    >>> clock.advance(90)
    >>> clock.now().isoformat()
    '2025-01-01T00:01:30+00:00'
    >>> clock.advance(-1)
    Traceback (most recent call last):
    ...
    ValueError: a ManualClock never moves backwards; got advance(-1.0)
    """

    def __init__(self, start: datetime | float | None = None) -> None:
        if start is None:
            start = float(int(_time.time()))
        self._t = _epoch(start) if isinstance(start, datetime) else float(start)
        self._lock = threading.RLock()
        self._schedulers: weakref.WeakSet[Scheduler] = weakref.WeakSet()
        #: Told the new time at each move (``cloud.patch_time()``); usually empty.
        self._listeners: list[Callable[[float], None]] = []

    def add_listener(self, listener: Callable[[float], None]) -> None:
        """Call ``listener(epoch_seconds)`` each time the clock moves (and at each due
        task's instant on the way)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[float], None]) -> None:
        """Stop telling ``listener``; a listener not added is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def attach(self, scheduler: Scheduler) -> None:
        """Let moving this clock run ``scheduler``'s due tasks (a Scheduler does this)."""
        self._schedulers.add(scheduler)

    def time(self) -> float:
        return self._t

    def now(self) -> datetime:
        return datetime.fromtimestamp(self._t, UTC)

    def advance(self, seconds: float | timedelta) -> None:
        """Move forward by ``seconds`` (a number or a ``timedelta``)."""
        step = to_seconds(seconds)
        if step < 0:
            raise ValueError(f"a ManualClock never moves backwards; got advance({step!r})")
        self._move_to(self._t + step)

    def set(self, moment: datetime | float) -> None:
        """Jump to ``moment``, which must not be earlier than now."""
        target = _epoch(moment) if isinstance(moment, datetime) else float(moment)
        if target < self._t:
            raise ValueError(
                f"a ManualClock never moves backwards; {self.now().isoformat()} is later "
                f"than the requested {datetime.fromtimestamp(target, UTC).isoformat()}"
            )
        self._move_to(target)

    def _move_to(self, target: float) -> int:
        """Step to ``target``, stopping at each due task of the attached schedulers."""
        ran = 0
        with self._lock:
            while True:
                best: Scheduler | None = None
                best_when = target
                for sched in list(self._schedulers):
                    due = sched.next_due()
                    if due is not None and due <= best_when and (best is None or due < best_when):
                        best, best_when = sched, due
                if best is None:
                    break
                if best_when > self._t:
                    self._t = best_when
                    self._tell()
                ran += best.run_due()
            if target > self._t:
                self._t = target
                self._tell()
        return ran

    def _tell(self) -> None:
        for listener in list(self._listeners):
            listener(self._t)

    def __repr__(self) -> str:
        return f"ManualClock({self.now().isoformat()!r})"
