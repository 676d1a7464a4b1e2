"""Item operations: PutItem, GetItem, UpdateItem, DeleteItem, and the write path they share.

Requests reach these functions with native values (the client and resource layers
convert once). Each operation validates everything it can before taking the engine's
lock, then re-reads the item, evaluates its condition and commits under the lock, so
a request is atomic and a rejected request changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import _table_messages as msg
from ._capacity import Capacity, read_units, write_units
from ._changes import Change, same_item
from ._contention import refuse_if_in_flight
from ._errors import (
    ConditionalCheckFailedException,
    ItemCollectionSizeLimitExceededException,
    ValidationException,
    with_family,
)
from ._expressions import compile_request as _compile
from ._storage import Entry, partition_hash
from ._table import TableState
from ._types import item_size, item_to_wire, type_of, validate_key_value
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ._region import RegionTables

__all__ = [
    "Key",
    "check_collections",
    "collections_report",
    "commit",
    "compile_for",
    "delete_item",
    "get_item",
    "key_from_item",
    "key_from_request",
    "put_item",
    "update_item",
]

#: (partition key, sort key) of an item in a table's store (sort key None without one).
Key = tuple[Any, Any]

# In the order DynamoDB lists them in its enum constraint message (ExtendDB's capture
# from us-east-1, tests/test_wording_parity_validation.py).
RETURN_VALUES = ("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW")
RETURN_CONSUMED = ("INDEXES", "TOTAL", "NONE")
RETURN_METRICS = ("SIZE", "NONE")
ON_FAILURE = ("ALL_OLD", "NONE")
_MISSING: Any = object()
_GB = 1024**3
# In the order DynamoDB lists them in its "Can not use both expression and
# non-expression parameters" message (ExtendDB's dual-target tests/test_conditional_operator.py).
_LEGACY = (
    "AttributesToGet",
    "ScanFilter",
    "QueryFilter",
    "AttributeUpdates",
    "Expected",
    "ConditionalOperator",
    "KeyConditions",
)
_LEGACY_SET = frozenset(_LEGACY)
_EXPRESSION_PARAMS = (
    "ProjectionExpression",
    "FilterExpression",
    "KeyConditionExpression",
    "UpdateExpression",
    "ConditionExpression",
)


def _ktype(value: Any) -> str:
    t = type(value)
    if t is str:
        return "S"
    if t is Decimal:
        return "N"
    if t is bytes:
        return "B"
    return type_of(value)


def _check_key_value(t: TableState, name: str, value: Any, role: str, db: RegionTables) -> None:
    # Fast paths: a short non-empty string or binary cannot break the size limits, and a
    # valid number never exceeds 21 bytes.
    kind = type(value)
    if kind is str:
        if value and len(value) <= db.short_key_chars:
            return
    elif kind is Decimal:
        if db.numbers_fit_keys:
            return
    elif kind is bytes and value and len(value) <= db.short_key_bytes:
        return
    validate_key_value(name, value, role=role, limits=db.limits)


def key_from_item(db: RegionTables, t: TableState, item: Mapping[str, Any]) -> Key:
    """The store key of a whole item (PutItem), with DynamoDB's key errors."""
    hk = item.get(t.hash_name, _MISSING)
    if hk is _MISSING:
        raise ValidationException(msg.MISSING_KEY.format(key=t.hash_name))
    actual = _ktype(hk)
    if actual != t.hash_type:
        raise ValidationException(
            msg.KEY_TYPE_MISMATCH.format(key=t.hash_name, expected=t.hash_type, actual=actual)
        )
    _check_key_value(t, t.hash_name, hk, "HASH", db)
    if t.range_name is None:
        return hk, None
    rk = item.get(t.range_name, _MISSING)
    if rk is _MISSING:
        raise ValidationException(msg.MISSING_KEY.format(key=t.range_name))
    actual = _ktype(rk)
    if actual != t.range_type:
        raise ValidationException(
            msg.KEY_TYPE_MISMATCH.format(key=t.range_name, expected=t.range_type, actual=actual)
        )
    _check_key_value(t, t.range_name, rk, "RANGE", db)
    return hk, rk


def key_from_request(db: RegionTables, t: TableState, key: Any) -> Key:
    """The store key from a ``Key`` member: exactly the table's key attributes."""
    if not isinstance(key, Mapping) or len(key) != (1 if t.range_name is None else 2):
        raise ValidationException(msg.KEY_SCHEMA_MISMATCH)
    hk = key.get(t.hash_name, _MISSING)
    if hk is _MISSING or _ktype(hk) != t.hash_type:
        raise ValidationException(msg.KEY_SCHEMA_MISMATCH)
    _check_key_value(t, t.hash_name, hk, "HASH", db)
    if t.range_name is None:
        return hk, None
    rk = key.get(t.range_name, _MISSING)
    if rk is _MISSING or _ktype(rk) != t.range_type:
        raise ValidationException(msg.KEY_SCHEMA_MISMATCH)
    _check_key_value(t, t.range_name, rk, "RANGE", db)
    return hk, rk


def table_sort(t: TableState, hk: Any, rk: Any) -> tuple[Any, ...]:
    """The tie-break tuple an index orders entries of equal index keys by: the table's
    partition-key hash first, so ties come in the table's scan order (issue 13)."""
    return (partition_hash(hk), hk) if t.range_name is None else (partition_hash(hk), hk, rk)


def check_item(
    db: RegionTables, t: TableState, item: dict[str, Any], *, update: bool = False
) -> None:
    """Refuse an item whose secondary index keys have the wrong type or are empty.

    DynamoDB names the first index in alphabetical order among those the attribute
    keys, and words an empty key an update wrote its own way (the conformance suite's
    transactWriteItems captures, eu-west-2 2026). The order is sorted only once a
    check has failed, so a good write pays nothing for it.
    """
    try:
        for index in t.lsis.values():
            index.check_item(item, type_of)
        for index in t.gsis.values():
            index.check_item(item, type_of)
    except ValidationException as failed:
        err = _first_index_error(t, item) or failed
        if update and err.message.startswith(msg.INDEX_KEY_EMPTY.split("{", 1)[0]):
            kind = "binary" if "empty binary value" in err.message else "string"
            raise ValidationException(msg.UPDATE_INDEX_KEY_EMPTY.format(kind=kind)) from None
        raise err from None


def _first_index_error(t: TableState, item: dict[str, Any]) -> ValidationException | None:
    """The error of the alphabetically first index that refuses ``item``."""
    for index in sorted((*t.lsis.values(), *t.gsis.values()), key=lambda i: str(i.name)):
        try:
            index.check_item(item, type_of)
        except ValidationException as err:
            return err
    return None


def commit(
    db: RegionTables,
    t: TableState,
    key: Key,
    old: Entry | None,
    new: Entry | None,
    capacity: Capacity | None = None,
    *,
    transactional: bool = False,
    identity: str | None = None,
) -> None:
    """Write ``new`` (or delete, if None) under ``key`` and keep every index in step.

    The caller holds the engine lock and has validated everything. A table with
    watchers (``_changes``) hears of every write that changes the item; ``identity``
    is ``"dynamodb.amazonaws.com"`` for a deletion DynamoDB makes itself (TTL).
    """
    hk, rk = key
    store = t.store
    if new is None:
        store.remove(hk, rk)
    else:
        store.put(hk, rk, new, old)
    if t.watchers:
        _tell_watchers(db, t, key, old, new, identity)
    if t.lsis:
        delta = (new[1] if new else 0) - (old[1] if old else 0)
        if delta:
            size = t.collections.get(hk, 0) + delta
            if size:
                t.collections[hk] = size
            else:
                t.collections.pop(hk, None)
    if not t.gsis and not t.lsis:
        return
    tie = table_sort(t, hk, rk)
    for index in t.indexes():
        old_key = index.entry_key(old[0], tie, _identity) if old else None
        new_key = index.entry_key(new[0], tie, _identity) if new else None
        units = 0.0
        if old_key is not None and old_key != new_key:
            removed = index.store.remove(*old_key)
            if removed is not None:
                units += write_units(removed[1], transactional=transactional)
        if new is not None and new_key is not None:
            size = index.projected_size(new[0], new[1], item_size)
            replaced = index.store.put(new_key[0], new_key[1], (new[0], size))
            if replaced is None or replaced[0] is not new[0]:
                units += write_units(size, transactional=transactional)
        if capacity is not None and units:
            capacity.add_index(index.name, index.local, units)


def _identity(value: Any) -> Any:
    return value


def _tell_watchers(
    db: RegionTables,
    t: TableState,
    key: Key,
    old: Entry | None,
    new: Entry | None,
    identity: str | None,
) -> None:
    """Hand one ``Change`` to each of the table's watchers; a no-op write tells none."""
    old_item = old[0] if old else None
    new_item = new[0] if new else None
    if same_item(old_item, new_item):
        return
    # Positional (table, key, old, new, old_size, new_size, time, identity): an attrs
    # class builds from positions in half the time it takes from keywords.
    change = Change(
        t,
        key,
        old_item,
        new_item,
        old[1] if old else 0,
        new[1] if new else 0,
        db.clock.time(),
        identity,
    )
    for watcher in t.watchers:
        watcher(change)


def check_collection(
    db: RegionTables, t: TableState, hk: Any, old: Entry | None, size: int
) -> None:
    """Refuse a write that would grow an item collection past 10 GB (tables with LSIs)."""
    if not t.lsis:
        return
    grown = t.collections.get(hk, 0) + size - (old[1] if old else 0)
    if grown > db.limits.max_item_collection_bytes:
        raise ItemCollectionSizeLimitExceededException(msg.ITEM_COLLECTION_TOO_LARGE)


def check_collections(db: RegionTables, writes: list[tuple[TableState, Key, int]]) -> None:
    """Refuse a set of writes (a batch or a transaction) that together grow an item
    collection past its limit; ``writes`` holds ``(table, key, new size or 0)``."""
    growth: dict[tuple[str, Any], int] = {}
    for t, key, size in writes:
        if not t.lsis:
            continue
        old = t.store.get(*key)
        ident = (t.name, key[0])
        base = growth.get(ident, t.collections.get(key[0], 0))
        growth[ident] = base + size - (old[1] if old else 0)
        if growth[ident] > db.limits.max_item_collection_bytes:
            raise ItemCollectionSizeLimitExceededException(msg.ITEM_COLLECTION_TOO_LARGE)


def collections_report(
    writes: list[tuple[TableState, Key]], mode: str | None
) -> dict[str, list[dict[str, Any]]]:
    """ItemCollectionMetrics of a batch or transaction, per table (tables with LSIs)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if mode != "SIZE":
        return out
    seen: set[tuple[str, Any]] = set()
    for t, key in writes:
        if (t.name, key[0]) in seen:
            continue
        seen.add((t.name, key[0]))
        metrics = collection_metrics(t, key[0], mode)
        if metrics is not None:
            out.setdefault(t.name, []).append(metrics)
    return out


def collection_metrics(t: TableState, hk: Any, mode: str | None) -> dict[str, Any] | None:
    if mode != "SIZE" or not t.lsis:
        return None
    gb = t.collections.get(hk, 0) / _GB
    low = float(int(gb))
    return {
        "ItemCollectionKey": {t.hash_name: hk},
        "SizeEstimateRangeGB": [low, low + 1.0],
    }


def compile_for(
    t: TableState | None,
    request: Mapping[str, Any],
    *,
    condition: bool = False,
    update: bool = False,
    projection: bool = False,
    filter: bool = False,
    key_condition: bool = False,
    query_key: tuple[str, str | None] | None = None,
    limits: Any = None,
    operation: str | None = None,
) -> Any:
    """Compile the request's expressions (None when it has none)."""
    legacy = (
        None
        if _LEGACY_SET.isdisjoint(request)
        else [n for n in _LEGACY if request.get(n) is not None]
    )
    if legacy:
        expressions = [n for n in _EXPRESSION_PARAMS if request.get(n) is not None]
        if "KeyConditions" in legacy and "KeyConditionExpression" not in expressions:
            # DynamoDB lets the legacy key condition go with a projection or filter
            # expression (and Select); only the pairs that really conflict are refused.
            legacy.remove("KeyConditions")
        if expressions and legacy:
            raise with_family(
                ValidationException(
                    msg.MIXED_PARAMETERS.format(
                        legacy=", ".join(legacy), expressions=", ".join(expressions)
                    )
                ),
                "expression",
            )
        if "ConditionalOperator" in legacy:
            _conditional_operator(request)
    names = request.get("ExpressionAttributeNames")
    values = request.get("ExpressionAttributeValues")
    cond = request.get("ConditionExpression") if condition else None
    upd = request.get("UpdateExpression") if update else None
    proj = request.get("ProjectionExpression") if projection else None
    filt = request.get("FilterExpression") if filter else None
    keyc = request.get("KeyConditionExpression") if key_condition else None
    if (
        names is None
        and values is None
        and cond is None
        and upd is None
        and proj is None
        and filt is None
        and keyc is None
    ):
        return None
    try:
        return _compile(
            names=names,
            values=values,
            condition=cond,
            update=upd,
            projection=proj,
            filter=filt,
            key_condition=keyc,
            table_key=(t.hash_name, t.range_name) if t is not None else ("", None),
            query_key=query_key,
            limits=limits,
            operation=operation,
        )
    except ValidationException as err:
        with_family(err, "expression")
        raise


_OPTIONS = (
    "ReturnValues",
    "ReturnConsumedCapacity",
    "ReturnItemCollectionMetrics",
    "ReturnValuesOnConditionCheckFailure",
)


def _conditional_operator(request: Mapping[str, Any]) -> None:
    """ConditionalOperator joins two or more legacy conditions, or is refused (ExtendDB's
    dual-target tests/test_conditional_operator.py)."""
    given = [
        m
        for m in (request.get("Expected"), request.get("QueryFilter"), request.get("ScanFilter"))
        if m
    ]
    if not given:
        raise ValidationException(msg.CONDITIONAL_OPERATOR_ALONE)
    if all(isinstance(m, Mapping) and len(m) < 2 for m in given):
        raise ValidationException(msg.CONDITIONAL_OPERATOR_ONE)


def common_options(
    request: Mapping[str, Any], *, return_values: tuple[str, ...], first_only: bool = False
) -> None:
    """Check the Return* options of an item operation (enums, then what it allows).

    PutItem reports every bad enum together; UpdateItem (``first_only``) only the first
    (dynoxide's CHANGELOG, confirmed against DynamoDB in eu-west-2).
    """
    if not any(k in request for k in _OPTIONS):
        return
    c = Constraints()
    for member, path, allowed in (
        ("ReturnValues", "returnValues", RETURN_VALUES),
        ("ReturnConsumedCapacity", "returnConsumedCapacity", RETURN_CONSUMED),
        ("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", RETURN_METRICS),
        ("ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure", ON_FAILURE),
    ):
        c.enum(request.get(member), path, allowed)
        if first_only:
            c.raise_if_any()
    c.raise_if_any()
    rv = request.get("ReturnValues")
    if rv is not None and rv not in return_values:
        raise ValidationException(msg.RETURN_VALUES_PUT)


def condition_failed(old: Entry | None, on_failure: str | None) -> ConditionalCheckFailedException:
    if on_failure == "ALL_OLD" and old is not None:
        return ConditionalCheckFailedException(
            msg.CONDITIONAL_CHECK_FAILED, Item=item_to_wire(old[0])
        )
    return ConditionalCheckFailedException(msg.CONDITIONAL_CHECK_FAILED)


def refuse_key_updates(t: TableState, update: Any) -> None:
    """An update may not change the table's key attributes (checked once the table is known)."""
    for elements in update.updated_paths:
        if elements[0] in t.key_names:
            raise with_family(
                ValidationException(msg.UPDATE_KEY_ATTRIBUTE.format(key=elements[0])), "bare"
            )


def _legacy(name: str) -> Any:
    from ._expressions import legacy

    return getattr(legacy, name)


def _condition_of(request: Mapping[str, Any], compiled: Any) -> Any:
    if compiled is not None and compiled.condition is not None:
        return compiled.condition
    if request.get("Expected") is not None:
        return _legacy("expected_condition")(
            request["Expected"], request.get("ConditionalOperator")
        )
    return None


# -- operations ----------------------------------------------------------------------------------
def put_item(
    db: RegionTables, request: Mapping[str, Any], size: int | None = None
) -> dict[str, Any]:
    item = require(request, "Item")
    # The common case, TableName and Item only, skips every option. The request is
    # checked whole before the table is looked up (DynamoDB's order, issue 13).
    plain = len(request) <= 2
    condition = on_failure = rcc = None
    if not plain:
        common_options(request, return_values=("NONE", "ALL_OLD"))
        compiled = compile_for(None, request, condition=True, limits=db.limits, operation="PutItem")
        condition = _condition_of(request, compiled)
        on_failure = request.get("ReturnValuesOnConditionCheckFailure")
        rcc = request.get("ReturnConsumedCapacity")
    if size is None:
        size = item_size(item)
    if size > db.limits.max_item_size:
        raise ValidationException(msg.ITEM_TOO_LARGE)
    t = db.table_for(request.get("TableName"))
    key = key_from_item(db, t, item)
    with db.lock:
        if db.holds:
            refuse_if_in_flight(db, t.name, key)
        if t.gsis or t.lsis:
            check_item(db, t, item)
        old = t.store.get(*key)
        if condition is not None and not condition.evaluate(old[0] if old else None):
            raise condition_failed(old, on_failure)
        if t.lsis:
            check_collection(db, t, key[0], old, size)
        capacity = Capacity(t.name) if rcc else None
        commit(db, t, key, old, (item, size), capacity)
    response: dict[str, Any] = {}
    if plain:
        return response
    if old is not None and request.get("ReturnValues") == "ALL_OLD":
        response["Attributes"] = old[0]
    if capacity is not None:
        capacity.table = write_units(max(size, old[1] if old else 0))
        response["ConsumedCapacity"] = capacity.report(rcc)
    metrics = collection_metrics(t, key[0], request.get("ReturnItemCollectionMetrics"))
    if metrics is not None:
        response["ItemCollectionMetrics"] = metrics
    return response


def get_item(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    raw_key = require(request, "Key")
    if len(request) <= 2:  # TableName and Key only
        t = db.table_for(request.get("TableName"))
        entry = t.store.get(*key_from_request(db, t, raw_key))
        return {} if entry is None else {"Item": entry[0]}
    rcc = request.get("ReturnConsumedCapacity")
    projection = None
    if (
        request.get("ProjectionExpression") is not None
        or request.get("ExpressionAttributeNames") is not None
        or request.get("ExpressionAttributeValues") is not None
    ):
        compiled = compile_for(
            None, request, projection=True, limits=db.limits, operation="GetItem"
        )
        projection = compiled.projection if compiled is not None else None
    elif request.get("AttributesToGet") is not None:
        projection = _legacy("attributes_to_get")(request["AttributesToGet"])
    if rcc is not None:
        common_options(request, return_values=())
    t = db.table_for(request.get("TableName"))
    key = key_from_request(db, t, raw_key)
    consistent = request.get("ConsistentRead", False)
    entry = t.store.get(*key)
    response: dict[str, Any] = {}
    if entry is not None:
        response["Item"] = entry[0] if projection is None else projection.apply(entry[0])
    if rcc is not None and rcc != "NONE":
        capacity = Capacity(t.name)
        capacity.table = read_units(entry[1] if entry else 0, consistent=bool(consistent))
        response["ConsumedCapacity"] = capacity.report(rcc)
    return response


def delete_item(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    raw_key = require(request, "Key")
    common_options(request, return_values=("NONE", "ALL_OLD"))
    compiled = compile_for(None, request, condition=True, limits=db.limits, operation="DeleteItem")
    condition = _condition_of(request, compiled)
    t = db.table_for(request.get("TableName"))
    key = key_from_request(db, t, raw_key)
    on_failure = request.get("ReturnValuesOnConditionCheckFailure")
    rcc = request.get("ReturnConsumedCapacity")
    capacity = Capacity(t.name)
    with db.lock:
        if db.holds:
            refuse_if_in_flight(db, t.name, key)
        old = t.store.get(*key)
        if condition is not None and not condition.evaluate(old[0] if old else None):
            raise condition_failed(old, on_failure)
        if old is not None:
            commit(db, t, key, old, None, capacity)
    response: dict[str, Any] = {}
    if old is not None and request.get("ReturnValues") == "ALL_OLD":
        response["Attributes"] = old[0]
    if rcc is not None and rcc != "NONE":
        capacity.table = write_units(old[1] if old else 0)
        response["ConsumedCapacity"] = capacity.report(rcc)
    metrics = collection_metrics(t, key[0], request.get("ReturnItemCollectionMetrics"))
    if metrics is not None:
        response["ItemCollectionMetrics"] = metrics
    return response


def apply_update(
    db: RegionTables,
    t: TableState,
    key: Key,
    key_item: Mapping[str, Any],
    old: Entry | None,
    update: Any,
) -> tuple[dict[str, Any], int, Any]:
    """The new item and its size after ``update``; validates the result fully."""
    base = old[0] if old is not None else key_item
    if update is None:
        new = dict(base)
        touched: frozenset[str] = frozenset()
    else:
        new, touched = update.apply(base)  # a new dict: ``base`` is never changed
    for name in t.key_names:
        if name in touched:
            raise ValidationException(msg.UPDATE_KEY_ATTRIBUTE.format(key=name))
    if old is not None and touched and len(touched) * 2 < len(new):
        # Only the touched attributes changed: adjust the stored size by theirs.
        size = old[1]
        before = old[0]
        for name in touched:
            if name in before:
                size -= item_size({name: before[name]})
            if name in new:
                size += item_size({name: new[name]})
    else:
        size = item_size(new)
    if size > db.limits.max_item_size:
        raise ValidationException(msg.UPDATE_TOO_LARGE)
    if t.gsis or t.lsis:
        check_item(db, t, new, update=True)
    return new, size, touched


def _updated(
    item: Mapping[str, Any] | None, update: Any, touched: frozenset[str]
) -> dict[str, Any]:
    if item is None:
        return {}
    pick = getattr(update, "select", None)
    if pick is not None:
        return dict(pick(item))
    return {k: item[k] for k in touched if k in item}


def update_item(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    raw_key = require(request, "Key")
    common_options(request, return_values=RETURN_VALUES, first_only=True)
    compiled = compile_for(
        None, request, condition=True, update=True, limits=db.limits, operation="UpdateItem"
    )
    condition = _condition_of(request, compiled)
    update = compiled.update if compiled is not None else None
    if update is None and request.get("AttributeUpdates") is not None:
        update = _legacy("attribute_updates")(request["AttributeUpdates"])
    t = db.table_for(request.get("TableName"))
    key = key_from_request(db, t, raw_key)
    if update is not None:
        refuse_key_updates(t, update)
    rcc = request.get("ReturnConsumedCapacity")
    capacity = Capacity(t.name) if rcc is not None and rcc != "NONE" else None
    with db.lock:
        if db.holds:
            refuse_if_in_flight(db, t.name, key)
        old = t.store.get(*key)
        if condition is not None and not condition.evaluate(old[0] if old else None):
            raise condition_failed(old, request.get("ReturnValuesOnConditionCheckFailure"))
        new, size, touched = apply_update(db, t, key, raw_key, old, update)
        # Only REMOVE/DELETE actions on a missing item make nothing (issue 13).
        made = old is not None or update is None or update.creates_item
        if made:
            if t.lsis:
                check_collection(db, t, key[0], old, size)
            commit(db, t, key, old, (new, size), capacity)
    response: dict[str, Any] = {}
    rv = request.get("ReturnValues", "NONE")
    if rv == "ALL_NEW":
        if made:
            response["Attributes"] = new
    elif rv == "ALL_OLD" and old is not None:
        response["Attributes"] = old[0]
    elif rv == "UPDATED_NEW" and made:
        picked = _updated(new, update, touched)
        if picked:
            response["Attributes"] = picked
    elif rv == "UPDATED_OLD":
        picked = _updated(old[0] if old else None, update, touched)
        if picked:
            response["Attributes"] = picked
    if capacity is not None:
        capacity.table = write_units(max(size, old[1] if old else 0))
        response["ConsumedCapacity"] = capacity.report(rcc)
    if t.lsis:
        metrics = collection_metrics(t, key[0], request.get("ReturnItemCollectionMetrics"))
        if metrics is not None:
            response["ItemCollectionMetrics"] = metrics
    return response
