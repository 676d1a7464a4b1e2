"""The cost meter: requests and GB-seconds per function, at AWS's prices (aws-facts B6).

Prices are us-east-1's, per month; the free tier (1M requests and 400,000 GB-s) is
deducted from the account's total, as on an AWS bill.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import attrs

__all__ = ["Bill", "FunctionUsage", "Meter"]

#: USD per request ($0.20 per 1M).
PRICE_PER_REQUEST = Decimal("0.0000002")
#: USD per GB-second of compute, by architecture (first pricing tier).
PRICE_PER_GB_SECOND = {"x86_64": Decimal("0.0000166667"), "arm64": Decimal("0.0000133334")}
#: USD per GB-second of ephemeral storage above the free 512 MB.
PRICE_PER_STORAGE_GB_SECOND = Decimal("0.0000000309")
FREE_REQUESTS = 1_000_000
FREE_GB_SECONDS = Decimal(400_000)


@attrs.frozen
class FunctionUsage:
    """What one function used: requests, billed milliseconds and GB-seconds."""

    function_name: str
    requests: int
    billed_ms: int
    gb_seconds: Decimal
    storage_gb_seconds: Decimal
    cost: Decimal


@attrs.frozen
class Bill:
    """A month's Lambda bill so far: usage per function, totals, free tier, amount due.

    >>> from decimal import Decimal
    >>> Bill(functions=(), requests=0, gb_seconds=Decimal(0), gross=Decimal(0),
    ...      free_tier=Decimal(0), total=Decimal(0)).total
    Decimal('0')
    """

    functions: tuple[FunctionUsage, ...]
    requests: int
    gb_seconds: Decimal
    gross: Decimal
    free_tier: Decimal
    total: Decimal


class _Counter:
    __slots__ = ("arch", "billed_ms", "gb_ms", "requests", "storage_gb_ms")

    def __init__(self, arch: str) -> None:
        self.arch = arch
        self.requests = 0
        self.billed_ms = 0
        self.gb_ms = 0  # MB x ms, converted once when the bill is read
        self.storage_gb_ms = 0


class Meter:
    """Counts each invocation; ``bill()`` prices the counts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, _Counter] = {}

    def record(
        self, function: str, *, billed_ms: int, memory_mb: int, storage_mb: int, arch: str
    ) -> None:
        with self._lock:
            c = self._counters.get(function)
            if c is None:
                c = self._counters[function] = _Counter(arch)
            c.requests += 1
            c.billed_ms += billed_ms
            c.gb_ms += memory_mb * billed_ms
            if storage_mb > 512:
                c.storage_gb_ms += (storage_mb - 512) * billed_ms

    def count_request(self, function: str, arch: str) -> None:
        """A request that ran no code (a throttle is free; an async queue entry is not)."""
        self.record(function, billed_ms=0, memory_mb=0, storage_mb=0, arch=arch)

    def bill(self) -> Bill:
        with self._lock:
            items = sorted(self._counters.items())
        per: list[FunctionUsage] = []
        requests = 0
        gb_total = Decimal(0)
        gross = Decimal(0)
        compute_free_value = Decimal(0)
        for name, c in items:
            gb_s = Decimal(c.gb_ms) / Decimal(1024 * 1000)
            st_s = Decimal(c.storage_gb_ms) / Decimal(1024 * 1000)
            rate = PRICE_PER_GB_SECOND.get(c.arch, PRICE_PER_GB_SECOND["x86_64"])
            cost = c.requests * PRICE_PER_REQUEST + gb_s * rate + st_s * PRICE_PER_STORAGE_GB_SECOND
            per.append(FunctionUsage(name, c.requests, c.billed_ms, gb_s, st_s, cost))
            requests += c.requests
            gb_total += gb_s
            gross += cost
            compute_free_value = max(compute_free_value, rate)
        free_requests = min(requests, FREE_REQUESTS) * PRICE_PER_REQUEST
        rate = compute_free_value or PRICE_PER_GB_SECOND["x86_64"]
        free_compute = min(gb_total, FREE_GB_SECONDS) * rate
        free = min(gross, free_requests + free_compute)
        return Bill(tuple(per), requests, gb_total, gross, free, gross - free)
