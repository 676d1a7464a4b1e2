"""``cloud.client("dynamodb")``: boto3's DynamoDB client, operation for operation.

Each method takes boto3's keyword arguments and returns boto3's response dict. Values
cross in DynamoDB JSON (``{"S": "x"}``); this layer converts them to native values
once on the way in and back once on the way out, and the engine does the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .._core.client import ServiceClient, operation
from ._backups import BackupClientOps
from ._errors import DynamoDBError
from ._partiql import PartiqlClientOps
from ._policies import PolicyClientOps
from ._streams import StreamClientOps
from ._ttl import TtlClientOps
from ._types import (
    from_wire,
    item_from_wire,
    item_from_wire_sized,
    item_to_wire,
    values_from_wire,
)

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import DynamoDB

__all__ = ["DynamoDBClient"]

Params = dict[str, Any]


def _values_in(values: Any) -> Any:
    return item_from_wire(values) if values else values


def _legacy_values_in(conditions: Any) -> Any:
    """Native values inside Expected / QueryFilter / ScanFilter / KeyConditions."""
    if not conditions:
        return conditions
    out = {}
    for name, cond in conditions.items():
        cond = dict(cond)
        if cond.get("Value") is not None:
            cond["Value"] = from_wire(cond["Value"])
        if cond.get("AttributeValueList") is not None:
            cond["AttributeValueList"] = [from_wire(v) for v in cond["AttributeValueList"]]
        out[name] = cond
    return out


def request_in(params: Mapping[str, Any]) -> Params:
    """A data-plane request with its AttributeValues converted to native values."""
    req = dict(params)
    for field in ("Key", "ExclusiveStartKey", "Item"):
        if params.get(field) is not None:
            req[field] = item_from_wire(params[field])
    if params.get("ExpressionAttributeValues"):
        req["ExpressionAttributeValues"] = values_from_wire(params["ExpressionAttributeValues"])
    for field in ("Expected", "QueryFilter", "ScanFilter", "KeyConditions", "AttributeUpdates"):
        if params.get(field):
            req[field] = _legacy_values_in(params[field])
    return req


def _item_out(response: dict[str, Any], field: str) -> None:
    value = response.get(field)
    if value is not None:
        response[field] = item_to_wire(value)


def _metrics_out(metrics: Any) -> Any:
    if metrics is None:
        return None
    out = dict(metrics)
    out["ItemCollectionKey"] = item_to_wire(out["ItemCollectionKey"])
    return out


class DynamoDBClient(
    TtlClientOps,
    StreamClientOps,
    BackupClientOps,
    PartiqlClientOps,
    PolicyClientOps,
    ServiceClient,
):
    """boto3's ``dynamodb`` client over the Cloud's DynamoDB engine.

    >>> from pyserverless import Cloud
    >>> ddb = Cloud.manual().client("dynamodb")
    >>> _ = ddb.create_table(TableName="things", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> _ = ddb.put_item(TableName="things", Item={"id": {"S": "a"}, "n": {"N": "1"}})
    >>> ddb.get_item(TableName="things", Key={"id": {"S": "a"}})["Item"]
    {'id': {'S': 'a'}, 'n': {'N': '1'}}
    """

    service_name: ClassVar[str] = "dynamodb"
    error_base: ClassVar[type[DynamoDBError]] = DynamoDBError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: DynamoDB = cloud.engine("dynamodb", region_name)

    # -- control plane -------------------------------------------------------------------------
    @operation("CreateTable")
    def create_table(self, params: Params) -> dict[str, Any]:
        return self._engine.create_table(params)

    @operation("DescribeTable")
    def describe_table(self, params: Params) -> dict[str, Any]:
        return self._engine.describe_table(params)

    @operation("DeleteTable")
    def delete_table(self, params: Params) -> dict[str, Any]:
        return self._engine.delete_table(params)

    @operation("ListTables")
    def list_tables(self, params: Params) -> dict[str, Any]:
        return self._engine.list_tables(params)

    @operation("UpdateTable")
    def update_table(self, params: Params) -> dict[str, Any]:
        return self._engine.update_table(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> dict[str, Any]:
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> dict[str, Any]:
        return self._engine.untag_resource(params)

    @operation("ListTagsOfResource")
    def list_tags_of_resource(self, params: Params) -> dict[str, Any]:
        return self._engine.list_tags_of_resource(params)

    @operation("DescribeLimits")
    def describe_limits(self, params: Params) -> dict[str, Any]:
        return self._engine.describe_limits(params)

    # -- items ---------------------------------------------------------------------------------
    @operation("PutItem")
    def put_item(self, params: Params) -> dict[str, Any]:
        req = params
        size = None
        item = params.get("Item")
        if item is not None:
            req = (
                request_in({k: v for k, v in params.items() if k != "Item"})
                if len(params) > 2
                else dict(params)
            )
            req["Item"], size = item_from_wire_sized(item)
        response = self._engine.put_item(req, size)
        _item_out(response, "Attributes")
        if "ItemCollectionMetrics" in response:
            response["ItemCollectionMetrics"] = _metrics_out(response["ItemCollectionMetrics"])
        return response

    @operation("GetItem")
    def get_item(self, params: Params) -> dict[str, Any]:
        req = dict(params)
        key = params.get("Key")
        if key is not None:
            req["Key"] = item_from_wire(key)
        if params.get("ExpressionAttributeValues"):
            req["ExpressionAttributeValues"] = values_from_wire(params["ExpressionAttributeValues"])
        response = self._engine.get_item(req)
        _item_out(response, "Item")
        return response

    @operation("UpdateItem")
    def update_item(self, params: Params) -> dict[str, Any]:
        response = self._engine.update_item(request_in(params))
        _item_out(response, "Attributes")
        if "ItemCollectionMetrics" in response:
            response["ItemCollectionMetrics"] = _metrics_out(response["ItemCollectionMetrics"])
        return response

    @operation("DeleteItem")
    def delete_item(self, params: Params) -> dict[str, Any]:
        response = self._engine.delete_item(request_in(params))
        _item_out(response, "Attributes")
        if "ItemCollectionMetrics" in response:
            response["ItemCollectionMetrics"] = _metrics_out(response["ItemCollectionMetrics"])
        return response

    # -- reads ---------------------------------------------------------------------------------
    @operation("Query")
    def query(self, params: Params) -> dict[str, Any]:
        return self._read_out(self._engine.query(request_in(params)))

    @operation("Scan")
    def scan(self, params: Params) -> dict[str, Any]:
        return self._read_out(self._engine.scan(request_in(params)))

    @staticmethod
    def _read_out(response: dict[str, Any]) -> dict[str, Any]:
        if "Items" in response:
            response["Items"] = [item_to_wire(i) for i in response["Items"]]
        _item_out(response, "LastEvaluatedKey")
        return response

    # -- batches -------------------------------------------------------------------------------
    @operation("BatchGetItem")
    def batch_get_item(self, params: Params) -> dict[str, Any]:
        req = dict(params)
        items = params.get("RequestItems")
        if items:
            req["RequestItems"] = {name: _keys_in(spec) for name, spec in items.items()}
        response = self._engine.batch_get_item(req)
        response["Responses"] = {
            name: [item_to_wire(i) for i in found] for name, found in response["Responses"].items()
        }
        response["UnprocessedKeys"] = {
            name: _keys_out(spec) for name, spec in response["UnprocessedKeys"].items()
        }
        return response

    @operation("BatchWriteItem")
    def batch_write_item(self, params: Params) -> dict[str, Any]:
        req = dict(params)
        items = params.get("RequestItems")
        if items:
            req["RequestItems"] = {
                name: [_write_request_in(r) for r in reqs] if reqs else reqs
                for name, reqs in items.items()
            }
        return _collections_out(self._engine.batch_write_item(req))

    # -- transactions --------------------------------------------------------------------------
    @operation("TransactWriteItems")
    def transact_write_items(self, params: Params) -> dict[str, Any]:
        req = dict(params)
        if params.get("TransactItems"):
            req["TransactItems"] = [
                {kind: request_in(body) for kind, body in entry.items()}
                for entry in params["TransactItems"]
            ]
        return _collections_out(self._engine.transact_write_items(req))

    @operation("TransactGetItems")
    def transact_get_items(self, params: Params) -> dict[str, Any]:
        req = dict(params)
        if params.get("TransactItems"):
            req["TransactItems"] = [
                {kind: request_in(body) for kind, body in entry.items()}
                for entry in params["TransactItems"]
            ]
        response = self._engine.transact_get_items(req)
        response["Responses"] = [
            {"Item": item_to_wire(r["Item"])} if "Item" in r else {} for r in response["Responses"]
        ]
        return response


def _collections_out(response: dict[str, Any]) -> dict[str, Any]:
    metrics = response.get("ItemCollectionMetrics")
    if metrics:
        response["ItemCollectionMetrics"] = {
            name: [_metrics_out(m) for m in entries] for name, entries in metrics.items()
        }
    return response


def _keys_in(spec: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(spec)
    if spec.get("Keys") is not None:
        out["Keys"] = [item_from_wire(k) for k in spec["Keys"]]
    if spec.get("ExpressionAttributeValues"):
        out["ExpressionAttributeValues"] = values_from_wire(spec["ExpressionAttributeValues"])
    return out


def _keys_out(spec: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(spec)
    out["Keys"] = [item_to_wire(k) for k in spec["Keys"]]
    if spec.get("ExpressionAttributeValues"):
        out["ExpressionAttributeValues"] = item_to_wire(spec["ExpressionAttributeValues"])
    return out


def _write_request_in(req: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(req)
    if req.get("PutRequest") is not None:
        put = dict(req["PutRequest"])
        if put.get("Item") is not None:
            put["Item"] = item_from_wire(put["Item"])
        out["PutRequest"] = put
    if req.get("DeleteRequest") is not None:
        delete = dict(req["DeleteRequest"])
        if delete.get("Key") is not None:
            delete["Key"] = item_from_wire(delete["Key"])
        out["DeleteRequest"] = delete
    return out
