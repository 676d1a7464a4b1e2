"""Lambda's values and resources: configurations, aliases, invocations and ``Function``."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import PyServerlessError
from ._logs import InvocationLog, LogEvent, LogGroup

if TYPE_CHECKING:
    from ._engine import LambdaService
    from ._layers import LayerVersion
    from ._logformat import LogSettings
    from ._runtime import HandlerSpec

__all__ = [
    "Alias",
    "EventInvokeConfig",
    "Function",
    "FunctionConfig",
    "FunctionError",
    "Invocation",
]

_ENCODE = json.JSONEncoder().encode  # json.dumps without its per-call argument checks
_DECODE = json.JSONDecoder().decode


@attrs.frozen
class FunctionConfig:
    """One version's configuration (``$LATEST`` or a published number), as a snapshot."""

    name: str
    arn: str
    version: str
    runtime: str
    role: str
    handler: str
    memory_mb: int
    timeout: int
    environment: Mapping[str, str]
    ephemeral_storage_mb: int
    layers: tuple[str, ...]
    description: str
    code_sha256: str
    code_size: int
    last_modified: datetime
    revision_id: str
    isolation: str
    architecture: str = "x86_64"
    dead_letter_arn: str | None = None
    state: str = "Active"
    last_update_status: str = "Successful"
    spec: HandlerSpec | None = attrs.field(default=None, repr=False, eq=False)
    #: LoggingConfig (None: Text format, log group /aws/lambda/<name>).
    logging: LogSettings | None = None
    #: The deployment package's unzipped size (the layers' quota counts it).
    unzipped_size: int = 0
    #: The published layer versions behind ``layers``.
    layer_versions: tuple[LayerVersion, ...] = attrs.field(default=(), repr=False, eq=False)

    @property
    def qualified_arn(self) -> str:
        return f"{self.arn}:{self.version}"

    @property
    def log_group_name(self) -> str:
        return self.logging.log_group if self.logging is not None else f"/aws/lambda/{self.name}"


@attrs.frozen
class Alias:
    """A name for a version, optionally routing a share of calls to a second version."""

    name: str
    arn: str
    function_version: str
    description: str
    routing: Mapping[str, float]
    revision_id: str


@attrs.frozen
class EventInvokeConfig:
    """How asynchronous events are retried and where their outcomes go."""

    maximum_retry_attempts: int
    maximum_event_age_seconds: int
    on_success: str | None
    on_failure: str | None
    last_modified: datetime


@attrs.frozen
class Invocation:
    """What an ``Invoke`` returned: status, payload, error, executed version and log."""

    request_id: str
    status_code: int
    payload: bytes
    executed_version: str
    function_error: str | None = None
    #: The invocation's log lines, formatted when :attr:`log` is read.
    record: InvocationLog | None = attrs.field(default=None, repr=False, eq=False)
    log_result: str | None = None
    cold_start: bool = False
    duration_ms: float = 0.0
    billed_ms: int = 0
    init_ms: float | None = None
    max_memory_mb: int = 0

    @property
    def log(self) -> tuple[str, ...]:
        """The invocation's log lines (START, output, END, REPORT)."""
        return tuple(self.record.lines()) if self.record is not None else ()

    def json(self) -> Any:
        """The payload decoded from JSON (``None`` when empty)."""
        return _DECODE(self.payload.decode()) if self.payload else None


class FunctionError(PyServerlessError):
    """A handler failed (``Function.invoke``): AWS's error type, message and stack trace."""

    def __init__(self, invocation: Invocation) -> None:
        body = invocation.json() or {}
        self.invocation = invocation
        self.error_type: str = body.get("errorType", "")
        self.error_message: str = body.get("errorMessage", "")
        self.stack_trace: list[str] = body.get("stackTrace", [])
        super().__init__(f"{self.error_type}: {self.error_message}")


@attrs.define(eq=False, repr=False)
class Function:
    """A Lambda function: ``invoke(event)``, ``logs()``, ``describe()``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> fn = cloud.lambda_.create_function("hello", handler=lambda event, ctx: event["n"] * 2)
    >>> fn
    <Function 'hello' python3.12 128 MB 3 s inline Active>
    >>> fn.invoke({"n": 21})
    42
    >>> [line.split(" RequestId")[0] for line in fn.logs()]
    ['START', 'END', 'REPORT']
    """

    service: LambdaService
    name: str
    arn: str
    latest: FunctionConfig
    log_group: LogGroup
    versions: dict[str, FunctionConfig] = attrs.Factory(dict)
    aliases: dict[str, Alias] = attrs.Factory(dict)
    reserved_concurrency: int | None = None
    event_invoke_configs: dict[str, EventInvokeConfig] = attrs.Factory(dict)
    next_version: int = 1
    in_flight: int = 0
    # version -> idle environments, most recently used last
    pools: dict[str, list[Any]] = attrs.Factory(dict)
    created_envs: list[float] = attrs.Factory(list)
    deleted: bool = False
    #: The function's tags (on its unqualified ARN; versions and aliases share them).
    tags: dict[str, str] = attrs.Factory(dict)

    def invoke(self, event: Any = None, *, qualifier: str | None = None) -> Any:
        """Invoke synchronously and return the decoded response; raise ``FunctionError``."""
        inv = self.service.invoke(self.name, _ENCODE(event).encode(), qualifier=qualifier)
        if inv.function_error:
            raise FunctionError(inv)
        return inv.json()

    def invoke_raw(self, payload: bytes = b"", **options: Any) -> Invocation:
        """Invoke as the API does, returning the whole :class:`Invocation`."""
        return self.service.invoke(self.name, payload, **options)

    def invoke_async(self, event: Any = None, *, qualifier: str | None = None) -> str:
        """Queue an asynchronous invocation; return its request id."""
        inv = self.service.invoke(
            self.name, _ENCODE(event).encode(), qualifier=qualifier, invocation_type="Event"
        )
        return inv.request_id

    def describe(self, qualifier: str | None = None) -> FunctionConfig:
        """The configuration snapshot of ``$LATEST`` (or a version or alias)."""
        return self.service.resolve(self.name, qualifier)[1]

    def logs(self) -> list[str]:
        """Every log line of every environment, oldest environment first."""
        return [event.message for event in self.log_group.events()]

    def log_events(self) -> list[LogEvent]:
        return self.log_group.events()

    def publish_version(self, description: str = "") -> FunctionConfig:
        return self.service.publish_version(self.name, description=description)

    def update(self, **changes: Any) -> FunctionConfig:
        """Change the configuration (``memory_mb=``, ``timeout=``, ``environment=`` ...)."""
        return self.service.update_function_configuration(self.name, **changes)

    def environments(self) -> int:
        """How many execution environments are alive (idle or busy)."""
        return self.service.environment_count(self.name)

    @property
    def handler(self) -> Callable[..., Any] | str:
        spec = self.latest.spec
        return spec.func if spec is not None and spec.func is not None else self.latest.handler

    def __repr__(self) -> str:
        c = self.latest
        return (
            f"<Function {self.name!r} {c.runtime} {c.memory_mb} MB {c.timeout} s "
            f"{c.isolation} {c.state}>"
        )
