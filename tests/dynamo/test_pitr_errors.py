"""RestoreTableToPointInTime's errors and overrides (docs/dynamodb-backups.md)."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import make_table
from .test_pitr import _indexed, at, item, items_of, pitr_on, restore


class TestRestoreErrors:
    def test_pitr_not_enabled(self, ddb: Any, table: str) -> None:
        """A source without PITR: PointInTimeRecoveryUnavailableException, even with a bad
        time or a taken target (it is checked first)."""
        for kwargs in ({}, {"when": at(0)}):
            with pytest.raises(ddb.exceptions.PointInTimeRecoveryUnavailableException) as e:
                restore(ddb, table, **kwargs)
            assert e.value.response["Error"]["Message"] == (
                "Point in time recovery is not enabled for table 'items'"
            )

    def test_missing_source(self, ddb: Any, table: str) -> None:
        """A missing source is TableNotFoundException, even when the target is taken."""
        with pytest.raises(ddb.exceptions.TableNotFoundException) as e:
            restore(ddb, table, source="ghost")
        assert e.value.response["Error"]["Message"] == "Table not found: ghost"

    def test_target_taken(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """TableAlreadyExistsException for a taken name (the source's own too)."""
        make_table(ddb, "other")
        pitr_on(ddb)
        for target in ("other", table):
            with pytest.raises(ddb.exceptions.TableAlreadyExistsException) as e:
                restore(ddb, target)
            assert e.value.response["Error"]["Message"] == f"Table already exists: {target}"

    def test_time_checked_before_target(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A bad time with a taken target is InvalidRestoreTimeException."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.InvalidRestoreTimeException):
            restore(ddb, table, at(0))

    def test_both_times(self, ddb: Any, table: str) -> None:
        """RestoreDateTime and UseLatestRestorableTime together are refused."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(ddb, "copy", at(0), UseLatestRestorableTime=True)
        assert "Both RestoreDateTime and UseLatestRestorableTime" in str(e.value)

    @pytest.mark.parametrize("latest", [None, False])
    def test_no_time(self, ddb: Any, table: str, latest: bool | None) -> None:
        """Neither time (or UseLatestRestorableTime false) is refused."""
        extra = {} if latest is None else {"UseLatestRestorableTime": latest}
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.restore_table_to_point_in_time(
                SourceTableName=table, TargetTableName="copy", **extra
            )
        assert e.value.response["Error"]["Message"] == (
            "Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be "
            "specified, but not both"
        )

    def test_both_sources(self, ddb: Any, table: str) -> None:
        """SourceTableName with SourceTableArn is refused; neither too."""
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.restore_table_to_point_in_time(
                SourceTableName=table,
                SourceTableArn=arn,
                TargetTableName="copy",
                UseLatestRestorableTime=True,
            )
        assert e.value.response["Error"]["Message"] == (
            "Must provide exactly one of: sourceTableArn, sourceTableName"
        )
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.restore_table_to_point_in_time(TargetTableName="copy", UseLatestRestorableTime=True)
        assert e.value.response["Error"]["Message"] == "The parameter 'TableName' is required"

    @pytest.mark.parametrize(
        ("arn", "text"),
        [
            ("not-an-arn", "sourceTableArn is not a valid ARN"),
            (
                "arn:aws:dynamodb:us-east-1:999999999999:table/items",
                "This action is only supported by accounts that match the resource owner's account",
            ),
        ],
    )
    def test_bad_source_arn(self, ddb: Any, table: str, arn: str, text: str) -> None:
        """A malformed or foreign SourceTableArn is a ValidationException."""
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            ddb.restore_table_to_point_in_time(
                SourceTableArn=arn, TargetTableName="copy", UseLatestRestorableTime=True
            )
        assert e.value.response["Error"]["Message"] == text

    def test_bad_target_name(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A target name outside the pattern is the server's constraint error."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(ddb, "bad name!")
        assert "targetTableName" in e.value.response["Error"]["Message"]

    def test_vector_index_override_refused(self, ddb: Any, table: str) -> None:
        """VectorIndexOverride is not emulated: refused, nothing created."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(
                ddb,
                "copy",
                VectorIndexOverride=[
                    {
                        "IndexName": "vec",
                        "VectorAttribute": {"AttributeName": "v"},
                        "Projection": {"ProjectionType": "ALL"},
                        "Dimensions": 3,
                        "DistanceFunction": "COSINE",
                    }
                ],
            )
        assert "VectorIndexOverride" in e.value.response["Error"]["Message"]
        assert "copy" not in ddb.list_tables()["TableNames"]


class TestOverrides:
    def test_drop_every_index_with_empty_lists(self, ddb: Any, cloud: Cloud) -> None:
        """Empty index overrides restore no index; the unused definitions go too."""
        make_table(ddb, **_indexed())
        pitr_on(ddb)
        ddb.put_item(TableName="items", Item=item("a", 1, g="x", l="m"))
        d = restore(ddb, "bare", GlobalSecondaryIndexOverride=[], LocalSecondaryIndexOverride=[])
        assert "GlobalSecondaryIndexes" not in d and "LocalSecondaryIndexes" not in d
        assert {a["AttributeName"] for a in d["AttributeDefinitions"]} == {"pk", "sk"}
        assert items_of(ddb, "bare") == [item("a", 1, g="x", l="m")]

    def test_rename_an_index(self, ddb: Any, cloud: Cloud) -> None:
        """An override matching a source index by keys and projection may rename it."""
        make_table(ddb, **_indexed())
        pitr_on(ddb)
        spec = dict(_indexed()["GlobalSecondaryIndexes"][0], IndexName="renamed")
        d = restore(ddb, "copy", GlobalSecondaryIndexOverride=[spec])
        assert [g["IndexName"] for g in d["GlobalSecondaryIndexes"]] == ["renamed"]
        assert [g["IndexName"] for g in d["LocalSecondaryIndexes"]] == ["byl"]

    def test_new_index_refused(self, ddb: Any, cloud: Cloud) -> None:
        """An override that matches no source index is refused."""
        make_table(ddb, **_indexed())
        pitr_on(ddb)
        spec = dict(
            _indexed()["GlobalSecondaryIndexes"][0], Projection={"ProjectionType": "KEYS_ONLY"}
        )
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(ddb, "copy", GlobalSecondaryIndexOverride=[spec])
        assert e.value.response["Error"]["Message"] == (
            "Index byg does not match a secondary index that existed in the source table and "
            "cannot be created during the restore operation"
        )

    def test_billing_to_provisioned(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """BillingModeOverride PROVISIONED needs ProvisionedThroughputOverride, and uses it."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(ddb, "copy", BillingModeOverride="PROVISIONED")
        assert e.value.response["Error"]["Message"] == (
            "Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED"
        )
        d = restore(
            ddb,
            "copy",
            BillingModeOverride="PROVISIONED",
            ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
        )
        assert d["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
        assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 4
        assert d.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED") == "PROVISIONED"

    def test_throughput_needs_provisioned(self, ddb: Any, table: str) -> None:
        """ProvisionedThroughputOverride on a PAY_PER_REQUEST result is refused."""
        pitr_on(ddb)
        with pytest.raises(ddb.exceptions.ValidationException) as e:
            restore(
                ddb,
                "copy",
                ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
            )
        assert e.value.response["Error"]["Message"] == (
            "Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED"
        )

    def test_billing_to_on_demand(self, ddb: Any, cloud: Cloud) -> None:
        """A PROVISIONED source restores PAY_PER_REQUEST, its GSIs without units."""
        make_table(
            ddb,
            BillingMode="PROVISIONED",
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            more_types={"g": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                    "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
                }
            ],
        )
        pitr_on(ddb)
        plain = restore(ddb, "same")
        assert plain["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2
        d = restore(ddb, "flipped", BillingModeOverride="PAY_PER_REQUEST")
        assert d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        assert d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 0

    def test_sse_override(self, ddb: Any, cloud: Cloud) -> None:
        """SSESpecificationOverride Enabled false restores with the AWS owned key."""
        make_table(ddb, SSESpecification={"Enabled": True, "SSEType": "KMS"})
        pitr_on(ddb)
        d = restore(ddb, "copy", SSESpecificationOverride={"Enabled": False})
        assert "SSEDescription" not in d
        d = restore(ddb, "kms", SSESpecificationOverride={"Enabled": True, "SSEType": "KMS"})
        assert d["SSEDescription"]["SSEType"] == "KMS"

    def test_refused_override_changes_nothing(self, ddb: Any, cloud: Cloud, table: str) -> None:
        """A refused restore creates no table and leaves the history as it was."""
        pitr_on(ddb)
        ddb.put_item(TableName=table, Item=item("a", 1))
        before = ddb.list_tables()["TableNames"]
        with pytest.raises(ddb.exceptions.ValidationException):
            restore(ddb, "copy", BillingModeOverride="PROVISIONED")
        assert ddb.list_tables()["TableNames"] == before
        assert cloud.engine("dynamodb").tables[table].pitr.changes() == 1
