"""The resource layer's authorizer helpers, with tokens a user pool of the same Cloud issued."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud

PASSWORD = "Passw0rd!"


def _tokens(cloud: Cloud) -> tuple[Any, Any, dict[str, str]]:
    pool = cloud.cognito.create_user_pool("users")
    app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    idp = cloud.client("cognito-idp")
    idp.admin_create_user(UserPoolId=pool.id, Username="ann", MessageAction="SUPPRESS")
    idp.admin_set_user_password(
        UserPoolId=pool.id, Username="ann", Password=PASSWORD, Permanent=True
    )
    result = idp.initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
    )
    return pool, app, result["AuthenticationResult"]


def _whoami(event: Any, context: Any) -> Any:
    return event["requestContext"]["authorizer"]


class TestHttpJwt:
    def test_pool_token_reaches_the_handler(self, cloud: Cloud) -> None:
        """A JWT authorizer on a pool of this Cloud: claims at requestContext.authorizer.jwt."""
        pool, app, tokens = _tokens(cloud)
        api = cloud.gateway.http_api("shop")
        auth = api.jwt_authorizer("users", issuer=pool, audience=app)
        api.route("GET /me", _whoami, authorizer=auth)
        ok = api.request("GET", "/me", headers={"Authorization": f"Bearer {tokens['IdToken']}"})
        assert ok.status == 200
        assert ok.json()["jwt"]["claims"]["cognito:username"] == "ann"
        assert api.request("GET", "/me").status == 401
        tampered = tokens["IdToken"][:-4] + "AAAA"
        assert api.request("GET", "/me", headers={"Authorization": tampered}).status == 401

    def test_expired_token(self, cloud: Cloud) -> None:
        """A token past its expiry on the Cloud's clock is refused."""
        pool, app, tokens = _tokens(cloud)
        api = cloud.gateway.http_api("shop")
        api.route("GET /me", _whoami, authorizer=api.jwt_authorizer("u", issuer=pool, audience=app))
        cloud.advance(3601)
        answer = api.request("GET", "/me", headers={"Authorization": tokens["IdToken"]})
        assert answer.status == 401


class TestRestCognito:
    @pytest.fixture
    def api(self, cloud: Cloud) -> Any:
        pool, _app, tokens = _tokens(cloud)
        api = cloud.gateway.rest_api("legacy")
        auth = api.cognito_authorizer("users", pool)
        api.route(
            "GET /me",
            lambda e, c: {
                "statusCode": 200,
                "body": e["requestContext"]["authorizer"]["claims"]["sub"],
            },
            authorizer=auth,
        )
        api.deploy("prod")
        api.tokens = tokens  # type: ignore[attr-defined]
        return api

    def test_id_token_accepted(self, api: Any) -> None:
        """The REST Cognito authorizer takes the pool's ID token; claims reach the handler."""
        answer = api.request("GET", "/me", headers={"Authorization": api.tokens["IdToken"]})
        assert answer.status == 200
        assert len(answer.body) == 36  # the user's sub

    def test_no_token(self, api: Any) -> None:
        """Without a token: 401 Unauthorized."""
        answer = api.request("GET", "/me")
        assert (answer.status, answer.json()) == (401, {"message": "Unauthorized"})
