"""Code signing configurations, provisioned concurrency configurations and runtime
management configurations (engine side).

What each does here, and what it does not (docs/lambda-urls.md, "More operations"):

* code signing configurations are stored, listed and attached to functions. Every zip
  this emulator takes is unsigned, so only the ``Warn`` policy (deploy anyway) can be
  honoured: attaching an ``Enforce`` configuration is refused rather than ignored;
* provisioned concurrency is allocated on the clock (``IN_PROGRESS``, then ``READY``)
  and counted against the function's reserved and the account's unreserved
  concurrency, but environments are not pre-initialised (cold starts still happen);
* the runtime management setting is stored: this emulator has one runtime version per
  runtime, so ``Auto``, ``FunctionUpdate`` and ``Manual`` behave alike, as they would on
  AWS while no new runtime version is released.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import (
    InvalidParameterValueException,
    LambdaError,
    ResourceConflictException,
    ResourceNotFoundException,
)
from ._validate import parse_function_name, qualifier_missing

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._limits import LambdaLimits
    from ._model import FunctionConfig, FunctionState

__all__ = [
    "CodeSigningConfig",
    "CodeSigningConfigNotFoundException",
    "ExtraOps",
    "ProvisionedConcurrencyConfigNotFoundException",
]

# Texts [O] as AWS answers (SDK parity tests) or [?] where none was found.
CSC_NOT_FOUND = (
    "The code signing configuration cannot be found. Check that the provided configuration "
    "is not deleted: {arn}."
)
CSC_IN_USE = "The code signing configuration {arn} is used by one or more functions."  # [?]
ENFORCE_NOT_EMULATED = (
    "pyserverless cannot verify code signatures (every ZipFile is unsigned): a code signing "
    "configuration with UntrustedArtifactOnDeployment=Enforce cannot be attached"
)
PC_LATEST = "Provisioned Concurrency Configs cannot be applied to unpublished function versions."
PC_NOT_FOUND = "No Provisioned Concurrency Config found for this function"
# Get/DeleteProvisionedConcurrencyConfig on $LATEST (localstack's AWS-recorded
# test_provisioned_concurrency_exceptions, 2023-11).
PC_ALIAS_ON_PROVISIONED_VERSION = (
    "Alias can't be used for Provisioned Concurrency configuration on an already "
    "Provisioned version"
)
PC_VERSION_UNDER_ALIAS = "Version is pointed by a Provisioned Concurrency alias"
PC_NOT_PUBLISHED = "The function resource provided must be an alias or a published version."
PC_OVER_RESERVED = (
    "Requested Provisioned Concurrency should not be greater than the "
    "reservedConcurrentExecution for function"
)
# Over the free pool, and within it but eating the minimum unreserved: AWS's two texts
# (localstack's AWS-recorded test_provisioned_concurrency_limits).
PC_BELOW_MINIMUM = (
    "Specified ConcurrentExecutions for function decreases account's "
    "UnreservedConcurrentExecution below its minimum value of [{minimum}]."
)
PC_OVER_ACCOUNT = (
    "Specified ConcurrentExecutions for function is greater than account's unreserved "
    "concurrency [{free}]."
)
RUNTIME_ARN_MANUAL = "RuntimeVersionArn must be provided when UpdateRuntimeOn is Manual."  # [?]
RUNTIME_ARN_NOT_MANUAL = (
    "RuntimeVersionArn can only be provided when UpdateRuntimeOn is Manual."  # [?]
)


class CodeSigningConfigNotFoundException(LambdaError):
    """The code signing configuration does not exist."""

    status_code = 404


class ProvisionedConcurrencyConfigNotFoundException(LambdaError):
    """The function version or alias has no provisioned concurrency configuration."""

    status_code = 404


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


@attrs.frozen
class CodeSigningConfig:
    """A code signing configuration (CreateCodeSigningConfig's answer as a value)."""

    config_id: str
    arn: str
    description: str
    profile_arns: tuple[str, ...]
    on_untrusted: str
    last_modified: str

    def describe(self) -> dict[str, Any]:
        return {
            "CodeSigningConfigId": self.config_id,
            "CodeSigningConfigArn": self.arn,
            "Description": self.description,
            "AllowedPublishers": {"SigningProfileVersionArns": list(self.profile_arns)},
            "CodeSigningPolicies": {"UntrustedArtifactOnDeployment": self.on_untrusted},
            "LastModified": self.last_modified,
        }


@attrs.frozen
class ProvisionedConfig:
    """One version's or alias's provisioned concurrency."""

    function_arn: str
    requested: int
    status: str
    last_modified: str

    def describe(self, *, listing: bool = False) -> dict[str, Any]:
        ready = self.status == "READY"
        out: dict[str, Any] = {}
        if listing:
            out["FunctionArn"] = self.function_arn
        out.update(
            {
                "RequestedProvisionedConcurrentExecutions": self.requested,
                "AvailableProvisionedConcurrentExecutions": self.requested if ready else 0,
                "AllocatedProvisionedConcurrentExecutions": self.requested if ready else 0,
                "Status": self.status,
                "LastModified": self.last_modified,
            }
        )
        return out


@attrs.define(eq=False)
class _FunctionExtras:
    fn: FunctionState
    code_signing: str | None = None
    provisioned: dict[str, ProvisionedConfig] = attrs.Factory(dict)
    runtime_management: tuple[str, str | None] = ("Auto", None)


class ExtraOps:
    """Code signing, provisioned concurrency and runtime management state."""

    cloud: Cloud
    region: str
    limits: LambdaLimits
    state_delay: float
    reserved_sum: int
    functions: dict[str, FunctionState]
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _lookup(
            self, ref: str, qualifier: str | None = None
        ) -> tuple[FunctionState, str | None]: ...

        def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig: ...

        def _now(self) -> datetime: ...

        def function_arn(self, name: str) -> str: ...

    # -- storage -------------------------------------------------------------------------
    def _extras(self, fn: FunctionState) -> _FunctionExtras:
        book: dict[str, _FunctionExtras] | None = self.__dict__.get("_function_extras")
        if book is None:
            book = self.__dict__["_function_extras"] = {}
        entry = book.get(fn.name)
        if entry is None or entry.fn is not fn:
            entry = book[fn.name] = _FunctionExtras(fn)
        return entry

    def _live_extras(self) -> list[_FunctionExtras]:
        book: dict[str, _FunctionExtras] = self.__dict__.get("_function_extras") or {}
        return [e for e in book.values() if self.functions.get(e.fn.name) is e.fn]

    def _signing_configs(self) -> dict[str, CodeSigningConfig]:
        found: dict[str, CodeSigningConfig] | None = self.__dict__.get("_code_signing_configs")
        if found is None:
            found = self.__dict__["_code_signing_configs"] = {}
        return found

    # -- code signing ----------------------------------------------------------------------
    def create_code_signing_config(
        self, profile_arns: list[str], *, description: str = "", on_untrusted: str | None = None
    ) -> CodeSigningConfig:
        """CreateCodeSigningConfig."""
        config_id = f"csc-{self.cloud.ids.hex(17)}"
        arn = (
            f"arn:aws:lambda:{self.region}:{self.cloud.account_id}:code-signing-config:{config_id}"
        )
        config = CodeSigningConfig(
            config_id,
            arn,
            description,
            tuple(profile_arns),
            on_untrusted or "Warn",
            _stamp(self._now()),
        )
        with self._lock:
            self._signing_configs()[arn] = config
        return config

    def get_code_signing_config(self, arn: str) -> CodeSigningConfig:
        """GetCodeSigningConfig."""
        config = self._signing_configs().get(arn)
        if config is None:
            raise CodeSigningConfigNotFoundException(CSC_NOT_FOUND.format(arn=arn))
        return config

    def _users(self, arn: str) -> list[str]:
        return sorted(e.fn.arn for e in self._live_extras() if e.code_signing == arn)

    def update_code_signing_config(
        self,
        arn: str,
        *,
        profile_arns: list[str] | None = None,
        description: str | None = None,
        on_untrusted: str | None = None,
    ) -> CodeSigningConfig:
        """UpdateCodeSigningConfig."""
        with self._lock:
            config = self.get_code_signing_config(arn)
            if on_untrusted == "Enforce" and self._users(arn):
                raise InvalidParameterValueException(ENFORCE_NOT_EMULATED)
            changes: dict[str, Any] = {"last_modified": _stamp(self._now())}
            if profile_arns is not None:
                changes["profile_arns"] = tuple(profile_arns)
            if description is not None:
                changes["description"] = description
            if on_untrusted is not None:
                changes["on_untrusted"] = on_untrusted
            config = attrs.evolve(config, **changes)
            self._signing_configs()[arn] = config
            return config

    def delete_code_signing_config(self, arn: str) -> None:
        """DeleteCodeSigningConfig (refused while a function uses it)."""
        with self._lock:
            self.get_code_signing_config(arn)
            if self._users(arn):
                raise ResourceConflictException(CSC_IN_USE.format(arn=arn))
            del self._signing_configs()[arn]

    def list_code_signing_configs(self) -> list[CodeSigningConfig]:
        with self._lock:
            return sorted(self._signing_configs().values(), key=lambda c: c.arn)

    def put_function_code_signing_config(self, ref: str, arn: str) -> str:
        """PutFunctionCodeSigningConfig: returns the function's name."""
        fn, _ = self._lookup(ref)
        with self._lock:
            config = self.get_code_signing_config(arn)
            if config.on_untrusted == "Enforce":
                raise InvalidParameterValueException(ENFORCE_NOT_EMULATED)
            self._extras(fn).code_signing = arn
        return fn.name

    def get_function_code_signing_config(self, ref: str) -> tuple[str, str | None]:
        """(the function's name, its code signing configuration's ARN or None)."""
        fn, _ = self._lookup(ref)
        with self._lock:
            return fn.name, self._extras(fn).code_signing

    def delete_function_code_signing_config(self, ref: str) -> None:
        fn, _ = self._lookup(ref)
        with self._lock:
            self._extras(fn).code_signing = None

    def functions_by_code_signing_config(self, arn: str) -> list[str]:
        with self._lock:
            self.get_code_signing_config(arn)
            return self._users(arn)

    # -- provisioned concurrency -------------------------------------------------------------
    def _provisioned_target(
        self, ref: str, qualifier: str, *, putting: bool = False
    ) -> tuple[FunctionState, str]:
        """The version or alias a provisioned-concurrency call names, refused in AWS's
        words (localstack's AWS-recorded test_provisioned_concurrency_exceptions): a
        missing alias is "Cannot find alias arn", a missing version "Function not found",
        even when the function itself is missing."""
        try:
            fn, q = self._lookup(ref, qualifier)
        except ResourceNotFoundException:
            parsed = parse_function_name(ref, namespaced=True) if isinstance(ref, str) else None
            q = qualifier or (parsed[1] if parsed is not None else None)
            if parsed is None or q in (None, "$LATEST"):
                raise
            raise qualifier_missing(self.function_arn(parsed[0]), q) from None
        if q in (None, "$LATEST"):
            raise InvalidParameterValueException(PC_LATEST if putting else PC_NOT_PUBLISHED)
        assert q is not None
        if q not in fn.versions and q not in fn.aliases:
            raise qualifier_missing(fn.arn, q)
        return fn, q

    def _provisioned_total(self, skip: tuple[FunctionState, str] | None = None) -> int:
        total = 0
        for extras in self._live_extras():
            for q, config in extras.provisioned.items():
                if not _exists(extras.fn, q):  # a deleted version's allocation is released
                    continue
                if skip is None or not (skip[0] is extras.fn and skip[1] == q):
                    total += config.requested
        return total

    def put_provisioned_concurrency_config(
        self, ref: str, qualifier: str, value: int
    ) -> ProvisionedConfig:
        """PutProvisionedConcurrencyConfig: ``IN_PROGRESS``, ``READY`` on the clock."""
        fn, q = self._provisioned_target(ref, qualifier, putting=True)
        with self._lock:
            extras = self._extras(fn)
            _check_overlap(fn, q, extras.provisioned)
            others = sum(
                c.requested for k, c in extras.provisioned.items() if k != q and _exists(fn, k)
            )
            reserved = fn.reserved_concurrency
            if reserved is not None and others + value > reserved:
                raise InvalidParameterValueException(PC_OVER_RESERVED)
            free = (
                self.limits.concurrent_executions
                - self.reserved_sum
                - self._provisioned_total(skip=(fn, q))
            )
            minimum = self.limits.min_unreserved_concurrency
            if reserved is None and value > free:
                raise InvalidParameterValueException(PC_OVER_ACCOUNT.format(free=free))
            if reserved is None and value > free - minimum:
                raise InvalidParameterValueException(PC_BELOW_MINIMUM.format(minimum=minimum))
            ready_now = self.state_delay <= 0
            config = ProvisionedConfig(
                f"{fn.arn}:{q}",
                value,
                "READY" if ready_now else "IN_PROGRESS",
                _stamp(self._now()),
            )
            extras.provisioned[q] = config
            if not ready_now:
                self.cloud.scheduler.call_later(
                    self.state_delay, self._provisioned_ready, extras, q, config
                )
            return config

    def _provisioned_ready(
        self, extras: _FunctionExtras, qualifier: str, config: ProvisionedConfig
    ) -> None:
        with self._lock:
            if extras.provisioned.get(qualifier) is config:
                extras.provisioned[qualifier] = attrs.evolve(config, status="READY")

    def get_provisioned_concurrency_config(self, ref: str, qualifier: str) -> ProvisionedConfig:
        fn, q = self._provisioned_target(ref, qualifier)
        with self._lock:
            config = self._extras(fn).provisioned.get(q)
        if config is None:
            raise ProvisionedConcurrencyConfigNotFoundException(PC_NOT_FOUND)
        return config

    def delete_provisioned_concurrency_config(self, ref: str, qualifier: str) -> None:
        fn, q = self._provisioned_target(ref, qualifier)
        with self._lock:  # none to delete: AWS answers 204 all the same
            self._extras(fn).provisioned.pop(q, None)

    def list_provisioned_concurrency_configs(self, ref: str) -> list[ProvisionedConfig]:
        fn, _ = self._lookup(ref)
        with self._lock:
            extras = self._extras(fn)
            live = {q: c for q, c in extras.provisioned.items() if _exists(fn, q)}
            extras.provisioned = live
            return [live[q] for q in sorted(live)]

    # -- runtime management ---------------------------------------------------------------
    def put_runtime_management_config(
        self, ref: str, update_on: str, runtime_version_arn: str | None, qualifier: str | None
    ) -> tuple[str, str, str | None]:
        """(function ARN, UpdateRuntimeOn, RuntimeVersionArn) after the change."""
        fn, q = self._lookup(ref, qualifier)
        self._config_for(fn, q)
        if update_on == "Manual" and runtime_version_arn is None:
            raise InvalidParameterValueException(RUNTIME_ARN_MANUAL)
        if update_on != "Manual" and runtime_version_arn is not None:
            raise InvalidParameterValueException(RUNTIME_ARN_NOT_MANUAL)
        with self._lock:
            self._extras(fn).runtime_management = (update_on, runtime_version_arn)
        return f"{fn.arn}:{q or '$LATEST'}", update_on, runtime_version_arn

    def get_runtime_management_config(
        self, ref: str, qualifier: str | None
    ) -> tuple[str, str, str | None]:
        fn, q = self._lookup(ref, qualifier)
        self._config_for(fn, q)
        with self._lock:
            update_on, arn = self._extras(fn).runtime_management
        return f"{fn.arn}:{q or '$LATEST'}", update_on, arn


def _exists(fn: FunctionState, qualifier: str) -> bool:
    return qualifier in fn.versions or qualifier in fn.aliases


def _check_overlap(fn: FunctionState, qualifier: str, provisioned: Mapping[str, Any]) -> None:
    """A version and an alias naming it cannot both hold provisioned concurrency (AWS's
    409s, recorded in localstack's test_lambda_provisioned_lifecycle)."""
    alias = fn.aliases.get(qualifier)
    if alias is not None:
        if alias.function_version in provisioned and _exists(fn, alias.function_version):
            raise ResourceConflictException(PC_ALIAS_ON_PROVISIONED_VERSION)
        return
    if any(a.function_version == qualifier and a.name in provisioned for a in fn.aliases.values()):
        raise ResourceConflictException(PC_VERSION_UNDER_ALIAS)
