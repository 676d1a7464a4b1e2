"""What a restore builds: the new table's CreateTable request, and its items.

A restore (from a backup or to a point in time) makes an ordinary table. Its definition
is recorded as a CreateTable request (``definition_of``: keys, attribute types, billing
and throughput, indexes, encryption, on-demand maxima; never tags, streams, TTL, PITR,
table class or deletion protection, which a restore drops). ``restore_request`` applies
the request's overrides to it with DynamoDB's checks; the engine then parses the result
with ``parse_create_table`` (every CreateTable check, for free) and ``fill`` loads the
items through the one write path, so the new table's indexes are built as for any write.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from . import _backup_messages as msg
from ._errors import ValidationException
from ._items import table_sort
from ._storage import Store
from ._table import TableState, refuse_unemulated
from ._types import item_size
from ._validation import Constraints

__all__ = ["definition_of", "epoch_of", "fill", "restore_request", "source_details"]

#: Restore members whose effect pyserverless does not emulate (refused when given).
UNEMULATED = ("VectorIndexOverride",)


def _throughput(units: tuple[int, int]) -> dict[str, int]:
    return {"ReadCapacityUnits": units[0], "WriteCapacityUnits": units[1]}


def definition_of(t: TableState) -> dict[str, Any]:
    """The CreateTable request (without ``TableName``) a restore of ``t`` starts from."""
    d: dict[str, Any] = {
        "KeySchema": t.key_schema(),
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": ty} for n, ty in t.attribute_types.items()
        ],
        "BillingMode": t.billing_mode,
    }
    if t.throughput is not None:
        d["ProvisionedThroughput"] = _throughput(t.throughput)
    if t.gsis:
        gsis = []
        for i in t.gsis.values():
            g: dict[str, Any] = {
                "IndexName": i.name,
                "KeySchema": i.describe()["KeySchema"],
                "Projection": i.projection.describe(),
            }
            if i.throughput is not None:
                g["ProvisionedThroughput"] = _throughput(i.throughput)
            if i.on_demand is not None:
                g["OnDemandThroughput"] = dict(i.on_demand)
            gsis.append(g)
        d["GlobalSecondaryIndexes"] = gsis
    if t.lsis:
        d["LocalSecondaryIndexes"] = [
            {
                "IndexName": i.name,
                "KeySchema": i.describe()["KeySchema"],
                "Projection": i.projection.describe(),
            }
            for i in t.lsis.values()
        ]
    if t.sse_key_arn is not None:
        d["SSESpecification"] = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": t.sse_key_arn}
    if t.on_demand is not None:
        d["OnDemandThroughput"] = dict(t.on_demand)
    return d


def source_details(t: TableState) -> dict[str, Any]:
    """``SourceTableDetails`` of a backup of ``t`` (PAY_PER_REQUEST shows 0/0 units)."""
    read, write = t.throughput or (0, 0)
    out: dict[str, Any] = {
        "TableName": t.name,
        "TableId": t.table_id,
        "TableArn": t.arn,
        "TableSizeBytes": t.store.size_bytes,
        "KeySchema": t.key_schema(),
        "TableCreationDateTime": t.created,
        "ProvisionedThroughput": {"ReadCapacityUnits": read, "WriteCapacityUnits": write},
    }
    if t.on_demand is not None:
        out["OnDemandThroughput"] = dict(t.on_demand)
    out["ItemCount"] = t.store.count
    out["BillingMode"] = t.billing_mode
    return out


def restore_request(
    definition: Mapping[str, Any], request: Mapping[str, Any], target: str
) -> dict[str, Any]:
    """The CreateTable request of a restore: ``definition`` with the overrides applied.

    Checks the overrides as DynamoDB does (billing mode against throughput, index
    overrides against the source's indexes) and raises before anything is built.
    """
    refuse_unemulated(request, UNEMULATED)
    out = dict(definition)
    out["TableName"] = target
    billing = request.get("BillingModeOverride")
    throughput = request.get("ProvisionedThroughputOverride")
    effective = billing or definition["BillingMode"]
    if throughput is not None and effective != "PROVISIONED":
        raise ValidationException(msg.THROUGHPUT_NEEDS_PROVISIONED)
    if billing == "PROVISIONED" and throughput is None and definition["BillingMode"] != billing:
        raise ValidationException(msg.PROVISIONED_NEEDS_THROUGHPUT)
    gsis = _indexes(definition, request, "GlobalSecondaryIndexes", "GlobalSecondaryIndexOverride")
    lsis = _indexes(definition, request, "LocalSecondaryIndexes", "LocalSecondaryIndexOverride")
    out["BillingMode"] = effective
    if effective == "PAY_PER_REQUEST":
        out.pop("ProvisionedThroughput", None)
        gsis = [{k: v for k, v in g.items() if k != "ProvisionedThroughput"} for g in gsis]
    elif throughput is not None:
        out["ProvisionedThroughput"] = dict(throughput)
        # A GSI that had no units (a PAY_PER_REQUEST source) takes the table's. [?]
        gsis = [{"ProvisionedThroughput": dict(throughput), **g} for g in gsis]
    if effective == "PROVISIONED":
        out.pop("OnDemandThroughput", None)
        gsis = [{k: v for k, v in g.items() if k != "OnDemandThroughput"} for g in gsis]
    if request.get("OnDemandThroughputOverride") is not None:
        out["OnDemandThroughput"] = dict(request["OnDemandThroughputOverride"])
    if request.get("SSESpecificationOverride") is not None:
        out["SSESpecification"] = dict(request["SSESpecificationOverride"])
    _set(out, "GlobalSecondaryIndexes", gsis)
    _set(out, "LocalSecondaryIndexes", lsis)
    out["AttributeDefinitions"] = _used_definitions(out)
    return out


def _set(out: dict[str, Any], member: str, indexes: list[dict[str, Any]]) -> None:
    if indexes:
        out[member] = indexes
    else:
        out.pop(member, None)


def _indexes(
    definition: Mapping[str, Any], request: Mapping[str, Any], member: str, override: str
) -> list[dict[str, Any]]:
    """The indexes restored: the source's, or those of the override (each matching one of
    the source's by key schema and projection; renaming is allowed)."""
    source: list[dict[str, Any]] = list(definition.get(member) or ())
    given = request.get(override)
    if given is None:
        return source
    if not isinstance(given, list):
        c = Constraints()
        c.add(given, override[0].lower() + override[1:], "Member must be a list")
        c.raise_if_any()
    chosen = []
    for spec in given:
        if not isinstance(spec, Mapping):
            raise ValidationException(msg.INDEX_NOT_IN_SOURCE.format(index=spec))
        match = [s for s in source if _same_shape(s, spec)]
        if not match:
            raise ValidationException(msg.INDEX_NOT_IN_SOURCE.format(index=spec.get("IndexName")))
        chosen.append(dict(spec))
    return chosen


def _same_shape(source: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    projection = spec.get("Projection")
    if not isinstance(projection, Mapping):
        return False
    wanted: dict[str, Any] = {"ProjectionType": projection.get("ProjectionType", "ALL")}
    if projection.get("NonKeyAttributes"):
        wanted["NonKeyAttributes"] = list(projection["NonKeyAttributes"])
    return bool(source["KeySchema"] == spec.get("KeySchema") and source["Projection"] == wanted)


def _used_definitions(request: Mapping[str, Any]) -> list[dict[str, str]]:
    """The attribute definitions the table and its remaining indexes use."""
    used = {e["AttributeName"] for e in request["KeySchema"]}
    for member in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        for index in request.get(member) or ():
            for e in index.get("KeySchema") or ():
                if isinstance(e, Mapping):
                    used.add(e.get("AttributeName"))
    return [d for d in request["AttributeDefinitions"] if d["AttributeName"] in used]


def fill(db: Any, t: TableState, content: Mapping[tuple[Any, Any], Any]) -> None:
    """Load ``key -> (item, size)`` into the new, empty table ``t`` and its indexes.

    Everything is loaded in bulk: each partition's keys (of the table and of each index)
    are sorted once rather than inserted one by one. The entries are those the write
    path (``_items.commit``) would have made; ``check_table`` holds after.
    """
    _bulk_load(t.store, content)
    indexes = t.indexes()
    if indexes:
        ties = _ties(t, content)
        for index in indexes:
            entries = {}
            for (item, size), tie in zip(content.values(), ties, strict=True):
                found = index.entry_key(item, tie, _as_is)
                if found is not None:
                    entries[found] = (item, index.projected_size(item, size, item_size))
            _bulk_load(index.store, entries)
    if t.lsis:
        collections = t.collections
        for (hk, _rk), (_item, size) in content.items():
            collections[hk] = collections.get(hk, 0) + size


def _ties(t: TableState, content: Mapping[tuple[Any, Any], Any]) -> list[tuple[Any, ...]]:
    """``_items.table_sort`` of every key, in ``content`` order, hashing each partition
    key once (the hash is an MD5: the per-item cost of a restore with indexes)."""
    hashes: dict[Any, int] = {}
    out = []
    for hk, rk in content:
        h = hashes.get(hk)
        if h is None:
            h = hashes[hk] = table_sort(t, hk, rk)[0]
        out.append((h, hk) if t.range_name is None else (h, hk, rk))
    return out


def _as_is(value: Any) -> Any:
    return value


def _bulk_load(store: Store, content: Mapping[tuple[Any, Any], Any]) -> None:
    """Fill an empty ``Store`` with ``(partition key, sort key) -> entry`` at once."""
    assert not store.parts
    assert store.count == 0
    if not store.sorted:
        store.parts = {hk: entry for (hk, _sk), entry in content.items()}
    else:
        grouped: dict[Any, dict[Any, Any]] = {}
        for (hk, sk), entry in content.items():
            part = grouped.get(hk)
            if part is None:
                part = grouped[hk] = {}
            part[sk] = entry
        store.parts = {hk: SortedDict(part) for hk, part in grouped.items()}
    store.count = len(content)
    store.size_bytes = sum(entry[1] for entry in content.values())
    store._pending.extend(store.parts)


def epoch_of(value: Any, path: str) -> float:
    """Epoch seconds of a timestamp member: a datetime, epoch seconds, or ISO 8601 text."""
    try:
        if isinstance(value, datetime):
            moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
            return moment.timestamp()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            seconds = float(value)
            if math.isfinite(seconds):
                datetime.fromtimestamp(seconds, UTC)
                return seconds
        elif isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                return epoch_of(datetime.fromisoformat(value.replace("Z", "+00:00")), path)
            return epoch_of(number, path)
    except (ValueError, OverflowError, OSError):
        pass
    raise ValidationException(f"Invalid timestamp for '{path}': {value!r}")


def when_text(epoch: float) -> str:
    """A time as DynamoDB quotes it in messages (ISO 8601, seconds, Z)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
