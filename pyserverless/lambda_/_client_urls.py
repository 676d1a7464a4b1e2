"""The Lambda client's function URL operations (a base class of ``LambdaClient``)."""

from __future__ import annotations

from .._core.client import ServiceClient

__all__ = ["UrlClientOps"]


class UrlClientOps(ServiceClient):
    """Create/Get/Update/Delete/ListFunctionUrlConfigs."""
