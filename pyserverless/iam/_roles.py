"""IAM roles: CreateRole ... DeleteRole, tags, trust policies, inline policies."""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._base import EngineBase
from ._errors import (
    DeleteConflictException,
    EntityAlreadyExistsException,
    LimitExceededException,
    NoSuchEntityException,
)
from ._model import Role
from ._policy import Kind, PolicyDocument, parse, principals

__all__ = ["RoleOps"]


def _create_view(role: Role) -> dict[str, Any]:
    """CreateRole's ``Role``: no MaxSessionDuration or RoleLastUsed, as IAM answers it."""
    out = role.describe(full=False)
    del out["MaxSessionDuration"]
    if role.boundary is not None:
        out["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "Policy",
            "PermissionsBoundaryArn": role.boundary,
        }
    if role.tags:
        out["Tags"] = [{"Key": k, "Value": v} for k, v in role.tags.items()]
    return out


class RoleOps(EngineBase):
    """The role operations of the IAM engine."""

    def trust_policy(self, role_arn: str) -> dict[str, Any] | None:
        """The trust policy (parsed) of the role ``role_arn`` names, or None if there is none.

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> iam = cloud.engine("iam")
        >>> iam.trust_policy("arn:aws:iam::123456789012:role/nobody") is None
        True
        """
        role = self.role_by_arn(role_arn)
        return None if role is None else role.trust.document

    def trusted_principals(self, role_arn: str, kind: str) -> list[str]:
        """The ``kind`` principals (``"Service"``, ``"AWS"``, ``"Federated"``) the Allow
        statements of the role's trust policy name (none for an unknown role).

        >>> from pyserverless import Cloud
        >>> cloud = Cloud.manual()
        >>> role = cloud.iam.role("fn")
        >>> cloud.engine("iam").trusted_principals(role.arn, "Service")
        ['lambda.amazonaws.com']
        """
        role = self.role_by_arn(role_arn)
        return [] if role is None else principals(role.trust.document, kind)

    def policy_document(self, text: str, kind: Kind = "identity") -> dict[str, Any]:
        """``text`` parsed as a policy of ``kind`` (``"identity"`` or ``"trust"``), or IAM's
        MalformedPolicyDocument: the grammar check for other services (STS's session
        policies)."""
        return parse(text, kind).document

    def role_by_arn(self, role_arn: str) -> Role | None:
        """The stored role whose ARN is ``role_arn``, or None."""
        name = role_arn.rsplit("/", 1)[-1]
        role = self.state.roles.get(name.lower())
        return role if role is not None and role.arn == role_arn else None

    def create_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRole: a role with a trust policy."""
        name = params["RoleName"]
        path = params.get("Path", "/")
        trust = self._trust(params["AssumeRolePolicyDocument"])
        with self.lock:
            state = self.state
            if name.lower() in state.roles:
                raise EntityAlreadyExistsException(msg.ROLE_EXISTS.format(name))
            if len(state.roles) >= self.limits.max_roles:
                raise LimitExceededException(
                    msg.QUOTA.format("RolesPerAccount", self.limits.max_roles)
                )
            boundary = params.get("PermissionsBoundary")
            if boundary is not None:
                self._policy(boundary)
            tags = self._tags(params.get("Tags"))
            role = Role(
                name=name, path=path, role_id=self._new_id("AROA"),
                arn=self._arn("role", path, name), created=self._now(), trust=trust,
                description=params.get("Description"),
                max_session=params.get("MaxSessionDuration", 3600), boundary=boundary,
                tags=tags,
            )  # fmt: skip
            state.roles[name.lower()] = role
            return {"Role": _create_view(role)}

    def _trust(self, text: str) -> PolicyDocument:
        doc = self._document(text, "trust")
        if doc.size > self.limits.max_trust_policy_size:
            raise LimitExceededException(
                msg.QUOTA.format("ACLSizePerRole", self.limits.max_trust_policy_size)
            )
        return doc

    def get_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRole: the role, its tags and when it was last used."""
        with self.lock:
            return {"Role": self._role(params["RoleName"]).describe()}

    def list_roles(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListRoles: roles under ``PathPrefix``, sorted by name, a page at a time."""
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            roles = sorted(
                (r for r in self.state.roles.values() if r.path.startswith(prefix)),
                key=lambda r: r.name.lower(),
            )
            out = self._page(roles, params, lambda r: r.name.lower(), "Roles")
            out["Roles"] = [r.describe(full=False) for r in out["Roles"]]
            return out

    def update_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRole: the description and the maximum session duration."""
        with self.lock:
            role = self._role(params["RoleName"])
            if "Description" in params:
                role.description = params["Description"]
            if "MaxSessionDuration" in params:
                role.max_session = params["MaxSessionDuration"]
            return {}

    def update_role_description(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRoleDescription: the new description; answers the role as CreateRole does,
        without MaxSessionDuration or RoleLastUsed (the LocalStack suite's capture from IAM,
        test_iam_roles::test_update_role, 2026-02)."""
        with self.lock:
            role = self._role(params["RoleName"])
            role.description = params["Description"]
            return {"Role": _create_view(role)}

    def update_assume_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateAssumeRolePolicy: replace the role's trust policy."""
        with self.lock:
            role = self._role(params["RoleName"])
            role.trust = self._trust(params["PolicyDocument"])
            return {}

    def delete_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRole: only once no policy and no instance profile holds on to it."""
        with self.lock:
            role = self._role(params["RoleName"])
            if role.profiles:
                raise DeleteConflictException(msg.MUST_REMOVE_PROFILES)
            if role.attached:
                raise DeleteConflictException(msg.MUST_DETACH)
            if role.inline:
                raise DeleteConflictException(msg.MUST_DELETE_INLINE)
            del self.state.roles[role.name.lower()]
            return {}

    # -- tags ----------------------------------------------------------------------------
    def tag_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """TagRole: add or overwrite tags."""
        with self.lock:
            role = self._role(params["RoleName"])
            role.tags = self._tags(params["Tags"], role.tags)
            return {}

    def untag_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """UntagRole: remove tags by key (keys not there are ignored)."""
        with self.lock:
            role = self._role(params["RoleName"])
            gone = {k.lower() for k in params["TagKeys"]}
            role.tags = {k: v for k, v in role.tags.items() if k.lower() not in gone}
            return {}

    def list_role_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListRoleTags: the role's tags, a page at a time."""
        with self.lock:
            role = self._role(params["RoleName"])
            tags = [{"Key": k, "Value": v} for k, v in role.tags.items()]
            return self._page(tags, params, lambda t: t["Key"], "Tags")

    # -- inline policies -----------------------------------------------------------------
    def put_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutRolePolicy: add or replace an inline policy."""
        doc = self._document(params["PolicyDocument"], "identity")
        with self.lock:
            role = self._role(params["RoleName"])
            name = params["PolicyName"]
            old = role.inline.get(name)
            total = role.inline_size() - (old.size if old else 0) + doc.size
            if total > self.limits.max_role_inline_size:
                raise LimitExceededException(
                    msg.INLINE_TOO_BIG.format(self.limits.max_role_inline_size, "role", role.name)
                )
            role.inline[name] = doc
            return {}

    def get_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRolePolicy: one inline policy's document."""
        with self.lock:
            role = self._role(params["RoleName"])
            name = params["PolicyName"]
            doc = role.inline.get(name)
            if doc is None:
                raise NoSuchEntityException(msg.ROLE_POLICY_NOT_FOUND.format(name))
            return {"RoleName": role.name, "PolicyName": name, "PolicyDocument": doc.document}

    def delete_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRolePolicy: remove one inline policy."""
        with self.lock:
            role = self._role(params["RoleName"])
            name = params["PolicyName"]
            if role.inline.pop(name, None) is None:
                raise NoSuchEntityException(msg.ROLE_POLICY_NOT_FOUND.format(name))
            return {}

    def list_role_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListRolePolicies: the names of the role's inline policies."""
        with self.lock:
            role = self._role(params["RoleName"])
            return self._page(sorted(role.inline), params, lambda n: n, "PolicyNames")
