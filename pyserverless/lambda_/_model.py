"""Lambda's values and resources: configurations, aliases, invocations and ``Function``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import PyServerlessError
from .._core.hints import add_hints
from ._logs import InvocationLog, LogGroup

if TYPE_CHECKING:
    from ._layers import LayerVersion
    from ._logformat import LogSettings
    from ._runtime import HandlerSpec

__all__ = [
    "Alias",
    "EventInvokeConfig",
    "FunctionConfig",
    "FunctionError",
    "FunctionInfo",
    "FunctionState",
    "Invocation",
    "Page",
]

_DECODE = json.JSONDecoder().decode


def _rebuild(cls: type, values: dict[str, Any], proxied: tuple[str, ...]) -> Any:
    for name in proxied:
        values[name] = MappingProxyType(values[name])
    return cls(**values)


def _reduce(value: Any, drop: str = "") -> tuple[Any, ...]:
    """Pickle a frozen value whose read-only mappings (``MappingProxyType``) cannot be."""
    values: dict[str, Any] = {}
    proxied = []
    for field in attrs.fields(type(value)):
        item = None if field.name == drop else getattr(value, field.name)
        if isinstance(item, MappingProxyType):
            item = dict(item)
            proxied.append(field.name)
        values[field.name] = item
    return (_rebuild, (type(value), values, tuple(proxied)))


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
    #: Whether an Environment was given (an empty one is then shown as ``{"Variables": {}}``).
    environment_set: bool = False
    #: The RevisionId of the last code or configuration change (PublishVersion publishes
    #: only when it moved; an alias, concurrency or permission change does not move it).
    content_revision: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # What crosses a process boundary is the snapshot; the handler (``spec``, which
        # may be a closure) stays in the engine that runs it.
        return _reduce(self, drop="spec")

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

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self)


@attrs.frozen
class EventInvokeConfig:
    """How asynchronous events are retried and where their outcomes go."""

    maximum_retry_attempts: int
    maximum_event_age_seconds: int
    on_success: str | None
    on_failure: str | None
    last_modified: datetime
    #: The settings the caller gave (AWS answers only those; the others take defaults).
    given: frozenset[str] = frozenset()


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


class HandlerError(Exception):
    """The handler's own failure, as its traceback: the ``__cause__`` of a FunctionError,
    so that pytest's report (and any traceback) shows the handler's failing line.

    >>> print(HandlerError("KeyError", "'id'", ['  File "app.py", line 2, in handler']))
    Traceback of the handler (most recent call last):
      File "app.py", line 2, in handler
    KeyError: 'id'
    """

    def __init__(self, error_type: str, error_message: str, stack_trace: list[str]) -> None:
        super().__init__(error_type, error_message, stack_trace)
        self.error_type = error_type
        self.error_message = error_message
        self.stack_trace = stack_trace

    def __str__(self) -> str:
        lines = "".join(line if line.endswith("\n") else line + "\n" for line in self.stack_trace)
        return (
            "Traceback of the handler (most recent call last):\n"
            f"{lines}{self.error_type}: {self.error_message}"
        )


class FunctionError(PyServerlessError):
    """A handler failed (``Function.invoke``): AWS's error type, message and stack trace.

    Its ``__cause__`` is a :class:`HandlerError` showing the handler's traceback.
    """

    def __init__(self, invocation: Invocation) -> None:
        body = invocation.json() or {}
        self.invocation = invocation
        self.error_type: str = body.get("errorType", "")
        self.error_message: str = body.get("errorMessage", "")
        self.stack_trace: list[str] = body.get("stackTrace", [])
        super().__init__(f"{self.error_type}: {self.error_message}")
        add_hints(self, self.error_type, self.error_message)  # e.g. a timeout's
        if self.stack_trace:  # raise FunctionError(inv) then reads as `from HandlerError(...)`
            self.__cause__ = HandlerError(self.error_type, self.error_message, self.stack_trace)


@attrs.define(eq=False, repr=False)
class FunctionState:
    """The engine's record of one function (never leaves the engine; see ``FunctionInfo``)."""

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
    #: Failures planned by ``fail_next``: (kind, error code or type, message) per invocation.
    planned: list[tuple[str, str, str | None]] = attrs.Factory(list)

    def info(self, config: FunctionConfig) -> FunctionInfo:
        """A snapshot of the function with ``config`` as its configuration."""
        return FunctionInfo(
            name=self.name,
            arn=self.arn,
            config=config,
            tags=MappingProxyType(dict(self.tags)),
            reserved_concurrency=self.reserved_concurrency,
            versions=tuple(sorted(self.versions, key=int)),
            aliases=tuple(sorted(self.aliases)),
        )

    def __repr__(self) -> str:
        return f"<FunctionState {self.name!r}>"


@attrs.frozen
class FunctionInfo:
    """GetFunction as a value: a function's configuration, tags, concurrency and names."""

    name: str
    arn: str
    #: The configuration of the version or alias asked for ($LATEST by default).
    config: FunctionConfig
    tags: Mapping[str, str]
    reserved_concurrency: int | None
    #: Published version numbers, oldest first.
    versions: tuple[str, ...]
    #: Alias names, sorted.
    aliases: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self)


@attrs.frozen
class Page:
    """One page of a listing: the items and the marker of the next page (None: last)."""

    items: tuple[Any, ...]
    next_marker: str | None = None
