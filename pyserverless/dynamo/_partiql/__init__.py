"""PartiQL for DynamoDB: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction."""

from __future__ import annotations

from .._engine_base import EngineBase

__all__ = ["PartiqlClientOps", "PartiqlOps"]


class PartiqlOps(EngineBase):
    """The engine's PartiQL operations (mixed into ``DynamoDB``)."""


class PartiqlClientOps:
    """The client's PartiQL operations (mixed into ``DynamoDBClient``)."""
