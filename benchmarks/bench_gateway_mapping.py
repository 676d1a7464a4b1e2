"""API Gateway (REST), issue 21: a VTL-mapped request against a proxy request, and a stage
cache hit against a miss.

Rows, each a ``GET /items/{id}`` on a REST API to the same trivial inline Lambda:
the Lambda proxy (AWS_PROXY, no templates); a Lambda custom integration (AWS) with a
request template and a response template; the same behind a request validator with a
model; a MOCK integration with VTL templates (no Lambda: the templates' own cost); and
the stage cache, a miss (an HTTP_PROXY integration to a Python backend, a fresh cache
key each time) against a hit. Requests per second of CPU time, the median of 5 timings.
Run: ``python -m benchmarks bench_gateway_mapping``.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from benchmarks._common import record, table
from benchmarks.bench_gateway import _median


def handler(event: Any, context: Any) -> Any:
    if "statusCode" in event or "requestContext" in event:  # the proxy event
        return {"statusCode": 200, "body": '{"id": "42"}'}
    return {"id": event.get("id", "")}


_REQUEST = '{"id": "$input.params(\'id\')", "stage": "$context.stage"}'
_RESPONSE = '#set($r = $input.path(\'$\')){"item": "$r.id", "ok": true}'


def _custom(gw: Any, where: dict[str, str], uri: str, **method: Any) -> None:
    gw.put_method(**where, authorizationType="NONE", **method)
    gw.put_integration(
        **where,
        type="AWS",
        integrationHttpMethod="POST",
        uri=uri,
        requestTemplates={"application/json": _REQUEST},
    )
    gw.put_method_response(**where, statusCode="200")
    gw.put_integration_response(
        **where, statusCode="200", responseTemplates={"application/json": _RESPONSE}
    )


def run(min_time: float = 0.5) -> dict[str, tuple[float, float, float]]:
    """Requests per second (median, lowest, highest of 5 timings) for each path."""
    from pyserverless import Cloud, ManualClock

    unlimited = {"account_rate": 1e12, "account_burst": 10**12}
    cloud = Cloud(clock=ManualClock(), seed=0, limits={"execute-api": unlimited})
    fn = cloud.lambda_.create_function("trivial", handler=handler)
    uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn.arn}/invocations"
    gw = cloud.client("apigateway")
    api = gw.create_rest_api(name="bench")
    root = api["rootResourceId"]

    def resource(name: str) -> dict[str, str]:
        top = gw.create_resource(restApiId=api["id"], parentId=root, pathPart=name)
        leaf = gw.create_resource(restApiId=api["id"], parentId=top["id"], pathPart="{id}")
        return {"restApiId": api["id"], "resourceId": leaf["id"], "httpMethod": "GET"}

    proxy = resource("proxy")
    gw.put_method(**proxy, authorizationType="NONE")
    gw.put_integration(**proxy, type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
    _custom(gw, resource("vtl"), uri)
    schema = {"type": "object", "properties": {"id": {"type": "string"}}}
    gw.create_model(
        restApiId=api["id"], name="Q", contentType="application/json", schema=json.dumps(schema)
    )
    validator = gw.create_request_validator(restApiId=api["id"], validateRequestBody=True)
    _custom(
        gw,
        resource("valid"),
        uri,
        requestModels={"application/json": "Q"},
        requestValidatorId=validator["id"],
    )
    mock = resource("mock")
    gw.put_method(**mock, authorizationType="NONE")
    gw.put_integration(
        **mock,
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": #if(1 == 1)200#end}'},
    )
    gw.put_method_response(**mock, statusCode="200")
    gw.put_integration_response(
        **mock, statusCode="200", responseTemplates={"application/json": _RESPONSE}
    )
    cloud.gateway.backend("https://origin.internal", lambda request: b'{"id": "42"}')
    cached = resource("cached")
    gw.put_method(
        **cached,
        authorizationType="NONE",
        requestParameters={"method.request.querystring.n": False},
    )
    gw.put_integration(
        **cached,
        type="HTTP_PROXY",
        integrationHttpMethod="GET",
        uri="https://origin.internal/items",
        cacheKeyParameters=["method.request.querystring.n"],
    )
    gw.create_deployment(restApiId=api["id"], stageName="prod")  # no cache
    gw.create_deployment(restApiId=api["id"], stageName="cached", cacheClusterEnabled=True)
    engine = cloud.engine("execute-api")
    api_id = api["id"]
    body = b'{"id": "42"}'
    json_type = (("Content-Type", "application/json"),)

    def call(path: str, query: str = "", stage: str = "prod") -> Any:
        return engine.invoke(api_id, stage, "GET", path, query=query, headers=json_type, body=body)

    fresh = itertools.count()
    calls = {
        "proxy": lambda: call("/proxy/42"),
        "vtl": lambda: call("/vtl/42"),
        "valid": lambda: call("/valid/42"),
        "mock": lambda: call("/mock/42"),
        "uncached": lambda: call("/cached/42", "n=1"),
        "miss": lambda: call("/cached/42", f"n={next(fresh)}", "cached"),
        "hit": lambda: call("/cached/42", "n=hit", "cached"),
    }
    results: dict[str, tuple[float, float, float]] = {}
    for key, fn_call in calls.items():
        first = fn_call()
        assert first.status == 200, (key, first)
        results[key] = _median(fn_call, min_time)
    cloud.close()
    return results


def main() -> None:
    r = run()
    proxy = r["proxy"][0]

    def row(path: str, key: str) -> list[str]:
        rate, low, high = r[key]
        return [
            path,
            f"{rate:,.0f}",
            f"{1e6 / rate:,.1f} µs",
            f"{proxy / rate:,.2f}x",
            f"{low:,.0f} to {high:,.0f}/s",
        ]

    rows = [
        row("Lambda proxy (AWS_PROXY), no templates", "proxy"),
        row("Lambda custom (AWS): request and response templates (VTL)", "vtl"),
        row("the same, body validated against a model", "valid"),
        row("MOCK with VTL request and response templates (no Lambda)", "mock"),
        row("HTTP_PROXY to a Python backend, no stage cache", "uncached"),
        row("stage cache miss (the same, a new cache key each time)", "miss"),
        row("stage cache hit", "hit"),
    ]
    markdown = (
        "## API Gateway mapping and stage cache (`python -m benchmarks bench_gateway_mapping`)\n\n"
        "A `GET /items/{id}` on a REST API, requests per second of CPU time (the median of 5 "
        "timings; the spread is the lowest and highest), against the Lambda proxy row. "
        "Templates are compiled once (airspeed) and cached by their text; a template "
        "without `$` or `#` is plain text and skips the engine. A cache hit skips the "
        "integration and the response mapping.\n\n"
        + table(["path", "requests/s", "per request", "vs proxy", "spread"], rows)
    )
    print(markdown)
    record("gateway-mapping", markdown)


if __name__ == "__main__":
    main()
