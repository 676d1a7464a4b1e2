"""apigatewayv2 ImportApi and ReimportApi: an OpenAPI 3 (or Swagger 2) document as an
HTTP API, built through the HTTP APIs engine's own operations."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import BadRequestException
from . import _messages as msg
from ._load import checked, guarded, load_document, resolve_variables

if TYPE_CHECKING:
    from .._http._engine import HttpApis

__all__ = ["HttpImporter", "HttpPlan", "plan_http"]

_EXT = "x-amazon-apigateway-"
_VERBS = ("get", "put", "post", "delete", "options", "head", "patch")
_ANY = _EXT + "any-method"
#: Extensions of REST APIs only: an HTTP API import warns and skips them.
_REST_ONLY = (
    "api-key-source",
    "binary-media-types",
    "gateway-responses",
    "request-validators",
    "request-validator",
    "minimum-compression-size",
    "documentation",
)
_NOT_EMULATED = ("policy",)
_CORS = {
    "allowOrigins": "AllowOrigins",
    "allowCredentials": "AllowCredentials",
    "exposeHeaders": "ExposeHeaders",
    "maxAge": "MaxAge",
    "allowMethods": "AllowMethods",
    "allowHeaders": "AllowHeaders",
}
_INTEGRATION = {
    "uri": "IntegrationUri",
    "httpMethod": "IntegrationMethod",
    "payloadFormatVersion": "PayloadFormatVersion",
    "timeoutInMillis": "TimeoutInMillis",
    "connectionType": "ConnectionType",
    "connectionId": "ConnectionId",
    "credentials": "CredentialsArn",
    "requestParameters": "RequestParameters",
    "responseParameters": "ResponseParameters",
    "integrationSubtype": "IntegrationSubtype",
    "description": "Description",
}
_AUTHORIZER = {
    "authorizerUri": "AuthorizerUri",
    "authorizerPayloadFormatVersion": "AuthorizerPayloadFormatVersion",
    "enableSimpleResponses": "EnableSimpleResponses",
    "authorizerResultTtlInSeconds": "AuthorizerResultTtlInSeconds",
    "authorizerCredentials": "AuthorizerCredentialsArn",
    "identityValidationExpression": "IdentityValidationExpression",
}


@dataclass(frozen=True)
class RoutePlan:
    """One route: CreateIntegration (when the operation has one) then CreateRoute."""

    route: Mapping[str, Any]
    authorizer: str | None
    integration: Mapping[str, Any] | None


@dataclass(frozen=True)
class HttpPlan:
    """The calls that build an HTTP API from a document."""

    api: Mapping[str, Any]
    authorizers: tuple[Mapping[str, Any], ...]
    routes: tuple[RoutePlan, ...]
    warnings: tuple[str, ...]


def _fail(text: str) -> BadRequestException:
    return BadRequestException(msg.ERRORS.format(text))


def _pascal(spec: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names[k]: v for k, v in spec.items() if k in names and v is not None}


class _Planner:
    def __init__(self, doc: Mapping[str, Any], oas: bool, basepath: str) -> None:
        self.doc = doc
        self.oas = oas
        self.basepath = basepath
        self.warnings: list[str] = []
        components = doc.get("components") or {}
        self.schemes: Mapping[str, Any] = (
            components.get("securitySchemes") or {} if oas else doc.get("securityDefinitions") or {}
        )
        self.shared: Mapping[str, Any] = components.get(_EXT + "integrations") or {}

    def api(self) -> dict[str, Any]:
        doc = self.doc
        info = doc.get("info") or {}
        if not isinstance(info.get("title"), str) or not info["title"]:
            raise _fail(msg.TITLE_REQUIRED)
        api: dict[str, Any] = {"Name": info["title"], "ProtocolType": "HTTP"}
        if info.get("description") is not None:
            api["Description"] = str(info["description"])
        if info.get("version") is not None:
            api["Version"] = str(info["version"])
        version = doc.get(_EXT + "importexport-version")
        if version is not None and str(version) != "1.0":
            raise _fail(msg.IMPORTEXPORT_VERSION.format(version))
        cors = doc.get(_EXT + "cors")
        if cors is not None:
            if not isinstance(cors, dict):
                raise _fail(msg.NOT_AN_OBJECT.format(_EXT + "cors"))
            api["CorsConfiguration"] = _pascal(cors, _CORS)
        tags = {
            str(tag["name"]): str(tag[_EXT + "tag-value"])
            for tag in doc.get("tags") or []
            if isinstance(tag, dict) and "name" in tag and tag.get(_EXT + "tag-value") is not None
        }
        if tags:
            api["Tags"] = tags
        config = doc.get(_EXT + "endpoint-configuration")
        servers = doc.get("servers")
        if config is None and isinstance(servers, list) and servers:
            first = servers[0]  # OpenAPI 3 puts the extension on the server object
            config = first.get(_EXT + "endpoint-configuration") if isinstance(first, dict) else None
        if isinstance(config, dict) and config.get("disableExecuteApiEndpoint") is not None:
            api["DisableExecuteApiEndpoint"] = bool(config["disableExecuteApiEndpoint"])
        for name in _NOT_EMULATED:
            if doc.get(_EXT + name) is not None:
                raise _fail(msg.NOT_EMULATED.format(_EXT + name))
        for key in doc:
            short = key[len(_EXT) :] if key.startswith(_EXT) else None
            if short in _REST_ONLY:
                self.warnings.append(f"Ignoring {key} at /: the extension applies to REST APIs")
            elif short is not None and short not in (
                "importexport-version",
                "cors",
                "endpoint-configuration",
                *_NOT_EMULATED,
            ):
                self.warnings.append(msg.UNKNOWN_EXTENSION.format(key, "/"))
        return api

    def authorizers(self) -> tuple[Mapping[str, Any], ...]:
        found = []
        for name, scheme in self.schemes.items():
            spec = scheme.get(_EXT + "authorizer") if isinstance(scheme, dict) else None
            if spec is None:
                continue
            if not isinstance(spec, dict):
                raise _fail(msg.BAD_AUTHORIZER.format(name, "not an object"))
            kind = str(spec.get("type", "")).upper()
            params: dict[str, Any] = {"Name": str(name)}
            source = spec.get("identitySource")
            if kind == "JWT":
                jwt = spec.get("jwtConfiguration") or {}
                params["AuthorizerType"] = "JWT"
                params["JwtConfiguration"] = {
                    k.capitalize(): v for k, v in jwt.items() if k in ("issuer", "audience")
                }
            elif kind == "REQUEST":
                params["AuthorizerType"] = "REQUEST"
                params.update(_pascal(spec, _AUTHORIZER))
            else:
                raise _fail(msg.BAD_AUTHORIZER.format(name, f"invalid type {spec.get('type')}"))
            if source is not None:
                params["IdentitySource"] = [s.strip() for s in str(source).split(",") if s]
            found.append(params)
        return tuple(found)

    def _prefix(self) -> str:
        if self.basepath == "ignore":
            return ""
        servers = self.doc.get("servers") or [{}]
        first = servers[0] if isinstance(servers[0], dict) else {}
        base = re.sub(r"^[a-z]+://[^/]*", "", str(first.get("url", "")))
        for name, spec in (first.get("variables") or {}).items():
            if isinstance(spec, dict):
                base = base.replace("{" + name + "}", str(spec.get("default", "")))
        if not self.oas:
            base = str(self.doc.get("basePath") or "")
        parts = [p for p in base.split("/") if p]
        if self.basepath == "split":
            parts = parts[1:]
        return "".join("/" + p for p in parts)

    def routes(self) -> tuple[RoutePlan, ...]:
        prefix = self._prefix()
        found = []
        for raw, item in (self.doc.get("paths") or {}).items():
            if not isinstance(item, dict):
                raise _fail(msg.BAD_PATH.format(raw))
            for key, op in item.items():
                if key not in _VERBS and key != _ANY:
                    continue
                if not isinstance(op, dict):
                    raise _fail(msg.INVALID_OPERATION.format(key, raw))
                verb = "ANY" if key == _ANY else key.upper()
                if raw == "$default":
                    if key != _ANY:
                        raise _fail(msg.BAD_PATH.format(raw))
                    route_key = "$default"
                else:
                    route_key = f"{verb} {(prefix + str(raw)).rstrip('/') or '/'}"
                found.append(self._route(route_key, op))
        return tuple(found)

    def _route(self, route_key: str, op: Mapping[str, Any]) -> RoutePlan:
        route: dict[str, Any] = {"RouteKey": route_key, "AuthorizationType": "NONE"}
        if op.get("operationId"):
            route["OperationName"] = str(op["operationId"])
        authorizer = None
        for requirement in op.get("security", self.doc.get("security")) or []:
            for name, scopes in (requirement or {}).items():
                scheme = self.schemes.get(name)
                if not isinstance(scheme, dict):
                    raise _fail(msg.NO_SCHEME.format(name, route_key))
                spec = scheme.get(_EXT + "authorizer")
                if isinstance(spec, dict):
                    jwt = str(spec.get("type", "")).upper() == "JWT"
                    route["AuthorizationType"] = "JWT" if jwt else "CUSTOM"
                    authorizer = str(name)
                    if scopes:
                        route["AuthorizationScopes"] = [str(s) for s in scopes]
                elif str(scheme.get(_EXT + "authtype", "")).lower() == "awssigv4":
                    route["AuthorizationType"] = "AWS_IAM"
        spec = op.get(_EXT + "integration")
        if isinstance(spec, dict) and isinstance(spec.get("$ref"), str):
            name = spec["$ref"].rsplit("/", 1)[-1]
            if name not in self.shared:
                self.warnings.append(msg.BAD_REF.format(spec["$ref"], route_key))
                return RoutePlan(route, authorizer, None)
            spec = self.shared[name]
        integration = None
        if spec is not None:
            if not isinstance(spec, dict) or not spec.get("type"):
                raise _fail(msg.BAD_INTEGRATION.format(route_key, "type is required"))
            kind = str(spec["type"]).upper()
            if kind not in ("AWS_PROXY", "HTTP_PROXY"):
                self.warnings.append(msg.HTTP_PROXY_ONLY.format(spec["type"], route_key))
                return RoutePlan(route, authorizer, None)
            integration = {
                "IntegrationType": kind,
                **_pascal(spec, _INTEGRATION),
            }
            if spec.get("tlsConfig") is not None:
                integration["TlsConfig"] = {
                    "ServerNameToVerify": (spec["tlsConfig"] or {}).get("serverNameToVerify")
                }
        return RoutePlan(route, authorizer, integration)


def plan_http(doc: Mapping[str, Any], oas: bool, basepath: str = "ignore") -> HttpPlan:
    """Check a document and turn it into the calls that build its HTTP API.

    >>> plan = plan_http({"openapi": "3.0.1", "info": {"title": "t"},
    ...     "paths": {"/a": {"get": {}}}}, True)
    >>> [r.route["RouteKey"] for r in plan.routes]
    ['GET /a']
    """
    if basepath not in ("ignore", "prepend", "split"):
        raise BadRequestException(msg.BAD_BASEPATH.format(basepath))
    planner = _Planner(doc, oas, basepath)
    api = planner.api()
    authorizers = planner.authorizers()
    routes = planner.routes()
    return HttpPlan(api, authorizers, routes, tuple(planner.warnings))


class HttpImporter:
    """ImportApi and ReimportApi over the HTTP APIs engine.

    >>> from pyserverless import Cloud
    >>> engine = Cloud.manual().engine("apigatewayv2")
    >>> doc = '{"openapi": "3.0.1", "info": {"title": "pets"}, "paths": {"/pets": {"get": {}}}}'
    >>> api = HttpImporter(engine).import_api({"Body": doc})
    >>> [r["RouteKey"] for r in engine.get_routes({"ApiId": api["ApiId"]})["Items"]]
    ['GET /pets']
    """

    def __init__(self, engine: HttpApis) -> None:
        self.engine = engine

    def _plan(self, params: Mapping[str, Any]) -> HttpPlan:
        doc, oas = load_document(params["Body"])
        if not oas:
            raise BadRequestException(msg.HTTP_OAS3_ONLY)
        doc = resolve_variables(doc, self.engine.account_id, self.engine.region)
        plan = guarded(plan_http, doc, oas, params.get("Basepath") or "ignore")
        if plan.warnings and params.get("FailOnWarnings"):
            raise BadRequestException(msg.WARNINGS.format("\n\t".join(plan.warnings)))
        return plan

    def import_api(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """ImportApi: a new HTTP API; on any refusal the half-built API is removed."""
        return self._fresh(self._plan(params))

    def _fresh(self, plan: HttpPlan) -> dict[str, Any]:
        api = checked("apigatewayv2", "CreateApi", self.engine.create_api, dict(plan.api))
        try:
            self._build(api["ApiId"], plan)
        except BaseException:
            self.engine.delete_api({"ApiId": api["ApiId"]})
            raise
        return self._answer(api["ApiId"], plan)

    def reimport_api(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """ReimportApi: the API's definition replaced by the document's (id, stages kept).

        The whole update runs under the engine's lock on a saved copy of the API's state:
        a document the engine refuses half-way leaves the API as it was.
        """
        api_id = params["ApiId"]
        with self.engine.lock:
            current = self.engine.get_api({"ApiId": api_id})
            if current.get("ProtocolType") != "HTTP":
                raise BadRequestException(msg.REIMPORT_HTTP_ONLY)
            plan = self._plan(params)
            saved = _saved(self.engine.state.apis[api_id])
            try:
                self._replace(api_id, plan, bool(current.get("CorsConfiguration")))
            except BaseException:
                self.engine.state.apis[api_id] = saved
                raise
            return self._answer(api_id, plan)

    def _replace(self, api_id: str, plan: HttpPlan, had_cors: bool) -> None:
        where = {"ApiId": api_id}
        everything = {**where, "MaxResults": "100000"}
        for route in self.engine.get_routes(everything)["Items"]:
            self.engine.delete_route({**where, "RouteId": route["RouteId"]})
        for item in self.engine.get_integrations(everything)["Items"]:
            self.engine.delete_integration({**where, "IntegrationId": item["IntegrationId"]})
        for item in self.engine.get_authorizers(everything)["Items"]:
            self.engine.delete_authorizer({**where, "AuthorizerId": item["AuthorizerId"]})
        if had_cors and "CorsConfiguration" not in plan.api:
            self.engine.delete_cors_configuration(where)
        settings = {k: v for k, v in plan.api.items() if k not in ("ProtocolType", "Tags")}
        checked("apigatewayv2", "UpdateApi", self.engine.update_api, {**where, **settings})
        self._build(api_id, plan)

    def _build(self, api_id: str, plan: HttpPlan) -> None:
        where = {"ApiId": api_id}
        authorizers = {}
        for spec in plan.authorizers:
            authorizers[spec["Name"]] = checked(
                "apigatewayv2", "CreateAuthorizer", self.engine.create_authorizer, {**where, **spec}
            )["AuthorizerId"]
        for route in plan.routes:
            params: dict[str, Any] = {**where, **route.route}
            if route.integration is not None:
                made = checked(
                    "apigatewayv2",
                    "CreateIntegration",
                    self.engine.create_integration,
                    {**where, **route.integration},
                )
                params["Target"] = f"integrations/{made['IntegrationId']}"
            if route.authorizer is not None:
                params["AuthorizerId"] = authorizers[route.authorizer]
            checked("apigatewayv2", "CreateRoute", self.engine.create_route, params)

    def _answer(self, api_id: str, plan: HttpPlan) -> dict[str, Any]:
        answer = self.engine.get_api({"ApiId": api_id})
        if plan.warnings:
            answer["Warnings"] = list(plan.warnings)
        return answer


def _saved(api: Any) -> Any:
    """A deep copy of one API's state to restore; its ``served`` cache starts empty."""
    return copy.deepcopy(api, {id(api.served): {}})
