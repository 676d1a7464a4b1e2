"""Lambda invocation: inline warm, process warm, process cold, and boto3 via the bridge.

Each path invokes the same trivial handler, in the same run as a direct Python call of
that handler (the floor: what a test suite would pay without Lambda at all). moto needs
Docker to run a handler at all, so it has no row here.
Run: ``python -m benchmarks bench_lambda``. Targets: inline warm >= 20,000 invokes/s,
process warm >= 2,000/s, process cold <= 100 ms.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks._common import per_second, record, table

EVENT = b'{"n": 1}'


def handler(event: Any, context: Any) -> Any:
    return event


def _spread(fn: Any, min_time: float, runs: int = 5) -> tuple[float, float, float]:
    """(median, lowest, highest) calls per second over ``runs`` separate timings."""
    rates = sorted(per_second(fn, min_time=min_time / 2, repeat=1) for _ in range(runs))
    return statistics.median(rates), rates[0], rates[-1]


def _cold_ms(engine: Any, runs: int = 20) -> float:
    """Median milliseconds of a first invocation (fork, init, run) in process mode."""
    samples = []
    for i in range(runs):
        name = f"cold{i}"
        engine.create_function(name, handler=handler, isolation="process")
        began = time.perf_counter()
        engine.invoke(name, EVENT)
        samples.append((time.perf_counter() - began) * 1000)
        engine.delete_function(name)
    return statistics.median(samples)


def run(min_time: float = 0.5) -> dict[str, float]:
    """Invocations per second for each path (and the cold start in ms)."""
    import boto3
    from botocore.config import Config

    from pyserverless import Cloud, ManualClock, mock_aws

    cloud = Cloud(clock=ManualClock(), seed=0)
    engine = cloud.engine("lambda")
    inline = cloud.lambda_.create_function("inline", handler=handler)
    engine.create_function("process", handler=handler, isolation="process")
    client = cloud.client("lambda")
    results: dict[str, float] = {}
    results["direct"] = per_second(lambda: handler({"n": 1}, None), min_time=min_time)
    inline.invoke({"n": 1})
    for key, call in (
        ("inline warm", lambda: engine.invoke("inline", EVENT)),
        ("inline warm, Function.invoke", lambda: inline.invoke({"n": 1})),
        ("inline warm, client", lambda: client.invoke(FunctionName="inline", Payload=EVENT)),
    ):
        results[key], results[key + " low"], results[key + " high"] = _spread(call, min_time)
    engine.invoke("process", EVENT)
    results["process warm"] = per_second(lambda: engine.invoke("process", EVENT), min_time=min_time)
    results["process cold ms"] = _cold_ms(engine)
    with mock_aws(cloud):
        boto = boto3.client(
            "lambda", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1})
        )
        boto.invoke(FunctionName="inline", Payload=EVENT)
        results["boto3 bridge"] = per_second(
            lambda: boto.invoke(FunctionName="inline", Payload=EVENT)["Payload"].read(),
            min_time=min_time,
        )
    cloud.lambda_.close()
    return results


def main() -> None:
    r = run()
    direct = r["direct"]

    def row(path: str, key: str, target: str = "", floor: float | None = None) -> list[str]:
        rate = r[key]
        verdict = "" if floor is None else (" met" if rate >= floor else " NOT met")
        low, high = r.get(key + " low"), r.get(key + " high")
        return [
            path,
            f"{rate:,.0f}",
            f"{1e6 / rate:,.1f} µs",
            f"{direct / rate:,.0f}x",
            target + verdict,
            "" if low is None or high is None else f"{low:,.0f} to {high:,.0f}/s",
        ]

    cold = r["process cold ms"]
    rows = [
        row("direct Python call", "direct"),
        row(
            'inline, warm: `cloud.engine("lambda").invoke(name, payload)`',
            "inline warm",
            ">= 20,000/s",
            2e4,
        ),
        row(
            "inline, warm: `function.invoke(event)`",
            "inline warm, Function.invoke",
            ">= 20,000/s",
            2e4,
        ),
        row("inline, warm: `client.invoke(...)`", "inline warm, client"),
        row("process, warm", "process warm", ">= 2,000/s", 2e3),
        [
            "process, cold (median of 20)",
            f"{1000 / cold:,.0f}",
            f"{cold * 1000:,.0f} µs",
            f"{direct / (1000 / cold):,.0f}x",
            f"<= 100 ms{' met' if cold <= 100 else ' NOT met'}",
            "",
        ],
        row("boto3 via the bridge (inline)", "boto3 bridge"),
    ]
    markdown = (
        "## Lambda (`python -m benchmarks bench_lambda`)\n\n"
        "Invoking a trivial handler (`return event`) synchronously, invokes per second (the "
        "median of 5 timings for the inline rows, the spread being the lowest and highest "
        "of them); the slowdown is against a direct Python call of the same function.\n\n"
        + table(["path", "invokes/s", "per invoke", "vs direct", "target", "spread"], rows)
        + "\n\nA warm inline call runs the handler on the caller's own thread: no thread "
        "handoff, no thread created, no CPU affinity changed; a watchdog thread stops a "
        "handler that overruns its timeout (an asynchronous exception). The first, cold "
        "call runs on the environment's worker thread, which also imports the handler. "
        "The machine is shared with other work; the spread column shows how much timings "
        "moved in this run."
    )
    print(markdown)
    record("lambda", markdown)


if __name__ == "__main__":
    main()
