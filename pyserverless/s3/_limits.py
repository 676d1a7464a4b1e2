"""S3's quotas and sizes, each a field with AWS's value (``Cloud(limits={"s3": {...}})``)."""

from __future__ import annotations

import attrs

__all__ = ["S3Limits"]

_MIB = 1024 * 1024


@attrs.frozen
class S3Limits:
    """S3's limits: what AWS enforces, and where pyserverless keeps bodies.

    >>> S3Limits().min_part_bytes == 5 * 1024 * 1024
    True
    >>> S3Limits(min_part_bytes=5).min_part_bytes
    5
    """

    #: Bodies larger than this are written to a temporary folder owned by the engine
    #: (removed by ``cloud.close()``) instead of being held in memory. Not an AWS limit.
    spill_bytes: int = 8 * _MIB
    #: The smallest part of a multipart upload, except the last (AWS: 5 MiB).
    min_part_bytes: int = 5 * _MIB
    #: The largest part (AWS: 5 GiB).
    max_part_bytes: int = 5 * 1024 * _MIB
    #: The largest single PutObject body (AWS: 5 GiB).
    max_put_bytes: int = 5 * 1024 * _MIB
    #: Part numbers run from 1 to this (AWS: 10,000).
    max_part_number: int = 10_000
    #: The longest key, in UTF-8 bytes (AWS: 1,024).
    max_key_bytes: int = 1024
    #: User metadata (x-amz-meta-* names and values, UTF-8) per object (AWS: 2 KB).
    max_metadata_bytes: int = 2048
    #: The most keys a list answers in one page (AWS: 1,000; more is capped silently).
    max_keys: int = 1000
    #: The most keys one DeleteObjects names (AWS: 1,000).
    max_delete_keys: int = 1000
    #: Tags per object (AWS: 10) and per bucket (AWS: 50).
    max_object_tags: int = 10
    max_bucket_tags: int = 50
    #: Tag key and value lengths, in characters (AWS: 128 and 256).
    max_tag_key_length: int = 128
    max_tag_value_length: int = 256
    #: General purpose buckets per account (AWS's default quota: 10,000).
    max_buckets: int = 10_000
    #: CORS rules per bucket (AWS: 100).
    max_cors_rules: int = 100
