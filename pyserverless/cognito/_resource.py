"""``cloud.cognito``: Cognito user pools as Python objects, over the engine's public methods.

``CognitoResource`` makes and finds pools; a ``UserPool`` makes and finds app clients and
users, reads its outbox, serves its JWKS and verifies its tokens. Every object is a handle
(ids and the engine): what it shows is read from the engine when asked, so it is never
stale, and a handle made in a Lambda handler running in process mode reads the host's pool.

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock(), limits={"cognito-idp": {"password_hash_cost": 1}})
>>> pool = cloud.cognito.create_user_pool("shop", AutoVerifiedAttributes=["email"])
>>> pool
<UserPool us-east-1_... 'shop' users=0 clients=0>
>>> app = pool.create_client("web")
>>> ann = pool.create_user("ann", password="Passw0rd!", email="ann@example.com")
>>> ann, ann.status, ann.attributes["email"]
(<User 'ann' CONFIRMED>, 'CONFIRMED', 'ann@example.com')
>>> cloud.cognito.user_pool(pool.id) == pool, [p.name for p in cloud.cognito.user_pools()]
(True, ['shop'])
>>> cloud.cognito.user_pool("us-east-1_nope")
Traceback (most recent call last):
...
pyserverless.cognito.ResourceNotFoundException: ...User pool us-east-1_nope does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._limits import CognitoLimits
from ._outbox import OutboxMessage
from ._snapshots import (
    AppClientDescription,
    GroupDescription,
    UserDescription,
    UserPoolDescription,
)
from ._triggers import check_trigger_name

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from ._engine import CognitoIdentityProvider

__all__ = ["AppClient", "CognitoResource", "Group", "User", "UserPool"]

#: CreateUserPool's members that ``create_user_pool`` takes as keyword arguments, by
#: their AWS name; each may also be written in snake_case (``auto_verified_attributes``).
_POOL_SETTINGS = (
    "AccountRecoverySetting",
    "AdminCreateUserConfig",
    "AliasAttributes",
    "AutoVerifiedAttributes",
    "DeletionProtection",
    "DeviceConfiguration",
    "EmailConfiguration",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "LambdaConfig",
    "MfaConfiguration",
    "Policies",
    "Schema",
    "SmsAuthenticationMessage",
    "SmsConfiguration",
    "SmsVerificationMessage",
    "UserAttributeUpdateSettings",
    "UserPoolAddOns",
    "UserPoolTags",
    "UserPoolTier",
    "UsernameAttributes",
    "UsernameConfiguration",
    "VerificationMessageTemplate",
)
#: CreateUserPoolClient's members that ``create_client`` takes (also in snake_case).
_CLIENT_SETTINGS = (
    "AccessTokenValidity",
    "AllowedOAuthFlows",
    "AllowedOAuthFlowsUserPoolClient",
    "AllowedOAuthScopes",
    "AnalyticsConfiguration",
    "AuthSessionValidity",
    "CallbackURLs",
    "ClientSecret",
    "DefaultRedirectURI",
    "EnablePropagateAdditionalUserContextData",
    "EnableTokenRevocation",
    "ExplicitAuthFlows",
    "GenerateSecret",
    "IdTokenValidity",
    "LogoutURLs",
    "PreventUserExistenceErrors",
    "ReadAttributes",
    "RefreshTokenRotation",
    "RefreshTokenValidity",
    "SupportedIdentityProviders",
    "TokenValidityUnits",
    "WriteAttributes",
)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _settings(allowed: tuple[str, ...], given: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``given`` keyword arguments as AWS request members; ``TypeError`` for unknown ones."""
    by_name = {name: name for name in allowed} | {_snake(name): name for name in allowed}
    out: dict[str, Any] = {}
    for key, value in given.items():
        member = by_name.get(key)
        if member is None:
            raise TypeError(f"{where}() got an unexpected keyword argument {key!r}")
        out[member] = value
    return out


@attrs.frozen(repr=False)
class CognitoResource:
    """Cognito user pools of one region: ``cloud.cognito``.

    >>> from pyserverless import Cloud, ManualClock
    >>> cognito = Cloud(clock=ManualClock()).cognito
    >>> cognito
    <CognitoResource region='us-east-1' pools=0>
    >>> pool = cognito.create_user_pool("app", mfa_configuration="OFF")
    >>> pool.describe().mfa_configuration
    'OFF'
    >>> cognito.create_user_pool("app", MfaConfiguraton="ON")
    Traceback (most recent call last):
    ...
    TypeError: create_user_pool() got an unexpected keyword argument 'MfaConfiguraton'
    """

    cloud: Any
    region: str

    @property
    def engine(self) -> CognitoIdentityProvider:
        return self.cloud.engine("cognito-idp", self.region)  # type: ignore[no-any-return]

    @property
    def limits(self) -> CognitoLimits:
        """The Cognito limits in force (``Cloud(limits={"cognito-idp": {...}})``)."""
        return self.engine.limits

    def __repr__(self) -> str:
        return f"<CognitoResource region={self.region!r} pools={len(self.engine.pool_ids())}>"

    def create_user_pool(
        self,
        name: str,
        *,
        triggers: Mapping[str, Callable[..., Any] | Any] | None = None,
        signing_key: rsa.RSAPrivateKey | Mapping[str, rsa.RSAPrivateKey] | None = None,
        **settings: Any,
    ) -> UserPool:
        """Create a pool; ``settings`` are CreateUserPool's members, by their AWS name or in
        snake_case (``AutoVerifiedAttributes=["email"]`` or ``auto_verified_attributes=...``).

        ``triggers`` maps LambdaConfig keys (``"PreSignUp"``, ...) to Python callables or
        Lambda functions. ``signing_key`` injects the RSA key (one for both token kinds, or
        ``{"id": key, "access": key}``); by default keys derive from the Cloud's seed.
        """
        request = {"PoolName": name, **_settings(_POOL_SETTINGS, settings, "create_user_pool")}
        for key in triggers or {}:
            check_trigger_name(key)
        engine = self.engine
        pool_id = engine.create_user_pool(request)["UserPool"]["Id"]
        for key, target in (triggers or {}).items():
            engine.set_trigger(pool_id, key, target)
        if signing_key is not None:
            engine.set_signing_key(pool_id, signing_key)
        return UserPool(engine, pool_id)

    def user_pool(self, pool_id: str) -> UserPool:
        """The pool ``pool_id`` (``ResourceNotFoundException`` if none)."""
        engine = self.engine
        engine.pool_description(pool_id)
        return UserPool(engine, pool_id)

    def user_pools(self) -> list[UserPool]:
        """Every pool of the region, oldest first."""
        engine = self.engine
        return [UserPool(engine, pool_id) for pool_id in engine.pool_ids()]


@attrs.frozen(repr=False)
class UserPool:
    """A user pool: its app clients and users, its outbox, its keys and its tokens.

    >>> from pyserverless import Cloud, ManualClock
    >>> cloud = Cloud(clock=ManualClock(), limits={"cognito-idp": {"password_hash_cost": 1}})
    >>> pool = cloud.cognito.create_user_pool("p", AutoVerifiedAttributes=["email"])
    >>> app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    >>> idp = cloud.client("cognito-idp")
    >>> _ = idp.sign_up(ClientId=app.client_id, Username="bo", Password="Passw0rd!",
    ...                 UserAttributes=[{"Name": "email", "Value": "bo@example.com"}])
    >>> pool.outbox[-1].recipient, pool.user("bo").status
    ('bo@example.com', 'UNCONFIRMED')
    >>> _ = idp.confirm_sign_up(ClientId=app.client_id, Username="bo",
    ...                         ConfirmationCode=pool.last_code())
    >>> tokens = idp.initiate_auth(ClientId=app.client_id, AuthFlow="USER_PASSWORD_AUTH",
    ...     AuthParameters={"USERNAME": "bo", "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
    >>> pool.verify(tokens["IdToken"], token_use="id")["email"]
    'bo@example.com'
    >>> pool.delete()
    >>> cloud.cognito.user_pools()
    []
    """

    engine: CognitoIdentityProvider = attrs.field(eq=False)
    id: str

    # -- identity (from the id alone) ----------------------------------------------------
    @property
    def region(self) -> str:
        return self.id.split("_", 1)[0]

    @property
    def suffix(self) -> str:
        """The part of the pool id after ``_``, used in SRP."""
        return self.id.split("_", 1)[1]

    @property
    def issuer(self) -> str:
        """``https://cognito-idp.{region}.amazonaws.com/{poolId}``: the tokens' ``iss``."""
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.id}"

    @property
    def name(self) -> str:
        return self.describe().name

    @property
    def arn(self) -> str:
        return self.describe().arn

    def describe(self) -> UserPoolDescription:
        """A frozen snapshot of the pool."""
        return self.engine.pool_description(self.id)

    def __repr__(self) -> str:
        d = self.describe()
        users, clients = d.estimated_number_of_users, len(d.client_ids)
        return f"<UserPool {self.id} {d.name!r} users={users} clients={clients}>"

    def delete(self) -> None:
        """Delete the pool (refused while its DeletionProtection is ACTIVE)."""
        self.engine.delete_user_pool({"UserPoolId": self.id})

    def _check(self) -> None:
        """Assert the pool's invariants (tests call this after mutations)."""
        self.engine.check_pool(self.id)

    # -- app clients ---------------------------------------------------------------------
    def create_client(self, name: str, **settings: Any) -> AppClient:
        """Create an app client; ``settings`` are CreateUserPoolClient's members, by AWS
        name or in snake_case (``GenerateSecret=True``, ``generate_secret=True``).

        Without ``ExplicitAuthFlows`` the client gets AWS's defaults: ALLOW_USER_SRP_AUTH,
        ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH (name the others you want, such as
        ``ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]``).
        """
        request = _settings(_CLIENT_SETTINGS, settings, "create_client")
        request.update({"UserPoolId": self.id, "ClientName": name})
        created = self.engine.create_user_pool_client(request)["UserPoolClient"]
        return AppClient(self.engine, self.id, created["ClientId"], created.get("ClientSecret"))

    def client(self, client_id: str) -> AppClient:
        """The app client ``client_id`` (``ResourceNotFoundException`` if none)."""
        d = self.engine.client_description(self.id, client_id)
        return AppClient(self.engine, self.id, d.client_id, d.secret)

    def clients(self) -> list[AppClient]:
        """The pool's app clients, oldest first."""
        return [self.client(client_id) for client_id in self.describe().client_ids]

    # -- users ---------------------------------------------------------------------------
    def create_user(self, username: str, *, password: str | None = None, **attributes: str) -> User:
        """Create a user (AdminCreateUser, no message sent) with verified ``email`` and
        ``phone_number`` if given; with ``password``, set it permanently (CONFIRMED).

        Attributes are keyword arguments (``email="a@example.com"``,
        ``custom_tier="gold"`` for ``custom:tier``).
        """
        values = {
            (f"custom:{k[7:]}" if k.startswith("custom_") else k): v for k, v in attributes.items()
        }
        for attr in ("email", "phone_number"):
            if attr in values:
                values.setdefault(f"{attr}_verified", "true")
        request: dict[str, Any] = {
            "UserPoolId": self.id,
            "Username": username,
            "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": k, "Value": v} for k, v in values.items()],
        }
        name = self.engine.admin_create_user(request)["User"]["Username"]
        if password is not None:
            self.engine.admin_set_user_password(
                {"UserPoolId": self.id, "Username": name, "Password": password, "Permanent": True}
            )
        return User(self.engine, self.id, name)

    def user(self, username: str) -> User:
        """The user ``username`` (or alias) (``UserNotFoundException`` if none)."""
        return User(self.engine, self.id, self.engine.user_description(self.id, username).username)

    def users(self) -> list[User]:
        """The pool's users, oldest first."""
        return [
            User(self.engine, self.id, d.username) for d in self.engine.user_descriptions(self.id)
        ]

    # -- groups --------------------------------------------------------------------------
    def create_group(
        self,
        name: str,
        *,
        description: str | None = None,
        role_arn: str | None = None,
        precedence: int | None = None,
    ) -> Group:
        """Create a group (CreateGroup); its members get it in ``cognito:groups``.

        >>> from pyserverless import Cloud, ManualClock
        >>> pool = Cloud(clock=ManualClock()).cognito.create_user_pool("p")
        >>> admins = pool.create_group("admins", precedence=1)
        >>> admins.add(pool.create_user("ann").username)
        >>> admins, pool.groups(), pool.user("ann").describe().groups
        (<Group 'admins' members=1>, [<Group 'admins' members=1>], ('admins',))
        """
        given = {"Description": description, "RoleArn": role_arn, "Precedence": precedence}
        request = {k: v for k, v in given.items() if v is not None}
        self.engine.create_group({"UserPoolId": self.id, "GroupName": name, **request})
        return Group(self.engine, self.id, name)

    def group(self, name: str) -> Group:
        """The group ``name`` (``ResourceNotFoundException`` if none)."""
        return Group(self.engine, self.id, self.engine.group_description(self.id, name).name)

    def groups(self) -> list[Group]:
        """The pool's groups, by name."""
        return [Group(self.engine, self.id, name) for name in self.describe().group_names]

    # -- triggers, outbox ----------------------------------------------------------------
    def set_trigger(self, name: str, target: Callable[..., Any] | Any | None) -> None:
        """Set (or with ``None`` remove) trigger ``name``, e.g. ``"PreSignUp"``, to a Python
        callable, a Lambda function or an ARN."""
        self.engine.set_trigger(self.id, name, target)

    @property
    def trigger_log(self) -> list[tuple[str, dict[str, Any]]]:
        """Every trigger event sent, as (trigger name, event), oldest first."""
        return self.engine.pool_trigger_log(self.id)

    @property
    def outbox(self) -> list[OutboxMessage]:
        """Every message the pool "sent" (codes, invitations), oldest first."""
        return self.engine.pool_outbox(self.id)

    def messages_to(self, recipient: str) -> list[OutboxMessage]:
        """The outbox messages sent to ``recipient``, oldest first."""
        return [msg for msg in self.outbox if msg.recipient == recipient]

    def last_code(self, recipient: str | None = None) -> str | None:
        """The code in the newest outbox message (to ``recipient`` if given)."""
        for msg in reversed(self.outbox):
            if msg.code is not None and (recipient is None or msg.recipient == recipient):
                return msg.code
        return None

    # -- keys and tokens -----------------------------------------------------------------
    def jwks(self) -> dict[str, list[dict[str, str]]]:
        """The pool's JSON Web Key Set, as served at ``{issuer}/.well-known/jwks.json``."""
        return self.engine.pool_jwks(self.id)

    def openid_configuration(self) -> dict[str, Any]:
        """The pool's OpenID discovery document, as served at
        ``{issuer}/.well-known/openid-configuration``.

        >>> from pyserverless import Cloud, ManualClock
        >>> pool = Cloud(clock=ManualClock()).cognito.create_user_pool("p")
        >>> doc = pool.openid_configuration()
        >>> doc["issuer"] == pool.issuer, doc["jwks_uri"] == pool.issuer + "/.well-known/jwks.json"
        (True, True)
        """
        return self.engine.pool_openid_configuration(self.id)

    def verify(
        self, token: str, *, token_use: str | None = None, client_id: str | None = None
    ) -> dict[str, Any]:
        """The claims of a token this pool issued, after checking everything AWS's would.

        Rejects (``NotAuthorizedException``) tokens that are malformed, tampered with, not
        RS256 (``alg=none``, HS256), signed by another key, from another issuer, of another
        ``token_use``, for another client (``client_id``), expired on the Cloud's clock, or
        revoked (RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser).
        """
        return self.engine.verify_token(self.id, token, token_use=token_use, client_id=client_id)


@attrs.frozen(repr=False)
class AppClient:
    """An app client of a pool: ``client_id`` (and ``secret``) to sign in with."""

    engine: CognitoIdentityProvider = attrs.field(eq=False)
    pool_id: str
    client_id: str
    #: The client secret, or ``None`` (it never changes once made).
    secret: str | None = attrs.field(default=None, eq=False)

    @property
    def name(self) -> str:
        return self.describe().name

    def describe(self) -> AppClientDescription:
        """A frozen snapshot of the client."""
        return self.engine.client_description(self.pool_id, self.client_id)

    def delete(self) -> None:
        self.engine.delete_user_pool_client(
            {"UserPoolId": self.pool_id, "ClientId": self.client_id}
        )

    def __repr__(self) -> str:
        secret = " secret" if self.secret else ""
        return f"<AppClient {self.client_id} {self.name!r}{secret}>"


@attrs.frozen(repr=False)
class Group:
    """A group of a pool, by its name."""

    engine: CognitoIdentityProvider = attrs.field(eq=False)
    pool_id: str
    name: str

    def describe(self) -> GroupDescription:
        """A frozen snapshot: description, role, precedence and members."""
        return self.engine.group_description(self.pool_id, self.name)

    def add(self, username: str) -> None:
        """Add a user (AdminAddUserToGroup)."""
        self.engine.admin_add_user_to_group(self._request(Username=username))

    def remove(self, username: str) -> None:
        """Remove a user (AdminRemoveUserFromGroup)."""
        self.engine.admin_remove_user_from_group(self._request(Username=username))

    def delete(self) -> None:
        self.engine.delete_group(self._request())

    def _request(self, **extra: str) -> dict[str, Any]:
        return {"UserPoolId": self.pool_id, "GroupName": self.name, **extra}

    def __repr__(self) -> str:
        return f"<Group {self.name!r} members={len(self.describe().members)}>"


@attrs.frozen(repr=False)
class User:
    """A user of a pool, by its username."""

    engine: CognitoIdentityProvider = attrs.field(eq=False)
    pool_id: str
    username: str

    def describe(self) -> UserDescription:
        """A frozen snapshot of the user: status, attributes, MFA settings, groups."""
        return self.engine.user_description(self.pool_id, self.username)

    @property
    def status(self) -> str:
        """``UNCONFIRMED``, ``CONFIRMED``, ``FORCE_CHANGE_PASSWORD`` or ``RESET_REQUIRED``."""
        return self.describe().status

    @property
    def attributes(self) -> Mapping[str, str]:
        return self.describe().attributes

    @property
    def enabled(self) -> bool:
        return self.describe().enabled

    def delete(self) -> None:
        self.engine.admin_delete_user({"UserPoolId": self.pool_id, "Username": self.username})

    def __repr__(self) -> str:
        d = self.describe()
        return f"<User {d.username!r} {d.status}{'' if d.enabled else ' disabled'}>"
