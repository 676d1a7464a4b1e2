"""Held-out style samples: our own functions for the common jobs, checked against the outputs AWS
documents for its example functions (TestFunction's FunctionOutput in the samples' READMEs)."""

from __future__ import annotations

import copy
from typing import Any

import jwt
import pytest

pytest.importorskip("quickjs")

from pyserverless.cdn._js import compile_function, run_python

V1, V2 = "cloudfront-js-1.0", "cloudfront-js-2.0"
NOW_MS = 1_750_000_000_000


def viewer_request(uri: str = "/", **parts: Any) -> dict[str, Any]:
    request = {
        "method": "GET",
        "uri": uri,
        "querystring": {},
        "headers": {"host": {"value": "www.example.com"}, "accept": {"value": "text/html"}},
        "cookies": {},
    }
    request.update(parts)
    return {
        "version": "1.0",
        "context": {
            "distributionDomainName": "d111111abcdef8.cloudfront.net",
            "distributionId": "EDFDVBD6EXAMPLE",
            "eventType": "viewer-request",
            "requestId": "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==",
        },
        "viewer": {"ip": "198.51.100.11"},
        "request": request,
    }


def run(code: str, event: dict[str, Any], runtime: str = V1, **kw: Any) -> Any:
    out = compile_function(code, runtime).run(event, time_limit_ms=1000, now_ms=NOW_MS, **kw)
    assert out.error is None, out.error
    return out


INDEX_HTML = """
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var last = uri.substring(uri.lastIndexOf('/') + 1);
    if (uri.charAt(uri.length - 1) === '/') {
        request.uri = uri + 'index.html';
    } else if (last.indexOf('.') < 0) {
        request.uri = uri + '/index.html';
    }
    return request;
}
"""


class TestUrlRewrite:
    @pytest.mark.parametrize(
        ("uri", "expected"),
        [("/blog", "/blog/index.html"), ("/blog/", "/blog/index.html"), ("/a/b.css", "/a/b.css")],
    )
    def test_index_html(self, uri: str, expected: str) -> None:
        """url-rewrite-static-websites: the documented output for /blog is /blog/index.html."""
        qs = {"test": {"value": "true"}, "arg": {"value": "val1"}}
        cookies = {"loggedIn": {"value": "false"}, "id": {"value": "CookeIdValue"}}
        event = viewer_request(uri, querystring=qs, cookies=cookies)
        out = run(INDEX_HTML, event).output
        expected_request = {**copy.deepcopy(event["request"]), "uri": expected}
        assert out == expected_request

    def test_python_twin_agrees(self) -> None:
        """The same logic as a Python callable (our extension) gives the same request."""

        def handler(event: dict[str, Any]) -> dict[str, Any]:
            request = event["request"]
            uri = request["uri"]
            if uri.endswith("/"):
                request["uri"] = uri + "index.html"
            elif "." not in uri.rsplit("/", 1)[-1]:
                request["uri"] = uri + "/index.html"
            return dict(request)

        event = viewer_request("/blog")
        assert (
            run_python(handler, event, time_limit_ms=1000).output == run(INDEX_HTML, event).output
        )


COUNTRY = """
function handler(event) {
    var country = event.request.headers['cloudfront-viewer-country'];
    if (country && country.value === 'DE') {
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: 'https://www.example.com/de/index.html' } },
            cookies: {}
        };
    }
    return event.request;
}
"""


class TestRedirectByCountry:
    def test_germany_redirected(self) -> None:
        """redirect-based-on-country: the documented FunctionOutput for country-de."""
        headers = {
            "host": {"value": "www.example.com"},
            "cloudfront-viewer-country": {"value": "DE"},
        }
        out = run(COUNTRY, viewer_request("/", headers=headers)).output
        assert out == {
            "headers": {"location": {"value": "https://www.example.com/de/index.html"}},
            "statusDescription": "Found",
            "cookies": {},
            "statusCode": 302,
        }

    def test_other_countries_pass(self) -> None:
        headers = {"cloudfront-viewer-country": {"value": "FR"}}
        event = viewer_request("/", headers=headers)
        assert run(COUNTRY, event).output == event["request"]


SECURITY_HEADERS = """
function handler(event) {
    var response = event.response;
    var headers = response.headers;
    headers['strict-transport-security'] = {
        value: 'max-age=63072000; includeSubdomains; preload'
    };
    headers['content-security-policy'] = {
        value: "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; " +
            "object-src 'none'"
    };
    headers['x-content-type-options'] = { value: 'nosniff' };
    headers['x-frame-options'] = { value: 'DENY' };
    headers['x-xss-protection'] = { value: '1; mode=block' };
    return response;
}
"""


def test_security_headers() -> None:
    """add-security-headers: the documented FunctionOutput, cookies with attributes untouched."""
    cookies = {
        "loggedIn": {
            "value": "true",
            "attributes": "Secure; Path=/; Domain=example.com; "
            "Expires=Wed, 05 Jan 2024 07:28:00 GMT",
        },
        "id": {"value": "a3fWa", "attributes": "Expires=Wed, 05 Jan 2024 07:28:00 GMT"},
    }
    response = {
        "statusCode": 200,
        "statusDescription": "OK",
        "headers": {
            "server": {"value": "CustomOriginServer"},
            "content-length": {"value": "9593"},
            "content-type": {"value": "text/html; charset=UTF-8"},
        },
        "cookies": cookies,
    }
    event = {**viewer_request("/"), "response": response}
    event["context"]["eventType"] = "viewer-response"
    out = run(SECURITY_HEADERS, event).output
    assert out["headers"] == {
        "server": {"value": "CustomOriginServer"},
        "content-length": {"value": "9593"},
        "content-security-policy": {
            "value": "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; "
            "object-src 'none'"
        },
        "x-content-type-options": {"value": "nosniff"},
        "x-xss-protection": {"value": "1; mode=block"},
        "x-frame-options": {"value": "DENY"},
        "content-type": {"value": "text/html; charset=UTF-8"},
        "strict-transport-security": {"value": "max-age=63072000; includeSubdomains; preload"},
    }
    assert (out["statusCode"], out["cookies"]) == (200, cookies)


NORMALISE = """
function handler(event) {
    var request = event.request, qs = request.querystring, names = Object.keys(qs).sort(), out = {};
    for (var i = 0; i < names.length; i++) {
        var name = names[i].toLowerCase();
        if (name.indexOf('utm_') === 0) { continue; }
        out[name] = qs[names[i]];
    }
    request.querystring = out;
    request.uri = request.uri.toLowerCase();
    return request;
}
"""


def test_cache_key_normalisation() -> None:
    """Query strings sorted (normalize-query-string-parameters), utm_ dropped, path lower-cased."""
    qs = {
        "b": {"value": "2"},
        "A": {"value": "1", "multiValue": [{"value": "1"}, {"value": "3"}]},
        "utm_source": {"value": "x"},
    }
    out = run(NORMALISE, viewer_request("/Img/Cat.JPG", querystring=qs)).output
    assert out["uri"] == "/img/cat.jpg"
    assert list(out["querystring"]) == ["a", "b"]
    assert out["querystring"]["a"]["multiValue"] == [{"value": "1"}, {"value": "3"}]


JWT_CHECK = """
var crypto = require('crypto');
var SECRET = 'LzdWGpAToQ1DqYuzHxE6YOqi7G3X2yvNBot9mCXfx5k';
function deny(reason) {
    console.log(reason);
    return { statusCode: 401, statusDescription: 'Unauthorized' };
}
function b64urlJson(part) {
    var b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(String.bytesFrom(b64, 'base64').fromUTF8());
}
function handler(event) {
    var request = event.request;
    if (!request.querystring.token) { return deny('No JWT token'); }
    var parts = request.querystring.token.value.split('.');
    if (parts.length !== 3) { return deny('Malformed JWT token'); }
    var sig = crypto.createHmac('sha256', SECRET)
        .update(parts[0] + '.' + parts[1]).digest('base64url');
    if (sig !== parts[2]) { return deny('Invalid JWT token'); }
    var claims = b64urlJson(parts[1]);
    var now = Math.floor(Date.now() / 1000);
    if (claims.nbf && now < claims.nbf) { return deny('Token not yet valid'); }
    if (claims.exp && now > claims.exp) { return deny('Token expired'); }
    delete request.querystring.token;
    console.log('Valid JWT token');
    return request;
}
"""
SECRET = "LzdWGpAToQ1DqYuzHxE6YOqi7G3X2yvNBot9mCXfx5k"


class TestJwt:
    """verify-jwt: HS256 checked with crypto.createHmac; tokens from PyJWT (an oracle)."""

    def _event(self, token: str | None) -> dict[str, Any]:
        qs = {"test": {"value": "anotherQueryString"}}
        if token is not None:
            qs["token"] = {"value": token}
        return viewer_request("/index.html", querystring=qs)

    def test_valid_token(self) -> None:
        token = jwt.encode({"sub": "1", "exp": NOW_MS // 1000 + 60}, SECRET, algorithm="HS256")
        out = run(JWT_CHECK, self._event(token))
        assert out.logs == ("Valid JWT token",)
        assert out.output["querystring"] == {"test": {"value": "anotherQueryString"}}
        assert out.output["uri"] == "/index.html"

    @pytest.mark.parametrize(
        ("claims", "key", "log"),
        [
            ({"exp": NOW_MS // 1000 - 1}, SECRET, "Token expired"),
            ({"nbf": NOW_MS // 1000 + 60}, SECRET, "Token not yet valid"),
            (
                {"exp": NOW_MS // 1000 + 60},
                "wrong-secret-of-enough-length-000000",
                "Invalid JWT token",
            ),
        ],
    )
    def test_refused_tokens(self, claims: dict[str, Any], key: str, log: str) -> None:
        out = run(JWT_CHECK, self._event(jwt.encode(claims, key, algorithm="HS256")))
        assert out.output == {"statusCode": 401, "statusDescription": "Unauthorized"}
        assert out.logs == (log,)

    def test_missing_token(self) -> None:
        out = run(JWT_CHECK, self._event(None))
        assert out.output["statusCode"] == 401 and out.logs == ("No JWT token",)


AB_COOKIE = """
const crypto = require('crypto');
function handler(event) {
    const request = event.request;
    let group = request.cookies.experiment && request.cookies.experiment.value;
    if (group !== 'A' && group !== 'B') {
        const digest = crypto.createHash('md5').update(event.viewer.ip).digest('hex');
        group = parseInt(digest.substring(0, 2), 16) % 2 === 0 ? 'A' : 'B';
        request.cookies.experiment = { value: group };
    }
    request.uri = '/experiment-' + group + request.uri;
    return request;
}
"""


class TestAbCookie:
    def test_cookie_kept(self) -> None:
        event = viewer_request("/index.html", cookies={"experiment": {"value": "B"}})
        assert run(AB_COOKIE, event, V2).output["uri"] == "/experiment-B/index.html"

    def test_assigned_from_the_viewer_ip(self) -> None:
        import hashlib

        digest = hashlib.md5(b"198.51.100.11").hexdigest()
        group = "A" if int(digest[:2], 16) % 2 == 0 else "B"
        out = run(AB_COOKIE, viewer_request("/index.html"), V2).output
        assert out["cookies"]["experiment"] == {"value": group}
        assert out["uri"] == f"/experiment-{group}/index.html"


KVS_REDIRECT = """
import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
    const request = event.request;
    let target = null;
    try {
        target = await kvs.get(request.uri);
    } catch (err) {
        console.log(`No redirect for ${request.uri}`);
    }
    if (target === null) { return request; }
    return {
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: { location: { value: target } }
    };
}
"""


class RedirectStore:
    def __init__(self, data: dict[str, str]) -> None:
        self.data = data

    def get(self, key: str, format: str = "string") -> Any:
        return self.data[key]

    def exists(self, key: str) -> bool:
        return key in self.data

    def meta(self) -> dict[str, Any]:
        return {"keyCount": len(self.data)}


class TestKvsRedirects:
    def _run(self, uri: str) -> Any:
        store = RedirectStore({"/old": "https://www.example.com/new"})
        return run(KVS_REDIRECT, viewer_request(uri), V2, kvs=lambda _sid: store)

    def test_known_path_redirected(self) -> None:
        assert self._run("/old").output == {
            "statusCode": 301,
            "statusDescription": "Moved Permanently",
            "headers": {"location": {"value": "https://www.example.com/new"}},
        }

    def test_unknown_path_passes(self) -> None:
        out = self._run("/other")
        assert out.output["uri"] == "/other" and out.logs == ("No redirect for /other",)
