"""Doctest collection for published classes.

``pyserverless._core.exports.publish`` gives public classes their public module
(``pyserverless.Cloud``, not ``pyserverless.cloud.Cloud``), as a REPL should show them.
doctest's finder then walks each class from its public module, but skips its methods:
it takes a function to belong to a module only when the function's globals are that
module's, and a method's globals are those of the file that defines it. Accept a
method whose globals are a submodule of the module being searched, so every method's
examples run, each exactly once (from the class's public module).
"""

from __future__ import annotations

import doctest
import inspect
from typing import Any

_from_module = doctest.DocTestFinder._from_module  # type: ignore[attr-defined]


def _published_from_module(self: Any, module: Any, obj: Any) -> bool:
    if module is not None and inspect.isfunction(obj) and "." in obj.__qualname__:
        home = obj.__globals__.get("__name__", "")
        if home.startswith(module.__name__ + ".") and home.startswith("pyserverless"):
            return True
    return bool(_from_module(self, module, obj))


doctest.DocTestFinder._from_module = _published_from_module  # type: ignore[attr-defined]
