"""The Lambda engine: functions, versions, aliases, concurrency and invocation.

Validation happens before any change; no lock is held while a handler runs, so a
handler may call back into any service of the same Cloud.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._core.arns import arn
from . import _messages as msg
from ._async import AsyncQueue
from ._billing import Bill, Meter
from ._code import prepare_code
from ._engine_events import EventConfigs
from ._engine_versions import Versions
from ._errors import (
    InvalidParameterValueException,
    PreconditionFailedException,
    RequestEntityTooLargeException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from ._inline import Watchdog
from ._invoke import Executor, InvokeDeadlineExceeded
from ._layers import LayerStore, LayerVersion
from ._limits import LambdaLimits
from ._logformat import check_logging_config
from ._logs import LogGroup
from ._model import Function, FunctionConfig, Invocation
from ._runtime import HandlerSpec
from ._tags import check_tags
from ._validate import (
    FUNCTION_REF,
    FUNCTION_REF_TEXT,
    HANDLER,
    ROLE,
    Checks,
    check_architecture,
    check_environment,
    check_layers,
    check_runtime,
    check_target,
    measure_zip,
    parse_function_name,
)

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["InvokeDeadlineExceeded", "LambdaService", "LayerVersion"]

DEFAULT_ROLE = "arn:aws:iam::123456789012:role/lambda-role"
#: The runtime a function gets when none is named (the interpreter is always this one).
DEFAULT_RUNTIME = "python3.12"
ISOLATIONS = ("inline", "process")
_NAME = re.compile(r"^[a-zA-Z0-9-_]+$")
_UNSET: Any = object()
_DECODER = json.JSONDecoder()


class LambdaService(Versions, EventConfigs):
    """Lambda in one region of a Cloud: ``cloud.lambda_``.

    ``isolation`` ("inline" or "process") is the default for new functions;
    ``state_delay`` makes new and updated functions stay ``Pending``/``InProgress`` for
    that many seconds of the Cloud's clock (0: Active at once, the default).

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> def handler(event, context):
    ...     print("got", event)
    ...     return {"remaining_ms": context.get_remaining_time_in_millis() > 0}
    >>> fn = cloud.lambda_.create_function("thumb", handler=handler, memory_mb=256, timeout=3)
    >>> fn.invoke({"key": "a.jpg"})
    {'remaining_ms': True}
    >>> fn.logs()[1]
    "got {'key': 'a.jpg'}"
    >>> cloud.lambda_.bill().requests
    1
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: LambdaLimits = cloud.limits.for_service("lambda")
        self.isolation = "inline"
        self.state_delay = 0.0
        self.functions: dict[str, Function] = {}
        self.meter = Meter()
        self.watchdog = Watchdog()
        self.queue = AsyncQueue(self)
        self._lock = threading.RLock()
        #: Sum of every function's reserved concurrency (kept, not recomputed per call).
        self.reserved_sum = 0
        self._work_dir: str | None = None
        self.executor = Executor(self)
        self.layers = LayerStore(self)
        #: Log groups by name (functions may share a custom LogGroup).
        self.log_groups: dict[str, LogGroup] = {}

    # -- naming ----------------------------------------------------------------------
    def function_arn(self, name: str) -> str:
        return arn("lambda", self.region, self.cloud.account_id, f"function:{name}")

    def log_group(self, name: str) -> LogGroup:
        """The log group called ``name`` (created on first use)."""
        with self._lock:
            group = self.log_groups.get(name)
            if group is None:
                group = self.log_groups[name] = LogGroup(name)
            return group

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    def _revision(self) -> str:
        return self.cloud.ids.uuid()

    # -- lookup --------------------------------------------------------------------------
    def get_function(self, ref: str, qualifier: str | None = None) -> Function:
        """The function named by a name, ARN or partial ARN."""
        return self._lookup(ref, qualifier)[0]

    def _lookup(self, ref: str, qualifier: str | None = None) -> tuple[Function, str | None]:
        fast = self.functions.get(ref)
        if fast is not None:  # a plain name: the common case, no parsing
            return fast, qualifier
        parsed = parse_function_name(ref) if isinstance(ref, str) else None
        if parsed is None:
            checks = Checks()
            checks.pattern(ref, "functionName", FUNCTION_REF, 140, FUNCTION_REF_TEXT)
            checks.raise_if_any()
            raise AssertionError  # pragma: no cover
        name, embedded = parsed
        if embedded is not None and qualifier is not None and embedded != qualifier:
            raise InvalidParameterValueException(
                "The derived qualifier from the function name does not match the specified "
                "qualifier."
            )
        fn = self.functions.get(name)
        if fn is None:
            raise ResourceNotFoundException(
                msg.FUNCTION_NOT_FOUND.format(arn=self.function_arn(name))
            )
        return fn, embedded if embedded is not None else qualifier

    def resolve(self, ref: str, qualifier: str | None = None) -> tuple[Function, FunctionConfig]:
        """The function and the configuration a qualifier names (alias: its primary version)."""
        fn, q = self._lookup(ref, qualifier)
        return fn, self._config_for(fn, q)

    def _config_for(self, fn: Function, qualifier: str | None) -> FunctionConfig:
        if qualifier is None or qualifier == "$LATEST":
            return fn.latest
        if qualifier in fn.versions:
            return fn.versions[qualifier]
        alias = fn.aliases.get(qualifier)
        if alias is not None:
            return self._config_for(fn, alias.function_version)
        raise ResourceNotFoundException(msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{qualifier}"))

    def list_functions(self) -> list[Function]:
        """Every function, by name."""
        with self._lock:
            return [self.functions[name] for name in sorted(self.functions)]

    # -- code ----------------------------------------------------------------------------
    def _work(self) -> str:
        if self._work_dir is None:
            self._work_dir = tempfile.mkdtemp(prefix="pyserverless-lambda-")
            # Removed with the service even if close() is never called.
            weakref.finalize(self, shutil.rmtree, self._work_dir, True)
        return self._work_dir

    def _prepare_code(
        self, handler: Any, code: Any, operation: str
    ) -> tuple[HandlerSpec, str, int, Callable[[], None]]:
        return prepare_code(handler, code, self.limits, self._work, operation)

    # -- functions -----------------------------------------------------------------------------
    def create_function(
        self,
        name: str,
        *,
        handler: Any,
        code: Any = None,
        runtime: str | None = None,
        role: str = DEFAULT_ROLE,
        memory_mb: int | None = None,
        timeout: int | None = None,
        environment: Mapping[str, str] | None = None,
        ephemeral_storage_mb: int | None = None,
        layers: Any = (),
        description: str = "",
        isolation: str | None = None,
        architecture: str = "x86_64",
        dead_letter_arn: str | None = None,
        publish: bool = False,
        reserved_concurrency: int | None = None,
        tags: Mapping[str, str] | None = None,
        logging_config: Mapping[str, Any] | None = None,
    ) -> Function:
        """Create a function from a Python callable, a folder, or zip bytes.

        ``handler`` is a callable, or ``"module.function"`` with ``code`` (a folder path or
        zip bytes). ``isolation`` is ``"inline"`` or ``"process"`` (default: the service's).
        ``layers`` are published layer version ARNs; ``tags`` and ``logging_config``
        (CreateFunction's ``LoggingConfig`` shape) are as in the API.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> fn = cloud.lambda_.create_function("f", handler=lambda e, c: e, memory_mb=512)
        >>> fn.describe().memory_mb, fn.describe().state
        (512, 'Active')
        >>> cloud.lambda_.create_function("g", handler=lambda e, c: e, timeout=901)
        Traceback (most recent call last):
        ...
        pyserverless.lambda_.ValidationException: ... less than or equal to 900
        """
        lim = self.limits
        runtime = runtime or DEFAULT_RUNTIME
        memory_mb = lim.default_memory_mb if memory_mb is None else memory_mb
        timeout = lim.default_timeout_seconds if timeout is None else timeout
        storage = (
            lim.default_ephemeral_storage_mb
            if ephemeral_storage_mb is None
            else ephemeral_storage_mb
        )
        checks = Checks()
        checks.pattern(name, "functionName", _NAME, lim.max_function_name_length)
        self._check_settings(
            checks,
            role=role,
            runtime=runtime,
            handler=handler if isinstance(handler, str) else None,
            memory_mb=memory_mb,
            timeout=timeout,
            storage_mb=storage,
            description=description,
            architecture=architecture,
            dead_letter_arn=dead_letter_arn,
        )
        env = dict(environment or {})
        check_environment(env, lim)
        layer_arns = check_layers(layers, lim)
        layer_versions = self.layers.resolve(layer_arns)
        tag_map = check_tags(tags, lim)
        log_settings = check_logging_config(logging_config, name, lim)
        isolation = self._check_isolation(isolation)
        spec, sha, size, unpack = self._prepare_code(handler, code, "CreateFunction")
        unzipped = _unzipped(code, size, lim)
        self.layers.check_total(unzipped, layer_versions)
        with self._lock:
            if name in self.functions:
                raise ResourceConflictException(msg.FUNCTION_EXISTS.format(name=name))
            if reserved_concurrency is not None:
                self._check_reservation(None, reserved_concurrency)
            unpack()
            spec.paths = self.layers.opt_paths(layer_versions)()
            fn_arn = self.function_arn(name)
            state = "Pending" if self.state_delay > 0 else "Active"
            config = FunctionConfig(
                name=name,
                arn=fn_arn,
                version="$LATEST",
                runtime=runtime,
                role=role,
                handler=spec.handler,
                memory_mb=memory_mb,
                timeout=timeout,
                environment=MappingProxyType(env),
                ephemeral_storage_mb=storage,
                layers=layer_arns,
                description=description,
                code_sha256=sha,
                code_size=size,
                last_modified=self._now(),
                revision_id=self._revision(),
                isolation=isolation,
                architecture=architecture,
                dead_letter_arn=dead_letter_arn,
                state=state,
                spec=spec,
                logging=log_settings,
                layer_versions=layer_versions,
                unzipped_size=unzipped,
            )
            fn = Function(self, name, fn_arn, config, self.log_group(log_settings.log_group))
            fn.tags = tag_map
            fn.reserved_concurrency = reserved_concurrency
            self.reserved_sum += reserved_concurrency or 0
            self.functions[name] = fn
            if state == "Pending":
                self.cloud.scheduler.call_later(
                    self.state_delay, self._activate, fn, name=f"lambda:activate:{name}"
                )
        if publish:
            self.publish_version(name)
        return fn

    def _check_settings(
        self,
        checks: Checks,
        *,
        role: str | None,
        runtime: str | None,
        handler: str | None,
        memory_mb: int | None,
        timeout: int | None,
        storage_mb: int | None,
        description: str | None,
        dead_letter_arn: str | None,
        architecture: str | None = None,
    ) -> None:
        """Check the settings CreateFunction and UpdateFunctionConfiguration share (None: unset)."""
        lim = self.limits
        if architecture is not None:
            check_architecture(architecture, checks)
        checks.pattern(role, "role", ROLE, 2048)
        check_runtime(runtime, checks)
        checks.pattern(handler, "handler", HANDLER, 128)
        checks.int_range(memory_mb, "memorySize", lim.min_memory_mb, lim.max_memory_mb)
        checks.int_range(timeout, "timeout", lim.min_timeout_seconds, lim.max_timeout_seconds)
        checks.int_range(
            storage_mb,
            "ephemeralStorage.size",
            lim.min_ephemeral_storage_mb,
            lim.max_ephemeral_storage_mb,
        )
        checks.max_len(description, "description", lim.max_description_length)
        checks.raise_if_any()
        check_target(dead_letter_arn, "dead-letter queues")

    def _activate(self, fn: Function) -> None:
        with self._lock:
            if not fn.deleted:
                fn.latest = attrs.evolve(fn.latest, state="Active", last_update_status="Successful")

    def _check_isolation(self, isolation: str | None) -> str:
        isolation = isolation or self.isolation
        if isolation not in ISOLATIONS:
            raise ValueError(f"isolation must be one of {ISOLATIONS}, got {isolation!r}")
        return isolation

    def _check_updatable(self, fn: Function) -> None:
        if fn.latest.last_update_status == "InProgress" or fn.latest.state == "Pending":
            raise ResourceConflictException(
                "The operation cannot be performed at this time. An update is in progress "
                f"for resource: {fn.arn}"
            )

    def _updated(self, fn: Function, **changes: Any) -> FunctionConfig:
        status = "InProgress" if self.state_delay > 0 else "Successful"
        config = attrs.evolve(
            fn.latest,
            last_modified=self._now(),
            revision_id=self._revision(),
            last_update_status=status,
            **changes,
        )
        fn.latest = config
        self.executor.retire(fn, "$LATEST")
        if status == "InProgress":
            self.cloud.scheduler.call_later(self.state_delay, self._activate, fn)
        return config

    def update_function_code(
        self,
        ref: str,
        *,
        handler: Any = _UNSET,
        code: Any = None,
        revision_id: str | None = None,
        publish: bool = False,
        architecture: str | None = None,
        dry_run: bool = False,
    ) -> FunctionConfig:
        """Replace the code (zip bytes, a folder, or a new Python callable).

        ``dry_run`` validates the request and changes nothing (the configuration as it is
        is returned).
        """
        fn = self.get_function(ref)
        if architecture is not None:
            checks = Checks()
            check_architecture(architecture, checks)
            checks.raise_if_any()
        target = fn.latest.handler if handler is _UNSET else handler
        spec, sha, size, unpack = self._prepare_code(target, code, "UpdateFunctionCode")
        unzipped = _unzipped(code, size, self.limits)
        self.layers.check_total(unzipped, fn.latest.layer_versions)
        if fn.latest.spec is not None:
            spec.paths = fn.latest.spec.paths
        with self._lock:
            self._check_updatable(fn)
            self._check_revision(fn.latest.revision_id, revision_id)
            if dry_run:
                return fn.latest
            unpack()
            config = self._updated(
                fn,
                spec=spec,
                code_sha256=sha,
                code_size=size,
                unzipped_size=unzipped,
                handler=spec.handler,
                architecture=architecture or fn.latest.architecture,
            )
        if publish:
            return self.publish_version(fn.name)
        return config

    def update_function_configuration(
        self,
        ref: str,
        *,
        memory_mb: int | None = None,
        timeout: int | None = None,
        environment: Mapping[str, str] | None = None,
        ephemeral_storage_mb: int | None = None,
        layers: Any = None,
        description: str | None = None,
        handler: str | None = None,
        runtime: str | None = None,
        role: str | None = None,
        isolation: str | None = None,
        dead_letter_arn: str | None = None,
        revision_id: str | None = None,
        logging_config: Mapping[str, Any] | None = None,
    ) -> FunctionConfig:
        """Change configuration fields; unspecified fields stay as they are."""
        fn = self.get_function(ref)
        lim = self.limits
        self._check_settings(
            Checks(),
            role=role,
            runtime=runtime,
            handler=handler,
            memory_mb=memory_mb,
            timeout=timeout,
            storage_mb=ephemeral_storage_mb,
            description=description,
            dead_letter_arn=dead_letter_arn,
        )
        changes: dict[str, Any] = {}
        if environment is not None:
            env = dict(environment)
            check_environment(env, lim)
            changes["environment"] = MappingProxyType(env)
        commit_layers = None
        if layers is not None:
            changes["layers"] = check_layers(layers, lim)
            versions = self.layers.resolve(changes["layers"])
            self.layers.check_total(fn.latest.unzipped_size, versions)
            changes["layer_versions"] = versions
            commit_layers = self.layers.opt_paths(versions)
        if logging_config is not None:
            changes["logging"] = check_logging_config(
                logging_config, fn.name, lim, fn.latest.logging
            )
        if isolation is not None:
            changes["isolation"] = self._check_isolation(isolation)
        plain = {
            "memory_mb": memory_mb,
            "timeout": timeout,
            "ephemeral_storage_mb": ephemeral_storage_mb,
            "description": description,
            "runtime": runtime,
            "role": role,
            "dead_letter_arn": dead_letter_arn,
        }
        changes.update({key: value for key, value in plain.items() if value is not None})
        if handler is not None:
            spec = fn.latest.spec
            if spec is not None and spec.func is None:
                changes["spec"] = HandlerSpec(handler, code_dir=spec.code_dir, paths=spec.paths)
            changes["handler"] = handler
        with self._lock:
            self._check_updatable(fn)
            self._check_revision(fn.latest.revision_id, revision_id)
            if commit_layers is not None:
                spec = changes.get("spec", fn.latest.spec)
                if spec is not None:
                    changes["spec"] = spec.with_paths(commit_layers())
            if "logging" in changes:
                fn.log_group = self.log_group(changes["logging"].log_group)
            return self._updated(fn, **changes)

    def _check_revision(self, current: str, given: str | None) -> None:
        if given is not None and given != current:
            raise PreconditionFailedException(msg.PRECONDITION)

    def delete_function(self, ref: str, qualifier: str | None = None) -> None:
        """Delete a function (or one published version of it)."""
        fn, q = self._lookup(ref, qualifier)
        with self._lock:
            if q is not None and q != "$LATEST":
                if q not in fn.versions:
                    raise ResourceNotFoundException(
                        msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{q}")
                    )
                users = sorted(a.name for a in fn.aliases.values() if q in self._alias_versions(a))
                if users:
                    raise ResourceConflictException(
                        f"Unable to delete version because the following aliases reference "
                        f"it: {users}"
                    )
                del fn.versions[q]
                self.executor.retire(fn, q)
                return
            fn.deleted = True
            del self.functions[fn.name]
            self.reserved_sum -= fn.reserved_concurrency or 0
            for version in list(fn.pools):
                self.executor.retire(fn, version)

    # -- concurrency -----------------------------------------------------------------------
    def _reserved_total(self, excluding: Function | None = None) -> int:
        return self.reserved_sum - ((excluding.reserved_concurrency or 0) if excluding else 0)

    def _check_reservation(self, fn: Function | None, value: int) -> None:
        lim = self.limits
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            checks = Checks()
            checks.add(value, "reservedConcurrentExecutions", msg.GE.format(n=0))
            checks.raise_if_any()
        unreserved = lim.concurrent_executions - self._reserved_total(fn) - value
        if unreserved < lim.min_unreserved_concurrency:
            raise InvalidParameterValueException(
                msg.UNRESERVED_BELOW_MINIMUM.format(minimum=lim.min_unreserved_concurrency)
            )

    def put_function_concurrency(self, ref: str, reserved: int) -> int:
        """Reserve concurrency for a function (0 throttles every call).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> fn = cloud.lambda_.create_function("f", handler=lambda e, c: 1)
        >>> cloud.lambda_.put_function_concurrency("f", 0)
        0
        >>> fn.invoke()
        Traceback (most recent call last):
        ...
        pyserverless.lambda_.TooManyRequestsException: ... Rate Exceeded.
        """
        fn = self.get_function(ref)
        with self._lock:
            self._check_reservation(fn, reserved)
            self.reserved_sum += reserved - (fn.reserved_concurrency or 0)
            fn.reserved_concurrency = reserved
        return reserved

    def delete_function_concurrency(self, ref: str) -> None:
        fn = self.get_function(ref)
        with self._lock:
            self.reserved_sum -= fn.reserved_concurrency or 0
            fn.reserved_concurrency = None

    def environment_count(self, ref: str) -> int:
        fn = self.get_function(ref)
        self.reap_idle()
        with self._lock:
            return sum(len(pool) for pool in fn.pools.values()) + fn.in_flight

    # -- invocation ----------------------------------------------------------------------
    def invoke(
        self,
        ref: str,
        payload: bytes = b"",
        *,
        qualifier: str | None = None,
        invocation_type: str = "RequestResponse",
        log_type: str = "None",
        client_context: Mapping[str, Any] | None = None,
        identity: tuple[str | None, str | None] | None = None,
        deadline_seconds: float | None = None,
    ) -> Invocation:
        """Invoke a function: ``RequestResponse`` (200), ``Event`` (202) or ``DryRun`` (204).

        ``payload`` is the JSON request body as bytes; the :class:`Invocation` holds the
        response, the executed version, the log and the timings.

        ``deadline_seconds`` bounds how long the caller waits for a synchronous result
        (a caller-side timeout, as a service with its own deadline has): past it,
        :class:`InvokeDeadlineExceeded` is raised while the function runs on to its own
        ``Timeout`` (its log, billing and environment are as if nobody had stopped
        waiting). It does not change the function's timeout.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> _ = cloud.lambda_.create_function("f", handler=lambda e, c: e["x"] + 1)
        >>> inv = cloud.lambda_.invoke("f", b'{"x": 1}', log_type="Tail")
        >>> inv.status_code, inv.payload, inv.executed_version, inv.cold_start
        (200, b'2', '$LATEST', True)
        >>> cloud.lambda_.invoke("f", b"{}", invocation_type="Event").status_code
        202
        """
        fn, q = self._lookup(ref, qualifier)
        config = self._config_for(fn, q)
        if config.state != "Active":
            raise ResourceConflictException(msg.NOT_ACTIVE.format(state=config.state))
        lim = self.limits
        if invocation_type == "Event":
            if len(payload) > lim.max_async_request_bytes:
                raise RequestEntityTooLargeException(
                    msg.ASYNC_REQUEST_TOO_LARGE.format(
                        size=len(payload), limit=lim.max_async_request_bytes
                    )
                )
            _check_json(payload)
            request_id = self.cloud.ids.request_id()
            self.queue.submit(fn.name, q, payload, request_id)
            return Invocation(request_id, 202, b"", config.version)
        if len(payload) > lim.max_sync_request_bytes:
            raise RequestEntityTooLargeException(
                msg.SYNC_REQUEST_TOO_LARGE.format(limit=lim.max_sync_request_bytes)
            )
        event = _check_json(payload)
        if invocation_type == "DryRun":
            return Invocation(self.cloud.ids.request_id(), 204, b"", config.version)
        if q is not None and q in fn.aliases:
            config = self.executor.route(fn, fn.aliases[q])
        invoked_arn = fn.arn if q is None else f"{fn.arn}:{q}"
        options: dict[str, Any] = {
            "event": event,
            "invoked_arn": invoked_arn,
            "tail": log_type == "Tail",
            "client_context": dict(client_context) if client_context is not None else None,
            "identity": identity,
        }
        if deadline_seconds is not None and deadline_seconds < config.timeout:
            return self.executor.execute_within(deadline_seconds, fn, config, payload, options)
        return self.executor.execute(fn, config, payload, **options)

    def reap_idle(self) -> int:
        """Stop every environment idle for ``idle_environment_seconds``; return how many."""
        return self.executor.reap_idle()

    def _check(self) -> None:
        """Assert the service's invariants (tests call this after concurrent work)."""
        self.executor.check()

    # -- cost and shutdown -----------------------------------------------------------------
    def bill(self) -> Bill:
        """Requests, GB-seconds and cost per function, at AWS's prices (aws-facts B6).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> fn = cloud.lambda_.create_function("f", handler=lambda e, c: 1, memory_mb=1024)
        >>> _ = fn.invoke()
        >>> bill = cloud.lambda_.bill()
        >>> bill.requests, bill.functions[0].function_name, bill.total == 0  # free tier
        (1, 'f', True)
        """
        return self.meter.bill()

    def close(self) -> None:
        """Stop every execution environment (kills worker processes) and remove temp files."""
        with self._lock:
            functions = list(self.functions.values())
        for fn in functions:
            for version in list(fn.pools):
                self.executor.retire(fn, version)
        if self._work_dir is not None:
            shutil.rmtree(self._work_dir, ignore_errors=True)
            self._work_dir = None

    def __repr__(self) -> str:
        return f"<LambdaService {self.region} functions={len(self.functions)}>"


def _unzipped(code: Any, size: int, limits: LambdaLimits) -> int:
    """The unzipped size of a deployment package (``size``: what prepare_code measured)."""
    if isinstance(code, (bytes, bytearray)):
        return measure_zip(bytes(code), limits, "CreateFunction")
    return size


def _check_json(payload: bytes) -> Any:
    if not payload:
        return {}
    try:
        return _DECODER.decode(payload.decode())
    except ValueError as exc:
        from ._errors import InvalidRequestContentException

        raise InvalidRequestContentException(msg.INVALID_JSON.format(detail=exc)) from None
