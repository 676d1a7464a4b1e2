"""``cloud.iam``: IAM for people -- roles in one call, with readable reprs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._managed import MANAGED

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import IAM

__all__ = ["IAMResource", "Role"]


def _trust_for(service: str | Iterable[str]) -> dict[str, Any]:
    services = [service] if isinstance(service, str) else list(service)
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": services[0] if len(services) == 1 else services},
                "Action": "sts:AssumeRole",
            }
        ],
    }


class Role:
    """An IAM role, read live from the engine.

    >>> from pyserverless import Cloud
    >>> role = Cloud.manual().iam.role("app")
    >>> role.name, role.arn
    ('app', 'arn:aws:iam::123456789012:role/app')
    >>> role.trust_policy["Statement"][0]["Principal"]
    {'Service': 'lambda.amazonaws.com'}
    """

    def __init__(self, engine: IAM, name: str) -> None:
        self._engine = engine
        self.name = name

    def _get(self) -> dict[str, Any]:
        role: dict[str, Any] = self._engine.get_role({"RoleName": self.name})["Role"]
        return role

    @property
    def arn(self) -> str:
        return str(self._get()["Arn"])

    @property
    def role_id(self) -> str:
        return str(self._get()["RoleId"])

    @property
    def trust_policy(self) -> dict[str, Any]:
        """The trust policy, parsed."""
        return dict(self._get()["AssumeRolePolicyDocument"])

    @property
    def policies(self) -> list[str]:
        """The names of the attached managed policies, in attach order."""
        rows = self._engine.list_attached_role_policies({"RoleName": self.name, "MaxItems": 1000})
        return [r["PolicyName"] for r in rows["AttachedPolicies"]]

    @property
    def inline_policies(self) -> dict[str, dict[str, Any]]:
        """The inline policies by name, parsed."""
        names = self._engine.list_role_policies({"RoleName": self.name, "MaxItems": 1000})
        return {
            n: self._engine.get_role_policy({"RoleName": self.name, "PolicyName": n})[
                "PolicyDocument"
            ]
            for n in names["PolicyNames"]
        }

    def attach(self, policy: str) -> Role:
        """Attach a managed policy by AWS name (``"AWSLambdaBasicExecutionRole"``) or ARN."""
        self._engine.attach_role_policy({"RoleName": self.name, "PolicyArn": _arn(policy)})
        return self

    def put_policy(self, name: str, document: Mapping[str, Any] | str) -> Role:
        """Add or replace an inline policy (a dict or JSON text)."""
        text = document if isinstance(document, str) else json.dumps(document)
        self._engine.put_role_policy(
            {"RoleName": self.name, "PolicyName": name, "PolicyDocument": text}
        )
        return self

    def describe(self) -> dict[str, Any]:
        """GetRole's ``Role``."""
        return self._get()

    def __repr__(self) -> str:
        return f"iam.Role({self.name!r}, arn={self.arn!r}, policies={self.policies!r})"


def _arn(policy: str) -> str:
    if policy.startswith("arn:"):
        return policy
    found = MANAGED.get(policy)
    if found is None:
        raise ValueError(
            f"{policy!r} is not an AWS managed policy pyserverless knows; give its ARN, or "
            f"one of: {', '.join(sorted(MANAGED))}"
        )
    return found.arn


class IAMResource:
    """IAM's resource layer: ``cloud.iam.role("fn")`` makes a Lambda execution role.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> _ = cloud.iam.role("a"); _ = cloud.iam.role("b", service="states.amazonaws.com")
    >>> cloud.iam.roles
    [iam.Role('a', arn='arn:aws:iam::123456789012:role/a', policies=[]), iam.Role('b', arn='arn:aws:iam::123456789012:role/b', policies=[])]
    """  # noqa: E501

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._engine: IAM = cloud.engine("iam", region)

    def role(
        self,
        name: str,
        *,
        service: str | Iterable[str] = "lambda.amazonaws.com",
        trust: Mapping[str, Any] | str | None = None,
        policies: Iterable[str] = (),
        path: str = "/",
        description: str | None = None,
    ) -> Role:
        """Create a role that ``service`` may assume (or with the trust policy ``trust``),
        with the managed ``policies`` (AWS names or ARNs) attached."""
        document = _trust_for(service) if trust is None else trust
        text = document if isinstance(document, str) else json.dumps(document)
        params: dict[str, Any] = {"RoleName": name, "AssumeRolePolicyDocument": text,
                                  "Path": path}  # fmt: skip
        if description is not None:
            params["Description"] = description
        arns = [_arn(p) for p in policies]
        for arn in arns:  # every policy exists before the role is made
            self._engine.get_policy({"PolicyArn": arn})
        self._engine.create_role(params)
        role = Role(self._engine, name)
        for arn in arns:
            role.attach(arn)
        return role

    def get_role(self, name: str) -> Role:
        """The role ``name`` (``NoSuchEntity`` if there is none)."""
        self._engine.get_role({"RoleName": name})
        return Role(self._engine, name)

    @property
    def roles(self) -> list[Role]:
        """Every role, sorted by name."""
        rows = self._engine.list_roles({"MaxItems": 1000})["Roles"]
        return [Role(self._engine, r["RoleName"]) for r in rows]

    def __repr__(self) -> str:
        return f"iam.ServiceResource(roles={len(self._engine.state.roles)})"
