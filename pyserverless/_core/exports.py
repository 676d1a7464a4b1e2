"""Make re-exported objects report their public module in a REPL and in pickles."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, MutableMapping
from typing import Any

__all__ = ["publish", "publish_methods"]


def publish(module: str, names: Iterable[str], namespace: MutableMapping[str, Any]) -> None:
    """Set ``__module__`` of each class in ``names`` to ``module``.

    So ``pyserverless.Cloud`` shows as ``pyserverless.Cloud``, not
    ``pyserverless.cloud.Cloud``, and pickles by its public path. Functions keep
    their defining module (their reprs do not show it, and their doctests run in it).
    Classes defined outside pyserverless (botocore's ``ParamValidationError``, which
    pyserverless re-exports) keep theirs: renaming them would change them for everyone.
    """
    for name in names:
        obj = namespace.get(name)
        if isinstance(obj, type) and obj.__module__.partition(".")[0] == "pyserverless":
            with contextlib.suppress(AttributeError, TypeError):  # C types keep theirs
                obj.__module__ = module


def publish_methods(module: str, names: Iterable[str], namespace: MutableMapping[str, Any]) -> None:
    """Set ``__module__`` of the methods (and properties) of the classes in ``names``
    defined in ``module``'s private submodules, so doctest, which finds a method's
    examples by its module, runs them from the public module."""
    for name in names:
        obj = namespace.get(name)
        for member in vars(obj).values() if isinstance(obj, type) else ():
            func = getattr(member, "fget", None) or getattr(member, "__func__", member)
            if callable(func) and getattr(func, "__module__", "").startswith(module + "."):
                with contextlib.suppress(AttributeError, TypeError):
                    func.__module__ = module
