"""The protocol table: which wire protocol reaches which service. Adding one is a row.

Both doors (the in-process botocore bridge and the HTTP endpoint) route every request
through these three tables, in this order:

1. ``JSON_SERVICES`` -- AWS JSON 1.0 / 1.1, chosen by the ``X-Amz-Target`` prefix
   (``DynamoDB_20120810.PutItem``). The operation after the dot is dispatched by its
   AWS name to ``cloud.client(service).dispatch(operation, params)``.
2. ``ROUTES`` -- plain HTTP routes that are not AWS API operations (Cognito's JWKS).
3. ``REST_JSON_SERVICES`` -- REST-JSON, chosen by the path prefix; the operation is
   found by matching method and path against botocore's ``requestUri`` templates of
   the operations the service's client implements (labels, query string, headers
   and payload are all decoded from botocore's model).
4. ``QUERY_SERVICES`` -- AWS's query protocol (STS), chosen by the form's ``Action``.

See the docstring of :mod:`pyserverless.adapters` for the rows each service adds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

__all__ = [
    "JSON_SERVICES",
    "QUERY_SERVICES",
    "REST_JSON_SERVICES",
    "REST_XML_SERVICES",
    "ROUTES",
    "JsonService",
    "QueryService",
    "RestJsonService",
    "Route",
]

_SIXTEEN_MIB = 16 * 1024 * 1024


@attrs.frozen
class JsonService:
    """A service spoken in AWS JSON 1.0 or 1.1, selected by its ``X-Amz-Target`` prefix.

    >>> JsonService(target_prefix="DynamoDB_20120810", service="dynamodb").content_type
    'application/x-amz-json-1.0'
    """

    #: The part of ``X-Amz-Target`` before the dot.
    target_prefix: str
    #: The name of the service in ``cloud.client(...)`` and in boto3.
    service: str
    #: "1.0" or "1.1".
    json_version: str = "1.0"
    #: Prefix of ``__type`` in error bodies; ``""`` sends the bare code (Cognito does).
    error_namespace: str = ""
    #: Bodies larger than this get HTTP 413 before they are read.
    max_request_bytes: int = _SIXTEEN_MIB
    #: What ``GET /`` answers (DynamoDB's health check, ``{host}`` the server's own
    #: host and port, else the service's Regional host); ``None`` for no answer.
    health: str | None = None
    #: ``__type`` of particular error codes, where it is not ``error_namespace + code``.
    error_types: Mapping[str, str] = attrs.field(factory=dict)
    #: Operations whose success is answered with an empty body (no ``{}``).
    empty_bodies: frozenset[str] = frozenset()
    #: Success request ids are the wire's 52 upper-case alphanumerics (DynamoDB's),
    #: rather than the client layer's UUID-shaped ids.
    wire_request_ids: bool = False
    #: ``Access-Control-Expose-Headers`` on answers to a request with an ``Origin``.
    expose_headers: str | None = None
    #: An operation the wire answers itself with the server's own address
    #: (DynamoDB's DescribeEndpoints), and its cache period in minutes.
    endpoints_operation: str | None = None
    #: AWS's query-compatible errors (SQS): ``__type`` names the error's shape (the
    #: class name) and ``x-amzn-query-error`` carries the query code and its fault side,
    #: from which botocore reports ``Error.Code``.
    query_errors: bool = False

    @property
    def content_type(self) -> str:
        return f"application/x-amz-json-{self.json_version}"


@attrs.frozen
class RestJsonService:
    """A REST-JSON service (Lambda), selected by the first segment of the path.

    >>> RestJsonService(service="lambda", path_prefixes=("/2015-03-31/",)).service
    'lambda'
    """

    service: str
    #: Paths that belong to this service (e.g. ``"/2015-03-31/functions"``).
    path_prefixes: tuple[str, ...]
    max_request_bytes: int = 6 * 1024 * 1024 + 64 * 1024


@attrs.frozen
class QueryService:
    """A service spoken in AWS's query protocol (STS): form-encoded ``Action``, XML answers.

    >>> QueryService(service="sts", xmlns="https://sts.amazonaws.com/doc/2011-06-15/").service
    'sts'
    """

    service: str
    #: The XML namespace of the service's answers.
    xmlns: str


@attrs.frozen
class Route:
    """A plain HTTP route that is not an AWS API operation (Cognito's JWKS document).

    ``pattern`` uses botocore's label syntax (``/{UserPoolId}/.well-known/jwks.json``);
    ``handler`` is a function, or its import path ``"package.module:function"``
    (imported on first use), called as ``handler(cloud, request, **labels)`` and
    returning ``(status, headers, body)``.

    >>> Route("GET", "/{UserPoolId}/.well-known/jwks.json", "pkg.mod:jwks").method
    'GET'
    """

    method: str
    pattern: str
    handler: str | Callable[..., tuple[int, Mapping[str, str], bytes]]


JSON_SERVICES: tuple[JsonService, ...] = (
    JsonService(
        target_prefix="DynamoDB_20120810",
        service="dynamodb",
        json_version="1.0",
        error_namespace="com.amazonaws.dynamodb.v20120810#",
        health="healthy: {host} ",
        error_types={"ValidationException": "com.amazon.coral.validate#ValidationException"},
        empty_bodies=frozenset({"TagResource", "UntagResource"}),
        wire_request_ids=True,
        expose_headers=(
            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date"
        ),
        endpoints_operation="DescribeEndpoints",
    ),
    JsonService(
        target_prefix="DynamoDBStreams_20120810",
        service="dynamodbstreams",
        json_version="1.0",
        error_namespace="com.amazonaws.dynamodb.v20120810#",
    ),
    JsonService(
        target_prefix="AWSCognitoIdentityProviderService",
        service="cognito-idp",
        json_version="1.1",
        error_namespace="",
    ),
    JsonService(target_prefix="AWSEvents", service="events", json_version="1.1"),
    JsonService(
        target_prefix="AmazonSQS",
        service="sqs",
        json_version="1.0",
        error_namespace="com.amazonaws.sqs#",
        query_errors=True,
    ),
    # CloudWatch Logs sends the bare code in ``__type`` ("ResourceNotFoundException").
    JsonService(target_prefix="Logs_20140328", service="logs", json_version="1.1"),
)

REST_JSON_SERVICES: tuple[RestJsonService, ...] = (
    # CloudFront KeyValueStore's data API (SigV4A: boto3 needs botocore[crt] to sign it).
    RestJsonService(service="cloudfront-keyvaluestore", path_prefixes=("/key-value-stores/",)),
    RestJsonService(
        service="lambda",
        path_prefixes=("/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/",
                       "/2018-10-31/", "/2019-09-25/", "/2019-09-30/", "/2020-04-22/",
                       "/2020-06-30/", "/2021-10-31/", "/2022-07-20/",
                       # InvokeAsync, runtime management, streaming, recursion, newer families
                       "/2014-11-13/", "/2021-07-20/", "/2021-11-15/", "/2024-08-31/",
                       "/2025-11-30/", "/2025-12-01/", "/2026-07-09/"),
    ),
    # Before apigateway's "/tags/": Scheduler's tag paths name a scheduler ARN.
    RestJsonService(
        service="scheduler",
        path_prefixes=("/schedules", "/schedule-groups", "/tags/arn:aws:scheduler:"),
    ),
    RestJsonService(
        service="apigateway",
        path_prefixes=("/restapis", "/apikeys", "/usageplans", "/tags/", "/domainnames"),
        max_request_bytes=10 * 1024 * 1024,
    ),
    RestJsonService(
        service="apigatewayv2",
        path_prefixes=("/v2/apis", "/v2/tags/", "/v2/domainnames"),
        max_request_bytes=10 * 1024 * 1024,
    ),
    # WebSocket APIs' @connections: the endpoint names the API and stage (the stage's
    # path segment is dropped before routing: _restjson.py).
    RestJsonService(service="apigatewaymanagementapi", path_prefixes=("/@connections/",)),
)  # fmt: skip

#: REST-XML (S3): chosen by a Host naming S3 or an ``s3`` signature scope, ahead of
#: every other table (``_restxml.py``).
REST_XML_SERVICES: tuple[str, ...] = ("s3",)

QUERY_SERVICES: tuple[QueryService, ...] = (
    QueryService(service="sts", xmlns="https://sts.amazonaws.com/doc/2011-06-15/"),
    QueryService(service="iam", xmlns="https://iam.amazonaws.com/doc/2010-05-08/"),
)

ROUTES: tuple[Route, ...] = (
    Route("GET", "/{UserPoolId}/.well-known/jwks.json", "pyserverless.cognito._wire:jwks"),
    Route(
        "GET",
        "/{UserPoolId}/.well-known/openid-configuration",
        "pyserverless.cognito._wire:openid_configuration",
    ),
)
