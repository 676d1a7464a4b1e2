"""``cloud.s3``: the resource layer."""

from __future__ import annotations

from typing import Any

import pytest

from pyserverless import Cloud, ManualClock


def test_create_put_get_keys(cloud: Cloud) -> None:
    """create_bucket, put (metadata from keywords), get, keys, head, delete, describe."""
    photos = cloud.s3.create_bucket("photos")
    photos.put("a/1.jpg", b"one", content_type="image/jpeg", owner="ada")
    photos.put("b.txt", "two")
    assert photos.get("a/1.jpg") == b"one"
    assert photos.keys() == ["a/1.jpg", "b.txt"]
    assert photos.keys(prefix="a/") == ["a/1.jpg"]
    head = photos.head("a/1.jpg")
    assert (head["ContentType"], head["Metadata"]) == ("image/jpeg", {"owner": "ada"})
    photos.delete("b.txt")
    d = photos.describe()
    assert (d.name, d.region, d.object_count, d.versioning) == ("photos", "us-east-1", 1, "Off")
    assert repr(photos) == "<Bucket 'photos' in us-east-1>"


def test_buckets_and_lookup(cloud: Cloud) -> None:
    """buckets() lists every Region's; bucket() refuses a missing name."""
    cloud.s3.create_bucket("one")
    cloud.s3.create_bucket("two", region="eu-west-1")
    assert [b.name for b in cloud.s3.buckets()] == ["one", "two"]
    assert cloud.s3.bucket("two").describe().region == "eu-west-1"
    with pytest.raises(Exception, match="404"):
        cloud.s3.bucket("absent")


def test_keys_pages_past_1000(cloud: Cloud) -> None:
    """keys() follows continuation tokens."""
    b = cloud.s3.create_bucket("many")
    for i in range(1005):
        b.put(f"k{i:05d}", b"")
    assert len(b.keys()) == 1005


def test_transfer_methods_on_the_client(tmp_path: Any) -> None:
    """upload_file / download_file as boto3 adds them: multipart from the threshold."""
    import io

    from boto3.s3.transfer import TransferConfig

    cloud = Cloud(clock=ManualClock(), limits={"s3": {"min_part_bytes": 1024}})
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="files")
    data = bytes(range(256)) * 20  # 5,120 bytes
    src = tmp_path / "src.bin"
    src.write_bytes(data)
    seen: list[int] = []
    cfg = TransferConfig(multipart_threshold=2048, multipart_chunksize=2048)
    s3.upload_file(
        str(src), "files", "big", ExtraArgs={"ContentType": "x/y"}, Callback=seen.append, Config=cfg
    )
    head = s3.head_object(Bucket="files", Key="big")
    assert head["ETag"].endswith('-3"') and head["ContentType"] == "x/y"
    assert sum(seen) == len(data)
    s3.upload_fileobj(io.BytesIO(b"small"), "files", "small")
    assert s3.head_object(Bucket="files", Key="small")["ETag"].count("-") == 0
    dst = tmp_path / "dst.bin"
    s3.download_file("files", "big", str(dst))
    assert dst.read_bytes() == data
    with pytest.raises(s3.exceptions.ClientError):
        s3.download_file("files", "missing", str(tmp_path / "none"))
    assert not (tmp_path / "none").exists()
    cloud.close()
