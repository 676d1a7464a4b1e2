"""Point-in-time recovery and on-demand backups (docs/dynamodb-backups.md).

The engine's operations: UpdateContinuousBackups, DescribeContinuousBackups,
RestoreTableToPointInTime, CreateBackup, DescribeBackup, ListBackups, DeleteBackup and
RestoreTableFromBackup, and the SYSTEM backup DeleteTable keeps of a table with PITR.
The history behind PITR is ``_history.PitrHistory`` (an undo log, one tuple per write);
backups are ``_backup_records.Backup``; a restore builds its table through CreateTable's
own parser and write path (``_backup_restore``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import _backup_messages as msg
from ._backup_records import Backup, BackupRegistry, backup_arn_time
from ._backup_restore import (
    definition_of,
    epoch_of,
    fill,
    restore_request,
    source_details,
    when_text,
)
from ._create_table import parse_create_table
from ._engine_base import EngineBase
from ._errors import (
    BackupInUseException,
    ContinuousBackupsUnavailableException,
    InvalidRestoreTimeException,
    LimitExceededException,
    PointInTimeRecoveryUnavailableException,
    ResourceNotFoundException,
    TableAlreadyExistsException,
    TableInUseException,
    TableNotFoundException,
    ValidationException,
)
from ._history import PitrHistory, content_of
from ._settings import describe_sse
from ._table import BILLING_MODES, TableState
from ._validation import Constraints, require, table_name_of

if TYPE_CHECKING:
    from ._resource import Table

__all__ = ["BackupClientOps", "BackupOps", "BackupTable"]

_DAY = 86400.0
_BACKUP_TYPES = ("USER", "SYSTEM", "AWS_BACKUP", "ALL")
_LISTED = {"USER": ("USER",), "SYSTEM": ("SYSTEM",), "AWS_BACKUP": (), "ALL": ("USER", "SYSTEM")}
_TABLE_ARN_SHAPE = "arn:aws:dynamodb:"


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


class BackupOps(EngineBase):
    """The engine's backups operations (mixed into ``DynamoDB``)."""

    if TYPE_CHECKING:

        def _kms_arn(self, key: str | None) -> str: ...

    # -- lookups -------------------------------------------------------------------------------
    def _backup_registry(self) -> BackupRegistry:
        """The region's backups (made on first use)."""
        registry: BackupRegistry | None = self.__dict__.get("_backups")
        if registry is None:
            registry = self.__dict__["_backups"] = BackupRegistry()
        return registry

    def _source_table(self, name: Any) -> TableState:
        """The table a backups operation names: TableNotFoundException if there is none,
        or if it is still CREATING (as DynamoDB answers then)."""
        try:
            name = table_name_of(name, self.region, self.cloud.account_id)
        except ResourceNotFoundException:  # another region's or account's table ARN
            tail = name.rsplit("/", 1)[-1]
            raise TableNotFoundException(msg.TABLE_NOT_FOUND.format(name=tail)) from None
        self.state.settle()
        t = self.tables.get(name) or self.state.pending.get(name)
        if t is None or t.status == "CREATING":
            raise TableNotFoundException(msg.TABLE_NOT_FOUND.format(name=name))
        return t

    def _refuse_while_enabling(self, t: TableState, now: float) -> None:
        """ContinuousBackupsUnavailableException in the seconds after a table turns ACTIVE."""
        window = self.limits.backups_enabling_seconds
        if window and now < t.created.timestamp() + self.limits.table_state_seconds + window:
            raise ContinuousBackupsUnavailableException(
                msg.BACKUPS_BEING_ENABLED.format(name=t.name)
            )

    # -- continuous backups ------------------------------------------------------------------
    def _window(self, h: PitrHistory, now: float) -> tuple[float, float]:
        """``(earliest, latest)`` restorable times, epoch seconds."""
        h.trim(now)
        earliest = h.earliest(now)
        return earliest, max(earliest, now - self.limits.pitr_latest_lag_seconds)

    def _continuous(self, t: TableState, now: float) -> dict[str, Any]:
        h: PitrHistory | None = t.pitr
        if h is None:
            pitr: dict[str, Any] = {"PointInTimeRecoveryStatus": "DISABLED"}
        else:
            earliest, latest = self._window(h, now)
            pitr = {
                "PointInTimeRecoveryStatus": "ENABLED",
                "RecoveryPeriodInDays": round(h.period_seconds / _DAY),
                "EarliestRestorableDateTime": _utc(earliest),
                "LatestRestorableDateTime": _utc(latest),
            }
        return {
            "ContinuousBackupsDescription": {
                "ContinuousBackupsStatus": "ENABLED",
                "PointInTimeRecoveryDescription": pitr,
            }
        }

    def describe_continuous_backups(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeContinuousBackups: the table's PITR status and restorable window."""
        with self.lock:
            t = self._source_table(require(request, "TableName"))
            return self._continuous(t, self.cloud.clock.time())

    def update_continuous_backups(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateContinuousBackups: turn PITR on (with its recovery period) or off."""
        spec = require(request, "PointInTimeRecoverySpecification")
        c = Constraints()
        path = "pointInTimeRecoverySpecification"
        enabled = spec.get("PointInTimeRecoveryEnabled") if isinstance(spec, Mapping) else None
        if enabled is None:
            c.add(None, f"{path}.pointInTimeRecoveryEnabled", "Member must not be null")
        days = spec.get("RecoveryPeriodInDays") if isinstance(spec, Mapping) else None
        if days is not None:
            _integer(days, f"{path}.recoveryPeriodInDays", c)
            c.at_least(days, f"{path}.recoveryPeriodInDays", 1)
            c.at_most(days, f"{path}.recoveryPeriodInDays", self.limits.pitr_max_recovery_days)
        c.raise_if_any()
        if not enabled and days is not None:
            raise ValidationException(msg.PERIOD_WITHOUT_PITR)
        now = self.cloud.clock.time()
        with self.lock:
            t = self._source_table(require(request, "TableName"))
            self._refuse_while_enabling(t, now)
            h: PitrHistory | None = t.pitr
            if enabled and h is None:
                period = (days or self.limits.pitr_default_recovery_days) * _DAY
                h = t.pitr = PitrHistory(enabled_at=now, period_seconds=float(period))
                t.watchers.append(h.record)
            elif enabled and h is not None and days is not None:
                h.period_seconds = float(days) * _DAY
            elif not enabled and h is not None:
                t.watchers.remove(h.record)
                t.pitr = None
            return self._continuous(t, now)

    def restore_table_to_point_in_time(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """RestoreTableToPointInTime: a new table holding the source's items at a second."""
        target = _target_name(request)
        source = _one_source(request, self.region, self.cloud.account_id)
        use_latest = bool(request.get("UseLatestRestorableTime"))
        when = request.get("RestoreDateTime")
        if use_latest and when is not None:
            raise ValidationException(msg.BOTH_RESTORE_TIMES)
        if not use_latest and when is None:
            raise ValidationException(msg.NO_RESTORE_TIME)
        instant = None if when is None else float(math.floor(epoch_of(when, "restoreDateTime")))
        now = self.cloud.clock.time()
        with self.lock:
            t = self._source_table(source)
            h: PitrHistory | None = t.pitr
            if h is None:
                raise PointInTimeRecoveryUnavailableException(
                    msg.PITR_NOT_ENABLED.format(name=t.name)
                )
            earliest, latest = self._window(h, now)
            if instant is None:
                instant = latest
            elif not earliest <= instant <= latest:
                raise InvalidRestoreTimeException(
                    msg.INVALID_RESTORE_TIME.format(
                        when=when_text(instant),
                        earliest=when_text(earliest),
                        latest=when_text(latest),
                    )
                )
            self._refuse_target(target)
            create = restore_request(definition_of(t), request, target)
            content = h.content_at(content_of(t.store), instant)
            summary = {"SourceTableArn": t.arn, "RestoreDateTime": _utc(instant)}
            return self._restore_into(create, content, summary)

    # -- restores ------------------------------------------------------------------------------
    def _refuse_target(self, name: str) -> None:
        """TableAlreadyExistsException when the target name is taken (TableInUseException
        when it is a restore still CREATING)."""
        self.state.settle()
        taken = self.tables.get(name) or self.state.pending.get(name)
        if taken is None:
            return
        summary = taken.restore_summary
        if taken.status == "CREATING" and summary is not None:
            origin = summary.get("SourceBackupArn") or summary.get("SourceTableArn")
            raise TableInUseException(msg.TABLE_BEING_RESTORED.format(name=name, source=origin))
        raise TableAlreadyExistsException(msg.TABLE_EXISTS.format(name=name))

    def _restore_into(
        self,
        create: Mapping[str, Any],
        content: Mapping[tuple[Any, Any], Any],
        summary: dict[str, Any],
    ) -> dict[str, Any]:
        """Build, fill and register the restored table; the restore's response."""
        now = self.cloud.now()
        plan = parse_create_table(create, limits=self.limits, now=now)
        restoring = sum(
            1
            for t in self.state.pending.values()
            if t.status == "CREATING" and t.restore_summary is not None
        )
        if restoring >= self.limits.max_concurrent_restores:
            raise LimitExceededException(
                msg.TOO_MANY_RESTORES.format(limit=self.limits.max_concurrent_restores)
            )
        if len(self.tables) + len(self.state.pending) >= self.limits.max_tables:
            raise LimitExceededException(
                f"Subscriber limit exceeded: Only {self.limits.max_tables} tables can be "
                "created per account"
            )
        table = plan.build(
            arn=self._table_arn(plan.name),
            table_id=self.cloud.ids.uuid(),
            now=now,
            kms_arn=self._kms_arn,
            limits=self.limits,
        )
        fill(self.state, table, content)
        table.restore_summary = {**summary, "RestoreInProgress": False}
        described = table.describe()
        described["TableStatus"] = "CREATING"
        described["RestoreSummary"] = {**summary, "RestoreInProgress": True}
        for index in described.get("GlobalSecondaryIndexes", ()):
            index["IndexStatus"] = "CREATING"
        if self.limits.table_state_seconds:
            table.status = "CREATING"
            table.status_until = self.cloud.clock.time() + self.limits.table_state_seconds
            self.state.pending[table.name] = table
        else:
            self.tables[table.name] = table
        return {"TableDescription": described}

    # -- on-demand backups ---------------------------------------------------------------------
    def _snapshot(self, t: TableState, name: str, kind: str, now: float) -> Backup:
        """A backup of ``t`` as it is now (not yet registered)."""
        registry = self._backup_registry()
        ms = math.floor(now * 1000)
        suffix = "00000000" if kind == "SYSTEM" else self.cloud.ids.hex(8)
        arn = f"{t.arn}/backup/{ms:014d}-{suffix}"
        while arn in registry.backups:  # two SYSTEM backups of one name in one millisecond
            ms += 1
            arn = f"{t.arn}/backup/{ms:014d}-{suffix}"
        return Backup(
            arn=arn,
            name=name,
            type=kind,
            created=ms / 1000,
            expires=ms / 1000 + self.limits.system_backup_days * _DAY if kind == "SYSTEM" else None,
            source=source_details(t),
            features=self._features(t) if kind == "USER" else {},
            definition=definition_of(t),
            content=content_of(t.store),
        )

    def _features(self, t: TableState) -> dict[str, Any]:
        """``SourceTableFeatureDetails``: indexes, and stream, TTL and SSE when enabled."""
        out: dict[str, Any] = {}
        if t.lsis:
            out["LocalSecondaryIndexes"] = [
                {"IndexName": i.name, "KeySchema": d["KeySchema"], "Projection": d["Projection"]}
                for i, d in ((i, i.describe()) for i in t.lsis.values())
            ]
        if t.gsis:
            gsis = []
            for i in t.gsis.values():
                d = i.describe()
                g = {
                    "IndexName": i.name,
                    "KeySchema": d["KeySchema"],
                    "Projection": d["Projection"],
                }
                if i.throughput is not None:
                    g["ProvisionedThroughput"] = {
                        "ReadCapacityUnits": i.throughput[0],
                        "WriteCapacityUnits": i.throughput[1],
                    }
                if i.on_demand is not None:
                    g["OnDemandThroughput"] = dict(i.on_demand)
                gsis.append(g)
            out["GlobalSecondaryIndexes"] = gsis
        if t.stream is not None and t.stream.get("StreamEnabled"):
            out["StreamDescription"] = dict(t.stream)
        ttl = self._ttl_description(t)
        if ttl is not None and ttl.get("TimeToLiveStatus") not in (None, "DISABLED"):
            out["TimeToLiveDescription"] = ttl
        if t.sse_key_arn is not None:
            out["SSEDescription"] = describe_sse(t.sse_key_arn)
        return out

    def _ttl_description(self, t: TableState) -> dict[str, Any] | None:
        """The table's TimeToLiveDescription, from the TTL feature (None without one)."""
        describe = getattr(self, "describe_time_to_live", None)
        if describe is None:
            return None
        from .._core.errors import AWSError

        try:
            found: dict[str, Any] = describe({"TableName": t.name})["TimeToLiveDescription"]
        except (AWSError, KeyError, TypeError):
            return None
        return dict(found)

    def create_backup(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """CreateBackup: a full copy of the table as it is now, kept until deleted."""
        name = request.get("BackupName")
        c = Constraints()
        if name is None:
            c.add(None, "backupName", "Member must not be null")
        c.name(name, "backupName")
        c.raise_if_any()
        now = self.cloud.clock.time()
        with self.lock:
            t = self._source_table(require(request, "TableName"))
            self._refuse_while_enabling(t, now)
            registry = self._backup_registry()
            registry.expire(now)
            backup = self._snapshot(t, str(name), "USER", now)
            registry.add(backup)
            return {"BackupDetails": backup.details("CREATING")}

    def describe_backup(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeBackup: the backup's details and what its table was."""
        with self.lock:
            backup = self._find_backup(require(request, "BackupArn"))
            return {"BackupDescription": backup.description()}

    def _find_backup(self, arn: Any) -> Backup:
        registry = self._backup_registry()
        registry.expire(self.cloud.clock.time())
        return registry.find(arn, region=self.region, account=self.cloud.account_id)

    def _restoring(self, backup: Backup) -> bool:
        """True while a restore from ``backup`` is still CREATING its table."""
        if backup.restoring is None:
            return False
        self.state.settle()
        target = self.state.pending.get(backup.restoring)
        if target is None or target.status != "CREATING":
            backup.restoring = None
            return False
        return True

    def delete_backup(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """DeleteBackup: forget a USER backup (a SYSTEM backup only expires)."""
        with self.lock:
            backup = self._find_backup(require(request, "BackupArn"))
            if backup.type == "SYSTEM":
                assert backup.expires is not None
                raise ValidationException(
                    msg.SYSTEM_BACKUP_UNDELETABLE.format(
                        arn=backup.arn, expiry=_utc(backup.expires).isoformat()
                    )
                )
            if self._restoring(backup):
                raise BackupInUseException(msg.BACKUP_RESTORING.format(arn=backup.arn))
            del self._backup_registry().backups[backup.arn]
            return {"BackupDescription": backup.description("DELETED")}

    def list_backups(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """ListBackups: the region's backups, oldest first, with the table, time and type
        filters and paging."""
        c = Constraints()
        limit = request.get("Limit")
        if limit is not None:
            _integer(limit, "limit", c)
            c.at_least(limit, "limit", 1)
            c.at_most(limit, "limit", 100)
        kind = request.get("BackupType") or "USER"
        c.enum(kind, "backupType", _BACKUP_TYPES)
        c.raise_if_any()
        lower = _bound(request, "TimeRangeLowerBound")
        upper = _bound(request, "TimeRangeUpperBound")
        if lower is not None and upper is not None and lower > upper:
            raise ValidationException(msg.TIME_RANGE_INVERTED)
        cursor = _cursor(request.get("ExclusiveStartBackupArn"))
        table = request.get("TableName")
        if table is not None:
            try:
                table = table_name_of(table, self.region, self.cloud.account_id)
            except ResourceNotFoundException:
                table = None if not isinstance(table, str) else table.rsplit("/", 1)[-1] + "\0"
        types = _LISTED[kind]
        with self.lock:
            registry = self._backup_registry()
            registry.expire(self.cloud.clock.time())
            found = [
                b
                for b in registry
                if b.type in types
                and (table is None or b.source["TableName"] == table)
                and (lower is None or b.created >= lower)
                and (upper is None or b.created < upper)
                and (cursor is None or b.order() > cursor)
            ]
        found.sort(key=Backup.order)
        page = found if limit is None else found[:limit]
        response: dict[str, Any] = {"BackupSummaries": [b.summary() for b in page]}
        if limit is not None and len(found) > limit:
            response["LastEvaluatedBackupArn"] = page[-1].arn
        return response

    def restore_table_from_backup(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """RestoreTableFromBackup: a new table holding the backup's items."""
        target = _target_name(request)
        arn = require(request, "BackupArn")
        with self.lock:
            backup = self._find_backup(arn)
            if self._restoring(backup):
                raise BackupInUseException(msg.BACKUP_RESTORING_OTHER.format(arn=backup.arn))
            self._refuse_target(target)
            create = restore_request(backup.definition, request, target)
            summary = {
                "SourceBackupArn": backup.arn,
                "SourceTableArn": backup.source["TableArn"],
                "RestoreDateTime": _utc(backup.created),
            }
            response = self._restore_into(create, backup.content, summary)
            if self.limits.table_state_seconds:
                backup.restoring = target
            return response

    def _backups_table_deleted(self, t: TableState, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``: with PITR on, keep the
        SYSTEM backup ``<table>$DeletedTableBackup`` of its last content."""
        h: PitrHistory | None = t.pitr
        if h is None:
            return
        registry = self._backup_registry()
        registry.expire(now)
        registry.add(self._snapshot(t, f"{t.name}$DeletedTableBackup", "SYSTEM", now))
        t.watchers.remove(h.record)
        t.pitr = None


def _integer(value: Any, path: str, c: Constraints) -> None:
    """Record an error for a number member that is no integer (a direct engine call)."""
    if isinstance(value, bool) or not isinstance(value, int):
        c.add(value, path, "Member must be an integer")


def _target_name(request: Mapping[str, Any]) -> str:
    target = request.get("TargetTableName")
    c = Constraints()
    if target is None:
        c.add(None, "targetTableName", "Member must not be null")
    c.name(target, "targetTableName")
    c.enum(request.get("BillingModeOverride"), "billingModeOverride", BILLING_MODES)
    c.raise_if_any()
    return str(target)


def _one_source(request: Mapping[str, Any], region: str, account: str) -> str:
    """The source table's name: exactly one of SourceTableName and SourceTableArn."""
    name = request.get("SourceTableName")
    arn = request.get("SourceTableArn")
    if name is not None and arn is not None:
        raise ValidationException(msg.BOTH_SOURCES)
    if name is None and arn is None:
        raise ValidationException(msg.NO_SOURCE)
    if name is not None:
        c = Constraints()
        c.name(name, "sourceTableName")
        c.raise_if_any()
        return str(name)
    text = arn if isinstance(arn, str) else ""
    parts = text.split(":", 5)
    if (
        len(parts) != 6
        or not text.startswith(_TABLE_ARN_SHAPE)
        or not parts[5].startswith("table/")
    ):
        raise ValidationException(msg.SOURCE_ARN_INVALID)
    if parts[4] != account:
        raise ValidationException(msg.SOURCE_ARN_OTHER_ACCOUNT)
    return str(arn)


def _bound(request: Mapping[str, Any], member: str) -> float | None:
    value = request.get(member)
    return None if value is None else epoch_of(value, member[0].lower() + member[1:])


def _cursor(arn: Any) -> tuple[int, str] | None:
    """ListBackups' ExclusiveStartBackupArn, a pure position (it need not exist)."""
    if arn is None:
        return None
    ms = backup_arn_time(arn) if isinstance(arn, str) else None
    if ms is None:
        raise ValidationException(msg.BACKUP_ARN_INVALID)
    return ms, arn


# -- the client and resource layers ---------------------------------------------------------
from .._core.client import operation  # noqa: E402  (after the engine half, which it wraps)

Params = dict[str, Any]


class BackupClientOps:
    """The client's backups operations (mixed into ``DynamoDBClient``)."""

    if TYPE_CHECKING:
        _engine: BackupOps

    @operation("UpdateContinuousBackups")
    def update_continuous_backups(self, params: Params) -> dict[str, Any]:
        """UpdateContinuousBackups: switch point-in-time recovery on or off for a table.

        ``TableName`` (name or ARN), ``PointInTimeRecoverySpecification``
        (``PointInTimeRecoveryEnabled``, optional ``RecoveryPeriodInDays`` 1-35).
        The history starts now: nothing before this call can be restored.

        >>> from pyserverless import Cloud
        >>> ddb = Cloud.manual().client("dynamodb")
        >>> _ = ddb.create_table(TableName="tbl", BillingMode="PAY_PER_REQUEST",
        ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        >>> out = ddb.update_continuous_backups(TableName="tbl",
        ...     PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        >>> out["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"][
        ...     "PointInTimeRecoveryStatus"]
        'ENABLED'
        """
        return self._engine.update_continuous_backups(params)

    @operation("DescribeContinuousBackups")
    def describe_continuous_backups(self, params: Params) -> dict[str, Any]:
        """DescribeContinuousBackups: a table's PITR status and its restorable window.

        ``TableName``. With PITR on, ``EarliestRestorableDateTime`` and
        ``LatestRestorableDateTime`` (about five minutes before now) bound the restores.
        """
        return self._engine.describe_continuous_backups(params)

    @operation("RestoreTableToPointInTime")
    def restore_table_to_point_in_time(self, params: Params) -> dict[str, Any]:
        """RestoreTableToPointInTime: a new table with the source's items at one second.

        ``SourceTableName`` or ``SourceTableArn``, ``TargetTableName``, and
        ``RestoreDateTime`` or ``UseLatestRestorableTime``; optional billing, throughput,
        index and SSE overrides. Tags, streams, TTL and PITR are not carried over.
        """
        return self._engine.restore_table_to_point_in_time(params)

    @operation("CreateBackup")
    def create_backup(self, params: Params) -> dict[str, Any]:
        """CreateBackup: an on-demand full backup of a table, kept until deleted.

        ``TableName``, ``BackupName``; answers ``BackupDetails`` with the backup's ARN.
        """
        return self._engine.create_backup(params)

    @operation("DescribeBackup")
    def describe_backup(self, params: Params) -> dict[str, Any]:
        """DescribeBackup: one backup's details and the table it was taken of.

        ``BackupArn``.
        """
        return self._engine.describe_backup(params)

    @operation("ListBackups")
    def list_backups(self, params: Params) -> dict[str, Any]:
        """ListBackups: the region's backups, oldest first.

        Optional ``TableName``, ``TimeRangeLowerBound`` (inclusive) and
        ``TimeRangeUpperBound`` (exclusive), ``BackupType`` (``USER`` by default,
        ``SYSTEM``, ``AWS_BACKUP``, ``ALL``), ``Limit`` and ``ExclusiveStartBackupArn``.
        """
        return self._engine.list_backups(params)

    @operation("DeleteBackup")
    def delete_backup(self, params: Params) -> dict[str, Any]:
        """DeleteBackup: delete a user backup (system backups only expire).

        ``BackupArn``; answers the backup's description with status ``DELETED``.
        """
        return self._engine.delete_backup(params)

    @operation("RestoreTableFromBackup")
    def restore_table_from_backup(self, params: Params) -> dict[str, Any]:
        """RestoreTableFromBackup: a new table with a backup's items and definition.

        ``BackupArn``, ``TargetTableName``; optional billing, throughput, index and SSE
        overrides.
        """
        return self._engine.restore_table_from_backup(params)


class BackupTable:
    """The resource layer's backups extras (mixed into ``dynamo.Table``).

    >>> from datetime import timedelta
    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> users = cloud.dynamo.create_table(TableName="users", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> users.enable_pitr()
    >>> _ = users.put_item(Item={"id": "ada"})
    >>> before = cloud.now()
    >>> cloud.advance(1)
    0
    >>> _ = users.put_item(Item={"id": "bob"})
    >>> cloud.advance(600)
    0
    >>> users.restore_to("users-then", before)
    Table('users-then', pk='id', items=1)
    >>> arn = users.backup("nightly")
    >>> arn.split("/")[-2]
    'backup'
    """

    if TYPE_CHECKING:
        name: str
        _engine: BackupOps

    def enable_pitr(self, days: int | None = None) -> None:
        """Turn point-in-time recovery on (``days``: RecoveryPeriodInDays, 35 if None)."""
        spec: dict[str, Any] = {"PointInTimeRecoveryEnabled": True}
        if days is not None:
            spec["RecoveryPeriodInDays"] = days
        self._bound("UpdateContinuousBackups")(
            self._engine.update_continuous_backups,
            {"TableName": self.name, "PointInTimeRecoverySpecification": spec},
        )

    def backup(self, name: str) -> str:
        """CreateBackup of this table; the new backup's ARN."""
        out = self._bound("CreateBackup")(
            self._engine.create_backup, {"TableName": self.name, "BackupName": name}
        )
        return str(out["BackupDetails"]["BackupArn"])

    def restore_to(self, name: str, when: datetime | float | None = None) -> Table:
        """RestoreTableToPointInTime into a new table ``name``: the table's items at
        ``when`` (a datetime or epoch seconds; None: the latest restorable time)."""
        request: dict[str, Any] = {"SourceTableName": self.name, "TargetTableName": name}
        if when is None:
            request["UseLatestRestorableTime"] = True
        else:
            request["RestoreDateTime"] = when
        self._bound("RestoreTableToPointInTime")(
            self._engine.restore_table_to_point_in_time, request
        )
        resource: Any = getattr(self, "_resource")  # noqa: B009  (typed by Table, not here)
        return resource.Table(name)  # type: ignore[no-any-return]

    @staticmethod
    def _bound(operation: str) -> Any:
        """Call an engine method, naming ``operation`` on an AWS error (as boto3 does)."""

        def call(method: Any, request: dict[str, Any]) -> Any:
            from .._core.errors import AWSError

            try:
                return method(request)
            except AWSError as err:
                err.bind_operation(operation)
                raise

        return call
