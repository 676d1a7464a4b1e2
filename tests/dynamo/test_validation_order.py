"""DynamoDB validates a request whole before it looks at the table, then the key schema."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import make_table

MISSING = "nope"
BAD_KEY = {"wrong": {"S": "a"}}  # does not match the table's key schema

# (operation, arguments with a request-level error, the message expected)
CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "put_item",
        {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_exists(a)",
         "ExpressionAttributeValues": {":v": {"S": "x"}}},
        "Value provided in ExpressionAttributeValues unused",
    ),
    (
        "put_item",
        {"Item": {"pk": {"S": "a"}, "x": {"S": "y" * 410_000}}},
        "Item size has exceeded the maximum allowed size",
    ),
    (
        "get_item",
        {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "#n"},
        "An expression attribute name used in the document path is not defined",
    ),
    (
        "delete_item",
        {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "a ="},
        "Invalid ConditionExpression",
    ),
    (
        "update_item",
        {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "UpdateExpression": "SET"},
        "Invalid UpdateExpression",
    ),
    (
        "query",
        {"KeyConditionExpression": "pk = :p", "Select": "ALL_PROJECTED_ATTRIBUTES",
         "ExpressionAttributeValues": {":p": {"S": "a"}}},
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
    ),
    (
        "scan",
        {"Select": "SPECIFIC_ATTRIBUTES"},
        "SPECIFIC_ATTRIBUTES",
    ),
    ("scan", {"Segment": 1}, "The TotalSegments parameter is required"),
]  # fmt: skip


def _message(call: Any, **kw: Any) -> tuple[str, str]:
    with pytest.raises(Exception) as err:
        call(**kw)
    error = err.value.response["Error"]  # type: ignore[attr-defined]
    return error["Code"], error["Message"]


class TestRequestBeforeTable:
    @pytest.mark.parametrize(("op", "args", "expected"), CASES)
    def test_request_error_before_missing_table(
        self, ddb: Any, op: str, args: dict[str, Any], expected: str
    ) -> None:
        """On a missing table, the request's own error comes first, not ResourceNotFound."""
        code, message = _message(getattr(ddb, op), TableName=MISSING, **args)
        assert code == "ValidationException"
        assert expected in message

    @pytest.mark.parametrize(("op", "args", "expected"), CASES)
    def test_same_error_on_an_existing_table(
        self, ddb: Any, op: str, args: dict[str, Any], expected: str
    ) -> None:
        """The same request on a real table gets the same error."""
        make_table(ddb)
        code, message = _message(getattr(ddb, op), TableName="items", **args)
        assert (code, expected in message) == ("ValidationException", True)


class TestTableBeforeKeySchema:
    @pytest.mark.parametrize("op", ["get_item", "delete_item", "update_item"])
    def test_missing_table_before_key_schema(self, ddb: Any, op: str) -> None:
        """A key that matches no schema on a missing table: ResourceNotFoundException."""
        code, message = _message(getattr(ddb, op), TableName=MISSING, Key=BAD_KEY)
        assert (code, message) == ("ResourceNotFoundException", "Requested resource not found")

    @pytest.mark.parametrize("op", ["get_item", "delete_item"])
    def test_expression_error_before_key_schema(self, ddb: Any, op: str) -> None:
        """On an existing table, an expression error comes before the key schema's."""
        make_table(ddb)
        args = (
            {"ConditionExpression": "a ="}
            if op == "delete_item"
            else {"ProjectionExpression": "#n"}
        )
        code, message = _message(getattr(ddb, op), TableName="items", Key=BAD_KEY, **args)
        assert code == "ValidationException"
        assert "does not match the schema" not in message

    def test_key_schema_error_last(self, ddb: Any) -> None:
        """A valid request with a wrong key gets the key schema's error."""
        make_table(ddb)
        code, message = _message(ddb.get_item, TableName="items", Key=BAD_KEY)
        assert (code, message) == (
            "ValidationException",
            "The provided key element does not match the schema",
        )

    def test_update_of_a_key_attribute_needs_the_table(self, ddb: Any) -> None:
        """Updating a key attribute is refused once the table is known."""
        code, _ = _message(
            ddb.update_item,
            TableName=MISSING,
            Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
            UpdateExpression="SET pk = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )
        assert code == "ResourceNotFoundException"
        make_table(ddb)
        code, message = _message(
            ddb.update_item,
            TableName="items",
            Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
            UpdateExpression="SET pk = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )
        assert message == (
            "One or more parameter values were invalid: Cannot update attribute pk. This "
            "attribute is part of the key"
        )


class TestBatchesAndTransactions:
    """The batches and transactions check every entry's request before any table."""

    def test_batch_write_item_size_before_missing_table(self, ddb: Any) -> None:
        """A too-large item in a later table's request beats the first table's absence."""
        make_table(ddb)
        big = {"pk": {"S": "a"}, "sk": {"N": "1"}, "x": {"S": "y" * 410_000}}
        code, message = _message(
            ddb.batch_write_item,
            RequestItems={
                MISSING: [{"PutRequest": {"Item": {"pk": {"S": "a"}}}}],
                "items": [{"PutRequest": {"Item": big}}],
            },
        )
        assert code == "ValidationException"
        assert "Item size has exceeded" in message

    def test_batch_write_missing_table_before_key_schema(self, ddb: Any) -> None:
        """A key not matching the first table's schema, and a missing second table."""
        make_table(ddb)
        code, _ = _message(
            ddb.batch_write_item,
            RequestItems={
                "items": [{"DeleteRequest": {"Key": BAD_KEY}}],
                MISSING: [{"DeleteRequest": {"Key": BAD_KEY}}],
            },
        )
        assert code == "ResourceNotFoundException"

    def test_batch_get_projection_before_missing_table(self, ddb: Any) -> None:
        """A bad projection is reported before a missing table."""
        code, message = _message(
            ddb.batch_get_item,
            RequestItems={MISSING: {"Keys": [BAD_KEY], "ProjectionExpression": "#n"}},
        )
        assert code == "ValidationException"
        assert "An expression attribute name used in the document path is not defined" in message

    def test_transaction_expression_before_missing_table(self, ddb: Any) -> None:
        """A later action's bad expression beats an earlier action's missing table."""
        make_table(ddb)
        code, message = _message(
            ddb.transact_write_items,
            TransactItems=[
                {"Put": {"TableName": MISSING, "Item": {"pk": {"S": "a"}}}},
                {
                    "Update": {
                        "TableName": "items",
                        "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                        "UpdateExpression": "SET",
                    }
                },
            ],
        )
        assert code == "ValidationException"
        assert "Invalid UpdateExpression" in message

    def test_transaction_missing_table_before_key_schema(self, ddb: Any) -> None:
        """An earlier action's bad key, then a missing table: ResourceNotFoundException."""
        make_table(ddb)
        code, _ = _message(
            ddb.transact_write_items,
            TransactItems=[
                {"Delete": {"TableName": "items", "Key": BAD_KEY}},
                {"Delete": {"TableName": MISSING, "Key": BAD_KEY}},
            ],
        )
        assert code == "ResourceNotFoundException"


class TestTransactGetItems:
    """TransactGetItems checks as TransactWriteItems does: every Get's request (its
    projection and maps), then every table, then every key."""

    def test_projection_before_missing_table(self, ddb: Any) -> None:
        """A bad projection on a missing table is the projection's error."""
        code, message = _message(
            ddb.transact_get_items,
            TransactItems=[{"Get": {"TableName": MISSING, "Key": BAD_KEY,
                                    "ProjectionExpression": "#n"}}],
        )  # fmt: skip
        assert code == "ValidationException"
        assert "An expression attribute name used in the document path is not defined" in message

    def test_later_projection_before_earlier_missing_table(self, ddb: Any) -> None:
        """A later Get's bad projection beats an earlier Get's missing table."""
        make_table(ddb)
        code, message = _message(
            ddb.transact_get_items,
            TransactItems=[
                {"Get": {"TableName": MISSING, "Key": BAD_KEY}},
                {"Get": {"TableName": "items", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                         "ProjectionExpression": "a,"}},
            ],
        )  # fmt: skip
        assert code == "ValidationException"
        assert "Invalid ProjectionExpression" in message

    def test_unused_name_before_missing_table(self, ddb: Any) -> None:
        """An unused ExpressionAttributeNames entry is a request error, before tables."""
        code, message = _message(
            ddb.transact_get_items,
            TransactItems=[{"Get": {"TableName": MISSING, "Key": BAD_KEY,
                                    "ProjectionExpression": "a",
                                    "ExpressionAttributeNames": {"#a": "a"}}}],
        )  # fmt: skip
        assert code == "ValidationException"
        assert "ExpressionAttributeNames" in message

    def test_missing_table_before_earlier_key_schema(self, ddb: Any) -> None:
        """An earlier Get's bad key, then a later Get's missing table: the table first."""
        make_table(ddb)
        code, _ = _message(
            ddb.transact_get_items,
            TransactItems=[
                {"Get": {"TableName": "items", "Key": BAD_KEY}},
                {"Get": {"TableName": MISSING, "Key": BAD_KEY}},
            ],
        )
        assert code == "ResourceNotFoundException"

    def test_key_schema_last(self, ddb: Any) -> None:
        """With every table present, a bad key cancels its Get with the key-schema error
        (dynoxide's CHANGELOG 0.9.10 and #98, confirmed against DynamoDB)."""
        make_table(ddb)
        with pytest.raises(ddb.exceptions.TransactionCanceledException) as err:
            ddb.transact_get_items(TransactItems=[{"Get": {"TableName": "items", "Key": BAD_KEY}}])
        assert err.value.response["CancellationReasons"] == [
            {
                "Code": "ValidationError",
                "Message": "The provided key element does not match the schema",
            }
        ]
