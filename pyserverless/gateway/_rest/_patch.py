"""Patch operations (``op``/``path``/``value``), as every ``Update*`` takes them.

A request's operations are parsed into a frozen plan first (each op matched to one
rule of the resource's table, AWS's error for a path or op it does not support), then
applied to a copy of the resource; the copy replaces the resource only when every step
succeeded, so a refused request changes nothing.

>>> rules = (field("/name", "name"),)
>>> plan = parse([{"op": "replace", "path": "/name", "value": "b"}], rules)
>>> apply({"name": "a"}, plan)
{'name': 'b'}
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from .._errors import BadRequestException, ValidationException
from . import _messages as msg

__all__ = [
    "OPS",
    "PatchStep",
    "Rule",
    "apply",
    "boolean",
    "entry",
    "field",
    "integer",
    "list_item",
    "number",
    "parse",
    "segments",
]

OPS = ("add", "remove", "replace", "move", "copy", "test")
#: What a rule does to the target: ``(target, op, captures, value)``.
Handler = Callable[[dict[str, Any], str, tuple[str, ...], "str | None"], None]


@attrs.frozen
class Rule:
    """One patchable path: segments (``"{}"`` captures one segment), the ops it takes."""

    pattern: tuple[str, ...]
    ops: frozenset[str]
    handler: Handler
    shown: str


@attrs.frozen
class PatchStep:
    """One parsed operation: its rule, op, captured segments and value."""

    rule: Rule
    op: str
    captures: tuple[str, ...]
    value: str | None
    path: str


def segments(path: str) -> tuple[str, ...]:
    """A JSON-pointer path's segments, unescaped (``~1`` is ``/``, ``~0`` is ``~``).

    >>> segments("/~1items/GET/throttling/rateLimit")
    ('/items', 'GET', 'throttling', 'rateLimit')
    """
    if not path.startswith("/"):
        return ()
    return tuple(s.replace("~1", "/").replace("~0", "~") for s in path[1:].split("/"))


def _match(pattern: tuple[str, ...], parts: tuple[str, ...]) -> tuple[str, ...] | None:
    if len(pattern) != len(parts):
        return None
    captures = []
    for want, got in zip(pattern, parts, strict=True):
        if want == "{}":
            if got == "":
                return None
            captures.append(got)
        elif want != got:
            return None
    return tuple(captures)


def parse(
    operations: object,
    rules: Sequence[Rule],
    *,
    strict: bool | str = False,
    input_name: str | None = None,
) -> tuple[PatchStep, ...]:
    """Match each operation to a rule; ``BadRequestException`` for the first that fits none.

    ``strict`` is how RestApis and Methods refuse: a path no rule knows is
    ``Invalid patch path <path>``, a known path under an op it does not take names the ops
    it does (``strict="path"``, gateway responses: every refusal names the path); the other
    tables list, for the op, the paths that take it. With ``input_name``, an op outside
    the six is the model's enum ``ValidationException``, as AWS words it for that input.

    >>> rules = (field("/name", "name"),)
    >>> def said(strict: bool) -> str:
    ...     try:
    ...         parse([{"op": "add", "path": "/name", "value": "b"}], rules, strict=strict)
    ...     except BadRequestException as err:
    ...         return err.message
    ...     return "taken"
    >>> said(True)
    'Invalid patch operation specified. Must be one of: [replace]'
    >>> said(False)
    "Invalid patch path  '/name' specified for op 'add'. Please choose supported operations"
    """
    steps = []
    listed = operations if isinstance(operations, list | tuple) else ()
    if any(_bad_op(raw) for raw in listed):
        raise validation(enum_errors(listed, input_name or _input_name()))
    for raw in listed:
        if not isinstance(raw, Mapping) or not isinstance(raw.get("op"), str):
            raise BadRequestException(msg.BAD_PATCH_OP)  # [?] no op at all
        op: str = raw["op"]
        path, value = raw.get("path"), raw.get("value")
        if path is None and strict:
            raise BadRequestException(msg.UNKNOWN_PATCH_PATH.format("null"))
        path = path or ""
        parts = segments(path) if isinstance(path, str) else ()
        for rule in rules:
            captures = _match(rule.pattern, parts)
            if captures is not None and op in rule.ops:
                steps.append(PatchStep(rule, op, captures, value, path))
                break
        else:
            raise _refusal(rules, op, path, parts, strict=strict)
    return tuple(steps)


def _bad_op(raw: object) -> bool:
    """An op given, but not one of the six (a missing op is not the enum's to judge)."""
    return isinstance(raw, Mapping) and raw.get("op") is not None and raw["op"] not in OPS


def enum_errors(operations: Sequence[Any], input_name: str) -> list[str]:
    """Each op outside the six, as AWS's model validation words it (1-based positions)."""
    return [
        msg.PATCH_OP_ENUM.format(raw["op"], f"{input_name}.patchOperations.{i}.member.op")
        for i, raw in enumerate(operations, 1)
        if _bad_op(raw)
    ]


def validation(errors: Sequence[str]) -> ValidationException:
    """AWS's ``N validation error(s) detected: ...; ...``.

    >>> validation(["a", "b"]).message
    '2 validation errors detected: a; b'
    """
    count = len(errors)
    head = "1 validation error" if count == 1 else f"{count} validation errors"
    return ValidationException(f"{head} detected: " + "; ".join(errors))


def _input_name() -> str:
    """``updateMethodResponseInput`` for a parse called from ``update_method_response``:
    the operation's input shape, which AWS's enum refusal names (read only when refusing)."""
    frame = sys._getframe(1)
    while frame is not None and not frame.f_code.co_name.startswith("update_"):
        frame = frame.f_back  # type: ignore[assignment]
    name = frame.f_code.co_name if frame is not None else "update"
    first, *rest = name.split("_")
    return first + "".join(w.capitalize() for w in rest) + "Input"


def _refusal(
    rules: Sequence[Rule], op: str, path: object, parts: tuple[str, ...], *, strict: bool | str
) -> BadRequestException:
    if strict:
        known = [r for r in rules if _match(r.pattern, parts) is not None]
        if not known or strict == "path":
            return BadRequestException(msg.UNKNOWN_PATCH_PATH.format(path))
        ops = [o for o in OPS if o in known[0].ops]
        # [?] beyond AWS's verified answers (``add`` on a replace path names only replace)
        shown = [o for o in ops if o != "remove"] or ops
        return BadRequestException(msg.PATCH_OP_FOR_PATH.format(", ".join(shown)))
    allowed = ", ".join(r.shown for r in rules if op in r.ops)
    if not allowed:
        return BadRequestException(msg.BAD_PATCH_PATH_NONE.format(path, op))
    return BadRequestException(msg.BAD_PATCH_PATH.format(path, op, allowed))


def apply(target: Mapping[str, Any], plan: Iterable[PatchStep]) -> dict[str, Any]:
    """A patched deep copy of ``target`` (the original is left as it was)."""
    result = copy.deepcopy(dict(target))
    for step in plan:
        step.rule.handler(result, step.op, step.captures, step.value)
    return result


def _rule(path: str, ops: Iterable[str], handler: Handler) -> Rule:
    return Rule(segments(path), frozenset(ops), handler, path)


def _required(value: str | None, name: str) -> str:
    if value is None:
        raise BadRequestException(msg.PATCH_VALUE_REQUIRED.format(name))
    return value


def field(
    path: str,
    name: str,
    *,
    choices: Sequence[str] = (),
    check: Callable[[str], None] | None = None,
    removable: bool = False,
) -> Rule:
    """``replace`` sets a string field (``remove`` drops it when ``removable``)."""

    def handler(target: dict[str, Any], op: str, _c: tuple[str, ...], value: str | None) -> None:
        if op == "remove" or (removable and value in (None, "")):
            target.pop(name, None)
            return
        text = _required(value, path)
        if choices and text not in choices:
            raise BadRequestException(msg.PATCH_ENUM.format(path, text, ",".join(choices)))
        if check is not None:
            check(text)
        target[name] = text

    return _rule(path, ("replace", "remove") if removable else ("replace",), handler)


def boolean(path: str, name: str) -> Rule:
    """``replace`` sets a boolean field from ``"true"``/``"false"``."""

    def handler(target: dict[str, Any], _op: str, _c: tuple[str, ...], value: str | None) -> None:
        text = _required(value, path).lower()
        if text not in ("true", "false"):
            raise BadRequestException(msg.PATCH_BOOLEAN.format(path, value))
        target[name] = text == "true"

    return _rule(path, ("replace",), handler)


def _to_number(path: str, value: str | None, cast: Callable[[str], Any]) -> Any:
    text = _required(value, path)
    try:
        return cast(text)
    except ValueError:
        raise BadRequestException(msg.PATCH_NUMBER.format(path, value)) from None


def integer(
    path: str, name: str, *, low: int | None = None, high: int | None = None,
    removable: bool = False, where: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Rule:  # fmt: skip
    """``replace`` sets an integer field (within ``low``..``high``)."""

    def handler(target: dict[str, Any], op: str, _c: tuple[str, ...], value: str | None) -> None:
        place = target if where is None else where(target)
        if op == "remove" or (removable and value in (None, "")):
            place.pop(name, None)
            return
        number = _to_number(path, value, int)
        if (low is not None and number < low) or (high is not None and number > high):
            raise BadRequestException(msg.PATCH_NUMBER.format(path, value))
        place[name] = number

    return _rule(path, ("replace", "remove") if removable else ("replace",), handler)


def number(
    path: str, name: str, *, where: Callable[[dict[str, Any]], dict[str, Any]] | None = None
) -> Rule:
    """``replace`` sets a non-negative float field."""

    def handler(target: dict[str, Any], _op: str, _c: tuple[str, ...], value: str | None) -> None:
        place = target if where is None else where(target)
        amount = _to_number(path, value, float)
        if amount < 0 or amount != amount:
            raise BadRequestException(msg.PATCH_NUMBER.format(path, value))
        place[name] = amount

    return _rule(path, ("replace",), handler)


def entry(
    path: str, name: str, *, check: Callable[[str, str], None] | None = None,
    ops: Sequence[str] = ("add", "replace", "remove"),
) -> Rule:  # fmt: skip
    """``/{name}/{key}``: ``add``/``replace`` sets ``target[name][key]``, ``remove`` drops it."""

    def handler(
        target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
    ) -> None:
        key = captures[-1]
        found = target.setdefault(name, {})
        if op == "remove":
            if key not in found:
                raise BadRequestException(msg.BAD_PATCH_PATH.format(path, op, path))
            del found[key]
        else:
            text = _required(value, path) if check is not None else (value or "")
            if check is not None:
                check(key, text)
            found[key] = text
        if not found:
            target.pop(name, None)

    return _rule(path, ops, handler)


def list_item(
    path: str, name: str, *, check: Callable[[str], None] | None = None, replace: bool = False
) -> Rule:
    """``/{name}/{item}``: ``add`` appends the item (once), ``remove`` drops it; with
    ``replace``, ``replace`` drops the item and appends the value (AWS's order)."""

    def handler(
        target: dict[str, Any], op: str, captures: tuple[str, ...], value: str | None
    ) -> None:
        item = captures[-1]
        items = target.setdefault(name, [])
        if op == "replace":
            new = _required(value, path)
            if check is not None:
                check(new)
            if item in items:
                items.remove(item)
            if new not in items:
                items.append(new)
        elif op == "add":
            if check is not None:
                check(item)
            if item not in items:
                items.append(item)
        elif item in items:
            items.remove(item)
        if not items:
            target.pop(name, None)

    return _rule(path, ("add", "remove", "replace") if replace else ("add", "remove"), handler)
