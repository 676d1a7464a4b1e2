"""Table statuses: what write responses say, and the state delay on the clock."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import ResourceInUseException, ResourceNotFoundException

from .conftest import make_table

GSI = {
    "IndexName": "byg",
    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "KEYS_ONLY"},
}
TP = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}


def _status(client: Any, name: str = "items") -> str:
    return client.describe_table(TableName=name)["Table"]["TableStatus"]  # type: ignore[no-any-return]


@pytest.fixture
def delayed() -> tuple[Cloud, Any]:
    """A Cloud whose tables stay CREATING, UPDATING or DELETING for 5 clock seconds."""
    cloud = Cloud.manual(limits={"dynamodb": {"table_state_seconds": 5}})
    return cloud, cloud.client("dynamodb")


class TestWriteResponses:
    def test_create_answers_creating_with_creating_indexes(self, ddb: Any) -> None:
        """CreateTable says CREATING, its GSIs too; the next DescribeTable says ACTIVE."""
        out = make_table(ddb, more_types={"g": "S"}, GlobalSecondaryIndexes=[GSI])
        described = out["TableDescription"]
        assert described["TableStatus"] == "CREATING"
        assert described["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING"
        table = ddb.describe_table(TableName="items")["Table"]
        assert table["TableStatus"] == "ACTIVE"
        assert table["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE"

    def test_update_answers_updating_with_the_old_throughput(self, ddb: Any) -> None:
        """UpdateTable says UPDATING and shows the throughput before the change."""
        make_table(ddb, BillingMode="PROVISIONED", ProvisionedThroughput=TP)
        new = {"ReadCapacityUnits": 7, "WriteCapacityUnits": 8}
        out = ddb.update_table(TableName="items", ProvisionedThroughput=new)["TableDescription"]
        assert out["TableStatus"] == "UPDATING"
        assert out["ProvisionedThroughput"]["ReadCapacityUnits"] == 1
        assert out["ProvisionedThroughput"]["WriteCapacityUnits"] == 1
        table = ddb.describe_table(TableName="items")["Table"]
        assert table["TableStatus"] == "ACTIVE"
        assert table["ProvisionedThroughput"]["ReadCapacityUnits"] == 7

    def test_new_gsi_is_creating_in_the_update_response(self, ddb: Any, table: str) -> None:
        """A GSI created by UpdateTable is CREATING in the answer, then ACTIVE."""
        out = ddb.update_table(
            TableName=table,
            AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": GSI}],
        )["TableDescription"]
        assert [i["IndexStatus"] for i in out["GlobalSecondaryIndexes"]] == ["CREATING"]
        described = ddb.describe_table(TableName=table)["Table"]
        assert described["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE"

    def test_delete_answers_deleting_with_only_its_members(self, ddb: Any) -> None:
        """DeleteTable's description carries only the members DynamoDB returns there."""
        make_table(ddb, more_types={"g": "S"}, GlobalSecondaryIndexes=[GSI])
        out = ddb.delete_table(TableName="items")["TableDescription"]
        assert out["TableStatus"] == "DELETING"
        assert set(out) == {
            "TableName",
            "TableStatus",
            "ProvisionedThroughput",
            "TableSizeBytes",
            "ItemCount",
            "TableArn",
            "TableId",
            "BillingModeSummary",
        }
        with pytest.raises(ResourceNotFoundException):
            ddb.describe_table(TableName="items")


class TestBillingModeSummary:
    def test_on_demand_table_records_when(self, ddb: Any, cloud: Cloud) -> None:
        """An on-demand table says when PAY_PER_REQUEST was set: at creation."""
        make_table(ddb)
        summary = ddb.describe_table(TableName="items")["Table"]["BillingModeSummary"]
        assert summary == {
            "BillingMode": "PAY_PER_REQUEST",
            "LastUpdateToPayPerRequestDateTime": cloud.now(),
        }

    def test_switching_to_on_demand_records_the_time(self, ddb: Any, cloud: Cloud) -> None:
        """Switching a provisioned table to on-demand sets the time of the switch."""
        make_table(ddb, BillingMode="PROVISIONED", ProvisionedThroughput=TP)
        assert "BillingModeSummary" not in ddb.describe_table(TableName="items")["Table"]
        cloud.advance(60)
        ddb.update_table(TableName="items", BillingMode="PAY_PER_REQUEST")
        summary = ddb.describe_table(TableName="items")["Table"]["BillingModeSummary"]
        assert summary["LastUpdateToPayPerRequestDateTime"] == cloud.now()


class TestStateDelay:
    def test_creating_lasts_on_the_clock(self, delayed: tuple[Cloud, Any]) -> None:
        """A new table stays CREATING, not found by data-plane calls, until its time."""
        cloud, client = delayed
        make_table(client)
        assert _status(client) == "CREATING"
        assert client.list_tables()["TableNames"] == ["items"]
        with pytest.raises(ResourceNotFoundException) as err:
            client.get_item(TableName="items", Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
        assert err.value.response["Error"]["Message"] == "Requested resource not found"
        cloud.advance(4.9)
        assert _status(client) == "CREATING"
        cloud.advance(0.1)
        client.put_item(TableName="items", Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
        assert _status(client) == "ACTIVE"

    def test_creating_table_cannot_be_changed(self, delayed: tuple[Cloud, Any]) -> None:
        """DeleteTable and UpdateTable of a CREATING table: ResourceInUseException."""
        _cloud, client = delayed
        make_table(client)
        message = (
            "Attempt to change a resource which is still in use: Table is being created: items"
        )
        with pytest.raises(ResourceInUseException) as err:
            client.delete_table(TableName="items")
        assert err.value.response["Error"]["Message"] == message
        with pytest.raises(ResourceInUseException):
            client.update_table(TableName="items", BillingMode="PAY_PER_REQUEST")
        with pytest.raises(ResourceInUseException, match="Table already exists: items"):
            make_table(client)

    def test_updating_lasts_and_the_table_stays_usable(self, delayed: tuple[Cloud, Any]) -> None:
        """An UPDATING table answers data-plane calls; a second update waits its turn."""
        cloud, client = delayed
        make_table(client, BillingMode="PROVISIONED", ProvisionedThroughput=TP)
        cloud.advance(5)
        client.update_table(TableName="items", BillingMode="PAY_PER_REQUEST")
        assert _status(client) == "UPDATING"
        client.put_item(TableName="items", Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
        with pytest.raises(ResourceInUseException) as err:
            client.update_table(TableName="items", DeletionProtectionEnabled=True)
        assert err.value.response["Error"]["Message"] == (
            "Attempt to change a resource which is still in use: Table: items is in the process "
            "of being updated."
        )
        cloud.advance(5)
        assert _status(client) == "ACTIVE"
        client.update_table(TableName="items", DeletionProtectionEnabled=True)

    def test_deleting_lasts_on_the_clock(self, delayed: tuple[Cloud, Any]) -> None:
        """A deleted table stays DELETING (described, listed, not usable), then is gone."""
        cloud, client = delayed
        make_table(client)
        cloud.advance(5)
        client.delete_table(TableName="items")
        assert _status(client) == "DELETING"
        assert client.list_tables()["TableNames"] == ["items"]
        with pytest.raises(ResourceNotFoundException):
            client.scan(TableName="items")
        with pytest.raises(ResourceInUseException, match="Table is being deleted: items"):
            client.delete_table(TableName="items")
        with pytest.raises(ResourceInUseException):
            make_table(client)
        cloud.advance(5)
        with pytest.raises(ResourceNotFoundException):
            client.describe_table(TableName="items")
        assert client.list_tables()["TableNames"] == []
        make_table(client)  # the name is free again

    def test_waiter_sees_the_table_become_active(self, delayed: tuple[Cloud, Any]) -> None:
        """Once the clock has passed CREATING, boto3's table_exists waiter returns."""
        cloud, client = delayed
        make_table(client)
        cloud.advance(5)
        client.get_waiter("table_exists").wait(TableName="items")
        assert _status(client) == "ACTIVE"
