"""DynamoDB's error codes, one class each, named exactly after the AWS code.

Messages live in ``_messages.py``. Every class is reachable as
``cloud.client("dynamodb").exceptions.<Code>``.
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError
from ._messages import ENVELOPED_FAMILIES, ENVELOPED_OPERATIONS, VALIDATION_ENVELOPE

__all__ = [
    "AccessDeniedException",
    "BackupInUseException",
    "BackupNotFoundException",
    "ConditionalCheckFailedException",
    "ContinuousBackupsUnavailableException",
    "DuplicateItemException",
    "DynamoDBError",
    "ExportConflictException",
    "ExportNotFoundException",
    "GlobalTableAlreadyExistsException",
    "GlobalTableNotFoundException",
    "IdempotentParameterMismatchException",
    "ImportConflictException",
    "ImportNotFoundException",
    "IndexNotFoundException",
    "InternalServerError",
    "InvalidExportTimeException",
    "InvalidRestoreTimeException",
    "ItemCollectionSizeLimitExceededException",
    "LimitExceededException",
    "PointInTimeRecoveryUnavailableException",
    "PolicyNotFoundException",
    "ProvisionedThroughputExceededException",
    "ReplicaAlreadyExistsException",
    "ReplicaNotFoundException",
    "ReplicatedWriteConflictException",
    "RequestLimitExceeded",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "SerializationException",
    "TableAlreadyExistsException",
    "TableInUseException",
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
    """DynamoDB's ValidationException.

    ``family`` names the kind of request check that raised it (``"value"``: an
    AttributeValue of the request; ``"expression"``: an expression or its maps;
    ``"bare"``: a check DynamoDB reports without the envelope; None: any other).
    The operation boundary (``bind_operation``, called by the client and resource
    layers) is the one place that wraps the enveloped families in DynamoDB's
    ``1 validation error detected: `` prefix, for the operations that add it.

    >>> err = ValidationException("Invalid UpdateExpression: The expression can not be empty;")
    >>> err.family = "expression"
    >>> err.bind_operation("UpdateItem")
    >>> err.message
    '1 validation error detected: Invalid UpdateExpression: The expression can not be empty;'
    """

    family: str | None = None
    _enveloped: bool = False

    def bind_operation(self, operation: str) -> None:
        if (
            not self._enveloped
            and self.family in ENVELOPED_FAMILIES
            and operation in ENVELOPED_OPERATIONS
        ):
            self._enveloped = True
            self.message = VALIDATION_ENVELOPE.format(message=self.message)
            self.response["Error"]["Message"] = self.message
            self.operation_name = ""  # re-render the text with the new message
        super().bind_operation(operation)


def with_family(err: ValidationException, family: str) -> ValidationException:
    """Mark ``err`` as raised by a check of ``family`` unless already marked."""
    if err.family is None:
        err.family = family
    return err


class SerializationException(DynamoDBError):
    pass


class UnknownOperationException(DynamoDBError):
    pass


class DuplicateItemException(DynamoDBError):
    """A PartiQL INSERT whose primary key is already in the table."""

    default_message = "Duplicate primary key exists in table"


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


class PolicyNotFoundException(DynamoDBError):
    """No resource-based policy (or not the expected revision) on the resource."""


class AccessDeniedException(DynamoDBError):
    """An ARN DynamoDB cannot even read as a resource (tagging operations)."""


class InternalServerError(DynamoDBError):
    status_code = 500
    sender_fault = False


# -- point-in-time recovery and backups (``_backups``) ------------------------------------
class BackupInUseException(DynamoDBError):
    pass


class ContinuousBackupsUnavailableException(DynamoDBError):
    pass


class InvalidRestoreTimeException(DynamoDBError):
    pass


class PointInTimeRecoveryUnavailableException(DynamoDBError):
    pass


class TableInUseException(DynamoDBError):
    pass


# -- export to and import from S3 (_exports, _imports) --
class ExportConflictException(DynamoDBError):
    pass


class ExportNotFoundException(DynamoDBError):
    pass


class ImportConflictException(DynamoDBError):
    pass


class ImportNotFoundException(DynamoDBError):
    pass


class InvalidExportTimeException(DynamoDBError):
    pass


# -- Global tables (docs/dynamodb-global.md) --
class GlobalTableAlreadyExistsException(DynamoDBError):
    pass


class GlobalTableNotFoundException(DynamoDBError):
    pass


class ReplicaAlreadyExistsException(DynamoDBError):
    pass


class ReplicaNotFoundException(DynamoDBError):
    pass


class IndexNotFoundException(DynamoDBError):
    pass


class ReplicatedWriteConflictException(DynamoDBError):
    """A write to an MRSC global table conflicted with a concurrent write to the same
    item from another Region (retryable)."""
