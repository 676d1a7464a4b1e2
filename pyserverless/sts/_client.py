"""``cloud.client("sts")``: boto3's STS client.

The client layer calls as the account's root; ``client.as_caller(access_key_id)`` (what
the doors use with the key a request was made with) calls as whoever that key stands
for: an IAM user's key, or temporary credentials from AssumeRole.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> _ = cloud.iam.role("app", trust={"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
...     "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})
>>> sts = cloud.client("sts")
>>> creds = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/app",
...                         RoleSessionName="s1")["Credentials"]
>>> sts.as_caller(creds["AccessKeyId"]).get_caller_identity()["Arn"]
'arn:aws:sts::123456789012:assumed-role/app/s1'
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, ClassVar

from .._core.client import ServiceClient, operation
from .._core.errors import AWSError
from ._errors import STSError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import STS

__all__ = ["STSClient", "STSError"]


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
        self._caller: str | None = None

    def as_caller(self, access_key_id: str | None) -> STSClient:
        """This client, calling with the access key ``access_key_id`` (None: the root)."""
        other = copy.copy(self)
        other._caller = access_key_id
        return other

    @operation("GetCallerIdentity")
    def get_caller_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """Say who is calling: the account and the identity behind the credentials.

        GetCallerIdentity. No parameters. Returns ``UserId``, ``Account`` (the Cloud's
        ``account_id``) and ``Arn`` (the root, an IAM user, or an assumed role's session).

        >>> from pyserverless import Cloud
        >>> Cloud.manual(account_id="210987654321").client("sts").get_caller_identity()["Account"]
        '210987654321'
        """
        return self._engine.get_caller_identity(params, self._caller)

    @operation("GetAccessKeyInfo")
    def get_access_key_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """Name the account an access key belongs to.

        GetAccessKeyInfo. Required: ``AccessKeyId``. Returns ``Account``.
        """
        return self._engine.get_access_key_info(params)

    @operation("AssumeRole")
    def assume_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """Get temporary credentials for a role.

        AssumeRole. Required: ``RoleArn``, ``RoleSessionName``. Optional:
        ``DurationSeconds`` (900 up to the role's MaxSessionDuration), ``Policy``,
        ``PolicyArns``, ``Tags``, ``SourceIdentity``. Returns ``Credentials`` (an
        ``ASIA...`` key, secret, token and ``Expiration`` on the Cloud's clock) and
        ``AssumedRoleUser``.
        """
        return self._engine.assume_role(params, self._caller)

    @operation("AssumeRoleWithWebIdentity")
    def assume_role_with_web_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """Get temporary credentials for a role with an OpenID Connect token.

        AssumeRoleWithWebIdentity. Required: ``RoleArn``, ``RoleSessionName``,
        ``WebIdentityToken`` (a JWT; its ``iss`` must be a Federated principal of the
        role's trust policy). Returns ``Credentials``, ``AssumedRoleUser``,
        ``SubjectFromWebIdentityToken``, ``Provider`` and ``Audience``.
        """
        return self._engine.assume_role_with_web_identity(params)

    @operation("GetFederationToken")
    def get_federation_token(self, params: dict[str, Any]) -> dict[str, Any]:
        """Get temporary credentials for a federated user the caller names.

        GetFederationToken. Required: ``Name`` (2 to 32 characters). Optional:
        ``DurationSeconds`` (900 to 129,600; one hour at most for the root), ``Policy``,
        ``PolicyArns``, ``Tags``. Returns ``Credentials`` and ``FederatedUser``.
        """
        return self._engine.get_federation_token(params, self._caller)

    @operation("GetSessionToken")
    def get_session_token(self, params: dict[str, Any]) -> dict[str, Any]:
        """Get temporary credentials for the calling user.

        GetSessionToken. Optional: ``DurationSeconds`` (900 to 129,600; one hour at most
        for the root). Returns ``Credentials``.
        """
        return self._engine.get_session_token(params, self._caller)
