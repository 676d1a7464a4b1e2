"""Non-proxy integrations of REST APIs: MOCK, AWS (Lambda custom and AWS services), HTTP
and HTTP_PROXY (aws-facts C7).

The integration request: the request template chosen by the request's content type
(``application/json`` when it names none) renders the body the backend receives; with
no template for the type, ``passthroughBehavior`` decides: ``WHEN_NO_MATCH`` passes the
body through, ``WHEN_NO_TEMPLATES`` passes it only when the integration has no template
at all, ``NEVER`` refuses, all with 415 ``{"message":"Unsupported Media Type"}``.
Integration ``requestParameters`` map the method request's parameters (or literals,
stage variables, context values) onto the backend's path, query string and headers.

The integration response: ``selectionPattern`` is matched (the whole text, as Java's
``matches``) against the Lambda function's ``errorMessage`` for a Lambda error, and
against the status code for everything else; the response without a pattern is the
default. Its ``responseParameters`` set the method response's headers and its
``responseTemplates`` (chosen by the request's ``Accept``) render the body; with no
template the backend's body passes through.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from ...errors import AWSError
from ...lambda_ import InvokeDeadlineExceeded
from .._deployed import DeployedStage, IntegrationSpec
from ._backends import BackendRequest, aws_target
from ._events import RequestInfo, event_v1, is_binary, parse_query
from ._responses import CONFIGURATION_ERROR_REST, TIMEOUT_REST
from ._types import GatewayError, GatewayResponse
from ._validate import body_type
from ._vtl import TemplateFailed, jsonpath, namespace, render

if TYPE_CHECKING:
    from ._engine import ExecuteApi

__all__ = ["UNSUPPORTED_MEDIA_TYPE", "CustomIntegrations"]

UNSUPPORTED_MEDIA_TYPE = GatewayError(
    415, "UNSUPPORTED_MEDIA_TYPE", {"message": "Unsupported Media Type"}
)
_QUOTED = re.compile(r"^'(.*)'$", re.DOTALL)
_STATUS_IN_BODY = re.compile(r'"statusCode"\s*:\s*"?(\d{3})"?')
_PATH_VARIABLE = re.compile(r"\{([A-Za-z0-9._-]+)\+?\}")
_LAMBDA_PATH = re.compile(r"2015-03-31/functions/(.+)/invocations")
#: Integration request headers Lambda's Invoke API reads, and the invoke options they set.
_LAMBDA_HEADERS = {
    "integration.request.header.X-Amz-Invocation-Type": "invocation_type",
    "integration.request.header.X-Amz-Log-Type": "log_type",
    "integration.request.header.X-Amz-Client-Context": "client_context",
}


class _Exchange:
    """One request's trip through a non-proxy integration."""

    __slots__ = ("context", "info", "integration", "params", "stage")

    def __init__(self, stage: DeployedStage, integration: IntegrationSpec, info: RequestInfo):
        self.stage = stage
        self.integration = integration
        self.info = info
        request = info.request
        self.params: dict[str, dict[str, str]] = {
            "path": dict(info.matched.path_parameters),
            "querystring": dict(parse_query(request.query)),
            "header": dict(request.headers),
        }
        self.context: dict[str, Any] | None = None

    def context_values(self, api_key: tuple[str, str] | None) -> dict[str, Any]:
        if self.context is None:
            try:
                self.context = dict(event_v1(self.info, api_key)["requestContext"])
            except Exception:  # a body the event cannot carry: the context without it
                self.context = {"requestId": self.info.request_id}
        return self.context

    def path_value(self, name: str) -> str:
        """``{name}`` in an integration URI: its ``integration.request.path`` mapping."""
        expression = self.integration.request_parameters.get(f"integration.request.path.{name}")
        value = self.source(expression) if expression is not None else None
        return quote(value or "", safe="/")

    def source(self, expression: str, response: GatewayResponse | None = None) -> str | None:
        """A mapping expression's value: a quoted literal, ``method.request.*``,
        ``integration.response.*``, ``stageVariables.*`` or ``context.*``."""
        if (literal := _QUOTED.match(expression)) is not None:
            return literal.group(1)
        if expression.startswith("method.request."):
            kind, _, name = expression.removeprefix("method.request.").partition(".")
            if kind in ("header", "multivalueheader"):
                return self.info.request.header(name)
            kind = "querystring" if kind == "multivaluequerystring" else kind
            return self.params.get(kind, {}).get(name)
        if expression.startswith("stageVariables."):
            return self.stage.stage_variables.get(expression.removeprefix("stageVariables."))
        if expression.startswith("context."):
            value: Any = self.context_values(None)
            for part in expression.removeprefix("context.").split("."):
                value = value.get(part) if isinstance(value, dict) else None
            return None if value is None else str(value)
        if response is not None and expression.startswith("integration.response."):
            rest = expression.removeprefix("integration.response.")
            if rest.startswith("header."):
                return response.header(rest.removeprefix("header."))
            if rest == "body":
                return response.text
            if rest.startswith("body."):
                try:
                    found = jsonpath(json.loads(response.body), "$." + rest.removeprefix("body."))
                except ValueError:
                    return None
                return found if isinstance(found, str) else json.dumps(found)
        return None


class CustomIntegrations:
    """Runs MOCK, AWS, HTTP and HTTP_PROXY integrations for the runtime engine."""

    def __init__(self, engine: ExecuteApi) -> None:
        self.engine = engine

    def run(
        self,
        stage: DeployedStage,
        integration: IntegrationSpec,
        info: RequestInfo,
        api_key: tuple[str, str] | None,
    ) -> GatewayResponse | GatewayError:
        """The method response for one request, or the gateway's own error."""
        trip = _Exchange(stage, integration, info)
        if integration.type == "HTTP_PROXY":
            return self._http_proxy(trip)
        try:
            body = self._request_body(trip, api_key)
        except TemplateFailed:
            return CONFIGURATION_ERROR_REST
        if isinstance(body, GatewayError):
            return body
        answer = self._backend(trip, body)
        if isinstance(answer, GatewayError):
            return answer
        response, subject = answer
        try:
            return self._method_response(trip, response, subject, api_key)
        except TemplateFailed:
            return CONFIGURATION_ERROR_REST

    # -- the integration request ------------------------------------------------------------
    def _request_body(
        self, trip: _Exchange, api_key: tuple[str, str] | None
    ) -> bytes | GatewayError:
        integration, request = trip.integration, trip.info.request
        templates = integration.request_templates
        template = templates.get(body_type(request)) if templates else None
        if template is None:
            behaviour = integration.passthrough
            if behaviour == "NEVER" or (behaviour == "WHEN_NO_TEMPLATES" and templates):
                return UNSUPPORTED_MEDIA_TYPE
        payload = _converted(
            request.body,
            integration.content_handling,
            is_binary(trip.stage, request.header("content-type")),
        )
        if payload is None:
            return CONFIGURATION_ERROR_REST
        if template is None:
            return payload
        names = namespace(
            payload,
            trip.params,
            trip.context_values(api_key) if "$context" in template else None,
            trip.stage.stage_variables,
        )
        return render(template, names).encode()

    def _backend(
        self, trip: _Exchange, body: bytes
    ) -> tuple[GatewayResponse, str | None] | GatewayError:
        """The backend's answer and what the selection patterns are matched against: the
        status code, a Lambda error's message, or None (a Lambda success: the default)."""
        kind = trip.integration.type
        if kind == "MOCK":
            found = _STATUS_IN_BODY.search(body.decode("utf-8", "replace"))
            status = found.group(1) if found else "200"
            return GatewayResponse(int(status), (), b""), status
        uri = _substituted(trip.integration.uri or "", trip.stage.stage_variables)
        if kind == "HTTP":
            answer = self._http(trip, uri, body)
            return answer if isinstance(answer, GatewayError) else (answer, str(answer.status))
        target = aws_target(_PATH_VARIABLE.sub(lambda m: trip.path_value(m.group(1)), uri))
        if target is None:
            return CONFIGURATION_ERROR_REST
        if target.service == "lambda":
            return self._lambda(trip, target.rest, body)
        headers, query, _ = self._mapped(trip)
        verb = trip.integration.http_method or "POST"
        reply = self.engine.aws_service(target, verb, body, headers=headers, query=query)
        return reply, str(reply.status)

    def _lambda(
        self, trip: _Exchange, rest: str, body: bytes
    ) -> tuple[GatewayResponse, str | None] | GatewayError:
        found = _LAMBDA_PATH.fullmatch(rest)
        if found is None:
            return CONFIGURATION_ERROR_REST
        arn = found.group(1)
        parts = arn.split(":")
        region = parts[3] if len(parts) > 4 and parts[0] == "arn" else self.engine.region
        options: dict[str, Any] = {}
        for header, option in _LAMBDA_HEADERS.items():
            expression = trip.integration.request_parameters.get(header)
            value = trip.source(expression) if expression is not None else None
            if value:
                options[option] = value
        try:
            lam = self.engine.cloud.engine("lambda", region)
            result = lam.invoke(
                arn,
                body or b"{}",
                deadline_seconds=trip.integration.timeout_ms / 1000,
                **options,
            )
        except InvokeDeadlineExceeded:
            return TIMEOUT_REST
        except (AWSError, ValueError):
            return CONFIGURATION_ERROR_REST
        payload = bytes(result.payload or b"")
        status = int(result.status_code or 200)
        response = GatewayResponse(status, (("Content-Type", "application/json"),), payload)
        if result.function_error is None:
            return response, None
        try:
            message = json.loads(payload).get("errorMessage")
        except (ValueError, AttributeError):
            message = None
        return response, "" if message is None else str(message)

    @staticmethod
    def _mapped(
        trip: _Exchange,
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, str]]:
        """The integration request's mapped headers, query string and path values."""
        headers: list[tuple[str, str]] = []
        query: list[tuple[str, str]] = []
        path_values: dict[str, str] = {}
        for target, expression in trip.integration.request_parameters.items():
            value = trip.source(expression)
            if value is None:
                continue
            kind, _, name = target.removeprefix("integration.request.").partition(".")
            if kind in ("header", "multivalueheader"):
                headers.append((name, value))
            elif kind in ("querystring", "multivaluequerystring"):
                query.append((name, value))
            elif kind == "path":
                path_values[name] = value
        return headers, query, path_values

    def _http(self, trip: _Exchange, uri: str, body: bytes) -> GatewayResponse | GatewayError:
        headers, query, path_values = self._mapped(trip)
        if body and not any(n.lower() == "content-type" for n, _ in headers):
            ctype = trip.info.request.header("content-type") or "application/json"
            headers.append(("Content-Type", ctype))
        url = _PATH_VARIABLE.sub(lambda m: quote(path_values.get(m.group(1), ""), safe="/"), uri)
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        verb = trip.integration.http_method or "GET"
        return self.engine.http_backend(BackendRequest(verb, url, tuple(headers), body))

    def _http_proxy(self, trip: _Exchange) -> GatewayResponse | GatewayError:
        request = trip.info.request
        values = dict(trip.info.matched.path_parameters)
        headers = [(n, v) for n, v in request.headers if n.lower() != "host"]
        query = request.query
        for target, expression in trip.integration.request_parameters.items():
            value = trip.source(expression)
            kind, _, name = target.removeprefix("integration.request.").partition(".")
            if value is None:
                continue
            if kind == "path":
                values[name] = value
            elif kind == "header":
                headers = [(n, v) for n, v in headers if n.lower() != name.lower()]
                headers.append((name, value))
            elif kind == "querystring":
                query = (query + "&" if query else "") + urlencode([(name, value)])
        uri = _substituted(trip.integration.uri or "", trip.stage.stage_variables)
        url = _PATH_VARIABLE.sub(lambda m: quote(values.get(m.group(1), ""), safe="/"), uri)
        if query:
            url += ("&" if "?" in url else "?") + query
        verb = trip.integration.http_method or request.method
        if verb == "ANY":
            verb = request.method
        return self.engine.http_backend(BackendRequest(verb, url, tuple(headers), request.body))

    # -- the integration response -----------------------------------------------------------
    def _method_response(
        self,
        trip: _Exchange,
        response: GatewayResponse,
        subject: str | None,
        api_key: tuple[str, str] | None,
    ) -> GatewayResponse | GatewayError:
        chosen = _select(trip.integration.responses, subject)
        if chosen is None:  # no default response either
            return CONFIGURATION_ERROR_REST
        handling = chosen.get("contentHandling")
        if handling is not None:
            converted = _converted(response.body, handling, handling == "CONVERT_TO_TEXT")
            if converted is None:
                return CONFIGURATION_ERROR_REST
            response = GatewayResponse(response.status, response.headers, converted)
        headers: list[tuple[str, str]] = []
        for target, expression in (chosen.get("responseParameters") or {}).items():
            if target.startswith("method.response.header."):
                value = trip.source(expression, response)
                if value is not None:
                    headers.append((target.removeprefix("method.response.header."), value))
        templates: Mapping[str, str] = chosen.get("responseTemplates") or {}
        accept = (trip.info.request.header("accept") or "").split(",", 1)[0].split(";")[0].strip()
        out_type = accept if accept in templates else "application/json"
        template = templates.get(out_type)
        if template is None and templates and out_type not in templates:
            out_type, template = next(iter(templates.items()))
        if template is None or template == "":
            body = response.body if template is None else b""
            ctype = response.header("content-type") or "application/json"
        else:
            names = namespace(
                response.body,
                trip.params,
                trip.context_values(api_key) if "$context" in template else None,
                trip.stage.stage_variables,
            )
            body = render(template, names).encode()
            ctype = out_type
        if not any(n.lower() == "content-type" for n, _ in headers):
            headers.insert(0, ("Content-Type", ctype))
        return GatewayResponse(int(chosen.get("statusCode", "200")), tuple(headers), body)


def _select(
    responses: Mapping[str, Mapping[str, Any]], subject: str | None
) -> Mapping[str, Any] | None:
    """The integration response whose pattern matches the whole ``subject`` (a status
    code or a Lambda error's message), else the default one (no pattern); a Lambda
    success (``subject`` None) takes the default.

    >>> responses = {"": {"statusCode": "200"}, "4[0-9][0-9]": {"statusCode": "400"}}
    >>> _select(responses, "404")["statusCode"], _select(responses, "4040")["statusCode"]
    ('400', '200')
    """
    default = None
    for pattern, response in responses.items():
        if pattern == "":
            default = response
            continue
        if subject is None:
            continue
        try:
            if re.fullmatch(pattern, subject):
                return response
        except re.error:
            continue
    return default


def _converted(body: bytes, handling: str | None, binary: bool) -> bytes | None:
    """``contentHandling`` applied to a payload: CONVERT_TO_TEXT base64-encodes a binary
    one, CONVERT_TO_BINARY decodes a base64 one (None: it is not base64)."""
    if handling == "CONVERT_TO_TEXT" and binary:
        return base64.b64encode(body)
    if handling == "CONVERT_TO_BINARY":
        try:
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return None
    return body


def _substituted(uri: str, variables: Mapping[str, str]) -> str:
    return re.sub(
        r"\$\{stageVariables\.([A-Za-z0-9_]+)\}", lambda m: variables.get(m.group(1), ""), uri
    )
