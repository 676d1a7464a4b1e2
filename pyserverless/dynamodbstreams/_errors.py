"""DynamoDB Streams' error codes, one class each, named exactly after the AWS code.

Every class is reachable as ``cloud.client("dynamodbstreams").exceptions.<Code>``; the
message texts live in ``_messages.py``.
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "DynamoDBStreamsError",
    "ExpiredIteratorException",
    "InternalServerError",
    "LimitExceededException",
    "ResourceNotFoundException",
    "TrimmedDataAccessException",
    "ValidationException",
]


class DynamoDBStreamsError(AWSError):
    """Base of every DynamoDB Streams error."""

    service: ClassVar[str] = "dynamodbstreams"


class ValidationException(DynamoDBStreamsError):
    """A request DynamoDB Streams refuses as malformed (a bad ARN, iterator or number)."""


class ResourceNotFoundException(DynamoDBStreamsError):
    """The stream or shard does not exist (or no longer does)."""


class ExpiredIteratorException(DynamoDBStreamsError):
    """The shard iterator is older than 15 minutes."""


class TrimmedDataAccessException(DynamoDBStreamsError):
    """The records asked for are past the 24-hour retention."""


class LimitExceededException(DynamoDBStreamsError):
    """Too many requests (never raised unless a fault plan says so)."""


class InternalServerError(DynamoDBStreamsError):
    """A failure on the service's side (only by a fault plan)."""

    status_code: ClassVar[int] = 500
    sender_fault: ClassVar[bool] = False
