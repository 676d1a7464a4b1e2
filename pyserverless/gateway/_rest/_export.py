"""GetExport: a stage's deployment as OpenAPI 3.0 or Swagger 2.0, with or without
API Gateway's ``x-amazon-apigateway-*`` extensions."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .._errors import BadRequestException
from . import _messages as msg
from ._base import EngineBase
from ._model import Snapshot

__all__ = ["ExportBody", "ExportOps"]

_EXTENSIONS = ("integrations", "authorizers", "apigateway")
_PARAM_PLACES = {
    "path": "path",
    "querystring": "query",
    "multivaluequerystring": "query",
    "header": "header",
    "multivalueheader": "header",
}


class ExportBody(io.BytesIO):
    """GetExport's ``body``: read it with ``.read()``, as boto3's streaming body.

    >>> ExportBody(b"{}").read()
    b'{}'
    """

    def iter_chunks(self, chunk_size: int = 1024) -> Iterator[bytes]:
        while chunk := self.read(chunk_size):
            yield chunk

    def iter_lines(self, chunk_size: int = 1024, keepends: bool = False) -> Iterator[bytes]:
        yield from self.read().splitlines(keepends)


def _yaml() -> Any:
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - PyYAML is installed in the test environment
        return None
    return yaml


class ExportOps(EngineBase):
    """GetExport."""

    def get_export(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetExport: ``oas30`` or ``swagger``, as JSON or YAML (``accepts``)."""
        kind = params["exportType"]
        if kind not in ("oas30", "swagger"):
            raise BadRequestException(msg.EXPORT_TYPE)
        accepts = params.get("accepts") or "application/json"
        if accepts not in ("application/json", "application/yaml") or (
            accepts == "application/yaml" and _yaml() is None
        ):
            raise BadRequestException(msg.EXPORT_ACCEPTS.format(accepts))
        extensions = self._extensions(params.get("parameters") or {})
        with self.lock:
            api = self._api(params)
            stage = self._stage(api, params.get("stageName"))
            snapshot = api.deployments[stage["deploymentId"]].snapshot
            document = _document(
                kind,
                snapshot,
                stage,
                extensions,
                f"{api.api_id}.execute-api.{self.region}.amazonaws.com",
            )
        if accepts == "application/yaml":
            body = _yaml().safe_dump(document, sort_keys=False).encode()
            suffix = "yaml"
        else:
            body = json.dumps(document, indent=2).encode()
            suffix = "json"
        stamp = stage["lastUpdatedDate"].strftime("%Y-%m-%dT%H-%M-%SZ")
        return {
            "contentType": accepts,
            "contentDisposition": f'attachment; filename="{kind}_{stamp}.{suffix}"',
            "body": ExportBody(body),
        }

    @staticmethod
    def _extensions(parameters: Mapping[str, str]) -> frozenset[str]:
        given = parameters.get("extensions")
        if not given:
            return frozenset()
        found = {item.strip() for item in given.split(",") if item.strip()}
        bad = sorted(found - set(_EXTENSIONS))
        if bad:
            raise BadRequestException(msg.EXPORT_EXTENSIONS.format(",".join(bad)))
        if "apigateway" in found:
            found |= {"integrations", "authorizers"}
        return frozenset(found)


def _document(
    kind: str,
    snapshot: Snapshot,
    stage: Mapping[str, Any],
    extensions: frozenset[str],
    host: str,
) -> dict[str, Any]:
    api = snapshot.api
    info: dict[str, Any] = {"title": api["name"]}
    if api.get("description"):
        info["description"] = api["description"]
    info["version"] = api.get("version") or stage["lastUpdatedDate"].strftime("%Y-%m-%dT%H:%M:%SZ")
    oas = kind == "oas30"
    doc: dict[str, Any]
    if oas:
        doc = {
            "openapi": "3.0.1",
            "info": info,
            "servers": [
                {
                    "url": f"https://{host}/{{basePath}}",
                    "variables": {"basePath": {"default": stage["stageName"]}},
                }
            ],
        }
    else:
        doc = {
            "swagger": "2.0",
            "info": info,
            "host": host,
            "basePath": f"/{stage['stageName']}",
            "schemes": ["https"],
        }
    schemes: dict[str, Any] = {}
    doc["paths"] = _paths(snapshot, extensions, schemes, oas)
    schemas = {name: _schema(model, oas) for name, model in snapshot.models.items()}
    components: dict[str, Any] = {}
    if schemas:
        components["schemas"] = schemas
    if schemes:
        components["securitySchemes"] = schemes
    if oas and components:
        doc["components"] = components
    elif not oas:
        if schemas:
            doc["definitions"] = schemas
        if schemes:
            doc["securityDefinitions"] = schemes
    if extensions and snapshot.validators:
        doc["x-amazon-apigateway-request-validators"] = {
            v["name"]: {
                "validateRequestBody": v["validateRequestBody"],
                "validateRequestParameters": v["validateRequestParameters"],
            }
            for v in snapshot.validators.values()
            if v.get("name")
        }
    if "apigateway" in extensions or "authorizers" in extensions:
        doc["x-amazon-apigateway-api-key-source"] = api.get("apiKeySource", "HEADER")
    if extensions and api.get("disableExecuteApiEndpoint"):
        config = {"disableExecuteApiEndpoint": True}
        holder = doc["servers"][0] if oas else doc
        holder["x-amazon-apigateway-endpoint-configuration"] = config
    if extensions and api.get("binaryMediaTypes"):
        doc["x-amazon-apigateway-binary-media-types"] = list(api["binaryMediaTypes"])
    if extensions and snapshot.gateway_responses:
        doc["x-amazon-apigateway-gateway-responses"] = {
            kind: _gateway_response(value) for kind, value in snapshot.gateway_responses.items()
        }
    return doc


_MODEL_URL = re.compile(r"https://apigateway\.amazonaws\.com/restapis/[^/]+/models/([^/#]+)")


def _schema(model: Mapping[str, Any], oas: bool) -> dict[str, Any]:
    """A model's schema as a document's schema: model URLs as local references."""
    try:
        schema = json.loads(model.get("schema") or "{}")
    except ValueError:  # pragma: no cover - CreateModel keeps only parsed schemas
        schema = {}
    local = "#/components/schemas/" if oas else "#/definitions/"

    def swap(value: Any) -> Any:
        if isinstance(value, list):
            return [swap(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            found = _MODEL_URL.fullmatch(item) if key == "$ref" and isinstance(item, str) else None
            if key == "$schema":
                continue
            out[key] = local + found.group(1) if found else swap(item)
        return out

    converted = swap(schema)
    return converted if isinstance(converted, dict) else {}


def _ref(name: str, oas: bool) -> dict[str, str]:
    return {"$ref": ("#/components/schemas/" if oas else "#/definitions/") + name}


def _gateway_response(value: Mapping[str, Any]) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    if value.get("statusCode"):
        shown["statusCode"] = value["statusCode"]
    if value.get("responseParameters"):
        shown["responseParameters"] = dict(value["responseParameters"])
    if value.get("responseTemplates"):
        shown["responseTemplates"] = dict(value["responseTemplates"])
    return shown


def _paths(
    snapshot: Snapshot, extensions: frozenset[str], schemes: dict[str, Any], oas: bool
) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for resource in sorted(snapshot.resources.values(), key=lambda r: r["path"]):
        methods = resource.get("resourceMethods", {})
        if not methods:
            continue
        item: dict[str, Any] = {}
        for verb, method in sorted(methods.items()):
            name = "x-amazon-apigateway-any-method" if verb == "ANY" else verb.lower()
            item[name] = _operation(resource["path"], method, snapshot, extensions, schemes, oas)
        paths[resource["path"]] = item
    return paths


def _parameters(path: str, method: Mapping[str, Any], oas: bool) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], bool] = {}
    for name in re.findall(r"\{([^}+]+)\+?\}", path):
        found[(name, "path")] = True
    for key, required in method.get("requestParameters", {}).items():
        _, _, place, name = key.split(".", 3)
        where = _PARAM_PLACES[place]
        found.setdefault((name, where), where == "path" or bool(required))
    shown = []
    for (name, where), required in found.items():
        param: dict[str, Any] = {"name": name, "in": where, "required": required}
        if oas:
            param["schema"] = {"type": "string"}
        else:
            param["type"] = "string"
        shown.append(param)
    return shown


def _operation(
    path: str,
    method: Mapping[str, Any],
    snapshot: Snapshot,
    extensions: frozenset[str],
    schemes: dict[str, Any],
    oas: bool,
) -> dict[str, Any]:
    operation: dict[str, Any] = {}
    if method.get("operationName"):
        operation["operationId"] = method["operationName"]
    parameters = _parameters(path, method, oas)
    models = method.get("requestModels") or {}
    if models and oas:
        operation["requestBody"] = {
            "content": {ctype: {"schema": _ref(name, oas)} for ctype, name in models.items()},
        }
    elif models:
        operation["consumes"] = list(models)
        parameters.append(
            {
                "in": "body",
                "name": next(iter(models.values())),
                "required": True,
                "schema": _ref(next(iter(models.values())), oas),
            }
        )
    if parameters:
        operation["parameters"] = parameters
    responses = {
        status: _response(status, value, oas)
        for status, value in sorted(method.get("methodResponses", {}).items())
    }
    operation["responses"] = responses or {"default": {"description": "Default response"}}
    if not oas:
        produces = {
            c
            for r in method.get("methodResponses", {}).values()
            for c in r.get("responseModels") or {}
        }
        if produces:
            operation["produces"] = sorted(produces)
    security = _security(method, snapshot, extensions, schemes)
    if security:
        operation["security"] = security
    validator = snapshot.validators.get(method.get("requestValidatorId") or "")
    if extensions and validator and validator.get("name"):
        operation["x-amazon-apigateway-request-validator"] = validator["name"]
    if "integrations" in extensions and method.get("methodIntegration"):
        operation["x-amazon-apigateway-integration"] = _integration(method["methodIntegration"])
    return operation


def _response(status: str, value: Mapping[str, Any], oas: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {"description": f"{status} response"}
    headers = {
        key.rsplit(".", 1)[-1]: {"schema": {"type": "string"}} if oas else {"type": "string"}
        for key in value.get("responseParameters") or {}
        if key.startswith("method.response.header.")
    }
    if headers:
        shown["headers"] = headers
    models = value.get("responseModels") or {}
    if models and oas:
        shown["content"] = {c: {"schema": _ref(n, oas)} for c, n in models.items()}
    elif models:
        shown["schema"] = _ref(next(iter(models.values())), oas)
    return shown


def _security(
    method: Mapping[str, Any],
    snapshot: Snapshot,
    extensions: frozenset[str],
    schemes: dict[str, Any],
) -> list[dict[str, list[str]]]:
    security: list[dict[str, list[str]]] = []
    kind = method["authorizationType"]
    if kind in ("CUSTOM", "COGNITO_USER_POOLS"):
        authorizer = snapshot.authorizers[method["authorizerId"]]
        schemes[authorizer["name"]] = _authorizer_scheme(authorizer, extensions)
        security.append({authorizer["name"]: list(method.get("authorizationScopes", []))})
    elif kind == "AWS_IAM":
        schemes["sigv4"] = {"type": "apiKey", "name": "Authorization", "in": "header"}
        if extensions:
            schemes["sigv4"]["x-amazon-apigateway-authtype"] = "awsSigv4"
        security.append({"sigv4": []})
    if method.get("apiKeyRequired"):
        schemes["api_key"] = {"type": "apiKey", "name": "x-api-key", "in": "header"}
        security.append({"api_key": []})
    return security


def _authorizer_scheme(authorizer: Mapping[str, Any], extensions: frozenset[str]) -> dict[str, Any]:
    sources = (authorizer.get("identitySource") or "").split(",")
    header = next((s.strip().rsplit(".", 1)[-1] for s in sources if ".header." in s), "Unused")
    scheme: dict[str, Any] = {"type": "apiKey", "name": header, "in": "header"}
    if "authorizers" not in extensions:
        return scheme
    kind = authorizer["type"]
    scheme["x-amazon-apigateway-authtype"] = (
        "cognito_user_pools" if kind == "COGNITO_USER_POOLS" else "custom"
    )
    ext: dict[str, Any] = {"type": kind.lower()}
    for key in (
        "authorizerUri",
        "authorizerCredentials",
        "identitySource",
        "identityValidationExpression",
        "providerARNs",
        "authorizerResultTtlInSeconds",
    ):
        if authorizer.get(key) is not None:
            ext[key] = authorizer[key]
    scheme["x-amazon-apigateway-authorizer"] = ext
    return scheme


def _integration(value: Mapping[str, Any]) -> dict[str, Any]:
    shown: dict[str, Any] = {"type": value["type"].lower()}
    for key in (
        "httpMethod",
        "uri",
        "credentials",
        "requestTemplates",
        "requestParameters",
        "contentHandling",
        "timeoutInMillis",
    ):
        if value.get(key) is not None:
            shown[key] = value[key]
    if value.get("cacheKeyParameters"):
        shown["cacheKeyParameters"] = list(value["cacheKeyParameters"])
    shown["passthroughBehavior"] = value.get("passthroughBehavior", "WHEN_NO_MATCH").lower()
    responses = {}
    for item in value.get("integrationResponses", {}).values():
        entry: dict[str, Any] = {"statusCode": item["statusCode"]}
        for key in ("responseParameters", "responseTemplates", "contentHandling"):
            if item.get(key):
                entry[key] = item[key]
        responses[item.get("selectionPattern") or "default"] = entry
    if responses:
        shown["responses"] = responses
    return shown
