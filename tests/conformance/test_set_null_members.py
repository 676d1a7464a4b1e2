"""A JSON ``null`` inside a set on the wire: DynamoDB keeps it and refuses the set in its
own words (ExtendDB's tests against us-east-1 for SS; the NS and BS texts follow it, [?]).
The reader used to drop the null and store the rest: a write AWS refuses succeeded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.adapters import Server

CREATE = (
    b'{"TableName": "things", "BillingMode": "PAY_PER_REQUEST",'
    b' "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],'
    b' "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}'
)
PREFIX = "1 validation error detected: One or more parameter values were invalid: "


@pytest.fixture
def raw(cloud: Cloud, raw_door: Any) -> Iterator[Any]:
    with Server(cloud) as server:
        door = raw_door(server.url, cloud.region)
        assert door.raw("CreateTable", CREATE)[0] == 200
        yield door


def _put(raw: Any, value: str) -> tuple[int, Any]:
    body = '{"TableName": "things", "Item": {"id": {"S": "a"}, "x": ' + value + "}}"
    status, _, answer = raw.raw("PutItem", body.encode())
    return status, json.loads(answer)


def _stored(raw: Any) -> Any:
    status, _, answer = raw.raw("GetItem", b'{"TableName": "things", "Key": {"id": {"S": "a"}}}')
    assert status == 200
    return json.loads(answer).get("Item")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ('{"SS": ["a", null]}', "An string set may not have a null string as a member"),
        ('{"SS": [null]}', "An string set may not have a null string as a member"),
        ('{"NS": [null, "1"]}', "An number set may not have a null number as a member"),
        ('{"BS": ["QQ==", null]}', "Binary sets may not have a null binary as a member"),
    ],
)
def test_a_null_set_member_is_refused_and_nothing_is_written(
    raw: Any, value: str, text: str
) -> None:
    status, answer = _put(raw, value)
    assert (status, answer) == (
        400,
        {"__type": "com.amazon.coral.validate#ValidationException", "message": PREFIX + text},
    )
    assert _stored(raw) is None


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ('{"SS": ["a", "b"]}', {"SS": ["a", "b"]}),
        ('{"NS": ["2", "1"]}', {"NS": ["2", "1"]}),
        ('{"BS": ["QQ=="]}', {"BS": ["QQ=="]}),
    ],
)
def test_the_same_set_without_the_null_is_stored(raw: Any, value: str, stored: Any) -> None:
    assert _put(raw, value) == (200, {})
    assert _stored(raw) == {"id": {"S": "a"}, "x": stored}


def test_a_wrong_member_is_reported_before_the_null(raw: Any) -> None:
    status, answer = _put(raw, '{"SS": [7, null]}')
    assert status == 400
    assert answer == {
        "__type": "com.amazon.coral.service#SerializationException",
        "Message": "NUMBER_VALUE cannot be converted to String",
    }
