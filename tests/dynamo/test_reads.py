"""Query and Scan: key conditions, order, pages, filters, Select, indexes, parallel scans."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.dynamo import ValidationException

from .conftest import make_table


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int | str) -> dict[str, str]:
    return {"N": str(v)}


def fill(ddb: Any, table: str, pk: str = "a", count: int = 10, **extra: Any) -> None:
    for n in range(count):
        item = {"pk": S(pk), "sk": N(n), "odd": {"BOOL": bool(n % 2)}}
        item.update(extra)
        ddb.put_item(TableName=table, Item=item)


def sks(out: dict[str, Any]) -> list[int]:
    return [int(i["sk"]["N"]) for i in out["Items"]]


def q(ddb: Any, table: str, expr: str = "pk = :p", values: Any = None, **kw: Any) -> Any:
    vals = {":p": S("a"), **(values or {})}
    return ddb.query(
        TableName=table, KeyConditionExpression=expr, ExpressionAttributeValues=vals, **kw
    )


GSI = {
    "IndexName": "byg",
    "KeySchema": [
        {"AttributeName": "g", "KeyType": "HASH"},
        {"AttributeName": "r", "KeyType": "RANGE"},
    ],
    "Projection": {"ProjectionType": "KEYS_ONLY"},
}
LSI = {
    "IndexName": "byl",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "l", "KeyType": "RANGE"},
    ],
    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]},
}


class TestQuery:
    @pytest.mark.parametrize(
        ("expr", "values", "expected"),
        [
            ("pk = :p", {}, list(range(10))),
            ("pk = :p AND sk = :v", {":v": N(3)}, [3]),
            ("pk = :p AND sk < :v", {":v": N(3)}, [0, 1, 2]),
            ("pk = :p AND sk <= :v", {":v": N(3)}, [0, 1, 2, 3]),
            ("pk = :p AND sk > :v", {":v": N(7)}, [8, 9]),
            ("pk = :p AND sk >= :v", {":v": N(7)}, [7, 8, 9]),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": N(2), ":b": N(4)}, [2, 3, 4]),
        ],
    )
    def test_key_conditions(
        self, ddb: Any, table: str, expr: str, values: Any, expected: list[int]
    ) -> None:
        """Each sort-key operator selects its range, in order."""
        fill(ddb, table)
        fill(ddb, table, pk="b")
        assert sks(q(ddb, table, expr, values)) == expected

    def test_begins_with_both_directions(self, ddb: Any) -> None:
        """begins_with on a string sort key, forwards and backwards."""
        make_table(ddb, sk_type="S")
        for s in ("a", "ab", "abc", "abd", "ac", "b"):
            ddb.put_item(TableName="items", Item={"pk": S("a"), "sk": S(s)})
        fwd = q(ddb, "items", "pk = :p AND begins_with(sk, :s)", {":s": S("ab")})
        assert [i["sk"]["S"] for i in fwd["Items"]] == ["ab", "abc", "abd"]
        back = q(
            ddb, "items", "pk = :p AND begins_with(sk, :s)", {":s": S("ab")}, ScanIndexForward=False
        )
        assert [i["sk"]["S"] for i in back["Items"]] == ["abd", "abc", "ab"]

    def test_string_order_is_utf8_bytes(self, ddb: Any) -> None:
        """String sort keys order by UTF-8 bytes."""
        make_table(ddb, sk_type="S")
        for s in ("é", "z", "Z", "a"):
            ddb.put_item(TableName="items", Item={"pk": S("a"), "sk": S(s)})
        assert [i["sk"]["S"] for i in q(ddb, "items")["Items"]] == ["Z", "a", "z", "é"]

    def test_backwards(self, ddb: Any, table: str) -> None:
        """ScanIndexForward=False reverses the order."""
        fill(ddb, table)
        assert sks(q(ddb, table, ScanIndexForward=False)) == list(range(9, -1, -1))

    def test_limit_and_pages(self, ddb: Any, table: str) -> None:
        """Limit pages the results; LastEvaluatedKey resumes after the last item."""
        fill(ddb, table)
        seen: list[int] = []
        start = None
        pages = 0
        while True:
            kw: dict[str, Any] = {"Limit": 3}
            if start:
                kw["ExclusiveStartKey"] = start
            out = q(ddb, table, **kw)
            seen += sks(out)
            pages += 1
            start = out.get("LastEvaluatedKey")
            if not start:
                break
        assert seen == list(range(10))
        assert pages == 4

    def test_limit_reached_exactly_still_gives_key(self, ddb: Any, table: str) -> None:
        """When Limit is reached, LastEvaluatedKey is returned even if nothing is left."""
        fill(ddb, table, count=3)
        out = q(ddb, table, Limit=3)
        assert out["LastEvaluatedKey"] == {"pk": S("a"), "sk": N(2)}
        assert q(ddb, table, ExclusiveStartKey=out["LastEvaluatedKey"])["Items"] == []

    def test_start_key_before_the_range(self, ddb: Any, table: str) -> None:
        """A start key outside the condition's sort range is refused, either direction."""
        fill(ddb, table)
        for expr, value, start, forward in (("sk > :v", 6, 2, True), ("sk < :v", 3, 8, False)):
            with pytest.raises(ValidationException, match="outside query boundaries"):
                q(
                    ddb,
                    table,
                    f"pk = :p AND {expr}",
                    {":v": N(value)},
                    ScanIndexForward=forward,
                    ExclusiveStartKey={"pk": S("a"), "sk": N(start)},
                )

    def test_bad_start_key(self, ddb: Any, table: str) -> None:
        """An ExclusiveStartKey without the table's key is refused."""
        with pytest.raises(ValidationException) as info:
            q(ddb, table, ExclusiveStartKey={"pk": S("a")})
        assert info.value.response["Error"]["Message"] == "The provided starting key is invalid"
        with pytest.raises(ValidationException, match="does not match the schema"):
            ddb.scan(TableName=table, ExclusiveStartKey={"pk": S("a")})

    def test_paginator_backwards(self, ddb: Any, table: str) -> None:
        """boto3's paginator walks every page, backwards too."""
        fill(ddb, table)
        pages = ddb.get_paginator("query").paginate(
            TableName=table,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": S("a")},
            ScanIndexForward=False,
            PaginationConfig={"PageSize": 4},
        )
        assert [int(i["sk"]["N"]) for p in pages for i in p["Items"]] == list(range(9, -1, -1))

    def test_filter_after_limit(self, ddb: Any, table: str) -> None:
        """FilterExpression applies after Limit: Count <= ScannedCount."""
        fill(ddb, table)
        out = q(ddb, table, FilterExpression="odd = :t", values={":t": {"BOOL": True}}, Limit=4)
        assert out["ScannedCount"] == 4
        assert out["Count"] == 2
        assert sks(out) == [1, 3]

    def test_page_is_one_megabyte(self, ddb: Any, table: str) -> None:
        """A page stops before the item that would take it past 1 MB, before filtering."""
        blob = S("x" * 300_000)
        fill(ddb, table, count=5, blob=blob)
        out = q(ddb, table, FilterExpression="odd = :f", values={":f": {"BOOL": False}})
        assert out["ScannedCount"] == 3  # a fourth 300 KB item would pass 1 MB
        assert out["Count"] == 2
        assert out["LastEvaluatedKey"] == {"pk": S("a"), "sk": N(2)}
        rest = q(ddb, table, ExclusiveStartKey=out["LastEvaluatedKey"])
        assert sks(rest) == [3, 4]

    def test_select_count(self, ddb: Any, table: str) -> None:
        """Select=COUNT returns counts and no items."""
        fill(ddb, table)
        out = q(ddb, table, Select="COUNT")
        assert "Items" not in out
        assert out["Count"] == 10

    def test_select_rules(self, ddb: Any, table: str) -> None:
        """Select values that conflict with the request are refused."""
        with pytest.raises(ValidationException, match="ALL_PROJECTED_ATTRIBUTES can be used only"):
            q(ddb, table, Select="ALL_PROJECTED_ATTRIBUTES")
        with pytest.raises(ValidationException, match="SPECIFIC_ATTRIBUTES"):
            q(ddb, table, Select="SPECIFIC_ATTRIBUTES")
        with pytest.raises(ValidationException, match="enum value set"):
            q(ddb, table, Select="SOME")

    def test_projection(self, ddb: Any, table: str) -> None:
        """ProjectionExpression shapes the items."""
        fill(ddb, table, count=2)
        out = q(ddb, table, ProjectionExpression="sk")
        assert out["Items"] == [{"sk": N(0)}, {"sk": N(1)}]

    def test_needs_key_condition(self, ddb: Any, table: str) -> None:
        """A Query without a key condition is refused."""
        with pytest.raises(
            ValidationException, match="KeyConditionExpression parameter must be specified"
        ):
            ddb.query(TableName=table)

    def test_missing_partition_key(self, ddb: Any, table: str) -> None:
        """The key condition must name the partition key."""
        with pytest.raises(
            ValidationException, match="Query condition missed key schema element: pk"
        ):
            ddb.query(
                TableName=table,
                KeyConditionExpression="sk = :v",
                ExpressionAttributeValues={":v": N(1)},
            )

    def test_key_type_mismatch(self, ddb: Any, table: str) -> None:
        """Key condition values must have the key's type."""
        with pytest.raises(
            ValidationException, match="Condition parameter type does not match schema type"
        ):
            q(ddb, table, "pk = :p AND sk = :v", {":v": S("1")})

    def test_filter_on_key_refused(self, ddb: Any, table: str) -> None:
        """A Query filter may not name key attributes."""
        with pytest.raises(ValidationException):
            q(ddb, table, FilterExpression="sk = :v", values={":v": N(1)})

    def test_limit_must_be_positive(self, ddb: Any, table: str, cloud: Cloud) -> None:
        """Limit is at least 1: boto3 refuses 0 before sending, DynamoDB too."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError, match="valid min value: 1"):
            q(ddb, table, Limit=0)
        with pytest.raises(ValidationException, match="Value at 'Limit'"):  # Query's words
            cloud.engine("dynamodb").query(
                {
                    "TableName": table,
                    "KeyConditionExpression": "pk = :p",
                    "ExpressionAttributeValues": {":p": "a"},
                    "Limit": 0,
                }
            )

    def test_unknown_parameter_refused_like_boto3(self, ddb: Any, table: str) -> None:
        """Unknown parameters fail as boto3's client-side validation fails them."""
        from botocore.exceptions import ParamValidationError

        with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
            q(ddb, table, Bogus=1)

    def test_consumed_capacity_rounds_once(self, ddb: Any, table: str) -> None:
        """A Query sums the sizes read and rounds once."""
        fill(ddb, table, count=10, x=S("y" * 1000))
        out = q(ddb, table, ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
        assert out["ConsumedCapacity"]["CapacityUnits"] == 3.0


class TestIndexes:
    @pytest.fixture
    def indexed(self, ddb: Any) -> str:
        make_table(
            ddb,
            more_types={"g": "S", "r": "N", "l": "N"},
            GlobalSecondaryIndexes=[GSI],
            LocalSecondaryIndexes=[LSI],
        )
        for n in range(6):
            item: dict[str, Any] = {"pk": S("a"), "sk": N(n), "x": N(n * 10), "y": N(1)}
            if n % 2 == 0:
                item.update(g=S("even"), r=N(10 - n))
            if n < 3:
                item["l"] = N(100 - n)
            ddb.put_item(TableName="items", Item=item)
        return "items"

    def test_gsi_query_sparse_and_sorted(self, ddb: Any, indexed: str) -> None:
        """A GSI holds only items with its keys, sorted by its sort key."""
        out = ddb.query(
            TableName=indexed,
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": S("even")},
        )
        assert [i["r"]["N"] for i in out["Items"]] == ["6", "8", "10"]
        assert set(out["Items"][0]) == {"pk", "sk", "g", "r"}

    def test_gsi_pages_carry_index_keys(self, ddb: Any, indexed: str) -> None:
        """LastEvaluatedKey of an index query holds table and index keys."""
        out = ddb.query(
            TableName=indexed,
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": S("even")},
            Limit=1,
        )
        assert set(out["LastEvaluatedKey"]) == {"pk", "sk", "g", "r"}
        rest = ddb.query(
            TableName=indexed,
            IndexName="byg",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": S("even")},
            ExclusiveStartKey=out["LastEvaluatedKey"],
        )
        assert [i["r"]["N"] for i in rest["Items"]] == ["8", "10"]

    def test_gsi_consistent_read_refused(self, ddb: Any, indexed: str) -> None:
        """Strongly consistent reads on a GSI are refused."""
        with pytest.raises(
            ValidationException,
            match="Consistent reads are not supported on global secondary indexes",
        ):
            ddb.query(
                TableName=indexed,
                IndexName="byg",
                KeyConditionExpression="g = :g",
                ExpressionAttributeValues={":g": S("even")},
                ConsistentRead=True,
            )

    def test_gsi_all_attributes_refused(self, ddb: Any, indexed: str) -> None:
        """ALL_ATTRIBUTES on a GSI that does not project all is refused."""
        with pytest.raises(ValidationException, match="projection type is not ALL"):
            ddb.query(
                TableName=indexed,
                IndexName="byg",
                KeyConditionExpression="g = :g",
                ExpressionAttributeValues={":g": S("even")},
                Select="ALL_ATTRIBUTES",
            )

    def test_lsi_projection_and_fetch(self, ddb: Any, indexed: str) -> None:
        """An LSI returns its projection, or whole items with ALL_ATTRIBUTES."""
        out = q(ddb, indexed, IndexName="byl", ConsistentRead=True)
        assert [i["l"]["N"] for i in out["Items"]] == ["98", "99", "100"]
        assert set(out["Items"][0]) == {"pk", "sk", "l", "x"}
        full = q(ddb, indexed, IndexName="byl", Select="ALL_ATTRIBUTES")
        assert "y" in full["Items"][0]

    def test_unknown_index(self, ddb: Any, table: str) -> None:
        """An unknown IndexName is refused."""
        with pytest.raises(ValidationException, match="does not have the specified index: nope"):
            q(ddb, table, IndexName="nope")

    def test_scan_index(self, ddb: Any, indexed: str, cloud: Cloud) -> None:
        """A Scan of an index sees only the indexed items."""
        out = ddb.scan(TableName=indexed, IndexName="byg")
        assert out["Count"] == 3
        cloud.engine("dynamodb")._check()


class TestScan:
    def test_scan_everything_in_stable_pages(self, ddb: Any, table: str) -> None:
        """Paged scans see every item once, in the same order each time."""
        for pk in "abcdefgh":
            fill(ddb, table, pk=pk, count=3)

        def walk(limit: int) -> list[tuple[str, int]]:
            got: list[tuple[str, int]] = []
            start = None
            while True:
                kw: dict[str, Any] = {"Limit": limit}
                if start:
                    kw["ExclusiveStartKey"] = start
                out = ddb.scan(TableName=table, **kw)
                got += [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]]
                start = out.get("LastEvaluatedKey")
                if not start:
                    return got

        one = walk(5)
        assert len(one) == 24
        assert len(set(one)) == 24
        assert walk(7) == one

    def test_parallel_scan_is_disjoint(self, ddb: Any, simple: str) -> None:
        """Segments are disjoint and cover the table."""
        for n in range(200):
            ddb.put_item(TableName=simple, Item={"id": S(f"k{n}")})
        seen: list[str] = []
        sizes = []
        for seg in range(4):
            items = ddb.scan(TableName=simple, Segment=seg, TotalSegments=4)["Items"]
            sizes.append(len(items))
            seen += [i["id"]["S"] for i in items]
        assert sorted(seen) == sorted(f"k{n}" for n in range(200))
        assert all(s > 0 for s in sizes)

    def test_segment_rules(self, ddb: Any, table: str) -> None:
        """Segment needs TotalSegments and must be below it."""
        with pytest.raises(ValidationException, match="TotalSegments parameter is required"):
            ddb.scan(TableName=table, Segment=0)
        with pytest.raises(ValidationException, match="Segment parameter is required"):
            ddb.scan(TableName=table, TotalSegments=2)
        with pytest.raises(
            ValidationException, match="Segment: 2 is not less than TotalSegments: 2"
        ):
            ddb.scan(TableName=table, Segment=2, TotalSegments=2)

    def test_filter_and_count(self, ddb: Any, table: str) -> None:
        """A Scan filter counts matches among the items scanned."""
        fill(ddb, table)
        out = ddb.scan(
            TableName=table,
            FilterExpression="odd = :t",
            ExpressionAttributeValues={":t": {"BOOL": True}},
            Select="COUNT",
        )
        assert (out["Count"], out["ScannedCount"]) == (5, 10)

    def test_legacy_scan_filter(self, ddb: Any, table: str) -> None:
        """ScanFilter still works."""
        fill(ddb, table)
        out = ddb.scan(
            TableName=table,
            ScanFilter={"sk": {"ComparisonOperator": "GE", "AttributeValueList": [N(8)]}},
        )
        assert sorted(sks(out)) == [8, 9]

    def test_legacy_key_conditions(self, ddb: Any, table: str) -> None:
        """KeyConditions still works."""
        fill(ddb, table)
        out = ddb.query(
            TableName=table,
            KeyConditions={
                "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("a")]},
                "sk": {"ComparisonOperator": "LT", "AttributeValueList": [N(2)]},
            },
        )
        assert sks(out) == [0, 1]

    KC = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}}

    def test_key_conditions_with_projection_and_filter_expressions(
        self, ddb: Any, table: str
    ) -> None:
        """KeyConditions goes with ProjectionExpression, FilterExpression and Select."""
        fill(ddb, table, count=4)
        out = ddb.query(
            TableName=table,
            KeyConditions=self.KC,
            ProjectionExpression="sk",
            FilterExpression="odd = :t",
            ExpressionAttributeValues={":t": {"BOOL": True}},
        )
        assert out["Items"] == [{"sk": N(1)}, {"sk": N(3)}]
        out = ddb.query(TableName=table, KeyConditions=self.KC, Select="COUNT")
        assert out["Count"] == 4

    @pytest.mark.parametrize(
        ("extra", "legacy", "expressions"),
        [
            (
                {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": S("a")}},
                "KeyConditions",
                "KeyConditionExpression",
            ),
            (
                {
                    "QueryFilter": {"sk": {"ComparisonOperator": "NOT_NULL"}},
                    "FilterExpression": "sk > :z",
                    "ExpressionAttributeValues": {":z": N(0)},
                },
                "QueryFilter",
                "FilterExpression",
            ),
            (
                {"AttributesToGet": ["sk"], "ProjectionExpression": "sk"},
                "AttributesToGet",
                "ProjectionExpression",
            ),
        ],
    )
    def test_real_conflicts_are_refused(
        self, ddb: Any, table: str, extra: dict[str, Any], legacy: str, expressions: str
    ) -> None:
        """A legacy parameter with an expression one that conflicts is still refused."""
        with pytest.raises(ValidationException) as err:
            ddb.query(TableName=table, KeyConditions=self.KC, **extra)
        assert err.value.response["Error"]["Message"] == (
            "Can not use both expression and non-expression parameters in the same request: "
            f"Non-expression parameters: {{{legacy}}} Expression parameters: {{{expressions}}}"
        )


class TestReadRejections:
    def test_scan_gsi_consistent_read(self, ddb: Any) -> None:
        """A consistent Scan of a GSI is refused too."""
        make_table(ddb, more_types={"g": "S", "r": "N"}, GlobalSecondaryIndexes=[GSI])
        with pytest.raises(ValidationException, match="Consistent reads are not supported"):
            ddb.scan(TableName="items", IndexName="byg", ConsistentRead=True)

    def test_count_with_projection(self, ddb: Any, table: str) -> None:
        """Select=COUNT with a ProjectionExpression is refused (a Query in the envelope)."""
        with pytest.raises(ValidationException) as info:
            q(ddb, table, Select="COUNT", ProjectionExpression="sk")
        assert info.value.response["Error"]["Message"] == (
            "1 validation error detected: "
            "Cannot specify the ProjectionExpression when choosing to get only the Count"
        )

    def test_query_missing_table(self, ddb: Any) -> None:
        """A Query of a missing table raises ResourceNotFoundException."""
        with pytest.raises(ddb.exceptions.ResourceNotFoundException):
            q(ddb, "nope")

    OUTSIDE = "The provided starting key is outside query boundaries based on provided conditions"

    def test_start_key_other_partition(self, ddb: Any, table: str) -> None:
        """An ExclusiveStartKey outside the queried partition is refused."""
        with pytest.raises(ValidationException) as err:
            q(ddb, table, ExclusiveStartKey={"pk": S("b"), "sk": N(1)})
        assert err.value.response["Error"]["Message"] == self.OUTSIDE

    @pytest.mark.parametrize(
        ("expr", "values", "start", "inside"),
        [
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": N(2), ":b": N(5)}, 1, False),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": N(2), ":b": N(5)}, 2, True),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": N(2), ":b": N(5)}, 5, True),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": N(2), ":b": N(5)}, 6, False),
            ("pk = :p AND sk > :a", {":a": N(3)}, 3, False),
            ("pk = :p AND sk > :a", {":a": N(3)}, 4, True),
            ("pk = :p AND sk <= :a", {":a": N(3)}, 3, True),
            ("pk = :p AND sk <= :a", {":a": N(3)}, 4, False),
            ("pk = :p AND sk = :a", {":a": N(3)}, 2, False),
        ],
    )
    def test_start_key_outside_the_sort_range(
        self, ddb: Any, table: str, expr: str, values: dict[str, Any], start: int, inside: bool
    ) -> None:
        """A start key whose sort key the condition excludes is outside the boundaries."""
        fill(ddb, table)
        kw = {"ExclusiveStartKey": {"pk": S("a"), "sk": N(start)}}
        if inside:
            q(ddb, table, expr, values, **kw)
            return
        with pytest.raises(ValidationException) as err:
            q(ddb, table, expr, values, **kw)
        assert err.value.response["Error"]["Message"] == self.OUTSIDE

    def test_start_key_schema_comes_before_the_condition(self, ddb: Any, table: str) -> None:
        """A start key missing a key attribute is invalid, whatever its partition."""
        with pytest.raises(ValidationException) as err:
            q(ddb, table, ExclusiveStartKey={"pk": S("b")})
        assert err.value.response["Error"]["Message"] == "The provided starting key is invalid"
        with pytest.raises(ValidationException) as err:
            q(ddb, table, ExclusiveStartKey={"pk": S("b"), "sk": N(1), "x": S("y")})
        assert err.value.response["Error"]["Message"] == "The provided starting key is invalid"

    def test_index_start_key_needs_the_index_keys(self, ddb: Any) -> None:
        """On an index, the start key carries the table's and the index's keys."""
        make_table(ddb, more_types={"g": "S", "r": "N"}, GlobalSecondaryIndexes=[GSI])
        kw = {"IndexName": "byg", "KeyConditionExpression": "g = :g"}
        values = {":g": S("x")}
        with pytest.raises(ValidationException) as err:
            ddb.query(
                TableName="items",
                ExpressionAttributeValues=values,
                ExclusiveStartKey={"pk": S("a"), "sk": N(1)},
                **kw,
            )
        assert err.value.response["Error"]["Message"] == "The provided starting key is invalid"
        with pytest.raises(ValidationException) as err:
            ddb.query(
                TableName="items",
                ExpressionAttributeValues=values,
                ExclusiveStartKey={"pk": S("a"), "sk": N(1), "g": S("other"), "r": N(1)},
                **kw,
            )
        assert err.value.response["Error"]["Message"] == self.OUTSIDE


class TestPageBoundary:
    """Both sides of the page limit (100 bytes here), Query and Scan, both key shapes."""

    @staticmethod
    def _client(range_key: bool) -> Any:
        ddb = Cloud.manual(limits={"dynamodb": {"max_page_bytes": 100}}).client("dynamodb")
        make_table(ddb, sk="sk" if range_key else None)
        return ddb

    @staticmethod
    def _put(ddb: Any, n: int, pad: int, range_key: bool) -> None:
        # "pk"+"a" is 3 bytes, "sk"+N(1..9) 4, "blob"+pad characters 4 + pad.
        item = {"pk": S("a"), "blob": S("x" * pad)}
        if range_key:
            item["sk"] = N(n)
        else:
            item["pk"] = S(f"{n}")  # "pk"+one digit is 3 bytes too
        ddb.put_item(TableName="items", Item=item)

    # A Query of a hash-only table reads one item at most: no page boundary to cross.
    SHAPES = pytest.mark.parametrize(
        ("op", "range_key"), [("query", True), ("scan", True), ("scan", False)]
    )

    @SHAPES
    def test_exactly_full_page_keeps_the_item(self, range_key: bool, op: str) -> None:
        """Items filling the page exactly are all in it; the next one starts a new page."""
        ddb = self._client(range_key)
        # 50-byte items with a sort key (3 + 4 + 43), 50 without (3 + 47).
        pad = 39 if range_key else 43
        for n in range(1, 4):
            self._put(ddb, n, pad, range_key)
        out = self._read(ddb, op)
        assert out["ScannedCount"] == 2  # 50 + 50 = 100: full; the third would pass
        assert "LastEvaluatedKey" in out
        rest = self._read(ddb, op, out["LastEvaluatedKey"])
        assert rest["ScannedCount"] == 1

    @SHAPES
    def test_one_byte_over_stops_before_the_item(self, range_key: bool, op: str) -> None:
        """An item that would take the page one byte past the limit starts the next page."""
        ddb = self._client(range_key)
        pad = 39 if range_key else 43
        self._put(ddb, 1, pad, range_key)  # 50 bytes
        self._put(ddb, 2, pad + 1, range_key)  # 51 bytes: 101 > 100
        out = self._read(ddb, op)
        assert out["ScannedCount"] == 1
        assert "LastEvaluatedKey" in out
        rest = self._read(ddb, op, out["LastEvaluatedKey"])
        assert rest["ScannedCount"] == 1
        assert "LastEvaluatedKey" not in rest

    @staticmethod
    def _read(ddb: Any, op: str, start: Any = None) -> Any:
        kw: dict[str, Any] = {"TableName": "items"}
        if start is not None:
            kw["ExclusiveStartKey"] = start
        if op == "scan":
            return ddb.scan(**kw)
        kw.update(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("a")})
        return ddb.query(**kw)
