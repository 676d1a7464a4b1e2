"""CloudFront Functions: a typical viewer-request function in JavaScript against the same logic
in Python, in calls per CPU second.

The function redirects one country, drops tracking query strings, lower-cases the path and
appends ``index.html``; the event is a viewer-request event with a few headers, cookies and
query strings. Rows:

* JS on quickjs-ng through ``CompiledFunction.run`` (runtimes 1.0 and 2.0): each call starts
  from fresh function state (top-level code re-run, new globals deleted) in a context compiled
  once per thread; the event goes in and out as JSON;
* JS in a brand-new context per call (what code that may touch built-ins gets);
* the same logic as a Python callable through ``run_python`` (deep copy in, JSON check out),
  and the bare Python call (the floor).

Run: ``python -m benchmarks bench_cdn_functions``. Target: JS at least 20,000 calls/s.
"""

from __future__ import annotations

import copy
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._common import record, table
from pyserverless.cdn._js import compile_function, run_python

JS = """
function handler(event) {
    var request = event.request;
    var country = request.headers['cloudfront-viewer-country'];
    if (country && country.value === 'DE') {
        return { statusCode: 302, statusDescription: 'Found',
                 headers: { location: { value: 'https://www.example.com/de' + request.uri } } };
    }
    var qs = request.querystring, kept = {}, names = Object.keys(qs);
    for (var i = 0; i < names.length; i++) {
        if (names[i].indexOf('utm_') !== 0) { kept[names[i]] = qs[names[i]]; }
    }
    request.querystring = kept;
    var uri = request.uri.toLowerCase();
    if (uri.charAt(uri.length - 1) === '/') { uri += 'index.html'; }
    request.uri = uri;
    return request;
}
"""
# The same function, made to touch a built-in: it then runs in a new context per call.
JS_FRESH = JS + "\nString.prototype.noop = undefined;\n"


def python_handler(event: dict[str, Any]) -> dict[str, Any]:
    request: dict[str, Any] = event["request"]
    country = request["headers"].get("cloudfront-viewer-country")
    if country and country["value"] == "DE":
        location = "https://www.example.com/de" + request["uri"]
        return {
            "statusCode": 302,
            "statusDescription": "Found",
            "headers": {"location": {"value": location}},
        }
    request["querystring"] = {
        k: v for k, v in request["querystring"].items() if not k.startswith("utm_")
    }
    uri = request["uri"].lower()
    if uri.endswith("/"):
        uri += "index.html"
    request["uri"] = uri
    return request


EVENT: dict[str, Any] = {
    "version": "1.0",
    "context": {
        "distributionDomainName": "d111111abcdef8.cloudfront.net",
        "distributionId": "EDFDVBD6EXAMPLE",
        "eventType": "viewer-request",
        "requestId": "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==",
    },
    "viewer": {"ip": "198.51.100.11"},
    "request": {
        "method": "GET",
        "uri": "/Blog/",
        "querystring": {"utm_source": {"value": "news"}, "page": {"value": "2"}},
        "headers": {
            "host": {"value": "www.example.com"},
            "accept": {"value": "text/html"},
            "user-agent": {"value": "Mozilla/5.0"},
            "cloudfront-viewer-country": {"value": "FR"},
        },
        "cookies": {"session": {"value": "abc123"}},
    },
}


def _rate(fn: Callable[[], object], *, blocks: int = 7, calls: int = 2000) -> float:
    """Median calls per CPU second over ``blocks`` blocks."""
    rates = []
    for _ in range(blocks):
        start = time.process_time()
        for _ in range(calls):
            fn()
        rates.append(calls / (time.process_time() - start))
    return statistics.median(rates)


def main() -> None:
    v1 = compile_function(JS, "cloudfront-js-1.0")
    v2 = compile_function(JS, "cloudfront-js-2.0")
    fresh = compile_function(JS_FRESH, "cloudfront-js-2.0")
    expected = python_handler(copy.deepcopy(EVENT))
    for fn in (v1, v2, fresh):
        assert fn.run(EVENT, time_limit_ms=1000).output == expected
    assert run_python(python_handler, EVENT, time_limit_ms=1000).output == expected
    rows = [
        (
            "JS, cloudfront-js-1.0 (`CompiledFunction.run`)",
            lambda: v1.run(EVENT, time_limit_ms=1000),
        ),
        (
            "JS, cloudfront-js-2.0 (`CompiledFunction.run`)",
            lambda: v2.run(EVENT, time_limit_ms=1000),
        ),
        (
            "JS, a new context per call (code touching built-ins)",
            lambda: fresh.run(EVENT, time_limit_ms=1000),
        ),
        (
            "Python callable (`run_python`)",
            lambda: run_python(python_handler, EVENT, time_limit_ms=1000),
        ),
        ("bare Python call (deep copy of the event + the function)", _bare),
    ]
    measured = [
        [name, f"{_rate(fn, calls=300 if 'new context' in name else 2000):,.0f}"]
        for name, fn in rows
    ]
    text = (
        "## CloudFront Functions (issue 18; `python -m benchmarks bench_cdn_functions`)\n\n"
        "A typical viewer-request function (redirect one country, drop `utm_` query strings, "
        "lower-case the path, append `index.html`) on a viewer-request event with headers, "
        "cookies and query strings: calls per CPU second, median of 7 blocks. Every JS call "
        "starts from fresh function state (CloudFront keeps none between invocations) and "
        "passes the event in and out as JSON. Target: JS at least 20,000 calls/s.\n\n"
        + table(["function", "calls/s"], measured)
        + "\n"
    )
    print(text)
    record("cdn-functions", text)


def _bare() -> object:
    return python_handler(copy.deepcopy(EVENT))


if __name__ == "__main__":
    main()
