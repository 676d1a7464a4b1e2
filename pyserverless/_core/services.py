"""The table of services: adding a service is one entry here.

Each entry names, by import path, the engine, the boto3-shaped client, the resource
layer and the limits class of one service. Nothing is imported until a Cloud first
uses the service, so a new Cloud costs microseconds.
"""

from __future__ import annotations

import importlib
from typing import Any

import attrs

__all__ = ["SERVICES", "ServiceSpec", "load", "spec_for"]


@attrs.frozen
class ServiceSpec:
    """Where one service's parts live."""

    #: boto3's service name, as in ``boto3.client("dynamodb")``.
    name: str
    #: The attribute of ``Cloud`` that returns the service's resource layer (``cloud.dynamo``).
    attribute: str
    engine: str
    #: None for a service with no boto3 client (``execute-api``: the runtime of API
    #: Gateway's stages, reached through ``cloud.gateway`` and the HTTP endpoint).
    client: str | None
    limits: str
    resource: str | None = None


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        name="dynamodb",
        attribute="dynamo",
        engine="pyserverless.dynamo._engine:DynamoDB",
        client="pyserverless.dynamo._client:DynamoDBClient",
        limits="pyserverless.dynamo._limits:DynamoDBLimits",
        resource="pyserverless.dynamo._resource:DynamoDBResource",
    ),
    ServiceSpec(
        name="lambda",
        attribute="lambda_",
        engine="pyserverless.lambda_._engine:LambdaService",
        client="pyserverless.lambda_._client:LambdaClient",
        limits="pyserverless.lambda_._limits:LambdaLimits",
        resource="pyserverless.lambda_._resource:LambdaResource",
    ),
    ServiceSpec(
        name="cognito-idp",
        attribute="cognito",
        engine="pyserverless.cognito._engine:CognitoIdentityProvider",
        client="pyserverless.cognito._client:CognitoIdpClient",
        limits="pyserverless.cognito._limits:CognitoLimits",
        resource="pyserverless.cognito._resource:CognitoResource",
    ),
    ServiceSpec(
        name="dynamodbstreams",
        attribute="dynamodbstreams",
        engine="pyserverless.dynamodbstreams._engine:DynamoDBStreams",
        client="pyserverless.dynamodbstreams._client:DynamoDBStreamsClient",
        limits="pyserverless.dynamodbstreams._limits:DynamoDBStreamsLimits",
    ),
    ServiceSpec(
        name="sts",
        attribute="sts",
        engine="pyserverless.sts._engine:STS",
        client="pyserverless.sts._client:STSClient",
        limits="pyserverless.sts._limits:STSLimits",
    ),
    ServiceSpec(
        name="iam",
        attribute="iam",
        engine="pyserverless.iam._engine:IAM",
        client="pyserverless.iam._client:IAMClient",
        limits="pyserverless.iam._limits:IAMLimits",
        resource="pyserverless.iam._resource:IAMResource",
    ),
    ServiceSpec(
        name="apigateway",
        attribute="gateway",
        engine="pyserverless.gateway._rest._engine:RestApis",
        client="pyserverless.gateway._rest._client:ApiGatewayClient",
        limits="pyserverless.gateway._limits:GatewayLimits",
        resource="pyserverless.gateway._resource:GatewayResource",
    ),
    ServiceSpec(
        name="apigatewayv2",
        attribute="gatewayv2",
        engine="pyserverless.gateway._http._engine:HttpApis",
        client="pyserverless.gateway._http._client:ApiGatewayV2Client",
        limits="pyserverless.gateway._limits:GatewayV2Limits",
    ),
    ServiceSpec(
        name="apigatewaymanagementapi",
        attribute="websockets",
        engine="pyserverless.gateway._ws._engine:WebSocketEngine",
        client="pyserverless.gateway._ws._client:ManagementApiClient",
        limits="pyserverless.gateway._ws._limits:WebSocketLimits",
    ),
    ServiceSpec(
        name="s3",
        attribute="s3",
        engine="pyserverless.s3._engine:S3",
        client="pyserverless.s3._client:S3Client",
        limits="pyserverless.s3._limits:S3Limits",
        resource="pyserverless.s3._resource:S3Resource",
    ),
    ServiceSpec(
        name="events",
        attribute="events",
        engine="pyserverless.events._engine:EventBridge",
        client="pyserverless.events._client:EventsClient",
        limits="pyserverless.events._limits:EventsLimits",
        resource="pyserverless.events._resource:EventsResource",
    ),
    ServiceSpec(
        name="scheduler",
        attribute="schedules",
        engine="pyserverless.scheduler._engine:SchedulerService",
        client="pyserverless.scheduler._client:SchedulerClient",
        limits="pyserverless.scheduler._limits:SchedulerLimits",
        resource="pyserverless.scheduler._resource:SchedulesResource",
    ),
    ServiceSpec(
        name="cloudfront",
        attribute="cdn",
        engine="pyserverless.cdn._engine:CloudFront",
        client="pyserverless.cdn._client:CloudFrontClient",
        limits="pyserverless.cdn._limits:CloudFrontLimits",
        resource="pyserverless.cdn._resource:CdnResource",
    ),
    ServiceSpec(
        name="logs",
        attribute="logs",
        engine="pyserverless.logs._engine:CloudWatchLogs",
        client="pyserverless.logs._client:LogsClient",
        limits="pyserverless.logs._limits:LogsLimits",
        resource="pyserverless.logs._resource:LogsResource",
    ),
    ServiceSpec(
        name="sqs",
        attribute="sqs",
        engine="pyserverless.sqs._engine:SQS",
        client="pyserverless.sqs._client:SQSClient",
        limits="pyserverless.sqs._limits:SQSLimits",
        resource="pyserverless.sqs._resource:SQSResource",
    ),
    ServiceSpec(
        name="cloudfront-keyvaluestore",
        attribute="cdn_kvs",
        engine="pyserverless.cdn._client_kvs:KeyValueStoreData",
        client="pyserverless.cdn._client_kvs:KeyValueStoreClient",
        limits="pyserverless.cdn._client_kvs:KeyValueStoreLimits",
    ),
    ServiceSpec(
        name="execute-api",
        attribute="execute_api",
        engine="pyserverless.gateway._runtime._engine:ExecuteApi",
        client=None,
        limits="pyserverless.gateway._limits:ExecuteApiLimits",
    ),
)

_BY_NAME = {spec.name: spec for spec in SERVICES}


def spec_for(service_name: str, *, need: str = "engine") -> ServiceSpec:
    """The spec of ``service_name``, or a ``ValueError`` listing the supported ones.

    ``need``: ``"engine"`` (any service), ``"client"`` (one with a boto3 client) or
    ``"resource"`` (one with a boto3-shaped resource).
    """
    spec = _BY_NAME.get(service_name)
    if spec is None or getattr(spec, need, True) is None:
        names = sorted(s.name for s in SERVICES if getattr(s, need, True) is not None)
        kind = "resource" if need == "resource" else "service"
        if spec is not None:  # a service without that part (execute-api has no client)
            raise ValueError(
                f"{service_name!r} has no boto3 {need} in pyserverless; services with one: "
                + ", ".join(names)
            )
        raise ValueError(
            f"Unknown {kind} {service_name!r}: pyserverless emulates " + ", ".join(names)
        )
    return spec


def load(path: str) -> Any:
    """Import ``"package.module:Name"`` and return ``Name``."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
