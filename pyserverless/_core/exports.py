"""Make re-exported objects report their public module in a REPL and in pickles."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, MutableMapping
from typing import Any

__all__ = ["publish"]


def publish(module: str, names: Iterable[str], namespace: MutableMapping[str, Any]) -> None:
    """Set ``__module__`` of each class or function in ``names`` to ``module``.

    So ``pyserverless.Cloud`` shows as ``pyserverless.Cloud``, not
    ``pyserverless.cloud.Cloud``, and pickles by its public path.
    """
    for name in names:
        obj = namespace.get(name)
        if isinstance(obj, type) or callable(obj):
            with contextlib.suppress(AttributeError, TypeError):  # C types keep theirs
                obj.__module__ = module
