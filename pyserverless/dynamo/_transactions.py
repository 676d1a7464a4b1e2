"""TransactWriteItems and TransactGetItems: all or nothing, across tables.

A write transaction is checked whole before anything changes: every action parsed and
validated, then, under the engine lock, every condition evaluated and every update
applied to a copy. If any action fails, ``TransactionCanceledException`` lists one
reason per action in request order and nothing is written; otherwise all writes
commit together. A ``ClientRequestToken`` makes the call idempotent for 10 minutes of
clock time: the same request returns the first answer without writing again; a
different request with the same token is refused.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _table_messages as msg
from ._capacity import Capacity, read_units, write_units
from ._errors import (
    IdempotentParameterMismatchException,
    TransactionCanceledException,
    ValidationException,
)
from ._items import (
    _condition_of,
    apply_update,
    check_collection,
    check_item,
    collections_report,
    commit,
    compile_for,
    key_from_item,
    key_from_request,
)
from ._types import item_size, item_to_wire
from ._validation import Constraints, require

if TYPE_CHECKING:
    from ._region import RegionTables

__all__ = ["transact_get_items", "transact_write_items"]

_ACTIONS = ("ConditionCheck", "Put", "Delete", "Update")


def _actions(db: RegionTables, request: Mapping[str, Any], kinds: tuple[str, ...]) -> list[Any]:
    items = require(request, "TransactItems")
    limit = db.limits.max_transact_items
    c = Constraints()
    if not items:
        c.add("[]", "transactItems", "Member must have length greater than or equal to 1")
    elif len(items) > limit:
        c.add(items, "transactItems", f"Member must have length less than or equal to {limit}")
    c.raise_if_any()
    out = []
    for entry in items:
        given = [k for k in kinds if entry.get(k) is not None]
        if len(given) != 1:
            raise ValidationException(msg.TRANSACTION_ONE_ACTION)
        out.append((given[0], entry[given[0]]))
    return out


def transact_write_items(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    actions = _actions(db, request, _ACTIONS)
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    token = request.get("ClientRequestToken")
    c.length(token, "clientRequestToken", 1, 36)
    c.raise_if_any()
    now = db.clock.time()
    fingerprint = {k: v for k, v in request.items() if k != "ClientRequestToken"}
    if token is not None:
        with db.lock:
            _expire_tokens(db, now)
            seen = db.transaction_tokens.get(token)
            if seen is not None:
                if seen[1] != fingerprint:
                    raise IdempotentParameterMismatchException(msg.TRANSACTION_IDEMPOTENT_MISMATCH)
                return copy.deepcopy(seen[2])

    # Phase 1: parse and validate every action; nothing is read yet.
    plans = []
    seen_keys: set[tuple[str, Any]] = set()
    total_bytes = 0
    for kind, body in actions:
        t = db.table_for(body.get("TableName"))
        if kind == "Put":
            item = require(body, "Item")
            size = item_size(item)
            if size > db.limits.max_item_size:
                raise ValidationException(msg.ITEM_TOO_LARGE)
            key = key_from_item(db, t, item)
            total_bytes += size
            payload: Any = (item, size)
        else:
            raw_key = require(body, "Key")
            key = key_from_request(db, t, raw_key)
            payload = raw_key
        compiled = compile_for(t, body, condition=True, update=kind == "Update")
        if kind == "ConditionCheck" and (compiled is None or compiled.condition is None):
            raise ValidationException("The ConditionCheck action requires a ConditionExpression")
        if kind == "Update" and (compiled is None or compiled.update is None):
            raise ValidationException(
                "1 validation error detected: Value null at "
                "'transactItems.member.update.updateExpression' failed to satisfy constraint: "
                "Member must not be null"
            )
        condition = _condition_of(t, body, compiled)
        update = compiled.update if compiled is not None and kind == "Update" else None
        ident = (t.name, key)
        if ident in seen_keys:
            raise ValidationException(msg.TRANSACTION_SAME_ITEM)
        seen_keys.add(ident)
        plans.append(
            (
                kind,
                t,
                key,
                payload,
                condition,
                update,
                body.get("ReturnValuesOnConditionCheckFailure"),
            )
        )
    if total_bytes > db.limits.max_transact_bytes:
        raise ValidationException(msg.TRANSACTION_TOO_LARGE)

    # Phase 2: under the lock, decide every action, then commit all or nothing.
    with db.lock:
        reasons: list[dict[str, Any]] = []
        failed = False
        writes = []
        # Item collection growth so far in this transaction, by (table, partition key):
        # the 10 GB limit applies to the collection after every action, summed.
        grown: dict[tuple[str, Any], int] = {}
        for kind, t, key, payload, condition, update, on_failure in plans:
            old = t.store.get(*key)
            reason: dict[str, Any] = {"Code": "None"}
            if condition is not None and not condition.evaluate(old[0] if old else None):
                reason = {"Code": "ConditionalCheckFailed", "Message": msg.CONDITIONAL_CHECK_FAILED}
                if on_failure == "ALL_OLD" and old is not None:
                    reason["Item"] = item_to_wire(old[0])
            else:
                try:
                    if kind == "Put":
                        check_item(db, t, payload[0])
                        _grow(db, t, key[0], old, payload[1], grown)
                        writes.append((t, key, old, payload))
                    elif kind == "Update":
                        new, size, _touched = apply_update(db, t, key, payload, old, update)
                        _grow(db, t, key[0], old, size, grown)
                        writes.append((t, key, old, (new, size)))
                    elif kind == "Delete":
                        _grow(db, t, key[0], old, 0, grown)
                        writes.append((t, key, old, None))
                except ValidationException as err:
                    reason = {"Code": "ValidationError", "Message": err.message}
                except Exception as err:  # ItemCollectionSizeLimitExceeded and kin
                    code = getattr(err, "code", "ValidationError").replace("Exception", "")
                    reason = {"Code": code, "Message": getattr(err, "message", str(err))}
            if reason["Code"] != "None":
                failed = True
            reasons.append(reason)
        if failed:
            codes = ", ".join(r["Code"] for r in reasons)
            raise TransactionCanceledException(
                msg.TRANSACTION_CANCELLED.format(codes=codes), CancellationReasons=reasons
            )
        capacities: dict[str, Capacity] = {}
        for kind, t, key, _payload, _c, _u, _f in plans:
            if kind == "ConditionCheck":
                old = t.store.get(*key)
                cap = capacities.setdefault(t.name, Capacity(t.name))
                cap.table += read_units(old[1] if old else 0, transactional=True)
        for t, key, old, new in writes:
            cap = capacities.setdefault(t.name, Capacity(t.name))
            if old is None and new is None:
                cap.table += write_units(0, transactional=True)
                continue
            commit(db, t, key, old, new, cap, transactional=True)
            cap.table += write_units(
                max(new[1] if new else 0, old[1] if old else 0), transactional=True
            )
        response: dict[str, Any] = {}
        if rcc is not None and rcc != "NONE":
            response["ConsumedCapacity"] = [cap.report(rcc) for cap in capacities.values()]
        metrics = collections_report(
            [(t, key) for t, key, _old, _new in writes], request.get("ReturnItemCollectionMetrics")
        )
        if metrics:
            response["ItemCollectionMetrics"] = metrics
        if token is not None:
            db.transaction_tokens[token] = (
                now,
                copy.deepcopy(fingerprint),
                copy.deepcopy(response),
            )
    return response


def _grow(
    db: RegionTables,
    t: Any,
    hk: Any,
    old: Any,
    size: int,
    grown: dict[tuple[str, Any], int],
) -> None:
    """Add one action's change to its item collection; refuse it past the limit."""
    if not t.lsis:
        return
    ident = (t.name, hk)
    delta = grown.get(ident, 0) + size - (old[1] if old else 0)
    check_collection(db, t, hk, None, delta)  # the stored size plus every change
    grown[ident] = delta


def _expire_tokens(db: RegionTables, now: float) -> None:
    window = db.limits.transaction_token_seconds
    stale = [k for k, (at, _f, _r) in db.transaction_tokens.items() if now - at >= window]
    for k in stale:
        del db.transaction_tokens[k]


def transact_get_items(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    actions = _actions(db, request, ("Get",))
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    c.raise_if_any()
    plans = []
    seen: set[tuple[str, Any]] = set()
    for _kind, body in actions:
        t = db.table_for(body.get("TableName"))
        key = key_from_request(db, t, require(body, "Key"))
        if (t.name, key) in seen:
            raise ValidationException(msg.TRANSACTION_SAME_ITEM)
        seen.add((t.name, key))
        compiled = compile_for(t, body, projection=True)
        plans.append((t, key, compiled.projection if compiled is not None else None))
    responses: list[dict[str, Any]] = []
    capacities: dict[str, Capacity] = {}
    total_bytes = 0
    with db.lock:
        for t, key, projection in plans:
            entry = t.store.get(*key)
            cap = capacities.setdefault(t.name, Capacity(t.name))
            cap.table += read_units(entry[1] if entry else 0, transactional=True)
            if entry is None:
                responses.append({})
            else:
                total_bytes += entry[1]
                item = entry[0]
                responses.append({"Item": item if projection is None else projection.apply(item)})
    # The items read, together, may not exceed 4 MB (aws-facts A8).
    if total_bytes > db.limits.max_transact_bytes:
        raise ValidationException(msg.TRANSACTION_TOO_LARGE)
    response: dict[str, Any] = {"Responses": responses}
    if rcc is not None and rcc != "NONE":
        response["ConsumedCapacity"] = [cap.report(rcc) for cap in capacities.values()]
    return response
