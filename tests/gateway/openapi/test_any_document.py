"""No document, however malformed, gets a bare Python error: every refusal is
BadRequestException, and a refused import leaves no API behind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyserverless import Cloud

from .conftest import BACKEND, pet_shop, petstore

_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 600),
    st.sampled_from(
        ["", "x", "get", "/a", "#/components/schemas/A", "#/definitions/A", "mock", "2.0"]
    ),
)
_KEYS = st.sampled_from(
    [
        "info", "title", "paths", "/a", "/a/{id}", "$default", "get", "post",
        "x-amazon-apigateway-any-method", "parameters", "in", "name", "required", "schema",
        "$ref", "responses", "200", "default", "content", "application/json", "requestBody",
        "security", "components", "schemas", "securitySchemes", "definitions",
        "x-amazon-apigateway-integration", "type", "uri", "statusCode",
        "x-amazon-apigateway-authorizer", "x-amazon-apigateway-request-validators",
        "x-amazon-apigateway-request-validator", "x-amazon-apigateway-gateway-responses",
        "x-amazon-apigateway-cors", "servers", "url", "variables", "basePath", "headers",
        "x-amazon-apigateway-integrations", "jwtConfiguration", "identitySource",
        "x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-endpoint-configuration",
    ]
)  # fmt: skip
_TREE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=30,
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = draw(st.dictionaries(_KEYS, _TREE, max_size=6))
    doc.update(draw(st.sampled_from([{"openapi": "3.0.1"}, {"swagger": "2.0"}])))
    if draw(st.booleans()):
        doc["info"] = {"title": "t"}
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(), st.sampled_from(["rest", "put", "http", "reimport"]))
def test_any_document(doc: dict[str, Any], door: str) -> None:
    with Cloud.manual() as cloud:
        gw, v2 = cloud.client("apigateway"), cloud.client("apigatewayv2")
        body = json.dumps(doc)
        target = ""
        if door == "put":
            target = gw.create_rest_api(name="x")["id"]
        elif door == "reimport":
            target = v2.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
        try:
            if door == "rest":
                gw.import_rest_api(body=body.encode())
            elif door == "put":
                gw.put_rest_api(restApiId=target, body=body.encode(), mode="overwrite")
            elif door == "http":
                v2.import_api(Body=body)
            else:
                v2.reimport_api(ApiId=target, Body=body)
        except ClientError as err:
            code = err.response["Error"]["Code"]
        else:
            return
        assert code in ("BadRequestException", "NotFoundException")
        apis = gw.get_rest_apis()["items"] + v2.get_apis()["Items"]
        assert len(apis) == (1 if target else 0)


_VALUE = st.one_of(
    _LEAF,
    st.text(max_size=5),
    st.sampled_from(["#/components/schemas/Pet", "v", "aws_proxy", "http_proxy", "/x"]),
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: [1]),
    st.builds(lambda: {"a": 1}),
)


def _places(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if at:
        yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*at, index))


@st.composite
def petstores(draw: st.DrawFn) -> dict[str, Any]:
    """PetStore with one to three nodes replaced by odd values."""
    doc = petstore()
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(_places(doc))))
        node = doc
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = draw(_VALUE)
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(petstores(), st.booleans())
def test_any_petstore_variant(doc: dict[str, Any], put: bool) -> None:
    with Cloud.manual() as cloud:
        cloud.gateway.backend(BACKEND, pet_shop)
        gw = cloud.client("apigateway")
        first = gw.import_rest_api(body=json.dumps(petstore()).encode()) if put else None
        try:
            if first is not None:
                gw.put_rest_api(restApiId=first["id"], body=json.dumps(doc).encode())
            else:
                gw.import_rest_api(body=json.dumps(doc).encode())
        except ClientError as err:
            code = err.response["Error"]["Code"]
        else:
            return
        assert code in ("BadRequestException", "NotFoundException", "ConflictException")
        assert len(gw.get_rest_apis()["items"]) == (1 if put else 0)
