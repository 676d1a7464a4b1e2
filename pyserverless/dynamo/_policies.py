"""Resource-based policies: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy."""

from __future__ import annotations

from ._engine_base import EngineBase

__all__ = ["PolicyClientOps", "PolicyOps", "PolicyTable"]


class PolicyOps(EngineBase):
    """The engine's policies operations (mixed into ``DynamoDB``)."""

    def _policies_table_deleted(self, t: object, now: float) -> None:
        """Called under the lock as DeleteTable removes ``t``."""


class PolicyClientOps:
    """The client's policies operations (mixed into ``DynamoDBClient``)."""


class PolicyTable:
    """The resource layer's policies extras (mixed into ``dynamo.Table``)."""
