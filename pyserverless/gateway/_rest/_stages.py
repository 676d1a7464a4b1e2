"""Deployments (immutable snapshots) and stages (variables, method settings, logs)."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from .._errors import (
    BadRequestException,
    ConflictException,
    LimitExceededException,
    NotFoundException,
)
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._model import ApiState, DeploymentState, Snapshot, copied

__all__ = ["StageOps", "canary_view", "default_method_setting"]

#: Canary messages (AWS's wording where observed; [?] otherwise).
CANARY_PERCENT = "Canary traffic percentage must be between 0.0 and 100.0"
CANARY_NEEDS_STAGE = (
    "A canary release deployment needs an existing stage: create the stage first [stageName]"
)

_STAGE_NAME = re.compile(r"[A-Za-z0-9_\-]+")
_VARIABLE_NAME = re.compile(r"[A-Za-z0-9_]+")
_VARIABLE_VALUE = re.compile(r"[A-Za-z0-9\-._~:/?#&=, ]*")
#: Stage members that need a feature not emulated yet (X-Ray, client certificates,
#: documentation, WAF).
_REFUSED_STAGE = (
    "documentationVersion",
    "clientCertificateId",
    "webAclArn",
)
_REFUSED_TRUE = ("tracingEnabled",)
#: Cache cluster sizes in GB (the stage cache is emulated in memory whatever the size).
CACHE_SIZES = ("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237")
_STRATEGIES = ("FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER")
#: A method setting path's last two segments -> (MethodSetting member, kind).
_SETTINGS: Mapping[tuple[str, str], tuple[str, str]] = {
    ("throttling", "rateLimit"): ("throttlingRateLimit", "float"),
    ("throttling", "burstLimit"): ("throttlingBurstLimit", "int"),
    ("metrics", "enabled"): ("metricsEnabled", "bool"),
    ("logging", "loglevel"): ("loggingLevel", "OFF"),
    ("logging", "dataTrace"): ("dataTraceEnabled", "false"),
    ("caching", "enabled"): ("cachingEnabled", "bool"),
    ("caching", "ttlInSeconds"): ("cacheTtlInSeconds", "ttl"),
    ("caching", "dataEncrypted"): ("cacheDataEncrypted", "bool"),
    ("caching", "requireAuthorizationForCacheControl"): (
        "requireAuthorizationForCacheControl",
        "bool",
    ),
    ("caching", "unauthorizedCacheControlHeaderStrategy"): (
        "unauthorizedCacheControlHeaderStrategy",
        "strategy",
    ),
}


def default_method_setting() -> dict[str, Any]:
    """A MethodSetting as AWS fills one in when a first setting of it is patched."""
    return {
        "metricsEnabled": False,
        "loggingLevel": "OFF",
        "dataTraceEnabled": False,
        "throttlingBurstLimit": 5000,
        "throttlingRateLimit": 10000.0,
        "cachingEnabled": False,
        "cacheTtlInSeconds": 300,
        "cacheDataEncrypted": False,
        "requireAuthorizationForCacheControl": True,
        "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER",
    }


def _setting_value(kind: str, text: str) -> Any:
    """A method setting's value from its patch text (``ValueError`` if it is not one)."""
    if kind == "float":
        number = float(text)
        if number < 0 or number != number:
            raise ValueError(text)
        return number
    if kind in ("int", "ttl"):
        count = int(text)
        if count < 0 or (kind == "ttl" and count > 3600):
            raise ValueError(text)
        return count
    if kind == "strategy" and text not in _STRATEGIES:
        raise ValueError(text)
    if kind in ("bool", "false"):
        if text.lower() not in ("true", "false"):
            raise ValueError(text)
        return text.lower() == "true"
    return text


def _set_method_setting(
    target: dict[str, Any], _op: str, captures: tuple[str, ...], value: str | None
) -> None:
    resource_path, verb, group, name = captures
    found = _SETTINGS.get((group, name))
    shown = f"/{resource_path}/{verb}/{group}/{name}"
    if found is None:
        allowed = ", ".join(f"/{{resourcePath}}/{{httpMethod}}/{g}/{n}" for g, n in _SETTINGS)
        raise BadRequestException(msg.BAD_PATCH_PATH.format(shown, "replace", allowed))
    member, kind = found
    text = "" if value is None else value
    try:
        parsed = _setting_value(kind, text)
    except ValueError:
        raise BadRequestException(msg.PATCH_NUMBER.format(shown, value)) from None
    if (kind == "false" and parsed is True) or (kind == "OFF" and parsed != "OFF"):
        raise BadRequestException(msg.SETTING_NOT_EMULATED.format(f"{group}/{name} {text}"))
    key = f"{resource_path.removeprefix('/')}/{verb}"
    settings = target.setdefault("methodSettings", {})
    settings.setdefault(key, default_method_setting())[member] = parsed


def _remove_method_setting(
    target: dict[str, Any], _op: str, captures: tuple[str, ...], _value: str | None
) -> None:
    key = f"{captures[0].removeprefix('/')}/{captures[1]}"
    target.get("methodSettings", {}).pop(key, None)


class StageOps(EngineBase):
    """CreateDeployment ... DeleteStage, and ``deployed()``'s stage part."""

    # -- Deployments -------------------------------------------------------------------
    def create_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateDeployment: freeze the API as it is now; with ``stageName``, serve it there
        (with ``canarySettings``, the existing stage's canary serves it instead)."""
        self._refuse_stage_settings(params)
        variables = self._checked_variables(params.get("variables") or {})
        raw_canary = params.get("canarySettings")
        canary = self._checked_canary(raw_canary, "") if raw_canary is not None else None
        with self.lock:
            api = self._api(params)
            snapshot = self._snapshot(api)
            stage_name = params.get("stageName")
            if canary is not None and (not stage_name or stage_name not in api.stages):
                raise BadRequestException(CANARY_NEEDS_STAGE)
            if stage_name:
                self._check_new_stage(api, stage_name, must_be_new=False)
            deployment_id = self._new_id(api.deployments, 6)
            info: dict[str, Any] = {"id": deployment_id, "createdDate": self._now()}
            if params.get("description") is not None:
                info["description"] = params["description"]
            api.deployments[deployment_id] = DeploymentState(info=info, snapshot=snapshot)
            if canary is not None:
                canary["deploymentId"] = deployment_id
                self._deploy_canary(api, str(stage_name), canary, info, variables)
            elif stage_name:
                found = api.stages.get(stage_name)
                if found is None:
                    stage = self._new_stage(
                        stage_name, deployment_id, params.get("stageDescription")
                    )
                    self._set_cache(stage, params)
                    api.stages[stage_name] = stage
                else:
                    stage = found
                stage["deploymentId"] = deployment_id
                stage["lastUpdatedDate"] = info["createdDate"]
                if variables:
                    stage["variables"] = {**stage.get("variables", {}), **variables}
                self._changed(api, stage_name)
            return copied(info)

    def _deploy_canary(
        self,
        api: ApiState,
        stage_name: str,
        canary: dict[str, Any],
        info: Mapping[str, Any],
        variables: Mapping[str, str],
    ) -> None:
        """CreateDeployment with ``canarySettings``: the stage's canary serves the new one."""
        stage = api.stages[stage_name]
        stage["canarySettings"] = canary
        stage["lastUpdatedDate"] = info["createdDate"]
        if variables:
            stage["variables"] = {**stage.get("variables", {}), **variables}
        self._changed(api, stage_name)

    def _snapshot(self, api: ApiState) -> Snapshot:
        methods = 0
        for resource in api.resources.values():
            for method in resource.get("resourceMethods", {}).values():
                methods += 1
                if "methodIntegration" not in method:
                    raise BadRequestException(msg.NO_INTEGRATION)
        if not methods:
            raise BadRequestException(msg.NO_METHODS)
        return Snapshot(
            resources=copy.deepcopy(api.resources),
            authorizers=copy.deepcopy(api.authorizers),
            gateway_responses=copy.deepcopy(api.gateway_responses),
            api=copy.deepcopy(api.info),
            models=copy.deepcopy(api.models),
            validators=copy.deepcopy(api.validators),
        )

    def get_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDeployment (``embed=["apisummary"]`` adds the deployed methods)."""
        with self.lock:
            deployment = self._deployment(self._api(params), params.get("deploymentId"))
            shown = copied(deployment.info)
            if "apisummary" in (params.get("embed") or ()):
                shown["apiSummary"] = _api_summary(deployment.snapshot)
            return shown

    def _deployment(self, api: ApiState, deployment_id: object) -> DeploymentState:
        found = api.deployments.get(deployment_id) if isinstance(deployment_id, str) else None
        if found is None:
            raise NotFoundException(msg.DEPLOYMENT_NOT_FOUND)
        return found

    def get_deployments(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetDeployments: a page of the API's deployments."""
        with self.lock:
            api = self._api(params)
            items = [copied(d.info) for d in api.deployments.values()]
        return self._page(items, params)

    def delete_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteDeployment: refused while a stage serves it."""
        with self.lock:
            api = self._api(params)
            deployment = self._deployment(api, params.get("deploymentId"))
            if any(deployment.info["id"] in _served_ids(s) for s in api.stages.values()):
                raise BadRequestException(msg.DEPLOYMENT_IN_USE)
            del api.deployments[deployment.info["id"]]
        return {}

    def update_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateDeployment: only the description changes (a deployment is immutable)."""
        plan = patch.parse(
            params.get("patchOperations") or [],
            (patch.field("/description", "description", removable=True),),
        )
        with self.lock:
            deployment = self._deployment(self._api(params), params.get("deploymentId"))
            deployment.info = patch.apply(deployment.info, plan)
            return copied(deployment.info)

    # -- Stages ------------------------------------------------------------------------
    def _refuse_stage_settings(self, params: Mapping[str, Any]) -> None:
        for name in _REFUSED_STAGE:
            if params.get(name):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(name))
        for name in _REFUSED_TRUE:
            if params.get(name):
                raise BadRequestException(msg.SETTING_NOT_EMULATED.format(name))
        size = params.get("cacheClusterSize")
        if size is not None and size not in CACHE_SIZES:
            raise BadRequestException(msg.CACHE_SIZE.format(size))

    @staticmethod
    def _set_cache(stage: dict[str, Any], params: Mapping[str, Any]) -> None:
        """A stage's cache cluster as CreateStage / CreateDeployment ask for it."""
        if params.get("cacheClusterEnabled"):
            stage["cacheClusterEnabled"] = True
            stage["cacheClusterSize"] = params.get("cacheClusterSize") or "0.5"
            stage["cacheClusterStatus"] = "AVAILABLE"
        elif params.get("cacheClusterSize"):
            stage["cacheClusterSize"] = params["cacheClusterSize"]

    def _checked_variables(self, variables: Mapping[str, str]) -> dict[str, str]:
        limits = self.limits
        if len(variables) > limits.max_stage_variables:
            raise BadRequestException(msg.TOO_MANY_VARIABLES.format(limits.max_stage_variables))
        for key, value in variables.items():
            if len(key) > limits.max_stage_variable_key or not _VARIABLE_NAME.fullmatch(key):
                raise BadRequestException(
                    msg.VARIABLE_NAME.format(limits.max_stage_variable_key, key)
                )
            if len(value) > limits.max_stage_variable_value or not _VARIABLE_VALUE.fullmatch(value):
                raise BadRequestException(
                    msg.VARIABLE_VALUE.format(limits.max_stage_variable_value, value)
                )
        return dict(variables)

    def _checked_canary(self, raw: Mapping[str, Any], deployment_id: str | None) -> dict[str, Any]:
        """A stage's ``canarySettings`` as stored, from CreateStage's or CreateDeployment's."""
        percent = raw.get("percentTraffic", 0.0)
        if isinstance(percent, bool) or not isinstance(percent, int | float):
            raise BadRequestException(CANARY_PERCENT)
        if not 0.0 <= percent <= 100.0:
            raise BadRequestException(CANARY_PERCENT)
        overrides = self._checked_variables(raw.get("stageVariableOverrides") or {})
        canary: dict[str, Any] = {"percentTraffic": float(percent), "deploymentId": deployment_id}
        if overrides:
            canary["stageVariableOverrides"] = overrides
        canary["useStageCache"] = bool(raw.get("useStageCache", False))
        return canary

    def _check_new_stage(self, api: ApiState, name: str, *, must_be_new: bool) -> None:
        if not _STAGE_NAME.fullmatch(name) or len(name) > 128:
            raise BadRequestException(msg.STAGE_NAME)
        if name in api.stages:
            if must_be_new:
                raise ConflictException(msg.STAGE_EXISTS)
            return
        if len(api.stages) >= self.limits.max_stages_per_api:
            raise LimitExceededException(
                msg.TOO_MANY.format("stages", "API", self.limits.max_stages_per_api)
            )

    def _new_stage(self, name: str, deployment_id: str, description: str | None) -> dict[str, Any]:
        now = self._now()
        stage: dict[str, Any] = {"deploymentId": deployment_id, "stageName": name}
        if description is not None:
            stage["description"] = description
        stage.update(
            cacheClusterEnabled=False,
            cacheClusterStatus="NOT_AVAILABLE",
            methodSettings={},
            tracingEnabled=False,
            createdDate=now,
            lastUpdatedDate=now,
        )
        return stage

    def create_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateStage: a named stage serving a deployment (and a canary's, with
        ``canarySettings``)."""
        self._refuse_stage_settings(params)
        variables = self._checked_variables(params.get("variables") or {})
        raw_canary = params.get("canarySettings")
        canary = None
        if raw_canary is not None:
            canary = self._checked_canary(raw_canary, raw_canary.get("deploymentId"))
        tags = dict(params.get("tags") or {})
        with self.lock:
            api = self._api(params)
            name = params["stageName"]
            self._check_new_stage(api, name, must_be_new=True)
            if params["deploymentId"] not in api.deployments:
                raise BadRequestException(msg.STAGE_NEEDS_DEPLOYMENT)
            stage = self._new_stage(name, params["deploymentId"], params.get("description"))
            self._set_cache(stage, params)
            if canary is not None:
                canary["deploymentId"] = canary["deploymentId"] or params["deploymentId"]
                if canary["deploymentId"] not in api.deployments:
                    raise BadRequestException(msg.STAGE_NEEDS_DEPLOYMENT)
                stage["canarySettings"] = canary
            if variables:
                stage["variables"] = variables
            if tags:
                stage["tags"] = tags
            api.stages[name] = stage
            return copied(stage)

    def get_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetStage."""
        with self.lock:
            return copied(self._stage(self._api(params), params.get("stageName")))

    def get_stages(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetStages: every stage (of one deployment when ``deploymentId`` is given)."""
        with self.lock:
            api = self._api(params)
            wanted = params.get("deploymentId")
            items = [copied(s) for s in api.stages.values() if wanted in (None, s["deploymentId"])]
        return {"item": items}

    def flush_stage_cache(self, params: dict[str, Any]) -> dict[str, Any]:
        """FlushStageCache: drop every entry of the stage's cache."""
        with self.lock:
            api = self._api(params)
            stage = self._stage(api, params.get("stageName"))
        self._runtime().flush_stage_cache(api.api_id, stage["stageName"])
        return {}

    def _runtime(self) -> Any:
        return self.cloud.engine("execute-api", self.region)

    def delete_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteStage: usage plans let go of it too."""
        with self.lock:
            api = self._api(params)
            stage = self._stage(api, params.get("stageName"))
            del api.stages[stage["stageName"]]
            self._changed(api, stage["stageName"])
            self._plans_changed()
            for plan in self.state.usage_plans.values():
                plan["apiStages"] = [
                    s
                    for s in plan.get("apiStages", [])
                    if (s["apiId"], s["stage"]) != (api.api_id, stage["stageName"])
                ]
        return {}

    def update_stage(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateStage: deployment, variables, method settings, access logs by patch operations."""
        plan = patch.parse(params.get("patchOperations") or [], self._stage_rules())
        with self.lock:
            api = self._api(params)
            stage = self._stage(api, params.get("stageName"))
            changed = patch.apply(stage, plan)
            if any(d not in api.deployments for d in _served_ids(changed)):
                raise BadRequestException(msg.STAGE_NEEDS_DEPLOYMENT)
            self._checked_variables(changed.get("variables", {}))
            if "canarySettings" in changed:
                self._checked_variables(changed["canarySettings"].get("stageVariableOverrides", {}))
            changed["lastUpdatedDate"] = self._now()
            if changed.get("cacheClusterEnabled"):
                changed.setdefault("cacheClusterSize", "0.5")
            changed["cacheClusterStatus"] = (
                "AVAILABLE" if changed.get("cacheClusterEnabled") else "NOT_AVAILABLE"
            )
            stage.clear()
            stage.update(changed)
            self._changed(api, stage["stageName"])
            if not stage.get("cacheClusterEnabled"):
                self._runtime().flush_stage_cache(api.api_id, stage["stageName"])
            return copied(stage)

    def _stage_rules(self) -> tuple[patch.Rule, ...]:
        limits = self.limits

        def variable(key: str, value: str) -> None:
            self._checked_variables({key: value})

        del limits
        return (
            patch.field("/description", "description", removable=True),
            patch.field("/deploymentId", "deploymentId"),
            patch.entry("/variables/{}", "variables", check=variable),
            patch.Rule(
                ("{}", "{}", "{}", "{}"),
                frozenset({"replace"}),
                _set_method_setting,
                "/{resourcePath}/{httpMethod}/{group}/{setting}",
            ),
            patch.Rule(
                ("{}", "{}"),
                frozenset({"remove"}),
                _remove_method_setting,
                "/{resourcePath}/{httpMethod}",
            ),
            _access_log("format"),
            _access_log("destinationArn"),
            patch.Rule(
                ("accessLogSettings",),
                frozenset({"remove"}),
                _remove_access_log,
                "/accessLogSettings",
            ),
            *_canary_rules(),
            _refused_flag("/tracingEnabled", "tracingEnabled"),
            patch.boolean("/cacheClusterEnabled", "cacheClusterEnabled"),
            patch.field("/cacheClusterSize", "cacheClusterSize", choices=CACHE_SIZES),
        )


def _access_log(member: str) -> patch.Rule:
    def handler(target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None) -> None:
        if not value:
            raise BadRequestException(
                msg.PATCH_VALUE_REQUIRED.format(f"/accessLogSettings/{member}")
            )
        target.setdefault("accessLogSettings", {})[member] = value

    path = f"/accessLogSettings/{member}"
    return patch.Rule(patch.segments(path), frozenset({"replace"}), handler, path)


def _remove_access_log(
    target: dict[str, Any], _o: str, _c: tuple[str, ...], _v: str | None
) -> None:
    target.pop("accessLogSettings", None)


def _refused_flag(path: str, name: str) -> patch.Rule:
    def handler(target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None) -> None:
        if (value or "").lower() != "false":
            raise BadRequestException(msg.SETTING_NOT_EMULATED.format(name))
        target[name] = False

    return patch.Rule(patch.segments(path), frozenset({"replace"}), handler, path)


def _api_summary(snapshot: Snapshot) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for resource in snapshot.resources.values():
        for verb, method in resource.get("resourceMethods", {}).items():
            summary.setdefault(resource["path"], {})[verb] = {
                "authorizationType": method["authorizationType"],
                "apiKeyRequired": method.get("apiKeyRequired", False),
            }
    return summary


# -- canary release deployments ---------------------------------------------------------------
def _served_ids(stage: Mapping[str, Any]) -> tuple[str, ...]:
    """The deployments a stage serves: its own, and its canary's."""
    canary = stage.get("canarySettings")
    if canary and canary.get("deploymentId"):
        return (stage["deploymentId"], canary["deploymentId"])
    return (stage["deploymentId"],)


def canary_view(stage: Mapping[str, Any]) -> dict[str, Any] | None:
    """The stage as its canary serves it (the canary's deployment, the stage variables
    with the canary's overrides, the stage cache only with ``useStageCache``), or None.

    >>> stage = {"stageName": "prod", "deploymentId": "d1", "variables": {"a": "1", "b": "2"},
    ...          "cacheClusterEnabled": True,
    ...          "canarySettings": {"deploymentId": "d2", "percentTraffic": 10.0,
    ...                             "stageVariableOverrides": {"b": "3"}, "useStageCache": False}}
    >>> view = canary_view(stage)
    >>> view["deploymentId"], view["variables"], view["cacheClusterEnabled"]
    ('d2', {'a': '1', 'b': '3'}, False)
    """
    canary = stage.get("canarySettings")
    if not canary:
        return None
    view = dict(stage)
    view["deploymentId"] = canary.get("deploymentId", stage["deploymentId"])
    view["variables"] = {**stage.get("variables", {}), **canary.get("stageVariableOverrides", {})}
    view["cacheClusterEnabled"] = bool(
        stage.get("cacheClusterEnabled") and canary.get("useStageCache")
    )
    return view


def _canary(target: dict[str, Any]) -> dict[str, Any]:
    """The stage's canary settings, created (on the stage's deployment) when first patched."""
    found: dict[str, Any] = target.setdefault(
        "canarySettings",
        {"percentTraffic": 0.0, "deploymentId": target["deploymentId"], "useStageCache": False},
    )
    return found


def _set_percent(target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None) -> None:
    try:
        percent = float(value or "")
    except ValueError:
        raise BadRequestException(CANARY_PERCENT) from None
    if not 0.0 <= percent <= 100.0:
        raise BadRequestException(CANARY_PERCENT)
    _canary(target)["percentTraffic"] = percent


def _set_canary_deployment(
    target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None
) -> None:
    if not value:
        raise BadRequestException(msg.PATCH_VALUE_REQUIRED.format("/canarySettings/deploymentId"))
    _canary(target)["deploymentId"] = value


def _set_use_cache(target: dict[str, Any], _o: str, _c: tuple[str, ...], value: str | None) -> None:
    text = (value or "").lower()
    if text not in ("true", "false"):
        raise BadRequestException(msg.PATCH_BOOLEAN.format("/canarySettings/useStageCache", value))
    _canary(target)["useStageCache"] = text == "true"


def _set_override(
    target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
) -> None:
    overrides = _canary(target).setdefault("stageVariableOverrides", {})
    if op == "remove":
        overrides.pop(captures[0], None)
    else:
        overrides[captures[0]] = value or ""
    if not overrides:
        del target["canarySettings"]["stageVariableOverrides"]


def _remove_canary(target: dict[str, Any], _o: str, _c: tuple[str, ...], _v: str | None) -> None:
    target.pop("canarySettings", None)


def _canary_rules() -> tuple[patch.Rule, ...]:
    """UpdateStage's ``/canarySettings/*`` paths (promotion is ``/deploymentId`` plus
    ``/variables/*`` and a 0 percent, as AWS's guide does it)."""

    def rule(path: str, ops: tuple[str, ...], handler: patch.Handler) -> patch.Rule:
        return patch.Rule(patch.segments(path), frozenset(ops), handler, path)

    return (
        rule("/canarySettings/percentTraffic", ("replace",), _set_percent),
        rule("/canarySettings/deploymentId", ("replace",), _set_canary_deployment),
        rule("/canarySettings/useStageCache", ("replace",), _set_use_cache),
        rule(
            "/canarySettings/stageVariableOverrides/{}",
            ("add", "replace", "remove"),
            _set_override,
        ),
        rule("/canarySettings", ("remove",), _remove_canary),
    )
