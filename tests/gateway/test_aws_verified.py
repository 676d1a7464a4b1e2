"""API Gateway's REST control plane against answers recorded from AWS itself.

Every row is one request and the answer AWS gave to it, taken from a suite that ran against
the real service: LocalStack's ``tests/aws/services/apigateway/test_apigateway_api.py``,
whose tests are marked ``@markers.aws.validated`` and whose ``.snapshot.json`` holds AWS's
recorded responses (localstack/localstack on GitHub; the snapshot key is named in each
row's ``src``). Requests go through a real boto3 client (``parameter_validation`` off, as
those tests did where they send values botocore would stop) bridged by ``mock_aws``, so the
HTTP status is the one botocore reads off the wire.

A refused row must also change nothing: the API's resources, methods, models, validators
and gateway responses are compared before and after.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock, mock_aws

from ._verified_rows import (
    BAD_TYPE,
    LAMBDA_URI,
    ROWS_RESOURCES,
    ROWS_REST_API,
    SCHEMA,
    SNAP,
    Row,
    _bad,
    _err,
    _not_found,
    _op,
)
from ._verified_rows_methods import ROWS_METHODS, ROWS_MODELS

_VALIDATOR = {"restApiId": "$api", "requestValidatorId": "$validator"}
ROWS_VALIDATORS = (
    # test_validators_crud_no_api, test_invalid_*_request_validator*, lifecycle
    Row(
        "validator-unknown-api",
        f"{SNAP} wrong-rest-api-id-create-validator",
        "create_request_validator",
        {
            "restApiId": "test-fake-rest-id",
            "name": "test-validator",
            "validateRequestBody": True,
            "validateRequestParameters": False,
        },
        _bad("Invalid REST API identifier specified"),
    ),
    Row(
        "validators-unknown-api",
        f"{SNAP} wrong-rest-api-id-get-validators",
        "get_request_validators",
        {"restApiId": "test-fake-rest-id"},
        _err(
            404,
            "NotFoundException",
            "Invalid API identifier specified 123456789012:test-fake-rest-id",
        ),
    ),
    Row(
        "get-validator-unknown-api",
        f"{SNAP} get-request-validators-invalid-api-id",
        "get_request_validator",
        {**_VALIDATOR, "restApiId": "api_id"},
        _not_found("Request Validator"),
    ),
    Row(
        "get-validator-unknown",
        f"{SNAP} get-request-validators-invalid-validator-id",
        "get_request_validator",
        {**_VALIDATOR, "requestValidatorId": "fake"},
        _not_found("Request Validator"),
    ),
    Row(
        "delete-validator-unknown-api",
        f"{SNAP} delete-request-validator-invalid-api-id",
        "delete_request_validator",
        {**_VALIDATOR, "restApiId": "api_id"},
        _not_found("Request Validator"),
    ),
    Row(
        "validator-defaults",
        f"{SNAP} create-request-validator",
        "create_request_validator",
        {"restApiId": "$api", "name": "v2"},
        reply={"name": "v2", "validateRequestBody": False, "validateRequestParameters": False},
        status=201,
    ),
    Row(
        "validator-flag-on",
        f"{SNAP} update-request-validator-with-value",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("replace", "/validateRequestBody", "true")]},
        reply={"validateRequestBody": True},
    ),
    Row(
        "validator-flag-no-value",
        f"{SNAP} update-request-validator-without-value",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("replace", "/validateRequestParameters")]},
        reply={"validateRequestParameters": False, "validateRequestBody": False},
    ),
    Row(
        "validator-add",
        f"{SNAP} update-request-validator-invalid-add-operation",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("add", "/validateRequestBody", "true")]},
        _bad(
            "Invalid patch path  '/validateRequestBody' specified for op 'add'. "
            "Please choose supported operations"
        ),
    ),
    Row(
        "validator-remove",
        f"{SNAP} update-request-validator-invalid-remove-operation",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("remove", "/validateRequestBody")]},
        _bad(
            "Invalid patch path  '/validateRequestBody' specified for op 'remove'. "
            "Please choose supported operations"
        ),
    ),
    Row(
        "validator-bad-path",
        f"{SNAP} update-request-validator-invalid-path",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("replace", "/invalidPath", "x")]},
        _bad(
            "Invalid patch path  '/invalidPath' specified for op 'replace'. "
            "Must be one of: [/name, /validateRequestParameters, /validateRequestBody]"
        ),
    ),
    Row(
        "validator-blank-name",
        f"{SNAP} update-request-validator-empty-name-value",
        "update_request_validator",
        {**_VALIDATOR, "patchOperations": [_op("replace", "/name", "")]},
        _bad("Request Validator name cannot be blank"),
    ),
)

_GR = {"restApiId": "$api", "responseType": "DEFAULT_4XX"}
ROWS_GATEWAY_RESPONSES = (
    # test_gateway_response_validation, test_update_gateway_response, test_gateway_response_put
    Row(
        "gr-list-unknown-api",
        f"{SNAP} get-gateway-responses-no-api",
        "get_gateway_responses",
        {"restApiId": "fake-api-id"},
        _err(404, "NotFoundException", "Invalid API identifier specified 123456789012:fake-api-id"),
    ),
    Row(
        "gr-delete-not-set",
        f"{SNAP} delete-gateway-response-not-set",
        "delete_gateway_response",
        _GR,
        _err(404, "NotFoundException", "Gateway response type not defined on api"),
    ),
    Row(
        "gr-get-bad-type",
        f"{SNAP} get-gateway-response-wrong-response-type",
        "get_gateway_response",
        {**_GR, "responseType": "FAKE_RESPONSE_TYPE"},
        _err(400, "ValidationException", BAD_TYPE),
    ),
    Row(
        "gr-put-bad-type",
        f"{SNAP} put-gateway-response-wrong-response-type",
        "put_gateway_response",
        {**_GR, "responseType": "FAKE_RESPONSE_TYPE"},
        _err(400, "ValidationException", BAD_TYPE),
    ),
    Row(
        "gr-delete-bad-type",
        f"{SNAP} delete-gateway-response-wrong-response-type",
        "delete_gateway_response",
        {**_GR, "responseType": "FAKE_RESPONSE_TYPE"},
        _err(400, "ValidationException", BAD_TYPE),
    ),
    Row(
        "gr-update-not-set",
        f"{SNAP} update-gateway-response-not-set",
        "update_gateway_response",
        {**_GR, "patchOperations": [_op("replace", "/statusCode", "444")]},
        reply={
            "defaultResponse": False,
            "statusCode": "444",
            "responseParameters": {},
            "responseTemplates": {"application/json": '{"message":$context.error.messageString}'},
        },
    ),
    Row(
        "gr-add-status",
        f"{SNAP} update-gateway-add-status-code",
        "update_gateway_response",
        {**_GR, "patchOperations": [_op("add", "/statusCode", "444")]},
        _bad("Invalid patch path /statusCode"),
    ),
    Row(
        "gr-remove-status",
        f"{SNAP} update-gateway-remove-status-code",
        "update_gateway_response",
        {**_GR, "patchOperations": [_op("remove", "/statusCode")]},
        _bad("Invalid patch path /statusCode"),
    ),
    Row(
        "gr-replace-missing-header",
        f"{SNAP} update-gateway-replace-invalid-parameter",
        "update_gateway_response",
        {
            **_GR,
            "responseType": "DEFAULT_5XX",
            "patchOperations": [
                _op(
                    "replace",
                    "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin",
                    "'example.com'",
                )
            ],
        },
        _err(404, "NotFoundException", "Invalid parameter name specified"),
    ),
    Row(
        "gr-no-path",
        f"{SNAP} update-gateway-no-path",
        "update_gateway_response",
        {**_GR, "patchOperations": [{"op": "add", "value": "'example.com'"}]},
        _bad("Invalid patch path null"),
    ),
    Row(
        "gr-wrong-op",
        f"{SNAP} update-gateway-wrong-op",
        "update_gateway_response",
        {**_GR, "patchOperations": [_op("wrong-op", "/statusCode", "'example.com'")]},
        _err(
            400,
            "ValidationException",
            "1 validation error detected: Value 'wrong-op' at "
            "'updateGatewayResponseInput.patchOperations.1.member.op' failed to satisfy "
            "constraint: Member must satisfy enum value set: "
            "[add, remove, move, test, replace, copy]",
        ),
    ),
    Row(
        "gr-wrong-path",
        f"{SNAP} update-gateway-wrong-path",
        "update_gateway_response",
        {**_GR, "patchOperations": [_op("add", "/wrongPath", "'example.com'")]},
        _bad("Invalid patch path /wrongPath"),
    ),
    Row(
        "gr-null-template",
        f"{SNAP} update-gateway-replace-invalid-parameter-0-none",
        "update_gateway_response",
        {
            **_GR,
            "patchOperations": [{"op": "replace", "path": "/responseTemplates/application~1xml"}],
        },
        _bad("Invalid null or empty value in responseTemplates"),
    ),
    Row(
        "gr-put-status-only",
        f"{SNAP} put-gateway-response-status-only",
        "put_gateway_response",
        {**_GR, "responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404"},
        reply={
            "defaultResponse": False,
            "statusCode": "404",
            "responseParameters": {},
            "responseTemplates": {"application/json": '{"message":$context.error.messageString}'},
        },
        status=201,
    ),
    Row(
        "gr-put-parameters-only",
        f"{SNAP} put-gateway-response-response-parameters-only",
        "put_gateway_response",
        {
            **_GR,
            "responseType": "MISSING_AUTHENTICATION_TOKEN",
            "responseParameters": {
                "gatewayresponse.header.x-request-header": "method.request.header.Accept"
            },
        },
        reply={
            "statusCode": "403",
            "responseTemplates": {"application/json": '{"message":$context.error.messageString}'},
        },
    ),
)

_STATUS_BAD = (
    "Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy "
    "regular expression pattern: [1-5]\\d\\d"
)


def _enum(op: str, input_name: str, index: int) -> str:
    return (
        f"Value '{op}' at '{input_name}.patchOperations.{index}.member.op' failed to satisfy "
        "constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]"
    )


_OP_BAD = _enum("wrong_op", "updateMethodResponseInput", 0).replace(".0.", ".{}.")
_TYPES_BAD = (
    "Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy "
    "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
    "[PRIVATE, EDGE, REGIONAL]]"
)
_IP_BAD = (
    "Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to "
    "satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]"
)
_ROOT_GET = {"restApiId": "$api", "resourceId": "$root", "httpMethod": "ANY"}
ROWS_LATER = (
    # test_create_rest_api_with_endpoint_configuration
    Row(
        "endpoint-types-empty",
        f"{SNAP} create-with-empty-types",
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": []}},
        _bad("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."),
    ),
    Row(
        "endpoint-ip-wrong",
        f"{SNAP} create-with-invalid-ip-address-type",
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "wrong"}},
        _err(400, "ValidationException", f"1 validation error detected: {_IP_BAD}"),
    ),
    Row(
        "endpoint-types-wrong",
        f"{SNAP} create-with-invalid-types",
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": ["wrong"]}},
        _err(400, "ValidationException", f"1 validation error detected: {_TYPES_BAD}"),
    ),
    Row(
        "endpoint-both-wrong",
        f"{SNAP} create-with-multiple-errors-1",
        "create_rest_api",
        {
            "name": "x",
            "description": "",
            "endpointConfiguration": {"types": ["wrong"], "ipAddressType": "wrong"},
        },
        _err(400, "ValidationException", f"2 validation errors detected: {_TYPES_BAD}; {_IP_BAD}"),
    ),
    Row(
        "endpoint-two-types",
        f"{SNAP} create-with-two-types",
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}},
        _bad("Cannot create an api with multiple Endpoint Types."),
    ),
    Row(
        "endpoint-dualstack",
        f"{SNAP} create-with-endpoint-config-dualstack",
        "create_rest_api",
        {"name": "x", "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "dualstack"}},
        reply={"endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "dualstack"}},
    ),
    # test_update_rest_api_ip_address_type, test_update_rest_api_concatenation_of_errors
    Row(
        "update-endpoint-type-wrong",
        f"{SNAP} update-rest-api-wrong-type",
        "update_rest_api",
        {
            "restApiId": "$api",
            "patchOperations": [_op("replace", "/endpointConfiguration/types/EDGE", "wrong")],
        },
        _bad("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"),
    ),
    Row(
        "update-two-bad-ops",
        f"{SNAP} update-rest-api-wrong-operations-on-type",
        "update_rest_api",
        {
            "restApiId": "$api",
            "patchOperations": [_op("wrong", "/name", "a"), _op("wrong", "/name", "b")],
        },
        _err(
            400,
            "ValidationException",
            "2 validation errors detected: "
            + "; ".join(_enum("wrong", "updateRestApiInput", i) for i in (1, 2)),
        ),
    ),
    # test_update_resource_on_root
    Row(
        "root-path-part",
        f"{SNAP} update-root-path-part",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$root",
            "patchOperations": [_op("replace", "/pathPart", "x")],
        },
        _bad("Root resource cannot update its pathPart."),
    ),
    Row(
        "root-parent",
        f"{SNAP} update-root-parent",
        "update_resource",
        {
            "restApiId": "$api",
            "resourceId": "$root",
            "patchOperations": [_op("replace", "/parentId", "$pets")],
        },
        _bad("Root resource cannot update its parentId."),
    ),
    # TestApigatewayMethodResponse, TestApigatewayIntegrationResponse, test_get_integration_*
    Row(
        "method-response-shape",
        f"{SNAP} put-method-response",
        "put_method_response",
        {**_ROOT_GET, "statusCode": "201"},
        reply={"statusCode": "201", "responseModels": {}, "responseParameters": {}},
        status=201,
    ),
    Row(
        "method-response-bad-status",
        f"{SNAP} update-method-response-invalid-statuscode",
        "update_method_response",
        {**_ROOT_GET, "statusCode": "wrong", "patchOperations": []},
        _err(400, "ValidationException", f"1 validation error detected: {_STATUS_BAD}"),
    ),
    Row(
        "method-response-op-and-status",
        f"{SNAP} update-method-response-invalid-statuscode-and-wrong-op",
        "update_method_response",
        {
            **_ROOT_GET,
            "statusCode": "wrong",
            "patchOperations": [_op("wrong_op", "/responseModels/application~1json", "x")],
        },
        _err(
            400,
            "ValidationException",
            f"2 validation errors detected: {_OP_BAD.format(1)}; {_STATUS_BAD}",
        ),
    ),
    Row(
        "method-response-ops-1-3",
        f"{SNAP} update-method-response-wrong-operation-5",
        "update_method_response",
        {
            **_ROOT_GET,
            "statusCode": "200",
            "patchOperations": [
                _op("wrong_op", "/a", "x"),
                _op("add", "/a", "x"),
                _op("wrong_op", "/a", "x"),
            ],
        },
        _err(
            400,
            "ValidationException",
            f"2 validation errors detected: {_OP_BAD.format(1)}; {_OP_BAD.format(3)}",
        ),
    ),
    Row(
        "method-response-missing",
        f"{SNAP} update-method-response-wrong-statuscode",
        "update_method_response",
        {**_ROOT_GET, "statusCode": "202", "patchOperations": []},
        _err(404, "NotFoundException", "Invalid Response status code specified"),
    ),
    Row(
        "method-response-unknown-resource",
        f"{SNAP} update-method-response-wrong-resource",
        "update_method_response",
        {**_ROOT_GET, "resourceId": "fake", "statusCode": "200", "patchOperations": []},
        _not_found("Resource"),
    ),
    Row(
        "integration-response-bad-status",
        f"{SNAP} get-integration-response-invalid-statusCode",
        "get_integration_response",
        {**_ROOT_GET, "statusCode": "wrong"},
        _err(400, "ValidationException", f"1 validation error detected: {_STATUS_BAD}"),
    ),
    Row(
        "integration-response-no-integration",
        f"{SNAP} get-integration-response-without-integration",
        "get_integration_response",
        {**_ROOT_GET, "statusCode": "200"},
        _not_found("Integration"),
    ),
    Row(
        "integration-response-unknown-api",
        f"{SNAP} get-integration-response-wrong-api",
        "get_integration_response",
        {**_ROOT_GET, "restApiId": "fake", "statusCode": "200"},
        _not_found("Resource"),
    ),
    Row(
        "integration-unknown-api",
        f"{SNAP} get-integration-no-api",
        "get_integration",
        {**_ROOT_GET, "restApiId": "fake"},
        _not_found("Resource"),
    ),
    Row(
        "integration-no-method",
        f"{SNAP} get-integration-no-method",
        "get_integration",
        {**_ROOT_GET, "httpMethod": "POST"},
        _not_found("Method"),
    ),
    Row(
        "integration-none",
        f"{SNAP} get-integration-no-integration",
        "get_integration",
        _ROOT_GET,
        _not_found("Integration"),
    ),
)

_MR = {**_ROOT_GET, "statusCode": "200"}
ROWS_METHOD_RESPONSE_PATCH = (
    # test_update_method_wrong_param_names, test_update_method_lack_response_parameters_and_models
    Row(
        "mr-replace-unknown-parameter",
        f"{SNAP} update-method-response-operation-with-wrong-param-name-1",
        "update_method_response",
        {**_MR, "patchOperations": [_op("replace", "/responseParameters/wrong", "true")]},
        _err(404, "NotFoundException", "Invalid parameter name specified"),
    ),
    Row(
        "mr-remove-unknown-parameter",
        f"{SNAP} update-method-response-operation-with-wrong-param-name-2",
        "update_method_response",
        {**_MR, "patchOperations": [_op("remove", "/responseParameters/wrong", "true")]},
        _err(404, "NotFoundException", "Invalid parameter name specified"),
    ),
    Row(
        "mr-replace-unknown-model",
        f"{SNAP} update-method-response-operation-with-wrong-param-name-3",
        "update_method_response",
        {**_MR, "patchOperations": [_op("replace", "/responseModels/wrong", "Empty")]},
        _err(404, "NotFoundException", "Content-Type specified was not found"),
    ),
    Row(
        "mr-remove-unknown-model",
        f"{SNAP} update-method-response-operation-with-wrong-param-name-4",
        "update_method_response",
        {**_MR, "patchOperations": [_op("remove", "/responseModels/wrong", "Empty")]},
        _err(404, "NotFoundException", "Content-Type specified was not found"),
    ),
    Row(
        "mr-wrong-path",
        f"{SNAP} update-method-response-operation-with-wrong-path",
        "update_method_response",
        {
            **_MR,
            "patchOperations": [_op("remove", "/wrong/method.response.header.my-header", "true")],
        },
        _bad("Invalid patch path /wrong/method.response.header.my-header"),
    ),
    Row(
        "mr-remove-all",
        f"{SNAP} remove-update-method-response",
        "update_method_response",
        {
            **_MR,
            "patchOperations": [
                _op("remove", "/responseParameters/method.response.header.my-header"),
                _op("remove", "/responseModels/application~1json"),
            ],
        },
        reply={"statusCode": "200"},
        absent=("responseParameters", "responseModels"),
    ),
)

ROWS = (
    *ROWS_REST_API,
    *ROWS_RESOURCES,
    *ROWS_METHODS,
    *ROWS_MODELS,
    *ROWS_VALIDATORS,
    *ROWS_GATEWAY_RESPONSES,
    *ROWS_LATER,
    *ROWS_METHOD_RESPONSE_PATCH,
)


@pytest.fixture
def gw() -> Iterator[Any]:
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=11)
    with cloud, mock_aws(cloud):
        yield boto3.client(
            "apigateway", region_name="us-east-1", config=Config(parameter_validation=False)
        )


def _world(gw: Any) -> dict[str, str]:
    """An API as the verified tests build theirs: ``/pets/subpets``, ``/other``, a model,
    two models in use by methods, a validator, an authorizer, ``ANY /`` needing a key."""
    api = gw.create_rest_api(name="api", description="d")
    ids = {"$api": api["id"], "$root": api["rootResourceId"]}
    where = {"restApiId": api["id"]}
    ids["$pets"] = gw.create_resource(**where, parentId=ids["$root"], pathPart="pets")["id"]
    ids["$sub"] = gw.create_resource(**where, parentId=ids["$pets"], pathPart="subpets")["id"]
    ids["$other"] = gw.create_resource(**where, parentId=ids["$root"], pathPart="other")["id"]
    for name in ("MySchema", "Used", "UsedBelow"):
        gw.create_model(**where, name=name, contentType="application/json", schema=SCHEMA)
    gw.put_method(
        **where, resourceId=ids["$root"], httpMethod="ANY", authorizationType="NONE",
        apiKeyRequired=True, requestModels={"application/json": "Used"},
    )  # fmt: skip
    gw.put_method(
        **where, resourceId=ids["$sub"], httpMethod="ANY", authorizationType="NONE",
        requestModels={"application/json": "UsedBelow"},
    )  # fmt: skip
    gw.put_method_response(
        **where, resourceId=ids["$root"], httpMethod="ANY", statusCode="200",
        responseParameters={"method.response.header.my-header": False},
        responseModels={"application/json": "Empty"},
    )  # fmt: skip
    ids["$validator"] = gw.create_request_validator(**where, name="v1")["id"]
    ids["$authorizer"] = gw.create_authorizer(
        **where, name="authorizer-test", type="TOKEN", authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Authorization",
    )["id"]  # fmt: skip
    return ids


def _filled(value: Any, ids: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, Mapping):
        return {k: _filled(v, ids) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_filled(v, ids) for v in value]
    return value


def _state(gw: Any, api_id: str) -> list[Any]:
    """Everything a refused request must leave as it was."""
    where = {"restApiId": api_id}
    return [
        {k: v for k, v in gw.get_rest_api(**where).items() if k != "ResponseMetadata"},
        gw.get_resources(**where, embed=["methods"])["items"],
        gw.get_models(**where)["items"],
        gw.get_request_validators(**where)["items"],
        gw.get_authorizers(**where)["items"],
        gw.get_gateway_responses(**where)["items"],
        [a["id"] for a in gw.get_rest_apis()["items"]],
    ]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_answers_as_aws_recorded(gw: Any, row: Row) -> None:
    ids = _world(gw)
    params = _filled(dict(row.params), ids)
    if row.error is not None:
        before = _state(gw, ids["$api"])
        with pytest.raises(ClientError) as caught:
            getattr(gw, row.call)(**params)
        answer = caught.value.response
        got = (
            answer["ResponseMetadata"]["HTTPStatusCode"],
            answer["Error"]["Code"],
            answer["Error"]["Message"],
        )
        assert got == row.error, row.src
        assert _state(gw, ids["$api"]) == before, "a refused request changed the API"
        return
    reply = getattr(gw, row.call)(**params)
    if row.status is not None:
        assert reply["ResponseMetadata"]["HTTPStatusCode"] == row.status, row.src
    reply.pop("ResponseMetadata")
    for key, want in _filled(dict(row.reply or {}), ids).items():
        assert reply.get(key) == want, (key, row.src)
    for key in row.absent:
        assert key not in reply, (key, row.src)


def test_default_5xx_lends_itself_to_its_family(gw: Any) -> None:
    """A customised DEFAULT_5XX shows in the 5XX types not customised themselves; an own
    customisation and the 4XX types keep theirs (snapshot ``get-gateway-responses`` of
    test_gateway_response_put)."""
    api = gw.create_rest_api(name="api")["id"]
    header = {"gatewayresponse.header.x-request-header": "method.request.header.Accept"}
    gw.put_gateway_response(
        restApiId=api, responseType="DEFAULT_5XX", statusCode="599", responseParameters=header
    )
    gw.put_gateway_response(
        restApiId=api,
        responseType="AUTHORIZER_FAILURE",
        responseParameters={"gatewayresponse.header.foo": "'bar'"},
    )
    shown = {r["responseType"]: r for r in gw.get_gateway_responses(restApiId=api)["items"]}
    for kind in ("API_CONFIGURATION_ERROR", "INTEGRATION_TIMEOUT", "INTEGRATION_FAILURE"):
        assert shown[kind]["statusCode"] == "599"
        assert shown[kind]["responseParameters"] == header
        assert shown[kind]["defaultResponse"] is True
    assert shown["AUTHORIZER_FAILURE"]["statusCode"] == "500"
    assert shown["AUTHORIZER_FAILURE"]["defaultResponse"] is False
    assert shown["ACCESS_DENIED"]["statusCode"] == "403"
    assert shown["ACCESS_DENIED"]["responseParameters"] == {}


def test_stages_by_deployment_and_deployment_update(gw: Any) -> None:
    """GetStages filtered by deployment, a stage's defaults, and UpdateDeployment's answer
    (snapshot ``all-stages``/``stages-deploy1`` of test_get_stages_filters_by_deployment_id,
    ``after-update`` of test_apigateway_basic's test_update_rest_api_deployment)."""
    api = gw.create_rest_api(name="api")
    where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    gw.put_method(**where, authorizationType="NONE")
    gw.put_integration(**where, type="MOCK", requestTemplates={"application/json": "{}"})
    first, second = (gw.create_deployment(restApiId=api["id"])["id"] for _ in range(2))
    for name, deployment in (("stage1", first), ("stage2", second)):
        gw.create_stage(restApiId=api["id"], stageName=name, deploymentId=deployment)
    assert len(gw.get_stages(restApiId=api["id"])["item"]) == 2
    (stage,) = gw.get_stages(restApiId=api["id"], deploymentId=first)["item"]
    assert stage["stageName"] == "stage1" and stage["deploymentId"] == first
    assert stage["cacheClusterEnabled"] is False and stage["tracingEnabled"] is False
    assert stage["cacheClusterStatus"] == "NOT_AVAILABLE" and stage["methodSettings"] == {}
    assert {"createdDate", "lastUpdatedDate"} <= set(stage)
    updated = gw.update_deployment(
        restApiId=api["id"],
        deploymentId=first,
        patchOperations=[{"op": "replace", "path": "/description", "value": "new-description"}],
    )
    updated.pop("ResponseMetadata")
    assert set(updated) == {"id", "createdDate", "description"}
    assert updated["description"] == "new-description"


def test_authorizer_without_ttl_shows_none_and_caches_the_default() -> None:
    """CreateAuthorizer without a TTL answers without one (snapshot ``authorizer`` of
    test_apigateway_basic's test_apigateway_with_custom_authorization_method); the
    deployed authorizer still caches for AWS's documented default, 300 s."""
    cloud = Cloud(clock=ManualClock(1_700_000_000), seed=3)
    gw = cloud.client("apigateway")
    api = gw.create_rest_api(name="api")
    made = gw.create_authorizer(
        restApiId=api["id"], name="lambda_authorizer", type="TOKEN", authType="custom",
        authorizerUri=LAMBDA_URI, identitySource="method.request.header.Auth",
    )  # fmt: skip
    assert "authorizerResultTtlInSeconds" not in made and made["authType"] == "custom"
    where = {"restApiId": api["id"], "resourceId": api["rootResourceId"], "httpMethod": "GET"}
    gw.put_method(**where, authorizationType="CUSTOM", authorizerId=made["id"])
    gw.put_integration(**where, type="MOCK", requestTemplates={"application/json": "{}"})
    gw.create_deployment(restApiId=api["id"], stageName="prod")
    served = cloud.engine("apigateway").deployed(api["id"], "prod")
    assert served is not None
    (route,) = served.routes
    assert route.authorizer is not None and route.authorizer.ttl_seconds == 300
