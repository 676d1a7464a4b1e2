"""Lambda function URLs: a request through a URL against a plain invocation of the same
function.

A trivial inline handler answering ``{"statusCode": 200, "body": "ok"}``. Measured in CPU
µs per request (best of 5 blocks of 2,000): ``fn.invoke`` (the floor), the URL in
Python (``fn.url().invoke``: the policy check, the payload 2.0 event, the answer
read as an HTTP API reads it), and over ``pyserverless serve`` (HTTP on loopback, one
kept-alive connection, wall-clock requests per second). moto has no peer: its function
URLs invoke through Docker. Run: ``python -m benchmarks bench_lambda_urls``.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable

from benchmarks._common import record, table
from pyserverless import Cloud, ManualClock
from pyserverless.adapters.http import Server

BLOCK = 2_000


def _cpu_us(call: Callable[[], object]) -> float:
    for _ in range(200):
        call()
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(BLOCK):
            call()
        best = min(best, (time.process_time() - start) / BLOCK * 1e6)
    return best


def main() -> None:
    cloud = Cloud(clock=ManualClock(1_717_200_000))
    fn = cloud.lambda_.create_function("f", handler=lambda e, c: {"statusCode": 200, "body": "ok"})
    lam = cloud.client("lambda")
    lam.create_function_url_config(FunctionName="f", AuthType="NONE")
    lam.add_permission(
        FunctionName="f",
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    lam.add_permission(
        FunctionName="f", StatementId="inv", Action="lambda:InvokeFunction", Principal="*"
    )
    url = fn.url()
    plain = _cpu_us(lambda: fn.invoke({"a": 1}))
    through = _cpu_us(lambda: url.invoke("GET", "/items", query="a=1"))
    with Server(cloud) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port)
        host = f"{url.url_id}.lambda-url.localhost:{server.port}"

        def over_http() -> None:
            conn.request("GET", "/items?a=1", headers={"Host": host})
            conn.getresponse().read()

        for _ in range(100):
            over_http()
        start = time.perf_counter()
        for _ in range(BLOCK):
            over_http()
        served = BLOCK / (time.perf_counter() - start)
        conn.close()
    cloud.close()
    rows = [
        ["fn.invoke (floor)", f"{plain:.1f}", ""],
        ["fn.url().invoke", f"{through:.1f}", ""],
        ["over serve (HTTP)", "", f"{served:,.0f}"],
    ]
    text = (
        "## Lambda function URLs (issue 22; `python -m benchmarks bench_lambda_urls`)\n\n"
        "A trivial inline handler behind a NONE URL with its two public permissions: CPU µs "
        f"per request (best of 5 blocks of {BLOCK:,}) in Python, and requests per second "
        "over `pyserverless serve` on one kept-alive loopback connection. moto has no peer: "
        "its function URLs invoke through Docker.\n\n"
        + table(["path", "CPU µs / request", "requests/s"], rows)
        + "\n"
    )
    print(text)
    record("lambda-urls", text)


if __name__ == "__main__":
    main()
