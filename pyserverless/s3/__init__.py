"""Amazon S3: buckets, objects, multipart uploads, versions, tags, CORS and event
notifications to Lambda, in memory (large bodies spill to a temporary folder).

>>> from pyserverless import Cloud
>>> cloud = Cloud.manual()
>>> photos = cloud.s3.create_bucket("photos")
>>> _ = photos.put("a.jpg", b"jpeg bytes")
>>> cloud.client("s3").list_objects_v2(Bucket="photos")["KeyCount"]
1
"""

from __future__ import annotations

from .._core.exports import publish
from ._client import S3Client
from ._engine import S3
from ._errors import (
    AccessControlListNotSupported,
    AccessDenied,
    BadDigest,
    BucketAlreadyExists,
    BucketAlreadyOwnedByYou,
    BucketNotEmpty,
    EntityTooLarge,
    EntityTooSmall,
    IllegalLocationConstraintException,
    InvalidArgument,
    InvalidBucketName,
    InvalidDigest,
    InvalidLocationConstraint,
    InvalidPart,
    InvalidPartOrder,
    InvalidRange,
    InvalidRequest,
    InvalidTag,
    KeyTooLongError,
    MalformedXML,
    MetadataTooLarge,
    MethodNotAllowed,
    NoSuchBucket,
    NoSuchCORSConfiguration,
    NoSuchKey,
    NoSuchTagSet,
    NoSuchUpload,
    NoSuchVersion,
    NotImplemented,
    PreconditionFailed,
    S3Error,
    TooManyBuckets,
)
from ._limits import S3Limits
from ._resource import Bucket, BucketDescription, S3Resource

__all__ = [  # noqa: RUF022 - plain sorted, as tests/test_exports.py checks
    "AccessControlListNotSupported",
    "AccessDenied",
    "BadDigest",
    "Bucket",
    "BucketAlreadyExists",
    "BucketAlreadyOwnedByYou",
    "BucketDescription",
    "BucketNotEmpty",
    "EntityTooLarge",
    "EntityTooSmall",
    "IllegalLocationConstraintException",
    "InvalidArgument",
    "InvalidBucketName",
    "InvalidDigest",
    "InvalidLocationConstraint",
    "InvalidPart",
    "InvalidPartOrder",
    "InvalidRange",
    "InvalidRequest",
    "InvalidTag",
    "KeyTooLongError",
    "MalformedXML",
    "MetadataTooLarge",
    "MethodNotAllowed",
    "NoSuchBucket",
    "NoSuchCORSConfiguration",
    "NoSuchKey",
    "NoSuchTagSet",
    "NoSuchUpload",
    "NoSuchVersion",
    "NotImplemented",
    "PreconditionFailed",
    "S3",
    "S3Client",
    "S3Error",
    "S3Limits",
    "S3Resource",
    "TooManyBuckets",
]

publish(__name__, __all__, globals())
