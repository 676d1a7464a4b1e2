"""Import, export, import again: the same API (resources, methods, integrations, models),
with each export checked by openapi-spec-validator."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from pyserverless import Cloud, ManualClock

from .conftest import BACKEND, pet_shop, petstore_bytes

_IDS = re.compile(r"/restapis/[a-z0-9]+/")


def shape(gw: Any, api_id: str) -> dict[str, Any]:
    """An API as comparable data: ids replaced by the names they stand for."""
    validators = {v["id"]: v["name"] for v in gw.get_request_validators(restApiId=api_id)["items"]}
    authorizers = {a["id"]: a["name"] for a in gw.get_authorizers(restApiId=api_id)["items"]}
    resources: dict[str, Any] = {}
    for resource in gw.get_resources(restApiId=api_id, limit=500, embed=["methods"])["items"]:
        methods = {}
        for verb, method in resource.get("resourceMethods", {}).items():
            method = dict(method)
            method.pop("ResponseMetadata", None)
            if "requestValidatorId" in method:
                method["requestValidatorId"] = validators[method["requestValidatorId"]]
            if "authorizerId" in method:
                method["authorizerId"] = authorizers[method["authorizerId"]]
            integration = dict(method.get("methodIntegration") or {})
            integration.pop("cacheNamespace", None)
            method["methodIntegration"] = integration
            methods[verb] = method
        resources[resource["path"]] = methods
    models = {
        m["name"]: json.loads(_IDS.sub("/restapis/ID/", m.get("schema") or "{}"))
        for m in gw.get_models(restApiId=api_id)["items"]
    }
    return {"resources": resources, "models": models, "validators": sorted(validators.values())}


def export(gw: Any, api_id: str, kind: str, accepts: str = "application/json") -> bytes:
    gw.create_deployment(restApiId=api_id, stageName="prod")
    body: bytes = gw.get_export(
        restApiId=api_id,
        stageName="prod",
        exportType=kind,
        accepts=accepts,
        parameters={"extensions": "apigateway"},
    )["body"].read()
    return body


@pytest.mark.parametrize("kind", ["oas30", "swagger"])
def test_petstore_round_trip(gw: Any, kind: str) -> None:
    first = gw.import_rest_api(body=petstore_bytes())
    body = export(gw, first["id"], kind)
    validate(json.loads(body))
    second = gw.import_rest_api(body=body)
    assert shape(gw, second["id"]) == shape(gw, first["id"])
    again = export(gw, second["id"], kind)
    assert json.loads(again)["paths"] == json.loads(body)["paths"]


def test_yaml_export_imports(gw: Any) -> None:
    first = gw.import_rest_api(body=petstore_bytes())
    body = export(gw, first["id"], "oas30", "application/yaml")
    validate(yaml.safe_load(body))
    second = gw.import_rest_api(body=body)
    assert shape(gw, second["id"]) == shape(gw, first["id"])


def test_put_overwrite_with_the_export_restores(gw: Any) -> None:
    api = gw.import_rest_api(body=petstore_bytes())
    before = shape(gw, api["id"])
    body = export(gw, api["id"], "oas30")
    gw.put_rest_api(restApiId=api["id"], mode="overwrite", body=body)
    assert shape(gw, api["id"]) == before


_SEGMENT = st.sampled_from(
    ["pets", "owners", "toys", "{id}", "v1"]
)  # one variable name: siblings may not differ
_VERB = st.sampled_from(["get", "post", "put", "delete", "patch", "x-amazon-apigateway-any-method"])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Small OpenAPI 3 documents: paths, verbs, query parameters, MOCK or HTTP integrations,
    models referenced by request bodies."""
    schemas = {
        name: {
            "type": "object",
            "properties": {"n": {"type": draw(st.sampled_from(["string", "integer"]))}},
        }
        for name in draw(st.lists(st.sampled_from(["A", "B", "C"]), unique=True, max_size=3))
    }
    paths: dict[str, Any] = {}
    for segments in draw(
        st.lists(st.lists(_SEGMENT, min_size=1, max_size=3), min_size=1, max_size=4)
    ):
        # A path variable must not repeat within one path.
        if len([s for s in segments if s.startswith("{")]) != len(
            {s for s in segments if s.startswith("{")}
        ):
            continue
        path = "/" + "/".join(segments)
        item: dict[str, Any] = {}
        declared = [
            {"name": s[1:-1], "in": "path", "required": True, "schema": {"type": "string"}}
            for s in segments
            if s.startswith("{")
        ]
        if declared:
            item["parameters"] = declared
        for verb in draw(st.lists(_VERB, unique=True, min_size=1, max_size=3)):
            op: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
            if draw(st.booleans()):
                op["parameters"] = [
                    {
                        "name": "q",
                        "in": "query",
                        "required": draw(st.booleans()),
                        "schema": {"type": "string"},
                    }
                ]
            if schemas and verb in ("post", "put") and draw(st.booleans()):
                name = draw(st.sampled_from(sorted(schemas)))
                op["requestBody"] = {
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    }
                }
            if draw(st.booleans()):
                op["x-amazon-apigateway-integration"] = {
                    "type": "mock",
                    "requestTemplates": {"application/json": '{"statusCode": 200}'},
                    "responses": {"default": {"statusCode": "200"}},
                }
            else:
                op["x-amazon-apigateway-integration"] = {
                    "type": "http_proxy",
                    "httpMethod": "ANY",
                    "uri": f"{BACKEND}/any",
                }
            item[verb] = op
        paths[path] = item
    if not paths:
        paths["/pets"] = {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}
    doc: dict[str, Any] = {"openapi": "3.0.1", "info": {"title": "gen"}, "paths": paths}
    if schemas:
        doc["components"] = {"schemas": schemas}
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["oas30", "swagger"]))
def test_generated_documents_round_trip(doc: dict[str, Any], kind: str) -> None:
    with Cloud(clock=ManualClock(1_700_000_000), seed=7) as cloud:
        cloud.gateway.backend(BACKEND, pet_shop)
        gw = cloud.client("apigateway")
        first = gw.import_rest_api(body=json.dumps(doc).encode())
        assert "warnings" not in first
        wanted = set(doc["paths"])
        found = {r["path"] for r in gw.get_resources(restApiId=first["id"], limit=500)["items"]}
        assert wanted <= found
        body = export(gw, first["id"], kind)
        validate(json.loads(body))
        second = gw.import_rest_api(body=body)
        assert shape(gw, second["id"]) == shape(gw, first["id"])


def _settings(gw: Any, api_id: str) -> dict[str, Any]:
    api = gw.get_rest_api(restApiId=api_id)
    authorizers = {
        a["name"]: {k: v for k, v in a.items() if k not in ("id", "ResponseMetadata")}
        for a in gw.get_authorizers(restApiId=api_id)["items"]
    }
    responses = {
        r["responseType"]: r
        for r in gw.get_gateway_responses(restApiId=api_id, limit=500)["items"]
        if not r.get("defaultResponse")
    }
    return {
        "disableExecuteApiEndpoint": api["disableExecuteApiEndpoint"],
        "apiKeySource": api["apiKeySource"],
        "binaryMediaTypes": api.get("binaryMediaTypes"),
        "authorizers": authorizers,
        "gatewayResponses": responses,
    }


AUTH_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"
)
POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"


@pytest.mark.parametrize("kind", ["oas30", "swagger"])
def test_security_and_settings_round_trip(gw: Any, kind: str) -> None:
    doc = json.loads(petstore_bytes())
    doc["x-amazon-apigateway-api-key-source"] = "AUTHORIZER"
    doc["x-amazon-apigateway-binary-media-types"] = ["image/png"]
    doc["x-amazon-apigateway-endpoint-configuration"] = {"disableExecuteApiEndpoint": True}
    doc["x-amazon-apigateway-gateway-responses"] = {
        "UNAUTHORIZED": {
            "statusCode": "401",
            "responseTemplates": {"application/json": '{"m": "$context.error.message"}'},
        }
    }
    doc["components"]["securitySchemes"] = {
        "token": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {
                "type": "token",
                "authorizerUri": AUTH_URI,
                "authorizerResultTtlInSeconds": 60,
            },
        },
        "pool": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {
                "type": "cognito_user_pools",
                "providerARNs": [POOL],
            },
        },
        "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
    }
    doc["paths"]["/pets"]["get"]["security"] = [{"token": []}, {"api_key": []}]
    doc["paths"]["/pets/{petId}"]["get"]["security"] = [{"pool": ["pets/read"]}]
    first = gw.import_rest_api(body=json.dumps(doc).encode())
    body = export(gw, first["id"], kind)
    validate(json.loads(body))
    second = gw.import_rest_api(body=body)
    assert shape(gw, second["id"]) == shape(gw, first["id"])
    assert _settings(gw, second["id"]) == _settings(gw, first["id"])
    get = shape(gw, first["id"])["resources"]["/pets"]["GET"]
    assert (get["authorizationType"], get["authorizerId"], get["apiKeyRequired"]) == (
        "CUSTOM",
        "token",
        True,
    )
