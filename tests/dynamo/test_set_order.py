"""Number sets keep their written order (issue 13); string and binary sets stay sorted.

Every path that writes or reads a number set: PutItem/GetItem, UpdateItem's ADD, DELETE
and SET, legacy AttributeUpdates, Query/Scan, streams, transactions, batches, PartiQL,
export/import, backups, snapshots, global replicas and the resource layers. Set
semantics are unchanged: a number set equals the same members in another order.
"""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud, ManualClock
from pyserverless.dynamo._types import NumberSet, from_python, from_wire, to_python, to_wire

from .conftest import make_table

WRITTEN = ["10", "2", "-1", "3.5", "0"]
KEY = {"pk": {"S": "k"}, "sk": {"N": "1"}}


def ns(*members: str) -> dict[str, list[str]]:
    return {"NS": list(members)}


def get(ddb: Any, name: str = "items", key: dict[str, Any] = KEY) -> dict[str, Any]:
    found: dict[str, Any] = ddb.get_item(TableName=name, Key=key, ConsistentRead=True)["Item"]
    return found


def put(ddb: Any, name: str = "items", **attrs: Any) -> None:
    ddb.put_item(TableName=name, Item={**KEY, **attrs})


def update(ddb: Any, expression: str, **values: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"UpdateExpression": expression, "ReturnValues": "ALL_NEW"}
    if values:
        request["ExpressionAttributeValues"] = {f":{k}": v for k, v in values.items()}
    answer: dict[str, Any] = ddb.update_item(TableName="items", Key=KEY, **request)
    return answer["Attributes"]


class TestNumberSet:
    """The native type: a ``set`` whose iteration, copies and pickles keep the order."""

    def test_is_a_set_equal_in_any_order(self) -> None:
        value = NumberSet([Decimal(3), Decimal(1), Decimal(2)])
        assert isinstance(value, set)
        assert value == {Decimal(1), Decimal(2), Decimal(3)} == NumberSet([2, 3, 1])
        assert value != {Decimal(1), Decimal(2)}
        assert list(value) == [Decimal(3), Decimal(1), Decimal(2)]
        assert repr(value) == "{Decimal('3'), Decimal('1'), Decimal('2')}"

    def test_copies_and_pickles_keep_the_order(self) -> None:
        value = NumberSet([Decimal(9), Decimal(-4), Decimal("0.5")])
        for other in (
            copy.copy(value),
            copy.deepcopy(value),
            value.copy(),
            pickle.loads(pickle.dumps(value)),
        ):
            assert type(other) is NumberSet
            assert list(other) == list(value)
            assert other is not value

    def test_mutators_keep_the_order(self) -> None:
        value = NumberSet([5, 1, 3])
        value.add(1)  # present: no move
        value.add(0)
        assert list(value) == [5, 1, 3, 0]
        value.discard(1)
        value.discard(42)  # absent: nothing
        assert list(value) == [5, 3, 0]
        value.update([7, 5], [8])
        assert list(value) == [5, 3, 0, 7, 8]
        value.remove(3)
        with pytest.raises(KeyError):
            value.remove(3)
        value -= {0}
        value |= NumberSet([9, 5])
        assert list(value) == [5, 7, 8, 9]
        value &= {9, 7, 100}
        assert list(value) == [7, 9]
        value ^= NumberSet([9, 4])
        assert list(value) == [7, 4]
        assert value.pop() == 7 and list(value) == [4]
        value.clear()
        assert list(value) == [] and not value and repr(value) == "NumberSet()"
        with pytest.raises(KeyError):
            value.pop()

    def test_duplicates_in_the_constructor_keep_the_first(self) -> None:
        assert list(NumberSet([Decimal(2), Decimal("2.0"), Decimal(1)])) == [2, 1]

    def test_wire_and_python_conversions(self) -> None:
        native = from_wire(ns(*WRITTEN))
        assert type(native) is NumberSet
        assert to_wire(native) == ns(*WRITTEN)
        assert list(to_python(native)) == list(native)
        assert to_python(native) is not native
        # A plain Python set: its own iteration order, as boto3's serializer sends it.
        plain = {Decimal(7), Decimal(3), Decimal(100)}
        assert to_wire(plain) == {"NS": [str(n) for n in plain]}
        assert list(from_python(plain)) == list(plain)
        assert list(from_python(NumberSet([Decimal(9), 1]))) == [Decimal(9), Decimal(1)]

    def test_string_and_binary_sets_stay_sorted(self) -> None:
        assert to_wire(from_wire({"SS": ["b", "c", "a"]})) == {"SS": ["a", "b", "c"]}
        assert to_wire(from_wire({"BS": [b"\x02", b"\x01"]})) == {"BS": [b"\x01", b"\x02"]}


class TestItems:
    def test_put_get_keeps_written_order(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns(*WRITTEN), ss={"SS": ["b", "a"]}, bs={"BS": [b"\x02", b"\x01"]})
        item = get(ddb)
        assert item["ns"] == ns(*WRITTEN)
        assert item["ss"] == {"SS": ["a", "b"]}
        assert item["bs"] == {"BS": [b"\x01", b"\x02"]}

    def test_nested_number_sets(self, ddb: Any, table: str) -> None:
        nested = {"M": {"a": {"L": [ns("3", "1"), {"M": {"b": ns("9", "-9")}}]}}}
        put(ddb, doc=nested)
        assert get(ddb)["doc"] == nested

    def test_return_values_all_old(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("2", "1"))
        old = ddb.put_item(TableName="items", Item=KEY, ReturnValues="ALL_OLD")["Attributes"]
        assert old["ns"] == ns("2", "1")

    def test_delete_returns_the_order(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("2", "1", "3"))
        old = ddb.delete_item(TableName="items", Key=KEY, ReturnValues="ALL_OLD")
        assert old["Attributes"]["ns"] == ns("2", "1", "3")


class TestUpdate:
    def test_add_appends_new_members_in_written_order(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("10", "2", "-1"))
        assert update(ddb, "ADD ns :v", v=ns("7", "2", "0"))["ns"] == ns("10", "2", "-1", "7", "0")

    def test_add_of_present_members_changes_nothing(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("3", "1", "2"))
        assert update(ddb, "ADD ns :v", v=ns("2", "1"))["ns"] == ns("3", "1", "2")

    def test_add_to_a_missing_attribute_is_the_written_order(self, ddb: Any, table: str) -> None:
        assert update(ddb, "ADD ns :v", v=ns("5", "4", "6"))["ns"] == ns("5", "4", "6")

    def test_add_nested(self, ddb: Any, table: str) -> None:
        put(ddb, m={"M": {"s": ns("8", "1")}})
        got = update(ddb, "ADD m.s :v", v=ns("0", "8", "9"))
        assert got["m"] == {"M": {"s": ns("8", "1", "0", "9")}}

    def test_delete_keeps_the_rest_in_order(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns(*WRITTEN))
        assert update(ddb, "DELETE ns :v", v=ns("2", "0", "77"))["ns"] == ns("10", "-1", "3.5")

    def test_delete_of_every_member_removes_the_attribute(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("1", "2"))
        assert "ns" not in update(ddb, "DELETE ns :v", v=ns("2", "1"))

    def test_set_writes_the_given_order(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("1", "2"))
        assert update(ddb, "SET ns = :v", v=ns("2", "1", "-5"))["ns"] == ns("2", "1", "-5")
        got = update(ddb, "SET twin = ns")
        assert got["twin"] == ns("2", "1", "-5")

    def test_updated_new_and_old(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("9", "1"))
        answer = ddb.update_item(
            TableName="items",
            Key=KEY,
            UpdateExpression="ADD ns :v",
            ExpressionAttributeValues={":v": ns("5")},
            ReturnValues="UPDATED_OLD",
        )
        assert answer["Attributes"] == {"ns": ns("9", "1")}

    def test_legacy_attribute_updates(self, ddb: Any, table: str) -> None:
        def legacy(action: str, value: dict[str, Any]) -> dict[str, Any]:
            answer: dict[str, Any] = ddb.update_item(
                TableName="items",
                Key=KEY,
                AttributeUpdates={"ns": {"Action": action, "Value": value}},
                ReturnValues="ALL_NEW",
            )
            return answer["Attributes"]

        assert legacy("ADD", ns("4", "2"))["ns"] == ns("4", "2")
        assert legacy("ADD", ns("9", "2", "-3"))["ns"] == ns("4", "2", "9", "-3")
        assert legacy("DELETE", ns("2"))["ns"] == ns("4", "9", "-3")
        assert legacy("PUT", ns("1", "0"))["ns"] == ns("1", "0")


class TestConditionsUnchanged:
    """Order plays no part in comparisons: a set equals its members in any order."""

    @pytest.mark.parametrize(
        ("condition", "value", "passes"),
        [
            ("ns = :v", ns("1", "3", "2"), True),
            ("ns = :v", ns("3", "2", "1"), True),
            ("ns = :v", ns("3", "2"), False),
            ("ns <> :v", ns("2", "1", "3"), False),
            ("contains(ns, :v)", {"N": "2"}, True),
            ("contains(ns, :v)", {"N": "4"}, False),
            ("size(ns) = :v", {"N": "3"}, True),
            ("ns IN (:v)", ns("2", "3", "1"), True),
        ],
    )
    def test_condition(
        self, ddb: Any, table: str, condition: str, value: dict[str, Any], passes: bool
    ) -> None:
        put(ddb, ns=ns("3", "1", "2"))
        request = {
            "TableName": "items",
            "Key": KEY,
            "UpdateExpression": "SET seen = :t",
            "ConditionExpression": condition,
            "ExpressionAttributeValues": {":v": value, ":t": {"BOOL": True}},
        }
        if passes:
            ddb.update_item(**request)
            assert get(ddb)["seen"] == {"BOOL": True}
        else:
            with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
                ddb.update_item(**request)
        assert get(ddb)["ns"] == ns("3", "1", "2")

    def test_legacy_expected_and_filters(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("3", "1", "2"))
        ddb.put_item(
            TableName="items",
            Item={**KEY, "ns": ns("3", "1", "2"), "x": {"S": "y"}},
            Expected={"ns": {"Value": ns("2", "1", "3")}},
        )
        found = ddb.scan(
            TableName="items",
            FilterExpression="ns = :v",
            ExpressionAttributeValues={":v": ns("1", "2", "3")},
        )["Items"]
        assert [i["ns"] for i in found] == [ns("3", "1", "2")]


class TestReads:
    def test_query_scan_and_projection(self, ddb: Any, table: str) -> None:
        for i, order in enumerate((["3", "1", "2"], ["1", "2", "3"], ["2", "3", "1"])):
            ddb.put_item(
                TableName="items",
                Item={"pk": {"S": "k"}, "sk": {"N": str(i)}, "ns": ns(*order)},
            )
        expected = [ns("3", "1", "2"), ns("1", "2", "3"), ns("2", "3", "1")]
        queried = ddb.query(
            TableName="items",
            KeyConditionExpression="pk = :k",
            ExpressionAttributeValues={":k": {"S": "k"}},
        )["Items"]
        assert [i["ns"] for i in queried] == expected
        scanned = ddb.scan(TableName="items", ProjectionExpression="ns")["Items"]
        assert sorted(map(repr, (i["ns"] for i in scanned))) == sorted(map(repr, expected))

    def test_gsi_projection(self, ddb: Any) -> None:
        make_table(
            ddb,
            "indexed",
            more_types={"g": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "by_g",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        ddb.put_item(TableName="indexed", Item={**KEY, "g": {"S": "x"}, "ns": ns("5", "-5", "0")})
        found = ddb.query(
            TableName="indexed",
            IndexName="by_g",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "x"}},
        )["Items"]
        assert found[0]["ns"] == ns("5", "-5", "0")


class TestBatchesAndTransactions:
    def test_batch_write_and_get(self, ddb: Any, table: str) -> None:
        ddb.batch_write_item(
            RequestItems={"items": [{"PutRequest": {"Item": {**KEY, "ns": ns("8", "2", "4")}}}]}
        )
        got = ddb.batch_get_item(RequestItems={"items": {"Keys": [KEY]}})
        assert got["Responses"]["items"][0]["ns"] == ns("8", "2", "4")

    def test_transact_write_and_get(self, ddb: Any, table: str) -> None:
        other = {"pk": {"S": "k"}, "sk": {"N": "2"}}
        ddb.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": "items", "Item": {**KEY, "ns": ns("6", "1")}}},
                {
                    "Update": {
                        "TableName": "items",
                        "Key": other,
                        "UpdateExpression": "ADD ns :v",
                        "ExpressionAttributeValues": {":v": ns("3", "-3")},
                    }
                },
            ]
        )
        got = ddb.transact_get_items(
            TransactItems=[
                {"Get": {"TableName": "items", "Key": KEY}},
                {"Get": {"TableName": "items", "Key": other}},
            ]
        )["Responses"]
        assert [r["Item"]["ns"] for r in got] == [ns("6", "1"), ns("3", "-3")]


class TestPartiQL:
    def test_insert_literal_and_select(self, ddb: Any, table: str) -> None:
        ddb.execute_statement(
            Statement="INSERT INTO items VALUE {'pk': 'k', 'sk': 1, 'ns': <<5, 1, 3>>}"
        )
        found = ddb.execute_statement(Statement="SELECT ns FROM items WHERE pk = 'k' AND sk = 1")
        assert found["Items"] == [{"ns": ns("5", "1", "3")}]

    def test_parameters_and_set_functions(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("9", "4"))
        where = "WHERE pk = 'k' AND sk = 1"
        ddb.execute_statement(
            Statement=f"UPDATE items SET ns = set_add(ns, ?) {where}",
            Parameters=[ns("0", "4", "-2")],
        )
        assert get(ddb)["ns"] == ns("9", "4", "0", "-2")
        ddb.execute_statement(Statement=f"UPDATE items SET ns = set_delete(ns, <<4>>) {where}")
        assert get(ddb)["ns"] == ns("9", "0", "-2")
        ddb.execute_statement(
            Statement=f"UPDATE items SET o = ? {where}", Parameters=[ns("2", "1")]
        )
        assert get(ddb)["o"] == ns("2", "1")


class _Recorder:
    """A Lambda handler that keeps the events it gets."""

    def __init__(self, seen: list[Any]) -> None:
        self.seen = seen

    def __call__(self, event: dict[str, Any], context: object) -> None:
        self.seen.append(event)


def stream_records(cloud: Cloud) -> Any:
    stream = cloud.dynamo.Table("items").stream
    assert stream is not None
    return stream.records()


class TestStreams:
    def test_records_carry_the_order(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        ddb = cloud.client("dynamodb")
        make_table(
            ddb,
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        put(ddb, ns=ns("3", "1", "2"))
        update(ddb, "ADD ns :v", v=ns("0"))
        records = stream_records(cloud)
        assert [list(r.new_image["ns"]) for r in records if r.new_image] == [
            [3, 1, 2],
            [3, 1, 2, 0],
        ]
        assert list(records[1].old_image["ns"]) == [3, 1, 2]
        arn = ddb.describe_table(TableName="items")["Table"]["LatestStreamArn"]
        streams = cloud.client("dynamodbstreams")
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
        it = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        wire = streams.get_records(ShardIterator=it)["Records"]
        assert [r["dynamodb"]["NewImage"]["ns"] for r in wire] == [
            ns("3", "1", "2"),
            ns("3", "1", "2", "0"),
        ]

    def test_lambda_event_carries_the_order(self) -> None:
        """A function subscribed to the stream gets the number set as written."""
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        table = cloud.dynamo.create_table(
            TableName="orders",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
        )
        seen: list[Any] = []
        fn = cloud.lambda_.create_function("worker", handler=_Recorder(seen))
        assert table.stream is not None
        table.stream.subscribe(fn)
        table.put_item(Item={"id": "a", "ns": NumberSet([Decimal(4), Decimal(-4), Decimal(1)])})
        cloud.advance(5)
        images = [r["dynamodb"]["NewImage"]["ns"] for e in seen for r in e["Records"]]
        assert images == [ns("4", "-4", "1")]
        assert table.stream.records()[0].event()["dynamodb"]["NewImage"]["ns"] == ns("4", "-4", "1")

    def test_a_reordered_rewrite_is_a_change_an_equal_one_is_not(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        ddb = cloud.client("dynamodb")
        make_table(
            ddb,
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        put(ddb, ns=ns("3", "1", "2"))
        put(ddb, ns=ns("3", "1", "2"))  # the same item: no record
        assert len(stream_records(cloud)) == 1
        put(ddb, ns=ns("1", "2", "3"))  # the same set, written in another order
        records = stream_records(cloud)
        assert [r.event_name for r in records] == ["INSERT", "MODIFY"]
        assert list(records[1].new_image["ns"]) == [1, 2, 3]


def _exported_and_imported(fmt: str) -> dict[str, Any]:
    cloud = Cloud(clock=ManualClock(1_750_000_000), seed=0)
    ddb, s3 = cloud.client("dynamodb"), cloud.client("s3")
    s3.create_bucket(Bucket="bkt")
    arn = make_table(ddb)["TableDescription"]["TableArn"]
    ddb.update_continuous_backups(
        TableName="items", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    put(ddb, ns=ns(*WRITTEN), m={"M": {"inner": ns("2", "-2", "1")}})
    cloud.advance(5)
    export = ddb.export_table_to_point_in_time(
        TableArn=arn, S3Bucket="bkt", ExportFormat=fmt, S3Prefix="x"
    )["ExportDescription"]
    export_id = export["ExportArn"].rsplit("/", 1)[1]
    imported = ddb.import_table(
        S3BucketSource={"S3Bucket": "bkt", "S3KeyPrefix": f"x/AWSDynamoDB/{export_id}/data/"},
        InputFormat=fmt,
        InputCompressionType="GZIP",
        TableCreationParameters={
            "TableName": "copy",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
            ],
        },
    )["ImportTableDescription"]
    assert imported["ImportStatus"] in ("IN_PROGRESS", "COMPLETED")
    cloud.run_until_idle()
    return get(ddb, "copy")


class TestExportImportBackups:
    @pytest.mark.parametrize("fmt", ["DYNAMODB_JSON", "ION"])
    def test_round_trip_keeps_the_order(self, fmt: str) -> None:
        item = _exported_and_imported(fmt)
        assert item["ns"] == ns(*WRITTEN)
        assert item["m"] == {"M": {"inner": ns("2", "-2", "1")}}

    def test_backup_restore(self, ddb: Any, table: str) -> None:
        put(ddb, ns=ns("4", "-4", "2"))
        backup = ddb.create_backup(TableName="items", BackupName="bak")["BackupDetails"]
        put(ddb, ns=ns("1"))
        ddb.restore_table_from_backup(TargetTableName="restored", BackupArn=backup["BackupArn"])
        assert get(ddb, "restored")["ns"] == ns("4", "-4", "2")

    def test_point_in_time_restore(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        ddb.update_continuous_backups(
            TableName="items",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        put(ddb, ns=ns("7", "3", "5"))
        cloud.advance(10)
        then = cloud.clock.time()
        cloud.advance(10)
        put(ddb, ns=ns("3", "5", "7"))  # reordered after the restore time
        cloud.advance(600)  # the latest restorable time trails the clock
        ddb.restore_table_to_point_in_time(
            SourceTableName="items", TargetTableName="then", RestoreDateTime=then
        )
        assert get(ddb, "then")["ns"] == ns("7", "3", "5")
        assert get(ddb)["ns"] == ns("3", "5", "7")


class TestSnapshotsAndReplicas:
    def test_snapshot_restore(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        put(ddb, ns=ns("8", "6", "7"))
        snap = cloud.snapshot()
        update(ddb, "DELETE ns :v", v=ns("6"))
        put(ddb, ns=ns("1", "2"))
        cloud.restore(snap)
        assert get(ddb)["ns"] == ns("8", "6", "7")
        update(ddb, "ADD ns :v", v=ns("0"))  # the restored set is a live number set
        assert get(ddb)["ns"] == ns("8", "6", "7", "0")
        cloud.restore(snap)  # restorable again, untouched by the update
        assert get(ddb)["ns"] == ns("8", "6", "7")

    def test_global_replica_reads_the_written_order(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000), seed=0)
        us = cloud.client("dynamodb", region_name="us-east-1")
        eu = cloud.client("dynamodb", region_name="eu-west-1")
        make_table(us, "orders")
        us.update_table(
            TableName="orders", ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}]
        )
        put(us, "orders", ns=ns("30", "10", "20"))
        cloud.advance(5)
        assert get(eu, "orders")["ns"] == ns("30", "10", "20")
        update_eu = eu.update_item(
            TableName="orders",
            Key=KEY,
            UpdateExpression="ADD ns :v",
            ExpressionAttributeValues={":v": ns("5")},
            ReturnValues="ALL_NEW",
        )
        assert update_eu["Attributes"]["ns"] == ns("30", "10", "20", "5")
        cloud.advance(5)
        assert get(us, "orders")["ns"] == ns("30", "10", "20", "5")
        put(us, "orders", ns=ns("10", "20", "30"))  # reordered: replicated too
        cloud.advance(5)
        assert get(eu, "orders")["ns"] == ns("10", "20", "30")


class TestResourceLayer:
    def test_number_set_in_and_out(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        make_table(cloud.client("dynamodb"))
        table = cloud.dynamo.Table("items")
        table.put_item(Item={"pk": "k", "sk": 1, "ns": NumberSet([Decimal(9), 1, 5])})
        got = table.get_item(Key={"pk": "k", "sk": 1})["Item"]["ns"]
        assert type(got) is NumberSet and list(got) == [9, 1, 5]
        got.add(Decimal(0))  # a copy: the table is unchanged
        assert list(table.get_item(Key={"pk": "k", "sk": 1})["Item"]["ns"]) == [9, 1, 5]
        assert cloud.client("dynamodb").get_item(TableName="items", Key=KEY)["Item"]["ns"] == ns(
            "9", "1", "5"
        )

    def test_a_plain_set_is_stored_in_its_iteration_order(self) -> None:
        cloud = Cloud(clock=ManualClock(1_750_000_000))
        make_table(cloud.client("dynamodb"))
        table = cloud.dynamo.Table("items")
        plain = {Decimal(1), Decimal(16), Decimal(3)}
        assert list(plain) != sorted(plain)  # CPython's order here: 16, 1, 3
        table.put_item(Item={"pk": "k", "sk": 1, "ns": plain})
        got = table.get_item(Key={"pk": "k", "sk": 1})["Item"]["ns"]
        assert got == plain and list(got) == list(plain)
        wire = cloud.client("dynamodb").get_item(TableName="items", Key=KEY)["Item"]["ns"]
        assert wire == {"NS": [str(n) for n in plain]}

    def test_boto3_client_and_resource(self, cloud: Cloud) -> None:
        boto3 = pytest.importorskip("boto3")
        bridge = pytest.importorskip("pyserverless.adapters.bridge")
        with bridge.mock_aws(cloud):
            client = boto3.client("dynamodb", region_name="us-east-1")
            make_table(client)
            put(client, ns=ns("12", "-3", "7"))
            assert get(client)["ns"] == ns("12", "-3", "7")
            # boto3's own TypeDeserializer builds a plain set: the members, in Python's order.
            item = (
                boto3.resource("dynamodb", region_name="us-east-1")
                .Table("items")
                .get_item(Key={"pk": "k", "sk": 1})["Item"]
            )
            assert type(item["ns"]) is set and item["ns"] == {12, -3, 7}


distinct_numbers = st.lists(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    min_size=1,
    max_size=12,
    unique_by=lambda d: d.normalize(),
)


@settings(max_examples=60, deadline=None)
@given(members=distinct_numbers, added=distinct_numbers)
def test_any_written_order_reads_back(members: list[Decimal], added: list[Decimal]) -> None:
    """Whatever order a number set is written in, it reads back in that order, ADD
    appends the new members in theirs, and it equals itself as a set in conditions."""
    cloud = Cloud(clock=ManualClock(1_750_000_000))
    ddb = cloud.client("dynamodb")
    make_table(ddb)
    written = [str(m) for m in members]
    put(ddb, ns=ns(*written))
    stored = get(ddb)["ns"]["NS"]
    assert [Decimal(x) for x in stored] == members
    ddb.update_item(
        TableName="items",
        Key=KEY,
        UpdateExpression="SET seen = :t",
        ConditionExpression="ns = :same",
        ExpressionAttributeValues={
            ":same": ns(*reversed(written)),
            ":t": {"BOOL": True},
        },
    )
    got = update(ddb, "ADD ns :v", v=ns(*(str(a) for a in added)))["ns"]["NS"]
    new = [a for a in added if a not in set(members)]
    assert [Decimal(x) for x in got] == members + new
