"""Lambda@Edge: Lambda functions at CloudFront's four trigger points.

A cache behavior's ``LambdaFunctionAssociations`` name numbered versions of functions in
us-east-1 (never ``$LATEST`` or an alias), at most one per event type. CloudFront
invokes them through the Lambda engine's public ``invoke`` with the ``Records[0].cf``
event, and reads back a request (viewer request, origin request) or a response (any
event; from a request event it is a generated response). What the function returns is
validated: read-only and disallowed headers, body sizes and shapes. An invalid result is
CloudFront's 502 (``LambdaValidationError``); a function that fails is a 503
(``LambdaExecutionError``), one that times out or is throttled a 503 too
(``LambdaLimitExceeded``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._core.errors import AWSError
from .._core.text import digits
from ._errors import InvalidLambdaFunctionAssociation
from ._plan import items

if TYPE_CHECKING:
    from ._engine import CloudFront
    from ._model import DistributionRecord

__all__ = [
    "EdgeLambda",
    "Failure",
    "associations",
    "check_associations",
    "request_event",
    "run",
]

EVENTS = ("viewer-request", "origin-request", "origin-response", "viewer-response")
_ARN = re.compile(
    r"^arn:aws:lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):function:"
    r"(?P<name>[A-Za-z0-9_-]+)(?::(?P<qualifier>[^:]+))?$"
)
#: Headers a function may not add or change ([D] edge-functions-restrictions).
_DISALLOWED = frozenset(
    {
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "trailer", "upgrade", "x-accel-buffering", "x-accel-charset",
        "x-accel-limit-rate", "x-accel-redirect", "x-cache", "x-forwarded-proto", "x-real-ip",
    }
)  # fmt: skip
_DISALLOWED_PREFIXES = ("x-amz-cf-", "x-amzn-", "x-edge-")
#: Read-only headers per event ([D] edge-functions-restrictions).
_READ_ONLY = {
    "viewer-request": frozenset({"content-length", "host", "transfer-encoding", "via"}),
    "origin-request": frozenset(
        {
            "accept-encoding", "content-length", "if-modified-since", "if-none-match",
            "if-range", "if-unmodified-since", "transfer-encoding", "via",
        }
    ),
    "origin-response": frozenset({"transfer-encoding", "via"}),
    "viewer-response": frozenset(
        {"content-encoding", "content-length", "transfer-encoding", "warning", "via"}
    ),
}  # fmt: skip


@attrs.frozen
class EdgeLambda:
    """One association: the function, its version, and whether it sees the body."""

    arn: str
    name: str
    version: str
    include_body: bool = False


@attrs.frozen
class Failure:
    """CloudFront's answer to a function that failed: status, result type, reason."""

    status: int
    result: str
    why: str


def associations(behavior: Mapping[str, Any]) -> dict[str, EdgeLambda]:
    """A behavior's Lambda@Edge associations by event type (already checked)."""
    out: dict[str, EdgeLambda] = {}
    for assoc in items(behavior.get("LambdaFunctionAssociations")):
        match = _ARN.match(assoc["LambdaFunctionARN"])
        if match is not None:
            out[assoc["EventType"]] = EdgeLambda(
                assoc["LambdaFunctionARN"],
                match["name"],
                match["qualifier"] or "",
                bool(assoc.get("IncludeBody")),
            )
    return out


def _refuse(why: str) -> InvalidLambdaFunctionAssociation:
    return InvalidLambdaFunctionAssociation(why)


def check_associations(engine: CloudFront, config: Mapping[str, Any]) -> None:
    """CloudFront's checks of every association, through Lambda's public API."""
    behaviors = [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]
    for behavior in behaviors:
        seen: set[str] = set()
        functions = {a["EventType"] for a in items(behavior.get("FunctionAssociations"))}
        for assoc in items(behavior.get("LambdaFunctionAssociations")):
            kind, arn = assoc["EventType"], assoc["LambdaFunctionARN"]
            if kind in seen:
                raise _refuse(f"Duplicate event type: {kind}.")  # [?] the text
            seen.add(kind)
            if kind in functions:  # [?] the text
                raise _refuse(
                    f"You can't associate a CloudFront function and a Lambda@Edge function "
                    f"with the same event type: {kind}."
                )
            if assoc.get("IncludeBody") and kind not in ("viewer-request", "origin-request"):
                raise _refuse(  # [?] the text
                    f"IncludeBody is supported only for viewer-request and origin-request "
                    f"events. ARN: {arn}"
                )
            _check_function(engine, kind, arn)


def _check_function(engine: CloudFront, kind: str, arn: str) -> None:
    match = _ARN.match(arn)
    if match is None:
        raise _refuse(f"The function ARN is not valid. ARN: {arn}")  # [?] the text
    qualifier = match["qualifier"]
    if not qualifier or not digits(qualifier):
        raise _refuse(
            "The function ARN must reference a specific function version. (The ARN must "
            f"end with the version number.) ARN: {arn}"
        )
    if match["region"] != "us-east-1":
        raise _refuse(f"The function must be in region 'us-east-1'. ARN: {arn}")
    lam = engine.cloud.engine("lambda", "us-east-1")
    try:
        config = lam.get_function_configuration(match["name"], qualifier)
    except AWSError:
        raise _refuse(
            f"The function does not exist or you do not have permission to access it. ARN: {arn}"
        ) from None  # [?] the text
    if config.environment:
        raise _refuse(f"The function cannot have environment variables. Function: {arn}")
    if config.layers:
        raise _refuse(f"The function cannot have layers. Function: {arn}")  # [?]
    if config.dead_letter_arn:
        raise _refuse(f"The function cannot have a dead letter queue. Function: {arn}")  # [?]
    viewer = kind.startswith("viewer-")
    limits = engine.limits
    package = limits.edge_viewer_package_bytes if viewer else limits.edge_origin_package_bytes
    if config.code_size > package:
        raise _refuse(  # [?] the text
            f"The function code size must be {package // (1024 * 1024)} MB or less for {kind} "
            f"triggers. Function: {arn}"
        )
    max_memory = limits.edge_viewer_memory_mb if viewer else 10_240
    max_timeout = limits.edge_viewer_timeout_s if viewer else limits.edge_origin_timeout_s
    if config.memory_mb > max_memory:
        raise _refuse(  # [?] the text
            f"The function memory size must be {max_memory} MB or less for {kind} triggers. "
            f"Function: {arn}"
        )
    if config.timeout > max_timeout:
        raise _refuse(  # [?] the text
            f"The function execution time must be {max_timeout} seconds or less for {kind} "
            f"triggers. Function: {arn}"
        )


# -- events -------------------------------------------------------------------------------
def _headers(pairs: Iterable[tuple[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for name, value in pairs:
        out.setdefault(name.lower(), []).append({"key": name, "value": value})
    return out


def request_event(
    record: DistributionRecord,
    kind: str,
    request_id: str,
    request: Mapping[str, Any],
) -> dict[str, Any]:
    """The ``Records[0].cf`` event around ``request`` (and, later, a ``response``)."""
    config = {
        "distributionDomainName": record.domain,
        "distributionId": record.id,
        "eventType": kind,
        "requestId": request_id,
    }
    return {"Records": [{"cf": {"config": config, "request": dict(request)}}]}


def request_body(body: bytes, include: bool, limit: int) -> dict[str, Any] | None:
    """The ``body`` member a request event carries when ``IncludeBody`` is on."""
    if not include:
        return None
    data = body[:limit]
    return {
        "inputTruncated": len(body) > limit,
        "action": "read-only",
        "encoding": "base64",
        "data": base64.b64encode(data).decode(),
    }


def request_fields(
    method: str,
    uri: str,
    query: str,
    headers: Iterable[tuple[str, str]],
    client_ip: str,
) -> dict[str, Any]:
    """A request as the event shows it."""
    return {
        "clientIp": client_ip,
        "headers": _headers(headers),
        "method": method,
        "querystring": query,
        "uri": uri,
    }


def response_fields(status: int, headers: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A response as the event shows it (``status`` is a string)."""
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return {"status": str(status), "statusDescription": phrase, "headers": _headers(headers)}


# -- running and reading back ---------------------------------------------------------------
def run(
    engine: CloudFront, assoc: EdgeLambda, event: Mapping[str, Any]
) -> dict[str, Any] | Failure:
    """Invoke the associated version with ``event``: its JSON object result, or a Failure."""
    lam = engine.cloud.engine("lambda", "us-east-1")
    payload = json.dumps(event).encode()
    try:
        inv = lam.invoke(assoc.name, payload, qualifier=assoc.version, replica="us-east-1")
    except AWSError as exc:
        if exc.code in ("TooManyRequestsException", "ResourceConflictException"):
            return Failure(
                503, "LambdaLimitExceeded", "The Lambda function was throttled."
            )  # [?] the text
        return Failure(
            503,
            "LambdaExecutionError",
            "The Lambda function associated with the CloudFront distribution is invalid or "
            "doesn't have the required permissions.",
        )
    if inv.function_error is not None:
        try:
            kind = json.loads(inv.payload).get("errorType")
        except (ValueError, AttributeError):
            kind = None
        if kind == "Sandbox.Timedout":
            return Failure(503, "LambdaLimitExceeded", "The Lambda function timed out.")
        return Failure(
            503,
            "LambdaExecutionError",
            "The Lambda function associated with the CloudFront distribution returned an error.",
        )  # [?] the page's text
    try:
        output = json.loads(inv.payload)
    except ValueError as exc:
        return invalid(f"The Lambda function returned invalid JSON: {exc}")
    if not isinstance(output, dict):
        return invalid(
            "The Lambda function returned invalid JSON: The JSON output is not an object."
        )
    return output


def invalid(why: str) -> Failure:
    """CloudFront's 502 for a result that fails validation."""
    return Failure(502, "LambdaValidationError", why)


def _failed(why: str) -> Failure:
    return invalid(f"The Lambda function result failed validation: {why}")


def headers_from(
    kind: str, returned: Any, before: Iterable[tuple[str, str]]
) -> list[tuple[str, str]] | Failure:
    """The headers a function returned, checked against the event's rules."""
    if returned is None:
        returned = {}
    if not isinstance(returned, Mapping):
        return _failed("The headers object is not valid.")  # [?]
    pairs: list[tuple[str, str]] = []
    for name, entries in returned.items():
        if not isinstance(entries, list):
            return _failed(f"The header {name} is not an array.")  # [?]
        for entry in entries:
            if not isinstance(entry, Mapping) or not isinstance(entry.get("value"), str):
                return _failed(f"The value of header {name} is not a string.")  # [?]
            key = entry.get("key", name)
            if not isinstance(key, str) or key.lower() != str(name).lower():
                return _failed(
                    f"The header key {key} does not match the header name {name}."
                )  # [?]
            pairs.append((key, entry["value"]))
    old = _grouped(before)
    new = _grouped(pairs)
    for name in _READ_ONLY[kind]:
        if old.get(name) != new.get(name):
            return _failed("The function tried to add, delete, or change a read-only header.")
    for name, values in new.items():
        if old.get(name) != values and (
            name in _DISALLOWED or name.startswith(_DISALLOWED_PREFIXES)
        ):
            return _failed("The function tried to add, delete, or change a disallowed header.")
    return pairs


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        out.setdefault(name.lower(), []).append(value)
    return out


def body_from(body: Any, limit_text: int, limit_base64: int) -> bytes | Failure | None:
    """A body a function set (``None``: unchanged), within the event's size limits."""
    if body is None:
        return None
    if isinstance(body, str):
        data = body.encode()
        return data if len(data) <= limit_text else _body_failed()
    if not isinstance(body, Mapping):
        return _body_failed()
    if body.get("action", "replace") == "read-only":
        return None
    text = body.get("data", "")
    if not isinstance(text, str):
        return _body_failed()
    if body.get("encoding", "text") == "base64":
        if len(text) > limit_base64:
            return _body_failed()
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return _body_failed()
    data = text.encode()
    return data if len(data) <= limit_text else _body_failed()


def _body_failed() -> Failure:
    return _failed("The body is not a string, is not an object, or exceeds the maximum size.")


def generated(
    kind: str, output: Mapping[str, Any], limit: int
) -> tuple[int, list[tuple[str, str]], bytes] | Failure:
    """A response a request-event function generated: (status, headers, body)."""
    status = _status(output.get("status"))
    if status is None:
        return _failed("The status code is not valid.")  # [?]
    headers = headers_from("origin-response", output.get("headers"), ())
    if isinstance(headers, Failure):
        return headers
    raw = output.get("body", "")
    if raw is not None and not isinstance(raw, str):
        return _body_failed()
    text = raw or ""
    if output.get("bodyEncoding", "text") == "base64":
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return _body_failed()
    else:
        data = text.encode()
    if len(data) > limit:
        return _body_failed()
    return status, headers, data


def _status(value: Any) -> int | None:
    try:
        status = int(value)
    except (TypeError, ValueError):
        return None
    return status if 100 <= status <= 599 else None


def response_status(kind: str, output: Mapping[str, Any], current: int) -> int | Failure:
    """The status a response-event function returned (viewer response may not change it)."""
    status = _status(output.get("status", current))
    if status is None:
        return _failed("The status code is not valid.")  # [?]
    if kind == "viewer-response" and status != current:
        return _failed("The function tried to change the status code of a viewer response.")
    return status
