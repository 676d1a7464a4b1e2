"""Fixtures for the apigateway control plane: one Cloud on a ManualClock, and its client
two ways — ``cloud.client("apigateway")`` and a real boto3 client inside ``mock_aws``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock, mock_aws

FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"
LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FN_ARN + "/invocations"
)
POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abcDEF123"


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=7) as c:
        yield c


@pytest.fixture(params=["client", "boto3"])
def gw(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """The apigateway client: pyserverless's own, or boto3's through the bridge."""
    if request.param == "client":
        yield cloud.client("apigateway")
    else:
        with mock_aws(cloud):
            yield boto3.client("apigateway", region_name="us-east-1")


@pytest.fixture
def client(cloud: Cloud) -> Any:
    """pyserverless's own client only (tests of limits that need many calls)."""
    return cloud.client("apigateway")


def _refused(call: Callable[..., Any], code: str, message: str | None = None, **kwargs: Any) -> str:
    """Call and assert AWS's error ``code`` (and ``message`` when given); returns the message."""
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    assert error["Code"] == code, error
    if message is not None:
        assert error["Message"] == message
    return str(error["Message"])


def _simple_api(gw: Any, *, name: str = "shop", verb: str = "GET") -> dict[str, str]:
    """An API with ``/items/{id}`` answering ``verb`` through a Lambda proxy integration."""
    api = gw.create_rest_api(name=name)
    items = gw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="items"
    )
    item = gw.create_resource(restApiId=api["id"], parentId=items["id"], pathPart="{id}")
    gw.put_method(
        restApiId=api["id"], resourceId=item["id"], httpMethod=verb, authorizationType="NONE"
    )
    gw.put_integration(
        restApiId=api["id"],
        resourceId=item["id"],
        httpMethod=verb,
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=LAMBDA_URI,
    )
    return {
        "api": api["id"],
        "root": api["rootResourceId"],
        "items": items["id"],
        "item": item["id"],
    }


@pytest.fixture
def refused() -> Callable[..., str]:
    """``refused(call, code, message=None, **kwargs)``: the call fails with AWS's ``code``."""
    return _refused


@pytest.fixture
def simple_api() -> Callable[..., dict[str, str]]:
    """``simple_api(gw)``: an API with ``/items/{id}`` GET through a Lambda proxy; its ids."""
    return _simple_api
