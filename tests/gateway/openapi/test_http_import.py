"""apigatewayv2 ImportApi, ReimportApi and ExportApi."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import yaml
from botocore.exceptions import ClientError
from openapi_spec_validator import validate

from pyserverless import Cloud, mock_aws

from .conftest import BACKEND, PETS

FN = "arn:aws:lambda:us-east-1:123456789012:function:pets"
LAMBDA_URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"


@pytest.fixture(params=["client", "boto3"])
def v2(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """The apigatewayv2 client: pyserverless's own, or boto3's through the bridge."""
    from .conftest import pet_shop

    cloud.gateway.backend(BACKEND, pet_shop)
    if request.param == "client":
        yield cloud.client("apigatewayv2")
    else:
        with mock_aws(cloud):
            yield boto3.client("apigatewayv2", region_name="us-east-1")


def document() -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": "pets-http", "version": "1.0"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "ListPets",
                    "x-amazon-apigateway-integration": {
                        "type": "http_proxy",
                        "httpMethod": "GET",
                        "uri": f"{BACKEND}/petstore/pets",
                        "payloadFormatVersion": "1.0",
                    },
                },
                "post": {
                    "security": [{"jwt": ["pets/write"]}],
                    "x-amazon-apigateway-integration": {
                        "type": "aws_proxy",
                        "uri": LAMBDA_URI,
                        "httpMethod": "POST",
                        "payloadFormatVersion": "2.0",
                    },
                },
            },
            "/pets/{petId}": {
                "get": {
                    "parameters": [
                        {
                            "name": "petId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "x-amazon-apigateway-integration": {
                        "$ref": "#/components/x-amazon-apigateway-integrations/pet"
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "jwt": {
                    "type": "oauth2",
                    "flows": {},
                    "x-amazon-apigateway-authorizer": {
                        "type": "jwt",
                        "identitySource": "$request.header.Authorization",
                        "jwtConfiguration": {
                            "issuer": "https://issuer.example.com",
                            "audience": ["pets"],
                        },
                    },
                }
            },
            "x-amazon-apigateway-integrations": {
                "pet": {
                    "type": "http_proxy",
                    "httpMethod": "GET",
                    "uri": f"{BACKEND}/petstore/pets/{{petId}}",
                    "payloadFormatVersion": "1.0",
                }
            },
        },
        "x-amazon-apigateway-cors": {"allowOrigins": ["https://shop.example"], "maxAge": 60},
        "x-amazon-apigateway-importexport-version": "1.0",
        "tags": [{"name": "team", "x-amazon-apigateway-tag-value": "pets"}, {"name": "plain"}],
    }


def _error(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def shape(v2: Any, api_id: str) -> dict[str, Any]:
    """Routes with their integrations and authorizers, ids replaced by content."""
    integrations = {
        i["IntegrationId"]: {k: v for k, v in i.items() if k != "IntegrationId"}
        for i in v2.get_integrations(ApiId=api_id)["Items"]
    }
    authorizers = {
        a["AuthorizerId"]: {k: v for k, v in a.items() if k != "AuthorizerId"}
        for a in v2.get_authorizers(ApiId=api_id)["Items"]
    }
    routes = {}
    for route in v2.get_routes(ApiId=api_id)["Items"]:
        route = {k: v for k, v in route.items() if k != "RouteId"}
        if "Target" in route:
            route["Target"] = integrations[route["Target"].split("/", 1)[1]]
        if "AuthorizerId" in route:
            route["AuthorizerId"] = authorizers[route["AuthorizerId"]]
        routes[route["RouteKey"]] = route
    api = v2.get_api(ApiId=api_id)
    return {
        "routes": routes,
        "cors": api.get("CorsConfiguration"),
        "name": api["Name"],
        "tags": api.get("Tags"),
        "disabled": api["DisableExecuteApiEndpoint"],
    }


class TestImportApi:
    def test_routes_integrations_authorizer_cors(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        assert (api["Name"], api["ProtocolType"], api["Version"]) == ("pets-http", "HTTP", "1.0")
        assert "Warnings" not in api
        assert api["CorsConfiguration"] == {"AllowOrigins": ["https://shop.example"], "MaxAge": 60}
        assert api["Tags"] == {"team": "pets"}
        found = shape(v2, api["ApiId"])
        assert sorted(found["routes"]) == ["GET /pets", "GET /pets/{petId}", "POST /pets"]
        post = found["routes"]["POST /pets"]
        assert (post["AuthorizationType"], post["AuthorizationScopes"]) == ("JWT", ["pets/write"])
        assert post["AuthorizerId"]["JwtConfiguration"] == {
            "Issuer": "https://issuer.example.com",
            "Audience": ["pets"],
        }
        assert post["Target"]["IntegrationType"] == "AWS_PROXY"
        assert found["routes"]["GET /pets/{petId}"]["Target"]["IntegrationUri"] == (
            f"{BACKEND}/petstore/pets/{{petId}}"
        )

    def test_served(self, cloud: Cloud, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
        answer = cloud.gateway.invoke(api["ApiId"], "$default", "GET", "/pets")
        assert (answer.status, answer.json()) == (200, PETS)

    def test_yaml(self, v2: Any) -> None:
        api = v2.import_api(Body=yaml.safe_dump(document()))
        assert len(v2.get_routes(ApiId=api["ApiId"])["Items"]) == 3

    def test_refused_document_leaves_nothing(self, v2: Any) -> None:
        doc = document()
        doc["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["timeoutInMillis"] = 49
        assert _error(v2.import_api, Body=json.dumps(doc))[0] == "BadRequestException"
        swagger = {"swagger": "2.0", "info": {"title": "s"}, "paths": {}}
        assert _error(v2.import_api, Body=json.dumps(swagger))[0] == "BadRequestException"
        doc = document()
        doc["x-amazon-apigateway-importexport-version"] = "2.0"
        assert _error(v2.import_api, Body=json.dumps(doc))[0] == "BadRequestException"
        assert _error(v2.import_api, Body="[1, 2]") == (
            "BadRequestException",
            "Invalid OpenAPI input.",
        )
        assert v2.get_apis()["Items"] == []

    @pytest.mark.parametrize("kind", ["mock", "http", "aws"])
    def test_non_proxy_integration_warns(self, v2: Any, kind: str) -> None:
        doc = document()
        doc["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["type"] = kind
        api = v2.import_api(Body=json.dumps(doc))
        assert len(api["Warnings"]) == 1
        route = shape(v2, api["ApiId"])["routes"]["GET /pets"]
        assert "Target" not in route

    def test_missing_integration_reference_warns(self, v2: Any) -> None:
        doc = document()
        doc["components"]["x-amazon-apigateway-integrations"].clear()
        api = v2.import_api(Body=json.dumps(doc))
        assert "x-amazon-apigateway-integrations/pet" in api["Warnings"][0]

    def test_aws_variables(self, v2: Any) -> None:
        doc = document()
        post = doc["paths"]["/pets"]["post"]["x-amazon-apigateway-integration"]
        post["uri"] = (
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:pets/"
            "invocations"
        )
        api = v2.import_api(Body=json.dumps(doc))
        route = shape(v2, api["ApiId"])["routes"]["POST /pets"]
        assert route["Target"]["IntegrationUri"] == LAMBDA_URI

    def test_rest_only_extension_warns(self, v2: Any) -> None:
        doc = document()
        doc["x-amazon-apigateway-binary-media-types"] = ["image/png"]
        api = v2.import_api(Body=json.dumps(doc))
        assert len(api["Warnings"]) == 1
        code, message = _error(v2.import_api, Body=json.dumps(doc), FailOnWarnings=True)
        assert (code, message.split(":")[0]) == (
            "BadRequestException",
            "Warnings found during import",
        )
        assert len(v2.get_apis()["Items"]) == 1

    @pytest.mark.parametrize(("mode", "key"), [("ignore", "GET /x"), ("prepend", "GET /v1/x")])
    def test_basepath(self, v2: Any, mode: str, key: str) -> None:
        doc = {
            "openapi": "3.0.1",
            "info": {"title": "b"},
            "servers": [{"url": "https://example.com/v1"}],
            "paths": {"/x": {"get": {}}},
        }
        api = v2.import_api(Body=json.dumps(doc), Basepath=mode)
        assert [r["RouteKey"] for r in v2.get_routes(ApiId=api["ApiId"])["Items"]] == [key]

    def test_disable_execute_api_endpoint_on_the_server(self, v2: Any) -> None:
        doc = document()
        doc["servers"] = [
            {
                "url": "https://example.com",
                "x-amazon-apigateway-endpoint-configuration": {"disableExecuteApiEndpoint": True},
            }
        ]
        assert v2.import_api(Body=json.dumps(doc))["DisableExecuteApiEndpoint"] is True
        assert v2.import_api(Body=json.dumps(document()))["DisableExecuteApiEndpoint"] is False

    def test_bad_basepath(self, v2: Any) -> None:
        assert _error(v2.import_api, Body=json.dumps(document()), Basepath="keep")[0] == (
            "BadRequestException"
        )


class TestReimportAndExport:
    @pytest.mark.parametrize("disabled", [False, True])
    def test_round_trip(self, v2: Any, disabled: bool) -> None:
        doc = document()
        config = {"disableExecuteApiEndpoint": disabled}
        doc["servers"] = [
            {"url": "https://x", "x-amazon-apigateway-endpoint-configuration": config}
        ]
        first = v2.import_api(Body=json.dumps(doc))
        body = v2.export_api(ApiId=first["ApiId"], Specification="OAS30", OutputType="JSON")["body"]
        body = body.read() if hasattr(body, "read") else body
        exported = json.loads(body)
        validate(exported)
        second = v2.import_api(Body=body.decode())
        assert shape(v2, second["ApiId"]) == shape(v2, first["ApiId"])

    def test_yaml_and_no_extensions(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        body = v2.export_api(
            ApiId=api["ApiId"], Specification="OAS30", OutputType="YAML", IncludeExtensions=False
        )["body"]
        body = body.read() if hasattr(body, "read") else body
        exported = yaml.safe_load(body)
        validate(exported)
        assert "x-amazon-apigateway-integration" not in json.dumps(exported)

    def test_stage_export_is_the_deployment(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        v2.create_stage(ApiId=api["ApiId"], StageName="prod")
        deployment = v2.create_deployment(ApiId=api["ApiId"], StageName="prod")
        assert deployment["DeploymentId"]
        route = v2.get_routes(ApiId=api["ApiId"])["Items"][0]
        v2.delete_route(ApiId=api["ApiId"], RouteId=route["RouteId"])
        staged = v2.export_api(
            ApiId=api["ApiId"], Specification="OAS30", OutputType="JSON", StageName="prod"
        )["body"]
        staged = staged.read() if hasattr(staged, "read") else staged
        now = v2.export_api(ApiId=api["ApiId"], Specification="OAS30", OutputType="JSON")["body"]
        now = now.read() if hasattr(now, "read") else now
        count = lambda raw: sum(len(p) for p in json.loads(raw)["paths"].values())  # noqa: E731
        assert (count(staged), count(now)) == (3, 2)
        assert (
            _error(
                v2.export_api,
                ApiId=api["ApiId"],
                Specification="OAS30",
                OutputType="JSON",
                StageName="nope",
            )[0]
            == "NotFoundException"
        )

    def test_reimport_replaces(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        smaller = {
            "openapi": "3.0.1",
            "info": {"title": "renamed"},
            "paths": {"/toys": {"x-amazon-apigateway-any-method": {}}},
        }
        answer = v2.reimport_api(ApiId=api["ApiId"], Body=json.dumps(smaller))
        assert answer["ApiId"] == api["ApiId"]
        found = shape(v2, api["ApiId"])
        assert (found["name"], sorted(found["routes"]), found["cors"]) == (
            "renamed",
            ["ANY /toys"],
            None,
        )
        assert v2.get_integrations(ApiId=api["ApiId"])["Items"] == []
        assert v2.get_authorizers(ApiId=api["ApiId"])["Items"] == []

    def test_reimport_of_its_own_document(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        before = shape(v2, api["ApiId"])
        v2.reimport_api(ApiId=api["ApiId"], Body=json.dumps(document()))
        assert shape(v2, api["ApiId"]) == before

    def test_refused_reimport_changes_nothing(self, v2: Any) -> None:
        api = v2.import_api(Body=json.dumps(document()))
        before = shape(v2, api["ApiId"])
        doc = document()
        doc["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["timeoutInMillis"] = 49
        assert _error(v2.reimport_api, ApiId=api["ApiId"], Body=json.dumps(doc))[0] == (
            "BadRequestException"
        )
        assert shape(v2, api["ApiId"]) == before
        assert len(v2.get_apis()["Items"]) == 1
        assert _error(v2.reimport_api, ApiId="nope", Body=json.dumps(doc))[0] == (
            "NotFoundException"
        )
