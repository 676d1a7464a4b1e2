"""ImportRestApi and PutRestApi: a checked plan applied through the REST engine's own
operations, so every check (names, URIs, limits, references) stays the engine's."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._errors import BadRequestException
from . import _messages as msg
from ._load import body_text, checked, guarded, load_document, resolve_variables
from ._rest_plan import MethodPlan, RestPlan, model_schema, plan_rest

if TYPE_CHECKING:
    from .._rest._engine import RestApis as RestEngine

__all__ = ["RestImporter"]

_DEFAULT_MODELS = ("Empty", "Error")


def _all(list_call: Callable[[dict[str, Any]], dict[str, Any]], api_id: str) -> Iterator[Any]:
    params: dict[str, Any] = {"restApiId": api_id, "limit": 500}
    while True:
        page = list_call(params)
        yield from page["items"]
        if not page.get("position"):
            return
        params["position"] = page["position"]


class RestImporter:
    """Builds or rebuilds a REST API from an OpenAPI document.

    >>> from pyserverless import Cloud
    >>> engine = Cloud.manual().engine("apigateway")
    >>> doc = b'{"swagger": "2.0", "info": {"title": "pets"}, "paths": {"/pets": {"get": {}}}}'
    >>> api = RestImporter(engine).import_api({"body": doc})
    >>> sorted(r["path"] for r in engine.get_resources({"restApiId": api["id"]})["items"])
    ['/', '/pets']
    """

    def __init__(self, engine: RestEngine) -> None:
        self.engine = engine

    def _plan(self, params: Mapping[str, Any]) -> RestPlan:
        text = body_text(params["body"], self.engine.limits.max_import_body_bytes)
        doc, oas = load_document(text)
        doc = resolve_variables(doc, self.engine.account_id, self.engine.region)
        # Over the wire the query string's own members (mode, failonwarnings) arrive in
        # the ``parameters`` map too: they are the operation's, not import parameters.
        options = {
            k: v
            for k, v in (params.get("parameters") or {}).items()
            if k not in ("mode", "failonwarnings")
        }
        plan = guarded(plan_rest, doc, oas, options)
        if plan.warnings and params.get("failOnWarnings"):
            raise BadRequestException(msg.WARNINGS.format("\n\t".join(plan.warnings)))
        return plan

    def import_api(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """ImportRestApi: a new API; on any refusal the half-built API is removed."""
        plan = self._plan(params)
        return self._fresh(plan)

    def _fresh(self, plan: RestPlan) -> dict[str, Any]:
        api = checked("apigateway", "CreateRestApi", self.engine.create_rest_api, dict(plan.api))
        try:
            _Builder(self.engine, api["id"], plan).build()
        except BaseException:
            self.engine.delete_rest_api({"restApiId": api["id"]})
            raise
        return self._answer(api["id"], plan)

    def put_api(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """PutRestApi: ``merge`` (the default) or ``overwrite`` an existing API.

        The whole update runs under the engine's lock on a saved copy of the API's state:
        a document the engine refuses half-way leaves the API as it was.
        """
        mode = params.get("mode") or "merge"
        if mode not in ("merge", "overwrite"):
            raise BadRequestException(msg.BAD_MODE.format(mode))
        api_id = params["restApiId"]
        with self.engine.lock:
            self.engine.get_rest_api({"restApiId": api_id})  # NotFoundException first
            plan = self._plan(params)
            saved = _saved(self.engine.state.apis[api_id])
            try:
                if mode == "overwrite":
                    _clear(self.engine, api_id)
                self._settings(api_id, plan, overwrite=mode == "overwrite")
                _Builder(self.engine, api_id, plan).build()
            except BaseException:
                self.engine.state.apis[api_id] = saved
                raise
            return self._answer(api_id, plan)

    def _settings(self, api_id: str, plan: RestPlan, *, overwrite: bool) -> None:
        current = self.engine.get_rest_api({"restApiId": api_id})
        ops: list[dict[str, Any]] = []
        for key in ("description", "version"):
            if key in plan.api:
                ops.append({"op": "replace", "path": f"/{key}", "value": plan.api[key]})
            elif overwrite and key in current:
                ops.append({"op": "remove", "path": f"/{key}"})
        if "disableExecuteApiEndpoint" in plan.api:
            value = "true" if plan.api["disableExecuteApiEndpoint"] else "false"
            ops.append({"op": "replace", "path": "/disableExecuteApiEndpoint", "value": value})
        if "apiKeySource" in plan.api or overwrite:
            source = plan.api.get("apiKeySource", "HEADER")
            ops.append({"op": "replace", "path": "/apiKeySource", "value": source})
        wanted = list(plan.api.get("binaryMediaTypes", ()))
        had = list(current.get("binaryMediaTypes", ()))
        gone = [m for m in had if overwrite and m not in wanted]
        ops += [{"op": "remove", "path": "/binaryMediaTypes/" + _escape(m)} for m in gone]
        ops += [
            {"op": "add", "path": "/binaryMediaTypes/" + _escape(m)} for m in wanted if m not in had
        ]
        if ops:
            self.engine.update_rest_api({"restApiId": api_id, "patchOperations": ops})

    def _answer(self, api_id: str, plan: RestPlan) -> dict[str, Any]:
        answer = self.engine.get_rest_api({"restApiId": api_id})
        if plan.warnings:
            answer["warnings"] = list(plan.warnings)
        return answer


def _escape(media: str) -> str:
    return media.replace("~", "~0").replace("/", "~1")


def _clear(engine: RestEngine, api_id: str) -> None:
    """Overwrite mode: the API keeps its id, name and stages; its definitions go."""
    where = {"restApiId": api_id}
    resources = list(_all(engine.get_resources, api_id))
    for resource in resources:
        if resource["path"] == "/":
            for verb in resource.get("resourceMethods", {}):
                engine.delete_method({**where, "resourceId": resource["id"], "httpMethod": verb})
    for resource in resources:
        if resource["path"].count("/") == 1 and resource["path"] != "/":
            engine.delete_resource({**where, "resourceId": resource["id"]})
    models = [
        m["name"] for m in _all(engine.get_models, api_id) if m["name"] not in _DEFAULT_MODELS
    ]
    empty = [{"op": "replace", "path": "/schema", "value": "{}"}]
    for name in models:  # first without references, so that any order of deletion works
        engine.update_model({**where, "modelName": name, "patchOperations": empty})
    for name in models:
        engine.delete_model({**where, "modelName": name})
    for validator in list(_all(engine.get_request_validators, api_id)):
        engine.delete_request_validator({**where, "requestValidatorId": validator["id"]})
    for authorizer in list(_all(engine.get_authorizers, api_id)):
        engine.delete_authorizer({**where, "authorizerId": authorizer["id"]})
    for response in list(_all(engine.get_gateway_responses, api_id)):
        if not response.get("defaultResponse"):
            engine.delete_gateway_response({**where, "responseType": response["responseType"]})


class _Builder:
    def __init__(self, engine: RestEngine, api_id: str, plan: RestPlan) -> None:
        self.engine = engine
        self.api_id = api_id
        self.plan = plan
        self.where = {"restApiId": api_id}

    def build(self) -> None:
        self._models()
        validators = self._named(self.engine.get_request_validators)
        for spec in self.plan.validators:
            if spec["name"] not in validators:
                made = checked(
                    "apigateway",
                    "CreateRequestValidator",
                    self.engine.create_request_validator,
                    {**self.where, **spec},
                )
                validators[spec["name"]] = made["id"]
        authorizers = self._named(self.engine.get_authorizers)
        for spec in self.plan.authorizers:
            if spec["name"] not in authorizers:
                made = checked(
                    "apigateway",
                    "CreateAuthorizer",
                    self.engine.create_authorizer,
                    {**self.where, **spec},
                )
                authorizers[spec["name"]] = made["id"]
        resources = self._resources()
        for method in self.plan.methods:
            self._method(method, resources[method.path], validators, authorizers)
        for response in self.plan.gateway_responses:
            checked(
                "apigateway",
                "PutGatewayResponse",
                self.engine.put_gateway_response,
                {**self.where, **response},
            )

    def _named(self, list_call: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, str]:
        return {item["name"]: item["id"] for item in _all(list_call, self.api_id) if "name" in item}

    def _models(self) -> None:
        existing = {m["name"] for m in _all(self.engine.get_models, self.api_id)}
        url = f"https://apigateway.amazonaws.com/restapis/{self.api_id}/models"
        for name, _schema in self.plan.models:
            if name not in existing:
                # a placeholder schema: every model exists before any schema names another
                self.engine.create_model(
                    {**self.where, "name": name, "contentType": "application/json", "schema": "{}"}
                )
        for name, schema in self.plan.models:
            patch = {"op": "replace", "path": "/schema", "value": model_schema(schema, url)}
            self.engine.update_model({**self.where, "modelName": name, "patchOperations": [patch]})

    def _resources(self) -> dict[str, str]:
        known = {r["path"]: r["id"] for r in _all(self.engine.get_resources, self.api_id)}
        for path in self.plan.paths:
            parent = "/"
            for part in path.strip("/").split("/") if path != "/" else []:
                child = (parent.rstrip("/") + "/" + part) if parent != "/" else "/" + part
                if child not in known:
                    made = self.engine.create_resource(
                        {**self.where, "parentId": known[parent], "pathPart": part}
                    )
                    known[child] = made["id"]
                parent = child
        return known

    def _method(
        self,
        plan: MethodPlan,
        resource_id: str,
        validators: Mapping[str, str],
        authorizers: Mapping[str, str],
    ) -> None:
        where = {**self.where, "resourceId": resource_id, "httpMethod": plan.verb}
        resource = self.engine.get_resource({**self.where, "resourceId": resource_id})
        if plan.verb in resource.get("resourceMethods", {}):
            self.engine.delete_method(where)
        params: dict[str, Any] = {**where, **plan.method}
        if plan.authorizer is not None:
            params["authorizerId"] = authorizers[plan.authorizer]
        if plan.validator is not None:
            params["requestValidatorId"] = validators[plan.validator]
        checked("apigateway", "PutMethod", self.engine.put_method, params)
        for response in plan.responses:
            checked(
                "apigateway",
                "PutMethodResponse",
                self.engine.put_method_response,
                {**where, **response},
            )
        if plan.integration is None:
            return
        checked(
            "apigateway",
            "PutIntegration",
            self.engine.put_integration,
            {**where, **plan.integration},
        )
        for item in plan.integration_responses:
            checked(
                "apigateway",
                "PutIntegrationResponse",
                self.engine.put_integration_response,
                {**where, **item},
            )


def _saved(api: Any) -> Any:
    """A deep copy of one API's state to restore; its ``served`` cache starts empty."""
    return copy.deepcopy(api, {id(api.served): {}})
