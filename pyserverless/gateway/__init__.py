"""API Gateway: REST APIs (``apigateway``) and HTTP APIs (``apigatewayv2``) in front of
Lambda, with routing, authorizers, throttling, API keys and usage plans.

``cloud.gateway`` is the resource layer (:class:`GatewayResource`, making
:class:`HttpApi` and :class:`RestApi` objects); ``cloud.client("apigateway")`` and
``cloud.client("apigatewayv2")`` are boto3's clients; the ``execute-api`` engine
(:class:`ExecuteApi`) serves requests on deployed stages (``cloud.gateway.invoke(...)``,
``cloud.gateway.wsgi_app(...)`` and ``pyserverless serve``). See docs/gateway.md.
"""

from __future__ import annotations

from .._core.exports import publish, publish_methods
from ._errors import *  # noqa: F403
from ._errors import __all__ as _error_names
from ._limits import ExecuteApiLimits as ExecuteApiLimits
from ._resource import GatewayResource as GatewayResource
from ._resource import HttpApi as HttpApi
from ._resource import RestApi as RestApi
from ._resource import StageDescription as StageDescription
from ._runtime._backends import BackendRequest as BackendRequest
from ._runtime._cache import CacheStats as CacheStats
from ._runtime._engine import ExecuteApi as ExecuteApi
from ._runtime._types import GatewayRequest as GatewayRequest
from ._runtime._types import GatewayResponse as GatewayResponse
from ._ws._errors import ConnectionClosed as ConnectionClosed
from ._ws._errors import ConnectionRefused as ConnectionRefused
from ._ws._errors import ForbiddenException as ForbiddenException
from ._ws._errors import GoneException as GoneException
from ._ws._errors import PayloadTooLargeException as PayloadTooLargeException
from ._ws._resource import WebSocketApi as WebSocketApi
from ._ws._resource import WebSocketConnection as WebSocketConnection

__all__ = sorted(
    [
        "BackendRequest",
        "CacheStats",
        "ConnectionClosed",
        "ConnectionRefused",
        "ExecuteApi",
        "ExecuteApiLimits",
        "ForbiddenException",
        "GatewayRequest",
        "GatewayResource",
        "GatewayResponse",
        "GoneException",
        "HttpApi",
        "PayloadTooLargeException",
        "RestApi",
        "StageDescription",
        "WebSocketApi",
        "WebSocketConnection",
        *_error_names,
    ]
)

publish(__name__, __all__, globals())

publish_methods(__name__, __all__, globals())
