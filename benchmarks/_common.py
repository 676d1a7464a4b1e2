"""Shared helpers for benchmarks: timing and recording results in docs/benchmarks.md.

Every benchmark runs the same workload against pyserverless and a peer in one run and
reports the ratio. Run them all with ``python -m benchmarks``; one with
``python -m benchmarks.bench_types``.
"""

from __future__ import annotations

import os
import platform
import re
import time
from collections.abc import Callable
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def per_second(fn: Callable[[], object], *, min_time: float = 0.5, repeat: int = 3) -> float:
    """Best-of-``repeat`` calls per second of ``fn``, each run lasting ``min_time``."""
    best = 0.0
    for _ in range(repeat):
        n = 0
        start = time.perf_counter()
        deadline = start + min_time
        while True:
            fn()
            n += 1
            now = time.perf_counter()
            if now >= deadline:
                break
        best = max(best, n / (now - start))
    return best


def seconds_per_call(fn: Callable[[], object], *, min_time: float = 0.5, repeat: int = 3) -> float:
    return 1.0 / per_second(fn, min_time=min_time, repeat=repeat)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.machine()} ({cpu}), {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def record(section: str, markdown: str) -> None:
    """Replace the ``section`` of docs/benchmarks.md (between its markers) with ``markdown``."""
    begin, end = f"<!-- bench:{section} -->", f"<!-- /bench:{section} -->"
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    block = f"{begin}\n{markdown.strip()}\n\n_Machine: {machine()}._\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    DOC.write_text(text)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
