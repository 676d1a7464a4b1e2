"""Global tables with multi-Region strong consistency (MRSC): creation rules, synchronous
writes, ReplicatedWriteConflictException under real threads, refusals."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.dynamo import (
    InternalServerError,
    ReplicatedWriteConflictException,
    ValidationException,
)
from pyserverless.dynamo._global_strong import _claims

from .conftest import make_table

US, EU, AP, CA = "us-east-1", "eu-west-1", "ap-southeast-2", "ca-central-1"
KEY = {"pk": {"S": "k"}, "sk": {"N": "1"}}


@pytest.fixture
def mrsc() -> tuple[Cloud, dict[str, Any]]:
    cloud = Cloud(clock=ManualClock(1_750_000_000), seed=5)
    clients = {r: cloud.client("dynamodb", region_name=r) for r in (US, EU, AP)}
    make_table(clients[US], "orders")
    clients[US].update_table(
        TableName="orders",
        MultiRegionConsistency="STRONG",
        ReplicaUpdates=[{"Create": {"RegionName": EU}}, {"Create": {"RegionName": AP}}],
    )
    return cloud, clients


def value(client: Any) -> Any:
    found = client.get_item(TableName="orders", Key=KEY, ConsistentRead=True).get("Item")
    return None if found is None else found["v"]["S"]


class TestCreation:
    def test_three_replicas(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        _cloud, c = mrsc
        for region in (US, EU, AP):
            d = c[region].describe_table(TableName="orders")["Table"]
            assert d["MultiRegionConsistency"] == "STRONG"
            assert len(d["Replicas"]) == 2

    def test_two_replicas_and_a_witness(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        us.update_table(
            TableName="orders",
            MultiRegionConsistency="STRONG",
            ReplicaUpdates=[{"Create": {"RegionName": EU}}],
            GlobalTableWitnessUpdates=[{"Create": {"RegionName": AP}}],
        )
        d = us.describe_table(TableName="orders")["Table"]
        assert d["GlobalTableWitnesses"] == [{"RegionName": AP, "WitnessStatus": "ACTIVE"}]
        assert [r["RegionName"] for r in d["Replicas"]] == [EU]
        assert cloud.client("dynamodb", region_name=AP).list_tables()["TableNames"] == []
        us.put_item(TableName="orders", Item={**KEY, "v": {"S": "a"}})
        eu = cloud.client("dynamodb", region_name=EU)
        assert value(eu) == "a"

    @pytest.mark.parametrize(
        "creates",
        [[EU], [EU, AP, CA]],
        ids=["two-regions", "four-regions"],
    )
    def test_exactly_three_regions(self, creates: list[str]) -> None:
        """Two Regions and four Regions are refused; three (the fixture) are accepted."""
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        with pytest.raises(ValidationException) as err:
            us.update_table(
                TableName="orders",
                MultiRegionConsistency="STRONG",
                ReplicaUpdates=[{"Create": {"RegionName": r}} for r in creates],
            )
        assert "exactly 3 Regions" in err.value.response["Error"]["Message"]
        assert "Replicas" not in us.describe_table(TableName="orders")["Table"]

    def test_table_must_be_empty(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        us.put_item(TableName="orders", Item=KEY)
        with pytest.raises(ValidationException) as err:
            us.update_table(
                TableName="orders",
                MultiRegionConsistency="STRONG",
                ReplicaUpdates=[{"Create": {"RegionName": EU}}, {"Create": {"RegionName": AP}}],
            )
        assert "must be empty" in err.value.response["Error"]["Message"]

    def test_witness_needs_strong(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        with pytest.raises(ValidationException):
            us.update_table(
                TableName="orders",
                ReplicaUpdates=[{"Create": {"RegionName": EU}}],
                GlobalTableWitnessUpdates=[{"Create": {"RegionName": AP}}],
            )

    def test_consistency_fixed_at_creation(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        _cloud, c = mrsc
        with pytest.raises(ValidationException) as err:
            c[US].update_table(TableName="orders", MultiRegionConsistency="EVENTUAL")
        assert (
            "only be set when the global table is created"
            in (err.value.response["Error"]["Message"])
        )

    def test_consistency_alone_refused(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        with pytest.raises(ValidationException):
            us.update_table(TableName="orders", MultiRegionConsistency="STRONG")

    def test_lsi_refused(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        lsi = {
            "IndexName": "by_x",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "x", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
        make_table(us, "orders", LocalSecondaryIndexes=[lsi], more_types={"x": "S"})
        with pytest.raises(ValidationException) as err:
            us.update_table(
                TableName="orders",
                MultiRegionConsistency="STRONG",
                ReplicaUpdates=[{"Create": {"RegionName": EU}}, {"Create": {"RegionName": AP}}],
            )
        assert "LocalSecondaryIndexes" in err.value.response["Error"]["Message"]

    def test_ttl_refused(self) -> None:
        cloud = Cloud(clock=ManualClock())
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        us.update_time_to_live(
            TableName="orders",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"},
        )
        with pytest.raises(ValidationException):
            us.update_table(
                TableName="orders",
                MultiRegionConsistency="STRONG",
                ReplicaUpdates=[{"Create": {"RegionName": EU}}, {"Create": {"RegionName": AP}}],
            )


class TestWrites:
    def test_synchronous(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        """No clock move needed: a write is in every replica when it returns."""
        cloud, c = mrsc
        c[EU].put_item(TableName="orders", Item={**KEY, "v": {"S": "a"}})
        assert value(c[US]) == value(c[AP]) == "a"
        c[AP].update_item(
            TableName="orders",
            Key=KEY,
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )
        assert value(c[US]) == value(c[EU]) == "b"
        c[US].delete_item(TableName="orders", Key=KEY)
        assert value(c[EU]) is None and value(c[AP]) is None
        assert not [t for t in cloud.scheduler.pending() if "replication" in t.name]

    def test_batch_write(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        _cloud, c = mrsc
        c[US].batch_write_item(
            RequestItems={"orders": [{"PutRequest": {"Item": {**KEY, "v": {"S": "x"}}}}]}
        )
        assert value(c[AP]) == "x"

    def test_transactions_refused(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        _cloud, c = mrsc
        with pytest.raises(ValidationException) as err:
            c[US].transact_write_items(
                TransactItems=[{"Put": {"TableName": "orders", "Item": KEY}}]
            )
        assert "TransactWriteItems" in err.value.response["Error"]["Message"]
        assert value(c[US]) is None

    def test_ttl_refused_after_creation(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        _cloud, c = mrsc
        spec = {"Enabled": True, "AttributeName": "exp"}
        with pytest.raises(ValidationException) as err:
            c[EU].update_time_to_live(TableName="orders", TimeToLiveSpecification=spec)
        assert "Time to Live" in err.value.response["Error"]["Message"]
        status = c[EU].describe_time_to_live(TableName="orders")["TimeToLiveDescription"]
        assert status == {"TimeToLiveStatus": "DISABLED"}

    def test_isolated_region_refuses_writes(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        cloud, c = mrsc
        cloud.partition(US, EU)
        c[US].put_item(TableName="orders", Item={**KEY, "v": {"S": "a"}})  # AP reachable
        assert value(c[AP]) == "a" and value(c[EU]) is None
        cloud.partition(US, AP)
        with pytest.raises(InternalServerError):
            c[US].put_item(TableName="orders", Item={**KEY, "v": {"S": "b"}})
        assert value(c[US]) == "a"
        cloud.heal()
        cloud.advance(0)
        assert value(c[EU]) == "a"

    def test_conflict_is_refused_and_changes_nothing(
        self, mrsc: tuple[Cloud, dict[str, Any]]
    ) -> None:
        """A write from EU while US's write to the same item is in flight fails."""
        cloud, c = mrsc
        ap_lock = cloud.engine("dynamodb", AP).lock
        claims = _claims(cloud)
        ap_lock.acquire()  # US's write will wait on AP: in flight, its key claimed
        done: list[Any] = []
        writer = threading.Thread(
            target=lambda: done.append(
                c[US].put_item(TableName="orders", Item={**KEY, "v": {"S": "us"}})
            )
        )
        writer.start()
        try:
            deadline = time.monotonic() + 10
            while not claims.inflight and time.monotonic() < deadline:
                threading.Event().wait(0.001)
            assert claims.inflight
            with pytest.raises(ReplicatedWriteConflictException) as err:
                c[EU].put_item(TableName="orders", Item={**KEY, "v": {"S": "eu"}})
            assert err.value.response["Error"]["Message"].startswith("The request was rejected")
        finally:
            ap_lock.release()
            writer.join(10)
        assert done and not claims.inflight
        assert value(c[US]) == value(c[EU]) == value(c[AP]) == "us"

    def test_threads_at_most_one_winner(self, mrsc: tuple[Cloud, dict[str, Any]]) -> None:
        """Writers in three Regions on three items: every write either succeeds or is
        refused with ReplicatedWriteConflictException; the replicas agree, and each item
        holds a write that succeeded."""
        _cloud, c = mrsc
        keys = [{"pk": {"S": f"k{n}"}, "sk": {"N": "1"}} for n in range(3)]
        won: list[tuple[int, str]] = []
        lost: list[str] = []
        other: list[BaseException] = []
        start = threading.Barrier(3)

        def writer(region: str) -> None:
            start.wait()
            for n in range(150):
                v = f"{region}-{n}"
                try:
                    c[region].put_item(TableName="orders", Item={**keys[n % 3], "v": {"S": v}})
                    won.append((n % 3, v))
                except ReplicatedWriteConflictException:
                    lost.append(v)
                except BaseException as exc:
                    other.append(exc)

        threads = [threading.Thread(target=writer, args=(r,)) for r in (US, EU, AP)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not other, other[:3]
        assert len(won) + len(lost) == 450
        for n, key in enumerate(keys):
            seen = {
                r: c[r].get_item(TableName="orders", Key=key, ConsistentRead=True)["Item"]
                for r in (US, EU, AP)
            }
            assert seen[US] == seen[EU] == seen[AP]
            assert (n, seen[US]["v"]["S"]) in won
