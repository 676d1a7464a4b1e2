"""Global tables version 2017.11.29 (the legacy API) and replica auto scaling."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.dynamo import (
    GlobalTableAlreadyExistsException,
    GlobalTableNotFoundException,
    ReplicaAlreadyExistsException,
    ReplicaNotFoundException,
    ResourceNotFoundException,
    TableNotFoundException,
    ValidationException,
)

from .conftest import make_table

US, EU, AP = "us-east-1", "eu-west-1", "ap-southeast-2"
STREAM = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
KEY = {"pk": {"S": "k"}, "sk": {"N": "1"}}


@pytest.fixture
def cloud() -> Cloud:
    return Cloud(clock=ManualClock(1_750_000_000))


@pytest.fixture
def c(cloud: Cloud) -> dict[str, Any]:
    clients = {r: cloud.client("dynamodb", region_name=r) for r in (US, EU, AP)}
    for region in (US, EU, AP):
        make_table(clients[region], "users", StreamSpecification=STREAM)
    return clients


def group(*regions: str) -> list[dict[str, str]]:
    return [{"RegionName": r} for r in regions]


class TestCreate:
    def test_create_describe_list(self, c: dict[str, Any]) -> None:
        d = c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        desc = d["GlobalTableDescription"]
        assert desc["GlobalTableStatus"] == "ACTIVE"
        assert desc["GlobalTableArn"] == "arn:aws:dynamodb::123456789012:global-table/users"
        assert desc["ReplicationGroup"] == group(US, EU)
        again = c[EU].describe_global_table(GlobalTableName="users")["GlobalTableDescription"]
        assert again["ReplicationGroup"] == group(US, EU)
        listed = c[AP].list_global_tables()["GlobalTables"]
        assert listed == [{"GlobalTableName": "users", "ReplicationGroup": group(US, EU)}]
        assert c[US].list_global_tables(RegionName=AP)["GlobalTables"] == []
        assert "GlobalTableVersion" not in c[US].describe_table(TableName="users")["Table"]

    def test_replicates(self, cloud: Cloud, c: dict[str, Any]) -> None:
        c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        c[EU].put_item(TableName="users", Item=KEY)
        cloud.advance(1)
        assert c[US].get_item(TableName="users", Key=KEY)["Item"] == KEY
        assert "Item" not in c[AP].get_item(TableName="users", Key=KEY)

    def test_missing_table(self, c: dict[str, Any]) -> None:
        with pytest.raises(TableNotFoundException):
            c[US].create_global_table(
                GlobalTableName="users", ReplicationGroup=group(US, "ca-central-1")
            )

    def test_already_exists(self, c: dict[str, Any]) -> None:
        c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        with pytest.raises(GlobalTableAlreadyExistsException):
            c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, AP))

    def test_needs_stream_and_empty_tables(self, cloud: Cloud, c: dict[str, Any]) -> None:
        other = cloud.client("dynamodb", region_name="ca-central-1")
        make_table(other, "users")
        with pytest.raises(ValidationException):
            c[US].create_global_table(
                GlobalTableName="users", ReplicationGroup=group(US, "ca-central-1")
            )
        c[EU].put_item(TableName="users", Item=KEY)
        with pytest.raises(ValidationException):
            c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        assert c[US].list_global_tables()["GlobalTables"] == []

    def test_not_found(self, c: dict[str, Any]) -> None:
        with pytest.raises(GlobalTableNotFoundException):
            c[US].describe_global_table(GlobalTableName="users")


class TestUpdate:
    def test_add_and_remove(self, cloud: Cloud, c: dict[str, Any]) -> None:
        c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        d = c[US].update_global_table(
            GlobalTableName="users", ReplicaUpdates=[{"Create": {"RegionName": AP}}]
        )
        assert d["GlobalTableDescription"]["ReplicationGroup"] == group(US, EU, AP)
        c[US].update_global_table(
            GlobalTableName="users", ReplicaUpdates=[{"Delete": {"RegionName": EU}}]
        )
        assert c[EU].list_tables()["TableNames"] == ["users"]  # the table stays
        c[US].put_item(TableName="users", Item=KEY)
        cloud.advance(1)
        assert "Item" in c[AP].get_item(TableName="users", Key=KEY)
        assert "Item" not in c[EU].get_item(TableName="users", Key=KEY)

    def test_errors(self, c: dict[str, Any]) -> None:
        c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        with pytest.raises(ReplicaAlreadyExistsException):
            c[US].update_global_table(
                GlobalTableName="users", ReplicaUpdates=[{"Create": {"RegionName": EU}}]
            )
        with pytest.raises(ReplicaNotFoundException):
            c[US].update_global_table(
                GlobalTableName="users", ReplicaUpdates=[{"Delete": {"RegionName": AP}}]
            )
        with pytest.raises(GlobalTableNotFoundException):
            c[US].update_global_table(
                GlobalTableName="nope", ReplicaUpdates=[{"Create": {"RegionName": AP}}]
            )
        with pytest.raises(ValidationException):
            c[US].update_table(TableName="users", ReplicaUpdates=[{"Create": {"RegionName": AP}}])

    def test_settings(self, c: dict[str, Any]) -> None:
        c[US].create_global_table(GlobalTableName="users", ReplicationGroup=group(US, EU))
        settings = c[US].describe_global_table_settings(GlobalTableName="users")
        assert [s["RegionName"] for s in settings["ReplicaSettings"]] == [US, EU]
        assert settings["ReplicaSettings"][0]["ReplicaBillingModeSummary"] == {
            "BillingMode": "PAY_PER_REQUEST"
        }
        updated = c[US].update_global_table_settings(
            GlobalTableName="users",
            GlobalTableBillingMode="PROVISIONED",
            GlobalTableProvisionedWriteCapacityUnits=4,
        )
        for s in updated["ReplicaSettings"]:
            assert s["ReplicaProvisionedWriteCapacityUnits"] == 4
        for region in (US, EU):
            d = c[region].describe_table(TableName="users")["Table"]
            assert d["ProvisionedThroughput"]["WriteCapacityUnits"] == 4
        with pytest.raises(ReplicaNotFoundException):
            c[US].update_global_table_settings(
                GlobalTableName="users",
                ReplicaSettingsUpdate=[
                    {"RegionName": AP, "ReplicaProvisionedReadCapacityUnits": 2}
                ],
            )


class TestAutoScaling:
    def test_describe(self, cloud: Cloud) -> None:
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        us.update_table(TableName="orders", ReplicaUpdates=[{"Create": {"RegionName": EU}}])
        d = us.describe_table_replica_auto_scaling(TableName="orders")
        desc = d["TableAutoScalingDescription"]
        assert desc["TableName"] == "orders" and desc["TableStatus"] == "ACTIVE"
        assert [r["RegionName"] for r in desc["Replicas"]] == [US, EU]

    def test_update_refused(self, cloud: Cloud) -> None:
        us = cloud.client("dynamodb")
        with pytest.raises(ResourceNotFoundException):
            us.update_table_replica_auto_scaling(TableName="orders")
        make_table(us, "orders")
        with pytest.raises(ValidationException):
            us.update_table_replica_auto_scaling(TableName="orders")
