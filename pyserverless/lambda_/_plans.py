"""Parse, then apply: CreateFunction and UpdateFunctionConfiguration as frozen plans.

Each ``parse_*`` function runs every check of its operation, in AWS's order, and
returns a plan; the engine then checks what depends on its state (the name is free,
the revision matches) under its lock and applies the plan, which cannot fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as msg
from ._code import prepare_code
from ._errors import InvalidParameterValueException
from ._layers import LayerStore, LayerVersion
from ._limits import LambdaLimits
from ._logformat import LogSettings, check_logging_config
from ._runtime import HandlerSpec
from ._tags import check_tags
from ._validate import (
    HANDLER,
    ROLE,
    Checks,
    check_architecture,
    check_environment,
    check_layers,
    check_runtime,
    check_target,
    measure_zip,
)

if TYPE_CHECKING:
    from ._model import FunctionConfig

__all__ = [
    "ISOLATIONS",
    "CreatePlan",
    "UpdatePlan",
    "check_isolation",
    "parse_create",
    "parse_update",
]

ISOLATIONS = ("inline", "process")
_NAME = re.compile(r"^[a-zA-Z0-9-_]+$")
#: The model's FunctionName length; a longer name than Lambda's own limit passes it.
_MODEL_NAME_LENGTH = 140


def _check_name_length(name: str, lim: LambdaLimits) -> None:
    """A name over Lambda's own limit (64) but within the model's is refused after the
    validation envelope, as InvalidParameterValueException with the validation sentence
    (localstack's AWS-recorded test_function_arns)."""
    if isinstance(name, str) and len(name) > lim.max_function_name_length:
        raise InvalidParameterValueException(
            msg.VALIDATION_PREFIX
            + msg.VALUE_AT.format(
                value=f"'{name}'",
                field="functionName",
                constraint=msg.LEN_LE.format(n=lim.max_function_name_length),
            )
        )


#: Configuration fields UpdateFunctionConfiguration copies as they are given.
_PLAIN = (
    "memory_mb",
    "timeout",
    "ephemeral_storage_mb",
    "description",
    "runtime",
    "role",
    "dead_letter_arn",
)


def check_isolation(isolation: str | None, default: str) -> str:
    """``isolation`` or the service's default; a ``ValueError`` for anything else."""
    isolation = isolation or default
    if isolation not in ISOLATIONS:
        raise ValueError(f"isolation must be one of {ISOLATIONS}, got {isolation!r}")
    return isolation


def check_settings(
    lim: LambdaLimits,
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
    if architecture is not None:
        check_architecture(architecture, checks)
    checks.pattern(role, "role", ROLE, 2048)
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
    check_runtime(runtime, checks, lim.retired_runtimes)
    check_target(dead_letter_arn, "dead-letter queues")


def unzipped_size(code: Any, size: int, limits: LambdaLimits) -> int:
    """The unzipped size of a deployment package (``size``: what prepare_code measured)."""
    if isinstance(code, (bytes, bytearray)):
        return measure_zip(bytes(code), limits, "CreateFunction")
    return size


@attrs.frozen
class CreatePlan:
    """A checked CreateFunction: everything the new function is made of."""

    name: str
    runtime: str
    role: str
    memory_mb: int
    timeout: int
    storage_mb: int
    description: str
    architecture: str
    dead_letter_arn: str | None
    environment: Mapping[str, str]
    #: Whether the request named an Environment (an empty one is kept and shown).
    environment_set: bool
    layer_arns: tuple[str, ...]
    layer_versions: tuple[LayerVersion, ...]
    tags: dict[str, str]
    logging: LogSettings
    isolation: str
    spec: HandlerSpec
    code_sha256: str
    code_size: int
    unzipped_size: int
    #: Unpacks the code (a zip) into the service's work folder.
    unpack: Callable[[], None]
    reserved_concurrency: int | None
    publish: bool


def parse_create(
    lim: LambdaLimits,
    layers_store: LayerStore,
    work: Callable[[], str],
    default_isolation: str,
    name: str,
    options: Mapping[str, Any],
) -> CreatePlan:
    """Every stateless check of CreateFunction, in AWS's order; the plan to apply."""
    o = options
    runtime = o["runtime"]
    memory_mb = lim.default_memory_mb if o["memory_mb"] is None else o["memory_mb"]
    timeout = lim.default_timeout_seconds if o["timeout"] is None else o["timeout"]
    storage = o["ephemeral_storage_mb"]
    storage = lim.default_ephemeral_storage_mb if storage is None else storage
    handler, code = o["handler"], o["code"]
    checks = Checks()
    checks.pattern(name, "functionName", _NAME, _MODEL_NAME_LENGTH)
    check_settings(
        lim,
        checks,
        role=o["role"],
        runtime=runtime,
        handler=handler if isinstance(handler, str) else None,
        memory_mb=memory_mb,
        timeout=timeout,
        storage_mb=storage,
        description=o["description"],
        architecture=o["architecture"],
        dead_letter_arn=o["dead_letter_arn"],
    )
    _check_name_length(name, lim)
    env = dict(o["environment"] or {})
    check_environment(env, lim)
    layer_arns = check_layers(o["layers"], lim)
    layer_versions = layers_store.resolve(layer_arns)
    tags = check_tags(o["tags"], lim)
    logging = check_logging_config(o["logging_config"], name, lim)
    isolation = check_isolation(o["isolation"], default_isolation)
    spec, sha, size, unpack = prepare_code(handler, code, lim, work, "CreateFunction")
    unzipped = unzipped_size(code, size, lim)
    layers_store.check_total(unzipped, layer_versions)
    return CreatePlan(
        name=name,
        runtime=runtime,
        role=o["role"],
        memory_mb=memory_mb,
        timeout=timeout,
        storage_mb=storage,
        description=o["description"],
        architecture=o["architecture"],
        dead_letter_arn=o["dead_letter_arn"],
        environment=MappingProxyType(env),
        environment_set=o["environment"] is not None,
        layer_arns=layer_arns,
        layer_versions=layer_versions,
        tags=tags,
        logging=logging,
        isolation=isolation,
        spec=spec,
        code_sha256=sha,
        code_size=size,
        unzipped_size=unzipped,
        unpack=unpack,
        reserved_concurrency=o["reserved_concurrency"],
        publish=bool(o["publish"]),
    )


@attrs.frozen
class UpdatePlan:
    """A checked UpdateFunctionConfiguration: the fields that change, and how."""

    changes: Mapping[str, Any]
    #: Extracts the new layers into a fresh /opt (None: layers unchanged).
    commit_layers: Callable[[], tuple[str, ...]] | None
    revision_id: str | None


def parse_update(
    lim: LambdaLimits,
    layers_store: LayerStore,
    latest: FunctionConfig,
    default_isolation: str,
    options: Mapping[str, Any],
) -> UpdatePlan:
    """Every stateless check of UpdateFunctionConfiguration; the plan to apply."""
    o = options
    check_settings(
        lim,
        Checks(),
        role=o["role"],
        runtime=o["runtime"],
        handler=o["handler"],
        memory_mb=o["memory_mb"],
        timeout=o["timeout"],
        storage_mb=o["ephemeral_storage_mb"],
        description=o["description"],
        dead_letter_arn=o["dead_letter_arn"],
    )
    changes: dict[str, Any] = {}
    if o["environment"] is not None:
        env = dict(o["environment"])
        check_environment(env, lim)
        changes["environment"] = MappingProxyType(env)
        changes["environment_set"] = True
    commit_layers = None
    if o["layers"] is not None:
        changes["layers"] = check_layers(o["layers"], lim)
        versions = layers_store.resolve(changes["layers"])
        layers_store.check_total(latest.unzipped_size, versions)
        changes["layer_versions"] = versions
        commit_layers = layers_store.opt_paths(versions)
    if o["logging_config"] is not None:
        changes["logging"] = check_logging_config(
            o["logging_config"], latest.name, lim, latest.logging
        )
    if o["isolation"] is not None:
        changes["isolation"] = check_isolation(o["isolation"], default_isolation)
    changes.update({key: o[key] for key in _PLAIN if o[key] is not None})
    handler = o["handler"]
    if handler is not None:
        spec = latest.spec
        if spec is not None and spec.func is None:
            changes["spec"] = HandlerSpec(handler, code_dir=spec.code_dir, paths=spec.paths)
        changes["handler"] = handler
    return UpdatePlan(MappingProxyType(changes), commit_layers, o["revision_id"])
