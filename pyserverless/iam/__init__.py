"""AWS IAM: roles, managed and inline policies, users, access keys, instance profiles.

IAM is global: one IAM per Cloud, whatever the Region a client names. Policies are
checked against IAM's grammar (``MalformedPolicyDocument``) and stored; they are not
evaluated yet. ``cloud.iam`` is the resource layer; ``cloud.client("iam")`` boto3's
client (AWS's query protocol on the doors).

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> role = cloud.iam.role("fn", service="lambda.amazonaws.com",
...                       policies=["AWSLambdaBasicExecutionRole"])
>>> role
iam.Role('fn', arn='arn:aws:iam::123456789012:role/fn', policies=['AWSLambdaBasicExecutionRole'])
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import IAMClient
from ._engine import IAM
from ._errors import (
    ConcurrentModificationException,
    DeleteConflictException,
    EntityAlreadyExistsException,
    IAMError,
    InvalidInputException,
    LimitExceededException,
    MalformedPolicyDocumentException,
    NoSuchEntityException,
    PolicyNotAttachableException,
    ServiceFailureException,
    UnmodifiableEntityException,
    ValidationError,
)
from ._limits import IAMLimits
from ._managed import AwsPolicy
from ._resource import IAMResource, Role

__all__ = [  # noqa: RUF022 - plain sorted, as tests/test_exports.py checks
    "AwsPolicy",
    "ConcurrentModificationException",
    "DeleteConflictException",
    "EntityAlreadyExistsException",
    "IAM",
    "IAMClient",
    "IAMError",
    "IAMLimits",
    "IAMResource",
    "InvalidInputException",
    "LimitExceededException",
    "MalformedPolicyDocumentException",
    "NoSuchEntityException",
    "PolicyNotAttachableException",
    "Role",
    "ServiceFailureException",
    "UnmodifiableEntityException",
    "ValidationError",
]

publish(__name__, __all__, globals())
