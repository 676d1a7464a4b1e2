"""The resource layer: boto3's ``dynamodb`` resource with native values and condition objects."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from boto3.dynamodb.conditions import Attr as BotoAttr
from boto3.dynamodb.conditions import Key as BotoKey

from pyserverless import Cloud
from pyserverless.dynamo import Binary, ConditionalCheckFailedException, ValidationException
from pyserverless.dynamo.conditions import Attr, Key


@pytest.fixture
def users(resource: Any) -> Any:
    return resource.create_table(
        TableName="users",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


class TestTable:
    def test_native_round_trip(self, users: Any) -> None:
        """Items go in and come out as boto3's resource values."""
        item = {
            "pk": "a",
            "sk": 1,
            "n": Decimal("1.5"),
            "b": b"\x00",
            "s": {"x"},
            "l": [1, "two", None, True],
            "m": {"k": {"n": 2}},
        }
        users.put_item(Item=item)
        got = users.get_item(Key={"pk": "a", "sk": 1})["Item"]
        assert got["sk"] == Decimal(1)
        assert got["b"] == Binary(b"\x00")
        assert got["l"] == [Decimal(1), "two", None, True]
        assert got["m"] == {"k": {"n": Decimal(2)}}
        assert got["s"] == {"x"}

    def test_caller_dict_not_kept(self, users: Any) -> None:
        """Changing the dict after put_item does not change the stored item."""
        item: dict[str, Any] = {"pk": "a", "sk": 1, "l": [1]}
        users.put_item(Item=item)
        item["l"].append(2)
        got = users.get_item(Key={"pk": "a", "sk": 1})["Item"]
        assert got["l"] == [1]
        got["l"].append(3)
        assert users.get_item(Key={"pk": "a", "sk": 1})["Item"]["l"] == [1]

    def test_float_refused_like_boto3(self, users: Any) -> None:
        """Floats are refused as boto3 refuses them."""
        with pytest.raises(TypeError, match="Float types are not supported"):
            users.put_item(Item={"pk": "a", "sk": 1, "f": 1.5})

    @pytest.mark.parametrize("cond", [BotoKey, Key], ids=["boto3", "pyserverless"])
    def test_query_with_condition_objects(self, users: Any, cond: Any) -> None:
        """KeyConditionExpression and FilterExpression take condition objects."""
        attr = BotoAttr if cond is BotoKey else Attr
        for n in range(10):
            users.put_item(Item={"pk": "a", "sk": n, "odd": n % 2 == 1})
        out = users.query(
            KeyConditionExpression=cond("pk").eq("a") & cond("sk").between(2, 6),
            FilterExpression=attr("odd").eq(True),
        )
        assert [i["sk"] for i in out["Items"]] == [3, 5]
        assert out["ScannedCount"] == 5

    def test_condition_object_with_user_placeholders(self, users: Any) -> None:
        """Condition objects combine with the caller's own placeholders."""
        users.put_item(Item={"pk": "a", "sk": 1, "v": 1})
        out = users.update_item(
            Key={"pk": "a", "sk": 1},
            UpdateExpression="SET #v = #v + :inc",
            ConditionExpression=Attr("v").lt(5),
            ExpressionAttributeNames={"#v": "v"},
            ExpressionAttributeValues={":inc": 2},
            ReturnValues="UPDATED_NEW",
        )
        assert out["Attributes"] == {"v": Decimal(3)}
        with pytest.raises(ConditionalCheckFailedException):
            users.delete_item(Key={"pk": "a", "sk": 1}, ConditionExpression=Attr("v").eq(0))

    def test_scan_with_filter(self, users: Any) -> None:
        """scan() takes FilterExpression objects and pages by LastEvaluatedKey."""
        for n in range(5):
            users.put_item(Item={"pk": f"p{n}", "sk": n})
        out = users.scan(FilterExpression=Attr("sk").gte(3))
        assert sorted(i["sk"] for i in out["Items"]) == [3, 4]
        page = users.scan(Limit=2)
        assert set(page["LastEvaluatedKey"]) == {"pk", "sk"}

    def test_errors_are_client_errors(self, users: Any) -> None:
        """Errors carry the AWS code as boto3's ClientError does."""
        from botocore.exceptions import ClientError

        with pytest.raises(ClientError) as info:
            users.put_item(Item={"pk": "a"})
        assert info.value.response["Error"]["Code"] == "ValidationException"
        assert isinstance(info.value, ValidationException)

    def test_errors_name_the_operation(self, resource: Any) -> None:
        """Errors say which operation failed, as boto3's do."""
        with pytest.raises(resource.meta.client.exceptions.ResourceNotFoundException) as info:
            resource.Table("nope").put_item(Item={"pk": "a"})
        assert info.value.operation_name == "PutItem"
        assert "when calling the PutItem operation" in str(info.value)

    def test_lazy_attributes(self, users: Any, resource: Any) -> None:
        """Table attributes load from DescribeTable, as boto3's do."""
        table = resource.Table("users")
        assert table.table_status == "ACTIVE"
        assert table.key_schema[0] == {"AttributeName": "pk", "KeyType": "HASH"}
        assert table.table_name == "users"
        with pytest.raises(AttributeError):
            _ = table.no_such_attribute

    def test_repr_and_describe(self, users: Any) -> None:
        """A table shows its keys and item count; describe() is a frozen snapshot."""
        users.put_item(Item={"pk": "a", "sk": 1})
        assert repr(users) == "Table('users', pk='pk', sk='sk', items=1)"
        snap = users.describe()
        assert snap.item_count == 1
        assert snap.partition_key == "pk"
        with pytest.raises(AttributeError):
            snap.item_count = 3  # type: ignore[misc]

    def test_delete_and_wait(self, users: Any, resource: Any) -> None:
        """delete() removes the table; waiters return at once."""
        users.wait_until_exists()
        users.delete()
        users.wait_until_not_exists()
        assert repr(resource.Table("users")) == "Table('users', missing)"


class TestBatchWriter:
    def test_buffers_and_flushes(self, users: Any, cloud: Cloud) -> None:
        """batch_writer() writes everything by the end of the with block."""
        with users.batch_writer() as batch:
            for n in range(60):
                batch.put_item(Item={"pk": "a", "sk": n})
            batch.delete_item(Key={"pk": "a", "sk": 0})
        out = users.query(KeyConditionExpression=Key("pk").eq("a"), Select="COUNT")
        assert out["Count"] == 59
        cloud.engine("dynamodb")._check()

    def test_overwrite_by_pkeys(self, users: Any) -> None:
        """overwrite_by_pkeys keeps only the last request per key in the buffer."""
        with users.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            batch.put_item(Item={"pk": "a", "sk": 1, "v": 1})
            batch.put_item(Item={"pk": "a", "sk": 1, "v": 2})
        assert users.get_item(Key={"pk": "a", "sk": 1})["Item"]["v"] == 2

    def test_duplicates_without_overwrite(self, users: Any) -> None:
        """Without overwrite_by_pkeys duplicate keys fail, as in boto3."""
        batch = users.batch_writer()
        batch.put_item(Item={"pk": "a", "sk": 1})
        batch.put_item(Item={"pk": "a", "sk": 1})
        with pytest.raises(ValidationException, match="duplicates"):
            batch.__exit__(None, None, None)


class TestServiceResource:
    def test_tables_collection(self, resource: Any, users: Any) -> None:
        """resource.tables.all() lists the tables."""
        assert [t.name for t in resource.tables.all()] == ["users"]

    def test_batch_get_and_write(self, resource: Any, users: Any) -> None:
        """The service resource's batch calls take native values."""
        resource.batch_write_item(
            RequestItems={"users": [{"PutRequest": {"Item": {"pk": "a", "sk": 1, "v": b"x"}}}]}
        )
        out = resource.batch_get_item(RequestItems={"users": {"Keys": [{"pk": "a", "sk": 1}]}})
        assert out["Responses"]["users"] == [{"pk": "a", "sk": Decimal(1), "v": Binary(b"x")}]

    def test_client_and_resource_share_the_engine(self, cloud: Cloud, users: Any) -> None:
        """A client sees what the resource wrote."""
        users.put_item(Item={"pk": "a", "sk": 1})
        out = cloud.client("dynamodb").get_item(
            TableName="users", Key={"pk": {"S": "a"}, "sk": {"N": "1"}}
        )
        assert out["Item"] == {"pk": {"S": "a"}, "sk": {"N": "1"}}


class TestParameterChecks:
    """Keyword arguments are checked as boto3 checks them before sending."""

    def test_misspelt_keyword_is_refused(self, users: Any) -> None:
        """get_item(ConsistantRead=True) is botocore's ParamValidationError, not a 200."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError) as info:
            users.get_item(Key={"pk": "a", "sk": 1}, ConsistantRead=True)
        assert 'Unknown parameter in input: "ConsistantRead", must be one of: TableName, Key' in (
            str(info.value)
        )

    @pytest.mark.parametrize(
        ("method", "kwargs"),
        [
            ("put_item", {"Item": {"pk": "a", "sk": 1}, "ConditionExpresion": "x"}),
            ("update_item", {"Key": {"pk": "a", "sk": 1}, "UpdateExpresion": "SET v = :v"}),
            ("delete_item", {"Key": {"pk": "a", "sk": 1}, "ReturnValue": "ALL_OLD"}),
            ("query", {"KeyConditionExpression": Key("pk").eq("a"), "Limt": 1}),
            ("scan", {"Segmnt": 0}),
            ("update", {"BillingMod": "PROVISIONED"}),
        ],
    )
    def test_every_table_method_checks(self, users: Any, method: str, kwargs: Any) -> None:
        """Each Table method refuses an unknown keyword, and nothing is written."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError, match="Unknown parameter in input"):
            getattr(users, method)(**kwargs)
        assert users.describe().item_count == 0

    def test_wrong_types_are_refused(self, users: Any) -> None:
        """A value of the wrong type is refused, on the fast paths too."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError, match="Invalid type for parameter ConsistentRead"):
            users.get_item(Key={"pk": "a", "sk": 1}, ConsistentRead="yes")
        with pytest.raises(ParamValidationError, match="Invalid type for parameter Item"):
            users.put_item(Item=[("pk", "a")])
        with pytest.raises(ParamValidationError, match="Invalid type for parameter Key"):
            users.get_item(Key="a")

    def test_service_resource_methods_check(self, resource: Any, users: Any) -> None:
        """create_table and the batch calls refuse unknown keywords too."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError, match="TableNam"):
            resource.create_table(TableNam="x")
        with pytest.raises(ParamValidationError, match="RequestItem"):
            resource.batch_get_item(RequestItem={})
        with pytest.raises(ParamValidationError, match="RequestItem"):
            resource.batch_write_item(RequestItem={})
        assert [t.name for t in resource.tables()] == ["users"]

    def test_valid_calls_pass(self, users: Any) -> None:
        """Condition objects and native values are what the checks expect."""
        users.put_item(
            Item={"pk": "a", "sk": 1, "v": {1, 2}}, ConditionExpression=Attr("pk").not_exists()
        )
        out = users.query(KeyConditionExpression=Key("pk").eq("a"), ConsistentRead=True)
        assert out["Count"] == 1


class TestConvention:
    """The names every resource layer shares: table(name), tables(), describe()."""

    def test_cloud_dynamo_is_the_resource(self, cloud: Cloud) -> None:
        """cloud.dynamo is the region's resource, one per Cloud."""
        from pyserverless.dynamo import DynamoDBResource

        assert isinstance(cloud.dynamo, DynamoDBResource)
        assert cloud.dynamo is cloud.dynamo

    def test_table_fails_fast(self, resource: Any, users: Any) -> None:
        """table(name) loads the table; a missing one is ResourceNotFoundException."""
        from pyserverless.dynamo import ResourceNotFoundException

        assert resource.table("users").table_status == "ACTIVE"
        with pytest.raises(ResourceNotFoundException) as info:
            resource.table("nope")
        assert info.value.operation_name == "DescribeTable"

    def test_tables_lists_every_page(self, cloud: Cloud) -> None:
        """tables() and tables.all() list every table, past ListTables' page of 100."""
        client = cloud.client("dynamodb")
        names = [f"t{n:03d}" for n in range(105)]
        for name in names:
            client.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        assert [t.name for t in cloud.dynamo.tables()] == names
        assert [t.name for t in cloud.dynamo.tables.page_size(7).all()] == names
        assert [t.name for t in cloud.dynamo.tables.limit(3)] == names[:3]

    def test_describe_snapshot(self, cloud: Cloud, users: Any) -> None:
        """describe() reports keys, counts, indexes and tags, frozen."""
        arn = users.table_arn
        cloud.client("dynamodb").tag_resource(
            ResourceArn=arn, Tags=[{"Key": "team", "Value": "math"}]
        )
        users.put_item(Item={"pk": "a", "sk": 1})
        snap = users.describe()
        assert (snap.name, snap.partition_key, snap.sort_key) == ("users", "pk", "sk")
        assert (snap.item_count, snap.billing_mode, snap.arn) == (1, "PAY_PER_REQUEST", arn)
        assert snap.tags == (("team", "math"),)
        assert snap.global_indexes == () and snap.local_indexes == ()
        assert not snap.stream_enabled and not snap.deletion_protection
