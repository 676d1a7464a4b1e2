"""A handler's calls to every service land in the host's Cloud, in process mode as inline.

Each scenario runs a handler twice in a fresh Cloud per isolation mode: once to start
the environment (a process-mode child is forked then), then again after the host has
changed something, so the child must read the host's state, not its fork-time copy.
The outcome seen from the host must be the same in both modes.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

from .conftest import lambda_role

MODES = ("inline", "process")
KEY = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}
DEFS = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}
PASSWORD = "Correct-Horse-9"


def package(source: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("app.py", source)
    return buf.getvalue()


@pytest.fixture
def clouds() -> Iterator[Callable[[], Cloud]]:
    """Fresh Clouds (same seed), closed at the end."""
    made: list[Cloud] = []

    def make() -> Cloud:
        cloud = Cloud(clock=ManualClock(), seed=7)
        made.append(cloud)
        return cloud

    yield make
    for cloud in made:
        cloud.engine("lambda").close()


def call(cloud: Cloud, name: str, event: Any = None) -> Any:
    resp = cloud.client("lambda").invoke(FunctionName=name, Payload=json.dumps(event))
    body = json.loads(resp["Payload"].read())
    assert "FunctionError" not in resp, body
    return body


def table(cloud: Cloud, name: str) -> None:
    cloud.client("dynamodb").create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST", **KEY, **DEFS
    )


# -- DynamoDB -------------------------------------------------------------------------------
def dynamodb_scenario(cloud: Cloud, isolation: str) -> dict[str, Any]:
    table(cloud, "items")

    def handler(event: Any, context: Any) -> Any:
        cloud.client("dynamodb").put_item(TableName="items", Item={"pk": {"S": f"client-{event}"}})
        items = cloud.dynamo.Table("items")
        items.put_item(Item={"pk": f"resource-{event}", "n": 1})
        return {
            "tables": [t.name for t in cloud.dynamo.tables.all()],
            "count": items.describe().item_count,
            "repr": repr(items),
            "resource": repr(cloud.resource("dynamodb").Table("items")),
        }

    cloud.lambda_.create_function("ddb", handler=handler, isolation=isolation)
    first = call(cloud, "ddb", 1)
    table(cloud, "later")  # made by the host after the child exists
    cloud.client("dynamodb").delete_item(TableName="items", Key={"pk": {"S": "client-1"}})
    second = call(cloud, "ddb", 2)
    scan = cloud.client("dynamodb").scan(TableName="items")["Items"]
    return {
        "first": first,
        "second": second,
        "host_keys": sorted(item["pk"]["S"] for item in scan),
        "host_tables": [t.name for t in cloud.dynamo.tables.all()],
        "environments": cloud.lambda_.function("ddb").environments(),
    }


@pytest.mark.parametrize("isolation", MODES)
def test_dynamodb(clouds, isolation):
    """Puts through the client and the resource reach the host; tables.all(), describe()
    and repr in the handler read the host's tables."""
    outcome = dynamodb_scenario(clouds(), isolation)
    assert outcome == {
        "first": {
            "tables": ["items"],
            "count": 2,
            "repr": "Table('items', pk='pk', items=2)",
            "resource": "Table('items', pk='pk', items=2)",
        },
        "second": {
            "tables": ["items", "later"],
            "count": 3,
            "repr": "Table('items', pk='pk', items=3)",
            "resource": "Table('items', pk='pk', items=3)",
        },
        "host_keys": ["client-2", "resource-1", "resource-2"],
        "host_tables": ["items", "later"],
        "environments": 1,
    }


def test_dynamodb_modes_agree(clouds):
    """The same scenario leaves the same outcome inline and in process mode."""
    assert dynamodb_scenario(clouds(), "inline") == dynamodb_scenario(clouds(), "process")


# -- Lambda ---------------------------------------------------------------------------------
INNER = "def handler(event, context):\n    return {'doubled': event * 2}\n"


def lambda_scenario(cloud: Cloud, isolation: str) -> dict[str, Any]:
    code = package(INNER)
    role = lambda_role(cloud)

    def handler(event: Any, context: Any) -> Any:
        client = cloud.client("lambda")
        name = f"made-{event}"
        client.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": code},
        )
        by_client = json.loads(client.invoke(FunctionName=name, Payload=b"21")["Payload"].read())
        by_resource = cloud.lambda_.function(name).invoke(event)
        made = cloud.lambda_.create_function(
            f"res-{event}", handler="app.handler", code=code, memory_mb=256
        )
        return {
            "client": by_client,
            "resource": by_resource,
            "made": repr(made),
            "functions": [f.name for f in cloud.lambda_.functions()],
        }

    cloud.lambda_.create_function("maker", handler=handler, isolation=isolation)
    first = call(cloud, "maker", 1)
    cloud.lambda_.create_function("host-made", handler=lambda e, c: e)
    second = call(cloud, "maker", 2)
    return {
        "first": first,
        "second": second,
        "host_functions": [f.name for f in cloud.lambda_.functions()],
        "host_invocations": {u.function_name: u.requests for u in cloud.lambda_.bill().functions},
        "logged": len(cloud.lambda_.function("made-2").logs()),
    }


@pytest.mark.parametrize("isolation", MODES)
def test_lambda(clouds, isolation):
    """Functions a handler creates and invokes are the host's, billed and logged there."""
    outcome = lambda_scenario(clouds(), isolation)
    made = "<Function 'res-{}' python3.12 256 MB 3 s inline Active>"
    assert outcome == {
        "first": {
            "client": {"doubled": 42},
            "resource": {"doubled": 2},
            "made": made.format(1),
            "functions": ["made-1", "maker", "res-1"],
        },
        "second": {
            "client": {"doubled": 42},
            "resource": {"doubled": 4},
            "made": made.format(2),
            "functions": ["host-made", "made-1", "made-2", "maker", "res-1", "res-2"],
        },
        "host_functions": ["host-made", "made-1", "made-2", "maker", "res-1", "res-2"],
        "host_invocations": {"made-1": 2, "made-2": 2, "maker": 2},
        "logged": 6,
    }


def test_lambda_modes_agree(clouds):
    """The same scenario leaves the same outcome inline and in process mode."""
    assert lambda_scenario(clouds(), "inline") == lambda_scenario(clouds(), "process")


# -- Cognito --------------------------------------------------------------------------------
def cognito_scenario(cloud: Cloud, isolation: str) -> dict[str, Any]:
    idp = cloud.client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName="users")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"][
        "ClientId"
    ]

    def handler(event: Any, context: Any) -> Any:
        users = cloud.client("cognito-idp")
        users.admin_create_user(UserPoolId=pool_id, Username=f"admin-{event}")
        users.sign_up(ClientId=client_id, Username=f"self-{event}", Password=PASSWORD)
        listed = users.list_users(UserPoolId=pool_id)["Users"]
        return sorted(u["Username"] for u in listed)

    cloud.lambda_.create_function("signer", handler=handler, isolation=isolation)
    first = call(cloud, "signer", 1)
    idp.admin_create_user(UserPoolId=pool_id, Username="host-made")
    second = call(cloud, "signer", 2)
    host = idp.list_users(UserPoolId=pool_id)["Users"]
    return {
        "first": first,
        "second": second,
        "host": sorted((u["Username"], u["UserStatus"]) for u in host),
    }


COGNITO_OUTCOME = {
    "first": ["admin-1", "self-1"],
    "second": ["admin-1", "admin-2", "host-made", "self-1", "self-2"],
    "host": [
        ("admin-1", "FORCE_CHANGE_PASSWORD"),
        ("admin-2", "FORCE_CHANGE_PASSWORD"),
        ("host-made", "FORCE_CHANGE_PASSWORD"),
        ("self-1", "UNCONFIRMED"),
        ("self-2", "UNCONFIRMED"),
    ],
}


@pytest.mark.parametrize("isolation", MODES)
def test_cognito(clouds, isolation):
    """Users a handler creates (admin_create_user, sign_up) are in the host's pool."""
    assert cognito_scenario(clouds(), isolation) == COGNITO_OUTCOME


def test_cognito_modes_agree(clouds):
    """The same scenario leaves the same outcome inline and in process mode."""
    assert cognito_scenario(clouds(), "inline") == cognito_scenario(clouds(), "process")
