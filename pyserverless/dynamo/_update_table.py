"""UpdateTable, as parse then apply.

Parsing has two steps, both free of effects: ``parse_update_request`` checks what the
request says on its own (constraints, settings, that something changes);
``plan_update`` checks it against the table, under the engine's lock, in the order
DynamoDB reports problems, and returns a frozen ``UpdateTablePlan``.
``apply_update`` then changes the table and cannot fail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from . import _table_messages as msg
from ._create_table import IndexPlan, check_table_class
from ._errors import LimitExceededException, ResourceNotFoundException, ValidationException
from ._items import _ktype, table_sort
from ._limits import DynamoDBLimits
from ._settings import parse_on_demand, parse_sse, parse_warm
from ._table import (
    BILLING_MODES,
    STREAM_VIEW_TYPES,
    TableState,
    _stream,
    parse_gsi,
    parse_throughput,
    refuse_unemulated,
    stream_label,
)
from ._types import item_size
from ._validation import Constraints, require

__all__ = ["UpdateTablePlan", "apply_update", "parse_update_request", "plan_update"]

#: UpdateTable members whose effect pyserverless does not emulate (refused when given).
UNEMULATED = (
    "GlobalTableSettingsReplicationMode",
    "DisassociationProtectionEnabled",
    "VectorIndexUpdates",
)
_CHANGES = (
    "ProvisionedThroughput",
    "BillingMode",
    "StreamSpecification",
    "GlobalSecondaryIndexUpdates",
    "SSESpecification",
    "TableClass",
    "DeletionProtectionEnabled",
    "OnDemandThroughput",
    "WarmThroughput",
)
Units = Mapping[str, int]


@attrs.frozen
class UpdateRequest:
    """What an UpdateTable request asks for, checked on its own."""

    request: Mapping[str, Any]
    throughput: tuple[int, int] | None
    sse: tuple[bool, str | None] | None
    on_demand: Units | None
    warm: Units | None


@attrs.frozen
class GsiDelete:
    name: str


@attrs.frozen
class GsiUpdate:
    name: str
    throughput: tuple[int, int] | None
    on_demand: Units | None
    warm: Units | None


@attrs.frozen
class GsiCreate:
    index: IndexPlan
    #: The declared type of each of the index's key attributes.
    types: Mapping[str, str]


GsiAction = GsiDelete | GsiUpdate | GsiCreate


@attrs.frozen
class ThroughputRecord:
    """What a change of provisioned throughput records: an increase or a decrease."""

    decrease: bool
    decreases_today: int


@attrs.frozen
class UpdateTablePlan:
    """An UpdateTable request that passed every check, ready to apply."""

    billing: str
    throughput: tuple[int, int] | None
    record: ThroughputRecord | None
    gsi_actions: tuple[GsiAction, ...]
    #: ``(StreamSpecification, new label or None)`` when the stream changes.
    stream: tuple[Mapping[str, Any] | None, str | None] | None
    table_class: str | None
    class_changes: tuple[datetime, ...]
    deletion_protection: bool | None
    #: ``(enabled, KMS key)`` when the encryption changes.
    sse: tuple[bool, str | None] | None
    on_demand: Units | None
    warm: Units | None


def parse_update_request(request: Mapping[str, Any]) -> UpdateRequest:
    """The checks that need no table: constraints, settings, and that something changes."""
    c = Constraints()
    c.enum(request.get("BillingMode"), "billingMode", BILLING_MODES)
    throughput = parse_throughput(request.get("ProvisionedThroughput"), "provisionedThroughput", c)
    c.raise_if_any()
    check_table_class(request.get("TableClass"))
    refuse_unemulated(request, UNEMULATED)
    sse = parse_sse(request.get("SSESpecification"), "sSESpecification")
    on_demand = parse_on_demand(request.get("OnDemandThroughput"), "onDemandThroughput")
    warm = parse_warm(request.get("WarmThroughput"), "warmThroughput")
    if not any(request.get(k) is not None for k in _CHANGES):
        consistency = "" if request.get("MultiRegionConsistency") else "MultiRegionConsistency, "
        raise ValidationException(msg.UPDATE_TABLE_NOTHING.format(consistency=consistency))
    if request.get("GlobalSecondaryIndexUpdates") == []:
        raise ValidationException(msg.GSI_UPDATES_EMPTY)
    _one_concern(request)
    return UpdateRequest(request, throughput, sse, on_demand, warm)


_EXCLUSIVE = (
    ("SSESpecification", msg.UPDATE_ONLY_SSE),
    ("TableClass", msg.UPDATE_ONLY_TABLE_CLASS),
    ("DeletionProtectionEnabled", msg.UPDATE_ONLY_DELETION_PROTECTION),
)


def _one_concern(request: Mapping[str, Any]) -> None:
    """UpdateTable changes one thing per call: only billing-centred pairs combine.

    DynamoDB's answers (ack-api-quirks DDB-TABLE-382/433/174, 2026-10): SSE, TableClass
    and DeletionProtection go alone (named in that order), OnDemandThroughput goes only
    with BillingMode, WarmThroughput alone, and a stream change or an index Create or
    Delete never with a change of provisioned throughput.
    """
    present = {k for k in _CHANGES if request.get(k) is not None}
    if len(present) < 2:
        return
    for member, text in _EXCLUSIVE:
        if member in present:
            raise ValidationException(text)
    if "OnDemandThroughput" in present and present - {"OnDemandThroughput", "BillingMode"}:
        raise ValidationException(msg.UPDATE_ON_DEMAND_WITH_BILLING_ONLY)
    updates = [
        u for u in request.get("GlobalSecondaryIndexUpdates") or [] if isinstance(u, Mapping)
    ]
    creates = any(u.get("Create") is not None for u in updates)
    if "WarmThroughput" in present:
        raise ValidationException(
            msg.UPDATE_WARM_WITH_GSI_CREATE if creates else msg.UPDATE_ONLY_WARM
        )
    stream = "StreamSpecification" in present
    reshapes = creates or any(u.get("Delete") is not None for u in updates)
    if reshapes and "ProvisionedThroughput" in present:
        raise ValidationException(msg.UPDATE_INDEX_WITH_IOPS)
    if reshapes and stream:
        raise ValidationException(msg.UPDATE_INDEX_WITH_STREAM)
    if stream and (
        "ProvisionedThroughput" in present or request.get("BillingMode") == "PROVISIONED"
    ):
        raise ValidationException(msg.UPDATE_STREAM_WITH_IOPS)


def plan_update(
    t: TableState, req: UpdateRequest, *, limits: DynamoDBLimits, now: datetime
) -> UpdateTablePlan:
    """Check the request against table ``t``; the plan of the change (``t`` is unchanged)."""
    request, throughput = req.request, req.throughput
    billing = request.get("BillingMode", t.billing_mode)
    _check_billing(t, request, billing, throughput)
    gsi_actions = _gsi_actions(t, request, billing, limits)
    if billing == "PROVISIONED" and t.billing_mode == "PAY_PER_REQUEST":
        given = {
            (u.get("Update") or u.get("Delete") or {}).get("IndexName")
            for u in request.get("GlobalSecondaryIndexUpdates") or []
        }
        for iname in t.gsis:
            if iname not in given:
                raise ValidationException(msg.GSI_NEEDS_THROUGHPUT.format(index=iname))
    record = _throughput_record(t, throughput if billing == "PROVISIONED" else None, limits, now)
    table_class = request.get("TableClass")
    class_changes = tuple(t.table_class_changes)
    if table_class is not None and table_class != (t.table_class or "STANDARD"):
        window = timedelta(days=limits.table_class_update_days)
        class_changes = (*(at for at in class_changes if now - at < window), now)
        if len(class_changes) > limits.table_class_updates:
            raise LimitExceededException(
                msg.TABLE_CLASS_UPDATES_LIMITED.format(
                    limit=limits.table_class_updates, days=limits.table_class_update_days
                )
            )
    stream = _stream_change(t, request.get("StreamSpecification"), now)
    _check_sse(t, req.sse)
    protection = request.get("DeletionProtectionEnabled")
    return UpdateTablePlan(
        billing=billing,
        throughput=throughput,
        record=record,
        gsi_actions=gsi_actions,
        stream=stream,
        table_class=table_class,
        class_changes=class_changes,
        deletion_protection=None if protection is None else bool(protection),
        sse=req.sse,
        on_demand=req.on_demand,
        warm=req.warm,
    )


def _check_billing(
    t: TableState, request: Mapping[str, Any], billing: str, throughput: tuple[int, int] | None
) -> None:
    if billing == "PAY_PER_REQUEST" and throughput is not None:
        raise ValidationException(msg.PAY_PER_REQUEST_NO_THROUGHPUT)
    if billing == "PROVISIONED" and t.billing_mode == "PAY_PER_REQUEST" and throughput is None:
        raise ValidationException(msg.UPDATE_PROVISIONED_NEEDS_THROUGHPUT)
    if (
        throughput is not None
        and throughput == t.throughput
        and billing == t.billing_mode
        and not request.get("GlobalSecondaryIndexUpdates")
    ):
        raise ValidationException(msg.THROUGHPUT_UNCHANGED.format(r=throughput[0], w=throughput[1]))


def _stream_change(
    t: TableState, spec: Any, now: datetime
) -> tuple[Mapping[str, Any] | None, str | None] | None:
    if spec is None:
        return None
    if isinstance(spec, Mapping) and spec.get("StreamEnabled") is not None:
        # UpdateTable's own words for a specification that contradicts itself (the
        # member constraints, checked by _stream, come first).
        view = spec.get("StreamViewType")
        if spec.get("StreamEnabled") and view is None:
            raise ValidationException(msg.STREAM_UPDATE_NEEDS_VIEW_TYPE)
        if not spec.get("StreamEnabled") and view is not None and view in STREAM_VIEW_TYPES:
            raise ValidationException(msg.STREAM_UPDATE_VIEW_WITHOUT_ENABLED)
    stream = _stream(spec, now)
    enabling = stream[0] is not None and stream[0].get("StreamEnabled")
    enabled = bool(t.stream and t.stream.get("StreamEnabled"))
    if enabling and t.stream_label is not None and enabled:
        raise ValidationException(msg.STREAM_ALREADY_ENABLED.format(name=t.name))
    if not enabling and not enabled:
        raise ValidationException(msg.STREAM_NOT_ENABLED.format(name=t.name))
    label = stream[1]
    if label is not None and t.stream_label is not None and label <= t.stream_label:
        # A new stream gets a new ARN, even when the clock has not moved a millisecond.
        label = stream_label(_label_time(t.stream_label) + timedelta(milliseconds=1))
        stream = (stream[0], label)
    return stream


def _label_time(label: str) -> datetime:
    return datetime.strptime(label, "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)


def _check_sse(t: TableState, sse: tuple[bool, str | None] | None) -> None:
    if sse is None:
        return
    if not sse[0] and t.sse_key_arn is None:
        raise ValidationException(msg.SSE_ALREADY_DEFAULT)
    if sse[0] and sse[1] is not None and sse[1] == t.sse_key_arn:
        raise ValidationException(msg.SSE_ALREADY_KEY)


def _gsi_actions(
    t: TableState, request: Mapping[str, Any], billing: str, limits: DynamoDBLimits
) -> tuple[GsiAction, ...]:
    """Check GlobalSecondaryIndexUpdates in order; the actions that apply them."""
    actions: list[GsiAction] = []
    definitions = {
        d["AttributeName"]: d["AttributeType"] for d in request.get("AttributeDefinitions") or []
    }
    count = len(t.gsis)
    named: set[Any] = set()
    for n, upd in enumerate(request.get("GlobalSecondaryIndexUpdates") or [], 1):
        given = [k for k in ("Create", "Update", "Delete") if upd.get(k) is not None]
        if not given:
            raise ValidationException(msg.GSI_UPDATE_NO_ACTION)
        if len(given) > 1:
            raise ValidationException(msg.GSI_UPDATE_ONE_ACTION)
        iname = upd[given[0]].get("IndexName") if isinstance(upd[given[0]], Mapping) else None
        if iname is not None and iname in named:
            raise ValidationException(msg.GSI_UPDATE_TWICE.format(index=iname))
        named.add(iname)
        kind = given[0]
        body = upd[kind]
        path = f"globalSecondaryIndexUpdates.{n}.member.{kind.lower()}"
        if kind == "Create":
            create = _gsi_create(t, body, path, billing, definitions, limits)
            count += 1
            if count > limits.max_gsis:
                raise LimitExceededException(msg.GSI_TOO_MANY_UPDATE.format(limit=limits.max_gsis))
            actions.append(_gsi_settings(create, body, path))
            continue
        iname = require(body, "IndexName")
        if iname not in t.gsis:
            raise ResourceNotFoundException(msg.GSI_NOT_FOUND.format(index=iname, table=t.name))
        if kind == "Delete":
            actions.append(GsiDelete(iname))
            count -= 1
        else:
            actions.append(_gsi_update(iname, body, path))
    return tuple(actions)


def _gsi_update(iname: str, body: Mapping[str, Any], path: str) -> GsiUpdate:
    c = Constraints()
    tp = parse_throughput(body.get("ProvisionedThroughput"), f"{path}.provisionedThroughput", c)
    c.raise_if_any()
    od = parse_on_demand(body.get("OnDemandThroughput"), f"{path}.onDemandThroughput")
    wt = parse_warm(body.get("WarmThroughput"), f"{path}.warmThroughput")
    return GsiUpdate(iname, tp, od, wt)


def _gsi_create(
    t: TableState,
    body: Mapping[str, Any],
    path: str,
    billing: str,
    definitions: Mapping[str, str],
    limits: DynamoDBLimits | None = None,
) -> GsiCreate:
    c = Constraints()
    parsed = parse_gsi(body, path, c, billing_mode=billing, limits=limits)
    c.raise_if_any()
    assert parsed is not None
    iname, ikeys, projection, tp = parsed
    if iname in t.gsis or iname in t.lsis:
        raise ValidationException(msg.GSI_EXISTS)
    types = t.attribute_types
    declared: dict[str, str] = {}
    for k in ikeys:
        if k is None:
            continue
        if k not in definitions and k not in types:
            raise ValidationException(
                msg.ATTR_INDEX_UNDEFINED.format(keys=k, defined=", ".join(definitions or types))
            )
        # An attribute the table already defines keeps its type: DynamoDB ignores a
        # conflicting type in the request's definitions (dynoxide #129, verified in
        # eu-west-2; ack-api-quirks DDB-TABLE-442, 2026-10).
        declared[k] = types[k] if k in types else definitions.get(k, "S")
    return GsiCreate(IndexPlan(iname, False, ikeys, projection, throughput=tp), declared)


def _gsi_settings(action: GsiCreate, body: Mapping[str, Any], path: str) -> GsiCreate:
    """A new GSI's OnDemandThroughput and WarmThroughput (checked after the GSI quota)."""
    index = attrs.evolve(
        action.index,
        on_demand=parse_on_demand(body.get("OnDemandThroughput"), f"{path}.onDemandThroughput"),
        warm=parse_warm(body.get("WarmThroughput"), f"{path}.warmThroughput"),
    )
    return attrs.evolve(action, index=index)


def _throughput_record(
    t: TableState, throughput: tuple[int, int] | None, limits: DynamoDBLimits, now: datetime
) -> ThroughputRecord | None:
    """Check a change of provisioned throughput against the daily decrease quota."""
    if throughput is None or t.throughput is None or throughput == t.throughput:
        return None
    decrease = throughput[0] < t.throughput[0] or throughput[1] < t.throughput[1]
    if not decrease:
        return ThroughputRecord(decrease=False, decreases_today=t.decreases_today)
    last = t.last_decrease
    today = 0 if last is None or last.date() != now.date() else t.decreases_today
    interval = timedelta(seconds=limits.throughput_decrease_interval_seconds)
    if today >= limits.throughput_decreases_anytime and last is not None and now - last < interval:
        raise LimitExceededException(
            msg.THROUGHPUT_DECREASES_LIMITED.format(
                anytime=limits.throughput_decreases_anytime,
                interval=limits.throughput_decrease_interval_seconds,
                count=today,
                last=_java_full(last),
                next=_java_full(last + interval),
            )
        )
    return ThroughputRecord(decrease=True, decreases_today=today + 1)


def _java_full(moment: datetime) -> str:
    """A UTC instant as DynamoDB's messages write it (Java's full US style)."""
    hour = moment.hour % 12 or 12
    return (
        f"{moment:%A, %B} {moment.day}, {moment.year} at {hour}:{moment:%M:%S} "
        f"{'AM' if moment.hour < 12 else 'PM'} Coordinated Universal Time"
    )


# -- apply ------------------------------------------------------------------------------------
def apply_update(
    t: TableState, plan: UpdateTablePlan, *, now: datetime, kms_arn: Callable[[str | None], str]
) -> None:
    """Change table ``t`` as ``plan`` says (every check has passed: nothing here fails)."""
    billing = plan.billing
    if billing != t.billing_mode:
        if billing == "PAY_PER_REQUEST":
            t.billing_changed = now
            for index in t.gsis.values():
                index.throughput = None
        t.billing_mode = billing
    if billing == "PAY_PER_REQUEST":
        t.throughput = None
    elif plan.throughput is not None:
        t.throughput = plan.throughput
        if plan.record is not None and plan.record.decrease:
            t.last_decrease = now
            t.decreases_today = plan.record.decreases_today
        elif plan.record is not None:
            t.last_increase = now
    for action in plan.gsi_actions:
        _apply_gsi(t, action)
    if plan.gsi_actions:
        used = {*t.key_names}
        for index in t.indexes():
            used.update(index.key_names)
        t.attribute_types = {k: v for k, v in t.attribute_types.items() if k in used}
    if plan.stream is not None:
        stream, label = plan.stream
        t.stream = None if stream is None else dict(stream)
        if label is not None:
            t.stream_label = label
    if plan.table_class is not None:
        t.table_class = plan.table_class
        t.table_class_changes = list(plan.class_changes)
    if plan.deletion_protection is not None:
        t.deletion_protection = plan.deletion_protection
    if plan.sse is not None:
        t.sse_key_arn = kms_arn(plan.sse[1]) if plan.sse[0] else None
    if plan.on_demand is not None:
        t.on_demand = {**(t.on_demand or {}), **plan.on_demand}
    if plan.warm is not None:
        t.warm = {**(t.warm or {}), **plan.warm}


def _apply_gsi(t: TableState, action: GsiAction) -> None:
    if isinstance(action, GsiDelete):
        t.gsis.pop(action.name)
    elif isinstance(action, GsiUpdate):
        index = t.gsis[action.name]
        if action.throughput is not None:
            index.throughput = action.throughput
        if action.on_demand is not None:
            index.on_demand = {**(index.on_demand or {}), **action.on_demand}
        if action.warm is not None:
            index.warm = {**(index.warm or {}), **action.warm}
    else:
        _add_gsi(t, action)


def _add_gsi(t: TableState, action: GsiCreate) -> None:
    """Build a new GSI and backfill it from the table (at once: indexes are ACTIVE at once)."""
    index = action.index.build(action.types, t.arn, t.key_names)
    keys = index.typed_keys
    for name, typ in keys:
        t.attribute_types.setdefault(name, typ)
    for hk, rk, entry in t.store.scan():
        item = entry[0]
        key = index.entry_key(item, table_sort(t, hk, rk), _identity)
        if key is None:
            continue
        if any(n is not None and typ is not None and _ktype(item[n]) != typ for n, typ in keys):
            continue  # DynamoDB reports such items as violations and skips them
        index.store.put(key[0], key[1], (item, index.projected_size(item, entry[1], item_size)))
    t.gsis[index.name] = index


def _identity(value: Any) -> Any:
    return value
