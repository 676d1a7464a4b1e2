"""AWS's query protocol (STS, IAM): form-encoded ``Action=...`` in, XML out.

A request is a query service's when it has no ``X-Amz-Target`` and its form (the
``application/x-www-form-urlencoded`` body of a POST, or a GET's query string) names
an ``Action``. The service is the SigV4 credential scope's (``.../iam/aws4_request``),
else the Host's first label (``iam.amazonaws.com``), else the first query service
whose model has the Action. The form is read through the operation's input shape:
structures as ``Name.Member``, lists as ``Name.member.N`` (``Name.N`` when
flattened; a bare ``Name=`` is the empty list), maps as ``Name.entry.N.key`` /
``.value``. The response is written from botocore's output shape as AWS writes it
(``<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>``; list items as
``<member>``; IAM's policy documents URL-encoded JSON, which botocore decodes), and
errors as ``<ErrorResponse><Error><Type>Sender</Type><Code>...``.

The caller's access key (the credential scope's, or the in-process bridge's client
credentials, carried by :func:`carry_access_key`) reaches STS and IAM, so
GetCallerIdentity answers for an IAM user's key or an assumed role's session.

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
import json
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote
from xml.sax.saxutils import escape

from .._core.errors import AWSError
from .._core.text import digits
from . import _messages as msg
from ._protocols import QueryService

if TYPE_CHECKING:
    from ._wire import Dispatcher, WireRequest, WireResponse

__all__ = ["CloudSecrets", "Query", "carry_access_key"]

_log = logging.getLogger("pyserverless.adapters")
_FORM = "application/x-www-form-urlencoded"
#: The query protocol's names for the signature errors (STS's).
_QUERY_CODES = {
    "UnrecognizedClientException": "InvalidClientTokenId",
    "InvalidSignatureException": "SignatureDoesNotMatch",
}
#: The access key and the service of a SigV4 credential scope.
_SCOPE = re.compile(r"Credential=([A-Za-z0-9]+)/\d{8}/[^/]*/([a-z0-9-]+)/aws4_request")
#: The header the in-process bridge carries its client's access key in (never on the network).
_KEY_HEADER = "x-pyserverless-access-key"
_MISSING: Any = object()


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
        scope = _SCOPE.search(request.headers.get("authorization", ""))
        svc = self._service(request, action, scope.group(2) if scope else None)
        if svc is None:
            return None
        region = self._wire.region_of(request)
        if svc.service == "iam":  # global: whatever Region signed (us-east-1), the Cloud's IAM
            region = self._wire.cloud.region
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
        params = _read(op.input_shape, "", form) if op.input_shape is not None else {}
        if params is _MISSING:
            params = {}
        client = _as_caller(client, request, scope)
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

    def _service(
        self, request: WireRequest, action: str, scoped: str | None
    ) -> QueryService | None:
        from ._wire import service_model

        host = request.headers.get("host", "").split(".", 1)[0].lower()
        for name in (scoped, host):
            svc = next((s for s in self._services if s.service == name), None)
            if svc is not None and action in service_model(svc.service).operation_names:
                return svc
        return next(
            (s for s in self._services if action in service_model(s.service).operation_names),
            None,
        )

    def _answer(self, status: int, body: bytes, request_id: str) -> WireResponse:
        from ._wire import WireResponse

        headers = self._wire._base_headers(request_id, "text/xml", body)
        return WireResponse(status, headers, body)

    def _error(self, svc: QueryService, status: int, code: str, message: str) -> WireResponse:
        request_id = self._wire.uuid_request_id()
        fault = "Sender" if status < 500 else "Receiver"
        body = (
            f'<ErrorResponse xmlns="{svc.xmlns}">\n  <Error>\n    <Type>{fault}</Type>\n'
            f"    <Code>{escape(code)}</Code>\n    <Message>{escape(message)}</Message>\n"
            f"  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n"
        ).encode()
        return self._answer(status, body, request_id)


def _as_caller(client: Any, request: WireRequest, scope: re.Match[str] | None) -> Any:
    """The client acting for the request's access key (the bridge's header, trusted only
    in-process, else the SigV4 scope's), for clients that tell callers apart (STS, IAM)."""
    key = request.headers.get(_KEY_HEADER) if request.trusted else None
    if key is None and scope is not None:
        key = scope.group(1)
    as_caller = getattr(client, "as_caller", None)
    return as_caller(key) if key is not None and as_caller is not None else client


class CloudSecrets(Mapping[str, str]):
    """The secrets a verifying door checks signatures with: the server's own keys, then
    the Cloud's (IAM users' active access keys and live STS sessions).

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> iam = cloud.client("iam")
    >>> _ = iam.create_user(UserName="ci")
    >>> key = iam.create_access_key(UserName="ci")["AccessKey"]
    >>> secrets = CloudSecrets(cloud, {"testing": "testing"})
    >>> secrets.get("testing"), secrets.get(key["AccessKeyId"]) == key["SecretAccessKey"]
    ('testing', True)
    >>> secrets.get("AKIAUNKNOWN") is None
    True
    """

    def __init__(self, cloud: Any, static: Mapping[str, str]) -> None:
        self._cloud = cloud
        self._static = static

    def __getitem__(self, key: str) -> str:
        found = self._static.get(key)
        if found is None:
            found = self._cloud.engine("sts").secret_for(key)
        if found is None:
            raise KeyError(key)
        return str(found)

    def expired(self, key: str) -> bool:
        """Whether ``key`` names an STS session whose credentials have expired (AWS
        answers that with an expired-token error, not an unknown-key one)."""
        if key in self._static:
            return False
        sts = self._cloud.engine("sts")
        return key in sts.state.sessions and sts.credentials_for(key) is None

    def __iter__(self) -> Iterator[str]:
        return iter(self._static)

    def __len__(self) -> int:
        return len(self._static)


def carry_access_key(client: Any) -> None:
    """Make a botocore client of a query service tell the bridge its access key.

    The in-process bridge does not sign, so the key a client was made with would not
    reach STS; this puts it in a header of the client's own requests (``before-sign``,
    which botocore runs even for unsigned requests). Only trusted (in-process) requests
    are read for it.
    """

    def carry(request: Any, request_signer: Any = None, **_: Any) -> None:
        credentials = getattr(request_signer, "_credentials", None)
        key = getattr(credentials, "access_key", None) if credentials is not None else None
        if key:
            request.headers[_KEY_HEADER] = key

    service_id = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register(f"before-sign.{service_id}", carry, unique_id="pyserverless-key")


def _read(shape: Any, name: str, form: dict[str, str]) -> Any:
    """The value of ``shape`` at form key ``name`` (``_MISSING`` when the form has none)."""
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for member, sub in shape.members.items():
            key = sub.serialization.get("name", member)
            value = _read(sub, f"{name}.{key}" if name else key, form)
            if value is not _MISSING:
                out[member] = value
        return out if out or not name or name in form else _MISSING
    if kind == "list":
        if name in form and form[name] == "":
            return []
        flat = shape.serialization.get("flattened")
        base = name if flat else f"{name}.{shape.member.serialization.get('name', 'member')}"
        return _items(base, form, lambda at: _read(shape.member, at, form))
    if kind == "map":
        flat = shape.serialization.get("flattened")
        base = name if flat else f"{name}.entry"
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        pairs = _items(
            base,
            form,
            lambda at: (
                (
                    _read(shape.key, f"{at}.{key_name}", form),
                    _read(shape.value, f"{at}.{value_name}", form),
                )
                if f"{at}.{key_name}" in form
                else _MISSING
            ),
        )
        if pairs is _MISSING:
            return _MISSING
        found = {k: v for k, v in pairs if v is not _MISSING}  # a key without a value: none
        return found or _MISSING
    if name not in form:
        return _MISSING
    return _scalar_in(shape, form[name])


def _items(base: str, form: dict[str, str], read: Any) -> Any:
    items: list[Any] = []
    while (value := read(f"{base}.{len(items) + 1}")) is not _MISSING:
        items.append(value)
    return items or _MISSING


def _scalar_in(shape: Any, text: str) -> Any:
    kind = shape.type_name
    if kind in ("integer", "long"):
        return int(text) if digits(text.lstrip("-")) else text
    if kind == "boolean":
        return text == "true"
    if kind in ("float", "double"):
        try:
            return float(text)
        except ValueError:
            return text
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
    if kind == "map":
        inner = "".join(
            f"{indent}  <entry>\n{_element('key', shape.key, k, indent + '    ')}"
            f"{_element('value', shape.value, v, indent + '    ')}{indent}  </entry>\n"
            for k, v in value.items()
        )
        return f"{indent}<{tag}>\n{inner}{indent}</{tag}>\n"
    if shape.name == "policyDocumentType" and isinstance(value, dict):
        # IAM sends policy documents URL-encoded; botocore unquotes and parses them.
        value = quote(json.dumps(value), safe="")
    return f"{indent}<{tag}>{escape(_text(kind, value))}</{tag}>\n"


def _text(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp" and isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    if kind == "blob" and isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
