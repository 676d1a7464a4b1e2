"""The resource layer's global-table extras: ``table.replicas``, ``table.replica(region)``.

A ``Replica`` is the table in one Region: it reads and writes like a ``Table`` (it
forwards to that Region's ``Table``), and adds the faults and metrics a test wants:
``pause()``, ``resume()``, ``metrics()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core.errors import AWSError

if TYPE_CHECKING:
    from ._resource import DynamoDBResource, Table

__all__ = ["GlobalTable", "Replica"]


class Replica:
    """The replica of a global table in one Region (``table.replica("eu-west-1")``).

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual(seed=3)
    >>> users = cloud.dynamo.create_table(TableName="users", BillingMode="PAY_PER_REQUEST",
    ...     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    ...     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    >>> eu = users.add_replica("eu-west-1")
    >>> eu
    Replica('users', region='eu-west-1', status='ACTIVE')
    >>> eu.pause()
    >>> _ = users.put_item(Item={"id": "ada"})
    >>> _ = cloud.advance(5)
    >>> "Item" in eu.get_item(Key={"id": "ada"}), users.replica("us-east-1").metrics()
    (False, {'eu-west-1': {'ReplicationLatency': None, 'PendingReplicationCount': 1}})
    >>> eu.resume()
    >>> _ = cloud.advance(1)
    >>> eu.get_item(Key={"id": "ada"})["Item"]
    {'id': 'ada'}
    """

    def __init__(self, table: Table, region: str) -> None:
        self._origin = table
        self.region = region
        self.name = table.name
        self._cloud = table._resource._cloud
        self.table: Table = self._cloud.in_region(region).dynamo.Table(table.name)

    @property
    def _engine(self) -> Any:
        return self._cloud.engine("dynamodb", self.region)

    @property
    def status(self) -> str:
        """This replica's status as the other replicas describe it (``ACTIVE``, ...)."""
        d = self._engine.describe_table({"TableName": self.name})["Table"]
        for other in d.get("Replicas", []):
            for mine in self._peer_view(other["RegionName"]):
                return mine
        return str(d["TableStatus"])

    def _peer_view(self, region: str) -> list[str]:
        try:
            d = self._cloud.engine("dynamodb", region).describe_table({"TableName": self.name})
        except AWSError:
            return []
        return [
            r["ReplicaStatus"]
            for r in d["Table"].get("Replicas", [])
            if r["RegionName"] == self.region
        ]

    def pause(self) -> None:
        """Pause replication to and from this replica (writes here are still accepted)."""
        self._cloud.faults.network.pause(self.region, self.name)

    def resume(self) -> None:
        """Resume replication: what was queued flows on the clock."""
        self._cloud.faults.network.resume(self.region, self.name)

    @property
    def paused(self) -> bool:
        return bool(self._cloud.faults.network.paused(self.region, self.name))

    def metrics(self) -> dict[str, dict[str, Any]]:
        """``ReplicationLatency`` (ms) and ``PendingReplicationCount`` of the writes made
        here, per receiving Region (CloudWatch's dimensions)."""
        found: dict[str, dict[str, Any]] = self._engine.replication_metrics(self.name)
        return found

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.table, attr)

    def __repr__(self) -> str:
        return f"Replica({self.name!r}, region={self.region!r}, status={self.status!r})"


class GlobalTable:
    """The resource layer's global-table extras (mixed into ``dynamo.Table``)."""

    name: str
    _engine: Any  # the Region's DynamoDB engine
    _resource: DynamoDBResource

    @property
    def replicas(self) -> list[Replica]:
        """Every replica of the table, this Region's first (just this one when the table
        is not global)."""
        d = self._engine.describe_table({"TableName": self.name})["Table"]
        regions = [self._engine.region] + [r["RegionName"] for r in d.get("Replicas", [])]
        return [Replica(self, r) for r in regions]  # type: ignore[arg-type]

    def replica(self, region: str) -> Replica:
        """The replica in ``region`` (``ValueError`` when the table has none there)."""
        for found in self.replicas:
            if found.region == region:
                return found
        raise ValueError(f"table {self.name!r} has no replica in {region!r}")

    def add_replica(self, region: str, **create: Any) -> Replica:
        """Add a replica in ``region`` (UpdateTable ``ReplicaUpdates`` Create; ``create``
        takes the action's other members, such as ``KMSMasterKeyId``)."""
        action = {"RegionName": region, **create}
        try:
            self._engine.update_table(
                {"TableName": self.name, "ReplicaUpdates": [{"Create": action}]}
            )
        except AWSError as err:
            err.bind_operation("UpdateTable")
            raise
        return Replica(self, region)  # type: ignore[arg-type]

    def remove_replica(self, region: str) -> None:
        """Delete the replica in ``region`` (UpdateTable ``ReplicaUpdates`` Delete)."""
        try:
            self._engine.update_table(
                {"TableName": self.name, "ReplicaUpdates": [{"Delete": {"RegionName": region}}]}
            )
        except AWSError as err:
            err.bind_operation("UpdateTable")
            raise
