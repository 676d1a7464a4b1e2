"""AWS service integrations: the integration's request to another service of the Cloud.

API Gateway calls the service's endpoint with the integration's role; here the request
goes through the Cloud's wire (the same code both doors use), so the service answers
exactly as it answers boto3: ``action/{Action}`` for the JSON-protocol services (the
body is the rendered request template, as the service's JSON API takes it) and
``path/{bucket}/{key}`` for S3 (the integration's HTTP method on the object).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ._backends import AwsTarget
from ._types import GatewayResponse

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["SERVICE_FORMS", "call_service", "supported"]

#: Services and URI forms an AWS integration may name (Lambda is handled apart).
SERVICE_FORMS = frozenset({("s3", "path"), ("lambda", "path")})
_CREDENTIAL = (
    "AWS4-HMAC-SHA256 Credential=APIGATEWAY/20200101/{}/{}/aws4_request,"
    " SignedHeaders=host, Signature=0"
)


def _json_protocol(service: str) -> tuple[str, str] | None:
    """``(target prefix, JSON version)`` of a JSON-protocol service the Cloud serves."""
    from ...adapters._wire import service_model

    try:
        model = service_model(service)
    except Exception:  # botocore knows no such service
        return None
    meta = model.metadata
    if meta.get("protocol") != "json" or "targetPrefix" not in meta:
        return None
    return str(meta["targetPrefix"]), str(meta.get("jsonVersion", "1.0"))


def supported(target: AwsTarget, services: frozenset[str]) -> bool:
    """Whether an AWS integration URI names something the Cloud can answer."""
    if (target.service, target.form) in SERVICE_FORMS:
        return target.service in services
    return (
        target.form == "action"
        and target.service in services
        and bool(_json_protocol(target.service))
    )


def _dispatcher(cloud: Cloud) -> Any:
    found = vars(cloud).get("_gateway_aws_dispatcher")
    if found is None:
        from ...adapters._wire import Dispatcher

        found = vars(cloud)["_gateway_aws_dispatcher"] = Dispatcher(cloud)
    return found


def call_service(
    cloud: Cloud,
    target: AwsTarget,
    method: str,
    body: bytes,
    mapped: list[tuple[str, str]],
    query: list[tuple[str, str]],
) -> GatewayResponse:
    """The service's answer to the integration's request (``mapped`` headers and ``query``
    from the integration's request parameters; the service's own headers win)."""
    from ...adapters._wire import WireRequest

    auth = _CREDENTIAL.format(target.region, target.service)
    extra = {name.lower(): value for name, value in mapped}
    raw_query = urlencode(query)
    if target.form == "action":
        protocol = _json_protocol(target.service)
        if protocol is None:
            return GatewayResponse(500, (), b'{"message": "Internal server error"}')
        prefix, version = protocol
        headers = {
            **extra,
            "x-amz-target": f"{prefix}.{target.rest}",
            "content-type": f"application/x-amz-json-{version}",
            "authorization": auth,
        }
        request = WireRequest(
            "POST", "/", headers, body, query=raw_query, trusted=True, region=target.region
        )
    else:
        headers = {**extra, "authorization": auth, "host": "s3.amazonaws.com"}
        path = "/" + target.rest.lstrip("/")
        request = WireRequest(
            method, path, headers, body, query=raw_query, trusted=True, region=target.region
        )
    answer = _dispatcher(cloud).handle(request)
    body = bytes(answer.body) if answer.stream is None else b"".join(answer.stream)
    return GatewayResponse(answer.status, tuple(answer.headers.items()), body)
