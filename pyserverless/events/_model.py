"""EventBridge's resources: event buses, rules and their targets, and delivery records."""

from __future__ import annotations

from typing import Any

import attrs

from .._core.scheduler import TaskHandle
from ._cron import Schedule
from ._patterns import Pattern

__all__ = ["Bus", "Delivery", "Rule", "Target"]


@attrs.define(eq=False)
class Target:
    """One target of a rule, as PutTargets gave it (``described`` is its ListTargetsByRule row)."""

    id: str
    arn: str
    described: dict[str, Any]
    input: str | None = None
    input_path: tuple[str | int, ...] | None = None
    #: (InputPathsMap parsed: name -> path, InputTemplate)
    transformer: tuple[dict[str, tuple[str | int, ...]], str] | None = None


@attrs.define(eq=False)
class Rule:
    """One rule on one bus: an event pattern or a schedule, and up to five targets."""

    name: str
    bus: str
    arn: str
    state: str
    event_pattern: str | None = None
    pattern: Pattern | None = None
    schedule_expression: str | None = None
    schedule: Schedule | None = None
    description: str | None = None
    role_arn: str | None = None
    tags: dict[str, str] = attrs.field(factory=dict)
    targets: dict[str, Target] = attrs.field(factory=dict)
    #: When a rate schedule counts from (the rule's creation or its last enabling).
    anchor: float = 0.0
    #: The pending firing of a scheduled, enabled rule.
    timer: TaskHandle | None = None
    #: How many times the schedule fired.
    firings: int = 0

    @property
    def enabled(self) -> bool:
        return self.state != "DISABLED"


@attrs.define(eq=False)
class Bus:
    """An event bus and its rules."""

    name: str
    arn: str
    created: float
    description: str | None = None
    rules: dict[str, Rule] = attrs.field(factory=dict)
    tags: dict[str, str] = attrs.field(factory=dict)
    #: The bus's resource policy (PutPermission), as DescribeEventBus shows it.
    policy: dict[str, Any] | None = None


@attrs.frozen
class Delivery:
    """One attempt to hand an event to a target: what was sent and how it went.

    ``error_code`` is None for an event handed over (to Lambda's asynchronous queue);
    otherwise the reason the target could not take it (AWS counts these as
    ``FailedInvocations`` and drops them when no dead-letter queue is set).
    """

    rule: str
    target_id: str
    arn: str
    time: float
    payload: bytes
    error_code: str | None = None
    error_message: str | None = None
