"""Planned failures of one function (``Function.fail_next``), consistent with ``cloud.faults``.

A base class of :class:`~pyserverless.lambda_._engine.LambdaService`. A plan is plain
data on the function's record (``FunctionState.planned``): ``(code, error, message)``
per invocation to fail. A Lambda error code (``TooManyRequestsException``...) is raised
as that error before anything runs; any other name is the handler's ``errorType`` of a
``FunctionError: Unhandled`` answer, logged and billed as a handler failure.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ._errors import LambdaError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._model import FunctionState

__all__ = ["DEFAULT_MESSAGE", "PlannedFailures", "planned_outcome", "service_error_class"]

DEFAULT_MESSAGE = "Planned failure (fail_next)"


def service_error_class(code: str) -> type[LambdaError] | None:
    """The Lambda error class named ``code``, if there is one."""
    from .._core.errors import error_classes

    found = error_classes(LambdaError).get(code)
    return found if found is not None and issubclass(found, LambdaError) else None


class PlannedFailures:
    """``fail_next`` and the check each invocation makes."""

    cloud: Cloud
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _function(self, ref: str) -> FunctionState: ...

    def fail_next(
        self, ref: str, times: int = 1, *, error: str | None = None, message: str | None = None
    ) -> None:
        """Make the next ``times`` invocations of ``ref`` fail (see ``Function.fail_next``)."""
        if isinstance(times, bool) or not isinstance(times, int):
            raise TypeError(f"n must be a whole number, not {times!r}")
        if times < 1:
            raise ValueError(f"n must be at least 1, got {times}")
        if error is not None and (not isinstance(error, str) or not error):
            raise TypeError(f"error must be an error type or a Lambda error code, not {error!r}")
        if message is not None and not isinstance(message, str):
            raise TypeError(f"message must be a str, not {message!r}")
        fn = self._function(ref)
        kind = "service" if error and service_error_class(error) else "function"
        plan = (kind, error or "Exception", message)
        with self._lock:
            fn.planned.extend([plan] * times)

    def _take_planned(self, fn: FunctionState) -> tuple[str, str, str | None] | None:
        """The failure planned for this invocation (recorded in cloud.faults), if any."""
        if not fn.planned:
            return None
        with self._lock:
            if not fn.planned:
                return None
            kind, code, message = fn.planned.pop(0)
        effect = code if kind == "service" else f"Unhandled {code}"
        self.cloud.faults.record("lambda", "Invoke", effect)
        if kind == "service":
            cls = service_error_class(code)
            assert cls is not None
            raise cls(message)
        return kind, code, message


def planned_outcome(code: str, message: str | None, request_id: str) -> Any:
    """The Outcome of a planned function error: the handler's error body, not run."""
    from ._runtime import Outcome, error_payload

    body = error_payload(message or DEFAULT_MESSAGE, code, request_id)
    return Outcome("error", body, error_type=code)
