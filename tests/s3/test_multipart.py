"""Multipart uploads: parts, limits, ETags, checksums, listing, abort."""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock

MIN = 1024  # the fixture's S3Limits.min_part_bytes


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


def _upload(
    s3: Any, bucket: str, key: str, parts: list[bytes], **create: Any
) -> tuple[str, list[dict[str, Any]]]:
    up = s3.create_multipart_upload(Bucket=bucket, Key=key, **create)["UploadId"]
    listed = []
    for n, body in enumerate(parts, 1):
        extra = (
            {"ChecksumAlgorithm": create["ChecksumAlgorithm"]}
            if "ChecksumAlgorithm" in create
            else {}
        )
        etag = s3.upload_part(
            Bucket=bucket, Key=key, UploadId=up, PartNumber=n, Body=body, **extra
        )["ETag"]
        listed.append({"PartNumber": n, "ETag": etag})
    return up, listed


class TestComplete:
    def test_etag_is_md5_of_part_md5s(self, s3: Any, bucket: str) -> None:
        """The object is the parts joined; its ETag is MD5(part MD5s)-N."""
        parts = [b"a" * MIN, b"b" * MIN, b"c"]
        up, listed = _upload(
            s3, bucket, "big", parts, ContentType="text/plain", Metadata={"m": "1"}
        )
        out = s3.complete_multipart_upload(
            Bucket=bucket, Key="big", UploadId=up, MultipartUpload={"Parts": listed}
        )
        want = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
        assert out["ETag"] == f'"{want}-3"'
        got = s3.get_object(Bucket=bucket, Key="big")
        assert got["Body"].read() == b"".join(parts)
        assert (got["ContentType"], got["Metadata"], got["ETag"]) == (
            "text/plain",
            {"m": "1"},
            out["ETag"],
        )
        assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads") is None
        with pytest.raises(s3.exceptions.NoSuchUpload):
            s3.complete_multipart_upload(
                Bucket=bucket, Key="big", UploadId=up, MultipartUpload={"Parts": listed}
            )

    def test_part_number_get(self, s3: Any, bucket: str) -> None:
        """GetObject PartNumber serves one part and PartsCount."""
        up, listed = _upload(s3, bucket, "k", [b"a" * MIN, b"tail"])
        s3.complete_multipart_upload(
            Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": listed}
        )
        got = s3.get_object(Bucket=bucket, Key="k", PartNumber=2)
        assert (got["Body"].read(), got["PartsCount"]) == (b"tail", 2)

    def test_min_part_size_both_sides(self, s3: Any, bucket: str) -> None:
        """A non-last part of MIN - 1 bytes is EntityTooSmall; MIN bytes is accepted."""
        up, listed = _upload(s3, bucket, "k", [b"a" * (MIN - 1), b"b"])
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": listed}
            )
        err = _err(exc)
        assert (err["Code"], err["ProposedSize"], err["MinSizeAllowed"], err["PartNumber"]) == (
            "EntityTooSmall",
            str(MIN - 1),
            str(MIN),
            "1",
        )
        s3.upload_part(Bucket=bucket, Key="k", UploadId=up, PartNumber=1, Body=b"a" * MIN)
        listed[0]["ETag"] = f'"{hashlib.md5(b"a" * MIN).hexdigest()}"'
        s3.complete_multipart_upload(
            Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": listed}
        )

    def test_real_5_mib_minimum(self) -> None:
        """With AWS's default, 5 MiB - 1 is refused and 5 MiB accepted."""
        cloud = Cloud(clock=ManualClock())
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="big")
        five = 5 * 1024 * 1024
        up, listed = _upload(s3, "big", "k", [b"a" * (five - 1), b"b"])
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket="big", Key="k", UploadId=up, MultipartUpload={"Parts": listed}
            )
        assert _err(exc)["MinSizeAllowed"] == str(five)
        up, listed = _upload(s3, "big", "k", [b"a" * five, b"b"])
        s3.complete_multipart_upload(
            Bucket="big", Key="k", UploadId=up, MultipartUpload={"Parts": listed}
        )
        cloud.close()

    def test_part_order_and_unknown_parts(self, s3: Any, bucket: str) -> None:
        """Parts out of order: InvalidPartOrder; an unknown part or wrong ETag: InvalidPart."""
        up, listed = _upload(s3, bucket, "k", [b"a" * MIN, b"b"])
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": listed[::-1]}
            )
        assert _err(exc)["Code"] == "InvalidPartOrder"
        bad = [listed[0], {"PartNumber": 2, "ETag": '"0000"'}]
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": bad}
            )
        assert (_err(exc)["Code"], _err(exc)["PartNumber"]) == ("InvalidPart", "2")
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket=bucket, Key="k", UploadId=up, MultipartUpload={"Parts": []}
            )
        assert _err(exc)["Code"] == "MalformedXML"

    def test_part_number_bounds(self, s3: Any, bucket: str) -> None:
        """Part numbers 1 and 10,000 are accepted; 0 and 10,001 are InvalidArgument."""
        up = s3.create_multipart_upload(Bucket=bucket, Key="k")["UploadId"]
        for n in (1, 10000):
            s3.upload_part(Bucket=bucket, Key="k", UploadId=up, PartNumber=n, Body=b"x")
        for n in (0, 10001):
            with pytest.raises(ClientError) as exc:
                s3.upload_part(Bucket=bucket, Key="k", UploadId=up, PartNumber=n, Body=b"x")
            assert (
                _err(exc)["Message"]
                == "Part number must be an integer between 1 and 10000, inclusive"
            )

    def test_composite_and_full_object_checksums(self, s3: Any, bucket: str) -> None:
        """SHA256 uploads get SHA256(part digests)-N; CRC32 FULL_OBJECT the whole body's CRC."""
        parts = [b"a" * MIN, b"b"]
        up, listed = _upload(s3, bucket, "sha", parts, ChecksumAlgorithm="SHA256")
        out = s3.complete_multipart_upload(
            Bucket=bucket, Key="sha", UploadId=up, MultipartUpload={"Parts": listed}
        )
        joined = b"".join(hashlib.sha256(p).digest() for p in parts)
        assert (
            out["ChecksumSHA256"]
            == base64.b64encode(hashlib.sha256(joined).digest()).decode() + "-2"
        )
        assert out["ChecksumType"] == "COMPOSITE"
        up, listed = _upload(
            s3, bucket, "crc", parts, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT"
        )
        out = s3.complete_multipart_upload(
            Bucket=bucket, Key="crc", UploadId=up, MultipartUpload={"Parts": listed}
        )
        whole = zlib.crc32(b"".join(parts)).to_bytes(4, "big")
        assert out["ChecksumCRC32"] == base64.b64encode(whole).decode()
        with pytest.raises(ClientError) as exc:
            s3.create_multipart_upload(
                Bucket=bucket, Key="x", ChecksumAlgorithm="SHA1", ChecksumType="FULL_OBJECT"
            )
        assert _err(exc)["Code"] == "InvalidRequest"

    def test_conditional_complete(self, s3: Any, bucket: str) -> None:
        """CompleteMultipartUpload honours If-None-Match: *."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"here")
        up, listed = _upload(s3, bucket, "k", [b"x"])
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket=bucket,
                Key="k",
                UploadId=up,
                MultipartUpload={"Parts": listed},
                IfNoneMatch="*",
            )
        assert _err(exc)["Code"] == "PreconditionFailed"


class TestOtherOperations:
    def test_abort_and_no_such_upload(self, s3: Any, bucket: str) -> None:
        """Abort removes the upload (204); using it again is NoSuchUpload with its id."""
        up, _ = _upload(s3, bucket, "k", [b"x"])
        assert (
            s3.abort_multipart_upload(Bucket=bucket, Key="k", UploadId=up)["ResponseMetadata"][
                "HTTPStatusCode"
            ]
            == 204
        )
        with pytest.raises(ClientError) as exc:
            s3.upload_part(Bucket=bucket, Key="k", UploadId=up, PartNumber=1, Body=b"x")
        assert _err(exc)["Code"] == "NoSuchUpload" and _err(exc)["UploadId"] == up

    def test_list_parts_pages(self, s3: Any, bucket: str) -> None:
        """ListParts pages by PartNumberMarker."""
        up, _ = _upload(s3, bucket, "k", [b"1", b"22", b"333"])
        first = s3.list_parts(Bucket=bucket, Key="k", UploadId=up, MaxParts=2)
        assert [p["Size"] for p in first["Parts"]] == [1, 2] and first["IsTruncated"]
        rest = s3.list_parts(
            Bucket=bucket, Key="k", UploadId=up, PartNumberMarker=first["NextPartNumberMarker"]
        )
        assert [p["PartNumber"] for p in rest["Parts"]] == [3] and not rest["IsTruncated"]

    def test_list_multipart_uploads(self, s3: Any, bucket: str) -> None:
        """Uploads are listed by key, with prefixes rolled up and paging."""
        ids = [
            s3.create_multipart_upload(Bucket=bucket, Key=k)["UploadId"] for k in ("a/1", "b", "c")
        ]
        out = s3.list_multipart_uploads(Bucket=bucket, Delimiter="/")
        assert [u["Key"] for u in out["Uploads"]] == ["b", "c"]
        assert out["CommonPrefixes"] == [{"Prefix": "a/"}]
        page = s3.list_multipart_uploads(Bucket=bucket, MaxUploads=1)
        assert (
            page["IsTruncated"]
            and page["NextKeyMarker"] == "a/1"
            and page["NextUploadIdMarker"] == ids[0]
        )

    def test_upload_part_copy_range(self, s3: Any, bucket: str) -> None:
        """UploadPartCopy copies a byte range of an object into a part."""
        s3.put_object(Bucket=bucket, Key="src", Body=b"0123456789")
        up = s3.create_multipart_upload(Bucket=bucket, Key="dst")["UploadId"]
        r = s3.upload_part_copy(
            Bucket=bucket,
            Key="dst",
            UploadId=up,
            PartNumber=1,
            CopySource=f"{bucket}/src",
            CopySourceRange="bytes=2-4",
        )
        s3.complete_multipart_upload(
            Bucket=bucket,
            Key="dst",
            UploadId=up,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r["CopyPartResult"]["ETag"]}]},
        )
        assert s3.get_object(Bucket=bucket, Key="dst")["Body"].read() == b"234"
        with pytest.raises(ClientError) as exc:
            s3.upload_part_copy(
                Bucket=bucket, Key="dst", UploadId="x", PartNumber=1, CopySource=f"{bucket}/src"
            )
        assert _err(exc)["Code"] == "NoSuchUpload"


def test_complete_checks_size_checksum_and_abort_time(s3: Any, bucket: str) -> None:
    """MpuObjectSize and a full-object checksum given on completion are checked; Abort's
    IfMatchInitiatedTime must name the upload's initiation time."""
    parts = [b"a" * MIN, b"b"]
    up, listed = _upload(
        s3, bucket, "k", parts, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT"
    )
    done = {"Bucket": bucket, "Key": "k", "UploadId": up, "MultipartUpload": {"Parts": listed}}
    with pytest.raises(ClientError) as exc:
        s3.complete_multipart_upload(**done, MpuObjectSize=MIN)
    assert _err(exc)["Code"] == "InvalidRequest"
    wrong = base64.b64encode(zlib.crc32(b"other").to_bytes(4, "big")).decode()
    with pytest.raises(ClientError) as exc:
        s3.complete_multipart_upload(**done, ChecksumCRC32=wrong)
    assert _err(exc)["Code"] == "BadDigest"
    right = base64.b64encode(zlib.crc32(b"".join(parts)).to_bytes(4, "big")).decode()
    s3.complete_multipart_upload(**done, ChecksumCRC32=right, MpuObjectSize=MIN + 1)
    up2 = s3.create_multipart_upload(Bucket=bucket, Key="k2")["UploadId"]
    uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]
    initiated = next(u["Initiated"] for u in uploads if u["UploadId"] == up2)
    with pytest.raises(ClientError) as exc:
        s3.abort_multipart_upload(
            Bucket=bucket, Key="k2", UploadId=up2, IfMatchInitiatedTime=initiated.replace(year=2000)
        )
    assert _err(exc)["Code"] == "PreconditionFailed"
    s3.abort_multipart_upload(Bucket=bucket, Key="k2", UploadId=up2, IfMatchInitiatedTime=initiated)
