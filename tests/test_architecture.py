"""The package's import graph keeps its layers: services meet only through public APIs.

* A service package never imports another service's private module (``_x``): services
  call each other through public engine APIs, as AWS services do.
* The core (``pyserverless._core``) never imports a service: services plug into it
  through the service table, by import path.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pyserverless._core.services import SERVICES

PACKAGE = Path(__file__).resolve().parents[1] / "pyserverless"
SERVICE_PACKAGES = sorted({spec.engine.split(":")[0].split(".")[1] for spec in SERVICES})


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(module: str, package: str, source: str) -> list[tuple[int, str]]:
    """Every module ``source`` imports, resolved to an absolute dotted name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            found.append((node.lineno, base))
            # ``from . import _private`` names modules in the names list.
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return found


def _service_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "pyserverless" and parts[1] in SERVICE_PACKAGES:
        return parts[1]
    return None


def _private_part(module: str) -> str | None:
    """The first private segment after the service package, if any."""
    parts = module.split(".")
    return next((p for p in parts[2:] if p.startswith("_")), None)


def _violations(module: str, source: str, *, is_package: bool = False) -> list[str]:
    """One line per import statement that breaks a layer rule."""
    package = module if is_package else module.rpartition(".")[0]
    own = _service_of(module)
    in_core = module.startswith("pyserverless._core")
    problems: dict[int, str] = {}
    for line, target in _imports(module, package, source):
        other = _service_of(target)
        if other is None or line in problems:
            continue
        where = f"{module}:{line} imports {target}"
        if in_core:
            problems[line] = f"{where} (the core imports no service)"
        elif own is not None and other != own and _private_part(target):
            problems[line] = f"{where} (another service's private module)"
    return list(problems.values())


def test_service_packages_are_found() -> None:
    """The walk knows the services from the service table (so the test cannot pass vacuously)."""
    assert {"dynamo", "lambda_", "cognito"} <= set(SERVICE_PACKAGES)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.name))
def test_layers_hold(path: Path) -> None:
    """No service reaches into another's private modules; the core imports no service."""
    source = path.read_text()
    assert _violations(_module_name(path), source, is_package=path.name == "__init__.py") == []


class TestTheWalk:
    def test_catches_a_private_import_of_another_service(self) -> None:
        """Another service's ``_x`` is caught, relative or absolute; public imports pass."""
        source = (
            "from ..lambda_._inline import Watchdog\n"
            "import pyserverless.dynamo._engine\n"
            "from ..lambda_ import Function\n"
            "from . import _pool\n"
        )
        found = _violations("pyserverless.cognito._triggers", source)
        assert len(found) == 2
        assert all("another service's private module" in f for f in found)

    def test_catches_the_core_importing_a_service(self) -> None:
        """The core may not import a service, public or private."""
        found = _violations("pyserverless._core.client", "from ..dynamo import Table\n")
        assert found == [
            "pyserverless._core.client:1 imports pyserverless.dynamo (the core imports no service)"
        ]

    def test_from_package_import_private_module(self) -> None:
        """``from ..lambda_ import _inline`` names a private module too."""
        found = _violations("pyserverless.cognito._x", "from ..lambda_ import _inline\n")
        assert len(found) == 1
