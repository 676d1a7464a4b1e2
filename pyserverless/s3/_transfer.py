"""boto3's transfer methods on the S3 client: ``upload_file``, ``upload_fileobj``,
``download_file`` and ``download_fileobj``.

boto3 adds these to every S3 client (they are not S3 operations). Here they use the same
rules as boto3's default ``TransferConfig``: bodies from 8 MiB up go in 8 MiB parts
through a multipart upload; downloads stream the body in chunks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

__all__ = ["TransferMethods"]

_MIB = 1024 * 1024
_THRESHOLD = 8 * _MIB  # boto3's TransferConfig.multipart_threshold and multipart_chunksize


def _setting(config: Any, name: str) -> int:
    value = getattr(config, name, None)
    return int(value) if value else _THRESHOLD


class TransferMethods:
    """The transfer manager's four methods, over the client's own operations."""

    put_object: Callable[..., dict[str, Any]]
    get_object: Callable[..., dict[str, Any]]
    create_multipart_upload: Callable[..., dict[str, Any]]
    upload_part: Callable[..., dict[str, Any]]
    complete_multipart_upload: Callable[..., dict[str, Any]]
    abort_multipart_upload: Callable[..., dict[str, Any]]

    def upload_fileobj(
        self,
        Fileobj: Any,
        Bucket: str,
        Key: str,
        ExtraArgs: dict[str, Any] | None = None,
        Callback: Callable[[int], Any] | None = None,
        Config: Any = None,
    ) -> None:
        """Upload a readable object: one PutObject, or a multipart upload from 8 MiB."""
        extra = dict(ExtraArgs or {})
        threshold = _setting(Config, "multipart_threshold")
        chunk_size = _setting(Config, "multipart_chunksize")
        first = Fileobj.read(threshold)
        if len(first) < threshold:
            self.put_object(Bucket=Bucket, Key=Key, Body=first, **extra)
            if Callback is not None:
                Callback(len(first))
            return
        upload = self.create_multipart_upload(Bucket=Bucket, Key=Key, **extra)["UploadId"]
        parts: list[dict[str, Any]] = []
        try:
            pending = first
            while True:
                while len(pending) < chunk_size:
                    more = Fileobj.read(chunk_size - len(pending))
                    if not more:
                        break
                    pending += more
                if not pending:
                    break
                n = len(parts) + 1
                answer = self.upload_part(
                    Bucket=Bucket, Key=Key, UploadId=upload, PartNumber=n, Body=pending[:chunk_size]
                )
                parts.append({"PartNumber": n, "ETag": answer["ETag"]})
                if Callback is not None:
                    Callback(min(len(pending), chunk_size))
                pending = pending[chunk_size:]
            self.complete_multipart_upload(
                Bucket=Bucket, Key=Key, UploadId=upload, MultipartUpload={"Parts": parts}
            )
        except BaseException:
            self.abort_multipart_upload(Bucket=Bucket, Key=Key, UploadId=upload)
            raise

    def upload_file(
        self,
        Filename: str | os.PathLike[str],
        Bucket: str,
        Key: str,
        ExtraArgs: dict[str, Any] | None = None,
        Callback: Callable[[int], Any] | None = None,
        Config: Any = None,
    ) -> None:
        """Upload a file (see :meth:`upload_fileobj`)."""
        with open(Filename, "rb") as f:
            self.upload_fileobj(f, Bucket, Key, ExtraArgs, Callback, Config)

    def download_fileobj(
        self,
        Bucket: str,
        Key: str,
        Fileobj: Any,
        ExtraArgs: dict[str, Any] | None = None,
        Callback: Callable[[int], Any] | None = None,
        Config: Any = None,
    ) -> None:
        """Write an object's body into a writable object, chunk by chunk."""
        body = self.get_object(Bucket=Bucket, Key=Key, **dict(ExtraArgs or {}))["Body"]
        with body:
            for chunk in body.iter_chunks(_MIB):
                Fileobj.write(chunk)
                if Callback is not None:
                    Callback(len(chunk))

    def download_file(
        self,
        Bucket: str,
        Key: str,
        Filename: str | os.PathLike[str],
        ExtraArgs: dict[str, Any] | None = None,
        Callback: Callable[[int], Any] | None = None,
        Config: Any = None,
    ) -> None:
        """Download an object to a file (written whole or not at all, as boto3 does)."""
        target = os.fspath(Filename)
        partial = target + ".pyserverless-part"
        try:
            with open(partial, "wb") as f:
                self.download_fileobj(Bucket, Key, f, ExtraArgs, Callback, Config)
            os.replace(partial, target)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
