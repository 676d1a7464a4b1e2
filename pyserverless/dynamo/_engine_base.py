"""What the engine's feature mixins (``_ttl``, ``_streams``, ``_backups``, ``_partiql``,
``_policies``) may use of the engine: declared here so each mixin type-checks alone.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._limits import DynamoDBLimits
    from ._region import RegionTables
    from ._table import TableState

__all__ = ["EngineBase"]


class EngineBase:
    """The engine's attributes, as its mixins see them."""

    cloud: Cloud
    region: str
    limits: DynamoDBLimits
    state: RegionTables
    tables: dict[str, TableState]
    lock: threading.RLock

    if TYPE_CHECKING:  # defined by the engine itself

        def _described(self, name: Any) -> TableState: ...

        def _table_arn(self, name: str) -> str: ...
