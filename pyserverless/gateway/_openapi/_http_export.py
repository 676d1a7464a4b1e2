"""apigatewayv2 ExportApi: an HTTP API (its current definition, or a stage's deployment)
as an OpenAPI 3.0 document, with or without API Gateway's extensions."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._errors import BadRequestException, NotFoundException
from .._http import _messages as http_msg
from . import _messages as msg
from ._load import yaml_module

if TYPE_CHECKING:
    from .._http._engine import HttpApis

__all__ = ["export_http_api"]

_EXT = "x-amazon-apigateway-"
_INTEGRATION = {
    "IntegrationUri": "uri",
    "IntegrationMethod": "httpMethod",
    "PayloadFormatVersion": "payloadFormatVersion",
    "TimeoutInMillis": "timeoutInMillis",
    "ConnectionType": "connectionType",
    "CredentialsArn": "credentials",
    "RequestParameters": "requestParameters",
    "ResponseParameters": "responseParameters",
    "Description": "description",
}
_AUTHORIZER = {
    "AuthorizerUri": "authorizerUri",
    "AuthorizerPayloadFormatVersion": "authorizerPayloadFormatVersion",
    "EnableSimpleResponses": "enableSimpleResponses",
    "AuthorizerResultTtlInSeconds": "authorizerResultTtlInSeconds",
    "AuthorizerCredentialsArn": "authorizerCredentials",
    "IdentityValidationExpression": "identityValidationExpression",
}
_CORS = {
    "AllowOrigins": "allowOrigins",
    "AllowCredentials": "allowCredentials",
    "ExposeHeaders": "exposeHeaders",
    "MaxAge": "maxAge",
    "AllowMethods": "allowMethods",
    "AllowHeaders": "allowHeaders",
}


def _camel(value: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names[k]: v for k, v in value.items() if k in names and v is not None}


def export_http_api(engine: HttpApis, params: Mapping[str, Any]) -> dict[str, Any]:
    """ExportApi: ``{"body": bytes}`` (JSON or YAML as ``OutputType`` asks).

    >>> from pyserverless import Cloud
    >>> engine = Cloud.manual().engine("apigatewayv2")
    >>> api = engine.create_api({"Name": "pets", "ProtocolType": "HTTP"})
    >>> body = export_http_api(engine, {"ApiId": api["ApiId"], "Specification": "OAS30",
    ...                                 "OutputType": "JSON"})["body"]
    >>> json.loads(body)["info"]["title"]
    'pets'
    """
    if params.get("Specification") != "OAS30":
        raise BadRequestException(msg.EXPORT_SPECIFICATION.format(params.get("Specification")))
    output = params.get("OutputType")
    if output not in ("JSON", "YAML"):
        raise BadRequestException(msg.EXPORT_OUTPUT.format(output))
    if params.get("ExportVersion") not in (None, "1.0"):
        raise BadRequestException(msg.EXPORT_VERSION.format(params["ExportVersion"]))
    extensions = params.get("IncludeExtensions", True) is not False
    with engine.lock:
        api = engine.state.apis.get(params.get("ApiId", ""))
        if api is None or api.info.get("ProtocolType") != "HTTP":
            raise NotFoundException(
                http_msg.API_NOT_FOUND.format(engine.account_id, params.get("ApiId"))
            )
        routes: Mapping[str, Mapping[str, Any]] = api.routes
        integrations: Mapping[str, Mapping[str, Any]] = api.integrations
        authorizers: Mapping[str, Mapping[str, Any]] = api.authorizers
        cors = api.info.get("CorsConfiguration")
        stage_name = params.get("StageName")
        if stage_name is not None:
            stage = api.stages.get(stage_name)
            if stage is None:
                raise NotFoundException(http_msg.STAGE_NOT_FOUND.format(stage_name))
            deployment = api.deployments.get(stage.get("DeploymentId") or "")
            if deployment is None:
                raise BadRequestException(msg.EXPORT_NO_DEPLOYMENT.format(stage_name))
            snap = deployment.snapshot
            routes, integrations, authorizers = snap.routes, snap.integrations, snap.authorizers
            cors = snap.cors
        doc = _document(api.info, routes, integrations, authorizers, cors, stage_name, extensions)
    if output == "YAML":
        return {"body": yaml_module().safe_dump(doc, sort_keys=False).encode()}
    return {"body": json.dumps(doc, indent=2).encode()}


def _document(
    info: Mapping[str, Any],
    routes: Mapping[str, Mapping[str, Any]],
    integrations: Mapping[str, Mapping[str, Any]],
    authorizers: Mapping[str, Mapping[str, Any]],
    cors: Mapping[str, Any] | None,
    stage: str | None,
    extensions: bool,
) -> dict[str, Any]:
    head: dict[str, Any] = {"title": info["Name"]}
    if info.get("Description"):
        head["description"] = info["Description"]
    head["version"] = info.get("Version") or info["CreatedDate"].strftime("%Y-%m-%d %H:%M:%S%z")
    server: dict[str, Any] = {"url": info["ApiEndpoint"] + "/{basePath}"}
    base = "" if stage in (None, "$default") else stage
    server["variables"] = {"basePath": {"default": base}}
    if extensions and info.get("DisableExecuteApiEndpoint"):
        server[_EXT + "endpoint-configuration"] = {"disableExecuteApiEndpoint": True}
    doc: dict[str, Any] = {"openapi": "3.0.1", "info": head, "servers": [server]}
    schemes: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for route in sorted(routes.values(), key=lambda r: r["RouteKey"]):
        key = route["RouteKey"]
        verb, _, path = key.partition(" ")
        if key == "$default":
            verb, path = "ANY", "$default"
        name = _EXT + "any-method" if verb == "ANY" else verb.lower()
        operation: dict[str, Any] = {}
        if route.get("OperationName"):
            operation["operationId"] = route["OperationName"]
        variables = re.findall(r"\{([^}+]+)\+?\}", path)
        if variables:
            operation["parameters"] = [
                {"name": v, "in": "path", "required": True, "schema": {"type": "string"}}
                for v in variables
            ]
        operation["responses"] = {"default": {"description": f"Default response for {key}"}}
        security = _security(route, authorizers, schemes, extensions)
        if security:
            operation["security"] = security
        target = route.get("Target") or ""
        integration = integrations.get(target.removeprefix("integrations/"))
        if extensions and integration is not None:
            operation[_EXT + "integration"] = {
                "type": integration["IntegrationType"].lower(),
                **_camel(integration, _INTEGRATION),
            }
        paths.setdefault(path, {})[name] = operation
    doc["paths"] = paths
    if schemes:
        doc["components"] = {"securitySchemes": schemes}
    if extensions and info.get("Tags"):
        doc["tags"] = [{"name": k, _EXT + "tag-value": v} for k, v in info["Tags"].items()]
    if extensions:
        if cors:
            doc[_EXT + "cors"] = _camel(cors, _CORS)
        doc[_EXT + "importexport-version"] = "1.0"
    return doc


def _security(
    route: Mapping[str, Any],
    authorizers: Mapping[str, Mapping[str, Any]],
    schemes: dict[str, Any],
    extensions: bool,
) -> list[dict[str, list[str]]]:
    kind = route.get("AuthorizationType", "NONE")
    if kind == "AWS_IAM":
        schemes["sigv4"] = {"type": "apiKey", "name": "Authorization", "in": "header"}
        if extensions:
            schemes["sigv4"][_EXT + "authtype"] = "awsSigv4"
        return [{"sigv4": []}]
    authorizer = authorizers.get(route.get("AuthorizerId") or "")
    if kind not in ("JWT", "CUSTOM") or authorizer is None:
        return []
    name = authorizer["Name"]
    sources = list(authorizer.get("IdentitySource") or [])
    if authorizer["AuthorizerType"] == "JWT":
        scheme: dict[str, Any] = {"type": "oauth2", "flows": {}}
        ext: dict[str, Any] = {"type": "jwt"}
        jwt = authorizer.get("JwtConfiguration") or {}
        ext["jwtConfiguration"] = {k.lower(): v for k, v in jwt.items()}
    else:
        scheme = {"type": "apiKey", "name": "Unused", "in": "header"}
        ext = {"type": "request", **_camel(authorizer, _AUTHORIZER)}
    if sources:
        ext["identitySource"] = ",".join(sources)
    if extensions:
        scheme[_EXT + "authorizer"] = ext
    schemes[name] = scheme
    return [{name: list(route.get("AuthorizationScopes") or [])}]
