"""API Gateway authorizers: requests per second with a cached Lambda authorizer against
an uncached one (TTL 0: the function runs on every request), next to no authorizer, a
JWT authorizer (an RS256 check of a Cognito access token per request) and AWS_IAM
(a SigV4 signature recomputed per request).

Run: ``python -m benchmarks bench_gateway_auth``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks._common import per_second, record, table

LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{}/invocations"


def handler(event: Any, context: Any) -> Any:
    return {"statusCode": 200, "body": "ok"}


def authorizer(event: Any, context: Any) -> Any:
    statement = {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}
    return {
        "principalId": "bench",
        "policyDocument": {"Version": "2012-10-17", "Statement": [statement]},
        "context": {"tier": "gold"},
    }


def _cpu_rate(fn: Any, calls: int) -> float:
    """Calls per CPU second of this process (other processes on a busy machine do not
    count; an inline Lambda runs in this process)."""
    start = time.process_time()
    for _ in range(calls):
        fn()
    return calls / max(time.process_time() - start, 1e-9)


def _measure(
    calls: dict[str, Any], min_time: float, rounds: int = 7
) -> dict[str, tuple[float, float, float]]:
    """Alternating blocks (every path once per round, so drift hits all alike); the
    best, median and lowest rate per path."""
    sizes = {
        key: max(50, int(per_second(fn, min_time=0.05, repeat=1) * min_time / 2))
        for key, fn in calls.items()
    }
    rates: dict[str, list[float]] = {key: [] for key in calls}
    for _ in range(rounds):
        for key, fn in calls.items():
            rates[key].append(_cpu_rate(fn, sizes[key]))
    return {key: (max(r), statistics.median(r), min(r)) for key, r in rates.items()}


def _token_api(cloud: Any, fn_arn: str, ttl: int) -> Any:
    rest = cloud.gateway.rest_api(f"ttl{ttl}")
    made = cloud.client("apigateway").create_authorizer(
        restApiId=rest.id,
        name="tokens",
        type="TOKEN",
        authorizerUri=LAMBDA_URI.format(fn_arn),
        identitySource="method.request.header.Authorization",
        authorizerResultTtlInSeconds=ttl,
    )
    rest.route("GET /items/{id}", handler, authorizer=made["id"])
    rest.deploy("prod")
    return rest


def _jwt_api(cloud: Any) -> tuple[Any, dict[str, str]]:
    pool = cloud.cognito.create_user_pool("bench")
    app = pool.create_client("web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    pool.create_user("ann", password="Passw0rd!x")
    tokens = cloud.client("cognito-idp").initiate_auth(
        ClientId=app.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": "Passw0rd!x"},
    )["AuthenticationResult"]
    api = cloud.gateway.http_api("jwt")
    made = cloud.client("apigatewayv2").create_authorizer(
        ApiId=api.id,
        Name="jwt",
        AuthorizerType="JWT",
        IdentitySource=["$request.header.Authorization"],
        JwtConfiguration={"Issuer": pool.issuer, "Audience": [app.client_id]},
    )
    api.route("GET /items/{id}", handler, authorizer=made["AuthorizerId"])
    return api, {"Authorization": f"Bearer {tokens['AccessToken']}"}


def run(min_time: float = 0.5) -> dict[str, tuple[float, float, float]]:
    """Requests per second (median, lowest, highest of 5 timings) for each authorizer."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    from pyserverless import Cloud, ManualClock

    unlimited = {"account_rate": 1e12, "account_burst": 10**12}
    limits = {"execute-api": unlimited, "cognito-idp": {"password_hash_cost": 1}}
    cloud = Cloud(clock=ManualClock(), seed=0, limits=limits)
    fn = cloud.lambda_.create_function("authorizer", handler=authorizer)
    plain = cloud.gateway.rest_api("plain")
    plain.route("GET /items/{id}", handler)
    plain.deploy("prod")
    cached, uncached = _token_api(cloud, fn.arn, 300), _token_api(cloud, fn.arn, 0)
    jwt_api, bearer = _jwt_api(cloud)
    open_http = cloud.gateway.http_api("open")
    open_http.route("GET /items/{id}", handler)
    iam = cloud.gateway.rest_api("iam")
    rid = iam.route("GET /items/{id}", handler)
    cloud.client("apigateway").update_method(
        restApiId=iam.id,
        resourceId=rid,
        httpMethod="GET",
        patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"}],
    )
    iam.deploy("prod")
    url = f"https://{iam.id}.execute-api.us-east-1.amazonaws.com/prod/items/42"
    signed = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials("testing", "testing"), "execute-api", "us-east-1").add_auth(signed)
    iam_headers = dict(signed.headers.items())
    token = {"Authorization": "tok"}
    calls = {
        "none": lambda: plain.request("GET", "/items/42"),
        "cached": lambda: cached.request("GET", "/items/42", headers=token),
        "uncached": lambda: uncached.request("GET", "/items/42", headers=token),
        "none-http": lambda: open_http.request("GET", "/items/42"),
        "jwt": lambda: jwt_api.request("GET", "/items/42", headers=bearer),
        "iam": lambda: iam.request("GET", "/items/42", headers=iam_headers),
    }
    for key, call in calls.items():
        first = call()
        assert first.status == 200, (key, first)
    results = _measure(calls, min_time)
    cloud.close()
    return results


def main() -> None:
    r = run()

    def row(path: str, key: str, base: str = "none") -> list[str]:
        rate, median, low = r[key]
        return [
            path,
            f"{rate:,.0f}",
            f"{1e6 / rate:,.1f} µs",
            f"{1e6 / rate - 1e6 / r[base][0]:+,.1f} µs",
            f"{median:,.0f} / {low:,.0f}",
        ]

    rows = [
        row("REST API, no authorizer", "none"),
        row("REST TOKEN authorizer, cached (TTL 300)", "cached"),
        row("REST TOKEN authorizer, uncached (TTL 0)", "uncached"),
        row("HTTP API (payload 2.0), no authorizer", "none-http", "none-http"),
        row("HTTP JWT authorizer (Cognito access token, RS256)", "jwt", "none-http"),
        row("REST AWS_IAM (SigV4 recomputed by botocore)", "iam"),
    ]
    ratio = r["cached"][0] / r["uncached"][0]
    markdown = (
        "## API Gateway authorizers (`python -m benchmarks bench_gateway_auth`)\n\n"
        "A `GET /items/{id}` through `api.request(...)` to a trivial inline Lambda, "
        "requests per second of this process's CPU time (best of 7 alternating blocks, "
        "so that the other processes of a busy machine do not count), with each kind of "
        "authorizer. The uncached Lambda authorizer invokes "
        "its function (an inline Lambda returning an Allow policy) on every request; the "
        "cached one invokes it once and then evaluates the cached policy against each "
        "request's method ARN.\n\n"
        + table(
            ["authorizer", "requests/CPU s", "CPU per request", "added", "median / lowest"],
            rows,
        )
        + f"\n\nThe cache makes an authorized request {ratio:.1f}x as fast as an uncached "
        "one: a Lambda invocation (event JSON, the function's log, metering and timeout) "
        'costs more than the policy check. "added" is against the same kind of API '
        "without an authorizer. A JWT's RS256 signature is checked once per token (then "
        "remembered; its claims are checked against the clock on every request)."
    )
    print(markdown)
    record("gateway-auth", markdown)


if __name__ == "__main__":
    main()
