"""ExecuteStatement: SELECT, INSERT, UPDATE and DELETE as DynamoDB answers them."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

from .conftest import error_of, make_music, run


def titles(response: Any) -> list[str]:
    return [i["SongTitle"]["S"] for i in response["Items"]]


class TestSelect:
    """SELECT becomes a Query when WHERE pins the partition key, else a Scan."""

    def test_partition_key_query_sorted(self, ddb: Any, music: str) -> None:
        """= on the partition key reads one partition, in sort-key order."""
        out = run(ddb, "SELECT SongTitle FROM music WHERE Artist = ?", {"S": "Acme"})
        assert out["Items"] == [{"SongTitle": {"S": t}} for t in "ABC"]

    def test_order_by_desc(self, ddb: Any, music: str) -> None:
        """ORDER BY the sort key DESC reads the partition backwards."""
        out = run(ddb, "SELECT * FROM music WHERE Artist = 'Acme' ORDER BY SongTitle DESC")
        assert titles(out) == ["C", "B", "A"]
        out = run(ddb, "SELECT * FROM music WHERE Artist = 'Acme' ORDER BY SongTitle ASC")
        assert titles(out) == ["A", "B", "C"]

    def test_in_and_or_on_partition_key(self, ddb: Any, music: str) -> None:
        """IN and ORs of = on the partition key read each partition named."""
        a = run(ddb, "SELECT * FROM music WHERE Artist IN ['Zed', 'Acme']")
        b = run(ddb, "SELECT * FROM music WHERE Artist = 'Zed' OR Artist = 'Acme'")
        assert titles(a) == titles(b) == ["Z", "A", "B", "C"]

    def test_scan_with_filter(self, ddb: Any, music: str) -> None:
        """A WHERE that does not pin the partition key scans and filters."""
        out = run(ddb, 'SELECT SongTitle FROM music WHERE "Year" = 2021')
        assert sorted(titles(out)) == ["B", "Z"]
        assert len(run(ddb, "SELECT * FROM music")["Items"]) == 4

    def test_sort_key_conditions(self, ddb: Any, music: str) -> None:
        """BETWEEN, begins_with and comparisons on the sort key, with other filters."""
        q = "SELECT * FROM music WHERE Artist = 'Acme' AND SongTitle BETWEEN 'B' AND 'C'"
        assert titles(run(ddb, q)) == ["B", "C"]
        q = "SELECT * FROM music WHERE Artist = 'Acme' AND begins_with(SongTitle, 'A')"
        assert titles(run(ddb, q)) == ["A"]
        q = "SELECT * FROM music WHERE Artist = 'Acme' AND SongTitle > 'A' AND \"Year\" = 2020"
        assert titles(run(ddb, q)) == ["C"]
        q = "SELECT * FROM music WHERE Artist = 'Acme' AND SongTitle <> 'B'"
        assert titles(run(ddb, q)) == ["A", "C"]

    def test_functions_and_is(self, ddb: Any, music: str) -> None:
        """contains, size, attribute_type, attribute_exists, IS [NOT] MISSING / NULL."""
        base = "SELECT SongTitle FROM music WHERE Artist = 'Acme' AND "
        assert titles(run(ddb, base + "contains(Tags, 'B')")) == ["B"]
        assert titles(run(ddb, base + "size(Tags) = 2")) == ["A", "B", "C"]
        assert titles(run(ddb, base + "attribute_type(Tags, 'SS')")) == ["A", "B", "C"]
        assert titles(run(ddb, base + "attribute_exists(Nope)")) == []
        assert titles(run(ddb, base + "Nope IS MISSING AND Tags IS NOT MISSING")) == list("ABC")
        assert titles(run(ddb, base + "NOT attribute_exists(Info.plays)")) == []
        assert titles(run(ddb, base + "attribute_exists(Info) = true")) == list("ABC")
        assert titles(run(ddb, base + "Tags IS NULL")) == []
        assert titles(run(ddb, base + "Nope = MISSING")) == list("ABC")

    def test_index(self, ddb: Any, music: str) -> None:
        """FROM "table"."index" queries the index by its own key."""
        out = run(ddb, 'SELECT SongTitle FROM "music"."byYear" WHERE "Year" = 2020')
        assert sorted(titles(out)) == ["A", "C"]

    def test_projection_of_paths(self, ddb: Any, music: str) -> None:
        """A nested path answers under its last name (indexes kept) [?]."""
        out = run(ddb, "SELECT Info.plays, Info.charts[1] FROM music WHERE Artist = 'Zed'")
        assert out["Items"] == [{"plays": {"N": "10"}, "charts[1]": {"N": "2"}}]

    def test_parameters_of_every_type(self, ddb: Any, users: str) -> None:
        """Parameters bind in order, whatever their type."""
        values = [{"B": b"\x00"}, {"NS": ["1", "2"]}, {"L": [{"NULL": True}]}, {"BOOL": False}]
        run(
            ddb,
            "INSERT INTO users VALUE {'id': ?, 'b': ?, 'ns': ?, 'l': ?, 'f': ?}",
            {"S": "p"},
            *values,
        )
        got = ddb.get_item(TableName="users", Key={"id": {"S": "p"}})["Item"]
        assert [got[k] for k in ("b", "ns", "l", "f")] == values

    def test_consumed_capacity(self, ddb: Any, music: str) -> None:
        """ReturnConsumedCapacity reports the read's units."""
        out = run(ddb, "SELECT * FROM music WHERE Artist = 'Zed'", ReturnConsumedCapacity="TOTAL")
        assert out["ConsumedCapacity"] == {"TableName": "music", "CapacityUnits": 0.5}


class TestPaging:
    """Limit and NextToken page a SELECT; a page also ends at 1 MB."""

    def test_limit_pages_through_everything(self, ddb: Any, music: str) -> None:
        seen: list[str] = []
        kwargs: dict[str, Any] = {"Limit": 1}
        pages = 0
        while True:
            out = run(ddb, "SELECT * FROM music WHERE Artist IN ['Acme', 'Zed']", **kwargs)
            seen += titles(out)
            pages += 1
            if "NextToken" not in out:
                break
            kwargs["NextToken"] = out["NextToken"]
        assert seen == ["A", "B", "C", "Z"]
        assert pages >= 4

    def test_limit_edge(self, ddb: Any, music: str) -> None:
        """Limit 3 on a 3-item partition answers the three; Limit 0 is refused."""
        out = run(ddb, "SELECT * FROM music WHERE Artist = 'Acme'", Limit=3)
        assert titles(out) == ["A", "B", "C"]
        out = run(ddb, "SELECT * FROM music WHERE Artist = 'Acme'", Limit=2)
        assert titles(out) == ["A", "B"] and "NextToken" in out

    def test_token_is_opaque_and_seeded(self, music: str) -> None:
        """Two Clouds with one seed issue the same token; a stranger token is refused."""

        def first_token(seed: int) -> str:
            cloud = Cloud.manual(seed=seed)
            client = cloud.client("dynamodb")
            make_music(client)
            return str(run(client, "SELECT * FROM music", Limit=1)["NextToken"])

        assert first_token(7) == first_token(7)

    def test_foreign_token_refused(self, ddb: Any, music: str) -> None:
        token = run(ddb, "SELECT * FROM music", Limit=1)["NextToken"]
        code, message = error_of(lambda: run(ddb, "SELECT SongTitle FROM music", NextToken=token))
        assert (code, message) == ("ValidationException", "Invalid NextToken")

    @pytest.mark.parametrize(("count", "pages"), [(10, 1), (11, 2)])
    def test_one_megabyte_page(self, ddb: Any, users: str, count: int, pages: int) -> None:
        """Ten ~100 KB items fit one page; an eleventh starts a second."""
        blob = "x" * (100 * 1024 - 40)
        for i in range(count):
            ddb.put_item(TableName="users", Item={"id": {"S": f"{i:02}"}, "v": {"S": blob}})
        kwargs: dict[str, Any] = {}
        n, total = 0, 0
        while True:
            out = run(ddb, "SELECT id FROM users", **kwargs)
            n += 1
            total += len(out["Items"])
            if "NextToken" not in out:
                break
            kwargs["NextToken"] = out["NextToken"]
        assert total == count
        assert n == pages


class TestInsert:
    def test_insert_then_duplicate(self, ddb: Any, users: str) -> None:
        """INSERT writes a new item; the same key again is DuplicateItemException."""
        assert run(ddb, "INSERT INTO users VALUE {'id': 'a', 'n': 1}")["Items"] == []
        code, message = error_of(lambda: run(ddb, "INSERT INTO users VALUE {'id': 'a'}"))
        assert (code, message) == (
            "DuplicateItemException",
            "Duplicate primary key exists in table",
        )
        got = ddb.get_item(TableName="users", Key={"id": {"S": "a"}})["Item"]
        assert got == {"id": {"S": "a"}, "n": {"N": "1"}}

    def test_item_rules_apply(self, ddb: Any, users: str) -> None:
        """The PutItem rules (key present, 400 KB) apply to INSERT."""
        code, message = error_of(lambda: run(ddb, "INSERT INTO users VALUE {'x': 1}"))
        assert code == "ValidationException" and "Missing the key id" in message
        big = {"S": "x" * (400 * 1024)}
        code, message = error_of(
            lambda: run(ddb, "INSERT INTO users VALUE {'id': 'b', 'v': ?}", big)
        )
        assert "maximum allowed size" in message


class TestUpdate:
    def test_set_arithmetic_list_and_sets(self, ddb: Any, music: str) -> None:
        """SET with + and -, list_append, set_add and set_delete; REMOVE."""
        out = run(
            ddb,
            'UPDATE music SET "Year" = "Year" + 1, L = list_append([0], ?) '
            "SET Tags = set_add(Tags, <<'y'>>) REMOVE Info "
            "WHERE Artist = 'Zed' AND SongTitle = 'Z' RETURNING ALL NEW *",
            {"L": [{"N": "5"}]},
        )
        item = out["Items"][0]
        assert item["Year"] == {"N": "2022"}
        assert item["L"] == {"L": [{"N": "0"}, {"N": "5"}]}
        assert sorted(item["Tags"]["SS"]) == ["Z", "x", "y"]
        assert "Info" not in item
        out = run(
            ddb,
            "UPDATE music SET Tags = set_delete(Tags, <<'y', 'Z'>>) WHERE "
            "Artist = 'Zed' AND SongTitle = 'Z' RETURNING MODIFIED NEW *",
        )
        assert out["Items"] == [{"Tags": {"SS": ["x"]}}]

    @pytest.mark.parametrize(
        ("returning", "expected"),
        [
            ("ALL OLD", {"Artist", "SongTitle", "Year", "Tags", "Info"}),
            ("MODIFIED OLD", {"Year"}),
            ("MODIFIED NEW", {"Year"}),
        ],
    )
    def test_returning(self, ddb: Any, music: str, returning: str, expected: set[str]) -> None:
        out = run(
            ddb,
            f"UPDATE music SET \"Year\" = 1 WHERE Artist = 'Zed' AND SongTitle = 'Z' "
            f"RETURNING {returning} *",
        )
        assert set(out["Items"][0]) == expected

    def test_missing_item_fails(self, ddb: Any, music: str) -> None:
        """UPDATE of a key with no item is ConditionalCheckFailed and creates nothing."""
        code, _ = error_of(
            lambda: run(ddb, "UPDATE music SET x = 1 WHERE Artist = 'No' AND SongTitle = 'N'")
        )
        assert code == "ConditionalCheckFailedException"
        assert "Item" not in ddb.get_item(
            TableName="music", Key={"Artist": {"S": "No"}, "SongTitle": {"S": "N"}}
        )

    def test_extra_where_is_a_condition(self, ddb: Any, music: str) -> None:
        """Conditions beside the key guard the write; ALL_OLD returns the item on failure."""
        q = "UPDATE music SET x = 1 WHERE Artist = 'Zed' AND SongTitle = 'Z' AND \"Year\" = 1999"
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as info:
            run(ddb, q, ReturnValuesOnConditionCheckFailure="ALL_OLD")
        assert info.value.response["Item"]["SongTitle"] == {"S": "Z"}
        run(ddb, q.replace("1999", "2021"))
        got = ddb.get_item(TableName="music", Key={"Artist": {"S": "Zed"}, "SongTitle": {"S": "Z"}})
        assert got["Item"]["x"] == {"N": "1"}

    @pytest.mark.parametrize(
        "where",
        [
            "Artist = 'Zed'",
            "Artist = 'Zed' OR SongTitle = 'Z'",
            "SongTitle = 'Z'",
            "Artist > 'Zed' AND SongTitle = 'Z'",
        ],
    )
    def test_needs_whole_key(self, ddb: Any, music: str, where: str) -> None:
        code, message = error_of(lambda: run(ddb, f"UPDATE music SET x = 1 WHERE {where}"))
        assert (code, message) == (
            "ValidationException",
            "Where clause does not contain a mandatory equality on all key attributes",
        )

    def test_set_function_misuse(self, ddb: Any, music: str) -> None:
        """DynamoDB's words (with positions) for set_add used wrongly."""
        key = " WHERE Artist = 'Zed' AND SongTitle = 'Z'"
        _, m = error_of(lambda: run(ddb, "UPDATE music SET T = set_add(Tags, <<'q'>>)" + key))
        assert m == "The first argument to SET_ADD must equal the assignment value at 1:22:7"
        _, m = error_of(lambda: run(ddb, "UPDATE music SET Tags = set_add(Tags, 'q')" + key))
        assert m == "The second argument to SET_ADD must be a value with type SET at 1:33:4"
        _, m = error_of(lambda: run(ddb, "UPDATE music SET Tags = set_add(Tags)" + key))
        assert m == "SET_ADD must have exactly two arguments at 1:25:7"
        _, m = error_of(lambda: run(ddb, "UPDATE music SET Tags = set_add(Tags, <<1>>)" + key))
        assert m == "An operand in the update expression has an incorrect data type"


class TestDelete:
    def test_delete_and_returning(self, ddb: Any, music: str) -> None:
        q = "DELETE FROM music WHERE Artist = 'Zed' AND SongTitle = 'Z' RETURNING ALL OLD *"
        assert titles(run(ddb, q)) == ["Z"]
        assert run(ddb, q)["Items"] == []  # nothing left: success, no item

    def test_missing_item_is_success(self, ddb: Any, music: str) -> None:
        """No item at the key: success, even when a condition is given."""
        q = "DELETE FROM music WHERE Artist = 'No' AND SongTitle = 'N' AND x = 1"
        assert run(ddb, q)["Items"] == []

    def test_condition_false_keeps_item(self, ddb: Any, music: str) -> None:
        q = "DELETE FROM music WHERE Artist = 'Zed' AND SongTitle = 'Z' AND attribute_exists(nope)"
        code, _ = error_of(lambda: run(ddb, q))
        assert code == "ConditionalCheckFailedException"
        assert len(run(ddb, "SELECT * FROM music WHERE Artist = 'Zed'")["Items"]) == 1


class TestErrors:
    def test_missing_table(self, ddb: Any) -> None:
        code, message = error_of(lambda: run(ddb, "SELECT * FROM nothing"))
        assert (code, message) == ("ResourceNotFoundException", "Requested resource not found")

    def test_parameter_count_both_sides(self, ddb: Any, music: str) -> None:
        q = "SELECT * FROM music WHERE Artist = ?"
        for params in ([], [{"S": "a"}, {"S": "b"}]):
            code, message = error_of(
                lambda p=params: ddb.execute_statement(
                    Statement=q, **({"Parameters": p} if p else {})
                )
            )
            assert code == "ValidationException"
            assert message == "Number of parameters in request and statement don't match."
        assert run(ddb, q, {"S": "Zed"})["Items"]

    def test_ordering_operand_type(self, ddb: Any, music: str) -> None:
        _code, message = error_of(
            lambda: run(ddb, "SELECT * FROM music WHERE x < ?", {"BOOL": True})
        )
        assert message == (
            "Incorrect operand type for operator or function; operator or function: <, "
            "operand type: BOOL"
        )

    def test_unknown_function(self, ddb: Any, music: str) -> None:
        q = "SELECT * FROM music WHERE Artist = 'a' AND EXISTS(x)"
        assert error_of(lambda: run(ddb, q))[1] == "Unrecognized function: exists at 1:44:6"

    def test_order_by_rules(self, ddb: Any, music: str) -> None:
        _, m = error_of(lambda: run(ddb, "SELECT * FROM music ORDER BY SongTitle"))
        assert m == "Must have WHERE clause in the statement when using ORDER BY clause."
        _, m = error_of(lambda: run(ddb, "SELECT * FROM music WHERE Artist = 'a' ORDER BY x"))
        assert m.startswith("Variable reference [x] in ORDER BY clause")

    def test_refusal_changes_nothing(self, ddb: Any, users: str) -> None:
        """A refused INSERT writes nothing."""
        error_of(lambda: run(ddb, "INSERT INTO users VALUE {'id': 'z'} foo"))
        assert run(ddb, "SELECT * FROM users")["Items"] == []

    def test_index_and_consistency_rules(self, ddb: Any, music: str) -> None:
        """Query's own rules apply: unknown index, consistent read on a GSI."""
        q = 'SELECT * FROM "music"."nope" WHERE "Year" = 1'
        assert (
            error_of(lambda: run(ddb, q))[1] == "The table does not have the specified index: nope"
        )
        q = 'SELECT * FROM "music"."byYear" WHERE "Year" = 1'
        _, m = error_of(lambda: run(ddb, q, ConsistentRead=True))
        assert m == "Consistent reads are not supported on global secondary indexes"


class TestParameterNumbers:
    """A number parameter DynamoDB cannot read, in its words, everywhere."""

    Q = "SELECT * FROM users WHERE id = 'a' AND n = ?"
    BAD = "The parameter cannot be converted to a numeric value"

    @pytest.mark.parametrize(
        "text", ["1e99999999999", "-1e99999999999", "1e2147483648", "1e-2147483649"]
    )
    def test_exponent_outside_int(self, ddb: Any, users: str, text: str) -> None:
        _, message = error_of(lambda: run(ddb, self.Q, {"N": text}))
        assert message == f"{self.BAD}: {text}"

    def test_exponent_last_inside(self, ddb: Any, users: str) -> None:
        """2**31 - 1 converts (and is then out of DynamoDB's range)."""
        _, message = error_of(lambda: run(ddb, self.Q, {"N": "1e2147483647"}))
        assert message.startswith("Number overflow")

    def test_empty_and_nested(self, ddb: Any, users: str) -> None:
        assert error_of(lambda: run(ddb, self.Q, {"N": ""}))[1] == self.BAD
        nested = {"M": {"x": {"L": [{"N": "1"}, {"N": "1e99999999999"}]}}}
        assert error_of(lambda: run(ddb, self.Q, nested))[1] == f"{self.BAD}: 1e99999999999"
        assert error_of(lambda: run(ddb, self.Q, {"NS": ["1", "1e99999999999"]}))[1] == (
            f"{self.BAD}: 1e99999999999"
        )

    def test_batch_answers_per_statement(self, ddb: Any, users: str) -> None:
        out = ddb.batch_execute_statement(
            Statements=[
                {"Statement": self.Q, "Parameters": [{"N": "1e99999999999"}]},
                {"Statement": "SELECT * FROM users WHERE id = 'a'"},
            ]
        )
        assert out["Responses"] == [
            {"Error": {"Code": "ValidationError", "Message": f"{self.BAD}: 1e99999999999"}},
            {"TableName": "users"},
        ]

    def test_transaction_raises(self, ddb: Any, users: str) -> None:
        statements = [
            {
                "Statement": "UPDATE users SET n = ? WHERE id = 'a'",
                "Parameters": [{"N": "1e99999999999"}],
            }
        ]
        code, message = error_of(lambda: ddb.execute_transaction(TransactStatements=statements))
        assert (code, message) == ("ValidationException", f"{self.BAD}: 1e99999999999")
