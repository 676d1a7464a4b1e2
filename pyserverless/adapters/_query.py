"""AWS's query protocol (STS): form-encoded ``Action=...`` in, XML out.

A request is a query service's when it has no ``X-Amz-Target`` and its form (the
``application/x-www-form-urlencoded`` body of a POST, or a GET's query string) names
an ``Action`` that one of the query services' models has. Top-level scalar members
are read from the form; the response is written from botocore's output shape as
AWS writes it (``<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>``),
and errors as ``<ErrorResponse><Error><Type>Sender</Type><Code>...``.

>>> from pyserverless import Cloud
>>> from pyserverless.adapters import Dispatcher, WireRequest
>>> form = {"content-type": "application/x-www-form-urlencoded"}
>>> body = b"Action=GetCallerIdentity&Version=2011-06-15"
>>> answer = Dispatcher(Cloud.manual()).handle(WireRequest("POST", "/", form, body, trusted=True))
>>> print(answer.body.decode())  # doctest: +ELLIPSIS
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <UserId>123456789012</UserId>
    <Account>123456789012</Account>
    <Arn>arn:aws:iam::123456789012:root</Arn>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>...</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
"""

from __future__ import annotations

import base64
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from .._core.errors import AWSError
from . import _messages as msg
from ._protocols import QueryService

if TYPE_CHECKING:
    from ._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["Query"]

_log = logging.getLogger("pyserverless.adapters")
_FORM = "application/x-www-form-urlencoded"
#: The query protocol's names for the signature errors (STS's).
_QUERY_CODES = {
    "UnrecognizedClientException": "InvalidClientTokenId",
    "InvalidSignatureException": "SignatureDoesNotMatch",
}


class Query:
    """The query-protocol part of a :class:`~pyserverless.adapters._wire.Dispatcher`."""

    def __init__(self, wire: Dispatcher, services: tuple[QueryService, ...]) -> None:
        self._wire = wire
        self._services = services

    def _form(self, request: WireRequest) -> dict[str, str] | None:
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if ctype != _FORM:
                return None
            text = request.body.decode("utf-8", "replace")
        elif request.method == "GET" and request.query:
            text = request.query
        else:
            return None
        form = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
        return form if "Action" in form else None

    def handle(self, request: WireRequest) -> WireResponse | None:
        """The answer, or None when the request is not a query service's."""
        form = self._form(request)
        if form is None:
            return None
        from ._wire import _needs_auth, service_model

        action = form["Action"]
        svc = next(
            (s for s in self._services if action in service_model(s.service).operation_names),
            None,
        )
        if svc is None:
            return None
        region = self._wire.region_of(request)
        if region not in self._wire.cloud.regions:
            return self._error(svc, 400, "InvalidClientTokenId", msg.UNKNOWN_REGION.format(region))
        if _needs_auth(svc.service, action) and not request.trusted:
            problem = self._wire.auth_check(request)
            if problem is not None:  # the query protocol's own codes
                code = _QUERY_CODES.get(problem[0], problem[0].removesuffix("Exception"))
                return self._error(svc, 403, code, problem[1])
        client = self._wire.client(svc.service, region)
        if action not in client.operations:
            why = msg.UNSUPPORTED_OPERATION.format(service=svc.service, operation=action)
            return self._error(svc, 400, "InvalidAction", why)
        op = service_model(svc.service).operation_model(action)
        members = op.input_shape.members if op.input_shape is not None else {}
        params = {k: _scalar_in(members[k], v) for k, v in form.items() if k in members}
        try:
            result = client.dispatch(action, params)
        except AWSError as err:
            return self._error(svc, err.status, err.code, err.message)
        result.pop("ResponseMetadata", None)
        request_id = self._wire.uuid_request_id()
        inner = _write(op.output_shape, result, "    ") if op.output_shape is not None else ""
        body = (
            f'<{action}Response xmlns="{svc.xmlns}">\n'
            f"  <{action}Result>\n{inner}  </{action}Result>\n"
            f"  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n"
            f"  </ResponseMetadata>\n</{action}Response>\n"
        ).encode()
        return self._answer(200, body, request_id)

    def _answer(self, status: int, body: bytes, request_id: str) -> WireResponse:
        from ._wire import WireResponse

        headers = self._wire._base_headers(request_id, "text/xml", body)
        return WireResponse(status, headers, body)

    def _error(self, svc: QueryService, status: int, code: str, message: str) -> WireResponse:
        request_id = self._wire.uuid_request_id()
        body = (
            f'<ErrorResponse xmlns="{svc.xmlns}">\n  <Error>\n    <Type>Sender</Type>\n'
            f"    <Code>{escape(code)}</Code>\n    <Message>{escape(message)}</Message>\n"
            f"  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n"
        ).encode()
        return self._answer(status, body, request_id)


def _scalar_in(shape: Any, text: str) -> Any:
    kind = shape.type_name
    if kind in ("integer", "long"):
        return int(text) if text.lstrip("-").isdigit() else text
    if kind == "boolean":
        return text == "true"
    return text


def _write(shape: Any, value: Any, indent: str) -> str:
    """The members of structure ``value`` as query-protocol XML lines."""
    out = []
    for name, member in shape.members.items():
        item = value.get(name)
        if item is None:
            continue
        tag = member.serialization.get("name", name)
        out.append(_element(tag, member, item, indent))
    return "".join(out)


def _element(tag: str, shape: Any, value: Any, indent: str) -> str:
    kind = shape.type_name
    if kind == "structure":
        return f"{indent}<{tag}>\n{_write(shape, value, indent + '  ')}{indent}</{tag}>\n"
    if kind == "list":
        inner = "".join(_element("member", shape.member, v, indent + "  ") for v in value)
        return f"{indent}<{tag}>\n{inner}{indent}</{tag}>\n"
    return f"{indent}<{tag}>{escape(_text(kind, value))}</{tag}>\n"


def _text(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp" and isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    if kind == "blob" and isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
