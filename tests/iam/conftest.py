"""IAM test fixtures: one Cloud per test, the IAM client on two doors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, mock_aws

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
ALLOW_S3 = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
    }
)
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


@pytest.fixture
def cloud() -> Cloud:
    return Cloud.manual(seed=3)


@pytest.fixture(params=["client", "bridge"])
def iam(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """The IAM client through the client layer, or boto3 through the in-process bridge."""
    if request.param == "client":
        yield cloud.client("iam")
    else:
        with mock_aws(cloud):
            yield boto3.client("iam")


def code(err: pytest.ExceptionInfo[Exception]) -> tuple[str, str]:
    """The AWS code and message of a ClientError-shaped error."""
    error = err.value.response["Error"]  # type: ignore[attr-defined]
    return error["Code"], error["Message"]


def padded(size: int, kind: str = "identity") -> str:
    """A valid policy document of exactly ``size`` characters other than whitespace."""
    if kind == "trust":
        head = (
            '{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},'
            '"Action":"sts:AssumeRole","Sid":"'
        )
    else:
        head = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Sid":"'
    tail = '"}]}'
    fill = size - len(head) - len(tail)
    assert fill >= 0
    return head + "a" * fill + tail
