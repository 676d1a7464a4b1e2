"""Concurrency with real threads: reserved concurrency, the account limit, the scaling rate."""

from __future__ import annotations

import contextlib
import threading

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import (
    FunctionError,
    InvalidParameterValueException,
    TooManyRequestsException,
)


class Gate:
    """A handler that holds its environment until released, counting who got in."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()

    def __call__(self, event, context):
        self.entered.release()
        assert self.release.wait(timeout=10)
        return "done"

    def hold(self, fn, n: int) -> list[threading.Thread]:
        results: list = []
        threads = [threading.Thread(target=lambda: results.append(fn.invoke())) for _ in range(n)]
        for t in threads:
            t.start()
        for _ in range(n):
            assert self.entered.acquire(timeout=10)
        return threads

    def finish(self, threads: list[threading.Thread]) -> None:
        self.release.set()
        for t in threads:
            t.join(timeout=10)


class TestReservedConcurrency:
    def test_reserved_caps_the_function(self, lam):
        """With 2 reserved, a third concurrent call is throttled with AWS's Reason."""
        gate = Gate()
        fn = lam.lambda_.create_function("g", handler=gate)
        lam.client("lambda").put_function_concurrency(
            FunctionName="g", ReservedConcurrentExecutions=2
        )
        threads = gate.hold(fn, 2)
        try:
            with pytest.raises(TooManyRequestsException) as err:
                fn.invoke()
            assert err.value.message == "Rate Exceeded."
            assert err.value.status == 429
            assert err.value.response["Reason"] == (
                "ReservedFunctionConcurrentInvocationLimitExceeded"
            )
            assert err.value.response["Type"] == "User"
        finally:
            gate.finish(threads)
        assert fn.invoke() == "done"

    def test_zero_reserved_always_throttles(self, lam):
        """Reserved concurrency 0 throttles every call."""
        fn = lam.lambda_.create_function("z", handler=lambda e, c: 1)
        lam.engine("lambda").put_function_concurrency("z", 0)
        with pytest.raises(TooManyRequestsException):
            fn.invoke()
        lam.client("lambda").delete_function_concurrency(FunctionName="z")
        assert fn.invoke() == 1

    def test_cannot_reserve_below_unreserved_minimum(self, lam):
        """At least 100 of the account's 1000 must stay unreserved."""
        lam.lambda_.create_function("a", handler=lambda e, c: 1)
        client = lam.client("lambda")
        assert (
            client.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=900)[
                "ReservedConcurrentExecutions"
            ]
            == 900
        )
        with pytest.raises(InvalidParameterValueException) as err:
            client.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=901)
        assert err.value.message == (
            "Specified ReservedConcurrentExecutions for function decreases account's "
            "UnreservedConcurrentExecution below its minimum value of [100]."
        )
        assert (
            client.get_function_concurrency(FunctionName="a")["ReservedConcurrentExecutions"] == 900
        )
        settings = client.get_account_settings()
        assert settings["AccountLimit"]["UnreservedConcurrentExecutions"] == 100


class TestAccountLimit:
    def test_account_concurrency(self, small_cloud: Cloud):
        """With an account limit of 3, a fourth concurrent call is throttled."""
        gate = Gate()
        a = small_cloud.lambda_.create_function("a", handler=gate)
        b = small_cloud.lambda_.create_function("b", handler=gate)
        threads = gate.hold(a, 2) + gate.hold(b, 1)
        try:
            with pytest.raises(TooManyRequestsException) as err:
                b.invoke()
            assert err.value.response["Reason"] == "ConcurrentInvocationLimitExceeded"
        finally:
            gate.finish(threads)
        assert a.invoke() == "done"

    def test_reserved_function_is_outside_the_pool(self, small_cloud: Cloud):
        """A function's reservation is taken from the shared pool and guaranteed to it."""
        gate = Gate()
        shared = small_cloud.lambda_.create_function("s", handler=gate)
        mine = small_cloud.lambda_.create_function("m", handler=gate, reserved_concurrency=1)
        threads = gate.hold(shared, 2)
        try:
            with pytest.raises(TooManyRequestsException):
                shared.invoke()  # 3 - 1 reserved = 2 for everyone else
            threads += gate.hold(mine, 1)
        finally:
            gate.finish(threads)


class TestScalingRate:
    def test_new_environments_per_window(self, small_cloud: Cloud):
        """Only 2 new environments per 10 s of the Cloud's clock (limit shortened)."""
        gate = Gate()
        fn = small_cloud.lambda_.create_function("r", handler=gate)
        threads = gate.hold(fn, 2)
        try:
            with pytest.raises(TooManyRequestsException) as err:
                fn.invoke()
            assert err.value.response["Reason"] == "FunctionInvocationRateLimitExceeded"
            small_cloud.advance(10)
            threads += gate.hold(fn, 1)
        finally:
            gate.finish(threads)
        assert fn.environments() == 3

    def test_warm_environments_are_not_limited(self, small_cloud: Cloud):
        """Reusing warm environments never hits the scaling rate."""
        fn = small_cloud.lambda_.create_function("w", handler=lambda e, c: 1)
        assert [fn.invoke() for _ in range(50)] == [1] * 50
        assert fn.environments() == 1


class TestInvariants:
    def test_slots_are_returned_under_load(self, lam):
        """Many threads invoking at once (some throttled, some failing) leak no slot."""
        ok = lam.lambda_.create_function("ok", handler=lambda e, c: e)
        bad = lam.lambda_.create_function("bad", handler=lambda e, c: 1 / 0)
        lam.engine("lambda").put_function_concurrency("bad", 2)

        def worker(i: int) -> None:
            for j in range(20):
                target = ok if (i + j) % 2 else bad
                with contextlib.suppress(FunctionError, TooManyRequestsException):
                    target.invoke(j)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        lam.engine("lambda")._check()
        assert lam.lambda_.bill().requests > 0
        assert ok.environments() >= 1
