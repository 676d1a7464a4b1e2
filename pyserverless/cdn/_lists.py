"""ListDistributionsBy*: the distributions that use a policy, a key group, a mode.

The ``...Id`` forms answer a ``DistributionIdList`` (ids only); the others a
``DistributionList`` of summaries. A policy or key group that does not exist is its
``NoSuch...`` error. Resources this Cloud cannot hold (VPC origins, Anycast IP lists,
trust stores, connection functions) are ``EntityNotFound``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._base import EngineBase, Params, Response, page
from ._errors import (
    EntityNotFound,
    NoSuchCachePolicy,
    NoSuchOriginRequestPolicy,
    NoSuchResource,
    NoSuchResponseHeadersPolicy,
)
from ._keys import trusted_groups
from ._model import DistributionRecord
from ._plan import items

__all__ = ["ListOps"]

Behavior = Mapping[str, Any]


def _behaviors(record: DistributionRecord) -> list[Behavior]:
    config = record.config
    return [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]


class ListOps(EngineBase):
    """The ListDistributionsBy* operations."""

    #: A distribution's summary row (the engine's, shared with ListDistributions).
    _summary: Callable[[DistributionRecord], dict[str, Any]]

    def _listing(
        self, params: Params, match: Callable[[DistributionRecord], bool], *, ids: bool
    ) -> dict[str, Any]:
        rows = sorted((r for r in self.distributions.values() if match(r)), key=lambda r: r.id)
        chosen, next_marker, size = page(rows, params, 1000)
        listing: dict[str, Any] = {
            "Marker": params.get("Marker") or "",
            "MaxItems": size,
            "IsTruncated": next_marker is not None,
            "Quantity": len(chosen),
        }
        if chosen:
            listing["Items"] = [r.id if ids else self._summary(r) for r in chosen]
        if next_marker is not None:
            listing["NextMarker"] = next_marker
        return listing

    def _by_behavior(self, params: Params, field: str, value: str) -> Response:
        def uses(record: DistributionRecord) -> bool:
            return any(b.get(field) == value for b in _behaviors(record))

        return {"DistributionIdList": self._listing(params, uses, ids=True)}

    def list_distributions_by_cache_policy_id(self, params: Params) -> Response:
        """ListDistributionsByCachePolicyId."""
        with self.lock:
            if params["CachePolicyId"] not in self.policies["cache"]:
                raise NoSuchCachePolicy("The cache policy does not exist.")
            return self._by_behavior(params, "CachePolicyId", params["CachePolicyId"])

    def list_distributions_by_origin_request_policy_id(self, params: Params) -> Response:
        """ListDistributionsByOriginRequestPolicyId."""
        with self.lock:
            policy = params["OriginRequestPolicyId"]
            if policy not in self.policies["origin-request"]:
                raise NoSuchOriginRequestPolicy("The origin request policy does not exist.")
            return self._by_behavior(params, "OriginRequestPolicyId", policy)

    def list_distributions_by_response_headers_policy_id(self, params: Params) -> Response:
        """ListDistributionsByResponseHeadersPolicyId."""
        with self.lock:
            policy = params["ResponseHeadersPolicyId"]
            if policy not in self.policies["response-headers"]:
                raise NoSuchResponseHeadersPolicy("The response headers policy does not exist.")
            return self._by_behavior(params, "ResponseHeadersPolicyId", policy)

    def list_distributions_by_key_group(self, params: Params) -> Response:
        """ListDistributionsByKeyGroup: the distributions with a behavior trusting it."""
        with self.lock:
            group = params["KeyGroupId"]
            if group not in self.key_groups:
                raise NoSuchResource("The specified key group does not exist.")

            def trusts(record: DistributionRecord) -> bool:
                return any(group in trusted_groups(b) for b in _behaviors(record))

            return {"DistributionIdList": self._listing(params, trusts, ids=True)}

    def list_distributions_by_web_acl_id(self, params: Params) -> Response:
        """ListDistributionsByWebACLId (no distribution here can have a web ACL)."""
        with self.lock:
            acl = params["WebACLId"]

            def protected(record: DistributionRecord) -> bool:
                return bool(acl) and record.config.get("WebACLId") == acl

            return {"DistributionList": self._listing(params, protected, ids=False)}

    def list_distributions_by_realtime_log_config(self, params: Params) -> Response:
        """ListDistributionsByRealtimeLogConfig (by name or ARN)."""
        with self.lock:
            wanted = {params.get("RealtimeLogConfigName"), params.get("RealtimeLogConfigArn")}
            wanted.discard(None)

            def logs(record: DistributionRecord) -> bool:
                return any(b.get("RealtimeLogConfigArn") in wanted for b in _behaviors(record))

            return {"DistributionList": self._listing(params, logs, ids=False)}

    def list_distributions_by_connection_mode(self, params: Params) -> Response:
        """ListDistributionsByConnectionMode: every distribution here is ``direct``."""
        with self.lock:
            mode: str = params["ConnectionMode"]

            def in_mode(record: DistributionRecord) -> bool:
                return str(record.config.get("ConnectionMode", "direct")) == mode

            return {"DistributionList": self._listing(params, in_mode, ids=False)}

    def _not_held(self, what: str) -> Response:
        # [?] the text: none of these resources can exist in this Cloud.
        raise EntityNotFound(f"The specified {what} does not exist.")

    def list_distributions_by_vpc_origin_id(self, params: Params) -> Response:
        """ListDistributionsByVpcOriginId (VPC origins are not emulated: EntityNotFound)."""
        return self._not_held("VPC origin")

    def list_distributions_by_anycast_ip_list_id(self, params: Params) -> Response:
        """ListDistributionsByAnycastIpListId (no Anycast IP lists here: EntityNotFound)."""
        return self._not_held("Anycast static IP list")

    def list_distributions_by_trust_store(self, params: Params) -> Response:
        """ListDistributionsByTrustStore (no trust stores here: EntityNotFound)."""
        return self._not_held("trust store")

    def list_distributions_by_connection_function(self, params: Params) -> Response:
        """ListDistributionsByConnectionFunction (none here: EntityNotFound)."""
        return self._not_held("connection function")

    def list_distributions_by_owned_resource(self, params: Params) -> Response:
        """ListDistributionsByOwnedResource (no distribution tenants here: EntityNotFound)."""
        return self._not_held("resource")
