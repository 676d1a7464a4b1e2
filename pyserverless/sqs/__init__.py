"""Amazon SQS: standard and FIFO queues, dead-letter queues and move tasks, on the clock.

``cloud.client("sqs")`` is boto3's client; ``cloud.sqs`` the resource layer.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> jobs = cloud.sqs.queue("jobs")
>>> jobs.send("hello")
'...'
>>> [m.body for m in jobs.receive()]
['hello']
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import SQSClient
from ._engine import SQS
from ._errors import (
    BatchEntryIdsNotDistinct,
    BatchRequestTooLong,
    EmptyBatchRequest,
    InvalidAddress,
    InvalidAttributeName,
    InvalidAttributeValue,
    InvalidBatchEntryId,
    InvalidMessageContents,
    InvalidParameterValue,
    InvalidSecurity,
    MessageNotInflight,
    MissingParameter,
    OverLimit,
    PurgeQueueInProgress,
    QueueDeletedRecently,
    QueueDoesNotExist,
    QueueNameExists,
    ReceiptHandleIsInvalid,
    RequestThrottled,
    ResourceNotFoundException,
    SQSError,
    TooManyEntriesInBatchRequest,
    UnsupportedOperation,
)
from ._limits import SQSLimits
from ._md5 import md5_of_attributes, md5_of_body
from ._resource import Message, QueueHandle, SQSResource

__all__ = [  # noqa: RUF022 - plain sorted, as tests/test_exports.py checks
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
    "Message",
    "MessageNotInflight",
    "MissingParameter",
    "OverLimit",
    "PurgeQueueInProgress",
    "QueueDeletedRecently",
    "QueueDoesNotExist",
    "QueueHandle",
    "QueueNameExists",
    "ReceiptHandleIsInvalid",
    "RequestThrottled",
    "ResourceNotFoundException",
    "SQS",
    "SQSClient",
    "SQSError",
    "SQSLimits",
    "SQSResource",
    "TooManyEntriesInBatchRequest",
    "UnsupportedOperation",
    "md5_of_attributes",
    "md5_of_body",
]

publish(__name__, __all__, globals())
