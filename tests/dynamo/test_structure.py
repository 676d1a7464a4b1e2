"""How the DynamoDB package is put together: no module imports the engine back."""

from __future__ import annotations

import ast
from pathlib import Path

import pyserverless.dynamo

PACKAGE = Path(pyserverless.dynamo.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """The relative modules a file imports (``from ._x import y`` gives ``_x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module)
            else:
                names.update(alias.name for alias in node.names)
    return names


class TestImports:
    def test_only_the_front_doors_import_the_engine(self) -> None:
        """Only the package and its client and resource layers import _engine."""
        importers = {
            path.name for path in PACKAGE.rglob("*.py") if "_engine" in imported_modules(path)
        }
        assert importers <= {"__init__.py", "_client.py", "_resource.py"}, importers

    def test_the_finder_sees_imports(self, tmp_path: Path) -> None:
        """The walk above would see an import of the engine (so the test can fail)."""
        sample = tmp_path / "sample.py"
        sample.write_text("from ._engine import DynamoDB\nfrom . import _engine\n")
        assert imported_modules(sample) == {"_engine"}
