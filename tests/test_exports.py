"""Each public module's __all__ is sorted and names exactly its public objects."""

from __future__ import annotations

import importlib
import pkgutil
import types

import pytest

import pyserverless


def _public_modules() -> list[str]:
    names = ["pyserverless"]
    for info in pkgutil.walk_packages(pyserverless.__path__, "pyserverless."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        if info.name in {"pyserverless.pytest_plugin", "pyserverless.strategies"}:
            continue
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", _public_modules())
def test_all_matches_public_names(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert list(exported) == sorted(exported), f"{name}.__all__ is not sorted"
    public = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", None) == name
    }
    missing = public - set(exported) - {"annotations"}
    assert not missing, f"{name} has public names not in __all__: {sorted(missing)}"
    for attr in exported:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"
