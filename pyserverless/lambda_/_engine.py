"""The Lambda engine: functions, versions, aliases, concurrency and invocation.

Every public method takes and returns plain values (str, bytes, numbers, dicts and
frozen snapshots), so a handler in process isolation reaches it through a pipe. Each
operation checks its whole request before it changes anything; no lock is held while a
handler runs, so a handler may call back into any service of the same Cloud.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._core.arns import arn
from .._core.services import spec_for
from . import _messages as msg
from ._async import AsyncQueue
from ._billing import Bill, Meter
from ._callable import CallableResult
from ._callable import run_callable as _run_callable
from ._code import prepare_code
from ._context import LambdaContext
from ._engine_events import EventConfigs
from ._engine_versions import Versions
from ._errors import (
    InvalidParameterValueException,
    InvalidRequestContentException,
    PreconditionFailedException,
    RequestEntityTooLargeException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from ._esm import EventSourceMappings
from ._inline import Watchdog
from ._invoke import Executor, InvokeDeadlineExceeded
from ._layers import Layers, LayerStore, LayerVersion
from ._limits import LambdaLimits
from ._logformat import LogSettings
from ._logs import LogEvent, LogGroup
from ._model import FunctionConfig, FunctionInfo, FunctionState, Invocation, Page
from ._planned import PlannedFailures
from ._plans import CreatePlan, UpdatePlan, parse_create, parse_update, unzipped_size
from ._policy import PolicyOps
from ._tags import Tags
from ._urls import UrlOps
from ._validate import (
    NAMESPACED_REF,
    NAMESPACED_REF_TEXT,
    Checks,
    check_architecture,
    check_invoke,
    paginate,
    parse_client_context,
    parse_function_name,
    trusts_lambda,
)

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["InvokeDeadlineExceeded", "LambdaService", "LayerVersion"]

#: The runtime a function gets when none is named (the interpreter is always this one).
DEFAULT_RUNTIME = "python3.12"
_UNSET: Any = object()
_DECODER = json.JSONDecoder()


class LambdaService(
    Versions, EventConfigs, Tags, Layers, PlannedFailures, EventSourceMappings, PolicyOps, UrlOps
):
    """Lambda in one region of a Cloud: ``cloud.engine("lambda")``.

    The engine behind ``cloud.lambda_`` (the resource layer) and
    ``cloud.client("lambda")``. ``isolation`` ("inline" or "process") is the default for
    new functions; ``state_delay`` (``LambdaLimits.function_state_seconds``) makes new
    and updated functions stay ``Pending``/``InProgress`` for that many seconds of the
    Cloud's clock (0: Active at once, the default).

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> engine = cloud.engine("lambda")
    >>> engine.create_function("thumb", handler=lambda e, c: e["n"] + 1).state
    'Active'
    >>> engine.invoke("thumb", b'{"n": 1}').payload
    b'2'
    >>> engine.bill().requests
    1
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: LambdaLimits = cloud.limits.for_service("lambda")
        self.isolation = self.limits.isolation
        self.state_delay = float(self.limits.function_state_seconds)
        self.functions: dict[str, FunctionState] = {}
        self.meter = Meter()
        self.watchdog = Watchdog()
        self.queue = AsyncQueue(self)
        self._lock = threading.RLock()
        #: Sum of every function's reserved concurrency (kept, not recomputed per call).
        self.reserved_sum = 0
        self._work_dir: str | None = None
        self.executor = Executor(self)
        self.layers = LayerStore(region, cloud.account_id, self.limits, self._work, self._now)
        #: Log groups by name (functions may share a custom LogGroup).
        self.log_groups: dict[str, LogGroup] = {}

    # -- naming ----------------------------------------------------------------------
    def function_arn(self, name: str) -> str:
        """The unqualified ARN a function called ``name`` has (or would have) here."""
        return arn("lambda", self.region, self.cloud.account_id, f"function:{name}")

    @property
    def default_role(self) -> str:
        """The execution role a function made from Python gets when none is named."""
        return f"arn:aws:iam::{self.cloud.account_id}:role/lambda-role"

    def _log_group(self, name: str) -> LogGroup:
        """The log group called ``name`` (created on first use)."""
        with self._lock:
            group = self.log_groups.get(name)
            if group is None:
                group = self.log_groups[name] = LogGroup(
                    name, self.cloud.engine("logs", self.region)
                )
            return group

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    def _revision(self) -> str:
        return self.cloud.ids.uuid()

    def bump_revision(self, ref: str) -> str:
        """Give ``$LATEST`` a new RevisionId, as AWS does when an alias, the function's
        concurrency or its permissions change; return it (its environments stay warm).

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> before = engine.create_function("f", handler=lambda e, c: 1).revision_id
        >>> engine.bump_revision("f") != before
        True
        """
        fn = self._function(ref)
        with self._lock:
            old, new = fn.latest.revision_id, self._revision()
            fn.latest = attrs.evolve(fn.latest, revision_id=new)
            for env in fn.pools.get("$LATEST", ()):  # not a new configuration: keep them
                if getattr(env, "revision", None) == old:
                    env.revision = new
            return new

    def _check_role(self, role: str) -> None:
        """AWS's answer when ``role`` does not exist or does not trust Lambda (through the
        IAM engine's ``trust_policy``; skipped while no IAM engine is installed)."""
        try:
            spec_for("iam")
            iam = self.cloud.engine("iam", self.region)
        except (ValueError, ImportError):
            return
        trust_policy = getattr(iam, "trust_policy", None)
        if trust_policy is None:
            return
        if not trusts_lambda(trust_policy(role)):
            raise InvalidParameterValueException(msg.ROLE_NOT_ASSUMABLE)

    # -- lookup --------------------------------------------------------------------------
    def _lookup(self, ref: str, qualifier: str | None = None) -> tuple[FunctionState, str | None]:
        fast = self.functions.get(ref)
        if fast is not None:  # a plain name: the common case, no parsing
            return fast, qualifier
        parsed = parse_function_name(ref, namespaced=True) if isinstance(ref, str) else None
        if parsed is None or len(ref) > 256:
            checks = Checks()
            checks.pattern(ref, "functionName", NAMESPACED_REF, 256, NAMESPACED_REF_TEXT)
            checks.raise_if_any()
            raise AssertionError  # pragma: no cover
        name, embedded = parsed
        if ref.startswith("arn:") and ref.split(":", 4)[3] not in ("", self.region):
            raise ResourceNotFoundException(
                msg.OTHER_REGION.format(region=ref.split(":", 4)[3], here=self.region)
            )
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

    def _function(self, ref: str) -> FunctionState:
        return self._lookup(ref)[0]

    def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig:
        if qualifier is None or qualifier == "$LATEST":
            return fn.latest
        if qualifier in fn.versions:
            return fn.versions[qualifier]
        alias = fn.aliases.get(qualifier)
        if alias is not None:
            return self._config_for(fn, alias.function_version)
        raise ResourceNotFoundException(msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{qualifier}"))

    def get_function(self, ref: str, qualifier: str | None = None) -> FunctionInfo:
        """GetFunction: the configuration a qualifier names, with tags and concurrency.

        ``ref`` is a name, an ARN or a partial ARN; an alias names its primary version.
        """
        fn, q = self._lookup(ref, qualifier)
        with self._lock:
            return fn.info(self._config_for(fn, q))

    def get_function_configuration(self, ref: str, qualifier: str | None = None) -> FunctionConfig:
        """GetFunctionConfiguration: the configuration snapshot a qualifier names."""
        fn, q = self._lookup(ref, qualifier)
        return self._config_for(fn, q)

    def list_functions(
        self,
        *,
        function_version: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """ListFunctions: one page of configurations by name (``"ALL"``: versions too)."""
        if function_version not in (None, "ALL"):
            checks = Checks()
            checks.add(function_version, "functionVersion", msg.ENUM.format(values="ALL"))
            checks.raise_if_any()
        with self._lock:
            configs: list[FunctionConfig] = []
            for name in sorted(self.functions):
                fn = self.functions[name]
                configs.append(fn.latest)
                if function_version == "ALL":
                    configs.extend(fn.versions[v] for v in sorted(fn.versions, key=int))
        page, next_marker = paginate(
            configs, _list_key, marker, max_items, self.limits, cap=self.limits.max_functions_page
        )
        return Page(tuple(page), next_marker)

    def function_names(self) -> list[str]:
        """Every function's name, sorted."""
        with self._lock:
            return sorted(self.functions)

    def log_events(self, ref: str) -> list[LogEvent]:
        """Every log event of a function's log group, oldest environment first."""
        return self._function(ref).log_group.events()

    # -- code ----------------------------------------------------------------------------
    def _work(self) -> str:
        if self._work_dir is None:
            self._work_dir = tempfile.mkdtemp(prefix="pyserverless-lambda-")
            # Removed with the service even if close() is never called.
            weakref.finalize(self, shutil.rmtree, self._work_dir, True)
        return self._work_dir

    # -- functions -----------------------------------------------------------------------------
    def create_function(
        self,
        name: str,
        *,
        handler: Any,
        code: Any = None,
        runtime: str | None = None,
        role: str | None = None,
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
        check_role: bool = False,
    ) -> FunctionConfig:
        """CreateFunction from a Python callable, a folder, or zip bytes.

        ``handler`` is a callable, or ``"module.function"`` with ``code`` (a folder path or
        zip bytes). ``role`` defaults to ``lambda-role`` in the Cloud's account;
        ``isolation`` is ``"inline"`` or ``"process"`` (default: the service's).
        ``layers`` are published layer version ARNs; ``tags`` and ``logging_config``
        (CreateFunction's ``LoggingConfig`` shape) are as in the API. ``check_role``
        (the client's CreateFunction) refuses a role that does not exist or does not
        trust Lambda, unless ``LambdaLimits.check_role`` is off. Returns the
        configuration of ``$LATEST`` (of version 1 with ``publish=True``).

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual(account_id="210987654321").engine("lambda")
        >>> config = engine.create_function("f", handler=lambda e, c: e, memory_mb=512)
        >>> config.memory_mb, config.state, config.role
        (512, 'Active', 'arn:aws:iam::210987654321:role/lambda-role')
        >>> engine.create_function("g", handler=lambda e, c: e, timeout=901)
        Traceback (most recent call last):
        ...
        pyserverless.lambda_.ValidationException: ... less than or equal to 900
        """
        options = {k: v for k, v in locals().items() if k not in ("self", "name")}
        options["runtime"] = runtime or DEFAULT_RUNTIME
        options["role"] = self.default_role if role is None else role
        plan = parse_create(self.limits, self.layers, self._work, self.isolation, name, options)
        if check_role and self.limits.check_role:
            self._check_role(plan.role)
        with self._lock:
            if name in self.functions:
                raise ResourceConflictException(msg.FUNCTION_EXISTS.format(name=name))
            if reserved_concurrency is not None:
                self._check_reservation(None, reserved_concurrency)
            config = self._apply_create(plan)
        if plan.publish:
            return self.publish_version(name)
        return config

    def _apply_create(self, plan: CreatePlan) -> FunctionConfig:
        plan.unpack()
        plan.spec.paths = self.layers.opt_paths(plan.layer_versions)()
        name = plan.name
        fn_arn = self.function_arn(name)
        state = "Pending" if self.state_delay > 0 else "Active"
        revision = self._revision()
        config = FunctionConfig(
            name=name,
            arn=fn_arn,
            version="$LATEST",
            runtime=plan.runtime,
            role=plan.role,
            handler=plan.spec.handler,
            memory_mb=plan.memory_mb,
            timeout=plan.timeout,
            environment=plan.environment,
            environment_set=plan.environment_set,
            ephemeral_storage_mb=plan.storage_mb,
            layers=plan.layer_arns,
            description=plan.description,
            code_sha256=plan.code_sha256,
            code_size=plan.code_size,
            last_modified=self._now(),
            revision_id=revision,
            content_revision=revision,
            isolation=plan.isolation,
            architecture=plan.architecture,
            dead_letter_arn=plan.dead_letter_arn,
            state=state,
            spec=plan.spec,
            logging=plan.logging,
            layer_versions=plan.layer_versions,
            unzipped_size=plan.unzipped_size,
        )
        fn = FunctionState(name, fn_arn, config, self._log_group(plan.logging.log_group))
        fn.tags = plan.tags
        fn.reserved_concurrency = plan.reserved_concurrency
        self.reserved_sum += plan.reserved_concurrency or 0
        self.functions[name] = fn
        if state == "Pending":
            self.cloud.scheduler.call_later(
                self.state_delay, self._activate, fn, name=f"lambda:activate:{name}"
            )
        return config

    def _activate(self, fn: FunctionState) -> None:
        with self._lock:
            if not fn.deleted:
                fn.latest = attrs.evolve(fn.latest, state="Active", last_update_status="Successful")

    def _check_updatable(self, fn: FunctionState) -> None:
        if fn.latest.last_update_status == "InProgress" or fn.latest.state == "Pending":
            raise ResourceConflictException(
                "The operation cannot be performed at this time. An update is in progress "
                f"for resource: {fn.arn}"
            )

    def _updated(self, fn: FunctionState, changes: Mapping[str, Any]) -> FunctionConfig:
        status = "InProgress" if self.state_delay > 0 else "Successful"
        revision = self._revision()
        config = attrs.evolve(
            fn.latest,
            last_modified=self._now(),
            revision_id=revision,
            content_revision=revision,
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

        ``handler`` defaults to the current ``module.function`` name.
        ``dry_run`` validates the request and changes nothing (the configuration as it is
        is returned).
        """
        fn = self._function(ref)
        if architecture is not None:
            checks = Checks()
            check_architecture(architecture, checks)
            checks.raise_if_any()
        latest = fn.latest
        target = latest.handler if handler is _UNSET else handler
        spec, sha, size, unpack = prepare_code(
            target, code, self.limits, self._work, "UpdateFunctionCode"
        )
        unzipped = unzipped_size(code, size, self.limits)
        self.layers.check_total(unzipped, latest.layer_versions)
        if latest.spec is not None:
            spec.paths = latest.spec.paths
        with self._lock:
            self._check_updatable(fn)
            self._check_revision(fn.latest.revision_id, revision_id)
            if dry_run:
                return fn.latest
            unpack()
            changes = {
                "spec": spec,
                "code_sha256": sha,
                "code_size": size,
                "unzipped_size": unzipped,
                "handler": spec.handler,
                "architecture": architecture or fn.latest.architecture,
            }
            config = self._updated(fn, changes)
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
        check_role: bool = False,
    ) -> FunctionConfig:
        """Change configuration fields; unspecified fields stay as they are (``check_role``
        as in :meth:`create_function`, for a new ``role``)."""
        options = {k: v for k, v in locals().items() if k not in ("self", "ref", "check_role")}
        fn = self._function(ref)
        plan = parse_update(self.limits, self.layers, fn.latest, self.isolation, options)
        if check_role and role is not None and self.limits.check_role:
            self._check_role(role)
        with self._lock:
            self._check_updatable(fn)
            self._check_revision(fn.latest.revision_id, plan.revision_id)
            return self._apply_update(fn, plan)

    def _apply_update(self, fn: FunctionState, plan: UpdatePlan) -> FunctionConfig:
        changes = dict(plan.changes)
        if plan.commit_layers is not None:
            spec = changes.get("spec", fn.latest.spec)
            if spec is not None:
                changes["spec"] = spec.with_paths(plan.commit_layers())
        if "logging" in changes:
            fn.log_group = self._log_group(changes["logging"].log_group)
        return self._updated(fn, changes)

    def _check_revision(self, current: str, given: str | None) -> None:
        if given is not None and given != current:
            raise PreconditionFailedException(msg.PRECONDITION)

    def delete_function(self, ref: str, qualifier: str | None = None) -> None:
        """Delete a function (or one published version of it)."""
        fn, q = self._lookup(ref, qualifier)
        with self._lock:
            if q is not None and q != "$LATEST":
                self._delete_version(fn, q)
                return
            fn.deleted = True
            del self.functions[fn.name]
            self.reserved_sum -= fn.reserved_concurrency or 0
            for version in list(fn.pools):
                self.executor.retire(fn, version)

    def _delete_version(self, fn: FunctionState, q: str) -> None:
        if q not in fn.versions:
            raise ResourceNotFoundException(msg.FUNCTION_NOT_FOUND.format(arn=f"{fn.arn}:{q}"))
        users = sorted(a.name for a in fn.aliases.values() if q in self._alias_versions(a))
        if users:
            raise ResourceConflictException(
                f"Unable to delete version because the following aliases reference it: {users}"
            )
        del fn.versions[q]
        self.executor.retire(fn, q)

    # -- concurrency -----------------------------------------------------------------------
    def _reserved_total(self, excluding: FunctionState | None = None) -> int:
        return self.reserved_sum - ((excluding.reserved_concurrency or 0) if excluding else 0)

    def _check_reservation(self, fn: FunctionState | None, value: int) -> None:
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
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: 1)
        >>> engine.put_function_concurrency("f", 0)
        0
        >>> engine.invoke("f")
        Traceback (most recent call last):
        ...
        pyserverless.lambda_.TooManyRequestsException: ... Rate Exceeded.
        """
        try:
            fn, qualifier = self._lookup(ref)
        except ResourceNotFoundException as exc:  # AWS names $LATEST here
            raise ResourceNotFoundException(f"{exc.message}:$LATEST") from None
        if qualifier is not None:
            raise InvalidParameterValueException(msg.FUNCTION_ONLY)
        with self._lock:
            self._check_reservation(fn, reserved)
            self.reserved_sum += reserved - (fn.reserved_concurrency or 0)
            fn.reserved_concurrency = reserved
            self.bump_revision(fn.name)
        return reserved

    def get_function_concurrency(self, ref: str) -> int | None:
        """The function's reserved concurrency (None: it draws on the unreserved pool)."""
        return self._function(ref).reserved_concurrency

    def delete_function_concurrency(self, ref: str) -> None:
        fn = self._function(ref)
        with self._lock:
            self.reserved_sum -= fn.reserved_concurrency or 0
            fn.reserved_concurrency = None
            self.bump_revision(fn.name)

    def get_account_settings(self) -> dict[str, Any]:
        """GetAccountSettings: the account's quotas and what its functions use."""
        lim = self.limits
        with self._lock:
            code = sum(fn.latest.code_size for fn in self.functions.values())
            count = len(self.functions)
            unreserved = lim.concurrent_executions - self.reserved_sum
        return {
            "AccountLimit": {
                "TotalCodeSize": lim.max_code_storage_bytes,
                "CodeSizeUnzipped": lim.max_unzipped_package_bytes,
                "CodeSizeZipped": lim.max_zipped_package_bytes,
                "ConcurrentExecutions": lim.concurrent_executions,
                "UnreservedConcurrentExecutions": unreserved,
            },
            "AccountUsage": {"TotalCodeSize": code, "FunctionCount": count},
        }

    def environment_count(self, ref: str) -> int:
        """How many execution environments of a function are alive (idle or busy)."""
        fn = self._function(ref)
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
        client_context: str | Mapping[str, Any] | None = None,
        identity: tuple[str | None, str | None] | None = None,
        deadline_seconds: float | None = None,
        replica: str | None = None,
    ) -> Invocation:
        """Invoke a function: ``RequestResponse`` (200), ``Event`` (202) or ``DryRun`` (204).

        ``replica`` runs a synchronous call as the function's Lambda@Edge replica in
        that Region: named ``us-east-1.<name>``, logging to ``/aws/lambda/us-east-1.<name>``,
        in environments of its own (CloudFront's edge calls it so).

        ``payload`` is the JSON request body as bytes; the :class:`Invocation` holds the
        response, the executed version, the log and the timings. ``client_context`` is
        the API's Base64-encoded JSON object (or a mapping, encoded here), checked as AWS
        checks it.

        ``deadline_seconds`` bounds how long the caller waits for a synchronous result
        (a caller-side timeout, as a service with its own deadline has): past it,
        :class:`InvokeDeadlineExceeded` is raised while the function runs on to its own
        ``Timeout`` (its log, billing and environment are as if nobody had stopped
        waiting). It does not change the function's timeout.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: e["x"] + 1)
        >>> inv = engine.invoke("f", b'{"x": 1}', log_type="Tail")
        >>> inv.status_code, inv.payload, inv.executed_version, inv.cold_start
        (200, b'2', '$LATEST', True)
        >>> engine.invoke("f", b"{}", invocation_type="Event").status_code
        202
        >>> engine.invoke("f", b"{}", invocation_type="Bogus")
        Traceback (most recent call last):
        ...
        pyserverless.lambda_.ValidationException: ... Value 'Bogus' at 'invocationType' ...
        """
        fn, q, config, event, context = self._parse_invoke(
            ref, payload, qualifier, invocation_type, log_type, client_context
        )
        if invocation_type == "Event":
            request_id = self.cloud.ids.request_id()
            self.queue.submit(fn.name, q, payload, request_id)
            return Invocation(request_id, 202, b"", config.version)
        if invocation_type == "DryRun":
            return Invocation(self.cloud.ids.request_id(), 204, b"", config.version)
        if q is not None and q in fn.aliases:
            config = self.executor.route(fn, fn.aliases[q])
        pool = None
        if replica is not None:
            config, pool = _as_replica(config, self.region), f"{config.version}@{replica}"
        options: dict[str, Any] = {
            "event": event,
            "invoked_arn": fn.arn if q is None else f"{fn.arn}:{q}",
            "tail": log_type == "Tail",
            "client_context": context,
            "identity": identity,
        }
        if pool is not None:
            options["pool"] = pool
        if deadline_seconds is not None and deadline_seconds < config.timeout:
            return self.executor.execute_within(deadline_seconds, fn, config, payload, options)
        return self.executor.execute(fn, config, payload, **options)

    def _parse_invoke(
        self,
        ref: str,
        payload: bytes,
        qualifier: str | None,
        invocation_type: str,
        log_type: str,
        client_context: str | Mapping[str, Any] | None,
    ) -> tuple[FunctionState, str | None, FunctionConfig, Any, dict[str, Any] | None]:
        """Every check of Invoke, in AWS's order: the function, its qualifier and
        configuration, the decoded event and client context."""
        check_invoke(ref, invocation_type, log_type)
        context = None
        if client_context is not None:
            context = parse_client_context(client_context, self.limits)
        if not isinstance(payload, (bytes, bytearray)):
            raise InvalidParameterValueException(msg.PAYLOAD_TYPE)
        try:
            fn, q = self._lookup(ref, qualifier)
        except ResourceNotFoundException:  # Invoke names the version it looked for
            name, embedded = parse_function_name(ref, namespaced=True) or (ref, None)
            version = embedded or qualifier or "$LATEST"
            arn = f"{self.function_arn(name)}:{version}"
            raise ResourceNotFoundException(msg.FUNCTION_NOT_FOUND.format(arn=arn)) from None
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
        elif len(payload) > lim.max_sync_request_bytes:
            raise RequestEntityTooLargeException(
                msg.SYNC_REQUEST_TOO_LARGE.format(limit=lim.max_sync_request_bytes)
            )
        return fn, q, config, _check_json(payload), context

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
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: 1, memory_mb=1024)
        >>> _ = engine.invoke("f")
        >>> bill = engine.bill()
        >>> bill.requests, bill.functions[0].function_name, bill.total == 0  # free tier
        (1, 'f', True)
        """
        return self.meter.bill()

    # -- running a Python callable for another service ------------------------------------
    def run_callable(
        self,
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
        """Call ``fn(event, context)`` under Lambda's limits; how it ended, as a value.

        For services that call a Python function as Lambda would (Cognito triggers, API
        Gateway authorizers...). ``context`` is a :class:`LambdaContext` for a function
        ``name`` with ``memory_mb`` and ``timeout`` (real seconds, as a Lambda timeout);
        ``client_context`` becomes ``context.client_context``; ``request_id`` is drawn
        from the Cloud unless given. The call runs on a thread of its own, holding no
        lock, so ``fn`` may call any service of the Cloud; its output goes where the
        caller's would. The caller waits ``timeout`` seconds, or ``deadline`` if shorter
        (the callable then runs on to its timeout, as a Lambda function that its caller
        stopped waiting for); a callable still running at its timeout is stopped (an
        asynchronous exception, delivered when it next runs Python code). Nothing is
        logged, metered or billed. See docs/lambda.md.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> def check(event, context):
        ...     return {"ok": event["n"] > 0, "ms": context.get_remaining_time_in_millis() > 0}
        >>> engine.run_callable(check, {"n": 1}, name="checker", timeout=5).value
        {'ok': True, 'ms': True}
        >>> result = engine.run_callable(lambda e, c: 1 / 0, {}, name="div", timeout=5)
        >>> result.status, result.error_type, result.error_message
        ('error', 'ZeroDivisionError', 'division by zero')
        """
        return _run_callable(
            self,
            fn,
            event,
            name=name,
            timeout=timeout,
            memory_mb=memory_mb,
            deadline=deadline,
            client_context=client_context,
            request_id=request_id,
        )

    def close(self) -> None:
        """Stop every execution environment (kills worker processes) and remove temp files."""
        with self._lock:
            functions = list(self.functions.values())
        for fn in functions:
            for version in list(fn.pools):
                self.executor.retire(fn, version)
        self.watchdog.close()  # its thread ends now rather than after its idle linger
        if self._work_dir is not None:
            shutil.rmtree(self._work_dir, ignore_errors=True)
            self._work_dir = None

    def __repr__(self) -> str:
        return f"<LambdaService {self.region} functions={len(self.functions)}>"


def _list_key(c: FunctionConfig) -> str:
    # Sorts as ListFunctions lists: by name, $LATEST first, then versions numerically.
    # NUL sorts below every character a name may hold, so "f" < "f-2" holds for keys too.
    return f"{c.name}\x00" + ("" if c.version == "$LATEST" else f"{int(c.version):010d}")


def _check_json(payload: bytes) -> Any:
    if not payload:
        return {}
    try:
        return _DECODER.decode(payload.decode())
    except ValueError as exc:
        raise InvalidRequestContentException(msg.INVALID_JSON.format(detail=exc)) from None


def _as_replica(config: FunctionConfig, home: str) -> FunctionConfig:
    """A version's configuration as its Lambda@Edge replica runs it: AWS names replicas
    ``<home Region>.<name>`` and logs them to ``/aws/lambda/<home Region>.<name>``."""
    name = f"{home}.{config.name}"
    group = f"/aws/lambda/{name}"
    logging = (
        attrs.evolve(config.logging, log_group=group)
        if config.logging is not None
        else LogSettings("Text", group)
    )
    return attrs.evolve(config, name=name, logging=logging)
