"""CloudWatch Logs' errors: one class per AWS code (botocore's ``logs`` model).

Logs answers ``{"__type": "<Code>", "message": "..."}`` with HTTP 400 for every client
error, not found included.

>>> err = ResourceNotFoundException("The specified log group does not exist.")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('ResourceNotFoundException', 400)
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "DataAlreadyAcceptedException",
    "InvalidOperationException",
    "InvalidParameterException",
    "InvalidSequenceTokenException",
    "LimitExceededException",
    "LogsError",
    "MalformedQueryException",
    "OperationAbortedException",
    "ResourceAlreadyExistsException",
    "ResourceNotFoundException",
    "ServiceUnavailableException",
    "TooManyTagsException",
    "UnrecognizedClientException",
    "ValidationException",
]


class LogsError(AWSError):
    """Base of CloudWatch Logs' errors."""

    service: ClassVar[str] = "logs"


class InvalidParameterException(LogsError):
    """A parameter is not valid (Logs' answer to model violations as well)."""


class ResourceNotFoundException(LogsError):
    """The log group or log stream does not exist."""


class ResourceAlreadyExistsException(LogsError):
    """A log group or log stream of that name exists already."""


class LimitExceededException(LogsError):
    """A quota would be exceeded (log groups per Region)."""


class OperationAbortedException(LogsError):
    """Another operation on the resource is in progress."""


class TooManyTagsException(LogsError):
    """A resource would have more than 50 tags."""


class ValidationException(LogsError):
    """A request is not valid for the resource's state."""


class InvalidOperationException(LogsError):
    """The operation is not allowed on this resource."""


class MalformedQueryException(LogsError):
    """A Logs Insights query does not parse."""


class DataAlreadyAcceptedException(LogsError):
    """Retired with sequence tokens: PutLogEvents never answers it now."""


class InvalidSequenceTokenException(LogsError):
    """Retired with sequence tokens: PutLogEvents never answers it now."""


class UnrecognizedClientException(LogsError):
    """The access key is not known."""


class ServiceUnavailableException(LogsError):
    """Logs failed on its side."""

    status_code: ClassVar[int] = 500
    sender_fault: ClassVar[bool] = False
