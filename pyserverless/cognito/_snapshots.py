"""Frozen snapshots the engine hands to the resource layer: plain, picklable values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import attrs

__all__ = ["AppClientDescription", "GroupDescription", "UserDescription", "UserPoolDescription"]


@attrs.frozen
class UserPoolDescription:
    """A frozen snapshot of a pool."""

    id: str
    name: str
    arn: str
    mfa_configuration: str
    estimated_number_of_users: int
    client_ids: tuple[str, ...]
    group_names: tuple[str, ...]
    created: datetime


@attrs.frozen
class AppClientDescription:
    """A frozen snapshot of an app client."""

    pool_id: str
    client_id: str
    name: str
    secret: str | None = attrs.field(repr=False)
    explicit_auth_flows: tuple[str, ...]
    prevent_user_existence_errors: str
    created: datetime
    modified: datetime


@attrs.frozen
class UserDescription:
    """A frozen snapshot of a user: status, attributes and MFA settings."""

    username: str
    sub: str
    status: str
    enabled: bool
    attributes: Mapping[str, str]
    #: email/phone_number values waiting for verification
    #: (the pool's AttributesRequireVerificationBeforeUpdate).
    pending: Mapping[str, str]
    mfa_settings: tuple[str, ...]
    preferred_mfa: str | None
    groups: tuple[str, ...]
    created: datetime
    modified: datetime


@attrs.frozen
class GroupDescription:
    """A frozen snapshot of a group."""

    pool_id: str
    name: str
    description: str | None
    role_arn: str | None
    precedence: int | None
    members: tuple[str, ...]
    created: datetime
