"""``cloud.patch_time()``: make ``time.time()`` and ``datetime.now()`` follow a ManualClock.

Third-party code reads the real time: PyJWT checks a token's ``exp`` and ``iat`` with
``time.time()``, an app stamps ``datetime.now(UTC)`` into an item. While a patch is
active, both read the Cloud's clock, and every move of the clock (``cloud.advance``,
``clock.set``, each due task's instant) moves them too. The patch is process-wide, as
any time patch is, so it is explicit, and it ends with its ``with`` block, with
``stop()``, or with ``cloud.close()``: nothing is left patched behind.

It stands on `time-machine <https://github.com/adamchainz/time-machine>`_, imported only
here: install the ``time`` extra (``pip install 'pyserverless[time]'``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from .clock import ManualClock

__all__ = ["TimePatch"]


class TimePatch:
    """An active patch of the process's time to one ManualClock (``cloud.patch_time()``)."""

    def __init__(self, clock: ManualClock) -> None:
        try:
            import time_machine
        except ImportError as exc:  # pragma: no cover - the test extra installs it
            raise ImportError(
                "cloud.patch_time() needs time-machine: pip install 'pyserverless[time]'"
            ) from exc
        self._clock = clock
        self._travel: Any = time_machine.travel(clock.now(), tick=False)
        self._coordinates: Any = self._travel.start()
        self.active = True
        clock.add_listener(self._moved)

    def _moved(self, t: float) -> None:
        if self.active:
            self._coordinates.move_to(datetime.fromtimestamp(t, UTC))

    def stop(self) -> None:
        """End the patch: ``time.time()`` reads the real time again. Idempotent."""
        if self.active:
            self.active = False
            self._clock.remove_listener(self._moved)
            self._travel.stop()

    def __enter__(self) -> TimePatch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "active" if self.active else "stopped"
        return f"<TimePatch {state} clock={self._clock!r}>"
