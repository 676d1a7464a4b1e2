"""``cloud.client("iam")``: boto3's IAM client over the Cloud's one IAM engine.

Policy documents go in as JSON text and come back as dicts, as boto3 users see them
(IAM sends them URL-encoded; botocore decodes them).

>>> from pyserverless import Cloud
>>> iam = Cloud.manual().client("iam")
>>> trust = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
...          '{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}')
>>> iam.create_role(RoleName="fn", AssumeRolePolicyDocument=trust)["Role"]["RoleId"][:4]
'AROA'
>>> arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
>>> _ = iam.attach_role_policy(RoleName="fn", PolicyArn=arn)
>>> [p["PolicyName"] for p in iam.list_attached_role_policies(RoleName="fn")["AttachedPolicies"]]
['AWSLambdaBasicExecutionRole']
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from . import _rewords  # noqa: F401  (registers IAM's wordings)
from ._errors import IAMError

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import IAM

__all__ = ["IAMClient"]


class IAMClient(ServiceClient):
    """boto3's ``iam`` client: roles, managed and inline policies, users, keys."""

    service_name: ClassVar[str] = "iam"
    error_base: ClassVar[type[IAMError]] = IAMError

    def __init__(self, cloud: Cloud, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: IAM = cloud.engine("iam", region_name)
        self._caller: str | None = None

    def as_caller(self, access_key_id: str | None) -> IAMClient:
        """This client, calling with the access key ``access_key_id`` (None: the root):
        GetUser, CreateAccessKey and ListAccessKeys without ``UserName`` mean its user."""
        other = copy.copy(self)
        other._caller = access_key_id
        return other

    @operation("CreateRole")
    def create_role(self, params: Params) -> Response:
        """Create a role that principals in its trust policy may assume.

        CreateRole. Required: ``RoleName``, ``AssumeRolePolicyDocument`` (JSON
        text). Optional: ``Path``, ``Description``, ``MaxSessionDuration``,
        ``PermissionsBoundary``, ``Tags``. Returns ``Role`` (the trust policy as a
        dict, as boto3 decodes it).
        """
        return self._engine.create_role(params)

    @operation("GetRole")
    def get_role(self, params: Params) -> Response:
        """Read a role, its trust policy, tags and last use.

        GetRole. Required: ``RoleName``. Returns ``Role``.
        """
        return self._engine.get_role(params)

    @operation("ListRoles")
    def list_roles(self, params: Params) -> Response:
        """List the account's roles, sorted by name.

        ListRoles. Optional: ``PathPrefix``, ``Marker``, ``MaxItems``. Returns
        ``Roles``, ``IsTruncated`` and ``Marker``.
        """
        return self._engine.list_roles(params)

    @operation("UpdateRole")
    def update_role(self, params: Params) -> Response:
        """Change a role's description or maximum session duration.

        UpdateRole. Required: ``RoleName``. Optional: ``Description``,
        ``MaxSessionDuration``.
        """
        return self._engine.update_role(params)

    @operation("UpdateRoleDescription")
    def update_role_description(self, params: Params) -> Response:
        """Change a role's description and read the role back.

        UpdateRoleDescription. Required: ``RoleName``, ``Description``. Returns
        ``Role``.
        """
        return self._engine.update_role_description(params)

    @operation("UpdateAssumeRolePolicy")
    def update_assume_role_policy(self, params: Params) -> Response:
        """Replace the trust policy of a role.

        UpdateAssumeRolePolicy. Required: ``RoleName``, ``PolicyDocument``.
        """
        return self._engine.update_assume_role_policy(params)

    @operation("DeleteRole")
    def delete_role(self, params: Params) -> Response:
        """Delete a role that holds no policies and sits in no instance profile.

        DeleteRole. Required: ``RoleName``. ``DeleteConflict`` while anything is
        attached.
        """
        return self._engine.delete_role(params)

    @operation("TagRole")
    def tag_role(self, params: Params) -> Response:
        """Add tags to a role, overwriting keys it already has.

        TagRole. Required: ``RoleName``, ``Tags``.
        """
        return self._engine.tag_role(params)

    @operation("UntagRole")
    def untag_role(self, params: Params) -> Response:
        """Remove tags from a role by key.

        UntagRole. Required: ``RoleName``, ``TagKeys``.
        """
        return self._engine.untag_role(params)

    @operation("ListRoleTags")
    def list_role_tags(self, params: Params) -> Response:
        """List a role's tags.

        ListRoleTags. Required: ``RoleName``. Optional: ``Marker``, ``MaxItems``.
        Returns ``Tags`` and ``IsTruncated``.
        """
        return self._engine.list_role_tags(params)

    @operation("PutRolePolicy")
    def put_role_policy(self, params: Params) -> Response:
        """Add or replace an inline policy of a role.

        PutRolePolicy. Required: ``RoleName``, ``PolicyName``, ``PolicyDocument``.
        """
        return self._engine.put_role_policy(params)

    @operation("GetRolePolicy")
    def get_role_policy(self, params: Params) -> Response:
        """Read one inline policy of a role.

        GetRolePolicy. Required: ``RoleName``, ``PolicyName``. Returns ``RoleName``,
        ``PolicyName``, ``PolicyDocument`` (a dict).
        """
        return self._engine.get_role_policy(params)

    @operation("DeleteRolePolicy")
    def delete_role_policy(self, params: Params) -> Response:
        """Delete one inline policy of a role.

        DeleteRolePolicy. Required: ``RoleName``, ``PolicyName``.
        """
        return self._engine.delete_role_policy(params)

    @operation("ListRolePolicies")
    def list_role_policies(self, params: Params) -> Response:
        """List the names of a role's inline policies.

        ListRolePolicies. Required: ``RoleName``. Optional: ``Marker``,
        ``MaxItems``. Returns ``PolicyNames``.
        """
        return self._engine.list_role_policies(params)

    @operation("AttachRolePolicy")
    def attach_role_policy(self, params: Params) -> Response:
        """Attach a managed policy (the account's or AWS's) to a role.

        AttachRolePolicy. Required: ``RoleName``, ``PolicyArn``.
        """
        return self._engine.attach_role_policy(params)

    @operation("DetachRolePolicy")
    def detach_role_policy(self, params: Params) -> Response:
        """Detach a managed policy from a role.

        DetachRolePolicy. Required: ``RoleName``, ``PolicyArn``.
        """
        return self._engine.detach_role_policy(params)

    @operation("ListAttachedRolePolicies")
    def list_attached_role_policies(self, params: Params) -> Response:
        """List the managed policies attached to a role.

        ListAttachedRolePolicies. Required: ``RoleName``. Optional: ``PathPrefix``,
        ``Marker``, ``MaxItems``. Returns ``AttachedPolicies``.
        """
        return self._engine.list_attached_role_policies(params)

    @operation("CreatePolicy")
    def create_policy(self, params: Params) -> Response:
        """Create a customer managed policy.

        CreatePolicy. Required: ``PolicyName``, ``PolicyDocument``. Optional:
        ``Path``, ``Description``, ``Tags``. Returns ``Policy`` (default version
        ``v1``).
        """
        return self._engine.create_policy(params)

    @operation("GetPolicy")
    def get_policy(self, params: Params) -> Response:
        """Read a managed policy by ARN, AWS managed ones included.

        GetPolicy. Required: ``PolicyArn``. Returns ``Policy``.
        """
        return self._engine.get_policy(params)

    @operation("DeletePolicy")
    def delete_policy(self, params: Params) -> Response:
        """Delete a customer managed policy that is attached nowhere.

        DeletePolicy. Required: ``PolicyArn``.
        """
        return self._engine.delete_policy(params)

    @operation("ListPolicies")
    def list_policies(self, params: Params) -> Response:
        """List managed policies.

        ListPolicies. Optional: ``Scope`` (``All``, ``AWS``, ``Local``),
        ``OnlyAttached``, ``PathPrefix``, ``Marker``, ``MaxItems``. Returns
        ``Policies``.
        """
        return self._engine.list_policies(params)

    @operation("GetPolicyVersion")
    def get_policy_version(self, params: Params) -> Response:
        """Read one version of a managed policy with its document.

        GetPolicyVersion. Required: ``PolicyArn``, ``VersionId``. Returns
        ``PolicyVersion``.
        """
        return self._engine.get_policy_version(params)

    @operation("ListPolicyVersions")
    def list_policy_versions(self, params: Params) -> Response:
        """List the versions of a managed policy, newest first.

        ListPolicyVersions. Required: ``PolicyArn``. Returns ``Versions``.
        """
        return self._engine.list_policy_versions(params)

    @operation("CreatePolicyVersion")
    def create_policy_version(self, params: Params) -> Response:
        """Add a version to a managed policy (five at most).

        CreatePolicyVersion. Required: ``PolicyArn``, ``PolicyDocument``. Optional:
        ``SetAsDefault``. Returns ``PolicyVersion``.
        """
        return self._engine.create_policy_version(params)

    @operation("SetDefaultPolicyVersion")
    def set_default_policy_version(self, params: Params) -> Response:
        """Choose which version of a managed policy is in force.

        SetDefaultPolicyVersion. Required: ``PolicyArn``, ``VersionId``.
        """
        return self._engine.set_default_policy_version(params)

    @operation("DeletePolicyVersion")
    def delete_policy_version(self, params: Params) -> Response:
        """Delete a version other than the default.

        DeletePolicyVersion. Required: ``PolicyArn``, ``VersionId``.
        """
        return self._engine.delete_policy_version(params)

    @operation("CreateUser")
    def create_user(self, params: Params) -> Response:
        """Create a user.

        CreateUser. Required: ``UserName``. Optional: ``Path``,
        ``PermissionsBoundary``, ``Tags``. Returns ``User``.
        """
        return self._engine.create_user(params)

    @operation("GetUser")
    def get_user(self, params: Params) -> Response:
        """Read a user (without ``UserName``: the caller).

        GetUser. Optional: ``UserName``. Returns ``User``.
        """
        return self._engine.get_user(params, self._caller)

    @operation("ListUsers")
    def list_users(self, params: Params) -> Response:
        """List the account's users, sorted by name.

        ListUsers. Optional: ``PathPrefix``, ``Marker``, ``MaxItems``. Returns
        ``Users``.
        """
        return self._engine.list_users(params)

    @operation("DeleteUser")
    def delete_user(self, params: Params) -> Response:
        """Delete a user that has no keys and no policies.

        DeleteUser. Required: ``UserName``.
        """
        return self._engine.delete_user(params)

    @operation("TagUser")
    def tag_user(self, params: Params) -> Response:
        """Add tags to a user.

        TagUser. Required: ``UserName``, ``Tags``.
        """
        return self._engine.tag_user(params)

    @operation("ListUserTags")
    def list_user_tags(self, params: Params) -> Response:
        """List a user's tags.

        ListUserTags. Required: ``UserName``. Returns ``Tags``.
        """
        return self._engine.list_user_tags(params)

    @operation("AttachUserPolicy")
    def attach_user_policy(self, params: Params) -> Response:
        """Attach a managed policy to a user.

        AttachUserPolicy. Required: ``UserName``, ``PolicyArn``.
        """
        return self._engine.attach_user_policy(params)

    @operation("DetachUserPolicy")
    def detach_user_policy(self, params: Params) -> Response:
        """Detach a managed policy from a user.

        DetachUserPolicy. Required: ``UserName``, ``PolicyArn``.
        """
        return self._engine.detach_user_policy(params)

    @operation("ListAttachedUserPolicies")
    def list_attached_user_policies(self, params: Params) -> Response:
        """List the managed policies attached to a user.

        ListAttachedUserPolicies. Required: ``UserName``. Returns
        ``AttachedPolicies``.
        """
        return self._engine.list_attached_user_policies(params)

    @operation("CreateAccessKey")
    def create_access_key(self, params: Params) -> Response:
        """Create an access key for a user; the only answer holding its secret.

        CreateAccessKey. Required here: ``UserName``. Returns ``AccessKey``
        (``AccessKeyId``, ``SecretAccessKey``, ``Status``).
        """
        return self._engine.create_access_key(params, self._caller)

    @operation("ListAccessKeys")
    def list_access_keys(self, params: Params) -> Response:
        """List a user's access keys without their secrets.

        ListAccessKeys. Required here: ``UserName``. Returns ``AccessKeyMetadata``.
        """
        return self._engine.list_access_keys(params, self._caller)

    @operation("UpdateAccessKey")
    def update_access_key(self, params: Params) -> Response:
        """Make an access key Active or Inactive.

        UpdateAccessKey. Required: ``AccessKeyId``, ``Status``. Optional:
        ``UserName``.
        """
        return self._engine.update_access_key(params, self._caller)

    @operation("DeleteAccessKey")
    def delete_access_key(self, params: Params) -> Response:
        """Delete an access key.

        DeleteAccessKey. Required: ``AccessKeyId``. Optional: ``UserName``.
        """
        return self._engine.delete_access_key(params, self._caller)

    @operation("GetAccessKeyLastUsed")
    def get_access_key_last_used(self, params: Params) -> Response:
        """Read who owns an access key and when it was last used.

        GetAccessKeyLastUsed. Required: ``AccessKeyId``. Returns ``UserName`` and
        ``AccessKeyLastUsed`` (``ServiceName`` and ``Region`` "N/A": use is not recorded).
        """
        return self._engine.get_access_key_last_used(params, self._caller)

    @operation("CreateLoginProfile")
    def create_login_profile(self, params: Params) -> Response:
        """Give a user a console password.

        CreateLoginProfile. Required: ``UserName``. Optional: ``Password``,
        ``PasswordResetRequired``. Returns ``LoginProfile``.
        """
        return self._engine.create_login_profile(params, self._caller)

    @operation("GetLoginProfile")
    def get_login_profile(self, params: Params) -> Response:
        """Read a user's login profile.

        GetLoginProfile. Required: ``UserName``. Returns ``LoginProfile`` (``UserName``,
        ``CreateDate``, ``PasswordResetRequired``).
        """
        return self._engine.get_login_profile(params, self._caller)

    @operation("UpdateLoginProfile")
    def update_login_profile(self, params: Params) -> Response:
        """Change a user's console password or its reset flag.

        UpdateLoginProfile. Required: ``UserName``. Optional: ``Password``,
        ``PasswordResetRequired``.
        """
        return self._engine.update_login_profile(params)

    @operation("DeleteLoginProfile")
    def delete_login_profile(self, params: Params) -> Response:
        """Take a user's console password away.

        DeleteLoginProfile. Required: ``UserName``.
        """
        return self._engine.delete_login_profile(params, self._caller)

    @operation("CreateInstanceProfile")
    def create_instance_profile(self, params: Params) -> Response:
        """Create an instance profile.

        CreateInstanceProfile. Required: ``InstanceProfileName``. Optional:
        ``Path``, ``Tags``. Returns ``InstanceProfile``.
        """
        return self._engine.create_instance_profile(params)

    @operation("GetInstanceProfile")
    def get_instance_profile(self, params: Params) -> Response:
        """Read an instance profile and its role.

        GetInstanceProfile. Required: ``InstanceProfileName``. Returns
        ``InstanceProfile``.
        """
        return self._engine.get_instance_profile(params)

    @operation("DeleteInstanceProfile")
    def delete_instance_profile(self, params: Params) -> Response:
        """Delete an instance profile that holds no role.

        DeleteInstanceProfile. Required: ``InstanceProfileName``.
        """
        return self._engine.delete_instance_profile(params)

    @operation("AddRoleToInstanceProfile")
    def add_role_to_instance_profile(self, params: Params) -> Response:
        """Put a role in an instance profile (one role per profile).

        AddRoleToInstanceProfile. Required: ``InstanceProfileName``, ``RoleName``.
        """
        return self._engine.add_role_to_instance_profile(params)

    @operation("RemoveRoleFromInstanceProfile")
    def remove_role_from_instance_profile(self, params: Params) -> Response:
        """Take a role out of an instance profile.

        RemoveRoleFromInstanceProfile. Required: ``InstanceProfileName``,
        ``RoleName``.
        """
        return self._engine.remove_role_from_instance_profile(params)

    @operation("ListInstanceProfiles")
    def list_instance_profiles(self, params: Params) -> Response:
        """List instance profiles.

        ListInstanceProfiles. Optional: ``PathPrefix``, ``Marker``, ``MaxItems``.
        Returns ``InstanceProfiles``.
        """
        return self._engine.list_instance_profiles(params)

    @operation("ListInstanceProfilesForRole")
    def list_instance_profiles_for_role(self, params: Params) -> Response:
        """List the instance profiles holding a role.

        ListInstanceProfilesForRole. Required: ``RoleName``. Returns
        ``InstanceProfiles``.
        """
        return self._engine.list_instance_profiles_for_role(params)

    @operation("UntagUser")
    def untag_user(self, params: Params) -> Response:
        """Remove tags from a user by key.

        UntagUser. Required: ``UserName``, ``TagKeys``.
        """
        return self._engine.untag_user(params)

    @operation("PutUserPolicy")
    def put_user_policy(self, params: Params) -> Response:
        """Add or replace an inline policy of a user.

        PutUserPolicy. Required: ``UserName``, ``PolicyName``, ``PolicyDocument``
        (2,048 characters in all per user).
        """
        return self._engine.put_user_policy(params)

    @operation("GetUserPolicy")
    def get_user_policy(self, params: Params) -> Response:
        """Read one inline policy of a user.

        GetUserPolicy. Required: ``UserName``, ``PolicyName``. Returns
        ``PolicyDocument`` (a dict).
        """
        return self._engine.get_user_policy(params)

    @operation("DeleteUserPolicy")
    def delete_user_policy(self, params: Params) -> Response:
        """Delete one inline policy of a user.

        DeleteUserPolicy. Required: ``UserName``, ``PolicyName``.
        """
        return self._engine.delete_user_policy(params)

    @operation("ListUserPolicies")
    def list_user_policies(self, params: Params) -> Response:
        """List the names of a user's inline policies.

        ListUserPolicies. Required: ``UserName``. Returns ``PolicyNames``.
        """
        return self._engine.list_user_policies(params)

    @operation("ListEntitiesForPolicy")
    def list_entities_for_policy(self, params: Params) -> Response:
        """List the roles and users a managed policy is attached to.

        ListEntitiesForPolicy. Required: ``PolicyArn``. Optional: ``EntityFilter``,
        ``PathPrefix``, ``PolicyUsageFilter``, ``Marker``, ``MaxItems``. Returns
        ``PolicyRoles``, ``PolicyUsers`` and ``PolicyGroups`` (always empty: no
        groups yet).
        """
        return self._engine.list_entities_for_policy(params)

    @operation("CreateGroup")
    def create_group(self, params: Params) -> Response:
        """Create a group of users.

        CreateGroup. Required: ``GroupName``. Optional: ``Path``. Returns ``Group``
        (an ``AGPA...`` id).
        """
        return self._engine.create_group(params)

    @operation("GetGroup")
    def get_group(self, params: Params) -> Response:
        """Read a group and its users.

        GetGroup. Required: ``GroupName``. Optional: ``Marker``, ``MaxItems``.
        Returns ``Group`` and ``Users``.
        """
        return self._engine.get_group(params)

    @operation("ListGroups")
    def list_groups(self, params: Params) -> Response:
        """List the account's groups, sorted by name.

        ListGroups. Optional: ``PathPrefix``, ``Marker``, ``MaxItems``. Returns
        ``Groups``.
        """
        return self._engine.list_groups(params)

    @operation("ListGroupsForUser")
    def list_groups_for_user(self, params: Params) -> Response:
        """List the groups a user is in.

        ListGroupsForUser. Required: ``UserName``. Returns ``Groups``.
        """
        return self._engine.list_groups_for_user(params)

    @operation("DeleteGroup")
    def delete_group(self, params: Params) -> Response:
        """Delete a group that has no users and no policies.

        DeleteGroup. Required: ``GroupName``.
        """
        return self._engine.delete_group(params)

    @operation("AddUserToGroup")
    def add_user_to_group(self, params: Params) -> Response:
        """Put a user in a group (ten groups per user).

        AddUserToGroup. Required: ``GroupName``, ``UserName``.
        """
        return self._engine.add_user_to_group(params)

    @operation("RemoveUserFromGroup")
    def remove_user_from_group(self, params: Params) -> Response:
        """Take a user out of a group.

        RemoveUserFromGroup. Required: ``GroupName``, ``UserName``.
        """
        return self._engine.remove_user_from_group(params)

    @operation("AttachGroupPolicy")
    def attach_group_policy(self, params: Params) -> Response:
        """Attach a managed policy to a group.

        AttachGroupPolicy. Required: ``GroupName``, ``PolicyArn``.
        """
        return self._engine.attach_group_policy(params)

    @operation("DetachGroupPolicy")
    def detach_group_policy(self, params: Params) -> Response:
        """Detach a managed policy from a group.

        DetachGroupPolicy. Required: ``GroupName``, ``PolicyArn``.
        """
        return self._engine.detach_group_policy(params)

    @operation("ListAttachedGroupPolicies")
    def list_attached_group_policies(self, params: Params) -> Response:
        """List the managed policies attached to a group.

        ListAttachedGroupPolicies. Required: ``GroupName``. Returns
        ``AttachedPolicies``.
        """
        return self._engine.list_attached_group_policies(params)

    @operation("PutGroupPolicy")
    def put_group_policy(self, params: Params) -> Response:
        """Add or replace an inline policy of a group.

        PutGroupPolicy. Required: ``GroupName``, ``PolicyName``, ``PolicyDocument``
        (5,120 characters in all per group).
        """
        return self._engine.put_group_policy(params)

    @operation("GetGroupPolicy")
    def get_group_policy(self, params: Params) -> Response:
        """Read one inline policy of a group.

        GetGroupPolicy. Required: ``GroupName``, ``PolicyName``. Returns
        ``PolicyDocument`` (a dict).
        """
        return self._engine.get_group_policy(params)

    @operation("DeleteGroupPolicy")
    def delete_group_policy(self, params: Params) -> Response:
        """Delete one inline policy of a group.

        DeleteGroupPolicy. Required: ``GroupName``, ``PolicyName``.
        """
        return self._engine.delete_group_policy(params)

    @operation("ListGroupPolicies")
    def list_group_policies(self, params: Params) -> Response:
        """List the names of a group's inline policies.

        ListGroupPolicies. Required: ``GroupName``. Returns ``PolicyNames``.
        """
        return self._engine.list_group_policies(params)

    @operation("TagPolicy")
    def tag_policy(self, params: Params) -> Response:
        """Add tags to a customer managed policy.

        TagPolicy. Required: ``PolicyArn``, ``Tags``.
        """
        return self._engine.tag_policy(params)

    @operation("UntagPolicy")
    def untag_policy(self, params: Params) -> Response:
        """Remove tags from a customer managed policy.

        UntagPolicy. Required: ``PolicyArn``, ``TagKeys``.
        """
        return self._engine.untag_policy(params)

    @operation("ListPolicyTags")
    def list_policy_tags(self, params: Params) -> Response:
        """List a managed policy's tags.

        ListPolicyTags. Required: ``PolicyArn``. Returns ``Tags``.
        """
        return self._engine.list_policy_tags(params)

    @operation("CreateAccountAlias")
    def create_account_alias(self, params: Params) -> Response:
        """Give the account an alias (replacing the one it had).

        CreateAccountAlias. Required: ``AccountAlias`` (3 to 63 lower-case letters,
        digits and single hyphens).
        """
        return self._engine.create_account_alias(params)

    @operation("DeleteAccountAlias")
    def delete_account_alias(self, params: Params) -> Response:
        """Remove the account's alias.

        DeleteAccountAlias. Required: ``AccountAlias``.
        """
        return self._engine.delete_account_alias(params)

    @operation("ListAccountAliases")
    def list_account_aliases(self, params: Params) -> Response:
        """List the account's alias (none or one).

        ListAccountAliases. Returns ``AccountAliases`` and ``IsTruncated``.
        """
        return self._engine.list_account_aliases(params)

    @operation("GetAccountSummary")
    def get_account_summary(self, params: Params) -> Response:
        """Count the account's IAM entities and state its quotas.

        GetAccountSummary. No parameters. Returns ``SummaryMap`` (``Roles``,
        ``RolesQuota``, ``Users``, ``Policies``...).
        """
        return self._engine.get_account_summary(params)

    @operation("CreateOpenIDConnectProvider")
    def create_open_id_connect_provider(self, params: Params) -> Response:
        """Register an OpenID Connect issuer whose tokens STS may accept.

        CreateOpenIDConnectProvider. Required: ``Url`` (the issuer, with its scheme). Optional:
        ``ClientIDList`` (the audiences), ``ThumbprintList``, ``Tags``. Returns
        ``OpenIDConnectProviderArn``.
        """
        return self._engine.create_open_id_connect_provider(params)

    @operation("GetOpenIDConnectProvider")
    def get_open_id_connect_provider(self, params: Params) -> Response:
        """Read an OpenID Connect provider.

        GetOpenIDConnectProvider. Required: ``OpenIDConnectProviderArn``. Returns
        ``Url``, ``ClientIDList``, ``ThumbprintList``, ``CreateDate``.
        """
        return self._engine.get_open_id_connect_provider(params)

    @operation("ListOpenIDConnectProviders")
    def list_open_id_connect_providers(self, params: Params) -> Response:
        """List the OpenID Connect providers.

        ListOpenIDConnectProviders. No parameters. Returns
        ``OpenIDConnectProviderList``.
        """
        return self._engine.list_open_id_connect_providers(params)

    @operation("DeleteOpenIDConnectProvider")
    def delete_open_id_connect_provider(self, params: Params) -> Response:
        """Delete an OpenID Connect provider.

        DeleteOpenIDConnectProvider. Required: ``OpenIDConnectProviderArn``.
        """
        return self._engine.delete_open_id_connect_provider(params)

    @operation("AddClientIDToOpenIDConnectProvider")
    def add_client_id_to_open_id_connect_provider(self, params: Params) -> Response:
        """Accept one more audience from a provider.

        AddClientIDToOpenIDConnectProvider. Required: ``OpenIDConnectProviderArn``,
        ``ClientID``.
        """
        return self._engine.add_client_id_to_open_id_connect_provider(params)

    @operation("RemoveClientIDFromOpenIDConnectProvider")
    def remove_client_id_from_open_id_connect_provider(self, params: Params) -> Response:
        """Stop accepting an audience from a provider.

        RemoveClientIDFromOpenIDConnectProvider. Required:
        ``OpenIDConnectProviderArn``, ``ClientID``.
        """
        return self._engine.remove_client_id_from_open_id_connect_provider(params)

    @operation("UpdateOpenIDConnectProviderThumbprint")
    def update_open_id_connect_provider_thumbprint(self, params: Params) -> Response:
        """Replace a provider's certificate thumbprints.

        UpdateOpenIDConnectProviderThumbprint. Required:
        ``OpenIDConnectProviderArn``, ``ThumbprintList``.
        """
        return self._engine.update_open_id_connect_provider_thumbprint(params)

    @operation("UpdateUser")
    def update_user(self, params: Params) -> Response:
        """Rename a user or move it to another path.

        UpdateUser. Required: ``UserName``. Optional: ``NewUserName``, ``NewPath``.
        """
        return self._engine.update_user(params)

    @operation("UpdateGroup")
    def update_group(self, params: Params) -> Response:
        """Rename a group or move it to another path.

        UpdateGroup. Required: ``GroupName``. Optional: ``NewGroupName``,
        ``NewPath``.
        """
        return self._engine.update_group(params)
