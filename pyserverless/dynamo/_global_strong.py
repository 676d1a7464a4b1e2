"""Multi-Region strong consistency (MRSC): ``MultiRegionConsistency="STRONG"``.

An MRSC global table has exactly three Regions: three replicas, or two and a witness
(which holds no data). Every write is applied in every reachable replica before it
returns, so ``ConsistentRead=True`` anywhere reads the latest write. Writes to one
item made at the same time from two Regions conflict: the later one to start fails
with ``ReplicatedWriteConflictException`` and changes nothing.

The engine sends each write of an MRSC table through ``_strong_write`` (outside its
own lock): the keys are claimed Cloud-wide, the write commits here (its change is
collected, not queued), then it is applied in the other replicas through their public
``apply_replicated``, and the claim ends.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import _global_messages as gmsg
from ._engine_base import EngineBase
from ._errors import InternalServerError, ReplicatedWriteConflictException, ValidationException
from ._global_model import Member, ReplicatedWrite, Replication

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._table import TableState

__all__ = ["StrongOps", "outbox"]

_local = threading.local()


def outbox() -> list[tuple[str, ReplicatedWrite]] | None:
    """The writes of MRSC tables collected by the current thread's ``_strong_write``
    (None outside one: the writes are queued as usual)."""
    box: list[tuple[str, ReplicatedWrite]] | None = getattr(_local, "box", None)
    return box


class _Claims:
    """Keys of MRSC tables being written, Cloud-wide: ``(table, key)`` -> [Region, count]."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inflight: dict[tuple[str, Any], list[Any]] = {}

    def claim(self, region: str, keys: list[tuple[str, Any]]) -> None:
        with self.lock:
            for k in keys:
                owner = self.inflight.get(k)
                if owner is not None and owner[0] != region:
                    raise ReplicatedWriteConflictException(gmsg.WRITE_CONFLICT)
            for k in keys:
                owner = self.inflight.setdefault(k, [region, 0])
                owner[1] += 1

    def release(self, keys: list[tuple[str, Any]]) -> None:
        with self.lock:
            for k in keys:
                owner = self.inflight.get(k)
                if owner is not None:
                    owner[1] -= 1
                    if owner[1] <= 0:
                        del self.inflight[k]


_CLAIMS: weakref.WeakKeyDictionary[Cloud, _Claims] = weakref.WeakKeyDictionary()
_CLAIMS_LOCK = threading.Lock()


def _claims(cloud: Cloud) -> _Claims:
    found = _CLAIMS.get(cloud)
    if found is None:
        with _CLAIMS_LOCK:
            found = _CLAIMS.setdefault(cloud, _Claims())
    return found


class StrongOps(EngineBase):
    """MRSC: the checks at creation and the synchronous write path (mixed into the engine)."""

    #: Names of this Region's MRSC tables (empty: writes skip ``_strong_write``).
    _strong_tables: frozenset[str] = frozenset()

    # -- creation ------------------------------------------------------------------------------
    def _witness_updates(
        self,
        t: TableState,
        request: Mapping[str, Any],
        members: Mapping[str, Member],
        seen: set[str],
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        creates: list[str] = []
        deletes: list[str] = []
        for update in request.get("GlobalTableWitnessUpdates") or ():
            kinds = [k for k in ("Create", "Delete") if update.get(k)]
            if len(kinds) != 1:
                raise ValidationException(gmsg.ONE_ACTION)
            region = self._replica_region(update[kinds[0]].get("RegionName"), seen)  # type: ignore[attr-defined]
            if kinds[0] == "Create":
                if region in members:
                    raise ValidationException(gmsg.REPLICA_EXISTS.format(region=region))
                creates.append(region)
            elif region not in members or not members[region].witness:
                raise ValidationException(gmsg.REPLICA_NOT_FOUND.format(name=t.name, region=region))
            else:
                deletes.append(region)
        return tuple(creates), tuple(deletes)

    def _consistency(
        self,
        t: TableState,
        request: Mapping[str, Any],
        rep: Replication | None,
        creates: list[Member],
        witnesses: tuple[str, ...],
    ) -> str:
        given = request.get("MultiRegionConsistency")
        current = rep.consistency if rep is not None and rep.others() else None
        if given is not None and given not in ("EVENTUAL", "STRONG"):
            raise ValidationException(
                f"1 validation error detected: Value '{given}' at 'multiRegionConsistency' "
                "failed to satisfy constraint: Member must satisfy enum value set: "
                "[EVENTUAL, STRONG]"
            )
        if current is not None:
            if given is not None and given != current:
                raise ValidationException(gmsg.CONSISTENCY_FIXED)
            consistency = current
        else:
            if given is not None and not creates:
                raise ValidationException(gmsg.CONSISTENCY_ALONE)
            consistency = given or "EVENTUAL"
        if witnesses and consistency != "STRONG":
            raise ValidationException(gmsg.WITNESS_EVENTUAL)
        return consistency

    def _strong_check_plan(self, t: TableState, plan: Any, members: Mapping[str, Member]) -> None:
        """An MRSC group: exactly three Regions, an empty table, no LSIs, no TTL."""
        regions = set(members) | {self.region}
        regions |= {m.region for m in plan.creates} | set(plan.witness_creates)
        regions -= set(plan.deletes) | set(plan.witness_deletes)
        if not members and t.store.count:
            raise ValidationException(gmsg.MRSC_NOT_EMPTY)
        if plan.creates or plan.witness_creates or plan.deletes or plan.witness_deletes:
            empty_ok = len(regions) in (1, self.limits.mrsc_regions)
            if not empty_ok:
                raise ValidationException(gmsg.MRSC_REGIONS.format(count=self.limits.mrsc_regions))
        if t.lsis:
            raise ValidationException(gmsg.MRSC_UNSUPPORTED.format(feature="LocalSecondaryIndexes"))
        now = self.cloud.clock.time()
        if t.ttl is not None and t.ttl.status(now) in ("ENABLING", "ENABLED"):
            raise ValidationException(gmsg.MRSC_UNSUPPORTED.format(feature="Time to Live"))

    def _strong_check_update(self, name: str, request: Mapping[str, Any]) -> None:
        """Nothing of a plain UpdateTable is refused for MRSC today (hook kept explicit)."""

    def _strong_refresh(self) -> None:
        """Recompute the set of MRSC tables (after a group change)."""
        self._strong_tables = frozenset(
            t.name
            for t in self.tables.values()
            if t.replication is not None
            and t.replication.consistency == "STRONG"
            and t.replication.others()
        )

    # -- the write path ------------------------------------------------------------------------
    def _strong_write(
        self, op: Callable[..., dict[str, Any]], request: Mapping[str, Any], *args: Any
    ) -> dict[str, Any]:
        """Run a write operation on MRSC tables: claim, commit here, apply everywhere."""
        keys = self._strong_keys(request)
        if not keys:
            return op(self.state, request, *args)
        self._strong_reachable({name for name, _ in keys})
        claims = _claims(self.cloud)
        claims.claim(self.region, keys)
        try:
            box: list[tuple[str, ReplicatedWrite]] = []
            _local.box = box
            try:
                response = op(self.state, request, *args)
            finally:
                _local.box = None
            self._strong_send(box)
        finally:
            claims.release(keys)
        return response

    def _strong_keys(self, request: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """``(table, key)`` of every item of an MRSC table the request writes."""
        out: list[tuple[str, Any]] = []
        items = request.get("RequestItems")
        if isinstance(items, Mapping):
            for name, writes in items.items():
                for w in writes if isinstance(writes, list) else ():
                    body = (w or {}).get("PutRequest") or (w or {}).get("DeleteRequest") or {}
                    self._strong_key(out, name, body.get("Item") or body.get("Key"))
            return out
        name = request.get("TableName")
        self._strong_key(out, name, request.get("Item") or request.get("Key"))
        return out

    def _strong_key(self, out: list[tuple[str, Any]], name: Any, item: Any) -> None:
        if name not in self._strong_tables or not isinstance(item, Mapping):
            return
        t = self.tables.get(name)
        if t is None:
            return
        try:
            key = (item.get(t.hash_name), item.get(t.range_name) if t.range_name else None)
            hash(key)
        except TypeError:
            return  # the operation refuses such a key itself
        out.append((name, key))

    def _strong_reachable(self, names: set[str]) -> None:
        """Refuse a write in a Region that cannot reach another member of the group."""
        network = self.cloud.faults.network
        for name in names:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            if rep is None:
                continue
            reach = 1 + sum(
                not network.blocked(self.region, r, name) for r in rep.members if r != self.region
            )
            if reach < 2:
                raise InternalServerError(
                    "Internal server error: the replica cannot reach the other Regions of "
                    "its global table"
                )

    def _strong_send(self, box: list[tuple[str, ReplicatedWrite]]) -> None:
        """Apply the collected writes in every other replica (queued for the unreachable)."""
        by_table: dict[str, list[ReplicatedWrite]] = {}
        for name, write in box:
            by_table.setdefault(name, []).append(write)
        network = self.cloud.faults.network
        for name, writes in by_table.items():
            with self.lock:
                t = self.tables.get(name)
                rep = t.replication if t is not None else None
                targets = [m.region for m in rep.others()] if rep is not None else []
            for region in targets:
                if network.blocked(self.region, region, name):
                    self._strong_queue(name, region, writes)
                else:
                    self.cloud.engine("dynamodb", region).apply_replicated(name, writes)

    def _strong_queue(self, name: str, region: str, writes: list[ReplicatedWrite]) -> None:
        """A replica out of reach gets the writes when the network heals."""
        with self.lock:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            link = rep.links.get(region) if rep is not None else None
            if link is None:
                return
            now = self.cloud.clock.time()
            for w in writes:
                link.queue.append((max(now, link.last_due), w))

    def update_time_to_live(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateTimeToLive (``_ttl``), refused when it enables TTL on an MRSC table."""
        name = request.get("TableName")
        if isinstance(name, str) and self._strong_tables:
            spec = request.get("TimeToLiveSpecification")
            short = name.rpartition("table/")[2] if name.startswith("arn:") else name
            if short in self._strong_tables and isinstance(spec, Mapping) and spec.get("Enabled"):
                raise ValidationException(gmsg.MRSC_UNSUPPORTED.format(feature="Time to Live"))
        found: dict[str, Any] = super().update_time_to_live(request)  # type: ignore[misc]
        return found

    def _strong_refuse_transaction(self, request: Mapping[str, Any]) -> None:
        """TransactWriteItems on an MRSC table is refused."""
        for entry in request.get("TransactItems") or ():
            for body in (entry or {}).values():
                if isinstance(body, Mapping) and body.get("TableName") in self._strong_tables:
                    raise ValidationException(
                        gmsg.MRSC_UNSUPPORTED.format(feature="TransactWriteItems")
                    )
