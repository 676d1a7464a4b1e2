"""Users: the record, attribute rules, lookup, passwords, codes and message delivery."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as m
from ._errors import (
    CodeMismatchException,
    ExpiredCodeException,
    InvalidParameterException,
    InvalidPasswordException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UserNotFoundException,
)
from ._passwords import check_password, hash_password, policy_violation
from ._pool import AppClient, OutboxMessage, UserPool
from ._srp import Verifier, make_verifier
from ._triggers import fire

if TYPE_CHECKING:
    from ._devices import Device
    from ._engine import CognitoIdentityProvider

__all__ = ["STANDARD_ATTRIBUTES", "Lockout", "User"]

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
    sms_mfa_enabled: bool = False
    totp_mfa_enabled: bool = False
    preferred_mfa: str | None = None
    password_lockout: Lockout = attrs.Factory(Lockout)
    mfa_lockout: Lockout = attrs.Factory(Lockout)
    origins: set[str] = attrs.field(factory=set, repr=False)
    #: email/phone_number values waiting for VerifyUserAttribute while the original stays in
    #: effect (the pool's AttributesRequireVerificationBeforeUpdate).
    pending: dict[str, str] = attrs.field(factory=dict)
    #: Devices by key (see ``_devices``); the group key is the user's, made on first use.
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


# -- helpers shared by the operations -------------------------------------------------------------
def now(engine: CognitoIdentityProvider) -> float:
    return engine.cloud.clock.time()


def now_dt(engine: CognitoIdentityProvider) -> datetime:
    return engine.cloud.clock.now()


def require(params: Mapping[str, Any], *names: str) -> None:
    for name in names:
        if params.get(name) in (None, ""):
            raise InvalidParameterException(m.MISSING_PARAMETER.format(name=name))


def find_client(engine: CognitoIdentityProvider, client_id: Any) -> tuple[UserPool, AppClient]:
    if isinstance(client_id, str):
        for pool in engine.pools.values():
            client = pool.clients.get(client_id)
            if client is not None:
                return pool, client
    raise ResourceNotFoundException(m.CLIENT_NOT_FOUND.format(client_id=client_id))


def pool_client(pool: UserPool, client_id: Any) -> AppClient:
    client = pool.clients.get(client_id) if isinstance(client_id, str) else None
    if client is None:
        raise ResourceNotFoundException(m.CLIENT_NOT_FOUND.format(client_id=client_id))
    return client


def secret_hash(client_secret: str, username: str, client_id: str) -> str:
    """``Base64(HMAC_SHA256(client_secret, username + client_id))`` (aws-facts D3)."""
    mac = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def check_secret_hash(client: AppClient, username: str, given: Any, *alts: str) -> None:
    """Reject a request without the right SECRET_HASH when the client has a secret."""
    if client.secret is None:
        return
    if not given:
        raise NotAuthorizedException(m.SECRET_HASH_MISSING.format(client_id=client.client_id))
    for name in (username, *alts):
        if isinstance(given, str) and hmac.compare_digest(
            secret_hash(client.secret, name, client.client_id), given
        ):
            return
    raise NotAuthorizedException(m.SECRET_HASH_MISMATCH.format(client_id=client.client_id))


def key_of(pool: UserPool, name: str) -> str:
    """The key of username ``name`` in ``pool.users``: folded unless the pool is case-sensitive.

    Without ``UsernameConfiguration`` the API creates a case-sensitive pool (botocore:
    UsernameConfigurationType, "true ... This is the default value").
    """
    sensitive = pool.config.get("UsernameConfiguration", {}).get("CaseSensitive", True)
    return name if sensitive else name.lower()


def user_named(pool: UserPool, username: Any) -> User | None:
    """The user whose username is ``username`` (no aliases), honouring the pool's case rule.

    Every lookup by a stored or given username goes through here (or :func:`find_user`),
    never through ``pool.users`` directly.
    """
    if not isinstance(username, str) or not username:
        return None
    return pool.users.get(key_of(pool, username))


def find_user(pool: UserPool, name: Any) -> User | None:
    """A user by username, or by an email/phone/preferred_username alias or sign-in attribute."""
    if not isinstance(name, str) or not name:
        return None
    user = user_named(pool, name)
    if user is not None:
        return user
    username_attrs = pool.config.get("UsernameAttributes") or []
    alias_attrs = pool.config.get("AliasAttributes") or []
    for attr in (*username_attrs, *alias_attrs):
        for candidate in pool.users.values():
            value = candidate.attributes.get(attr)
            if value is None or key_of(pool, value) != key_of(pool, name):
                continue
            verified = attr == "preferred_username" or (
                candidate.attributes.get(f"{attr}_verified") == "true"
            )
            if attr in username_attrs or verified:
                return candidate
    return None


def get_user(pool: UserPool, name: Any) -> User:
    user = find_user(pool, name)
    if user is None:
        raise UserNotFoundException(m.USER_NOT_FOUND)
    return user


def user_not_found(client: AppClient | None) -> Exception:
    """UserNotFoundException, or NotAuthorizedException if the client hides user existence."""
    if client is not None and client.config.get("PreventUserExistenceErrors") == "ENABLED":
        return NotAuthorizedException(m.INCORRECT_CREDENTIALS)
    return UserNotFoundException(m.USER_NOT_FOUND)


def hides_users(client: AppClient | None) -> bool:
    """Whether the client has PreventUserExistenceErrors=ENABLED."""
    return client is not None and client.config.get("PreventUserExistenceErrors") == "ENABLED"


def simulated_delivery(username: str) -> dict[str, str]:
    """The CodeDeliveryDetails AWS invents for an unknown user when it hides user existence."""
    return {
        "Destination": f"{username[:1]}***@{username[-1:]}***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }


def schema_names(pool: UserPool) -> set[str]:
    custom = {a["Name"] for a in pool.config.get("SchemaAttributes", [])}
    return set(STANDARD_ATTRIBUTES) | custom


def validate_attributes(
    pool: UserPool,
    attributes: Any,
    *,
    admin: bool,
    creating: bool = False,
    client: AppClient | None = None,
) -> dict[str, str]:
    """Attribute list -> dict, rejecting unknown, immutable, unwritable or ill-formed values.

    A public call (``admin=False``) through ``client`` may write only the client's
    ``WriteAttributes`` (all when unset), never a ``*_verified`` flag or a developer-only
    attribute. Custom attributes must meet their schema's type and constraints.
    """
    if attributes is None:
        return {}
    if not isinstance(attributes, list):
        raise InvalidParameterException("UserAttributes must be a list of {Name, Value}.")
    known = schema_names(pool)
    custom = {a["Name"]: a for a in pool.config.get("SchemaAttributes", [])}
    writable = None if admin or client is None else client.config.get("WriteAttributes")
    out: dict[str, str] = {}
    for entry in attributes:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("Name"), str):
            raise InvalidParameterException("UserAttributes must be a list of {Name, Value}.")
        name, value = entry["Name"], entry.get("Value", "")
        if name not in known or name == "sub":
            raise InvalidParameterException(m.UNKNOWN_ATTRIBUTE.rstrip() + f": {name}")
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


def check_required(pool: UserPool, attributes: Mapping[str, str]) -> None:
    for attr in pool.config.get("SchemaAttributes", []):
        if attr.get("Required") and attr["Name"] not in attributes:
            raise InvalidParameterException(
                f"Attributes did not conform to the schema: {attr['Name']}: "
                "The attribute is required"
            )
    for name in pool.config.get("RequiredAttributes", ()):
        if name not in attributes:
            raise InvalidParameterException(
                f"Attributes did not conform to the schema: {name}: The attribute is required"
            )


def check_policy(pool: UserPool, password: Any) -> None:
    if not isinstance(password, str):
        raise InvalidPasswordException(m.PASSWORD_POLICY.format(reason=m.PASSWORD_TOO_SHORT))
    reason = policy_violation(password, pool.config["Policies"]["PasswordPolicy"])
    if reason is not None:
        raise InvalidPasswordException(m.PASSWORD_POLICY.format(reason=reason))


def set_password(
    engine: CognitoIdentityProvider, pool: UserPool, user: User, password: str
) -> None:
    """Store ``password`` as a scrypt hash and an SRP verifier; never as itself."""
    ids = engine.cloud.ids
    user.password_hash = hash_password(
        password, salt=ids.token_bytes(16), cost=engine.limits.password_hash_cost
    )
    user.verifier = make_verifier(pool.suffix, user.username, password, salt_int=ids.bits(128))
    user.password_set_at = now(engine)


def password_matches(user: User, password: Any) -> bool:
    return (
        isinstance(password, str)
        and user.password_hash is not None
        and check_password(password, user.password_hash)
    )


def new_code(
    engine: CognitoIdentityProvider,
    user: User,
    purpose: str,
    ttl: float,
    attribute: str | None = None,
) -> str:
    code = engine.cloud.ids.digits(engine.limits.code_length)
    user.codes[purpose] = (code, now(engine) + ttl, attribute)
    return code


def use_code(engine: CognitoIdentityProvider, user: User, purpose: str, given: Any) -> str | None:
    """Check and spend a code; returns the attribute it verifies."""
    held = user.codes.get(purpose)
    if held is None:
        raise ExpiredCodeException(m.EXPIRED_CODE)
    code, expires, attribute = held
    if not isinstance(given, str) or not hmac.compare_digest(code, given):
        raise CodeMismatchException(m.CODE_MISMATCH)
    if now(engine) >= expires:
        raise ExpiredCodeException(m.EXPIRED_CODE)
    del user.codes[purpose]
    return attribute


def mask(attribute: str, value: str) -> str:
    """How CodeDeliveryDetails shows a destination: ``a***@e***`` or ``+*******0100``."""
    if attribute == "email" and "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain[:1]}***"
    return "+" + "*" * max(len(value) - 5, 0) + value[-4:]


_DEFAULT_TEMPLATES = {
    # Cognito's default message texts [?] (COG: user-pool-settings-message-customizations).
    "verify": ("Your verification code", "Your verification code is {####}. "),
    "invite": (
        "Your temporary password",
        "Your username is {username} and temporary password is {####}. ",
    ),
    "mfa": (None, "Your authentication code is {####}. "),
}


#: CONFIRM_WITH_LINK's default email [?]; ``{##text##}`` becomes a confirmation link.
_LINK_TEMPLATE = (
    "Your verification link",
    "Please click the link below to verify your email address. {##Verify Email##} ",
)
_LINK = re.compile(r"\{##(.*?)##\}")


def _with_link(body: str, pool: UserPool, client_id: str | None, user: User, code: str) -> str:
    """Replace ``{##text##}`` with a link to the pool's confirmUser endpoint carrying the code."""
    url = (
        f"https://cognito-idp.{pool.region}.amazonaws.com/confirmUser?client_id={client_id}"
        f"&user_name={user.username}&confirmation_code={code}"
    )
    return _LINK.sub(lambda mo: f'<a href="{url}">{mo.group(1)}</a>', body)


def _templates(pool: UserPool, kind: str, channel: str) -> tuple[str | None, str]:
    subject, body = _DEFAULT_TEMPLATES[kind]
    cfg = pool.config
    if kind == "verify":
        tpl = cfg.get("VerificationMessageTemplate", {})
        if channel == "EMAIL" and tpl.get("DefaultEmailOption") == "CONFIRM_WITH_LINK":
            subject = tpl.get("EmailSubjectByLink") or _LINK_TEMPLATE[0]
            body = tpl.get("EmailMessageByLink") or _LINK_TEMPLATE[1]
        elif channel == "EMAIL":
            subject = tpl.get("EmailSubject") or cfg.get("EmailVerificationSubject") or subject
            body = tpl.get("EmailMessage") or cfg.get("EmailVerificationMessage") or body
        else:
            body = tpl.get("SmsMessage") or cfg.get("SmsVerificationMessage") or body
    elif kind == "invite":
        tpl = cfg.get("AdminCreateUserConfig", {}).get("InviteMessageTemplate", {})
        if channel == "EMAIL":
            subject = tpl.get("EmailSubject") or subject
            body = tpl.get("EmailMessage") or body
        else:
            body = tpl.get("SMSMessage") or body
    elif kind == "mfa":
        sms_mfa = cfg.get("SmsMfaConfiguration") or {}
        body = (
            sms_mfa.get("SmsAuthenticationMessage") or cfg.get("SmsAuthenticationMessage") or body
        )
    return subject, body


def deliver(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    user: User,
    *,
    purpose: str,
    attribute: str,
    code: str,
    client_id: str | None,
    kind: str = "verify",
    metadata: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Put the message in the outbox (via the CustomMessage trigger); return its details."""
    channel = "EMAIL" if attribute == "email" else "SMS"
    destination = user.attributes.get(attribute, "")
    if purpose in ("UpdateUserAttribute", "VerifyUserAttribute"):  # codes go to the new value
        destination = user.pending.get(attribute, destination)
    subject, body = _templates(pool, kind, channel)
    custom = fire(
        pool,
        "CustomMessage",
        f"CustomMessage_{purpose}",
        user.username,
        client_id,
        {
            "userAttributes": dict(user.attributes),
            "codeParameter": "{####}",
            "linkParameter": "{##Click Here##}",
            "usernameParameter": "{username}" if kind == "invite" else None,
            "clientMetadata": dict(metadata or {}),
        },
    )
    if channel == "EMAIL":
        subject = custom.get("emailSubject") or subject
        body = custom.get("emailMessage") or body
    else:
        body = custom.get("smsMessage") or body
    text = body.replace("{####}", code).replace("{username}", user.username)
    if kind == "verify" and purpose in ("SignUp", "ResendCode"):
        text = _with_link(text, pool, client_id, user, code)
    pool.outbox.append(
        OutboxMessage(
            recipient=destination,
            channel=channel,
            subject=subject if channel == "EMAIL" else None,
            body=text,
            code=code,
            username=user.username,
            purpose=purpose,
            sent_at=now_dt(engine),
        )
    )
    return {
        "Destination": mask(attribute, destination),
        "DeliveryMedium": channel,
        "AttributeName": attribute,
    }


def send_code(
    engine: CognitoIdentityProvider,
    pool: UserPool,
    user: User,
    key: str,
    attribute: str,
    *,
    purpose: str,
    client_id: str | None,
    metadata: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Make a code for ``key`` (``SignUp``, ``ForgotPassword``, ``Verify:<attr>``), send it
    to ``attribute``; return the CodeDeliveryDetails."""
    limits = engine.limits
    ttl = {
        "SignUp": limits.signup_code_seconds,
        "ForgotPassword": limits.forgot_password_code_seconds,
    }.get(key, limits.attribute_code_seconds)
    code = new_code(engine, user, key, ttl, attribute)
    return deliver(
        engine,
        pool,
        user,
        purpose=purpose,
        attribute=attribute,
        code=code,
        client_id=client_id,
        metadata=metadata,
    )


def verification_target(pool: UserPool, user: User) -> str | None:
    """The attribute a sign-up code goes to: email first, then phone, if auto-verified."""
    auto = pool.config.get("AutoVerifiedAttributes") or []
    for attr in ("email", "phone_number"):
        if attr in auto and user.attributes.get(attr):
            return attr
    return None


def recovery_target(pool: UserPool, user: User) -> str | None:
    """Where a reset code goes: the pool's AccountRecoverySetting mechanisms by priority
    (``verified_email``, ``verified_phone_number``; ``admin_only`` allows none), or a
    verified email, then phone, when the pool has none."""
    setting = pool.config.get("AccountRecoverySetting") or {}
    mechanisms = sorted(setting.get("RecoveryMechanisms") or [], key=lambda r: r.get("Priority", 0))
    order = [str(r.get("Name", "")).removeprefix("verified_") for r in mechanisms]
    for attr in order or ["email", "phone_number"]:  # "admin_only" names no attribute
        if user.attributes.get(attr) and user.attributes.get(f"{attr}_verified") == "true":
            return attr
    return None


def check_unique(
    pool: UserPool, attrs_: Mapping[str, str], *, exclude: User | None, force: bool = False
) -> list[tuple[User, str]]:
    """Email/phone used to sign in (as username or alias) must be unique among such users.

    A verified alias held by another user is AliasExistsException, unless ``force``
    (ForceAliasCreation): then the returned (user, attribute) pairs lose it once the
    caller commits (``migrate_aliases``).
    """
    from ._errors import AliasExistsException, UsernameExistsException

    username_attrs = pool.config.get("UsernameAttributes") or []
    alias_attrs = pool.config.get("AliasAttributes") or []
    moves: list[tuple[User, str]] = []
    for attr in (*username_attrs, *alias_attrs):
        value = attrs_.get(attr)
        if not value:
            continue
        for other in pool.users.values():
            if other is exclude or key_of(pool, other.attributes.get(attr, "")) != key_of(
                pool, value
            ):
                continue
            if attr in username_attrs:
                raise UsernameExistsException(m.EMAIL_EXISTS if attr == "email" else m.PHONE_EXISTS)
            if attr != "preferred_username" and attrs_.get(f"{attr}_verified") != "true":
                continue  # an unverified value is no alias yet (it conflicts on verification)
            if other.attributes.get(f"{attr}_verified") == "true" or attr == "preferred_username":
                if not force or attr == "preferred_username":
                    raise AliasExistsException(
                        m.EMAIL_EXISTS if attr == "email" else m.PHONE_EXISTS
                    )
                moves.append((other, attr))
    return moves


def migrate_aliases(moves: list[tuple[User, str]]) -> None:
    """Take a forced alias from its previous holder: the value stays, unverified."""
    for other, attr in moves:
        other.attributes[f"{attr}_verified"] = "false"
