"""Independent oracles for DynamoDB Streams: boto3 through the bridge, the AWS CLI over
the endpoint, aws-lambda-powertools' event model and AWS's sample events, and a
hypothesis property (a stream replayed into an empty table rebuilds the table)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock, mock_aws

SAMPLES = Path("/work/shared/reference/events")


def make_table(client: Any, name: str = "tbl", view: str = "NEW_AND_OLD_IMAGES") -> str:
    d = client.create_table(
        TableName=name,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": view},
    )
    arn: str = d["TableDescription"]["LatestStreamArn"]
    return arn


def drain(streams: Any, arn: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while it:
            page = streams.get_records(ShardIterator=it)
            out.extend(page["Records"])
            it = page.get("NextShardIterator") if page["Records"] else None
    return out


class TestBoto3:
    def test_boto3_reads_the_stream_inside_mock_aws(self) -> None:
        """boto3's own dynamodbstreams client, its parsers and error classes, via the bridge."""
        boto3 = pytest.importorskip("boto3")
        cloud = Cloud(clock=ManualClock(), seed=0)
        with mock_aws(cloud):
            ddb = boto3.client("dynamodb", region_name="us-east-1")
            streams = boto3.client("dynamodbstreams", region_name="us-east-1")
            arn = make_table(ddb)
            ddb.put_item(
                TableName="tbl", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "b": {"B": b"\x00"}}
            )
            ddb.update_item(
                TableName="tbl",
                Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
                UpdateExpression="SET n = :n",
                ExpressionAttributeValues={":n": {"NS": ["1", "2"]}},
            )
            records = drain(streams, arn)
            assert [r["eventName"] for r in records] == ["INSERT", "MODIFY"]
            assert records[1]["dynamodb"]["OldImage"]["b"] == {"B": b"\x00"}
            assert sorted(records[1]["dynamodb"]["NewImage"]["n"]["NS"]) == ["1", "2"]
            assert records[0]["dynamodb"]["ApproximateCreationDateTime"].timestamp() == int(
                cloud.clock.time()
            )
            with pytest.raises(streams.exceptions.ClientError) as err:
                streams.get_records(ShardIterator="not-an-iterator")
            assert err.value.response["Error"]["Code"] == "ValidationException"
            with pytest.raises(streams.exceptions.ResourceNotFoundException):
                streams.describe_stream(StreamArn=arn.replace("tbl", "nop"))
            cloud.advance(900)
            first = streams.get_shard_iterator(
                StreamArn=arn,
                ShardId=streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0][
                    "ShardId"
                ],
                ShardIteratorType="LATEST",
            )["ShardIterator"]
            cloud.advance(900)
            with pytest.raises(streams.exceptions.ExpiredIteratorException):
                streams.get_records(ShardIterator=first)


class TestEventShapes:
    def test_powertools_parses_the_records(self) -> None:
        """Records as a Lambda event validate against powertools' DynamoDBStreamModel."""
        models = pytest.importorskip("aws_lambda_powertools.utilities.parser.models")
        cloud = Cloud(clock=ManualClock(), seed=0)
        make_table(cloud.client("dynamodb"))
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"pk": "a", "sk": 1, "m": {"x": [1, "y"]}, "s": {"p", "q"}})
        table.put_item(Item={"pk": "a", "sk": 1})
        table.delete_item(Key={"pk": "a", "sk": 1})
        stream = table.stream
        assert stream is not None
        event = {"Records": [r.event() for r in stream.records()]}
        parsed = models.DynamoDBStreamModel(**event)
        assert [str(r.eventName) for r in parsed.Records] == ["INSERT", "MODIFY", "REMOVE"]
        assert parsed.Records[0].dynamodb.NewImage["m"] == {"x": [1, "y"]}
        assert parsed.Records[2].dynamodb.OldImage == {"pk": "a", "sk": 1}
        assert str(parsed.Records[0].eventSourceARN) == stream.arn

    def test_shaped_like_aws_sample_events(self) -> None:
        """The same members as AWS's sample events, the sample's SizeBytes, and the
        sample's values where they are not ids, times or sequence numbers."""
        sample = json.loads((SAMPLES / "dynamodb-time-window-event.json").read_text())["Records"]
        cloud = Cloud(clock=ManualClock(), seed=0)
        cloud.client("dynamodb").create_table(
            TableName="tbl",
            KeySchema=[{"AttributeName": "Id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "Id", "AttributeType": "N"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 101, "Message": "New item!"})
        table.put_item(Item={"Id": 101, "Message": "This item has changed"})
        table.delete_item(Key={"Id": 101})
        stream = table.stream
        assert stream is not None
        ours = [r.event() for r in stream.records()]
        for mine, theirs in zip(ours, sample, strict=True):
            assert set(mine) == set(theirs)
            assert set(mine["dynamodb"]) == set(theirs["dynamodb"])
            for member in ("Keys", "NewImage", "OldImage", "SizeBytes", "StreamViewType"):
                assert mine["dynamodb"].get(member) == theirs["dynamodb"].get(member)
            assert mine["eventName"] == theirs["eventName"]
            assert mine["eventSource"] == theirs["eventSource"]
            assert isinstance(mine["dynamodb"]["ApproximateCreationDateTime"], int)


needs_cli = pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@needs_cli
def test_aws_cli_reads_a_stream_from_serve(tmp_path: Path) -> None:
    """``pyserverless serve`` on a free loopback port; the AWS CLI creates a table with a
    stream, writes, and reads the record back with ``aws dynamodbstreams get-records``."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyserverless", "serve", "--port", str(port), "--seed", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "PYTHONPATH"}
    env.update(
        HOME=str(tmp_path),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(tmp_path / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )

    def aws(*args: str) -> Any:
        done = subprocess.run(
            ["aws", *args, "--endpoint-url", url, "--output", "json"],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    try:
        assert proc.stderr is not None
        assert url in proc.stderr.readline()  # printed once the socket is bound
        arn = aws(
            "dynamodb", "create-table", "--table-name", "tbl",
            "--attribute-definitions", "AttributeName=pk,AttributeType=S",
            "AttributeName=sk,AttributeType=N",
            "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
            "--billing-mode", "PAY_PER_REQUEST",
            "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES",
        )["TableDescription"]["LatestStreamArn"]  # fmt: skip
        item = {"pk": {"S": "k"}, "sk": {"N": "3"}, "v": {"S": "hello"}}
        aws("dynamodb", "put-item", "--table-name", "tbl", "--item", json.dumps(item))
        assert aws("dynamodbstreams", "list-streams")["Streams"][0]["StreamArn"] == arn
        described = aws("dynamodbstreams", "describe-stream", "--stream-arn", arn)
        shard = described["StreamDescription"]["Shards"][0]
        it = aws(
            "dynamodbstreams", "get-shard-iterator", "--stream-arn", arn,
            "--shard-id", shard["ShardId"], "--shard-iterator-type", "TRIM_HORIZON",
        )["ShardIterator"]  # fmt: skip
        page = aws("dynamodbstreams", "get-records", "--shard-iterator", it)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    (record,) = page["Records"]
    assert record["eventName"] == "INSERT"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["dynamodb"]["NewImage"] == item
    # Keys: "pk" "k" (3) + "sk" 3 (2 + 2); the image adds "v" "hello" (6) to them.
    assert record["dynamodb"]["SizeBytes"] == 7 + (7 + 6)
    assert "NextShardIterator" in page


# -- a property: the stream rebuilds the table ------------------------------------------------
KEYS = st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 3))
VALUES = st.one_of(st.integers(-5, 5), st.text(max_size=3), st.booleans(), st.none())
WRITES: st.SearchStrategy[list[tuple[str, Any, Any]]] = st.lists(
    st.one_of(
        st.tuples(
            st.just("put"), KEYS, st.dictionaries(st.sampled_from(["x", "y"]), VALUES, max_size=2)
        ),
        st.tuples(st.just("delete"), KEYS, st.just({})),
        st.tuples(
            st.just("update"),
            KEYS,
            st.dictionaries(st.sampled_from(["x", "y"]), VALUES, max_size=2),
        ),
        st.tuples(
            st.just("batch"), st.lists(KEYS, min_size=1, max_size=3, unique=True), st.just({})
        ),
        st.tuples(st.just("tick"), st.integers(1, 4 * 3600), st.just({})),
    ),
    max_size=30,
)


def _apply(cloud: Cloud, op: str, arg: Any, attrs: dict[str, Any]) -> None:
    table = cloud.dynamo.table("tbl")
    if op == "tick":
        cloud.advance(arg)
    elif op == "put":
        table.put_item(Item={"pk": arg[0], "sk": arg[1], **attrs})
    elif op == "delete":
        table.delete_item(Key={"pk": arg[0], "sk": arg[1]})
    elif op == "update" and attrs:
        names = {f"#n{i}": k for i, k in enumerate(attrs)}
        values = {f":v{i}": v for i, v in enumerate(attrs.values())}
        sets = ", ".join(f"#n{i} = :v{i}" for i in range(len(attrs)))
        table.update_item(
            Key={"pk": arg[0], "sk": arg[1]},
            UpdateExpression=f"SET {sets}",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
    elif op == "batch":
        with table.batch_writer() as batch:
            for n, (pk, sk) in enumerate(arg):
                batch.put_item(Item={"pk": pk, "sk": sk, "n": n})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(writes=WRITES)
def test_replaying_the_stream_rebuilds_the_table(writes: list[tuple[str, Any, Any]]) -> None:
    """Random writes (and clock moves across shard rollovers): the stream, replayed in
    order into an empty table, gives exactly the table."""
    cloud = Cloud(clock=ManualClock(0), seed=0)
    client = cloud.client("dynamodb")
    arn = make_table(client)
    for op, arg, attrs in writes:
        _apply(cloud, op, arg, attrs)
    for stream in cloud.engine("dynamodb")._stream_map.values():
        stream._check()
    make_table(client, "replay", view="KEYS_ONLY")
    for record in drain(cloud.client("dynamodbstreams"), arn):
        body = record["dynamodb"]
        if record["eventName"] == "REMOVE":
            client.delete_item(TableName="replay", Key=body["Keys"])
        else:
            client.put_item(TableName="replay", Item=body["NewImage"])
    original = client.scan(TableName="tbl")["Items"]
    rebuilt = client.scan(TableName="replay")["Items"]
    assert sorted(map(repr, rebuilt)) == sorted(map(repr, original))
