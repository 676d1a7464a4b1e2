"""The CloudFront Functions runtime: JavaScript in quickjs-ng, and Python callables (our extension).

``compile_function(code, runtime)`` checks the code as CreateFunction/UpdateFunction would and
returns a ``CompiledFunction``; ``CompiledFunction.run(event, ...)`` runs the ``handler`` on one
event dict and returns a frozen ``FunctionRun``. Each run starts from fresh function state, as
CloudFront keeps none between invocations: the top-level code is re-run in a new scope of a
context compiled once per thread, globals a call creates are deleted after it, and code that may
touch built-in objects gets a brand-new context per call.

>>> fn = compile_function(
...     "function handler(event) {\\n"
...     "  var r = event.request;\\n"
...     "  if (r.uri.endsWith('/')) { r.uri += 'index.html'; }\\n"
...     "  console.log('uri', r.uri);\\n"
...     "  return r;\\n"
...     "}",
...     "cloudfront-js-1.0",
... )
>>> run = fn.run({"request": {"uri": "/docs/", "headers": {}}}, time_limit_ms=1000)
>>> run.output["uri"], run.logs, run.error, run.throttled
('/docs/index.html', ('uri /docs/index.html',), None, False)
"""

from __future__ import annotations

import base64
import copy
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from ._js_prelude import prelude
from ._js_source import (
    MAX_CODE_BYTES,
    RUNTIMES,
    FunctionCodeError,
    check_size,
    needs_fresh_context,
    refused_v1_token,
    rewrite_imports,
)

__all__ = [
    "DEFAULT_MEMORY_BYTES",
    "MAX_CODE_BYTES",
    "MAX_LOG_BYTES",
    "THROTTLED_MESSAGE",
    "CompiledFunction",
    "FunctionCodeError",
    "FunctionRun",
    "KvsView",
    "compile_function",
    "run_python",
]

DEFAULT_MEMORY_BYTES = 2 * 1024 * 1024  # "Maximum memory: 2 MB" (CloudFront Functions quotas)
MAX_LOG_BYTES = 10_240  # "Function logs in CloudFront Functions are truncated at 10 KB."
THROTTLED_MESSAGE = "The function exceeded the maximum allowed compute utilization"  # [?] text
_OUT_OF_MEMORY = "InternalError: out of memory"  # [?] the 2 MB limit's text
_NEVER_SETTLED = "Error: the handler's promise never settled"  # [?]
_NOT_AN_OBJECT = "TypeError: the handler must return an object"  # [?]


class KvsView(Protocol):
    """A read view of one KeyValueStore, as a function sees it through ``cf.kvs()``."""

    def get(self, key: str, format: str = "string") -> Any:
        """The value of ``key`` (str, a JSON value, or bytes); raises KeyError when absent."""

    def exists(self, key: str) -> bool:
        """Whether ``key`` is in the store."""

    def meta(self) -> Mapping[str, Any]:
        """``creationDateTime``, ``lastUpdatedDateTime`` and ``keyCount``."""


@attrs.frozen
class FunctionRun:
    """What one run of a CloudFront function gave.

    ``output`` is the returned request or response object (None on error); ``error`` is the
    FunctionExecutionError text; ``origin_updates`` records the ``cf.updateRequestOrigin``,
    ``cf.selectRequestOriginById`` and ``cf.createRequestOriginGroup`` calls, in order, as
    ``{"helper": name, "args": [...]}``.
    """

    output: dict[str, Any] | None
    error: str | None
    logs: tuple[str, ...]
    compute_utilization: int
    throttled: bool
    origin_updates: tuple[dict[str, Any], ...] = ()


def _cpu() -> float:
    # Compute utilization is CPU time of the calling thread (quickjs-ng's own limit counts CPU
    # time too), so a busy machine does not throttle a function that did little work.
    return time.thread_time()


def _quickjs() -> Any:
    try:
        import quickjs  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "CloudFront Functions in JavaScript need quickjs-ng: pip install 'pyserverless[js]'"
        ) from exc
    return quickjs


def _cap_logs(lines: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    left = MAX_LOG_BYTES
    for line in lines:
        raw = line.encode("utf-8", "surrogatepass")
        if len(raw) > left:
            if left > 0:
                out.append(raw[:left].decode("utf-8", "ignore"))
            break
        out.append(line)
        left -= len(raw)
    return tuple(out)


def _utilization(elapsed_s: float, limit_ms: float) -> int:
    return max(0, min(100, round(elapsed_s * 1000 / limit_ms * 100))) if limit_ms > 0 else 100


class _Session:
    """One quickjs context holding the prelude and the wrapped function (one thread uses it)."""

    def __init__(self, source: str, wrapped: str) -> None:
        qjs = _quickjs()
        ctx = qjs.Context()
        ctx.eval(source)
        ctx.eval(wrapped)
        ctx.eval("for (var __k in globalThis) { __baseGlobals[__k] = 1; }")
        self.ctx = ctx
        self.base_memory = int(ctx.memory()["malloc_size"])
        self.run = ctx.get("__run")
        self.settle = ctx.get("__settle")
        self.take = ctx.get("__kvsTake")
        self.give = ctx.get("__kvsGive")
        self.exception = qjs.JSException


class CompiledFunction:
    """A CloudFront function's code, checked and ready to run on events.

    One quickjs context per thread (quickjs-ng contexts must stay on one thread).
    """

    def __init__(self, code: str, runtime: str) -> None:
        self.code = code
        self.runtime = runtime
        v2 = runtime == "cloudfront-js-2.0"
        body = rewrite_imports(code) if v2 else code
        self._source = prelude(v2=v2, log_cap_chars=MAX_LOG_BYTES)
        self._wrapped = (
            "var __factory = function (console, require) {"
            + body
            + "\n;return typeof handler === 'function' ? handler : undefined; };"
        )
        self._fresh = needs_fresh_context(code)
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"<CompiledFunction {self.runtime} {len(self.code)} chars>"

    def _session(self) -> _Session:
        session: _Session | None = getattr(self._local, "session", None)
        if session is None or self._fresh:
            session = _Session(self._source, self._wrapped)
            self._local.session = session
        return session

    def _drop_session(self) -> None:
        self._local.session = None

    def run(
        self,
        event: Mapping[str, Any],
        *,
        kvs: Callable[[str], KvsView] | None = None,
        time_limit_ms: float,
        memory_bytes: int = DEFAULT_MEMORY_BYTES,
        now_ms: float | None = None,
    ) -> FunctionRun:
        """Run ``handler(event)``; ``kvs(id)`` opens the store of ``cf.kvs(id)`` ("" = associated).

        The time limit is the 100 % of compute utilization (CPU time): past it the run stops.
        ``now_ms`` (epoch milliseconds, e.g. from the Cloud's clock) is what ``Date.now()`` and
        ``new Date()`` give inside the function; None leaves the real time.
        """
        session = self._session()
        ctx = session.ctx
        ctx.set_memory_limit(session.base_memory + memory_bytes)
        started = _cpu()
        deadline = started + time_limit_ms / 1000
        payload = json.dumps(event)
        now = None if now_ms is None else float(now_ms)  # quickjs-ng truncates big ints to 32 bits
        try:
            raw = self._call(session, deadline, session.run, payload, now)
            while raw == "P":
                while self._budget(ctx, deadline) and ctx.execute_pending_job():
                    pass
                raw = self._call(session, deadline, session.settle)
                if raw != "P":
                    break
                asked = json.loads(self._call(session, deadline, session.take))
                if not asked:
                    raw = json.dumps(
                        {"s": "err", "v": "Error: the handler's promise never settled"}
                    )
                    break
                answers = [_answer_kvs(kvs, *req) for req in asked]
                self._call(session, deadline, session.give, json.dumps(answers))
        except _Throttled:
            self._drop_session()
            return FunctionRun(None, THROTTLED_MESSAGE, (), 100, True)
        except session.exception as exc:
            self._drop_session()
            text = str(exc).split("\n", 1)[0]
            elapsed = _cpu() - started
            if "interrupted" in text:
                return FunctionRun(None, THROTTLED_MESSAGE, (), 100, True)
            if text in ("null", "") or "out of memory" in text:
                text = _OUT_OF_MEMORY
            return FunctionRun(None, text, (), _utilization(elapsed, time_limit_ms), False)
        finally:
            ctx.set_time_limit(-1)
            ctx.set_memory_limit(-1)
        elapsed = _cpu() - started
        return _finish(json.loads(raw), _utilization(elapsed, time_limit_ms))

    def _budget(self, ctx: Any, deadline: float) -> bool:
        left = deadline - _cpu()
        if left <= 0:
            raise _Throttled
        ctx.set_time_limit(left)
        return True

    def _call(self, session: _Session, deadline: float, fn: Any, *args: Any) -> str:
        self._budget(session.ctx, deadline)
        return str(fn(*args))


class _Throttled(Exception):
    pass


def _finish(result: dict[str, Any], utilization: int) -> FunctionRun:
    logs = _cap_logs(result.get("logs") or [])
    origins = tuple(result.get("origins") or ())
    if result["s"] == "err":
        return FunctionRun(None, str(result["v"]), logs, utilization, False, origins)
    value = result.get("v")
    if not isinstance(value, dict):
        return FunctionRun(None, _NOT_AN_OBJECT, logs, utilization, False)
    return FunctionRun(value, None, logs, utilization, False, origins)


def _answer_kvs(
    kvs: Callable[[str], KvsView] | None, op: str, store: str, key: str, fmt: str
) -> list[Any]:
    if kvs is None:
        return [False, "No KeyValueStore is associated with this function"]
    try:
        view = kvs(store)
        if op == "exists":
            return [True, bool(view.exists(key))]
        if op == "meta":
            return [True, dict(view.meta())]
        value = view.get(key, format=fmt)
    except KeyError:
        return [False, f"Key {key} not found"]
    except Exception as exc:
        return [False, str(exc)]
    if fmt == "bytes":
        raw = value if isinstance(value, bytes) else str(value).encode()
        return [True, base64.b64encode(raw).decode("ascii")]
    return [True, value]


def compile_function(code: str, runtime: str) -> CompiledFunction:
    """Check ``code`` for ``runtime`` as CloudFront does and compile it.

    Raises ``FunctionCodeError`` (code ``FunctionSizeLimitExceeded`` over 10 KB, else
    ``InvalidArgument``) for an unknown runtime, a syntax error, or ``const``/``let`` in 1.0.

    >>> code = "function handler(e) { const a = 1; return e.request; }"
    >>> compile_function(code, "cloudfront-js-1.0")
    Traceback (most recent call last):
    ...
    pyserverless.cdn._js_source.FunctionCodeError: SyntaxError: Token "const" not supported ...
    """
    if runtime not in RUNTIMES:
        raise FunctionCodeError(f"Invalid runtime: {runtime}")
    check_size(code)
    if runtime == "cloudfront-js-1.0" and (refused := refused_v1_token(code)) is not None:
        raise refused
    fn = CompiledFunction(code, runtime)
    qjs = _quickjs()
    try:
        qjs.Context().eval("(function () {" + fn._wrapped + "\n})")
    except qjs.JSException as exc:
        raise FunctionCodeError(str(exc).split("\n", 1)[0]) from None
    except ValueError as exc:  # quickjs refuses the text itself (a NUL character)
        raise FunctionCodeError(f"SyntaxError: {exc}") from None
    return fn


def run_python(
    fn: Callable[[dict[str, Any]], Any],
    event: Mapping[str, Any],
    *,
    time_limit_ms: float,
    **_ignored: Any,
) -> FunctionRun:
    """Run a Python callable as a CloudFront function (our extension, not an AWS feature).

    The callable gets a deep copy of the event dict and returns the request or response dict.
    Python cannot be stopped midway: a run that took longer than the limit is reported throttled
    after it returns, its output discarded.

    >>> run = run_python(lambda e: e["request"], {"request": {"uri": "/"}}, time_limit_ms=1000)
    >>> run.output, run.error
    ({'uri': '/'}, None)
    """
    started = _cpu()
    try:
        value = fn(copy.deepcopy(dict(event)))
        value = json.loads(json.dumps(value))
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        return FunctionRun(None, error, (), _utilization(_cpu() - started, time_limit_ms), False)
    elapsed = _cpu() - started
    if elapsed * 1000 > time_limit_ms:
        return FunctionRun(None, THROTTLED_MESSAGE, (), 100, True)
    return _finish({"s": "ok", "v": value}, _utilization(elapsed, time_limit_ms))
