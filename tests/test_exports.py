"""Each public module's __all__ is sorted, names exactly its public objects, and those
objects report the public module (``pyserverless.dynamo.Table``, not ``..._resource.Table``)."""

from __future__ import annotations

import importlib
import pkgutil
import types
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

import pyserverless

_NOT_REEXPORTING = {"pyserverless.pytest_plugin", "pyserverless.strategies"}


def _public_modules() -> list[str]:
    names = ["pyserverless"]
    for info in pkgutil.walk_packages(pyserverless.__path__, "pyserverless."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        if info.name in _NOT_REEXPORTING:
            continue
        names.append(info.name)
    return names


def _unexported(name: str, namespace: Mapping[str, Any], exported: Iterable[str]) -> set[str]:
    """Public names defined in module ``name`` or its private submodules, missing from __all__.

    A class re-exported from ``name._engine`` but left out of ``__all__`` keeps its private
    ``__module__`` (``publish`` only renames what ``__all__`` lists), so it is caught here by
    where it was defined; names imported from elsewhere (the core, other services) are not.
    """
    own = (name, f"{name}._")
    return {
        attr
        for attr, value in namespace.items()
        if not attr.startswith("_")
        and not isinstance(value, types.ModuleType)
        and isinstance(getattr(value, "__module__", None), str)
        and (value.__module__ == name or value.__module__.startswith(own[1]))
    } - set(exported)


@pytest.mark.parametrize("name", _public_modules())
def test_all_matches_public_names(name: str) -> None:
    """__all__ is sorted, names only what exists, and misses no public name."""
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert list(exported) == sorted(exported), f"{name}.__all__ is not sorted"
    missing = _unexported(name, vars(module), exported)
    assert not missing, f"{name} has public names not in __all__: {sorted(missing)}"
    for attr in exported:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"


@pytest.mark.parametrize("name", _public_modules())
def test_public_classes_report_their_public_module(name: str) -> None:
    """Every class in __all__ shows its public module in a REPL and in pickles."""
    module = importlib.import_module(name)
    wrong = {
        attr: value.__module__
        for attr in module.__all__
        if isinstance(value := getattr(module, attr), type)
        and value.__module__.startswith("pyserverless")
        and value.__module__ != name
        # a class another public module already published (pyserverless.Cloud in a service)
        and "._" in value.__module__
    }
    assert not wrong, f"{name} publishes classes reporting private modules: {wrong}"


class TestTheCheckItself:
    def test_a_reexport_missing_from_all_is_caught(self) -> None:
        """A class from a private submodule, absent from __all__, is reported."""
        cls = type("Hidden", (), {"__module__": "pyserverless.svc._engine"})
        assert _unexported("pyserverless.svc", {"Hidden": cls}, []) == {"Hidden"}
        assert _unexported("pyserverless.svc", {"Hidden": cls}, ["Hidden"]) == set()

    def test_incidental_imports_are_not_public_names(self) -> None:
        """Names imported from the core or another service are not this module's to export."""
        core = type("Helper", (), {"__module__": "pyserverless._core.exports"})
        other = type("Table", (), {"__module__": "pyserverless.dynamo._resource"})
        assert _unexported("pyserverless.svc", {"Helper": core, "Table": other}, []) == set()


def test_reexported_foreign_classes_keep_their_module() -> None:
    """Publishing botocore's ParamValidationError must not rename botocore's class."""
    botocore = pytest.importorskip("botocore.exceptions")
    assert pyserverless.ParamValidationError is botocore.ParamValidationError
    assert botocore.ParamValidationError.__module__ == "botocore.exceptions"
