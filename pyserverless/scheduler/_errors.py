"""EventBridge Scheduler's errors: one class per AWS code (botocore's ``scheduler`` model).

>>> err = ResourceNotFoundException("Schedule s does not exist.")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('ResourceNotFoundException', 404)
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "ConflictException",
    "InternalServerException",
    "ResourceNotFoundException",
    "SchedulerError",
    "ServiceQuotaExceededException",
    "ThrottlingException",
    "ValidationException",
]


class SchedulerError(AWSError):
    """Base of EventBridge Scheduler's errors."""

    service: ClassVar[str] = "scheduler"


class ValidationException(SchedulerError):
    """A parameter is not valid."""


class ResourceNotFoundException(SchedulerError):
    """The schedule or schedule group does not exist."""

    status_code: ClassVar[int] = 404


class ConflictException(SchedulerError):
    """The name is taken in that group, or the resource is changing."""

    status_code: ClassVar[int] = 409


class ServiceQuotaExceededException(SchedulerError):
    """A quota would be exceeded (schedules, schedule groups)."""

    status_code: ClassVar[int] = 402


class ThrottlingException(SchedulerError):
    """Too many requests."""

    status_code: ClassVar[int] = 429


class InternalServerException(SchedulerError):
    """Scheduler failed on its side."""

    status_code: ClassVar[int] = 500
    sender_fault: ClassVar[bool] = False
