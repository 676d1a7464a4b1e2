"""The cost meter: requests and GB-seconds at AWS's prices, with the free tier."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pyserverless.lambda_ import TooManyRequestsException


class TestBill:
    def test_requests_and_gb_seconds(self, lam):
        """Each call counts one request and memory x billed duration."""
        fn = lam.lambda_.create_function("f", handler=lambda e, c: 1, memory_mb=1024)
        invs = [fn.invoke_raw(b"") for _ in range(3)]
        bill = lam.lambda_.bill()
        (usage,) = bill.functions
        assert usage.function_name == "f"
        assert usage.requests == 3
        assert usage.billed_ms == sum(i.billed_ms for i in invs)
        assert usage.gb_seconds == Decimal(usage.billed_ms) / 1000
        expected = 3 * Decimal("0.0000002") + usage.gb_seconds * Decimal("0.0000166667")
        assert usage.cost == expected
        assert bill.total == 0  # inside the free tier

    def test_billed_duration_rounds_up_to_the_millisecond(self, lam):
        """Billed Duration is the duration (plus init on a cold start) rounded up."""
        fn = lam.lambda_.create_function("f", handler=lambda e, c: 1)
        cold = fn.invoke_raw(b"")
        warm = fn.invoke_raw(b"")
        assert cold.billed_ms >= cold.duration_ms + cold.init_ms
        assert warm.init_ms is None
        assert warm.billed_ms >= 1
        assert warm.billed_ms - warm.duration_ms < 1

    def test_arm_is_cheaper(self, lam):
        """arm64 GB-seconds cost $0.0000133334."""
        fn = lam.lambda_.create_function("a", handler=lambda e, c: 1, architecture="arm64")
        fn.invoke()
        (usage,) = lam.lambda_.bill().functions
        assert usage.cost == Decimal("0.0000002") + usage.gb_seconds * Decimal("0.0000133334")

    def test_throttles_are_free(self, lam):
        """A throttled call is not billed."""
        fn = lam.lambda_.create_function("t", handler=lambda e, c: 1, reserved_concurrency=0)
        with pytest.raises(TooManyRequestsException):
            fn.invoke()
        assert lam.lambda_.bill().requests == 0

    def test_beyond_free_tier(self, lam):
        """Past the free tier the total is the gross minus the free allowance."""
        lam.lambda_.create_function("f", handler=lambda e, c: 1)
        for _ in range(2):
            lam.engine("lambda").meter.record(
                "f", billed_ms=500_000_000, memory_mb=1024, storage_mb=512, arch="x86_64"
            )
        bill = lam.lambda_.bill()
        assert bill.gb_seconds == 1_000_000
        free = Decimal(2) * Decimal("0.0000002") + 400_000 * Decimal("0.0000166667")
        assert bill.free_tier == free
        assert bill.total == bill.gross - free
