"""DynamoDB Streams as the table keeps them: streams, shards, records, retention."""

from __future__ import annotations

from ._engine_base import EngineBase

__all__ = ["StreamClientOps", "StreamOps", "StreamTable"]


class StreamOps(EngineBase):
    """The engine's streams operations (mixed into ``DynamoDB``)."""

    def _streams_table_deleted(self, t: object, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``."""


class StreamClientOps:
    """The client's streams operations (mixed into ``DynamoDBClient``)."""


class StreamTable:
    """The resource layer's streams extras (mixed into ``dynamo.Table``)."""
