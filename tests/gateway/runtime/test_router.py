"""The router: AWS's precedence rules, and a property against a plain reference matcher."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyserverless.gateway._deployed import IntegrationSpec, RouteSpec
from pyserverless.gateway._runtime._router import RouteError, Router

MOCK = IntegrationSpec(type="MOCK")


def _routes(*keys: str) -> list[RouteSpec]:
    out = []
    for key in keys:
        method, _, path = key.partition(" ") if key != "$default" else ("", "", key)
        out.append(RouteSpec(method, path, MOCK, route_id=key))
    return out


def pick(kind: str, keys: tuple[str, ...], method: str, path: str) -> str | tuple[int, str]:
    found = Router(_routes(*keys), kind=kind).match(method, path)
    if isinstance(found, RouteError):
        return found.error.status, found.message
    return found.route.route_id


class TestRestPrecedence:
    def test_literal_beats_param_beats_greedy(self) -> None:
        """A literal segment wins over {param}, which wins over {proxy+}."""
        keys = ("GET /items/{id}", "GET /items/new", "GET /{proxy+}")
        assert pick("REST", keys, "GET", "/items/new") == "GET /items/new"
        assert pick("REST", keys, "GET", "/items/42") == "GET /items/{id}"
        assert pick("REST", keys, "GET", "/items/42/parts") == "GET /{proxy+}"
        assert pick("REST", keys, "GET", "/other") == "GET /{proxy+}"

    def test_explicit_method_beats_any(self) -> None:
        """At one resource, an explicit method wins over ANY; ANY takes the others."""
        keys = ("ANY /items", "GET /items")
        assert pick("REST", keys, "GET", "/items") == "GET /items"
        assert pick("REST", keys, "DELETE", "/items") == "ANY /items"

    def test_no_match_is_missing_authentication_token(self) -> None:
        """REST: no route → 403 Missing Authentication Token (also a known path, other method)."""
        keys = ("GET /items",)
        assert pick("REST", keys, "POST", "/items") == (403, "Missing Authentication Token")
        assert pick("REST", keys, "GET", "/nothing") == (403, "Missing Authentication Token")

    def test_param_matches_one_segment(self) -> None:
        """{param} takes exactly one non-empty segment."""
        keys = ("GET /a/{x}",)
        assert pick("REST", keys, "GET", "/a/b/c")[0] == 403
        assert pick("REST", keys, "GET", "/a//")[0] == 403
        assert pick("REST", keys, "GET", "/a/b") == "GET /a/{x}"

    def test_greedy_needs_a_segment(self) -> None:
        """{proxy+} takes one segment or more, never none."""
        keys = ("GET /a/{proxy+}",)
        assert pick("REST", keys, "GET", "/a")[0] == 403
        assert pick("REST", keys, "GET", "/a/b") == "GET /a/{proxy+}"

    def test_parameters_are_url_decoded(self) -> None:
        """Path parameters reach the integration URL-decoded; greedy keeps its slashes."""
        router = Router(_routes("GET /f/{name}", "GET /g/{proxy+}"), kind="REST")
        found = router.match("GET", "/f/a%20b%2Fc")
        assert not isinstance(found, RouteError)
        assert dict(found.path_parameters) == {"name": "a b/c"}
        found = router.match("GET", "/g/x/y%21")
        assert not isinstance(found, RouteError)
        assert dict(found.path_parameters) == {"proxy": "x/y!"}

    def test_trailing_slash(self) -> None:
        """One trailing slash is ignored by routing."""
        assert pick("REST", ("GET /items",), "GET", "/items/") == "GET /items"

    def test_root(self) -> None:
        """The root resource is a route of its own; {proxy+} does not take it."""
        keys = ("GET /", "ANY /{proxy+}")
        assert pick("REST", keys, "GET", "/") == "GET /"
        assert pick("REST", ("ANY /{proxy+}",), "GET", "/")[0] == 403


class TestHttpPrecedence:
    def test_default_catches_the_rest(self) -> None:
        """HTTP APIs: exact route, then greedy, then $default."""
        keys = ("GET /pets/{id}", "ANY /pets/{proxy+}", "$default")
        assert pick("HTTP", keys, "GET", "/pets/1") == "GET /pets/{id}"
        assert pick("HTTP", keys, "POST", "/pets/1") == "ANY /pets/{proxy+}"
        assert pick("HTTP", keys, "GET", "/cats") == "$default"

    def test_no_match_is_not_found(self) -> None:
        """HTTP APIs without $default answer 404 Not Found."""
        assert pick("HTTP", ("GET /pets",), "GET", "/cats") == (404, "Not Found")
        assert pick("HTTP", ("GET /pets",), "PUT", "/pets") == (404, "Not Found")


class TestCost:
    def test_lookup_touches_segments_not_routes(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With 5,000 routes a lookup visits one node per segment (no scan of the routes)."""
        keys = tuple(f"GET /r{i}/items/{{id}}" for i in range(5000))
        router = Router(_routes(*keys), kind="REST")
        visited: list[int] = []
        original = Router._walk

        def counting(self: Router, node: Any, segments: Any, i: int, *rest: Any) -> Any:
            visited.append(i)
            return original(self, node, segments, i, *rest)

        monkeypatch.setattr(Router, "_walk", counting)
        found = router.match("GET", "/r4321/items/7")
        assert not isinstance(found, RouteError)
        assert found.route.route_id == "GET /r4321/items/{id}"
        assert visited == [0, 1, 2, 3]  # the root and one node per segment


# -- the property: the trie picks what a plain reading of AWS's rules picks ----------------
_LITERALS = ("a", "b", "c")


def _segment_rank(template: str) -> int:
    if template.endswith("+}"):
        return 2
    return 1 if template.startswith("{") else 0


def reference(keys: list[str], method: str, path: str) -> str | None:
    """Every route matching the path and method; the most specific by segment ranks
    (literal 0 < param 1 < greedy 2, left to right), then explicit method before ANY."""
    inner = path.strip("/")
    segments = inner.split("/") if inner else []
    candidates = []
    for key in dict.fromkeys(keys):
        r_method, _, template = key.partition(" ")
        parts = template.strip("/").split("/") if template.strip("/") else []
        if r_method not in (method, "ANY"):
            continue
        pattern = ""
        for part in parts:
            if part.endswith("+}"):
                pattern += r"/.+"
            elif part.startswith("{"):
                pattern += r"/[^/]+"
            else:
                pattern += "/" + re.escape(part)
        if not re.fullmatch(pattern, "/" + "/".join(segments) if segments else ""):
            continue
        ranks = tuple(_segment_rank(p) for p in parts)
        candidates.append((ranks, r_method == "ANY", key))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


@st.composite
def templates(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 3))
    parts = []
    for i in range(depth):
        kind = draw(st.sampled_from(("lit", "lit", "param")))
        parts.append(draw(st.sampled_from(_LITERALS)) if kind == "lit" else f"{{p{i}}}")
    if draw(st.booleans()) and draw(st.booleans()):
        parts.append("{proxy+}")
    return "/" + "/".join(parts)


@given(
    keys=st.lists(
        st.tuples(st.sampled_from(("GET", "POST", "ANY")), templates()).map(" ".join),
        min_size=1,
        max_size=12,
    ),
    method=st.sampled_from(("GET", "POST", "PUT")),
    segments=st.lists(st.sampled_from((*_LITERALS, "z", "a b")), max_size=5),
    kind=st.sampled_from(("REST", "HTTP")),
    default=st.booleans(),
)
def test_router_agrees_with_reference(
    keys: list[str], method: str, segments: list[str], kind: str, default: bool
) -> None:
    """For random route sets and paths, the trie picks what the rules pick (HTTP APIs
    falling back to $default, then 404; REST to 403)."""
    keys = list(dict.fromkeys(keys))
    path = "/" + "/".join(s.replace(" ", "%20") for s in segments)
    expected = reference(keys, method, path.replace("%20", " "))
    with_default = kind == "HTTP" and default
    if expected is None and with_default:
        expected = "$default"
    found = Router(_routes(*keys, *(["$default"] if with_default else [])), kind=kind).match(
        method, path
    )
    if isinstance(found, RouteError):
        assert expected is None
        assert found.error.status == (404 if kind == "HTTP" else 403)
    else:
        assert found.route.route_id == expected
