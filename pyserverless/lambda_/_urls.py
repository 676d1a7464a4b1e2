"""Function URLs (engine side): a base class of ``LambdaService``."""

from __future__ import annotations

__all__ = ["UrlOps"]


class UrlOps:
    """Function URL configurations and their invocation."""
