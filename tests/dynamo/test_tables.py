"""Control plane: CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, tags, limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import (
    ResourceInUseException,
    ResourceNotFoundException,
    ValidationException,
)

from .conftest import definitions, key_schema, make_table


def _error(ddb: Any, **request: Any) -> tuple[str, str]:
    with pytest.raises(ddb.exceptions.ClientError) as info:
        ddb.create_table(**request)
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


BASE: dict[str, Any] = {
    "TableName": "things",
    "KeySchema": key_schema("pk"),
    "AttributeDefinitions": definitions(pk="S"),
    "BillingMode": "PAY_PER_REQUEST",
}


def gsi(name: str, pk: str, sk: str | None = None, projection: str = "ALL", **extra: Any) -> Any:
    spec: dict[str, Any] = {
        "IndexName": name,
        "KeySchema": key_schema(pk, sk),
        "Projection": {"ProjectionType": projection},
    }
    spec.update(extra)
    return spec


class TestCreateTable:
    def test_creates_an_active_table(self, ddb: Any) -> None:
        """CreateTable answers CREATING, as DynamoDB does; the table is ACTIVE at once."""
        out = make_table(ddb)["TableDescription"]
        assert out["TableStatus"] == "CREATING"
        assert ddb.describe_table(TableName="items")["Table"]["TableStatus"] == "ACTIVE"
        assert out["TableName"] == "items"
        assert out["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/items"
        assert isinstance(out["CreationDateTime"], datetime)
        assert out["ItemCount"] == 0
        assert out["BillingModeSummary"] == {
            "BillingMode": "PAY_PER_REQUEST",
            "LastUpdateToPayPerRequestDateTime": out["CreationDateTime"],
        }
        assert out["KeySchema"] == key_schema("pk", "sk")

    def test_existing_name_is_in_use(self, ddb: Any) -> None:
        """Creating a table twice raises ResourceInUseException."""
        make_table(ddb)
        with pytest.raises(ResourceInUseException, match="Table already exists: items"):
            make_table(ddb)

    @pytest.mark.parametrize(
        ("name", "fragment"),
        [
            ("ab", "Member must have length greater than or equal to 3"),
            ("a" * 256, "Member must have length less than or equal to 255"),
            ("bad name!", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
        ],
    )
    def test_table_name_rules(self, ddb: Any, name: str, fragment: str) -> None:
        """Table names are 3-255 characters of [a-zA-Z0-9_.-]."""
        code, message = _error(ddb, **{**BASE, "TableName": name})
        assert code == "ValidationException"
        assert f"at 'tableName' failed to satisfy constraint: {fragment}" in message

    def test_two_violations_are_reported_together(self, ddb: Any) -> None:
        """Shape violations are collected into one message."""
        _code, message = _error(ddb, **{**BASE, "TableName": "a!", "BillingMode": "FREE"})
        assert message.startswith("3 validation errors detected: ")

    def test_first_key_must_be_hash(self, ddb: Any) -> None:
        """The first KeySchemaElement must be HASH."""
        schema = [{"AttributeName": "pk", "KeyType": "RANGE"}]
        _code, message = _error(ddb, **{**BASE, "KeySchema": schema})
        assert message == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"

    def test_second_key_must_be_range(self, ddb: Any) -> None:
        """The second KeySchemaElement must be RANGE."""
        schema = [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "s", "KeyType": "HASH"},
        ]
        _code, message = _error(
            ddb, **{**BASE, "KeySchema": schema, "AttributeDefinitions": definitions(pk="S", s="S")}
        )
        assert "second KeySchemaElement is not a RANGE" in message

    def test_same_key_name_twice(self, ddb: Any) -> None:
        """Hash and range keys must have different names."""
        _code, message = _error(ddb, **{**BASE, "KeySchema": key_schema("pk", "pk")})
        assert "have the same name" in message

    def test_three_key_elements(self, ddb: Any) -> None:
        """A key schema has at most two elements."""
        schema = [*key_schema("a", "b"), {"AttributeName": "c", "KeyType": "RANGE"}]
        _code, message = _error(ddb, **{**BASE, "KeySchema": schema})
        assert "Member must have length less than or equal to 2" in message

    def test_key_attribute_without_definition(self, ddb: Any) -> None:
        """Every key attribute needs a definition."""
        _code, message = _error(ddb, **{**BASE, "KeySchema": key_schema("pk", "sk")})
        assert message == "Invalid KeySchema: Some index key attribute have no definition"

    def test_unused_definition(self, ddb: Any) -> None:
        """Definitions of non-key attributes are refused."""
        _code, message = _error(ddb, **{**BASE, "AttributeDefinitions": definitions(pk="S", x="S")})
        assert "Number of attributes in KeySchema does not exactly match" in message

    def test_unused_definition_with_indexes(self, ddb: Any) -> None:
        """With indexes, the message lists the definitions and the keys used."""
        _code, message = _error(
            ddb,
            **{
                **BASE,
                "AttributeDefinitions": definitions(pk="S", g="S", x="N"),
                "GlobalSecondaryIndexes": [gsi("byg", "g")],
            },
        )
        assert message.endswith("AttributeDefinitions: [pk, g, x], keys used: [pk, g]")

    def test_bad_attribute_type(self, ddb: Any) -> None:
        """Key attribute types are S, N or B."""
        _code, message = _error(ddb, **{**BASE, "AttributeDefinitions": definitions(pk="BOOL")})
        assert "Member must satisfy enum value set: [B, N, S]" in message

    def test_provisioned_needs_throughput(self, ddb: Any) -> None:
        """PROVISIONED (the default) needs ProvisionedThroughput."""
        _code, message = _error(ddb, **{**BASE, "BillingMode": "PROVISIONED"})
        assert "must both be specified when BillingMode is PROVISIONED" in message
        request = {k: v for k, v in BASE.items() if k != "BillingMode"}
        assert "PROVISIONED" in _error(ddb, **request)[1]

    def test_on_demand_refuses_throughput(self, ddb: Any) -> None:
        """PAY_PER_REQUEST refuses ProvisionedThroughput."""
        tp = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        _code, message = _error(ddb, **{**BASE, "ProvisionedThroughput": tp})
        assert "can be specified when BillingMode is PAY_PER_REQUEST" in message

    def test_throughput_at_least_one(self, ddb: Any, cloud: Cloud) -> None:
        """Capacity units are at least 1 (boto3 refuses 0 before sending; so does DynamoDB)."""
        from botocore.exceptions import ParamValidationError

        tp = {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}
        request = {**BASE, "BillingMode": "PROVISIONED", "ProvisionedThroughput": tp}
        with pytest.raises(ParamValidationError):
            ddb.create_table(**request)
        with pytest.raises(ValidationException) as info:
            cloud.engine("dynamodb").create_table(request)
        assert "at 'provisionedThroughput.readCapacityUnits'" in info.value.message

    def test_provisioned_table_described(self, ddb: Any) -> None:
        """A provisioned table reports its throughput and no billing summary."""
        tp = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 7}
        out = ddb.create_table(
            **{**BASE, "BillingMode": "PROVISIONED", "ProvisionedThroughput": tp}
        )["TableDescription"]
        assert out["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
        assert out["ProvisionedThroughput"]["WriteCapacityUnits"] == 7
        assert "BillingModeSummary" not in out

    def test_gsi_throughput_rules(self, ddb: Any) -> None:
        """GSIs follow the table's billing mode for throughput."""
        tp = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", g="S")}
        msg1 = _error(
            ddb, **request, GlobalSecondaryIndexes=[gsi("byg", "g", ProvisionedThroughput=tp)]
        )[1]
        assert "should not be specified for index: byg" in msg1
        prov = {**request, "BillingMode": "PROVISIONED", "ProvisionedThroughput": tp}
        msg2 = _error(ddb, **prov, GlobalSecondaryIndexes=[gsi("byg", "g")])[1]
        assert "ProvisionedThroughput is not specified for index: byg" in msg2

    def test_too_many_gsis(self, ddb: Any) -> None:
        """At most 20 GSIs."""
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", g="S")}
        indexes = [gsi(f"idx{n:02d}", "g") for n in range(21)]
        message = _error(ddb, **request, GlobalSecondaryIndexes=indexes)[1]
        assert "GlobalSecondaryIndex count exceeds the per-table limit of 20" in message

    def test_too_many_lsis(self, ddb: Any) -> None:
        """At most 5 LSIs."""
        request = {
            **BASE,
            "KeySchema": key_schema("pk", "sk"),
            "AttributeDefinitions": definitions(pk="S", sk="S", l="S"),
        }
        indexes = [gsi(f"lsi{n}", "pk", "l") for n in range(6)]
        assert "per-table limit of 5" in _error(ddb, **request, LocalSecondaryIndexes=indexes)[1]

    def test_lsi_needs_table_range_key(self, ddb: Any) -> None:
        """An LSI needs a table with a sort key."""
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", l="S")}
        message = _error(ddb, **request, LocalSecondaryIndexes=[gsi("lsi", "pk", "l")])[1]
        assert "Table KeySchema does not have a range key" in message

    def test_lsi_needs_same_hash_key(self, ddb: Any) -> None:
        """An LSI's partition key is the table's."""
        request = {
            **BASE,
            "KeySchema": key_schema("pk", "sk"),
            "AttributeDefinitions": definitions(pk="S", sk="S", l="S"),
        }
        message = _error(ddb, **request, LocalSecondaryIndexes=[gsi("lsi", "l", "sk")])[1]
        assert "does not have the same leading hash key" in message

    def test_duplicate_index_names(self, ddb: Any) -> None:
        """Index names are unique across GSIs and LSIs."""
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", g="S")}
        message = _error(ddb, **request, GlobalSecondaryIndexes=[gsi("byg", "g"), gsi("byg", "g")])[
            1
        ]
        assert "Duplicate index name: byg" in message

    def test_include_projection_needs_names(self, ddb: Any) -> None:
        """INCLUDE needs NonKeyAttributes; other projections refuse them."""
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", g="S")}
        message = _error(
            ddb, **request, GlobalSecondaryIndexes=[gsi("byg", "g", projection="INCLUDE")]
        )[1]
        assert "ProjectionType is INCLUDE, but NonKeyAttributes is not specified" in message
        spec = gsi("byg", "g")
        spec["Projection"]["NonKeyAttributes"] = ["x"]
        message = _error(ddb, **request, GlobalSecondaryIndexes=[spec])[1]
        assert "ProjectionType is ALL, but NonKeyAttributes is specified" in message

    def test_projected_attribute_limit(self, ddb: Any) -> None:
        """At most 100 INCLUDE attributes over all indexes."""
        request = {**BASE, "AttributeDefinitions": definitions(pk="S", g="S")}
        specs = []
        for n in range(6):
            spec = gsi(f"idx{n}", "g", projection="INCLUDE")
            spec["Projection"]["NonKeyAttributes"] = [f"a{n}_{i}" for i in range(20)]
            specs.append(spec)
        message = _error(ddb, **request, GlobalSecondaryIndexes=specs)[1]
        assert "exceeds limit of 100" in message

    def test_stream_specification_stored(self, ddb: Any) -> None:
        """An enabled stream gets a label and an ARN."""
        spec = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
        out = ddb.create_table(**BASE, StreamSpecification=spec)["TableDescription"]
        assert out["StreamSpecification"] == spec
        assert out["LatestStreamArn"] == out["TableArn"] + "/stream/" + out["LatestStreamLabel"]
        label = out["CreationDateTime"].strftime("%Y-%m-%dT%H:%M:%S.000")
        assert out["LatestStreamLabel"] == label

    def test_stream_needs_view_type(self, ddb: Any) -> None:
        """An enabled stream needs a view type."""
        message = _error(ddb, **BASE, StreamSpecification={"StreamEnabled": True})[1]
        assert message == (
            "One or more parameter values were invalid: "
            "Table is being created with a stream enabled, UpdateViewType is required"
        )

    def test_table_class_and_protection(self, ddb: Any) -> None:
        """TableClass and DeletionProtectionEnabled are stored and described."""
        out = ddb.create_table(
            **BASE, TableClass="STANDARD_INFREQUENT_ACCESS", DeletionProtectionEnabled=True
        )["TableDescription"]
        assert out["TableClassSummary"] == {"TableClass": "STANDARD_INFREQUENT_ACCESS"}
        assert out["DeletionProtectionEnabled"] is True

    def test_rejected_request_creates_nothing(self, ddb: Any) -> None:
        """A refused CreateTable leaves no table behind."""
        _error(ddb, **{**BASE, "AttributeDefinitions": definitions(pk="S", x="S")})
        assert ddb.list_tables()["TableNames"] == []

    def test_table_limit(self) -> None:
        """The number of tables is a quota."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_tables": 1}}).client("dynamodb")
        make_table(ddb, "first")
        with pytest.raises(ddb.exceptions.LimitExceededException):
            make_table(ddb, "second")


class TestDescribeTable:
    def test_counts_items_and_bytes(self, ddb: Any, table: str) -> None:
        """ItemCount and TableSizeBytes follow the items (live, not every 6 hours)."""
        ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
        out = ddb.describe_table(TableName=table)["Table"]
        assert out["ItemCount"] == 1
        assert out["TableSizeBytes"] == len("pk") + 1 + len("sk") + 2

    def test_missing_table(self, ddb: Any) -> None:
        """Describing a missing table raises ResourceNotFoundException."""
        with pytest.raises(ResourceNotFoundException) as info:
            ddb.describe_table(TableName="nope")
        assert info.value.response["Error"]["Message"] == (
            "Requested resource not found: Table: nope not found"
        )

    def test_by_arn(self, ddb: Any, table: str) -> None:
        """A table can be named by its ARN."""
        arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
        assert ddb.describe_table(TableName=arn)["Table"]["TableName"] == table

    def test_index_descriptions(self, ddb: Any) -> None:
        """GSIs and LSIs are described with their counts and ARNs."""
        make_table(
            ddb,
            more_types={"g": "S", "l": "N"},
            GlobalSecondaryIndexes=[gsi("byg", "g", projection="KEYS_ONLY")],
            LocalSecondaryIndexes=[gsi("byl", "pk", "l")],
        )
        ddb.put_item(TableName="items", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "g": {"S": "x"}})
        out = ddb.describe_table(TableName="items")["Table"]
        (g,) = out["GlobalSecondaryIndexes"]
        (lsi,) = out["LocalSecondaryIndexes"]
        assert g["IndexStatus"] == "ACTIVE"
        assert g["ItemCount"] == 1
        assert lsi["ItemCount"] == 0  # sparse: the item has no "l"
        assert g["IndexArn"].endswith("table/items/index/byg")
        assert "IndexStatus" not in lsi


class TestWaiters:
    def test_table_exists(self, ddb: Any, table: str) -> None:
        """boto3's table_exists waiter returns at once; for a missing table it gives up."""
        from botocore.exceptions import WaiterError

        waiter = ddb.get_waiter("table_exists")
        config = {"Delay": 0, "MaxAttempts": 1}
        assert waiter.wait(TableName=table, WaiterConfig=config) is None
        with pytest.raises(WaiterError):
            waiter.wait(TableName="missing", WaiterConfig=config)

    def test_table_not_exists(self, ddb: Any, table: str) -> None:
        """table_not_exists returns at once after DeleteTable; fails while the table is there."""
        from botocore.exceptions import WaiterError

        with pytest.raises(WaiterError):
            ddb.get_waiter("table_not_exists").wait(
                TableName=table, WaiterConfig={"Delay": 0, "MaxAttempts": 1}
            )
        ddb.delete_table(TableName=table)
        ddb.get_waiter("table_not_exists").wait(
            TableName=table, WaiterConfig={"Delay": 0, "MaxAttempts": 1}
        )


class TestListTables:
    def test_sorted_and_paginated(self, ddb: Any) -> None:
        """Names come sorted, Limit per page, LastEvaluatedTableName to resume."""
        for name in ("ccc", "aaa", "bbb"):
            make_table(ddb, name)
        page = ddb.list_tables(Limit=2)
        assert page["TableNames"] == ["aaa", "bbb"]
        assert page["LastEvaluatedTableName"] == "bbb"
        rest = ddb.list_tables(ExclusiveStartTableName="bbb")
        assert rest["TableNames"] == ["ccc"]
        assert "LastEvaluatedTableName" not in rest

    def test_paginator(self, ddb: Any) -> None:
        """boto3's ListTables paginator walks every page."""
        for n in range(5):
            make_table(ddb, f"tbl{n}")
        pages = ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2})
        assert [n for p in pages for n in p["TableNames"]] == [f"tbl{n}" for n in range(5)]

    def test_limit_range(self, ddb: Any, cloud: Cloud) -> None:
        """Limit is 1-100."""
        with pytest.raises(ddb.exceptions.ValidationException, match="less than or equal to 100"):
            ddb.list_tables(Limit=101)
        with pytest.raises(ValidationException, match="greater than or equal to 1"):
            cloud.engine("dynamodb").list_tables({"Limit": 0})


class TestDeleteTable:
    def test_deletes(self, ddb: Any, table: str) -> None:
        """DeleteTable returns the description, DELETING, and the table is gone."""
        out = ddb.delete_table(TableName=table)["TableDescription"]
        assert out["TableStatus"] == "DELETING"
        assert ddb.list_tables()["TableNames"] == []
        with pytest.raises(ResourceNotFoundException):
            ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})

    def test_deletion_protection(self, ddb: Any) -> None:
        """A protected table cannot be deleted until protection is turned off."""
        ddb.create_table(**BASE, DeletionProtectionEnabled=True)
        with pytest.raises(ddb.exceptions.ValidationException, match="protected against deletion"):
            ddb.delete_table(TableName="things")
        ddb.update_table(TableName="things", DeletionProtectionEnabled=False)
        ddb.delete_table(TableName="things")
        assert ddb.list_tables()["TableNames"] == []

    def test_missing(self, ddb: Any) -> None:
        """Deleting a missing table raises ResourceNotFoundException."""
        with pytest.raises(ResourceNotFoundException):
            ddb.delete_table(TableName="nope")


class TestUpdateTable:
    def test_throughput_and_billing(self, ddb: Any) -> None:
        """Throughput changes; switching to on-demand records the time."""
        tp = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        ddb.create_table(**{**BASE, "BillingMode": "PROVISIONED", "ProvisionedThroughput": tp})
        out = ddb.update_table(
            TableName="things",
            ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
        )["TableDescription"]
        assert out["TableStatus"] == "UPDATING"
        assert out["ProvisionedThroughput"]["ReadCapacityUnits"] == 1  # the old throughput
        now = ddb.describe_table(TableName="things")["Table"]
        assert now["TableStatus"] == "ACTIVE"
        assert now["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
        out = ddb.update_table(TableName="things", BillingMode="PAY_PER_REQUEST")[
            "TableDescription"
        ]
        assert out["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        assert "LastUpdateToPayPerRequestDateTime" in out["BillingModeSummary"]

    def test_same_throughput_refused(self, ddb: Any) -> None:
        """Asking for the current throughput is refused."""
        tp = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        ddb.create_table(**{**BASE, "BillingMode": "PROVISIONED", "ProvisionedThroughput": tp})
        with pytest.raises(ddb.exceptions.ValidationException, match="will not change"):
            ddb.update_table(TableName="things", ProvisionedThroughput=tp)

    def test_create_gsi_backfills(self, ddb: Any, table: str) -> None:
        """A GSI created later indexes the existing items at once."""
        for n in range(3):
            ddb.put_item(
                TableName=table,
                Item={"pk": {"S": "a"}, "sk": {"N": str(n)}, "g": {"S": "x" if n else "y"}},
            )
        ddb.update_table(
            TableName=table,
            AttributeDefinitions=definitions(g="S"),
            GlobalSecondaryIndexUpdates=[{"Create": gsi("byg", "g")}],
        )
        out = ddb.query(
            TableName=table,
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "x"}},
        )
        assert out["Count"] == 2

    def test_delete_gsi(self, ddb: Any) -> None:
        """A deleted GSI can no longer be queried."""
        make_table(ddb, more_types={"g": "S"}, GlobalSecondaryIndexes=[gsi("byg", "g")])
        ddb.update_table(
            TableName="items", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byg"}}]
        )
        described = ddb.describe_table(TableName="items")["Table"]
        assert "GlobalSecondaryIndexes" not in described
        assert [d["AttributeName"] for d in described["AttributeDefinitions"]] == ["pk", "sk"]
        with pytest.raises(ResourceNotFoundException):
            ddb.update_table(
                TableName="items", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byg"}}]
            )

    def test_to_provisioned_needs_gsi_throughput(self, ddb: Any) -> None:
        """Switching to PROVISIONED needs throughput for every GSI."""
        make_table(ddb, more_types={"g": "S"}, GlobalSecondaryIndexes=[gsi("byg", "g")])
        tp = {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}
        with pytest.raises(ValidationException, match="must be specified for index: byg"):
            ddb.update_table(TableName="items", BillingMode="PROVISIONED", ProvisionedThroughput=tp)
        out = ddb.update_table(
            TableName="items",
            BillingMode="PROVISIONED",
            ProvisionedThroughput=tp,
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "byg", "ProvisionedThroughput": tp}}
            ],
        )["TableDescription"]
        assert out["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2
        out = ddb.describe_table(TableName="items")["Table"]
        assert out["ProvisionedThroughput"]["WriteCapacityUnits"] == 2

    def test_nothing_to_update(self, ddb: Any, table: str) -> None:
        """An UpdateTable that changes nothing is refused."""
        with pytest.raises(ddb.exceptions.ValidationException, match="At least one of"):
            ddb.update_table(TableName=table)

    def test_enable_stream(self, ddb: Any, table: str) -> None:
        """A stream can be turned on later, once."""
        spec = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
        out = ddb.update_table(TableName=table, StreamSpecification=spec)["TableDescription"]
        assert out["StreamSpecification"] == spec
        with pytest.raises(
            ddb.exceptions.ValidationException, match="already has an enabled stream"
        ):
            ddb.update_table(TableName=table, StreamSpecification=spec)


class TestTags:
    def test_tag_list_untag(self, ddb: Any) -> None:
        """Tags given at creation and added later are listed; untag removes them."""
        arn = ddb.create_table(**BASE, Tags=[{"Key": "team", "Value": "a"}])["TableDescription"][
            "TableArn"
        ]
        ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
        tags = ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]
        assert {t["Key"]: t["Value"] for t in tags} == {"team": "a", "env": "test"}
        ddb.untag_resource(ResourceArn=arn, TagKeys=["team"])
        assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "env", "Value": "test"}
        ]

    def test_unknown_arn(self, ddb: Any) -> None:
        """Tagging an ARN that names no table raises ResourceNotFoundException."""
        arn = "arn:aws:dynamodb:us-east-1:123456789012:table/nope"
        with pytest.raises(ResourceNotFoundException) as err:
            ddb.list_tags_of_resource(ResourceArn=arn)
        # "ResourcArn" is DynamoDB's own spelling.
        assert err.value.response["Error"]["Message"] == (
            f"Requested resource not found: ResourcArn: {arn} not found"
        )

    @pytest.mark.parametrize(
        ("call", "action"),
        [
            ({"op": "list_tags_of_resource"}, "ListTagsOfResource"),
            ({"op": "tag_resource", "Tags": [{"Key": "k", "Value": "v"}]}, "TagResource"),
            ({"op": "untag_resource", "TagKeys": ["k"]}, "UntagResource"),
        ],
    )
    @pytest.mark.parametrize("arn", ["a:b:c:d:e/f", "nothing", "a:b:c:d:e:f"])
    def test_not_an_arn_is_access_denied(
        self, ddb: Any, call: dict[str, Any], action: str, arn: str
    ) -> None:
        """A ResourceArn that is not ARN-shaped is refused as IAM refuses it."""
        args = dict(call)
        op = args.pop("op")
        with pytest.raises(ddb.exceptions.ClientError) as err:
            getattr(ddb, op)(ResourceArn=arn, **args)
        error = err.value.response["Error"]
        assert error["Code"] == "AccessDeniedException"
        assert error["Message"] == (
            f"User: arn:aws:iam::123456789012:root is not authorized to perform: "
            f"dynamodb:{action} on resource: {arn}"
        )

    @pytest.mark.parametrize(
        "arn",
        [
            "a:b:c:d:e:f/g",
            "arn:aws:dynamodb:us-east-1:123456789012:table/ab",
            "arn:aws:dynamodb:us-east-1:123456789012:stream/abc",
        ],
    )
    def test_not_a_table_arn_is_invalid(self, ddb: Any, arn: str) -> None:
        """An ARN that names no table (another type, a short name) is an invalid TableArn."""
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            ddb.list_tags_of_resource(ResourceArn=arn)
        assert err.value.response["Error"]["Message"] == (
            f"Invalid TableArn: Invalid ResourceArn provided as input {arn}"
        )

    def test_an_index_arn_is_invalid(self, ddb: Any) -> None:
        """An index's ARN cannot be tagged: it is not a table ARN."""
        make_table(
            ddb,
            more_types={"g": "S"},
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "byg",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        arn = ddb.describe_table(TableName="items")["Table"]["GlobalSecondaryIndexes"][0][
            "IndexArn"
        ]
        with pytest.raises(ddb.exceptions.ValidationException) as err:
            ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
        assert "Invalid TableArn" in err.value.response["Error"]["Message"]


class TestDescribeLimits:
    def test_defaults(self, ddb: Any) -> None:
        """DescribeLimits reports the account and table quotas."""
        out = ddb.describe_limits()
        assert out["TableMaxReadCapacityUnits"] == 40_000
        assert out["AccountMaxWriteCapacityUnits"] == 80_000


class TestOperations:
    def test_every_registered_operation_is_in_botocore(self, ddb: Any) -> None:
        """Every client operation is a real DynamoDB operation."""
        names = set(ddb.meta.service_model.operation_names)
        assert set(type(ddb).operations) <= names
        assert {"PutItem", "Query", "TransactWriteItems", "UpdateTable"} <= set(
            type(ddb).operations
        )
