"""ImportRestApi and PutRestApi on the PetStore example and on small documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.gateway import LimitExceededException

from .conftest import petstore, petstore_bytes


def _error(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def _paths(gw: Any, api_id: str) -> dict[str, list[str]]:
    items = gw.get_resources(restApiId=api_id, limit=500)["items"]
    return {r["path"]: sorted(r.get("resourceMethods", {})) for r in items}


def _doc(paths: dict[str, Any], **extra: Any) -> bytes:
    return json.dumps(
        {"openapi": "3.0.1", "info": {"title": "t"}, "paths": paths, **extra}
    ).encode()


class TestPetStore:
    def test_resources_and_methods(self, gw: Any) -> None:
        api = gw.import_rest_api(body=petstore_bytes())
        assert api["name"] == "PetStore"
        assert "warnings" not in api
        assert _paths(gw, api["id"]) == {
            "/": [],
            "/pets": ["GET", "OPTIONS", "POST"],
            "/pets/{petId}": ["GET"],
        }

    def test_models_are_draft4_with_model_urls(self, gw: Any) -> None:
        api = gw.import_rest_api(body=petstore_bytes())
        names = {m["name"] for m in gw.get_models(restApiId=api["id"])["items"]}
        assert names == {"Empty", "Error", "Pets", "NewPetResponse", "Pet", "NewPet", "PetType"}
        pets = json.loads(gw.get_model(restApiId=api["id"], modelName="Pets")["schema"])
        assert pets["$schema"] == "http://json-schema.org/draft-04/schema#"
        assert pets["items"]["$ref"] == (
            f"https://apigateway.amazonaws.com/restapis/{api['id']}/models/Pet"
        )

    def test_method_integration_and_validator(self, gw: Any) -> None:
        api = gw.import_rest_api(body=petstore_bytes())
        ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        post = gw.get_method(restApiId=api["id"], resourceId=ids["/pets"], httpMethod="POST")
        assert post["requestModels"] == {"application/json": "NewPet"}
        assert post["operationName"] == "CreatePet"
        validator = gw.get_request_validator(
            restApiId=api["id"], requestValidatorId=post["requestValidatorId"]
        )
        assert (validator["name"], validator["validateRequestBody"]) == ("body-only", True)
        assert post["methodResponses"]["200"]["responseModels"] == {
            "application/json": "NewPetResponse"
        }
        get = gw.get_method(restApiId=api["id"], resourceId=ids["/pets"], httpMethod="GET")
        assert get["requestParameters"] == {
            "method.request.querystring.type": False,
            "method.request.querystring.page": False,
        }
        integration = get["methodIntegration"]
        assert (integration["type"], integration["httpMethod"]) == ("HTTP", "GET")
        assert integration["uri"] == "http://petstore-demo-endpoint.execute-api.com/petstore/pets"
        assert integration["integrationResponses"]["200"]["responseParameters"] == {
            "method.response.header.Access-Control-Allow-Origin": "'*'"
        }

    def test_yaml_body(self, gw: Any) -> None:
        api = gw.import_rest_api(body=yaml.safe_dump(petstore()).encode())
        assert "/pets/{petId}" in _paths(gw, api["id"])

    def test_swagger2_body_parameter_and_definitions(self, gw: Any) -> None:
        doc = {
            "swagger": "2.0",
            "info": {"title": "s"},
            "definitions": {"Pet": {"type": "object"}},
            "paths": {
                "/pets": {
                    "post": {
                        "consumes": ["application/json"],
                        "parameters": [
                            {"in": "body", "name": "b", "schema": {"$ref": "#/definitions/Pet"}}
                        ],
                        "responses": {"201": {"description": "made"}},
                    }
                }
            },
        }
        api = gw.import_rest_api(body=json.dumps(doc).encode())
        ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        post = gw.get_method(restApiId=api["id"], resourceId=ids["/pets"], httpMethod="POST")
        assert post["requestModels"] == {"application/json": "Pet"}
        assert list(post["methodResponses"]) == ["201"]


class TestRefusals:
    def test_not_a_document(self, gw: Any) -> None:
        before = gw.get_rest_apis()["items"]
        assert _error(gw.import_rest_api, body=b"{not json") == (
            "BadRequestException",
            "Invalid OpenAPI input.",
        )
        assert _error(gw.import_rest_api, body=b'{"openapi": "2.0", "paths": {}}')[0] == (
            "BadRequestException"
        )
        assert gw.get_rest_apis()["items"] == before

    def test_missing_model_reference_is_a_warning(self, gw: Any) -> None:
        doc = petstore()
        doc["components"]["schemas"].pop("Pet")
        body = json.dumps(doc).encode()
        code, message = _error(gw.import_rest_api, body=body, failOnWarnings=True)
        assert code == "BadRequestException"
        assert message.startswith("Warnings found during import:")
        assert "#/components/schemas/Pet" in message
        assert gw.get_rest_apis()["items"] == []
        api = gw.import_rest_api(body=body)
        assert len(api["warnings"]) == 3  # Pets' items, NewPetResponse's pet, GET /pets/{petId}
        ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        get = gw.get_method(restApiId=api["id"], resourceId=ids["/pets/{petId}"], httpMethod="GET")
        assert not get["methodResponses"]["200"].get("responseModels")

    def test_engine_refusal_removes_the_half_built_api(self, gw: Any) -> None:
        doc = petstore()
        doc["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["type"] = "bogus"
        assert _error(gw.import_rest_api, body=json.dumps(doc).encode())[0] == (
            "BadRequestException"
        )
        assert gw.get_rest_apis()["items"] == []

    def test_documentation_refused_unless_ignored(self, gw: Any) -> None:
        body = _doc({"/a": {"get": {}}}, **{"x-amazon-apigateway-documentation": {"parts": []}})
        code, message = _error(gw.import_rest_api, body=body)
        assert code == "BadRequestException"
        assert "x-amazon-apigateway-documentation" in message
        api = gw.import_rest_api(body=body, parameters={"ignore": "documentation"})
        assert "/a" in _paths(gw, api["id"])

    def test_policy_is_not_emulated(self, gw: Any) -> None:
        body = _doc({}, **{"x-amazon-apigateway-policy": {"Version": "2012-10-17"}})
        assert "x-amazon-apigateway-policy" in _error(gw.import_rest_api, body=body)[1]

    def test_bad_parameters(self, gw: Any) -> None:
        body = _doc({})
        assert _error(gw.import_rest_api, body=body, parameters={"basepath": "keep"}) == (
            "BadRequestException",
            "Invalid basepath parameter value: keep. Valid values are: [ignore, prepend, split]",
        )
        assert _error(gw.import_rest_api, body=body, parameters={"color": "x"})[0] == (
            "BadRequestException"
        )

    def test_bad_path(self, gw: Any) -> None:
        assert _error(gw.import_rest_api, body=_doc({"/a b": {"get": {}}}))[0] == (
            "BadRequestException"
        )


class TestWarnings:
    BODY = _doc(
        {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {}}}}}}},
        **{"x-amazon-apigateway-cors": {"allowOrigins": ["*"]}},
    )

    def test_warnings_are_answered(self, gw: Any) -> None:
        api = gw.import_rest_api(body=self.BODY)
        assert len(api["warnings"]) == 2
        assert any("x-amazon-apigateway-cors" in w for w in api["warnings"])

    def test_fail_on_warnings_refuses(self, gw: Any) -> None:
        code, message = _error(gw.import_rest_api, body=self.BODY, failOnWarnings=True)
        assert code == "BadRequestException"
        assert message.startswith("Warnings found during import:")
        assert gw.get_rest_apis()["items"] == []

    def test_no_warning_passes_fail_on_warnings(self, gw: Any) -> None:
        assert "warnings" not in gw.import_rest_api(body=_doc({"/a": {}}), failOnWarnings=True)


class TestParameters:
    SWAGGER = json.dumps(
        {
            "swagger": "2.0",
            "info": {"title": "b"},
            "basePath": "/v1/shop",
            "paths": {"/x": {"get": {}}},
        }
    ).encode()

    @pytest.mark.parametrize(
        ("mode", "path"),
        [("ignore", "/x"), ("prepend", "/v1/shop/x"), ("split", "/shop/x")],
    )
    def test_basepath(self, gw: Any, mode: str, path: str) -> None:
        api = gw.import_rest_api(body=self.SWAGGER, parameters={"basepath": mode})
        assert _paths(gw, api["id"])[path] == ["GET"]

    def test_endpoint_configuration(self, gw: Any) -> None:
        api = gw.import_rest_api(
            body=_doc({}), parameters={"endpointConfigurationTypes": "REGIONAL"}
        )
        assert api["endpointConfiguration"]["types"] == ["REGIONAL"]
        on_server = {
            "servers": [
                {
                    "url": "https://example.com",
                    "x-amazon-apigateway-endpoint-configuration": {"types": ["REGIONAL"]},
                }
            ]
        }
        assert gw.import_rest_api(body=_doc({}, **on_server))["endpointConfiguration"]["types"] == [
            "REGIONAL"
        ]
        disabled = {
            "x-amazon-apigateway-endpoint-configuration": {"disableExecuteApiEndpoint": True}
        }
        assert gw.import_rest_api(body=_doc({}, **disabled))["disableExecuteApiEndpoint"] is True
        ext = {"x-amazon-apigateway-endpoint-configuration": {"types": ["REGIONAL"]}}
        assert gw.import_rest_api(body=_doc({}, **ext))["endpointConfiguration"]["types"] == [
            "REGIONAL"
        ]

    def test_api_settings(self, gw: Any) -> None:
        ext = {
            "x-amazon-apigateway-api-key-source": "AUTHORIZER",
            "x-amazon-apigateway-binary-media-types": ["image/png"],
            "x-amazon-apigateway-gateway-responses": {
                "DEFAULT_4XX": {"responseTemplates": {"application/json": '{"m": 1}'}}
            },
        }
        api = gw.import_rest_api(body=_doc({}, **ext))
        assert (api["apiKeySource"], api["binaryMediaTypes"]) == ("AUTHORIZER", ["image/png"])
        found = gw.get_gateway_response(restApiId=api["id"], responseType="DEFAULT_4XX")
        assert found["responseTemplates"] == {"application/json": '{"m": 1}'}


class TestSecurity:
    def test_authorizer_api_key_and_iam(self, cloud: Cloud, gw: Any) -> None:
        uri = (
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"
        )
        doc = _doc(
            {
                "/a": {
                    "get": {"security": [{"token": []}, {"api_key": []}]},
                    "put": {"security": [{"sigv4": []}]},
                }
            },
            components={
                "securitySchemes": {
                    "token": {
                        "type": "apiKey",
                        "name": "Authorization",
                        "in": "header",
                        "x-amazon-apigateway-authtype": "custom",
                        "x-amazon-apigateway-authorizer": {
                            "type": "token",
                            "authorizerUri": uri,
                            "authorizerResultTtlInSeconds": 60,
                        },
                    },
                    "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
                    "sigv4": {
                        "type": "apiKey",
                        "name": "Authorization",
                        "in": "header",
                        "x-amazon-apigateway-authtype": "awsSigv4",
                    },
                }
            },
        )
        api = gw.import_rest_api(body=doc)
        ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        get = gw.get_method(restApiId=api["id"], resourceId=ids["/a"], httpMethod="GET")
        assert (get["authorizationType"], get["apiKeyRequired"]) == ("CUSTOM", True)
        authorizer = gw.get_authorizer(restApiId=api["id"], authorizerId=get["authorizerId"])
        assert authorizer["identitySource"] == "method.request.header.Authorization"
        assert authorizer["authorizerResultTtlInSeconds"] == 60
        put = gw.get_method(restApiId=api["id"], resourceId=ids["/a"], httpMethod="PUT")
        assert put["authorizationType"] == "AWS_IAM"

    def test_undefined_scheme_refused(self, gw: Any) -> None:
        body = _doc({"/a": {"get": {"security": [{"nope": []}]}}})
        assert "nope" in _error(gw.import_rest_api, body=body)[1]


class TestPutRestApi:
    def test_merge_adds_and_keeps(self, gw: Any) -> None:
        api = gw.import_rest_api(body=petstore_bytes())
        gw.put_rest_api(restApiId=api["id"], body=_doc({"/owners": {"get": {}}}))
        paths = _paths(gw, api["id"])
        assert paths["/owners"] == ["GET"]
        assert paths["/pets"] == ["GET", "OPTIONS", "POST"]

    def test_merge_replaces_a_method(self, gw: Any) -> None:
        api = gw.import_rest_api(body=_doc({"/a": {"get": {"operationId": "one"}}}))
        gw.put_rest_api(restApiId=api["id"], body=_doc({"/a": {"get": {"operationId": "two"}}}))
        ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
        method = gw.get_method(restApiId=api["id"], resourceId=ids["/a"], httpMethod="GET")
        assert method["operationName"] == "two"

    @pytest.mark.parametrize("order", ["as written", "sorted"])
    def test_overwrite_replaces_everything(self, gw: Any, order: str) -> None:
        doc = petstore()
        if order == "sorted":  # Pet comes before Pets, which refers to it
            doc["components"]["schemas"] = dict(sorted(doc["components"]["schemas"].items()))
        api = gw.import_rest_api(body=json.dumps(doc).encode())
        gw.put_rest_api(restApiId=api["id"], mode="overwrite", body=_doc({"/owners": {"get": {}}}))
        assert _paths(gw, api["id"]) == {"/": [], "/owners": ["GET"]}
        names = {m["name"] for m in gw.get_models(restApiId=api["id"])["items"]}
        assert names == {"Empty", "Error"}
        assert gw.get_request_validators(restApiId=api["id"])["items"] == []

    def test_refused_document_changes_nothing(self, gw: Any) -> None:
        api = gw.import_rest_api(body=petstore_bytes())
        before = _paths(gw, api["id"])
        doc = petstore()
        doc["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["type"] = "bogus"
        for mode in ("merge", "overwrite"):
            body = json.dumps(doc).encode()
            assert _error(gw.put_rest_api, restApiId=api["id"], mode=mode, body=body)[0] == (
                "BadRequestException"
            )
            assert _paths(gw, api["id"]) == before
        assert [a["id"] for a in gw.get_rest_apis()["items"]] == [api["id"]]

    def test_bad_mode_and_unknown_api(self, gw: Any) -> None:
        api = gw.import_rest_api(body=_doc({}))
        assert _error(gw.put_rest_api, restApiId=api["id"], mode="replace", body=_doc({}))[1] == (
            "Invalid mode: replace. Valid values are: [merge, overwrite]"
        )
        assert _error(gw.put_rest_api, restApiId="nope123456", body=_doc({}))[0] == (
            "NotFoundException"
        )


def test_put_and_reimport_work_at_the_api_quota(cloud: Cloud, gw: Any) -> None:
    """PutRestApi needs no second API: at the Region's quota it still updates."""
    engine = cloud.engine("apigateway")
    first = gw.import_rest_api(body=_doc({"/a": {"get": {}}}))
    for _ in range(engine.limits.max_edge_apis - 1):
        engine.create_rest_api({"name": "filler"})
    with pytest.raises(LimitExceededException):
        engine.create_rest_api({"name": "one too many"})
    gw.put_rest_api(restApiId=first["id"], mode="overwrite", body=_doc({"/b": {"get": {}}}))
    assert _paths(gw, first["id"]) == {"/": [], "/b": ["GET"]}


def test_models_that_refer_to_each_other(gw: Any) -> None:
    schemas = {
        "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
        "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
        "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
    }
    api = gw.import_rest_api(body=_doc({}, components={"schemas": schemas}))
    a = json.loads(gw.get_model(restApiId=api["id"], modelName="A")["schema"])
    assert a["properties"]["b"]["$ref"].endswith(f"/restapis/{api['id']}/models/B")
    gw.put_rest_api(restApiId=api["id"], mode="overwrite", body=_doc({}))
    names = {m["name"] for m in gw.get_models(restApiId=api["id"])["items"]}
    assert names == {"Empty", "Error"}


def test_aws_variables_resolve(gw: Any) -> None:
    uri = (
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f/invocations"
    )
    integration = {"type": "aws_proxy", "httpMethod": "POST", "uri": uri}
    api = gw.import_rest_api(
        body=_doc({"/a": {"get": {"x-amazon-apigateway-integration": integration}}})
    )
    ids = {r["path"]: r["id"] for r in gw.get_resources(restApiId=api["id"])["items"]}
    found = gw.get_integration(restApiId=api["id"], resourceId=ids["/a"], httpMethod="GET")
    assert found["uri"] == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:f/invocations"
    )


def test_a_validator_that_is_not_an_object(gw: Any) -> None:
    body = _doc(
        {"/a": {"get": {"x-amazon-apigateway-request-validator": "v"}}},
        **{"x-amazon-apigateway-request-validators": {"v": 1}},
    )
    assert _error(gw.import_rest_api, body=body)[0] == "BadRequestException"
    assert gw.get_rest_apis()["items"] == []


def test_put_applies_api_settings(gw: Any) -> None:
    api = gw.import_rest_api(body=_doc({}, **{"x-amazon-apigateway-binary-media-types": ["a/b"]}))
    ext = {
        "x-amazon-apigateway-endpoint-configuration": {"disableExecuteApiEndpoint": True},
        "x-amazon-apigateway-binary-media-types": ["image/png"],
        "x-amazon-apigateway-api-key-source": "AUTHORIZER",
    }
    gw.put_rest_api(restApiId=api["id"], body=_doc({}, **ext))
    merged = gw.get_rest_api(restApiId=api["id"])
    assert merged["disableExecuteApiEndpoint"] is True
    assert (merged["apiKeySource"], merged["binaryMediaTypes"]) == (
        "AUTHORIZER",
        ["a/b", "image/png"],
    )
    gw.put_rest_api(restApiId=api["id"], mode="overwrite", body=_doc({}))
    replaced = gw.get_rest_api(restApiId=api["id"])
    assert (replaced["apiKeySource"], replaced.get("binaryMediaTypes")) == ("HEADER", None)


def test_definition_size_limit(cloud: Cloud) -> None:
    """6 MB is the largest definition ImportRestApi takes; one byte more is refused."""
    gw = cloud.client("apigateway")
    limit = cloud.engine("apigateway").limits.max_import_body_bytes
    assert limit == 6 * 1024 * 1024
    info: dict[str, str] = {"title": "t", "description": ""}
    head: dict[str, Any] = {"openapi": "3.0.1", "info": info, "paths": {}}
    pad = limit - len(json.dumps(head).encode())
    info["description"] = "x" * pad
    body = json.dumps(head).encode()
    assert len(body) == limit
    api = gw.import_rest_api(body=body)
    assert len(api["description"]) == pad
    code, message = _error(gw.import_rest_api, body=body + b" ")
    assert code == "BadRequestException"
    assert "larger than the maximum" in message
    assert len(gw.get_rest_apis()["items"]) == 1
