"""CloudFront Functions at the viewer events: the event CloudFront builds, and what the
function's answer does to the request (or the response).

Viewer request runs before the cache; a returned response short-circuits
(``FunctionGeneratedResponse from cloudfront``). Viewer response runs on the answer when
its status is below 400. A failed run is CloudFront's 503 (``FunctionExecutionError``), an
over-long one 503 too (``FunctionThrottledError``).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote

from ._kvs import store_views

if TYPE_CHECKING:
    from ._engine import CloudFront
    from ._model import DistributionRecord

__all__ = ["event_for", "request_from", "response_from", "run"]


def _entries(pairs: Iterable[tuple[str, str]], *, lower: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in pairs:
        key = name.lower() if lower else name
        found = out.get(key)
        if found is None:
            out[key] = {"value": value}
        else:
            found.setdefault("multiValue", [{"value": found["value"]}]).append({"value": value})
    return out


def _values(entry: Mapping[str, Any]) -> list[str]:
    multi = entry.get("multiValue")
    if isinstance(multi, list) and multi:
        return [str(m.get("value", "")) for m in multi if isinstance(m, Mapping)]
    return [str(entry.get("value", ""))]


def _title(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def event_for(
    engine: CloudFront,
    record: DistributionRecord,
    kind: str,
    request_id: str,
    method: str,
    uri: str,
    query: str,
    headers: Iterable[tuple[str, str]],
    viewer_ip: str,
) -> dict[str, Any]:
    """The event of a viewer-request (or, with ``response`` added, viewer-response) run."""
    pairs = list(headers)
    cookies: list[tuple[str, str]] = []
    rest = []
    for name, value in pairs:
        if name.lower() == "cookie":
            for part in value.split(";"):
                key, sep, val = part.strip().partition("=")
                if sep and key:
                    cookies.append((key, val))
        else:
            rest.append((name, value))
    return {
        "version": "1.0",
        "context": {
            "distributionDomainName": record.domain,
            "distributionId": record.id,
            "eventType": kind,
            "requestId": request_id,
        },
        "viewer": {"ip": viewer_ip},
        "request": {
            "method": method,
            "uri": uri,
            "querystring": _entries(parse_qsl(query, keep_blank_values=True), lower=False),
            "headers": _entries(rest, lower=True),
            "cookies": _entries(cookies, lower=False),
        },
    }


def run(engine: CloudFront, name: str, event: dict[str, Any]) -> Any:
    """Run the LIVE stage of function ``name`` on ``event``: a ``FunctionRun``."""
    live = engine.functions[name]["LIVE"]
    return live.compiled.run(
        event,
        kvs=store_views(engine, live.kvs),
        time_limit_ms=engine.limits.function_time_limit_ms,
        now_ms=engine.cloud.clock.time() * 1000,
    )


def request_from(output: Mapping[str, Any]) -> tuple[str, str, list[tuple[str, str]]]:
    """(uri, raw query, headers) of a returned request (``method`` is read-only)."""
    uri = str(output.get("uri") or "/")
    parts = []
    for key, entry in (output.get("querystring") or {}).items():
        if isinstance(entry, Mapping):
            parts += [f"{quote(key, safe='')}={quote(v, safe='')}" for v in _values(entry)]
    headers: list[tuple[str, str]] = []
    for key, entry in (output.get("headers") or {}).items():
        if isinstance(entry, Mapping):
            headers += [(_title(key), v) for v in _values(entry)]
    jar = [
        f"{key}={v}"
        for key, entry in (output.get("cookies") or {}).items()
        if isinstance(entry, Mapping)
        for v in _values(entry)
    ]
    if jar:
        headers.append(("Cookie", "; ".join(jar)))
    return uri, "&".join(parts), headers


def response_from(output: Mapping[str, Any]) -> tuple[int, list[tuple[str, str]], bytes | None]:
    """(status, headers, body or None to keep) of a returned response."""
    status = int(output.get("statusCode") or 200)
    headers: list[tuple[str, str]] = []
    for key, entry in (output.get("headers") or {}).items():
        if isinstance(entry, Mapping):
            headers += [(_title(key), v) for v in _values(entry)]
    for key, entry in (output.get("cookies") or {}).items():
        if isinstance(entry, Mapping):
            attributes = entry.get("attributes")
            suffix = f"; {attributes}" if attributes else ""
            headers.append(("Set-Cookie", f"{key}={entry.get('value', '')}{suffix}"))
    body = output.get("body")
    data: bytes | None = None
    if isinstance(body, str):
        data = body.encode()
    elif isinstance(body, Mapping):
        text = str(body.get("data", ""))
        data = base64.b64decode(text) if body.get("encoding") == "base64" else text.encode()
    return status, headers, data


def response_event(
    event: dict[str, Any], status: int, headers: Iterable[tuple[str, str]]
) -> dict[str, Any]:
    """``event`` with the ``response`` a viewer-response function sees."""
    pairs = [(k, v) for k, v in headers if k.lower() != "set-cookie"]
    cookies: dict[str, Any] = {}
    for key, value in headers:
        if key.lower() == "set-cookie":
            first, _, attributes = value.partition(";")
            name, _, val = first.partition("=")
            cookies[name.strip()] = {"value": val, "attributes": attributes.strip()}
    event = dict(event)
    event["context"] = {**event["context"], "eventType": "viewer-response"}
    event["response"] = {
        "statusCode": status,
        "statusDescription": "",
        "headers": _entries(pairs, lower=True),
        "cookies": cookies,
    }
    return event
