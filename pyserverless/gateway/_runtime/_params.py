"""HTTP APIs: HTTP_PROXY integrations with parameter mapping (the runtime).

The request goes to the integration URL (``{name}`` filled from the route's path
parameters) with the caller's method (or the integration's), headers, query string and
body, after the integration's ``RequestParameters``: ``overwrite:``, ``append:`` or
``remove:`` a header or a query string parameter, or ``overwrite:path``. The answer then
meets the ``ResponseParameters`` for its status: header changes and
``overwrite:statuscode``. Values are static text with ``$request.header.x``,
``$request.querystring.x``, ``$request.path``, ``$request.path.x``, ``$request.body.x``
(JSONPath), ``$response.header.x``, ``$response.body.x``, ``$context.x`` and
``$stageVariables.x`` (``${...}`` inside text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from ..._core.text import digits
from .._deployed import IntegrationSpec
from ._backends import BackendRequest
from ._events import RequestInfo, parse_query
from ._types import GatewayError, GatewayResponse
from ._vtl import jsonpath

__all__ = ["http_proxy"]

_VARIABLE = re.compile(
    r"\$\{([^}]+)\}"
    r"|\$((?:request|response|context|stageVariables)\.[A-Za-z0-9._-]+|request\.path|request\.body)"
)
_PATH_VARIABLE = re.compile(r"\{([A-Za-z0-9._-]+)\+?\}")


def _body_path(body: bytes, path: str) -> str | None:
    try:
        found = jsonpath(json.loads(body), "$." + path)
    except ValueError:
        return None
    if found is None:
        return None
    return found if isinstance(found, str) else json.dumps(found)


class _Values:
    """What ``$request.*``, ``$response.*``, ``$context.*`` and ``$stageVariables.*`` name."""

    def __init__(self, info: RequestInfo, response: GatewayResponse | None = None) -> None:
        self.info = info
        self.response = response

    def context(self, name: str) -> str | None:
        info, request = self.info, self.info.request
        flat: dict[str, Any] = {
            "requestId": info.extended_id,
            "apiId": info.stage.api_id,
            "stage": info.stage.stage_name,
            "httpMethod": request.method,
            "path": info.stage_path(),
            "domainName": info.domain,
            "accountId": info.account_id,
            "identity.sourceIp": request.source_ip,
            "identity.userAgent": request.header("user-agent"),
            "requestTimeEpoch": info.epoch_ms,
        }
        if name.startswith("authorizer.") and info.auth is not None:
            value: Any = info.auth.context
            for part in name.removeprefix("authorizer.").split("."):
                value = value.get(part) if isinstance(value, Mapping) else None
            return None if value is None else str(value)
        found = flat.get(name)
        return None if found is None else str(found)

    def one(self, name: str) -> str | None:
        request = self.info.request
        if name == "request.path":
            return request.path
        if name == "request.body":
            return request.body.decode("utf-8", "replace")
        kind, _, rest = name.partition(".")
        if kind == "stageVariables":
            return self.info.stage.stage_variables.get(rest)
        if kind == "context":
            return self.context(rest)
        where, _, item = rest.partition(".")
        if kind == "request":
            if where == "header":
                values = [v for k, v in request.headers if k.lower() == item.lower()]
                return ",".join(values) if values else None
            if where == "querystring":
                found = [v for k, v in parse_query(request.query) if k == item]
                return ",".join(found) if found else None
            if where == "path":
                return self.info.matched.path_parameters.get(item)
            if where == "body":
                return _body_path(request.body, item)
        if kind == "response" and self.response is not None:
            if where == "header":
                return self.response.header(item)
            if where == "body":
                return _body_path(self.response.body, item)
        return None

    def render(self, value: str) -> str:
        """A mapping value with its variables replaced (one that names nothing: empty)."""
        return _VARIABLE.sub(lambda m: self.one(m.group(1) or m.group(2)) or "", value)


def _headers_op(
    headers: list[tuple[str, str]], op: str, name: str, value: str
) -> list[tuple[str, str]]:
    kept = [(n, v) for n, v in headers if n.lower() != name.lower()]
    if op == "remove":
        return kept
    if op == "append":
        old = [v for n, v in headers if n.lower() == name.lower()]
        return [*kept, (name, ",".join([*old, value]))]
    return [*kept, (name, value)]


def http_proxy(
    integration: IntegrationSpec,
    info: RequestInfo,
    send: Callable[[BackendRequest], GatewayResponse | GatewayError],
) -> GatewayResponse | GatewayError:
    """Send the request to an HTTP API's HTTP_PROXY backend, mapped both ways."""
    request, values = info.request, _Values(info)
    headers = [(n, v) for n, v in request.headers if n.lower() != "host"]
    query = list(parse_query(request.query))
    params = info.matched.path_parameters
    uri = values.render(integration.uri or "")
    url = _PATH_VARIABLE.sub(lambda m: quote(params.get(m.group(1), ""), safe="/"), uri)
    for key, raw in integration.request_parameters.items():
        op, _, target = key.partition(":")
        value = values.render(raw)
        if target == "path":
            parts = urlsplit(url)
            url = urlunsplit((parts.scheme, parts.netloc, value or "/", parts.query, ""))
            continue
        kind, _, name = target.partition(".")
        if kind == "header":
            headers = _headers_op(headers, op, name, value)
        elif op == "remove":
            query = [(k, v) for k, v in query if k != name]
        elif op == "overwrite":
            query = [*[(k, v) for k, v in query if k != name], (name, value)]
        else:
            query.append((name, value))
    if query:
        url += ("&" if "?" in url else "?") + urlencode(query)
    verb = integration.http_method or request.method
    method = request.method if verb == "ANY" else verb
    answer = send(BackendRequest(method, url, tuple(headers), request.body))
    if isinstance(answer, GatewayError):
        return answer
    mapping = integration.responses.get(str(answer.status), {}).get("responseParameters")
    if not mapping:
        return answer
    out = _Values(info, answer)
    status, headers = answer.status, list(answer.headers)
    for key, raw in mapping.items():
        op, _, target = key.partition(":")
        value = out.render(raw)
        if target == "statuscode":
            if digits(value) and 100 <= int(value) <= 599:
                status = int(value)
            continue
        headers = _headers_op(headers, op, target.removeprefix("header."), value)
    return GatewayResponse(status, tuple(headers), answer.body)
