"""Fixtures for the DynamoDB engine tests: clients, resources and ready-made tables."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud


def key_schema(pk: str, sk: str | None = None) -> list[dict[str, str]]:
    schema = [{"AttributeName": pk, "KeyType": "HASH"}]
    if sk is not None:
        schema.append({"AttributeName": sk, "KeyType": "RANGE"})
    return schema


def definitions(**types: str) -> list[dict[str, str]]:
    return [{"AttributeName": n, "AttributeType": t} for n, t in types.items()]


def make_table(
    client: Any,
    name: str = "items",
    *,
    pk: str = "pk",
    sk: str | None = "sk",
    pk_type: str = "S",
    sk_type: str = "N",
    **extra: Any,
) -> dict[str, Any]:
    types = {pk: pk_type}
    if sk is not None:
        types[sk] = sk_type
    types.update(extra.pop("more_types", {}))
    request: dict[str, Any] = {
        "TableName": name,
        "KeySchema": key_schema(pk, sk),
        "AttributeDefinitions": definitions(**types),
        "BillingMode": "PAY_PER_REQUEST",
    }
    request.update(extra)
    return client.create_table(**request)  # type: ignore[no-any-return]


@pytest.fixture
def ddb(cloud: Cloud) -> Any:
    """A boto3-shaped DynamoDB client on the test's Cloud."""
    return cloud.client("dynamodb")


@pytest.fixture
def table(ddb: Any) -> str:
    """A PAY_PER_REQUEST table ``items`` keyed by ``pk`` (S) and ``sk`` (N)."""
    make_table(ddb)
    return "items"


@pytest.fixture
def simple(ddb: Any) -> str:
    """A table ``simple`` keyed by ``id`` (S) only."""
    make_table(ddb, "simple", pk="id", sk=None)
    return "simple"


@pytest.fixture
def resource(cloud: Cloud) -> Any:
    """A boto3-shaped DynamoDB resource on the test's Cloud."""
    return cloud.dynamo
