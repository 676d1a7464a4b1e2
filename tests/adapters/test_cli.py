"""The AWS CLI against the endpoint: an independent client, run as users run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pyserverless import Cloud
from pyserverless.adapters import Server

pytestmark = pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with Server(Cloud.manual()) as server:
        yield server.url


@pytest.fixture(scope="module")
def cli(endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    home = tmp_path_factory.mktemp("aws-home")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "PYTHONPATH"
    }
    env.update(
        HOME=str(home),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=str(Path(home) / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(Path(home) / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
    )

    def run(*args: str) -> Any:
        done = subprocess.run(
            ["aws", "dynamodb", *args, "--endpoint-url", endpoint, "--output", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"aws {args[0]} failed ({done.returncode}): {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else None

    return run


def test_cli_session(cli: Any) -> None:
    """create-table, put-item, batch-write-item, query and paginated scans all work."""
    created = cli(
        "create-table",
        "--table-name", "music",
        "--attribute-definitions", "AttributeName=artist,AttributeType=S",
        "AttributeName=song,AttributeType=S",
        "--key-schema", "AttributeName=artist,KeyType=HASH", "AttributeName=song,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST",
    )  # fmt: skip
    assert created["TableDescription"]["TableStatus"] == "CREATING"  # as DynamoDB answers

    cli(
        "put-item",
        "--table-name", "music",
        "--item", json.dumps({"artist": {"S": "Nina"}, "song": {"S": "a0"}, "year": {"N": "1965"}}),
    )  # fmt: skip
    puts = [
        {"PutRequest": {"Item": {"artist": {"S": "Nina"}, "song": {"S": f"a{n}"}}}}
        for n in range(1, 5)
    ]
    cli("batch-write-item", "--request-items", json.dumps({"music": puts}))

    found = cli(
        "query",
        "--table-name", "music",
        "--key-condition-expression", "artist = :a AND begins_with(song, :p)",
        "--expression-attribute-values", json.dumps({":a": {"S": "Nina"}, ":p": {"S": "a"}}),
    )  # fmt: skip
    assert [i["song"]["S"] for i in found["Items"]] == [f"a{n}" for n in range(5)]
    assert found["Items"][0]["year"] == {"N": "1965"}

    # --page-size: the CLI follows LastEvaluatedKey itself over several requests.
    everything = cli("scan", "--table-name", "music", "--page-size", "2")
    assert everything["Count"] == 5
    assert sorted(i["song"]["S"] for i in everything["Items"]) == [f"a{n}" for n in range(5)]

    # --max-items: the CLI stops and hands back a NextToken to resume from.
    first = cli("scan", "--table-name", "music", "--max-items", "3", "--page-size", "2")
    assert len(first["Items"]) == 3
    rest = cli("scan", "--table-name", "music", "--starting-token", first["NextToken"])
    songs = [i["song"]["S"] for i in first["Items"] + rest["Items"]]
    assert sorted(songs) == [f"a{n}" for n in range(5)]


def test_cli_error(cli: Any) -> None:
    """An AWS error reaches the CLI with its code and message."""
    with pytest.raises(AssertionError) as info:
        cli("describe-table", "--table-name", "missing-table")
    assert "ResourceNotFoundException" in str(info.value)
    assert "Requested resource not found" in str(info.value)
