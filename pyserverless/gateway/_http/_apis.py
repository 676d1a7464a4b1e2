"""Apis (with quick create), CORS and tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException, NotFoundException
from .._ws._control import check_ws_api
from . import _messages as msg
from ._base import EngineBase, check_enums, refuse
from ._mapping import check_http_proxy
from ._model import HttpApi, copied
from ._routes import check_lambda_uri, check_route_key

__all__ = ["ApiOps"]

_SELECTION = "$request.method $request.path"
_API_KEY_SELECTIONS = ("$request.header.x-api-key", "$context.authorizer.usageIdentifierKey")
_NOT_EMULATED = ("CredentialsArn",)
_WEBSOCKET_ONLY = ("DisableSchemaValidation",)
_MAX_AGE = 86_400
_CORS_METHODS = frozenset({"*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


def _cors(config: Mapping[str, Any]) -> dict[str, Any]:
    """A checked copy of a ``CorsConfiguration``."""
    origins = list(config.get("AllowOrigins") or ())
    if config.get("AllowCredentials") and "*" in origins:
        raise BadRequestException(msg.CORS_CREDENTIALS)
    age = config.get("MaxAge")
    if age is not None and not -1 <= age <= _MAX_AGE:
        raise BadRequestException(msg.CORS_MAX_AGE.format(age))
    for method in config.get("AllowMethods") or ():
        if method.upper() not in _CORS_METHODS:
            raise BadRequestException(msg.CORS_METHOD.format(method))
    return dict(copied(dict(config)))


def _target_fields(engine: Any, target: str) -> dict[str, Any]:
    """A quick-create target's integration: a Lambda function (AWS_PROXY, payload 2.0) or
    an HTTP URL (HTTP_PROXY, ANY, payload 1.0) that reaches a registered backend."""
    if target.startswith(("http://", "https://")):
        fields: dict[str, Any] = {"IntegrationType": "HTTP_PROXY", "IntegrationUri": target}
        check_http_proxy(engine, fields, {"IntegrationMethod": "ANY"})
        return fields
    check_lambda_uri(target)
    return {
        "IntegrationMethod": "POST",
        "IntegrationType": "AWS_PROXY",
        "IntegrationUri": target,
        "PayloadFormatVersion": "2.0",
    }


class ApiOps(EngineBase):
    """CreateApi ... DeleteApi, DeleteCorsConfiguration, TagResource, UntagResource, GetTags."""

    def create_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateApi: an HTTP API; with ``Target``, quick create (route, integration and
        an auto-deploying ``$default`` stage)."""
        check_enums(params)
        websocket = params.get("ProtocolType") == "WEBSOCKET"
        if websocket:
            check_ws_api(params, create=True)
        refuse(params, _NOT_EMULATED, msg.NOT_EMULATED)
        if not websocket:
            refuse(params, _WEBSOCKET_ONLY, msg.WEBSOCKET_ONLY)
        info = self._api_settings({}, params, websocket=websocket)
        target, route_key = params.get("Target"), params.get("RouteKey")
        if route_key is not None and target is None:
            raise BadRequestException(msg.QUICK_CREATE)
        if target is not None:
            _target_fields(self, target)
            route_key = check_route_key(route_key or "$default")
        tags = self._checked_tags(params.get("Tags") or {})
        with self.lock:
            self._check_count(len(self.state.apis), self.limits.max_apis, "APIs", "Region")
            api_id = self._new_id(self.state.apis)
            scheme = "wss" if websocket else "https"
            info.update(
                ApiEndpoint=f"{scheme}://{api_id}.execute-api.{self.region}.amazonaws.com",
                ApiId=api_id,
                CreatedDate=self._now(),
                Name=params["Name"],
                ProtocolType="WEBSOCKET" if websocket else "HTTP",
                Tags=tags,
            )
            api = HttpApi(info=info)
            self.state.apis[api_id] = api
            if target is not None:
                assert route_key is not None
                self._quick_create(api, target, route_key)
            return self._api_shape(api)

    def _api_settings(
        self, base: dict[str, Any], params: Mapping[str, Any], *, websocket: bool = False
    ) -> dict[str, Any]:
        """``base`` with the settings of a CreateApi/UpdateApi request applied (checked)."""
        out = dict(base)
        if websocket:  # a WebSocket API's selection expression was checked by check_ws_api
            if params.get("RouteSelectionExpression") is not None:
                out["RouteSelectionExpression"] = params["RouteSelectionExpression"]
            if params.get("DisableSchemaValidation") is not None:
                out["DisableSchemaValidation"] = bool(params["DisableSchemaValidation"])
        out.setdefault("ApiKeySelectionExpression", _API_KEY_SELECTIONS[0])
        out.setdefault("DisableExecuteApiEndpoint", False)
        out.setdefault("IpAddressType", "ipv4")
        out.setdefault("RouteSelectionExpression", _SELECTION)
        selection = params.get("RouteSelectionExpression")
        if (
            not websocket
            and selection is not None
            and selection
            not in (
                _SELECTION,
                "${request.method} ${request.path}",
            )
        ):
            raise BadRequestException(msg.SELECTION.format(selection))
        key_selection = params.get("ApiKeySelectionExpression")
        if key_selection is not None and key_selection not in _API_KEY_SELECTIONS:
            raise BadRequestException(msg.API_KEY_SELECTION.format(key_selection))
        for name in (
            "Name",
            "Description",
            "Version",
            "ApiKeySelectionExpression",
            "IpAddressType",
        ):
            if params.get(name) is not None:
                out[name] = params[name]
        if params.get("DisableExecuteApiEndpoint") is not None:
            out["DisableExecuteApiEndpoint"] = bool(params["DisableExecuteApiEndpoint"])
        if params.get("CorsConfiguration") is not None:
            out["CorsConfiguration"] = _cors(params["CorsConfiguration"])
        return out

    def _quick_create(self, api: HttpApi, target: str, route_key: str) -> None:
        integration_id = self._new_id(api.integrations)
        api.integrations[integration_id] = {
            "ApiGatewayManaged": True,
            "ConnectionType": "INTERNET",
            "IntegrationId": integration_id,
            **_target_fields(self, target),
            "TimeoutInMillis": self.limits.default_integration_timeout_ms,
        }
        route_id = self._new_id(api.routes)
        api.routes[route_id] = {
            "ApiGatewayManaged": True,
            "ApiKeyRequired": False,
            "AuthorizationType": "NONE",
            "RouteId": route_id,
            "RouteKey": route_key,
            "Target": f"integrations/{integration_id}",
        }
        now = self._now()
        stage: dict[str, Any] = {
            "ApiGatewayManaged": True,
            "AutoDeploy": True,
            "CreatedDate": now,
            "DefaultRouteSettings": {"DetailedMetricsEnabled": False},
            "LastUpdatedDate": now,
            "RouteSettings": {},
            "StageName": "$default",
            "StageVariables": {},
            "Tags": {},
        }
        api.stages["$default"] = stage
        self._auto_deploy(api, stage)

    def _api_shape(self, api: HttpApi) -> dict[str, Any]:
        return copied(api.info)  # type: ignore[no-any-return]

    def get_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApi."""
        with self.lock:
            return self._api_shape(self._api(params))

    def get_apis(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApis: every HTTP API of the Region, in creation order, paged."""
        with self.lock:
            return self._page([api.info for api in self.state.apis.values()], params)

    def update_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateApi: name, description, version, CORS, the execute-api endpoint switch,
        and a quick-created API's ``Target`` (its managed integration's URI)."""
        check_enums(params)
        current = self.state.apis.get(params.get("ApiId", ""))
        websocket = current is not None and current.info.get("ProtocolType") == "WEBSOCKET"
        if websocket:
            check_ws_api(params, create=False)
        refuse(params, ("CredentialsArn", "RouteKey"), msg.NOT_EMULATED)
        if not websocket:
            refuse(params, _WEBSOCKET_ONLY, msg.WEBSOCKET_ONLY)
        target = params.get("Target")
        if target is not None:
            _target_fields(self, target)
        with self.lock:
            api = self._api(params)
            updated = self._api_settings(api.info, params, websocket=websocket)
            managed = None
            if target is not None:
                managed = next(
                    (i for i in api.integrations.values() if i.get("ApiGatewayManaged")), None
                )
                if managed is None:
                    raise BadRequestException(msg.NOT_QUICK_CREATED)
            changed = updated.get("CorsConfiguration") != api.info.get("CorsConfiguration")
            api.info = updated
            if managed is not None and target is not None and managed["IntegrationUri"] != target:
                fields = _target_fields(self, target)
                api.integrations[managed["IntegrationId"]] = {**managed, **fields}
                changed = True
            if changed:
                self._changed(api)
            api.served.clear()
            return self._api_shape(api)

    def delete_api(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteApi: the API and everything beneath it."""
        with self.lock:
            api = self._api(params)
            del self.state.apis[api.api_id]
            api.served.clear()
            return {}

    def delete_cors_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteCorsConfiguration: the API answers no preflight and adds no CORS headers."""
        with self.lock:
            api = self._api(params)
            if api.info.pop("CorsConfiguration", None) is not None:
                self._changed(api)
            return {}

    # -- tags --------------------------------------------------------------------------
    def _tagged(self, arn: object) -> dict[str, str]:
        """The tag map of the API or stage an ARN names."""
        prefix = self._arn("/apis/")
        path = arn[len(prefix) :] if isinstance(arn, str) and arn.startswith(prefix) else ""
        api_id, _, rest = path.partition("/")
        api = self.state.apis.get(api_id)
        if api is not None and not rest:
            return api.info.setdefault("Tags", {})  # type: ignore[no-any-return]
        kind, _, name = rest.partition("/")
        if api is not None and kind == "stages" and name in api.stages:
            return api.stages[name].setdefault("Tags", {})  # type: ignore[no-any-return]
        raise NotFoundException(msg.RESOURCE_NOT_FOUND.format(arn))

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """TagResource: add or replace tags on an API or a stage."""
        with self.lock:
            tags = self._tagged(params.get("ResourceArn"))
            merged = self._checked_tags(params.get("Tags") or {}, tags)
            tags.clear()
            tags.update(merged)
            return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """UntagResource: remove tags by key (unknown keys are ignored)."""
        with self.lock:
            tags = self._tagged(params.get("ResourceArn"))
            for key in params.get("TagKeys") or ():
                tags.pop(key, None)
            return {}

    def get_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetTags."""
        with self.lock:
            return {"Tags": dict(self._tagged(params.get("ResourceArn")))}
