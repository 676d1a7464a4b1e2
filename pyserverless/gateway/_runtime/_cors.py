"""An HTTP API's CORS configuration, applied as API Gateway applies it.

With CORS configured, API Gateway answers every preflight (``OPTIONS`` with ``Origin``
and ``Access-Control-Request-Method``) itself, 204, whether or not an ``OPTIONS`` route
exists; other responses get the CORS headers, replacing any the integration sent. An
origin the configuration does not allow gets no CORS headers at all.
"""

from __future__ import annotations

from .._deployed import CorsSpec
from ._types import GatewayRequest, GatewayResponse

__all__ = ["cors_headers", "preflight"]


def _allowed_origin(cors: CorsSpec, origin: str | None) -> str | None:
    if origin is None:
        return None
    if "*" in cors.allow_origins:
        return "*"
    lower = origin.lower()
    return origin if any(o.lower() == lower for o in cors.allow_origins) else None


def preflight(cors: CorsSpec, request: GatewayRequest) -> GatewayResponse | None:
    """The answer to a preflight request, or None when ``request`` is not one.

    >>> cors = CorsSpec(allow_origins=("https://a.example",), allow_methods=("GET",))
    >>> asked = (("Origin", "https://a.example"), ("Access-Control-Request-Method", "GET"))
    >>> answer = preflight(cors, GatewayRequest("OPTIONS", "/x", headers=asked))
    >>> answer.status, dict(answer.headers)["access-control-allow-origin"]
    (204, 'https://a.example')
    """
    if request.method != "OPTIONS":
        return None
    origin = request.header("origin")
    if origin is None or request.header("access-control-request-method") is None:
        return None
    allowed = _allowed_origin(cors, origin)
    headers: list[tuple[str, str]] = []
    if allowed is not None:
        headers.append(("access-control-allow-origin", allowed))
        if cors.allow_methods:
            headers.append(("access-control-allow-methods", ",".join(cors.allow_methods)))
        if cors.allow_headers:
            headers.append(("access-control-allow-headers", ",".join(cors.allow_headers)))
        if cors.allow_credentials:
            headers.append(("access-control-allow-credentials", "true"))
        if cors.max_age is not None:
            headers.append(("access-control-max-age", str(cors.max_age)))
    return GatewayResponse(204, tuple(headers), b"")


def cors_headers(cors: CorsSpec, request: GatewayRequest) -> tuple[tuple[str, str], ...]:
    """The CORS headers for an actual (not preflight) request's response."""
    allowed = _allowed_origin(cors, request.header("origin"))
    if allowed is None:
        return ()
    headers = [("access-control-allow-origin", allowed)]
    if cors.expose_headers:
        headers.append(("access-control-expose-headers", ",".join(cors.expose_headers)))
    if cors.allow_credentials:
        headers.append(("access-control-allow-credentials", "true"))
    return tuple(headers)
