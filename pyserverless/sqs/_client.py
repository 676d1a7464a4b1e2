"""``cloud.client("sqs")``: boto3's SQS client, over the engine.

Each operation is one call of the engine's public method of the same name.

>>> from pyserverless import Cloud
>>> sqs = Cloud.manual().client("sqs")
>>> url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
>>> sqs.send_message(QueueUrl=url, MessageBody="hello")["MD5OfMessageBody"]
'5d41402abc4b2a76b9719d911017c592'
>>> try:
...     sqs.get_queue_url(QueueName="nope")
... except sqs.exceptions.QueueDoesNotExist as err:
...     print(err.response["Error"]["Code"])
AWS.SimpleQueueService.NonExistentQueue
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from ._engine import SQS
from ._errors import SQSError

__all__ = ["SQSClient"]


class SQSClient(ServiceClient):
    """boto3's ``sqs`` client: queues, messages, dead-letter queues and move tasks."""

    service_name: ClassVar[str] = "sqs"
    error_base: ClassVar[type[SQSError]] = SQSError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: SQS = cloud.engine("sqs", region_name)

    @operation("CreateQueue")
    def create_queue(self, params: Params) -> Response:
        """Create a standard or FIFO queue, or return the URL of an identical one.

        CreateQueue. Required: ``QueueName`` (a FIFO queue's ends in ``.fifo``).
        Optional: ``Attributes`` (VisibilityTimeout, DelaySeconds, RedrivePolicy,
        FifoQueue, ...) and ``tags``. Returns ``QueueUrl``; a name in use with other
        attribute values is ``QueueNameExists``.
        """
        return self._engine.create_queue(params)

    @operation("GetQueueUrl")
    def get_queue_url(self, params: Params) -> Response:
        """Look a queue's URL up by its name.

        GetQueueUrl. Required: ``QueueName``; optional ``QueueOwnerAWSAccountId``.
        Returns ``QueueUrl``.
        """
        return self._engine.get_queue_url(params)

    @operation("ListQueues")
    def list_queues(self, params: Params) -> Response:
        """List queue URLs in name order.

        ListQueues. Optional: ``QueueNamePrefix``, ``MaxResults`` (1 to 1000) and
        ``NextToken``. Returns ``QueueUrls`` and, when more remain, ``NextToken``.
        """
        return self._engine.list_queues(params)

    @operation("DeleteQueue")
    def delete_queue(self, params: Params) -> Response:
        """Delete a queue and its messages.

        DeleteQueue. Required: ``QueueUrl``. The name can be reused after 60 seconds.
        """
        return self._engine.delete_queue(params)

    @operation("PurgeQueue")
    def purge_queue(self, params: Params) -> Response:
        """Delete every message of a queue.

        PurgeQueue. Required: ``QueueUrl``. One purge per queue every 60 seconds.
        """
        return self._engine.purge_queue(params)

    @operation("GetQueueAttributes")
    def get_queue_attributes(self, params: Params) -> Response:
        """Read a queue's attributes, computed counts included.

        GetQueueAttributes. Required: ``QueueUrl``; ``AttributeNames`` (``All`` for
        every one). Returns ``Attributes`` as text.
        """
        return self._engine.get_queue_attributes(params)

    @operation("SetQueueAttributes")
    def set_queue_attributes(self, params: Params) -> Response:
        """Change a queue's settable attributes.

        SetQueueAttributes. Required: ``QueueUrl`` and ``Attributes``. ``FifoQueue``
        cannot change.
        """
        return self._engine.set_queue_attributes(params)

    @operation("TagQueue")
    def tag_queue(self, params: Params) -> Response:
        """Add or replace a queue's tags.

        TagQueue. Required: ``QueueUrl`` and ``Tags`` (a map).
        """
        return self._engine.tag_queue(params)

    @operation("UntagQueue")
    def untag_queue(self, params: Params) -> Response:
        """Remove tags from a queue by key.

        UntagQueue. Required: ``QueueUrl`` and ``TagKeys``.
        """
        return self._engine.untag_queue(params)

    @operation("ListQueueTags")
    def list_queue_tags(self, params: Params) -> Response:
        """Read a queue's tags.

        ListQueueTags. Required: ``QueueUrl``. Returns ``Tags``.
        """
        return self._engine.list_queue_tags(params)

    @operation("AddPermission")
    def add_permission(self, params: Params) -> Response:
        """Add a statement to a queue's access policy.

        AddPermission. Required: ``QueueUrl``, ``Label``, ``AWSAccountIds`` and
        ``Actions``. The policy is stored, not yet evaluated.
        """
        return self._engine.add_permission(params)

    @operation("RemovePermission")
    def remove_permission(self, params: Params) -> Response:
        """Remove a statement from a queue's access policy by label.

        RemovePermission. Required: ``QueueUrl`` and ``Label``.
        """
        return self._engine.remove_permission(params)

    @operation("ListDeadLetterSourceQueues")
    def list_dead_letter_source_queues(self, params: Params) -> Response:
        """List the queues that use this queue as their dead-letter queue.

        ListDeadLetterSourceQueues. Required: ``QueueUrl``; optional ``MaxResults`` and
        ``NextToken``. Returns ``queueUrls``.
        """
        return self._engine.list_dead_letter_source_queues(params)

    @operation("SendMessage")
    def send_message(self, params: Params) -> Response:
        """Put one message on a queue.

        SendMessage. Required: ``QueueUrl`` and ``MessageBody``. Optional:
        ``DelaySeconds`` (standard queues), ``MessageAttributes``,
        ``MessageSystemAttributes``, ``MessageGroupId`` and ``MessageDeduplicationId``
        (FIFO). Returns ``MessageId``, the MD5 digests and, on FIFO, ``SequenceNumber``.
        """
        return self._engine.send_message(params)

    @operation("SendMessageBatch")
    def send_message_batch(self, params: Params) -> Response:
        """Put up to ten messages on a queue in one call.

        SendMessageBatch. Required: ``QueueUrl`` and ``Entries`` (each with an ``Id``
        and the SendMessage members). Returns ``Successful`` and ``Failed`` entries.
        """
        return self._engine.send_message_batch(params)

    @operation("ReceiveMessage")
    def receive_message(self, params: Params) -> Response:
        """Take visible messages off a queue for a visibility timeout.

        ReceiveMessage. Required: ``QueueUrl``. Optional: ``MaxNumberOfMessages`` (1 to
        10), ``VisibilityTimeout``, ``WaitTimeSeconds`` (long polling),
        ``MessageSystemAttributeNames``, ``MessageAttributeNames``,
        ``ReceiveRequestAttemptId`` (FIFO). Returns ``Messages``, each with a fresh
        ``ReceiptHandle``.
        """
        return self._engine.receive_message(params)

    @operation("DeleteMessage")
    def delete_message(self, params: Params) -> Response:
        """Delete a received message by its receipt handle.

        DeleteMessage. Required: ``QueueUrl`` and ``ReceiptHandle`` (the latest one of
        the message).
        """
        return self._engine.delete_message(params)

    @operation("DeleteMessageBatch")
    def delete_message_batch(self, params: Params) -> Response:
        """Delete up to ten received messages in one call.

        DeleteMessageBatch. Required: ``QueueUrl`` and ``Entries`` (``Id`` and
        ``ReceiptHandle``). Returns ``Successful`` and ``Failed``.
        """
        return self._engine.delete_message_batch(params)

    @operation("ChangeMessageVisibility")
    def change_message_visibility(self, params: Params) -> Response:
        """Give an in-flight message a new visibility timeout, counted from now.

        ChangeMessageVisibility. Required: ``QueueUrl``, ``ReceiptHandle`` and
        ``VisibilityTimeout`` (0 to 43200; at most 12 hours in flight in all).
        """
        return self._engine.change_message_visibility(params)

    @operation("ChangeMessageVisibilityBatch")
    def change_message_visibility_batch(self, params: Params) -> Response:
        """Change up to ten in-flight messages' visibility timeouts in one call.

        ChangeMessageVisibilityBatch. Required: ``QueueUrl`` and ``Entries`` (``Id``,
        ``ReceiptHandle``, ``VisibilityTimeout``). Returns ``Successful`` and
        ``Failed``.
        """
        return self._engine.change_message_visibility_batch(params)

    @operation("StartMessageMoveTask")
    def start_message_move_task(self, params: Params) -> Response:
        """Move a dead-letter queue's messages to their sources or another queue, on the clock.

        StartMessageMoveTask. Required: ``SourceArn`` (a dead-letter queue). Optional:
        ``DestinationArn`` and ``MaxNumberOfMessagesPerSecond`` (1 to 500). Returns
        ``TaskHandle``.
        """
        return self._engine.start_message_move_task(params)

    @operation("ListMessageMoveTasks")
    def list_message_move_tasks(self, params: Params) -> Response:
        """List a dead-letter queue's move tasks, newest first.

        ListMessageMoveTasks. Required: ``SourceArn``; optional ``MaxResults`` (1 to
        10). Returns ``Results``.
        """
        return self._engine.list_message_move_tasks(params)

    @operation("CancelMessageMoveTask")
    def cancel_message_move_task(self, params: Params) -> Response:
        """Stop a running move task.

        CancelMessageMoveTask. Required: ``TaskHandle``. Returns
        ``ApproximateNumberOfMessagesMoved``.
        """
        return self._engine.cancel_message_move_task(params)
