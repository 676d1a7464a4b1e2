"""Global tables, version 2019.11.21: replicas in other Regions of the Cloud.

``UpdateTable`` with ``ReplicaUpdates`` adds, changes and removes replicas; the table in
each Region is an ordinary table whose ``TableState.replication`` (``_global_model``)
knows the group. Each committed write (``_changes`` watcher) gets a version and is
queued for every other replica with a lag drawn from the Cloud's seeded generator;
a task on the Cloud's scheduler delivers it through the target engine's public
``apply_replicated``, which applies it when its version is newer (last writer wins).
Replicas never touch another Region's state: they call each other's engine methods,
outside their own lock.

MRSC (``MultiRegionConsistency="STRONG"``) is in ``_global_strong``; the legacy API
(2017.11.29) in ``_global_legacy``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from . import _global_messages as gmsg
from . import _table_messages as msg
from ._changes import Change
from ._create_table import parse_create_table
from ._engine_base import EngineBase
from ._errors import ResourceInUseException, ValidationException
from ._global_legacy import LegacyOps
from ._global_model import (
    CURRENT,
    LEGACY,
    ZERO,
    Link,
    Member,
    ReplicatedWrite,
    Replication,
    Version,
)
from ._global_strong import StrongOps, outbox
from ._items import commit
from ._validation import require

if TYPE_CHECKING:
    from ._table import TableState

__all__ = ["GlobalTableOps", "Local"]

#: UpdateTable members that change the group, not the table.
GROUP_MEMBERS = ("ReplicaUpdates", "GlobalTableWitnessUpdates", "MultiRegionConsistency")
#: UpdateTable members a replica passes on to the other replicas (the rest are its own).
SHARED_MEMBERS = (
    "BillingMode",
    "ProvisionedThroughput",
    "GlobalSecondaryIndexUpdates",
    "AttributeDefinitions",
    "OnDemandThroughput",
)
_OTHER_MEMBERS = (
    "AttributeDefinitions",
    "BillingMode",
    "ProvisionedThroughput",
    "GlobalSecondaryIndexUpdates",
    "StreamSpecification",
    "SSESpecification",
    "TableClass",
    "DeletionProtectionEnabled",
    "OnDemandThroughput",
    "WarmThroughput",
)


class Local(dict[str, Any]):
    """An UpdateTable request a replica applies to itself only (already checked and passed
    on by the replica that received it)."""


@attrs.frozen
class ReplicaPlan:
    """A checked ReplicaUpdates request."""

    creates: tuple[Member, ...]
    updates: tuple[Member, ...]
    deletes: tuple[str, ...]
    witness_creates: tuple[str, ...]
    witness_deletes: tuple[str, ...]
    consistency: str
    #: The stream to turn on first (no stream yet), as an UpdateTable request.
    stream_on: bool


class GlobalTableOps(StrongOps, LegacyOps, EngineBase):
    """The engine's global-table operations (mixed into ``DynamoDB``)."""

    # -- UpdateTable's global members ---------------------------------------------------------
    def _global_involved(self, request: Mapping[str, Any]) -> bool:
        """True when UpdateTable must go through ``_global_update_table``."""
        if isinstance(request, Local):
            return False
        if any(request.get(k) is not None for k in GROUP_MEMBERS):
            return True
        name = request.get("TableName")
        if not isinstance(name, str):
            return False
        t = self.tables.get(name.rpartition(":table/")[2] if name.startswith("arn:") else name)
        return t is not None and t.replication is not None

    def _global_update_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        if not any(request.get(k) is not None for k in GROUP_MEMBERS):
            return self._global_shared_update(request)
        given = [k for k in _OTHER_MEMBERS if request.get(k) is not None]
        if given:
            raise ValidationException(gmsg.REPLICA_WITH_OTHERS.format(members=", ".join(given)))
        name = require(request, "TableName")
        with self.lock:
            t = self._described(name)
            self._global_refuse_busy(t)
            plan = self._replica_plan(t, request)
            name = t.name
        for member in plan.creates:
            self._peer(member.region).replica_check(name)
        for region in plan.deletes:
            self._peer(region).replica_check_delete(name)
        if plan.stream_on:
            stream = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
            self.update_table(Local(TableName=name, StreamSpecification=stream))  # type: ignore[attr-defined]
        deleted = plan.deletes
        if deleted and self.limits.table_state_seconds:
            plan = self._deleting(name, plan)
        self._replica_apply(name, plan)
        with self.lock:
            t = self._described(name)
            if self.limits.table_state_seconds:  # UPDATING while the group changes
                self._delay(t, "UPDATING", self.state.updating)  # type: ignore[attr-defined]
            described = t.describe()
        described["TableStatus"] = "UPDATING"
        created = {m.region for m in plan.creates}
        for replica in described.get("Replicas", []):
            if replica["RegionName"] in created:
                replica["ReplicaStatus"] = "CREATING"
        if deleted:  # the answer shows each replica going as DELETING ([?] when the last goes)
            described.setdefault("GlobalTableVersion", CURRENT)
            shown = {r["RegionName"] for r in described.setdefault("Replicas", [])}
            described["Replicas"].extend(
                {"RegionName": region, "ReplicaStatus": "DELETING"}
                for region in deleted
                if region not in shown
            )
        return {"TableDescription": described}

    def _deleting(self, name: str, plan: ReplicaPlan) -> ReplicaPlan:
        """With the state delay: the replicas to delete stay members, DELETING, until the
        clock passes the delay; a scheduler task then removes them."""
        delay = self.limits.table_state_seconds
        until = self.cloud.clock.time() + delay
        with self.lock:
            rep = self._described(name).replication
            members = dict(rep.members) if rep is not None else {}
        dying = tuple(
            attrs.evolve(members.get(r, Member(region=r)), status="DELETING", until=until)
            for r in plan.deletes
        )
        for region in plan.deletes:
            self.cloud.scheduler.call_at(
                until, self._replica_deleted, name, region, name=f"dynamodb:replica:{name}:{region}"
            )
        return attrs.evolve(plan, deletes=(), updates=plan.updates + dying)

    def _replica_deleted(self, name: str, region: str) -> None:
        """The scheduled end of a replica's DELETING: it leaves the group, its table goes."""
        with self.lock:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            if rep is None or region not in rep.members:
                return
            consistency = rep.consistency
        self._replica_apply(name, ReplicaPlan((), (), (region,), (), (), consistency, False))

    def _global_refuse_busy(self, t: TableState) -> None:
        if t.status in ("CREATING", "DELETING"):
            raise ResourceInUseException(msg.TABLE_BEING_CREATED.format(name=t.name))
        if t.status == "UPDATING":
            raise ResourceInUseException(msg.TABLE_BEING_UPDATED.format(name=t.name))

    def _replica_plan(self, t: TableState, request: Mapping[str, Any]) -> ReplicaPlan:
        """Check ReplicaUpdates / witnesses / consistency against ``t`` (under the lock)."""
        rep: Replication | None = t.replication
        if rep is not None and rep.version == LEGACY:
            raise ValidationException(gmsg.LEGACY_REPLICA_UPDATES)
        members = dict(rep.members) if rep is not None else {}
        creates: list[Member] = []
        updates: list[Member] = []
        deletes: list[str] = []
        seen: set[str] = set()
        for update in request.get("ReplicaUpdates") or ():
            kinds = [k for k in ("Create", "Update", "Delete", "Disassociate") if update.get(k)]
            if len(kinds) != 1:
                raise ValidationException(gmsg.ONE_ACTION)
            kind = kinds[0]
            if kind == "Disassociate":
                raise ValidationException(gmsg.DISASSOCIATE)
            body = update[kind]
            region = self._replica_region(body.get("RegionName"), seen)
            if kind == "Create":
                if region in members:
                    raise ValidationException(gmsg.REPLICA_EXISTS.format(region=region))
                creates.append(self._member(t, region, body, None))
            elif region not in members or members[region].witness:
                raise ValidationException(gmsg.REPLICA_NOT_FOUND.format(name=t.name, region=region))
            elif kind == "Update":
                updates.append(self._member(t, region, body, members[region]))
            else:
                deletes.append(region)
        w_creates, w_deletes = self._witness_updates(t, request, members, seen)
        consistency = self._consistency(t, request, rep, creates, w_creates)
        stream_on = False
        if creates:
            enabled = bool(t.stream and t.stream.get("StreamEnabled"))
            view = t.stream.get("StreamViewType") if enabled and t.stream else None
            if enabled and view != "NEW_AND_OLD_IMAGES":
                raise ValidationException(gmsg.STREAM_VIEW.format(view=view))
            stream_on = not enabled
        plan = ReplicaPlan(
            tuple(creates),
            tuple(updates),
            tuple(deletes),
            w_creates,
            w_deletes,
            consistency,
            stream_on,
        )
        if consistency == "STRONG":
            self._strong_check_plan(t, plan, members)
        return plan

    def _replica_region(self, region: Any, seen: set[str]) -> str:
        if not isinstance(region, str) or region not in self.cloud.regions:
            raise ValidationException(gmsg.REPLICA_UNKNOWN_REGION.format(region=region))
        if region == self.region:
            raise ValidationException(gmsg.LOCAL_REGION)
        if region in seen:
            raise ValidationException(gmsg.REPLICA_REGION_TWICE.format(region=region))
        seen.add(region)
        return region

    def _member(
        self, t: TableState, region: str, body: Mapping[str, Any], was: Member | None
    ) -> Member:
        """The member a Create or Update action describes (overrides checked)."""
        read = (body.get("ProvisionedThroughputOverride") or {}).get("ReadCapacityUnits")
        od = (body.get("OnDemandThroughputOverride") or {}).get("MaxReadRequestUnits")
        gsis = []
        for spec in body.get("GlobalSecondaryIndexes") or ():
            iname = spec.get("IndexName")
            if iname not in t.gsis:
                raise ValidationException(
                    gmsg.GSI_OVERRIDE_UNKNOWN.format(index=iname, name=t.name)
                )
            gsis.append(
                (
                    iname,
                    (spec.get("ProvisionedThroughputOverride") or {}).get("ReadCapacityUnits"),
                    (spec.get("OnDemandThroughputOverride") or {}).get("MaxReadRequestUnits"),
                )
            )
        for value, path in ((read, "readCapacityUnits"), (od, "maxReadRequestUnits")):
            if value is not None and (isinstance(value, bool) or value < 1):
                raise ValidationException(
                    f"1 validation error detected: Value '{value}' at '{path}' failed to "
                    "satisfy constraint: Member must have value greater than or equal to 1"
                )
        if read is not None and t.billing_mode != "PROVISIONED":
            raise ValidationException(msg.PAY_PER_REQUEST_NO_THROUGHPUT)
        kms = body.get("KMSMasterKeyId")
        peer_kms = None
        if kms is not None:
            peer_kms = self._peer(region)._kms_arn(kms)
        base = was if was is not None else Member(region=region)
        status, until = ("ACTIVE", 0.0)
        delay = self.limits.table_state_seconds
        if delay:
            status, until = (
                ("CREATING" if was is None else "UPDATING"),
                (self.cloud.clock.time() + delay),
            )
        return attrs.evolve(
            base,
            status=status,
            until=until,
            kms_key_arn=peer_kms if kms is not None else base.kms_key_arn,
            read_override=read if read is not None else base.read_override,
            on_demand_override=od if od is not None else base.on_demand_override,
            gsi_overrides=tuple(gsis) if gsis else base.gsi_overrides,
            table_class=body.get("TableClassOverride") or base.table_class,
        )

    # -- applying a plan (outside the lock: it calls other Regions) ----------------------------
    def _replica_apply(self, name: str, plan: ReplicaPlan) -> None:
        with self.lock:
            t = self._described(name)
            rep = t.replication
            if rep is None:
                rep = self._replication_for(t, CURRENT, plan.consistency, {})
                rep.members[self.region] = Member(region=self.region)
            members = dict(rep.members)
            for m in plan.updates:
                members[m.region] = m
            for region in plan.deletes + plan.witness_deletes:
                members.pop(region, None)
            for m in plan.creates:
                members[m.region] = m
            for region in plan.witness_creates:
                members[region] = Member(region=region, witness=True)
            request = _replica_request(t)
        created = [m.region for m in plan.creates]
        for m in plan.creates:
            self._peer(m.region).replica_create(
                name, dict(request), _overrides(m, request), members, plan.consistency
            )
        for m in plan.updates:
            self._peer(m.region).replica_settings(name, m)
        for region in plan.deletes:
            self._peer(region).replica_drop(name)
        for region, member in members.items():
            if not member.witness and region not in created:
                self._peer(region).replica_group(name, members, created)

    def _backfill(self, t: TableState, rep: Replication) -> list[ReplicatedWrite]:
        """Every item of ``t`` as replicated writes (a new replica starts from them)."""
        now = self.cloud.clock.time()
        versions = rep.versions
        # An item written before the table went global has no version: the lowest one.
        first: Version = (0.0, 0, self.region)
        return [
            ReplicatedWrite((hk, rk), entry[0], versions.get((hk, rk), first), now, entry[1])
            for hk, rk, entry in t.store.scan()
        ]

    def _replication_for(
        self, t: TableState, version: str, consistency: str, members: dict[str, Member]
    ) -> Replication:
        rep = Replication(
            table=t.name,
            region=self.region,
            version=version,
            consistency=consistency,
            members=dict(members),
            clock=self.cloud.clock,
        )
        t.replication = rep
        t.watchers.append(self._global_changed)
        return rep

    # -- what other Regions' engines call -----------------------------------------------------
    def replica_check(self, name: str) -> None:
        """Refuse a new replica of ``name`` here when the name is taken (nothing changes)."""
        with self.lock:
            self.state.settle()
            if name in self.tables or name in self.state.pending:
                raise ValidationException(
                    gmsg.REPLICA_TABLE_EXISTS.format(region=self.region, name=name)
                )

    def replica_check_delete(self, name: str) -> None:
        """Refuse to drop the replica of ``name`` here when DeleteTable would refuse it."""
        with self.lock:
            t = self.tables.get(name)
            if t is not None and t.deletion_protection:
                raise ValidationException(msg.DELETION_PROTECTED)

    def replica_create(
        self,
        name: str,
        request: dict[str, Any],
        overrides: Mapping[str, Any],
        members: Mapping[str, Member],
        consistency: str,
        version: str = CURRENT,
    ) -> None:
        """Make the replica of ``name`` here, empty, as another Region's replica asks."""
        request = {**request, **overrides}
        now = self.cloud.now()
        plan = parse_create_table(request, limits=self.limits, now=now)
        with self.lock:
            self.state.settle()
            if name in self.tables or name in self.state.pending:
                raise ValidationException(
                    gmsg.REPLICA_TABLE_EXISTS.format(region=self.region, name=name)
                )
            table = plan.build(
                arn=self._table_arn(name),
                table_id=self.cloud.ids.uuid(),
                now=now,
                kms_arn=self._kms_arn,  # type: ignore[attr-defined]
                limits=self.limits,
            )
            self._streams_sync(table)  # type: ignore[attr-defined]
            self._replication_for(table, version, consistency, dict(members))
            self.tables[name] = table
            self._global_links(table.replication)
            self._strong_refresh()

    def replica_settings(self, name: str, member: Member) -> None:
        """Apply a replica's changed overrides (ReplicaUpdates Update) to its table here."""
        with self.lock:
            t = self.tables.get(name)
            if t is None:
                return
            request: dict[str, Any] = {"TableName": name}
            if member.table_class is not None and member.table_class != (
                t.table_class or "STANDARD"
            ):
                request["TableClass"] = member.table_class
            read = member.read_override
            if read is not None and t.throughput is not None and t.throughput[0] != read:
                request["ProvisionedThroughput"] = {
                    "ReadCapacityUnits": read,
                    "WriteCapacityUnits": t.throughput[1],
                }
            od = member.on_demand_override
            if od is not None and (t.on_demand or {}).get("MaxReadRequestUnits") != od:
                request["OnDemandThroughput"] = {"MaxReadRequestUnits": od}
            if member.kms_key_arn is not None and member.kms_key_arn != t.sse_key_arn:
                request["SSESpecification"] = {
                    "Enabled": True,
                    "SSEType": "KMS",
                    "KMSMasterKeyId": member.kms_key_arn,
                }
        if len(request) > 1:
            self.update_table(Local(request))  # type: ignore[attr-defined]

    def replica_group(
        self, name: str, members: Mapping[str, Member], backfill_to: Sequence[str] = ()
    ) -> None:
        """The group of ``name`` changed: its members are now ``members``. Then this
        replica's items go to each new replica in ``backfill_to`` (after its link opened,
        so no write falls between the two)."""
        with self.lock:
            t = self.tables.get(name) or self.state.pending.get(name)
            if t is None or t.replication is None:
                return
            rep: Replication = t.replication
            rep.members = dict(members)
            self._global_links(rep)
            if not rep.others() and not rep.witnesses():
                self._global_detach(t)
            self._strong_refresh()
            send = self._backfill(t, rep) if backfill_to else []
        for region in backfill_to:
            if region != self.region:
                self._peer(region).apply_replicated(name, send)

    def replica_left(self, name: str, region: str) -> None:
        """The replica of ``name`` in ``region`` was deleted there (DeleteTable).

        Takes no lock (the deleting Region holds its own): the group is replaced in one
        assignment, and links to the gone Region close at their next delivery.
        """
        t = self.tables.get(name) or self.state.pending.get(name)
        rep: Replication | None = t.replication if t is not None else None
        if rep is None:
            return
        rep.members = {r: m for r, m in rep.members.items() if r != region}
        gone = rep.links.get(region)
        rep.links = {r: link for r, link in rep.links.items() if r != region}
        if gone is not None and gone.task is not None:
            gone.task.cancel()

    def replica_drop(self, name: str) -> None:
        """Delete the replica of ``name`` here (ReplicaUpdates Delete from another Region)."""
        with self.lock:
            t = self.tables.get(name)
            if t is None:
                return
            if t.replication is not None:
                t.replication.members = {self.region: Member(region=self.region)}
        self.delete_table({"TableName": name})  # type: ignore[attr-defined]

    def apply_replicated(self, name: str, writes: Sequence[ReplicatedWrite]) -> int:
        """Apply writes replicated from another Region: each one whose version is newer
        than the item's (last writer wins); the number applied. A replicated write is an
        ordinary write in this Region's stream (no service identity)."""
        applied = 0
        with self.lock:
            t = self.tables.get(name) or self.state.pending.get(name)
            rep: Replication | None = t.replication if t is not None else None
            if t is None or rep is None:
                return 0
            versions = rep.versions
            store = t.store
            for w in writes:
                if w.version <= versions.get(w.key, ZERO):
                    continue
                versions[w.key] = w.version
                old = store.get(*w.key)
                if old is None and w.item is None:
                    continue
                rep.applying = True
                try:
                    new = None if w.item is None else (w.item, w.size)
                    commit(self.state, t, w.key, old, new)
                finally:
                    rep.applying = False
                applied += 1
        return applied

    def replica_version(self, name: str, key: tuple[Any, Any]) -> Version:
        """The version of the item under ``key`` here (``ZERO`` when never written)."""
        with self.lock:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            return ZERO if rep is None else rep.versions.get(key, ZERO)

    # -- the write hook and the links ---------------------------------------------------------
    def _global_changed(self, change: Change) -> None:
        """Watcher of a replica: version the write and queue it for the other replicas."""
        rep: Replication | None = change.table.replication
        if rep is None or rep.applying:
            return
        key = change.key
        now = change.time
        current = rep.versions.get(key, ZERO)
        version: Version = (
            (current[0], current[1] + 1, self.region)
            if current[0] >= now
            else (now, 0, self.region)
        )
        rep.versions[key] = version
        if not rep.links:
            return
        write = ReplicatedWrite(key, change.new, version, now, change.new_size)
        box = outbox()
        if box is not None and rep.consistency == "STRONG":
            box.append((rep.table, write))
            return
        lo, hi = self.limits.replication_lag_min, self.limits.replication_lag_max
        ids = self.cloud.ids
        for link in rep.links.values():
            due = max(now + lo + (hi - lo) * ids.fraction(), link.last_due)
            link.queue.append((due, write))
            if link.task is None:
                link.task = self.cloud.scheduler.call_at(
                    due, self._link_drain, rep.table, link.target, name="dynamodb replication"
                )

    def _global_links(self, rep: Replication | None) -> None:
        """Open a link to every other member that holds data; close the others."""
        if rep is None:
            return
        wanted = {m.region for m in rep.others()}
        for region in list(rep.links):
            if region not in wanted:
                link = rep.links.pop(region)
                if link.task is not None:
                    link.task.cancel()
        for region in wanted:
            rep.links.setdefault(region, Link(region))

    def _global_detach(self, t: TableState) -> None:
        """``t`` is no longer global (its last other replica went)."""
        rep = t.replication
        if rep is None:
            return
        for link in rep.links.values():
            if link.task is not None:
                link.task.cancel()
        t.replication = None
        if self._global_changed in t.watchers:
            t.watchers.remove(self._global_changed)
        self._strong_refresh()

    def _link_drain(self, name: str, target: str) -> None:
        """Deliver the writes due on the link from this replica of ``name`` to ``target``."""
        with self.lock:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            link = rep.links.get(target) if rep is not None else None
            if link is None:
                return
            link.task = None
            if target not in rep.members:  # type: ignore[union-attr]
                rep.links.pop(target, None)  # type: ignore[union-attr]
                return
            if self.cloud.faults.network.blocked(self.region, target, name):
                return  # waits for network_healed()
            now = self.cloud.clock.time()
            queue = link.queue
            batch: list[ReplicatedWrite] = []
            while queue and queue[0][0] <= now:
                batch.append(queue.popleft()[1])
            if queue:
                link.task = self.cloud.scheduler.call_at(
                    queue[0][0], self._link_drain, name, target, name="dynamodb replication"
                )
        if not batch:
            return
        self._peer(target).apply_replicated(name, batch)
        with self.lock:
            link.latency_ms = round((now - batch[-1].written) * 1000, 3)
            link.delivered += len(batch)

    def network_healed(self) -> None:
        """A partition healed or a replica resumed: deliver what waited."""
        with self.lock:
            now = self.cloud.clock.time()
            for t in self.tables.values():
                rep: Replication | None = t.replication
                if rep is None:
                    continue
                for link in rep.links.values():
                    if link.queue and link.task is None:
                        link.task = self.cloud.scheduler.call_at(
                            max(now, link.queue[0][0]),
                            self._link_drain,
                            t.name,
                            link.target,
                            name="dynamodb replication",
                        )

    def replication_metrics(self, name: str) -> dict[str, dict[str, Any]]:
        """CloudWatch's global-table metrics of this replica, per receiving Region:
        ``ReplicationLatency`` (milliseconds, the last write delivered; None before
        any) and ``PendingReplicationCount`` (writes not yet applied there)."""
        with self.lock:
            t = self._described(name)
            rep: Replication | None = t.replication
            if rep is None:
                return {}
            return {
                region: {
                    "ReplicationLatency": link.latency_ms,
                    "PendingReplicationCount": len(link.queue),
                }
                for region, link in sorted(rep.links.items())
            }

    # -- DeleteTable and settings shared by the group --------------------------------------------
    def _global_table_deleted(self, t: TableState, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``: the others are told (their
        groups change without taking this Region's lock again)."""
        rep: Replication | None = t.replication
        if rep is None:
            return
        others = [m.region for m in rep.others()]
        self._global_detach(t)
        for region in others:
            self._peer(region).replica_left(t.name, self.region)
        self._strong_refresh()

    def _global_shared_update(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateTable on a replica: applied here, then the shared members on the others."""
        with self.lock:
            name = self._described(request["TableName"]).name
        if request.get("StreamSpecification") is not None and not request[
            "StreamSpecification"
        ].get("StreamEnabled"):
            raise ValidationException(gmsg.STREAM_DISABLE)
        self._strong_check_update(name, request)
        response: dict[str, Any] = self.update_table(Local(request))  # type: ignore[attr-defined]
        shared = {k: request[k] for k in SHARED_MEMBERS if request.get(k) is not None}
        if not shared:
            return response
        with self.lock:
            t = self.tables.get(name)
            rep = t.replication if t is not None else None
            others = [m.region for m in rep.others()] if rep is not None else []
        for region in others:
            self._peer(region).update_table(Local(TableName=name, **shared))
        return response

    def replica_ttl(self, name: str, enabled: bool, attribute: str) -> None:
        """Another replica changed the global table's TTL setting: take it here too (the
        setting is the group's, so the one-change-an-hour rule is the caller's)."""
        from ._ttl_index import TtlState

        with self.lock:
            t = self.tables.get(name)
            if t is None or t.replication is None:
                return
            now = self.cloud.clock.time()
            state = t.ttl
            if state is None:
                state = t.ttl = TtlState(
                    db=self.state, table=t, ids=self.cloud.ids, scheduler=self.cloud.scheduler
                )
            if enabled:
                state.enable(attribute, now)
            else:
                state.disable(now)

    def _peer(self, region: str) -> Any:
        """The DynamoDB engine of another Region of this Cloud."""
        return self.cloud.engine("dynamodb", region)


def _replica_request(t: TableState) -> dict[str, Any]:
    """The CreateTable request of a new replica of ``t`` (schema, indexes, billing)."""
    request: dict[str, Any] = {
        "TableName": t.name,
        "KeySchema": t.key_schema(),
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": v} for n, v in t.attribute_types.items()
        ],
        "BillingMode": t.billing_mode,
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    }
    if t.throughput is not None:
        request["ProvisionedThroughput"] = {
            "ReadCapacityUnits": t.throughput[0],
            "WriteCapacityUnits": t.throughput[1],
        }
    if t.gsis:
        request["GlobalSecondaryIndexes"] = [_index_request(i) for i in t.gsis.values()]
    if t.lsis:
        request["LocalSecondaryIndexes"] = [_index_request(i) for i in t.lsis.values()]
    if t.table_class is not None:
        request["TableClass"] = t.table_class
    if t.on_demand is not None:
        request["OnDemandThroughput"] = dict(t.on_demand)
    return request


def _index_request(index: Any) -> dict[str, Any]:
    described = index.describe()
    out = {k: described[k] for k in ("IndexName", "KeySchema", "Projection")}
    if index.throughput is not None:
        out["ProvisionedThroughput"] = {
            "ReadCapacityUnits": index.throughput[0],
            "WriteCapacityUnits": index.throughput[1],
        }
    return out


def _overrides(m: Member, request: Mapping[str, Any]) -> dict[str, Any]:
    """What a member's overrides change in its replica's CreateTable request."""
    out: dict[str, Any] = {}
    throughput = request.get("ProvisionedThroughput")
    if m.read_override is not None and throughput is not None:
        out["ProvisionedThroughput"] = {**throughput, "ReadCapacityUnits": m.read_override}
    if m.on_demand_override is not None:
        out["OnDemandThroughput"] = {
            **(request.get("OnDemandThroughput") or {}),
            "MaxReadRequestUnits": m.on_demand_override,
        }
    reads = {name: read for name, read, _od in m.gsi_overrides if read is not None}
    if reads and request.get("GlobalSecondaryIndexes"):
        gsis = []
        for gsi in request["GlobalSecondaryIndexes"]:
            gsi = dict(gsi)
            if gsi["IndexName"] in reads and gsi.get("ProvisionedThroughput") is not None:
                gsi["ProvisionedThroughput"] = {
                    **gsi["ProvisionedThroughput"],
                    "ReadCapacityUnits": reads[gsi["IndexName"]],
                }
            gsis.append(gsi)
        out["GlobalSecondaryIndexes"] = gsis
    if m.kms_key_arn is not None:
        out["SSESpecification"] = {
            "Enabled": True,
            "SSEType": "KMS",
            "KMSMasterKeyId": m.kms_key_arn,
        }
    if m.table_class is not None:
        out["TableClass"] = m.table_class
    return out
