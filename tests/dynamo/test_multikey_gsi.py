"""Multi-attribute GSI keys: up to four HASH and four RANGE attributes per GSI.

The rules are AWS's developer guide's ("Multi-attribute key schema"): HASH attributes
first; a Query gives every HASH attribute an equality condition and the RANGE
attributes left to right, equality on each but the last one named; an item missing
any key attribute is not indexed; a filter may not name a key attribute.
"""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import ValidationException

from .conftest import definitions


def gsi(hashes: list[str], ranges: list[str], name: str = "gsi") -> dict[str, Any]:
    schema = [{"AttributeName": h, "KeyType": "HASH"} for h in hashes]
    schema += [{"AttributeName": r, "KeyType": "RANGE"} for r in ranges]
    return {"IndexName": name, "KeySchema": schema, "Projection": {"ProjectionType": "ALL"}}


def create(ddb: Any, hashes: list[str], ranges: list[str], **types: str) -> None:
    types = {"p": "S", **dict.fromkeys(hashes + ranges, "S"), **types}
    ddb.create_table(
        TableName="matches",
        KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
        AttributeDefinitions=definitions(**types),
        BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[gsi(hashes, ranges)],
    )


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


def query(ddb: Any, condition: str, **values: Any) -> Any:
    return ddb.query(
        TableName="matches",
        IndexName="gsi",
        KeyConditionExpression=condition,
        ExpressionAttributeValues={f":{k}": {"S": v} for k, v in values.items()},
    )


@pytest.fixture
def t2h2r(ddb: Any) -> Any:
    """``matches`` with a GSI keyed by h1, h2 (HASH) and r1, r2 (RANGE), and items."""
    create(ddb, ["h1", "h2"], ["r1", "r2"])
    for n, (h2, r1, r2) in enumerate(
        [("x", "a", "1"), ("x", "a", "2"), ("x", "a", "3"), ("x", "b", "1"), ("y", "a", "1")]
    ):
        item = {"p": str(n), "h1": "t", "h2": h2, "r1": r1, "r2": r2}
        ddb.put_item(TableName="matches", Item={k: {"S": v} for k, v in item.items()})
    return ddb


def ps(response: Any) -> list[str]:
    return [i["p"]["S"] for i in response["Items"]]


class TestCreate:
    def test_two_hash_attributes(self, ddb: Any) -> None:
        """A GSI of two HASH attributes is described as given."""
        create(ddb, ["a", "b"], [])
        described = ddb.describe_table(TableName="matches")["Table"]
        assert described["GlobalSecondaryIndexes"][0]["KeySchema"] == [
            {"AttributeName": "a", "KeyType": "HASH"},
            {"AttributeName": "b", "KeyType": "HASH"},
        ]

    def test_four_and_four_accepted(self, ddb: Any) -> None:
        """Four HASH and four RANGE attributes are the most accepted."""
        create(ddb, ["h1", "h2", "h3", "h4"], ["r1", "r2", "r3", "r4"], r1="N", r3="B")
        schema = ddb.describe_table(TableName="matches")["Table"]["GlobalSecondaryIndexes"][0]
        assert len(schema["KeySchema"]) == 8

    def test_five_hash_refused(self, ddb: Any) -> None:
        """A fifth HASH attribute is refused; no table is made."""
        with pytest.raises(ValidationException) as err:
            create(ddb, ["a", "b", "c", "d", "e"], [])
        assert message(err) == (
            "Invalid KeySchema: The KeySchema exceeds the maximum allowed number of HASH key "
            "attributes"
        )
        assert ddb.list_tables()["TableNames"] == []

    def test_five_range_refused(self, ddb: Any) -> None:
        """A fifth RANGE attribute is refused."""
        with pytest.raises(ValidationException) as err:
            create(ddb, ["h"], ["a", "b", "c", "d", "e"])
        assert "maximum allowed number of RANGE key attributes" in message(err)

    def test_limit_is_a_setting(self) -> None:
        """DynamoDBLimits.max_gsi_hash_attributes sets the HASH limit."""
        ddb = Cloud.manual(limits={"dynamodb": {"max_gsi_hash_attributes": 2}}).client("dynamodb")
        create(ddb, ["a", "b"], ["r"])
        ddb.delete_table(TableName="matches")
        with pytest.raises(ValidationException):
            create(ddb, ["a", "b", "c"], [])

    @pytest.mark.parametrize(
        "kinds", [("HASH", "RANGE", "HASH"), ("HASH", "RANGE", "RANGE", "HASH")]
    )
    def test_hash_after_range_refused(self, ddb: Any, kinds: tuple[str, ...]) -> None:
        """Every HASH attribute must come before the RANGE ones."""
        names = [f"a{n}" for n in range(len(kinds))]
        index = {
            "IndexName": "gsi",
            "KeySchema": [
                {"AttributeName": n, "KeyType": k} for n, k in zip(names, kinds, strict=True)
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
        with pytest.raises(ValidationException) as err:
            ddb.create_table(
                TableName="matches",
                KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                AttributeDefinitions=definitions(p="S", **dict.fromkeys(names, "S")),
                BillingMode="PAY_PER_REQUEST",
                GlobalSecondaryIndexes=[index],
            )
        assert message(err) == (
            "Invalid KeySchema: All HASH key attributes must precede RANGE key attributes in "
            "the KeySchema"
        )

    def test_range_first_refused(self, ddb: Any) -> None:
        """A key schema starting with RANGE is refused as before."""
        with pytest.raises(ValidationException) as err:
            create(ddb, [], ["a", "b", "c"])
        assert message(err) == (
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
        )

    def test_duplicate_name_refused(self, ddb: Any) -> None:
        """An attribute named twice in the key is refused."""
        with pytest.raises(ValidationException) as err:
            create(ddb, ["a", "a"], ["b"])
        assert "same name" in message(err)

    def test_undefined_attribute_refused(self, ddb: Any) -> None:
        """Every key attribute needs an AttributeDefinition."""
        with pytest.raises(ValidationException) as err:
            ddb.create_table(
                TableName="matches",
                KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                AttributeDefinitions=definitions(p="S", a="S"),
                BillingMode="PAY_PER_REQUEST",
                GlobalSecondaryIndexes=[gsi(["a", "b"], [])],
            )
        assert "AttributeDefinitions" in message(err)

    def test_lsi_still_two_elements(self, ddb: Any) -> None:
        """A local index keeps the key of one HASH and one RANGE attribute."""
        with pytest.raises(ValidationException) as err:
            ddb.create_table(
                TableName="matches",
                KeySchema=[
                    {"AttributeName": "p", "KeyType": "HASH"},
                    {"AttributeName": "c", "KeyType": "RANGE"},
                ],
                AttributeDefinitions=definitions(p="S", c="S", l="S"),
                BillingMode="PAY_PER_REQUEST",
                LocalSecondaryIndexes=[
                    {
                        "IndexName": "lsi",
                        "KeySchema": [
                            {"AttributeName": "p", "KeyType": "HASH"},
                            {"AttributeName": "c", "KeyType": "RANGE"},
                            {"AttributeName": "l", "KeyType": "RANGE"},
                        ],
                        "Projection": {"ProjectionType": "ALL"},
                    }
                ],
            )
        assert "2" in message(err)


class TestUpdateTable:
    def test_create_with_backfill(self, ddb: Any) -> None:
        """UpdateTable adds a multi-attribute GSI and fills it from the table."""
        ddb.create_table(
            TableName="matches",
            KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
            AttributeDefinitions=definitions(p="S"),
            BillingMode="PAY_PER_REQUEST",
        )
        for n in range(3):
            item = {"p": str(n), "a": "same", "b": "x", "c": f"v{n}"}
            ddb.put_item(TableName="matches", Item={k: {"S": v} for k, v in item.items()})
        ddb.put_item(TableName="matches", Item={"p": {"S": "9"}, "a": {"S": "same"}})
        ddb.update_table(
            TableName="matches",
            AttributeDefinitions=definitions(a="S", b="S", c="S"),
            GlobalSecondaryIndexUpdates=[{"Create": gsi(["a", "b"], ["c"])}],
        )
        found = query(ddb, "a = :a AND b = :b", a="same", b="x")
        assert ps(found) == ["0", "1", "2"]

    def test_five_hash_refused(self, ddb: Any) -> None:
        """UpdateTable refuses a fifth HASH attribute, and changes nothing."""
        create(ddb, ["h1", "h2"], [])
        before = ddb.describe_table(TableName="matches")["Table"]
        names = [f"a{n}" for n in range(5)]
        with pytest.raises(ValidationException) as err:
            ddb.update_table(
                TableName="matches",
                AttributeDefinitions=definitions(**dict.fromkeys(names, "S")),
                GlobalSecondaryIndexUpdates=[{"Create": gsi(names, [], name="other")}],
            )
        assert "maximum allowed number of HASH" in message(err)
        assert ddb.describe_table(TableName="matches")["Table"] == before


class TestWrites:
    def test_missing_attribute_not_indexed(self, t2h2r: Any) -> None:
        """An item missing any key attribute (HASH or RANGE) is not in the index."""
        t2h2r.put_item(
            TableName="matches",
            Item={"p": {"S": "m1"}, "h1": {"S": "t"}, "h2": {"S": "x"}, "r1": {"S": "a"}},
        )
        t2h2r.put_item(
            TableName="matches",
            Item={"p": {"S": "m2"}, "h1": {"S": "t"}, "r1": {"S": "a"}, "r2": {"S": "9"}},
        )
        scanned = t2h2r.scan(TableName="matches", IndexName="gsi")
        assert sorted(ps(scanned)) == ["0", "1", "2", "3", "4"]

    def test_wrong_type_refused(self, t2h2r: Any) -> None:
        """A key attribute of the wrong type is refused by name."""
        with pytest.raises(ValidationException) as err:
            t2h2r.put_item(
                TableName="matches",
                Item={"p": {"S": "z"}, "h1": {"S": "t"}, "h2": {"N": "1"}},
            )
        assert message(err) == (
            "One or more parameter values were invalid: Type mismatch for Index Key h2 "
            "Expected: S Actual: N IndexName: gsi"
        )

    def test_empty_string_refused(self, t2h2r: Any) -> None:
        """An empty string for a key attribute is refused."""
        with pytest.raises(ValidationException) as err:
            t2h2r.put_item(
                TableName="matches",
                Item={"p": {"S": "z"}, "h1": {"S": "t"}, "r2": {"S": ""}},
            )
        assert "IndexKey: r2" in message(err)

    def test_update_moves_entry(self, t2h2r: Any) -> None:
        """Changing a key attribute moves the item to its new place in the index."""
        t2h2r.update_item(
            TableName="matches",
            Key={"p": {"S": "0"}},
            UpdateExpression="SET h2 = :y",
            ExpressionAttributeValues={":y": {"S": "y"}},
        )
        assert ps(query(t2h2r, "h1 = :a AND h2 = :b", a="t", b="y")) == ["0", "4"]
        assert ps(query(t2h2r, "h1 = :a AND h2 = :b", a="t", b="x")) == ["1", "2", "3"]

    def test_delete_removes_entry(self, t2h2r: Any) -> None:
        """Deleting the item removes it from the index."""
        t2h2r.delete_item(TableName="matches", Key={"p": {"S": "1"}})
        assert ps(query(t2h2r, "h1 = :a AND h2 = :b", a="t", b="x")) == ["0", "2", "3"]


class TestQuery:
    def test_all_hash_equal(self, t2h2r: Any) -> None:
        """Equality on every HASH attribute reads that partition in RANGE order."""
        assert ps(query(t2h2r, "h1 = :a AND h2 = :b", a="t", b="x")) == ["0", "1", "2", "3"]

    def test_descending(self, t2h2r: Any) -> None:
        """ScanIndexForward=False reverses the RANGE order."""
        response = t2h2r.query(
            TableName="matches",
            IndexName="gsi",
            KeyConditionExpression="h1 = :a AND h2 = :b",
            ExpressionAttributeValues={":a": {"S": "t"}, ":b": {"S": "x"}},
            ScanIndexForward=False,
        )
        assert ps(response) == ["3", "2", "1", "0"]

    @pytest.mark.parametrize(
        ("condition", "expected"),
        [
            ("r1 = :c", ["0", "1", "2"]),
            ("r1 = :c AND r2 = :d", ["1"]),
            ("r1 = :c AND r2 > :d", ["2"]),
            ("r1 = :c AND r2 >= :d", ["1", "2"]),
            ("r1 = :c AND r2 < :d", ["0"]),
            ("r1 = :c AND r2 <= :d", ["0", "1"]),
            ("r1 = :c AND r2 BETWEEN :d AND :e", ["1", "2"]),
            ("r1 = :c AND begins_with(r2, :d)", ["1"]),
            ("r1 > :c", ["3"]),
            ("r1 <= :c", ["0", "1", "2"]),
            ("begins_with(r1, :c)", ["0", "1", "2"]),
            ("r2 = :d AND r1 = :c", ["1"]),
        ],
    )
    def test_range_conditions(self, t2h2r: Any, condition: str, expected: list[str]) -> None:
        """RANGE attributes left to right: equality, then any comparison on the last."""
        text = "h1 = :a AND h2 = :b AND " + condition
        values = {"a": "t", "b": "x", "c": "a", "d": "2", "e": "3"}
        used = {k: v for k, v in values.items() if f":{k}" in text}
        assert ps(query(t2h2r, text, **used)) == expected

    def test_placeholders_for_names(self, t2h2r: Any) -> None:
        """Key attributes may be named through ExpressionAttributeNames."""
        response = t2h2r.query(
            TableName="matches",
            IndexName="gsi",
            KeyConditionExpression="#a = :a AND #b = :b AND #c = :c",
            ExpressionAttributeNames={"#a": "h1", "#b": "h2", "#c": "r1"},
            ExpressionAttributeValues={":a": {"S": "t"}, ":b": {"S": "x"}, ":c": {"S": "b"}},
        )
        assert ps(response) == ["3"]

    @pytest.mark.parametrize(
        ("condition", "word"),
        [
            ("h1 = :a", "h2"),
            ("h1 = :a AND h2 > :b", "h2"),
            ("h1 = :a AND begins_with(h2, :b)", "h2"),
            ("h1 = :a AND h2 BETWEEN :b AND :c", "h2"),
        ],
    )
    def test_hash_needs_equality(self, t2h2r: Any, condition: str, word: str) -> None:
        """Every HASH attribute needs an equality condition."""
        values = {k: "v" for k in "abc" if f":{k}" in condition}
        with pytest.raises(ValidationException) as err:
            query(t2h2r, condition, **values)
        assert "HASH" in message(err)
        assert "equality" in message(err)
        assert message(err).endswith(word)

    @pytest.mark.parametrize(
        "condition",
        [
            "r2 = :c",
            "r1 > :c AND r2 = :d",
            "r1 > :c AND r2 > :d",
            "begins_with(r1, :c) AND r2 = :d",
        ],
    )
    def test_range_left_to_right(self, t2h2r: Any, condition: str) -> None:
        """RANGE attributes: no gap, and only the last may be other than equality."""
        text = "h1 = :a AND h2 = :b AND " + condition
        values = {k: "v" for k in "abcd" if f":{k}" in text}
        with pytest.raises(ValidationException) as err:
            query(t2h2r, text, **values)
        assert "RANGE" in message(err)
        assert "equality" in message(err)

    def test_non_key_attribute_in_condition(self, t2h2r: Any) -> None:
        """A key condition on an attribute outside the key is refused."""
        with pytest.raises(ValidationException) as err:
            query(t2h2r, "h1 = :a AND h2 = :b AND color = :c", a="t", b="x", c="a")
        assert message(err) == "Query condition missed key schema element: r1"

    def test_wrong_value_type(self, t2h2r: Any) -> None:
        """A value of another type than the attribute's is refused."""
        with pytest.raises(ValidationException) as err:
            t2h2r.query(
                TableName="matches",
                IndexName="gsi",
                KeyConditionExpression="h1 = :a AND h2 = :b",
                ExpressionAttributeValues={":a": {"N": "1"}, ":b": {"S": "x"}},
            )
        assert "Condition parameter type does not match schema type" in message(err)

    @pytest.mark.parametrize("name", ["h2", "r1"])
    def test_filter_on_key_refused(self, t2h2r: Any, name: str) -> None:
        """A filter may not name any key attribute of the index."""
        with pytest.raises(ValidationException) as err:
            t2h2r.query(
                TableName="matches",
                IndexName="gsi",
                KeyConditionExpression="h1 = :a AND h2 = :b",
                FilterExpression=f"{name} = :c",
                ExpressionAttributeValues={
                    ":a": {"S": "t"},
                    ":b": {"S": "x"},
                    ":c": {"S": "a"},
                },
            )
        assert message(err) == (
            "Filter Expression can only contain non-primary key attributes: Primary key "
            f"attribute: {name}"
        )

    def test_filter_on_table_key_allowed(self, t2h2r: Any) -> None:
        """The table's own key is not the index's: a filter may name it."""
        response = t2h2r.query(
            TableName="matches",
            IndexName="gsi",
            KeyConditionExpression="h1 = :a AND h2 = :b",
            FilterExpression="p = :c",
            ExpressionAttributeValues={":a": {"S": "t"}, ":b": {"S": "x"}, ":c": {"S": "2"}},
        )
        assert ps(response) == ["2"]

    def test_legacy_key_conditions(self, t2h2r: Any) -> None:
        """KeyConditions work on a multi-attribute index as well."""
        response = t2h2r.query(
            TableName="matches",
            IndexName="gsi",
            KeyConditions={
                "h1": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "t"}]},
                "h2": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]},
                "r1": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
                "r2": {"ComparisonOperator": "GT", "AttributeValueList": [{"S": "1"}]},
            },
        )
        assert ps(response) == ["1", "2"]

    def test_one_hash_two_range(self, ddb: Any) -> None:
        """One HASH and two RANGE attributes: the partition is the single value."""
        create(ddb, ["h"], ["r1", "r2"])
        for n, (r1, r2) in enumerate([("b", "1"), ("a", "2"), ("a", "1")]):
            item = {"p": str(n), "h": "t", "r1": r1, "r2": r2}
            ddb.put_item(TableName="matches", Item={k: {"S": v} for k, v in item.items()})
        assert ps(query(ddb, "h = :h", h="t")) == ["2", "1", "0"]
        assert ps(query(ddb, "h = :h AND r1 = :a AND r2 > :b", h="t", a="a", b="1")) == ["1"]


class TestPages:
    def test_pages_round_trip(self, t2h2r: Any) -> None:
        """Limit pages through the partition; LastEvaluatedKey names every key."""
        seen: list[str] = []
        kwargs: dict[str, Any] = {}
        while True:
            response = t2h2r.query(
                TableName="matches",
                IndexName="gsi",
                KeyConditionExpression="h1 = :a AND h2 = :b",
                ExpressionAttributeValues={":a": {"S": "t"}, ":b": {"S": "x"}},
                Limit=1,
                **kwargs,
            )
            seen += ps(response)
            last = response.get("LastEvaluatedKey")
            if last is None:
                break
            assert set(last) == {"p", "h1", "h2", "r1", "r2"}
            kwargs["ExclusiveStartKey"] = last
        assert seen == ["0", "1", "2", "3"]

    def test_incomplete_start_key_refused(self, t2h2r: Any) -> None:
        """An ExclusiveStartKey missing a key attribute is refused."""
        with pytest.raises(ValidationException) as err:
            t2h2r.query(
                TableName="matches",
                IndexName="gsi",
                KeyConditionExpression="h1 = :a AND h2 = :b",
                ExpressionAttributeValues={":a": {"S": "t"}, ":b": {"S": "x"}},
                ExclusiveStartKey={k: {"S": "a"} for k in ("p", "h1", "r1", "r2")},
            )
        assert "starting key" in message(err)

    def test_scan_pages(self, t2h2r: Any) -> None:
        """A Scan of the index pages through every entry once."""
        seen: list[str] = []
        kwargs: dict[str, Any] = {}
        while True:
            response = t2h2r.scan(TableName="matches", IndexName="gsi", Limit=2, **kwargs)
            seen += ps(response)
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        assert sorted(seen) == ["0", "1", "2", "3", "4"]

    def test_store_invariants(self, cloud: Cloud, t2h2r: Any) -> None:
        """The engine's invariants hold (every entry points at a live item)."""
        t2h2r.delete_item(TableName="matches", Key={"p": {"S": "3"}})
        cloud.engine("dynamodb")._check()


class TestPartiqlOnMultiKeyIndex:
    def test_select_on_all_hash_attributes(self, t2h2r: Any) -> None:
        """PartiQL on a multi-attribute GSI finds the items its WHERE names (by a scan of
        the index), where pinning only the first HASH attribute was refused."""
        out = t2h2r.execute_statement(
            Statement='SELECT p FROM "matches"."gsi" WHERE h1 = ? AND h2 = ? AND r1 = ?',
            Parameters=[{"S": "t"}, {"S": "x"}, {"S": "a"}],
        )
        assert sorted(ps(out)) == ["0", "1", "2"]

    def test_select_matches_the_query(self, t2h2r: Any) -> None:
        by_query = query(t2h2r, "h1 = :h1 AND h2 = :h2", h1="t", h2="y")
        by_select = t2h2r.execute_statement(
            Statement="SELECT * FROM \"matches\".\"gsi\" WHERE h1 = 't' AND h2 = 'y'"
        )
        assert ps(by_select) == ps(by_query) == ["4"]
