"""IAM's stored entities: roles, managed policies and their versions, users, access keys
and instance profiles. One :class:`IAMState` per Cloud holds them all (IAM is global)."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import attrs

from ._policy import PolicyDocument

__all__ = ["AccessKey", "Group", "IAMState", "InstanceProfile", "ManagedPolicy", "OidcProvider",
           "PolicyVersion", "Role", "User"]  # fmt: skip


def _tags() -> dict[str, str]:
    return {}


@attrs.define(eq=False)
class Role:
    """An IAM role: its trust policy, its attached and inline policies, its tags."""

    name: str
    path: str
    role_id: str
    arn: str
    created: datetime
    trust: PolicyDocument
    description: str | None = None
    max_session: int = 3600
    boundary: str | None = None
    tags: dict[str, str] = attrs.field(factory=_tags)
    #: Attached managed policies' ARNs, in attach order.
    attached: list[str] = attrs.field(factory=list)
    #: Inline policies by name, in the order they were put.
    inline: dict[str, PolicyDocument] = attrs.field(factory=dict)
    #: Names of the instance profiles holding this role.
    profiles: list[str] = attrs.field(factory=list)
    last_used: datetime | None = None
    last_region: str | None = None

    def inline_size(self) -> int:
        return sum(doc.size for doc in self.inline.values())

    def describe(self, *, full: bool = True) -> dict[str, Any]:
        """The ``Role`` structure (``full``: as GetRole has it, else as ListRoles has it)."""
        out: dict[str, Any] = {
            "Path": self.path,
            "RoleName": self.name,
            "RoleId": self.role_id,
            "Arn": self.arn,
            "CreateDate": self.created,
            "AssumeRolePolicyDocument": self.trust.document,
        }
        if self.description is not None:
            out["Description"] = self.description
        out["MaxSessionDuration"] = self.max_session
        if full:
            if self.boundary is not None:
                out["PermissionsBoundary"] = {
                    "PermissionsBoundaryType": "Policy",
                    "PermissionsBoundaryArn": self.boundary,
                }
            if self.tags:
                out["Tags"] = [{"Key": k, "Value": v} for k, v in self.tags.items()]
            used: dict[str, Any] = {}
            if self.last_used is not None:
                used = {"LastUsedDate": self.last_used, "Region": self.last_region}
            out["RoleLastUsed"] = used
        return out


@attrs.define(eq=False)
class PolicyVersion:
    """One version of a managed policy."""

    version_id: str
    document: PolicyDocument
    created: datetime

    def describe(self, default: str, *, document: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if document:
            out["Document"] = self.document.document
        out["VersionId"] = self.version_id
        out["IsDefaultVersion"] = self.version_id == default
        out["CreateDate"] = self.created
        return out


@attrs.define(eq=False)
class ManagedPolicy:
    """A managed policy, the account's own or AWS's (``aws_managed``)."""

    name: str
    path: str
    policy_id: str
    arn: str
    created: datetime
    updated: datetime
    default_version: str
    versions: dict[str, PolicyVersion]
    description: str | None = None
    tags: dict[str, str] = attrs.field(factory=_tags)
    attachments: int = 0
    next_version: int = 2
    aws_managed: bool = False

    def describe(self, *, full: bool = True, boundary_uses: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {
            "PolicyName": self.name,
            "PolicyId": self.policy_id,
            "Arn": self.arn,
            "Path": self.path,
            "DefaultVersionId": self.default_version,
            "AttachmentCount": self.attachments,
            "PermissionsBoundaryUsageCount": boundary_uses,
            "IsAttachable": True,
        }
        if full and self.description is not None:
            out["Description"] = self.description
        out["CreateDate"] = self.created
        out["UpdateDate"] = self.updated
        if full and self.tags:
            out["Tags"] = [{"Key": k, "Value": v} for k, v in self.tags.items()]
        return out


@attrs.define(eq=False)
class AccessKey:
    """A user's long-term access key."""

    key_id: str
    secret: str
    user: str
    created: datetime
    status: str = "Active"

    def describe(self, *, secret: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"UserName": self.user, "AccessKeyId": self.key_id,
                               "Status": self.status}  # fmt: skip
        if secret:
            out["SecretAccessKey"] = self.secret
        out["CreateDate"] = self.created
        return out


@attrs.define(eq=False)
class LoginProfile:
    """A user's console password: kept for ChangePassword-free round trips, never checked."""

    created: datetime
    password: str | None
    reset_required: bool = False

    def describe(self, user: str) -> dict[str, Any]:
        return {
            "UserName": user,
            "CreateDate": self.created,
            "PasswordResetRequired": self.reset_required,
        }


@attrs.define(eq=False)
class User:
    """An IAM user, its policies and its access keys."""

    name: str
    path: str
    user_id: str
    arn: str
    created: datetime
    boundary: str | None = None
    tags: dict[str, str] = attrs.field(factory=_tags)
    attached: list[str] = attrs.field(factory=list)
    inline: dict[str, PolicyDocument] = attrs.field(factory=dict)
    keys: dict[str, AccessKey] = attrs.field(factory=dict)
    #: Names of the groups the user is in, in the order it joined them.
    groups: list[str] = attrs.field(factory=list)
    #: The console password's profile (CreateLoginProfile), if it has one.
    login: LoginProfile | None = None

    def describe(self, *, full: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "Path": self.path,
            "UserName": self.name,
            "UserId": self.user_id,
            "Arn": self.arn,
            "CreateDate": self.created,
        }
        if full and self.boundary is not None:
            out["PermissionsBoundary"] = {
                "PermissionsBoundaryType": "Policy",
                "PermissionsBoundaryArn": self.boundary,
            }
        if full and self.tags:
            out["Tags"] = [{"Key": k, "Value": v} for k, v in self.tags.items()]
        return out


@attrs.define(eq=False)
class Group:
    """An IAM group: users, attached and inline policies (groups have no boundary)."""

    name: str
    path: str
    group_id: str
    arn: str
    created: datetime
    users: list[str] = attrs.field(factory=list)
    attached: list[str] = attrs.field(factory=list)
    inline: dict[str, PolicyDocument] = attrs.field(factory=dict)
    boundary: None = None

    def describe(self) -> dict[str, Any]:
        return {"Path": self.path, "GroupName": self.name, "GroupId": self.group_id,
                "Arn": self.arn, "CreateDate": self.created}  # fmt: skip


@attrs.define(eq=False)
class OidcProvider:
    """An OpenID Connect identity provider web identities come from."""

    host: str
    arn: str
    created: datetime
    client_ids: list[str] = attrs.field(factory=list)
    thumbprints: list[str] = attrs.field(factory=list)
    tags: dict[str, str] = attrs.field(factory=_tags)


@attrs.define(eq=False)
class InstanceProfile:
    """An instance profile: a container for one role."""

    name: str
    path: str
    profile_id: str
    arn: str
    created: datetime
    roles: list[str] = attrs.field(factory=list)
    tags: dict[str, str] = attrs.field(factory=_tags)


@attrs.define(eq=False)
class IAMState:
    """Everything IAM stores for one Cloud (names are unique whatever their case)."""

    roles: dict[str, Role] = attrs.field(factory=dict)
    policies: dict[str, ManagedPolicy] = attrs.field(factory=dict)
    #: AWS managed policies this account has touched, by ARN (made from the data on use).
    aws_policies: dict[str, ManagedPolicy] = attrs.field(factory=dict)
    users: dict[str, User] = attrs.field(factory=dict)
    #: Every access key by id (the keys live in their users too).
    keys: dict[str, AccessKey] = attrs.field(factory=dict)
    profiles: dict[str, InstanceProfile] = attrs.field(factory=dict)
    groups: dict[str, Group] = attrs.field(factory=dict)
    #: OpenID Connect providers by host (the URL without ``https://``).
    oidc: dict[str, OidcProvider] = attrs.field(factory=dict)
    #: The account's alias (an account has one at most).
    alias: str | None = None
    lock: threading.RLock = attrs.field(factory=threading.RLock)

    def _check(self) -> None:
        """Assert the invariants: indexes agree with their owners, counts add up."""
        counts: dict[str, int] = {}
        owners: list[Role | User | Group] = [
            *self.roles.values(),
            *self.users.values(),
            *self.groups.values(),
        ]
        for owner in owners:
            for arn in owner.attached:
                counts[arn] = counts.get(arn, 0) + 1
        for arn, policy in [*self.policies.items(), *self.aws_policies.items()]:
            assert policy.attachments == counts.get(arn, 0), arn
            assert policy.default_version in policy.versions, arn
        keys = {k: key for u in self.users.values() for k, key in u.keys.items()}
        assert keys == self.keys
        for group in self.groups.values():
            for name in group.users:
                assert group.name in self.users[name.lower()].groups
        for user in self.users.values():
            for name in user.groups:
                assert user.name in self.groups[name.lower()].users
        for profile in self.profiles.values():
            for role in profile.roles:
                assert profile.name in self.roles[role.lower()].profiles
