"""DynamoDB's control-plane answers, as recorded against the real service.

Table-driven like ``test_verified_messages.py``: each row is a CreateTable or
UpdateTable request DynamoDB refuses, its exact message, and (where there is one) the
nearest request DynamoDB accepts. Sources:

- ``ack-quirks``: the ack-api-quirks lab's DynamoDB findings (generated 2026-10-09,
  probes run against us-east-1 and us-west-2): DDB-TABLE-035 (CreateTable streams),
  -036 (SSESpecification), -050 (UpdateTable streams), -174/-382/-433 (UpdateTable
  changes one thing per call) and -442 (the catalogue of ValidationException texts);
- ``dynoxide``: nubo-db/dynoxide's CHANGELOG (0.11.2, "the ValidationException real
  DynamoDB returns").
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest
from botocore.exceptions import ClientError

PPR = "verified"  # PAY_PER_REQUEST, one GSI "gsi1" on g
PROV = "provisioned"  # PROVISIONED 1/1, one GSI "pgsi" on g with 1/1
INVALID = "One or more parameter values were invalid: "
TP = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
TP2 = {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}
STREAM_ON = {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}


class Case(NamedTuple):
    source: str
    op: str
    refused: dict[str, Any]
    message: str
    accepted: dict[str, Any] | None = None


def _create(**extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TableName": "fresh",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    request.update(extra)
    return request


def _with_g(**extra: Any) -> dict[str, Any]:
    return _create(
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        **extra,
    )


def _gsi(name: str = "gsi2", **extra: Any) -> dict[str, Any]:
    return {
        "IndexName": name,
        "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"},
        **extra,
    }


def _ranged(**extra: Any) -> dict[str, Any]:
    return _create(
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        **extra,
    )


def _update(table: str = PPR, **extra: Any) -> dict[str, Any]:
    return {"TableName": table, **extra}


def _tags(n: int) -> list[dict[str, str]]:
    return [{"Key": f"k{i}", "Value": "v"} for i in range(n)]


CREATE_G = {"Create": _gsi("gsi2")}
G_DEFINED = [{"AttributeName": "g", "AttributeType": "S"}]

CASES: list[Case] = [
    # -- CreateTable ----------------------------------------------------------------------
    Case(
        "ack-quirks",
        "create_table",
        _create(StreamSpecification={"StreamEnabled": False, "StreamViewType": "NEW_IMAGE"}),
        INVALID + "Table is being created with a stream disabled, UpdateViewType should not "
        "be specified",
        _create(StreamSpecification={"StreamEnabled": False}),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(StreamSpecification={"StreamEnabled": True}),
        INVALID + "Table is being created with a stream enabled, UpdateViewType is required",
        _create(StreamSpecification=STREAM_ON),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(StreamSpecification={"StreamEnabled": True, "StreamViewType": "new_image"}),
        "1 validation error detected: Value 'new_image' at 'streamSpecification.streamViewType' "
        "failed to satisfy constraint: Member must satisfy enum value set: "
        "[OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(SSESpecification={"Enabled": False, "SSEType": "KMS"}),
        INVALID + "SSEType can not be specified if Enabled is false",
        _create(SSESpecification={"SSEType": "KMS"}),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(SSESpecification={"Enabled": False, "KMSMasterKeyId": "alias/aws/dynamodb"}),
        INVALID + "KMSMasterKeyId can not be specified if Enabled is false",
        _create(SSESpecification={"Enabled": False}),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(SSESpecification={"Enabled": False, "SSEType": "AES256"}),
        INVALID + "SSEType can not be specified if Enabled is false",
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(SSESpecification={"Enabled": True, "SSEType": "AES256"}),
        INVALID + "SSEType AES256 is not supported",
        _create(SSESpecification={"Enabled": True, "SSEType": "KMS"}),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(SSESpecification={"Enabled": True, "KMSMasterKeyId": "alias/aws/dynamodb"}),
        INVALID + "SSEType KMS is required if KMSMasterKeyId is specified",
        _create(
            SSESpecification={
                "Enabled": True,
                "SSEType": "KMS",
                "KMSMasterKeyId": "alias/aws/dynamodb",
            }
        ),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _with_g(GlobalSecondaryIndexes=[]),
        INVALID + "List of GlobalSecondaryIndexes is empty",
        _with_g(GlobalSecondaryIndexes=[_gsi()]),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _ranged(LocalSecondaryIndexes=[]),
        INVALID + "List of LocalSecondaryIndexes is empty",
    ),
    Case(
        "ack-quirks",
        "create_table",
        _with_g(
            BillingMode="PROVISIONED", ProvisionedThroughput=TP, GlobalSecondaryIndexes=[_gsi()]
        ),
        INVALID + "ProvisionedThroughput is not specified for index: gsi2",
        _with_g(
            BillingMode="PROVISIONED",
            ProvisionedThroughput=TP,
            GlobalSecondaryIndexes=[_gsi(ProvisionedThroughput=TP)],
        ),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "pk", "AttributeType": "S"},
            ]
        ),
        "Attribute Name is duplicated: pk",
    ),
    Case(
        "ack-quirks",
        "create_table",
        _with_g(
            GlobalSecondaryIndexes=[
                _gsi(Projection={"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "x"]})
            ]
        ),
        INVALID + "Duplicate element in NonKeyAttributes: x",
        _with_g(
            GlobalSecondaryIndexes=[
                _gsi(Projection={"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "y"]})
            ]
        ),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _ranged(
            LocalSecondaryIndexes=[
                {
                    "IndexName": "lsi",
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ]
        ),
        INVALID + "Index KeySchema does not have a range key for index: lsi",
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(Tags=_tags(51)),
        "Number of Tags exceed the current limit for the provided ResourceArn",
        _create(Tags=_tags(50)),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(TableName="ab"),
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3",
        _create(TableName="abc"),
    ),
    Case(
        "ack-quirks",
        "create_table",
        _create(TableClass="standard"),
        "Invalid table-class parameter provided. Please try again with a valid table-class "
        "value: [STANDARD, STANDARD_INFREQUENT_ACCESS].",
        _create(TableClass="STANDARD"),
    ),
    # -- UpdateTable ------------------------------------------------------------------------
    Case(
        "ack-quirks",
        "update_table",
        _update(TableClass="INFREQUENT"),
        "Invalid table-class parameter provided. Please try again with a valid table-class "
        "value: [STANDARD, STANDARD_INFREQUENT_ACCESS].",
        _update(TableClass="STANDARD_INFREQUENT_ACCESS"),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(),
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
        "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
        "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required",
        _update(DeletionProtectionEnabled=True),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(DeletionProtectionEnabled=True, StreamSpecification=STREAM_ON),
        INVALID + "DeletionProtection modification must be the only operation in the request",
        _update(StreamSpecification=STREAM_ON),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(DeletionProtectionEnabled=True, SSESpecification={"Enabled": True}),
        INVALID + "Server-Side Encryption modification must be the only operation in the request",
        _update(SSESpecification={"Enabled": True}),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(DeletionProtectionEnabled=True, TableClass="STANDARD_INFREQUENT_ACCESS"),
        INVALID + "TableClass modification must be the only operation in the request",
        _update(TableClass="STANDARD_INFREQUENT_ACCESS"),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(OnDemandThroughput={"MaxReadRequestUnits": 10}, StreamSpecification=STREAM_ON),
        INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable "
        "request",
        _update(OnDemandThroughput={"MaxReadRequestUnits": 10}, BillingMode="PAY_PER_REQUEST"),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(WarmThroughput={"ReadUnitsPerSecond": 15000}, DeletionProtectionEnabled=True),
        INVALID + "DeletionProtection modification must be the only operation in the request",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(WarmThroughput={"ReadUnitsPerSecond": 15000}, StreamSpecification=STREAM_ON),
        INVALID + "WarmThroughput must be the only operation in the request",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            WarmThroughput={"ReadUnitsPerSecond": 15000},
            AttributeDefinitions=G_DEFINED,
            GlobalSecondaryIndexUpdates=[CREATE_G],
        ),
        INVALID + "Create global secondary index cannot be specified when updating WarmThroughput",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            StreamSpecification=STREAM_ON,
            AttributeDefinitions=G_DEFINED,
            GlobalSecondaryIndexUpdates=[CREATE_G],
        ),
        INVALID + "You cannot create or delete index while changing stream status",
        _update(AttributeDefinitions=G_DEFINED, GlobalSecondaryIndexUpdates=[CREATE_G]),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(GlobalSecondaryIndexUpdates=[]),
        INVALID + "List of GlobalSecondaryIndexUpdates is empty",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(GlobalSecondaryIndexUpdates=[{}]),
        INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
        "GlobalSecondaryIndexUpdate.Delete must not be null",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            AttributeDefinitions=G_DEFINED,
            GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}, **CREATE_G}],
        ),
        INVALID + "Only one global secondary index action is allowed per "
        "GlobalSecondaryIndexUpdate object",
        _update(GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}}]),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}},
                {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 6}}},
            ]
        ),
        INVALID + "Only one global secondary index update per index is allowed simultaneously. "
        "Index: gsi1",
        _update(
            GlobalSecondaryIndexUpdates=[
                {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}
            ]
        ),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(StreamSpecification={"StreamEnabled": True}),
        INVALID + "If stream is being enabled then UpdateViewType is required",
        _update(StreamSpecification=STREAM_ON),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(BillingMode="PROVISIONED"),
        INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED",
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(PROV, ProvisionedThroughput=TP2, StreamSpecification=STREAM_ON),
        INVALID + "You cannot modify stream status while updating table IOPS",
        _update(PROV, BillingMode="PAY_PER_REQUEST", StreamSpecification=STREAM_ON),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            PROV,
            BillingMode="PROVISIONED",
            ProvisionedThroughput=TP2,
            StreamSpecification=STREAM_ON,
        ),
        INVALID + "You cannot modify stream status while updating table IOPS",
        _update(PROV, ProvisionedThroughput=TP2),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(
            PROV,
            ProvisionedThroughput=TP2,
            GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "pgsi"}}],
        ),
        INVALID + "You cannot create or delete index while updating table IOPS",
        _update(PROV, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "pgsi"}}]),
    ),
    Case(
        "ack-quirks",
        "update_table",
        _update(PROV, ProvisionedThroughput=TP),
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: 1. Requested "
        "ReadCapacityUnits: 1. Current WriteCapacityUnits provisioned for the table: 1. "
        "Requested WriteCapacityUnits: 1. Refer to the Amazon DynamoDB Developer Guide for "
        "current limits and how to request higher limits.",
        _update(PROV, ProvisionedThroughput=TP2),
    ),
]


@pytest.fixture
def tables(dynamodb: Any) -> None:
    dynamodb.create_table(
        **_with_g(TableName=PPR, GlobalSecondaryIndexes=[_gsi("gsi1")]),
    )
    dynamodb.create_table(
        **_with_g(
            TableName=PROV,
            BillingMode="PROVISIONED",
            ProvisionedThroughput=TP,
            GlobalSecondaryIndexes=[_gsi("pgsi", ProvisionedThroughput=TP)],
        )
    )


def _ids(case: Case) -> str:
    return f"{case.op}-{case.message[:70]}"


def _describe_all(dynamodb: Any) -> list[Any]:
    out = []
    for name in dynamodb.list_tables()["TableNames"]:
        table = dynamodb.describe_table(TableName=name)["Table"]
        out.append(table)
    return out


class TestVerifiedTableMessages:
    @pytest.mark.parametrize("case", CASES, ids=_ids)
    def test_refused(self, dynamodb: Any, tables: None, case: Case) -> None:
        """The request gets DynamoDB's message, and no table changes."""
        before = _describe_all(dynamodb)
        with pytest.raises(ClientError) as info:
            getattr(dynamodb, case.op)(**case.refused)
        error = info.value.response["Error"]
        assert (error["Code"], error["Message"]) == ("ValidationException", case.message)
        assert _describe_all(dynamodb) == before

    @pytest.mark.parametrize("case", [c for c in CASES if c.accepted], ids=_ids)
    def test_accepted(self, dynamodb: Any, tables: None, case: Case) -> None:
        """The nearest request on the other side of the rule is answered."""
        assert case.accepted is not None
        response = getattr(dynamodb, case.op)(**case.accepted)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


class TestUpdateTableStream:
    """A stream enabled, then disabled with a view type (ack-quirks DDB-TABLE-050)."""

    def test_disable_with_view_type(self, dynamodb: Any, tables: None) -> None:
        dynamodb.update_table(TableName=PPR, StreamSpecification=STREAM_ON)
        with pytest.raises(ClientError) as info:
            dynamodb.update_table(
                TableName=PPR,
                StreamSpecification={"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"},
            )
        assert info.value.response["Error"]["Message"] == (
            INVALID + "If stream is being disabled, then UpdateViewType must not be specified"
        )
        dynamodb.update_table(TableName=PPR, StreamSpecification={"StreamEnabled": False})
        with pytest.raises(ClientError) as info:
            dynamodb.update_table(TableName=PPR, StreamSpecification={"StreamEnabled": False})
        assert info.value.response["Error"]["Message"] == (
            f"Table has no stream to disable: TableName: {PPR}"
        )


class TestTagTexts:
    """TagResource and UntagResource's own rules (ack-quirks DDB-TABLE-442)."""

    REFUSED: tuple[tuple[list[dict[str, str]], str], ...] = (
        (
            [{"Key": "aws:owner", "Value": "me"}],
            "Tag Key cannot be prefixed with aws:, Key: aws:owner",
        ),
        ([{"Key": "a|b", "Value": "v"}], "The Tag Key provided is invalid, Key: a|b"),
        ([{"Key": "k", "Value": "v|w"}], "The Tag Value provided is invalid, Value: v|w"),
        (
            [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}],
            "Duplicate Tag Keys provided as input: Duplicate Tag Key found k",
        ),
        ([], "Atleast one Tag needs to be provided as Input."),
    )

    @pytest.mark.parametrize(("tags", "message"), REFUSED, ids=[m for _t, m in REFUSED])
    def test_refused(self, dynamodb: Any, tables: None, tags: Any, message: str) -> None:
        arn = dynamodb.describe_table(TableName=PPR)["Table"]["TableArn"]
        with pytest.raises(ClientError) as info:
            dynamodb.tag_resource(ResourceArn=arn, Tags=tags)
        assert info.value.response["Error"]["Message"] == message
        assert dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"] == []

    def test_accepted(self, dynamodb: Any, tables: None) -> None:
        """Letters, digits, spaces and _.:/=+-@ are a tag's characters; ``awsx`` is no prefix."""
        arn = dynamodb.describe_table(TableName=PPR)["Table"]["TableArn"]
        tags = [{"Key": "team name_.:/=+-@1", "Value": "é 2"}, {"Key": "awsx", "Value": ""}]
        dynamodb.tag_resource(ResourceArn=arn, Tags=tags)
        assert dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"] == tags

    def test_untag_needs_a_key(self, dynamodb: Any, tables: None) -> None:
        arn = dynamodb.describe_table(TableName=PPR)["Table"]["TableArn"]
        with pytest.raises(ClientError) as info:
            dynamodb.untag_resource(ResourceArn=arn, TagKeys=[])
        assert info.value.response["Error"]["Message"] == (
            "Atleast one Tag Key needs to be provided as Input."
        )
        dynamodb.untag_resource(ResourceArn=arn, TagKeys=["absent"])


def test_update_table_keeps_a_defined_type(dynamodb: Any, tables: None) -> None:
    """A GSI Create whose definitions re-type an attribute the table defines keeps the
    table's type, neither refused nor overwritten (dynoxide #129, eu-west-2; ack-quirks)."""
    dynamodb.update_table(
        TableName=PPR,
        AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "N"}],
        GlobalSecondaryIndexUpdates=[{"Create": _gsi("gsi2")}],
    )
    table = dynamodb.describe_table(TableName=PPR)["Table"]
    assert {"AttributeName": "g", "AttributeType": "S"} in table["AttributeDefinitions"]
    assert {"AttributeName": "g", "AttributeType": "N"} not in table["AttributeDefinitions"]
    dynamodb.put_item(TableName=PPR, Item={"pk": {"S": "a"}, "g": {"S": "x"}})
    found = dynamodb.query(
        TableName=PPR,
        IndexName="gsi2",
        KeyConditionExpression="g = :g",
        ExpressionAttributeValues={":g": {"S": "x"}},
    )
    assert found["Count"] == 1


def test_tagging_another_regions_arn(dynamodb: Any, tables: None) -> None:
    """Another Region's table ARN is an invalid ARN here, not a missing table; another
    name in this Region is not found (ack-quirks DDB-TABLE-442)."""
    arn = dynamodb.describe_table(TableName=PPR)["Table"]["TableArn"]
    region = arn.split(":")[3]
    elsewhere = arn.replace(
        f":{region}:", ":ap-southeast-2:" if region != "ap-southeast-2" else ":us-east-1:"
    )
    with pytest.raises(ClientError) as info:
        dynamodb.list_tags_of_resource(ResourceArn=elsewhere)
    assert info.value.response["Error"]["Message"] == (
        f"Invalid TableArn: Invalid ResourceArn provided as input {elsewhere}"
    )
    with pytest.raises(ClientError) as info:
        dynamodb.list_tags_of_resource(ResourceArn=arn.replace(f"/{PPR}", "/absent"))
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"] == []
