"""Cognito user pools' error codes, one class each, named exactly after the AWS code.

Messages live in ``_messages.py``. Every class is reachable as
``cloud.client("cognito-idp").exceptions.<Code>``.

>>> from pyserverless.cognito import NotAuthorizedException
>>> NotAuthorizedException().response["Error"]
{'Code': 'NotAuthorizedException', 'Message': 'Incorrect username or password.'}
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError
from . import _messages as m

__all__ = [
    "AliasExistsException",
    "CodeDeliveryFailureException",
    "CodeMismatchException",
    "CognitoError",
    "ConcurrentModificationException",
    "EnableSoftwareTokenMFAException",
    "ExpiredCodeException",
    "GroupExistsException",
    "InternalErrorException",
    "InvalidLambdaResponseException",
    "InvalidParameterException",
    "InvalidPasswordException",
    "InvalidUserPoolConfigurationException",
    "LimitExceededException",
    "MFAMethodNotFoundException",
    "NotAuthorizedException",
    "PasswordHistoryPolicyViolationException",
    "PasswordResetRequiredException",
    "PreconditionNotMetException",
    "ResourceNotFoundException",
    "SoftwareTokenMFANotFoundException",
    "TooManyFailedAttemptsException",
    "TooManyRequestsException",
    "UnexpectedLambdaException",
    "UnsupportedOperationException",
    "UnsupportedTokenTypeException",
    "UnsupportedUserStateException",
    "UserLambdaValidationException",
    "UserNotConfirmedException",
    "UserNotFoundException",
    "UsernameExistsException",
]


class CognitoError(AWSError):
    """Base of every Cognito user-pool error."""

    service: ClassVar[str] = "cognito-idp"


class AliasExistsException(CognitoError):
    pass


class CodeDeliveryFailureException(CognitoError):
    pass


class CodeMismatchException(CognitoError):
    default_message = m.CODE_MISMATCH


class ConcurrentModificationException(CognitoError):
    pass


class EnableSoftwareTokenMFAException(CognitoError):
    pass


class ExpiredCodeException(CognitoError):
    default_message = m.EXPIRED_CODE


class GroupExistsException(CognitoError):
    pass


class InternalErrorException(CognitoError):
    status_code = 500
    sender_fault = False


class InvalidLambdaResponseException(CognitoError):
    pass


class InvalidParameterException(CognitoError):
    pass


class InvalidPasswordException(CognitoError):
    pass


class InvalidUserPoolConfigurationException(CognitoError):
    pass


class LimitExceededException(CognitoError):
    default_message = m.ATTEMPT_LIMIT


class MFAMethodNotFoundException(CognitoError):
    pass


class NotAuthorizedException(CognitoError):
    default_message = m.INCORRECT_CREDENTIALS


class PasswordHistoryPolicyViolationException(CognitoError):
    pass


class PasswordResetRequiredException(CognitoError):
    default_message = m.PASSWORD_RESET_REQUIRED


class PreconditionNotMetException(CognitoError):
    pass


class ResourceNotFoundException(CognitoError):
    pass


class SoftwareTokenMFANotFoundException(CognitoError):
    pass


class TooManyFailedAttemptsException(CognitoError):
    pass


class TooManyRequestsException(CognitoError):
    pass


class UnexpectedLambdaException(CognitoError):
    pass


class UnsupportedOperationException(CognitoError):
    pass


class UnsupportedTokenTypeException(CognitoError):
    pass


class UnsupportedUserStateException(CognitoError):
    pass


class UserLambdaValidationException(CognitoError):
    pass


class UserNotConfirmedException(CognitoError):
    default_message = m.USER_NOT_CONFIRMED


class UserNotFoundException(CognitoError):
    default_message = m.USER_NOT_FOUND


class UsernameExistsException(CognitoError):
    default_message = m.USER_EXISTS
