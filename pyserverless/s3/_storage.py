"""Where S3 keeps things: bodies (in memory, or spilled to a file), object versions,
multipart uploads and buckets.

A bucket keeps two sorted maps by key (``sortedcontainers.SortedDict``): ``versions``
(every version of every key, newest first, delete markers included) and ``live`` (the
current version of each key that has one and is not a delete marker). Listing walks
``live`` from the first key at or after the start: O(log n + page).

Bodies up to ``S3Limits.spill_bytes`` are ``bytes``; larger ones go to a file in a
temporary folder owned by the engine (:class:`SpillDir`), written as they arrive and
read back in chunks, so a 1 GB object never needs 2 GB of memory. ``cloud.close()``
removes the folder. Files are never changed once written: an overwritten or deleted
object's file is unlinked, and a ``cloud.snapshot()`` hard-links (or copies) the files
it holds into a folder of its own.

>>> blob = Blob.of(b"hello")
>>> blob.size, blob.read(1, 3)
(5, b'el')
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import attrs
from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from ._checksums import Digests

__all__ = ["Blob", "Body", "Bucket", "ObjectVersion", "Part", "SpillDir", "Upload", "read_body"]

_CHUNK = 1024 * 1024


class SpillDir:
    """A temporary folder for large bodies; removed by :meth:`cleanup` (``close()``) or when
    nothing refers to it any more."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix="pyserverless-s3-")
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, True)

    def new_file(self) -> tuple[int, str]:
        return tempfile.mkstemp(dir=self.path, suffix=".body")

    def cleanup(self) -> None:
        self._finalizer()

    def __snapshot__(self, copy: Callable[[Any], Any]) -> SpillDir:
        return SpillDir()

    def __repr__(self) -> str:
        return f"<SpillDir {self.path}>"


class Blob:
    """An immutable body: ``data`` in memory, or ``path`` in a :class:`SpillDir`."""

    __slots__ = ("data", "home", "path", "size")

    def __init__(self, data: bytes | None, path: str | None, size: int, home: SpillDir | None):
        self.data = data
        self.path = path
        self.size = size
        self.home = home

    @staticmethod
    def of(data: bytes) -> Blob:
        return Blob(data, None, len(data), None)

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        """Bytes ``start`` to ``end`` (exclusive; None: the end)."""
        stop = self.size if end is None else end
        if self.data is not None:
            return self.data[start:stop] if start or stop != self.size else self.data
        assert self.path is not None
        with open(self.path, "rb") as f:
            f.seek(start)
            return f.read(stop - start)

    def chunks(self, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        stop = self.size if end is None else end
        if self.data is not None:
            yield self.data[start:stop]
            return
        assert self.path is not None
        with open(self.path, "rb") as f:
            f.seek(start)
            left = stop - start
            while left > 0:
                chunk = f.read(min(_CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                yield chunk

    def stream(self, start: int = 0, end: int | None = None) -> Body:
        stop = self.size if end is None else end
        if self.data is not None:
            piece = self.data[start:stop] if start or stop != self.size else self.data
            return Body(io.BytesIO(piece), stop - start, held=piece)
        assert self.path is not None
        f = open(self.path, "rb")  # noqa: SIM115 - the Body closes it
        f.seek(start)
        return Body(f, stop - start)

    def discard(self) -> None:
        """Remove a spilled body's file (the object is gone; snapshots hold links of their own)."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def __snapshot__(self, copy: Callable[[Any], Any]) -> Blob:
        if self.path is None:
            return self  # bytes never change: shared
        home: SpillDir = copy(self.home)
        fd, path = home.new_file()
        os.close(fd)
        os.unlink(path)
        try:
            os.link(self.path, path)
        except OSError:  # another file system, or no hard links: a copy
            shutil.copyfile(self.path, path)
        return Blob(None, path, self.size, home)

    def __repr__(self) -> str:
        where = "memory" if self.path is None else "file"
        return f"<Blob {self.size} bytes in {where}>"


class Body:
    """The ``Body`` of a GetObject response, like botocore's ``StreamingBody``: ``read()``,
    ``iter_chunks()``, ``iter_lines()``, ``close()``, and a context manager.

    >>> with Blob.of(b"a\\nb").stream() as body:
    ...     list(body.iter_lines())
    [b'a', b'b']
    """

    def __init__(self, raw: Any, length: int, *, held: bytes | None = None) -> None:
        self._raw_stream = raw
        self._content_length = length
        self._left = length
        self._held = held

    def take_held(self) -> bytes | None:
        """The whole body at once when it is held in memory and nothing was read yet (the
        same bytes object, not a copy), closing this stream; else None.

        >>> Blob.of(b"abc").stream().take_held(), Blob.of(b"abc").stream(1).take_held()
        (b'abc', b'bc')
        """
        held = self._held
        if held is None or self._left != self._content_length:
            return None
        self._held = None
        self._left = 0
        self.close()
        return held

    def read(self, amt: int | None = None) -> bytes:
        if self._left <= 0:
            return b""
        n = self._left if amt is None or amt < 0 else min(amt, self._left)
        if n == 0:
            return b""
        data: bytes = self._raw_stream.read(n)
        self._left -= len(data)
        if self._left <= 0 or not data:
            self.close()
        return data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def iter_chunks(self, chunk_size: int = 1024) -> Iterator[bytes]:
        while chunk := self.read(chunk_size):
            yield chunk

    def iter_lines(self, chunk_size: int = 1024, keepends: bool = False) -> Iterator[bytes]:
        pending = b""
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line if keepends else line.splitlines()[0]
            pending = lines[-1] if lines else b""
        if pending:
            yield pending if keepends else pending.splitlines()[0]

    def __iter__(self) -> Iterator[bytes]:
        return self.iter_chunks(_CHUNK)

    def close(self) -> None:
        self._raw_stream.close()

    def __enter__(self) -> Body:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<StreamingBody {self._content_length} bytes>"


def read_body(
    source: Any, algorithm: str | None, spill_bytes: int, spill: Callable[[], SpillDir]
) -> tuple[Blob, Digests]:
    """Store a request body (bytes, str or a readable) and digest it on the way in."""
    digests = Digests(algorithm)
    if source is None:
        source = b""
    if isinstance(source, str):
        source = source.encode("utf-8")
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        digests.update(data)
        if len(data) <= spill_bytes:
            return Blob.of(data), digests
        folder = spill()
        fd, name = folder.new_file()
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return Blob(None, name, len(data), folder), digests
    held: list[bytes] = []
    size = 0
    out: Any = None
    path: str | None = None
    home: SpillDir | None = None
    try:
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8")
            digests.update(chunk)
            size += len(chunk)
            if out is not None:
                out.write(chunk)
                continue
            held.append(chunk)
            if size > spill_bytes:
                home = spill()
                fd, path = home.new_file()
                out = os.fdopen(fd, "wb")
                for piece in held:
                    out.write(piece)
                held = []
    finally:
        if out is not None:
            out.close()
    if path is None:
        return Blob.of(b"".join(held)), digests
    return Blob(None, path, size, home), digests


def join_blobs(blobs: list[Blob], spill_bytes: int, spill: Callable[[], SpillDir]) -> Blob:
    """One body made of several (a completed multipart upload)."""
    total = sum(b.size for b in blobs)
    if total <= spill_bytes:
        return Blob.of(b"".join(b.read() for b in blobs))
    home = spill()
    fd, path = home.new_file()
    with os.fdopen(fd, "wb") as f:
        for b in blobs:
            for chunk in b.chunks():
                f.write(chunk)
    return Blob(None, path, total, home)


@attrs.define(eq=False)
class ObjectVersion:
    """One version of a key (or a delete marker: ``blob`` None, ``delete_marker`` True)."""

    key: str
    version_id: str  # "null" when versioning was never enabled or is suspended
    last_modified: datetime
    blob: Blob | None = None
    etag: str = ""
    content_type: str = "binary/octet-stream"
    metadata: dict[str, str] = attrs.Factory(dict)
    #: ContentEncoding, ContentDisposition, CacheControl, ContentLanguage, Expires (as given).
    headers: dict[str, Any] = attrs.Factory(dict)
    checksum_algorithm: str | None = None
    checksum: str | None = None
    checksum_type: str | None = None
    storage_class: str = "STANDARD"
    tags: dict[str, str] = attrs.Factory(dict)
    delete_marker: bool = False
    #: Part sizes of an object made by a multipart upload (empty otherwise).
    parts: tuple[int, ...] = ()

    @property
    def size(self) -> int:
        return 0 if self.blob is None else self.blob.size


@attrs.define(eq=False)
class Part:
    number: int
    etag: str
    blob: Blob
    last_modified: datetime
    checksum: str | None = None


@attrs.define(eq=False)
class Upload:
    """A multipart upload in progress."""

    upload_id: str
    key: str
    initiated: datetime
    content_type: str
    metadata: dict[str, str]
    headers: dict[str, Any]
    checksum_algorithm: str | None
    checksum_type: str | None
    storage_class: str
    tags: dict[str, str]
    parts: dict[int, Part] = attrs.Factory(dict)


@attrs.define(eq=False)
class Bucket:
    name: str
    region: str
    created: datetime
    versioning: str = ""  # "", "Enabled" or "Suspended"
    versions: Any = attrs.Factory(SortedDict)  # key -> list[ObjectVersion], newest first
    live: Any = attrs.Factory(SortedDict)  # key -> current ObjectVersion (no markers)
    uploads: dict[str, Upload] = attrs.Factory(dict)
    tags: dict[str, str] | None = None
    cors: list[dict[str, Any]] | None = None
    notifications: dict[str, Any] = attrs.Factory(dict)
    sequencer: int = 0
    retired: set[str] = attrs.Factory(set)  # version ids once stored here, since removed

    def current(self, key: str) -> ObjectVersion | None:
        found = self.versions.get(key)
        return found[0] if found else None

    def find_version(self, key: str, version_id: str) -> ObjectVersion | None:
        v: ObjectVersion
        for v in self.versions.get(key, ()):
            if v.version_id == version_id:
                return v
        return None

    def add(self, version: ObjectVersion) -> list[ObjectVersion]:
        """Make ``version`` the key's current one; returns the versions it replaced (gone)."""
        key = version.key
        old = self.versions.get(key)
        gone: list[ObjectVersion] = []
        if old is None:
            self.versions[key] = [version]
        else:
            if version.version_id == "null" or not self.versioning:
                gone = [v for v in old if v.version_id == version.version_id]
                old = [v for v in old if v.version_id != version.version_id]
            old.insert(0, version)
            self.versions[key] = old
        if version.delete_marker:
            self.live.pop(key, None)
        else:
            self.live[key] = version
        return gone

    def remove_version(self, key: str, version_id: str) -> ObjectVersion | None:
        found = self.versions.get(key)
        if not found:
            return None
        v: ObjectVersion
        for i, v in enumerate(found):
            if v.version_id == version_id:
                del found[i]
                if version_id != "null":
                    self.retired.add(version_id)
                if not found:
                    del self.versions[key]
                    self.live.pop(key, None)
                elif i == 0:
                    head = found[0]
                    if head.delete_marker:
                        self.live.pop(key, None)
                    else:
                        self.live[key] = head
                return v
        return None

    def is_empty(self) -> bool:
        return not self.versions

    def blobs(self) -> Iterator[Blob]:
        for versions in self.versions.values():
            for v in versions:
                if v.blob is not None:
                    yield v.blob
        for up in self.uploads.values():
            for part in up.parts.values():
                yield part.blob

    def _check(self) -> None:
        """The invariants: ``live`` holds exactly each key's current non-marker version."""
        for key, versions in self.versions.items():
            assert versions, key
            head = versions[0]
            if head.delete_marker:
                assert key not in self.live, key
            else:
                assert self.live.get(key) is head, key
            ids = [v.version_id for v in versions]
            assert len(ids) == len(set(ids)), key
        assert set(self.live) <= set(self.versions)
