"""The stage cache of REST APIs (aws-facts C8).

With a stage's cache cluster on, a method whose settings enable caching keeps the
integration's answers for ``cacheTtlInSeconds`` (0..3600, default 300) of the Cloud's
clock, keyed by method, resource path and the parameters the integration names in
``cacheKeyParameters`` — and nothing else: two requests differing only in a path
parameter that is not a cache key share an entry, as in AWS. An answer over 1 MB is not
kept. ``Cache-Control: max-age=0`` refreshes the entry when the caller may invalidate
(``execute-api:InvalidateCache``: a method that does not require it, or a caller
authenticated with IAM [?]); otherwise the method's
``unauthorizedCacheControlHeaderStrategy`` decides. ``FlushStageCache`` empties it.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from datetime import datetime, timedelta

import attrs

from .._deployed import CacheSpec, DeployedStage, RouteSpec
from ._events import parse_query
from ._types import GatewayError, GatewayRequest, GatewayResponse, Matched

__all__ = ["CacheStats", "StageCaches", "cache_key", "wants_refresh"]

#: [?] The warning SUCCEED_WITH_RESPONSE_HEADER adds when it ignores ``max-age=0``.
IGNORED_WARNING = (
    "Warning",
    '199 - "Cache-Control header ignored: the caller may not invalidate the cache"',
)
#: [?] FAIL_WITH_403's answer.
INVALIDATE_DENIED = GatewayError(
    403, "ACCESS_DENIED", {"message": "User is not authorized to invalidate the cache"}
)


@attrs.frozen
class CacheStats:
    """A stage cache's counts: answers served from it, answers it did not have, entries."""

    hits: int
    misses: int
    entries: int


def wants_refresh(request: GatewayRequest) -> bool:
    """Whether the request asks to bypass and refresh its entry (``max-age=0``)."""
    control = request.header("cache-control")
    return control is not None and "max-age=0" in control.replace(" ", "").lower()


def cache_key(
    route: RouteSpec, keys: tuple[str, ...], request: GatewayRequest, matched: Matched
) -> tuple[Hashable, ...]:
    """Method, cache namespace (the resource's, unless several share one) and the values
    of the cache-key parameters."""
    values: list[str | None] = []
    query: dict[str, str] | None = None
    for name in keys:
        _, _, rest = name.partition("method.request.")
        kind, _, item = rest.partition(".")
        if kind == "path":
            values.append(matched.path_parameters.get(item))
        elif kind in ("querystring", "multivaluequerystring"):
            if query is None:
                query = dict(parse_query(request.query))
            values.append(query.get(item))
        else:
            values.append(request.header(item))
    return (request.method, route.integration.cache_namespace or route.path, *values)


class _StageCache:
    __slots__ = ("entries", "hits", "misses")

    def __init__(self) -> None:
        self.entries: dict[tuple[Hashable, ...], tuple[datetime, GatewayResponse]] = {}
        self.hits = 0
        self.misses = 0


class StageCaches:
    """Every stage's cache, for one Region's runtime."""

    def __init__(self, max_entry_bytes: int, max_entries: int = 100_000) -> None:
        self.max_entry_bytes = max_entry_bytes
        self.max_entries = max_entries
        self._caches: dict[tuple[str, str], _StageCache] = {}
        self._lock = threading.Lock()

    def _cache(self, stage: DeployedStage) -> _StageCache:
        key = (stage.api_id, stage.stage_name)
        found = self._caches.get(key)
        if found is None:
            with self._lock:
                found = self._caches.setdefault(key, _StageCache())
        return found

    def lookup(
        self, stage: DeployedStage, key: tuple[Hashable, ...], now: datetime
    ) -> GatewayResponse | None:
        """The live entry for ``key`` (a hit), or None (a miss)."""
        cache = self._cache(stage)
        with self._lock:
            found = cache.entries.get(key)
            if found is not None and found[0] > now:
                cache.hits += 1
                return found[1]
            if found is not None:
                del cache.entries[key]
            cache.misses += 1
        return None

    def store(
        self,
        stage: DeployedStage,
        spec: CacheSpec,
        key: tuple[Hashable, ...],
        response: GatewayResponse,
        now: datetime,
    ) -> None:
        """Keep ``response`` for the method's TTL (not over the entry size limit)."""
        if spec.ttl_seconds <= 0 or len(response.body) > self.max_entry_bytes:
            return
        expires = now + timedelta(seconds=spec.ttl_seconds)
        cache = self._cache(stage)
        with self._lock:
            entries = cache.entries
            entries.pop(key, None)
            if len(entries) >= self.max_entries:
                for old in [k for k, (until, _) in entries.items() if until <= now]:
                    del entries[old]
                while len(entries) >= self.max_entries:  # the oldest entry goes first
                    del entries[next(iter(entries))]
            entries[key] = (expires, response)

    def flush(self, api_id: str, stage_name: str) -> None:
        """Drop every entry of one stage (FlushStageCache)."""
        with self._lock:
            found = self._caches.get((api_id, stage_name))
            if found is not None:
                found.entries.clear()

    def stats(self, api_id: str, stage_name: str) -> CacheStats:
        """The stage's hit and miss counts and its entry count."""
        found = self._caches.get((api_id, stage_name))
        if found is None:
            return CacheStats(0, 0, 0)
        with self._lock:
            return CacheStats(found.hits, found.misses, len(found.entries))
