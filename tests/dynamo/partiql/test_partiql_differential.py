"""A PartiQL statement and its expression form behave the same, through the same engine.

Random items and random simple statements: each SELECT is compared with the Query or Scan
that says the same thing, each UPDATE with the UpdateItem that says the same thing, on two
Clouds holding the same items.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pyserverless import Cloud

PKS = ["p", "q"]
TABLE = {
    "TableName": "items",
    "BillingMode": "PAY_PER_REQUEST",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
}

items = st.dictionaries(
    st.tuples(st.sampled_from(PKS), st.integers(0, 5)),
    st.fixed_dictionaries(
        {"a": st.integers(-3, 3), "b": st.sampled_from(["ab", "abc", "b", "ba"])},
        optional={"c": st.booleans()},
    ),
    max_size=12,
)


class Side:
    """One condition, written twice: as PartiQL (literals) and as an expression (:values)."""

    def __init__(self, partiql: str, expression: str, values: dict[str, Any]) -> None:
        self.partiql, self.expression, self.values = partiql, expression, values


def _leaf(draw: Any, counter: list[int]) -> Side:
    def value(v: Any) -> tuple[str, str, dict[str, Any]]:
        counter[0] += 1
        name = f":v{counter[0]}"
        text = f"'{v}'" if isinstance(v, str) else str(v)
        return text, name, {name: Decimal(v) if isinstance(v, int) else v}

    kind = draw(st.sampled_from(["cmp_a", "cmp_b", "between", "begins", "exists", "missing"]))
    if kind == "cmp_a":
        op = draw(st.sampled_from(["=", "<>", "<", "<=", ">", ">="]))
        text, name, vals = value(draw(st.integers(-3, 3)))
        return Side(f"a {op} {text}", f"a {op} {name}", vals)
    if kind == "cmp_b":
        op = draw(st.sampled_from(["=", "<>", "<", ">="]))
        text, name, vals = value(draw(st.sampled_from(["ab", "b", "c"])))
        return Side(f"b {op} {text}", f"b {op} {name}", vals)
    if kind == "between":
        lo, hi = sorted([draw(st.integers(-3, 3)), draw(st.integers(-3, 3))])
        t1, n1, v1 = value(lo)
        t2, n2, v2 = value(hi)
        return Side(f"a BETWEEN {t1} AND {t2}", f"a BETWEEN {n1} AND {n2}", {**v1, **v2})
    if kind == "begins":
        text, name, vals = value(draw(st.sampled_from(["a", "ab", "b"])))
        return Side(f"begins_with(b, {text})", f"begins_with(b, {name})", vals)
    if kind == "exists":
        return Side("attribute_exists(c)", "attribute_exists(c)", {})
    return Side("c IS MISSING", "attribute_not_exists(c)", {})


@st.composite
def conditions(draw: Any, depth: int = 2, counter: list[int] | None = None) -> Side:
    counter = counter if counter is not None else [0]
    if depth == 0 or draw(st.booleans()):
        return _leaf(draw, counter)
    how = draw(st.sampled_from(["AND", "OR", "NOT"]))
    left = draw(conditions(depth - 1, counter))
    if how == "NOT":
        return Side(f"NOT ({left.partiql})", f"NOT ({left.expression})", left.values)
    right = draw(conditions(depth - 1, counter))
    return Side(
        f"({left.partiql}) {how} ({right.partiql})",
        f"({left.expression}) {how} ({right.expression})",
        {**left.values, **right.values},
    )


def _cloud(data: dict[tuple[str, int], dict[str, Any]]) -> Any:
    client = Cloud.manual().client("dynamodb")
    client.create_table(**TABLE)
    for (pk, sk), attrs in data.items():
        item = {"pk": {"S": pk}, "sk": {"N": str(sk)}, "a": {"N": str(attrs["a"])}}
        item["b"] = {"S": attrs["b"]}
        if "c" in attrs:
            item["c"] = {"BOOL": attrs["c"]}
        client.put_item(TableName="items", Item=item)
    return client


def _wire(values: dict[str, Any]) -> dict[str, Any]:
    return {k: {"N": str(v)} if isinstance(v, Decimal) else {"S": v} for k, v in values.items()}


def _all(call: Any, **kwargs: Any) -> list[Any]:
    out: list[Any] = []
    while True:
        page = call(**kwargs)
        out += page["Items"]
        token = page.get("NextToken") or page.get("LastEvaluatedKey")
        if token is None:
            return out
        kwargs["NextToken" if "NextToken" in page else "ExclusiveStartKey"] = token


@settings(max_examples=60, deadline=None)
@given(data=items, cond=conditions(), pk=st.sampled_from(PKS), limit=st.none() | st.integers(1, 4))
def test_select_agrees_with_query_and_scan(
    data: dict[tuple[str, int], dict[str, Any]], cond: Side, pk: str, limit: int | None
) -> None:
    """SELECT ... WHERE pk = x AND c is Query + filter c; WHERE c alone is Scan + filter c."""
    client = _cloud(data)
    paging = {} if limit is None else {"Limit": limit}
    query = _all(
        client.query,
        TableName="items",
        KeyConditionExpression="pk = :pk",
        FilterExpression=cond.expression,
        ExpressionAttributeValues=_wire({":pk": pk, **cond.values}),
        **paging,
    )
    statement = f"SELECT * FROM items WHERE pk = '{pk}' AND ({cond.partiql})"
    assert _all(client.execute_statement, Statement=statement, **paging) == query
    scan_values = _wire(cond.values)
    scan = _all(
        client.scan,
        TableName="items",
        FilterExpression=cond.expression,
        **({"ExpressionAttributeValues": scan_values} if scan_values else {}),
    )
    statement = f"SELECT * FROM items WHERE {cond.partiql}"
    assert _all(client.execute_statement, Statement=statement, **paging) == scan


updates = st.sampled_from(
    [
        ("SET a = a + 1", "SET a = a + :one", {":one": Decimal(1)}),
        ("SET a = a - 2, b = 'z'", "SET a = a - :two, b = :z", {":two": Decimal(2), ":z": "z"}),
        ("REMOVE c", "REMOVE c", {}),
        ("SET c = TRUE REMOVE b", "SET c = :t REMOVE b", {":t": True}),
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    data=items,
    update=updates,
    cond=st.none() | conditions(depth=1),
    key=st.tuples(st.sampled_from(PKS), st.integers(0, 5)),
)
def test_update_agrees_with_update_item(
    data: dict[tuple[str, int], dict[str, Any]],
    update: tuple[str, str, dict[str, Any]],
    cond: Side | None,
    key: tuple[str, int],
) -> None:
    """UPDATE ... WHERE key [AND c] is UpdateItem with attribute_exists(pk) [AND c]."""
    left, right = _cloud(data), _cloud(data)
    pk, sk = key
    where = f"pk = '{pk}' AND sk = {sk}" + (f" AND ({cond.partiql})" if cond else "")
    condition = "attribute_exists(pk)" + (f" AND ({cond.expression})" if cond else "")
    values = {**update[2], **(cond.values if cond else {})}

    def outcome(call: Any, **kwargs: Any) -> str:
        try:
            call(**kwargs)
        except Exception as err:
            return str(err.response["Error"]["Code"])  # type: ignore[attr-defined]
        return "ok"

    a = outcome(left.execute_statement, Statement=f"UPDATE items {update[0]} WHERE {where}")
    wire = {k: {"BOOL": v} if isinstance(v, bool) else _wire({k: v})[k] for k, v in values.items()}
    b = outcome(
        right.update_item,
        TableName="items",
        Key={"pk": {"S": pk}, "sk": {"N": str(sk)}},
        UpdateExpression=update[1],
        ConditionExpression=condition,
        **({"ExpressionAttributeValues": wire} if wire else {}),
    )
    assert a == b
    assert left.scan(TableName="items")["Items"] == right.scan(TableName="items")["Items"]
