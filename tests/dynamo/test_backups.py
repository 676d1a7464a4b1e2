"""On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup,
RestoreTableFromBackup, and the SYSTEM backup DeleteTable keeps (docs/dynamodb-backups.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo._engine import check_table

from .conftest import make_table

DAY = 86400
ARN = re.compile(
    r"arn:aws:dynamodb:us-east-1:123456789012:table/(?P<table>[^/]+)/backup/"
    r"(?P<ms>\d{14})-(?P<hex>[0-9a-f]{8})"
)


def item(pk: str, sk: int) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}}


def backup(ddb: Any, name: str = "bk1", table: str = "items") -> str:
    return ddb.create_backup(TableName=table, BackupName=name)["BackupDetails"]["BackupArn"]  # type: ignore[no-any-return]


def listed(ddb: Any, **kwargs: Any) -> list[str]:
    return [s["BackupName"] for s in ddb.list_backups(**kwargs)["BackupSummaries"]]


def pitr_on(ddb: Any, table: str = "items") -> None:
    ddb.update_continuous_backups(
        TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )


class TestCreateBackup:
    def test_details_and_arn(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """CreateBackup answers CREATING details; the ARN carries the creation time in ms
        (14 digits) and 8 seeded hex digits."""
        ddb.put_item(TableName=table, Item=item("a", 1))
        cloud.advance(0.25)
        out = ddb.create_backup(TableName=table, BackupName="nightly")["BackupDetails"]
        m = ARN.fullmatch(out["BackupArn"])
        assert m is not None and m["table"] == table
        assert int(m["ms"]) == round(cloud.clock.time() * 1000)
        assert out["BackupStatus"] == "CREATING"
        assert out["BackupType"] == "USER"
        assert out["BackupName"] == "nightly"
        assert out["BackupCreationDateTime"] == cloud.now()
        assert "BackupExpiryDateTime" not in out

    def test_same_seed_same_arn(self) -> None:
        """The ARN's random part comes from the Cloud's seed."""
        arns = []
        for _ in range(2):
            cloud = Cloud.manual(seed=7)
            ddb = cloud.client("dynamodb")
            make_table(ddb)
            arns.append(backup(ddb).rsplit("-", 1)[1])
        assert arns[0] == arns[1]

    def test_names_need_not_be_unique(self, ddb: Any, table: str) -> None:
        """Three backups of one name are three backups."""
        arns = {backup(ddb, "same") for _ in range(3)}
        assert len(arns) == 3
        assert listed(ddb) == ["same"] * 3

    def test_missing_table(self, ddb: Any) -> None:
        """TableNotFoundException with DynamoDB's text."""
        with pytest.raises(ddb.exceptions.TableNotFoundException) as e:
            backup(ddb, table="nope")
        assert e.value.response["Error"]["Message"] == "Table not found: nope"

    def test_bad_name(self, ddb: Any, table: str) -> None:
        """A name outside the pattern is the server's constraint error."""
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            backup(ddb, "bad name!")
        assert "backupName" in e.value.response["Error"]["Message"]
        assert listed(ddb, BackupType="ALL") == []

    def test_creating_table_not_found(self) -> None:
        """A CREATING table is TableNotFoundException to CreateBackup."""
        cloud = Cloud.manual(limits={"dynamodb": {"table_state_seconds": 3}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        with pytest.raises(ddb.exceptions.TableNotFoundException):
            backup(ddb)
        cloud.advance(3)
        assert ARN.fullmatch(backup(ddb))

    def test_backups_being_enabled(self) -> None:
        """In the configured seconds after ACTIVE: ContinuousBackupsUnavailableException."""
        cloud = Cloud.manual(limits={"dynamodb": {"backups_enabling_seconds": 4}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        with pytest.raises(ddb.exceptions.ContinuousBackupsUnavailableException):
            backup(ddb)
        cloud.advance(4)
        assert ARN.fullmatch(backup(ddb))


class TestDescribeBackup:
    def test_description(self, ddb: Any, cloud: Cloud) -> None:
        """AVAILABLE, with the table's details and features as they were."""
        make_table(
            ddb,
            more_types={"g": "S"},
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
            ],
        )
        ddb.put_item(TableName="items", Item=item("a", 1))
        arn = backup(ddb)
        d = ddb.describe_backup(BackupArn=arn)["BackupDescription"]
        table = ddb.describe_table(TableName="items")["Table"]
        assert d["BackupDetails"]["BackupStatus"] == "AVAILABLE"
        assert d["SourceTableDetails"] == {
            "TableName": "items",
            "TableId": table["TableId"],
            "TableArn": table["TableArn"],
            "TableSizeBytes": table["TableSizeBytes"],
            "KeySchema": table["KeySchema"],
            "TableCreationDateTime": table["CreationDateTime"],
            "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0},
            "ItemCount": 1,
            "BillingMode": "PAY_PER_REQUEST",
        }
        assert d["SourceTableFeatureDetails"] == {
            "GlobalSecondaryIndexes": [
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
            ],
            "StreamDescription": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        }

    def test_ttl_and_sse_features(self, ddb: Any, cloud: Cloud) -> None:
        """TTL (when enabled) and SSE (a KMS key) are in SourceTableFeatureDetails."""
        make_table(ddb, SSESpecification={"Enabled": True, "SSEType": "KMS"})
        ddb.update_time_to_live(
            TableName="items", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"}
        )
        features = ddb.describe_backup(BackupArn=backup(ddb))["BackupDescription"][
            "SourceTableFeatureDetails"
        ]
        sse = ddb.describe_table(TableName="items")["Table"]["SSEDescription"]
        assert features["TimeToLiveDescription"] == {
            "TimeToLiveStatus": "ENABLED",
            "AttributeName": "exp",
        }
        assert features["SSEDescription"]["KMSMasterKeyArn"] == sse["KMSMasterKeyArn"]

    def test_plain_table_has_empty_features(self, ddb: Any, table: str) -> None:
        """A table without indexes, stream, TTL or SSE: SourceTableFeatureDetails is {}."""
        d = ddb.describe_backup(BackupArn=backup(ddb))["BackupDescription"]
        assert d["SourceTableFeatureDetails"] == {}

    def test_not_found_and_invalid(self, ddb: Any, table: str) -> None:
        """An unknown backup ARN is BackupNotFoundException; a table ARN is no backup ARN."""
        arn = backup(ddb)
        ghost = arn[:-8] + ("0" * 8 if not arn.endswith("0" * 8) else "1" * 8)
        with pytest.raises(ddb.exceptions.BackupNotFoundException) as e:
            ddb.describe_backup(BackupArn=ghost)
        assert e.value.response["Error"]["Message"] == f"Backup not found: {ghost}"
        table_arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.describe_backup(BackupArn=table_arn + "/backup/x" * 3)
        assert e.value.response["Error"]["Message"] == "Invalid Backup ARN"

    def test_arn_region_is_not_compared_account_is(self, ddb: Any, table: str) -> None:
        """Another region in the ARN still finds the backup; another account is denied."""
        arn = backup(ddb)
        moved = arn.replace(":us-east-1:", ":eu-west-1:")
        assert (
            ddb.describe_backup(BackupArn=moved)["BackupDescription"]["BackupDetails"]["BackupArn"]
            == arn
        )
        with pytest.raises(ddb.exceptions.ClientError) as e:
            ddb.describe_backup(BackupArn=arn.replace(":123456789012:", ":999999999999:"))
        assert e.value.response["Error"]["Code"] == "AccessDeniedException"


class TestDeleteBackup:
    def test_deleted_then_gone(self, ddb: Any, table: str) -> None:
        """DeleteBackup answers DELETED; the backup is then not found, not listed."""
        arn = backup(ddb)
        d = ddb.delete_backup(BackupArn=arn)["BackupDescription"]
        assert d["BackupDetails"]["BackupStatus"] == "DELETED"
        assert d["SourceTableDetails"]["TableName"] == table
        with pytest.raises(ddb.exceptions.BackupNotFoundException):
            ddb.describe_backup(BackupArn=arn)
        with pytest.raises(ddb.exceptions.BackupNotFoundException):
            ddb.delete_backup(BackupArn=arn)
        assert listed(ddb) == []

    def test_system_backup_cannot_be_deleted(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A SYSTEM backup is refused with a ValidationException naming its expiry."""
        pitr_on(ddb)
        ddb.delete_table(TableName=table)
        arn = ddb.list_backups(BackupType="SYSTEM")["BackupSummaries"][0]["BackupArn"]
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.delete_backup(BackupArn=arn)
        assert e.value.response["Error"]["Message"].startswith(
            f"User is not allowed to delete the system backup with arn {arn}. "
            "It will automatically expire on "
        )
        assert ddb.describe_backup(BackupArn=arn)["BackupDescription"]


class TestListBackups:
    def test_order_and_filters(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Oldest first; TableName filters; the lower bound is inclusive, the upper exclusive."""
        make_table(ddb, "other")
        times = []
        for n in range(4):
            times.append(cloud.now())
            backup(ddb, f"bk{n}", table=table if n % 2 == 0 else "other")
            cloud.advance(1)
        assert listed(ddb) == ["bk0", "bk1", "bk2", "bk3"]
        assert listed(ddb, TableName=table) == ["bk0", "bk2"]
        arn = ddb.describe_table(TableName="other")["Table"]["TableArn"]
        assert listed(ddb, TableName=arn) == ["bk1", "bk3"]
        assert listed(ddb, TimeRangeLowerBound=times[1], TimeRangeUpperBound=times[3]) == [
            "bk1",
            "bk2",
        ]
        ms = timedelta(milliseconds=1)
        assert listed(
            ddb, TimeRangeLowerBound=times[1] + ms, TimeRangeUpperBound=times[3] + ms
        ) == [
            "bk2",
            "bk3",
        ]
        assert listed(ddb, TableName="ghost") == []

    def test_inverted_range_refused(self, ddb: Any, cloud: Cloud) -> None:
        """Lower after upper is a ValidationException; equal bounds are accepted."""
        now = cloud.now()
        assert listed(ddb, TimeRangeLowerBound=now, TimeRangeUpperBound=now) == []
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.list_backups(
                TimeRangeLowerBound=now + timedelta(seconds=1), TimeRangeUpperBound=now
            )
        assert e.value.response["Error"]["Message"] == (
            "Time range lower bound must be less than or equal to upper bound"
        )

    def test_paging(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """Limit pages; LastEvaluatedBackupArn resumes; an exact last page has none."""
        for n in range(5):
            backup(ddb, f"bk{n}")
            cloud.advance(1)
        first = ddb.list_backups(Limit=2)
        assert [s["BackupName"] for s in first["BackupSummaries"]] == ["bk0", "bk1"]
        second = ddb.list_backups(Limit=3, ExclusiveStartBackupArn=first["LastEvaluatedBackupArn"])
        assert [s["BackupName"] for s in second["BackupSummaries"]] == ["bk2", "bk3", "bk4"]
        assert "LastEvaluatedBackupArn" not in second

    def test_cursor_of_a_deleted_backup(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """ExclusiveStartBackupArn is a position: a deleted backup's ARN still resumes."""
        arns = []
        for n in range(3):
            arns.append(backup(ddb, f"bk{n}"))
            cloud.advance(1)
        ddb.delete_backup(BackupArn=arns[1])
        assert listed(ddb, ExclusiveStartBackupArn=arns[1]) == ["bk2"]

    @pytest.mark.parametrize("limit", [0, 101])
    def test_limit_bounds_refused(self, cloud: Cloud, limit: int) -> None:
        """Limit 0 and 101 are refused by the engine (1 and 100 pass)."""
        engine = cloud.engine("dynamodb")
        with pytest.raises(Exception) as e:
            engine.list_backups({"Limit": limit})
        assert type(e.value).__name__ == "ValidationException"
        for ok in (1, 100):
            assert engine.list_backups({"Limit": ok}) == {"BackupSummaries": []}

    def test_types(self, ddb: Any, table: str) -> None:
        """USER by default; SYSTEM, ALL and AWS_BACKUP filter by type."""
        backup(ddb, "mine")
        pitr_on(ddb)
        ddb.delete_table(TableName=table)
        assert listed(ddb) == ["mine"]
        assert listed(ddb, BackupType="SYSTEM") == ["items$DeletedTableBackup"]
        assert sorted(listed(ddb, BackupType="ALL")) == ["items$DeletedTableBackup", "mine"]
        assert listed(ddb, BackupType="AWS_BACKUP") == []


class TestTableDeletion:
    def test_user_backup_survives_its_table(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A backup outlives its table and restores after it is gone."""
        ddb.put_item(TableName=table, Item=item("a", 1))
        arn = backup(ddb)
        ddb.delete_table(TableName=table)
        assert (
            ddb.describe_backup(BackupArn=arn)["BackupDescription"]["BackupDetails"]["BackupStatus"]
            == "AVAILABLE"
        )
        assert listed(ddb, TableName=table) == ["bk1"]
        ddb.restore_table_from_backup(BackupArn=arn, TargetTableName=table)
        assert ddb.scan(TableName=table)["Items"] == [item("a", 1)]

    def test_system_backup_on_delete_with_pitr(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """DeleteTable with PITR on keeps '<table>$DeletedTableBackup' (35 days, ARN
        suffix 00000000) with the table's last items; DeleteTable's answer is unchanged."""
        pitr_on(ddb)
        ddb.put_item(TableName=table, Item=item("a", 1))
        described = ddb.delete_table(TableName=table)["TableDescription"]
        assert described["TableStatus"] == "DELETING"
        [summary] = ddb.list_backups(BackupType="SYSTEM")["BackupSummaries"]
        assert summary["BackupName"] == "items$DeletedTableBackup"
        assert summary["BackupArn"].endswith("-00000000")
        created = summary["BackupCreationDateTime"]
        assert created == cloud.now()
        assert summary["BackupExpiryDateTime"] - created == timedelta(days=35)
        d = ddb.describe_backup(BackupArn=summary["BackupArn"])["BackupDescription"]
        assert d["SourceTableFeatureDetails"] == {}
        ddb.restore_table_from_backup(BackupArn=summary["BackupArn"], TargetTableName="back")
        assert ddb.scan(TableName="back")["Items"] == [item("a", 1)]

    def test_no_system_backup_without_pitr(self, ddb: Any, table: str) -> None:
        """Without PITR, DeleteTable keeps nothing."""
        ddb.delete_table(TableName=table)
        assert listed(ddb, BackupType="ALL") == []

    def test_system_backup_expires(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """The SYSTEM backup is there at 35 days less a second, gone at 35 days."""
        pitr_on(ddb)
        ddb.delete_table(TableName=table)
        cloud.advance(35 * DAY - 1)
        assert listed(ddb, BackupType="SYSTEM") == ["items$DeletedTableBackup"]
        cloud.advance(1)
        assert listed(ddb, BackupType="SYSTEM") == []


class TestRestoreFromBackup:
    def test_restores_the_items_then_not_later_writes(
        self, ddb: Any, cloud: Cloud, table: str
    ) -> None:
        """The restored table holds the items at the backup, not those written after."""
        ddb.put_item(TableName=table, Item=item("a", 1))
        arn = backup(ddb)
        ddb.put_item(TableName=table, Item=item("b", 1))
        ddb.delete_item(TableName=table, Key=item("a", 1))
        d = ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="copy")["TableDescription"]
        assert ddb.scan(TableName="copy")["Items"] == [item("a", 1)]
        assert d["RestoreSummary"]["SourceBackupArn"] == arn
        assert d["RestoreSummary"]["RestoreInProgress"] is True
        copy = ddb.describe_table(TableName="copy")["Table"]
        assert copy["RestoreSummary"]["RestoreInProgress"] is False
        check_table(cloud.engine("dynamodb").tables["copy"])

    def test_the_definition_recorded_at_backup_time(self, ddb: Any, cloud: Cloud) -> None:
        """Later changes to the table (a GSI's units) do not reach the backup's restore."""
        make_table(
            ddb,
            BillingMode="PROVISIONED",
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        )
        arn = backup(ddb)
        ddb.update_table(
            TableName="items",
            ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
        )
        d = ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="copy")["TableDescription"]
        assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 5

    def test_target_taken(self, ddb: Any, table: str) -> None:
        """TableAlreadyExistsException when the target exists."""
        arn = backup(ddb)
        with pytest.raises(ddb.exceptions.TableAlreadyExistsException) as e:
            ddb.restore_table_from_backup(BackupArn=arn, TargetTableName=table)
        assert e.value.response["Error"]["Message"] == "Table already exists: items"

    def test_missing_backup(self, ddb: Any, table: str) -> None:
        """BackupNotFoundException for a deleted backup."""
        arn = backup(ddb)
        ddb.delete_backup(BackupArn=arn)
        with pytest.raises(ddb.exceptions.BackupNotFoundException):
            ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="copy")

    def test_backup_in_use_while_restoring(self) -> None:
        """With a state delay, a backup feeding a CREATING restore is BackupInUseException
        to a second restore and to DeleteBackup, until the target is ACTIVE."""
        cloud = Cloud.manual(limits={"dynamodb": {"table_state_seconds": 10}})
        ddb = cloud.client("dynamodb")
        make_table(ddb)
        cloud.advance(10)
        arn = backup(ddb)
        ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="one")
        with pytest.raises(ddb.exceptions.BackupInUseException) as e:
            ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="two")
        assert e.value.response["Error"]["Message"] == (
            f"Backup is being used to restore another table: {arn}"
        )
        with pytest.raises(ddb.exceptions.BackupInUseException):
            ddb.delete_backup(BackupArn=arn)
        with pytest.raises(ddb.exceptions.TableInUseException) as e:
            ddb.restore_table_from_backup(BackupArn=backup(ddb, "bk2"), TargetTableName="one")
        assert e.value.response["Error"]["Message"] == (
            f"Table: one is already being restored from backup: {arn}"
        )
        cloud.advance(10)
        ddb.restore_table_from_backup(BackupArn=arn, TargetTableName="two")
        cloud.advance(10)
        assert ddb.delete_backup(BackupArn=arn)["BackupDescription"]

    def test_overrides(self, ddb: Any, table: str) -> None:
        """The overrides of a PITR restore apply to a backup restore too."""
        arn = backup(ddb)
        d = ddb.restore_table_from_backup(
            BackupArn=arn,
            TargetTableName="copy",
            BillingModeOverride="PROVISIONED",
            ProvisionedThroughputOverride={"ReadCapacityUnits": 1, "WriteCapacityUnits": 2},
        )["TableDescription"]
        assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 2


class TestResourceLayer:
    def test_backup_and_restore_to(self, cloud: Cloud) -> None:
        """table.backup(name) gives an ARN; table.restore_to(name, when) a Table."""
        users = cloud.dynamo.create_table(
            TableName="users",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        )
        users.enable_pitr(days=1)
        users.put_item(Item={"id": "a"})
        when = cloud.now()
        cloud.advance(1)
        users.put_item(Item={"id": "b"})
        assert ARN.fullmatch(users.backup("snap"))
        cloud.advance(400)
        then = users.restore_to("then", when)
        assert [i["id"] for i in then.scan()["Items"]] == ["a"]
        latest = users.restore_to("latest")
        assert sorted(i["id"] for i in latest.scan()["Items"]) == ["a", "b"]

    def test_errors_name_the_operation(self, cloud: Cloud) -> None:
        """An error from a resource extra names the AWS operation, as boto3 does."""
        users = cloud.dynamo.Table("ghost")
        with pytest.raises(Exception) as e:
            users.restore_to("copy", datetime.now(UTC))
        assert "RestoreTableToPointInTime" in str(e.value)
