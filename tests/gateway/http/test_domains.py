"""apigatewayv2 custom domain names and API mappings: one set of names with REST's, and
requests routed by ``Host`` to HTTP and REST APIs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock, mock_aws

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc"


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=3) as c:
        yield c


@pytest.fixture(params=["client", "boto3"])
def v2(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    if request.param == "client":
        yield cloud.client("apigatewayv2")
    else:
        with mock_aws(cloud):
            yield boto3.client("apigatewayv2", region_name="us-east-1")


def _code(call: Any, **kwargs: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return str(caught.value.response["Error"]["Code"])


def _http_api(cloud: Cloud) -> str:
    api = cloud.gateway.http_api("shop")

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        ctx = event["requestContext"]
        return {"rawPath": event["rawPath"], "domain": ctx["domainName"], "stage": ctx["stage"]}

    api.route("GET /items/{id}", handler)
    return api.id


def _domain(v2: Any, name: str = "api.example.com") -> dict[str, Any]:
    return dict(
        v2.create_domain_name(DomainName=name, DomainNameConfigurations=[{"CertificateArn": CERT}])
    )


class TestDomainNames:
    def test_create_describe_delete(self, cloud: Cloud, v2: Any) -> None:
        made = _domain(v2)
        config = made["DomainNameConfigurations"][0]
        assert made["ApiMappingSelectionExpression"] == "$request.basepath"
        assert config["EndpointType"] == "REGIONAL"
        assert config["ApiGatewayDomainName"].endswith(".execute-api.us-east-1.amazonaws.com")
        assert config["HostedZoneId"] == "Z1UJRXOUMOOFQ8"
        assert config["CertificateArn"] == CERT
        assert v2.get_domain_name(DomainName="api.example.com")["DomainName"] == made["DomainName"]
        assert [d["DomainName"] for d in v2.get_domain_names()["Items"]] == ["api.example.com"]
        rest = cloud.client("apigateway").get_domain_name(domainName="api.example.com")
        assert rest["regionalDomainName"] == config["ApiGatewayDomainName"]
        assert _code(_domain, v2=v2) == "ConflictException"
        v2.delete_domain_name(DomainName="api.example.com")
        assert v2.get_domain_names()["Items"] == []
        assert _code(v2.get_domain_name, DomainName="api.example.com") == "NotFoundException"

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"DomainNameConfigurations": [{}]},
            {"DomainNameConfigurations": [{"CertificateArn": "arn:aws:acm:eu-west-1:1:c/x"}]},
            {
                "DomainNameConfigurations": [{"CertificateArn": CERT}],
                "MutualTlsAuthentication": {"TruststoreUri": "s3://b/k"},
            },
            {
                "DomainNameConfigurations": [{"CertificateArn": CERT}],
                "RoutingMode": "ROUTING_RULE_ONLY",
            },
        ],
    )
    def test_refused_and_not_stored(self, v2: Any, kwargs: Any) -> None:
        assert _code(v2.create_domain_name, DomainName="a.example.com", **kwargs) == (
            "BadRequestException"
        )
        assert v2.get_domain_names()["Items"] == []


class TestApiMappings:
    def test_crud(self, cloud: Cloud, v2: Any) -> None:
        api_id = _http_api(cloud)
        _domain(v2)
        made = v2.create_api_mapping(
            DomainName="api.example.com", ApiId=api_id, Stage="$default", ApiMappingKey="shop"
        )
        assert (made["ApiId"], made["ApiMappingKey"], made["Stage"]) == (
            api_id,
            "shop",
            "$default",
        )
        mapping_id = made["ApiMappingId"]
        assert (
            _code(
                v2.create_api_mapping,
                DomainName="api.example.com",
                ApiId=api_id,
                Stage="$default",
                ApiMappingKey="shop",
            )
            == "ConflictException"
        )
        got = v2.get_api_mapping(DomainName="api.example.com", ApiMappingId=mapping_id)
        assert got["ApiMappingKey"] == "shop"
        updated = v2.update_api_mapping(
            DomainName="api.example.com", ApiMappingId=mapping_id, ApiId=api_id, ApiMappingKey="s2"
        )
        assert updated["ApiMappingKey"] == "s2"
        items = v2.get_api_mappings(DomainName="api.example.com")["Items"]
        assert [m["ApiMappingKey"] for m in items] == ["s2"]
        v2.delete_api_mapping(DomainName="api.example.com", ApiMappingId=mapping_id)
        assert v2.get_api_mappings(DomainName="api.example.com")["Items"] == []
        assert (
            _code(v2.get_api_mapping, DomainName="api.example.com", ApiMappingId=mapping_id)
            == "NotFoundException"
        )

    def test_bad_targets_refused(self, cloud: Cloud, v2: Any) -> None:
        api_id = _http_api(cloud)
        _domain(v2)
        for kwargs in (
            {"ApiId": api_id, "Stage": "nope"},
            {"ApiId": "zzzzzzzzzz", "Stage": "$default"},
            {"ApiId": api_id, "Stage": "$default", "ApiMappingKey": "a/b"},  # REST only
            {"ApiId": api_id, "Stage": "$default", "ApiMappingKey": "sp ace"},
        ):
            code = _code(v2.create_api_mapping, DomainName="api.example.com", **kwargs)
            assert code in ("NotFoundException", "BadRequestException"), kwargs
        assert v2.get_api_mappings(DomainName="api.example.com")["Items"] == []


class TestRouting:
    def test_http_api_by_host(self, cloud: Cloud) -> None:
        v2 = cloud.client("apigatewayv2")
        api_id = _http_api(cloud)
        _domain(v2)
        v2.create_api_mapping(
            DomainName="api.example.com", ApiId=api_id, Stage="$default", ApiMappingKey="shop"
        )
        engine = cloud.engine("execute-api")
        answer = engine.invoke_domain("api.example.com", "GET", "/shop/items/1")
        assert answer.status == 200
        assert answer.json() == {
            "rawPath": "/shop/items/1",
            "domain": "api.example.com",
            "stage": "$default",
        }
        assert engine.invoke_domain("api.example.com", "GET", "/items/1").status == 403

    def test_multi_level_key_reaches_a_rest_api(self, cloud: Cloud) -> None:
        gw = cloud.client("apigateway")

        def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
            return {"statusCode": 200, "body": json.dumps({"path": event["path"]})}

        cloud.lambda_.create_function("r", handler=handler)
        arn = cloud.engine("lambda").function_arn("r")
        api = gw.create_rest_api(name="r")
        where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
        gw.put_method(**where, authorizationType="NONE")
        gw.put_integration(
            **where,
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations",
        )
        gw.create_deployment(restApiId=api["id"], stageName="prod")
        v2 = cloud.client("apigatewayv2")
        _domain(v2)
        v2.create_api_mapping(
            DomainName="api.example.com", ApiId=api["id"], Stage="prod", ApiMappingKey="orders/v2"
        )
        engine = cloud.engine("execute-api")
        answer = engine.invoke_domain("api.example.com", "GET", "/orders/v2")
        assert (answer.status, answer.json()) == (200, {"path": "/orders/v2"})
        assert engine.invoke_domain("api.example.com", "GET", "/orders").status == 403
        mappings = gw.get_base_path_mappings(domainName="api.example.com")["items"]
        assert mappings == [{"basePath": "orders/v2", "restApiId": api["id"], "stage": "prod"}]
