"""The user pool: it owns its users, app clients, groups, devices, keys, sessions and outbox.

Everything an operation does to a pool is a method here: finding a user by name or alias,
keeping sign-in aliases unique, setting a password, sending a code, signing a user out,
verifying a token. The operations (``_user_ops``, ``_admin_ops``) and the sign-in state
machine (``_auth``) call these methods; nothing here calls back into them.
"""

from __future__ import annotations

import base64
import copy
import hmac
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import attrs

from . import _messages as m
from ._errors import (
    AliasExistsException,
    CodeMismatchException,
    ExpiredCodeException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UsernameExistsException,
    UserNotFoundException,
)
from ._host import Host
from ._outbox import OutboxMessage, templates, with_link
from ._passwords import check_password, hash_password
from ._sessions import AuthSession, RefreshSession, SrpState
from ._settings import KEPT_AS_GIVEN, UNITS
from ._snapshots import (
    AppClientDescription,
    GroupDescription,
    UserDescription,
    UserPoolDescription,
)
from ._srp import Verifier, make_verifier
from ._tokens import KeyPair, TokenError, decode_with_key
from ._triggers import Triggers
from ._users import STANDARD_ATTRIBUTES, Device, User, mask, secret_hash

__all__ = ["AppClient", "Group", "PasswordSecret", "Pools", "UserPool"]


@attrs.frozen(repr=False)
class PasswordSecret:
    """What a password becomes: its scrypt hash and its SRP verifier."""

    stored: str
    verifier: Verifier


@attrs.define(eq=False)
class AppClient:
    """An app client of a pool: its id, optional secret, auth flows and token validity."""

    pool_id: str
    client_id: str
    name: str
    secret: str | None
    config: dict[str, Any]
    created: datetime
    modified: datetime

    def client_type(self) -> dict[str, Any]:
        """The client as ``UserPoolClientType``."""
        out: dict[str, Any] = {
            "UserPoolId": self.pool_id,
            "ClientName": self.name,
            "ClientId": self.client_id,
        }
        if self.secret is not None:
            out["ClientSecret"] = self.secret
        out["LastModifiedDate"] = self.modified
        out["CreationDate"] = self.created
        for key, value in self.config.items():  # a copy: lists of str, maps of str
            out[key] = (
                list(value)
                if isinstance(value, list)
                else (dict(value) if isinstance(value, dict) else value)
            )
        return out

    def description(self) -> AppClientDescription:
        return AppClientDescription(
            pool_id=self.pool_id,
            client_id=self.client_id,
            name=self.name,
            secret=self.secret,
            explicit_auth_flows=tuple(self.config.get("ExplicitAuthFlows") or ()),
            prevent_user_existence_errors=self.config.get("PreventUserExistenceErrors", "LEGACY"),
            created=self.created,
            modified=self.modified,
        )

    @property
    def hides_users(self) -> bool:
        """Whether the client has PreventUserExistenceErrors=ENABLED."""
        return self.config.get("PreventUserExistenceErrors") == "ENABLED"

    def user_not_found(self) -> Exception:
        """UserNotFoundException, or NotAuthorizedException if the client hides users."""
        if self.hides_users:
            return NotAuthorizedException(m.INCORRECT_CREDENTIALS)
        return UserNotFoundException(m.USER_NOT_FOUND)

    def check_secret_hash(self, username: str, given: Any, *alts: str) -> None:
        """Reject a request without the right SECRET_HASH when the client has a secret."""
        if self.secret is None:
            return
        if not given:
            raise NotAuthorizedException(m.SECRET_HASH_MISSING.format(client_id=self.client_id))
        for name in (username, *alts):
            if isinstance(given, str) and hmac.compare_digest(
                secret_hash(self.secret, name, self.client_id), given
            ):
                return
        raise NotAuthorizedException(m.SECRET_HASH_MISMATCH.format(client_id=self.client_id))

    def validity_seconds(self, kind: str, limits: Any) -> int:
        """How long a token of ``kind`` ("AccessToken", "IdToken", "RefreshToken") lives."""
        value = self.config.get(f"{kind}Validity")
        if value is None:
            minutes = {
                "AccessToken": limits.access_token_minutes,
                "IdToken": limits.id_token_minutes,
                "RefreshToken": limits.refresh_token_minutes,
            }[kind]
            return int(minutes) * 60
        return int(value) * UNITS[self.config["TokenValidityUnits"][kind]]

    def __repr__(self) -> str:
        secret = " secret" if self.secret else ""
        return f"<AppClient {self.client_id} {self.name!r}{secret}>"


@attrs.define(eq=False)
class Group:
    """A group of users, with an optional IAM role and precedence."""

    pool_id: str
    name: str
    description: str | None
    role_arn: str | None
    precedence: int | None
    created: datetime
    modified: datetime
    members: set[str] = attrs.Factory(set)

    def group_type(self) -> dict[str, Any]:
        """The group as ``GroupType``."""
        out: dict[str, Any] = {"GroupName": self.name, "UserPoolId": self.pool_id}
        if self.description is not None:
            out["Description"] = self.description
        if self.role_arn is not None:
            out["RoleArn"] = self.role_arn
        if self.precedence is not None:
            out["Precedence"] = self.precedence
        out["LastModifiedDate"] = self.modified
        out["CreationDate"] = self.created
        return out

    def snapshot(self) -> GroupDescription:
        return GroupDescription(
            self.pool_id,
            self.name,
            self.description,
            self.role_arn,
            self.precedence,
            tuple(sorted(self.members)),
            self.created,
        )

    def sort_key(self) -> tuple[int, str]:
        return (self.precedence if self.precedence is not None else 2**31, self.name)


@attrs.define(eq=False)
class UserPool:
    """A Cognito user pool: users, app clients, groups, keys, triggers and an outbox."""

    host: Host = attrs.field(repr=False)
    id: str
    name: str
    config: dict[str, Any]
    created: datetime
    modified: datetime
    triggers: Triggers = attrs.field(init=False, repr=False)
    users: dict[str, User] = attrs.Factory(dict)
    clients: dict[str, AppClient] = attrs.Factory(dict)
    groups: dict[str, Group] = attrs.Factory(dict)
    #: Every message the pool "sent", oldest first.
    outbox: list[OutboxMessage] = attrs.Factory(list)
    signing_keys: dict[str, KeyPair] | None = None
    sessions: dict[str, AuthSession] = attrs.Factory(dict)
    srp_states: dict[str, SrpState] = attrs.Factory(dict)
    refresh_tokens: dict[str, RefreshSession] = attrs.Factory(dict)
    revoked_origins: set[str] = attrs.Factory(set)
    #: Refresh tokens revoked (RevokeToken, the sign-outs, AdminDisableUser): using one again
    #: is "Refresh Token has been revoked", not "Invalid Refresh Token".
    revoked_refresh: set[str] = attrs.Factory(set)
    _kids: tuple[dict[str, KeyPair], dict[str, KeyPair]] | None = attrs.field(
        default=None, repr=False
    )
    #: Keys the decoy SRP answers for unknown users (PreventUserExistenceErrors), made on use.
    decoy_secret: bytes | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        self.triggers = Triggers(self.host, self.id)
        self.configure(self.config)

    def configure(self, config: dict[str, Any]) -> None:
        """Take a parsed configuration (CreateUserPool, UpdateUserPool)."""
        self.config = config
        self.triggers.arns = config.get("LambdaConfig", {})

    # -- identity ----------------------------------------------------------------------
    @property
    def region(self) -> str:
        return self.host.region

    @property
    def arn(self) -> str:
        account = self.host.cloud.account_id
        return f"arn:aws:cognito-idp:{self.region}:{account}:userpool/{self.id}"

    @property
    def issuer(self) -> str:
        """``https://cognito-idp.{region}.amazonaws.com/{poolId}`` (aws-facts D1)."""
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.id}"

    @property
    def suffix(self) -> str:
        """The part of the pool id after ``_``, used in SRP."""
        return self.id.split("_", 1)[1]

    def __repr__(self) -> str:
        return f"<UserPool {self.id} {self.name!r} users={len(self.users)}>"

    def description(self) -> UserPoolDescription:
        """A frozen snapshot of the pool."""
        return UserPoolDescription(
            id=self.id,
            name=self.name,
            arn=self.arn,
            mfa_configuration=self.config.get("MfaConfiguration", "OFF"),
            estimated_number_of_users=len(self.users),
            client_ids=tuple(self.clients),
            group_names=tuple(sorted(self.groups)),
            created=self.created,
        )

    def pool_type(self) -> dict[str, Any]:
        """The pool as ``UserPoolType``."""
        cfg = self.config
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
        targets = self.triggers.targets
        out: dict[str, Any] = {
            "Id": self.id,
            "Name": self.name,
            "Policies": copy.deepcopy(cfg["Policies"]),
            "DeletionProtection": cfg["DeletionProtection"],
            "LambdaConfig": {k: v for k, v in cfg["LambdaConfig"].items() if k not in targets},
            "LastModifiedDate": self.modified,
            "CreationDate": self.created,
            "SchemaAttributes": schema + copy.deepcopy(cfg.get("SchemaAttributes", [])),
            "MfaConfiguration": cfg["MfaConfiguration"],
            "EstimatedNumberOfUsers": len(self.users),
            "AdminCreateUserConfig": copy.deepcopy(cfg["AdminCreateUserConfig"]),
            "Arn": self.arn,
        }
        for key in (*KEPT_AS_GIVEN, "AliasAttributes", "UsernameAttributes"):
            if key in cfg:
                out[key] = copy.deepcopy(cfg[key])
        if "UsernameConfiguration" in cfg:
            out["UsernameConfiguration"] = copy.deepcopy(cfg["UsernameConfiguration"])
        return out

    # -- clients and groups -------------------------------------------------------------
    def client(self, client_id: Any) -> AppClient:
        """The app client ``client_id`` (ResourceNotFoundException if none)."""
        client = self.clients.get(client_id) if isinstance(client_id, str) else None
        if client is None:
            raise ResourceNotFoundException(m.CLIENT_NOT_FOUND.format(client_id=client_id))
        return client

    def group(self, name: Any) -> Group:
        """The group ``name`` (ResourceNotFoundException if none)."""
        group = self.groups.get(name) if isinstance(name, str) else None
        if group is None:
            raise ResourceNotFoundException(m.GROUP_NOT_FOUND)
        return group

    def user_groups(self, username: str) -> list[Group]:
        """The user's groups, by precedence then name (the order of ``cognito:groups``)."""
        found = (g for g in self.groups.values() if username in g.members)
        return sorted(found, key=Group.sort_key)

    # -- users -------------------------------------------------------------------------
    def key_of(self, name: str) -> str:
        """The key of username ``name`` in ``users``: folded unless the pool is case-sensitive.

        Without ``UsernameConfiguration`` the API creates a case-sensitive pool (botocore:
        UsernameConfigurationType, "true ... This is the default value").
        """
        sensitive = self.config.get("UsernameConfiguration", {}).get("CaseSensitive", True)
        return name if sensitive else name.lower()

    def user_named(self, username: Any) -> User | None:
        """The user whose username is ``username`` (no aliases), by the pool's case rule."""
        if not isinstance(username, str) or not username:
            return None
        return self.users.get(self.key_of(username))

    def find_user(self, name: Any) -> User | None:
        """A user by username, or by a verified alias or a sign-in attribute."""
        user = self.user_named(name)
        if user is not None or not isinstance(name, str) or not name:
            return user
        username_attrs = self.config.get("UsernameAttributes") or []
        alias_attrs = self.config.get("AliasAttributes") or []
        key = self.key_of(name)
        for attr in (*username_attrs, *alias_attrs):
            for candidate in self.users.values():
                value = candidate.attributes.get(attr)
                if value is None or self.key_of(value) != key:
                    continue
                verified = attr == "preferred_username" or (
                    candidate.attributes.get(f"{attr}_verified") == "true"
                )
                if attr in username_attrs or verified:
                    return candidate
        return None

    def get_user(self, name: Any, *, by_sub: bool = False) -> User:
        """The user ``name`` (UserNotFoundException if none). ``by_sub``: an admin
        operation's ``Username``, which may also be the user's ``sub`` (botocore:
        AdminGetUserRequest.Username, "this value must be the sub of a local user")."""
        user = self.find_user(name)
        if user is None and by_sub and isinstance(name, str) and len(name) == 36:
            user = next((u for u in self.users.values() if u.sub == name), None)
        if user is None:
            raise UserNotFoundException(m.USER_NOT_FOUND)
        return user

    def add_user(self, user: User) -> None:
        self.users[self.key_of(user.username)] = user

    def remove_user(self, user: User) -> None:
        """Delete ``user``: out of its groups, its sessions revoked."""
        del self.users[self.key_of(user.username)]
        for group in self.groups.values():
            group.members.discard(user.username)
        for token, session in list(self.refresh_tokens.items()):
            if session.username == user.username:
                self.revoked_origins.add(session.origin_jti)
                del self.refresh_tokens[token]

    def user_snapshot(self, user: User) -> UserDescription:
        return UserDescription(
            username=user.username,
            sub=user.sub,
            status=user.status,
            enabled=user.enabled,
            attributes=dict(user.attributes),
            pending=dict(user.pending),
            mfa_settings=tuple(user.mfa_settings()),
            preferred_mfa=user.preferred_mfa,
            groups=tuple(g.name for g in self.user_groups(user.username)),
            created=user.created,
            modified=user.modified,
        )

    def iter_users(self) -> Iterator[User]:
        return iter(list(self.users.values()))

    def check_unique(
        self, values: Mapping[str, str], *, exclude: User | None, force: bool = False
    ) -> list[tuple[User, str]]:
        """Email/phone used to sign in (as username or alias) must be unique among users.

        ``values`` are the attributes a user would hold. A verified alias held by another
        user is AliasExistsException, unless ``force`` (ForceAliasCreation): then the
        returned (user, attribute) pairs lose it once the caller commits
        (``migrate_aliases``).
        """
        username_attrs = self.config.get("UsernameAttributes") or []
        alias_attrs = self.config.get("AliasAttributes") or []
        moves: list[tuple[User, str]] = []
        for attr in (*username_attrs, *alias_attrs):
            value = values.get(attr)
            if not value:
                continue
            key = self.key_of(value)
            for other in self.users.values():
                if other is exclude or self.key_of(other.attributes.get(attr, "")) != key:
                    continue
                if attr in username_attrs:
                    raise UsernameExistsException(
                        m.EMAIL_EXISTS if attr == "email" else m.PHONE_EXISTS
                    )
                if attr != "preferred_username" and values.get(f"{attr}_verified") != "true":
                    continue  # an unverified value is no alias yet (it conflicts on verification)
                if attr == "preferred_username" or _is_alias(other, attr):
                    if not force or attr == "preferred_username":
                        raise AliasExistsException(
                            m.EMAIL_EXISTS if attr == "email" else m.PHONE_EXISTS
                        )
                    moves.append((other, attr))
        return moves

    @staticmethod
    def migrate_aliases(moves: list[tuple[User, str]]) -> None:
        """Take a forced alias from its previous holder: the value stays, unverified."""
        for other, attr in moves:
            other.attributes[f"{attr}_verified"] = "false"

    # -- passwords and codes ------------------------------------------------------------
    # scrypt (and the SRP verifier) is the slow part of a password operation: it runs with
    # the engine's lock let go, as a trigger does, so other requests go on meanwhile. The
    # salts are drawn under the lock (the Cloud's ids stay deterministic); the caller looks
    # again at what may have changed once the lock is back.
    def hash_new_password(self, user: User, password: str) -> PasswordSecret:
        """Hash ``password`` for ``user`` (scrypt and SRP verifier), the lock let go."""
        ids, cost = self.host.ids, self.host.limits.password_hash_cost
        salt, salt_int = ids.token_bytes(16), ids.bits(128)
        suffix, user_id = self.suffix, user.username
        with self.host.lock.released():
            stored = hash_password(password, salt=salt, cost=cost)
            verifier = make_verifier(suffix, user_id, password, salt_int=salt_int)
        return PasswordSecret(stored, verifier)

    def store_password(self, user: User, secret: PasswordSecret) -> None:
        user.password_hash = secret.stored
        user.verifier = secret.verifier
        user.password_set_at = self.host.now()

    def is_current(self, user: User) -> bool:
        """Whether ``user`` is still this pool's user of that name (not deleted meanwhile)."""
        return self.users.get(self.key_of(user.username)) is user

    def set_password(self, user: User, password: str) -> None:
        """Store ``password`` as a scrypt hash and an SRP verifier; never as itself.

        UserNotFoundException if the user was deleted while the password hashed.
        """
        secret = self.hash_new_password(user, password)
        if not self.is_current(user):
            raise UserNotFoundException(m.USER_NOT_FOUND)
        self.store_password(user, secret)

    def password_matches(self, user: User, password: Any) -> bool:
        """Whether ``password`` is the user's, checked with the lock let go (``False`` if
        the user was deleted meanwhile; checked again if the password changed meanwhile)."""
        while True:
            stored = user.password_hash
            if not isinstance(password, str) or stored is None:
                return False
            with self.host.lock.released():
                good = check_password(password, stored)
            if not self.is_current(user):
                return False
            if user.password_hash == stored:
                return good

    def use_code(self, user: User, purpose: str, given: Any) -> str | None:
        """Check and spend a code; returns the attribute it verifies."""
        held = user.codes.get(purpose)
        if held is None:
            raise ExpiredCodeException(m.EXPIRED_CODE)
        code, expires, attribute = held
        if not isinstance(given, str) or not hmac.compare_digest(code, given):
            raise CodeMismatchException(m.CODE_MISMATCH)
        if self.host.now() >= expires:
            raise ExpiredCodeException(m.EXPIRED_CODE)
        del user.codes[purpose]
        return attribute

    def send_code(
        self,
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
        limits = self.host.limits
        ttl = {
            "SignUp": limits.signup_code_seconds,
            "ForgotPassword": limits.forgot_password_code_seconds,
        }.get(key, limits.attribute_code_seconds)
        code = self.host.ids.digits(limits.code_length)
        user.codes[key] = (code, self.host.now() + ttl, attribute)
        return self.deliver(
            user,
            purpose=purpose,
            attribute=attribute,
            code=code,
            client_id=client_id,
            metadata=metadata,
        )

    def deliver(
        self,
        user: User,
        *,
        purpose: str,
        attribute: str,
        code: str,
        client_id: str | None,
        kind: str = "verify",
        metadata: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        """Put the message in the outbox (via the CustomMessage trigger); its details."""
        channel = "EMAIL" if attribute == "email" else "SMS"
        destination = user.attributes.get(attribute, "")
        if purpose in ("UpdateUserAttribute", "VerifyUserAttribute"):  # to the new value
            destination = user.pending.get(attribute, destination)
        subject, body = templates(self.config, kind, channel)
        custom = self.triggers.fire(
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
            text = with_link(text, self.region, client_id, user.username, code)
        self.outbox.append(
            OutboxMessage(
                recipient=destination,
                channel=channel,
                subject=subject if channel == "EMAIL" else None,
                body=text,
                code=code,
                username=user.username,
                purpose=purpose,
                sent_at=self.host.now_dt(),
            )
        )
        return {
            "Destination": mask(attribute, destination),
            "DeliveryMedium": channel,
            "AttributeName": attribute,
        }

    def verification_target(self, user: User) -> str | None:
        """The attribute a sign-up code goes to: email first, then phone, if auto-verified."""
        auto = self.config.get("AutoVerifiedAttributes") or []
        for attr in ("email", "phone_number"):
            if attr in auto and user.attributes.get(attr):
                return attr
        return None

    def recovery_target(self, user: User) -> str | None:
        """Where a reset code goes: the pool's AccountRecoverySetting mechanisms by priority
        (``verified_email``, ``verified_phone_number``; ``admin_only`` allows none), or a
        verified email, then phone, when the pool has none."""
        setting = self.config.get("AccountRecoverySetting") or {}
        mechanisms = sorted(
            setting.get("RecoveryMechanisms") or [], key=lambda r: r.get("Priority", 0)
        )
        order = [str(r.get("Name", "")).removeprefix("verified_") for r in mechanisms]
        for attr in order or ["email", "phone_number"]:  # "admin_only" names no attribute
            if user.attributes.get(attr) and user.attributes.get(f"{attr}_verified") == "true":
                return attr
        return None

    # -- sessions and sign-out ---------------------------------------------------------
    def purge(self, stamp: float) -> None:
        """Forget abandoned challenge sessions and SRP exchanges once they have expired."""
        for token in [t for t, state in self.sessions.items() if state.expires <= stamp]:
            del self.sessions[token]
        for block in [b for b, state in self.srp_states.items() if state.expires <= stamp]:
            del self.srp_states[block]

    def revoke(self, token: str) -> None:
        """Revoke one refresh token and the ID and access tokens issued with it."""
        session = self.refresh_tokens.pop(token)
        session.revoked = True
        self.revoked_origins.add(session.origin_jti)
        self.revoked_refresh.add(token)

    def sign_out(self, user: User) -> None:
        """Revoke every refresh token of ``user`` and the tokens issued with them."""
        for token, session in list(self.refresh_tokens.items()):
            if session.username == user.username:
                self.revoke(token)
        self.revoked_origins.update(user.origins)
        user.origins.clear()

    # -- devices -----------------------------------------------------------------------
    @property
    def tracks_devices(self) -> bool:
        """Whether the pool remembers devices (any DeviceConfiguration property is set)."""
        return bool(self.config.get("DeviceConfiguration"))

    @staticmethod
    def confirmed_device(user: User, key: Any) -> Device | None:
        """The user's device ``key`` once ConfirmDevice gave it a verifier, else ``None``."""
        device = user.devices.get(key) if isinstance(key, str) else None
        return device if device is not None and device.verifier is not None else None

    def device(self, user: User, key: Any) -> Device:
        """The user's confirmed device ``key`` (ResourceNotFoundException if none)."""
        device = self.confirmed_device(user, key)
        if device is None:
            raise ResourceNotFoundException(m.DEVICE_NOT_FOUND)
        return device

    def new_device(self, user: User) -> dict[str, str]:
        """A new device key (and the user's group key, made on first use): NewDeviceMetadata.
        Nothing is kept until ``add_device``."""
        ids = self.host.ids
        group = user.device_group_key or "-" + ids.alnum(9)
        return {"DeviceKey": f"{self.region}_{ids.uuid()}", "DeviceGroupKey": group}

    def add_device(self, user: User, metadata: Mapping[str, str]) -> None:
        """Keep a device ``new_device`` made (unconfirmed until ConfirmDevice)."""
        key, stamp = metadata["DeviceKey"], self.host.now_dt()
        user.device_group_key = metadata["DeviceGroupKey"]
        user.devices[key] = Device(key, stamp, stamp)

    # -- keys and tokens ---------------------------------------------------------------
    def keys(self) -> dict[str, KeyPair]:
        """The pool's signing keys by use: ``{"id": ..., "access": ...}`` (made on first use)."""
        if self.signing_keys is None:
            bits = self.host.limits.rsa_key_bits
            seed = self.host.cloud.seed
            self.signing_keys = {
                use: KeyPair.derive(seed=seed, pool_id=self.id, use=use, bits=bits)
                for use in ("id", "access")
            }
        return self.signing_keys

    def _by_kid(self) -> dict[str, KeyPair]:
        keys = self.keys()
        cached = self._kids
        if cached is None or cached[0] is not keys:  # signing_keys may be replaced
            cached = self._kids = (keys, {pair.kid: pair for pair in keys.values()})
        return cached[1]

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """The pool's JSON Web Key Set, as served at ``{issuer}/.well-known/jwks.json``."""
        return {"keys": [pair.jwk() for pair in self.keys().values()]}

    def openid_configuration(self) -> dict[str, Any]:
        """The pool's OpenID discovery document, as served at
        ``{issuer}/.well-known/openid-configuration``. Without a domain (none is emulated)
        the OAuth endpoints are named under the issuer [?]."""
        issuer = self.issuer
        return {
            "authorization_endpoint": f"{issuer}/authorize",
            "id_token_signing_alg_values_supported": ["RS256"],
            "issuer": issuer,
            "jwks_uri": f"{issuer}/.well-known/jwks.json",
            "response_types_supported": ["code", "token"],
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "subject_types_supported": ["public"],
            "token_endpoint": f"{issuer}/token",
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "userinfo_endpoint": f"{issuer}/userInfo",
        }

    def verify(
        self, token: str, *, token_use: str | None = None, client_id: str | None = None
    ) -> dict[str, Any]:
        """The claims of a token this pool issued, after checking everything AWS's would."""
        label = "Id" if token_use == "id" else "Access"
        try:
            pair, claims = decode_with_key(token, self._by_kid())
        except TokenError as exc:
            raise NotAuthorizedException(f"Invalid {label} Token") from exc
        use = claims.get("token_use")
        if claims.get("iss") != self.issuer or use not in ("id", "access"):
            raise NotAuthorizedException(f"Invalid {label} Token")
        if pair is not self.keys()[use] or (token_use is not None and use != token_use):
            raise NotAuthorizedException(f"Invalid {label} Token")
        audience = claims.get("aud") if use == "id" else claims.get("client_id")
        if client_id is not None and audience != client_id:
            raise NotAuthorizedException(f"Invalid {label} Token")
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= self.host.now():
            raise NotAuthorizedException(
                m.ACCESS_TOKEN_EXPIRED if use == "access" else "Id Token has expired"
            )
        if claims.get("origin_jti") in self.revoked_origins:
            raise NotAuthorizedException(
                m.ACCESS_TOKEN_REVOKED if use == "access" else "Id Token has been revoked"
            )
        return claims

    # -- invariants --------------------------------------------------------------------
    def _check(self) -> None:
        """Assert the pool's invariants (tests call this after mutations)."""
        statuses = {"UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED"}
        subs = set()
        for key, user in self.users.items():
            assert key == self.key_of(user.username), (key, user.username)
            assert user.status in statuses, user.status
            assert user.password_hash is not None
            assert user.verifier is not None
            assert user.attributes.get("sub") == user.sub
            subs.add(user.sub)
        assert len(subs) == len(self.users), "duplicate sub"
        names = {user.username for user in self.users.values()}
        for group in self.groups.values():
            assert group.members <= names, (group.name, group.members - names)
        for session in self.refresh_tokens.values():
            assert session.username in names
            assert not session.revoked
        for attr in self.config.get("UsernameAttributes") or []:
            values = [
                self.key_of(u.attributes[attr]) for u in self.users.values() if attr in u.attributes
            ]
            assert len(values) == len(set(values)), f"duplicate {attr}"
        for attr in self.config.get("AliasAttributes") or []:
            held = [
                self.key_of(u.attributes[attr])
                for u in self.users.values()
                if attr in u.attributes and _is_alias(u, attr)
            ]
            assert len(held) == len(set(held)), f"duplicate alias {attr}"


def _is_alias(user: User, attr: str) -> bool:
    """Whether ``user``'s ``attr`` is a sign-in alias: verified, or a preferred_username."""
    return attr == "preferred_username" or user.attributes.get(f"{attr}_verified") == "true"


class Pools:
    """The pools of one region, and the lookups that cross pools (by client id, by token)."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.by_id: dict[str, UserPool] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def values(self) -> list[UserPool]:
        return list(self.by_id.values())

    def pool(self, pool_id: Any) -> UserPool:
        """The pool ``pool_id`` (ResourceNotFoundException if none)."""
        pool = self.by_id.get(pool_id) if isinstance(pool_id, str) else None
        if pool is None:
            raise ResourceNotFoundException(m.POOL_NOT_FOUND.format(pool_id=pool_id))
        return pool

    def client(self, client_id: Any) -> tuple[UserPool, AppClient]:
        """The pool and app client of ``client_id`` (ResourceNotFoundException if none)."""
        if isinstance(client_id, str):
            for pool in self.by_id.values():
                client = pool.clients.get(client_id)
                if client is not None:
                    return pool, client
        raise ResourceNotFoundException(m.CLIENT_NOT_FOUND.format(client_id=client_id))

    def session(self, token: Any) -> tuple[UserPool, AuthSession]:
        """The pool and state behind a challenge ``Session`` (NotAuthorizedException if none)."""
        if isinstance(token, str):
            for pool in self.by_id.values():
                session = pool.sessions.get(token)
                if session is not None:
                    if self.host.now() >= session.expires:
                        del pool.sessions[token]
                        raise NotAuthorizedException(m.SESSION_EXPIRED)
                    return pool, session
        raise NotAuthorizedException(m.INVALID_SESSION)

    def token_user(self, token: Any) -> tuple[UserPool, User]:
        """The pool and user an access token speaks for (NotAuthorizedException if bad)."""
        pool = self.by_id.get(_issuer_pool_id(token) or "")
        if pool is None:
            raise NotAuthorizedException(m.INVALID_ACCESS_TOKEN)
        claims = pool.verify(token, token_use="access")
        user = pool.user_named(claims.get("username"))
        if user is not None and user.sub != claims.get("sub"):  # deleted, and the name reused
            user = None
        if user is None:
            raise UserNotFoundException(m.USER_NOT_FOUND)
        if not user.enabled:
            raise NotAuthorizedException(m.USER_DISABLED)
        return pool, user


def _issuer_pool_id(token: Any) -> str | None:
    """The pool id at the end of an unverified token's ``iss`` claim."""
    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return str(claims["iss"]).rsplit("/", 1)[1]
    except (AttributeError, IndexError, KeyError, ValueError, TypeError):
        raise NotAuthorizedException(m.INVALID_ACCESS_TOKEN) from None
