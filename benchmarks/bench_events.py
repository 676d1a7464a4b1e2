"""EventBridge: event-pattern matching speed, and schedules firing on the clock.

* a typical rule pattern (source, detail-type, a numeric range, anything-but) against a
  matching and a non-matching event: matches per CPU second, against moto's matcher
  (``moto.events.models.EventPattern``) on the same events; target: at least 100,000/s;
* compiling a pattern (cached by text, and uncached);
* schedules: an hourly rule advanced a year of days on a ManualClock, with no target
  (the timer alone) and with a trivial inline Lambda target (each firing an async
  invocation run on the scheduler): firings per CPU second.

Run: ``python -m benchmarks bench_events``.
"""

from __future__ import annotations

import functools
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock
from pyserverless.events import _patterns, compile_pattern

PATTERN = json.dumps(
    {
        "source": ["shop"],
        "detail-type": ["OrderPlaced", "OrderUpdated"],
        "detail": {
            "total": [{"numeric": [">", 100, "<=", 10000]}],
            "country": [{"anything-but": ["FR", "DE"]}],
        },
    }
)
MATCHING: dict[str, Any] = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "OrderPlaced",
    "source": "shop",
    "account": "123456789012",
    "time": "2024-06-01T00:00:00Z",
    "region": "us-east-1",
    "resources": [],
    "detail": {"total": 250, "country": "IT", "items": [{"sku": "a"}, {"sku": "b"}]},
}
MISSING = {**MATCHING, "detail": {**MATCHING["detail"], "country": "FR"}}


def _cpu_rate(fn: Callable[[], object], n: int, blocks: int = 7) -> float:
    """Median calls per CPU second over ``blocks`` blocks of ``n`` calls."""
    rates = []
    for _ in range(blocks):
        start = time.process_time()
        for _ in range(n):
            fn()
        rates.append(n / max(time.process_time() - start, 1e-9))
    return statistics.median(rates)


def _matching() -> list[list[str]]:
    ours = compile_pattern(PATTERN)
    assert ours.matches(MATCHING)
    assert not ours.matches(MISSING)
    rows = []
    theirs: Any = None
    try:
        from moto.events.models import EventPattern
    except ImportError:  # pragma: no cover - moto is a dev dependency
        pass
    else:
        theirs = EventPattern.load(PATTERN)
    for label, event in (("matching event", MATCHING), ("non-matching event", MISSING)):
        rate = _cpu_rate(functools.partial(ours.matches, event), 20_000)
        peer = _cpu_rate(functools.partial(theirs.matches_event, event), 5_000) if theirs else 0.0
        speedup = f"{rate / peer:.1f}x" if peer else "-"
        rows.append([label, f"{rate:,.0f}", f"{peer:,.0f}" if peer else "-", speedup])
    return rows


def _compiling() -> list[list[str]]:
    cached = _cpu_rate(lambda: compile_pattern(PATTERN), 20_000)
    uncached = _cpu_rate(lambda: _patterns.compile_pattern.__wrapped__(PATTERN), 2_000)
    return [
        ["compile_pattern (cached by text)", f"{cached:,.0f}"],
        ["compile_pattern (a new text)", f"{uncached:,.0f}"],
    ]


def _firing(with_target: bool, days: int = 365) -> float:
    """Firings per CPU second of an hourly rule over ``days`` days."""
    cloud = Cloud(clock=ManualClock(1_717_200_000))
    counter = [0]

    def handler(event: Any, context: Any) -> None:
        counter[0] += 1

    if with_target:
        fn = cloud.lambda_.create_function("tick", handler=handler)
        cloud.events.schedule("hourly", "cron(0 * * * ? *)", fn)
    else:
        cloud.events.rule("hourly", schedule="cron(0 * * * ? *)")
    start = time.process_time()
    for _ in range(days):
        cloud.advance(86_400)
    spent = time.process_time() - start
    firings = cloud.events.get_rule("hourly").firings
    assert firings == 24 * days
    assert counter[0] == (24 * days if with_target else 0)
    return firings / spent


def main() -> None:
    matching = _matching()
    compiling = _compiling()
    bare = statistics.median(_firing(False, 60) for _ in range(3))
    invoked = statistics.median(_firing(True, 30) for _ in range(3))
    text = (
        "## EventBridge (issue 19; `python -m benchmarks bench_events`)\n\n"
        "A typical rule pattern (source, two detail-types, a numeric range and an "
        "anything-but list) against an order event; matches per CPU second (median of 7 "
        "blocks), beside moto's matcher on the same events:\n\n"
        + table(["event", "pyserverless /s", "moto /s", "speed-up"], matching)
        + "\n\nCompiling a pattern (the engine compiles a rule's pattern once; the cache "
        "serves Lambda filters that repeat a text):\n\n"
        + table(["", "per CPU second"], compiling)
        + "\n\nAn hourly `cron(0 * * * ? *)` rule on a ManualClock advanced a day at a time: "
        "firings per CPU second (median of 3 runs), the timer alone and with an inline "
        "Lambda target (each firing builds the Scheduled Event and makes one asynchronous "
        "invocation, run on the scheduler):\n\n"
        + table(
            ["rule", "firings per CPU second"],
            [["no target", f"{bare:,.0f}"], ["one Lambda target", f"{invoked:,.0f}"]],
        )
        + "\n\nWith a target, the cost is Lambda's: an hour apart, each invocation finds its "
        "execution environment reaped (as AWS reaps idle ones) and starts cold (a worker "
        "thread and a temporary folder). The no-target row is EventBridge's own part: the "
        "timer and the Scheduled Event; handing it over adds one JSON encoding and one "
        "scheduler task."
    )
    print(text)
    record("events", text)


if __name__ == "__main__":
    main()
