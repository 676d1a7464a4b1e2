"""CloudFront's cache rules: TTLs from the origin's headers, cache keys, and the store.

>>> settings = CacheSettings(min_ttl=0, default_ttl=86400, max_ttl=31536000)
>>> ttl_for(200, {"cache-control": "max-age=60"}, settings, 0.0)
60.0
>>> ttl_for(200, {"cache-control": "s-maxage=5, max-age=60"}, settings, 0.0)
5.0
>>> ttl_for(200, {}, settings, 0.0)
86400.0
>>> ttl_for(200, {"cache-control": "no-store"}, settings, 0.0) is None
True
>>> ttl_for(200, {"cache-control": "no-store"}, CacheSettings(min_ttl=30), 0.0)
30.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import attrs

__all__ = [
    "ERROR_CODES",
    "CacheEntry",
    "CacheSettings",
    "EdgeCache",
    "Stats",
    "ttl_for",
]

#: The 4xx/5xx codes CloudFront caches (for ErrorCachingMinTTL, 10 s by default).
ERROR_CODES = frozenset({400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504})
_DIRECTIVE = re.compile(r"\s*([A-Za-z-]+)\s*(?:=\s*\"?([^,\"]*)\"?)?\s*(?:,|$)")


@attrs.frozen
class CacheSettings:
    """What one cache behavior keys and how long it keeps (from its cache policy)."""

    min_ttl: float = 0
    default_ttl: float = 86_400
    max_ttl: float = 31_536_000
    #: (behavior, names): behavior none | whitelist | allExcept | all.
    headers: tuple[str, frozenset[str]] = ("none", frozenset())
    cookies: tuple[str, frozenset[str]] = ("none", frozenset())
    query: tuple[str, frozenset[str]] = ("none", frozenset())
    gzip: bool = False
    brotli: bool = False


def directives(value: str | None) -> dict[str, str]:
    """``Cache-Control`` as lower-case directive -> argument (``""`` for none)."""
    if not value:
        return {}
    return {m.group(1).lower(): m.group(2) or "" for m in _DIRECTIVE.finditer(value)}


def _seconds(text: str) -> float | None:
    try:
        return float(int(text))
    except ValueError:
        return None


def origin_ttl(headers: Mapping[str, str], now: float) -> tuple[float | None, dict[str, str]]:
    """The freshness the origin asks for (s-maxage, then max-age, then Expires), if any."""
    cc = directives(headers.get("cache-control"))
    for name in ("s-maxage", "max-age"):
        if name in cc and (found := _seconds(cc[name])) is not None:
            return max(found, 0.0), cc
    expires = headers.get("expires")
    if expires is not None:
        try:
            return max(parsedate_to_datetime(expires).timestamp() - now, 0.0), cc
        except (TypeError, ValueError):
            return 0.0, cc  # an invalid Expires means "already expired" (RFC 9111 5.3)
    return None, cc


def ttl_for(
    status: int, headers: Mapping[str, str], settings: CacheSettings, now: float
) -> float | None:
    """Seconds to keep a response, or None not to cache it (CloudFront's rules)."""
    asked, cc = origin_ttl(headers, now)
    if {"no-store", "private", "no-cache"} & cc.keys():
        if settings.min_ttl <= 0:
            return None
        return float(settings.min_ttl)  # MinTTL > 0 caches them anyway, for MinTTL
    if asked is None:
        ttl = float(settings.default_ttl)
    else:
        ttl = min(max(asked, settings.min_ttl), settings.max_ttl)
    return ttl if ttl > 0 else None


@attrs.define
class CacheEntry:
    """One cached response."""

    path: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    stored: float
    ttl: float
    behavior: str

    def fresh(self, now: float) -> bool:
        return now < self.stored + self.ttl

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


@attrs.define
class Stats:
    """Requests, hits, misses and bytes served, for one cache behavior."""

    requests: int = 0
    hits: int = 0
    misses: int = 0
    refresh_hits: int = 0
    errors: int = 0
    bytes: int = 0


class EdgeCache:
    """The cache of one distribution: entries by key, removed by invalidation paths."""

    def __init__(self) -> None:
        self.entries: dict[Any, CacheEntry] = {}

    def get(self, key: Any) -> CacheEntry | None:
        return self.entries.get(key)

    def put(self, key: Any, entry: CacheEntry) -> None:
        self.entries[key] = entry

    def drop(self, key: Any) -> None:
        self.entries.pop(key, None)

    def invalidate(self, paths: Iterable[str]) -> int:
        """Remove the entries of ``paths`` (``/a/*`` every path under ``/a/``); how many."""
        exact = {p for p in paths if not p.endswith("*")}
        prefixes = tuple(p[:-1] for p in paths if p.endswith("*"))
        doomed = [
            k for k, e in self.entries.items() if e.path in exact or e.path.startswith(prefixes)
        ]
        for key in doomed:
            del self.entries[key]
        return len(doomed)

    def __len__(self) -> int:
        return len(self.entries)
