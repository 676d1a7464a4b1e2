"""Process isolation: each execution environment is a child process.

The child is forked (so a Python callable works as a handler, and a cold start costs
milliseconds), gets the function's environment variables as its whole environment, a
private ``/tmp`` (``TMPDIR``; single files capped with ``RLIMIT_FSIZE``) and a hard
address-space limit of ``MemorySize`` MB above what it inherited
(``RLIMIT_AS``). A request that overruns its timeout gets the child killed; a crash or
``os._exit`` comes back as ``Runtime.ExitError`` and cannot harm the host. What the
handler asks of the Cloud's services runs on the host's engines (``_remote.py``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import logging
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from typing import Any

from . import _messages as msg
from . import _vpaths
from ._inline import reset_in_child
from ._logformat import json_log_line
from ._remote import CALL, forward_engines, serve
from ._runtime import (
    ERROR,
    EXIT,
    OOM,
    HandlerSpec,
    InitFailed,
    Outcome,
    Request,
    error_payload,
    init_timed_out,
    load_handler,
    log_line,
    run_request,
    timed_out,
)
from ._sdk import route_all

__all__ = ["ProcessEnvironment"]

_MB = 1024 * 1024
_SIGNAL_NAMES = {
    signal.SIGKILL: "killed",
    signal.SIGSEGV: "segmentation fault",
    signal.SIGABRT: "aborted",
    signal.SIGTERM: "terminated",
    signal.SIGBUS: "bus error",
}


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM (peak RSS) to the current RSS
    except OSError:  # pragma: no cover - not Linux or not permitted
        pass


class _Capture:
    """The child's stdout and stderr: everything written goes to the invocation's log."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    #: The runtime's log stream stays open, as inline (a handler's close() is ignored).
    closed = False

    def close(self) -> None:
        pass

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


class _ChildLogHandler(logging.Handler):
    request_id = ""

    def __init__(self, capture: _Capture, json_logs: bool) -> None:
        super().__init__()
        self.capture = capture
        self.json_logs = json_logs

    def emit(self, record: logging.LogRecord) -> None:
        if self.json_logs:
            self.capture.write(json_log_line(record, self.request_id))
        else:
            self.capture.write(log_line(record, self.request_id))


def _child_main(
    conn: Connection,
    spec: HandlerSpec,
    environ: dict[str, str],
    tmp_dir: str,
    memory_mb: int,
    storage_mb: int,
    log_mode: tuple[bool, int] = (False, 0),
    cloud: Any = None,
) -> None:
    with contextlib.suppress(OSError):  # its own process group: killed whole, children too
        os.setpgid(0, 0)
    # What the parent left behind is not the function's: the child's collector never
    # walks it (no copy-on-write churn, no inherited garbage freed under a handler).
    gc.freeze()
    baseline_rss = _status_kb("VmRSS:")
    vm = _status_kb("VmSize:") * 1024
    limit = vm + memory_mb * _MB
    fsize = storage_mb * _MB
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for which, value in ((resource.RLIMIT_AS, limit), (resource.RLIMIT_FSIZE, fsize)):
        # Only lower a limit (raising one above its hard value fails); some platforms
        # (macOS for RLIMIT_AS) refuse it, and the environment then runs uncapped.
        with contextlib.suppress(ValueError, OSError):
            hard = resource.getrlimit(which)[1]
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, hard if hard != resource.RLIM_INFINITY else value))
    reset_in_child()  # forked while inline environments routed output: none of that here
    os.environ.clear()
    os.environ.update(environ)
    if spec.code_dir:  # the runtime's working directory is /var/task: the code folder
        os.chdir(spec.code_dir)
        _vpaths.install(_vpaths.TaskRoot(functools.partial(str, spec.code_dir)))
    tempfile.tempdir = tmp_dir
    capture = _Capture()
    sys.stdout = sys.stderr = capture
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    json_logs, level = log_mode
    log_handler = _ChildLogHandler(capture, json_logs)
    root.addHandler(log_handler)
    if json_logs:  # the runtime sets the root logger to the ApplicationLogLevel and
        root.setLevel(level)  # Lambda delivers only records at that level or above
        log_handler.setLevel(level)
    if cloud is not None:
        forward_engines(cloud, conn)
        route_all(cloud)  # the handler's boto3 clients: this Cloud, whose engines forward
    began = time.perf_counter()
    try:
        handler = load_handler(spec, isolated_import=False)
    except InitFailed as exc:
        conn.send(("init", (time.perf_counter() - began) * 1000, exc.log + capture.take(), exc))
        return
    conn.send(("init", (time.perf_counter() - began) * 1000, capture.take(), None))
    while True:
        try:
            req: Request | None = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        log_handler.request_id = req.request_id
        _reset_peak()
        # Memory freed since the fork lowers the floor; measured from a floor above the
        # current size, a handler's whole allocation could vanish into the difference.
        baseline_rss = min(baseline_rss, _status_kb("VmRSS:"))
        out = run_request(handler, req, capture.write, capped=True, json_logs=json_logs)
        _no_space(out)
        out.output = capture.take()
        out.max_memory_mb = max(1, -(-(_status_kb("VmHWM:") - baseline_rss) // 1024))
        conn.send(out)
        if out.kind in (OOM, EXIT):
            os._exit(1)  # AWS discards an environment that ran out of memory or exited


def _no_space(out: Outcome) -> None:
    """A write past ``/tmp``'s size is capped per file (EFBIG); AWS answers ENOSPC."""
    if out.kind == ERROR and b"[Errno 27] File too large" in out.payload:
        body = json.loads(out.payload)
        body["errorMessage"] = body["errorMessage"].replace(
            "[Errno 27] File too large", "[Errno 28] No space left on device"
        )
        out.payload = json.dumps(body).encode()


class ProcessEnvironment:
    """An execution environment in a forked child process."""

    mode = "process"

    def __snapshot__(self, copy: Any) -> None:
        """Live-only: ``cloud.snapshot()`` leaves execution environments out."""
        return None

    def __init__(
        self,
        spec: HandlerSpec,
        environ: dict[str, str],
        name: str,
        *,
        memory_mb: int,
        storage_mb: int,
        tmp_dir: str,
        log_mode: tuple[bool, int] = (False, 0),
        cloud: Any = None,
    ) -> None:
        self.spec = spec
        self.cloud = cloud  # the host's Cloud: the child's service calls run on it
        self.log_mode = log_mode
        self.environ = environ
        self.name = name
        self.memory_mb = memory_mb
        self.storage_mb = storage_mb
        self.tmp_dir = tmp_dir
        self.alive = True
        self._conn: Connection | None = None
        self._proc: Any = None

    def start(self, init_timeout: float) -> tuple[float, str]:
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=_child_main,
            args=(
                child,
                self.spec,
                self.environ,
                self.tmp_dir,
                self.memory_mb,
                self.storage_mb,
                self.log_mode,
                self.cloud,
            ),
            name=f"lambda-{self.name}",
            daemon=True,
        )
        began = time.perf_counter()
        proc.start()
        if proc.pid is not None:
            with contextlib.suppress(OSError):  # also here, so no kill can come before it
                os.setpgid(proc.pid, proc.pid)
        child.close()
        self._conn, self._proc = parent, proc
        deadline = time.monotonic() + init_timeout
        try:
            while True:
                if not self._poll(deadline):
                    self._kill()
                    ms = (time.perf_counter() - began) * 1000
                    raise init_timed_out(init_timeout, ms)
                said = parent.recv()
                if said[0] != CALL:
                    break
                serve(self.cloud, parent, said)  # a service call from the handler's init
            _tag, ms, log, error = said
        except (EOFError, OSError):
            status = self._reap()
            message = _exit_message("", status)
            raise InitFailed(
                "Runtime.ExitError", error_payload(message, "Runtime.ExitError"), message + "\n"
            ) from None
        if error is not None:
            self._kill()
            failed = InitFailed(error.error_type, error.payload, log)
            failed.duration_ms = (time.perf_counter() - began) * 1000
            raise failed
        del ms  # the child's own import time; Init Duration also counts the fork
        return (time.perf_counter() - began) * 1000, str(log)

    def run(self, req: Request) -> Outcome:
        conn = self._conn
        assert conn is not None
        req.deadline = time.monotonic() + req.timeout
        try:
            conn.send(req)
            ready = conn.poll(req.timeout)
        except (BrokenPipeError, OSError):
            ready = True
        try:
            while True:
                if not ready:
                    self._kill()
                    return timed_out(req)
                said = conn.recv()
                if type(said) is not tuple:
                    break
                serve(self.cloud, conn, said)  # a service call from the handler
                ready = self._poll(req.deadline)
            out: Outcome = said
        except (EOFError, OSError):
            status = self._reap()
            message = _exit_message(req.request_id, status)
            kind = OOM if status == -signal.SIGKILL else EXIT
            error_type = "Runtime.OutOfMemory" if kind == OOM else "Runtime.ExitError"
            return Outcome(
                kind,
                error_payload(message, error_type, req.request_id),
                error_type=error_type,
                output=message + "\n",
            )
        if out.kind == OOM:
            self._reap()
            message = msg.EXIT_SIGNAL.format(request_id=req.request_id, signal="killed")
            out.payload = error_payload(message, "Runtime.OutOfMemory", req.request_id)
            out.error_type = "Runtime.OutOfMemory"
        return out

    def _poll(self, deadline: float) -> bool:
        """Whether the child said something before ``deadline`` (or hung up)."""
        assert self._conn is not None
        try:
            return self._conn.poll(max(0.0, deadline - time.monotonic()))
        except OSError:
            return True

    def close(self) -> None:
        if not self.alive:
            return
        self.alive = False
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(BrokenPipeError, OSError):
                conn.send(None)
            conn.close()
        if self._proc is not None:
            self._proc.join(timeout=1)
            self._kill_group()  # what the handler started, and the runtime if it lingers
            self._proc.join()

    def _kill(self) -> None:
        self.alive = False
        self._kill_group()
        self._reap()

    def _kill_group(self) -> None:
        """SIGKILL the environment's process group: the runtime and every process it started.

        A process that left the group (``setsid``) is out of reach (AWS's teardown of the
        whole sandbox would still end it).
        """
        if self._proc is None or self._proc.pid is None:
            return
        try:
            os.killpg(self._proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # the group is empty already
            if self._proc.is_alive():
                self._proc.kill()

    def _reap(self) -> int:
        self.alive = False
        if self._proc is None:
            return 0
        self._proc.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        code = self._proc.exitcode
        self._kill_group()  # the runtime is gone: so must be whatever it started
        return int(code) if code is not None else 0

    def __repr__(self) -> str:
        pid = self._proc.pid if self._proc is not None else None
        return f"<ProcessEnvironment {self.name} pid={pid} alive={self.alive}>"


def _exit_message(request_id: str, status: int) -> str:
    if status < 0:
        name = _SIGNAL_NAMES.get(signal.Signals(-status), f"signal {-status}")
        text = msg.EXIT_SIGNAL.format(request_id=request_id, signal=name)
    else:
        text = msg.EXIT_STATUS.format(request_id=request_id, status=status)
    return text if request_id else text.split(" Error: ", 1)[1]
