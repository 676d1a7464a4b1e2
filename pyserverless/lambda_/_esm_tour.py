"""The SQS-to-Lambda stop of ``pyserverless tour``: a queue drives a function, partial
batch failures, and a poison message redriven to the dead-letter queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


class _Worker:
    """A handler that reports the messages saying "poison" as failed, keeps the rest."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.calls = 0

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.calls += 1
        failed = []
        for record in event["Records"]:
            if record["body"] == "poison":
                failed.append({"itemIdentifier": record["messageId"]})
            else:
                self.done.append(record["body"])
        return {"batchItemFailures": failed}


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """SQS to Lambda: an event source mapping, ReportBatchItemFailures and redrive."""
    dlq = cloud.sqs.queue("tour-orders-dlq")
    orders = cloud.sqs.queue("tour-orders", dead_letter=dlq, max_receives=3)
    worker = _Worker()
    fn = cloud.lambda_.create_function("tour-orders", handler=worker)
    mapping = cloud.engine("lambda").subscribe_queue(
        orders.arn, fn, batch_size=10, report_batch_item_failures=True
    )
    say(f"Mapped {mapping!r}.")
    for body in ("order-1", "poison", "order-2"):
        orders.send(body)
    cloud.advance(1)
    say(f"  one batch: processed {worker.done}; the poison message stays in flight")
    say("  advancing the clock two minutes (the queue's visibility timeout is 30 s) ...")
    cloud.advance(120)
    say(f"  {worker.calls} invocations in all;")
    say(f"  the dead-letter queue holds {dlq.messages}")
