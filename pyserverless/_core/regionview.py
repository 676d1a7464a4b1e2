"""``cloud.region("eu-west-1")``: one Region of a Cloud, as a first-class value."""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ..dynamo._resource import DynamoDBResource

__all__ = ["RegionName", "RegionView"]

_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


class RegionName(str):
    """``cloud.region``: the default Region's name, a ``str`` in every way; called with
    a name, the ``RegionView`` of that Region.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> cloud.region
    'us-east-1'
    >>> cloud.region("eu-west-1")
    Region('eu-west-1', account_id='123456789012')
    >>> cloud.region()
    Region('us-east-1', account_id='123456789012')
    """

    _cloud: weakref.ref[Cloud]

    def __new__(cls, name: str, cloud: Cloud) -> RegionName:
        self = super().__new__(cls, name)
        self._cloud = weakref.ref(cloud)
        return self

    def __call__(self, name: str | None = None) -> RegionView:
        cloud = self._cloud()
        if cloud is None:  # pragma: no cover - the Cloud is gone
            raise ValueError("this Cloud no longer exists")
        if name is None:
            name = str(self)
        if not isinstance(name, str) or not _REGION.match(name):
            raise ValueError(f"region must look like 'us-east-1', got {name!r}")
        from .regions import region_refused

        if (why := region_refused(name, cloud.regions)) is not None:
            raise ValueError(why)
        return RegionView(cloud, name)

    def __reduce__(self) -> Any:
        return (str, (str(self),))

    def __deepcopy__(self, memo: Any) -> RegionName:
        return self

    def __copy__(self) -> RegionName:
        return self


class RegionView:
    """The services of one Region of a Cloud: its engines, clients and resource layers.

    Built by ``cloud.region(name)``; the Cloud's clock, seed, account and faults are
    shared by every Region, the state of each service is the Region's own.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> eu = cloud.region("eu-west-1")
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
