"""AWS Lambda in memory: functions that really run, with AWS's limits enforced.

``cloud.lambda_`` is the service (:class:`LambdaService`); ``cloud.client("lambda")``
is the boto3-shaped client. See docs/lambda.md for what is emulated and how.
"""

from __future__ import annotations

from .._core.exports import publish
from ._billing import Bill, FunctionUsage
from ._context import ClientContext, CognitoIdentity, LambdaContext
from ._engine import LambdaService
from ._errors import (
    CodeStorageExceededException,
    InvalidParameterValueException,
    InvalidRequestContentException,
    LambdaError,
    PreconditionFailedException,
    RequestEntityTooLargeException,
    ResourceConflictException,
    ResourceNotFoundException,
    ResourceNotReadyException,
    ServiceException,
    TooManyRequestsException,
    ValidationException,
)
from ._limits import LambdaLimits
from ._logs import LogEvent, LogGroup, LogStream
from ._model import Alias, EventInvokeConfig, Function, FunctionConfig, FunctionError, Invocation

__all__ = [
    "Alias",
    "Bill",
    "ClientContext",
    "CodeStorageExceededException",
    "CognitoIdentity",
    "EventInvokeConfig",
    "Function",
    "FunctionConfig",
    "FunctionError",
    "FunctionUsage",
    "InvalidParameterValueException",
    "InvalidRequestContentException",
    "Invocation",
    "LambdaContext",
    "LambdaError",
    "LambdaLimits",
    "LambdaService",
    "LogEvent",
    "LogGroup",
    "LogStream",
    "PreconditionFailedException",
    "RequestEntityTooLargeException",
    "ResourceConflictException",
    "ResourceNotFoundException",
    "ResourceNotReadyException",
    "ServiceException",
    "TooManyRequestsException",
    "ValidationException",
]


publish(__name__, __all__, globals())


def _publish_methods() -> None:
    # Methods too, so doctest (which finds methods by their module) runs their examples.
    for name in __all__:
        obj = globals()[name]
        for member in vars(obj).values() if isinstance(obj, type) else ():
            func = getattr(member, "fget", None) or getattr(member, "__func__", member)
            if callable(func) and getattr(func, "__module__", "").startswith(__name__ + "."):
                func.__module__ = __name__


_publish_methods()
