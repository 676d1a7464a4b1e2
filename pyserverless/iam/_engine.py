"""The IAM engine: roles, managed policies, users, access keys, instance profiles.

IAM stores and answers; policies are checked against IAM's grammar but not evaluated
(evaluation comes with a later issue). One state per Cloud, whatever the Region.

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> iam = cloud.engine("iam")
>>> trust = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
...          '{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}')
>>> iam.create_role({"RoleName": "fn", "AssumeRolePolicyDocument": trust})["Role"]["Arn"]
'arn:aws:iam::123456789012:role/fn'
>>> cloud.engine("iam", "eu-west-1").trust_policy("arn:aws:iam::123456789012:role/fn")["Version"]
'2012-10-17'
"""

from __future__ import annotations

from ._account import AccountOps
from ._groups import GroupOps
from ._logins import LoginOps
from ._oidc import OidcOps
from ._policies import PolicyOps
from ._roles import RoleOps
from ._users import UserOps

__all__ = ["IAM"]


class IAM(RoleOps, GroupOps, PolicyOps, LoginOps, UserOps, AccountOps, OidcOps):
    """IAM for a Cloud (every Region's engine shares the Cloud's one IAM state)."""
