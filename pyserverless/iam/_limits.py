"""IAM's quotas (``Cloud(limits={"iam": {...}})``), each with AWS's default.

Sizes count characters of the document as sent, whitespace included, as IAM does for
the trust policy; AWS documents that whitespace does not count toward managed and inline
policy sizes, which this emulation follows (see ``docs/iam.md``).
"""

from __future__ import annotations

import attrs

__all__ = ["IAMLimits"]


@attrs.frozen
class IAMLimits:
    """IAM's quotas, one field each.

    >>> IAMLimits().max_policy_versions
    5
    >>> IAMLimits(max_roles=10).max_roles
    10
    """

    #: Roles per account (AWS's default quota: 1,000).
    max_roles: int = 1000
    #: Customer managed policies per account (AWS's default quota: 1,500).
    max_policies: int = 1500
    #: Users per account (AWS's default quota: 5,000).
    max_users: int = 5000
    #: Groups per account (AWS's default quota: 300), groups per user (AWS: 10).
    max_groups: int = 300
    max_groups_per_user: int = 10
    #: Characters of all of one group's inline policies together (AWS: 5,120).
    max_group_inline_size: int = 5120
    #: Managed policies attached to one role, user or group (AWS's default quota: 10).
    max_attached_policies: int = 10
    #: Versions kept per managed policy (AWS: 5).
    max_policy_versions: int = 5
    #: Access keys per user (AWS: 2).
    max_access_keys: int = 2
    #: Roles in one instance profile (AWS: 1).
    max_roles_per_instance_profile: int = 1
    #: Instance profiles per account (AWS's default quota: 1,000).
    max_instance_profiles: int = 1000
    #: [?] Characters of a role trust policy (AWS's default quota 2,048, raisable to 8,192).
    max_trust_policy_size: int = 2048
    #: Characters of one managed policy document, whitespace excluded (AWS: 6,144).
    max_managed_policy_size: int = 6144
    #: Characters of all of one role's inline policies together, whitespace excluded
    #: (AWS: 10,240).
    max_role_inline_size: int = 10240
    #: Characters of all of one user's inline policies together (AWS: 2,048).
    max_user_inline_size: int = 2048
    #: Tags per IAM resource (AWS: 50).
    max_tags: int = 50
