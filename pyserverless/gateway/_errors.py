"""API Gateway's error codes, one class each, named exactly after the AWS code.

Shared by the gateway's control planes: ``apigateway`` (REST APIs) and ``apigatewayv2``
(HTTP APIs) answer with the same codes; each client's ``exceptions`` lists these. Every
class is reachable as ``cloud.client("apigateway").exceptions.<Code>``.
"""

from __future__ import annotations

from typing import ClassVar

from .._core.errors import AWSError

__all__ = [
    "AccessDeniedException",
    "ApiGatewayError",
    "BadRequestException",
    "ConflictException",
    "LimitExceededException",
    "NotFoundException",
    "ServiceUnavailableException",
    "TooManyRequestsException",
    "UnauthorizedException",
    "ValidationException",
]


class ApiGatewayError(AWSError):
    """Base of every API Gateway error (REST and HTTP APIs)."""

    service: ClassVar[str] = "apigateway"


class BadRequestException(ApiGatewayError):
    """The request is malformed or asks for something API Gateway refuses."""


class NotFoundException(ApiGatewayError):
    """The API, resource, method, stage, key or plan named does not exist."""

    status_code = 404


class ConflictException(ApiGatewayError):
    """The resource already exists, or the change conflicts with another."""

    status_code = 409


class LimitExceededException(ApiGatewayError):
    """A quota was reached (resources, stages, authorizers, keys, plans)."""

    status_code = 429


class TooManyRequestsException(ApiGatewayError):
    """The control plane's request rate was exceeded."""

    status_code = 429


class ValidationException(ApiGatewayError):
    """A member's value is outside its model's constraints (an enum, for one)."""

    status_code = 400


class UnauthorizedException(ApiGatewayError):
    """The caller is not authenticated."""

    status_code = 401


class AccessDeniedException(ApiGatewayError):
    """The caller may not perform the operation."""

    status_code = 403


class ServiceUnavailableException(ApiGatewayError):
    """The service could not answer now."""

    sender_fault = False
    status_code = 503
