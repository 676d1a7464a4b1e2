"""Multipart uploads: Create, UploadPart, UploadPartCopy, Complete, Abort, ListParts,
ListMultipartUploads.

The ETag of a completed upload is S3's: the MD5 of the parts' binary MD5s, then ``-N``.
A composite checksum (SHA1, SHA256, or CRC with ``ChecksumType=COMPOSITE``) is the
checksum of the parts' binary checksums, then ``-N``; a full-object CRC is the CRC of
the whole body.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from ._base import Params, Response
from ._checksums import ALGORITHMS, Digests, encode_checksum
from ._errors import (
    BadDigest,
    EntityTooLarge,
    EntityTooSmall,
    InvalidArgument,
    InvalidPart,
    InvalidPartOrder,
    InvalidRequest,
    MalformedXML,
    NoSuchUpload,
    PreconditionFailed,
    S3Error,
)
from ._objects import ObjectOps, _copy_blob, refuse_unemulated
from ._rules import (
    check_key,
    checksum_plan,
    md5_plan,
    object_headers,
    tags_from_query,
    user_metadata,
    verify_body,
    when,
    write_conditions,
)
from ._storage import Blob, Bucket, ObjectVersion, Part, Upload, join_blobs, read_body

__all__ = ["MultipartOps"]

_COPY_RANGE = re.compile(r"^bytes=(\d+)-(\d+)$")
_FULL_OBJECT_OK = frozenset({"CRC32", "CRC32C"})


class MultipartOps(ObjectOps):
    """The multipart operations of the S3 engine."""

    def _upload(self, bucket: Bucket, p: Params) -> Upload:
        up = bucket.uploads.get(p.get("UploadId") or "")
        if up is None or up.key != p.get("Key"):
            raise NoSuchUpload(UploadId=p.get("UploadId"))
        return up

    def create_multipart_upload(self, p: Params) -> Response:
        """CreateMultipartUpload: start an upload; its id names it in the calls that follow."""
        with self.lock:
            self._bucket(p)
        key = check_key(p.get("Key"), self.limits)
        refuse_unemulated(p)
        metadata = user_metadata(p.get("Metadata"), self.limits)
        tags = tags_from_query(p.get("Tagging"), self.limits)
        algorithm, _ = checksum_plan({"ChecksumAlgorithm": p.get("ChecksumAlgorithm")})
        kind = p.get("ChecksumType")
        if kind is not None and algorithm is None:
            raise InvalidRequest(
                "The x-amz-checksum-type header can only be used with the "
                "x-amz-checksum-algorithm header."
            )
        if algorithm is not None:
            kind = kind or ("FULL_OBJECT" if algorithm == "CRC64NVME" else "COMPOSITE")
            if kind == "FULL_OBJECT" and algorithm not in _FULL_OBJECT_OK:
                raise InvalidRequest(
                    f"The {algorithm} algorithm does not support FULL_OBJECT checksum type."
                )
        upload = Upload(
            upload_id=self.cloud.ids.alnum(64),
            key=key,
            initiated=self._now(),
            content_type=p.get("ContentType") or "binary/octet-stream",
            metadata=metadata,
            headers=object_headers(p),
            checksum_algorithm=algorithm,
            checksum_type=kind,
            storage_class=p.get("StorageClass") or "STANDARD",
            tags=tags,
        )
        with self.lock:
            bucket = self._bucket(p)
            bucket.uploads[upload.upload_id] = upload
        out: Response = {
            "Bucket": bucket.name,
            "Key": key,
            "UploadId": upload.upload_id,
            "ServerSideEncryption": "AES256",
        }
        if algorithm is not None:
            out["ChecksumAlgorithm"] = algorithm
            out["ChecksumType"] = kind
        return out

    def _part_number(self, p: Params) -> int:
        number = p.get("PartNumber")
        if not isinstance(number, int) or not 1 <= number <= self.limits.max_part_number:
            raise InvalidArgument(
                "Part number must be an integer between 1 and "
                f"{self.limits.max_part_number}, inclusive",
                ArgumentName="partNumber",
                ArgumentValue=str(number),
            )
        return number

    def upload_part(self, p: Params) -> Response:
        """UploadPart: one part of an upload (a part sent again replaces the earlier one)."""
        with self.lock:
            bucket = self._bucket(p)
            up = self._upload(bucket, p)
        number = self._part_number(p)
        algorithm, expected = checksum_plan(p)
        if up.checksum_algorithm is not None and algorithm not in (None, up.checksum_algorithm):
            raise InvalidRequest(
                f"Checksum Type mismatch occurred, expected checksum Type: "
                f"{up.checksum_algorithm.lower()}, actual checksum Type: {str(algorithm).lower()}"
            )
        algorithm = algorithm or up.checksum_algorithm
        md5 = md5_plan(p.get("ContentMD5"))
        blob, digests = read_body(
            p.get("Body"), algorithm, self.limits.spill_bytes, self._spill_dir
        )
        try:
            if blob.size > self.limits.max_part_bytes:
                raise EntityTooLarge(
                    ProposedSize=str(blob.size), MaxSizeAllowed=str(self.limits.max_part_bytes)
                )
            checksum = verify_body(digests, expected, md5)
        except S3Error:
            blob.discard()
            raise
        part = Part(number, f'"{digests.md5_hex}"', blob, self._now(), checksum)
        return self._add_part(p, part, algorithm)

    def _add_part(self, p: Params, part: Part, algorithm: str | None) -> Response:
        with self.lock:
            try:
                bucket = self._bucket(p)
                up = self._upload(bucket, p)
            except S3Error:
                part.blob.discard()
                raise
            old = up.parts.get(part.number)
            up.parts[part.number] = part
            if old is not None and old.blob is not part.blob:
                old.blob.discard()
        out: Response = {"ServerSideEncryption": "AES256", "ETag": part.etag}
        if algorithm is not None and part.checksum is not None:
            out["Checksum" + algorithm] = part.checksum
        return out

    def upload_part_copy(self, p: Params) -> Response:
        """UploadPartCopy: a part copied from (a range of) an existing object."""
        with self.lock:
            bucket = self._bucket(p)
            up = self._upload(bucket, p)
        number = self._part_number(p)
        src, _, src_vid = self._copy_source(p)
        assert src.blob is not None
        text = p.get("CopySourceRange")
        blob: Blob = src.blob
        if text is not None:
            m = _COPY_RANGE.match(text)
            # a first past the last is a malformed range; a first past the object's end
            # InvalidRequest (LocalStack's AWS-validated test_upload_part_copy_range)
            if m is None or int(m.group(2)) < int(m.group(1)):
                raise InvalidArgument(
                    "The x-amz-copy-source-range value must be of the form bytes=first-last where "
                    "first and last are the zero-based offsets of the first and last bytes to copy",
                    ArgumentName="x-amz-copy-source-range",
                    ArgumentValue=text,
                )
            start, last = int(m.group(1)), int(m.group(2))
            if start >= src.size:
                raise InvalidRequest(
                    "The specified copy range is invalid for the source object size"
                )
            if last >= src.size:
                raise InvalidArgument(
                    f"Range specified is not valid for source object of size: {src.size}",
                    ArgumentName="x-amz-copy-source-range",
                    ArgumentValue=text,
                )
            blob, _ = read_body(
                src.blob.read(start, last + 1), None, self.limits.spill_bytes, self._spill_dir
            )
        blob, digests = _copy_blob(self, blob, up.checksum_algorithm)
        part = Part(number, f'"{digests.md5_hex}"', blob, self._now(), digests.checksum())
        answer = self._add_part(p, part, up.checksum_algorithm)
        result: Response = {"ETag": part.etag, "LastModified": part.last_modified}
        if up.checksum_algorithm is not None:
            result["Checksum" + up.checksum_algorithm] = part.checksum
        out: Response = {
            "CopyPartResult": result,
            "ServerSideEncryption": answer["ServerSideEncryption"],
        }
        if src.version_id != "null" or src_vid is not None:
            out["CopySourceVersionId"] = src.version_id
        return out

    def complete_multipart_upload(self, p: Params) -> Response:
        """CompleteMultipartUpload: join the listed parts into the object."""
        listed = (p.get("MultipartUpload") or {}).get("Parts") or []
        with self.lock:
            bucket = self._bucket(p)
            up = self._upload(bucket, p)
            if not listed:
                raise MalformedXML()
            chosen = self._chosen_parts(up, listed)
            current = bucket.live.get(up.key)
            write_conditions(p, None if current is None else current.etag, up.key)
        size = p.get("MpuObjectSize")
        if size is not None and size != sum(part.blob.size for part in chosen):
            raise InvalidRequest(
                "The provided 'x-amz-mp-object-size' header value does not match the object size"
            )
        algorithm, expected = checksum_plan(p)
        if algorithm is not None and algorithm != up.checksum_algorithm:
            raise InvalidRequest(
                f"The upload was created using the {up.checksum_algorithm or 'null'} checksum "
                f"algorithm. You must use the same algorithm to complete the upload."
            )
        md5s = b"".join(bytes.fromhex(part.etag.strip('"')) for part in chosen)
        etag = f'"{hashlib.md5(md5s, usedforsecurity=False).hexdigest()}-{len(chosen)}"'
        body = join_blobs([part.blob for part in chosen], self.limits.spill_bytes, self._spill_dir)
        checksum = self._final_checksum(up, chosen, body)
        if expected is not None and expected != (checksum or "").split("-")[0]:
            body.discard()
            raise BadDigest(f"The {algorithm} you specified did not match the calculated checksum.")
        version = ObjectVersion(
            key=up.key,
            version_id="",
            last_modified=self._now(),
            blob=body,
            etag=etag,
            content_type=up.content_type,
            metadata=up.metadata,
            headers=up.headers,
            checksum_algorithm=up.checksum_algorithm,
            checksum=checksum,
            checksum_type=up.checksum_type,
            storage_class=up.storage_class,
            tags=up.tags,
            parts=tuple(part.blob.size for part in chosen),
        )
        with self.lock:
            bucket = self._bucket(p)
            if bucket.uploads.pop(up.upload_id, None) is None:
                body.discard()
                raise NoSuchUpload(UploadId=up.upload_id)
            for part in up.parts.values():
                if part.blob is not body:
                    part.blob.discard()
            sequencer = self._store(bucket, version)
            self._notify(bucket, "ObjectCreated:CompleteMultipartUpload", version, sequencer)
        out: Response = {
            "Location": f"https://{bucket.name}.s3.{self.region}.amazonaws.com/{up.key}",
            "Bucket": bucket.name,
            "Key": up.key,
            "ETag": etag,
            "ServerSideEncryption": "AES256",
        }
        if up.checksum_algorithm is not None:
            out["Checksum" + up.checksum_algorithm] = checksum
            out["ChecksumType"] = up.checksum_type
        if bucket.versioning == "Enabled":
            out["VersionId"] = version.version_id
        return out

    def _chosen_parts(self, up: Upload, listed: list[dict[str, Any]]) -> list[Part]:
        chosen: list[Part] = []
        previous = 0
        for item in listed:
            number = item.get("PartNumber")
            if not isinstance(number, int) or number <= previous:
                raise InvalidPartOrder(UploadId=up.upload_id)
            previous = number
            part = up.parts.get(number)
            etag = str(item.get("ETag", "")).strip('"')
            if part is None or part.etag.strip('"') != etag:
                raise InvalidPart(UploadId=up.upload_id, PartNumber=str(number), ETag=etag)
            if up.checksum_algorithm is not None:
                given = item.get("Checksum" + up.checksum_algorithm)
                if given is not None and given != part.checksum:
                    raise InvalidPart(UploadId=up.upload_id, PartNumber=str(number), ETag=etag)
            chosen.append(part)
        for part in chosen[:-1]:
            if part.blob.size < self.limits.min_part_bytes:
                raise EntityTooSmall(
                    ProposedSize=str(part.blob.size),
                    MinSizeAllowed=str(self.limits.min_part_bytes),
                    PartNumber=str(part.number),
                    ETag=part.etag.strip('"'),
                )
        return chosen

    def _final_checksum(self, up: Upload, chosen: list[Part], body: Blob) -> str | None:
        alg = up.checksum_algorithm
        if alg is None:
            return None
        if up.checksum_type == "FULL_OBJECT":
            digests = Digests(alg)
            for chunk in body.chunks():
                digests.update(chunk)
            return digests.checksum()
        raw = b""
        for part in chosen:
            value = part.checksum or encode_checksum(alg, part.blob.read())
            raw += base64.b64decode(value)
        assert alg in ALGORITHMS
        return f"{encode_checksum(alg, raw)}-{len(chosen)}"

    def abort_multipart_upload(self, p: Params) -> Response:
        """AbortMultipartUpload: drop an upload and its parts."""
        with self.lock:
            bucket = self._bucket(p)
            up = self._upload(bucket, p)
            initiated = when(p.get("IfMatchInitiatedTime"))
            if initiated is not None and initiated != up.initiated:
                raise PreconditionFailed(Condition="x-amz-if-match-initiated-time")
            del bucket.uploads[up.upload_id]
            for part in up.parts.values():
                part.blob.discard()
        return {"_status": 204}

    def list_parts(self, p: Params) -> Response:
        """ListParts: the parts uploaded so far, by part number, paged."""
        max_parts = p.get("MaxParts")
        max_parts = 1000 if max_parts is None else max_parts
        marker = p.get("PartNumberMarker") or 0
        with self.lock:
            bucket = self._bucket(p)
            up = self._upload(bucket, p)
            numbers = sorted(n for n in up.parts if n > int(marker))
            page = numbers[: min(max_parts, 1000)]
            rows = []
            for n in page:
                part = up.parts[n]
                row: Response = {
                    "PartNumber": n,
                    "LastModified": part.last_modified,
                    "ETag": part.etag,
                    "Size": part.blob.size,
                }
                if up.checksum_algorithm is not None and part.checksum is not None:
                    row["Checksum" + up.checksum_algorithm] = part.checksum
                rows.append(row)
        truncated = len(numbers) > len(page)
        out: Response = {
            "Bucket": bucket.name,
            "Key": up.key,
            "UploadId": up.upload_id,
            "PartNumberMarker": int(marker),
            "MaxParts": max_parts,
            "IsTruncated": truncated,
            "Initiator": {"ID": self.owner_id},
            "Owner": self._owner(),
            "StorageClass": up.storage_class,
        }
        # always there: 0 on a page without parts (LocalStack's AWS-validated ListParts tests)
        out["NextPartNumberMarker"] = page[-1] if page else 0
        if rows:
            out["Parts"] = rows
        if up.checksum_algorithm is not None:
            out["ChecksumAlgorithm"] = up.checksum_algorithm
            out["ChecksumType"] = up.checksum_type
        return out

    def list_multipart_uploads(self, p: Params) -> Response:
        """ListMultipartUploads: uploads in progress, by key then initiation time."""
        max_uploads = p.get("MaxUploads")
        max_uploads = 1000 if max_uploads is None else max_uploads
        prefix = p.get("Prefix") or ""
        delimiter = p.get("Delimiter") or ""
        key_marker = p.get("KeyMarker") or ""
        id_marker = p.get("UploadIdMarker") or ""
        with self.lock:
            bucket = self._bucket(p)
            ups = sorted(bucket.uploads.values(), key=lambda u: (u.key, u.initiated, u.upload_id))
            named = bucket.uploads.get(id_marker) if id_marker else None
        if named is not None and named.key != key_marker:
            # another key's upload (LocalStack's AWS-validated test_list_multiparts_next_marker)
            raise InvalidArgument(
                "Invalid uploadId marker", ArgumentName="upload-id-marker", ArgumentValue=id_marker
            )
        rows: list[Response] = []
        prefixes: list[str] = []
        truncated = False
        last: tuple[str, str] | None = None
        for up in ups:
            if not up.key.startswith(prefix):
                continue
            if key_marker and (
                up.key < key_marker
                or (up.key == key_marker and (not id_marker or _listed(up, named, id_marker)))
            ):
                continue
            if delimiter:
                at = up.key.find(delimiter, len(prefix))
                if at >= 0:
                    cp = up.key[: at + len(delimiter)]
                    if cp not in prefixes:
                        if len(rows) + len(prefixes) >= min(max_uploads, 1000):
                            truncated = True
                            break
                        prefixes.append(cp)
                    continue
            if len(rows) + len(prefixes) >= min(max_uploads, 1000):
                truncated = True
                break
            rows.append(
                {
                    "UploadId": up.upload_id,
                    "Key": up.key,
                    "Initiated": up.initiated,
                    "StorageClass": up.storage_class,
                    "Owner": self._owner(),
                    "Initiator": {"ID": self.owner_id},
                    **(
                        {
                            "ChecksumAlgorithm": up.checksum_algorithm,
                            "ChecksumType": up.checksum_type,
                        }
                        if up.checksum_algorithm
                        else {}
                    ),
                }
            )
            last = (up.key, up.upload_id)
        out: Response = {
            "Bucket": bucket.name,
            "KeyMarker": key_marker,
            "UploadIdMarker": id_marker,
            "Prefix": prefix,
            "MaxUploads": max_uploads,
            "IsTruncated": truncated,
        }
        # always there: the last upload listed, else empty (truncated or not, as S3 answers)
        out["NextKeyMarker"], out["NextUploadIdMarker"] = last or ("", "")
        if delimiter:
            out["Delimiter"] = delimiter
        if rows:
            out["Uploads"] = rows
        if prefixes:
            out["CommonPrefixes"] = [{"Prefix": cp} for cp in prefixes]
        return out


def _listed(up: Upload, marker: Upload | None, marker_id: str) -> bool:
    """Whether ``up`` (of the marker's key) comes no later than the upload-id marker: by
    initiation, as S3 orders a key's uploads (by id when the marker names none)."""
    if marker is None:
        return up.upload_id <= marker_id
    return (up.initiated, up.upload_id) <= (marker.initiated, marker.upload_id)
