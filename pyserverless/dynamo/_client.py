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
from ._client_global import GlobalClientOps
from ._errors import DynamoDBError
from ._exports import ExportClientOps
from ._imports import ImportClientOps
from ._insights import InsightsClientOps
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
    GlobalClientOps,
    TtlClientOps,
    StreamClientOps,
    BackupClientOps,
    ExportClientOps,
    ImportClientOps,
    PartiqlClientOps,
    PolicyClientOps,
    InsightsClientOps,
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
        """Make a new table with a key schema (usable at once; describe shows it ACTIVE).

        CreateTable. Required: ``TableName``; in practice also ``KeySchema`` (a HASH key and
        perhaps a RANGE key), ``AttributeDefinitions`` for every key attribute, and
        ``BillingMode="PAY_PER_REQUEST"`` or ``ProvisionedThroughput``. Often used:
        ``GlobalSecondaryIndexes``, ``LocalSecondaryIndexes``, ``StreamSpecification``, ``Tags``.
        Returns ``TableDescription`` (``TableStatus`` is ``CREATING`` in this first answer).
        """
        return self._engine.create_table(params)

    @operation("DescribeTable")
    def describe_table(self, params: Params) -> dict[str, Any]:
        """Read a table's settings, indexes, status and item count.

        DescribeTable. Required: ``TableName``. Returns ``Table``: ``KeySchema``,
        ``TableStatus``, ``ItemCount``, ``TableSizeBytes``, ``TableArn``, billing and indexes.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> ddb.describe_table(TableName="pets")["Table"]["TableStatus"]
        'ACTIVE'
        """
        return self._engine.describe_table(params)

    @operation("DeleteTable")
    def delete_table(self, params: Params) -> dict[str, Any]:
        """Remove a table and every item in it.

        DeleteTable. Required: ``TableName``. Returns the table's last ``TableDescription``
        (``TableStatus`` is ``DELETING``); the name is free again at once. A table with
        ``DeletionProtectionEnabled`` refuses with ``ValidationException``.
        """
        return self._engine.delete_table(params)

    @operation("ListTables")
    def list_tables(self, params: Params) -> dict[str, Any]:
        """Name the tables in this region, in name order, a page at a time.

        ListTables. No required parameters; ``Limit`` (at most 100) and
        ``ExclusiveStartTableName`` page through. Returns ``TableNames`` and, when more
        remain, ``LastEvaluatedTableName`` to pass on (or use ``get_paginator("list_tables")``).

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> ddb.list_tables()["TableNames"]
        ['pets']
        """
        return self._engine.list_tables(params)

    @operation("UpdateTable")
    def update_table(self, params: Params) -> dict[str, Any]:
        """Change a table's billing, throughput, indexes or stream settings.

        UpdateTable. Required: ``TableName``. Often used: ``BillingMode`` with
        ``ProvisionedThroughput``, ``GlobalSecondaryIndexUpdates`` (Create / Update / Delete,
        with ``AttributeDefinitions`` for new key attributes), ``StreamSpecification``,
        ``DeletionProtectionEnabled``. Returns ``TableDescription`` (``TableStatus`` ``UPDATING``).
        """
        return self._engine.update_table(params)

    @operation("TagResource")
    def tag_resource(self, params: Params) -> dict[str, Any]:
        """Attach key-value tags to a table.

        TagResource. Required: ``ResourceArn`` (the table's ARN) and ``Tags``
        (``[{"Key": ..., "Value": ...}]``; a key given again takes the new value).
        Returns nothing but ``ResponseMetadata``.
        """
        return self._engine.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, params: Params) -> dict[str, Any]:
        """Remove tags from a table by key.

        UntagResource. Required: ``ResourceArn`` and ``TagKeys`` (a list of keys; a key
        that is not there is ignored). Returns nothing but ``ResponseMetadata``.
        """
        return self._engine.untag_resource(params)

    @operation("ListTagsOfResource")
    def list_tags_of_resource(self, params: Params) -> dict[str, Any]:
        """Read the tags attached to a table.

        ListTagsOfResource. Required: ``ResourceArn``; ``NextToken`` continues a long list.
        Returns ``Tags`` (``[{"Key": ..., "Value": ...}]``) and, when more remain, ``NextToken``.
        """
        return self._engine.list_tags_of_resource(params)

    @operation("DescribeLimits")
    def describe_limits(self, params: Params) -> dict[str, Any]:
        """Read the account's and each table's capacity-unit ceilings in this region.

        DescribeLimits. No parameters. Returns ``AccountMaxReadCapacityUnits``,
        ``AccountMaxWriteCapacityUnits``, ``TableMaxReadCapacityUnits`` and
        ``TableMaxWriteCapacityUnits`` (set by ``DynamoDBLimits``).
        """
        return self._engine.describe_limits(params)

    # -- items ---------------------------------------------------------------------------------
    @operation("PutItem")
    def put_item(self, params: Params) -> dict[str, Any]:
        """Write one whole item, replacing any item that has the same key.

        PutItem. Required: ``TableName`` and ``Item`` (DynamoDB JSON, key attributes
        included). Often used: ``ConditionExpression`` with ``ExpressionAttributeNames`` and
        ``ExpressionAttributeValues`` (to refuse an overwrite), ``ReturnValues="ALL_OLD"``.
        Returns ``{}`` or the replaced item as ``Attributes``; a false condition raises
        ``ConditionalCheckFailedException``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> _ = ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}, "age": {"N": "3"}})
        >>> try:
        ...     ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}},
        ...         ConditionExpression="attribute_not_exists(#n)",
        ...         ExpressionAttributeNames={"#n": "name"})
        ... except ddb.exceptions.ConditionalCheckFailedException as err:
        ...     print(err.response["Error"]["Message"])
        The conditional request failed
        """
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
        """Read one item by its full primary key.

        GetItem. Required: ``TableName`` and ``Key`` (every key attribute, DynamoDB JSON).
        Often used: ``ConsistentRead=True``, ``ProjectionExpression`` with
        ``ExpressionAttributeNames``. Returns ``Item``, or no ``Item`` at all when none matches.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> _ = ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}, "age": {"N": "3"}})
        >>> ddb.get_item(TableName="pets", Key={"name": {"S": "rex"}})["Item"]
        {'name': {'S': 'rex'}, 'age': {'N': '3'}}
        >>> "Item" in ddb.get_item(TableName="pets", Key={"name": {"S": "tom"}})
        False
        """
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
        """Change some attributes of one item, creating the item if it is missing.

        UpdateItem. Required: ``TableName`` and ``Key``. Often used: ``UpdateExpression``
        (``SET``, ``REMOVE``, ``ADD``, ``DELETE`` clauses) with ``ExpressionAttributeNames`` /
        ``ExpressionAttributeValues``, ``ConditionExpression``, ``ReturnValues`` (``ALL_NEW``,
        ``UPDATED_NEW``, ``ALL_OLD``, ``UPDATED_OLD``). Returns ``Attributes`` when asked.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> _ = ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}, "age": {"N": "3"}})
        >>> ddb.update_item(TableName="pets", Key={"name": {"S": "rex"}},
        ...     UpdateExpression="ADD age :one", ExpressionAttributeValues={":one": {"N": "1"}},
        ...     ReturnValues="UPDATED_NEW")["Attributes"]
        {'age': {'N': '4'}}
        """
        response = self._engine.update_item(request_in(params))
        _item_out(response, "Attributes")
        if "ItemCollectionMetrics" in response:
            response["ItemCollectionMetrics"] = _metrics_out(response["ItemCollectionMetrics"])
        return response

    @operation("DeleteItem")
    def delete_item(self, params: Params) -> dict[str, Any]:
        """Remove one item by its full primary key (no error when it is absent).

        DeleteItem. Required: ``TableName`` and ``Key``. Often used: ``ConditionExpression``
        (with ``ExpressionAttributeNames`` / ``Values``) and ``ReturnValues="ALL_OLD"``.
        Returns ``{}`` or the removed item as ``Attributes``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> _ = ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}})
        >>> key = {"name": {"S": "rex"}}
        >>> ddb.delete_item(TableName="pets", Key=key, ReturnValues="ALL_OLD")["Attributes"]
        {'name': {'S': 'rex'}}
        """
        response = self._engine.delete_item(request_in(params))
        _item_out(response, "Attributes")
        if "ItemCollectionMetrics" in response:
            response["ItemCollectionMetrics"] = _metrics_out(response["ItemCollectionMetrics"])
        return response

    # -- reads ---------------------------------------------------------------------------------
    @operation("Query")
    def query(self, params: Params) -> dict[str, Any]:
        """Read the items of one partition, in sort-key order, a page (up to 1 MB) at a time.

        Query. Required: ``TableName``; in practice ``KeyConditionExpression`` (the partition
        key's equality, perhaps a sort-key condition) with ``ExpressionAttributeValues``.
        Often used: ``IndexName``, ``FilterExpression`` (applied after the read),
        ``ScanIndexForward=False``, ``Limit``, ``ExclusiveStartKey``. Returns ``Items``,
        ``Count``, ``ScannedCount`` and, when more remain, ``LastEvaluatedKey``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="posts", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "user", "KeyType": "HASH"},
        ...                {"AttributeName": "n", "KeyType": "RANGE"}],
        ...     AttributeDefinitions=[{"AttributeName": "user", "AttributeType": "S"},
        ...                           {"AttributeName": "n", "AttributeType": "N"}])
        >>> for n in range(3):
        ...     _ = ddb.put_item(TableName="posts", Item={"user": {"S": "ada"}, "n": {"N": str(n)}})
        >>> page = ddb.query(TableName="posts", KeyConditionExpression="#u = :u AND n >= :one",
        ...     ExpressionAttributeNames={"#u": "user"},
        ...     ExpressionAttributeValues={":u": {"S": "ada"}, ":one": {"N": "1"}})
        >>> [i["n"]["N"] for i in page["Items"]], page["Count"]
        (['1', '2'], 2)
        """
        return self._read_out(self._engine.query(request_in(params)))

    @operation("Scan")
    def scan(self, params: Params) -> dict[str, Any]:
        """Read every item of a table or index, a page (up to 1 MB) at a time.

        Scan. Required: ``TableName``. Often used: ``FilterExpression`` (applied after the
        read) with ``ExpressionAttributeNames`` / ``Values``, ``IndexName``, ``Limit``,
        ``ExclusiveStartKey``, ``Segment`` / ``TotalSegments`` for parallel scans. Returns
        ``Items``, ``Count``, ``ScannedCount`` and, when more remain, ``LastEvaluatedKey``.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="pets", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "name", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "name", "AttributeType": "S"}])
        >>> _ = ddb.put_item(TableName="pets", Item={"name": {"S": "rex"}})
        >>> ddb.scan(TableName="pets")["Items"]
        [{'name': {'S': 'rex'}}]
        """
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
        """Read up to 100 items by key from one or more tables in one call.

        BatchGetItem. Required: ``RequestItems``: table name -> ``{"Keys": [...]}``, perhaps
        with ``ProjectionExpression`` and ``ConsistentRead``. Returns ``Responses`` (table
        name -> items found, in no set order) and ``UnprocessedKeys`` to send again (not
        empty when the answer would pass 16 MB).
        """
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
        """Put or delete up to 25 items across tables in one call, each write on its own.

        BatchWriteItem. Required: ``RequestItems``: table name -> a list of
        ``{"PutRequest": {"Item": ...}}`` or ``{"DeleteRequest": {"Key": ...}}``. No conditions
        and no updates. Returns ``UnprocessedItems`` to send again (empty when all were done).
        """
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
        """Apply up to 100 writes all together or not at all.

        TransactWriteItems. Required: ``TransactItems``: a list of ``{"Put": ...}``,
        ``{"Update": ...}``, ``{"Delete": ...}`` or ``{"ConditionCheck": ...}``, each shaped like
        its single-item request. Often used: ``ClientRequestToken`` (a retry within 10 minutes
        is not applied twice). A failed condition or a conflict raises
        ``TransactionCanceledException`` with one ``CancellationReasons`` entry per action.
        """
        req = dict(params)
        if params.get("TransactItems"):
            req["TransactItems"] = [
                {kind: request_in(body) for kind, body in entry.items()}
                for entry in params["TransactItems"]
            ]
        return _collections_out(self._engine.transact_write_items(req))

    @operation("TransactGetItems")
    def transact_get_items(self, params: Params) -> dict[str, Any]:
        """Read up to 100 items as one consistent snapshot.

        TransactGetItems. Required: ``TransactItems``: a list of ``{"Get": {"TableName": ...,
        "Key": ...}}``, perhaps with ``ProjectionExpression``. Returns ``Responses``, one per
        request in the same order (``{}`` where no item matched).
        """
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
