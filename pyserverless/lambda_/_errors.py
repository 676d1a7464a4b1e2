"""Lambda's error codes, one class each, named exactly after the AWS code.

Messages live in ``_messages.py``. Every class is reachable as
``cloud.client("lambda").exceptions.<Code>``.
"""

from __future__ import annotations

from typing import Any, ClassVar

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
    """Base of every Lambda error.

    AWS's body for a modeled Lambda error holds ``Type`` (``User`` or ``Service``) and the
    message under the key the API model gives that error (``Message`` or ``message``);
    botocore lifts both into the top level of ``ClientError.response``, and so does this
    class. A ValidationException's body is ``{"message": ...}`` alone (it is not modeled).

    >>> err = ResourceNotFoundException("Function not found: f")
    >>> err.response["Type"], err.response["Message"], err.wire_body()
    ('User', 'Function not found: f', {'Type': 'User', 'Message': 'Function not found: f'})
    >>> ValidationException("1 validation error detected: x").wire_body()
    {'message': '1 validation error detected: x'}
    """

    service: ClassVar[str] = "lambda"
    #: The body's key for the message, as the API model spells it for this error.
    message_key: ClassVar[str] = "message"
    #: Whether AWS's body carries ``Type`` (every modeled error does).
    typed: ClassVar[bool] = True

    def __init__(self, message: str | None = None, **extra: Any) -> None:
        cls = type(self)
        if cls.typed:
            extra.setdefault("Type", "User" if cls.sender_fault else "Service")
        super().__init__(message, **extra)
        if cls.typed:  # as botocore lifts the modeled members (not a keyword: "message")
            self.response[cls.message_key] = self.message

    def wire_body(self) -> dict[str, Any]:
        """The JSON body AWS answers this error with (the REST-JSON door sends it)."""
        cls = type(self)
        if not cls.typed:
            return {"message": self.message}
        body = {"Type": self.extra["Type"], cls.message_key: self.message}
        body.update(self.extra)
        return body


class ValidationException(LambdaError):
    """A request parameter broke a constraint of the API model."""

    typed = False


class InvalidParameterValueException(LambdaError):
    """A parameter has a value Lambda refuses."""


class InvalidRequestContentException(LambdaError):
    """The request body could not be parsed as JSON."""


class ResourceNotFoundException(LambdaError):
    """The function, version or alias does not exist."""

    message_key = "Message"
    status_code = 404


class ResourceConflictException(LambdaError):
    """The resource already exists, or another operation is in progress."""

    status_code = 409


class ResourceInUseException(LambdaError):
    """An event source mapping is changing state and cannot be changed again yet."""

    message_key = "Message"


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

    message_key = "Message"
    status_code = 500
    sender_fault = False
