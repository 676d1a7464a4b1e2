"""Managed policies: CreatePolicy ... ListPolicies, versions, attach and detach."""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._base import EngineBase
from ._errors import (
    DeleteConflictException,
    EntityAlreadyExistsException,
    InvalidInputException,
    LimitExceededException,
    NoSuchEntityException,
)
from ._managed import MANAGED_BY_ARN
from ._model import Group, ManagedPolicy, PolicyVersion, Role, User
from ._policy import PolicyDocument

__all__ = ["PolicyOps"]


class PolicyOps(EngineBase):
    """The managed-policy operations of the IAM engine."""

    def _managed_document(self, text: str) -> PolicyDocument:
        doc = self._document(text, "identity")
        if doc.size > self.limits.max_managed_policy_size:
            raise LimitExceededException(
                msg.QUOTA.format("PolicySize", self.limits.max_managed_policy_size)
            )
        return doc

    def _own_policy(self, arn: str) -> ManagedPolicy:
        policy = self._policy(arn)
        if policy.aws_managed:
            raise InvalidInputException(msg.MANAGED_READ_ONLY)
        return policy

    def create_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreatePolicy: a customer managed policy with its first version (v1)."""
        name = params["PolicyName"]
        path = params.get("Path", "/")
        doc = self._managed_document(params["PolicyDocument"])
        with self.lock:
            state = self.state
            if any(p.name.lower() == name.lower() for p in state.policies.values()):
                raise EntityAlreadyExistsException(msg.POLICY_EXISTS.format(name))
            if len(state.policies) >= self.limits.max_policies:
                raise LimitExceededException(
                    msg.QUOTA.format("PoliciesPerAccount", self.limits.max_policies)
                )
            tags = self._tags(params.get("Tags"), quota="TagsPerPolicy")
            now = self._now()
            arn = self._arn("policy", path, name)
            policy = ManagedPolicy(
                name=name, path=path, policy_id=self._new_id("ANPA"), arn=arn, created=now,
                updated=now, default_version="v1", versions={"v1": PolicyVersion("v1", doc, now)},
                description=params.get("Description"), tags=tags,
            )  # fmt: skip
            state.policies[arn] = policy
            out = policy.describe()
            out.pop("Description", None)
            return {"Policy": out}

    def _boundary_users(self, arn: str) -> list[Role | User]:
        state = self.state
        owners: list[Role | User] = [*state.roles.values(), *state.users.values()]
        return [o for o in owners if o.boundary == arn]

    def get_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetPolicy: a managed policy (the account's or AWS's) by ARN."""
        with self.lock:
            policy = self._policy(params["PolicyArn"])
            uses = len(self._boundary_users(policy.arn))
            return {"Policy": policy.describe(boundary_uses=uses)}

    def delete_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeletePolicy: only when detached everywhere and down to its default version."""
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            if policy.attachments:
                raise DeleteConflictException(msg.POLICY_ATTACHED)
            if len(policy.versions) > 1:
                raise DeleteConflictException(msg.POLICY_HAS_VERSIONS)
            del self.state.policies[policy.arn]
            return {}

    def list_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListPolicies: by ``Scope`` (All, AWS, Local), ``OnlyAttached`` and ``PathPrefix``."""
        scope = params.get("Scope", "All")
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            state = self.state
            found: list[ManagedPolicy] = []
            if scope in ("All", "AWS"):
                found.extend(state.aws_policies.get(a) or self._materialise(a)
                             for a in MANAGED_BY_ARN)  # fmt: skip
            if scope in ("All", "Local"):
                found.extend(state.policies.values())
            found = [p for p in found if p.path.startswith(prefix)]
            uses = {p.arn: len(self._boundary_users(p.arn)) for p in found}
            usage = params.get("PolicyUsageFilter")
            if usage == "PermissionsBoundary":
                found = [p for p in found if uses[p.arn]]
            if params.get("OnlyAttached"):
                found = [p for p in found if p.attachments or usage == "PermissionsBoundary"]
            found.sort(key=lambda p: (p.name.lower(), p.arn))
            out = self._page(found, params, lambda p: p.name.lower(), "Policies")
            out["Policies"] = [
                p.describe(full=False, boundary_uses=uses[p.arn]) for p in out["Policies"]
            ]
            return out

    def list_entities_for_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListEntitiesForPolicy: the roles and users a managed policy is attached to (or
        is the permissions boundary of, by ``PolicyUsageFilter``)."""
        kinds = {"User": "user", "Role": "role", "Group": "group"}
        wanted = params.get("EntityFilter")
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            policy = self._policy(params["PolicyArn"])
            usage = params.get("PolicyUsageFilter")
            state = self.state
            owners: list[Role | User | Group] = [
                *state.roles.values(),
                *state.users.values(),
                *state.groups.values(),
            ]
            rows: list[tuple[str, Role | User | Group]] = []
            for owner in owners:
                kind = type(owner).__name__.lower()
                if wanted is not None and kinds.get(wanted) != kind:
                    continue
                attached = policy.arn in owner.attached and usage != "PermissionsBoundary"
                bounded = owner.boundary == policy.arn and usage != "PermissionsPolicy"
                if (attached or bounded) and owner.path.startswith(prefix):
                    rows.append((f"{kind} {owner.name.lower()}", owner))
            rows.sort(key=lambda r: r[0])
            out = self._page(rows, params, lambda r: r[0], "_rows")
            found = [owner for _key, owner in out.pop("_rows")]
            out["PolicyGroups"] = [
                {"GroupName": g.name, "GroupId": g.group_id} for g in found if isinstance(g, Group)
            ]
            out["PolicyUsers"] = [
                {"UserName": u.name, "UserId": u.user_id} for u in found if isinstance(u, User)
            ]
            out["PolicyRoles"] = [
                {"RoleName": r.name, "RoleId": r.role_id} for r in found if isinstance(r, Role)
            ]
            return out

    def tag_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """TagPolicy: add or overwrite tags of a customer managed policy."""
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            policy.tags = self._tags(params["Tags"], policy.tags, quota="TagsPerPolicy")
            return {}

    def untag_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """UntagPolicy: remove tags by key."""
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            gone = {k.lower() for k in params["TagKeys"]}
            policy.tags = {k: v for k, v in policy.tags.items() if k.lower() not in gone}
            return {}

    def list_policy_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListPolicyTags: a managed policy's tags."""
        with self.lock:
            policy = self._policy(params["PolicyArn"])
            tags = [{"Key": k, "Value": v} for k, v in policy.tags.items()]
            return self._page(tags, params, lambda t: t["Key"], "Tags")

    # -- versions ------------------------------------------------------------------------
    def _version(self, policy: ManagedPolicy, version_id: str) -> PolicyVersion:
        version = policy.versions.get(version_id)
        if version is None:
            raise NoSuchEntityException(msg.VERSION_NOT_FOUND.format(policy.arn, version_id))
        return version

    def get_policy_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetPolicyVersion: one version with its document."""
        with self.lock:
            policy = self._policy(params["PolicyArn"])
            version = self._version(policy, params["VersionId"])
            return {"PolicyVersion": version.describe(policy.default_version)}

    def list_policy_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListPolicyVersions: the versions, newest first, without their documents."""
        with self.lock:
            policy = self._policy(params["PolicyArn"])
            versions = sorted(policy.versions.values(), key=lambda v: -int(v.version_id[1:]))
            out = self._page(versions, params, lambda v: v.version_id, "Versions")
            out["Versions"] = [
                v.describe(policy.default_version, document=False) for v in out["Versions"]
            ]
            return out

    def create_policy_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreatePolicyVersion: a new version (5 at most), the default if ``SetAsDefault``."""
        doc = self._managed_document(params["PolicyDocument"])
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            if len(policy.versions) >= self.limits.max_policy_versions:
                raise LimitExceededException(
                    msg.TOO_MANY_VERSIONS.format(self.limits.max_policy_versions)
                )
            now = self._now()
            version_id = f"v{policy.next_version}"
            policy.next_version += 1
            policy.versions[version_id] = PolicyVersion(version_id, doc, now)
            if params.get("SetAsDefault"):
                policy.default_version = version_id
            policy.updated = now
            version = policy.versions[version_id]
            return {"PolicyVersion": version.describe(policy.default_version, document=False)}

    def set_default_policy_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """SetDefaultPolicyVersion: make another version the one in force."""
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            version = self._version(policy, params["VersionId"])
            policy.default_version = version.version_id
            policy.updated = self._now()
            return {}

    def delete_policy_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeletePolicyVersion: any version but the default."""
        with self.lock:
            policy = self._own_policy(params["PolicyArn"])
            version = self._version(policy, params["VersionId"])
            if version.version_id == policy.default_version:
                raise DeleteConflictException(msg.DEFAULT_VERSION)
            del policy.versions[version.version_id]
            return {}

    # -- attachments ---------------------------------------------------------------------
    def _attach(self, owner: Role | User | Group, arn: str, quota: str) -> None:
        policy = self._policy(arn)
        if arn in owner.attached:
            return
        if len(owner.attached) >= self.limits.max_attached_policies:
            raise LimitExceededException(msg.QUOTA.format(quota, self.limits.max_attached_policies))
        owner.attached.append(arn)
        policy.attachments += 1

    def _detach(self, owner: Role | User | Group, arn: str) -> None:
        if arn not in owner.attached:
            if not arn.startswith("arn:aws:iam::") or ":policy/" not in arn:
                raise InvalidInputException(msg.BAD_ARN.format(arn))
            raise NoSuchEntityException(msg.POLICY_NOT_ATTACHED.format(arn))
        owner.attached.remove(arn)
        self._policy(arn).attachments -= 1

    def _attached(self, owner: Role | User | Group, params: dict[str, Any]) -> dict[str, Any]:
        prefix = params.get("PathPrefix", "/")
        rows = []
        for arn in owner.attached:
            policy = self._policy(arn)
            if policy.path.startswith(prefix):
                rows.append({"PolicyName": policy.name, "PolicyArn": arn})
        return self._page(rows, params, lambda r: r["PolicyArn"], "AttachedPolicies")

    def attach_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """AttachRolePolicy: attach a managed policy (attaching it twice changes nothing)."""
        with self.lock:
            role = self._role(params["RoleName"])
            self._attach(role, params["PolicyArn"], "PoliciesPerRole")
            return {}

    def detach_role_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DetachRolePolicy: detach a managed policy the role has."""
        with self.lock:
            self._detach(self._role(params["RoleName"]), params["PolicyArn"])
            return {}

    def list_attached_role_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListAttachedRolePolicies: names and ARNs, in attach order."""
        with self.lock:
            return self._attached(self._role(params["RoleName"]), params)

    def attach_user_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """AttachUserPolicy: attach a managed policy to a user."""
        with self.lock:
            user = self._user(params["UserName"])
            self._attach(user, params["PolicyArn"], "PoliciesPerUser")
            return {}

    def detach_user_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DetachUserPolicy: detach a managed policy from a user."""
        with self.lock:
            self._detach(self._user(params["UserName"]), params["PolicyArn"])
            return {}

    def list_attached_user_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListAttachedUserPolicies: the user's managed policies."""
        with self.lock:
            return self._attached(self._user(params["UserName"]), params)
