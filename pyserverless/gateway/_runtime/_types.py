"""Values the runtime's parts pass each other: the request, the matched route, the
authorizer's outcome and a gateway error (an answer API Gateway gives itself).

The pipeline (``_runtime._engine.ExecuteApi.invoke``), in AWS's order:
route → API key (``_throttle``) → throttles and quota (``_throttle``) → authorizer
(``_auth``) → usage-plan key from the authorizer (``_throttle``) → integration → response.
Any step may end the request with a ``GatewayError``, rendered through the stage's
gateway responses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._deployed import RouteSpec

__all__ = ["AuthOutcome", "GatewayError", "GatewayRequest", "GatewayResponse", "Matched"]


@attrs.frozen
class GatewayRequest:
    """One HTTP request to a stage, before routing."""

    method: str
    #: The path below the stage (``/items/42``), percent-encoded as received.
    path: str
    #: The raw query string, without ``?``.
    query: str = ""
    #: Headers in arrival order, names as sent (case kept; lookups are case-insensitive).
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    source_ip: str = "127.0.0.1"
    #: ``HTTP/1.1``.
    protocol: str = "HTTP/1.1"
    #: The host the request named (for ``domainName``), if any.
    host: str | None = None
    #: Through a custom domain name: the base path it came by (``""`` for ``(none)``);
    #: None through the execute-api endpoint.
    base_path: str | None = None

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None


@attrs.frozen
class Matched:
    """A route chosen for a request, with its path parameters (URL-decoded)."""

    route: RouteSpec
    path_parameters: Mapping[str, str]


@attrs.frozen
class GatewayError:
    """An answer API Gateway gives itself (no integration ran, or it failed).

    ``response_type`` is the GatewayResponse type that customises it
    (``MISSING_AUTHENTICATION_TOKEN``, ``UNAUTHORIZED``, ``ACCESS_DENIED``,
    ``THROTTLED``, ``QUOTA_EXCEEDED``, ``INVALID_API_KEY``, ``AUTHORIZER_CONFIGURATION_ERROR``,
    ``INTEGRATION_TIMEOUT``, ``REQUEST_TOO_LARGE``, ``DEFAULT_5XX``, ...).
    """

    status: int
    response_type: str
    #: The body AWS sends by default, e.g. ``{"message": "Forbidden"}``.
    body: Mapping[str, Any]
    headers: Mapping[str, str] = attrs.field(factory=dict)
    #: Request validation's details (``$context.error.validationErrorString``).
    detail: str | None = None


@attrs.frozen
class AuthOutcome:
    """What an authorizer decided; ``error`` set means the request ends there."""

    error: GatewayError | None = None
    #: What the integration sees at ``requestContext.authorizer`` (REST: principalId and
    #: context values, or ``claims``; HTTP: ``{"jwt": {...}}`` or ``{"lambda": {...}}``).
    context: Mapping[str, Any] = attrs.field(factory=dict)
    principal_id: str | None = None
    #: A Lambda authorizer's ``usageIdentifierKey`` (API key source AUTHORIZER).
    usage_identifier_key: str | None = None
    #: Fields of ``requestContext.identity`` the authorizer fills (REST ``AWS_IAM``:
    #: ``accessKey``, ``accountId``, ``caller``, ``user``, ``userArn``).
    identity: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class GatewayResponse:
    """What the caller receives."""

    status: int
    #: Headers in order; a name may repeat (``set-cookie``).
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body decoded from JSON.

        >>> GatewayResponse(200, (), b'{"ok": true}').json()
        {'ok': True}
        """
        import json

        return json.loads(self.body)
