"""On-demand backups of one region: what each holds, and the region's list of them.

A backup is a full, consistent copy of a table at one instant: its items (the stored
items themselves, shared with the table, since stored items are never mutated) and its
definition as a restore will rebuild it. It lives until deleted (a SYSTEM backup until
it expires), whatever happens to its table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import attrs

from . import _backup_messages as msg
from ._errors import AccessDeniedException, BackupNotFoundException, ValidationException

__all__ = ["Backup", "BackupRegistry", "backup_arn_time"]

#: ``arn:aws:dynamodb:<region>:<account>:table/<name>/backup/<ms>-<8 hex>``.
_BACKUP_ARN = re.compile(
    r"arn:aws:dynamodb:([a-z0-9-]+):(\d{12}):table/([a-zA-Z0-9_.-]{3,255})/backup/(\d{14})-([0-9a-f]{8})"
)


def backup_arn_time(arn: str) -> int | None:
    """The creation time (epoch ms) a backup ARN carries, None if it is no backup ARN."""
    m = _BACKUP_ARN.fullmatch(arn)
    return int(m.group(4)) if m else None


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


@attrs.define(eq=False, repr=False)
class Backup:
    """One backup: its details, its source's details, and the items it holds."""

    #: ``cloud.snapshot()`` copies the content's dict and shares its stored items.
    __snapshot_shared__: ClassVar[tuple[str, ...]] = ("content",)

    arn: str
    name: str
    #: ``USER`` or ``SYSTEM``.
    type: str
    #: Creation time, epoch seconds at millisecond precision.
    created: float
    #: SYSTEM backups only: when it expires (epoch seconds).
    expires: float | None
    #: ``SourceTableDetails`` (TableName, TableId, TableArn, ...).
    source: dict[str, Any]
    #: ``SourceTableFeatureDetails`` (indexes, stream, TTL, SSE as they were).
    features: dict[str, Any]
    #: The CreateTable request (no TableName) a restore starts from.
    definition: dict[str, Any]
    #: ``(partition key, sort key) -> (item, size)`` at the backup's instant.
    content: dict[tuple[Any, Any], Any]
    #: The table a restore from this backup is still CREATING (BackupInUseException).
    restoring: str | None = None

    def details(self, status: str = "AVAILABLE") -> dict[str, Any]:
        """``BackupDetails``."""
        out: dict[str, Any] = {
            "BackupArn": self.arn,
            "BackupName": self.name,
            "BackupSizeBytes": self.source["TableSizeBytes"],
            "BackupStatus": status,
            "BackupType": self.type,
            "BackupCreationDateTime": _utc(self.created),
        }
        if self.expires is not None:
            out["BackupExpiryDateTime"] = _utc(self.expires)
        return out

    def description(self, status: str = "AVAILABLE") -> dict[str, Any]:
        """``BackupDescription`` (DescribeBackup, DeleteBackup)."""
        return {
            "BackupDetails": self.details(status),
            "SourceTableDetails": dict(self.source),
            "SourceTableFeatureDetails": dict(self.features),
        }

    def summary(self) -> dict[str, Any]:
        """A ``BackupSummary`` of ListBackups."""
        out: dict[str, Any] = {
            "TableName": self.source["TableName"],
            "TableId": self.source["TableId"],
            "TableArn": self.source["TableArn"],
            "BackupArn": self.arn,
            "BackupName": self.name,
            "BackupCreationDateTime": _utc(self.created),
        }
        if self.expires is not None:
            out["BackupExpiryDateTime"] = _utc(self.expires)
        out["BackupStatus"] = "AVAILABLE"
        out["BackupType"] = self.type
        out["BackupSizeBytes"] = self.source["TableSizeBytes"]
        return out

    def order(self) -> tuple[int, str]:
        """ListBackups order: creation time (ms), then ARN."""
        return round(self.created * 1000), self.arn

    def __repr__(self) -> str:
        return f"Backup({self.name!r}, {self.type}, table={self.source['TableName']!r})"


@attrs.define(eq=False)
class BackupRegistry:
    """The backups of one region, by ARN, in creation order."""

    backups: dict[str, Backup] = attrs.field(factory=dict)

    def add(self, backup: Backup) -> None:
        self.backups[backup.arn] = backup

    def expire(self, now: float) -> None:
        """Forget the SYSTEM backups whose expiry has passed."""
        gone = [a for a, b in self.backups.items() if b.expires is not None and b.expires <= now]
        for arn in gone:
            del self.backups[arn]

    def find(self, arn: Any, *, region: str, account: str) -> Backup:
        """The backup ``arn`` names: ValidationException if it is no backup ARN,
        AccessDeniedException if it is another account's, BackupNotFoundException if
        there is no such backup here. As DynamoDB does, the ARN's region is not
        compared: a backup is found by account, table and id."""
        m = _BACKUP_ARN.fullmatch(arn) if isinstance(arn, str) else None
        if m is None:
            raise ValidationException(msg.BACKUP_ARN_INVALID)
        if m.group(2) != account:
            raise AccessDeniedException(msg.BACKUP_ACCESS_DENIED)
        here = f"arn:aws:dynamodb:{region}:{account}:{arn.split(':', 5)[5]}"
        found = self.backups.get(here)
        if found is None:
            raise BackupNotFoundException(msg.BACKUP_NOT_FOUND.format(arn=arn))
        return found

    def __iter__(self) -> Iterator[Backup]:
        return iter(self.backups.values())

    def __len__(self) -> int:
        return len(self.backups)
