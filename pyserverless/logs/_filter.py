"""CloudWatch Logs filter patterns, parsed once into a matcher.

Four forms, as AWS documents them ("Filter pattern syntax"):

- terms: ``ERROR``, ``"quoted phrase"``, ``-excluded``, ``?either ?or``; every plain term
  must appear, no ``-`` term may, and at least one ``?`` term must when there are any.
  Terms are case-sensitive substrings; a term with characters other than letters,
  digits and ``_`` must be quoted.
- JSON: ``{ $.level = "ERROR" && $.latency > 100 }`` on messages that are JSON objects:
  ``=`` / ``!=`` on strings (``*`` a wildcard) and numbers, ``<``, ``<=``, ``>``,
  ``>=`` on numbers, ``IS TRUE``, ``IS FALSE``, ``IS NULL``, ``NOT EXISTS``, ``&&``,
  ``||`` and parentheses; selectors ``$.a.b`` and ``$.a[0]``.
- space-delimited: ``[ip, user, ..., status = 4*, bytes > 1000]`` on whitespace-separated
  fields (``"..."`` and ``[...]`` each one field, ``...`` any number of fields).
- regular expression: ``%ERROR [0-9]+%``.

>>> compile_pattern("ERROR -retry")("ERROR in handler")
True
>>> compile_pattern('{ $.level = "ERR*" }')('{"level": "ERROR"}')
True
>>> compile_pattern("[ip, status = 4*, ...]")("10.0.0.1 404 GET /x")
True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from . import _messages as msg
from ._errors import InvalidParameterException

__all__ = ["Matcher", "compile_pattern", "match_all"]

Matcher = Callable[[str], bool]
_BARE_TERM = re.compile(r"[A-Za-z0-9_]+")
_MISSING = object()
#: A delimited field compared with a number that is not one (it equals no number).
_NOT_A_NUMBER = "<not a number>"


def compile_pattern(pattern: str | None) -> Matcher:
    """A function telling whether a message matches ``pattern`` (InvalidParameterException
    if the pattern does not parse)."""
    text = (pattern or "").strip()
    if not text:
        return match_all
    if text.startswith("{"):
        return _JsonParser(text).parse()
    if text.startswith("["):
        return _delimited(text)
    if len(text) >= 2 and text.startswith("%") and text.endswith("%"):
        try:
            regex = re.compile(text[1:-1])
        except re.error as err:
            raise InvalidParameterException(msg.BAD_FILTER.format(why=err)) from None
        return lambda message: regex.search(message) is not None
    return _terms(text)


def match_all(_message: str) -> bool:
    """The matcher of an empty pattern: every message."""
    return True


_always = match_all


# -- terms ------------------------------------------------------------------------------
_TERM = re.compile(r'\s*([?-]?)(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))')


def _terms(text: str) -> Matcher:
    required: list[str] = []
    excluded: list[str] = []
    optional: list[str] = []
    pos = 0
    while pos < len(text):
        found = _TERM.match(text, pos)
        if found is None:
            if text[pos:].strip():
                raise InvalidParameterException(msg.BAD_FILTER.format(why="unbalanced quotes"))
            break
        pos = found.end()
        mark, quoted, bare = found.groups()
        if bare is not None:
            if not _BARE_TERM.fullmatch(bare):
                # AWS names the first character a bare term may not hold: "in term ':'".
                bad = next(c for c in bare if not _BARE_TERM.fullmatch(c))
                raise InvalidParameterException(msg.BAD_PATTERN.format(term=bad))
            term = bare
        else:
            term = quoted.replace('\\"', '"')
        {"": required, "-": excluded, "?": optional}[mark].append(term)

    if len(required) == 1 and not excluded and not optional:
        only = required[0]
        return lambda message: only in message

    def match(message: str) -> bool:
        for term in required:
            if term not in message:
                return False
        for term in excluded:
            if term in message:
                return False
        if not optional:
            return True
        for term in optional:  # noqa: SIM110 - a loop is faster than any() over a generator
            if term in message:
                return True
        return False

    return match


# -- values -----------------------------------------------------------------------------
def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _wildcard(text: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in text.split("*")), re.DOTALL)


def _compare(op: str, raw: str, quoted: bool) -> Callable[[Any], bool]:
    """A test of one value against ``raw`` with ``op`` (strings or numbers)."""
    number = _numeric(op, raw, quoted)
    if op in ("<", "<=", ">", ">="):
        if number is None:
            raise InvalidParameterException(msg.BAD_FILTER.format(why=f"{op} needs a number"))
        bound = number
        return {
            "<": lambda v: _is_number(v) and v < bound,
            "<=": lambda v: _is_number(v) and v <= bound,
            ">": lambda v: _is_number(v) and v > bound,
            ">=": lambda v: _is_number(v) and v >= bound,
        }[op]
    if number is not None:
        equal: Callable[[Any], bool] = lambda v: _is_number(v) and v == number  # noqa: E731
    else:
        shape = _wildcard(raw)
        equal = lambda v: isinstance(v, str) and shape.fullmatch(v) is not None  # noqa: E731
    if op == "=":
        return equal
    return lambda v: v is not _MISSING and not equal(v)


def _numeric(op: str, raw: str, quoted: bool) -> float | None:
    """The number ``raw`` stands for, when ``op`` compares numbers (else None)."""
    return None if quoted else _number(raw)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- JSON -------------------------------------------------------------------------------
_JSON_TOKEN = re.compile(
    r"""\s*(?:
        (?P<sel>\$(?:\.[A-Za-z0-9_\-]+|\[\d+\])*)
      | (?P<op>&&|\|\||!=|<=|>=|=|<|>|\(|\))
      | "(?P<str>(?:[^"\\]|\\.)*)"
      | (?P<word>[^\s()=!<>&|"]+)
    )""",
    re.VERBOSE,
)
_SEL_PART = re.compile(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]")
#: Keys and values that JSON writes as they are (no escapes): safe to look for as text.
_PLAIN = re.compile(r"[A-Za-z0-9_\-. ]+")
#: A parsed piece of a JSON pattern: its test and the texts any match contains.
_Node = tuple[Callable[[Any], bool], frozenset[str]]


class _JsonParser:
    """Recursive descent over ``{ ... }``: || over && over comparisons."""

    def __init__(self, text: str) -> None:
        if not text.endswith("}"):
            raise InvalidParameterException(msg.BAD_FILTER.format(why="missing }"))
        self.tokens = self._lex(text[1:-1])
        self.pos = 0

    @staticmethod
    def _lex(body: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        pos = 0
        while body[pos:].strip():
            found = _JSON_TOKEN.match(body, pos)
            if found is None or found.end() == pos:
                raise InvalidParameterException(msg.BAD_FILTER.format(why=body[pos:].strip()))
            kind = found.lastgroup or ""
            out.append((kind, found.group(kind)))
            pos = found.end()
            nxt = body[pos : pos + 1]
            if kind == "sel" and nxt and not nxt.isspace() and nxt not in "()=!<>&|":
                # [O] AWS names the selector up to the character it stopped at:
                # '{ $."sc-status" = 5* }' is "Invalid character(s) in term '$."'".
                bad = body[pos : pos + 2] if nxt == "." else nxt
                raise InvalidParameterException(
                    msg.BAD_PATTERN.format(term=found.group(kind) + bad)
                )
        return out

    def parse(self) -> Matcher:
        if not self.tokens:
            raise InvalidParameterException(msg.BAD_FILTER.format(why="empty {}"))
        test, needles = self._or()
        if self.pos != len(self.tokens):
            raise InvalidParameterException(msg.BAD_FILTER.format(why=self.tokens[self.pos][1]))
        loads = json.loads

        def match(message: str) -> bool:
            # Texts a match needs (keys, plain string values) are looked for before parsing.
            for needle in needles:
                if needle not in message:
                    return False
            try:
                doc = loads(message)
            except ValueError:
                return False
            return isinstance(doc, dict) and test(doc)

        return match

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise InvalidParameterException(msg.BAD_FILTER.format(why="unexpected end"))
        self.pos += 1
        return token

    def _or(self) -> _Node:
        parts = [self._and()]
        while self._peek() == ("op", "||"):
            self.pos += 1
            parts.append(self._and())
        if len(parts) == 1:
            return parts[0]
        tests = [t for t, _ in parts]
        shared = frozenset.intersection(*(n for _, n in parts))
        return (lambda doc: any(t(doc) for t in tests)), shared

    def _and(self) -> _Node:
        parts = [self._unary()]
        while self._peek() == ("op", "&&"):
            self.pos += 1
            parts.append(self._unary())
        if len(parts) == 1:
            return parts[0]
        tests = [t for t, _ in parts]
        return (lambda doc: all(t(doc) for t in tests)), frozenset().union(*(n for _, n in parts))

    def _unary(self) -> _Node:
        if self._peek() == ("op", "("):
            self.pos += 1
            inner = self._or()
            if self._take() != ("op", ")"):
                raise InvalidParameterException(msg.BAD_FILTER.format(why="missing )"))
            return inner
        kind, selector = self._take()
        if kind != "sel":
            raise InvalidParameterException(msg.BAD_FILTER.format(why=selector))
        path: list[str | int] = [
            name if name else int(index) for name, index in _SEL_PART.findall(selector[1:])
        ]
        test, needles = self._condition()
        key = path[-1] if path else None
        if needles is not None and isinstance(key, str) and _PLAIN.fullmatch(key):
            needles = needles | {f'"{key}"'}
        return (lambda doc: test(_select(doc, path))), needles or frozenset()

    def _condition(self) -> tuple[Callable[[Any], bool], frozenset[str] | None]:
        """The test of a selected value, and the texts a match needs (None: the key may
        be absent, so not even it is needed)."""
        kind, text = self._take()
        if kind == "word" and text.upper() in ("IS", "NOT"):
            _, what = self._take()
            phrase = f"{text.upper()} {what.upper()}"
            checks: dict[str, Callable[[Any], bool]] = {
                "IS NULL": lambda v: v is None,
                "NOT EXISTS": lambda v: v is _MISSING,
                "IS TRUE": lambda v: v is True,
                "IS FALSE": lambda v: v is False,
            }
            if phrase not in checks:
                raise InvalidParameterException(msg.BAD_FILTER.format(why=phrase))
            return checks[phrase], None if phrase == "NOT EXISTS" else frozenset()
        if kind != "op" or text not in ("=", "!=", "<", "<=", ">", ">="):
            raise InvalidParameterException(msg.BAD_FILTER.format(why=text))
        value_kind, value = self._take()
        if value_kind not in ("str", "word"):
            raise InvalidParameterException(msg.BAD_FILTER.format(why=value))
        test = _compare(text, value, value_kind == "str")
        plain = text == "=" and _number(value) is None and _PLAIN.fullmatch(value)
        return test, frozenset({value}) if plain else frozenset()


def _select(doc: Any, path: list[str | int]) -> Any:
    current = doc
    for step in path:
        if isinstance(step, int):
            if not isinstance(current, list) or step >= len(current):
                return _MISSING
            current = current[step]
        else:
            if not isinstance(current, dict) or step not in current:
                return _MISSING
            current = current[step]
    return current


# -- space-delimited --------------------------------------------------------------------
_FIELD = re.compile(r'"[^"]*"|\[[^\]]*\]|\S+')
_CONDITION = re.compile(r"\s*([A-Za-z0-9_]+)\s*(!=|<=|>=|=|<|>)\s*(.+?)\s*")


def _delimited(text: str) -> Matcher:
    if not text.endswith("]"):
        raise InvalidParameterException(msg.BAD_FILTER.format(why="missing ]"))
    items = [part.strip() for part in text[1:-1].split(",")]
    # None: "..."; else (test, whether it compares numbers).
    tests: list[tuple[Callable[[Any], bool], bool] | None] = []
    for item in items:
        if item == "...":
            tests.append(None)
        elif _BARE_TERM.fullmatch(item):
            tests.append((_always, False))
        elif (found := _CONDITION.fullmatch(item)) is not None:
            _, op, raw = found.groups()
            quoted = len(raw) >= 2 and raw.startswith('"') and raw.endswith('"')
            raw = raw[1:-1] if quoted else raw
            numeric = _numeric(op, raw, quoted) is not None
            tests.append((_compare(op, raw, quoted), numeric))
        else:
            raise InvalidParameterException(msg.BAD_FILTER.format(why=item or "empty field"))

    def match(message: str) -> bool:
        fields = [
            f[1:-1] if f[:1] in ('"', "[") and len(f) >= 2 else f for f in _FIELD.findall(message)
        ]
        return _fit(tests, fields)

    return match


def _fit(tests: list[tuple[Callable[[Any], bool], bool] | None], fields: list[str]) -> bool:
    if not tests:
        return not fields
    head, rest = tests[0], tests[1:]
    if head is None:
        return any(_fit(rest, fields[i:]) for i in range(len(fields) + 1))
    if not fields:
        return False
    test, numeric = head
    value: Any = fields[0]
    if numeric:
        number = _number(value)
        value = _NOT_A_NUMBER if number is None else number
    return test(value) and _fit(rest, fields[1:])
