"""The Lambda client's remaining operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from .._core.client import ServiceClient

__all__ = ["ExtraClientOps"]


class ExtraClientOps(ServiceClient):
    """Code signing, provisioned concurrency, recursion and runtime management configs."""
