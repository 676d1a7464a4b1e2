"""Authorizers configured through the control planes (boto3-shaped clients and the
resource layer), end to end: CreateAuthorizer, a method or route that names it, a
deployment, a request. Also: the cache survives a Cloud snapshot as state does."""

from __future__ import annotations

from typing import Any

from pyserverless import Cloud, ManualClock
from pyserverless.cognito import UserPool

from .conftest import Gateway, Recorder, allow
from .test_tokens import FLOWS, sign_in


def lambda_uri(arn: str) -> str:
    return f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"


def page(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": str(event["requestContext"].get("authorizer"))}


class TestRest:
    def test_token_authorizer(self, gw: Gateway, cloud: Cloud, clock: ManualClock) -> None:
        auth = Recorder(lambda e: allow(e["methodArn"], context={"tier": "gold"}))
        fn = gw.function(auth)
        rest = cloud.gateway.rest_api("shop")
        made = cloud.client("apigateway").create_authorizer(
            restApiId=rest.id,
            name="tokens",
            type="TOKEN",
            authorizerUri=lambda_uri(fn),
            identitySource="method.request.header.Authorization",
            identityValidationExpression="^tok-[0-9]+$",
            authorizerResultTtlInSeconds=60,
        )
        rest.route("GET /pets/{id}", page, authorizer=made["id"])
        rest.route("POST /pets/{id}", page, authorizer=made["id"])
        rest.deploy("prod")
        ok = rest.request("GET", "/pets/1", headers={"Authorization": "tok-1"})
        assert ok.status == 200 and b"'tier': 'gold'" in ok.body
        assert rest.request("GET", "/pets/1", headers={"Authorization": "bad"}).status == 401
        assert rest.request("GET", "/pets/1").status == 401
        denied = rest.request("POST", "/pets/1", headers={"Authorization": "tok-1"})
        assert denied.status == 403  # the cached policy names only GET /pets/1
        clock.advance(60)
        posted = rest.request("POST", "/pets/1", headers={"Authorization": "tok-1"})
        assert posted.status == 200
        assert len(auth.events) == 2

    def test_cognito_authorizer(self, gw: Gateway, cloud: Cloud) -> None:
        pool: UserPool = cloud.cognito.create_user_pool("users")
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        tokens = sign_in(cloud, pool, app)
        rest = cloud.gateway.rest_api("shop")
        made = cloud.client("apigateway").create_authorizer(
            restApiId=rest.id,
            name="pool",
            type="COGNITO_USER_POOLS",
            providerARNs=[pool.arn],
            identitySource="method.request.header.Authorization",
        )
        rest.route("GET /me", page, authorizer=made["id"])
        rest.deploy("prod")
        ok = rest.request("GET", "/me", headers={"Authorization": tokens["IdToken"]})
        assert ok.status == 200 and b"'claims'" in ok.body
        assert rest.request("GET", "/me").status == 401

    def test_usage_identifier_key_selects_the_api_key(self, gw: Gateway, cloud: Cloud) -> None:
        """apiKeySource AUTHORIZER: the authorizer's usageIdentifierKey is the API key."""
        apigw = cloud.client("apigateway")
        key = apigw.create_api_key(name="partner", enabled=True)
        answers = {"good": key["value"], "unknown": "no-such-key"}
        auth = Recorder(
            lambda e: (
                allow(usageIdentifierKey=answers.get(e["authorizationToken"]))
                if e["authorizationToken"] in answers
                else allow()
            )
        )
        fn = gw.function(auth)
        rest = cloud.gateway.rest_api("keyed")
        apigw.update_rest_api(
            restApiId=rest.id,
            patchOperations=[{"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"}],
        )
        made = apigw.create_authorizer(
            restApiId=rest.id,
            name="tokens",
            type="TOKEN",
            authorizerUri=lambda_uri(fn),
            identitySource="method.request.header.Authorization",
        )
        rest.route("GET /data", page, authorizer=made["id"], api_key_required=True)
        rest.deploy("prod")
        plan = apigw.create_usage_plan(name="p", apiStages=[{"apiId": rest.id, "stage": "prod"}])
        apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        assert rest.request("GET", "/data", headers={"Authorization": "good"}).status == 200
        for token in ("unknown", "none"):  # a key not in the plan, or no key at all
            refused = rest.request("GET", "/data", headers={"Authorization": token})
            assert (refused.status, refused.json()) == (403, {"message": "Forbidden"})


class TestHttp:
    def test_lambda_authorizer_simple(self, gw: Gateway, cloud: Cloud) -> None:
        auth = Recorder(lambda e: {"isAuthorized": e["headers"].get("x-key") == "k"})
        fn = gw.function(auth)
        api = cloud.gateway.http_api("shop")
        made = cloud.client("apigatewayv2").create_authorizer(
            ApiId=api.id,
            Name="simple",
            AuthorizerType="REQUEST",
            AuthorizerUri=lambda_uri(fn),
            IdentitySource=["$request.header.x-key"],
            AuthorizerPayloadFormatVersion="2.0",
            EnableSimpleResponses=True,
            AuthorizerResultTtlInSeconds=0,
        )
        api.route("GET /items", page, authorizer=made["AuthorizerId"])
        assert api.request("GET", "/items", headers={"x-key": "k"}).status == 200
        assert api.request("GET", "/items", headers={"x-key": "no"}).status == 403
        assert api.request("GET", "/items").status == 401

    def test_jwt_authorizer(self, gw: Gateway, cloud: Cloud) -> None:
        pool: UserPool = cloud.cognito.create_user_pool("users")
        app = pool.create_client("web", ExplicitAuthFlows=FLOWS)
        tokens = sign_in(cloud, pool, app)
        api = cloud.gateway.http_api("shop")
        made = cloud.client("apigatewayv2").create_authorizer(
            ApiId=api.id,
            Name="jwt",
            AuthorizerType="JWT",
            IdentitySource=["$request.header.Authorization"],
            JwtConfiguration={"Issuer": pool.issuer, "Audience": [app.client_id]},
        )
        api.route("GET /items", page, authorizer=made["AuthorizerId"])
        bearer = {"Authorization": f"Bearer {tokens['AccessToken']}"}
        ok = api.request("GET", "/items", headers=bearer)
        assert ok.status == 200 and b"'jwt'" in ok.body
        assert api.request("GET", "/items").status == 401


CALLS: list[str] = []


def counting(event: Any, context: Any) -> Any:
    """A plain function (a Cloud snapshot shares code; an object's state would be copied)."""
    CALLS.append(event["authorizationToken"])
    return allow()


class TestSnapshot:
    def test_cache_is_state(self, gw: Gateway, cloud: Cloud) -> None:
        """A restored Cloud has the authorizer cache it had at the snapshot."""
        from .conftest import token_spec

        CALLS.clear()
        stage = gw.stage("REST", token_spec(gw.function(counting)))
        snap = cloud.snapshot()
        gw.call(stage, headers={"Authorization": "t"})
        assert CALLS == ["t"]
        cloud.restore(snap)
        gw.call(stage, headers={"Authorization": "t"})  # not cached at the snapshot
        assert CALLS == ["t", "t"]
        snap = cloud.snapshot()
        cloud.restore(snap)
        gw.call(stage, headers={"Authorization": "t"})  # cached at this one
        assert CALLS == ["t", "t"]
