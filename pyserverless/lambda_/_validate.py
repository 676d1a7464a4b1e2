"""Request validation for Lambda, with AWS's messages: checked before anything changes."""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._core import shapes as _shapes
from .._core.text import digits
from . import _messages as msg
from ._errors import (
    InvalidParameterValueException,
    InvalidRequestContentException,
    RequestEntityTooLargeException,
    ResourceNotFoundException,
    ValidationException,
)
from ._limits import LambdaLimits

__all__ = [
    "Checks",
    "check_invoke",
    "check_weights",
    "measure_zip",
    "paginate",
    "parse_client_context",
    "parse_function_name",
    "qualifier_missing",
    "trusts_lambda",
]

INVOCATION_TYPES = ("Event", "RequestResponse", "DryRun")
LOG_TYPES = ("None", "Tail")

#: botocore's FunctionName / NamespacedFunctionName patterns (lambda service-2.json).
FUNCTION_REF = re.compile(
    r"^(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?"
    r"(\d{12}:)?(function:)?(?P<name>[a-zA-Z0-9-_]+)(:(?P<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$"
)
#: The pattern as the model (and AWS's message) spells it.
FUNCTION_REF_TEXT = re.sub(r"\?P<\w+>", "", FUNCTION_REF.pattern)[1:-1]
#: botocore's NamespacedFunctionName (GetFunction, Invoke, DeleteFunction...): a name may
#: hold dots, the qualifier may be $LATEST.PUBLISHED, and the whole is up to 256 long.
NAMESPACED_REF = re.compile(
    r"^(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?"
    r"(\d{12}:)?(function:)?(?P<name>[a-zA-Z0-9-_\.]+)"
    r"(:(?P<qualifier>\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$"
)
NAMESPACED_REF_TEXT = re.sub(r"\?P<\w+>", "", NAMESPACED_REF.pattern)[1:-1]
ROLE = re.compile(r"^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$")
HANDLER = re.compile(r"^[^\s]+$")
ENV_NAME = re.compile(r"^[a-zA-Z]([a-zA-Z0-9_])+$")
ALIAS_NAME = re.compile(r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")
LAYER_ARN = re.compile(
    r"^arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$"
)

#: Runtimes this emulator runs (Python only); ``LambdaLimits.retired_runtimes`` are refused.
PYTHON_RUNTIMES = (
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
)
#: The Runtime enum of the Lambda API model (botocore lambda service-2.json).
ALL_RUNTIMES = (
    "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
    "nodejs14.x", "nodejs16.x", "java8", "java8.al2", "java11", "python2.7", "python3.6",
    "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
    "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7",
    "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3",
    "ruby3.4", "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21",
    "python3.13", "nodejs22.x", "nodejs24.x", "python3.14", "java25", "dotnet10", "ruby4.0",
)  # fmt: skip

#: Variables Lambda sets itself; a function may not define them (LMB:configuration-envvars).
RESERVED_ENV = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR",
    }
)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _names_lambda(statement: Mapping[str, Any]) -> bool:
    """Whether a trust-policy statement covers lambda.amazonaws.com calling sts:AssumeRole."""
    actions = [a for a in _listed(statement.get("Action")) if isinstance(a, str)]
    if not any(a.lower() in ("sts:assumerole", "sts:*", "*") for a in actions):
        return False
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, Mapping):
        return False
    if principal.get("AWS") == "*":
        return True
    return "lambda.amazonaws.com" in _listed(principal.get("Service"))


def trusts_lambda(policy: Mapping[str, Any] | None) -> bool:
    """Whether a role's trust policy lets Lambda assume it (None: no such role).

    >>> trusts_lambda({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    ...     "Principal": {"Service": ["lambda.amazonaws.com"]}}]})
    True
    >>> trusts_lambda({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    ...     "Principal": {"Service": "ec2.amazonaws.com"}}]})
    False
    >>> trusts_lambda(None)
    False
    """
    if not isinstance(policy, Mapping):
        return False
    statements = [s for s in _listed(policy.get("Statement")) if isinstance(s, Mapping)]
    if any(s.get("Effect") == "Deny" and _names_lambda(s) for s in statements):
        return False
    return any(s.get("Effect") == "Allow" and _names_lambda(s) for s in statements)


def parse_function_name(ref: str, namespaced: bool = False) -> tuple[str, str | None] | None:
    """Split a name, ARN or partial ARN into (name, qualifier); None if malformed
    (``namespaced``: by the NamespacedFunctionName pattern, which admits dots).

    >>> parse_function_name("arn:aws:lambda:us-east-1:123456789012:function:f:prod")
    ('f', 'prod')
    >>> parse_function_name("123456789012:function:f")
    ('f', None)
    >>> parse_function_name("a.b"), parse_function_name("a.b", namespaced=True)
    (None, ('a.b', None))
    """
    m = (NAMESPACED_REF if namespaced else FUNCTION_REF).match(ref)
    if m is None:
        return None
    return m.group("name"), m.group("qualifier")


def _show(value: Any) -> str:
    return "null" if value is None else f"'{value}'"


class Checks:
    """Collects constraint violations; ``raise_if_any()`` raises them as AWS does (all at once)."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, value: Any, field: str, constraint: str) -> None:
        self.errors.append(
            msg.VALUE_AT.format(value=_show(value), field=field, constraint=constraint)
        )

    def required(self, value: Any, field: str) -> bool:
        if value is None:
            self.add(None, field, msg.NOT_NULL)
            return False
        return True

    def int_range(self, value: Any, field: str, lo: int, hi: int) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidParameterValueException(f"{field} must be an integer, got {value!r}")
        if value < lo:
            self.add(value, field, msg.GE.format(n=lo))
        elif value > hi:
            self.add(value, field, msg.LE.format(n=hi))

    def pattern(
        self, value: Any, field: str, regex: re.Pattern[str], max_len: int, shown: str = ""
    ) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise InvalidParameterValueException(f"{field} must be a string, got {value!r}")
        if len(value) > max_len:
            self.add(value, field, msg.LEN_LE.format(n=max_len))
        elif not regex.match(value):
            pattern = shown or regex.pattern.removeprefix("^").removesuffix("$")
            self.add(value, field, msg.PATTERN.format(pattern=pattern))

    def max_len(self, value: Any, field: str, n: int) -> None:
        if isinstance(value, str) and len(value) > n:
            self.add(value, field, msg.LEN_LE.format(n=n))

    def raise_if_any(self) -> None:
        if self.errors:
            n = len(self.errors)
            head = (
                "1 validation error detected: " if n == 1 else f"{n} validation errors detected: "
            )
            raise ValidationException(head + "; ".join(self.errors))


def check_runtime(runtime: Any, checks: Checks, retired: tuple[str, ...] = ()) -> None:
    """A runtime Lambda does not know (InvalidParameterValueException naming the runtimes
    it takes, after the request's validation errors), then AWS's refusal of a retired
    runtime, then what this emulator can run (Python only).

    >>> check_runtime("java8", Checks(), ("java8",))
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.InvalidParameterValueException: ... The runtime parameter of java8 ...
    >>> check_runtime("nodejs22.x", Checks())
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.InvalidParameterValueException: ... runtime nodejs22.x is not emulated.
    """
    if runtime is None:
        return
    if runtime not in ALL_RUNTIMES:
        live = ", ".join(r for r in ALL_RUNTIMES if r not in retired)
        raise InvalidParameterValueException(
            msg.RUNTIME_UNKNOWN.format(runtime=runtime, values=live)
        )
    if runtime in retired:
        raise InvalidParameterValueException(msg.DEPRECATED_RUNTIME.format(runtime=runtime))
    if runtime not in PYTHON_RUNTIMES:
        raise InvalidParameterValueException(msg.UNSUPPORTED_RUNTIME.format(runtime=runtime))


ARCHITECTURES = ("x86_64", "arm64")


def check_architecture(architecture: Any, checks: Checks) -> None:
    """The Architectures enum (the API takes a one-item list; this checks its item)."""
    if architecture not in ARCHITECTURES:
        checks.add(
            f"[{architecture}]",
            "architectures",
            msg.MEMBER.format(
                constraint=msg.ENUM.format(values=", ".join(ARCHITECTURES)) + ", " + msg.NOT_NULL
            ),
        )


_VERSION_KEY = re.compile(r"^[0-9]+$")
_ALIAS_LIKE = re.compile(r"^[a-zA-Z0-9_-]+$")


def qualifier_missing(arn: str, qualifier: str) -> ResourceNotFoundException:
    """AWS's 404 for a qualifier that names nothing: "Cannot find alias arn" when it could
    be an alias's name, "Function not found" for a version number or anything else
    (localstack's AWS-recorded test_permission_exceptions and
    test_provisioned_concurrency_exceptions).

    >>> qualifier_missing("arn:f", "live").message
    'Cannot find alias arn: arn:f:live'
    >>> qualifier_missing("arn:f", "42").message
    'Function not found: arn:f:42'
    """
    alias = _ALIAS_LIKE.match(qualifier) is not None and not digits(qualifier)
    text = msg.ALIAS_NOT_FOUND if alias else msg.FUNCTION_NOT_FOUND
    return ResourceNotFoundException(text.format(arn=f"{arn}:{qualifier}"))


def check_weights(checks: Checks, routing: Mapping[str, Any] | None) -> None:
    """RoutingConfig's AdditionalVersionWeights against the model: keys are version
    numbers, weights 0.0-1.0 (the whole map shown as Java prints it, ``{2=0.5}``).

    >>> checks = Checks()
    >>> check_weights(checks, {"2": 2})
    >>> checks.errors[0].split(" at ")[0]
    "Value '{2=2.0}'"
    """
    if not routing:
        return
    shown = "{" + ", ".join(f"{k}={_java_double(v)}" for k, v in routing.items()) + "}"
    field = "routingConfig.additionalVersionWeights"
    if any(not isinstance(k, str) or not _VERSION_KEY.match(k) or len(k) > 1024 for k in routing):
        checks.errors.append(
            msg.VALUE_AT.format(value=f"'{shown}'", field=field, constraint=msg.ROUTING_KEY)
        )
    if any(
        isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0
        for v in routing.values()
    ):
        checks.errors.append(
            msg.VALUE_AT.format(value=f"'{shown}'", field=field, constraint=msg.ROUTING_WEIGHT)
        )


def _routing_weights(problems: list[str]) -> str:
    """CreateAlias/UpdateAlias on the wire: a weight out of range names all three of the
    map value's constraints, as AWS does (not only the one it breaks)."""
    marker = "at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value"
    fixed = [
        p.split(": Map value", 1)[0] + ": " + msg.ROUTING_WEIGHT if marker in p else p
        for p in problems
    ]
    return _shapes.envelope(fixed)


for _operation in ("CreateAlias", "UpdateAlias"):
    _shapes._REWORDED[("lambda", _operation)] = _routing_weights


def _java_double(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(float(value))
    return "null" if value is None else str(value)


def check_target(target: str | None, what: str) -> None:
    """Destinations and dead-letter queues are delivered to SQS queues and Lambda functions
    (destinations to EventBridge buses too)."""
    bus = what == "destinations" and ":event-bus/" in (target or "")
    if target is not None and ":function:" not in target and ":sqs:" not in target and not bus:
        raise InvalidParameterValueException(
            msg.TARGET_NOT_FUNCTION.format(what=what, target=target)
        )


#: Client parameters whose effect is not emulated, each with the values that change
#: nothing (the default AWS applies when it is left out); any other value is refused.
_NEUTRAL: dict[str, Any] = {
    "VpcConfig": lambda v: (
        not any(v.get(k) for k in ("SubnetIds", "SecurityGroupIds"))
        and not v.get("Ipv6AllowedForDualStack")
    ),
    "PackageType": lambda v: v == "Zip",
    "KMSKeyArn": lambda v: v == "",
    "TracingConfig": lambda v: v.get("Mode", "PassThrough") == "PassThrough",
    "FileSystemConfigs": lambda v: not v,
    "ImageConfig": lambda v: not v,
    "SnapStart": lambda v: v.get("ApplyOn", "None") == "None",
    "CodeSigningConfigArn": lambda v: False,
    "CapacityProviderConfig": lambda v: False,
    "DurableConfig": lambda v: False,
    "TenancyConfig": lambda v: False,
    "PublishTo": lambda v: False,
    "SourceKMSKeyArn": lambda v: False,
}


_SNAPSTART_APPLY = ("PublishedVersions", "None")


def _snapstart_runtime(runtime: str) -> bool:
    """Runtimes SnapStart supports: Java 11+, Python 3.12+, .NET 8+ (the developer guide)."""
    family, _, version = runtime.partition("3.") if runtime.startswith("python") else ("", "", "")
    if family == "python":
        return digits(version) and int(version) >= 12
    for prefix, least in (("java", 11), ("dotnet", 8)):
        if runtime.startswith(prefix) and digits(runtime[len(prefix) :]):
            return int(runtime[len(prefix) :]) >= least
    return False


def _check_snapstart(params: Mapping[str, Any]) -> None:
    """SnapStart's ApplyOn enum (ValidationException), then a runtime SnapStart does not
    support, in AWS's words (localstack's AWS-recorded test_snapstart_exceptions)."""
    snap = params.get("SnapStart")
    if not isinstance(snap, Mapping):
        return
    apply = snap.get("ApplyOn")
    if apply is not None and apply not in _SNAPSTART_APPLY:
        checks = Checks()
        checks.add(apply, "snapStart.applyOn", msg.ENUM.format(values=", ".join(_SNAPSTART_APPLY)))
        checks.raise_if_any()
    runtime = params.get("Runtime")
    if (
        apply == "PublishedVersions"
        and isinstance(runtime, str)
        and not _snapstart_runtime(runtime)
    ):
        raise InvalidParameterValueException(msg.SNAPSTART_RUNTIME.format(runtime=runtime))


def refuse_unemulated(params: Mapping[str, Any]) -> None:
    """Refuse every parameter given whose effect pyserverless does not emulate (after the
    checks AWS makes of them itself)."""
    _check_snapstart(params)
    for name, neutral in _NEUTRAL.items():
        value = params.get(name)
        if value is not None and not neutral(value):
            raise InvalidParameterValueException(msg.NOT_EMULATED.format(parameter=name))


def check_environment(env: Mapping[str, str] | None, limits: LambdaLimits) -> None:
    """Reserved names and the 4 KB total, with AWS's messages."""
    if not env:
        return
    reserved = sorted(set(env) & RESERVED_ENV)
    if reserved:
        raise InvalidParameterValueException(msg.ENV_RESERVED.format(keys=",".join(reserved)))
    for key, value in env.items():
        if not isinstance(key, str) or not ENV_NAME.match(key):
            checks = Checks()
            pattern = ENV_NAME.pattern[1:-1]
            checks.add(key, "environment.variables", msg.PATTERN.format(pattern=pattern))
            checks.raise_if_any()
        if not isinstance(value, str):
            raise InvalidParameterValueException(
                f"Environment variable {key} must be a string, got {value!r}"
            )
    measured = "{" + ",".join(f'"{k}":"{v}"' for k, v in env.items()) + "}"
    if len(measured.encode()) > limits.max_environment_bytes:
        raise InvalidParameterValueException(msg.ENV_TOO_LARGE.format(measured=measured))


#: botocore's LayerVersionArn (the member of a function's Layers), as AWS's message shows it.
LAYER_MEMBER_TEXT = (
    "Member must have length less than or equal to 2048, Member must have length greater "
    "than or equal to 1, Member must satisfy regular expression pattern: "
    "((arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:"
    "\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:"
    "[a-zA-Z0-9-_]+)), Member must not be null"
)


def check_layers(layers: Any, limits: LambdaLimits) -> tuple[str, ...]:
    """A function's Layers: how many, each a layer version's ARN (the whole list shown,
    AWS's form), and no layer twice (localstack's AWS-recorded
    test_layer_function_exceptions).

    >>> check_layers(["arn:aws:lambda:us-east-1:123456789012:layer:a:1"], LambdaLimits())
    ('arn:aws:lambda:us-east-1:123456789012:layer:a:1',)
    """
    arns: tuple[str, ...] = tuple(layers or ())
    if len(arns) > limits.max_layers:
        raise InvalidParameterValueException(msg.TOO_MANY_LAYERS.format(limit=limits.max_layers))
    if any(not isinstance(layer, str) or not LAYER_ARN.match(layer) for layer in arns):
        checks = Checks()
        shown = "[" + ", ".join(str(layer) for layer in arns) + "]"
        checks.add(shown, "layers", msg.MEMBER.format(constraint=LAYER_MEMBER_TEXT))
        checks.raise_if_any()
    seen: dict[str, str] = {}
    for layer in arns:
        first = seen.get(layer.rpartition(":")[0])
        if first is not None:
            raise InvalidParameterValueException(msg.LAYER_TWICE.format(first=first, second=layer))
        seen[layer.rpartition(":")[0]] = layer
    return arns


def measure_zip(data: bytes, limits: LambdaLimits, operation: str) -> int:
    """Check a deployment package's sizes; return its unzipped size. A zip whose request
    (base64) is over the request limit is the request's refusal, one under it but over
    the zipped quota the zipped one (AWS's two answers, localstack's recorded
    test_oversized_request_create_lambda and test_oversized_zipped_create_lambda)."""
    if len(data) > limits.max_zipped_package_bytes:
        if 4 * ((len(data) + 2) // 3) > limits.max_create_function_request_bytes:
            raise RequestEntityTooLargeException(
                msg.REQUEST_TOO_LARGE.format(
                    limit=limits.max_create_function_request_bytes, operation=operation
                )
            )
        raise RequestEntityTooLargeException(
            msg.ZIPPED_TOO_LARGE.format(limit=limits.max_zipped_package_bytes)
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unzipped = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise InvalidParameterValueException(msg.INVALID_ZIP) from None
    if unzipped > limits.max_unzipped_package_bytes:
        raise InvalidParameterValueException(
            msg.UNZIPPED_TOO_LARGE.format(limit=limits.max_unzipped_package_bytes)
        )
    return unzipped


def check_invoke(ref: Any, invocation_type: Any, log_type: Any) -> None:
    """Invoke's FunctionName, InvocationType and LogType, reported together as AWS does."""
    if ref is not None and invocation_type in INVOCATION_TYPES and log_type in LOG_TYPES:
        return
    checks = Checks()
    checks.required(ref, "functionName")
    if invocation_type not in INVOCATION_TYPES:
        values = ", ".join(INVOCATION_TYPES)
        checks.add(invocation_type, "invocationType", msg.ENUM.format(values=values))
    if log_type not in LOG_TYPES:
        checks.add(log_type, "logType", msg.ENUM.format(values=", ".join(LOG_TYPES)))
    checks.raise_if_any()


def parse_client_context(value: Any, limits: LambdaLimits) -> dict[str, Any]:
    """Invoke's ClientContext: Base64-encoded JSON object text (a mapping is encoded first).

    >>> parse_client_context("eyJhIjogMX0=", LambdaLimits())
    {'a': 1}
    >>> parse_client_context("bm90IGpzb24=", LambdaLimits())
    Traceback (most recent call last):
    ...
    pyserverless.lambda_.InvalidRequestContentException: ... Client context must be a valid ...
    """
    if isinstance(value, Mapping):
        value = base64.b64encode(json.dumps(dict(value)).encode()).decode()
    if not isinstance(value, str):
        raise InvalidRequestContentException(msg.CLIENT_CONTEXT_INVALID)
    limit = limits.max_client_context_bytes
    # surrogatepass: a lone surrogate is measured, then refused as not Base64 below.
    if len(value.encode("utf-8", "surrogatepass")) > limit:
        raise ValidationException(
            msg.VALIDATION_PREFIX
            + msg.VALUE_AT.format(
                value="'" + value[:20] + "...'",
                field="clientContext",
                constraint=msg.LEN_LE.format(n=limit),
            )
        )
    try:
        data = json.loads(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise InvalidRequestContentException(msg.CLIENT_CONTEXT_INVALID) from None
    if not isinstance(data, dict):
        raise InvalidRequestContentException(msg.CLIENT_CONTEXT_INVALID)
    return data


def paginate(
    items: Sequence[Any],
    key: Callable[[Any], str],
    marker: Any,
    max_items: Any,
    limits: LambdaLimits,
    *,
    cap: int | None = None,
) -> tuple[list[Any], str | None]:
    """One page of ``items`` (sorted by ``key``) after ``marker``, and the next marker.

    A marker is the Base64 of the last listed item's key, so a page stays right when
    items are added or removed between calls. ``cap`` bounds a page whatever
    ``MaxItems`` says (ListFunctions returns at most 50 per call).
    """
    size = limits.default_list_items if max_items is None else max_items
    checks = Checks()
    checks.int_range(size, "maxItems", 1, limits.max_list_items)
    checks.raise_if_any()
    if cap is not None:
        size = min(size, cap)
    start = 0
    if marker:
        try:
            after = base64.b64decode(marker, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError, TypeError, ValueError):
            raise InvalidParameterValueException(msg.MARKER_INVALID.format(marker=marker)) from None
        start = next((i for i, item in enumerate(items) if key(item) > after), len(items))
    page = list(items[start : start + size])
    more = start + size < len(items)
    next_marker = base64.b64encode(key(page[-1]).encode()).decode() if more and page else None
    return page, next_marker
