"""``cloud.dynamo``: boto3's DynamoDB resource, with native values.

``cloud.dynamo`` is the resource of the Cloud's region (``cloud.resource("dynamodb",
region)`` builds one for any region). ``Table(name)`` and ``create_table(...)`` give
``Table`` objects
whose ``put_item``/``get_item``/``update_item``/``delete_item``/``query``/``scan`` take
and return plain Python values (``str``, ``int``/``Decimal``, ``bytes``, ``set``,
``list``, ``dict``, ``bool``, ``None``) exactly as boto3's resource does, and accept
condition objects (``Key``/``Attr`` from ``boto3.dynamodb.conditions`` or
``pyserverless.dynamo.conditions``) where boto3 does. Values are converted once, on
the way in, into the copy the table stores; results come back as copies.

Beyond boto3's resource: ``table(name)`` (fails at once on a missing table),
``tables()`` (a list), ``Table.describe()`` (a frozen ``TableSnapshot``) and readable
reprs. Everything goes through the engine's public request methods, so a Lambda
handler in process mode sees the host's tables.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._core.errors import AWSError, ParamValidationError
from ._backups import BackupTable
from ._client import DynamoDBClient
from ._errors import ResourceNotFoundException
from ._global_resource import GlobalTable
from ._params import WELL_FORMED, check, check_fully
from ._streams import StreamTable
from ._ttl import TtlTable
from ._types import (
    item_from_python,
    item_from_python_sized,
    item_to_python,
    values_from_python,
)

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import DynamoDB

__all__ = ["BatchWriter", "DynamoDBResource", "Table", "TableSnapshot"]

_EXPRESSIONS = (
    ("KeyConditionExpression", True),
    ("ConditionExpression", False),
    ("FilterExpression", False),
)


_F = TypeVar("_F", bound=Callable[..., Any])


def _refused(operation: str, params: Mapping[str, Any], err: Exception) -> None:
    """On an error from a resource call: boto3's ParamValidationError if the request is
    malformed (boto3 would not have sent it), else the error, naming its operation."""
    if not isinstance(err, WELL_FORMED):
        try:
            check_fully(operation, params)
        except ParamValidationError as malformed:
            raise malformed from None  # as boto3: the request was never sent
    if isinstance(err, AWSError):
        err.bind_operation(operation)


def _action(operation: str, *, table: bool = True) -> Callable[[_F], _F]:
    """A boto3 resource action: keyword arguments checked as boto3 checks them, errors
    named after the operation. ``table``: a ``Table`` method (TableName is implied)."""

    def decorate(fn: _F) -> _F:
        @functools.wraps(fn)
        def method(self: Any, **kwargs: Any) -> Any:
            check(operation, kwargs, self.name if table else None)
            try:
                return fn(self, **kwargs)
            except Exception as err:
                _refused(operation, {"TableName": self.name, **kwargs} if table else kwargs, err)
                raise

        return method  # type: ignore[return-value]

    return decorate


def _named(operation: str) -> Callable[[_F], _F]:
    """Name the AWS operation on errors raised by a resource method, as boto3 does."""

    def decorate(fn: _F) -> _F:
        @functools.wraps(fn)
        def method(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except AWSError as err:
                err.bind_operation(operation)
                raise

        return method  # type: ignore[return-value]

    return decorate


class _Placeholders:
    """Turns condition objects into expression text, sharing placeholders per request."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self._boto3_builder: Any = None
        self._count = 0

    def build(self, condition: Any, *, key: bool) -> str:
        module = type(condition).__module__
        if module.startswith("boto3."):
            if self._boto3_builder is None:
                from boto3.dynamodb.conditions import ConditionExpressionBuilder

                self._boto3_builder = ConditionExpressionBuilder()
            built = self._boto3_builder.build_expression(condition, is_key_condition=key)
            self.names.update(built.attribute_name_placeholders)
            self.values.update(built.attribute_value_placeholders)
            return str(built.condition_expression)
        from importlib import import_module

        build = import_module("pyserverless.dynamo.conditions").build
        text, names, values = build(condition, key=key)
        # Each build numbers its placeholders from zero: rename to keep them distinct.
        self._count += 1
        suffix = f"_{self._count}"
        renames = {p: p + suffix for p in [*(names or {}), *(values or {})]}
        if renames:
            pattern = re.compile(
                "|".join(re.escape(p) for p in sorted(renames, key=len, reverse=True))
                + r"(?![A-Za-z0-9_])"
            )
            text = pattern.sub(lambda m: renames[m.group(0)], text)
        for p, v in (names or {}).items():
            self.names[renames[p]] = v
        for p, v in (values or {}).items():
            self.values[renames[p]] = v
        return str(text)


def request_in(params: Mapping[str, Any]) -> dict[str, Any]:
    """A resource-layer request with native values and expression strings."""
    req = dict(params)
    for field in ("Key", "ExclusiveStartKey"):
        if params.get(field) is not None:
            req[field] = item_from_python(params[field])
    holder: _Placeholders | None = None
    for field, key in _EXPRESSIONS:
        expr = params.get(field)
        if expr is not None and not isinstance(expr, str):
            if holder is None:
                holder = _Placeholders()
            req[field] = holder.build(expr, key=key)
    values = params.get("ExpressionAttributeValues")
    if holder is not None:
        if holder.names:
            req["ExpressionAttributeNames"] = {
                **(params.get("ExpressionAttributeNames") or {}),
                **holder.names,
            }
        if holder.values:
            values = {**(values or {}), **holder.values}
    if values:
        req["ExpressionAttributeValues"] = values_from_python(values)
    if not _LEGACY.isdisjoint(params):
        for field in _LEGACY:
            if params.get(field):
                req[field] = _legacy_in(params[field])
    return req


#: The legacy members that hold AttributeValues (converted like the rest).
_LEGACY = frozenset(("Expected", "QueryFilter", "ScanFilter", "KeyConditions", "AttributeUpdates"))


def _legacy_in(conditions: Mapping[str, Any]) -> dict[str, Any]:
    from ._types import from_python

    out = {}
    for name, cond in conditions.items():
        cond = dict(cond)
        if "Value" in cond and cond["Value"] is not None:
            cond["Value"] = from_python(cond["Value"])
        if cond.get("AttributeValueList") is not None:
            cond["AttributeValueList"] = [from_python(v) for v in cond["AttributeValueList"]]
        out[name] = cond
    return out


@attrs.frozen
class TableSnapshot:
    """A frozen snapshot of a table, as ``Table.describe()`` returns it.

    >>> from pyserverless import Cloud
    >>> ddb = Cloud.manual().dynamo
    >>> t = ddb.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> snap = t.describe()
    >>> snap.name, snap.partition_key, snap.item_count, snap.status
    ('notes', 'id', 0, 'ACTIVE')
    """

    name: str
    status: str
    partition_key: str
    sort_key: str | None
    item_count: int
    size_bytes: int
    billing_mode: str
    global_indexes: tuple[str, ...]
    local_indexes: tuple[str, ...]
    arn: str
    created: datetime
    stream_enabled: bool
    deletion_protection: bool
    tags: tuple[tuple[str, str], ...]


class Table(TtlTable, StreamTable, BackupTable, GlobalTable):
    """A DynamoDB table, as boto3's ``dynamodb.Table`` resource.

    >>> from pyserverless import Cloud
    >>> ddb = Cloud.manual().dynamo
    >>> users = ddb.create_table(TableName="users", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> _ = users.put_item(Item={"id": "ada", "age": 36, "tags": {"math"}})
    >>> users.get_item(Key={"id": "ada"})["Item"]
    {'id': 'ada', 'age': Decimal('36'), 'tags': {'math'}}
    >>> users
    Table('users', pk='id', items=1)
    """

    def __init__(self, resource: DynamoDBResource, name: str) -> None:
        self._resource = resource
        self._engine: DynamoDB = resource._engine
        self.name = name
        self._data: dict[str, Any] | None = None

    @property
    def table_name(self) -> str:
        return self.name

    @property
    def meta(self) -> Any:
        return _TableMeta(self)

    # -- boto3's lazily loaded attributes ------------------------------------------------------
    @_named("DescribeTable")
    def load(self) -> None:
        """Fetch the table's description (boto3 calls DescribeTable)."""
        self._data = self._engine.describe_table({"TableName": self.name})["Table"]

    reload = load

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        member = "".join(part.capitalize() for part in attr.split("_"))
        member = _ATTRIBUTE_NAMES.get(attr, member)
        if member not in _DESCRIPTION_MEMBERS:
            raise AttributeError(f"'dynamodb.Table' object has no attribute {attr!r}")
        if self._data is None:
            self.load()
        assert self._data is not None
        return self._data.get(member)

    @_named("DescribeTable")
    def describe(self) -> TableSnapshot:
        """A frozen snapshot of the table now (DescribeTable and its tags).

        Raises ``ResourceNotFoundException`` when the table does not exist.
        """
        d = self._engine.describe_table({"TableName": self.name})["Table"]
        tags = self._engine.list_tags_of_resource({"ResourceArn": d["TableArn"]})["Tags"]
        keys = {k["KeyType"]: k["AttributeName"] for k in d["KeySchema"]}
        billing = (d.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED")
        return TableSnapshot(
            name=d["TableName"],
            status=d["TableStatus"],
            partition_key=keys["HASH"],
            sort_key=keys.get("RANGE"),
            item_count=d["ItemCount"],
            size_bytes=d["TableSizeBytes"],
            billing_mode=billing,
            global_indexes=tuple(i["IndexName"] for i in d.get("GlobalSecondaryIndexes", ())),
            local_indexes=tuple(i["IndexName"] for i in d.get("LocalSecondaryIndexes", ())),
            arn=d["TableArn"],
            created=d["CreationDateTime"],
            stream_enabled=bool((d.get("StreamSpecification") or {}).get("StreamEnabled")),
            deletion_protection=d["DeletionProtectionEnabled"],
            tags=tuple((t["Key"], t["Value"]) for t in tags),
        )

    # -- items ---------------------------------------------------------------------------------
    def put_item(self, **kwargs: Any) -> dict[str, Any]:
        """PutItem: store ``Item`` (native values), replacing any item with its key."""
        item = kwargs.get("Item")
        if type(item) is dict and len(kwargs) == 1:  # the common case: nothing to return
            try:
                native, size = item_from_python_sized(item)
                self._engine.put_item({"TableName": self.name, "Item": native}, size)
            except Exception as err:
                _refused("PutItem", {"TableName": self.name, **kwargs}, err)
                raise
            return self._resource._with_metadata({})
        return self._put_item(**kwargs)

    @_action("PutItem")
    def _put_item(self, **kwargs: Any) -> dict[str, Any]:
        item = kwargs.get("Item")
        size = None
        req = request_in(kwargs) if len(kwargs) > 1 else {}
        req["TableName"] = self.name
        if item is not None:
            req["Item"], size = item_from_python_sized(item)
        return self._out(self._engine.put_item(req, size))

    def get_item(self, **kwargs: Any) -> dict[str, Any]:
        """GetItem: the item with ``Key``, as native values (no ``Item`` if absent)."""
        if len(kwargs) == 1 and type(kwargs.get("Key")) is dict:  # the common case
            try:
                req = {"TableName": self.name, "Key": item_from_python(kwargs["Key"])}
                found = self._engine.get_item(req).get("Item")
            except Exception as err:
                _refused("GetItem", {"TableName": self.name, **kwargs}, err)
                raise
            response = {} if found is None else {"Item": item_to_python(found)}
            return self._resource._with_metadata(response)
        return self._get_item(**kwargs)

    @_action("GetItem")
    def _get_item(self, **kwargs: Any) -> dict[str, Any]:
        req = request_in(kwargs)
        req["TableName"] = self.name
        return self._out(self._engine.get_item(req))

    @_action("UpdateItem")
    def update_item(self, **kwargs: Any) -> dict[str, Any]:
        req = request_in(kwargs)
        req["TableName"] = self.name
        return self._out(self._engine.update_item(req))

    @_action("DeleteItem")
    def delete_item(self, **kwargs: Any) -> dict[str, Any]:
        req = request_in(kwargs)
        req["TableName"] = self.name
        return self._out(self._engine.delete_item(req))

    @_action("Query")
    def query(self, **kwargs: Any) -> dict[str, Any]:
        req = request_in(kwargs)
        req["TableName"] = self.name
        return self._out(self._engine.query(req))

    @_action("Scan")
    def scan(self, **kwargs: Any) -> dict[str, Any]:
        req = request_in(kwargs)
        req["TableName"] = self.name
        return self._out(self._engine.scan(req))

    def batch_writer(self, overwrite_by_pkeys: list[str] | None = None) -> BatchWriter:
        """boto3's batch writer: buffers puts and deletes, sends them 25 at a time."""
        return BatchWriter(self._resource, self.name, overwrite_by_pkeys=overwrite_by_pkeys)

    # -- the table itself ----------------------------------------------------------------------
    @_named("DeleteTable")
    def delete(self) -> dict[str, Any]:
        return self._resource._with_metadata(self._engine.delete_table({"TableName": self.name}))

    @_action("UpdateTable")
    def update(self, **kwargs: Any) -> Table:
        """UpdateTable on this table; reloads its attributes."""
        self._engine.update_table({**kwargs, "TableName": self.name})
        self.load()
        return self

    def wait_until_exists(self) -> None:
        self._resource.meta.client.get_waiter("table_exists").wait(TableName=self.name)
        self.load()

    def wait_until_not_exists(self) -> None:
        self._resource.meta.client.get_waiter("table_not_exists").wait(TableName=self.name)

    def _out(self, response: dict[str, Any]) -> dict[str, Any]:
        for field in ("Attributes", "Item", "LastEvaluatedKey"):
            value = response.get(field)
            if value is not None:
                response[field] = item_to_python(value)
        items = response.get("Items")
        if items is not None:
            response["Items"] = [item_to_python(i) for i in items]
        metrics = response.get("ItemCollectionMetrics")
        if metrics is not None:
            response["ItemCollectionMetrics"] = {
                **metrics,
                "ItemCollectionKey": item_to_python(metrics["ItemCollectionKey"]),
            }
        return self._resource._with_metadata(response)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Table) and other.name == self.name and (other._engine is self._engine)
        )

    def __hash__(self) -> int:
        return hash(("Table", self.name))

    def __repr__(self) -> str:
        try:
            d = self._engine.describe_table({"TableName": self.name})["Table"]
        except ResourceNotFoundException:
            return f"Table({self.name!r}, missing)"
        keys = {k["KeyType"]: k["AttributeName"] for k in d["KeySchema"]}
        sk = f", sk={keys['RANGE']!r}" if "RANGE" in keys else ""
        return f"Table({self.name!r}, pk={keys['HASH']!r}{sk}, items={d['ItemCount']})"


_DESCRIPTION_MEMBERS = frozenset(
    [
        "AttributeDefinitions",
        "TableName",
        "KeySchema",
        "TableStatus",
        "CreationDateTime",
        "ProvisionedThroughput",
        "TableSizeBytes",
        "ItemCount",
        "TableArn",
        "TableId",
        "BillingModeSummary",
        "LocalSecondaryIndexes",
        "GlobalSecondaryIndexes",
        "StreamSpecification",
        "LatestStreamLabel",
        "LatestStreamArn",
        "GlobalTableVersion",
        "Replicas",
        "RestoreSummary",
        "SSEDescription",
        "ArchivalSummary",
        "TableClassSummary",
        "DeletionProtectionEnabled",
        "OnDemandThroughput",
        "WarmThroughput",
        "MultiRegionConsistency",
        "GlobalTableWitnesses",
    ]
)
_ATTRIBUTE_NAMES = {"sse_description": "SSEDescription"}


class _TableMeta:
    def __init__(self, table: Table) -> None:
        self.client = table._resource.meta.client
        self._table = table

    @property
    def data(self) -> dict[str, Any] | None:
        return self._table._data


class BatchWriter:
    """boto3's ``Table.batch_writer()``: buffered puts and deletes, flushed 25 at a time.

    Unprocessed items are resent; on leaving the ``with`` block the rest is flushed.
    ``overwrite_by_pkeys`` keeps only the last request per key in the buffer.

    >>> from pyserverless import Cloud
    >>> ddb = Cloud.manual().dynamo
    >>> t = ddb.create_table(TableName="notes", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> with t.batch_writer() as batch:
    ...     for n in range(30):
    ...         batch.put_item(Item={"id": f"n{n}"})
    >>> t
    Table('notes', pk='id', items=30)
    """

    def __init__(
        self,
        resource: DynamoDBResource,
        table_name: str,
        *,
        flush_amount: int = 25,
        overwrite_by_pkeys: list[str] | None = None,
    ) -> None:
        self._resource = resource
        self._table_name = table_name
        self._flush_amount = flush_amount
        self._overwrite_by_pkeys = overwrite_by_pkeys
        self._buffer: list[dict[str, Any]] = []

    def put_item(self, Item: Mapping[str, Any]) -> None:
        self._add({"PutRequest": {"Item": item_from_python(Item)}})

    def delete_item(self, Key: Mapping[str, Any]) -> None:
        self._add({"DeleteRequest": {"Key": item_from_python(Key)}})

    def _add(self, request: dict[str, Any]) -> None:
        if self._overwrite_by_pkeys:
            new_key = self._pkeys(request)
            self._buffer = [r for r in self._buffer if self._pkeys(r) != new_key]
        self._buffer.append(request)
        if len(self._buffer) >= self._flush_amount:
            self._flush()

    def _pkeys(self, request: Mapping[str, Any]) -> list[Any]:
        body = request.get("PutRequest", {}).get("Item") or request["DeleteRequest"]["Key"]
        return [body.get(k) for k in self._overwrite_by_pkeys or ()]

    @_named("BatchWriteItem")
    def _flush(self) -> None:
        batch = self._buffer[: self._flush_amount]
        self._buffer = self._buffer[self._flush_amount :]
        response = self._resource._engine.batch_write_item(
            {"RequestItems": {self._table_name: batch}}
        )
        left = response.get("UnprocessedItems", {}).get(self._table_name)
        if left:
            self._buffer.extend(left)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        while self._buffer:
            self._flush()

    def __repr__(self) -> str:
        return f"BatchWriter({self._table_name!r}, buffered={len(self._buffer)})"


class _Tables:
    """``resource.tables``: boto3's collection (``.all()``, ``.limit(n)``, ``.page_size(n)``).

    Calling it, ``resource.tables()``, lists the tables at once.
    """

    def __init__(self, resource: DynamoDBResource, page: int = 100) -> None:
        self._resource = resource
        self._page = page

    @_named("ListTables")
    def _names(self) -> list[str]:
        engine = self._resource._engine
        request: dict[str, Any] = {"Limit": self._page}
        names: list[str] = []
        while True:
            out = engine.list_tables(request)
            names += out["TableNames"]
            if "LastEvaluatedTableName" not in out:
                return names
            request["ExclusiveStartTableName"] = out["LastEvaluatedTableName"]

    def all(self) -> Iterator[Table]:
        for name in self._names():
            yield Table(self._resource, name)

    __iter__ = all

    def limit(self, count: int) -> Iterator[Table]:
        for n, table in enumerate(self.all()):
            if n >= count:
                return
            yield table

    def page_size(self, count: int) -> _Tables:
        return _Tables(self._resource, count)

    def __call__(self) -> list[Table]:
        return list(self.all())

    def __repr__(self) -> str:
        return "dynamodb.tablesCollection(dynamodb.ServiceResource(), dynamodb.Table)"


_TableType = Table


class _ResourceMeta:
    def __init__(self, client: DynamoDBClient) -> None:
        self.client = client
        self.service_name = "dynamodb"


class DynamoDBResource:
    """boto3's ``dynamodb`` service resource: ``Table(name)``, ``create_table(...)``.

    >>> from pyserverless import Cloud
    >>> ddb = Cloud.manual().dynamo
    >>> ddb
    dynamodb.ServiceResource(region='us-east-1')
    >>> ddb.Table("later")
    Table('later', missing)
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._cloud = cloud
        self._engine: DynamoDB = cloud.engine("dynamodb", region)
        # Request ids: a seeded UUID-shaped prefix drawn once, then a counter (cheap, and
        # the same seed gives the same ids).
        bits = cloud.ids.bits(80)
        self._request_prefix = (
            f"{bits >> 48:08x}-{(bits >> 32) & 0xFFFF:04x}-4{(bits >> 20) & 0xFFF:03x}-"
            f"{8 | ((bits >> 18) & 0x3):x}{(bits >> 6) & 0xFFF:03x}-"
        )
        self._requests = itertools.count(1)
        self.meta = _ResourceMeta(DynamoDBClient(cloud, region))
        self.tables = _Tables(self)

    def Table(self, name: str) -> Table:
        """The table named ``name``, loaded lazily as boto3 does (it may not exist yet)."""
        return Table(self, name)

    def table(self, name: str) -> _TableType:
        """The table named ``name``, loaded now: ``ResourceNotFoundException`` if absent.

        >>> from pyserverless import Cloud
        >>> Cloud.manual().dynamo.table("nope")
        Traceback (most recent call last):
        ...
        pyserverless.dynamo.ResourceNotFoundException: ... Table: nope not found
        hint: ...
        """
        table = Table(self, name)
        table.load()
        return table

    @_action("CreateTable", table=False)
    def create_table(self, **kwargs: Any) -> _TableType:
        """CreateTable; the new table (ACTIVE at once)."""
        self._engine.create_table(kwargs)
        table = _TableType(self, kwargs["TableName"])
        table.load()
        return table

    @_action("BatchGetItem", table=False)
    def batch_get_item(self, **kwargs: Any) -> dict[str, Any]:
        """BatchGetItem with native keys and items."""
        req = dict(kwargs)
        items = kwargs.get("RequestItems")
        if items:
            req["RequestItems"] = {
                name: {**spec, "Keys": [item_from_python(k) for k in spec.get("Keys") or ()]}
                for name, spec in items.items()
            }
        response = self._engine.batch_get_item(req)
        response["Responses"] = {
            name: [item_to_python(i) for i in found]
            for name, found in response["Responses"].items()
        }
        response["UnprocessedKeys"] = {
            name: {**spec, "Keys": [item_to_python(k) for k in spec["Keys"]]}
            for name, spec in response["UnprocessedKeys"].items()
        }
        return self._with_metadata(response)

    @_action("BatchWriteItem", table=False)
    def batch_write_item(self, **kwargs: Any) -> dict[str, Any]:
        """BatchWriteItem with native items and keys."""
        req = dict(kwargs)
        items = kwargs.get("RequestItems")
        if items:
            req["RequestItems"] = {
                name: [_write_in(r) for r in reqs] for name, reqs in items.items()
            }
        response = self._engine.batch_write_item(req)
        metrics = response.get("ItemCollectionMetrics")
        if metrics:
            response["ItemCollectionMetrics"] = {
                name: [
                    {**m, "ItemCollectionKey": item_to_python(m["ItemCollectionKey"])}
                    for m in entries
                ]
                for name, entries in metrics.items()
            }
        return self._with_metadata(response)

    def _with_metadata(self, response: dict[str, Any]) -> dict[str, Any]:
        response["ResponseMetadata"] = {
            "RequestId": self._request_prefix + format(next(self._requests), "012x"),
            "HTTPStatusCode": 200,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        }
        return response

    def __repr__(self) -> str:
        return f"dynamodb.ServiceResource(region={self._engine.region!r})"


def _write_in(request: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(request)
    if request.get("PutRequest") is not None:
        out["PutRequest"] = {"Item": item_from_python(request["PutRequest"]["Item"])}
    if request.get("DeleteRequest") is not None:
        out["DeleteRequest"] = {"Key": item_from_python(request["DeleteRequest"]["Key"])}
    return out


_ = ResourceNotFoundException
