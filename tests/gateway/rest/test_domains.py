"""Custom domain names and base path mappings (REST control plane), and requests routed
through them by ``Host``: base path stripping, ``(none)``, stage-less mappings."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless import Cloud

EDGE_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"
WEST_CERT = "arn:aws:acm:us-west-2:123456789012:certificate/abc-123"


def _strip(answer: dict[str, Any]) -> dict[str, Any]:
    answer.pop("ResponseMetadata", None)
    return answer


def _echo_api(cloud: Cloud, gw: Any, name: str = "echo") -> str:
    """``ANY /{proxy+}`` and ``ANY /`` answering the event's path, resource and domain."""

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        body = {
            "path": event["path"],
            "resource": event["resource"],
            "stage": event["requestContext"]["stage"],
            "contextPath": event["requestContext"]["path"],
            "domainName": event["requestContext"]["domainName"],
            "api": name,
        }
        return {"statusCode": 200, "body": json.dumps(body)}

    cloud.lambda_.create_function(name, handler=handler)
    arn = cloud.engine("lambda").function_arn(name)
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
    api = gw.create_rest_api(name=name)
    proxy = gw.create_resource(
        restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}"
    )
    for resource in (api["rootResourceId"], proxy["id"]):
        where = {"restApiId": api["id"], "resourceId": resource, "httpMethod": "ANY"}
        gw.put_method(**where, authorizationType="NONE")
        gw.put_integration(**where, type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
    gw.create_deployment(restApiId=api["id"], stageName="prod")
    gw.create_deployment(restApiId=api["id"], stageName="beta")
    return str(api["id"])


class TestDomainNames:
    def test_edge_name(self, gw: Any) -> None:
        made = _strip(gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT))
        assert made["domainName"] == "api.example.com"
        assert made["endpointConfiguration"]["types"] == ["EDGE"]
        assert made["distributionDomainName"].endswith(".cloudfront.net")
        assert made["distributionHostedZoneId"] == "Z2FDTNDATAQYW2"
        assert made["certificateArn"] == EDGE_CERT
        assert made["domainNameStatus"] == "AVAILABLE"
        assert "regionalDomainName" not in made
        assert _strip(gw.get_domain_name(domainName="api.example.com")) == made
        assert [d["domainName"] for d in gw.get_domain_names()["items"]] == ["api.example.com"]

    def test_regional_name(self, gw: Any) -> None:
        cert = "arn:aws:acm:us-east-1:123456789012:certificate/r1"
        made = gw.create_domain_name(
            domainName="r.example.com",
            regionalCertificateArn=cert,
            endpointConfiguration={"types": ["REGIONAL"]},
        )
        assert made["regionalDomainName"].endswith(".execute-api.us-east-1.amazonaws.com")
        assert made["regionalHostedZoneId"] == "Z1UJRXOUMOOFQ8"
        assert made["regionalCertificateArn"] == cert
        assert "distributionDomainName" not in made

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"domainName": "api.example.com"},  # no certificate
            {"domainName": "api.example.com", "certificateArn": WEST_CERT},  # EDGE: us-east-1
            {"domainName": "api.example.com", "certificateArn": "not-an-arn"},
            {"domainName": "not a domain", "certificateArn": EDGE_CERT},
            {
                "domainName": "api.example.com",
                "regionalCertificateArn": WEST_CERT,
                "endpointConfiguration": {"types": ["REGIONAL"]},
            },
            {
                "domainName": "api.example.com",
                "certificateArn": EDGE_CERT,
                "endpointConfiguration": {"types": ["PRIVATE"]},
            },
            {
                "domainName": "api.example.com",
                "certificateArn": EDGE_CERT,
                "endpointConfiguration": {"types": ["EDGE", "REGIONAL"]},
            },
            {"domainName": "api.example.com", "certificateArn": EDGE_CERT, "policy": "{}"},
        ],
    )
    def test_refused_and_not_stored(self, gw: Any, refused: Any, kwargs: Any) -> None:
        refused(gw.create_domain_name, "BadRequestException", **kwargs)
        assert gw.get_domain_names()["items"] == []

    def test_duplicate_and_unknown(self, gw: Any, refused: Any) -> None:
        gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        refused(
            gw.create_domain_name,
            "ConflictException",
            "The domain name you provided already exists.",
            domainName="API.example.com",
            certificateArn=EDGE_CERT,
        )
        for call in (gw.get_domain_name, gw.delete_domain_name):
            refused(
                call,
                "NotFoundException",
                "Invalid domain name identifier specified",
                domainName="x.example.com",
            )

    def test_update_and_delete(self, gw: Any, refused: Any) -> None:
        gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        other = "arn:aws:acm:us-east-1:123456789012:certificate/new"
        changed = gw.update_domain_name(
            domainName="api.example.com",
            patchOperations=[{"op": "replace", "path": "/certificateArn", "value": other}],
        )
        assert changed["certificateArn"] == other
        refused(
            gw.update_domain_name,
            "BadRequestException",
            domainName="api.example.com",
            patchOperations=[{"op": "replace", "path": "/certificateArn", "value": WEST_CERT}],
        )
        assert gw.get_domain_name(domainName="api.example.com")["certificateArn"] == other
        gw.delete_domain_name(domainName="api.example.com")
        assert gw.get_domain_names()["items"] == []


class TestBasePathMappings:
    def test_crud(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        api_id = _echo_api(cloud, gw)
        gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        made = _strip(
            gw.create_base_path_mapping(
                domainName="api.example.com", basePath="v1", restApiId=api_id, stage="prod"
            )
        )
        assert made == {"basePath": "v1", "restApiId": api_id, "stage": "prod"}
        none = _strip(gw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id))
        assert none == {"basePath": "(none)", "restApiId": api_id}
        refused(
            gw.create_base_path_mapping,
            "ConflictException",
            domainName="api.example.com",
            basePath="v1",
            restApiId=api_id,
        )
        listed = gw.get_base_path_mappings(domainName="api.example.com")["items"]
        assert [m["basePath"] for m in listed] == ["(none)", "v1"]
        got = _strip(gw.get_base_path_mapping(domainName="api.example.com", basePath="(none)"))
        assert got == none
        updated = _strip(
            gw.update_base_path_mapping(
                domainName="api.example.com",
                basePath="v1",
                patchOperations=[
                    {"op": "replace", "path": "/basePath", "value": "v2"},
                    {"op": "replace", "path": "/stage", "value": "beta"},
                ],
            )
        )
        assert updated == {"basePath": "v2", "restApiId": api_id, "stage": "beta"}
        refused(
            gw.get_base_path_mapping,
            "NotFoundException",
            "Invalid base path mapping identifier specified",
            domainName="api.example.com",
            basePath="v1",
        )
        gw.delete_base_path_mapping(domainName="api.example.com", basePath="v2")
        listed = gw.get_base_path_mappings(domainName="api.example.com")["items"]
        assert [m["basePath"] for m in listed] == ["(none)"]

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"basePath": "a/b"},
            {"basePath": "sp ace"},
            {"stage": "nope"},
            {"restApiId": "zzzzzzzzzz"},
            {"domainName": "other.example.com"},
        ],
    )
    def test_refused_and_not_stored(
        self, cloud: Cloud, gw: Any, refused: Any, kwargs: dict[str, str]
    ) -> None:
        api_id = _echo_api(cloud, gw)
        gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        params = {"domainName": "api.example.com", "restApiId": api_id, **kwargs}
        with pytest.raises(Exception) as caught:
            gw.create_base_path_mapping(**params)
        code = caught.value.response["Error"]["Code"]  # type: ignore[attr-defined]
        assert code in ("BadRequestException", "NotFoundException")
        assert gw.get_base_path_mappings(domainName="api.example.com")["items"] == []

    def test_bad_update_changes_nothing(self, cloud: Cloud, gw: Any, refused: Any) -> None:
        api_id = _echo_api(cloud, gw)
        gw.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        gw.create_base_path_mapping(
            domainName="api.example.com", basePath="v1", restApiId=api_id, stage="prod"
        )
        refused(
            gw.update_base_path_mapping,
            "BadRequestException",
            domainName="api.example.com",
            basePath="v1",
            patchOperations=[
                {"op": "replace", "path": "/basePath", "value": "v9"},
                {"op": "replace", "path": "/stage", "value": "nope"},
            ],
        )
        got = _strip(gw.get_base_path_mapping(domainName="api.example.com", basePath="v1"))
        assert got == {"basePath": "v1", "restApiId": api_id, "stage": "prod"}


class TestRoutingByHost:
    @pytest.fixture
    def api_id(self, cloud: Cloud, client: Any) -> str:
        api_id = _echo_api(cloud, client)
        client.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        client.create_base_path_mapping(
            domainName="api.example.com", basePath="v1", restApiId=api_id, stage="prod"
        )
        return api_id

    def test_base_path_is_stripped_for_routing(self, cloud: Cloud, api_id: str) -> None:
        engine = cloud.engine("execute-api")
        answer = engine.invoke_domain("api.example.com", "GET", "/v1/items/7")
        assert answer.status == 200
        assert answer.json() == {
            "path": "/v1/items/7",
            "resource": "/{proxy+}",
            "stage": "prod",
            "contextPath": "/v1/items/7",
            "domainName": "api.example.com",
            "api": "echo",
        }
        root = engine.invoke_domain("api.example.com:443", "GET", "/v1").json()
        assert (root["resource"], root["path"]) == ("/", "/v1")

    def test_unmapped_path_is_forbidden(self, cloud: Cloud, api_id: str) -> None:
        engine = cloud.engine("execute-api")
        for path in ("/v2/items", "/", "/v10"):
            answer = engine.invoke_domain("api.example.com", "GET", path)
            assert (answer.status, answer.json()) == (403, {"message": "Forbidden"}), path
        assert engine.invoke_domain("unknown.example.com", "GET", "/v1") is None

    def test_none_mapping_catches_the_rest(self, cloud: Cloud, client: Any, api_id: str) -> None:
        other = _echo_api(cloud, client, "other")
        client.create_base_path_mapping(domainName="api.example.com", restApiId=other, stage="beta")
        engine = cloud.engine("execute-api")
        answer = engine.invoke_domain("api.example.com", "GET", "/v2/items").json()
        assert (answer["api"], answer["stage"], answer["path"]) == ("other", "beta", "/v2/items")
        assert engine.invoke_domain("api.example.com", "GET", "/v1/x").json()["api"] == "echo"

    def test_stage_less_mapping_takes_the_stage_from_the_path(
        self, cloud: Cloud, client: Any, api_id: str
    ) -> None:
        client.create_base_path_mapping(
            domainName="api.example.com", basePath="s", restApiId=api_id
        )
        engine = cloud.engine("execute-api")
        answer = engine.invoke_domain("api.example.com", "GET", "/s/beta/items").json()
        assert (answer["stage"], answer["resource"]) == ("beta", "/{proxy+}")
        missing = engine.invoke_domain("api.example.com", "GET", "/s/gamma/items")
        assert missing.status == 403

    def test_deleting_the_domain_stops_routing(
        self, cloud: Cloud, client: Any, api_id: str
    ) -> None:
        client.delete_domain_name(domainName="api.example.com")
        assert cloud.engine("execute-api").invoke_domain("api.example.com", "GET", "/v1") is None

    def test_served_over_wsgi_by_host(self, cloud: Cloud, api_id: str) -> None:
        from werkzeug.test import Client

        from pyserverless.adapters.http import WireApp

        client = Client(WireApp(cloud))
        answer = client.get("/v1/items/7", headers={"Host": "api.example.com"})
        assert answer.status_code == 200
        assert json.loads(answer.data)["path"] == "/v1/items/7"
        assert client.get("/nope", headers={"Host": "api.example.com"}).status_code == 403


class TestOverServe:
    def test_requests_with_a_host_header(self, cloud: Cloud, client: Any) -> None:
        """``requests`` through ``pyserverless serve``: the Host names the custom domain."""
        import requests

        from pyserverless.adapters.http import Server

        api_id = _echo_api(cloud, client)
        client.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
        client.create_base_path_mapping(
            domainName="api.example.com", basePath="v1", restApiId=api_id, stage="prod"
        )
        with Server(cloud) as server, requests.Session() as session:
            ok = session.get(
                f"{server.url}/v1/items/7", headers={"Host": "api.example.com"}, timeout=10
            )
            assert ok.status_code == 200
            assert ok.json()["path"] == "/v1/items/7"
            assert ok.json()["domainName"] == "api.example.com"
            missing = session.get(
                f"{server.url}/v2/items", headers={"Host": "api.example.com"}, timeout=10
            )
            assert (missing.status_code, missing.json()) == (403, {"message": "Forbidden"})


def test_domains_survive_a_snapshot(cloud: Cloud, client: Any) -> None:
    client.create_domain_name(domainName="api.example.com", certificateArn=EDGE_CERT)
    saved = cloud.snapshot()
    client.delete_domain_name(domainName="api.example.com")
    cloud.restore(saved)
    assert [d["domainName"] for d in client.get_domain_names()["items"]] == ["api.example.com"]


def test_domain_name_tags(gw: Any) -> None:
    made = gw.create_domain_name(
        domainName="api.example.com", certificateArn=EDGE_CERT, tags={"team": "a"}
    )
    arn = made["domainNameArn"]
    assert gw.get_tags(resourceArn=arn)["tags"] == {"team": "a"}
    gw.tag_resource(resourceArn=arn, tags={"env": "prod"})
    gw.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert gw.get_domain_name(domainName="api.example.com")["tags"] == {"env": "prod"}
