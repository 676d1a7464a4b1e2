"""Issuing tokens: the ID and access JWTs with AWS's claims, the pre token generation
trigger, and opaque refresh tokens.

Two steps, and nothing here knows which sign-in flow asked: ``plan_tokens`` gathers the
claims (groups, attributes, what PreTokenGeneration overrides) into a frozen
``TokenPlan``, running every check; ``issue`` signs the plan and keeps the refresh token,
and cannot fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._pool import AppClient, UserPool
from ._sessions import RefreshSession
from ._tokens import b64url, sign
from ._users import User

__all__ = ["TokenPlan", "issue", "plan_tokens"]

#: Claims a pre token generation trigger may not add, override or suppress.
_PROTECTED = frozenset(
    {
        "acr",
        "amr",
        "at_hash",
        "auth_time",
        "azp",
        "c_hash",
        "exp",
        "iat",
        "iss",
        "jti",
        "nbf",
        "nonce",
        "origin_jti",
        "sub",
        "token_use",
        "aud",
        "client_id",
        "event_id",
        "version",
        "cognito:username",
        "username",
        "cognito:groups",
        "cognito:roles",
        "cognito:preferred_role",
        "scope",
    }
)
_SCOPE = "aws.cognito.signin.user.admin"
_JWE_HEADER = b64url(b'{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}')


@attrs.frozen
class Overrides:
    """What the pre token generation trigger changed (all empty without one)."""

    groups: list[str]
    roles: list[str]
    preferred: str | None
    scopes: list[str]
    id_details: Mapping[str, Any] = attrs.field(factory=dict)
    access_details: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class TokenPlan:
    """Everything about to be signed: both claim sets, lifetimes, the refresh session."""

    username: str
    id_claims: Mapping[str, Any]
    access_claims: Mapping[str, Any]
    access_life: int
    #: The refresh session to keep (a new sign-in), or ``None`` (REFRESH_TOKEN_AUTH).
    refresh: RefreshSession | None


def _overrides(
    pool: UserPool,
    user: User,
    client: AppClient,
    source: str,
    metadata: Mapping[str, str],
) -> Overrides:
    """Run PreTokenGeneration (V1_0, V2_0 or V3_0 events) and read what it overrides."""
    groups = pool.user_groups(user.username)
    names = [g.name for g in groups]
    roles = [g.role_arn for g in groups if g.role_arn]
    preferred = roles[0] if roles else None
    scopes = [_SCOPE]
    if pool.triggers.target("PreTokenGeneration") is None:
        return Overrides(names, roles, preferred, scopes)
    config = pool.config.get("LambdaConfig", {}).get("PreTokenGenerationConfig") or {}
    version = config.get("LambdaVersion", "V1_0")
    request: dict[str, Any] = {
        "userAttributes": {**user.attributes, "cognito:user_status": user.status},
        "groupConfiguration": {
            "groupsToOverride": names,
            "iamRolesToOverride": roles,
            "preferredRole": preferred,
        },
        "clientMetadata": dict(metadata),
    }
    if version != "V1_0":
        request["scopes"] = list(scopes)
    response = pool.triggers.fire(
        "PreTokenGeneration",
        source,
        user.username,
        client.client_id,
        request,
        version="1" if version == "V1_0" else version[1],
    )
    access: Mapping[str, Any] = {}
    if version == "V1_0":
        id_details = response.get("claimsOverrideDetails") or {}
        group_override = id_details.get("groupOverrideDetails")
    else:
        both = response.get("claimsAndScopeOverrideDetails") or {}
        id_details = both.get("idTokenGeneration") or {}
        access = both.get("accessTokenGeneration") or {}
        group_override = both.get("groupOverrideDetails")
        scopes = [s for s in scopes if s not in (access.get("scopesToSuppress") or [])]
        scopes += [s for s in access.get("scopesToAdd") or [] if s not in scopes]
    if group_override:
        names = list(group_override.get("groupsToOverride", names) or [])
        roles = list(group_override.get("iamRolesToOverride", roles) or [])
        preferred = group_override.get("preferredRole", preferred)
    return Overrides(names, roles, preferred, scopes, id_details, access)


def _apply(claims: dict[str, Any], details: Mapping[str, Any]) -> dict[str, Any]:
    for name in details.get("claimsToSuppress") or []:
        if name not in _PROTECTED:
            claims.pop(name, None)
    added = details.get("claimsToAddOrOverride") or {}
    claims.update({k: v for k, v in added.items() if k not in _PROTECTED})
    return claims


def _attribute_claims(client: AppClient, user: User) -> dict[str, Any]:
    readable = client.config.get("ReadAttributes")
    out: dict[str, Any] = {}
    for name, value in user.attributes.items():
        if name == "sub" or (readable and name not in readable):
            continue
        out[name] = value == "true" if name.endswith("_verified") else value
    return out


@attrs.frozen
class _Stamp:
    """What both tokens of one issue share: times, ids and the overrides."""

    now: int
    auth_time: int
    origin: str
    event_id: str
    over: Overrides
    device_key: str | None = None


def _id_claims(
    pool: UserPool, user: User, client: AppClient, stamp: _Stamp, life: int, jti: str
) -> dict[str, Any]:
    """The ID token's claims, in Cognito's order, before the trigger's changes."""
    over = stamp.over
    claims: dict[str, Any] = {"sub": user.sub}
    if over.groups:
        claims["cognito:groups"] = over.groups
    attributes = _attribute_claims(client, user)
    if "email_verified" in attributes:
        claims["email_verified"] = attributes.pop("email_verified")
    claims["iss"] = pool.issuer
    if over.roles:
        claims["cognito:roles"] = over.roles
    if over.preferred:
        claims["cognito:preferred_role"] = over.preferred
    claims.update(
        {
            "cognito:username": user.username,
            "origin_jti": stamp.origin,
            "aud": client.client_id,
            "event_id": stamp.event_id,
            "token_use": "id",
            "auth_time": stamp.auth_time,
            "exp": stamp.now + life,
            "iat": stamp.now,
            "jti": jti,
        }
    )
    claims.update(attributes)
    return _apply(claims, over.id_details)


def _access_claims(
    pool: UserPool, user: User, client: AppClient, stamp: _Stamp, life: int, jti: str
) -> dict[str, Any]:
    """The access token's claims, after the trigger's changes."""
    claims: dict[str, Any] = {"sub": user.sub}
    if stamp.device_key is not None:
        claims["device_key"] = stamp.device_key
    if stamp.over.groups:
        claims["cognito:groups"] = stamp.over.groups
    claims.update(
        {
            "iss": pool.issuer,
            "version": 2,
            "client_id": client.client_id,
            "origin_jti": stamp.origin,
            "event_id": stamp.event_id,
            "token_use": "access",
            "scope": " ".join(stamp.over.scopes),
            "auth_time": stamp.auth_time,
            "exp": stamp.now + life,
            "iat": stamp.now,
            "jti": jti,
            "username": user.username,
        }
    )
    return _apply(claims, stamp.over.access_details)


def plan_tokens(
    pool: UserPool,
    user: User,
    client: AppClient,
    *,
    source: str,
    metadata: Mapping[str, str],
    refresh: RefreshSession | None = None,
    device_key: str | None = None,
) -> TokenPlan:
    """The claims of the ID and access tokens for ``user`` through ``client``.

    ``source`` is the PreTokenGeneration trigger source; ``refresh`` the refresh session
    being used (its origin, event, auth time and device carry over), or ``None`` for a
    sign-in; ``device_key`` the tracked device of a sign-in (the access token's
    ``device_key`` claim).
    """
    ids, limits = pool.host.ids, pool.host.limits
    now = int(pool.host.now())
    origin = refresh.origin_jti if refresh else ids.uuid()
    auth_time = refresh.auth_time if refresh else now
    event_id = refresh.event_id if refresh else ids.uuid()
    over = _overrides(pool, user, client, source, metadata)
    if refresh is not None:
        device_key = refresh.device_key
    stamp = _Stamp(now, auth_time, origin, event_id, over, device_key)
    access_life = client.validity_seconds("AccessToken", limits)
    id_claims = _id_claims(
        pool, user, client, stamp, client.validity_seconds("IdToken", limits), ids.uuid()
    )
    access_claims = _access_claims(pool, user, client, stamp, access_life, ids.uuid())
    session = None
    if refresh is None:
        session = RefreshSession(
            username=user.username,
            sub=user.sub,
            client_id=client.client_id,
            origin_jti=origin,
            event_id=event_id,
            auth_time=auth_time,
            expires=now + client.validity_seconds("RefreshToken", limits),
            device_key=device_key,
        )
    return TokenPlan(user.username, id_claims, access_claims, access_life, session)


def issue(pool: UserPool, user: User, plan: TokenPlan) -> dict[str, Any]:
    """Sign the plan's tokens and keep its refresh session: the ``AuthenticationResult``."""
    keys = pool.keys()
    result: dict[str, Any] = {
        "AccessToken": sign(plan.access_claims, keys["access"]),
        "ExpiresIn": plan.access_life,
        "TokenType": "Bearer",
    }
    if plan.refresh is not None:
        ids = pool.host.ids
        opaque = ".".join(
            [
                _JWE_HEADER,
                b64url(ids.token_bytes(256)),
                b64url(ids.token_bytes(12)),
                b64url(ids.token_bytes(384)),
                b64url(ids.token_bytes(16)),
            ]
        )
        pool.refresh_tokens[opaque] = plan.refresh
        user.origins.add(plan.refresh.origin_jti)
        result["RefreshToken"] = opaque
    result["IdToken"] = sign(plan.id_claims, keys["id"])
    return result
