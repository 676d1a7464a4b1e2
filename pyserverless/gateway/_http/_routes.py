"""Routes and integrations: create, read, update, delete, with AWS's checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException, ConflictException
from .._ws._control import check_ws_integration, check_ws_route, check_ws_route_key
from . import _messages as msg
from ._base import EngineBase, check_enums, refuse
from ._mapping import check_http_proxy
from ._model import HttpApi, copied, is_websocket

__all__ = ["RouteOps", "check_lambda_uri", "check_route_key", "function_arn_of"]

METHODS = ("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
_LITERAL = re.compile(r"[A-Za-z0-9._~:@!$&'()*+,;=\-]+")
_VARIABLE = re.compile(r"\{([A-Za-z0-9._\-]+)(\+?)\}")
_FUNCTION_ARN = re.compile(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?"
)
_PATH_FORM = re.compile(
    r"arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations"
)
_ROUTE_WEBSOCKET_ONLY = (
    "ApiKeyRequired",
    "ModelSelectionExpression",
    "RequestModels",
    "RequestParameters",
    "RouteResponseSelectionExpression",
)
_INTEGRATION_NOT_EMULATED = (
    "ConnectionId",
    "CredentialsArn",
    "IntegrationSubtype",
    "RequestParameters",
    "ResponseParameters",
    "TlsConfig",
)
#: What an HTTP_PROXY integration cannot take yet (it takes the parameter mappings).
_PROXY_NOT_EMULATED = ("ConnectionId", "CredentialsArn", "IntegrationSubtype", "TlsConfig")
_INTEGRATION_WEBSOCKET_ONLY = (
    "ContentHandlingStrategy",
    "PassthroughBehavior",
    "RequestTemplates",
    "TemplateSelectionExpression",
)
_AUTHORIZER_KINDS = {"JWT": "JWT", "CUSTOM": "REQUEST"}


def check_route_key(key: str) -> str:
    """``key`` if it is an HTTP API route key (``$default`` or ``METHOD /path``)."""
    if key == "$default":
        return key
    method, space, path = key.partition(" ")
    if not space or method not in METHODS or not path.startswith("/"):
        raise BadRequestException(msg.ROUTE_KEY.format(key))
    if path == "/":
        return key
    parts = path[1:].split("/")
    names: set[str] = set()
    for index, part in enumerate(parts):
        variable = _VARIABLE.fullmatch(part)
        if variable is not None:
            greedy_not_last = variable.group(2) and index != len(parts) - 1
            if greedy_not_last or variable.group(1) in names:
                raise BadRequestException(msg.ROUTE_KEY.format(key))
            names.add(variable.group(1))
        elif not _LITERAL.fullmatch(part):
            raise BadRequestException(msg.ROUTE_KEY.format(key))
    return key


def function_arn_of(uri: str) -> str | None:
    """The Lambda function ARN a Lambda integration or authorizer URI names, or None."""
    found = _PATH_FORM.fullmatch(uri)
    inner = found.group(1) if found is not None else uri
    return inner if _FUNCTION_ARN.fullmatch(inner) else None


def check_lambda_uri(uri: str) -> str:
    """``uri`` if it names a Lambda function (its ARN, or the apigateway path form)."""
    if function_arn_of(uri) is None:
        raise BadRequestException(msg.INTEGRATION_URI.format(uri))
    return uri


class RouteOps(EngineBase):
    """CreateRoute ... DeleteIntegration."""

    # -- routes ------------------------------------------------------------------------
    def _checked_route(self, api: HttpApi, route: dict[str, Any], route_id: str) -> None:
        websocket = is_websocket(api)
        key = (check_ws_route_key if websocket else check_route_key)(route["RouteKey"])
        if any(r["RouteKey"] == key for rid, r in api.routes.items() if rid != route_id):
            raise ConflictException(msg.ROUTE_EXISTS.format(key))
        kind = route.get("AuthorizationType", "NONE")
        authorizer_id = route.get("AuthorizerId")
        if websocket and kind == "JWT":
            raise BadRequestException(msg.WEBSOCKET_JWT)
        if kind in _AUTHORIZER_KINDS:
            if authorizer_id is None:
                raise BadRequestException(msg.AUTH_TYPE_NEEDS_ID.format(kind))
            authorizer = self._child(api.authorizers, authorizer_id, msg.AUTHORIZER_NOT_FOUND)
            if authorizer["AuthorizerType"] != _AUTHORIZER_KINDS[kind]:
                raise BadRequestException(
                    msg.AUTH_KIND.format(authorizer_id, authorizer["AuthorizerType"], kind)
                )
        elif authorizer_id is not None:
            raise BadRequestException(msg.AUTH_ID_UNEXPECTED.format(kind))
        scopes = route.get("AuthorizationScopes")
        if scopes:
            if kind != "JWT":
                raise BadRequestException(msg.SCOPES_JWT)
            if len(scopes) > self.limits.max_scopes_per_route:
                raise BadRequestException(msg.SCOPES_COUNT.format(self.limits.max_scopes_per_route))
        target = route.get("Target")
        if target is not None:
            kind_of, _, integration_id = target.partition("/")
            if kind_of != "integrations" or not integration_id:
                raise BadRequestException(msg.TARGET.format(target))
            self._child(api.integrations, integration_id, msg.INTEGRATION_NOT_FOUND)

    @staticmethod
    def _route_fields(route: dict[str, Any], params: Mapping[str, Any]) -> None:
        if "AuthorizationType" in params and params["AuthorizationType"] in ("NONE", "AWS_IAM"):
            route.pop("AuthorizerId", None)
            route.pop("AuthorizationScopes", None)
        for name in (
            "RouteKey",
            "AuthorizationType",
            "AuthorizerId",
            "Target",
            "OperationName",
            "RouteResponseSelectionExpression",
        ):
            if params.get(name) is not None:
                route[name] = params[name]
        if params.get("AuthorizationScopes") is not None:
            route["AuthorizationScopes"] = list(params["AuthorizationScopes"])
            if not route["AuthorizationScopes"]:
                del route["AuthorizationScopes"]

    @staticmethod
    def _route_refusals(api: HttpApi, params: Mapping[str, Any]) -> None:
        """What an HTTP API's route cannot take (a WebSocket API's are checked whole)."""
        if not is_websocket(api):
            refuse(params, _ROUTE_WEBSOCKET_ONLY, msg.WEBSOCKET_ONLY)

    def create_route(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRoute: ``$default`` or ``METHOD /path``, with its authorization and target."""
        check_enums(params)
        with self.lock:
            api = self._api(params)
            self._route_refusals(api, params)
            route: dict[str, Any] = {"ApiKeyRequired": False, "AuthorizationType": "NONE"}
            self._route_fields(route, params)
            if is_websocket(api):
                check_ws_route(route, params)
            self._checked_route(api, route, "")
            self._check_count(len(api.routes), self.limits.max_routes_per_api, "routes")
            route["RouteId"] = route_id = self._new_id(api.routes)
            api.routes[route_id] = route
            self._changed(api)
            return copied(route)  # type: ignore[no-any-return]

    def get_route(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRoute."""
        with self.lock:
            api = self._api(params)
            return copied(self._child(api.routes, params.get("RouteId"), msg.ROUTE_NOT_FOUND))  # type: ignore[no-any-return]

    def get_routes(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRoutes: the API's routes, paged."""
        with self.lock:
            return self._page(list(self._api(params).routes.values()), params)

    def update_route(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRoute: key, authorization or target (checked whole, then applied)."""
        check_enums(params)
        with self.lock:
            api = self._api(params)
            self._route_refusals(api, params)
            route_id = params.get("RouteId")
            current = self._child(api.routes, route_id, msg.ROUTE_NOT_FOUND)
            route = copied(current)
            self._route_fields(route, params)
            if is_websocket(api):
                check_ws_route(route, params)
            if route.get("ApiGatewayManaged") and route["RouteKey"] != current["RouteKey"]:
                raise BadRequestException(msg.MANAGED_ROUTE_KEY)
            self._checked_route(api, route, current["RouteId"])
            api.routes[current["RouteId"]] = route
            self._changed(api)
            return copied(route)  # type: ignore[no-any-return]

    def delete_route(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRoute (and its entry in any stage's RouteSettings)."""
        with self.lock:
            api = self._api(params)
            route = self._child(api.routes, params.get("RouteId"), msg.ROUTE_NOT_FOUND)
            del api.routes[route["RouteId"]]
            api.route_responses.pop(route["RouteId"], None)  # a WebSocket route's
            for stage in api.stages.values():
                stage.get("RouteSettings", {}).pop(route["RouteKey"], None)
            self._changed(api)
            return {}

    # -- integrations ------------------------------------------------------------------
    def _integration_fields(
        self, integration: dict[str, Any], params: Mapping[str, Any], websocket: bool = False
    ) -> None:
        kind = params.get("IntegrationType", integration.get("IntegrationType"))
        if websocket:
            integration["IntegrationType"] = kind
            check_ws_integration(integration, params)
        if kind == "AWS":
            raise BadRequestException(msg.NOT_EMULATED.format(f"IntegrationType {kind}"))
        if kind in ("HTTP", "MOCK"):
            raise BadRequestException(msg.WEBSOCKET_ONLY.format(f"IntegrationType {kind}"))
        if kind not in ("AWS_PROXY", "HTTP_PROXY"):
            raise BadRequestException(msg.INTEGRATION_TYPE.format(kind))
        refused = _INTEGRATION_NOT_EMULATED if kind == "AWS_PROXY" else _PROXY_NOT_EMULATED
        refuse(params, refused, msg.NOT_EMULATED)
        if params.get("ConnectionType") not in (None, "INTERNET"):
            raise BadRequestException(msg.NOT_EMULATED.format("ConnectionType VPC_LINK"))
        for name in ("IntegrationUri", "PayloadFormatVersion", "TimeoutInMillis", "Description"):
            if params.get(name) is not None:
                integration[name] = params[name]
        integration["IntegrationType"] = kind
        if kind == "HTTP_PROXY":
            check_http_proxy(self, integration, params)
            self._check_timeout(integration)
            return
        method = params.get("IntegrationMethod")
        if method is not None and method != "POST":
            raise BadRequestException(msg.INTEGRATION_METHOD.format(method))
        uri = integration.get("IntegrationUri")
        if uri is None:
            raise BadRequestException(msg.INTEGRATION_URI_REQUIRED)
        check_lambda_uri(uri)
        version = integration.get("PayloadFormatVersion")
        if version is None:
            raise BadRequestException(msg.PAYLOAD_REQUIRED)
        if version not in ("1.0", "2.0"):
            raise BadRequestException(msg.PAYLOAD_VERSION.format(version))
        self._check_timeout(integration)

    def _check_timeout(self, integration: dict[str, Any]) -> None:
        timeout = integration.setdefault(
            "TimeoutInMillis", self.limits.default_integration_timeout_ms
        )
        low, high = self.limits.min_integration_timeout_ms, self.limits.max_integration_timeout_ms
        if not isinstance(timeout, int) or not low <= timeout <= high:
            raise BadRequestException(msg.TIMEOUT.format(low, high))

    def create_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateIntegration: a Lambda proxy (AWS_PROXY) integration, payload 1.0 or 2.0."""
        check_enums(params)
        with self.lock:
            api = self._api(params)
            websocket = is_websocket(api)
            if not websocket:
                refuse(params, _INTEGRATION_WEBSOCKET_ONLY, msg.WEBSOCKET_ONLY)
            integration: dict[str, Any] = {
                "ConnectionType": "INTERNET",
                "IntegrationMethod": "POST",
            }
            self._integration_fields(integration, params, websocket)
            self._check_count(
                len(api.integrations), self.limits.max_integrations_per_api, "integrations"
            )
            integration["IntegrationId"] = integration_id = self._new_id(api.integrations)
            api.integrations[integration_id] = integration
            self._changed(api)
            return copied(integration)  # type: ignore[no-any-return]

    def get_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetIntegration."""
        with self.lock:
            api = self._api(params)
            found = self._child(
                api.integrations, params.get("IntegrationId"), msg.INTEGRATION_NOT_FOUND
            )
            return copied(found)  # type: ignore[no-any-return]

    def get_integrations(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetIntegrations: the API's integrations, paged."""
        with self.lock:
            return self._page(list(self._api(params).integrations.values()), params)

    def update_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateIntegration: URI, payload format, timeout, description."""
        check_enums(params)
        with self.lock:
            api = self._api(params)
            websocket = is_websocket(api)
            if not websocket:
                refuse(params, _INTEGRATION_WEBSOCKET_ONLY, msg.WEBSOCKET_ONLY)
            current = self._child(
                api.integrations, params.get("IntegrationId"), msg.INTEGRATION_NOT_FOUND
            )
            integration = copied(current)
            self._integration_fields(integration, params, websocket)
            api.integrations[current["IntegrationId"]] = integration
            self._changed(api)
            return copied(integration)  # type: ignore[no-any-return]

    def delete_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteIntegration: refused while a route targets it."""
        with self.lock:
            api = self._api(params)
            found = self._child(
                api.integrations, params.get("IntegrationId"), msg.INTEGRATION_NOT_FOUND
            )
            if found.get("ApiGatewayManaged"):
                raise BadRequestException(msg.MANAGED_INTEGRATION)
            target = f"integrations/{found['IntegrationId']}"
            for route in api.routes.values():
                if route.get("Target") == target:
                    raise ConflictException(
                        msg.INTEGRATION_IN_USE.format(found["IntegrationId"], route["RouteId"])
                    )
            del api.integrations[found["IntegrationId"]]
            self._changed(api)
            return {}
