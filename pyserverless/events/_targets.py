"""PutTargets, RemoveTargets and ListTargetsByRule (a mixin of the engine).

A ``RetryPolicy`` is accepted and listed: EventBridge retries only deliveries that fail
for a retriable reason (throttling, service errors), and Lambda's asynchronous queue
here accepts every event for an existing function, so none arises.

PutTargets accepts any well-formed ARN, as AWS does: whether the target can take an
event is learnt when one is delivered (a missing function is a failed delivery,
recorded in ``engine.deliveries``). Lambda functions and SQS queues are delivered to
(a FIFO queue needs ``SqsParameters.MessageGroupId``); other targets' events are
recorded as failed deliveries with ``UnsupportedTarget``. A target's
``DeadLetterConfig`` names an SQS queue that receives the events its delivery failed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import _messages as msg
from ._base import EngineBase, Params, Response, check_name
from ._errors import LimitExceededException, ValidationException
from ._input import PathError, parse_path, render
from ._model import Target

__all__ = ["TargetOps"]

_ARN = re.compile(r"^arn:aws[a-z\-]*:[a-z0-9\-]+:[a-z0-9\-]*:\d{0,12}:.+$")
#: Target members pyserverless does not deliver with: refused rather than ignored.
_UNSUPPORTED = (
    "KinesisParameters",
    "RunCommandParameters",
    "EcsParameters",
    "BatchParameters",
    "HttpParameters",
    "RedshiftDataParameters",
    "SageMakerPipelineParameters",
    "AppSyncParameters",
)
#: An SQS queue's ARN (a target or a dead-letter queue).
_SQS_ARN = re.compile(r"^arn:aws[a-z\-]*:sqs:[a-z0-9\-]+:\d{12}:[A-Za-z0-9_\-]{1,80}(\.fifo)?$")
# [O] PutTargets with a FIFO queue target and no SqsParameters.
SQS_PARAMETERS_REQUIRED = "Parameter(s) SqsParameters must be specified for target: {id}."
# [?] SqsParameters given to a target that is not a queue, or a MessageGroupId to a
# standard queue.
SQS_PARAMETERS_NOT_FIFO = "SqsParameters is only valid for FIFO queue targets: {id}."
# [?] a DeadLetterConfig that does not name a standard SQS queue.
BAD_DEAD_LETTER = "Parameter DeadLetterConfig.Arn {arn} is not valid for target {id}."
_PREDEFINED = frozenset(
    {
        "aws.events.rule-arn",
        "aws.events.rule-name",
        "aws.events.event.ingestion-time",
        "aws.events.event",
        "aws.events.event.json",
    }
)


class TargetOps(EngineBase):
    """The targets of rules."""

    def put_targets(self, params: Params) -> Response:
        """PutTargets: add or replace targets of a rule (at most five per rule)."""
        with self.lock:
            rule = self._rule(params, "Rule")
            planned = [self._parse_target(t) for t in params["Targets"]]
            ids = set(rule.targets) | {t.id for t in planned}
            if len(ids) > self.limits.max_targets_per_rule:
                raise LimitExceededException(msg.TOO_MANY_TARGETS)
            for target in planned:
                rule.targets[target.id] = target
            return {"FailedEntryCount": 0, "FailedEntries": []}

    def _parse_target(self, spec: dict[str, Any]) -> Target:
        tid, arn = spec["Id"], spec["Arn"]
        check_name(tid, "targets.member.id")
        for member in _UNSUPPORTED:
            if spec.get(member) is not None:
                text = msg.UNSUPPORTED_TARGET_MEMBER.format(id=tid, member=member)
                raise ValidationException(text)
        if not _ARN.match(arn):
            raise ValidationException(msg.BAD_ARN.format(arn=arn))
        _check_sqs(tid, arn, spec.get("SqsParameters"), spec.get("DeadLetterConfig"))
        given = [m for m in ("Input", "InputPath", "InputTransformer") if spec.get(m) is not None]
        if len(given) > 1:
            raise ValidationException(msg.ONE_INPUT.format(id=tid))
        target = Target(tid, arn, {k: v for k, v in spec.items() if v is not None})
        if "Input" in given:
            try:
                json.loads(spec["Input"])
            except ValueError:
                raise ValidationException(msg.BAD_INPUT.format(id=tid)) from None
            target.input = spec["Input"]
        elif "InputPath" in given:
            target.input_path = _path(tid, "InputPath", spec["InputPath"])
        elif "InputTransformer" in given:
            target.transformer = _transformer(tid, spec["InputTransformer"])
        return target

    def remove_targets(self, params: Params) -> Response:
        """RemoveTargets: remove targets from a rule by id (unknown ids are no error)."""
        with self.lock:
            rule = self._rule(params, "Rule")
            for tid in params["Ids"]:
                rule.targets.pop(tid, None)
            return {"FailedEntryCount": 0, "FailedEntries": []}

    def list_targets_by_rule(self, params: Params) -> Response:
        """ListTargetsByRule: a rule's targets as PutTargets gave them."""
        with self.lock:
            rule = self._rule(params, "Rule")
            rows = [dict(t.described) for t in rule.targets.values()]
            page, token = self._page(rows, params)
            out: Response = {"Targets": page}
            if token is not None:
                out["NextToken"] = token
            return out


def _check_sqs(tid: str, arn: str, sqs: Any, dead_letter: Any) -> None:
    """SqsParameters (a FIFO queue's MessageGroupId) and a DeadLetterConfig queue."""
    fifo = bool(_SQS_ARN.match(arn)) and arn.endswith(".fifo")
    group = sqs.get("MessageGroupId") if isinstance(sqs, dict) else None
    if fifo and not group:
        raise ValidationException(SQS_PARAMETERS_REQUIRED.format(id=tid))
    if sqs is not None and not fifo:
        raise ValidationException(SQS_PARAMETERS_NOT_FIFO.format(id=tid))
    if dead_letter is not None:
        dlq = dead_letter.get("Arn") if isinstance(dead_letter, dict) else None
        if not isinstance(dlq, str) or not _SQS_ARN.match(dlq) or dlq.endswith(".fifo"):
            raise ValidationException(BAD_DEAD_LETTER.format(arn=dlq, id=tid))


def _path(tid: str, member: str, text: str) -> tuple[str | int, ...]:
    try:
        return parse_path(text)
    except PathError:
        raise ValidationException(
            msg.BAD_INPUT_PATH.format(member=member, id=tid, path=text)
        ) from None


def _transformer(tid: str, spec: dict[str, Any]) -> tuple[dict[str, tuple[str | int, ...]], str]:
    paths = {
        name: _path(tid, "InputPathsMap", path)
        for name, path in (spec.get("InputPathsMap") or {}).items()
    }
    template = spec["InputTemplate"]
    stripped = template.strip()
    if stripped.startswith(("{", "[")):
        trial = render(template, paths, {}, dict.fromkeys(_PREDEFINED, "x"))
        try:
            json.loads(trial)
        except ValueError:
            raise ValidationException(msg.BAD_TEMPLATE.format(id=tid)) from None
    return paths, template
