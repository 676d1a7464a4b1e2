"""The SQS engine: queues, messages, dead-letter queues and move tasks in one Region.

Every operation takes botocore's parameter dict and answers botocore's response dict
(the public contract other services use: ``send_message``, ``receive_message``,
``delete_message``, ``get_queue_attributes``, ``queue_url_for_arn`` ...). Each checks
the whole request before it changes anything.

>>> from pyserverless import Cloud
>>> sqs = Cloud.manual().engine("sqs")
>>> url = sqs.create_queue({"QueueName": "jobs"})["QueueUrl"]
>>> url
'https://sqs.us-east-1.amazonaws.com/123456789012/jobs'
>>> _ = sqs.send_message({"QueueUrl": url, "MessageBody": "hello"})
>>> [m["Body"] for m in sqs.receive_message({"QueueUrl": url})["Messages"]]
['hello']
>>> sqs.queue_url_for_arn("arn:aws:sqs:us-east-1:123456789012:jobs") == url
True
"""

from __future__ import annotations

from ._base import EngineBase
from ._moves import MoveOps
from ._queues import QueueOps
from ._receive import ReceiveOps
from ._send import SendOps

__all__ = ["SQS"]


class SQS(SendOps, ReceiveOps, MoveOps, QueueOps, EngineBase):
    """Amazon SQS in one Region of a Cloud."""

    def _check(self) -> None:
        """Assert the engine's invariants (tests call this after changes).

        Every queue sits under its name with its own URL and ARN and, while it holds
        messages, a retention trim planned on the clock; every message is keyed by its
        id and has a handle exactly when received; a FIFO message has a group and a
        sequence number.
        """
        with self.lock:
            for name, queue in self.queues.items():
                assert queue.name == name
                assert not queue.deleted
                assert queue.url == self.queue_url(name)
                assert queue.arn == self.queue_arn(name)
                assert queue.fifo == name.endswith(".fifo")
                if queue.messages:  # retention is planned on the clock
                    assert queue.trim is not None
                    assert not queue.trim.cancelled
                got = {i for i, m in queue.messages.items() if m.received_at is not None}
                assert queue.received == got
                for message_id, message in queue.messages.items():
                    assert message.message_id == message_id
                    assert (message.handle is None) == (message.received_at is None)
                    assert message.receive_count >= (message.received_at is not None)
                    if queue.fifo:
                        assert message.group_id is not None
                        assert message.sequence is not None
                        assert queue.groups[message.group_id][message_id] is message
                if queue.fifo:  # the group index holds exactly the messages, in order
                    assert sum(len(g) for g in queue.groups.values()) == len(queue.messages)
                    order = {i: n for n, i in enumerate(queue.messages)}
                    for members in queue.groups.values():
                        places = [order[i] for i in members]
                        assert places == sorted(places)
