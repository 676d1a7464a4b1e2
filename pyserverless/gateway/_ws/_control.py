"""The control plane's WebSocket checks: what ``apigatewayv2`` accepts for an API with
``ProtocolType`` ``WEBSOCKET`` (its routes, integrations, authorizers, route responses).

The HTTP APIs engine calls these where a request names a WebSocket API; everything else
about such an API (stages, deployments, tags) is shared with HTTP APIs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._errors import BadRequestException

__all__ = [
    "SELECTION_REQUIRED",
    "check_ws_api",
    "check_ws_authorizer",
    "check_ws_integration",
    "check_ws_route",
    "check_ws_route_key",
    "selection_path",
]

SELECTION_REQUIRED = "RouteSelectionExpression is required for WEBSOCKET protocol"
NOT_EMULATED = "{} is not emulated by pyserverless yet"
HTTP_ONLY = "{} is supported only for HTTP APIs"
AUTH_CONNECT_ONLY = "Currently, authorization is restricted to the $connect route only"
SELECTION = (
    "Invalid RouteSelectionExpression for a WebSocket API: {}. "
    "pyserverless selects on the message body: $request.body.<path>"
)
ROUTE_KEY = "Invalid route key: {}. The reserved keys are $connect, $disconnect and $default"
IDENTITY = (
    "Invalid identity source: {}. A WebSocket API's REQUEST authorizer reads "
    "route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> "
    "or context.<name>"
)
RESPONSE_KEY = "Invalid RouteResponseKey: {}. pyserverless emulates $default"

TIMEOUT = "Timeout must be between 50 ms and 29000 ms for a WebSocket API"
#: A WebSocket API's integration timeout: at most (and by default) 29 seconds.
_MAX_TIMEOUT_MS = 29_000
_RESERVED = ("$connect", "$disconnect", "$default")
_PATH_PART = re.compile(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]")
_WS_IDENTITY = re.compile(
    r"(route\.request\.header|route\.request\.querystring|stageVariables|context)\.[^\s,]+"
)
#: Settings an HTTP API takes and a WebSocket API does not (CreateApi/UpdateApi).
_API_HTTP_ONLY = ("CorsConfiguration", "Target", "RouteKey")
_ROUTE_NOT_EMULATED = ("RequestModels", "ModelSelectionExpression", "RequestParameters")
_INTEGRATION_NOT_EMULATED = (
    "ConnectionId",
    "CredentialsArn",
    "ContentHandlingStrategy",
    "IntegrationSubtype",
    "PassthroughBehavior",
    "RequestParameters",
    "RequestTemplates",
    "ResponseParameters",
    "TemplateSelectionExpression",
    "TlsConfig",
)


def _refuse(params: Mapping[str, Any], names: tuple[str, ...], template: str) -> None:
    for name in names:
        if params.get(name) not in (None, "", [], {}):
            raise BadRequestException(template.format(name))


def selection_path(expression: str) -> tuple[str | int, ...]:
    """The body path a route selection expression reads (``$request.body.action`` ->
    ``("action",)``; ``${request.body.a[2]}`` -> ``("a", 2)``).

    >>> selection_path("$request.body.message.kind")
    ('message', 'kind')
    >>> selection_path("${request.body[2]}")
    (2,)
    """
    text = expression
    if text.startswith("${") and text.endswith("}"):
        text = "$" + text[2:-1]
    if not text.startswith("$request.body"):
        raise BadRequestException(SELECTION.format(expression))
    rest = text[len("$request.body") :]
    out: list[str | int] = []
    at = 0
    while at < len(rest):
        found = _PATH_PART.match(rest, at)
        if found is None:
            raise BadRequestException(SELECTION.format(expression))
        out.append(found.group(1) if found.group(1) is not None else int(found.group(2)))
        at = found.end()
    if not out:
        raise BadRequestException(SELECTION.format(expression))
    return tuple(out)


def check_ws_api(params: Mapping[str, Any], *, create: bool) -> None:
    """CreateApi/UpdateApi on a WebSocket API: a route selection expression (required at
    creation) that reads the message body; no quick create, no CORS."""
    _refuse(params, _API_HTTP_ONLY, HTTP_ONLY)
    expression = params.get("RouteSelectionExpression")
    if expression is None:
        if create:
            raise BadRequestException(SELECTION_REQUIRED)
        return
    selection_path(expression)


def check_ws_route_key(key: str) -> str:
    """``key`` if it is a WebSocket route key: a reserved ``$`` key or any other text.

    >>> check_ws_route_key("sendmessage")
    'sendmessage'
    """
    if not key or (key.startswith("$") and key not in _RESERVED):
        raise BadRequestException(ROUTE_KEY.format(key))
    return key


def check_ws_route(route: Mapping[str, Any], params: Mapping[str, Any]) -> None:
    """A WebSocket route's settings: authorization on ``$connect`` only, and not JWT;
    ``RouteResponseSelectionExpression`` is ``$default`` when set."""
    _refuse(params, _ROUTE_NOT_EMULATED, NOT_EMULATED)
    if params.get("ApiKeyRequired"):
        raise BadRequestException(NOT_EMULATED.format("ApiKeyRequired"))
    check_ws_route_key(route["RouteKey"])
    kind = route.get("AuthorizationType", "NONE")
    if kind == "JWT":
        raise BadRequestException(HTTP_ONLY.format("Authorization type JWT"))
    if kind == "AWS_IAM":
        raise BadRequestException(NOT_EMULATED.format("AWS_IAM authorization of WebSocket APIs"))
    if kind != "NONE" and route["RouteKey"] != "$connect":
        raise BadRequestException(AUTH_CONNECT_ONLY)
    selection = route.get("RouteResponseSelectionExpression")
    if selection not in (None, "$default"):
        raise BadRequestException(RESPONSE_KEY.format(selection))


def check_ws_integration(integration: dict[str, Any], params: Mapping[str, Any]) -> None:
    """A WebSocket API's integration: a Lambda proxy (AWS_PROXY), payload format 1.0."""
    _refuse(params, _INTEGRATION_NOT_EMULATED, NOT_EMULATED)
    kind = integration.get("IntegrationType")
    if kind != "AWS_PROXY":
        raise BadRequestException(NOT_EMULATED.format(f"IntegrationType {kind} on a WebSocket API"))
    timeout = params.get("TimeoutInMillis", integration.get("TimeoutInMillis", _MAX_TIMEOUT_MS))
    if not isinstance(timeout, int) or not 50 <= timeout <= _MAX_TIMEOUT_MS:
        raise BadRequestException(TIMEOUT)
    integration["TimeoutInMillis"] = timeout
    version = params.get("PayloadFormatVersion") or integration.get("PayloadFormatVersion")
    integration["PayloadFormatVersion"] = version = version or "1.0"
    if version != "1.0":
        raise BadRequestException(HTTP_ONLY.format(f"PayloadFormatVersion {version}"))


def check_ws_authorizer(authorizer: Mapping[str, Any]) -> None:
    """A WebSocket API's authorizer: REQUEST (a Lambda function) whose identity sources
    read the connection request's headers or query string; no result cache."""
    if authorizer.get("AuthorizerType") != "REQUEST":
        raise BadRequestException(HTTP_ONLY.format("AuthorizerType JWT"))
    for name in (
        "AuthorizerPayloadFormatVersion",
        "EnableSimpleResponses",
        "JwtConfiguration",
    ):
        if authorizer.get(name) not in (None, False):
            raise BadRequestException(HTTP_ONLY.format(name))
    if authorizer.get("AuthorizerResultTtlInSeconds") not in (None, 0):
        raise BadRequestException(HTTP_ONLY.format("AuthorizerResultTtlInSeconds"))
    for source in authorizer.get("IdentitySource") or ():
        if not _WS_IDENTITY.fullmatch(source):
            raise BadRequestException(IDENTITY.format(source))
