"""PITR and backups through real boto3 clients (the in-process bridge): botocore's own
serialiser and parser run on every call, so the request and response shapes (timestamps
included) and the error codes are proven end to end."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from pyserverless import Cloud

boto3 = pytest.importorskip("boto3")
bridge = pytest.importorskip("pyserverless.adapters.bridge")


@pytest.fixture
def real(cloud: Cloud) -> Any:
    with bridge.mock_aws(cloud):
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="real",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


def test_pitr_round_trip(real: Any, cloud: Cloud) -> None:
    """Enable, write, restore to a second before and after the write, via boto3."""
    d = real.update_continuous_backups(
        TableName="real",
        PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": True,
            "RecoveryPeriodInDays": 3,
        },
    )["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert d["RecoveryPeriodInDays"] == 3
    assert d["EarliestRestorableDateTime"] == cloud.now()
    cloud.advance(5)
    before = cloud.now()
    cloud.advance(1)
    real.put_item(TableName="real", Item={"pk": {"S": "a"}})
    after = cloud.now()
    cloud.advance(400)
    real.restore_table_to_point_in_time(
        SourceTableName="real", TargetTableName="before", RestoreDateTime=before
    )
    out = real.restore_table_to_point_in_time(
        SourceTableName="real", TargetTableName="after", RestoreDateTime=after
    )
    assert out["TableDescription"]["RestoreSummary"]["RestoreDateTime"] == after
    assert real.scan(TableName="before")["Count"] == 0
    assert real.scan(TableName="after")["Items"] == [{"pk": {"S": "a"}}]
    with pytest.raises(real.exceptions.InvalidRestoreTimeException):
        real.restore_table_to_point_in_time(
            SourceTableName="real", TargetTableName="never", RestoreDateTime=before - timedelta(1)
        )
    with pytest.raises(real.exceptions.TableAlreadyExistsException):
        real.restore_table_to_point_in_time(
            SourceTableName="real", TargetTableName="after", UseLatestRestorableTime=True
        )


def test_backup_round_trip(real: Any, cloud: Cloud) -> None:
    """Create, describe, list, restore and delete a backup via boto3."""
    real.put_item(TableName="real", Item={"pk": {"S": "a"}})
    arn = real.create_backup(TableName="real", BackupName="nightly")["BackupDetails"]["BackupArn"]
    described = real.describe_backup(BackupArn=arn)["BackupDescription"]
    assert described["BackupDetails"]["BackupCreationDateTime"] == cloud.now()
    assert described["SourceTableDetails"]["ItemCount"] == 1
    page = real.list_backups(TableName="real", Limit=1)
    assert [s["BackupArn"] for s in page["BackupSummaries"]] == [arn]
    real.restore_table_from_backup(BackupArn=arn, TargetTableName="copy")
    assert real.scan(TableName="copy")["Count"] == 1
    assert (
        real.delete_backup(BackupArn=arn)["BackupDescription"]["BackupDetails"]["BackupStatus"]
        == "DELETED"
    )
    with pytest.raises(real.exceptions.BackupNotFoundException):
        real.describe_backup(BackupArn=arn)
    with pytest.raises(real.exceptions.TableNotFoundException):
        real.describe_continuous_backups(TableName="ghost")


def test_system_backup_after_delete(real: Any) -> None:
    """DeleteTable with PITR on leaves a SYSTEM backup boto3 lists with BackupType."""
    real.update_continuous_backups(
        TableName="real", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    real.delete_table(TableName="real")
    assert real.list_backups()["BackupSummaries"] == []
    [system] = real.list_backups(BackupType="SYSTEM")["BackupSummaries"]
    assert system["BackupName"] == "real$DeletedTableBackup"
    assert system["BackupExpiryDateTime"] - system["BackupCreationDateTime"] == timedelta(days=35)
