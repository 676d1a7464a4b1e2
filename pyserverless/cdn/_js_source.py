"""Checking and preparing a CloudFront function's source before quickjs-ng compiles it.

The checks quickjs-ng would not make itself: the 10 KB size quota, the declarations runtime 1.0
refuses (``const`` and ``let``), and the ES module imports of runtime 2.0 rewritten to our shims.
"""

from __future__ import annotations

import re

from .._core.text import digits

__all__ = [
    "MAX_CODE_BYTES",
    "RUNTIMES",
    "FunctionCodeError",
    "check_size",
    "needs_fresh_context",
    "refused_v1_token",
    "rewrite_imports",
]

MAX_CODE_BYTES = 10_240  # "Maximum size of a function: 10 KB" (CloudFront quotas)
RUNTIMES = ("cloudfront-js-1.0", "cloudfront-js-2.0")


class FunctionCodeError(Exception):
    """A function's code that CloudFront refuses: ``code`` is the CloudFront error code.

    >>> FunctionCodeError("The function is too large.", code="FunctionSizeLimitExceeded").code
    'FunctionSizeLimitExceeded'
    """

    def __init__(self, message: str, *, code: str = "InvalidArgument") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def check_size(code: str) -> None:
    """Refuse code over 10 KB (UTF-8 bytes), as CreateFunction/UpdateFunction do."""
    if len(code.encode("utf-8")) > MAX_CODE_BYTES:
        raise FunctionCodeError("The function is too large.", code="FunctionSizeLimitExceeded")


_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
# After these, a "/" starts a regular expression literal rather than a division.
_REGEX_AFTER_WORDS = frozenset(
    {
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
    }
)


def _skip_string(src: str, i: int, quote: str) -> int:
    i += 1
    while i < len(src) and src[i] != quote:
        i += 2 if src[i] == "\\" else 1
    return i + 1


def _skip_regex(src: str, i: int) -> int:
    i += 1
    in_class = False
    while i < len(src) and src[i] != "\n":
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            return i + 1
        i += 1
    return i


def _tokens(src: str) -> list[tuple[str, int]]:
    """Words and punctuation of ``src`` with their offsets; strings, comments, regexes skipped.

    Template literals are skipped whole (their ``${}`` parts are not scanned).
    """
    out: list[tuple[str, int]] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif ch in "'\"`":
            i = _skip_string(src, i, ch)
            out.append(("<str>", i))
        elif ch == "/":
            prev = out[-1][0] if out else ""
            if (
                not prev
                or prev in _REGEX_AFTER_WORDS
                or not (prev[0].isalnum() or prev[0] in "_$)]<")
            ):
                i = _skip_regex(src, i)
                out.append(("<str>", i))
            else:
                out.append(("/", i))
                i += 1
        elif match := _IDENT.match(src, i):
            out.append((match.group(), i))
            i = match.end()
        elif digits(ch):
            j = i
            while j < n and (src[j].isalnum() or src[j] == "."):
                j += 1
            out.append(("<num>", i))
            i = j
        else:
            out.append((ch, i))
            i += 1
    return out


# Each 2.0-only word, with what may follow it (besides an identifier) when it is used as such.
_V2_WORDS: dict[str, tuple[str, ...]] = {
    "const": (),
    "let": ("[", "{"),
    "async": ("(",),
    "await": ("(", "[", "<str>", "<num>"),
}


def refused_v1_token(code: str) -> FunctionCodeError | None:
    """The error for what runtime 1.0 lacks (``const``, ``let``, ``async``, ``await``), or None.

    Those four are the statements the 2.0 feature page lists as new in 2.0. ``let``,
    ``async`` and ``await`` stay usable as plain identifiers, as in ES 5.1.

    >>> refused_v1_token("var a = 1; // const b").__class__
    <class 'NoneType'>
    >>> str(refused_v1_token("function handler(e) {\\n  let x = 1;\\n}"))
    'SyntaxError: Token "let" not supported in this version in 2'
    """
    toks = _tokens(code)
    for k, (word, pos) in enumerate(toks):
        if word not in _V2_WORDS or (k and toks[k - 1][0] == "."):
            continue
        after = toks[k + 1][0] if k + 1 < len(toks) else ""
        if word != "const" and not (after in _V2_WORDS[word] or _IDENT.fullmatch(after)):
            continue  # a plain identifier (ES5 allows it)
        line = code.count("\n", 0, pos) + 1
        return FunctionCodeError(
            f'SyntaxError: Token "{word}" not supported in this version in {line}'
        )
    return None


_IMPORT = re.compile(
    r"""^([ \t]*)import\s+(?:(?P<default>[A-Za-z_$][\w$]*)|\*\s+as\s+(?P<ns>[A-Za-z_$][\w$]*)|"""
    r"""\{(?P<names>[^}]*)\})\s+from\s+(['"])(?P<mod>[^'"]+)\5[ \t]*;?""",
    re.MULTILINE,
)


def _import_replacement(match: re.Match[str]) -> str:
    indent, mod = match.group(1), match.group("mod")
    name = match.group("default") or match.group("ns")
    if name:
        return f"{indent}var {name} = __require({mod!r});"
    binds = []
    for part in match.group("names").split(","):
        words = part.split()
        if not words:
            continue
        src, dst = (
            (words[0], words[2]) if len(words) == 3 and words[1] == "as" else (words[0], words[0])
        )
        binds.append(f"{dst} = __require({mod!r}).{src}")
    return f"{indent}var {', '.join(binds)};" if binds else ""


def rewrite_imports(code: str) -> str:
    """Turn ``import x from 'm'`` lines into ``var x = __require('m');`` (same line count).

    >>> rewrite_imports("import cf from 'cloudfront';\\nimport { createHash as h } from 'crypto'")
    "var cf = __require('cloudfront');\\nvar h = __require('crypto').createHash;"
    """
    return _IMPORT.sub(_import_replacement, code)


# Code that may change built-in objects (prototypes, namespaces) gets a fresh context per call,
# since such changes would otherwise outlive the call; plain functions reuse one context.
_BUILTINS = (
    r"(?:Object|Array|String|Number|Math|JSON|Date|RegExp|Boolean|Error|Promise|Symbol|Buffer|"
    r"Uint8Array|Map|Set|Intl|console|crypto|querystring)"
)
_BUILTIN_TOUCH = re.compile(
    r"prototype|__proto__|defineProperty|setPrototypeOf|globalThis|Reflect|"
    rf"Object\s*\.\s*assign\s*\(\s*{_BUILTINS}\b|"
    rf"\b{_BUILTINS}\s*\.\s*[\w$]+\s*(?:=[^=]|\+=|-=)|\b(?:Object|Math|JSON)\s*\[",
)


def needs_fresh_context(code: str) -> bool:
    """Whether ``code`` may touch built-ins, so each call must run in a new context.

    >>> needs_fresh_context("function handler(e) { return e.request; }")
    False
    >>> needs_fresh_context("String.prototype.x = 1; function handler(e) { return e.request; }")
    True
    >>> needs_fresh_context("function handler(e) { return Object.assign({}, e.request); }")
    False
    >>> needs_fresh_context("function handler(e) { Object.assign(Math, {x: 1}); return {}; }")
    True
    """
    return _BUILTIN_TOUCH.search(code) is not None
