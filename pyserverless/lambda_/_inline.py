"""Inline isolation: execution environments that run their handler in this process.

An environment has a worker thread of its own: it runs the init phase (importing the
handler) and the first, cold request. A warm request then runs on the *caller's* thread,
which costs no thread handoff at all; a per-service :class:`Watchdog` stops it at the
timeout with an asynchronous exception (``PyThreadState_SetAsyncExc``), delivered as soon
as the handler runs Python code again. Requests made from inside a handler (one function
invoking another) go to the target's worker thread, so handlers never nest on one
thread. On the worker thread the caller is released at the timeout whatever the
handler does; on the caller's thread a handler blocked in C code (a sleep, a lock wait,
a socket) past its timeout is stopped when that call returns.

Environment variables, ``print`` and ``logging`` are routed per thread while at least
one inline environment is alive: ``os.environ``, ``sys.stdout`` and ``sys.stderr`` are
replaced by routers and ``logging.Logger.callHandlers`` by a wrapper. For every thread
that is not running a handler they behave exactly as the objects they replace; a
thread running a handler sees its function's variables, and its output and log records
go to the invocation's log. When the last inline environment is closed (or garbage
collected), the original objects are put back: ``os.environ is`` the original again.
A router that someone else has since wrapped or replaced is left where it is (it
passes everything through), so their object is never lost.
"""

from __future__ import annotations

import contextlib
import ctypes
import inspect
import itertools
import logging
import os
import resource
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from . import _sdk, _vpaths
from ._logformat import json_log_line
from ._runtime import (
    OK,
    Abandoned,
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

__all__ = [
    "InlineEnvironment",
    "Watchdog",
    "end_quietly",
    "interposed",
    "interrupt",
    "reset_in_child",
    "routing",
    "routing_as",
]


class _Routing(threading.local):
    """What the current thread sees: None everywhere outside a handler."""

    environ: MutableMapping[str, str] | None = None
    sink: list[str] | None = None
    request_id: str = ""
    #: JSON log format: the ApplicationLogLevel (None: Text format).
    log_level: int | None = None
    #: The environment's private temporary folder (``tempfile.gettempdir()``).
    tmpdir: str | None = None
    #: This thread is running a handler right now.
    busy: bool = False
    #: The code folder a handler on this thread sees as /var/task (``_vpaths``).
    task_root: str | None = None


_tls = _Routing()

Routing = tuple[MutableMapping[str, str] | None, list[str] | None, str, int | None, str | None]


def routing() -> Routing:
    """The current thread's routing (to hand to a thread that runs on its behalf)."""
    t = _tls
    return t.environ, t.sink, t.request_id, t.log_level, t.tmpdir


@contextlib.contextmanager
def routing_as(state: Routing) -> Iterator[None]:
    """Route the current thread as ``state`` says, for the ``with`` block."""
    t = _tls
    saved = routing()
    t.environ, t.sink, t.request_id, t.log_level, t.tmpdir = state
    try:
        yield
    finally:
        t.environ, t.sink, t.request_id, t.log_level, t.tmpdir = saved


# -- the routers --------------------------------------------------------------------------------
class _EnvironRouter(os._Environ[str]):
    """``os.environ`` for every thread, except a handler's thread: its function's variables."""

    def __init__(self, real: MutableMapping[str, str]) -> None:  # no super(): all delegated
        self._real = real

    def _target(self) -> MutableMapping[str, str]:
        env = _tls.environ
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

    def setdefault(self, key: str, value: str) -> str:
        return self._target().setdefault(key, value)

    def __ior__(self, other: Any) -> Any:
        self._target().update(other)
        return self

    def __or__(self, other: Any) -> Any:
        return {**self._target(), **other}

    def __ror__(self, other: Any) -> Any:
        return {**other, **self._target()}

    def __eq__(self, other: object) -> bool:
        return self._target() == other

    __hash__ = None  # type: ignore[assignment]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __repr__(self) -> str:
        return repr(self._target())


class _StreamRouter:
    """``sys.stdout``/``sys.stderr``: a handler thread's writes go to its invocation's log."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, text: str) -> int:
        sink = _tls.sink
        if sink is None:
            return int(self._real.write(text))
        sink.append(text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        sink = _tls.sink
        if sink is None:
            self._real.writelines(lines)
        else:
            sink.extend(lines)

    def flush(self) -> None:
        if _tls.sink is None:
            self._real.flush()

    def close(self) -> None:
        """Outside handlers, close the stream; a handler's ``close()`` cannot close the host's."""
        if _tls.sink is None:
            self._real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(sys.stdout, io.TextIOWrapper) holds as before
        return type(self._real)

    def __repr__(self) -> str:
        return repr(self._real)


def _call_handlers(logger: logging.Logger, record: logging.LogRecord) -> None:
    """``Logger.callHandlers``: as before, plus the handler's log for records from handlers.

    A record from a handler thread is written to the invocation's log where it would
    reach the root logger (as AWS's runtime handler on the root logger does), and still
    goes to every handler on its way there; Python's last-resort handler is not used.
    """
    sink = _tls.sink
    if sink is None:
        _interposer.saved_call_handlers(logger, record)
        return
    node: logging.Logger | None = logger
    while node is not None:
        for handler in node.handlers:
            if record.levelno >= handler.level:
                handler.handle(record)
        if not node.propagate:
            return
        if node.parent is None:  # the root logger
            level = _tls.log_level
            if level is None:  # Text format: every record that reaches the root logger
                sink.append(log_line(record, _tls.request_id))
            elif record.levelno >= level:  # JSON format, filtered by ApplicationLogLevel
                sink.append(json_log_line(record, _tls.request_id))
        node = node.parent


def _task_root() -> str | None:
    """The calling thread's /var/task: its handler's code folder (None off a handler)."""
    t = _tls
    return t.task_root if t.busy else None


_TASK_ROOT = _vpaths.TaskRoot(_task_root, relative=True)


def _gettempdir() -> str:
    """``tempfile``'s folder: the environment's own ``TMPDIR`` in a handler's thread."""
    tmpdir = _tls.tmpdir
    if tmpdir is None:
        return _interposer.saved_gettempdir()
    return tmpdir


class _Interposer:
    """Installs the routers while inline environments are alive, and removes them after."""

    def __init__(self) -> None:
        self._lock = threading.RLock()  # a finalizer may release while this thread holds it
        self.users = 0
        self.saved_call_handlers: Callable[[logging.Logger, logging.LogRecord], None] = (
            logging.Logger.callHandlers
        )
        self.saved_gettempdir: Callable[[], str] = tempfile._gettempdir  # type: ignore[attr-defined]

    def acquire(self) -> None:
        with self._lock:
            self.users += 1
            self._install()

    def release(self) -> None:
        with self._lock:
            self.users -= 1
            if self.users <= 0:
                self.users = 0
                self._uninstall()

    def ensure(self) -> None:
        """Put the routers back if someone replaced them (pytest's capture does, per test)."""
        if (
            type(sys.stdout) is not _StreamRouter
            or type(sys.stderr) is not _StreamRouter
            or type(os.environ) is not _EnvironRouter
            or logging.Logger.callHandlers is not _call_handlers
            or tempfile._gettempdir is not _gettempdir  # type: ignore[attr-defined]
        ):
            with self._lock:
                if self.users:
                    self._install()

    def _install(self) -> None:
        if type(os.environ) is not _EnvironRouter:
            os.environ = _EnvironRouter(os.environ)  # noqa: B003 - undone by _uninstall
        if type(sys.stdout) is not _StreamRouter:
            sys.stdout = _StreamRouter(sys.stdout)
        if type(sys.stderr) is not _StreamRouter:
            sys.stderr = _StreamRouter(sys.stderr)
        if logging.Logger.callHandlers is not _call_handlers:
            self.saved_call_handlers = logging.Logger.callHandlers
            logging.Logger.callHandlers = _call_handlers  # type: ignore[method-assign,assignment]
        if tempfile._gettempdir is not _gettempdir:  # type: ignore[attr-defined]
            self.saved_gettempdir = tempfile._gettempdir  # type: ignore[attr-defined]
            tempfile._gettempdir = _gettempdir  # type: ignore[attr-defined]
        _vpaths.install(_TASK_ROOT)

    def _uninstall(self) -> None:
        # Only our own routers, from the top: one that another object wraps stays (inert).
        while type(os.environ) is _EnvironRouter:
            os.environ = os.environ._real  # type: ignore[assignment]  # noqa: B003
        while type(sys.stdout) is _StreamRouter:
            sys.stdout = sys.stdout._real
        while type(sys.stderr) is _StreamRouter:
            sys.stderr = sys.stderr._real
        if logging.Logger.callHandlers is _call_handlers:
            logging.Logger.callHandlers = self.saved_call_handlers  # type: ignore[method-assign,assignment]
        if tempfile._gettempdir is _gettempdir:  # type: ignore[attr-defined]
            tempfile._gettempdir = self.saved_gettempdir  # type: ignore[attr-defined]
        _vpaths.uninstall()

    def reset_in_child(self) -> None:
        """In a forked child: no routing at all, whatever the parent had."""
        with self._lock:
            self.users = 0
            self._uninstall()
        t = _tls
        t.environ, t.sink, t.request_id, t.log_level, t.busy = None, None, "", None, False
        t.tmpdir = t.task_root = None


_interposer = _Interposer()


def interposed() -> int:
    """How many inline environments are alive (the routers are installed while > 0)."""
    return _interposer.users


def reset_in_child() -> None:
    """Drop every router in a forked child process (process isolation)."""
    _interposer.reset_in_child()


# -- stopping a handler ------------------------------------------------------------------------
def interrupt(thread: threading.Thread) -> None:
    """Raise :class:`Abandoned` in ``thread`` when it next runs Python code."""
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(Abandoned)
        )


def _tick() -> None:
    """A Python function call: entering it checks for (and raises) a pending async exception."""


def _absorb_interrupt() -> None:
    """Take, here, an ``Abandoned`` sent to this thread and not yet delivered.

    Not ``PyThreadState_SetAsyncExc(id, NULL)``: on CPython 3.11 withdrawing an exception
    that way leaves the interpreter's asynchronous-exception signal set for good, so every
    thread takes the slow path at each check and a traced function entry (a debugger, a
    coverage tool, hypothesis's explain phase) loops forever. Delivering it is the one way
    that also clears the signal; the caller has stopped anyone sending another.
    """
    try:  # noqa: SIM105 - not contextlib.suppress: the exception must arrive in _tick()
        _tick()
    except Abandoned:
        pass


def end_quietly(lock: Any, mark_ended: Callable[[], None]) -> None:
    """At the end of a thread that may be interrupted: ``mark_ended()`` under ``lock`` (the
    lock its interrupters hold, after which none may interrupt it: its id is reused once it
    ends), then withdraw an ``Abandoned`` sent before but not delivered (delivered after the
    thread's last ``except``, it would be reported as unhandled)."""
    while True:
        try:
            with lock:
                mark_ended()
            _absorb_interrupt()
            return
        except Abandoned:  # delivered here: it was sent before the mark
            continue


class Watchdog:
    """Calls an action when its deadline passes, unless disarmed first.

    One thread per service, started on demand, polling every ``poll`` seconds while
    something is armed and ending after ``linger`` idle seconds (or at :meth:`close`).
    """

    def __init__(self, poll: float = 0.005, linger: float = 0.5) -> None:
        self._poll = poll
        self._linger = linger
        self._alarms: dict[int, tuple[float, Callable[[], None]]] = {}
        self._ids = itertools.count()
        self._running = False
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def arm(self, deadline: float, action: Callable[[], None]) -> int:
        """Call ``action`` once ``time.monotonic()`` passes ``deadline``; returns a key."""
        key = next(self._ids)
        self._alarms[key] = (deadline, action)
        if not self._running:
            with self._lock:
                if not self._running:
                    self._running = True
                    self._stop.clear()
                    threading.Thread(target=self._loop, name="lambda-watchdog", daemon=True).start()
        return key

    def disarm(self, key: int) -> None:
        self._alarms.pop(key, None)

    def close(self) -> None:
        """End the thread now if nothing is armed (it starts again when needed)."""
        self._stop.set()

    def _loop(self) -> None:
        idle_since = time.monotonic()
        while True:
            stopped = self._stop.wait(self._poll)
            now = time.monotonic()
            if not self._alarms:
                if stopped or now - idle_since >= self._linger:
                    with self._lock:
                        if not self._alarms:
                            self._running = False
                            return
                continue
            if stopped:
                self._stop.clear()
            idle_since = now
            for key, (deadline, action) in list(self._alarms.items()):
                if now >= deadline and self._alarms.pop(key, None) is not None:
                    action()


# -- the environment ---------------------------------------------------------------------------
def _getcwd() -> str | None:
    try:
        return os.getcwd()
    except OSError:  # the working directory was deleted
        return None


def _cwd() -> tuple[str | None, int]:
    """What of the host's a handler may change and each call undoes: the working directory
    and the recursion limit."""
    return _getcwd(), sys.getrecursionlimit()


def _restore_cwd(saved: tuple[str | None, int]) -> None:
    """Undo a handler's ``os.chdir`` and ``sys.setrecursionlimit`` (both are the host's)."""
    cwd, limit = saved
    if sys.getrecursionlimit() != limit:
        with contextlib.suppress(RecursionError, ValueError):
            sys.setrecursionlimit(limit)
    if cwd is not None and _getcwd() != cwd:
        with contextlib.suppress(OSError):
            os.chdir(cwd)


def _no_cloud() -> None:
    return None


def _peak_rss_mb() -> int:
    return max(1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


class _Worker:
    """An environment's own thread: init, the cold request, and requests from handlers.

    It holds no reference to its :class:`InlineEnvironment`, so an environment dropped
    without ``close()`` is garbage collected, and its finalizer ends this thread.
    """

    def __init__(
        self, spec: HandlerSpec, environ: dict[str, str], log_mode: tuple[bool, int], name: str
    ) -> None:
        # A Python callable handler is held weakly (its function configuration holds it):
        # a test's handler often closes over its Cloud, and this thread is a GC root, so a
        # strong reference here would keep a dropped Cloud, and this thread, alive for good.
        self._func: Callable[[], Handler | None] | None = None
        if spec.func is not None:
            self._func = _weak(spec.func)
            spec = HandlerSpec(spec.handler, code_dir=spec.code_dir, paths=spec.paths)
        self.spec = spec
        self.environ = environ
        self.log_mode = log_mode
        self.open = True
        self.handler: Handler | None = None
        self.init_error: InitFailed | None = None
        self.init_log = ""
        self.go = threading.Lock()
        self.go.acquire()
        self.done = threading.Lock()
        self.done.acquire()
        self.state = threading.Lock()
        self.finished = False
        self.live = True  # the thread has not ended (it is only interrupted while it lives)
        self.req: Request | None = None
        self.out: Outcome | None = None
        self.sink: list[str] = []
        self.thread = threading.Thread(target=self._main, name=f"lambda-{name}", daemon=True)
        # Whose handler this is: its boto3 clients go there. Weak, and marked on the thread
        # only while the handler runs: a strong reference here (or on a parked thread)
        # would keep a dropped Cloud, and this environment, alive for good.
        self.cloud: Callable[[], Any] = _no_cloud

    def resolve(self) -> Handler | None:
        """The handler: the loaded ``module.function``, or the callable (None once gone)."""
        if self._func is not None:
            return self._func()
        return self.handler

    # caller side
    def run(self, req: Request, watchdog: Watchdog) -> Outcome | None:
        """Run ``req`` here; None if it timed out (the thread is then abandoned)."""
        self.req = req
        self.sink = []
        self.finished = False
        key = watchdog.arm(req.deadline, lambda: self._expire(req))
        self.go.release()
        self.done.acquire()
        watchdog.disarm(key)
        out, self.out = self.out, None
        if out is not None:
            self.req = None  # the event and context go with the request
        return out

    def _expire(self, req: Request) -> None:
        with self.state:
            if self.finished or self.req is not req:
                return
            self.finished = True
            self.open = False
            self._interrupt()
        self.done.release()

    def stop(self) -> None:
        """Abandon the thread (its init ran past the limit)."""
        with self.state:
            self.open = False
            self._interrupt()

    def _interrupt(self) -> None:
        # Only while the thread lives (``state`` held): a thread's id is reused once it ends.
        if self.live:
            interrupt(self.thread)

    def end(self) -> None:
        """Let the thread finish (it is parked, or will park and then see ``open`` is False)."""
        self.open = False
        with contextlib.suppress(RuntimeError):  # released already: the thread has gone
            self.go.release()

    # worker side
    def _main(self) -> None:
        # Not contextlib.suppress: an asynchronous exception may arrive as its __exit__ returns.
        try:  # noqa: SIM105
            self._life()
        except Abandoned:  # stopped at the init limit or at a request's timeout
            pass
        try:  # at most one Abandoned is ever sent; it may arrive as end_quietly begins
            end_quietly(self.state, self._ended)
        except Abandoned:
            end_quietly(self.state, self._ended)

    def _ended(self) -> None:
        self.live = False

    def _life(self) -> None:
        t = _tls
        t.busy = True  # this thread only ever runs the handler (init included)
        t.environ = self.environ
        t.tmpdir = self.environ.get("TMPDIR")
        t.task_root = self.spec.code_dir
        if self.log_mode[0]:
            t.log_level = self.log_mode[1]
        t.sink = self.sink
        cwd = _cwd()
        _sdk.running_for(self.cloud())
        try:
            if self._func is None:
                self.handler = load_handler(self.spec, isolated_import=True)
        except InitFailed as exc:
            self.init_error = exc
        except Abandoned:
            raise
        except BaseException as exc:  # a bare raise of SystemExit etc. during import
            kind = type(exc).__name__
            self.init_error = InitFailed(kind, error_payload(str(exc), kind), f"[ERROR] {kind}\n")
        _sdk.running_for(None)
        _restore_cwd(cwd)
        self.init_log = "".join(self.sink)
        self.done.release()
        if self.init_error is None:
            self._serve()

    def _serve(self) -> None:
        t = _tls
        json_logs = self.log_mode[0]
        while True:
            self.go.acquire()
            if not self.open:
                return
            req = self.req
            handler = self.resolve()
            if req is None or handler is None:
                return  # the function is gone: so is this environment
            t.sink = sink = self.sink
            t.request_id = req.request_id
            cwd = _cwd()
            _sdk.running_for(self.cloud())
            out = run_request(handler, req, sink.append, json_logs=json_logs)
            handler = req = None  # nothing of the call stays on this parked thread
            _sdk.running_for(None)
            _restore_cwd(cwd)
            out.output = "".join(sink)
            with self.state:
                if self.finished:
                    return  # timed out: this thread is abandoned
                self.finished = True
            kind = out.kind
            self.out = out
            del out
            self.done.release()
            if kind != OK and kind != "error":
                return


class _Call:
    """One request on the caller's thread, as the watchdog sees it."""

    __slots__ = ("expired", "finished", "ident", "lock")

    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.lock = threading.Lock()
        self.finished = False
        self.expired = False

    def expire(self) -> None:
        with self.lock:
            if self.finished:
                return
            self.expired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self.ident), ctypes.py_object(Abandoned)
            )

    def settle(self, watchdog: Watchdog, key: int) -> bool:
        """Stop the watchdog acting on this call; whether it already did (a timeout)."""
        while True:
            try:
                watchdog.disarm(key)
                with self.lock:
                    self.finished = True
                if self.expired:
                    _absorb_interrupt()  # settle runs on the caller's thread: self.ident
                return self.expired
            except Abandoned:  # delivered while settling: the call timed out
                continue


def _weak(func: Handler) -> Callable[[], Handler | None]:
    """A weak reference to a handler (a bound method's to its object and function); a
    callable that takes no weak reference is held strongly."""
    try:
        if inspect.ismethod(func):
            return weakref.WeakMethod(func)
        return weakref.ref(func)
    except TypeError:
        return lambda: func


def _release(worker: _Worker) -> None:
    worker.end()
    _interposer.release()
    _sdk.release()


class InlineEnvironment:
    """An execution environment in this process (see the module's docstring)."""

    mode = "inline"

    def __snapshot__(self, copy: Any) -> None:
        """Live-only: ``cloud.snapshot()`` leaves execution environments out."""
        return None

    def __init__(
        self,
        spec: HandlerSpec,
        environ: dict[str, str],
        watchdog: Watchdog,
        name: str,
        *,
        log_mode: tuple[bool, int] = (False, 0),
        cloud: Any = None,
    ) -> None:
        self.spec = spec
        self.log_mode = log_mode
        self.environ = environ
        self.name = name
        self.alive = True
        self._watchdog = watchdog
        # The handler's os.environ, kept across its requests, whichever thread runs them.
        self._worker = _Worker(spec, dict(environ), log_mode, name)
        if cloud is not None:
            self._worker.cloud = weakref.ref(cloud)
        self._cold = True
        self._calls = 0
        self._peak = 1
        self._close: Callable[[], Any] | None = None

    # -- caller side -----------------------------------------------------------------
    def start(self, init_timeout: float) -> tuple[float, str]:
        """Run the init phase; return (init ms, init log) or raise InitFailed."""
        _interposer.acquire()
        _sdk.acquire()
        self._close = weakref.finalize(self, _release, self._worker)
        worker = self._worker
        began = time.perf_counter()
        worker.thread.start()
        if not worker.done.acquire(timeout=init_timeout):
            self.alive = False
            worker.stop()
            ms = (time.perf_counter() - began) * 1000
            raise init_timed_out(init_timeout, ms)
        ms = (time.perf_counter() - began) * 1000
        if worker.init_error is not None:
            self.alive = False
            worker.init_error.duration_ms = ms
            raise worker.init_error
        return ms, worker.init_log

    def run(self, req: Request) -> Outcome:
        """Run one request: on the caller's thread when warm, else on the worker thread."""
        _interposer.ensure()
        req.deadline = time.monotonic() + req.timeout
        if self._cold or _tls.busy:
            self._cold = False
            return self._on_worker(req)
        return self._here(req)

    def _on_worker(self, req: Request) -> Outcome:
        worker = self._worker
        try:
            out = worker.run(req, self._watchdog)
        except BaseException:  # the waiting thread was itself stopped: the request is lost
            self.alive = False
            raise
        if out is None:
            self.alive = False
            out = timed_out(req)
            out.output = "".join(list(worker.sink))
            return out
        self._measure(out)
        if out.kind != OK and out.kind != "error":
            self.alive = False
        return out

    def _here(self, req: Request) -> Outcome:
        handler = self._worker.resolve()
        assert handler is not None
        t = _tls
        sink: list[str] = []
        call = _Call(threading.get_ident())
        t.environ = environ = self._worker.environ
        t.tmpdir = environ.get("TMPDIR")
        t.task_root = self._worker.spec.code_dir
        caller_cloud = _sdk.running_for(self._worker.cloud())
        t.sink = sink
        t.request_id = req.request_id
        if self.log_mode[0]:
            t.log_level = self.log_mode[1]
        t.busy = True
        key = -1
        out: Outcome | None = None
        cwd = _cwd()
        # The watchdog sends at most one Abandoned per call. It may be delivered in the
        # handler, or later, at any Python call up to the end of settle() (even as settle
        # begins): every such point is inside a ``try`` that catches it.
        try:
            try:
                try:
                    key = self._watchdog.arm(req.deadline, call.expire)
                    out = run_request(handler, req, sink.append, json_logs=self.log_mode[0])
                finally:
                    expired = call.settle(self._watchdog, key)
            except Abandoned:
                expired = call.settle(self._watchdog, key)
                if not expired:  # sent to a call further up this thread (a run_callable)
                    raise
        except BaseException:  # not this handler's own failure (run_request reports those)
            self.alive = False
            raise
        finally:
            t.environ, t.sink, t.request_id, t.log_level, t.busy = None, None, "", None, False
            t.tmpdir = t.task_root = None
            _sdk.running_for(caller_cloud)
            _restore_cwd(cwd)
        if expired or out is None:
            self.alive = False
            out = timed_out(req)
            out.output = "".join(sink)
            return out
        out.output = "".join(sink)
        self._measure(out)
        if out.kind != OK and out.kind != "error":
            self.alive = False
        return out

    def _measure(self, out: Outcome) -> None:
        # Peak RSS only grows; reading it every 32nd call keeps the hot path lean.
        self._calls += 1
        if self._calls & 31 == 1:
            self._peak = _peak_rss_mb()
        out.max_memory_mb = self._peak

    def close(self) -> None:
        """End the environment: its worker thread exits, and the routers may be removed."""
        self.alive = False
        if self._close is not None:
            self._close()

    def __repr__(self) -> str:
        return f"<InlineEnvironment {self.name} alive={self.alive}>"
