"""API keys on REST methods (``apiKeyRequired``), built through the apigateway control
plane: where the key comes from, every way it is refused, and that a refusal comes
before any bucket is charged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock
from pyserverless.gateway._runtime._types import AuthOutcome, GatewayRequest, Matched

from .conftest import START, KeyedApi, route, stage


@pytest.fixture
def api(cloud: Cloud) -> KeyedApi:
    return KeyedApi(cloud)


class TestKeyRequired:
    def test_valid_key_in_plan(self, api: KeyedApi) -> None:
        """An enabled key in a usage plan of this stage, sent as X-API-Key, is admitted."""
        key = api.key()
        api.plan(key)
        assert api.get(key=key) == 200

    def test_header_name_case_insensitive(self, api: KeyedApi, cloud: Cloud) -> None:
        """The header is matched whatever its case."""
        key = api.key()
        api.plan(key)
        engine = cloud.engine("execute-api")
        answer = engine.invoke(
            api.api, "prod", "GET", "/pets", headers=(("X-Api-Key", key["value"]),)
        )
        assert answer.status == 200

    def test_missing_key(self, api: KeyedApi, cloud: Cloud) -> None:
        """No key: 403 {"message":"Forbidden"}, AWS's ForbiddenException type."""
        api.plan(api.key())
        answer = cloud.engine("execute-api").invoke(api.api, "prod", "GET", "/pets")
        assert (answer.status, answer.json()) == (403, {"message": "Forbidden"})
        assert answer.header("x-amzn-ErrorType") == "ForbiddenException"

    def test_empty_key(self, api: KeyedApi) -> None:
        """An empty X-API-Key is no key."""
        api.plan(api.key())
        assert api.get(key={"value": ""}) == 403

    def test_unknown_key(self, api: KeyedApi) -> None:
        """A value no API key has is refused."""
        api.plan(api.key())
        assert api.get(key={"value": "x" * 40}) == 403

    def test_disabled_key(self, api: KeyedApi) -> None:
        """A disabled key is refused; enabling it admits it."""
        key = api.key(enabled=False)
        api.plan(key)
        assert api.get(key=key) == 403
        api.gw.update_api_key(
            apiKey=key["id"],
            patchOperations=[{"op": "replace", "path": "/enabled", "value": "true"}],
        )
        assert api.get(key=key) == 200

    def test_key_in_no_plan(self, api: KeyedApi) -> None:
        """An enabled key in no usage plan is refused."""
        assert api.get(key=api.key()) == 403

    def test_plan_on_another_stage(self, api: KeyedApi) -> None:
        """A key whose plan covers another stage only is refused on this one."""
        api.deploy("beta")
        key = api.key()
        api.plan(key, stage="beta")
        assert api.get(key=key) == 403

    def test_key_removed_from_plan(self, api: KeyedApi) -> None:
        """Taking a key out of its plan refuses it at once (no redeployment needed)."""
        key = api.key()
        plan = api.plan(key)
        assert api.get(key=key) == 200
        api.gw.delete_usage_plan_key(usagePlanId=plan, keyId=key["id"])
        assert api.get(key=key) == 403

    def test_deleted_key(self, api: KeyedApi) -> None:
        """A deleted key is refused."""
        key = api.key()
        api.plan(key)
        api.gw.delete_api_key(apiKey=key["id"])
        assert api.get(key=key) == 403

    def test_method_without_key_requirement_ignores_keys(self, api: KeyedApi) -> None:
        """A method that does not require a key serves any request, key or not."""
        assert api.get("/free") == 200
        assert api.get("/free", key={"value": "nonsense"}) == 200

    def test_counted_as_invalid_key(self, api: KeyedApi, cloud: Cloud) -> None:
        """Refused keys show in the stage's metrics (and as 4XX errors)."""
        api.get()
        api.get(key={"value": "x" * 40})
        metrics = cloud.engine("execute-api").metrics(api.api, "prod")
        assert (metrics["InvalidApiKeyCount"], metrics["4XXError"]) == (2, 2)


@pytest.fixture
def one_token() -> Iterator[Cloud]:
    """A Cloud whose account bucket holds one token, refilled once a second."""
    limits = {"execute-api": {"account_rate": 1.0, "account_burst": 1}}
    with Cloud(clock=ManualClock(START), seed=3, limits=limits) as c:
        yield c


class TestOrder:
    def test_forbidden_before_any_bucket(self, one_token: Cloud) -> None:
        """A request without a valid key is 403 and takes no token: the next keyed one passes."""
        api = KeyedApi(one_token)
        key = api.key()
        api.plan(key, throttle={"rateLimit": 1.0, "burstLimit": 1})
        assert api.gets(3) == [403, 403, 403]
        assert api.get(key={"value": "y" * 30}) == 403
        assert api.get(key=key) == 200
        assert api.get(key=key) == 429

    def test_forbidden_before_forced_throttle(self, api: KeyedApi) -> None:
        """A forced throttle waits for a request that gets past the key check."""
        key = api.key()
        api.plan(key)
        api.cloud.engine("execute-api").throttle_next(api.api, 1)
        assert api.get() == 403
        assert api.get(key=key) == 429
        assert api.get(key=key) == 200


class TestAuthorizerSource:
    """API key source AUTHORIZER: the key is the Lambda authorizer's usageIdentifierKey."""

    def _check(
        self, api: KeyedApi, auth: AuthOutcome, headers: tuple[tuple[str, str], ...] = ()
    ) -> object:
        deployed = api.cloud.engine("apigateway").deployed(api.api, "prod")
        assert deployed.api_key_source == "AUTHORIZER"
        pets = next(r for r in deployed.routes if r.path == "/pets")
        throttles = api.cloud.engine("execute-api").throttles
        request = GatewayRequest("GET", "/pets", headers=headers)
        return throttles.check_key(deployed, Matched(pets, {}), request, auth)

    def test_usage_identifier_key_admitted(self, cloud: Cloud) -> None:
        """The authorizer's usageIdentifierKey names the key."""
        api = KeyedApi(cloud, key_source="AUTHORIZER")
        key = api.key()
        api.plan(key)
        error, found = self._check(api, AuthOutcome(usage_identifier_key=key["value"]))  # type: ignore[misc]
        assert error is None and found.key_id == key["id"]  # type: ignore[has-type]

    def test_header_ignored(self, cloud: Cloud) -> None:
        """With source AUTHORIZER, an X-API-Key header alone is no key: 403."""
        api = KeyedApi(cloud, key_source="AUTHORIZER")
        key = api.key()
        api.plan(key)
        error, found = self._check(api, AuthOutcome(), (("x-api-key", key["value"]),))  # type: ignore[misc]
        assert error.status == 403 and found is None  # type: ignore[has-type]

    def test_unknown_usage_identifier_key(self, cloud: Cloud) -> None:
        """An authorizer naming a key that does not exist gets 403."""
        api = KeyedApi(cloud, key_source="AUTHORIZER")
        api.plan(api.key())
        error, _ = self._check(api, AuthOutcome(usage_identifier_key="z" * 25))  # type: ignore[misc]
        assert error.response_type == "INVALID_API_KEY"  # type: ignore[has-type]


class TestWithoutControlPlane:
    def test_stage_from_the_contract(self, cloud: Cloud) -> None:
        """A keyed method on a stage no REST API owns: no key can be valid, 403."""
        from .conftest import serve

        deployed = stage("REST", route("GET", "/r", api_key_required=True))
        assert serve(cloud, deployed, headers=(("x-api-key", "k" * 20),)).status == 403


def _token_authorizer(event: Any, context: Any) -> Any:
    """Allows everyone; the token is the caller's API key (usageIdentifierKey)."""
    statement = {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}
    return {
        "principalId": "user",
        "policyDocument": {"Version": "2012-10-17", "Statement": [statement]},
        "usageIdentifierKey": event["authorizationToken"],
    }


class TestAuthorizerSourceEndToEnd:
    def test_lambda_authorizer_names_the_key(self, cloud: Cloud) -> None:
        """A TOKEN authorizer's usageIdentifierKey is the key: admitted, refused when
        unknown, and metered against the plan's quota."""
        gw = cloud.client("apigateway")
        key = gw.create_api_key(name="acme", enabled=True)
        cloud.lambda_.create_function("authz", handler=_token_authorizer)
        api = cloud.gateway.rest_api("partners")
        gw.update_rest_api(
            restApiId=api.id,
            patchOperations=[{"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"}],
        )
        arn = cloud.engine("lambda").function_arn("authz")
        authorizer = gw.create_authorizer(
            restApiId=api.id,
            name="token",
            type="TOKEN",
            authorizerUri=f"arn:aws:apigateway:{cloud.region}:lambda:path/2015-03-31/functions/{arn}/invocations",
            identitySource="method.request.header.Authorization",
            authorizerResultTtlInSeconds=0,
        )
        api.route(
            "GET /pets",
            lambda event, context: {"statusCode": 200, "body": "ok"},
            authorizer=authorizer["id"],
            api_key_required=True,
        )
        api.deploy("prod")
        plan = gw.create_usage_plan(
            name="basic",
            apiStages=[{"apiId": api.id, "stage": "prod"}],
            quota={"limit": 1, "period": "DAY"},
        )
        gw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        answers = [
            api.request("GET", "/pets", headers={"Authorization": token})
            for token in (key["value"], "n" * 30, key["value"])
        ]
        assert [(a.status, a.json() if a.status != 200 else a.body) for a in answers] == [
            (200, b"ok"),
            (403, {"message": "Forbidden"}),
            (429, {"message": "Limit Exceeded"}),
        ]


class TestKeyInEvent:
    def test_proxy_event_names_the_key(self, cloud: Cloud) -> None:
        """The Lambda proxy event's identity carries the admitted key's value and id."""
        seen: list[dict[str, Any]] = []

        def handler(event: Any, context: Any) -> Any:
            seen.append(event["requestContext"]["identity"])
            return {"statusCode": 200, "body": "ok"}

        api = cloud.gateway.rest_api("partners")
        api.route("GET /pets", handler, api_key_required=True)
        api.route("GET /free", handler)
        api.deploy("prod")
        gw = cloud.client("apigateway")
        key = gw.create_api_key(name="acme", enabled=True)
        plan = gw.create_usage_plan(name="p", apiStages=[{"apiId": api.id, "stage": "prod"}])
        gw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        headers = {"x-api-key": key["value"]}
        assert api.request("GET", "/pets", headers=headers).status == 200
        assert api.request("GET", "/free", headers=headers).status == 200
        assert (seen[0]["apiKey"], seen[0]["apiKeyId"]) == (key["value"], key["id"])
        assert seen[1].get("apiKey") is None and seen[1].get("apiKeyId") is None
