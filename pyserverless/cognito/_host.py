"""What every pool of one engine shares: the Cloud's clock and ids, the limits, and the lock.

A ``UserPool`` reads time, ids and limits through its ``Host``, never through the engine, so
the pool's module does not know the engine exists.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ._limits import CognitoLimits

if TYPE_CHECKING:
    from .._core.ids import Ids

__all__ = ["EngineLock", "Host"]


class EngineLock:
    """A re-entrant lock that can be let go while user code (a trigger) runs.

    Every operation holds it; ``released()`` drops it around a trigger call so a trigger
    (or a Lambda function on another thread) may call back into Cognito without deadlock.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._owner: int | None = None
        self._depth = 0

    def __enter__(self) -> EngineLock:
        self._lock.acquire()
        self._owner = threading.get_ident()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
        self._lock.release()

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """Let go of the lock (if this thread holds it) for the duration of the block."""
        if self._owner != threading.get_ident():
            yield
            return
        depth, self._depth, self._owner = self._depth, 0, None
        for _ in range(depth):
            self._lock.release()
        try:
            yield
        finally:
            for _ in range(depth):
                self._lock.acquire()
            self._owner, self._depth = threading.get_ident(), depth


@attrs.frozen(eq=False)
class Host:
    """One region's Cognito surroundings: the Cloud, the region, the limits and the lock."""

    cloud: Any
    region: str
    limits: CognitoLimits
    lock: EngineLock = attrs.field(factory=EngineLock)

    @property
    def ids(self) -> Ids:
        return self.cloud.ids  # type: ignore[no-any-return]

    def now(self) -> float:
        """The Cloud's clock, in epoch seconds."""
        return self.cloud.clock.time()  # type: ignore[no-any-return]

    def now_dt(self) -> datetime:
        return self.cloud.clock.now()  # type: ignore[no-any-return]
