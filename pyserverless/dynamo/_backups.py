"""Point-in-time recovery and on-demand backups: the history, restores, backups."""

from __future__ import annotations

from ._engine_base import EngineBase

__all__ = ["BackupClientOps", "BackupOps", "BackupTable"]


class BackupOps(EngineBase):
    """The engine's backups operations (mixed into ``DynamoDB``)."""

    def _backups_table_deleted(self, t: object, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``."""


class BackupClientOps:
    """The client's backups operations (mixed into ``DynamoDBClient``)."""


class BackupTable:
    """The resource layer's backups extras (mixed into ``dynamo.Table``)."""
