"""IAM users, their access keys, and instance profiles."""

from __future__ import annotations

import string
from typing import Any

from . import _messages as msg
from ._base import EngineBase
from ._errors import (
    DeleteConflictException,
    EntityAlreadyExistsException,
    LimitExceededException,
    NoSuchEntityException,
    ValidationError,
)
from ._model import AccessKey, InstanceProfile, User

__all__ = ["UserOps"]

_SECRET = string.ascii_letters + string.digits + "+/"


class UserOps(EngineBase):
    """The user, access-key and instance-profile operations of the IAM engine."""

    def user_for_key(self, access_key_id: str) -> User | None:
        """The user who owns the active access key ``access_key_id``, or None."""
        key = self.state.keys.get(access_key_id)
        if key is None or key.status != "Active":
            return None
        return self.state.users.get(key.user.lower())

    def secret_for_key(self, access_key_id: str) -> str | None:
        """The secret of the active access key ``access_key_id`` (for SigV4 checks), or None."""
        key = self.state.keys.get(access_key_id)
        return key.secret if key is not None and key.status == "Active" else None

    def create_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateUser: a user with a path, tags and an optional permissions boundary."""
        name = params["UserName"]
        path = params.get("Path", "/")
        with self.lock:
            state = self.state
            if name.lower() in state.users:
                raise EntityAlreadyExistsException(msg.USER_EXISTS.format(name))
            if len(state.users) >= self.limits.max_users:
                raise LimitExceededException(
                    msg.QUOTA.format("UsersPerAccount", self.limits.max_users)
                )
            boundary = params.get("PermissionsBoundary")
            if boundary is not None:
                self._policy(boundary)
            tags = self._tags(params.get("Tags"), quota="TagsPerUser")
            user = User(
                name=name, path=path, user_id=self._new_id("AIDA"),
                arn=self._arn("user", path, name), created=self._now(), boundary=boundary,
                tags=tags,
            )  # fmt: skip
            state.users[name.lower()] = user
            return {"User": user.describe()}

    def _calling_user(self, params: dict[str, Any], caller: str | None) -> User | None:
        """The user ``UserName`` names, else the user behind the caller's key (None: the
        root); a role's session must name the user."""
        name = params.get("UserName")
        if name is not None:
            return self._user(name)
        if not caller:
            return None
        who = self.cloud.engine("sts", self.region).credentials_for(caller)
        if who is None or who.arn.endswith(":root"):
            return None
        if who.kind not in ("user", "session"):
            raise ValidationError(msg.NEEDS_USER_NAME)
        return self._user(who.arn.rsplit("/", 1)[-1])

    def get_user(self, params: dict[str, Any], caller: str | None = None) -> dict[str, Any]:
        """GetUser: a user by name (without a name: the caller, the account's root if the
        key is none of the Cloud's)."""
        with self.lock:
            user = self._calling_user(params, caller)
            if user is None:
                root = {"UserId": self.account, "Arn": f"arn:aws:iam::{self.account}:root"}
                return {"User": {**root, "CreateDate": self._now()}}
            return {"User": user.describe()}

    def list_users(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListUsers: users under ``PathPrefix``, sorted by name, a page at a time."""
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            users = sorted(
                (u for u in self.state.users.values() if u.path.startswith(prefix)),
                key=lambda u: u.name.lower(),
            )
            out = self._page(users, params, lambda u: u.name.lower(), "Users")
            out["Users"] = [u.describe(full=False) for u in out["Users"]]
            return out

    def update_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateUser: a new name or path (the ARN follows; keys and groups move along)."""
        with self.lock:
            state = self.state
            user = self._user(params["UserName"])
            name = params.get("NewUserName", user.name)
            path = params.get("NewPath", user.path)
            if name.lower() != user.name.lower() and name.lower() in state.users:
                raise EntityAlreadyExistsException(msg.USER_EXISTS.format(name))
            old = user.name
            del state.users[old.lower()]
            user.name, user.path = name, path
            user.arn = self._arn("user", path, name)
            state.users[name.lower()] = user
            for key in user.keys.values():
                key.user = name
            for group in user.groups:
                members = state.groups[group.lower()].users
                members[members.index(old)] = name
            return {}

    def delete_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteUser: only once its keys and policies are gone."""
        with self.lock:
            user = self._user(params["UserName"])
            if user.keys:
                raise DeleteConflictException(msg.MUST_DELETE_KEYS)
            if user.login is not None:
                raise DeleteConflictException(msg.MUST_DELETE_LOGIN)
            if user.groups:
                raise DeleteConflictException(msg.MUST_LEAVE_GROUPS)
            if user.attached:
                raise DeleteConflictException(msg.MUST_DETACH)
            if user.inline:
                raise DeleteConflictException(msg.MUST_DELETE_INLINE)
            del self.state.users[user.name.lower()]
            return {}

    def tag_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """TagUser: add or overwrite tags."""
        with self.lock:
            user = self._user(params["UserName"])
            user.tags = self._tags(params["Tags"], user.tags, quota="TagsPerUser")
            return {}

    def list_user_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListUserTags: the user's tags."""
        with self.lock:
            user = self._user(params["UserName"])
            tags = [{"Key": k, "Value": v} for k, v in user.tags.items()]
            return self._page(tags, params, lambda t: t["Key"], "Tags")

    def untag_user(self, params: dict[str, Any]) -> dict[str, Any]:
        """UntagUser: remove tags by key."""
        with self.lock:
            user = self._user(params["UserName"])
            gone = {k.lower() for k in params["TagKeys"]}
            user.tags = {k: v for k, v in user.tags.items() if k.lower() not in gone}
            return {}

    # -- inline policies -----------------------------------------------------------------
    def put_user_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutUserPolicy: add or replace an inline policy of a user."""
        doc = self._document(params["PolicyDocument"], "identity")
        with self.lock:
            user = self._user(params["UserName"])
            name = params["PolicyName"]
            old = user.inline.get(name)
            total = sum(d.size for d in user.inline.values()) - (old.size if old else 0)
            if total + doc.size > self.limits.max_user_inline_size:
                raise LimitExceededException(
                    msg.INLINE_TOO_BIG.format(self.limits.max_user_inline_size, "user", user.name)
                )
            user.inline[name] = doc
            return {}

    def get_user_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUserPolicy: one inline policy's document."""
        with self.lock:
            user = self._user(params["UserName"])
            name = params["PolicyName"]
            doc = user.inline.get(name)
            if doc is None:
                raise NoSuchEntityException(msg.USER_POLICY_NOT_FOUND.format(name))
            return {"UserName": user.name, "PolicyName": name, "PolicyDocument": doc.document}

    def delete_user_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteUserPolicy: remove one inline policy."""
        with self.lock:
            user = self._user(params["UserName"])
            name = params["PolicyName"]
            if user.inline.pop(name, None) is None:
                raise NoSuchEntityException(msg.USER_POLICY_NOT_FOUND.format(name))
            return {}

    def list_user_policies(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListUserPolicies: the names of the user's inline policies."""
        with self.lock:
            user = self._user(params["UserName"])
            return self._page(sorted(user.inline), params, lambda n: n, "PolicyNames")

    # -- access keys ---------------------------------------------------------------------
    def _key_owner(self, params: dict[str, Any], caller: str | None) -> User:
        user = self._calling_user(params, caller)
        if user is None:  # the root's own keys are not emulated
            raise ValidationError(msg.NEEDS_USER_NAME)
        return user

    def create_access_key(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """CreateAccessKey: a new active key (``AKIA...``) and its 40-character secret."""
        with self.lock:
            user = self._key_owner(params, caller)
            if len(user.keys) >= self.limits.max_access_keys:
                raise LimitExceededException(
                    msg.QUOTA.format("AccessKeysPerUser", self.limits.max_access_keys)
                )
            ids = self.cloud.ids
            key = AccessKey(
                key_id="AKIA" + ids.alnum(16, upper=True),
                secret=ids.choice(_SECRET, 40),
                user=user.name,
                created=self._now(),
            )
            user.keys[key.key_id] = key
            self.state.keys[key.key_id] = key
            return {"AccessKey": key.describe(secret=True)}

    def _key(self, params: dict[str, Any], caller: str | None) -> tuple[User, AccessKey]:
        """The key ``AccessKeyId`` names among the keys of ``UserName`` (else of the calling
        user): without a user name, the root or a role's session is refused with "Must
        specify userName when calling with non-User credentials" (the LocalStack suite's
        capture from IAM, test_access_key_errors, 2026-02)."""
        user = self._key_owner(params, caller)
        key_id = params["AccessKeyId"]
        key = self.state.keys.get(key_id)
        if key is None or key.key_id not in user.keys:
            raise NoSuchEntityException(msg.KEY_NOT_FOUND.format(key_id))
        return user, key

    def update_access_key(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """UpdateAccessKey: make a key Active or Inactive."""
        with self.lock:
            _user, key = self._key(params, caller)
            key.status = params["Status"]
            return {}

    def delete_access_key(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """DeleteAccessKey: remove a key for good."""
        with self.lock:
            user, key = self._key(params, caller)
            del user.keys[key.key_id]
            del self.state.keys[key.key_id]
            return {}

    def list_access_keys(self, params: dict[str, Any], caller: str | None = None) -> dict[str, Any]:
        """ListAccessKeys: the user's keys, without their secrets."""
        with self.lock:
            user = self._key_owner(params, caller)
            rows = [k.describe() for k in user.keys.values()]
            return self._page(rows, params, lambda r: r["AccessKeyId"], "AccessKeyMetadata")

    # -- instance profiles ---------------------------------------------------------------
    def _profile(self, name: str) -> InstanceProfile:
        found = self.state.profiles.get(name.lower())
        if found is None:
            raise NoSuchEntityException(msg.PROFILE_NOT_FOUND.format(name))
        return found

    def _describe_profile(self, profile: InstanceProfile) -> dict[str, Any]:
        out: dict[str, Any] = {
            "Path": profile.path,
            "InstanceProfileName": profile.name,
            "InstanceProfileId": profile.profile_id,
            "Arn": profile.arn,
            "CreateDate": profile.created,
            "Roles": [self._role(r).describe(full=False) for r in profile.roles],
        }
        if profile.tags:
            out["Tags"] = [{"Key": k, "Value": v} for k, v in profile.tags.items()]
        return out

    def create_instance_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateInstanceProfile: an empty instance profile."""
        name = params["InstanceProfileName"]
        path = params.get("Path", "/")
        with self.lock:
            state = self.state
            if name.lower() in state.profiles:
                raise EntityAlreadyExistsException(msg.PROFILE_EXISTS.format(name))
            if len(state.profiles) >= self.limits.max_instance_profiles:
                raise LimitExceededException(
                    msg.QUOTA.format("InstanceProfilesPerAccount",
                                     self.limits.max_instance_profiles)
                )  # fmt: skip
            tags = self._tags(params.get("Tags"), quota="TagsPerInstanceProfile")
            profile = InstanceProfile(
                name=name, path=path, profile_id=self._new_id("AIPA"),
                arn=self._arn("instance-profile", path, name), created=self._now(), tags=tags,
            )  # fmt: skip
            state.profiles[name.lower()] = profile
            return {"InstanceProfile": self._describe_profile(profile)}

    def get_instance_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetInstanceProfile: the profile and its role."""
        with self.lock:
            profile = self._profile(params["InstanceProfileName"])
            return {"InstanceProfile": self._describe_profile(profile)}

    def delete_instance_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteInstanceProfile: only once its role is removed."""
        with self.lock:
            profile = self._profile(params["InstanceProfileName"])
            if profile.roles:
                raise DeleteConflictException(msg.PROFILE_HAS_ROLES)
            del self.state.profiles[profile.name.lower()]
            return {}

    def add_role_to_instance_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """AddRoleToInstanceProfile: put the role in (a profile holds one role)."""
        with self.lock:
            profile = self._profile(params["InstanceProfileName"])
            role = self._role(params["RoleName"])
            if len(profile.roles) >= self.limits.max_roles_per_instance_profile:
                raise LimitExceededException(
                    msg.ROLE_ALREADY_IN_PROFILE.format(self.limits.max_roles_per_instance_profile)
                )
            profile.roles.append(role.name)
            role.profiles.append(profile.name)
            return {}

    def remove_role_from_instance_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """RemoveRoleFromInstanceProfile: take the role out."""
        with self.lock:
            profile = self._profile(params["InstanceProfileName"])
            role = self._role(params["RoleName"])
            if role.name not in profile.roles:
                raise NoSuchEntityException(msg.ROLE_NOT_IN_PROFILE.format(role.name))
            profile.roles.remove(role.name)
            role.profiles.remove(profile.name)
            return {}

    def list_instance_profiles(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListInstanceProfiles: profiles under ``PathPrefix``, by name."""
        prefix = params.get("PathPrefix", "/")
        with self.lock:
            found = sorted(
                (p for p in self.state.profiles.values() if p.path.startswith(prefix)),
                key=lambda p: p.name.lower(),
            )
            out = self._page(found, params, lambda p: p.name.lower(), "InstanceProfiles")
            out["InstanceProfiles"] = [self._describe_profile(p) for p in out["InstanceProfiles"]]
            return out

    def list_instance_profiles_for_role(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListInstanceProfilesForRole: the profiles holding the role."""
        with self.lock:
            role = self._role(params["RoleName"])
            found = [self._profile(n) for n in sorted(role.profiles, key=str.lower)]
            out = self._page(found, params, lambda p: p.name.lower(), "InstanceProfiles")
            out["InstanceProfiles"] = [self._describe_profile(p) for p in out["InstanceProfiles"]]
            return out
