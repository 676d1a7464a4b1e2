"""What a target receives: the event, a constant ``Input``, an ``InputPath`` or an
``InputTransformer`` (EventBridge's "Transforming target input" page).

Paths are JSONPath's simple form: ``$``, ``.name``, ``['name']`` and ``[index]``.
A transformer's ``InputTemplate`` names ``<variable>`` placeholders: the variables of
``InputPathsMap`` and the predefined ``aws.events.rule-arn``, ``aws.events.rule-name``,
``aws.events.event.ingestion-time``, ``aws.events.event`` and
``aws.events.event.json``. Inside a JSON string a placeholder becomes the value's
text; outside, the value's JSON.

>>> event = {"detail": {"instance-id": "i-1", "state": "running"}}
>>> paths = {"instance": parse_path("$.detail.instance-id"), "state": parse_path("$.detail.state")}
>>> render('{"id": <instance>, "text": "<instance> is <state>"}', paths, event, {})
'{"id": "i-1", "text": "i-1 is running"}'
>>> extract(parse_path("$.detail['state']"), event)
'running'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PathError", "extract", "parse_path", "placeholders", "render"]

_SEGMENT = re.compile(r"\.([^.\[\]]+)|\['([^']*)'\]|\[\"([^\"]*)\"\]|\[(\d+)\]")
_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")
_MISSING: Any = object()


class PathError(ValueError):
    """A path that is not JSONPath's simple form."""


def parse_path(text: str) -> tuple[str | int, ...]:
    """The steps of a JSONPath (``PathError`` if it is not one).

    >>> parse_path("$.a[0]['b c']")
    ('a', 0, 'b c')
    """
    if not text.startswith("$"):
        raise PathError(text)
    steps: list[str | int] = []
    i = 1
    while i < len(text):
        match = _SEGMENT.match(text, i)
        if match is None:
            raise PathError(text)
        name, quoted, dquoted, index = match.groups()
        if index is not None:
            steps.append(int(index))
        else:
            steps.append(name if name is not None else quoted if quoted is not None else dquoted)
        i = match.end()
    return tuple(steps)


def extract(path: tuple[str | int, ...], document: Any) -> Any:
    """The value at ``path`` in ``document``; None where the path leads nowhere."""
    value = document
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or step >= len(value):
                return None
        elif not isinstance(value, dict) or step not in value:
            return None
        value = value[step]
    return value


def placeholders(template: str) -> list[str]:
    """The variable names a template uses, in order."""
    return _PLACEHOLDER.findall(template)


def render(
    template: str,
    paths: Mapping[str, tuple[str | int, ...]],
    event: Mapping[str, Any],
    predefined: Mapping[str, Any],
) -> str:
    """The template with each known ``<variable>`` replaced (unknown ones kept as text)."""
    out: list[str] = []
    in_string = False
    escaped = False
    i = 0
    while i < len(template):
        char = template[i]
        if char == "<":
            match = _PLACEHOLDER.match(template, i)
            if match is not None:
                value = _value(match[1], paths, event, predefined)
                if value is not _MISSING:
                    out.append(_inside(value) if in_string else json.dumps(value))
                    i = match.end()
                    escaped = False
                    continue
        if in_string and escaped:
            escaped = False
        elif char == "\\" and in_string:
            escaped = True
        elif char == '"':
            in_string = not in_string
        out.append(char)
        i += 1
    return "".join(out)


def _value(
    name: str,
    paths: Mapping[str, tuple[str | int, ...]],
    event: Mapping[str, Any],
    predefined: Mapping[str, Any],
) -> Any:
    if name in paths:
        return extract(paths[name], event)
    return predefined.get(name, _MISSING)


def _inside(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return json.dumps(text)[1:-1]
