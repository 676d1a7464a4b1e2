"""``cloud.client("dynamodbstreams")``: boto3's DynamoDB Streams client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .._core.client import ServiceClient, operation
from .._core.errors import AWSError
from ._errors import DynamoDBStreamsError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import DynamoDBStreams

__all__ = ["DynamoDBStreamsClient"]


class DynamoDBStreamsClient(ServiceClient):
    """boto3's ``dynamodbstreams`` client over the Cloud's DynamoDB Streams engine.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> table = cloud.dynamo.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    ...     StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    >>> _ = table.put_item(Item={"id": "a", "text": "hi"})
    >>> streams = cloud.client("dynamodbstreams")
    >>> arn = streams.list_streams(TableName="notes")["Streams"][0]["StreamArn"]
    >>> shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
    >>> it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
    ...     ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    >>> [r["dynamodb"]["NewImage"] for r in streams.get_records(ShardIterator=it)["Records"]]
    [{'id': {'S': 'a'}, 'text': {'S': 'hi'}}]
    """

    service_name: ClassVar[str] = "dynamodbstreams"
    error_base: ClassVar[type[AWSError]] = DynamoDBStreamsError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: DynamoDBStreams = cloud.engine("dynamodbstreams", region_name)

    @operation("ListStreams")
    def list_streams(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the region's streams, current and recently disabled.

        ListStreams with optional ``TableName`` (one table's streams), ``Limit`` (1-100)
        and ``ExclusiveStartStreamArn``; answers ``Streams`` (ARN, table, label) and
        ``LastEvaluatedStreamArn`` when more remain.
        """
        return self._engine.list_streams(params)

    @operation("DescribeStream")
    def describe_stream(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one stream and its shards.

        DescribeStream with ``StreamArn`` and optional ``Limit`` (1-100),
        ``ExclusiveStartShardId`` and ``ShardFilter``; answers ``StreamDescription``:
        status, view type, key schema, and shards with their sequence number ranges,
        paged by shard id (``LastEvaluatedShardId``).
        """
        return self._engine.describe_stream(params)

    @operation("GetShardIterator")
    def get_shard_iterator(self, params: dict[str, Any]) -> dict[str, Any]:
        """Get an iterator to read one shard from a starting point.

        GetShardIterator with ``StreamArn``, ``ShardId`` and ``ShardIteratorType``
        (``TRIM_HORIZON``, ``LATEST``, ``AT_SEQUENCE_NUMBER`` or ``AFTER_SEQUENCE_NUMBER``
        with ``SequenceNumber``, ``AT_TIMESTAMP`` with ``Timestamp``); answers
        ``ShardIterator``, valid for 15 minutes.
        """
        return self._engine.get_shard_iterator(params)

    @operation("GetRecords")
    def get_records(self, params: dict[str, Any]) -> dict[str, Any]:
        """Read the records at a shard iterator.

        GetRecords with ``ShardIterator`` and optional ``Limit`` (1-1000); answers up to
        1,000 ``Records`` or 1 MB and ``NextShardIterator`` (absent once a closed shard
        is read to its end).
        """
        return self._engine.get_records(params)
