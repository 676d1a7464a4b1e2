"""``cloud.client("s3")``: boto3's S3 client over the Cloud's S3 engines.

Requests are botocore's parameters (``Body`` as bytes, str or a readable object) and
answers are what botocore parses (``Body`` a streaming object with ``read()``,
``iter_chunks()``, ``close()``, usable in ``with``). As boto3 does by default, PutObject
and UploadPart send a CRC32 checksum when none is given, and GetObject asks for the
checksum (``ChecksumMode="ENABLED"``); the wire doors (:meth:`S3Client.dispatch`) pass
requests as they arrive instead. A request for a bucket in another Region is served by
that Region's engine, as boto3 follows S3's redirect.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from .._core.client import ServiceClient
from .._core.errors import AWSError, ParamValidationError
from ._errors import MalformedXML, S3Error, head_error
from ._rules import refuse_members
from ._storage import Body
from ._transfer import TransferMethods

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._engine import S3

__all__ = ["S3Client"]

Params = dict[str, Any]
Response = dict[str, Any]

_VALID_BUCKET = re.compile(r"^[a-zA-Z0-9.\-_]{1,255}$")
_VALID_ARN = re.compile(
    r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|"
    r"^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]"
    r"accesspoint[/:][a-zA-Z0-9\-]{1,63}$"
)
_ALL_CHECKSUMS = "CRC32 CRC32C SHA1 SHA256 CRC64NVME SHA512 MD5 XXHASH64 XXHASH3 XXHASH128"
_CHECKSUM_MEMBERS = tuple("Checksum" + a for a in _ALL_CHECKSUMS.split())
_HEAD = frozenset({"HeadObject", "HeadBucket"})
_GLOBAL = frozenset({"CreateBucket", "ListBuckets"})
_URL_ENCODED = frozenset({"ListObjects", "ListObjectsV2", "ListObjectVersions"})


def _op(name: str) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    """Declare a client method as S3 operation ``name``: the engine method of the same
    snake_case name answers it (``_run``); the method's body only documents it."""

    def deco(doc: Callable[..., Any]) -> Callable[..., Response]:
        engine_method = doc.__name__

        @functools.wraps(doc)
        def method(self: S3Client, **params: Any) -> Response:
            return self._run(name, engine_method, params)

        method.aws_operation = name  # type: ignore[attr-defined]
        return method

    return deco


class S3Client(TransferMethods, ServiceClient):
    """boto3's ``s3`` client.

    >>> from pyserverless import Cloud
    >>> s3 = Cloud.manual().client("s3")
    >>> _ = s3.create_bucket(Bucket="photos")
    >>> _ = s3.put_object(Bucket="photos", Key="a.txt", Body=b"hello")
    >>> s3.get_object(Bucket="photos", Key="a.txt")["Body"].read()
    b'hello'
    >>> s3.head_object(Bucket="photos", Key="missing")
    Traceback (most recent call last):
    ...
    pyserverless.s3.S3Error: An error occurred (404) when calling the HeadObject ...: Not Found
    """

    service_name: ClassVar[str] = "s3"
    error_base: ClassVar[type[AWSError]] = S3Error

    def __init__(self, cloud: Cloud, region_name: str, *, botocore_defaults: bool = True) -> None:
        super().__init__(cloud, region_name)
        self._engine: S3 = cloud.engine("s3", region_name)
        self._botocore_defaults = botocore_defaults
        self._wire: S3Client | None = None
        self._ids: tuple[str, itertools.count[int]] | None = None

    def _validation_error(self, message: str, operation_name: str) -> AWSError:
        """S3 has no ValidationException: a request its schema refuses (a required element
        missing, an empty CORSRules) is MalformedXML, as S3 answers it."""
        err = MalformedXML()
        err.bind_operation(operation_name)
        return err

    def dispatch(self, operation_name: str, params: Params) -> Response:
        """Call an operation by its AWS name with a request as it came off the wire (no
        boto3 defaults added).

        A ``Body`` held in memory comes back as its bytes (the same object, not a copy):
        the door sends it in one piece instead of streaming it in chunks. A body spilled
        to a file stays a stream.
        """
        if self._wire is None:
            self._wire = S3Client(self._cloud, self.meta.region_name, botocore_defaults=False)
        result = ServiceClient.dispatch(self._wire, operation_name, params)
        body = result.get("Body")
        if type(body) is Body:
            held = body.take_held()
            if held is not None:
                result["Body"] = held
        return result

    def _engine_for(self, operation_name: str, params: Params) -> S3:
        engine = self._engine
        bucket = params.get("Bucket")
        if operation_name in _GLOBAL or not isinstance(bucket, str) or bucket in engine.buckets:
            return engine
        region = engine._locate(bucket)
        if region is None or region == engine.region:
            return engine
        found: S3 = self._cloud.engine("s3", region)
        return found

    def _s3_request_id(self) -> tuple[str, str]:
        if self._ids is None:
            first = self._cloud.ids.hex(16).upper()
            self._ids = (first[:6], itertools.count(int(first[6:], 16)))
        prefix, counter = self._ids
        rid = prefix + f"{next(counter) & 0xFFFFFFFFFF:010X}"
        return rid, rid + "/pyserverless"

    def _run(self, name: str, method: str, params: Params) -> Response:
        try:
            if self._botocore_defaults:
                params = self._defaults(name, params)
            refuse_members(params)
            engine = self._engine_for(name, params)
            response: Response = getattr(engine, method)(params)
        except S3Error as err:
            if name in _HEAD:
                err = head_error(err)
            marker = getattr(err, "delete_marker", None)
            if marker is not None:  # what botocore shows of S3's headers on this answer
                shown = {"x-amz-delete-marker": "true", "x-amz-version-id": marker}
                if err.status_code == 405:
                    shown["allow"] = "DELETE"
                err.response["ResponseMetadata"]["HTTPHeaders"] = shown
            err.bind_operation(name)
            raise err from None
        except AWSError as err:
            err.bind_operation(name)
            raise
        if name in _URL_ENCODED and self._botocore_defaults and "EncodingType" not in params:
            # botocore asks for url-encoded keys, decodes them, and leaves EncodingType in
            response["EncodingType"] = "url"
        status = response.pop("_status", 200)
        rid, host = self._s3_request_id()
        response["ResponseMetadata"] = {
            "RequestId": rid,
            "HostId": host,
            "HTTPStatusCode": status,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        }
        return response

    def _defaults(self, name: str, params: Params) -> Params:
        """What botocore adds or checks before sending (its handlers, not the model)."""
        bucket = params.get("Bucket")
        if isinstance(bucket, str) and not (
            _VALID_BUCKET.search(bucket) or _VALID_ARN.search(bucket)
        ):
            raise ParamValidationError(
                report=f'Invalid bucket name "{bucket}": Bucket name must match the regex '
                f'"{_VALID_BUCKET.pattern}" or be an ARN matching the regex "{_VALID_ARN.pattern}"'
            )
        if name in ("PutObject", "UploadPart"):
            if (
                params.get("ChecksumAlgorithm") is None
                and not any(params.get(m) is not None for m in _CHECKSUM_MEMBERS)
                and params.get("ContentMD5") is None
            ):
                params = dict(params, ChecksumAlgorithm="CRC32")
        elif name == "GetObject" and params.get("ChecksumMode") is None:
            params = dict(params, ChecksumMode="ENABLED")
        return params

    # -- buckets ---------------------------------------------------------------------------------
    @_op("CreateBucket")
    def create_bucket(self) -> None:
        """Create a bucket in the client's Region.

        CreateBucket. Required: ``Bucket``. Outside us-east-1, give
        ``CreateBucketConfiguration={"LocationConstraint": region}``. Returns ``Location``.
        """

    @_op("HeadBucket")
    def head_bucket(self) -> None:
        """Check that a bucket exists (an error with code ``"404"`` if not).

        HeadBucket. Required: ``Bucket``. Returns ``BucketRegion``.
        """

    @_op("DeleteBucket")
    def delete_bucket(self) -> None:
        """Delete an empty bucket (``BucketNotEmpty`` otherwise).

        DeleteBucket. Required: ``Bucket``.
        """

    @_op("ListBuckets")
    def list_buckets(self) -> None:
        """List the account's buckets in every Region.

        ListBuckets. Optional: ``MaxBuckets``, ``ContinuationToken``, ``Prefix``,
        ``BucketRegion``. Returns ``Buckets`` (``Name``, ``CreationDate``,
        ``BucketRegion``) and ``Owner``.
        """

    @_op("GetBucketLocation")
    def get_bucket_location(self) -> None:
        """Say which Region holds a bucket (None for us-east-1).

        GetBucketLocation. Required: ``Bucket``. Returns ``LocationConstraint``.
        """

    # -- objects -----------------------------------------------------------------------------------
    @_op("PutObject")
    def put_object(self) -> None:
        """Store an object.

        PutObject. Required: ``Bucket``, ``Key``. Often used: ``Body``, ``ContentType``,
        ``Metadata``, ``Tagging``, ``ChecksumAlgorithm``, ``IfNoneMatch="*"``, ``IfMatch``.
        Returns ``ETag`` (and ``VersionId`` in a versioned bucket, the checksum).
        """

    @_op("GetObject")
    def get_object(self) -> None:
        """Read an object (or a ``Range`` of it: status 206).

        GetObject. Required: ``Bucket``, ``Key``. Often used: ``Range``, ``VersionId``,
        ``IfMatch``, ``IfNoneMatch``, ``IfModifiedSince``, ``IfUnmodifiedSince``,
        ``PartNumber``. Returns ``Body`` and the object's headers.
        """

    @_op("HeadObject")
    def head_object(self) -> None:
        """Read an object's headers without its body.

        HeadObject. Required: ``Bucket``, ``Key``. The same options as GetObject; errors
        carry the status as code (``"404"``, ``"412"``, ``"304"``).
        """

    @_op("DeleteObject")
    def delete_object(self) -> None:
        """Delete an object (a delete marker in a versioned bucket, or one version).

        DeleteObject. Required: ``Bucket``, ``Key``. Optional: ``VersionId``, ``IfMatch``.
        Returns ``DeleteMarker`` and ``VersionId`` where they apply.
        """

    @_op("DeleteObjects")
    def delete_objects(self) -> None:
        """Delete up to 1,000 objects in one call.

        DeleteObjects. Required: ``Bucket``, ``Delete={"Objects": [{"Key": ...}], "Quiet":
        bool}``. Returns ``Deleted`` and ``Errors``.
        """

    @_op("CopyObject")
    def copy_object(self) -> None:
        """Copy an object, keeping or replacing its metadata.

        CopyObject. Required: ``Bucket``, ``Key``, ``CopySource`` (``"bucket/key"`` or a
        dict). Optional: ``MetadataDirective``, ``TaggingDirective``, the
        ``CopySourceIf*`` conditions. Returns ``CopyObjectResult``.
        """

    @_op("ListObjectsV2")
    def list_objects_v2(self) -> None:
        """List keys in order, one page at a time.

        ListObjectsV2. Required: ``Bucket``. Optional: ``Prefix``, ``Delimiter``,
        ``MaxKeys``, ``ContinuationToken``, ``StartAfter``, ``FetchOwner``,
        ``EncodingType``. Returns ``Contents``, ``CommonPrefixes``, ``KeyCount``,
        ``IsTruncated``, ``NextContinuationToken``.
        """

    @_op("ListObjects")
    def list_objects(self) -> None:
        """List keys in order (the first version of the API).

        ListObjects. Required: ``Bucket``. Optional: ``Prefix``, ``Delimiter``,
        ``MaxKeys``, ``Marker``. Returns ``Contents``, ``CommonPrefixes``, ``IsTruncated``
        and ``NextMarker`` (with a delimiter).
        """

    @_op("ListObjectVersions")
    def list_object_versions(self) -> None:
        """List every version and delete marker.

        ListObjectVersions. Required: ``Bucket``. Optional: ``Prefix``, ``Delimiter``,
        ``MaxKeys``, ``KeyMarker``, ``VersionIdMarker``. Returns ``Versions``,
        ``DeleteMarkers``, ``NextKeyMarker``, ``NextVersionIdMarker``.
        """

    @_op("PutObjectTagging")
    def put_object_tagging(self) -> None:
        """Replace an object's tags (at most 10).

        PutObjectTagging. Required: ``Bucket``, ``Key``, ``Tagging={"TagSet": [...]}``.
        """

    @_op("GetObjectTagging")
    def get_object_tagging(self) -> None:
        """Read an object's tags.

        GetObjectTagging. Required: ``Bucket``, ``Key``. Returns ``TagSet``.
        """

    @_op("DeleteObjectTagging")
    def delete_object_tagging(self) -> None:
        """Remove an object's tags.

        DeleteObjectTagging. Required: ``Bucket``, ``Key``.
        """

    # -- multipart ---------------------------------------------------------------------------------
    @_op("CreateMultipartUpload")
    def create_multipart_upload(self) -> None:
        """Start a multipart upload.

        CreateMultipartUpload. Required: ``Bucket``, ``Key``. Returns ``UploadId``.
        """

    @_op("UploadPart")
    def upload_part(self) -> None:
        """Upload one part (all but the last at least 5 MB).

        UploadPart. Required: ``Bucket``, ``Key``, ``UploadId``, ``PartNumber`` (1 to
        10,000), ``Body``. Returns ``ETag``.
        """

    @_op("UploadPartCopy")
    def upload_part_copy(self) -> None:
        """Make a part by copying (a range of) an existing object.

        UploadPartCopy. Required: ``Bucket``, ``Key``, ``UploadId``, ``PartNumber``,
        ``CopySource``. Optional: ``CopySourceRange``. Returns ``CopyPartResult``.
        """

    @_op("CompleteMultipartUpload")
    def complete_multipart_upload(self) -> None:
        """Join the uploaded parts into the object.

        CompleteMultipartUpload. Required: ``Bucket``, ``Key``, ``UploadId``,
        ``MultipartUpload={"Parts": [{"PartNumber", "ETag"}]}``. Returns ``ETag``
        (``"...-N"``), ``Location``.
        """

    @_op("AbortMultipartUpload")
    def abort_multipart_upload(self) -> None:
        """Abandon a multipart upload and its parts.

        AbortMultipartUpload. Required: ``Bucket``, ``Key``, ``UploadId``.
        """

    @_op("ListParts")
    def list_parts(self) -> None:
        """List an upload's parts.

        ListParts. Required: ``Bucket``, ``Key``, ``UploadId``. Optional: ``MaxParts``,
        ``PartNumberMarker``. Returns ``Parts``.
        """

    @_op("ListMultipartUploads")
    def list_multipart_uploads(self) -> None:
        """List the uploads in progress.

        ListMultipartUploads. Required: ``Bucket``. Optional: ``Prefix``, ``Delimiter``,
        ``KeyMarker``, ``UploadIdMarker``, ``MaxUploads``. Returns ``Uploads``.
        """

    # -- configuration -----------------------------------------------------------------------
    @_op("PutBucketVersioning")
    def put_bucket_versioning(self) -> None:
        """Turn versioning on (``Enabled``) or pause it (``Suspended``).

        PutBucketVersioning. Required: ``Bucket``, ``VersioningConfiguration``.
        """

    @_op("GetBucketVersioning")
    def get_bucket_versioning(self) -> None:
        """Read the versioning state (no ``Status`` if never set).

        GetBucketVersioning. Required: ``Bucket``.
        """

    @_op("PutBucketTagging")
    def put_bucket_tagging(self) -> None:
        """Replace the bucket's tags (at most 50).

        PutBucketTagging. Required: ``Bucket``, ``Tagging={"TagSet": [...]}``.
        """

    @_op("GetBucketTagging")
    def get_bucket_tagging(self) -> None:
        """Read the bucket's tags (``NoSuchTagSet`` if none).

        GetBucketTagging. Required: ``Bucket``. Returns ``TagSet``.
        """

    @_op("DeleteBucketTagging")
    def delete_bucket_tagging(self) -> None:
        """Remove the bucket's tags.

        DeleteBucketTagging. Required: ``Bucket``.
        """

    @_op("PutBucketCors")
    def put_bucket_cors(self) -> None:
        """Set the bucket's CORS rules.

        PutBucketCors. Required: ``Bucket``, ``CORSConfiguration={"CORSRules": [...]}``.
        """

    @_op("GetBucketCors")
    def get_bucket_cors(self) -> None:
        """Read the CORS rules (``NoSuchCORSConfiguration`` if none).

        GetBucketCors. Required: ``Bucket``. Returns ``CORSRules``.
        """

    @_op("DeleteBucketCors")
    def delete_bucket_cors(self) -> None:
        """Remove the CORS rules.

        DeleteBucketCors. Required: ``Bucket``.
        """

    @_op("PutBucketNotificationConfiguration")
    def put_bucket_notification_configuration(self) -> None:
        """Send the bucket's events to Lambda functions.

        PutBucketNotificationConfiguration. Required: ``Bucket``,
        ``NotificationConfiguration={"LambdaFunctionConfigurations": [...]}``.
        """

    @_op("GetBucketNotificationConfiguration")
    def get_bucket_notification_configuration(self) -> None:
        """Read the notification configuration.

        GetBucketNotificationConfiguration. Required: ``Bucket``.
        """


def _copy_source_text(source: dict[str, Any]) -> str:
    """boto3's dict CopySource as the header text botocore sends (its handler does this)."""
    import urllib.parse

    text = f"{source.get('Bucket', '')}/{urllib.parse.quote(str(source.get('Key', '')), safe='/~')}"
    if source.get("VersionId") is not None:
        text += f"?versionId={source['VersionId']}"
    return text


def _dict_copy_source(method: Callable[..., Response]) -> Callable[..., Response]:
    """Accept CopySource as a dict, as boto3 does before validating the request."""

    @functools.wraps(method)
    def wrapper(self: S3Client, **params: Any) -> Response:
        source = params.get("CopySource")
        if isinstance(source, dict) and self._botocore_defaults:
            params["CopySource"] = _copy_source_text(source)
        return method(self, **params)

    for attr in ("aws_operation", "unchecked", "__signature__"):
        setattr(wrapper, attr, getattr(method, attr))
    return wrapper


S3Client.copy_object = _dict_copy_source(S3Client.copy_object)  # type: ignore[method-assign]
S3Client.upload_part_copy = _dict_copy_source(S3Client.upload_part_copy)  # type: ignore[method-assign]
