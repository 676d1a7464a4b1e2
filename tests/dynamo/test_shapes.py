"""Every response validates against botocore's output shape for its operation."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import definitions, key_schema

validate = pytest.importorskip("botocore.validate")


def _problems(ddb: Any, operation: str, response: dict[str, Any]) -> list[str]:
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    shape = ddb.meta.service_model.operation_model(operation).output_shape
    report = validate.ParamValidator().validate(body, shape).generate_report()
    # The model types NumberOfDecreasesToday as PositiveLong (min 1), yet DynamoDB
    # returns 0 for a table that has not been scaled down today.
    return [
        line
        for line in report.splitlines()
        if line and "NumberOfDecreasesToday, value: 0" not in line
    ]


def _key(pk: str, sk: int = 1) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}}


class TestResponseShapes:
    def test_every_operation(self, ddb: Any) -> None:
        """Responses use only members of botocore's output shapes, with their types."""
        index = {"Projection": {"ProjectionType": "ALL"}}
        calls: list[tuple[str, Any]] = []

        def call(operation: str, method: str, **params: Any) -> Any:
            response = getattr(ddb, method)(**params)
            calls.append((operation, response))
            return response

        out = call(
            "CreateTable",
            "create_table",
            TableName="shapes",
            KeySchema=key_schema("pk", "sk"),
            AttributeDefinitions=definitions(pk="S", sk="N", g="S"),
            BillingMode="PAY_PER_REQUEST",
            GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": key_schema("g"), **index}],
            LocalSecondaryIndexes=[
                {"IndexName": "byl", "KeySchema": key_schema("pk", "g"), **index}
            ],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
            Tags=[{"Key": "a", "Value": "b"}],
            TableClass="STANDARD",
        )
        arn = out["TableDescription"]["TableArn"]
        every = {"ReturnConsumedCapacity": "INDEXES"}
        metrics = {"ReturnItemCollectionMetrics": "SIZE"}
        call("DescribeTable", "describe_table", TableName="shapes")
        call(
            "PutItem",
            "put_item",
            TableName="shapes",
            Item={**_key("a"), "g": {"S": "x"}},
            ReturnValues="ALL_OLD",
            **every,
            **metrics,
        )
        call(
            "UpdateItem",
            "update_item",
            TableName="shapes",
            Key=_key("a"),
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"N": "1"}},
            ReturnValues="ALL_NEW",
            **every,
            **metrics,
        )
        call("GetItem", "get_item", TableName="shapes", Key=_key("a"), **every)
        call(
            "Query",
            "query",
            TableName="shapes",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "a"}},
            Limit=1,
            **every,
        )
        call("Scan", "scan", TableName="shapes", Limit=1, **every)
        call(
            "BatchGetItem",
            "batch_get_item",
            RequestItems={"shapes": {"Keys": [_key("a")]}},
            **every,
        )
        call(
            "BatchWriteItem",
            "batch_write_item",
            RequestItems={"shapes": [{"PutRequest": {"Item": _key("b")}}]},
            **every,
            **metrics,
        )
        call(
            "TransactWriteItems",
            "transact_write_items",
            TransactItems=[{"Put": {"TableName": "shapes", "Item": _key("c")}}],
            **every,
            **metrics,
        )
        call(
            "TransactGetItems",
            "transact_get_items",
            TransactItems=[{"Get": {"TableName": "shapes", "Key": _key("c")}}],
            **every,
        )
        call(
            "DeleteItem",
            "delete_item",
            TableName="shapes",
            Key=_key("a"),
            ReturnValues="ALL_OLD",
            **every,
            **metrics,
        )
        call("ListTables", "list_tables", Limit=1)
        call("ListTagsOfResource", "list_tags_of_resource", ResourceArn=arn)
        call("DescribeLimits", "describe_limits")
        throughput = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        call(
            "UpdateTable",
            "update_table",
            TableName="shapes",
            BillingMode="PROVISIONED",
            ProvisionedThroughput=throughput,
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "byg", "ProvisionedThroughput": throughput}}
            ],
        )
        call("DeleteTable", "delete_table", TableName="shapes")
        assert len(calls) == 17
        for operation, response in calls:
            assert _problems(ddb, operation, response) == [], operation

    def test_a_wrong_member_is_caught(self, ddb: Any) -> None:
        """The check notices a member botocore does not know."""
        assert _problems(ddb, "GetItem", {"Itme": {}}) != []

    def test_error_members(self, ddb: Any, table: str) -> None:
        """Errors carry their extra members in the shapes botocore parses."""
        ddb.put_item(TableName=table, Item=_key("a"))
        errors = []
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as ccf:
            ddb.put_item(
                TableName=table,
                Item=_key("a"),
                ConditionExpression="attribute_not_exists(pk)",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        errors.append(ccf.value)
        with pytest.raises(ddb.exceptions.TransactionCanceledException) as tce:
            ddb.transact_write_items(
                TransactItems=[
                    {
                        "ConditionCheck": {
                            "TableName": table,
                            "Key": _key("a"),
                            "ConditionExpression": "attribute_not_exists(pk)",
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                        }
                    },
                    {"Put": {"TableName": table, "Item": _key("b")}},
                ]
            )
        errors.append(tce.value)
        assert ccf.value.response["Item"] == _key("a")
        assert [r["Code"] for r in tce.value.response["CancellationReasons"]] == [
            "ConditionalCheckFailed",
            "None",
        ]
        for err in errors:
            extra = {
                k: v for k, v in err.response.items() if k not in ("Error", "ResponseMetadata")
            }
            shape = ddb.meta.service_model.shape_for(err.response["Error"]["Code"])
            members = set(shape.members)
            assert set(extra) <= members, (set(extra), members)
            report = validate.ParamValidator().validate(extra, shape)
            assert not report.has_errors(), report.generate_report()
