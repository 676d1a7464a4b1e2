"""Global tables' state in one Region: the replica group as this replica knows it, the
versions of its items, and the queues of writes on their way to the other replicas.

Every replica of a global table keeps its own ``Replication`` (``TableState.replication``);
replicas learn of each other and exchange writes only through public methods of each
other's engines (``_global.GlobalTableOps``), never by touching another Region's state.

Conflicts are settled per item by last writer wins on the write's ``Version``: its
clock time, then a counter (so a write made on top of a newer replicated write still
wins over it), then the Region's name as the deterministic tie-break.
"""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime
from typing import Any, NamedTuple

import attrs

__all__ = ["ZERO", "Link", "Member", "ReplicatedWrite", "Replication", "Version"]

#: ``(clock time, counter, Region)`` of a write; tuples compare as last writer wins wants.
Version = tuple[float, int, str]
#: The version of an item written before its table became global (older than any write).
ZERO: Version = (0.0, 0, "")

#: The two versions of global tables.
CURRENT = "2019.11.21"
LEGACY = "2017.11.29"


class ReplicatedWrite(NamedTuple):
    """One committed write on its way from its Region to another replica."""

    #: ``(partition key, sort key)``.
    key: tuple[Any, Any]
    #: The new stored item (never mutated), None for a delete.
    item: dict[str, Any] | None
    version: Version
    #: Clock time of the write in its Region (ReplicationLatency counts from here).
    written: float
    #: The item's DynamoDB size (0 for a delete).
    size: int = 0


@attrs.frozen
class Member:
    """One replica (or witness) of a global table, as every member describes it."""

    region: str
    #: ACTIVE, or CREATING / DELETING until ``until`` (the Cloud's state delay).
    status: str = "ACTIVE"
    until: float = 0.0
    kms_key_arn: str | None = None
    #: ProvisionedThroughputOverride's ReadCapacityUnits.
    read_override: int | None = None
    #: OnDemandThroughputOverride's MaxReadRequestUnits.
    on_demand_override: int | None = None
    #: ``(index name, read units override, max read request units override)``.
    gsi_overrides: tuple[tuple[str, int | None, int | None], ...] = ()
    table_class: str | None = None
    witness: bool = False

    def status_at(self, now: float) -> str:
        """The status at clock time ``now`` (CREATING and UPDATING end ACTIVE at ``until``)."""
        if self.status in ("CREATING", "UPDATING") and now >= self.until:
            return "ACTIVE"
        return self.status

    def describe(self, now: float, arn: str) -> dict[str, Any]:
        """The ``ReplicaDescription`` of DescribeTable's ``Replicas``."""
        out: dict[str, Any] = {"RegionName": self.region, "ReplicaStatus": self.status_at(now)}
        if self.kms_key_arn is not None:
            out["KMSMasterKeyId"] = self.kms_key_arn
        if self.read_override is not None:
            out["ProvisionedThroughputOverride"] = {"ReadCapacityUnits": self.read_override}
        if self.on_demand_override is not None:
            out["OnDemandThroughputOverride"] = {"MaxReadRequestUnits": self.on_demand_override}
        if self.gsi_overrides:
            gsis = []
            for name, read, od in self.gsi_overrides:
                entry: dict[str, Any] = {"IndexName": name}
                if read is not None:
                    entry["ProvisionedThroughputOverride"] = {"ReadCapacityUnits": read}
                if od is not None:
                    entry["OnDemandThroughputOverride"] = {"MaxReadRequestUnits": od}
                gsis.append(entry)
            out["GlobalSecondaryIndexes"] = gsis
        if self.table_class is not None:
            out["ReplicaTableClassSummary"] = {"TableClass": self.table_class}
        return out


@attrs.define(eq=False)
class Link:
    """The writes queued from this replica to the replica in ``target``, in order."""

    target: str
    #: ``(clock time due, write)``; due times never decrease (per-item order is kept).
    queue: deque[tuple[float, ReplicatedWrite]] = attrs.field(factory=deque)
    #: The scheduled delivery of the head of the queue (None: none scheduled).
    task: Any = None
    #: Milliseconds from write to apply of the last write delivered (None: none yet).
    latency_ms: float | None = None
    delivered: int = 0

    @property
    def last_due(self) -> float:
        return self.queue[-1][0] if self.queue else 0.0


@attrs.define(eq=False)
class Replication:
    """The global-table state of one replica: see the module's docstring."""

    table: str
    region: str
    #: ``2019.11.21`` or ``2017.11.29`` (the legacy API's tables).
    version: str
    #: ``EVENTUAL`` (MREC) or ``STRONG`` (MRSC).
    consistency: str
    #: Every member by Region, this one included, in the order they joined.
    members: dict[str, Member]
    #: The Cloud's clock (the statuses of members are read against it).
    clock: Any
    links: dict[str, Link] = attrs.field(factory=dict)
    #: The last version applied per item key (deletes included: tombstones).
    versions: dict[tuple[Any, Any], Version] = attrs.field(factory=dict)
    #: True while a replicated write is being committed (its change is not sent on).
    applying: bool = False
    #: Legacy (2017.11.29) global table: its creation time.
    created: datetime | None = None

    def others(self) -> list[Member]:
        """The other members that hold data (not this one, not witnesses)."""
        return [m for r, m in self.members.items() if r != self.region and not m.witness]

    def witnesses(self) -> list[Member]:
        return [m for m in self.members.values() if m.witness]

    def describe_into(self, out: dict[str, Any]) -> None:
        """Add the global-table members of a ``TableDescription`` (DescribeTable)."""
        if self.version == LEGACY or (not self.others() and not self.witnesses()):
            # Legacy replicas are told apart by DescribeGlobalTable, not DescribeTable;
            # a table whose last other replica went is a table of one Region again.
            return
        now = self.clock.time()
        arn = out.get("TableArn", "")
        out["GlobalTableVersion"] = self.version
        out["Replicas"] = [m.describe(now, arn) for m in self.others()]
        witnesses = self.witnesses()
        if witnesses:
            out["GlobalTableWitnesses"] = [
                {"RegionName": w.region, "WitnessStatus": w.status_at(now)} for w in witnesses
            ]
        out["MultiRegionConsistency"] = self.consistency

    def pending(self) -> int:
        return sum(len(link.queue) for link in self.links.values())


def epoch(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, UTC)
