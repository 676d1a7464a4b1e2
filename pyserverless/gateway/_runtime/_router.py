"""The router: one trie of path segments per deployment, so a lookup costs O(segments).

AWS's rules (aws-facts C3):

* ``{param}`` matches one non-empty segment, ``{proxy+}`` one or more (greedy, last).
* A literal segment beats ``{param}``, which beats ``{proxy+}``; at one path an explicit
  method beats ``ANY``. A path whose best match has no route for the method falls back
  to the next most specific one that has (an ``ANY /{proxy+}`` catch-all still answers).
* REST APIs answer no match with 403 ``{"message":"Missing Authentication Token"}``;
  HTTP APIs try the ``$default`` route, then answer 404 ``{"message":"Not Found"}``.
* Path parameters reach the integration URL-decoded; literals are compared decoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

from .._deployed import RouteSpec
from ._types import GatewayError, Matched

__all__ = ["MISSING_TOKEN", "NOT_FOUND", "Router", "split_path"]

MISSING_TOKEN = GatewayError(
    status=403,
    response_type="MISSING_AUTHENTICATION_TOKEN",
    body={"message": "Missing Authentication Token"},
    headers={"x-amzn-ErrorType": "MissingAuthenticationTokenException"},
)
NOT_FOUND = GatewayError(status=404, response_type="NOT_FOUND", body={"message": "Not Found"})


class _Node:
    """One path segment's position: children by literal, by parameter, and greedy ends."""

    __slots__ = ("greedy", "literals", "methods", "params")

    def __init__(self) -> None:
        self.literals: dict[str, _Node] = {}
        #: ``{name}`` children, in the order the routes named them.
        self.params: list[tuple[str, _Node]] = []
        #: ``{name+}`` routes ending here: (name, method -> route).
        self.greedy: list[tuple[str, dict[str, RouteSpec]]] = []
        #: Routes whose template ends at this node: method (or ``ANY``) -> route.
        self.methods: dict[str, RouteSpec] = {}


def split_path(path: str) -> list[str]:
    """The segments of ``path``: no leading slash, one trailing slash ignored.

    >>> split_path("/items/42/"), split_path("/"), split_path("/a//b")
    (['items', '42'], [], ['a', '', 'b'])
    """
    inner = path[1:] if path.startswith("/") else path
    if inner.endswith("/"):
        inner = inner[:-1]
    return inner.split("/") if inner else []


def _pick(methods: dict[str, RouteSpec], method: str) -> RouteSpec | None:
    route = methods.get(method)
    return route if route is not None else methods.get("ANY")


class Router:
    """Routes of one deployment, in a trie.

    >>> from pyserverless.gateway._deployed import IntegrationSpec, RouteSpec
    >>> mock = IntegrationSpec(type="MOCK")
    >>> router = Router(
    ...     [
    ...         RouteSpec("GET", "/items/{id}", mock, "r1"),
    ...         RouteSpec("ANY", "/{proxy+}", mock, "r2"),
    ...         RouteSpec("GET", "/items/special", mock, "r3"),
    ...     ],
    ...     kind="REST",
    ... )
    >>> m = router.match("GET", "/items/a%20b")
    >>> m.route.route_id, dict(m.path_parameters)
    ('r1', {'id': 'a b'})
    >>> router.match("GET", "/items/special").route.route_id
    'r3'
    >>> m = router.match("POST", "/items/42")
    >>> m.route.route_id, dict(m.path_parameters)
    ('r2', {'proxy': 'items/42'})
    >>> router.match("GET", "/").message
    'Missing Authentication Token'
    """

    __slots__ = ("default", "kind", "root")

    def __init__(self, routes: Iterable[RouteSpec], *, kind: str) -> None:
        self.kind = kind
        self.root = _Node()
        self.default: RouteSpec | None = None
        for route in routes:
            self._add(route)

    def _add(self, route: RouteSpec) -> None:
        if route.path == "$default":
            self.default = route
            return
        node = self.root
        segments = split_path(route.path)
        for i, segment in enumerate(segments):
            if segment.startswith("{") and segment.endswith("+}") and i == len(segments) - 1:
                name = segment[1:-2]
                for have, methods in node.greedy:
                    if have == name:
                        methods[route.method or "ANY"] = route
                        return
                node.greedy.append((name, {route.method or "ANY": route}))
                return
            if segment.startswith("{") and segment.endswith("}"):
                name = segment[1:-1]
                child = next((n for have, n in node.params if have == name), None)
                if child is None:
                    child = _Node()
                    node.params.append((name, child))
                node = child
            else:
                node = node.literals.setdefault(unquote(segment), _Node())
        node.methods[route.method or "ANY"] = route

    def match(self, method: str, path: str) -> Matched | RouteError:
        """The route for ``method`` and ``path`` (percent-encoded), or the error AWS gives."""
        segments = [unquote(s) for s in split_path(path)]
        params: dict[str, str] = {}
        route = self._walk(self.root, segments, 0, method, params)
        if route is not None:
            return Matched(route=route, path_parameters=params)
        if self.kind == "HTTP":
            if self.default is not None:
                return Matched(route=self.default, path_parameters={})
            return RouteError(NOT_FOUND)
        return RouteError(MISSING_TOKEN)

    def _walk(
        self, node: _Node, segments: list[str], i: int, method: str, params: dict[str, str]
    ) -> RouteSpec | None:
        if i == len(segments):
            return _pick(node.methods, method) if node.methods else None
        segment = segments[i]
        child = node.literals.get(segment)
        if child is not None:
            found = self._walk(child, segments, i + 1, method, params)
            if found is not None:
                return found
        if segment:
            for name, child in node.params:
                found = self._walk(child, segments, i + 1, method, params)
                if found is not None:
                    params[name] = segment
                    return found
        for name, methods in node.greedy:
            route = _pick(methods, method)
            if route is not None:
                params[name] = "/".join(segments[i:])
                return route
        return None


class RouteError:
    """No route matched: the gateway's answer (403 for REST, 404 for HTTP)."""

    __slots__ = ("error",)

    def __init__(self, error: GatewayError) -> None:
        self.error = error

    @property
    def message(self) -> str:
        return str(self.error.body["message"])
