"""Storage: large bodies spill to a temporary folder, stream back, survive snapshots, and
go away with ``cloud.close()``."""

from __future__ import annotations

import io
import os
from typing import Any

from pyserverless import Cloud, ManualClock

SPILL = 4096  # the fixture's S3Limits.spill_bytes


def _folder(cloud: Cloud) -> str:
    spill = cloud.engine("s3")._spill
    assert spill is not None
    return str(spill.path)


def test_small_bodies_stay_in_memory(cloud: Cloud, s3: Any, bucket: str) -> None:
    """A body of spill_bytes is held as bytes: no folder is made."""
    s3.put_object(Bucket=bucket, Key="k", Body=b"x" * SPILL)
    assert cloud.engine("s3")._spill is None


def test_large_bodies_spill_and_stream(cloud: Cloud, s3: Any, bucket: str) -> None:
    """One byte over spill_bytes goes to a file; reads (and ranges) stream from it."""
    body = os.urandom(SPILL + 1)
    s3.put_object(Bucket=bucket, Key="big", Body=io.BytesIO(body))
    folder = _folder(cloud)
    assert len(os.listdir(folder)) == 1
    got = s3.get_object(Bucket=bucket, Key="big")
    assert got["Body"].read(10) == body[:10]
    assert got["Body"].read() == body[10:]
    part = s3.get_object(Bucket=bucket, Key="big", Range=f"bytes={SPILL - 1}-")
    assert part["Body"].read() == body[SPILL - 1 :]


def test_overwrite_and_delete_remove_files(cloud: Cloud, s3: Any, bucket: str) -> None:
    """A replaced or deleted spilled body's file is removed."""
    s3.put_object(Bucket=bucket, Key="big", Body=b"a" * (SPILL + 1))
    s3.put_object(Bucket=bucket, Key="big", Body=b"b" * (SPILL + 1))
    folder = _folder(cloud)
    assert len(os.listdir(folder)) == 1
    s3.delete_object(Bucket=bucket, Key="big")
    assert os.listdir(folder) == []


def test_close_removes_the_folder() -> None:
    """cloud.close() removes the temporary folder."""
    cloud = Cloud(clock=ManualClock(), limits={"s3": {"spill_bytes": 10}})
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="big")
    s3.put_object(Bucket="big", Key="k", Body=b"x" * 11)
    folder = _folder(cloud)
    assert os.path.isdir(folder)
    cloud.close()
    assert not os.path.exists(folder)


def test_multipart_and_copy_of_spilled_bodies(cloud: Cloud, s3: Any, bucket: str) -> None:
    """Parts, completed objects and copies of large bodies are whole and separate."""
    parts = [b"a" * 1024, b"b" * SPILL, b"c"]
    up = s3.create_multipart_upload(Bucket=bucket, Key="mp")["UploadId"]
    listed = []
    for n, body in enumerate(parts, 1):
        etag = s3.upload_part(Bucket=bucket, Key="mp", UploadId=up, PartNumber=n, Body=body)["ETag"]
        listed.append({"PartNumber": n, "ETag": etag})
    s3.complete_multipart_upload(
        Bucket=bucket, Key="mp", UploadId=up, MultipartUpload={"Parts": listed}
    )
    s3.copy_object(Bucket=bucket, Key="copy", CopySource=f"{bucket}/mp")
    s3.delete_object(Bucket=bucket, Key="mp")
    assert s3.get_object(Bucket=bucket, Key="copy")["Body"].read() == b"".join(parts)
    assert len(os.listdir(_folder(cloud))) == 1


def test_snapshot_keeps_spilled_bodies(cloud: Cloud, s3: Any, bucket: str) -> None:
    """A snapshot holds its own links: deleting after it and restoring brings the body back."""
    body = b"z" * (SPILL + 5)
    s3.put_object(Bucket=bucket, Key="big", Body=body)
    s3.put_object(Bucket=bucket, Key="small", Body=b"s")
    snap = cloud.snapshot()
    s3.delete_object(Bucket=bucket, Key="big")
    s3.delete_object(Bucket=bucket, Key="small")
    cloud.restore(snap)
    assert s3.get_object(Bucket=bucket, Key="big")["Body"].read() == body
    assert s3.get_object(Bucket=bucket, Key="small")["Body"].read() == b"s"
    s3.delete_object(Bucket=bucket, Key="big")
    cloud.restore(snap)  # restorable again
    assert s3.get_object(Bucket=bucket, Key="big")["Body"].read() == body
    cloud.engine("s3").buckets[bucket]._check()


class _Zeros:
    """A readable of ``size`` zero bytes that never holds them all."""

    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return bytes(n)


def test_a_large_object_moves_in_chunks(cloud: Cloud, s3: Any, bucket: str) -> None:
    """Writing and reading 32 MiB peaks at a few MiB of Python memory, not 32 (or 64)."""
    import tracemalloc

    size = 32 * 1024 * 1024
    tracemalloc.start()
    try:
        s3.put_object(Bucket=bucket, Key="big", Body=_Zeros(size))
        total = 0
        for chunk in s3.get_object(Bucket=bucket, Key="big")["Body"].iter_chunks(1024 * 1024):
            total += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    assert peak < 8 * 1024 * 1024


class TestHeldBodies:
    def test_take_held_only_before_any_read(self) -> None:
        """An in-memory body is taken whole only while unread; a started one stays a stream."""
        from pyserverless.s3._storage import Blob

        data = b"0123456789"
        fresh = Blob.of(data).stream()
        assert fresh.take_held() is data
        assert fresh.read() == b""  # taken: the stream is used up
        started = Blob.of(data).stream()
        assert started.read(3) == b"012"
        assert started.take_held() is None and started.read() == b"3456789"

    def test_spilled_bodies_are_never_held(self, cloud: Cloud, s3: Any, bucket: str) -> None:
        """A body in a file is not read whole by the wire's dispatch: it stays a stream."""
        big = os.urandom(5000)  # over the tests' 4096-byte spill size
        s3.put_object(Bucket=bucket, Key="big", Body=big)
        s3.put_object(Bucket=bucket, Key="small", Body=b"x")
        spilled = s3.dispatch("GetObject", {"Bucket": bucket, "Key": "big"})["Body"]
        assert not isinstance(spilled, bytes) and spilled.read() == big
        assert s3.dispatch("GetObject", {"Bucket": bucket, "Key": "small"})["Body"] == b"x"
        assert s3.get_object(Bucket=bucket, Key="small")["Body"].read() == b"x"
