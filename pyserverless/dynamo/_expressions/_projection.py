"""ProjectionExpression: selects document paths from an item.

DynamoDB keeps the shape of the item: a projected ``a.b`` returns ``{"a": {"b": ...}}``
and projected list elements come back as a shorter list in index order
(``a[3], a[1]`` -> ``{"a": [a[1], a[3]]}``). Paths that do not exist are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ._values import copy_value

__all__ = ["Projection", "project"]

Elements = tuple[str | int, ...]
_LEAF: dict[Any, Any] = {}


def _tree(paths: Iterable[Elements]) -> dict[Any, Any]:
    root: dict[Any, Any] = {}
    for path in paths:
        node = root
        for n, element in enumerate(path):
            last = n == len(path) - 1
            child = node.get(element)
            if last:
                node[element] = _LEAF
            elif child is None:
                node[element] = child = {}
                node = child
            elif child is _LEAF:
                break  # a shorter path already takes the whole value
            else:
                node = child
    return root


_ABSENT = object()


def _extract(value: Any, tree: dict[Any, Any]) -> Any:
    if tree is _LEAF:
        return copy_value(value)
    if type(value) is dict:
        out = {}
        for key, sub in tree.items():
            if type(key) is str and key in value:
                got = _extract(value[key], sub)
                if got is not _ABSENT:
                    out[key] = got
        return out if out else _ABSENT
    if type(value) is list:
        items = []
        for key in sorted(k for k in tree if type(k) is int):
            if key < len(value):
                got = _extract(value[key], tree[key])
                if got is not _ABSENT:
                    items.append(got)
        return items if items else _ABSENT
    return _ABSENT


def project(item: dict[str, Any], paths: Iterable[Elements]) -> dict[str, Any]:
    """The parts of ``item`` at ``paths`` (resolved element tuples).

    >>> project({"a": {"b": 1, "c": 2}, "l": ["x", "y", "z"], "k": 0}, [("a", "b"), ("l", 2)])
    {'a': {'b': 1}, 'l': ['z']}
    """
    tree = _tree(paths)
    out: dict[str, Any] = {}
    for key, sub in tree.items():
        if type(key) is str and key in item:
            got = _extract(item[key], sub)
            if got is not _ABSENT:
                out[key] = got
    return out


@attrs.frozen(eq=False)
class Projection:
    """A validated ProjectionExpression (or AttributesToGet).

    >>> from pyserverless.dynamo._expressions import compile_request
    >>> p = compile_request(names={"#n": "name"}, values=None, projection="#n, tags[0]").projection
    >>> p.apply({"name": "x", "tags": ["a", "b"], "other": 1})
    {'name': 'x', 'tags': ['a']}
    >>> sorted(p.attribute_names)
    ['name', 'tags']
    """

    expression: str
    paths: tuple[Elements, ...]
    # Top-level names when every path is one (the common case), else None; set once.
    _flat: tuple[str, ...] | None = attrs.field(init=False, repr=False)

    @_flat.default
    def _flat_names(self) -> tuple[str, ...] | None:
        if all(len(p) == 1 for p in self.paths):
            return tuple(str(p[0]) for p in self.paths)
        return None

    @property
    def attribute_names(self) -> frozenset[str]:
        """The top-level attribute names projected (for index projections)."""
        return frozenset(str(p[0]) for p in self.paths)

    def apply(self, item: dict[str, Any]) -> dict[str, Any]:
        """A new dict holding only the projected parts of ``item``."""
        flat = self._flat
        if flat is not None:
            return {n: copy_value(item[n]) for n in flat if n in item}
        return project(item, self.paths)
