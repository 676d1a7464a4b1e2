"""From an integration's output to the caller's response, and the gateway's own answers.

A Lambda proxy response (aws-facts C2) is parsed as API Gateway parses it:
``{"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"}`` (2.0 adds
``cookies``). A response that is not that shape is malformed: REST APIs answer 502
``{"message": "Internal server error"}``, HTTP APIs 500 ``{"message":"Internal Server
Error"}``. A 2.0 response without ``statusCode`` is taken as the body: 200, JSON.

Gateway errors (no route, a refused key, a throttle, a failed integration) are rendered
through the stage's gateway responses (``DEFAULT_4XX``/``DEFAULT_5XX`` apply to any
type of their class that has no response of its own).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

from ..._core.text import digits
from .._deployed import DeployedStage, GatewayResponseSpec
from ._events import parse_query
from ._types import GatewayError, GatewayRequest, GatewayResponse

__all__ = [
    "CONFIGURATION_ERROR_REST",
    "INTEGRATION_FAILURE_HTTP",
    "INTEGRATION_FAILURE_REST",
    "TIMEOUT_HTTP",
    "TIMEOUT_REST",
    "TOO_LARGE",
    "Malformed",
    "integration_failure",
    "parse_proxy",
    "render_error",
]

INTEGRATION_FAILURE_REST = GatewayError(
    502, "INTEGRATION_FAILURE", {"message": "Internal server error"}
)
INTEGRATION_FAILURE_HTTP = GatewayError(
    500, "INTEGRATION_FAILURE", {"message": "Internal Server Error"}
)
CONFIGURATION_ERROR_REST = GatewayError(500, "DEFAULT_5XX", {"message": "Internal server error"})
TIMEOUT_REST = GatewayError(504, "INTEGRATION_TIMEOUT", {"message": "Endpoint request timed out"})
TIMEOUT_HTTP = GatewayError(503, "INTEGRATION_TIMEOUT", {"message": "Service Unavailable"})
TOO_LARGE = GatewayError(413, "REQUEST_TOO_LARGE", {"message": "Request Too Long"})

# REST's integration answers are written with a space after the colon.
_SPACED = frozenset({"Internal server error", "Endpoint request timed out"})
_V1_KEYS = frozenset({"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"})
_V2_KEYS = _V1_KEYS | {"cookies"}
_SCALAR = (str, int, float, bool)


class Malformed(Exception):
    """The integration's answer is not a proxy response (never leaves this module)."""


def integration_failure(kind: str) -> GatewayError:
    """The answer to a failed or malformed integration for an API of ``kind``."""
    return INTEGRATION_FAILURE_REST if kind == "REST" else INTEGRATION_FAILURE_HTTP


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise Malformed


def _status(value: Any) -> int:
    if isinstance(value, bool):
        raise Malformed
    if isinstance(value, str) and digits(value):
        value = int(value)
    if not isinstance(value, int) or not 100 <= value <= 599:
        raise Malformed
    return value


def _headers(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    single = data.get("headers")
    multi = data.get("multiValueHeaders")
    if single is not None:
        if not isinstance(single, dict):
            raise Malformed
        headers.extend((str(k), _text(v)) for k, v in single.items())
    if multi is not None:
        if not isinstance(multi, dict):
            raise Malformed
        named = {k.lower() for k, _ in headers}
        for k, values in multi.items():
            if not isinstance(values, list):
                raise Malformed
            if str(k).lower() in named:  # headers and multiValueHeaders: the lists win
                headers = [(n, v) for n, v in headers if n.lower() != str(k).lower()]
            headers.extend((str(k), _text(v)) for v in values)
    return headers


def _body(data: Mapping[str, Any], decode: bool) -> bytes:
    body = data.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise Malformed
    encoded = data.get("isBase64Encoded", False)
    if encoded not in (True, False):
        raise Malformed
    if encoded:
        try:
            if not decode:  # REST: the caller did not ask for a binary type
                base64.b64decode(body, validate=True)
                return body.encode()
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Malformed from exc
    return body.encode()


def _structured(data: dict[str, Any], version: str, kind: str, decode: bool) -> GatewayResponse:
    if kind == "REST" and not set(data) <= _V1_KEYS:
        raise Malformed
    status = _status(data["statusCode"]) if "statusCode" in data else 200
    headers = _headers(data)
    if version == "2.0":
        cookies = data.get("cookies")
        if cookies is not None:
            if not isinstance(cookies, list) or not all(isinstance(c, str) for c in cookies):
                raise Malformed
            headers.extend(("set-cookie", c) for c in cookies)
    if kind == "REST" and not any(n.lower() == "content-type" for n, _ in headers):
        headers.append(("Content-Type", "application/json"))  # REST's default for proxy answers
    return GatewayResponse(status, tuple(headers), _body(data, decode))


def parse_proxy(
    payload: bytes, version: str, kind: str, *, decode_binary: bool = True
) -> GatewayResponse | GatewayError:
    """The caller's response from a Lambda proxy integration's output.

    A base64 body (``isBase64Encoded``) is decoded unless ``decode_binary`` is false: a
    REST API decodes it only when the request's first ``Accept`` type is one of the
    API's binary media types, and otherwise passes the base64 text on.

    >>> parse_proxy(b'{"statusCode": 201, "body": "ok"}', "1.0", "HTTP")
    GatewayResponse(status=201, headers=(), body=b'ok')
    >>> parse_proxy(b'{"statusCode": 200, "body": {"a": 1}}', "1.0", "REST").status
    502
    >>> parse_proxy(b'{"a": 1}', "2.0", "HTTP")
    GatewayResponse(status=200, headers=(('content-type', 'application/json'),), body=b'{"a": 1}')
    """
    try:
        data = json.loads(payload) if payload else None
    except ValueError:
        return integration_failure(kind)
    try:
        if version == "2.0" and not (isinstance(data, dict) and "statusCode" in data):
            # No statusCode: the value is the body of a 200 JSON response.
            body = data if isinstance(data, str) else json.dumps(data)
            return GatewayResponse(200, (("content-type", "application/json"),), body.encode())
        if not isinstance(data, dict) or "statusCode" not in data:
            raise Malformed
        return _structured(data, version, kind, decode_binary)
    except Malformed:
        return integration_failure(kind)


_QUOTED = re.compile(r"^'(.*)'$", re.DOTALL)


# -- gateway responses ----------------------------------------------------------------------
def _custom(stage: DeployedStage, error: GatewayError) -> GatewayResponseSpec | None:
    responses = stage.gateway_responses
    if not responses:
        return None
    spec = responses.get(error.response_type)
    if spec is None:
        spec = responses.get("DEFAULT_4XX" if error.status < 500 else "DEFAULT_5XX")
    return spec


def _message_json(error: GatewayError) -> str:
    return json.dumps(error.body.get("message", error.body.get("Message")))


def _template(text: str, error: GatewayError, request_id: str) -> str:
    message = error.body.get("message", error.body.get("Message"))
    return (
        text.replace("$context.error.messageString", _message_json(error))
        .replace("$context.error.validationErrorString", error.detail or "")
        .replace("$context.error.message", "" if message is None else str(message))
        .replace("$context.error.responseType", error.response_type)
        .replace("$context.requestId", request_id)
    )


def _mapped(
    source: str,
    stage: DeployedStage,
    request: GatewayRequest | None,
    path_parameters: Mapping[str, str],
) -> str | None:
    """A gateway response header's value: a quoted literal, or a request header, query
    string or path parameter (``method.request.header.X``...), or a stage variable."""
    if (m := _QUOTED.match(source)) is not None:
        return m.group(1)
    kind, _, name = source.rpartition(".")
    if kind == "method.request.header" and request is not None:
        return request.header(name)
    if kind == "method.request.querystring" and request is not None:
        values = [v for k, v in parse_query(request.query) if k == name]
        return values[-1] if values else None
    if kind == "method.request.path":
        return path_parameters.get(name)
    if kind == "stageVariables":
        return stage.stage_variables.get(name)
    return None


def render_error(
    stage: DeployedStage | None,
    error: GatewayError,
    request_id: str,
    request: GatewayRequest | None = None,
    path_parameters: Mapping[str, str] | None = None,
) -> GatewayResponse:
    """The response to a gateway error, customised by the stage's gateway responses.

    >>> error = GatewayError(403, "ACCESS_DENIED", {"message": "Forbidden"})
    >>> response = render_error(None, error, "r")
    >>> response.status, response.body
    (403, b'{"message":"Forbidden"}')
    """
    spec = _custom(stage, error) if stage is not None else None
    status = error.status
    headers = [("Content-Type", "application/json"), *error.headers.items()]
    sep = (", ", ": ") if error.body.get("message") in _SPACED else (",", ":")
    body = json.dumps(dict(error.body), separators=sep)
    if spec is not None:
        assert stage is not None  # a custom response comes from a stage
        if spec.status_code:
            status = int(spec.status_code)
        for target, source in spec.response_parameters.items():
            name = target.removeprefix("gatewayresponse.header.")
            value = _mapped(source, stage, request, path_parameters or {})
            if value is None:  # AWS leaves out a header whose source has no value
                continue
            headers = [(n, v) for n, v in headers if n.lower() != name.lower()]
            headers.append((name, value))
        template = spec.response_templates.get("application/json")
        if template is not None:
            body = _template(template, error, request_id)
    return GatewayResponse(status, tuple(headers), body.encode())
