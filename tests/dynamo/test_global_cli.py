"""The AWS CLI adds a replica against ``pyserverless serve`` and reads it from the other
Region (the credential scope of each request picks the Region)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def test_cli_adds_a_replica_and_reads_it_elsewhere(aws_cli: Callable[..., Any]) -> None:
    aws_cli(
        "dynamodb",
        "create-table",
        "--table-name",
        "cli-orders",
        "--billing-mode",
        "PAY_PER_REQUEST",
        "--key-schema",
        "AttributeName=id,KeyType=HASH",
        "--attribute-definitions",
        "AttributeName=id,AttributeType=S",
        "--region",
        "us-east-1",
    )
    aws_cli(
        "dynamodb",
        "put-item",
        "--table-name",
        "cli-orders",
        "--item",
        json.dumps({"id": {"S": "o-1"}, "total": {"N": "12"}}),
        "--region",
        "us-east-1",
    )
    answer = aws_cli(
        "dynamodb",
        "update-table",
        "--table-name",
        "cli-orders",
        "--replica-updates",
        json.dumps([{"Create": {"RegionName": "eu-west-1"}}]),
        "--region",
        "us-east-1",
    )
    assert answer["TableDescription"]["Replicas"] == [
        {"RegionName": "eu-west-1", "ReplicaStatus": "CREATING"}
    ]
    found = aws_cli(
        "dynamodb",
        "get-item",
        "--table-name",
        "cli-orders",
        "--key",
        json.dumps({"id": {"S": "o-1"}}),
        "--region",
        "eu-west-1",
    )
    assert found["Item"] == {"id": {"S": "o-1"}, "total": {"N": "12"}}
    described = aws_cli(
        "dynamodb", "describe-table", "--table-name", "cli-orders", "--region", "eu-west-1"
    )["Table"]
    assert described["TableArn"].startswith("arn:aws:dynamodb:eu-west-1:")
    assert described["Replicas"] == [{"RegionName": "us-east-1", "ReplicaStatus": "ACTIVE"}]
    assert described["GlobalTableVersion"] == "2019.11.21"
    listed = aws_cli("dynamodb", "list-tables", "--region", "ap-southeast-2")
    assert listed["TableNames"] == []
