"""Tokenises a DynamoDB expression and formats syntax errors the way DynamoDB does.

DynamoDB reports a syntax error by the token where reading stopped and the source
text from the token before it to the token after it:
``Syntax error; token: ":", near: "hits : incr"``. The end of input is ``<EOF>``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import _messages as msg

__all__ = ["EOF", "Token", "syntax_message", "tokenize"]

# Token kinds.
NAME = "NAME"  # identifier: attribute name, function name or keyword
HASH = "HASH"  # #placeholder
COLON = "COLON"  # :placeholder
NUMBER = "NUMBER"  # digits (only meaningful inside [ ])
OP = "OP"  # = <> < <= > >= ( ) [ ] , . + -
BAD = "BAD"  # any other character
EOF = "EOF"

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<NAME>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<HASH>\#[A-Za-z0-9_]+)
  | (?P<COLON>:[A-Za-z0-9_]+)
  | (?P<NUMBER>[0-9]+)
  | (?P<OP><>|<=|>=|[=<>()\[\],.+\-])
  | (?P<BAD>.)
    """,
    re.X | re.S,
)


class Token(NamedTuple):
    """One token: its kind, its text, and where it sits in the source."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``EOF`` token.

    >>> [t.text for t in tokenize("a.b[2] <> :v")]
    ['a', '.', 'b', '[', '2', ']', '<>', ':v', '<EOF>']
    """
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "ws" or kind is None:
            continue
        tokens.append(Token(kind, m.group(), m.start(), m.end()))
    tokens.append(Token(EOF, "<EOF>", len(text), len(text)))
    return tokens


def syntax_message(text: str, tokens: list[Token], at: int) -> str:
    """DynamoDB's syntax-error text for a failure at token index ``at``.

    >>> t = "ADD hits : incr"
    >>> syntax_message(t, tokenize(t), 2)
    'Syntax error; token: ":", near: "hits : incr"'
    """
    at = min(at, len(tokens) - 1)
    tok = tokens[at]
    start = tokens[at - 1].start if at > 0 else tok.start
    end = tokens[at + 1].end if at + 1 < len(tokens) else tok.end
    return msg.SYNTAX.format(token=tok.text, near=text[start:end])
