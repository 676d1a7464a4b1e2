"""The STS engine: who the caller is, in this Cloud's one account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = ["STS"]


class STS:
    """STS for one Region of a Cloud.

    Every caller is the account's root user until IAM exists: AWS answers root
    credentials with the account id as ``UserId`` and ``arn:aws:iam::<account>:root``.

    >>> from pyserverless import Cloud
    >>> STS(Cloud.manual(), "eu-west-1").get_caller_identity({})["UserId"]
    '123456789012'
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.account_id = cloud.account_id
        self.region = region

    def get_caller_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCallerIdentity: the caller's user id, account and ARN."""
        partition = "aws-cn" if self.region.startswith("cn-") else "aws"
        return {
            "UserId": self.account_id,
            "Account": self.account_id,
            "Arn": f"arn:{partition}:iam::{self.account_id}:root",
        }
