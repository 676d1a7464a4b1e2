"""Global tables 2019.11.21: the replica lifecycle through UpdateTable, and its errors."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.dynamo import ResourceNotFoundException, ValidationException

from .conftest import make_table

US, EU, AP = "us-east-1", "eu-west-1", "ap-southeast-2"


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


@pytest.fixture
def clients(cloud: Cloud) -> dict[str, Any]:
    return {r: cloud.client("dynamodb", region_name=r) for r in (US, EU, AP)}


@pytest.fixture
def us(clients: dict[str, Any]) -> Any:
    make_table(clients[US], "orders")
    return clients[US]


def add(client: Any, region: str, **extra: Any) -> dict[str, Any]:
    action = {"RegionName": region, **extra}
    answer: dict[str, Any] = client.update_table(
        TableName="orders", ReplicaUpdates=[{"Create": action}]
    )
    return answer["TableDescription"]


class TestCreate:
    def test_answer_and_descriptions(self, us: Any, clients: dict[str, Any]) -> None:
        """The answer shows the new replica CREATING; then both Regions describe the other."""
        answer = add(us, EU)
        assert answer["TableStatus"] == "UPDATING"
        assert answer["Replicas"] == [{"RegionName": EU, "ReplicaStatus": "CREATING"}]
        assert answer["GlobalTableVersion"] == "2019.11.21"
        here = us.describe_table(TableName="orders")["Table"]
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert here["Replicas"] == [{"RegionName": EU, "ReplicaStatus": "ACTIVE"}]
        assert there["Replicas"] == [{"RegionName": US, "ReplicaStatus": "ACTIVE"}]
        assert there["MultiRegionConsistency"] == here["MultiRegionConsistency"] == "EVENTUAL"
        assert there["TableArn"] == here["TableArn"].replace(US, EU)
        assert there["KeySchema"] == here["KeySchema"]

    def test_stream_turned_on(self, us: Any, clients: dict[str, Any]) -> None:
        """A table without a stream gets NEW_AND_OLD_IMAGES; so does the new replica."""
        assert "StreamSpecification" not in us.describe_table(TableName="orders")["Table"]
        add(us, EU)
        for region in (US, EU):
            d = clients[region].describe_table(TableName="orders")["Table"]
            assert d["StreamSpecification"] == {
                "StreamEnabled": True,
                "StreamViewType": "NEW_AND_OLD_IMAGES",
            }

    def test_other_stream_view_refused(self, clients: dict[str, Any]) -> None:
        """A stream with another view type is refused; nothing changes."""
        spec = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
        make_table(clients[US], "orders", StreamSpecification=spec)
        with pytest.raises(ValidationException) as err:
            add(clients[US], EU)
        assert "NEW_AND_OLD_IMAGES" in message(err)
        assert clients[EU].list_tables()["TableNames"] == []
        assert "Replicas" not in clients[US].describe_table(TableName="orders")["Table"]

    def test_backfill(self, us: Any, clients: dict[str, Any]) -> None:
        """The new replica holds the source's items at once, GSIs included."""
        for n in range(5):
            us.put_item(TableName="orders", Item={"pk": {"S": f"k{n}"}, "sk": {"N": str(n)}})
        add(us, EU)
        items = clients[EU].scan(TableName="orders", ConsistentRead=True)["Items"]
        assert sorted(i["pk"]["S"] for i in items) == [f"k{n}" for n in range(5)]
        assert clients[EU].describe_table(TableName="orders")["Table"]["ItemCount"] == 5

    def test_schema_and_gsis_copied(self, clients: dict[str, Any]) -> None:
        gsi = {
            "IndexName": "by_status",
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
        make_table(clients[US], "orders", GlobalSecondaryIndexes=[gsi], more_types={"status": "S"})
        clients[US].put_item(
            TableName="orders",
            Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "status": {"S": "open"}},
        )
        add(clients[US], EU)
        found = clients[EU].query(
            TableName="orders",
            IndexName="by_status",
            KeyConditionExpression="#s = :s",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": "open"}},
        )["Items"]
        assert found == [{"pk": {"S": "a"}, "sk": {"N": "1"}, "status": {"S": "open"}}]

    def test_three_regions(self, us: Any, clients: dict[str, Any]) -> None:
        add(us, EU)
        add(us, AP)
        for region in (US, EU, AP):
            d = clients[region].describe_table(TableName="orders")["Table"]
            assert sorted(r["RegionName"] for r in d["Replicas"]) == sorted({US, EU, AP} - {region})

    def test_overrides_described(self, clients: dict[str, Any]) -> None:
        make_table(
            clients[US],
            "orders",
            BillingMode="PROVISIONED",
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        )
        add(
            clients[US],
            EU,
            ProvisionedThroughputOverride={"ReadCapacityUnits": 7},
            TableClassOverride="STANDARD_INFREQUENT_ACCESS",
        )
        replica = clients[US].describe_table(TableName="orders")["Table"]["Replicas"][0]
        assert replica["ProvisionedThroughputOverride"] == {"ReadCapacityUnits": 7}
        assert replica["ReplicaTableClassSummary"] == {"TableClass": "STANDARD_INFREQUENT_ACCESS"}
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert there["TableClassSummary"] == {"TableClass": "STANDARD_INFREQUENT_ACCESS"}
        assert there["ProvisionedThroughput"]["ReadCapacityUnits"] == 7

    def test_kms_key_of_the_replica(self, us: Any, clients: dict[str, Any]) -> None:
        key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        add(us, EU, KMSMasterKeyId=key)
        replica = us.describe_table(TableName="orders")["Table"]["Replicas"][0]
        assert replica["KMSMasterKeyId"] == key
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert there["SSEDescription"]["KMSMasterKeyArn"] == key

    def test_on_demand_override(self, us: Any, clients: dict[str, Any]) -> None:
        add(us, EU, OnDemandThroughputOverride={"MaxReadRequestUnits": 50})
        replica = us.describe_table(TableName="orders")["Table"]["Replicas"][0]
        assert replica["OnDemandThroughputOverride"] == {"MaxReadRequestUnits": 50}
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert there["OnDemandThroughput"]["MaxReadRequestUnits"] == 50
        update = {"RegionName": EU, "OnDemandThroughputOverride": {"MaxReadRequestUnits": 60}}
        us.update_table(TableName="orders", ReplicaUpdates=[{"Update": update}])
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert there["OnDemandThroughput"]["MaxReadRequestUnits"] == 60

    def test_state_delay(self) -> None:
        """With the state delay on, the replica is CREATING until the clock passes it."""
        cloud = Cloud(clock=ManualClock(), limits={"dynamodb": {"table_state_seconds": 5}})
        us = cloud.client("dynamodb")
        make_table(us, "orders")
        cloud.advance(5)
        add(us, EU)
        status = us.describe_table(TableName="orders")["Table"]["Replicas"][0]["ReplicaStatus"]
        assert status == "CREATING"
        assert us.describe_table(TableName="orders")["Table"]["TableStatus"] == "UPDATING"
        cloud.advance(4.999)
        status = us.describe_table(TableName="orders")["Table"]["Replicas"][0]["ReplicaStatus"]
        assert status == "CREATING"
        cloud.advance(0.001)
        status = us.describe_table(TableName="orders")["Table"]["Replicas"][0]["ReplicaStatus"]
        assert status == "ACTIVE"
        assert us.describe_table(TableName="orders")["Table"]["TableStatus"] == "ACTIVE"
        update = {"RegionName": EU, "TableClassOverride": "STANDARD_INFREQUENT_ACCESS"}
        us.update_table(TableName="orders", ReplicaUpdates=[{"Update": update}])
        status = us.describe_table(TableName="orders")["Table"]["Replicas"][0]["ReplicaStatus"]
        assert status == "UPDATING"
        cloud.advance(5)
        status = us.describe_table(TableName="orders")["Table"]["Replicas"][0]["ReplicaStatus"]
        assert status == "ACTIVE"

    def test_delete_with_state_delay(self) -> None:
        """With the state delay on, a deleted replica is DELETING until the clock passes it;
        then it leaves the group and its table goes."""
        cloud = Cloud(clock=ManualClock(), limits={"dynamodb": {"table_state_seconds": 5}})
        us, eu = cloud.client("dynamodb"), cloud.client("dynamodb", region_name=EU)
        make_table(us, "orders")
        cloud.advance(5)
        add(us, EU)
        cloud.advance(5)
        answer = us.update_table(
            TableName="orders", ReplicaUpdates=[{"Delete": {"RegionName": EU}}]
        )["TableDescription"]
        assert answer["Replicas"] == [{"RegionName": EU, "ReplicaStatus": "DELETING"}]
        cloud.advance(4.999)
        replicas = us.describe_table(TableName="orders")["Table"]["Replicas"]
        assert [(r["RegionName"], r["ReplicaStatus"]) for r in replicas] == [(EU, "DELETING")]
        assert eu.list_tables()["TableNames"] == ["orders"]
        cloud.advance(0.001)
        assert "Replicas" not in us.describe_table(TableName="orders")["Table"]
        cloud.advance(5)  # the replica's own DeleteTable runs its delay too
        assert eu.list_tables()["TableNames"] == []


class TestCreateErrors:
    def test_local_region(self, us: Any) -> None:
        with pytest.raises(ValidationException) as err:
            add(us, US)
        assert message(err) == (
            "Cannot add, delete, or update the local region through ReplicaUpdates. "
            "Use CreateTable, DeleteTable, or UpdateTable as required."
        )

    def test_one_replica_per_region(self, us: Any, clients: dict[str, Any]) -> None:
        add(us, EU)
        with pytest.raises(ValidationException):
            add(us, EU)
        with pytest.raises(ValidationException):
            add(clients[EU], US)

    def test_region_given_twice(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            us.update_table(
                TableName="orders",
                ReplicaUpdates=[
                    {"Create": {"RegionName": EU}},
                    {"Create": {"RegionName": EU}},
                ],
            )
        assert "Replicas" not in us.describe_table(TableName="orders")["Table"]

    def test_unknown_region(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            add(us, "mars-north-1")

    def test_name_taken_there(self, us: Any, clients: dict[str, Any]) -> None:
        """A table of that name in the target Region: refused, nothing changes anywhere."""
        make_table(clients[EU], "orders", sk=None)
        with pytest.raises(ValidationException):
            add(us, EU)
        assert "Replicas" not in us.describe_table(TableName="orders")["Table"]
        assert "StreamSpecification" not in us.describe_table(TableName="orders")["Table"]
        assert "Replicas" not in clients[EU].describe_table(TableName="orders")["Table"]

    def test_with_other_members(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            us.update_table(
                TableName="orders",
                DeletionProtectionEnabled=True,
                ReplicaUpdates=[{"Create": {"RegionName": EU}}],
            )

    def test_two_actions_in_one_entry(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            us.update_table(
                TableName="orders",
                ReplicaUpdates=[
                    {"Create": {"RegionName": EU}, "Delete": {"RegionName": AP}},
                ],
            )

    def test_unknown_gsi_override(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            add(us, EU, GlobalSecondaryIndexes=[{"IndexName": "nope"}])

    def test_read_override_on_demand_refused(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            add(us, EU, ProvisionedThroughputOverride={"ReadCapacityUnits": 3})

    def test_missing_table(self, clients: dict[str, Any]) -> None:
        with pytest.raises(ResourceNotFoundException):
            add(clients[US], EU)

    def test_disassociate_refused(self, us: Any) -> None:
        with pytest.raises(ValidationException) as err:
            us.update_table(
                TableName="orders",
                ReplicaUpdates=[
                    {
                        "Disassociate": {
                            "RegionName": EU,
                            "DisassociationMode": "WAIT_FOR_REPLICATION",
                        }
                    }
                ],
            )
        assert "does not emulate" in message(err)


class TestUpdateAndDelete:
    def test_update_overrides(self, clients: dict[str, Any]) -> None:
        make_table(
            clients[US],
            "orders",
            BillingMode="PROVISIONED",
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        )
        add(clients[US], EU)
        clients[US].update_table(
            TableName="orders",
            ReplicaUpdates=[
                {
                    "Update": {
                        "RegionName": EU,
                        "ProvisionedThroughputOverride": {"ReadCapacityUnits": 9},
                    }
                }
            ],
        )
        replica = clients[US].describe_table(TableName="orders")["Table"]["Replicas"][0]
        assert replica["ProvisionedThroughputOverride"] == {"ReadCapacityUnits": 9}
        there = clients[EU].describe_table(TableName="orders")["Table"]
        assert there["ProvisionedThroughput"]["ReadCapacityUnits"] == 9
        assert there["ProvisionedThroughput"]["WriteCapacityUnits"] == 5

    def test_update_unknown_replica(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            us.update_table(TableName="orders", ReplicaUpdates=[{"Update": {"RegionName": EU}}])

    def test_delete_replica(self, us: Any, clients: dict[str, Any]) -> None:
        """Deleting the only other replica removes its table; the source is global no more."""
        add(us, EU)
        answer = us.update_table(
            TableName="orders", ReplicaUpdates=[{"Delete": {"RegionName": EU}}]
        )["TableDescription"]
        assert answer["Replicas"] == [{"RegionName": EU, "ReplicaStatus": "DELETING"}]
        assert clients[EU].list_tables()["TableNames"] == []
        d = us.describe_table(TableName="orders")["Table"]
        assert "Replicas" not in d and "GlobalTableVersion" not in d
        us.put_item(TableName="orders", Item={"pk": {"S": "x"}, "sk": {"N": "1"}})

    def test_delete_from_another_member(self, us: Any, clients: dict[str, Any]) -> None:
        add(us, EU)
        add(us, AP)
        answer = clients[EU].update_table(
            TableName="orders", ReplicaUpdates=[{"Delete": {"RegionName": AP}}]
        )["TableDescription"]
        assert [(r["RegionName"], r["ReplicaStatus"]) for r in answer["Replicas"]] == [
            (US, "ACTIVE"),
            (AP, "DELETING"),
        ]
        assert clients[AP].list_tables()["TableNames"] == []
        for region, other in ((US, EU), (EU, US)):
            d = clients[region].describe_table(TableName="orders")["Table"]
            assert [r["RegionName"] for r in d["Replicas"]] == [other]

    def test_delete_unknown_replica(self, us: Any) -> None:
        with pytest.raises(ValidationException):
            us.update_table(TableName="orders", ReplicaUpdates=[{"Delete": {"RegionName": EU}}])

    def test_delete_protected_replica_refused(self, us: Any, clients: dict[str, Any]) -> None:
        add(us, EU)
        clients[EU].update_table(TableName="orders", DeletionProtectionEnabled=True)
        with pytest.raises(ValidationException):
            us.update_table(TableName="orders", ReplicaUpdates=[{"Delete": {"RegionName": EU}}])
        assert clients[EU].list_tables()["TableNames"] == ["orders"]

    def test_delete_table_in_one_region(
        self, cloud: Cloud, us: Any, clients: dict[str, Any]
    ) -> None:
        """DeleteTable in a replica's Region removes that replica; the others go on."""
        add(us, EU)
        add(us, AP)
        clients[EU].delete_table(TableName="orders")
        for region, other in ((US, AP), (AP, US)):
            d = clients[region].describe_table(TableName="orders")["Table"]
            assert [r["RegionName"] for r in d["Replicas"]] == [other]
        key = {"pk": {"S": "x"}, "sk": {"N": "1"}}
        us.put_item(TableName="orders", Item=key)
        assert cloud.engine("dynamodb").replication_metrics("orders") == {
            AP: {"ReplicationLatency": None, "PendingReplicationCount": 1}
        }
        cloud.advance(1)
        assert clients[AP].get_item(TableName="orders", Key=key)["Item"] == key

    def test_stream_cannot_be_disabled(self, us: Any) -> None:
        add(us, EU)
        arn = us.describe_table(TableName="orders")["Table"]["TableArn"]
        for name in ("orders", arn):
            with pytest.raises(ValidationException) as err:
                us.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
            assert "Disabling Stream is not allowed" in message(err)

    def test_shared_settings_reach_the_others(self, us: Any, clients: dict[str, Any]) -> None:
        """A GSI added in one Region is added in every replica."""
        add(us, EU)
        us.update_table(
            TableName="orders",
            AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[
                {
                    "Create": {
                        "IndexName": "by_g",
                        "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"},
                    }
                }
            ],
        )
        d = clients[EU].describe_table(TableName="orders")["Table"]
        assert [g["IndexName"] for g in d["GlobalSecondaryIndexes"]] == ["by_g"]


class TestRegions:
    def test_region_view(self, cloud: Cloud) -> None:
        eu = cloud.in_region(EU)
        assert repr(eu) == "Region('eu-west-1', account_id='123456789012')"
        assert eu.engine("dynamodb") is cloud.engine("dynamodb", EU)
        assert eu.dynamo.meta.client.meta.region_name == EU
        assert type(cloud.region) is str and cloud.region == US

    def test_region_refused(self, cloud: Cloud) -> None:
        with pytest.raises(ValueError):
            cloud.in_region("nowhere")
        with pytest.raises(ValueError):
            cloud.partition(US, US)

    def test_resource_replicas(self, cloud: Cloud) -> None:
        table = cloud.dynamo.Table("orders")
        make_table(cloud.client("dynamodb"), "orders")
        assert [r.region for r in table.replicas] == [US]
        eu = table.add_replica(EU)
        assert [r.region for r in table.replicas] == [US, EU]
        assert table.replica(EU).status == "ACTIVE"
        assert repr(eu) == "Replica('orders', region='eu-west-1', status='ACTIVE')"
        with pytest.raises(ValueError):
            table.replica(AP)
        table.remove_replica(EU)
        assert [r.region for r in table.replicas] == [US]
