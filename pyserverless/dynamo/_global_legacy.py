"""Global tables version 2017.11.29 (legacy): CreateGlobalTable, UpdateGlobalTable,
DescribeGlobalTable, ListGlobalTables, Describe/UpdateGlobalTableSettings; and
Describe/UpdateTableReplicaAutoScaling.

A legacy global table joins tables that already exist, one per Region, empty, with the
same key schema and a NEW_AND_OLD_IMAGES stream. They replicate on the same machinery
as the current version (``_global``). Each Region's engine is asked about its own table
through public methods (``legacy_probe``, ``legacy_join``, ``legacy_leave``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import _global_messages as gmsg
from ._engine_base import EngineBase
from ._errors import (
    GlobalTableAlreadyExistsException,
    GlobalTableNotFoundException,
    ReplicaAlreadyExistsException,
    ReplicaNotFoundException,
    TableNotFoundException,
    ValidationException,
)
from ._global_model import LEGACY, Member, Replication, epoch
from ._validation import Constraints, require

__all__ = ["LegacyOps"]


class LegacyOps(EngineBase):
    """The legacy global-table operations (mixed into the engine through ``_global``)."""

    # -- what other Regions ask --------------------------------------------------------------
    def legacy_probe(self, name: str) -> dict[str, Any] | None:
        """What a legacy global table needs to know of the table ``name`` here."""
        with self.lock:
            t = self.tables.get(name)
            if t is None:
                return None
            rep: Replication | None = t.replication
            stream = t.stream or {}
            return {
                "empty": t.store.count == 0,
                "stream": stream.get("StreamViewType") if stream.get("StreamEnabled") else None,
                "schema": (
                    tuple(t.key_schema()[i]["AttributeName"] for i in range(len(t.key_names))),
                    tuple(
                        sorted((i.name, i.hash_name, i.range_name or "") for i in t.gsis.values())
                    ),
                ),
                "global": None if rep is None else rep.version,
                "members": [] if rep is None else list(rep.members),
                "created": None if rep is None else rep.created,
                "table": t,
            }

    def legacy_join(self, name: str, regions: list[str], created: datetime) -> None:
        """Make the table ``name`` here a member of the legacy global table of ``regions``."""
        with self.lock:
            t = self.tables.get(name)
            if t is None:
                return
            members = {r: Member(region=r) for r in regions}
            rep: Replication | None = t.replication
            if rep is None:
                rep = self._replication_for(t, LEGACY, "EVENTUAL", members)  # type: ignore[attr-defined]
                rep.created = created
            rep.members = members
            self._global_links(rep)  # type: ignore[attr-defined]

    def legacy_leave(self, name: str) -> None:
        """The table ``name`` here leaves its legacy global table (it stays a table)."""
        with self.lock:
            t = self.tables.get(name)
            if t is not None and t.replication is not None:
                self._global_detach(t)  # type: ignore[attr-defined]

    # -- the operations ----------------------------------------------------------------------
    def create_global_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        name = require(request, "GlobalTableName")
        regions = self._legacy_regions(
            [r.get("RegionName") for r in require(request, "ReplicationGroup")]
        )
        probes = {r: self._legacy_peer(r).legacy_probe(name) for r in regions}
        for region, probe in probes.items():
            if probe is None:
                raise TableNotFoundException(
                    gmsg.LEGACY_TABLE_NOT_FOUND.format(name=name, region=region)
                )
        for probe in probes.values():
            if probe["global"] is not None:
                raise GlobalTableAlreadyExistsException(gmsg.GLOBAL_TABLE_EXISTS.format(name=name))
        self._legacy_check(name, probes)
        created = self.cloud.now()
        for region in regions:
            self._legacy_peer(region).legacy_join(name, regions, created)
        return {"GlobalTableDescription": self._legacy_description(name, regions, created)}

    def update_global_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        name = require(request, "GlobalTableName")
        regions, created = self._legacy_group(name)
        adds: list[str] = []
        drops: list[str] = []
        for update in require(request, "ReplicaUpdates"):
            kinds = [k for k in ("Create", "Delete") if update.get(k)]
            if len(kinds) != 1:
                raise ValidationException(gmsg.ONE_ACTION)
            region = self._legacy_regions([update[kinds[0]].get("RegionName")])[0]
            if kinds[0] == "Create":
                if region in regions or region in adds:
                    raise ReplicaAlreadyExistsException(
                        gmsg.LEGACY_REPLICA_EXISTS.format(region=region, name=name)
                    )
                adds.append(region)
            else:
                if region not in regions or region in drops:
                    raise ReplicaNotFoundException(
                        gmsg.LEGACY_REPLICA_NOT_FOUND.format(region=region, name=name)
                    )
                drops.append(region)
        probes = {r: self._legacy_peer(r).legacy_probe(name) for r in adds}
        for region, probe in probes.items():
            if probe is None:
                raise TableNotFoundException(
                    gmsg.LEGACY_TABLE_NOT_FOUND.format(name=name, region=region)
                )
            if probe["global"] is not None:
                raise ValidationException(
                    gmsg.LEGACY_ALREADY_GLOBAL.format(name=name, region=region)
                )
        self._legacy_check(
            name, {**probes, regions[0]: self._legacy_peer(regions[0]).legacy_probe(name)}
        )
        group = [r for r in [*regions, *adds] if r not in drops]
        for region in drops:
            self._legacy_peer(region).legacy_leave(name)
        for region in group:
            self._legacy_peer(region).legacy_join(name, group, created)
        return {"GlobalTableDescription": self._legacy_description(name, group, created)}

    def describe_global_table(self, request: Mapping[str, Any]) -> dict[str, Any]:
        name = require(request, "GlobalTableName")
        regions, created = self._legacy_group(name)
        return {"GlobalTableDescription": self._legacy_description(name, regions, created)}

    def list_global_tables(self, request: Mapping[str, Any]) -> dict[str, Any]:
        c = Constraints()
        limit = request.get("Limit", 100)
        c.at_least(limit, "limit", 1)
        c.raise_if_any()
        only = request.get("RegionName")
        start = request.get("ExclusiveStartGlobalTableName")
        found: dict[str, list[str]] = {}
        for region in self.cloud.regions_with("dynamodb"):
            engine = self._legacy_peer(region)
            for tname in engine.legacy_names():
                found.setdefault(tname, engine.legacy_probe(tname)["members"])
        names = sorted(n for n, members in found.items() if only is None or only in members)
        if start is not None:
            names = [n for n in names if n > start]
        page = names[: min(limit, 100)]
        out: dict[str, Any] = {
            "GlobalTables": [
                {"GlobalTableName": n, "ReplicationGroup": [{"RegionName": r} for r in found[n]]}
                for n in page
            ]
        }
        if len(names) > len(page):
            out["LastEvaluatedGlobalTableName"] = page[-1]
        return out

    def legacy_names(self) -> list[str]:
        """The tables here that belong to a legacy global table."""
        with self.lock:
            return [
                t.name
                for t in self.tables.values()
                if t.replication is not None and t.replication.version == LEGACY
            ]

    def describe_global_table_settings(self, request: Mapping[str, Any]) -> dict[str, Any]:
        name = require(request, "GlobalTableName")
        regions, _created = self._legacy_group(name)
        return {
            "GlobalTableName": name,
            "ReplicaSettings": [self._legacy_peer(r).legacy_settings(name) for r in regions],
        }

    def legacy_settings(self, name: str) -> dict[str, Any]:
        """``ReplicaSettingsDescription`` of the table ``name`` here."""
        with self.lock:
            t = self.tables[name]
            out: dict[str, Any] = {
                "RegionName": self.region,
                "ReplicaStatus": "ACTIVE",
                "ReplicaBillingModeSummary": {"BillingMode": t.billing_mode},
            }
            if t.throughput is not None:
                out["ReplicaProvisionedReadCapacityUnits"] = t.throughput[0]
                out["ReplicaProvisionedWriteCapacityUnits"] = t.throughput[1]
            else:
                out["ReplicaProvisionedReadCapacityUnits"] = 0
                out["ReplicaProvisionedWriteCapacityUnits"] = 0
            out["ReplicaGlobalSecondaryIndexSettings"] = [
                {
                    "IndexName": i.name,
                    "IndexStatus": "ACTIVE",
                    **(
                        {
                            "ProvisionedReadCapacityUnits": i.throughput[0],
                            "ProvisionedWriteCapacityUnits": i.throughput[1],
                        }
                        if i.throughput is not None
                        else {}
                    ),
                }
                for i in t.gsis.values()
            ]
            if t.table_class is not None:
                out["ReplicaTableClassSummary"] = {"TableClass": t.table_class}
            return out

    def update_global_table_settings(self, request: Mapping[str, Any]) -> dict[str, Any]:
        name = require(request, "GlobalTableName")
        regions, _created = self._legacy_group(name)
        for member in (
            "GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate",
            "GlobalTableGlobalSecondaryIndexSettingsUpdate",
        ):
            if request.get(member) is not None:
                raise ValidationException(
                    "One or more parameter values were invalid: pyserverless does not "
                    f"emulate {member} (see docs/dynamodb-global.md); leave it out"
                )
        updates = {u["RegionName"]: u for u in request.get("ReplicaSettingsUpdate") or ()}
        for region in updates:
            if region not in regions:
                raise ReplicaNotFoundException(
                    gmsg.LEGACY_REPLICA_NOT_FOUND.format(region=region, name=name)
                )
        billing = request.get("GlobalTableBillingMode")
        write = request.get("GlobalTableProvisionedWriteCapacityUnits")
        for region in regions:
            self._legacy_peer(region).legacy_apply_settings(
                name, billing, write, updates.get(region)
            )
        return self.describe_global_table_settings({"GlobalTableName": name})

    def legacy_apply_settings(
        self, name: str, billing: str | None, write: int | None, replica: Mapping[str, Any] | None
    ) -> None:
        """Apply UpdateGlobalTableSettings to the table ``name`` here (UpdateTable)."""
        from ._global import Local

        with self.lock:
            t = self.tables[name]
            read = t.throughput[0] if t.throughput else 1
            current_write = t.throughput[1] if t.throughput else 1
        if replica is not None:
            for member in (
                "ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate",
                "ReplicaGlobalSecondaryIndexSettingsUpdate",
            ):
                if replica.get(member) is not None:
                    raise ValidationException(
                        "One or more parameter values were invalid: pyserverless does not "
                        f"emulate {member} (see docs/dynamodb-global.md); leave it out"
                    )
            read = replica.get("ReplicaProvisionedReadCapacityUnits", read)
        request: dict[str, Any] = {"TableName": name}
        mode = billing or t.billing_mode
        if billing is not None and billing != t.billing_mode:
            request["BillingMode"] = billing
        if mode == "PROVISIONED" and (
            write is not None or replica is not None or "BillingMode" in request
        ):
            request["ProvisionedThroughput"] = {
                "ReadCapacityUnits": read,
                "WriteCapacityUnits": write if write is not None else current_write,
            }
        if replica is not None and replica.get("ReplicaTableClass") is not None:
            request["TableClass"] = replica["ReplicaTableClass"]
        if len(request) > 1:
            try:
                self.update_table(Local(request))  # type: ignore[attr-defined]
            except ValidationException as err:
                if "does not change" not in str(err) and "unchanged" not in str(err):
                    raise

    # -- replica auto scaling (2019.11.21) ---------------------------------------------------
    def describe_table_replica_auto_scaling(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """No auto scaling is configured here (Application Auto Scaling is not emulated):
        each replica is described with its status and indexes, no scaling settings."""
        with self.lock:
            t = self._described(require(request, "TableName"))
            rep: Replication | None = t.replication
            regions = [self.region] + ([m.region for m in rep.others()] if rep else [])
            status = t.status
            name = t.name
        replicas = []
        for region in regions:
            entry = self._legacy_peer(region).legacy_auto_scaling(name)
            if entry is not None:
                replicas.append(entry)
        return {
            "TableAutoScalingDescription": {
                "TableName": name,
                "TableStatus": status,
                "Replicas": replicas,
            }
        }

    def legacy_auto_scaling(self, name: str) -> dict[str, Any] | None:
        """``ReplicaAutoScalingDescription`` of the table ``name`` here."""
        with self.lock:
            t = self.tables.get(name)
            if t is None:
                return None
            return {
                "RegionName": self.region,
                "GlobalSecondaryIndexes": [
                    {"IndexName": i.name, "IndexStatus": "ACTIVE"} for i in t.gsis.values()
                ],
                "ReplicaStatus": "ACTIVE",
            }

    def update_table_replica_auto_scaling(self, request: Mapping[str, Any]) -> dict[str, Any]:
        with self.lock:
            self._described(require(request, "TableName"))
        raise ValidationException(
            "One or more parameter values were invalid: pyserverless does not emulate "
            "auto scaling (UpdateTableReplicaAutoScaling; see docs/dynamodb-global.md)"
        )

    # -- helpers -----------------------------------------------------------------------------
    def _legacy_peer(self, region: str) -> Any:
        return self.cloud.engine("dynamodb", region)

    def _legacy_regions(self, regions: list[Any]) -> list[str]:
        out: list[str] = []
        for region in regions:
            if not isinstance(region, str) or region not in self.cloud.regions:
                raise ValidationException(gmsg.REPLICA_UNKNOWN_REGION.format(region=region))
            if region in out:
                raise ValidationException(gmsg.REPLICA_REGION_TWICE.format(region=region))
            out.append(region)
        return out

    def _legacy_check(self, name: str, probes: Mapping[str, Any]) -> None:
        schema = None
        for region, probe in probes.items():
            if probe is None:
                continue
            if probe["stream"] != "NEW_AND_OLD_IMAGES":
                raise ValidationException(gmsg.LEGACY_STREAM.format(name=name, region=region))
            if schema is not None and probe["schema"] != schema:
                raise ValidationException(gmsg.LEGACY_SCHEMA.format(name=name, region=region))
            schema = probe["schema"]
            if probe["global"] is None and not probe["empty"]:
                raise ValidationException(gmsg.LEGACY_NOT_EMPTY.format(name=name, region=region))

    def _legacy_group(self, name: str) -> tuple[list[str], datetime]:
        """The Regions and creation time of the legacy global table ``name``."""
        for region in [self.region, *self.cloud.regions_with("dynamodb")]:
            probe = self._legacy_peer(region).legacy_probe(name)
            if probe is not None and probe["global"] == LEGACY:
                return list(probe["members"]), probe["created"] or epoch(0)
        raise GlobalTableNotFoundException(gmsg.GLOBAL_TABLE_NOT_FOUND.format(name=name))

    def _legacy_description(
        self, name: str, regions: list[str], created: datetime
    ) -> dict[str, Any]:
        return {
            "ReplicationGroup": [{"RegionName": r} for r in regions],
            "GlobalTableArn": f"arn:aws:dynamodb::{self.cloud.account_id}:global-table/{name}",
            "CreationDateTime": created,
            "GlobalTableStatus": "ACTIVE",
            "GlobalTableName": name,
        }
