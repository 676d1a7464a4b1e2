"""The client's global-table operations (mixed into ``DynamoDBClient``).

Version 2019.11.21 replicas are managed with ``update_table(ReplicaUpdates=...)``; these
are the legacy (2017.11.29) operations and replica auto scaling.
"""

from __future__ import annotations

from typing import Any

from .._core.client import operation
from ._global import GlobalTableOps

__all__ = ["GlobalClientOps"]

Params = dict[str, Any]


class GlobalClientOps:
    """Global tables' client operations."""

    _engine: GlobalTableOps

    @operation("CreateGlobalTable")
    def create_global_table(self, params: Params) -> dict[str, Any]:
        """Join same-named empty tables of several Regions into a legacy global table.

        CreateGlobalTable (version 2017.11.29). Required: ``GlobalTableName`` and
        ``ReplicationGroup`` (``[{"RegionName": ...}]``); each Region must already hold
        the table, empty, with a NEW_AND_OLD_IMAGES stream and the same key schema.
        Returns ``GlobalTableDescription``.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> for region in ("us-east-1", "eu-west-1"):
        ...     _ = cloud.client("dynamodb", region_name=region).create_table(
        ...         TableName="users", BillingMode="PAY_PER_REQUEST",
        ...         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ...         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ...         StreamSpecification={"StreamEnabled": True,
        ...                              "StreamViewType": "NEW_AND_OLD_IMAGES"})
        >>> ddb = cloud.client("dynamodb")
        >>> ddb.create_global_table(GlobalTableName="users", ReplicationGroup=[
        ...     {"RegionName": "us-east-1"}, {"RegionName": "eu-west-1"}],
        ... )["GlobalTableDescription"]["ReplicationGroup"]
        [{'RegionName': 'us-east-1'}, {'RegionName': 'eu-west-1'}]
        """
        return self._engine.create_global_table(params)

    @operation("UpdateGlobalTable")
    def update_global_table(self, params: Params) -> dict[str, Any]:
        """Add or remove Regions of a legacy global table.

        UpdateGlobalTable (version 2017.11.29). Required: ``GlobalTableName`` and
        ``ReplicaUpdates`` (``Create`` or ``Delete`` with a ``RegionName``); a removed
        Region keeps its table. Returns ``GlobalTableDescription``.
        """
        return self._engine.update_global_table(params)

    @operation("DescribeGlobalTable")
    def describe_global_table(self, params: Params) -> dict[str, Any]:
        """Read a legacy global table: its Regions, ARN, status and creation time.

        DescribeGlobalTable (version 2017.11.29). Required: ``GlobalTableName``.
        Returns ``GlobalTableDescription``; ``GlobalTableNotFoundException`` otherwise.
        """
        return self._engine.describe_global_table(params)

    @operation("ListGlobalTables")
    def list_global_tables(self, params: Params) -> dict[str, Any]:
        """Name the legacy global tables, optionally only those with a replica in a Region.

        ListGlobalTables (version 2017.11.29). Optional: ``RegionName``, ``Limit``,
        ``ExclusiveStartGlobalTableName``. Returns ``GlobalTables`` and, when more remain,
        ``LastEvaluatedGlobalTableName``.
        """
        return self._engine.list_global_tables(params)

    @operation("DescribeGlobalTableSettings")
    def describe_global_table_settings(self, params: Params) -> dict[str, Any]:
        """Read each replica's billing and capacity settings of a legacy global table.

        DescribeGlobalTableSettings. Required: ``GlobalTableName``. Returns
        ``GlobalTableName`` and ``ReplicaSettings`` (one per Region).
        """
        return self._engine.describe_global_table_settings(params)

    @operation("UpdateGlobalTableSettings")
    def update_global_table_settings(self, params: Params) -> dict[str, Any]:
        """Change a legacy global table's billing or capacity settings in every Region.

        UpdateGlobalTableSettings. Required: ``GlobalTableName``. Often used:
        ``GlobalTableBillingMode``, ``GlobalTableProvisionedWriteCapacityUnits``,
        ``ReplicaSettingsUpdate``. Auto scaling settings are refused (not emulated).
        Returns the settings as DescribeGlobalTableSettings does.
        """
        return self._engine.update_global_table_settings(params)

    @operation("DescribeTableReplicaAutoScaling")
    def describe_table_replica_auto_scaling(self, params: Params) -> dict[str, Any]:
        """Read the auto scaling settings of every replica of a table.

        DescribeTableReplicaAutoScaling. Required: ``TableName``. Returns
        ``TableAutoScalingDescription`` with each replica's Region, status and indexes
        (no scaling settings: auto scaling is not configured here).
        """
        return self._engine.describe_table_replica_auto_scaling(params)

    @operation("UpdateTableReplicaAutoScaling")
    def update_table_replica_auto_scaling(self, params: Params) -> dict[str, Any]:
        """Change replicas' auto scaling settings (refused: auto scaling is not emulated).

        UpdateTableReplicaAutoScaling. Required: ``TableName``. Raises
        ``ValidationException`` naming the operation for an existing table.
        """
        return self._engine.update_table_replica_auto_scaling(params)
