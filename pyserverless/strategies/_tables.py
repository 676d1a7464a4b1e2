"""Table schemas (CreateTable requests) and key conditions (Query requests) for them."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from ._refs import Refs, expression_names, ordered
from ._values import key_values

__all__ = ["key_conditions", "table_schemas"]

_KEY_TYPES = ("S", "N", "B")
# AWS's default quotas: 5 local and 20 global secondary indexes per table.
_MAX_LSIS = 5
_MAX_GSIS = 20


def _resource_names(min_size: int = 3) -> st.SearchStrategy[str]:
    """Table and index names: 3-255 characters of ``[a-zA-Z0-9_.-]``."""
    return st.text(string.ascii_letters + string.digits + "_.-", min_size=min_size, max_size=24)


def _keys(hash_name: str, range_name: str | None) -> list[dict[str, str]]:
    keys = [{"AttributeName": hash_name, "KeyType": "HASH"}]
    if range_name is not None:
        keys.append({"AttributeName": range_name, "KeyType": "RANGE"})
    return keys


def _projection(draw: st.DrawFn, keys: Sequence[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(("ALL", "KEYS_ONLY", "INCLUDE")))
    if kind != "INCLUDE":
        return {"ProjectionType": kind}
    names = st.text(min_size=1, max_size=8).filter(lambda n: n not in keys)
    return {
        "ProjectionType": "INCLUDE",
        "NonKeyAttributes": draw(st.lists(names, min_size=1, max_size=3, unique=True)),
    }


def _index_name(draw: st.DrawFn, taken: set[str]) -> str:
    """A name no other index of the table has."""
    name = draw(_resource_names())
    if name in taken:
        name = f"{name[:200]}.{len(taken)}"
    taken.add(name)
    return name


def _throughput(draw: st.DrawFn) -> dict[str, int]:
    units = st.integers(min_value=1, max_value=1000)
    return {"ReadCapacityUnits": draw(units), "WriteCapacityUnits": draw(units)}


@st.composite
def _table_schemas(
    draw: st.DrawFn, max_lsis: int, max_gsis: int, billing_mode: str | None
) -> dict[str, Any]:
    pool = draw(st.lists(expression_names(), min_size=4, max_size=6, unique=True))
    types = {name: draw(st.sampled_from(_KEY_TYPES)) for name in pool}
    hash_name, range_name = pool[0], draw(st.sampled_from((None, pool[1])))
    billing = billing_mode or draw(st.sampled_from(("PAY_PER_REQUEST", "PROVISIONED")))
    used = [k for k in (hash_name, range_name) if k is not None]
    schema: dict[str, Any] = {
        "TableName": draw(_resource_names()),
        "KeySchema": _keys(hash_name, range_name),
        "BillingMode": billing,
    }
    if billing == "PROVISIONED":
        schema["ProvisionedThroughput"] = _throughput(draw)
    lsis = []
    others = [n for n in pool if n not in used]
    taken: set[str] = set()
    for _ in range(draw(st.integers(0, max_lsis if range_name is not None else 0))):
        name = _index_name(draw, taken)
        sort = draw(st.sampled_from(others))
        lsis.append({"IndexName": name, "KeySchema": _keys(hash_name, sort), "Projection": {}})
        used.append(sort)
    gsis = []
    for _ in range(draw(st.integers(0, max_gsis))):
        name = _index_name(draw, taken)
        ghash = draw(st.sampled_from(pool))
        grange = draw(st.sampled_from([None, *(n for n in pool if n != ghash)]))
        index: dict[str, Any] = {"IndexName": name, "KeySchema": _keys(ghash, grange)}
        if billing == "PROVISIONED":
            index["ProvisionedThroughput"] = _throughput(draw)
        gsis.append(index)
        used.extend(k for k in (ghash, grange) if k is not None)
    for index in lsis + gsis:
        index["Projection"] = _projection(draw, pool)
    if lsis:
        schema["LocalSecondaryIndexes"] = lsis
    if gsis:
        schema["GlobalSecondaryIndexes"] = gsis
    schema["AttributeDefinitions"] = [
        {"AttributeName": n, "AttributeType": types[n]} for n in dict.fromkeys(used)
    ]
    return schema


def table_schemas(
    *, max_lsis: int = 2, max_gsis: int = 3, billing_mode: str | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid CreateTable requests: a partition key, perhaps a sort key (types ``S``, ``N``
    or ``B``), up to ``max_lsis`` local and ``max_gsis`` global secondary indexes with any
    projection, every key attribute defined and nothing else, in either billing mode
    (or ``billing_mode``). Names are plain words, reserved words or any Unicode.

    Pass one to ``create_table(**schema)``; :func:`key_conditions` queries it.

    >>> from hypothesis import given
    >>> from pyserverless import Cloud
    >>> @given(table_schemas())
    ... def test(schema):
    ...     client = Cloud.manual().client("dynamodb")
    ...     described = client.create_table(**schema)["TableDescription"]
    ...     assert described["KeySchema"] == schema["KeySchema"]
    >>> test()
    """
    if not 0 <= max_lsis <= _MAX_LSIS or not 0 <= max_gsis <= _MAX_GSIS:
        raise ValueError(f"need 0 <= max_lsis <= {_MAX_LSIS} and 0 <= max_gsis <= {_MAX_GSIS}")
    if billing_mode not in (None, "PAY_PER_REQUEST", "PROVISIONED"):
        raise ValueError("billing_mode is 'PAY_PER_REQUEST', 'PROVISIONED' or None")
    return _table_schemas(max_lsis, max_gsis, billing_mode)


def _key_of(schema: Mapping[str, Any], index: str | None) -> list[tuple[str, str]]:
    """The (name, type) of each key attribute of the table or of its index ``index``."""
    if index is None:
        keys = schema["KeySchema"]
    else:
        found = [
            i
            for i in (
                *schema.get("LocalSecondaryIndexes", ()),
                *schema.get("GlobalSecondaryIndexes", ()),
            )
            if i["IndexName"] == index
        ]
        if not found:
            raise ValueError(f"the schema has no index {index!r}")
        keys = found[0]["KeySchema"]
    types = {d["AttributeName"]: d["AttributeType"] for d in schema["AttributeDefinitions"]}
    return [(k["AttributeName"], types[k["AttributeName"]]) for k in keys]


@st.composite
def _key_conditions(
    draw: st.DrawFn,
    schema: Mapping[str, Any],
    index: str | None,
    partition_values: st.SearchStrategy[Any] | None,
    wire: bool,
) -> dict[str, Any]:
    key = _key_of(schema, index)
    refs = Refs(draw(st.data()))
    (hash_name, hash_type), sort = key[0], key[1:]
    value = draw(partition_values if partition_values is not None else key_values(hash_type))
    terms = [f"{refs.name(hash_name)} = {refs.value(value)}"]
    with_sort: bool = draw(st.booleans())
    if sort and with_sort:
        name, kind = sort[0]
        ops = ["=", "<", "<=", ">", ">=", "BETWEEN"] + (["begins_with"] if kind != "N" else [])
        op = draw(st.sampled_from(ops))
        ref, values = refs.name(name), key_values(kind, role="RANGE")
        if op == "BETWEEN":
            low, high = ordered(kind, draw(values), draw(values))
            terms.append(f"{ref} BETWEEN {refs.value(low)} AND {refs.value(high)}")
        elif op == "begins_with":
            terms.append(f"begins_with({ref}, {refs.value(draw(values))})")
        else:
            terms.append(f"{ref} {op} {refs.value(draw(values))}")
        if draw(st.booleans()):
            terms.reverse()
    request = {"TableName": schema["TableName"]}
    if index is not None:
        request["IndexName"] = index
    return request | refs.request("KeyConditionExpression", " AND ".join(terms), wire=wire)


def key_conditions(
    schema: Mapping[str, Any],
    *,
    index: str | None = None,
    partition_values: st.SearchStrategy[Any] | None = None,
    wire: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid Query requests on a table ``schema`` (a CreateTable request, such as
    :func:`table_schemas` draws) or on its index ``index``: equality on the partition
    key and perhaps one sort-key condition (``=``, ``<``, ``<=``, ``>``, ``>=``,
    ``BETWEEN`` with low <= high in DynamoDB's order, ``begins_with`` for S and B),
    with the ExpressionAttributeNames and Values they use.

    Partition values come from ``partition_values`` when given (say, the keys a test
    wrote); values are native unless ``wire=True``.

    >>> from hypothesis import given
    >>> schema = {"TableName": "t", "BillingMode": "PAY_PER_REQUEST",
    ...     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
    ...                   {"AttributeName": "date", "KeyType": "RANGE"}],
    ...     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
    ...                              {"AttributeName": "date", "AttributeType": "S"}]}
    >>> @given(key_conditions(schema, partition_values=st.just("user#1")))
    ... def test(query):
    ...     assert query["ExpressionAttributeValues"][":v0"] == "user#1"
    ...     assert "date" not in query["KeyConditionExpression"]  # a reserved word
    >>> test()
    """
    _key_of(schema, index)
    return _key_conditions(schema, index, partition_values, wire)
