"""Room for deeply nested expressions: a raised recursion limit, only while it is needed.

A 4 KB expression can nest about a thousand levels (``NOT NOT ... a = b``, or
``(a = b OR (a = b OR (...)))``), which DynamoDB accepts and Python's default recursion
limit of 1000 does not. The parser and binder are recursive, so the rare expression that
needs more stack is processed again with a higher limit. CPython 3.11 runs Python-to-Python
calls without growing the C stack, so the higher limit costs heap, not a crash; the
recursive paths here avoid C-level recursion (no generator arguments to ``tuple()``).

The limit is process-wide: it is raised under a lock, counted, and restored when the last
user is done.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["DEEP_RECURSION_LIMIT", "call_deep"]

# Frames a 4 KB expression can need, with a wide margin (measured: about 9,000).
DEEP_RECURSION_LIMIT = 40_000

T = TypeVar("T")


class _Limit:
    """Counts the callers that need the raised limit; restores the old one at zero."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.saved = 0

    @contextmanager
    def raised(self) -> Iterator[None]:
        with self.lock:
            if self.users == 0:
                self.saved = sys.getrecursionlimit()
                if self.saved < DEEP_RECURSION_LIMIT:
                    sys.setrecursionlimit(DEEP_RECURSION_LIMIT)
            self.users += 1
        try:
            yield
        finally:
            with self.lock:
                self.users -= 1
                if self.users == 0:
                    sys.setrecursionlimit(self.saved)


_LIMIT = _Limit()


def call_deep(fn: Callable[[], T]) -> T:
    """``fn()``; if it runs out of Python stack, ``fn()`` again with a raised limit.

    ``fn`` must be safe to repeat (no effects that a second run would duplicate wrongly).

    >>> call_deep(lambda: sum(range(3)))
    3
    """
    try:
        return fn()
    except RecursionError:
        pass
    with _LIMIT.raised():
        return fn()
