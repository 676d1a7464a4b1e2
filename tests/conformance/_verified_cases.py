"""The shapes and helpers of the verified-message tables, and the expression rows.

Shared by ``test_verified_messages.py`` and ``test_verified_transactions.py``; the
sources each row names are listed in ``test_verified_messages.py``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

TABLE = "verified"
ABSENT = "no-such-table"
ENVELOPE = "1 validation error detected: "
KEY = {"pk": {"S": "p1"}}
SEED = {
    "pk": {"S": "p1"},
    "n": {"N": "5"},
    "flag": {"BOOL": True},
    "s": {"S": "x"},
    "foo": {"S": "a"},
}


class Case(NamedTuple):
    source: str
    op: str
    refused: dict[str, Any]
    code: str
    #: The whole message, or (with ``partial``) the parts the source asserted.
    message: str | tuple[str, ...]
    accepted: dict[str, Any] | None = None
    before_table: bool = False
    partial: bool = False


def _query(**extra: Any) -> dict[str, Any]:
    """A Query of the table (or of ``test_gsi`` when ``IndexName`` is given)."""
    key = "gsi_pk" if extra.get("IndexName") else "pk"
    return {
        "TableName": TABLE,
        "KeyConditionExpression": f"{key} = :key",
        "ExpressionAttributeValues": {":key": {"S": "value"}},
        **extra,
    }


def _scan(**extra: Any) -> dict[str, Any]:
    return {"TableName": TABLE, **extra}


def _legacy_read(op: str, select: str) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TableName": TABLE,
        "IndexName": "test_gsi",
        "AttributesToGet": ["gsi_pk"],
        "Select": select,
    }
    if op == "query":
        request["KeyConditions"] = {
            "gsi_pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "value"}]}
        }
    return request


def _put(**extra: Any) -> dict[str, Any]:
    return {"TableName": TABLE, "Item": dict(SEED), **extra}


def _twi(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"TransactItems": list(actions)}


def _update_action(update: str, **extra: Any) -> dict[str, Any]:
    return {
        "Update": {
            "TableName": TABLE,
            "Key": KEY,
            "UpdateExpression": update,
            **extra,
        }
    }


def _get(**extra: Any) -> dict[str, Any]:
    return {"TableName": TABLE, "Key": KEY, **extra}


LONG_NAME = "#" + "a" * 255  # 256 bytes: one past DynamoDB's 255
LONGEST_NAME = "#" + "a" * 254
LONG_VALUE = ":" + "a" * 255
LONGEST_VALUE = ":" + "a" * 254

MAX_EXPRESSION = 4096  # bytes


def _name(size: int) -> str:
    """An attribute name (and so a one-path expression) of ``size`` bytes."""
    return "a" + "z" * (size - 1)


def _size_case(op: str, build: Any, label: str, extra: int, sized: bool) -> Case:
    """An expression one byte over 4 KB, and the same at 4 KB (``extra``: its other bytes)."""
    over = build(_name(MAX_EXPRESSION + 1 - extra))
    text = next(v for k, v in over.items() if k == label)
    suffix = f" expression size: {len(text)}" if sized else ""
    # ExtendDB's us-east-1 capture shows no envelope on PutItem and UpdateItem either;
    # pyserverless follows the regions that add it (docs/dynamodb.md, "The validation
    # envelope").
    envelope = ENVELOPE if op in ("put_item", "update_item") else ""
    return Case(
        "extenddb-size",
        op,
        over,
        "ValidationException",
        f"{envelope}Invalid {label}: Expression size has exceeded the maximum allowed size;"
        f"{suffix}",
        build(_name(MAX_EXPRESSION - extra)),
    )


SIZE_CASES = [
    _size_case(
        "get_item", lambda n: _get(ProjectionExpression=n), "ProjectionExpression", 0, False
    ),
    _size_case(
        "scan",
        lambda n: _scan(FilterExpression=f"{n} = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
        "FilterExpression",
        5,
        True,
    ),
    _size_case(
        "put_item",
        lambda n: {
            "TableName": TABLE,
            "Item": {"pk": {"S": "new"}},
            "ConditionExpression": f"attribute_not_exists({n})",
        },
        "ConditionExpression",
        len("attribute_not_exists()"),
        True,
    ),
    _size_case(
        "update_item",
        lambda n: _get(
            UpdateExpression=f"SET {n} = :v", ExpressionAttributeValues={":v": {"S": "x"}}
        ),
        "UpdateExpression",
        len("SET  = :v"),
        False,
    ),
]

RANGED = "ranged"  # a string hash key pk and a number range key sk


def _ranged(kce: str, **values: Any) -> dict[str, Any]:
    return {
        "TableName": RANGED,
        "KeyConditionExpression": kce,
        "ExpressionAttributeValues": {":p": {"S": "q"}, **values},
    }


def _operand(op: str, kind: str) -> str:
    return (
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        f"operator or function: {op}, operand type: {kind}"
    )


SCHEMA_TYPE = (
    "One or more parameter values were invalid: Condition parameter type does not match schema type"
)
N1 = {"N": "1"}
KEY_CONDITION_CASES = [
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND begins_with(sk, :v)", **{":v": {"S": "a"}}),
        "ValidationException",
        SCHEMA_TYPE,
    ),
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND begins_with(sk, :v)", **{":v": N1}),
        "ValidationException",
        _operand("begins_with", "N"),
    ),
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND sk < :v", **{":v": {"BOOL": True}}),
        "ValidationException",
        _operand("<", "BOOL"),
        _ranged("pk = :p AND sk < :v", **{":v": N1}),
    ),
    Case(
        "conformance",
        "query",
        _ranged(":v >= sk AND pk = :p", **{":v": {"BOOL": True}}),
        "ValidationException",
        _operand(">=", "BOOL"),
        _ranged(":v >= sk AND pk = :p", **{":v": N1}),
    ),
    Case(
        "conformance",
        "query",
        _ranged(
            "pk = :p AND sk BETWEEN :a AND :b", **{":a": {"BOOL": False}, ":b": {"BOOL": True}}
        ),
        "ValidationException",
        _operand("BETWEEN", "BOOL"),
    ),
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND sk = :v", **{":v": {"BOOL": True}}),
        "ValidationException",
        SCHEMA_TYPE,
    ),
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND sk > :a AND sk < :b", **{":a": N1, ":b": N1}),
        "ValidationException",
        "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition "
        "per key",
        _ranged("pk = :p AND sk BETWEEN :a AND :b", **{":a": N1, ":b": N1}),
    ),
    Case(
        "conformance",
        "query",
        _ranged("pk = :p AND sk > :a AND extra = :b", **{":a": N1, ":b": N1}),
        "ValidationException",
        "The number of query conditions (3) exceeds the number of key attributes defined in the "
        "schema (2)",
    ),
    Case(
        "dynoxide",
        "query",
        _ranged("pk = :p AND sk.foo = :v", **{":v": N1}),
        "ValidationException",
        "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested "
        "attributes",
    ),
    Case(
        "dynoxide",
        "query",
        _ranged("pk[0] = :p"),
        "ValidationException",
        "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested "
        "attributes",
        _ranged("pk = :p"),
    ),
]


def _cond(value: str = "x") -> dict[str, Any]:
    return {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": value}]}


WITHOUT = "ConditionalOperator cannot be used without Filter or Expected"
ONE = "ConditionalOperator can only be used when Filter or Expected has two or more elements"


def _mixed(legacy: str, expressions: str) -> str:
    return (
        "Can not use both expression and non-expression parameters in the same request: "
        f"Non-expression parameters: {{{legacy}}} Expression parameters: {{{expressions}}}"
    )


CONDITIONAL_OPERATOR_CASES = [
    Case("extenddb-condop", "scan", _scan(ConditionalOperator="AND"), "ValidationException",
         WITHOUT, _scan(ConditionalOperator="AND", ScanFilter={"foo": _cond(), "s": _cond()})),
    Case("extenddb-condop", "scan", _scan(ConditionalOperator="OR", ScanFilter={}),
         "ValidationException", WITHOUT),
    Case("extenddb-condop", "scan", _scan(ConditionalOperator="AND", ScanFilter={"foo": _cond()}),
         "ValidationException", ONE, _scan(ScanFilter={"foo": _cond()})),
    Case("extenddb-condop", "query", {"TableName": TABLE, "ConditionalOperator": "AND"},
         "ValidationException", WITHOUT),
    Case("extenddb-condop", "query",
         {"TableName": TABLE, "ConditionalOperator": "AND", "KeyConditions": {"pk": _cond("p1")},
          "QueryFilter": {"foo": _cond()}},
         "ValidationException", ONE),
    Case("extenddb-condop", "put_item", _put(ConditionalOperator="AND"), "ValidationException",
         WITHOUT, _put(ConditionalOperator="OR", Expected={"foo": _cond("a"), "zz": _cond()})),
    Case("extenddb-condop", "put_item", _put(ConditionalOperator="AND", Expected={"foo": _cond()}),
         "ValidationException", ONE),
    Case("extenddb-condop", "delete_item", _get(ConditionalOperator="AND"),
         "ValidationException", WITHOUT),
    Case("extenddb-condop", "update_item",
         _get(ConditionalOperator="AND",
              AttributeUpdates={"a": {"Value": {"S": "v"}, "Action": "PUT"}}),
         "ValidationException", WITHOUT),
    Case("extenddb-condop", "scan",
         _scan(AttributesToGet=["foo"], ScanFilter={"foo": _cond()}, ConditionalOperator="AND",
               FilterExpression="foo = :v", ProjectionExpression="s",
               ExpressionAttributeValues={":v": {"S": "x"}}),
         "ValidationException",
         _mixed("AttributesToGet, ScanFilter, ConditionalOperator",
                "ProjectionExpression, FilterExpression")),
    Case("extenddb-condop", "query",
         {"TableName": TABLE, "KeyConditions": {"pk": _cond("p1")}, "QueryFilter": {"foo": _cond()},
          "ConditionalOperator": "AND", "KeyConditionExpression": "pk = :p",
          "FilterExpression": "foo = :v", "ProjectionExpression": "s",
          "ExpressionAttributeValues": {":p": {"S": "p1"}, ":v": {"S": "x"}}},
         "ValidationException",
         _mixed("QueryFilter, ConditionalOperator, KeyConditions",
                "ProjectionExpression, FilterExpression, KeyConditionExpression")),
    Case("extenddb-condop", "scan",
         _scan(ConditionalOperator="AND", FilterExpression="foo = :v",
               ExpressionAttributeValues={":v": {"S": "x"}, ":unused": {"S": "y"}}),
         "ValidationException", _mixed("ConditionalOperator", "FilterExpression")),
]  # fmt: skip

# UpdateItem reports only its first bad enum; PutItem reports them all (dynoxide's
# CHANGELOG, confirmed against DynamoDB in eu-west-2).
_RETURN_VALUES_ENUM = (
    "Value 'BAD' at 'returnValues' failed to satisfy constraint: Member must satisfy enum "
    "value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"
)
_CAPACITY_ENUM = (
    "Value 'BAD' at 'returnConsumedCapacity' failed to satisfy constraint: Member must "
    "satisfy enum value set: [INDEXES, TOTAL, NONE]"
)
ENUM_CASES = [
    Case(
        "dynoxide",
        "update_item",
        _get(ReturnValues="BAD", ReturnConsumedCapacity="BAD", UpdateExpression="SET a = :v",
             ExpressionAttributeValues={":v": {"S": "x"}}),
        "ValidationException",
        "1 validation error detected: " + _RETURN_VALUES_ENUM,
        _get(ReturnValues="ALL_NEW", ReturnConsumedCapacity="TOTAL", UpdateExpression="SET a = :v",
             ExpressionAttributeValues={":v": {"S": "x"}}),
        before_table=True,
    ),
    Case(
        "dynoxide",
        "put_item",
        {"TableName": TABLE, "Item": {"pk": {"S": "e"}}, "ReturnValues": "BAD",
         "ReturnConsumedCapacity": "BAD"},
        "ValidationException",
        "2 validation errors detected: " + _RETURN_VALUES_ENUM + "; " + _CAPACITY_ENUM,
        {"TableName": TABLE, "Item": {"pk": {"S": "e"}}, "ReturnValues": "ALL_OLD",
         "ReturnConsumedCapacity": "TOTAL"},
        before_table=True,
    ),
]  # fmt: skip

# BatchGetItem (nubo-db/dynamodb-conformance batchGetItem captures; dynoxide).
_RANGED_KEY = {"pk": {"S": "q"}, "sk": {"N": "1"}}
BATCH_CASES = [
    # An empty RequestItems: BatchGetItem in the envelope, BatchWriteItem its sentence
    # (dynoxide PR #198, from the conformance suite's 33-region capture of 2026-09).
    Case(
        "dynoxide",
        "batch_get_item",
        {"RequestItems": {}},
        "ValidationException",
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
        {"RequestItems": {TABLE: {"Keys": [KEY]}}},
    ),
    Case(
        "dynoxide",
        "batch_write_item",
        {"RequestItems": {}},
        "ValidationException",
        "The requestItems parameter is required for BatchWriteItem",
        {"RequestItems": {TABLE: [{"PutRequest": {"Item": {"pk": {"S": "bw"}}}}]}},
    ),
    Case(
        "conformance",
        "batch_get_item",
        {"RequestItems": {TABLE: {"Keys": [{"pk": {"S": f"k{n}"}} for n in range(101)]}}},
        "ValidationException",
        f"1 validation error detected: Value at 'RequestItems.{TABLE}.member.Keys' failed to "
        "satisfy constraint: Member must have length less than or equal to 100",
        {"RequestItems": {TABLE: {"Keys": [{"pk": {"S": f"k{n}"}} for n in range(100)]}}},
    ),
    Case(
        "conformance",
        "batch_get_item",
        {
            "RequestItems": {
                TABLE: {"Keys": [KEY], "ProjectionExpression": "pk"},
                "ranged": {"Keys": [_RANGED_KEY], "AttributesToGet": ["pk"]},
            }
        },
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}",
        {
            "RequestItems": {
                TABLE: {"Keys": [KEY], "ProjectionExpression": "pk"},
                "ranged": {"Keys": [_RANGED_KEY], "ProjectionExpression": "pk"},
            }
        },
    ),
    Case(
        "conformance",
        "batch_get_item",
        {"RequestItems": {TABLE: {"Keys": [KEY], "ProjectionExpression": "#a, #b",
                                  "ExpressionAttributeNames": {"#a": "a", "#b": "a"}}}},
        "ValidationException",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a], path two: [a]",
        {"RequestItems": {TABLE: {"Keys": [KEY], "ProjectionExpression": "#a, #b",
                                  "ExpressionAttributeNames": {"#a": "a", "#b": "b"}}}},
        before_table=True,
    ),
]  # fmt: skip

# UpdateItem (moto's aws_verified tests/test_dynamodb/test_dynamodb_update_expressions.py,
# us-east-1). Those tests show "Invalid UpdateExpression: ..." bare in us-east-1;
# pyserverless keeps the envelope of the regions that add it (docs/dynamodb.md).
UPDATE_CASES = [
    Case(
        "moto-update",
        "update_item",
        _get(UpdateExpression="SET #d = :s", ExpressionAttributeNames={"#d": "d"},
             ExpressionAttributeValues={}),
        "ValidationException",
        "ExpressionAttributeValues must not be empty",
        _get(UpdateExpression="SET #d = :s", ExpressionAttributeNames={"#d": "d"},
             ExpressionAttributeValues={":s": {"S": "x"}}),
        before_table=True,
    ),
    Case(
        "moto-update",
        "update_item",
        _get(UpdateExpression="ADD stringset :e", ExpressionAttributeValues={":e": {"SS": []}}),
        "ValidationException",
        (("ExpressionAttributeValues contains invalid value: One or more parameter values were "
         "invalid: An string set  may not be empty"),),
        _get(UpdateExpression="ADD stringset :e", ExpressionAttributeValues={":e": {"SS": ["a"]}}),
        before_table=True,
        partial=True,
    ),
    Case(
        "moto-update",
        "update_item",
        _get(UpdateExpression="REMOVE a[0] SET b = :c REMOVE d",
             ExpressionAttributeValues={":c": {"S": "x"}}),
        "ValidationException",
        (('Invalid UpdateExpression: The "REMOVE" section can only be used once in an update '
         "expression;"),),
        _get(UpdateExpression="REMOVE a, d SET b = :c",
             ExpressionAttributeValues={":c": {"S": "x"}}),
        before_table=True,
        partial=True,
    ),
]  # fmt: skip
