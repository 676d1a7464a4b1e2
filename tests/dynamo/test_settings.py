"""Table settings DynamoDB describes: SSE, OnDemandThroughput, WarmThroughput, tag quota."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless._core.clock import ManualClock

from .conftest import definitions, key_schema, make_table

ARN_PREFIX = "arn:aws:kms:us-east-1:123456789012:key/"


def _error(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(**params)
    err = info.value.response["Error"]
    return err["Code"], err["Message"]


class TestSSE:
    def test_enabled_is_described_with_the_managed_key(self, ddb: Any) -> None:
        """Enabled SSE is KMS with the AWS managed key, ENABLED, and stays described."""
        out = make_table(ddb, SSESpecification={"Enabled": True})["TableDescription"]
        sse = out["SSEDescription"]
        assert sse["Status"] == "ENABLED"
        assert sse["SSEType"] == "KMS"
        assert sse["KMSMasterKeyArn"].startswith(ARN_PREFIX)
        assert ddb.describe_table(TableName="items")["Table"]["SSEDescription"] == sse

    def test_managed_key_is_one_key(self, ddb: Any) -> None:
        """Every table encrypted with the AWS managed key reports the same key."""
        first = make_table(ddb, "one", SSESpecification={"Enabled": True})
        second = make_table(ddb, "two", SSESpecification={"Enabled": True})
        arns = {t["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] for t in (first, second)}
        assert len(arns) == 1

    def test_customer_key_by_id_or_arn(self, ddb: Any) -> None:
        """A KMS key id is reported as its ARN; a key ARN as given."""
        spec = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "1234abcd"}
        out = make_table(ddb, "one", SSESpecification=spec)["TableDescription"]
        assert out["SSEDescription"]["KMSMasterKeyArn"] == ARN_PREFIX + "1234abcd"
        arn = "arn:aws:kms:eu-west-1:111122223333:key/abcd"
        spec = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": arn}
        out = make_table(ddb, "two", SSESpecification=spec)["TableDescription"]
        assert out["SSEDescription"]["KMSMasterKeyArn"] == arn

    def test_disabled_is_not_described(self, ddb: Any) -> None:
        """The AWS owned key (Enabled false or no SSESpecification) is not described."""
        out = make_table(ddb, "one", SSESpecification={"Enabled": False})["TableDescription"]
        assert "SSEDescription" not in out
        assert "SSEDescription" not in make_table(ddb, "two")["TableDescription"]

    def test_update_table_switches_keys(self, ddb: Any, table: str) -> None:
        """UpdateTable turns KMS encryption on, to another key, and off again."""
        on = ddb.update_table(TableName=table, SSESpecification={"Enabled": True})
        assert on["TableDescription"]["SSEDescription"]["Status"] == "ENABLED"
        spec = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/mine"}
        mine = ddb.update_table(TableName=table, SSESpecification=spec)["TableDescription"]
        assert (
            mine["SSEDescription"]["KMSMasterKeyArn"]
            != on["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"]
        )
        off = ddb.update_table(TableName=table, SSESpecification={"Enabled": False})
        assert "SSEDescription" not in off["TableDescription"]

    def test_aes256_refused(self, ddb: Any) -> None:
        """SSEType AES256 is in the model but DynamoDB refuses it; nothing is created."""
        spec = {"Enabled": True, "SSEType": "AES256"}
        assert _error(make_table, client=ddb, SSESpecification=spec) == (
            "ValidationException",
            "One or more parameter values were invalid: SSEType AES256 is not supported",
        )
        assert ddb.list_tables()["TableNames"] == []

    def test_key_needs_type(self, ddb: Any, table: str) -> None:
        """A KMSMasterKeyId without SSEType KMS is refused and changes nothing."""
        spec = {"Enabled": True, "KMSMasterKeyId": "k"}
        code, message = _error(ddb.update_table, TableName=table, SSESpecification=spec)
        assert (code, message) == (
            "ValidationException",
            (
                "One or more parameter values were invalid: "
                "SSEType KMS is required if KMSMasterKeyId is specified"
            ),
        )
        assert "SSEDescription" not in ddb.describe_table(TableName=table)["Table"]

    def test_resending_the_current_encryption(self, ddb: Any, table: str) -> None:
        """Asking for the AWS owned key, or the key in use by its ARN, again is refused."""
        for spec in ({"Enabled": False}, {}):
            assert _error(ddb.update_table, TableName=table, SSESpecification=spec) == (
                "ValidationException",
                "One or more parameter values were invalid: Table is already encrypted by default",
            )
        arn = "arn:aws:kms:us-east-1:123456789012:key/abcd"
        kms: dict[str, Any] = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": arn}
        ddb.update_table(TableName=table, SSESpecification=kms)
        code, message = _error(ddb.update_table, TableName=table, SSESpecification=kms)
        assert code == "ValidationException"
        assert message == (
            "One or more parameter values were invalid: Table is already encrypted with given "
            "KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key"
        )


class TestStreamResends:
    def test_stream_messages_name_the_table(self, ddb: Any, table: str) -> None:
        """Disabling a missing stream, or enabling an enabled one, names the table."""
        off = {"StreamEnabled": False}
        assert _error(ddb.update_table, TableName=table, StreamSpecification=off)[1] == (
            "Table has no stream to disable: TableName: items"
        )
        on = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
        ddb.update_table(TableName=table, StreamSpecification=on)
        assert _error(ddb.update_table, TableName=table, StreamSpecification=on)[1] == (
            "Table already has an enabled stream: TableName: items"
        )


class TestThroughputSettings:
    def test_on_demand_throughput_described(self, ddb: Any, table: str) -> None:
        """OnDemandThroughput is described once set; an unset maximum shows as -1."""
        assert "OnDemandThroughput" not in ddb.describe_table(TableName=table)["Table"]
        out = ddb.update_table(TableName=table, OnDemandThroughput={"MaxReadRequestUnits": 100})
        assert out["TableDescription"]["OnDemandThroughput"] == {
            "MaxReadRequestUnits": 100,
            "MaxWriteRequestUnits": -1,
        }
        ddb.update_table(TableName=table, OnDemandThroughput={"MaxWriteRequestUnits": 7})
        assert ddb.describe_table(TableName=table)["Table"]["OnDemandThroughput"] == {
            "MaxReadRequestUnits": 100,
            "MaxWriteRequestUnits": 7,
        }

    def test_on_demand_throughput_bounds(self, ddb: Any, table: str) -> None:
        """A maximum below 1 (other than -1, no maximum) is refused."""
        code, message = _error(
            ddb.update_table, TableName=table, OnDemandThroughput={"MaxReadRequestUnits": 0}
        )
        assert code == "ValidationException"
        assert message == (
            "1 validation error detected: Value '0' at 'onDemandThroughput.maxReadRequestUnits' "
            "failed to satisfy constraint: Member must have value greater than or equal to 1"
        )

    def test_warm_throughput_defaults_and_updates(self, ddb: Any, table: str) -> None:
        """Every table is described warm; UpdateTable raises the values it names."""
        warm = ddb.describe_table(TableName=table)["Table"]["WarmThroughput"]
        assert warm == {
            "ReadUnitsPerSecond": 12000,
            "WriteUnitsPerSecond": 4000,
            "Status": "ACTIVE",
        }
        ddb.update_table(TableName=table, WarmThroughput={"ReadUnitsPerSecond": 15000})
        warm = ddb.describe_table(TableName=table)["Table"]["WarmThroughput"]
        assert (warm["ReadUnitsPerSecond"], warm["WriteUnitsPerSecond"]) == (15000, 4000)

    def test_gsi_settings_described(self, ddb: Any) -> None:
        """A GSI's OnDemandThroughput and WarmThroughput are described on the index."""
        gsi = {
            "IndexName": "by_x",
            "KeySchema": key_schema("x"),
            "Projection": {"ProjectionType": "ALL"},
            "OnDemandThroughput": {"MaxReadRequestUnits": 5, "MaxWriteRequestUnits": 6},
        }
        ddb.create_table(
            TableName="items",
            KeySchema=key_schema("pk"),
            AttributeDefinitions=definitions(pk="S", x="S"),
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[gsi],
        )
        ddb.update_table(
            TableName="items",
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "by_x", "WarmThroughput": {"WriteUnitsPerSecond": 9000}}}
            ],
        )
        index = ddb.describe_table(TableName="items")["Table"]["GlobalSecondaryIndexes"][0]
        assert index["OnDemandThroughput"] == {"MaxReadRequestUnits": 5, "MaxWriteRequestUnits": 6}
        assert index["WarmThroughput"] == {
            "ReadUnitsPerSecond": 12000,
            "WriteUnitsPerSecond": 9000,
            "Status": "ACTIVE",
        }


class TestTagQuota:
    def _tags(self, n: int, prefix: str = "k") -> list[dict[str, str]]:
        return [{"Key": f"{prefix}{i}", "Value": "v"} for i in range(n)]

    def test_create_table_with_too_many_tags(self, ddb: Any) -> None:
        """CreateTable with 51 tags is refused; 50 are accepted."""
        code, message = _error(make_table, client=ddb, Tags=self._tags(51))
        assert code == "ValidationException"
        assert message == "Number of Tags exceed the current limit for the provided ResourceArn"
        make_table(ddb, Tags=self._tags(50))
        arn = ddb.describe_table(TableName="items")["Table"]["TableArn"]
        assert len(ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]) == 50

    def test_tag_resource_counts_existing_keys_once(self, ddb: Any, table: str) -> None:
        """Re-tagging existing keys does not count twice; a 51st key is refused whole."""
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        ddb.tag_resource(ResourceArn=arn, Tags=self._tags(50))
        ddb.tag_resource(ResourceArn=arn, Tags=self._tags(50))  # same keys, new values
        code, _ = _error(ddb.tag_resource, ResourceArn=arn, Tags=self._tags(1, "new"))
        assert code == "ValidationException"
        assert len(ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]) == 50

    def test_quota_is_a_limit(self) -> None:
        """The tag quota is a field of DynamoDBLimits."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_tags_per_resource": 2}}).client("dynamodb")
        with pytest.raises(ClientError):
            make_table(ddb, Tags=self._tags(3))


class TestThroughputDecreases:
    def _table(self, cloud: Cloud) -> Any:
        ddb = cloud.client("dynamodb")
        ddb.create_table(
            TableName="items",
            KeySchema=key_schema("pk"),
            AttributeDefinitions=definitions(pk="S"),
            ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
        )
        return ddb

    def _set(self, ddb: Any, read: int) -> dict[str, Any]:
        ddb.update_table(
            TableName="items",
            ProvisionedThroughput={"ReadCapacityUnits": read, "WriteCapacityUnits": 10},
        )
        out = ddb.describe_table(TableName="items")
        return out["Table"]["ProvisionedThroughput"]  # type: ignore[no-any-return]

    def test_four_then_one_an_hour(self) -> None:
        """Four decreases at once, then one an hour after the last; refused ones change nothing."""
        cloud = Cloud(clock=ManualClock(datetime(2026, 10, 9, 0, 21, 34, tzinfo=UTC)))
        ddb = self._table(cloud)
        for read in (9, 8, 7, 6):
            described = self._set(ddb, read)
        assert described["NumberOfDecreasesToday"] == 4
        assert described["LastDecreaseDateTime"] == cloud.now()
        code, message = _error(self._set, ddb=ddb, read=5)
        assert code == "LimitExceededException"
        assert message == (
            "Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
            "given UTC day. After the first 4 decreases, each subsequent decrease in the same "
            "UTC day can be performed at most once every 3600 seconds. Number of decreases "
            "today: 4. Last decrease at Friday, October 9, 2026 at 12:21:34 AM Coordinated "
            "Universal Time. Next decrease can be made at Friday, October 9, 2026 at 1:21:34 AM "
            "Coordinated Universal Time"
        )
        table = ddb.describe_table(TableName="items")["Table"]["ProvisionedThroughput"]
        assert table["ReadCapacityUnits"] == 6
        assert self._set(ddb, 20)["LastIncreaseDateTime"] == cloud.now()  # increases are free
        cloud.advance(3600)
        assert self._set(ddb, 5)["NumberOfDecreasesToday"] == 5
        assert _error(self._set, ddb=ddb, read=4)[0] == "LimitExceededException"

    def test_a_new_day_resets_the_count(self) -> None:
        """The count starts again on the next UTC day."""
        cloud = Cloud(clock=ManualClock(datetime(2026, 10, 9, 23, 0, tzinfo=UTC)))
        ddb = self._table(cloud)
        for read in (9, 8, 7, 6):
            self._set(ddb, read)
        cloud.advance(3600)
        assert self._set(ddb, 5)["NumberOfDecreasesToday"] == 1


class TestUpdateTableQuotas:
    def test_table_class_twice_in_thirty_days(self, cloud: Cloud, ddb: Any, table: str) -> None:
        """TableClass may change twice in 30 days; the third change waits for the window."""
        ia, std = "STANDARD_INFREQUENT_ACCESS", "STANDARD"
        ddb.update_table(TableName=table, TableClass=ia)
        ddb.update_table(TableName=table, TableClass=std)
        assert _error(ddb.update_table, TableName=table, TableClass=ia) == (
            "LimitExceededException",
            "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).",
        )
        summary = ddb.describe_table(TableName=table)["Table"]["TableClassSummary"]
        assert summary["TableClass"] == std
        cloud.advance(30 * 86400)
        out = ddb.update_table(TableName=table, TableClass=ia)["TableDescription"]
        assert out["TableClassSummary"]["TableClass"] == ia

    def test_missing_index_update(self, ddb: Any, table: str) -> None:
        """Updating or deleting a GSI the table lacks names the index and the table."""
        for action in ("Update", "Delete"):
            body: dict[str, Any] = {"IndexName": "ghost"}
            if action == "Update":
                body["WarmThroughput"] = {"ReadUnitsPerSecond": 13000}
            code, message = _error(
                ddb.update_table, TableName=table, GlobalSecondaryIndexUpdates=[{action: body}]
            )
            assert (code, message) == (
                "ResourceNotFoundException",
                "Requested resource not found: Index ghost for table items",
            )

    def test_gsi_quota_on_update(self) -> None:
        """Creating a GSI past the per-table quota is LimitExceededException."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_gsis": 0}}).client("dynamodb")
        make_table(ddb)
        create = {
            "IndexName": "by_x",
            "KeySchema": key_schema("x"),
            "Projection": {"ProjectionType": "ALL"},
        }
        code, message = _error(
            ddb.update_table,
            TableName="items",
            AttributeDefinitions=definitions(x="S"),
            GlobalSecondaryIndexUpdates=[{"Create": create}],
        )
        assert (code, message) == (
            "LimitExceededException",
            (
                "Subscriber limit exceeded: Number of global secondary indexes exceeds "
                "per-table limit of 0"
            ),
        )
