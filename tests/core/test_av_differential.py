"""DynamoDB's AttributeValues in the client layer, against botocore's own validator.

The client's model check leaves AttributeValue positions (items, keys,
ExpressionAttributeValues) to the client's conversion, which refuses whatever botocore
refuses there; the full report is built when the call fails. These tests draw valid
and invalid AttributeValues and check that a client call raises
``ParamValidationError`` exactly when botocore's ``ParamValidator`` reports an error,
with botocore's text, and otherwise answers (or refuses with an AWS error) as before.
"""

from __future__ import annotations

import functools
import os
import types
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless._core import shapes
from pyserverless._core.errors import AWSError, ParamValidationError

botocore_validate = pytest.importorskip("botocore.validate")
from botocore.exceptions import ParamValidationError as BotocoreParamValidationError  # noqa: E402
from botocore.loaders import create_loader  # noqa: E402
from botocore.model import ServiceModel  # noqa: E402

EXAMPLES = 1500 if os.environ.get("PYSERVERLESS_FUZZ") else 200


@functools.cache
def _model() -> ServiceModel:
    data = create_loader().load_service_model("dynamodb", "service-2")
    return ServiceModel(data, service_name="dynamodb")


@functools.cache
def _client() -> Any:
    client = Cloud.manual().client("dynamodb")
    client.create_table(
        TableName="tbl",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return client


def _botocore_says(operation: str, params: dict[str, Any]) -> str | None:
    """botocore's ParamValidationError text for ``params``, or None when it accepts them."""
    shape = _model().operation_model(operation).input_shape
    report = botocore_validate.ParamValidator().validate(params, shape)
    if not report.has_errors():
        return None
    return str(BotocoreParamValidationError(report=report.generate_report()))


# -- AttributeValues, right and wrong -----------------------------------------------------------
def _view(data: bytes) -> memoryview:
    return memoryview(data)


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.text(max_size=3),
    st.binary(max_size=2),
    st.builds(bytearray, st.binary(max_size=2)),
    st.binary(max_size=2).map(_view),
    st.sets(st.text(max_size=2), max_size=2),
    st.frozensets(st.text(max_size=2), max_size=2),
    st.lists(st.integers(0, 2), max_size=2),
    st.tuples(st.text(max_size=2)),
    st.builds(types.MappingProxyType, st.dictionaries(st.text(max_size=2), st.none(), max_size=1)),
)
_NUMBERS = st.sampled_from(["0", "1", "-1.5", "1E+2", "abc", "", " 1"])


def _strings(each: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A set member value: a list (valid), a tuple (valid), a Python set (refused), junk."""
    return st.one_of(
        st.lists(each, max_size=3),
        st.lists(each, max_size=2).map(tuple),
        st.sets(st.text(max_size=2), max_size=2),
        st.lists(_JUNK, min_size=1, max_size=2),
        _JUNK,
    )


def _members(children: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    names = st.text(max_size=3)
    return {
        "S": st.text(max_size=3) | _JUNK,
        "N": _NUMBERS | _JUNK,
        "B": st.binary(max_size=2) | st.text(max_size=2) | _JUNK,
        "BOOL": st.booleans() | _JUNK,
        "NULL": st.booleans() | _JUNK,
        "SS": _strings(st.text(max_size=2)),
        "NS": _strings(_NUMBERS),
        "BS": _strings(st.binary(max_size=2) | st.builds(bytearray, st.binary(max_size=1))),
        "L": st.lists(children, max_size=2) | st.lists(children, max_size=2).map(tuple) | _JUNK,
        "M": st.one_of(
            st.dictionaries(names, children, max_size=2),
            st.dictionaries(st.integers(0, 2), children, min_size=1, max_size=1),
            st.dictionaries(names, children, max_size=1).map(types.MappingProxyType),
            _JUNK,
        ),
    }


def _attribute_value(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    members = _members(children)
    one = st.sampled_from(sorted(members)).flatmap(
        lambda tag: members[tag].map(lambda value: {tag: value})
    )
    several = st.fixed_dictionaries({}, optional={**members, "X": _JUNK})
    return st.one_of(one, one, several, _JUNK)


_LEAF = st.sampled_from([{"S": "a"}, {"N": "1"}, {"BOOL": True}, {"NULL": True}, {"S": None}])
VALUES = st.recursive(_LEAF, _attribute_value, max_leaves=6)
NAMES = st.text(max_size=3) | st.integers(0, 1)


def _requests(value: Any, name: Any) -> list[tuple[str, dict[str, Any]]]:
    """The AttributeValue positions the client converts itself, each holding ``value``."""
    item = {"k": {"S": "x"}, name: value}
    return [
        ("PutItem", {"TableName": "tbl", "Item": item}),
        ("GetItem", {"TableName": "tbl", "Key": {name: value}}),
        (
            "UpdateItem",
            {
                "TableName": "tbl",
                "Key": {"k": {"S": "x"}},
                "UpdateExpression": "SET a = :v",
                "ExpressionAttributeValues": {":v": value},
            },
        ),
        (
            "Query",
            {
                "TableName": "tbl",
                "KeyConditionExpression": "k = :v",
                "ExpressionAttributeValues": {":v": value},
            },
        ),
        ("Scan", {"TableName": "tbl", "ExclusiveStartKey": {"k": value}}),
        ("DeleteItem", {"TableName": "tbl", "Key": {"k": value}}),
        ("BatchWriteItem", {"RequestItems": {"tbl": [{"PutRequest": {"Item": item}}]}}),
        ("BatchGetItem", {"RequestItems": {"tbl": {"Keys": [{"k": value}]}}}),
        ("TransactWriteItems", {"TransactItems": [{"Put": {"TableName": "tbl", "Item": item}}]}),
        (
            "TransactGetItems",
            {"TransactItems": [{"Get": {"TableName": "tbl", "Key": {"k": value}}}]},
        ),
    ]


def _call(operation: str, params: dict[str, Any]) -> BaseException | None:
    client = _client()
    method: Callable[..., Any] = getattr(client, client.operations[operation])
    try:
        method(**params)
    except (ParamValidationError, AWSError) as err:
        return err
    return None


def _same_answer(operation: str, params: dict[str, Any]) -> None:
    expected = _botocore_says(operation, params)
    got = _call(operation, params)
    if expected is None:
        assert not isinstance(got, ParamValidationError), (operation, params, got)
    else:
        assert isinstance(got, ParamValidationError), (operation, params, got)
        assert str(got) == expected, (operation, params)


@given(value=VALUES, name=NAMES)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_client_refuses_exactly_what_botocore_refuses(value: Any, name: Any) -> None:
    """ParamValidationError iff botocore's validator reports, with botocore's text."""
    for operation, params in _requests(value, name):
        _same_answer(operation, params)


@given(value=VALUES)
@settings(max_examples=EXAMPLES // 2, deadline=None)
def test_a_dynamodb_error_first_does_not_hide_botocores(value: Any) -> None:
    """A value DynamoDB refuses, sent before one botocore may refuse: botocore's report
    wins whenever it has one, as when botocore checks the request before sending it."""
    item = {"k": {"S": "x"}, "bad": {"N": "not a number"}, "z": value}
    _same_answer("PutItem", {"TableName": "tbl", "Item": item})
    item = {"k": {"S": "x"}, "a": value}
    _same_answer("PutItem", {"TableName": "nope", "Item": item})


@pytest.mark.parametrize(
    "value",
    [
        {"SS": {"a", "b"}},
        {"NS": frozenset({"1"})},
        {"BS": {b"a"}},
        {"S": "a", "X": "b"},
        {"S": None},
        {"S": "a", "N": None},
        {"B": memoryview(b"m")},
        {"M": types.MappingProxyType({"a": {"S": "b"}})},
        types.MappingProxyType({"S": "a"}),
        {"M": {1: {"S": "a"}}},
        {"L": [None]},
        {"S": 1},
    ],
)
def test_each_refusal_names_botocores_problem(value: Any) -> None:
    """Every kind of value botocore refuses, at every position: its report, line for line
    (a value it accepts would make this test fail, so each case is a real refusal)."""
    for operation, params in _requests(value, "a"):
        expected = _botocore_says(operation, params)
        assert expected is not None, (operation, value)
        got = _call(operation, params)
        assert isinstance(got, ParamValidationError), (operation, got)
        assert str(got) == expected
        assert got.__context__ is None or got.__suppress_context__


@pytest.mark.parametrize(
    "value",
    [{"SS": ("a", "b")}, {"S": "a", "N": "1"}, {}, {"B": "text"}, {"NULL": False}, {"L": ()}],
)
def test_values_botocore_accepts_reach_dynamodb(value: Any) -> None:
    """Values botocore sends are DynamoDB's to judge (a tuple is a list; two members or
    none, and NULL false, are DynamoDB's ValidationException)."""
    for operation, params in _requests(value, "a"):
        assert _botocore_says(operation, params) is None
        assert not isinstance(_call(operation, params), ParamValidationError)


def test_a_planned_fault_does_not_hide_botocores_report() -> None:
    """With a fault planned, a request botocore refuses is still botocore's refusal."""
    cloud = Cloud.manual()
    client = cloud.client("dynamodb")
    cloud.faults.fail("dynamodb", "PutItem", error="InternalServerError", times=1)
    with pytest.raises(ParamValidationError, match=r"Item\.a\.SS"):
        client.put_item(TableName="tbl", Item={"a": {"SS": {"x"}}})
    with pytest.raises(AWSError, match="InternalServerError"):
        client.put_item(TableName="tbl", Item={"a": {"SS": ["x"]}})


def test_the_walk_leaves_attribute_values_to_the_client() -> None:
    """The client's walk only checks that the converted shapes are dicts; the full
    check (and the dispatch walk) still read inside them."""
    fast, full, partial = shapes.client_checker("dynamodb", "PutItem")
    bad = {"TableName": "tbl", "Item": {"a": {"SS": {"x"}}}}
    assert partial and fast(bad)
    assert not fast({"TableName": "tbl", "Item": [("a", {"S": "x"})]})
    assert not shapes.passes("dynamodb", "PutItem", bad)
    with pytest.raises(ParamValidationError):
        full(bad)
    assert shapes.client_checker("dynamodb", "ExecuteStatement")[2] is False
