"""``cloud.lambda_``: Lambda's resource layer, functions as Python objects.

Every call goes through a public method of the Lambda engine with plain values, so a
``Function`` made in the test and used inside a process-isolated handler acts on the
host's functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._billing import Bill
from ._errors import ResourceNotFoundException
from ._layers import LayerVersion
from ._logs import LogEvent
from ._model import Alias, FunctionConfig, FunctionError, FunctionInfo, Invocation, Page
from ._urls import FunctionUrl

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import LambdaService

__all__ = ["Function", "LambdaResource", "LambdaSummary"]

_ENCODE = json.JSONEncoder().encode  # json.dumps without its per-call argument checks


def _pages(first: Page, more: Any) -> Iterator[Any]:
    page = first
    while True:
        yield from page.items
        if page.next_marker is None:
            return
        page = more(page.next_marker)


@attrs.frozen
class LambdaSummary:
    """What ``cloud.lambda_.describe()`` returns: the region's functions and quotas."""

    region: str
    functions: tuple[str, ...]
    layers: tuple[str, ...]
    concurrent_executions: int
    unreserved_concurrency: int
    total_code_size: int


class Function:
    """A Lambda function: ``invoke(event)``, ``logs()``, ``describe()``, ``delete()``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> fn = cloud.lambda_.create_function("hello", handler=lambda event, ctx: event["n"] * 2)
    >>> fn
    <Function 'hello' python3.12 128 MB 3 s inline Active>
    >>> fn.invoke({"n": 21})
    42
    >>> [line.split(" RequestId")[0] for line in fn.logs()]
    ['START', 'END', 'REPORT']
    >>> fn.invoke({"n": 1}, invocation_type="Bogus")
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.ValidationException: ... Value 'Bogus' at 'invocationType' ...
    """

    __slots__ = ("_engine", "name")

    def __init__(self, engine: LambdaService, name: str) -> None:
        self._engine = engine
        #: The function's name.
        self.name = name

    @property
    def arn(self) -> str:
        """The function's unqualified ARN."""
        return self._engine.function_arn(self.name)

    def url(self, qualifier: str | None = None) -> FunctionUrl:
        """The function's URL, or its alias ``qualifier``'s (docs/lambda-urls.md):
        ``fn.url().invoke("GET", "/path")`` answers as the URL does over HTTP."""
        return self._engine.function_url(self.name, qualifier)

    # -- invoking ------------------------------------------------------------------------
    def invoke(
        self,
        event: Any = None,
        *,
        qualifier: str | None = None,
        invocation_type: str = "RequestResponse",
        client_context: Mapping[str, Any] | str | None = None,
    ) -> Any:
        """Invoke with ``event`` (JSON-encoded) and return the decoded response.

        A handler's error raises :class:`FunctionError`. ``invocation_type`` is as in the
        API: ``"Event"`` queues the call and ``"DryRun"`` only checks it (both return
        None). ``client_context`` is a mapping (or the API's Base64 text).
        """
        inv = self._engine.invoke(
            self.name,
            _ENCODE(event).encode(),
            qualifier=qualifier,
            invocation_type=invocation_type,
            client_context=client_context,
        )
        if inv.function_error:
            raise FunctionError(inv)
        return inv.json()

    def invoke_raw(self, payload: bytes = b"", **options: Any) -> Invocation:
        """Invoke as the API does (payload bytes), returning the whole :class:`Invocation`.

        ``options`` are the engine's: ``qualifier``, ``invocation_type``, ``log_type``,
        ``client_context``, ``deadline_seconds``.
        """
        return self._engine.invoke(self.name, payload, **options)

    def fail_next(
        self, n: int = 1, *, error: str | None = None, message: str | None = None
    ) -> None:
        """Make the next ``n`` invocations fail, as AWS reports a failure, whatever the door.

        ``error`` is a Lambda error code (``"TooManyRequestsException"``,
        ``"ServiceException"``...: that error is raised and the handler does not run) or
        the ``errorType`` of a handler failure (default ``"Exception"``: the answer is
        ``FunctionError: Unhandled`` with AWS's error body, logged and billed as one).
        Each failure that fires is in ``cloud.faults.history()``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> fn = cloud.lambda_.create_function("calc", handler=lambda e, c: e * 2)
        >>> fn.fail_next(1, error="ValueError", message="flaky")
        >>> try:
        ...     fn.invoke(2)
        ... except FunctionError as err:
        ...     print(err)
        ValueError: flaky
        >>> fn.invoke(2)
        4
        >>> [e.effect for e in cloud.faults.history()]
        ['Unhandled ValueError']
        """
        self._engine.fail_next(self.name, n, error=error, message=message)

    def invoke_async(self, event: Any = None, *, qualifier: str | None = None) -> str:
        """Queue an asynchronous invocation; return its request id."""
        inv = self._engine.invoke(
            self.name, _ENCODE(event).encode(), qualifier=qualifier, invocation_type="Event"
        )
        return inv.request_id

    # -- reading ---------------------------------------------------------------------------
    def describe(self, qualifier: str | None = None) -> FunctionConfig:
        """The configuration snapshot of ``$LATEST`` (or of a version or alias)."""
        return self._engine.get_function_configuration(self.name, qualifier)

    def info(self, qualifier: str | None = None) -> FunctionInfo:
        """GetFunction as a value: configuration, tags, concurrency, versions, aliases."""
        return self._engine.get_function(self.name, qualifier)

    def logs(self) -> list[str]:
        """Every log line of every environment, oldest environment first."""
        return [event.message for event in self._engine.log_events(self.name)]

    def log_events(self) -> list[LogEvent]:
        """Every log event (timestamp, stream, message), oldest environment first."""
        return self._engine.log_events(self.name)

    def environments(self) -> int:
        """How many execution environments are alive (idle or busy)."""
        return self._engine.environment_count(self.name)

    # -- changing ----------------------------------------------------------------------------
    def update(self, **changes: Any) -> FunctionConfig:
        """Change the configuration (``memory_mb=``, ``timeout=``, ``environment=`` ...)."""
        return self._engine.update_function_configuration(self.name, **changes)

    def update_code(self, handler: Any, code: Any = None, **options: Any) -> FunctionConfig:
        """Replace the code: a new callable, or ``"module.function"`` with a folder or zip."""
        return self._engine.update_function_code(self.name, handler=handler, code=code, **options)

    def set_concurrency(self, reserved: int | None) -> None:
        """Reserve concurrency (0 throttles every call); None removes the reservation."""
        if reserved is None:
            self._engine.delete_function_concurrency(self.name)
        else:
            self._engine.put_function_concurrency(self.name, reserved)

    def delete(self, qualifier: str | None = None) -> None:
        """Delete the function (or one published version of it)."""
        self._engine.delete_function(self.name, qualifier)

    # -- versions and aliases ---------------------------------------------------------------
    def publish_version(self, description: str | None = None) -> FunctionConfig:
        """Snapshot ``$LATEST`` as the next version (the last one if nothing changed)."""
        return self._engine.publish_version(self.name, description=description)

    def versions(self) -> list[FunctionConfig]:
        """``$LATEST`` then each published version, oldest first."""
        engine = self._engine

        def more(marker: str) -> Page:
            return engine.list_versions_by_function(self.name, marker=marker)

        return list(_pages(engine.list_versions_by_function(self.name), more))

    def create_alias(
        self,
        name: str,
        version: str,
        *,
        description: str = "",
        routing: Mapping[str, float] | None = None,
    ) -> Alias:
        """Name ``version``, optionally routing a weight of calls to a second version.

        >>> from pyserverless import Cloud
        >>> fn = Cloud.manual().lambda_.create_function("f", handler=lambda e, c: 1)
        >>> fn.publish_version().version
        '1'
        >>> fn.create_alias("live", "1")
        Alias(name='live', arn='arn:aws:lambda:us-east-1:123456789012:function:f:live', ...)
        >>> [alias.name for alias in fn.aliases()]
        ['live']
        """
        return self._engine.create_alias(
            self.name, name, version, description=description, routing=routing
        )

    def alias(self, name: str) -> Alias:
        """One alias (ResourceNotFoundException if there is none by that name)."""
        return self._engine.get_alias(self.name, name)

    def aliases(self) -> list[Alias]:
        """The function's aliases, by name."""
        engine = self._engine

        def more(marker: str) -> Page:
            return engine.list_aliases(self.name, marker=marker)

        return list(_pages(engine.list_aliases(self.name), more))

    def update_alias(self, name: str, **changes: Any) -> Alias:
        """Point an alias elsewhere (``version=``) or change ``routing=``/``description=``."""
        return self._engine.update_alias(self.name, name, **changes)

    def delete_alias(self, name: str) -> None:
        self._engine.delete_alias(self.name, name)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Function)
            and other.name == self.name
            and other._engine is self._engine
        )

    def __hash__(self) -> int:
        return hash((id(self._engine), self.name))

    def __repr__(self) -> str:
        try:
            c = self.describe()
        except ResourceNotFoundException:
            return f"<Function {self.name!r} (deleted)>"
        return (
            f"<Function {self.name!r} {c.runtime} {c.memory_mb} MB {c.timeout} s "
            f"{c.isolation} {c.state}>"
        )


class LambdaResource:
    """Lambda in one region, as Python objects: ``cloud.lambda_``.

    ``create_function`` makes a :class:`Function` from a Python callable (or code in a
    folder or zip); ``function(name)`` finds one; ``functions()`` lists them.

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
    >>> cloud.lambda_.functions()
    [<Function 'thumb' python3.12 256 MB 3 s inline Active>]
    >>> cloud.lambda_.bill().requests
    1
    >>> cloud.lambda_.function("nope")
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.ResourceNotFoundException: ... Function not found: arn:...:function:nope
    """

    __slots__ = ("_engine", "region")

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._engine: LambdaService = cloud.engine("lambda", region)
        #: The region this resource layer's functions live in.
        self.region = region

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
        layers: Sequence[str] = (),
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

        ``handler`` is a callable, or ``"module.function"`` with ``code`` (a folder path
        or zip bytes). ``role`` defaults to ``lambda-role`` in the Cloud's account;
        ``isolation`` is ``"inline"`` or ``"process"``; ``layers`` are published layer
        version ARNs; ``tags`` and ``logging_config`` (``LoggingConfig``'s shape) are
        as in the API. Limits and messages are AWS's.

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
        self._engine.create_function(
            name,
            handler=handler,
            code=code,
            runtime=runtime,
            role=role,
            memory_mb=memory_mb,
            timeout=timeout,
            environment=environment,
            ephemeral_storage_mb=ephemeral_storage_mb,
            layers=layers,
            description=description,
            isolation=isolation,
            architecture=architecture,
            dead_letter_arn=dead_letter_arn,
            publish=publish,
            reserved_concurrency=reserved_concurrency,
            tags=tags,
            logging_config=logging_config,
        )
        return Function(self._engine, name)

    def function(self, name: str) -> Function:
        """The function called ``name`` (or named by an ARN); ResourceNotFoundException if none."""
        return Function(self._engine, self._engine.get_function(name).name)

    def functions(self) -> list[Function]:
        """Every function, by name."""
        return [Function(self._engine, name) for name in self._engine.function_names()]

    # -- layers ------------------------------------------------------------------------------
    def publish_layer_version(
        self,
        name: str,
        zip_file: bytes,
        *,
        description: str = "",
        compatible_runtimes: Sequence[str] = (),
        compatible_architectures: Sequence[str] = (),
        license_info: str | None = None,
    ) -> LayerVersion:
        """Publish the next version of a layer from zip bytes (``python/`` on the path).

        >>> import io, zipfile
        >>> from pyserverless import Cloud
        >>> def package(name, source):
        ...     buf = io.BytesIO()
        ...     with zipfile.ZipFile(buf, "w") as zf:
        ...         zf.writestr(name, source)
        ...     return buf.getvalue()
        >>> cloud = Cloud.manual()
        >>> layer = cloud.lambda_.publish_layer_version(
        ...     "shared", package("python/shared.py", "GREETING = 'hi'\\n"))
        >>> layer.arn
        'arn:aws:lambda:us-east-1:123456789012:layer:shared:1'
        >>> app = "import shared\\ndef handler(e, c):\\n    return shared.GREETING\\n"
        >>> fn = cloud.lambda_.create_function(
        ...     "f", handler="app.handler", code=package("app.py", app), layers=[layer.arn])
        >>> fn.invoke()
        'hi'
        >>> [v.version for v in cloud.lambda_.layers()]
        [1]
        """
        return self._engine.publish_layer_version(
            name,
            zip_file,
            description=description,
            compatible_runtimes=compatible_runtimes,
            compatible_architectures=compatible_architectures,
            license_info=license_info,
        )

    def layer_version(self, name: str, version: int) -> LayerVersion:
        """One published layer version (ResourceNotFoundException if absent)."""
        return self._engine.get_layer_version(name, version)

    def layers(self) -> list[LayerVersion]:
        """Each layer's newest version, by layer name."""
        engine = self._engine
        return list(_pages(engine.list_layers(), lambda m: engine.list_layers(marker=m)))

    def layer_versions(self, name: str) -> list[LayerVersion]:
        """A layer's versions, newest first."""
        engine = self._engine

        def more(marker: str) -> Page:
            return engine.list_layer_versions(name, marker=marker)

        return list(_pages(engine.list_layer_versions(name), more))

    # -- the region ----------------------------------------------------------------------------
    def bill(self) -> Bill:
        """Requests, GB-seconds and cost per function, at AWS's prices."""
        return self._engine.bill()

    def describe(self) -> LambdaSummary:
        """The region's functions, layers and concurrency, as a snapshot.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> _ = cloud.lambda_.create_function("f", handler=lambda e, c: 1)
        >>> summary = cloud.lambda_.describe()
        >>> summary.functions, summary.unreserved_concurrency
        (('f',), 1000)
        """
        engine = self._engine
        settings = engine.get_account_settings()
        return LambdaSummary(
            region=self.region,
            functions=tuple(engine.function_names()),
            layers=tuple(layer.name for layer in self.layers()),
            concurrent_executions=settings["AccountLimit"]["ConcurrentExecutions"],
            unreserved_concurrency=settings["AccountLimit"]["UnreservedConcurrentExecutions"],
            total_code_size=settings["AccountUsage"]["TotalCodeSize"],
        )

    def close(self) -> None:
        """Stop every execution environment (kills worker processes); remove temp files."""
        self._engine.close()

    def __repr__(self) -> str:
        return f"<Lambda {self.region} functions={len(self._engine.function_names())}>"
