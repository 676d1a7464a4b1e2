"""``cloud.s3``: the resource layer."""

from __future__ import annotations

import pytest

from pyserverless import Cloud


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
