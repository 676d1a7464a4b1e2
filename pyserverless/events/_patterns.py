"""The event-pattern language of EventBridge rules and Lambda's ``FilterCriteria``.

One module, no state: ``compile_pattern(text)`` parses a pattern once (compiled
patterns are cached by their text) into a :class:`Pattern` whose ``matches(event)``
says whether an event (parsed JSON) matches. It is a library module with no state:
other services (Lambda's event source mappings) use it through the public
``pyserverless.events`` names (``compile_pattern``, ``Pattern``,
``PatternSyntaxError``, ``InvalidEventPatternException``), never an engine.

The language, as EventBridge's "Content filtering in Amazon EventBridge event
patterns" and "Comparison operators" pages define it:

* a pattern is a JSON object whose leaves are non-empty arrays of match values; the
  keys of an object must all match (AND), the values of an array are alternatives (OR);
* a string, number, ``true``, ``false`` or ``null`` matches that value exactly
  (numbers compare numerically: ``300`` matches ``3.0e2``; ``""`` and ``null`` are
  different values);
* ``{"prefix": s}``, ``{"suffix": s}``, each also as ``{"equals-ignore-case": s}``;
  ``{"equals-ignore-case": s}``; ``{"wildcard": "*.png"}`` (``*`` any run of
  characters, ``\\*`` a star);
* ``{"anything-but": v}`` with a value, a list of strings or of numbers,
  ``{"prefix": s}``, ``{"suffix": s}``, ``{"equals-ignore-case": s or [s, ...]}`` or
  ``{"wildcard": s or [s, ...]}``; it matches a field that is present;
* ``{"numeric": [">", 0, "<=", 5]}`` (also ``"="``, ``">="``, ``"<"``);
* ``{"exists": true}`` / ``{"exists": false}`` on leaf fields;
* ``{"cidr": "10.0.0.0/24"}`` (IPv4 and IPv6);
* ``"$or": [{...}, {...}]`` at any level (two or more objects);
* an array in the event matches when any of its elements matches; the fields of one
  nested pattern object must match inside the same element of an array of objects.

An invalid pattern raises ``InvalidEventPatternException`` with EventBridge's
``Event pattern is not valid. Reason: ...`` (the reason texts are Event Ruler's, the
library EventBridge matches with).

>>> p = compile_pattern('{"source": ["my.app"], "detail": {"amount": [{"numeric": [">", 100]}]}}')
>>> p.matches({"source": "my.app", "detail": {"amount": 250}})
True
>>> p.matches({"source": "my.app", "detail": {"amount": 50}})
False
>>> try:
...     compile_pattern('{"source": "my.app"}')
... except InvalidEventPatternException as err:
...     print(err.message)
Event pattern is not valid. Reason: "source" must be an object or an array
"""

from __future__ import annotations

import functools
import ipaddress
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from ._errors import InvalidEventPatternException

__all__ = [
    "Pattern",
    "PatternSyntaxError",
    "compile_pattern",
    "pattern_error",
]

_MISSING: Any = object()
_EMPTY: Mapping[str, Any] = {}
#: Event Ruler's ComparableNumber range: numeric matching works between these bounds.
_NUMBER_LIMIT = 5.0e9
#: Names that cannot be field names inside ``$or`` (they would read as operators).
_RESERVED_IN_OR = frozenset(
    {
        "anything-but",
        "cidr",
        "equals-ignore-case",
        "exact",
        "exists",
        "numeric",
        "prefix",
        "suffix",
        "wildcard",
    }
)


class PatternSyntaxError(ValueError):
    """Why a pattern is not valid (``reason``: Event Ruler's text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def pattern_error(reason: str) -> InvalidEventPatternException:
    """EventBridge's error for a pattern refused for ``reason``.

    >>> pattern_error("Empty arrays are not allowed").message
    'Event pattern is not valid. Reason: Empty arrays are not allowed'
    """
    return InvalidEventPatternException(f"Event pattern is not valid. Reason: {reason}")


# ---------------------------------------------------------------- value tests


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _float(value: float) -> float:
    try:
        return float(value)
    except OverflowError:  # an integer beyond any double equals no pattern number
        return math.nan


class _Prefix:
    __slots__ = ("ignore_case", "text")

    def __init__(self, text: str, ignore_case: bool) -> None:
        self.text = text.lower() if ignore_case else text
        self.ignore_case = ignore_case

    def test(self, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        return (value.lower() if self.ignore_case else value).startswith(self.text)


class _Suffix(_Prefix):
    __slots__ = ()

    def test(self, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        return (value.lower() if self.ignore_case else value).endswith(self.text)


class _IgnoreCase:
    __slots__ = ("texts",)

    def __init__(self, texts: frozenset[str]) -> None:
        self.texts = texts

    def test(self, value: Any) -> bool:
        return isinstance(value, str) and value.lower() in self.texts


class _Wildcard:
    __slots__ = ("regex",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    def test(self, value: Any) -> bool:
        return isinstance(value, str) and self.regex.fullmatch(value) is not None


class _Numeric:
    __slots__ = ("high", "high_open", "low", "low_open")

    def __init__(self, low: float, low_open: bool, high: float, high_open: bool) -> None:
        self.low, self.low_open, self.high, self.high_open = low, low_open, high, high_open

    def test(self, value: Any) -> bool:
        if not _is_number(value) or not -_NUMBER_LIMIT <= value <= _NUMBER_LIMIT:
            return False
        if value < self.low or (self.low_open and value == self.low):
            return False
        return not (value > self.high or (self.high_open and value == self.high))


class _Cidr:
    __slots__ = ("network",)

    def __init__(self, network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> None:
        self.network = network

    def test(self, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        return address.version == self.network.version and address in self.network


class _Not:
    """``anything-but`` over another test: a present value that the test refuses."""

    __slots__ = ("inner",)

    def __init__(self, inner: _Test) -> None:
        self.inner = inner

    def test(self, value: Any) -> bool:
        return not self.inner.test(value)


class _Values:
    """Exact strings and numbers (the inner test of ``anything-but`` lists)."""

    __slots__ = ("numbers", "strings")

    def __init__(self, strings: frozenset[str], numbers: frozenset[float]) -> None:
        self.strings, self.numbers = strings, numbers

    def test(self, value: Any) -> bool:
        if isinstance(value, str):
            return value in self.strings
        return _is_number(value) and _float(value) in self.numbers


class _AnyOf:
    __slots__ = ("tests",)

    def __init__(self, tests: tuple[_Test, ...]) -> None:
        self.tests = tests

    def test(self, value: Any) -> bool:
        return any(t.test(value) for t in self.tests)


_Test = _Prefix | _IgnoreCase | _Wildcard | _Numeric | _Cidr | _Not | _Values | _AnyOf


# ---------------------------------------------------------------- the tree


class _Leaf:
    """The alternatives of one leaf array."""

    __slots__ = ("absent", "bools", "null", "numbers", "present", "strings", "tests")

    def __init__(self) -> None:
        self.strings: set[str] = set()
        self.numbers: set[float] = set()
        self.bools: set[bool] = set()
        self.null = False
        self.present = False  # {"exists": true}
        self.absent = False  # {"exists": false}
        self.tests: tuple[_Test, ...] = ()

    def match(self, value: Any) -> bool:
        if value is _MISSING:
            return self.absent
        if isinstance(value, list):
            scalars = _scalars(value)
            if not scalars:
                return self.absent
            return any(self._one(v) for v in scalars)
        if isinstance(value, dict):  # an object is no leaf value: the field is absent
            return self.absent
        return self._one(value)

    def _one(self, value: Any) -> bool:
        if self.present:
            return True
        if isinstance(value, str):
            if value in self.strings:
                return True
        elif isinstance(value, bool):
            if value in self.bools:
                return True
        elif value is None:
            if self.null:
                return True
        elif _is_number(value) and _float(value) in self.numbers:
            return True
        return any(t.test(value) for t in self.tests)


def _scalars(values: list[Any]) -> list[Any]:
    """The leaf values of a (possibly nested) array, in order; objects are skipped."""
    out: list[Any] = []
    stack = [iter(values)]
    while stack:
        for v in stack[-1]:
            if isinstance(v, list):
                stack.append(iter(v))
                break
            if not isinstance(v, dict):
                out.append(v)
        else:
            stack.pop()
    return out


class _Node:
    """An object of the pattern: every field matches and each ``$or`` has a match."""

    __slots__ = ("fields", "ors")

    def __init__(
        self, fields: tuple[tuple[str, _Leaf | _Node], ...], ors: tuple[tuple[_Node, ...], ...]
    ) -> None:
        self.fields = fields
        self.ors = ors

    def match(self, obj: Mapping[str, Any]) -> bool:
        for key, child in self.fields:
            value = obj.get(key, _MISSING)
            if type(child) is _Leaf:
                if not child.match(value):
                    return False
            elif not _match_nested(child, value):  # type: ignore[arg-type]
                return False
        return all(any(alt.match(obj) for alt in group) for group in self.ors)


def _match_nested(node: _Node, value: Any) -> bool:
    if isinstance(value, dict):
        return node.match(value)
    if isinstance(value, list):
        objects = [v for v in value if isinstance(v, dict)]
        if objects:
            return any(node.match(v) for v in objects)
    return node.match(_EMPTY)


class Pattern:
    """A compiled event pattern; ``matches(event)`` tests a parsed JSON event.

    >>> compile_pattern('{"detail": {"state": [{"anything-but": "initializing"}]}}').matches(
    ...     {"detail": {"state": "running"}}
    ... )
    True
    """

    __slots__ = ("_root", "text")

    def __init__(self, text: str, root: _Node) -> None:
        self.text = text
        self._root = root

    def matches(self, event: Mapping[str, Any]) -> bool:
        """Whether ``event`` (a JSON object) matches this pattern."""
        return self._root.match(event)

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"


@functools.lru_cache(maxsize=4096)
def compile_pattern(text: str) -> Pattern:
    """Parse ``text`` into a :class:`Pattern` (cached by text).

    Raises ``InvalidEventPatternException`` (its ``__cause__`` a
    :class:`PatternSyntaxError` with the bare reason) for an invalid pattern.

    >>> compile_pattern('{"a": [1]}') is compile_pattern('{"a": [1]}')
    True
    >>> try:
    ...     compile_pattern('{"a": []}')
    ... except InvalidEventPatternException as err:
    ...     print(err.message)
    Event pattern is not valid. Reason: Empty arrays are not allowed
    """
    try:
        try:
            document = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise PatternSyntaxError(_json_reason(text, exc)) from None
        except RecursionError:
            raise PatternSyntaxError("Maximum nesting depth exceeded") from None
        if not isinstance(document, dict):
            start = len(text) - len(text.lstrip())
            after = start + 1 if isinstance(document, list) else len(text.rstrip())
            raise PatternSyntaxError("Filter is not an object" + _at(text, after))
        try:
            root = _object(document, in_or=False)
        except RecursionError:
            raise PatternSyntaxError("Maximum nesting depth exceeded") from None
    except PatternSyntaxError as exc:
        raise pattern_error(exc.reason) from exc
    return Pattern(text, root)


#: Jackson's words for a value it cannot start (EventBridge parses patterns with Jackson).
_EXPECTED_VALUE = (
    "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
)
_TOKEN = re.compile(r"[A-Za-z0-9_$]+")


def _at(text: str, index: int) -> str:
    """Jackson's location suffix: the source and the 1-based line and column of ``index``
    (the LocalStack suite's captures from AWS, test_invalid_json_event_pattern, 2024-11)."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f'\n at [Source: (String)"{text}"; line: {line}, column: {column}]'


def _json_reason(text: str, exc: json.JSONDecodeError) -> str:
    """What EventBridge answers for a pattern that is not JSON: Jackson's text where the
    captures show it (a bare word, a single-quoted name), else Python's, with the place."""
    pos = exc.pos
    if exc.msg == "Expecting value" and pos < len(text):
        word = _TOKEN.match(text, pos)
        if word is not None:
            return f"Unrecognized token '{word.group()}': {_EXPECTED_VALUE}" + _at(text, word.end())
    if exc.msg.startswith("Expecting property name") and pos < len(text):
        char = text[pos]
        return (
            f"Unexpected character ('{char}' (code {ord(char)})): was expecting double-quote "
            "to start field name" + _at(text, pos)
        )
    return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"


def _no_constant(name: str) -> Any:
    raise PatternSyntaxError(f"Non-standard token '{name}'")


# ---------------------------------------------------------------- the parser


def _object(document: dict[str, Any], *, in_or: bool) -> _Node:
    if not document:
        raise PatternSyntaxError("Empty objects are not allowed")
    fields: list[tuple[str, _Leaf | _Node]] = []
    ors: list[tuple[_Node, ...]] = []
    for key, value in document.items():
        if key == "$or":
            ors.append(_or(value))
            continue
        if in_or and key in _RESERVED_IN_OR:
            raise PatternSyntaxError(
                f"{key} is Ruler reserved fieldName which cannot be used inside $or."
            )
        if isinstance(value, dict):
            fields.append((key, _object(value, in_or=in_or)))
        elif isinstance(value, list):
            fields.append((key, _leaf(value)))
        else:
            raise PatternSyntaxError(f'"{key}" must be an object or an array')
    return _Node(tuple(fields), tuple(ors))


def _or(value: Any) -> tuple[_Node, ...]:
    if not isinstance(value, list):
        raise PatternSyntaxError("It must be an Array followed with $or.")
    alternatives = []
    for item in value:
        if not isinstance(item, dict):
            raise PatternSyntaxError("Only JSON object is allowed in array of $or relationship.")
        alternatives.append(_object(item, in_or=True))
    if len(alternatives) < 2:
        raise PatternSyntaxError("There must have at least 2 Objects in $or relationship.")
    return tuple(alternatives)


def _leaf(values: list[Any]) -> _Leaf:
    leaf = _Leaf()
    tests: list[_Test] = []
    for value in values:
        if isinstance(value, dict):
            _expression(value, leaf, tests)
        elif isinstance(value, list):
            raise PatternSyntaxError("Match value must be String, number, true, false, or null")
        elif isinstance(value, str):
            leaf.strings.add(value)
        elif isinstance(value, bool):
            leaf.bools.add(value)
        elif value is None:
            leaf.null = True
        else:
            leaf.numbers.add(float(value))
    if not values:
        raise PatternSyntaxError("Empty arrays are not allowed")
    leaf.tests = tuple(tests)
    return leaf


def _expression(expr: dict[str, Any], leaf: _Leaf, tests: list[_Test]) -> None:
    if not expr:
        raise PatternSyntaxError("Match expression name not found")
    name, arg = next(iter(expr.items()))
    handler = _EXPRESSIONS.get(name)
    if handler is None and name != "exists":
        raise PatternSyntaxError(f"Unrecognized match type {name}")
    if handler is None:
        if not isinstance(arg, bool):
            raise PatternSyntaxError("exists match pattern must be either true or false.")
        if arg:
            leaf.present = True
        else:
            leaf.absent = True
    else:
        tests.append(handler(arg))
    if len(expr) > 1:
        raise PatternSyntaxError(
            "Too many elements in numeric expression"
            if name in ("numeric", "anything-but")
            else "Only one key allowed in match expression"
        )


def _string_or_ignore_case(kind: str, arg: Any) -> tuple[str, bool]:
    if isinstance(arg, str):
        return arg, False
    if isinstance(arg, dict) and len(arg) == 1 and "equals-ignore-case" in arg:
        inner = arg["equals-ignore-case"]
        if isinstance(inner, str):
            return inner, True
        raise PatternSyntaxError(f"{kind} match pattern must be a string")
    if isinstance(arg, dict) and arg:
        raise PatternSyntaxError(f"Unsupported {kind} pattern: {next(iter(arg))}")
    # What AWS answers (the LocalStack suite's captures, content_prefix_int_EXC and
    # content_suffix_list_EXC, 2024-12), not Event Ruler's later "value must be a string
    # or a valid equals-ignore-case expression".
    raise PatternSyntaxError(f"{kind} match pattern must be a string")


def _prefix(arg: Any) -> _Test:
    text, ignore = _string_or_ignore_case("prefix", arg)
    return _Prefix(text, ignore)


def _suffix(arg: Any) -> _Test:
    text, ignore = _string_or_ignore_case("suffix", arg)
    return _Suffix(text, ignore)


def _equals_ignore_case(arg: Any) -> _Test:
    if not isinstance(arg, str):
        raise PatternSyntaxError("equals-ignore-case match pattern must be a string")
    return _IgnoreCase(frozenset({arg.lower()}))


def _wildcard(arg: Any) -> _Test:
    if not isinstance(arg, str):
        raise PatternSyntaxError("wildcard match pattern must be a string")
    return _Wildcard(_wildcard_regex(arg))


def _wildcard_regex(text: str) -> re.Pattern[str]:
    parts: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            following = text[i + 1 : i + 2]
            if following not in ("*", "\\"):
                raise PatternSyntaxError(f"Invalid escape character at pos {i + 1}")
            parts.append(re.escape(following))
            i += 2
            continue
        if char == "*":
            if text[i + 1 : i + 2] == "*":
                raise PatternSyntaxError(f"Consecutive wildcard characters at pos {i + 1}")
            parts.append(".*")
        else:
            parts.append(re.escape(char))
        i += 1
    return re.compile("".join(parts), re.DOTALL)


def _cidr(arg: Any) -> _Test:
    if not isinstance(arg, str):
        raise PatternSyntaxError("prefix match pattern must be a string")
    if "/" not in arg:
        raise PatternSyntaxError(f"Malformed CIDR, one '/' required: {arg}")
    try:
        network = ipaddress.ip_network(arg, strict=False)
    except ValueError:
        raise PatternSyntaxError(f"Nonstandard IP address: {arg.partition('/')[0]}") from None
    return _Cidr(network)


_OPERATORS = ("=", "<", "<=", ">", ">=")


def _number(op: str, value: Any) -> float:
    if not _is_number(value):
        raise PatternSyntaxError(f"Value of {'equals' if op == '=' else op} must be numeric")
    number = float(value)
    if not -_NUMBER_LIMIT <= number <= _NUMBER_LIMIT or math.isnan(number):
        raise PatternSyntaxError("Value must be between -5.0E9 and 5.0E9, inclusive")
    return number


def _numeric(arg: Any) -> _Test:
    if not isinstance(arg, list):
        raise PatternSyntaxError("Value of numeric must be an array.")
    if not arg or not isinstance(arg[0], str):
        raise PatternSyntaxError(
            f"Invalid member in numeric match: {_text(arg[0] if arg else ']')}"
        )
    op = arg[0]
    if op not in _OPERATORS:
        raise PatternSyntaxError(f"Unrecognized numeric range operator: {op}")
    value = _number(op, arg[1] if len(arg) > 1 else None)
    inf = math.inf
    if op == "=":
        if len(arg) > 2:
            raise PatternSyntaxError("Too many elements in numeric expression")
        return _Numeric(value, False, value, False)
    if op in ("<", "<="):
        if len(arg) > 2:
            raise PatternSyntaxError("Too many elements in numeric expression")
        return _Numeric(-inf, False, value, op == "<")
    if len(arg) == 2:
        return _Numeric(value, op == ">", inf, False)
    top_op = arg[2]
    if not isinstance(top_op, str):
        raise PatternSyntaxError(f"Bad value in numeric range: {_text(top_op)}")
    if top_op not in ("<", "<="):
        raise PatternSyntaxError(f"Bad numeric range operator: {top_op}")
    top = _number(top_op, arg[3] if len(arg) > 3 else None)
    if len(arg) > 4:
        raise PatternSyntaxError("Too many terms in numeric range expression")
    if value >= top:
        raise PatternSyntaxError("Bottom must be less than top")
    return _Numeric(value, op == ">", top, top_op == "<")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _anything_but(arg: Any) -> _Test:
    if isinstance(arg, dict):
        return _Not(_anything_but_object(arg))
    if isinstance(arg, list):
        strings = {v for v in arg if isinstance(v, str)}
        numbers = {float(v) for v in arg if _is_number(v)}
        if len(strings) + len(numbers) != len(set(map(json.dumps, arg))):
            raise PatternSyntaxError(
                "Inside anything but list, start|null|boolean is not supported."
            )
        if bool(strings) == bool(numbers):
            raise PatternSyntaxError(
                "Inside anything but list, either all values are number or string, "
                "mixed type is not supported"
            )
        return _Not(_Values(frozenset(strings), frozenset(numbers)))
    if isinstance(arg, str):
        return _Not(_Values(frozenset({arg}), frozenset()))
    if _is_number(arg):
        return _Not(_Values(frozenset(), frozenset({float(arg)})))
    raise PatternSyntaxError(
        "Value of anything-but must be an array or single string/number value."
    )


def _anything_but_object(arg: dict[str, Any]) -> _Test:
    if not arg:
        raise PatternSyntaxError("Anything-But expression name not found")
    if len(arg) > 1:
        raise PatternSyntaxError("Only one key allowed in match expression")
    op, value = next(iter(arg.items()))
    if op in ("prefix", "suffix"):
        if not isinstance(value, str):
            raise PatternSyntaxError("prefix/suffix match pattern must be a string")
        if not value:
            raise PatternSyntaxError("Null prefix/suffix not allowed")
        return _Prefix(value, False) if op == "prefix" else _Suffix(value, False)
    if op == "equals-ignore-case":
        texts = _string_list(value, "anything-but/equals-ignore-case")
        return _IgnoreCase(frozenset(t.lower() for t in texts))
    if op == "wildcard":
        texts = _string_list(value, "anything-but/wildcard")
        return _AnyOf(tuple(_Wildcard(_wildcard_regex(t)) for t in texts))
    raise PatternSyntaxError(f"Unsupported anything-but pattern: {op}")


def _string_list(value: Any, where: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, str) for v in items):
        raise PatternSyntaxError(
            f"Inside {where} list, number|start|null|boolean is not supported."
        )
    return items


_EXPRESSIONS: dict[str, Any] = {
    "anything-but": _anything_but,
    "cidr": _cidr,
    "equals-ignore-case": _equals_ignore_case,
    "numeric": _numeric,
    "prefix": _prefix,
    "suffix": _suffix,
    "wildcard": _wildcard,
}
