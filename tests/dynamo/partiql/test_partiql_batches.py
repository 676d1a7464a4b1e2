"""BatchExecuteStatement and ExecuteTransaction: limits, per-statement errors, atomicity."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import error_of, run


def insert(i: int) -> dict[str, Any]:
    return {"Statement": "INSERT INTO users VALUE {'id': ?}", "Parameters": [{"S": f"u{i}"}]}


def count(ddb: Any) -> int:
    return len(run(ddb, "SELECT * FROM users")["Items"])


class TestBatch:
    def test_twenty_five_accepted_twenty_six_refused(self, ddb: Any, users: str) -> None:
        out = ddb.batch_execute_statement(Statements=[insert(i) for i in range(25)])
        assert out["Responses"] == [{"TableName": "users"}] * 25
        assert count(ddb) == 25
        code, message = error_of(
            lambda: ddb.batch_execute_statement(Statements=[insert(i) for i in range(26)])
        )
        assert code == "ValidationException"
        assert message.endswith("Member must have length less than or equal to 25")
        assert count(ddb) == 25

    def test_reads_answer_each_key(self, ddb: Any, music: str) -> None:
        """Each read names a whole key; a missing item answers with no Item."""
        out = ddb.batch_execute_statement(
            Statements=[
                {"Statement": "SELECT SongTitle FROM music WHERE Artist='Acme' AND SongTitle='B'"},
                {"Statement": "SELECT * FROM music WHERE Artist = 'Acme' AND SongTitle = 'Q'"},
                {"Statement": "SELECT * FROM music WHERE Artist = 'Acme'"},
                {"Statement": "SELECT * FROM nothing WHERE Artist = 'Acme' AND SongTitle = 'Q'"},
            ]
        )
        assert out["Responses"] == [
            {"TableName": "music", "Item": {"SongTitle": {"S": "B"}}},
            {"TableName": "music"},
            {
                "TableName": "music",
                "Error": {
                    "Code": "ValidationError",
                    "Message": "Select statements within BatchExecuteStatement must specify "
                    "the primary key in the where clause.",
                },
            },
            {
                "TableName": "nothing",
                "Error": {"Code": "ResourceNotFound", "Message": "Requested resource not found"},
            },
        ]

    def test_write_errors_are_per_statement(self, ddb: Any, users: str) -> None:
        """A failing write does not stop the others; ALL_OLD puts the item in the error."""
        run(ddb, "INSERT INTO users VALUE {'id': 'a', 'n': 1}")
        out = ddb.batch_execute_statement(
            Statements=[
                {"Statement": "INSERT INTO users VALUE {'id': 'a'}"},
                {
                    "Statement": "UPDATE users SET n = 2 WHERE id = 'a' AND n = 5",
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                },
                {"Statement": "INSERT INTO users VALUE {'id': 'b'}"},
                {"Statement": "INSERT INTO users VALUE {'id': ?}"},
            ]
        )
        errors = [r.get("Error") for r in out["Responses"]]
        assert errors[0] == {
            "Code": "DuplicateItem",
            "Message": "Duplicate primary key exists in table",
        }
        assert errors[1] == {
            "Code": "ConditionalCheckFailed",
            "Message": "The conditional request failed",
            "Item": {"id": {"S": "a"}, "n": {"N": "1"}},
        }
        assert errors[2] is None
        assert errors[3] == {
            "Code": "ValidationError",
            "Message": "Number of parameters in request and statement don't match.",
        }
        assert count(ddb) == 2

    def test_reads_and_writes_not_mixed(self, ddb: Any, users: str) -> None:
        statements = [insert(1), {"Statement": "SELECT * FROM users WHERE id = 'u1'"}]
        code, _ = error_of(lambda: ddb.batch_execute_statement(Statements=statements))
        assert code == "ValidationException"
        assert count(ddb) == 0

    def test_capacity(self, ddb: Any, users: str) -> None:
        out = ddb.batch_execute_statement(
            Statements=[insert(1), insert(2)], ReturnConsumedCapacity="TOTAL"
        )
        assert out["ConsumedCapacity"] == [{"TableName": "users", "CapacityUnits": 2.0}]


class TestTransaction:
    def test_hundred_accepted_hundred_one_refused(self, ddb: Any, users: str) -> None:
        code, message = error_of(
            lambda: ddb.execute_transaction(TransactStatements=[insert(i) for i in range(101)])
        )
        assert code == "ValidationException"
        assert message.endswith("Member must have length less than or equal to 100")
        assert count(ddb) == 0
        out = ddb.execute_transaction(TransactStatements=[insert(i) for i in range(100)])
        assert out["Responses"] == []
        assert count(ddb) == 100

    def test_all_or_nothing(self, ddb: Any, users: str) -> None:
        """One duplicate INSERT cancels all, with DuplicateItem in its reason."""
        run(ddb, "INSERT INTO users VALUE {'id': 'u1'}")
        with pytest.raises(ddb.exceptions.TransactionCanceledException) as info:
            ddb.execute_transaction(TransactStatements=[insert(0), insert(1)])
        assert info.value.response["CancellationReasons"] == [
            {"Code": "None"},
            {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"},
        ]
        assert info.value.response["Error"]["Message"] == (
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            "[None, DuplicateItem]"
        )
        assert count(ddb) == 1

    def test_exists_and_updates(self, ddb: Any, users: str) -> None:
        """EXISTS(SELECT ...) is a condition check; a false one cancels the update."""
        run(ddb, "INSERT INTO users VALUE {'id': 'a', 'n': 1}")
        run(ddb, "INSERT INTO users VALUE {'id': 'b', 'n': 1}")
        update = {"Statement": "UPDATE users SET n = n + 1 WHERE id = 'b'"}
        check = {"Statement": "EXISTS(SELECT * FROM users WHERE id = 'a' AND n = 1)"}
        ddb.execute_transaction(TransactStatements=[check, update])
        bad = {"Statement": "EXISTS(SELECT * FROM users WHERE id = 'a' AND n = 9)"}
        with pytest.raises(ddb.exceptions.TransactionCanceledException) as info:
            ddb.execute_transaction(TransactStatements=[bad, update])
        assert [r["Code"] for r in info.value.response["CancellationReasons"]] == [
            "ConditionalCheckFailed",
            "None",
        ]
        n = run(ddb, "SELECT n FROM users WHERE id = 'b'")["Items"]
        assert n == [{"n": {"N": "2"}}]

    def test_exists_needs_a_condition(self, ddb: Any, users: str) -> None:
        statements = [
            {"Statement": "EXISTS(SELECT * FROM users WHERE id = 'a')"},
            {"Statement": "UPDATE users SET z = 1 WHERE id = 'x'"},
        ]
        _, message = error_of(lambda: ddb.execute_transaction(TransactStatements=statements))
        assert message == (
            "Validation failed in TransactStatements[0]: EXISTS() must contain a single item "
            "read with additional condition"
        )

    def test_reads(self, ddb: Any, music: str) -> None:
        """A read transaction answers one entry per statement."""
        out = ddb.execute_transaction(
            TransactStatements=[
                {"Statement": "SELECT Info.plays FROM music WHERE Artist='Zed' AND SongTitle='Z'"},
                {"Statement": "SELECT * FROM music WHERE Artist = 'Zed' AND SongTitle = 'Q'"},
            ]
        )
        assert out["Responses"] == [{"Item": {"plays": {"N": "10"}}}, {}]

    def test_read_needs_key(self, ddb: Any, music: str) -> None:
        statements = [{"Statement": "SELECT * FROM music WHERE Artist = 'Zed'"}]
        _, message = error_of(lambda: ddb.execute_transaction(TransactStatements=statements))
        assert message == (
            "Validation failed in TransactStatements[0]: Select statements within "
            "ExecuteTransaction must specify the primary key in the where clause."
        )

    def test_idempotent_token(self, ddb: Any, users: str) -> None:
        """The same token and statements run once; other statements under it mismatch."""
        ddb.execute_transaction(TransactStatements=[insert(1)], ClientRequestToken="tok")
        ddb.execute_transaction(TransactStatements=[insert(1)], ClientRequestToken="tok")
        assert count(ddb) == 1
        code, _ = error_of(
            lambda: ddb.execute_transaction(
                TransactStatements=[insert(2)], ClientRequestToken="tok"
            )
        )
        assert code == "IdempotentParameterMismatchException"
        assert count(ddb) == 1

    def test_mixed_refused(self, ddb: Any, users: str) -> None:
        statements = [insert(1), {"Statement": "SELECT * FROM users WHERE id = 'u1'"}]
        code, _ = error_of(lambda: ddb.execute_transaction(TransactStatements=statements))
        assert code == "ValidationException"
        assert count(ddb) == 0
