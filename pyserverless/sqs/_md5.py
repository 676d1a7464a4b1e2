"""The MD5 digests SQS returns: of a body, and of message (or system) attributes.

The attribute digest follows AWS's documented encoding ("Calculating the MD5 message
digest for message attributes"): the attributes sorted by name, each as its name, its
data type, a transport byte (1 for String and Number, 2 for Binary) and its value, every
variable part preceded by its length as a 4-byte big-endian integer.

>>> md5_of_body("hello")
'5d41402abc4b2a76b9719d911017c592'
>>> md5_of_attributes({"a": {"DataType": "String", "StringValue": "1"}})
'314c77b249893c6b3c765a42cc08b245'
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

__all__ = ["attribute_bytes", "md5_of_attributes", "md5_of_body"]


def md5_of_body(body: str) -> str:
    """The hex MD5 of the body's UTF-8 bytes."""
    return hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()


def _part(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def attribute_bytes(name: str, value: Mapping[str, Any]) -> bytes:
    """One attribute's encoding (the unit the digest hashes)."""
    kind = str(value["DataType"])
    out = _part(name.encode()) + _part(kind.encode())
    if kind.startswith("Binary"):
        raw = value.get("BinaryValue")
        data = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
        return out + b"\x02" + _part(data)
    return out + b"\x01" + _part(str(value.get("StringValue", "")).encode())


def md5_of_attributes(attributes: Mapping[str, Mapping[str, Any]]) -> str:
    """The hex MD5 of message attributes in AWS's encoding."""
    digest = hashlib.md5(usedforsecurity=False)
    for name in sorted(attributes):
        digest.update(attribute_bytes(name, attributes[name]))
    return digest.hexdigest()
