"""TransactWriteItems and TransactGetItems: all or nothing, across tables.

A write transaction is checked whole before anything changes: every action is parsed
into a frozen ``WriteAction``; then, under the engine lock, ``_decide`` evaluates every
condition and applies every update to a copy, giving the ``Write``s; ``_commit`` stores
them and cannot fail. If any action fails, ``TransactionCanceledException`` lists one
reason per action in request order and nothing is written; otherwise all writes
commit together. A ``ClientRequestToken`` makes the call idempotent for 10 minutes of
clock time: the same request returns the first answer without writing again; a
different request with the same token is refused.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import _table_messages as msg
from ._capacity import Capacity, read_units, write_units
from ._contention import CONFLICT_REASON, hold, in_flight
from ._errors import (
    IdempotentParameterMismatchException,
    TransactionCanceledException,
    ValidationException,
)
from ._fingerprint import fingerprint as request_fingerprint
from ._items import (
    Key,
    _condition_of,
    apply_update,
    check_collection,
    check_item,
    collections_report,
    commit,
    compile_for,
    key_from_item,
    key_from_request,
    refuse_key_updates,
)
from ._messages import KEY_CANCELLED_PREFIXES
from ._storage import Entry
from ._table import TableState
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


@attrs.frozen
class WriteAction:
    """One checked action of a write transaction."""

    kind: str
    table: TableState
    key: Key
    #: Put: ``(item, size)``; the others: the request's ``Key``.
    payload: Any
    condition: Any
    update: Any
    on_failure: str | None
    #: Why DynamoDB cancels this action before reading it (a key too large), or None.
    refusal: str | None = None


@attrs.frozen
class Write:
    """One decided write: the entry before, and after (None: deleted or absent)."""

    table: TableState
    key: Key
    old: Entry | None
    new: Entry | None


def transact_write_items(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    actions = _actions(db, request, _ACTIONS)
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    token = request.get("ClientRequestToken")
    c.length(token, "clientRequestToken", 1, 36)
    c.raise_if_any()
    fingerprint = None
    if token is not None:
        fingerprint = request_fingerprint(
            {k: v for k, v in request.items() if k != "ClientRequestToken"}
        )
        with db.lock:
            replayed = _replay(db, token, fingerprint)
        if replayed is not None:
            return replayed
    # Parse every action (nothing is read yet), then, under the lock, decide every one
    # against the stored items, and only then commit all of them. The token is checked
    # again and recorded in the same locked section as the commit, so two callers
    # racing with one token commit once (issue 11).
    plan = _parse_writes(db, actions)
    with db.lock:
        if token is not None:
            replayed = _replay(db, token, fingerprint)
            if replayed is not None:
                return replayed
        writes = _decide(db, plan)
        response = _commit(db, plan, writes, rcc, request.get("ReturnItemCollectionMetrics"))
        if token is not None:
            _record(db, token, fingerprint, response)
        if db.hold_seconds:
            hold(db, [(a.table.name, a.key) for a in plan], db.hold_seconds)
    return response


def _replay(db: RegionTables, token: str, fingerprint: str | None) -> dict[str, Any] | None:
    """The first answer given to ``token``, or None; refuses a different request."""
    _expire_tokens(db, db.clock.time())
    seen = db.transaction_tokens.get(token)
    if seen is None:
        return None
    if seen[1] != fingerprint:
        raise IdempotentParameterMismatchException(msg.TRANSACTION_IDEMPOTENT_MISMATCH)
    return copy.deepcopy(seen[2])


def _record(
    db: RegionTables, token: str, fingerprint: str | None, response: dict[str, Any]
) -> None:
    now = db.clock.time()
    db.transaction_tokens[token] = (now, fingerprint, copy.deepcopy(response))
    db.token_order.append((now, token))


def _expire_tokens(db: RegionTables, now: float) -> None:
    """Forget tokens older than the window, oldest first: amortised O(1) (issue 14).

    Tokens are recorded in clock order, so the expired ones are at the front of
    ``token_order``; an entry whose token was recorded again since is skipped.
    """
    window = db.limits.transaction_token_seconds
    order, tokens = db.token_order, db.transaction_tokens
    while order and now - order[0][0] >= window:
        at, token = order.popleft()
        seen = tokens.get(token)
        if seen is not None and seen[0] == at:
            del tokens[token]


def _parse_writes(db: RegionTables, actions: list[Any]) -> tuple[WriteAction, ...]:
    """Check every action on its own and together (one item once, 4 MB in all): the
    request first, then the tables, then the keys (DynamoDB's order)."""
    checked = [_check_action(db, kind, body) for kind, body in actions]
    total_bytes = sum(p[1] for kind, _b, p, _c in checked if kind == "Put")
    if total_bytes > db.limits.max_transact_bytes:
        raise ValidationException(msg.TRANSACTION_TOO_LARGE)
    tables = [db.table_for(body.get("TableName")) for _k, body, _p, _c in checked]
    plans = []
    seen_keys: set[tuple[str, Any]] = set()
    for n, (t, (kind, body, payload, compiled)) in enumerate(zip(tables, checked, strict=True)):
        key, refusal = _key_of(db, t, payload[0] if kind == "Put" else payload, kind == "Put")
        if refusal is not None:
            plans.append(WriteAction(kind, t, (_REFUSED, n), payload, None, None, None, refusal))
            continue
        update = compiled.update if compiled is not None and kind == "Update" else None
        if update is not None:
            refuse_key_updates(t, update)
        if (t.name, key) in seen_keys:
            raise ValidationException(msg.TRANSACTION_SAME_ITEM)
        seen_keys.add((t.name, key))
        condition = _condition_of(body, compiled)
        on_failure = body.get("ReturnValuesOnConditionCheckFailure")
        plans.append(WriteAction(kind, t, key, payload, condition, update, on_failure))
    return tuple(plans)


_MAPS = ("ExpressionAttributeNames", "ExpressionAttributeValues")


def _maps_only_with(body: Any, *expressions: str) -> Any:
    """``body`` without its placeholder maps when it has none of ``expressions``.

    Unlike the single-item operations, a transaction's Put, Delete or Get may carry
    ExpressionAttributeNames or -Values and no expression: DynamoDB accepts it and
    ignores them (ExtendDB's captures from us-east-1,
    tests/test_transact_expression_validation.py). With an expression, an unused
    placeholder is still refused.
    """
    if not isinstance(body, Mapping) or all(body.get(m) is None for m in _MAPS):
        return body
    if any(body.get(e) is not None for e in expressions):
        return body
    return {k: v for k, v in body.items() if k not in _MAPS}


def _check_action(db: RegionTables, kind: str, body: Any) -> tuple[str, Any, Any, Any]:
    """One action's own checks, before any table is looked up: its payload, compiled."""
    if kind == "Put":
        item = require(body, "Item")
        size = item_size(item)
        if size > db.limits.max_item_size:
            raise ValidationException(msg.ITEM_TOO_LARGE)
        payload: Any = (item, size)
    else:
        payload = require(body, "Key")
    compiled = compile_for(
        None,
        _maps_only_with(body, "ConditionExpression", "UpdateExpression"),
        condition=True,
        update=kind == "Update",
    )
    if kind == "ConditionCheck" and (compiled is None or compiled.condition is None):
        raise ValidationException("The ConditionCheck action requires a ConditionExpression")
    if kind == "Update" and (compiled is None or compiled.update is None):
        raise ValidationException(
            "1 validation error detected: Value null at "
            "'transactItems.member.update.updateExpression' failed to satisfy constraint: "
            "Member must not be null"
        )
    return kind, body, payload, compiled


_NOT_VALID = "One or more parameter values are not valid."
_REFUSED = object()  # stands for the key of an action refused before it is read


def _key_of(db: RegionTables, t: TableState, raw: Any, whole_item: bool) -> tuple[Any, str | None]:
    """``(key, None)``, or ``(None, message)`` when the key is too large or does not fit
    the schema: DynamoDB cancels that action (reason ``ValidationError``) instead of
    refusing the request."""
    try:
        if whole_item:
            return key_from_item(db, t, raw), None
        return key_from_request(db, t, raw), None
    except ValidationException as err:
        if err.message.startswith(KEY_CANCELLED_PREFIXES):
            return None, err.message
        raise


def _decide(db: RegionTables, plan: tuple[WriteAction, ...]) -> list[Write]:
    """Every action's outcome against the stored items; cancel the lot if any fails."""
    reasons: list[dict[str, Any]] = []
    writes: list[Write] = []
    # Item collection growth so far in this transaction, by (table, partition key): the
    # 10 GB limit applies to the collection after every action, summed.
    grown: dict[tuple[str, Any], int] = {}
    for action in plan:
        if action.refusal is not None:
            reasons.append({"Code": "ValidationError", "Message": action.refusal})
            continue
        t, key = action.table, action.key
        old = t.store.get(*key)
        reason: dict[str, Any] = {"Code": "None"}
        if db.holds and in_flight(db, t.name, key):
            reason = dict(CONFLICT_REASON)
        elif action.condition is not None and not action.condition.evaluate(
            old[0] if old else None
        ):
            reason = {"Code": "ConditionalCheckFailed", "Message": msg.CONDITIONAL_CHECK_FAILED}
            if action.on_failure == "ALL_OLD" and old is not None:
                reason["Item"] = item_to_wire(old[0])
        else:
            try:
                write = _outcome(db, action, old, grown)
                if write is not None:
                    writes.append(write)
            except ValidationException as err:
                if err.message.startswith(_NOT_VALID):
                    raise  # an empty key value is refused whole, not cancelled
                reason = {"Code": "ValidationError", "Message": err.message}
            except Exception as err:  # ItemCollectionSizeLimitExceeded and kin
                code = getattr(err, "code", "ValidationError").replace("Exception", "")
                reason = {"Code": code, "Message": getattr(err, "message", str(err))}
        reasons.append(reason)
    if any(r["Code"] != "None" for r in reasons):
        codes = ", ".join(r["Code"] for r in reasons)
        raise TransactionCanceledException(
            msg.TRANSACTION_CANCELLED.format(codes=codes), CancellationReasons=reasons
        )
    return writes


def _outcome(
    db: RegionTables, action: WriteAction, old: Entry | None, grown: dict[tuple[str, Any], int]
) -> Write | None:
    """The write one action makes (None for a ConditionCheck); raises if it cannot."""
    t, key = action.table, action.key
    if action.kind == "Put":
        check_item(db, t, action.payload[0])
        _grow(db, t, key[0], old, action.payload[1], grown)
        return Write(t, key, old, action.payload)
    if action.kind == "Update":
        new, size, _touched = apply_update(db, t, key, action.payload, old, action.update)
        if old is None and not action.update.creates_item:
            return Write(t, key, None, None)  # only REMOVE/DELETE: nothing is made
        _grow(db, t, key[0], old, size, grown)
        return Write(t, key, old, (new, size))
    if action.kind == "Delete":
        _grow(db, t, key[0], old, 0, grown)
        return Write(t, key, old, None)
    return None


def _commit(
    db: RegionTables,
    plan: tuple[WriteAction, ...],
    writes: list[Write],
    rcc: str | None,
    metrics_mode: str | None,
) -> dict[str, Any]:
    """Write everything decided, and count what it consumed (nothing here fails)."""
    capacities: dict[str, Capacity] = {}
    for action in plan:
        if action.kind == "ConditionCheck":
            old = action.table.store.get(*action.key)
            cap = capacities.setdefault(action.table.name, Capacity(action.table.name))
            cap.table += read_units(old[1] if old else 0, transactional=True)
    for w in writes:
        cap = capacities.setdefault(w.table.name, Capacity(w.table.name))
        if w.old is None and w.new is None:
            cap.table += write_units(0, transactional=True)
            continue
        commit(db, w.table, w.key, w.old, w.new, cap, transactional=True)
        size = max(w.new[1] if w.new else 0, w.old[1] if w.old else 0)
        cap.table += write_units(size, transactional=True)
    response: dict[str, Any] = {}
    if rcc is not None and rcc != "NONE":
        response["ConsumedCapacity"] = [cap.report(rcc) for cap in capacities.values()]
    metrics = collections_report([(w.table, w.key) for w in writes], metrics_mode)
    if metrics:
        response["ItemCollectionMetrics"] = metrics
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


def _refuse_held_reads(db: RegionTables, idents: list[tuple[str, Any]]) -> None:
    """Contention mode: a read of an item in flight cancels the TransactGetItems."""
    reasons = [dict(CONFLICT_REASON) if in_flight(db, *i) else {"Code": "None"} for i in idents]
    if any(r["Code"] != "None" for r in reasons):
        codes = ", ".join(r["Code"] for r in reasons)
        raise TransactionCanceledException(
            msg.TRANSACTION_CANCELLED.format(codes=codes), CancellationReasons=reasons
        )


def _parse_gets(db: RegionTables, gets: list[Any]) -> list[tuple[TableState, Key, Any]]:
    """``(table, key, projection)`` of every Get, checked in DynamoDB's order (as for
    TransactWriteItems): each Get's request (Key given, projection and maps), then
    every table, then every key (and one item once)."""
    compiled = []
    for body in gets:
        require(body, "Key")
        found = compile_for(None, _maps_only_with(body, "ProjectionExpression"), projection=True)
        compiled.append(found.projection if found is not None else None)
    tables = [db.table_for(body.get("TableName")) for body in gets]
    plans = []
    seen: set[tuple[str, Any]] = set()
    refusals: list[str | None] = []
    for t, body, projection in zip(tables, gets, compiled, strict=True):
        key, refusal = _key_of(db, t, body["Key"], False)
        refusals.append(refusal)
        if refusal is not None:
            continue
        if (t.name, key) in seen:
            raise ValidationException(msg.TRANSACTION_SAME_ITEM)
        seen.add((t.name, key))
        plans.append((t, key, projection))
    if any(r is not None for r in refusals):
        reasons = [
            {"Code": "None"} if r is None else {"Code": "ValidationError", "Message": r}
            for r in refusals
        ]
        codes = ", ".join(r["Code"] for r in reasons)
        raise TransactionCanceledException(
            msg.TRANSACTION_CANCELLED.format(codes=codes), CancellationReasons=reasons
        )
    return plans


def transact_get_items(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    actions = _actions(db, request, ("Get",))
    rcc = request.get("ReturnConsumedCapacity")
    c = Constraints()
    c.enum(rcc, "returnConsumedCapacity", ("INDEXES", "TOTAL", "NONE"))
    c.raise_if_any()
    plans = _parse_gets(db, [body for _kind, body in actions])
    responses: list[dict[str, Any]] = []
    capacities: dict[str, Capacity] = {}
    total_bytes = 0
    with db.lock:
        if db.holds:
            _refuse_held_reads(db, [(t.name, key) for t, key, _p in plans])
        for t, key, projection in plans:
            entry = t.store.get(*key)
            cap = capacities.setdefault(t.name, Capacity(t.name))
            cap.table += read_units(entry[1] if entry else 0, transactional=True)
            if entry is None:
                responses.append({})
            else:
                total_bytes += entry[1]
                item = entry[0]
                shown = item if projection is None else projection.apply(item)
                # An item the projection leaves empty is answered without Item
                # (dynoxide #39, matching DynamoDB).
                responses.append({"Item": shown} if shown else {})
    # The items read, together, may not exceed 4 MB (aws-facts A8).
    if total_bytes > db.limits.max_transact_bytes:
        raise ValidationException(msg.TRANSACTION_TOO_LARGE)
    response: dict[str, Any] = {"Responses": responses}
    if rcc is not None and rcc != "NONE":
        response["ConsumedCapacity"] = [cap.report(rcc) for cap in capacities.values()]
    return response
