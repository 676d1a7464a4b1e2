"""Isolation modes: timeouts, memory, crashes and init failures, inline and in processes."""

from __future__ import annotations

import json
import os
import re
import time

import pytest

from pyserverless import Cloud, ManualClock

from .conftest import ROLE, lambda_role, make_zip

MB = 1024 * 1024


def spin(event, context):
    while True:
        pass


def allocate(event, context):
    block = bytearray(event * MB)
    return len(block)


def exit_now(event, context):
    os._exit(event)


class TestTimeout:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_loop_forever_times_out(self, lam, isolation):
        """A handler that never returns is stopped at Timeout, with AWS's error and REPORT."""
        fn = lam.lambda_.create_function("spin", handler=spin, timeout=1, isolation=isolation)
        client = lam.client("lambda")
        began = time.monotonic()
        resp = client.invoke(FunctionName="spin")
        elapsed = time.monotonic() - began
        assert 1.0 <= elapsed < 1.5
        body = json.loads(resp["Payload"].read())
        assert resp["FunctionError"] == "Unhandled"
        assert body["errorType"] == "Sandbox.Timedout"
        assert re.fullmatch(
            r"RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds",
            body["errorMessage"],
        )
        lines = fn.logs()
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z [0-9a-f-]{36} "
            r"Task timed out after 1\.00 seconds",
            lines[-3],
        )
        assert lines[-1].endswith("\tStatus: timeout\t")
        assert "Duration: 1000.00 ms" in lines[-1]
        # The environment was discarded: it no longer counts, and nothing is in flight.
        assert fn.environments() == 0

    def test_fast_handler_is_not_timed_out(self, lam):
        """A handler finishing inside its timeout returns normally."""
        fn = lam.lambda_.create_function("ok", handler=lambda e, c: "fine", timeout=1)
        assert fn.invoke() == "fine"


class TestMemory:
    def test_three_times_memory_is_out_of_memory(self, lam):
        """In process mode, allocating 3x MemorySize kills the runtime; REPORT says OutOfMemory."""
        fn = lam.lambda_.create_function("hog", handler=allocate, isolation="process")
        resp = fn.invoke_raw(b"384")
        body = json.loads(resp.payload)
        assert resp.function_error == "Unhandled"
        assert body["errorType"] == "Runtime.ExitError"
        assert body["errorMessage"].endswith("Error: Runtime exited with error: signal: killed")
        assert resp.log[-1].endswith("\tStatus: error\tError Type: Runtime.OutOfMemory\t")
        # The environment is replaced; a modest allocation then works.
        assert fn.invoke(32) == 32 * MB

    def test_within_memory_is_measured(self, lam):
        """Max Memory Used reflects what the handler allocated (process mode)."""
        fn = lam.lambda_.create_function("m", handler=allocate, isolation="process", memory_mb=256)
        inv = fn.invoke_raw(b"100")
        assert inv.function_error is None
        assert inv.max_memory_mb >= 100
        assert f"Max Memory Used: {inv.max_memory_mb} MB" in inv.log[-1]

    def test_inline_reports_memory(self, lam):
        """Inline mode reports the host process's peak RSS as Max Memory Used."""
        import resource

        fn = lam.lambda_.create_function("m", handler=lambda e, c: 1)
        inv = fn.invoke_raw(b"")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        assert 10 < inv.max_memory_mb <= peak  # a Python host holds well over 10 MB
        assert f"Max Memory Used: {inv.max_memory_mb} MB" in inv.log[-1]


class TestCrashes:
    def test_os_exit(self, lam):
        """os._exit in process mode is Runtime.ExitError; the host lives on."""
        fn = lam.lambda_.create_function("exit", handler=exit_now, isolation="process")
        resp = fn.invoke_raw(b"3")
        body = json.loads(resp.payload)
        assert body["errorType"] == "Runtime.ExitError"
        assert body["errorMessage"] == (
            f"RequestId: {resp.request_id} Error: Runtime exited with error: exit status 3"
        )
        assert resp.log[-1].endswith("\tStatus: error\tError Type: Runtime.ExitError\t")
        assert fn.environments() == 0

    @pytest.mark.parametrize("isolation", ["inline", "process"])
    def test_raise_during_init(self, lam, isolation):
        """An exception at import is reported with its type; the next call retries init."""
        code = make_zip(
            {"app.py": "raise RuntimeError('no config')\ndef handler(e, c):\n    pass\n"}
        )
        client = lam.client("lambda")
        lam.engine("lambda").isolation = isolation
        client.create_function(
            FunctionName="bad", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": code},
        )  # fmt: skip
        for _ in range(2):
            resp = client.invoke(FunctionName="bad")
            body = json.loads(resp["Payload"].read())
            assert resp["FunctionError"] == "Unhandled"
            assert (body["errorType"], body["errorMessage"]) == ("RuntimeError", "no config")
            assert any("app.py" in frame for frame in body["stackTrace"])
            assert not any("_runtime.py" in frame for frame in body["stackTrace"])
        fn = lam.lambda_.function("bad")
        init_reports = [line for line in fn.logs() if line.startswith("INIT_REPORT")]
        assert len(init_reports) == 2
        assert re.fullmatch(
            r"INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\t"
            r"Error Type: Runtime.Unknown",
            init_reports[0],
        )
        assert any(line.startswith("[ERROR] RuntimeError: no config") for line in fn.logs())
        assert fn.environments() == 0

    def test_init_time_limit(self):
        """Init that outlasts the init limit is stopped (limit shortened for the test)."""
        cloud = Cloud(clock=ManualClock(), limits={"lambda": {"init_timeout_seconds": 0.3}})
        lambda_role(cloud)
        code = make_zip({"app.py": "import time\ntime.sleep(30)\ndef handler(e, c):\n    pass\n"})
        client = cloud.client("lambda")
        cloud.engine("lambda").isolation = "process"
        client.create_function(
            FunctionName="slow", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": code},
        )  # fmt: skip
        began = time.monotonic()
        resp = client.invoke(FunctionName="slow")
        assert time.monotonic() - began < 2
        body = json.loads(resp["Payload"].read())
        assert body["errorType"] == "Sandbox.Timedout"
        log = cloud.lambda_.function("slow").logs()
        assert any("Phase: init\tStatus: timeout" in line for line in log)
        cloud.lambda_.close()

    def test_process_mode_runs_in_another_process(self, lam):
        """Process mode really runs the handler in a child process."""
        fn = lam.lambda_.create_function(
            "pid", handler=lambda e, c: os.getpid(), isolation="process"
        )
        assert fn.invoke() != os.getpid()


@pytest.mark.parametrize("isolation", ["inline", "process"])
def test_sys_exit_ends_the_environment(lam, isolation):
    """sys.exit() in a handler is Runtime.ExitError, in both modes, and the host lives on."""
    import sys

    def leave(event, context):
        sys.exit(event)

    fn = lam.lambda_.create_function("leave", handler=leave, isolation=isolation)
    inv = fn.invoke_raw(b"4")
    body = json.loads(inv.payload)
    assert body["errorType"] == "Runtime.ExitError"
    assert body["errorMessage"].endswith("Error: Runtime exited with error: exit status 4")
    assert fn.environments() == 0


class Halt(BaseException):
    """A BaseException of the handler's own."""


def raise_base(event, context):
    raise {"interrupt": KeyboardInterrupt, "generator": GeneratorExit, "custom": Halt}[event]


class TestBaseExceptions:
    @pytest.mark.parametrize("isolation", ["inline", "process"])
    @pytest.mark.parametrize("kind", ["interrupt", "generator", "custom"])
    @pytest.mark.parametrize("warm", [False, True])
    def test_reported_at_once(self, lam, isolation, kind, warm):
        """A BaseException ends the runtime: Runtime.ExitError at once, not a timeout."""
        fn = lam.lambda_.create_function("base", handler=raise_base, timeout=5, isolation=isolation)
        if warm:  # a warm call inline runs on this very thread
            fn.invoke_raw(b'"none"')  # a KeyError: the environment stays
            assert fn.environments() == 1
        began = time.monotonic()
        inv = fn.invoke_raw(json.dumps(kind).encode())
        assert time.monotonic() - began < 3
        body = inv.json()
        assert body["errorType"] == "Runtime.ExitError"
        assert body["errorMessage"] == (
            f"RequestId: {inv.request_id} Error: Runtime exited with error: exit status 1"
        )
        assert inv.log[-1].endswith("\tStatus: error\tError Type: Runtime.ExitError\t")
        assert fn.environments() == 0
        assert fn.invoke_raw(b'"none"').json()["errorType"] == "KeyError"  # a fresh one


class TestWorkingDirectory:
    @pytest.mark.parametrize("warm", [False, True])
    def test_inline_chdir_is_undone(self, lam, tmp_path, warm):
        """Inline, a handler's os.chdir lasts for its call only: the host's cwd comes back."""
        host = os.getcwd()

        def move(event, context):
            os.chdir(event)
            return os.getcwd()

        fn = lam.lambda_.create_function("cd", handler=move)
        if warm:
            fn.invoke(host)
        assert fn.invoke(str(tmp_path)) == os.path.realpath(tmp_path)
        assert os.getcwd() == host

    def test_inline_chdir_at_init_is_undone(self, lam, tmp_path):
        """A chdir while the handler module is imported is undone too."""
        host = os.getcwd()
        source = f"import os\nos.chdir({str(tmp_path)!r})\ndef handler(e, c):\n    return 1\n"
        code = make_zip({"app.py": source})
        lam.client("lambda").create_function(
            FunctionName="cd", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": code},
        )  # fmt: skip
        assert lam.lambda_.function("cd").invoke() == 1
        assert os.getcwd() == host


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie no one reaps counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _ends(pid: int, within: float = 5.0) -> bool:
    limit = time.monotonic() + within
    while not _gone(pid) and time.monotonic() < limit:
        time.sleep(0.01)  # waiting on the OS to end a process, not on a clock
    return _gone(pid)


def start_child(event, context):
    """Start a long-lived process, write its pid to ``event["file"]``, maybe spin."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with open(event["file"], "w") as f:
        f.write(str(child.pid))
    while event["spin"]:
        pass
    return child.pid


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
class TestProcessGroup:
    def test_close_kills_what_the_handler_started(self, lam, tmp_path):
        """close() ends the runtime and every process its handler started."""
        fn = lam.lambda_.create_function("kids", handler=start_child, isolation="process")
        pid = fn.invoke({"file": str(tmp_path / "pid"), "spin": False})
        assert not _gone(pid)
        lam.lambda_.close()
        assert _ends(pid)

    def test_timeout_kills_what_the_handler_started(self, lam, tmp_path):
        """At the timeout the whole process group is killed, not only the runtime."""
        fn = lam.lambda_.create_function(
            "kids", handler=start_child, isolation="process", timeout=1
        )
        inv = fn.invoke_raw(json.dumps({"file": str(tmp_path / "pid"), "spin": True}).encode())
        assert inv.json()["errorType"] == "Sandbox.Timedout"
        pid = int((tmp_path / "pid").read_text())
        assert _ends(pid)

    def test_runtime_is_its_own_process_group(self, lam):
        """The runtime leads a process group of its own (so killing it spares the host)."""
        fn = lam.lambda_.create_function(
            "pg", handler=lambda e, c: [os.getpid(), os.getpgid(0)], isolation="process"
        )
        pid, group = fn.invoke()
        assert pid == group != os.getpgid(0)
