"""DynamoDB's error codes, one class each, named exactly after the AWS code.

Messages live in ``_messages.py``. Every class is reachable as
``cloud.client("dynamodb").exceptions.<Code>``.
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "BackupNotFoundException",
    "ConditionalCheckFailedException",
    "DynamoDBError",
    "IdempotentParameterMismatchException",
    "InternalServerError",
    "ItemCollectionSizeLimitExceededException",
    "LimitExceededException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "SerializationException",
    "TableAlreadyExistsException",
    "TableNotFoundException",
    "ThrottlingException",
    "TransactionCanceledException",
    "TransactionConflictException",
    "TransactionInProgressException",
    "UnknownOperationException",
    "ValidationException",
]


class DynamoDBError(AWSError):
    """Base of every DynamoDB error."""

    service: ClassVar[str] = "dynamodb"


class ValidationException(DynamoDBError):
    pass


class SerializationException(DynamoDBError):
    pass


class UnknownOperationException(DynamoDBError):
    pass


class ConditionalCheckFailedException(DynamoDBError):
    default_message = "The conditional request failed"


class ResourceNotFoundException(DynamoDBError):
    default_message = "Requested resource not found"


class ResourceInUseException(DynamoDBError):
    pass


class LimitExceededException(DynamoDBError):
    pass


class ProvisionedThroughputExceededException(DynamoDBError):
    default_message = (
        "The level of configured provisioned throughput for the table was exceeded. "
        "Consider increasing your provisioning level with the UpdateTable API."
    )


class ThrottlingException(DynamoDBError):
    pass


class RequestLimitExceeded(DynamoDBError):
    pass


class ItemCollectionSizeLimitExceededException(DynamoDBError):
    default_message = "Item collection size limit exceeded"


class TransactionCanceledException(DynamoDBError):
    pass


class TransactionConflictException(DynamoDBError):
    pass


class TransactionInProgressException(DynamoDBError):
    pass


class IdempotentParameterMismatchException(DynamoDBError):
    pass


class TableAlreadyExistsException(DynamoDBError):
    pass


class TableNotFoundException(DynamoDBError):
    pass


class BackupNotFoundException(DynamoDBError):
    pass


class InternalServerError(DynamoDBError):
    status_code = 500
    sender_fault = False
