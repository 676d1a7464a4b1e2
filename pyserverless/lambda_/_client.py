"""``cloud.client("lambda")``: boto3's Lambda operations, shapes and errors."""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from .._core.client import Params, Response, operation
from .._core.errors import AWSError
from . import _messages as msg
from ._client_extra import ExtraClientOps
from ._client_more import TagAndLayerOperations
from ._client_policy import PolicyClientOps
from ._client_urls import UrlClientOps
from ._engine import LambdaService
from ._errors import InvalidParameterValueException, LambdaError
from ._esm_client import EventSourceMappingOperations
from ._model import Alias, EventInvokeConfig, FunctionConfig, Invocation, Page
from ._validate import (
    FUNCTION_REF,
    FUNCTION_REF_TEXT,
    Checks,
    parse_function_name,
    refuse_unemulated,
)

__all__ = ["LambdaClient", "StreamingPayload"]


class StreamingPayload:
    """The ``Payload`` of an Invoke response: read it once with ``.read()``, as in boto3.

    >>> body = StreamingPayload(b'{"ok": true}')
    >>> body.read()
    b'{"ok": true}'
    >>> body.read()
    b''
    """

    def __init__(self, data: bytes) -> None:
        self._raw_stream = io.BytesIO(data)
        self._content_length = len(data)

    def read(self, amt: int | None = None) -> bytes:
        return self._raw_stream.read(amt)

    def readable(self) -> bool:
        return True

    def iter_chunks(self, chunk_size: int = 1024) -> Iterator[bytes]:
        while chunk := self.read(chunk_size):
            yield chunk

    def iter_lines(self, chunk_size: int = 1024, keepends: bool = False) -> Iterator[bytes]:
        yield from self.read().splitlines(keepends)

    def __iter__(self) -> Iterator[bytes]:
        return self.iter_chunks()

    def close(self) -> None:
        self._raw_stream.close()

    def __repr__(self) -> str:
        return f"<StreamingPayload {self._content_length} bytes>"


def _stamp(config: FunctionConfig) -> str:
    # FunctionConfiguration.LastModified is a string: "2025-01-01T00:00:00.000+0000".
    return config.last_modified.strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{config.last_modified.microsecond // 1000:03d}+0000"
    )


#: The reason AWS gives while a function is created, and (its wording) while it is updated.
_CREATING = "The function is being created."


@functools.lru_cache(maxsize=64)
def runtime_version_arn(region: str, runtime: str) -> str:
    """The RuntimeVersionArn of ``runtime`` in ``region``: one per runtime and Region, as
    AWS's (``arn:aws:lambda:{region}::runtime:`` and 64 hex digits), derived, not drawn.

    >>> arn = runtime_version_arn("us-east-1", "python3.12")
    >>> arn.startswith("arn:aws:lambda:us-east-1::runtime:"), len(arn.rsplit(":", 1)[1])
    (True, 64)
    """
    digest = hashlib.sha256(f"{region}/{runtime}".encode()).hexdigest()
    return f"arn:aws:lambda:{region}::runtime:{digest}"


def config_dict(c: FunctionConfig, answer: str = "") -> dict[str, Any]:
    """A FunctionConfiguration shape.

    ``answer`` is the operation it answers: ``"create"`` (AWS answers ``Pending``, being
    created, even when the function is ``Active`` by the next read), ``"update"`` (the
    update is ``InProgress``) or ``""`` (a read: the stored states).
    """
    state, status = c.state, c.last_update_status
    if answer == "create":
        state = "Pending"
    elif answer == "update":
        status = "InProgress"
    out: dict[str, Any] = {
        "FunctionName": c.name,
        "FunctionArn": c.arn if c.version == "$LATEST" or answer else c.qualified_arn,
        "Runtime": c.runtime,
        "Role": c.role,
        "Handler": c.handler,
        "CodeSize": c.code_size,
        "Description": c.description,
        "Timeout": c.timeout,
        "MemorySize": c.memory_mb,
        "LastModified": _stamp(c),
        "CodeSha256": c.code_sha256,
        "Version": c.version,
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": c.revision_id,
        "State": state,
    }
    if state == "Pending":  # no LastUpdateStatus until the creation completes
        out["StateReason"] = _CREATING
        out["StateReasonCode"] = "Creating"
    else:
        out["LastUpdateStatus"] = status
        if status == "InProgress":
            out["LastUpdateStatusReason"] = _CREATING
            out["LastUpdateStatusReasonCode"] = "Creating"
    out["PackageType"] = "Zip"
    out["Architectures"] = [c.architecture]
    out["EphemeralStorage"] = {"Size": c.ephemeral_storage_mb}
    out["SnapStart"] = {"ApplyOn": "None", "OptimizationStatus": "Off"}
    out["RuntimeVersionConfig"] = {
        "RuntimeVersionArn": runtime_version_arn(c.arn.split(":")[3], c.runtime)
    }
    out["LoggingConfig"] = (
        c.logging.describe()
        if c.logging is not None
        else {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{c.name}"}
    )
    if c.environment or c.environment_set:
        out["Environment"] = {"Variables": dict(c.environment)}
    if c.layers:
        sizes = {layer.arn: layer.code_size for layer in c.layer_versions}
        out["Layers"] = [{"Arn": arn, "CodeSize": sizes.get(arn, 0)} for arn in c.layers]
    if c.dead_letter_arn:
        out["DeadLetterConfig"] = {"TargetArn": c.dead_letter_arn}
    return out


#: Fields ListFunctions and ListVersionsByFunction leave out (the ListFunctions API
#: reference; localstack's AWS-recorded ListVersionsByFunction answers): GetFunction has them.
_NOT_LISTED = (
    "State",
    "StateReason",
    "StateReasonCode",
    "LastUpdateStatus",
    "LastUpdateStatusReason",
    "LastUpdateStatusReasonCode",
    "RuntimeVersionConfig",
)


def _listed_dict(c: FunctionConfig) -> dict[str, Any]:
    """A ListFunctions entry: the configuration without the state fields."""
    out = config_dict(c)
    for key in _NOT_LISTED:
        out.pop(key, None)
    return out


def _version_dict(c: FunctionConfig) -> dict[str, Any]:
    """A ListVersionsByFunction (or ListFunctions ``ALL``) entry: every ARN qualified,
    ``$LATEST``'s too (AWS's; moto's aws_verified test_list_functions)."""
    out = _listed_dict(c)
    out["FunctionArn"] = c.qualified_arn
    return out


def _named_qualifier(p: Params) -> str | None:
    """The qualifier a read names, by ``Qualifier`` or inside ``FunctionName``."""
    qualifier = p.get("Qualifier")
    if qualifier is None:
        ref = p.get("FunctionName")
        parsed = parse_function_name(ref, namespaced=True) if isinstance(ref, str) else None
        qualifier = parsed[1] if parsed is not None else None
    return qualifier if isinstance(qualifier, str) else None


def _read_dict(c: FunctionConfig, p: Params) -> dict[str, Any]:
    """GetFunction(Configuration)'s answer: a named qualifier ($LATEST, a version or an
    alias) is kept in FunctionArn, as AWS answers (localstack's AWS-recorded snapshots)."""
    out = config_dict(c)
    qualifier = _named_qualifier(p)
    if qualifier is not None:
        out["FunctionArn"] = f"{c.arn}:{qualifier}"
    return out


def alias_dict(a: Alias) -> dict[str, Any]:
    out: dict[str, Any] = {
        "AliasArn": a.arn,
        "Name": a.name,
        "FunctionVersion": a.function_version,
        "Description": a.description,
        "RevisionId": a.revision_id,
    }
    if a.routing:
        out["RoutingConfig"] = {"AdditionalVersionWeights": dict(a.routing)}
    return out


def _event_config_dict(arn: str, c: EventInvokeConfig) -> dict[str, Any]:
    """AWS's answer: both destinations (empty when unset), the limits only if given."""
    out: dict[str, Any] = {"LastModified": c.last_modified, "FunctionArn": arn}
    if "MaximumRetryAttempts" in c.given:
        out["MaximumRetryAttempts"] = c.maximum_retry_attempts
    if "MaximumEventAgeInSeconds" in c.given:
        out["MaximumEventAgeInSeconds"] = c.maximum_event_age_seconds
    out["DestinationConfig"] = {
        "OnSuccess": {"Destination": c.on_success} if c.on_success else {},
        "OnFailure": {"Destination": c.on_failure} if c.on_failure else {},
    }
    return out


def _check_code(code: Params) -> None:
    """A deployment package must be given as ZipFile (S3 and images are not emulated)."""
    if any(key in code for key in ("ImageUri", "S3Bucket", "S3Key", "S3ObjectVersion")):
        raise InvalidParameterValueException(msg.ZIP_ONLY)
    if "ZipFile" not in code:
        raise InvalidParameterValueException(msg.CODE_REQUIRED)


def _architectures(value: list[str] | None) -> list[str] | None:
    """Architectures: a list of exactly one item (its value is checked by the engine)."""
    if value is not None and len(value) != 1:
        checks = Checks()
        constraint = msg.LEN_GE if not value else msg.LEN_LE
        checks.add(f"[{', '.join(value)}]", "architectures", constraint.format(n=1))
        checks.raise_if_any()
    return value


def _named(p: Params) -> str:
    """The FunctionName of an operation whose model shape is FunctionName (not the
    namespaced one GetFunction takes): its pattern and 140 characters, checked here."""
    ref = p.get("FunctionName", "")
    if not isinstance(ref, str) or len(ref) > 140 or not FUNCTION_REF.match(ref):
        checks = Checks()
        checks.pattern(ref, "functionName", FUNCTION_REF, 140, FUNCTION_REF_TEXT)
        checks.raise_if_any()
    return str(ref)


def _payload_bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if hasattr(value, "read"):
        data = value.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    raise InvalidParameterValueException(msg.PAYLOAD_TYPE)


def _listing(field: str, page: Page, shape: Callable[[Any], dict[str, Any]]) -> Response:
    """A listing response: ``field`` with the page's items, and ``NextMarker`` if more follow."""
    out: Response = {field: [shape(item) for item in page.items]}
    if page.next_marker:
        out["NextMarker"] = page.next_marker
    return out


class LambdaClient(
    TagAndLayerOperations,
    EventSourceMappingOperations,
    PolicyClientOps,
    UrlClientOps,
    ExtraClientOps,
):
    """The boto3-shaped Lambda client.

    >>> from pyserverless import Cloud
    >>> import io, zipfile
    >>> cloud = Cloud.manual()
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as zf:
    ...     zf.writestr("app.py", "def handler(event, context):\\n    return event['a'] + 1\\n")
    >>> trust = ('{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", '
    ...          '"Principal": {"Service": "lambda.amazonaws.com"}}]}')
    >>> role = cloud.client("iam").create_role(RoleName="r", AssumeRolePolicyDocument=trust)
    >>> client = cloud.client("lambda")
    >>> _ = client.create_function(
    ...     FunctionName="inc", Runtime="python3.12", Role=role["Role"]["Arn"],
    ...     Handler="app.handler", Code={"ZipFile": buf.getvalue()})
    >>> resp = client.invoke(FunctionName="inc", Payload=b'{"a": 41}')
    >>> resp["StatusCode"], resp["ExecutedVersion"], resp["Payload"].read()
    (200, '$LATEST', b'42')
    """

    service_name: ClassVar[str] = "lambda"
    error_base: ClassVar[type[LambdaError]] = LambdaError

    @property
    def _svc(self) -> LambdaService:
        svc: LambdaService = self._cloud.engine("lambda", self.meta.region_name)
        return svc

    # -- functions -----------------------------------------------------------------------
    @operation("CreateFunction")
    def create_function(self, p: Params) -> Response:
        """Deploy a function from a zip of its code.

        CreateFunction. Required: ``FunctionName``, ``Role`` (an IAM role ARN) and ``Code``
        as ``{"ZipFile": bytes}`` (S3 and container images are not emulated); also
        ``Runtime`` and ``Handler`` (``"module.function"``). Often used: ``Timeout``,
        ``MemorySize``, ``Environment={"Variables": {...}}``, ``Layers``, ``Publish``.
        Returns the ``FunctionConfiguration`` (``FunctionArn``, ``State``, ``Version``...).
        """
        checks = Checks()
        checks.required(p.get("FunctionName"), "functionName")
        checks.required(p.get("Role"), "role")
        checks.required(p.get("Code"), "code")
        checks.raise_if_any()
        name = _named(p)  # the model's pattern: a name, or an ARN naming the function
        parsed = parse_function_name(name)
        if parsed is not None and parsed[1] is None:
            name = parsed[0]
        code = p["Code"]
        _check_code(code)
        refuse_unemulated(p)
        if p.get("Runtime") is None or p.get("Handler") is None:
            raise InvalidParameterValueException(
                "Runtime and Handler are mandatory parameters for functions created with "
                "deployment packages."
            )
        archs = _architectures(p.get("Architectures")) or ["x86_64"]
        config = self._svc.create_function(
            name,
            handler=p["Handler"],
            code=code["ZipFile"],
            runtime=p["Runtime"],
            role=p["Role"],
            memory_mb=p.get("MemorySize"),
            timeout=p.get("Timeout"),
            environment=(p.get("Environment") or {}).get("Variables"),
            ephemeral_storage_mb=(p.get("EphemeralStorage") or {}).get("Size"),
            layers=p.get("Layers") or (),
            description=p.get("Description", ""),
            architecture=archs[0],
            dead_letter_arn=(p.get("DeadLetterConfig") or {}).get("TargetArn"),
            publish=bool(p.get("Publish")),
            tags=p.get("Tags"),
            logging_config=p.get("LoggingConfig"),
            check_role=True,
        )
        return config_dict(config, "create")

    @operation("GetFunction")
    def get_function(self, p: Params) -> Response:
        """Describe a function: its configuration, where its code lives, tags and concurrency.

        GetFunction. Required: ``FunctionName`` (name, ARN or partial ARN); ``Qualifier``
        picks a version or alias. Returns ``Configuration`` (as GetFunctionConfiguration),
        ``Code`` (``Location``), and ``Tags`` / ``Concurrency`` when set.
        """
        info = self._svc.get_function(p.get("FunctionName", ""), p.get("Qualifier"))
        config = info.config
        region, account = self.meta.region_name, self._cloud.account_id
        out: Response = {
            "Configuration": _read_dict(config, p),
            "Code": {
                "RepositoryType": "S3",
                "Location": f"https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/"
                f"snapshots/{account}/{info.name}-{config.revision_id}",
            },
        }
        if info.tags:
            out["Tags"] = dict(info.tags)
        if info.reserved_concurrency is not None:
            out["Concurrency"] = {"ReservedConcurrentExecutions": info.reserved_concurrency}
        return out

    @operation("GetFunctionConfiguration")
    def get_function_configuration(self, p: Params) -> Response:
        """Read one version's settings (runtime, handler, timeout, memory, state...).

        GetFunctionConfiguration. Required: ``FunctionName``; ``Qualifier`` picks a version
        or alias (default ``$LATEST``). Returns the ``FunctionConfiguration`` fields.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> config = lam.get_function_configuration(FunctionName="hello")
        >>> config["Runtime"], config["Timeout"], config["MemorySize"], config["State"]
        ('python3.12', 3, 128, 'Active')
        """
        return _read_dict(
            self._svc.get_function_configuration(p.get("FunctionName", ""), p.get("Qualifier")),
            p,
        )

    @operation("UpdateFunctionCode")
    def update_function_code(self, p: Params) -> Response:
        """Replace the code of ``$LATEST`` with a new zip.

        UpdateFunctionCode. Required: ``FunctionName``; the code as ``ZipFile`` (bytes; S3
        and images are not emulated). Often used: ``Publish=True`` (publish a version as
        well), ``RevisionId`` (refuse if someone changed it first), ``DryRun``. Returns the
        new ``FunctionConfiguration`` (a new ``CodeSha256`` and ``RevisionId``).
        """
        _check_code(p)
        refuse_unemulated(p)
        archs = _architectures(p.get("Architectures"))
        config = self._svc.update_function_code(
            _named(p),
            code=p["ZipFile"],
            revision_id=p.get("RevisionId"),
            publish=bool(p.get("Publish")),
            architecture=archs[0] if archs else None,
            dry_run=bool(p.get("DryRun")),
        )
        return config_dict(config, "" if p.get("DryRun") else "update")

    @operation("UpdateFunctionConfiguration")
    def update_function_configuration(self, p: Params) -> Response:
        """Change the settings of ``$LATEST`` (timeout, memory, environment, handler...).

        UpdateFunctionConfiguration. Required: ``FunctionName``. Often used: ``Timeout``,
        ``MemorySize``, ``Environment={"Variables": {...}}`` (replaces the whole set),
        ``Handler``, ``Runtime``, ``Layers``, ``RevisionId``. Returns the new
        ``FunctionConfiguration``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> new = lam.update_function_configuration(FunctionName="hello", Timeout=30,
        ...     Environment={"Variables": {"STAGE": "dev"}})
        >>> new["Timeout"], new["Environment"]
        (30, {'Variables': {'STAGE': 'dev'}})
        """
        env = p.get("Environment")
        name = self._svc.get_function_configuration(_named(p)).name
        refuse_unemulated(p)
        config = self._svc.update_function_configuration(
            name,
            memory_mb=p.get("MemorySize"),
            timeout=p.get("Timeout"),
            environment=None if env is None else env.get("Variables", {}),
            ephemeral_storage_mb=(p.get("EphemeralStorage") or {}).get("Size"),
            layers=p.get("Layers"),
            description=p.get("Description"),
            handler=p.get("Handler"),
            runtime=p.get("Runtime"),
            role=p.get("Role"),
            dead_letter_arn=(p.get("DeadLetterConfig") or {}).get("TargetArn"),
            revision_id=p.get("RevisionId"),
            logging_config=p.get("LoggingConfig"),
            check_role=True,
        )
        return config_dict(config, "update")

    @operation("DeleteFunction")
    def delete_function(self, p: Params) -> Response:
        """Remove a function with all its versions and aliases, or one version.

        DeleteFunction. Required: ``FunctionName``; ``Qualifier`` deletes just that
        numbered version (an alias still pointing at it refuses). Returns only
        ``ResponseMetadata``.
        """
        self._svc.delete_function(p.get("FunctionName", ""), p.get("Qualifier"))
        return {}

    @operation("ListFunctions")
    def list_functions(self, p: Params) -> Response:
        """List the functions in this region, a page (50 by default) at a time.

        ListFunctions. No required parameters. Often used: ``MaxItems``, ``Marker`` (the
        ``NextMarker`` of the page before), ``FunctionVersion="ALL"`` to list every version.
        Returns ``Functions`` (``FunctionConfiguration`` each) and ``NextMarker`` if more follow.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> [f["FunctionName"] for f in lam.list_functions()["Functions"]]
        ['hello']
        """
        page = self._svc.list_functions(
            function_version=p.get("FunctionVersion"),
            marker=p.get("Marker"),
            max_items=p.get("MaxItems"),
        )
        every = p.get("FunctionVersion") == "ALL"
        return _listing("Functions", page, _version_dict if every else _listed_dict)

    # -- versions and aliases ---------------------------------------------------------------
    @operation("PublishVersion")
    def publish_version(self, p: Params) -> Response:
        """Freeze ``$LATEST``'s code and settings as a new numbered version.

        PublishVersion. Required: ``FunctionName``. Often used: ``Description``,
        ``CodeSha256`` / ``RevisionId`` (publish only if ``$LATEST`` is still what you
        saw). Returns the version's ``FunctionConfiguration`` (``Version`` is ``"1"``,
        ``"2"``...); publishing again with nothing changed returns the last version.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> lam.publish_version(FunctionName="hello")["Version"]
        '1'
        """
        config = self._svc.publish_version(
            p.get("FunctionName", ""),
            description=p.get("Description"),
            code_sha256=p.get("CodeSha256"),
            revision_id=p.get("RevisionId"),
        )
        return config_dict(config)

    @operation("ListVersionsByFunction")
    def list_versions_by_function(self, p: Params) -> Response:
        """List a function's versions, ``$LATEST`` first, a page at a time.

        ListVersionsByFunction. Required: ``FunctionName``; ``MaxItems`` and ``Marker``
        page. Returns ``Versions`` (``FunctionConfiguration`` each) and ``NextMarker`` if
        more follow.
        """
        page = self._svc.list_versions_by_function(
            p.get("FunctionName", ""), marker=p.get("Marker"), max_items=p.get("MaxItems")
        )
        return _listing("Versions", page, _version_dict)

    @operation("CreateAlias")
    def create_alias(self, p: Params) -> Response:
        """Name a version (``live``, ``beta``...), perhaps splitting traffic with another.

        CreateAlias. Required: ``FunctionName``, ``Name`` and ``FunctionVersion``. Often
        used: ``Description``, ``RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}}``.
        Returns the alias: ``AliasArn``, ``Name``, ``FunctionVersion``, ``RevisionId``.
        Invoke with ``Qualifier=`` the alias name to run the version it names.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> _ = lam.publish_version(FunctionName="hello")
        >>> lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")["AliasArn"]
        'arn:aws:lambda:us-east-1:123456789012:function:hello:live'
        """
        routing = (p.get("RoutingConfig") or {}).get("AdditionalVersionWeights")
        alias = self._svc.create_alias(
            _named(p),
            p.get("Name", ""),
            p.get("FunctionVersion", ""),
            description=p.get("Description", ""),
            routing=routing,
        )
        return alias_dict(alias)

    @operation("GetAlias")
    def get_alias(self, p: Params) -> Response:
        """Read one alias of a function.

        GetAlias. Required: ``FunctionName`` and ``Name``. Returns ``AliasArn``, ``Name``,
        ``FunctionVersion``, ``Description``, ``RevisionId`` and any ``RoutingConfig``.
        """
        return alias_dict(self._svc.get_alias(_named(p), p.get("Name", "")))

    @operation("UpdateAlias")
    def update_alias(self, p: Params) -> Response:
        """Point an alias at another version, or change its description or traffic split.

        UpdateAlias. Required: ``FunctionName`` and ``Name``. Often used:
        ``FunctionVersion``, ``RoutingConfig`` (``{}`` weights remove the split),
        ``Description``, ``RevisionId``. Returns the alias as GetAlias does.
        """
        routing_config = p.get("RoutingConfig")
        routing = None
        if routing_config is not None:
            routing = routing_config.get("AdditionalVersionWeights") or {}
        alias = self._svc.update_alias(
            _named(p),
            p.get("Name", ""),
            version=p.get("FunctionVersion"),
            description=p.get("Description"),
            routing=routing,
            revision_id=p.get("RevisionId"),
        )
        return alias_dict(alias)

    @operation("DeleteAlias")
    def delete_alias(self, p: Params) -> Response:
        """Remove an alias (the version it named stays).

        DeleteAlias. Required: ``FunctionName`` and ``Name``. Returns only
        ``ResponseMetadata``.
        """
        self._svc.delete_alias(p.get("FunctionName", ""), p.get("Name", ""))
        return {}

    @operation("ListAliases")
    def list_aliases(self, p: Params) -> Response:
        """List a function's aliases, a page at a time.

        ListAliases. Required: ``FunctionName``. Often used: ``FunctionVersion`` (only the
        aliases naming it), ``MaxItems``, ``Marker``. Returns ``Aliases`` and ``NextMarker``
        if more follow.
        """
        page = self._svc.list_aliases(
            p.get("FunctionName", ""),
            function_version=p.get("FunctionVersion"),
            marker=p.get("Marker"),
            max_items=p.get("MaxItems"),
        )
        return _listing("Aliases", page, alias_dict)

    # -- concurrency -------------------------------------------------------------------------
    @operation("PutFunctionConcurrency")
    def put_function_concurrency(self, p: Params) -> Response:
        """Reserve concurrency for a function (and cap it there); 0 stops every invocation.

        PutFunctionConcurrency. Required: ``FunctionName`` and
        ``ReservedConcurrentExecutions``. The account keeps at least 100 unreserved (the
        ``LambdaLimits`` say how many). Returns ``ReservedConcurrentExecutions``.
        """
        checks = Checks()
        checks.required(p.get("ReservedConcurrentExecutions"), "reservedConcurrentExecutions")
        checks.raise_if_any()
        value = self._svc.put_function_concurrency(_named(p), p["ReservedConcurrentExecutions"])
        return {"ReservedConcurrentExecutions": value}

    @operation("GetFunctionConcurrency")
    def get_function_concurrency(self, p: Params) -> Response:
        """Read a function's reserved concurrency.

        GetFunctionConcurrency. Required: ``FunctionName``. Returns
        ``ReservedConcurrentExecutions``, or no such key when none is reserved.
        """
        reserved = self._svc.get_function_concurrency(_named(p))
        if reserved is None:
            return {}
        return {"ReservedConcurrentExecutions": reserved}

    @operation("DeleteFunctionConcurrency")
    def delete_function_concurrency(self, p: Params) -> Response:
        """Drop a function's reserved concurrency (it shares the account's pool again).

        DeleteFunctionConcurrency. Required: ``FunctionName``. Returns only
        ``ResponseMetadata``.
        """
        self._svc.delete_function_concurrency(_named(p))
        return {}

    @operation("GetAccountSettings")
    def get_account_settings(self, p: Params) -> Response:
        """Read the account's Lambda limits and current use in this region.

        GetAccountSettings. No parameters. Returns ``AccountLimit`` (``ConcurrentExecutions``,
        ``UnreservedConcurrentExecutions``, code-size caps) and ``AccountUsage``
        (``FunctionCount``, ``TotalCodeSize``).
        """
        return self._svc.get_account_settings()

    # -- asynchronous configuration ---------------------------------------------------------
    def _put_event_config(self, p: Params, *, merge: bool) -> Response:
        dest = p.get("DestinationConfig") or {}
        svc = self._svc
        config = svc.put_event_invoke_config(
            p.get("FunctionName", ""),
            p.get("Qualifier"),
            maximum_retry_attempts=p.get("MaximumRetryAttempts"),
            maximum_event_age_seconds=p.get("MaximumEventAgeInSeconds"),
            on_success=(dest.get("OnSuccess") or {}).get("Destination"),
            on_failure=(dest.get("OnFailure") or {}).get("Destination"),
            merge=merge,
            destinations=p.get("DestinationConfig") is not None,
        )
        fn_arn = svc.get_function(p.get("FunctionName", "")).arn
        return _event_config_dict(f"{fn_arn}:{p.get('Qualifier') or '$LATEST'}", config)

    @operation("PutFunctionEventInvokeConfig")
    def put_function_event_invoke_config(self, p: Params) -> Response:
        """Set how asynchronous invocations retry and where their results go (replacing all).

        PutFunctionEventInvokeConfig. Required: ``FunctionName``; ``Qualifier`` for a
        version or alias. Often used: ``MaximumRetryAttempts`` (0-2),
        ``MaximumEventAgeInSeconds`` (60-21600), ``DestinationConfig`` (``OnSuccess`` /
        ``OnFailure`` destinations). Returns the stored configuration and ``FunctionArn``.
        """
        return self._put_event_config(p, merge=False)

    @operation("UpdateFunctionEventInvokeConfig")
    def update_function_event_invoke_config(self, p: Params) -> Response:
        """Change some of the asynchronous-invocation settings, keeping the others.

        UpdateFunctionEventInvokeConfig. Required: ``FunctionName``; ``Qualifier`` for a
        version or alias. Takes the same settings as PutFunctionEventInvokeConfig
        (``MaximumRetryAttempts``, ``MaximumEventAgeInSeconds``, ``DestinationConfig``) and
        returns the merged configuration.
        """
        return self._put_event_config(p, merge=True)

    @operation("GetFunctionEventInvokeConfig")
    def get_function_event_invoke_config(self, p: Params) -> Response:
        """Read the asynchronous-invocation settings of a function, version or alias.

        GetFunctionEventInvokeConfig. Required: ``FunctionName``; ``Qualifier`` optional.
        Returns ``MaximumRetryAttempts``, ``MaximumEventAgeInSeconds``,
        ``DestinationConfig``, ``FunctionArn`` and ``LastModified``.
        """
        svc = self._svc
        config = svc.get_event_invoke_config(p.get("FunctionName", ""), p.get("Qualifier"))
        fn_arn = svc.get_function(p.get("FunctionName", "")).arn
        return _event_config_dict(f"{fn_arn}:{p.get('Qualifier') or '$LATEST'}", config)

    @operation("DeleteFunctionEventInvokeConfig")
    def delete_function_event_invoke_config(self, p: Params) -> Response:
        """Remove the asynchronous-invocation settings (AWS's defaults apply again).

        DeleteFunctionEventInvokeConfig. Required: ``FunctionName``; ``Qualifier``
        optional. Returns only ``ResponseMetadata``.
        """
        self._svc.delete_event_invoke_config(p.get("FunctionName", ""), p.get("Qualifier"))
        return {}

    # -- invocation ------------------------------------------------------------------------------
    def invoke(self, **params: Any) -> Response:
        """Run a function now (and wait for its answer), or queue an event for it.

        Invoke. Required: ``FunctionName``. Often used: ``Payload`` (JSON bytes or str),
        ``InvocationType`` (``RequestResponse``: wait; ``Event``: queue, 202; ``DryRun``:
        check only, 204), ``Qualifier`` (version or alias), ``LogType="Tail"``. Returns
        ``StatusCode``, ``Payload`` (read it once), ``ExecutedVersion``, and
        ``FunctionError`` when the handler failed (its error is then the payload). The
        ``RequestId`` in ``ResponseMetadata`` is the invocation's, as on the wire.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> def hello(event, context):
        ...     return {"hi": event["name"]}
        >>> _ = cloud.lambda_.create_function("hello", handler=hello)
        >>> lam = cloud.client("lambda")
        >>> lam.invoke(FunctionName="hello", Payload=b'{"name": "ada"}')["Payload"].read()
        b'{"hi": "ada"}'
        >>> failed = lam.invoke(FunctionName="hello", Payload=b"{}")
        >>> failed["StatusCode"], failed["FunctionError"]
        (200, 'Unhandled')
        """
        try:
            inv, response = self._invoke(params)
        except AWSError as err:
            err.bind_operation("Invoke")
            raise
        response["ResponseMetadata"] = {
            "RequestId": inv.request_id,
            "HTTPStatusCode": inv.status_code,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        }
        return response

    invoke.aws_operation = "Invoke"  # type: ignore[attr-defined]

    def _invoke(self, p: Params) -> tuple[Invocation, Response]:
        kind = p.get("InvocationType", "RequestResponse")
        inv = self._svc.invoke(
            p.get("FunctionName"),  # type: ignore[arg-type]  # the engine checks it
            _payload_bytes(p.get("Payload")),
            qualifier=p.get("Qualifier"),
            invocation_type=kind,
            log_type=p.get("LogType", "None"),
            client_context=p.get("ClientContext"),
        )
        out: Response = {"StatusCode": inv.status_code, "Payload": StreamingPayload(inv.payload)}
        if kind == "RequestResponse":
            out["ExecutedVersion"] = inv.executed_version
            if inv.function_error:
                out["FunctionError"] = inv.function_error
            if inv.log_result is not None:
                out["LogResult"] = inv.log_result
        return inv, out
