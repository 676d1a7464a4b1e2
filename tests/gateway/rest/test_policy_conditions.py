"""``Condition`` blocks in a Lambda authorizer's policy are evaluated per request (even
from the result cache): source IP, time on the Cloud's clock, user agent; both sides of
each operator's limit; an unknown operator is still a 500."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pyserverless import Cloud, ManualClock

START = datetime(2025, 1, 1, tzinfo=UTC)


def _uri(arn: str) -> str:
    return f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"


class _Api:
    """``GET /`` behind a TOKEN authorizer answering ``self.policy`` (cached 300 s)."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.statements: list[dict[str, Any]] = []
        self.calls = 0

        def authorizer(event: dict[str, Any], context: Any) -> dict[str, Any]:
            self.calls += 1
            document = {"Version": "2012-10-17", "Statement": self.statements}
            return {"principalId": "u", "policyDocument": document}

        cloud.lambda_.create_function("auth", handler=authorizer)
        cloud.lambda_.create_function("page", handler=lambda e, c: {"statusCode": 200})
        fn = cloud.engine("lambda").function_arn
        gw = cloud.client("apigateway")
        api = gw.create_rest_api(name="c")
        self.api = api["id"]
        made = gw.create_authorizer(
            restApiId=self.api,
            name="tok",
            type="TOKEN",
            authorizerUri=_uri(fn("auth")),
            identitySource="method.request.header.Authorization",
        )
        where = {"restApiId": self.api, "resourceId": api["rootResourceId"], "httpMethod": "GET"}
        gw.put_method(**where, authorizationType="CUSTOM", authorizerId=made["id"])
        gw.put_integration(
            **where, type="AWS_PROXY", integrationHttpMethod="POST", uri=_uri(fn("page"))
        )
        gw.create_deployment(restApiId=self.api, stageName="prod")

    def allow_if(self, condition: dict[str, Any], effect: str = "Allow") -> None:
        self.statements = [
            {"Effect": effect, "Action": "execute-api:Invoke", "Resource": "*",
             "Condition": condition}
        ]  # fmt: skip

    def get(self, *, ip: str = "127.0.0.1", token: str = "t", **headers: str) -> int:
        engine = self.cloud.engine("execute-api")
        sent = (("Authorization", token), *headers.items())
        return int(engine.invoke(self.api, "prod", "GET", "/", headers=sent, source_ip=ip).status)


@pytest.fixture
def api() -> Any:
    with Cloud(clock=ManualClock(START), seed=2) as cloud:
        yield _Api(cloud)


class TestOperators:
    def test_ip_address_both_sides(self, api: _Api) -> None:
        api.allow_if({"IpAddress": {"aws:SourceIp": ["10.0.0.0/24"]}})
        assert api.get(ip="10.0.0.255", token="a") == 200
        assert api.get(ip="10.0.1.0", token="b") == 403

    def test_not_ip_address(self, api: _Api) -> None:
        api.allow_if({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
        assert api.get(ip="192.168.1.1", token="a") == 200
        assert api.get(ip="10.9.9.9", token="b") == 403

    def test_date_less_than_on_the_clock(self, api: _Api) -> None:
        api.allow_if({"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:01:00Z"}})
        api.cloud.advance(59)
        assert api.get(token="a") == 200
        api.cloud.advance(1)  # 00:01:00 is not less than itself
        assert api.get(token="b") == 403

    def test_numeric_on_epoch_time(self, api: _Api) -> None:
        edge = int(START.timestamp()) + 10
        api.allow_if({"NumericLessThanEquals": {"aws:EpochTime": edge}})
        api.cloud.advance(10)
        assert api.get(token="a") == 200
        api.cloud.advance(1)
        assert api.get(token="b") == 403

    def test_string_like_and_equals_on_user_agent(self, api: _Api) -> None:
        api.allow_if({"StringLike": {"aws:UserAgent": "curl/*"}})
        assert api.get(token="a", **{"User-Agent": "curl/8.0"}) == 200
        assert api.get(token="b", **{"User-Agent": "wget/1"}) == 403
        assert api.get(token="c") == 403  # no User-Agent: the key is absent
        api.allow_if({"StringEquals": {"aws:UserAgent": ["a", "b"]}})
        assert api.get(token="d", **{"User-Agent": "b"}) == 200

    def test_if_exists_and_null(self, api: _Api) -> None:
        api.allow_if({"StringEqualsIfExists": {"aws:Referer": "https://shop.example"}})
        assert api.get(token="a") == 200
        assert api.get(token="b", Referer="https://other.example") == 403
        api.allow_if({"Null": {"aws:Referer": "true"}})
        assert api.get(token="c") == 200
        assert api.get(token="d", Referer="x") == 403

    def test_conditional_deny_wins_only_when_it_holds(self, api: _Api) -> None:
        api.statements = [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
            },
        ]
        assert api.get(ip="198.51.100.1", token="a") == 200
        assert api.get(ip="203.0.113.9", token="b") == 403

    def test_cached_verdict_is_re_evaluated_per_request(self, api: _Api) -> None:
        api.allow_if({"IpAddress": {"aws:SourceIp": "10.0.0.1/32"}})
        assert api.get(ip="10.0.0.1") == 200
        assert api.get(ip="10.0.0.2") == 403  # same token: the cached policy, another IP
        assert api.calls == 1

    def test_unknown_operator_is_500(self, api: _Api) -> None:
        api.allow_if({"ForAllValues:StringEquals": {"aws:UserAgent": "x"}})
        assert api.get(token="a") == 500
        api.allow_if({"StringSoundsLike": {"aws:UserAgent": "x"}})
        assert api.get(token="b") == 500
