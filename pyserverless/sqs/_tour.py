"""The SQS stop of ``pyserverless tour``: visibility timeouts and a dead-letter queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["tour"]


def tour(cloud: Cloud, say: Callable[[str], None]) -> None:
    """SQS: a message hidden while in flight, then redriven to a dead-letter queue."""
    dlq = cloud.sqs.queue("tour-dlq")
    jobs = cloud.sqs.queue("tour-jobs", visibility_timeout=30, dead_letter=dlq, max_receives=2)
    jobs.send({"job": 1})
    say(f"Sent a message: {jobs!r}")
    [message] = jobs.receive()
    say(f"  received it (receive {message.receive_count}): {jobs!r}")
    cloud.advance(30)
    say(f"  30 s later, its visibility timeout is over: {jobs!r}")
    jobs.receive()
    cloud.advance(30)
    left = jobs.receive()
    say(f"  the third receive (maxReceiveCount 2) gets {len(left)} messages;")
    say(f"  the message went to the dead-letter queue: {dlq!r}, bodies {dlq.messages}")
