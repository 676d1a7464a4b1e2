"""The ``apigatewayv2`` engine: one Region's HTTP APIs (the control plane)."""

from __future__ import annotations

from .._ws._route_responses import RouteResponseOps
from ._apis import ApiOps
from ._deploy import DeployOps
from ._domains import DomainOps
from ._routes import RouteOps
from ._stages import StageOps

__all__ = ["HttpApis"]


class HttpApis(ApiOps, RouteOps, StageOps, DeployOps, RouteResponseOps, DomainOps):
    """HTTP APIs: Apis, Routes, Integrations, Stages, Deployments, Authorizers, CORS, tags.

    Requests are dicts with boto3's member names; answers are AWS's response shapes.
    ``deployed(api_id, stage)`` is what the ``execute-api`` runtime serves.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> engine = cloud.engine("apigatewayv2")
    >>> fn = "arn:aws:lambda:us-east-1:123456789012:function:hello"
    >>> api = engine.create_api({"Name": "shop", "ProtocolType": "HTTP", "Target": fn})
    >>> stage = engine.deployed(api["ApiId"], "$default")
    >>> stage.kind, [(r.method, r.path) for r in stage.routes]
    ('HTTP', [('', '$default')])
    """
