"""AWS STS: GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken.

Temporary credentials are remembered by the Cloud with their expiry on its clock.

>>> from pyserverless import Cloud
>>> answer = Cloud.manual().client("sts").get_caller_identity()
>>> answer["Account"], answer["Arn"]
('123456789012', 'arn:aws:iam::123456789012:root')
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import STSClient
from ._engine import STS
from ._errors import (
    AccessDenied,
    ExpiredTokenException,
    IDPRejectedClaimException,
    InvalidIdentityTokenException,
    MalformedPolicyDocumentException,
    PackedPolicyTooLargeException,
    STSError,
    ValidationError,
)
from ._limits import STSLimits
from ._model import Caller

__all__ = [  # noqa: RUF022 - plain sorted, as tests/test_exports.py checks
    "AccessDenied",
    "Caller",
    "ExpiredTokenException",
    "IDPRejectedClaimException",
    "InvalidIdentityTokenException",
    "MalformedPolicyDocumentException",
    "PackedPolicyTooLargeException",
    "STS",
    "STSClient",
    "STSError",
    "STSLimits",
    "ValidationError",
]

publish(__name__, __all__, globals())
