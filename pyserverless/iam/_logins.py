"""Login profiles (a user's console password) and GetAccessKeyLastUsed.

What IAM answers, from the LocalStack suite's captures from IAM (test_iam_users, 2026-02):
a profile's ``CreateDate``, ``PasswordResetRequired`` and ``UserName``; "Login Profile for
User X cannot be found." when there is none; "Login Profile for user X already exists."
on a second one. The password is kept, never checked: there is no console to sign in to,
and the account's password policy (its complexity rules) is not emulated.
"""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._errors import AccessDeniedException, EntityAlreadyExistsException, NoSuchEntityException
from ._model import LoginProfile, User
from ._users import UserOps

__all__ = ["LoginOps"]


class LoginOps(UserOps):
    """The login-profile operations, and the access keys' last use."""

    def _login(self, user: User) -> LoginProfile:
        if user.login is None:
            raise NoSuchEntityException(msg.LOGIN_NOT_FOUND.format(user.name))
        return user.login

    def create_login_profile(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """CreateLoginProfile: a console password for a user that has none (without
        ``UserName``: the calling user; the root's own console login is not emulated)."""
        with self.lock:
            user = self._key_owner(params, caller)
            if user.login is not None:
                raise EntityAlreadyExistsException(msg.LOGIN_EXISTS.format(user.name))
            user.login = LoginProfile(
                self._now(), params.get("Password"), bool(params.get("PasswordResetRequired"))
            )
            return {"LoginProfile": user.login.describe(user.name)}

    def get_login_profile(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """GetLoginProfile: when the profile was made and whether a reset is required."""
        with self.lock:
            user = self._key_owner(params, caller)
            return {"LoginProfile": self._login(user).describe(user.name)}

    def update_login_profile(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateLoginProfile: a new password and/or the reset flag."""
        with self.lock:
            user = self._user(params["UserName"])
            login = self._login(user)
            if params.get("Password") is not None:
                login.password = params["Password"]
            if params.get("PasswordResetRequired") is not None:
                login.reset_required = bool(params["PasswordResetRequired"])
            return {}

    def delete_login_profile(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """DeleteLoginProfile: the user can no longer sign in to the console."""
        with self.lock:
            user = self._key_owner(params, caller)
            self._login(user)
            user.login = None
            return {}

    def get_access_key_last_used(
        self, params: dict[str, Any], caller: str | None = None
    ) -> dict[str, Any]:
        """GetAccessKeyLastUsed: the key's owner and its last use ("N/A" until one is
        recorded: pyserverless does not record keys' use); AccessDenied for a key IAM
        does not know."""
        key_id = params["AccessKeyId"]
        with self.lock:
            key = self.state.keys.get(key_id)
            if key is None:
                sts = self.cloud.engine("sts", self.region)
                who = sts.credentials_for(caller) if caller else None
                arn = who.arn if who is not None else f"arn:aws:iam::{self.account}:root"
                raise AccessDeniedException(msg.KEY_LAST_USED_DENIED.format(arn, key_id))
            return {
                "UserName": key.user,
                "AccessKeyLastUsed": {"ServiceName": "N/A", "Region": "N/A"},
            }
