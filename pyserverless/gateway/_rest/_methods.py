"""Methods, method responses, integrations and integration responses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import (
    BadRequestException,
    ConflictException,
    NotFoundException,
    ValidationException,
)
from . import _messages as msg
from . import _patch as patch
from ._base import HTTP_METHODS
from ._integrations import IntegrationChecks
from ._model import ApiState, copied

__all__ = ["MethodOps", "lambda_arn_of"]

_AUTH_TYPES = ("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")
_PARAM = re.compile(
    r"method\.request\.(path|querystring|header|multivalueheader|multivaluequerystring)\.[^.\s]+"
)
_STATUS = re.compile(r"[1-5]\d\d")
_CUSTOM_TYPES = ("AWS", "HTTP", "HTTP_PROXY")
_LAMBDA_URI = re.compile(
    r"arn:aws[a-z-]*:apigateway:([a-z0-9-]+|\$\{stageVariables\.\w+\}):lambda:path/"
    r"2015-03-31/functions/(?P<fn>[^/]+)/invocations"
)
_CONTENT_HANDLING = ("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")
_PASSTHROUGH = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
#: PutIntegration members that need a feature not emulated yet.
_REFUSED_INTEGRATION = ("connectionType", "connectionId", "tlsConfig", "integrationTarget")


def lambda_arn_of(uri: str) -> str | None:
    """The function ARN inside a Lambda invocation URI, or None if it is not one.

    >>> lambda_arn_of("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    ...               "arn:aws:lambda:us-east-1:123456789012:function:f/invocations")
    'arn:aws:lambda:us-east-1:123456789012:function:f'
    """
    found = _LAMBDA_URI.fullmatch(uri)
    return None if found is None else found.group("fn")


def _check_param(name: str, value: str) -> None:
    if not _PARAM.fullmatch(name):
        raise BadRequestException(msg.BAD_REQUEST_PARAMETER.format(name))
    if value not in ("true", "false"):
        raise BadRequestException(msg.PATCH_BOOLEAN.format(name, value))


def _check_status(params: Mapping[str, Any], *, patched: str | None = None) -> None:
    """The ``statusCode`` in the path keeps its model's pattern; an update reports its bad
    patch ops first, then the status, in one ``ValidationException`` (verified)."""
    errors = []
    if patched is not None:
        errors = patch.enum_errors(params.get("patchOperations") or [], patched)
    status = params.get("statusCode")
    if not isinstance(status, str) or not _STATUS.fullmatch(status):
        errors.append(msg.STATUS_PATTERN.format(status))
    if errors:
        raise patch.validation(errors)


def _known_entry(name: str, missing: str) -> patch.Rule:
    """A method response's ``/{name}/{key}``: ``add`` sets it; ``replace`` and ``remove``
    need the key to be there (verified: 404 with AWS's words otherwise)."""

    def handler(
        target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
    ) -> None:
        key = captures[-1]
        found = target.setdefault(name, {})
        if op != "add" and key not in found:
            raise NotFoundException(missing)
        if op == "remove":
            del found[key]
        else:
            found[key] = value or ""
        if not found:
            target.pop(name, None)

    return patch.Rule((name, "{}"), frozenset({"add", "replace", "remove"}), handler, "")


def _lenient_boolean(
    target: dict[str, Any], _op: str, _captures: tuple[str, ...], value: str | None
) -> None:
    """``/apiKeyRequired``: AWS reads any text but ``true`` as false (verified: "whatever")."""
    target["apiKeyRequired"] = (value or "").lower() == "true"


def _check_unique_names(parameters: Mapping[str, Any]) -> None:
    """A parameter name is used once across the query string, headers and path."""
    seen: set[str] = set()
    for key in parameters:
        _m, _r, where, name = [*key.split(".", 3), "", "", "", ""][:4]
        if where not in ("path", "querystring", "header"):
            continue
        if name in seen:
            raise BadRequestException(msg.PARAMETER_NAMES_UNIQUE)
        seen.add(name)


def _any_text(_key: str, _value: str) -> None:
    return None


class MethodOps(IntegrationChecks):
    """PutMethod ... DeleteIntegrationResponse."""

    # -- Methods -----------------------------------------------------------------------
    def put_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutMethod: a method on a resource, with its authorization."""
        verb = params["httpMethod"]
        parameters = {k: bool(v) for k, v in (params.get("requestParameters") or {}).items()}
        with self.lock:
            api = self._api_of_resource(params)
            resource = self._resource(api, params.get("resourceId"))
            if verb not in HTTP_METHODS:
                raise BadRequestException(msg.BAD_HTTP_METHOD)
            for name in parameters:
                _check_param(name, "true")
            _check_unique_names(parameters)
            methods = resource.get("resourceMethods", {})
            if verb in methods:
                raise ConflictException(msg.METHOD_EXISTS)
            method: dict[str, Any] = {
                "httpMethod": verb,
                "authorizationType": params["authorizationType"],
                "apiKeyRequired": bool(params.get("apiKeyRequired", False)),
            }
            for key in ("authorizerId", "operationName", "requestValidatorId"):
                if params.get(key):
                    method[key] = params[key]
            if parameters:
                method["requestParameters"] = parameters
            if params.get("requestModels"):
                method["requestModels"] = dict(params["requestModels"])
            self._check_method_models(api, method)
            if params.get("authorizationScopes"):
                method["authorizationScopes"] = list(params["authorizationScopes"])
            self._check_authorization(api, method)
            resource.setdefault("resourceMethods", {})[verb] = method  # checked: now stored
            return copied(method)

    @staticmethod
    def _check_method_models(api: ApiState, method: Mapping[str, Any]) -> None:
        """A method's request models and validator name things the API has."""
        for model in (method.get("requestModels") or {}).values():
            if model not in api.models:
                raise BadRequestException(msg.METHOD_MODEL.format(model))
        validator = method.get("requestValidatorId")
        if validator is not None and validator not in api.validators:
            raise BadRequestException(msg.VALIDATOR_NOT_FOUND)

    def _check_authorization(self, api: ApiState, method: Mapping[str, Any]) -> None:
        kind = method["authorizationType"]
        if kind not in _AUTH_TYPES:
            raise BadRequestException(msg.BAD_AUTHORIZATION_TYPE)
        if kind in ("CUSTOM", "COGNITO_USER_POOLS"):
            authorizer = api.authorizers.get(method.get("authorizerId", ""))
            if authorizer is None:
                raise BadRequestException(msg.AUTHORIZER_ID_REQUIRED)
            wanted = (
                ("COGNITO_USER_POOLS",) if kind == "COGNITO_USER_POOLS" else ("TOKEN", "REQUEST")
            )
            if authorizer["type"] not in wanted:
                raise BadRequestException(
                    msg.AUTHORIZER_TYPE_MISMATCH.format(authorizer["id"], authorizer["type"], kind)
                )
        elif method.get("authorizerId"):
            raise BadRequestException(msg.AUTHORIZER_ID_REQUIRED)
        if method.get("authorizationScopes") and kind != "COGNITO_USER_POOLS":
            raise BadRequestException(msg.SCOPES_NEED_COGNITO)

    def get_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetMethod."""
        with self.lock:
            return copied(self._method(self._api_of_resource(params), params))

    def delete_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteMethod (its responses and integration with it)."""
        with self.lock:
            api = self._api_of_resource(params)
            self._method(api, params)
            resource = api.resources[params["resourceId"]]
            del resource["resourceMethods"][params["httpMethod"]]
            if not resource["resourceMethods"]:
                del resource["resourceMethods"]
        return {}

    def update_method(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateMethod: authorization, API key, parameters and scopes by patch operations."""
        rules = (
            patch.field("/authorizationType", "authorizationType", choices=_AUTH_TYPES),
            patch.field("/authorizerId", "authorizerId", removable=True),
            patch.Rule(("apiKeyRequired",), frozenset({"replace"}), _lenient_boolean, ""),
            patch.field("/operationName", "operationName", removable=True),
            patch.list_item("/authorizationScopes/{}", "authorizationScopes"),
            patch.entry("/requestParameters/{}", "requestParameters", check=_check_param),
            patch.entry("/requestModels/{}", "requestModels", check=_any_text),
            patch.field("/requestValidatorId", "requestValidatorId", removable=True),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules, strict=True)
        with self.lock:
            api = self._api_of_resource(params)
            method = self._method(api, params)
            changed = patch.apply(method, plan)
            changed["requestParameters"] = {
                k: v in (True, "true") for k, v in changed.get("requestParameters", {}).items()
            }
            _check_unique_names(changed["requestParameters"])
            if not changed["requestParameters"]:
                del changed["requestParameters"]
            if changed["authorizationType"] in ("NONE", "AWS_IAM"):
                changed.pop("authorizerId", None)
            self._check_authorization(api, changed)
            self._check_method_models(api, changed)
            method.clear()
            method.update(changed)
            return copied(method)

    # -- Method responses --------------------------------------------------------------
    def put_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutMethodResponse: a status code the method may answer."""
        status = params["statusCode"]
        _check_status(params)
        with self.lock:
            method = self._method(self._api_of_resource(params), params)
            responses = method.setdefault("methodResponses", {})
            if status in responses:
                raise ConflictException(msg.RESPONSE_EXISTS)
            response: dict[str, Any] = {"statusCode": status}
            for key in ("responseParameters", "responseModels"):  # shown even empty (verified)
                response[key] = dict(params.get(key) or {})
            responses[status] = response
            return copied(response)

    def _method_response(self, api: ApiState, params: Mapping[str, Any]) -> dict[str, Any]:
        found = self._method(api, params).get("methodResponses", {}).get(params["statusCode"])
        if found is None:
            raise NotFoundException(msg.RESPONSE_NOT_FOUND)
        return found  # type: ignore[no-any-return]

    def get_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetMethodResponse."""
        _check_status(params)
        with self.lock:
            return copied(self._method_response(self._api_of_resource(params), params))

    def delete_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteMethodResponse."""
        _check_status(params)
        with self.lock:
            api = self._api_of_resource(params)
            self._method_response(api, params)
            method = self._method(api, params)
            del method["methodResponses"][params["statusCode"]]
        return {}

    def update_method_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateMethodResponse: response parameters and models by patch operations."""
        _check_status(params, patched="updateMethodResponseInput")
        rules = (
            _known_entry("responseParameters", msg.PARAMETER_NOT_FOUND),
            _known_entry("responseModels", msg.CONTENT_TYPE_NOT_FOUND),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules, strict="path")
        with self.lock:
            response = self._method_response(self._api_of_resource(params), params)
            changed = patch.apply(response, plan)
            for key, value in changed.get("responseParameters", {}).items():
                changed["responseParameters"][key] = value in (True, "true")
            response.clear()
            response.update(changed)
            return copied(response)

    # -- Integrations ------------------------------------------------------------------
    def put_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutIntegration: AWS_PROXY, AWS, HTTP, HTTP_PROXY or MOCK."""
        integration = self._integration_plan(params)
        with self.lock:
            method = self._method(self._api_of_resource(params), params)
            self._check_mappings(params, method)
            integration["cacheNamespace"] = params.get("cacheNamespace") or params["resourceId"]
            method["methodIntegration"] = integration
            return copied(integration)

    def _integration_plan(self, params: Mapping[str, Any]) -> dict[str, Any]:
        kind = params["type"]
        if kind not in ("AWS_PROXY", "MOCK", *_CUSTOM_TYPES):
            raise ValidationException(msg.INTEGRATION_TYPE.format(kind))
        for name in _REFUSED_INTEGRATION:
            if params.get(name) not in (None, "", "INTERNET"):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(name))
        if params.get("responseTransferMode", "BUFFERED") != "BUFFERED":
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format("responseTransferMode"))
        integration: dict[str, Any] = {"type": kind}
        if kind == "AWS_PROXY":
            self._check_lambda_uri(params)
            integration["httpMethod"] = "POST"
            integration["uri"] = params["uri"]
        elif kind in _CUSTOM_TYPES:
            self._check_custom(params, integration)
        elif params.get("integrationHttpMethod"):
            integration["httpMethod"] = params["integrationHttpMethod"]
        if params.get("credentials"):
            integration["credentials"] = params["credentials"]
        if params.get("requestTemplates"):
            integration["requestTemplates"] = dict(params["requestTemplates"])
        integration["passthroughBehavior"] = params.get("passthroughBehavior", "WHEN_NO_MATCH")
        if integration["passthroughBehavior"] not in _PASSTHROUGH:
            raise BadRequestException(msg.BAD_PASSTHROUGH)
        if params.get("contentHandling") is not None:
            if params["contentHandling"] not in _CONTENT_HANDLING:
                raise BadRequestException(msg.BAD_CONTENT_HANDLING)
            integration["contentHandling"] = params["contentHandling"]
        timeout = params.get("timeoutInMillis", self.limits.default_integration_timeout_ms)
        low, high = self.limits.min_integration_timeout_ms, self.limits.max_integration_timeout_ms
        if not low <= timeout <= high:
            raise BadRequestException(msg.TIMEOUT_RANGE.format(low, high))
        integration["timeoutInMillis"] = timeout
        if params.get("requestParameters"):
            integration["requestParameters"] = dict(params["requestParameters"])
        integration["cacheKeyParameters"] = list(params.get("cacheKeyParameters") or ())
        return integration

    @staticmethod
    def _check_lambda_uri(params: Mapping[str, Any]) -> None:
        uri = params.get("uri")
        if not uri:
            raise BadRequestException(msg.INTEGRATION_URI_REQUIRED)
        if lambda_arn_of(uri) is None:
            raise BadRequestException(msg.LAMBDA_PROXY_POST)
        if params.get("integrationHttpMethod", "POST") != "POST":
            raise BadRequestException(msg.PROXY_METHOD)

    def get_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetIntegration."""
        with self.lock:
            return copied(self._integration(self._api_of_resource(params), params))

    def delete_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteIntegration."""
        with self.lock:
            api = self._api_of_resource(params)
            self._integration(api, params)
            del self._method(api, params)["methodIntegration"]
        return {}

    def update_integration(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateIntegration: URI, timeout, templates, content handling by patch operations."""
        low, high = self.limits.min_integration_timeout_ms, self.limits.max_integration_timeout_ms
        rules = (
            patch.field("/uri", "uri"),
            patch.integer("/timeoutInMillis", "timeoutInMillis", low=low, high=high),
            patch.field(
                "/contentHandling", "contentHandling", choices=_CONTENT_HANDLING, removable=True
            ),
            patch.field("/passthroughBehavior", "passthroughBehavior", choices=_PASSTHROUGH),
            patch.field("/credentials", "credentials", removable=True),
            patch.entry("/requestTemplates/{}", "requestTemplates", check=_any_text),
            patch.field("/httpMethod", "httpMethod"),
            patch.entry("/requestParameters/{}", "requestParameters", check=_any_text),
            patch.list_item("/cacheKeyParameters/{}", "cacheKeyParameters"),
            patch.field("/cacheNamespace", "cacheNamespace"),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            api = self._api_of_resource(params)
            integration = self._integration(api, params)
            changed = patch.apply(integration, plan)
            changed.setdefault("cacheKeyParameters", [])
            if changed["type"] == "AWS_PROXY":
                self._check_lambda_uri({"uri": changed.get("uri")})
            elif changed["type"] in _CUSTOM_TYPES:
                check = {**changed, "integrationHttpMethod": changed.get("httpMethod")}
                self._check_custom(check, {})
            self._check_mappings(changed, self._method(api, params))
            integration.clear()
            integration.update(changed)
            return copied(integration)

    # -- Integration responses ---------------------------------------------------------
    def put_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutIntegrationResponse: a response selected by ``selectionPattern``."""
        status = params["statusCode"]
        _check_status(params)
        with self.lock:
            api = self._api_of_resource(params)
            integration = self._integration(api, params)
            if status not in self._method(api, params).get("methodResponses", {}):
                raise NotFoundException(msg.RESPONSE_NOT_FOUND)
            response: dict[str, Any] = {"statusCode": status}
            if params.get("selectionPattern") is not None:
                response["selectionPattern"] = params["selectionPattern"]
            for key in ("responseParameters", "responseTemplates"):
                if params.get(key):
                    response[key] = dict(params[key])
            if params.get("contentHandling") is not None:
                if params["contentHandling"] not in _CONTENT_HANDLING:
                    raise BadRequestException(msg.BAD_CONTENT_HANDLING)
                response["contentHandling"] = params["contentHandling"]
            integration.setdefault("integrationResponses", {})[status] = response
            return copied(response)

    def _integration_response(self, api: ApiState, params: Mapping[str, Any]) -> dict[str, Any]:
        found = (
            self._integration(api, params).get("integrationResponses", {}).get(params["statusCode"])
        )
        if found is None:
            raise NotFoundException(msg.RESPONSE_NOT_FOUND)
        return found  # type: ignore[no-any-return]

    def get_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetIntegrationResponse."""
        _check_status(params)
        with self.lock:
            return copied(self._integration_response(self._api_of_resource(params), params))

    def delete_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteIntegrationResponse."""
        _check_status(params)
        with self.lock:
            api = self._api_of_resource(params)
            self._integration_response(api, params)
            responses = self._integration(api, params)["integrationResponses"]
            del responses[params["statusCode"]]
        return {}

    def update_integration_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateIntegrationResponse: selection pattern, templates, parameters."""
        _check_status(params, patched="updateIntegrationResponseInput")
        rules = (
            patch.field("/selectionPattern", "selectionPattern", removable=True),
            patch.field(
                "/contentHandling", "contentHandling", choices=_CONTENT_HANDLING, removable=True
            ),
            patch.entry("/responseTemplates/{}", "responseTemplates", check=_any_text),
            patch.entry("/responseParameters/{}", "responseParameters", check=_any_text),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            response = self._integration_response(self._api_of_resource(params), params)
            changed = patch.apply(response, plan)
            response.clear()
            response.update(changed)
            return copied(response)
