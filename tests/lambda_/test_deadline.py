"""LambdaService.invoke(deadline_seconds=...): a caller-side bound on the wait."""

from __future__ import annotations

import threading

import pytest

from pyserverless import Cloud
from pyserverless.lambda_ import InvokeDeadlineExceeded


class TestDeadline:
    def test_caller_released_function_runs_on(self, lam: Cloud):
        """Past the deadline the caller gets InvokeDeadlineExceeded; the call still completes."""
        release = threading.Event()
        finished = threading.Event()

        def handler(event, context):
            release.wait(5)
            finished.set()
            return "late"

        lam.lambda_.create_function("slow", handler=handler, timeout=10)
        with pytest.raises(InvokeDeadlineExceeded, match=r"within 0\.05 seconds") as info:
            lam.engine("lambda").invoke("slow", b"{}", deadline_seconds=0.05)
        assert info.value.function_name == "slow"
        release.set()
        assert finished.wait(5)
        # The invocation is logged and billed as AWS would, under the same request id.
        late = info.value.result(5)
        assert late is not None
        assert (late.request_id, late.payload) == (info.value.request_id, b'"late"')
        assert lam.lambda_.bill().requests == 1
        logs = lam.lambda_.function("slow").logs()
        assert any(info.value.request_id in line for line in logs)

    def test_result_within_the_deadline(self, lam: Cloud):
        """A call that returns in time is an ordinary Invocation."""
        lam.lambda_.create_function("fast", handler=lambda e, c: e["x"], timeout=10)
        inv = lam.engine("lambda").invoke("fast", b'{"x": 3}', deadline_seconds=5)
        assert (inv.status_code, inv.payload) == (200, b"3")

    def test_function_errors_pass_through(self, lam: Cloud):
        """Handler errors come back as the usual FunctionError invocation."""

        def boom(event, context):
            raise ValueError("no")

        lam.lambda_.create_function("boom", handler=boom, timeout=10)
        inv = lam.engine("lambda").invoke("boom", b"{}", deadline_seconds=5)
        assert inv.function_error == "Unhandled"
        assert inv.json()["errorType"] == "ValueError"

    def test_deadline_beyond_timeout_keeps_the_timeout(self, lam: Cloud):
        """A deadline at or past the function's Timeout changes nothing: the timeout rules."""

        def loop(event, context):
            threading.Event().wait(30)

        lam.lambda_.create_function("loop", handler=loop, timeout=1)
        inv = lam.engine("lambda").invoke("loop", b"{}", deadline_seconds=5)
        assert inv.json()["errorType"] == "Sandbox.Timedout"
        assert "Task timed out after 1.00 seconds" in inv.json()["errorMessage"]
