"""The gateway's optional libraries, imported when first needed.

Request validation needs ``jsonschema`` (Draft 4, as API Gateway's models are written)
and mapping templates need ``airspeed`` (a Velocity engine). Both come with the
``gateway`` extra: ``pip install 'pyserverless[gateway]'``. A template without ``$`` or
``#`` is plain text and needs neither.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["airspeed", "jsonschema"]


@functools.cache
def jsonschema() -> Any:
    """The ``jsonschema`` module (``ImportError`` naming the extra when it is missing)."""
    try:
        import jsonschema as found  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "API Gateway models and request validation need jsonschema: "
            "pip install 'pyserverless[gateway]'"
        ) from exc
    return found


@functools.cache
def airspeed() -> Any:
    """The ``airspeed`` module (``ImportError`` naming the extra when it is missing)."""
    try:
        import airspeed as found  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "API Gateway mapping templates (VTL) need airspeed: pip install 'pyserverless[gateway]'"
        ) from exc
    return found
