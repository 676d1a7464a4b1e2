"""Objects: PutObject, GetObject, HeadObject, DeleteObject(s), CopyObject, metadata,
ranges, conditions and checksums."""

from __future__ import annotations

import base64
import hashlib
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pyserverless import Cloud
from pyserverless.s3._checksums import crc32c


def _err(exc: Any) -> dict[str, Any]:
    return dict(exc.value.response["Error"])


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


class TestPutGet:
    def test_round_trip_with_headers(self, s3: Any, bucket: str) -> None:
        """Body, ETag (quoted MD5), metadata (lower-cased names) and content headers come back."""
        body = b"hello world"
        put = s3.put_object(
            Bucket=bucket,
            Key="a.txt",
            Body=body,
            ContentType="text/plain",
            ContentEncoding="gzip",
            ContentDisposition="attachment",
            CacheControl="max-age=60",
            Metadata={"Owner": "ada"},
        )
        assert put["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
        got = s3.get_object(Bucket=bucket, Key="a.txt")
        assert got["Body"].read() == body
        assert got["ContentLength"] == len(body)
        assert got["ContentType"] == "text/plain"
        assert got["ContentEncoding"] == "gzip"
        assert got["ContentDisposition"] == "attachment"
        assert got["CacheControl"] == "max-age=60"
        assert got["Metadata"] == {"owner": "ada"}
        assert got["ETag"] == put["ETag"]
        assert got["LastModified"] == datetime(2025, 1, 1, tzinfo=UTC)
        assert "VersionId" not in got

    def test_default_content_type(self, s3: Any, bucket: str) -> None:
        """Without ContentType S3 stores binary/octet-stream."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        assert s3.head_object(Bucket=bucket, Key="k")["ContentType"] == "binary/octet-stream"

    def test_body_as_str_and_readable(self, s3: Any, bucket: str) -> None:
        """Body may be str (UTF-8) or a file-like object."""
        import io

        s3.put_object(Bucket=bucket, Key="s", Body="héllo")
        s3.put_object(Bucket=bucket, Key="f", Body=io.BytesIO(b"file"))
        assert s3.get_object(Bucket=bucket, Key="s")["Body"].read() == "héllo".encode()
        assert s3.get_object(Bucket=bucket, Key="f")["Body"].read() == b"file"

    def test_body_is_a_streaming_object(self, s3: Any, bucket: str) -> None:
        """Body reads in chunks, iterates lines, and works as a context manager."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"one\ntwo\n")
        with s3.get_object(Bucket=bucket, Key="k")["Body"] as body:
            assert list(body.iter_lines()) == [b"one", b"two"]
        body = s3.get_object(Bucket=bucket, Key="k")["Body"]
        assert body.read(0) == b""
        assert list(body.iter_chunks(3)) == [b"one", b"\ntw", b"o\n"]
        assert body.read() == b""

    def test_missing_key_and_bucket(self, s3: Any, bucket: str) -> None:
        """NoSuchKey names the key; NoSuchBucket names the bucket."""
        with pytest.raises(s3.exceptions.NoSuchKey) as exc:
            s3.get_object(Bucket=bucket, Key="nope")
        assert _err(exc) == {
            "Code": "NoSuchKey",
            "Message": "The specified key does not exist.",
            "Key": "nope",
        }
        with pytest.raises(s3.exceptions.NoSuchBucket) as exc:
            s3.put_object(Bucket="absent", Key="k", Body=b"")
        assert _err(exc)["BucketName"] == "absent"

    def test_head_missing_is_a_bare_404(self, s3: Any, bucket: str) -> None:
        """HeadObject errors carry the status as code."""
        with pytest.raises(ClientError) as exc:
            s3.head_object(Bucket=bucket, Key="nope")
        assert _err(exc) == {"Code": "404", "Message": "Not Found"}

    def test_metadata_limit_both_sides(self, s3: Any, bucket: str) -> None:
        """2 KB of metadata (names and values, UTF-8) fits; one byte more is MetadataTooLarge."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"", Metadata={"a": "x" * 2047})
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k2", Body=b"", Metadata={"a": "x" * 2048})
        assert _err(exc) == {
            "Code": "MetadataTooLarge",
            "Message": "Your metadata headers exceed the maximum allowed metadata size.",
            "Size": "2049",
            "MaxSizeAllowed": "2048",
        }
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.head_object(Bucket=bucket, Key="k2") if False else s3.get_object(
                Bucket=bucket, Key="k2"
            )

    def test_key_length_both_sides(self, s3: Any, bucket: str) -> None:
        """A 1,024-byte key is accepted; 1,025 bytes is KeyTooLongError."""
        s3.put_object(Bucket=bucket, Key="k" * 1024, Body=b"")
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k" * 1025, Body=b"")
        assert _err(exc)["Code"] == "KeyTooLongError"

    def test_tagging_on_put(self, s3: Any, bucket: str) -> None:
        """PutObject's Tagging query string becomes the tag set; TagCount on GET."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"", Tagging="a=1&b=two%20words")
        assert s3.get_object(Bucket=bucket, Key="k")["TagCount"] == 2
        tags = s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"]
        assert tags == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "two words"}]

    def test_unemulated_features_are_refused(self, s3: Any, bucket: str) -> None:
        """SSE-KMS and archive storage classes are refused, never stored and ignored."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=b"", ServerSideEncryption="aws:kms")
        assert _err(exc)["Code"] == "NotImplemented"
        with pytest.raises(ClientError):
            s3.put_object(Bucket=bucket, Key="k", Body=b"", StorageClass="GLACIER")
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket=bucket, Key="k")


class TestRange:
    @pytest.fixture
    def key(self, s3: Any, bucket: str) -> str:
        s3.put_object(Bucket=bucket, Key="r", Body=b"0123456789")
        return "r"

    @pytest.mark.parametrize(
        ("header", "body", "content_range"),
        [
            ("bytes=0-3", b"0123", "bytes 0-3/10"),
            ("bytes=7-", b"789", "bytes 7-9/10"),
            ("bytes=-2", b"89", "bytes 8-9/10"),
            ("bytes=5-100", b"56789", "bytes 5-9/10"),
            ("bytes=9-9", b"9", "bytes 9-9/10"),
        ],
    )
    def test_ranges_are_206(
        self, s3: Any, bucket: str, key: str, header: str, body: bytes, content_range: str
    ) -> None:
        """A satisfiable range answers 206 with ContentRange and no checksum."""
        got = s3.get_object(Bucket=bucket, Key=key, Range=header)
        assert got["Body"].read() == body
        assert got["ContentRange"] == content_range
        assert got["ContentLength"] == len(body)
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
        assert "ChecksumCRC32" not in got

    def test_range_past_the_end_is_invalid(self, s3: Any, bucket: str, key: str) -> None:
        """A range starting at the size is InvalidRange (416) with the object's size."""
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket=bucket, Key=key, Range="bytes=10-")
        assert _err(exc) == {
            "Code": "InvalidRange",
            "Message": "The requested range is not satisfiable",
            "RangeRequested": "bytes=10-",
            "ActualObjectSize": "10",
        }
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 416

    def test_unreadable_range_serves_everything(self, s3: Any, bucket: str, key: str) -> None:
        """A Range S3 cannot parse is ignored: the whole object, 200."""
        got = s3.get_object(Bucket=bucket, Key=key, Range="lines=1-2")
        assert got["Body"].read() == b"0123456789"
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 200


class TestConditions:
    @pytest.fixture
    def etag(self, s3: Any, bucket: str) -> str:
        return str(s3.put_object(Bucket=bucket, Key="c", Body=b"data")["ETag"])

    def test_if_match(self, s3: Any, bucket: str, etag: str) -> None:
        """If-Match with the ETag passes; another is PreconditionFailed (412, Condition)."""
        s3.get_object(Bucket=bucket, Key="c", IfMatch=etag)
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket=bucket, Key="c", IfMatch='"other"')
        assert _err(exc) == {
            "Code": "PreconditionFailed",
            "Message": "At least one of the pre-conditions you specified did not hold",
            "Condition": "If-Match",
        }
        with pytest.raises(ClientError) as exc:
            s3.head_object(Bucket=bucket, Key="c", IfMatch='"other"')
        assert _err(exc)["Code"] == "412"

    def test_if_none_match_is_304(self, s3: Any, bucket: str, etag: str) -> None:
        """If-None-Match with the current ETag: 304 Not Modified."""
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag)
        assert _err(exc) == {"Code": "304", "Message": "Not Modified"}
        s3.get_object(Bucket=bucket, Key="c", IfNoneMatch='"other"')

    def test_modified_since(self, s3: Any, bucket: str, etag: str, cloud: Cloud) -> None:
        """If-Modified-Since at or after the last change: 304; before: 200."""
        t = cloud.now()
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=t)
        assert _err(exc)["Code"] == "304"
        s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=t - timedelta(seconds=1))

    def test_unmodified_since(self, s3: Any, bucket: str, etag: str, cloud: Cloud) -> None:
        """If-Unmodified-Since before the last change: 412; If-Match passing overrides it."""
        before = cloud.now() - timedelta(seconds=1)
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket=bucket, Key="c", IfUnmodifiedSince=before)
        assert _err(exc)["Condition"] == "If-Unmodified-Since"
        s3.get_object(Bucket=bucket, Key="c", IfUnmodifiedSince=before, IfMatch=etag)

    def test_conditional_create(self, s3: Any, bucket: str, etag: str) -> None:
        """PutObject If-None-Match: * refuses an existing key (412) and changes nothing."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="c", Body=b"new", IfNoneMatch="*")
        assert _err(exc) == {
            "Code": "PreconditionFailed",
            "Message": "At least one of the pre-conditions you specified did not hold",
            "Condition": "If-None-Match",
        }
        assert s3.get_object(Bucket=bucket, Key="c")["Body"].read() == b"data"
        s3.put_object(Bucket=bucket, Key="fresh", Body=b"new", IfNoneMatch="*")

    def test_conditional_overwrite(self, s3: Any, bucket: str, etag: str) -> None:
        """PutObject If-Match: the right ETag writes, another is 412, a missing key 404."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="c", Body=b"x", IfMatch='"nope"')
        assert _err(exc)["Code"] == "PreconditionFailed"
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.put_object(Bucket=bucket, Key="absent", Body=b"x", IfMatch=etag)
        s3.put_object(Bucket=bucket, Key="c", Body=b"x", IfMatch=etag)
        assert s3.get_object(Bucket=bucket, Key="c")["Body"].read() == b"x"


class TestChecksums:
    def test_boto3_default_crc32(self, s3: Any, bucket: str) -> None:
        """As botocore does, PutObject carries CRC32; GetObject returns it for a full read."""
        body = b"checksum me"
        want = _b64(zlib.crc32(body).to_bytes(4, "big"))
        assert s3.put_object(Bucket=bucket, Key="k", Body=body)["ChecksumCRC32"] == want
        got = s3.get_object(Bucket=bucket, Key="k")
        assert (got["ChecksumCRC32"], got["ChecksumType"]) == (want, "FULL_OBJECT")
        assert "ChecksumCRC32" not in s3.head_object(Bucket=bucket, Key="k")
        assert (
            s3.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")["ChecksumCRC32"] == want
        )

    @pytest.mark.parametrize(
        ("alg", "fn"),
        [
            ("CRC32", lambda b: zlib.crc32(b).to_bytes(4, "big")),
            ("CRC32C", lambda b: crc32c(b, 0).to_bytes(4, "big")),
            ("SHA1", lambda b: hashlib.sha1(b).digest()),
            ("SHA256", lambda b: hashlib.sha256(b).digest()),
        ],
    )
    def test_each_algorithm_verified(self, s3: Any, bucket: str, alg: str, fn: Any) -> None:
        """A correct value is stored; a wrong one is BadDigest and stores nothing."""
        body = b"payload"
        good = _b64(fn(body))
        s3.put_object(Bucket=bucket, Key="k", Body=body, **{f"Checksum{alg}": good})
        assert s3.get_object(Bucket=bucket, Key="k")[f"Checksum{alg}"] == good
        bad = _b64(fn(b"other"))
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k2", Body=body, **{f"Checksum{alg}": bad})
        assert _err(exc) == {
            "Code": "BadDigest",
            "Message": f"The {alg} you specified did not match the calculated checksum.",
        }
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket=bucket, Key="k2")

    def test_malformed_checksum_is_invalid_request(self, s3: Any, bucket: str) -> None:
        """A value that is not the Base64 of the right length: InvalidRequest."""
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=b"x", ChecksumSHA256="AAAA")
        assert _err(exc) == {
            "Code": "InvalidRequest",
            "Message": "Value for x-amz-checksum-sha256 header is invalid.",
        }

    def test_content_md5(self, s3: Any, bucket: str) -> None:
        """Content-MD5 is checked: right passes, wrong is BadDigest, malformed InvalidDigest."""
        body = b"abc"
        s3.put_object(
            Bucket=bucket, Key="k", Body=body, ContentMD5=_b64(hashlib.md5(body).digest())
        )
        with pytest.raises(ClientError) as exc:
            s3.put_object(
                Bucket=bucket, Key="k", Body=body, ContentMD5=_b64(hashlib.md5(b"x").digest())
            )
        assert _err(exc)["Code"] == "BadDigest"
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=body, ContentMD5="nope")
        assert _err(exc)["Code"] == "InvalidDigest"


class TestDelete:
    def test_delete_is_idempotent_204(self, s3: Any, bucket: str) -> None:
        """DeleteObject answers 204 whether or not the key existed."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        for _ in range(2):
            out = s3.delete_object(Bucket=bucket, Key="k")
            assert out["ResponseMetadata"]["HTTPStatusCode"] == 204
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket=bucket, Key="k")

    def test_delete_objects_quiet_and_errors(self, s3: Any, bucket: str) -> None:
        """DeleteObjects reports each key; Quiet leaves out successes; errors are per key."""
        for k in ("a", "b"):
            s3.put_object(Bucket=bucket, Key=k, Body=b"x")
        out = s3.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "zz"}, {"Key": "k" * 1025}]}
        )
        assert out["Deleted"] == [{"Key": "a"}, {"Key": "zz"}]
        assert [e["Code"] for e in out["Errors"]] == ["KeyTooLongError"]
        quiet = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "b"}], "Quiet": True})
        assert "Deleted" not in quiet
        assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0

    def test_delete_objects_limit(self, s3: Any, bucket: str) -> None:
        """1,000 keys are accepted; 1,001 is MalformedXML."""
        s3.delete_objects(
            Bucket=bucket,
            Delete={"Objects": [{"Key": f"k{i}"} for i in range(1000)], "Quiet": True},
        )
        with pytest.raises(ClientError) as exc:
            s3.delete_objects(
                Bucket=bucket, Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]}
            )
        assert _err(exc)["Code"] == "MalformedXML"


class TestCopy:
    def test_copy_keeps_metadata_by_default(self, s3: Any, bucket: str) -> None:
        """MetadataDirective COPY: metadata and content type come along; ETag is the body's MD5."""
        s3.put_object(
            Bucket=bucket, Key="src", Body=b"body", ContentType="text/plain", Metadata={"a": "1"}
        )
        out = s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/src")
        assert out["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(b"body").hexdigest()}"'
        got = s3.get_object(Bucket=bucket, Key="dst")
        assert (got["Body"].read(), got["ContentType"], got["Metadata"]) == (
            b"body",
            "text/plain",
            {"a": "1"},
        )

    def test_copy_replace_and_dict_source(self, s3: Any, bucket: str) -> None:
        """REPLACE takes the request's metadata; CopySource may be boto3's dict."""
        s3.put_object(Bucket=bucket, Key="src", Body=b"body", Metadata={"a": "1"})
        s3.copy_object(
            Bucket=bucket,
            Key="dst",
            CopySource={"Bucket": bucket, "Key": "src"},
            MetadataDirective="REPLACE",
            Metadata={"b": "2"},
        )
        got = s3.head_object(Bucket=bucket, Key="dst")
        assert (got["Metadata"], got["ContentType"]) == ({"b": "2"}, "binary/octet-stream")

    def test_copy_onto_itself_needs_a_change(self, s3: Any, bucket: str) -> None:
        """Copying an object to itself with nothing changed is InvalidRequest; REPLACE is fine."""
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        with pytest.raises(ClientError) as exc:
            s3.copy_object(Bucket=bucket, Key="k", CopySource=f"{bucket}/k")
        assert _err(exc)["Code"] == "InvalidRequest"
        assert "copy an object to itself" in _err(exc)["Message"]
        s3.copy_object(
            Bucket=bucket, Key="k", CopySource=f"{bucket}/k", MetadataDirective="REPLACE"
        )

    def test_copy_conditions_and_missing_source(self, s3: Any, bucket: str) -> None:
        """CopySourceIf* failures are 412 naming the copy-source header; a missing source 404."""
        etag = s3.put_object(Bucket=bucket, Key="k", Body=b"x")["ETag"]
        with pytest.raises(ClientError) as exc:
            s3.copy_object(
                Bucket=bucket, Key="d", CopySource=f"{bucket}/k", CopySourceIfNoneMatch=etag
            )
        assert _err(exc)["Condition"] == "x-amz-copy-source-If-None-Match"
        s3.copy_object(Bucket=bucket, Key="d", CopySource=f"{bucket}/k", CopySourceIfMatch=etag)
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.copy_object(Bucket=bucket, Key="d", CopySource=f"{bucket}/absent")
        with pytest.raises(ClientError) as exc:
            s3.copy_object(Bucket=bucket, Key="d", CopySource="no-slash")
        assert _err(exc)["Code"] == "InvalidArgument"

    def test_copy_across_regions(self, cloud: Cloud, s3: Any, bucket: str) -> None:
        """A source in another Region is read from that Region's engine."""
        eu = cloud.client("s3", "eu-west-1")
        eu.create_bucket(
            Bucket="euro", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        eu.put_object(Bucket="euro", Key="k", Body=b"from eu")
        s3.copy_object(Bucket=bucket, Key="k", CopySource="euro/k")
        assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"from eu"
        assert s3.get_object(Bucket="euro", Key="k")["Body"].read() == b"from eu"


class TestSizeLimits:
    def test_put_size_both_sides(self) -> None:
        """A body of max_put_bytes is stored; one byte more is EntityTooLarge, nothing stored."""
        from pyserverless import ManualClock

        cloud = Cloud(
            clock=ManualClock(), limits={"s3": {"max_put_bytes": 10, "max_part_bytes": 4}}
        )
        s3 = cloud.client("s3")
        s3.create_bucket(Bucket="small")
        s3.put_object(Bucket="small", Key="ok", Body=b"x" * 10)
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket="small", Key="big", Body=b"x" * 11)
        assert _err(exc)["Code"] == "EntityTooLarge"
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket="small", Key="big")
        up = s3.create_multipart_upload(Bucket="small", Key="mp")["UploadId"]
        s3.upload_part(Bucket="small", Key="mp", UploadId=up, PartNumber=1, Body=b"x" * 4)
        with pytest.raises(ClientError) as exc:
            s3.upload_part(Bucket="small", Key="mp", UploadId=up, PartNumber=2, Body=b"x" * 5)
        assert _err(exc)["Code"] == "EntityTooLarge"
        assert [
            p["PartNumber"] for p in s3.list_parts(Bucket="small", Key="mp", UploadId=up)["Parts"]
        ] == [1]


@pytest.mark.parametrize("alg", ["CRC64NVME", "SHA512", "XXHASH64"])
def test_unemulated_checksum_algorithms_are_refused(s3: Any, bucket: str, alg: str) -> None:
    """Checksum algorithms S3 has and pyserverless does not compute: NotImplemented."""
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", ChecksumAlgorithm=alg)
    assert _err(exc)["Code"] == "NotImplemented"
    with pytest.raises(ClientError):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", **{f"Checksum{alg}": "AAAAAAAAAAA="})
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket=bucket, Key="k")


def test_if_none_match_takes_only_a_star(s3: Any, bucket: str) -> None:
    """PutObject's If-None-Match with an ETag, or with If-Match, is NotImplemented."""
    etag = s3.put_object(Bucket=bucket, Key="k", Body=b"x")["ETag"]
    for extra in ({"IfNoneMatch": etag}, {"IfNoneMatch": "*", "IfMatch": etag}):
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket=bucket, Key="k", Body=b"y", **extra)
        assert _err(exc)["Code"] == "NotImplemented"
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"


def test_concurrent_writers_and_readers(s3: Any, bucket: str, cloud: Cloud) -> None:
    """Threads putting, reading, listing and deleting at once leave a consistent bucket."""
    import threading

    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                key = f"t{n}/k{i % 5}"
                s3.put_object(Bucket=bucket, Key=key, Body=f"{n}-{i}".encode())
                body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                assert body.startswith(f"{n}-".encode())
                s3.list_objects_v2(Bucket=bucket, Prefix=f"t{n}/")
                if i % 7 == 0:
                    s3.delete_object(Bucket=bucket, Key=key)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    cloud.engine("s3").buckets[bucket]._check()


def test_unemulated_members_are_refused_everywhere(s3: Any, bucket: str) -> None:
    """SSE-C keys, KMS contexts and bucket keys, event holds: NotImplemented, nothing stored."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    calls = [
        ("get_object", {"Key": "k", "SSECustomerKey": "a" * 32}),
        ("head_object", {"Key": "k", "SSECustomerKeyMD5": "x"}),
        ("put_object", {"Key": "n", "Body": b"", "BucketKeyEnabled": True}),
        ("put_object", {"Key": "n", "Body": b"", "SSEKMSEncryptionContext": "e30="}),
        (
            "copy_object",
            {"Key": "n", "CopySource": f"{bucket}/k", "ObjectLockEventHold": "ENABLED"},
        ),
    ]
    for method, params in calls:
        with pytest.raises(ClientError) as exc:
            getattr(s3, method)(Bucket=bucket, **params)  # type: ignore[arg-type]
        assert _err(exc)["Code"] in ("NotImplemented", "501"), method
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket=bucket, Key="n")
    with pytest.raises(ClientError) as exc:
        s3.copy_object(
            Bucket=bucket,
            Key="n",
            CopySource=f"{bucket}/k",
            ExpectedSourceBucketOwner="999999999999",
        )
    assert _err(exc)["Code"] == "AccessDenied"


def test_copy_conditional_writes(s3: Any, bucket: str) -> None:
    """CopyObject's IfNoneMatch="*" and IfMatch guard the destination, as PutObject's do."""
    s3.put_object(Bucket=bucket, Key="src", Body=b"new")
    dest = s3.put_object(Bucket=bucket, Key="dst", Body=b"old")["ETag"]
    with pytest.raises(ClientError) as exc:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/src", IfNoneMatch="*")
    assert _err(exc)["Condition"] == "If-None-Match"
    with pytest.raises(ClientError) as exc:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/src", IfMatch='"stale"')
    assert _err(exc)["Condition"] == "If-Match"
    assert s3.get_object(Bucket=bucket, Key="dst")["Body"].read() == b"old"
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=f"{bucket}/src", IfMatch=dest)
    assert s3.get_object(Bucket=bucket, Key="dst")["Body"].read() == b"new"
    s3.put_object(Bucket=bucket, Key="paid", Body=b"", RequestPayer="requester")
