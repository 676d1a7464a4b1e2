"""Objects: PutObject, GetObject, HeadObject, DeleteObject(s), CopyObject, object tags."""

from __future__ import annotations

import urllib.parse
from typing import Any

import attrs

from ._base import EngineBase, Params, Response
from ._errors import (
    EntityTooLarge,
    InvalidArgument,
    InvalidRequest,
    MalformedXML,
    MethodNotAllowed,
    NoSuchKey,
    NoSuchVersion,
    S3Error,
)
from ._errors import NotImplemented as S3NotImplemented
from ._rules import (
    check_key,
    checksum_plan,
    md5_plan,
    object_headers,
    parse_range,
    read_conditions,
    tag_set,
    tags_from_query,
    user_metadata,
    verify_body,
    write_conditions,
)
from ._storage import Blob, Bucket, ObjectVersion, read_body

__all__ = ["ObjectOps", "object_fields"]

_ARCHIVE = frozenset({"GLACIER", "DEEP_ARCHIVE"})
_UNEMULATED = (
    ("SSECustomerAlgorithm", "x-amz-server-side-encryption-customer-algorithm"),
    ("SSEKMSKeyId", "x-amz-server-side-encryption-aws-kms-key-id"),
    ("ObjectLockMode", "x-amz-object-lock-mode"),
    ("ObjectLockRetainUntilDate", "x-amz-object-lock-retain-until-date"),
    ("ObjectLockLegalHoldStatus", "x-amz-object-lock-legal-hold"),
    ("WebsiteRedirectLocation", "x-amz-website-redirect-location"),
    ("WriteOffsetBytes", "x-amz-write-offset-bytes"),
)
_RESPONSE_OVERRIDES = (
    ("ResponseCacheControl", "CacheControl"),
    ("ResponseContentDisposition", "ContentDisposition"),
    ("ResponseContentEncoding", "ContentEncoding"),
    ("ResponseContentLanguage", "ContentLanguage"),
    ("ResponseContentType", "ContentType"),
    ("ResponseExpires", "Expires"),
)
_OVERRIDE_KEYS = frozenset(member for member, _ in _RESPONSE_OVERRIDES)
#: Every member :func:`refuse_unemulated` reads: a request naming none of them passes.
_CHECKED_KEYS = frozenset(m for m, _ in _UNEMULATED) | {
    "ServerSideEncryption",
    "StorageClass",
    "ACL",
    "GrantFullControl",
    "GrantRead",
    "GrantReadACP",
    "GrantWriteACP",
}


def refuse_unemulated(p: Params) -> None:
    """Features S3 has and pyserverless does not: refused, never stored and ignored."""
    if _CHECKED_KEYS.isdisjoint(p):  # the common request
        return
    for member, header in _UNEMULATED:
        if p.get(member) is not None:
            raise S3NotImplemented(Header=header)
    sse = p.get("ServerSideEncryption")
    if sse is not None and sse != "AES256":
        raise S3NotImplemented(Header="x-amz-server-side-encryption")
    if p.get("StorageClass") in _ARCHIVE:
        raise S3NotImplemented(Header="x-amz-storage-class")
    acl = p.get("ACL")
    if acl not in (None, "private", "bucket-owner-full-control") or any(
        p.get(g) is not None
        for g in ("GrantFullControl", "GrantRead", "GrantReadACP", "GrantWriteACP")
    ):
        from ._errors import AccessControlListNotSupported

        raise AccessControlListNotSupported()


def object_fields(v: ObjectVersion, bucket: Bucket, *, checksums: bool) -> Response:
    """GetObject's and HeadObject's members for version ``v`` (no Body, no range)."""
    out: Response = {
        "AcceptRanges": "bytes",
        "LastModified": v.last_modified.replace(microsecond=0),
        "ContentLength": v.size,
        "ETag": v.etag,
        "ContentType": v.content_type,
        "ServerSideEncryption": "AES256",
        "Metadata": dict(v.metadata),
    }
    out.update(v.headers)
    if "Expires" in v.headers:
        out["ExpiresString"] = _http_date(v.headers["Expires"])
    if bucket.versioning or v.version_id != "null":
        out["VersionId"] = v.version_id
    if checksums and v.checksum is not None and v.checksum_algorithm is not None:
        out["Checksum" + v.checksum_algorithm] = v.checksum
        out["ChecksumType"] = v.checksum_type or "FULL_OBJECT"
    if v.tags:
        out["TagCount"] = len(v.tags)
    if v.storage_class != "STANDARD":
        out["StorageClass"] = v.storage_class
    return out


def _http_date(value: Any) -> str:
    from ._rules import when

    t = when(value)
    return "" if t is None else t.strftime("%a, %d %b %Y %H:%M:%S GMT")


class ObjectOps(EngineBase):
    """The object operations of the S3 engine."""

    # -- writes ------------------------------------------------------------------------------
    def put_object(self, p: Params) -> Response:
        """PutObject: store a body under a key (a new version when versioning is on)."""
        with self.lock:
            bucket = self._bucket(p)
        key = check_key(p.get("Key"), self.limits)
        refuse_unemulated(p)
        metadata = user_metadata(p.get("Metadata"), self.limits)
        tags = tags_from_query(p.get("Tagging"), self.limits)
        algorithm, expected = checksum_plan(p)
        md5 = md5_plan(p.get("ContentMD5"))
        if p.get("IfNoneMatch") not in (None, "*"):
            write_conditions({"IfNoneMatch": p["IfNoneMatch"]}, None, key)
        length = p.get("ContentLength")
        if isinstance(length, int) and length > self.limits.max_put_bytes:
            raise EntityTooLarge(
                ProposedSize=str(length), MaxSizeAllowed=str(self.limits.max_put_bytes)
            )
        blob, digests = read_body(
            p.get("Body"), algorithm, self.limits.spill_bytes, self._spill_dir
        )
        try:
            if blob.size > self.limits.max_put_bytes:
                raise EntityTooLarge(
                    ProposedSize=str(blob.size), MaxSizeAllowed=str(self.limits.max_put_bytes)
                )
            checksum = verify_body(digests, expected, md5)
        except S3Error:
            blob.discard()
            raise
        etag = f'"{digests.md5_hex}"'
        version = ObjectVersion(
            key=key,
            version_id="",
            last_modified=self._now(),
            blob=blob,
            etag=etag,
            content_type=p.get("ContentType") or "binary/octet-stream",
            metadata=metadata,
            headers=object_headers(p),
            checksum_algorithm=algorithm,
            checksum=checksum,
            checksum_type="FULL_OBJECT" if algorithm else None,
            storage_class=p.get("StorageClass") or "STANDARD",
            tags=tags,
        )
        with self.lock:
            try:  # the bucket may have gone while the body arrived
                bucket = self._bucket(p)
                current = bucket.live.get(key)
                write_conditions(p, None if current is None else current.etag, key)
            except S3Error:
                blob.discard()
                raise
            sequencer = self._store(bucket, version)
            self._notify(bucket, "ObjectCreated:Put", version, sequencer)
        out: Response = {"ETag": etag, "ServerSideEncryption": "AES256"}
        if algorithm is not None:
            out["Checksum" + algorithm] = checksum
            out["ChecksumType"] = "FULL_OBJECT"
        if bucket.versioning == "Enabled":
            out["VersionId"] = version.version_id
        return out

    def _store(self, bucket: Bucket, version: ObjectVersion) -> str:
        """Add a version (its id drawn here); returns the event sequencer. Under the lock."""
        version.version_id = self._version_id() if bucket.versioning == "Enabled" else "null"
        for gone in bucket.add(version):
            if gone.blob is not None and gone.blob is not version.blob:
                gone.blob.discard()
        return self._sequencer(bucket)

    # -- reads ---------------------------------------------------------------------------------
    def _read_version(self, bucket: Bucket, p: Params, method: str) -> ObjectVersion:
        key = p.get("Key")
        if not isinstance(key, str) or not key:
            raise InvalidArgument("Invalid key", ArgumentName="key", ArgumentValue=str(key))
        vid = p.get("VersionId")
        if vid is None:
            v = bucket.live.get(key)
            if v is None:
                head = bucket.current(key)
                err = NoSuchKey(Key=key)
                if head is not None and head.delete_marker:  # x-amz-delete-marker on the wire
                    err.delete_marker = head.version_id  # type: ignore[attr-defined]
                raise err
            current: ObjectVersion = v
            return current
        found = bucket.find_version(key, vid)
        if found is None:
            # a bucket never versioned has no version ids: S3 calls any other than "null"
            # invalid (LocalStack's AWS-validated test_get_object_with_version_unversioned_bucket)
            if vid != "null" and (not bucket.versioning or not _plausible_version(vid)):
                raise InvalidArgument(
                    "Invalid version id specified", ArgumentName="versionId", ArgumentValue=vid
                )
            raise NoSuchVersion(Key=key, VersionId=vid)
        if found.delete_marker:
            err = MethodNotAllowed(Method=method, ResourceType="DeleteMarker")
            err.delete_marker = vid  # type: ignore[attr-defined]
            raise err
        return found

    def get_object(self, p: Params) -> Response:
        """GetObject: the body (or a range of it) and the object's headers."""
        return self._get(p, "GET")

    def head_object(self, p: Params) -> Response:
        """HeadObject: GetObject's headers without the body."""
        return self._get(p, "HEAD")

    def _get(self, p: Params, method: str) -> Response:
        if p.get("SSECustomerAlgorithm") is not None:
            raise S3NotImplemented(Header="x-amz-server-side-encryption-customer-algorithm")
        with self.lock:
            bucket = self._bucket(p)
            v = self._read_version(bucket, p, method)
        read_conditions(p, v.etag, v.last_modified)
        out = object_fields(v, bucket, checksums=p.get("ChecksumMode") == "ENABLED")
        assert v.blob is not None
        span = self._span(p, v, out)
        if not _OVERRIDE_KEYS.isdisjoint(p):
            for member, field in _RESPONSE_OVERRIDES:
                if p.get(member) is not None:
                    out[field] = p[member]
        if span is not None:
            start, end = span
            out["ContentLength"] = end - start
            out["ContentRange"] = f"bytes {start}-{end - 1}/{v.size}"
            out["_status"] = 206
            for name in [k for k in out if k.startswith("Checksum")]:
                del out[name]
        if method == "GET":
            out["Body"] = v.blob.stream(*(span or (0, v.size)))
        return out

    def _span(self, p: Params, v: ObjectVersion, out: Response) -> tuple[int, int] | None:
        number = p.get("PartNumber")
        if number is None:
            return parse_range(p.get("Range"), v.size)
        if p.get("Range") is not None:
            raise InvalidRequest("Cannot specify both Range header and partNumber query parameter")
        parts = v.parts or (v.size,)
        if not 1 <= number <= len(parts):
            raise S3Error(
                "The requested partnumber is not satisfiable",
                code="InvalidPartNumber",
                status=416,
                PartNumberRequested=str(number),
                ActualPartCount=str(len(parts)),
            )
        out["PartsCount"] = len(parts)
        start = sum(parts[: number - 1])
        if not v.parts and not v.size:
            return None
        # part 1 of an object uploaded whole is the whole object, answered as a part: 206
        # with its Content-Range (moto's aws_verified test_head_object / test_get_object)
        return start, start + parts[number - 1]

    # -- deletes -------------------------------------------------------------------------------
    def delete_object(self, p: Params) -> Response:
        """DeleteObject: remove the key, leave a delete marker, or remove one version."""
        key = p.get("Key")
        if not isinstance(key, str) or not key:
            raise InvalidArgument("Invalid key", ArgumentName="key", ArgumentValue=str(key))
        with self.lock:
            bucket = self._bucket(p)
            _no_bypass(p)
            if p.get("IfMatch") is not None:
                current = bucket.live.get(key)
                write_conditions(
                    {"IfMatch": p["IfMatch"]}, None if current is None else current.etag, key
                )
            out = self._delete(bucket, key, p.get("VersionId"), batch=False)
        out["_status"] = 204
        return out

    def _delete(self, bucket: Bucket, key: str, vid: str | None, *, batch: bool) -> Response:
        """One key's deletion, as DeleteObject and DeleteObjects (``batch``) make it. Under
        the lock."""
        if vid is not None:
            if vid != "null" and not _plausible_version(vid):
                raise InvalidArgument(
                    "Invalid version id specified", ArgumentName="versionId", ArgumentValue=vid
                )
            gone = bucket.remove_version(key, vid)
            out: Response = {"VersionId": vid}
            if gone is None:
                if vid == "null" or vid in bucket.retired:
                    return out  # deleting a version already gone: nothing to do
                # an id this bucket never issued (LocalStack's AWS-validated delete tests)
                if batch:
                    raise NoSuchVersion(Key=key, VersionId=vid)
                raise InvalidArgument(
                    "Invalid version id specified", ArgumentName="versionId", ArgumentValue=vid
                )
            if gone.blob is not None:
                gone.blob.discard()
            if gone.delete_marker:
                out["DeleteMarker"] = True
            self._notify(bucket, "ObjectRemoved:Delete", gone, self._sequencer(bucket))
            return out
        if not bucket.versioning:
            gone = bucket.remove_version(key, "null")
            if gone is not None:
                if gone.blob is not None:
                    gone.blob.discard()
                self._notify(bucket, "ObjectRemoved:Delete", gone, self._sequencer(bucket))
            return {}
        marker = ObjectVersion(
            key=key, version_id="", last_modified=self._now(), delete_marker=True
        )
        sequencer = self._store(bucket, marker)
        self._notify(bucket, "ObjectRemoved:DeleteMarkerCreated", marker, sequencer)
        return {"DeleteMarker": True, "VersionId": marker.version_id}

    def delete_objects(self, p: Params) -> Response:
        """DeleteObjects: up to 1,000 keys in one request; errors per key."""
        delete = p.get("Delete") or {}
        objects = delete.get("Objects") or []
        if not objects or len(objects) > self.limits.max_delete_keys:
            raise MalformedXML()
        quiet = bool(delete.get("Quiet"))
        deleted: list[Response] = []
        errors: list[Response] = []
        with self.lock:
            bucket = self._bucket(p)
            _no_bypass(p)
            for item in objects:
                key, vid = item.get("Key", ""), item.get("VersionId")
                try:
                    check_key(key, self.limits)
                    current = bucket.live.get(key)
                    if item.get("ETag") is not None:
                        write_conditions(
                            {"IfMatch": item["ETag"]},
                            None if current is None else current.etag,
                            key,
                        )
                    answer = self._delete(bucket, key, vid, batch=True)
                except S3Error as err:
                    row = {"Key": key, "Code": err.code, "Message": err.message}
                    if vid is not None:
                        row["VersionId"] = vid
                    errors.append(row)
                    continue
                if quiet:
                    continue
                row = {"Key": key}
                if vid is not None:
                    row["VersionId"] = vid
                if answer.get("DeleteMarker"):
                    row["DeleteMarker"] = True
                    row["DeleteMarkerVersionId"] = answer["VersionId"]
                deleted.append(row)
        out: Response = {}
        if deleted:
            out["Deleted"] = deleted
        if errors:
            out["Errors"] = errors
        return out

    # -- copies ----------------------------------------------------------------------------------
    def source_object(self, bucket: str, key: str, version_id: str | None) -> ObjectVersion:
        """The version CopyObject and UploadPartCopy read (public: other Regions call it)."""
        with self.lock:
            b = self._bucket({"Bucket": bucket})
            p: Params = {"Key": key}
            if version_id is not None:
                p["VersionId"] = version_id
            try:
                return self._read_version(b, p, "GET")
            except MethodNotAllowed:
                raise InvalidRequest(
                    "The source of a copy request may not specifically refer to a delete "
                    "marker by version id."
                ) from None

    def _copy_source(self, p: Params) -> tuple[ObjectVersion, str, str | None]:
        bucket, key, vid = parse_copy_source(p.get("CopySource"))
        owner = p.get("ExpectedSourceBucketOwner")
        if owner is not None and owner != self.account_id:
            from ._errors import AccessDenied

            raise AccessDenied()
        region = self._locate(bucket)
        if region is None:
            from ._errors import NoSuchBucket

            raise NoSuchBucket(BucketName=bucket)
        engine = self if region == self.region else self.cloud.engine("s3", region)
        src: ObjectVersion = engine.source_object(bucket, key, vid)
        read_conditions(p, src.etag, src.last_modified, prefix="CopySource", now=self._now())
        return src, bucket, vid

    def copy_object(self, p: Params) -> Response:
        """CopyObject: a new object from an existing one (metadata copied or replaced)."""
        with self.lock:
            dest = self._bucket(p)
        key = check_key(p.get("Key"), self.limits)
        refuse_unemulated(p)
        src, src_bucket, src_vid = self._copy_source(p)
        directive = p.get("MetadataDirective") or "COPY"
        tag_directive = p.get("TaggingDirective") or "COPY"
        if directive not in ("COPY", "REPLACE"):
            raise InvalidArgument(
                "Unknown metadata directive.",
                ArgumentName="x-amz-metadata-directive",
                ArgumentValue=directive,
            )
        if tag_directive not in ("COPY", "REPLACE"):
            raise InvalidArgument(
                "Unknown tagging directive.",
                ArgumentName="x-amz-tagging-directive",
                ArgumentValue=tag_directive,
            )
        algorithm, _ = checksum_plan({"ChecksumAlgorithm": p.get("ChecksumAlgorithm")})
        if (
            src_bucket == dest.name
            and src.key == key
            and directive == "COPY"
            and p.get("StorageClass") in (None, src.storage_class)
            and algorithm in (None, src.checksum_algorithm)
        ):
            raise InvalidRequest(
                "This copy request is illegal because it is trying to copy an object to itself "
                "without changing the object's metadata, storage class, website redirect "
                "location or encryption attributes."
            )
        if src.size > self.limits.max_put_bytes:
            raise InvalidRequest(
                "The specified copy source is larger than the maximum allowable size for a copy "
                f"source: {self.limits.max_put_bytes}"
            )
        if directive == "REPLACE":
            metadata = user_metadata(p.get("Metadata"), self.limits)
            content_type = p.get("ContentType") or "binary/octet-stream"
            headers = object_headers(p)
        else:
            metadata, content_type, headers = (
                dict(src.metadata),
                src.content_type,
                dict(src.headers),
            )
        tags = (
            tags_from_query(p.get("Tagging"), self.limits)
            if tag_directive == "REPLACE"
            else dict(src.tags)
        )
        assert src.blob is not None
        algorithm = algorithm or src.checksum_algorithm
        blob, digests = _copy_blob(self, src.blob, algorithm)
        version = ObjectVersion(
            key=key,
            version_id="",
            last_modified=self._now(),
            blob=blob,
            etag=f'"{digests.md5_hex}"',
            content_type=content_type,
            metadata=metadata,
            headers=headers,
            checksum_algorithm=algorithm,
            checksum=digests.checksum(),
            checksum_type="FULL_OBJECT" if algorithm else None,
            storage_class=p.get("StorageClass") or "STANDARD",
            tags=tags,
        )
        with self.lock:
            try:
                dest = self._bucket(p)
                current = dest.live.get(key)
                write_conditions(p, None if current is None else current.etag, key)
            except S3Error:
                if blob is not src.blob:
                    blob.discard()
                raise
            sequencer = self._store(dest, version)
            self._notify(dest, "ObjectCreated:Copy", version, sequencer)
        result: Response = {"ETag": version.etag, "LastModified": version.last_modified}
        if algorithm is not None:
            result["Checksum" + algorithm] = version.checksum
            result["ChecksumType"] = "FULL_OBJECT"
        out: Response = {"CopyObjectResult": result, "ServerSideEncryption": "AES256"}
        if src.version_id != "null" or src_vid is not None:
            out["CopySourceVersionId"] = src.version_id
        if dest.versioning == "Enabled":
            out["VersionId"] = version.version_id
        return out

    # -- object tags ---------------------------------------------------------------------------
    def _tag_target(self, p: Params) -> tuple[Bucket, ObjectVersion]:
        bucket = self._bucket(p)
        try:
            return bucket, self._read_version(bucket, p, "GET")
        except MethodNotAllowed:
            raise MethodNotAllowed(Method="GET", ResourceType="DeleteMarker") from None

    def put_object_tagging(self, p: Params) -> Response:
        """PutObjectTagging: replace an object version's tags."""
        tags = tag_set((p.get("Tagging") or {}).get("TagSet"), self.limits, tagging=True)
        with self.lock:
            bucket, v = self._tag_target(p)
            v.tags = tags
            self._notify(bucket, "ObjectTagging:Put", v, "")
        return _version_field(bucket, v)

    def get_object_tagging(self, p: Params) -> Response:
        """GetObjectTagging: an object version's tags."""
        with self.lock:
            try:
                bucket, v = self._tag_target(p)
            except NoSuchKey as err:  # GetObjectTagging names the key after its bucket
                named = NoSuchKey(Key=f"{p.get('Bucket')}/{p.get('Key')}")  # (LocalStack's
                named.delete_marker = getattr(err, "delete_marker", None)  # type: ignore[attr-defined]
                raise named from None  # AWS-validated snapshot)
            out = {"TagSet": [{"Key": k, "Value": val} for k, val in v.tags.items()]}
        out.update(_version_field(bucket, v))
        return out

    def delete_object_tagging(self, p: Params) -> Response:
        """DeleteObjectTagging: remove an object version's tags."""
        with self.lock:
            bucket, v = self._tag_target(p)
            v.tags = {}
            self._notify(bucket, "ObjectTagging:Delete", v, "")
        out = _version_field(bucket, v)
        out["_status"] = 204
        return out


def _no_bypass(p: Params) -> None:
    """Object Lock is not emulated, so no bucket takes x-amz-bypass-governance-retention
    (its error on a bucket without Object Lock, LocalStack's AWS-validated snapshot)."""
    if p.get("BypassGovernanceRetention") is not None:
        raise InvalidArgument(
            "x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.",
            ArgumentName="x-amz-bypass-governance-retention",
        )


def _version_field(bucket: Bucket, v: ObjectVersion) -> Response:
    return {"VersionId": v.version_id} if bucket.versioning or v.version_id != "null" else {}


def _plausible_version(vid: str) -> bool:
    return 1 <= len(vid) <= 1024 and all(c.isalnum() or c in "._-" for c in vid)


def _copy_blob(engine: ObjectOps, blob: Blob, algorithm: str | None) -> tuple[Blob, Any]:
    from ._checksums import Digests

    digests = Digests(algorithm)
    for chunk in blob.chunks():
        digests.update(chunk)
    if blob.path is None:
        return blob, digests  # bytes never change: the copy shares them
    copied, _ = read_body(_ChunkReader(blob), None, engine.limits.spill_bytes, engine._spill_dir)
    return copied, digests


class _ChunkReader:
    def __init__(self, blob: Blob) -> None:
        self._chunks = blob.chunks()

    def read(self, n: int = -1) -> bytes:
        return next(self._chunks, b"")


def parse_copy_source(source: Any) -> tuple[str, str, str | None]:
    """CopySource as (bucket, key, version id): ``"bucket/key"``, with ``?versionId=``,
    URL-encoded, or boto3's dict form.

    >>> parse_copy_source("/photos/a%20b.jpg?versionId=abc")
    ('photos', 'a b.jpg', 'abc')
    >>> parse_copy_source({"Bucket": "photos", "Key": "a b.jpg"})
    ('photos', 'a b.jpg', None)
    """
    if isinstance(source, dict):
        bucket, key, vid = source.get("Bucket"), source.get("Key"), source.get("VersionId")
        if isinstance(bucket, str) and isinstance(key, str) and bucket and key:
            return bucket, key, vid
        raise _bad_source()
    if not isinstance(source, str):
        raise _bad_source()
    text, _, query = source.partition("?")
    vid = None
    if query:
        found = urllib.parse.parse_qs(query).get("versionId")
        if not found:
            raise _bad_source()
        vid = found[0]
    text = urllib.parse.unquote(text.lstrip("/"))
    bucket, _, key = text.partition("/")
    if not bucket or not key:
        raise _bad_source()
    return bucket, key, vid


def _bad_source() -> S3Error:
    return InvalidArgument(
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
        ArgumentName="x-amz-copy-source",
    )


def evolve_version(v: ObjectVersion, **changes: Any) -> ObjectVersion:
    return attrs.evolve(v, **changes)
