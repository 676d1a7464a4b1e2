"""An OpenAPI 3 or Swagger 2 document as a frozen plan of REST API control-plane calls.

Everything the document says is checked here, before anything changes: what the plan
holds is only the parameters of the engine's own operations (CreateModel, PutMethod,
PutIntegration, ...), which the importer then calls and which keep their own checks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._errors import BadRequestException
from . import _messages as msg

__all__ = ["MethodPlan", "RestPlan", "plan_rest"]

_VERBS = ("get", "put", "post", "delete", "options", "head", "patch")
_ANY = "x-amazon-apigateway-any-method"
_EXT = "x-amazon-apigateway-"
_PLACES = {"path": "path", "query": "querystring", "header": "header"}
_SEGMENT = re.compile(r"[A-Za-z0-9._\-]+|\{[A-Za-z0-9._\-]+\+?\}")
#: Top-level extensions of HTTP APIs only: a REST import warns and skips them.
_HTTP_ONLY = ("cors", "importexport-version", "tag-value", "integrations")
#: Extensions of REST APIs that need a feature pyserverless does not emulate.
_NOT_EMULATED = ("policy", "minimum-compression-size", "endpoint-access-mode", "security-policy")
_TOP_KNOWN = (
    "api-key-source",
    "binary-media-types",
    "gateway-responses",
    "request-validators",
    "request-validator",
    "endpoint-configuration",
    "documentation",
)
DRAFT4 = "http://json-schema.org/draft-04/schema#"


@dataclass(frozen=True)
class MethodPlan:
    """One method: PutMethod, its PutMethodResponse calls, PutIntegration and responses."""

    path: str
    verb: str
    method: Mapping[str, Any]
    authorizer: str | None
    validator: str | None
    responses: tuple[Mapping[str, Any], ...]
    integration: Mapping[str, Any] | None
    integration_responses: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class RestPlan:
    """The whole import, in the order the importer applies it."""

    api: Mapping[str, Any]
    models: tuple[tuple[str, Mapping[str, Any]], ...]
    validators: tuple[Mapping[str, Any], ...]
    authorizers: tuple[Mapping[str, Any], ...]
    paths: tuple[str, ...]
    methods: tuple[MethodPlan, ...]
    gateway_responses: tuple[Mapping[str, Any], ...]
    warnings: tuple[str, ...] = field(default=())


def _fail(text: str) -> BadRequestException:
    return BadRequestException(msg.ERRORS.format(text))


class _Planner:
    def __init__(self, doc: Mapping[str, Any], oas: bool, options: Mapping[str, str]) -> None:
        self.doc = doc
        self.oas = oas
        self.options = options
        self.warnings: list[str] = []
        components = doc.get("components") or {}
        self.schemas: Mapping[str, Any] = (
            components.get("schemas") or {} if oas else doc.get("definitions") or {}
        )
        self.schemes: Mapping[str, Any] = (
            (doc.get("components") or {}).get("securitySchemes") or {}
            if oas
            else doc.get("securityDefinitions") or {}
        )
        self.ref_prefix = "#/components/schemas/" if oas else "#/definitions/"
        self.validator_names = set((doc.get(_EXT + "request-validators") or {}).keys())

    # -- API level ---------------------------------------------------------------------
    def api(self) -> dict[str, Any]:
        doc = self.doc
        info = doc.get("info") or {}
        if not isinstance(info.get("title"), str) or not info["title"]:
            raise _fail(msg.TITLE_REQUIRED)
        api: dict[str, Any] = {"name": info["title"]}
        if info.get("description") is not None:
            api["description"] = str(info["description"])
        if info.get("version") is not None:
            api["version"] = str(info["version"])
        if doc.get(_EXT + "api-key-source") is not None:
            api["apiKeySource"] = str(doc[_EXT + "api-key-source"]).upper()
        if doc.get(_EXT + "binary-media-types") is not None:
            media = doc[_EXT + "binary-media-types"]
            if not isinstance(media, list):
                raise _fail(msg.NOT_A_LIST.format(_EXT + "binary-media-types"))
            api["binaryMediaTypes"] = [str(m) for m in media]
        types, disabled = self._endpoint_types()
        if types:
            api["endpointConfiguration"] = {"types": types}
        if disabled is not None:
            api["disableExecuteApiEndpoint"] = disabled
        for name in _NOT_EMULATED:
            if doc.get(_EXT + name) is not None:
                raise _fail(msg.NOT_EMULATED.format(_EXT + name))
        if (
            doc.get(_EXT + "documentation") is not None
            and self.options.get("ignore") != "documentation"
        ):
            raise _fail(msg.DOCUMENTATION)
        for key in doc:
            if not key.startswith(_EXT):
                continue
            short = key[len(_EXT) :]
            if short in _HTTP_ONLY:
                self.warnings.append(msg.HTTP_ONLY.format(key, "/"))
            elif short not in _TOP_KNOWN and short not in _NOT_EMULATED:
                self.warnings.append(msg.UNKNOWN_EXTENSION.format(key, "/"))
        return api

    def _endpoint_types(self) -> tuple[list[str], bool | None]:
        """The endpoint types and ``disableExecuteApiEndpoint`` the document asks for."""
        given = self.options.get("endpointConfigurationTypes")
        config = self.doc.get(_EXT + "endpoint-configuration")
        servers = self.doc.get("servers") if self.oas else None
        if config is None and isinstance(servers, list) and servers:
            # OpenAPI 3 puts the extension on the server object.
            first = servers[0]
            config = first.get(_EXT + "endpoint-configuration") if isinstance(first, dict) else None
        if config is None:
            return ([given] if given else []), None
        if not isinstance(config, dict):
            raise _fail(msg.NOT_AN_OBJECT.format(_EXT + "endpoint-configuration"))
        if config.get("vpcEndpointIds"):
            raise _fail(msg.NOT_EMULATED.format("vpcEndpointIds"))
        disabled = config.get("disableExecuteApiEndpoint")
        types = [given] if given else [str(t) for t in config.get("types") or []]
        return types, None if disabled is None else bool(disabled)

    # -- models --------------------------------------------------------------------------
    def models(self) -> tuple[tuple[str, Mapping[str, Any]], ...]:
        found = []
        for name, schema in self.schemas.items():
            if not isinstance(schema, dict):
                raise _fail(msg.INVALID_SCHEMA.format(name))
            converted = self._draft4(schema, f"{self.ref_prefix}{name}")
            found.append(
                (
                    str(name),
                    {"$schema": DRAFT4, "title": str(name), **converted},
                )
            )
        return tuple(found)

    def _draft4(self, value: Any, where: str) -> Any:
        """A schema with its local ``$ref`` as model names (``{"$ref": "model:Pet"}``)."""
        if isinstance(value, list):
            return [self._draft4(v, where) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                name = self._model_name(item, where)
                if name is not None:  # an unresolved reference is dropped, with a warning
                    out[key] = "model:" + name
            elif key == "nullable" and self.oas:
                continue  # OpenAPI 3's keyword, which draft 4 has not
            else:
                out[key] = self._draft4(item, where)
        return out

    def _model_name(self, ref: str, where: str) -> str | None:
        """The model a ``$ref`` names; a missing model is a warning (AWS's "minor issue")."""
        name = ref[len(self.ref_prefix) :] if ref.startswith(self.ref_prefix) else None
        if name is None or name not in self.schemas:
            self.warnings.append(msg.BAD_REF.format(ref, where))
            return None
        return name

    # -- validators, authorizers, gateway responses ------------------------------------
    def validators(self) -> tuple[Mapping[str, Any], ...]:
        given = self.doc.get(_EXT + "request-validators") or {}
        if not isinstance(given, dict):
            raise _fail(msg.NOT_AN_OBJECT.format(_EXT + "request-validators"))
        default = self.doc.get(_EXT + "request-validator")
        if default is not None and default not in given:
            raise _fail(msg.UNKNOWN_VALIDATOR.format(default, "/"))
        found = []
        for name, spec in given.items():
            if not isinstance(spec, dict):
                raise _fail(msg.INVALID_VALIDATOR.format(name))
            found.append(
                {
                    "name": str(name),
                    "validateRequestBody": bool(spec.get("validateRequestBody", False)),
                    "validateRequestParameters": bool(spec.get("validateRequestParameters", False)),
                }
            )
        return tuple(found)

    def authorizers(self) -> tuple[Mapping[str, Any], ...]:
        found = []
        for name, scheme in self.schemes.items():
            if not isinstance(scheme, dict) or _EXT + "authorizer" not in scheme:
                continue
            spec = scheme[_EXT + "authorizer"]
            if not isinstance(spec, dict):
                raise _fail(msg.BAD_AUTHORIZER.format(name, "not an object"))
            kind = str(spec.get("type", "")).upper()
            if kind not in ("TOKEN", "REQUEST", "COGNITO_USER_POOLS"):
                raise _fail(msg.BAD_AUTHORIZER.format(name, f"invalid type {spec.get('type')}"))
            params: dict[str, Any] = {"name": str(name), "type": kind}
            for key in (
                "authorizerUri",
                "authorizerCredentials",
                "identityValidationExpression",
                "authorizerResultTtlInSeconds",
                "providerARNs",
            ):
                if spec.get(key) is not None:
                    params[key] = spec[key]
            source = spec.get("identitySource")
            if source is None and kind != "REQUEST" and scheme.get("in") == "header":
                source = f"method.request.header.{scheme.get('name')}"
            if source is not None:
                params["identitySource"] = str(source)
            found.append(params)
        return tuple(found)

    def gateway_responses(self) -> tuple[Mapping[str, Any], ...]:
        given = self.doc.get(_EXT + "gateway-responses") or {}
        if not isinstance(given, dict):
            raise _fail(msg.NOT_AN_OBJECT.format(_EXT + "gateway-responses"))
        found = []
        for kind, spec in given.items():
            if not isinstance(spec, dict):
                raise _fail(msg.INVALID_GATEWAY_RESPONSE.format(kind))
            params: dict[str, Any] = {"responseType": str(kind)}
            if spec.get("statusCode") is not None:
                params["statusCode"] = str(spec["statusCode"])
            for key in ("responseParameters", "responseTemplates"):
                if spec.get(key):
                    params[key] = dict(spec[key])
            found.append(params)
        return tuple(found)

    # -- paths ---------------------------------------------------------------------------
    def prefix(self) -> str:
        mode = self.options.get("basepath", "ignore")
        if mode == "ignore":
            return ""
        if self.oas:
            servers = self.doc.get("servers") or [{}]
            url = str(servers[0].get("url", "")) if isinstance(servers[0], dict) else ""
            base = re.sub(r"^[a-z]+://[^/]*", "", url)
            variables = servers[0].get("variables") or {} if isinstance(servers[0], dict) else {}
            for name, spec in variables.items():
                if isinstance(spec, dict):
                    base = base.replace("{" + name + "}", str(spec.get("default", "")))
        else:
            base = str(self.doc.get("basePath") or "")
        parts = [p for p in base.split("/") if p]
        if mode == "split":
            parts = parts[1:]
        return "".join("/" + p for p in parts)

    def paths(self, prefix: str) -> tuple[tuple[str, ...], tuple[MethodPlan, ...]]:
        all_paths: dict[str, None] = {}
        methods: list[MethodPlan] = []
        for raw, item in (self.doc.get("paths") or {}).items():
            path = (prefix + str(raw)).rstrip("/") or "/"
            if path != "/" and not all(_SEGMENT.fullmatch(p) for p in path[1:].split("/")):
                raise _fail(msg.BAD_PATH.format(raw))
            if not isinstance(item, dict):
                raise _fail(msg.BAD_PATH.format(raw))
            all_paths[path] = None
            shared = item.get("parameters") or []
            for key, operation in item.items():
                if key in _VERBS or key == _ANY:
                    verb = "ANY" if key == _ANY else key.upper()
                    if not isinstance(operation, dict):
                        raise _fail(msg.INVALID_OPERATION.format(verb, raw))
                    methods.append(self._method(path, verb, operation, shared))
                elif key.startswith(_EXT):
                    self.warnings.append(msg.UNKNOWN_EXTENSION.format(key, raw))
        return tuple(all_paths), tuple(methods)

    def _method(self, path: str, verb: str, op: Mapping[str, Any], shared: list[Any]) -> MethodPlan:
        where = f"{verb} {path}"
        method: dict[str, Any] = {"httpMethod": verb, "authorizationType": "NONE"}
        if op.get("operationId"):
            method["operationName"] = str(op["operationId"])
        parameters: dict[str, bool] = {}
        models: dict[str, str] = {}
        for param in [*shared, *(op.get("parameters") or [])]:
            self._parameter(param, parameters, models, where, op)
        if self.oas and isinstance(op.get("requestBody"), dict):
            for ctype, content in (op["requestBody"].get("content") or {}).items():
                name = self._schema_model(content, where, "request body")
                if name:
                    models[str(ctype)] = name
        if parameters:
            method["requestParameters"] = parameters
        if models:
            method["requestModels"] = models
        authorizer = self._security(op, method, where)
        validator = op.get(_EXT + "request-validator", self.doc.get(_EXT + "request-validator"))
        if validator is not None and validator not in self.validator_names:
            raise _fail(msg.UNKNOWN_VALIDATOR.format(validator, where))
        auth = op.get(_EXT + "auth")
        if isinstance(auth, dict) and str(auth.get("type", "")).upper() == "AWS_IAM":
            method["authorizationType"] = "AWS_IAM"
        responses = self._responses(op, where)
        integration, integration_responses = self._integration(op, where)
        return MethodPlan(
            path, verb, method, authorizer, validator, responses, integration, integration_responses
        )

    def _resolved(self, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            kind = "parameters" if "/parameters/" in ref else None
            if kind:
                section = (self.doc.get("components") or {}) if self.oas else self.doc
                return (section.get("parameters") or {}).get(ref.rsplit("/", 1)[-1], value)
        return value

    def _parameter(
        self,
        param: Any,
        parameters: dict[str, bool],
        models: dict[str, str],
        where: str,
        op: Mapping[str, Any],
    ) -> None:
        param = self._resolved(param)
        if not isinstance(param, dict) or "in" not in param or "name" not in param:
            raise _fail(msg.INVALID_PARAMETER.format(where))
        place = param["in"]
        if place == "body" and not self.oas:
            name = self._schema_model(param, where, "body parameter")
            if name:
                for ctype in op.get("consumes") or self.doc.get("consumes") or ["application/json"]:
                    models[str(ctype)] = name
            return
        if place not in _PLACES:
            return  # cookie and formData parameters have no API Gateway counterpart
        key = f"method.request.{_PLACES[place]}.{param['name']}"
        parameters[key] = bool(param.get("required", place == "path"))

    def _schema_model(self, holder: Mapping[str, Any], where: str, what: str) -> str | None:
        schema = holder.get("schema")
        if not isinstance(schema, dict):
            return None
        if isinstance(schema.get("$ref"), str):
            return self._model_name(schema["$ref"], where)
        self.warnings.append(msg.INLINE_SCHEMA.format(what, where))
        return None

    def _security(self, op: Mapping[str, Any], method: dict[str, Any], where: str) -> str | None:
        required = op.get("security", self.doc.get("security")) or []
        authorizer = None
        for requirement in required:
            for name, scopes in (requirement or {}).items():
                scheme = self.schemes.get(name)
                if not isinstance(scheme, dict):
                    raise _fail(msg.NO_SCHEME.format(name, where))
                if _EXT + "authorizer" in scheme:
                    kind = str(scheme[_EXT + "authorizer"].get("type", "")).upper()
                    method["authorizationType"] = (
                        "COGNITO_USER_POOLS" if kind == "COGNITO_USER_POOLS" else "CUSTOM"
                    )
                    authorizer = str(name)
                    if scopes:
                        method["authorizationScopes"] = [str(s) for s in scopes]
                elif str(scheme.get(_EXT + "authtype", "")).lower() == "awssigv4":
                    method["authorizationType"] = "AWS_IAM"
                elif scheme.get("type") == "apiKey" and scheme.get("name") == "x-api-key":
                    method["apiKeyRequired"] = True
        return authorizer

    def _responses(self, op: Mapping[str, Any], where: str) -> tuple[Mapping[str, Any], ...]:
        found = []
        for status, spec in (op.get("responses") or {}).items():
            if not re.fullmatch(r"[1-5]\d\d", str(status)) or not isinstance(spec, dict):
                continue
            response: dict[str, Any] = {"statusCode": str(status)}
            headers = spec.get("headers") or {}
            if headers:
                response["responseParameters"] = {
                    f"method.response.header.{h}": False for h in headers
                }
            models: dict[str, str] = {}
            if self.oas:
                for ctype, content in (spec.get("content") or {}).items():
                    name = self._schema_model(content, where, f"{status} response")
                    if name:
                        models[str(ctype)] = name
            else:
                name = self._schema_model(spec, where, f"{status} response")
                if name:
                    for ctype in (
                        op.get("produces") or self.doc.get("produces") or ["application/json"]
                    ):
                        models[str(ctype)] = name
            if models:
                response["responseModels"] = models
            found.append(response)
        return tuple(found)

    def _integration(
        self, op: Mapping[str, Any], where: str
    ) -> tuple[Mapping[str, Any] | None, tuple[Mapping[str, Any], ...]]:
        spec = op.get(_EXT + "integration")
        if spec is None:
            return None, ()
        if not isinstance(spec, dict) or not spec.get("type"):
            raise _fail(msg.BAD_INTEGRATION.format(where, "type is required"))
        params: dict[str, Any] = {"type": str(spec["type"]).upper()}
        if spec.get("httpMethod") is not None:
            params["integrationHttpMethod"] = str(spec["httpMethod"]).upper()
        if spec.get("passthroughBehavior") is not None:
            params["passthroughBehavior"] = str(spec["passthroughBehavior"]).upper()
        for key in (
            "uri",
            "credentials",
            "requestTemplates",
            "requestParameters",
            "contentHandling",
            "timeoutInMillis",
            "connectionType",
            "connectionId",
            "cacheNamespace",
            "cacheKeyParameters",
            "tlsConfig",
        ):
            if spec.get(key) is not None:
                params[key] = spec[key]
        found = []
        responses = spec.get("responses") or {}
        if not isinstance(responses, dict):
            raise _fail(msg.BAD_INTEGRATION.format(where, "responses must be an object"))
        for pattern, item in responses.items():
            if not isinstance(item, dict) or item.get("statusCode") is None:
                problem = f"response {pattern} needs statusCode"
                raise _fail(msg.BAD_INTEGRATION.format(where, problem))
            response: dict[str, Any] = {"statusCode": str(item["statusCode"])}
            if pattern != "default":
                response["selectionPattern"] = str(pattern)
            for key in ("responseParameters", "responseTemplates", "contentHandling"):
                if item.get(key) is not None:
                    response[key] = item[key]
            found.append(response)
        return params, tuple(found)


def _check_options(options: Mapping[str, str]) -> None:
    for key, value in options.items():
        if key == "basepath":
            if value not in ("ignore", "prepend", "split"):
                raise BadRequestException(msg.BAD_BASEPATH.format(value))
        elif key == "endpointConfigurationTypes":
            if value not in ("EDGE", "REGIONAL", "PRIVATE"):
                raise BadRequestException(msg.BAD_ENDPOINT.format(value))
        elif key == "ignore":
            if value != "documentation":
                raise BadRequestException(msg.BAD_PARAMETER.format(f"ignore={value}"))
        else:
            raise BadRequestException(msg.BAD_PARAMETER.format(key))


def plan_rest(doc: Mapping[str, Any], oas: bool, options: Mapping[str, str]) -> RestPlan:
    """Check a document and turn it into the calls that build its REST API.

    >>> plan = plan_rest({"openapi": "3.0.1", "info": {"title": "t"},
    ...     "paths": {"/a/{id}": {"get": {}}}}, True, {})
    >>> plan.paths, plan.methods[0].method["httpMethod"]
    (('/a/{id}',), 'GET')
    """
    _check_options(options)
    planner = _Planner(doc, oas, options)
    api = planner.api()
    models = planner.models()
    validators = planner.validators()
    authorizers = planner.authorizers()
    paths, methods = planner.paths(planner.prefix())
    responses = planner.gateway_responses()
    return RestPlan(
        api, models, validators, authorizers, paths, methods, responses, tuple(planner.warnings)
    )


def model_schema(schema: Mapping[str, Any], url: str) -> str:
    """A planned model's schema as CreateModel takes it, ``model:`` refs as model URLs.

    >>> model_schema({"$ref": "model:Pet"}, "https://apigateway.amazonaws.com/restapis/a/models")
    '{"$ref": "https://apigateway.amazonaws.com/restapis/a/models/Pet"}'
    """

    def swap(value: Any) -> Any:
        if isinstance(value, list):
            return [swap(v) for v in value]
        if not isinstance(value, dict):
            return value
        return {
            k: (
                f"{url}/{v[6:]}"
                if k == "$ref" and isinstance(v, str) and v.startswith("model:")
                else swap(v)
            )
            for k, v in value.items()
        }

    return json.dumps(swap(schema))
