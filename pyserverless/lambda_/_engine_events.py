"""Asynchronous-invocation settings (Put/Get/Update/DeleteFunctionEventInvokeConfig).

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import _messages as msg
from ._errors import ResourceNotFoundException
from ._limits import LambdaLimits
from ._model import EventInvokeConfig
from ._validate import Checks, check_target

if TYPE_CHECKING:
    from ._model import FunctionConfig, FunctionState

__all__ = ["EventConfigs"]


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
    ) -> EventInvokeConfig:
        """Configure retries, event age and destinations for asynchronous calls."""
        fn, q = self._lookup(ref, qualifier)
        self._config_for(fn, q)
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
        for dest in (on_success, on_failure):
            check_target(dest, "destinations")
        key = q or "$LATEST"
        with self._lock:
            old = fn.event_invoke_configs.get(key) if merge else None

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
            )
            fn.event_invoke_configs[key] = config
            return config

    def get_event_invoke_config(self, ref: str, qualifier: str | None = None) -> EventInvokeConfig:
        fn, q = self._lookup(ref, qualifier)
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
