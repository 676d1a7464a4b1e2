"""PartiQL for DynamoDB: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction.

The pipeline is lexer (``_lexer``) -> parser (``_parser``, cached per statement text)
-> translator (``_translate``: the expression requests a statement stands for) -> the
engine's own request methods (``_engine_ops``). The client converts AttributeValues at
its edge (``_client_ops``).
"""

from __future__ import annotations

from ._client_ops import PartiqlClientOps
from ._engine_ops import PartiqlOps

__all__ = ["PartiqlClientOps", "PartiqlOps"]
