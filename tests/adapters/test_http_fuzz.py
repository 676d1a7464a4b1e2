"""The HTTP door under malformed bodies: AWS's 400s, never a 500, and nothing changes.

The specific cases are the bodies DynamoDB's request layer refuses with
``SerializationException`` that Python's ``json`` module would accept. The harness then
throws mutated and random bodies at every operation of the JSON services and checks the
three promises: no 500, an AWS-shaped error body, and state unchanged after a refusal.
A longer run: ``PYSERVERLESS_FUZZ=1 pytest tests/adapters/test_http_fuzz.py``.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud
from pyserverless.adapters._wire import Dispatcher, WireRequest

LONG = os.environ.get("PYSERVERLESS_FUZZ") == "1"
FUZZ = settings(
    max_examples=3000 if LONG else 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

AUTH = (
    "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/{service}/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc"
)
SERVICES = {
    "dynamodb": ("DynamoDB_20120810", "application/x-amz-json-1.0"),
    "cognito-idp": ("AWSCognitoIdentityProviderService", "application/x-amz-json-1.1"),
    "dynamodbstreams": ("DynamoDBStreams_20120810", "application/x-amz-json-1.0"),
}


def _request(service: str, operation: str, body: bytes) -> WireRequest:
    prefix, ctype = SERVICES[service]
    headers = {
        "x-amz-target": f"{prefix}.{operation}",
        "content-type": ctype,
        "authorization": AUTH.format(service=service),
        "x-amz-date": "20250101T000000Z",
    }
    return WireRequest("POST", "/", headers, body)


def _cloud() -> tuple[Cloud, Dispatcher]:
    cloud = Cloud.manual(seed=3)
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName="tab",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName="tab", Item={"k": {"S": "a"}, "n": {"N": "1"}})
    idp = cloud.client("cognito-idp")
    pool = idp.create_user_pool(PoolName="p")["UserPool"]["Id"]
    idp.admin_create_user(UserPoolId=pool, Username="ada")
    return cloud, Dispatcher(cloud, raise_unexpected=True)


def _state(cloud: Cloud) -> Any:
    """Everything a refused request could have changed, as plain data."""
    ddb = cloud.client("dynamodb")
    tables = ddb.list_tables()["TableNames"]
    items = {name: ddb.scan(TableName=name)["Items"] for name in tables}
    idp = cloud.client("cognito-idp")
    pools = idp.list_user_pools(MaxResults=60)["UserPools"]
    users = {
        p["Id"]: [u["Username"] for u in idp.list_users(UserPoolId=p["Id"])["Users"]] for p in pools
    }
    return tables, items, [p["Id"] for p in pools], users


def _check(cloud: Cloud, wire: Dispatcher, service: str, operation: str, body: bytes) -> None:
    before = _state(cloud)
    answer = wire.handle(_request(service, operation, body))
    assert answer.status < 500, (operation, body[:200], answer.body[:300])
    if answer.status != 200:
        error = json.loads(answer.body)
        assert "__type" in error
        assert _state(cloud) == before, (operation, body[:200], answer.body[:300])


@pytest.fixture(scope="module")
def door() -> tuple[Cloud, Dispatcher]:
    return _cloud()


class TestBodiesAwsRefuses:
    @pytest.mark.parametrize(
        "body",
        [
            b"\xef\xbb\xbf{}",
            '{"TableName": "tab"}'.encode("utf-16"),
            '{"TableName": "tab"}'.encode("utf-32"),
            '{"TableName": "tab"}'.encode("utf-16-le"),
            b'{"TableName": "tab\xed\xa0\x80"}',  # a surrogate encoded in UTF-8
            b'{"TableName": "tab\\udc00"}',  # an escaped lone surrogate
            b'{"TableName": "tab", "Limit": NaN}',
            b'{"TableName": "tab", "Limit": Infinity}',
        ],
        ids=["bom", "utf16", "utf32", "utf16le", "utf8-surrogate", "lone-escape", "nan", "inf"],
    )
    def test_serialization_exception(self, body: bytes) -> None:
        """Each is a 400 SerializationException, as DynamoDB answers."""
        _, wire = _cloud()
        answer = wire.handle(_request("dynamodb", "Scan", body))
        assert answer.status == 400
        assert json.loads(answer.body)["__type"].endswith("#SerializationException")

    @pytest.mark.parametrize(
        ("limit", "ok"), [(2**31 - 1, True), (2**31, False), (-(2**31) - 1, False), (2**40, False)]
    )
    def test_integer_members_are_int32(self, limit: int, ok: bool) -> None:
        """An Integer member takes Int32: the last value in range passes, the next one fails."""
        _, wire = _cloud()
        body = json.dumps({"TableName": "tab", "Limit": limit}).encode()
        answer = wire.handle(_request("dynamodb", "Scan", body))
        error = json.loads(answer.body).get("__type", "")
        assert error.endswith("#SerializationException") is not ok
        if not ok:
            assert json.loads(answer.body)["Message"] == (
                f"Numeric value ({limit}) out of range of int"
            )

    def test_an_escaped_surrogate_pair_is_one_character(self) -> None:
        """botocore escapes non-ASCII; an emoji arrives as a pair and is stored as itself."""
        cloud, wire = _cloud()
        body = b'{"TableName": "tab", "Item": {"k": {"S": "\\ud83d\\ude00"}}}'
        assert wire.handle(_request("dynamodb", "PutItem", body)).status == 200
        got = cloud.client("dynamodb").get_item(TableName="tab", Key={"k": {"S": "\U0001f600"}})
        assert got["Item"]["k"] == {"S": "\U0001f600"}


# -- the harness --------------------------------------------------------------------------
_OPERATIONS = sorted(
    (service, op) for service in SERVICES for op in Cloud.manual().client(service).operations
)
_JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_NAMES = st.sampled_from(
    ["TableName", "Key", "Item", "Limit", "UserPoolId", "Username", "ClientId", "AuthFlow",
     "ExclusiveStartKey", "KeyConditionExpression", "ExpressionAttributeValues",
     "AttributeDefinitions", "KeySchema", "UserAttributes", "MaxResults", "NextToken"]
)  # fmt: skip
_VALUES = st.one_of(
    _JUNK,
    st.sampled_from(["tab", "k", "a", "ada", "us-east-1_x", {"k": {"S": "a"}}, {"S": ""}, []]),
)


@st.composite
def _bodies(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["structured", "json", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=64))
    if kind == "json":
        return json.dumps(draw(_JUNK)).encode()
    body = draw(st.dictionaries(_NAMES, _VALUES, max_size=5))
    return json.dumps(body).encode()


@FUZZ
@given(target=st.sampled_from(_OPERATIONS), body=_bodies())
def test_no_500_and_nothing_changes(
    door: tuple[Cloud, Dispatcher], target: Any, body: bytes
) -> None:
    """Random bodies to every operation: only AWS's 4xx answers, and a refusal changes nothing."""
    cloud, wire = door
    service, operation = target
    _check(cloud, wire, service, operation, body)
