"""Issuing tokens: the ID and access JWTs with AWS's claims, the pre token generation
trigger, and opaque refresh tokens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._engine import validity_seconds
from ._groups import user_groups
from ._pool import AppClient, RefreshSession
from ._tokens import b64url, sign
from ._triggers import fire
from ._users import User

if TYPE_CHECKING:
    from ._flow import Flow

__all__ = ["issue_tokens"]

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


# -- tokens ---------------------------------------------------------------------------------------
def _attribute_claims(client: AppClient, user: User) -> dict[str, Any]:
    readable = client.config.get("ReadAttributes")
    out: dict[str, Any] = {}
    for name, value in user.attributes.items():
        if name == "sub" or (readable and name not in readable):
            continue
        out[name] = value == "true" if name.endswith("_verified") else value
    return out


def _apply(claims: dict[str, Any], details: Mapping[str, Any]) -> None:
    for name in details.get("claimsToSuppress") or []:
        if name not in _PROTECTED:
            claims.pop(name, None)
    added = details.get("claimsToAddOrOverride") or {}
    claims.update({k: v for k, v in added.items() if k not in _PROTECTED})


def issue_tokens(
    f: Flow, user: User, source: str, *, refresh: RefreshSession | None = None
) -> dict[str, Any]:
    """Sign an ID and an access token (and, unless refreshing, make a refresh token)."""
    engine, pool, client = f.engine, f.pool, f.client
    ids, limits = engine.cloud.ids, engine.limits
    stamp = int(engine.cloud.clock.time())
    origin = refresh.origin_jti if refresh else ids.uuid()
    auth_time = refresh.auth_time if refresh else stamp
    event_id = refresh.event_id if refresh else ids.uuid()
    groups = user_groups(pool, user.username)
    group_names = [g.name for g in groups]
    roles = [g.role_arn for g in groups if g.role_arn]
    preferred = roles[0] if roles else None
    scopes = [_SCOPE]
    version = (pool.config.get("LambdaConfig", {}).get("PreTokenGenerationConfig") or {}).get(
        "LambdaVersion", "V1_0"
    )
    id_details: Mapping[str, Any] = {}
    access_details: Mapping[str, Any] = {}
    group_override: Mapping[str, Any] | None = None
    if pool.trigger("PreTokenGeneration") is not None:
        request: dict[str, Any] = {
            "userAttributes": {**user.attributes, "cognito:user_status": user.status},
            "groupConfiguration": {
                "groupsToOverride": group_names,
                "iamRolesToOverride": roles,
                "preferredRole": preferred,
            },
            "clientMetadata": dict(f.metadata),
        }
        if version != "V1_0":
            request["scopes"] = list(scopes)
        response = fire(
            pool,
            "PreTokenGeneration",
            source,
            user.username,
            client.client_id,
            request,
            version="1" if version == "V1_0" else version[1],
        )
        if version == "V1_0":
            id_details = response.get("claimsOverrideDetails") or {}
            group_override = id_details.get("groupOverrideDetails")
        else:
            both = response.get("claimsAndScopeOverrideDetails") or {}
            id_details = both.get("idTokenGeneration") or {}
            access_details = both.get("accessTokenGeneration") or {}
            group_override = both.get("groupOverrideDetails")
            scopes = [s for s in scopes if s not in (access_details.get("scopesToSuppress") or [])]
            scopes += [s for s in access_details.get("scopesToAdd") or [] if s not in scopes]
    if group_override:
        group_names = list(group_override.get("groupsToOverride", group_names) or [])
        roles = list(group_override.get("iamRolesToOverride", roles) or [])
        preferred = group_override.get("preferredRole", preferred)
    id_life = validity_seconds(client, "IdToken", limits)
    access_life = validity_seconds(client, "AccessToken", limits)
    common = {"sub": user.sub}
    if group_names:
        common["cognito:groups"] = group_names  # type: ignore[assignment]
    id_claims: dict[str, Any] = {**common}
    attrs_ = _attribute_claims(client, user)
    if "email_verified" in attrs_:
        id_claims["email_verified"] = attrs_.pop("email_verified")
    id_claims["iss"] = pool.issuer
    if roles:
        id_claims["cognito:roles"] = roles
    if preferred:
        id_claims["cognito:preferred_role"] = preferred
    id_claims.update(
        {
            "cognito:username": user.username,
            "origin_jti": origin,
            "aud": client.client_id,
            "event_id": event_id,
            "token_use": "id",
            "auth_time": auth_time,
            "exp": stamp + id_life,
            "iat": stamp,
            "jti": ids.uuid(),
        }
    )
    id_claims.update(attrs_)
    _apply(id_claims, id_details)
    access_claims: dict[str, Any] = {
        **common,
        "iss": pool.issuer,
        "version": 2,
        "client_id": client.client_id,
        "origin_jti": origin,
        "event_id": event_id,
        "token_use": "access",
        "scope": " ".join(scopes),
        "auth_time": auth_time,
        "exp": stamp + access_life,
        "iat": stamp,
        "jti": ids.uuid(),
        "username": user.username,
    }
    _apply(access_claims, access_details)
    keys = pool.keys()
    result: dict[str, Any] = {
        "AccessToken": sign(access_claims, keys["access"]),
        "ExpiresIn": access_life,
        "TokenType": "Bearer",
    }
    if refresh is None:
        opaque = ".".join(
            [
                _JWE_HEADER,
                b64url(ids.token_bytes(256)),
                b64url(ids.token_bytes(12)),
                b64url(ids.token_bytes(384)),
                b64url(ids.token_bytes(16)),
            ]
        )
        pool.refresh_tokens[opaque] = RefreshSession(
            username=user.username,
            sub=user.sub,
            client_id=client.client_id,
            origin_jti=origin,
            event_id=event_id,
            auth_time=auth_time,
            expires=stamp + validity_seconds(client, "RefreshToken", limits),
        )
        user.origins.add(origin)
        result["RefreshToken"] = opaque
    result["IdToken"] = sign(id_claims, keys["id"])
    return result
