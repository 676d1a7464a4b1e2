"""GetExport: OpenAPI 3.0 and Swagger 2.0, JSON and YAML, checked with openapi-spec-validator
(or by structure when it is not installed)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

FN = "arn:aws:lambda:us-east-1:123456789012:function:auth"
URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FN}/invocations"


def validate(document: dict[str, Any]) -> None:
    try:
        from openapi_spec_validator import validate as check
    except ImportError:  # pragma: no cover - installed in the test environment
        assert ("openapi" in document) != ("swagger" in document) and "paths" in document
        return
    check(document)


def full_api(gw: Any, simple_api: Any) -> dict[str, str]:
    ids = simple_api(gw)
    api = ids["api"]
    auth = gw.create_authorizer(
        restApiId=api,
        name="tok",
        type="TOKEN",
        authorizerUri=URI,
        identitySource="method.request.header.Authorization",
    )
    gw.put_method(
        restApiId=api,
        resourceId=ids["items"],
        httpMethod="ANY",
        authorizationType="CUSTOM",
        authorizerId=auth["id"],
        apiKeyRequired=True,
        requestParameters={"method.request.querystring.page": False},
    )
    gw.put_integration(
        restApiId=api,
        resourceId=ids["items"],
        httpMethod="ANY",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    gw.put_method_response(
        restApiId=api, resourceId=ids["items"], httpMethod="ANY", statusCode="200"
    )
    gw.put_integration_response(
        restApiId=api,
        resourceId=ids["items"],
        httpMethod="ANY",
        statusCode="200",
        selectionPattern="",
    )
    gw.put_gateway_response(restApiId=api, responseType="THROTTLED", statusCode="429")
    gw.update_rest_api(
        restApiId=api, patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}]
    )
    gw.create_deployment(restApiId=api, stageName="prod")
    return ids


def export(gw: Any, api: str, kind: str, **kwargs: Any) -> tuple[dict[str, Any], str]:
    found = gw.get_export(restApiId=api, stageName="prod", exportType=kind, **kwargs)
    body = found["body"].read()
    if found["contentType"] == "application/yaml":
        return yaml.safe_load(body), found["contentType"]
    return json.loads(body), found["contentType"]


@pytest.mark.parametrize("kind", ["oas30", "swagger"])
def test_plain_export_is_valid(gw: Any, simple_api: Any, kind: str) -> None:
    ids = full_api(gw, simple_api)
    document, content_type = export(gw, ids["api"], kind)
    assert content_type == "application/json"
    validate(document)
    assert set(document["paths"]) == {"/items", "/items/{id}"}
    get = document["paths"]["/items/{id}"]["get"]
    assert get["parameters"][0]["name"] == "id" and get["parameters"][0]["in"] == "path"
    assert "x-amazon-apigateway-integration" not in get
    assert "x-amazon-apigateway-binary-media-types" not in document


@pytest.mark.parametrize("kind", ["oas30", "swagger"])
def test_export_with_apigateway_extensions(gw: Any, simple_api: Any, kind: str) -> None:
    ids = full_api(gw, simple_api)
    document, _ = export(gw, ids["api"], kind, parameters={"extensions": "apigateway"})
    validate(document)
    any_method = document["paths"]["/items"]["x-amazon-apigateway-any-method"]
    assert any_method["x-amazon-apigateway-integration"]["type"] == "mock"
    assert any_method["x-amazon-apigateway-integration"]["responses"] == {
        "default": {"statusCode": "200"}
    }
    assert {"tok": []} in any_method["security"] and {"api_key": []} in any_method["security"]
    assert any_method["parameters"] == [
        {
            "name": "page",
            "in": "query",
            "required": False,
            **({"schema": {"type": "string"}} if kind == "oas30" else {"type": "string"}),
        }
    ]
    get = document["paths"]["/items/{id}"]["get"]
    assert get["x-amazon-apigateway-integration"] == {
        "type": "aws_proxy",
        "httpMethod": "POST",
        "uri": (
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
        ),
        "timeoutInMillis": 29000,
        "passthroughBehavior": "when_no_match",
    }
    schemes = (
        document["components"]["securitySchemes"]
        if kind == "oas30"
        else document["securityDefinitions"]
    )
    authorizer = schemes["tok"]["x-amazon-apigateway-authorizer"]
    assert authorizer["type"] == "token" and authorizer["authorizerUri"] == URI
    assert schemes["tok"]["x-amazon-apigateway-authtype"] == "custom"
    assert schemes["api_key"] == {"type": "apiKey", "name": "x-api-key", "in": "header"}
    assert document["x-amazon-apigateway-api-key-source"] == "HEADER"
    assert document["x-amazon-apigateway-binary-media-types"] == ["image/png"]
    # a put without templates keeps the default template (AWS-validated snapshot)
    assert document["x-amazon-apigateway-gateway-responses"] == {
        "THROTTLED": {
            "statusCode": "429",
            "responseTemplates": {"application/json": '{"message":$context.error.messageString}'},
        }
    }


def test_yaml_and_refusals(gw: Any, simple_api: Any, refused: Any) -> None:
    ids = full_api(gw, simple_api)
    document, content_type = export(gw, ids["api"], "oas30", accepts="application/yaml")
    assert content_type == "application/yaml"
    validate(document)
    api = ids["api"]
    refused(
        gw.get_export, "BadRequestException", restApiId=api, stageName="prod", exportType="raml"
    )
    refused(
        gw.get_export,
        "BadRequestException",
        restApiId=api,
        stageName="prod",
        exportType="oas30",
        accepts="text/xml",
    )
    refused(
        gw.get_export,
        "BadRequestException",
        restApiId=api,
        stageName="prod",
        exportType="oas30",
        parameters={"extensions": "postman"},
    )
    refused(gw.get_export, "NotFoundException", restApiId=api, stageName="dev", exportType="oas30")


def test_export_is_of_the_deployment_not_the_draft(gw: Any, simple_api: Any) -> None:
    ids = simple_api(gw)
    gw.create_deployment(restApiId=ids["api"], stageName="prod")
    gw.create_resource(restApiId=ids["api"], parentId=ids["root"], pathPart="later")
    gw.put_method(
        restApiId=ids["api"], resourceId=ids["root"], httpMethod="GET", authorizationType="NONE"
    )
    gw.put_integration(restApiId=ids["api"], resourceId=ids["root"], httpMethod="GET", type="MOCK")
    document, _ = export(gw, ids["api"], "oas30")
    assert list(document["paths"]) == ["/items/{id}"]
