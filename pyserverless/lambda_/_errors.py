"""Lambda's error codes, one class each, named exactly after the AWS code.

Messages live in ``_messages.py``. Every class is reachable as
``cloud.client("lambda").exceptions.<Code>``.
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "CodeStorageExceededException",
    "InvalidParameterValueException",
    "InvalidRequestContentException",
    "LambdaError",
    "PreconditionFailedException",
    "RequestEntityTooLargeException",
    "ResourceConflictException",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "ResourceNotReadyException",
    "ServiceException",
    "TooManyRequestsException",
    "ValidationException",
]


class LambdaError(AWSError):
    """Base of every Lambda error."""

    service: ClassVar[str] = "lambda"


class ValidationException(LambdaError):
    """A request parameter broke a constraint of the API model."""


class InvalidParameterValueException(LambdaError):
    """A parameter has a value Lambda refuses."""


class InvalidRequestContentException(LambdaError):
    """The request body could not be parsed as JSON."""


class ResourceNotFoundException(LambdaError):
    """The function, version or alias does not exist."""

    status_code = 404


class ResourceConflictException(LambdaError):
    """The resource already exists, or another operation is in progress."""

    status_code = 409


class ResourceInUseException(LambdaError):
    """An event source mapping is changing state and cannot be changed again yet."""


class PreconditionFailedException(LambdaError):
    """The RevisionId given does not match the resource's."""

    status_code = 412


class RequestEntityTooLargeException(LambdaError):
    """The request payload exceeds the invocation limit."""

    status_code = 413


class TooManyRequestsException(LambdaError):
    """The concurrency or request-rate limit was exceeded (``Reason`` says which)."""

    status_code = 429


class CodeStorageExceededException(LambdaError):
    """The account's code storage quota is exceeded."""


class ResourceNotReadyException(LambdaError):
    """The function is not Active yet (or is Inactive)."""

    status_code = 502
    sender_fault = False


class ServiceException(LambdaError):
    """Lambda itself failed."""

    status_code = 500
    sender_fault = False
