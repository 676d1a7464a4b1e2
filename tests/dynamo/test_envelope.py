"""DynamoDB's "1 validation error detected: " envelope: which operations and errors carry it."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless.dynamo._errors import ValidationException

PREFIX = "1 validation error detected: "
KEY = {"id": {"S": "a"}}


def _message(call: Any, **params: Any) -> str:
    with pytest.raises(ClientError) as info:
        call(**params)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    message: str = info.value.response["Error"]["Message"]
    assert str(info.value).endswith(message)  # the printed text agrees with the response
    return message


class TestEnvelopedOperations:
    """PutItem, UpdateItem and DeleteItem wrap value and expression errors."""

    def test_update_expression_syntax(self, ddb: Any, simple: str) -> None:
        """An UpdateExpression syntax error is enveloped."""
        message = _message(ddb.update_item, TableName=simple, Key=KEY, UpdateExpression="SET")
        assert (
            message
            == PREFIX + 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'
        )

    def test_update_value_error(self, ddb: Any, simple: str) -> None:
        """An empty set among ExpressionAttributeValues is wrapped bare, with its key."""
        message = _message(
            ddb.update_item,
            TableName=simple,
            Key=KEY,
            UpdateExpression="SET a = :v",
            ExpressionAttributeValues={":v": {"SS": []}},
        )
        assert message == (
            "ExpressionAttributeValues contains invalid value: One or more parameter values "
            "were invalid: An string set  may not be empty for key :v"
        )

    def test_put_item_value_and_condition(self, ddb: Any, simple: str) -> None:
        """PutItem envelopes an item value error and a condition error."""
        message = _message(ddb.put_item, TableName=simple, Item={**KEY, "n": {"NS": []}})
        assert message == (
            PREFIX + "One or more parameter values were invalid: An number set  may not be empty"
        )
        message = _message(
            ddb.put_item, TableName=simple, Item=KEY, ConditionExpression="((attribute_exists(a)))"
        )
        assert message == (
            PREFIX + "Invalid ConditionExpression: The expression has redundant parentheses;"
        )

    def test_mixed_parameters(self, ddb: Any, simple: str) -> None:
        """Mixing legacy and expression parameters is enveloped."""
        message = _message(
            ddb.put_item,
            TableName=simple,
            Item=KEY,
            Expected={"id": {"Exists": False}},
            ConditionExpression="attribute_not_exists(id)",
        )
        assert message.startswith(PREFIX + "Can not use both expression and non-expression")

    def test_delete_item_unused_value(self, ddb: Any, simple: str) -> None:
        """DeleteItem envelopes an expression-map error."""
        message = _message(
            ddb.delete_item,
            TableName=simple,
            Key=KEY,
            ConditionExpression="a = :v",
            ExpressionAttributeValues={":v": {"S": "x"}, ":w": {"S": "y"}},
        )
        assert message == (
            PREFIX + "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"
        )

    def test_resource_layer_too(self, resource: Any, simple: str) -> None:
        """The resource layer's Table methods carry the same envelope."""
        message = _message(
            resource.Table(simple).update_item, Key={"id": "a"}, UpdateExpression="SET"
        )
        assert message.startswith(PREFIX + "Invalid UpdateExpression")


class TestBareErrors:
    """Other errors, and the other operations, are reported bare."""

    def test_key_attribute_update(self, ddb: Any, simple: str) -> None:
        """Updating a key attribute is reported bare (captured exactly)."""
        message = _message(
            ddb.update_item,
            TableName=simple,
            Key=KEY,
            UpdateExpression="SET id = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )
        assert message == (
            "One or more parameter values were invalid: Cannot update attribute id. "
            "This attribute is part of the key"
        )

    def test_names_without_expressions(self, ddb: Any, simple: str) -> None:
        """ExpressionAttributeNames without an expression is reported bare."""
        message = _message(
            ddb.put_item, TableName=simple, Item=KEY, ExpressionAttributeNames={"#a": "a"}
        )
        assert message == "ExpressionAttributeNames can only be specified when using expressions"

    def test_key_and_apply_time_errors(self, ddb: Any, simple: str) -> None:
        """Key errors and errors met applying an update stay bare."""
        message = _message(ddb.put_item, TableName=simple, Item={"id": {"S": ""}})
        assert not message.startswith(PREFIX)
        message = _message(
            ddb.update_item,
            TableName=simple,
            Key=KEY,
            UpdateExpression="SET a.b = :v",
            ExpressionAttributeValues={":v": {"S": "x"}},
        )
        assert (
            message == "The document path provided in the update expression is invalid for update"
        )

    @pytest.mark.parametrize("operation", ["get_item", "query", "transact_write_items"])
    def test_other_operations(self, ddb: Any, simple: str, operation: str) -> None:
        """GetItem, Query and TransactWriteItems report expression errors bare."""
        every: dict[str, dict[str, Any]] = {
            "get_item": {"TableName": simple, "Key": KEY, "ProjectionExpression": "a,,"},
            "query": {"TableName": simple, "KeyConditionExpression": "id ="},
            "transact_write_items": {
                "TransactItems": [
                    {"Update": {"TableName": simple, "Key": KEY, "UpdateExpression": "SET"}}
                ]
            },
        }
        message = _message(getattr(ddb, operation), **every[operation])
        assert message.startswith("Invalid ")

    def test_repeated_binding_wraps_once(self) -> None:
        """Binding an error twice (a re-raise) does not wrap it twice."""
        err = ValidationException("Invalid UpdateExpression: x")
        err.family = "expression"
        err.bind_operation("UpdateItem")
        err.bind_operation("UpdateItem")
        assert err.message == PREFIX + "Invalid UpdateExpression: x"
        plain = ValidationException("Invalid UpdateExpression: x")
        plain.bind_operation("UpdateItem")
        assert plain.message == "Invalid UpdateExpression: x"


INVALID = "One or more parameter values were invalid: "
EMPTY = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"


class TestBareMessages:
    """Messages DynamoDB gives without "1 validation error detected: "."""

    def test_empty_names_are_bare(self, ddb: Any, table: str) -> None:
        """ExpressionAttributeNames={} is reported bare, even by PutItem."""
        with pytest.raises(ValidationException) as err:
            ddb.put_item(
                TableName=table,
                Item={"pk": {"S": "a"}, "sk": {"N": "1"}},
                ConditionExpression="attribute_exists(a)",
                ExpressionAttributeNames={},
            )
        assert err.value.response["Error"]["Message"] == (
            "ExpressionAttributeNames must not be empty"
        )

    @pytest.mark.parametrize(
        ("value", "inner"),
        [
            ({"SS": []}, INVALID + "An string set  may not be empty"),
            ({"N": "x"}, "The parameter cannot be converted to a numeric value: x"),
            ({"NULL": False}, INVALID + "Null attribute value types must have the value of true"),
            ({}, EMPTY),
        ],
    )  # fmt: skip
    @pytest.mark.parametrize("op", ["put_item", "update_item", "query"])
    def test_bad_value_in_values_is_wrapped(
        self, ddb: Any, table: str, op: str, value: dict[str, Any], inner: str
    ) -> None:
        """A bad ExpressionAttributeValues value: wrapped, with its key, never enveloped."""
        key = {"pk": {"S": "a"}, "sk": {"N": "1"}}
        values = {":ok": {"S": "a"}, ":bad": value}
        calls = {
            "put_item": lambda: ddb.put_item(
                TableName=table, Item=key, ConditionExpression="a = :ok OR a = :bad",
                ExpressionAttributeValues=values),
            "update_item": lambda: ddb.update_item(
                TableName=table, Key=key, UpdateExpression="SET a = :ok, b = :bad",
                ExpressionAttributeValues=values),
            "query": lambda: ddb.query(
                TableName=table, KeyConditionExpression="pk = :ok",
                FilterExpression="a = :bad", ExpressionAttributeValues=values),
        }  # fmt: skip
        with pytest.raises(ValidationException) as err:
            calls[op]()
        assert err.value.response["Error"]["Message"] == (
            f"ExpressionAttributeValues contains invalid value: {inner} for key :bad"
        )

    def test_bad_value_through_the_resource(self, cloud: Any, table: str) -> None:
        """The resource layer's values are reported the same way."""
        t = cloud.dynamo.Table(table)
        with pytest.raises(ValidationException) as err:
            t.update_item(
                Key={"pk": "a", "sk": 1},
                UpdateExpression="SET a = :v",
                ExpressionAttributeValues={":v": set()},
            )
        assert err.value.response["Error"]["Message"] == (
            "ExpressionAttributeValues contains invalid value: One or more parameter values "
            "were invalid: An number set  may not be empty for key :v"
        )

    def test_select_enum_order(self, ddb: Any, table: str) -> None:
        """An unknown Select lists the values in DynamoDB's order."""
        with pytest.raises(ValidationException) as err:
            ddb.scan(TableName=table, Select="SOME")
        assert err.value.response["Error"]["Message"].endswith(
            "Member must satisfy enum value set: "
            "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"
        )
