"""``cloud.client("cloudfront")``: boto3's CloudFront client, over the engine.

CloudFront is global: whatever Region the client names, it reaches the Cloud's one
engine (us-east-1, where AWS signs CloudFront's calls).

>>> from pyserverless import Cloud
>>> cf = Cloud.manual().client("cloudfront")
>>> policy = cf.get_cache_policy(Id="658327ea-f89d-4fab-a63d-7e88639e58f6")["CachePolicy"]
>>> policy["CachePolicyConfig"]["Name"]
'Managed-CachingOptimized'
"""

from __future__ import annotations

from typing import Any, ClassVar

from .._core.client import Params, Response, ServiceClient, operation
from ._client_keys import KeyClientOps
from ._client_kvs import KvsClientOps
from ._client_lists import ListClientOps
from ._engine import CloudFront
from ._errors import CloudFrontError

__all__ = ["CloudFrontClient"]


class CloudFrontClient(KeyClientOps, ListClientOps, KvsClientOps, ServiceClient):
    """boto3's ``cloudfront`` client: distributions, policies and invalidations."""

    service_name: ClassVar[str] = "cloudfront"
    error_base: ClassVar[type[CloudFrontError]] = CloudFrontError

    def __init__(self, cloud: Any, region_name: str) -> None:
        super().__init__(cloud, region_name)
        self._engine: CloudFront = cloud.engine("cloudfront", "us-east-1")

    @operation("CreateDistribution")
    def create_distribution(self, params: Params) -> Response:
        """Create a distribution from a whole DistributionConfig.

        CreateDistribution. Required: ``DistributionConfig`` (``CallerReference``,
        ``Origins``, ``DefaultCacheBehavior``, ``Comment``, ``Enabled``). Returns
        ``Distribution``, ``Location`` and ``ETag``; the same ``CallerReference`` with
        the same config returns the first answer.
        """
        return self._engine.create_distribution(params)

    @operation("GetDistribution")
    def get_distribution(self, params: Params) -> Response:
        """Read a distribution: status, domain name and config.

        GetDistribution. Required: ``Id``. Returns ``Distribution`` and ``ETag``.
        """
        return self._engine.get_distribution(params)

    @operation("GetDistributionConfig")
    def get_distribution_config(self, params: Params) -> Response:
        """Read a distribution's config and the ETag an update must quote.

        GetDistributionConfig. Required: ``Id``. Returns ``DistributionConfig`` and
        ``ETag``.
        """
        return self._engine.get_distribution_config(params)

    @operation("UpdateDistribution")
    def update_distribution(self, params: Params) -> Response:
        """Replace a distribution's whole config.

        UpdateDistribution. Required: ``Id``, ``DistributionConfig``, ``IfMatch`` (the
        current ETag: missing gives InvalidIfMatchVersion, stale PreconditionFailed).
        Returns ``Distribution`` and the new ``ETag``.
        """
        return self._engine.update_distribution(params)

    @operation("DeleteDistribution")
    def delete_distribution(self, params: Params) -> Response:
        """Delete a distribution that is disabled and deployed.

        DeleteDistribution. Required: ``Id``, ``IfMatch``. An enabled one gives
        DistributionNotDisabled.
        """
        return self._engine.delete_distribution(params)

    @operation("ListDistributions")
    def list_distributions(self, params: Params) -> Response:
        """List distribution summaries.

        ListDistributions. Optional: ``Marker``, ``MaxItems``. Returns
        ``DistributionList``.
        """
        return self._engine.list_distributions(params)

    @operation("CreateInvalidation")
    def create_invalidation(self, params: Params) -> Response:
        """Start removing paths from a distribution's cache.

        CreateInvalidation. Required: ``DistributionId``, ``InvalidationBatch``
        (``Paths``, ``CallerReference``). The batch is InProgress until the clock
        reaches its completion; then the paths leave the cache.
        """
        return self._engine.create_invalidation(params)

    @operation("GetInvalidation")
    def get_invalidation(self, params: Params) -> Response:
        """Read one invalidation batch.

        GetInvalidation. Required: ``DistributionId``, ``Id``. Returns ``Invalidation``.
        """
        return self._engine.get_invalidation(params)

    @operation("ListInvalidations")
    def list_invalidations(self, params: Params) -> Response:
        """List a distribution's invalidation batches, newest first.

        ListInvalidations. Required: ``DistributionId``; optional ``Marker``,
        ``MaxItems``.
        """
        return self._engine.list_invalidations(params)

    @operation("CreateCachePolicy")
    def create_cache_policy(self, params: Params) -> Response:
        """Create a custom cache policy.

        CreateCachePolicy. Required: ``CachePolicyConfig`` (its ``Name`` unique among
        cache policies). Returns ``CachePolicy``, ``Location`` and ``ETag``.
        """
        return self._engine.create_cache_policy(params)

    @operation("GetCachePolicy")
    def get_cache_policy(self, params: Params) -> Response:
        """Read a cache policy, managed or custom.

        GetCachePolicy. Required: ``Id``. Returns ``CachePolicy`` and ``ETag``.
        """
        return self._engine.get_cache_policy(params)

    @operation("GetCachePolicyConfig")
    def get_cache_policy_config(self, params: Params) -> Response:
        """Read a cache policy's config.

        GetCachePolicyConfig. Required: ``Id``. Returns ``CachePolicyConfig`` and
        ``ETag``.
        """
        return self._engine.get_cache_policy_config(params)

    @operation("UpdateCachePolicy")
    def update_cache_policy(self, params: Params) -> Response:
        """Replace a custom cache policy's config.

        UpdateCachePolicy. Required: ``Id``, ``CachePolicyConfig``, ``IfMatch``. Managed
        policies give IllegalUpdate.
        """
        return self._engine.update_cache_policy(params)

    @operation("DeleteCachePolicy")
    def delete_cache_policy(self, params: Params) -> Response:
        """Delete a custom cache policy no cache behavior uses.

        DeleteCachePolicy. Required: ``Id``, ``IfMatch``. Managed policies give
        IllegalDelete.
        """
        return self._engine.delete_cache_policy(params)

    @operation("ListCachePolicies")
    def list_cache_policies(self, params: Params) -> Response:
        """List cache policies, AWS's managed ones first.

        ListCachePolicies. Optional: ``Type`` (``managed`` or ``custom``), ``Marker``,
        ``MaxItems``.
        """
        return self._engine.list_cache_policies(params)

    @operation("CreateOriginRequestPolicy")
    def create_origin_request_policy(self, params: Params) -> Response:
        """Create a custom origin request policy.

        CreateOriginRequestPolicy. Required: ``OriginRequestPolicyConfig`` (its ``Name``
        unique among origin request policies). Returns ``OriginRequestPolicy``,
        ``Location`` and ``ETag``.
        """
        return self._engine.create_origin_request_policy(params)

    @operation("GetOriginRequestPolicy")
    def get_origin_request_policy(self, params: Params) -> Response:
        """Read a origin request policy, managed or custom.

        GetOriginRequestPolicy. Required: ``Id``. Returns ``OriginRequestPolicy`` and
        ``ETag``.
        """
        return self._engine.get_origin_request_policy(params)

    @operation("GetOriginRequestPolicyConfig")
    def get_origin_request_policy_config(self, params: Params) -> Response:
        """Read a origin request policy's config.

        GetOriginRequestPolicyConfig. Required: ``Id``. Returns
        ``OriginRequestPolicyConfig`` and ``ETag``.
        """
        return self._engine.get_origin_request_policy_config(params)

    @operation("UpdateOriginRequestPolicy")
    def update_origin_request_policy(self, params: Params) -> Response:
        """Replace a custom origin request policy's config.

        UpdateOriginRequestPolicy. Required: ``Id``, ``OriginRequestPolicyConfig``,
        ``IfMatch``. Managed policies give IllegalUpdate.
        """
        return self._engine.update_origin_request_policy(params)

    @operation("DeleteOriginRequestPolicy")
    def delete_origin_request_policy(self, params: Params) -> Response:
        """Delete a custom origin request policy no cache behavior uses.

        DeleteOriginRequestPolicy. Required: ``Id``, ``IfMatch``. Managed policies give
        IllegalDelete.
        """
        return self._engine.delete_origin_request_policy(params)

    @operation("ListOriginRequestPolicies")
    def list_origin_request_policies(self, params: Params) -> Response:
        """List origin request policies, AWS's managed ones first.

        ListOriginRequestPolicies. Optional: ``Type`` (``managed`` or ``custom``),
        ``Marker``, ``MaxItems``.
        """
        return self._engine.list_origin_request_policies(params)

    @operation("CreateResponseHeadersPolicy")
    def create_response_headers_policy(self, params: Params) -> Response:
        """Create a custom response headers policy.

        CreateResponseHeadersPolicy. Required: ``ResponseHeadersPolicyConfig`` (its
        ``Name`` unique among response headers policies). Returns
        ``ResponseHeadersPolicy``, ``Location`` and ``ETag``.
        """
        return self._engine.create_response_headers_policy(params)

    @operation("GetResponseHeadersPolicy")
    def get_response_headers_policy(self, params: Params) -> Response:
        """Read a response headers policy, managed or custom.

        GetResponseHeadersPolicy. Required: ``Id``. Returns ``ResponseHeadersPolicy``
        and ``ETag``.
        """
        return self._engine.get_response_headers_policy(params)

    @operation("GetResponseHeadersPolicyConfig")
    def get_response_headers_policy_config(self, params: Params) -> Response:
        """Read a response headers policy's config.

        GetResponseHeadersPolicyConfig. Required: ``Id``. Returns
        ``ResponseHeadersPolicyConfig`` and ``ETag``.
        """
        return self._engine.get_response_headers_policy_config(params)

    @operation("UpdateResponseHeadersPolicy")
    def update_response_headers_policy(self, params: Params) -> Response:
        """Replace a custom response headers policy's config.

        UpdateResponseHeadersPolicy. Required: ``Id``, ``ResponseHeadersPolicyConfig``,
        ``IfMatch``. Managed policies give IllegalUpdate.
        """
        return self._engine.update_response_headers_policy(params)

    @operation("DeleteResponseHeadersPolicy")
    def delete_response_headers_policy(self, params: Params) -> Response:
        """Delete a custom response headers policy no cache behavior uses.

        DeleteResponseHeadersPolicy. Required: ``Id``, ``IfMatch``. Managed policies
        give IllegalDelete.
        """
        return self._engine.delete_response_headers_policy(params)

    @operation("ListResponseHeadersPolicies")
    def list_response_headers_policies(self, params: Params) -> Response:
        """List response headers policies, AWS's managed ones first.

        ListResponseHeadersPolicies. Optional: ``Type`` (``managed`` or ``custom``),
        ``Marker``, ``MaxItems``.
        """
        return self._engine.list_response_headers_policies(params)

    @operation("CreateOriginAccessControl")
    def create_origin_access_control(self, params: Params) -> Response:
        """Create an origin access control (how a distribution signs its S3 reads).

        CreateOriginAccessControl. Required: ``OriginAccessControlConfig`` (``Name``,
        ``SigningProtocol``, ``SigningBehavior``, ``OriginAccessControlOriginType``).
        """
        return self._engine.create_origin_access_control(params)

    @operation("GetOriginAccessControl")
    def get_origin_access_control(self, params: Params) -> Response:
        """Read an origin access control.

        GetOriginAccessControl. Required: ``Id``. Returns it and its ``ETag``.
        """
        return self._engine.get_origin_access_control(params)

    @operation("GetOriginAccessControlConfig")
    def get_origin_access_control_config(self, params: Params) -> Response:
        """Read an origin access control's config.

        GetOriginAccessControlConfig. Required: ``Id``.
        """
        return self._engine.get_origin_access_control_config(params)

    @operation("UpdateOriginAccessControl")
    def update_origin_access_control(self, params: Params) -> Response:
        """Replace an origin access control's config.

        UpdateOriginAccessControl. Required: ``Id``, ``OriginAccessControlConfig``, ``IfMatch``.
        """
        return self._engine.update_origin_access_control(params)

    @operation("DeleteOriginAccessControl")
    def delete_origin_access_control(self, params: Params) -> Response:
        """Delete an origin access control no origin uses.

        DeleteOriginAccessControl. Required: ``Id``, ``IfMatch``.
        """
        return self._engine.delete_origin_access_control(params)

    @operation("ListOriginAccessControls")
    def list_origin_access_controls(self, params: Params) -> Response:
        """List origin access controls.

        ListOriginAccessControls. Optional: ``Marker``, ``MaxItems``.
        """
        return self._engine.list_origin_access_controls(params)

    @operation("CreateFunction")
    def create_function(self, params: Params) -> Response:
        """Create a CloudFront Function in the DEVELOPMENT stage.

        CreateFunction. Required: ``Name``, ``FunctionConfig`` (``Comment``, ``Runtime``:
        ``cloudfront-js-1.0`` or ``cloudfront-js-2.0``), ``FunctionCode`` (the JavaScript,
        at most 10 KB). Returns ``FunctionSummary``, ``Location`` and ``ETag``.
        """
        return self._engine.create_function(params)

    @operation("DescribeFunction")
    def describe_function(self, params: Params) -> Response:
        """Read a function stage's summary.

        DescribeFunction. Required: ``Name``; optional ``Stage`` (DEVELOPMENT or LIVE).
        """
        return self._engine.describe_function(params)

    @operation("GetFunction")
    def get_function(self, params: Params) -> Response:
        """Read a function stage's code.

        GetFunction. Required: ``Name``; optional ``Stage``. Returns ``FunctionCode``.
        """
        return self._engine.get_function(params)

    @operation("UpdateFunction")
    def update_function(self, params: Params) -> Response:
        """Replace the DEVELOPMENT stage's code and config.

        UpdateFunction. Required: ``Name``, ``IfMatch``, ``FunctionConfig``, ``FunctionCode``.
        """
        return self._engine.update_function(params)

    @operation("PublishFunction")
    def publish_function(self, params: Params) -> Response:
        """Copy the DEVELOPMENT stage to LIVE, the stage distributions run.

        PublishFunction. Required: ``Name``, ``IfMatch`` (DEVELOPMENT's ETag).
        """
        return self._engine.publish_function(params)

    @operation("TestFunction")
    def test_function(self, params: Params) -> Response:
        """Run a function stage on a test event.

        TestFunction. Required: ``Name``, ``IfMatch``, ``EventObject`` (JSON); optional
        ``Stage``. Returns ``TestResult`` with the output, logs, error and
        ``ComputeUtilization``.
        """
        return self._engine.test_function(params)

    @operation("ListFunctions")
    def list_functions(self, params: Params) -> Response:
        """List function summaries.

        ListFunctions. Optional: ``Stage``, ``Marker``, ``MaxItems``.
        """
        return self._engine.list_functions(params)

    @operation("DeleteFunction")
    def delete_function(self, params: Params) -> Response:
        """Delete a function no distribution uses.

        DeleteFunction. Required: ``Name``, ``IfMatch``.
        """
        return self._engine.delete_function(params)
