"""SQS's errors: one class per error shape of botocore's model (plus AWS's generic codes).

SQS moved from the query protocol to JSON and kept its query error codes: the code a
client sees (``e.response["Error"]["Code"]``) is the query code, and the class is the
shape's name. ``QueueDoesNotExist`` carries the code
``AWS.SimpleQueueService.NonExistentQueue``, as boto3 reports it from AWS's
``x-amzn-query-error`` header, and ``client.exceptions.QueueDoesNotExist`` catches it.

>>> err = QueueDoesNotExist("The specified queue does not exist.")
>>> err.response["Error"]["Code"], err.response["Error"]["QueryErrorCode"]
('AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExist')
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.errors import AWSError

__all__ = [
    "BatchEntryIdsNotDistinct",
    "BatchRequestTooLong",
    "EmptyBatchRequest",
    "InvalidAddress",
    "InvalidAttributeName",
    "InvalidAttributeValue",
    "InvalidBatchEntryId",
    "InvalidMessageContents",
    "InvalidParameterValue",
    "InvalidSecurity",
    "MessageNotInflight",
    "MissingParameter",
    "OverLimit",
    "PurgeQueueInProgress",
    "QueueDeletedRecently",
    "QueueDoesNotExist",
    "QueueNameExists",
    "ReceiptHandleIsInvalid",
    "RequestThrottled",
    "ResourceNotFoundException",
    "SQSError",
    "TooManyEntriesInBatchRequest",
    "UnsupportedOperation",
]


class SQSError(AWSError):
    """Base of SQS's errors. ``query_code`` is the code AWS puts in ``x-amzn-query-error``
    (and boto3 in ``Error.Code``); the class name is the JSON ``__type``'s shape."""

    service: ClassVar[str] = "sqs"
    query_code: ClassVar[str | None] = None
    #: The JSON ``__type`` shape, where it is not the class name.
    type_name: ClassVar[str | None] = None

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        cls = type(self)
        if "code" not in kwargs or kwargs["code"] is None:
            kwargs["code"] = cls.query_code or cls.__name__
        super().__init__(message, **kwargs)
        error = self.response["Error"]
        error["QueryErrorCode"] = self.shape
        error["Type"] = "Sender" if cls.sender_fault else "Receiver"

    @property
    def shape(self) -> str:
        """The error's shape name: the JSON body's ``__type`` after the namespace."""
        cls = type(self)
        return cls.type_name or cls.__name__


class QueueDoesNotExist(SQSError):
    """The queue named by the URL or name does not exist."""

    query_code = "AWS.SimpleQueueService.NonExistentQueue"


class QueueNameExists(SQSError):
    """A queue of that name exists with different attributes."""

    query_code = "QueueAlreadyExists"


class QueueDeletedRecently(SQSError):
    """A queue of that name was deleted less than 60 seconds ago."""

    query_code = "AWS.SimpleQueueService.QueueDeletedRecently"


class PurgeQueueInProgress(SQSError):
    """The queue was purged less than 60 seconds ago (HTTP 403, as AWS answers)."""

    query_code = "AWS.SimpleQueueService.PurgeQueueInProgress"
    status_code = 403


class InvalidAttributeName(SQSError):
    """An attribute name is unknown (or not valid for the queue type)."""


class InvalidAttributeValue(SQSError):
    """A queue attribute's value is out of range or malformed."""


class InvalidMessageContents(SQSError):
    """The message holds characters SQS does not allow."""


class ReceiptHandleIsInvalid(SQSError):
    """The receipt handle is not one SQS issued."""


class MessageNotInflight(SQSError):
    """The message is not in flight."""

    query_code = "AWS.SimpleQueueService.MessageNotInflight"


class EmptyBatchRequest(SQSError):
    """A batch request has no entries."""

    query_code = "AWS.SimpleQueueService.EmptyBatchRequest"


class TooManyEntriesInBatchRequest(SQSError):
    """A batch request has more than ten entries."""

    query_code = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"


class BatchEntryIdsNotDistinct(SQSError):
    """Two entries of a batch share an ``Id``."""

    query_code = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"


class InvalidBatchEntryId(SQSError):
    """A batch entry's ``Id`` is not alphanumerics, hyphens and underscores (1 to 80)."""

    query_code = "AWS.SimpleQueueService.InvalidBatchEntryId"


class BatchRequestTooLong(SQSError):
    """A batch's messages together exceed the size limit."""

    query_code = "AWS.SimpleQueueService.BatchRequestTooLong"


class OverLimit(SQSError):
    """A quota is reached (in-flight messages, tags)."""

    status_code = 403


class UnsupportedOperation(SQSError):
    """The operation is not supported on this queue."""

    query_code = "AWS.SimpleQueueService.UnsupportedOperation"


class InvalidAddress(SQSError):
    """The queue URL is not one of this endpoint."""

    status_code = 404


class InvalidSecurity(SQSError):
    """The request was not made over HTTPS or with SigV4."""

    status_code = 403


class RequestThrottled(SQSError):
    """The request rate is over the quota."""


class ResourceNotFoundException(SQSError):
    """The message move task (or its source) does not exist."""

    status_code = 404


class InvalidParameterValue(SQSError):
    """A request parameter's value is not valid (AWS's generic code; its JSON ``__type``
    is ``InvalidParameterValueException``)."""

    type_name = "InvalidParameterValueException"


class MissingParameter(SQSError):
    """A parameter the request needs is missing (AWS's generic code; its JSON ``__type``
    is ``MissingRequiredParameterException``)."""

    type_name = "MissingRequiredParameterException"
