"""What a viewer-request function's origin helpers do to the request's origin.

``cf.selectRequestOriginById(id, overrides?)`` picks one of the distribution's origins,
``cf.updateRequestOrigin(params)`` changes the chosen origin for this request (domain,
path, custom headers, its origin access control switched on or off; timeouts and
connection attempts are accepted, without effect as there is no network), and
``cf.createRequestOriginGroup(params)`` makes a two-origin failover group for the
request. Calls apply in order. What is not emulated (Origin Shield, media-quality
selection, an access control the distribution does not hold) fails the run, as an
invalid call does (CloudFront's 503), rather than being ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._plan import items

__all__ = ["OriginChoice", "apply_updates"]

#: The failover statuses an origin group may name ([D] high-availability-origin-failover).
_FAILOVER = frozenset({400, 403, 404, 416, 500, 502, 503, 504})
_UPDATE_KEYS = frozenset(
    {
        "domainName", "originPath", "customHeaders", "originAccessControlConfig",
        "timeouts", "connectionAttempts", "originShield", "sni", "sslProtocols",
        "keepaliveTimeout", "responseCompletionTimeout", "ipAddressType",
    }
)  # fmt: skip


@attrs.frozen
class OriginChoice:
    """The origin (or failover pair) a function chose for one request."""

    primary: Mapping[str, Any]
    secondary: Mapping[str, Any] | None = None
    codes: frozenset[int] = frozenset()


class UpdateFailed(Exception):
    """A helper call that CloudFront refuses (or pyserverless does not emulate)."""


def apply_updates(
    config: Mapping[str, Any],
    target: str,
    updates: Sequence[Mapping[str, Any]],
    chosen: Any,
) -> Any:
    """The origin after ``updates``: ``chosen`` unchanged, an origin id, or an OriginChoice.

    Raises UpdateFailed with the reason a call cannot apply.
    """
    origins = {o["Id"]: o for o in items(config.get("Origins"))}
    current: Any = chosen
    for update in updates:
        helper, args = update.get("helper"), list(update.get("args") or [])
        if helper == "selectRequestOriginById":
            if not args or str(args[0]) not in origins:
                raise UpdateFailed(f"The origin {args[0] if args else ''} does not exist.")
            current = str(args[0])
            if len(args) > 1 and args[1] is not None:
                current = OriginChoice(_updated(origins[current], args[1]))
        elif helper == "updateRequestOrigin":
            base = _primary(current, target, origins, config)
            current = OriginChoice(_updated(base, args[0] if args else {}))
        elif helper == "createRequestOriginGroup":
            current = _group(args[0] if args else {}, origins)
        else:
            raise UpdateFailed(f"cf.{helper} is not a CloudFront helper.")
    return current


def _primary(
    current: Any, target: str, origins: Mapping[str, Any], config: Mapping[str, Any]
) -> Mapping[str, Any]:
    if isinstance(current, OriginChoice):
        return current.primary
    wanted = current or target
    if wanted in origins:
        return dict(origins[wanted])
    group = next(g for g in items(config.get("OriginGroups")) if g["Id"] == wanted)
    return dict(origins[items(group["Members"])[0]["OriginId"]])


def _updated(origin: Mapping[str, Any], params: Any) -> dict[str, Any]:
    if not isinstance(params, Mapping):
        raise UpdateFailed("The origin update must be an object.")
    unknown = sorted(set(params) - _UPDATE_KEYS)
    if unknown:
        raise UpdateFailed(f"Unknown origin property: {unknown[0]}.")
    out = dict(origin)
    if "domainName" in params:
        if not isinstance(params["domainName"], str) or not params["domainName"]:
            raise UpdateFailed("The domainName must be a non-empty string.")
        out["DomainName"] = params["domainName"]
    if "originPath" in params:
        path = params["originPath"]
        if not isinstance(path, str) or (path and (not path.startswith("/") or path.endswith("/"))):
            raise UpdateFailed("The originPath must begin, and not end, with a slash.")
        out["OriginPath"] = path
    if "customHeaders" in params:
        headers = params["customHeaders"]
        if not isinstance(headers, Mapping):
            raise UpdateFailed("The customHeaders must be an object.")
        rows = [{"HeaderName": str(k), "HeaderValue": str(v)} for k, v in headers.items()]
        out["CustomHeaders"] = {"Quantity": len(rows), "Items": rows}
    control = params.get("originAccessControlConfig")
    if isinstance(control, Mapping):
        if control.get("enabled") and control.get("signingBehavior", "always") != "never":
            if not origin.get("OriginAccessControlId"):
                raise UpdateFailed(  # the signing identity comes from a configured control
                    "pyserverless: enabling an origin access control the origin does not have "
                    "is not emulated."
                )
        else:
            out.pop("OriginAccessControlId", None)
    shield = params.get("originShield")
    if isinstance(shield, Mapping) and shield.get("enabled"):
        raise UpdateFailed("pyserverless: Origin Shield is not emulated.")
    return out


def _group(params: Any, origins: Mapping[str, Any]) -> OriginChoice:
    if not isinstance(params, Mapping):
        raise UpdateFailed("The origin group must be an object.")
    ids = [
        str(entry.get("originId")) if isinstance(entry, Mapping) else str(entry)
        for entry in params.get("originIds") or []
    ]
    if len(ids) != 2 or any(i not in origins for i in ids):
        raise UpdateFailed("An origin group needs exactly two of the distribution's origins.")
    codes = (params.get("failoverCriteria") or {}).get("statusCodes") or []
    if not codes or any(not isinstance(c, int) or c not in _FAILOVER for c in codes):
        raise UpdateFailed("The failover status codes are not valid.")
    if params.get("selectionCriteria", "default") != "default":
        raise UpdateFailed("pyserverless: media-quality-based selection is not emulated.")
    return OriginChoice(dict(origins[ids[0]]), dict(origins[ids[1]]), frozenset(codes))
