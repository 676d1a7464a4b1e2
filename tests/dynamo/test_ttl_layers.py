"""Time to Live through every door and over time: determinism of the deletion delays,
the resource layer, boto3 through the bridge, the tour, the stream record of a TTL
deletion, and snapshots. The helpers are test_ttl's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pyserverless.dynamo import ValidationException

from .conftest import make_table
from .test_ttl import (
    DAY,
    START,
    check,
    describe,
    enable,
    exact_cloud,
    new_cloud,
    now,
    present,
    put,
)


@pytest.fixture
def world() -> Any:
    """A Cloud with table ``items`` (pk S, sk N) and its client; TTL not yet enabled."""
    cloud = new_cloud()
    ddb = cloud.client("dynamodb")
    make_table(ddb)
    return cloud, ddb


class TestDeterminism:
    @staticmethod
    def deletion_times(seed: int) -> dict[str, float]:
        cloud = new_cloud(seed=seed)
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb)
        for n in range(10):
            put(ddb, f"i{n}", now(cloud) - 1)
        gone: dict[str, float] = {}
        for _ in range(2 * 24 * 6):
            cloud.advance(600)
            for n in range(10):
                if f"i{n}" not in gone and not present(ddb, f"i{n}"):
                    gone[f"i{n}"] = cloud.clock.time()
        return gone

    def test_same_seed_same_deletion_times(self) -> None:
        """Delays come from the Cloud's seed: same seed, same times; all within two days."""
        first = self.deletion_times(0)
        assert first == self.deletion_times(0)
        assert len(first) == 10
        assert all(START < t <= START + 2 * DAY for t in first.values())
        assert len(set(first.values())) > 1  # the delays are drawn, not fixed
        assert first != self.deletion_times(1)

    def test_default_window_is_two_days(self) -> None:
        """By default each deletion falls within two days of expiry."""
        cloud = new_cloud()
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        enable(ddb)
        for n in range(30):
            put(ddb, f"i{n}", now(cloud) - 1)
        cloud.advance(2 * DAY)
        assert ddb.scan(TableName="items")["Count"] == 0


# -- the resource layer ------------------------------------------------------------------------
class TestResource:
    def test_ttl_property(self, world: Any) -> None:
        """table.ttl reads and sets the attribute; None disables."""
        cloud, _ddb = world
        table = cloud.dynamo.table("items")
        assert table.ttl is None
        table.ttl = "expires"
        assert table.ttl == "expires"
        cloud.advance(3600)
        table.ttl = None
        assert table.ttl is None

    def test_ttl_property_errors(self, world: Any) -> None:
        """AWS's errors come through, named after the operation; a non-name is a TypeError."""
        cloud, _ddb = world
        table = cloud.dynamo.table("items")
        with pytest.raises(ValidationException, match="already disabled") as err:
            table.ttl = None
        assert "UpdateTimeToLive" in str(err.value)
        table.ttl = "expires"
        with pytest.raises(ValidationException, match="fixed interval"):
            table.ttl = None
        with pytest.raises(TypeError):
            table.ttl = 5  # type: ignore[assignment]
        with pytest.raises(cloud.dynamo.meta.client.exceptions.ResourceNotFoundException):
            cloud.dynamo.Table("nope").expired()

    def test_expired_lists_native_values(self, world: Any) -> None:
        """expired() gives native items, earliest TTL first, excluding unexpired ones."""
        cloud, _ddb = world
        table = cloud.dynamo.table("items")
        table.ttl = "expires"
        t = now(cloud)
        table.put_item(Item={"pk": "b", "sk": 1, "expires": t - 5, "tags": {"x"}})
        table.put_item(Item={"pk": "a", "sk": 1, "expires": t - 10})
        table.put_item(Item={"pk": "c", "sk": 1, "expires": t + 10})
        expired = table.expired()
        assert [i["pk"] for i in expired] == ["a", "b"]
        assert expired[1] == {"pk": "b", "sk": Decimal(1), "expires": Decimal(t - 5), "tags": {"x"}}

    def test_expired_without_ttl(self, world: Any) -> None:
        """Without TTL nothing is expired, whatever the items hold."""
        cloud, _ddb = world
        table = cloud.dynamo.table("items")
        table.put_item(Item={"pk": "a", "sk": 1, "expires": 1})
        assert table.expired() == []


class TestBoto3:
    def test_through_the_bridge(self) -> None:
        """A real boto3 client, routed into the Cloud, drives TTL end to end."""
        boto3 = pytest.importorskip("boto3")
        from pyserverless.adapters import bridge

        cloud = new_cloud(ttl_delete_min_seconds=1, ttl_delete_max_seconds=1)
        with bridge.mock_aws(cloud):
            client = boto3.client("dynamodb", region_name="us-east-1")
            make_table(client)
            enable(client)
            assert describe(client)["TimeToLiveStatus"] == "ENABLED"
            put(client, "a", now(cloud) - 1)
            assert present(client, "a")
            cloud.advance(1)
            assert not present(client, "a")
            with pytest.raises(client.exceptions.ClientError) as err:
                enable(client)
            assert err.value.response["Error"]["Code"] == "ValidationException"


class TestTour:
    def test_tour_shows_an_item_expire_then_go(self) -> None:
        """The tour's TTL stop: expired and readable, then deleted two days on."""
        from pyserverless.dynamo._tour import tour

        lines: list[str] = []
        cloud = new_cloud()
        tour(cloud, lines.append)
        text = "\n".join(lines)
        assert "expired now ['t-old']" in text
        assert "still readable: True" in text
        assert "['t-new', 't-text'] remain" in text
        assert cloud.clock.time() == START + 2 * DAY
        check(cloud, "sessions")


class TestStreamRecord:
    def test_ttl_delete_is_a_service_remove_record(self) -> None:
        """With a stream on, the sweep's REMOVE carries DynamoDB's service identity and
        ordinary writes carry none."""
        cloud, ddb = exact_cloud(delay=1)
        try:
            streams = cloud.client("dynamodbstreams")
        except ValueError:
            pytest.skip("dynamodbstreams is not emulated yet")
        ddb.update_table(
            TableName="items",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        put(ddb, "a", now(cloud) - 1)
        put(ddb, "keep", now(cloud) + 10 * DAY)
        cloud.advance(1)
        arn = ddb.describe_table(TableName="items")["Table"]["LatestStreamArn"]
        shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        records = []
        for shard in shards:
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            records += streams.get_records(ShardIterator=iterator)["Records"]
        names = [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records]
        assert names == [("INSERT", "a"), ("INSERT", "keep"), ("REMOVE", "a")]
        assert "userIdentity" not in records[0]
        # The Streams API's Identity shape (botocore's model): PrincipalId and Type; the
        # Lambda event spells the same members principalId and type.
        assert records[2]["userIdentity"] == {
            "Type": "Service",
            "PrincipalId": "dynamodb.amazonaws.com",
        }


class TestSnapshot:
    def test_restore_brings_back_the_item_and_its_sweep(self) -> None:
        """A snapshot taken before a sweep restores the item, its index entry and its task."""
        cloud, ddb = exact_cloud(delay=10)
        put(ddb, "a", now(cloud) - 1)
        snap = cloud.snapshot()
        cloud.advance(10)
        assert not present(ddb, "a")
        cloud.restore(snap)
        assert present(ddb, "a")
        check(cloud)
        assert [t.name for t in cloud.scheduler.pending()] == ["TTL sweep of items"]
        cloud.advance(0)
        assert not present(ddb, "a")
        put(ddb, "b", now(cloud) - 1)  # the restored watcher still indexes writes
        cloud.advance(10)
        assert not present(ddb, "b")
        check(cloud)


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
class TestAwsCli:
    def test_the_cli_drives_ttl_over_the_wire(self, tmp_path: Path) -> None:
        """The AWS CLI, against the endpoint on a ManualClock Cloud: enable, describe, an
        AWS error with its text, and an item gone once the clock moves."""
        from pyserverless.adapters import Server

        cloud = new_cloud(ttl_delete_min_seconds=5, ttl_delete_max_seconds=5)
        make_table(cloud.client("dynamodb"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.pop("PYTHONPATH", None)
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
        with Server(cloud) as server:

            def aws(*args: str) -> subprocess.CompletedProcess[str]:
                return subprocess.run(
                    ["aws", "dynamodb", *args, "--endpoint-url", server.url, "--output", "json"],
                    env=env, capture_output=True, text=True, timeout=60, check=False,
                )  # fmt: skip

            spec = "Enabled=true,AttributeName=expires"
            done = aws(
                "update-time-to-live", "--table-name", "items", "--time-to-live-specification", spec
            )
            assert done.returncode == 0, done.stderr
            assert json.loads(done.stdout)["TimeToLiveSpecification"] == {
                "Enabled": True,
                "AttributeName": "expires",
            }
            described = json.loads(aws("describe-time-to-live", "--table-name", "items").stdout)
            assert described["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
            again = aws(
                "update-time-to-live", "--table-name", "items", "--time-to-live-specification", spec
            )
            assert again.returncode != 0
            assert "(ValidationException)" in again.stderr
            assert "TimeToLive is already enabled" in again.stderr
            item = {"pk": {"S": "a"}, "sk": {"N": "1"}, "expires": {"N": str(now(cloud) - 1)}}
            assert (
                aws("put-item", "--table-name", "items", "--item", json.dumps(item)).returncode == 0
            )
            key = json.dumps({"pk": {"S": "a"}, "sk": {"N": "1"}})
            assert "Item" in json.loads(
                aws("get-item", "--table-name", "items", "--key", key).stdout
            )
            cloud.advance(5)
            found = aws("get-item", "--table-name", "items", "--key", key).stdout
            assert not found.strip() or "Item" not in json.loads(found)
