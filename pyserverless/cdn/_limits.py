"""CloudFront's quotas and settings (``Cloud(limits={"cloudfront": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["CloudFrontLimits"]


@attrs.frozen
class CloudFrontLimits:
    """CloudFront's limits, each a field with AWS's value.

    >>> CloudFrontLimits().max_cache_behaviors
    75
    >>> CloudFrontLimits(deploy_seconds=300).deploy_seconds
    300
    """

    #: [?] Seconds a created or updated distribution stays ``InProgress`` before
    #: ``Deployed`` (0: at once; AWS takes minutes, not documented as a number).
    deploy_seconds: float = 0.0
    #: [?] Seconds an invalidation stays ``InProgress`` before ``Completed`` (its entries
    #: leave the cache then; AWS documents "typically" within minutes).
    invalidation_seconds: float = 60.0
    #: Distributions per account (AWS's default quota: 200).
    max_distributions: int = 200
    #: Cache behaviors per distribution, the default one excluded (AWS: 75).
    max_cache_behaviors: int = 75
    #: Origins per distribution (AWS: 100).
    max_origins: int = 100
    #: Custom policies of each kind per account (cache, origin request, response headers: 20).
    max_policies: int = 20
    #: Path pattern length (AWS: 255 characters).
    max_path_pattern: int = 255
    #: File paths of invalidations in progress (AWS: 3,000), and wildcard paths (15).
    max_invalidation_paths: int = 3000
    max_invalidation_wildcards: int = 15
    #: The ItemsPerPage most list operations cap MaxItems at (AWS: 100).
    max_page: int = 100
    #: Seconds an error response is cached when no custom error response says otherwise.
    error_caching_min_ttl: int = 10
    #: The largest object the cache keeps (AWS: 30 GB; bodies above it are served uncached).
    max_cached_object_bytes: int = 30 * 1024**3
    #: Functions per account (AWS: 100).
    max_functions: int = 100
    #: [?] The run time that is 100 % compute utilization for a CloudFront Function (AWS
    #: does not publish it; quickjs-ng in-process is slower than CloudFront's engine).
    function_time_limit_ms: float = 50.0
    #: Signed URLs and cookies (AWS's quotas): public keys and key groups per account,
    #: public keys per key group, key groups per distribution.
    max_public_keys: int = 10
    max_key_groups: int = 10
    max_keys_per_group: int = 5
    max_key_groups_per_distribution: int = 4
    #: Lambda@Edge ([D] edge-functions-restrictions): viewer triggers' memory and timeout,
    #: origin triggers' timeout; request bodies shown (IncludeBody, truncated past these)
    #: and bodies a function may set; a generated viewer-request response.
    edge_viewer_memory_mb: int = 128
    edge_viewer_timeout_s: int = 5
    edge_origin_timeout_s: int = 30
    edge_viewer_body_bytes: int = 40 * 1024
    edge_origin_body_bytes: int = 1024 * 1024
    edge_viewer_response_bytes: int = 40 * 1024
    #: Lambda@Edge zipped package sizes: viewer triggers 1 MB, origin triggers 50 MB.
    edge_viewer_package_bytes: int = 1024 * 1024
    edge_origin_package_bytes: int = 50 * 1024 * 1024
    #: KeyValueStore ([D] kvs-with-functions): key and value sizes, a store's size;
    #: [?] stores per account and keys per UpdateKeys call.
    kvs_max_key_bytes: int = 512
    kvs_max_value_bytes: int = 1024
    kvs_max_store_bytes: int = 5 * 1024 * 1024
    kvs_max_stores: int = 50
    kvs_max_keys_per_update: int = 50
