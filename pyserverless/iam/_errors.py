"""IAM's errors: one class per AWS error, named as boto3 names them.

IAM's wire codes drop the ``Exception`` suffix (``NoSuchEntity``), as botocore's
``iam`` model declares; the class keeps boto3's name (``NoSuchEntityException``), so
``client.exceptions.NoSuchEntityException`` catches it on every door.

>>> err = NoSuchEntityException("The role with name r cannot be found.")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('NoSuchEntity', 404)
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.errors import AWSError

__all__ = [
    "AccessDeniedException",
    "ConcurrentModificationException",
    "DeleteConflictException",
    "EntityAlreadyExistsException",
    "IAMError",
    "InvalidInputException",
    "LimitExceededException",
    "MalformedPolicyDocumentException",
    "NoSuchEntityException",
    "PolicyNotAttachableException",
    "ServiceFailureException",
    "UnmodifiableEntityException",
    "ValidationError",
]


class IAMError(AWSError):
    """Base of IAM's errors; ``aws_code`` is the code on the wire."""

    service: ClassVar[str] = "iam"
    aws_code: ClassVar[str] = ""

    def __init__(self, message: str | None = None, *, code: str | None = None, **kw: Any) -> None:
        super().__init__(message, code=code or type(self).aws_code or None, **kw)
        # The query protocol's <Type>: botocore reads it into Error.Type, as AWS sends it
        # (the LocalStack suite's IAM captures, 2026-02: "Type": "Sender").
        self.response["Error"]["Type"] = "Sender" if self.status < 500 else "Receiver"


class NoSuchEntityException(IAMError):
    """The role, policy, user, key or instance profile does not exist."""

    aws_code: ClassVar[str] = "NoSuchEntity"
    status_code: ClassVar[int] = 404


class EntityAlreadyExistsException(IAMError):
    """An entity of that name already exists in the account."""

    aws_code: ClassVar[str] = "EntityAlreadyExists"
    status_code: ClassVar[int] = 409


class DeleteConflictException(IAMError):
    """The entity still has attachments (policies, keys, instance profiles, versions)."""

    aws_code: ClassVar[str] = "DeleteConflict"
    status_code: ClassVar[int] = 409


class LimitExceededException(IAMError):
    """An IAM quota would be exceeded (policy versions, access keys, sizes)."""

    aws_code: ClassVar[str] = "LimitExceeded"
    status_code: ClassVar[int] = 409


class MalformedPolicyDocumentException(IAMError):
    """The policy document is not valid JSON or breaks the policy grammar."""

    aws_code: ClassVar[str] = "MalformedPolicyDocument"


class InvalidInputException(IAMError):
    """A parameter is not valid (an ARN, a marker, a path)."""

    aws_code: ClassVar[str] = "InvalidInput"


class PolicyNotAttachableException(IAMError):
    """The managed policy cannot be attached (a service-linked role's policy)."""

    aws_code: ClassVar[str] = "PolicyNotAttachable"


class UnmodifiableEntityException(IAMError):
    """The entity is protected (a service-linked role) and cannot be changed."""

    aws_code: ClassVar[str] = "UnmodifiableEntity"


class ConcurrentModificationException(IAMError):
    """Another request changed the entity at the same time."""

    aws_code: ClassVar[str] = "ConcurrentModification"
    status_code: ClassVar[int] = 409


class ServiceFailureException(IAMError):
    """IAM failed on its side."""

    aws_code: ClassVar[str] = "ServiceFailure"
    status_code: ClassVar[int] = 500
    sender_fault: ClassVar[bool] = False


class ValidationError(IAMError):
    """A request IAM's front end refuses (a model bound, a missing user name)."""


class AccessDeniedException(IAMError):
    """The caller may not read this (IAM's answer for a key it does not know)."""

    aws_code: ClassVar[str] = "AccessDenied"
    status_code: ClassVar[int] = 403
