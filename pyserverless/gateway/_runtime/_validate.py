"""Request validation (REST): required parameters and the body against its model.

A method's request validator says what is checked (aws-facts C7):

* parameters: each ``method.request.{path,querystring,header}.X`` flagged ``true`` must be
  present and not blank, else 400 ``{"message": "Missing required request parameters:
  [a, b]"}`` (``BAD_REQUEST_PARAMETERS``);
* the body: the model for the request's content type (or ``$default``) validates it as
  JSON Schema draft 4, else 400 ``{"message": "Invalid request body"}``
  (``BAD_REQUEST_BODY``). No model for the content type: no body check.

``$context.error.validationErrorString`` carries the details, in the words of the
validator API Gateway runs [?] (the Java ``json-schema-validator``'s messages for the
common keywords; jsonschema's own for the rest).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .. import _extras
from .._deployed import DeployedStage, RouteSpec
from ._events import parse_query
from ._types import GatewayError, GatewayRequest, Matched

__all__ = ["Validators", "body_type"]

_URL = "https://apigateway.amazonaws.com/restapis/{}/models/{}"


def body_type(request: GatewayRequest) -> str:
    """The request's media type, lower-case, ``application/json`` when it names none."""
    ctype = request.header("content-type")
    if not ctype:
        return "application/json"
    return ctype.split(";", 1)[0].strip().lower()


def _quoted(values: Any) -> str:
    return "[" + ",".join(json.dumps(v) for v in values) + "]"


def _message(error: Any) -> str:
    """One failure in the Java validator's words where we know them [?]."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in value if name not in instance]
        return f"object has missing required properties ({_quoted(missing)})"
    if kind == "type":
        allowed = value if isinstance(value, list) else [value]
        found = _json_type(instance)
        return (
            f"instance type ({found}) does not match any allowed primitive type "
            f"(allowed: {_quoted(allowed)})"
        )
    template = _WORDS.get(kind)
    if template is None:
        return str(error.message)
    size = len(instance) if isinstance(instance, str) else 0
    values = _quoted(value) if isinstance(value, list) else value
    return template.format(
        value=value, values=values, instance=instance, json=json.dumps(instance), size=size
    )


#: The Java validator's words for the other common keywords [?].
_WORDS = {
    "enum": "instance value ({json}) not found in enum (possible values: {values})",
    "minimum": (
        "numeric instance is lower than the required minimum (minimum: {value}, found: {instance})"
    ),
    "maximum": "numeric instance is greater than the required maximum"
    " (maximum: {value}, found: {instance})",
    "minLength": "string {json} is too short (length: {size}, required minimum: {value})",
    "maxLength": "string {json} is too long (length: {size}, maximum allowed: {value})",
    "pattern": 'ECMA 262 regex "{value}" does not match input string {json}',
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


class Validators:
    """Compiled model validators, one per deployed model (built on first use)."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, str, str], Any] = {}

    def check(
        self, stage: DeployedStage, route: RouteSpec, request: GatewayRequest, matched: Matched
    ) -> GatewayError | None:
        """The validation error for ``request``, or None when it passes."""
        if route.validate_parameters:
            missing = _missing(route.request_parameters, request, matched)
            if missing:
                text = f"Missing required request parameters: [{', '.join(missing)}]"
                return GatewayError(400, "BAD_REQUEST_PARAMETERS", {"message": text}, detail=text)
        if route.validate_body and route.request_models:
            models = route.request_models
            name = models.get(body_type(request), models.get("$default"))
            if name is not None:
                return self._check_body(stage, name, request.body)
        return None

    def _check_body(self, stage: DeployedStage, name: str, body: bytes) -> GatewayError | None:
        try:
            data = json.loads(body) if body.strip() else None
            parsed = body.strip() != b""
        except ValueError as exc:
            return _invalid(f"[Unable to parse request body: {exc}]")  # [?]
        validator = self._validator(stage, name)
        if not parsed:
            data = {}  # [?] an empty body is checked as an empty object
        try:
            errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        except (RecursionError, ValueError, LookupError):  # a model that refers to itself only
            return _BROKEN_MODEL
        if errors:
            return _invalid("[" + ", ".join(_message(e) for e in errors) + "]")
        return None

    def _validator(self, stage: DeployedStage, name: str) -> Any:
        key = (stage.api_id, stage.deployment_id, name)
        found = self._compiled.get(key)
        if found is None:
            found = self._build(stage, name)
            self._compiled[key] = found
        return found

    @staticmethod
    def _build(stage: DeployedStage, name: str) -> Any:
        jsonschema = _extras.jsonschema()
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        resources = []
        for model, text in stage.models.items():
            contents = json.loads(text or "{}")
            resource = Resource.from_contents(contents, default_specification=DRAFT4)
            resources.append((_URL.format(stage.api_id, model), resource))
        registry: Any = Registry().with_resources(resources)
        schema = json.loads(stage.models.get(name) or "{}")
        return jsonschema.Draft4Validator(schema, registry=registry)


#: A model the validator cannot apply (a reference cycle): API Gateway's 500 [?].
_BROKEN_MODEL = GatewayError(500, "DEFAULT_5XX", {"message": "Internal server error"})


def _invalid(detail: str) -> GatewayError:
    return GatewayError(400, "BAD_REQUEST_BODY", {"message": "Invalid request body"}, detail=detail)


def _missing(
    parameters: Mapping[str, bool], request: GatewayRequest, matched: Matched
) -> list[str]:
    query: dict[str, str] | None = None
    missing = []
    for source, required in parameters.items():
        if not required:
            continue
        _, _, rest = source.partition("method.request.")
        kind, _, name = rest.partition(".")
        if kind == "path":
            value = matched.path_parameters.get(name)
        elif kind in ("querystring", "multivaluequerystring"):
            if query is None:
                query = dict(parse_query(request.query))
            value = query.get(name)
        else:
            value = request.header(name)
        if not value or not value.strip():
            missing.append(name)
    return missing
