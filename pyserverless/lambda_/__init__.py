"""AWS Lambda in memory: functions that really run, with AWS's limits enforced.

``cloud.lambda_`` is the resource layer (:class:`LambdaResource`, making
:class:`Function` objects); ``cloud.client("lambda")`` is the boto3-shaped client;
``cloud.engine("lambda")`` is the engine behind both (:class:`LambdaService`). See
docs/lambda.md for what is emulated and how.
"""

from __future__ import annotations

from .._core.exports import publish, publish_methods
from ._billing import Bill as Bill
from ._billing import FunctionUsage as FunctionUsage
from ._callable import CallableResult as CallableResult
from ._context import ClientContext as ClientContext
from ._context import CognitoIdentity as CognitoIdentity
from ._context import LambdaContext as LambdaContext
from ._engine import LambdaService as LambdaService
from ._errors import *  # noqa: F403
from ._errors import __all__ as _error_names
from ._esm import EventSourceMapping as EventSourceMapping
from ._esm_records import EsmMetrics as EsmMetrics
from ._extra import CodeSigningConfigNotFoundException as CodeSigningConfigNotFoundException
from ._extra import (
    ProvisionedConcurrencyConfigNotFoundException as ProvisionedConcurrencyConfigNotFoundException,
)
from ._invoke import InvokeDeadlineExceeded as InvokeDeadlineExceeded
from ._layers import LayerStore as LayerStore
from ._layers import LayerVersion as LayerVersion
from ._limits import LambdaLimits as LambdaLimits
from ._logs import LogEvent as LogEvent
from ._logs import LogGroup as LogGroup
from ._logs import LogStream as LogStream
from ._model import Alias as Alias
from ._model import EventInvokeConfig as EventInvokeConfig
from ._model import FunctionConfig as FunctionConfig
from ._model import FunctionError as FunctionError
from ._model import FunctionInfo as FunctionInfo
from ._model import HandlerError as HandlerError
from ._model import Invocation as Invocation
from ._model import Page as Page
from ._policy import PolicyLengthExceededException as PolicyLengthExceededException
from ._resource import Function as Function
from ._resource import LambdaResource as LambdaResource
from ._resource import LambdaSummary as LambdaSummary
from ._urls import FunctionUrl as FunctionUrl
from ._urls import FunctionUrlConfig as FunctionUrlConfig
from ._urls import UrlResponse as UrlResponse

__all__ = sorted(
    [
        "Alias",
        "Bill",
        "CallableResult",
        "ClientContext",
        "CodeSigningConfigNotFoundException",
        "CognitoIdentity",
        "EsmMetrics",
        "EventInvokeConfig",
        "EventSourceMapping",
        "Function",
        "FunctionConfig",
        "FunctionError",
        "FunctionInfo",
        "FunctionUrl",
        "FunctionUrlConfig",
        "FunctionUsage",
        "HandlerError",
        "Invocation",
        "InvokeDeadlineExceeded",
        "LambdaContext",
        "LambdaLimits",
        "LambdaResource",
        "LambdaService",
        "LambdaSummary",
        "LayerStore",
        "LayerVersion",
        "LogEvent",
        "LogGroup",
        "LogStream",
        "Page",
        "PolicyLengthExceededException",
        "ProvisionedConcurrencyConfigNotFoundException",
        "UrlResponse",
        *_error_names,
    ]
)


publish(__name__, __all__, globals())

publish_methods(__name__, __all__, globals())
