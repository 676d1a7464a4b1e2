"""Amazon CloudWatch Logs: log groups, streams and events on the Cloud's clock.

``cloud.client("logs")`` is boto3's client (AWS JSON 1.1 on the doors); ``cloud.logs``
the Python layer. Lambda writes its functions' output here: ``/aws/lambda/<name>`` and
one stream per execution environment, made on the first invocation.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> group = cloud.logs.create_group("/app", retention_days=7)
>>> group.stream("web").put("ERROR boom", "all good")
>>> [e.message for e in group.events(pattern="ERROR")]
['ERROR boom']
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import LogsClient
from ._engine import CloudWatchLogs
from ._errors import (
    DataAlreadyAcceptedException,
    InvalidOperationException,
    InvalidParameterException,
    InvalidSequenceTokenException,
    LimitExceededException,
    LogsError,
    MalformedQueryException,
    OperationAbortedException,
    ResourceAlreadyExistsException,
    ResourceNotFoundException,
    ServiceUnavailableException,
    TooManyTagsException,
    UnrecognizedClientException,
    ValidationException,
)
from ._filter import compile_pattern
from ._limits import LogsLimits
from ._resource import LogEvent, LogGroup, LogsResource, LogStream
from ._store import StoredEvent, StreamRecord

__all__ = [
    "CloudWatchLogs",
    "DataAlreadyAcceptedException",
    "InvalidOperationException",
    "InvalidParameterException",
    "InvalidSequenceTokenException",
    "LimitExceededException",
    "LogEvent",
    "LogGroup",
    "LogStream",
    "LogsClient",
    "LogsError",
    "LogsLimits",
    "LogsResource",
    "MalformedQueryException",
    "OperationAbortedException",
    "ResourceAlreadyExistsException",
    "ResourceNotFoundException",
    "ServiceUnavailableException",
    "StoredEvent",
    "StreamRecord",
    "TooManyTagsException",
    "UnrecognizedClientException",
    "ValidationException",
    "compile_pattern",
]

publish(__name__, __all__, globals())
