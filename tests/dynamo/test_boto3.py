"""Real boto3 clients and resources, through the in-process bridge: botocore's own
serialiser and parser run on every call, so the shapes are proven end to end."""

from __future__ import annotations

from decimal import Decimal
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


class TestThroughBoto3:
    def test_waiter_and_errors(self, real: Any) -> None:
        """Waiters return at once; error members survive the wire."""
        real.get_waiter("table_exists").wait(TableName="real")
        real.put_item(TableName="real", Item={"pk": {"S": "a"}, "n": {"N": "1"}})
        with pytest.raises(real.exceptions.ConditionalCheckFailedException) as ccf:
            real.put_item(
                TableName="real",
                Item={"pk": {"S": "a"}},
                ConditionExpression="attribute_not_exists(pk)",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        assert ccf.value.response["Item"] == {"pk": {"S": "a"}, "n": {"N": "1"}}
        with pytest.raises(real.exceptions.TransactionCanceledException) as tce:
            real.transact_write_items(
                TransactItems=[
                    {
                        "ConditionCheck": {
                            "TableName": "real",
                            "Key": {"pk": {"S": "a"}},
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    {"Put": {"TableName": "real", "Item": {"pk": {"S": "b"}}}},
                ]
            )
        reasons = tce.value.response["CancellationReasons"]
        assert [r["Code"] for r in reasons] == ["ConditionalCheckFailed", "None"]

    def test_resource_and_batch_writer(self, real: Any) -> None:
        """boto3's resource, conditions and batch writer run unchanged."""
        from boto3.dynamodb.conditions import Attr

        table = boto3.resource("dynamodb", region_name="us-east-1").Table("real")
        with table.batch_writer() as batch:
            for n in range(30):
                batch.put_item(Item={"pk": f"k{n}", "v": n})
        assert table.item_count == 30
        items = table.scan(FilterExpression=Attr("v").gte(28))["Items"]
        assert sorted(i["v"] for i in items) == [Decimal(28), Decimal(29)]
        pages = real.get_paginator("scan").paginate(
            TableName="real", PaginationConfig={"PageSize": 7}
        )
        assert sum(p["Count"] for p in pages) == 30
