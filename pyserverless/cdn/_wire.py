"""CloudFront's REST-XML wire: ``/2020-05-31/...`` requests, decoded and encoded from
botocore's ``cloudfront`` model, for the bridge (``mock_aws``) and the HTTP endpoint.

The dispatcher hands over a request that S3 did not claim (by Host or signature) when its
path starts with ``/2020-05-31/`` or its SigV4 scope names ``cloudfront``. The operation
is found by method, ``requestUri`` template and literal query selectors (``?WithTags``);
labels, query members, headers (``If-Match``) and the XML payload are bound as the model
says; the answer is the payload structure as XML, header members as headers (``ETag``,
``Location``), and errors as CloudFront's ``<ErrorResponse>``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from .._core.errors import AWSError
from ..adapters._xmlcodec import MalformedXml, read_xml, write_xml

if TYPE_CHECKING:
    from ..adapters._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["PREFIX", "CloudFrontWire", "wants"]

_log = logging.getLogger("pyserverless.adapters")
PREFIX = "/2020-05-31/"
NS = b'xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"'
_S3_NS = b'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'


def wants(request: WireRequest) -> bool:
    """Whether ``request`` is CloudFront's (its path, or its signature's scope)."""
    if request.path.startswith(PREFIX):
        return True
    auth = request.headers.get("authorization", "")
    return "/cloudfront/aws4_request" in auth


@functools.cache
def _routes() -> list[tuple[str, re.Pattern[str], frozenset[str], Any]]:
    from ..adapters._wire import service_model

    model = service_model("cloudfront")
    out = []
    for name in model.operation_names:
        op = model.operation_model(name)
        uri, _, selector = op.http["requestUri"].partition("?")
        parts = re.split(r"(\{[^}]+\})", uri)
        pattern = "".join(
            f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts
        )
        selectors = frozenset(s.partition("=")[0] for s in selector.split("&") if s)
        out.append((op.http["method"], re.compile(pattern), selectors, op))
    out.sort(key=lambda r: -len(r[2]))  # routes with a selector first
    return out


class CloudFrontWire:
    """Answers CloudFront's REST-XML requests with ``cloud.client("cloudfront")``."""

    def __init__(self, wire: Dispatcher) -> None:
        self._wire = wire

    def handle(self, request: WireRequest) -> WireResponse | None:
        """The answer to ``request``, or None when no CloudFront route takes it."""
        query = parse_qs(request.query, keep_blank_values=True)
        for method, regex, selectors, op in _routes():
            if method != request.method:
                continue
            match = regex.fullmatch(request.path)
            if match is None or not selectors <= query.keys():
                continue
            return self._call(op, request, match.groupdict(), query)
        if request.path.startswith(PREFIX):
            return self._error(404, "NoSuchResource", "The specified resource does not exist.")
        return None

    def _call(
        self,
        op: Any,
        request: WireRequest,
        labels: Mapping[str, str],
        query: Mapping[str, list[str]],
    ) -> WireResponse:
        client = self._wire.client("cloudfront", "us-east-1")
        if op.name not in client.operations:
            return self._error(
                501, "NotImplemented", f"pyserverless: {op.name} is not emulated yet."
            )
        try:
            params = _decode(op, request, labels, query)
        except MalformedXml:
            return self._error(
                400, "MalformedXML", "The XML document you provided was not well-formed."
            )
        try:
            result = client.dispatch(op.name, params)
        except AWSError as err:
            return self._error(err.status, err.code, err.message)
        except Exception as err:
            if type(err).__name__ == "ParamValidationError":
                message = str(err).partition(":\n")[2] or str(err)
                return self._error(400, "InvalidArgument", message)
            if self._wire.raise_unexpected:
                raise
            _log.exception("cloudfront.%s failed unexpectedly", op.name)
            return self._error(500, "InternalError", "We encountered an internal error.")
        return self._encode(op, result)

    def _encode(self, op: Any, result: dict[str, Any]) -> WireResponse:
        from ..adapters._wire import WireResponse

        meta = result.pop("ResponseMetadata", {}) or {}
        status = int(op.http.get("responseCode", 200))
        headers = {"x-amz-request-id": str(meta.get("RequestId", ""))}
        shape = op.output_shape
        body = b""
        if shape is not None:
            payload = shape.serialization.get("payload")
            for name, member in shape.members.items():
                ser = member.serialization
                if ser.get("location") == "header" and result.get(name) is not None:
                    headers[ser.get("name", name)] = str(result[name])
            if payload is not None and result.get(payload) is not None:
                member = shape.members[payload]
                if member.type_name == "blob":
                    body = bytes(result[payload])
                else:
                    root = member.serialization.get("name", member.name)
                    body = write_xml(root, member, result[payload]).replace(_S3_NS, NS, 1)
                    headers["Content-Type"] = "text/xml"
        if status == 204:
            body = b""
        headers["Content-Length"] = str(len(body))
        return WireResponse(status, headers, body)

    def _error(self, status: int, code: str, message: str) -> WireResponse:
        from ..adapters._wire import WireResponse

        kind = "Sender" if status < 500 else "Receiver"
        text = (
            f'<?xml version="1.0"?>\n<ErrorResponse xmlns="http://cloudfront.amazonaws.com/'
            f'doc/2020-05-31/"><Error><Type>{kind}</Type><Code>{_esc(code)}</Code>'
            f"<Message>{_esc(message)}</Message></Error><RequestId>"
            f"{self._wire.cloud.ids.uuid()}</RequestId></ErrorResponse>"
        )
        body = text.encode()
        return WireResponse(
            status, {"Content-Type": "text/xml", "Content-Length": str(len(body))}, body
        )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _decode(
    op: Any, request: WireRequest, labels: Mapping[str, str], query: Mapping[str, list[str]]
) -> dict[str, Any]:
    shape = op.input_shape
    if shape is None:
        return {}
    params: dict[str, Any] = {}
    for name, member in shape.members.items():
        ser = member.serialization
        where, wire = ser.get("location"), ser.get("name", name)
        if where == "uri" and wire in labels:
            params[name] = labels[wire]
        elif where == "querystring" and wire in query:
            params[name] = query[wire][0]
        elif where == "header" and wire.lower() in request.headers:
            params[name] = request.headers[wire.lower()]
    payload = shape.serialization.get("payload")
    if payload is None and request.body:  # the whole body is the input structure
        body = read_xml(request.body, shape)
        params.update({k: v for k, v in body.items() if k not in params})
    if payload is not None and request.body:
        member = shape.members[payload]
        if member.type_name == "structure":
            params[payload] = read_xml(request.body, member)
        else:
            params[payload] = request.body
    return params
