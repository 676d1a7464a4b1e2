"""``cloud.s3``: buckets as Python objects (``create_bucket``, ``bucket(...).put/get``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ._client import S3Client

__all__ = ["Bucket", "BucketDescription", "S3Resource"]


@attrs.frozen
class BucketDescription:
    """A bucket at one instant: what ``Bucket.describe()`` returns."""

    name: str
    region: str
    created: datetime
    versioning: str
    object_count: int


class Bucket:
    """One bucket.

    >>> from pyserverless import Cloud
    >>> photos = Cloud.manual().s3.create_bucket("photos")
    >>> photos
    <Bucket 'photos' in us-east-1>
    >>> photos.put("cats/a.jpg", b"...", content_type="image/jpeg", owner="ada")
    '"2f43b42fd833d1e77420a8dae7419000"'
    >>> photos.get("cats/a.jpg"), photos.keys(prefix="cats/")
    (b'...', ['cats/a.jpg'])
    >>> photos.head("cats/a.jpg")["Metadata"]
    {'owner': 'ada'}
    """

    def __init__(self, client: S3Client, name: str) -> None:
        self._client = client
        self.name = name

    def put(
        self, key: str, data: bytes | str, *, content_type: str | None = None, **metadata: str
    ) -> str:
        """Store ``data`` under ``key`` (keywords become user metadata); returns the ETag."""
        params: dict[str, Any] = {"Bucket": self.name, "Key": key, "Body": data}
        if content_type is not None:
            params["ContentType"] = content_type
        if metadata:
            params["Metadata"] = metadata
        etag: str = self._client.put_object(**params)["ETag"]
        return etag

    def get(self, key: str) -> bytes:
        """The body of ``key`` (``NoSuchKey`` if absent)."""
        with self._client.get_object(Bucket=self.name, Key=key)["Body"] as body:
            data: bytes = body.read()
        return data

    def head(self, key: str) -> dict[str, Any]:
        """The headers of ``key`` (HeadObject's answer)."""
        return self._client.head_object(Bucket=self.name, Key=key)

    def delete(self, key: str) -> None:
        """Delete ``key`` (nothing happens if it is absent)."""
        self._client.delete_object(Bucket=self.name, Key=key)

    def iter_keys(self, prefix: str = "") -> Iterator[str]:
        """Every key starting with ``prefix``, in order, page by page."""
        params: dict[str, Any] = {"Bucket": self.name, "Prefix": prefix}
        while True:
            page = self._client.list_objects_v2(**params)
            for row in page.get("Contents", ()):
                yield row["Key"]
            if not page["IsTruncated"]:
                return
            params["ContinuationToken"] = page["NextContinuationToken"]

    def keys(self, prefix: str = "") -> list[str]:
        """Every key starting with ``prefix``, in order."""
        return list(self.iter_keys(prefix))

    def describe(self) -> BucketDescription:
        """A frozen snapshot of the bucket."""
        engine = self._client._engine_for("HeadBucket", {"Bucket": self.name})
        with engine.lock:
            b = engine._bucket({"Bucket": self.name})
            return BucketDescription(
                b.name, b.region, b.created, b.versioning or "Off", len(b.live)
            )

    def __repr__(self) -> str:
        region = self._client._engine_for("HeadBucket", {"Bucket": self.name}).bucket_region(
            self.name
        )
        return f"<Bucket {self.name!r} in {region or 'no Region (deleted)'}>"


class S3Resource:
    """S3's resource layer: ``cloud.s3``.

    >>> from pyserverless import Cloud
    >>> cloud = Cloud.manual()
    >>> cloud.s3
    s3.ServiceResource(region='us-east-1')
    >>> _ = cloud.s3.create_bucket("abc"), cloud.s3.create_bucket("bcd", region="eu-west-1")
    >>> cloud.s3.buckets()
    [<Bucket 'abc' in us-east-1>, <Bucket 'bcd' in eu-west-1>]
    """

    def __init__(self, cloud: Cloud, region: str) -> None:
        self._cloud = cloud
        self.region = region
        self._client: S3Client = cloud.client("s3", region)

    def create_bucket(self, name: str, *, region: str | None = None) -> Bucket:
        """Create bucket ``name`` (in ``region``, default the Cloud's) and return it."""
        where = region or self.region
        client = self._cloud.client("s3", where)
        params: dict[str, Any] = {"Bucket": name}
        if where != "us-east-1":
            params["CreateBucketConfiguration"] = {"LocationConstraint": where}
        client.create_bucket(**params)
        return Bucket(client, name)

    def bucket(self, name: str) -> Bucket:
        """The existing bucket ``name`` (``NoSuchBucket`` if it does not exist)."""
        self._client.head_bucket(Bucket=name)
        return Bucket(self._client, name)

    def buckets(self) -> list[Bucket]:
        """Every bucket, by name."""
        names = [b["Name"] for b in self._client.list_buckets()["Buckets"]]
        return [Bucket(self._client, n) for n in names]

    def __repr__(self) -> str:
        return f"s3.ServiceResource(region={self.region!r})"
