"""Parses the five DynamoDB expression kinds into frozen ASTs (placeholders unresolved).

The parser is a small backtracking recursive-descent parser. When every alternative
fails it reports the farthest token reached, as DynamoDB's generated parser does.
Parsing depends only on the expression text, so results are cached per string
(:func:`parse`); placeholders are resolved per request by ``_validator``.
"""

from __future__ import annotations

import functools
from typing import Any, TypeAlias

import attrs

from . import _lexer
from . import _messages as msg
from ._deep import call_deep
from ._lexer import Token

__all__ = [
    "Add",
    "And",
    "Arith",
    "Between",
    "Call",
    "Compare",
    "Const",
    "Delete",
    "In",
    "NameRef",
    "Not",
    "Or",
    "ParseError",
    "Parsed",
    "Path",
    "ProjectionAst",
    "Remove",
    "Set",
    "UpdateAst",
    "ValueRef",
    "parse",
]

CONDITION_KEYWORDS = frozenset({"AND", "OR", "NOT", "BETWEEN", "IN"})
UPDATE_KEYWORDS = frozenset({"SET", "REMOVE", "ADD", "DELETE"})
COMPARATORS = frozenset({"=", "<>", "<", "<=", ">", ">="})


@attrs.frozen
class NameRef:
    """An ``#name`` placeholder inside a document path."""

    name: str


@attrs.frozen
class Path:
    """A document path: names (``str`` or :class:`NameRef`) and list indexes (``int``)."""

    elements: tuple[str | NameRef | int, ...]


@attrs.frozen
class ValueRef:
    """A ``:value`` placeholder."""

    name: str


@attrs.frozen
class Call:
    """A function call such as ``size(a)`` or ``if_not_exists(a, :v)``."""

    name: str
    args: tuple[Operand, ...]


@attrs.frozen
class Arith:
    """``left + right`` or ``left - right`` in a SET action."""

    op: str
    left: Operand
    right: Operand


@attrs.frozen(eq=False)
class Const:
    """A resolved ``:value`` (made by the validator): the placeholder's name and value."""

    name: str
    value: Any


Operand: TypeAlias = Path | ValueRef | Call | Arith | Const


@attrs.frozen
class Compare:
    op: str
    left: Operand
    right: Operand


@attrs.frozen
class Between:
    operand: Operand
    low: Operand
    high: Operand


@attrs.frozen
class In:
    operand: Operand
    options: tuple[Operand, ...]


@attrs.frozen
class And:
    left: CondNode
    right: CondNode


@attrs.frozen
class Or:
    left: CondNode
    right: CondNode


@attrs.frozen
class Not:
    operand: CondNode


CondNode: TypeAlias = (
    Compare | Between | In | And | Or | Not | Call | Path | ValueRef | Arith | Const
)


@attrs.frozen
class Set:
    path: Path
    value: Operand


@attrs.frozen
class Remove:
    path: Path


@attrs.frozen
class Add:
    path: Path
    value: ValueRef | Const


@attrs.frozen
class Delete:
    path: Path
    value: ValueRef | Const


Action: TypeAlias = Set | Remove | Add | Delete


@attrs.frozen
class UpdateAst:
    """The actions of an UpdateExpression in source order, and its sections in order."""

    actions: tuple[Action, ...]
    sections: tuple[str, ...]


@attrs.frozen
class ProjectionAst:
    paths: tuple[Path, ...]


@attrs.frozen
class ParseError:
    """A syntax error (its DynamoDB text); cached like a successful parse."""

    message: str


@attrs.frozen
class Parsed:
    """A successful parse: the tree, plus facts the validator needs in priority order."""

    tree: CondNode | UpdateAst | ProjectionAst
    redundant_parens: bool


class _Fail(Exception):
    pass


class _Parser:
    def __init__(self, text: str, *, update: bool) -> None:
        self.text = text
        self.toks: list[Token] = _lexer.tokenize(text)
        self.i = 0
        self.far = 0
        self.keywords = CONDITION_KEYWORDS | (UPDATE_KEYWORDS if update else frozenset())
        self.operands: dict[int, tuple[Operand | None, int, int]] = {}

    # -- primitives ---------------------------------------------------------------
    def peek(self, k: int = 0) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def fail(self) -> _Fail:
        self.far = max(self.far, self.i)
        return _Fail()

    def take_op(self, text: str) -> None:
        tok = self.peek()
        if tok.kind != _lexer.OP or tok.text != text:
            raise self.fail()
        self.i += 1

    def at_op(self, text: str) -> bool:
        tok = self.peek()
        return tok.kind == _lexer.OP and tok.text == text

    def at_keyword(self, word: str) -> bool:
        tok = self.peek()
        return tok.kind == _lexer.NAME and tok.upper == word

    def end(self) -> None:
        if self.peek().kind != _lexer.EOF:
            raise self.fail()

    # -- operands -----------------------------------------------------------------
    def path(self) -> Path:
        return self.path_suffix([self.path_element()])

    def path_suffix(self, elements: list[str | NameRef | int]) -> Path:
        while True:
            if self.at_op("."):
                self.i += 1
                elements.append(self.path_element())
            elif self.at_op("["):
                self.i += 1
                tok = self.peek()
                if tok.kind != _lexer.NUMBER:
                    raise self.fail()
                self.i += 1
                self.take_op("]")
                elements.append(int(tok.text))
            else:
                return Path(tuple(elements))

    def path_element(self) -> str | NameRef:
        tok = self.peek()
        if tok.kind == _lexer.HASH:
            self.i += 1
            return NameRef(tok.text)
        if tok.kind == _lexer.NAME and tok.upper not in self.keywords and tok.text[0] != "_":
            self.i += 1
            return tok.text
        raise self.fail()

    def call(self, arg: object) -> Call:
        tok = self.peek()
        if tok.kind != _lexer.NAME or tok.upper in self.keywords:
            raise self.fail()
        self.i += 1
        self.take_op("(")
        args = [arg()]  # type: ignore[operator]
        while self.at_op(","):
            self.i += 1
            args.append(arg())  # type: ignore[operator]
        self.take_op(")")
        return Call(tok.text, tuple(args))

    def operand(self) -> Operand:
        """A condition operand: path, value, function call or a parenthesised operand.

        Memoised by position: ``((((a = b))))`` tries the operand at each ``(`` once per
        enclosing level, which would otherwise cost time quadratic in the nesting.
        """
        start = self.i
        seen = self.operands.get(start)
        if seen is not None:
            node, end, far = seen
            self.far = max(self.far, far)
            if node is None:
                raise _Fail()
            self.i = end
            return node
        try:
            node = self._operand()
        except _Fail:
            self.operands[start] = (None, start, self.far)
            raise
        self.operands[start] = (node, self.i, self.far)
        return node

    def _operand(self) -> Operand:
        tok = self.peek()
        if tok.kind == _lexer.COLON:
            self.i += 1
            return ValueRef(tok.text)
        if tok.kind == _lexer.OP and tok.text == "(":
            self.i += 1
            inner = self.operand()
            self.take_op(")")
            if isinstance(inner, Path) and (self.at_op(".") or self.at_op("[")):
                # A parenthesised path may go on: "(a.b).c" is the path a.b.c.
                return self.path_suffix(list(inner.elements))
            return inner
        if tok.kind == _lexer.NAME and self.peek(1).kind == _lexer.OP and self.peek(1).text == "(":
            return self.call(self.operand)
        return self.path()

    # -- conditions ---------------------------------------------------------------
    def condition(self) -> CondNode:
        node = self.cond_and()
        while self.at_keyword("OR"):
            self.i += 1
            node = Or(node, self.cond_and())
        return node

    def cond_and(self) -> CondNode:
        node = self.cond_not()
        while self.at_keyword("AND"):
            self.i += 1
            node = And(node, self.cond_not())
        return node

    def cond_not(self) -> CondNode:
        if self.at_keyword("NOT"):
            self.i += 1
            return Not(self.cond_not())
        return self.cond_primary()

    def cond_primary(self) -> CondNode:
        start = self.i
        try:
            return self.comparison()
        except _Fail:
            self.i = start
        if not self.at_op("("):
            raise self.fail()
        self.i += 1
        node = self.condition()
        self.take_op(")")
        return node

    def comparison(self) -> CondNode:
        left = self.operand()
        tok = self.peek()
        if tok.kind == _lexer.OP and tok.text in COMPARATORS:
            self.i += 1
            return Compare(tok.text, left, self.operand())
        if self.at_keyword("BETWEEN"):
            self.i += 1
            low = self.operand()
            if not self.at_keyword("AND"):
                raise self.fail()
            self.i += 1
            return Between(left, low, self.operand())
        if self.at_keyword("IN"):
            self.i += 1
            self.take_op("(")
            options = [self.operand()]
            while self.at_op(","):
                self.i += 1
                options.append(self.operand())
            self.take_op(")")
            return In(left, tuple(options))
        if isinstance(left, Call):
            return left
        raise self.fail()

    # -- update -------------------------------------------------------------------
    def update(self) -> UpdateAst:
        actions: list[Action] = []
        sections: list[str] = []
        while True:
            tok = self.peek()
            word = tok.upper if tok.kind == _lexer.NAME else ""
            if word not in UPDATE_KEYWORDS:
                if sections:
                    self.end()
                    return UpdateAst(tuple(actions), tuple(sections))
                raise self.fail()
            self.i += 1
            sections.append(word)
            while True:
                actions.append(self.update_action(word))
                if not self.at_op(","):
                    break
                self.i += 1

    def update_action(self, word: str) -> Action:
        path = self.path()
        if word == "SET":
            self.take_op("=")
            return Set(path, self.set_value())
        if word == "REMOVE":
            return Remove(path)
        tok = self.peek()
        if tok.kind != _lexer.COLON:
            raise self.fail()
        self.i += 1
        return Add(path, ValueRef(tok.text)) if word == "ADD" else Delete(path, ValueRef(tok.text))

    def set_value(self) -> Operand:
        left = self.set_operand()
        tok = self.peek()
        if tok.kind == _lexer.OP and tok.text in ("+", "-"):
            self.i += 1
            return Arith(tok.text, left, self.set_operand())
        return left

    def set_operand(self) -> Operand:
        tok = self.peek()
        if tok.kind == _lexer.OP and tok.text == "(":
            # Parentheses may wrap a SET value or an operand: SET a = ((b) + (:c)).
            self.i += 1
            inner = self.set_value()
            self.take_op(")")
            return inner
        if tok.kind == _lexer.COLON:
            self.i += 1
            return ValueRef(tok.text)
        if tok.kind == _lexer.NAME and self.peek(1).kind == _lexer.OP and self.peek(1).text == "(":
            return self.call(self.set_operand)
        return self.path()

    # -- projection ---------------------------------------------------------------
    def projection(self) -> ProjectionAst:
        paths = [self.path()]
        while self.at_op(","):
            self.i += 1
            paths.append(self.path())
        self.end()
        return ProjectionAst(tuple(paths))

    # -- redundant parentheses ----------------------------------------------------
    def redundant_parens(self) -> bool:
        """True if some ``((`` pair closes as ``))`` (not counting call/IN parentheses)."""
        match: dict[int, int] = {}
        stack: list[int] = []
        toks = self.toks
        for n, tok in enumerate(toks):
            if tok.kind == _lexer.OP and tok.text == "(":
                stack.append(n)
            elif tok.kind == _lexer.OP and tok.text == ")" and stack:
                match[stack.pop()] = n
        for n in match:
            inner = n + 1
            if inner in match and match[inner] == match[n] - 1:
                prev = toks[n - 1] if n > 0 else None
                if (
                    prev is not None
                    and prev.kind == _lexer.NAME
                    and prev.upper not in ("AND", "OR", "NOT", "BETWEEN")
                ):
                    continue  # f((a)) and IN ((a)): the outer pair belongs to the call
                return True
        return False

    def run(self, kind: str) -> CondNode | UpdateAst | ProjectionAst:
        if kind == "update":
            return self.update()
        if kind == "projection":
            return self.projection()
        tree = self.condition()
        self.end()
        return tree

    def error(self, kind: str) -> ParseError:
        """The syntax error, or redundant parentheses if the text had no room to parse."""
        if kind != "projection" and self.redundant_parens():
            return ParseError(msg.REDUNDANT_PARENS)
        return ParseError(_lexer.syntax_message(self.text, self.toks, self.far))


@functools.lru_cache(maxsize=2048)
def parse(kind: str, text: str) -> Parsed | ParseError:
    """Parse ``text`` as expression ``kind`` ("condition", "update" or "projection").

    Cached per (kind, text): a repeated request does not parse again. Nesting deeper than
    Python's default stack is parsed with a raised recursion limit (see ``_deep``).

    >>> parse("condition", "a = :v").tree
    Compare(op='=', left=Path(elements=('a',)), right=ValueRef(name=':v'))
    >>> parse("condition", "a = = :v").message
    'Syntax error; token: "=", near: "= = :v"'
    """
    parsers: list[_Parser] = []

    def attempt() -> Parsed | ParseError:
        parser = _Parser(text, update=kind == "update")
        parsers.append(parser)
        try:
            tree = parser.run(kind)
        except _Fail:
            return ParseError(_lexer.syntax_message(text, parser.toks, parser.far))
        redundant = kind != "projection" and parser.redundant_parens()
        return Parsed(tree, redundant)

    try:
        return call_deep(attempt)
    except RecursionError:  # beyond even the raised limit: far more than 4 KB of nesting
        return parsers[-1].error(kind)
