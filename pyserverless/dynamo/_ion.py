"""Amazon Ion text, limited to what DynamoDB's export writes and its import reads.

An export line is ``$ion_1_0 {Item:{...}}``: S -> string, N -> decimal (``103.``),
B -> blob (``{{base64}}``), BOOL -> bool, NULL -> ``null``, L -> list, M -> struct,
SS / NS / BS -> lists annotated ``$dynamodb_SS::`` / ``$dynamodb_NS::`` /
``$dynamodb_BS::``. Values here are the engine's native ones (``_types``).

>>> from decimal import Decimal
>>> line = dumps_line({"Item": {"Id": Decimal(103), "Tags": {"a"}, "Raw": b"hi"}})
>>> line
'$ion_1_0 {Item:{Id:103.,Tags:$dynamodb_SS::["a"],Raw:{{aGk=}}}}'
>>> loads_values(line)
[{'Item': {'Id': Decimal('103'), 'Tags': {'a'}, 'Raw': b'hi'}}]
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ._wire import NumberSet

__all__ = ["IonError", "dumps_line", "dumps_value", "loads_values"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_KEYWORDS = frozenset({"null", "true", "false", "nan"})
_SET_OF = {str: "$dynamodb_SS", Decimal: "$dynamodb_NS", bytes: "$dynamodb_BS"}


class IonError(ValueError):
    """Text that is not the Ion this module reads."""


def _symbol(name: str) -> str:
    if _IDENT.match(name) and name not in _KEYWORDS:
        return name
    return "'" + json.dumps(name, ensure_ascii=False)[1:-1].replace("'", "\\'") + "'"


def _decimal(n: Decimal) -> str:
    text = format(n, "f")
    return text if "." in text else text + "."


def _string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _blob(b: bytes) -> str:
    return "{{" + base64.b64encode(b).decode("ascii") + "}}"


def dumps_value(v: Any) -> str:
    """One native DynamoDB value as Ion text."""
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return _decimal(v)
    if isinstance(v, (bytes, bytearray)):
        return _blob(bytes(v))
    if v is None:
        return "null"
    if isinstance(v, dict):
        return "{" + ",".join(f"{_symbol(k)}:{dumps_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dumps_value(x) for x in v) + "]"
    if isinstance(v, (set, frozenset)):
        kind = type(next(iter(v)))
        members = v if kind is Decimal else sorted(v)  # a number set in its written order
        return _SET_OF[kind] + "::[" + ",".join(dumps_value(x) for x in members) + "]"
    if isinstance(v, int):
        return _decimal(Decimal(v))
    raise IonError(f"not a DynamoDB value: {v!r}")


def dumps_line(record: dict[str, Any]) -> str:
    """One export line: the version marker, then the record as a struct."""
    return "$ion_1_0 " + dumps_value(record)


# -- reading ---------------------------------------------------------------------------------
_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?([dDeE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.]*")
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "0": "\0",
    "/": "/",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
_SETS = {"$dynamodb_SS": str, "$dynamodb_NS": Decimal, "$dynamodb_BS": bytes}


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, what: str) -> IonError:
        return IonError(f"{what} at offset {self.pos}")

    def skip(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            c = text[self.pos]
            if c in " \t\r\n,":
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos)
                if end < 0:
                    raise self.fail("unterminated comment")
                self.pos = end + 2
            else:
                return

    def more(self) -> bool:
        self.skip()
        return self.pos < len(self.text)

    def quoted(self, quote: str) -> str:
        text = self.text
        out: list[str] = []
        self.pos += 1
        while True:
            if self.pos >= len(text):
                raise self.fail("unterminated string")
            c = text[self.pos]
            if c == quote:
                self.pos += 1
                return "".join(out)
            if c == "\\":
                out.append(self.escape())
            else:
                out.append(c)
                self.pos += 1

    def escape(self) -> str:
        text = self.text
        code = text[self.pos + 1 : self.pos + 2]
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        width = {"x": 2, "u": 4, "U": 8}.get(code)
        digits = text[self.pos + 2 : self.pos + 2 + (width or 0)]
        if width is None or len(digits) != width:
            raise self.fail("bad escape")
        try:
            value = int(digits, 16)
        except ValueError:
            raise self.fail("bad escape") from None
        self.pos += 2 + width
        if 0xD800 <= value < 0xDC00 and text.startswith("\\u", self.pos):
            low = int(text[self.pos + 2 : self.pos + 6], 16)
            self.pos += 6
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        try:
            return chr(value)
        except ValueError:
            raise self.fail("bad escape") from None

    def field_name(self) -> str:
        self.skip()
        c = self.text[self.pos : self.pos + 1]
        if c in ('"', "'"):
            return self.quoted(c)
        m = _WORD.match(self.text, self.pos)
        if m is None:
            raise self.fail("expected a field name")
        self.pos = m.end()
        return m.group()

    def value(self) -> Any:
        self.skip()
        text = self.text
        annotation = None
        m = _WORD.match(text, self.pos)
        if m is not None and text.startswith("::", m.end()):
            annotation = m.group()
            self.pos = m.end() + 2
            self.skip()
        elif text.startswith("'", self.pos):
            end = self.pos
            name = self.quoted("'")
            if text.startswith("::", self.pos):
                annotation = name
                self.pos += 2
                self.skip()
            else:
                self.pos = end
        v = self.plain()
        if annotation is None:
            return v
        kind = _SETS.get(annotation)
        if kind is None or not isinstance(v, list):
            raise self.fail(f"unknown annotation {annotation}")
        if not v or not all(isinstance(x, kind) for x in v):
            raise self.fail(f"a {annotation} list of other values")
        return NumberSet(v) if kind is Decimal else set(v)

    def plain(self) -> Any:
        text = self.text
        c = text[self.pos : self.pos + 1]
        if c == "":
            raise self.fail("expected a value")
        if c == '"':
            return self.quoted('"')
        if text.startswith("{{", self.pos):
            end = text.find("}}", self.pos)
            if end < 0:
                raise self.fail("unterminated blob")
            raw = "".join(text[self.pos + 2 : end].split())
            self.pos = end + 2
            try:
                return base64.b64decode(raw, validate=True)
            except (binascii.Error, ValueError):
                raise self.fail("bad blob") from None
        if c == "{":
            return self.struct()
        if c == "[":
            return self.sequence()
        m = _NUMBER.match(text, self.pos)
        if m is not None:
            self.pos = m.end()
            try:
                return Decimal(m.group().replace("_", "").replace("d", "e").replace("D", "e"))
            except InvalidOperation:
                raise self.fail("bad number") from None
        m = _WORD.match(text, self.pos)
        if (m is not None and m.group() in ("null", "true", "false")) or (
            m is not None and m.group().startswith("null.")
        ):
            self.pos = m.end()
            word = m.group()
            return True if word == "true" else False if word == "false" else None
        raise self.fail("unexpected text")

    def struct(self) -> dict[str, Any]:
        self.pos += 1
        out: dict[str, Any] = {}
        while True:
            self.skip()
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return out
            name = self.field_name()
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.fail("expected ':'")
            self.pos += 1
            out[name] = self.value()

    def sequence(self) -> list[Any]:
        self.pos += 1
        out: list[Any] = []
        while True:
            self.skip()
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return out
            out.append(self.value())


def loads_values(text: str) -> list[Any]:
    """The top-level values of Ion text (version markers skipped).

    >>> loads_values('$ion_1_0 {Item:{n:1.5d1, s:$dynamodb_NS::[1.,2.]}}')
    [{'Item': {'n': Decimal('15'), 's': {Decimal('1'), Decimal('2')}}}]
    >>> loads_values('{Item:')
    Traceback (most recent call last):
    ...
    pyserverless.dynamo._ion.IonError: expected a value at offset 6
    """
    r = _Reader(text)
    out = []
    while r.more():
        if text.startswith("$ion_1_0", r.pos):
            r.pos += len("$ion_1_0")
            continue
        out.append(r.value())
    return out
