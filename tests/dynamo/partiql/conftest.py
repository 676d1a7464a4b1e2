"""Fixtures for the PartiQL tests: a hash-range table with a GSI and a hash-only table."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud


@pytest.fixture
def ddb(cloud: Cloud) -> Any:
    return cloud.client("dynamodb")


@pytest.fixture
def music(ddb: Any) -> str:
    """``music``: Artist (S) / SongTitle (S), GSI ``byYear`` on Year (N), with four songs."""
    return make_music(ddb)


def make_music(ddb: Any) -> str:
    """Create and fill ``music`` (see the fixture)."""
    ddb.create_table(
        TableName="music",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[
            {"AttributeName": "Artist", "KeyType": "HASH"},
            {"AttributeName": "SongTitle", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "Artist", "AttributeType": "S"},
            {"AttributeName": "SongTitle", "AttributeType": "S"},
            {"AttributeName": "Year", "AttributeType": "N"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "byYear",
                "KeySchema": [{"AttributeName": "Year", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    songs = [("Acme", "A", 2020), ("Acme", "B", 2021), ("Acme", "C", 2020), ("Zed", "Z", 2021)]
    for artist, title, year in songs:
        ddb.put_item(
            TableName="music",
            Item={
                "Artist": {"S": artist},
                "SongTitle": {"S": title},
                "Year": {"N": str(year)},
                "Tags": {"SS": ["x", title]},
                "Info": {"M": {"plays": {"N": "10"}, "charts": {"L": [{"N": "1"}, {"N": "2"}]}}},
            },
        )
    return "music"


@pytest.fixture
def users(ddb: Any) -> str:
    """``users``: a hash-only table keyed by id (S), empty."""
    ddb.create_table(
        TableName="users",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    )
    return "users"


def run(ddb: Any, statement: str, *params: Any, **extra: Any) -> Any:
    """ExecuteStatement with wire parameters."""
    if params:
        extra["Parameters"] = list(params)
    return ddb.execute_statement(Statement=statement, **extra)


def error_of(call: Any) -> tuple[str, str]:
    """The (code, message) a call fails with."""
    try:
        call()
    except Exception as err:
        return err.response["Error"]["Code"], err.response["Error"]["Message"]  # type: ignore[attr-defined]
    raise AssertionError("the call succeeded")
