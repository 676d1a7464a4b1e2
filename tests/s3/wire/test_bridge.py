"""S3's REST-XML through the in-process bridge: boto3's own serialiser and parser
(client and resource) against the engine, and the wire's bytes where boto3 hides them."""

from __future__ import annotations

import base64
import hashlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters import Dispatcher, WireRequest
from pyserverless.adapters.bridge import mock_aws

MIB = 1024 * 1024
NS = "http://s3.amazonaws.com/doc/2006-03-01/"


@pytest.fixture
def cloud() -> Iterator[Cloud]:
    limits = {"s3": {"min_part_bytes": 1024, "spill_bytes": MIB}}
    with Cloud(clock=ManualClock(1735689600), seed=3, limits=limits) as c:
        yield c


@pytest.fixture
def s3(cloud: Cloud) -> Iterator[Any]:
    with mock_aws(cloud):
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="photos")
        yield client


def _code(exc: Any) -> tuple[str, int]:
    response = exc.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


class TestObjects:
    def test_put_get_metadata_and_headers(self, s3: Any) -> None:
        """Metadata, content headers and the ETag travel as S3's headers."""
        s3.put_object(
            Bucket="photos",
            Key="dir/a b+c%.txt",
            Body=b"hello",
            Metadata={"Who": "ada"},
            ContentType="text/plain",
            ContentDisposition="inline",
            CacheControl="max-age=5",
        )
        got = s3.get_object(Bucket="photos", Key="dir/a b+c%.txt")
        headers = got["ResponseMetadata"]["HTTPHeaders"]
        assert got["Body"].read() == b"hello"
        assert got["Metadata"] == {"who": "ada"}
        assert (got["ContentType"], got["ContentDisposition"], got["CacheControl"]) == (
            "text/plain",
            "inline",
            "max-age=5",
        )
        assert got["ETag"] == '"' + hashlib.md5(b"hello").hexdigest() + '"'
        assert headers["last-modified"] == "Wed, 01 Jan 2025 00:00:00 GMT"
        assert headers["x-amz-meta-who"] == "ada"
        assert len(headers["x-amz-request-id"]) == 16 and headers["x-amz-id-2"]

    def test_range_is_206_with_content_range(self, s3: Any) -> None:
        s3.put_object(Bucket="photos", Key="r", Body=b"0123456789")
        got = s3.get_object(Bucket="photos", Key="r", Range="bytes=2-5")
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
        assert (got["Body"].read(), got["ContentRange"], got["ContentLength"]) == (
            b"2345",
            "bytes 2-5/10",
            4,
        )
        last = s3.get_object(Bucket="photos", Key="r", Range="bytes=-3")
        assert last["Body"].read() == b"789"
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket="photos", Key="r", Range="bytes=10-")
        assert _code(exc) == ("InvalidRange", 416)

    def test_conditional_reads(self, s3: Any, cloud: Cloud) -> None:
        """If-None-Match on the current ETag is 304; If-Match on another is 412."""
        etag = s3.put_object(Bucket="photos", Key="c", Body=b"x")["ETag"]
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket="photos", Key="c", IfNoneMatch=etag)
        assert _code(exc) == ("304", 304)
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket="photos", Key="c", IfMatch='"nope"')
        assert _code(exc) == ("PreconditionFailed", 412)
        assert exc.value.response["Error"]["Condition"] == "If-Match"
        assert s3.get_object(Bucket="photos", Key="c", IfMatch=etag)["Body"].read() == b"x"
        with pytest.raises(ClientError) as exc:  # HEAD: the status only, no body
            s3.head_object(Bucket="photos", Key="c", IfMatch='"nope"')
        assert _code(exc) == ("412", 412)

    def test_conditional_write(self, s3: Any) -> None:
        """If-None-Match: * writes once; the second is 412 and changes nothing."""
        s3.put_object(Bucket="photos", Key="once", Body=b"1", IfNoneMatch="*")
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket="photos", Key="once", Body=b"2", IfNoneMatch="*")
        assert _code(exc) == ("PreconditionFailed", 412)
        assert s3.get_object(Bucket="photos", Key="once")["Body"].read() == b"1"

    def test_copy_and_delete(self, s3: Any) -> None:
        s3.put_object(Bucket="photos", Key="src", Body=b"copy me", Metadata={"a": "1"})
        copied = s3.copy_object(
            Bucket="photos", Key="dst", CopySource={"Bucket": "photos", "Key": "src"}
        )
        assert copied["CopyObjectResult"]["ETag"] == '"' + hashlib.md5(b"copy me").hexdigest() + '"'
        assert s3.get_object(Bucket="photos", Key="dst")["Metadata"] == {"a": "1"}
        gone = s3.delete_object(Bucket="photos", Key="dst")
        assert gone["ResponseMetadata"]["HTTPStatusCode"] == 204
        deleted = s3.delete_objects(
            Bucket="photos", Delete={"Objects": [{"Key": "src"}, {"Key": "never"}]}
        )
        assert sorted(d["Key"] for d in deleted["Deleted"]) == ["never", "src"]
        assert s3.list_objects_v2(Bucket="photos")["KeyCount"] == 0

    def test_errors_carry_s3_fields(self, s3: Any) -> None:
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket="photos", Key="missing")
        assert exc.value.response["Error"] == {
            "Code": "NoSuchKey",
            "Message": "The specified key does not exist.",
            "Key": "missing",
        }
        with pytest.raises(ClientError) as exc:
            s3.head_object(Bucket="photos", Key="missing")
        assert _code(exc) == ("404", 404)
        with pytest.raises(ClientError) as exc:
            s3.list_objects_v2(Bucket="nobucket")
        assert _code(exc) == ("NoSuchBucket", 404)
        assert exc.value.response["Error"]["BucketName"] == "nobucket"

    def test_content_md5(self, s3: Any) -> None:
        """A wrong Content-MD5 is BadDigest; one that is not base64 MD5 is InvalidDigest."""
        good = base64.b64encode(hashlib.md5(b"body").digest()).decode()
        s3.put_object(Bucket="photos", Key="m", Body=b"body", ContentMD5=good)
        other = base64.b64encode(hashlib.md5(b"else").digest()).decode()
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket="photos", Key="m2", Body=b"body", ContentMD5=other)
        assert _code(exc) == ("BadDigest", 400)
        with pytest.raises(ClientError) as exc:
            s3.put_object(Bucket="photos", Key="m2", Body=b"body", ContentMD5="abc")
        assert _code(exc) == ("InvalidDigest", 400)
        assert "Contents" not in s3.list_objects_v2(Bucket="photos", Prefix="m2")


class TestListing:
    def test_v2_paginator_with_delimiter(self, s3: Any) -> None:
        keys = [f"a/{i:03}" for i in range(25)] + ["b/x", "b/y", "top"]
        for key in keys:
            s3.put_object(Bucket="photos", Key=key, Body=b"")
        pages = list(
            s3.get_paginator("list_objects_v2").paginate(
                Bucket="photos", PaginationConfig={"PageSize": 7}
            )
        )
        assert len(pages) == 4
        assert [o["Key"] for p in pages for o in p.get("Contents", [])] == sorted(keys)
        split = s3.list_objects_v2(Bucket="photos", Delimiter="/")
        assert [p["Prefix"] for p in split["CommonPrefixes"]] == ["a/", "b/"]
        assert [o["Key"] for o in split["Contents"]] == ["top"]
        after = s3.list_objects_v2(Bucket="photos", StartAfter="b/x")
        assert [o["Key"] for o in after["Contents"]] == ["b/y", "top"]

    def test_v1_paginator(self, s3: Any) -> None:
        for i in range(12):
            s3.put_object(Bucket="photos", Key=f"k{i:02}", Body=b"")
        pages = list(
            s3.get_paginator("list_objects").paginate(
                Bucket="photos", PaginationConfig={"PageSize": 5}
            )
        )
        assert [len(p["Contents"]) for p in pages] == [5, 5, 2]
        assert pages[0]["IsTruncated"] is True and pages[-1]["IsTruncated"] is False

    def test_encoding_type_url(self, s3: Any) -> None:
        """Keys come back URL-encoded with EncodingType=url: botocore asks for it on its
        own and decodes; asked for explicitly, the caller gets the encoded text."""
        key = "sp ace/\u00e9+\x01"
        s3.put_object(Bucket="photos", Key=key, Body=b"")
        assert s3.list_objects_v2(Bucket="photos")["Contents"][0]["Key"] == key
        assert s3.list_objects(Bucket="photos")["Contents"][0]["Key"] == key
        raw = s3.list_objects_v2(Bucket="photos", EncodingType="url")
        assert raw["Contents"][0]["Key"] != key
        assert unquote_plus(raw["Contents"][0]["Key"]) == key
        assert raw["EncodingType"] == "url"

    def test_list_buckets(self, s3: Any) -> None:
        s3.create_bucket(Bucket="second")
        names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        assert names == ["photos", "second"]


class TestMultipart:
    def test_upload_file_and_download_file(self, s3: Any, tmp_path: Path) -> None:
        """The transfer manager's multipart upload (5 MiB is its smallest chunk) and
        ranged download, with its default thread pool."""
        data = os.urandom(11 * MIB)
        src = tmp_path / "big.bin"
        src.write_bytes(data)
        config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)
        s3.upload_file(str(src), "photos", "big.bin", Config=config)
        head = s3.head_object(Bucket="photos", Key="big.bin")
        assert head["ContentLength"] == len(data)
        assert head["ETag"].endswith('-3"')
        out = tmp_path / "out.bin"
        s3.download_file("photos", "big.bin", str(out), Config=config)
        assert out.read_bytes() == data

    def test_transfer_manager_defaults(self, s3: Any, tmp_path: Path) -> None:
        """boto3's default TransferConfig (8 MiB threshold and chunks, threads)."""
        data = os.urandom(8 * MIB + 1)
        src = tmp_path / "default.bin"
        src.write_bytes(data)
        s3.upload_file(str(src), "photos", "default.bin")
        assert s3.head_object(Bucket="photos", Key="default.bin")["ETag"].endswith('-2"')
        out = tmp_path / "back.bin"
        s3.download_file("photos", "default.bin", str(out))
        assert out.read_bytes() == data
        s3.upload_fileobj(io.BytesIO(b"small"), "photos", "small.bin")  # below the threshold
        assert "-" not in s3.head_object(Bucket="photos", Key="small.bin")["ETag"]

    def test_low_level_multipart(self, s3: Any) -> None:
        up = s3.create_multipart_upload(Bucket="photos", Key="mp")["UploadId"]
        e1 = s3.upload_part(Bucket="photos", Key="mp", UploadId=up, PartNumber=1, Body=b"a" * 2048)
        e2 = s3.upload_part(Bucket="photos", Key="mp", UploadId=up, PartNumber=2, Body=b"b")
        listed = s3.list_parts(Bucket="photos", Key="mp", UploadId=up)["Parts"]
        assert [p["PartNumber"] for p in listed] == [1, 2]
        uploads = s3.list_multipart_uploads(Bucket="photos")["Uploads"]
        assert [u["UploadId"] for u in uploads] == [up]
        done = s3.complete_multipart_upload(
            Bucket="photos",
            Key="mp",
            UploadId=up,
            MultipartUpload={
                "Parts": [
                    {"PartNumber": 1, "ETag": e1["ETag"]},
                    {"PartNumber": 2, "ETag": e2["ETag"]},
                ]
            },
        )
        assert done["ETag"].endswith('-2"') and done["Key"] == "mp"
        assert s3.get_object(Bucket="photos", Key="mp")["Body"].read() == b"a" * 2048 + b"b"
        up2 = s3.create_multipart_upload(Bucket="photos", Key="gone")["UploadId"]
        aborted = s3.abort_multipart_upload(Bucket="photos", Key="gone", UploadId=up2)
        assert aborted["ResponseMetadata"]["HTTPStatusCode"] == 204
        with pytest.raises(ClientError) as exc:
            s3.list_parts(Bucket="photos", Key="gone", UploadId=up2)
        assert _code(exc) == ("NoSuchUpload", 404)


class TestConfigurations:
    def test_versioning(self, s3: Any) -> None:
        s3.put_bucket_versioning(Bucket="photos", VersioningConfiguration={"Status": "Enabled"})
        assert s3.get_bucket_versioning(Bucket="photos")["Status"] == "Enabled"
        v1 = s3.put_object(Bucket="photos", Key="v", Body=b"1")["VersionId"]
        s3.put_object(Bucket="photos", Key="v", Body=b"2")
        marker = s3.delete_object(Bucket="photos", Key="v")
        assert marker["DeleteMarker"] is True
        with pytest.raises(ClientError) as exc:
            s3.get_object(Bucket="photos", Key="v")
        headers = exc.value.response["ResponseMetadata"]["HTTPHeaders"]
        assert headers["x-amz-delete-marker"] == "true"
        assert headers["x-amz-version-id"] == marker["VersionId"]
        assert s3.get_object(Bucket="photos", Key="v", VersionId=v1)["Body"].read() == b"1"
        listed = s3.list_object_versions(Bucket="photos")
        assert [v["IsLatest"] for v in listed["Versions"]] == [False, False]
        assert [m["IsLatest"] for m in listed["DeleteMarkers"]] == [True]

    def test_tagging(self, s3: Any) -> None:
        s3.put_object(Bucket="photos", Key="t", Body=b"", Tagging="a=1&b=2")
        assert s3.get_object_tagging(Bucket="photos", Key="t")["TagSet"] == [
            {"Key": "a", "Value": "1"},
            {"Key": "b", "Value": "2"},
        ]
        s3.put_object_tagging(Bucket="photos", Key="t", Tagging={"TagSet": []})
        assert s3.get_object_tagging(Bucket="photos", Key="t")["TagSet"] == []
        tags = [{"Key": "team", "Value": "x"}]
        s3.put_bucket_tagging(Bucket="photos", Tagging={"TagSet": tags})
        assert s3.get_bucket_tagging(Bucket="photos")["TagSet"] == tags
        s3.delete_bucket_tagging(Bucket="photos")
        with pytest.raises(ClientError) as exc:
            s3.get_bucket_tagging(Bucket="photos")
        assert _code(exc) == ("NoSuchTagSet", 404)

    def test_cors(self, s3: Any) -> None:
        rules = [
            {
                "AllowedMethods": ["GET", "PUT"],
                "AllowedOrigins": ["https://app.example"],
                "AllowedHeaders": ["*"],
                "ExposeHeaders": ["ETag"],
                "MaxAgeSeconds": 60,
            }
        ]
        s3.put_bucket_cors(Bucket="photos", CORSConfiguration={"CORSRules": rules})
        assert s3.get_bucket_cors(Bucket="photos")["CORSRules"] == rules
        s3.delete_bucket_cors(Bucket="photos")
        with pytest.raises(ClientError) as exc:
            s3.get_bucket_cors(Bucket="photos")
        assert _code(exc) == ("NoSuchCORSConfiguration", 404)

    def test_notification_round_trip(self, s3: Any, cloud: Cloud) -> None:
        cloud.lambda_.create_function("thumb", handler=_handler)
        arn = "arn:aws:lambda:us-east-1:123456789012:function:thumb"
        config = {
            "LambdaFunctionConfigurations": [
                {
                    "Id": "jpg",
                    "LambdaFunctionArn": arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".jpg"}]}},
                }
            ]
        }
        s3.put_bucket_notification_configuration(Bucket="photos", NotificationConfiguration=config)
        got = s3.get_bucket_notification_configuration(Bucket="photos")
        assert got["LambdaFunctionConfigurations"] == config["LambdaFunctionConfigurations"]

    def test_location(self, s3: Any) -> None:
        assert s3.get_bucket_location(Bucket="photos")["LocationConstraint"] is None
        west = boto3.client("s3", region_name="eu-west-1")
        west.create_bucket(
            Bucket="euro", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        assert west.get_bucket_location(Bucket="euro")["LocationConstraint"] == "eu-west-1"


def _handler(event: Any, context: Any) -> None:
    return None


class TestResource:
    def test_resource_layer(self, s3: Any, cloud: Cloud) -> None:
        """boto3's resource: collections page through ListObjects, objects read back."""
        res = boto3.resource("s3", region_name="us-east-1")
        bucket = res.Bucket("photos")
        for i in range(3):
            bucket.put_object(Key=f"r{i}", Body=b"%d" % i)
        assert [o.key for o in bucket.objects.filter(Prefix="r")] == ["r0", "r1", "r2"]
        assert res.Object("photos", "r1").get()["Body"].read() == b"1"
        bucket.objects.filter(Prefix="r").delete()
        assert list(bucket.objects.all()) == []
        assert cloud.s3.bucket("photos").keys() == []


class TestWireBytes:
    """What boto3 does not show: XML, routing and body encodings."""

    @pytest.fixture
    def wire(self, cloud: Cloud) -> Dispatcher:
        cloud.client("s3").create_bucket(Bucket="photos")
        return Dispatcher(cloud)

    def _send(self, wire: Dispatcher, method: str, path: str, body: bytes = b"", **kw: Any) -> Any:
        headers = {"host": "s3.amazonaws.com", **kw.pop("headers", {})}
        return wire.handle(
            WireRequest(method, path, headers, body, kw.pop("query", ""), trusted=True)
        )

    def test_xml_namespace_and_error_document(self, wire: Dispatcher) -> None:
        listed = self._send(wire, "GET", "/photos", query="list-type=2")
        assert listed.status == 200
        assert f'<ListBucketResult xmlns="{NS}">'.encode() in listed.body
        missing = self._send(wire, "GET", "/photos/none")
        assert missing.status == 404
        assert missing.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Error>')
        assert b"<Code>NoSuchKey</Code>" in missing.body and b"<RequestId>" in missing.body
        assert b"<HostId>" in missing.body
        head = self._send(wire, "HEAD", "/photos/none")
        assert (head.status, head.body) == (404, b"")

    def test_virtual_hosted_addresses(self, wire: Dispatcher) -> None:
        """The bucket from the Host, in each form botocore and users build."""
        for host in (
            "photos.s3.amazonaws.com",
            "photos.s3.us-east-1.amazonaws.com",
            "photos.localhost:4566",
            "photos.s3.localhost",
        ):
            put = self._send(wire, "PUT", "/k", b"v", headers={"host": host})
            assert put.status == 200, host
        got = self._send(wire, "GET", "/photos/k")
        assert got.status == 200 and b"".join(got.stream or [got.body]) == b"v"

    def test_malformed_xml(self, wire: Dispatcher) -> None:
        bad = self._send(wire, "POST", "/photos", b"<Delete><Object>", query="delete")
        assert bad.status == 400 and b"<Code>MalformedXML</Code>" in bad.body
        good = b"<Delete><Object><Key>x</Key></Object></Delete>"
        assert self._send(wire, "POST", "/photos", good, query="delete").status == 200

    def test_aws_chunked_body_with_trailer(self, wire: Dispatcher, cloud: Cloud) -> None:
        """An aws-chunked body: the data kept, the trailing checksum checked."""
        crc = "NhCmhg=="  # CRC32 of b"hello"
        body = (
            b"3;chunk-signature=ab\r\nhel\r\n2\r\nlo\r\n0\r\nx-amz-checksum-crc32:" + crc.encode()
        )
        body += b"\r\n\r\n"
        headers = {
            "content-encoding": "aws-chunked",
            "x-amz-decoded-content-length": "5",
            "x-amz-trailer": "x-amz-checksum-crc32",
            "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        }
        put = self._send(wire, "PUT", "/photos/c", body, headers=headers)
        assert put.status == 200 and put.headers["x-amz-checksum-crc32"] == crc
        assert cloud.s3.bucket("photos").get("c") == b"hello"
        wrong = body.replace(crc.encode(), b"AAAAAA==")
        bad = self._send(wire, "PUT", "/photos/d", wrong, headers=headers)
        assert bad.status == 400 and b"BadDigest" in bad.body
        short = self._send(
            wire, "PUT", "/photos/e", body, headers={**headers, "x-amz-decoded-content-length": "6"}
        )
        assert short.status == 400 and b"IncompleteBody" in short.body
        torn = self._send(wire, "PUT", "/photos/f", body[:12], headers=headers)
        assert torn.status == 400 and b"IncompleteBody" in torn.body

    def test_unknown_subresource_is_not_another_operation(self, wire: Dispatcher) -> None:
        """``PUT /bucket?acl`` (not emulated) is refused, not taken for CreateBucket."""
        answer = self._send(wire, "PUT", "/photos", query="acl")
        assert answer.status == 501 and b"<Code>NotImplemented</Code>" in answer.body

    def test_get_object_streams(self, wire: Dispatcher, cloud: Cloud) -> None:
        """A body spilled to a file goes out as an iterator over it, in chunks."""
        data = os.urandom(MIB + 1)  # over spill_bytes: held in a file
        cloud.s3.bucket("photos").put("big", data)
        got = self._send(wire, "GET", "/photos/big")
        assert got.body == b"" and got.stream is not None
        chunks = list(got.stream)
        assert len(chunks) > 1 and b"".join(chunks) == data
        assert got.headers["Content-Length"] == str(len(data))

    def test_get_object_held_in_memory_is_one_piece(self, wire: Dispatcher, cloud: Cloud) -> None:
        """A body held in memory goes out whole, the stored bytes themselves (no copy)."""
        data = os.urandom(MIB)  # at spill_bytes: held in memory
        cloud.s3.bucket("photos").put("mem", data)
        stored = cloud.engine("s3").buckets["photos"].live["mem"].blob
        got = self._send(wire, "GET", "/photos/mem")
        assert got.stream is None and got.body is stored.data
        assert got.headers["Content-Length"] == str(MIB)
        ranged = self._send(wire, "GET", "/photos/mem", headers={"range": "bytes=10-19"})
        assert (ranged.status, ranged.body) == (206, data[10:20])

    def test_values_that_do_not_convert(self, wire: Dispatcher, cloud: Cloud) -> None:
        """An unreadable conditional date is ignored (HTTP's rule); an integer that is not
        one is InvalidArgument; neither reaches the engine as a bare Python error."""
        cloud.s3.bucket("photos").put("k", b"v")
        ignored = self._send(wire, "GET", "/photos/k", headers={"if-modified-since": "garbage"})
        assert ignored.status == 200
        bad = self._send(wire, "GET", "/photos", query="list-type=2&max-keys=abc")
        assert bad.status == 400 and b"<Code>InvalidArgument</Code>" in bad.body
        assert b"<ArgumentName>max-keys</ArgumentName>" in bad.body
        fine = self._send(wire, "GET", "/photos", query="list-type=2&max-keys=1")
        assert fine.status == 200 and b"<MaxKeys>1</MaxKeys>" in fine.body
