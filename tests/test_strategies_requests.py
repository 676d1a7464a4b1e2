"""Drawn DynamoDB requests are ones DynamoDB accepts: schemas, key conditions, updates."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.dynamo import ConditionalCheckFailedException, ValidationException
from pyserverless.dynamo._expressions import compile_request
from pyserverless.strategies import (
    condition_expressions,
    items,
    key_conditions,
    table_schemas,
    update_expressions,
)

SCHEMA = {
    "TableName": "things",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}
# find() without shrinking: shrinking a whole schema is slow, and only existence matters.
UNSHRUNK = settings(phases=[Phase.generate], database=None, max_examples=1000)
KEY = {"pk": {"S": "p"}, "sk": {"N": "1"}}


def indexes(schema: dict[str, Any]) -> list[str]:
    return [
        i["IndexName"]
        for i in schema.get("LocalSecondaryIndexes", []) + schema.get("GlobalSecondaryIndexes", [])
    ]


def things() -> Any:
    """A fresh client with the table SCHEMA describes."""
    client = Cloud.manual().client("dynamodb")
    client.create_table(**SCHEMA)
    return client


class TestTableSchemas:
    """table_schemas() draws CreateTable requests that DynamoDB accepts."""

    @given(table_schemas(max_lsis=5, max_gsis=20))
    def test_the_client_creates_every_one(self, schema: dict[str, Any]) -> None:
        """create_table accepts it and describes the same keys and indexes."""
        described = Cloud.manual().client("dynamodb").create_table(**schema)["TableDescription"]
        assert described["KeySchema"] == schema["KeySchema"]
        got = [
            i["IndexName"]
            for k in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes")
            for i in described.get(k, [])
        ]
        assert sorted(got) == sorted(indexes(schema))

    @given(table_schemas())
    def test_the_resource_creates_every_one(self, schema: dict[str, Any]) -> None:
        """cloud.dynamo.create_table takes the same request."""
        table = Cloud.manual().dynamo.create_table(**schema)
        assert table.name == schema["TableName"]

    @given(table_schemas())
    def test_every_defined_attribute_is_a_key(self, schema: dict[str, Any]) -> None:
        """No definition is left unused (DynamoDB refuses that)."""
        used = {k["AttributeName"] for k in schema["KeySchema"]}
        for kind in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes"):
            for index in schema.get(kind, []):
                used |= {k["AttributeName"] for k in index["KeySchema"]}
        assert used == {d["AttributeName"] for d in schema["AttributeDefinitions"]}

    def test_reaches_lsis_gsis_and_both_billing_modes(self) -> None:
        """Local and global indexes and provisioned tables are all drawn."""
        find(table_schemas(), lambda s: "LocalSecondaryIndexes" in s, settings=UNSHRUNK)
        find(
            table_schemas(),
            lambda s: len(s.get("GlobalSecondaryIndexes", [])) == 3,
            settings=UNSHRUNK,
        )
        find(table_schemas(), lambda s: s["BillingMode"] == "PROVISIONED", settings=UNSHRUNK)

    def test_bad_options(self) -> None:
        """Limits past AWS's quotas, or an unknown billing mode, are a ValueError."""
        with pytest.raises(ValueError, match="max_lsis"):
            table_schemas(max_lsis=6)
        with pytest.raises(ValueError, match="max_gsis"):
            table_schemas(max_gsis=21)
        with pytest.raises(ValueError, match="billing_mode"):
            table_schemas(billing_mode="ON_DEMAND")


class TestKeyConditions:
    """key_conditions(schema) draws Query requests the table or index accepts."""

    @given(st.data())
    def test_every_query_runs_on_table_and_indexes(self, data: st.DataObject) -> None:
        """Query through the client (wire values) accepts each condition."""
        schema = data.draw(table_schemas())
        client = Cloud.manual().client("dynamodb")
        client.create_table(**schema)
        index = data.draw(st.sampled_from([None, *indexes(schema)]))
        query = data.draw(key_conditions(schema, index=index, wire=True))
        assert client.query(**query)["Count"] == 0

    @given(st.data())
    def test_the_query_finds_the_item_it_names(self, data: st.DataObject) -> None:
        """The item with the drawn partition key is found, unless a sort condition excludes it."""
        item = data.draw(items(keys={"pk": "S", "sk": "N"}))
        table = Cloud.manual().dynamo.create_table(**SCHEMA)
        table.put_item(Item=item)
        query = data.draw(key_conditions(SCHEMA, partition_values=st.just(item["pk"])))
        found = table.query(**{k: v for k, v in query.items() if k != "TableName"})["Items"]
        assert found in ([], [item])
        if len(query["ExpressionAttributeValues"]) == 1:  # no sort-key condition
            assert found == [item]

    @given(key_conditions(SCHEMA))
    def test_between_bounds_are_ordered(self, query: dict[str, Any]) -> None:
        """BETWEEN's low bound is never above its high one."""
        text, values = query["KeyConditionExpression"], query["ExpressionAttributeValues"]
        if "BETWEEN" in text:
            low, high = text.split("BETWEEN ")[1].split(" AND ")[:2]
            assert values[low.strip()] <= values[high.split()[0]]

    def test_unknown_index(self) -> None:
        """An index the schema lacks is a ValueError."""
        with pytest.raises(ValueError, match="no index"):
            key_conditions(SCHEMA, index="nope")


class TestUpdateExpressions:
    """update_expressions() draws updates the engine accepts and applies."""

    @given(update_expressions(schema=SCHEMA, max_actions=6))
    def test_every_update_compiles(self, update: dict[str, Any]) -> None:
        """compile_request accepts it: placeholders defined and used, no overlap, no key."""
        compile_request(
            names=update.get("ExpressionAttributeNames"),
            values=update.get("ExpressionAttributeValues"),
            update=update["UpdateExpression"],
            table_key=("pk", "sk"),
        )

    @given(update_expressions(schema=SCHEMA, wire=True))
    def test_every_update_applies_to_a_fresh_item(self, update: dict[str, Any]) -> None:
        """update_item through the client applies it to a missing item (SET/ADD create it)."""
        client = things()
        client.update_item(TableName="things", Key=KEY, **update)
        got = client.get_item(TableName="things", Key=KEY).get("Item")
        # Only REMOVE and DELETE on a missing item create nothing, as in DynamoDB.
        creates = any(c in update["UpdateExpression"].split() for c in ("SET", "ADD"))
        assert (got is not None) == creates

    @given(update_expressions(schema=SCHEMA))
    def test_native_values_through_the_resource_layer(self, update: dict[str, Any]) -> None:
        """Table.update_item takes the native form; the key is never changed."""
        table = Cloud.manual().dynamo.create_table(**SCHEMA)
        key = {"pk": "p", "sk": 1}
        table.update_item(Key=key, **update)
        got = table.get_item(Key=key).get("Item")
        assert got is None or {k: got[k] for k in key} == key

    @given(update_expressions(attributes=["count", "a b", "x"]))
    def test_reserved_and_odd_names_go_through_placeholders(self, update: dict[str, Any]) -> None:
        """'count' (reserved) and 'a b' are never written bare."""
        text = update["UpdateExpression"]
        assert "count" not in text and "a b" not in text
        for placeholder in update.get("ExpressionAttributeNames", {}):
            assert placeholder in text

    def test_updates_never_touch_keys(self) -> None:
        """attributes that are all keys leave nothing to update: a ValueError."""
        with pytest.raises(ValueError, match="non-key"):
            update_expressions(schema=SCHEMA, attributes=["pk", "sk"])
        with pytest.raises(ValueError, match="max_actions"):
            update_expressions(max_actions=0)


class TestConditionExpressions:
    """condition_expressions() draws conditions the engine accepts and evaluates."""

    @given(condition_expressions(max_depth=3))
    def test_every_condition_compiles(self, condition: dict[str, Any]) -> None:
        """compile_request accepts it."""
        compile_request(
            names=condition.get("ExpressionAttributeNames"),
            values=condition.get("ExpressionAttributeValues"),
            condition=condition["ConditionExpression"],
        )

    @given(condition_expressions(wire=True), items(keys={"pk": "S", "sk": "N"}, wire=True))
    def test_a_conditional_put_succeeds_or_fails_the_check(
        self, condition: dict[str, Any], item: dict[str, Any]
    ) -> None:
        """put_item with it writes or raises ConditionalCheckFailedException, nothing else."""
        client = things()
        client.put_item(TableName="things", Item=item)
        with contextlib.suppress(ConditionalCheckFailedException):
            client.put_item(TableName="things", Item=item, **condition)

    @given(condition_expressions(schema=SCHEMA, member="FilterExpression", wire=True))
    def test_as_a_query_filter(self, condition: dict[str, Any]) -> None:
        """As a Query's FilterExpression (no key attribute named) it is accepted too."""
        client = things()
        names = condition.get("ExpressionAttributeNames", {})
        values = condition.get("ExpressionAttributeValues", {})
        client.query(
            TableName="things",
            KeyConditionExpression="pk = :pk",
            FilterExpression=condition["FilterExpression"],
            ExpressionAttributeValues={**values, ":pk": {"S": "p"}},
            **({"ExpressionAttributeNames": names} if names else {}),
        )

    def test_the_engine_refuses_what_the_strategy_avoids(self) -> None:
        """Why the care: doubled parentheses and a reserved word bare are refused."""
        client = things()
        for text, names in (("((a = :v))", None), ("size > :v", None)):
            with pytest.raises(ValidationException):
                client.put_item(
                    TableName="things",
                    Item=KEY,
                    ConditionExpression=text,
                    ExpressionAttributeValues={":v": {"N": "1"}},
                    **({"ExpressionAttributeNames": names} if names else {}),
                )

    def test_bad_options(self) -> None:
        """A negative depth or an unknown member is a ValueError."""
        with pytest.raises(ValueError, match="max_depth"):
            condition_expressions(max_depth=-1)
        with pytest.raises(ValueError, match="member"):
            condition_expressions(member="KeyConditionExpression")


def test_clause_keywords_are_never_bare_names() -> None:
    """REMOVE is no reserved word, but bare it starts a clause: always a #placeholder."""
    from pyserverless.strategies._refs import is_plain

    assert not is_plain("REMOVE") and not is_plain("remove")
    assert is_plain("removed")
