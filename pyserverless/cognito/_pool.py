"""The resources: ``UserPool``, its app clients, groups and outbox.

A ``UserPool`` is what ``cloud.cognito.create_user_pool(...)`` returns. It holds the users,
the clients, the groups, the pool's signing keys and the outbox where the codes and
messages a real pool would email or text are kept for tests to read.

>>> from pyserverless import Cloud, ManualClock
>>> cloud = Cloud(clock=ManualClock(), limits={"cognito-idp": {"password_hash_cost": 1}})
>>> pool = cloud.cognito.create_user_pool("shop", AutoVerifiedAttributes=["email"])
>>> pool
<UserPool us-east-1_... 'shop' users=0 clients=0>
>>> app = pool.create_client("web")
>>> idp = cloud.client("cognito-idp")
>>> _ = idp.sign_up(ClientId=app.client_id, Username="ann", Password="Passw0rd!",
...                 UserAttributes=[{"Name": "email", "Value": "ann@example.com"}])
>>> pool.outbox[-1].recipient, pool.outbox[-1].channel, len(pool.outbox[-1].code)
('ann@example.com', 'EMAIL', 6)
>>> pool.describe().estimated_number_of_users
1
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from . import _messages as m
from ._errors import NotAuthorizedException, ResourceNotFoundException
from ._tokens import KeyPair, TokenError, decode_with_key

if TYPE_CHECKING:
    from ._engine import CognitoIdentityProvider
    from ._users import User

__all__ = ["AppClient", "Group", "OutboxMessage", "UserPool", "UserPoolDescription"]


@attrs.frozen
class OutboxMessage:
    """A message a real pool would have emailed or texted."""

    #: The email address or phone number it went to.
    recipient: str
    #: ``"EMAIL"`` or ``"SMS"``.
    channel: str
    subject: str | None
    body: str
    #: The code it carries (verification code, temporary password, MFA code), if any.
    code: str | None
    #: The user's internal username.
    username: str
    #: What it is for: ``"SignUp"``, ``"ResendCode"``, ``"ForgotPassword"``,
    #: ``"AdminCreateUser"``, ``"UpdateUserAttribute"``, ``"VerifyUserAttribute"``,
    #: ``"Authentication"``.
    purpose: str
    sent_at: datetime


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

    def describe(self) -> dict[str, Any]:
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
        out.update(self.config)
        return out

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

    def describe(self) -> dict[str, Any]:
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

    def sort_key(self) -> tuple[int, str]:
        return (self.precedence if self.precedence is not None else 2**31, self.name)

    def __repr__(self) -> str:
        return f"<Group {self.name!r} members={len(self.members)}>"


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
class AuthSession:
    """State kept between InitiateAuth and RespondToAuthChallenge."""

    username: str
    client_id: str
    challenge: str
    expires: float
    flow: str
    #: For custom auth: the rounds so far and the private challenge parameters.
    history: tuple[dict[str, Any], ...] = ()
    private: Mapping[str, str] = attrs.field(factory=dict)
    #: The SMS MFA code sent, if any.
    code: str | None = None
    #: The ``challengeMetadata`` CreateAuthChallenge returned, for the next round.
    metadata: str | None = None
    #: A CUSTOM_AUTH run for a name that matches nobody (PreventUserExistenceErrors=ENABLED):
    #: ``username`` is the name as given, and the flow can only fail in the end.
    user_not_found: bool = False
    #: For DEVICE_SRP_AUTH: the remembered device presented with the password.
    device_key: str | None = None


@attrs.define(eq=False)
class RefreshSession:
    """What an opaque refresh token stands for."""

    username: str
    sub: str
    client_id: str
    origin_jti: str
    event_id: str
    auth_time: int
    expires: float
    revoked: bool = False


@attrs.frozen
class SrpState:
    """The pool's side of an SRP exchange, found again by its ``SECRET_BLOCK``."""

    username: str
    client_id: str
    key: bytes = attrs.field(repr=False)
    expires: float
    #: Set for a DEVICE_SRP_AUTH exchange: the device being proved.
    device_key: str | None = None


@attrs.define(eq=False)
class UserPool:
    """A Cognito user pool: users, app clients, groups, keys, triggers and an outbox."""

    engine: CognitoIdentityProvider = attrs.field(repr=False)
    id: str
    name: str
    config: dict[str, Any]
    created: datetime
    modified: datetime
    #: Python callables (or Lambda functions) by LambdaConfig key; overrides ARNs in config.
    triggers: dict[str, Any] = attrs.Factory(dict)
    users: dict[str, User] = attrs.Factory(dict)
    clients: dict[str, AppClient] = attrs.Factory(dict)
    groups: dict[str, Group] = attrs.Factory(dict)
    #: Every message the pool "sent", oldest first.
    outbox: list[OutboxMessage] = attrs.Factory(list)
    #: Every trigger event sent, as (trigger name, event), for tests to inspect.
    trigger_log: list[tuple[str, dict[str, Any]]] = attrs.Factory(list)
    signing_keys: dict[str, KeyPair] | None = None
    sessions: dict[str, AuthSession] = attrs.Factory(dict)
    srp_states: dict[str, SrpState] = attrs.Factory(dict)
    refresh_tokens: dict[str, RefreshSession] = attrs.Factory(dict)
    revoked_origins: set[str] = attrs.Factory(set)
    _kids: tuple[dict[str, KeyPair], dict[str, KeyPair]] | None = attrs.field(
        default=None, repr=False
    )
    #: Keys the decoy SRP answers for unknown users (PreventUserExistenceErrors), made on use.
    decoy_secret: bytes | None = attrs.field(default=None, repr=False)

    # -- identity ----------------------------------------------------------------
    @property
    def region(self) -> str:
        return self.engine.region

    @property
    def arn(self) -> str:
        cloud = self.engine.cloud
        return f"arn:aws:cognito-idp:{self.region}:{cloud.account_id}:userpool/{self.id}"

    @property
    def issuer(self) -> str:
        """``https://cognito-idp.{region}.amazonaws.com/{poolId}`` (aws-facts D1)."""
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.id}"

    @property
    def suffix(self) -> str:
        """The part of the pool id after ``_``, used in SRP."""
        return self.id.split("_", 1)[1]

    def __repr__(self) -> str:
        return (
            f"<UserPool {self.id} {self.name!r} users={len(self.users)} "
            f"clients={len(self.clients)}>"
        )

    def describe(self) -> UserPoolDescription:
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

    def _check(self) -> None:
        """Assert the pool's invariants (tests call this after mutations)."""
        from ._users import key_of

        statuses = {"UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED"}
        subs = set()
        for key, user in self.users.items():
            assert key == key_of(self, user.username), (key, user.username)
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
            values = [u.attributes[attr] for u in self.users.values() if attr in u.attributes]
            assert len(values) == len(set(values)), f"duplicate {attr}"

    # -- resource conveniences ---------------------------------------------------
    def create_client(self, name: str, **params: Any) -> AppClient:
        """Create an app client; ``params`` are CreateUserPoolClient's (``GenerateSecret=True``).

        Without ``ExplicitAuthFlows`` the resource layer enables every flow, for convenience;
        the client layer follows AWS's defaults.
        """
        from . import _engine

        params.setdefault(
            "ExplicitAuthFlows",
            [
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "ALLOW_CUSTOM_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ],
        )
        with self.engine.lock:
            response = _engine.create_user_pool_client(
                self.engine, {"UserPoolId": self.id, "ClientName": name, **params}
            )
            return self.clients[response["UserPoolClient"]["ClientId"]]

    def set_trigger(self, name: str, target: Callable[..., Any] | Any | None) -> None:
        """Set (or with ``None`` remove) trigger ``name``, e.g. ``"PreSignUp"``."""
        from ._triggers import TRIGGERS

        if name not in TRIGGERS:
            raise ValueError(f"unknown trigger {name!r}; triggers: {', '.join(TRIGGERS)}")
        if target is None:
            self.triggers.pop(name, None)
        else:
            self.triggers[name] = target

    def trigger(self, name: str) -> Any:
        """The configured target of trigger ``name``, or ``None``."""
        if name in self.triggers:
            return self.triggers[name]
        return self.config.get("LambdaConfig", {}).get(name)

    def resolve_lambda(self, arn: str) -> Any:
        """The pyserverless Lambda function named by ``arn`` in this Cloud."""
        from .._core.services import spec_for

        try:
            spec_for("lambda")
        except ValueError:
            raise RuntimeError(
                f"trigger {arn} is a Lambda ARN, but this Cloud has no Lambda service; "
                "pass a Python callable with pool.set_trigger(...)"
            ) from None
        return self.engine.cloud.engine("lambda", self.region).get_function(arn)

    def messages_to(self, recipient: str) -> list[OutboxMessage]:
        """The outbox messages sent to ``recipient``, oldest first."""
        return [msg for msg in self.outbox if msg.recipient == recipient]

    def last_code(self, recipient: str | None = None) -> str | None:
        """The code in the newest outbox message (to ``recipient`` if given)."""
        for msg in reversed(self.outbox):
            if msg.code is not None and (recipient is None or msg.recipient == recipient):
                return msg.code
        return None

    def iter_users(self) -> Iterator[User]:
        return iter(list(self.users.values()))

    # -- keys and tokens -------------------------------------------------------
    def keys(self) -> dict[str, KeyPair]:
        """The pool's signing keys by use: ``{"id": ..., "access": ...}`` (made on first use)."""
        if self.signing_keys is None:
            bits = self.engine.limits.rsa_key_bits
            seed = self.engine.cloud.seed
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

    def verify(
        self, token: str, *, token_use: str | None = None, client_id: str | None = None
    ) -> dict[str, Any]:
        """The claims of a token this pool issued, after checking everything AWS's would.

        Rejects (``NotAuthorizedException``) tokens that are malformed, tampered with, not
        RS256 (``alg=none``, HS256), signed by another key, from another issuer, of another
        ``token_use``, for another client (``client_id``), expired on the Cloud's clock, or
        revoked (RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser).
        """
        label = "Id" if token_use == "id" else "Access"
        by_kid = self._by_kid()
        keys = self.keys()
        try:
            pair, claims = decode_with_key(token, by_kid)
        except TokenError as exc:
            raise NotAuthorizedException(f"Invalid {label} Token") from exc
        use = claims.get("token_use")
        if claims.get("iss") != self.issuer or use not in ("id", "access"):
            raise NotAuthorizedException(f"Invalid {label} Token")
        if pair is not keys[use]:
            raise NotAuthorizedException(f"Invalid {label} Token")
        if token_use is not None and use != token_use:
            raise NotAuthorizedException(f"Invalid {label} Token")
        audience = claims.get("aud") if use == "id" else claims.get("client_id")
        if client_id is not None and audience != client_id:
            raise NotAuthorizedException(f"Invalid {label} Token")
        if (
            not isinstance(claims.get("exp"), int)
            or claims["exp"] <= self.engine.cloud.clock.time()
        ):
            raise NotAuthorizedException(
                m.ACCESS_TOKEN_EXPIRED if use == "access" else "Id Token has expired"
            )
        if claims.get("origin_jti") in self.revoked_origins:
            raise NotAuthorizedException(
                m.ACCESS_TOKEN_REVOKED if use == "access" else "Id Token has been revoked"
            )
        return claims


def find_pool(engine: CognitoIdentityProvider, pool_id: Any) -> UserPool:
    pool = engine.pools.get(pool_id) if isinstance(pool_id, str) else None
    if pool is None:
        raise ResourceNotFoundException(m.POOL_NOT_FOUND.format(pool_id=pool_id))
    return pool
