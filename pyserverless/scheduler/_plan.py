"""CreateSchedule and UpdateSchedule's request, checked into a :class:`ScheduleSpec`.

Every check runs here, before anything changes, so a refused request changes nothing.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from . import _messages as msg
from ._errors import ValidationException
from ._expressions import parse, zone_for
from ._limits import SchedulerLimits
from ._model import ScheduleSpec

__all__ = ["CONTEXT_ATTRIBUTES", "check_name", "instant", "plan_schedule"]

_NAME = re.compile(r"[0-9a-zA-Z\-_.]+")


def check_name(value: str, member: str) -> None:
    """Schedule and group names match the model's pattern in full (the generic model
    pass only searches for it)."""
    if not _NAME.fullmatch(value):
        raise ValidationException(msg.BAD_NAME.format(value=value, member=member))


_LAMBDA_ARN = re.compile(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?"
)
#: The keywords Scheduler replaces in a target's Input ("Adding context attributes").
CONTEXT_ATTRIBUTES = (
    "<aws.scheduler.schedule-arn>",
    "<aws.scheduler.scheduled-time>",
    "<aws.scheduler.execution-id>",
    "<aws.scheduler.attempt-number>",
)
_SQS_ARN = re.compile(r"arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?")
#: Target members for targets other than Lambda and SQS, refused until those services exist.
_OTHER_TARGET_MEMBERS = (
    "EcsParameters",
    "EventBridgeParameters",
    "EventBridgePutEventsV2Parameters",
    "EventBridgePutRawEventsParameters",
    "KinesisParameters",
    "SageMakerPipelineParameters",
)


def instant(value: Any) -> float:
    """Epoch seconds of a timestamp as botocore or the wire gives it (naive means UTC)."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            return instant(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            pass
    raise ValidationException(f"Invalid timestamp {value!r}.")


def plan_schedule(params: dict[str, Any], limits: SchedulerLimits) -> ScheduleSpec:
    """Check a CreateSchedule / UpdateSchedule request; the spec it sets."""
    check_name(params["Name"], "name")
    if params.get("GroupName") is not None:
        check_name(params["GroupName"], "groupName")
    timezone = params.get("ScheduleExpressionTimezone")
    expression = parse(params["ScheduleExpression"], zone_for(timezone))
    start = instant(params["StartDate"]) if params.get("StartDate") is not None else None
    end = instant(params["EndDate"]) if params.get("EndDate") is not None else None
    if start is not None and end is not None and end <= start:
        raise ValidationException(msg.END_BEFORE_START)
    flexible = dict(params["FlexibleTimeWindow"])
    window = flexible.get("MaximumWindowInMinutes")
    if flexible["Mode"] == "FLEXIBLE" and window is None:
        raise ValidationException(msg.WINDOW_REQUIRED)
    if flexible["Mode"] == "OFF" and window is not None:
        raise ValidationException(msg.WINDOW_NOT_ALLOWED)
    if params.get("KmsKeyArn") is not None:
        raise ValidationException(msg.UNSUPPORTED_MEMBER.format(member="KmsKeyArn"))
    target = _target(params["Target"], limits)
    retry = target["RetryPolicy"]
    return ScheduleSpec(
        expression=expression,
        timezone=timezone,
        start=start,
        end=end,
        description=params.get("Description"),
        state=params.get("State") or "ENABLED",
        target=target,
        flexible=flexible,
        action_after_completion=params.get("ActionAfterCompletion") or "NONE",
        window_seconds=int(window or 0) * 60,
        max_retry_attempts=retry["MaximumRetryAttempts"],
        max_event_age_seconds=retry["MaximumEventAgeInSeconds"],
    )


def _target(given: dict[str, Any], limits: SchedulerLimits) -> dict[str, Any]:
    arn = given["Arn"]
    queue = _SQS_ARN.fullmatch(arn) is not None
    if not queue and not _LAMBDA_ARN.fullmatch(arn):
        raise ValidationException(msg.UNSUPPORTED_TARGET.format(arn=arn))
    for member in _OTHER_TARGET_MEMBERS:
        if given.get(member) is not None:
            raise ValidationException(msg.UNSUPPORTED_MEMBER.format(member=f"Target.{member}"))
    _check_queue_members(arn, queue, given.get("SqsParameters"), given.get("DeadLetterConfig"))
    text = given.get("Input")
    if text is not None and not queue:  # a queue takes any text as the message body
        probe = text
        for keyword in CONTEXT_ATTRIBUTES:
            probe = probe.replace(keyword, "1")
        try:
            json.loads(probe)
        except ValueError:
            raise ValidationException(msg.BAD_INPUT) from None
    retry = dict(given.get("RetryPolicy") or {})
    # Discarded firings go to the DeadLetterConfig queue, and are kept in the engine's
    # ``attempts`` (``discarded=True``) either way.
    retry.setdefault("MaximumEventAgeInSeconds", limits.default_max_event_age_seconds)
    retry.setdefault("MaximumRetryAttempts", limits.default_max_retry_attempts)
    target = dict(given)
    target["RetryPolicy"] = retry
    return target


def _check_queue_members(arn: str, queue: bool, sqs: Any, dead_letter: Any) -> None:
    """A FIFO queue target's MessageGroupId, and the dead-letter queue."""
    fifo = queue and arn.endswith(".fifo")
    group = sqs.get("MessageGroupId") if isinstance(sqs, dict) else None
    if fifo and not group:
        raise ValidationException(msg.SQS_GROUP_REQUIRED)
    if sqs is not None and not fifo:
        raise ValidationException(msg.SQS_PARAMETERS_NOT_FIFO)
    if dead_letter is not None:
        dlq = dead_letter.get("Arn") if isinstance(dead_letter, dict) else None
        if not isinstance(dlq, str) or not _SQS_ARN.fullmatch(dlq) or dlq.endswith(".fifo"):
            raise ValidationException(msg.BAD_DEAD_LETTER.format(arn=dlq))
