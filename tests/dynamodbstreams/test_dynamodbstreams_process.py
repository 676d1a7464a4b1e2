"""A Lambda handler reads DynamoDB Streams from its own Cloud, in process mode as inline:
the dynamodbstreams engine and ``table.stream`` reach the host's streams through the
DynamoDB engine's public methods, whose answers are plain data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

MODES = ("inline", "process")


@pytest.fixture
def clouds() -> Iterator[Callable[[], Cloud]]:
    made: list[Cloud] = []

    def make() -> Cloud:
        cloud = Cloud(clock=ManualClock(), seed=7)
        made.append(cloud)
        return cloud

    yield make
    for cloud in made:
        cloud.engine("lambda").close()


def scenario(cloud: Cloud, isolation: str) -> dict[str, Any]:
    cloud.client("dynamodb").create_table(
        TableName="items",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )

    def handler(event: Any, context: Any) -> Any:
        table = cloud.dynamo.table("items")
        table.put_item(Item={"pk": f"in-{event}"})
        streams = cloud.client("dynamodbstreams")
        arn = streams.list_streams(TableName="items")["Streams"][0]["StreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        page = streams.get_records(ShardIterator=it)
        stream = table.stream
        assert stream is not None
        return {
            "client": [r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]],
            "resource": [r.keys["pk"] for r in stream.records()],
            "repr": repr(stream.records()[-1]).split(" seq=")[0],
        }

    cloud.lambda_.create_function("reader", handler=handler, isolation=isolation)
    first = _call(cloud, "reader", 1)
    cloud.dynamo.table("items").put_item(Item={"pk": "host"})  # after the child exists
    second = _call(cloud, "reader", 2)
    stream = cloud.dynamo.table("items").stream
    assert stream is not None
    return {"first": first, "second": second, "host": [r.keys["pk"] for r in stream.records()]}


def _call(cloud: Cloud, name: str, event: Any) -> Any:
    resp = cloud.client("lambda").invoke(FunctionName=name, Payload=json.dumps(event))
    body = json.loads(resp["Payload"].read())
    assert "FunctionError" not in resp, body
    return body


@pytest.mark.parametrize("isolation", MODES)
def test_a_handler_reads_the_hosts_stream(clouds: Callable[[], Cloud], isolation: str) -> None:
    """Writes from the handler and the host, read back from the handler by both layers."""
    assert scenario(clouds(), isolation) == {
        "first": {
            "client": ["in-1"],
            "resource": ["in-1"],
            "repr": "StreamRecord(INSERT {'pk': 'in-1'}",
        },
        "second": {
            "client": ["in-1", "host", "in-2"],
            "resource": ["in-1", "host", "in-2"],
            "repr": "StreamRecord(INSERT {'pk': 'in-2'}",
        },
        "host": ["in-1", "host", "in-2"],
    }
