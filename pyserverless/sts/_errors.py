"""STS's errors: one class per AWS code (botocore's ``sts`` model, plus AccessDenied
and ValidationError, which STS answers without modelling them).

>>> err = AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
>>> err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"]
('AccessDenied', 403)
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.errors import AWSError

__all__ = [
    "AccessDenied",
    "ExpiredTokenException",
    "IDPRejectedClaimException",
    "InvalidIdentityTokenException",
    "InvalidParameterValue",
    "MalformedPolicyDocumentException",
    "PackedPolicyTooLargeException",
    "STSError",
    "ValidationError",
]


class STSError(AWSError):
    """Base of STS's errors; ``aws_code`` is the code on the wire where it is not the name."""

    service: ClassVar[str] = "sts"
    aws_code: ClassVar[str] = ""

    def __init__(self, message: str | None = None, *, code: str | None = None, **kw: Any) -> None:
        super().__init__(message, code=code or type(self).aws_code or None, **kw)
        # The query protocol's <Type>: botocore reads it into Error.Type, as AWS sends it
        # (the LocalStack suite's IAM captures, 2026-02: "Type": "Sender").
        self.response["Error"]["Type"] = "Sender" if self.status < 500 else "Receiver"


class AccessDenied(STSError):
    """The caller may not do this (a role that does not exist, a trust that does not allow)."""

    status_code: ClassVar[int] = 403


class ValidationError(STSError):
    """A parameter is out of range (a duration over the role's maximum)."""


class ExpiredTokenException(STSError):
    """The credentials or the web identity token have expired."""


class MalformedPolicyDocumentException(STSError):
    """The session policy is not a valid policy."""

    aws_code: ClassVar[str] = "MalformedPolicyDocument"


class PackedPolicyTooLargeException(STSError):
    """The session policy and tags are too large once packed."""

    aws_code: ClassVar[str] = "PackedPolicyTooLarge"


class InvalidIdentityTokenException(STSError):
    """The web identity token is not a JWT STS can read."""

    aws_code: ClassVar[str] = "InvalidIdentityToken"


class IDPRejectedClaimException(STSError):
    """The identity provider's token was refused."""

    aws_code: ClassVar[str] = "IDPRejectedClaim"
    status_code: ClassVar[int] = 403


class InvalidParameterValue(STSError):
    """Session tags STS refuses (AssumeRole's Tags and TransitiveTagKeys)."""
