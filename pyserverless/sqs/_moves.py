"""Message move tasks: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask.

A task moves a dead-letter queue's messages, on the clock, to a destination queue or
back to the queues they came from, at most ``MaxNumberOfMessagesPerSecond`` a second.
"""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

from . import _messages as msg
from ._base import EngineBase, Params, Response, check_range
from ._errors import InvalidParameterValue, ResourceNotFoundException, UnsupportedOperation
from ._model import MoveTask, Queue

__all__ = ["MoveOps"]


class MoveOps(EngineBase):
    """The move-task operations (a mixin of :class:`~pyserverless.sqs.SQS`)."""

    def start_message_move_task(self, params: Params) -> Response:
        """StartMessageMoveTask: redrive a dead-letter queue's messages."""
        source_arn = str(params["SourceArn"])
        destination_arn = params.get("DestinationArn")
        rate = check_range(params, "MaxNumberOfMessagesPerSecond", 1, self.limits.max_move_rate)
        now = self.now()
        with self.lock:
            source = self._queue_by_arn(source_arn)
            if source is None:
                raise ResourceNotFoundException(msg.TASK_QUEUE_MISSING.format(name="SourceArn"))
            if not any(self._dlq_of(q) is source for q in self.queues.values()):
                raise InvalidParameterValue(msg.NOT_A_DLQ)
            if source.fifo:
                raise UnsupportedOperation(
                    msg.NOT_EMULATED.format(what="move tasks from FIFO queues")
                )
            if destination_arn is not None:
                destination = self._queue_by_arn(str(destination_arn))
                if destination is None:
                    raise ResourceNotFoundException(
                        msg.TASK_QUEUE_MISSING.format(name="DestinationArn")
                    )
                if destination.fifo:
                    raise InvalidParameterValue(
                        msg.BAD_ARN.format(value=destination_arn, name="DestinationArn")
                    )
            if any(
                t.source_arn == source_arn and t.status == "RUNNING" for t in self.tasks.values()
            ):
                raise InvalidParameterValue(msg.TASK_RUNNING)
            handle = self._task_handle(source_arn)
            task = MoveTask(
                handle=handle,
                source_arn=source_arn,
                destination_arn=None if destination_arn is None else str(destination_arn),
                rate=rate,
                started=now,
                to_move=len(source.messages),
            )
            self.tasks[handle] = task
            task.timer = self.cloud.scheduler.call_later(
                0, functools.partial(self._run_task, handle)
            )
            return {"TaskHandle": handle}

    def _task_handle(self, source_arn: str) -> str:
        raw = json.dumps({"taskId": self.cloud.ids.uuid(), "sourceArn": source_arn})
        return base64.b64encode(raw.encode()).decode()

    def _run_task(self, handle: str) -> None:
        """One second of a task: move up to its rate of messages, then plan the next.

        Messages in flight in the dead-letter queue stay (their consumer holds them)."""
        now = self.now()
        with self.lock:
            self._run_task_locked(handle, now)
        self._tell_arrivals()

    def _run_task_locked(self, handle: str, now: float) -> None:
        task = self.tasks.get(handle)
        if task is None or task.status != "RUNNING":
            return
        source = self._queue_by_arn(task.source_arn)
        gone = task.destination_arn is not None and self._queue_by_arn(task.destination_arn) is None
        if source is None or gone:
            # A queue deleted under a running task fails it (LocalStack's snapshot of AWS,
            # test_move_task_delete_destination_queue_while_running).
            task.status, task.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
            task.timer = None
            return
        budget = task.rate or self.limits.default_move_rate
        ready = [m for m in source.messages.values() if m.visible_at <= now]
        for message in ready[:budget]:
            target = self._move_target(task, message.dlq_source)
            if target is None:
                continue
            self._move(source, message, target, now)
            message.dlq_source = None
            message.receive_count = 0
            task.moved += 1
        left = [m for m in source.messages.values() if self._move_target(task, m.dlq_source)]
        if not left or task.moved >= task.to_move:
            task.status = "COMPLETED"
            task.timer = None
        else:
            task.timer = self.cloud.scheduler.call_later(
                1, functools.partial(self._run_task, handle)
            )
        self.arrivals.notify_all()

    def _move_target(self, task: MoveTask, origin: str | None) -> Queue | None:
        arn = task.destination_arn or origin
        return None if arn is None else self._queue_by_arn(arn)

    def list_message_move_tasks(self, params: Params) -> Response:
        """ListMessageMoveTasks: a source's tasks, newest first (MaxResults 1..10)."""
        source_arn = str(params["SourceArn"])
        top = check_range(params, "MaxResults", 1, 10) or 1
        with self.lock:
            if self._queue_by_arn(source_arn) is None:
                raise ResourceNotFoundException(msg.TASK_QUEUE_MISSING.format(name="SourceArn"))
            tasks = [t for t in self.tasks.values() if t.source_arn == source_arn]
            tasks.sort(key=lambda t: t.started, reverse=True)
            return {"Results": [_task_row(t) for t in tasks[:top]]}

    def cancel_message_move_task(self, params: Params) -> Response:
        """CancelMessageMoveTask: stop a running task; moved messages stay moved."""
        handle = str(params["TaskHandle"])
        source_arn = _handle_source(handle)
        with self.lock:
            if self._queue_by_arn(source_arn) is None:
                raise ResourceNotFoundException(msg.TASK_QUEUE_MISSING.format(name="SourceArn"))
            task = self.tasks.get(handle)
            if task is None:
                raise ResourceNotFoundException(msg.TASK_NOT_FOUND)
            if task.status != "RUNNING":
                raise UnsupportedOperation(msg.TASK_NOT_RUNNING)
            task.status = "CANCELLING"
            if task.timer is not None:
                task.timer.cancel()
                task.timer = None
            task.status = "CANCELLED"
            return {"ApproximateNumberOfMessagesMoved": task.moved}


def _handle_source(handle: str) -> str:
    """The source ARN a task handle names (base64 JSON of taskId and sourceArn); a handle
    that is not one is InvalidParameterValue (LocalStack's snapshot of AWS)."""
    try:
        data = json.loads(base64.b64decode(handle, validate=True))
    except ValueError:
        data = None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("taskId"), str)
        and isinstance(data.get("sourceArn"), str)
    ):
        raise InvalidParameterValue(msg.BAD_TASK_HANDLE)
    return str(data["sourceArn"])


def _task_row(task: MoveTask) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if task.status == "RUNNING":
        row["TaskHandle"] = task.handle
    row["Status"] = task.status
    row["SourceArn"] = task.source_arn
    if task.destination_arn is not None:
        row["DestinationArn"] = task.destination_arn
    if task.rate is not None:
        row["MaxNumberOfMessagesPerSecond"] = task.rate
    row["ApproximateNumberOfMessagesMoved"] = task.moved
    row["ApproximateNumberOfMessagesToMove"] = task.to_move
    if task.failure is not None:
        row["FailureReason"] = task.failure
    row["StartedTimestamp"] = int(task.started * 1000)
    return row
