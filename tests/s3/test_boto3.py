"""boto3's own S3 client through the in-process bridge: its serialiser, parser, checksum
validation, redirects and transfer manager against the engine."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from pyserverless import Cloud, ManualClock
from pyserverless.adapters.bridge import mock_aws

MIB = 1024 * 1024


@pytest.fixture
def real() -> Iterator[tuple[Cloud, Any]]:
    cloud = Cloud(clock=ManualClock(1735689600), limits={"s3": {"spill_bytes": MIB}})
    with cloud, mock_aws(cloud):
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="photos")
        yield cloud, client


def test_put_get_with_botocore_checksums(real: tuple[Cloud, Any]) -> None:
    """botocore sends CRC32 and validates the one GetObject returns."""
    _, s3 = real
    put = s3.put_object(Bucket="photos", Key="a b.txt", Body=b"hello", Metadata={"Who": "ada"})
    assert put["ChecksumCRC32"] == "NhCmhg=="
    got = s3.get_object(Bucket="photos", Key="a b.txt")
    assert (got["Body"].read(), got["Metadata"], got["ChecksumCRC32"]) == (
        b"hello",
        {"who": "ada"},
        "NhCmhg==",
    )
    assert s3.list_objects_v2(Bucket="photos")["Contents"][0]["Key"] == "a b.txt"


def test_errors_as_boto3_raises_them(real: tuple[Cloud, Any]) -> None:
    """NoSuchKey is modelled; HeadObject's 404 is a bare ClientError."""
    _, s3 = real
    with pytest.raises(s3.exceptions.NoSuchKey) as exc:
        s3.get_object(Bucket="photos", Key="nope")
    assert exc.value.response["Error"]["Key"] == "nope"
    with pytest.raises(ClientError) as exc:
        s3.head_object(Bucket="photos", Key="nope")
    assert exc.value.response["Error"]["Code"] == "404"


def test_upload_file_and_download_file_multipart(real: tuple[Cloud, Any], tmp_path: Path) -> None:
    """The transfer manager's multipart upload and ranged download round-trip a file."""
    _, s3 = real
    data = os.urandom(12 * MIB)
    src = tmp_path / "src.bin"
    src.write_bytes(data)
    cfg = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)
    s3.upload_file(str(src), "photos", "big.bin", Config=cfg)
    head = s3.head_object(Bucket="photos", Key="big.bin")
    assert head["ETag"].endswith('-3"') and head["ContentLength"] == len(data)
    dst = tmp_path / "dst.bin"
    s3.download_file("photos", "big.bin", str(dst), Config=cfg)
    assert dst.read_bytes() == data
    buf = io.BytesIO()
    s3.download_fileobj("photos", "big.bin", buf)
    assert buf.getvalue() == data


def test_bucket_in_another_region(real: tuple[Cloud, Any]) -> None:
    """A us-east-1 client reaches a bucket made in eu-west-1."""
    _, s3 = real
    eu = boto3.client("s3", region_name="eu-west-1")
    eu.create_bucket(Bucket="euro", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.head_bucket(Bucket="euro")["BucketRegion"] == "eu-west-1"
    s3.put_object(Bucket="euro", Key="k", Body=b"x")
    assert eu.get_object(Bucket="euro", Key="k")["Body"].read() == b"x"


def test_resource_and_paginator(real: tuple[Cloud, Any]) -> None:
    """boto3's resource layer and paginator work over the bridge."""
    _, s3 = real
    bucket = boto3.resource("s3", region_name="us-east-1").Bucket("photos")
    for i in range(5):
        bucket.put_object(Key=f"k{i}", Body=b"x")
    assert sorted(o.key for o in bucket.objects.all()) == [f"k{i}" for i in range(5)]
    pages = s3.get_paginator("list_objects_v2").paginate(
        Bucket="photos", PaginationConfig={"PageSize": 2}
    )
    assert sum(p["KeyCount"] for p in pages) == 5
    bucket.objects.all().delete()
    assert s3.list_objects_v2(Bucket="photos")["KeyCount"] == 0
