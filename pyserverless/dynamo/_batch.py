"""BatchGetItem and BatchWriteItem.

BatchGetItem reads up to 100 keys across tables and returns what fits in 16 MB; the
rest comes back in ``UnprocessedKeys``. BatchWriteItem puts and deletes up to 25 items
across tables, each atomically on its own, with no conditions; every request is
validated before any is applied. Duplicate keys in one table are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _table_messages as msg
from ._capacity import Capacity, read_units, write_units
from ._errors import ValidationException
from ._items import (
    Key,
    check_collections,
    check_item,
    collections_report,
    commit,
    compile_for,
    key_from_item,
    key_from_request,
)
from ._messages import KEY_TYPE_MISMATCH
from ._storage import Entry
from ._table import TableState
from ._types import item_size
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ._region import RegionTables

__all__ = ["batch_get_item", "batch_write_item"]


def _legacy(name: str) -> Any:
    from ._expressions import legacy

    return getattr(legacy, name)


def _request_items(request: Mapping[str, Any], empty: str) -> Mapping[str, Any]:
    items = require(request, "RequestItems")
    if not items:
        raise ValidationException(empty)
    return items  # type: ignore[no-any-return]


def _put_key(db: RegionTables, t: TableState, item: Any) -> Key:
    """A put request's key; a key of the wrong type is the schema error in a batch
    (dynoxide's CHANGELOG #97, confirmed against DynamoDB), unlike PutItem's words."""
    try:
        return key_from_item(db, t, item)
    except ValidationException as err:
        if err.message.startswith(_TYPE_MISMATCH):
            raise ValidationException(msg.KEY_SCHEMA_MISMATCH) from None
        raise


_TYPE_MISMATCH = KEY_TYPE_MISMATCH.split("{", 1)[0]


def _refuse_mixed_projections(items: Mapping[str, Any]) -> None:
    """A ProjectionExpression on one table and AttributesToGet on another are refused
    together, as within one table (the conformance suite's batchGetItem capture;
    dynoxide's CHANGELOG, confirmed in eu-west-2)."""
    legacy = any(spec.get("AttributesToGet") is not None for spec in items.values())
    expression = any(spec.get("ProjectionExpression") is not None for spec in items.values())
    if legacy and expression:
        raise ValidationException(
            msg.MIXED_PARAMETERS.format(
                legacy="AttributesToGet", expressions="ProjectionExpression"
            )
        )


def _refuse_repeated_keys(keys: Any) -> None:
    """Keys written twice alike are refused before the table is looked up (ExtendDB's
    capture from us-east-1: "duplicates", not ResourceNotFoundException); keys that
    differ only outside the key schema are caught against the schema afterwards."""
    seen = set()
    for key in keys:
        try:
            frozen = frozenset((name, type(v), v) for name, v in key.items())
        except (AttributeError, TypeError):  # not a map of scalars: the schema check says
            continue
        if frozen in seen:
            raise ValidationException(msg.DUPLICATE_KEYS)
        seen.add(frozen)


def batch_get_item(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    items = _request_items(request, msg.BATCH_GET_EMPTY)
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    c.raise_if_any()
    for name, spec in items.items():
        if len(spec.get("Keys") or ()) > db.limits.max_batch_get_keys:
            raise ValidationException(msg.BATCH_GET_TABLE_TOO_MANY.format(table=name))
    total = sum(len(spec.get("Keys") or ()) for spec in items.values())
    if total > db.limits.max_batch_get_keys:
        raise ValidationException(msg.BATCH_GET_TOO_MANY)
    _refuse_mixed_projections(items)
    # Each table's request first (its projection), then the tables, then the keys.
    projections = {}
    for name, spec in items.items():
        require(spec, "Keys")
        compiled = compile_for(None, spec, projection=True)
        projection = compiled.projection if compiled is not None else None
        if projection is None and spec.get("AttributesToGet") is not None:
            projection = _legacy("attributes_to_get")(spec["AttributesToGet"])
        projections[name] = projection
        _refuse_repeated_keys(spec["Keys"])
    tables = {name: db.table_for(name) for name in items}
    plans = []
    for name, spec in items.items():
        t = tables[name]
        located = []
        seen = set()
        for key in spec["Keys"]:
            k = key_from_request(db, t, key)
            if k in seen:
                raise ValidationException(msg.DUPLICATE_KEYS)
            seen.add(k)
            located.append((key, k))
        plans.append((name, t, spec, located, projections[name]))

    budget = db.limits.max_batch_get_bytes
    per_partition = db.limits.max_batch_get_partition_bytes
    used = 0
    # Bytes read from each partition (table, partition key) in this call: past 1 MB
    # from one partition, DynamoDB leaves the rest of its keys unprocessed.
    from_partition: dict[tuple[str, Any], int] = {}
    responses: dict[str, list[dict[str, Any]]] = {}
    unprocessed: dict[str, Any] = {}
    consumed = []
    with db.lock:
        for name, t, spec, located, projection in plans:
            out = responses.setdefault(name, [])
            capacity = Capacity(t.name)
            consistent = bool(spec.get("ConsistentRead", False))
            left = []
            for raw, key in located:
                entry = t.store.get(*key)
                size = entry[1] if entry else 0
                part = (t.name, key[0])
                read = from_partition.get(part, 0)
                if used + size > budget or read + size > per_partition:
                    left.append(raw)
                    continue
                used += size
                from_partition[part] = read + size
                capacity.table += read_units(size, consistent=consistent)
                if entry is not None:
                    item = entry[0]
                    out.append(item if projection is None else projection.apply(item))
            if left:
                rest = {k: v for k, v in spec.items() if k != "Keys"}
                rest["Keys"] = left
                unprocessed[name] = rest
            report = capacity.report(rcc)
            if report is not None:
                consumed.append(report)
    response: dict[str, Any] = {"Responses": responses, "UnprocessedKeys": unprocessed}
    if consumed:
        response["ConsumedCapacity"] = consumed
    return response


def batch_write_item(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    items = _request_items(request, msg.BATCH_WRITE_EMPTY)
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    c.enum(
        request.get("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", ("SIZE", "NONE")
    )
    c.raise_if_any()
    plans = _parse_writes(db, items)
    capacities: dict[str, Capacity] = {}
    with db.lock:
        check_collections(db, [(t, key, new[1] if new else 0) for t, key, new in plans])
        for t, key, new in plans:
            old = t.store.get(*key)
            capacity = capacities.setdefault(t.name, Capacity(t.name))
            if new is None and old is None:
                capacity.table += write_units(0)
                continue
            commit(db, t, key, old, new, capacity)
            capacity.table += write_units(max(new[1] if new else 0, old[1] if old else 0))
        metrics = collections_report(
            [(t, key) for t, key, _new in plans], request.get("ReturnItemCollectionMetrics")
        )
    response: dict[str, Any] = {"UnprocessedItems": {}}
    if rcc is not None and rcc != "NONE":
        response["ConsumedCapacity"] = [cap.report(rcc) for cap in capacities.values()]
    if metrics:
        response["ItemCollectionMetrics"] = metrics
    return response


def _parse_writes(
    db: RegionTables, items: Mapping[str, Any]
) -> list[tuple[TableState, Key, Entry | None]]:
    """Check every put and delete: ``(table, key, (item, size) or None)`` for each."""
    total = sum(len(reqs or ()) for reqs in items.values())
    limit = db.limits.max_batch_write_requests
    for name, reqs in items.items():
        if not reqs or len(reqs) > limit:
            raise ValidationException(msg.BATCH_WRITE_TOO_MANY.format(value=name))
    if total > limit:
        raise ValidationException(msg.BATCH_WRITE_TOO_MANY.format(value="requestItems"))
    # Every request's own checks first (shape, item size, the 16 MB), then the tables
    # (ResourceNotFoundException), then the keys against each table's schema.
    checked: list[tuple[str, Any, int | None]] = []
    request_bytes = 0
    for name, reqs in items.items():
        for n, req in enumerate(reqs, 1):
            put = req.get("PutRequest")
            delete = req.get("DeleteRequest")
            if (put is None) == (delete is None):
                raise ValidationException(msg.BATCH_WRITE_EMPTY_REQUEST.format(table=name, n=n))
            if put is not None:
                item = require(put, "Item")
                item_bytes = item_size(item)
                if item_bytes > db.limits.max_item_size:
                    raise ValidationException(msg.ITEM_TOO_LARGE)
                request_bytes += item_bytes
                checked.append((name, item, item_bytes))
            else:
                checked.append((name, require(delete, "Key"), None))
    if request_bytes > db.limits.max_batch_write_bytes:
        raise ValidationException(msg.ITEM_TOO_LARGE)
    tables = {name: db.table_for(name) for name in items}
    plans: list[tuple[TableState, Key, Entry | None]] = []
    seen: set[tuple[str, Key]] = set()
    for name, payload, size in checked:
        t = tables[name]
        if size is not None:
            key = _put_key(db, t, payload)
            check_item(db, t, payload)
            plans.append((t, key, (payload, size)))
        else:
            key = key_from_request(db, t, payload)
            plans.append((t, key, None))
        if (name, key) in seen:
            raise ValidationException(msg.DUPLICATE_KEYS)
        seen.add((name, key))
    return plans
