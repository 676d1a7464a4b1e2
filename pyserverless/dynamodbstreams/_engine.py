"""The DynamoDB Streams engine: ListStreams, DescribeStream, GetShardIterator, GetRecords.

The streams themselves belong to the tables (the DynamoDB engine keeps them, see
``pyserverless.dynamo``); this engine checks each request as DynamoDB Streams does,
in its order, and reads the streams through the DynamoDB engine's public ``stream_*``
methods, which take and return plain data. It answers their problems with this
service's errors and texts (``_messages``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import _messages as msg
from ._errors import (
    ExpiredIteratorException,
    ResourceNotFoundException,
    TrimmedDataAccessException,
    ValidationException,
)
from ._limits import DynamoDBStreamsLimits

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["DynamoDBStreams"]

ITERATOR_TYPES = (
    "TRIM_HORIZON",
    "LATEST",
    "AT_SEQUENCE_NUMBER",
    "AFTER_SEQUENCE_NUMBER",
    "AT_TIMESTAMP",
)
_SEQUENCE_TYPES = ("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER")
_STREAM_ARN = re.compile(
    r"arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table/[a-zA-Z0-9_.-]{3,255}/stream/"
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}"
)
_TABLE_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
_PATTERN_RULE = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"


class _Constraints:
    """AWS's "N validation errors detected" envelope, gathered then raised once."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, value: Any, path: str, rule: str) -> None:
        self.errors.append(msg.CONSTRAINT.format(value=value, path=path, rule=rule))

    def between(self, value: Any, path: str, low: int, high: int) -> None:
        if isinstance(value, int) and value < low:
            self.add(value, path, f"Member must have value greater than or equal to {low}")
        if isinstance(value, int) and value > high:
            self.add(value, path, f"Member must have value less than or equal to {high}")

    def length(self, value: Any, path: str, low: int, high: int) -> None:
        if isinstance(value, str) and len(value) < low:
            self.add(value, path, f"Member must have length greater than or equal to {low}")
        if isinstance(value, str) and len(value) > high:
            self.add(value, path, f"Member must have length less than or equal to {high}")

    def enum(self, value: Any, path: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        if value is not None and value not in allowed:
            self.add(value, path, f"Member must satisfy enum value set: [{', '.join(allowed)}]")

    def raise_if_any(self) -> None:
        if self.errors:
            n = len(self.errors)
            head = f"{n} validation error{'s' if n > 1 else ''} detected: "
            raise ValidationException(head + "; ".join(self.errors))


class DynamoDBStreams:
    """DynamoDB Streams in one region: ``cloud.engine("dynamodbstreams")``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.dynamo.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    >>> streams = cloud.engine("dynamodbstreams")
    >>> [s["TableName"] for s in streams.list_streams({})["Streams"]]
    ['notes']
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: DynamoDBStreamsLimits = cloud.limits.dynamodbstreams

    @property
    def _tables(self) -> Any:
        """The DynamoDB engine of this region (its public ``stream_*`` methods only)."""
        return self.cloud.engine("dynamodb", self.region)

    def _stream_arn(self, value: Any) -> str:
        if not isinstance(value, str) or not _STREAM_ARN.fullmatch(value):
            raise ValidationException(msg.INVALID_STREAM_ARN)
        return value

    # -- ListStreams --------------------------------------------------------------------------
    def list_streams(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListStreams: the region's streams (of one table with ``TableName``), paged."""
        c = _Constraints()
        limit = request.get("Limit", self.limits.max_streams_per_page)
        c.between(limit, "limit", 1, self.limits.max_streams_per_page)
        name = request.get("TableName")
        c.length(name, "tableName", 3, 255)
        if isinstance(name, str) and name and not _TABLE_NAME.fullmatch(name):
            c.add(name, "tableName", _PATTERN_RULE)
        c.raise_if_any()
        start = request.get("ExclusiveStartStreamArn")
        if start is not None:
            self._stream_arn(start)
        streams = self._tables.stream_list(name)
        if start is not None:
            streams = [s for s in streams if s["StreamArn"] > start]
        out: dict[str, Any] = {"Streams": streams[:limit]}
        if len(streams) > limit:
            out["LastEvaluatedStreamArn"] = streams[limit - 1]["StreamArn"]
        return out

    # -- DescribeStream -----------------------------------------------------------------------
    def describe_stream(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeStream: the stream, its status and its shards, paged by shard id."""
        c = _Constraints()
        limit = request.get("Limit", self.limits.max_shards_per_page)
        c.between(limit, "limit", 1, self.limits.max_shards_per_page)
        start = request.get("ExclusiveStartShardId")
        c.length(start, "exclusiveStartShardId", 28, 65)
        shard_filter = request.get("ShardFilter")
        if isinstance(shard_filter, Mapping):
            c.enum(shard_filter.get("Type"), "shardFilter.type", ("CHILD_SHARDS",))
            c.length(shard_filter.get("ShardId"), "shardFilter.shardId", 28, 65)
        c.raise_if_any()
        arn = self._stream_arn(request.get("StreamArn"))
        parent = None
        if isinstance(shard_filter, Mapping):
            parent = shard_filter.get("ShardId")
            if parent is None:
                raise ValidationException(msg.SHARD_FILTER_NEEDS_SHARD)
        described = self._tables.stream_describe(arn)
        if described is None:
            raise ResourceNotFoundException(msg.STREAM_NOT_FOUND.format(arn=arn))
        shards = sorted(described["Shards"], key=lambda s: s["ShardId"])
        if parent is not None:
            shards = [s for s in shards if s.get("ParentShardId") == parent]
        if start is not None:
            shards = [s for s in shards if s["ShardId"] > start]
        described["Shards"] = shards[:limit]
        if len(shards) > limit:
            described["LastEvaluatedShardId"] = shards[limit - 1]["ShardId"]
        return {"StreamDescription": described}

    # -- GetShardIterator ---------------------------------------------------------------------
    def get_shard_iterator(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """GetShardIterator: where to start reading one shard (valid for 15 minutes)."""
        kind = request.get("ShardIteratorType")
        shard_id = request.get("ShardId")
        seq_text = request.get("SequenceNumber")
        c = _Constraints()
        c.enum(kind, "shardIteratorType", ITERATOR_TYPES)
        c.length(shard_id, "shardId", 28, 65)
        c.length(seq_text, "sequenceNumber", 21, 40)
        c.raise_if_any()
        arn = self._stream_arn(request.get("StreamArn"))
        seq, timestamp = self._starting_point(kind, seq_text, request.get("Timestamp"))
        found = self._tables.stream_iterator(arn, shard_id, kind, seq, timestamp)
        problem = found.get("Problem")
        if problem == "StreamNotFound":
            raise ResourceNotFoundException(msg.STREAM_NOT_FOUND.format(arn=arn))
        if problem == "ShardNotFound":
            raise ResourceNotFoundException(msg.SHARD_NOT_FOUND)
        if problem == "SequenceOutOfRange":
            raise ValidationException(
                msg.SEQUENCE_NOT_IN_SHARD.format(seq=seq_text, shard=shard_id)
            )
        if problem == "Trimmed":
            raise TrimmedDataAccessException(msg.TRIMMED)
        return {"ShardIterator": found["ShardIterator"]}

    @staticmethod
    def _starting_point(
        kind: Any, seq_text: Any, timestamp: Any
    ) -> tuple[int | None, float | None]:
        if kind in _SEQUENCE_TYPES and seq_text is None:
            raise ValidationException(msg.SEQUENCE_NUMBER_REQUIRED.format(type=kind))
        if kind not in _SEQUENCE_TYPES and seq_text is not None:
            raise ValidationException(msg.SEQUENCE_NUMBER_UNEXPECTED.format(type=kind))
        if kind == "AT_TIMESTAMP" and timestamp is None:
            raise ValidationException(msg.TIMESTAMP_REQUIRED)
        if kind != "AT_TIMESTAMP" and timestamp is not None:
            raise ValidationException(msg.TIMESTAMP_UNEXPECTED)
        seq = None
        if seq_text is not None:
            if not isinstance(seq_text, str) or not seq_text.isascii() or not seq_text.isdigit():
                raise ValidationException(msg.INVALID_SEQUENCE_NUMBER.format(seq=seq_text))
            seq = int(seq_text)
        return seq, None if timestamp is None else _epoch(timestamp)

    # -- GetRecords ---------------------------------------------------------------------------
    def get_records(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """GetRecords: up to 1,000 records or 1 MB from a shard iterator, and the next one."""
        c = _Constraints()
        limit = request.get("Limit", self.limits.max_records_per_call)
        c.between(limit, "limit", 1, self.limits.max_records_per_call)
        iterator = request.get("ShardIterator")
        c.length(iterator, "shardIterator", 1, 2048)
        c.raise_if_any()
        if not isinstance(iterator, str):
            raise ValidationException(msg.INVALID_ITERATOR)
        found: dict[str, Any] = self._tables.stream_records(iterator, limit)
        problem = found.get("Problem")
        if problem is None:
            return found
        if problem == "Expired":
            raise ExpiredIteratorException(msg.ITERATOR_EXPIRED)
        if problem == "Trimmed":
            raise TrimmedDataAccessException(msg.TRIMMED)
        if problem == "StreamNotFound":
            arn = iterator.partition("|")[0]
            raise ResourceNotFoundException(msg.STREAM_NOT_FOUND.format(arn=arn))
        if problem == "ShardNotFound":
            raise ResourceNotFoundException(msg.ITERATOR_SHARD_GONE)
        raise ValidationException(msg.INVALID_ITERATOR)

    def __repr__(self) -> str:
        return f"DynamoDBStreams(region={self.region!r})"


def _epoch(value: Any) -> float:
    """A Timestamp member as epoch seconds: a datetime, a number, or an ISO 8601 text
    (the forms botocore accepts); anything else is AWS's ValidationException."""
    if isinstance(value, datetime):
        return value.timestamp() if value.tzinfo else value.replace(tzinfo=UTC).timestamp()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return _epoch(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            try:
                return float(value)
            except ValueError:
                pass
    raise ValidationException(msg.INVALID_TIMESTAMP.format(value=value))
