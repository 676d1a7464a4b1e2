"""IAM's and its policy checker's message texts, in one catalogue.

Texts marked [O] were seen in IAM's answers (quoted in public bug reports and SDK
issues); [?] marks a text whose exact wording is not confirmed.
"""

from __future__ import annotations

# -- entities -------------------------------------------------------------------------
ROLE_NOT_FOUND = "The role with name {} cannot be found."  # [O]
ROLE_EXISTS = "Role with name {} already exists."  # [O]
USER_NOT_FOUND = "The user with name {} cannot be found."  # [O]
USER_EXISTS = "User with name {} already exists."  # [O]
POLICY_NOT_FOUND = "Policy {} does not exist or is not attachable."  # [O]
POLICY_NOT_ATTACHED = "Policy {} was not found."  # [O]
POLICY_EXISTS = "A policy called {} already exists. Duplicate names are not allowed."  # [O]
VERSION_NOT_FOUND = "Policy {} version {} does not exist or is not attachable."  # [O]
ROLE_POLICY_NOT_FOUND = "The role policy with name {} cannot be found."  # [O]
USER_POLICY_NOT_FOUND = "The user policy with name {} cannot be found."  # [O]
GROUP_NOT_FOUND = "The group with name {} cannot be found."  # [O]
GROUP_EXISTS = "Group with name {} already exists."  # [O]
GROUP_POLICY_NOT_FOUND = "The group policy with name {} cannot be found."  # [O]
MUST_LEAVE_GROUPS = "Cannot delete entity, must remove users from group first."  # [O]
ALIAS_NOT_FOUND = "The account alias {} cannot be found."  # [?]
OIDC_EXISTS = "Provider with url {} already exists."  # [?]
OIDC_NOT_FOUND = "OpenIDConnect Provider not found for arn {}"  # [?]
OIDC_URL = "Invalid Url: {} (it must begin with https://)"  # [?]
KEY_NOT_FOUND = "The Access Key with id {} cannot be found."  # [O]
PROFILE_NOT_FOUND = "Instance Profile {} cannot be found."  # [O]
PROFILE_EXISTS = "Instance Profile {} already exists."  # [O]
ROLE_ALREADY_IN_PROFILE = "Cannot exceed quota for InstanceSessionsPerInstanceProfile: {}"  # [O]
ROLE_NOT_IN_PROFILE = "The role with name {} cannot be found."  # [?]

# -- conflicts and quotas -------------------------------------------------------------
MUST_DETACH = "Cannot delete entity, must detach all policies first."  # [O]
MUST_DELETE_INLINE = "Cannot delete entity, must delete policies first."  # [O]
MUST_REMOVE_PROFILES = "Cannot delete entity, must remove roles from instance profile first."  # [O]
MUST_DELETE_KEYS = "Cannot delete entity, must delete access keys first."  # [O]
PROFILE_HAS_ROLES = "Cannot delete entity, must remove roles from instance profile first."  # [O]
POLICY_ATTACHED = "Cannot delete a policy attached to entities."  # [O]
POLICY_HAS_VERSIONS = (  # [O]
    "This policy has more than one version. Before you delete a policy, you must delete "
    "the policy's versions. The default version is deleted with the policy."
)
DEFAULT_VERSION = "Cannot delete the default version of a policy."  # [O]
TOO_MANY_VERSIONS = (  # [O]
    "A managed policy can have up to {} versions. Before you create a new version, you "
    "must delete an existing version."
)
QUOTA = "Cannot exceed quota for {}: {}"  # [O] (RolesPerAccount, AccessKeysPerUser, ...)
INLINE_TOO_BIG = "Maximum policy size of {} bytes exceeded for {} {}"  # [O]
TOO_MANY_TAGS = "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to {}"  # [?]  # noqa: E501
BAD_ARN = "ARN {} is not valid."  # [O]
NEEDS_USER_NAME = "Must specify userName when calling with non-User credentials"  # [O]
BAD_MARKER = "Invalid Marker."  # [?]
MANAGED_READ_ONLY = "Cannot modify an AWS managed policy."  # [?]

# -- the policy grammar ---------------------------------------------------------------
SYNTAX = "Syntax errors in policy."  # [O] JSON of the wrong structure
INVALID_JSON = "This policy contains invalid Json"  # [O] text that is not JSON
NO_PRINCIPAL_ALLOWED = "Policy document should not specify a principal."  # [O]
PRINCIPAL_REQUIRED = "Missing required field Principal"  # [O]
PROHIBITED_FIELD = "Has prohibited field {}"  # [O]
NO_ACTIONS = "Policy statement must contain actions."  # [O]
NO_RESOURCES = "Policy statement must contain resources."  # [O]
NO_EFFECT = "Missing required field Effect"  # [O]
#: [O] IAM's answer to an Effect other than Allow/Deny ("allow" included) and to a Version it
#: does not know (public reports of CreatePolicy and PutRolePolicy answers).
LEGACY = "The policy failed legacy parsing"
BAD_ACTION = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."  # [O]
TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions."  # [O]
BAD_RESOURCE = 'Resource {} must be in ARN format or "*".'  # [O]
BAD_PRINCIPAL = "Invalid principal in policy: {}"  # [O]
BOTH = "Statement has both {} and Not{}"  # [?]
DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique."  # [O]
#: Login profiles (the LocalStack suite's captures from IAM, test_iam_users, 2026-02).
LOGIN_NOT_FOUND = "Login Profile for User {} cannot be found."  # [O]
LOGIN_EXISTS = "Login Profile for user {} already exists."  # [O]
MUST_DELETE_LOGIN = "Cannot delete entity, must delete login profile first."  # [?]
#: GetAccessKeyLastUsed on a key IAM does not know (the same captures).
KEY_LAST_USED_DENIED = (  # [O]
    "User: {} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key {}"
)
