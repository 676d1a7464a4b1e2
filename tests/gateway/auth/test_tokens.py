"""Cognito user pool authorizers (REST) and JWT authorizers (HTTP), fed tokens from the
Cognito engine of the same Cloud: valid, expired, wrong audience, wrong pool, tampered
(aws-facts C6, D2)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    APIGatewayProxyEventV2Model,
)

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import AppClient, UserPool
from pyserverless.gateway._deployed import AuthorizerSpec

from .conftest import Gateway

PASSWORD = "Passw0rd!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@pytest.fixture
def pool(cloud: Cloud) -> UserPool:
    return cloud.cognito.create_user_pool("shop")


@pytest.fixture
def app(pool: UserPool) -> AppClient:
    return pool.create_client("web", ExplicitAuthFlows=FLOWS)


def sign_in(cloud: Cloud, pool: UserPool, app: AppClient, name: str = "ann") -> dict[str, str]:
    idp = cloud.client("cognito-idp")
    idp.admin_create_user(
        UserPoolId=pool.id,
        Username=name,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{name}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(
        UserPoolId=pool.id, Username=name, Password=PASSWORD, Permanent=True
    )
    result = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD},
    )
    tokens: dict[str, str] = result["AuthenticationResult"]
    return tokens


@pytest.fixture
def tokens(cloud: Cloud, pool: UserPool, app: AppClient) -> dict[str, str]:
    return sign_in(cloud, pool, app)


def tamper(token: str, **changes: Any) -> str:
    header, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims.update(changes)
    encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def cognito_spec(*pools: UserPool, ttl: int = 0) -> AuthorizerSpec:
    return AuthorizerSpec(
        "cog1",
        "pools",
        "COGNITO_USER_POOLS",
        identity_sources=("method.request.header.Authorization",),
        provider_arns=tuple(p.arn for p in pools),
        ttl_seconds=ttl,
    )


def jwt_spec(pool: UserPool, *audience: str) -> AuthorizerSpec:
    return AuthorizerSpec(
        "jwt1",
        "jwt",
        "JWT",
        identity_sources=("$request.header.Authorization",),
        issuer=pool.issuer,
        audience=audience,
    )


class TestCognitoUserPools:
    def rest(self, gw: Gateway, *pools: UserPool, scopes: tuple[str, ...] = ()) -> Any:
        return gw.stage(
            "REST", cognito_spec(*pools), authorization="COGNITO_USER_POOLS", scopes=scopes
        )

    def test_id_token_claims_reach_the_integration(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        stage = self.rest(gw, pool)
        response = gw.call(stage, headers={"Authorization": tokens["IdToken"]})
        assert response.status == 200
        event = gw.backend.events[0]
        APIGatewayProxyEventModel.model_validate(event)
        claims = event["requestContext"]["authorizer"]["claims"]
        assert claims["aud"] == app.client_id and claims["token_use"] == "id"
        assert claims["cognito:username"] == "ann" and claims["email_verified"] == "true"
        assert claims["exp"] == "Wed Mar 04 20:15:17 UTC 2020"  # START + 1 h
        assert claims["iat"] == "Wed Mar 04 19:15:17 UTC 2020"
        assert all(isinstance(v, str) for v in claims.values())

    def test_bearer_prefix_accepted(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        response = gw.call(
            self.rest(gw, pool), headers={"Authorization": f"Bearer {tokens['IdToken']}"}
        )
        assert response.status == 200

    def test_expiry_on_the_clock(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str], clock: ManualClock
    ) -> None:
        stage = self.rest(gw, pool)
        clock.advance(3599.999)
        assert gw.call(stage, headers={"Authorization": tokens["IdToken"]}).status == 200
        clock.advance(0.001)
        response = gw.call(stage, headers={"Authorization": tokens["IdToken"]})
        assert (response.status, response.json()) == (
            401,
            {"message": "The incoming token has expired"},
        )

    @pytest.mark.parametrize(
        "header",
        [None, "", "not-a-token", "a.b.c", "Bearer "],
    )
    def test_missing_or_malformed_is_401(
        self, gw: Gateway, pool: UserPool, header: str | None
    ) -> None:
        headers = {} if header is None else {"Authorization": header}
        response = gw.call(self.rest(gw, pool), headers=headers)
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert gw.backend.events == []

    def test_tampered_is_401(self, gw: Gateway, pool: UserPool, tokens: dict[str, str]) -> None:
        forged = tamper(tokens["IdToken"], **{"cognito:username": "root"})
        response = gw.call(self.rest(gw, pool), headers={"Authorization": forged})
        assert response.status == 401

    def test_other_pool_is_401(
        self, gw: Gateway, cloud: Cloud, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        other = cloud.cognito.create_user_pool("other")
        response = gw.call(self.rest(gw, other), headers={"Authorization": tokens["IdToken"]})
        assert response.status == 401
        both = self.rest(gw, other, pool)
        assert gw.call(both, headers={"Authorization": tokens["IdToken"]}).status == 200

    def test_deleted_client_is_401(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        """The audience must be a client of the pool."""
        app.delete()
        response = gw.call(self.rest(gw, pool), headers={"Authorization": tokens["IdToken"]})
        assert response.status == 401

    def test_access_token_without_scopes_is_401(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        """Without OAuth scopes on the method, the ID token is required."""
        response = gw.call(self.rest(gw, pool), headers={"Authorization": tokens["AccessToken"]})
        assert response.status == 401

    def test_scoped_method_takes_the_access_token(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        stage = self.rest(gw, pool, scopes=("aws.cognito.signin.user.admin",))
        response = gw.call(stage, headers={"Authorization": tokens["AccessToken"]})
        assert response.status == 200
        claims = gw.backend.events[0]["requestContext"]["authorizer"]["claims"]
        assert claims["scope"] == "aws.cognito.signin.user.admin"
        assert gw.call(stage, headers={"Authorization": tokens["IdToken"]}).status == 401

    def test_scoped_method_without_the_scope_is_401(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        stage = self.rest(gw, pool, scopes=("shop/orders.write",))
        assert gw.call(stage, headers={"Authorization": tokens["AccessToken"]}).status == 401


class TestCognitoCache:
    """The authorizer's TTL caches a verified token: a token that expires while cached
    still passes until the entry does (reported of AWS); TTL 0 checks every time."""

    @pytest.mark.parametrize(("ttl", "late_status"), [(0, 401), (300, 200)])
    def test_expiry_inside_the_cache(
        self,
        gw: Gateway,
        pool: UserPool,
        tokens: dict[str, str],
        clock: ManualClock,
        ttl: int,
        late_status: int,
    ) -> None:
        stage = gw.stage("REST", cognito_spec(pool, ttl=ttl), authorization="COGNITO_USER_POOLS")
        headers = {"Authorization": tokens["IdToken"]}
        clock.advance(3500)
        assert gw.call(stage, headers=headers).status == 200
        clock.advance(150)  # the token expired 50 s ago
        assert gw.call(stage, headers=headers).status == late_status
        clock.advance(150)  # the cache entry has expired too
        assert gw.call(stage, headers=headers).status == 401

    def test_tampered_token_is_not_served_from_the_cache(
        self, gw: Gateway, pool: UserPool, tokens: dict[str, str]
    ) -> None:
        stage = gw.stage("REST", cognito_spec(pool, ttl=300), authorization="COGNITO_USER_POOLS")
        assert gw.call(stage, headers={"Authorization": tokens["IdToken"]}).status == 200
        forged = tamper(tokens["IdToken"], sub="someone")
        assert gw.call(stage, headers={"Authorization": forged}).status == 401


class TestJwt:
    def http(self, gw: Gateway, spec: AuthorizerSpec, scopes: tuple[str, ...] = ()) -> Any:
        return gw.stage(
            "HTTP", spec, authorization="JWT", scopes=scopes, name="$default", payload_format="2.0"
        )

    def test_access_token_audience_from_client_id(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        stage = self.http(gw, jwt_spec(pool, app.client_id))
        response = gw.call(stage, headers={"Authorization": f"Bearer {tokens['AccessToken']}"})
        assert response.status == 200
        event = gw.backend.events[0]
        APIGatewayProxyEventV2Model.model_validate(event)
        jwt = event["requestContext"]["authorizer"]["jwt"]
        assert jwt["scopes"] == ["aws.cognito.signin.user.admin"]
        assert jwt["claims"]["client_id"] == app.client_id
        assert jwt["claims"]["exp"] == str(1_583_349_317 + 3600)

    def test_id_token_audience(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        stage = self.http(gw, jwt_spec(pool, "someone-else", app.client_id))
        assert gw.call(stage, headers={"Authorization": tokens["IdToken"]}).status == 200
        assert gw.backend.events[0]["requestContext"]["authorizer"]["jwt"]["scopes"] is None

    def test_wrong_audience(self, gw: Gateway, pool: UserPool, tokens: dict[str, str]) -> None:
        stage = self.http(gw, jwt_spec(pool, "someone-else"))
        response = gw.call(stage, headers={"Authorization": tokens["AccessToken"]})
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})
        assert response.header("www-authenticate") == (
            'Bearer scope="" error="invalid_token" '
            'error_description="the token does not have a valid audience"'
        )

    def test_expiry_on_the_clock(
        self,
        gw: Gateway,
        pool: UserPool,
        app: AppClient,
        tokens: dict[str, str],
        clock: ManualClock,
    ) -> None:
        stage = self.http(gw, jwt_spec(pool, app.client_id))
        clock.advance(3599.5)
        assert gw.call(stage, headers={"Authorization": tokens["AccessToken"]}).status == 200
        clock.advance(0.5)
        response = gw.call(stage, headers={"Authorization": tokens["AccessToken"]})
        assert response.status == 401
        assert 'error_description="the token has expired"' in (
            response.header("www-authenticate") or ""
        )

    def test_wrong_pool(self, gw: Gateway, cloud: Cloud, pool: UserPool, app: AppClient) -> None:
        other = cloud.cognito.create_user_pool("other")
        other_app = other.create_client("web", ExplicitAuthFlows=FLOWS)
        tokens = sign_in(cloud, other, other_app, "bob")
        stage = self.http(gw, jwt_spec(pool, app.client_id, other_app.client_id))
        assert gw.call(stage, headers={"Authorization": tokens["AccessToken"]}).status == 401

    @pytest.mark.parametrize("change", [{"client_id": "x"}, {"exp": 4_000_000_000}])
    def test_tampered(
        self,
        gw: Gateway,
        pool: UserPool,
        app: AppClient,
        tokens: dict[str, str],
        change: dict[str, Any],
    ) -> None:
        stage = self.http(gw, jwt_spec(pool, app.client_id, "x"))
        forged = tamper(tokens["AccessToken"], **change)
        response = gw.call(stage, headers={"Authorization": forged})
        assert response.status == 401

    def test_missing_token(self, gw: Gateway, pool: UserPool, app: AppClient) -> None:
        response = gw.call(self.http(gw, jwt_spec(pool, app.client_id)))
        assert (response.status, response.json()) == (401, {"message": "Unauthorized"})

    def test_issuer_outside_the_cloud_is_refused(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        spec = AuthorizerSpec(
            "jwt2", "jwt", "JWT", issuer="https://auth.example.com/", audience=(app.client_id,)
        )
        response = gw.call(self.http(gw, spec), headers={"Authorization": tokens["AccessToken"]})
        assert response.status == 401

    def test_issuer_mismatch(
        self, gw: Gateway, cloud: Cloud, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        other = cloud.cognito.create_user_pool("other")
        spec = jwt_spec(other, app.client_id)
        assert (
            gw.call(self.http(gw, spec), headers={"Authorization": tokens["IdToken"]}).status == 401
        )

    def test_route_scopes(
        self, gw: Gateway, pool: UserPool, app: AppClient, tokens: dict[str, str]
    ) -> None:
        spec = jwt_spec(pool, app.client_id)
        granted = self.http(gw, spec, scopes=("other", "aws.cognito.signin.user.admin"))
        assert gw.call(granted, headers={"Authorization": tokens["AccessToken"]}).status == 200
        refused = self.http(gw, spec, scopes=("shop/write",))
        response = gw.call(refused, headers={"Authorization": tokens["AccessToken"]})
        assert (response.status, response.json()) == (403, {"message": "Forbidden"})
        # an ID token carries no scope
        assert gw.call(granted, headers={"Authorization": tokens["IdToken"]}).status == 403

    def test_not_before(self, gw: Gateway, pool: UserPool, app: AppClient, cloud: Cloud) -> None:
        """A token whose nbf or iat lies ahead of the Cloud's clock is refused."""
        from pyserverless.gateway._runtime._auth_jwt import Refused, TokenVerifier

        verifier = TokenVerifier(cloud)
        tokens = sign_in(cloud, pool, app, "cat")
        claims = verifier.claims(tokens["AccessToken"], pool.issuer, 1_583_349_317.0)
        with pytest.raises(Refused, match="not valid yet"):
            verifier.claims(tokens["AccessToken"], pool.issuer, claims["iat"] - 1)
