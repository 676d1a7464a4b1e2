"""Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups and
RestoreTableToPointInTime, driven by a ManualClock (docs/dynamodb-backups.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import DynamoDBLimits
from pyserverless.dynamo._engine import check_table

from .conftest import make_table

DAY = 86400


def pitr_on(ddb: Any, table: str = "items", days: int | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"PointInTimeRecoveryEnabled": True}
    if days is not None:
        spec["RecoveryPeriodInDays"] = days
    out = ddb.update_continuous_backups(TableName=table, PointInTimeRecoverySpecification=spec)
    return out["ContinuousBackupsDescription"]  # type: ignore[no-any-return]


def window(ddb: Any, table: str = "items") -> dict[str, Any]:
    d = ddb.describe_continuous_backups(TableName=table)["ContinuousBackupsDescription"]
    return d["PointInTimeRecoveryDescription"]  # type: ignore[no-any-return]


def item(pk: str, sk: int, **more: str) -> dict[str, Any]:
    out: dict[str, Any] = {"pk": {"S": pk}, "sk": {"N": str(sk)}}
    out.update({k: {"S": v} for k, v in more.items()})
    return out


def restore(ddb: Any, target: str, when: Any = None, **extra: Any) -> dict[str, Any]:
    if when is None:
        extra["UseLatestRestorableTime"] = True
    else:
        extra["RestoreDateTime"] = when
    out = ddb.restore_table_to_point_in_time(
        SourceTableName=extra.pop("source", "items"), TargetTableName=target, **extra
    )
    return out["TableDescription"]  # type: ignore[no-any-return]


def items_of(ddb: Any, table: str) -> list[dict[str, Any]]:
    found = ddb.scan(TableName=table)["Items"]
    return sorted(found, key=lambda i: (i["pk"]["S"], i["sk"]["N"]))


def at(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


class TestContinuousBackups:
    def test_disabled_by_default(self, ddb: Any, table: str) -> None:
        """A new table has continuous backups on and PITR off, without a window."""
        d = ddb.describe_continuous_backups(TableName=table)["ContinuousBackupsDescription"]
        assert d == {
            "ContinuousBackupsStatus": "ENABLED",
            "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"},
        }

    def test_enable_reports_window_pinned_at_enable_time(self, ddb: Any, cloud: Cloud) -> None:
        """Right after enabling, earliest and latest are both the enable time."""
        make_table(ddb)
        now = cloud.now()
        d = pitr_on(ddb)["PointInTimeRecoveryDescription"]
        assert d["PointInTimeRecoveryStatus"] == "ENABLED"
        assert d["RecoveryPeriodInDays"] == 35
        assert d["EarliestRestorableDateTime"] == now
        assert d["LatestRestorableDateTime"] == now
        cloud.advance(120)
        assert window(ddb)["LatestRestorableDateTime"] == now

    def test_latest_trails_the_clock_by_five_minutes(self, ddb: Any, cloud: Cloud) -> None:
        """LatestRestorableDateTime is now minus 300 s once that is after the enable time."""
        make_table(ddb)
        start = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(1000)
        w = window(ddb)
        assert w["EarliestRestorableDateTime"] == at(start)
        assert w["LatestRestorableDateTime"] == at(start + 700)

    def test_earliest_moves_with_the_recovery_period(self, ddb: Any, cloud: Cloud) -> None:
        """After the recovery period, earliest is now minus the period."""
        make_table(ddb)
        start = cloud.clock.time()
        pitr_on(ddb, days=1)
        cloud.advance(DAY + 10)
        assert window(ddb)["EarliestRestorableDateTime"] == at(start + 10)

    @pytest.mark.parametrize("days", [1, 35])
    def test_recovery_period_bounds_accepted(self, ddb: Any, table: str, days: int) -> None:
        """1 and 35 days are accepted and reported."""
        assert pitr_on(ddb, days=days)["PointInTimeRecoveryDescription"][
            "RecoveryPeriodInDays"
        ] == (days)

    def test_recovery_period_36_refused(self, ddb: Any, table: str) -> None:
        """36 days is over the maximum: the server's constraint error."""
        with pytest.raises(ddb.exceptions.ClientError) as e:
            pitr_on(ddb, days=36)
        assert e.value.response["Error"]["Code"] == "ValidationException"
        assert "recoveryPeriodInDays" in e.value.response["Error"]["Message"]
        assert "less than or equal to 35" in e.value.response["Error"]["Message"]
        assert window(ddb)["PointInTimeRecoveryStatus"] == "DISABLED"

    def test_recovery_period_0_refused_by_the_engine(self, cloud: Cloud) -> None:
        """0 days is under the minimum (the engine's own check, past the client edge)."""
        engine = cloud.engine("dynamodb")
        make_table(cloud.client("dynamodb"))
        spec = {"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 0}
        with pytest.raises(Exception) as e:
            engine.update_continuous_backups(
                {"TableName": "items", "PointInTimeRecoverySpecification": spec}
            )
        assert type(e.value).__name__ == "ValidationException"

    def test_period_without_enabling_refused(self, ddb: Any, table: str) -> None:
        """A recovery period with PITR off is refused."""
        with pytest.raises(ddb.exceptions.ValidationException):
            ddb.update_continuous_backups(
                TableName=table,
                PointInTimeRecoverySpecification={
                    "PointInTimeRecoveryEnabled": False,
                    "RecoveryPeriodInDays": 3,
                },
            )

    def test_disable_forgets_the_history(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Disabling drops the watcher and the window; enabling again starts afresh."""
        pitr_on(ddb)
        t = cloud.engine("dynamodb").tables[table]
        assert len(t.watchers) == 1
        ddb.update_continuous_backups(
            TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False}
        )
        assert t.watchers == [] and t.pitr is None
        assert window(ddb) == {"PointInTimeRecoveryStatus": "DISABLED"}
        cloud.advance(50)
        assert pitr_on(ddb)["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"] == (
            cloud.now()
        )

    def test_table_by_arn(self, ddb: Any, table: str) -> None:
        """TableName may be the table's ARN."""
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        pitr_on(ddb, table=arn)
        assert window(ddb)["PointInTimeRecoveryStatus"] == "ENABLED"

    @pytest.mark.parametrize("op", ["describe", "update"])
    def test_missing_table(self, ddb: Any, op: str) -> None:
        """TableNotFoundException, with DynamoDB's text."""
        call = (
            ddb.describe_continuous_backups if op == "describe" else ddb.update_continuous_backups
        )
        extra = (
            {}
            if op == "describe"
            else {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}}
        )
        with pytest.raises(ddb.exceptions.TableNotFoundException) as e:
            call(TableName="nope", **extra)
        assert e.value.response["Error"]["Message"] == "Table not found: nope"

    def test_creating_table_is_not_found(self) -> None:
        """A table still CREATING is TableNotFoundException to these operations."""
        cloud = Cloud.manual(limits={"dynamodb": {"table_state_seconds": 5}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        with pytest.raises(ddb.exceptions.TableNotFoundException):
            ddb.describe_continuous_backups(TableName="items")
        cloud.advance(5)
        assert window(ddb)["PointInTimeRecoveryStatus"] == "DISABLED"

    def test_backups_being_enabled_window(self) -> None:
        """With backups_enabling_seconds, the first seconds answer
        ContinuousBackupsUnavailableException; after them the call works."""
        cloud = Cloud.manual(limits={"dynamodb": {"backups_enabling_seconds": 6}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        cloud.advance(5.9)
        with pytest.raises(ddb.exceptions.ContinuousBackupsUnavailableException) as e:
            pitr_on(ddb)
        assert e.value.response["Error"]["Message"] == (
            "Backups are being enabled for the table: items. Please retry later"
        )
        cloud.advance(0.1)
        assert pitr_on(ddb)["ContinuousBackupsStatus"] == "ENABLED"

    def test_pitr_off_costs_no_watcher(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A table without PITR has no watcher: writes pay nothing for it."""
        ddb.put_item(TableName=table, Item=item("a", 1))
        assert cloud.engine("dynamodb").tables[table].watchers == []


class TestRestoreToPointInTime:
    @pytest.fixture
    def history(self, ddb: Any, cloud: Cloud, table: str) -> dict[str, float]:
        """Writes at known seconds: put a@+10, update a@+20, put b@+30, delete a@+40."""
        t0 = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(10)
        ddb.put_item(TableName=table, Item=item("a", 1, v="one"))
        cloud.advance(10)
        ddb.update_item(
            TableName=table,
            Key=item("a", 1),
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"S": "two"}},
        )
        cloud.advance(10)
        ddb.put_item(TableName=table, Item=item("b", 2))
        cloud.advance(10)
        ddb.delete_item(TableName=table, Key=item("a", 1))
        cloud.advance(600)
        return {"t0": t0}

    @pytest.mark.parametrize(
        ("offset", "expected"),
        [
            (9, []),
            (10, [item("a", 1, v="one")]),
            (19, [item("a", 1, v="one")]),
            (20, [item("a", 1, v="two")]),
            (29, [item("a", 1, v="two")]),
            (30, [item("a", 1, v="two"), item("b", 2)]),
            (39, [item("a", 1, v="two"), item("b", 2)]),
            (40, [item("b", 2)]),
        ],
    )
    def test_each_second_before_and_after_a_write(
        self, ddb: Any, history: dict[str, float], offset: int, expected: list[Any]
    ) -> None:
        """The restored table is the source at that second: each write is in from its
        second on, and not in the second before."""
        restore(ddb, "copy", at(history["t0"] + offset))
        assert items_of(ddb, "copy") == expected

    def test_sub_second_write_is_after_its_second(self, ddb: Any, cloud: Cloud) -> None:
        """Second granularity: a write at s+0.5 is not in a restore to s, and is in s+1;
        a RestoreDateTime with a fraction counts as its whole second."""
        make_table(ddb)
        s = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(1.5)
        ddb.put_item(TableName="items", Item=item("a", 1))
        cloud.advance(400)
        restore(ddb, "before", at(s + 1.9))
        restore(ddb, "after", at(s + 2))
        assert items_of(ddb, "before") == []
        assert items_of(ddb, "after") == [item("a", 1)]

    def test_use_latest_restorable_time(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """UseLatestRestorableTime restores to now minus five minutes."""
        pitr_on(ddb)
        cloud.advance(10)
        ddb.put_item(TableName=table, Item=item("old", 1))
        cloud.advance(400)
        ddb.put_item(TableName=table, Item=item("new", 1))
        d = restore(ddb, "copy")
        assert items_of(ddb, "copy") == [item("old", 1)]
        assert d["RestoreSummary"]["RestoreDateTime"] == at(cloud.clock.time() - 300)

    def test_use_latest_right_after_enabling(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Right after enabling, UseLatestRestorableTime restores the enable instant."""
        ddb.put_item(TableName=table, Item=item("a", 1))
        pitr_on(ddb)
        cloud.advance(1)
        ddb.put_item(TableName=table, Item=item("b", 1))
        restore(ddb, "copy")
        assert items_of(ddb, "copy") == [item("a", 1)]

    def test_window_edges(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Earliest and latest are accepted; a second outside either is refused."""
        start = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(1000)
        latest = cloud.clock.time() - 300
        restore(ddb, "first", at(start))
        restore(ddb, "last", at(latest))
        for when in (start - 1, latest + 1):
            with pytest.raises(ddb.exceptions.InvalidRestoreTimeException) as e:
                restore(ddb, "never", at(when))
            assert e.value.response["Error"]["Message"].startswith("RestoreDateTime '")
        assert "never" not in ddb.list_tables()["TableNames"]

    def test_window_edge_after_the_recovery_period(self, ddb: Any, cloud: Cloud) -> None:
        """Once the period has passed, now minus the period is the first second."""
        make_table(ddb)
        pitr_on(ddb, days=1)
        ddb.put_item(TableName="items", Item=item("a", 1))
        cloud.advance(DAY + 100)
        ddb.put_item(TableName="items", Item=item("b", 1))
        edge = cloud.clock.time() - DAY
        restore(ddb, "edge", at(edge))
        assert items_of(ddb, "edge") == [item("a", 1)]
        with pytest.raises(ddb.exceptions.InvalidRestoreTimeException):
            restore(ddb, "before", at(edge - 1))

    def test_message_quotes_both_bounds(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """InvalidRestoreTimeException quotes the time asked and both bounds."""
        start = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(1000)
        with pytest.raises(ddb.exceptions.InvalidRestoreTimeException) as e:
            restore(ddb, "copy", at(0))
        text = e.value.response["Error"]["Message"]
        assert text == (
            "RestoreDateTime '1970-01-01T00:00:00Z' must be within EarliestRestorableDateTime "
            f"'{at(start):%Y-%m-%dT%H:%M:%SZ}' and LatestRestorableDateTime "
            f"'{at(start + 700):%Y-%m-%dT%H:%M:%SZ}'"
        )

    def test_future_refused(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A time after LatestRestorableDateTime (here, the future) is refused."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.InvalidRestoreTimeException):
            restore(ddb, "copy", at(cloud.clock.time() + 60))

    def test_restore_date_as_epoch_and_text(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """RestoreDateTime may be epoch seconds or ISO 8601 text, as botocore allows."""
        start = cloud.clock.time()
        pitr_on(ddb)
        cloud.advance(600)
        restore(ddb, "by-epoch", start + 1)
        restore(ddb, "by-text", at(start + 1).isoformat())
        assert ddb.describe_table(TableName="by-text")["Table"]["RestoreSummary"][
            "RestoreDateTime"
        ] == at(start + 1)

    def test_transactions_and_batches_are_replayed(
        self, ddb: Any, cloud: Cloud, table: str
    ) -> None:
        """Writes of a transaction and of a batch are in the history like any other."""
        pitr_on(ddb)
        cloud.advance(1)
        ddb.batch_write_item(
            RequestItems={table: [{"PutRequest": {"Item": item(p, 1)}} for p in "abc"]}
        )
        cloud.advance(1)
        mid = cloud.clock.time()
        cloud.advance(1)
        ddb.transact_write_items(
            TransactItems=[
                {"Delete": {"TableName": table, "Key": item("a", 1)}},
                {"Put": {"TableName": table, "Item": item("d", 1)}},
            ]
        )
        cloud.advance(600)
        restore(ddb, "mid", at(mid))
        restore(ddb, "end", None)
        assert [i["pk"]["S"] for i in items_of(ddb, "mid")] == ["a", "b", "c"]
        assert [i["pk"]["S"] for i in items_of(ddb, "end")] == ["b", "c", "d"]

    def test_no_op_write_changes_nothing(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Writing an item identical to the stored one records no change."""
        pitr_on(ddb)
        ddb.put_item(TableName=table, Item=item("a", 1))
        ddb.put_item(TableName=table, Item=item("a", 1))
        assert cloud.engine("dynamodb").tables[table].pitr.changes() == 1

    def test_restored_table_has_indexes_and_checks(self, ddb: Any, cloud: Cloud) -> None:
        """GSIs and LSIs are restored and kept in step with the items."""
        make_table(ddb, **_indexed())
        pitr_on(ddb)
        ddb.put_item(TableName="items", Item=item("a", 1, g="x", l="m"))
        cloud.advance(400)
        d = restore(ddb, "copy")
        assert [g["IndexName"] for g in d["GlobalSecondaryIndexes"]] == ["byg"]
        assert [g["IndexName"] for g in d["LocalSecondaryIndexes"]] == ["byl"]
        found = ddb.query(
            TableName="copy",
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "x"}},
        )
        assert found["Count"] == 1
        check_table(cloud.engine("dynamodb").tables["copy"])

    def test_sparse_indexes_and_collections(self, ddb: Any, cloud: Cloud) -> None:
        """Many items, some without the GSI key: the restored indexes, item collections
        and scan order are those the write path builds."""
        make_table(ddb, **_indexed())
        pitr_on(ddb)
        for n in range(60):
            extra = {"l": f"l{n % 7}"} if n % 3 else {}
            if n % 2:
                extra["g"] = f"g{n % 4}"
            ddb.put_item(TableName="items", Item=item(f"p{n % 9}", n, **extra))
        cloud.advance(400)
        restore(ddb, "copy")
        engine = cloud.engine("dynamodb")
        copy, source = engine.tables["copy"], engine.tables["items"]
        check_table(copy)
        assert copy.collections == source.collections
        assert ddb.scan(TableName="copy")["Items"] == ddb.scan(TableName="items")["Items"]
        for index in ("byg", "byl"):
            assert (
                ddb.scan(TableName="copy", IndexName=index)["Items"]
                == ddb.scan(TableName="items", IndexName=index)["Items"]
            )

    def test_hash_only_table(self, ddb: Any, cloud: Cloud) -> None:
        """A table without a sort key restores too."""
        make_table(ddb, sk=None)
        pitr_on(ddb)
        ddb.put_item(TableName="items", Item={"pk": {"S": "a"}})
        t = cloud.clock.time()
        cloud.advance(1)
        ddb.put_item(TableName="items", Item={"pk": {"S": "b"}})
        cloud.advance(400)
        restore(ddb, "copy", at(t))
        assert ddb.scan(TableName="copy")["Items"] == [{"pk": {"S": "a"}}]
        check_table(cloud.engine("dynamodb").tables["copy"])

    def test_settings_not_restored(self, ddb: Any, cloud: Cloud) -> None:
        """Tags, stream, PITR, deletion protection and table class are not carried over;
        billing and SSE are."""
        make_table(
            ddb,
            Tags=[{"Key": "k", "Value": "v"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
            DeletionProtectionEnabled=True,
            TableClass="STANDARD_INFREQUENT_ACCESS",
            SSESpecification={"Enabled": True, "SSEType": "KMS"},
        )
        pitr_on(ddb)
        d = restore(ddb, "copy")
        copy = ddb.describe_table(TableName="copy")["Table"]
        assert "StreamSpecification" not in copy and "LatestStreamArn" not in copy
        assert copy["DeletionProtectionEnabled"] is False
        assert "TableClassSummary" not in copy
        assert copy["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        source = ddb.describe_table(TableName="items")["Table"]
        assert copy["SSEDescription"] == source["SSEDescription"]
        assert ddb.list_tags_of_resource(ResourceArn=copy["TableArn"])["Tags"] == []
        assert window(ddb, "copy") == {"PointInTimeRecoveryStatus": "DISABLED"}
        assert d["TableStatus"] == "CREATING"
        assert copy["TableStatus"] == "ACTIVE"
        assert copy["RestoreSummary"] == {
            "SourceTableArn": source["TableArn"],
            "RestoreDateTime": d["RestoreSummary"]["RestoreDateTime"],
            "RestoreInProgress": False,
        }

    def test_source_by_arn(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """SourceTableArn names the source as well as its name."""
        pitr_on(ddb)
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        ddb.restore_table_to_point_in_time(
            SourceTableArn=arn, TargetTableName="copy", UseLatestRestorableTime=True
        )
        assert "copy" in ddb.list_tables()["TableNames"]

    def test_ttl_deletion_is_replayed(self, cloud: Cloud, ddb: Any, table: str) -> None:
        """A deletion DynamoDB makes itself (TTL) is in the history like any other."""
        from pyserverless.dynamo import _items

        pitr_on(ddb)
        ddb.put_item(TableName=table, Item=item("a", 1))
        cloud.advance(5)
        before = cloud.clock.time()
        cloud.advance(1)
        engine = cloud.engine("dynamodb")
        t = engine.tables[table]
        key = ("a", Decimal(1))
        with engine.lock:  # the sweeper's own call: commit with DynamoDB's identity
            _items.commit(
                engine.state, t, key, t.store.get(*key), None, identity="dynamodb.amazonaws.com"
            )
        cloud.advance(400)
        restore(ddb, "before", at(before))
        restore(ddb, "after")
        assert items_of(ddb, "before") == [item("a", 1)]
        assert items_of(ddb, "after") == []


class TestWithTimeToLive:
    def test_the_sweepers_deletion_is_in_the_history(
        self, ddb: Any, cloud: Cloud, table: str
    ) -> None:
        """An item the TTL sweeper deletes is in a restore to before the sweep and not in
        one after it; the restored table has TTL off."""
        ddb.update_time_to_live(
            TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"}
        )
        pitr_on(ddb)
        cloud.advance(1)
        now = int(cloud.clock.time())
        ddb.put_item(TableName=table, Item={**item("a", 1), "exp": {"N": str(now + 10)}})
        cloud.advance(20)
        before_sweep = cloud.clock.time()
        cloud.advance(3 * DAY)
        assert ddb.scan(TableName=table)["Count"] == 0, "the sweeper ran"
        restore(ddb, "before", at(before_sweep))
        restore(ddb, "after")
        assert [i["pk"]["S"] for i in items_of(ddb, "before")] == ["a"]
        assert items_of(ddb, "after") == []
        ttl = ddb.describe_time_to_live(TableName="before")["TimeToLiveDescription"]
        assert ttl["TimeToLiveStatus"] == "DISABLED"


def _indexed() -> dict[str, Any]:
    return {
        "more_types": {"g": "S", "l": "S"},
        "GlobalSecondaryIndexes": [
            {
                "IndexName": "byg",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        "LocalSecondaryIndexes": [
            {
                "IndexName": "byl",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "l", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    }


class TestStateDelay:
    def test_target_creating_then_in_use(self) -> None:
        """With a state delay the restored table is CREATING; restoring into it again is
        TableInUseException; it turns ACTIVE on time."""
        cloud = Cloud.manual(limits={"dynamodb": {"table_state_seconds": 10}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        cloud.advance(10)
        pitr_on(ddb)
        restore(ddb, "copy")
        with pytest.raises(ddb.exceptions.TableInUseException):
            restore(ddb, "copy")
        cloud.advance(10)
        assert ddb.describe_table(TableName="copy")["Table"]["TableStatus"] == "ACTIVE"

    def test_concurrent_restores_quota(self) -> None:
        """With a state delay, the second restore in progress is refused under a quota of
        one, and accepted once the first is ACTIVE."""
        cloud = Cloud.manual(
            limits={"dynamodb": {"table_state_seconds": 10, "max_concurrent_restores": 1}}
        )
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        cloud.advance(10)
        pitr_on(ddb)
        restore(ddb, "one")
        with pytest.raises(ddb.exceptions.LimitExceededException) as e:
            restore(ddb, "two")
        assert e.value.response["Error"]["Message"].startswith("Only 1 restore operations")
        cloud.advance(10)
        restore(ddb, "two")


def test_limits_are_configurable() -> None:
    """The lag and the default period are limits."""
    cloud = Cloud.manual(
        limits={"dynamodb": {"pitr_latest_lag_seconds": 0, "pitr_default_recovery_days": 2}}
    )
    assert isinstance(cloud.limits.dynamodb, DynamoDBLimits)
    ddb = cloud.client("dynamodb")
    make_table(ddb)
    assert pitr_on(ddb)["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"] == 2
    ddb.put_item(TableName="items", Item=item("a", 1))
    cloud.advance(1)
    restore(ddb, "now")
    assert items_of(ddb, "now") == [item("a", 1)]


class TestHistoryLog:
    def test_old_changes_leave_and_the_list_compacts(self) -> None:
        """Changes older than the window are dropped as writes come in, and the list is
        compacted once the dropped part is half of it (amortised O(1) per write)."""
        from pyserverless.dynamo._history import PitrHistory

        h = PitrHistory(enabled_at=0.0, period_seconds=100.0)
        for n in range(3000):
            h.add(float(n) / 100, ("k", n), None, 0)  # 3,000 changes in 30 s
        assert h.changes() == 3000
        h.add(129.0, ("k", -1), None, 0)  # the window is now (29, 129]
        assert h.changes() == 1 + sum(1 for n in range(3000) if n / 100 > 29)
        assert h.start == 0, "compacted"
        assert len(h.log) == h.changes()
        assert h.earliest(129.0) == 29.0

    def test_a_stepped_back_clock_keeps_the_log_sorted(self) -> None:
        """A wall clock that steps back is recorded at the last time seen."""
        from pyserverless.dynamo._history import PitrHistory

        h = PitrHistory(enabled_at=0.0, period_seconds=100.0)
        h.add(10.0, ("a", None), None, 0)
        h.add(9.5, ("b", None), None, 0)
        assert [entry[0] for entry in h.log] == [10.0, 10.0]
        assert h.content_at({("a", None): ({}, 1), ("b", None): ({}, 1)}, 9.9) == {}

    def test_changes_are_shared_not_copied(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """The log holds the stored item objects themselves."""
        pitr_on(ddb)
        ddb.put_item(TableName=table, Item=item("a", 1))
        t = cloud.engine("dynamodb").tables[table]
        stored = t.store.get("a", Decimal(1))[0]
        ddb.delete_item(TableName=table, Key=item("a", 1))
        assert t.pitr.log[-1][2] is stored
