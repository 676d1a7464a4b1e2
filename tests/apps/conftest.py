"""The orders app's stack, built with boto3 inside ``mock_aws`` (the ``aws`` fixture)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from pyserverless import Cloud

from . import orders

PASSWORD = "Corr3ct-horse"


@pytest.fixture
def stack(aws: Cloud) -> dict[str, Any]:
    """The table, the user pool with its app client, and the Lambda function."""
    boto3.client("dynamodb").create_table(
        TableName="orders",
        KeySchema=[
            {"AttributeName": "user", "KeyType": "HASH"},
            {"AttributeName": "order_id", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "user", "AttributeType": "S"},
            {"AttributeName": "order_id", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    idp = boto3.client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName="shoppers", AutoVerifiedAttributes=["email"])[
        "UserPool"
    ]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    # pyserverless takes a Python callable as the function's code (the one non-boto3 step).
    aws.lambda_.create_function(
        "place-order", handler=orders.handler, environment={"ORDERS_TABLE": "orders"}
    )
    return {"pool_id": pool_id, "client_id": client_id}
