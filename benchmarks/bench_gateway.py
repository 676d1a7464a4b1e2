"""API Gateway: requests per second through an HTTP API to a trivial inline Lambda.

Rows: a direct Python call of the handler (the floor); the ``execute-api`` engine's
``invoke``; the resource layer's ``api.request``; the same with 299 more routes (the
router costs O(path segments), not O(routes)); a REST API; and the same request over
``pyserverless serve`` (a keep-alive ``requests`` session, path style).
Run: ``python -m benchmarks bench_gateway``. Target: >= 10,000 requests/s in process.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks._common import record, table


def handler(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": "ok"}


def _cpu_rate(fn: Any, min_time: float, batch: int = 50) -> float:
    """Calls per second of this process's CPU time, timed in batches (the machine is
    shared: wall-clock rates move with other work, CPU time much less)."""
    n = 0
    start = time.process_time()
    deadline = start + min_time
    while True:
        for _ in range(batch):
            fn()
        n += batch
        now = time.process_time()
        if now >= deadline:
            return n / (now - start)


def _median(fn: Any, min_time: float, runs: int = 5) -> tuple[float, float, float]:
    rates = sorted(_cpu_rate(fn, min_time / 2) for _ in range(runs))
    return statistics.median(rates), rates[0], rates[-1]


def run(min_time: float = 0.5) -> dict[str, tuple[float, float, float]]:
    """Requests per second (median, lowest, highest of 5 timings) for each path."""
    import requests

    from pyserverless import Cloud, ManualClock
    from pyserverless.adapters.http import Server

    # The clock stands still, so the account's 10,000/s bucket would empty after its burst:
    # the benchmark measures the work per request, with the account limit out of the way.
    unlimited = {"account_rate": 1e12, "account_burst": 10**12}
    cloud = Cloud(clock=ManualClock(), seed=0, limits={"execute-api": unlimited})
    fn = cloud.lambda_.create_function("trivial", handler=handler)
    api = cloud.gateway.http_api("bench")
    api.route("GET /items/{id}", fn)
    many = cloud.gateway.http_api("many")
    for i in range(299):  # an HTTP API's quota is 300 routes
        many.route(f"GET /r{i}/items/{{id}}", fn)
    many.route("GET /items/{id}", fn)
    rest = cloud.gateway.rest_api("bench-rest")
    rest.route("GET /items/{id}", fn)
    rest.deploy("prod")
    engine = cloud.engine("execute-api")
    results: dict[str, tuple[float, float, float]] = {}
    results["direct"] = _median(lambda: handler({}, None), min_time)
    lam = cloud.engine("lambda")
    results["lambda"] = _median(lambda: lam.invoke("trivial", b"{}"), min_time)
    calls = {
        "engine": lambda: engine.invoke(api.id, "$default", "GET", "/items/42"),
        "request": lambda: api.request("GET", "/items/42"),
        "many routes": lambda: many.request("GET", "/items/42"),
        "rest": lambda: rest.request("GET", "/items/42"),
    }
    for key, call in calls.items():
        first = call()
        assert first.status == 200, (key, first)
        results[key] = _median(call, min_time)
    with Server(cloud) as server:
        session = requests.Session()
        url = f"{server.url}/_api/{api.id}/items/42"
        assert session.get(url, timeout=10).status_code == 200
        results["serve"] = _median(lambda: session.get(url, timeout=10), min_time)
        session.close()
    cloud.close()
    return results


def main() -> None:
    r = run()
    direct = r["direct"][0]

    def row(path: str, key: str, target: str = "", floor: float | None = None) -> list[str]:
        rate, low, high = r[key]
        verdict = "" if floor is None else (" met" if rate >= floor else " NOT met")
        return [
            path,
            f"{rate:,.0f}",
            f"{1e6 / rate:,.1f} µs",
            f"{direct / rate:,.0f}x",
            target + verdict,
            f"{low:,.0f} to {high:,.0f}/s",
        ]

    rows = [
        row("direct Python call of the handler", "direct"),
        row('the same function through Lambda alone (`engine.invoke("trivial", b"{}")`)', "lambda"),
        row(
            'HTTP API, `cloud.engine("execute-api").invoke(...)`',
            "engine",
            ">= 10,000/s",
            1e4,
        ),
        row("HTTP API, `api.request(...)`", "request", ">= 10,000/s", 1e4),
        row("HTTP API with 300 routes, `api.request(...)`", "many routes"),
        row("REST API (payload 1.0), `api.request(..., stage=...)`", "rest"),
        row("HTTP API over `serve` (`requests` session, keep-alive)", "serve"),
    ]
    markdown = (
        "## API Gateway (`python -m benchmarks bench_gateway`)\n\n"
        "A `GET /items/{id}` through an HTTP API (payload 2.0) to a trivial inline Lambda "
        "(`return {statusCode: 200}`), requests per second of CPU time (the median of 5 "
        "timings; the spread is the lowest and highest; over `serve` the CPU time of the "
        "process holding both the server and the client). Each request routes, builds "
        "the proxy event, invokes the function through Lambda's engine (its log, metering "
        "and timeout included), parses the proxy response, and records the access-log counts.\n\n"
        + table(["path", "requests/s", "per request", "vs direct", "target", "spread"], rows)
        + "\n\nThe router is a trie of path segments built once per deployment: an API "
        "with 300 routes (the quota) answers at the rate of one with a single route. Over "
        "`serve` the cost is the HTTP server's (waitress) and the `requests` client's. The "
        "account-level throttle (10,000/s, burst 5,000) is raised for the run: the clock "
        "stands still, so its bucket would otherwise empty after 5,000 requests (429)."
    )
    print(markdown)
    record("gateway", markdown)


if __name__ == "__main__":
    main()
