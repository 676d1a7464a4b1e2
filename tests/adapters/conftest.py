"""Tiny stand-in clients built on ServiceClient, so the doors are tested on their own.

They hold no behaviour worth testing: a dict per table, AWS's error classes, and the
shapes botocore expects, enough to prove that bytes reach ``dispatch`` and back.
"""

from __future__ import annotations

from typing import Any

from pyserverless import AWSError
from pyserverless._core.client import ServiceClient, operation
from pyserverless.dynamo import (
    ConditionalCheckFailedException,
    DynamoDBError,
    InternalServerError,
    ResourceNotFoundException,
    ValidationException,
)

# Shared across the fake clients of one test (the fakes are built per region).
Tables = dict[str, dict[str, Any]]


class FakeDynamoDB(ServiceClient):
    """Just enough DynamoDB: CreateTable, PutItem, GetItem, ListTables, DescribeTable."""

    service_name = "dynamodb"
    error_base = DynamoDBError

    def __init__(self, cloud: Any, region_name: str, tables: Tables | None = None) -> None:
        super().__init__(cloud, region_name)
        self.tables: Tables = {} if tables is None else tables
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _table(self, name: str) -> dict[str, Any]:
        if name not in self.tables:
            raise ResourceNotFoundException()
        return self.tables[name]

    @operation("CreateTable")
    def create_table(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("CreateTable", params))
        name = params["TableName"]
        key = params["KeySchema"][0]["AttributeName"]
        self.tables[name] = {"key": key, "items": {}, "created": self._cloud.now()}
        return {"TableDescription": self._describe(name)}

    def _describe(self, name: str) -> dict[str, Any]:
        table = self.tables[name]
        return {
            "TableName": name,
            "TableStatus": "ACTIVE",
            "CreationDateTime": table["created"],
            "ItemCount": len(table["items"]),
            "KeySchema": [{"AttributeName": table["key"], "KeyType": "HASH"}],
        }

    @operation("DescribeTable")
    def describe_table(self, params: dict[str, Any]) -> dict[str, Any]:
        if params["TableName"] == "unwell":  # an AWSError whose status is not 400
            raise InternalServerError("Internal server error (DynamoDB)")
        self._table(params["TableName"])
        return {"Table": self._describe(params["TableName"])}

    @operation("ListTables")
    def list_tables(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("ListTables", params))
        return {"TableNames": sorted(self.tables)}

    @operation("PutItem")
    def put_item(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("PutItem", params))
        table = self._table(params["TableName"])
        item = params["Item"]
        if table["key"] not in item:
            raise ValidationException(
                "One or more parameter values were invalid: Missing the key "
                f"{table['key']} in the item"
            )
        key = repr(item[table["key"]])
        old = table["items"].get(key)
        if params.get("ConditionExpression") == "attribute_not_exists(#k)" and old is not None:
            extra = {"Item": old} if params.get("ReturnValuesOnConditionCheckFailure") else {}
            raise ConditionalCheckFailedException(**extra)
        table["items"][key] = item
        if params.get("ReturnValues") == "ALL_OLD" and old is not None:
            return {"Attributes": old}
        return {}

    @operation("GetItem")
    def get_item(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("GetItem", params))
        table = self._table(params["TableName"])
        item = table["items"].get(repr(params["Key"][table["key"]]))
        return {} if item is None else {"Item": item}

    @operation("DeleteTable")
    def delete_table(self, params: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("engine bug")


class FakeLambda(ServiceClient):
    """Just enough Lambda: GetFunction, ListFunctions, Invoke, TagResource."""

    service_name = "lambda"

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    @operation("GetFunction")
    def get_function(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("GetFunction", params))
        name = params["FunctionName"]
        if name == "crash":  # a bug in an engine, not an AWS error
            raise RuntimeError("engine bug")
        if name == "missing":
            raise AWSError(
                f"Function not found: arn:aws:lambda:{self.meta.region_name}:123456789012"
                f":function:{name}",
                code="ResourceNotFoundException",
                status=404,
            )
        return {
            "Configuration": {"FunctionName": name, "MemorySize": 128, "Timeout": 3},
            "Tags": {"team": "a"},
        }

    @operation("ListFunctions")
    def list_functions(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("ListFunctions", params))
        names = ["f1", "f2", "f3"][: params.get("MaxItems", 50)]
        return {"Functions": [{"FunctionName": n} for n in names], "NextMarker": "m"}

    @operation("Invoke")
    def invoke(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(("Invoke", params))
        payload = params.get("Payload", b"")
        if params.get("InvocationType") == "Event":
            return {"StatusCode": 202, "Payload": b""}
        return {
            "StatusCode": 200,
            "Payload": payload[::-1],
            "ExecutedVersion": "$LATEST",
            "FunctionError": "Unhandled" if payload == b"boom" else None,
        }


class FakeCognito(ServiceClient):
    """Just enough Cognito (JSON 1.1): an unauthenticated and an authenticated operation."""

    service_name = "cognito-idp"

    @operation("InitiateAuth")
    def initiate_auth(self, params: dict[str, Any]) -> dict[str, Any]:
        if params["AuthParameters"].get("PASSWORD") != "right":
            raise AWSError("Incorrect username or password.", code="NotAuthorizedException")
        return {"AuthenticationResult": {"AccessToken": "t", "ExpiresIn": 3600}}

    @operation("ListUserPools")
    def list_user_pools(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"UserPools": [{"Id": "us-east-1_abc", "Name": "p"}]}


# -- fixtures ------------------------------------------------------------------------
import pytest  # noqa: E402

from pyserverless import Cloud  # noqa: E402
from pyserverless.adapters._protocols import JSON_SERVICES, RestJsonService  # noqa: E402
from pyserverless.adapters._wire import Dispatcher  # noqa: E402

LAMBDA = RestJsonService(service="lambda", path_prefixes=("/2015-03-31/",))


class Fakes:
    """The fake clients of one test, by (service, region), and a dispatcher over them."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.tables: Tables = {}
        self.clients: dict[tuple[str, str], ServiceClient] = {}

    def client(self, service: str, region: str) -> ServiceClient:
        key = (service, region)
        if key not in self.clients:
            if service == "dynamodb":
                self.clients[key] = FakeDynamoDB(self.cloud, region, self.tables)
            elif service == "lambda":
                self.clients[key] = FakeLambda(self.cloud, region)
            elif service == "cognito-idp":
                self.clients[key] = FakeCognito(self.cloud, region)
            else:
                raise ValueError(f"Unknown service {service!r}")
        return self.clients[key]

    def dispatcher(self, **kwargs: Any) -> Dispatcher:
        return Dispatcher(
            self.cloud,
            clients=self.client,
            json_services=JSON_SERVICES,
            rest_services=(LAMBDA,),
            **kwargs,
        )


@pytest.fixture
def fakes(cloud: Cloud) -> Fakes:
    return Fakes(cloud)


@pytest.fixture(scope="session")
def make_fakes() -> type[Fakes]:
    """The Fakes class, for tests (hypothesis properties) that build their own Cloud."""
    return Fakes
