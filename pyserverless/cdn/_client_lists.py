"""The ListDistributionsBy* operations of ``cloud.client("cloudfront")``.

>>> from pyserverless import Cloud
>>> cf = Cloud.manual().client("cloudfront")
>>> cf.list_distributions_by_cache_policy_id(
...     CachePolicyId="658327ea-f89d-4fab-a63d-7e88639e58f6")["DistributionIdList"]["Quantity"]
0
"""

from __future__ import annotations

from typing import Any

from .._core.client import Params, Response, operation

__all__ = ["ListClientOps"]


class ListClientOps:
    """Which distributions use a policy, a key group, a mode: delegated to the engine."""

    _engine: Any

    @operation("ListDistributionsByCachePolicyId")
    def list_distributions_by_cache_policy_id(self, params: Params) -> Response:
        """List the distributions whose behaviors use a cache policy.

        ListDistributionsByCachePolicyId. Takes ``CachePolicyId``; answers a
        ``DistributionIdList``; ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_cache_policy_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByOriginRequestPolicyId")
    def list_distributions_by_origin_request_policy_id(self, params: Params) -> Response:
        """List the distributions whose behaviors use an origin request policy.

        ListDistributionsByOriginRequestPolicyId. Takes ``OriginRequestPolicyId``; answers a
        ``DistributionIdList``; ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_origin_request_policy_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByResponseHeadersPolicyId")
    def list_distributions_by_response_headers_policy_id(self, params: Params) -> Response:
        """List the distributions whose behaviors use a response headers policy.

        ListDistributionsByResponseHeadersPolicyId. Takes ``ResponseHeadersPolicyId``;
        answers a ``DistributionIdList``; ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_response_headers_policy_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByKeyGroup")
    def list_distributions_by_key_group(self, params: Params) -> Response:
        """List the distributions with a behavior that trusts a key group.

        ListDistributionsByKeyGroup. Takes ``KeyGroupId``; answers a ``DistributionIdList``;
        ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_key_group(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByWebACLId")
    def list_distributions_by_web_acl_id(self, params: Params) -> Response:
        """List the distributions a web ACL protects.

        ListDistributionsByWebACLId. Takes ``WebACLId``; answers a ``DistributionList``;
        ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_web_acl_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByRealtimeLogConfig")
    def list_distributions_by_realtime_log_config(self, params: Params) -> Response:
        """List the distributions that send real-time logs to a configuration.

        ListDistributionsByRealtimeLogConfig. Takes ``RealtimeLogConfigName`` or
        ``RealtimeLogConfigArn``; ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_realtime_log_config(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByConnectionMode")
    def list_distributions_by_connection_mode(self, params: Params) -> Response:
        """List the distributions in a connection mode.

        ListDistributionsByConnectionMode. Takes ``ConnectionMode`` (``direct`` or ``tenant-
        only``); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_connection_mode(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByVpcOriginId")
    def list_distributions_by_vpc_origin_id(self, params: Params) -> Response:
        """List the distributions that use a VPC origin.

        ListDistributionsByVpcOriginId. Takes ``VpcOriginId`` (none exist here:
        EntityNotFound); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_vpc_origin_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByAnycastIpListId")
    def list_distributions_by_anycast_ip_list_id(self, params: Params) -> Response:
        """List the distributions on an Anycast static IP list.

        ListDistributionsByAnycastIpListId. Takes ``AnycastIpListId`` (none exist here:
        EntityNotFound); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_anycast_ip_list_id(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByTrustStore")
    def list_distributions_by_trust_store(self, params: Params) -> Response:
        """List the distributions that use a trust store.

        ListDistributionsByTrustStore. Takes ``TrustStoreIdentifier`` (none exist here:
        EntityNotFound); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_trust_store(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByConnectionFunction")
    def list_distributions_by_connection_function(self, params: Params) -> Response:
        """List the distributions that use a connection function.

        ListDistributionsByConnectionFunction. Takes ``ConnectionFunctionIdentifier`` (none
        exist here: EntityNotFound); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_connection_function(params)  # type: ignore[no-any-return]

    @operation("ListDistributionsByOwnedResource")
    def list_distributions_by_owned_resource(self, params: Params) -> Response:
        """List the distributions a resource owns.

        ListDistributionsByOwnedResource. Takes ``ResourceArn`` (none exist here:
        EntityNotFound); ``Marker`` and ``MaxItems`` page it.
        """
        return self._engine.list_distributions_by_owned_resource(params)  # type: ignore[no-any-return]
