"""PartiQL's parser: statement text -> a frozen syntax tree, cached per text.

A recursive-descent parser over ``_lexer``'s tokens for the statements DynamoDB runs:
SELECT, INSERT, UPDATE, DELETE and (inside ExecuteTransaction) EXISTS. Literals are
converted to DynamoDB's native values here, so a cached tree holds checked values;
``?`` parameters are bound later (``_translate``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..._core.text import digits
from .._errors import ValidationException
from .._types import NumberSet, from_wire
from . import _ast as ast
from . import _messages as msg
from ._lexer import Token, not_well_formed, tokenize

__all__ = ["parse"]

KEYWORDS = frozenset(
    [
        "SELECT",
        "FROM",
        "WHERE",
        "AND",
        "OR",
        "NOT",
        "IN",
        "IS",
        "BETWEEN",
        "ORDER",
        "BY",
        "SET",
        "REMOVE",
        "VALUE",
        "INTO",
        "RETURNING",
        "MISSING",
        "NULL",
        "TRUE",
        "FALSE",
        "INSERT",
        "UPDATE",
        "DELETE",
        "EXISTS",
        "ASC",
        "DESC",
        "AS",
    ]
)
#: Words a dotted path component may not be without quotes ([O] ``inner``; others [?]).
_RESERVED_COMPONENTS = frozenset({"inner", "outer", "join", "cross", "left", "right", "full"})
#: Functions a WHERE clause may call, and how many operands each takes.
CONDITION_FUNCTIONS = {
    "attribute_exists": 1,
    "attribute_not_exists": 1,
    "attribute_type": 2,
    "begins_with": 2,
    "contains": 2,
    "size": 1,
}
#: IS <type>: the type names PartiQL reads ([O] BOOL, STRING; the others [?]).
TYPE_NAMES = {
    "STRING": "S",
    "NUMBER": "N",
    "BINARY": "B",
    "BOOL": "BOOL",
    "BOOLEAN": "BOOL",
    "LIST": "L",
    "MAP": "M",
    "STRUCT": "M",
}
_RETURNING = {
    ("ALL", "OLD"): "ALL_OLD",
    ("MODIFIED", "OLD"): "UPDATED_OLD",
    ("ALL", "NEW"): "ALL_NEW",
    ("MODIFIED", "NEW"): "UPDATED_NEW",
}


@functools.lru_cache(maxsize=2048)
def parse(text: str) -> ast.Statement:
    """The syntax tree of ``text`` (errors are not cached: they propagate).

    >>> parse("SELECT * FROM \\"t\\" WHERE pk = ?").params
    1
    """
    return _Parser(tokenize(text)).statement()


class _Parser:
    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens
        self.i = 0
        self.params = 0

    # -- tokens --------------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def is_word(self, *words: str) -> bool:
        return self.tok.upper in words

    def is_punct(self, p: str) -> bool:
        return self.tok.kind == "punct" and self.tok.text == p

    def accept_word(self, word: str) -> bool:
        if self.tok.upper == word:
            self.i += 1
            return True
        return False

    def accept(self, p: str) -> bool:
        if self.is_punct(p):
            self.i += 1
            return True
        return False

    def expect_word(self, word: str) -> None:
        if not self.accept_word(word):
            raise self.unexpected()

    def expect(self, p: str) -> None:
        if not self.accept(p):
            raise self.unexpected()

    def unexpected(self) -> ValidationException:
        t = self.tok
        if t.kind == "end":
            return not_well_formed(msg.UNEXPECTED_END)
        if t.upper in KEYWORDS:
            return not_well_formed(msg.UNEXPECTED_KEYWORD)
        return not_well_formed(msg.UNEXPECTED_TOKEN)

    # -- statements ----------------------------------------------------------------------------
    def statement(self) -> ast.Statement:
        word = self.tok.upper
        parsers: dict[str, Callable[[], ast.Statement]] = {
            "SELECT": self.select,
            "INSERT": self.insert,
            "UPDATE": self.update,
            "DELETE": self.delete,
            "EXISTS": self.exists,
        }
        if word not in parsers:
            raise not_well_formed(msg.EXPECTED_DML)
        self.take()
        stmt: ast.Statement = parsers[word]()
        self.accept(";")
        if self.tok.kind != "end":
            raise not_well_formed(msg.LEFTOVER)
        return stmt

    def select(self) -> ast.Select:
        projection = self.projection()
        self.expect_word("FROM")
        table, index = self.table(index_allowed=True)
        self.no_alias()
        where = self.condition() if self.accept_word("WHERE") else None
        order: list[tuple[ast.Path, bool]] = []
        if self.accept_word("ORDER"):
            self.expect_word("BY")
            while True:
                path = self.path()
                ascending = not self.accept_word("DESC")
                if ascending:
                    self.accept_word("ASC")
                order.append((path, ascending))
                if not self.accept(","):
                    break
        return ast.Select(table, index, projection, where, tuple(order), self.params)

    def projection(self) -> tuple[ast.Path, ...] | None:
        if self.accept("*"):
            return None
        paths = []
        while True:
            t = self.tok
            if t.kind == "word" and self.tokens[self.i + 1].text == "(":
                raise ValidationException(f"Unexpected path component at {t.at}")
            paths.append(self.path())
            if not self.accept(","):
                return tuple(paths)

    def insert(self) -> ast.Insert:
        self.expect_word("INTO")
        table, _ = self.table(index_allowed=False)
        if not self.accept_word("VALUE"):
            if self.tok.kind in ("word", "name") and self.tok.upper not in KEYWORDS:
                raise not_well_formed(msg.LEFTOVER)  # [O] an alias here is a leftover token
            raise self.unexpected()
        if not self.is_punct("{"):
            raise self.unexpected()
        value = self.value(None)
        if isinstance(value, ast.Literal):
            pairs = tuple((k, ast.Literal(v)) for k, v in value.value.items())
        else:
            assert isinstance(value, ast.MapOf)
            pairs = value.pairs
        return ast.Insert(table, pairs, self.params)

    def update(self) -> ast.Update:
        table, _ = self.table(index_allowed=False)
        self.no_alias()
        actions: list[ast.Assign | ast.Remove] = []
        while self.is_word("SET", "REMOVE"):
            if self.take().upper == "SET":
                actions.append(self.assign())
                while self.accept(","):
                    actions.append(self.assign())
            else:
                actions.append(ast.Remove(self.path()))
                while self.accept(","):
                    actions.append(ast.Remove(self.path()))
        if not actions:
            raise self.unexpected()
        where = self.condition() if self.accept_word("WHERE") else None
        return ast.Update(table, tuple(actions), where, self.returning(), self.params)

    def delete(self) -> ast.Delete:
        self.expect_word("FROM")
        table, _ = self.table(index_allowed=False)
        self.no_alias()
        where = self.condition() if self.accept_word("WHERE") else None
        returning = self.returning()
        if returning is not None and returning != "ALL_OLD":
            variant = next(" ".join(k) for k, v in _RETURNING.items() if v == returning)
            raise ValidationException(msg.DELETE_RETURNING.format(variant=variant))
        return ast.Delete(table, where, returning, self.params)

    def exists(self) -> ast.Exists:
        self.expect("(")
        self.expect_word("SELECT")
        select = self.select()
        self.expect(")")
        return ast.Exists(select, self.params)

    def returning(self) -> str | None:
        if not self.accept_word("RETURNING"):
            return None
        first, second = self.take().upper, self.take().upper
        if (first, second) not in _RETURNING:
            raise not_well_formed(msg.UNEXPECTED_TOKEN)
        self.expect("*")
        return _RETURNING[first, second]

    def table(self, *, index_allowed: bool) -> tuple[str, str | None]:
        name = self.name()
        index = None
        if self.is_punct(".") and index_allowed:
            self.take()
            index = self.name()
        return name, index

    def name(self) -> str:
        t = self.tok
        if t.kind == "name" or (t.kind == "word" and t.upper not in KEYWORDS):
            self.take()
            return t.text
        raise self.unexpected()

    def no_alias(self) -> None:
        t = self.tok
        if t.upper == "AS" or (t.kind in ("word", "name") and t.upper not in KEYWORDS):
            raise ValidationException(msg.ALIASING)

    # -- paths ---------------------------------------------------------------------------------
    def path(self) -> ast.Path:
        start = self.tok
        steps: list[ast.Step] = [self.name()]
        while True:
            if self.is_punct("."):
                self.take()
                t = self.tok
                if t.kind == "word" and t.text.lower() in _RESERVED_COMPONENTS:
                    raise not_well_formed(msg.INVALID_DOT)
                steps.append(self.name())
            elif self.is_punct("["):
                self.take()
                t = self.take()
                if t.kind != "number" or not digits(t.text):
                    raise not_well_formed(msg.UNEXPECTED_TOKEN)
                steps.append(int(t.text))
                self.expect("]")
            else:
                return ast.Path(tuple(steps), start.at)

    # -- conditions ----------------------------------------------------------------------------
    def condition(self) -> Any:
        left = self.conjunction()
        while self.accept_word("OR"):
            left = ast.Or(left, self.conjunction())
        return left

    def conjunction(self) -> Any:
        left = self.negation()
        while self.accept_word("AND"):
            left = ast.And(left, self.negation())
        return left

    def negation(self) -> Any:
        if self.accept_word("NOT"):
            return ast.Not(self.negation())
        return self.predicate()

    def predicate(self) -> Any:
        if self.accept("("):
            inner = self.condition()
            self.expect(")")
            return inner
        left = self.operand()
        t = self.tok
        if t.kind == "punct" and t.text in ("=", "<>", "!=", "<", "<=", ">", ">="):
            self.take()
            op = "<>" if t.text == "!=" else t.text
            return ast.Compare(op, left, self.operand())
        if self.accept_word("BETWEEN"):
            low = self.operand()
            self.expect_word("AND")
            return ast.Between(left, low, self.operand())
        negated = self.accept_word("NOT")
        if self.accept_word("IN"):
            node: Any = ast.In(left, self.in_list())
            return ast.Not(node) if negated else node
        if negated:
            raise self.unexpected()
        if self.accept_word("IS"):
            return self.is_check(left)
        if isinstance(left, ast.Call):
            return left
        raise self.unexpected()

    def in_list(self) -> tuple[Any, ...]:
        close = {"[": "]", "(": ")"}.get(self.tok.text) if self.tok.kind == "punct" else None
        if close is None:
            raise self.unexpected()
        self.take()
        items = [self.operand()]
        while self.accept(","):
            items.append(self.operand())
        self.expect(close)
        return tuple(items)

    def is_check(self, left: Any) -> ast.Is:
        if not isinstance(left, ast.Path):
            raise self.unexpected()
        negated = self.accept_word("NOT")
        what = self.take().upper
        if what in ("MISSING", "NULL"):
            return ast.Is(left, what, negated)
        if what in TYPE_NAMES:
            return ast.Is(left, TYPE_NAMES[what], negated)
        self.i -= 1
        raise self.unexpected()

    def operand(self) -> Any:
        t = self.tok
        if t.kind == "word" and self.tokens[self.i + 1].text == "(":
            return self.call()
        if t.kind == "name" or (t.kind == "word" and t.upper not in KEYWORDS):
            return self.path()
        return self.value("")

    def call(self) -> ast.Call:
        t = self.take()
        self.take()  # (
        args: list[Any] = []
        if not self.is_punct(")"):
            args.append(self.operand())
            while self.accept(","):
                args.append(self.operand())
        self.expect(")")
        return ast.Call(t.text.lower(), tuple(args), t.at, t.text)

    def assign(self) -> ast.Assign:
        path = self.path()
        self.expect("=")
        value = self.operand()
        if self.tok.kind == "punct" and self.tok.text in ("+", "-"):
            op = self.take().text
            value = ast.Arith(op, value, self.operand())
        return ast.Assign(path, value)

    # -- literals ------------------------------------------------------------------------------
    def value(self, where: str | None) -> Any:
        """A literal or parameter; ``where`` is its path inside the outer value (None: the
        item of an INSERT, whose attributes each start a path of their own)."""
        t = self.take()
        if t.kind == "param":
            self.params += 1
            return ast.Param(self.params - 1, t.at)
        if t.kind == "string":
            return ast.Literal(t.text, t.at)
        if t.kind == "number" or (t.kind == "punct" and t.text == "-"):
            return ast.Literal(self.number(t, where), t.at)
        simple = {"TRUE": True, "FALSE": False, "NULL": None, "MISSING": ast.MISSING}
        if t.upper in simple:
            return ast.Literal(simple[t.upper], t.at)
        if t.kind == "punct" and t.text in ("[", "{", "<<"):
            return self.container(t, where)
        if t.kind == "word" and self.tok.text == "(":
            raise ValidationException(msg.UNSUPPORTED_VALUE.format(name=t.text.lower(), at=t.at))
        self.i -= 1
        raise self.unexpected()

    def number(self, t: Token, where: str | None) -> Any:
        text = t.text
        if text == "-":
            n = self.take()
            if n.kind != "number":
                self.i -= 1
                raise self.unexpected()
            text = "-" + n.text
        try:
            return from_wire({"N": text})
        except ValidationException as err:
            raise ValidationException(
                msg.UNDER_ROOT.format(message=err.message, path=where or "")
            ) from None

    def container(self, t: Token, where: str | None) -> Any:
        close = {"[": "]", "{": "}", "<<": ">>"}[t.text]
        items: list[Any] = []
        pairs: list[tuple[str, Any]] = []
        while not self.accept(close):
            if items or pairs:
                self.expect(",")
            if t.text == "{":
                key = self.take()
                if key.kind != "string":
                    self.i -= 1
                    raise self.unexpected()
                self.expect(":")
                pairs.append((key.text, self.value("" if where is None else f"{where}.{key.text}")))
            else:
                items.append(self.value(f"{where or ''}[{len(items)}]"))
        if t.text == "{":
            return fold_map(tuple(pairs))
        if t.text == "[":
            return fold_list(tuple(items))
        return fold_set(tuple(items), t.at)


def fold_map(pairs: tuple[tuple[str, Any], ...]) -> Any:
    if all(isinstance(v, ast.Literal) for _, v in pairs):
        return ast.Literal({k: v.value for k, v in pairs})
    return ast.MapOf(pairs)


def fold_list(items: tuple[Any, ...]) -> Any:
    if all(isinstance(v, ast.Literal) for v in items):
        return ast.Literal([v.value for v in items])
    return ast.ListOf(items)


def fold_set(items: tuple[Any, ...], at: str) -> Any:
    if not all(isinstance(v, ast.Literal) for v in items):
        return ast.SetOf(items, at)
    return ast.Literal(make_set([v.value for v in items]), at)


def make_set(values: list[Any]) -> Any:
    """A string or number set from a ``<<...>>`` literal's values, as DynamoDB checks it."""
    if not values:
        raise ValidationException(msg.EMPTY_BAG)
    kinds = {type(v).__name__ for v in values}
    if kinds not in ({"str"}, {"Decimal"}, {"bytes"}):
        raise ValidationException(msg.SET_MIXED.format(what="BAG"))
    out = NumberSet(values) if kinds == {"Decimal"} else set(values)  # NS keeps its order
    if len(out) != len(values):
        items = ", ".join(str(v) for v in values)
        raise ValidationException(msg.SET_DUPLICATES.format(items=items))
    return out
