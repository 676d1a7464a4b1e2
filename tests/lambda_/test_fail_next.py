"""function.fail_next(n): the next n invocations fail as AWS reports it, then calls succeed."""

from __future__ import annotations

import json

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import FunctionError, TooManyRequestsException


def _fn(cloud: Cloud) -> object:
    return cloud.lambda_.create_function("calc", handler=lambda e, c: {"ok": e})


class TestFunctionErrors:
    """By default the failure is the handler's: FunctionError Unhandled."""

    def test_next_two_fail_then_succeed(self, lam: Cloud) -> None:
        """n=2: two Unhandled errors with the planned type and message, then the handler."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: {"ok": e})
        fn.fail_next(2, error="ValueError", message="flaky")
        for _ in range(2):
            with pytest.raises(FunctionError) as err:
                fn.invoke(1)
            assert (err.value.error_type, err.value.error_message) == ("ValueError", "flaky")
        assert fn.invoke(1) == {"ok": 1}

    def test_through_the_client(self, lam: Cloud) -> None:
        """The client sees FunctionError: Unhandled and AWS's error body."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: {"ok": e})
        fn.fail_next()
        resp = lam.client("lambda").invoke(FunctionName="calc", Payload=b"1")
        assert resp["StatusCode"] == 200 and resp["FunctionError"] == "Unhandled"
        body = json.loads(resp["Payload"].read())
        assert body["errorType"] == "Exception"
        assert body["errorMessage"]
        assert body["requestId"] == resp["ResponseMetadata"]["RequestId"] or body["requestId"]
        again = lam.client("lambda").invoke(FunctionName="calc", Payload=b"1")
        assert "FunctionError" not in again

    def test_logged_and_billed_like_a_failure(self, lam: Cloud) -> None:
        """The failed invocation is logged (START/END/REPORT) and counted as a request."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: {"ok": e})
        fn.fail_next()
        with pytest.raises(FunctionError):
            fn.invoke(1)
        assert fn.logs()[0].startswith("START RequestId:")
        assert lam.lambda_.bill().requests == 1


class TestServiceErrors:
    """An AWS Lambda error code is raised as the service's error: the handler never runs."""

    def test_too_many_requests(self, lam: Cloud) -> None:
        """TooManyRequestsException once, then the call goes through."""
        calls: list[object] = []
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: calls.append(e))
        fn.fail_next(1, error="TooManyRequestsException")
        with pytest.raises(TooManyRequestsException):
            lam.client("lambda").invoke(FunctionName="calc", Payload=b"1")
        assert calls == []
        lam.client("lambda").invoke(FunctionName="calc", Payload=b"2")
        assert calls == [2]


class TestRecordedAndChecked:
    """Fired failures show in cloud.faults.history(); bad arguments are refused."""

    def test_history(self, lam: Cloud) -> None:
        """Each fired failure is one history entry for lambda.Invoke."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: e)
        fn.fail_next(1, error="TooManyRequestsException")
        fn.fail_next(1, error="KeyError")
        with pytest.raises(TooManyRequestsException):
            fn.invoke(1)
        with pytest.raises(FunctionError):
            fn.invoke(1)
        effects = [(e.service, e.operation, e.effect) for e in lam.faults.history()]
        assert effects == [
            ("lambda", "Invoke", "TooManyRequestsException"),
            ("lambda", "Invoke", "Unhandled KeyError"),
        ]

    def test_other_functions_unaffected(self, lam: Cloud) -> None:
        """Only the function planned fails."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: e)
        other = lam.lambda_.create_function("other", handler=lambda e, c: e)
        fn.fail_next(1)
        assert other.invoke(3) == 3
        with pytest.raises(FunctionError):
            fn.invoke(3)

    @pytest.mark.parametrize("n", [0, -1])
    def test_n_at_least_one(self, lam: Cloud, n: int) -> None:
        """n below 1 is a ValueError; nothing is planned."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: e)
        with pytest.raises(ValueError, match="at least 1"):
            fn.fail_next(n)
        assert fn.invoke(4) == 4

    def test_n_must_be_whole(self, lam: Cloud) -> None:
        """A non-integer n is a TypeError."""
        fn = lam.lambda_.create_function("calc", handler=lambda e, c: e)
        with pytest.raises(TypeError):
            fn.fail_next(1.5)  # type: ignore[arg-type]
