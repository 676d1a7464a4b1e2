"""Custom domain names, shared by both control planes and read by the runtime.

API Gateway keeps one set of custom domain names per account and Region: a name created
through ``apigateway`` (REST) is seen by ``apigatewayv2`` and the other way round, and its
mappings (REST ``BasePathMapping``, v2 ``ApiMapping``) are two views of one table. The
``execute-api`` engine owns the table; a request whose ``Host`` is a custom domain name is
routed through it (:meth:`DomainTable.route`).

The endpoint type (EDGE, REGIONAL, PRIVATE) is described, not simulated: there is no
CloudFront distribution in front of an EDGE name and no DNS; the name answers wherever
``serve`` answers, by its ``Host`` header.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs

__all__ = ["NONE_PATH", "DomainRoute", "DomainTable", "Mapping_"]

#: How AWS shows the empty base path.
NONE_PATH = "(none)"


@attrs.define
class Mapping_:
    """One mapping of a domain name: its key (``""`` for the empty base path), the API,
    the stage (None: the stage is the path's first segment, REST only) and the v2 id."""

    key: str
    api_id: str
    stage: str | None
    mapping_id: str


@attrs.frozen
class DomainRoute:
    """Where a custom-domain request goes: API, stage, the path below the stage, and the
    base path it came through (``""`` for the empty one)."""

    api_id: str
    stage: str
    path: str
    base_path: str


class DomainTable:
    """The Region's custom domain names (their descriptions, in REST's shape) and mappings.

    >>> table = DomainTable()
    >>> table.names["api.example.com"] = {"domainName": "api.example.com"}
    >>> table.add_mapping("api.example.com", Mapping_("v1", "a1b2c3d4e5", "prod", "m1"))
    >>> table.route("API.example.com:443", "/v1/items/7")
    DomainRoute(api_id='a1b2c3d4e5', stage='prod', path='/items/7', base_path='/v1')
    >>> table.route("api.example.com", "/v2/items") is None
    True
    >>> table.route("other.example.com", "/") is None
    True
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        #: Domain name -> its description (REST's ``DomainName`` shape, as stored).
        self.names: dict[str, dict[str, Any]] = {}
        #: Domain name -> mapping key -> mapping.
        self.mappings: dict[str, dict[str, Mapping_]] = {}

    def is_domain(self, host: str) -> bool:
        """Whether ``host`` (a Host header, port allowed) is one of the custom domain names."""
        return bool(self.names) and _bare(host) in self.names

    def add_mapping(self, domain: str, mapping: Mapping_) -> None:
        self.mappings.setdefault(domain, {})[mapping.key] = mapping

    def drop_domain(self, domain: str) -> None:
        self.names.pop(domain, None)
        self.mappings.pop(domain, None)

    def route(self, host: str, path: str) -> DomainRoute | None:
        """The mapping a request on ``host`` + ``path`` reaches (the longest base path
        that is a whole-segment prefix, else the empty one), or None."""
        found = self.mappings.get(_bare(host))
        if not found:
            return None
        best: Mapping_ | None = None
        for key, mapping in found.items():
            under = key and (path == "/" + key or path.startswith("/" + key + "/"))
            if under and (best is None or len(key) > len(best.key)):
                best = mapping
        if best is None:
            best = found.get("")
        if best is None:
            return None
        base = "/" + best.key if best.key else ""
        below = path[len(base) :] or "/"
        stage = best.stage
        if stage is None:  # REST mapping without a stage: the next segment names it
            first, _, rest = below.lstrip("/").partition("/")
            if not first:
                return None
            stage, below = first, "/" + rest
            base = f"{base}/{first}"
        return DomainRoute(best.api_id, stage, below, base)

    def __repr__(self) -> str:
        return f"<DomainTable names={len(self.names)}>"


def _bare(host: str) -> str:
    """A Host header's name, lower-cased, without its port."""
    name = host.strip().lower()
    if name.startswith("["):  # an IPv6 literal is never a domain name
        return name
    return name.rsplit(":", 1)[0] if ":" in name else name
