"""``cloud.client("sts")``: boto3's STS client (GetCallerIdentity)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .._core.client import ServiceClient, operation
from .._core.errors import AWSError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import STS

__all__ = ["STSClient", "STSError"]


class STSError(AWSError):
    """Base of STS's errors."""


class STSClient(ServiceClient):
    """boto3's ``sts`` client over the Cloud's STS engine.

    >>> from pyserverless import Cloud
    >>> Cloud.manual(account_id="210987654321").client("sts").get_caller_identity()["Arn"]
    'arn:aws:iam::210987654321:root'
    """

    service_name: ClassVar[str] = "sts"
    error_base: ClassVar[type[AWSError]] = STSError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: STS = cloud.engine("sts", region_name)

    @operation("GetCallerIdentity")
    def get_caller_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """Say who is calling: the account and the identity behind the credentials.

        GetCallerIdentity. No parameters. Returns ``UserId``, ``Account`` (the Cloud's
        ``account_id``) and ``Arn`` (here the account's root).

        >>> from pyserverless import Cloud
        >>> Cloud.manual(account_id="210987654321").client("sts").get_caller_identity()["Account"]
        '210987654321'
        """
        return self._engine.get_caller_identity(params)
