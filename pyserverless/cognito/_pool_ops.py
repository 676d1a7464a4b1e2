"""Pool operations: pools, app clients, custom attributes, MFA settings, groups, and the
device registry. Each parses its request (``_settings``) before it changes anything."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from . import _messages as m
from ._errors import (
    GroupExistsException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from ._pool import AppClient, Group, Pools, UserPool
from ._settings import (
    check_pool_name,
    client_config,
    enum,
    listing,
    parse_schema,
    pool_config,
)
from ._srp import Verifier, pad_hex
from ._users import Device, User, require, schema_names

Params = Mapping[str, Any]
Response = dict[str, Any]
_STATUSES = ("remembered", "not_remembered")


# -- pools ----------------------------------------------------------------------------------------
def create_user_pool(pools: Pools, params: Params) -> Response:
    require(params, "PoolName")
    name = params["PoolName"]
    check_pool_name(name)
    if len(pools) >= pools.host.limits.max_user_pools:
        raise LimitExceededException("User pool limit exceeded.")
    cfg = pool_config(pools.host.limits, params)
    custom, required = parse_schema(pools.host.limits, params.get("Schema"), [])
    cfg["SchemaAttributes"] = custom
    cfg["RequiredAttributes"] = required
    ids = pools.host.ids
    pool_id = f"{pools.host.region}_{ids.alnum(9)}"
    stamp = pools.host.now_dt()
    pool = UserPool(pools.host, pool_id, name, cfg, stamp, stamp)
    pools.by_id[pool_id] = pool
    return {"UserPool": pool.pool_type()}


def describe_user_pool(pools: Pools, params: Params) -> Response:
    return {"UserPool": pools.pool(params.get("UserPoolId")).pool_type()}


def update_user_pool(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    # UpdateUserPool resets unspecified settings to their defaults, as AWS does.
    keep: dict[str, Any] = {
        k: pool.config[k]
        for k in (
            "SchemaAttributes",
            "RequiredAttributes",
            "UsernameAttributes",
            "AliasAttributes",
            "UsernameConfiguration",
        )
        if k in pool.config
    }
    name = params.get("PoolName", pool.name)
    check_pool_name(name)
    limits = pools.host.limits
    cfg = pool_config(limits, {k: v for k, v in params.items() if k != "UserPoolId"})
    cfg.update(keep)
    pool.configure(cfg)
    pool.name = name
    pool.modified = pools.host.now_dt()
    return {}


def delete_user_pool(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    if pool.config.get("DeletionProtection") == "ACTIVE":
        raise InvalidParameterException(
            f"The user pool {pool.id} cannot be deleted because deletion protection is activated."
        )
    del pools.by_id[pool.id]
    return {}


def list_user_pools(pools: Pools, params: Params) -> Response:
    require(params, "MaxResults")
    return listing(
        "UserPools",
        list(pools.values()),
        lambda p: {
            "Id": p.id,
            "Name": p.name,
            "LambdaConfig": dict(p.config["LambdaConfig"]),
            "LastModifiedDate": p.modified,
            "CreationDate": p.created,
        },
        params,
        "MaxResults",
        pools.host.limits.max_list_pools,
    )


def create_user_pool_client(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "ClientName")
    pool = pools.pool(params["UserPoolId"])
    if len(pool.clients) >= pools.host.limits.max_app_clients:
        raise LimitExceededException("App client limit exceeded.")
    cfg = client_config(pools.host.limits, params)
    _check_client_attributes(pool, cfg, "creating")
    ids = pools.host.ids
    client_id = ids.alnum(26).lower()
    secret = params.get("ClientSecret")
    if secret is None and params.get("GenerateSecret"):
        secret = ids.alnum(51).lower()
    stamp = pools.host.now_dt()
    client = AppClient(pool.id, client_id, params["ClientName"], secret, cfg, stamp, stamp)
    pool.clients[client_id] = client
    return {"UserPoolClient": client.client_type()}


def _check_client_attributes(pool: UserPool, cfg: Mapping[str, Any], doing: str) -> None:
    """Read/WriteAttributes name attributes of the pool's schema: AWS's "Invalid write
    attributes specified while creating a client" (aws-cdk#20760, with a request id; "while
    updating" in aws-sdk-java#1395). [?] The read text is the write text's twin."""
    known = schema_names(pool.config)
    for kind in ("Read", "Write"):
        names = cfg.get(f"{kind}Attributes") or []
        if any(not isinstance(name, str) or name not in known for name in names):
            raise InvalidParameterException(
                m.CLIENT_ATTRIBUTES.format(kind=kind.lower(), doing=doing)
            )


def _client(pools: Pools, params: Params) -> tuple[UserPool, AppClient]:
    pool = pools.pool(params.get("UserPoolId"))
    return pool, pool.client(params.get("ClientId"))


def describe_user_pool_client(pools: Pools, params: Params) -> Response:
    return {"UserPoolClient": _client(pools, params)[1].client_type()}


def update_user_pool_client(pools: Pools, params: Params) -> Response:
    pool, client = _client(pools, params)
    cfg = client_config(pools.host.limits, params, client.config)
    _check_client_attributes(pool, cfg, "updating")
    client.config = cfg
    if "ClientName" in params:
        client.name = params["ClientName"]
    client.modified = pools.host.now_dt()
    return {"UserPoolClient": client.client_type()}


def delete_user_pool_client(pools: Pools, params: Params) -> Response:
    pool, client = _client(pools, params)
    del pool.clients[client.client_id]
    return {}


def list_user_pool_clients(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    return listing(
        "UserPoolClients",
        list(pool.clients.values()),
        lambda c: {"ClientId": c.client_id, "UserPoolId": pool.id, "ClientName": c.name},
        params,
        "MaxResults",
        pools.host.limits.max_list_clients,
    )


def add_custom_attributes(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "CustomAttributes")
    pool = pools.pool(params["UserPoolId"])
    custom, _ = parse_schema(
        pools.host.limits, params["CustomAttributes"], pool.config["SchemaAttributes"]
    )
    pool.config["SchemaAttributes"] = custom
    return {}


def set_user_pool_mfa_config(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    mfa = params.get("MfaConfiguration", pool.config["MfaConfiguration"])
    enum(mfa, "mfaConfiguration", ("OFF", "ON", "OPTIONAL"))
    totp = dict(params.get("SoftwareTokenMfaConfiguration") or {})
    totp = totp or pool.config["SoftwareTokenMfaConfiguration"]
    sms = params.get("SmsMfaConfiguration", pool.config.get("SmsMfaConfiguration"))
    if mfa != "OFF" and not totp.get("Enabled") and not sms:
        raise InvalidParameterException(m.MFA_ON_NEEDS_SMS_OR_TOTP)
    pool.config["SoftwareTokenMfaConfiguration"] = totp
    if sms is not None:
        pool.config["SmsMfaConfiguration"] = dict(sms)
    pool.config["MfaConfiguration"] = mfa
    return get_user_pool_mfa_config(pools, params)


def get_user_pool_mfa_config(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    out: dict[str, Any] = {
        "SoftwareTokenMfaConfiguration": dict(pool.config["SoftwareTokenMfaConfiguration"]),
        "MfaConfiguration": pool.config["MfaConfiguration"],
    }
    if "SmsMfaConfiguration" in pool.config:
        out["SmsMfaConfiguration"] = dict(pool.config["SmsMfaConfiguration"])
    return out


# -- groups ---
def _precedence(params: Params) -> int | None:
    precedence = params.get("Precedence")
    if precedence is not None and (not isinstance(precedence, int) or precedence < 0):
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=precedence, field="precedence", bound="greater than or equal to 0"
            )
        )
    return precedence


def create_group(pools: Pools, params: Params) -> Response:
    require(params, "GroupName", "UserPoolId")
    pool = pools.pool(params["UserPoolId"])
    name = params["GroupName"]
    if name in pool.groups:
        raise GroupExistsException(m.GROUP_EXISTS.format(name=name))
    if len(pool.groups) >= pools.host.limits.max_groups:
        raise LimitExceededException("Group limit exceeded.")
    precedence = _precedence(params)
    stamp = pools.host.now_dt()
    group = Group(
        pool.id, name, params.get("Description"), params.get("RoleArn"), precedence, stamp, stamp
    )
    pool.groups[name] = group
    return {"Group": group.group_type()}


def get_group(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    return {"Group": pool.group(params.get("GroupName")).group_type()}


def update_group(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    group = pool.group(params.get("GroupName"))
    precedence = _precedence(params)
    if "Description" in params:
        group.description = params["Description"]
    if "RoleArn" in params:
        group.role_arn = params["RoleArn"]
    if "Precedence" in params:
        group.precedence = precedence
    group.modified = pools.host.now_dt()
    return {"Group": group.group_type()}


def delete_group(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    group = pool.group(params.get("GroupName"))
    del pool.groups[group.name]
    return {}


def list_groups(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    groups = sorted(pool.groups.values(), key=lambda g: g.name)
    return listing(
        "Groups", groups, Group.group_type, params, "Limit", pools.host.limits.max_list_groups
    )


def _group_user(pools: Pools, params: Params) -> tuple[Group, str]:
    pool = pools.pool(params.get("UserPoolId"))
    user = pool.get_user(params.get("Username"), by_sub=True)
    return pool.group(params.get("GroupName")), user.username


def admin_add_user_to_group(pools: Pools, params: Params) -> Response:
    group, username = _group_user(pools, params)
    group.members.add(username)
    return {}


def admin_remove_user_from_group(pools: Pools, params: Params) -> Response:
    group, username = _group_user(pools, params)
    group.members.discard(username)
    return {}


def admin_list_groups_for_user(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    user = pool.get_user(params.get("Username"), by_sub=True)
    groups = pool.user_groups(user.username)
    return listing(
        "Groups", groups, Group.group_type, params, "Limit", pools.host.limits.max_list_groups
    )


def list_users_in_group(pools: Pools, params: Params) -> Response:
    pool = pools.pool(params.get("UserPoolId"))
    group = pool.group(params.get("GroupName"))
    members = [u for u in pool.users.values() if u.username in group.members]
    return listing(
        "Users", members, lambda u: u.user_type(), params, "Limit", pools.host.limits.max_list_users
    )


# -- the registry operations ----------------------------------------------------------------------
def _token_device(pools: Pools, params: Params, *names: str) -> tuple[UserPool, User, Device]:
    require(params, "AccessToken", "DeviceKey", *names)
    pool, user = pools.token_user(params["AccessToken"])
    return pool, user, pool.device(user, params["DeviceKey"])


def _admin_device(pools: Pools, params: Params, *names: str) -> tuple[UserPool, User, Device]:
    require(params, "UserPoolId", "Username", "DeviceKey", *names)
    pool = pools.pool(params["UserPoolId"])
    user = pool.get_user(params["Username"], by_sub=True)
    return pool, user, pool.device(user, params["DeviceKey"])


def confirm_device(pools: Pools, params: Params) -> Response:
    """ConfirmDevice: keep the device's SRP verifier; remembered unless the pool prompts."""
    require(params, "AccessToken", "DeviceKey")
    pool, user = pools.token_user(params["AccessToken"])
    key = params["DeviceKey"]
    device = user.devices.get(key) if isinstance(key, str) else None
    if device is None:
        raise ResourceNotFoundException(m.DEVICE_NOT_FOUND)
    config = params.get("DeviceSecretVerifierConfig") or {}
    try:
        salt = base64.b64decode(config["Salt"], validate=True).hex()
        value = int.from_bytes(base64.b64decode(config["PasswordVerifier"], validate=True), "big")
    except (KeyError, TypeError, ValueError):
        raise InvalidParameterException(m.DEVICE_VERIFIER_INVALID) from None
    if not salt or not value:
        raise InvalidParameterException(m.DEVICE_VERIFIER_INVALID)
    prompt = bool(
        (pool.config.get("DeviceConfiguration") or {}).get("DeviceOnlyRememberedOnUserPrompt")
    )
    device.verifier = Verifier(pad_hex(salt), value)
    device.name = params.get("DeviceName") or device.name
    device.remembered = not prompt
    device.modified = pools.host.now_dt()
    return {"UserConfirmationNecessary": prompt}


def get_device(pools: Pools, params: Params) -> Response:
    return {"Device": _token_device(pools, params)[2].device_type()}


def admin_get_device(pools: Pools, params: Params) -> Response:
    return {"Device": _admin_device(pools, params)[2].device_type()}


def _list(pools: Pools, user: User, params: Params) -> Response:
    devices = [d for d in user.devices.values() if d.verifier is not None]
    return listing(
        "Devices",
        devices,
        Device.device_type,
        params,
        "Limit",
        pools.host.limits.max_list_devices,
        token_key="PaginationToken",
    )


def list_devices(pools: Pools, params: Params) -> Response:
    require(params, "AccessToken")
    return _list(pools, pools.token_user(params["AccessToken"])[1], params)


def admin_list_devices(pools: Pools, params: Params) -> Response:
    require(params, "UserPoolId", "Username")
    pool = pools.pool(params["UserPoolId"])
    return _list(pools, pool.get_user(params["Username"], by_sub=True), params)


def forget_device(pools: Pools, params: Params) -> Response:
    _, user, device = _token_device(pools, params)
    del user.devices[device.key]
    return {}


def admin_forget_device(pools: Pools, params: Params) -> Response:
    _, user, device = _admin_device(pools, params)
    del user.devices[device.key]
    return {}


def _set_status(pools: Pools, device: Device, status: Any) -> Response:
    if status is not None and status not in _STATUSES:
        raise InvalidParameterException(
            m.ENUM_VALUE.format(
                value=status, field="deviceRememberedStatus", allowed=list(_STATUSES)
            )
        )
    device.remembered = status == "remembered"
    device.modified = pools.host.now_dt()
    return {}


def update_device_status(pools: Pools, params: Params) -> Response:
    _, _, device = _token_device(pools, params)
    return _set_status(pools, device, params.get("DeviceRememberedStatus"))


def admin_update_device_status(pools: Pools, params: Params) -> Response:
    _, _, device = _admin_device(pools, params)
    return _set_status(pools, device, params.get("DeviceRememberedStatus"))
