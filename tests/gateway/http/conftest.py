"""HTTP APIs (``apigatewayv2``): a Cloud on a manual clock, its client, and helpers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

FN = "arn:aws:lambda:us-east-1:123456789012:function:hello"
FN_PATH = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"
ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=7) as c:
        yield c


@pytest.fixture
def client(cloud: Cloud) -> Any:
    return cloud.client("apigatewayv2")


@pytest.fixture
def api_id(client: Any) -> str:
    return str(client.create_api(Name="shop", ProtocolType="HTTP")["ApiId"])


def integration(client: Any, api_id: str, **extra: Any) -> str:
    """A Lambda proxy integration (payload 2.0) on ``api_id``; its id."""
    params = {"IntegrationType": "AWS_PROXY", "IntegrationUri": FN, "PayloadFormatVersion": "2.0"}
    params.update(extra)
    return str(client.create_integration(ApiId=api_id, **params)["IntegrationId"])


def jwt_authorizer(client: Any, api_id: str, **extra: Any) -> str:
    params: dict[str, Any] = {
        "Name": "jwt",
        "AuthorizerType": "JWT",
        "IdentitySource": ["$request.header.Authorization"],
        "JwtConfiguration": {"Issuer": ISSUER, "Audience": ["app"]},
    }
    params.update(extra)
    return str(client.create_authorizer(ApiId=api_id, **params)["AuthorizerId"])


def lambda_authorizer(client: Any, api_id: str, **extra: Any) -> str:
    params: dict[str, Any] = {
        "Name": "lambda",
        "AuthorizerType": "REQUEST",
        "IdentitySource": ["$request.header.Authorization"],
        "AuthorizerUri": FN_PATH,
        "AuthorizerPayloadFormatVersion": "2.0",
    }
    params.update(extra)
    return str(client.create_authorizer(ApiId=api_id, **params)["AuthorizerId"])


def code_of(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    """The AWS error code and message an operation raised."""
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]
