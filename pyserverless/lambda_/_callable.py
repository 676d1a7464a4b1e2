"""Running a Python callable under Lambda's limits: the public ``LambdaService.run_callable``.

Other services call a Python function as Lambda would (Cognito's triggers today; API
Gateway authorizers, CloudFront functions and stream mappings later): with a
``LambdaContext``, a timeout after which the caller gets an answer and the call is
stopped, and the handler's error reported as Lambda reports it. The call runs on a
thread of its own, so the caller is released at the deadline whatever the callable does
(a sleep, a lock wait); at its timeout the callable is interrupted with an asynchronous
exception where Python can deliver one, and abandoned otherwise.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as msg
from ._context import ClientContext, LambdaContext
from ._errors import InvalidParameterValueException
from ._inline import end_quietly, interrupt, routing, routing_as
from ._runtime import Abandoned, stack_lines

if TYPE_CHECKING:
    from ._engine import LambdaService

__all__ = ["CallableResult", "run_callable"]

#: The error message when the caller's deadline, shorter than the timeout, passes first.
DEADLINE = "RequestId: {request_id} Error: No response within {seconds:.2f} seconds"
#: ``CallableResult.status`` values.
OK, ERROR, TIMEOUT = "ok", "error", "timeout"


@attrs.frozen
class CallableResult:
    """How a call made with ``LambdaService.run_callable`` ended.

    ``status`` is ``"ok"`` (``value`` is what the callable returned, as it is: nothing is
    serialised), ``"error"`` (the callable raised: ``error_type``, ``error_message`` and
    ``stack_trace`` as Lambda's error body has them; ``sys.exit()`` and other
    ``BaseException``\\ s are ``Runtime.ExitError``) or ``"timeout"`` (no answer within
    the timeout or the caller's deadline: ``error_type`` ``"Sandbox.Timedout"``).
    ``duration_ms`` is the real time the caller waited.

    >>> CallableResult("ok", value=3, request_id="r-1").ok
    True
    """

    status: str
    value: Any = None
    error_type: str | None = None
    error_message: str | None = None
    stack_trace: list[str] = attrs.field(factory=list)
    duration_ms: float = 0.0
    request_id: str = ""

    @property
    def ok(self) -> bool:
        """Whether the callable returned normally."""
        return self.status == OK


class _Call:
    """One call's shared state between the caller and the callable's thread."""

    __slots__ = ("alarm", "done", "finished", "lock", "result", "thread")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.finished = False
        self.result: CallableResult | None = None
        self.thread: threading.Thread | None = None
        #: The watchdog's key for stopping the callable at its timeout after a deadline.
        self.alarm: int | None = None

    def finish(self, result: CallableResult | None) -> None:
        with self.lock:
            if self.finished:
                return
            self.finished = True
            self.result = result
        self.done.set()

    def ended(self) -> None:
        """The thread is ending (called with ``lock`` held): it may no longer be interrupted."""
        if not self.finished:
            self.finished = True
            self.done.set()

    def stop(self) -> None:
        """Interrupt the callable's thread unless it has finished (then it is not touched)."""
        with self.lock:
            if self.finished:
                return
            self.finished = True
            if self.thread is not None:
                interrupt(self.thread)


def _check(name: Any, timeout: Any, memory_mb: Any, deadline: Any) -> None:
    def number(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0

    if not isinstance(name, str) or not name:
        raise InvalidParameterValueException(f"name must be a non-empty string, not {name!r}")
    if not number(timeout):
        raise InvalidParameterValueException(f"timeout must be a positive number, not {timeout!r}")
    if deadline is not None and not number(deadline):
        raise InvalidParameterValueException(
            f"deadline must be a positive number or None, not {deadline!r}"
        )
    if (
        not isinstance(memory_mb, int)
        or isinstance(memory_mb, bool)
        or not 128 <= memory_mb <= 10240
    ):
        raise InvalidParameterValueException(
            f"memory_mb must be an integer from 128 to 10240, not {memory_mb!r}"
        )


def run_callable(
    svc: LambdaService,
    fn: Callable[[Any, LambdaContext], Any],
    event: Any,
    *,
    name: str,
    timeout: float,
    memory_mb: int = 128,
    deadline: float | None = None,
    client_context: Mapping[str, Any] | None = None,
    request_id: str | None = None,
) -> CallableResult:
    """Call ``fn(event, context)`` as Lambda would; see ``LambdaService.run_callable``."""
    _check(name, timeout, memory_mb, deadline)
    rid = request_id if request_id is not None else svc.cloud.ids.request_id()
    day = svc.cloud.clock.now().strftime("%Y/%m/%d")
    began = time.monotonic()
    context = LambdaContext(
        aws_request_id=rid,
        function_name=name,
        function_version="$LATEST",
        invoked_function_arn=svc.function_arn(name),
        memory_limit_in_mb=str(memory_mb),
        log_group_name=f"/aws/lambda/{name}",
        log_stream_name=f"{day}/[$LATEST]{rid.replace('-', '')}",
        deadline=began + timeout,
        client_context=ClientContext(client_context) if client_context is not None else None,
    )
    call = _Call()
    # The callable prints and logs where its caller would (a handler's log, inside one).
    inherited = routing()

    def body() -> None:
        try:
            with routing_as(inherited):
                call.finish(_outcome(fn, event, context, rid, began))
        except Abandoned:  # stopped at its timeout; the caller has its answer already
            pass
        try:  # at most one Abandoned is ever sent; it may arrive as end_quietly begins
            end_quietly(call.lock, call.ended)
        except Abandoned:
            end_quietly(call.lock, call.ended)
        if call.alarm is not None:  # finished before its timeout: nothing left to stop
            svc.watchdog.disarm(call.alarm)

    thread = threading.Thread(target=body, name=f"lambda-callable-{name}", daemon=True)
    call.thread = thread
    thread.start()
    wait = timeout if deadline is None else min(timeout, deadline)
    if call.done.wait(wait) and call.result is not None:
        return call.result
    if wait < timeout:  # the caller stops waiting; the callable runs on to its timeout
        call.alarm = svc.watchdog.arm(began + timeout, call.stop)
        message = DEADLINE.format(request_id=rid, seconds=wait)
    else:
        call.stop()
        message = msg.TIMEOUT.format(request_id=rid, seconds=timeout)
    if call.result is not None:  # it finished as the wait ended
        return call.result
    return CallableResult(
        TIMEOUT,
        error_type="Sandbox.Timedout",
        error_message=message,
        duration_ms=(time.monotonic() - began) * 1000,
        request_id=rid,
    )


def _outcome(
    fn: Callable[[Any, LambdaContext], Any],
    event: Any,
    context: LambdaContext,
    rid: str,
    began: float,
) -> CallableResult:
    try:
        value = fn(event, context)
    except Abandoned:
        raise
    except Exception as exc:
        tb = exc.__traceback__
        return CallableResult(
            ERROR,
            error_type=type(exc).__name__,
            error_message=str(exc),
            stack_trace=stack_lines(tb.tb_next if tb is not None else None),
            duration_ms=(time.monotonic() - began) * 1000,
            request_id=rid,
        )
    except BaseException as exc:  # sys.exit() and the like end a runtime: Runtime.ExitError
        return CallableResult(
            ERROR,
            error_type="Runtime.ExitError",
            error_message=msg.EXIT_STATUS.format(request_id=rid, status=_exit_status(exc)),
            duration_ms=(time.monotonic() - began) * 1000,
            request_id=rid,
        )
    return CallableResult(
        OK, value=value, duration_ms=(time.monotonic() - began) * 1000, request_id=rid
    )


def _exit_status(exc: BaseException) -> int:
    if isinstance(exc, SystemExit):
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 1  # an uncaught BaseException ends the interpreter with status 1
