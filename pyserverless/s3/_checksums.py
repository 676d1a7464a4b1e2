"""Body digests: MD5 (ETags), and S3's flexible checksums CRC32, CRC32C, SHA1, SHA256.

A :class:`Digests` is fed the body chunk by chunk as it arrives, so a large body is
hashed once, without holding it twice. CRC32C comes from ``awscrt`` when it is
importable, else from a small table implementation here (slow: ~10 MB/s; only bodies
that ask for CRC32C pay for it).

>>> d = Digests("CRC32C")
>>> d.update(b"123456789")
>>> d.md5_hex, d.checksum()
('25f9e794323b453885f5181f1b624d0b', '4waSgw==')
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zlib
from collections.abc import Callable
from typing import Any

__all__ = ["ALGORITHMS", "Digests", "crc32c", "encode_checksum", "header_name"]

#: ChecksumAlgorithm values S3 emulates here, and each one's digest length in bytes.
ALGORITHMS: dict[str, int] = {"CRC32": 4, "CRC32C": 4, "SHA1": 20, "SHA256": 32}


def _table() -> list[int]:
    poly = 0x82F63B78  # CRC-32C (Castagnoli), reflected
    out = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        out.append(c)
    return out


_TABLE = _table()


def _crc32c_py(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    table = _TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _crc32c_impl() -> Callable[[bytes, int], int]:
    try:  # awscrt's C implementation, as botocore uses when it is installed
        from awscrt import checksums  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return _crc32c_py
    fn: Callable[[bytes, int], int] = checksums.crc32c
    return fn


crc32c: Callable[[bytes, int], int] = _crc32c_impl()


class _Crc:
    def __init__(self, fn: Callable[[bytes, int], int]) -> None:
        self.fn = fn
        self.value = 0

    def update(self, data: bytes) -> None:
        self.value = self.fn(data, self.value)

    def digest(self) -> bytes:
        return self.value.to_bytes(4, "big")


def _hasher(algorithm: str) -> Any:
    if algorithm == "CRC32":
        return _Crc(zlib.crc32)
    if algorithm == "CRC32C":
        return _Crc(crc32c)
    return hashlib.new(algorithm.lower().replace("sha", "sha"))


class Digests:
    """The MD5 of a body and, optionally, one flexible checksum, fed in chunks."""

    __slots__ = ("_check", "_md5", "algorithm", "size")

    def __init__(self, algorithm: str | None = None) -> None:
        self._md5 = hashlib.md5(usedforsecurity=False)
        self.algorithm = algorithm
        self._check = None if algorithm is None else _hasher(algorithm)
        self.size = 0

    def update(self, data: bytes) -> None:
        self._md5.update(data)
        if self._check is not None:
            self._check.update(data)
        self.size += len(data)

    @property
    def md5(self) -> bytes:
        return self._md5.digest()

    @property
    def md5_hex(self) -> str:
        return self._md5.hexdigest()

    def checksum(self) -> str | None:
        """The flexible checksum as S3 shows it (Base64 of the big-endian digest)."""
        if self._check is None:
            return None
        return base64.b64encode(self._check.digest()).decode("ascii")


def encode_checksum(algorithm: str, data: bytes) -> str:
    """The checksum of ``data`` as S3 shows it.

    >>> encode_checksum("CRC32", b"hello"), encode_checksum("SHA1", b"")
    ('NhCmhg==', '2jmj7l5rSw0yVb/vlWAYkK/YBwk=')
    """
    h = _hasher(algorithm)
    h.update(data)
    return base64.b64encode(h.digest()).decode("ascii")


def decoded_length(value: str) -> int | None:
    """The number of bytes a Base64 checksum value decodes to (None: not Base64)."""
    try:
        return len(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        return None


def header_name(algorithm: str) -> str:
    """``x-amz-checksum-crc32`` for ``CRC32``."""
    return "x-amz-checksum-" + algorithm.lower()
