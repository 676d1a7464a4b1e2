"""The errors of the ``@connections`` management API (``apigatewaymanagementapi``) and of
a WebSocket connection refused or closed in Python."""

from __future__ import annotations

from typing import ClassVar

from ..._core.errors import AWSError, PyServerlessError

__all__ = [
    "ConnectionClosed",
    "ConnectionRefused",
    "ForbiddenException",
    "GoneException",
    "LimitExceededException",
    "ManagementApiError",
    "PayloadTooLargeException",
]


class ManagementApiError(AWSError):
    """Base of the ``apigatewaymanagementapi`` errors."""

    service: ClassVar[str] = "apigatewaymanagementapi"


class GoneException(ManagementApiError):
    """The connection is closed (or never existed): HTTP 410."""

    status_code = 410


class ForbiddenException(ManagementApiError):
    """The caller may not use this connection: HTTP 403."""

    status_code = 403


class LimitExceededException(ManagementApiError):
    """Too many requests: HTTP 429."""

    status_code = 429


class PayloadTooLargeException(ManagementApiError):
    """Data above 128 KB: HTTP 413."""

    status_code = 413


class ConnectionRefused(PyServerlessError):
    """The WebSocket handshake was refused: ``status`` is the HTTP status the client saw
    (403 no such stage or denied, 401 unauthorized, 429 too many new connections, 500/502
    the authorizer or ``$connect`` integration failed, or what ``$connect`` returned)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"WebSocket handshake refused with HTTP {status}: {message}")
        self.status = status


class ConnectionClosed(PyServerlessError):
    """A message sent on a closed connection."""
