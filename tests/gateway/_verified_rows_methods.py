"""Rows of AWS-recorded answers for ``test_aws_verified.py``: Methods, Authorizers,
Integrations and Models (source as in ``_verified_rows.py``)."""

from __future__ import annotations

import json

from ._verified_rows import (
    LAMBDA_URI,
    NEEDS_AUTHORIZER,
    SCHEMA,
    SNAP,
    Row,
    _bad,
    _err,
    _not_found,
    _op,
)

_WHERE = {"restApiId": "$api", "resourceId": "$root", "httpMethod": "ANY"}
ROWS_METHODS = (
    # test_put_method_validation, test_method_request_parameters, test_method_lifecycle
    Row(
        "put-method-unknown-api",
        f"{SNAP} wrong-api",
        "put_method",
        {
            "restApiId": "fake-api",
            "resourceId": "$root",
            "httpMethod": "WRONG",
            "authorizationType": "NONE",
        },
        _not_found("Resource"),
    ),
    Row(
        "put-method-unknown-resource",
        f"{SNAP} wrong-resource",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "fake-resource-id",
            "httpMethod": "WRONG",
            "authorizationType": "NONE",
        },
        _not_found("Resource"),
    ),
    Row(
        "put-method-bad-verb",
        f"{SNAP} wrong-method",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "WRONG",
            "authorizationType": "NONE",
        },
        _bad(
            "Invalid HttpMethod specified. Valid options are "
            "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"
        ),
    ),
    Row(
        "put-method-custom-alone",
        f"{SNAP} missing-authorizer-id",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "ANY",
            "authorizationType": "CUSTOM",
        },
        _bad(NEEDS_AUTHORIZER),
    ),
    Row(
        "put-method-unknown-validator",
        f"{SNAP} invalid-request-validator",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "ANY",
            "authorizationType": "NONE",
            "requestValidatorId": "fake-validator",
        },
        _bad("Invalid Request Validator identifier specified"),
    ),
    Row(
        "put-method-unknown-model",
        f"{SNAP} invalid-model-name",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "ANY",
            "authorizationType": "NONE",
            "requestModels": {"application/json": "petModel"},
        },
        _bad("Invalid model identifier specified: petModel"),
    ),
    Row(
        "put-method-same-name",
        f"{SNAP} req-params-same-name",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "GET",
            "authorizationType": "NONE",
            "requestParameters": {
                "method.request.querystring.optional": False,
                "method.request.header.optional": False,
            },
        },
        _bad("Parameter names must be unique across querystring, header and path"),
    ),
    Row(
        "put-method-params",
        f"{SNAP} put-method-request-params-response",
        "put_method",
        {
            "restApiId": "$api",
            "resourceId": "$pets",
            "httpMethod": "ANY",
            "authorizationType": "NONE",
            "requestParameters": {
                "method.request.querystring.q_optional": False,
                "method.request.header.h_required": True,
            },
        },
        reply={
            "apiKeyRequired": False,
            "authorizationType": "NONE",
            "requestParameters": {
                "method.request.querystring.q_optional": False,
                "method.request.header.h_required": True,
            },
        },
        status=201,
    ),
    Row(
        "delete-method-204",
        f"{SNAP} del-base-method-response",
        "delete_method",
        _WHERE,
        reply={},
        status=204,
    ),
    Row(
        "get-missing-method",
        f"{SNAP} get-deleted-method-response",
        "get_method",
        {**_WHERE, "httpMethod": "GET"},
        _not_found("Method"),
    ),
    # test_update_method_validation, test_update_method
    Row(
        "update-method-unknown-api",
        f"{SNAP} wrong-rest-api",
        "update_method",
        {**_WHERE, "restApiId": "fake-api", "patchOperations": []},
        _not_found("Resource"),
    ),
    Row(
        "update-method-unknown-resource",
        f"{SNAP} wrong-resource-id",
        "update_method",
        {**_WHERE, "resourceId": "fake-resource-id", "patchOperations": []},
        _not_found("Resource"),
    ),
    Row(
        "update-missing-method",
        f"{SNAP} method-does-not-exist",
        "update_method",
        {
            **_WHERE,
            "httpMethod": "GET",
            "patchOperations": [_op("replace", "/operationName", "methodDoesNotExist")],
        },
        _not_found("Method"),
    ),
    Row(
        "method-add-operation-name",
        f"{SNAP} unsupported-operation",
        "update_method",
        {**_WHERE, "patchOperations": [_op("add", "/operationName", "operationName")]},
        _bad("Invalid patch operation specified. Must be one of: [replace]"),
    ),
    Row(
        "method-add-validator",
        f"{SNAP} unsupported-operation-2",
        "update_method",
        {**_WHERE, "patchOperations": [_op("add", "/requestValidatorId", "wrong-id")]},
        _bad("Invalid patch operation specified. Must be one of: [replace]"),
    ),
    Row(
        "method-add-verb",
        f"{SNAP} unsupported-path",
        "update_method",
        {**_WHERE, "patchOperations": [_op("add", "/httpMethod", "PUT")]},
        _bad("Invalid patch path /httpMethod"),
    ),
    Row(
        "method-params-whole",
        f"{SNAP} wrong-path-request-parameters",
        "update_method",
        {
            **_WHERE,
            "patchOperations": [
                _op("replace", "/requestParameters", "method.request.querystring.optional=false")
            ],
        },
        _bad("Invalid patch path /requestParameters"),
    ),
    Row(
        "method-models-unescaped",
        f"{SNAP} wrong-path-request-models",
        "update_method",
        {**_WHERE, "patchOperations": [_op("add", "/requestModels/application/json", "Empty")]},
        _bad("Invalid patch path /requestModels/application/json"),
    ),
    Row(
        "method-api-key-any-text",
        f"{SNAP} wrong-value-type",
        "update_method",
        {**_WHERE, "patchOperations": [_op("replace", "/apiKeyRequired", "whatever")]},
        reply={"apiKeyRequired": False},
    ),
    Row(
        "method-custom-alone",
        f"{SNAP} wrong-auth-type",
        "update_method",
        {**_WHERE, "patchOperations": [_op("replace", "/authorizationType", "CUSTOM")]},
        _bad(NEEDS_AUTHORIZER),
    ),
    Row(
        "method-authorizer-on-none",
        f"{SNAP} skip-auth-id-with-wrong-type",
        "update_method",
        {**_WHERE, "patchOperations": [_op("replace", "/authorizerId", "abc123")]},
        reply={"authorizationType": "NONE"},
        absent=("authorizerId",),
    ),
    Row(
        "method-custom-unknown-authorizer",
        f"{SNAP} wrong-auth-id",
        "update_method",
        {
            **_WHERE,
            "patchOperations": [
                _op("replace", "/authorizationType", "CUSTOM"),
                _op("replace", "/authorizerId", "abc123"),
            ],
        },
        _bad(NEEDS_AUTHORIZER),
    ),
    Row(
        "method-unknown-validator",
        f"{SNAP} wrong-req-validator-id",
        "update_method",
        {**_WHERE, "patchOperations": [_op("replace", "/requestValidatorId", "fake-id")]},
        _bad("Invalid Request Validator identifier specified"),
    ),
    Row(
        "method-add-entries",
        f"{SNAP} update-method-add",
        "update_method",
        {
            **_WHERE,
            "patchOperations": [
                _op("add", "/requestParameters/method.request.querystring.optional", "true"),
                _op("add", "/requestModels/application~1json", "Empty"),
            ],
        },
        reply={
            "requestModels": {"application/json": "Empty"},
            "requestParameters": {"method.request.querystring.optional": True},
        },
    ),
    Row(
        "method-replace",
        f"{SNAP} update-method-replace",
        "update_method",
        {
            **_WHERE,
            "patchOperations": [
                _op("replace", "/operationName", "ReplacedOperationName"),
                _op("replace", "/apiKeyRequired", "true"),
                _op("replace", "/authorizationType", "AWS_IAM"),
            ],
        },
        reply={
            "operationName": "ReplacedOperationName",
            "apiKeyRequired": True,
            "authorizationType": "AWS_IAM",
        },
    ),
    Row(
        "method-custom-with-authorizer",
        f"{SNAP} update-method-replace-authorizer",
        "update_method",
        {
            **_WHERE,
            "patchOperations": [
                _op("replace", "/authorizerId", "$authorizer"),
                _op("replace", "/authorizationType", "CUSTOM"),
            ],
        },
        reply={"authorizationType": "CUSTOM", "authorizerId": "$authorizer"},
    ),
    # test_authorizer_crud_no_api
    Row(
        "authorizer-unknown-api",
        f"{SNAP} wrong-rest-api-id-create-authorizer",
        "create_authorizer",
        {
            "restApiId": "test-fake-rest-id",
            "name": "fake-auth-name",
            "type": "TOKEN",
            "authorizerUri": LAMBDA_URI,
            "identitySource": "method.request.header.Authorization",
        },
        _err(
            409,
            "ConflictException",
            "Unable to complete operation due to concurrent modification. Please try again later.",
        ),
    ),
    Row(
        "authorizers-unknown-api",
        f"{SNAP} wrong-rest-api-id-get-authorizers",
        "get_authorizers",
        {"restApiId": "test-fake-rest-id"},
        _err(
            404,
            "NotFoundException",
            "Invalid API identifier specified 123456789012:test-fake-rest-id",
        ),
    ),
    # test_put_integration_wrong_type, test_put_integration_response_validation
    Row(
        "integration-bad-type",
        f"{SNAP} put-integration-wrong-type",
        "put_integration",
        {"restApiId": "$api", "resourceId": "$root", "httpMethod": "GET", "type": "HTTPS_PROXY"},
        _err(
            400,
            "ValidationException",
            "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' "
            "failed to satisfy constraint: Member must satisfy enum value set: "
            "[HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
        ),
    ),
)

ROWS_MODELS = (
    # test_model_validation, test_update_model, test_put_method_model
    Row(
        "create-model-unknown-api",
        f"{SNAP} create-model-wrong-id",
        "create_model",
        {
            "restApiId": "abcde0",
            "name": "MySchema",
            "contentType": "application/json",
            "schema": SCHEMA,
        },
        _err(404, "NotFoundException", "Invalid API identifier specified 123456789012:abcde0"),
    ),
    Row(
        "get-model-unknown-api",
        f"{SNAP} get-model-wrong-id",
        "get_model",
        {"restApiId": "abcde0", "modelName": "MySchema"},
        _err(404, "NotFoundException", "Invalid model name specified: MySchema"),
    ),
    Row(
        "delete-model-unknown-api",
        f"{SNAP} del-model-wrong-id",
        "delete_model",
        {"restApiId": "abcde0", "modelName": "MySchema"},
        _err(404, "NotFoundException", "Invalid model name specified: MySchema"),
    ),
    Row(
        "update-model-unknown-api",
        f"{SNAP} update-model-wrong-id",
        "update_model",
        {
            "restApiId": "abcde0",
            "modelName": "mySchema",
            "patchOperations": [_op("replace", "/schema", SCHEMA)],
        },
        _err(404, "NotFoundException", "Invalid model name specified: mySchema"),
    ),
    Row(
        "model-twice",
        f"{SNAP} create-model-already-exists",
        "create_model",
        {
            "restApiId": "$api",
            "name": "MySchema",
            "contentType": "application/json",
            "description": "",
            "schema": SCHEMA,
        },
        _err(409, "ConflictException", "Model name already exists for this REST API"),
    ),
    Row(
        "model-empty-name",
        f"{SNAP} create-model-empty-name",
        "create_model",
        {"restApiId": "$api", "name": "", "contentType": "application/json", "schema": SCHEMA},
        _bad("Model name must be non-empty"),
    ),
    Row(
        "model-empty-schema",
        f"{SNAP} create-model-empty-schema",
        "create_model",
        {
            "restApiId": "$api",
            "name": "MyEmptySchema",
            "contentType": "application/json",
            "schema": "",
        },
        _bad("Model schema must have at least 1 property or array items defined"),
    ),
    Row(
        "model-no-schema",
        f"{SNAP} create-model-no-schema-json",
        "create_model",
        {"restApiId": "$api", "name": "MyEmptySchema", "contentType": "application/json"},
        _bad("Model schema must have at least 1 property or array items defined"),
    ),
    Row(
        "model-no-schema-xml",
        f"{SNAP} create-model-no-schema-xml",
        "create_model",
        {"restApiId": "$api", "name": "MyEmptySchemaXml", "contentType": "application/xml"},
        _bad("Model schema must have at least 1 property or array items defined"),
    ),
    Row(
        "model-empty-description",
        f"{SNAP} test_model_validation (201 with description '')",
        "create_model",
        {
            "restApiId": "$api",
            "name": "Other",
            "contentType": "application/json",
            "description": "",
            "schema": SCHEMA,
        },
        reply={"name": "Other", "contentType": "application/json"},
        status=201,
    ),
    Row(
        "model-update",
        f"{SNAP} update-model",
        "update_model",
        {
            "restApiId": "$api",
            "modelName": "MySchema",
            "patchOperations": [
                _op(
                    "replace", "/schema", json.dumps({"title": "Updated schema", "type": "object"})
                ),
                _op("replace", "/description", ""),
            ],
        },
        reply={"name": "MySchema"},
        absent=("description",),
    ),
    Row(
        "model-add",
        f"{SNAP} update-model-invalid-op",
        "update_model",
        {
            "restApiId": "$api",
            "modelName": "MySchema",
            "patchOperations": [_op("add", "/wrong-path", "not supported op")],
        },
        _bad(
            "Invalid patch path  '/wrong-path' specified for op 'add'. "
            "Please choose supported operations"
        ),
    ),
    Row(
        "model-rename",
        f"{SNAP} update-model-invalid-path",
        "update_model",
        {
            "restApiId": "$api",
            "modelName": "MySchema",
            "patchOperations": [_op("replace", "/name", "invalid")],
        },
        _bad(
            "Invalid patch path  '/name' specified for op 'replace'. "
            "Must be one of: [/description, /schema]"
        ),
    ),
    Row(
        "model-schema-emptied",
        f"{SNAP} update-model-empty-schema",
        "update_model",
        {
            "restApiId": "$api",
            "modelName": "MySchema",
            "patchOperations": [_op("replace", "/schema", "")],
        },
        _bad("Model schema must have at least 1 property or array items defined"),
    ),
    Row(
        "model-in-use",
        f"{SNAP} delete-model-used",
        "delete_model",
        {"restApiId": "$api", "modelName": "Used"},
        _err(
            409,
            "ConflictException",
            "Cannot delete model 'Used', is referenced in method request: //ANY",
        ),
    ),
    Row(
        "model-in-use-below",
        f"{SNAP} delete-model-used-by-2-method",
        "delete_model",
        {"restApiId": "$api", "modelName": "UsedBelow"},
        _err(
            409,
            "ConflictException",
            "Cannot delete model 'UsedBelow', is referenced in method request: /pets/subpets/ANY",
        ),
    ),
    Row(
        "delete-model-202",
        f"{SNAP} delete-model-unused",
        "delete_model",
        {"restApiId": "$api", "modelName": "MySchema"},
        reply={},
        status=202,
    ),
)
