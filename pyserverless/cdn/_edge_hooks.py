"""Where Lambda@Edge runs in the edge pipeline: viewer request and response around the
cache, origin request and response around the origin (on a cache miss only).

A generated response from a viewer-request function is the answer
(``LambdaGeneratedResponse from cloudfront``); from an origin-request function it stands
for the origin's answer (cached by the usual rules; the origin-response function does not
run on it). An origin-request function may send the request to another origin by
changing ``request.origin``. Failures answer CloudFront's 502/503 pages and are never
cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from . import _lambda_edge as le
from ._origin_updates import OriginChoice
from ._origins import OriginReply, OriginRequest, fetch
from ._pipeline import EdgeResponse, ViewerRequest, error_response
from ._plan import items

if TYPE_CHECKING:
    from ._engine import CloudFront
    from ._model import DistributionRecord
    from ._pipeline import Behavior

__all__ = ["origin_fetch", "viewer_request", "viewer_response"]

_KB = 1024


def _failure_page(failure: le.Failure, request_id: str) -> EdgeResponse:
    return error_response(failure.status, failure.why, request_id)


def viewer_request(
    engine: CloudFront,
    record: DistributionRecord,
    assoc: le.EdgeLambda,
    req: ViewerRequest,
    path: str,
    request_id: str,
) -> ViewerRequest | tuple[EdgeResponse, str]:
    """Run the viewer-request function: the request it returns, or the answer."""
    limits = engine.limits
    headers = [*req.headers]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", record.domain))
    fields = le.request_fields(req.method, path, req.query, headers, req.viewer_ip)
    body = le.request_body(req.body, assoc.include_body, limits.edge_viewer_body_bytes)
    if body is not None:
        fields["body"] = body
    output = le.run(engine, assoc, le.request_event(record, "viewer-request", request_id, fields))
    if isinstance(output, le.Failure):
        return _failure_page(output, request_id), output.result
    if "status" in output:
        made = le.generated("viewer-request", output, limits.edge_viewer_response_bytes)
        if isinstance(made, le.Failure):
            return _failure_page(made, request_id), made.result
        status, answer, data = made
        answer.append(("X-Cache", "LambdaGeneratedResponse from cloudfront"))
        return EdgeResponse(status, answer, data), "LambdaGeneratedResponse"
    changed = _request_from(output, "viewer-request", fields, req.body, limits, viewer=True)
    if isinstance(changed, le.Failure):
        return _failure_page(changed, request_id), changed.result
    uri, query, new_headers, data = changed
    new_headers = [(k, v) for k, v in new_headers if k.lower() != "host" or (k, v) in req.headers]
    return attrs.evolve(req, path=uri, query=query, headers=tuple(new_headers), body=data)


def _request_from(
    output: dict[str, Any],
    kind: str,
    fields: dict[str, Any],
    body: bytes,
    limits: Any,
    *,
    viewer: bool,
) -> tuple[str, str, list[tuple[str, str]], bytes] | le.Failure:
    uri = output.get("uri", fields["uri"])
    query = output.get("querystring", fields["querystring"])
    if not isinstance(uri, str) or not uri.startswith("/"):
        return le.invalid("The Lambda function result failed validation: The URI is not valid.")
    if not isinstance(query, str):
        return le.invalid(
            "The Lambda function result failed validation: The query string is not valid."
        )
    if output.get("method", fields["method"]) != fields["method"]:
        return le.invalid(
            "The Lambda function result failed validation: The function tried to change the "
            "HTTP method."
        )  # [?] the text
    before = [(e["key"], e["value"]) for es in fields["headers"].values() for e in es]
    headers = le.headers_from(kind, output.get("headers", fields["headers"]), before)
    if isinstance(headers, le.Failure):
        return headers
    text_limit = limits.edge_viewer_body_bytes if viewer else limits.edge_origin_body_bytes
    base64_limit = text_limit * 4 // 3 + 4
    data = le.body_from(output.get("body"), text_limit, base64_limit)
    if isinstance(data, le.Failure):
        return data
    return uri, query, headers, body if data is None else data


def viewer_response(
    engine: CloudFront,
    record: DistributionRecord,
    assoc: le.EdgeLambda,
    req: ViewerRequest,
    path: str,
    request_id: str,
    out: EdgeResponse,
) -> EdgeResponse:
    """Run the viewer-response function on the answer (its status is fixed)."""
    cache = out.header("x-cache") or ""
    kept = [(k, v) for k, v in out.headers if k.lower() != "x-cache"]
    fields = le.request_fields(req.method, path, req.query, req.headers, req.viewer_ip)
    event = le.request_event(record, "viewer-response", request_id, fields)
    event["Records"][0]["cf"]["response"] = le.response_fields(out.status, kept)
    output = le.run(engine, assoc, event)
    if isinstance(output, le.Failure):
        return _failure_page(output, request_id)
    changed = _response_from("viewer-response", output, out.status, kept, engine.limits)
    if isinstance(changed, le.Failure):
        return _failure_page(changed, request_id)
    status, headers, data = changed
    headers.append(("X-Cache", cache))
    return EdgeResponse(status, headers, out.body if data is None else data)


def _response_from(
    kind: str,
    output: dict[str, Any],
    status: int,
    headers: list[tuple[str, str]],
    limits: Any,
) -> tuple[int, list[tuple[str, str]], bytes | None] | le.Failure:
    new_status = le.response_status(kind, output, status)
    if isinstance(new_status, le.Failure):
        return new_status
    new_headers = le.headers_from(kind, output.get("headers", le._headers(headers)), headers)
    if isinstance(new_headers, le.Failure):
        return new_headers
    viewer = kind.startswith("viewer-")
    limit = limits.edge_viewer_response_bytes if viewer else limits.edge_origin_body_bytes
    raw = output.get("body")
    if raw is None:
        return new_status, new_headers, None
    body = {"data": raw, "encoding": output.get("bodyEncoding", "text")}
    data = le.body_from(body, limit, limit * 4 // 3 + 4)
    if isinstance(data, le.Failure):
        return data
    return new_status, new_headers, data


# -- the origin events ----------------------------------------------------------------------
def _origin_fields(origin: dict[str, Any]) -> dict[str, Any]:
    """``request.origin`` as an origin-request event shows it."""
    custom = {
        h["HeaderName"].lower(): [{"key": h["HeaderName"], "value": h["HeaderValue"]}]
        for h in items(origin.get("CustomHeaders"))
    }
    path = origin.get("OriginPath") or ""
    if "S3OriginConfig" in origin or ".s3." in origin["DomainName"] + ".":
        auth = "origin-access-identity" if origin.get("OriginAccessControlId") else "none"
        region = "us-east-1"
        parts = origin["DomainName"].split(".")
        if len(parts) > 4 and parts[-4].startswith("s3") and parts[-3] != "s3":
            region = parts[-3]
        return {
            "s3": {
                "authMethod": auth,
                "customHeaders": custom,
                "domainName": origin["DomainName"],
                "path": path,
                "region": region,
            }
        }
    config = origin.get("CustomOriginConfig") or {}
    protocol = "http" if config.get("OriginProtocolPolicy") == "http-only" else "https"
    return {
        "custom": {
            "customHeaders": custom,
            "domainName": origin["DomainName"],
            "keepaliveTimeout": config.get("OriginKeepaliveTimeout", 5),
            "path": path,
            "port": config.get("HTTPSPort" if protocol == "https" else "HTTPPort", 443),
            "protocol": protocol,
            "readTimeout": config.get("OriginReadTimeout", 30),
            "sslProtocols": items(config.get("OriginSslProtocols")) or ["TLSv1.2"],
        }
    }


def _origin_config(returned: Any, original: dict[str, Any]) -> dict[str, Any] | None:
    """The origin a function chose (None: unchanged, or not a valid origin object)."""
    if not isinstance(returned, dict) or returned == _origin_fields(original):
        return original
    kind = "s3" if "s3" in returned else "custom" if "custom" in returned else None
    inner = returned.get(kind) if kind else None
    if not isinstance(inner, dict) or not isinstance(inner.get("domainName"), str):
        return None
    headers = [
        {"HeaderName": e.get("key", name), "HeaderValue": e.get("value", "")}
        for name, entries in (inner.get("customHeaders") or {}).items()
        for e in entries
        if isinstance(e, dict)
    ]
    out: dict[str, Any] = {
        "Id": original["Id"],
        "DomainName": inner["domainName"],
        "OriginPath": inner.get("path") or "",
        "CustomHeaders": {"Quantity": len(headers), "Items": headers},
    }
    if kind == "s3":
        out["S3OriginConfig"] = {"OriginAccessIdentity": ""}
        if original.get("OriginAccessControlId"):
            out["OriginAccessControlId"] = original["OriginAccessControlId"]
    else:
        out["CustomOriginConfig"] = {"OriginProtocolPolicy": f"{inner.get('protocol')}-only"}
    return out


def origin_fetch(
    engine: CloudFront,
    record: DistributionRecord,
    behavior: Behavior,
    forward: OriginRequest,
    origin_id: Any,
    request_id: str,
    plain: Any,
) -> OriginReply:
    """The origin's answer, with the origin-request and origin-response functions around it.

    ``plain`` fetches without functions (the pipeline's own origin call, failover included).
    """
    lambdas = behavior.lambdas
    limits = engine.limits
    config = record.config
    origins = {o["Id"]: o for o in items(config.get("Origins"))}
    if isinstance(origin_id, OriginChoice):  # a viewer-request function chose it
        origin = dict(origin_id.primary)
    else:
        target = origin_id or behavior.target
        if target not in origins:  # an origin group: the event shows its primary member
            group = next(g for g in items(config.get("OriginGroups")) if g["Id"] == target)
            target = items(group["Members"])[0]["OriginId"]
        origin = origins[target]
    chosen: dict[str, Any] | None = None
    assoc = lambdas.get("origin-request")
    if assoc is not None:
        headers = [("Host", origin["DomainName"]), *forward.headers]
        headers.append(("Via", f"1.1 {record.domain} (CloudFront)"))
        fields = le.request_fields(
            forward.method, forward.path, forward.query, headers, forward.viewer_ip
        )
        fields["origin"] = _origin_fields(origin)
        body = le.request_body(forward.body, assoc.include_body, limits.edge_origin_body_bytes)
        if body is not None:
            fields["body"] = body
        event = le.request_event(record, "origin-request", request_id, fields)
        output = le.run(engine, assoc, event)
        if isinstance(output, le.Failure):
            return _failed_reply(output, request_id)
        if "status" in output:
            made = le.generated("origin-request", output, limits.edge_origin_body_bytes)
            if isinstance(made, le.Failure):
                return _failed_reply(made, request_id)
            return OriginReply(made[0], tuple(made[1]), made[2])
        changed = _request_from(
            output, "origin-request", fields, forward.body, limits, viewer=False
        )
        if isinstance(changed, le.Failure):
            return _failed_reply(changed, request_id)
        chosen = _origin_config(output.get("origin", fields["origin"]), origin)
        if chosen is None:
            return _failed_reply(
                le.invalid(
                    "The Lambda function result failed validation: The origin is not valid."
                ),
                request_id,
            )  # [?] the text
        uri, query, new_headers, data = changed
        new_headers = [(k, v) for k, v in new_headers if k.lower() not in ("host", "via")]
        forward = attrs.evolve(
            forward, path=uri, query=query, headers=tuple(new_headers), body=data
        )
    if chosen is not None and chosen is not origin:
        reply = fetch(engine.cloud, chosen, engine.oacs, engine.custom_origins, forward)
    else:
        reply = plain(forward)
    answer = lambdas.get("origin-response")
    if answer is None:
        return reply
    fields = le.request_fields(
        forward.method, forward.path, forward.query, forward.headers, forward.viewer_ip
    )
    event = le.request_event(record, "origin-response", request_id, fields)
    event["Records"][0]["cf"]["response"] = le.response_fields(reply.status, reply.headers)
    output = le.run(engine, answer, event)
    if isinstance(output, le.Failure):
        return _failed_reply(output, request_id)
    changed_reply = _response_from(
        "origin-response", output, reply.status, list(reply.headers), limits
    )
    if isinstance(changed_reply, le.Failure):
        return _failed_reply(changed_reply, request_id)
    status, new_reply_headers, body_data = changed_reply
    return OriginReply(
        status, tuple(new_reply_headers), reply.body if body_data is None else body_data
    )


def _failed_reply(failure: le.Failure, request_id: str) -> OriginReply:
    page = _failure_page(failure, request_id)
    headers = tuple((k, v) for k, v in page.headers if k.lower() != "x-cache")
    return OriginReply(page.status, headers, page.body, cacheable=False)
