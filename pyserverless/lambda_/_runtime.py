"""What both isolation modes share: loading a handler, running one request, error shapes.

An *execution environment* runs one request at a time. The inline mode
(``_inline.py``) gives each environment a worker thread of this process; the process
mode (``_process.py``) gives it a child process. Both call :func:`run_request` to
turn an event into a response or an error payload as AWS's Python runtime would.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from . import _messages as msg
from ._context import ClientContext, CognitoIdentity, LambdaContext
from ._logformat import json_error_line

__all__ = [
    "Abandoned",
    "HandlerSpec",
    "InitFailed",
    "Outcome",
    "Request",
    "error_payload",
    "init_timed_out",
    "load_handler",
    "log_line",
    "run_request",
    "stack_lines",
    "timed_out",
]

Handler = Callable[[Any, LambdaContext], Any]

#: Outcome kinds.
OK, ERROR, TIMEOUT, EXIT, OOM = "ok", "error", "timeout", "exit", "oom"

_import_lock = threading.Lock()
_ENCODE = json.JSONEncoder().encode  # json.dumps without its per-call argument checks


class Abandoned(BaseException):
    """Raised (asynchronously) in a thread whose handler ran past its timeout."""


class HandlerSpec:
    """Where a handler comes from: a Python callable, or ``module.function`` in a folder."""

    __slots__ = ("code_dir", "func", "handler", "paths")

    def __init__(
        self,
        handler: str,
        *,
        func: Handler | None = None,
        code_dir: str | None = None,
        paths: tuple[str, ...] = (),
    ):
        self.handler = handler
        self.func = func
        self.code_dir = code_dir
        #: Import paths after the code folder: the layers' python/ folders under /opt.
        self.paths = paths

    def with_paths(self, paths: tuple[str, ...]) -> HandlerSpec:
        """The same handler with other layer import paths."""
        return HandlerSpec(self.handler, func=self.func, code_dir=self.code_dir, paths=paths)

    def __repr__(self) -> str:
        where = "callable" if self.func is not None else self.code_dir
        return f"HandlerSpec({self.handler!r}, {where})"


class _Slots:
    """Pickles a ``__slots__`` class as the tuple of its fields (for process mode)."""

    __slots__ = ()

    def __getstate__(self) -> tuple[Any, ...]:
        names: tuple[str, ...] = self.__slots__
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        names: tuple[str, ...] = self.__slots__
        for name, value in zip(names, state, strict=True):
            setattr(self, name, value)


class Request(_Slots):
    """One invocation as handed to an environment (picklable, for process mode)."""

    __slots__ = (
        "client_context",
        "deadline",
        "event",
        "function_name",
        "identity",
        "invoked_arn",
        "log_group",
        "log_stream",
        "memory",
        "now",
        "payload",
        "request_id",
        "timeout",
        "trace_id",
        "version",
    )

    def __init__(
        self,
        request_id: str,
        payload: bytes,
        *,
        timeout: float,
        function_name: str,
        version: str,
        invoked_arn: str,
        memory: str,
        log_group: str,
        log_stream: str,
        client_context: dict[str, Any] | None = None,
        identity: tuple[str | None, str | None] | None = None,
        trace_id: str = "",
    ) -> None:
        self.request_id = request_id
        #: The X-Ray header of this invocation (``_X_AMZN_TRACE_ID`` while it runs).
        self.trace_id = trace_id
        self.payload = payload
        self.timeout = timeout
        self.deadline = 0.0
        self.event: Any = None
        self.function_name = function_name
        self.version = version
        self.invoked_arn = invoked_arn
        self.memory = memory
        self.log_group = log_group
        self.log_stream = log_stream
        self.client_context = client_context
        self.identity = identity
        #: The Cloud's clock at the call (JSON-format error records are stamped with it).
        self.now = 0.0


class Outcome(_Slots):
    """What came of one request: a response, an error payload, a timeout or a crash."""

    __slots__ = ("duration_ms", "error_type", "kind", "max_memory_mb", "output", "payload")

    def __init__(
        self,
        kind: str,
        payload: bytes,
        *,
        error_type: str | None = None,
        output: str = "",
        duration_ms: float = 0.0,
        max_memory_mb: int = 0,
    ) -> None:
        self.kind = kind
        self.payload = payload
        self.error_type = error_type
        self.output = output
        self.duration_ms = duration_ms
        self.max_memory_mb = max_memory_mb

    def __repr__(self) -> str:
        return f"Outcome({self.kind!r}, {self.payload[:60]!r}, error_type={self.error_type!r})"


class InitFailed(Exception):
    """The init phase failed; ``payload`` is the error AWS returns to the caller."""

    def __init__(self, error_type: str, payload: bytes, log: str) -> None:
        super().__init__(error_type)
        self.error_type = error_type
        self.payload = payload
        self.log = log
        self.duration_ms = 0.0

    def __reduce__(self) -> tuple[Any, ...]:
        return (InitFailed, (self.error_type, self.payload, self.log))


def init_timed_out(seconds: float, ms: float) -> InitFailed:
    """The failure of an init phase that ran past ``seconds`` (after ``ms`` milliseconds)."""
    return InitFailed(
        "Sandbox.Timedout",
        error_payload(f"Init phase timed out after {seconds:.2f} seconds", "Sandbox.Timedout"),
        f"INIT_REPORT Init Duration: {ms:.2f} ms\tPhase: init\tStatus: timeout\n",
    )


def timed_out(req: Request) -> Outcome:
    """The outcome of a request that ran past its timeout (the environment is lost)."""
    return Outcome(TIMEOUT, b"", error_type="Sandbox.Timedout", duration_ms=req.timeout * 1000)


def log_line(record: logging.LogRecord, request_id: str) -> str:
    """A ``logging`` record as AWS's Python runtime writes it (tab-separated, UTC)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
    return (
        f"[{record.levelname}]\t{stamp}.{int(record.msecs):03d}Z\t{request_id}\t"
        f"{record.getMessage()}\n"
    )


def error_payload(
    message: str, error_type: str, request_id: str = "", stack: list[str] | None = None
) -> bytes:
    """The JSON body AWS returns for a function error.

    >>> json.loads(error_payload("division by zero", "ZeroDivisionError", "r-1"))
    {'errorMessage': 'division by zero', 'errorType': 'ZeroDivisionError', 'requestId': 'r-1',
     'stackTrace': []}
    """
    body = {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id,
        "stackTrace": stack or [],
    }
    return json.dumps(body).encode()


_HERE = os.path.dirname(os.path.abspath(__file__))


def _frames(tb: TracebackType | None) -> traceback.StackSummary:
    # The emulator's own frames are not the user's business (AWS shows the runtime's).
    frames = [f for f in traceback.extract_tb(tb) if not f.filename.startswith(_HERE)]
    return traceback.StackSummary.from_list(frames)


def stack_lines(tb: TracebackType | None) -> list[str]:
    """A traceback as the ``stackTrace`` of Lambda's error body (the emulator's frames left out)."""
    return _frames(tb).format()


def _error_log(exc: BaseException, tb: TracebackType | None, error_type: str) -> str:
    # The runtime logs "[ERROR] Type: message" followed by the traceback.
    lines = "".join(_frames(tb).format())
    return f"[ERROR] {error_type}: {exc}\nTraceback (most recent call last):\n{lines}"


def _escapes(module_name: str) -> bool:
    """Whether a handler's module path is absolute or leaves the code folder."""
    parts = module_name.replace("\\", "/").split("/")
    return module_name.startswith(("/", "\\", "~")) or any(p in ("", ".", "..") for p in parts)


def load_handler(spec: HandlerSpec, *, isolated_import: bool) -> Handler:
    """Import the handler (the init phase); raise :class:`InitFailed` as AWS reports it.

    ``isolated_import`` loads the module under a private name, so two inline
    functions with a ``lambda_function.py`` each do not share one module object.
    """
    if spec.func is not None:
        return spec.func
    module_name, dot, func_name = spec.handler.rpartition(".")
    if not dot or not module_name:
        message = msg.BAD_HANDLER.format(handler=spec.handler)
        raise InitFailed(
            "Runtime.MalformedHandlerName",
            error_payload(message, "Runtime.MalformedHandlerName"),
            f"[ERROR] Runtime.MalformedHandlerName: {message}\n",
        )
    if _escapes(module_name):
        # AWS's runtime imports ``module_name.replace("/", ".")`` from the task root, so a
        # path cannot reach outside the code; here it must not reach the host's files.
        detail = f"No module named '{module_name.replace('/', '.').lstrip('.')}'"
        message = msg.IMPORT_MODULE.format(module=module_name, detail=detail)
        raise InitFailed(
            "Runtime.ImportModuleError",
            error_payload(message, "Runtime.ImportModuleError"),
            f"[ERROR] Runtime.ImportModuleError: {message}\n",
        )
    code_dir = spec.code_dir or "."
    try:
        module = _import(code_dir, module_name, isolated=isolated_import, paths=spec.paths)
    except SyntaxError as exc:
        message = f"Syntax error in module '{module_name}': {exc}"
        raise InitFailed(
            "Runtime.UserCodeSyntaxError",
            error_payload(message, "Runtime.UserCodeSyntaxError"),
            f"[ERROR] Runtime.UserCodeSyntaxError: {message}\n",
        ) from None
    except ImportError as exc:
        message = msg.IMPORT_MODULE.format(module=module_name, detail=exc)
        raise InitFailed(
            "Runtime.ImportModuleError",
            error_payload(message, "Runtime.ImportModuleError"),
            f"[ERROR] Runtime.ImportModuleError: {message}\n",
        ) from None
    except Exception as exc:
        tb = exc.__traceback__
        name = type(exc).__name__
        raise InitFailed(
            name, error_payload(str(exc), name, "", stack_lines(tb)), _error_log(exc, tb, name)
        ) from None
    func = getattr(module, func_name, None)
    if not callable(func):
        message = msg.HANDLER_NOT_FOUND.format(function=func_name, module=module_name)
        raise InitFailed(
            "Runtime.HandlerNotFound",
            error_payload(message, "Runtime.HandlerNotFound"),
            f"[ERROR] Runtime.HandlerNotFound: {message}\n",
        )
    handler: Handler = func
    return handler


def _import(code_dir: str, module_name: str, *, isolated: bool, paths: tuple[str, ...] = ()) -> Any:
    if not isolated:
        # A child process of its own: its sys.path is the environment's (/var/task, /opt).
        for entry in reversed((code_dir, *paths)):
            if entry not in sys.path:
                sys.path.insert(0, entry)
        return importlib.import_module(module_name)
    parts = module_name.split(".")
    path = os.path.join(code_dir, *parts) + ".py"
    if not os.path.exists(path):
        package = os.path.join(code_dir, *parts, "__init__.py")
        if not os.path.exists(package):
            raise ModuleNotFoundError(f"No module named '{module_name}'")
        path = package
    private = f"_pyserverless_task_{abs(hash((code_dir, module_name))):x}"
    spec = importlib.util.spec_from_file_location(private, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Sibling imports ("import helpers") resolve from the code folder, and layer imports
    # from the layers' folders, during init only: the host's sys.path is restored after.
    # Modules imported from those folders are dropped from sys.modules afterwards (the
    # handler module keeps its references), so another function's same-named module or
    # layer is imported afresh rather than shared.
    entries = [code_dir, *paths]
    with _import_lock:
        before = set(sys.modules)
        sys.path[0:0] = entries
        try:
            spec.loader.exec_module(module)
        finally:
            for entry in entries:
                sys.path.remove(entry)
            roots = tuple(os.path.join(os.path.abspath(e), "") for e in entries)
            for name in set(sys.modules) - before:
                origin = getattr(sys.modules[name], "__file__", None) or ""
                if origin.startswith(roots):
                    del sys.modules[name]
    return module


def make_context(req: Request) -> LambdaContext:
    cc = req.client_context
    ident = req.identity
    return LambdaContext(
        aws_request_id=req.request_id,
        function_name=req.function_name,
        function_version=req.version,
        invoked_function_arn=req.invoked_arn,
        memory_limit_in_mb=req.memory,
        log_group_name=req.log_group,
        log_stream_name=req.log_stream,
        deadline=req.deadline,
        identity=CognitoIdentity(*ident) if ident else None,
        client_context=ClientContext(cc) if cc is not None else None,
    )


def run_request(
    handler: Handler,
    req: Request,
    log: Callable[[str], object],
    *,
    capped: bool = False,
    json_logs: bool = False,
) -> Outcome:
    """Run ``handler`` on one request as AWS's Python runtime does; never raises.

    ``capped``: memory is limited, so a ``MemoryError`` means the function ran out of
    its memory (AWS kills the runtime) rather than an ordinary exception.
    ``json_logs``: the function's LogFormat is JSON (the error record is JSON too).
    """
    start = time.perf_counter()
    try:
        event = req.event
        if event is None:
            event = json.loads(req.payload) if req.payload else {}
        if req.trace_id:  # as AWS's runtime sets it before each invocation
            os.environ["_X_AMZN_TRACE_ID"] = req.trace_id
        result = handler(event, make_context(req))
    except SystemExit as exc:
        # sys.exit() ends the runtime process on AWS: the environment is lost.
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        message = msg.EXIT_STATUS.format(request_id=req.request_id, status=code)
        log(message + "\n")
        payload = error_payload(message, "Runtime.ExitError", req.request_id)
        return Outcome(EXIT, payload, error_type="Runtime.ExitError", duration_ms=_ms(start))
    except Exception as exc:
        tb = exc.__traceback__
        tb = tb.tb_next if tb is not None else None  # drop this frame
        name = type(exc).__name__
        kind = OOM if capped and isinstance(exc, MemoryError) else ERROR
        payload = error_payload(str(exc), name, req.request_id, stack_lines(tb))
        if json_logs:
            log(json_error_line(json.loads(payload), req.request_id, req.now))
        else:
            log(_error_log(exc, tb, name))
        return Outcome(kind, payload, error_type=name, duration_ms=_ms(start))
    except Abandoned:
        raise
    except BaseException as exc:
        # KeyboardInterrupt, GeneratorExit or any other BaseException ends AWS's runtime
        # process (status 1), as it ends a worker process here: the environment is lost
        # and the caller is told at once.
        message = msg.EXIT_STATUS.format(request_id=req.request_id, status=1)
        log(f"[ERROR] {type(exc).__name__}: {exc}\n{message}\n")
        payload = error_payload(message, "Runtime.ExitError", req.request_id)
        return Outcome(EXIT, payload, error_type="Runtime.ExitError", duration_ms=_ms(start))
    try:
        body = _ENCODE(result).encode()
    except (TypeError, ValueError) as exc:
        message = msg.MARSHAL.format(detail=exc)
        log(f"[ERROR] Runtime.MarshalError: {message}\n")
        payload = error_payload(message, "Runtime.MarshalError", req.request_id)
        return Outcome(ERROR, payload, error_type="Runtime.MarshalError", duration_ms=_ms(start))
    return Outcome(OK, body, duration_ms=_ms(start))


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
