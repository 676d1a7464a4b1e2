"""Rows of AWS-recorded answers for ``test_aws_verified.py``: shared helpers, RestApis and
Resources (source: localstack/localstack ``tests/aws/services/apigateway/
test_apigateway_api.py``, tests marked ``@markers.aws.validated``, and its ``.snapshot.json``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

SNAP = "localstack test_apigateway_api.snapshot.json"
LAMBDA_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations"
)
SCHEMA = json.dumps({"title": "MySchema", "type": "object"})
RESPONSE_TYPES = (
    "REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, "
    "MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, "
    "BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, "
    "ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, "
    "API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN"
)
BAD_TYPE = (
    "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to "
    f"satisfy constraint: Member must satisfy enum value set: [{RESPONSE_TYPES}]"
)
NEEDS_AUTHORIZER = (
    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
    "COGNITO_USER_POOLS requires a valid authorizer."
)
COMPRESSION = "Invalid minimum compression size, must be between 0 and 10485760"


def _op(op: str, path: str, value: str | None = None) -> dict[str, str]:
    found = {"op": op, "path": path}
    if value is not None:
        found["value"] = value
    return found


@attrs.frozen
class Row:
    """One request (placeholders ``$api``, ``$root``, ``$pets``, ``$sub``, ``$validator``)
    and AWS's answer: an error ``(status, code, message)`` or fields the reply holds."""

    id: str
    src: str
    call: str
    params: Mapping[str, Any]
    error: tuple[int, str, str] | None = None
    reply: Mapping[str, Any] | None = None
    absent: tuple[str, ...] = ()
    status: int | None = None


def _err(status: int, code: str, message: str) -> tuple[int, str, str]:
    return (status, code, message)


def _not_found(what: str) -> tuple[int, str, str]:
    return _err(404, "NotFoundException", f"Invalid {what} identifier specified")


def _bad(message: str) -> tuple[int, str, str]:
    return _err(400, "BadRequestException", message)


def _api_ops(*ops: dict[str, str]) -> dict[str, Any]:
    return {"restApiId": "$api", "patchOperations": list(ops)}


ROWS_REST_API = (
    # test_create_rest_api_with_optional_params
    Row(
        "create-empty-desc",
        f"{SNAP} create-empty-desc",
        "create_rest_api",
        {"name": "x", "description": ""},
        _bad("Description cannot be an empty string"),
    ),
    Row(
        "create-with-version",
        f"{SNAP} create-with-version",
        "create_rest_api",
        {"name": "x", "version": "v1"},
        reply={"version": "v1", "apiKeySource": "HEADER"},
        status=201,
    ),
    Row(
        "create-empty-binary-media",
        f"{SNAP} create-with-empty-binary-media",
        "create_rest_api",
        {"name": "x", "binaryMediaTypes": []},
        reply={"disableExecuteApiEndpoint": False},
        absent=("binaryMediaTypes",),
    ),
    Row(
        "create-negative-compression",
        f"{SNAP} string-compression-size",
        "create_rest_api",
        {"name": "x", "minimumCompressionSize": -1},
        _bad(COMPRESSION),
    ),
    Row(
        "create-defaults",
        f"{SNAP} create-only-name",
        "create_rest_api",
        {"name": "x"},
        reply={
            "apiKeySource": "HEADER",
            "disableExecuteApiEndpoint": False,
            "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "ipv4"},
        },
        absent=("description", "version", "binaryMediaTypes"),
    ),
    # test_update_rest_api_operation_add_remove / _behaviour / _compression
    Row(
        "bmt-add",
        f"{SNAP} update-rest-api-add",
        "update_rest_api",
        _api_ops(
            _op("add", "/binaryMediaTypes/image~1png"), _op("add", "/binaryMediaTypes/image~1jpeg")
        ),
        reply={"binaryMediaTypes": ["image/png", "image/jpeg"], "description": "d"},
    ),
    Row(
        "bmt-add-replace",
        f"{SNAP} update-rest-api-replace",
        "update_rest_api",
        _api_ops(
            _op("add", "/binaryMediaTypes/image~1png"),
            _op("add", "/binaryMediaTypes/image~1jpeg"),
            _op("replace", "/binaryMediaTypes/image~1png", "image/gif"),
        ),
        reply={"binaryMediaTypes": ["image/jpeg", "image/gif"]},
    ),
    Row(
        "bmt-remove-and-description",
        f"{SNAP} update-rest-api-remove",
        "update_rest_api",
        _api_ops(
            _op("add", "/binaryMediaTypes/image~1jpeg"),
            _op("add", "/binaryMediaTypes/image~1gif"),
            _op("remove", "/binaryMediaTypes/image~1gif"),
            _op("remove", "/description"),
        ),
        reply={"binaryMediaTypes": ["image/jpeg"]},
        absent=("description",),
    ),
    Row(
        "bmt-array-index-is-a-type",
        f"{SNAP} update-rest-api-array",
        "update_rest_api",
        _api_ops(_op("add", "/binaryMediaTypes/-", "image/png")),
        reply={"binaryMediaTypes": ["-"]},
    ),
    Row(
        "bmt-add-base",
        f"{SNAP} update-rest-api-add-base-path",
        "update_rest_api",
        _api_ops(_op("add", "/binaryMediaTypes", "image/gif")),
        _bad("Invalid patch path /binaryMediaTypes"),
    ),
    Row(
        "bmt-replace-base",
        f"{SNAP} update-rest-api-replace-base-path",
        "update_rest_api",
        _api_ops(_op("replace", "/binaryMediaTypes", "image/gif")),
        _bad("Invalid patch path /binaryMediaTypes"),
    ),
    Row(
        "bmt-remove-base",
        f"{SNAP} update-rest-api-remove-base-path",
        "update_rest_api",
        _api_ops(_op("remove", "/binaryMediaTypes")),
        _bad("Invalid patch path /binaryMediaTypes"),
    ),
    Row(
        "compression-off",
        f"{SNAP} disable-compression",
        "update_rest_api",
        _api_ops(_op("replace", "/minimumCompressionSize", "")),
        reply={"name": "api"},
        absent=("minimumCompressionSize",),
    ),
    Row(
        "compression-negative",
        f"{SNAP} set-negative-compression",
        "update_rest_api",
        _api_ops(_op("replace", "/minimumCompressionSize", "-1")),
        _bad(COMPRESSION),
    ),
    Row(
        "compression-text",
        f"{SNAP} set-string-compression",
        "update_rest_api",
        _api_ops(_op("replace", "/minimumCompressionSize", "test")),
        _bad(COMPRESSION),
    ),
    Row(
        "compression-add",
        f"{SNAP} unsupported-operation",
        "update_rest_api",
        _api_ops(_op("add", "/minimumCompressionSize", "10")),
        _bad("Invalid patch operation specified. Must be one of: [replace]"),
    ),
    Row(
        "update-unknown-api",
        f"{SNAP} not-found-update-rest-api",
        "update_rest_api",
        {"restApiId": "api_id", "patchOperations": [_op("replace", "/apiKeySource", "HEADER")]},
        _err(404, "NotFoundException", "Invalid API identifier specified 123456789012:api_id"),
    ),
    Row(
        "delete-rest-api-202",
        f"{SNAP} delete-rest-api",
        "delete_rest_api",
        {"restApiId": "$api"},
        reply={},
        status=202,
    ),
)

ROWS_RESOURCES = (
    # test_update_resource_behaviour, test_resource_lifecycle, test_create_proxy_resource*
    Row(
        "update-unknown-resource",
        f"{SNAP} nonexistent-resource",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "fake-resource",
            "patchOperations": [_op("replace", "/pathPart", "dogs")],
        },
        _not_found("Resource"),
    ),
    Row(
        "update-resource-bad-path",
        f"{SNAP} invalid-path-part",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("replace", "/invalid", "dogs")],
        },
        _bad(
            "Invalid patch path  '/invalid' specified for op 'replace'. "
            "Must be one of: [/parentId, /pathPart]"
        ),
    ),
    Row(
        "update-resource-unknown-parent",
        f"{SNAP} invalid-parent-id",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("replace", "/parentId", "fake-parent-id")],
        },
        _not_found("Resource"),
    ),
    Row(
        "update-parent-to-child",
        f"{SNAP} update-parent-id-to-subresource-id",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("replace", "/parentId", "$sub")],
        },
        _bad("Resources cannot be cyclical."),
    ),
    Row(
        "move-to-root",
        f"{SNAP} update-parent-id-to-root-id",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$sub",
            "patchOperations": [_op("replace", "/parentId", "$root")],
        },
        reply={"path": "/subpets", "pathPart": "subpets", "parentId": "$root"},
    ),
    Row(
        "rename-to-sibling",
        f"{SNAP} update-path-already-exists",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$other",
            "patchOperations": [_op("replace", "/pathPart", "pets")],
        },
        _err(
            409,
            "ConflictException",
            "Another resource with the same parent already has this name: pets",
        ),
    ),
    Row(
        "rename",
        f"{SNAP} update-path-part",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("replace", "/pathPart", "dogs")],
        },
        reply={"path": "/dogs", "pathPart": "dogs"},
    ),
    Row(
        "resource-remove",
        f"{SNAP} remove-unsupported",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("remove", "/pathPart")],
        },
        _bad(
            "Invalid patch path  '/pathPart' specified for op 'remove'. "
            "Please choose supported operations"
        ),
    ),
    Row(
        "resource-add",
        f"{SNAP} add-unsupported",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "patchOperations": [_op("add", "/pathPart", "added-pets")],
        },
        _bad(
            "Invalid patch path  '/pathPart' specified for op 'add'. "
            "Please choose supported operations"
        ),
    ),
    Row(
        "create-under-unknown-parent",
        f"{SNAP} wrong-resource-parent-id",
        "create_resource",
        {"restApiId": "$api", "parentId": "fake-resource-id", "pathPart": "subpets"},
        _not_found("Resource"),
    ),
    Row(
        "create-resource-201",
        f"{SNAP} create-resource",
        "create_resource",
        {"restApiId": "$api", "parentId": "$root", "pathPart": "cats"},
        reply={"path": "/cats", "pathPart": "cats", "parentId": "$root"},
        status=201,
    ),
    Row(
        "greedy-parent-sibling",
        f"{SNAP} create-greedy-child-resource",
        "create_resource",
        {"restApiId": "$api", "parentId": "$pets", "pathPart": "{child+}"},
        reply={"path": "/pets/{child+}"},
    ),
    Row(
        "delete-resource-202",
        f"{SNAP} del-resource",
        "delete_resource",
        {"restApiId": "$api", "resourceId": "$pets"},
        reply={},
        status=202,
    ),
)
