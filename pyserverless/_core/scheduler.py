"""The Scheduler: work that AWS does asynchronously, run in (time, sequence) order."""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from .clock import Clock, ManualClock, to_seconds

__all__ = ["Scheduler", "TaskHandle"]


class TaskHandle:
    """A scheduled call; ``cancel()`` stops it from running."""

    __slots__ = ("args", "callback", "cancelled", "daemon", "name", "seq", "when")

    def __init__(
        self,
        when: float,
        seq: int,
        callback: Callable[..., Any],
        args: tuple[Any, ...],
        name: str,
        daemon: bool = False,
    ) -> None:
        self.when = when
        self.seq = seq
        self.callback = callback
        self.args = args
        self.name = name
        self.cancelled = False
        #: Upkeep that recurs for as long as its resource lives (a stream's shard
        #: rollover): it runs when its time comes, but never keeps ``run_until_idle`` busy.
        self.daemon = daemon

    def cancel(self) -> None:
        self.cancelled = True

    def __lt__(self, other: TaskHandle) -> bool:
        return (self.when, self.seq) < (other.when, other.seq)

    def __repr__(self) -> str:
        state = " cancelled" if self.cancelled else ""
        return f"<TaskHandle {self.name or self.callback!r} at {_instant(self.when)}{state}>"


def _instant(when: float) -> str:
    """An epoch time as a short UTC ISO instant (``2025-01-01T00:00:05Z``)."""
    moment = datetime.fromtimestamp(when, UTC)
    text = moment.isoformat(timespec="milliseconds" if moment.microsecond else "seconds")
    return text.replace("+00:00", "Z")


class Scheduler:
    """A queue of callbacks ordered by (time, sequence), driven by a clock.

    Under a ``ManualClock`` nothing runs until the clock is moved with ``advance`` or
    ``run_until_idle``, and each task sees the clock at its own due time.

    >>> from pyserverless import ManualClock
    >>> clock = ManualClock(0)
    >>> sched = Scheduler(clock)
    >>> seen = []
    >>> _ = sched.call_later(5, lambda: seen.append(("b", clock.time())))
    >>> _ = sched.call_later(2, lambda: seen.append(("a", clock.time())))
    >>> sched.advance(10)
    2
    >>> seen
    [('a', 2.0), ('b', 5.0)]
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._heap: list[TaskHandle] = []
        self._seq = itertools.count()
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._driver: threading.Thread | None = None
        self._stopped = False  # stop_driver() was called: no automatic restart
        if isinstance(clock, ManualClock):
            clock.attach(self)

    def __repr__(self) -> str:
        """The clock and what is queued, soonest first (at most five shown).

        >>> from pyserverless import ManualClock
        >>> sched = Scheduler(ManualClock(0))
        >>> _ = sched.call_later(30, print, name="ttl sweep")
        >>> sched
        <Scheduler clock=ManualClock('1970-01-01T00:00:00+00:00') pending=1:
          ttl sweep at 1970-01-01T00:00:30Z>
        """
        tasks = self.pending()
        head = f"<Scheduler clock={self.clock!r} pending={len(tasks)}"
        if not tasks:
            return head + ">"
        lines = [
            f"  {t.name or getattr(t.callback, '__qualname__', t.callback)} at {_instant(t.when)}"
            for t in tasks[:5]
        ]
        if len(tasks) > 5:
            lines.append(f"  ... and {len(tasks) - 5} more")
        return head + ":\n" + "\n".join(lines) + ">"

    # -- scheduling -------------------------------------------------------------
    def call_at(
        self,
        when: float | datetime,
        callback: Callable[..., Any],
        *args: Any,
        name: str = "",
        daemon: bool = False,
    ) -> TaskHandle:
        """Run ``callback(*args)`` once the clock reaches ``when`` (epoch seconds or datetime).

        ``daemon=True`` marks recurring upkeep (a stream's shard rollover): it runs when
        the clock reaches it, but ``run_until_idle`` does not wait for it.
        """
        at = when.timestamp() if isinstance(when, datetime) else float(when)
        with self._lock:
            handle = TaskHandle(at, next(self._seq), callback, args, name, daemon)
            heapq.heappush(self._heap, handle)
            self._wake.notify_all()
            real_time = not isinstance(self.clock, ManualClock)
            if real_time and self._driver is None and not self._stopped:
                self.start_driver()
        return handle

    def call_later(
        self,
        delay: float | timedelta,
        callback: Callable[..., Any],
        *args: Any,
        name: str = "",
        daemon: bool = False,
    ) -> TaskHandle:
        """Run ``callback(*args)`` ``delay`` seconds after now."""
        seconds = to_seconds(delay)
        if seconds < 0:
            raise ValueError(f"delay must not be negative; got {seconds!r}")
        return self.call_at(self.clock.time() + seconds, callback, *args, name=name, daemon=daemon)

    # -- inspection ---------------------------------------------------------------
    def pending(self) -> list[TaskHandle]:
        """The tasks not yet run, in the order they will run."""
        with self._lock:
            return sorted(h for h in self._heap if not h.cancelled)

    def next_due(self) -> float | None:
        with self._lock:
            self._drop_cancelled()
            return self._heap[0].when if self._heap else None

    def __len__(self) -> int:
        return len(self.pending())

    def _drop_cancelled(self) -> None:
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)

    def _pop_due(self, until: float) -> TaskHandle | None:
        with self._lock:
            self._drop_cancelled()
            if self._heap and self._heap[0].when <= until:
                return heapq.heappop(self._heap)
            return None

    # -- running --------------------------------------------------------------------
    def run_due(self) -> int:
        """Run every task due at the clock's current time; return how many ran."""
        count = 0
        while (task := self._pop_due(self.clock.time())) is not None:
            task.callback(*task.args)
            count += 1
        return count

    def advance(self, seconds: float | timedelta) -> int:
        """Move a ManualClock forward, running each due task at its own time, in order."""
        clock = self._manual()
        step = to_seconds(seconds)
        if step < 0:
            raise ValueError(f"time never moves backwards; got advance({step!r})")
        return clock._move_to(clock.time() + step)

    def _next_work_due(self) -> float | None:
        """When the first task that is not upkeep (``daemon``) is due, if any."""
        with self._lock:
            return min((h.when for h in self._heap if not (h.cancelled or h.daemon)), default=None)

    def run_until_idle(self, *, max_tasks: int = 100_000) -> int:
        """Run tasks until none is left, moving a ManualClock to each one's due time.

        Recurring upkeep (``daemon`` tasks, such as a stream's shard rollover every four
        hours) runs when the clock passes it but is not waited for: idle means no work
        but upkeep is left.
        """
        clock = self._manual()
        count = 0
        while (due := self._next_work_due()) is not None:
            if count >= max_tasks:
                raise RuntimeError(
                    f"run_until_idle ran {count} tasks and work remains; a task keeps "
                    "scheduling more. Use advance() to run a bounded stretch of time."
                )
            count += clock._move_to(max(due, clock.time()))
        return count

    def _manual(self) -> ManualClock:
        if not isinstance(self.clock, ManualClock):
            raise TypeError(
                "advance() and run_until_idle() need a ManualClock; under real time a "
                "driver thread runs due tasks (Cloud(clock=ManualClock()) for virtual time)"
            )
        return self.clock

    # -- real-time driver -------------------------------------------------------------
    def start_driver(self) -> None:
        """Run due tasks in a daemon thread (for real-time clocks)."""
        with self._lock:
            if self._driver is not None:
                return
            self._stopped = False
            self._driver = threading.Thread(
                target=self._drive, name="pyserverless-scheduler", daemon=True
            )
            self._driver.start()

    def stop_driver(self) -> None:
        with self._lock:
            self._stopped = True
            self._wake.notify_all()
            driver, self._driver = self._driver, None
        if driver is not None and driver is not threading.current_thread():
            driver.join()

    def _drive(self) -> None:
        me = threading.current_thread()
        while True:
            with self._lock:
                if self._driver is not me:  # stopped, or replaced by a newer driver
                    return
                due = self.next_due()
                if due is None:
                    # Nothing queued: end the thread, so an idle Cloud holds no thread and
                    # can be collected; the next call_at starts a new driver.
                    self._driver = None
                    return
                wait = due - self.clock.time()
                if wait > 0:
                    self._wake.wait(timeout=wait)
                    continue
            self.run_due()
