"""Settings pyserverless does not emulate are refused, never stored and ignored.

Multi-account global tables (sources, settings replication, disassociation) and
vector indexes have no effect here yet, so CreateTable and
UpdateTable refuse them with a ValidationException naming the member, and the
refusal changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless.dynamo import ValidationException

from .conftest import definitions, key_schema

NOT_EMULATED = (
    "One or more parameter values were invalid: pyserverless does not emulate {member} "
    "(see docs/dynamodb.md); leave it out"
)
SOURCE_ARN = "arn:aws:dynamodb:us-west-2:210987654321:table/users"
POLICY = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
    '"Principal": {"AWS": "arn:aws:iam::123456789012:root"}, '
    '"Action": "dynamodb:GetItem", "Resource": "*"}]}'
)
VECTOR = {
    "IndexName": "by_embedding",
    "VectorAttribute": {"AttributeName": "embedding"},
    "Projection": {"ProjectionType": "KEYS_ONLY"},
    "Dimensions": 3,
    "DistanceFunction": "COSINE",
}

CREATE: dict[str, Any] = {
    "GlobalTableSourceArn": SOURCE_ARN,
    "GlobalTableSettingsReplicationMode": "ENABLED",
    "VectorIndexes": [VECTOR],
}
UPDATE: dict[str, Any] = {
    "GlobalTableSettingsReplicationMode": "ENABLED_WITH_OVERRIDES",
    "DisassociationProtectionEnabled": True,
    "VectorIndexUpdates": [{"Create": VECTOR}],
}


def message(err: pytest.ExceptionInfo[Any]) -> str:
    return str(err.value.response["Error"]["Message"])


class TestCreateTable:
    @pytest.mark.parametrize("member", sorted(CREATE))
    def test_refused_and_not_created(self, ddb: Any, member: str) -> None:
        """CreateTable with the member is refused by name; no table is created."""
        with pytest.raises(ValidationException) as err:
            ddb.create_table(
                TableName="users",
                KeySchema=key_schema("pk"),
                AttributeDefinitions=definitions(pk="S"),
                BillingMode="PAY_PER_REQUEST",
                **{member: CREATE[member]},
            )
        assert message(err) == NOT_EMULATED.format(member=member)
        assert ddb.list_tables()["TableNames"] == []

    def test_shape_errors_come_first(self, ddb: Any) -> None:
        """A missing required member is reported before the unemulated setting."""
        with pytest.raises(ValidationException) as err:
            ddb.create_table(
                TableName="users",
                KeySchema=key_schema("pk"),
                AttributeDefinitions=definitions(pk="S"),
                BillingMode="BOGUS",
                ResourcePolicy=POLICY,
            )
        assert "billingMode" in message(err)


class TestUpdateTable:
    @pytest.mark.parametrize("member", sorted(UPDATE))
    def test_refused_and_unchanged(self, ddb: Any, simple: str, member: str) -> None:
        """UpdateTable with the member is refused by name, even alongside a real change."""
        before = ddb.describe_table(TableName=simple)["Table"]
        with pytest.raises(ValidationException) as err:
            ddb.update_table(
                TableName=simple, DeletionProtectionEnabled=True, **{member: UPDATE[member]}
            )
        assert message(err) == NOT_EMULATED.format(member=member)
        assert ddb.describe_table(TableName=simple)["Table"] == before

    def test_alone_is_refused_not_nothing_to_update(self, ddb: Any, simple: str) -> None:
        """An unemulated member alone is refused as such (it is a change AWS would make)."""
        member = "GlobalTableSettingsReplicationMode"
        with pytest.raises(ValidationException) as err:
            ddb.update_table(TableName=simple, **{member: UPDATE[member]})
        assert message(err) == NOT_EMULATED.format(member=member)
