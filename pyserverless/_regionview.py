"""``cloud.in_region("eu-west-1")``: one Region of a Cloud, as a first-class value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cloud import Cloud
    from .dynamo._resource import DynamoDBResource

__all__ = ["RegionView"]


class RegionView:
    """The services of one Region of a Cloud: its engines, clients and resource layers.

    Built by ``cloud.in_region(name)``; the Cloud's clock, seed, account and faults are
    shared by every Region, the state of each service is the Region's own.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> eu = cloud.in_region("eu-west-1")
    >>> eu
    Region('eu-west-1', account_id='123456789012')
    >>> eu.client("dynamodb").meta.region_name
    'eu-west-1'
    >>> eu.engine("dynamodb") is cloud.engine("dynamodb", "eu-west-1")
    True
    >>> eu.dynamo
    dynamodb.ServiceResource(region='eu-west-1')
    """

    def __init__(self, cloud: Cloud, name: str) -> None:
        self.cloud = cloud
        self.name = name
        self._dynamo: DynamoDBResource | None = None

    def engine(self, service_name: str) -> Any:
        """The Region's engine of ``service_name`` (built on first use)."""
        return self.cloud.engine(service_name, self.name)

    def client(self, service_name: str) -> Any:
        """A boto3-shaped client of ``service_name`` in this Region."""
        return self.cloud.client(service_name, region_name=self.name)

    @property
    def dynamo(self) -> DynamoDBResource:
        """DynamoDB's resource layer in this Region (``.Table(name)``, ``create_table``)."""
        if self._dynamo is None:
            self._dynamo = self.cloud.resource("dynamodb", region_name=self.name)
        return self._dynamo

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, RegionView) and other.cloud is self.cloud and other.name == self.name
        )

    def __hash__(self) -> int:
        return hash((id(self.cloud), self.name))

    def __repr__(self) -> str:
        return f"Region({self.name!r}, account_id={self.cloud.account_id!r})"
