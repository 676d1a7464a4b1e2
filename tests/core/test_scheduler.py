"""The Scheduler: (time, sequence) order under virtual time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock, Scheduler, SystemClock


class TestOrdering:
    def test_runs_in_time_then_sequence_order(self) -> None:
        """Tasks run by due time; ties run in the order they were scheduled."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[str] = []
        sched.call_at(5, ran.append, "c")
        sched.call_at(1, ran.append, "a")
        sched.call_at(5, ran.append, "d")
        sched.call_at(3, ran.append, "b")
        assert sched.advance(10) == 4
        assert ran == ["a", "b", "c", "d"]

    def test_each_task_sees_its_own_due_time(self) -> None:
        """While a task runs, the clock reads the task's due time."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        seen: list[float] = []
        for delay in (7, 2, 4):
            sched.call_later(delay, lambda: seen.append(clock.time()))
        sched.advance(100)
        assert seen == [2.0, 4.0, 7.0]
        assert clock.time() == 100.0

    def test_not_yet_due_tasks_wait(self) -> None:
        """advance stops at the target; later tasks stay queued."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[int] = []
        sched.call_later(5, ran.append, 5)
        sched.call_later(15, ran.append, 15)
        sched.advance(10)
        assert ran == [5]
        assert [t.when for t in sched.pending()] == [15.0]

    def test_tasks_scheduled_by_tasks_run_in_the_same_advance(self) -> None:
        """A task may schedule more work; if due within the advance, it runs too."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[float] = []

        def first() -> None:
            ran.append(clock.time())
            sched.call_later(2, lambda: ran.append(clock.time()))

        sched.call_later(1, first)
        sched.advance(10)
        assert ran == [1.0, 3.0]

    def test_cancelled_tasks_do_not_run(self) -> None:
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[str] = []
        handle = sched.call_later(1, ran.append, "x")
        sched.call_later(2, ran.append, "y")
        handle.cancel()
        sched.advance(5)
        assert ran == ["y"]

    def test_call_at_accepts_datetimes(self) -> None:
        clock = ManualClock(datetime(2025, 1, 1, tzinfo=UTC))
        sched = Scheduler(clock)
        ran: list[datetime] = []
        sched.call_at(datetime(2025, 1, 2, tzinfo=UTC), lambda: ran.append(clock.now()))
        sched.advance(timedelta(days=2))
        assert ran == [datetime(2025, 1, 2, tzinfo=UTC)]

    def test_negative_delay_refused(self) -> None:
        sched = Scheduler(ManualClock(0))
        with pytest.raises(ValueError, match="negative"):
            sched.call_later(-1, print)

    @given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 1000)), max_size=30))
    def test_order_is_sorted_by_time_then_sequence(self, tasks: list[tuple[int, int]]) -> None:
        """Whatever the schedule, execution order is sorted by (time, sequence)."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[tuple[float, int]] = []
        for seq, (when, _) in enumerate(tasks):
            sched.call_at(when, lambda w=when, s=seq: ran.append((w, s)))
        sched.advance(60)
        assert ran == sorted(ran)
        assert len(ran) == len(tasks)


class TestClockDrivesSchedulers:
    def test_moving_the_clock_runs_due_work(self) -> None:
        """clock.advance() runs due tasks of every Cloud on that clock, interleaved by time."""
        clock = ManualClock(0)
        a, b = Cloud(clock=clock), Cloud(clock=clock)
        ran: list[str] = []
        a.scheduler.call_later(3, ran.append, "a3")
        b.scheduler.call_later(1, ran.append, "b1")
        a.scheduler.call_later(2, ran.append, "a2")
        clock.advance(5)
        assert ran == ["b1", "a2", "a3"]

    def test_set_runs_due_work(self) -> None:
        clock = ManualClock(0)
        cloud = Cloud(clock=clock)
        ran: list[float] = []
        cloud.scheduler.call_later(10, lambda: ran.append(clock.time()))
        clock.set(20)
        assert ran == [10.0]


class TestRunUntilIdle:
    def test_runs_everything_and_moves_the_clock(self) -> None:
        cloud = Cloud(clock=ManualClock(0))
        ran: list[float] = []
        cloud.scheduler.call_later(100, lambda: ran.append(cloud.clock.time()))
        cloud.scheduler.call_later(3600, lambda: ran.append(cloud.clock.time()))
        assert cloud.run_until_idle() == 2
        assert ran == [100.0, 3600.0]
        assert cloud.clock.time() == 3600.0

    def test_endless_work_is_reported(self) -> None:
        """A task that always reschedules itself makes run_until_idle stop with an error."""
        clock = ManualClock(0)
        sched = Scheduler(clock)

        def again() -> None:
            sched.call_later(1, again)

        sched.call_later(1, again)
        with pytest.raises(RuntimeError, match="keeps scheduling"):
            sched.run_until_idle(max_tasks=50)


class TestRealTime:
    def test_advance_needs_a_manual_clock(self) -> None:
        """Under real time, advance() explains that a driver thread runs tasks."""
        sched = Scheduler(SystemClock())
        with pytest.raises(TypeError, match="ManualClock"):
            sched.advance(1)

    def test_driver_runs_due_tasks(self) -> None:
        """Under a SystemClock, a task due now runs on the driver thread."""
        import threading

        sched = Scheduler(SystemClock())
        done = threading.Event()
        sched.call_later(0, done.set)
        try:
            assert done.wait(timeout=5)
        finally:
            sched.stop_driver()


class TestDriverLifecycle:
    def test_stop_is_final_even_if_work_arrives(self) -> None:
        """Work scheduled after stop_driver() does not resurrect a driver; stop returns."""
        import threading

        sched = Scheduler(SystemClock())
        done = threading.Event()
        sched.call_later(0, done.set)
        assert done.wait(timeout=5)
        sched.stop_driver()
        sched.call_later(0, print)  # e.g. a retry queued while shutting down
        assert sched._driver is None
        sched.stop_driver()  # idempotent, and returns

    def test_restart_after_stop(self) -> None:
        """start_driver() after a stop runs due tasks again."""
        import threading

        sched = Scheduler(SystemClock())
        sched.stop_driver()
        sched.start_driver()
        done = threading.Event()
        sched.call_later(0, done.set)
        try:
            assert done.wait(timeout=5)
        finally:
            sched.stop_driver()

    def test_driver_ends_when_idle_and_returns_with_work(self) -> None:
        """With nothing queued the driver thread ends; new work starts a new one."""
        import threading

        sched = Scheduler(SystemClock())
        first = threading.Event()
        sched.call_later(0, first.set)
        assert first.wait(timeout=5)
        driver = sched._driver
        if driver is not None:
            driver.join(timeout=5)
        assert sched._driver is None
        second = threading.Event()
        sched.call_later(0, second.set)
        try:
            assert second.wait(timeout=5)
        finally:
            sched.stop_driver()


class TestRepr:
    def test_shows_clock_and_pending_soonest_first(self) -> None:
        """The repr names the clock and each live task with its due instant, soonest first."""
        sched = Scheduler(ManualClock(0))
        sched.call_later(30, print, name="late")
        sched.call_later(5, print, name="soon")
        sched.call_later(7, print, name="gone").cancel()
        text = repr(sched)
        assert text.startswith(
            "<Scheduler clock=ManualClock('1970-01-01T00:00:00+00:00') pending=2:"
        )
        assert text.index("soon at 1970-01-01T00:00:05Z") < text.index(
            "late at 1970-01-01T00:00:30Z"
        )
        assert "gone" not in text

    def test_long_queues_are_cut(self) -> None:
        """At most five tasks are listed; the rest are counted."""
        sched = Scheduler(ManualClock(0))
        for n in range(7):
            sched.call_later(n + 1, print, name=f"t{n}")
        text = repr(sched)
        assert "t4 at" in text and "t5 at" not in text
        assert text.endswith("... and 2 more>")
        assert repr(Scheduler(ManualClock(0))).endswith("pending=0>")


class TestDaemonTasks:
    def test_run_until_idle_does_not_wait_for_upkeep(self) -> None:
        """Recurring upkeep (daemon) runs when passed but never keeps run_until_idle busy."""
        clock = ManualClock(0)
        sched = Scheduler(clock)
        ran: list[tuple[str, float]] = []

        def upkeep() -> None:
            ran.append(("upkeep", clock.time()))
            sched.call_later(10, upkeep, daemon=True)

        sched.call_later(10, upkeep, daemon=True)
        sched.call_later(25, lambda: ran.append(("work", clock.time())))
        assert sched.run_until_idle() == 3
        assert ran == [("upkeep", 10.0), ("upkeep", 20.0), ("work", 25.0)]
        assert clock.time() == 25.0
        assert sched.run_until_idle() == 0  # only upkeep is left
        assert len(sched) == 1

    def test_a_stream_leaves_run_until_idle_usable(self) -> None:
        """A table with a stream (shard rollover every 4 h, for ever) is idle at once."""
        cloud = Cloud(clock=ManualClock(0))
        cloud.client("dynamodb").create_table(
            TableName="ttt",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        assert cloud.run_until_idle() == 0
        assert [t.name for t in cloud.scheduler.pending()] == ["dynamodb stream shard rollover"]
