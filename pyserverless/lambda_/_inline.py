"""Inline isolation: each execution environment is a worker thread of this process.

Handing a request to a warm environment is two lock releases (no thread is created per
invocation). The caller only waits while the handler runs, so the worker thread is put
on the caller's CPU and the caller is held there until the call returns
(``sched_setaffinity``, Linux): a wake-up on the same core costs a context switch, one
across cores an inter-processor interrupt, which in a VM costs more than the rest of an
invocation. The caller's own CPU mask is restored before ``run`` returns.

A watchdog thread per service enforces timeouts: when a handler overruns, the caller is
released at once with AWS's timeout error, the worker thread is abandoned (interrupted
with an asynchronous exception where Python can deliver one, and unpinned) and the
environment is discarded.

Environment variables, ``print`` and ``logging`` are routed per thread: ``os.environ``,
``sys.stdout``/``sys.stderr`` and a root-logger handler are replaced once by routers
that behave exactly as before for every thread except an environment's worker, which
sees its function's variables and whose output goes to the function's log. The
host's environment variables are never modified.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from ._logformat import json_log_line
from ._runtime import (
    OK,
    Handler,
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

__all__ = ["InlineEnvironment", "Watchdog"]

_tls = threading.local()


class _EnvironRouter(MutableMapping[str, str]):
    """``os.environ`` for everyone, except a function's own variables in its worker thread."""

    def __init__(self, real: MutableMapping[str, str]) -> None:
        self._real = real

    def _target(self) -> MutableMapping[str, str]:
        env: MutableMapping[str, str] | None = getattr(_tls, "environ", None)
        return self._real if env is None else env

    def __getitem__(self, key: str) -> str:
        return self._target()[key]

    def __setitem__(self, key: str, value: str) -> None:
        self._target()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._target()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._target()))

    def __len__(self) -> int:
        return len(self._target())

    def __contains__(self, key: object) -> bool:
        return key in self._target()

    def get(self, key: str, default: Any = None) -> Any:
        return self._target().get(key, default)

    def copy(self) -> dict[str, str]:
        return dict(self._target())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __repr__(self) -> str:
        return repr(self._target())


class _StreamRouter:
    """``sys.stdout``/``sys.stderr``: a worker thread's writes go to its invocation's log."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, text: str) -> int:
        sink: list[str] | None = getattr(_tls, "sink", None)
        if sink is None:
            return int(self._real.write(text))
        sink.append(text)
        return len(text)

    def flush(self) -> None:
        if getattr(_tls, "sink", None) is None:
            self._real.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _LogHandler(logging.Handler):
    """Formats records as AWS's Python runtime does, for worker threads only."""

    def emit(self, record: logging.LogRecord) -> None:
        sink: list[str] | None = getattr(_tls, "sink", None)
        if sink is None:
            return
        level = getattr(_tls, "log_level", None)
        if level is None:  # Text format: every record that reaches the root logger
            sink.append(log_line(record, getattr(_tls, "request_id", "")))
        elif record.levelno >= level:  # JSON format, filtered by ApplicationLogLevel
            sink.append(json_log_line(record, getattr(_tls, "request_id", "")))


def _install_routers() -> None:
    if not isinstance(os.environ, _EnvironRouter):
        os.environ = _EnvironRouter(os.environ)  # type: ignore[assignment]  # noqa: B003
    if not isinstance(sys.stdout, _StreamRouter):
        sys.stdout = _StreamRouter(sys.stdout)
    if not isinstance(sys.stderr, _StreamRouter):
        sys.stderr = _StreamRouter(sys.stderr)
    root = logging.getLogger()
    if not any(isinstance(h, _LogHandler) for h in root.handlers):
        root.addHandler(_LogHandler())


class _Abandoned(BaseException):
    """Raised inside a worker thread whose invocation timed out."""


def _interrupt(thread: threading.Thread) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(_Abandoned)
        )


def _cpu_reader() -> Callable[[], int] | None:
    """``sched_getcpu`` from the C library (a vDSO call), or None where it is missing."""
    if not hasattr(os, "sched_setaffinity"):  # pragma: no cover - not Linux
        return None
    try:
        func = ctypes.CDLL(None).sched_getcpu
    except (OSError, AttributeError):  # pragma: no cover - no such C library function
        return None
    func.argtypes = []
    func.restype = ctypes.c_int
    reader: Callable[[], int] = func
    return reader


_getcpu = _cpu_reader()


def _peak_rss_mb() -> int:
    return max(1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


class Watchdog:
    """Releases callers whose invocation ran past its deadline (polls every ``poll`` s)."""

    def __init__(self, poll: float = 0.005, linger: float = 0.5) -> None:
        self._poll = poll
        self._linger = linger
        self._watched: dict[int, tuple[float, InlineEnvironment, Request]] = {}
        self._running = False
        self._lock = threading.Lock()

    def watch(self, env: InlineEnvironment, deadline: float, req: Request) -> None:
        self._watched[id(env)] = (deadline, env, req)
        if not self._running:
            with self._lock:
                if not self._running:
                    self._running = True
                    threading.Thread(target=self._loop, name="lambda-watchdog", daemon=True).start()

    def unwatch(self, env: InlineEnvironment) -> None:
        self._watched.pop(id(env), None)

    def _loop(self) -> None:
        idle_since = time.monotonic()
        while True:
            time.sleep(self._poll)
            now = time.monotonic()
            if not self._watched:
                if now - idle_since >= self._linger:
                    with self._lock:
                        if not self._watched:
                            self._running = False
                            return
                continue
            idle_since = now
            for key, entry in list(self._watched.items()):
                deadline, env, req = entry
                # The entry may have been replaced by the environment's next request.
                if now >= deadline and self._watched.get(key) is entry:
                    self._watched.pop(key, None)
                    env._expire(req)


class InlineEnvironment:
    """An execution environment on a worker thread of this process."""

    mode = "inline"

    def __init__(
        self,
        spec: HandlerSpec,
        environ: dict[str, str],
        watchdog: Watchdog,
        name: str,
        *,
        log_mode: tuple[bool, int] = (False, 0),
    ) -> None:
        self.spec = spec
        self.log_mode = log_mode
        self.environ = environ
        self.name = name
        self.alive = True
        self._watchdog = watchdog
        self._go = threading.Lock()
        self._go.acquire()
        self._done = threading.Lock()
        self._done.acquire()
        self._state = threading.Lock()
        self._finished = False
        self._req: Request | None = None
        self._out: Outcome | None = None
        self._init_error: InitFailed | None = None
        self._init_log = ""
        self._thread = threading.Thread(target=self._main, name=f"lambda-{name}", daemon=True)
        # The CPU the worker is pinned to (-1: not pinned) and the mask it started with.
        self._cpu = -1 if _getcpu is not None else -2
        self._home: set[int] = set()

    # -- caller side -----------------------------------------------------------------
    def start(self, init_timeout: float) -> tuple[float, str]:
        """Run the init phase; return (init ms, init log) or raise InitFailed."""
        _install_routers()
        if self._cpu == -1:
            self._home = os.sched_getaffinity(0)  # the worker inherits the caller's mask
        began = time.perf_counter()
        self._thread.start()
        if not self._done.acquire(timeout=init_timeout):
            self.alive = False
            _interrupt(self._thread)
            ms = (time.perf_counter() - began) * 1000
            raise init_timed_out(init_timeout, ms)
        ms = (time.perf_counter() - began) * 1000
        if self._init_error is not None:
            self.alive = False
            self._init_error.duration_ms = ms
            raise self._init_error
        return ms, self._init_log

    def run(self, req: Request) -> Outcome:
        """Run one request; returns within the timeout plus the watchdog's poll."""
        if not isinstance(sys.stdout, _StreamRouter) or not isinstance(os.environ, _EnvironRouter):
            _install_routers()
        mask = self._share_cpu() if self._cpu != -2 else None
        req.deadline = time.monotonic() + req.timeout
        self._req = req
        self._finished = False
        self._watchdog.watch(self, req.deadline, req)
        try:
            self._go.release()
            self._done.acquire()
        finally:
            if mask is not None:
                with contextlib.suppress(OSError):
                    os.sched_setaffinity(0, mask)
        self._watchdog.unwatch(self)
        out = self._out
        self._out = None
        if out is None:
            self.alive = False
            return timed_out(req)
        return out

    def _share_cpu(self) -> set[int] | None:
        """Put the worker on the caller's CPU and hold the caller there until it returns.

        Returns the caller's own CPU mask, to restore (None: nothing was changed). Holding
        the caller matters as much as moving the worker: woken while the worker still
        runs, an unpinned caller is moved to the idle core, and every call crosses again.
        """
        assert _getcpu is not None
        cpu = _getcpu()
        tid = self._thread.native_id
        if cpu < 0 or tid is None:
            return None
        try:
            if cpu != self._cpu:
                os.sched_setaffinity(tid, {cpu})
                self._cpu = cpu
            mask = os.sched_getaffinity(0)
            if len(mask) == 1:
                return None  # the caller is pinned already
            os.sched_setaffinity(0, {cpu})
        except OSError:  # the CPU left the allowed set (cgroups), or no such thread
            self._cpu = -2
            return None
        return mask

    def _unpin(self) -> None:
        tid = self._thread.native_id
        if self._cpu >= 0 and self._home and tid is not None:
            self._cpu = -2
            with contextlib.suppress(OSError):
                os.sched_setaffinity(tid, self._home)

    def _expire(self, req: Request) -> None:
        with self._state:
            if self._finished or self._req is not req:
                return
            self._finished = True
        self.alive = False
        self._done.release()
        _interrupt(self._thread)
        self._unpin()  # an abandoned thread that keeps running may use any CPU

    def close(self) -> None:
        """Let the worker thread end (it is idle, so it exits at once)."""
        if self.alive:
            self.alive = False
            self._go.release()

    # -- worker side ---------------------------------------------------------------------
    def _main(self) -> None:
        _tls.environ = dict(self.environ)
        if self.log_mode[0]:
            _tls.log_level = self.log_mode[1]
        sink: list[str] = []
        _tls.sink = sink
        handler: Handler | None = None
        try:
            handler = load_handler(self.spec, isolated_import=True)
        except InitFailed as exc:
            self._init_error = exc
        except BaseException as exc:  # a bare raise of SystemExit etc. during import
            name = type(exc).__name__
            self._init_error = InitFailed(name, error_payload(str(exc), name), f"[ERROR] {name}\n")
        self._init_log = "".join(sink)
        self._done.release()
        if handler is None:
            return
        try:
            self._serve(handler)
        except _Abandoned:
            return

    def _serve(self, handler: Handler) -> None:
        json_logs = self.log_mode[0]
        calls = 0
        peak = 1
        while True:
            self._go.acquire()
            if not self.alive:
                return
            req = self._req
            assert req is not None
            sink: list[str] = []
            _tls.sink = sink
            _tls.request_id = req.request_id
            out = run_request(handler, req, sink.append, json_logs=json_logs)
            out.output = "".join(sink) if sink else ""
            # Peak RSS only grows; reading it every 32nd call keeps the hot path lean.
            calls += 1
            if calls & 31 == 1:
                peak = _peak_rss_mb()
            out.max_memory_mb = peak
            with self._state:
                if self._finished:
                    return  # timed out: this thread is abandoned
                self._finished = True
            self._out = out
            self._done.release()
            if out.kind != OK and out.kind != "error":
                return

    def __repr__(self) -> str:
        return f"<InlineEnvironment {self.name} alive={self.alive}>"
