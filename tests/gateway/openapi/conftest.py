"""Fixtures for OpenAPI import and export: a Cloud on a manual clock, the client, and
the PetStore example (written here from the documented facts of AWS's example: its
paths, operations, models and integrations)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pyserverless import Cloud, ManualClock, mock_aws
from pyserverless.gateway import BackendRequest

BACKEND = "http://petstore-demo-endpoint.execute-api.com"
CORS = {
    "method.response.header.Access-Control-Allow-Origin": "'*'",
}


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    with Cloud(clock=ManualClock(1_700_000_000), seed=21) as c:
        yield c


PETS = [
    {"id": 1, "type": "dog", "price": 249.99},
    {"id": 2, "type": "cat", "price": 124.99},
    {"id": 3, "type": "fish", "price": 0.99},
]


def pet_shop(request: BackendRequest) -> Any:
    """The PetStore's demo backend, in Python (pyserverless has no network)."""
    if request.method == "POST":
        pet = json.loads(request.body or b"{}")
        return {"pet": pet, "message": "success"}
    tail = request.path.rsplit("/", 1)[-1]
    if tail.isdigit():
        return next((p for p in PETS if p["id"] == int(tail)), {"message": "not found"})
    return PETS


@pytest.fixture(params=["client", "boto3"])
def gw(request: pytest.FixtureRequest, cloud: Cloud) -> Iterator[Any]:
    """The apigateway client: pyserverless's own, or boto3's through the bridge."""
    cloud.gateway.backend(BACKEND, pet_shop)
    if request.param == "client":
        yield cloud.client("apigateway")
    else:
        with mock_aws(cloud):
            yield boto3.client("apigateway", region_name="us-east-1")


def _http(verb: str, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
    integration: dict[str, Any] = {
        "type": "http",
        "httpMethod": verb,
        "uri": f"{BACKEND}/petstore{path}",
        "passthroughBehavior": "when_no_match",
        "responses": {"default": {"statusCode": "200", "responseParameters": dict(CORS)}},
    }
    if params:
        integration["requestParameters"] = params
    return integration


def _ok(model: str | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": "Successful operation",
        "headers": {"Access-Control-Allow-Origin": {"schema": {"type": "string"}}},
    }
    if model:
        response["content"] = {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}
        }
    return response


def petstore() -> dict[str, Any]:
    """The PetStore API as an OpenAPI 3 document with API Gateway's extensions."""
    return copy.deepcopy(_PETSTORE)


def petstore_bytes() -> bytes:
    return json.dumps(petstore()).encode()


_PETSTORE: dict[str, Any] = {
    "openapi": "3.0.1",
    "info": {"title": "PetStore", "description": "Your first API with Amazon API Gateway."},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "ListPets",
                "parameters": [
                    {"name": "type", "in": "query", "schema": {"type": "string"}},
                    {"name": "page", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": _ok("Pets")},
                "x-amazon-apigateway-integration": _http(
                    "GET",
                    "/pets",
                    {
                        "integration.request.querystring.page": "method.request.querystring.page",
                        "integration.request.querystring.type": "method.request.querystring.type",
                    },
                ),
            },
            "post": {
                "operationId": "CreatePet",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}
                    },
                    "required": True,
                },
                "responses": {"200": _ok("NewPetResponse")},
                "x-amazon-apigateway-request-validator": "body-only",
                "x-amazon-apigateway-integration": _http("POST", "/pets"),
            },
            "options": {
                "responses": {"200": _ok("Empty")},
                "x-amazon-apigateway-integration": {
                    "type": "mock",
                    "requestTemplates": {"application/json": '{"statusCode": 200}'},
                    "passthroughBehavior": "when_no_match",
                    "responses": {
                        "default": {"statusCode": "200", "responseParameters": dict(CORS)}
                    },
                },
            },
        },
        "/pets/{petId}": {
            "get": {
                "operationId": "GetPet",
                "parameters": [
                    {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": _ok("Pet")},
                "x-amazon-apigateway-integration": _http(
                    "GET",
                    "/pets/{petId}",
                    {"integration.request.path.petId": "method.request.path.petId"},
                ),
            },
        },
    },
    "components": {
        "schemas": {
            "Pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
            "Empty": {"type": "object"},
            "NewPetResponse": {
                "type": "object",
                "properties": {
                    "pet": {"$ref": "#/components/schemas/Pet"},
                    "message": {"type": "string"},
                },
            },
            "Pet": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "type": {"type": "string"},
                    "price": {"type": "number"},
                },
            },
            "NewPet": {
                "type": "object",
                "required": ["type", "price"],
                "properties": {
                    "type": {"$ref": "#/components/schemas/PetType"},
                    "price": {"type": "number", "minimum": 25, "maximum": 500},
                },
            },
            "PetType": {"type": "string", "enum": ["dog", "cat", "fish", "bird", "gecko"]},
        }
    },
    "x-amazon-apigateway-request-validators": {
        "body-only": {"validateRequestBody": True, "validateRequestParameters": False}
    },
}
