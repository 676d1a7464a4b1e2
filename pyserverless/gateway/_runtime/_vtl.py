"""Mapping templates (VTL) as API Gateway runs them, on the ``airspeed`` engine.

A template sees ``$input`` (the payload and the request's parameters), ``$util``,
``$context``, ``$stageVariables`` and, in a response template, the same ``$input`` over
the integration's answer (aws-facts C7). Values read from JSON render as Java would
(``true``, ``{a=1}``), and a reference to nothing renders as nothing [?] (API Gateway
runs Velocity with quiet references). A template without ``$`` or ``#`` is plain text
and needs no engine.

>>> render('{"name": "$input.path(\\'$.pet.name\\')"}', namespace(b'{"pet": {"name": "Rex"}}'))
'{"name": "Rex"}'
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from ..._core.text import digits
from .. import _extras

__all__ = ["Input", "TemplateFailed", "Util", "jsonpath", "namespace", "render"]


class TemplateFailed(Exception):
    """A template that does not parse or fails while running (API Gateway answers 500)."""


# -- values as Java renders them ------------------------------------------------------
class _JBool(int):
    """A JSON boolean: true in ``#if``, rendered ``true``/``false``."""

    def __str__(self) -> str:
        return "true" if self else "false"

    __repr__ = __str__


class _JList(list[Any]):
    """A JSON array with the Java ``List`` methods templates call."""

    def size(self) -> int:
        return len(self)

    def get(self, index: int) -> Any:
        return self[index]

    def isEmpty(self) -> bool:
        return not self

    def contains(self, value: Any) -> bool:
        return value in self

    def __str__(self) -> str:
        return "[" + ", ".join(str(v) for v in self) + "]"


class _JMap(dict[str, Any]):
    """A JSON object with the Java ``Map`` methods templates call."""

    def size(self) -> int:
        return len(self)

    def isEmpty(self) -> bool:
        return not self

    def keySet(self) -> _JList:
        return _JList(self.keys())

    def containsKey(self, key: str) -> bool:
        return key in self

    def put(self, key: str, value: Any) -> Any:
        old = self.get(key)
        self[key] = value
        return old

    def __str__(self) -> str:
        return "{" + ", ".join(f"{k}={v}" for k, v in self.items()) + "}"


def _java(value: Any) -> Any:
    if isinstance(value, bool):
        return _JBool(value)
    if isinstance(value, dict):
        return _JMap((k, _java(v)) for k, v in value.items())
    if isinstance(value, list):
        return _JList(_java(v) for v in value)
    return value


# -- JSONPath -------------------------------------------------------------------------------
_STEP = re.compile(r"\.(\*|[^.\[]+)|\[(\*|-?\d+|'[^']*'|\"[^\"]*\")\]")


def jsonpath(data: Any, path: str) -> Any:
    """The value a JSONPath names in ``data`` (``$``, ``.name``, ``['name']``, ``[0]``,
    ``[*]``, ``.*``); None when it names nothing.

    >>> jsonpath({"a": [{"b": 1}, {"b": 2}]}, "$.a[*].b")
    [1, 2]
    >>> jsonpath({"a": {"b c": 1}}, "$.a['b c']")
    1
    """
    path = path.strip()
    if not path.startswith("$"):
        return None
    current: list[Any] = [data]
    many = False
    pos = 1
    while pos < len(path):
        found = _STEP.match(path, pos)
        if found is None:
            return None
        pos = found.end()
        key = found.group(1) if found.group(1) is not None else found.group(2)
        step: list[Any] = []
        for item in current:
            if key == "*":
                many = True
                step.extend(item.values() if isinstance(item, dict) else item or [])
            elif isinstance(item, list) and digits(key.lstrip("-")):
                index = int(key)
                if -len(item) <= index < len(item):
                    step.append(item[index])
            elif isinstance(item, dict):
                name = key[1:-1] if key[:1] in "'\"" and found.group(2) else key
                if name in item:
                    step.append(item[name])
        current = step
    if many:
        return current
    return current[0] if current else None


# -- $input and $util -----------------------------------------------------------------------
class Input:
    """``$input``: the payload (request or integration response) and the request's
    parameters."""

    def __init__(self, body: str, params: Mapping[str, Mapping[str, str]]) -> None:
        self.body = body
        self._params = params
        self._parsed: Any = ...

    def _data(self) -> Any:
        if self._parsed is ...:
            try:
                self._parsed = json.loads(self.body) if self.body.strip() else {}
            except ValueError:
                self._parsed = None
        return self._parsed

    def json(self, path: str) -> str:
        """The JSONPath's value as JSON text."""
        value = jsonpath(self._data(), path)
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def path(self, path: str) -> Any:
        """The JSONPath's value as an object templates can walk."""
        return _java(jsonpath(self._data(), path))

    def params(self, name: str | None = None) -> Any:
        """All parameters (``path``, ``querystring``, ``header``), or one by name (path
        first, then query string, then header)."""
        if name is None:
            return _JMap((k, _JMap(v)) for k, v in self._params.items())
        for kind in ("path", "querystring", "header"):
            found = self._params.get(kind, {}).get(name)
            if found is not None:
                return found
        return ""


_JS_ESCAPES = {
    "'": "\\'",
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\n": "\\n",
    "\t": "\\t",
    "\f": "\\f",
    "\r": "\\r",
}


class Util:
    """``$util``: the helper functions of API Gateway's templates."""

    @staticmethod
    def escapeJavaScript(text: Any) -> str:
        """JavaScript string escapes, as Apache Commons Lang writes them.

        >>> Util.escapeJavaScript('say "hi"\\n')
        'say \\\\"hi\\\\"\\\\n'
        """
        out = []
        for char in str(text):
            mapped = _JS_ESCAPES.get(char)
            if mapped is not None:
                out.append(mapped)
            elif ord(char) < 32 or ord(char) > 0x7E:
                out.append(f"\\u{ord(char):04X}")
            else:
                out.append(char)
        return "".join(out)

    @staticmethod
    def parseJson(text: Any) -> Any:
        """A JSON string as an object."""
        try:
            return _java(json.loads(str(text)))
        except ValueError as exc:
            raise TemplateFailed(f"parseJson: {exc}") from exc

    @staticmethod
    def urlEncode(text: Any) -> str:
        """``application/x-www-form-urlencoded`` encoding, as Java's ``URLEncoder``.

        >>> Util.urlEncode("a b&c~")
        'a+b%26c%7E'
        """
        return quote_plus(str(text), safe="*").replace("~", "%7E")

    @staticmethod
    def urlDecode(text: Any) -> str:
        """The reverse of ``urlEncode``."""
        return unquote_plus(str(text))

    @staticmethod
    def base64Encode(text: Any) -> str:
        """Base64 of the text's UTF-8 bytes."""
        return base64.b64encode(str(text).encode()).decode()

    @staticmethod
    def base64Decode(text: Any) -> str:
        """The text a base64 string holds."""
        try:
            return base64.b64decode(str(text)).decode("utf-8", "replace")
        except (binascii.Error, ValueError) as exc:
            raise TemplateFailed(f"base64Decode: {exc}") from exc


_UTIL = Util()


def namespace(
    body: bytes,
    params: Mapping[str, Mapping[str, str]] | None = None,
    context: Mapping[str, Any] | None = None,
    stage_variables: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The names a template sees."""
    return {
        "input": Input(body.decode("utf-8", "replace"), params or {}),
        "util": _UTIL,
        "context": _java(dict(context or {})),
        "stageVariables": _JMap(stage_variables or {}),
    }


# -- rendering ------------------------------------------------------------------------------
_REFERENCE = re.compile(r"(?<![\\!])\$(?=\{?[A-Za-z_])")
_PLACE = re.compile(r"(#\{?(?:set|foreach)\}?\s*\(\s*)\$!")


@functools.lru_cache(maxsize=256)
def _compiled(text: str) -> Any:
    quiet = _PLACE.sub(r"\1$", _REFERENCE.sub("$!", text))
    template = _extras.airspeed().Template(quiet)
    try:
        template.ensure_compiled()
    except Exception as exc:  # airspeed's TemplateSyntaxError
        raise TemplateFailed(str(exc)) from exc
    return template


def render(text: str, names: Mapping[str, Any]) -> str:
    """A template's output (``TemplateFailed`` when it does not parse or run)."""
    if "$" not in text and "#" not in text:
        return text
    template = _compiled(text)
    try:
        return str(template.merge(dict(names)))
    except TemplateFailed:
        raise
    except Exception as exc:  # anything the template's code raised
        raise TemplateFailed(str(exc)) from exc
