"""The account's own IAM settings: its alias and GetAccountSummary's counts and quotas."""

from __future__ import annotations

from typing import Any

from . import _messages as msg
from ._base import EngineBase
from ._errors import NoSuchEntityException

__all__ = ["AccountOps"]


class AccountOps(EngineBase):
    """The account operations of the IAM engine."""

    def create_account_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateAccountAlias: name the account (a new alias replaces the old one)."""
        with self.lock:
            self.state.alias = params["AccountAlias"]
            return {}

    def delete_account_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteAccountAlias: remove the account's alias."""
        alias = params["AccountAlias"]
        with self.lock:
            if self.state.alias != alias:
                raise NoSuchEntityException(msg.ALIAS_NOT_FOUND.format(alias))
            self.state.alias = None
            return {}

    def list_account_aliases(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListAccountAliases: the alias, if the account has one."""
        with self.lock:
            alias = self.state.alias
            return {"AccountAliases": [alias] if alias else [], "IsTruncated": False}

    def get_account_summary(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAccountSummary: how many of each entity the account holds, and the quotas."""
        limits = self.limits
        with self.lock:
            state = self.state
            versions = sum(len(p.versions) for p in state.policies.values())
            summary = {
                "Users": len(state.users),
                "UsersQuota": limits.max_users,
                "Groups": len(state.groups),
                "GroupsQuota": limits.max_groups,
                "Roles": len(state.roles),
                "RolesQuota": limits.max_roles,
                "Policies": len(state.policies),
                "PoliciesQuota": limits.max_policies,
                "PolicyVersionsInUse": versions,
                "VersionsPerPolicyQuota": limits.max_policy_versions,
                "InstanceProfiles": len(state.profiles),
                "InstanceProfilesQuota": limits.max_instance_profiles,
                "AccessKeysPerUserQuota": limits.max_access_keys,
                "GroupsPerUserQuota": limits.max_groups_per_user,
                "AttachedPoliciesPerRoleQuota": limits.max_attached_policies,
                "AttachedPoliciesPerUserQuota": limits.max_attached_policies,
                "AttachedPoliciesPerGroupQuota": limits.max_attached_policies,
                "PolicySizeQuota": limits.max_managed_policy_size,
                "RolePolicySizeQuota": limits.max_role_inline_size,
                "UserPolicySizeQuota": limits.max_user_inline_size,
                "GroupPolicySizeQuota": limits.max_group_inline_size,
                "AssumeRolePolicySizeQuota": limits.max_trust_policy_size,
                "MFADevices": 0,
                "MFADevicesInUse": 0,
                "AccountMFAEnabled": 0,
                "AccountAccessKeysPresent": 0,
                "Providers": 0,
                "ServerCertificates": 0,
                "GlobalEndpointTokenVersion": 1,
            }
            return {"SummaryMap": summary}
