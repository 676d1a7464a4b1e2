"""DynamoDB's answers as recorded by test suites that ran against the real service.

Every row is a request DynamoDB refuses, with the exact code and message that a
public test suite asserted while running against AWS, and (where the suite had one)
the nearest request DynamoDB accepts, so both sides of each rule are held. Rows
marked ``before_table`` are refused the same way when the table does not exist:
DynamoDB checks the request before it looks the table up.

Sources (each row names one):

- ``moto-select``: getmoto/moto, tests/test_dynamodb/test_dynamodb_select.py, tests
  marked ``aws_verified`` (run against us-east-1);
- ``moto-transact``: getmoto/moto,
  tests/test_dynamodb/exceptions/test_dynamodb_transactions.py, ``aws_verified``;
- ``extenddb-wording``: ExtendDB/extenddb, tests/test_wording_parity_validation.py
  ("verified against us-east-1");
- ``extenddb-maps``: ExtendDB/extenddb, tests/test_expression_attribute_map_validation.py
  ("captured directly from Amazon DynamoDB, us-east-1");
- ``extenddb-transact``: ExtendDB/extenddb, tests/test_transact_expression_validation.py
  ("every expected message was captured from Amazon DynamoDB");
- ``extenddb-operands``: ExtendDB/extenddb, tests/test_expr_operand_type_and_size.py
  ("verified against Amazon DynamoDB"; it asserts parts of the message);
- ``extenddb-precedence``: ExtendDB/extenddb, tests/test_validation_precedence.py
  ("captured from Amazon DynamoDB via the AWS CLI, us-east-1"; parts of the message);
- ``extenddb-numbers``: ExtendDB/extenddb, tests/test_update_item_number_validation.py;
- ``extenddb-size``: ExtendDB/extenddb, tests/test_expression_size_limit.py ("captured
  directly from Amazon DynamoDB, us-east-1");
- ``extenddb-condop``: ExtendDB/extenddb, tests/test_conditional_operator.py (run against
  DynamoDB and ExtendDB alike);
- ``conformance``: nubo-db/dynamodb-conformance, the KeyConditionExpression operand tests
  ("pinned against real AWS (eu-west-2, October 2026)");
- ``dynoxide``: nubo-db/dynoxide's CHANGELOG ("confirmed against real DynamoDB").

Transactions' key errors are in ``test_verified_transactions.py``.

Each row runs through every door of ``tests/conformance`` (the client, the bridge,
the endpoint through botocore, and hand-written JSON over HTTP, which also checks
the ``__type`` namespace of every error).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ._verified_cases import (
    ABSENT,
    BATCH_CASES,
    CONDITIONAL_OPERATOR_CASES,
    ENUM_CASES,
    ENVELOPE,
    KEY,
    KEY_CONDITION_CASES,
    LONG_NAME,
    LONG_VALUE,
    LONGEST_NAME,
    LONGEST_VALUE,
    RANGED,
    SEED,
    SIZE_CASES,
    TABLE,
    UPDATE_CASES,
    Case,
    _get,
    _legacy_read,
    _put,
    _query,
    _scan,
    _twi,
    _update_action,
)


def _select_cases() -> list[Case]:
    cases = []
    for op, build, prefix in (("query", _query, ENVELOPE), ("scan", _scan, "")):
        cases += [
            Case(
                "moto-select",
                op,
                build(Select="ALL_PROJECTED_ATTRIBUTES"),
                "ValidationException",
                prefix + "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
                "IndexName",
                build(Select="ALL_PROJECTED_ATTRIBUTES", IndexName="test_gsi"),
                before_table=True,
            ),
            Case(
                "moto-select",
                op,
                build(Select="SPECIFIC_ATTRIBUTES"),
                "ValidationException",
                prefix + "Must specify the AttributesToGet or ProjectionExpression when "
                "choosing to get SPECIFIC_ATTRIBUTES",
                build(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="pk"),
                before_table=True,
            ),
            Case(
                "moto-select",
                op,
                build(Select="ALL_ATTRIBUTES", IndexName="test_gsi"),
                "ValidationException",
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                "supported for global secondary index test_gsi because its projection type "
                "is not ALL",
                build(Select="ALL_PROJECTED_ATTRIBUTES", IndexName="test_gsi"),
            ),
            Case(
                "moto-select",
                op,
                build(Select="count"),
                "ValidationException",
                "1 validation error detected: Value 'count' at 'select' failed to satisfy "
                "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, "
                "COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
                build(Select="COUNT"),
                before_table=True,
            ),
        ]
        for select, what in (
            ("ALL_ATTRIBUTES", "ALL_ATTRIBUTES"),
            ("ALL_PROJECTED_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
            ("COUNT", "only the Count"),
        ):
            cases.append(
                Case(
                    "moto-select",
                    op,
                    build(Select=select, IndexName="test_gsi", ProjectionExpression="gsi_pk"),
                    "ValidationException",
                    f"{prefix}Cannot specify the ProjectionExpression when choosing to get {what}",
                    build(Select=select, IndexName="test_gsi")
                    if select != "ALL_ATTRIBUTES"
                    else build(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="gsi_pk"),
                    before_table=True,
                )
            )
            cases.append(
                Case(
                    "moto-select",
                    op,
                    _legacy_read(op, select),
                    "ValidationException",
                    f"{prefix}Cannot specify the AttributesToGet when choosing to get {what}",
                    _legacy_read(op, "SPECIFIC_ATTRIBUTES"),
                    before_table=True,
                )
            )
    return cases


CASES: list[Case] = [
    *_select_cases(),
    # -- transactions ------------------------------------------------------------------
    Case(
        "moto-transact",
        "transact_write_items",
        _twi(
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "t1"}}}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "t1"}}}},
        ),
        "ValidationException",
        "Transaction request cannot include multiple operations on one item",
        _twi(
            {"Put": {"TableName": TABLE, "Item": {"pk": {"S": "t1"}}}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "t2"}}}},
        ),
    ),
    Case(
        "moto-transact",
        "transact_write_items",
        _twi(
            _update_action(
                "SET a = :a SET b = :b",
                ExpressionAttributeValues={":a": {"S": "x"}, ":b": {"N": "1"}},
            )
        ),
        "ValidationException",
        'Invalid UpdateExpression: The "SET" section can only be used once in an update '
        "expression;",
        _twi(
            _update_action(
                "SET a = :a, b = :b",
                ExpressionAttributeValues={":a": {"S": "x"}, ":b": {"N": "1"}},
            )
        ),
        before_table=True,
    ),
    Case(
        "moto-transact",
        "transact_write_items",
        _twi(
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": ""}},
                    "UpdateExpression": "SET sth = :v",
                    "ExpressionAttributeValues": {":v": {"N": "0"}},
                }
            }
        ),
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
        _twi(_update_action("SET sth = :v", ExpressionAttributeValues={":v": {"N": "0"}})),
    ),
    Case(
        "extenddb-transact",
        "transact_write_items",
        _twi(
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": {"pk": {"S": "t3"}},
                    "ConditionExpression": "attribute_not_exists(pk)",
                    "ExpressionAttributeNames": {"#n": "foo"},
                }
            }
        ),
        "ValidationException",
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}",
        # With no expression at all, a transaction's Put takes the maps and ignores them.
        _twi(
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": {"pk": {"S": "t3"}},
                    "ExpressionAttributeNames": {"#n": "foo"},
                }
            }
        ),
        before_table=True,
    ),
    Case(
        "extenddb-transact",
        "transact_write_items",
        _twi(
            {
                "Delete": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "t4"}},
                    "ConditionExpression": "attribute_exists(pk)",
                    "ExpressionAttributeValues": {":v": {"N": "1"}},
                }
            }
        ),
        "ValidationException",
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}",
        _twi(
            {
                "Delete": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "t4"}},
                    "ExpressionAttributeValues": {":v": {"N": "1"}},
                }
            }
        ),
        before_table=True,
    ),
    Case(
        "extenddb-transact",
        "transact_get_items",
        {
            "TransactItems": [
                {"Get": _get(ProjectionExpression="pk", ExpressionAttributeNames={"#n": "foo"})}
            ]
        },
        "ValidationException",
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}",
        {"TransactItems": [{"Get": _get(ExpressionAttributeNames={"#n": "foo"})}]},
        before_table=True,
    ),
    Case(
        "extenddb-transact",
        "transact_write_items",
        _twi(_update_action("SET status = :v", ExpressionAttributeValues={":v": {"N": "1"}})),
        "ValidationException",
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
        _twi(
            _update_action(
                "SET #s = :v",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":v": {"N": "1"}},
            )
        ),
        before_table=True,
    ),
    Case(
        "extenddb-transact",
        "transact_write_items",
        _twi(
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": KEY,
                    "ConditionExpression": "status > :v",
                    "ExpressionAttributeValues": {":v": {"N": "0"}},
                }
            }
        ),
        "ValidationException",
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "status",
        _twi(
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": KEY,
                    "ConditionExpression": "n > :v",
                    "ExpressionAttributeValues": {":v": {"N": "0"}},
                }
            }
        ),
        before_table=True,
    ),
    # -- ReturnValues ----------------------------------------------------------------------
    Case(
        "extenddb-wording",
        "put_item",
        _put(ReturnValues="UPDATED_OLD"),
        "ValidationException",
        "ReturnValues can only be ALL_OLD or NONE",
        _put(ReturnValues="ALL_OLD"),
        before_table=True,
    ),
    Case(
        "extenddb-wording",
        "delete_item",
        _get(ReturnValues="ALL_NEW"),
        "ValidationException",
        "ReturnValues can only be ALL_OLD or NONE",
        _get(ReturnValues="NONE"),
        before_table=True,
    ),
    Case(
        "extenddb-wording",
        "put_item",
        _put(ReturnValues="GARBAGE"),
        "ValidationException",
        "1 validation error detected: Value 'GARBAGE' at 'returnValues' failed to satisfy "
        "constraint: Member must satisfy enum value set: "
        "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
        _put(ReturnValues="NONE"),
        before_table=True,
    ),
    # -- placeholder maps --------------------------------------------------------------------
    Case(
        "extenddb-maps",
        "get_item",
        _get(ProjectionExpression="#", ExpressionAttributeNames={"#": "foo"}),
        "ValidationException",
        'ExpressionAttributeNames contains invalid key: Syntax error; key: "#"',
        _get(ProjectionExpression="#a_1", ExpressionAttributeNames={"#a_1": "foo"}),
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "get_item",
        _get(ProjectionExpression="#a", ExpressionAttributeNames={"#a-b": "foo"}),
        "ValidationException",
        'ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b"',
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "get_item",
        _get(ProjectionExpression=LONG_NAME, ExpressionAttributeNames={LONG_NAME: "foo"}),
        "ValidationException",
        "ExpressionAttributeNames contains invalid key: The expression attribute map "
        "contains a key that is too long; size of key: 256",
        _get(ProjectionExpression=LONGEST_NAME, ExpressionAttributeNames={LONGEST_NAME: "foo"}),
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "get_item",
        _get(ProjectionExpression="#a", ExpressionAttributeNames={LONG_NAME + "-x": "foo"}),
        "ValidationException",
        "ExpressionAttributeNames contains invalid key: The expression attribute map "
        "contains a key that is too long; size of key: 258",
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "get_item",
        _get(ProjectionExpression="#a", ExpressionAttributeNames={"#a": ""}),
        "ValidationException",
        "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
        _get(ProjectionExpression="#a", ExpressionAttributeNames={"#a": "foo"}),
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "scan",
        _scan(FilterExpression="foo = :", ExpressionAttributeValues={":": {"S": "x"}}),
        "ValidationException",
        'ExpressionAttributeValues contains invalid key: Syntax error; key: ":"',
        _scan(FilterExpression="foo = :v", ExpressionAttributeValues={":v": {"S": ""}}),
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "scan",
        _scan(FilterExpression="foo = :v", ExpressionAttributeValues={":a-b": {"S": "x"}}),
        "ValidationException",
        'ExpressionAttributeValues contains invalid key: Syntax error; key: ":a-b"',
        before_table=True,
    ),
    Case(
        "extenddb-maps",
        "scan",
        _scan(
            FilterExpression=f"foo = {LONG_VALUE}",
            ExpressionAttributeValues={LONG_VALUE: {"S": "x"}},
        ),
        "ValidationException",
        # Unlike the names' text, this one gives no size.
        "ExpressionAttributeValues contains invalid key: The expression attribute map "
        "contains a key that is too long;",
        _scan(
            FilterExpression=f"foo = {LONGEST_VALUE}",
            ExpressionAttributeValues={LONGEST_VALUE: {"S": "x"}},
        ),
        before_table=True,
    ),
    # -- numbers in ExpressionAttributeValues --------------------------------------------------
    Case(
        "extenddb-numbers",
        "update_item",
        _get(UpdateExpression="SET bad = :v", ExpressionAttributeValues={":v": {"N": "12e"}}),
        "ValidationException",
        (
            "ExpressionAttributeValues contains invalid value",
            "cannot be converted to a numeric value: 12e",
        ),
        _get(UpdateExpression="SET bad = :v", ExpressionAttributeValues={":v": {"N": "12e1"}}),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-numbers",
        "update_item",
        _get(
            UpdateExpression="SET bad = :v",
            ExpressionAttributeValues={":v": {"N": "1" + "0" * 200}},
        ),
        "ValidationException",
        ("Number overflow",),
        _get(
            UpdateExpression="SET bad = :v",
            ExpressionAttributeValues={":v": {"N": "1" + "0" * 125}},
        ),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-numbers",
        "update_item",
        _get(
            UpdateExpression="SET bad = :v",
            ExpressionAttributeValues={":v": {"NS": ["1", "abc"]}},
        ),
        "ValidationException",
        ("cannot be converted to a numeric value: abc",),
        _get(
            UpdateExpression="SET bad = :v",
            ExpressionAttributeValues={":v": {"NS": ["1", "2"]}},
        ),
        before_table=True,
        partial=True,
    ),
    # -- operand types ----------------------------------------------------------------------
    *[
        Case(
            "extenddb-operands",
            "put_item",
            _put(ConditionExpression=f"n {op} :v", ExpressionAttributeValues={":v": value}),
            "ValidationException",
            (
                "Incorrect operand type for operator or function",
                f"operator or function: {op}",
                f"operand type: {type_code}",
            ),
            _put(ConditionExpression=f"n {op} :v", ExpressionAttributeValues={":v": {"N": "0"}})
            if op in (">", ">=")
            else None,
            before_table=True,
            partial=True,
        )
        for op, type_code, value in (
            ("<", "BOOL", {"BOOL": True}),
            (">=", "NULL", {"NULL": True}),
            (">", "SS", {"SS": ["a", "b"]}),
            ("<=", "M", {"M": {"k": {"S": "a"}}}),
        )
    ],
    Case(
        "extenddb-operands",
        "put_item",
        _put(
            ConditionExpression="attribute_not_exists(zzz) OR n > :v",
            ExpressionAttributeValues={":v": {"BOOL": True}},
        ),
        "ValidationException",
        ("Incorrect operand type", "operand type: BOOL"),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-operands",
        "scan",
        _scan(FilterExpression="n > :v", ExpressionAttributeValues={":v": {"BOOL": True}}),
        "ValidationException",
        ("Invalid FilterExpression: Incorrect operand type",),
        _scan(FilterExpression="n > :v", ExpressionAttributeValues={":v": {"N": "0"}}),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-operands",
        "query",
        _query(
            FilterExpression="n > :v",
            ExpressionAttributeValues={":key": {"S": "p1"}, ":v": {"BOOL": True}},
        ),
        "ValidationException",
        ("Invalid FilterExpression: Incorrect operand type",),
        _query(
            FilterExpression="n > :v",
            ExpressionAttributeValues={":key": {"S": "p1"}, ":v": {"N": "0"}},
        ),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-operands",
        "transact_write_items",
        _twi(
            {
                "ConditionCheck": {
                    "TableName": TABLE,
                    "Key": KEY,
                    "ConditionExpression": "n > :v",
                    "ExpressionAttributeValues": {":v": {"BOOL": True}},
                }
            }
        ),
        "ValidationException",
        ("Incorrect operand type", "operand type: BOOL"),
        before_table=True,
        partial=True,
    ),
    *[
        Case(
            "extenddb-operands",
            "put_item",
            _put(ConditionExpression=condition, ExpressionAttributeValues={":z": {"N": "0"}}),
            "ConditionalCheckFailedException",
            "The conditional request failed",
            _put(ConditionExpression="size(s) > :z", ExpressionAttributeValues={":z": {"N": "0"}}),
        )
        for condition in ("size(n) > :z", "size(flag) > :z", "flag > :z", "nope > :z")
    ],
    # -- checked before the table ----------------------------------------------------------
    Case(
        "extenddb-precedence",
        "scan",
        _scan(FilterExpression="a +"),
        "ValidationException",
        ("Invalid FilterExpression:",),
        _scan(FilterExpression="attribute_exists(a)"),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-precedence",
        "get_item",
        _get(ProjectionExpression="a, a.b"),
        "ValidationException",
        ("Invalid ProjectionExpression:",),
        _get(ProjectionExpression="a.b, a.c"),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-precedence",
        "get_item",
        _get(ProjectionExpression="a..b"),
        "ValidationException",
        ("Invalid ProjectionExpression:",),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-precedence",
        "update_item",
        _get(UpdateExpression="SET #x = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
        "ValidationException",
        ("Invalid UpdateExpression:", "not defined"),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-precedence",
        "put_item",
        _put(Expected={"a": {"ComparisonOperator": "EQ"}}),
        "ValidationException",
        ("One or more parameter values were invalid",),
        _put(Expected={"a": {"ComparisonOperator": "NULL"}}),
        before_table=True,
        partial=True,
    ),
    Case(
        "extenddb-precedence",
        "batch_get_item",
        {"RequestItems": {TABLE: {"Keys": [KEY, KEY]}}},
        "ValidationException",
        "Provided list of item keys contains duplicates",
        {"RequestItems": {TABLE: {"Keys": [KEY, {"pk": {"S": "p2"}}]}}},
        before_table=True,
    ),
    *SIZE_CASES,
    *KEY_CONDITION_CASES,
    *CONDITIONAL_OPERATOR_CASES,
    *ENUM_CASES,
    *BATCH_CASES,
    *UPDATE_CASES,
]


def _ids(case: Case) -> str:
    message = case.message if isinstance(case.message, str) else " ".join(case.message)
    return f"{case.source}-{case.op}-{message[:60]}"


def _on(table: str, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` aimed at ``table`` instead of the test table."""
    moved: dict[str, Any] = json.loads(json.dumps(args).replace(f'"{TABLE}"', f'"{table}"'))
    return moved


@pytest.fixture
def table(dynamodb: Any) -> str:
    return make_table(dynamodb)


def make_table(dynamodb: Any) -> str:
    """The test table: a string hash key, a KEYS_ONLY GSI on gsi_pk, one item."""
    dynamodb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "gsi_pk", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "test_gsi",
                "KeySchema": [{"AttributeName": "gsi_pk", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(TableName=TABLE, Item=SEED)
    dynamodb.create_table(
        TableName=RANGED,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return TABLE


def _refusal(dynamodb: Any, op: str, args: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(ClientError) as info:
        getattr(dynamodb, op)(**args)
    response: dict[str, Any] = info.value.response
    return response


def _matches(case: Case, message: str) -> bool:
    if isinstance(case.message, str):
        return message == case.message
    return all(part in message for part in case.message)


class TestVerifiedMessages:
    @pytest.mark.parametrize("case", CASES, ids=_ids)
    def test_refused(self, dynamodb: Any, table: str, case: Case) -> None:
        """The request gets DynamoDB's code and message, and changes nothing."""
        before = dynamodb.scan(TableName=table)["Items"]
        error = _refusal(dynamodb, case.op, case.refused)["Error"]
        assert error["Code"] == case.code
        assert _matches(case, error["Message"]), error["Message"]
        assert dynamodb.scan(TableName=table)["Items"] == before

    @pytest.mark.parametrize("case", [c for c in CASES if c.accepted is not None], ids=_ids)
    def test_accepted(self, dynamodb: Any, table: str, case: Case) -> None:
        """The nearest request on the other side of the rule is answered."""
        assert case.accepted is not None
        response = getattr(dynamodb, case.op)(**case.accepted)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200

    @pytest.mark.parametrize("case", [c for c in CASES if c.before_table], ids=_ids)
    def test_before_the_table(self, dynamodb: Any, case: Case) -> None:
        """With no table at all, the request's own error still comes first."""
        error = _refusal(dynamodb, case.op, _on(ABSENT, case.refused))["Error"]
        assert error["Code"] == case.code
        assert _matches(case, error["Message"]), error["Message"]


class TestLimitWording:
    """Query and Scan word Limit=0 differently; botocore refuses it before sending, so
    only hand-written JSON reaches the service (conformance suite, dynoxide: live
    captures)."""

    @pytest.mark.parametrize(
        ("operation", "extra", "message"),
        [
            (
                "Query",
                {
                    "KeyConditionExpression": "pk = :v",
                    "ExpressionAttributeValues": {":v": {"S": "x"}},
                },
                (
                    "1 validation error detected: Value at 'Limit' failed to satisfy constraint: "
                    "Member must have value greater than or equal to 1"
                ),
            ),
            (
                "Scan",
                {},
                (
                    "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                    "constraint: Member must have value greater than or equal to 1"
                ),
            ),
        ],
    )
    def test_limit_zero(
        self, cloud: Any, raw_door: Any, operation: str, extra: dict[str, Any], message: str
    ) -> None:
        from pyserverless.adapters import Server

        with Server(cloud) as server:
            door = raw_door(server.url, cloud.region)
            make_table(door)
            body = {"TableName": TABLE, "Limit": 0, **extra}
            status, _headers, raw = door.raw(operation, json.dumps(body).encode())
            assert (status, json.loads(raw)["message"]) == (400, message)
            body["Limit"] = 1
            assert door.raw(operation, json.dumps(body).encode())[0] == 200
