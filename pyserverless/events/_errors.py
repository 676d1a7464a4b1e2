"""EventBridge's errors: one class per AWS code, each with AWS's status.

>>> err = ResourceNotFoundException("Rule r does not exist on EventBus default.")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('ResourceNotFoundException', 400)
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "ConcurrentModificationException",
    "EventsError",
    "InternalException",
    "InvalidEventPatternException",
    "LimitExceededException",
    "ResourceAlreadyExistsException",
    "ResourceNotFoundException",
    "ValidationException",
]


class EventsError(AWSError):
    """Base of EventBridge's errors."""

    service: ClassVar[str] = "events"


class InvalidEventPatternException(EventsError):
    """The event pattern is not valid (the message names the reason)."""


class ResourceNotFoundException(EventsError):
    """The rule or event bus does not exist."""


class ResourceAlreadyExistsException(EventsError):
    """The event bus already exists."""


class ValidationException(EventsError):
    """A parameter is not valid (EventBridge answers many checks with this code)."""


class LimitExceededException(EventsError):
    """A quota would be exceeded (rules per bus, targets per rule)."""


class ConcurrentModificationException(EventsError):
    """Another change to the same resource is in progress."""


class InternalException(EventsError):
    """EventBridge failed on its side."""

    status_code: ClassVar[int] = 500
    sender_fault: ClassVar[bool] = False
