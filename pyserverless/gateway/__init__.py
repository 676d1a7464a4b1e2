"""API Gateway: REST APIs (``apigateway``) and HTTP APIs (``apigatewayv2``) in front of
Lambda, with routing, authorizers, throttling, API keys and usage plans.

``cloud.gateway`` is the resource layer; ``cloud.client("apigateway")`` and
``cloud.client("apigatewayv2")`` are boto3's clients; the ``execute-api`` engine serves
requests on deployed stages (``cloud.gateway.invoke(...)``, and ``pyserverless serve``).
"""

from __future__ import annotations

__all__: list[str] = []
