"""LambdaService.run_callable: a Python callable under Lambda's limits, for other services."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_ import CallableResult, InvalidParameterValueException, LambdaService


@pytest.fixture
def engine() -> LambdaService:
    engine: LambdaService = Cloud(clock=ManualClock(), seed=0).engine("lambda")
    return engine


class TestOk:
    def test_value_is_returned_as_it_is(self, engine: LambdaService) -> None:
        """The callable's return value comes back unserialised (a set is no MarshalError)."""
        result = engine.run_callable(lambda e, c: {e, 2}, 1, name="f", timeout=2)
        assert isinstance(result, CallableResult)
        assert (result.status, result.value, result.ok) == ("ok", {1, 2}, True)
        assert (result.error_type, result.error_message, result.stack_trace) == (None, None, [])
        assert 0 <= result.duration_ms < 2000

    def test_context_fields(self, engine: LambdaService) -> None:
        """The context names the function, its memory, ARN, log group and time left."""
        seen: dict[str, Any] = {}

        def look(event: Any, context: Any) -> None:
            seen["ctx"] = context
            seen["left"] = context.get_remaining_time_in_millis()

        result = engine.run_callable(
            look,
            {},
            name="PreSignUp",
            timeout=3,
            memory_mb=256,
            client_context={"custom": {"k": "v"}},
            request_id="rid-1",
        )
        ctx = seen["ctx"]
        assert result.request_id == ctx.aws_request_id == "rid-1"
        assert (ctx.function_name, ctx.function_version) == ("PreSignUp", "$LATEST")
        assert ctx.memory_limit_in_mb == "256"
        assert ctx.invoked_function_arn == engine.function_arn("PreSignUp")
        assert ctx.log_group_name == "/aws/lambda/PreSignUp"
        assert ctx.client_context.custom == {"k": "v"}
        assert 2000 < seen["left"] <= 3000

    def test_request_id_drawn_from_the_cloud(self, engine: LambdaService) -> None:
        """Without ``request_id``, each call gets a fresh one from the Cloud."""
        first = engine.run_callable(lambda e, c: c.aws_request_id, None, name="f", timeout=1)
        second = engine.run_callable(lambda e, c: c.aws_request_id, None, name="f", timeout=1)
        assert first.value == first.request_id != second.request_id == second.value

    def test_print_goes_where_the_callers_would(
        self, engine: LambdaService, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Called from a test, the callable prints to the test's stdout."""
        engine.run_callable(lambda e, c: print("hello from", e), "x", name="f", timeout=1)
        assert capsys.readouterr().out == "hello from x\n"

    def test_print_inside_a_handler_lands_in_its_log(self) -> None:
        """Called from an inline handler, the callable's output joins the handler's log."""
        cloud = Cloud(clock=ManualClock(), seed=0)
        engine = cloud.engine("lambda")

        def handler(event: Any, context: Any) -> Any:
            result = engine.run_callable(lambda e, c: print("trigger", e), 7, name="t", timeout=1)
            return result.status

        fn = cloud.lambda_.create_function("outer", handler=handler)
        try:
            for _ in range(2):  # cold (worker thread), then warm (caller's thread)
                inv = fn.invoke_raw(b"{}")
                assert inv.payload == b'"ok"'
                assert "trigger 7" in inv.log
        finally:
            cloud.lambda_.close()


class TestError:
    def test_exception(self, engine: LambdaService) -> None:
        """An exception is an error with Lambda's type, message and stack trace."""

        def fail(event: Any, context: Any) -> None:
            raise ValueError(f"bad {event}")

        result = engine.run_callable(fail, 3, name="f", timeout=1)
        assert (result.status, result.ok) == ("error", False)
        assert (result.error_type, result.error_message) == ("ValueError", "bad 3")
        assert any("test_run_callable.py" in frame for frame in result.stack_trace)
        assert not any("pyserverless" in frame for frame in result.stack_trace)

    def test_sys_exit_is_runtime_exit_error(self, engine: LambdaService) -> None:
        """sys.exit(3) ends a runtime: Runtime.ExitError with its status."""
        result = engine.run_callable(lambda e, c: sys.exit(3), None, name="f", timeout=1)
        assert (result.status, result.error_type) == ("error", "Runtime.ExitError")
        assert result.error_message == (
            f"RequestId: {result.request_id} Error: Runtime exited with error: exit status 3"
        )

    def test_other_base_exception_at_once(self, engine: LambdaService) -> None:
        """A KeyboardInterrupt is reported at once (status 1), not as a timeout."""

        def stop(event: Any, context: Any) -> None:
            raise KeyboardInterrupt

        began = time.monotonic()
        result = engine.run_callable(stop, None, name="f", timeout=5)
        assert time.monotonic() - began < 2
        assert (result.status, result.error_type) == ("error", "Runtime.ExitError")
        assert result.error_message is not None
        assert result.error_message.endswith("exit status 1")


class TestTimeout:
    def test_blocked_callable_released_at_timeout(self, engine: LambdaService) -> None:
        """A callable blocked in a wait is answered with a timeout at its timeout."""
        gate = threading.Event()
        try:
            began = time.monotonic()
            result = engine.run_callable(lambda e, c: gate.wait(30), None, name="f", timeout=0.2)
            waited = time.monotonic() - began
        finally:
            gate.set()
        assert 0.2 <= waited < 1.5
        assert (result.status, result.error_type) == ("timeout", "Sandbox.Timedout")
        assert result.error_message == (
            f"RequestId: {result.request_id} Error: Task timed out after 0.20 seconds"
        )

    def test_running_callable_is_stopped(self, engine: LambdaService) -> None:
        """A callable still running Python code at its timeout is stopped there."""
        stopped = threading.Event()

        def spin(event: Any, context: Any) -> None:
            try:
                while True:
                    pass
            finally:
                stopped.set()

        result = engine.run_callable(spin, None, name="f", timeout=0.2)
        assert result.status == "timeout"
        assert stopped.wait(5)

    def test_fast_callable_is_not_timed_out(self, engine: LambdaService) -> None:
        """Well inside its timeout, a callable's answer stands."""
        assert engine.run_callable(lambda e, c: 1, None, name="f", timeout=0.2).value == 1


class TestDeadline:
    def test_deadline_shorter_than_timeout(self, engine: LambdaService) -> None:
        """The caller stops waiting at the deadline; the callable runs on and finishes."""
        gate = threading.Event()
        finished = threading.Event()

        def slow(event: Any, context: Any) -> str:
            gate.wait(5)
            finished.set()
            return "late"

        began = time.monotonic()
        result = engine.run_callable(slow, None, name="f", timeout=10, deadline=0.1)
        assert time.monotonic() - began < 1.5
        assert (result.status, result.error_type) == ("timeout", "Sandbox.Timedout")
        assert result.error_message == (
            f"RequestId: {result.request_id} Error: No response within 0.10 seconds"
        )
        assert not finished.is_set()
        runner = next(t for t in threading.enumerate() if t.name == "lambda-callable-f")
        gate.set()
        assert finished.wait(5)  # not stopped at the deadline
        runner.join(5)
        assert not engine.watchdog._alarms  # no stop left pending for a finished callable

    def test_stopped_at_its_timeout_after_the_deadline(self, engine: LambdaService) -> None:
        """Past the deadline the callable still runs, and is stopped at its own timeout."""
        stopped = threading.Event()
        laps = [0]

        def spin(event: Any, context: Any) -> None:
            try:
                while True:
                    laps[0] += 1
            finally:
                stopped.set()

        result = engine.run_callable(spin, None, name="f", timeout=0.5, deadline=0.05)
        assert result.status == "timeout"
        assert not stopped.is_set()  # still running after the deadline
        assert stopped.wait(5)

    def test_deadline_longer_than_timeout_keeps_the_timeout(self, engine: LambdaService) -> None:
        """A deadline past the timeout changes nothing: the timeout answers."""
        gate = threading.Event()
        try:
            result = engine.run_callable(
                lambda e, c: gate.wait(30), None, name="f", timeout=0.1, deadline=5
            )
        finally:
            gate.set()
        assert result.error_message is not None
        assert result.error_message.endswith("Task timed out after 0.10 seconds")


class TestNoLock:
    def test_callable_may_call_the_service(self, engine: LambdaService) -> None:
        """No lock is held while the callable runs: it may use Lambda itself."""

        def use(event: Any, context: Any) -> Any:
            engine.create_function("inner", handler=lambda e, c: e * 2)
            return engine.invoke("inner", b"21").payload

        result = engine.run_callable(use, None, name="f", timeout=2)
        assert (result.status, result.value) == ("ok", b"42")
        engine.close()

    def test_concurrent_calls_overlap(self, engine: LambdaService) -> None:
        """Two callers' callables run at the same time (a barrier needs both)."""
        barrier = threading.Barrier(2, timeout=5)
        results: list[CallableResult] = []

        def meet(event: Any, context: Any) -> int:
            return barrier.wait()

        other = threading.Thread(
            target=lambda: results.append(engine.run_callable(meet, None, name="a", timeout=5))
        )
        other.start()
        results.append(engine.run_callable(meet, None, name="b", timeout=5))
        other.join(5)
        assert sorted(r.value for r in results) == [0, 1]


class TestArguments:
    @pytest.mark.parametrize(
        ("options", "ok"),
        [
            ({"memory_mb": 128}, True),
            ({"memory_mb": 127}, False),
            ({"memory_mb": 10240}, True),
            ({"memory_mb": 10241}, False),
            ({"memory_mb": True}, False),
            ({"timeout": 0}, False),
            ({"timeout": -1}, False),
            ({"timeout": "3"}, False),
            ({"deadline": 0}, False),
            ({"deadline": 0.5}, True),
            ({"name": ""}, False),
        ],
    )
    def test_bounds(self, engine: LambdaService, options: dict[str, Any], ok: bool) -> None:
        """Bad limits are refused before anything runs; good ones run."""
        ran: list[int] = []
        arguments: dict[str, Any] = {"name": "f", "timeout": 1, **options}
        if ok:
            assert engine.run_callable(lambda e, c: ran.append(1), None, **arguments).ok
            assert ran == [1]
        else:
            with pytest.raises(InvalidParameterValueException):
                engine.run_callable(lambda e, c: ran.append(1), None, **arguments)
            assert ran == []

    def test_unknown_keyword_refused(self, engine: LambdaService) -> None:
        """A misspelt option is a TypeError."""
        with pytest.raises(TypeError):
            engine.run_callable(lambda e, c: 1, None, name="f", timout=1)  # type: ignore[call-arg]


class TestStoppedInsideLambda:
    def test_stop_reaches_a_warm_handler_it_invoked(self) -> None:
        """A callable stopped while a warm inline handler it invoked runs: both stop there."""
        cloud = Cloud(clock=ManualClock(), seed=0)
        engine = cloud.engine("lambda")
        handler_stopped = threading.Event()
        went_on = threading.Event()

        def spin(event: Any, context: Any) -> str:
            try:
                while event:
                    pass
            finally:
                if event:
                    handler_stopped.set()
            return "idle"

        fn = cloud.lambda_.create_function("spin", handler=spin, timeout=30)
        assert fn.invoke(0) == "idle"  # warm now

        def trigger(event: Any, context: Any) -> None:
            fn.invoke_raw(b"1")  # runs on this callable's own thread; answers, never raises
            went_on.set()

        result = engine.run_callable(trigger, None, name="t", timeout=0.3)
        assert result.status == "timeout"
        assert handler_stopped.wait(5)
        assert not went_on.wait(0.2)  # the stop was not taken for the handler's own timeout
        assert fn.environments() == 0
        cloud.lambda_.close()
