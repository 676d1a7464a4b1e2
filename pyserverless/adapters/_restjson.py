"""REST-JSON (Lambda's protocol), decoded and encoded from botocore's HTTP bindings.

A request is matched against the ``requestUri`` templates of the operations the
service's client implements; labels, query string, headers and the payload are
turned into the operation's params exactly as botocore's model binds them, and the
response dict is bound back (``location: header``, ``statusCode``, a blob or
structure ``payload``, or a JSON body of the remaining members).
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

import attrs

from .._core.errors import AWSError
from . import _messages as msg
from ._protocols import RestJsonService
from ._shapes import SerializationProblem, encode_json, parse_json

if TYPE_CHECKING:
    from ._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["RestJson"]

_log = logging.getLogger("pyserverless.adapters")


class _Route:
    __slots__ = ("method", "operation", "query", "regex", "weight")

    def __init__(self, operation: Any) -> None:
        from ._wire import _route_regex

        http = operation.http
        path, _, query = http["requestUri"].partition("?")
        self.operation = operation
        self.method = http["method"].upper()
        self.regex = _route_regex(path)
        # Literal query keys in the template (``?versioning``) must be present.
        self.query = [q.partition("=")[0] for q in query.split("&") if q]
        literal = re.sub(r"\{[^}]+\}", "", path)
        self.weight = (-path.count("+}"), len(literal), len(self.query))


class RestJson:
    """The REST-JSON half of a :class:`~pyserverless.adapters._wire.Dispatcher`."""

    def __init__(self, wire: Dispatcher, services: tuple[RestJsonService, ...]) -> None:
        self._wire = wire
        self._services = services
        self._routes: dict[str, list[_Route]] = {}

    def _service_for(self, path: str) -> RestJsonService | None:
        for svc in self._services:
            if any(path.startswith(prefix) for prefix in svc.path_prefixes):
                return svc
        return None

    def body_limit(self, path: str) -> int | None:
        svc = self._service_for(path)
        return None if svc is None else svc.max_request_bytes

    def _routes_for(self, svc: RestJsonService, client: Any) -> list[_Route]:
        routes = self._routes.get(svc.service)
        if routes is None:
            from ._wire import service_model

            model = service_model(svc.service)
            routes = [
                _Route(model.operation_model(name))
                for name in model.operation_names
                if name in client.operations
            ]
            routes.sort(key=lambda r: r.weight, reverse=True)
            self._routes[svc.service] = routes
        return routes

    def handle(self, request: WireRequest) -> WireResponse | None:
        at = request.path.find("/@connections/")
        if at > 0:  # {stage}/@connections/{id}: the management API of WebSocket APIs
            raw = request.raw_path  # an id holding "/" arrives as %2F
            raw = raw[raw.find("/@connections/") :] if raw is not None else None
            request = attrs.evolve(request, path=request.path[at:], raw_path=raw)
        svc = self._service_for(request.path)
        if svc is None:
            return None
        region = self._wire.region_of(request)
        if region not in self._wire.cloud.regions:
            why = msg.UNKNOWN_REGION.format(region)
            return self._error(403, "InvalidSignatureException", why, True)
        try:
            client = self._wire.client(svc.service, region)
        except ValueError:
            return self._error(404, "UnknownOperationException", "Unknown operation", True)
        query = parse_qs(request.query, keep_blank_values=True) if request.query else {}
        for route in self._routes_for(svc, client):
            if route.method != request.method or any(q not in query for q in route.query):
                continue
            match = route.regex.match(request.path)
            if match is not None:
                return self._call(svc, client, route.operation, request, match.groupdict(), query)
        # A label holding an encoded "/" (API Gateway's tag ARNs): match the path as sent.
        raw = request.raw_path
        if raw is not None and raw != request.path:
            for route in self._routes_for(svc, client):
                if route.method != request.method or any(q not in query for q in route.query):
                    continue
                match = route.regex.match(raw)
                if match is not None:
                    labels = {k: unquote(v) for k, v in match.groupdict().items()}
                    return self._call(svc, client, route.operation, request, labels, query)
        return self._error(404, "UnknownOperationException", "Unknown operation", True)

    # -- one operation -------------------------------------------------------------
    def _call(
        self,
        svc: RestJsonService,
        client: Any,
        operation: Any,
        request: WireRequest,
        labels: Mapping[str, str],
        query: Mapping[str, list[str]],
    ) -> WireResponse:
        if not request.trusted:
            from ._wire import _needs_auth

            if _needs_auth(svc.service, operation.name):
                problem = self._wire.auth_check(request)
                if problem is not None:
                    return self._error(403, problem[0], problem[1], True)
        try:
            params = self._decode(svc.service, operation, request, labels, query)
        except SerializationProblem as err:
            return self._error(400, "SerializationException", err.message, True)
        except (ValueError, RecursionError):  # a JSON payload member that is not JSON
            return self._error(
                400, "SerializationException", "Could not parse the request body", True
            )
        try:
            result = client.dispatch(operation.name, params)
        except AWSError as err:
            own = getattr(err, "wire_body", None)  # a service that spells its body itself
            if own is not None:
                return self._error(err.status, err.code, err.message, err.sender_fault, body=own())
            return self._error(err.status, err.code, err.message, err.sender_fault, err.extra)
        except Exception:
            if self._wire.raise_unexpected:
                raise
            _log.exception("%s.%s failed unexpectedly", svc.service, operation.name)
            return self._error(500, "ServiceException", "Internal server error", False)
        return self._encode(operation, result)

    def _decode(
        self,
        service: str,
        operation: Any,
        request: WireRequest,
        labels: Mapping[str, str],
        query: Mapping[str, list[str]],
    ) -> dict[str, Any]:
        from ._wire import _decoders, label_group

        shape = operation.input_shape
        if shape is None:
            return {}
        params: dict[str, Any] = {}
        payload = shape.serialization.get("payload")
        decoders = _decoders(service)
        if payload is None and request.body:
            try:
                data = parse_json(request.body)
            except (ValueError, RecursionError):
                raise SerializationProblem("Could not parse the request body") from None
            if data is None:  # a JSON null body carries no members
                data = {}
            renames = {  # body members sent under another name (PutIntegration's httpMethod)
                m.serialization["name"]: n
                for n, m in shape.members.items()
                if "location" not in m.serialization and m.serialization.get("name", n) != n
            }
            if renames and type(data) is dict:
                data = {renames.get(k, k): v for k, v in data.items()}
            params.update(decoders.decoder(shape)(data))
        for name, member in shape.members.items():
            where = member.serialization.get("location")
            wire_name = member.serialization.get("name", name)
            if where == "uri" and label_group(wire_name) in labels:
                params[name] = _from_text(labels[label_group(wire_name)], member)
            elif where == "querystring":
                if member.type_name == "list":
                    if wire_name in query:
                        params[name] = [_from_text(v, member.member) for v in query[wire_name]]
                elif member.type_name == "map":
                    params[name] = {k: v[0] for k, v in query.items()}
                elif wire_name in query:
                    params[name] = _from_text(query[wire_name][0], member)
            elif where == "header":
                value = request.headers.get(wire_name.lower())
                if value is not None:
                    params[name] = _from_header(value, member)
            elif where == "headers":
                prefix = wire_name.lower()
                found = {
                    k[len(prefix) :]: v
                    for k, v in request.headers.items()
                    if k.lower().startswith(prefix)
                }
                if found:
                    params[name] = found
            elif name == payload and request.body:
                if member.type_name in ("blob", "string"):
                    raw = request.body
                    params[name] = raw if member.type_name == "blob" else raw.decode()
                else:
                    try:
                        data = parse_json(request.body)
                    except (ValueError, RecursionError):
                        raise SerializationProblem("Could not parse the request body") from None
                    params[name] = decoders.decoder(member)(data)
        return params

    def _encode(self, operation: Any, result: dict[str, Any]) -> WireResponse:
        from ._wire import WireResponse

        meta = result.pop("ResponseMetadata", None)
        request_id = meta.get("RequestId") if isinstance(meta, dict) else None
        status = int(operation.http.get("responseCode", 200))
        headers: dict[str, str] = {}
        shape = operation.output_shape
        body_members: dict[str, Any] = {}
        payload = shape.serialization.get("payload") if shape is not None else None
        members = shape.members if shape is not None else {}
        for name, value in result.items():
            member = members.get(name)
            if member is None or value is None:
                continue
            where = member.serialization.get("location")
            wire_name = member.serialization.get("name", name)
            if where == "header":
                headers[wire_name] = _to_header(value, member)
            elif where == "headers":
                for key, item in value.items():
                    headers[wire_name + key] = str(item)
            elif where == "statusCode":
                status = int(value)
            elif name != payload:
                body_members[wire_name] = _to_wire(member, value)
        ctype = "application/json"
        if payload is not None:
            data: Any = result.get(payload)
            if hasattr(data, "read"):
                data = data.read()
            if data is None:
                body = b""
            elif isinstance(data, bytes | bytearray):
                body, ctype = bytes(data), "application/octet-stream"
            elif isinstance(data, str):
                body, ctype = data.encode(), "text/plain"
            else:
                body = encode_json(data)
        else:
            body = encode_json(body_members)
        if status == 204:  # No Content: an HTTP 204 carries no body
            body = b""
        base = self._wire._base_headers(request_id, ctype, body)
        base.update(headers)
        return WireResponse(status, base, body)

    def _error(
        self,
        status: int,
        code: str,
        message: str,
        sender_fault: bool,
        extra: Mapping[str, Any] | None = None,
        *,
        body: Mapping[str, Any] | None = None,
    ) -> WireResponse:
        from ._wire import WireResponse

        payload: dict[str, Any]
        if body is not None:
            payload = dict(body)
        else:
            payload = {"Type": "User" if sender_fault else "Service", "message": message}
            payload.update(extra or {})
        encoded = encode_json(payload)
        headers = self._wire._base_headers(None, "application/json", encoded)
        headers["x-amzn-ErrorType"] = code
        return WireResponse(status, headers, encoded)


def _renames(shape: Any, seen: set[str] | None = None) -> bool:
    """Whether a body member of ``shape``'s tree has a wire name of its own
    (``apigatewayv2``'s ``apiId`` for ``ApiId``); cached per service and shape."""
    key = (shape.name, id(shape._shape_resolver))  # one resolver per service model
    found = _RENAMES.get(key)
    if found is not None:
        return found
    seen = set() if seen is None else seen
    if shape.name in seen:
        return False
    seen.add(shape.name)
    kind = shape.type_name
    if kind == "structure":
        found = any(
            m.serialization.get("name", n) != n or _renames(m, seen)
            for n, m in shape.members.items()
        )
    elif kind == "list":
        found = _renames(shape.member, seen)
    elif kind == "map":
        found = _renames(shape.value, seen)
    else:
        found = False
    _RENAMES[key] = found
    return found


_RENAMES: dict[tuple[str, int], bool] = {}


def _to_wire(shape: Any, value: Any) -> Any:
    """``value`` with each structure member under its wire name (only where a shape
    renames: other services' answers pass through untouched)."""
    if not _renames(shape):
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        out = {}
        for key, item in value.items():
            member = shape.members.get(key)
            if member is None:
                out[key] = item
            else:
                out[member.serialization.get("name", key)] = _to_wire(member, item)
        return out
    if kind == "list" and isinstance(value, list):
        return [_to_wire(shape.member, item) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {key: _to_wire(shape.value, item) for key, item in value.items()}
    return value


def _from_text(text: str, member: Any) -> Any:
    kind = member.type_name
    if kind in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise SerializationProblem(f"'{text}' can not be converted to an Integer") from None
    if kind in ("double", "float"):
        try:
            return float(text)
        except ValueError:
            raise SerializationProblem(f"'{text}' can not be converted to an Double") from None
    if kind == "boolean":
        return text.lower() == "true"
    if kind == "timestamp":
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    return text


def _from_header(text: str, member: Any) -> Any:
    if member.serialization.get("jsonvalue"):
        return json.loads(base64.b64decode(text))
    if member.type_name == "timestamp":
        return parsedate_to_datetime(text)
    return _from_text(text, member)


def _to_header(value: Any, member: Any) -> str:
    if member.serialization.get("jsonvalue"):
        return base64.b64encode(json.dumps(value).encode()).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return format_datetime(value.astimezone(UTC), usegmt=True)
    return str(value)
