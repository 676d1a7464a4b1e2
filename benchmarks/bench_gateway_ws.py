"""API Gateway WebSocket APIs: messages per second in process.

Rows: a message on a one-way ``$default`` route to a trivial inline Lambda; the same on a
two-way route (the answer goes back to the client); a custom route chosen by
``$request.body.action`` (the body parsed as JSON); a ``PostToConnection`` through
``cloud.client("apigatewaymanagementapi")``; and, for scale, a direct ``invoke`` of the same
function through the Lambda engine (what every routed message costs at least).
Run: ``python -m benchmarks bench_gateway_ws``.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from benchmarks._common import record, table


def handler(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": "ok"}


def _cpu_rate(fn: Any, min_time: float, batch: int = 50) -> float:
    """Calls per second of this process's CPU time (the machine is shared)."""
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
    """Messages per second (median, lowest, highest of 5 timings) for each path."""
    from pyserverless import Cloud, ManualClock

    cloud = Cloud(clock=ManualClock(), seed=0)
    fn = cloud.lambda_.create_function("trivial", handler=handler)
    v2 = cloud.client("apigatewayv2")
    api_id = v2.create_api(
        Name="bench", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
    )["ApiId"]
    target = v2.create_integration(
        ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=fn.arn
    )["IntegrationId"]
    for key in ("$default", "echo", "custom"):
        route = v2.create_route(ApiId=api_id, RouteKey=key, Target=f"integrations/{target}")
        if key == "echo":
            v2.create_route_response(
                ApiId=api_id, RouteId=route["RouteId"], RouteResponseKey="$default"
            )
    v2.create_stage(ApiId=api_id, StageName="prod", AutoDeploy=True)
    conn = cloud.gateway.websocket_api(api_id).connect("prod")
    mgmt = cloud.client("apigatewaymanagementapi")
    lam = cloud.engine("lambda")
    payload = json.dumps({"requestContext": {}, "body": "x"}).encode()
    received = conn.received

    def post() -> None:
        mgmt.post_to_connection(ConnectionId=conn.connection_id, Data=b"hello")
        received.clear()

    def echo() -> None:
        conn.send('{"action": "echo"}')
        received.clear()

    calls = {
        "invoke": lambda: lam.invoke(fn.arn, payload),
        "default": lambda: conn.send("hello"),
        "echo": echo,
        "custom": lambda: conn.send('{"action": "custom", "data": "hello"}'),
        "post": post,
    }
    results = {key: _median(call, min_time) for key, call in calls.items()}
    assert not conn.closed
    cloud.close()
    return results


def main() -> None:
    r = run()

    def row(path: str, key: str) -> list[str]:
        rate, low, high = r[key]
        return [path, f"{rate:,.0f}", f"{1e6 / rate:,.1f} µs", f"{low:,.0f} to {high:,.0f}/s"]

    rows = [
        row("Lambda engine invoke of the handler alone (the floor)", "invoke"),
        row("message, one-way $default route", "default"),
        row("message, two-way route (answer sent back)", "echo"),
        row("message, custom route by $request.body.action", "custom"),
        row("PostToConnection through cloud.client", "post"),
    ]
    markdown = (
        "## API Gateway WebSocket APIs (issue 21; `python -m benchmarks bench_gateway_ws`)\n\n"
        "Messages per second of CPU time on one connection to an inline Lambda function "
        "(the median of 5 timings; the spread is the lowest and highest). A routed message "
        "builds AWS's MESSAGE event, invokes the function and, on a two-way route, sends "
        "its `body` back.\n\n" + table(["path", "messages/s", "per message", "spread"], rows)
    )
    print(markdown)
    record("gateway-ws", markdown)


if __name__ == "__main__":
    main()
