"""Run every benchmark module (``bench_*.py``) in turn: ``python -m benchmarks``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    wanted = set(sys.argv[1:])
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda i: i.name):
        if info.name.startswith("bench_") and (not wanted or info.name in wanted):
            print(f"\n### {info.name}")
            importlib.import_module(f"benchmarks.{info.name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
