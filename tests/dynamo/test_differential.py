"""Differential test: the same random operations through boto3 against moto and pyserverless.

Results are compared by value and errors by AWS code. Where moto is known to differ
from DynamoDB, the difference is filtered out in ``_normalise`` (one place, each with
its reason); pyserverless follows DynamoDB there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

TABLE = "diff"
CREATE = {
    "TableName": TABLE,
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
        {"AttributeName": "g", "AttributeType": "S"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
    "GlobalSecondaryIndexes": [
        {
            "IndexName": "byg",
            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
}

PK = st.sampled_from(["a", "b"])
SK = st.integers(min_value=0, max_value=5)
V = st.integers(min_value=-2, max_value=2)


def _key(pk: str, sk: int) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}}


def _put(pk: str, sk: int, v: int, guard: bool, g: str | None) -> tuple[str, dict[str, Any]]:
    item = {**_key(pk, sk), "v": {"N": str(v)}}
    if g is not None:
        item["g"] = {"S": g}
    req: dict[str, Any] = {"TableName": TABLE, "Item": item, "ReturnValues": "ALL_OLD"}
    if guard:
        req["ConditionExpression"] = "attribute_not_exists(pk)"
    return "put_item", req


def _update(pk: str, sk: int, d: int, limit: int) -> tuple[str, dict[str, Any]]:
    return "update_item", {
        "TableName": TABLE,
        "Key": _key(pk, sk),
        "UpdateExpression": "ADD v :d",
        "ConditionExpression": "attribute_not_exists(v) OR v < :lim",
        "ExpressionAttributeValues": {":d": {"N": str(d)}, ":lim": {"N": str(limit)}},
        "ReturnValues": "ALL_NEW",
    }


def _delete(pk: str, sk: int) -> tuple[str, dict[str, Any]]:
    return "delete_item", {"TableName": TABLE, "Key": _key(pk, sk), "ReturnValues": "ALL_OLD"}


def _get(pk: str, sk: int) -> tuple[str, dict[str, Any]]:
    return "get_item", {"TableName": TABLE, "Key": _key(pk, sk)}


def _query(pk: str, lo: int, hi: int, forward: bool, limit: int) -> tuple[str, dict[str, Any]]:
    return "query", {
        "TableName": TABLE,
        "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
        "ExpressionAttributeValues": {
            ":p": {"S": pk},
            ":lo": {"N": str(min(lo, hi))},
            ":hi": {"N": str(max(lo, hi))},
        },
        "ScanIndexForward": forward,
        "Limit": limit,
    }


def _bad_write(pk: str, how: str) -> tuple[str, dict[str, Any]]:
    """Requests DynamoDB refuses: a missing sort key, a key of the wrong type, a key with
    an extra attribute, an empty partition key."""
    if how == "missing":
        return "put_item", {"TableName": TABLE, "Item": {"pk": {"S": pk}}}
    if how == "type":
        return "put_item", {"TableName": TABLE, "Item": {"pk": {"S": pk}, "sk": {"S": "1"}}}
    if how == "extra":
        return "delete_item", {"TableName": TABLE, "Key": {**_key(pk, 1), "v": {"N": "1"}}}
    return "put_item", {"TableName": TABLE, "Item": {"pk": {"S": ""}, "sk": {"N": "1"}}}


def _query_index(g: str) -> tuple[str, dict[str, Any]]:
    return "query", {
        "TableName": TABLE,
        "IndexName": "byg",
        "KeyConditionExpression": "g = :g",
        "ExpressionAttributeValues": {":g": {"S": g}},
    }


def _scan(threshold: int, limit: int) -> tuple[str, dict[str, Any]]:
    return "scan", {
        "TableName": TABLE,
        "FilterExpression": "v > :t",
        "ExpressionAttributeValues": {":t": {"N": str(threshold)}},
        "Limit": limit,
    }


def _transact(puts: list[tuple[str, int, int, bool]]) -> tuple[str, dict[str, Any]]:
    items = []
    for pk, sk, v, guard in puts:
        body: dict[str, Any] = {"TableName": TABLE, "Item": {**_key(pk, sk), "v": {"N": str(v)}}}
        if guard:
            body["ConditionExpression"] = "attribute_exists(pk)"
        items.append({"Put": body})
    return "transact_write_items", {"TransactItems": items}


def _batch(puts: list[tuple[str, int]]) -> tuple[str, dict[str, Any]]:
    return "batch_write_item", {
        "RequestItems": {
            TABLE: [{"PutRequest": {"Item": {**_key(pk, sk), "v": {"N": "0"}}}} for pk, sk in puts]
        }
    }


OPERATIONS = st.one_of(
    st.builds(_put, PK, SK, V, st.booleans(), st.sampled_from(["x", "y", None])),
    st.builds(_query_index, st.sampled_from(["x", "y"])),
    st.builds(_bad_write, PK, st.sampled_from(["missing", "type", "extra", "empty"])),
    st.builds(_update, PK, SK, V, V),
    st.builds(_delete, PK, SK),
    st.builds(_get, PK, SK),
    st.builds(_query, PK, SK, SK, st.booleans(), st.integers(min_value=1, max_value=4)),
    st.builds(_scan, V, st.integers(min_value=1, max_value=4)),
    st.builds(_transact, st.lists(st.tuples(PK, SK, V, st.booleans()), min_size=1, max_size=3)),
    st.builds(_batch, st.lists(st.tuples(PK, SK), min_size=1, max_size=4)),
)


def _call(client: Any, name: str, request: dict[str, Any]) -> Any:
    """The operation's result, paginated to the end for reads, or ``("error", code)``."""
    try:
        if name in ("query", "scan"):
            items: list[Any] = []
            req = dict(request)
            for _ in range(50):
                out = getattr(client, name)(**req)
                items += out["Items"]
                if "LastEvaluatedKey" not in out:
                    break
                req["ExclusiveStartKey"] = out["LastEvaluatedKey"]
            return ("items", items)
        out = getattr(client, name)(**request)
    except Exception as err:
        code = getattr(err, "response", {}).get("Error", {}).get("Code")
        if code is None:
            raise
        return ("error", code)
    return ("ok", {k: v for k, v in out.items() if k != "ResponseMetadata"})


def _normalise(name: str, request: dict[str, Any], result: Any) -> Any:
    """Filter moto's known gaps; every entry says why."""
    kind, value = result
    if kind == "items" and (name == "scan" or "IndexName" in request):
        # Scan order is unspecified (DynamoDB orders by key hash, moto by insertion), and
        # so is the order of GSI entries sharing a partition key without a sort key.
        return kind, sorted(value, key=lambda i: (i["pk"]["S"], int(i["sk"]["N"])))
    if kind == "ok" and "ConsumedCapacity" in value:
        # moto returns ConsumedCapacity even when ReturnConsumedCapacity was not asked for.
        value = {k: v for k, v in value.items() if k != "ConsumedCapacity"}
        result = (kind, value)
    if kind == "ok" and value.get("ItemCollectionMetrics") == {}:
        # moto adds an empty ItemCollectionMetrics to TransactWriteItems unasked.
        result = (kind, {k: v for k, v in value.items() if k != "ItemCollectionMetrics"})
        value = result[1]
    return result


@pytest.fixture(scope="module")
def moto_client() -> Any:
    """A boto3 client on moto, in-process, for the whole module (tables reset per example)."""
    import os

    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    with moto.mock_aws():
        yield boto3.client("dynamodb", region_name="us-east-1")
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(OPERATIONS, min_size=1, max_size=25))
def test_same_results_as_moto(moto_client: Any, ops: list[tuple[str, dict[str, Any]]]) -> None:
    """Every operation gives moto's result (by value) or error (by code)."""
    theirs = moto_client
    if TABLE in theirs.list_tables()["TableNames"]:
        theirs.delete_table(TableName=TABLE)
    ours = Cloud.manual().client("dynamodb")
    theirs.create_table(**CREATE)
    ours.create_table(**CREATE)
    for name, request in ops:
        expected = _normalise(name, request, _call(theirs, name, request))
        got = _normalise(name, request, _call(ours, name, request))
        assert got == expected, (name, request)


def test_differential_can_fail() -> None:
    """The comparison sees a difference when there is one."""
    check: Callable[[str, Any, Any], Any] = _normalise
    assert check("get_item", {}, ("ok", {"Item": 1})) != check("get_item", {}, ("ok", {}))
