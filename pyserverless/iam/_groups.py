"""IAM groups: membership, attached and inline policies."""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._errors import (
    DeleteConflictException,
    EntityAlreadyExistsException,
    LimitExceededException,
    NoSuchEntityException,
)
from ._model import Group
from ._policies import PolicyOps

__all__ = ["GroupOps"]


class GroupOps(PolicyOps):
    """The group operations of the IAM engine."""

    def create_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateGroup: an empty group."""
        name = params["GroupName"]
        path = params.get("Path", "/")
        with self.lock:
            state = self.state
            if name.lower() in state.groups:
                raise EntityAlreadyExistsException(msg.GROUP_EXISTS.format(name))
            if len(state.groups) >= self.limits.max_groups:
                raise LimitExceededException(
                    msg.QUOTA.format("GroupsPerAccount", self.limits.max_groups)
                )
            group = Group(name=name, path=path, group_id=self._new_id("AGPA"),
                          arn=self._arn("group", path, name), created=self._now())  # fmt: skip
            state.groups[name.lower()] = group
            return {"Group": group.describe()}

    def get_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetGroup: the group and its users, a page at a time."""
        with self.lock:
            group = self._group(params["GroupName"])
            users = [self._user(n) for n in group.users]
            out = self._page(users, params, lambda u: u.name.lower(), "Users")
            out["Users"] = [u.describe(full=False) for u in out["Users"]]
            return {"Group": group.describe(), **out}

    def list_groups(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListGroups: groups under ``PathPrefix``, sorted by name."""
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            groups = sorted(
                (g for g in self.state.groups.values() if g.path.startswith(prefix)),
                key=lambda g: g.name.lower(),
            )
            out = self._page(groups, params, lambda g: g.name.lower(), "Groups")
            out["Groups"] = [g.describe() for g in out["Groups"]]
            return out

    def list_groups_for_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListGroupsForUser: the groups a user is in."""
        with self.lock:
            user = self._user(params["UserName"])
            groups = [self._group(n) for n in user.groups]
            out = self._page(groups, params, lambda g: g.name.lower(), "Groups")
            out["Groups"] = [g.describe() for g in out["Groups"]]
            return out

    def update_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateGroup: a new name or path (the ARN follows; members stay)."""
        with self.lock:
            state = self.state
            group = self._group(params["GroupName"])
            name = params.get("NewGroupName", group.name)
            path = params.get("NewPath", group.path)
            if name.lower() != group.name.lower() and name.lower() in state.groups:
                raise EntityAlreadyExistsException(msg.GROUP_EXISTS.format(name))
            old = group.name
            del state.groups[old.lower()]
            group.name, group.path = name, path
            group.arn = self._arn("group", path, name)
            state.groups[name.lower()] = group
            for member in group.users:
                joined = state.users[member.lower()].groups
                joined[joined.index(old)] = name
            return {}

    def delete_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteGroup: only once it has no users and no policies."""
        with self.lock:
            group = self._group(params["GroupName"])
            if group.users:
                raise DeleteConflictException(msg.MUST_LEAVE_GROUPS)
            if group.attached:
                raise DeleteConflictException(msg.MUST_DETACH)
            if group.inline:
                raise DeleteConflictException(msg.MUST_DELETE_INLINE)
            del self.state.groups[group.name.lower()]
            return {}

    def add_user_to_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """AddUserToGroup: a user joins (joining twice changes nothing)."""
        with self.lock:
            group = self._group(params["GroupName"])
            user = self._user(params["UserName"])
            if group.name in user.groups:
                return {}
            if len(user.groups) >= self.limits.max_groups_per_user:
                raise LimitExceededException(
                    msg.QUOTA.format("GroupsPerUser", self.limits.max_groups_per_user)
                )
            user.groups.append(group.name)
            group.users.append(user.name)
            return {}

    def remove_user_from_group(self, params: dict[str, Any]) -> dict[str, Any]:
        """RemoveUserFromGroup: a member leaves. The user is looked up first: with neither
        there, IAM names the user (the LocalStack suite's capture from IAM,
        test_remove_user_from_unknown_group, 2026-02)."""
        with self.lock:
            user = self._user(params["UserName"])
            group = self._group(params["GroupName"])
            if group.name not in user.groups:
                raise NoSuchEntityException(msg.USER_NOT_FOUND.format(user.name))
            user.groups.remove(group.name)
            group.users.remove(user.name)
            return {}

    # -- policies ------------------------------------------------------------------------
    def attach_group_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """AttachGroupPolicy: attach a managed policy to a group."""
        with self.lock:
            group = self._group(params["GroupName"])
            self._attach(group, params["PolicyArn"], "PoliciesPerGroup")
            return {}

    def detach_group_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DetachGroupPolicy: detach a managed policy from a group."""
        with self.lock:
            self._detach(self._group(params["GroupName"]), params["PolicyArn"])
            return {}

    def list_attached_group_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListAttachedGroupPolicies: the group's managed policies."""
        with self.lock:
            return self._attached(self._group(params["GroupName"]), params)

    def put_group_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutGroupPolicy: add or replace an inline policy of a group."""
        doc = self._document(params["PolicyDocument"], "identity")
        with self.lock:
            group = self._group(params["GroupName"])
            name = params["PolicyName"]
            old = group.inline.get(name)
            total = sum(d.size for d in group.inline.values()) - (old.size if old else 0)
            if total + doc.size > self.limits.max_group_inline_size:
                raise LimitExceededException(
                    msg.INLINE_TOO_BIG.format(
                        self.limits.max_group_inline_size, "group", group.name
                    )
                )
            group.inline[name] = doc
            return {}

    def get_group_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetGroupPolicy: one inline policy's document."""
        with self.lock:
            group = self._group(params["GroupName"])
            name = params["PolicyName"]
            doc = group.inline.get(name)
            if doc is None:
                raise NoSuchEntityException(msg.GROUP_POLICY_NOT_FOUND.format(name))
            return {"GroupName": group.name, "PolicyName": name, "PolicyDocument": doc.document}

    def delete_group_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteGroupPolicy: remove one inline policy."""
        with self.lock:
            group = self._group(params["GroupName"])
            name = params["PolicyName"]
            if group.inline.pop(name, None) is None:
                raise NoSuchEntityException(msg.GROUP_POLICY_NOT_FOUND.format(name))
            return {}

    def list_group_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListGroupPolicies: the names of the group's inline policies."""
        with self.lock:
            group = self._group(params["GroupName"])
            return self._page(sorted(group.inline), params, lambda n: n, "PolicyNames")
