"""ManualClock and SystemClock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pyserverless import Clock, ManualClock, SystemClock
from pyserverless._core.clock import FIXED_START


class TestManualClock:
    def test_starts_at_the_current_second(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a start, a ManualClock starts at the real time, truncated to the second
        (so tokens it stamps verify with PyJWT); FIXED_START is there for exact repeats."""
        import pyserverless._core.clock as clock_module

        monkeypatch.setattr(clock_module._time, "time", lambda: 1_800_000_123.987)
        assert ManualClock().time() == 1_800_000_123.0
        monkeypatch.undo()
        assert ManualClock(FIXED_START).now() == datetime(2025, 1, 1, tzinfo=UTC)

    def test_start_may_be_given(self) -> None:
        """A start given as a datetime or epoch seconds is where the clock begins."""
        moment = datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)
        assert ManualClock(moment).now() == moment
        assert ManualClock(10.5).time() == 10.5

    def test_advance_by_seconds_and_timedelta(self) -> None:
        """advance accepts a number of seconds or a timedelta."""
        clock = ManualClock(0)
        clock.advance(1.5)
        clock.advance(timedelta(minutes=1))
        assert clock.time() == 61.5
        assert clock.now() == datetime(1970, 1, 1, 0, 1, 1, 500000, tzinfo=UTC)

    def test_negative_advance_is_refused(self) -> None:
        """Time never moves backwards; the clock is unchanged after the refusal."""
        clock = ManualClock(100)
        with pytest.raises(ValueError, match="never moves backwards"):
            clock.advance(-0.001)
        with pytest.raises(ValueError, match="never moves backwards"):
            clock.advance(timedelta(seconds=-1))
        assert clock.time() == 100

    def test_set_forward_and_not_back(self) -> None:
        """set() jumps forward; a jump into the past is refused."""
        clock = ManualClock(datetime(2025, 1, 1, tzinfo=UTC))
        clock.set(datetime(2025, 6, 1, tzinfo=UTC))
        assert clock.now() == datetime(2025, 6, 1, tzinfo=UTC)
        with pytest.raises(ValueError, match="never moves backwards"):
            clock.set(datetime(2025, 5, 1, tzinfo=UTC))
        assert clock.now() == datetime(2025, 6, 1, tzinfo=UTC)

    def test_naive_datetimes_are_refused(self) -> None:
        """A naive datetime is ambiguous; the error says how to fix it."""
        with pytest.raises(ValueError, match="tzinfo=UTC"):
            ManualClock(datetime(2025, 1, 1))  # noqa: DTZ001

    def test_wrong_types_are_refused(self) -> None:
        """advance() takes numbers or timedeltas only."""
        clock = ManualClock()
        with pytest.raises(TypeError):
            clock.advance("5")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            clock.advance(True)

    def test_repr(self) -> None:
        assert repr(ManualClock(0)) == "ManualClock('1970-01-01T00:00:00+00:00')"


class TestSystemClock:
    def test_reads_real_time(self) -> None:
        """SystemClock's now() is aware UTC and close to time.time()."""
        import time

        clock = SystemClock()
        assert abs(clock.time() - time.time()) < 5
        assert clock.now().tzinfo is UTC

    def test_both_satisfy_the_protocol(self) -> None:
        assert isinstance(SystemClock(), Clock)
        assert isinstance(ManualClock(), Clock)
        assert not isinstance(object(), Clock)
