"""Stages, deployments and authorizers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException, ConflictException
from .._ws._control import check_ws_authorizer
from . import _messages as msg
from ._base import EngineBase, check_enums, refuse
from ._model import HttpApi, copied, is_websocket
from ._routes import _PATH_FORM, function_arn_of

__all__ = ["StageOps"]

_STAGE_NAME = re.compile(r"\$default|[A-Za-z0-9_\-]{1,128}")
_VARIABLE_KEY = re.compile(r"[A-Za-z0-9_]+")
_VARIABLE_VALUE = re.compile(r"[A-Za-z0-9\-._~:/?#&=,]*")
_LOG_GROUP = re.compile(r"arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+(:\*)?")
_IDENTITY = re.compile(r"\$(request\.header|request\.querystring|context|stageVariables)\.[^\s,]+")
_JWT_IDENTITY = re.compile(r"\$request\.(header|querystring)\.[^\s,]+")
_WS_NOT_EMULATED = "{} is not emulated by pyserverless yet on WebSocket APIs"
_REQUEST_FIELDS = (
    "AuthorizerUri",
    "AuthorizerPayloadFormatVersion",
    "AuthorizerResultTtlInSeconds",
    "EnableSimpleResponses",
)


class StageOps(EngineBase):
    """CreateStage ... DeleteAuthorizer."""

    # -- stages ------------------------------------------------------------------------
    def _route_settings(
        self, given: Mapping[str, Any], current: Mapping[str, Any], websocket: bool = False
    ) -> dict[str, Any]:
        check_enums(given)
        if given.get("DataTraceEnabled") or given.get("LoggingLevel") not in (None, "OFF"):
            template = msg.NOT_EMULATED if websocket else msg.WEBSOCKET_ONLY
            raise BadRequestException(template.format("Execution logging"))
        if websocket:  # a WebSocket stage's messages are not throttled here
            refuse(given, ("ThrottlingBurstLimit", "ThrottlingRateLimit"), _WS_NOT_EMULATED)
        out = dict(current)
        for name in ("DetailedMetricsEnabled", "ThrottlingBurstLimit", "ThrottlingRateLimit"):
            if given.get(name) is not None:
                out[name] = given[name]
        if out.get("ThrottlingBurstLimit", 0) < 0 or out.get("ThrottlingRateLimit", 0) < 0:
            raise BadRequestException(msg.THROTTLE)
        return out

    def _checked_variables(self, variables: Mapping[str, str]) -> None:
        limits = self.limits
        if len(variables) > limits.max_stage_variables:
            raise BadRequestException(msg.STAGE_VARIABLES.format(limits.max_stage_variables))
        for key, value in variables.items():
            if not _VARIABLE_KEY.fullmatch(key) or len(key) > limits.max_stage_variable_key:
                raise BadRequestException(
                    msg.STAGE_VARIABLE_KEY.format(key, limits.max_stage_variable_key)
                )
            if not _VARIABLE_VALUE.fullmatch(value) or len(value) > limits.max_stage_variable_value:
                raise BadRequestException(
                    msg.STAGE_VARIABLE_VALUE.format(value, limits.max_stage_variable_value)
                )

    def _access_log(self, given: Mapping[str, Any]) -> dict[str, Any]:
        destination, form = given.get("DestinationArn"), given.get("Format")
        if not destination or not form:
            raise BadRequestException(msg.ACCESS_LOG_SETTINGS)
        if not _LOG_GROUP.fullmatch(destination):
            raise BadRequestException(msg.ACCESS_LOG_DESTINATION.format(destination))
        if len(form.encode()) > self.limits.max_access_log_format_bytes:
            raise BadRequestException(
                msg.ACCESS_LOG_FORMAT.format(self.limits.max_access_log_format_bytes)
            )
        return {"DestinationArn": destination, "Format": form}

    def _stage_fields(self, api: HttpApi, stage: dict[str, Any], params: Mapping[str, Any]) -> None:
        """Apply a CreateStage/UpdateStage request to ``stage`` (a copy), checking it."""
        refuse(params, ("ClientCertificateId",), msg.NOT_EMULATED)
        if params.get("Description") is not None:
            stage["Description"] = params["Description"]
        if params.get("AutoDeploy") is not None:
            stage["AutoDeploy"] = bool(params["AutoDeploy"])
        if params.get("DefaultRouteSettings") is not None:
            stage["DefaultRouteSettings"] = self._route_settings(
                params["DefaultRouteSettings"], stage["DefaultRouteSettings"], is_websocket(api)
            )
        keys = {route["RouteKey"] for route in api.routes.values()}
        for key, given in (params.get("RouteSettings") or {}).items():
            if key not in keys:
                raise BadRequestException(msg.ROUTE_SETTINGS_KEY.format(key))
            current = stage["RouteSettings"].get(key, {})
            stage["RouteSettings"][key] = self._route_settings(given, current, is_websocket(api))
        if params.get("StageVariables") is not None:
            stage["StageVariables"].update(params["StageVariables"])
            self._checked_variables(stage["StageVariables"])
        if params.get("AccessLogSettings") is not None and is_websocket(api):
            raise BadRequestException(_WS_NOT_EMULATED.format("AccessLogSettings"))
        if params.get("AccessLogSettings") is not None:
            stage["AccessLogSettings"] = self._access_log(params["AccessLogSettings"])
        deployment_id = params.get("DeploymentId")
        if deployment_id is not None:
            if stage.get("AutoDeploy"):
                raise BadRequestException(msg.AUTO_DEPLOY_STAGE.format(stage["StageName"]))
            self._child(api.deployments, deployment_id, msg.DEPLOYMENT_NOT_FOUND)
            stage["DeploymentId"] = deployment_id

    def create_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateStage: a named stage (``$default`` serves at the root), with AutoDeploy,
        throttles, stage variables and access log settings."""
        name = params["StageName"]
        if not _STAGE_NAME.fullmatch(name):
            raise BadRequestException(msg.STAGE_NAME.format(name))
        tags = self._checked_tags(params.get("Tags") or {})
        with self.lock:
            api = self._api(params)
            if name in api.stages:
                raise ConflictException(msg.STAGE_EXISTS.format(name))
            self._check_count(len(api.stages), self.limits.max_stages_per_api, "stages")
            now = self._now()
            stage: dict[str, Any] = {
                "AutoDeploy": False,
                "CreatedDate": now,
                "DefaultRouteSettings": {"DetailedMetricsEnabled": False},
                "LastUpdatedDate": now,
                "RouteSettings": {},
                "StageName": name,
                "StageVariables": {},
                "Tags": tags,
            }
            self._stage_fields(api, stage, params)
            api.stages[name] = stage
            if stage["AutoDeploy"]:
                self._auto_deploy(api, stage)
            return copied(stage)  # type: ignore[no-any-return]

    def get_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetStage."""
        with self.lock:
            api = self._api(params)
            return copied(self._child(api.stages, params.get("StageName"), msg.STAGE_NOT_FOUND))  # type: ignore[no-any-return]

    def get_stages(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetStages: the API's stages, paged."""
        with self.lock:
            return self._page(list(self._api(params).stages.values()), params)

    def update_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateStage: settings merged into the stage; AutoDeploy switched on deploys now."""
        with self.lock:
            api = self._api(params)
            current = self._child(api.stages, params.get("StageName"), msg.STAGE_NOT_FOUND)
            stage = copied(current)
            self._stage_fields(api, stage, params)
            stage["LastUpdatedDate"] = self._now()
            api.stages[stage["StageName"]] = stage
            api.served.pop(stage["StageName"], None)
            if stage["AutoDeploy"] and not current.get("AutoDeploy"):
                self._auto_deploy(api, stage)
            return copied(stage)  # type: ignore[no-any-return]

    def delete_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteStage."""
        with self.lock:
            api = self._api(params)
            stage = self._child(api.stages, params.get("StageName"), msg.STAGE_NOT_FOUND)
            del api.stages[stage["StageName"]]
            api.served.pop(stage["StageName"], None)
            return {}

    # -- deployments -------------------------------------------------------------------
    def create_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateDeployment: snapshot the API; with ``StageName``, that stage serves it."""
        with self.lock:
            api = self._api(params)
            name = params.get("StageName")
            stage = None
            if name is not None:
                stage = self._child(api.stages, name, msg.STAGE_NOT_FOUND)
                if stage.get("AutoDeploy"):
                    raise BadRequestException(msg.AUTO_DEPLOY_STAGE.format(name))
            if not api.routes:
                raise BadRequestException(msg.NO_ROUTES)
            deployment_id = self._deploy(api, params.get("Description"), auto=False)
            if stage is not None:
                self._point(api, stage, deployment_id)
            return copied(api.deployments[deployment_id].info)  # type: ignore[no-any-return]

    def get_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDeployment."""
        with self.lock:
            api = self._api(params)
            found = self._child(
                api.deployments, params.get("DeploymentId"), msg.DEPLOYMENT_NOT_FOUND
            )
            return copied(found.info)  # type: ignore[no-any-return]

    def get_deployments(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDeployments: the API's deployments, oldest first, paged."""
        with self.lock:
            api = self._api(params)
            return self._page([d.info for d in api.deployments.values()], params)

    def delete_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteDeployment: refused while a stage serves it."""
        with self.lock:
            api = self._api(params)
            deployment_id = params.get("DeploymentId")
            self._child(api.deployments, deployment_id, msg.DEPLOYMENT_NOT_FOUND)
            if any(stage.get("DeploymentId") == deployment_id for stage in api.stages.values()):
                raise BadRequestException(msg.DEPLOYMENT_IN_USE)
            del api.deployments[str(deployment_id)]
            return {}

    # -- authorizers -------------------------------------------------------------------
    def _authorizer_fields(
        self, authorizer: dict[str, Any], params: Mapping[str, Any], websocket: bool = False
    ) -> None:
        check_enums(params)
        refuse(params, ("AuthorizerCredentialsArn",), msg.NOT_EMULATED)
        template = _WS_NOT_EMULATED if websocket else msg.WEBSOCKET_ONLY
        refuse(params, ("IdentityValidationExpression",), template)
        if websocket:
            check_ws_authorizer({**authorizer, **params})
        for name in ("Name", "AuthorizerType", *_REQUEST_FIELDS):
            if params.get(name) is not None:
                authorizer[name] = params[name]
        if params.get("IdentitySource") is not None:
            authorizer["IdentitySource"] = list(params["IdentitySource"])
        if params.get("JwtConfiguration") is not None:
            authorizer["JwtConfiguration"] = copied(dict(params["JwtConfiguration"]))
        if authorizer["AuthorizerType"] == "JWT":
            self._check_jwt(authorizer)
        elif authorizer["AuthorizerType"] == "REQUEST" and websocket:
            self._check_ws_request(authorizer)
        elif authorizer["AuthorizerType"] == "REQUEST":
            self._check_request(authorizer)
        else:
            raise BadRequestException(msg.INTEGRATION_TYPE.format(authorizer["AuthorizerType"]))

    def _check_jwt(self, authorizer: Mapping[str, Any]) -> None:
        for name in _REQUEST_FIELDS:
            if name in authorizer:
                raise BadRequestException(msg.REQUEST_ONLY.format(name))
        config = authorizer.get("JwtConfiguration") or {}
        issuer, audience = config.get("Issuer"), config.get("Audience") or []
        if not issuer or not audience:
            raise BadRequestException(msg.JWT_CONFIG)
        if not issuer.startswith("https://"):
            raise BadRequestException(msg.ISSUER.format(issuer))
        if len(audience) > self.limits.max_audiences_per_authorizer:
            raise BadRequestException(
                msg.AUDIENCES.format(self.limits.max_audiences_per_authorizer)
            )
        sources = authorizer.get("IdentitySource") or []
        if len(sources) != 1 or not _JWT_IDENTITY.fullmatch(sources[0]):
            raise BadRequestException(msg.JWT_IDENTITY)

    @staticmethod
    def _check_ws_request(authorizer: dict[str, Any]) -> None:
        """A WebSocket API's REQUEST authorizer (sources checked by check_ws_authorizer)."""
        uri = authorizer.get("AuthorizerUri")
        if uri is None:
            raise BadRequestException(msg.AUTHORIZER_URI_REQUIRED)
        if not _PATH_FORM.fullmatch(uri) or function_arn_of(uri) is None:
            raise BadRequestException(msg.AUTHORIZER_URI.format(uri))

    def _check_request(self, authorizer: dict[str, Any]) -> None:
        if "JwtConfiguration" in authorizer:
            raise BadRequestException(msg.JWT_ONLY)
        uri = authorizer.get("AuthorizerUri")
        if uri is None:
            raise BadRequestException(msg.AUTHORIZER_URI_REQUIRED)
        if not _PATH_FORM.fullmatch(uri) or function_arn_of(uri) is None:
            raise BadRequestException(msg.AUTHORIZER_URI.format(uri))
        version = authorizer.get("AuthorizerPayloadFormatVersion")
        if version is None:
            raise BadRequestException(msg.AUTHORIZER_PAYLOAD_REQUIRED)
        if version not in ("1.0", "2.0"):
            raise BadRequestException(msg.PAYLOAD_VERSION.format(version))
        if authorizer.get("EnableSimpleResponses") and version != "2.0":
            raise BadRequestException(msg.SIMPLE_RESPONSES)
        authorizer.setdefault("EnableSimpleResponses", False)
        ttl = authorizer.setdefault(
            "AuthorizerResultTtlInSeconds", self.limits.default_authorizer_ttl_seconds
        )
        if not isinstance(ttl, int) or not 0 <= ttl <= self.limits.max_authorizer_ttl_seconds:
            raise BadRequestException(msg.TTL.format(self.limits.max_authorizer_ttl_seconds))
        sources = authorizer.get("IdentitySource") or []
        for source in sources:
            if not _IDENTITY.fullmatch(source):
                raise BadRequestException(msg.IDENTITY_SOURCE.format(source))
        if ttl > 0 and not sources:
            raise BadRequestException(msg.IDENTITY_FOR_CACHE)

    def create_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateAuthorizer: JWT (issuer and audience) or REQUEST (a Lambda function)."""
        authorizer: dict[str, Any] = {}
        with self.lock:
            api = self._api(params)
            self._authorizer_fields(authorizer, params, is_websocket(api))
            self._check_count(
                len(api.authorizers), self.limits.max_authorizers_per_api, "authorizers"
            )
            authorizer["AuthorizerId"] = authorizer_id = self._new_id(api.authorizers)
            api.authorizers[authorizer_id] = authorizer
            self._changed(api)
            return copied(authorizer)  # type: ignore[no-any-return]

    def get_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAuthorizer."""
        with self.lock:
            api = self._api(params)
            found = self._child(
                api.authorizers, params.get("AuthorizerId"), msg.AUTHORIZER_NOT_FOUND
            )
            return copied(found)  # type: ignore[no-any-return]

    def get_authorizers(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetAuthorizers: the API's authorizers, paged."""
        with self.lock:
            return self._page(list(self._api(params).authorizers.values()), params)

    def update_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateAuthorizer: checked whole, then applied."""
        with self.lock:
            api = self._api(params)
            current = self._child(
                api.authorizers, params.get("AuthorizerId"), msg.AUTHORIZER_NOT_FOUND
            )
            authorizer = copied(current)
            self._authorizer_fields(authorizer, params, is_websocket(api))
            if authorizer["AuthorizerType"] != current["AuthorizerType"]:
                self._check_unused(api, current["AuthorizerId"], msg.AUTH_KIND, BadRequestException)
            api.authorizers[current["AuthorizerId"]] = authorizer
            self._changed(api)
            return copied(authorizer)  # type: ignore[no-any-return]

    def _check_unused(
        self, api: HttpApi, authorizer_id: str, template: str, error: type[Exception]
    ) -> None:
        for route in api.routes.values():
            if route.get("AuthorizerId") == authorizer_id:
                if template == msg.AUTH_KIND:
                    kind = api.authorizers[authorizer_id]["AuthorizerType"]
                    raise error(template.format(authorizer_id, kind, route["AuthorizationType"]))
                raise error(template.format(authorizer_id, route["RouteId"]))

    def delete_authorizer(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteAuthorizer: refused while a route uses it."""
        with self.lock:
            api = self._api(params)
            found = self._child(
                api.authorizers, params.get("AuthorizerId"), msg.AUTHORIZER_NOT_FOUND
            )
            self._check_unused(api, found["AuthorizerId"], msg.AUTHORIZER_IN_USE, ConflictException)
            del api.authorizers[found["AuthorizerId"]]
            self._changed(api)
            return {}
