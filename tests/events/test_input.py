"""Target input: JSONPath's simple form and the InputTransformer's template."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pyserverless.events._input import PathError, extract, parse_path, render

EVENT: dict[str, Any] = {
    "source": "shop",
    "detail": {"id": "o-1", "lines": [{"sku": "a"}, {"sku": 'b"q'}], "total": 2.5, "tags": ["x"]},
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("$", EVENT),
        ("$.source", "shop"),
        ("$.detail.lines[1].sku", 'b"q'),
        ("$.detail['total']", 2.5),
        ('$.detail["tags"][0]', "x"),
        ("$.detail.missing", None),
        ("$.detail.lines[5]", None),
        ("$.source.deeper", None),
    ],
)
def test_extract(path: str, value: Any) -> None:
    """A path leads to its value, or to None where the event has nothing."""
    assert extract(parse_path(path), EVENT) == value


@pytest.mark.parametrize("path", ["detail", "$..x", "$.a[", "$[x]", ""])
def test_bad_paths(path: str) -> None:
    """Anything but JSONPath's simple form is refused."""
    with pytest.raises(PathError):
        parse_path(path)


def test_render_inside_and_outside_strings() -> None:
    """A placeholder outside quotes takes the value's JSON; inside, its escaped text."""
    paths = {"sku": parse_path("$.detail.lines[1].sku"), "lines": parse_path("$.detail.lines")}
    out = render('{"s": <sku>, "t": "sku <sku>", "all": <lines>, "n": "<lines>"}', paths, EVENT, {})
    assert json.loads(out) == {
        "s": 'b"q',
        "t": 'sku b"q',
        "all": [{"sku": "a"}, {"sku": 'b"q'}],
        "n": json.dumps([{"sku": "a"}, {"sku": 'b"q'}]),
    }


def test_render_predefined_unknown_and_escaped_quotes() -> None:
    """Predefined variables fill in; unknown placeholders stay as text; escaped quotes
    inside strings do not end them."""
    out = render(
        '{"rule": "<aws.events.rule-name>", "x": "a \\" <other>", "e": <aws.events.event>}',
        {},
        EVENT,
        {"aws.events.rule-name": "r", "aws.events.event": {"k": 1}},
    )
    assert json.loads(out) == {"rule": "r", "x": 'a " <other>', "e": {"k": 1}}


def test_missing_values_are_null() -> None:
    """A path that leads nowhere is null outside strings."""
    out = render('{"m": <m>}', {"m": parse_path("$.nope")}, EVENT, {})
    assert json.loads(out) == {"m": None}
