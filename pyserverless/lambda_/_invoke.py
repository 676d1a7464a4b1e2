"""Invocation: concurrency slots, execution environments, logs, billing and limits.

The :class:`Executor` of a Lambda service takes a concurrency slot, finds a warm
environment or creates one (a cold start), runs the request there, and writes the
START/END/REPORT lines, the meter and the result. No lock is held while a handler runs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import shutil
import tempfile
import threading
from typing import TYPE_CHECKING, Any

from .._core.errors import PyServerlessError
from . import _messages as msg
from ._errors import ServiceException, TooManyRequestsException
from ._inline import InlineEnvironment
from ._logformat import level_number
from ._logs import InvocationLog
from ._model import Alias, FunctionConfig, FunctionState, Invocation
from ._planned import planned_outcome
from ._process import ProcessEnvironment
from ._runtime import ERROR, EXIT, OK, OOM, TIMEOUT, InitFailed, Outcome, Request

if TYPE_CHECKING:
    from ._engine import LambdaService

__all__ = ["Executor", "InvokeDeadlineExceeded"]


class InvokeDeadlineExceeded(PyServerlessError):
    """The caller's ``deadline_seconds`` passed before the function returned.

    The function keeps running to its own timeout; ``request_id`` names its invocation.
    """

    def __init__(
        self,
        function_name: str,
        request_id: str,
        seconds: float,
        outcome: tuple[threading.Event, list[Any]] | None = None,
    ) -> None:
        self.function_name = function_name
        self.request_id = request_id
        self.seconds = seconds
        self._outcome = outcome
        super().__init__(
            f"No response from function {function_name} (request {request_id}) "
            f"within {seconds:.2f} seconds"
        )

    def result(self, timeout: float | None = None) -> Invocation | None:
        """The invocation once the function has finished (None if not within ``timeout``)."""
        if self._outcome is None:
            return None
        done, box = self._outcome
        if not done.wait(timeout):
            return None
        value = box[0]
        return value if isinstance(value, Invocation) else None


def platform_error(message: str, error_type: str) -> bytes:
    """An error body the platform (not the handler) produced: message and type only."""
    return json.dumps({"errorMessage": message, "errorType": error_type}).encode()


class Executor:
    """Runs requests for one Lambda service."""

    def __init__(self, svc: LambdaService) -> None:
        self.svc = svc
        self.cloud = svc.cloud
        self.limits = svc.limits
        self.meter = svc.meter
        self.watchdog = svc.watchdog
        self._lock = svc._lock
        self._unreserved_in_flight = 0
        #: The second the trace header's Root was last stamped with, and its head.
        self._trace_second = -1
        self._trace_head = ""

    def route(self, fn: FunctionState, alias: Alias) -> FunctionConfig:
        primary = self.svc._config_for(fn, alias.function_version)
        for version, weight in alias.routing.items():
            draw = self.cloud.ids.fraction()
            if draw < weight:
                return fn.versions[version]
        return primary

    def _throttle(self, reason: str) -> TooManyRequestsException:
        return TooManyRequestsException(msg.RATE_EXCEEDED, Reason=reason, Type="User")

    def _acquire(self, fn: FunctionState, version: str) -> tuple[Any, bool]:
        """Take a concurrency slot and an idle environment (None: a cold start is needed).

        Returns the environment and whether the slot came from the function's reservation.
        """
        lim = self.limits
        now = self.cloud.clock.time()
        stale: list[Any] = []
        with self._lock:
            reserved = fn.reserved_concurrency
            if reserved is not None:
                if fn.in_flight >= reserved:
                    raise self._throttle("ReservedFunctionConcurrentInvocationLimitExceeded")
            else:
                cap = lim.concurrent_executions - self.svc.reserved_sum
                if self._unreserved_in_flight >= cap:
                    raise self._throttle("ConcurrentInvocationLimitExceeded")
            pool = fn.pools.get(version)
            if pool:
                horizon = now - lim.idle_environment_seconds
                while pool and pool[0].last_used <= horizon:
                    stale.append(pool.pop(0))
            env = pool.pop() if pool else None
            if env is None:
                created = fn.created_envs
                window = now - lim.scaling_window_seconds
                while created and created[0] <= window:
                    created.pop(0)
                if len(created) >= lim.scaling_environments:
                    raise self._throttle("FunctionInvocationRateLimitExceeded")
                created.append(now)
            if reserved is None:
                self._unreserved_in_flight += 1
            fn.in_flight += 1
        for old in stale:
            self.discard(old)
        return env, reserved is not None

    def _release(self, fn: FunctionState, version: str, env: Any, reserved: bool) -> None:
        with self._lock:
            fn.in_flight -= 1
            if not reserved:
                self._unreserved_in_flight -= 1
            if env is not None and env.alive and not fn.deleted and self._current(fn, version, env):
                env.last_used = now = self.cloud.clock.time()
                fn.pools.setdefault(version, []).append(env)
                if env.reaper is None:  # one pending reap task per environment at most
                    idle = self.limits.idle_environment_seconds
                    self._schedule_reap(fn, version, env, now + idle)
                return
        if env is not None:
            self.discard(env)

    def _schedule_reap(self, fn: FunctionState, version: str, env: Any, when: float) -> None:
        # Upkeep, as a stream's shard rollover: advance() reaps, run_until_idle() does not
        # wait ten idle minutes for it (nor loop forever beside a recurring schedule).
        env.reaper = self.cloud.scheduler.call_at(
            when,
            self._reap,
            fn,
            version,
            env,
            name=f"lambda:reap:{fn.name}:{version}",
            daemon=True,
        )

    def _reap(self, fn: FunctionState, version: str, env: Any) -> None:
        """The reap task: stop ``env`` if it is still idle a whole idle lifetime after use.

        A reused environment's task is not moved on every call: when it comes due it
        finds the later ``last_used`` and schedules itself again for that time.
        """
        now = self.cloud.clock.time()
        with self._lock:
            env.reaper = None
            pool = fn.pools.get(version)
            if not pool or env not in pool:
                return  # busy (its release schedules a new task) or already gone
            due = env.last_used + self.limits.idle_environment_seconds
            if due > now:
                self._schedule_reap(fn, version, env, due)
                return
            pool.remove(env)
        self.discard(env)

    def _current(self, fn: FunctionState, version: str, env: Any) -> bool:
        version = version.partition("@")[0]  # a replica's pool is its version's
        config = fn.latest if version == "$LATEST" else fn.versions.get(version)
        return config is not None and env.revision == config.revision_id

    def retire(self, fn: FunctionState, version: str) -> None:
        keys = [k for k in fn.pools if k == version or k.startswith(version + "@")]
        for key in keys:  # the version's own environments and its replicas'
            for env in fn.pools.pop(key, []):
                self.discard(env)

    def discard(self, env: Any) -> None:
        reaper = env.reaper
        if reaper is not None:
            env.reaper = None
            reaper.cancel()
        env.close()
        shutil.rmtree(env.tmp_dir, ignore_errors=True)

    def _environment(self, fn: FunctionState, config: FunctionConfig) -> Any:
        day = self.cloud.clock.now().strftime("%Y/%m/%d")
        stream = f"{day}/[{config.version}]{self.cloud.ids.hex(32)}"
        tmp_dir = tempfile.mkdtemp(prefix="tmp-", dir=self.svc._work())
        spec = config.spec
        assert spec is not None
        environ = self._environ(config, stream, tmp_dir)
        log_mode = config.logging.runtime() if config.logging is not None else (False, 0)
        env: Any
        if config.isolation == "process":
            env = ProcessEnvironment(
                spec,
                environ,
                stream,
                memory_mb=config.memory_mb,
                storage_mb=config.ephemeral_storage_mb,
                tmp_dir=tmp_dir,
                log_mode=log_mode,
                cloud=self.cloud,
            )
        else:
            env = InlineEnvironment(
                spec, environ, self.watchdog, stream, log_mode=log_mode, cloud=self.cloud
            )
        env.log_json = log_mode[0]
        env.tmp_dir = tmp_dir
        env.tmp_mtime = 0.0
        env.revision = config.revision_id
        env.memory = str(config.memory_mb)
        env.stream = self.svc._log_group(config.log_group_name).stream(stream)
        env.stream_group = config.log_group_name
        env.last_used = self.cloud.clock.time()
        env.reaper = None
        return env

    def _trace_id(self, request_id: str) -> str:
        """An X-Ray trace header as Lambda passes it: Root is the epoch second and 96 bits,
        Parent 64, both taken from the (seeded) request id, so no further draw is made."""
        now = int(self.cloud.clock.time())
        if now != self._trace_second:
            self._trace_second, self._trace_head = now, f"Root=1-{now:08x}-"
        r = request_id
        if len(r) != 36:  # not a UUID: draw the digits
            r = self.cloud.ids.uuid()
        return (
            f"{self._trace_head}{r[:8]}{r[9:13]}{r[14:18]}{r[19:23]}{r[24:28]}"
            f";Parent={r[28:]}{r[:8]};Sampled=0"
        )

    def _environ(self, config: FunctionConfig, stream: str, tmp_dir: str) -> dict[str, str]:
        ids = self.cloud.ids
        environ = {
            "AWS_REGION": self.svc.region,
            "AWS_DEFAULT_REGION": self.svc.region,
            "AWS_EXECUTION_ENV": f"AWS_Lambda_{config.runtime}",
            "AWS_LAMBDA_FUNCTION_NAME": config.name,
            "AWS_LAMBDA_FUNCTION_VERSION": config.version,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(config.memory_mb),
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_LAMBDA_LOG_GROUP_NAME": config.log_group_name,
            "AWS_LAMBDA_LOG_STREAM_NAME": stream,
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
            "AWS_ACCESS_KEY_ID": "ASIA" + ids.alnum(16, upper=True),
            "AWS_SECRET_ACCESS_KEY": ids.alnum(40),
            "AWS_SESSION_TOKEN": ids.alnum(64),
            "LAMBDA_TASK_ROOT": "/var/task",
            "LAMBDA_RUNTIME_DIR": "/var/runtime",
            "PYTHONPATH": "/var/runtime",
            "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
            "AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129:2000",
            "_AWS_XRAY_DAEMON_ADDRESS": "169.254.79.129",
            "_AWS_XRAY_DAEMON_PORT": "2000",
            "_HANDLER": config.handler,
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            "PATH": "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            "TMPDIR": tmp_dir,
        }
        settings = config.logging
        if settings is not None and settings.json:
            # What the runtime reads to format and filter application logs.
            environ["AWS_LAMBDA_LOG_FORMAT"] = "JSON"
            environ["AWS_LAMBDA_LOG_LEVEL"] = settings.application_level or "INFO"
        endpoint = self.svc.limits.endpoint_url
        if endpoint is not None and config.isolation == "process":
            environ["AWS_ENDPOINT_URL"] = endpoint  # the SDK's (and the AWS CLI's) endpoint
        if config.layer_versions:  # the real /opt folders, for a child Python's imports
            paths = config.spec.paths if config.spec else ()
            environ["PYTHONPATH"] = ":".join(("/var/runtime", *paths))
        environ.update(config.environment)
        return environ

    def execute_within(
        self,
        seconds: float,
        fn: FunctionState,
        config: FunctionConfig,
        payload: bytes,
        options: dict[str, Any],
    ) -> Invocation:
        """``execute`` on a helper thread; raise InvokeDeadlineExceeded after ``seconds``."""
        request_id = self.cloud.ids.request_id()
        box: list[Any] = []
        done = threading.Event()

        def run() -> None:
            try:
                box.append(self.execute(fn, config, payload, request_id=request_id, **options))
            except BaseException as exc:  # handed to the waiting caller
                box.append(exc)
            finally:
                done.set()

        threading.Thread(target=run, name=f"lambda-call-{fn.name}", daemon=True).start()
        if not done.wait(seconds):
            raise InvokeDeadlineExceeded(fn.name, request_id, seconds, (done, box))
        result = box[0]
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, Invocation)
        return result

    def execute(
        self,
        fn: FunctionState,
        config: FunctionConfig,
        payload: bytes,
        *,
        event: Any = None,
        invoked_arn: str,
        tail: bool = False,
        client_context: dict[str, Any] | None = None,
        identity: tuple[str | None, str | None] | None = None,
        sync: bool = True,
        request_id: str | None = None,
        pool: str | None = None,
    ) -> Invocation:
        """Run one request in an environment (creating one on a cold start).

        ``pool`` keys the environments apart from the version's own (a Lambda@Edge
        replica's: ``"1@us-east-1"``)."""
        planned = self.svc._take_planned(fn)  # fail_next: a service error raises here
        version = config.version
        key = pool or version
        env, reserved = self._acquire(fn, key)
        if request_id is None:
            request_id = self.cloud.ids.request_id()
        head: list[str] = []
        init_ms: float | None = None
        try:
            if env is None:
                env = self._environment(fn, config)
                try:
                    init_ms, init_log = env.start(self.limits.init_timeout_seconds)
                except InitFailed as exc:
                    return self._init_failure(fn, config, env, exc, request_id, tail)
                except OSError as exc:  # the host could not start a worker (fork, fds...)
                    env.alive = False
                    raise ServiceException(
                        f"Could not start an execution environment: {exc}"
                    ) from exc
                if init_log:
                    head = init_log.splitlines()
            req = Request(
                request_id,
                payload,
                timeout=config.timeout,
                function_name=config.name,
                version=version,
                invoked_arn=invoked_arn,
                memory=env.memory,
                log_group=env.stream_group,
                log_stream=env.name,
                client_context=client_context,
                identity=identity,
                trace_id=self._trace_id(request_id),
            )
            if env.log_json:
                req.now = self.cloud.clock.time()
            if event is not None and env.mode == "inline":
                req.event = event
            if planned is None:
                out = env.run(req)
            else:
                out = planned_outcome(planned[1], planned[2], request_id)
            return self._finish(fn, config, env, req, out, head, init_ms, tail, sync)
        finally:
            self._release(fn, key, env, reserved)

    def _init_failure(
        self,
        fn: FunctionState,
        config: FunctionConfig,
        env: Any,
        exc: InitFailed,
        request_id: str,
        tail: bool,
    ) -> Invocation:
        env.alive = False
        head = exc.log.splitlines()
        if not exc.log.startswith("INIT_REPORT"):
            # Runtime.* failures keep their type; an exception in user code is "Unknown".
            kind = exc.error_type if exc.error_type.startswith("Runtime.") else "Runtime.Unknown"
            head.append(
                f"INIT_REPORT Init Duration: {exc.duration_ms:.2f} ms\tPhase: init\t"
                f"Status: error\tError Type: {kind}"
            )
        record = InvocationLog(head, request_id, config.version, "", None)
        record.report(0.0, 0, config.memory_mb, 0, None, "error", exc.error_type)
        self._json(record, config)
        env.stream.extend(self._stamp(), record)
        # Init runs before any request, so the runtime reports it with "requestId": "".
        self.meter.count_request(fn.name, config.architecture)
        return Invocation(
            request_id,
            200,
            exc.payload,
            config.version,
            function_error="Unhandled",
            record=record,
            log_result=self._tail(record) if tail else None,
            cold_start=True,
        )

    def _json(self, record: InvocationLog, config: FunctionConfig) -> None:
        """Mark a record as JSON format (platform records stamped with the Cloud's clock)."""
        settings = config.logging
        if settings is None or not settings.json:
            return
        record.json_time = self.cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        record.system = level_number(settings.system_level or "INFO") <= level_number("INFO")

    def _stamp(self) -> int:
        return int(self.cloud.clock.time() * 1000)

    def _finish(
        self,
        fn: FunctionState,
        config: FunctionConfig,
        env: Any,
        req: Request,
        out: Outcome,
        head: list[str],
        init_ms: float | None,
        tail: bool,
        sync: bool,
    ) -> Invocation:
        rid = req.request_id
        kind, payload, status, note = self._judge(config, env, req, out, sync)
        duration = out.duration_ms
        billed = math.ceil(duration + (init_ms or 0.0)) or 1
        memory_mb = config.memory_mb
        record = InvocationLog(head, rid, config.version, out.output, note)
        record.report(
            duration,
            billed,
            memory_mb,
            out.max_memory_mb or 1,
            init_ms,
            status,
            out.error_type if kind in (EXIT, OOM) else None,
        )
        if env.log_json:
            self._json(record, config)
        env.stream.extend(self._stamp(), record)
        self.meter.record(
            fn.name,
            billed_ms=billed,
            memory_mb=memory_mb,
            storage_mb=config.ephemeral_storage_mb,
            arch=config.architecture,
        )
        return Invocation(
            rid,
            200,
            payload,
            config.version,
            None if kind == OK else "Unhandled",
            record,
            self._tail(record) if tail else None,
            init_ms is not None,
            duration,
            billed,
            init_ms,
            out.max_memory_mb,
        )

    def _judge(
        self, config: FunctionConfig, env: Any, req: Request, out: Outcome, sync: bool
    ) -> tuple[str, bytes, str | None, str | None]:
        """How the invocation ended, as the caller and the REPORT line see it:
        ``(kind, payload, report status, platform note)``."""
        rid = req.request_id
        kind = out.kind
        payload = out.payload
        status: str | None = None
        note: str | None = None
        if kind == TIMEOUT:
            stamp = self.cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            note = f"{stamp} {rid} {msg.TIMEOUT_LOG.format(seconds=req.timeout)}"
            payload = platform_error(
                msg.TIMEOUT.format(request_id=rid, seconds=req.timeout), "Sandbox.Timedout"
            )
            status = "timeout"
        elif kind in (EXIT, OOM):
            env.alive = False
            if kind == OOM:  # AWS reports the whole allocation as used
                out.max_memory_mb = config.memory_mb
            status = "error"
            body = json.loads(payload)
            # The caller sees Runtime.ExitError even for out-of-memory kills; the REPORT line
            # names Runtime.OutOfMemory (both as observed from AWS).
            payload = platform_error(body["errorMessage"], "Runtime.ExitError")
        elif self._tmp_over(env, config):
            env.alive = False
            kind = ERROR
            payload = platform_error("[Errno 28] No space left on device", "OSError")
        if kind == OK and sync and len(payload) > self.limits.max_sync_response_bytes:
            kind = ERROR
            payload = platform_error(
                msg.RESPONSE_TOO_LARGE.format(
                    size=len(payload), limit=self.limits.max_sync_response_bytes
                ),
                "Function.ResponseSizeTooLarge",
            )
        return kind, payload, status, note

    def _tmp_over(self, env: Any, config: FunctionConfig) -> bool:
        try:
            mtime = os.stat(env.tmp_dir).st_mtime
        except OSError:
            return False
        if mtime == env.tmp_mtime and not getattr(env, "tmp_used", 0):
            return False
        env.tmp_mtime = mtime
        used = 0
        for root, _dirs, files in os.walk(env.tmp_dir):
            for file in files:
                with contextlib.suppress(OSError):
                    used += os.path.getsize(os.path.join(root, file))
        env.tmp_used = used
        return used > config.ephemeral_storage_mb * 1024 * 1024

    def _tail(self, record: InvocationLog) -> str:
        text = ("\n".join(record.lines()) + "\n").encode()
        return base64.b64encode(text[-self.limits.log_tail_bytes :]).decode()

    def reap_idle(self) -> int:
        """Stop every environment idle for ``idle_environment_seconds``; return how many."""
        horizon = self.cloud.clock.time() - self.limits.idle_environment_seconds
        stale = []
        with self._lock:
            for fn in self.svc.functions.values():
                for pool in fn.pools.values():
                    while pool and pool[0].last_used <= horizon:
                        stale.append(pool.pop(0))
        for env in stale:
            self.discard(env)
        return len(stale)

    def check(self) -> None:
        """Assert the service's invariants (tests call this after concurrent work)."""
        with self._lock:
            reserved = sum(fn.reserved_concurrency or 0 for fn in self.svc.functions.values())
            assert reserved == self.svc.reserved_sum, (reserved, self.svc.reserved_sum)
            busy = sum(fn.in_flight for fn in self.svc.functions.values())
            assert self._unreserved_in_flight >= 0
            if busy == 0:
                assert self._unreserved_in_flight == 0, "a slot leaked"
            for fn in self.svc.functions.values():
                assert fn.in_flight >= 0, fn
                for version, pool in fn.pools.items():
                    assert version == "$LATEST" or version in fn.versions, version
                    for env in pool:
                        assert env.alive, env
                        assert env.reaper is not None, env
                        assert not env.reaper.cancelled, env
                    times = [env.last_used for env in pool]
                    assert times == sorted(times), "pools are kept oldest first"
