"""Access logs (``$context`` variables) and CloudWatch-style counts, per stage."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["AccessRecord", "StageLog", "format_line"]

_VARIABLE = re.compile(r"\$context\.([A-Za-z0-9_.]+)")


@attrs.frozen
class AccessRecord:
    """What one request leaves for its access log line."""

    values: Mapping[str, Any]

    def get(self, name: str) -> str:
        value = self.values.get(name)
        return "-" if value is None or value == "" else str(value)


def format_line(fmt: str, record: AccessRecord) -> str:
    """``fmt`` with each ``$context.x`` replaced by the request's value (``-`` if none).

    >>> format_line('$context.requestId "$context.httpMethod $context.path" $context.status',
    ...             AccessRecord({"requestId": "r1", "httpMethod": "GET", "path": "/a",
    ...                           "status": 200}))
    'r1 "GET /a" 200'
    >>> format_line("$context.error.message", AccessRecord({}))
    '-'
    """
    return _VARIABLE.sub(lambda m: record.get(m.group(1)), fmt)


class StageLog:
    """One stage's access log lines and counts (``Count``, ``4XXError``, ``5XXError``,
    ``Latency``, ``IntegrationLatency``, ``CacheHitCount``, ``CacheMissCount``)."""

    __slots__ = ("count", "errors_4xx", "errors_5xx", "integration_ms", "latency_ms", "lines")

    def __init__(self, max_lines: int) -> None:
        self.lines: deque[str] = deque(maxlen=max_lines)
        self.count = 0
        self.errors_4xx = 0
        self.errors_5xx = 0
        self.latency_ms = _Stat()
        self.integration_ms = _Stat()

    def record(self, status: int, latency_ms: float, integration_ms: float | None) -> None:
        self.count += 1
        if 400 <= status < 500:
            self.errors_4xx += 1
        elif status >= 500:
            self.errors_5xx += 1
        self.latency_ms.add(latency_ms)
        if integration_ms is not None:
            self.integration_ms.add(integration_ms)

    def metrics(self) -> dict[str, Any]:
        """The counts, with latency statistics in milliseconds."""
        return {
            "Count": self.count,
            "4XXError": self.errors_4xx,
            "5XXError": self.errors_5xx,
            "Latency": self.latency_ms.describe(),
            "IntegrationLatency": self.integration_ms.describe(),
            "CacheHitCount": 0,
            "CacheMissCount": 0,
        }


class _Stat:
    """A running count, sum, minimum and maximum (constant memory)."""

    __slots__ = ("count", "high", "low", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.low = 0.0
        self.high = 0.0

    def add(self, value: float) -> None:
        if self.count == 0 or value < self.low:
            self.low = value
        if value > self.high:
            self.high = value
        self.count += 1
        self.total += value

    def describe(self) -> dict[str, float]:
        return {
            "SampleCount": self.count,
            "Sum": self.total,
            "Minimum": self.low,
            "Maximum": self.high,
            "Average": self.total / self.count if self.count else 0.0,
        }
