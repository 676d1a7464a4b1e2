"""The PartiQL parser: what it reads, and DynamoDB's words for what it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pyserverless.dynamo import ValidationException
from pyserverless.dynamo._partiql import _ast as ast
from pyserverless.dynamo._partiql._parser import parse

NWF = "Statement wasn't well formed, can't be processed: "


def message(text: str) -> str:
    with pytest.raises(ValidationException) as info:
        parse(text)
    return info.value.message


class TestReads:
    """Statements the parser accepts become the expected trees."""

    def test_select_star_with_index(self) -> None:
        """SELECT * FROM "t"."i" names the table and the index."""
        stmt = parse('SELECT * FROM "music"."byYear"')
        assert isinstance(stmt, ast.Select)
        assert (stmt.table, stmt.index, stmt.projection, stmt.where) == (
            "music",
            "byYear",
            None,
            None,
        )

    def test_paths_and_parameters(self) -> None:
        """Dotted and indexed paths, and ? numbered in order of appearance."""
        stmt = parse("SELECT a.b[2], \"c d\" FROM t WHERE x = ? AND y IN [?, 'z']")
        assert isinstance(stmt, ast.Select)
        assert stmt.projection is not None
        assert [p.steps for p in stmt.projection] == [("a", "b", 2), ("c d",)]
        assert stmt.params == 2

    def test_literals(self) -> None:
        """Strings (doubled quote), numbers (exponent, no leading digit), sets, lists, maps."""
        stmt = parse(
            "INSERT INTO t VALUE {'s': 'it''s', 'n': -.73e1, 'e': 7.31E6, "
            "'ss': <<'a', 'b'>>, 'l': [1, TRUE, NULL], 'm': {'k': {}}}"
        )
        assert isinstance(stmt, ast.Insert)
        values = {k: v.value for k, v in stmt.item}
        assert values == {
            "s": "it's",
            "n": Decimal("-7.3"),
            "e": Decimal("7310000"),
            "ss": {"a", "b"},
            "l": [Decimal(1), True, None],
            "m": {"k": {}},
        }

    def test_comments_are_blank(self) -> None:
        """-- and /* */ comments are skipped wherever they stand."""
        a = parse("-- note\nSELECT * FROM t /* x */ WHERE pk = 1 -- end")
        b = parse("SELECT * FROM t WHERE pk = 1")
        assert a == b

    def test_keywords_any_case(self) -> None:
        """Keywords and function names are read in any case."""
        assert parse("select * from t where ATTRIBUTE_EXISTS(a)") == parse(
            "SELECT * FROM t WHERE attribute_exists(a)"
        )

    def test_update_clauses(self) -> None:
        """SET (repeated or comma-separated), REMOVE and RETURNING."""
        stmt = parse(
            "UPDATE t SET a = 1, b = b + 2 SET c = ? REMOVE d WHERE pk = 1 RETURNING MODIFIED NEW *"
        )
        assert isinstance(stmt, ast.Update)
        assert len(stmt.actions) == 4 and stmt.returning == "UPDATED_NEW"

    def test_cached(self) -> None:
        """The same text parses to the same (cached) tree."""
        assert parse("SELECT * FROM t") is parse("SELECT * FROM t")


class TestRefusals:
    """Each refusal in DynamoDB's words."""

    @pytest.mark.parametrize(
        "text",
        [
            "SELECT * FROM t WHERE pk = 1 foo",
            "SELECT * FROM t WHERE pk = 1 e5",
            "INSERT INTO t VALUE {'pk': 1} foo",
            "UPDATE t SET a = 9 WHERE pk = 2 foo",
            "DELETE FROM t WHERE pk = 3 foo",
            "SELECT * FROM t WHERE pk = 1)",
            "DELETE FROM t WHERE pk = 4 ORDER BY pk",
            "SELECT * FROM t ORDER BY pk WHERE pk = 1",
            "INSERT INTO t x VALUE {'pk': 'x'}",
        ],
    )
    def test_leftover_token(self, text: str) -> None:
        assert message(text) == NWF + "Unexpected token after expression"

    @pytest.mark.parametrize(
        "text",
        [
            "SELECT * FROM t WHERE pk = 1e2147483648",
            "SELECT * FROM t WHERE pk = 1e99999999999",
            "SELECT * FROM t WHERE pk = 1 # note",
            "SELECT * FROM t WHERE pk = 1 /* note",
            "SELECT * FROM t WHERE pk = 'open",
        ],
    )
    def test_nothing_after_colon(self, text: str) -> None:
        assert message(text) == NWF

    def test_exponent_last_accepted(self) -> None:
        """An exponent of 2**31 - 1 lexes (the number rules then refuse its size)."""
        assert "Number overflow" in message("SELECT * FROM t WHERE pk = 1e2147483647")

    @pytest.mark.parametrize(
        "text",
        [
            "SELECT * FROM t x WHERE pk = 'x'",
            "SELECT * FROM t AS x WHERE pk = 'x'",
            "UPDATE t x SET a = 3 WHERE pk = 'x'",
            "DELETE FROM t x WHERE pk = 'x'",
        ],
    )
    def test_alias(self, text: str) -> None:
        assert message(text) == "Aliasing is not supported"

    def test_not_dml(self) -> None:
        assert message("CREATE TABLE t") == NWF + "Expected data manipulation"

    def test_keyword_misplaced(self) -> None:
        assert message("SELECT * FROM WHERE") == NWF + "Unexpected keyword"

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ("SELECT * FROM t WHERE pk = 1e126", ""),
            ("INSERT INTO t VALUE {'pk': 1e126}", ""),
            ("INSERT INTO t VALUE {'pk': 1, 'm': {'x': 1e126}}", ".x"),
            ("INSERT INTO t VALUE {'pk': 1, 'l': [1, 1e126]}", "[1]"),
        ],
    )
    def test_number_overflow_names_path(self, text: str, path: str) -> None:
        assert message(text) == (
            "Number overflow. Attempting to store a number with magnitude larger than "
            f"supported range under root{path}"
        )

    def test_underflow_and_digits(self) -> None:
        assert message("SELECT * FROM t WHERE pk = 1e-131").startswith("Number underflow")
        digits = "123456789012345678901234567890123456789"
        assert message(f"SELECT * FROM t WHERE pk = {digits}") == (
            "Attempting to store more than 38 significant digits in a Number under root"
        )
        parse(f"SELECT * FROM t WHERE pk = {digits[:38]}")  # 38 digits: accepted

    def test_sets(self) -> None:
        assert message("UPDATE t SET s = set_add(s, <<>>) WHERE pk = 1") == (
            "Empty bags are not supported"
        )
        assert message("UPDATE t SET s = set_add(s, <<'x', 'x'>>) WHERE pk = 1") == (
            "One or more parameter values were invalid: Input collection [x, x] contains "
            "duplicates."
        )

    def test_delete_returning(self) -> None:
        assert message("DELETE FROM t WHERE pk = 1 RETURNING ALL NEW *") == (
            "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is "
            "allowed in DELETE statements."
        )
        parse("DELETE FROM t WHERE pk = 1 RETURNING ALL OLD *")

    def test_function_in_projection(self) -> None:
        assert message("SELECT attribute_exists(ss) FROM t") == (
            "Unexpected path component at 1:8:16"
        )

    def test_reserved_component(self) -> None:
        assert message("SELECT * FROM t WHERE attribute_exists(m.inner)") == (
            NWF + "Invalid path dot component"
        )

    def test_call_in_insert_value(self) -> None:
        text = "INSERT INTO t VALUE {'pk': 'x', 'ss': set_add(<<'a'>>, <<'b'>>)}"
        assert message(text) == "Unsupported data type: set_add under key root at 1:39:7"
