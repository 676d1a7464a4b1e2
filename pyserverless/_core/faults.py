"""Fault injection: make the next matching calls fail, or slow down, as AWS sometimes does.

One small API per Cloud (``cloud.faults``). A planned fault fires at the door every
request passes (the client layer, so ``cloud.client``, ``mock_aws`` and ``pyserverless
serve`` alike), before the engine sees the request: a failed call changes nothing, as a
throttled AWS call changes nothing. What fired is recorded for ``history()``.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> plan = cloud.faults.fail("dynamodb", "ListTables", error="ThrottlingException", times=1)
>>> plan
<Fault fail dynamodb.ListTables ThrottlingException (1 left)>
>>> try:
...     cloud.client("dynamodb").list_tables()
... except Exception as err:
...     print(type(err).__name__)
ThrottlingException
>>> cloud.client("dynamodb").list_tables()["TableNames"]
[]
>>> [(e.service, e.operation, e.effect) for e in cloud.faults.history()]
[('dynamodb', 'ListTables', 'ThrottlingException')]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .errors import AWSError, error_classes
from .network import Network
from .services import load, spec_for

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["Fault", "FaultEvent", "Faults"]

Predicate = Callable[[Mapping[str, Any]], bool]


@attrs.frozen
class FaultEvent:
    """One fault that fired: when (the Cloud's clock), where, and what it did."""

    at: datetime
    service: str
    operation: str
    #: The AWS error code raised, or ``"latency 1.5s"``.
    effect: str


@attrs.define(eq=False)
class Fault:
    """A planned fault; ``cancel()`` withdraws it. Built by :class:`Faults`."""

    service: str
    operation: str
    kind: str  # "fail" or "latency"
    times: int | None
    when: Predicate | None
    error: Callable[[], AWSError] | None = None
    code: str = ""
    seconds: float = 0.0
    real: bool = False
    cancelled: bool = False

    def cancel(self) -> None:
        """Withdraw the fault: it fires no more."""
        self.cancelled = True

    @property
    def remaining(self) -> int | None:
        """How many more times it fires (``None``: until cancelled)."""
        return self.times

    def _matches(self, service: str, operation: str, params: Mapping[str, Any]) -> bool:
        if self.cancelled or self.times == 0:
            return False
        if self.service != service or self.operation not in ("*", operation):
            return False
        return self.when is None or bool(self.when(params))

    def __repr__(self) -> str:
        what = self.code if self.kind == "fail" else f"{self.seconds}s"
        left = "until cancelled" if self.times is None else f"{self.times} left"
        return f"<Fault {self.kind} {self.service}.{self.operation} {what} ({left})>"


class Faults:
    """The Cloud's planned faults: ``cloud.faults``.

    ``fail(service, operation, error=..., times=1, when=None)`` makes the next
    ``times`` matching calls raise AWS's ``error`` (a code of that service, such as
    ``"ProvisionedThroughputExceededException"``, or an ``AWSError`` to raise as is);
    ``operation="*"`` matches every operation of the service, and ``when`` is a
    predicate on the request dict. ``latency(service, operation, seconds)`` moves the
    Cloud's ``ManualClock`` forward by ``seconds`` before the call (``real=True``:
    sleeps that long instead, for code that measures wall time).
    """

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self._lock = threading.Lock()
        self._plans: list[Fault] = []
        self._history: list[FaultEvent] = []
        #: True while any plan is live: the per-call cost when none is, is one attribute read.
        self.armed = False
        #: Partitions between Regions and paused replicas (global tables' replication).
        self.network = Network(cloud)

    def fail(
        self,
        service: str,
        operation: str,
        error: str | AWSError = "InternalServerError",
        *,
        times: int | None = 1,
        when: Predicate | None = None,
        message: str | None = None,
    ) -> Fault:
        """Make the next ``times`` matching calls raise ``error``; the planned fault."""
        self._check_target(service, operation, times, when)
        if isinstance(error, AWSError):
            code, make = error.code, _fixed(error)
        elif isinstance(error, str):
            cls = self._error_class(service, error)
            code, make = error, _builder(cls, message)
        else:
            raise TypeError(f"error must be an AWS error code or an AWSError, not {error!r}")
        return self._add(Fault(service, operation, "fail", times, when, make, code))

    def latency(
        self,
        service: str,
        operation: str,
        seconds: float,
        *,
        times: int | None = 1,
        when: Predicate | None = None,
        real: bool = False,
    ) -> Fault:
        """Delay the next ``times`` matching calls by ``seconds`` (clock time by default)."""
        self._check_target(service, operation, times, when)
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError(f"seconds must be a number >= 0, got {seconds!r}")
        fault = Fault(service, operation, "latency", times, when, seconds=float(seconds), real=real)
        return self._add(fault)

    def contention(self, hold_seconds: float, *, region: str | None = None) -> float:
        """DynamoDB's transaction conflicts, as AWS has them under contention: for
        ``hold_seconds`` of clock time after a transaction commits, its items are in
        flight, so another transaction on one is cancelled with ``TransactionConflict``
        and a single-item write gets ``TransactionConflictException``. ``0`` turns it
        off. The previous setting.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> cloud.faults.contention(5.0)
        0.0
        """
        engine = self._cloud.engine("dynamodb", region)
        previous: float = engine.set_contention(hold_seconds)
        return previous

    def hold_item(
        self, table: str, key: Mapping[str, Any], seconds: float, *, region: str | None = None
    ) -> None:
        """Hold one DynamoDB item in flight for ``seconds``, as another client's transaction
        would: writes and transactions on it conflict until the clock passes the hold.
        ``key`` holds native values (``{"id": "ada"}``)."""
        self._cloud.engine("dynamodb", region).hold_item(table, key, seconds)

    def history(self) -> list[FaultEvent]:
        """Every fault that fired, oldest first."""
        with self._lock:
            return list(self._history)

    def record(self, service: str, operation: str, effect: str) -> None:
        """Record a fault a service fired itself (Lambda's ``Function.fail_next``)."""
        with self._lock:
            self._history.append(FaultEvent(self._cloud.now(), service, operation, effect))

    def planned(self) -> list[Fault]:
        """The faults that can still fire."""
        with self._lock:
            return [f for f in self._plans if not f.cancelled and f.times != 0]

    def clear(self) -> None:
        """Withdraw every planned fault (the history stays)."""
        with self._lock:
            for fault in self._plans:
                fault.cancelled = True
            self._plans.clear()
            self.armed = False

    def before_call(self, service: str, operation: str, params: Mapping[str, Any]) -> None:
        """Fire what matches this call: delay it, or raise its error (the doors call this)."""
        if not self.armed:
            return
        fired: list[Fault] = []
        with self._lock:
            for fault in self._plans:
                if fault._matches(service, operation, params):
                    if fault.times is not None:
                        fault.times -= 1
                    fired.append(fault)
                    if fault.kind == "fail":
                        break
            self._plans = [f for f in self._plans if not f.cancelled and f.times != 0]
            self.armed = bool(self._plans)
            for fault in fired:
                effect = fault.code if fault.kind == "fail" else f"latency {fault.seconds}s"
                self._history.append(FaultEvent(self._cloud.now(), service, operation, effect))
        for fault in fired:
            if fault.kind == "latency":
                self._delay(fault)
            elif fault.error is not None:
                raise fault.error()

    # -- helpers ------------------------------------------------------------------------
    def _add(self, fault: Fault) -> Fault:
        with self._lock:
            self._plans.append(fault)
            self.armed = True
        return fault

    def _delay(self, fault: Fault) -> None:
        if fault.real:
            time.sleep(fault.seconds)
        else:
            clock = self._cloud.clock
            advance = getattr(clock, "advance", None)
            if advance is None:  # a SystemClock cannot be moved: wait for real
                time.sleep(fault.seconds)
            else:
                advance(fault.seconds)

    @staticmethod
    def _check_target(service: str, operation: str, times: int | None, when: Any) -> None:
        spec_for(service, need="client")  # ValueError naming the services with clients
        if not isinstance(operation, str) or not operation:
            raise ValueError("operation must be an AWS operation name such as 'PutItem', or '*'")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int)):
            raise TypeError(f"times must be a whole number or None, not {times!r}")
        if times is not None and times < 1:
            raise ValueError(f"times must be at least 1 (or None for until cancelled), got {times}")
        if when is not None and not callable(when):
            raise TypeError("when must be a function of the request dict, or None")
        client = load(spec_for(service, need="client").client)  # type: ignore[arg-type]
        if operation != "*" and operation not in client.operations:
            raise ValueError(
                f"{service} has no operation {operation!r} here; "
                f"did you mean one of {sorted(client.operations)[:8]}...?"
            )

    @staticmethod
    def _error_class(service: str, code: str) -> type[AWSError]:
        base = load(spec_for(service, need="client").client).error_base  # type: ignore[arg-type]
        found = error_classes(base)
        cls = found.get(code)
        if cls is None:
            raise ValueError(f"{service} has no error {code!r}; its errors: {sorted(found)}")
        return cls

    def __repr__(self) -> str:
        return f"<Faults planned={len(self.planned())} fired={len(self._history)}>"


def _builder(cls: type[AWSError], message: str | None) -> Callable[[], AWSError]:
    def make() -> AWSError:
        return cls(message)

    return make


def _fixed(error: AWSError) -> Callable[[], AWSError]:
    def make() -> AWSError:
        return error

    return make
