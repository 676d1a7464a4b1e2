"""The DynamoDB engine: tables and items of one region of one Cloud.

The engine is the public face of the region: one method per operation, taking and
returning plain request and response dicts (native values where AWS has
AttributeValues). Control-plane operations are here, each parse-then-apply: CreateTable
in ``_create_table``, UpdateTable in ``_update_table``, the rest small enough to read
whole. Item operations live in ``_items``, reads in ``_reads``, batches in ``_batch``
and transactions in ``_transactions``; they work on the engine's ``RegionTables``
(``_region``), never on the engine. One lock per region makes every request atomic
against concurrent ones; no user code runs under it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._core.arns import arn
from . import _batch, _contention, _items, _reads, _transactions
from . import _table_messages as msg
from ._backups import BackupOps
from ._create_table import parse_create_table
from ._errors import (
    AccessDeniedException,
    LimitExceededException,
    ResourceInUseException,
    ResourceNotFoundException,
    ValidationException,
)
from ._exports import ExportOps
from ._global import GlobalTableOps
from ._imports import ImportOps
from ._insights import InsightsOps
from ._limits import DynamoDBLimits
from ._partiql import PartiqlOps
from ._policies import PolicyOps
from ._region import RegionTables
from ._settings import kms_key_arn
from ._streams import StreamOps
from ._table import (
    TableState,
    parse_tags,
)
from ._ttl import TtlOps
from ._update_table import apply_update, parse_update_request, plan_update
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["DynamoDB"]


class DynamoDB(
    GlobalTableOps,
    TtlOps,
    StreamOps,
    BackupOps,
    ExportOps,
    ImportOps,
    PartiqlOps,
    PolicyOps,
    InsightsOps,
):
    """The DynamoDB engine of one region: ``cloud.engine("dynamodb")``.

    Requests are AWS's request dicts with native values; the client and resource layers
    (``cloud.client("dynamodb")``, ``cloud.dynamo``) translate to and from it.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> engine = cloud.engine("dynamodb")
    >>> _ = engine.create_table({
    ...     "TableName": "users",
    ...     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    ...     "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    ...     "BillingMode": "PAY_PER_REQUEST"})
    >>> engine
    DynamoDB(region='us-east-1', tables=['users'])
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: DynamoDBLimits = cloud.limits.dynamodb
        #: The tables, lock and shared settings the operation modules work on.
        self.state = RegionTables(
            region=region, account_id=cloud.account_id, limits=self.limits, clock=cloud.clock
        )
        self.tables: dict[str, TableState] = self.state.tables
        self.lock = self.state.lock
        #: Seeded key ids standing for KMS aliases (and the AWS managed key) in SSE.
        self.kms_keys: dict[str, str] = {}

    # -- lookup --------------------------------------------------------------------------------
    def _described(self, name: Any) -> TableState:
        return self.state.described(name)

    def _kms_arn(self, key: str | None) -> str:
        """The KMS key ARN an SSESpecification's ``KMSMasterKeyId`` is described with."""
        return kms_key_arn(
            key,
            region=self.region,
            account=self.cloud.account_id,
            ids=self.cloud.ids,
            keys=self.kms_keys,
        )

    def _table_arn(self, name: str) -> str:
        return arn("dynamodb", self.region, self.cloud.account_id, f"table/{name}")

    # -- control plane -------------------------------------------------------------------------
    def create_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        now = self.cloud.now()
        plan = parse_create_table(request, limits=self.limits, now=now)
        with self.lock:
            state = self.state
            state.settle()
            if plan.name in self.tables or plan.name in state.pending:
                raise ResourceInUseException(msg.TABLE_EXISTS.format(name=plan.name))
            if len(self.tables) + len(state.pending) >= self.limits.max_tables:
                raise LimitExceededException(
                    f"Subscriber limit exceeded: Only {self.limits.max_tables} tables can be "
                    "created per account"
                )
            table = plan.build(
                arn=self._table_arn(plan.name),
                table_id=self.cloud.ids.uuid(),
                now=now,
                kms_arn=self._kms_arn,
                limits=self.limits,
            )
            self._streams_sync(table)
            if self.limits.table_state_seconds:
                self._delay(table, "CREATING", state.pending)
            else:
                self.tables[table.name] = table
            # DynamoDB always answers CREATING (its indexes too), ACTIVE or not yet.
            described = _as_status(table.describe(), "CREATING", table.gsis)
            return {"TableDescription": _asked_warm_only(described, table)}

    def _delay(self, t: TableState, status: str, into: dict[str, TableState]) -> None:
        """Keep ``t`` in ``status`` for the state delay (``table_state_seconds``)."""
        t.status = status
        t.status_until = self.cloud.clock.time() + self.limits.table_state_seconds
        into[t.name] = t

    def describe_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            t = self._described(require(request, "TableName"))
            described = t.describe()
            if t.status == "CREATING":
                described = _as_status(described, "CREATING", t.gsis)
            return {"Table": described}

    def _refuse_if_busy(self, t: TableState) -> None:
        if t.status == "CREATING":
            raise ResourceInUseException(msg.TABLE_BEING_CREATED.format(name=t.name))
        if t.status == "DELETING":
            raise ResourceInUseException(msg.TABLE_BEING_DELETED.format(name=t.name))

    def delete_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            t = self._described(require(request, "TableName"))
            self._refuse_if_busy(t)
            if t.deletion_protection:
                raise ValidationException(msg.DELETION_PROTECTED)
            now = self.cloud.clock.time()
            self._ttl_table_deleted(t, now)
            self._streams_table_deleted(t, now)
            self._backups_table_deleted(t, now)
            self._policies_table_deleted(t, now)
            self._global_table_deleted(t, now)
            del self.tables[t.name]
            self.state.updating.pop(t.name, None)
            description = _deleted_description(t.describe())
            if self.limits.table_state_seconds:
                self._delay(t, "DELETING", self.state.pending)
        return {"TableDescription": description}

    def list_tables(self, request: Mapping[str, Any]) -> dict[str, Any]:
        c = Constraints()
        limit = request.get("Limit", 100)
        c.at_least(limit, "limit", 1)
        c.at_most(limit, "limit", 100)
        start = request.get("ExclusiveStartTableName")
        if start is not None:
            c.name(start, "exclusiveStartTableName")
        c.raise_if_any()
        with self.lock:
            self.state.settle()
            names = sorted([*self.tables, *self.state.pending])
        if start is not None:
            names = [n for n in names if n > start]
        page = names[:limit]
        response: dict[str, Any] = {"TableNames": page}
        if len(names) > limit:
            response["LastEvaluatedTableName"] = page[-1]
        return response

    def update_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if self._global_involved(request):  # replicas (_global)
            return self._global_update_table(request)
        now = self.cloud.now()
        req = parse_update_request(request)
        with self.lock:
            t = self._described(require(request, "TableName"))
            self._refuse_if_busy(t)
            if t.status == "UPDATING":
                raise ResourceInUseException(msg.TABLE_BEING_UPDATED.format(name=t.name))
            plan = plan_update(t, req, limits=self.limits, now=now)
            before = t.describe()["ProvisionedThroughput"]
            known = set(t.gsis)
            apply_update(t, plan, now=now, kms_arn=self._kms_arn)
            self._streams_sync(t)
            if self.limits.table_state_seconds:
                self._delay(t, "UPDATING", self.state.updating)
            # DynamoDB answers UPDATING with the throughput before the change; a new
            # index is CREATING.
            described = t.describe()
            described["TableStatus"] = "UPDATING"
            described["ProvisionedThroughput"] = before
            for index in described.get("GlobalSecondaryIndexes", []):
                if index["IndexName"] not in known:
                    index["IndexStatus"] = "CREATING"
            return {"TableDescription": described}

    # -- tags ----------------------------------------------------------------------------------
    def _by_arn(self, resource_arn: Any, action: str) -> TableState:
        """The table a tagging call's ResourceArn names, checked as DynamoDB checks it:
        not ARN-shaped (AccessDenied), not a table ARN (an index's, a short name:
        Invalid TableArn), then not found."""
        if not isinstance(resource_arn, str) or not _ARN_SHAPED.fullmatch(resource_arn):
            raise AccessDeniedException(
                msg.TAG_ACCESS_DENIED.format(
                    account=self.cloud.account_id, action=action, arn=resource_arn
                )
            )
        if not _TABLE_ARN.fullmatch(resource_arn):
            raise ValidationException(msg.INVALID_RESOURCE_ARN.format(arn=resource_arn))
        prefix = self._table_arn("")
        if resource_arn.split(":")[3] != prefix.split(":")[3]:
            # Another Region's table ARN (ack-api-quirks DDB-TABLE-442, 2026-10).
            raise ValidationException(msg.INVALID_RESOURCE_ARN.format(arn=resource_arn))
        name = resource_arn[len(prefix) :] if resource_arn.startswith(prefix) else None
        t = self.tables.get(name) if name else None
        if t is None:
            raise ResourceNotFoundException(msg.RESOURCE_ARN_NOT_FOUND.format(arn=resource_arn))
        return t

    def tag_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if require(request, "Tags") == []:
            raise ValidationException(msg.TAGS_NONE)
        tags = parse_tags(require(request, "Tags"))
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"), "TagResource")
            limit = self.limits.max_tags_per_resource
            if len(t.tags.keys() | tags.keys()) > limit:
                raise ValidationException(msg.TAGS_TOO_MANY.format(limit=limit))
            t.tags.update(tags)
        return {}

    def untag_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        keys = require(request, "TagKeys")
        if keys == []:
            raise ValidationException(msg.TAG_KEYS_NONE)
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"), "UntagResource")
            for k in keys:
                t.tags.pop(k, None)
        return {}

    def list_tags_of_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"), "ListTagsOfResource")
            return {"Tags": [{"Key": k, "Value": v} for k, v in t.tags.items()]}

    def describe_limits(self, request: Mapping[str, Any]) -> dict[str, Any]:
        lim = self.limits
        return {
            "AccountMaxReadCapacityUnits": lim.account_max_read_units,
            "AccountMaxWriteCapacityUnits": lim.account_max_write_units,
            "TableMaxReadCapacityUnits": lim.table_max_read_units,
            "TableMaxWriteCapacityUnits": lim.table_max_write_units,
        }

    # -- data plane (see the modules named in the docstring) -----------------------------------
    def put_item(self, request: Mapping[str, Any], size: int | None = None) -> dict[str, Any]:
        if self._strong_tables:  # MRSC global tables (_global_strong)
            return self._strong_write(_items.put_item, request, size)
        return _items.put_item(self.state, request, size)

    def get_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _items.get_item(self.state, request)

    def update_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if self._strong_tables:
            return self._strong_write(_items.update_item, request)
        return _items.update_item(self.state, request)

    def delete_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if self._strong_tables:
            return self._strong_write(_items.delete_item, request)
        return _items.delete_item(self.state, request)

    def query(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _reads.query(self.state, request)

    def scan(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _reads.scan(self.state, request)

    def batch_get_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _batch.batch_get_item(self.state, request)

    def batch_write_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if self._strong_tables:
            return self._strong_write(_batch.batch_write_item, request)
        return _batch.batch_write_item(self.state, request)

    def transact_write_items(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if self._strong_tables:
            self._strong_refuse_transaction(request)
        return _transactions.transact_write_items(self.state, request)

    def transact_get_items(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _transactions.transact_get_items(self.state, request)

    # -- contention mode (docs/dynamodb.md) ---------------------------------------------------
    def set_contention(self, hold_seconds: float) -> float:
        """Turn contention mode on (``hold_seconds`` > 0) or off (0); the previous span.

        In contention mode a committed TransactWriteItems keeps its items in flight for
        ``hold_seconds`` of the Cloud's clock: meanwhile another transaction on one of
        them is cancelled (``TransactionConflict``) and a PutItem, UpdateItem or
        DeleteItem on one fails with ``TransactionConflictException``. Turning it off
        keeps the holds already made until they end; ``release_holds`` ends them.

        >>> from pyserverless import Cloud
        >>> engine = Cloud.manual().engine("dynamodb")
        >>> engine.set_contention(2.5)
        0.0
        >>> engine.set_contention(0)
        2.5
        """
        if isinstance(hold_seconds, bool) or not isinstance(hold_seconds, (int, float)):
            raise TypeError(f"hold_seconds must be a number of seconds, got {hold_seconds!r}")
        if not hold_seconds >= 0 or hold_seconds == float("inf"):
            raise ValueError(f"hold_seconds must be finite and >= 0, got {hold_seconds!r}")
        with self.lock:
            before = self.state.hold_seconds
            self.state.hold_seconds = float(hold_seconds)
        return before

    def hold_item(self, table_name: str, key: Mapping[str, Any], seconds: float) -> None:
        """Hold one item in flight for ``seconds`` of clock time, as another client's
        transaction would (whatever the contention setting).

        ``key`` is the item's key with native values. Writes and transactions on the
        item conflict until the clock passes the hold or ``release_holds`` is called.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> engine = cloud.engine("dynamodb")
        >>> _ = engine.create_table({"TableName": "tab", "BillingMode": "PAY_PER_REQUEST",
        ...     "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        ...     "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]})
        >>> engine.hold_item("tab", {"id": "a"}, 1.0)
        >>> engine.put_item({"TableName": "tab", "Item": {"id": "a"}})
        Traceback (most recent call last):
        ...
        pyserverless.dynamo.TransactionConflictException: ... Transaction is ongoing for the item
        >>> _ = cloud.advance(1)
        >>> engine.put_item({"TableName": "tab", "Item": {"id": "a"}})
        {}
        """
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds <= 0:
            raise ValueError(f"seconds must be a positive number, got {seconds!r}")
        t = self.state.table_for(table_name)
        parsed = _items.key_from_request(self.state, t, key)
        with self.lock:
            _contention.hold(self.state, [(t.name, parsed)], float(seconds))

    def release_holds(self) -> int:
        """End every hold now (transactions "commit"); the number of items released."""
        with self.lock:
            return _contention.release(self.state)

    # -- for people ----------------------------------------------------------------------------
    def _check(self) -> None:
        """Assert every table's and index's invariants."""
        with self.lock:
            for t in self.tables.values():
                check_table(t)

    def __repr__(self) -> str:
        return f"DynamoDB(region={self.region!r}, tables={sorted(self.tables)!r})"


#: Six ':'-separated fields, a '/' in the last: anything else is not read as an ARN.
_ARN_SHAPED = re.compile(r".+:.+:.+:.+:.+:.+/.+", re.S)
#: A table's ARN, its name at least three characters, no further '/' (no index).
_TABLE_ARN = re.compile(r"arn:aws:dynamodb:.+:\d+:table/[^/]{3,}", re.S)


def _as_status(described: dict[str, Any], status: str, gsis: Any) -> dict[str, Any]:
    """A description with the table's (and, when CREATING, its indexes') status set."""
    described["TableStatus"] = status
    if status == "CREATING" and gsis:
        for index in described["GlobalSecondaryIndexes"]:
            index["IndexStatus"] = "CREATING"
    return described


def _asked_warm_only(described: dict[str, Any], t: TableState) -> dict[str, Any]:
    """CreateTable's answer has no WarmThroughput the request did not set (captures of
    DynamoDB's answer, 2025-2026: on-demand and provisioned tables); DescribeTable has."""
    if not t.warm:
        described.pop("WarmThroughput", None)
    for index in described.get("GlobalSecondaryIndexes", ()):
        gsi = t.gsis.get(index["IndexName"])
        if gsi is not None and not gsi.warm:
            index.pop("WarmThroughput", None)
    return described


#: The members DeleteTable's TableDescription carries (a capture of DynamoDB's answer:
#: name, status, throughput, size, count and ARN; with the table id and billing summary
#: DynamoDB added since).
_DELETED_MEMBERS = (
    "TableName",
    "TableStatus",
    "ProvisionedThroughput",
    "TableSizeBytes",
    "ItemCount",
    "TableArn",
    "TableId",
    "BillingModeSummary",
)


def _deleted_description(described: dict[str, Any]) -> dict[str, Any]:
    described["TableStatus"] = "DELETING"
    return {k: described[k] for k in _DELETED_MEMBERS if k in described}


def check_table(t: TableState) -> None:
    """Assert a table's invariants: its store, and every index entry points at a live item."""
    from ._types import item_size

    t.store._check()
    for hk, rk, entry in t.store.scan():
        item = entry[0]
        assert entry[1] == item_size(item), entry
        assert item[t.hash_name] == hk, (hk, item)
        assert t.range_name is None or item[t.range_name] == rk, (rk, item)
    live = {id(entry[0]) for _hk, _rk, entry in t.store.scan()}
    for index in t.indexes():
        index.store._check()
        expected = 0
        for hk, rk, entry in t.store.scan():
            key = index.entry_key(entry[0], _items.table_sort(t, hk, rk), lambda v: v)
            if key is None:
                continue
            expected += 1
            found = index.store.get(*key)
            assert found is not None, (index.name, key)
            assert found[0] is entry[0], (index.name, key)
            assert found[1] == index.projected_size(entry[0], entry[1], item_size), key
        assert index.store.count == expected, (index.name, index.store.count, expected)
        for _ihk, _isk, ientry in index.store.scan():
            assert id(ientry[0]) in live, index.name
    if t.lsis:
        sizes: dict[Any, int] = {}
        for hk, _rk, entry in t.store.scan():
            sizes[hk] = sizes.get(hk, 0) + entry[1]
        assert sizes == t.collections, (sizes, t.collections)
