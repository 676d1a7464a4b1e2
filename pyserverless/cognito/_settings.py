"""Parsing the settings of pools and app clients, custom-attribute schemas, and list pages.

Each parser takes the request and the limits, runs every check, and returns the settings to
store; it changes nothing, so a rejected request leaves the pool as it was.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable, Mapping
from typing import Any

from . import _messages as m
from ._errors import InvalidParameterException, LimitExceededException
from ._limits import CognitoLimits
from ._triggers import TRIGGERS
from ._users import STANDARD_ATTRIBUTES

__all__ = [
    "ALL_FLOWS",
    "DEFAULT_FLOWS",
    "KEPT_AS_GIVEN",
    "UNITS",
    "check_flow_mix",
    "check_pool_name",
    "client_config",
    "enum",
    "listing",
    "not_emulated",
    "parse_schema",
    "pool_config",
]

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
#: Every flow a client can allow (for tests and tours that try them all).
ALL_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]
#: AWS's flows for a client created without ExplicitAuthFlows (botocore's
#: CreateUserPoolClient documentation: refresh, SRP and custom).
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
KEPT_AS_GIVEN = (
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
UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_DEFAULT_UNITS = {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}


# -- validation helpers ---------------------------------------------------------------------------
def enum(value: Any, field: str, allowed: tuple[str, ...] | set[str]) -> None:
    if value not in allowed:
        raise InvalidParameterException(
            m.ENUM_VALUE.format(value=value, field=field, allowed=sorted(allowed))
        )


def not_emulated(setting: str) -> InvalidParameterException:
    return InvalidParameterException(m.NOT_EMULATED.format(setting=setting))


def _refuse_unemulated(params: Mapping[str, Any]) -> None:
    """Refuse settings whose effect pyserverless does not emulate, rather than ignore them."""
    policies = params.get("Policies") or {}
    if (policies.get("PasswordPolicy") or {}).get("PasswordHistorySize"):
        raise not_emulated("Policies.PasswordPolicy.PasswordHistorySize")
    factors = (policies.get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or ["PASSWORD"]
    if list(factors) != ["PASSWORD"]:  # only USER_AUTH reads them, and it is not emulated
        raise not_emulated("Policies.SignInPolicy.AllowedFirstAuthFactors other than PASSWORD")
    for key in params.get("LambdaConfig") or {}:
        if key in _UNEMULATED_LAMBDA_CONFIG:
            raise not_emulated(f"LambdaConfig.{key}")
    addons = params.get("UserPoolAddOns") or {}
    if addons.get("AdvancedSecurityMode") == "ENFORCED" or addons.get(
        "AdvancedSecurityAdditionalFlows"
    ):
        raise not_emulated("UserPoolAddOns (threat protection) other than OFF or AUDIT")


def _password_policy(
    limits: CognitoLimits, params: Mapping[str, Any], policies: Mapping[str, Any]
) -> dict[str, Any]:
    """The PasswordPolicy, defaults filled in, its MinimumLength within the limits."""
    policy = {**_DEFAULT_POLICY, **(policies.get("PasswordPolicy") or {})}
    unused = (params.get("AdminCreateUserConfig") or {}).get("UnusedAccountValidityDays")
    if unused is not None and "TemporaryPasswordValidityDays" not in (
        policies.get("PasswordPolicy") or {}
    ):  # the older name of the same setting
        policy["TemporaryPasswordValidityDays"] = int(unused)
    low, high = limits.min_password_length, limits.max_password_length
    if not low <= int(policy["MinimumLength"]) <= high:
        raise InvalidParameterException(
            m.VALUE_RANGE.format(
                value=policy["MinimumLength"],
                field="policies.passwordPolicy.minimumLength",
                bound=f"greater than or equal to {low}",
            )
        )
    return policy


def pool_config(
    limits: CognitoLimits,
    params: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The settings of a pool from CreateUserPool/UpdateUserPool's request, checked."""
    _refuse_unemulated(params)
    cfg: dict[str, Any] = copy.deepcopy(dict(base)) if base else {}
    policies = params.get("Policies", cfg.get("Policies", {}))
    cfg["Policies"] = {**policies, "PasswordPolicy": _password_policy(limits, params, policies)}
    mfa = params.get("MfaConfiguration", cfg.get("MfaConfiguration", "OFF"))
    enum(mfa, "mfaConfiguration", ("OFF", "ON", "OPTIONAL"))
    cfg["MfaConfiguration"] = mfa
    username_attrs = params.get("UsernameAttributes", cfg.get("UsernameAttributes"))
    alias_attrs = params.get("AliasAttributes", cfg.get("AliasAttributes"))
    if username_attrs and alias_attrs:
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )
    for value in username_attrs or []:
        enum(value, "usernameAttributes", ("phone_number", "email"))
    for value in alias_attrs or []:
        enum(value, "aliasAttributes", ("phone_number", "email", "preferred_username"))
    for value in params.get("AutoVerifiedAttributes") or []:
        enum(value, "autoVerifiedAttributes", ("phone_number", "email"))
    lambda_config = params.get("LambdaConfig", cfg.get("LambdaConfig", {}))
    for key in lambda_config:
        if key not in (*TRIGGERS, "PreTokenGenerationConfig"):
            raise InvalidParameterException(f"Unknown LambdaConfig key {key}")
    for key in (*KEPT_AS_GIVEN, "DeletionProtection"):
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
        enum(
            name,
            "userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate",
            ("phone_number", "email"),
        )
        if name not in auto:
            raise InvalidParameterException(m.UPDATE_NEEDS_AUTO_VERIFY)


def parse_schema(
    limits: CognitoLimits, attributes: Any, existing: list[dict[str, Any]]
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
        if attr.get("Required"):
            # AWS's answer, quoted with its request id (trek10inc/serverless-cognito-manager#4).
            raise InvalidParameterException(m.REQUIRED_CUSTOM_ATTRIBUTE)
        full = name if name.startswith("custom:") else f"custom:{name}"
        if any(a["Name"] == full for a in custom):
            raise InvalidParameterException(m.CUSTOM_ATTRIBUTE_EXISTS.format(name=full))
        kind = attr.get("AttributeDataType", "String")
        enum(kind, "attributeDataType", ("String", "Number", "DateTime", "Boolean"))
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
    if len(custom) > limits.max_custom_attributes:
        raise LimitExceededException(
            m.TOO_MANY_CUSTOM_ATTRIBUTES.format(limit=limits.max_custom_attributes)
        )
    return custom, required


def check_pool_name(name: Any) -> None:
    if not isinstance(name, str) or not 1 <= len(name) <= 128:
        raise InvalidParameterException(
            m.VALUE_LENGTH.format(value=name, field="poolName", bound="less than or equal to 128")
        )


def _validities(limits: CognitoLimits, params: Mapping[str, Any]) -> dict[str, Any]:
    """TokenValidityUnits and the Access/Id/RefreshTokenValidity given, checked in range."""
    cfg: dict[str, Any] = {}
    units = {**_DEFAULT_UNITS, **(params.get("TokenValidityUnits") or {})}
    for kind in units:
        enum(units[kind], f"tokenValidityUnits.{kind[0].lower()}{kind[1:]}", tuple(UNITS))
    bounds = {
        "AccessToken": (limits.min_access_token_minutes, limits.max_access_token_minutes),
        "IdToken": (limits.min_access_token_minutes, limits.max_access_token_minutes),
        "RefreshToken": (limits.min_refresh_token_minutes, limits.max_refresh_token_minutes),
    }
    for kind, (low, high) in bounds.items():
        field = f"{kind}Validity"
        value = params.get(field)
        if value is None:
            continue
        seconds = int(value) * UNITS[units[kind]]
        if not low * 60 <= seconds <= high * 60:
            label = {"AccessToken": "Access", "IdToken": "Id", "RefreshToken": "Refresh"}[kind]
            raise InvalidParameterException(
                m.TOKEN_VALIDITY.format(kind=label, low=low, high=high, unit="minutes")
            )
        cfg[field] = int(value)
    cfg["TokenValidityUnits"] = units
    return cfg


def check_flow_mix(flows: Any) -> None:
    """Legacy ExplicitAuthFlows values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY,
    USER_PASSWORD_AUTH) cannot be assigned with ALLOW_ ones (botocore:
    UserPoolClientType.ExplicitAuthFlows)."""
    new = [f for f in flows if f.startswith("ALLOW_")]
    if new and len(new) != len(flows):
        raise InvalidParameterException(m.MIXED_AUTH_FLOWS)


def client_config(
    limits: CognitoLimits,
    params: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The settings of an app client from CreateUserPoolClient/UpdateUserPoolClient's
    request (``base``: the client's current settings, for UpdateUserPoolClient)."""
    cfg = _validities(limits, params)
    flows = params.get("ExplicitAuthFlows")
    if flows is None:
        flows = (base or {}).get("ExplicitAuthFlows", DEFAULT_FLOWS)
    for flow in flows:
        enum(flow, "explicitAuthFlows", _FLOWS)
    check_flow_mix(flows)
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
            raise not_emulated("RefreshTokenRotation")
        cfg["RefreshTokenRotation"] = dict(rotation)
    prevent = params.get("PreventUserExistenceErrors", "LEGACY")
    enum(prevent, "preventUserExistenceErrors", ("LEGACY", "ENABLED"))
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
