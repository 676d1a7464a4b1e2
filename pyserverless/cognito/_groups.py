"""Groups: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups, membership, and the
order of ``cognito:groups`` (precedence, then name)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as m
from ._engine import listing
from ._errors import (
    GroupExistsException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from ._pool import Group, UserPool, find_pool
from ._users import get_user, now_dt, require

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider

__all__ = [
    "admin_add_user_to_group",
    "admin_list_groups_for_user",
    "admin_remove_user_from_group",
    "create_group",
    "delete_group",
    "get_group",
    "list_groups",
    "list_users_in_group",
    "update_group",
    "user_groups",
]


def _group(pool: UserPool, name: Any) -> Group:
    group = pool.groups.get(name) if isinstance(name, str) else None
    if group is None:
        raise ResourceNotFoundException(m.GROUP_NOT_FOUND)
    return group


def create_group(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    require(params, "GroupName", "UserPoolId")
    pool = find_pool(engine, params["UserPoolId"])
    name = params["GroupName"]
    if name in pool.groups:
        raise GroupExistsException(m.GROUP_EXISTS.format(name=name))
    if len(pool.groups) >= engine.limits.max_groups:
        raise LimitExceededException("Group limit exceeded.")
    precedence = params.get("Precedence")
    if precedence is not None and (not isinstance(precedence, int) or precedence < 0):
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=precedence, field="precedence", bound="greater than or equal to 0"
            )
        )
    stamp = now_dt(engine)
    group = Group(
        pool.id, name, params.get("Description"), params.get("RoleArn"), precedence, stamp, stamp
    )
    pool.groups[name] = group
    return {"Group": group.describe()}


def get_group(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    return {"Group": _group(pool, params.get("GroupName")).describe()}


def update_group(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    group = _group(pool, params.get("GroupName"))
    if "Description" in params:
        group.description = params["Description"]
    if "RoleArn" in params:
        group.role_arn = params["RoleArn"]
    if "Precedence" in params:
        group.precedence = params["Precedence"]
    group.modified = now_dt(engine)
    return {"Group": group.describe()}


def delete_group(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    group = _group(pool, params.get("GroupName"))
    del pool.groups[group.name]
    return {}


def list_groups(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    groups = sorted(pool.groups.values(), key=lambda g: g.name)
    return listing("Groups", groups, Group.describe, params, "Limit", engine.limits.max_list_groups)


def _group_user(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> tuple[Group, str]:
    pool = find_pool(engine, params.get("UserPoolId"))
    user = get_user(pool, params.get("Username"))
    return _group(pool, params.get("GroupName")), user.username


def admin_add_user_to_group(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    group, username = _group_user(engine, params)
    group.members.add(username)
    return {}


def admin_remove_user_from_group(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    group, username = _group_user(engine, params)
    group.members.discard(username)
    return {}


def user_groups(pool: UserPool, username: str) -> list[Group]:
    """The user's groups, by precedence then name (the order of ``cognito:groups``)."""
    return sorted((g for g in pool.groups.values() if username in g.members), key=Group.sort_key)


def admin_list_groups_for_user(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    user = get_user(pool, params.get("Username"))
    groups = user_groups(pool, user.username)
    return listing("Groups", groups, Group.describe, params, "Limit", engine.limits.max_list_groups)


def list_users_in_group(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    group = _group(pool, params.get("GroupName"))
    members = [u for u in pool.users.values() if u.username in group.members]
    return listing(
        "Users", members, lambda u: u.user_type(), params, "Limit", engine.limits.max_list_users
    )
