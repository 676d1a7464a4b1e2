"""Models (JSON Schema draft 4) and request validators of a REST API.

A model's schema may name another model of the same API by its URL,
``https://apigateway.amazonaws.com/restapis/{api}/models/{name}``; the runtime resolves
those references when it validates a body. A new API starts with AWS's two models,
``Empty`` and ``Error``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .. import _extras
from .._errors import BadRequestException, ConflictException, NotFoundException
from . import _messages as msg
from . import _patch as patch
from ._base import EngineBase
from ._model import ApiState, copied

__all__ = ["ModelOps", "default_models", "model_url", "references"]

_NAME = re.compile(r"[A-Za-z0-9]+")
_REF = re.compile(r"https://apigateway\.amazonaws\.com/restapis/([^/]+)/models/([^/#]+)")
_DRAFT4 = "http://json-schema.org/draft-04/schema#"
_DEFAULTS = {
    "Empty": {"$schema": _DRAFT4, "title": "Empty Schema", "type": "object"},
    "Error": {
        "$schema": _DRAFT4,
        "title": "Error Schema",
        "type": "object",
        "properties": {"message": {"type": "string"}},
    },
}


def model_url(api_id: str, name: str) -> str:
    """The URL a schema uses to name model ``name`` of API ``api_id``.

    >>> model_url("a1b2c3", "Pet")
    'https://apigateway.amazonaws.com/restapis/a1b2c3/models/Pet'
    """
    return f"https://apigateway.amazonaws.com/restapis/{api_id}/models/{name}"


def default_models(api_id: str) -> dict[str, dict[str, Any]]:
    """AWS's ``Empty`` and ``Error`` models; their ids are derived from the API's (no
    draw from the Cloud's generator, so the ids of everything else stay as they were)."""
    return {
        name: {
            "id": hashlib.sha256(f"{api_id}/{name}".encode()).hexdigest()[:6],
            "name": name,
            "description": f"This is a default {name.lower()} schema model",
            "schema": json.dumps(schema, indent=2),
            "contentType": "application/json",
        }
        for name, schema in _DEFAULTS.items()
    }


def _walk_refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            yield ref
        for item in value.values():
            yield from _walk_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_refs(item)


def references(schema: Any) -> list[tuple[str, str]]:
    """The ``(api id, model name)`` pairs a parsed schema names by URL.

    >>> references({"properties": {"p": {"$ref": model_url("a1", "Pet")}}})
    [('a1', 'Pet')]
    """
    found = []
    for ref in _walk_refs(schema):
        match = _REF.match(ref)
        if match is not None:
            found.append((match.group(1), match.group(2)))
    return found


def _parsed_schema(text: object, api: ApiState, own_name: str) -> Any:
    """A model's schema parsed and checked as draft 4, its references known."""
    if not isinstance(text, str) or not text.strip():
        raise BadRequestException(msg.MODEL_SCHEMA)
    try:
        schema = json.loads(text)
    except ValueError:
        raise BadRequestException(msg.MODEL_SCHEMA) from None
    if not isinstance(schema, dict):
        raise BadRequestException(msg.MODEL_SCHEMA)
    validator = _extras.jsonschema().Draft4Validator
    try:
        validator.check_schema(schema)
    except Exception:  # jsonschema's SchemaError (and anything the schema breaks)
        raise BadRequestException(msg.MODEL_SCHEMA) from None
    for ref in _walk_refs(schema):
        if ref.startswith("#"):
            continue
        match = _REF.fullmatch(ref)
        if match is None or match.group(1) != api.api_id:
            raise BadRequestException(msg.MODEL_SCHEMA)
        if match.group(2) not in api.models and match.group(2) != own_name:
            raise BadRequestException(msg.MODEL_SCHEMA)
    return schema


def _template_for(
    schema: Mapping[str, Any], models: Mapping[str, Any], seen: frozenset[str] = frozenset()
) -> str:
    """A starting mapping template for a model, as the console offers one."""
    if "$ref" in schema:
        match = _REF.fullmatch(str(schema["$ref"]))
        target = models.get(match.group(2)) if match else None
        if target is None or target["name"] in seen:
            raise BadRequestException(msg.MODEL_TEMPLATE)
        return _template_for(json.loads(target["schema"]), models, seen | {target["name"]})
    kind = schema.get("type")
    if kind is None:
        raise BadRequestException(msg.MODEL_TEMPLATE)
    lines = ["#set($inputRoot = $input.path('$'))"]
    if kind == "array":
        lines += ["[", "#foreach($elem in $inputRoot)", "  $elem"]
        lines += ["#if($foreach.hasNext),#end", "#end", "]"]
    elif kind == "object":
        props = list((schema.get("properties") or {}).items())
        lines.append("{")
        for index, (name, spec) in enumerate(props):
            comma = "," if index < len(props) - 1 else ""
            quoted = isinstance(spec, dict) and spec.get("type") == "string"
            value = f'"$inputRoot.{name}"' if quoted else f"$inputRoot.{name}"
            lines.append(f'  "{name}" : {value}{comma}')
        lines.append("}")
    else:
        lines.append("$inputRoot")
    return "\n".join(lines)


def _validator_name(
    target: dict[str, Any], _op: str, _captures: tuple[str, ...], value: str | None
) -> None:
    if not value:
        raise BadRequestException(msg.VALIDATOR_NAME_BLANK)
    target["name"] = value


def _flag(path: str, name: str) -> patch.Rule:
    """A validator's flag: ``replace`` without a value turns it off (verified)."""
    setter = patch.boolean(path, name)

    def handler(
        target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
    ) -> None:
        if value in (None, ""):
            target[name] = False
        else:
            setter.handler(target, op, captures, value)

    return patch.Rule(setter.pattern, setter.ops, handler, path)


class ModelOps(EngineBase):
    """CreateModel ... DeleteRequestValidator."""

    # -- Models ------------------------------------------------------------------------
    def create_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateModel: a named JSON Schema (draft 4) for one content type."""
        name = params["name"]
        if name == "":
            raise BadRequestException(msg.MODEL_NAME_EMPTY)
        if not _NAME.fullmatch(name):
            raise BadRequestException(msg.MODEL_NAME.format(name))
        if not params.get("contentType"):
            raise BadRequestException(msg.MODEL_CONTENT_TYPE)
        if not params.get("schema"):  # verified for JSON and XML content types alike
            raise BadRequestException(msg.MODEL_SCHEMA_EMPTY)
        with self.lock:
            api = self._api(params)
            if name in api.models:
                raise ConflictException(msg.MODEL_EXISTS)
            model: dict[str, Any] = {"id": self._new_id([m["id"] for m in api.models.values()], 6)}
            model["name"] = name
            if params.get("description") is not None:
                model["description"] = params["description"]
            _parsed_schema(params["schema"], api, name)
            model["schema"] = params["schema"]
            model["contentType"] = params["contentType"]
            api.models[name] = model
            return copied(model)

    def _api_of_model(self, params: Mapping[str, Any]) -> ApiState:
        """The API, for one model's operations: an unknown API is an unknown model there."""
        api = self.state.apis.get(params.get("restApiId", ""))
        if api is None:
            raise NotFoundException(msg.MODEL_NOT_FOUND.format(params.get("modelName")))
        return api

    def _model(self, api: ApiState, name: object) -> dict[str, Any]:
        found = api.models.get(name) if isinstance(name, str) else None
        if found is None:
            raise NotFoundException(msg.MODEL_NOT_FOUND.format(name))
        return found

    def get_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetModel."""
        with self.lock:
            return copied(self._model(self._api_of_model(params), params.get("modelName")))

    def get_models(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetModels: a page of the API's models."""
        with self.lock:
            items = [copied(m) for m in self._api(params).models.values()]
        return self._page(items, params)

    def update_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateModel: the schema and description by patch operations."""
        rules = (
            patch.field("/description", "description", removable=True),
            patch.field("/schema", "schema"),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            api = self._api_of_model(params)
            model = self._model(api, params.get("modelName"))
            changed = patch.apply(model, plan)
            if not changed.get("schema"):
                raise BadRequestException(msg.MODEL_SCHEMA_EMPTY)
            if changed.get("schema") != model.get("schema"):
                _parsed_schema(changed.get("schema"), api, model["name"])
            model.clear()
            model.update(changed)
            return copied(model)

    def delete_model(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteModel: refused while a method or another model uses it."""
        with self.lock:
            api = self._api_of_model(params)
            model = self._model(api, params.get("modelName"))
            name = model["name"]
            for resource in api.resources.values():
                for verb, method in resource.get("resourceMethods", {}).items():
                    if name in method.get("requestModels", {}).values():
                        text = msg.MODEL_IN_USE.format(name, resource["path"], verb)
                        raise ConflictException(text)
            for other in api.models.values():
                used = other is not model and "schema" in other
                if used and (api.api_id, name) in references(json.loads(other["schema"])):
                    raise BadRequestException(msg.MODEL_REFERENCED.format(name, other["name"]))
            del api.models[name]
        return {}

    def get_model_template(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetModelTemplate: a starting mapping template for the model."""
        with self.lock:
            api = self._api(params)
            model = self._model(api, params.get("modelName"))
            schema = json.loads(model.get("schema") or "{}")
            return {"value": _template_for(schema, api.models)}

    # -- Request validators ----------------------------------------------------------------
    def create_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRequestValidator: validate the body, the parameters, or both."""
        with self.lock:
            api = self.state.apis.get(params.get("restApiId", ""))
            if api is None:
                raise BadRequestException(msg.VALIDATOR_NO_API)
            validator: dict[str, Any] = {"id": self._new_id(api.validators, 6)}
            if params.get("name") is not None:
                validator["name"] = params["name"]
            validator["validateRequestBody"] = bool(params.get("validateRequestBody", False))
            validator["validateRequestParameters"] = bool(
                params.get("validateRequestParameters", False)
            )
            api.validators[validator["id"]] = validator
            return copied(validator)

    def _validator(self, api: ApiState, validator_id: object) -> dict[str, Any]:
        found = api.validators.get(validator_id) if isinstance(validator_id, str) else None
        if found is None:
            raise NotFoundException(msg.VALIDATOR_NOT_FOUND)
        return found

    def get_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRequestValidator."""
        with self.lock:
            api = self.state.apis.get(params.get("restApiId", ""))
            if api is None:
                raise NotFoundException(msg.VALIDATOR_NOT_FOUND)
            return copied(self._validator(api, params.get("requestValidatorId")))

    def get_request_validators(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRequestValidators: a page of the API's validators."""
        with self.lock:
            items = [copied(v) for v in self._api(params).validators.values()]
        return self._page(items, params)

    def update_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRequestValidator: name and the two flags by patch operations."""
        rules = (
            patch.Rule(("name",), frozenset({"replace"}), _validator_name, "/name"),
            _flag("/validateRequestParameters", "validateRequestParameters"),
            _flag("/validateRequestBody", "validateRequestBody"),
        )
        plan = patch.parse(params.get("patchOperations") or [], rules)
        with self.lock:
            validator = self._validator(self._api(params), params.get("requestValidatorId"))
            changed = patch.apply(validator, plan)
            validator.clear()
            validator.update(changed)
            return copied(validator)

    def delete_request_validator(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRequestValidator: refused while a method uses it."""
        with self.lock:
            api = self.state.apis.get(params.get("restApiId", ""))
            if api is None:
                raise NotFoundException(msg.VALIDATOR_NOT_FOUND)
            validator = self._validator(api, params.get("requestValidatorId"))
            for resource in api.resources.values():
                for verb, method in resource.get("resourceMethods", {}).items():
                    if method.get("requestValidatorId") == validator["id"]:
                        raise BadRequestException(
                            msg.VALIDATOR_IN_USE.format(validator["id"], resource["path"], verb)
                        )
            del api.validators[validator["id"]]
        return {}
