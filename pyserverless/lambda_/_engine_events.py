"""Asynchronous-invocation settings (Put/Get/Update/DeleteFunctionEventInvokeConfig).

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import _messages as msg
from ._errors import InvalidParameterValueException, ResourceNotFoundException
from ._limits import LambdaLimits
from ._model import EventInvokeConfig
from ._validate import Checks, check_target, parse_function_name

if TYPE_CHECKING:
    from ._model import FunctionConfig, FunctionState

__all__ = ["EventConfigs"]

#: The services AWS takes as asynchronous-invocation destinations.
_DESTINATION_SERVICES = frozenset({"sqs", "sns", "lambda", "events", "s3"})


class EventConfigs:
    """Event invoke configurations per function and qualifier."""

    limits: LambdaLimits
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _lookup(
            self, ref: str, qualifier: str | None = None
        ) -> tuple[FunctionState, str | None]: ...

        def _config_for(self, fn: FunctionState, qualifier: str | None) -> FunctionConfig: ...

        def _now(self) -> datetime: ...

        def function_arn(self, name: str) -> str: ...

        functions: dict[str, FunctionState]

    # -- event invoke config -------------------------------------------------------------------
    def put_event_invoke_config(
        self,
        ref: str,
        qualifier: str | None = None,
        *,
        maximum_retry_attempts: int | None = None,
        maximum_event_age_seconds: int | None = None,
        on_success: str | None = None,
        on_failure: str | None = None,
        merge: bool = False,
        destinations: bool = False,
    ) -> EventInvokeConfig:
        """Configure retries, event age and destinations for asynchronous calls.

        ``merge`` updates a configuration that exists (UpdateFunctionEventInvokeConfig);
        ``destinations`` says a DestinationConfig was given, even an empty one.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("lambda")
        >>> _ = engine.create_function("f", handler=lambda e, c: 1)
        >>> engine.put_event_invoke_config("f", maximum_retry_attempts=0).given
        frozenset({'MaximumRetryAttempts'})
        """
        fn, q = self._event_target(ref, qualifier)
        lim = self.limits
        checks = Checks()
        checks.int_range(maximum_retry_attempts, "maximumRetryAttempts", 0, lim.max_retry_attempts)
        checks.int_range(
            maximum_event_age_seconds,
            "maximumEventAgeInSeconds",
            lim.min_event_age_seconds,
            lim.max_event_age_seconds,
        )
        checks.raise_if_any()
        given = frozenset(
            name
            for name, value in (
                ("MaximumRetryAttempts", maximum_retry_attempts),
                ("MaximumEventAgeInSeconds", maximum_event_age_seconds),
            )
            if value is not None
        )
        if not given and not destinations and on_success is None and on_failure is None:
            raise InvalidParameterValueException(msg.EVENT_CONFIG_EMPTY)
        self._check_destinations(fn, on_success, on_failure)
        key = q or "$LATEST"
        with self._lock:
            old = fn.event_invoke_configs.get(key) if merge else None
            if merge and old is None:
                raise ResourceNotFoundException(
                    msg.EVENT_CONFIG_NOT_FOUND.format(arn=f"{fn.arn}:{key}")
                )

            def pick(new: Any, field: str, default: Any) -> Any:
                if new is not None:
                    return new
                return getattr(old, field) if old is not None else default

            config = EventInvokeConfig(
                pick(maximum_retry_attempts, "maximum_retry_attempts", lim.max_retry_attempts),
                pick(
                    maximum_event_age_seconds,
                    "maximum_event_age_seconds",
                    lim.max_event_age_seconds,
                ),
                pick(on_success, "on_success", None),
                pick(on_failure, "on_failure", None),
                self._now(),
                given | old.given if old is not None else given,
            )
            fn.event_invoke_configs[key] = config
            return config

    def _event_target(self, ref: str, qualifier: str | None) -> tuple[FunctionState, str | None]:
        """Put/Update/List's function and qualifier: a missing one is AWS's short text."""
        try:
            fn, q = self._lookup(ref, qualifier)
            self._config_for(fn, q)
        except ResourceNotFoundException:
            raise ResourceNotFoundException(msg.EVENT_FUNCTION_MISSING) from None
        return fn, q

    def _check_destinations(
        self, fn: FunctionState, on_success: str | None, on_failure: str | None
    ) -> None:
        for dest in (on_success, on_failure):
            if not dest:
                continue
            parts = dest.split(":")
            if len(parts) < 6 or parts[2] not in _DESTINATION_SERVICES:
                shown = [
                    f"{label}(destination={value})" if value else "null"
                    for label, value in (("OnSuccess", on_success), ("OnFailure", on_failure))
                ]
                raise InvalidParameterValueException(
                    msg.DESTINATION_CONFIG_INVALID.format(success=shown[0], failure=shown[1])
                )
            if parts[2] == "lambda" and parts[5] == "function" and len(parts) > 6:
                if parts[6] == fn.name and dest.startswith(fn.arn):
                    raise InvalidParameterValueException(msg.DESTINATION_SELF)
                if parts[6] not in self.functions:
                    raise InvalidParameterValueException(msg.DESTINATION_INVALID.format(arn=dest))
            check_target(dest, "destinations")

    def get_event_invoke_config(self, ref: str, qualifier: str | None = None) -> EventInvokeConfig:
        try:
            fn, q = self._lookup(ref, qualifier)
        except ResourceNotFoundException:  # AWS names the function that is not there
            parsed = parse_function_name(ref, namespaced=True)
            name = parsed[0] if parsed is not None else ref
            q = qualifier or (parsed[1] if parsed is not None else None)
            raise ResourceNotFoundException(
                msg.EVENT_CONFIG_NOT_FOUND.format(arn=f"{self.function_arn(name)}:{q or '$LATEST'}")
            ) from None
        config = fn.event_invoke_configs.get(q or "$LATEST")
        if config is None:
            raise ResourceNotFoundException(
                msg.EVENT_CONFIG_NOT_FOUND.format(arn=f"{fn.arn}:{q or '$LATEST'}")
            )
        return config

    def delete_event_invoke_config(self, ref: str, qualifier: str | None = None) -> None:
        self.get_event_invoke_config(ref, qualifier)
        fn, q = self._lookup(ref, qualifier)
        with self._lock:
            fn.event_invoke_configs.pop(q or "$LATEST", None)
