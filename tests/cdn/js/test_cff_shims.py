"""Our crypto, querystring, Buffer and cloudfront shims, against Python's stdlib and Node."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("quickjs")

from pyserverless.cdn._js import compile_function

V1, V2 = "cloudfront-js-1.0", "cloudfront-js-2.0"


def evaluate(expr: str, runtime: str = V2, **env: Any) -> Any:
    """The JSON value of ``expr`` inside a handler (``e`` is ``env``)."""
    code = (
        "var crypto = require('crypto'); var qs = require('querystring');\n"
        f"function handler(e) {{ return {{v: {expr}}}; }}"
    )
    run = compile_function(code, runtime).run(env, time_limit_ms=2000)
    assert run.error is None, run.error
    assert run.output is not None
    return run.output["v"]


ALGOS = ["md5", "sha1", "sha256"]
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=150)


class TestCrypto:
    @pytest.mark.parametrize(
        ("algo", "text", "node"),
        [
            ("md5", "hello", "5d41402abc4b2a76b9719d911017c592"),
            ("sha1", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("sha256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ],
    )
    def test_known_digests(self, algo: str, text: str, node: str) -> None:
        """Digests Node prints for well-known inputs."""
        assert evaluate(f"crypto.createHash('{algo}').update(e.t).digest('hex')", t=text) == node

    @settings(max_examples=40, deadline=None)
    @given(text=TEXT.filter(lambda t: len(t) <= 200), key=TEXT, algo=st.sampled_from(ALGOS))
    def test_hash_and_hmac_match_hashlib(self, text: str, key: str, algo: str) -> None:
        """Hashes and HMACs of any UTF-8 text, in every encoding, equal hashlib/hmac's."""
        data, secret = text.encode(), key.encode()
        got = evaluate(
            "[crypto.createHash(e.a).update(e.t).digest('hex'),"
            " crypto.createHmac(e.a, e.k).update(e.t).digest('base64'),"
            " crypto.createHmac(e.a, e.k).update(e.t).digest('base64url')]",
            t=text,
            k=key,
            a=algo,
        )
        mac = hmac.new(secret, data, algo).digest()
        assert got == [
            hashlib.new(algo, data).hexdigest(),
            base64.b64encode(mac).decode(),
            base64.urlsafe_b64encode(mac).rstrip(b"=").decode(),
        ]

    def test_long_key_is_hashed_first(self) -> None:
        """An HMAC key longer than the block is hashed, as RFC 2104 says."""
        key = "k" * 200
        got = evaluate("crypto.createHmac('sha256', e.k).update('x').digest('hex')", k=key)
        assert got == hmac.new(key.encode(), b"x", "sha256").hexdigest()

    def test_latin1_digest_and_updates(self) -> None:
        """digest('latin1') gives one char per byte; update() calls concatenate."""
        got = evaluate("crypto.createHash('md5').update('ab').update('c').digest('latin1')")
        assert got == hashlib.md5(b"abc").digest().decode("latin-1")

    def test_digest_without_encoding(self) -> None:
        """No encoding: a byte string in 1.0, a Buffer in 2.0 (runtime features page)."""
        raw = hashlib.sha1(b"x").digest()
        assert evaluate("crypto.createHash('sha1').update('x').digest()", V1) == raw.decode(
            "latin-1"
        )
        got = evaluate("crypto.createHash('sha1').update('x').digest().toString('hex')", V2)
        assert got == raw.hex()

    def test_unknown_algorithm(self) -> None:
        fn = compile_function(
            "var c = require('crypto'); function handler(e) { c.createHash('sha512'); }", V2
        )
        assert fn.run({}, time_limit_ms=1000).error == "Error: Invalid hash algorithm: sha512"


class TestQuerystring:
    def test_node_doc_examples(self) -> None:
        """The examples of Node's querystring documentation."""
        assert evaluate("qs.parse('foo=bar&abc=xyz&abc=123')") == {
            "foo": "bar",
            "abc": ["xyz", "123"],
        }
        assert (
            evaluate("qs.stringify({ foo: 'bar', baz: ['qux', 'quux'], corge: '' })")
            == "foo=bar&baz=qux&baz=quux&corge="
        )
        assert evaluate("qs.stringify({ foo: 'bar', baz: 'qux' }, ';', ':')") == "foo:bar;baz:qux"

    def test_decoding(self) -> None:
        """'+' is a space, %XX is UTF-8, a malformed escape is kept."""
        assert evaluate("qs.parse('a=b+c&d=%E2%82%AC&bad=%E2%82&x')") == {
            "a": "b c",
            "d": "\u20ac",
            "bad": "\ufffd",
            "x": "",
        }

    def test_values_stringified_as_node_does(self) -> None:
        got = evaluate("qs.stringify({n: 1, t: true, u: undefined, o: {}, inf: Infinity})")
        assert got == "n=1&t=true&u=&o=&inf="

    @settings(max_examples=40, deadline=None)
    @given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=50))
    def test_escape_matches_urllib(self, text: str) -> None:
        """escape() keeps Node's unreserved set; unescape() inverts it."""
        got = evaluate("[qs.escape(e.t), qs.unescape(qs.escape(e.t))]", t=text)
        assert got == [urllib.parse.quote(text, safe="-_.!~*'()"), text]


class TestBuffer:
    @pytest.mark.parametrize(
        ("enc", "expected"),
        [
            ("base64", "aGVsbG8gd29ybGQ="),
            ("hex", "68656c6c6f20776f726c64"),
            ("base64url", "aGVsbG8gd29ybGQ"),
            ("utf8", "hello world"),
        ],
    )
    def test_to_string(self, enc: str, expected: str) -> None:
        assert evaluate(f"Buffer.from('hello world').toString('{enc}')") == expected

    @settings(max_examples=30, deadline=None)
    @given(st.binary(max_size=100))
    def test_round_trips(self, raw: bytes) -> None:
        b64, hexed = base64.b64encode(raw).decode(), raw.hex()
        got = evaluate(
            "[Buffer.from(e.b, 'base64').toString('hex'),"
            " Buffer.from(e.h, 'hex').toString('base64'),"
            " Buffer.from(e.b, 'base64').length]",
            b=b64,
            h=hexed,
        )
        assert got == [hexed, b64, len(raw)]

    def test_utf8_decode_replaces_bad_bytes(self) -> None:
        got = evaluate("Buffer.from('68c3', 'hex').toString('utf8') + Buffer.from('é').length")
        assert got == "h\ufffd2"

    def test_buffer_module_and_helpers(self) -> None:
        got = evaluate(
            "[require('buffer').Buffer === Buffer, Buffer.isBuffer(Buffer.alloc(2)),"
            " Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(),"
            " Buffer.byteLength('€')]"
        )
        assert got == [True, True, "ab", 3]


class DictKvs:
    """A KeyValueStore view over a dict, for the tests."""

    def __init__(self, data: dict[str, str]) -> None:
        self.data = data

    def get(self, key: str, format: str = "string") -> Any:
        value = self.data[key]
        if format == "json":
            return json.loads(value)
        if format == "bytes":
            return value.encode()
        return value

    def exists(self, key: str) -> bool:
        return key in self.data

    def meta(self) -> dict[str, Any]:
        return {"keyCount": len(self.data)}


class TestCloudfrontModule:
    def test_kvs_formats_exists_meta(self) -> None:
        code = """import cf from 'cloudfront';
const kvs = cf.kvs();
async function handler(event) {
  const s = await kvs.get('s');
  const j = await kvs.get('j', {format: 'json'});
  const b = await kvs.get('s', {format: 'bytes'});
  let missing;
  try { await kvs.get('nope'); } catch (err) { missing = String(err); }
  return {s: s, j: j, b: b.toString('hex'), has: await kvs.exists('s'),
          no: await kvs.exists('nope'), meta: await kvs.meta(), missing: missing};
}"""
        stores: list[str] = []

        def opener(store_id: str) -> DictKvs:
            stores.append(store_id)
            return DictKvs({"s": "hi", "j": '{"a": [1]}'})

        run = compile_function(code, V2).run({}, kvs=opener, time_limit_ms=2000)
        assert run.error is None
        assert run.output == {
            "s": "hi",
            "j": {"a": [1]},
            "b": "6869",
            "has": True,
            "no": False,
            "meta": {"keyCount": 2},
            "missing": "Error: Key nope not found",
        }
        assert set(stores) == {""}

    def test_kvs_by_id(self) -> None:
        code = (
            "import cf from 'cloudfront';\n"
            "async function handler(e) { return {v: await cf.kvs('kvs-1').get('k')}; }"
        )
        run = compile_function(code, V2).run(
            {}, kvs=lambda sid: DictKvs({"k": sid}), time_limit_ms=2000
        )
        assert run.output == {"v": "kvs-1"}

    def test_kvs_without_a_store(self) -> None:
        code = (
            "import cf from 'cloudfront';\n"
            "async function handler(e) { return {v: await cf.kvs().get('k')}; }"
        )
        run = compile_function(code, V2).run({}, time_limit_ms=2000)
        assert run.output is None and run.error is not None

    def test_origin_helpers_recorded(self) -> None:
        """cf.updateRequestOrigin and friends are recorded, in order, for the pipeline to apply."""
        code = """import cf from 'cloudfront';
function handler(event) {
  cf.updateRequestOrigin({domainName: 'b.example.com', timeouts: {readTimeout: 30}});
  cf.selectRequestOriginById('origin-2');
  cf.createRequestOriginGroup({originIds: ['a', 'b'], failoverCriteria: {statusCodes: [500]}});
  return event.request;
}"""
        run = compile_function(code, V2).run({"request": {"uri": "/"}}, time_limit_ms=2000)
        assert [u["helper"] for u in run.origin_updates] == [
            "updateRequestOrigin",
            "selectRequestOriginById",
            "createRequestOriginGroup",
        ]
        assert run.origin_updates[1]["args"] == ["origin-2"]
        assert run.origin_updates[0]["args"][0]["domainName"] == "b.example.com"

    def test_origin_updates_reset_between_runs(self) -> None:
        code = (
            "import cf from 'cloudfront';\nfunction handler(e) {"
            " if (e.go) { cf.selectRequestOriginById('x'); } return {}; }"
        )
        fn = compile_function(code, V2)
        assert len(fn.run({"go": True}, time_limit_ms=1000).origin_updates) == 1
        assert fn.run({"go": False}, time_limit_ms=1000).origin_updates == ()
