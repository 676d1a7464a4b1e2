"""Inline Lambda mode leaves no process-wide trace: nothing outlives the call or the Cloud."""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.lambda_._inline import interposed

AFFINITY = hasattr(os, "sched_getaffinity")


class Snapshot:
    """The process-wide objects inline mode may touch, as they were."""

    def __init__(self) -> None:
        self.environ = os.environ
        self.stdout = sys.stdout
        self.stderr = sys.stderr
        self.handlers = list(logging.getLogger().handlers)
        self.call_handlers = logging.Logger.callHandlers
        self.gettempdir = tempfile._gettempdir  # type: ignore[attr-defined]
        self.tmp = tempfile.gettempdir()
        self.affinity = os.sched_getaffinity(0) if AFFINITY else None

    def assert_restored(self) -> None:
        assert os.environ is self.environ
        assert sys.stdout is self.stdout
        assert sys.stderr is self.stderr
        assert logging.getLogger().handlers == self.handlers
        assert logging.Logger.callHandlers is self.call_handlers
        assert tempfile._gettempdir is self.gettempdir  # type: ignore[attr-defined]
        assert tempfile.gettempdir() == self.tmp
        if AFFINITY:
            assert os.sched_getaffinity(0) == self.affinity
        assert interposed() == 0


@pytest.fixture
def before() -> Iterator[Snapshot]:
    """The state before the test, checked again after it."""
    gc.collect()  # Clouds earlier tests dropped without close() release their routers
    if interposed():
        pytest.skip("a Cloud of an earlier test is still referenced (a failed test's traceback)")
    snap = Snapshot()
    yield snap
    snap.assert_restored()


def echo(event: Any, context: Any) -> Any:
    print("printed", event)
    logging.getLogger("app").warning("logged %s", event)
    return {"name": os.environ.get("AWS_LAMBDA_FUNCTION_NAME")}


def new_cloud() -> Cloud:
    return Cloud(clock=ManualClock(), seed=0)


class TestRestored:
    def test_after_close(self, before: Snapshot) -> None:
        """After invokes and close(), environ, streams, logging and affinity are as before."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function("f", handler=echo)
        assert fn.invoke(1) == {"name": "f"}  # cold: the worker thread
        assert fn.invoke(2) == {"name": "f"}  # warm: this thread
        assert os.environ is not before.environ  # routed while the environment lives
        cloud.lambda_.close()
        before.assert_restored()

    def test_after_the_cloud_is_garbage(self, before: Snapshot) -> None:
        """A Cloud dropped without close() takes its routers with it."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function("f", handler=echo)
        fn.invoke(1)
        fn.invoke(2)
        del cloud, fn
        gc.collect()
        before.assert_restored()

    def test_after_a_timeout(self, before: Snapshot) -> None:
        """A timed-out environment (discarded) releases its routers too."""
        cloud = new_cloud()

        def spin(event: Any, context: Any) -> None:
            while event:
                pass

        fn = cloud.lambda_.create_function("spin", handler=spin, timeout=1)
        fn.invoke(0)  # cold, returns
        inv = fn.invoke_raw(b"1")  # warm, on this thread, stopped at the timeout
        assert inv.json()["errorType"] == "Sandbox.Timedout"
        assert fn.environments() == 0
        before.assert_restored()
        cloud.lambda_.close()

    def test_two_clouds(self, before: Snapshot) -> None:
        """The routers stay while any Cloud has a live inline environment, and go after."""
        first, second = new_cloud(), new_cloud()
        first.lambda_.create_function("f", handler=echo).invoke(1)
        second.lambda_.create_function("f", handler=echo).invoke(1)
        first.lambda_.close()
        assert interposed() == 1
        assert second.lambda_.function("f").invoke(2) == {"name": "f"}
        second.lambda_.close()
        before.assert_restored()

    def test_worker_threads_end_at_close(self, before: Snapshot) -> None:
        """Every thread the service started (workers, watchdog) ends once it is closed."""
        cloud = new_cloud()
        earlier = set(threading.enumerate())
        for name in ("a", "b"):
            cloud.lambda_.create_function(name, handler=echo).invoke(1)
        started = set(threading.enumerate()) - earlier
        workers = [t for t in started if t.name.startswith("lambda-2")]
        assert len(workers) == 2
        cloud.lambda_.close()
        for thread in started:  # the watchdog's thread too
            thread.join(5)
            assert not thread.is_alive()

    def test_someone_elses_stdout_is_kept(self, before: Snapshot) -> None:
        """A stdout installed by someone else while routed is still there after close()."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function("f", handler=echo)
        fn.invoke(1)

        class Theirs:
            def __init__(self) -> None:
                self.parts: list[str] = []

            def write(self, text: str) -> int:
                self.parts.append(text)
                return len(text)

            def flush(self) -> None:
                pass

        theirs = Theirs()
        sys.stdout = theirs
        try:
            inv = fn.invoke_raw(b"2")  # routed again, on top of theirs
            assert "printed 2" in inv.log
            print("mine")
            cloud.lambda_.close()
            assert sys.stdout is theirs
            assert "".join(theirs.parts) == "mine\n"
        finally:
            sys.stdout = before.stdout


class TestInvisibleOutsideHandlers:
    def test_objects_behave_as_the_real_ones(self, before: Snapshot) -> None:
        """While routed, other code sees the host's environment, logging setup and types."""
        cloud = new_cloud()
        cloud.lambda_.create_function("f", handler=echo).invoke(1)
        try:
            assert isinstance(os.environ, os._Environ)
            assert isinstance(sys.stdout, type(before.stdout))
            assert isinstance(sys.stderr, type(before.stderr))
            assert logging.getLogger().handlers == before.handlers
            os.environ["PYSERVERLESS_PROBE"] = "1"
            try:
                assert before.environ["PYSERVERLESS_PROBE"] == "1"
                assert os.getenv("PYSERVERLESS_PROBE") == "1"
                assert dict(os.environ) == dict(before.environ)
            finally:
                del os.environ["PYSERVERLESS_PROBE"]
            assert "PYSERVERLESS_PROBE" not in before.environ
        finally:
            cloud.lambda_.close()

    @pytest.mark.parametrize("calls", [1, 2])  # cold (worker thread), warm (this thread)
    def test_handler_variables_invisible_to_other_threads(
        self, before: Snapshot, calls: int
    ) -> None:
        """During a call, another thread sees the host's variables, not the function's."""
        cloud = new_cloud()
        seen: dict[str, Any] = {}

        def handler(event: Any, context: Any) -> Any:
            os.environ["SET_BY_HANDLER"] = "yes"
            probe = threading.Thread(
                target=lambda: seen.update(
                    other=(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"), os.getenv("SET_BY_HANDLER"))
                )
            )
            probe.start()
            probe.join(5)
            return [os.environ["AWS_LAMBDA_FUNCTION_NAME"], os.environ["SET_BY_HANDLER"]]

        fn = cloud.lambda_.create_function("vars", handler=handler)
        for _ in range(calls):
            assert fn.invoke() == ["vars", "yes"]
        assert seen["other"] == (
            before.environ.get("AWS_LAMBDA_FUNCTION_NAME"),
            before.environ.get("SET_BY_HANDLER"),
        )
        assert "SET_BY_HANDLER" not in before.environ
        cloud.lambda_.close()

    @pytest.mark.parametrize("calls", [1, 2])
    def test_output_goes_to_the_log_not_stdout(
        self, before: Snapshot, calls: int, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """print and logging in a handler land in the function's log, not the test's output."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function("f", handler=echo)
        for n in range(calls):
            inv = fn.invoke_raw(str(n).encode())
            assert f"printed {n}" in inv.log
            assert any(line.startswith("[WARNING]") and f"logged {n}" in line for line in inv.log)
        out = capsys.readouterr()
        assert (out.out, out.err) == ("", "")
        cloud.lambda_.close()

    @pytest.mark.skipif(not AFFINITY, reason="sched_getaffinity is Linux-only")
    def test_no_cpu_pinning(self, before: Snapshot) -> None:
        """Neither the caller nor the handler is moved to one CPU."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function(
            "f", handler=lambda e, c: sorted(os.sched_getaffinity(0))
        )
        assert fn.invoke() == sorted(before.affinity or ())  # cold
        assert fn.invoke() == sorted(before.affinity or ())  # warm
        assert os.sched_getaffinity(0) == before.affinity
        cloud.lambda_.close()


class TestContained:
    @pytest.mark.parametrize("calls", [1, 2])
    def test_closing_stdout_in_a_handler(self, before: Snapshot, calls: int) -> None:
        """A handler's sys.stdout.close() does not close the host's stdout."""
        cloud = new_cloud()

        def close_streams(event: Any, context: Any) -> str:
            sys.stdout.close()
            sys.stderr.close()
            print("still printing")
            return "closed"

        fn = cloud.lambda_.create_function("close", handler=close_streams)
        for _ in range(calls):
            assert fn.invoke() == "closed"
        assert not before.stdout.closed
        assert not before.stderr.closed
        cloud.lambda_.close()


class TestPrivateTmp:
    @pytest.mark.parametrize("calls", [1, 2])
    def test_tempfile_uses_the_environments_folder(self, before: Snapshot, calls: int) -> None:
        """A handler's tempfile folder is its environment's TMPDIR; other threads keep theirs."""
        cloud = new_cloud()
        seen: dict[str, str] = {}

        def handler(event: Any, context: Any) -> list[str]:
            probe = threading.Thread(target=lambda: seen.update(other=tempfile.gettempdir()))
            probe.start()
            probe.join(5)
            with tempfile.NamedTemporaryFile() as f:
                where = os.path.dirname(f.name)
            return [tempfile.gettempdir(), os.environ["TMPDIR"], where]

        fn = cloud.lambda_.create_function("tmp", handler=handler)
        for _ in range(calls):
            mine, tmpdir, where = fn.invoke()
            assert mine == tmpdir == where != before.tmp
        assert seen["other"] == before.tmp
        assert tempfile.gettempdir() == before.tmp
        cloud.lambda_.close()


class TestWarmOnTheCallersThread:
    def test_warm_call_runs_here(self, before: Snapshot) -> None:
        """The cold call runs on the worker thread, warm calls on the caller's thread."""
        cloud = new_cloud()
        fn = cloud.lambda_.create_function("f", handler=lambda e, c: threading.get_ident())
        assert fn.invoke() != threading.get_ident()
        assert fn.invoke() == threading.get_ident()
        cloud.lambda_.close()

    def test_nested_call_runs_on_the_targets_worker(self, before: Snapshot) -> None:
        """A handler invoking another function never nests two handlers on one thread."""
        cloud = new_cloud()
        inner = cloud.lambda_.create_function("inner", handler=lambda e, c: threading.get_ident())

        def outer(event: Any, context: Any) -> Any:
            return [threading.get_ident(), inner.invoke()]

        fn = cloud.lambda_.create_function("outer", handler=outer)
        inner.invoke()  # inner is warm
        fn.invoke()
        here, nested = fn.invoke()  # warm outer on this thread
        assert here == threading.get_ident() != nested
        cloud.lambda_.close()

    def test_warm_timeout_keeps_the_caller_usable(self, before: Snapshot) -> None:
        """After a warm call is stopped, the caller's thread goes on; a new environment serves."""
        cloud = new_cloud()

        def maybe_spin(event: Any, context: Any) -> str:
            while event:
                pass
            return "done"

        fn = cloud.lambda_.create_function("s", handler=maybe_spin, timeout=1)
        assert fn.invoke(0) == "done"
        assert fn.invoke_raw(b"1").json()["errorType"] == "Sandbox.Timedout"
        assert fn.invoke(0) == "done"
        assert fn.invoke(0) == "done"
        cloud.lambda_.close()

    def test_warm_handler_blocked_in_c_is_a_timeout_when_it_returns(self, before: Snapshot) -> None:
        """A warm handler blocked in a wait past its timeout is stopped when the wait ends."""
        cloud = new_cloud()

        def wait(event: Any, context: Any) -> str:
            threading.Event().wait(event)
            return "answered"

        fn = cloud.lambda_.create_function("w", handler=wait, timeout=1)
        assert fn.invoke(0) == "answered"  # cold; the next call is warm, on this thread
        inv = fn.invoke_raw(b"1.3")
        assert inv.json()["errorType"] == "Sandbox.Timedout"
        assert fn.environments() == 0
        cloud.lambda_.close()


class TestTimeoutRaces:
    def test_deadline_racing_the_return_never_escapes(self, before: Snapshot) -> None:
        """Handlers ending just before or after their deadline: an answer or a timeout, and
        the watchdog's exception never reaches the caller (a race; many tries)."""
        from pyserverless.lambda_._inline import InlineEnvironment, Watchdog
        from pyserverless.lambda_._runtime import HandlerSpec

        def busy(event: Any, context: Any) -> int:
            end = time.monotonic() + event
            while time.monotonic() < end:
                pass
            return 1

        watchdog = Watchdog(poll=0.0003)
        env: InlineEnvironment | None = None
        kinds: set[str] = set()
        for i in range(400):
            if env is None or not env.alive:
                if env is not None:
                    env.close()
                env = InlineEnvironment(HandlerSpec("h", func=busy), {}, watchdog, "race")
                env.start(5)
                env.run(request(b"0", 1.0))  # the cold call, on the worker thread
            took = 0.002 + (i % 7 - 4) * 0.0003  # around the 2 ms deadline
            kinds.add(env.run(request(str(took).encode(), 0.002)).kind)
            sum(range(200))  # Python code after the call: where a stray exception would land
        assert env is not None
        env.close()
        watchdog.close()
        assert kinds <= {"ok", "timeout"}
        assert "ok" in kinds


def request(payload: bytes, timeout: float) -> Any:
    from pyserverless.lambda_._runtime import Request

    return Request(
        "r", payload, timeout=timeout, function_name="f", version="$LATEST", invoked_arn="",
        memory="128", log_group="g", log_stream="s",
    )  # fmt: skip
