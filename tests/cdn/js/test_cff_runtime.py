"""The CloudFront Functions runtime: limits, refusals, logs, state between calls."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

pytest.importorskip("quickjs")

from pyserverless.cdn._js import (
    MAX_LOG_BYTES,
    THROTTLED_MESSAGE,
    FunctionCodeError,
    compile_function,
    run_python,
)

V1, V2 = "cloudfront-js-1.0", "cloudfront-js-2.0"
EVENT: dict[str, Any] = {
    "version": "1.0",
    "context": {"eventType": "viewer-request"},
    "viewer": {"ip": "1.2.3.4"},
    "request": {"method": "GET", "uri": "/", "querystring": {}, "headers": {}, "cookies": {}},
}


def run(code: str, runtime: str = V2, **kw: Any) -> Any:
    kw.setdefault("time_limit_ms", 1000)
    return compile_function(code, runtime).run(EVENT, **kw)


class TestSize:
    def _code(self, size: int) -> str:
        head = "function handler(e) { return e.request; }\n//"
        return head + "x" * (size - len(head))

    def test_10240_bytes_accepted(self) -> None:
        """10 KB exactly is the largest function CloudFront takes."""
        assert run(self._code(10_240)).output["uri"] == "/"

    def test_10241_bytes_refused(self) -> None:
        """One byte more is FunctionSizeLimitExceeded."""
        with pytest.raises(FunctionCodeError) as info:
            compile_function(self._code(10_241), V2)
        assert info.value.code == "FunctionSizeLimitExceeded"

    def test_size_counts_utf8_bytes(self) -> None:
        """A multi-byte character counts its UTF-8 bytes."""
        code = self._code(10_239) + "é"
        assert len(code) == 10_240
        with pytest.raises(FunctionCodeError):
            compile_function(code, V2)


class TestRuntime10:
    @pytest.mark.parametrize(
        "decl",
        [
            "const a = 1;",
            "let a = 1;",
            "let [a] = [1];",
            "var f = async function () {};",
            "var g = async (x) => x;",
        ],
    )
    def test_const_let_refused_in_1_0(self, decl: str) -> None:
        """Runtime 1.0 refuses const, let and async (2.0 statements) at compile time."""
        with pytest.raises(FunctionCodeError) as info:
            compile_function(f"function handler(e) {{ {decl} return e.request; }}", V1)
        assert "not supported in this version" in info.value.message
        assert info.value.code == "InvalidArgument"

    def test_async_handler_refused_in_1_0(self) -> None:
        with pytest.raises(FunctionCodeError) as info:
            compile_function("async function handler(e) { return await e.request; }", V1)
        assert info.value.message == 'SyntaxError: Token "async" not supported in this version in 1'

    def test_identifiers_named_let_or_async_in_1_0(self) -> None:
        """ES 5.1 lets `let` and `async` be plain names."""
        code = "function handler(e) { var async = 1, let = 2; return {v: async + let}; }"
        assert run(code, V1).output == {"v": 3}

    @pytest.mark.parametrize("decl", ["const a = 1;", "let a = 1;", "var f = async () => 1;"])
    def test_const_let_accepted_in_2_0(self, decl: str) -> None:
        """Runtime 2.0 takes them."""
        assert run(f"function handler(e) {{ {decl} return e.request; }}", V2).error is None

    def test_words_in_strings_comments_and_properties_are_not_declarations(self) -> None:
        """'const' in a string, a comment, a regex or as a property name is fine in 1.0."""
        code = (
            "// const x\n/* let y = 1 */\nfunction handler(e) {"
            " var o = {let: 1}; o.const = 'const a';"
            " var r = /let x/; var let1 = `let z`; e.request.uri = o.const; return e.request; }"
        )
        assert run(code, V1).output["uri"] == "const a"

    def test_arrow_functions_and_templates_in_1_0(self) -> None:
        """1.0 supports arrow functions and template literals (runtime 1.0 features)."""
        code = "function handler(e) { var f = (x) => `${x}!`; return {uri: f('/a')}; }"
        assert run(code, V1).output == {"uri": "/a!"}

    def test_no_buffer_in_1_0(self) -> None:
        """Buffer is a 2.0 module."""
        assert run("function handler(e) { return {t: typeof Buffer}; }", V1).output == {
            "t": "undefined"
        }

    def test_syntax_error_refused(self) -> None:
        """A syntax error is refused at compile time."""
        with pytest.raises(FunctionCodeError) as info:
            compile_function("function handler(e) { return e.request; ", V2)
        assert info.value.message.startswith("SyntaxError")

    def test_unknown_runtime(self) -> None:
        with pytest.raises(FunctionCodeError):
            compile_function("function handler(e) {}", "cloudfront-js-3.0")


class TestForbidden:
    @pytest.mark.parametrize(
        "name", ["fetch", "XMLHttpRequest", "setTimeout", "setInterval", "eval"]
    )
    def test_absent_globals(self, name: str) -> None:
        """Network, timers and dynamic evaluation are absent from the global scope."""
        assert run(f"function handler(e) {{ return {{t: typeof {name}}}; }}").output == {
            "t": "undefined"
        }

    def test_function_constructor_refused(self) -> None:
        """The Function constructor (dynamic code) throws."""
        out = run("function handler(e) { return (function(){}).constructor('return 1')(); }")
        assert out.error == 'TypeError: function constructor is disabled in "safe" mode'

    def test_unknown_module(self) -> None:
        """Only the runtime's modules can be imported."""
        out = run("import fs from 'fs';\nfunction handler(e) { return e.request; }")
        assert out.error == 'Error: Cannot find module "fs"'

    def test_cloudfront_module_is_2_0_only(self) -> None:
        """In 1.0, ES imports are a syntax error."""
        with pytest.raises(FunctionCodeError):
            compile_function(
                "import cf from 'cloudfront';\nfunction handler(e) { return e.request; }", V1
            )


class TestErrors:
    def test_thrown_error(self) -> None:
        """A thrown error becomes the run's error text, logs kept."""
        out = run("function handler(e) { console.log('before'); throw new Error('boom'); }")
        assert (out.output, out.error, out.logs, out.throttled) == (
            None,
            "Error: boom",
            ("before",),
            False,
        )

    def test_type_error(self) -> None:
        out = run("function handler(e) { return e.nothing.uri; }")
        assert out.error is not None and out.error.startswith("TypeError")

    def test_missing_handler(self) -> None:
        assert (
            run("function other(e) { return e.request; }").error
            == "ReferenceError: handler is not defined"
        )

    def test_non_object_result(self) -> None:
        assert run("function handler(e) { return 5; }").error is not None

    def test_rejected_promise(self) -> None:
        out = run("async function handler(e) { throw new Error('late'); }")
        assert out.error == "Error: late"


class TestLimits:
    def test_infinite_loop_is_throttled_in_bounded_time(self) -> None:
        """Past the time limit the run stops: throttled, compute utilization 100."""
        started = time.perf_counter()
        out = run("function handler(e) { while (true) {} }", time_limit_ms=20)
        assert time.perf_counter() - started < 2
        assert (out.throttled, out.error, out.compute_utilization) == (True, THROTTLED_MESSAGE, 100)

    def test_quick_function_is_not_throttled(self) -> None:
        out = run("function handler(e) { return e.request; }", time_limit_ms=1000)
        assert not out.throttled and 0 <= out.compute_utilization < 100

    def test_memory_limit(self) -> None:
        """Over 2 MB of allocation fails; just under works."""
        grow = (
            "function handler(e) { var a = []; for (var i = 0; i < N; i++) a.push('x' + i);"
            " return {n: a.length}; }"
        )
        assert run(grow.replace("N", "1000")).output == {"n": 1000}
        out = run(grow.replace("N", "1000000"))
        assert out.output is None and out.error == "InternalError: out of memory"

    def test_context_recovers_after_failure(self) -> None:
        """A run after an out-of-memory or throttled run works."""
        fn = compile_function(
            "function handler(e) { if (e.loop) { while (true) {} } return e.request; }", V2
        )
        assert fn.run({**EVENT, "loop": True}, time_limit_ms=10).throttled
        assert fn.run(EVENT, time_limit_ms=1000).output == EVENT["request"]


class TestLogs:
    def test_console_log_captured(self) -> None:
        out = run(
            "function handler(e) { console.log('a', 1, {b: 2}); console.error('c');"
            " return e.request; }"
        )
        assert out.logs == ('a 1 {"b":2}', "c")

    def test_logs_cut_at_10_kb(self) -> None:
        """Logs are cut at 10 KB: the line crossing the limit is cut, later lines dropped."""
        out = run(
            "function handler(e) { for (var i = 0; i < 30; i++) console.log('x'.repeat(999));"
            " return e.request; }"
        )
        assert sum(len(line) for line in out.logs) == MAX_LOG_BYTES
        assert len(out.logs) == 11 and len(out.logs[-1]) == MAX_LOG_BYTES - 10 * 999

    def test_logs_under_the_cap_kept_whole(self) -> None:
        out = run(
            "function handler(e) { for (var i = 0; i < 10; i++) console.log('x'.repeat(1024));"
            " return e.request; }"
        )
        assert sum(len(line) for line in out.logs) == MAX_LOG_BYTES and len(out.logs) == 10


class TestFreshState:
    def test_top_level_state_does_not_survive(self) -> None:
        """CloudFront keeps no state between invocations: top-level vars start over."""
        fn = compile_function("var n = 0; function handler(e) { n++; return {n: n}; }", V2)
        assert [fn.run(EVENT, time_limit_ms=1000).output for _ in range(3)] == [{"n": 1}] * 3

    def test_implicit_globals_do_not_survive(self) -> None:
        fn = compile_function(
            "function handler(e) { seen = (typeof seen === 'undefined') ? 1 : seen + 1;"
            " return {n: seen}; }",
            V1,
        )
        assert [fn.run(EVENT, time_limit_ms=1000).output for _ in range(2)] == [{"n": 1}] * 2

    def test_prototype_changes_do_not_survive(self) -> None:
        fn = compile_function(
            "function handler(e) { var had = typeof ''.shout;"
            " String.prototype.shout = function () { return 1; };"
            " return {had: had}; }",
            V2,
        )
        assert [fn.run(EVENT, time_limit_ms=1000).output for _ in range(2)] == [
            {"had": "undefined"}
        ] * 2

    def test_namespace_changes_do_not_survive(self) -> None:
        fn = compile_function(
            "function handler(e) { var had = typeof Math.extra; Object.assign(Math, {extra: 1});"
            " return {had: had}; }",
            V1,
        )
        assert [fn.run(EVENT, time_limit_ms=1000).output for _ in range(2)] == [
            {"had": "undefined"}
        ] * 2


class TestPython:
    def test_python_callable(self) -> None:
        def handler(event: dict[str, Any]) -> dict[str, Any]:
            event["request"]["uri"] = "/index.html"
            return event["request"]

        out = run_python(handler, EVENT, time_limit_ms=1000)
        assert out.output is not None and out.output["uri"] == "/index.html"
        assert EVENT["request"]["uri"] == "/"  # the caller's event is not touched

    def test_python_error(self) -> None:
        def handler(event: dict[str, Any]) -> dict[str, Any]:
            raise ValueError("bad")

        assert run_python(handler, EVENT, time_limit_ms=1000).error == "ValueError: bad"


class TestMore:
    def test_deep_recursion_is_an_error(self) -> None:
        out = run("function f(n) { return f(n + 1) + 1; } function handler(e) { return f(0); }")
        assert out.error == "RangeError: Maximum call stack size exceeded"

    def test_never_settled_promise(self) -> None:
        out = run("async function handler(e) { await new Promise(function () {}); return {}; }")
        assert out.output is None and out.error is not None

    def test_named_imports(self) -> None:
        code = (
            "import { createHash as h } from 'crypto';\n"
            "function handler(e) { return {v: h('md5').update('').digest('hex')}; }"
        )
        assert run(code).output == {"v": "d41d8cd98f00b204e9800998ecf8427e"}

    def test_date_follows_now_ms(self) -> None:
        """Date.now() and new Date() read the time the caller passes (the Cloud's clock)."""
        code = "function handler(e) { return {a: Date.now(), b: new Date().toISOString()}; }"
        out = run(code, V1, now_ms=1_750_000_000_000).output
        assert out == {"a": 1_750_000_000_000, "b": "2025-06-15T15:06:40.000Z"}

    def test_threads_get_their_own_context(self) -> None:
        """A compiled function runs from several threads (one quickjs context per thread)."""
        fn = compile_function("function handler(e) { return {v: e.v}; }", V2)
        results: list[bool] = []

        def work(base: int) -> None:
            for j in range(50):
                out = fn.run({"v": base + j}, time_limit_ms=1000).output
                results.append(out == {"v": base + j})

        threads = [threading.Thread(target=work, args=(i * 1000,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == [True] * 150


class TestLimitEdges:
    @pytest.mark.parametrize(("size", "fits"), [(2_000_000, True), (2_100_000, False)])
    def test_two_megabytes(self, size: int, fits: bool) -> None:
        """A 2,000,000-byte string fits in 2 MB (2,097,152 bytes); 2,100,000 does not."""
        out = run(f"function handler(e) {{ return {{n: 'x'.repeat({size}).length}}; }}")
        assert (out.output == {"n": size}) is fits
        assert (out.error == "InternalError: out of memory") is not fits

    def test_the_byte_after_10_kb_of_logs_is_dropped(self) -> None:
        """10 lines of 1,024 bytes fill the 10 KB; a further line is dropped whole."""
        out = run(
            "function handler(e) { for (var i = 0; i < 10; i++) console.log('x'.repeat(1024));"
            " console.log('y'); return e.request; }"
        )
        assert len(out.logs) == 10 and "y" not in "".join(out.logs)

    def test_multibyte_log_lines_count_bytes(self) -> None:
        """The cap counts UTF-8 bytes: 5,121 two-byte characters are cut to 5,120."""
        out = run("function handler(e) { console.log('é'.repeat(5121)); return e.request; }")
        assert out.logs == ("é" * 5120,)


def test_nul_character_is_a_code_error() -> None:
    """Code holding a NUL is refused as InvalidArgument, never a bare ValueError."""
    from pyserverless.cdn._js_source import FunctionCodeError

    with pytest.raises(FunctionCodeError) as err:
        compile_function("function handler(e) { return e.request; }\x00", V2)
    assert err.value.code == "InvalidArgument"
