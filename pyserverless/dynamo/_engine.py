"""The DynamoDB engine: tables and items of one region of one Cloud.

Control plane here (CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables,
tags, DescribeLimits); item operations in ``_items``, reads in ``_reads``, batches in
``_batch`` and transactions in ``_transactions``. Requests are dicts shaped as AWS's,
with native values where AWS has AttributeValues. One lock per engine makes every
request atomic against concurrent ones; no user code runs under it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._core.arns import arn
from . import _batch, _items, _reads, _transactions
from . import _table_messages as msg
from ._errors import (
    LimitExceededException,
    ResourceInUseException,
    ResourceNotFoundException,
    ValidationException,
)
from ._indexes import IndexDef
from ._limits import DynamoDBLimits
from ._region import RegionTables
from ._settings import kms_key_arn, parse_on_demand, parse_sse, parse_warm
from ._table import (
    BILLING_MODES,
    TABLE_CLASSES,
    TableState,
    _stream,
    parse_create_table,
    parse_gsi,
    parse_tags,
    parse_throughput,
)
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["DynamoDB"]


class DynamoDB:
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
        name = request.get("TableName")
        table = parse_create_table(
            request,
            limits=self.limits,
            arn=self._table_arn(str(name)),
            table_id=self.cloud.ids.uuid(),
            now=now,
            kms_arn=self._kms_arn,
        )
        with self.lock:
            if table.name in self.tables:
                raise ResourceInUseException(msg.TABLE_EXISTS.format(name=table.name))
            if len(self.tables) >= self.limits.max_tables:
                raise LimitExceededException(
                    f"Subscriber limit exceeded: Only {self.limits.max_tables} tables can be "
                    "created per account"
                )
            self.tables[table.name] = table
            return {"TableDescription": table.describe()}

    def describe_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        t = self._described(require(request, "TableName"))
        with self.lock:
            return {"Table": t.describe()}

    def delete_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            t = self._described(require(request, "TableName"))
            if t.deletion_protection:
                raise ValidationException(msg.DELETION_PROTECTED)
            del self.tables[t.name]
            description = t.describe()
        description["TableStatus"] = "DELETING"
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
        names = sorted(self.tables)
        if start is not None:
            names = [n for n in names if n > start]
        page = names[:limit]
        response: dict[str, Any] = {"TableNames": page}
        if len(names) > limit:
            response["LastEvaluatedTableName"] = page[-1]
        return response

    def update_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        c = Constraints()
        c.enum(request.get("BillingMode"), "billingMode", BILLING_MODES)
        c.enum(request.get("TableClass"), "tableClass", TABLE_CLASSES)
        throughput = parse_throughput(
            request.get("ProvisionedThroughput"), "provisionedThroughput", c
        )
        c.raise_if_any()
        sse = parse_sse(request.get("SSESpecification"), "sSESpecification")
        on_demand = parse_on_demand(request.get("OnDemandThroughput"), "onDemandThroughput")
        warm = parse_warm(request.get("WarmThroughput"), "warmThroughput")
        changes = (
            "ProvisionedThroughput",
            "BillingMode",
            "StreamSpecification",
            "GlobalSecondaryIndexUpdates",
            "SSESpecification",
            "ReplicaUpdates",
            "TableClass",
            "DeletionProtectionEnabled",
            "OnDemandThroughput",
            "WarmThroughput",
        )
        if not any(request.get(k) is not None for k in changes):
            raise ValidationException(msg.UPDATE_TABLE_NOTHING)
        with self.lock:
            t = self._described(require(request, "TableName"))
            billing = request.get("BillingMode", t.billing_mode)
            if billing == "PAY_PER_REQUEST" and throughput is not None:
                raise ValidationException(msg.PAY_PER_REQUEST_NO_THROUGHPUT)
            if (
                billing == "PROVISIONED"
                and t.billing_mode == "PAY_PER_REQUEST"
                and throughput is None
            ):
                raise ValidationException(msg.PROVISIONED_NEEDS_THROUGHPUT)
            if (
                throughput is not None
                and throughput == t.throughput
                and billing == t.billing_mode
                and not request.get("GlobalSecondaryIndexUpdates")
            ):
                raise ValidationException(
                    msg.THROUGHPUT_UNCHANGED.format(r=throughput[0], w=throughput[1])
                )
            gsi_updates = self._gsi_updates(t, request, billing)
            if billing == "PROVISIONED" and t.billing_mode == "PAY_PER_REQUEST":
                given = {
                    (u.get("Update") or u.get("Delete") or {}).get("IndexName")
                    for u in request.get("GlobalSecondaryIndexUpdates") or []
                }
                for iname in t.gsis:
                    if iname not in given:
                        raise ValidationException(msg.GSI_NEEDS_THROUGHPUT.format(index=iname))
            change = self._throughput_change(t, throughput if billing == "PROVISIONED" else None)
            table_class = request.get("TableClass")
            class_changes = t.table_class_changes
            if table_class is not None and table_class != (t.table_class or "STANDARD"):
                window = timedelta(days=self.limits.table_class_update_days)
                now = self.cloud.now()
                class_changes = [at for at in class_changes if now - at < window] + [now]
                if len(class_changes) > self.limits.table_class_updates:
                    raise LimitExceededException(
                        msg.TABLE_CLASS_UPDATES_LIMITED.format(
                            limit=self.limits.table_class_updates,
                            days=self.limits.table_class_update_days,
                        )
                    )
            stream = None
            if request.get("StreamSpecification") is not None:
                stream = _stream(request["StreamSpecification"], self.cloud.now())
                enabling = stream[0] is not None and stream[0].get("StreamEnabled")
                if (
                    enabling
                    and t.stream_label is not None
                    and t.stream
                    and t.stream.get("StreamEnabled")
                ):
                    raise ValidationException(msg.STREAM_ALREADY_ENABLED.format(name=t.name))
                if not enabling and not (t.stream and t.stream.get("StreamEnabled")):
                    raise ValidationException(msg.STREAM_NOT_ENABLED.format(name=t.name))
            sse_arn = t.sse_key_arn
            if sse is not None:
                if not sse[0] and t.sse_key_arn is None:
                    raise ValidationException(msg.SSE_ALREADY_DEFAULT)
                if sse[0] and sse[1] is not None and sse[1] == t.sse_key_arn:
                    raise ValidationException(msg.SSE_ALREADY_KEY)
                sse_arn = self._kms_arn(sse[1]) if sse[0] else None
            # Validated: apply.
            if billing != t.billing_mode:
                if billing == "PAY_PER_REQUEST":
                    t.billing_changed = self.cloud.now()
                    for index in t.gsis.values():
                        index.throughput = None
                t.billing_mode = billing
            if billing == "PAY_PER_REQUEST":
                t.throughput = None
            elif throughput is not None:
                t.throughput = throughput
                if change is not None:
                    change()
            for action in gsi_updates:
                action()
            if gsi_updates:
                used = {*t.key_names}
                for index in t.indexes():
                    used.update(index.key_names)
                t.attribute_types = {k: v for k, v in t.attribute_types.items() if k in used}
            if stream is not None:
                t.stream = stream[0]
                if stream[1] is not None:
                    t.stream_label = stream[1]
            if request.get("TableClass") is not None:
                t.table_class = request["TableClass"]
                t.table_class_changes = class_changes
            if request.get("DeletionProtectionEnabled") is not None:
                t.deletion_protection = bool(request["DeletionProtectionEnabled"])
            t.sse_key_arn = sse_arn
            if on_demand is not None:
                t.on_demand = {**(t.on_demand or {}), **on_demand}
            if warm is not None:
                t.warm = {**(t.warm or {}), **warm}
            return {"TableDescription": t.describe()}

    def _gsi_updates(self, t: TableState, request: Mapping[str, Any], billing: str) -> list[Any]:
        """Validate GlobalSecondaryIndexUpdates; return the actions that apply them."""
        actions: list[Any] = []
        updates = request.get("GlobalSecondaryIndexUpdates") or []
        definitions = {
            d["AttributeName"]: d["AttributeType"]
            for d in request.get("AttributeDefinitions") or []
        }
        count = len(t.gsis)
        for n, upd in enumerate(updates, 1):
            given = [k for k in ("Create", "Update", "Delete") if upd.get(k) is not None]
            if len(given) != 1:
                raise ValidationException(msg.GSI_UPDATE_ONE_ACTION)
            kind = given[0]
            body = upd[kind]
            if kind == "Delete":
                iname = require(body, "IndexName")
                if iname not in t.gsis:
                    raise ResourceNotFoundException(
                        msg.GSI_NOT_FOUND.format(index=iname, table=t.name)
                    )
                actions.append(lambda iname=iname: t.gsis.pop(iname))
                count -= 1
            elif kind == "Update":
                iname = require(body, "IndexName")
                if iname not in t.gsis:
                    raise ResourceNotFoundException(
                        msg.GSI_NOT_FOUND.format(index=iname, table=t.name)
                    )
                c = Constraints()
                tp = parse_throughput(
                    body.get("ProvisionedThroughput"),
                    f"globalSecondaryIndexUpdates.{n}.member.update.provisionedThroughput",
                    c,
                )
                c.raise_if_any()
                path = f"globalSecondaryIndexUpdates.{n}.member.update"
                od = parse_on_demand(body.get("OnDemandThroughput"), f"{path}.onDemandThroughput")
                wt = parse_warm(body.get("WarmThroughput"), f"{path}.warmThroughput")
                actions.append(
                    lambda iname=iname, tp=tp, od=od, wt=wt: self._update_gsi(t, iname, tp, od, wt)
                )
            else:
                c = Constraints()
                parsed = parse_gsi(
                    body, f"globalSecondaryIndexUpdates.{n}.member.create", c, billing_mode=billing
                )
                c.raise_if_any()
                assert parsed is not None
                iname, ikeys, projection, tp = parsed
                if iname in t.gsis or iname in t.lsis:
                    raise ValidationException(msg.GSI_EXISTS)
                types = dict(t.attribute_types)
                for k in ikeys:
                    if k is None:
                        continue
                    if k not in definitions and k not in types:
                        raise ValidationException(
                            msg.ATTR_INDEX_UNDEFINED.format(
                                keys=k, defined=", ".join(definitions or types)
                            )
                        )
                    declared = definitions.get(k, types.get(k))
                    if k in types and declared != types[k]:
                        raise ValidationException(msg.ATTR_DUPLICATE)
                count += 1
                if count > self.limits.max_gsis:
                    raise LimitExceededException(
                        msg.GSI_TOO_MANY_UPDATE.format(limit=self.limits.max_gsis)
                    )
                index = IndexDef(
                    name=iname,
                    local=False,
                    hash_name=ikeys[0],
                    range_name=ikeys[1],
                    hash_type=definitions.get(ikeys[0], types.get(ikeys[0], "S")),
                    range_type=(
                        definitions.get(ikeys[1], types.get(ikeys[1], "S")) if ikeys[1] else None
                    ),
                    projection=projection,
                    arn=f"{t.arn}/index/{iname}",
                    throughput=tp,
                    table_keys=t.key_names,
                    on_demand=parse_on_demand(
                        body.get("OnDemandThroughput"),
                        f"globalSecondaryIndexUpdates.{n}.member.create.onDemandThroughput",
                    ),
                    warm=parse_warm(
                        body.get("WarmThroughput"),
                        f"globalSecondaryIndexUpdates.{n}.member.create.warmThroughput",
                    ),
                )
                actions.append(lambda index=index: self._add_gsi(t, index))
        return actions

    def _throughput_change(
        self, t: TableState, throughput: tuple[int, int] | None
    ) -> Callable[[], None] | None:
        """Check a change of provisioned throughput against the daily decrease quota.

        Returns what records it once applied (None when nothing is recorded).
        """
        if throughput is None or t.throughput is None or throughput == t.throughput:
            return None
        now = self.cloud.now()
        decrease = throughput[0] < t.throughput[0] or throughput[1] < t.throughput[1]
        if not decrease:
            return lambda: setattr(t, "last_increase", now)
        last = t.last_decrease
        today = 0 if last is None or last.date() != now.date() else t.decreases_today
        lim = self.limits
        interval = timedelta(seconds=lim.throughput_decrease_interval_seconds)
        if today >= lim.throughput_decreases_anytime and last is not None and now - last < interval:
            raise LimitExceededException(
                msg.THROUGHPUT_DECREASES_LIMITED.format(
                    anytime=lim.throughput_decreases_anytime,
                    interval=lim.throughput_decrease_interval_seconds,
                    count=today,
                    last=_java_full(last),
                    next=_java_full(last + interval),
                )
            )

        def record() -> None:
            t.last_decrease = now
            t.decreases_today = today + 1

        return record

    @staticmethod
    def _update_gsi(
        t: TableState,
        iname: str,
        tp: tuple[int, int] | None,
        on_demand: dict[str, int] | None,
        warm: dict[str, int] | None,
    ) -> None:
        index = t.gsis[iname]
        if tp is not None:
            index.throughput = tp
        if on_demand is not None:
            index.on_demand = {**(index.on_demand or {}), **on_demand}
        if warm is not None:
            index.warm = {**(index.warm or {}), **warm}

    def _add_gsi(self, t: TableState, index: IndexDef) -> None:
        """Backfill a new GSI from the table (at once: indexes are ACTIVE immediately)."""
        for name, typ in ((index.hash_name, index.hash_type), (index.range_name, index.range_type)):
            if name is not None and typ is not None:
                t.attribute_types.setdefault(name, typ)
        from ._types import item_size

        for hk, rk, entry in t.store.scan():
            item = entry[0]
            key = index.entry_key(item, _items.table_sort(t, hk, rk), lambda v: v)
            if key is None:
                continue
            if any(
                n is not None and typ is not None and _items._ktype(item[n]) != typ
                for n, typ in (
                    (index.hash_name, index.hash_type),
                    (index.range_name, index.range_type),
                )
            ):
                continue  # DynamoDB reports such items as violations and skips them
            index.store.put(key[0], key[1], (item, index.projected_size(item, entry[1], item_size)))
        t.gsis[index.name] = index

    # -- tags ----------------------------------------------------------------------------------
    def _by_arn(self, resource_arn: Any) -> TableState:
        if not isinstance(resource_arn, str) or not resource_arn.startswith("arn:"):
            raise ValidationException(msg.INVALID_RESOURCE_ARN.format(arn=resource_arn))
        prefix = self._table_arn("")
        name = resource_arn[len(prefix) :] if resource_arn.startswith(prefix) else None
        t = self.tables.get(name) if name else None
        if t is None:
            raise ResourceNotFoundException(msg.RESOURCE_ARN_NOT_FOUND.format(arn=resource_arn))
        return t

    def tag_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        tags = parse_tags(require(request, "Tags"))
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"))
            limit = self.limits.max_tags_per_resource
            if len(t.tags.keys() | tags.keys()) > limit:
                raise ValidationException(msg.TAGS_TOO_MANY.format(limit=limit))
            t.tags.update(tags)
        return {}

    def untag_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        keys = require(request, "TagKeys")
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"))
            for k in keys:
                t.tags.pop(k, None)
        return {}

    def list_tags_of_resource(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            t = self._by_arn(require(request, "ResourceArn"))
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
        return _items.put_item(self.state, request, size)

    def get_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _items.get_item(self.state, request)

    def update_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _items.update_item(self.state, request)

    def delete_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _items.delete_item(self.state, request)

    def query(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _reads.query(self.state, request)

    def scan(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _reads.scan(self.state, request)

    def batch_get_item(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _batch.batch_get_item(self.state, request)

    def batch_write_item(
        self, request: Mapping[str, Any], sizes: Mapping[int, int] | None = None
    ) -> dict[str, Any]:
        return _batch.batch_write_item(self.state, request)

    def transact_write_items(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _transactions.transact_write_items(self.state, request)

    def transact_get_items(self, request: Mapping[str, Any]) -> dict[str, Any]:
        return _transactions.transact_get_items(self.state, request)

    # -- for people ----------------------------------------------------------------------------
    def _check(self) -> None:
        """Assert every table's and index's invariants."""
        with self.lock:
            for t in self.tables.values():
                check_table(t)

    def __repr__(self) -> str:
        return f"DynamoDB(region={self.region!r}, tables={sorted(self.tables)!r})"


def _java_full(moment: datetime) -> str:
    """A UTC instant as DynamoDB's messages write it (Java's full US style)."""
    hour = moment.hour % 12 or 12
    return (
        f"{moment:%A, %B} {moment.day}, {moment.year} at {hour}:{moment:%M:%S} "
        f"{'AM' if moment.hour < 12 else 'PM'} Coordinated Universal Time"
    )


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
