"""The table of accepted and rejected expressions, with DynamoDB's exact messages.

Messages come from aws-facts A4/A17 and from real-service answers recorded in public
projects (dynalite's test suite, checked against DynamoDB; quoted error reports).
"""

# ruff: noqa: E501  (tables of AWS messages and strategies read best one entry per line)

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pyserverless.dynamo._errors import ValidationException
from pyserverless.dynamo._expressions import compile_request

D = Decimal
NAMES_AB = {"#a": "a", "#b": "b"}
VALUES_AB = {":a": "a", ":b": "a"}


def reject(**request: Any) -> str:
    request.setdefault("names", None)
    request.setdefault("values", None)
    with pytest.raises(ValidationException) as info:
        compile_request(**request)
    assert info.value.code == "ValidationException"
    return info.value.message


UPDATE_SYNTAX = [
    ("ADD hits : incr", {":incr": D(1)}, 'token: ":", near: "hits : incr"'),
    ("INVALID SYNTAX HERE", {":v": "v"}, 'token: "INVALID", near: "INVALID SYNTAX"'),
    ("set a", None, 'token: "<EOF>", near: "a"'),
    ("whatever", None, 'token: "whatever", near: "whatever"'),
    ("set a=set", None, 'token: "set", near: "=set"'),
    ("remove a = b", None, 'token: "=", near: "a = b"'),
    ("delete a b", None, 'token: "b", near: "a b"'),
    ("set :a = b", None, 'token: ":a", near: "set :a ="'),
    ("set a = b / c", None, 'token: "/", near: "b / c"'),
    ("set a[1] = 1", None, 'token: "1", near: "= 1"'),
    ("set a = b + c + d", None, 'token: "+", near: "c + d"'),
    ("set (a = (b + c))", None, 'token: "(", near: "set (a"'),
    ("SET if_not_exist(a, b) = a", None, 'token: "(", near: "if_not_exist(a"'),
    ("set a = (b.c).d + e", None, 'token: ".", near: ").d"'),
    ("set a = (b.c)[0] + e", None, 'token: "[", near: ")[0"'),
    ("add a if_not_exist(b)", None, 'token: "if_not_exist", near: "a if_not_exist("'),
]


class TestSyntaxErrors:
    """Syntax errors quote the token and the text around it."""

    @pytest.mark.parametrize(("expression", "values", "tail"), UPDATE_SYNTAX)
    def test_update_syntax(self, expression: str, values: Any, tail: str) -> None:
        """UpdateExpression syntax errors name the token and its neighbours."""
        message = reject(update=expression, values=values)
        assert message == f"Invalid UpdateExpression: Syntax error; {tail}"

    @pytest.mark.parametrize(
        ("kind", "expression", "tail"),
        [
            ("condition", "a = = :v", 'token: "=", near: "= = :v"'),
            ("condition", "a = 1", 'token: "1", near: "= 1"'),
            ("filter", "a <", 'token: "<EOF>", near: "<"'),
            ("condition", "(a = :v", 'token: "<EOF>", near: ":v"'),
            ("key_condition", "things are not gonna be ok", 'token: "are", near: "things are not"'),
            ("key_condition", "(size(a))[0] > a", 'token: "[", near: ")[0"'),
            ("projection", "a,", 'token: "<EOF>", near: ","'),
            ("projection", "size(a)", 'token: "(", near: "size(a"'),
            ("condition", "a[-1] = :v", 'token: "-", near: "[-1"'),
        ],
    )
    def test_other_kinds(self, kind: str, expression: str, tail: str) -> None:
        """Each expression kind prefixes its own name."""
        labels = {
            "condition": "ConditionExpression",
            "filter": "FilterExpression",
            "key_condition": "KeyConditionExpression",
            "projection": "ProjectionExpression",
        }
        values = {":v": "x"} if ":v" in expression else None
        message = reject(**{kind: expression}, values=values)
        assert message == f"Invalid {labels[kind]}: Syntax error; {tail}"


REJECTED: list[tuple[dict[str, Any], str]] = [
    # Placeholder maps.
    (
        {"condition": "a = :v", "names": {}, "values": {}},
        "ExpressionAttributeNames must not be empty",
    ),
    (
        {"condition": "a = :v", "names": {"a": "a"}, "values": {}},
        'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"',
    ),
    (
        {"condition": "#a = :v", "names": {"#a": ""}, "values": {":v": "x"}},
        "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
    ),
    ({"condition": "a = :v", "values": {}}, "ExpressionAttributeValues must not be empty"),
    (
        {"condition": "a = :v", "values": {":v": "x", "b": "a"}},
        'ExpressionAttributeValues contains invalid key: Syntax error; key: "b"',
    ),
    (
        {"names": {"#a": "a"}},
        "ExpressionAttributeNames can only be specified when using expressions",
    ),
    (
        {"values": {":a": "a"}, "operation": "UpdateItem"},
        (
            "ExpressionAttributeValues can only be specified when using expressions: "
            "UpdateExpression and ConditionExpression are null"
        ),
    ),
    (
        {"condition": "a = :v", "values": {":v": "x", ":w": "y"}},
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}",
    ),
    (
        {
            "update": "remove a set b = list_append(b, if_not_exists(a, :a))",
            "condition": "a = :b",
            "values": VALUES_AB,
            "names": NAMES_AB,
        },
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}",
    ),
    # Empty and oversized expressions.
    ({"update": "", "condition": ""}, "Invalid UpdateExpression: The expression can not be empty;"),
    ({"condition": ""}, "Invalid ConditionExpression: The expression can not be empty;"),
    (
        {"key_condition": "", "filter": "", "projection": "", "values": {":0": "b"}},
        "Invalid KeyConditionExpression: The expression can not be empty;",
    ),
    (
        {"key_condition": "attribute_type(a, :a)", "filter": "", "values": {":a": "N"}},
        "Invalid FilterExpression: The expression can not be empty;",
    ),
    (
        {"filter": "a = :v" + " " * 4091, "values": {":v": "x"}},
        (
            "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: 4097"
        ),
    ),
    # Reserved words, functions, sections.
    (
        {"update": " set #c = :c set abOrt = true ", "values": VALUES_AB, "names": NAMES_AB},
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt",
    ),
    (
        {"update": " remove Absolute ", "values": VALUES_AB, "names": NAMES_AB},
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute",
    ),
    (
        {"condition": "status = :v", "values": {":v": "x"}},
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
    ),
    (
        {"projection": "name"},
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
    ),
    (
        {"update": "set #c = if_not_exist(:c) set c = d", "values": VALUES_AB, "names": NAMES_AB},
        "Invalid UpdateExpression: Invalid function name; function: if_not_exist",
    ),
    (
        {"condition": "foo(a)"},
        "Invalid ConditionExpression: Invalid function name; function: foo",
    ),
    (
        {"condition": "size(a)"},
        (
            "Invalid ConditionExpression: The function is not allowed to be used this way in an "
            "expression; function: size"
        ),
    ),
    (
        {"condition": "a = begins_with(b, :v)", "values": {":v": "x"}},
        (
            "Invalid ConditionExpression: The function is not allowed to be used this way in an "
            "expression; function: begins_with"
        ),
    ),
    (
        {"condition": "((a = :v))", "values": {":v": "x"}},
        "Invalid ConditionExpression: The expression has redundant parentheses;",
    ),
    (
        {"update": "set a = #c set c = :d", "values": VALUES_AB, "names": NAMES_AB},
        (
            'Invalid UpdateExpression: The "SET" section can only be used once in an update '
            "expression;"
        ),
    ),
    (
        {"update": "remove #d set a = b remove e", "values": VALUES_AB, "names": NAMES_AB},
        (
            'Invalid UpdateExpression: The "REMOVE" section can only be used once in an update '
            "expression;"
        ),
    ),
    (
        {"update": "add #d :e set a = b add e :f", "values": VALUES_AB, "names": NAMES_AB},
        (
            'Invalid UpdateExpression: The "ADD" section can only be used once in an update '
            "expression;"
        ),
    ),
    (
        {"update": "delete #d :e set a = b delete #e :f", "values": VALUES_AB, "names": NAMES_AB},
        (
            'Invalid UpdateExpression: The "DELETE" section can only be used once in an update '
            "expression;"
        ),
    ),
    # Undefined placeholders.
    (
        {"update": "SET #c = if_not_exists(:c)", "values": VALUES_AB, "names": NAMES_AB},
        (
            "Invalid UpdateExpression: An expression attribute name used in the document path is "
            "not defined; attribute name: #c"
        ),
    ),
    (
        {"update": "SET #a = if_not_exists(:c)", "values": VALUES_AB, "names": NAMES_AB},
        (
            "Invalid UpdateExpression: An expression attribute value used in expression is not "
            "defined; attribute value: :c"
        ),
    ),
    (
        {"filter": "#n = :v", "values": {":v": "x"}},
        (
            "Invalid FilterExpression: An expression attribute name used in the document path is "
            "not defined; attribute name: #n"
        ),
    ),
    # Overlapping and conflicting update paths.
    (
        {
            "update": "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)",
            "names": {"#c": "c"},
        },
        (
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [c, [1], a], path two: [c]"
        ),
    ),
    (
        {"update": "set #c[3].#d = a, #c[3] = a", "names": {"#c": "c", "#d": "[3]"}},
        (
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]"
        ),
    ),
    (
        {"update": "remove a, b, a"},
        (
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [a], path two: [a]"
        ),
    ),
    (
        {"update": "set a = b remove a"},
        (
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [a], path two: [a]"
        ),
    ),
    (
        {"update": "remove a.#c set a[1] = #d", "names": {"#c": "c", "#d": "[3]"}},
        (
            "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
            "rewrite one of these paths; path one: [a, c], path two: [a, [1]]"
        ),
    ),
    # Operand types and counts.
    (
        {
            "update": "set b = list_append(:a, a), c = if_not_exists(a) add a.b :a",
            "values": {":a": "a"},
        },
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"
        ),
    ),
    (
        {"update": "delete a.b :a", "values": {":a": D(1)}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_ADD_OPERAND"
        ),
    ),
    (
        {"update": "add a.b :a", "values": {":a": [D(1)]}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND"
        ),
    ),
    (
        {"update": "delete a.b :a", "values": {":a": {"a": True}}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: DELETE, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND"
        ),
    ),
    (
        {"update": "set a = if_not_exists(c)"},
        (
            "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
            "operator or function: if_not_exists, number of operands: 1"
        ),
    ),
    (
        {"update": "set a = list_append(c)"},
        (
            "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
            "operator or function: list_append, number of operands: 1"
        ),
    ),
    (
        {"update": "set a = if_not_exists(:a, c)", "values": {":a": "a"}},
        (
            "Invalid UpdateExpression: Operator or function requires a document path; "
            "operator or function: if_not_exists"
        ),
    ),
    (
        {"update": "set a = list_append(:a, a)", "values": {":a": "a"}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator or function: list_append, operand type: S"
        ),
    ),
    (
        {"update": "set a = a + :a", "values": {":a": "a"}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator or function: +, operand type: S"
        ),
    ),
    (
        {"update": "set a = :c - a", "values": {":c": b"a"}},
        (
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator or function: -, operand type: B"
        ),
    ),
    (
        {"condition": "size(a, b) > :v", "values": {":v": D(1)}},
        (
            "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
            "operator or function: size, number of operands: 2"
        ),
    ),
    (
        {"condition": "attribute_exists(:v)", "values": {":v": "x"}},
        (
            "Invalid ConditionExpression: Operator or function requires a document path; "
            "operator or function: attribute_exists"
        ),
    ),
    (
        {"condition": "begins_with(a, :v)", "values": {":v": D(1)}},
        (
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N"
        ),
    ),
    (
        {"condition": "size(:v) > a", "values": {":v": True}},
        (
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: size, operand type: BOOL"
        ),
    ),
    (
        {"condition": "attribute_type(a, :v)", "values": {":v": "X"}},
        (
            "Invalid ConditionExpression: Invalid attribute type name found; type: X, "
            "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"
        ),
    ),
    (
        {"key_condition": "attribute_type(a, :a)", "values": {":a": D(1)}},
        (
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: attribute_type, operand type: N"
        ),
    ),
    (
        {"condition": "a = a"},
        (
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: =, first operand: [a]"
        ),
    ),
    (
        {"condition": "contains(a.b, a.b)"},
        (
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: contains, first operand: [a, b]"
        ),
    ),
    # BETWEEN and IN.
    (
        {"condition": "a between :b and :a", "values": {":a": "a", ":b": "b"}},
        (
            "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
            "than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound "
            "operand: AttributeValue: {S:a}"
        ),
    ),
    (
        {"key_condition": "a between :b and :a", "values": {":a": "a", ":b": D(1)}},
        (
            "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower "
            "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
            "AttributeValue: {S:a}"
        ),
    ),
    (
        {"filter": "n between :b and :a", "values": {":a": D("1.50"), ":b": D(5)}},
        (
            "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater "
            "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
            "operand: AttributeValue: {N:1.5}"
        ),
    ),
    (
        {"condition": "a IN (" + ", ".join([":v"] * 101) + ")", "values": {":v": "x"}},
        (
            "Invalid ConditionExpression: The IN operator is provided with too many operands; "
            "number of operands: 101"
        ),
    ),
    (
        {"condition": "t < :v", "values": {":v": True}},
        (
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: <, operand type: BOOL"
        ),
    ),
    (
        {"condition": "a BETWEEN :v AND :w", "values": {":v": {"x"}, ":w": {"y"}}},
        (
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: BETWEEN, operand type: SS"
        ),
    ),
    (
        {"condition": "a IN (b, a)"},
        (
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: IN, first operand: [a]"
        ),
    ),
    (
        {"update": "SET a = if_not_exists(b, b)"},
        (
            "Invalid UpdateExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: if_not_exists, first operand: [b]"
        ),
    ),
    (
        {"update": "SET a = list_append(b, c) + :n", "values": {":n": D(1)}},
        (
            "Invalid UpdateExpression: The function is not allowed to be used this way in an "
            "expression; function: list_append"
        ),
    ),
    (
        {"update": "SET a = ((b + c))"},
        "Invalid UpdateExpression: The expression has redundant parentheses;",
    ),
    # Projections.
    (
        {"projection": "a, a.b"},
        (
            "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
            "or rewrite one of these paths; path one: [a], path two: [a, b]"
        ),
    ),
    (
        {"projection": "a[0], a.b"},
        (
            "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
            "or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"
        ),
    ),
    # Key attributes.
    (
        {"update": "add a.b :a", "values": {":a": D(1)}, "table_key": ("a", None)},
        (
            "One or more parameter values were invalid: Cannot update attribute a. This attribute "
            "is part of the key"
        ),
    ),
    (
        {"update": "set d[1] = :a add b.b :a", "values": {":a": D(1)}, "table_key": ("a", "b")},
        (
            "One or more parameter values were invalid: Cannot update attribute b. This attribute "
            "is part of the key"
        ),
    ),
    (
        {
            "key_condition": "pk = :p",
            "filter": "pk = :p",
            "values": {":p": "x"},
            "query_key": ("pk", "sk"),
        },
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk",
    ),
]


class TestRejections:
    """Every rejection carries DynamoDB's exact ValidationException message."""

    @pytest.mark.parametrize(("request_", "message"), REJECTED)
    def test_message(self, request_: dict[str, Any], message: str) -> None:
        """The request is rejected with exactly this message."""
        assert reject(**request_) == message


KEY_REJECTED = [
    ("a > b and size(b) > c or a > c", None, "Invalid operator used in KeyConditionExpression: OR"),
    ("a in (b, size(c), d)", None, "Invalid operator used in KeyConditionExpression: IN"),
    ("attribute_exists(a)", None, "Invalid operator used in KeyConditionExpression: attribute_exists"),
    ("contains(a.d, b)", None, "Invalid operator used in KeyConditionExpression: contains"),
    ("not a > b", None, "Invalid operator used in KeyConditionExpression: NOT"),
    ("a <> b", None, "Invalid operator used in KeyConditionExpression: <>"),
    (
        "attribute_type(a, :a)",
        {":a": "S"},
        "Invalid operator used in KeyConditionExpression: attribute_type",
    ),
    (
        ":a between size(b) and size(a) and b > :b",
        {":a": "1", ":b": "1"},
        ("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
        "attribute as its first operand"),
    ),
    (
        "begins_with(:a, b) and a > :b",
        {":a": "1", ":b": "1"},
        ("Invalid condition in KeyConditionExpression: begins_with operator must have the key "
        "attribute as its first operand"),
    ),
    ("size(b) > a AND a.b > b AND b > c", None, "KeyConditionExpressions cannot contain nested operations"),
    ("a > size(b.d)", None, "KeyConditionExpressions cannot contain nested operations"),
    ("a between size(b) and size(a)", None, "KeyConditionExpressions cannot contain nested operations"),
    ("b > a.b", None, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    ("b between c[1] and d", None, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    ("begins_with(a, b)", None, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    ("b.d > a AND c.d > e.f", None, "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"),
    ("b[0] > a", None, "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"),
    (":b > :a AND a < :b", {":a": D(1), ":b": D(1)}, "Invalid condition in KeyConditionExpression: No key attribute specified"),
    ("b > :a AND b < :a and c = :a and d = :a", {":a": D(1)}, "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key"),
    ("(a > :a and b > :a) and (b > :a and c > :a)", {":a": D(1)}, "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key"),
    (":a = a and b = :a and :a = c", {":a": "a"}, "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"),
]  # fmt: skip


class TestKeyConditionRejections:
    """KeyConditionExpression shape rules, with DynamoDB's messages (no prefix)."""

    @pytest.mark.parametrize(("expression", "values", "message"), KEY_REJECTED)
    def test_shape(self, expression: str, values: Any, message: str) -> None:
        """Only ANDed key comparisons, BETWEEN and begins_with are allowed."""
        assert reject(key_condition=expression, values=values) == message

    @pytest.mark.parametrize(
        ("expression", "query_key", "message"),
        [
            ("pk = :p and st = :s", ("pk", None), "Query key condition not supported"),
            ("pk = :p and st = :s", ("pk", "sk"), "Query condition missed key schema element: sk"),
            ("pk < :p and sk = :s", ("pk", "sk"), "Query key condition not supported"),
            ("sk = :p and st = :s", ("pk", "sk"), "Query condition missed key schema element: pk"),
        ],
    )
    def test_schema(self, expression: str, query_key: Any, message: str) -> None:
        """The conditions must name the queried key: the partition key by equality."""
        values = {":p": "a", ":s": "b"}
        assert reject(key_condition=expression, values=values, query_key=query_key) == message


ACCEPTED: list[dict[str, Any]] = [
    {"condition": "a = :v", "values": {":v": "x"}},
    {"condition": "NOT (a = :v OR b <> :v) AND c > :v", "values": {":v": "x"}},
    {"condition": "(a) = :v", "values": {":v": "x"}},
    {"condition": "a.b[2].#c = :v", "names": {"#c": "c"}, "values": {":v": "x"}},
    {"condition": "a IN (:v, :w)", "values": {":v": "x", ":w": "y"}},
    {"condition": "size(a) BETWEEN :v AND :w", "values": {":v": D(1), ":w": D(3)}},
    {"condition": "attribute_type(a, :t) OR contains(a, :v)", "values": {":t": "SS", ":v": "x"}},
    {"condition": "a = :v AND " * 50 + "b = :v", "values": {":v": "x"}},
    {"condition": "a IN (" + ", ".join([":v"] * 100) + ")", "values": {":v": "x"}},
    {"update": "SET a = if_not_exists(a, :z) + :one", "values": {":z": D(0), ":one": D(1)}},
    {"update": "SET l = list_append(l, :l) REMOVE x[1], x[0]", "values": {":l": [D(1)]}},
    {"update": "ADD n :n, s :s DELETE t :s", "values": {":n": D(1), ":s": {"a"}}},
    {"update": "set a=:v,b=:v", "values": {":v": "x"}},
    {"update": "SET a = (b + :v)", "values": {":v": D(1)}},
    {"update": "SET #a = :v", "names": {"#a": "status"}, "values": {":v": "x"}},
    {"projection": "a, b.c, d[1], #n", "names": {"#n": "name"}},
    {"key_condition": "pk = :p AND sk BETWEEN :a AND :b", "values": {":p": "x", ":a": "a", ":b": "b"}},
    {"key_condition": "#p = :p AND begins_with(#s, :a)", "names": {"#p": "pk", "#s": "sk"},
     "values": {":p": "x", ":a": "a"}, "query_key": ("pk", "sk")},
    {"filter": "a = :v" + " " * 4090, "values": {":v": "x"}},
]  # fmt: skip


class TestAccepted:
    """Expressions DynamoDB accepts compile without error."""

    @pytest.mark.parametrize("request_", ACCEPTED)
    def test_accepted(self, request_: dict[str, Any]) -> None:
        """Each compiles and yields an object for every expression given."""
        request_ = {"names": None, "values": None, **request_}
        compiled = compile_request(**request_)
        for field in ("condition", "filter", "key_condition", "update", "projection"):
            assert (getattr(compiled, field) is not None) == (field in request_)


FILTER_SYNTAX = [
    "things are not gonna be ok", "a > 4", "attribute_exists(Pictures-RearView)",
    'attribute_exists("Pictures.RearView")', "attribute_exists(Pictures..RearView)",
    "attribute_exists(Pi#ctures.RearView)", "attribute_exists(asdf[a])", "a in b, c",
    "a > between", "a in b", "a in (b,c,)", "(a)between(b.(c.d))and(c)",
    "(a)between(b.c.d)and((c)", "#$.b > a", "a > :things.stuff", "b[:a] > a", "b[#_] > a",
    "\u00fc > a", "(a)between(b.c[4.5].#d)and(:a)", "size(a).b > a", "(size(a)).b > a",
    "size(a)[0] > a", "(size(a))[0] > a",
]  # fmt: skip

FILTER_CASES: list[tuple[str, dict[str, Any] | None, str]] = [
    ("a=a and a > ((views))", None, "The expression has redundant parentheses;"),
    ("(a)between(((b.c)).d)and(c)", None, "The expression has redundant parentheses;"),
    ("a > whatever((:things), ((a)))", None, "The expression has redundant parentheses;"),
    ("a=a AND ((a=a AND a=a)) AND a=a", None, "The expression has redundant parentheses;"),
    ("a=a OR ((a=a OR (a=a OR a=a)))", None, "The expression has redundant parentheses;"),
    ("a=a and whatever((:things)) > a", None, "Invalid function name; function: whatever"),
    ("attRIbute_exIsts((views), #a)", None, "Invalid function name; function: attRIbute_exIsts"),
    ("a=a and attribute_exists((views), (#a)) > b", None, "The function is not allowed to be used this way in an expression; function: attribute_exists"),
    ("attribute_type(things, :a) > b", None, "The function is not allowed to be used this way in an expression; function: attribute_type"),
    ("contains(:things, c) > b", None, "The function is not allowed to be used this way in an expression; function: contains"),
    ("size(contains(a, b)) > a", None, "The function is not allowed to be used this way in an expression; function: contains"),
    ("a between b and attribute_exists(things)", None, "The function is not allowed to be used this way in an expression; function: attribute_exists"),
    ("a in (b, attribute_exists(things))", None, "The function is not allowed to be used this way in an expression; function: attribute_exists"),
    ("attribute_exists(views, #a)", None, "Attribute name is a reserved keyword; reserved keyword: views"),
    (":a < abOrT", None, "Attribute name is a reserved keyword; reserved keyword: abOrT"),
    ("attribute_exists(#Pictures.RearView, :a) and a=a", None, "An expression attribute name used in the document path is not defined; attribute name: #Pictures"),
    ("(#P between :lo and :hi) and (#PC in (:cat1, :cat2))", None, "An expression attribute name used in the document path is not defined; attribute name: #P"),
    ("#4g > a", None, "An expression attribute name used in the document path is not defined; attribute name: #4g"),
    ("#_ > a", None, "An expression attribute name used in the document path is not defined; attribute name: #_"),
    ("(a)between(b.c[45].#d)and(:a)", None, "An expression attribute name used in the document path is not defined; attribute name: #d"),
    ("begins_with(:hello, #a, #b)", None, "An expression attribute value used in expression is not defined; attribute value: :hello"),
    (":_ > a", None, "An expression attribute value used in expression is not defined; attribute value: :_"),
    ("attribute_exists(things, a) and a=a", None, "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
    ("begins_with(things, size(a), b)", None, "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3"),
    ("attribute_type(a, size(a)) and a=a and a=:a", {":a": D(1)}, "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
    ("begins_with(a, size(a)) and a=:a", {":a": D(1)}, "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
    ("begins_with(:a, a)", {":a": {"1"}}, "Incorrect operand type for operator or function; operator or function: begins_with, operand type: SS"),
    ("size(size(a)) > :a", {":a": D(1)}, "Incorrect operand type for operator or function; operator or function: size, operand type: N"),
    ("attribute_not_exists(size(:a))", {":a": D(1)}, "Incorrect operand type for operator or function; operator or function: size, operand type: N"),
    ("size(:a) > a", {":a": None}, "Incorrect operand type for operator or function; operator or function: size, operand type: NULL"),
    ("attribute_type(a, :a)", {":a": "1"}, "Invalid attribute type name found; type: 1, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"),
    ("attribute_exists(:a) and a=a", {":a": "1"}, "Operator or function requires a document path; operator or function: attribute_exists"),
    ("attribute_not_exists(size(:a))", {":a": "1"}, "Operator or function requires a document path; operator or function: attribute_not_exists"),
    ("a = a AND #a = b AND :views > a", {":views": "x"}, "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    ("#a <> a", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]"),
    ("((a=a) OR (a=a))", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    ("contains(ab.bc[1].a, ab.bc[1].#a)", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]"),
    ("attribute_type(ab.bc[1].#a, ab.bc[1].a)", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: attribute_type, first operand: [ab, bc, [1], a]"),
]  # fmt: skip


class TestFilterCases:
    """FilterExpression cases recorded against DynamoDB (dynalite's scan tests)."""

    @pytest.mark.parametrize("expression", FILTER_SYNTAX)
    def test_syntax(self, expression: str) -> None:
        """Each is a syntax error."""
        assert reject(filter=expression).startswith("Invalid FilterExpression: Syntax error; ")

    @pytest.mark.parametrize(("expression", "values", "message"), FILTER_CASES)
    def test_case(self, expression: str, values: Any, message: str) -> None:
        """Each is rejected with the recorded message (names: #a -> a where used)."""
        names = {"#a": "a"} if "#a" in expression and "#Pictures" not in expression else None
        if expression.startswith(("attRIbute", "begins_with(:hello")):
            names = None
        assert reject(filter=expression, names=names, values=values) == (
            f"Invalid FilterExpression: {message}"
        )
