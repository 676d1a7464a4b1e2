"""Users: the record and its devices, lockouts, and the rules attribute values must meet.

Nothing here knows the pool: the rules take the pool's configuration (a mapping), and the
pool (``_pool.UserPool``) owns the users and calls them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from . import _messages as m
from ._errors import InvalidParameterException, InvalidPasswordException, NotAuthorizedException
from ._passwords import policy_violation
from ._srp import Verifier

__all__ = [
    "STANDARD_ATTRIBUTES",
    "Device",
    "Lockout",
    "User",
    "check_policy",
    "check_required",
    "check_username_member",
    "mask",
    "require",
    "secret_hash",
    "simulated_delivery",
    "validate_attributes",
]

#: Standard attributes: name -> (data type, mutable, required) (COG: user-pool-settings-attributes).
STANDARD_ATTRIBUTES: dict[str, tuple[str, bool, bool]] = {
    "sub": ("String", False, True),
    "name": ("String", True, False),
    "given_name": ("String", True, False),
    "family_name": ("String", True, False),
    "middle_name": ("String", True, False),
    "nickname": ("String", True, False),
    "preferred_username": ("String", True, False),
    "profile": ("String", True, False),
    "picture": ("String", True, False),
    "website": ("String", True, False),
    "email": ("String", True, False),
    "email_verified": ("Boolean", True, False),
    "gender": ("String", True, False),
    "birthdate": ("String", True, False),
    "zoneinfo": ("String", True, False),
    "locale": ("String", True, False),
    "phone_number": ("String", True, False),
    "phone_number_verified": ("Boolean", True, False),
    "address": ("String", True, False),
    "updated_at": ("Number", True, False),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")


@attrs.define
class Lockout:
    """Failed-attempt accounting: lock after N failures, doubling, forgotten when idle (D4)."""

    failures: int = 0
    last_failure: float = 0.0
    locked_until: float = 0.0

    def check(self, now: float, limits: Any) -> None:
        if self.failures and now - self.last_failure >= limits.lockout_reset_seconds:
            self.failures, self.locked_until = 0, 0.0
        if now < self.locked_until:
            raise NotAuthorizedException(m.PASSWORD_ATTEMPTS_EXCEEDED)

    def fail(self, now: float, limits: Any) -> None:
        self.failures += 1
        self.last_failure = now
        over = self.failures - limits.lockout_after_failures
        if over >= 0:
            wait = min(limits.lockout_base_seconds * 2**over, limits.lockout_max_seconds)
            self.locked_until = now + wait

    def succeed(self) -> None:
        self.failures, self.locked_until = 0, 0.0


@attrs.define(eq=False)
class Device:
    """One device a user signed in from: its key, name, SRP verifier and remembered status."""

    key: str
    created: datetime
    modified: datetime
    name: str | None = None
    verifier: Verifier | None = attrs.field(default=None, repr=False)
    remembered: bool = False
    last_authenticated: datetime | None = None

    def device_type(self) -> dict[str, Any]:
        """The device as ``DeviceType``."""
        attributes = [{"Name": "device_status", "Value": "valid"}]
        if self.name is not None:
            attributes.append({"Name": "device_name", "Value": self.name})
        status = "remembered" if self.remembered else "not_remembered"
        attributes.append({"Name": "dev:device_remembered_status", "Value": status})
        out: dict[str, Any] = {
            "DeviceKey": self.key,
            "DeviceAttributes": attributes,
            "DeviceCreateDate": self.created,
            "DeviceLastModifiedDate": self.modified,
        }
        if self.last_authenticated is not None:
            out["DeviceLastAuthenticatedDate"] = self.last_authenticated
        return out


@attrs.define(eq=False)
class User:
    """One user of a pool. Passwords are kept only as a salted hash and an SRP verifier."""

    username: str
    sub: str
    attributes: dict[str, str]
    status: str
    created: datetime
    modified: datetime
    enabled: bool = True
    password_hash: str | None = attrs.field(default=None, repr=False)
    verifier: Verifier | None = attrs.field(default=None, repr=False)
    password_set_at: float = 0.0
    #: purpose -> (code, expires, attribute name)
    codes: dict[str, tuple[str, float, str | None]] = attrs.field(factory=dict, repr=False)
    totp_secret: str | None = attrs.field(default=None, repr=False)
    totp_verified: bool = False
    #: The last TOTP step a code was accepted for: a code of that step or an earlier one is
    #: refused as already used (moto's aws_verified MFA tests, us-west-2).
    totp_last_step: int = -1
    sms_mfa_enabled: bool = False
    totp_mfa_enabled: bool = False
    preferred_mfa: str | None = None
    password_lockout: Lockout = attrs.Factory(Lockout)
    mfa_lockout: Lockout = attrs.Factory(Lockout)
    origins: set[str] = attrs.field(factory=set, repr=False)
    #: email/phone_number values waiting for VerifyUserAttribute while the original stays in
    #: effect (the pool's AttributesRequireVerificationBeforeUpdate).
    pending: dict[str, str] = attrs.field(factory=dict)
    #: Devices by key; the group key is the user's, made on first use.
    devices: dict[str, Device] = attrs.field(factory=dict, repr=False)
    device_group_key: str | None = None

    def __repr__(self) -> str:
        return f"<User {self.username!r} {self.status}{'' if self.enabled else ' disabled'}>"

    def attribute_list(self, names: Iterable[str] | None = None) -> list[dict[str, str]]:
        wanted = None if names is None else set(names)
        return [
            {"Name": k, "Value": v}
            for k, v in self.attributes.items()
            if wanted is None or k in wanted
        ]

    def mfa_settings(self) -> list[str]:
        out = []
        if self.sms_mfa_enabled:
            out.append("SMS_MFA")
        if self.totp_mfa_enabled:
            out.append("SOFTWARE_TOKEN_MFA")
        return out

    def user_type(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The user as ``UserType``."""
        return {
            "Username": self.username,
            "Attributes": self.attribute_list(names),
            "UserCreateDate": self.created,
            "UserLastModifiedDate": self.modified,
            "Enabled": self.enabled,
            "UserStatus": self.status,
        }

    def filter_fields(self) -> dict[str, str]:
        fields = dict(self.attributes)
        fields["username"] = self.username
        fields["cognito:user_status"] = self.status
        fields["status"] = "Enabled" if self.enabled else "Disabled"
        return fields


# -- rules -----------------------------------------------------------------------------------
def check_username_member(value: Any) -> None:
    """A request's ``Username`` against UsernameType: 1 to 128 letters, marks, symbols,
    digits or punctuation (``[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+``), checked before anything else.

    The member is sensitive, so AWS's text names it without its value (boto3#2951,
    amazon-cognito-identity-js#551; both constraints at once for "", LambStatus#6).

    >>> check_username_member("ann+1@example.com")
    >>> check_username_member("ann smith")
    Traceback (most recent call last):
    ...
    pyserverless.cognito.InvalidParameterException: ...error detected: Value at 'username' ...
    """
    if not isinstance(value, str):
        return
    problems = []
    if not value:
        problems.append("Member must have length greater than or equal to 1")
    elif len(value) > 128:
        problems.append("Member must have length less than or equal to 128")
    if not value or any(unicodedata.category(ch)[0] not in "LMSNP" for ch in value):
        problems.append(m.USERNAME_PATTERN)
    if problems:
        raise InvalidParameterException(m.redacted_validation("username", problems))


def require(params: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if params.get(name) in (None, ""):
            raise InvalidParameterException(m.MISSING_PARAMETER.format(name=name))


def secret_hash(client_secret: str, username: str, client_id: str) -> str:
    """``Base64(HMAC_SHA256(client_secret, username + client_id))`` (aws-facts D3)."""
    mac = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def simulated_delivery(username: str) -> dict[str, str]:
    """The CodeDeliveryDetails AWS invents for an unknown user when it hides user existence."""
    return {
        "Destination": f"{username[:1]}***@{username[-1:]}***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }


def mask(attribute: str, value: str) -> str:
    """How CodeDeliveryDetails shows a destination: ``a***@e***`` or ``+*******0100``."""
    if attribute == "email" and "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain[:1]}***"
    return "+" + "*" * max(len(value) - 5, 0) + value[-4:]


def schema_names(config: Mapping[str, Any]) -> set[str]:
    custom = {a["Name"] for a in config.get("SchemaAttributes", [])}
    return set(STANDARD_ATTRIBUTES) | custom


def validate_attributes(
    config: Mapping[str, Any],
    attributes: Any,
    *,
    admin: bool,
    creating: bool = False,
    writable: Iterable[str] | None = None,
) -> dict[str, str]:
    """Attribute list -> dict, rejecting unknown, immutable, unwritable or ill-formed values.

    ``config`` is the pool's. A public call (``admin=False``) may write only ``writable``
    (the app client's ``WriteAttributes``; all when ``None``), never a ``*_verified`` flag
    or a developer-only attribute. Custom attributes must meet their schema's type and constraints.
    """
    if attributes is None:
        return {}
    if not isinstance(attributes, list):
        raise InvalidParameterException("UserAttributes must be a list of {Name, Value}.")
    known = schema_names(config)
    _check_known(attributes, known, creating=creating)
    custom = {a["Name"]: a for a in config.get("SchemaAttributes", [])}
    if admin:
        writable = None
    out: dict[str, str] = {}
    for entry in attributes:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("Name"), str):
            raise InvalidParameterException("UserAttributes must be a list of {Name, Value}.")
        name, value = entry["Name"], entry.get("Value", "")
        schema = custom.get(name, {})
        if writable is not None and name not in writable:
            raise NotAuthorizedException(m.UNAUTHORIZED_ATTRIBUTE)
        if not admin and schema.get("DeveloperOnlyAttribute"):
            raise NotAuthorizedException(m.UNAUTHORIZED_ATTRIBUTE)
        if not schema.get("Mutable", True) and not creating:
            raise InvalidParameterException(f"Cannot modify the non-mutable attribute {name}")
        if name.endswith("_verified") and not admin:
            raise InvalidParameterException(f"Cannot modify an already provided {name}")
        if not isinstance(value, str) or len(value) > 2048:
            raise InvalidParameterException(f"Invalid value for attribute {name}")
        if name == "email" and value and not _EMAIL.match(value):
            raise InvalidParameterException("Invalid email address format.")
        if name == "phone_number" and value and not _PHONE.match(value):
            raise InvalidParameterException("Invalid phone number format.")
        if schema:
            _check_custom(schema, value)
        if name.endswith("_verified"):
            value = value.lower()
        out[name] = value
    return out


def _check_known(attributes: list[Any], known: set[str], *, creating: bool) -> None:
    """Every attribute name the schema lacks, in one answer, in AWS's words: SignUp and
    AdminCreateUser's "Attributes did not conform to the schema: <name>: ..." (amplify-flutter#509,
    amplify-js#2167), an update's "user.<name>: ..." lines (amplify-flutter#1531)."""
    unknown = [
        entry["Name"]
        for entry in attributes
        if isinstance(entry, Mapping)
        and isinstance(entry.get("Name"), str)
        and (entry["Name"] not in known or entry["Name"] == "sub")
    ]
    if not unknown:
        return
    prefix, lead = ("Attributes did not conform to the schema: ", "") if creating else ("", "user.")
    raise InvalidParameterException(
        prefix + "".join(f"{lead}{name}: {m.UNKNOWN_ATTRIBUTE}" for name in unknown)
    )


def _check_custom(schema: Mapping[str, Any], value: str) -> None:
    """A custom attribute's value against its type and String/NumberAttributeConstraints."""
    reason = None
    kind = schema.get("AttributeDataType", "String")
    if kind == "String":
        limits = schema.get("StringAttributeConstraints") or {}
        if "MinLength" in limits and len(value) < int(limits["MinLength"]):
            reason = f"String must be no shorter than {limits['MinLength']} characters"
        elif "MaxLength" in limits and len(value) > int(limits["MaxLength"]):
            reason = f"String must be no longer than {limits['MaxLength']} characters"
    elif kind == "Number":
        limits = schema.get("NumberAttributeConstraints") or {}
        try:
            number = float(value)
        except ValueError:
            reason = "Number must be a number"
        else:
            if "MinValue" in limits and number < float(limits["MinValue"]):
                reason = f"Number must be no less than {limits['MinValue']}"
            elif "MaxValue" in limits and number > float(limits["MaxValue"]):
                reason = f"Number must be no greater than {limits['MaxValue']}"
    elif kind == "Boolean" and value.lower() not in ("true", "false"):
        reason = "Boolean must be true or false"
    if reason is not None:
        raise InvalidParameterException(
            m.SCHEMA_MISMATCH.format(name=schema["Name"], reason=reason)
        )


def check_required(config: Mapping[str, Any], attributes: Mapping[str, str]) -> None:
    for attr in config.get("SchemaAttributes", []):
        if attr.get("Required") and attr["Name"] not in attributes:
            raise InvalidParameterException(
                f"Attributes did not conform to the schema: {attr['Name']}: "
                "The attribute is required"
            )
    for name in config.get("RequiredAttributes", ()):
        if name not in attributes:
            raise InvalidParameterException(
                f"Attributes did not conform to the schema: {name}: The attribute is required"
            )


def check_policy(config: Mapping[str, Any], password: Any) -> None:
    if not isinstance(password, str):
        raise InvalidPasswordException(m.PASSWORD_POLICY.format(reason=m.PASSWORD_TOO_SHORT))
    reason = policy_violation(password, config["Policies"]["PasswordPolicy"])
    if reason is not None:
        raise InvalidPasswordException(m.PASSWORD_POLICY.format(reason=reason))
