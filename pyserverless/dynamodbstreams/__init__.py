"""DynamoDB Streams: ``cloud.client("dynamodbstreams")`` reads the streams of DynamoDB tables.

Enable a stream with ``StreamSpecification`` on CreateTable or UpdateTable; read it
with ListStreams, DescribeStream, GetShardIterator and GetRecords. See
``docs/dynamodb-streams.md``.

>>> from pyserverless import Cloud
>>> Cloud.manual().client("dynamodbstreams").list_streams()["Streams"]
[]
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import DynamoDBStreamsClient
from ._engine import DynamoDBStreams
from ._errors import (
    DynamoDBStreamsError,
    ExpiredIteratorException,
    InternalServerError,
    LimitExceededException,
    ResourceNotFoundException,
    TrimmedDataAccessException,
    ValidationException,
)
from ._limits import DynamoDBStreamsLimits

__all__ = [
    "DynamoDBStreams",
    "DynamoDBStreamsClient",
    "DynamoDBStreamsError",
    "DynamoDBStreamsLimits",
    "ExpiredIteratorException",
    "InternalServerError",
    "LimitExceededException",
    "ResourceNotFoundException",
    "TrimmedDataAccessException",
    "ValidationException",
]

publish(__name__, __all__, globals())
