"""The Cognito user-pools engine: pools, app clients, groups and custom attributes.

``cloud.cognito`` is this engine, and also the resource layer:
``cloud.cognito.create_user_pool(name, ...)`` returns a ``UserPool``.

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock())
>>> pool = cloud.cognito.create_user_pool("app", MfaConfiguration="OFF")
>>> cloud.cognito.get_user_pool(pool.id) is pool
True
>>> cloud.cognito.get_user_pool("us-east-1_nope")
Traceback (most recent call last):
...
pyserverless.cognito._errors.ResourceNotFoundException: ...User pool us-east-1_nope does not exist.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _messages as m
from ._errors import (
    InvalidParameterException,
    LimitExceededException,
)
from ._limits import CognitoLimits
from ._pool import AppClient, UserPool, find_pool
from ._tokens import KeyPair
from ._triggers import TRIGGERS, TriggerRunner
from ._users import STANDARD_ATTRIBUTES, now_dt, require

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from ..cloud import Cloud

__all__ = ["CognitoIdentityProvider"]

_DEFAULT_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}
_FLOWS = {
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
}
#: AWS's flows for a client created without ExplicitAuthFlows.
DEFAULT_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
#: LambdaConfig keys of features pyserverless does not emulate (refused when set).
_UNEMULATED_LAMBDA_CONFIG = (
    "UserMigration",
    "CustomSMSSender",
    "CustomEmailSender",
    "KMSKeyID",
    "InboundFederation",
)
#: Pool settings kept as given and returned by DescribeUserPool.
_KEPT_AS_GIVEN = (
    "AutoVerifiedAttributes",
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "UserPoolTags",
    "UserAttributeUpdateSettings",
    "AccountRecoverySetting",
    "UserPoolAddOns",
    "UserPoolTier",
)
_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_DEFAULT_UNITS = {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}


class EngineLock:
    """A re-entrant lock that can be let go while user code (a trigger) runs.

    Every operation holds it; ``released()`` drops it around a trigger call so a trigger
    (or a Lambda function on another thread) may call back into Cognito without deadlock.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._owner: int | None = None
        self._depth = 0

    def __enter__(self) -> EngineLock:
        self._lock.acquire()
        self._owner = threading.get_ident()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
        self._lock.release()

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """Let go of the lock (if this thread holds it) for the duration of the block."""
        if self._owner != threading.get_ident():
            yield
            return
        depth, self._depth, self._owner = self._depth, 0, None
        for _ in range(depth):
            self._lock.release()
        try:
            yield
        finally:
            for _ in range(depth):
                self._lock.acquire()
            self._owner, self._depth = threading.get_ident(), depth


class CognitoIdentityProvider:
    """Cognito user pools of one region of a Cloud (``cloud.cognito``)."""

    def __init__(self, cloud: Cloud, region: str) -> None:
        self.cloud = cloud
        self.region = region
        self.limits: CognitoLimits = cloud.limits.for_service("cognito-idp")
        self.pools: dict[str, UserPool] = {}
        self.lock = EngineLock()
        self.trigger_runner = TriggerRunner()

    def __repr__(self) -> str:
        return f"<CognitoIdentityProvider region={self.region!r} pools={len(self.pools)}>"

    # -- resource layer -----------------------------------------------------------
    def create_user_pool(
        self,
        name: str,
        *,
        triggers: Mapping[str, Callable[..., Any] | Any] | None = None,
        signing_key: rsa.RSAPrivateKey | Mapping[str, rsa.RSAPrivateKey] | None = None,
        **params: Any,
    ) -> UserPool:
        """Create a pool; ``params`` are CreateUserPool's (``MfaConfiguration="ON"``, ...).

        ``triggers`` maps LambdaConfig keys (``"PreSignUp"``, ...) to Python callables or
        Lambda functions. ``signing_key`` injects the RSA key (one for both token kinds, or
        ``{"id": key, "access": key}``); by default keys derive from the Cloud's seed.
        """
        for key in triggers or {}:
            if key not in TRIGGERS:
                raise ValueError(f"unknown trigger {key!r}; triggers: {', '.join(TRIGGERS)}")
        with self.lock:
            response = create_user_pool(self, {"PoolName": name, **params})
            pool = self.pools[response["UserPool"]["Id"]]
            pool.triggers.update(triggers or {})
            if signing_key is not None:
                keys = (
                    signing_key
                    if isinstance(signing_key, Mapping)
                    else {"id": signing_key, "access": signing_key}
                )
                pool.signing_keys = {
                    use: KeyPair.from_private_key(keys[use]) for use in ("id", "access")
                }
            return pool

    def get_user_pool(self, pool_id: str) -> UserPool:
        """The pool with id ``pool_id`` (``ResourceNotFoundException`` if none)."""
        return find_pool(self, pool_id)

    def user_pools(self) -> list[UserPool]:
        return list(self.pools.values())


# -- validation helpers ---------------------------------------------------------------------------
def _enum(value: Any, field: str, allowed: tuple[str, ...] | set[str]) -> None:
    if value not in allowed:
        raise InvalidParameterException(
            m.ENUM_VALUE.format(value=value, field=field, allowed=sorted(allowed))
        )


def _not_emulated(setting: str) -> InvalidParameterException:
    return InvalidParameterException(m.NOT_EMULATED.format(setting=setting))


def _refuse_unemulated(params: Mapping[str, Any]) -> None:
    """Refuse settings whose effect pyserverless does not emulate, rather than ignore them."""
    policies = params.get("Policies") or {}
    if (policies.get("PasswordPolicy") or {}).get("PasswordHistorySize"):
        raise _not_emulated("Policies.PasswordPolicy.PasswordHistorySize")
    factors = (policies.get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or ["PASSWORD"]
    if list(factors) != ["PASSWORD"]:  # only USER_AUTH reads them, and it is not emulated
        raise _not_emulated("Policies.SignInPolicy.AllowedFirstAuthFactors other than PASSWORD")
    for key in params.get("LambdaConfig") or {}:
        if key in _UNEMULATED_LAMBDA_CONFIG:
            raise _not_emulated(f"LambdaConfig.{key}")
    addons = params.get("UserPoolAddOns") or {}
    if addons.get("AdvancedSecurityMode") == "ENFORCED" or addons.get(
        "AdvancedSecurityAdditionalFlows"
    ):
        raise _not_emulated("UserPoolAddOns (threat protection) other than OFF or AUDIT")


def _pool_config(
    engine: CognitoIdentityProvider,
    params: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    _refuse_unemulated(params)
    cfg: dict[str, Any] = copy.deepcopy(dict(base)) if base else {}
    policies = params.get("Policies", cfg.get("Policies", {}))
    policy = {**_DEFAULT_POLICY, **(policies.get("PasswordPolicy") or {})}
    unused = (params.get("AdminCreateUserConfig") or {}).get("UnusedAccountValidityDays")
    if unused is not None and "TemporaryPasswordValidityDays" not in (
        policies.get("PasswordPolicy") or {}
    ):  # the older name of the same setting
        policy["TemporaryPasswordValidityDays"] = int(unused)
    low, high = engine.limits.min_password_length, engine.limits.max_password_length
    if not low <= int(policy["MinimumLength"]) <= high:
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=policy["MinimumLength"],
                field="policies.passwordPolicy.minimumLength",
                bound=f"greater than or equal to {low}",
            )
        )
    cfg["Policies"] = {**policies, "PasswordPolicy": policy}
    mfa = params.get("MfaConfiguration", cfg.get("MfaConfiguration", "OFF"))
    _enum(mfa, "mfaConfiguration", ("OFF", "ON", "OPTIONAL"))
    cfg["MfaConfiguration"] = mfa
    username_attrs = params.get("UsernameAttributes", cfg.get("UsernameAttributes"))
    alias_attrs = params.get("AliasAttributes", cfg.get("AliasAttributes"))
    if username_attrs and alias_attrs:
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )
    for value in username_attrs or []:
        _enum(value, "usernameAttributes", ("phone_number", "email"))
    for value in alias_attrs or []:
        _enum(value, "aliasAttributes", ("phone_number", "email", "preferred_username"))
    for value in params.get("AutoVerifiedAttributes") or []:
        _enum(value, "autoVerifiedAttributes", ("phone_number", "email"))
    lambda_config = params.get("LambdaConfig", cfg.get("LambdaConfig", {}))
    for key in lambda_config:
        if key not in (*TRIGGERS, "PreTokenGenerationConfig"):
            raise InvalidParameterException(f"Unknown LambdaConfig key {key}")
    for key in (*_KEPT_AS_GIVEN, "DeletionProtection"):
        if key in params:
            cfg[key] = copy.deepcopy(params[key])
    if username_attrs is not None:
        cfg["UsernameAttributes"] = list(username_attrs)
    if alias_attrs is not None:
        cfg["AliasAttributes"] = list(alias_attrs)
    cfg["LambdaConfig"] = dict(lambda_config)
    admin = {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7}
    admin.update(cfg.get("AdminCreateUserConfig", {}))
    admin.update(params.get("AdminCreateUserConfig") or {})
    cfg["AdminCreateUserConfig"] = admin
    if "UsernameConfiguration" in params:
        cfg["UsernameConfiguration"] = dict(params["UsernameConfiguration"])
    cfg.setdefault("DeletionProtection", "INACTIVE")
    cfg.setdefault("SoftwareTokenMfaConfiguration", {"Enabled": mfa != "OFF"})
    _check_update_settings(cfg)
    return cfg


def _check_update_settings(cfg: Mapping[str, Any]) -> None:
    """AttributesRequireVerificationBeforeUpdate names auto-verified email/phone_number only."""
    settings = cfg.get("UserAttributeUpdateSettings") or {}
    names = settings.get("AttributesRequireVerificationBeforeUpdate") or []
    auto = cfg.get("AutoVerifiedAttributes") or []
    for name in names:
        _enum(
            name,
            "userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate",
            ("phone_number", "email"),
        )
        if name not in auto:
            raise InvalidParameterException(m.UPDATE_NEEDS_AUTO_VERIFY)


def _schema(
    engine: CognitoIdentityProvider, attributes: Any, existing: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Custom attributes to add (as ``custom:name``) and standard ones made required."""
    custom = list(existing)
    required: list[str] = []
    for attr in attributes or []:
        name = attr.get("Name") if isinstance(attr, Mapping) else None
        if not isinstance(name, str) or not name:
            raise InvalidParameterException("Schema attributes need a Name.")
        if name in STANDARD_ATTRIBUTES:
            if attr.get("Required"):
                required.append(name)
            continue
        full = name if name.startswith("custom:") else f"custom:{name}"
        if any(a["Name"] == full for a in custom):
            raise InvalidParameterException(m.CUSTOM_ATTRIBUTE_EXISTS.format(name=full))
        kind = attr.get("AttributeDataType", "String")
        _enum(kind, "attributeDataType", ("String", "Number", "DateTime", "Boolean"))
        entry = {
            "Name": full,
            "AttributeDataType": kind,
            "DeveloperOnlyAttribute": bool(attr.get("DeveloperOnlyAttribute", False)),
            "Mutable": bool(attr.get("Mutable", True)),
            "Required": False,
        }
        if kind == "String":
            entry["StringAttributeConstraints"] = dict(attr.get("StringAttributeConstraints") or {})
        if kind == "Number":
            entry["NumberAttributeConstraints"] = dict(attr.get("NumberAttributeConstraints") or {})
        custom.append(entry)
    if len(custom) > engine.limits.max_custom_attributes:
        raise LimitExceededException(
            m.TOO_MANY_CUSTOM_ATTRIBUTES.format(limit=engine.limits.max_custom_attributes)
        )
    return custom, required


def pool_type(pool: UserPool) -> dict[str, Any]:
    """The pool as ``UserPoolType``."""
    cfg = pool.config
    schema = [
        {
            "Name": name,
            "AttributeDataType": kind,
            "DeveloperOnlyAttribute": False,
            "Mutable": mutable,
            "Required": required or name in cfg.get("RequiredAttributes", ()),
        }
        for name, (kind, mutable, required) in STANDARD_ATTRIBUTES.items()
    ]
    out: dict[str, Any] = {
        "Id": pool.id,
        "Name": pool.name,
        "Policies": copy.deepcopy(cfg["Policies"]),
        "DeletionProtection": cfg["DeletionProtection"],
        "LambdaConfig": {k: v for k, v in cfg["LambdaConfig"].items() if k not in pool.triggers},
        "LastModifiedDate": pool.modified,
        "CreationDate": pool.created,
        "SchemaAttributes": schema + copy.deepcopy(cfg.get("SchemaAttributes", [])),
        "MfaConfiguration": cfg["MfaConfiguration"],
        "EstimatedNumberOfUsers": len(pool.users),
        "AdminCreateUserConfig": copy.deepcopy(cfg["AdminCreateUserConfig"]),
        "Arn": pool.arn,
    }
    for key in (*_KEPT_AS_GIVEN, "AliasAttributes", "UsernameAttributes", "UsernameConfiguration"):
        if key in cfg:
            out[key] = copy.deepcopy(cfg[key])
    return out


# -- pools ----------------------------------------------------------------------------------------
def create_user_pool(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    require(params, "PoolName")
    name = params["PoolName"]
    _check_pool_name(name)
    if len(engine.pools) >= engine.limits.max_user_pools:
        raise LimitExceededException("User pool limit exceeded.")
    cfg = _pool_config(engine, params)
    custom, required = _schema(engine, params.get("Schema"), [])
    cfg["SchemaAttributes"] = custom
    cfg["RequiredAttributes"] = required
    ids = engine.cloud.ids
    pool_id = f"{engine.region}_{ids.alnum(9)}"
    stamp = now_dt(engine)
    pool = UserPool(engine=engine, id=pool_id, name=name, config=cfg, created=stamp, modified=stamp)
    engine.pools[pool_id] = pool
    return {"UserPool": pool_type(pool)}


def _check_pool_name(name: Any) -> None:
    if not isinstance(name, str) or not 1 <= len(name) <= 128:
        raise InvalidParameterException(
            m.VALUE_LENGTH.format(value=name, field="poolName", bound="less than or equal to 128")
        )


def describe_user_pool(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    return {"UserPool": pool_type(find_pool(engine, params.get("UserPoolId")))}


def update_user_pool(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
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
    _check_pool_name(name)
    cfg = _pool_config(engine, {k: v for k, v in params.items() if k != "UserPoolId"})
    cfg.update(keep)
    pool.config = cfg
    pool.name = name
    pool.modified = now_dt(engine)
    return {}


def delete_user_pool(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    if pool.config.get("DeletionProtection") == "ACTIVE":
        raise InvalidParameterException(
            f"The user pool {pool.id} cannot be deleted because deletion protection is activated."
        )
    del engine.pools[pool.id]
    return {}


def listing(
    key: str,
    items: list[Any],
    render: Callable[[Any], Any],
    params: Mapping[str, Any],
    limit_key: str,
    default: int,
    token_key: str = "NextToken",
) -> dict[str, Any]:
    """One page of a List* response: ``{key: [render(item)...], token_key: next}``.

    ``limit_key`` (``Limit``/``MaxResults``) may ask for up to ``default`` items; the
    pagination token is the next offset.
    """
    limit = params.get(limit_key, default)
    if not isinstance(limit, int) or not 0 <= limit <= default:
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=limit,
                field=limit_key[0].lower() + limit_key[1:],
                bound=f"less than or equal to {default}",
            )
        )
    limit = limit or default
    start = 0
    token = params.get(token_key)
    if token:
        try:
            start = int(base64.b64decode(token).decode())
        except ValueError:
            raise InvalidParameterException("Invalid pagination token.") from None
    out: dict[str, Any] = {key: [render(item) for item in items[start : start + limit]]}
    if start + limit < len(items):
        out[token_key] = base64.b64encode(str(start + limit).encode()).decode()
    return out


def list_user_pools(engine: CognitoIdentityProvider, params: Mapping[str, Any]) -> dict[str, Any]:
    require(params, "MaxResults")
    return listing(
        "UserPools",
        list(engine.pools.values()),
        lambda p: {
            "Id": p.id,
            "Name": p.name,
            "LambdaConfig": dict(p.config["LambdaConfig"]),
            "LastModifiedDate": p.modified,
            "CreationDate": p.created,
        },
        params,
        "MaxResults",
        engine.limits.max_list_pools,
    )


# -- app clients ----------------------------------------------------------------------------------
def _client_config(
    engine: CognitoIdentityProvider,
    params: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    cfg: dict[str, Any] = {}
    limits = engine.limits
    units = {**_DEFAULT_UNITS, **(params.get("TokenValidityUnits") or {})}
    for kind in units:
        _enum(units[kind], f"tokenValidityUnits.{kind[0].lower()}{kind[1:]}", tuple(_UNITS))
    bounds = {
        "AccessToken": (
            limits.access_token_minutes,
            limits.min_access_token_minutes,
            limits.max_access_token_minutes,
        ),
        "IdToken": (
            limits.id_token_minutes,
            limits.min_access_token_minutes,
            limits.max_access_token_minutes,
        ),
        "RefreshToken": (
            limits.refresh_token_minutes,
            limits.min_refresh_token_minutes,
            limits.max_refresh_token_minutes,
        ),
    }
    for kind, (_default, low, high) in bounds.items():
        field = f"{kind}Validity"
        value = params.get(field)
        if value is None:
            continue
        seconds = int(value) * _UNITS[units[kind]]
        if not low * 60 <= seconds <= high * 60:
            label = {"AccessToken": "Access", "IdToken": "Id", "RefreshToken": "Refresh"}[kind]
            raise InvalidParameterException(
                m.TOKEN_VALIDITY.format(kind=label, low=low, high=high, unit="minutes")
            )
        cfg[field] = int(value)
    cfg["TokenValidityUnits"] = units
    flows = params.get("ExplicitAuthFlows")
    if flows is None:
        flows = (base or {}).get("ExplicitAuthFlows", DEFAULT_FLOWS)
    for flow in flows:
        _enum(flow, "explicitAuthFlows", _FLOWS)
    cfg["ExplicitAuthFlows"] = list(flows)
    for key in (
        "ReadAttributes",
        "WriteAttributes",
        "SupportedIdentityProviders",
        "CallbackURLs",
        "LogoutURLs",
        "DefaultRedirectURI",
        "AllowedOAuthFlows",
        "AllowedOAuthScopes",
        "AllowedOAuthFlowsUserPoolClient",
        "AnalyticsConfiguration",
        "EnablePropagateAdditionalUserContextData",
    ):
        if key in params:
            cfg[key] = copy.deepcopy(params[key])
    rotation = params.get("RefreshTokenRotation")
    if rotation is not None:
        if (rotation or {}).get("Feature") == "ENABLED":
            raise _not_emulated("RefreshTokenRotation")
        cfg["RefreshTokenRotation"] = dict(rotation)
    prevent = params.get("PreventUserExistenceErrors", "LEGACY")
    _enum(prevent, "preventUserExistenceErrors", ("LEGACY", "ENABLED"))
    cfg["PreventUserExistenceErrors"] = prevent
    cfg["EnableTokenRevocation"] = bool(params.get("EnableTokenRevocation", True))
    session = params.get("AuthSessionValidity", limits.auth_session_minutes)
    if not isinstance(session, int) or not 3 <= session <= 15:
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=session, field="authSessionValidity", bound="less than or equal to 15"
            )
        )
    cfg["AuthSessionValidity"] = session
    return cfg


def validity_seconds(client: AppClient, kind: str, limits: CognitoLimits) -> int:
    """How long a token of ``kind`` ("AccessToken", "IdToken", "RefreshToken") lives."""
    value = client.config.get(f"{kind}Validity")
    if value is None:
        minutes = {
            "AccessToken": limits.access_token_minutes,
            "IdToken": limits.id_token_minutes,
            "RefreshToken": limits.refresh_token_minutes,
        }[kind]
        return minutes * 60
    return int(value) * _UNITS[client.config["TokenValidityUnits"][kind]]


def create_user_pool_client(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    require(params, "UserPoolId", "ClientName")
    pool = find_pool(engine, params["UserPoolId"])
    if len(pool.clients) >= engine.limits.max_app_clients:
        raise LimitExceededException("App client limit exceeded.")
    cfg = _client_config(engine, params)
    ids = engine.cloud.ids
    client_id = ids.alnum(26).lower()
    secret = params.get("ClientSecret")
    if secret is None and params.get("GenerateSecret"):
        secret = ids.alnum(51).lower()
    stamp = now_dt(engine)
    client = AppClient(pool.id, client_id, params["ClientName"], secret, cfg, stamp, stamp)
    pool.clients[client_id] = client
    return {"UserPoolClient": client.describe()}


def _client(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> tuple[UserPool, AppClient]:
    from ._users import pool_client

    pool = find_pool(engine, params.get("UserPoolId"))
    return pool, pool_client(pool, params.get("ClientId"))


def describe_user_pool_client(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    return {"UserPoolClient": _client(engine, params)[1].describe()}


def update_user_pool_client(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    _, client = _client(engine, params)
    cfg = _client_config(engine, params, client.config)
    client.config = cfg
    if "ClientName" in params:
        client.name = params["ClientName"]
    client.modified = now_dt(engine)
    return {"UserPoolClient": client.describe()}


def delete_user_pool_client(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool, client = _client(engine, params)
    del pool.clients[client.client_id]
    return {}


def list_user_pool_clients(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    return listing(
        "UserPoolClients",
        list(pool.clients.values()),
        lambda c: {"ClientId": c.client_id, "UserPoolId": pool.id, "ClientName": c.name},
        params,
        "MaxResults",
        engine.limits.max_list_clients,
    )


def add_custom_attributes(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    require(params, "UserPoolId", "CustomAttributes")
    pool = find_pool(engine, params["UserPoolId"])
    custom, _ = _schema(engine, params["CustomAttributes"], pool.config["SchemaAttributes"])
    pool.config["SchemaAttributes"] = custom
    return {}


def set_user_pool_mfa_config(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    mfa = params.get("MfaConfiguration", pool.config["MfaConfiguration"])
    _enum(mfa, "mfaConfiguration", ("OFF", "ON", "OPTIONAL"))
    totp = dict(params.get("SoftwareTokenMfaConfiguration") or {})
    totp = totp or pool.config["SoftwareTokenMfaConfiguration"]
    sms = params.get("SmsMfaConfiguration", pool.config.get("SmsMfaConfiguration"))
    if mfa != "OFF" and not totp.get("Enabled") and not sms:
        raise InvalidParameterException(m.MFA_ON_NEEDS_SMS_OR_TOTP)
    pool.config["SoftwareTokenMfaConfiguration"] = totp
    if sms is not None:
        pool.config["SmsMfaConfiguration"] = dict(sms)
    pool.config["MfaConfiguration"] = mfa
    return get_user_pool_mfa_config(engine, params)


def get_user_pool_mfa_config(
    engine: CognitoIdentityProvider, params: Mapping[str, Any]
) -> dict[str, Any]:
    pool = find_pool(engine, params.get("UserPoolId"))
    out: dict[str, Any] = {
        "SoftwareTokenMfaConfiguration": dict(pool.config["SoftwareTokenMfaConfiguration"]),
        "MfaConfiguration": pool.config["MfaConfiguration"],
    }
    if "SmsMfaConfiguration" in pool.config:
        out["SmsMfaConfiguration"] = dict(pool.config["SmsMfaConfiguration"])
    return out


def forget_user(pool: UserPool, username: str) -> None:
    """Remove a deleted user from groups and revoke its sessions."""
    for group in pool.groups.values():
        group.members.discard(username)
    for token, session in list(pool.refresh_tokens.items()):
        if session.username == username:
            pool.revoked_origins.add(session.origin_jti)
            del pool.refresh_tokens[token]
