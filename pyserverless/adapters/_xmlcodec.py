"""S3's XML and body encodings, driven by botocore's shapes (REST-XML's codec).

* :func:`read_xml` turns a request payload (``<Delete>``, ``<Tagging>``...) into the
  params botocore's serialiser started from, member by member as the shape names them
  (flattened and wrapped lists, ``locationName``, scalars by type); XML that is not
  well formed raises :class:`MalformedXml`.
* :func:`write_xml` writes a response structure the way S3 does (members in the
  model's order, ISO 8601 timestamps with milliseconds, ``true``/``false``).
* :func:`decode_aws_chunked` reads an ``aws-chunked`` body (what current botocore
  sends for PutObject and UploadPart, with the checksum in a trailer).

>>> import botocore.session
>>> model = botocore.session.get_session().get_service_model("s3")
>>> shape = model.shape_for("Tagging")
>>> read_xml(b'<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>', shape)
{'TagSet': [{'Key': 'k', 'Value': 'v'}]}
>>> write_xml("Tagging", shape, {"TagSet": [{"Key": "k", "Value": "v"}]})[39:]
b'<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>'
>>> decode_aws_chunked(b"3\\r\\nabc\\r\\n0\\r\\nx-amz-checksum-crc32:NSRBwg==\\r\\n\\r\\n")
(b'abc', {'x-amz-checksum-crc32': 'NSRBwg=='})
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

__all__ = [
    "S3_NS",
    "BadChunks",
    "MalformedXml",
    "decode_aws_chunked",
    "iso_time",
    "read_xml",
    "write_xml",
]

S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_DECL = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


class MalformedXml(Exception):
    """A request payload that is not well-formed XML, or not the shape's (MalformedXML)."""


class BadChunks(Exception):
    """An ``aws-chunked`` body whose framing is broken (IncompleteBody)."""


# -- reading -------------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def read_xml(body: bytes, shape: Any) -> Any:
    """The params of a request's XML payload, read as ``shape`` says."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, ValueError):
        raise MalformedXml() from None
    return _read(root, shape)


def _read(elem: Any, shape: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return _read_struct(elem, shape)
    if kind == "list":
        item = shape.member.serialization.get("name", "member")
        return [_read(c, shape.member) for c in elem if _local(c.tag) == item]
    if kind == "map":
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        out = {}
        for entry in elem:
            parts = {_local(c.tag): c for c in entry}
            if key_name in parts and value_name in parts:
                out[parts[key_name].text or ""] = _read(parts[value_name], shape.value)
        return out
    return _scalar(elem.text or "", shape)


def _read_struct(elem: Any, shape: Any) -> dict[str, Any]:
    children: dict[str, list[Any]] = {}
    for child in elem:
        children.setdefault(_local(child.tag), []).append(child)
    out: dict[str, Any] = {}
    for name, member in shape.members.items():
        ser = member.serialization
        wire = ser.get("name", name)
        if ser.get("xmlAttribute"):
            value = elem.attrib.get(wire) or elem.attrib.get(f"{{{_XSI}}}{wire.partition(':')[2]}")
            if value is not None:
                out[name] = value
            continue
        found = children.get(wire)
        if not found:
            continue
        if member.type_name == "list" and ser.get("flattened"):
            out[name] = [_read(c, member.member) for c in found]
        else:
            out[name] = _read(found[0], member)
    return out


def _scalar(text: str, shape: Any) -> Any:
    kind = shape.type_name
    try:
        if kind in ("integer", "long"):
            return int(text)
        if kind in ("float", "double"):
            return float(text)
        if kind == "boolean":
            if text not in ("true", "false"):
                raise MalformedXml()
            return text == "true"
        if kind == "timestamp":
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        if kind == "blob":
            return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise MalformedXml() from None
    return text


# -- writing -------------------------------------------------------------------------------
def iso_time(value: datetime) -> str:
    """S3's XML timestamp: ``2025-01-01T00:00:00.000Z``.

    >>> iso_time(datetime(2025, 1, 1, tzinfo=UTC))
    '2025-01-01T00:00:00.000Z'
    """
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _text(value: Any) -> str:
    if type(value) is str:
        return value.translate(_ESCAPES)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode()
    return str(value).translate(_ESCAPES)


def write_xml(root: str, shape: Any, value: Any) -> bytes:
    """An XML document of ``value`` under ``<root xmlns="...">``, as ``shape`` lays it out."""
    out: list[str] = []
    _write(out, root, shape, value, f' xmlns="{S3_NS}"')
    return _DECL + "".join(out).encode()


def _write(out: list[str], tag: str, shape: Any, value: Any, attrs: str = "") -> None:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return
        members = shape.members
        for name, member in members.items():
            ser = member.serialization
            if ser.get("xmlAttribute") and value.get(name) is not None:
                wire = ser.get("name", name)
                if wire.startswith("xsi:"):
                    attrs += f' xmlns:xsi="{_XSI}"'
                attrs += f' {wire}="{_text(value[name])}"'
        out.append(f"<{tag}{attrs}>")
        for name, member in members.items():
            item = value.get(name)
            ser = member.serialization
            if item is None or "location" in ser or ser.get("xmlAttribute"):
                continue
            wire = ser.get("name", name)
            if member.type_name == "list" and ser.get("flattened"):
                for one in item:
                    _write(out, wire, member.member, one)
            else:
                _write(out, wire, member, item)
        out.append(f"</{tag}>")
    elif kind == "list":
        item_name = shape.member.serialization.get("name", "member")
        out.append(f"<{tag}{attrs}>")
        for one in value:
            _write(out, item_name, shape.member, one)
        out.append(f"</{tag}>")
    elif kind == "map":
        out.append(f"<{tag}{attrs}>")
        for key, one in value.items():
            out.append(f"<entry><key>{_text(key)}</key>")
            _write(out, "value", shape.value, one)
            out.append("</entry>")
        out.append(f"</{tag}>")
    else:
        out.append(f"<{tag}{attrs}>{_text(value)}</{tag}>")


def error_xml(fields: dict[str, Any]) -> bytes:
    """S3's error document: ``<Error><Code>..</Code><Message>..</Message>...</Error>``.

    >>> error_xml({"Code": "NoSuchKey", "Message": "m", "Key": "a&b"})[39:]
    b'<Error><Code>NoSuchKey</Code><Message>m</Message><Key>a&amp;b</Key></Error>'
    """
    parts = [f"<{k}>{_text(v)}</{k}>" for k, v in fields.items() if v is not None]
    return _DECL + ("<Error>" + "".join(parts) + "</Error>").encode()


# -- aws-chunked -----------------------------------------------------------------------------
def decode_aws_chunked(body: bytes) -> tuple[bytes, dict[str, str]]:
    """The data of an ``aws-chunked`` body and its trailing headers (lower-case names).

    Each chunk is ``<hex size>[;chunk-signature=...]\\r\\n<data>\\r\\n``; a zero-size
    chunk ends the data, then trailer lines ``name:value`` and an empty line.
    """
    out: list[bytes] = []
    at = 0
    end = len(body)
    while True:
        eol = body.find(b"\r\n", at)
        if eol < 0:
            raise BadChunks()
        head = body[at:eol].split(b";", 1)[0].strip()
        try:
            size = int(head, 16)
        except ValueError:
            raise BadChunks() from None
        at = eol + 2
        if size == 0:
            break
        if at + size + 2 > end or body[at + size : at + size + 2] != b"\r\n":
            raise BadChunks()
        out.append(body[at : at + size])
        at += size + 2
    trailers: dict[str, str] = {}
    for line in body[at:].split(b"\r\n"):
        if not line.strip():
            continue
        name, colon, value = line.decode("latin-1").partition(":")
        if not colon:
            raise BadChunks()
        trailers[name.strip().lower()] = value.strip()
    return b"".join(out), trailers
