"""PartiQL through boto3 and botocore's own serialiser, inside ``mock_aws``."""

from __future__ import annotations

import boto3
import pytest

from pyserverless import Cloud, mock_aws


def test_round_trip_through_boto3(cloud: Cloud) -> None:
    """INSERT, SELECT with a parameter, an error with its code, and a transaction."""
    with mock_aws(cloud):
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="users",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        )
        client.execute_statement(
            Statement="INSERT INTO users VALUE {'id': ?, 'tags': <<'a', 'b'>>}",
            Parameters=[{"S": "u1"}],
        )
        out = client.execute_statement(
            Statement='SELECT tags FROM "users" WHERE id = ?', Parameters=[{"S": "u1"}]
        )
        assert sorted(out["Items"][0]["tags"]["SS"]) == ["a", "b"]
        with pytest.raises(client.exceptions.DuplicateItemException) as info:
            client.execute_statement(Statement="INSERT INTO users VALUE {'id': 'u1'}")
        assert info.value.response["Error"]["Message"] == "Duplicate primary key exists in table"
        batch = client.batch_execute_statement(
            Statements=[{"Statement": "SELECT * FROM users WHERE id = 'u1'"}]
        )
        assert batch["Responses"][0]["TableName"] == "users"
        assert batch["Responses"][0]["Item"]["id"] == {"S": "u1"}
        with pytest.raises(client.exceptions.TransactionCanceledException) as cancel:
            client.execute_transaction(
                TransactStatements=[
                    {"Statement": "INSERT INTO users VALUE {'id': 'u2'}"},
                    {"Statement": "INSERT INTO users VALUE {'id': 'u1'}"},
                ]
            )
        reasons = cancel.value.response["CancellationReasons"]
        assert [r["Code"] for r in reasons] == ["None", "DuplicateItem"]
        assert "Item" not in client.get_item(TableName="users", Key={"id": {"S": "u2"}})
