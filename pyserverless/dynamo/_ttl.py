"""Time to Live: UpdateTimeToLive, DescribeTimeToLive, the expiry index and the sweeper."""

from __future__ import annotations

from ._engine_base import EngineBase

__all__ = ["TtlClientOps", "TtlOps", "TtlTable"]


class TtlOps(EngineBase):
    """The engine's ttl operations (mixed into ``DynamoDB``)."""

    def _ttl_table_deleted(self, t: object, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``."""


class TtlClientOps:
    """The client's ttl operations (mixed into ``DynamoDBClient``)."""


class TtlTable:
    """The resource layer's ttl extras (mixed into ``dynamo.Table``)."""
