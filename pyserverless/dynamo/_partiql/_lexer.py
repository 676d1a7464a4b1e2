"""PartiQL's tokens: words, quoted names, strings, numbers, ``?`` and punctuation.

Every token keeps where it starts (line and column from 1, as DynamoDB's messages
count them) and its length, for the errors that point into the statement.
"""

from __future__ import annotations

import attrs

from ..._core.text import digits
from .._errors import ValidationException
from . import _messages as msg

__all__ = ["Token", "not_well_formed", "tokenize"]

#: Punctuation, longest first.
_PUNCT: tuple[str, ...] = ("<<", ">>", "<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", "[")
_PUNCT += ("]", "{", "}", ",", ".", ":", "*", "+", "-", "?", ";")


@attrs.frozen
class Token:
    """One token: ``kind`` is word, name (double-quoted), string, number, param, punct or end."""

    kind: str
    text: str
    line: int
    column: int
    length: int

    @property
    def at(self) -> str:
        """DynamoDB's position text: ``line:column:length``."""
        return f"{self.line}:{self.column}:{self.length}"

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def not_well_formed(detail: str = "") -> ValidationException:
    """DynamoDB's parse error, with ``detail`` after the colon."""
    return ValidationException(msg.NOT_WELL_FORMED.format(detail=detail))


def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of ``text``, ending with an ``end`` token; comments are dropped."""
    out: list[Token] = []
    i, n, line, line_start = 0, len(text), 1, 0
    while True:
        i, line, line_start = _skip_blank(text, i, line, line_start)
        column = i - line_start + 1
        if i >= n:
            out.append(Token("end", "", line, column, 0))
            return tuple(out)
        kind, value, end = _one(text, i)
        out.append(Token(kind, value, line, column, end - i))
        i = end


def _skip_blank(text: str, i: int, line: int, line_start: int) -> tuple[int, int, int]:
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            i, line, line_start = i + 1, line + 1, i + 1
        elif c.isspace():
            i += 1
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise not_well_formed()
            line += text.count("\n", i, end)
            i = end + 2
        else:
            break
    return i, line, line_start


def _one(text: str, i: int) -> tuple[str, str, int]:
    c = text[i]
    if c == "'":
        return _quoted(text, i, "'", "string")
    if c == '"':
        return _quoted(text, i, '"', "name")
    if digits(c) or (c == "." and i + 1 < len(text) and digits(text[i + 1])):
        return _number(text, i)
    if c.isalpha() or c == "_" or c == "$":
        j = i + 1
        while j < len(text) and (text[j].isalnum() or text[j] in "_$"):
            j += 1
        return "word", text[i:j], j
    if c == "?":
        return "param", "?", i + 1
    for p in _PUNCT:
        if text.startswith(p, i):
            return "punct", p, i + len(p)
    raise not_well_formed()  # '#' and any other stray character


def _quoted(text: str, i: int, quote: str, kind: str) -> tuple[str, str, int]:
    parts: list[str] = []
    j = i + 1
    while True:
        end = text.find(quote, j)
        if end < 0:
            raise not_well_formed()
        parts.append(text[j:end])
        if text.startswith(quote * 2, end):
            parts.append(quote)
            j = end + 2
            continue
        return kind, "".join(parts), end + 1


def _number(text: str, i: int) -> tuple[str, str, int]:
    n = len(text)
    j = i
    while j < n and digits(text[j]):
        j += 1
    if (
        j < n
        and text[j] == "."
        and not (j + 1 < n and text[j + 1].isalpha() and text[j + 1] not in "eE")
    ):
        j += 1
        while j < n and digits(text[j]):
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and digits(text[k]):
            while k < n and digits(text[k]):
                k += 1
            exponent = int(text[j + 1 : k])
            if not -(2**31) <= exponent < 2**31:
                raise not_well_formed()
            j = k
    return "number", text[i:j], j
