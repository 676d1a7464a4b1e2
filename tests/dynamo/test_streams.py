"""DynamoDB Streams, table side: StreamSpecification, the records a write makes, view
types, ordering, disabling, deleted tables, TTL deletions, shard rollover, retention and
the resource layer's ``table.stream``."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from pyserverless import Cloud, ManualClock

VIEWS = ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")
LABEL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}")


def new_cloud(**dynamodb: Any) -> Cloud:
    return Cloud(clock=ManualClock(), seed=0, limits={"dynamodb": dynamodb} if dynamodb else None)


def make(
    cloud: Cloud, view: str | None = "NEW_AND_OLD_IMAGES", name: str = "tbl", sk: bool = False
) -> Any:
    keys = [{"AttributeName": "Id", "KeyType": "HASH"}]
    types = [{"AttributeName": "Id", "AttributeType": "N"}]
    if sk:
        keys.append({"AttributeName": "Sk", "KeyType": "RANGE"})
        types.append({"AttributeName": "Sk", "AttributeType": "S"})
    extra: dict[str, Any] = {}
    if view is not None:
        extra["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view}
    return cloud.client("dynamodb").create_table(
        TableName=name, KeySchema=keys, AttributeDefinitions=types,
        BillingMode="PAY_PER_REQUEST", **extra,
    )["TableDescription"]  # fmt: skip


def read_all(cloud: Cloud, arn: str) -> list[dict[str, Any]]:
    """Every readable record of the stream, shard by shard, through the client (after
    checking every stream's invariants)."""
    for stream in cloud.engine("dynamodb")._stream_map.values():
        stream._check()
    streams = cloud.client("dynamodbstreams")
    out: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        ).get("ShardIterator")
        while it is not None:
            page = streams.get_records(ShardIterator=it)
            out.extend(page["Records"])
            if not page["Records"]:
                break
            it = page.get("NextShardIterator")
    return out


class TestSpecification:
    def test_create_table_describes_the_stream(self) -> None:
        """CreateTable answers LatestStreamArn (table ARN + /stream/ + ISO label) and the spec."""
        cloud = new_cloud()
        d = make(cloud, "KEYS_ONLY")
        assert LABEL.fullmatch(d["LatestStreamLabel"])
        assert d["LatestStreamArn"] == f"{d['TableArn']}/stream/{d['LatestStreamLabel']}"
        assert d["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
        assert d["LatestStreamLabel"] == cloud.now().strftime("%Y-%m-%dT%H:%M:%S.000")
        listed = cloud.client("dynamodbstreams").list_streams()["Streams"]
        assert listed == [
            {
                "StreamArn": d["LatestStreamArn"],
                "TableName": "tbl",
                "StreamLabel": d["LatestStreamLabel"],
            }
        ]

    def test_a_table_without_stream_has_no_watcher(self) -> None:
        """Streams off cost nothing: no watcher on the table, no stream listed."""
        cloud = new_cloud()
        make(cloud, None)
        assert cloud.engine("dynamodb").tables["tbl"].watchers == []
        assert cloud.client("dynamodbstreams").list_streams()["Streams"] == []

    def test_update_table_enables_a_stream(self) -> None:
        """UpdateTable with a StreamSpecification starts a stream that records later writes."""
        cloud = new_cloud()
        make(cloud, None)
        ddb = cloud.client("dynamodb")
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "1"}})
        d = ddb.update_table(
            TableName="tbl",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
        )["TableDescription"]
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "2"}})
        records = read_all(cloud, d["LatestStreamArn"])
        assert [r["dynamodb"]["Keys"] for r in records] == [{"Id": {"N": "2"}}]


class TestRecords:
    @pytest.mark.parametrize("view", VIEWS)
    def test_images_follow_the_view_type(self, view: str) -> None:
        """INSERT, MODIFY and REMOVE carry the images the view type names, and only those."""
        cloud = new_cloud()
        arn = make(cloud, view)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 101, "Message": "New item!"})
        table.put_item(Item={"Id": 101, "Message": "This item has changed"})
        table.delete_item(Key={"Id": 101})
        records = read_all(cloud, arn)
        assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
        new = view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES")
        old = view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES")
        assert [("NewImage" in r["dynamodb"]) for r in records] == [new, new, False]
        assert [("OldImage" in r["dynamodb"]) for r in records] == [False, old, old]
        assert all(r["dynamodb"]["StreamViewType"] == view for r in records)
        assert all(r["dynamodb"]["Keys"] == {"Id": {"N": "101"}} for r in records)

    def test_every_field_as_aws_sends_it(self) -> None:
        """eventID, eventName, eventVersion 1.1, eventSource, awsRegion and dynamodb's
        members; SizeBytes as AWS's sample records (26, 59, 38)."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 101, "Message": "New item!"})
        table.put_item(Item={"Id": 101, "Message": "This item has changed"})
        table.delete_item(Key={"Id": 101})
        records = read_all(cloud, arn)
        assert [r["dynamodb"]["SizeBytes"] for r in records] == [26, 59, 38]
        first = records[0]
        assert set(first) == {
            "eventID",
            "eventName",
            "eventVersion",
            "eventSource",
            "awsRegion",
            "dynamodb",
        }
        assert re.fullmatch(r"[0-9a-f]{32}", first["eventID"])
        assert first["eventVersion"] == "1.1"
        assert first["eventSource"] == "aws:dynamodb"
        assert first["awsRegion"] == "us-east-1"
        assert first["dynamodb"]["NewImage"] == {"Id": {"N": "101"}, "Message": {"S": "New item!"}}
        assert first["dynamodb"]["ApproximateCreationDateTime"] == cloud.now().replace(
            microsecond=0
        )
        seqs = [r["dynamodb"]["SequenceNumber"] for r in records]
        assert all(re.fullmatch(r"[1-9]\d{20}", s) for s in seqs)
        assert [int(s) for s in seqs] == sorted(int(s) for s in seqs)
        assert len({r["eventID"] for r in records}) == 3

    def test_creation_time_is_rounded_down_to_the_second(self) -> None:
        """ApproximateCreationDateTime drops the fraction of a second."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        cloud.advance(0.75)
        cloud.dynamo.table("tbl").put_item(Item={"Id": 1})
        (record,) = read_all(cloud, arn)
        moment = record["dynamodb"]["ApproximateCreationDateTime"]
        assert moment.microsecond == 0
        assert cloud.now() - moment == timedelta(seconds=0.75)

    def test_a_write_that_changes_nothing_writes_no_record(self) -> None:
        """A put of the same item, a delete of a missing one: no records."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 1, "a": "x"})
        table.put_item(Item={"Id": 1, "a": "x"})
        table.delete_item(Key={"Id": 2})
        table.update_item(
            Key={"Id": 1}, UpdateExpression="SET a = :a", ExpressionAttributeValues={":a": "x"}
        )
        assert [r["eventName"] for r in read_all(cloud, arn)] == ["INSERT"]

    def test_transactions_and_batches_make_one_record_per_changed_item(self) -> None:
        """TransactWriteItems and BatchWriteItem: a record for each item they change."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        ddb = cloud.client("dynamodb")
        ddb.batch_write_item(RequestItems={"tbl": [
            {"PutRequest": {"Item": {"Id": {"N": str(n)}}}} for n in range(3)
        ]})  # fmt: skip
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "tbl", "Item": {"Id": {"N": "0"}, "v": {"S": "x"}}}},
            {"Delete": {"TableName": "tbl", "Key": {"Id": {"N": "1"}}}},
            {"ConditionCheck": {"TableName": "tbl", "Key": {"Id": {"N": "2"}},
                                "ConditionExpression": "attribute_exists(Id)"}},
        ])  # fmt: skip
        names = [(r["eventName"], r["dynamodb"]["Keys"]["Id"]["N"]) for r in read_all(cloud, arn)]
        assert names == [
            ("INSERT", "0"),
            ("INSERT", "1"),
            ("INSERT", "2"),
            ("MODIFY", "0"),
            ("REMOVE", "1"),
        ]

    def test_ordered_per_item_and_exactly_once(self) -> None:
        """Many writes to a few items: each change once, in order for each item."""
        cloud = new_cloud()
        arn = make(cloud, sk=True)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        expected: dict[tuple[int, str], list[int]] = {}
        for n in range(60):
            key = (n % 3, "abc"[n % 2])
            table.put_item(Item={"Id": key[0], "Sk": key[1], "v": n})
            expected.setdefault(key, []).append(n)
        seen: dict[tuple[int, str], list[int]] = {}
        records = read_all(cloud, arn)
        for r in records:
            image = r["dynamodb"]["NewImage"]
            key = (int(image["Id"]["N"]), image["Sk"]["S"])
            seen.setdefault(key, []).append(int(image["v"]["N"]))
        assert seen == expected
        assert len({r["dynamodb"]["SequenceNumber"] for r in records}) == 60

    def test_ttl_deletions_carry_the_service_identity(self) -> None:
        """A REMOVE made by TTL has userIdentity Service / dynamodb.amazonaws.com; others none."""
        cloud = new_cloud(ttl_delete_min_seconds=0.0, ttl_delete_max_seconds=1.0)
        arn = make(cloud, "KEYS_ONLY")["LatestStreamArn"]
        ddb = cloud.client("dynamodb")
        ddb.update_time_to_live(
            TableName="tbl", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"}
        )
        now = int(cloud.clock.time())
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "1"}, "exp": {"N": str(now + 10)}})
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "2"}})
        ddb.delete_item(TableName="tbl", Key={"Id": {"N": "2"}})
        cloud.advance(3600)
        records = read_all(cloud, arn)
        removes = [r for r in records if r["eventName"] == "REMOVE"]
        assert [r.get("userIdentity") for r in removes] == [
            None,
            {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"},
        ]


class TestLifecycle:
    def test_disable_then_enable_makes_a_new_stream(self) -> None:
        """Disabling keeps LatestStreamArn; re-enabling gives a new ARN; the old stream is
        DISABLED, its shards closed, readable for 24 hours and then gone."""
        cloud = new_cloud()
        ddb = cloud.client("dynamodb")
        old = make(cloud)["LatestStreamArn"]
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "1"}})
        d = ddb.update_table(TableName="tbl", StreamSpecification={"StreamEnabled": False})[
            "TableDescription"
        ]
        assert d["LatestStreamArn"] == old
        assert d["StreamSpecification"] == {"StreamEnabled": False}
        ddb.put_item(TableName="tbl", Item={"Id": {"N": "2"}})  # not recorded anywhere
        new = ddb.update_table(
            TableName="tbl",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )["TableDescription"]["LatestStreamArn"]
        assert new != old
        streams = cloud.client("dynamodbstreams")
        described = streams.describe_stream(StreamArn=old)["StreamDescription"]
        assert described["StreamStatus"] == "DISABLED"
        assert all("EndingSequenceNumber" in s["SequenceNumberRange"] for s in described["Shards"])
        assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in read_all(cloud, old)] == ["1"]
        assert (
            streams.describe_stream(StreamArn=new)["StreamDescription"]["StreamStatus"] == "ENABLED"
        )
        assert {s["StreamArn"] for s in streams.list_streams(TableName="tbl")["Streams"]} == {
            old,
            new,
        }
        cloud.advance(86400 - 1)
        assert streams.describe_stream(StreamArn=old)["StreamDescription"]["StreamArn"] == old
        cloud.advance(1)
        with pytest.raises(streams.exceptions.ResourceNotFoundException):
            streams.describe_stream(StreamArn=old)
        assert [s["StreamArn"] for s in streams.list_streams()["Streams"]] == [new]

    def test_enable_twice_in_one_instant_still_gives_two_streams(self) -> None:
        """Disable and re-enable without the clock moving: the new label is a millisecond on."""
        cloud = new_cloud()
        ddb = cloud.client("dynamodb")
        old = make(cloud)["LatestStreamLabel"]
        ddb.update_table(TableName="tbl", StreamSpecification={"StreamEnabled": False})
        new = ddb.update_table(
            TableName="tbl",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )["TableDescription"]["LatestStreamLabel"]
        assert new > old
        assert len(cloud.client("dynamodbstreams").list_streams()["Streams"]) == 2

    def test_enabling_and_disabling_take_the_state_delay(self) -> None:
        """With table_state_seconds, a stream is ENABLING (DISABLING) until the table settles."""
        cloud = new_cloud(table_state_seconds=5.0)
        arn = make(cloud)["LatestStreamArn"]
        streams = cloud.client("dynamodbstreams")

        def status() -> str:
            found: str = streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamStatus"]
            return found

        assert status() == "ENABLING"
        cloud.advance(4.5)
        assert status() == "ENABLING"
        cloud.advance(0.5)
        assert status() == "ENABLED"
        cloud.client("dynamodb").update_table(
            TableName="tbl", StreamSpecification={"StreamEnabled": False}
        )
        assert status() == "DISABLING"
        cloud.advance(5)
        assert status() == "DISABLED"

    def test_a_table_made_again_at_once_gets_a_new_stream(self) -> None:
        """Delete a table and make it again without the clock moving: two streams, two ARNs."""
        cloud = new_cloud()
        old = make(cloud)["LatestStreamArn"]
        cloud.client("dynamodb").delete_table(TableName="tbl")
        new = make(cloud)
        assert new["LatestStreamArn"] != old
        assert new["LatestStreamArn"].endswith("/stream/" + new["LatestStreamLabel"])
        streams = cloud.client("dynamodbstreams")
        listed = {s["StreamArn"] for s in streams.list_streams(TableName="tbl")["Streams"]}
        assert listed == {old, new["LatestStreamArn"]}
        status = streams.describe_stream(StreamArn=old)["StreamDescription"]["StreamStatus"]
        assert status == "DISABLED"

    def test_deleting_the_table_disables_its_stream_for_24_hours(self) -> None:
        """DeleteTable: the stream is DISABLED, still readable, then deleted after 24 hours."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        cloud.dynamo.table("tbl").put_item(Item={"Id": 7})
        cloud.client("dynamodb").delete_table(TableName="tbl")
        streams = cloud.client("dynamodbstreams")
        assert (
            streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamStatus"]
            == "DISABLED"
        )
        assert len(read_all(cloud, arn)) == 1
        cloud.advance(86400)
        assert streams.list_streams()["Streams"] == []


class TestShardsAndRetention:
    def test_shards_roll_over_on_the_schedule(self) -> None:
        """Every four hours the open shard closes and a child opens; the closed shard,
        read to its end, answers no NextShardIterator."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 1})
        streams = cloud.client("dynamodbstreams")
        cloud.advance(4 * 3600 - 1)
        assert len(streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]) == 1
        cloud.advance(1)
        table.put_item(Item={"Id": 2})
        parent, child = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        assert child["ParentShardId"] == parent["ShardId"]
        assert "EndingSequenceNumber" in parent["SequenceNumberRange"]
        assert "EndingSequenceNumber" not in child["SequenceNumberRange"]
        assert int(child["SequenceNumberRange"]["StartingSequenceNumber"]) > int(
            parent["SequenceNumberRange"]["EndingSequenceNumber"]
        )
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=parent["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )
        page = streams.get_records(ShardIterator=it["ShardIterator"])
        assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in page["Records"]] == ["1"]
        assert "NextShardIterator" not in page
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=child["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )
        page = streams.get_records(ShardIterator=it["ShardIterator"])
        assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in page["Records"]] == ["2"]
        assert "NextShardIterator" in page

    def test_rollover_period_is_a_limit(self) -> None:
        """stream_shard_seconds sets the period; 0 never rolls over."""
        cloud = new_cloud(stream_shard_seconds=60.0)
        arn = make(cloud)["LatestStreamArn"]
        cloud.advance(180)
        assert (
            len(
                cloud.client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"][
                    "Shards"
                ]
            )
            == 4
        )
        cloud = new_cloud(stream_shard_seconds=0.0)
        arn = make(cloud)["LatestStreamArn"]
        cloud.advance(30 * 86400)
        assert (
            len(
                cloud.client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"][
                    "Shards"
                ]
            )
            == 1
        )

    def test_records_are_trimmed_after_24_hours(self) -> None:
        """A record is readable 24 hours less a second after its write, and trimmed at 24 hours."""
        cloud = new_cloud(stream_shard_seconds=0.0)
        arn = make(cloud)["LatestStreamArn"]
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 1})
        cloud.advance(10)
        table.put_item(Item={"Id": 2})
        cloud.advance(86400 - 10 - 1)
        assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in read_all(cloud, arn)] == ["1", "2"]
        cloud.advance(1)
        assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in read_all(cloud, arn)] == ["2"]
        cloud.advance(10)
        assert read_all(cloud, arn) == []

    def test_closed_shards_leave_the_description_when_their_records_are_gone(self) -> None:
        """A shard closed more than 24 hours ago is no longer listed."""
        cloud = new_cloud()
        arn = make(cloud)["LatestStreamArn"]
        streams = cloud.client("dynamodbstreams")
        first = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        cloud.advance(4 * 3600)  # the first shard closes now
        assert len(streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]) == 2
        cloud.advance(86400 - 1)
        shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        assert shards[0]["ShardId"] == first
        assert len(shards) == 7
        cloud.advance(1)  # a day after it closed: gone (and another shard opened)
        shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        assert first not in [s["ShardId"] for s in shards]
        assert len(shards) == 7
        with pytest.raises(streams.exceptions.ResourceNotFoundException):
            streams.get_shard_iterator(StreamArn=arn, ShardId=first, ShardIteratorType="LATEST")

    def test_memory_stays_bounded_by_retention(self) -> None:
        """Writes over days keep only about a day of records in memory."""
        cloud = new_cloud(stream_shard_seconds=0.0)
        make(cloud, "KEYS_ONLY")
        table = cloud.dynamo.table("tbl")
        for n in range(2000):
            table.put_item(Item={"Id": n % 7, "v": n})
            cloud.advance(3600)
        stream = cloud.engine("dynamodb").tables["tbl"].streams.current
        assert len(stream.shards[0].records) <= 2 * 25
        # Written hourly, the last at 1999 h; now 2000 h: the writes of 1977-1999 h live.
        assert len(read_all(cloud, stream.arn)) == 23


class TestResourceLayer:
    def test_records_are_frozen_native_objects(self) -> None:
        """table.stream.records(): native images, frozen, copies of the stored items."""
        cloud = new_cloud()
        make(cloud)
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 1, "tags": {"a"}, "n": [1, 2]})
        stream = table.stream
        assert stream is not None
        assert stream.view_type == "NEW_AND_OLD_IMAGES"
        assert repr(stream) == f"TableStream({stream.label!r}, view_type='NEW_AND_OLD_IMAGES')"
        (record,) = stream.records()
        assert record.new_image == {"Id": Decimal(1), "tags": {"a"}, "n": [Decimal(1), Decimal(2)]}
        assert record.old_image is None
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.event_name = "REMOVE"  # type: ignore[misc]
        record.new_image["n"].append(3)
        assert table.get_item(Key={"Id": 1})["Item"]["n"] == [1, 2]
        assert repr(record).startswith("StreamRecord(INSERT {'Id': Decimal('1')} seq=")

    def test_records_since(self) -> None:
        """since= a sequence number keeps later records; since= a datetime, those at or after."""
        cloud = new_cloud()
        make(cloud)
        table = cloud.dynamo.table("tbl")
        table.put_item(Item={"Id": 1})
        mark = cloud.now() + timedelta(seconds=5)
        cloud.advance(5)
        table.put_item(Item={"Id": 2})
        table.put_item(Item={"Id": 3})
        stream = table.stream
        assert stream is not None
        first, _, third = stream.records()
        assert [r.keys["Id"] for r in stream.records(since=first.sequence_number)] == [2, 3]
        assert [r.keys["Id"] for r in stream.records(since=mark)] == [2, 3]
        assert stream.records(since=third.sequence_number) == ()
        with pytest.raises(TypeError):
            stream.records(since=3)  # type: ignore[arg-type]

    def test_no_stream_is_none(self) -> None:
        """A table without a stream (or with it disabled) has table.stream None."""
        cloud = new_cloud()
        make(cloud)
        table = cloud.dynamo.table("tbl")
        assert table.stream is not None
        cloud.client("dynamodb").update_table(
            TableName="tbl", StreamSpecification={"StreamEnabled": False}
        )
        assert table.stream is None
