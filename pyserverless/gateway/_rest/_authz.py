"""Authorizers and gateway responses."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .._errors import (
    BadRequestException,
    ConflictException,
    LimitExceededException,
    NotFoundException,
    ValidationException,
)
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._methods import lambda_arn_of
from ._model import ApiState, copied

__all__ = ["DEFAULT_STATUS", "AuthorizerOps", "default_gateway_response"]

_TYPES = ("TOKEN", "REQUEST", "COGNITO_USER_POOLS")
_HEADER_SOURCE = re.compile(r"method\.request\.header\.[^\s,]+")
_REQUEST_SOURCE = re.compile(
    r"(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^\s,]+"
    r"|stageVariables\.[^\s,]+|context\.[^\s,]+)"
)
_POOL_ARN = re.compile(r"arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool/[\w-]+_[0-9a-zA-Z]+")
#: Each gateway response type's default status code (None: the error's own status).
DEFAULT_STATUS: Mapping[str, str | None] = {
    "ACCESS_DENIED": "403",
    "API_CONFIGURATION_ERROR": "500",
    "AUTHORIZER_CONFIGURATION_ERROR": "500",
    "AUTHORIZER_FAILURE": "500",
    "BAD_REQUEST_BODY": "400",
    "BAD_REQUEST_PARAMETERS": "400",
    "DEFAULT_4XX": None,
    "DEFAULT_5XX": None,
    "EXPIRED_TOKEN": "403",
    "INTEGRATION_FAILURE": "504",
    "INTEGRATION_TIMEOUT": "504",
    "INVALID_API_KEY": "403",
    "INVALID_SIGNATURE": "403",
    "MISSING_AUTHENTICATION_TOKEN": "403",
    "QUOTA_EXCEEDED": "429",
    "REQUEST_TOO_LARGE": "413",
    "RESOURCE_NOT_FOUND": "404",
    "THROTTLED": "429",
    "UNAUTHORIZED": "401",
    "UNSUPPORTED_MEDIA_TYPE": "415",
    "WAF_FILTERED": "403",
}
_DEFAULT_TEMPLATE = '{"message":$context.error.messageString}'
_RESPONSE_PARAM = re.compile(r"gatewayresponse\.header\.[^\s]+")


def default_gateway_response(
    response_type: str, customised: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """A gateway response type as AWS shows it before any customisation of its own: a
    customised DEFAULT_4XX or DEFAULT_5XX lends its status, headers and templates to
    the types of its family (verified; the type stays a ``defaultResponse``)."""
    shown: dict[str, Any] = {"responseType": response_type}
    status = DEFAULT_STATUS[response_type]
    family = None
    if status is not None and customised:
        family = customised.get("DEFAULT_5XX" if status >= "500" else "DEFAULT_4XX")
    if family is not None and family.get("statusCode") is not None:
        status = family["statusCode"]
    if status is not None:
        shown["statusCode"] = status
    shown.update(
        responseParameters=dict(family["responseParameters"]) if family else {},
        responseTemplates=(
            dict(family["responseTemplates"]) if family else {"application/json": _DEFAULT_TEMPLATE}
        ),
        defaultResponse=True,
    )
    return shown


def _check_response_parameter(name: str, _value: str) -> None:
    if not _RESPONSE_PARAM.fullmatch(name):
        raise BadRequestException(f"Invalid gateway response parameter: {name}")


class AuthorizerOps(EngineBase):
    """CreateAuthorizer ... DeleteGatewayResponse."""

    # -- Authorizers -------------------------------------------------------------------
    def create_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateAuthorizer: a Lambda TOKEN/REQUEST or a Cognito user pool authorizer."""
        if params.get("jwtConfiguration"):
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format("jwtConfiguration"))
        authorizer: dict[str, Any] = {"name": params["name"], "type": params["type"]}
        for key in (
            "providerARNs",
            "authType",
            "authorizerUri",
            "authorizerCredentials",
            "identitySource",
            "identityValidationExpression",
        ):
            if params.get(key) not in (None, "", []):
                authorizer[key] = copied(params[key])
        if params.get("authorizerResultTtlInSeconds") is not None:  # unset: not shown (AWS)
            authorizer["authorizerResultTtlInSeconds"] = params["authorizerResultTtlInSeconds"]
        self._check_authorizer(authorizer)
        with self.lock:
            api = self.state.apis.get(params.get("restApiId", ""))
            if api is None:  # AWS's verified answer here is a conflict, not a NotFound
                raise ConflictException(msg.AUTHORIZER_NO_API)
            if len(api.authorizers) >= self.limits.max_authorizers_per_api:
                raise LimitExceededException(
                    msg.TOO_MANY.format("authorizers", "API", self.limits.max_authorizers_per_api)
                )
            authorizer_id = self._new_id(api.authorizers, 6)
            authorizer = {"id": authorizer_id, **authorizer}
            api.authorizers[authorizer_id] = authorizer
            return copied(authorizer)

    def _check_authorizer(self, authorizer: Mapping[str, Any]) -> None:
        kind = authorizer["type"]
        if kind not in _TYPES:
            raise BadRequestException(msg.AUTHORIZER_TYPE)
        ttl = authorizer.get(
            "authorizerResultTtlInSeconds", self.limits.default_authorizer_ttl_seconds
        )
        if not 0 <= ttl <= self.limits.max_authorizer_ttl_seconds:
            raise BadRequestException(msg.TTL_RANGE.format(self.limits.max_authorizer_ttl_seconds))
        source = authorizer.get("identitySource")
        if kind == "COGNITO_USER_POOLS":
            arns = authorizer.get("providerARNs") or []
            if not arns:
                raise BadRequestException(msg.PROVIDERS_REQUIRED)
            for arn in arns:
                if not _POOL_ARN.fullmatch(arn):
                    raise BadRequestException(msg.PROVIDER_ARN.format(arn))
        else:
            uri = authorizer.get("authorizerUri")
            if not uri:
                raise BadRequestException(msg.AUTHORIZER_URI_REQUIRED.format(kind))
            if lambda_arn_of(uri) is None:
                raise BadRequestException(msg.AUTHORIZER_URI.format(uri))
        if kind in ("TOKEN", "COGNITO_USER_POOLS"):
            if not source:
                raise BadRequestException(msg.IDENTITY_SOURCE_REQUIRED.format(kind))
            if not _HEADER_SOURCE.fullmatch(source):
                raise BadRequestException(msg.IDENTITY_SOURCE.format(source))
        elif source:
            for part in source.split(","):
                if not _REQUEST_SOURCE.fullmatch(part.strip()):
                    raise BadRequestException(msg.IDENTITY_SOURCE.format(source))
        elif ttl > 0:  # a cached REQUEST authorizer is keyed by its sources
            raise BadRequestException(msg.IDENTITY_SOURCE_REQUIRED.format(kind))
        expression = authorizer.get("identityValidationExpression")
        if expression is not None:  # AWS keeps it on REQUEST authorizers too, unused
            try:
                re.compile(expression)
            except re.error:
                raise BadRequestException(
                    f"Invalid identity validation expression: {expression}"
                ) from None

    @staticmethod
    def _check_users(api: ApiState, authorizer: Mapping[str, Any]) -> None:
        """A new type must still suit the methods that use the authorizer."""
        cognito = authorizer["type"] == "COGNITO_USER_POOLS"
        for resource in api.resources.values():
            for method in resource.get("resourceMethods", {}).values():
                if method.get("authorizerId") != authorizer["id"]:
                    continue
                if (method["authorizationType"] == "COGNITO_USER_POOLS") != cognito:
                    raise BadRequestException(
                        msg.AUTHORIZER_TYPE_MISMATCH.format(
                            authorizer["id"], authorizer["type"], method["authorizationType"]
                        )
                    )

    def _authorizer(self, api: ApiState, authorizer_id: object) -> dict[str, Any]:
        found = api.authorizers.get(authorizer_id) if isinstance(authorizer_id, str) else None
        if found is None:
            raise NotFoundException(msg.AUTHORIZER_NOT_FOUND)
        return found

    def get_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAuthorizer."""
        with self.lock:
            return copied(self._authorizer(self._api(params), params.get("authorizerId")))

    def get_authorizers(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAuthorizers."""
        with self.lock:
            items = [copied(a) for a in self._api(params).authorizers.values()]
        return self._page(items, params)

    def update_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateAuthorizer: name, URI, identity source, TTL, pools by patch operations."""
        rules = (
            patch.field("/name", "name"),
            patch.field("/type", "type", choices=_TYPES),
            patch.field("/authorizerUri", "authorizerUri", removable=True),
            patch.field("/authorizerCredentials", "authorizerCredentials", removable=True),
            patch.field("/identitySource", "identitySource", removable=True),
            patch.field(
                "/identityValidationExpression", "identityValidationExpression", removable=True
            ),
            patch.integer("/authorizerResultTtlInSeconds", "authorizerResultTtlInSeconds"),
            patch.field("/authType", "authType", removable=True),
            patch.list_item("/providerARNs/{}", "providerARNs"),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            api = self._api(params)
            authorizer = self._authorizer(api, params.get("authorizerId"))
            changed = patch.apply(authorizer, plan)
            self._check_authorizer(changed)
            if changed["type"] != authorizer["type"]:
                self._check_users(api, changed)
            authorizer.clear()
            authorizer.update(changed)
            return copied(authorizer)

    def delete_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteAuthorizer: refused while a method uses it."""
        with self.lock:
            api = self._api(params)
            authorizer = self._authorizer(api, params.get("authorizerId"))
            for resource in api.resources.values():
                for verb, method in resource.get("resourceMethods", {}).items():
                    if method.get("authorizerId") == authorizer["id"]:
                        raise ConflictException(
                            msg.AUTHORIZER_IN_USE.format(authorizer["id"], verb, resource["path"])
                        )
            del api.authorizers[authorizer["id"]]
        return {}

    # -- Gateway responses -------------------------------------------------------------
    @staticmethod
    def _response_type(params: Mapping[str, Any]) -> str:
        kind = params.get("responseType")
        if kind not in DEFAULT_STATUS:
            raise ValidationException(msg.GATEWAY_RESPONSE_TYPE.format(kind))
        return str(kind)

    def put_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutGatewayResponse: customise the answer API Gateway gives for one error type."""
        kind = self._response_type(params)
        response: dict[str, Any] = {"responseType": kind}
        status = params.get("statusCode") or DEFAULT_STATUS[kind]  # the type's, if not given
        if status is not None:
            if not re.fullmatch(r"[1-5]\d\d", status):
                raise BadRequestException(msg.BAD_STATUS_CODE.format(status))
            response["statusCode"] = status
        for name in params.get("responseParameters") or {}:
            _check_response_parameter(name, "")
        response["responseParameters"] = dict(params.get("responseParameters") or {})
        templates = params.get("responseTemplates") or {"application/json": _DEFAULT_TEMPLATE}
        response["responseTemplates"] = dict(templates)
        response["defaultResponse"] = False
        with self.lock:
            api = self._api(params)
            api.gateway_responses[kind] = response
            return copied(response)

    def get_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetGatewayResponse: the customised response, or the type's default."""
        kind = self._response_type(params)
        with self.lock:
            api = self._api(params)
            found = api.gateway_responses.get(kind)
            if found is not None:
                return copied(found)
            return default_gateway_response(kind, api.gateway_responses)

    def get_gateway_responses(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetGatewayResponses: every type, customised or default."""
        with self.lock:
            api = self._api(params)
            items = [
                copied(api.gateway_responses[k])
                if k in api.gateway_responses
                else default_gateway_response(k, api.gateway_responses)
                for k in DEFAULT_STATUS
            ]
        return self._page(items, params)

    def update_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateGatewayResponse: status code, headers and templates by patch operations."""
        kind = self._response_type(params)
        rules = (
            patch.field("/statusCode", "statusCode"),
            _response_entry("responseParameters", _check_response_parameter),
            _response_entry("responseTemplates", None),
        )
        plan = patch.parse(
            params.get("patchOperations") or [],
            rules,
            strict="path",
            input_name="updateGatewayResponseInput",
        )
        with self.lock:
            api = self._api(params)
            current = api.gateway_responses.get(kind) or default_gateway_response(kind)
            changed = patch.apply(current, plan)
            status = changed.get("statusCode")
            if status is not None and not re.fullmatch(r"[1-5]\d\d", status):
                raise BadRequestException(msg.BAD_STATUS_CODE.format(status))
            changed.setdefault("responseParameters", {})
            changed.setdefault("responseTemplates", {})
            changed["defaultResponse"] = False
            api.gateway_responses[kind] = changed
            return copied(changed)

    def delete_gateway_response(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteGatewayResponse: the type goes back to its default."""
        kind = self._response_type(params)
        with self.lock:
            api = self._api(params)
            if kind not in api.gateway_responses:
                raise NotFoundException(msg.GATEWAY_RESPONSE_NOT_SET)
            del api.gateway_responses[kind]
        return {}


def _response_entry(name: str, check: Callable[[str, str], None] | None) -> patch.Rule:
    """A gateway response's ``/{name}/{key}``: AWS's answers for a missing value, and for
    replacing a key the response does not have."""

    def handler(
        target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
    ) -> None:
        key = captures[-1]
        found = target.setdefault(name, {})
        if op == "remove":
            if key not in found:  # [?] as replace answers
                raise NotFoundException(msg.PARAMETER_NOT_FOUND)
            del found[key]
            return
        if value in (None, ""):
            raise BadRequestException(msg.PATCH_NULL_VALUE.format(name))
        if op == "replace" and key not in found:
            raise NotFoundException(msg.PARAMETER_NOT_FOUND)
        if check is not None:
            check(key, value)
        found[key] = value

    return patch.Rule((name, "{}"), frozenset({"add", "replace", "remove"}), handler, "")
