"""Query and Scan: key ranges over sorted stores, pages of at most 1 MB, filters after.

A Query reads one partition of the table or of an index between the bounds its key
condition gives, in O(log n + k). Both operations stop at ``Limit`` items evaluated
or at 1 MB read, whichever comes first, then apply the FilterExpression to what was
read (so ``Count`` <= ``ScannedCount``), and return ``LastEvaluatedKey`` when they
stopped early.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _table_messages as msg
from ._capacity import Capacity, read_units
from ._errors import ValidationException, with_family
from ._expressions._compile import check_filter_keys, resolve_key_terms
from ._indexes import IndexDef
from ._items import _ktype, compile_for, table_sort
from ._messages import VALIDATION_ENVELOPE
from ._multikey import MultiKey, bounds, check_types, legacy_key_conditions
from ._storage import TOP, Entry, prefix_upper
from ._validation import Constraints

if TYPE_CHECKING:
    from ._region import RegionTables

__all__ = ["query", "scan"]

# In the order DynamoDB lists them in its enum constraint message (issue 13).
SELECTS = ("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES")
_MISSING: Any = object()


def _legacy(name: str) -> Any:
    from ._expressions import legacy

    return getattr(legacy, name)


def _check_members(db: RegionTables, request: Mapping[str, Any], is_query: bool) -> None:
    """The members' own constraints (Select, Limit, segments), reported together."""
    c = Constraints()
    select = request.get("Select")
    c.enum(select, "select", SELECTS)
    limit = request.get("Limit")
    if is_query and isinstance(limit, int) and not isinstance(limit, bool) and limit < 1:
        # Query's words differ from Scan's: "Limit" capitalised and no value (live
        # captures quoted by the conformance suite and dynoxide, 2026).
        c.errors.append(
            "Value at 'Limit' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1"
        )
    else:
        c.at_least(limit, "limit", 1)
    c.enum(
        request.get("ReturnConsumedCapacity"),
        "returnConsumedCapacity",
        ("INDEXES", "TOTAL", "NONE"),
    )
    if not is_query:
        segment = request.get("Segment")
        total = request.get("TotalSegments")
        c.at_least(segment, "segment", 0)
        c.at_most(segment, "segment", db.limits.max_total_segments - 1)
        c.at_least(total, "totalSegments", 1)
        c.at_most(total, "totalSegments", db.limits.max_total_segments)
    c.raise_if_any()


def _select_error(text: str, is_query: bool) -> ValidationException:
    """A Select rule's error: a Query wraps it in the envelope, a Scan does not
    (DynamoDB's answers, recorded by moto's and ExtendDB's tests against AWS)."""
    if is_query:
        err = ValidationException(VALIDATION_ENVELOPE.format(message=text))
        err.family = "bare"
        return err
    return ValidationException(text)


def _request_select(request: Mapping[str, Any], is_query: bool) -> str | None:
    """Select's rules that need only the request (checked before the table is looked up)."""
    select = request.get("Select")
    if select is None:
        return None
    has_projection = (
        request.get("ProjectionExpression") is not None
        or request.get("AttributesToGet") is not None
    )
    if select == "ALL_PROJECTED_ATTRIBUTES" and request.get("IndexName") is None:
        raise _select_error(msg.SELECT_PROJECTED_NO_INDEX, is_query)
    if select == "SPECIFIC_ATTRIBUTES" and not has_projection:
        raise _select_error(msg.SELECT_SPECIFIC_NO_PROJECTION, is_query)
    if select != "SPECIFIC_ATTRIBUTES" and has_projection:
        param = (
            "ProjectionExpression"
            if request.get("ProjectionExpression") is not None
            else "AttributesToGet"
        )
        what = "only the Count" if select == "COUNT" else select
        raise _select_error(msg.SELECT_CONFLICT.format(param=param, what=what), is_query)
    return str(select)


class _Deferred:
    """A key condition parsed and checked on its own, waiting for the key it reads.

    Compiled requests are cached and shared, so each deferred condition remembers what
    it resolved to for each key (a repeated Query resolves once); errors are not kept.
    """

    __slots__ = ("resolved", "terms", "text")

    def __init__(self, text: str, terms: Any) -> None:
        self.text = text
        self.terms = tuple(terms)
        self.resolved: dict[Any, Any] = {}

    def resolve(self, query_key: Any) -> Any:
        found = self.resolved.get(query_key)
        if found is None:
            found = resolve_key_terms(self.text, list(self.terms), query_key)
            if len(self.resolved) < 16:
                self.resolved[query_key] = found
        return found


class _SchemaLater:
    """A Query's key before the table is known: the key condition is parsed and its
    placeholders counted, and its match against the key schema waits for the table."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def key_condition(self, text: str, terms: Any) -> _Deferred:
        return _Deferred(text, terms)


_SCHEMA_LATER: Any = _SchemaLater()  # passed where compile_for takes a key's names


def _early_expressions(
    db: RegionTables, request: Mapping[str, Any], is_query: bool
) -> tuple[Any, Any, Any]:
    """The expressions' own checks, which need no table: ``(compiled, filter, projection)``.

    DynamoDB reports a bad FilterExpression or ProjectionExpression, or a bad
    placeholder map, before ResourceNotFoundException (ExtendDB's captures from
    us-east-1, tests/test_validation_precedence.py). A Scan's compiled expressions
    are final here; a Query's key condition is matched to its key once the table
    and index are known.
    """
    compiled = compile_for(
        None,
        request,
        projection=True,
        filter=True,
        key_condition=is_query,
        query_key=_SCHEMA_LATER if is_query else None,
        limits=db.limits,
        operation="Query" if is_query else "Scan",
    )
    filt = compiled.filter if compiled is not None else None
    legacy_filter = request.get("QueryFilter" if is_query else "ScanFilter")
    if filt is None and legacy_filter is not None:
        filt = _legacy("filter_condition")(
            legacy_filter,
            request.get("ConditionalOperator"),
            "queryFilter" if is_query else "scanFilter",
        )
    projection = compiled.projection if compiled is not None else None
    if projection is None and request.get("AttributesToGet") is not None:
        projection = _legacy("attributes_to_get")(request["AttributesToGet"])
    return compiled, filt, projection


class _Plan:
    """What a Query or Scan reads, and how it shapes what it returns."""

    def __init__(self, db: RegionTables, request: Mapping[str, Any], *, is_query: bool) -> None:
        # DynamoDB's order: the members' constraints, the request's own rules, and only
        # then the table (ResourceNotFoundException) and what depends on it.
        _check_members(db, request, is_query)
        select = _request_select(request, is_query)
        early = _early_expressions(db, request, is_query)
        t = db.table_for(request.get("TableName"))
        self.table = t
        self.is_query = is_query
        index_name = request.get("IndexName")
        self.index: IndexDef | None = None
        if index_name is not None:
            self.index = t.index(index_name)
            if self.index is None:
                raise ValidationException(msg.INDEX_NOT_FOUND.format(index=index_name))
        consistent = bool(request.get("ConsistentRead", False))
        if consistent and self.index is not None and not self.index.local:
            raise ValidationException(msg.CONSISTENT_READ_GSI)
        self.consistent = consistent
        self.limit: int | None = request.get("Limit")
        self.select = self._select(select, request)
        self.key_names = self.index.key_names if self.index is not None else t.key_names
        self._expressions(db, request, early)
        self.start = request.get("ExclusiveStartKey")
        self.rcc = request.get("ReturnConsumedCapacity")

    def _select(self, select: str | None, request: Mapping[str, Any]) -> str:
        """The Select of the request, or its default, checked against the index."""
        if select is None:
            has_projection = (
                request.get("ProjectionExpression") is not None
                or request.get("AttributesToGet") is not None
            )
            select = (
                "SPECIFIC_ATTRIBUTES"
                if has_projection
                else ("ALL_PROJECTED_ATTRIBUTES" if self.index is not None else "ALL_ATTRIBUTES")
            )
        if (
            select == "ALL_ATTRIBUTES"
            and self.index is not None
            and not self.index.local
            and self.index.projection.type != "ALL"
        ):
            raise ValidationException(msg.SELECT_ALL_NOT_PROJECTED.format(index=self.index.name))
        return str(select)

    def _expressions(
        self, db: RegionTables, request: Mapping[str, Any], early: tuple[Any, Any, Any]
    ) -> None:
        """The projection, filter and key condition (or their legacy forms).

        ``early`` holds what was compiled before the table was looked up; a Query's
        key condition, parsed then, is matched against its key here.
        """
        is_query, key_names = self.is_query, self.key_names
        compiled, self.filter, self.projection = early
        self.key_condition: Any = None
        if not is_query:
            return
        index = self.index
        query_key: Any = (
            MultiKey.of(index.hash_names, index.range_names)
            if index is not None and index.multi
            else (key_names[0], key_names[1] if len(key_names) > 1 else None)
        )
        deferred = compiled.key_condition if compiled is not None else None
        if isinstance(deferred, _Deferred):
            # Matched to the key now the table and index are known: in the order the
            # whole compile would (the key, then a filter naming it).
            try:
                self.key_condition = deferred.resolve(query_key)
                if compiled.filter is not None:
                    check_filter_keys(compiled.filter, query_key)
            except ValidationException as err:
                with_family(err, "expression")
                raise
        if self.key_condition is None and request.get("KeyConditions") is not None:
            conditions = request["KeyConditions"]
            self.key_condition = (
                legacy_key_conditions(conditions, query_key)
                if isinstance(query_key, MultiKey)
                else _legacy("key_conditions")(conditions, query_key)
            )
        if self.key_condition is None:
            raise ValidationException(msg.QUERY_NEEDS_KEY_CONDITION)

    # -- shaping ---------------------------------------------------------------------------
    def shape(self, item: dict[str, Any]) -> dict[str, Any]:
        index = self.index
        # An LSI fetches unprojected attributes from the table when asked for them.
        if (
            index is not None
            and self.select != "ALL_ATTRIBUTES"
            and not (index.local and self.select == "SPECIFIC_ATTRIBUTES")
        ):
            item = index.project(item)
        if self.projection is not None:
            return dict(self.projection.apply(item))
        return item

    def visible(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item a filter sees: a GSI's projection; an LSI fetches from the table."""
        index = self.index
        return item if index is None or index.local else index.project(item)

    def last_key(self, item: dict[str, Any]) -> dict[str, Any]:
        t = self.table
        out = {name: item[name] for name in t.key_names}
        if self.index is not None:
            for name in self.index.key_names:
                out[name] = item[name]
        return out

    def _bad_start(self) -> str:
        if self.is_query:
            return msg.EXCLUSIVE_START_KEY_INVALID_QUERY
        return msg.EXCLUSIVE_START_KEY_INVALID.format(
            detail="The provided key element does not match the schema"
        )

    def start_position(self) -> tuple[Any, Any] | None:
        """``(partition key, sort key in the store)`` of ExclusiveStartKey, checked."""
        start = self.start
        if start is None:
            return None
        t = self.table
        names = list(t.key_names)
        if self.index is not None:
            names += [n for n in self.index.key_names if n not in names]
        if not isinstance(start, Mapping) or set(start) != set(names):
            raise ValidationException(self._bad_start())
        types = dict(t.attribute_types)
        for name in names:
            if _ktype(start[name]) != types.get(name):
                raise ValidationException(
                    msg.EXCLUSIVE_START_KEY_INVALID.format(
                        detail="The provided key element does not match the schema"
                    )
                )
        hk = start[t.hash_name]
        rk = start.get(t.range_name) if t.range_name else None
        if self.index is None:
            return hk, rk
        position = self.index.entry_key(dict(start), table_sort(t, hk, rk), _identity)
        assert position is not None  # every key attribute is in the start key
        return position

    def run(self, entries: Iterator[Entry], db: RegionTables) -> dict[str, Any]:
        limit = self.limit
        page = db.limits.max_page_bytes
        filt = self.filter
        count_only = self.select == "COUNT"
        items: list[dict[str, Any]] = []
        count = 0
        scanned = 0
        read = 0
        last: dict[str, Any] | None = None
        stopped = False
        for item, size in entries:
            # A page stops before the item that would take it past 1 MB (issue 13: the
            # conformance suites' captures), or at Limit.
            if read + size > page and scanned:
                stopped = True
                break
            scanned += 1
            read += size
            last = item
            if filt is None or filt.evaluate(self.visible(item)):
                count += 1
                if not count_only:
                    items.append(self.shape(item))
            if limit is not None and scanned >= limit:
                stopped = True
                break
        response: dict[str, Any] = {}
        if not count_only:
            response["Items"] = items
        response["Count"] = count
        response["ScannedCount"] = scanned
        if stopped and last is not None:
            response["LastEvaluatedKey"] = self.last_key(last)
        if self.rcc is not None and self.rcc != "NONE":
            capacity = Capacity(self.table.name)
            units = read_units(read, consistent=self.consistent)
            if self.index is None:
                capacity.table = units
            else:
                capacity.add_index(self.index.name, self.index.local, units)
            response["ConsumedCapacity"] = capacity.report(self.rcc)
        return response


def _identity(value: Any) -> Any:
    return value


def _inside(position: Any, low: Any, high: Any, low_in: bool, high_in: bool) -> bool:
    """True if a sort position lies within a key condition's bounds."""
    if low is not None and (position < low or (position == low and not low_in)):
        return False
    return high is None or position < high or (position == high and high_in)


def _bounds(kc: Any, tupled: bool) -> tuple[Any, Any, bool, bool]:
    """``(low, high, low inclusive, high inclusive)`` of a key condition's sort key."""
    op = kc.range_op
    if op is None:
        return None, None, True, True
    values = kc.range_values
    v = values[0]
    if op == "BEGINS_WITH":
        upper = prefix_upper(v)
        if tupled:
            return (v,), (None if upper is None else (upper,)), True, False
        return v, upper, True, False
    if op == "BETWEEN":
        hi = values[1]
        return ((v,), (hi, TOP), True, True) if tupled else (v, hi, True, True)
    if op == "=":
        return ((v,), (v, TOP), True, True) if tupled else (v, v, True, True)
    if op == "<":
        return (None, (v,), True, False) if tupled else (None, v, True, False)
    if op == "<=":
        return (None, (v, TOP), True, True) if tupled else (None, v, True, True)
    if op == ">":
        return ((v, TOP), None, False, True) if tupled else (v, None, False, True)
    if op == ">=":
        return ((v,), None, True, True) if tupled else (v, None, True, True)
    raise AssertionError(op)


def query(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    plan = _Plan(db, request, is_query=True)
    t = plan.table
    kc = plan.key_condition
    assert kc is not None
    index = plan.index
    if index is not None and index.multi:
        typed = check_types(kc, index, _ktype)
    else:
        hash_type = index.hash_type if index is not None else t.hash_type
        range_type = index.range_type if index is not None else t.range_type
        typed = _ktype(kc.hash_value) == hash_type and (
            kc.range_op is None or all(_ktype(v) == range_type for v in kc.range_values)
        )
    if not typed:
        raise ValidationException(
            "One or more parameter values were invalid: Condition parameter type does not "
            "match schema type"
        )
    store = index.store if index is not None else t.store
    tupled = index is not None
    if index is not None and index.multi:
        low, high, low_in, high_in = bounds(kc)
    elif index is not None and index.range_name is None:
        low, high, low_in, high_in = None, None, True, True
    else:
        low, high, low_in, high_in = _bounds(kc, tupled)
    forward = request.get("ScanIndexForward", True)
    start = plan.start_position()
    if start is not None:
        # The key condition last: the partition, then the sort key's range.
        if start[0] != kc.hash_value or not _inside(start[1], low, high, low_in, high_in):
            raise ValidationException(msg.START_KEY_OUTSIDE)
        # Resume after the start key, never outside the key condition's bounds.
        if forward:
            if low is None or start[1] >= low:
                low, low_in = start[1], False
        elif high is None or start[1] <= high:
            high, high_in = start[1], False

    def entries() -> Iterator[Entry]:
        for _sk, entry in store.range(
            kc.hash_value, low, high, (low_in, high_in), reverse=not forward
        ):
            yield entry

    with db.lock:
        return plan.run(entries(), db)


def scan(db: RegionTables, request: Mapping[str, Any]) -> dict[str, Any]:
    segment = request.get("Segment")
    total = request.get("TotalSegments")
    if segment is not None and total is None:
        raise ValidationException(msg.SEGMENT_NEEDS_TOTAL)
    if total is not None and segment is None:
        raise ValidationException(msg.TOTAL_NEEDS_SEGMENT)
    if segment is not None and total is not None and segment >= total:
        raise ValidationException(msg.SEGMENT_TOO_LARGE.format(segment=segment, total=total))
    plan = _Plan(db, request, is_query=False)
    t = plan.table
    store = plan.index.store if plan.index is not None else t.store
    start = plan.start_position()
    if start is not None and total is not None and store.segment_of(start[0], total) != segment:
        raise ValidationException(
            msg.EXCLUSIVE_START_KEY_INVALID.format(
                detail=msg.START_KEY_WRONG_SEGMENT.format(total=total, segment=segment)
            )
        )

    def entries() -> Iterator[Entry]:
        for _hk, _sk, entry in store.scan(
            segment=segment or 0, total_segments=total or 1, start=start
        ):
            yield entry

    with db.lock:
        return plan.run(entries(), db)
