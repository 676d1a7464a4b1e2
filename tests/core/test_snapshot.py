"""cloud.snapshot() and cloud.restore(snap): DynamoDB, ids, time, tasks, faults (Lambda,
Cognito and whole-state coverage in test_snapshot_services.py)."""

from __future__ import annotations

import functools
import io
import threading
import zipfile
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pyserverless import Cloud, CloudSnapshot, ManualClock

START = 1_735_689_600  # 2025-01-01T00:00:00Z

ORDERS = {
    "TableName": "orders",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
        {"AttributeName": "status", "AttributeType": "S"},
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": "by-status",
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def _cloud(seed: int = 0) -> Cloud:
    return Cloud(clock=ManualClock(START), seed=seed)


def _item(i: int, status: str = "open") -> dict[str, Any]:
    return {"pk": {"S": f"c{i % 3}"}, "sk": {"N": str(i)}, "status": {"S": status}}


def _orders(cloud: Cloud, n: int = 10) -> Any:
    client = cloud.client("dynamodb")
    client.create_table(**ORDERS)
    for i in range(n):
        client.put_item(TableName="orders", Item=_item(i))
    return client


def _package(name: str, source: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name, source)
    return buf.getvalue()


def _echo(event: Any, context: Any) -> Any:
    return event


def _invoke_config(client: Any, name: str) -> Any:
    try:
        found = client.get_function_event_invoke_config(FunctionName=name)
        found.pop("ResponseMetadata", None)
        return found
    except client.exceptions.ResourceNotFoundException:
        return None


def _dynamo_view(cloud: Cloud, region: str | None = None) -> dict[str, Any]:
    """What DynamoDB shows of every table: descriptions, items, index contents."""
    client = cloud.client("dynamodb", region)
    view: dict[str, Any] = {}
    for name in client.list_tables()["TableNames"]:
        table = client.describe_table(TableName=name)["Table"]
        items = client.scan(TableName=name)["Items"]
        by_index = {
            gsi["IndexName"]: client.scan(TableName=name, IndexName=gsi["IndexName"])["Items"]
            for gsi in table.get("GlobalSecondaryIndexes", [])
        }
        view[name] = (table, items, by_index)
    for engine_key, engine in cloud._engines.items():
        if engine_key[0] == "dynamodb":
            for t in engine.tables.values():
                t.store._check()
    return view


class TestSnapshotValue:
    def test_repr_names_what_it_holds(self) -> None:
        """The repr shows the instant, the services and regions, items, tasks and cost."""
        cloud = _cloud()
        _orders(cloud, 3)
        cloud.client("dynamodb", "eu-west-1").list_tables()
        cloud.scheduler.call_later(5, print, "x")
        snap = cloud.snapshot()
        text = repr(snap)
        assert text.startswith(
            "<CloudSnapshot at 2025-01-01T00:00:00+00:00: dynamodb (eu-west-1, us-east-1); "
            "3 items; 1 task; took "
        )
        assert snap.services == ("dynamodb",)
        assert snap.regions == ("eu-west-1", "us-east-1")
        assert (snap.items, snap.tasks) == (3, 1)

    def test_frozen(self) -> None:
        """A snapshot is a value: its fields cannot be reassigned."""
        snap = _cloud().snapshot()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            snap.items = 5  # type: ignore[misc]

    def test_another_clouds_snapshot_is_refused(self) -> None:
        """Restoring a snapshot into a Cloud it did not come from is a ValueError; the
        target is left unchanged."""
        a, b = _cloud(), _cloud()
        _orders(b, 2)
        snap = a.snapshot()
        with pytest.raises(ValueError, match="another Cloud"):
            b.restore(snap)
        assert b.client("dynamodb").list_tables()["TableNames"] == ["orders"]

    def test_not_a_snapshot_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match="CloudSnapshot"):
            _cloud().restore({"not": "a snapshot"})  # type: ignore[arg-type]

    def test_uncopyable_state_is_named(self) -> None:
        """State that cannot be copied (a generator) makes snapshot() a TypeError naming it."""
        cloud = _cloud()
        _orders(cloud, 1)
        table = cloud.engine("dynamodb").tables["orders"]
        table.tags = {"k": (i for i in range(3))}  # type: ignore[dict-item]
        with pytest.raises(TypeError, match=r"cannot snapshot a builtins\.generator"):
            cloud.snapshot()
        table.tags = {}
        cloud.client("dynamodb").put_item(TableName="orders", Item=_item(5))  # locks let go
        assert cloud.snapshot().items == 2

    def test_real_time_cloud(self) -> None:
        """Under a SystemClock a restore brings the tasks back for the driver thread."""
        cloud = Cloud(seed=1)
        try:
            cloud.scheduler.call_later(3600, print, "later")
            snap = cloud.snapshot()
            cloud.scheduler.pending()[0].cancel()
            assert len(cloud.scheduler) == 0
            cloud.restore(snap)
            assert [t.when for t in cloud.scheduler.pending()] == [
                t.when for t in snap._state.tasks
            ]
        finally:
            cloud.scheduler.stop_driver()


class TestDynamoDB:
    def test_round_trip(self) -> None:
        """Puts, updates, deletes, a dropped table and a new one are all undone."""
        cloud = _cloud()
        client = _orders(cloud)
        before = _dynamo_view(cloud)
        snap = cloud.snapshot()
        client.put_item(TableName="orders", Item=_item(50, "paid"))
        client.update_item(
            TableName="orders",
            Key={"pk": {"S": "c1"}, "sk": {"N": "1"}},
            UpdateExpression="SET #s = :s",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": "shipped"}},
        )
        client.delete_item(TableName="orders", Key={"pk": {"S": "c2"}, "sk": {"N": "2"}})
        client.create_table(**{**ORDERS, "TableName": "other"})
        client.put_item(TableName="other", Item=_item(1))
        assert _dynamo_view(cloud) != before
        cloud.restore(snap)
        assert _dynamo_view(cloud) == before

    def test_deleted_table_comes_back(self) -> None:
        cloud = _cloud()
        client = _orders(cloud)
        before = _dynamo_view(cloud)
        snap = cloud.snapshot()
        client.delete_table(TableName="orders")
        assert client.list_tables()["TableNames"] == []
        cloud.restore(snap)
        assert _dynamo_view(cloud) == before

    def test_restore_twice(self) -> None:
        """One snapshot restores any number of times: restoring copies it again."""
        cloud = _cloud()
        client = _orders(cloud)
        before = _dynamo_view(cloud)
        snap = cloud.snapshot()
        for n in range(3):
            client.put_item(TableName="orders", Item=_item(100 + n))
            client.delete_item(TableName="orders", Key={"pk": {"S": "c0"}, "sk": {"N": "0"}})
            cloud.restore(snap)
            assert _dynamo_view(cloud) == before

    def test_objects_held_before_restore_read_the_restored_state(self) -> None:
        """A client, a resource-layer Table and a boto3-style resource obtained before
        the restore work on the restored data."""
        cloud = _cloud()
        client = _orders(cloud, 2)
        table = cloud.dynamo.Table("orders")
        resource_table = cloud.resource("dynamodb").Table("orders")
        snap = cloud.snapshot()
        table.delete_item(Key={"pk": "c0", "sk": 0})
        assert "Item" not in table.get_item(Key={"pk": "c0", "sk": 0})
        cloud.restore(snap)
        assert table.get_item(Key={"pk": "c0", "sk": 0})["Item"]["status"] == "open"
        assert resource_table.get_item(Key={"pk": "c1", "sk": 1})["Item"]["sk"] == 1
        assert client.get_item(TableName="orders", Key={"pk": {"S": "c0"}, "sk": {"N": "0"}})[
            "Item"
        ]["status"] == {"S": "open"}
        table.put_item(Item={"pk": "c9", "sk": 9, "status": "new"})  # writes still work
        assert client.scan(TableName="orders", Select="COUNT")["Count"] == 3

    def test_writes_after_restore_do_not_reach_the_snapshot(self) -> None:
        """The restored containers are copies: writing to them leaves the snapshot whole."""
        cloud = _cloud()
        client = _orders(cloud, 4)
        snap = cloud.snapshot()
        cloud.restore(snap)
        for i in range(4):
            client.delete_item(
                TableName="orders", Key={"pk": {"S": f"c{i % 3}"}, "sk": {"N": str(i)}}
            )
        cloud.restore(snap)
        assert client.scan(TableName="orders", Select="COUNT")["Count"] == 4
        assert (
            client.query(
                TableName="orders",
                IndexName="by-status",
                KeyConditionExpression="#s = :s",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":s": {"S": "open"}},
            )["Count"]
            == 4
        )

    def test_transaction_tokens_are_restored(self) -> None:
        """An idempotency token used after the snapshot is unknown again after restore:
        the same token with another request is accepted, not refused as a mismatch."""
        cloud = _cloud()
        client = _orders(cloud, 0)

        def write(i: int) -> None:
            client.transact_write_items(
                TransactItems=[{"Put": {"TableName": "orders", "Item": _item(i)}}],
                ClientRequestToken="token-1",
            )

        snap = cloud.snapshot()
        write(1)
        with pytest.raises(client.exceptions.IdempotentParameterMismatchException):
            write(2)
        cloud.restore(snap)
        write(2)
        assert client.scan(TableName="orders", Select="COUNT")["Count"] == 1

    def test_boto3_through_the_bridge(self) -> None:
        """A real boto3 client (made before the restore, inside mock_aws) reads the
        restored table: botocore parses the answers, an oracle no one here wrote."""
        boto3 = pytest.importorskip("boto3")
        from pyserverless import mock_aws

        cloud = _cloud()
        _orders(cloud, 3)
        with mock_aws(cloud):
            client = boto3.client("dynamodb", region_name="us-east-1")
            snap = cloud.snapshot()
            client.delete_item(TableName="orders", Key={"pk": {"S": "c0"}, "sk": {"N": "0"}})
            client.delete_table(TableName="orders")
            cloud.restore(snap)
            got = client.get_item(TableName="orders", Key={"pk": {"S": "c0"}, "sk": {"N": "0"}})
            assert got["Item"]["status"] == {"S": "open"}
            assert client.describe_table(TableName="orders")["Table"]["ItemCount"] == 3

    def test_atomic_against_concurrent_transactions(self) -> None:
        """A snapshot taken while another thread writes transactions of two items holds
        each transaction whole or not at all."""
        cloud = _cloud()
        client = _orders(cloud, 0)
        done = threading.Event()

        def writer() -> None:
            for i in range(400):
                client.transact_write_items(
                    TransactItems=[
                        {"Put": {"TableName": "orders", "Item": _item(2 * i)}},
                        {"Put": {"TableName": "orders", "Item": _item(2 * i + 1)}},
                    ]
                )
            done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        snaps = [cloud.snapshot()]
        while not done.is_set():
            snaps.append(cloud.snapshot())
        thread.join()
        assert cloud.snapshot().items == 800
        for snap in snaps:
            cloud.restore(snap)
            items = client.scan(TableName="orders")["Items"]
            keys = sorted(int(item["sk"]["N"]) for item in items)
            assert keys == list(range(len(keys)))  # whole transactions, in order
            assert len(keys) == snap.items
            assert len(keys) % 2 == 0

    def test_engine_built_after_the_snapshot_is_emptied(self) -> None:
        """A Region first used after the snapshot goes back to a new engine's state; its
        client keeps working."""
        cloud = _cloud()
        snap = cloud.snapshot()
        eu = cloud.client("dynamodb", "eu-west-1")
        eu.create_table(**ORDERS)
        cloud.restore(snap)
        assert eu.list_tables()["TableNames"] == []
        eu.create_table(**ORDERS)
        assert eu.list_tables()["TableNames"] == ["orders"]


class TestDynamoDBFeatures:
    """The state features keep (TTL, streams, backups, policies) round-trip too."""

    def _table(self, cloud: Cloud) -> Any:
        client = cloud.client("dynamodb")
        client.create_table(
            **ORDERS, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
        )
        return client

    def test_ttl_sweep_survives(self) -> None:
        """An item due to expire is deleted by the restored TTL sweep, at its time, with
        the same seeded delay as before the restore."""
        cloud = _cloud(seed=3)
        client = self._table(cloud)
        client.update_time_to_live(
            TableName="orders",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"},
        )
        item = {**_item(1), "expires": {"N": str(START + 60)}}
        client.put_item(TableName="orders", Item=item)
        snap = cloud.snapshot()

        def expire() -> float:
            cloud.advance(61)
            while client.scan(TableName="orders", Select="COUNT")["Count"]:
                cloud.advance(60)
            return cloud.clock.time()

        first = expire()
        cloud.restore(snap)
        assert client.scan(TableName="orders", Select="COUNT")["Count"] == 1
        assert client.describe_time_to_live(TableName="orders")["TimeToLiveDescription"] == {
            "TimeToLiveStatus": "ENABLED",
            "AttributeName": "expires",
        }
        assert expire() > first  # the clock was not rewound; the item went all the same

    def test_stream_records_round_trip(self) -> None:
        """Stream records written after the snapshot are gone after a restore, and new
        writes are recorded on the restored stream."""
        cloud = _cloud()
        client = self._table(cloud)
        client.put_item(TableName="orders", Item=_item(1))
        streams = cloud.client("dynamodbstreams")
        arn = client.describe_table(TableName="orders")["Table"]["LatestStreamArn"]

        def records() -> list[Any]:
            shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
            out = []
            for shard in shards:
                it = streams.get_shard_iterator(
                    StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
                )["ShardIterator"]
                out += [
                    r["dynamodb"]["Keys"] for r in streams.get_records(ShardIterator=it)["Records"]
                ]
            return out

        before = records()
        snap = cloud.snapshot()
        client.put_item(TableName="orders", Item=_item(2))
        assert len(records()) == 2
        cloud.restore(snap)
        assert records() == before
        client.put_item(TableName="orders", Item=_item(3))
        assert len(records()) == 2

    def test_state_made_on_first_use_goes_away(self) -> None:
        """A feature whose state the engine makes on first use (backups, streams) used
        only after the snapshot is back to unused after the restore."""
        cloud = _cloud()
        client = _orders(cloud, 1)
        snap = cloud.snapshot()
        client.create_backup(TableName="orders", BackupName="later")
        client.update_table(
            TableName="orders",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        assert len(client.list_backups()["BackupSummaries"]) == 1
        cloud.restore(snap)
        assert client.list_backups()["BackupSummaries"] == []
        assert cloud.client("dynamodbstreams").list_streams()["Streams"] == []

    def test_backups_pitr_and_policies_round_trip(self) -> None:
        cloud = _cloud()
        client = self._table(cloud)
        arn = client.describe_table(TableName="orders")["Table"]["TableArn"]
        client.update_continuous_backups(
            TableName="orders",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        client.put_item(TableName="orders", Item=_item(1))
        client.create_backup(TableName="orders", BackupName="first")
        policy = (
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
            '{"AWS":"arn:aws:iam::123456789012:root"},"Action":"dynamodb:GetItem",'
            f'"Resource":"{arn}"}}]}}'
        )
        client.put_resource_policy(ResourceArn=arn, Policy=policy)
        cloud.advance(3600)

        def view() -> Any:
            backups = client.list_backups()["BackupSummaries"]
            pitr = client.describe_continuous_backups(TableName="orders")
            got = client.get_resource_policy(ResourceArn=arn)
            for reply in (pitr, got):
                reply.pop("ResponseMetadata", None)
            return backups, pitr, got

        before = view()
        snap = cloud.snapshot()
        client.put_item(TableName="orders", Item=_item(2))
        client.delete_backup(BackupArn=before[0][0]["BackupArn"])
        client.delete_resource_policy(ResourceArn=arn)
        client.update_continuous_backups(
            TableName="orders",
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False},
        )
        cloud.restore(snap)
        assert view() == before
        client.restore_table_to_point_in_time(
            SourceTableName="orders", TargetTableName="orders-then", UseLatestRestorableTime=True
        )
        cloud.advance(60)
        assert client.scan(TableName="orders-then", Select="COUNT")["Count"] == 1


class TestIdsAndTime:
    def test_ids_repeat_after_restore(self) -> None:
        """Ids drawn after a restore repeat those drawn after the snapshot."""
        cloud = _cloud(seed=11)
        snap = cloud.snapshot()
        first = [cloud.ids.uuid(), cloud.ids.hex(8), cloud.ids.next("c")]
        arn = cloud.client("dynamodb").create_table(**ORDERS)["TableDescription"]["TableId"]
        cloud.restore(snap)
        again = [cloud.ids.uuid(), cloud.ids.hex(8), cloud.ids.next("c")]
        assert again == first
        assert cloud.client("dynamodb").create_table(**ORDERS)["TableDescription"]["TableId"] == arn

    def test_the_clock_stays(self) -> None:
        """Restore does not move a ManualClock back."""
        cloud = _cloud()
        snap = cloud.snapshot()
        cloud.advance(100)
        cloud.restore(snap)
        assert cloud.clock.time() == START + 100

    def test_tasks_keep_their_times(self) -> None:
        """A restored task still in the future runs at its time; one already past runs
        at the next advance, in (time, sequence) order."""
        cloud = _cloud()
        seen: list[tuple[str, float]] = []

        def note(label: str) -> None:
            seen.append((label, cloud.clock.time()))

        cloud.scheduler.call_later(10, note, "early")
        cloud.scheduler.call_later(100, note, "late")
        snap = cloud.snapshot()
        cloud.advance(50)
        assert seen == [("early", START + 10)]
        cloud.restore(snap)
        assert len(cloud.scheduler) == 2
        cloud.advance(0)
        assert seen == [("early", START + 10), ("early", START + 50)]
        cloud.advance(50)
        assert seen[-1] == ("late", START + 100)
        cloud.restore(snap)
        assert cloud.run_until_idle() == 2

    def test_new_tasks_after_restore_order_after_restored_ones(self) -> None:
        """Sequence numbers resume from the snapshot's: ties still break in order."""
        cloud = _cloud()
        seen: list[str] = []
        cloud.scheduler.call_later(5, seen.append, "a")
        snap = cloud.snapshot()
        cloud.scheduler.call_later(5, seen.append, "x")
        cloud.restore(snap)
        cloud.scheduler.call_later(5, seen.append, "b")
        cloud.advance(5)
        assert seen == ["a", "b"]

    def test_users_own_tasks_keep_their_objects(self) -> None:
        """A task the user scheduled (their callable, their objects) is kept as it is:
        after a restore it still appends to the user's own list."""
        cloud = _cloud()
        box: list[int] = []
        cloud.scheduler.call_later(5, functools.partial(box.append, 1))
        cloud.scheduler.call_later(6, box.append, 2)
        snap = cloud.snapshot()
        cloud.restore(snap)
        cloud.advance(6)
        assert box == [1, 2]

    def test_engine_tasks_are_copied_with_their_state(self) -> None:
        """An engine's task (a bound method of engine state) is copied with that state:
        the restored task works on the restored objects, not on pre-restore ones."""
        with _cloud() as cloud:
            fn = cloud.lambda_.create_function("echo", handler=_echo)
            fn.invoke_async({"n": 1})
            queue = cloud.engine("lambda").queue
            (task,) = cloud.scheduler.pending()
            bound: Any = task.callback
            assert bound.__self__ is queue
            cloud.restore(cloud.snapshot())
            (restored,) = cloud.scheduler.pending()
            rebound: Any = restored.callback
            assert rebound.__self__ is cloud.engine("lambda").queue
            assert rebound.__self__ is not queue
            assert restored.args[0] is not task.args[0]
            cloud.advance(0)
            assert len(cloud.engine("lambda").queue.history) == 1
            assert queue.history == []


class TestFaults:
    def test_planned_faults_and_history_are_restored(self) -> None:
        cloud = _cloud()
        client = cloud.client("dynamodb")
        cloud.faults.fail("dynamodb", "ListTables", error="ThrottlingException", times=1)
        snap = cloud.snapshot()
        with pytest.raises(client.exceptions.ThrottlingException):
            client.list_tables()
        assert len(cloud.faults.history()) == 1
        assert cloud.faults.planned() == []
        cloud.restore(snap)
        assert cloud.faults.history() == []
        assert len(cloud.faults.planned()) == 1
        with pytest.raises(client.exceptions.ThrottlingException):
            client.list_tables()
        assert client.list_tables()["TableNames"] == []


# -- set up once, reset per example ----------------------------------------------------------
@pytest.fixture(scope="module")
def seeded() -> tuple[Cloud, CloudSnapshot]:
    """A Cloud with 30 orders, built once for the module, and its snapshot."""
    cloud = _cloud(seed=9)
    _orders(cloud, 30)
    return cloud, cloud.snapshot()


@settings(max_examples=40, deadline=None)
@given(deletes=st.lists(st.integers(0, 40), max_size=8))
def test_reset_per_example(seeded: tuple[Cloud, CloudSnapshot], deletes: list[int]) -> None:
    """Each example starts from the same 30 items, whatever the last one deleted."""
    cloud, snap = seeded
    cloud.restore(snap)
    client = cloud.client("dynamodb")
    assert client.scan(TableName="orders", Select="COUNT")["Count"] == 30
    for i in deletes:
        client.delete_item(TableName="orders", Key={"pk": {"S": f"c{i % 3}"}, "sk": {"N": str(i)}})
    left = client.scan(TableName="orders", Select="COUNT")["Count"]
    assert left == 30 - len({i for i in deletes if i < 30})


_OPS = st.one_of(
    st.tuples(st.just("put"), st.integers(0, 40), st.sampled_from(["open", "paid"])),
    st.tuples(st.just("delete"), st.integers(0, 40), st.just("")),
    st.tuples(st.just("table"), st.integers(0, 2), st.just("")),
    st.tuples(st.just("drop"), st.integers(0, 2), st.just("")),
    st.tuples(st.just("advance"), st.integers(0, 3600), st.just("")),
)


def _apply(cloud: Cloud, op: tuple[str, int, str]) -> None:
    client = cloud.client("dynamodb")
    kind, n, status = op
    tables = client.list_tables()["TableNames"]
    if kind == "put" and "orders" in tables:
        client.put_item(TableName="orders", Item=_item(n, status))
    elif kind == "delete" and "orders" in tables:
        client.delete_item(TableName="orders", Key={"pk": {"S": f"c{n % 3}"}, "sk": {"N": str(n)}})
    elif kind == "table" and f"extra-{n}" not in tables:
        client.create_table(**{**ORDERS, "TableName": f"extra-{n}"})
    elif kind == "drop" and tables:
        client.delete_table(TableName=tables[n % len(tables)])
    elif kind == "advance":
        cloud.advance(n)


@settings(max_examples=30, deadline=None)
@given(before=st.lists(_OPS, max_size=6), after=st.lists(_OPS, max_size=6))
def test_restore_undoes_any_sequence(
    before: list[tuple[str, int, str]], after: list[tuple[str, int, str]]
) -> None:
    """Whatever ran after the snapshot, a restore gives back the snapshot's tables,
    items and indexes, and the next ids."""
    cloud = _cloud(seed=2)
    _orders(cloud, 5)
    for op in before:
        _apply(cloud, op)
    view, snap = _dynamo_view(cloud), cloud.snapshot()
    probe = cloud.snapshot()
    next_ids = [cloud.ids.uuid() for _ in range(3)]
    cloud.restore(probe)
    for op in after:
        _apply(cloud, op)
    cloud.restore(snap)
    assert [cloud.ids.uuid() for _ in range(3)] == next_ids  # before any call draws one
    cloud.restore(snap)
    assert _dynamo_view(cloud) == view


class SnapshotMachine(RuleBasedStateMachine):
    """Writes, deletes, snapshots and restores in any order, against a dict per snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = _cloud(seed=4)
        self.client = _orders(self.cloud, 0)
        self.model: dict[int, str] = {}
        self.saved: list[tuple[CloudSnapshot, dict[int, str]]] = []

    @rule(n=st.integers(0, 20), status=st.sampled_from(["open", "paid"]))
    def put(self, n: int, status: str) -> None:
        self.client.put_item(TableName="orders", Item=_item(n, status))
        self.model[n] = status

    @rule(n=st.integers(0, 20))
    def delete(self, n: int) -> None:
        key = {"pk": {"S": f"c{n % 3}"}, "sk": {"N": str(n)}}
        self.client.delete_item(TableName="orders", Key=key)
        self.model.pop(n, None)

    @rule()
    def snapshot(self) -> None:
        self.saved.append((self.cloud.snapshot(), dict(self.model)))

    @precondition(lambda self: bool(self.saved))
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        snap, model = data.draw(st.sampled_from(self.saved))
        self.cloud.restore(snap)
        self.model = dict(model)

    @invariant()
    def matches_the_model(self) -> None:
        items = self.client.scan(TableName="orders")["Items"]
        assert {int(i["sk"]["N"]): i["status"]["S"] for i in items} == self.model
        by_status = self.client.scan(TableName="orders", IndexName="by-status")["Items"]
        assert len(by_status) == len(self.model)
        for table in self.cloud.engine("dynamodb").tables.values():
            table.store._check()


TestSnapshotMachine = SnapshotMachine.TestCase
TestSnapshotMachine.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)


def test_cloud_method_examples_run() -> None:
    """Cloud.snapshot's docstring example runs (pytest's doctest collection skips Cloud's
    methods: Cloud reports module pyserverless, its methods' globals are cloud.py's)."""
    import doctest

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder().find(Cloud.snapshot, "Cloud.snapshot", globs={"Cloud": Cloud})
    assert [len(t.examples) for t in tests] == [5]
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_snapshot_type_is_public() -> None:
    """CloudSnapshot is exported from pyserverless and reports that module."""
    assert isinstance(Cloud.manual().snapshot(), CloudSnapshot)
    assert CloudSnapshot.__module__ == "pyserverless"
