"""Global tables (MREC): replication on the clock, last writer wins, streams, TTL,
transactions, partitions, paused replicas, metrics, snapshots and the doors."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

from .conftest import make_table

US, EU, AP = "us-east-1", "eu-west-1", "ap-southeast-2"
KEY = {"pk": {"S": "k"}, "sk": {"N": "1"}}


def build(lag: tuple[float, float] | None = None, seed: int = 0) -> Cloud:
    limits = {}
    if lag is not None:
        limits = {"dynamodb": {"replication_lag_min": lag[0], "replication_lag_max": lag[1]}}
    return Cloud(clock=ManualClock(1_750_000_000), seed=seed, limits=limits)


def global_table(cloud: Cloud, *regions: str, **extra: Any) -> dict[str, Any]:
    clients = {r: cloud.client("dynamodb", region_name=r) for r in (US, *regions)}
    make_table(clients[US], "orders", **extra)
    for region in regions:
        clients[US].update_table(
            TableName="orders", ReplicaUpdates=[{"Create": {"RegionName": region}}]
        )
    return clients


def item(client: Any, key: dict[str, Any] = KEY) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.get_item(
        TableName="orders", Key=key, ConsistentRead=True
    ).get("Item")
    return found


def put(client: Any, value: str, key: dict[str, Any] = KEY) -> None:
    client.put_item(TableName="orders", Item={**key, "v": {"S": value}})


def records(cloud: Cloud, region: str) -> list[Any]:
    stream = cloud.in_region(region).dynamo.Table("orders").stream
    assert stream is not None
    return list(stream.records())


class TestLag:
    def test_both_sides_of_a_fixed_lag(self) -> None:
        """With the lag fixed at 0.3 s: absent at 0.299 s, present at 0.3 s."""
        cloud = build(lag=(0.3, 0.3))
        c = global_table(cloud, EU)
        put(c[US], "a")
        cloud.advance(0.299)
        assert item(c[EU]) is None
        cloud.advance(0.001)
        assert item(c[EU]) == {**KEY, "v": {"S": "a"}}

    def test_default_lag_under_a_second(self) -> None:
        cloud = build()
        c = global_table(cloud, EU, AP)
        for n in range(50):
            put(c[US], str(n), {"pk": {"S": f"k{n}"}, "sk": {"N": "1"}})
        assert (
            cloud.engine("dynamodb").replication_metrics("orders")[EU]["PendingReplicationCount"]
            == 50
        )
        cloud.advance(cloud.limits.dynamodb.replication_lag_max)
        for region in (EU, AP):
            assert c[region].scan(TableName="orders")["Count"] == 50
        metrics = cloud.engine("dynamodb").replication_metrics("orders")
        for region in (EU, AP):
            assert metrics[region]["PendingReplicationCount"] == 0
            assert 0 < metrics[region]["ReplicationLatency"] <= 500

    def test_lags_are_seeded(self) -> None:
        """The same seed gives the same arrival times."""

        def arrivals(seed: int) -> list[float]:
            cloud = build(seed=seed)
            c = global_table(cloud, EU)
            for n in range(5):
                put(c[US], str(n), {"pk": {"S": f"k{n}"}, "sk": {"N": "1"}})
            return [t.when for t in cloud.scheduler.pending() if "replication" in t.name]

        assert arrivals(3) == arrivals(3)

    def test_strong_read_is_strong_only_in_the_writing_region(self) -> None:
        cloud = build(lag=(0.2, 0.2))
        c = global_table(cloud, EU)
        put(c[US], "a")
        assert item(c[US]) is not None  # ConsistentRead where the write was made
        assert item(c[EU]) is None  # ConsistentRead elsewhere: not yet
        cloud.advance(0.2)
        assert item(c[EU]) is not None

    def test_update_and_delete_replicate(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        put(c[US], "a")
        cloud.advance(1)
        c[EU].update_item(
            TableName="orders",
            Key=KEY,
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )
        cloud.advance(1)
        assert item(c[US]) == {**KEY, "v": {"S": "b"}}
        c[US].delete_item(TableName="orders", Key=KEY)
        cloud.advance(1)
        assert item(c[EU]) is None


class TestConflicts:
    def test_later_timestamp_wins(self) -> None:
        cloud = build(lag=(0.5, 0.5))
        c = global_table(cloud, EU)
        put(c[EU], "eu-first")
        cloud.advance(0.1)
        put(c[US], "us-later")
        cloud.advance(1)
        for region in (US, EU):
            assert item(c[region]) == {**KEY, "v": {"S": "us-later"}}

    def test_same_instant_tie_break_by_region(self) -> None:
        """Two writes at the same instant: the Region name breaks the tie (us-east-1 >
        eu-west-1), the same everywhere."""
        cloud = build()
        c = global_table(cloud, EU)
        put(c[US], "us")
        put(c[EU], "eu")
        cloud.advance(1)
        assert item(c[US]) == item(c[EU]) == {**KEY, "v": {"S": "us"}}

    def test_write_on_top_of_a_replicated_write_wins(self) -> None:
        """A write made after a replicated write arrived wins, even at the same instant
        and from the Region that loses ties."""
        cloud = build(lag=(0.0, 0.0))
        c = global_table(cloud, EU)
        put(c[US], "us")
        cloud.advance(0)
        assert item(c[EU]) == {**KEY, "v": {"S": "us"}}
        put(c[EU], "eu-after")
        cloud.advance(0)
        assert item(c[US]) == item(c[EU]) == {**KEY, "v": {"S": "eu-after"}}

    def test_delete_against_put(self) -> None:
        cloud = build(lag=(0.5, 0.5))
        c = global_table(cloud, EU)
        put(c[US], "a")
        cloud.advance(1)
        c[EU].delete_item(TableName="orders", Key=KEY)
        cloud.advance(0.1)
        put(c[US], "b")
        cloud.advance(1)
        assert item(c[US]) == item(c[EU]) == {**KEY, "v": {"S": "b"}}

    def test_conditional_writes_judge_the_local_version(self) -> None:
        """A condition is evaluated against the item as this Region has it."""
        cloud = build(lag=(0.5, 0.5))
        c = global_table(cloud, EU)
        put(c[US], "a")
        c[EU].put_item(
            TableName="orders",
            Item={**KEY, "v": {"S": "eu"}},
            ConditionExpression="attribute_not_exists(pk)",
        )
        cloud.advance(1)
        assert item(c[US]) == item(c[EU])


class TestStreamsAndTtl:
    def test_replicated_write_is_an_ordinary_record(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        put(c[US], "a")
        cloud.advance(1)
        (here,) = records(cloud, US)
        (there,) = records(cloud, EU)
        assert here.event_name == there.event_name == "INSERT"
        assert there.new_image == here.new_image
        assert there.principal is None
        assert there.aws_region == EU

    def test_ttl_identity_only_where_deleted(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        cloud.dynamo.Table("orders").ttl = "expires"
        now = int(cloud.clock.time())
        c[US].put_item(TableName="orders", Item={**KEY, "expires": {"N": str(now - 10)}})
        cloud.advance(2 * 86400)
        assert item(c[US]) is None and item(c[EU]) is None
        removed_here = [r for r in records(cloud, US) if r.event_name == "REMOVE"]
        removed_there = [r for r in records(cloud, EU) if r.event_name == "REMOVE"]
        assert [r.principal is not None for r in removed_here] == [True]
        assert [r.principal for r in removed_there] == [None]

    def test_transaction_replicates_item_by_item(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        other = {"pk": {"S": "j"}, "sk": {"N": "2"}}
        c[US].transact_write_items(
            TransactItems=[
                {"Put": {"TableName": "orders", "Item": {**KEY, "v": {"S": "1"}}}},
                {"Put": {"TableName": "orders", "Item": {**other, "v": {"S": "2"}}}},
            ]
        )
        tasks = [t for t in cloud.scheduler.pending() if "replication" in t.name]
        assert len(tasks) == 1  # one delivery at a time, in order
        cloud.advance(1)
        assert len(records(cloud, EU)) == 2
        assert item(c[EU]) is not None and item(c[EU], other) is not None

    def test_each_stream_replays_into_its_replica(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        for n in range(10):
            put(c[US if n % 2 else EU], str(n), {"pk": {"S": f"k{n % 3}"}, "sk": {"N": "1"}})
            cloud.advance(0.05)
        cloud.advance(1)
        for region in (US, EU):
            replayed: dict[Any, Any] = {}
            for r in records(cloud, region):
                key = tuple(sorted(r.keys.items()))
                if r.new_image is None:
                    replayed.pop(key, None)
                else:
                    replayed[key] = r.new_image
            table = cloud.in_region(region).dynamo.Table("orders")
            assert sorted(replayed.values(), key=str) == sorted(table.scan()["Items"], key=str)


class TestFaults:
    def test_partition_then_heal(self) -> None:
        """Both sides keep accepting writes; nothing flows; healed, they converge."""
        cloud = build()
        c = global_table(cloud, EU)
        cloud.partition(US, EU)
        put(c[US], "us")
        cloud.advance(0.2)
        put(c[EU], "eu-later")
        put(c[EU], "only-eu", {"pk": {"S": "e"}, "sk": {"N": "1"}})
        cloud.advance(60)
        assert item(c[US]) == {**KEY, "v": {"S": "us"}}
        assert (
            cloud.engine("dynamodb", EU).replication_metrics("orders")[US][
                "PendingReplicationCount"
            ]
            == 2
        )
        cloud.heal()
        cloud.advance(0)
        assert item(c[US]) == item(c[EU]) == {**KEY, "v": {"S": "eu-later"}}
        assert item(c[US], {"pk": {"S": "e"}, "sk": {"N": "1"}}) is not None

    def test_partition_cuts_one_pair_only(self) -> None:
        cloud = build()
        c = global_table(cloud, EU, AP)
        cloud.partition(US, EU)
        put(c[US], "us")
        cloud.advance(1)
        assert item(c[AP]) is not None and item(c[EU]) is None
        cloud.heal(US, EU)
        cloud.advance(1)
        assert item(c[EU]) is not None

    def test_heal_one_region(self) -> None:
        cloud = build()
        cloud.partition(US, EU)
        cloud.partition(US, AP)
        cloud.heal(US)
        assert not cloud.faults.network.partitioned(US, EU)
        assert not cloud.faults.network.partitioned(US, AP)

    def test_pause_and_resume(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        eu = cloud.dynamo.Table("orders").replica(EU)
        eu.pause()
        assert eu.paused
        put(c[US], "to-eu")
        put(c[EU], "from-eu", {"pk": {"S": "e"}, "sk": {"N": "1"}})
        cloud.advance(30)
        assert item(c[EU]) is None
        assert item(c[US], {"pk": {"S": "e"}, "sk": {"N": "1"}}) is None
        eu.resume()
        cloud.advance(1)
        assert item(c[EU]) is not None
        assert item(c[US], {"pk": {"S": "e"}, "sk": {"N": "1"}}) is not None

    def test_run_until_idle_does_not_spin_while_partitioned(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        cloud.partition(US, EU)
        put(c[US], "a")
        cloud.run_until_idle()
        assert item(c[EU]) is None


class TestState:
    def test_plain_table_pays_nothing(self) -> None:
        """A table without replicas has no replication watcher."""
        cloud = build()
        make_table(cloud.client("dynamodb"), "plain")
        assert cloud.engine("dynamodb").tables["plain"].watchers == []
        assert cloud.engine("dynamodb")._strong_tables == frozenset()

    def test_snapshot_restores_queued_replication(self) -> None:
        cloud = build(lag=(0.3, 0.3))
        c = global_table(cloud, EU)
        put(c[US], "a")
        snap = cloud.snapshot()
        cloud.advance(1)
        assert item(c[EU]) is not None
        cloud.restore(snap)
        assert item(c[EU]) is None
        assert (
            cloud.engine("dynamodb").replication_metrics("orders")[EU]["PendingReplicationCount"]
            == 1
        )
        cloud.advance(1)
        assert item(c[EU]) == {**KEY, "v": {"S": "a"}}

    def test_snapshot_keeps_the_partition(self) -> None:
        cloud = build()
        c = global_table(cloud, EU)
        cloud.partition(US, EU)
        put(c[US], "a")
        snap = cloud.snapshot()
        cloud.heal()
        cloud.advance(1)
        assert item(c[EU]) is not None
        cloud.restore(snap)
        assert cloud.faults.network.partitioned(US, EU)
        cloud.advance(1)
        assert item(c[EU]) is None
        cloud.heal()
        cloud.advance(1)
        assert item(c[EU]) == {**KEY, "v": {"S": "a"}}


class TestDoors:
    def test_boto3_routes_by_region(self, cloud: Cloud) -> None:
        """Through mock_aws, each boto3 client's region_name picks the Region."""
        boto3 = pytest.importorskip("boto3")
        bridge = pytest.importorskip("pyserverless.adapters.bridge")
        with bridge.mock_aws(cloud):
            us = boto3.client("dynamodb", region_name=US)
            eu = boto3.client("dynamodb", region_name=EU)
            make_table(us, "orders")
            us.put_item(TableName="orders", Item={**KEY, "v": {"S": "a"}})
            us.update_table(TableName="orders", ReplicaUpdates=[{"Create": {"RegionName": EU}}])
            d = eu.describe_table(TableName="orders")["Table"]
            assert d["Replicas"] == [{"RegionName": US, "ReplicaStatus": "ACTIVE"}]
            assert d["TableArn"].startswith(f"arn:aws:dynamodb:{EU}:")
            assert eu.get_item(TableName="orders", Key=KEY)["Item"]["v"] == {"S": "a"}
            assert eu.list_tables()["TableNames"] == ["orders"]
            ap = boto3.client("dynamodb", region_name=AP)
            assert ap.list_tables()["TableNames"] == []


def test_ttl_setting_is_the_group_s() -> None:
    """UpdateTimeToLive on one replica sets every replica (AWS: "All replicas will have the
    same time to live configuration")."""
    cloud = build()
    c = global_table(cloud, EU)
    c[EU].update_time_to_live(
        TableName="orders", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"}
    )
    for region in (US, EU):
        described = c[region].describe_time_to_live(TableName="orders")["TimeToLiveDescription"]
        assert (described["TimeToLiveStatus"], described["AttributeName"]) == ("ENABLED", "exp")
